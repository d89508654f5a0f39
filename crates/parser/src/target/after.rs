//! What follows a value in a folded clause (a range end, a unit, "trở lên"),
//! read by hand where `AFTER` would be asked for its capture groups.
//!
//! `AFTER` is anchored and every part of it is optional, so its match is
//! each part in turn, taken when it matches where the previous one ended:
//! the reader below follows the pattern part by part, with the pattern's
//! own order of alternatives. Its classes `\s` and `\d` are Unicode; the
//! reader only decides on ASCII and gives up (`None`) wherever such a class
//! meets another byte, and the caller then asks the regex.

use std::ops::Range;

/// `AFTER`'s capture groups, as offsets into the text after the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct After {
    pub max: Option<Range<usize>>,
    pub unit: Option<Range<usize>>,
    pub post: Option<Range<usize>>,
    /// End of the whole match.
    pub end: usize,
}

/// The units of `AFTER`, in its order: the first that is written here and
/// ends a word is the one it takes (a test compares the list with the
/// pattern).
pub(super) const UNITS: &[&str] = &[
    "nghin ty dong",
    "ty dong",
    "trieu dong",
    "nghin dong",
    "dong",
    "ty usd",
    "trieu usd",
    "nghin usd",
    "usd",
    "trieu tan",
    "nghin tan",
    "tan",
    "hecta",
    "ha",
    "km",
    "trieu luot khach",
    "luot khach",
    "trieu luot",
    "luot",
    "trieu nguoi",
    "nghin nguoi",
    "nguoi",
    "lao dong",
    "doanh nghiep",
    "hop tac xa",
    "bac sy",
    "bac si",
    "giuong benh",
    "giuong",
    "xa",
    "huyen",
    "san pham",
    "du an",
    "truong",
    "con",
    "mw",
    "kwh",
    "lan",
    "diem",
    "hang",
    "sao",
    "co so",
    "khu",
    "cum",
    "thon",
    "ban",
    "ho",
];

/// `AFTER`'s groups on `rest` (the folded text right after a value), or
/// `None` when a `\s` or `\d` of the pattern meets a non-ASCII byte.
pub(super) fn read(rest: &str) -> Option<After> {
    let b = rest.as_bytes();
    let (max, at) = match range_end(b)? {
        Some(m) => (Some(m.clone()), m.end),
        None => (None, 0),
    };
    let (unit, at) = match unit(b, at)? {
        Some(end) => (Some(at..end), end),
        None => (None, at),
    };
    let (post, at) = match post(b, at)? {
        Some(end) => (Some(at..end), end),
        None => (None, at),
    };
    Some(After { max, unit, post, end: at })
}

/// `\s*(?:-|den)\s*(?P<max>NUM)` at the start: the number's span.
fn range_end(b: &[u8]) -> Option<Option<Range<usize>>> {
    let at = spaces(b, 0)?;
    let after_dash = if b.get(at) == Some(&b'-') {
        at + 1
    } else if b.get(at..).is_some_and(|r| r.starts_with(b"den")) {
        at + 3
    } else {
        return Some(None);
    };
    let start = spaces(b, after_dash)?;
    Some(number(b, start)?.map(|end| start..end))
}

/// `\s*%(?:\s*/\s*nam)?|\s+(?:UNITS)(?-u:\b)` at `at`: where the unit ends.
fn unit(b: &[u8], at: usize) -> Option<Option<usize>> {
    let word = spaces(b, at)?;
    if b.get(word) == Some(&b'%') {
        let per_year = (|| {
            let slash = spaces(b, word + 1)?;
            if b.get(slash) != Some(&b'/') {
                return Some(None);
            }
            let nam = spaces(b, slash + 1)?;
            Some(b.get(nam..).is_some_and(|r| r.starts_with(b"nam")).then_some(nam + 3))
        })()?;
        return Some(Some(per_year.unwrap_or(word + 1)));
    }
    if word == at {
        return Some(None);
    }
    let rest = b.get(word..).unwrap_or(&[]);
    Some(
        UNITS
            .iter()
            .find(|u| rest.starts_with(u.as_bytes()) && !rest.get(u.len()).is_some_and(|&c| is_word_byte(c)))
            .map(|u| word + u.len()),
    )
}

/// `\s+(?:tro len|tro xuong)` at `at`: where it ends.
fn post(b: &[u8], at: usize) -> Option<Option<usize>> {
    let word = spaces(b, at)?;
    if word == at {
        return Some(None);
    }
    let rest = b.get(word..).unwrap_or(&[]);
    Some(["tro len", "tro xuong"].iter().find(|p| rest.starts_with(p.as_bytes())).map(|p| word + p.len()))
}

/// `NUM` (`\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?`) at `at`: where
/// it ends.
fn number(b: &[u8], at: usize) -> Option<Option<usize>> {
    let head = digits(b, at)?;
    if head == at {
        return Some(None);
    }
    // First alternative: a head of one to three digits, then groups of
    // ".ddd" (a longer head leaves a digit where the '.' must be).
    if head - at <= 3 {
        let mut end = head;
        while b.get(end) == Some(&b'.') && three_digits(b, end + 1)? {
            end += 4;
        }
        if end > head {
            return Some(Some(fraction(b, end, b",")?));
        }
    }
    Some(Some(fraction(b, head, b".,")?))
}

/// `(?:[seps]\d+)?` at `at`: where it ends.
fn fraction(b: &[u8], at: usize, seps: &[u8]) -> Option<usize> {
    if !b.get(at).is_some_and(|c| seps.contains(c)) {
        return Some(at);
    }
    let end = digits(b, at + 1)?;
    Some(if end > at + 1 { end } else { at })
}

/// Whether the three bytes at `at` are digits (`\d{3}`).
fn three_digits(b: &[u8], at: usize) -> Option<bool> {
    for i in at..at + 3 {
        match b.get(i) {
            Some(c) if c.is_ascii_digit() => {}
            Some(c) if !c.is_ascii() => return None,
            _ => return Some(false),
        }
    }
    Some(true)
}

/// The end of the run of ASCII digits at `at` (`\d*`); `None` when a
/// non-ASCII byte ends it (it may start a Unicode digit).
fn digits(b: &[u8], at: usize) -> Option<usize> {
    run_end(b, at, |c| c.is_ascii_digit())
}

/// The end of the run of ASCII spaces at `at` (`\s*`); `None` when a
/// non-ASCII byte ends it (it may start a Unicode space).
fn spaces(b: &[u8], at: usize) -> Option<usize> {
    run_end(b, at, |c| matches!(c, b'\t'..=b'\r' | b' '))
}

fn run_end(b: &[u8], at: usize, class: impl Fn(u8) -> bool) -> Option<usize> {
    let len = b.get(at..).unwrap_or(&[]).iter().position(|&c| !class(c)).unwrap_or(b.len().saturating_sub(at));
    let end = at + len;
    match b.get(end) {
        Some(c) if !c.is_ascii() => None,
        _ => Some(end),
    }
}

/// A word byte for `(?-u:\b)`: ASCII letters, digits and '_'.
fn is_word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}
