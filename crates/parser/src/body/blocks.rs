//! Re-joins the cleaned lines into blocks that each start at a structural
//! marker (Roman section, "1."/"1.2.", "a)", "-", "+", "*") or after a blank
//! line. Working from lines rather than paragraphs keeps PDF text (no blank
//! lines at all) and publisher text (a blank line after every few words)
//! readable by the same code.

use std::borrow::Cow;
use std::cell::OnceCell;

use crate::raw::Line;
use crate::text::has_any_of;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Marker {
    /// "II." with its numeral and value.
    Roman(String, u32),
    /// "1." or "1.2." as written, without the final dot.
    Number(String),
    /// "a)" … "đ)".
    Letter(String),
    /// "-", "+" or "*".
    Bullet(char),
    Plain,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Block {
    pub marker: Marker,
    /// Text after the marker, lines joined with single spaces.
    pub text: String,
    pub line: usize,
    /// `assign::lower(text)`, made when first asked for.
    pub low: OnceCell<String>,
}

impl Block {
    /// The lowered text (see `assign::lower`), computed once.
    pub(crate) fn low(&self) -> &str {
        self.low.get_or_init(|| super::assign::lower(&self.text))
    }
}

/// Lines that carry no text of the plan: PDF running headers, page numbers.
fn is_noise(t: &str) -> bool {
    (!t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit())) || t.starts_with("CÔNG BÁO/")
}

/// A row or a wrapped cell of a pipe table: the table reader owns it.
fn is_table_line(t: &str) -> bool {
    t.starts_with('|') || t.ends_with('|') || (t.as_bytes().contains(&b'|') && t.matches(" | ").nth(1).is_some())
}

/// Removes markdown leftovers the line cleaner may keep ("*", "#").
fn clean(raw: &str) -> (Option<char>, Cow<'_, str>) {
    let t = raw.trim();
    if !t.as_bytes().contains(&b'*') && !t.as_bytes().contains(&b'#') {
        return (None, Cow::Borrowed(t));
    }
    let bullet_star = t.starts_with("* ") || t.starts_with("*\t");
    let mut s: String = t.chars().filter(|&c| c != '*').collect();
    let trimmed = s.trim_start_matches('#').trim();
    if trimmed.len() != s.len() {
        s = trimmed.to_string();
    }
    (bullet_star.then_some('*'), Cow::Owned(s.trim().to_string()))
}

const ROMANS: [&str; 20] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
    "XVIII", "XIX", "XX",
];

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '“' || c == '"' || c == '(')
}

fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

/// Every letter of `s` is uppercase: a heading that wraps onto this line.
pub(crate) fn is_all_caps(s: &str) -> bool {
    !s.chars().any(char::is_lowercase)
}

/// The marker at the start of a cleaned line and the text after it.
pub(crate) fn classify(t: &str) -> (Marker, &str) {
    let dot = t.as_bytes().iter().take(7).position(|&b| b == b'.');
    if let Some((head, rest)) = dot.and_then(|d| Some((t.get(..d)?, t.get(d + 1..)?))) {
        if rest.starts_with(' ') {
            if let Some(i) = ROMANS.iter().position(|r| *r == head) {
                if starts_upper(rest.trim_start()) {
                    return (Marker::Roman(head.to_string(), i as u32 + 1), rest.trim());
                }
            }
        }
    }
    if let Some(n) = number_prefix(t) {
        let rest = t.get(n.len()..).unwrap_or("").trim_start_matches('.').trim();
        if starts_upper(rest) || rest.is_empty() {
            return (Marker::Number(n.to_string()), rest);
        }
    }
    if let Some(l) = letter_prefix(t) {
        let rest = t.get(l.len() + 1..).unwrap_or("").trim();
        return (Marker::Letter(l.to_string()), rest);
    }
    for b in ['-', '+', '–', '•'] {
        if let Some(rest) = t.strip_prefix(b) {
            if rest.starts_with(' ') || rest.starts_with('\t') {
                let mark = if b == '+' { '+' } else { '-' };
                return (Marker::Bullet(mark), rest.trim());
            }
        }
    }
    (Marker::Plain, t)
}

/// "1", "12", "1.2", "5.2.1" followed by "." or ". "/" ".
fn number_prefix(t: &str) -> Option<&str> {
    let bytes = t.as_bytes();
    let mut i = 0;
    let mut last_num_end;
    loop {
        let s = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let digits = i - s;
        if digits == 0 || digits > 2 {
            return None;
        }
        last_num_end = i;
        if i < bytes.len() && bytes[i] == b'.' {
            i += 1;
            if i < bytes.len() && bytes[i].is_ascii_digit() {
                continue;
            }
            if i >= bytes.len() || bytes[i] == b' ' || bytes[i] == b'\t' {
                return t.get(..last_num_end);
            }
            return None;
        }
        // "1.2 Text" (sub-number without final dot)
        if t.get(..i).is_some_and(|h| h.contains('.')) && i < bytes.len() && bytes[i] == b' ' {
            return t.get(..last_num_end);
        }
        return None;
    }
}

fn letter_prefix(t: &str) -> Option<&str> {
    let mut it = t.char_indices();
    let (_, c) = it.next()?;
    if !(c.is_ascii_lowercase() || c == 'đ') {
        return None;
    }
    let (i, p) = it.next()?;
    if p != ')' {
        return None;
    }
    let after = t.get(i + 1..)?;
    if !(after.starts_with(' ') || after.is_empty()) {
        return None;
    }
    t.get(..i)
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end().ends_with(['.', ';', ':', '!', '?'])
}

/// Builds the blocks of `lines`.
pub(crate) fn blocks(lines: &[Line]) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut cur: Option<Block> = None;
    let mut prev_line: Cow<'_, str> = Cow::Borrowed("");
    for line in lines {
        let raw = line.text.trim();
        if is_noise(raw) {
            continue;
        }
        // Table rows need a '|', and only '*' or '#' leave anything to clean.
        let marked = has_any_of(raw, [b'|', b'*', b'#']);
        if marked && is_table_line(raw) {
            out.extend(cur.take());
            continue;
        }
        let (star, t) = if marked { clean(raw) } else { (None, Cow::Borrowed(raw)) };
        if t.is_empty() {
            out.extend(cur.take());
            prev_line = Cow::Borrowed("");
            continue;
        }
        let (marker, rest) = match star {
            Some(c) => (Marker::Bullet(c), &*t),
            None => classify(&t),
        };
        let new_block = match (&marker, &cur) {
            (_, None) => true,
            (Marker::Plain, Some(c)) => match c.marker {
                Marker::Roman(..) => !is_all_caps(&t),
                Marker::Number(_) | Marker::Letter(_) => prev_line.trim_end().ends_with(':'),
                _ => false,
            },
            (Marker::Bullet(_), Some(_)) => !starts_lower(rest) || ends_sentence(&prev_line),
            _ => true,
        };
        if new_block {
            out.extend(cur.take());
            cur = Some(Block { marker, text: rest.to_string(), line: line.no, low: OnceCell::new() });
        } else if let Some(c) = cur.as_mut() {
            c.text.push(' ');
            c.text.push_str(&t);
        }
        prev_line = t;
    }
    out.extend(cur);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_markers() {
        assert_eq!(classify("II. NHIỆM VỤ").0, Marker::Roman("II".into(), 2));
        assert_eq!(classify("10. Gắn phát triển").0, Marker::Number("10".into()));
        assert_eq!(classify("5.2. Xây dựng").0, Marker::Number("5.2".into()));
        assert_eq!(classify("đ) Nhiệm vụ").0, Marker::Letter("đ".into()));
        assert_eq!(classify("- Sở Y tế").0, Marker::Bullet('-'));
        assert_eq!(classify("2021. Tổ chức").0, Marker::Plain);
        assert_eq!(classify("Việt Nam").0, Marker::Plain);
    }
}
