//! Cleaning and tokenising an agency cell. Every word carries its folded
//! "match words" (abbreviations already expanded, so "UBND" and "Ủy ban
//! nhân dân" compare equal) and the text it shows in a canonical name.

use super::lexicon::expand_abbreviation;
use crate::fold::fold;
use unicode_normalization::char::decompose_canonical;
use unicode_normalization::UnicodeNormalization;

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
    /// Shown text (abbreviation expanded, tone placement normalised).
    pub display: String,
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
    pub words: Vec<String>,
    /// For each match word, the token it came from.
    pub word_tok: Vec<usize>,
}

impl Tokens {
    pub fn new(raw: &str) -> Tokens {
        let text = clean(raw);
        let mut out = Tokens { text: String::new(), ..Tokens::default() };
        let mut offset = 0;
        for piece in text.split(' ') {
            out.push_piece(piece, offset);
            offset += piece.len() + 1;
        }
        out.text = text;
        out
    }

    /// Folded words of token `t`.
    pub fn tok_words(&self, t: usize) -> &[String] {
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
            display: String::new(),
            first_word,
            word_count: 0,
        });
    }

    fn push_word(&mut self, core: &str, start: usize) {
        let folded = fold(core);
        // "TP.Thanh" written without a space after the abbreviation's dot.
        if let Some((head, tail)) = split_glued_abbreviation(core, &folded) {
            self.push_word(head, start);
            self.push_word(tail, start + head.len() + 1);
            return;
        }
        let upper = core.chars().next().is_some_and(char::is_uppercase);
        let first_word = self.words.len();
        let (kind, display, abbreviation) = if folded == "va" || folded == "&" {
            (Kind::Va, core.to_string(), false)
        } else if let Some(full) = expand_abbreviation(&folded) {
            (Kind::Word, full.to_string(), true)
        } else {
            (Kind::Word, normalize_tone(core), false)
        };
        let tok_index = self.toks.len();
        if kind == Kind::Word {
            for w in fold(&display).split([' ', ',', '-', '–']) {
                if !w.is_empty() && w != "va" && w != "&" {
                    self.words.push(w.to_string());
                    self.word_tok.push(tok_index);
                }
            }
        }
        let word_count = self.words.len() - first_word;
        self.toks.push(Tok {
            kind,
            start,
            end: start + core.len(),
            upper,
            abbreviation,
            display,
            first_word,
            word_count,
        });
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
fn clean(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for (n, line) in raw.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if n > 0 && !out.is_empty() {
            let bullet = line.starts_with("- ") || line.starts_with("+ ") || line.starts_with('•');
            out.push_str(if bullet { "; " } else { " " });
        }
        push_without_brackets(line, &mut out);
    }
    collapse_spaces(&out)
}

fn push_without_brackets(line: &str, out: &mut String) {
    let mut depth = 0usize;
    for c in line.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
}

fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Old tone placement to new ("Hoá" → "Hóa", "Uỷ" → "Ủy") so that a
/// canonical name has one spelling; "quý" keeps its tone on the y.
pub(crate) fn normalize_tone(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    if n < 2 {
        return word.to_string();
    }
    let (prev, last) = (chars[n - 2], chars[n - 1]);
    let before = if n >= 3 { Some(chars[n - 3]) } else { None };
    let pair_ok = match prev {
        'o' | 'O' => matches!(base_of(last), 'a' | 'e' | 'A' | 'E'),
        'u' | 'U' => matches!(base_of(last), 'y' | 'Y') && !matches!(before, Some('q' | 'Q')),
        _ => false,
    };
    let Some(tone) = tone_of(last).filter(|_| pair_ok) else {
        return word.to_string();
    };
    let mut out: String = chars[..n - 2].iter().collect();
    let moved: String = [prev, tone].iter().collect::<String>().nfc().collect();
    out.push_str(&moved);
    out.push(base_of(last));
    out
}

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
    fn moves_old_tone_placement() {
        assert_eq!(normalize_tone("Hoá"), "Hóa");
        assert_eq!(normalize_tone("Uỷ"), "Ủy");
        assert_eq!(normalize_tone("thuỷ"), "thủy");
        assert_eq!(normalize_tone("quý"), "quý");
        assert_eq!(normalize_tone("hoạch"), "hoạch");
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
