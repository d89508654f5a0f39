//! The appendix flattened one cell per paragraph (the seed's layout): the
//! header cells, then group rows (a number and a title) and task rows (a
//! number and one paragraph per remaining column), numbering restarting in
//! each group. A group row carrying the task cells itself is a task.

use std::borrow::Cow;

use super::columns::{is_column_number, is_number_header, is_row_number, role_of, Columns, Role};
use super::{GridRow, RowKind};
use crate::fold::{fold, letter_in, letter_table};
use crate::raw::Line;

struct Para<'a> {
    line: usize,
    /// Borrowed from its line when it has only one.
    text: Cow<'a, str>,
}

fn paragraphs<'a>(lines: &'a [Line<'_>]) -> Vec<Para<'a>> {
    // At most one paragraph per two lines (a blank line ends each).
    let mut out: Vec<Para> = Vec::with_capacity(lines.len() / 2 + 1);
    let mut open = false;
    for l in lines {
        if l.text.is_empty() {
            open = false;
            continue;
        }
        match out.last_mut() {
            Some(p) if open => {
                let t = p.text.to_mut();
                t.push(' ');
                t.push_str(&l.text);
            }
            _ => out.push(Para { line: l.no, text: Cow::Borrowed(&l.text) }),
        }
        open = true;
    }
    out
}

/// The header and the rows of the first paragraph table whose header makes
/// it a task table.
pub(super) fn paragraph_table<'a>(lines: &'a [Line<'_>]) -> Option<(Columns, Vec<GridRow<'a>>)> {
    let paras = paragraphs(lines);
    let mut i = 0;
    while i < paras.len() {
        if is_number_header(&paras[i].text) {
            if let Some(found) = read_from(&paras, i) {
                return Some(found);
            }
        }
        i += 1;
    }
    None
}

fn read_from<'a>(paras: &[Para<'a>], start: usize) -> Option<(Columns, Vec<GridRow<'a>>)> {
    let header: Vec<String> = std::iter::once(&paras[start])
        .chain(paras[start + 1..].iter().take(11).take_while(|p| {
            p.text.chars().count() <= 120
                && role_of(&p.text) != Role::Number
                && !is_row_number(&p.text)
                && !is_column_number(&p.text)
        }))
        .map(|p| p.text.to_string())
        .collect();
    let cols = Columns::from_header(header);
    if !cols.is_task_table() || cols.number != Some(0) {
        return None;
    }
    let n = cols.len();
    let body = &paras[start + n..];
    let skip = body.iter().take_while(|p| is_column_number(&p.text)).count();
    let rows = read_rows(&body[skip..], n);
    if rows.is_empty() {
        return None;
    }
    Some((cols, classify(rows)))
}

/// Only the opening words matter, so only they are folded.
fn is_end(text: &str) -> bool {
    if !text.starts_with(['H', 'N', 'T', 'K', 'P', 'C', 'h', 'n', 't', 'k', 'p', 'c']) {
        return false;
    }
    // The first two letters must fold to a marker's: an ASCII letter folds
    // to itself lower-cased and a Vietnamese one to its table letter, so
    // most cells ("Thực hiện", "Nhiệm vụ", "Tổ chức") are refused here
    // without folding their head.
    let mut chars = text.chars();
    if let (Some(first), Some(second)) = (chars.next(), chars.next()) {
        let second =
            if second.is_ascii() { Some(second.to_ascii_lowercase() as u8) } else { letter_in(letter_table(), second) };
        if let Some(second) = second {
            let pair = [first.to_ascii_lowercase() as u8, second];
            if !matches!(
                pair,
                [b'h', b'i'] | [b'n', b'o'] | [b't', b'm'] | [b'k', b't'] | [b'p', b'h'] | [b'c', b'h'] | [b'n', b'g']
            ) {
                return false;
            }
        }
    }
    let head_end = text.char_indices().nth(20).map_or(text.len(), |(i, _)| i);
    let f = fold(&text[..head_end]);
    ["hieu luc van ban", "noi nhan", "tm.", "kt.", "tm ", "kt ", "phu luc", "chu tich", "nguoi ky"]
        .iter()
        .any(|m| f.starts_with(m))
}

fn read_rows<'a>(paras: &[Para<'a>], n: usize) -> Vec<GridRow<'a>> {
    let mut rows = Vec::with_capacity(paras.len() / n.max(1) + 1);
    let mut i = 0;
    while let Some(p) = paras.get(i) {
        if !is_row_number(&p.text) || is_end(&p.text) {
            break;
        }
        let next_is_number = paras.get(i + 2).is_some_and(|q| is_row_number(&q.text));
        let title_ok = paras.get(i + 1).is_some_and(|q| !is_row_number(&q.text) && !is_end(&q.text));
        if !title_ok {
            break;
        }
        if next_is_number {
            let cells = vec![p.text.clone(), paras[i + 1].text.clone()];
            rows.push(GridRow { line: p.line, cells, kind: RowKind::Group });
            i += 2;
            continue;
        }
        // A task row has `n` cells: room for them all at once.
        let mut cells = Vec::with_capacity(n);
        cells.push(p.text.clone());
        let mut j = i + 1;
        while cells.len() < n {
            match paras.get(j) {
                Some(q) if !is_row_number(&q.text) && !is_end(&q.text) => cells.push(q.text.clone()),
                _ => break,
            }
            j += 1;
        }
        rows.push(GridRow { line: p.line, cells, kind: RowKind::Task });
        i = j;
    }
    rows
}

fn number(row: &GridRow) -> u32 {
    row.cells.first().and_then(|c| c.trim().trim_end_matches('.').parse().ok()).unwrap_or(0)
}

/// A task row numbered like the next group (the current group's number
/// plus one) is that group carrying its own task when it cannot be the
/// next task of the current group, or when the next group row follows its
/// number.
fn classify(mut rows: Vec<GridRow>) -> Vec<GridRow> {
    if !rows.iter().any(|r| r.kind == RowKind::Group) {
        return rows;
    }
    let mut group: Option<u32> = None;
    let mut last_seq = 0u32;
    for i in 0..rows.len() {
        let n = number(&rows[i]);
        if rows[i].kind == RowKind::Group {
            group = Some(n);
            last_seq = 0;
            continue;
        }
        let next_group = rows[i + 1..].iter().find(|r| r.kind == RowKind::Group).map(number);
        let is_next_group = n == group.map_or(1, |g| g + 1);
        if is_next_group && (group.is_none() || n != last_seq + 1 || next_group == Some(n + 1)) {
            rows[i].kind = RowKind::GroupTask;
            group = Some(n);
            last_seq = 0;
        } else {
            last_seq = n;
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `is_end` with no shortcut: the folded head against every marker.
    fn is_end_plain(text: &str) -> bool {
        let head_end = text.char_indices().nth(20).map_or(text.len(), |(i, _)| i);
        let f = fold(&text[..head_end]);
        ["hieu luc van ban", "noi nhan", "tm.", "kt.", "tm ", "kt ", "phu luc", "chu tich", "nguoi ky"]
            .iter()
            .any(|m| f.starts_with(m))
    }

    #[test]
    fn end_markers_agree_with_folding() {
        for t in [
            "Nơi nhận:",
            "NƠI NHẬN",
            "TM. ỦY BAN NHÂN DÂN",
            "KT. CHỦ TỊCH",
            "Tm ủy ban",
            "Kt chủ tịch",
            "PHỤ LỤC",
            "Phụ lục II",
            "CHỦ TỊCH",
            "Người ký",
            "NGƯỜI KÝ",
            "Hiệu lực văn bản",
            "HIỆU LỰC VĂN BẢN",
            "Thực hiện",
            "Nhiệm vụ",
            "Khảo sát",
            "Chủ trì",
            "Phối hợp",
            "Ngành",
            "T",
            "K.",
            "Tổ chức",
            "Kế hoạch",
            "Hộ",
            "Nâng cao",
            "CHỈ ĐẠO",
            "Chủ động",
            "Ngày 1",
            "Tm",
            "T\u{0301}m",
            "Ñ",
            "Hĩ",
        ] {
            assert_eq!(is_end(t), is_end_plain(t), "{t:?}");
        }
    }
}
