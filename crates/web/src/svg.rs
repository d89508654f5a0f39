//! Charts drawn on the server as SVG: no script, no library, and they
//! print. Every text that goes into the picture is escaped here.

use std::fmt::Write;

/// One bar: a label, a value and the CSS class giving its colour.
pub struct Bar<'a> {
    pub label: &'a str,
    pub value: usize,
    pub class: &'a str,
}

/// Escapes text for SVG/HTML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Horizontal bars, one per line, scaled to the largest value; `title`
/// names the chart for screen readers.
pub fn bars(title: &str, bars: &[Bar]) -> String {
    const LABEL_W: usize = 190;
    const BAR_W: usize = 300;
    const ROW_H: usize = 26;
    let width = LABEL_W + BAR_W + 60;
    let height = bars.len() * ROW_H + 8;
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg"><title>{}</title>"#,
        escape(title)
    );
    for (i, b) in bars.iter().enumerate() {
        let y = i * ROW_H + 4;
        let w = if b.value == 0 { 0 } else { (b.value * BAR_W / max).max(2) };
        let _ = write!(
            svg,
            r#"<text x="0" y="{ty}">{label}</text><rect class="{class}" x="{LABEL_W}" y="{y}" width="{w}" height="18" rx="2"/><text x="{vx}" y="{ty}">{value}</text>"#,
            ty = y + 14,
            label = escape(b.label),
            class = escape(b.class),
            vx = LABEL_W + w + 6,
            value = b.value,
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_and_escape_labels() {
        let svg = bars(
            "Tình trạng",
            &[
                Bar { label: "Quá hạn <16>", value: 16, class: "st-overdue" },
                Bar { label: "Xong", value: 8, class: "st-done" },
            ],
        );
        assert!(svg.contains(r#"width="300" height="18""#), "{svg}");
        assert!(svg.contains(r#"width="150" height="18""#), "{svg}");
        assert!(svg.contains("Quá hạn &lt;16&gt;"));
        assert!(!svg.contains("<16>"));
    }
}
