//! Bytes to clean text: BOM and UTF-16 detection, UTF-8 validation with the
//! offending offset (and a guess at legacy Vietnamese encodings), NFC, one
//! tone placement, and uniform spaces and line ends.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::error::{LegacyEncoding, ParseError};

/// Text decoded from bytes, with the encoding it was found in.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    /// "utf-8", "utf-8-bom", "utf-16le", "utf-16be".
    pub encoding: &'static str,
}

/// Decodes `bytes` (not empty, size already checked by the caller).
///
/// UTF-16 is only recognised with its BOM: without one, UTF-16 text is
/// indistinguishable from binary and a guess would do more harm than good.
pub fn decode(bytes: &[u8]) -> Result<Decoded, ParseError> {
    let (text, encoding) = decode_borrowed(bytes)?;
    Ok(Decoded { text: text.into_owned(), encoding })
}

/// [`decode`] without copying UTF-8 text: the parser only reads it.
pub(crate) fn decode_borrowed(bytes: &[u8]) -> Result<(Cow<'_, str>, &'static str), ParseError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(rest, 3).map(|s| (Cow::Borrowed(s), "utf-8-bom"));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes).map(|s| (Cow::Owned(s), "utf-16le"));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes).map(|s| (Cow::Owned(s), "utf-16be"));
    }
    utf8(bytes, 0).map(|s| (Cow::Borrowed(s), "utf-8"))
}

/// Valid text is checked with SIMD (`simdutf8`): Vietnamese text is a
/// quarter multi-byte characters, where the standard library's check goes
/// byte by byte. Invalid text is rechecked by the standard library, which
/// says where the error is.
fn utf8(bytes: &[u8], skipped: usize) -> Result<&str, ParseError> {
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return Ok(s);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => Err(ParseError::InvalidEncoding { offset: skipped + e.valid_up_to(), legacy: guess_legacy(bytes) }),
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, ParseError> {
    let units = bytes.chunks_exact(2).map(|p| unit([p[0], p[1]]));
    let mut text = String::with_capacity(bytes.len());
    // Offsets count from the start of the file, BOM included.
    let mut offset = 2;
    for r in char::decode_utf16(units) {
        match r {
            Ok(c) => {
                offset += 2 * c.len_utf16();
                text.push(c);
            }
            Err(_) => return Err(ParseError::InvalidEncoding { offset, legacy: None }),
        }
    }
    if bytes.len() % 2 == 1 {
        return Err(ParseError::InvalidEncoding { offset: bytes.len() + 1, legacy: None });
    }
    Ok(text)
}

/// A rough guess at which pre-Unicode encoding produced `bytes`, from the
/// bytes that only make sense as Vietnamese letters in that code page:
///
/// - TCVN3 (ABC) stores ă â ê ô ơ ư đ at 0xA8–0xAE and à ả ã á ạ at
///   0xB5–0xB9: bytes 0xA1–0xBF are rare anywhere else.
/// - VNI-Windows writes a tone as a separate byte after an ASCII vowel:
///   0xF9 (sắc), 0xF8 (huyền), 0xFB (hỏi), 0xF5 (ngã), 0xEF (nặng), and
///   0xD9/0xD8/0xDB/0xD5/0xCF after capitals.
/// - Windows-1258 uses combining tone bytes 0xCC, 0xEC, 0xD2, 0xDE, 0xF2
///   after a vowel (ASCII or â ê ô ơ ư ă).
///
/// The encoding with the most evidence wins; no evidence gives `None`.
fn guess_legacy(bytes: &[u8]) -> Option<LegacyEncoding> {
    let (mut tcvn, mut vni, mut cp1258) = (0usize, 0usize, 0usize);
    let mut prev = 0u8;
    for &b in bytes {
        if (0xA1..=0xBF).contains(&b) {
            tcvn += 1;
        }
        if is_ascii_vowel(prev) && matches!(b, 0xF9 | 0xF8 | 0xFB | 0xF5 | 0xEF | 0xD9 | 0xD8 | 0xDB | 0xD5 | 0xCF) {
            vni += 1;
        }
        if (is_ascii_vowel(prev) || matches!(prev, 0xE2 | 0xEA | 0xF4 | 0xF5 | 0xFD | 0xE3 | 0xC2 | 0xCA | 0xD4))
            && matches!(b, 0xCC | 0xEC | 0xD2 | 0xDE | 0xF2)
        {
            cp1258 += 1;
        }
        prev = b;
    }
    let best = tcvn.max(vni).max(cp1258);
    if best == 0 {
        None
    } else if best == tcvn {
        Some(LegacyEncoding::Tcvn3)
    } else if best == vni {
        Some(LegacyEncoding::Vni)
    } else {
        Some(LegacyEncoding::Windows1258)
    }
}

fn is_ascii_vowel(b: u8) -> bool {
    matches!(b.to_ascii_lowercase(), b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// NFC, modern tone placement, `\n` line ends, no-break and other Unicode
/// spaces as spaces, zero-width characters removed. Dashes stay as written.
pub fn normalize(text: &str) -> String {
    match normalize_fast(text) {
        Some(t) => t,
        None => normalize_slow(text),
    }
}

/// `normalize` step by step, for text NFC may change.
fn normalize_slow(text: &str) -> String {
    let text = line_ends(text);
    let text = nfc(text);
    let text = spaces(text);
    match retone(&text) {
        Some(t) => t,
        None => text,
    }
}

/// `normalize` in one pass over the bytes, for text that NFC leaves as it
/// is (`None` otherwise, before anything is lost): runs that need no change
/// are copied whole; line ends, odd spaces and the tone of
/// "oa", "oe", "uy" are handled where they occur, exactly as the slow path's
/// `line_ends`, `spaces` and `retone` would.
fn normalize_fast(text: &str) -> Option<String> {
    use unicode_normalization::char::canonical_combining_class;
    use unicode_normalization::{is_nfc_quick, IsNormalized};
    let bytes = text.as_bytes();
    // Carriage returns are looked for in the scan only when there are any.
    let has_cr = memchr::memchr(b'\r', bytes).is_some();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Plain ASCII needs nothing: go straight to the next byte that may
        // (a carriage return, or the first byte of a non-ASCII character).
        let next = if has_cr { next_lead_or(bytes, i, b'\r') } else { next_lead(bytes, i) };
        let Some(stop) = next else { break };
        i = stop;
        let b = bytes[i];
        if b < 0x80 {
            if b == b'\r' {
                out.push_str(&text[copied..i]);
                out.push('\n');
                i += if bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                copied = i;
            } else {
                i += 1;
            }
            continue;
        }
        // Letters U+0100–U+02FF (ă đ ĩ ũ ơ ư …) need nothing; nor do
        // U+00C0–U+00FF and U+1E80–U+1EFF letters unless an o/u comes
        // right before (a toned a/e/y may then move its tone).
        if (0xC4..0xCC).contains(&b) {
            i += 2;
            continue;
        }
        let prev = if i > copied { bytes.get(i - 1) } else { out.as_bytes().last() };
        let prev_glide = matches!(prev, Some(b'o' | b'O' | b'u' | b'U'));
        if b == 0xC3 && !prev_glide {
            i += 2;
            continue;
        }
        if b == 0xE1 && !prev_glide && matches!(bytes.get(i + 1), Some(0xBA | 0xBB)) {
            i += 3;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else {
            i += 1;
            continue;
        };
        let n = c.len_utf8();
        let vietnamese = b < 0xCC || (b == 0xE1 && matches!(bytes.get(i + 1), Some(0xBA | 0xBB)));
        if !vietnamese && (canonical_combining_class(c) != 0 || is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes) {
            return None;
        }
        if is_odd_space(c) {
            out.push_str(&text[copied..i]);
            if !is_zero_width(c) {
                out.push(' ');
            }
            i += n;
            copied = i;
            continue;
        }
        if matches!(b, 0xC3 | 0xE1) {
            // The output so far is `out` then `text[copied..i]`.
            let back = |k: usize| {
                if i - copied >= k {
                    bytes.get(i - k).copied()
                } else {
                    let o = out.as_bytes();
                    (o.len() + (i - copied)).checked_sub(k).and_then(|p| o.get(p).copied())
                }
            };
            if let Some(g @ (b'o' | b'O' | b'u' | b'U')) = back(1) {
                let Some((nucleus, tone)) = toned_nucleus(c) else {
                    i += n;
                    continue;
                };
                let after_q = matches!(back(2), Some(b'q' | b'Q'));
                let open = next_output_char(&text[i + n..]).is_none_or(|x| !x.is_alphabetic());
                if let Some(new_glide) = toned_glide(g as char, nucleus, tone) {
                    if open && !after_q {
                        if i > copied {
                            out.push_str(&text[copied..i - 1]);
                        } else {
                            out.pop();
                        }
                        out.push(new_glide);
                        out.push(nucleus);
                        i += n;
                        copied = i;
                        continue;
                    }
                }
            }
        }
        i += n;
    }
    out.push_str(&text[copied..]);
    Some(out)
}

/// The first index from `from` on holding the first byte of a non-ASCII
/// character (0xC0 and up), eight bytes at a time: [`next_lead_or`] with no
/// other byte to stop at, one test per eight bytes fewer. Text without
/// carriage returns (nearly all) and the body reader's lowering use it.
pub(crate) fn next_lead(bytes: &[u8], from: usize) -> Option<usize> {
    scan_words(bytes, from, lead_bits, |b| b >= 0xC0)
}

/// Bit 7 of each byte of `w` that has bits 7 and 6 set (0xC0 and up): the
/// first byte of a non-ASCII character.
#[inline(always)]
fn lead_bits(w: u64) -> u64 {
    const HIGH: u64 = 0x0101_0101_0101_0101 * 0x80;
    w & (w << 1) & HIGH
}

/// The first index from `from` on where `found` marks a byte (bit 7 of that
/// byte in the mask it returns for eight little-endian bytes); the last
/// few bytes, fewer than eight, are tested one by one with `is_found`.
#[inline(always)]
fn scan_words(bytes: &[u8], from: usize, found: impl Fn(u64) -> u64, is_found: impl Fn(u8) -> bool) -> Option<usize> {
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let mask = found(u64::from_le_bytes(word));
        if mask != 0 {
            return Some(i + (mask.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes.get(i..)?.iter().position(|&b| is_found(b)).map(|p| i + p)
}

/// The first index from `from` on holding `also` or the first byte of a
/// non-ASCII character (0xC0 and up), eight bytes at a time.
///
/// Vietnamese text switches between ASCII and other letters every few
/// bytes; testing each byte in turn was mispredicted about as often, which
/// made byte loops over the whole text (here and in the body reader's
/// lowering) the largest single costs of a parse on real hardware.
pub(crate) fn next_lead_or(bytes: &[u8], from: usize, also: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    const LOW7: u64 = ONES * 0x7F;
    let wanted = ONES * u64::from(also);
    let found = |w: u64| {
        // Bit 7 of a byte: that byte is `also` (exact, no carry between bytes).
        let x = w ^ wanted;
        lead_bits(w) | (!((x & LOW7).wrapping_add(LOW7) | x) & HIGH)
    };
    scan_words(bytes, from, found, |b| b >= 0xC0 || b == also)
}

/// The first character `rest` leaves in the output: zero-width characters
/// vanish, odd spaces become spaces and a carriage return a line end.
fn next_output_char(rest: &str) -> Option<char> {
    for c in rest.chars() {
        if is_odd_space(c) {
            if is_zero_width(c) {
                continue;
            }
            return Some(' ');
        }
        return Some(if c == '\r' { '\n' } else { c });
    }
    None
}

/// The characters `ODD_SPACE` matches.
fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{00AD}' | '\u{1680}' | '\u{2000}'
            ..='\u{200D}' | '\u{202F}' | '\u{205F}' | '\u{2060}' | '\u{3000}' | '\u{FEFF}'
    )
}

fn line_ends(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn nfc(text: String) -> String {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    if !may_need_nfc(&text) || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return text;
    }
    text.nfc().collect()
}

/// Whether any character could change under NFC. Latin letters below
/// U+0300 and precomposed Vietnamese letters (U+1EA0–U+1EFF) never do, so
/// the library's quick check, slow on long texts, only runs when something
/// else (a combining mark, a compatibility character) is present.
fn may_need_nfc(text: &str) -> bool {
    use unicode_normalization::char::canonical_combining_class;
    use unicode_normalization::{is_nfc_quick, IsNormalized};
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Below 0xCC a lead byte starts a character under U+0300;
        // continuation bytes are below 0xC0.
        if b < 0xCC || (b == 0xE1 && matches!(bytes.get(i + 1), Some(0xBA | 0xBB))) {
            i += 1;
            continue;
        }
        if let Some(c) = text.get(i..).and_then(|r| r.chars().next()) {
            if canonical_combining_class(c) != 0 || is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes {
                return true;
            }
            i += c.len_utf8();
        } else {
            i += 1;
        }
    }
    false
}

/// Odd spaces and zero-width characters; a regex finds them far faster
/// than a loop over characters.
static ODD_SPACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("[\u{00A0}\u{00AD}\u{1680}\u{2000}-\u{200D}\u{202F}\u{205F}\u{2060}\u{3000}\u{FEFF}]")
        .expect("valid regex")
});

fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

fn spaces(text: String) -> String {
    let mut out: Option<String> = None;
    let mut copied = 0;
    for m in ODD_SPACE.find_iter(&text) {
        let (i, Some(c)) = (m.start(), m.as_str().chars().next()) else { continue };
        let zero = is_zero_width(c);
        let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
        o.push_str(text.get(copied..i).unwrap_or_default());
        if !zero {
            o.push(' ');
        }
        copied = i + c.len_utf8();
    }
    match out {
        Some(mut o) => {
            o.push_str(text.get(copied..).unwrap_or_default());
            o
        }
        None => text,
    }
}

const TONED_A: [char; 5] = ['à', 'á', 'ả', 'ã', 'ạ'];
const TONED_E: [char; 5] = ['è', 'é', 'ẻ', 'ẽ', 'ẹ'];
const TONED_Y: [char; 5] = ['ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'];
const TONED_O: [char; 5] = ['ò', 'ó', 'ỏ', 'õ', 'ọ'];
const TONED_U: [char; 5] = ['ù', 'ú', 'ủ', 'ũ', 'ụ'];

/// For a toned a/e/y: its bare letter (in its case) and the tone's index.
fn toned_nucleus(c: char) -> Option<(char, usize)> {
    let upper = c.is_uppercase();
    let lower = if upper { c.to_lowercase().next()? } else { c };
    for (set, base) in [(&TONED_A, 'a'), (&TONED_E, 'e'), (&TONED_Y, 'y')] {
        if let Some(t) = set.iter().position(|&x| x == lower) {
            return Some((if upper { base.to_ascii_uppercase() } else { base }, t));
        }
    }
    None
}

/// The glide carrying the tone instead: o before a/e, u before y.
fn toned_glide(glide: char, nucleus: char, tone: usize) -> Option<char> {
    let set = match (glide.to_ascii_lowercase(), nucleus.to_ascii_lowercase()) {
        ('o', 'a' | 'e') => &TONED_O,
        ('u', 'y') => &TONED_U,
        _ => return None,
    };
    let c = set[tone];
    Some(if glide.is_ascii_uppercase() { c.to_uppercase().next().unwrap_or(c) } else { c })
}

/// Moves the tone of open "oa", "oe", "uy" syllables onto the first vowel
/// ("hoà" → "hòa", "thuỷ" → "thủy"), the placement the rest of the parser
/// and people's search expect. A following consonant ("hoàng", "khuyến")
/// or a preceding "q" ("quý") keeps the tone where it is. Returns `None`
/// when nothing needs rewriting, so most texts are not copied.
fn retone(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    // Every toned a/e/y starts with byte 0xC3 (à á ã è é ý, capitals) or
    // 0xE1 (the U+1Exx letters); `toned_nucleus` does the exact check, so
    // this finds every o/u followed by a toned a/e/y.
    let starts = bytes
        .windows(2)
        .enumerate()
        .filter(|(_, w)| matches!(w[0], b'o' | b'O' | b'u' | b'U') && matches!(w[1], 0xC3 | 0xE1))
        .map(|(p, _)| p);
    for start in starts {
        let g = bytes[start];
        let i = start + 1;
        let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else { continue };
        let Some((nucleus, tone)) = toned_nucleus(c) else { continue };
        let after_q = i.checked_sub(2).and_then(|p| bytes.get(p)).is_some_and(|q| matches!(q, b'q' | b'Q'));
        let end = i + c.len_utf8();
        let open = text.get(end..).and_then(|r| r.chars().next()).is_none_or(|n| !n.is_alphabetic());
        let Some(new_glide) = toned_glide(g as char, nucleus, tone) else { continue };
        if open && !after_q && i > copied {
            let s = out.get_or_insert_with(|| String::with_capacity(text.len()));
            s.push_str(text.get(copied..i - 1).unwrap_or_default());
            s.push(new_glide);
            s.push(nucleus);
            copied = end;
        }
    }
    out.map(|mut s| {
        s.push_str(text.get(copied..).unwrap_or_default());
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_lead_or_finds_what_a_byte_scan_finds() {
        let text = "Kế hoạch\r\nthực hiện Nghị quyết số 13/NQ-CP \u{00A0}hoà Uỷ ban \u{1F600} plain ascii only here!";
        let bytes = text.as_bytes();
        for from in 0..=bytes.len() {
            let plain = bytes[from..].iter().position(|&b| b >= 0xC0 || b == b'\r').map(|p| from + p);
            assert_eq!(next_lead_or(bytes, from, b'\r'), plain, "from {from}");
            let lead = bytes[from..].iter().position(|&b| b >= 0xC0).map(|p| from + p);
            assert_eq!(next_lead(bytes, from), lead, "from {from}");
        }
    }

    #[test]
    fn retone_keeps_untouched_text_uncopied() {
        assert_eq!(retone("hoàng toán"), None);
        assert_eq!(retone("hoà").as_deref(), Some("hòa"));
    }

    #[test]
    fn fast_path_agrees_with_the_steps() {
        for s in [
            "hoà thuỷ quý hoàng khuyến Hoà HOÀ THUỶ uý oé",
            "o\u{200B}à o\u{200B}\u{200B}à qo\u{200B}à hoà\u{200B}ng hoà\u{200B} x",
            "hoà\r\nthuỷ\rkhoẻ\u{00A0}và\u{2009}đã\u{FEFF}\u{00AD}",
            "\u{200B}oà oà\u{00A0}n oàn Qoà qUỶ ơ ư đ ă … • “x”",
            "oooà uuỷ òa oà",
        ] {
            assert_eq!(normalize_fast(s).as_deref(), Some(normalize_slow(s).as_str()), "{s:?}");
        }
        assert_eq!(normalize_fast("e\u{0301}"), None);
        assert_eq!(normalize("hoa\u{0300}"), "hòa");
    }
}
