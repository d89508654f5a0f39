//! Intermediate shapes passed between the readers (header, body, table) and
//! the assembler in `lib.rs`. Text here is already normalised; agency lists
//! and deadlines are still text, turned into values by `agency` and
//! `deadline` in one place.

use std::borrow::Cow;

use crate::model::{Diagnostic, Origin, Section};

/// One line of the normalised text. `text` has markdown emphasis (`**`,
/// `*`), heading marks and surrounding blanks removed; `no` is 1-based.
///
/// The text borrows from the normalised document unless cleaning changed
/// it: nearly every line is plain text, and a copy of each was one heap
/// allocation per line of every parse.
#[derive(Debug, Clone, PartialEq)]
pub struct Line<'a> {
    pub no: usize,
    pub text: Cow<'a, str>,
}

/// A paragraph: wrapped lines joined with single spaces.
#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    /// Line number of its first line.
    pub line: usize,
    /// Index in the `Line` slice of its first and one past its last line.
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A grid read from a pipe, tab-separated or flattened table.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawTable {
    pub line: usize,
    /// Header rows (one or two) as read.
    pub header: Vec<Vec<String>>,
    pub rows: Vec<RawRow>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawRow {
    pub line: usize,
    pub cells: Vec<String>,
}

/// A task before its agencies and deadline are understood.
#[derive(Debug, Clone, PartialEq)]
pub struct RawTask {
    pub id: String,
    pub group: Option<u32>,
    pub seq: Option<u32>,
    pub title: String,
    pub lead_text: Option<String>,
    pub coordinating_text: Option<String>,
    pub product: Option<String>,
    pub deadline_text: Option<String>,
    pub origin: Origin,
    pub line: usize,
}

/// A numbered task group as the body or the table names it.
#[derive(Debug, Clone, PartialEq)]
pub struct RawGroup {
    pub number: u32,
    pub title: String,
    pub line: usize,
}

/// What the table reader found: the appendix's groups and task rows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TableTasks {
    pub groups: Vec<RawGroup>,
    pub tasks: Vec<RawTask>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A paragraph that may hold targets, with the group it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetText {
    pub group: Option<u32>,
    pub line: usize,
    pub text: String,
}

/// What the body reader found in the plan's prose.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Body {
    pub plan_title: Option<String>,
    pub sections: Vec<Section>,
    pub groups: Vec<crate::model::Group>,
    /// Assignments in prose (origin `Body`).
    pub tasks: Vec<RawTask>,
    /// General tasks and "Phấn đấu …" paragraphs to read targets from.
    pub target_texts: Vec<TargetText>,
    pub diagnostics: Vec<Diagnostic>,
}
