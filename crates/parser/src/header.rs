//! The document's header and closing blocks: issuing body, number, place and
//! date, kind, title (trích yếu), legal bases, signer, recipients (Nơi nhận)
//! and the publisher's validity block.
//!
//! The header is read from "segments": each line, or each cell of a pipe
//! row, in order. Cells of the left column of a two-column table and plain
//! lines form the issuer block; the number and the place-and-date are found
//! in the segments joined with newlines, so wrapped cells ("Số:\n2820/…")
//! and headers run together on one line read the same way.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::citation::{self, canonical_number, checked_span, citation_numbers, find_citations, ymd, NUMBER};
use crate::fold::fold;
use crate::model::{Diagnostic, LegalBasis, Severity, Signer, Validity};
use crate::raw::Line;
use crate::text::{is_upper_text, paragraphs};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Header {
    pub kind: Option<String>,
    pub number: Option<String>,
    pub issuer: Option<String>,
    pub place: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub title: Option<String>,
    pub signer: Option<Signer>,
    pub legal_bases: Vec<LegalBasis>,
    pub recipients: Vec<String>,
    pub validity: Option<Validity>,
    /// Index into the lines where the plan's own text begins: the plan's
    /// title line ("KẾ HOẠCH …") when a decision issues the plan after its
    /// articles and signature; otherwise the line after the legal bases
    /// (for a plan issued directly, its first section).
    pub body_start: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// How far into the document the header block may reach.
const HEADER_SCAN: usize = 120;

/// Reads the header, signature, recipients and validity block.
pub fn parse_header(lines: &[Line]) -> Header {
    let mut h = Header::default();
    let pre_end = preamble_end(lines);
    let segs = segments(lines.get(..pre_end).unwrap_or_default());
    let joined = join_segments(&segs);
    h.number = header_number(&joined);
    if let Some((place, date)) = place_and_date(&joined) {
        h.place = place;
        h.issued_on = Some(date);
    }
    let kind_at = kind_line(lines, pre_end);
    let mut title_end = 0;
    if let Some((idx, kind, inline_title)) = &kind_at {
        h.kind = Some(kind.to_string());
        let (title, end) = title_after(lines, *idx, inline_title.clone());
        h.title = title;
        title_end = end;
    }
    let issuer_limit =
        kind_at.as_ref().map_or(segs.len(), |(idx, _, _)| segs.iter().take_while(|s| s.idx < *idx).count());
    // Without a kind line there is no title to skip: the bases start where
    // the header block ends.
    let bases_from = if kind_at.is_some() { title_end } else { pre_end };
    let (bases, bases_end, authority) = legal_bases(lines, bases_from);
    h.legal_bases = bases;
    h.issuer = issuer_block(segs.get(..issuer_limit).unwrap_or_default()).or(authority).map(|s| issuer_case(&s));
    let operative = operative_line(lines, bases_end);
    let plan_start = operative.and_then(|op| plan_heading(lines, op + 1));
    h.body_start = plan_start.unwrap_or(bases_end.max(title_end));
    let sig_from = operative.unwrap_or(bases_end);
    let sig_to = plan_start.unwrap_or(lines.len());
    h.signer = signer(lines, sig_from, sig_to).or_else(|| {
        let tail = lines.len().saturating_sub(80).max(h.body_start);
        signer(lines, tail, lines.len())
    });
    h.recipients = recipients(lines);
    h.validity = validity(lines);
    if h.kind.is_none() {
        h.kind = h.number.as_deref().and_then(citation::kind_from_symbol).map(str::to_string);
    }
    from_subtitle(&mut h, lines);
    missing_diagnostics(&mut h);
    h
}

/// One line, or one cell of a pipe row, of the header block.
#[derive(Debug, Clone)]
struct Seg<'a> {
    idx: usize,
    text: &'a str,
    /// Left column of a table row, or a plain line.
    left: bool,
}

fn starts_with_any(s: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| s.starts_with(p))
}

/// The first line of legal bases, the operative word or the articles:
/// where the header block ends.
fn preamble_end(lines: &[Line]) -> usize {
    let limit = lines.len().min(HEADER_SCAN);
    lines
        .iter()
        .take(limit)
        .position(|l| {
            let t = &*l.text;
            starts_with_any(t, &["Căn cứ", "Theo đề nghị", "Điều 1", "I. "]) || is_operative(t)
        })
        .unwrap_or(limit)
}

fn is_operative(t: &str) -> bool {
    if !t.ends_with(':') || t.len() > 24 {
        return false;
    }
    let f = fold(t);
    matches!(f.as_str(), "quyet dinh:" | "quyet nghi:" | "quyet dinh :" | "quyet nghi :")
}

fn segments<'a>(lines: &'a [Line<'_>]) -> Vec<Seg<'a>> {
    let mut out = Vec::new();
    for (idx, l) in lines.iter().enumerate() {
        let t = &*l.text;
        if t.is_empty() || t == "|" {
            continue;
        }
        if !t.contains('|') {
            out.push(Seg { idx, text: t, left: true });
            continue;
        }
        let inner = t.strip_prefix('|').unwrap_or(t);
        let inner = inner.strip_suffix('|').unwrap_or(inner);
        for (col, cell) in inner.split('|').enumerate() {
            let cell = cell.trim();
            if cell.is_empty() || cell.chars().all(|c| matches!(c, '-' | ':' | '_' | ' ')) {
                continue;
            }
            out.push(Seg { idx, text: cell, left: col == 0 });
        }
    }
    out
}

fn join_segments(segs: &[Seg<'_>]) -> String {
    let mut s = String::new();
    for seg in segs {
        s.push_str(seg.text);
        s.push('\n');
    }
    s
}

static SO_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)(?:Số|SỐ)\s*:\s*|(?m:^)Số\s+").expect("valid regex"));

/// "Số: 2999/QĐ-UBND", "Số: 773 /QĐ-UBND", "Số:\n2820/QĐ-UBND".
fn header_number(joined: &str) -> Option<String> {
    for m in SO_LABEL.find_iter(joined) {
        let Some(n) = NUMBER.find_at(joined, m.end()) else { continue };
        if n.start() != m.end() {
            continue;
        }
        if let Some((s, e)) = checked_span(joined, n.start(), n.end()) {
            return joined.get(s..e).map(canonical_number);
        }
    }
    None
}

static PLACE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r",\s*(?:ngày|Ngày)\s+(?:(\d{1,2}|\d\s\d)\s+tháng\s+(\d{1,2}|\d\s\d)\s+năm\s+(\d{4})|(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}))",
    )
    .expect("valid regex")
});

/// "Thanh Hóa, ngày 09 tháng 8 năm 2021" (also "tháng 0 6", dd/mm/yyyy).
fn place_and_date(joined: &str) -> Option<(Option<String>, NaiveDate)> {
    let c = PLACE_DATE.captures(joined)?;
    let pick = |a: usize, b: usize| c.get(a).or_else(|| c.get(b)).map(|m| m.as_str());
    let date = ymd(pick(3, 6)?, pick(2, 5)?, pick(1, 4)?)?;
    let before = joined.get(..c.get(0)?.start())?;
    Some((place_words(before), date))
}

/// The place name ending `before`: its trailing capitalised words, with an
/// administrative prefix ("Thành phố", "TP.") when one precedes them.
fn place_words(before: &str) -> Option<String> {
    let words: Vec<&str> = before.split_whitespace().collect();
    let name_like =
        |w: &str| w.starts_with(char::is_uppercase) && (w.chars().count() == 1 || w.chars().any(char::is_lowercase));
    let mut start = words.len();
    while start > 0 && name_like(words[start - 1]) && words.len() - start < 5 {
        start -= 1;
    }
    if start == words.len() {
        return None;
    }
    if start >= 2 && fold(&format!("{} {}", words[start - 2], words[start - 1])) == "thanh pho" {
        start -= 2;
    } else if start >= 1 && matches!(words[start - 1], "TP." | "Tp." | "tỉnh" | "TX.") {
        start -= 1;
    }
    Some(words[start..].join(" "))
}

const KIND_LINES: [(&str, &str); 19] = [
    ("quyet dinh", "Quyết định"),
    ("nghi quyet", "Nghị quyết"),
    ("ke hoach hanh dong", "Kế hoạch"),
    ("ke hoach", "Kế hoạch"),
    ("chi thi", "Chỉ thị"),
    ("chuong trinh hanh dong", "Chương trình"),
    ("chuong trinh", "Chương trình"),
    ("thong bao", "Thông báo"),
    ("bao cao", "Báo cáo"),
    ("thong tu", "Thông tư"),
    ("nghi dinh", "Nghị định"),
    ("huong dan", "Hướng dẫn"),
    ("de an", "Đề án"),
    ("to trinh", "Tờ trình"),
    ("cong dien", "Công điện"),
    ("quy dinh", "Quy định"),
    ("quy che", "Quy chế"),
    ("ket luan", "Kết luận"),
    ("cong van", "Công văn"),
];

/// The upper-case line naming the document's kind ("QUYẾT ĐỊNH"), with a
/// title that follows on the same line in headers run together.
fn kind_line(lines: &[Line], pre_end: usize) -> Option<(usize, &'static str, Option<String>)> {
    for (idx, l) in lines.iter().enumerate().take(pre_end) {
        let t = &*l.text;
        if t.is_empty() || t.ends_with(':') {
            continue;
        }
        let f = fold(t);
        for (k, canon) in KIND_LINES {
            if f == k && is_upper_text(t) {
                return Some((idx, canon, None));
            }
            if f.strip_prefix(k).is_some_and(|r| r.starts_with(' ')) {
                let n = k.split(' ').count();
                let head: Vec<&str> = t.split_whitespace().take(n).collect();
                let tail: String = t.split_whitespace().skip(n).collect::<Vec<_>>().join(" ");
                if is_upper_text(&head.join(" ")) && !is_upper_text(&tail) && tail.starts_with(char::is_uppercase) {
                    return Some((idx, canon, Some(tail)));
                }
            }
        }
    }
    None
}

/// The trích yếu: the lines after the kind line up to the first blank.
fn title_after(lines: &[Line], kind_idx: usize, inline: Option<String>) -> (Option<String>, usize) {
    let mut parts: Vec<&str> = Vec::new();
    let mut end = kind_idx + 1;
    for (i, l) in lines.iter().enumerate().skip(kind_idx + 1).take(12) {
        let t = &*l.text;
        if t.is_empty() || t == "|" {
            if parts.is_empty() && inline.is_none() {
                continue;
            }
            break;
        }
        if starts_with_any(t, &["Căn cứ", "Theo đề nghị", "Điều "]) || is_operative(t) {
            break;
        }
        if (!parts.is_empty() || inline.is_some()) && is_authority_line(t) {
            break;
        }
        parts.push(t);
        end = i + 1;
    }
    let mut title = inline.unwrap_or_default();
    for p in parts {
        if !title.is_empty() {
            title.push(' ');
        }
        title.push_str(p);
    }
    ((!title.is_empty()).then_some(title), end)
}

fn is_authority_line(t: &str) -> bool {
    let f = fold(t);
    is_upper_text(t)
        && ["uy ban", "thu tuong", "chinh phu", "hoi dong", "bo truong", "chu tich", "bo ", "so "]
            .iter()
            .any(|p| f.starts_with(p))
}

/// The "Căn cứ …" paragraphs after the title, the index one past the last
/// of them (or of "Theo đề nghị …"), and the upper-case authority line
/// ("ỦY BAN NHÂN DÂN TỈNH THANH HÓA") that precedes them.
fn legal_bases(lines: &[Line], from: usize) -> (Vec<LegalBasis>, usize, Option<String>) {
    let to = lines.len().min(from + 400);
    let slice = lines.get(from..to).unwrap_or_default();
    // The bases are a few paragraphs at the top of the slice: join the
    // lines of a short head of it, and a longer one only when every
    // paragraph in it was a basis. All paragraphs but the head's last are
    // the ones the whole slice gives, so the last one is left for the
    // longer head.
    let mut n = slice.len().min(48);
    loop {
        let truncated = n < slice.len();
        let paras = paragraphs(slice.get(..n).unwrap_or_default());
        let mut bases = Vec::new();
        let mut end = from;
        let mut authority = None;
        let mut stopped = false;
        for (k, p) in paras.iter().enumerate() {
            if truncated && k + 1 == paras.len() {
                break;
            }
            let t = p.text.as_str();
            if t.starts_with("Căn cứ") {
                let mut cites: Vec<String> = Vec::new();
                // Only the numbers are kept: a citation's kind, date and
                // issuer are not read here.
                for number in citation_numbers(t) {
                    if !cites.contains(&number) {
                        cites.push(number);
                    }
                }
                bases.push(LegalBasis { text: t.to_string(), cites, line: Some(p.line) });
                end = from + p.end;
            } else if starts_with_any(t, &["Theo đề nghị", "Xét đề nghị", "Theo đề xuất"]) {
                end = from + p.end;
            } else if bases.is_empty() && is_upper_text(t) && !is_operative(t) && !t.starts_with("Điều") {
                authority = Some(t.to_string());
                end = from + p.end;
            } else {
                stopped = true;
                break;
            }
        }
        if stopped || !truncated {
            return (bases, end, authority);
        }
        n = slice.len().min(n * 2);
    }
}

fn operative_line(lines: &[Line], from: usize) -> Option<usize> {
    lines.iter().enumerate().skip(from).take(40).find(|(_, l)| is_operative(&l.text)).map(|(i, _)| i)
}

/// The plan's own title line after the decision's articles.
fn plan_heading(lines: &[Line], from: usize) -> Option<usize> {
    lines.iter().enumerate().skip(from).take(300).find_map(|(i, l)| {
        let t = &*l.text;
        if !is_upper_text(t) {
            return None;
        }
        let f = fold(t);
        let plan = ["ke hoach", "chuong trinh", "de an", "phuong an"].iter().any(|k| f.starts_with(k));
        plan.then_some(i)
    })
}

/// The issuing body from the left column of the header, before the
/// national motto, the number or the date. When a parent body heads it
/// ("UBND TỈNH X / SỞ Y TẾ"), the issuer is the lower one.
fn issuer_block(segs: &[Seg<'_>]) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for seg in segs {
        if !seg.left {
            continue;
        }
        let (text, stop) = cut_at_stop(seg.text);
        let text = text.trim();
        if !text.is_empty() && is_upper_text(text) {
            parts.push(text.to_string());
        } else if !text.is_empty() {
            break;
        }
        if stop {
            break;
        }
    }
    if parts.is_empty() {
        return None;
    }
    let from = parts.iter().rposition(|p| is_unit_head(p)).filter(|&i| i > 0).unwrap_or(0);
    Some(parts[from..].join(" "))
}

/// Cuts a segment before the motto, the number or the kind: returns the
/// part before and whether the issuer block ends here.
fn cut_at_stop(s: &str) -> (&str, bool) {
    let markers = ["CỘNG HÒA", "CỘNG HOÀ", "Độc lập", "ĐỘC LẬP", "Số:", "Số ", "SỐ:"];
    let cut = markers.iter().filter_map(|m| s.find(m)).min();
    match cut {
        Some(i) => (s.get(..i).unwrap_or_default(), true),
        None => {
            let f = fold(s);
            let is_kind = KIND_LINES.iter().any(|(k, _)| f == *k);
            if is_kind {
                ("", true)
            } else {
                (s, false)
            }
        }
    }
}

fn is_unit_head(p: &str) -> bool {
    let f = fold(p);
    ["so ", "ban ", "phong ", "van phong ", "cuc ", "chi cuc ", "tong cuc ", "vu ", "trung tam ", "truong "]
        .iter()
        .any(|k| f.starts_with(k))
}

/// Upper-case body names in the case official text uses:
/// "ỦY BAN NHÂN DÂN TỈNH THANH HÓA" → "Ủy ban nhân dân tỉnh Thanh Hóa",
/// "BỘ Y TẾ" → "Bộ Y tế", "UBND" expanded.
pub fn issuer_case(s: &str) -> String {
    let expanded: Vec<&str> = s
        .split_whitespace()
        .flat_map(|w| match w {
            "UBND" => vec!["ủy", "ban", "nhân", "dân"],
            "HĐND" => vec!["hội", "đồng", "nhân", "dân"],
            "TP." | "TP" => vec!["thành", "phố"],
            _ => vec![w],
        })
        .collect();
    let lower: Vec<String> = expanded.iter().map(|w| w.to_lowercase()).collect();
    let folded: Vec<String> = lower.iter().map(|w| fold(w)).collect();
    const HEADS: [(&str, &str); 9] = [
        ("uy ban thuong vu quoc hoi", "Ủy ban Thường vụ Quốc hội"),
        ("thu tuong chinh phu", "Thủ tướng Chính phủ"),
        ("van phong chinh phu", "Văn phòng Chính phủ"),
        ("chinh phu", "Chính phủ"),
        ("quoc hoi", "Quốc hội"),
        ("uy ban nhan dan", "Ủy ban nhân dân"),
        ("hoi dong nhan dan", "Hội đồng nhân dân"),
        ("ban chap hanh", "Ban Chấp hành"),
        ("van phong", "Văn phòng"),
    ];
    for (k, proper) in HEADS {
        let n = k.split(' ').count();
        if folded.len() >= n && k.split(' ').eq(folded[..n].iter().map(String::as_str)) {
            let rest = &lower[n..];
            return join_nonempty(proper, &locality(rest));
        }
    }
    if let Some((first, rest)) = lower.split_first() {
        if matches!(folded[0].as_str(), "bo" | "so" | "ban" | "cuc" | "vu") {
            return join_nonempty(&capitalize(first), &name_case(rest));
        }
    }
    sentence_case(&lower)
}

fn join_nonempty(a: &str, b: &str) -> String {
    if b.is_empty() {
        a.to_string()
    } else {
        format!("{a} {b}")
    }
}

/// "tỉnh thanh hóa" → "tỉnh Thanh Hóa"; "thành phố hồ chí minh" →
/// "Thành phố Hồ Chí Minh" (written so by convention).
fn locality(words: &[String]) -> String {
    let units = ["tinh", "thanh pho", "huyen", "quan", "thi xa", "xa", "phuong", "thi tran", "dac khu"];
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let joined = folded.join(" ");
    if joined == "thanh pho ho chi minh" {
        return "Thành phố Hồ Chí Minh".to_string();
    }
    for u in units {
        let n = u.split(' ').count();
        if folded.len() > n && u.split(' ').eq(folded[..n].iter().map(String::as_str)) {
            let unit = words[..n].join(" ");
            let name: Vec<String> = words[n..].iter().map(|w| capitalize(w)).collect();
            return format!("{unit} {}", name.join(" "));
        }
    }
    words.iter().map(|w| capitalize(w)).collect::<Vec<_>>().join(" ")
}

/// A ministry's or department's name: capital after "và", "," and "-"
/// ("Kế hoạch và Đầu tư", "Văn hóa, Thể thao và Du lịch").
fn name_case(words: &[String]) -> String {
    let joined: String = words.iter().map(|w| fold(w)).collect::<Vec<_>>().join(" ");
    if joined == "cong thuong" {
        return "Công Thương".to_string();
    }
    let mut out: Vec<String> = Vec::new();
    let mut cap_next = true;
    for w in words {
        if cap_next && w != "và" && w != "-" {
            out.push(capitalize(w));
            cap_next = false;
        } else {
            out.push(w.clone());
        }
        if w == "và" || w == "-" || w.ends_with(',') {
            cap_next = true;
        }
    }
    out.join(" ")
}

fn sentence_case(words: &[String]) -> String {
    let s = words.join(" ");
    capitalize(&s)
}

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// "PHÓ CHỦ TỊCH" → "Phó Chủ tịch"; "THỦ TƯỚNG" → "Thủ tướng".
pub fn position_case(s: &str) -> String {
    let lower: Vec<String> = s.split_whitespace().map(str::to_lowercase).collect();
    let mut out: Vec<String> = Vec::new();
    for (i, w) in lower.iter().enumerate() {
        let after_prefix = i == 1 && matches!(lower[0].as_str(), "phó" | "chánh" | "tổng");
        if i == 0 || after_prefix {
            out.push(capitalize(w));
        } else {
            out.push(w.clone());
        }
    }
    out.join(" ")
}

const CAPACITY_PREFIXES: [&str; 5] = ["TM.", "KT.", "TL.", "TUQ.", "Q."];

const POSITIONS: [&str; 16] = [
    "chu tich",
    "pho chu tich",
    "thu tuong",
    "pho thu tuong",
    "bo truong",
    "thu truong",
    "giam doc",
    "pho giam doc",
    "chanh van phong",
    "pho chanh van phong",
    "truong ban",
    "pho truong ban",
    "tong thu ky",
    "chu nhiem",
    "bi thu",
    "pho bi thu",
];

fn is_position(t: &str) -> bool {
    let f = fold(t);
    POSITIONS.contains(&f.as_str())
}

/// Splits a signature line run together ("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH
/// Nguyễn Văn A") into capacity, position and name parts.
fn signature_parts(t: &str) -> Vec<String> {
    let words: Vec<&str> = t.split_whitespace().collect();
    let name_like = |w: &str| w.starts_with(char::is_uppercase) && w.chars().skip(1).any(char::is_lowercase);
    let mut name_from = words.len();
    while name_from > 0 && name_like(words[name_from - 1]) {
        name_from -= 1;
    }
    if name_from > 0 && words.len() - name_from < 2 {
        name_from = words.len();
    }
    let mut parts: Vec<String> = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for w in &words[..name_from] {
        if CAPACITY_PREFIXES.contains(w) && !cur.is_empty() {
            parts.push(cur.join(" "));
            cur.clear();
        }
        cur.push(w);
    }
    if !cur.is_empty() {
        parts.push(cur.join(" "));
    }
    let mut out = Vec::new();
    for p in parts {
        out.extend(split_trailing_position(&p));
    }
    if name_from < words.len() {
        out.push(words[name_from..].join(" "));
    }
    out
}

/// "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" → ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"].
fn split_trailing_position(p: &str) -> Vec<String> {
    let words: Vec<&str> = p.split_whitespace().collect();
    let has_prefix = words.first().is_some_and(|w| CAPACITY_PREFIXES.contains(w));
    if has_prefix && words.len() > 2 {
        for k in (1..=3.min(words.len() - 2)).rev() {
            let tail = words[words.len() - k..].join(" ");
            if is_position(&tail) {
                return vec![words[..words.len() - k].join(" "), tail];
            }
        }
    }
    vec![p.to_string()]
}

fn is_person_name(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && !t.contains([':', '(', ')', ';', ',', '/'])
        && !t.chars().any(|c| c.is_ascii_digit())
        && words.iter().all(|w| w.starts_with(char::is_uppercase) && w.chars().skip(1).all(char::is_lowercase))
}

/// The signature block between `from` and `to`: capacity lines ("TM.",
/// "KT."), the position and the signer's name. When a deputy signs for a
/// body ("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"), the
/// capacity kept is the innermost one ("KT. Chủ tịch"), the one that
/// qualifies the person signing.
fn signer(lines: &[Line], from: usize, to: usize) -> Option<Signer> {
    let end = to.min(lines.len());
    let starts_block = |t: &str| {
        let first = t.split_whitespace().next().unwrap_or_default();
        CAPACITY_PREFIXES.contains(&first) || (is_upper_text(t) && is_position(t))
    };
    let start = (from..end).find(|&i| cells(&lines[i].text).any(starts_block))?;
    let mut capacities: Vec<String> = Vec::new();
    let mut position: Option<String> = None;
    let block = lines.iter().take(end).skip(start).take(16).flat_map(|l| cells(&l.text));
    for cell in block.skip_while(|c| !starts_block(c)) {
        for part in signature_parts(cell) {
            let first = part.split_whitespace().next().unwrap_or_default();
            if CAPACITY_PREFIXES.contains(&first) {
                capacities.push(part);
            } else if is_upper_text(&part) {
                let wraps_capacity = position.is_none()
                    && !is_position(&part)
                    && capacities.last().is_some_and(|c| c.starts_with("TM."));
                if wraps_capacity {
                    if let Some(c) = capacities.last_mut() {
                        c.push(' ');
                        c.push_str(&part);
                    }
                } else if position.is_none() {
                    position = Some(part);
                }
            } else if is_person_name(&part) {
                return Some(Signer {
                    name: part,
                    position: position.map(|p| position_case(&p)),
                    capacity: capacities.last().map(|c| capacity_case(c)),
                });
            }
        }
    }
    None
}

/// The cells of a pipe row, or the line itself.
fn cells(t: &str) -> impl Iterator<Item = &str> {
    let inner = t.strip_prefix('|').unwrap_or(t);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').map(str::trim).filter(|c| !c.is_empty())
}

/// "TM. ỦY BAN NHÂN DÂN" → "TM. Ủy ban nhân dân"; "KT. CHỦ TỊCH" →
/// "KT. Chủ tịch".
fn capacity_case(c: &str) -> String {
    let (prefix, rest) = c.split_once(' ').unwrap_or((c, ""));
    let rest = rest.trim();
    if rest.is_empty() {
        return prefix.to_string();
    }
    let body = if is_position(rest) { position_case(rest) } else { issuer_case(rest) };
    format!("{prefix} {body}")
}

/// The "Nơi nhận:" bullets, without "- " and the closing ";" or ".".
/// Wrapped items are joined; the list ends at a blank or "|" line, or at
/// the signature.
fn recipients(lines: &[Line]) -> Vec<String> {
    let found = lines.iter().enumerate().find_map(|(i, l)| {
        let row = l.text.starts_with('|');
        cells(&l.text).find(|c| c.starts_with("Nơi nhận")).map(|c| (i, c, row))
    });
    let Some((start, cell, in_row)) = found else { return Vec::new() };
    let mut items: Vec<String> = Vec::new();
    let head = cell.split_once(':').map_or("", |(_, r)| r).trim();
    for piece in head.split("- ").map(str::trim).filter(|p| !p.is_empty()) {
        items.push(piece.to_string());
    }
    let following = if in_row { 0 } else { 60 };
    for l in lines.iter().skip(start + 1).take(following) {
        let t = &*l.text;
        if t.is_empty() || t == "|" || t.starts_with('|') {
            if items.is_empty() {
                continue;
            }
            break;
        }
        let first = t.split_whitespace().next().unwrap_or_default();
        if CAPACITY_PREFIXES.contains(&first) || is_upper_text(t) {
            break;
        }
        if let Some(item) = t.strip_prefix("- ").or_else(|| t.strip_prefix("+ ")).or_else(|| t.strip_prefix("• ")) {
            items.push(item.trim().to_string());
        } else if let Some(last) = items.last_mut() {
            last.push(' ');
            last.push_str(t);
        } else {
            items.push(t.to_string());
        }
    }
    items
        .into_iter()
        .map(|i| i.trim_end_matches([';', '.', ',', ' ', '/']).to_string())
        .filter(|i| !i.is_empty())
        .collect()
}

/// The "HIỆU LỰC VĂN BẢN" block some publishers append.
fn validity(lines: &[Line]) -> Option<Validity> {
    let from = lines.len().saturating_sub(80);
    // Only a line opening with an h (or a non-ASCII letter that may fold
    // to one) can fold to the heading.
    let (idx, l) = lines.iter().enumerate().skip(from).find(|(_, l)| {
        l.text
            .as_bytes()
            .first()
            .is_some_and(|&b| !b.is_ascii() || b.is_ascii_whitespace() || b.eq_ignore_ascii_case(&b'h'))
            && fold(&l.text) == "hieu luc van ban"
    })?;
    let mut v = Validity { line: Some(l.no), ..Validity::default() };
    for l in lines.iter().skip(idx + 1).take(25) {
        let t = l.text.trim_start_matches(['•', '-', '*', '+', ' ']);
        let Some((label, value)) = t.split_once(':') else { continue };
        let value = value.trim();
        let known =
            !value.is_empty() && !matches!(fold(value).as_str(), "dang cap nhat" | "khong xac dinh" | "da biet");
        if !known {
            continue;
        }
        match fold(label).as_str() {
            "so hieu" => v.number = Some(canonical_number(value)),
            "loai van ban" => v.kind = Some(value.to_string()),
            "ngay ban hanh" => v.issued_on = dmy(value),
            "ngay hieu luc" => v.effective_on = dmy(value),
            "tinh trang hieu luc" | "tinh trang" => v.status = Some(value.to_string()),
            "noi ban hanh" => v.place = Some(value.to_string()),
            "nguoi ky" => v.signer = Some(value.to_string()),
            _ => {}
        }
    }
    Some(v)
}

/// "09/08/2021" → 2021-08-09.
fn dmy(s: &str) -> Option<NaiveDate> {
    let mut it = s.split(['/', '-', '.']).map(str::trim);
    let (d, m, y) = (it.next()?, it.next()?, it.next()?);
    ymd(y, m, d)
}

/// Number, date and kind from the plan's subtitle ("(Ban hành kèm theo
/// Nghị quyết số 1339/NQ-UBTVQH15 ngày 28 tháng 12 năm 2024 …)") when the
/// header lacks them. A subtitle left blank ("số …/QĐ-UBND") has no digits
/// and so yields nothing.
fn from_subtitle(h: &mut Header, lines: &[Line]) {
    if h.number.is_some() && h.issued_on.is_some() {
        return;
    }
    let window: Vec<&str> = lines.iter().skip(h.body_start).take(12).map(|l| &*l.text).collect();
    let joined = window.join(" ");
    let folded = fold(&joined);
    if !folded.contains("kem theo") {
        return;
    }
    let Some(at) = joined.find("èm theo") else { return };
    let Some(c) = find_citations(joined.get(at..).unwrap_or_default()).into_iter().next() else { return };
    let line = lines.get(h.body_start).map(|l| l.no);
    if h.number.is_none() {
        h.diagnostics.push(Diagnostic::new(
            Severity::Info,
            "header.number_from_subtitle",
            format!("Số hiệu văn bản {} lấy từ dòng \"kèm theo\" của kế hoạch", c.number),
            line,
        ));
        h.number = Some(c.number);
        if h.kind.is_none() {
            h.kind = c.kind.clone();
        }
    }
    if h.issued_on.is_none() {
        if let Some(d) = c.issued_on {
            h.diagnostics.push(Diagnostic::new(
                Severity::Info,
                "header.date_from_subtitle",
                format!("Ngày ban hành {} lấy từ dòng \"kèm theo\" của kế hoạch", d.format("%d/%m/%Y")),
                line,
            ));
            h.issued_on = Some(d);
        }
    }
}

fn missing_diagnostics(h: &mut Header) {
    if h.number.is_none() {
        h.diagnostics.push(Diagnostic::new(
            Severity::Warning,
            "header.number_missing",
            "Không tìm thấy số hiệu văn bản (Số: …/…); hãy nhập số hiệu khi duyệt",
            Some(1),
        ));
    }
    if h.issued_on.is_none() {
        h.diagnostics.push(Diagnostic::new(
            Severity::Warning,
            "header.date_missing",
            "Không tìm thấy ngày ban hành văn bản; hãy nhập ngày khi duyệt",
            Some(1),
        ));
    }
    if h.issuer.is_none() {
        h.diagnostics.push(Diagnostic::new(
            Severity::Warning,
            "header.issuer_missing",
            "Không tìm thấy cơ quan ban hành văn bản",
            Some(1),
        ));
    }
}
