//! Cleaning and tokenising an agency cell. Every word carries its folded
//! "match words" (abbreviations already expanded, so "UBND" and "Ủy ban
//! nhân dân" compare equal) and the text it shows in a canonical name.

use super::lexicon::expand_abbreviation;
use crate::fold::fold;
use std::borrow::Cow;
use std::sync::LazyLock;
use unicode_normalization::char::decompose_canonical;
use unicode_normalization::UnicodeNormalization;

/// A folded word, kept inline: a cell has a few dozen of them and one heap
/// allocation each was the largest cost of reading it.
#[derive(Clone)]
pub(crate) enum Word {
    Inline { len: u8, buf: [u8; 22] },
    Heap(String),
}

impl Word {
    pub fn new(s: &str) -> Word {
        let mut buf = [0u8; 22];
        match (buf.get_mut(..s.len()), u8::try_from(s.len())) {
            (Some(dst), Ok(len)) => {
                dst.copy_from_slice(s.as_bytes());
                Word::Inline { len, buf }
            }
            _ => Word::Heap(s.to_string()),
        }
    }

    /// The bytes, without the UTF-8 check [`Word::as_str`] pays for.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Word::Inline { len, buf } => buf.get(..usize::from(*len)).unwrap_or(&[]),
            Word::Heap(s) => s.as_bytes(),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Word::Inline { len, buf } => {
                buf.get(..usize::from(*len)).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("")
            }
            Word::Heap(s) => s,
        }
    }
}

impl std::fmt::Debug for Word {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

/// Byte equality that refuses on length and first byte, then compares
/// byte by byte: nearly every comparison of two words fails on the first
/// two tests, and the words that pass are a few letters long, shorter
/// than the set-up of a `memcmp` call.
#[inline]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.first() == b.first() && a.iter().zip(b).all(|(x, y)| x == y)
}

impl PartialEq for Word {
    fn eq(&self, other: &Word) -> bool {
        same_bytes(self.as_bytes(), other.as_bytes())
    }
}

impl PartialEq<str> for Word {
    fn eq(&self, other: &str) -> bool {
        same_bytes(self.as_bytes(), other.as_bytes())
    }
}

impl PartialEq<&str> for Word {
    fn eq(&self, other: &&str) -> bool {
        same_bytes(self.as_bytes(), other.as_bytes())
    }
}

impl AsRef<str> for Word {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for Word {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    /// "và" or "&": joins two agencies or two halves of one name.
    Va,
    Comma,
    Semi,
    Colon,
    Dash,
}

#[derive(Debug, Clone)]
pub(crate) struct Tok {
    pub kind: Kind,
    /// Byte span in the cleaned text.
    pub start: usize,
    pub end: usize,
    /// The original starts with a capital letter.
    pub upper: bool,
    /// The original was an abbreviation ("UBND", "PTNT").
    pub abbreviation: bool,
    /// The written-out form when the original is an abbreviation.
    pub expansion: Option<&'static str>,
    /// Index of the first match word in [`Tokens::words`] and their count.
    pub first_word: usize,
    pub word_count: usize,
}

/// A cleaned cell and its tokens.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tokens {
    pub text: String,
    pub toks: Vec<Tok>,
    /// Folded match words of all word tokens, "và" and punctuation left out.
    pub words: Vec<Word>,
    /// For each match word, the token it came from.
    pub word_tok: Vec<usize>,
    /// Reused buffer for folding one token.
    scratch: String,
}

impl Tokens {
    pub fn new(raw: &str) -> Tokens {
        let mut out = Tokens::default();
        out.read(raw);
        out
    }

    /// Tokenises `raw` in place of what these buffers held, reusing their
    /// memory: one reader of a plan's few dozen agency lists then allocates
    /// its buffers once instead of once per list.
    pub fn read(&mut self, raw: &str) {
        // The text is out of `self` while the tokens are pushed, as it was
        // when each cell had buffers of its own.
        let mut text = std::mem::take(&mut self.text);
        clean_into(raw, &mut text);
        self.toks.clear();
        self.words.clear();
        self.word_tok.clear();
        // Roughly one token per five bytes; growing the vectors one push at a
        // time was a visible share of a short cell's cost.
        let guess = text.len() / 5 + 4;
        self.toks.reserve(guess);
        self.words.reserve(guess);
        self.word_tok.reserve(guess);
        let mut offset = 0;
        for piece in crate::text::split_spaces(&text) {
            self.push_piece(piece, offset);
            offset += piece.len() + 1;
        }
        self.text = text;
    }

    /// Folded words of token `t`.
    pub fn tok_words(&self, t: usize) -> &[Word] {
        match self.toks.get(t) {
            Some(tok) => self.words.get(tok.first_word..tok.first_word + tok.word_count).unwrap_or(&[]),
            None => &[],
        }
    }

    /// The token after the word at flat index `w` ends, when `w` is the last
    /// word of its token; `None` when the match would cut an abbreviation.
    pub fn tok_after_word(&self, w: usize) -> Option<usize> {
        let t = *self.word_tok.get(w)?;
        let tok = self.toks.get(t)?;
        (tok.first_word + tok.word_count == w + 1).then_some(t + 1)
    }

    /// The text token `t` shows in a canonical name: abbreviation written
    /// out, tone placement normalised.
    pub fn display_of(&self, t: usize) -> Cow<'_, str> {
        match self.toks.get(t) {
            Some(Tok { expansion: Some(full), .. }) => Cow::Borrowed(full),
            Some(tok) => normalize_tone(self.text.get(tok.start..tok.end).unwrap_or("")),
            None => Cow::Borrowed(""),
        }
    }

    /// The cleaned text of tokens `a..b`.
    pub fn span(&self, a: usize, b: usize) -> &str {
        match (self.toks.get(a), b.checked_sub(1).and_then(|l| self.toks.get(l))) {
            (Some(x), Some(y)) if y.end >= x.start => self.text.get(x.start..y.end).unwrap_or(""),
            _ => "",
        }
    }

    fn push_piece(&mut self, piece: &str, offset: usize) {
        let mut start = 0;
        // Leading bullets and dashes ("-Văn phòng", "- Sở Y tế").
        for (i, c) in piece.char_indices() {
            if matches!(c, '-' | '–' | '—' | '+' | '•' | '*') {
                self.push_punct(Kind::Dash, offset + i, offset + i + c.len_utf8());
                start = i + c.len_utf8();
            } else {
                break;
            }
        }
        let rest = piece.get(start..).unwrap_or("");
        let core = rest.trim_end_matches([',', ';', ':', '.']);
        if !core.is_empty() {
            self.push_word(core, offset + start);
        }
        let tail_start = offset + start + core.len();
        for (i, c) in rest.get(core.len()..).unwrap_or("").char_indices() {
            let kind = match c {
                ',' => Kind::Comma,
                ';' => Kind::Semi,
                ':' => Kind::Colon,
                _ => continue,
            };
            self.push_punct(kind, tail_start + i, tail_start + i + 1);
        }
    }

    fn push_punct(&mut self, kind: Kind, start: usize, end: usize) {
        let first_word = self.words.len();
        self.toks.push(Tok {
            kind,
            start,
            end,
            upper: false,
            abbreviation: false,
            expansion: None,
            first_word,
            word_count: 0,
        });
    }

    fn push_word(&mut self, core: &str, start: usize) {
        let mut folded = std::mem::take(&mut self.scratch);
        fast_fold_into(core, &mut folded);
        self.push_folded_word(core, &folded, start);
        self.scratch = folded;
    }

    fn push_folded_word(&mut self, core: &str, folded: &str, start: usize) {
        // "TP.Thanh" written without a space after the abbreviation's dot.
        if let Some((head, tail)) = split_glued_abbreviation(core, folded) {
            self.push_word(head, start);
            self.push_word(tail, start + head.len() + 1);
            return;
        }
        let upper = core.chars().next().is_some_and(is_upper);
        let first_word = self.words.len();
        let tok_index = self.toks.len();
        let expanded = looks_abbreviated(core).then(|| expand_abbreviation(folded)).flatten();
        let expansion = expanded.map(|(full, _)| full);
        let kind = if folded == "va" || folded == "&" {
            Kind::Va
        } else if let Some((_, full_folded)) = expanded {
            self.push_words(full_folded, tok_index);
            Kind::Word
        } else {
            self.push_words(folded, tok_index);
            Kind::Word
        };
        let abbreviation = expansion.is_some();
        let word_count = self.words.len() - first_word;
        self.toks.push(Tok {
            kind,
            start,
            end: start + core.len(),
            upper,
            abbreviation,
            expansion,
            first_word,
            word_count,
        });
    }

    fn push_words(&mut self, folded: &str, tok_index: usize) {
        // Most tokens are one plain word.
        if !folded.bytes().any(|b| matches!(b, b' ' | b',' | b'-') || !b.is_ascii()) {
            if !folded.is_empty() && folded != "va" && folded != "&" {
                self.words.push(Word::new(folded));
                self.word_tok.push(tok_index);
            }
            return;
        }
        if folded.is_ascii() {
            for w in folded.split([' ', ',', '-']) {
                if !w.is_empty() && w != "va" && w != "&" {
                    self.words.push(Word::new(w));
                    self.word_tok.push(tok_index);
                }
            }
            return;
        }
        for w in folded.split([' ', ',', '-', '–']) {
            if !w.is_empty() && w != "va" && w != "&" {
                self.words.push(Word::new(w));
                self.word_tok.push(tok_index);
            }
        }
    }
}

/// Folded forms of the Latin letters Vietnamese uses (U+0080–U+024F and
/// U+1E00–U+1EFF), computed once with [`fold`]; 0 where the fold is not
/// one ASCII byte. Folding every token through Unicode decomposition was
/// most of the time spent on a cell.
static FOLD_TABLE: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let mut table = vec![0u8; TABLE_LEN];
    for (i, slot) in table.iter_mut().enumerate() {
        let Some(c) = table_char(i) else { continue };
        let folded = fold(c.encode_utf8(&mut [0u8; 4]));
        if let [b] = folded.as_bytes() {
            *slot = *b;
        }
    }
    table
});

const LOW: std::ops::Range<u32> = 0x80..0x250;
const HIGH: std::ops::Range<u32> = 0x1E00..0x1F00;
const TABLE_LEN: usize = (LOW.end - LOW.start + HIGH.end - HIGH.start) as usize;

fn table_index(c: char) -> Option<usize> {
    let cp = c as u32;
    if LOW.contains(&cp) {
        Some((cp - LOW.start) as usize)
    } else if HIGH.contains(&cp) {
        Some((cp - HIGH.start + LOW.end - LOW.start) as usize)
    } else {
        None
    }
}

fn table_char(i: usize) -> Option<char> {
    let i = i as u32;
    let low_len = LOW.end - LOW.start;
    let cp = if i < low_len { LOW.start + i } else { HIGH.start + i - low_len };
    char::from_u32(cp)
}

/// The same key as [`fold`] for one whitespace-free token, by table.
pub(crate) fn fast_fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fast_fold_into(s, &mut out);
    out
}

/// [`fast_fold`] into a reused buffer (cleared first).
fn fast_fold_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        if s.bytes().any(|b| matches!(b, b'\t'..=b'\r' | b' ')) {
            out.push_str(&fold(s));
        } else {
            out.push_str(s);
            out.make_ascii_lowercase();
        }
        return;
    }
    let table = &*FOLD_TABLE;
    for c in s.chars() {
        if c.is_ascii() {
            if c.is_whitespace() {
                out.clear();
                out.push_str(&fold(s));
                return;
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_whitespace() {
            out.clear();
            out.push_str(&fold(s));
            return;
        } else if let Some(&b) = table_index(c).and_then(|i| table.get(i)).filter(|b| **b != 0) {
            out.push(b as char);
        } else {
            out.push_str(&fold(c.encode_utf8(&mut [0u8; 4])));
        }
    }
}

fn split_glued_abbreviation<'a>(core: &'a str, folded: &str) -> Option<(&'a str, &'a str)> {
    let prefix = ["tp.", "tx."].into_iter().find(|p| folded.starts_with(p) && folded.len() > p.len())?;
    let head = core.get(..prefix.len() - 1)?;
    let tail = core.get(prefix.len()..)?;
    Some((head, tail))
}

/// Drops parentheses and footnote markers, turns bullet lines into ";"
/// separators and collapses whitespace to single spaces.
fn clean_into(raw: &str, out: &mut String) {
    out.clear();
    // Most cells are one line of single-spaced words without brackets,
    // which cleaning gives back as they are; two SIMD searches tell.
    if crate::text::is_collapsed(raw) && !has_bracket(raw) {
        out.push_str(raw);
    } else {
        out.push_str(&clean_lines(raw));
    }
}

/// [`clean`] line by line and word by word.
fn clean_lines(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut depth = 0usize;
    for (n, line) in raw.lines().enumerate() {
        let line = line.trim();
        if n > 0 && !out.is_empty() && (line.starts_with("- ") || line.starts_with("+ ") || line.starts_with('•')) {
            out.push(';');
        }
        for piece in line.split_whitespace() {
            if depth == 0 && !piece.bytes().any(|b| matches!(b, b'(' | b')' | b'[' | b']')) {
                push_piece(&mut out, piece);
            } else {
                let kept = without_brackets(piece, &mut depth);
                if !kept.is_empty() {
                    push_piece(&mut out, &kept);
                }
            }
        }
    }
    out
}

fn has_bracket(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr3(b'(', b')', b'[', b).is_some() || memchr::memchr(b']', b).is_some()
}

fn push_piece(out: &mut String, piece: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(piece);
}

fn without_brackets(piece: &str, depth: &mut usize) -> String {
    let mut kept = String::new();
    for c in piece.chars() {
        match c {
            '(' | '[' => *depth += 1,
            ')' | ']' => *depth = depth.saturating_sub(1),
            _ if *depth == 0 => kept.push(c),
            _ => {}
        }
    }
    kept
}

/// Old tone placement to new ("Hoá" → "Hóa", "Uỷ" → "Ủy") so that a
/// canonical name has one spelling; "quý" keeps its tone on the y.
pub(crate) fn normalize_tone(word: &str) -> Cow<'_, str> {
    if word.chars().next_back().is_none_or(|c| c.is_ascii()) {
        return Cow::Borrowed(word);
    }
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    if n < 2 {
        return Cow::Borrowed(word);
    }
    let (prev, last) = (chars[n - 2], chars[n - 1]);
    let before = if n >= 3 { Some(chars[n - 3]) } else { None };
    let pair_ok = match prev {
        'o' | 'O' => matches!(base_of(last), 'a' | 'e' | 'A' | 'E'),
        'u' | 'U' => matches!(base_of(last), 'y' | 'Y') && !matches!(before, Some('q' | 'Q')),
        _ => false,
    };
    let Some(tone) = tone_of(last).filter(|_| pair_ok) else {
        return Cow::Borrowed(word);
    };
    let mut out: String = chars[..n - 2].iter().collect();
    let moved: String = [prev, tone].iter().collect::<String>().nfc().collect();
    out.push_str(&moved);
    out.push(base_of(last));
    Cow::Owned(out)
}

/// Abbreviations are written with two capitals or more ("UBND", "TP.",
/// "KH&ĐT"); checking that first skips the lookup for ordinary words.
fn looks_abbreviated(core: &str) -> bool {
    if core.is_ascii() {
        let b = core.as_bytes();
        return b.contains(&b'&') || b.iter().filter(|c| c.is_ascii_uppercase()).nth(1).is_some();
    }
    core.contains('&') || core.chars().filter(|&c| is_upper(c)).nth(1).is_some()
}

/// `char::is_uppercase`, read from a table for the Latin letters
/// Vietnamese uses (U+0080–U+024F and U+1E00–U+1EFF): the general lookup
/// ran for about every word of every agency cell.
fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    match table_index(c).and_then(|i| UPPER_TABLE.get(i)) {
        Some(&upper) => upper,
        None => c.is_uppercase(),
    }
}

/// `char::is_uppercase` of every char [`table_index`] covers.
static UPPER_TABLE: LazyLock<Vec<bool>> =
    LazyLock::new(|| (0..TABLE_LEN).map(|i| table_char(i).is_some_and(char::is_uppercase)).collect());

fn base_of(c: char) -> char {
    let mut base = c;
    let mut first = true;
    decompose_canonical(c, |d| {
        if first {
            base = d;
            first = false;
        }
    });
    base
}

/// The tone mark of a plain (no circumflex/breve/horn) vowel, if any.
fn tone_of(c: char) -> Option<char> {
    let mut marks = Vec::new();
    decompose_canonical(c, |d| marks.push(d));
    match marks.as_slice() {
        [_, m] if matches!(*m as u32, 0x300 | 0x301 | 0x303 | 0x309 | 0x323) => Some(*m),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_cells_come_back_as_they_are() {
        for s in [
            "",
            "Sở Y tế",
            "Sở Y tế, Sở Tài chính và các đơn vị liên quan",
            "Sở Y tế (chủ trì)",
            "- Sở Y tế\n- Sở Tài chính",
            " Sở  Y tế ",
            "Sở\u{00A0}Y tế",
            "Sở [1] Y tế",
            "UBND các huyện; Sở KH&ĐT.",
        ] {
            let mut out = String::from("left over");
            clean_into(s, &mut out);
            assert_eq!(out, clean_lines(s), "{s:?}");
        }
    }

    #[test]
    fn fast_fold_agrees_with_fold() {
        let sample = "Sở Kế hoạch và Đầu tư Uỷ ban nhân dân Ủy Thanh Hoá Hóa ĐẶC KHU Ưu Ơn Ỵ ỹ Ñ ß Æ ǅ ẞ ǰ Ǆ ﬁ İ";
        for w in sample.split(' ') {
            assert_eq!(fast_fold(w), fold(w), "{w}");
        }
        for cp in (0x80u32..0x250).chain(0x1E00..0x1F00) {
            if let Some(c) = char::from_u32(cp) {
                let s = c.to_string();
                if !c.is_whitespace() {
                    assert_eq!(fast_fold(&s), fold(&s), "U+{cp:04X}");
                }
            }
        }
    }

    #[test]
    fn upper_table_agrees_with_is_uppercase() {
        for cp in (0u32..0x300).chain(0x1D00..0x2000) {
            if let Some(c) = char::from_u32(cp) {
                assert_eq!(is_upper(c), c.is_uppercase(), "U+{cp:04X}");
            }
        }
    }

    #[test]
    fn moves_old_tone_placement() {
        assert_eq!(normalize_tone("Hoá"), "Hóa");
        assert_eq!(normalize_tone("Uỷ"), "Ủy");
        assert_eq!(normalize_tone("thuỷ"), "thủy");
        assert_eq!(normalize_tone("quý"), "quý");
        assert_eq!(normalize_tone("hoạch"), "hoạch");
    }

    #[test]
    fn reused_buffers_read_as_new_ones() {
        let mut reused = Tokens::new("Sở Kế hoạch và Đầu tư; UBND các huyện, thị xã, thành phố (chủ trì)");
        for s in ["Sở Y tế", "", "- Sở Y tế\n- Sở Tài chính", "UBND tỉnh, Sở KH&ĐT, TP.Thanh Hóa"] {
            reused.read(s);
            let fresh = Tokens::new(s);
            assert_eq!(reused.text, fresh.text, "{s:?}");
            assert_eq!(format!("{:?}", reused.toks), format!("{:?}", fresh.toks), "{s:?}");
            assert_eq!(reused.words.join(" "), fresh.words.join(" "), "{s:?}");
            assert_eq!(reused.word_tok, fresh.word_tok, "{s:?}");
        }
    }

    #[test]
    fn tokenises_punctuation_and_abbreviations() {
        let t = Tokens::new("Sở: Nông nghiệp và PTNT, (chủ trì) Y tế.");
        let kinds: Vec<Kind> = t.toks.iter().map(|k| k.kind).collect();
        use Kind::*;
        assert_eq!(kinds, vec![Word, Colon, Word, Word, Va, Word, Comma, Word, Word]);
        assert_eq!(t.words.join(" "), "so nong nghiep phat trien nong thon y te");
    }
}
