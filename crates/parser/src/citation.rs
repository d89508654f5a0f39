//! References to other documents: "Nghị quyết số 13/NQ-CP ngày 03/02/2021
//! của Chính phủ", "58-NQ/TW", "Công văn số 3584/SKHĐT-TH".
//!
//! A document number (số, ký hiệu) is digits, then "/" or "-", then a
//! symbol that starts with a capital letter: that is what tells it from a
//! date ("03/02/2021") or a ratio ("1/500"). Numbers are returned without
//! spaces, with symbol segments in upper case except the few that are
//! written in mixed case by convention (TTg, CTr, TTr), so "06/QĐ-TTG" in an
//! upper-case title and "06/QĐ-TTg" in the text are the same reference.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::fold::fold;
use crate::model::Reference;

/// One citation as found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Citation {
    /// Without spaces: "58-NQ/TW".
    pub number: String,
    pub kind: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub issuer: Option<String>,
}

const SYM: &str = r"[A-ZĐ][A-Za-zĐđ&]*[0-9]*";

/// "13/NQ-CP", "13/2023/NĐ-CP", "58-NQ/TW", "773 /QĐ-UBND", "58- NQ/TW".
pub(crate) static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    let syms = format!("{SYM}(?:-{SYM})*");
    let slash =
        format!(r"\d{{1,5}}[a-z]?(?:\.\d{{1,3}})?\s{{0,3}}/\s{{0,3}}(?:\d{{4}}\s{{0,2}}/\s{{0,2}})?{syms}(?:/{syms})?");
    let dash = format!(r"\d{{1,5}}[a-z]?\s{{0,3}}-\s{{0,3}}{syms}\s{{0,2}}/\s{{0,2}}{syms}");
    Regex::new(&format!("(?:{dash})|(?:{slash})")).expect("valid regex")
});

/// Every citation in `text`, in order, repeats included.
pub fn find_citations(text: &str) -> Vec<Citation> {
    number_spans(text)
        .into_iter()
        .filter_map(|(start, end)| {
            let number = canonical_number(text.get(start..end)?);
            let before = text.get(..start).unwrap_or_default();
            let after = text.get(end..).unwrap_or_default();
            let kind = kind_before(before).or_else(|| kind_from_symbol(&number).map(str::to_string));
            let (issued_on, rest) = match date_after(after) {
                Some((d, used)) => (Some(d), after.get(used..).unwrap_or_default()),
                None => (None, after),
            };
            Some(Citation { number, kind, issued_on, issuer: issuer_after(rest) })
        })
        .collect()
}

/// The numbers of the citations in `text`, in order, repeats included: the
/// numbers `find_citations` gives, without reading each one's kind, date
/// and issuer, for readers that keep only the number.
pub fn citation_numbers(text: &str) -> impl Iterator<Item = String> + '_ {
    number_spans(text).into_iter().filter_map(|(start, end)| text.get(start..end).map(canonical_number))
}

/// Byte spans of the document numbers in `text`. Every number holds a "/",
/// so the number pattern only runs on a short window around each slash
/// (found by a fast byte search) instead of over the whole text.
fn number_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut done = 0;
    for slash in memchr::memchr_iter(b'/', text.as_bytes()) {
        if slash < done || !symbol_follows(text, slash) {
            continue;
        }
        let from = window_start(text, slash).max(done);
        let to = char_ceil(text, (slash + 64).min(text.len()));
        let Some(window) = text.get(from..to) else { continue };
        for m in NUMBER.find_iter(window) {
            let (s, e) = (from + m.start(), from + m.end());
            if e <= slash || s > slash {
                continue;
            }
            if let Some(span) = checked_span(text, s, e) {
                out.push(span);
                done = span.1;
            }
            break;
        }
    }
    out
}

/// Cheap test before the pattern runs: a number's slash is followed by a
/// symbol ("/NQ-CP", "/ĐT") or by a year and another slash ("/2023/NĐ-CP");
/// a date ("03/02/2021") or "Quý IV/2021" is not.
fn symbol_follows(text: &str, slash: usize) -> bool {
    let rest = text.get(slash + 1..).unwrap_or_default().trim_start_matches(' ');
    let b = rest.as_bytes();
    match b.first() {
        Some(c) if c.is_ascii_uppercase() => true,
        Some(0xC4) => b.get(1) == Some(&0x90),
        Some(c) if c.is_ascii_digit() => {
            b.len() > 4 && b[..4].iter().all(u8::is_ascii_digit) && rest[4..].trim_start_matches(' ').starts_with('/')
        }
        _ => false,
    }
}

/// Where to start looking back from a slash: far enough for "1249a /" or
/// "58- NQ/", then back over any digits or letters cut in half.
fn window_start(text: &str, slash: usize) -> usize {
    let mut i = char_floor(text, slash.saturating_sub(24));
    while let Some(c) = text.get(..i).and_then(|p| p.chars().next_back()) {
        if !(c.is_alphanumeric() || c == '.') {
            break;
        }
        i -= c.len_utf8();
    }
    i
}

fn char_floor(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn char_ceil(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Rejects a match glued to a word before it, and trims a symbol that ran
/// into a following word ("1/Tháng" is not a number).
pub(crate) fn checked_span(text: &str, start: usize, mut end: usize) -> Option<(usize, usize)> {
    let prev = text.get(..start)?.chars().next_back();
    if prev.is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '.' | '-' | ',')) {
        return None;
    }
    loop {
        let next = text.get(end..)?.chars().next();
        if !next.is_some_and(char::is_alphanumeric) {
            break;
        }
        let s = text.get(start..end)?;
        let cut = s.rfind(['-', '/'])?;
        end = start + cut;
    }
    let s = text.get(start..end)?;
    let has_symbol = s.rsplit(['/', '-']).next().is_some_and(|seg| seg.starts_with(|c: char| c.is_uppercase()));
    let has_sep = s.contains('/');
    (has_symbol && has_sep).then_some((start, end))
}

/// "58- NQ/TW" → "58-NQ/TW"; "06/QĐ-TTG" → "06/QĐ-TTg".
pub fn canonical_number(raw: &str) -> String {
    // Sized for `raw` up front: collected char by char, the string grew
    // several times per number.
    let mut compact = String::with_capacity(raw.len());
    compact.extend(raw.chars().filter(|c| !c.is_whitespace()));
    let lead_len = compact.find(['/', '-']).unwrap_or(compact.len());
    let (lead, rest) = compact.split_at(lead_len);
    let mut out = String::with_capacity(compact.len() + 2);
    out.push_str(lead);
    let mut seg = String::new();
    for c in rest.chars() {
        if c == '/' || c == '-' {
            push_segment(&mut out, &seg);
            seg.clear();
            out.push(c);
        } else {
            seg.push(c);
        }
    }
    push_segment(&mut out, &seg);
    out
}

fn push_segment(out: &mut String, seg: &str) {
    let upper = seg.to_uppercase();
    out.push_str(match upper.as_str() {
        "TTG" => "TTg",
        "CTR" => "CTr",
        "TTR" => "TTr",
        _ => &upper,
    });
}

/// Document kinds, longest first so "Chương trình hành động" wins over
/// "Chương trình".
const KINDS: [&str; 26] = [
    "Chương trình hành động",
    "Chương trình phối hợp",
    "Kế hoạch hành động",
    "Thông tư liên tịch",
    "Nghị quyết liên tịch",
    "Nghị quyết",
    "Quyết định",
    "Chỉ thị",
    "Chương trình",
    "Kế hoạch",
    "Công văn",
    "Thông tư",
    "Nghị định",
    "Pháp lệnh",
    "Báo cáo",
    "Tờ trình",
    "Thông báo",
    "Kết luận",
    "Hướng dẫn",
    "Công điện",
    "Văn bản",
    "Đề án",
    "Quy định",
    "Quy chế",
    "Hiến pháp",
    "Luật",
];

static KINDS_FOLDED: LazyLock<Vec<(String, &'static str)>> =
    LazyLock::new(|| KINDS.iter().map(|k| (fold(k), *k)).collect());

/// The kind named just before a number ("Nghị quyết số", "Thông tư"), or
/// earlier in the same clause before a name ("Luật Đất đai số …").
fn kind_before(before: &str) -> Option<String> {
    let window = tail_chars(before, 80);
    let clause = window.rsplit([',', ';', '(', '\n', '.']).next().unwrap_or(window);
    let folded_clause = fold(clause);
    let folded = folded_clause.trim_end_matches(':').trim_end();
    let folded = folded.strip_suffix(" so").or_else(|| (folded == "so").then_some("")).unwrap_or(folded);
    for (k, canon) in KINDS_FOLDED.iter() {
        if folded.ends_with(k.as_str()) && word_start(folded, folded.len() - k.len()) {
            return Some(canon.to_string());
        }
    }
    // "Luật Tổ chức Quốc hội số 57/2014/QH13": the kind begins the name.
    let fw: Vec<&str> = folded_clause.split(' ').collect();
    let ow: Vec<&str> = clause.split_whitespace().collect();
    if fw.len() != ow.len() {
        return None;
    }
    for i in (0..ow.len()).rev() {
        // Such a kind is written with a capital: the other words of the
        // clause (most of them) need no look at every kind.
        if !ow[i].starts_with(char::is_uppercase) {
            continue;
        }
        for (k, canon) in KINDS_FOLDED.iter() {
            let n = k.split(' ').count();
            let Some(cand) = fw.get(i..i + n) else { continue };
            let next_is_name = ow.get(i + n).is_some_and(|w| w.starts_with(char::is_uppercase));
            if next_is_name && k.split(' ').eq(cand.iter().copied()) {
                return Some(canon.to_string());
            }
        }
    }
    None
}

fn word_start(s: &str, at: usize) -> bool {
    at == 0 || s.get(..at).is_some_and(|p| p.ends_with(' '))
}

/// The first `n` characters of `s`.
pub(crate) fn head_chars(s: &str, n: usize) -> &str {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    s.get(..end).unwrap_or(s)
}

/// The last `n` characters of `s`.
fn tail_chars(s: &str, n: usize) -> &str {
    let start = s.char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i);
    s.get(start..).unwrap_or(s)
}

/// The kind a symbol's type code names: "13/NQ-CP" is a resolution.
pub fn kind_from_symbol(number: &str) -> Option<&'static str> {
    let code = number.split(['/', '-']).skip(1).find(|s| !s.is_empty() && !s.bytes().all(|b| b.is_ascii_digit()))?;
    Some(match code {
        "NQ" => "Nghị quyết",
        "QĐ" => "Quyết định",
        "CT" => "Chỉ thị",
        "CTr" => "Chương trình",
        "KH" => "Kế hoạch",
        "KHHĐ" => "Kế hoạch hành động",
        "TT" => "Thông tư",
        "TTLT" => "Thông tư liên tịch",
        "NĐ" => "Nghị định",
        "BC" => "Báo cáo",
        "TTr" => "Tờ trình",
        "TB" => "Thông báo",
        "KL" => "Kết luận",
        "HD" => "Hướng dẫn",
        "CĐ" => "Công điện",
        _ => return None,
    })
}

static DATE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*,?\s*(?i:ngày)\s+(?:(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})|(\d{1,2}|\d\s\d)\s+(?i:tháng)\s+(\d{1,2}|\d\s\d)\s+(?i:năm)\s+(\d{4}))",
    )
    .expect("valid regex")
});

/// "ngày 03/02/2021" or "ngày 17 tháng 12 năm 2024" at the start of `s`:
/// the date and the bytes it took.
pub(crate) fn date_after(s: &str) -> Option<(NaiveDate, usize)> {
    let t = s.trim_start().trim_start_matches(',').trim_start();
    if !(t.starts_with("ngày") || t.starts_with("Ngày") || t.starts_with("NGÀY")) {
        return None;
    }
    let head = head_chars(s, 60);
    let c = DATE_AFTER.captures(head)?;
    let pick = |a: usize, b: usize| c.get(a).or_else(|| c.get(b)).map(|m| m.as_str());
    let date = ymd(pick(3, 6)?, pick(2, 5)?, pick(1, 4)?)?;
    Some((date, c.get(0)?.end()))
}

/// A date from its written parts; digits split by a stray space ("0 6")
/// are joined first.
pub(crate) fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    let num = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>().parse::<u32>().ok();
    NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?)
}

/// Lower-case words that end an issuer's name ("… của Bộ Chính trị về …").
const STOP_WORDS: [&str; 24] = [
    "về", "tại", "đã", "được", "trong", "theo", "nhằm", "giao", "cho", "đến", "với", "ngày", "số", "là", "khi", "để",
    "từ", "này", "có", "thì", "mà", "do", "qua", "nay",
];

const STOP_PAIRS: [&str; 10] = [
    "ban hành",
    "thực hiện",
    "phê duyệt",
    "quy định",
    "hướng dẫn",
    "triển khai",
    "sửa đổi",
    "bổ sung",
    "đối với",
    "tiếp tục",
];

/// "của Chính phủ ban hành …" → "Chính phủ", as written.
fn issuer_after(rest: &str) -> Option<String> {
    // Only "c" and "C" lower-case to "c", so nothing else can open "của".
    if !rest.trim_start().trim_start_matches(',').trim_start().starts_with(['c', 'C']) {
        return None;
    }
    let rest = head_chars(rest, 120);
    let rest = rest.trim_start().trim_start_matches(',').trim_start();
    let lower_head: String = rest.chars().take(4).flat_map(char::to_lowercase).collect();
    if lower_head != "của " && !lower_head.starts_with("của\n") {
        return None;
    }
    let words: Vec<&str> = rest.split_whitespace().skip(1).collect();
    // Lower case only for the words looked at: word `i` and the two after
    // it (never past the 14th). Most names end within a few words, and
    // lowering fourteen up front was most of a citation's cost.
    let mut lower: Vec<String> = Vec::with_capacity(14);
    let mut taken: Vec<&str> = Vec::new();
    for (i, w) in words.iter().enumerate().take(12) {
        if w.starts_with(['(', '"', '“']) {
            break;
        }
        let wanted = (i + 3).min(words.len()).min(14);
        while let Some(next) = words.get(lower.len()).filter(|_| lower.len() < wanted) {
            lower.push(next.to_lowercase());
        }
        let lw = trim_punct(&lower[i]);
        let is_stop_pair = |n: &String| {
            let n = trim_punct(n);
            // `STOP_PAIRS.contains(format!("{lw} {n}"))` without the string.
            STOP_PAIRS.iter().any(|p| {
                p.len() == lw.len() + 1 + n.len()
                    && p.starts_with(lw)
                    && p.as_bytes().get(lw.len()) == Some(&b' ')
                    && p.ends_with(n)
            })
        };
        if STOP_WORDS.contains(&lw) || lower.get(i + 1).is_some_and(is_stop_pair) {
            break;
        }
        if lw == "và" && ends_name_at_and(&words, &lower, i) {
            break;
        }
        let clean = trim_punct(w);
        if !clean.is_empty() {
            taken.push(clean);
        }
        if clean.len() != w.len() && !w.ends_with("TP.") {
            break;
        }
    }
    (!taken.is_empty()).then(|| taken.join(" "))
}

/// "và" joins two names of one body ("Kế hoạch và Đầu tư") unless what
/// follows is lower case or another document ("và Chương trình …").
fn ends_name_at_and(words: &[&str], lower: &[String], i: usize) -> bool {
    let Some(next) = words.get(i + 1) else { return true };
    if !next.starts_with(char::is_uppercase) {
        return true;
    }
    let two = match lower.get(i + 2) {
        Some(n2) => fold(&format!("{} {}", lower[i + 1], n2)),
        None => fold(&lower[i + 1]),
    };
    KINDS_FOLDED.iter().any(|(k, _)| two.starts_with(k.as_str()))
}

fn trim_punct(s: &str) -> &str {
    s.trim_end_matches([',', ';', '.', ')', ':', '*', '"', '”'])
}

/// Citations merged into one reference per number, in order of first
/// appearance, each field taken from the first citation that gives it.
pub fn references(citations: impl IntoIterator<Item = Citation>) -> Vec<Reference> {
    let mut out: Vec<Reference> = Vec::new();
    for c in citations {
        if let Some(r) = out.iter_mut().find(|r| r.number == c.number) {
            r.kind = r.kind.take().or(c.kind);
            r.issued_on = r.issued_on.or(c.issued_on);
            r.issuer = r.issuer.take().or(c.issuer);
        } else {
            out.push(Reference { number: c.number, kind: c.kind, issued_on: c.issued_on, issuer: c.issuer });
        }
    }
    out
}

/// `references(find_citations(text))` without the citations of `own` (the
/// document's own number), reading of each citation only the fields its
/// reference still lacks.
///
/// A plan cites the same few documents again and again (the seed: 36
/// citations of 6 numbers), and a reference keeps the first kind, date and
/// issuer any of its citations gives: once all three are known, a repeat's
/// kind, date and issuer (each a fold and a search of the text around it)
/// would be read only to be dropped.
pub fn references_in(text: &str, own: Option<&str>) -> Vec<Reference> {
    let mut out: Vec<Reference> = Vec::new();
    for (start, end) in number_spans(text) {
        let Some(raw) = text.get(start..end) else { continue };
        let number = canonical_number(raw);
        if own == Some(number.as_str()) {
            continue;
        }
        let at = out.iter().position(|r| r.number == number);
        let known = at.and_then(|i| out.get(i));
        let need_kind = known.is_none_or(|r| r.kind.is_none());
        let need_date = known.is_none_or(|r| r.issued_on.is_none());
        let need_issuer = known.is_none_or(|r| r.issuer.is_none());
        if !(need_kind || need_date || need_issuer) {
            continue;
        }
        let before = text.get(..start).unwrap_or_default();
        let after = text.get(end..).unwrap_or_default();
        let kind = if need_kind {
            kind_before(before).or_else(|| kind_from_symbol(&number).map(str::to_string))
        } else {
            None
        };
        // The issuer is read after the date, so the date is read for either.
        let (issued_on, rest) = match (need_date || need_issuer).then(|| date_after(after)).flatten() {
            Some((d, used)) => (Some(d), after.get(used..).unwrap_or_default()),
            None => (None, after),
        };
        let issuer = if need_issuer { issuer_after(rest) } else { None };
        match at.and_then(|i| out.get_mut(i)) {
            Some(r) => {
                r.kind = r.kind.take().or(kind);
                r.issued_on = r.issued_on.or(issued_on);
                r.issuer = r.issuer.take().or(issuer);
            }
            None => out.push(Reference { number, kind, issued_on, issuer }),
        }
    }
    out
}
