//! The walk over a plan's blocks: which block opens a group, an agency
//! context or a task, and how labelled fields attach to the tasks before
//! them.

use std::sync::LazyLock;

use crate::fold::fold;
use crate::model::{Diagnostic, Group, Origin, Point, Section, Severity};
use crate::raw::{Body, RawTask, TargetText};
use crate::text::Words;

use super::assign::{
    self, capitalise, lower, role_lead_low, split_assignment, split_assignment_low, split_deadline, split_deadline_in,
    starts_with_agency,
};
use super::blocks::{Block, Marker};
use super::fields::{parse_fields_low, unknown_label, Field, FieldKind};
use super::{Kind, Sec};

/// Words that make a block of a group a target text, searched for with
/// searchers built once (see `text::Words`).
static TARGET_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(&["phấn đấu", "chỉ tiêu"]));
static PHAN_DAU: LazyLock<Words> = LazyLock::new(|| Words::new(&["phấn đấu"]));
static BY_YEAR: LazyLock<Words> = LazyLock::new(|| Words::new(&["đến năm 20"]));
static REACH: LazyLock<Words> = LazyLock::new(|| Words::new(&[" đạt "]));

/// An agency context: the lead and coordinators of the tasks that follow.
#[derive(Debug, Clone, Default)]
struct Ctx {
    lead: Option<String>,
    coordinating: Option<String>,
}

/// A task waiting for its labelled fields.
#[derive(Debug, Clone)]
struct Cand {
    task: RawTask,
    /// Depth for numbered items ("1" 0, "1.2" 1), then 5 lettered, 6 "-",
    /// 7 "+", 9 made from fields alone: a field block belongs to the
    /// deepest items before it.
    level: u8,
    numbered: bool,
    has_fields: bool,
    parent: bool,
    children: u32,
}

pub(super) struct Walker<'a> {
    body: &'a mut Body,
    group: Option<u32>,
    group_idx: Option<usize>,
    general_line: Option<usize>,
    in_general: bool,
    /// Context from an agency heading ("1. Sở Công Thương").
    heading: Option<Ctx>,
    /// Context from "a) Chủ trì …"/"b) Phối hợp …" under a heading.
    sub: Option<Ctx>,
    /// Context from a bullet "- X chủ trì, phối hợp với Y:".
    bullet: Option<Ctx>,
    pending: Vec<Cand>,
    run: Vec<usize>,
    last_field: Option<FieldKind>,
    /// The last field had no value on its own line ("- Cơ quan chủ trì:").
    last_empty: bool,
    /// (section value, task index) of tasks read from labelled fields.
    field_tasks: Vec<(u32, usize)>,
    roman: Option<(u32, String, usize)>,
    roman_groups: Vec<Group>,
}

impl<'a> Walker<'a> {
    pub(super) fn new(body: &'a mut Body) -> Self {
        Walker {
            body,
            group: None,
            group_idx: None,
            general_line: None,
            in_general: false,
            heading: None,
            sub: None,
            bullet: None,
            pending: Vec::new(),
            run: Vec::new(),
            last_field: None,
            last_empty: false,
            field_tasks: Vec::new(),
            roman: None,
            roman_groups: Vec::new(),
        }
    }

    pub(super) fn section(&mut self, s: &Sec, blocks: &[Block]) {
        self.end_section();
        self.roman = None;
        if let Some((n, v)) = &s.roman {
            self.body.sections.push(Section { number: n.clone(), title: s.title.clone(), line: Some(s.line) });
            self.roman = Some((*v, s.title.clone(), s.line));
        }
        for b in blocks {
            self.block(s, b);
        }
        self.end_section();
    }

    fn end_section(&mut self) {
        self.close_run();
        self.flush_pending(true, 0);
        self.end_group();
        self.heading = None;
        self.sub = None;
        self.bullet = None;
    }

    fn end_group(&mut self) {
        if let (Some(gi), Some(line)) = (self.group_idx, self.general_line) {
            if let Some(text) = self.body.groups.get(gi).and_then(|g| g.general_task.clone()) {
                self.body.target_texts.push(TargetText { group: self.group, line, text });
            }
        }
        self.group = None;
        self.group_idx = None;
        self.general_line = None;
        self.in_general = false;
    }

    fn block(&mut self, s: &Sec, b: &Block) {
        if let Some(f) =
            memchr::memchr(b':', b.text.as_bytes()).is_some().then(|| parse_fields_low(&b.text, b.low())).flatten()
        {
            if !matches!(b.marker, Marker::Number(_) | Marker::Roman(..)) && !self.in_general {
                self.fields(f, b.line);
                return;
            }
        }
        if !self.run.is_empty() {
            if let Some(k) = self.last_field {
                let plus = b.marker == Marker::Bullet('+');
                if self.last_empty && (plus || b.marker == Marker::Plain) && !matches!(k, FieldKind::Deadline) {
                    self.apply_field(k, &b.text);
                    self.last_empty = false;
                    return;
                }
                if (plus || (self.last_empty && b.marker == Marker::Plain))
                    && matches!(k, FieldKind::Deadline | FieldKind::Content | FieldKind::Product)
                {
                    self.append_field(k, &b.text);
                    return;
                }
            }
            if let Some(label) = unknown_label(&b.text) {
                if !starts_with_agency(&b.text) && !matches!(b.marker, Marker::Number(_)) {
                    self.body.diagnostics.push(Diagnostic::new(
                        Severity::Warning,
                        "body.unknown_field",
                        format!("Không nhận ra trường “{label}” của nhiệm vụ; nội dung của trường được bỏ qua"),
                        Some(b.line),
                    ));
                    return;
                }
            }
            self.close_run();
        }
        match &b.marker {
            Marker::Roman(..) => {}
            Marker::Number(n) => self.number(s, n, b),
            Marker::Letter(l) => self.letter(s, l, b),
            Marker::Bullet(c) => self.bullet(s, *c, b),
            Marker::Plain => self.plain(s, b),
        }
        self.target_check(s, b);
    }

    fn target_check(&mut self, s: &Sec, b: &Block) {
        if self.in_general {
            return;
        }
        let hit = match s.kind {
            Kind::Targets => b.text.bytes().any(|c| c.is_ascii_digit()),
            Kind::Purpose => false,
            _ if self.group.is_some() => {
                let l = b.low();
                TARGET_WORDS.any_in(l) || (BY_YEAR.any_in(l) && REACH.any_in(l))
            }
            _ => PHAN_DAU.any_in(b.low()),
        };
        if hit {
            let group = if s.kind == Kind::Targets { None } else { self.group };
            self.body.target_texts.push(TargetText { group, line: b.line, text: b.text.clone() });
        }
    }

    fn number(&mut self, s: &Sec, n: &str, b: &Block) {
        self.in_general = false;
        self.heading = None;
        self.sub = None;
        self.bullet = None;
        self.flush_pending(false, n.matches('.').count().min(4) as u8);
        if matches!(s.kind, Kind::Purpose | Kind::Targets) {
            return;
        }
        let text = b.text.trim();
        let bare = strip_parenthetical(text).trim_end_matches([':', '.']).trim().to_string();
        let strict = split_assignment(&bare, true);
        if let Some(a) = &strict {
            if a.work.is_empty() {
                self.end_group_if_other(s);
                self.heading = Some(Ctx { lead: a.lead.clone(), coordinating: a.coordinating.clone() });
                return;
            }
        }
        let bare_body = bare.get(assign::intro_len(&bare)..).unwrap_or(&bare).to_string();
        if strict.is_none()
            && starts_with_agency(&bare_body)
            && crate::text::count_words(&bare) <= 30
            && !bare.contains(". ")
        {
            self.end_group_if_other(s);
            self.heading = Some(Ctx { lead: Some(bare_body), coordinating: None });
            return;
        }
        if trailing_assignee(text).1.is_some() {
            self.push_task(n.to_string(), text, None, None, b.line);
            return;
        }
        if s.has_fields {
            let id = n.to_string();
            self.pending.push(Cand {
                task: new_task(id, self.group, text, b.line),
                level: n.matches('.').count().min(4) as u8,
                numbered: true,
                has_fields: false,
                parent: false,
                children: 0,
            });
            return;
        }
        if let Some(a) = split_assignment(text, true) {
            let id = String::new();
            self.push_task(id, &a.work, a.lead, a.coordinating, b.line);
            return;
        }
        if s.kind == Kind::Tasks && !n.contains('.') {
            self.end_group();
            if let Ok(num) = n.parse::<u32>() {
                self.group = Some(num);
                self.body.groups.push(Group {
                    number: num,
                    title: tidy_title(text),
                    general_task: None,
                    points: Vec::new(),
                    line: Some(b.line),
                });
                self.group_idx = Some(self.body.groups.len() - 1);
            }
        }
    }

    /// An agency heading outside the tasks section closes any open group.
    fn end_group_if_other(&mut self, s: &Sec) {
        if s.kind != Kind::Tasks {
            self.end_group();
        }
    }

    fn push_point(&mut self, label: &str, text: &str, line: usize) {
        if let Some(g) = self.group_idx.and_then(|i| self.body.groups.get_mut(i)) {
            g.points.push(Point { label: label.to_string(), text: text.to_string(), line: Some(line) });
        }
    }

    fn letter(&mut self, s: &Sec, label: &str, b: &Block) {
        self.in_general = false;
        self.bullet = None;
        self.sub = None;
        self.push_point(label, &b.text, b.line);
        if self.start_general(b) {
            return;
        }
        if folded_head_starts_with(&b.text, "nhiem vu cu the") || matches!(s.kind, Kind::Purpose | Kind::Targets) {
            return;
        }
        if let Some(h) = self.heading.clone() {
            match role_lead_low(&b.text, b.low()) {
                Some(assign::RoleLead::Leads { coordinating, work }) => {
                    let ctx = Ctx { lead: h.lead, coordinating };
                    if work.is_empty() {
                        self.sub = Some(ctx);
                    } else {
                        self.push_task(String::new(), &work, ctx.lead, ctx.coordinating, b.line);
                    }
                }
                Some(assign::RoleLead::Coordinates { with, work }) => {
                    let ctx = Ctx { lead: with, coordinating: h.lead };
                    if work.is_empty() {
                        self.sub = Some(ctx);
                    } else {
                        self.push_task(String::new(), &work, ctx.lead, ctx.coordinating, b.line);
                    }
                }
                None => self.push_block_task(b, h.lead, h.coordinating),
            }
            return;
        }
        if s.has_fields {
            self.candidate(5, b);
            return;
        }
        if let Some(a) = split_assignment_low(&b.text, b.low(), false) {
            if a.work.is_empty() {
                self.bullet = Some(Ctx { lead: a.lead, coordinating: a.coordinating });
            } else {
                self.push_task(String::new(), &a.work, a.lead, a.coordinating, b.line);
            }
        }
    }

    /// "Nhiệm vụ chung: …" (as "a)", a bullet or a plain paragraph) opens
    /// the group's general task; the paragraphs after it continue it.
    fn start_general(&mut self, b: &Block) -> bool {
        if self.group_idx.is_none() || !folded_head_starts_with(&b.text, "nhiem vu chung") {
            return false;
        }
        let text = b.text.split_once(':').map_or("", |(_, r)| r).trim().to_string();
        if let Some(g) = self.group_idx.and_then(|i| self.body.groups.get_mut(i)) {
            g.general_task = Some(text);
        }
        self.general_line = Some(b.line);
        self.in_general = true;
        true
    }

    fn candidate(&mut self, level: u8, b: &Block) {
        self.pending.retain(|c| c.level < level || c.numbered || c.parent || c.has_fields);
        self.pending.push(Cand {
            task: new_task(String::new(), self.group, &b.text, b.line),
            level,
            numbered: false,
            has_fields: false,
            parent: false,
            children: 0,
        });
    }

    fn bullet(&mut self, s: &Sec, c: char, b: &Block) {
        self.in_general = false;
        if matches!(s.kind, Kind::Purpose | Kind::Targets) {
            return;
        }
        self.push_point(c.encode_utf8(&mut [0u8; 4]), &b.text, b.line);
        if self.start_general(b) {
            return;
        }
        if c == '+' {
            if let Some(ctx) = self.bullet.clone() {
                self.ctx_task(ctx, b);
                return;
            }
        } else {
            self.bullet = None;
        }
        // The context is copied only when a task takes it, below.
        let under = self.sub.is_some() || self.heading.is_some();
        if s.has_fields && !under {
            self.candidate(if c == '+' { 7 } else { 6 }, b);
            return;
        }
        if let Some(a) = split_assignment_low(&b.text, b.low(), false) {
            // The names are copied only when both the bullets after this
            // one and this one's own task take them.
            if a.work.is_empty() {
                self.bullet = Some(Ctx { lead: a.lead, coordinating: a.coordinating });
            } else {
                if a.colon {
                    self.bullet = Some(Ctx { lead: a.lead.clone(), coordinating: a.coordinating.clone() });
                }
                self.push_task(String::new(), &a.work, a.lead, a.coordinating, b.line);
            }
            return;
        }
        if let Some(ctx) = self.sub.clone().or_else(|| self.heading.clone()) {
            self.ctx_task(ctx, b);
        } else if s.kind == Kind::Tasks && self.group.is_some() && !s.fallback {
            self.push_block_task(b, None, None);
        }
    }

    /// A task under an agency context; its own "Chủ trì …"/"Phối hợp với …"
    /// opening refines the roles.
    ///
    /// The context comes by value, a copy its caller made: its names move
    /// into the task instead of being copied once more.
    fn ctx_task(&mut self, ctx: Ctx, b: &Block) {
        match role_lead_low(&b.text, b.low()) {
            Some(assign::RoleLead::Leads { coordinating, work }) if !work.is_empty() => {
                self.push_task(String::new(), &work, ctx.lead, coordinating.or(ctx.coordinating), b.line)
            }
            Some(assign::RoleLead::Coordinates { with, work }) if !work.is_empty() && self.sub.is_none() => {
                self.push_task(String::new(), &work, with, ctx.lead, b.line)
            }
            _ => self.push_block_task(b, ctx.lead, ctx.coordinating),
        }
    }

    fn plain(&mut self, s: &Sec, b: &Block) {
        if self.in_general {
            if let Some(g) = self.group_idx.and_then(|i| self.body.groups.get_mut(i)) {
                let gt = g.general_task.get_or_insert_with(String::new);
                if !gt.is_empty() {
                    gt.push(' ');
                }
                gt.push_str(&b.text);
            }
            return;
        }
        if matches!(s.kind, Kind::Purpose | Kind::Targets) {
            return;
        }
        if self.start_general(b) {
            return;
        }
        // The heading's lead is copied only when a role line takes it (the
        // whole heading was copied for every plain block).
        if let (Some(h), None) = (self.heading.as_ref(), self.bullet.as_ref()) {
            match role_lead_low(&b.text, b.low()) {
                Some(assign::RoleLead::Leads { coordinating, work }) if work.is_empty() => {
                    self.sub = Some(Ctx { lead: h.lead.clone(), coordinating });
                    return;
                }
                Some(assign::RoleLead::Coordinates { with, work }) if work.is_empty() => {
                    self.sub = Some(Ctx { lead: with, coordinating: h.lead.clone() });
                    return;
                }
                _ => {}
            }
        }
        if self.bullet.is_some() || self.sub.is_some() || self.heading.is_some() {
            if let Some(a) = split_assignment_low(&b.text, b.low(), true).filter(|a| !a.work.is_empty()) {
                self.push_task(String::new(), &a.work, a.lead, a.coordinating, b.line);
            } else if let Some(ctx) = self.bullet.clone().or_else(|| self.sub.clone()).or_else(|| self.heading.clone())
            {
                self.ctx_task(ctx, b);
            }
            return;
        }
        if let Some(a) = split_assignment_low(&b.text, b.low(), true) {
            if a.work.is_empty() {
                self.bullet = Some(Ctx { lead: a.lead, coordinating: a.coordinating });
            } else {
                self.push_task(String::new(), &a.work, a.lead, a.coordinating, b.line);
            }
        }
    }

    fn push_task(&mut self, id: String, text: &str, lead: Option<String>, coord: Option<String>, line: usize) {
        let task = build_task(id, self.group, text, lead, coord, line, None);
        self.body.tasks.push(task);
    }

    /// `push_task` for a block's own text, whose lowered text is at hand.
    fn push_block_task(&mut self, b: &Block, lead: Option<String>, coord: Option<String>) {
        let task = build_task(String::new(), self.group, &b.text, lead, coord, b.line, Some((&b.text, b.low())));
        self.body.tasks.push(task);
    }

    // ---- labelled fields ----

    fn fields(&mut self, fields: Vec<Field>, line: usize) {
        if self.run.is_empty() {
            self.open_run(line);
        }
        for f in fields {
            self.apply_field(f.kind, &f.value);
            self.last_field = Some(f.kind);
            self.last_empty = f.value.is_empty();
        }
    }

    fn open_run(&mut self, line: usize) {
        let level = match self.pending.iter().rev().find(|c| !c.has_fields && !c.parent) {
            Some(c) => c.level,
            None => {
                self.pending.push(Cand {
                    task: new_task(String::new(), self.group, "", line),
                    level: 9,
                    numbered: false,
                    has_fields: false,
                    parent: false,
                    children: 0,
                });
                9
            }
        };
        let mut run = Vec::new();
        for i in (0..self.pending.len()).rev() {
            let c = &self.pending[i];
            if c.level == level && !c.has_fields && !c.parent {
                run.push(i);
            } else if c.level == level {
                break;
            } else if c.level > level {
                continue;
            } else {
                break;
            }
        }
        run.reverse();
        let first = run.first().copied().unwrap_or(0);
        for c in self.pending.iter_mut().take(first) {
            if c.level < level && !c.has_fields {
                c.parent = true;
            }
        }
        for &i in &run {
            self.pending[i].has_fields = true;
        }
        self.run = run;
    }

    fn apply_field(&mut self, kind: FieldKind, value: &str) {
        let value = value.trim();
        for &i in &self.run {
            let t = &mut self.pending[i].task;
            match kind {
                FieldKind::Lead | FieldKind::Executor => match split_assignment(value, true) {
                    Some(a) if a.coordinating.is_some() && a.work.is_empty() => {
                        t.lead_text = a.lead;
                        t.coordinating_text = a.coordinating;
                    }
                    _ => t.lead_text = non_empty(value),
                },
                FieldKind::Coordinating => t.coordinating_text = non_empty(value),
                FieldKind::Deadline => t.deadline_text = non_empty(value),
                FieldKind::Product => t.product = non_empty(value),
                FieldKind::Content => {
                    if t.title.is_empty() {
                        t.title = capitalise(value);
                    }
                }
                FieldKind::Ignored => {}
            }
        }
    }

    /// A "+" line under "Thời gian thực hiện:" continues that field.
    fn append_field(&mut self, kind: FieldKind, text: &str) {
        for &i in &self.run {
            let t = &mut self.pending[i].task;
            let slot = match kind {
                FieldKind::Deadline => &mut t.deadline_text,
                FieldKind::Product => &mut t.product,
                _ => continue,
            };
            let v = slot.get_or_insert_with(String::new);
            if !v.is_empty() {
                v.push_str("; ");
            }
            v.push_str(text.trim().trim_end_matches(['.', ';']));
        }
    }

    fn close_run(&mut self) {
        if self.run.is_empty() {
            return;
        }
        let run = std::mem::take(&mut self.run);
        self.last_field = None;
        let parent = self.pending.iter().rposition(|c| c.parent && c.numbered);
        let parent_group = parent.and_then(|p| self.group_from_parent(p, &run));
        let mut emitted = Vec::new();
        for &i in &run {
            let mut t = self.pending[i].task.clone();
            if parent_group.is_some() {
                t.group = parent_group;
            }
            if t.id.is_empty() {
                if let Some(p) = parent {
                    self.pending[p].children += 1;
                    t.id = format!("{}.{}", self.pending[p].task.id, self.pending[p].children);
                }
            }
            emitted.push(t);
        }
        let mut k = 0;
        self.pending.retain(|_| {
            let keep = !run.contains(&k);
            k += 1;
            keep
        });
        for t in emitted {
            self.emit_field_task(t);
        }
    }

    /// "1. Title" whose "1.1."/"1.2." items carry the fields is a group.
    fn group_from_parent(&mut self, p: usize, run: &[usize]) -> Option<u32> {
        let parent = &self.pending[p];
        let prefix = format!("{}.", parent.task.id);
        let numbered_children = run.iter().all(|&i| self.pending[i].task.id.starts_with(&prefix));
        if parent.task.id.contains('.') || !numbered_children {
            return None;
        }
        let number = parent.task.id.parse::<u32>().ok()?;
        if !self.body.groups.iter().any(|g| g.number == number) {
            self.body.groups.push(Group {
                number,
                title: parent.task.title.clone(),
                general_task: None,
                points: Vec::new(),
                line: Some(parent.task.line),
            });
        }
        Some(number)
    }

    fn emit_field_task(&mut self, t: RawTask) {
        if t.lead_text.is_none() && t.coordinating_text.is_none() {
            self.body.diagnostics.push(Diagnostic::new(
                Severity::Warning,
                "body.task_no_agency",
                format!("Nhiệm vụ “{}” không ghi cơ quan chủ trì hoặc thực hiện", short(&t.title)),
                Some(t.line),
            ));
        }
        if let Some((v, title, line)) = &self.roman {
            if self.field_tasks.last().is_none_or(|(last, _)| last != v) {
                self.roman_groups.push(Group {
                    number: *v,
                    title: title.clone(),
                    general_task: None,
                    points: Vec::new(),
                    line: Some(*line),
                });
            }
            self.field_tasks.push((*v, self.body.tasks.len()));
        }
        self.body.tasks.push(t);
    }

    /// Drops pending items that never got fields; at a section's end a
    /// numbered item without fields is still a task, with a diagnostic.
    fn flush_pending(&mut self, all: bool, depth: u8) {
        if !all {
            // A parent stays while its own sub-numbers follow ("1.2" after "1").
            self.pending.retain(|c| c.numbered && !c.has_fields && (!c.parent || c.level < depth));
            return;
        }
        let pending = std::mem::take(&mut self.pending);
        for c in pending {
            if c.numbered && !c.parent && !c.has_fields {
                self.emit_field_task(c.task);
            }
        }
    }

    pub(super) fn finish(&mut self) {
        self.end_section();
        // Tasks with labelled fields spread over several Roman sections:
        // those sections are the groups.
        if self.body.groups.is_empty() && self.roman_groups.len() >= 2 {
            for &(v, i) in &self.field_tasks {
                if let Some(t) = self.body.tasks.get_mut(i) {
                    t.group = Some(v);
                }
            }
            self.body.groups = std::mem::take(&mut self.roman_groups);
        }
    }
}

/// Whether the folded first 24 chars of `s` start with `key` (folded,
/// starting with an ASCII letter); an ASCII first letter that differs
/// answers without folding.
fn folded_head_starts_with(s: &str, key: &str) -> bool {
    if let (Some(&b), Some(&k)) = (s.trim_start().as_bytes().first(), key.as_bytes().first()) {
        if b.is_ascii() && b.to_ascii_lowercase() != k {
            return false;
        }
    }
    // The first 24 chars, cut from `s` rather than collected into a string.
    let end = s.char_indices().nth(24).map_or(s.len(), |(i, _)| i);
    fold(s.get(..end).unwrap_or(s)).starts_with(key)
}

fn new_task(id: String, group: Option<u32>, text: &str, line: usize) -> RawTask {
    RawTask {
        id,
        group,
        seq: None,
        title: tidy_title(text),
        lead_text: None,
        coordinating_text: None,
        product: None,
        deadline_text: None,
        origin: Origin::Body,
        line,
    }
}

/// A prose task: the trailing "(Giao X chủ trì …)" overrides the roles,
/// and the trailing deadline clause leaves the title.
fn build_task(
    id: String,
    group: Option<u32>,
    text: &str,
    lead: Option<String>,
    coord: Option<String>,
    line: usize,
    src: Option<(&str, &str)>,
) -> RawTask {
    let (text, paren) = trailing_assignee(text);
    let (title, mut deadline) = split_deadline_in(text, src);
    let (mut lead, mut coord) = (lead, coord);
    if let Some(a) = paren {
        if a.lead.is_some() {
            lead = a.lead;
            coord = a.coordinating.or(coord);
        }
        if deadline.is_none() {
            deadline = split_deadline(&a.work).1;
        }
    }
    let mut t = new_task(id, group, &title, line);
    t.lead_text = lead.and_then(non_empty_owned);
    t.coordinating_text = coord.and_then(non_empty_owned);
    t.deadline_text = deadline;
    t
}

/// "… (Giao Công an tỉnh chủ trì …)" at the end of a task.
fn trailing_assignee(text: &str) -> (&str, Option<assign::Assignment>) {
    let t = text.trim().trim_end_matches(['.', ';']).trim_end();
    if !t.ends_with(')') {
        return (text, None);
    }
    let Some(open) = t.rfind('(') else { return (text, None) };
    let inner = t.get(open + 1..t.len() - 1).unwrap_or("");
    let l = lower(inner);
    if !(l.starts_with("giao ") || l.contains("chủ trì")) {
        return (text, None);
    }
    match split_assignment(inner, false) {
        Some(a) => (t.get(..open).unwrap_or(t).trim_end(), Some(a)),
        None => (text, None),
    }
}

fn strip_parenthetical(s: &str) -> String {
    match (s.find('('), s.rfind(')')) {
        (Some(a), Some(b)) if a < b => format!("{} {}", &s[..a], &s[b + 1..]).trim().to_string(),
        _ => s.to_string(),
    }
}

fn tidy_title(s: &str) -> String {
    let t = s.trim().trim_end_matches(['.', ':', ';', ',', '/']).trim();
    capitalise(t)
}

/// `non_empty(&s)`, keeping `s` itself when there is nothing to trim
/// (nearly always) instead of copying it.
fn non_empty_owned(s: String) -> Option<String> {
    let t = s.trim().trim_end_matches(['.', ';']).trim();
    if t.is_empty() {
        None
    } else if t.len() == s.len() {
        Some(s)
    } else {
        Some(t.to_string())
    }
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim().trim_end_matches(['.', ';']).trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out
}
