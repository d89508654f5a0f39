//! Task tables: the appendix flattened one cell per paragraph, markdown pipe
//! tables (clean or broken across lines), tables flattened with "|" lines
//! between cells, tab-separated tables and PDF column text.
//!
//! Every layout is first read into rows of cells under a header; the header
//! words give each column its role ([`columns`]), and one converter turns
//! rows into groups and tasks, so numbering, continuation rows and
//! diagnostics behave the same whatever the layout.
//!
//! Choices worth knowing:
//! - Roman-numeral group rows become groups 1, 2, 3 …; a task numbered by
//!   its TT cell gets the id "group.TT", one without a TT cell is numbered
//!   by its order in the group. A row without TT that follows a numbered
//!   row whose cells span it (rowspan) gets the id "group.TT-k".
//! - With both "Cơ quan trình" and "Cơ quan soạn thảo", the drafting body
//!   is the lead; the submitting body and "thẩm tra" bodies are listed as
//!   coordinating, joined with "; ".
//! - Deadline columns split in two ("Bắt đầu" / "Hoàn thành") are joined as
//!   "start - end"; other splits as "Label: value; Label: value", and a
//!   column merely ticked ("x") contributes its label.

mod columns;
mod grid;
mod paras;
mod pdf;

use rustc_hash::FxHashSet;
use std::borrow::Cow;

use crate::fold::fold;
use crate::model::{Diagnostic, Origin, Severity};
use crate::raw::{Line, RawGroup, RawTable, RawTask, TableTasks};
use columns::{clean_cell, combine_header, is_column_number_row, is_row_number, roman_prefix, Columns};

/// Every grid-shaped table in the text (pipe, flattened pipe, tab), task
/// tables and indicator tables alike.
pub fn read_tables(lines: &[Line]) -> Vec<RawTable> {
    grid::read_grids(lines)
}

/// The document's task table, in whichever layout it comes; `None` when the
/// document has none. The largest task table among the grids wins; without
/// one, the paragraph layout and then PDF column text are tried.
pub fn appendix_tasks(lines: &[Line], tables: &[RawTable]) -> Option<TableTasks> {
    let best = tables
        .iter()
        .filter_map(|t| {
            let cols = Columns::from_header(combine_header(&t.header));
            cols.is_task_table().then(|| {
                let rows: Vec<GridRow> = t
                    .rows
                    .iter()
                    .map(|r| GridRow {
                        line: r.line,
                        cells: r.cells.iter().map(|c| Cow::Borrowed(c.as_str())).collect(),
                        kind: RowKind::Auto,
                    })
                    .collect();
                convert(&cols, &rows, t.line)
            })
        })
        .max_by_key(|t| t.tasks.len());
    if let Some(found) = best.filter(|t| !t.tasks.is_empty()) {
        return Some(found);
    }
    if let Some((cols, rows)) = paras::paragraph_table(lines) {
        let line = rows.first().map(|r| r.line).unwrap_or(0);
        let found = convert(&cols, &rows, line);
        if !found.tasks.is_empty() {
            return Some(found);
        }
    }
    pdf::pdf_table(lines).filter(|t| !t.tasks.is_empty())
}

/// How a row is to be read; `Auto` lets the converter decide from its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RowKind {
    Auto,
    Group,
    /// A group row that carries a task's cells: group N and task "N".
    GroupTask,
    Task,
}

/// A row of cells to convert. The cells borrow the table's or the lines'
/// text: a cell is only read here, and what a task keeps of it is made by
/// `clean_cell`, so an owned copy of every cell was one allocation too many.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GridRow<'a> {
    pub line: usize,
    pub cells: Vec<Cow<'a, str>>,
    pub kind: RowKind,
}

/// The converter's running state while it walks the rows.
#[derive(Default)]
struct State<'a> {
    out: TableTasks,
    group: Option<u32>,
    groups_seen: u32,
    /// Tasks in the current group, and whether the last one had a TT cell.
    in_group: u32,
    last_numbered: bool,
    sub: u32,
    prev_cells: Vec<Cow<'a, str>>,
    /// FxHash: ids are a few bytes, where SipHash costs more than the set.
    ids: FxHashSet<String>,
}

fn convert(cols: &Columns, rows: &[GridRow<'_>], table_line: usize) -> TableTasks {
    // Every row may add an id: sized once, the set is never rehashed.
    let mut st = State { ids: FxHashSet::with_capacity_and_hasher(rows.len(), Default::default()), ..State::default() };
    for &i in &cols.other {
        let label = cols.labels.get(i).map(String::as_str).unwrap_or("").trim();
        if !label.is_empty() {
            st.out.diagnostics.push(Diagnostic::new(
                Severity::Info,
                "table.unknown_column",
                format!("Cột «{label}» của bảng nhiệm vụ không thuộc loại đã biết; nội dung cột được bỏ qua"),
                Some(table_line),
            ));
        }
    }
    for (i, row) in rows.iter().enumerate() {
        if row.kind == RowKind::Auto && is_column_number_row(&row.cells) {
            continue;
        }
        let kind = match row.kind {
            RowKind::Auto if arabic_group(cols, &row.cells, rows.get(i + 1)) => RowKind::Group,
            RowKind::Auto => classify(cols, &row.cells),
            other => other,
        };
        match kind {
            RowKind::Group => start_group(&mut st, cols, row),
            RowKind::GroupTask => {
                start_group(&mut st, cols, row);
                let id = st.group.map(|g| g.to_string()).unwrap_or_default();
                push_task(&mut st, cols, row, &row.cells, id, None);
            }
            RowKind::Task => task_row(&mut st, cols, row),
            RowKind::Auto => continue_task(&mut st, cols, row),
        }
    }
    empty_groups(&mut st);
    st.out
}

/// Roman numeral in the number cell: a group, or a group carrying a task
/// when its other cells are filled. Empty number and title: the previous
/// task goes on (`Auto`). Anything else is a task.
fn classify(cols: &Columns, cells: &[Cow<str>]) -> RowKind {
    let num = cell(cells, cols.number);
    let title = cell(cells, cols.title);
    if roman_prefix(num).is_some() {
        let others = cells
            .iter()
            .enumerate()
            .filter(|(i, c)| Some(*i) != cols.number && Some(*i) != cols.title && !c.trim().is_empty())
            .count();
        return if others == 0 { RowKind::Group } else { RowKind::GroupTask };
    }
    if num.is_empty() && title.is_empty() {
        return RowKind::Auto;
    }
    // "| | II. Tên nhóm | | |": the numeral slipped into the title cell.
    let only_title = cells.iter().enumerate().all(|(i, c)| Some(i) == cols.title || c.trim().is_empty());
    if num.is_empty() && only_title && roman_prefix(title).is_some_and(|(_, rest)| !rest.is_empty()) {
        return RowKind::Group;
    }
    RowKind::Task
}

/// "1 | Tên nhóm" with nothing else, followed by "1.1 | …": a group
/// numbered in Arabic.
fn arabic_group(cols: &Columns, cells: &[Cow<str>], next: Option<&GridRow>) -> bool {
    let num = cell(cells, cols.number).trim_end_matches('.');
    if num.is_empty() || num.contains('.') || !is_row_number(num) || cell(cells, cols.title).is_empty() {
        return false;
    }
    let only_title =
        cells.iter().enumerate().all(|(i, c)| Some(i) == cols.number || Some(i) == cols.title || c.trim().is_empty());
    let prefix = format!("{num}.");
    only_title && next.is_some_and(|n| cell(&n.cells, cols.number).starts_with(&prefix))
}

fn cell<'c>(cells: &'c [Cow<str>], i: Option<usize>) -> &'c str {
    i.and_then(|i| cells.get(i)).map(|c| c.trim()).unwrap_or("")
}

fn start_group(st: &mut State, cols: &Columns, row: &GridRow) {
    empty_groups(st);
    let num = cell(&row.cells, cols.number.or(Some(0)));
    let mut title_cell = cell(&row.cells, cols.title.or(Some(1)));
    let (number, rest) = match (roman_prefix(num), roman_prefix(title_cell)) {
        (Some((v, rest)), _) => (v, rest),
        (None, Some((v, rest))) if num.is_empty() => {
            title_cell = "";
            (v, rest)
        }
        _ => (num.trim_end_matches('.').parse().unwrap_or(st.groups_seen + 1), ""),
    };
    let title = clean_cell(&[rest, title_cell].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" "));
    st.out.groups.push(RawGroup { number, title, line: row.line });
    st.group = Some(number);
    st.groups_seen = st.groups_seen.max(number);
    st.in_group = 0;
    st.last_numbered = false;
    st.sub = 0;
}

/// Reports the last group when it ended without a task.
fn empty_groups(st: &mut State) {
    let Some(g) = st.out.groups.last() else { return };
    let has_task = st.out.tasks.iter().any(|t| t.group == Some(g.number) && t.line >= g.line);
    if !has_task && st.group == Some(g.number) {
        let msg = format!("Nhóm {} ({}) trong bảng không có nhiệm vụ nào", g.number, g.title);
        let line = g.line;
        if !st.out.diagnostics.iter().any(|d| d.code == "table.group_empty" && d.line == Some(line)) {
            st.out.diagnostics.push(Diagnostic::new(Severity::Warning, "table.group_empty", msg, Some(line)));
        }
    }
}

fn task_row<'a>(st: &mut State<'a>, cols: &Columns, row: &GridRow<'a>) {
    let num = cell(&row.cells, cols.number).trim_end_matches('.');
    if is_row_number(num) {
        let parts: Vec<u32> = num.split('.').filter_map(|p| p.parse().ok()).collect();
        let (group, seq, id) = match parts.as_slice() {
            [n] => (st.group, *n, st.group.map_or(n.to_string(), |g| format!("{g}.{n}"))),
            [g, .., s] => (Some(*g), *s, num.to_string()),
            [] => (st.group, 0, num.to_string()),
        };
        st.in_group += 1;
        st.last_numbered = true;
        st.sub = 0;
        let saved = st.group;
        st.group = group;
        push_task(st, cols, row, &row.cells, id, Some(seq));
        st.group = saved.or(group);
        return;
    }
    // No number: a row sharing the previous row's spanned cells.
    let mut cells = row.cells.clone();
    if cells.len() < cols.len() && !st.prev_cells.is_empty() {
        cells.extend(st.prev_cells.iter().skip(cells.len()).take(cols.len() - cells.len()).cloned());
    }
    if st.last_numbered {
        if let Some(prev) = st.out.tasks.last().map(|t| t.id.clone()) {
            st.sub += 1;
            let base = prev.split('-').next().unwrap_or(&prev).to_string();
            push_task(st, cols, row, &cells, format!("{base}-{}", st.sub + 1), None);
            return;
        }
    }
    st.in_group += 1;
    let seq = st.in_group;
    let id = st.group.map_or(seq.to_string(), |g| format!("{g}.{seq}"));
    push_task(st, cols, row, &cells, id, Some(seq));
}

/// The cleaned, non-empty cells of columns `idx` joined with "; ".
///
/// One column is the common case: its text is the result, neither copied
/// nor collected into a vector of parts first; later parts are appended.
fn joined(cells: &[Cow<str>], idx: &[usize]) -> Option<String> {
    let mut out: Option<String> = None;
    for part in idx.iter().filter_map(|&i| cells.get(i)).map(|c| clean_cell(c)).filter(|c| !c.is_empty()) {
        match out.as_mut() {
            None => out = Some(part),
            Some(o) => {
                o.push_str("; ");
                o.push_str(&part);
            }
        }
    }
    out
}

/// Split deadline columns as one text (see the module notes).
fn deadline_text(cols: &Columns, cells: &[Cow<str>]) -> Option<String> {
    // Column labels are made only when the text needs them: a single
    // deadline column with a date in it (most rows) does not.
    let mut parts: Vec<(usize, String)> = cols
        .deadline
        .iter()
        .filter_map(|&i| {
            let v = clean_cell(cells.get(i)?);
            (!v.is_empty()).then_some((i, v))
        })
        .collect();
    let label = |i: usize| short_label(cols, i);
    match parts.as_slice() {
        [] => None,
        [(i, v)] => Some(if is_tick(v) { label(*i) } else { parts.pop().map(|(_, v)| v).unwrap_or_default() }),
        [(a, va), (b, vb)] if is_start(&label(*a)) && is_end(&label(*b)) && !is_tick(va) => {
            Some(format!("{va} - {vb}"))
        }
        _ => Some(
            parts
                .iter()
                .map(|(i, v)| if is_tick(v) { label(*i) } else { format!("{}: {v}", label(*i)) })
                .collect::<Vec<_>>()
                .join("; "),
        ),
    }
}

/// A split deadline column's own words: the header words every deadline
/// column shares ("Thời gian thực hiện") are dropped.
fn short_label(cols: &Columns, i: usize) -> String {
    let label = cols.labels.get(i).map(String::as_str).unwrap_or("");
    let words: Vec<&str> = label.split_whitespace().collect();
    let shared = cols
        .deadline
        .iter()
        .filter(|&&j| j != i)
        .map(|&j| {
            let other: Vec<&str> = cols.labels.get(j).map(|l| l.split_whitespace().collect()).unwrap_or_default();
            words.iter().zip(&other).take_while(|(a, b)| a == b).count()
        })
        .min()
        .unwrap_or(0);
    // "Năm 2025" keeps its "Năm": a bare year says less.
    let shared = match words.get(shared) {
        Some(w) if shared > 0 && w.bytes().all(|b| b.is_ascii_digit()) => shared - 1,
        _ => shared,
    };
    if shared >= words.len() {
        label.to_string()
    } else {
        words[shared..].join(" ")
    }
}

fn is_start(label: &str) -> bool {
    let f = fold(label);
    f.contains("bat dau") || f == "tu" || f.ends_with(" tu") || f.contains("tu ngay")
}

fn is_end(label: &str) -> bool {
    let f = fold(label);
    f.contains("hoan thanh") || f.contains("ket thuc") || f == "den" || f.ends_with(" den") || f.contains("den ngay")
}

fn is_tick(v: &str) -> bool {
    matches!(v, "x" | "X" | "✓" | "✔" | "+")
}

fn push_task<'a>(
    st: &mut State<'a>,
    cols: &Columns,
    row: &GridRow,
    cells: &[Cow<'a, str>],
    id: String,
    seq: Option<u32>,
) {
    let key = cols.lead.iter().chain(&cols.deadline).copied().max();
    if key.is_some_and(|k| k >= cells.len()) {
        st.out.diagnostics.push(Diagnostic::new(
            Severity::Warning,
            "table.row_short",
            format!("Dòng nhiệm vụ {id} thiếu ô: có {} trên {} cột", cells.len(), cols.len()),
            Some(row.line),
        ));
    }
    if !st.ids.insert(id.clone()) {
        st.out.diagnostics.push(Diagnostic::new(
            Severity::Warning,
            "table.duplicate_id",
            format!("Số thứ tự nhiệm vụ {id} bị trùng trong bảng"),
            Some(row.line),
        ));
    }
    let title = cols.title.and_then(|i| cells.get(i)).map(|c| clean_cell(c)).unwrap_or_default();
    st.out.tasks.push(RawTask {
        id,
        group: st.group,
        seq,
        title,
        lead_text: joined(cells, &cols.lead),
        coordinating_text: joined(cells, &cols.coordinating),
        product: joined(cells, &cols.product),
        deadline_text: deadline_text(cols, cells),
        origin: Origin::Appendix,
        line: row.line,
    });
    // Reuses the previous row's strings' buffers instead of allocating new ones.
    cells.clone_into(&mut st.prev_cells);
}

/// A row with neither number nor title: its cells go on the previous
/// task's cells.
fn continue_task(st: &mut State, cols: &Columns, row: &GridRow) {
    let Some(task) = st.out.tasks.last_mut() else { return };
    let append = |field: &mut Option<String>, add: Option<String>, sep: &str| {
        if let Some(add) = add {
            match field {
                Some(f) => {
                    f.push_str(sep);
                    f.push_str(&add);
                }
                None => *field = Some(add),
            }
        }
    };
    append(&mut task.lead_text, joined(&row.cells, &cols.lead), "; ");
    append(&mut task.coordinating_text, joined(&row.cells, &cols.coordinating), "; ");
    append(&mut task.product, joined(&row.cells, &cols.product), " ");
    append(&mut task.deadline_text, deadline_text(cols, &row.cells), " ");
}
