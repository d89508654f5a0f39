//! Grid-shaped tables: markdown pipe tables (also when their rows break
//! across lines), tables flattened to one cell per line with "|" lines
//! between cells, and tab-separated tables.

use super::columns::{combine_header, is_row_start, is_subheader, roman_prefix, Columns};
use crate::raw::{Line, RawRow, RawTable};

/// Every grid table in `lines`, in order.
pub(super) fn read_grids(lines: &[Line]) -> Vec<RawTable> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let t = &*lines[i].text;
        let kind = region_kind(t, lines.get(i + 1).map(|l| &*l.text));
        let Some(kind) = kind else {
            i += 1;
            continue;
        };
        let end = region_end(lines, i, kind);
        let region = &lines[i..end];
        let table = match kind {
            Kind::Pipe => read_pipe(region),
            Kind::Flat => read_flat(region),
            Kind::Tab => read_tab(region),
        };
        out.extend(table);
        i = end.max(i + 1);
    }
    out
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Pipe,
    Flat,
    Tab,
}

fn region_kind(t: &str, next: Option<&str>) -> Option<Kind> {
    if t == "|" {
        let next = next?;
        return (!next.is_empty() && !next.starts_with('|')).then_some(Kind::Flat);
    }
    if t.starts_with('|') && t.trim_matches(|c: char| c == '|' || c.is_whitespace()).contains('|') {
        return Some(Kind::Pipe);
    }
    // Runs on every line: most have no tab, which one SIMD search tells
    // before the line is split and its pieces trimmed.
    if memchr::memchr(b'\t', t.as_bytes()).is_some() && t.split('\t').filter(|c| !c.trim().is_empty()).count() >= 2 {
        return Some(Kind::Tab);
    }
    None
}

/// A blank line ends a pipe or flattened table; a line without a tab ends
/// a tab-separated one.
fn region_end(lines: &[Line], start: usize, kind: Kind) -> usize {
    let mut j = start + 1;
    while let Some(l) = lines.get(j) {
        let ok = match kind {
            Kind::Tab => l.text.contains('\t'),
            _ => !l.text.is_empty(),
        };
        if !ok {
            break;
        }
        j += 1;
    }
    j
}

/// Cells of one pipe line: whether it opened with "|" and closed with "|".
fn split_pipe(t: &str) -> (Vec<String>, bool, bool) {
    let starts = t.starts_with('|');
    let closed = t.ends_with('|');
    let inner = t.strip_prefix('|').unwrap_or(t);
    let inner = if closed { inner.strip_suffix('|').unwrap_or(inner) } else { inner };
    let cells = inner.split('|').map(|c| c.trim().to_string()).collect();
    (cells, starts, closed)
}

fn all_empty(cells: &[String]) -> bool {
    cells.iter().all(|c| c.is_empty())
}

fn is_separator(cells: &[String]) -> bool {
    cells.iter().any(|c| c.contains("---")) && cells.iter().all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
}

fn header_cells(cells: Vec<String>) -> Option<Vec<String>> {
    (cells.iter().filter(|c| !c.is_empty()).count() >= 2).then_some(cells)
}

/// A row built from one or more physical lines.
struct Acc {
    line: usize,
    cells: Vec<String>,
}

/// Markdown pipe table. Rows may break across lines: a line that does not
/// open with "|" continues the open cell, "…|" then "|…" in an unfinished
/// row is an empty cell between them, and a row is finished once it has
/// as many cells as the header.
fn read_pipe(region: &[Line]) -> Option<RawTable> {
    let first = region.first()?;
    let header1 = header_cells(split_pipe(&first.text).0)?;
    let mut header = vec![header1];
    let mut rest = &region[1..];
    if let Some((k, l)) = rest.iter().enumerate().find(|(_, l)| {
        let (c, _, _) = split_pipe(&l.text);
        !all_empty(&c) && !is_separator(&c)
    }) {
        let (cells, starts, closed) = split_pipe(&l.text);
        if starts && closed && is_subheader(&cells) {
            header.push(cells);
            rest = &rest[k + 1..];
        }
    }
    let cols = Columns::from_header(combine_header(&header));
    let n = cols.len().max(2);
    let shift = cols.number == Some(0);
    let mut rows = Vec::new();
    let mut acc: Option<Acc> = None;
    let mut prev_closed = false;
    for l in rest {
        let (cells, starts, closed) = split_pipe(&l.text);
        if all_empty(&cells) || is_separator(&cells) {
            if acc.as_ref().is_some_and(|a| group_like(&a.cells) || a.cells.len() >= n) {
                flush(&mut acc, &mut rows, n);
            }
            prev_closed = closed;
            continue;
        }
        match acc.as_mut() {
            None => acc = Some(start_row(l.no, cells, shift)),
            Some(a) if starts => {
                let new_row = a.cells.len() >= n
                    || group_like(&a.cells)
                    || cells.first().is_some_and(|c| is_row_start(c))
                    || (closed && cells.len() >= n);
                if new_row {
                    flush(&mut acc, &mut rows, n);
                    acc = Some(start_row(l.no, cells, shift));
                } else {
                    if prev_closed {
                        a.cells.push(String::new());
                    }
                    a.cells.extend(cells);
                }
            }
            Some(a) => {
                let mut it = cells.into_iter();
                if !prev_closed {
                    if let (Some(last), Some(first)) = (a.cells.last_mut(), it.next()) {
                        if !first.is_empty() {
                            last.push(' ');
                            last.push_str(&first);
                        }
                    }
                }
                a.cells.extend(it);
            }
        }
        prev_closed = closed;
        if closed && acc.as_ref().is_some_and(|a| a.cells.len() >= n) {
            flush(&mut acc, &mut rows, n);
        }
    }
    flush(&mut acc, &mut rows, n);
    Some(RawTable { line: first.no, header, rows })
}

fn group_like(cells: &[String]) -> bool {
    cells.iter().filter(|c| !c.is_empty()).count() <= 2
        && cells.iter().find(|c| !c.is_empty()).is_some_and(|c| roman_prefix(c).is_some())
}

/// A row whose first cell is text while the table numbers its rows has lost
/// its (empty) number cell; put it back so the cells line up.
fn start_row(line: usize, mut cells: Vec<String>, shift: bool) -> Acc {
    if shift && cells.first().is_some_and(|c| !c.is_empty() && !is_row_start(c)) {
        cells.insert(0, String::new());
    }
    Acc { line, cells }
}

fn flush(acc: &mut Option<Acc>, rows: &mut Vec<RawRow>, n: usize) {
    if let Some(mut a) = acc.take() {
        while a.cells.len() > n && a.cells.last().is_some_and(|c| c.is_empty()) {
            a.cells.pop();
        }
        if !all_empty(&a.cells) {
            rows.push(RawRow { line: a.line, cells: a.cells });
        }
    }
}

/// One chunk of text between two "|" lines.
struct Chunk {
    line: usize,
    text: String,
}

fn chunks(region: &[Line]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut cur: Option<Chunk> = None;
    for l in region {
        if l.text == "|" {
            if let Some(c) = cur.take() {
                out.push(c);
            }
            cur = Some(Chunk { line: l.no, text: String::new() });
            continue;
        }
        let c = cur.get_or_insert_with(|| Chunk { line: l.no, text: String::new() });
        if c.text.is_empty() {
            c.line = l.no;
        } else {
            c.text.push(' ');
        }
        c.text.push_str(&l.text);
    }
    out.extend(cur.filter(|c| !c.text.is_empty()));
    out
}

/// A table flattened to one cell per line block with "|" lines between
/// cells. Two "|" in a row end a row, but they also enclose an empty cell;
/// the header's column count and what follows decide which.
fn read_flat(region: &[Line]) -> Option<RawTable> {
    let chunks = chunks(region);
    let first_empty = chunks.iter().position(|c| c.text.is_empty()).unwrap_or(chunks.len());
    let header1 = header_cells(chunks[..first_empty].iter().map(|c| c.text.clone()).collect())?;
    let line = chunks.first().map(|c| c.line)?;
    let mut pos = first_empty + 1;
    let mut header = vec![header1];
    let shift = Columns::from_header(combine_header(&header)).number == Some(0);
    let n1 = header[0].len();
    let save = pos;
    if let Some(row) = next_flat_row(&chunks, &mut pos, n1, false) {
        if is_subheader(&row.cells) {
            header.push(row.cells);
        } else {
            pos = save;
        }
    }
    let n = combine_header(&header).len().max(2);
    let mut rows = Vec::new();
    while let Some(row) = next_flat_row(&chunks, &mut pos, n, shift) {
        rows.push(row);
    }
    Some(RawTable { line, header, rows })
}

fn next_flat_row(chunks: &[Chunk], pos: &mut usize, n: usize, shift: bool) -> Option<RawRow> {
    let mut cells: Vec<String> = Vec::new();
    let mut line = None;
    while *pos < chunks.len() {
        let c = &chunks[*pos];
        if !c.text.is_empty() {
            if cells.is_empty() && shift && !is_row_start(&c.text) {
                cells.push(String::new());
            }
            line.get_or_insert(c.line);
            cells.push(c.text.clone());
            *pos += 1;
            continue;
        }
        let run = chunks[*pos..].iter().take_while(|c| c.text.is_empty()).count();
        let next = *pos + run;
        if next >= chunks.len() {
            *pos = chunks.len();
            break;
        }
        if cells.iter().all(|c| c.is_empty()) {
            // An empty row, or leading empty cells: keep them as cells.
            cells.extend(std::iter::repeat_n(String::new(), run));
            *pos = next;
            continue;
        }
        let following = chunks[next..].iter().take_while(|c| !c.text.is_empty()).count();
        if is_row_start(&chunks[next].text) {
            *pos = next;
            break;
        }
        let p = cells.len();
        if p + run + following <= n {
            cells.extend(std::iter::repeat_n(String::new(), run));
            *pos = next;
            continue;
        }
        let trailing = n.saturating_sub(p).min(run - 1);
        cells.extend(std::iter::repeat_n(String::new(), trailing));
        *pos += trailing + 1;
        break;
    }
    while cells.len() > n && cells.last().is_some_and(|c| c.is_empty()) {
        cells.pop();
    }
    let line = line?;
    Some(RawRow { line, cells })
}

/// Tab-separated rows; the first line is the header. Leading empty cells
/// may have been trimmed away, so a row opening with text gets its number
/// cell back.
fn read_tab(region: &[Line]) -> Option<RawTable> {
    let first = region.first()?;
    let split = |t: &str| t.split('\t').map(|c| c.trim().to_string()).collect::<Vec<_>>();
    let mut header = vec![header_cells(split(&first.text))?];
    let mut rest = &region[1..];
    if let Some(l) = rest.first() {
        let cells = split(&l.text);
        if is_subheader(&cells) {
            header.push(cells);
            rest = &rest[1..];
        }
    }
    let shift = Columns::from_header(combine_header(&header)).number == Some(0);
    let rows = rest
        .iter()
        .map(|l| RawRow { line: l.no, cells: start_row(l.no, split(&l.text), shift).cells })
        .filter(|r| !all_empty(&r.cells))
        .collect();
    Some(RawTable { line: first.no, header, rows })
}
