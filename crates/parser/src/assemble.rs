//! Puts the readers' findings together into one `Document`: chooses the
//! appendix table's rows as the tasks when there is one, keeps prose-only
//! assignments as `body` tasks, understands agencies and deadlines, and
//! collects targets, references and diagnostics.

use std::borrow::Cow;

use chrono::Datelike;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::agency::{self, AgencyList};
use crate::deadline::{self, DeadlineContext};
use crate::fold::{letter_in, letter_table, push_folded};
use crate::model::*;
use crate::raw::{RawGroup, RawTask, TableTasks};
use crate::{body, citation, header, table, target, text};

pub(crate) fn assemble(normalized: &str, source: Source) -> Document {
    let lines = text::lines(normalized);
    let mut header = header::parse_header(&lines);
    let mut body = body::parse_body(&lines, header.body_start);
    let tables = table::read_tables(&lines);
    let mut table_tasks = table::appendix_tasks(&lines, &tables);

    // The readers' results are moved into the document, not copied: a
    // parse used to clone every task, group and diagnostic once more.
    let mut diagnostics = std::mem::take(&mut header.diagnostics);
    diagnostics.append(&mut body.diagnostics);

    let year = header.issued_on.map(|d| d.year());
    let groups = merge_groups(std::mem::take(&mut body.groups), table_tasks.as_mut());
    let raw_tasks = choose_tasks(std::mem::take(&mut body.tasks), table_tasks, &mut diagnostics);
    let tasks = understand_tasks(raw_tasks, year, &mut diagnostics);
    let mut targets: Vec<Target> =
        body.target_texts.iter().flat_map(|t| target::extract_targets(&t.text, t.group, t.line)).collect();
    targets.extend(tables.iter().flat_map(target::targets_from_table));

    // The document cites itself in its own title and plan subtitle; that is
    // not a reference.
    let references = citation::references_in(normalized, header.number.as_deref());
    let info = DocumentInfo {
        kind: header.kind,
        number: header.number,
        issuer: header.issuer,
        place: header.place,
        issued_on: header.issued_on,
        title: header.title,
        signer: header.signer,
        legal_bases: header.legal_bases,
        references,
        recipients: header.recipients,
        validity: header.validity,
    };
    let plan = if groups.is_empty() && tasks.is_empty() && targets.is_empty() {
        diagnostics.push(Diagnostic::new(
            Severity::Warning,
            "plan.not_found",
            "Không tìm thấy kế hoạch (nhóm nhiệm vụ, nhiệm vụ hoặc chỉ tiêu) trong văn bản",
            None,
        ));
        None
    } else {
        Some(Plan { title: body.plan_title, sections: body.sections, groups, tasks, targets })
    };
    diagnostics.sort_by_key(|d| d.line.unwrap_or(0));
    Document { format: FORMAT.to_string(), source, document: info, plan, diagnostics }
}

/// The appendix rows when there is a task table, plus prose assignments that
/// match none of them; otherwise the prose assignments alone.
fn choose_tasks(
    body_tasks: Vec<RawTask>,
    table: Option<TableTasks>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<RawTask> {
    let Some(mut table) = table.filter(|t| !t.tasks.is_empty()) else {
        return body_tasks;
    };
    diagnostics.append(&mut table.diagnostics);
    let mut seen = Seen::default();
    let appendix_words: Vec<Vec<u64>> = table.tasks.iter().map(|t| words(&t.title, &mut seen)).collect();
    let index = WordIndex::new(&appendix_words);
    let mut shared = vec![0u32; appendix_words.len()];
    let mut tasks = table.tasks;
    let mut next_seq = 0u32;
    // One buffer for every prose task's words, which are only compared.
    let mut w = Vec::new();
    for mut t in body_tasks {
        words_into(&t.title, &mut seen, &mut w);
        if !index.any_similar(&w, &appendix_words, &mut shared) {
            next_seq += 1;
            t.origin = Origin::Body;
            if t.id.is_empty() {
                t.id = format!("B{next_seq}");
            }
            tasks.push(t);
        }
    }
    tasks
}

/// The appendix rows' words, each with the rows that hold it.
///
/// A prose task used to be compared with every row by a merge walk, about
/// three thousand walks per seed parse and the largest single loop of a
/// parse. Counting the words a prose task shares with every row through
/// this index gives each row's `shared` in one pass over the task's words,
/// and `similar` is a comparison of counts.
///
/// An open-addressing table keyed by the word hash (already well mixed);
/// each word's rows lie next to each other in `rows`, so counting is a walk
/// over one short slice per word.
struct WordIndex {
    mask: usize,
    keys: Vec<u64>,
    /// Per slot: where its rows start in `rows` and how many there are; 0
    /// rows for an empty slot.
    start: Vec<u32>,
    len: Vec<u32>,
    rows: Vec<u32>,
}

impl WordIndex {
    fn new(sets: &[Vec<u64>]) -> WordIndex {
        let entries: usize = sets.iter().map(Vec::len).sum();
        // More slots than entries, so a probe always meets an empty slot.
        let slots = (entries + entries / 2 + 1).next_power_of_two();
        let mut index = WordIndex {
            mask: slots - 1,
            keys: vec![0; slots],
            start: vec![0; slots],
            len: vec![0; slots],
            rows: vec![0; entries],
        };
        // Count each word's rows, then lay the rows out word by word.
        for &h in sets.iter().flatten() {
            let s = index.slot(h);
            index.keys[s] = h;
            index.len[s] += 1;
        }
        let mut at = 0;
        for (start, &len) in index.start.iter_mut().zip(&index.len) {
            *start = at;
            at += len;
        }
        let mut fill = index.start.clone();
        for (row, set) in sets.iter().enumerate() {
            for &h in set {
                let s = index.slot(h);
                if let Some(r) = index.rows.get_mut(fill[s] as usize) {
                    *r = row as u32;
                }
                fill[s] += 1;
            }
        }
        index
    }

    /// The slot of `h`: where it is, or the empty slot it would take.
    fn slot(&self, h: u64) -> usize {
        let mut s = (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & self.mask;
        while self.len[s] != 0 && self.keys[s] != h {
            s = (s + 1) & self.mask;
        }
        s
    }

    /// The rows holding word `h`.
    fn rows_of(&self, h: u64) -> &[u32] {
        let s = self.slot(h);
        let start = self.start[s] as usize;
        self.rows.get(start..start + self.len[s] as usize).unwrap_or(&[])
    }

    /// Whether `similar(w, sets[i])` holds for some row `i`; `shared` is
    /// scratch of one counter per row.
    fn any_similar(&self, w: &[u64], sets: &[Vec<u64>], shared: &mut [u32]) -> bool {
        if w.is_empty() {
            return false;
        }
        shared.fill(0);
        for &h in w {
            for &row in self.rows_of(h) {
                if let Some(c) = shared.get_mut(row as usize) {
                    *c += 1;
                }
            }
        }
        sets.iter().zip(shared.iter()).any(|(set, &n)| similar_counts(n as usize, w.len(), set.len()))
    }
}

/// Two task texts describe the same work when most words of the shorter
/// one appear in the longer: `shared` of its `min(a, b)` words.
fn similar_counts(shared: usize, a: usize, b: usize) -> bool {
    let small = a.min(b);
    small > 0 && shared * 10 >= small * 6
}

/// The distinct words (two bytes or more) of a text, folded and hashed,
/// without repeats (so each shared word is counted once), in the order
/// they first appear.
///
/// The folded text is never built: each character is folded and fed to the
/// hash of the word it belongs to, which gives the hashes of
/// `fold(s).split(|c| !c.is_alphanumeric())` without a string per title.
fn words(s: &str, seen: &mut Seen) -> Vec<u64> {
    let mut out = Vec::with_capacity(s.len() / 5 + 1);
    words_into(s, seen, &mut out);
    out
}

/// [`words`] into `out`, cleared first: a buffer reused from text to text.
fn words_into(s: &str, seen: &mut Seen, out: &mut Vec<u64>) {
    let table = letter_table();
    seen.start(s.len());
    out.clear();
    // The word being read is a value, not a field behind a reference, so
    // it stays in registers through the byte loop.
    let mut w = WordState::START;
    let mut scratch = String::new();
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            w = w.push_folded_ascii(ASCII_WORD_BYTE[usize::from(b)], out, seen);
            i += 1;
            continue;
        }
        let (c, n) = decode_at(bytes, i).unwrap_or_else(|| {
            let c = s.get(i..).and_then(|r| r.chars().next()).unwrap_or('\u{FFFD}');
            (c, c.len_utf8())
        });
        i += n;
        if let Some(f) = letter_in(table, c) {
            // Vietnamese letters fold to one ASCII letter: the common case.
            w = w.push_folded_ascii(f, out, seen);
        } else if c.is_whitespace() {
            w = w.end(out, seen);
        } else {
            scratch.clear();
            push_folded(c, &mut scratch);
            w = scratch.chars().fold(w, |w, f| w.push(f, out, seen));
        }
    }
    w.end(out, seen);
}

/// The word hashes of one text seen so far, so each is kept once.
///
/// An open-addressing table reused from text to text whose slots carry the
/// number of the text that filled them: a slot of an earlier text counts as
/// empty, so a new text needs no clearing, and a word is looked up as it
/// ends instead of the finished list being filtered (`Vec::retain` over
/// every title's words was a fifth of the word matching).
#[derive(Default)]
struct Seen {
    /// Power-of-two table of (hash, text number); text numbers start at 1,
    /// so a zeroed slot is empty.
    slots: Vec<(u64, u32)>,
    text: u32,
}

impl Seen {
    /// Starts a text of `len` bytes. A word is two bytes or more and words
    /// are apart, so the text has at most `len / 3 + 1` of them and the
    /// table, at least twice that, stays at most half full.
    fn start(&mut self, len: usize) {
        let want = (2 * (len / 3 + 2)).next_power_of_two().max(64);
        if self.slots.len() < want || self.text == u32::MAX {
            self.slots = vec![(0, 0); want];
            self.text = 0;
        }
        self.text += 1;
    }

    /// Adds `h`; whether it was not there yet. The table is at most half
    /// full, so a probe ends at an empty slot.
    fn insert(&mut self, h: u64) -> bool {
        let mask = self.slots.len() - 1;
        let mut i = (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask;
        loop {
            let Some(slot) = self.slots.get_mut(i) else { return true };
            if slot.1 != self.text {
                *slot = (h, self.text);
                return true;
            }
            if slot.0 == h {
                return false;
            }
            i = (i + 1) & mask;
        }
    }
}

/// For each ASCII byte, the byte it adds to a word (lower-cased), or 0 when
/// it ends the word: one load in place of the alphanumeric test and the
/// lower-casing on every byte of every title.
static ASCII_WORD_BYTE: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// The two- or three-byte char starting at byte `i` (a char start of valid
/// UTF-8) and its length, decoded from its bytes; `None` for a four-byte
/// char, which the caller decodes the general way.
#[inline]
fn decode_at(b: &[u8], i: usize) -> Option<(char, usize)> {
    let x = *b.get(i)?;
    let cont = |k: usize| b.get(i + k).map(|y| u32::from(y & 0x3F));
    if x < 0xE0 {
        char::from_u32((u32::from(x & 0x1F) << 6) | cont(1)?).map(|c| (c, 2))
    } else if x < 0xF0 {
        char::from_u32((u32::from(x & 0x0F) << 12) | (cont(1)? << 6) | cont(2)?).map(|c| (c, 3))
    } else {
        None
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a over the bytes of the word being read: words are short and
/// hashed by the thousand; collisions only make two texts look a little
/// more alike.
#[derive(Clone, Copy)]
struct WordState {
    hash: u64,
    /// Bytes in the word so far.
    len: usize,
}

impl WordState {
    const START: WordState = WordState { hash: FNV_OFFSET, len: 0 };

    /// A byte of [`ASCII_WORD_BYTE`] (or a folded letter): part of the word,
    /// or 0 for the word's end.
    #[inline]
    fn push_folded_ascii(self, b: u8, out: &mut Vec<u64>, seen: &mut Seen) -> WordState {
        if b == 0 {
            return self.end(out, seen);
        }
        WordState { hash: (self.hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3), len: self.len + 1 }
    }

    /// One folded character: part of the word when alphanumeric, else the
    /// word's end.
    fn push(self, c: char, out: &mut Vec<u64>, seen: &mut Seen) -> WordState {
        if !c.is_alphanumeric() {
            return self.end(out, seen);
        }
        let mut buf = [0u8; 4];
        let hash =
            c.encode_utf8(&mut buf).bytes().fold(self.hash, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
        WordState { hash, len: self.len + c.len_utf8() }
    }

    /// Keeps the word read so far when it has two bytes or more and was
    /// not seen before in this text; a new word starts.
    #[inline]
    fn end(self, out: &mut Vec<u64>, seen: &mut Seen) -> WordState {
        if self.len > 1 && seen.insert(self.hash) {
            out.push(self.hash);
        }
        WordState::START
    }
}

/// A deadline as read, with the notes its reader made.
type DeadlineReading = (Deadline, Vec<Diagnostic>);

/// Agency lists and deadlines read so far in this document, by their text.
///
/// A plan repeats itself: the seed's 59 tasks name 22 distinct lead lists
/// and 27 distinct deadline texts. Both readers are pure functions of their
/// input, so each distinct text is read once and its result reused.
struct Readings<'a> {
    /// Index in `lists` of each text's list: a task looks its two texts up
    /// once each, and the lists are then read by index.
    agencies: FxHashMap<&'a str, usize>,
    lists: Vec<AgencyList>,
    /// Token buffers shared by every list read.
    reader: agency::ListReader,
    deadlines: FxHashMap<(&'a str, Option<i32>), DeadlineReading>,
    /// Readings of texts that asked the context for no year: the same in
    /// every context, so looked up by their text alone.
    year_free: FxHashMap<&'a str, DeadlineReading>,
}

impl<'a> Readings<'a> {
    /// Room for `tasks` distinct texts of each kind: the maps then never
    /// grow, where growing rehashed every text read so far several times
    /// per parse. The maps hash with FxHash (`rustc-hash`), eight bytes per
    /// step, where the standard SipHash cost more than the lookups: every
    /// task looks up its whole agency and deadline texts. Nothing iterates
    /// the maps, so their order never shows in the output.
    fn with_capacity(tasks: usize) -> Self {
        Readings {
            agencies: FxHashMap::with_capacity_and_hasher(2 * tasks, Default::default()),
            lists: Vec::with_capacity(2 * tasks),
            reader: agency::ListReader::default(),
            deadlines: FxHashMap::with_capacity_and_hasher(tasks, Default::default()),
            year_free: FxHashMap::with_capacity_and_hasher(tasks, Default::default()),
        }
    }

    /// The index in `lists` of the agency list `text`, read unless it has
    /// been read already; `None` for no text.
    fn read_list(&mut self, text: Option<&'a str>) -> Option<usize> {
        let t = text?;
        let lists = &mut self.lists;
        let reader = &mut self.reader;
        Some(*self.agencies.entry(t).or_insert_with(|| {
            lists.push(reader.read(t));
            lists.len() - 1
        }))
    }

    /// The list at `index` (from `read_list`); `empty` when there is none.
    fn list<'s>(&'s self, index: Option<usize>, empty: &'s AgencyList) -> &'s AgencyList {
        index.and_then(|i| self.lists.get(i)).unwrap_or(empty)
    }

    /// Takes the list at `index` out of `lists` when `last` (no later use
    /// of it), so its names are moved into the task rather than cloned.
    fn take_list(&mut self, index: Option<usize>, last: bool) -> Option<AgencyList> {
        let list = self.lists.get_mut(index.filter(|_| last)?)?;
        Some(std::mem::take(list))
    }

    /// `deadline::parse_deadline`, once per distinct text and context, and
    /// once per text when its reading asked the context for no year.
    ///
    /// With `last` (no later task has this text) the reading is moved out
    /// of the maps, or not kept at all, instead of cloned: each clone was a
    /// few strings allocated and freed again.
    fn deadline(&mut self, text: &'a str, ctx: DeadlineContext, last: bool) -> DeadlineReading {
        if last {
            if let Some(reading) = self.year_free.remove(text) {
                return reading;
            }
            if let Some(reading) = self.deadlines.remove(&(text, ctx.default_year)) {
                return reading;
            }
        } else {
            if let Some(reading) = self.year_free.get(text) {
                return reading.clone();
            }
            if let Some(reading) = self.deadlines.get(&(text, ctx.default_year)) {
                return reading.clone();
            }
        }
        let (deadline, notes, asked) = deadline::parse_deadline_asking(text, &ctx);
        let reading = (deadline, notes);
        if !last {
            if asked {
                self.deadlines.insert((text, ctx.default_year), reading.clone());
            } else {
                self.year_free.insert(text, reading.clone());
            }
        }
        reading
    }
}

/// For each key, whether no later key equals it: the last use of a
/// cached reading, which may then be moved instead of cloned.
fn last_uses<K: Eq + std::hash::Hash>(keys: &[K]) -> Vec<bool> {
    let mut later: FxHashSet<&K> = FxHashSet::with_capacity_and_hasher(keys.len(), Default::default());
    let mut last: Vec<bool> = keys.iter().rev().map(|k| later.insert(k)).collect();
    last.reverse();
    last
}

fn understand_tasks(mut raw: Vec<RawTask>, doc_year: Option<i32>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Task> {
    // Ids, titles and products go to the tasks as they are; only the agency
    // and deadline texts are read (and borrowed by `readings`).
    let moved: Vec<(String, String, Option<String>)> =
        raw.iter_mut().map(|r| (std::mem::take(&mut r.id), std::mem::take(&mut r.title), r.product.take())).collect();
    let mut context_year = doc_year;
    let mut readings = Readings::with_capacity(raw.len());
    let empty = AgencyList::default();
    // The lists are read first (a pure function of their text, in any
    // order), so that each one's last use is known and moves its names.
    let lists: Vec<(Option<usize>, Option<usize>)> = raw
        .iter()
        .map(|r| (readings.read_list(r.lead_text.as_deref()), readings.read_list(r.coordinating_text.as_deref())))
        .collect();
    let list_uses: Vec<Option<usize>> = lists.iter().flat_map(|&(l, c)| [l, c]).collect();
    let list_last = last_uses(&list_uses);
    let deadline_texts: Vec<&str> = raw.iter().map(|r| r.deadline_text.as_deref().unwrap_or_default()).collect();
    let deadline_last = last_uses(&deadline_texts);
    raw.iter()
        .zip(moved)
        .zip(lists)
        .enumerate()
        .map(|(i, ((r, (id, title, product)), (lead, coordinating)))| {
            let text = r.deadline_text.as_deref().unwrap_or_default();
            let ctx = DeadlineContext { default_year: context_year };
            let last = deadline_last.get(i).copied().unwrap_or(false);
            let (deadline, notes) = readings.deadline(text, ctx, last);
            diagnostics.extend(notes.into_iter().map(|mut d| {
                d.line = d.line.or(Some(r.line));
                // A prose assignment often states no deadline; the reviewer
                // decides on it anyway, so this is a note, not a warning.
                if r.origin == Origin::Body && d.severity == Severity::Warning {
                    d.severity = Severity::Info;
                }
                d.message = format!("Nhiệm vụ {}: {}", if id.is_empty() { "(nội dung)" } else { &id }, d.message);
                d
            }));
            if let Some(y) = deadline.due.or(deadline.start).map(|d| d.year()) {
                if deadline.kind != DeadlineKind::Period {
                    context_year = Some(y);
                }
            }
            // A list used by both roles of one task is taken by neither: the
            // first role would leave the second an empty list.
            let is_last = |k: usize| list_last.get(2 * i + k).copied().unwrap_or(false) && lead != coordinating;
            let lead_owned = readings.take_list(lead, is_last(0));
            let coordinating_owned = readings.take_list(coordinating, is_last(1));
            let lead = lead_owned.map_or_else(|| Cow::Borrowed(readings.list(lead, &empty)), Cow::Owned);
            let coordinating =
                coordinating_owned.map_or_else(|| Cow::Borrowed(readings.list(coordinating, &empty)), Cow::Owned);
            if lead.agencies.is_empty() {
                diagnostics.push(Diagnostic::new(
                    Severity::Warning,
                    "task.no_lead",
                    format!("Nhiệm vụ {} chưa xác định được đơn vị chủ trì", id),
                    Some(r.line),
                ));
            }
            let (lead_names, coordinating_names) = (names(&lead), names(&coordinating));
            let coordinating_others = coordinating.others || lead.others;
            let mut agencies = Vec::with_capacity(lead.agencies.len() + coordinating.agencies.len());
            push_mentions(&mut agencies, lead, AgencyRole::Lead);
            push_mentions(&mut agencies, coordinating, AgencyRole::Coordinating);
            Task {
                id,
                group: r.group,
                seq: r.seq,
                title,
                lead: lead_names,
                coordinating: coordinating_names,
                coordinating_others,
                product,
                deadline,
                origin: r.origin,
                line: Some(r.line),
                agencies,
            }
        })
        .collect()
}

fn names(list: &AgencyList) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in &list.agencies {
        if !out.contains(&a.name) {
            out.push(a.name.clone());
        }
    }
    out
}

/// The list's agencies as mentions in `role`, onto `out` (sized for both
/// roles' lists, so the second never regrows it): moved out of the list
/// when it was taken for its last use, else cloned.
fn push_mentions(out: &mut Vec<AgencyMention>, list: Cow<'_, AgencyList>, role: AgencyRole) {
    match list {
        Cow::Owned(owned) => out.extend(owned.agencies.into_iter().map(|a| AgencyMention {
            role,
            name: a.name,
            as_written: a.as_written,
            collective: a.collective,
        })),
        Cow::Borrowed(list) => out.extend(list.agencies.iter().map(|a| AgencyMention {
            role,
            name: a.name.clone(),
            as_written: a.as_written.clone(),
            collective: a.collective,
        })),
    }
}

/// The body's groups (with general tasks), completed by the table's group
/// rows for numbers the body does not have.
fn merge_groups(mut groups: Vec<Group>, table: Option<&mut TableTasks>) -> Vec<Group> {
    if let Some(table) = table {
        for RawGroup { number, title, line } in std::mem::take(&mut table.groups) {
            if !groups.iter().any(|g| g.number == number) {
                groups.push(Group { number, title, general_task: None, points: Vec::new(), line: Some(line) });
            }
        }
    }
    groups.sort_by_key(|g| g.number);
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::fold;

    /// What `words` computes, written the plain way.
    fn words_plain(s: &str) -> Vec<u64> {
        let hash = |w: &str| w.bytes().fold(FNV_OFFSET, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
        let mut out: Vec<u64> =
            fold(s).split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() > 1).map(hash).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Two task texts describe the same work when most words of the shorter
    /// one appear in the longer.
    fn similar(a: &[u64], b: &[u64]) -> bool {
        let small = a.len().min(b.len());
        if small == 0 {
            return false;
        }
        let need = (small * 6).div_ceil(10);
        // The walk is written without data-dependent branches (which side
        // steps is computed, not branched on): on real hardware a mispredicted
        // branch per step made this loop a visible share of a parse. The one
        // branch left, whether the words left could still reach `need`, is
        // almost always false and so predicted; it ends most pairs early.
        let (mut i, mut j, mut shared) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            if shared + (a.len() - i).min(b.len() - j) < need {
                return false;
            }
            let (x, y) = (a[i], b[j]);
            shared += usize::from(x == y);
            i += usize::from(x <= y);
            j += usize::from(y <= x);
        }
        shared * 10 >= small * 6
    }

    /// The index gives what comparing with every row by `similar` gave.
    #[test]
    fn index_agrees_with_pairwise_walks() {
        let rows = [
            "Xây dựng Đề án phát triển kinh tế - xã hội tỉnh Thanh Hóa đến năm 2030",
            "Rà soát, điều chỉnh quy hoạch sử dụng đất",
            "",
            "Tổ chức thực hiện",
            "a b",
        ];
        let mut seen = Seen::default();
        let sets: Vec<Vec<u64>> = rows.iter().map(|r| words(r, &mut seen)).collect();
        let sorted = |mut w: Vec<u64>| {
            w.sort_unstable();
            w
        };
        let index = WordIndex::new(&sets);
        let mut shared = vec![0; sets.len()];
        for t in [
            "Xây dựng Đề án phát triển kinh tế tỉnh Thanh Hóa",
            "Điều chỉnh quy hoạch",
            "Tổ chức thực hiện kế hoạch",
            "Không liên quan gì",
            "",
            "xây",
        ] {
            let w = words(t, &mut seen);
            let want = sets.iter().any(|a| similar(&sorted(w.clone()), &sorted(a.clone())));
            assert_eq!(index.any_similar(&w, &sets, &mut shared), want, "{t:?}");
        }
    }

    /// One `Seen` reused from text to text (a long one growing the table,
    /// short ones after it) keeps each text's words as a fresh one does.
    #[test]
    fn reused_seen_keeps_each_texts_words() {
        let long: String = (0..500).map(|i| format!("w{i} x{} ", i % 7)).collect();
        let texts = ["a bb cc bb", long.as_str(), "bb bb dd", "", "cc ee cc ee ff", long.as_str(), "bb"];
        let mut seen = Seen::default();
        for t in texts {
            assert_eq!(words(t, &mut seen), words(t, &mut Seen::default()), "{t:?}");
        }
    }

    #[test]
    fn streaming_word_hashes_match_the_folded_split() {
        for s in [
            "Xây dựng Đề án phát triển kinh tế - xã hội tỉnh Thanh Hóa đến năm 2030",
            "  Sở KH&ĐT,  UBND\tcác huyện; a b c 12 1 x ",
            "Ủy ban\u{00A0}nhân dân (UBND) ñ ß Æ ǅ ﬁ İ ½ ² e\u{0301}",
            "",
            "đ Đ ơ ư ă â ê ô ờ ữ ỹ",
            "a😀b 𝐀𝐁 ký\u{2028}tự ￥ A-Z_0/9",
        ] {
            let mut got = words(s, &mut Seen::default());
            got.sort_unstable();
            assert!(got.windows(2).all(|p| p[0] != p[1]), "no repeats: {s:?}");
            assert_eq!(got, words_plain(s), "{s:?}");
        }
    }
}
