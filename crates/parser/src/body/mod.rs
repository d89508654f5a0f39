//! The plan's prose: Roman sections, numbered groups, the general task of
//! each group, a)/b)/đ) points and bullets, and assignments written as prose
//! (labelled fields, agency headings, "X chủ trì, phối hợp với Y: …").
//!
//! The reader re-joins lines into blocks itself (see `blocks`), so it works
//! whether paragraphs are split at blank lines only or also at structural
//! starts.

mod assign;
mod blocks;
mod fields;
mod walker;

use std::borrow::Cow;
use std::sync::LazyLock;

use crate::fold::fold;
use crate::raw::{Body, Line};
use crate::text::Words;

use blocks::{Block, Marker};
use fields::{parse_fields_low, FieldKind};
use walker::Walker;

/// Reads the plan's prose from `start` (an index into `lines`).
pub fn parse_body(lines: &[Line], start: usize) -> Body {
    let mut body = Body::default();
    let (from, title) = plan_start(lines, start);
    body.plan_title = title.clone();
    let to = plan_end(lines, from);
    let mut blocks = blocks::blocks(lines.get(from..to).unwrap_or(&[]));
    if title.is_none() {
        if let Some(first) = blocks.iter().position(|b| matches!(b.marker, Marker::Roman(..))) {
            blocks.drain(..first);
        }
    }
    let sections = sections(&blocks);
    let mut w = Walker::new(&mut body);
    for s in &sections {
        w.section(s, &blocks[s.range.clone()]);
    }
    w.finish();
    body
}

/// The line of the plan's own title ("KẾ HOẠCH …") and the title, searched
/// from a little before `start` so a header reader that points just past
/// the title still gets it.
fn plan_start(lines: &[Line], start: usize) -> (usize, Option<String>) {
    let scan = if start > 0 { start.saturating_sub(15) } else { 0 };
    let Some(i) = (scan..lines.len()).find(|&i| is_plan_title(&lines[i].text)) else {
        return (start.min(lines.len()), None);
    };
    let mut title = clean_heading(&lines[i].text);
    let mut j = i + 1;
    let mut caps_taken = false;
    while j < lines.len() && j <= i + 8 {
        let t = clean_heading(&lines[j].text);
        if t.is_empty() {
            j += 1;
            if !caps_taken && title.split(' ').count() > 2 {
                continue;
            }
            continue;
        }
        if t.starts_with('(') || matches!(blocks::classify(&t).0, Marker::Roman(..) | Marker::Number(_)) {
            break;
        }
        let caps = blocks::is_all_caps(&t);
        if caps || (!caps_taken && j <= i + 3 && !lines[j - 1].text.trim().is_empty()) {
            title.push(' ');
            title.push_str(&t);
            caps_taken |= caps;
            j += 1;
            if !caps && title.len() > 400 {
                break;
            }
            continue;
        }
        break;
    }
    (j, Some(title))
}

fn clean_heading(s: &str) -> String {
    heading_text(s).into_owned()
}

/// `clean_heading`, borrowed when it is a slice of `s`: a line without
/// '*' (nearly all) is only trimmed, not copied char by char into a string
/// grown as it goes, and the checks that only look at it copy nothing.
fn heading_text(s: &str) -> Cow<'_, str> {
    if memchr::memchr(b'*', s.as_bytes()).is_none() {
        return Cow::Borrowed(s.trim().trim_start_matches('#').trim());
    }
    let t: String = s.chars().filter(|&c| c != '*').collect();
    Cow::Owned(t.trim().trim_start_matches('#').trim().to_string())
}

/// Searchers built once for the words looked for in every line (see
/// `text::Words`).
static HOACH: LazyLock<Words> = LazyLock::new(|| Words::new(&["HOẠCH"]));
static PLAN_ENDS: LazyLock<Words> = LazyLock::new(|| Words::new(&["PHỤ LỤC", "HIỆU LỰC VĂN BẢN"]));

fn is_plan_title(s: &str) -> bool {
    if !HOACH.any_in(s) {
        return false;
    }
    let t = heading_text(s);
    t.starts_with("KẾ HOẠCH") && blocks::is_all_caps(&t)
}

/// The line where the appendix or the validity block begins.
fn plan_end(lines: &[Line], from: usize) -> usize {
    (from..lines.len())
        .find(|&i| {
            let t = &lines[i].text;
            PLAN_ENDS.any_in(t) && {
                let c = heading_text(t);
                c.starts_with("PHỤ LỤC") || c.starts_with("HIỆU LỰC VĂN BẢN")
            }
        })
        .unwrap_or(lines.len())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// "MỤC ĐÍCH, YÊU CẦU": no tasks.
    Purpose,
    /// "MỤC TIÊU", "CHỈ TIÊU": target texts.
    Targets,
    /// The section holding the numbered task groups.
    Tasks,
    /// "TỔ CHỨC THỰC HIỆN" and the rest: agency headings and assignments.
    Other,
}

pub(super) struct Sec {
    pub(super) roman: Option<(String, u32)>,
    pub(super) title: String,
    pub(super) line: usize,
    pub(super) kind: Kind,
    pub(super) range: std::ops::Range<usize>,
    /// Some block is a labelled agency field: numbered items are tasks.
    pub(super) has_fields: bool,
    /// The tasks section was chosen for want of one named "NHIỆM VỤ":
    /// its bullets are solutions, not assignments, unless they name agencies.
    pub(super) fallback: bool,
}

fn sections(blocks: &[Block]) -> Vec<Sec> {
    let mut out: Vec<Sec> = Vec::new();
    let mut titles: Vec<String> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if let Marker::Roman(n, v) = &b.marker {
            if let Some(last) = out.last_mut() {
                last.range.end = i;
            }
            out.push(Sec {
                roman: Some((n.clone(), *v)),
                title: tidy_heading(&b.text),
                line: b.line,
                kind: Kind::Other,
                range: i + 1..blocks.len(),
                has_fields: false,
                fallback: false,
            });
            titles.push(fold(&b.text));
        }
    }
    if out.is_empty() {
        out.push(Sec {
            roman: None,
            title: String::new(),
            line: 0,
            kind: Kind::Tasks,
            range: 0..blocks.len(),
            has_fields: false,
            fallback: false,
        });
        titles.push(String::new());
    }
    let is_org = |t: &str| t.contains("to chuc thuc hien");
    let named = titles.iter().position(|t| t.contains("nhiem vu") && !is_org(t));
    let fallback = titles.iter().position(|t| (t.contains("noi dung") || t.contains("giai phap")) && !is_org(t));
    let group_sec = named.or(fallback);
    for (i, s) in out.iter_mut().enumerate() {
        let t = &titles[i];
        s.fallback = named.is_none() && Some(i) == group_sec;
        s.kind = if s.roman.is_none() || Some(i) == group_sec {
            Kind::Tasks
        } else if t.contains("muc tieu") || t.contains("chi tieu") {
            Kind::Targets
        } else if t.contains("muc dich") || t.contains("yeu cau") {
            Kind::Purpose
        } else {
            Kind::Other
        };
        s.has_fields = blocks[s.range.clone()].iter().any(|b| {
            memchr::memchr(b':', b.text.as_bytes()).is_some()
                && parse_fields_low(&b.text, b.low()).is_some_and(|f| {
                    f.iter().any(|x| matches!(x.kind, FieldKind::Lead | FieldKind::Executor | FieldKind::Coordinating))
                })
        });
    }
    // Section headings themselves are recorded by the walker.
    out
}

fn tidy_heading(s: &str) -> String {
    s.trim().trim_end_matches(['.', ':']).trim().to_string()
}
