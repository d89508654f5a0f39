//! Folding Vietnamese text into a comparison key: no diacritics, đ→d,
//! lowercase, single spaces. "Sở Kế hoạch" and "so ke hoach" share a key,
//! and so do old and new tone placements ("Uỷ"/"Ủy").
//!
//! Every reader folds text, so the Latin letters Vietnamese uses are folded
//! through a table built once; only rarer characters are decomposed.

use std::sync::LazyLock;

use unicode_normalization::char::decompose_canonical;

/// The folded key of `s`.
///
/// Runs over bytes: ASCII (most of any text) is lowered in place of a char
/// decode, and the table of Vietnamese letters is looked up once per call.
pub fn fold(s: &str) -> String {
    let table = &**TABLE;
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            // The ASCII characters `char::is_whitespace` accepts.
            if matches!(b, b'\t'..=b'\r' | b' ') {
                if !last_space {
                    out.push(' ');
                    last_space = true;
                }
            } else {
                last_space = false;
                out.push(char::from(b.to_ascii_lowercase()));
            }
            continue;
        }
        let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else { break };
        i += c.len_utf8();
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
            continue;
        }
        last_space = false;
        match lookup(table, c) {
            Some(f) => out.push(char::from(f)),
            None => push_folded(c, &mut out),
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The folded form of one character onto `out`.
pub fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if let Some(b) = table_lookup(c) {
        out.push(b as char);
        return;
    }
    match c {
        'đ' | 'Đ' => out.push('d'),
        _ => decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                for l in d.to_lowercase() {
                    out.push(l);
                }
            }
        }),
    }
}

/// Latin-1 Supplement and Latin Extended-A/B, then Latin Extended
/// Additional (where Vietnamese toned vowels live).
const LOW: std::ops::Range<u32> = 0x00C0..0x0250;
const HIGH: std::ops::Range<u32> = 0x1E00..0x1F00;

/// For each character of `LOW` and `HIGH`, the ASCII letter it folds to,
/// or 0 when it does not fold to a single ASCII letter.
static TABLE: LazyLock<Vec<u8>> = LazyLock::new(|| {
    LOW.chain(HIGH)
        .map(|cp| {
            let Some(c) = char::from_u32(cp) else { return 0 };
            let mut folded = String::new();
            match c {
                'đ' | 'Đ' => folded.push('d'),
                _ => decompose_canonical(c, |d| {
                    if !is_combining_mark(d) {
                        folded.extend(d.to_lowercase());
                    }
                }),
            }
            match folded.as_bytes() {
                [b] if b.is_ascii_lowercase() => *b,
                _ => 0,
            }
        })
        .collect()
});

fn table_lookup(c: char) -> Option<u8> {
    lookup(&TABLE, c)
}

/// The table [`letter_in`] reads, dereferenced once by a caller that folds
/// many characters.
pub(crate) fn letter_table() -> &'static [u8] {
    &TABLE
}

/// The ASCII letter a Vietnamese (Latin) letter folds to, from
/// [`letter_table`]; `None` for characters the table does not cover.
#[inline]
pub(crate) fn letter_in(table: &[u8], c: char) -> Option<u8> {
    lookup(table, c)
}

/// `table_lookup` in an already dereferenced table.
#[inline]
fn lookup(table: &[u8], c: char) -> Option<u8> {
    let cp = c as u32;
    let index = if LOW.contains(&cp) {
        cp - LOW.start
    } else if HIGH.contains(&cp) {
        cp - HIGH.start + (LOW.end - LOW.start)
    } else {
        return None;
    };
    table.get(index as usize).copied().filter(|b| *b != 0)
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_diacritics_and_d() {
        assert_eq!(fold("Sở Kế hoạch và Đầu tư"), "so ke hoach va dau tu");
        assert_eq!(fold("Uỷ ban"), fold("Ủy ban"));
        assert_eq!(fold("  Thanh   Hoá "), "thanh hoa");
        assert_eq!(fold("ĐẶC KHU Ưu Ơn Ỵ ỹ"), "dac khu uu on y y");
    }

    /// `fold` char by char, as it was first written.
    fn fold_plain(s: &str) -> String {
        let mut out = String::new();
        let mut last_space = true;
        for c in s.chars() {
            if c.is_whitespace() {
                if !last_space {
                    out.push(' ');
                    last_space = true;
                }
                continue;
            }
            last_space = false;
            push_folded(c, &mut out);
        }
        if out.ends_with(' ') {
            out.pop();
        }
        out
    }

    #[test]
    fn byte_loop_agrees_with_char_loop() {
        for s in [
            " \t Sở KH&ĐT\r\n\u{000B}\u{000C}UBND  tỉnh\u{00A0}\u{2003}Thanh Hoá ",
            "ñ ß Æ ǅ ﬁ İ ½ ² e\u{0301} \u{001C}x\u{0085}y",
            "",
            "   ",
        ] {
            assert_eq!(fold(s), fold_plain(s), "{s:?}");
        }
    }

    /// The table gives what decomposition gives, for every character it
    /// covers.
    #[test]
    fn table_agrees_with_decomposition() {
        for cp in LOW.chain(HIGH) {
            let Some(c) = char::from_u32(cp) else { continue };
            if let Some(b) = table_lookup(c) {
                let mut slow = String::new();
                decompose_canonical(c, |d| {
                    if !is_combining_mark(d) {
                        slow.extend(d.to_lowercase());
                    }
                });
                if c != 'đ' && c != 'Đ' {
                    assert_eq!(slow, (b as char).to_string(), "U+{cp:04X}");
                }
            }
        }
    }
}
