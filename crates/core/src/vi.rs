//! Vietnamese text rules that both databases must agree on: the search key
//! (no diacritics, đ→d) and a sort key that orders names as a Vietnamese
//! dictionary does (a ă â b c d đ e ê …, then by tone: ngang, huyền, hỏi,
//! ngã, sắc, nặng). Keys are computed here and stored as bytes, so SQLite
//! and PostgreSQL sort identically without a database collation.

use chrono::NaiveDate;
use unicode_normalization::char::decompose_canonical;

pub use theodoi_parser::fold::fold;

/// A day as people read it, dd/mm/yyyy; "-" when there is none.
pub fn date_vi(day: Option<NaiveDate>) -> String {
    day.map_or_else(|| "-".to_string(), |d| d.format("%d/%m/%Y").to_string())
}

/// A number as Vietnamese write it, at most two decimals: "." for
/// thousands and "," for decimals ("5.200", "6,3", "750.000").
pub fn number_vi(v: f64) -> String {
    let rounded = (v * 100.0).round() / 100.0;
    let int = rounded.trunc().abs() as u64;
    let frac = ((rounded.abs() - int as f64) * 100.0).round() as u64;
    let digits = int.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if rounded < 0.0 { "-" } else { "" };
    match frac {
        0 => format!("{sign}{grouped}"),
        f if f % 10 == 0 => format!("{sign}{grouped},{}", f / 10),
        f => format!("{sign}{grouped},{f:02}"),
    }
}

/// Letters in dictionary order; anything else sorts after them by code point.
const ALPHABET: &[&str] = &[
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "ô", "ơ", "p", "q",
    "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
];

/// The byte key that sorts `s` in Vietnamese order.
pub fn sort_key(s: &str) -> Vec<u8> {
    let mut primary = Vec::with_capacity(s.len());
    let mut tones = Vec::with_capacity(s.len());
    for c in s.chars() {
        let (letter, tone) = split_char(c);
        primary.extend_from_slice(&weight(letter));
        if letter.is_alphanumeric() {
            tones.push(tone);
        }
    }
    primary.push(0);
    primary.extend(tones);
    primary
}

/// A character's base letter (with its vowel marks) and tone (0 = ngang).
fn split_char(c: char) -> (char, u8) {
    let lower = c.to_lowercase().next().unwrap_or(c);
    if lower.is_ascii() || lower == 'đ' {
        return (lower, 0);
    }
    let mut base: Option<char> = None;
    let mut tone = 0u8;
    let mut vowel_mark: Option<char> = None;
    decompose_canonical(lower, |d| match d {
        '\u{0300}' => tone = 1,
        '\u{0309}' => tone = 2,
        '\u{0303}' => tone = 3,
        '\u{0301}' => tone = 4,
        '\u{0323}' => tone = 5,
        '\u{0306}' | '\u{0302}' | '\u{031B}' => vowel_mark = Some(d),
        other if base.is_none() => base = Some(other),
        _ => {}
    });
    let base = base.unwrap_or(lower);
    let letter = match (base, vowel_mark) {
        ('a', Some('\u{0306}')) => 'ă',
        ('a', Some('\u{0302}')) => 'â',
        ('e', Some('\u{0302}')) => 'ê',
        ('o', Some('\u{0302}')) => 'ô',
        ('o', Some('\u{031B}')) => 'ơ',
        ('u', Some('\u{031B}')) => 'ư',
        (b, _) => b,
    };
    (letter, tone)
}

/// Three bytes per character: space and punctuation first, then digits,
/// then letters in dictionary order, then everything else.
fn weight(c: char) -> [u8; 3] {
    if c.is_whitespace() {
        return [1, 0, 0];
    }
    if c.is_ascii_digit() {
        return [2, c as u8, 0];
    }
    let mut buf = [0u8; 4];
    let s: &str = c.encode_utf8(&mut buf);
    if let Some(i) = ALPHABET.iter().position(|l| *l == s) {
        return [3, i as u8 + 1, 0];
    }
    let cp = c as u32;
    if !c.is_alphanumeric() {
        return [1, 1 + (cp.min(250) as u8), 0];
    }
    [4, (cp >> 8).min(255) as u8, (cp & 0xff) as u8]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionary_order() {
        let mut names =
            vec!["Sở Y tế", "Sở Tài chính", "Sở Đô thị", "Sở Du lịch", "Ban Dân tộc", "Sở Ăn uống", "Sở An ninh"];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(
            names,
            ["Ban Dân tộc", "Sở An ninh", "Sở Ăn uống", "Sở Du lịch", "Sở Đô thị", "Sở Tài chính", "Sở Y tế"]
        );
    }

    #[test]
    fn tones_break_ties_in_order() {
        let mut words = vec!["má", "mạ", "mà", "ma", "mã", "mả"];
        words.sort_by_key(|w| sort_key(w));
        assert_eq!(words, ["ma", "mà", "mả", "mã", "má", "mạ"]);
    }

    #[test]
    fn case_and_tone_placement_do_not_matter() {
        assert_eq!(sort_key("Thanh Hóa"), sort_key("thanh hóa"));
        assert_eq!(sort_key("hoà")[..6], sort_key("hòa")[..6]);
    }
}
