//! Task tables: the appendix flattened one cell per paragraph, markdown pipe
//! tables (clean or flattened with "|" lines between cells), tab-separated
//! tables and PDF column text.

use crate::raw::{Line, RawTable, TableTasks};

/// Every grid-shaped table in the text (pipe, flattened pipe, tab).
pub fn read_tables(lines: &[Line]) -> Vec<RawTable> {
    let _ = lines;
    Vec::new()
}

/// The document's task table, in whichever layout it comes; `None` when the
/// document has none.
pub fn appendix_tasks(lines: &[Line], tables: &[RawTable]) -> Option<TableTasks> {
    let _ = (lines, tables);
    None
}
