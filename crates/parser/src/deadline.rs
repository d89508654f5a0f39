//! Vietnamese time expressions to deadlines: "Trước tháng 9/2021",
//! "Quý IV/2021", "Giai đoạn 2021 - 2025", "Thường xuyên" … (DESIGN.md has
//! the table). `due` is inclusive and "trước" is strict.

use crate::model::{Deadline, DeadlineKind, Diagnostic};

/// What a deadline may borrow from its surroundings.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct DeadlineContext {
    /// The year a text without one belongs to (the nearest year in context,
    /// else the document's year).
    pub default_year: Option<i32>,
    /// The plan's horizon year, for continuous tasks.
    pub horizon_year: Option<i32>,
}

/// Reads one deadline text. Diagnostics carry no line; the caller adds it.
pub fn parse_deadline(text: &str, ctx: &DeadlineContext) -> (Deadline, Vec<Diagnostic>) {
    let _ = ctx;
    let deadline = Deadline {
        text: text.to_string(),
        kind: DeadlineKind::Unknown,
        start: None,
        due: None,
        reports_to: None,
        milestones: Vec::new(),
        recurrence: None,
    };
    (deadline, Vec::new())
}
