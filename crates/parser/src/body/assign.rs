//! Who does the work, read from the words around it: "X chủ trì, phối hợp
//! với Y <việc>", "X căn cứ chức năng, nhiệm vụ được giao …", "Giao X chủ
//! trì, Y phối hợp …", "Các sở, ban, ngành … chủ động …". Agency lists stay
//! text here; the agency module splits them.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use regex::Regex;

use crate::text::Words;

/// Lowercases without changing any byte offset, so positions found in the
/// result index the original text.
pub(crate) fn lower(s: &str) -> String {
    let table = &*LOWER_TABLE;
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        // ASCII is lowered at the end: go straight to the next non-ASCII
        // character, eight bytes at a time.
        let Some(next) = crate::normalize::next_lead(b, i) else { break };
        i = next;
        if let Some(n) = lowercase_letter_len(b, i) {
            i += n;
            continue;
        }
        let x = b[i];
        // `i` is at the start of a multi-byte char of valid UTF-8.
        let (code, n) = if x < 0xE0 {
            ((u32::from(x & 0x1F) << 6) | u32::from(b[i + 1] & 0x3F), 2)
        } else if x < 0xF0 {
            ((u32::from(x & 0x0F) << 12) | (u32::from(b[i + 1] & 0x3F) << 6) | u32::from(b[i + 2] & 0x3F), 3)
        } else {
            (s[i..].chars().next().map_or(0, u32::from), 4)
        };
        let l = match table.get(code as usize) {
            Some(&l) => u32::from(l),
            None => char::from_u32(code).map_or(0, |c| u32::from(lower_char_slow(c))),
        };
        if l != code {
            out.push_str(&s[copied..i]);
            out.push(char::from_u32(l).unwrap_or('\u{FFFD}'));
            copied = i + n;
        }
        i += n;
    }
    out.push_str(&s[copied..]);
    out.make_ascii_lowercase();
    out
}

/// The length of the char starting at `i` (the first byte of a char of
/// valid UTF-8) when its bytes show it is a lowercase letter, which `lower`
/// keeps: U+00E0–U+00FF (à á â ã è é ê ì í ò ó ô õ ù ú ý …), ă đ ĩ ũ ơ ư
/// and the odd
/// code points of U+1EA0–U+1EFF (ạ ả ấ … ỹ, the toned Vietnamese vowels,
/// lowercase after each capital). These are most of the non-ASCII letters of
/// a Vietnamese text, and telling them by their bytes spares decoding them
/// and looking them up.
#[inline]
fn lowercase_letter_len(b: &[u8], i: usize) -> Option<usize> {
    // The lead byte first, the next bytes only when it asks for them (a
    // match on the three bytes at once loaded and tested all of them).
    let y = *b.get(i + 1)?;
    match *b.get(i)? {
        0xC3 => (y >= 0xA0).then_some(2),
        // ă đ ĩ ũ ơ ư
        0xC4 => matches!(y, 0x83 | 0x91 | 0xA9).then_some(2),
        0xC5 => (y == 0xA9).then_some(2),
        0xC6 => matches!(y, 0xA1 | 0xB0).then_some(2),
        0xE1 => {
            let z = *b.get(i + 2)?;
            (z & 1 == 1 && (y == 0xBB || (y == 0xBA && z >= 0xA0))).then_some(3)
        }
        _ => None,
    }
}

/// `lower` of the first `max` bytes of `s` (cut back to a char boundary).
pub(crate) fn lower_prefix(s: &str, max: usize) -> String {
    lower(&s[..floor_boundary(s, max)])
}

fn floor_boundary(s: &str, at: usize) -> usize {
    let mut end = s.len().min(at);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// The lowercase of one non-ASCII char when it has the same UTF-8 length,
/// else the char itself.
fn lower_char_slow(c: char) -> char {
    if !c.is_uppercase() {
        return c;
    }
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
        _ => c,
    }
}

/// Chars below this (Latin, Greek, Cyrillic, Vietnamese, general
/// punctuation) go through a table.
const LOWER_TABLE_END: u32 = 0x2200;

/// `lower_char_slow` of every char below `LOWER_TABLE_END` (surrogates
/// excluded, which are all above it); a char this low lowers to one below
/// U+10000, so `u16` holds it.
static LOWER_TABLE: LazyLock<Vec<u16>> = LazyLock::new(|| {
    (0..LOWER_TABLE_END)
        .map(|u| char::from_u32(u).map_or(0, |c| u16::try_from(u32::from(lower_char_slow(c))).unwrap_or(u as u16)))
        .collect()
});

/// Heads that name an agency whatever follows.
const HEADS_FREE: &[&str] = &[
    "ủy ban",
    "uỷ ban",
    "ubnd",
    "hđnd",
    "công an",
    "thanh tra",
    "các sở",
    "các bộ",
    "các ban",
    "các cơ quan",
    "các đơn vị",
    "các địa phương",
    "các doanh nghiệp",
    "các tổ chức",
    "các ngành",
    "các huyện",
    "các xã",
    "các hiệp hội",
    "các hội",
    "cổng thông tin",
    "hiệp hội",
    "tỉnh đoàn",
    "thông tấn xã",
    "bảo hiểm xã hội",
    "kho bạc",
    "ngân hàng",
    "mặt trận",
    "liên minh",
    "liên đoàn",
    "văn phòng",
    "viện kiểm sát",
    "tòa án",
    "toà án",
    "chính phủ",
    "kiểm toán",
    "báo và",
];

/// Heads that name an agency only before a capitalised name ("Sở Y tế", not
/// "Sở hữu"; "Ban Dân tộc", not "Ban hành").
const HEADS_CAP: &[&str] = &[
    "sở",
    "bộ",
    "ban",
    "cục",
    "chi cục",
    "tổng cục",
    "viện",
    "học viện",
    "đài",
    "hội",
    "đoàn",
    "báo",
    "trung tâm",
    "trường",
    "đại học",
    "tập đoàn",
    "tổng công ty",
    "công ty",
    "hội đồng",
    "tỉnh ủy",
    "tỉnh uỷ",
    "quân khu",
    "cảnh sát",
    "hải quan",
];

/// Leading words that introduce the agency ("Đề nghị Hội Nông dân …").
const INTROS: &[&str] = &["đề nghị ", "giao ", "yêu cầu "];

/// Byte length of an introducing word ("Giao ") at the start, if any.
pub(crate) fn intro_len(text: &str) -> usize {
    intro_len_low(&lower_prefix(text, 24))
}

/// `intro_len` given a lowered prefix of the text (of at least 16 bytes,
/// or all of it).
fn intro_len_low(low: &str) -> usize {
    INTROS.iter().find(|i| low.starts_with(*i)).map_or(0, |i| i.len())
}

/// Whether `text` begins with an agency name.
pub(crate) fn starts_with_agency(text: &str) -> bool {
    starts_with_agency_low(text, &lower_prefix(text, 48))
}

/// `starts_with_agency` given a lowered prefix of the text of at least 48
/// bytes (cut at a char boundary), or all of it.
fn starts_with_agency_low(text: &str, low: &str) -> bool {
    let end = floor_boundary(text, 48);
    let head = &text[..end];
    let Some(l) = low.get(..end) else { return false };
    let lb = l.as_bytes();
    let boundary = |p: &str| l.get(p.len()..).is_some_and(|r| r.is_empty() || r.starts_with([' ', ',', ':']));
    if HEADS_FREE.iter().any(|p| starts(lb, p) && boundary(p)) {
        return true;
    }
    HEADS_CAP.iter().any(|p| {
        starts(lb, p)
            && head.get(p.len()..).is_some_and(|r| {
                r.strip_prefix(' ')
                    .and_then(|w| w.chars().next())
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            })
    })
}

/// `h` starts with `p`, checking the first byte before comparing the rest.
pub(crate) fn starts(h: &[u8], p: &str) -> bool {
    let p = p.as_bytes();
    // Byte by byte: the heads are a few letters long, shorter than the
    // set-up of a `memcmp` call.
    h.len() >= p.len() && h.first() == p.first() && h.iter().zip(p).all(|(x, y)| x == y)
}

/// Markers that close the agency list at the head of a sentence.
const STRICT: &[&str] = &[
    " chủ trì",
    " phối hợp",
    " căn cứ chức năng",
    " căn cứ",
    " theo chức năng",
    " có trách nhiệm",
    " chịu trách nhiệm",
    " trong phạm vi",
    " chủ động",
    ":",
];

/// Verbs that start the work (lowercase, matched case-sensitively so that
/// capitalised agency names never match).
const VERBS: &[&str] = &[
    "tham mưu",
    "xây dựng",
    "triển khai",
    "thực hiện",
    "tổ chức",
    "nghiên cứu",
    "rà soát",
    "hướng dẫn",
    "đề xuất",
    "bảo đảm",
    "đảm bảo",
    "hoàn thiện",
    "tiếp tục",
    "tăng cường",
    "đẩy mạnh",
    "kiểm tra",
    "tổng hợp",
    "thẩm định",
    "ban hành",
    "báo cáo",
    "cập nhật",
    "thu thập",
    "đôn đốc",
    "khẩn trương",
    "nâng cao",
    "theo dõi",
    "tiến hành",
    "đưa",
    "bố trí",
    "chỉ đạo",
    "quán triệt",
    "phổ biến",
    "tuyên truyền",
    "lồng ghép",
    "huy động",
    "thúc đẩy",
    "hỗ trợ",
    "cung cấp",
    "phân công",
    "định kỳ",
    "thường xuyên",
    "kịp thời",
    "phát huy",
    "giám sát",
    "xử lý",
    "tập trung",
    "ưu tiên",
    "trình",
];

/// Verbs keyed by their first word, so each word of the text costs one
/// lookup.
static VERB_INDEX: LazyLock<HashMap<&'static str, Vec<&'static str>, BuildFnv>> = LazyLock::new(|| {
    let mut m: HashMap<&'static str, Vec<&'static str>, BuildFnv> = HashMap::default();
    for v in VERBS {
        let first = v.split(' ').next().unwrap_or(v);
        m.entry(first).or_default().push(v);
    }
    m
});

/// What the first words of the verbs have in common: the bytes they start
/// with and the range of their lengths. A word outside them is not looked
/// up in [`VERB_INDEX`] (hashing every word of every agency list was most
/// of the verb search).
struct Heads {
    first: [bool; 256],
    shortest: usize,
    longest: usize,
}

impl Heads {
    /// Whether `word` may be a key of the index.
    fn may_be(&self, word: &str) -> bool {
        (self.shortest..=self.longest).contains(&word.len())
            && word.as_bytes().first().is_some_and(|&b| self.first[usize::from(b)])
    }
}

static VERB_HEADS: LazyLock<Heads> = LazyLock::new(|| {
    let mut heads = Heads { first: [false; 256], shortest: usize::MAX, longest: 0 };
    for key in VERB_INDEX.keys() {
        if let Some(&b) = key.as_bytes().first() {
            heads.first[usize::from(b)] = true;
        }
        heads.shortest = heads.shortest.min(key.len());
        heads.longest = heads.longest.max(key.len());
    }
    heads
});

/// FNV-1a: the verb index is keyed by short words, looked up once per word
/// of the text, where SipHash costs more than the lookup itself.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type BuildFnv = BuildHasherDefault<Fnv>;

/// Earliest position in `s` (from `from`) where a verb starts a word.
fn first_verb(s: &str, from: usize) -> Option<usize> {
    // An agency list is short: looking further than this only costs time.
    let mut end = s.len().min(from + 600);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let hay = s.get(from..end)?;
    let mut prev_word = "";
    let mut at = 0;
    for word in crate::text::split_spaces(hay) {
        let bare = word.trim_end_matches([',', ';', ':', '.']);
        if at > 0 {
            if let Some(cands) = VERB_HEADS.may_be(bare).then(|| VERB_INDEX.get(bare)).flatten() {
                let rest = &hay[at..];
                let hit = cands.iter().any(|v| {
                    rest.starts_with(v)
                        && rest.get(v.len()..).is_some_and(|a| a.is_empty() || a.starts_with([' ', ',', ';', ':', '.']))
                        && !(prev_word == "các" || (*v == "trình" && prev_word == "chương"))
                });
                if hit {
                    return Some(from + at);
                }
            }
        }
        prev_word = bare;
        at += word.len() + 1;
    }
    None
}

/// Earliest position (within 600 bytes) where one of the `STRICT` markers
/// starts; every marker starts with " " or ":".
fn first_strict(l: &str) -> Option<usize> {
    let hay = &l[..floor_boundary(l, 600)];
    let bytes = hay.as_bytes();
    (0..bytes.len()).find(|&i| match bytes[i] {
        b':' => true,
        b' ' => matches!(bytes.get(i + 1), Some(b'c' | b'p' | b't')) && STRICT.iter().any(|p| starts(&bytes[i..], p)),
        _ => false,
    })
}

/// The parts of a sentence that assigns work.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Assignment {
    pub lead: Option<String>,
    pub coordinating: Option<String>,
    /// The work, capitalised; empty when the sentence only names agencies
    /// (a heading "X chủ trì, phối hợp với Y:").
    pub work: String,
    /// The agencies end with ":" ("X chủ trì, phối hợp với Y: <việc>"):
    /// the paragraphs after it belong to them too.
    pub colon: bool,
}

fn tidy(s: &str) -> String {
    tidied(s).to_string()
}

/// `tidy` as a slice of `s`, for a caller that copies it anyway.
fn tidied(s: &str) -> &str {
    s.trim().trim_matches(|c: char| c == ',' || c == ';' || c == ':' || c.is_whitespace())
}

pub(crate) fn capitalise(s: &str) -> String {
    let s = s.trim();
    let mut c = s.chars();
    match c.next() {
        Some(f) => {
            let mut out = String::with_capacity(s.len() + 4);
            out.extend(f.to_uppercase());
            out.push_str(c.as_str());
            out
        }
        None => String::new(),
    }
}

/// End of a coordinating list starting at `from`: after "liên quan", or
/// before the first verb, ":" or the end.
fn coordinating_end(text: &str, l: &str, from: usize) -> usize {
    let lq = l.get(from..).and_then(|h| crate::text::find_str(h, "liên quan")).map(|i| {
        let e = from + i + "liên quan".len();
        if l.get(e..).is_some_and(|r| r.starts_with(" khác")) {
            e + " khác".len()
        } else {
            e
        }
    });
    let verb = first_verb(text, from);
    let colon = l.get(from..).and_then(|h| h.find(':')).map(|i| i + from);
    [lq, verb, colon].into_iter().flatten().min().unwrap_or(l.len())
}

/// Reads "X chủ trì, phối hợp với Y <work>" and its variants. `strict`
/// accepts only sentences whose agency list ends at "chủ trì", "phối hợp",
/// "căn cứ", "theo chức năng" or ":" (or that begin with "Giao").
pub(crate) fn split_assignment(text: &str, strict: bool) -> Option<Assignment> {
    agency_start(text, &lower_prefix(text, 64))?;
    split_assignment_low(text, &lower(text), strict)
}

/// Where the agencies start (after "Giao "…) when the text starts with
/// them; `low` is a lowered prefix of at least 64 bytes (cut at a char
/// boundary), or all of it.
fn agency_start(text: &str, low: &str) -> Option<usize> {
    let intro = intro_len_low(low);
    let body = text.get(intro..)?;
    starts_with_agency_low(body, low.get(intro..)?).then_some(intro)
}

/// `split_assignment` given `low`, `lower(text)`.
pub(crate) fn split_assignment_low(text: &str, low: &str, strict: bool) -> Option<Assignment> {
    let intro = agency_start(text, low)?;
    let body = text.get(intro..)?;
    let body_low = low.get(intro..)?;
    // The agencies and the start of the work sit in the first few hundred
    // bytes; the rest is copied as it is.
    let mut cap = body.len().min(900);
    while !body.is_char_boundary(cap) {
        cap -= 1;
    }
    let l = body_low.get(..cap)?;
    let strict_end = first_strict(l);
    let verb_end = first_verb(body, 0);
    let end = match (strict_end, verb_end) {
        (Some(s), Some(v)) => s.min(v),
        (Some(s), None) => s,
        (None, Some(v)) if !strict || intro > 0 => v,
        (None, Some(_)) | (None, None) => return None,
    };
    let lead = tidy(body.get(..end)?);
    let last_word = lead.rsplit(' ').next().unwrap_or("");
    if lead.is_empty()
        || crate::text::count_words(&lead) > 45
        || crate::text::find_str(&lead, ". ").is_some()
        || matches!(last_word, "được" | "đã" | "là" | "sẽ" | "cần" | "phải")
    {
        return None;
    }
    let mut a = Assignment { lead: Some(lead), ..Assignment::default() };
    let mut pos = end;
    pos = skip_phrases(l, pos);
    // "Giao X chủ trì, Y phối hợp …"
    let rest_low = body_low.get(pos..);
    if let Some((rest, rest_low)) = body.get(pos..).zip(rest_low).filter(|(_, rl)| !rl.starts_with("phối hợp")) {
        if let Some(p) = crate::text::find_str(rest_low, " phối hợp") {
            let cand = tidy(rest.get(..p).unwrap_or(""));
            if !cand.is_empty()
                && starts_with_agency(&cand)
                && !cand.contains(':')
                && crate::text::count_words(&cand) <= 30
                && first_verb(&cand, 0).is_none()
            {
                a.coordinating = Some(cand);
                pos += p;
                pos = skip_phrases(l, pos);
            }
        }
    }
    let rest_l = l.get(pos..).unwrap_or("");
    let with = [" phối hợp với ", "phối hợp với ", " phối hợp cùng ", "phối hợp cùng "];
    if let Some(w) = with.iter().find(|w| rest_l.starts_with(*w)) {
        let from = pos + w.len();
        let e = coordinating_end(body, l, from);
        a.coordinating = Some(tidy(body.get(from..e).unwrap_or("")));
        pos = e;
    } else if rest_l.starts_with(" phối hợp") || rest_l.starts_with("phối hợp") {
        pos += crate::text::find_str(rest_l, "phối hợp").unwrap_or(0) + "phối hợp".len();
    }
    a.colon = l.get(pos..).is_some_and(|r| r.trim_start().starts_with(':'));
    pos = skip_phrases(l, pos);
    a.work = capitalise(tidied(body.get(pos..).unwrap_or("")));
    Some(a)
}

/// Skips the filler between the agency list and the work.
fn skip_phrases(l: &str, mut pos: usize) -> usize {
    loop {
        let rest = l.get(pos..).unwrap_or("");
        let trimmed = rest.trim_start_matches([' ', ',', ':']);
        let skipped = rest.len() - trimmed.len();
        let fillers = [
            "chủ trì",
            "căn cứ chức năng, nhiệm vụ được giao",
            "căn cứ chức năng, nhiệm vụ",
            "theo chức năng, nhiệm vụ được giao",
            "theo chức năng, nhiệm vụ",
            "trong phạm vi chức năng, nhiệm vụ được giao",
            "trong phạm vi nhiệm vụ, quyền hạn được giao",
            "chủ động",
            "thực hiện:",
        ];
        if let Some(f) = fillers.iter().find(|f| trimmed.starts_with(*f)) {
            pos += skipped + f.len();
            // "… được giao tại Quyết định số …, <work>"
            if l.get(pos..).is_some_and(|r| r.starts_with(" tại ")) {
                if let Some(c) = l.get(pos..).and_then(|r| crate::text::find_str(r, ", ")) {
                    pos += c;
                }
            }
            continue;
        }
        return pos + skipped;
    }
}

/// The work of a sentence under an agency heading that starts with "Chủ
/// trì, phối hợp với Y …" or "Phối hợp với Y …".
pub(crate) enum RoleLead {
    Leads { coordinating: Option<String>, work: String },
    Coordinates { with: Option<String>, work: String },
}

/// `role_lead` given `l`, `lower(text)`.
pub(crate) fn role_lead_low(text: &str, l: &str) -> Option<RoleLead> {
    if let Some(r) = l.strip_prefix("chủ trì") {
        let from = text.len() - r.len();
        let r2 = r.trim_start_matches([',', ' ']);
        let from2 = text.len() - r2.len();
        if let Some(w) = ["phối hợp với ", "phối hợp cùng "].iter().find(|w| r2.starts_with(*w)) {
            let s = from2 + w.len();
            let e = coordinating_end(text, l, s);
            return Some(RoleLead::Leads {
                coordinating: Some(tidy(text.get(s..e).unwrap_or(""))),
                work: capitalise(tidied(text.get(e..).unwrap_or(""))),
            });
        }
        return Some(RoleLead::Leads { coordinating: None, work: capitalise(tidied(text.get(from..).unwrap_or(""))) });
    }
    for p in ["phối hợp với ", "phối hợp cùng ", "chủ động phối hợp với "] {
        if l.starts_with(p) {
            let e = coordinating_end(text, l, p.len());
            return Some(RoleLead::Coordinates {
                with: Some(tidy(text.get(p.len()..e).unwrap_or(""))),
                work: capitalise(tidied(text.get(e..).unwrap_or(""))),
            });
        }
    }
    None
}

/// A time phrase in a task's lowered text (see `lower`). Matching the
/// lowered text (which keeps byte offsets) without `(?i)` finds what the
/// case-insensitive pattern finds in the text: every letter here has just
/// an upper- and a lower-case form, both of one UTF-8 length. The
/// case-insensitive pattern's prefilter had to look for every case
/// variant of its opening words.
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:trước|trong|vào|chậm nhất|hoàn thành|đến hết|hằng năm|hàng năm)\s+(?:ngày\s+\d{1,2}(?:[/\-.]\d{1,2}[/\-.]\d{4}| tháng \d{1,2} năm \d{4})|tháng\s+\d{1,2}(?:[/\-]\d{4}|\s+năm\s+\d{4})?|quý\s+[ivx1-4]+(?:[/\-]\d{4}|\s+năm\s+\d{4})?|năm\s+\d{4}|giai đoạn\s+\d{4}\s*[-–]\s*\d{4}|\d\s+tháng\s+(?:đầu|cuối)\s+năm\s+\d{4}|thời gian thực hiện|quá trình thực hiện)",
    )
    .expect("time regex")
});

/// Splits the trailing deadline clause off a task's text: ("title",
/// Some("báo cáo UBND tỉnh trước tháng 9 năm 2021")). The title keeps the
/// clause when it cannot be cut cleanly.
pub(crate) fn split_deadline(text: &str) -> (String, Option<String>) {
    let (title, deadline) = split_deadline_in(text, None);
    (title.into_owned(), deadline)
}

/// `lower(sub)` cut from `src`, a text and its `lower`, when `sub` is a
/// slice of that text (`lower` keeps byte offsets).
fn sub_low<'a>(src: Option<(&str, &'a str)>, sub: &str) -> Option<&'a str> {
    let (text, low) = src?;
    let start = (sub.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    let end = start.checked_add(sub.len())?;
    if end > text.len() || low.len() != text.len() {
        return None;
    }
    low.get(start..end)
}

/// Words without which a text states no deadline: one pass for all of
/// them (see `text::Words`).
static TIME_WORDS: LazyLock<Words> =
    LazyLock::new(|| Words::new(&["năm", "tháng", "ngày", "quý", "Quý", "thời gian", "quy định", "định kỳ"]));

/// `split_deadline`; when `text` is a slice of `src.0`, its lowered text is
/// cut from `src.1` instead of made again. A title that is the (trimmed)
/// text itself, as most are, is borrowed: the caller tidies it into a
/// string of its own anyway.
pub(crate) fn split_deadline_in<'t>(text: &'t str, src: Option<(&str, &str)>) -> (Cow<'t, str>, Option<String>) {
    let text = text.trim().trim_end_matches(['.', '/']).trim_end();
    if !TIME_WORDS.any_in(text) {
        return (Cow::Borrowed(text), None);
    }
    let l = match sub_low(src, text) {
        Some(l) => Cow::Borrowed(l),
        None => Cow::Owned(lower(text)),
    };
    let Some(m) = TIME.find_iter(&l).last() else {
        return regulated_clause(text, &l);
    };
    let sentence_start =
        l.as_bytes().get(..m.start()).and_then(|h| h.windows(2).rposition(|w| w == b". ")).map_or(0, |i| i + 2);
    let window = l.get(sentence_start..m.start()).unwrap_or("");
    let report =
        [", báo cáo", "; báo cáo", " để báo cáo", ", trình", "; trình", " để trình", ", hoàn thành", "; hoàn thành"];
    let marker = last_of(window, &report[..3]).or_else(|| last_of(window, &report[3..]));
    let (start, clean) = match marker {
        Some((i, p)) => {
            let skip = if p.starts_with(" để") { 1 } else { 2 };
            (sentence_start + i + skip, true)
        }
        None => {
            let cs = last_of(window, &[", ", "; "]).map_or(sentence_start, |(i, _)| sentence_start + i + 2);
            (cs, cs == m.start() || l.get(cs..m.start()).is_some_and(|g| g.trim().is_empty()))
        }
    };
    let end = l.get(m.end()..).and_then(|r| r.find(['.', ';'])).map_or(text.len(), |i| m.end() + i);
    let deadline = tidy(text.get(start..end).unwrap_or(""));
    if marker.is_none() && crate::text::count_words(&deadline) > 14 {
        return (Cow::Borrowed(text), None);
    }
    let at_end = text.get(end..).is_none_or(|r| r.trim().is_empty());
    if clean && at_end && start > 0 {
        let title = tidied(text.get(..start).unwrap_or(""));
        let title = title.strip_suffix(" để").unwrap_or(title);
        if !title.is_empty() {
            return (Cow::Borrowed(title), Some(deadline));
        }
    }
    (Cow::Borrowed(text), Some(deadline))
}

/// The last place in `hay` where one of `pats` (each starting with an
/// ASCII byte) starts, and the greatest pattern found there: what taking
/// the greatest `(hay.rfind(p), p)` over `pats` gives, in one pass.
///
/// Every caller's patterns start with one of at most three bytes (",", ";",
/// " "): the candidate places are then found from the end with `memrchr3`
/// (SIMD) instead of testing every byte of the window.
fn last_of<'p>(hay: &str, pats: &[&'p str]) -> Option<(usize, &'p str)> {
    let bytes = hay.as_bytes();
    let at = |i: usize| {
        let first = bytes[i];
        pats.iter().filter(|p| p.as_bytes()[0] == first && bytes[i..].starts_with(p.as_bytes())).max().map(|p| (i, *p))
    };
    match first_bytes(pats) {
        Some([a, b, c]) => memchr::memrchr3_iter(a, b, c, bytes).find_map(at),
        None => (0..bytes.len()).rev().find_map(at),
    }
}

/// The first bytes of `pats` as three needles for `memrchr3` (repeated
/// when fewer are distinct); `None` when there are more than three or a
/// pattern is empty.
fn first_bytes(pats: &[&str]) -> Option<[u8; 3]> {
    let mut firsts = [0u8; 3];
    let mut n = 0;
    for p in pats {
        let b = *p.as_bytes().first()?;
        if !firsts[..n].contains(&b) {
            *firsts.get_mut(n)? = b;
            n += 1;
        }
    }
    let last = *firsts[..n].last()?;
    firsts[n..].fill(last);
    Some(firsts)
}

/// A trailing ", báo cáo … theo quy định" or "; định kỳ báo cáo …" clause.
fn regulated_clause<'t>(text: &'t str, l: &str) -> (Cow<'t, str>, Option<String>) {
    let cut = last_of(l, &[", báo cáo", "; báo cáo", "; định kỳ", ", định kỳ"]).map(|(i, _)| i);
    if let Some(i) = cut {
        let clause = tidy(text.get(i + 1..).unwrap_or(""));
        if !clause.contains(". ") && (clause.contains("quy định") || clause.starts_with("định kỳ")) {
            return (Cow::Borrowed(tidied(text.get(..i).unwrap_or(""))), Some(clause));
        }
    }
    (Cow::Borrowed(text), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key of the verb index passes the heads' test.
    #[test]
    fn verb_heads_admit_every_key() {
        for key in VERB_INDEX.keys() {
            assert!(VERB_HEADS.may_be(key), "{key}");
        }
        assert!(!VERB_HEADS.may_be("") && !VERB_HEADS.may_be("Sở"));
    }

    /// `lower` is `lower_char_slow` char by char, ASCII lowered, for every
    /// char between ASCII letters and next to the Vietnamese letters `lower`
    /// tells by their bytes.
    #[test]
    fn lower_is_lower_char_slow_of_every_char() {
        let plain = |s: &str| -> String {
            s.chars().map(|c| if c.is_ascii() { c.to_ascii_lowercase() } else { lower_char_slow(c) }).collect()
        };
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = format!("Ab{c}ẠạỳỲ{c}Éé x");
            assert_eq!(lower(&s), plain(&s), "{c:?}");
        }
    }

    /// `TIME` runs on the lowered text without `(?i)`: for every char and
    /// every letter of the pattern, the char matches the letter case-
    /// insensitively exactly when `lower` turns it into that letter.
    #[test]
    fn lowered_time_pattern_matches_as_case_insensitive() {
        let letters: Vec<char> = {
            // The letters written, not those of the `\s` and `\d` classes.
            let written = TIME.as_str().replace("\\s", " ").replace("\\d", " ");
            let mut l: Vec<char> = written.chars().filter(|c| c.is_alphabetic()).collect();
            l.sort_unstable();
            l.dedup();
            l
        };
        let class: String = letters.iter().collect();
        let any_case = Regex::new(&format!("(?i)^[{class}]$")).expect("class");
        // No two letters of the pattern are case variants of each other.
        for a in &letters {
            let a_any = Regex::new(&format!("(?i)^{a}$")).expect("letter");
            assert_eq!(letters.iter().filter(|b| a_any.is_match(&b.to_string())).count(), 1, "{a}");
        }
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = c.to_string();
            let low = lower(&s);
            let lowered_is_letter = low.chars().count() == 1 && low.chars().all(|l| letters.contains(&l));
            assert_eq!(any_case.is_match(&s), lowered_is_letter, "{c:?} lowers to {low:?}");
            if lowered_is_letter {
                let same = Regex::new(&format!("(?i)^{}$", regex::escape(&low))).expect("letter");
                assert!(same.is_match(&s), "{c:?} lowers to {low:?}, another letter");
            }
        }
    }

    /// `last_of` against its definition: the greatest `(rfind(p), p)`.
    #[test]
    fn last_of_is_the_last_rfind() {
        let pats: &[&[&str]] = &[
            &[", báo cáo", "; báo cáo", " để báo cáo"],
            &[", ", "; "],
            &[", báo cáo", "; báo cáo", "; định kỳ", ", định kỳ"],
            &["a", "b", "c", "d"],
        ];
        for hay in ["", "x", "làm, báo cáo; định kỳ, báo cáo", "a; b, c d để báo cáo", ", ", "đ, ;"] {
            for p in pats {
                let want = p.iter().filter_map(|q| hay.rfind(q).map(|i| (i, *q))).max();
                assert_eq!(last_of(hay, p), want, "{hay:?} {p:?}");
            }
        }
    }

    #[test]
    fn agency_heads() {
        for (t, want) in [
            ("Sở Y tế chủ trì", true),
            ("Sở hữu trí tuệ", false),
            ("Ban hành quy chế", false),
            ("Ban Dân tộc chủ trì", true),
            ("Công an tỉnh", true),
            ("Công tác quán triệt", false),
            ("UBND các huyện", true),
            ("Báo và phát thanh", true),
        ] {
            assert_eq!(starts_with_agency(t), want, "{t}");
        }
    }

    #[test]
    fn splits_lead_and_coordinating() {
        let a = split_assignment(
            "Sở Công Thương chủ trì, phối hợp với các đơn vị liên quan tham mưu xây dựng cơ chế, báo cáo UBND tỉnh trước tháng 9 năm 2021.",
            false,
        )
        .unwrap();
        assert_eq!(a.lead.as_deref(), Some("Sở Công Thương"));
        assert_eq!(a.coordinating.as_deref(), Some("các đơn vị liên quan"));
        assert!(a.work.starts_with("Tham mưu xây dựng"));
        let (title, d) = split_deadline(&a.work);
        assert_eq!(title, "Tham mưu xây dựng cơ chế");
        assert_eq!(d.as_deref(), Some("báo cáo UBND tỉnh trước tháng 9 năm 2021"));
    }

    #[test]
    fn giao_x_chu_tri_y_phoi_hop() {
        let a = split_assignment("Giao Công an tỉnh chủ trì, Sở Tư pháp phối hợp thực hiện", true).unwrap();
        assert_eq!(a.lead.as_deref(), Some("Công an tỉnh"));
        assert_eq!(a.coordinating.as_deref(), Some("Sở Tư pháp"));
    }
}
