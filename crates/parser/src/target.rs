//! Targets (chỉ tiêu) from sentences ("Phấn đấu đến năm 2025, tỷ lệ trường
//! chuẩn quốc gia đạt 81%") and from indicator tables, with Vietnamese
//! numbers ("5.200" is 5200, "6,3" is 6.3).
//!
//! Choices worth knowing:
//! - Values keep the unit as written: "750.000 tỷ đồng" is 750000 with unit
//!   "tỷ đồng", never multiplied out, so a reviewer sees the document's words.
//! - "khoảng 4%" is read as "=" 4: the contract has no "approximately".
//! - "hằng năm" (every year) at the head of a clause clears the year and the
//!   period: a yearly target has neither.
//! - A table's "Ước thực hiện 2025" column gives a target like any other year
//!   column; the contract has no baseline field.
//!
//! Matching runs on a folded copy of the text (no diacritics, lowercase)
//! whose bytes map back to the original, so old/new tone placement never
//! matters and indicators keep their diacritics.

use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::char::decompose_canonical;

use crate::fold::fold;
use crate::model::{Comparator, Target};
use crate::raw::{RawRow, RawTable};

mod after;

// ---------------------------------------------------------------- folding

/// Folded text with, for every folded byte, the original byte it came from.
struct Folded {
    text: String,
    map: Vec<usize>,
}

impl Folded {
    fn new(s: &str) -> Self {
        let mut text = String::with_capacity(s.len());
        let mut map = Vec::with_capacity(s.len() + 1);
        fold_into(s, &mut text, Some(&mut map));
        map.push(s.len());
        Folded { text, map }
    }

    fn orig<'a>(&self, original: &'a str, start: usize, end: usize) -> &'a str {
        let s = self.map.get(start).copied().unwrap_or(original.len());
        let e = self.map.get(end).copied().unwrap_or(original.len());
        original.get(s..e.max(s)).unwrap_or("")
    }
}

/// Every char of `s` folded, one char in and one char out so folded offsets
/// map back one to one, pushed onto `text`; with `map`, the offset in `s`
/// of its char for every byte pushed.
///
/// ASCII bytes are lower-cased where they stand and other chars looked up
/// in the tables, dereferenced once per text: a char-by-char fold (a lazy
/// table's check and a char decode for every char, ASCII included) was
/// about a tenth of the target reader.
fn fold_into(s: &str, text: &mut String, mut map: Option<&mut Vec<usize>>) {
    let (latin, viet) = (&**FOLD_LATIN, &**FOLD_VIET);
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            text.push(char::from(b.to_ascii_lowercase()));
            if let Some(m) = map.as_deref_mut() {
                m.push(i);
            }
            i += 1;
            continue;
        }
        let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else { break };
        let u = c as u32;
        let f = if (0x80..0x250).contains(&u) {
            latin[(u - 0x80) as usize]
        } else if (0x1E00..0x1F00).contains(&u) {
            viet[(u - 0x1E00) as usize]
        } else {
            fold_char_slow(c)
        };
        text.push(f);
        if let Some(m) = map.as_deref_mut() {
            for _ in 0..f.len_utf8() {
                m.push(i);
            }
        }
        i += c.len_utf8();
    }
}

/// `fold_char_slow` of U+0080–U+024F (Latin-1 and Latin Extended: â ê ô ơ
/// ư ă đ …) and of U+1E00–U+1EFF (the precomposed Vietnamese letters).
static FOLD_LATIN: LazyLock<Vec<char>> =
    LazyLock::new(|| (0x80..0x250).map(|u| char::from_u32(u).map_or(' ', fold_char_slow)).collect());
static FOLD_VIET: LazyLock<Vec<char>> =
    LazyLock::new(|| (0x1E00..0x1F00).map(|u| char::from_u32(u).map_or(' ', fold_char_slow)).collect());

fn fold_char_slow(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c {
        'đ' | 'Đ' => 'd',
        '–' | '—' | '−' | '‐' | '‑' => '-',
        c if c.is_whitespace() => ' ',
        _ => {
            let mut base = None;
            decompose_canonical(c, |d| {
                if base.is_none() {
                    base = Some(d);
                }
            });
            let b = base.unwrap_or(c);
            if b.is_ascii() {
                b.to_ascii_lowercase()
            } else {
                b.to_lowercase().next().unwrap_or(b)
            }
        }
    }
}

// ---------------------------------------------------------------- numbers

/// A number written the Vietnamese way: "5.200" → 5200, "6,3" → 6.3,
/// "1.234,5" → 1234.5. "," alone is a decimal comma ("1,234" → 1.234); "."
/// alone is thousands only when every group after it has three digits, so
/// "10.5" stays 10.5.
pub fn parse_vn_number(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',') {
        return None;
    }
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    let plain = match (dots, commas) {
        (0, 0) => s.to_string(),
        (_, 0) if thousands(s, '.') => s.replace('.', ""),
        (1, 0) => s.to_string(),
        (0, 1) => s.replace(',', "."),
        (0, _) if thousands(s, ',') => s.replace(',', ""),
        _ => {
            let (int, frac, sep) = match (s.rfind(','), s.rfind('.')) {
                (Some(c), Some(d)) if c > d => (s.get(..c)?, s.get(c + 1..)?, '.'),
                (Some(_), Some(d)) => (s.get(..d)?, s.get(d + 1..)?, ','),
                _ => return None,
            };
            if !thousands(int, sep) || frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            format!("{}.{}", int.replace(sep, ""), frac)
        }
    };
    if plain.starts_with('.') || plain.ends_with('.') {
        return None;
    }
    plain.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// "1.234.567": a 1–3 digit head, then groups of exactly three.
fn thousands(s: &str, sep: char) -> bool {
    let mut parts = s.split(sep);
    let head = parts.next().unwrap_or("");
    if head.is_empty() || head.len() > 3 || !head.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let mut any = false;
    for p in parts {
        if p.len() != 3 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        any = true;
    }
    any
}

// ---------------------------------------------------------------- patterns

const NUM: &str = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?";

static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(NUM).expect("number regex"));

/// Time phrases: a period, a year, "giai đoạn này", or a leading "hằng năm,".
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:(?-u:\b)(?:trong|ca|cho)\s+)?(?-u:\b)(?:giai\ doan|thoi\ ky)\s+(?:tu\s+)?(?P<p1>(?:19|20)\d{2})\s*(?:-|den)\s*(?:nam\s+)?(?P<p2>(?:19|20)\d{2})(?-u:\b)
        | (?:(?-u:\b)(?:tu\ nay\s+)?(?:den\ het|den|toi|vao|trong|cuoi|dau)\s+)?(?-u:\b)nam\s+(?P<y1>(?:19|20)\d{2})(?-u:\b)
        | (?-u:\b)(?:den|toi)\s+(?P<y2>(?:19|20)\d{2})(?-u:\b)
        | (?:(?-u:\b)(?:trong|ca)\s+)?(?-u:\b)(?:giai\ doan|thoi\ ky)\s+nay(?-u:\b)
        | (?P<yearly>(?-u:\b)(?:hang|moi)\ nam\s*,)",
    )
    .expect("time regex")
});

/// Capture group numbers of `TIME`, `RANK`, `BEFORE` and `AFTER`, in the
/// order the patterns open them (a test checks them against the names):
/// `get(i)` reads a slot where `name(..)` hashes the name on every call.
const TIME_P1: usize = 1;
const TIME_P2: usize = 2;
const TIME_Y1: usize = 3;
const TIME_Y2: usize = 4;
const TIME_YEARLY: usize = 5;
const RANK_N: usize = 1;
const RANK_M: usize = 2;
const BEFORE_VERB: usize = 1;
const BEFORE_MODS: usize = 2;
const AFTER_MAX: usize = 1;
const AFTER_UNIT: usize = 2;
const AFTER_POST: usize = 3;

/// What comes just before a value: a verb, then modifiers and comparators.
static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:(?:^|[^a-z0-9])(?P<verb>dat|chiem|tang|giam|nang\ len|dat\ muc|duy\ tri\ o\ muc|o\ muc)\s+)?
        (?P<mods>(?:(?:>=|<=|≥|≤|>|<|(?-u:\b)(?:binh\ quan(?:\ (?:hang|moi)\ nam)?|hang\ nam|moi\ nam|them|len|xuong|con|muc|o\ muc
            |khoang|tren|duoi|toi\ thieu|it\ nhat|khong\ vuot\ qua|khong\ qua|toi\ da|khong\ duoi|khong\ thap\ hon
            |hon|tu|vuot|xap\ xi|gan|gap)(?-u:\b))\s*)*)$",
    )
    .expect("before regex")
});

/// What may follow a value: a range end, a unit, "trở lên".
static AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)^
        (?:\s*(?:-|den)\s*(?P<max>{NUM}))?
        (?P<unit>\s*%(?:\s*/\s*nam)?|\s+(?:nghin\ ty\ dong|ty\ dong|trieu\ dong|nghin\ dong|dong|ty\ usd|trieu\ usd
            |nghin\ usd|usd|trieu\ tan|nghin\ tan|tan|hecta|ha|km|trieu\ luot\ khach|luot\ khach|trieu\ luot|luot
            |trieu\ nguoi|nghin\ nguoi|nguoi|lao\ dong|doanh\ nghiep|hop\ tac\ xa|bac\ sy|bac\ si|giuong\ benh|giuong
            |xa|huyen|san\ pham|du\ an|truong|con|mw|kwh|lan|diem|hang|sao|co\ so|khu|cum|thon|ban|ho)(?-u:\b))?
        (?P<post>\s+(?:tro\ len|tro\ xuong))?"
    ))
    .expect("after regex")
});

/// "đứng trong nhóm 10 tỉnh, thành phố dẫn đầu cả nước": a rank.
static RANK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)(?-u:\b)(?:(?:dung|nam|xep|thuoc|lot|vao)\s+)*(?:trong\s+|vao\s+)?(?:nhom|top|tốp)\s+(?P<n>\d{1,3})(?-u:\b)
        [^;.]{0,80}?(?-u:\b)(?:dan\ dau|dung\ dau|cao\ nhat|tot\ nhat)(?:\s+(?:ca\ nuoc|toan\ quoc|khu\ vuc))?
        |(?-u:\b)(?:xep\ hang|dung|xep)\s+thu\s+(?P<m>\d{1,3})(?-u:\b)",
    )
    .expect("rank regex")
});

/// Words that carry no indicator meaning at the edges of a clause.
static LEAD_FILLER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[\s,:;.\-+*()]+|[a-zđ]\)\s*|phan dau(?-u:\b)|dong thoi(?-u:\b)|va(?-u:\b)|trong do(?-u:\b)|du kien(?-u:\b)|nhiem vu chung(?-u:\b)|muc tieu(?-u:\b)|chi tieu(?-u:\b))",
    )
    .expect("lead filler regex")
});

static TRAIL_FILLER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[\s,:;.\-+*(]+|(?-u:\b)phan dau|(?-u:\b)du kien|(?-u:\b)se|(?-u:\b)phai|(?-u:\b)can|(?-u:\b)uoc|(?-u:\b)va|(?-u:\b)deu|(?-u:\b)tro len)$")
        .expect("trail filler regex")
});

// ---------------------------------------------------------------- sentences

#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct When {
    year: Option<i32>,
    period: Option<[i32; 2]>,
}

#[derive(Debug, Clone)]
struct TimeSpan {
    start: usize,
    end: usize,
    when: Option<When>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// "tỷ lệ … đạt 81%": the indicator comes before.
    SubjectFirst,
    /// "có 100% đơn vị …": the indicator comes after.
    ValueFirst,
}

#[derive(Debug, Clone)]
struct Cand {
    kind: Kind,
    /// Start of the verb (or of the number when there is none).
    head: usize,
    num_start: usize,
    end: usize,
    comparator: Comparator,
    value: f64,
    value_max: Option<f64>,
    unit: Option<(usize, usize)>,
    rank: bool,
    growth_verb: Option<(usize, usize)>,
}

/// Cheap early-out: a paragraph with a target has one of these.
const KEYWORDS: &[&str] = &[
    "%",
    "dat",
    "chiem",
    "tang",
    "giam",
    "tro len",
    "tro xuong",
    "nhom",
    "top",
    "it nhat",
    "toi thieu",
    "khong qua",
    "muc",
    "thu ",
];

/// [`KEYWORDS`] searched for in one pass.
static KEYWORD_SEARCH: LazyLock<crate::text::Words> = LazyLock::new(|| crate::text::Words::new(KEYWORDS));

/// Every target stated in one paragraph.
pub fn extract_targets(text: &str, group: Option<u32>, line: usize) -> Vec<Target> {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let f = Folded::new(text);
    if !KEYWORD_SEARCH.any_in(&f.text) {
        return Vec::new();
    }
    let times = time_spans(&f.text);
    let mut ctx = Ctx { when: When::default(), last_indicator: None, out: Vec::new() };
    for (cs, ce) in clauses(&f.text) {
        clause_targets(text, &f, &times, cs, ce, group, line, &mut ctx);
    }
    ctx.out
}

struct Ctx {
    when: When,
    last_indicator: Option<String>,
    out: Vec<Target>,
}

/// The time phrases of a folded text and what each says.
///
/// The phrases are found with `TIME.find_iter` (the lazy DFA alone), and
/// what an ASCII phrase says is read from its digits: of `TIME`'s
/// alternatives, only a period names two years, only a year phrase one,
/// and only "hằng năm," ends with a comma. Asking the regex for capture
/// groups ran a second engine over every phrase, a tenth of the target
/// reader; a phrase with other characters (Unicode digits or spaces) is
/// still read from its captures.
fn time_spans(folded: &str) -> Vec<TimeSpan> {
    TIME.find_iter(folded)
        .filter_map(|m| {
            let phrase = if m.as_str().is_ascii() {
                ascii_phrase(m.as_str())
            } else {
                captured_phrase(&TIME.captures_at(folded, m.start())?)
            };
            let when = match phrase {
                Phrase::Period(a, b) => Some(When { year: None, period: Some([a, b]) }),
                Phrase::Year(y) => Some(When { year: Some(y), period: None }),
                Phrase::Yearly => {
                    let before = folded.get(..m.start()).unwrap_or("").trim_end();
                    if before.ends_with("binh quan") {
                        return None;
                    }
                    Some(When::default())
                }
                Phrase::Other => None,
            };
            Some(TimeSpan { start: m.start(), end: m.end(), when })
        })
        .collect()
}

/// What a `TIME` phrase says.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Phrase {
    /// "giai đoạn 2021 - 2025".
    Period(i32, i32),
    /// "năm 2025", "đến 2030".
    Year(i32),
    /// "hằng năm," at the head of a clause.
    Yearly,
    /// "giai đoạn này", or years that are not numbers.
    Other,
}

/// What an ASCII `TIME` match says, from its digit runs: two for a period,
/// one for a year (no alternative has any other digits), none otherwise.
fn ascii_phrase(m: &str) -> Phrase {
    let number = |run: &[u8]| run.iter().fold(0i32, |n, d| n * 10 + i32::from(d - b'0'));
    let mut runs = m.as_bytes().split(|b| !b.is_ascii_digit()).filter(|r| !r.is_empty()).map(number);
    match (runs.next(), runs.next()) {
        (Some(a), Some(b)) => Phrase::Period(a, b),
        (Some(y), None) => Phrase::Year(y),
        _ if m.ends_with(',') => Phrase::Yearly,
        _ => Phrase::Other,
    }
}

/// What a `TIME` match says, from its capture groups.
fn captured_phrase(c: &regex::Captures) -> Phrase {
    let year = |i: usize| c.get(i).and_then(|y| y.as_str().parse::<i32>().ok());
    if let (Some(a), Some(b)) = (year(TIME_P1), year(TIME_P2)) {
        Phrase::Period(a, b)
    } else if let Some(y) = year(TIME_Y1).or_else(|| year(TIME_Y2)) {
        Phrase::Year(y)
    } else if c.get(TIME_YEARLY).is_some() {
        Phrase::Yearly
    } else {
        Phrase::Other
    }
}

/// Clause spans split at ";" and at sentence ends (". " — "5.200" has no space).
///
/// Only the ";" and "." are visited, found with `memchr2` (SIMD): a test of
/// every byte of every paragraph cost as much as the number search.
fn clauses(folded: &str) -> Vec<(usize, usize)> {
    let bytes = folded.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for i in memchr::memchr2_iter(b';', b'.', bytes) {
        let end_here = bytes[i] == b';' || bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace());
        if end_here {
            if i > start {
                out.push((start, i));
            }
            start = i + 1;
        }
    }
    if start < bytes.len() {
        out.push((start, bytes.len()));
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn clause_targets(
    text: &str,
    f: &Folded,
    times: &[TimeSpan],
    cs: usize,
    ce: usize,
    group: Option<u32>,
    line: usize,
    ctx: &mut Ctx,
) {
    let folded = f.text.get(cs..ce).unwrap_or("");
    let cands = candidates(folded, cs, times);
    let clause_text = f.orig(text, cs, ce).trim().to_string();
    let mut region_start = cs;
    let mut colon_prefix: Option<String> = None;
    let mut value_first: Vec<usize> = Vec::new();
    for (i, c) in cands.iter().enumerate() {
        // Time context: phrases before this value update the running one.
        for t in times.iter().filter(|t| t.start >= region_start && t.start < c.num_start) {
            if let Some(w) = t.when {
                ctx.when = w;
            }
        }
        let (ind_start, ind_end, next_start) = match c.kind {
            Kind::SubjectFirst => (region_start, c.head, c.end),
            Kind::ValueFirst => {
                let limit = cands.get(i + 1).map_or(ce, |n| value_first_limit(&f.text, c.end, n));
                (c.num_start, limit, limit)
            }
        };
        let when_tail = times
            .iter()
            .find(|t| t.start >= c.end && t.start < cands.get(i + 1).map_or(ce, |n| n.head) && t.when.is_some())
            .and_then(|t| t.when);
        let raw_ind = match c.kind {
            Kind::SubjectFirst => indicator_text(text, f, times, ind_start, ind_end),
            Kind::ValueFirst => {
                let after_unit = if c.unit.is_some_and(|(us, ue)| f.orig(text, us, ue).contains('%')) {
                    c.unit.map_or(c.end, |(_, ue)| ue)
                } else {
                    c.unit.map_or(c.end, |(us, _)| us)
                };
                indicator_text(text, f, times, after_unit.max(ind_start), ind_end)
            }
        };
        region_start = next_start;
        let raw_ind = if c.kind == Kind::ValueFirst { drop_post(raw_ind) } else { raw_ind };
        let indicator = build_indicator(raw_ind, c, text, f, &mut colon_prefix, ctx);
        if indicator.is_empty() {
            continue;
        }
        let unit = c.unit.map(|(us, ue)| per_unit(f.orig(text, us, ue).trim(), &indicator));
        let mut unit = if c.rank { Some("hạng".to_string()) } else { unit };
        let when = when_tail.filter(|_| !has_time(times, ind_start, c.num_start)).unwrap_or(ctx.when);
        ctx.when = when;
        if c.kind == Kind::ValueFirst {
            value_first.push(ctx.out.len());
        }
        // The last target of the list takes the unit, and the context the
        // indicator, instead of copies (nothing below reads either).
        let parts = split_parallel(&indicator);
        let count = parts.len();
        for (k, ind) in parts.into_iter().enumerate() {
            ctx.out.push(Target {
                group,
                indicator: ind,
                comparator: c.comparator,
                value: c.value,
                value_max: c.value_max,
                unit: if k + 1 == count { unit.take() } else { unit.clone() },
                year: when.year,
                period: when.period,
                text: Some(clause_text.clone()),
                line: Some(line),
            });
        }
        ctx.last_indicator = Some(indicator);
    }
    share_predicate(&mut ctx.out, &value_first);
    // Time phrases after the last value still move the context on.
    for t in times.iter().filter(|t| t.start >= region_start && t.start < ce) {
        if let Some(w) = t.when {
            ctx.when = w;
        }
    }
}

/// "80% thôn đồng bằng và 60% thôn miền núi có nhà văn hóa": the "có …"
/// predicate of the last item belongs to every item of the list.
fn share_predicate(out: &mut [Target], items: &[usize]) {
    let Some(&last) = items.last() else { return };
    let Some(pred) =
        out.get(last).and_then(|t| crate::text::find_str(&t.indicator, " có ").map(|p| t.indicator[p..].to_string()))
    else {
        return;
    };
    for &i in &items[..items.len() - 1] {
        if let Some(t) = out.get_mut(i) {
            if crate::text::find_str(&t.indicator, " có ").is_none() {
                t.indicator.push_str(&pred);
            }
        }
    }
}

/// A value-first item's "trở lên" is its comparator, not its indicator.
fn drop_post(s: String) -> String {
    let mut out = s;
    for w in [" trở lên", " trở xuống", " Trở lên"] {
        if out.contains(w) {
            out = out.replacen(w, "", 1);
        }
    }
    out
}

fn has_time(times: &[TimeSpan], start: usize, end: usize) -> bool {
    times.iter().any(|t| t.start >= start && t.start < end && t.when.is_some())
}

/// Where a value-first item's indicator stops: at the next value-first
/// item, or at the last "," before the next item's verb.
fn value_first_limit(folded: &str, from: usize, next: &Cand) -> usize {
    match next.kind {
        Kind::ValueFirst => next.head.max(from),
        Kind::SubjectFirst => {
            let seg = folded.get(from..next.head).unwrap_or("");
            crate::text::rfind_str(seg, ", ").map_or(from, |p| from + p)
        }
    }
}

/// Adds the colon prefix, "trong đó" parents, growth verbs and inheritance.
fn build_indicator(
    raw: String,
    c: &Cand,
    text: &str,
    f: &Folded,
    colon_prefix: &mut Option<String>,
    ctx: &Ctx,
) -> String {
    // The leading separators are cut from `raw` itself, not from a copy.
    let cut = raw.len() - raw.trim_start_matches([' ', ',', ';', ':']).len();
    let mut ind = raw;
    ind.drain(..cut);
    let folded_ind = folded_head(&ind, "trong do:".len());
    if folded_ind.starts_with("trong do") && !folded_ind.starts_with("trong do:") {
        let rest = ind.char_indices().nth("trong đó".chars().count()).map_or("", |(i, _)| &ind[i..]);
        let rest = rest.trim_start_matches([' ', ',', ':']).to_string();
        ind = match &ctx.last_indicator {
            Some(p) => format!("{p} {rest}").trim().to_string(),
            None => rest,
        };
    } else {
        ind = strip_edges(&ind);
    }
    if let Some((vs, ve)) = c.growth_verb {
        let verb = f.orig(text, vs, ve).trim();
        ind = if ind.is_empty() { verb.to_string() } else { format!("{ind} {verb}") };
    }
    if ind.is_empty() {
        return ctx.last_indicator.clone().unwrap_or_default();
    }
    if c.kind == Kind::SubjectFirst {
        if let Some(p) = ind.find(':') {
            *colon_prefix = Some(ind[..=p].to_string());
        } else if let Some(p) = colon_prefix.as_ref() {
            ind = format!("{p} {ind}");
        }
    }
    ind
}

/// `fold(s)`, or a prefix of it at least `bytes` long: enough to test
/// what it starts with. The fold of a prefix of `s` is a prefix of the
/// fold of `s` (chars fold one by one; whitespace is collapsed as it comes
/// and only a trailing space dropped), so a head of 16 chars is folded and
/// the whole text only when that head folds to fewer bytes: an indicator
/// was folded whole to look at its first two words.
fn folded_head(s: &str, bytes: usize) -> String {
    if let Some((end, _)) = s.char_indices().nth(16) {
        let head = fold(s.get(..end).unwrap_or(s));
        if head.len() >= bytes {
            return head;
        }
    }
    fold(s)
}

/// "số bác sỹ/1 vạn dân đạt 13 bác sỹ": the unit is the indicator's own
/// "per" unit when the value's unit repeats its head word.
fn per_unit(unit: &str, indicator: &str) -> String {
    if unit.contains('%') {
        return if fold(unit).contains("nam") { unit.split_whitespace().collect() } else { "%".to_string() };
    }
    // Only '/' folds to '/' (a test checks every char): an indicator
    // without one has no "per" unit, and is not folded to find that out.
    if memchr::memchr(b'/', indicator.as_bytes()).is_none() {
        return unit.to_string();
    }
    let key = fold(unit);
    let fi = fold(indicator);
    if let Some(p) = fi.find(&format!("{key}/")) {
        let start_chars = fi[..p].chars().count();
        let tail: String = indicator.chars().skip(start_chars).collect();
        let end = tail.find([',', ';', '(']).unwrap_or(tail.len());
        return tail[..end].trim().to_string();
    }
    unit.to_string()
}

/// "chỉ số A, chỉ số B, chỉ số C" names three indicators.
fn split_parallel(ind: &str) -> Vec<String> {
    let parts: Vec<&str> = ind.split(", ").map(str::trim).collect();
    if parts.len() < 2 {
        return vec![ind.to_string()];
    }
    let head: Vec<String> = fold(parts[0]).split(' ').take(2).map(str::to_string).collect();
    if head.len() < 2 {
        return vec![ind.to_string()];
    }
    let same = parts.iter().all(|p| {
        let fp = fold(p);
        let mut w = fp.split(' ');
        w.next() == Some(head[0].as_str()) && w.next() == Some(head[1].as_str())
    });
    if same {
        parts.into_iter().map(str::to_string).collect()
    } else {
        vec![ind.to_string()]
    }
}

/// The original text of [start, end) without time phrases, cut after the
/// last leading "time phrase," when there is one.
fn indicator_text(text: &str, f: &Folded, times: &[TimeSpan], start: usize, end: usize) -> String {
    if end <= start {
        return String::new();
    }
    let region = start;
    let mut start = start;
    for t in times.iter().filter(|t| t.start >= region && t.end <= end) {
        let after = f.text.get(t.end..end).unwrap_or("");
        if after.trim_start().starts_with(',') {
            start = t.end + after.find(',').unwrap_or(0) + 1;
        }
    }
    // Long lead-ins: keep the part after the last ": " before a short tail.
    let mut out = String::new();
    let mut pos = start;
    for t in times.iter().filter(|t| t.start >= start && t.end <= end) {
        out.push_str(f.orig(text, pos, t.start));
        out.push(' ');
        pos = t.end;
    }
    out.push_str(f.orig(text, pos, end));
    // Most indicators have no '*' and are single-spaced already: rebuilding
    // them word by word was three allocations for the same text.
    let out = if memchr::memchr(b'*', out.as_bytes()).is_none() && crate::text::is_collapsed(&out) {
        out
    } else {
        crate::text::collapse_whitespace(&out.replace('*', ""))
    };
    trim_long(after_goal_word(out))
}

/// "… để đạt mục tiêu tỷ lệ bao phủ …": the indicator starts after the
/// last "mục tiêu" or "phấn đấu" inside the lead-in.
fn after_goal_word(s: String) -> String {
    let f = fold_same_len(&s);
    let cut = ["muc tieu ", "phan dau "]
        .iter()
        .filter_map(|w| crate::text::rfind_str(&f, w).filter(|&p| p > 0).map(|p| p + w.len()))
        .max();
    match cut {
        Some(p) => cut_chars(&s, f[..p].chars().count(), usize::MAX),
        None => s,
    }
}

/// An indicator is a noun phrase; a long tail of prose before it is cut at
/// its last comma.
fn trim_long(s: String) -> String {
    if crate::text::count_words(&s) <= 40 {
        return s;
    }
    match crate::text::rfind_str(&s, ", ") {
        Some(p) => s[p + 2..].to_string(),
        None => s,
    }
}

fn strip_edges(s: &str) -> String {
    let mut cur = s.trim().to_string();
    loop {
        let folded = fold_same_len(&cur);
        let mut fc = folded.as_str();
        let before = cur.len();
        if let Some(m) = LEAD_FILLER.find(fc) {
            if m.end() > 0 {
                cur = cut_chars(&cur, fc[..m.end()].chars().count(), usize::MAX);
                // The fold is char for char: the cut text's fold is the
                // rest of this one, not a new fold.
                fc = &fc[m.end()..];
            }
        }
        if let Some(m) = TRAIL_FILLER.find(fc) {
            if m.start() < fc.len() {
                let keep = fc[..m.start()].chars().count();
                cur = cut_chars(&cur, 0, keep);
            }
        }
        // Trimmed in place when there is anything to trim (rarely).
        let trimmed = cur.trim();
        if trimmed.len() != cur.len() {
            cur = trimmed.to_string();
        }
        for lead in ["có ", "Có "] {
            if let Some(rest) = cur.strip_prefix(lead) {
                cur = rest.to_string();
            }
        }
        if cur.len() == before {
            return cur;
        }
    }
}

fn fold_same_len(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out, None);
    out
}

fn cut_chars(s: &str, from: usize, to: usize) -> String {
    s.chars().skip(from).take(to.saturating_sub(from)).collect()
}

/// Values in one clause, in order.
fn candidates(folded: &str, base: usize, times: &[TimeSpan]) -> Vec<Cand> {
    let mut out = Vec::new();
    let mut taken_until = 0;
    let maybe_rank = RANK_WORDS.any_in(folded);
    let ranks: Vec<_> = if maybe_rank { RANK.captures_iter(folded).collect() } else { Vec::new() };
    for r in &ranks {
        let (Some(m), Some(n)) = (r.get(0), r.get(RANK_N).or_else(|| r.get(RANK_M))) else { continue };
        let Some(v) = parse_vn_number(n.as_str()) else { continue };
        out.push(Cand {
            kind: Kind::SubjectFirst,
            head: base + m.start(),
            num_start: base + n.start(),
            end: base + m.end(),
            comparator: Comparator::AtMost,
            value: v,
            value_max: None,
            unit: None,
            rank: true,
            growth_verb: None,
        });
    }
    let in_rank = |p: usize| out.iter().any(|c: &Cand| c.rank && p >= c.head && p < c.end);
    let mut found = Vec::new();
    for m in NUMBER.find_iter(folded) {
        let (s, e) = (m.start(), m.end());
        if s < taken_until || in_rank(base + s) || in_time(times, base + s) || !bounded(folded, s, e) {
            continue;
        }
        let Some(value) = parse_vn_number(m.as_str()) else { continue };
        if let Some(c) = classify(folded, base, s, e, value, &found) {
            taken_until = c.end - base;
            found.push(c);
        }
    }
    out.extend(found);
    out.sort_by_key(|c| c.num_start);
    out
}

/// Words without which a clause states no rank (see `text::Words`).
static RANK_WORDS: LazyLock<crate::text::Words> = LazyLock::new(|| crate::text::Words::new(&["nhom", "top", " thu "]));

fn in_time(times: &[TimeSpan], p: usize) -> bool {
    times.iter().any(|t| p >= t.start && p < t.end)
}

/// A number stands alone: not part of "13/NQ-CP", "09/8/2021" or "4.0G".
fn bounded(folded: &str, s: usize, e: usize) -> bool {
    let b = folded.as_bytes();
    let prev = s.checked_sub(1).and_then(|i| b.get(i)).copied();
    let next = b.get(e).copied();
    let next2 = b.get(e + 1).copied();
    if prev.is_some_and(|p| p.is_ascii_alphanumeric() || p == b'/' || p == b'.' || p == b',' || p == b'-') {
        return false;
    }
    match next {
        Some(n) if n.is_ascii_alphabetic() => false,
        Some(b'/') => !next2.is_some_and(|n| n.is_ascii_alphanumeric()),
        Some(b'-') => !next2.is_some_and(|n| n.is_ascii_alphabetic()),
        _ => true,
    }
}

fn classify(folded: &str, base: usize, s: usize, e: usize, value: f64, prev: &[Cand]) -> Option<Cand> {
    let window_start = floor_char(folded, s.saturating_sub(90));
    let before = folded.get(window_start..s).unwrap_or("");
    let caps = BEFORE.captures(before)?;
    let verb = caps.get(BEFORE_VERB);
    let mods = caps.get(BEFORE_MODS).map_or("", |m| m.as_str());
    let rest = folded.get(e..).unwrap_or("");
    let after = after::read(rest).or_else(|| after_captured(rest))?;
    let part = |r: &Option<std::ops::Range<usize>>| r.clone().and_then(|r| rest.get(r));
    let value_max = part(&after.max).and_then(parse_vn_number);
    let unit = after.unit.as_ref().map(|u| (base + e + u.start, base + e + u.end));
    let unit_text = part(&after.unit).map_or("", str::trim);
    let post = part(&after.post).map(str::trim);
    let end = base + e + after.end;
    let mut comparator = comparator_of(mods, post);
    let percent = unit_text.starts_with('%');
    let strong_mod = ["it nhat", "toi thieu", "khong qua", "toi da", "khong duoi", "khong thap hon"]
        .iter()
        .any(|w| mods.contains(w));
    let head_start = verb.map_or(window_start + caps.get(0).map_or(0, |m| m.start()), |v| window_start + v.start());
    let mut cand = Cand {
        kind: Kind::SubjectFirst,
        head: base + head_start,
        num_start: base + s,
        end,
        comparator,
        value,
        value_max,
        unit,
        rank: false,
        growth_verb: None,
    };
    if let Some(v) = verb {
        if matches!(v.as_str(), "tang" | "giam") {
            let verb_end = window_start + caps.get(0).map_or(0, |m| m.end());
            let mods_trim = growth_mods(folded, window_start + v.start(), verb_end);
            cand.growth_verb = Some((base + window_start + v.start(), base + mods_trim));
        }
        return Some(cand);
    }
    // No verb: value-first ("có 80% …"), or a bare comparator before "%".
    let lead_start = prev.last().map_or(0, |c| c.end - base);
    let lead = folded.get(lead_start.min(s)..s).unwrap_or("");
    let after_join = prev.last().is_some_and(|c| c.kind == Kind::ValueFirst)
        && crate::text::rfind_str(lead, " va ")
            .or_else(|| crate::text::rfind_str(lead, ", "))
            .is_some_and(|p| is_filler(&lead[p + 1..]));
    let filler_only = is_filler(lead) || after_join;
    let tail = folded.get(e..).unwrap_or("");
    let trailing_post =
        post.is_some() || tail.split([';', '.']).next().is_some_and(|t| crate::text::find_str(t, " tro len").is_some());
    if trailing_post && post.is_none() {
        comparator = Comparator::AtLeast;
        cand.comparator = comparator;
    }
    if filler_only && (percent || trailing_post || strong_mod) {
        cand.kind = Kind::ValueFirst;
        cand.head = base + window_start + caps.get(0).map_or(0, |m| m.start());
        return Some(cand);
    }
    if !filler_only && (strong_mod || (percent && !mods.trim().is_empty()) || post.is_some()) && unit.is_some() {
        return Some(cand);
    }
    None
}

/// `AFTER`'s groups from the regex, where `after::read` cannot decide.
fn after_captured(rest: &str) -> Option<after::After> {
    let c = AFTER.captures(rest)?;
    Some(after::After {
        max: c.get(AFTER_MAX).map(|m| m.range()),
        unit: c.get(AFTER_UNIT).map(|m| m.range()),
        post: c.get(AFTER_POST).map(|m| m.range()),
        end: c.get(0).map_or(0, |m| m.end()),
    })
}

/// The verb with its "bình quân hằng năm" but without comparator words.
fn growth_mods(folded: &str, verb_start: usize, end: usize) -> usize {
    let seg = folded.get(verb_start..end).unwrap_or("");
    let mut keep = seg.len();
    for w in [" khoang", " tren", " duoi", " toi thieu", " it nhat", " khong qua", " len", " con", " xuong", " them"] {
        if let Some(p) = seg.find(w) {
            keep = keep.min(p);
        }
    }
    verb_start + seg[..keep].trim_end().len()
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn is_filler(lead: &str) -> bool {
    static FILL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?x)^(?:[\s,:;.\-+*()]|[a-z]\)|(?-u:\b)phan\ dau(?-u:\b)|(?-u:\b)co(?-u:\b)|(?-u:\b)va(?-u:\b)|(?-u:\b)trong\ do(?-u:\b)|(?-u:\b)dong\ thoi(?-u:\b)|(?-u:\b)it\ nhat(?-u:\b)|(?-u:\b)toi\ thieu(?-u:\b)
            |(?-u:\b)tren(?-u:\b)|(?-u:\b)duoi(?-u:\b)|(?-u:\b)khoang(?-u:\b)|(?-u:\b)khong\ qua(?-u:\b)|(?-u:\b)den(?-u:\b)|(?-u:\b)nam(?-u:\b)|(?-u:\b)giai\ doan(?-u:\b)|(?-u:\b)hang(?-u:\b)|(?-u:\b)moi(?-u:\b)|\d{4}|-)*$",
        )
        .expect("filler regex")
    });
    FILL.is_match(lead)
}

fn comparator_of(mods: &str, post: Option<&str>) -> Comparator {
    let has = |w: &str| crate::text::has_phrase(mods, w);
    if post == Some("tro len") {
        return Comparator::AtLeast;
    }
    if post == Some("tro xuong") {
        return Comparator::AtMost;
    }
    if has("it nhat")
        || has("toi thieu")
        || has("khong duoi")
        || has("khong thap hon")
        || crate::text::find_str(mods, ">=").is_some()
        || mods.contains('≥')
    {
        Comparator::AtLeast
    } else if has("khong qua")
        || has("khong vuot qua")
        || has("toi da")
        || crate::text::find_str(mods, "<=").is_some()
        || mods.contains('≤')
    {
        Comparator::AtMost
    } else if has("tren") || has("hon") || has("vuot") || mods.contains('>') {
        Comparator::Above
    } else if has("duoi") || mods.contains('<') {
        Comparator::Below
    } else {
        Comparator::Equal
    }
}

// ---------------------------------------------------------------- tables

#[derive(Debug, Clone, Default)]
struct Column {
    label: String,
    child: String,
    year: Option<i32>,
    period: Option<[i32; 2]>,
    unit: Option<String>,
}

static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u:\b)((?:19|20)\d{2})(?-u:\b)").expect("year regex"));
static PERIOD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})(?-u:\b)").expect("period regex"));
static PAREN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\(([^()]{1,30})\)").expect("paren regex"));

/// Targets from an indicator table (TT | Chỉ tiêu | ĐVT | 2025 | 2030 …);
/// empty when the table is not one.
pub fn targets_from_table(table: &RawTable) -> Vec<Target> {
    let (header, rows) = split_header(table);
    let Some(h1) = header.first().cloned() else { return Vec::new() };
    let all_labels = header.iter().flatten().map(|c| fold(c)).collect::<Vec<_>>().join(" | ");
    if ["chu tri", "phoi hop", "co quan", "thoi gian hoan thanh", "thoi han"].iter().any(|w| all_labels.contains(w)) {
        return Vec::new();
    }
    let h2 = header.get(1).cloned().unwrap_or_default();
    let width = rows.iter().map(|r| clean_row(&r.cells).len()).max().unwrap_or(0);
    let columns = columns(&h1, &h2, width);
    let folded: Vec<String> = columns.iter().map(|c| fold(&c.label)).collect();
    let tt = folded.iter().position(|l| matches!(l.as_str(), "tt" | "stt" | "so tt" | "so thu tu"));
    let name = folded.iter().position(|l| {
        ["chi tieu", "noi dung", "san pham", "ten ", "danh muc", "linh vuc", "mat hang", "chi so"]
            .iter()
            .any(|w| l.contains(w) || l.as_str() == w.trim())
    });
    let unit_col = folded.iter().position(|l| l == "dvt" || l.starts_with("don vi"));
    let years: Vec<usize> =
        (0..columns.len()).filter(|&i| columns[i].year.is_some() || columns[i].period.is_some()).collect();
    let Some(name) = name else { return Vec::new() };
    if years.is_empty() {
        return Vec::new();
    }
    let mut parent: Option<String> = None;
    let mut out = Vec::new();
    for row in rows {
        let cells = clean_row(&row.cells);
        let label = cells.get(name).cloned().unwrap_or_default();
        let ttv = tt.and_then(|i| cells.get(i)).cloned().unwrap_or_default();
        if label.is_empty() || parse_vn_number(&label).is_some() {
            continue;
        }
        let dash = matches!(ttv.as_str(), "-" | "+" | "–" | "*") || label.starts_with("- ");
        let label = label.trim_start_matches(['-', '+', ' ']).to_string();
        let unit = unit_col.and_then(|i| cells.get(i)).filter(|u| !u.is_empty()).cloned();
        let values = row_values(&cells, &columns, &years);
        if values.is_empty() {
            if !dash {
                parent = Some(label);
            }
            continue;
        }
        let indicator = match (&parent, dash) {
            (Some(p), true) => format!("{p}: {label}"),
            _ => label.clone(),
        };
        if !dash {
            parent = Some(label);
        }
        let text = cells.join(" | ");
        for (col, v) in values {
            let c = columns.get(col);
            let ind = match c.map(|c| c.child.as_str()).filter(|s| !s.is_empty()) {
                Some(sub) => format!("{indicator} - {sub}"),
                None => indicator.clone(),
            };
            out.push(Target {
                group: None,
                indicator: ind,
                comparator: v.0,
                value: v.1,
                value_max: v.2,
                unit: unit.clone().or_else(|| c.and_then(|c| c.unit.clone())).or(v.3),
                year: c.and_then(|c| c.year),
                period: c.and_then(|c| c.period),
                text: Some(text.clone()),
                line: Some(row.line),
            });
        }
    }
    out
}

type CellValue = (Comparator, f64, Option<f64>, Option<String>);

/// The numbers of a row by column; a row shorter than the header (merged
/// cells) with one number per year group gets one target per year.
fn row_values(cells: &[String], columns: &[Column], years: &[usize]) -> Vec<(usize, CellValue)> {
    let direct: Vec<(usize, CellValue)> =
        years.iter().filter_map(|&i| cells.get(i).and_then(|c| parse_cell(c)).map(|v| (i, v))).collect();
    if cells.len() >= columns.len() || years.is_empty() {
        return direct;
    }
    let first_year = years[0];
    let tail: Vec<CellValue> = cells.iter().skip(first_year).filter_map(|c| parse_cell(c)).collect();
    let mut groups: Vec<usize> = Vec::new();
    for &i in years {
        let key = columns[i].year;
        if groups.last().is_none_or(|&g| columns[g].year != key) {
            groups.push(i);
        }
    }
    if tail.len() == groups.len() && groups.len() < years.len() {
        return groups.into_iter().zip(tail).collect();
    }
    direct
}

fn clean_row(cells: &[String]) -> Vec<String> {
    let mut v: Vec<String> = cells.iter().map(|c| crate::text::collapse_whitespace(&c.replace('*', ""))).collect();
    while v.last().is_some_and(|c| c.is_empty()) {
        v.pop();
    }
    v
}

/// The header rows, taking from the body the rows a reader left there: a
/// first row of labels when there is no header, and a row of years under a
/// one-row header ("Năm 2026 | Năm 2027 …" under "GIAI ĐOẠN 2026 - 2030").
fn split_header(table: &RawTable) -> (Vec<Vec<String>>, &[RawRow]) {
    let mut header: Vec<Vec<String>> = table.header.iter().map(|h| clean_row(h)).collect();
    header.retain(|h| !h.is_empty());
    let mut rows: &[RawRow] = &table.rows;
    if header.is_empty() {
        if let Some((first, rest)) = rows.split_first() {
            let cells = clean_row(&first.cells);
            let f = fold(&cells.join(" | "));
            if ["chi tieu", "noi dung", "san pham"].iter().any(|w| f.contains(w)) {
                header.push(cells);
                rows = rest;
            }
        }
    }
    if header.len() == 1 {
        if let Some((first, rest)) = rows.split_first() {
            let cells = clean_row(&first.cells);
            if is_year_row(&cells) {
                header.push(cells);
                rows = rest;
            }
        }
    }
    (header, rows)
}

/// A row of column labels with years and no values.
fn is_year_row(cells: &[String]) -> bool {
    let mut years = 0;
    for c in cells.iter().filter(|c| !c.is_empty()) {
        let is_year = YEAR.is_match(c);
        if is_year {
            years += 1;
        }
        let bare_year = c.len() == 4 && is_year;
        if !bare_year && parse_cell(c).is_some() {
            return false;
        }
    }
    years >= 2
}

/// Leaf columns from one or two header rows; in two-row headers the second
/// row's cells sit under the first row's last (spanning) cells.
fn columns(h1: &[String], h2: &[String], width: usize) -> Vec<Column> {
    let mut cols: Vec<(String, String)> = h1.iter().map(|c| (c.clone(), String::new())).collect();
    if !h2.is_empty() {
        let width = width.max(h1.len());
        if h2.len() == h1.len() && width == h1.len() {
            cols = h1.iter().zip(h2).map(|(a, b)| (a.clone(), b.clone())).collect();
        } else if width > h2.len() && width - h2.len() < h1.len() {
            let leaves = width - h2.len();
            let spans = h1.len() - leaves;
            let k = (h2.len() / spans).max(1);
            cols = h1[..leaves].iter().map(|c| (c.clone(), String::new())).collect();
            for (j, child) in h2.iter().enumerate() {
                let parent = h1.get(leaves + (j / k).min(spans - 1)).cloned().unwrap_or_default();
                cols.push((parent, child.clone()));
            }
        }
    }
    cols.into_iter().map(|(p, c)| column(&p, &c)).collect()
}

fn column(parent: &str, child: &str) -> Column {
    let year_of = |s: &str| YEAR.captures(s).and_then(|c| c[1].parse::<i32>().ok());
    let period_of =
        |s: &str| PERIOD.captures(s).and_then(|c| Some([c[1].parse::<i32>().ok()?, c[2].parse::<i32>().ok()?]));
    let (mut year, mut period) = (None, None);
    if let Some(p) = period_of(child) {
        period = Some(p);
    } else if let Some(y) = year_of(child) {
        year = Some(y);
    } else if let Some(p) = period_of(parent) {
        period = Some(p);
    } else {
        year = year_of(parent);
    }
    let unit = PAREN.captures(child).or_else(|| PAREN.captures(parent)).map(|c| c[1].trim().to_string());
    let sub = if year_of(child).is_none() && !child.is_empty() {
        crate::text::collapse_whitespace(&PAREN.replace_all(child, ""))
    } else {
        String::new()
    };
    let label = if child.is_empty() { parent.to_string() } else { format!("{parent} {child}") };
    Column { label, child: sub, year, period, unit }
}

/// "≥ 95", "trên 45%", "10 - 13", "5.200": a cell's comparator and value.
fn parse_cell(cell: &str) -> Option<CellValue> {
    static CELL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"^(?P<cmp>>=|<=|≥|≤|>|<|~|tren|duoi|it nhat|toi thieu|khong qua|toi da|khoang)?\s*(?P<v>{NUM})(?:\s*-\s*(?P<max>{NUM}))?\s*(?P<unit>%|[a-z][a-z ]{{0,20}})?\s*$"
        ))
        .expect("cell regex")
    });
    let f = fold_same_len(cell.trim());
    let c = CELL.captures(&f)?;
    let value = parse_vn_number(&c["v"])?;
    let max = c.name("max").and_then(|m| parse_vn_number(m.as_str()));
    let mut unit = c.name("unit").map(|u| cut_chars(cell.trim(), f[..u.start()].chars().count(), usize::MAX));
    let mut cmp = comparator_of(c.name("cmp").map_or("", |m| m.as_str()), None);
    if let Some(u) = unit.as_deref() {
        let fu = fold(u);
        if fu.ends_with("tro len") {
            cmp = Comparator::AtLeast;
            unit = None;
        } else if fu.ends_with("tro xuong") {
            cmp = Comparator::AtMost;
            unit = None;
        }
    }
    Some((cmp, value, max, unit.map(|u| u.trim().to_string()).filter(|u| !u.is_empty())))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `after::read` gives `AFTER`'s groups wherever it decides, on every
    /// combination of the pieces a value is followed by.
    #[test]
    fn after_reader_agrees_with_the_regex() {
        let spaces = ["", " ", "  ", "\t", "\u{00A0}", " \n"];
        let ranges = ["", "-", "den", " - ", "den ", "-x", "de"];
        let numbers = [
            "",
            "5",
            "12",
            "1.234",
            "12.345,6",
            "1234.567",
            "1.2345",
            "3,5",
            "7.",
            "80.0",
            "1.23",
            "\u{0663}",
            "4\u{0663}",
            "1.23\u{0663}",
        ];
        let mut units: Vec<String> = after::UNITS.iter().map(|u| u.to_string()).collect();
        units.extend(
            [
                "%", "%/nam", "% / nam", "%  /", "%/", "hab", "hang", "tyd", "ty dongx", "x", "", "\u{201C}", "ha_",
                "ha2",
            ]
            .map(String::from),
        );
        let posts = ["", " tro len", "  tro xuong", " tro", "tro len", "\u{00A0}tro len", " tro len nua"];
        let mut decided = 0;
        let mut total = 0;
        for r in ranges {
            for n in numbers {
                for sp in spaces {
                    for u in &units {
                        for p in posts {
                            let rest = format!("{r}{n}{sp}{u}{p}");
                            let rest2 = format!("{sp}{u}{p}");
                            for text in [rest, rest2] {
                                total += 1;
                                let want = after_captured(&text);
                                if let Some(got) = after::read(&text) {
                                    decided += 1;
                                    assert_eq!(Some(got), want, "{text:?}");
                                }
                            }
                        }
                    }
                }
            }
        }
        assert!(decided * 10 > total * 6, "{decided} of {total}");
    }

    /// `after::UNITS` is the unit alternation of `AFTER`, in its order.
    #[test]
    fn after_units_are_the_patterns() {
        let src = AFTER.as_str();
        let start = src.find("\\s+(?:").expect("units start") + "\\s+(?:".len();
        let end = src[start..].find(")(?-u:\\b)").expect("units end") + start;
        let units: Vec<String> =
            src[start..end].split('|').map(|u| u.split_whitespace().collect::<String>().replace('\\', " ")).collect();
        assert_eq!(units, after::UNITS);
    }

    /// `per_unit` skips indicators without a '/': no other char folds to one.
    #[test]
    fn only_a_slash_folds_to_a_slash() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(fold(&format!("a{c}b")).contains('/'), c == '/', "{c:?}");
        }
    }

    /// Every `TIME` match of ASCII text reads the same from its digits as
    /// from its capture groups, on generated phrases and on the folded
    /// example documents.
    #[test]
    fn time_phrases_read_from_digits_as_from_captures() {
        let mut texts: Vec<String> = Vec::new();
        let heads =
            ["", "trong ", "ca ", "cho ", "tu nay ", "den het ", "den ", "toi ", "vao ", "cuoi ", "dau ", "binh quan "];
        let bodies = [
            "giai doan 2021 - 2025",
            "giai doan tu 2021-2025",
            "thoi ky 1990 den nam 2030",
            "thoi ky  2021 den2025x",
            "nam 2025",
            "nam 20255",
            "nam 2025a",
            "den 2030",
            "toi 1999,",
            "giai doan nay",
            "thoi ky nay.",
            "hang nam,",
            "moi nam ,",
            "hang nam",
            "giai doan 2021 - 20\u{0662}\u{0665}",
            "nam\u{00A0}2025",
            "nam 20\u{0662}\u{0665}",
            "giai doan 2021 \u{2003}- 2025 ",
            "2021",
        ];
        for h in heads {
            for b in bodies {
                for tail in ["", " ", ", tang 5%", "nay"] {
                    texts.push(format!("x {h}{b}{tail}"));
                    texts.push(format!("{h}{b}{tail} ; {b} va {h}{b}"));
                }
            }
        }
        for doc in [
            include_str!("../../../examples/qd-2999-ubnd-thanh-hoa-2021.txt"),
            include_str!("../tests/fixtures/real/01_ubtvqh_1339_2024_pipe-table.txt"),
            include_str!("../tests/fixtures/real/03_sonla_2954_2025_agency-headings.txt"),
        ] {
            texts.push(Folded::new(doc).text);
        }
        let mut matches = 0;
        for t in &texts {
            for c in TIME.captures_iter(t) {
                let m = c.get(0).expect("match");
                assert_eq!(
                    TIME.captures_at(t, m.start()).and_then(|d| d.get(0)).map(|d| d.range()),
                    Some(m.range()),
                    "{t:?}"
                );
                if m.as_str().is_ascii() {
                    assert_eq!(ascii_phrase(m.as_str()), captured_phrase(&c), "{:?} in {t:?}", m.as_str());
                    matches += 1;
                }
            }
        }
        assert!(matches > 1000, "{matches}");
    }

    /// The head's fold starts as the whole fold does.
    #[test]
    fn folded_head_is_a_prefix_of_the_fold() {
        for s in ["Trong đó: tỷ lệ", "trong   đó tỷ lệ hộ nghèo giảm", "  Trong\u{00A0}đó", "a", "", "Tro\u{0301}ng đó"]
        {
            let head = folded_head(s, 9);
            assert!(fold(s).starts_with(&head), "{s:?}");
            assert!(head.len() >= 9 || head == fold(s), "{s:?}");
        }
    }

    /// The group numbers the readers use are those of the named groups.
    #[test]
    fn capture_groups_are_numbered_as_named() {
        let names = |r: &Regex| r.capture_names().map(|n| n.unwrap_or("").to_string()).collect::<Vec<_>>();
        let time = names(&TIME);
        for (i, n) in [(TIME_P1, "p1"), (TIME_P2, "p2"), (TIME_Y1, "y1"), (TIME_Y2, "y2"), (TIME_YEARLY, "yearly")] {
            assert_eq!(time[i], n);
        }
        let rank = names(&RANK);
        assert_eq!((rank[RANK_N].as_str(), rank[RANK_M].as_str()), ("n", "m"));
        let before = names(&BEFORE);
        assert_eq!((before[BEFORE_VERB].as_str(), before[BEFORE_MODS].as_str()), ("verb", "mods"));
        let after = names(&AFTER);
        assert_eq!(
            (after[AFTER_MAX].as_str(), after[AFTER_UNIT].as_str(), after[AFTER_POST].as_str()),
            ("max", "unit", "post")
        );
        assert_eq!((time.len(), rank.len(), before.len(), after.len()), (6, 3, 3, 4));
    }
}
