//! Vietnamese time expressions to deadlines: "Trước tháng 9/2021",
//! "Quý IV/2021", "Giai đoạn 2021 - 2025", "Thường xuyên" … (DESIGN.md has
//! the table). `due` is inclusive and "trước" is strict.
//!
//! The parser works on a folded copy of the text (no diacritics, lowercase,
//! dashes as "-", one whitespace per run) that keeps a byte map back to the
//! original, so milestone texts are quoted as written. It finds every time
//! expression, ranks each by the words in front of it, and keeps one main
//! deadline:
//!
//! * an expression right after "trước", "trong", "chậm nhất", "hoàn thành",
//!   "từ", a field label ("Thời gian thực hiện:") or at the start of the text
//!   is *strong*; one after "thời kỳ", "tầm nhìn", "định hướng", or a date
//!   that is not introduced by such a word (a citation "ngày 03/02/2021") is
//!   *name-like* and only used when nothing else is there;
//! * among the best-ranked expressions the latest is the main deadline and
//!   the others become milestones (a plan step due earlier), each quoted with
//!   its own clause ("riêng …", or the text between ";" / line breaks);
//! * "định kỳ", "hằng năm" … (recurring), "thường xuyên", "trong thời gian
//!   thực hiện Nghị quyết" … (continuous) and "theo quy định" (as regulated)
//!   win over dated expressions only when they lead the text, so a task
//!   sentence that mentions "kế hoạch hằng năm" but ends "báo cáo … trước
//!   tháng 9/2021" keeps its date.

use std::cell::Cell;
use std::sync::LazyLock;

use chrono::{Days, NaiveDate};
use regex::{Captures, Regex};

use crate::model::{Deadline, DeadlineKind, Diagnostic, Milestone, Recurrence, Severity};
use crate::text::Words;

/// What a deadline may borrow from its surroundings.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct DeadlineContext {
    /// The year a text without one belongs to (the nearest year in context,
    /// else the document's year).
    pub default_year: Option<i32>,
}

/// Reads one deadline text. Diagnostics carry no line; the caller adds it.
///
/// "2025 và những năm tiếp theo" and "Từ quý II/2027" have a start and no
/// end: they are read as `continuous` with `start` set and no `due`, because
/// the task runs on rather than finishing on a day.
pub fn parse_deadline(text: &str, ctx: &DeadlineContext) -> (Deadline, Vec<Diagnostic>) {
    let (deadline, notes, _) = parse_deadline_asking(text, ctx);
    (deadline, notes)
}

/// The context as the finders see it, noting whether one of them asked for
/// the year.
struct Ctx {
    default_year: Option<i32>,
    asked: Cell<bool>,
}

/// [`parse_deadline`], and whether the reading asked the context for a
/// year. A text that writes every year it names reads the same in any
/// context: a plan repeats such texts from task to task while the context
/// year moves, and the caller reads them once.
pub(crate) fn parse_deadline_asking(text: &str, context: &DeadlineContext) -> (Deadline, Vec<Diagnostic>, bool) {
    let ctx = Ctx { default_year: context.default_year, asked: Cell::new(false) };
    let ctx = &ctx;
    let text = text.trim();
    let mut deadline = Deadline {
        text: text.to_string(),
        kind: DeadlineKind::Unknown,
        start: None,
        due: None,
        reports_to: None,
        milestones: Vec::new(),
        recurrence: None,
    };
    let mut notes = Vec::new();
    if text.is_empty() {
        notes.push(Diagnostic::new(Severity::Warning, "deadline.missing", "Nhiệm vụ chưa ghi thời hạn", None));
        return (deadline, notes, false);
    }
    let folded = Folded::new(text);
    let exprs = find_exprs(&folded.text, ctx);
    let top_tier = exprs.iter().map(|e| e.tier).max();
    let top: Vec<&Expr> = exprs.iter().filter(|e| Some(e.tier) == top_tier).collect();
    let main = top.iter().copied().max_by_key(|e| (e.sort_key(), e.start));
    let mode = keyword_mode(&folded.text, main);

    let mut used_context: Option<i32> = None;
    match (&mode, main) {
        (Some(m), _) => {
            apply_mode(&mut deadline, m, &folded.text, &exprs);
            for e in top.iter().filter(|e| e.year_from_context.is_none() && e.due().is_some()) {
                deadline.milestones.push(milestone(&folded, text, e));
            }
        }
        (None, Some(main)) => {
            deadline.kind = main.final_kind();
            deadline.start = main.final_start();
            deadline.due = main.due();
            used_context = used_context.or(main.year_from_context);
            for e in top.iter().filter(|e| !std::ptr::eq(**e, main) && e.due().is_some()) {
                used_context = used_context.or(e.year_from_context);
                deadline.milestones.push(milestone(&folded, text, e));
            }
        }
        (None, None) => {}
    }
    deadline.reports_to = reports_to(&folded, text, main.map(|e| e.start));
    if let Some(year) = used_context {
        notes.push(Diagnostic::new(
            Severity::Info,
            "deadline.year_from_context",
            format!("Thời hạn «{text}» không ghi năm; đã lấy năm {year} theo ngữ cảnh"),
            None,
        ));
    }
    if deadline.kind == DeadlineKind::Unknown {
        notes.push(Diagnostic::new(
            Severity::Warning,
            "deadline.unknown",
            format!("Chưa hiểu được thời hạn «{}»", short(text)),
            None,
        ));
    }
    (deadline, notes, ctx.asked.get())
}

/// Long prose would drown the message; the reviewer has the line anyway.
fn short(text: &str) -> String {
    const MAX: usize = 120;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let mut s: String = text.chars().take(MAX).collect();
    s.push('…');
    s
}

// ---------------------------------------------------------------------------
// Folding with a map back to the original text.

/// The folded key of a text plus, for every folded byte, the byte offset of
/// the original character it came from (one extra entry for the end).
struct Folded {
    text: String,
    map: Vec<usize>,
}

impl Folded {
    fn new(s: &str) -> Self {
        let mut text = String::with_capacity(s.len());
        let mut map = Vec::with_capacity(s.len() + 1);
        let mut in_space = false;
        for (i, c) in s.char_indices() {
            if c.is_whitespace() {
                let ws = if c == '\n' || c == '\r' { '\n' } else { ' ' };
                if in_space {
                    if ws == '\n' && text.ends_with(' ') {
                        text.pop();
                        text.push('\n');
                    }
                    continue;
                }
                in_space = true;
                text.push(ws);
                map.push(i);
                continue;
            }
            in_space = false;
            let before = text.len();
            push_folded(c, &mut text);
            map.resize(map.len() + (text.len() - before), i);
        }
        map.push(s.len());
        Folded { text, map }
    }

    /// The original text behind a folded byte range.
    fn original<'a>(&self, original: &'a str, start: usize, end: usize) -> &'a str {
        let a = self.map.get(start).copied().unwrap_or(original.len());
        let b = self.map.get(end).copied().unwrap_or(original.len());
        original.get(a..b.max(a)).unwrap_or("")
    }
}

fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if let Some(b) = latin_fold(c) {
        out.push(b as char);
        return;
    }
    match c {
        '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
        // A lone combining mark (text in NFD) folds to nothing, so "tha\u{301}ng"
        // still reads "thang".
        _ => unicode_normalization::char::decompose_canonical(c, |d| {
            if !matches!(d as u32, 0x0300..=0x036F) {
                out.extend(d.to_lowercase());
            }
        }),
    }
}

/// Vietnamese letters live in two Latin blocks; their folds are looked up
/// in a table built once, since decomposing every letter is the slowest
/// part of reading a long sentence.
const LATIN_1: std::ops::Range<u32> = 0x00C0..0x0250;
const LATIN_EXT: std::ops::Range<u32> = 0x1E00..0x1F00;

static LATIN_TABLE: LazyLock<Vec<u8>> =
    LazyLock::new(|| LATIN_1.chain(LATIN_EXT).map(|u| char::from_u32(u).map_or(0, slow_ascii_fold)).collect());

/// The single ASCII letter a character folds to, or 0.
fn slow_ascii_fold(c: char) -> u8 {
    if matches!(c, 'đ' | 'Đ') {
        return b'd';
    }
    let mut s = String::new();
    unicode_normalization::char::decompose_canonical(c, |d| {
        if !matches!(d as u32, 0x0300..=0x036F) {
            s.extend(d.to_lowercase());
        }
    });
    match s.as_bytes() {
        [b] if b.is_ascii_alphabetic() => *b,
        _ => 0,
    }
}

fn latin_fold(c: char) -> Option<u8> {
    let u = c as u32;
    let index = if LATIN_1.contains(&u) {
        u - LATIN_1.start
    } else if LATIN_EXT.contains(&u) {
        u - LATIN_EXT.start + (LATIN_1.end - LATIN_1.start)
    } else {
        return None;
    };
    LATIN_TABLE.get(index as usize).copied().filter(|&b| b != 0)
}

// ---------------------------------------------------------------------------
// Time expressions.

/// How strongly an expression reads as the deadline rather than part of a
/// name or a citation.
const NAME_LIKE: u8 = 0;
const PLAIN: u8 = 1;
const STRONG: u8 = 2;
/// A strong or plain expression in the clause of "báo cáo"/"trình"/"hoàn
/// thành": the reporting deadline itself, ahead of a horizon named earlier
/// in the sentence ("… trong giai đoạn 2021 - 2025; … báo cáo Thủ tướng
/// Chính phủ trong quý IV năm 2021").
const REPORTED: u8 = 3;

#[derive(Debug, Clone)]
struct Expr {
    /// Folded byte range.
    start: usize,
    end: usize,
    kind: DeadlineKind,
    first: NaiveDate,
    last: NaiveDate,
    year_from_context: Option<i32>,
    before: bool,
    from: bool,
    tier: u8,
}

impl Expr {
    fn due(&self) -> Option<NaiveDate> {
        if self.from {
            None
        } else if self.before {
            self.first.checked_sub_days(Days::new(1))
        } else {
            Some(self.last)
        }
    }

    fn final_kind(&self) -> DeadlineKind {
        if self.from {
            DeadlineKind::Continuous
        } else if self.before {
            DeadlineKind::Before
        } else {
            self.kind
        }
    }

    fn final_start(&self) -> Option<NaiveDate> {
        if self.before || self.kind == DeadlineKind::Date {
            None
        } else {
            Some(self.first)
        }
    }

    fn sort_key(&self) -> NaiveDate {
        self.due().unwrap_or(self.first)
    }
}

const Y: &str = r"((?:19|20)\d{2})";
const M: &str = r"(1[0-2]|0 ?[1-9]|[1-9])";
const D: &str = r"([12][0-9]|3[01]|0 ?[1-9]|[1-9])";
const ROMAN: &str = r"(?:iv|iii|ii|i|[1-4])\b";

/// Patterns run on folded text, which is ASCII wherever they can match, so
/// ASCII classes keep the automata small and fast.
fn re(pattern: &str) -> Regex {
    regex::RegexBuilder::new(pattern).unicode(false).build().expect("deadline regex")
}

static RE_ONWARD: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?:nam\s+)?{Y}\s+va\s+(?:nhung|cac)\s+nam\s+(?:tiep\s+theo|sau(?:\s+do)?)|tu\s+nam\s+{Y}\s+tro\s+(?:di|ve\s+sau)"
    ))
});
static RE_FROM_TO_YEAR: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"tu\s+nam\s+{Y}\s+(?:den|toi)\s+(?:het\s+)?nam\s+{Y}")));
static RE_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(r"(?:(?:giai\s+doan|thoi\s+ky|nhiem\s+ky|cac\s+nam|nam)\s+)?{Y}\s*-\s*(?:nam\s+)?{Y}"))
});
static RE_DATE_NUM: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?:ngay\s*)?{D}\s*([/.-])\s*{M}\s*([/.-])\s*{Y}")));
static RE_DATE_WORDS: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"ngay\s+{D}\s+thang\s+{M}(?:\s*,?\s*nam\s+{Y})?")));
static RE_DATE_SHORT: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"ngay\s+{D}\s*/\s*{M}")));
static RE_QUARTER: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"quy\s+({ROMAN}(?:\s*(?:,|-|va|den)\s*{ROMAN})*)(?:\s*(?:/|-|,?\s*nam)\s*{Y})?")));
/// Something every time expression contains; most prose has none.
static RE_ANY: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:19|20)[0-9]{2}|quy\s+(?:i|v|[1-4])|(?:thang|ngay)\s+[0-9]|nua\s+(?:dau|cuoi)"));
static RE_ROMAN: LazyLock<Regex> = LazyLock::new(|| re(ROMAN));
static RE_HALF: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?:(?:6|sau)\s+thang|nua)\s+(dau|cuoi)\s+nam(?:\s+{Y})?")));
static RE_MONTH: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?:(?:cuoi|dau|giua)\s+)?thang\s+{M}(?:\s*(?:/|-|,?\s*nam)\s*{Y})?")));
static RE_MONTH_SPAN: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"thang\s+{M}\s*(?:-|,|va|den)\s*(?:thang\s+)?{M}(?:\s*(?:/|-|,?\s*nam)\s*{Y})?")));
static RE_MONTH_BARE: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"{M}\s*/\s*{Y}")));
static RE_YEAR: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"nam\s+{Y}")));
static RE_WHOLE_YEAR: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^\(?\s*{Y}\s*\)?\s*\.?$")));

/// A recognised span before ranking: kind, first and last day, and whether
/// its year came from the context.
type Found = (DeadlineKind, NaiveDate, NaiveDate, Option<i32>, bool);

/// More words than a table cell holds: a sentence from the prose.
const PROSE_WORDS: usize = 14;

/// Turns one regex match into a span, or rejects it (an impossible date).
type Build = fn(&Captures, &Ctx) -> Option<Found>;

/// The key words several finders share, searched with searchers built once.
static NGAY: LazyLock<Words> = LazyLock::new(|| Words::new(&["ngay"]));
static THANG: LazyLock<Words> = LazyLock::new(|| Words::new(&["thang"]));

fn find_exprs(f: &str, ctx: &Ctx) -> Vec<Expr> {
    if !RE_ANY.is_match(f) {
        return Vec::new();
    }
    let mut spans: Vec<(usize, usize, Found)> = Vec::new();
    // Each finder runs only when its key word is present: most prose has no
    // time expression, and a `contains` is far cheaper than a regex scan.
    let finders: [(&str, &Regex, Build, Guard); 13] = [
        ("tiep theo", &RE_ONWARD, onward, Guard::Digits),
        ("tro ", &RE_ONWARD, onward, Guard::Digits),
        ("tu nam", &RE_FROM_TO_YEAR, from_to_year, Guard::Digits),
        ("-", &RE_RANGE, range, Guard::Digits),
        ("", &RE_DATE_NUM, date_num, Guard::Digits),
        ("ngay", &RE_DATE_WORDS, date_words, Guard::Digits),
        ("ngay", &RE_DATE_SHORT, date_words, Guard::Digits),
        ("quy", &RE_QUARTER, quarter, Guard::Letters),
        ("thang", &RE_HALF, half, Guard::Digits),
        ("thang", &RE_MONTH_SPAN, month_span, Guard::Month),
        ("thang", &RE_MONTH, month, Guard::Month),
        ("/", &RE_MONTH_BARE, month, Guard::Bare),
        ("nam", &RE_YEAR, year, Guard::Year),
    ];
    let whole = (f.len() <= 12).then_some(("", &*RE_WHOLE_YEAR, year as Build, Guard::Digits));
    // "ngay" and "thang" key several finders: each is looked for once.
    let (has_ngay, has_thang) = (NGAY.any_in(f), THANG.any_in(f));
    let present = |needle: &str| match needle {
        "" => true,
        "ngay" => has_ngay,
        "thang" => has_thang,
        n => crate::text::find_str(f, n).is_some(),
    };
    for (needle, regex, build, guard) in finders.into_iter().chain(whole) {
        if !present(needle) || !prefilter(f, regex) {
            continue;
        }
        // A match holding the needle where a span already lies overlaps it
        // and would be dropped; when every needle is inside a span, skip.
        if !needle.is_empty()
            && needle_in_every_match(regex)
            && f.match_indices(needle).all(|(q, _)| spans.iter().any(|&(a, b, _)| a <= q && q < b))
        {
            continue;
        }
        // The same matches `find_iter` gives, each searched for only once.
        for caps in regex.captures_iter(f) {
            let Some(m) = caps.get(0) else { continue };
            let (s, e) = (m.start(), m.end());
            if !guard.accepts(f, s, e) || spans.iter().any(|&(a, b, _)| s < b && a < e) {
                continue;
            }
            if let Some(found) = build(&caps, ctx) {
                if found.1 <= found.2 {
                    spans.push((s, e, found));
                }
            }
        }
    }
    spans.sort_by_key(|&(s, _, _)| s);
    let mut exprs: Vec<Expr> =
        spans.into_iter().map(|(s, e, found)| rank(f, s, e, found)).filter(|e| e.tier > NAME_LIKE).collect();
    merge_from_to(f, &mut exprs);
    promote_reported(f, &mut exprs);
    // In a prose sentence a year that no deadline word introduces belongs to
    // a name ("Chương trình … giai đoạn 2021 - 2025", "đến năm 2030").
    if f.split_whitespace().nth(PROSE_WORDS).is_some() {
        exprs.retain(|e| e.tier >= STRONG);
    }
    exprs
}

/// Literal pieces a finder's regex cannot match without; checked before
/// running it, since a regex call costs far more than a few `contains`.
fn prefilter(f: &str, regex: &Regex) -> bool {
    if std::ptr::eq(regex, &*RE_DATE_NUM) {
        // Two separators from "/.-".
        f.bytes().filter(|b| matches!(b, b'/' | b'.' | b'-')).nth(1).is_some()
    } else if std::ptr::eq(regex, &*RE_HALF) {
        crate::text::find_str(f, "dau").is_some() || crate::text::find_str(f, "cuoi").is_some()
    } else if std::ptr::eq(regex, &*RE_MONTH_SPAN) {
        f.contains(['-', ',']) || crate::text::find_str(f, "va").is_some() || crate::text::find_str(f, "den").is_some()
    } else {
        true
    }
}

/// Finders whose every match contains their needle.
fn needle_in_every_match(regex: &Regex) -> bool {
    // Not "tu nam": its pattern allows a line break between the words.
    [&*RE_RANGE, &*RE_DATE_WORDS, &*RE_DATE_SHORT, &*RE_QUARTER, &*RE_MONTH_SPAN, &*RE_MONTH, &*RE_MONTH_BARE]
        .into_iter()
        .chain([&*RE_YEAR])
        .any(|r| std::ptr::eq(r, regex))
}

fn promote_reported(f: &str, exprs: &mut [Expr]) {
    let mut prev_end = 0;
    for e in exprs.iter_mut() {
        let window = f.get(prev_end..e.start).unwrap_or("");
        let window = window.get(clause_start(window)..).unwrap_or(window);
        if e.tier >= PLAIN && attached(window) {
            e.tier = REPORTED;
        }
        prev_end = e.end;
    }
}

/// Clauses end at ";" and at line breaks that open a bullet; other line
/// breaks are wrapping.
fn is_clause_break(s: &str, i: usize) -> bool {
    match s.as_bytes().get(i) {
        Some(b';') => true,
        Some(b'\n') => {
            matches!(s.as_bytes().get(i + 1), Some(b'-' | b'+' | b'*') | None) || s[i + 1..].starts_with('•')
        }
        _ => false,
    }
}

/// Byte offset where the last clause of `s` starts.
fn clause_start(s: &str) -> usize {
    s.char_indices().rev().find(|&(i, _)| is_clause_break(s, i)).map_or(0, |(i, _)| i + 1)
}

/// Byte offset where the first clause of `s` ends.
fn clause_end(s: &str) -> Option<usize> {
    s.char_indices().find(|&(i, _)| is_clause_break(s, i)).map(|(i, _)| i)
}

static RE_REPORT_VERB: LazyLock<Regex> = LazyLock::new(|| re(r"(\w*)\s*\b(bao cao|trinh|gui|hoan thanh)\b\s*(\w*)"));

/// The literals of `RE_REPORT_VERB`, searched for before it runs.
static REPORT_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(&["bao cao", "trinh", "gui", "hoan thanh"]));

/// The window names a report or submission ("trình", not "chương trình",
/// "trình độ", "quá trình").
fn attached(window: &str) -> bool {
    if !REPORT_WORDS.any_in(window) {
        return false;
    }
    RE_REPORT_VERB.captures_iter(window).any(|c| {
        let after = c.get(3).map_or("", |m| m.as_str());
        let verb = c.get(2).map_or("", |m| m.as_str());
        verb != "trinh" || submits_to(after)
    })
}

/// "trình" is a submission only when a recipient or its verb follows;
/// otherwise it is "chương trình", "trình độ" or a name ("Phủ Trịnh").
fn submits_to(next: &str) -> bool {
    matches!(
        next,
        "ubnd"
            | "uy"
            | "thu"
            | "chinh"
            | "quoc"
            | "hdnd"
            | "hoi"
            | "tinh"
            | "bo"
            | "cap"
            | "ban"
            | "ubtvqh"
            | "ttg"
            | "len"
            | "xem"
            | "phe"
            | "so"
            | "co"
    )
}

/// Boundary checks the regex crate cannot express (no look-around).
#[derive(Clone, Copy)]
enum Guard {
    /// No digit or "/" glued on either side (document numbers "05/2021/QH15").
    Digits,
    /// The quarter's numeral is a whole word.
    Letters,
    /// "tháng" is not a duration ("6 tháng") or a recurrence ("hằng tháng").
    Month,
    /// A bare "6/2025" that is not the tail of a date or a document number.
    Bare,
    /// "năm 2025" that is not "Việt Nam 2025".
    Year,
}

impl Guard {
    fn accepts(self, f: &str, s: usize, e: usize) -> bool {
        let prev = f.get(..s).and_then(|p| p.chars().next_back());
        let next = f.get(e..).and_then(|p| p.chars().next());
        let glued = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || c == '/');
        let word_before = f.get(..s).map(last_word).unwrap_or("");
        match self {
            Guard::Digits => !glued(prev) && !glued(next),
            Guard::Letters => !prev.is_some_and(char::is_alphanumeric) && !glued(next),
            Guard::Month => {
                !glued(next)
                    && !prev.is_some_and(char::is_alphanumeric)
                    && (word_before.is_empty() || !word_before.bytes().all(|b| b.is_ascii_digit()))
                    && !matches!(word_before, "hang" | "moi" | "sau" | "cac" | "nhung" | "mot")
            }
            Guard::Bare => {
                !prev.is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '.' | '-'))
                    && !next.is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '-'))
            }
            Guard::Year => !glued(next) && !prev.is_some_and(char::is_alphanumeric) && word_before != "viet",
        }
    }
}

fn last_word(prefix: &str) -> &str {
    prefix.split(|c: char| !c.is_alphanumeric()).rfind(|w| !w.is_empty()).unwrap_or("")
}

fn num(caps: &Captures, i: usize) -> Option<u32> {
    digits_value(caps.get(i)?.as_str())
}

/// The ASCII digits of `s` read as one number (`None` without any, or
/// past `u32::MAX`): what parsing the string of its digits gives, without
/// collecting that string.
fn digits_value(s: &str) -> Option<u32> {
    let mut digits = s.bytes().filter(u8::is_ascii_digit).peekable();
    digits.peek()?;
    digits.try_fold(0u32, |n, d| n.checked_mul(10)?.checked_add(u32::from(d - b'0')))
}

/// The year written, else the context's; `None` when neither exists.
fn year_of(caps: &Captures, i: usize, ctx: &Ctx) -> Option<(i32, Option<i32>)> {
    match num(caps, i) {
        Some(y) => Some((y as i32, None)),
        None => {
            ctx.asked.set(true);
            ctx.default_year.map(|y| (y, Some(y)))
        }
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let next = if m == 12 { ymd(y + 1, 1, 1) } else { ymd(y, m + 1, 1) };
    next?.pred_opt()
}

fn year_span(a: i32, b: i32) -> Option<Found> {
    Some((DeadlineKind::Period, ymd(a, 1, 1)?, ymd(b, 12, 31)?, None, false))
}

fn onward(caps: &Captures, _: &Ctx) -> Option<Found> {
    let y = num(caps, 1).or_else(|| num(caps, 2))? as i32;
    Some((DeadlineKind::Year, ymd(y, 1, 1)?, ymd(y, 12, 31)?, None, true))
}

fn from_to_year(caps: &Captures, _: &Ctx) -> Option<Found> {
    year_span(num(caps, 1)? as i32, num(caps, 2)? as i32)
}

fn range(caps: &Captures, _: &Ctx) -> Option<Found> {
    let (a, b) = (num(caps, 1)? as i32, num(caps, 2)? as i32);
    if a >= b {
        return None;
    }
    year_span(a, b)
}

/// "15/10/2021", "15-10-2021", "15.10.2021"; not "9-10/2021" (two months).
fn date_num(caps: &Captures, _: &Ctx) -> Option<Found> {
    if caps.get(2)?.as_str() != caps.get(4)?.as_str() {
        return None;
    }
    let d = ymd(num(caps, 5)? as i32, num(caps, 3)?, num(caps, 1)?)?;
    Some((DeadlineKind::Date, d, d, None, false))
}

fn date_words(caps: &Captures, ctx: &Ctx) -> Option<Found> {
    let (y, from_ctx) = year_of(caps, 3, ctx)?;
    let d = ymd(y, num(caps, 2)?, num(caps, 1)?)?;
    Some((DeadlineKind::Date, d, d, from_ctx, false))
}

fn quarter(caps: &Captures, ctx: &Ctx) -> Option<Found> {
    let list = caps.get(1)?.as_str();
    let numbers: Vec<u32> = RE_ROMAN.find_iter(list).filter_map(|m| quarter_number(m.as_str())).collect();
    let (lo, hi) = (*numbers.iter().min()?, *numbers.iter().max()?);
    let (y, from_ctx) = year_of(caps, 2, ctx)?;
    let first = ymd(y, (lo - 1) * 3 + 1, 1)?;
    let last = month_end(y, hi * 3)?;
    Some((DeadlineKind::Quarter, first, last, from_ctx, false))
}

fn quarter_number(s: &str) -> Option<u32> {
    match s {
        "i" | "1" => Some(1),
        "ii" | "2" => Some(2),
        "iii" | "3" => Some(3),
        "iv" | "4" => Some(4),
        _ => None,
    }
}

fn half(caps: &Captures, ctx: &Ctx) -> Option<Found> {
    let (y, from_ctx) = year_of(caps, 2, ctx)?;
    let (first, last) =
        if caps.get(1)?.as_str() == "dau" { (ymd(y, 1, 1)?, ymd(y, 6, 30)?) } else { (ymd(y, 7, 1)?, ymd(y, 12, 31)?) };
    Some((DeadlineKind::HalfYear, first, last, from_ctx, false))
}

fn month(caps: &Captures, ctx: &Ctx) -> Option<Found> {
    let m = num(caps, 1)?;
    let (y, from_ctx) = year_of(caps, 2, ctx)?;
    Some((DeadlineKind::Month, ymd(y, m, 1)?, month_end(y, m)?, from_ctx, false))
}

/// "tháng 9-10/2021": one span from the first month to the end of the last.
fn month_span(caps: &Captures, ctx: &Ctx) -> Option<Found> {
    let (a, b) = (num(caps, 1)?, num(caps, 2)?);
    let (y, from_ctx) = year_of(caps, 3, ctx)?;
    if a >= b {
        return None;
    }
    Some((DeadlineKind::Month, ymd(y, a, 1)?, month_end(y, b)?, from_ctx, false))
}

fn year(caps: &Captures, _: &Ctx) -> Option<Found> {
    let y = num(caps, 1)? as i32;
    Some((DeadlineKind::Year, ymd(y, 1, 1)?, ymd(y, 12, 31)?, None, false))
}

/// Words after which an expression is the task's own deadline.
fn is_trigger(word: &str) -> bool {
    matches!(word, "truoc" | "trong" | "nhat" | "thanh" | "xong" | "vao" | "tu" | "tai")
}

/// Ranks an expression by the words in front of it.
fn rank(f: &str, s: usize, e: usize, found: Found) -> Expr {
    let (kind, first, last, year_from_context, onward) = found;
    let prefix = f.get(..s).unwrap_or("");
    let own = f.get(s..e).unwrap_or("");
    // Whitespace tokens, so "11-CTr/TU" stays one (number) token and its
    // "TU" is not read as "từ".
    let mut words = prefix
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '/'))
        .filter(|w| !w.is_empty())
        .rev();
    let w1 = words.next().unwrap_or("");
    let w2 = words.next().unwrap_or("");
    let at_start = !prefix.chars().any(char::is_alphanumeric) || prefix.trim_end().ends_with(':');
    // "tu" is "từ" (from), except in "đầu tư" (investment).
    let from_word = w1 == "tu" && w2 != "dau";
    let name_word = |w: &str| matches!(w, "ky" | "nhin" | "huong");
    let name_like = (own.starts_with("thoi ky") || own.starts_with("nhiem ky") || name_word(w1))
        || (matches!(w1, "den" | "toi") && name_word(w2));
    let tier = if at_start {
        STRONG
    } else if name_like {
        NAME_LIKE
    } else if (is_trigger(w1) && (w1 != "tu" || from_word)) || (w1 == "ngay" && is_trigger(w2)) {
        STRONG
    } else if kind == DeadlineKind::Date {
        NAME_LIKE
    } else {
        PLAIN
    };
    Expr {
        start: s,
        end: e,
        kind,
        first,
        last,
        year_from_context,
        before: w1 == "truoc",
        from: onward || from_word,
        tier,
    }
}

/// "Từ quý III/2026 đến quý III/2030" is one period, not two points.
fn merge_from_to(f: &str, exprs: &mut Vec<Expr>) {
    let mut i = 0;
    while i + 1 < exprs.len() {
        let (a, b) = (&exprs[i], &exprs[i + 1]);
        let between = f.get(a.end..b.start).unwrap_or("").trim();
        if a.from && matches!(between, "den" | "den het" | "toi" | "-") && a.first <= b.last {
            let merged = Expr {
                end: b.end,
                kind: DeadlineKind::Period,
                last: b.last,
                year_from_context: a.year_from_context.or(b.year_from_context),
                from: false,
                ..a.clone()
            };
            exprs[i] = merged;
            exprs.remove(i + 1);
        }
        i += 1;
    }
}

// ---------------------------------------------------------------------------
// Keyword deadlines: recurring, continuous, as regulated.

#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    Recurring(Recurrence),
    Continuous,
    AsRegulated,
}

static RE_RECURRING: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(?:dinh ky|(?:hang|moi) (?:nam|quy|thang)|(?:6|sau) thang (?:mot|1) lan|nua nam)\b"));
static RE_CONTINUOUS: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(?:thuong xuyen|lien tuc|trong (?:suot )?(?:thoi gian|qua trinh) (?:to chuc )?(?:thuc hien|trien khai))\b")
});
static RE_REGULATED: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(?:theo quy dinh|theo yeu cau|khi co yeu cau|theo tien do)\b"));
static RE_PERIOD_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:(?:hang|moi) (nam|quy|thang)|(?:dinh ky|hang|moi) (?:6|sau) thang|(?:6|sau) thang (?:mot|1) lan|nua nam)\b",
    )
});

/// The literals of the keyword regexes, searched with searchers built once
/// (see `text::Words`), in the order the `contains` calls they replace ran.
static DINH_KY: LazyLock<Words> = LazyLock::new(|| Words::new(&["dinh ky"]));
static RECURRING: LazyLock<Words> = LazyLock::new(|| Words::new(&["thang mot lan", "thang 1 lan", "nua nam"]));
static CONTINUOUS: LazyLock<Words> = LazyLock::new(|| Words::new(&["thuong xuyen", "lien tuc"]));
static TRONG: LazyLock<Words> = LazyLock::new(|| Words::new(&["trong "]));
static DURING: LazyLock<Words> = LazyLock::new(|| Words::new(&["thoi gian", "qua trinh"]));
static REGULATED: LazyLock<Words> =
    LazyLock::new(|| Words::new(&["theo quy dinh", "theo yeu cau", "khi co yeu cau", "theo tien do"]));

/// The keyword reading, when a keyword leads the text or no strong date
/// stands against it.
fn keyword_mode(f: &str, main: Option<&Expr>) -> Option<Mode> {
    // "Chi thường xuyên" is recurrent spending (a funding cell), not a pace.
    let hit = |r: &Regex| r.find_iter(f).map(|m| m.start()).find(|&p| !f.get(..p).is_some_and(|b| b.ends_with("chi ")));
    // Each keyword regex needs one of these literals; most cells have none.
    let recurring = DINH_KY.any_in(f) || has_word(f, "hang ") || has_word(f, "moi ") || RECURRING.any_in(f);
    let continuous = CONTINUOUS.any_in(f) || (TRONG.any_in(f) && DURING.any_in(f));
    let regulated = REGULATED.any_in(f);
    let maybe = |r: &Regex, possible: bool| if possible { hit(r) } else { None };
    let candidates = [
        maybe(&RE_RECURRING, recurring).map(|p| (p, Mode::Recurring(recurrence(f)))),
        maybe(&RE_CONTINUOUS, continuous).map(|p| (p, Mode::Continuous)),
        maybe(&RE_REGULATED, regulated).map(|p| (p, Mode::AsRegulated)),
    ];
    let (pos, mode) = candidates.into_iter().flatten().next()?;
    let leads = f.get(..pos).map(|p| p.split_whitespace().count() <= 2).unwrap_or(false);
    let counts = pos <= 40 || f.len() <= 160 || f.len() - pos <= 80;
    match main {
        None => counts.then_some(mode),
        Some(e) if e.from && mode == Mode::Continuous => None,
        // "trước ngày 15/12 hằng năm": a day in every year, not in this one.
        Some(e) if e.year_from_context.is_some() && matches!(mode, Mode::Recurring(_)) => Some(mode),
        Some(e) if leads && pos < e.start => Some(mode),
        // "… giai đoạn 2021 - 2025, báo cáo UBND tỉnh theo quy định": the
        // report is due as regulated; the period names the work.
        Some(e) if e.tier < REPORTED && pos > e.end && attached(f.get(e.end..pos).unwrap_or("")) => Some(mode),
        Some(e) if e.tier < STRONG && counts => Some(mode),
        Some(_) => None,
    }
}

/// `word` occurs at an ASCII word boundary (what the patterns' `\b` needs).
fn has_word(f: &str, word: &str) -> bool {
    f.match_indices(word).any(|(i, _)| {
        i.checked_sub(1).and_then(|j| f.as_bytes().get(j)).is_none_or(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
    })
}

/// The first period named wins: "Định kỳ hàng tháng …, 6 tháng …" is monthly.
fn recurrence(f: &str) -> Recurrence {
    let Some(caps) = RE_PERIOD_WORD.captures(f) else { return Recurrence::Periodic };
    match caps.get(1).map(|m| m.as_str()) {
        Some("nam") => Recurrence::Yearly,
        Some("quy") => Recurrence::Quarterly,
        Some("thang") => Recurrence::Monthly,
        _ => Recurrence::HalfYearly,
    }
}

fn apply_mode(deadline: &mut Deadline, mode: &Mode, _f: &str, exprs: &[Expr]) {
    match mode {
        Mode::Recurring(r) => {
            deadline.kind = DeadlineKind::Recurring;
            deadline.recurrence = Some(*r);
        }
        Mode::Continuous => {
            deadline.kind = DeadlineKind::Continuous;
            deadline.start = exprs.iter().find(|e| e.from).map(|e| e.first);
        }
        Mode::AsRegulated => deadline.kind = DeadlineKind::AsRegulated,
    }
}

// ---------------------------------------------------------------------------
// Milestones and recipients.

/// A milestone quoted with its own clause: from "riêng" if the clause has
/// one, else the text between ";" or line breaks.
fn milestone(folded: &Folded, original: &str, e: &Expr) -> Milestone {
    let f = &folded.text;
    let before = f.get(..e.start).unwrap_or("");
    let mut seg_start = clause_start(before);
    if let Some(p) = f.get(seg_start..e.start).and_then(|s| crate::text::rfind_str(s, "rieng")) {
        seg_start += p;
    }
    let seg_end = f.get(e.end..).and_then(clause_end).map(|p| e.end + p).unwrap_or(f.len());
    let text = folded.original(original, seg_start, seg_end);
    let text = text.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '+' | '•' | '*' | ','));
    let text = text.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ';' | ','));
    Milestone { text: crate::text::collapse_whitespace(text), due: e.due() }
}

static RE_REPORTS_TO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:trinh|bao cao|gui)(?:\s+(?:ket qua thuc hien|ket qua ra soat|ket qua|tong hop|xin y kien|ve|len|cho|toi))*\s+(thu tuong chinh phu|thu tuong|ttg|uy ban thuong vu quoc hoi|ubtvqh|chinh phu|quoc hoi|ban thuong vu tinh uy|btv tinh uy|tinh uy|hdnd tinh|hoi dong nhan dan tinh|ubnd tinh|uy ban nhan dan tinh|ubnd thanh pho|uy ban nhan dan thanh pho|bo|so)\b",
    )
});

/// Words without which a text names no recipient.
static RECIPIENT_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(&["trinh", "bao cao", "gui"]));

/// Who the result goes up to: the last recipient named before the main
/// deadline ("Báo cáo UBND tỉnh để trình Thủ tướng Chính phủ … trong Quý
/// IV/2021" goes to the Prime Minister), else the last one in the text.
fn reports_to(folded: &Folded, original: &str, main_start: Option<usize>) -> Option<String> {
    let f = &folded.text;
    if !RECIPIENT_WORDS.any_in(f) {
        return None;
    }
    let hits: Vec<(usize, String)> = RE_REPORTS_TO
        .captures_iter(f)
        .filter_map(|c| c.get(1))
        .filter_map(|m| recipient(folded, original, m.start(), m.end(), m.as_str()).map(|r| (m.start(), r)))
        .collect();
    let limit = main_start.unwrap_or(usize::MAX);
    hits.iter().rev().find(|(p, _)| *p < limit).or(hits.last()).map(|(_, r)| r.clone())
}

fn recipient(folded: &Folded, original: &str, start: usize, end: usize, key: &str) -> Option<String> {
    let name = match key {
        "thu tuong chinh phu" | "thu tuong" | "ttg" => "Thủ tướng Chính phủ",
        "uy ban thuong vu quoc hoi" | "ubtvqh" => "Ủy ban Thường vụ Quốc hội",
        "chinh phu" => "Chính phủ",
        "quoc hoi" => "Quốc hội",
        "ban thuong vu tinh uy" | "btv tinh uy" => "Ban Thường vụ Tỉnh ủy",
        "tinh uy" => "Tỉnh ủy",
        "hdnd tinh" | "hoi dong nhan dan tinh" => "Hội đồng nhân dân tỉnh",
        "ubnd tinh" | "uy ban nhan dan tinh" => "Ủy ban nhân dân tỉnh",
        "ubnd thanh pho" | "uy ban nhan dan thanh pho" => "Ủy ban nhân dân thành phố",
        _ => return named_agency(folded, original, start, end),
    };
    Some(name.to_string())
}

/// Words that end a "Bộ …"/"Sở …" name in running text.
fn ends_name(word: &str) -> bool {
    matches!(
        word,
        "de" | "truoc"
            | "trong"
            | "xem"
            | "cho"
            | "theo"
            | "vao"
            | "chu"
            | "phe"
            | "thong"
            | "ban"
            | "ket"
            | "dinh"
            | "hang"
            | "tong"
            | "cham"
            | "hoan"
            | "lam"
            | "sau"
            | "khi"
            | "bao"
            | "trinh"
            | "gui"
    )
}

/// "Bộ Y tế", "Sở Tài chính": the name as written, up to six words. A
/// lowercase "bộ"/"sở" ("báo cáo bộ phận") is not an agency.
fn named_agency(folded: &Folded, original: &str, start: usize, end: usize) -> Option<String> {
    let head = folded.original(original, start, end);
    if !head.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let rest = folded.text.get(end..)?;
    let mut stop = end;
    let mut count = 0;
    for word in rest.split(' ').skip(1) {
        let clean = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        if clean.is_empty() || ends_name(clean) || count == 6 || !word.starts_with(char::is_alphanumeric) {
            break;
        }
        count += 1;
        stop += 1 + clean.len();
        if clean.len() != word.len() {
            break;
        }
    }
    if count == 0 {
        return None;
    }
    let name = folded.original(original, start, stop);
    Some(crate::text::collapse_whitespace(name))
}

#[cfg(test)]
mod tests {
    #[test]
    fn digits_value_parses_the_digits() {
        for s in ["", "x", "2025", "0 5", "1.234", "01/2026", "4294967295", "4294967296", "99999999999", "a1b2"] {
            let plain = s.chars().filter(char::is_ascii_digit).collect::<String>().parse::<u32>().ok();
            assert_eq!(super::digits_value(s), plain, "{s:?}");
        }
    }

    use super::*;

    fn ctx() -> DeadlineContext {
        DeadlineContext { default_year: Some(2021) }
    }

    /// A reading that asked for no year is the same in every context; one
    /// that needed the year says so.
    #[test]
    fn asking_for_the_year_is_reported() {
        let contexts = [None, Some(2019), Some(2021), Some(2030)].map(|y| DeadlineContext { default_year: y });
        for text in [
            "Trước tháng 9/2021",
            "Quý IV năm 2022",
            "Năm 2023",
            "2021-2025",
            "Thường xuyên",
            "Hằng năm",
            "Trước 31/12/2021, báo cáo UBND tỉnh",
            "",
        ] {
            let (deadline, notes, asked) = parse_deadline_asking(text, &ctx());
            assert!(!asked, "{text:?}");
            for c in &contexts {
                assert_eq!(parse_deadline_asking(text, c), (deadline.clone(), notes.clone(), false), "{text:?}");
            }
        }
        for text in ["Tháng 12", "Quý II", "ngày 15 tháng 6"] {
            assert!(parse_deadline_asking(text, &ctx()).2, "{text:?}");
        }
    }

    #[test]
    fn folded_map_points_back_to_original() {
        let s = "Trước  tháng 9/2021";
        let f = Folded::new(s);
        assert_eq!(f.text, "truoc thang 9/2021");
        assert_eq!(f.original(s, 6, f.text.len()), "tháng 9/2021");
    }

    #[test]
    fn folding_agrees_with_the_crate_fold() {
        let letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";
        let text = format!("{letters} {} Hoá Uỷ Quý IV", letters.to_uppercase());
        assert_eq!(Folded::new(&text).text, crate::fold::fold(&text));
    }

    #[test]
    fn before_month_is_strict() {
        let (d, notes) = parse_deadline("Trước tháng 9/2021", &ctx());
        assert_eq!(d.kind, DeadlineKind::Before);
        assert_eq!(d.due, NaiveDate::from_ymd_opt(2021, 8, 31));
        assert!(notes.is_empty());
    }
}
