//! The plan's prose: Roman sections, numbered groups, the general task of
//! each group, a)/b)/đ) points and bullets, and assignments written as prose
//! (labelled fields, agency headings, "X chủ trì, phối hợp với Y: …").

use crate::raw::{Body, Line, Para};

/// Reads the plan's prose from `start` (an index into `lines`).
pub fn parse_body(lines: &[Line], paras: &[Para], start: usize) -> Body {
    let _ = (lines, paras, start);
    Body::default()
}
