//! PDF column text: every cell cut into short lines, no separators.

use crate::raw::{Line, TableTasks};

pub(super) fn pdf_table(lines: &[Line]) -> Option<TableTasks> {
    let _ = lines;
    None
}
