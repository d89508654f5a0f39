//! Agency lists to agencies: splitting ("Sở: A, B, C" is three Sở; "Sở Văn
//! hóa, Thể thao và Du lịch" is one), canonical names (abbreviations,
//! dash and comma variants), collectives ("Các sở, ban, ngành cấp tỉnh")
//! and the "và các đơn vị (có) liên quan" that names nobody in particular.
//!
//! Known names come from a lexicon matched greedily on folded words; names
//! outside it are cut where the next piece starts like an agency ("Sở",
//! "Ban", "Bộ", "Ủy ban", "các" …), so "Ủy ban Tài chính, Ngân sách" and
//! "Ban Quản lý KKT Nghi Sơn và các KCN" stay whole.

mod lexicon;
mod token;

use lexicon::longest_match;
use token::{Kind, Tokens, Word};

/// One agency named in a list.
#[derive(Debug, Clone, PartialEq)]
pub struct AgencyName {
    /// Canonical name.
    pub name: String,
    /// As written.
    pub as_written: String,
    pub collective: bool,
}

/// A list of agencies from one cell or phrase.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AgencyList {
    pub agencies: Vec<AgencyName>,
    /// The list ends with "và các đơn vị (có) liên quan" or similar.
    pub others: bool,
}

/// Splits and canonicalises an agency list.
pub fn parse_agency_list(text: &str) -> AgencyList {
    read_tokens(&Tokens::new(text))
}

/// Reads agency lists one after another with one set of token buffers
/// (see `Tokens::read`): each of a plan's few dozen distinct lists used to
/// allocate and free buffers of its own.
#[derive(Default)]
pub(crate) struct ListReader {
    tokens: Tokens,
}

impl ListReader {
    /// `parse_agency_list(text)`.
    pub(crate) fn read(&mut self, text: &str) -> AgencyList {
        self.tokens.read(text);
        read_tokens(&self.tokens)
    }
}

/// The agencies of a tokenised list, segment by segment.
fn read_tokens(tokens: &Tokens) -> AgencyList {
    let mut list = AgencyList::default();
    let mut a = 0;
    for b in segment_ends(tokens) {
        Segment::new(tokens, a, b).read_into(&mut list);
        a = b + 1;
    }
    list
}

/// The registry name for one agency as written.
pub fn canonical_name(text: &str) -> String {
    let list = parse_agency_list(text);
    match list.agencies.as_slice() {
        [one] => one.name.clone(),
        _ => {
            let tokens = Tokens::new(text);
            display(&tokens, 0, tokens.toks.len())
        }
    }
}

/// The comparison key of a name: its canonical form folded, with "và",
/// commas and dashes left out, so that every variant of a name shares it.
pub fn agency_key(name: &str) -> String {
    Tokens::new(&canonical_name(name)).words.join(" ")
}

/// Whether the name stands for a class of agencies (each member reports).
pub fn is_collective(name: &str) -> bool {
    let list = parse_agency_list(name);
    matches!(list.agencies.as_slice(), [one] if one.collective)
}

/// Token indices of the ";" separators, then the end.
fn segment_ends(tokens: &Tokens) -> impl Iterator<Item = usize> + '_ {
    let semis = tokens.toks.iter().enumerate().filter(|(_, t)| t.kind == Kind::Semi).map(|(i, _)| i);
    semis.chain(std::iter::once(tokens.toks.len()))
}

/// Role words a cell may carry after a name ("Ủy ban Pháp luật chủ trì
/// thẩm tra"): everything from them on is not a name.
const ROLE_PHRASES: &[&[&str]] = &[
    &["chu", "tri"],
    &["phoi", "hop"],
    &["tham", "gia"],
    &["trinh"],
    &["la", "co", "quan"],
    &["tien", "hanh"],
    &["co", "trach", "nhiem"],
    &["chiu", "trach", "nhiem"],
    &["thuc", "hien"],
];

/// Words that only introduce the names ("Đề nghị Hội Nông dân tỉnh, …").
const LEADING_WORDS: &[&[&str]] = &[&["de", "nghi"], &["giao"], &["cac", "co", "quan", "gom"]];

/// Words of the "others" phrases ("các sở, ngành, địa phương, đơn vị có
/// liên quan", "cơ quan, tổ chức khác có liên quan").
const GENERIC_WORDS: &[&str] = &[
    "cac", "so", "ban", "nganh", "dia", "phuong", "don", "vi", "co", "quan", "to", "chuc", "lien", "khac", "ca",
    "nhan", "doanh", "nghiep", "hoi", "doan", "the",
];

/// Office holders written in place of their agency.
const TITLES: &[&[&str]] = &[&["giam", "doc"], &["thu", "truong"], &["lanh", "dao"], &["truong", "ban"]];

/// Longest "others" phrase looked for, in tokens.
const MAX_OTHERS_TOKENS: usize = 40;

/// First words that start an agency name.
const STARTERS: &[&[&str]] = &[
    &["so"],
    &["ban"],
    &["bo"],
    &["cuc"],
    &["vu"],
    &["vien"],
    &["dai"],
    &["bao"],
    &["hoi"],
    &["doan"],
    &["quy"],
    &["phong"],
    &["truong"],
    &["cac"],
    &["tong", "cuc"],
    &["tong", "cong", "ty"],
    &["tong", "lien", "doan"],
    &["tong", "thu", "ky"],
    &["cong", "an"],
    &["cong", "ty"],
    &["uy", "ban"],
    &["van", "phong"],
    &["trung", "tam"],
    &["trung", "uong"],
    &["lien", "doan"],
    &["lien", "minh"],
    &["tinh", "doan"],
    &["tinh", "uy"],
    &["ngan", "hang"],
    &["kho", "bac"],
    &["thanh", "tra"],
    &["thanh", "uy"],
    &["thanh", "doan"],
    &["benh", "vien"],
    &["tap", "doan"],
    &["thong", "tan", "xa"],
    &["toa", "an"],
    &["mat", "tran"],
    &["chi", "cuc"],
    &["chi", "nhanh"],
    &["hoc", "vien"],
    &["dang", "uy"],
    &["huyen", "uy"],
    &["thuong", "truc"],
    &["chinh", "phu"],
    &["quoc", "hoi"],
    &["thu", "tuong"],
    &["chu", "tich"],
    &["kiem", "toan"],
    &["hoi", "dong"],
    &["hiep", "hoi"],
    &["cong", "thong", "tin"],
];

/// Whether a word is the first word of one of [`STARTERS`], for a quick
/// refusal (a test checks the two lists agree).
fn starter_first(w: &[u8]) -> bool {
    matches!(
        w,
        b"so"
            | b"ban"
            | b"bo"
            | b"cuc"
            | b"vu"
            | b"vien"
            | b"dai"
            | b"bao"
            | b"hoi"
            | b"doan"
            | b"quy"
            | b"phong"
            | b"truong"
            | b"cac"
            | b"tong"
            | b"cong"
            | b"uy"
            | b"van"
            | b"trung"
            | b"lien"
            | b"tinh"
            | b"ngan"
            | b"kho"
            | b"thanh"
            | b"benh"
            | b"tap"
            | b"thong"
            | b"toa"
            | b"mat"
            | b"chi"
            | b"hoc"
            | b"dang"
            | b"huyen"
            | b"thuong"
            | b"chinh"
            | b"quoc"
            | b"thu"
            | b"chu"
            | b"kiem"
            | b"hiep"
    )
}

/// Second words that make a starter an ordinary word ("báo chí", "quy định").
const NOT_STARTERS: &[(&str, &str)] = &[
    ("bao", "chi"),
    ("bao", "cao"),
    ("doan", "the"),
    ("quy", "dinh"),
    ("quy", "che"),
    ("phong", "chong"),
    ("hoi", "nghi"),
    ("hoi", "thao"),
];

/// Heads that a colon shares with the names after it ("Sở: Xây dựng, …").
const SHARED_HEADS: &[&[&str]] = &[&["so"], &["bo"], &["cac", "so"], &["cac", "bo"], &["ban"]];

/// One ";"-separated part of a cell, tokens `start..end`.
struct Segment<'t> {
    t: &'t Tokens,
    start: usize,
    end: usize,
    /// Words of a shared head ("so" in "Sở: Xây dựng, Tài chính").
    head: Option<Vec<Word>>,
    head_display: String,
}

/// One agency read from a segment.
struct Item {
    end: usize,
    name: Option<String>,
    collective: bool,
    others: bool,
}

impl<'t> Segment<'t> {
    fn new(t: &'t Tokens, start: usize, end: usize) -> Segment<'t> {
        let mut s = Segment { t, start, end, head: None, head_display: String::new() };
        s.skip_separators();
        s.strip_leading_role();
        s.cut_at_role();
        s.read_shared_head();
        s
    }

    fn kind(&self, i: usize) -> Option<Kind> {
        (i < self.end).then(|| self.t.toks.get(i).map(|t| t.kind)).flatten()
    }

    fn skip_separators(&mut self) {
        while matches!(self.kind(self.start), Some(Kind::Comma | Kind::Va | Kind::Dash | Kind::Colon)) {
            self.start += 1;
        }
    }

    /// Words from token `i` to the end of the segment.
    fn words_from(&self, i: usize) -> &'t [Word] {
        let Some(tok) = self.t.toks.get(i) else { return &[] };
        let end_word = self.t.toks.get(self.end).map_or(self.t.words.len(), |e| e.first_word);
        self.t.words.get(tok.first_word..end_word.max(tok.first_word)).unwrap_or(&[])
    }

    /// "Chủ trì:", "Phối hợp với" before the names.
    fn strip_leading_role(&mut self) {
        loop {
            let words = self.words_from(self.start);
            let leading = LEADING_WORDS.iter().find(|l| words.starts_with_strs(l)).map(|l| l.len());
            let Some(n) = role_at(words).or(leading) else { return };
            let mut skipped = 0;
            while skipped < n && self.start < self.end {
                skipped += self.t.toks.get(self.start).map_or(1, |t| t.word_count);
                self.start += 1;
            }
            if self.words_from(self.start).first().is_some_and(|w| w == "voi") {
                self.start += 1;
            }
            self.skip_separators();
        }
    }

    /// A lower-case role word after a name ends the names.
    fn cut_at_role(&mut self) {
        for i in self.start + 1..self.end {
            let Some(tok) = self.t.toks.get(i) else { return };
            if tok.kind == Kind::Word && !tok.upper && role_at(self.words_from(i)).is_some() {
                self.end = i;
                return;
            }
        }
    }

    fn read_shared_head(&mut self) {
        for head in SHARED_HEADS {
            let n_toks = head.len();
            let colon = self.start + n_toks;
            let words = self.words_from(self.start);
            if self.kind(colon) == Some(Kind::Colon)
                && words.len() >= head.len()
                && words.iter().zip(*head).all(|(w, h)| w == h)
            {
                let own = self.t.display_of(colon - 1);
                self.head = Some(vec![Word::new(head.last().copied().unwrap_or_default())]);
                self.head_display = capitalize(&own);
                self.start = colon + 1;
                return;
            }
        }
    }

    fn read_into(&self, list: &mut AgencyList) {
        let mut p = self.start;
        while p < self.end {
            if !matches!(self.kind(p), Some(Kind::Word)) {
                p += 1;
                continue;
            }
            p = self.skip_title(p);
            let item = self.read_item(p, list.agencies.last());
            list.others |= item.others;
            if let Some(name) = item.name.filter(|n| !n.trim().is_empty()) {
                let as_written = self.t.span(p, item.end).to_string();
                list.agencies.push(AgencyName { name, as_written, collective: item.collective });
            }
            p = item.end.max(p + 1);
        }
    }

    /// "Giám đốc Sở Y tế", "Thủ trưởng các sở, ban, ngành": the office
    /// holder stands for the agency.
    fn skip_title(&self, p: usize) -> usize {
        let words = self.words_from(p);
        let Some(title) = TITLES.iter().find(|t| words.starts_with_strs(t)) else { return p };
        let mut q = p;
        let mut covered = 0;
        while covered < title.len() && q < self.end {
            covered += self.t.toks.get(q).map_or(1, |t| t.word_count);
            q += 1;
        }
        if covered == title.len() && self.starts_agency(q) {
            q
        } else {
            p
        }
    }

    fn read_item(&self, p: usize, previous: Option<&AgencyName>) -> Item {
        if let Some(end) = self.others_tail(p) {
            return Item { end, name: None, collective: false, others: true };
        }
        if self.head.is_some() && !self.starts_agency(p) {
            return self.read_headed(p);
        }
        if let Some(item) = self.read_inherited_head(p, previous) {
            return item;
        }
        if let Some(item) = self.read_economic_zone_board(p) {
            return item;
        }
        if let Some((entry, end)) = self.lexicon_at(p, None) {
            return self.finish_known(end, entry.canonical, entry.collective);
        }
        self.read_unknown(p)
    }

    /// The furthest end of a run of generic words that closes with
    /// "liên quan" or "khác" at a separator.
    fn others_tail(&self, p: usize) -> Option<usize> {
        let mut best = None;
        let mut i = p;
        // The longest such phrase is a dozen tokens; the cap keeps a long
        // run of generic words from making the scan quadratic.
        let end = self.end.min(p + MAX_OTHERS_TOKENS);
        while i < end {
            let tok = self.t.toks.get(i)?;
            match tok.kind {
                Kind::Comma | Kind::Va => {}
                Kind::Word => {
                    let words = self.t.tok_words(i);
                    if !words.iter().all(is_generic) {
                        break;
                    }
                    let closes = words.last().is_some_and(|w| w == "khac")
                        || (words.last().is_some_and(|w| w == "quan")
                            && i > p
                            && self.t.tok_words(i - 1).last().is_some_and(|w| w == "lien"));
                    if closes && matches!(self.kind(i + 1), None | Some(Kind::Comma | Kind::Va)) {
                        best = Some(i + 1);
                    }
                }
                _ => break,
            }
            i += 1;
        }
        best
    }

    /// Longest lexicon match at token `p` (with a shared head when given);
    /// returns the entry and the token after it.
    fn lexicon_at(&self, p: usize, head: Option<&[Word]>) -> Option<(&'static lexicon::Entry, usize)> {
        let words = self.words_from(p);
        let first = self.t.toks.get(p)?.first_word;
        let head_len = head.map_or(0, <[Word]>::len);
        // On the stack: a shared head is one word, a name at most 16.
        let mut buf: [&[u8]; 24] = [&[]; 24];
        let mut len = 0;
        for w in head.unwrap_or(&[]).iter().chain(words.iter().take(16)) {
            let Some(slot) = buf.get_mut(len) else { break };
            *slot = w.as_bytes();
            len += 1;
        }
        let joined = buf.get(..len).unwrap_or(&[]);
        let (entry, n) =
            longest_match(joined, |n| n > head_len && self.t.tok_after_word(first + n - head_len - 1).is_some())?;
        let end = self.t.tok_after_word(first + n - head_len - 1)?;
        Some((entry, end))
    }

    /// "Sở Xây dựng, Tài chính": a piece that is no agency on its own but
    /// completes a known name with the previous item's "Sở"/"Bộ".
    fn read_inherited_head(&self, p: usize, previous: Option<&AgencyName>) -> Option<Item> {
        if self.starts_agency(p) {
            return None;
        }
        let head = match previous?.name.split(' ').next()? {
            "Sở" => "so",
            "Bộ" => "bo",
            _ => return None,
        };
        let (entry, end) = self.lexicon_at(p, Some(&[Word::new(head)]))?;
        self.at_boundary(end).then(|| Item {
            end,
            name: Some(entry.canonical.to_string()),
            collective: entry.collective,
            others: false,
        })
    }

    /// "Ban Quản lý KKT Nghi Sơn và các KCN": the place varies.
    fn read_economic_zone_board(&self, p: usize) -> Option<Item> {
        const BOARD: [&str; 6] = ["ban", "quan", "ly", "khu", "kinh", "te"];
        let words = self.words_from(p);
        if words.len() < BOARD.len() || !words.iter().zip(BOARD).all(|(w, b)| w == b) {
            return None;
        }
        let first = self.t.toks.get(p)?.first_word;
        let mut i = self.t.tok_after_word(first + BOARD.len() - 1)?;
        let mut place = Vec::new();
        while i < self.end && place.len() < 5 {
            let tok = self.t.toks.get(i)?;
            if tok.kind != Kind::Word || tok.abbreviation || !tok.upper {
                break;
            }
            place.push(self.t.display_of(i));
            i += 1;
        }
        let mut name = String::from("Ban Quản lý Khu kinh tế");
        for w in &place {
            name.push(' ');
            name.push_str(w);
        }
        if self.kind(i) == Some(Kind::Va) && self.words_from(i + 1).starts_with_strs(&["cac", "khu", "cong", "nghiep"])
        {
            let last = self.t.tok_after_word(self.t.toks.get(i + 1)?.first_word + 3)?;
            name.push_str(" và các khu công nghiệp");
            i = last;
        }
        Some(self.finish_known(i, &name, false))
    }

    /// A known name ends at a separator; words after it are a qualifier
    /// ("UBND các huyện, thị xã, thành phố ven biển").
    fn finish_known(&self, end: usize, canonical: &str, collective: bool) -> Item {
        if self.at_boundary(end) {
            return Item { end, name: Some(canonical.to_string()), collective, others: false };
        }
        let stop = self.scan_unknown(end);
        let extra = display(self.t, end, stop);
        let name = if extra.is_empty() { canonical.to_string() } else { format!("{canonical} {extra}") };
        Item { end: stop, name: Some(name), collective, others: false }
    }

    fn at_boundary(&self, i: usize) -> bool {
        match self.kind(i) {
            None | Some(Kind::Comma | Kind::Va | Kind::Colon | Kind::Semi) => true,
            Some(Kind::Dash) => self.starts_agency(i + 1),
            Some(Kind::Word) => false,
        }
    }

    fn read_unknown(&self, p: usize) -> Item {
        let end = self.scan_unknown(p + 1);
        let name = display(self.t, p, end);
        let words = self.t.words.get(
            self.t.toks.get(p).map_or(0, |t| t.first_word)
                ..self.t.toks.get(end).map_or(self.t.words.len(), |t| t.first_word),
        );
        if words.is_some_and(only_generic) {
            return Item { end, name: None, collective: false, others: true };
        }
        let collective = words.is_some_and(looks_collective);
        let name = if collective { capitalize(&name) } else { tidy_unknown(&name) };
        Item { end, name: Some(name), collective, others: false }
    }

    /// The end of an unknown name: a "," or "và" before an agency-like word.
    fn scan_unknown(&self, from: usize) -> usize {
        let mut q = from;
        while q < self.end {
            match self.kind(q) {
                Some(Kind::Comma | Kind::Va) if self.starts_agency(q + 1) || self.others_tail(q + 1).is_some() => {
                    return q
                }
                Some(Kind::Colon | Kind::Semi) => return q,
                _ => q += 1,
            }
        }
        self.end
    }

    /// In "Sở: Xây dựng, Kế hoạch và Đầu tư, Tài chính", one name after the
    /// colon, read with the head in front.
    fn read_headed(&self, p: usize) -> Item {
        let head = self.head.as_deref().unwrap_or(&[]);
        if let Some((entry, end)) = self.lexicon_at(p, Some(head)) {
            if self.at_boundary(end) {
                return Item {
                    end,
                    name: Some(entry.canonical.to_string()),
                    collective: entry.collective,
                    others: false,
                };
            }
        }
        let mut q = p + 1;
        while q < self.end {
            match self.kind(q) {
                Some(Kind::Comma | Kind::Colon | Kind::Semi) => break,
                Some(Kind::Va) if self.t.toks.get(q + 1).is_some_and(|t| t.upper) => break,
                _ => q += 1,
            }
        }
        let name = format!("{} {}", self.head_display, display(self.t, p, q));
        Item { end: q, name: Some(name), collective: false, others: false }
    }

    /// Whether token `i` starts an agency name.
    fn starts_agency(&self, i: usize) -> bool {
        let Some(tok) = self.t.toks.get(i).filter(|t| t.kind == Kind::Word && i < self.end) else {
            return false;
        };
        let words = self.words_from(i);
        let Some(first) = words.first() else { return false };
        let capital = tok.upper || tok.abbreviation || first == "cac";
        capital
            && starter_first(first.as_bytes())
            && STARTERS.iter().any(|s| words.starts_with_strs(s))
            && !NOT_STARTERS.iter().any(|(a, b)| first == a && words.get(1).is_some_and(|w| w == b))
    }
}

trait StartsWithStrs {
    fn starts_with_strs(&self, prefix: &[&str]) -> bool;
}

impl StartsWithStrs for [Word] {
    fn starts_with_strs(&self, prefix: &[&str]) -> bool {
        self.len() >= prefix.len() && self.iter().zip(prefix).all(|(a, b)| a == b)
    }
}

/// Length in words of a role phrase at the start of `words`.
fn role_at(words: &[Word]) -> Option<usize> {
    // Every role phrase starts with one of these words.
    if !words.first().is_some_and(|w| {
        matches!(w.as_bytes(), b"chu" | b"phoi" | b"tham" | b"trinh" | b"la" | b"tien" | b"co" | b"chiu" | b"thuc")
    }) {
        return None;
    }
    ROLE_PHRASES.iter().find(|r| words.starts_with_strs(r)).map(|r| r.len()).or_else(|| {
        let first = words.first()?;
        (first == "co" && words.get(1).is_some_and(|w| w == "quan") && role_at(words.get(2..)?).is_some())
            .then(|| 2 + role_at(words.get(2..).unwrap_or(&[])).unwrap_or(0))
    })
}

/// One of [`GENERIC_WORDS`].
fn is_generic(w: &Word) -> bool {
    let w = w.as_bytes();
    // Every generic word is two to six letters long.
    (2..=6).contains(&w.len()) && GENERIC_WORDS.iter().any(|g| token::same_bytes(g.as_bytes(), w))
}

/// "các đơn vị", "địa phương": nobody in particular.
fn only_generic(words: &[Word]) -> bool {
    let generic = words.iter().all(is_generic);
    let vague = words.windows(2).any(|w| {
        [("dia", "phuong"), ("don", "vi"), ("co", "quan"), ("to", "chuc")].iter().any(|(a, b)| w[0] == *a && w[1] == *b)
    });
    generic && vague
}

/// A class rather than one body: "các …", "… cấp huyện", "… các cấp".
fn looks_collective(words: &[Word]) -> bool {
    words.first().is_some_and(|w| w == "cac")
        || words.windows(2).any(|w| w[0] == "cap" && ["tinh", "huyen", "xa", "cac"].iter().any(|x| w[1] == *x))
        || words.windows(2).any(|w| w[0] == "cac" && w[1] == "cap")
}

/// Tokens `a..b` shown with abbreviations written out and one spacing.
fn display(t: &Tokens, a: usize, b: usize) -> String {
    let mut out = String::new();
    for (i, tok) in t.toks.iter().enumerate().take(b).skip(a) {
        match tok.kind {
            Kind::Comma => out.push(','),
            Kind::Colon => out.push(':'),
            Kind::Semi => out.push(';'),
            Kind::Dash => push_word(&mut out, "-"),
            Kind::Va => push_word(&mut out, "và"),
            Kind::Word => push_word(&mut out, &t.display_of(i)),
        }
    }
    out.trim_matches(|c: char| c == '-' || c == ',' || c.is_whitespace()).to_string()
}

fn push_word(out: &mut String, w: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(w);
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// House style for names outside the lexicon.
fn tidy_unknown(name: &str) -> String {
    let name = capitalize(name);
    match name.strip_prefix("Ban quản lý") {
        Some(rest) => format!("Ban Quản lý{rest}"),
        None => name,
    }
}

#[cfg(test)]
mod quick_checks {
    use super::*;

    #[test]
    fn starter_first_words_agree_with_starters() {
        for s in STARTERS {
            assert!(starter_first(s[0].as_bytes()), "{s:?}");
        }
    }

    #[test]
    fn role_first_words_agree_with_role_phrases() {
        for r in ROLE_PHRASES {
            let words: Vec<Word> = r.iter().map(|w| Word::new(w)).collect();
            assert_eq!(role_at(&words), Some(r.len()), "{r:?}");
        }
    }
}
