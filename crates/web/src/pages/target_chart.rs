//! The chart of one indicator (chỉ tiêu), drawn on the server as SVG: a
//! column per year with an actual value, and a marker at each target
//! year (2025, 2030 …) at the value to reach. No script, and it prints.

use std::fmt::Write;

use crate::svg::escape;

pub use theodoi_core::vi::number_vi as number;

/// Reads a number typed the Vietnamese way ("5.200", "6,3", "750.000")
/// or the programmers' way ("6.3").
pub fn parse_number(s: &str) -> Option<f64> {
    let s: String = s.trim().chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() {
        return None;
    }
    let plain = if s.contains(',') {
        s.replace('.', "").replace(',', ".")
    } else if is_grouped_thousands(&s) {
        s.replace('.', "")
    } else {
        s
    };
    plain.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// "5.200" or "1.000.000": dots that can only be thousands separators.
fn is_grouped_thousands(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let mut parts = digits.split('.');
    let first = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    !rest.is_empty()
        && (1..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_digit())
        && rest.iter().all(|p| p.len() == 3 && p.chars().all(|c| c.is_ascii_digit()))
}

/// Columns for the actual values by year and markers for the goals by
/// year, on one scale; `title` names the chart for screen readers.
pub fn indicator_chart(title: &str, unit: &str, actuals: &[(i64, f64)], goals: &[(i64, f64)]) -> String {
    const W: i64 = 520;
    const H: i64 = 200;
    const LEFT: i64 = 10;
    const BOTTOM: i64 = 24;
    const TOP: i64 = 22;
    let years: Vec<i64> = actuals.iter().chain(goals).map(|(y, _)| *y).collect();
    let (Some(&first), Some(&last)) = (years.iter().min(), years.iter().max()) else {
        return String::new();
    };
    // The axis opens four years before the first target (a plan's usual
    // span), so the years whose actuals are still to come have their place.
    let first = goals.iter().map(|(y, _)| y - 4).min().map_or(first, |g| g.min(first));
    let span = (last - first + 1).clamp(1, 30);
    let max = actuals.iter().chain(goals).map(|(_, v)| v.abs()).fold(0.0_f64, f64::max).max(f64::MIN_POSITIVE);
    let col = (W - LEFT) / span;
    let x = |year: i64| LEFT + (year - first).clamp(0, span - 1) * col;
    let y = |v: f64| TOP + ((H - TOP - BOTTOM) as f64 * (1.0 - v.abs() / max)).round() as i64;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" role="img" viewBox="0 0 {W} {H}" width="{W}" height="{H}" xmlns="http://www.w3.org/2000/svg"><title>{}</title>"#,
        escape(title)
    );
    let base = H - BOTTOM;
    let _ =
        write!(svg, r#"<line x1="{LEFT}" y1="{base}" x2="{W}" y2="{base}" stroke="currentColor" stroke-width="1"/>"#);
    for year in first..=last {
        let _ = write!(svg, r#"<text x="{}" y="{}" text-anchor="middle">{year}</text>"#, x(year) + col / 2, H - 6);
    }
    for (year, value) in actuals {
        let top = y(*value);
        let _ = write!(
            svg,
            r#"<rect class="st-progress" x="{}" y="{top}" width="{}" height="{}" rx="2"><title>{year}: {} {}</title></rect><text x="{}" y="{}" text-anchor="middle">{}</text>"#,
            x(*year) + col / 6,
            (col * 2 / 3).max(2),
            (base - top).max(1),
            number(*value),
            escape(unit),
            x(*year) + col / 2,
            top - 4,
            number(*value)
        );
    }
    for (year, value) in goals {
        let top = y(*value);
        let _ = write!(
            svg,
            r#"<line class="goal" x1="{}" y1="{top}" x2="{}" y2="{top}" stroke="rgb(180,35,24)" stroke-width="3" stroke-dasharray="6 3"><title>Mục tiêu {year}: {} {}</title></line><text x="{}" y="{}" text-anchor="middle" fill="rgb(180,35,24)">MT {}</text>"#,
            x(*year),
            x(*year) + col,
            number(*value),
            escape(unit),
            x(*year) + col / 2,
            (top - 4).max(10),
            number(*value)
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_and_written_the_vietnamese_way() {
        assert_eq!(number(5200.0), "5.200");
        assert_eq!(number(6.3), "6,3");
        assert_eq!(number(750000.0), "750.000");
        assert_eq!(number(-1234.5), "-1.234,5");
        assert_eq!(parse_number("5.200"), Some(5200.0));
        assert_eq!(parse_number("6,3"), Some(6.3));
        assert_eq!(parse_number("1.234,5"), Some(1234.5));
        assert_eq!(parse_number("6.3"), Some(6.3));
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number(""), None);
    }

    #[test]
    fn the_chart_has_a_column_per_actual_and_a_marker_per_goal() {
        let svg = indicator_chart("Tỷ lệ <trường>", "%", &[(2021, 70.0), (2022, 74.5)], &[(2025, 81.0), (2030, 95.0)]);
        assert_eq!(svg.matches("<rect").count(), 2);
        assert_eq!(svg.matches("class=\"goal\"").count(), 2);
        assert!(svg.contains(">2030</text>") && svg.contains(">2021</text>"), "every year on the axis");
        assert!(svg.contains("Tỷ lệ &lt;trường&gt;"));
        assert!(indicator_chart("x", "", &[], &[]).is_empty());
    }
}
