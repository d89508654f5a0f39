//! Labelled fields under a task: "- Cơ quan chủ trì: …", "+ Thời hạn ban
//! hành: …", "* Đơn vị phối hợp: …", or several on one line.

use super::assign::starts;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldKind {
    Lead,
    /// "Cơ quan thực hiện": the lead, unless it says "X chủ trì, phối hợp với Y".
    Executor,
    Coordinating,
    Deadline,
    Product,
    Content,
    Ignored,
}

/// Known labels, longest first so "cơ quan chủ trì thực hiện" wins over
/// "cơ quan chủ trì".
const LABELS: &[(&str, FieldKind)] = &[
    ("cơ quan chủ trì thực hiện", FieldKind::Lead),
    ("đơn vị chủ trì thực hiện", FieldKind::Lead),
    ("cơ quan phối hợp thực hiện", FieldKind::Coordinating),
    ("đơn vị phối hợp thực hiện", FieldKind::Coordinating),
    ("cơ quan chủ trì", FieldKind::Lead),
    ("đơn vị chủ trì", FieldKind::Lead),
    ("cơ quan soạn thảo", FieldKind::Lead),
    ("cơ quan thực hiện", FieldKind::Executor),
    ("đơn vị thực hiện", FieldKind::Executor),
    ("cơ quan phối hợp", FieldKind::Coordinating),
    ("đơn vị phối hợp", FieldKind::Coordinating),
    ("thời gian thực hiện", FieldKind::Deadline),
    ("thời gian hoàn thành", FieldKind::Deadline),
    ("thời hạn hoàn thành", FieldKind::Deadline),
    ("thời hạn ban hành", FieldKind::Deadline),
    ("thời hạn thực hiện", FieldKind::Deadline),
    ("thời hạn trình", FieldKind::Deadline),
    ("thời gian trình", FieldKind::Deadline),
    ("tiến độ thực hiện", FieldKind::Deadline),
    ("tiến độ hoàn thành", FieldKind::Deadline),
    ("sản phẩm dự kiến", FieldKind::Product),
    ("kết quả dự kiến", FieldKind::Product),
    ("kết quả đầu ra", FieldKind::Product),
    ("hình thức văn bản", FieldKind::Product),
    ("nội dung thực hiện", FieldKind::Content),
    ("kinh phí thực hiện", FieldKind::Ignored),
    ("nguồn kinh phí", FieldKind::Ignored),
    ("cơ quan thẩm tra", FieldKind::Ignored),
    ("cơ quan trình", FieldKind::Ignored),
    ("thời hạn", FieldKind::Deadline),
    ("thời gian", FieldKind::Deadline),
    ("tiến độ", FieldKind::Deadline),
    ("sản phẩm", FieldKind::Product),
    ("kết quả", FieldKind::Product),
    ("hình thức", FieldKind::Product),
    ("nội dung", FieldKind::Content),
    ("kinh phí", FieldKind::Ignored),
    ("cấp trình", FieldKind::Ignored),
    ("ghi chú", FieldKind::Ignored),
    ("chủ trì", FieldKind::Lead),
    ("phối hợp", FieldKind::Coordinating),
];

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Field {
    pub kind: FieldKind,
    pub value: String,
}

/// Label at byte `at` of the lowered text: its kind and the offset just
/// after the colon.
fn label_at(l: &str, at: usize) -> Option<(FieldKind, usize)> {
    let rest = l.get(at..)?;
    LABELS.iter().find_map(|(label, kind)| {
        let after = rest.strip_prefix(label)?;
        let trimmed = after.trim_start();
        trimmed.starts_with(':').then(|| (*kind, at + label.len() + (after.len() - trimmed.len()) + 1))
    })
}

/// The fields of a block that starts with a known label; `None` otherwise.
#[cfg(test)]
pub(crate) fn parse_fields(text: &str) -> Option<Vec<Field>> {
    parse_fields_low(text, &super::assign::lower(text))
}

/// `parse_fields` given `l`, `lower(text)`.
pub(crate) fn parse_fields_low(text: &str, l: &str) -> Option<Vec<Field>> {
    if !text.contains(':') {
        return None;
    }
    let lb = l.as_bytes();
    if !LABELS.iter().any(|(label, _)| starts(lb, label)) {
        return None;
    }
    let (mut kind, mut from) = label_at(l, 0)?;
    let mut out = Vec::new();
    loop {
        let next = next_label(l, from);
        let end = next.map_or(text.len(), |(sep, _, _)| sep);
        let value = text.get(from..end).unwrap_or("").trim().trim_end_matches([';', '.', ',']).trim().to_string();
        out.push(Field { kind, value });
        match next {
            Some((_, k, after)) => {
                kind = k;
                from = after;
            }
            None => return Some(out),
        }
    }
}

/// The next "; Label:" / ". Label:" / ", Label:" in a one-line field block.
fn next_label(l: &str, from: usize) -> Option<(usize, FieldKind, usize)> {
    let hay = l.get(from..)?;
    for (i, c) in hay.char_indices() {
        if matches!(c, ';' | '.' | ',') {
            let start = from + i + 1;
            let ws = l.get(start..)?.len() - l.get(start..)?.trim_start().len();
            if ws > 0 {
                if let Some((k, after)) = label_at(l, start + ws) {
                    return Some((from + i, k, after));
                }
            }
        }
    }
    None
}

/// "Label: value" with a short label the reader does not know.
pub(crate) fn unknown_label(text: &str) -> Option<&str> {
    let (label, value) = text.split_once(':')?;
    let words = label.split_whitespace().count();
    let ok = (1..=5).contains(&words)
        && label.chars().next().is_some_and(char::is_uppercase)
        && !label.chars().any(|c| c.is_ascii_digit() || matches!(c, ',' | '(' | '.'))
        && !value.trim().is_empty();
    ok.then_some(label.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_one_line_fields() {
        let f =
            parse_fields("Đơn vị chủ trì: Sở Y tế; Đơn vị phối hợp: Sở Tài chính; Thời gian hoàn thành: Quý IV/2021.")
                .unwrap();
        assert_eq!(f.len(), 3);
        assert_eq!(f[0], Field { kind: FieldKind::Lead, value: "Sở Y tế".into() });
        assert_eq!(f[1].kind, FieldKind::Coordinating);
        assert_eq!(f[2].value, "Quý IV/2021");
        assert!(parse_fields("Sở Y tế chủ trì, phối hợp với các đơn vị liên quan:").is_none());
    }
}
