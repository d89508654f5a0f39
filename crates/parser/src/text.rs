//! Lines and paragraphs of the normalised text, with markdown emphasis and
//! publisher artefacts removed but line numbers kept, so every diagnostic can
//! point at the line a person sees in their file.

use std::borrow::Cow;
use std::sync::LazyLock;

use memchr::memmem;

use crate::fold::fold;
use crate::raw::{Line, Para};

/// Splits normalised text into cleaned lines, numbered from 1. Publisher
/// and PDF artefacts become blank lines, so numbering never shifts.
pub fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out: Vec<Line> = Vec::with_capacity(text.len() / 40 + 1);
    let mut after_running_header = false;
    let mut in_signature_stamp = false;
    for (i, raw) in split_lines(text).enumerate() {
        let mut cleaned = clean_line(raw);
        let was_running_header = after_running_header;
        after_running_header = false;
        if is_running_header(&cleaned) {
            after_running_header = true;
            cleaned = Cow::Borrowed("");
        } else if is_artefact(&cleaned, i, was_running_header) {
            cleaned = Cow::Borrowed("");
        }
        if cleaned.starts_with("Ký bởi:") {
            in_signature_stamp = true;
        } else if in_signature_stamp && !is_stamp_field(&cleaned) {
            in_signature_stamp = false;
        }
        if in_signature_stamp {
            cleaned = Cow::Borrowed("");
        }
        out.push(Line { no: i + 1, text: cleaned });
    }
    out
}

/// `text.split('\n')`, with the line ends found by `memchr` (SIMD): lines
/// are long enough for its set-up to pay, where the standard library's
/// char search costs more per line. Words, a few letters long, are split
/// by `split_spaces` instead.
fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes()).map(Some).chain(std::iter::once(None)).map(move |end| {
        let end = end.unwrap_or(text.len());
        let line = text.get(start..end).unwrap_or("");
        start = end + 1;
        line
    })
}

/// `text.split(' ')`, each space found by a byte loop: the pieces are
/// words of a few letters, where a `memchr` call costs more to set up than
/// the loop does to find the space.
pub(crate) fn split_spaces(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == b' ') {
            Some(i) => {
                rest = r.get(i + 1..);
                Some(r.get(..i).unwrap_or(""))
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// `s.split_whitespace().collect::<Vec<_>>().join(" ")` without the vector
/// of words: the words are pushed onto one string sized for `s`, where the
/// vector and the join's own sizing pass were an allocation and a walk
/// more per cell.
pub(crate) fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// `text.split(' ').count()`: the spaces counted in one (vectorised) pass.
pub(crate) fn count_words(text: &str) -> usize {
    text.bytes().filter(|&b| b == b' ').count() + 1
}

/// A publisher's line that is not the document's: the page number after a
/// running header, the site's "Hệ thống pháp luật" banner, "Tải văn bản".
fn is_artefact(s: &str, index: usize, after_running_header: bool) -> bool {
    (after_running_header && is_page_number(s)) || (index == 0 && fold(s) == "he thong phap luat") || s == "Tải văn bản"
}

/// The fields a digital-signature stamp prints after "Ký bởi:".
fn is_stamp_field(s: &str) -> bool {
    ["Cơ quan:", "Ngày ký:", "Thời gian ký:", "Email:", "Chức vụ:"].iter().any(|p| s.starts_with(p))
}

/// "CÔNG BÁO/Số 286/Ngày 27-05-2026": the Official Gazette's page header.
fn is_running_header(s: &str) -> bool {
    s.starts_with("CÔNG BÁO/") || s.starts_with("CÔNG BÁO /")
}

fn is_page_number(s: &str) -> bool {
    !s.is_empty() && s.len() <= 5 && s.bytes().all(|b| b.is_ascii_digit())
}

/// Removes markdown emphasis, heading marks and escapes from one line;
/// a line with none of them is returned borrowed.
pub fn clean_line(raw: &str) -> Cow<'_, str> {
    let s = raw.trim();
    if s.is_empty() || is_rule(s) {
        return Cow::Borrowed("");
    }
    // Nearly every line is plain text: one scan rules out all the marks
    // below.
    if !s.starts_with('#') && !has_markup(s) {
        return Cow::Borrowed(s);
    }
    let mut s =
        if s.contains("**") || s.contains("__") { s.replace("**", "").replace("__", "") } else { s.to_string() };
    if s.contains('*') {
        s = strip_stars(&s);
    }
    if s.starts_with('#') {
        s = s.trim_start_matches('#').to_string();
    }
    if s.contains('\\') {
        s = unescape(&s);
    }
    let t = s.trim();
    Cow::Owned(if t.len() == s.len() { s } else { t.to_string() })
}

/// A line drawn under a header block: "-------", "______", "––––".
fn is_rule(s: &str) -> bool {
    s.chars().all(|c| matches!(c, '-' | '_' | '–' | '—' | '=' | '─')) && s.chars().count() >= 3
}

/// Whether `s` holds `*`, `_` or a backslash: this runs on every line, and most
/// lines hold none of them.
fn has_markup(s: &str) -> bool {
    has_any_of(s, [b'*', b'_', b'\\'])
}

/// Whether `s` holds one of three ASCII bytes: one vectorised search
/// (`memchr3`, SSE2/AVX2) in place of three, for checks that run on every
/// line; a byte-at-a-time or eight-bytes-at-a-time scan of every line was
/// a visible share of a parse.
pub(crate) fn has_any_of(s: &str, needles: [u8; 3]) -> bool {
    let [a, b, c] = needles;
    memchr::memchr3(a, b, c, s.as_bytes()).is_some()
}

/// Drops `*` used as italic marks, broken or not, but keeps a footnote
/// star "(*)" and a star standing between spaces.
fn strip_stars(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == '*' {
            let prev = if i > 0 { chars.get(i - 1).copied() } else { None };
            let next = chars.get(i + 1).copied();
            let footnote = prev == Some('(') && next == Some(')');
            let spaced = prev.is_some_and(char::is_whitespace) && next.is_some_and(char::is_whitespace);
            if !footnote && !spaced {
                continue;
            }
        }
        out.push(c);
    }
    let trimmed = out.trim().trim_matches('*').trim();
    if trimmed.len() == out.len() {
        out
    } else {
        trimmed.to_string()
    }
}

/// Markdown escapes ("\|", "\.", "\-") back to their character.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c == '\\' {
            if let Some(&n) = it.peek() {
                if matches!(n, '|' | '.' | '-' | '*' | '_' | '(' | ')' | '[' | ']' | '#' | '+' | '\\') {
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

/// Joins wrapped lines into paragraphs. A paragraph ends at a blank line
/// or a lone "|" cell separator; a line that starts a structural item
/// ("Điều 2.", "II.", "1.2.", "a)", "- ", "Căn cứ" …), a table row, or a
/// mixed-case line after an upper-case heading starts a new one. Anything
/// else continues the paragraph, which is how PDF and wrapped-HTML text
/// comes out.
pub fn paragraphs(lines: &[Line]) -> Vec<Para> {
    let mut out: Vec<Para> = Vec::new();
    let mut open: Option<ParaCase> = None;
    for (i, line) in lines.iter().enumerate() {
        let t = &*line.text;
        if t.is_empty() || t == "|" {
            open = None;
            continue;
        }
        let lower = has_lowercase(t);
        if let (Some(case), Some(p)) = (open.as_mut(), out.last_mut()) {
            if !starts_new_paragraph(t, lower, &p.text, *case) {
                p.text.push(' ');
                p.text.push_str(t);
                p.end = i + 1;
                case.heading &= !lower;
                case.has_lower |= lower;
                continue;
            }
        }
        out.push(Para { line: line.no, start: i, end: i + 1, text: t.to_string() });
        open = Some(ParaCase { heading: is_upper_text(t), has_lower: lower });
    }
    out
}

/// The letter case of the paragraph so far, kept as lines are added so a
/// long paragraph is not rescanned for every line.
#[derive(Debug, Clone, Copy)]
struct ParaCase {
    heading: bool,
    has_lower: bool,
}

/// A line that opens a structural item: "Điều 3.", "II.", "1.", "1.2.",
/// "1)", "a)", "đ)", a bullet, or a table row. Written by hand because it
/// runs on every line.
fn is_item_start(line: &str) -> bool {
    let mut it = line.chars();
    let Some(first) = it.next() else { return false };
    let second = it.next();
    match first {
        '|' => true,
        '-' => second.is_some_and(|c| c.is_whitespace() || c.is_uppercase()),
        '+' | '•' | '–' | '−' => second.is_some_and(char::is_whitespace),
        'a'..='z' | 'đ' => second == Some(')'),
        '0'..='9' => numbered(line),
        'I' | 'V' | 'X' | 'L' | 'C' => roman(line),
        'Đ' => line.strip_prefix("Điều ").is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit())),
        _ => false,
    }
}

/// "1. ", "12.", "1.2. ", "1.2 ", "1)", "1.2)"; not "1.100" or "2025".
fn numbered(line: &str) -> bool {
    let b = line.as_bytes();
    let mut i = 0;
    let mut groups = 0;
    loop {
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let digits = i - start;
        if digits == 0 || digits > 2 {
            return false;
        }
        groups += 1;
        match b.get(i) {
            Some(b')') => return true,
            Some(b'.') => {
                i += 1;
                match b.get(i) {
                    None | Some(b' ' | b'\t') => return true,
                    Some(c) if c.is_ascii_digit() && groups < 4 => continue,
                    _ => return false,
                }
            }
            Some(b' ' | b'\t') | None => return groups > 1,
            _ => return false,
        }
    }
}

fn roman(line: &str) -> bool {
    let n = line.bytes().take_while(|b| matches!(b, b'I' | b'V' | b'X' | b'L' | b'C')).count();
    (1..=6).contains(&n)
        && line.as_bytes().get(n) == Some(&b'.')
        && line.as_bytes().get(n + 1).is_none_or(|b| b.is_ascii_whitespace())
}

const PARA_WORDS: [&str; 10] =
    ["Căn cứ", "Theo đề nghị", "Xét đề nghị", "Nơi nhận", "QUYẾT ĐỊNH", "QUYẾT NGHỊ", "TM.", "KT.", "TL.", "PHỤ LỤC"];

fn starts_new_paragraph(line: &str, line_lower: bool, para: &str, case: ParaCase) -> bool {
    if PARA_WORDS.iter().any(|w| line.starts_with(w)) || is_item_start(line) {
        return true;
    }
    if (case.heading && line_lower) || (case.has_lower && is_heading_line(line)) {
        return true;
    }
    let ends_sentence = para.ends_with(['.', ';', ':']) && !para.ends_with("TP.") && !para.ends_with("TX.");
    ends_sentence && line.chars().next().is_some_and(char::is_uppercase) && !case.heading
}

/// Has letters and none of them lower case: a heading line.
pub fn is_upper_text(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

fn has_lowercase(s: &str) -> bool {
    s.chars().any(char::is_lowercase)
}

/// An upper-case line of two words or more; a lone "CT/TW)." is a wrapped
/// document number, not a heading.
fn is_heading_line(s: &str) -> bool {
    is_upper_text(s)
        && s.split_whitespace().filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2).count() >= 2
}

/// Whether `s` is already as `split_whitespace` and a join with single
/// spaces would leave it: no whitespace at either end, no whitespace but
/// single ASCII spaces. Unsure (a byte that may start a Unicode space) is
/// `false`.
pub(crate) fn is_collapsed(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    // Folds without early exits, so the compiler can vectorise it.
    let control = b.iter().fold(false, |acc, &c| acc | (c.wrapping_sub(b'\t') < 5));
    !control && !has_double_space(b) && !has_unicode_space(b)
}

/// Two ASCII spaces in a row, found with `memmem` (SIMD).
fn has_double_space(b: &[u8]) -> bool {
    DOUBLE_SPACE.find(b).is_some()
}

/// Searchers built once: `memmem::find` builds one per call, which cost
/// more than the search on a short cell.
static DOUBLE_SPACE: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new(b"  "));
static OGHAM_SPACE: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new(&[0xE1, 0x9A]));

/// A byte pair that may open a Unicode space: U+0085 and U+00A0 (C2 85,
/// C2 A0), U+1680 (E1 9A), U+2000–U+205F (E2 80, E2 81) and U+3000
/// (E3 80). C2, E2 and E3 are rare in Vietnamese text, so they are looked
/// for with `memchr3` (SIMD); E1 opens most Vietnamese letters, so E1 9A
/// is looked for as a pair with `memmem`. Comparing every byte pair of
/// every cell was a visible share of reading a table.
fn has_unicode_space(b: &[u8]) -> bool {
    let opens = |i: usize| {
        let next = b.get(i + 1).copied().unwrap_or(0);
        match b[i] {
            0xC2 => next == 0x85 || next == 0xA0,
            0xE2 => (next & 0xFE) == 0x80,
            _ => next == 0x80,
        }
    };
    memchr::memchr3_iter(0xC2, 0xE2, 0xE3, b).any(opens) || OGHAM_SPACE.find(b).is_some()
}

/// Whether `phrase` (words joined by single spaces) stands in `text` as
/// whole words: its words are consecutive words of `text` split at each
/// space, which is the phrase found between spaces or the ends. Searched
/// in place from the places of its first byte: a vector of words per text,
/// split again for every phrase (a target's modifiers), or a two-way
/// searcher per phrase (a table header's), cost more than the search.
pub(crate) fn has_phrase(text: &str, phrase: &str) -> bool {
    let (m, p) = (text.as_bytes(), phrase.as_bytes());
    let Some(&first) = p.first() else { return false };
    // Most texts asked about are shorter than the phrase (often empty):
    // they are answered before a search is set up.
    if m.len() < p.len() {
        return false;
    }
    memchr::memchr_iter(first, m).any(|at| {
        m.get(at..).is_some_and(|rest| rest.starts_with(p))
            && (at == 0 || m.get(at - 1) == Some(&b' '))
            && m.get(at + p.len()).is_none_or(|&b| b == b' ')
    })
}

/// `hay.find(needle)` for a short needle in a short text: the places of the
/// needle's first byte are found with `memchr` and compared there, where
/// `str::find` sets up a two-way searcher per call (its set-up cost more
/// than the search on a clause or an agency list).
pub(crate) fn find_str(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else { return Some(0) };
    if h.len() < n.len() {
        return None;
    }
    memchr::memchr_iter(first, h).find(|&at| h.get(at..).is_some_and(|r| r.starts_with(n)))
}

/// `hay.rfind(needle)`, as [`find_str`] does it, from the end.
pub(crate) fn rfind_str(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else { return Some(hay.len()) };
    if h.len() < n.len() {
        return None;
    }
    memchr::memrchr_iter(first, h).find(|&at| h.get(at..).is_some_and(|r| r.starts_with(n)))
}

/// Fixed strings looked for in many texts, their searchers built once:
/// `str::contains` builds a two-way searcher per call and per string, and
/// that set-up cost more than the search on a short line or task text.
/// (One Aho-Corasick pass for a whole set cost more still: its prefilter
/// stops at common bytes and the automaton then walks byte by byte.)
pub(crate) struct Words(Vec<memmem::Finder<'static>>);

impl Words {
    pub(crate) fn new(words: &[&'static str]) -> Words {
        Words(words.iter().map(|w| memmem::Finder::new(w.as_bytes())).collect())
    }

    /// Whether `text` holds any of the words, tried in the order given.
    pub(crate) fn any_in(&self, text: &str) -> bool {
        self.0.iter().any(|f| f.find(text.as_bytes()).is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `find_str` and `rfind_str` are `str::find` and `str::rfind`.
    #[test]
    fn finders_are_the_std_ones() {
        let hays =
            ["", "a", ", ", "a, b, c", ",,, ", "liên quan liên quan khác", "x có y có", "aaa", "vava va ", "đ, ;, "];
        let needles = ["", ", ", "liên quan", " có ", "aa", "a", " va ", ",", "đ", "khác", "zz"];
        for h in hays {
            for n in needles {
                assert_eq!(find_str(h, n), h.find(n), "{h:?} {n:?}");
                assert_eq!(rfind_str(h, n), h.rfind(n), "{h:?} {n:?}");
            }
        }
    }

    /// `has_phrase` answers what comparing space-split words window by
    /// window answered.
    #[test]
    fn phrases_match_whole_words() {
        let by_words = |mods: &str, w: &str| {
            let words: Vec<&str> = split_spaces(mods).collect();
            words.windows(count_words(w)).any(|x| x.iter().copied().eq(w.split(' ')))
        };
        for mods in [
            "",
            "it nhat ",
            "khong qua  toi da",
            "tren",
            "tren ",
            " hon",
            "xtren",
            "trenx hon",
            "toi thieu it nhat",
            " don vi  tinh ",
            " xdon vi don vi ",
        ] {
            for w in ["it nhat", "toi da", "tren", "hon", "khong qua", "toi thieu", "don vi", "don vi tinh"] {
                assert_eq!(has_phrase(mods, w), by_words(mods, w), "{mods:?} {w:?}");
            }
        }
    }

    /// `is_collapsed` as first written: every byte pair compared.
    fn is_collapsed_pairs(s: &str) -> bool {
        let b = s.as_bytes();
        if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
            return false;
        }
        let control = b.iter().any(|&c| c.wrapping_sub(b'\t') < 5);
        let pair = b.windows(2).any(|w| {
            let (x, y) = (w[0], w[1]);
            (x == b' ' && y == b' ')
                || (x == 0xC2 && (y == 0x85 || y == 0xA0))
                || (x == 0xE1 && y == 0x9A)
                || (x == 0xE2 && (y & 0xFE) == 0x80)
                || (x == 0xE3 && y == 0x80)
        });
        !control && !pair
    }

    #[test]
    fn collapsed_check_agrees_with_pairwise() {
        for s in [
            "",
            "Sở Kế hoạch và Đầu tư",
            "a  b",
            " a",
            "a ",
            "a\tb",
            "a\u{00A0}b",
            "a\u{0085}b",
            "a\u{1680}b",
            "a\u{2003}b",
            "a\u{2028}b",
            "a\u{205F}b",
            "a\u{3000}b",
            "a\u{3001}b ạ ầ ệ",
            "€ — “x” ’",
            "Ā ĉ ơ ư",
        ] {
            assert_eq!(is_collapsed(s), is_collapsed_pairs(s), "{s:?}");
        }
    }

    #[test]
    fn collapse_whitespace_is_the_join_of_the_words() {
        for s in ["", " ", "a", " a  b\t\nc ", "Sở\u{00A0}Y tế\u{3000} x", "  \u{2003} "] {
            assert_eq!(collapse_whitespace(s), s.split_whitespace().collect::<Vec<_>>().join(" "), "{s:?}");
        }
    }

    #[test]
    fn split_lines_is_split_on_line_ends() {
        for t in ["", "\n", "a", "a\n", "\na\n\nb", "Kế hoạch\nthực hiện\n", " a  b ", "Sở Y tế, "] {
            assert_eq!(split_lines(t).collect::<Vec<_>>(), t.split('\n').collect::<Vec<_>>(), "{t:?}");
            assert_eq!(split_spaces(t).collect::<Vec<_>>(), t.split(' ').collect::<Vec<_>>(), "{t:?}");
            assert_eq!(count_words(t), t.split(' ').count(), "{t:?}");
        }
    }
}
