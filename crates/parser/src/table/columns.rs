//! What each column of a task table holds, read from its header words, and
//! the small cell tests every layout shares (row numbers, Roman group
//! numerals, cleaning).

use std::borrow::Cow;

use crate::fold::fold;

/// The role a header gives its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Number,
    Title,
    Lead,
    /// "Cơ quan trình": the lead only when no "soạn thảo" column exists.
    Submitter,
    Coordinating,
    Product,
    Deadline,
    Other,
}

/// Whether `padded` (see [`padded_words`]) holds one of the phrases as
/// whole words; no allocation, as headers are tested often.
fn any_phrase(padded: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|p| crate::text::has_phrase(padded, p))
}

/// Folded words with punctuation turned into spaces, padded with spaces so
/// phrases match on word boundaries ("ten" must not match "tien do").
fn padded_words(s: &str) -> String {
    let cleaned: String = s.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    format!(" {} ", fold(&cleaned))
}

/// "STT", "Số TT", "Số thứ tự": the header of a number column. Cheap
/// enough to run on every short paragraph.
pub(super) fn is_number_header(s: &str) -> bool {
    s.len() <= 16
        && s.starts_with(['S', 's', 'T', 't'])
        && matches!(fold(s).trim_end_matches(['.', ':']), "tt" | "stt" | "so tt" | "so thu tu" | "thu tu")
}

/// Checks run most specific first: "Thời gian thực hiện" is a deadline even
/// though "thực hiện" alone names the lead, and "Đơn vị tính" is no agency.
pub(super) fn role_of(header: &str) -> Role {
    let p = padded_words(header);
    let bare = p.trim();
    if matches!(bare, "tt" | "stt" | "so tt" | "so thu tu" | "thu tu" | "so") {
        return Role::Number;
    }
    if any_phrase(&p, &["don vi tinh", "dvt", "kinh phi", "ghi chu", "chi tieu"]) {
        return Role::Other;
    }
    if any_phrase(&p, &["phoi hop", "tham tra", "chuan bi y kien"]) {
        return Role::Coordinating;
    }
    if any_phrase(&p, &["co quan trinh", "don vi trinh"]) {
        return Role::Submitter;
    }
    if any_phrase(&p, &["thoi gian", "thoi han", "tien do", "hoan thanh", "bat dau", "ket thuc", "moc"]) {
        return Role::Deadline;
    }
    if any_phrase(&p, &["chu tri", "soan thao", "thuc hien", "trach nhiem", "co quan", "don vi"]) {
        return Role::Lead;
    }
    if any_phrase(&p, &["san pham", "ket qua", "ho so"]) {
        return Role::Product;
    }
    if any_phrase(
        &p,
        &["noi dung", "nhiem vu", "ten", "cong viec", "de an", "giai phap", "hoat dong", "van ban", "chuong trinh"],
    ) {
        return Role::Title;
    }
    Role::Other
}

/// Column indexes by role, for one table.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Columns {
    pub number: Option<usize>,
    pub title: Option<usize>,
    pub lead: Vec<usize>,
    pub coordinating: Vec<usize>,
    pub product: Vec<usize>,
    pub deadline: Vec<usize>,
    pub other: Vec<usize>,
    /// Combined header text of every column.
    pub labels: Vec<String>,
}

impl Columns {
    /// When a table names both the submitting body ("Cơ quan trình") and the
    /// drafting body ("Cơ quan soạn thảo"), the drafter does the work and is
    /// the lead; the submitter is listed with the coordinating agencies.
    pub(super) fn from_header(labels: Vec<String>) -> Columns {
        let mut cols = Columns::default();
        let mut submitters = Vec::new();
        let mut has_drafter = false;
        for (i, label) in labels.iter().enumerate() {
            match role_of(label) {
                Role::Number if cols.number.is_none() => cols.number = Some(i),
                Role::Title if cols.title.is_none() => cols.title = Some(i),
                Role::Lead => {
                    has_drafter |= fold(label).contains("soan thao");
                    cols.lead.push(i);
                }
                Role::Submitter => submitters.push(i),
                Role::Coordinating => cols.coordinating.push(i),
                Role::Product => cols.product.push(i),
                Role::Deadline => cols.deadline.push(i),
                _ => cols.other.push(i),
            }
        }
        if has_drafter || !cols.lead.is_empty() {
            let mut coord = submitters;
            coord.append(&mut cols.coordinating);
            cols.coordinating = coord;
        } else {
            cols.lead = submitters;
        }
        cols.labels = labels;
        cols
    }

    /// A task table says what is done and by whom or by when; indicator
    /// tables (Chỉ tiêu | ĐVT | 2025 …) do not.
    pub(super) fn is_task_table(&self) -> bool {
        self.title.is_some() && (!self.lead.is_empty() || !self.deadline.is_empty())
    }

    pub(super) fn len(&self) -> usize {
        self.labels.len()
    }
}

/// One header row, or two combined: the upper cell names a span ("Cơ quan",
/// "Thời gian") and the lower cells its parts ("Chủ trì", "Bắt đầu"). A lower
/// row shorter than the upper one (spans flattened away) sits under the last
/// upper cell.
pub(super) fn combine_header(rows: &[Vec<String>]) -> Vec<String> {
    let mut out: Vec<String> = match rows {
        [] => Vec::new(),
        [one] => one.clone(),
        [top, bottom, ..] if bottom.len() < top.len() => {
            let mut out: Vec<String> = top.iter().take(top.len().saturating_sub(1)).cloned().collect();
            let parent = top.last().map(String::as_str).unwrap_or("");
            out.extend(bottom.iter().map(|b| join_words(parent, b)));
            out
        }
        [top, bottom, ..] => {
            let mut carry = "";
            (0..bottom.len().max(top.len()))
                .map(|i| {
                    let t = top.get(i).map(|s| s.trim()).unwrap_or("");
                    let b = bottom.get(i).map(|s| s.trim()).unwrap_or("");
                    if !t.is_empty() {
                        carry = t;
                        join_words(t, b)
                    } else if !b.is_empty() {
                        join_words(carry, b)
                    } else {
                        String::new()
                    }
                })
                .collect()
        }
    };
    while out.last().is_some_and(|s| s.trim().is_empty()) {
        out.pop();
    }
    out
}

fn join_words(a: &str, b: &str) -> String {
    match (a.trim(), b.trim()) {
        ("", b) => b.to_string(),
        (a, "") => a.to_string(),
        (a, b) => format!("{a} {b}"),
    }
}

/// A lower header row: short cells that name columns or years, no row
/// number.
pub(super) fn is_subheader(cells: &[String]) -> bool {
    let filled: Vec<&str> = cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
    !filled.is_empty()
        && filled.iter().all(|c| {
            c.chars().count() <= 40
                && !is_row_number(c)
                && roman_prefix(c).is_none()
                && (role_of(c) != Role::Other || has_year(c) || is_period_word(c))
        })
}

fn is_period_word(c: &str) -> bool {
    matches!(fold(c).as_str(), "nam" | "quy" | "thang" | "tu" | "den" | "tu ngay" | "den ngay")
}

fn has_year(c: &str) -> bool {
    let digits: Vec<char> = c.chars().collect();
    digits.windows(4).any(|w| w.iter().all(char::is_ascii_digit) && (w[0] == '1' || w[0] == '2'))
}

/// "1", "12.", "2.3", "2.10": a task or group number (not "27.000", a value).
pub(super) fn is_row_number(s: &str) -> bool {
    let s = s.trim();
    let s = s.strip_suffix('.').unwrap_or(s);
    // The first part must be digits: most cells fail here, before a split.
    if !s.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return false;
    }
    s.split('.').enumerate().all(|(i, p)| {
        let max = if i == 0 { 3 } else { 2 };
        i < 3 && !p.is_empty() && p.len() <= max && p.bytes().all(|b| b.is_ascii_digit())
    })
}

/// A Roman numeral opening the cell ("II", "IV.", "III. Tên nhóm") with the
/// text after it.
pub(super) fn roman_prefix(s: &str) -> Option<(u32, &str)> {
    let s = s.trim();
    let end = s.find(|c: char| !matches!(c, 'I' | 'V' | 'X' | 'L')).unwrap_or(s.len());
    let (numeral, rest) = (s.get(..end)?, s.get(end..)?);
    if numeral.is_empty() || numeral.len() > 7 {
        return None;
    }
    let follows_ok = rest.is_empty() || rest.starts_with(['.', ')', ' ', ':', '-']);
    if !follows_ok {
        return None;
    }
    let value = roman_value(numeral)?;
    let rest = rest.trim_start_matches(['.', ')', ':', '-']).trim();
    Some((value, rest))
}

fn roman_value(s: &str) -> Option<u32> {
    let digit = |c: char| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        _ => 0,
    };
    let vals: Vec<i64> = s.chars().map(digit).collect();
    let mut total = 0i64;
    for (i, v) in vals.iter().enumerate() {
        match vals.get(i + 1) {
            Some(next) if next > v => total -= v,
            _ => total += v,
        }
    }
    let total = u32::try_from(total).ok()?;
    // "IIV" and other malformed numerals read as words, not numbers.
    (total > 0 && total <= 60 && to_roman(total) == s).then_some(total)
}

fn to_roman(mut n: u32) -> String {
    let table = [(50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut out = String::new();
    for (v, s) in table {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// "(1)", "(2)" …: the column-number row many tables put under the header.
pub(super) fn is_column_number(s: &str) -> bool {
    let s = s.trim();
    s.strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .is_some_and(|d| !d.is_empty() && d.len() <= 2 && d.bytes().all(|b| b.is_ascii_digit()))
}

/// A row of column numbers: "(1) | (2) | (3)" or "1 | 2 | 3 | 4".
pub(super) fn is_column_number_row(cells: &[Cow<str>]) -> bool {
    let filled: Vec<&str> = cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
    filled.len() >= 3
        && (filled.iter().all(|c| is_column_number(c))
            || filled.iter().enumerate().all(|(i, c)| c.parse::<usize>().ok() == Some(i + 1)))
}

/// What may open a row: a number, a Roman numeral, or a sub-item mark.
pub(super) fn is_row_start(s: &str) -> bool {
    let s = s.trim();
    is_row_number(s) || roman_prefix(s).is_some() || matches!(s, "-" | "+" | "*" | "–") || is_letter_item(s)
}

fn is_letter_item(s: &str) -> bool {
    let mut chars = s.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some(')'), None) if c.is_lowercase())
}

/// Cell text for output: footnote markers ("[1]") and HTML line breaks
/// dropped, "- A; - B" bullets turned into "A; B", spaces collapsed.
pub(super) fn clean_cell(s: &str) -> String {
    let cleaned;
    // One SIMD search for both marks' first bytes; most cells have neither.
    let s = if memchr::memchr2(b'[', b'<', s.as_bytes()).is_some() && (s.contains('[') || s.contains("<br")) {
        cleaned = drop_marks(s);
        cleaned.as_str()
    } else {
        s
    };
    let joined = if crate::text::is_collapsed(s) { s.to_string() } else { crate::text::collapse_whitespace(s) };
    let debulleted = match joined.strip_prefix("- ") {
        Some(body) => body.replace("; - ", "; ").replace(". - ", "; "),
        None => joined,
    };
    let t = debulleted.trim();
    if t.len() == debulleted.len() {
        debulleted
    } else {
        t.to_string()
    }
}

/// Footnote markers ("[1]") and HTML line breaks out of a cell.
fn drop_marks(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let after = rest.get(open + 1..).unwrap_or("");
        let close = after.find(']');
        match close {
            Some(c) if c > 0 && c <= 3 && after.get(..c).is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit())) => {
                out.push_str(rest.get(..open).unwrap_or(""));
                rest = after.get(c + 1..).unwrap_or("");
            }
            _ => {
                out.push_str(rest.get(..=open).unwrap_or(""));
                rest = after;
            }
        }
    }
    out.push_str(rest);
    if out.contains("<br") {
        out = out.replace("<br/>", " ").replace("<br />", " ").replace("<br>", " ");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_from_header_words() {
        let cases = [
            ("Số TT", Role::Number),
            ("STT", Role::Number),
            ("Nội dung chương trình, đề án, cơ chế, chính sách", Role::Title),
            ("Đơn vị chủ trì thực hiện tại tỉnh", Role::Lead),
            ("Đơn vị phối hợp", Role::Coordinating),
            ("Sản phẩm", Role::Product),
            ("Thời gian báo cáo UBND tỉnh", Role::Deadline),
            ("Thời gian thực hiện", Role::Deadline),
            ("Cơ quan trình", Role::Submitter),
            ("Cơ quan thẩm tra/chuẩn bị ý kiến", Role::Coordinating),
            ("Tiến độ", Role::Deadline),
            ("Hồ sơ", Role::Product),
            ("Tên văn bản", Role::Title),
            ("ĐVT", Role::Other),
            ("Chỉ tiêu", Role::Other),
            ("Nguồn kinh phí", Role::Other),
        ];
        for (h, r) in cases {
            assert_eq!(role_of(h), r, "{h}");
        }
    }

    #[test]
    fn numbers_and_numerals() {
        assert!(is_row_number("12."));
        assert!(is_row_number("2.10"));
        assert!(!is_row_number("27.000"));
        assert!(!is_row_number("2025"));
        assert_eq!(roman_prefix("IV. Tên nhóm"), Some((4, "Tên nhóm")));
        assert_eq!(roman_prefix("II"), Some((2, "")));
        assert_eq!(roman_prefix("IV"), Some((4, "")));
        assert_eq!(roman_prefix("XIX"), Some((19, "")));
        assert_eq!(roman_prefix("IIII"), None);
        assert_eq!(roman_prefix("Văn bản"), None);
    }

    #[test]
    fn cleans_footnotes_and_bullets() {
        assert_eq!(clean_cell("Ủy ban Đối ngoại [3] (Văn phòng)"), "Ủy ban Đối ngoại (Văn phòng)");
        assert_eq!(clean_cell("- Sở A; - Sở B"), "Sở A; Sở B");
        assert_eq!(clean_cell("a [x] b"), "a [x] b");
        assert_eq!(clean_cell("Sở A<br>Sở B"), "Sở A Sở B");
        for (raw, want) in [
            (" Sở  A\tvà\u{00A0}B ", "Sở A và B"),
            ("- Sở A; - Sở B. - Sở C ", "Sở A; Sở B; Sở C"),
            ("Sở A\u{2003}B", "Sở A B"),
            ("Hoàn thành", "Hoàn thành"),
            ("", ""),
            (" ", ""),
        ] {
            assert_eq!(clean_cell(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn combines_two_header_rows() {
        let top: Vec<String> = ["TT", "Nội dung", "Cơ quan", "", "Thời gian", ""].map(String::from).to_vec();
        let bottom: Vec<String> = ["", "", "Chủ trì", "Phối hợp", "Bắt đầu", "Hoàn thành"].map(String::from).to_vec();
        assert_eq!(
            combine_header(&[top, bottom]),
            ["TT", "Nội dung", "Cơ quan Chủ trì", "Cơ quan Phối hợp", "Thời gian Bắt đầu", "Thời gian Hoàn thành"]
        );
    }
}
