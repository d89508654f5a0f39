//! PDF column text: every cell cut into short lines, sometimes one word per
//! line, no separators, the header repeated on every page. Rows start at
//! "N." lines and groups at Roman numerals; inside a row the lines are
//! assigned to columns by cues (agency names open the agency cells, the
//! coordinating cell usually ends with "liên quan", deadlines open with
//! time words). A row that cannot be split with confidence keeps its whole
//! text as the title, with a `table.row_unsplit` warning.

use super::columns::{is_number_header, roman_prefix, Role};
use crate::fold::fold;
use crate::model::{Diagnostic, Origin, Severity};
use crate::raw::{Line, RawGroup, RawTask, TableTasks};

/// The roles the header names, in the order they appear.
fn header_roles(joined: &str) -> Vec<Role> {
    let f = fold(joined);
    let mut found: Vec<(usize, Role)> = [
        ("stt", Role::Number),
        ("nhiem vu", Role::Title),
        ("noi dung", Role::Title),
        ("chu tri", Role::Lead),
        ("phoi hop", Role::Coordinating),
        ("ket qua", Role::Product),
        ("san pham", Role::Product),
        ("thoi gian", Role::Deadline),
        ("thoi han", Role::Deadline),
        ("tien do", Role::Deadline),
    ]
    .iter()
    .filter_map(|(k, r)| f.find(k).map(|i| (i, *r)))
    .collect();
    found.sort_by_key(|(i, _)| *i);
    let mut roles: Vec<Role> = Vec::new();
    for (_, r) in found {
        if !roles.contains(&r) {
            roles.push(r);
        }
    }
    roles
}

fn row_number(t: &str) -> Option<(u32, &str)> {
    let digits = t.find(|c: char| !c.is_ascii_digit())?;
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = t.get(digits..)?.strip_prefix('.')?;
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((t.get(..digits)?.parse().ok()?, rest.trim()))
}

fn is_header_start(t: &str) -> bool {
    is_number_header(t)
}

fn is_page_furniture(t: &str) -> bool {
    t.starts_with("CÔNG BÁO") || (!t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()))
}

fn is_end(t: &str) -> bool {
    if !t.starts_with(['N', 'K', 'T', 'P', 'C', 'n', 'k', 't', 'p', 'c']) {
        return false;
    }
    let head: String = t.chars().take(20).collect();
    let f = fold(&head);
    ["noi nhan", "kt. ", "tm. ", "kt.", "tm.", "phu luc", "thu tuong", "chu tich"].iter().any(|m| f.starts_with(m))
}

/// How many lines the header block at `i` spans: up to the first row or
/// group line.
fn header_len(lines: &[Line], i: usize) -> usize {
    lines[i..]
        .iter()
        .take(14)
        .position(|l| row_number(&l.text).is_some() || roman_prefix(&l.text).is_some_and(|(_, r)| !r.is_empty()))
        .unwrap_or(0)
}

/// The first "STT" block whose words name a title and a lead or deadline
/// column: its index, its length in lines and its roles.
fn find_header(lines: &[Line]) -> Option<(usize, usize, Vec<Role>)> {
    lines.iter().enumerate().filter(|(_, l)| is_header_start(&l.text)).find_map(|(start, _)| {
        let hlen = header_len(lines, start);
        let joined: Vec<&str> = lines[start..start + hlen].iter().map(|l| &*l.text).collect();
        let roles = header_roles(&joined.join(" "));
        let ok = roles.contains(&Role::Title) && (roles.contains(&Role::Lead) || roles.contains(&Role::Deadline));
        ok.then_some((start, hlen, roles))
    })
}

/// How many lines after a repeated "STT" repeat the first header's lines.
fn repeated_header_len(rest: &[Line], header: &[Line]) -> usize {
    rest.iter().zip(header).take_while(|(a, b)| a.text == b.text).count()
}

pub(super) fn pdf_table(lines: &[Line]) -> Option<TableTasks> {
    let (start, hlen, roles) = find_header(lines)?;
    let mut out = TableTasks::default();
    let mut rows: Vec<PdfRow> = Vec::new();
    let mut group: Option<u32> = None;
    let mut in_group_title = false;
    let mut i = start + hlen;
    while let Some(l) = lines.get(i) {
        let t = &*l.text;
        i += 1;
        if t.is_empty() || is_page_furniture(t) {
            continue;
        }
        if is_header_start(t) {
            i += repeated_header_len(&lines[i..], &lines[start + 1..start + hlen]);
            if let Some(r) = rows.last_mut() {
                r.broken = true;
            }
            continue;
        }
        if is_end(t) {
            break;
        }
        if let Some((n, rest)) = roman_prefix(t).filter(|(_, r)| !r.is_empty()) {
            out.groups.push(RawGroup { number: n, title: rest.to_string(), line: l.no });
            group = Some(n);
            in_group_title = true;
            continue;
        }
        if let Some((n, rest)) = row_number(t) {
            in_group_title = false;
            let mut row = PdfRow { line: l.no, number: n, group, before: Vec::new(), after: Vec::new(), broken: false };
            if !rest.is_empty() {
                row.before.push(rest.to_string());
            }
            rows.push(row);
            continue;
        }
        if in_group_title {
            if let Some(g) = out.groups.last_mut() {
                g.title.push(' ');
                g.title.push_str(t);
            }
            continue;
        }
        if let Some(r) = rows.last_mut() {
            if r.broken {
                r.after.push(t.to_string())
            } else {
                r.before.push(t.to_string())
            }
        }
    }
    for row in rows {
        let task = split_row(&row, &roles, &mut out.diagnostics);
        out.tasks.push(task);
    }
    Some(out)
}

struct PdfRow {
    line: usize,
    number: u32,
    group: Option<u32>,
    /// Lines before and after a page break that cut the row.
    before: Vec<String>,
    after: Vec<String>,
    broken: bool,
}

const AGENCY_CUES: &[&str] = &[
    "bo",
    "cac",
    "uy ban",
    "ubnd",
    "so",
    "co quan",
    "ban",
    "bao hiem xa hoi",
    "hoi",
    "tong",
    "ngan hang",
    "van phong",
    "thanh tra",
    "kiem toan",
    "toa an",
    "vien",
    "dai",
    "thong tan",
    "mat tran",
    "lien doan",
    "doan",
    "cong an",
    "trung tam",
    "co so",
    "chinh phu",
    "hoi dong",
    "tap doan",
    "dia phuong",
];

const PRODUCT_CUES: &[&str] = &[
    "van ban",
    "nghi quyet",
    "nghi dinh",
    "quyet dinh",
    "thong tu",
    "de an",
    "ke hoach",
    "bao cao",
    "luat",
    "chuong trinh",
    "cac chi tieu",
    "cac hoat dong",
    "tai lieu",
    "he thong",
    "huong dan",
    "cong van",
    "chi thi",
    "phan mem",
    "ket qua",
    "hoi nghi",
    "so tay",
    "co so du lieu",
];

const DEADLINE_CUES: &[&str] = &[
    "thuong xuyen",
    "hang nam",
    "hang quy",
    "hang thang",
    "nam 20",
    "quy ",
    "thang ",
    "tu quy",
    "tu nam",
    "tu thang",
    "truoc",
    "giai doan",
    "dinh ky",
    "trong nam",
    "trong quy",
    "trong thang",
    "den nam",
    "sau khi",
    "da hoan thanh",
    "khi co",
    "20",
];

fn starts_with_word(folded: &str, cue: &str) -> bool {
    folded
        .strip_prefix(cue)
        .is_some_and(|r| r.is_empty() || cue.ends_with(' ') || !r.starts_with(char::is_alphanumeric))
}

fn capitalised(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_uppercase)
}

fn is_agency_start(t: &str) -> bool {
    let f = fold(t);
    capitalised(t) && AGENCY_CUES.iter().any(|c| starts_with_word(&f, c))
}

fn is_deadline_start(t: &str) -> bool {
    let f = fold(t);
    DEADLINE_CUES.iter().any(|c| f.starts_with(c))
}

/// Product words may be cut one per line ("Các" / "hoạt" / "động"), so the
/// next few lines are read together.
fn is_product_start(next: &[String]) -> bool {
    let t = next.join(" ");
    let f = fold(&t);
    capitalised(&t) && PRODUCT_CUES.iter().any(|c| starts_with_word(&f, c))
}

/// A line that cannot end an agency cell: it ends with a comma or a word
/// that needs more after it.
fn continues(prev: &str) -> bool {
    let f = fold(prev);
    f.ends_with(',')
        || f.ends_with(';')
        || ["va", "o", "trinh", "voi", "cua", "cac", "tu"].iter().any(|w| f == *w || f.ends_with(&format!(" {w}")))
}

/// The coordinating cell ends with "(có) liên quan", often cut as
/// "liên" / "quan", so the last two lines are read together.
fn ends_related(prev: &[String]) -> bool {
    let f = fold(&prev.join(" "));
    let f = f.trim_end_matches('.');
    f.ends_with("lien quan")
}

/// Column boundaries inside one row's lines, or `None` when the cues do not
/// give a consistent split.
struct Split {
    lead: usize,
    coordinating: Option<usize>,
    product: Option<usize>,
    deadline: usize,
}

fn find_split(l: &[String], roles: &[Role]) -> Option<Split> {
    let lead = (1..l.len()).find(|&i| l[i].chars().count() <= 32 && is_agency_start(&l[i]))?;
    let deadline = if roles.contains(&Role::Deadline) {
        (lead + 1..l.len())
            .rev()
            .find(|&i| is_deadline_start(&l[i]) && (i + 1..l.len()).all(|j| !is_agency_start(&l[j])))
            .map(|d| first_of_run(l, lead, d))
            .or_else(|| (l.len() > lead + 1 && trailing_deadline(l.last()?).is_some()).then_some(l.len()))?
    } else {
        l.len()
    };
    let coordinating = if roles.contains(&Role::Coordinating) {
        (lead + 1..deadline).find(|&i| is_agency_start(&l[i]) && !continues(&l[i - 1]))
    } else {
        None
    };
    let from = coordinating.unwrap_or(lead);
    let product = if roles.contains(&Role::Product) {
        (from + 1..deadline)
            .find(|&i| coordinating.is_some() && ends_related(&l[i.saturating_sub(2)..i]))
            .or_else(|| (from + 1..deadline).find(|&i| is_product_start(&l[i..deadline.min(i + 3)])))
    } else {
        None
    };
    if roles.contains(&Role::Product) && product.is_none() && deadline > from + 1 && coordinating.is_some() {
        return None;
    }
    Some(Split { lead, coordinating, product, deadline })
}

/// "Từ tháng 5/2026," / "thường xuyên": a deadline of several cue lines
/// starts at the first of them.
fn first_of_run(l: &[String], lead: usize, mut d: usize) -> usize {
    while d > lead + 1 && is_deadline_start(&l[d - 1]) {
        d -= 1;
    }
    d
}

/// Where a deadline starts inside a line that also ends another cell
/// ("văn bản phối hợp Thường xuyên"): a capitalised time word after a
/// space.
fn trailing_deadline(t: &str) -> Option<usize> {
    const WORDS: &[&str] = &[" Thường xuyên", " Hằng năm", " Hàng năm", " Quý ", " Năm 20", " Tháng ", " Định kỳ"];
    WORDS.iter().filter_map(|w| t.find(w)).min().map(|i| i + 1)
}

/// When a title line and the lead's first line were printed as one
/// ("… theo lộ trình phù hợp Bộ Y tế"), the row's only agency block is in
/// fact the coordinating one: cut the title line before the agency name.
fn unmerge_lead(l: &[String], lead: usize) -> Option<Vec<String>> {
    let k = lead.checked_sub(1)?;
    let at = trailing_agency(l.get(k)?)?;
    let mut out = l.to_vec();
    let line = out.get(k)?.clone();
    out[k] = line.get(..at)?.trim().to_string();
    out.insert(k + 1, line.get(at..)?.trim().to_string());
    Some(out)
}

fn trailing_agency(t: &str) -> Option<usize> {
    const CUES: &[&str] = &[" Bộ ", " Ủy ban ", " UBND ", " Sở ", " Bảo hiểm xã hội", " Ngân hàng ", " Văn phòng "];
    const LINKS: &[&str] = &["với", "của", "cho", "và", "tại", "các", "đến", "từ", "trình", "để"];
    let at = CUES.iter().filter_map(|c| t.rfind(c)).max()?;
    let before = t.get(..at)?;
    let prev_word = before.rsplit(' ').next().unwrap_or("");
    let tail = t.get(at + 1..)?;
    let ok = tail.chars().count() <= 30 && !LINKS.contains(&prev_word) && !before.ends_with([',', ';', ':']);
    ok.then_some(at + 1)
}

/// The row's lines with the last one cut before its trailing deadline.
fn split_last_line(l: &[String]) -> Vec<String> {
    let mut out = l.to_vec();
    if let Some(last) = out.pop() {
        let at = trailing_deadline(&last).unwrap_or(last.len());
        out.push(last.get(..at).unwrap_or("").trim().to_string());
        out.push(last.get(at..).unwrap_or("").trim().to_string());
    }
    out
}

fn join(l: &[String]) -> Option<String> {
    let s = crate::text::collapse_whitespace(&l.join(" "));
    (!s.is_empty()).then_some(s)
}

fn split_row(row: &PdfRow, roles: &[Role], diags: &mut Vec<Diagnostic>) -> RawTask {
    // PDF tables number their rows straight through, across groups.
    let id = row.number.to_string();
    let mut l: &[String] = &row.before;
    let mut task = RawTask {
        id,
        group: row.group,
        seq: Some(row.number),
        title: String::new(),
        lead_text: None,
        coordinating_text: None,
        product: None,
        deadline_text: None,
        origin: Origin::Appendix,
        line: row.line,
    };
    let merged;
    let mut split = find_split(l, roles);
    if let Some(fixed) = split.as_ref().filter(|s| s.coordinating.is_none()).and_then(|s| unmerge_lead(l, s.lead)) {
        if let Some(better) = find_split(&fixed, roles).filter(|s| s.coordinating.is_some()) {
            merged = fixed;
            split = Some(better);
            l = &merged;
        }
    }
    let Some(s) = split else {
        let mut all = row.before.clone();
        all.extend(row.after.iter().cloned());
        task.title = join(&all).unwrap_or_default();
        diags.push(Diagnostic::new(
            Severity::Warning,
            "table.row_unsplit",
            format!("Không tách được các cột của dòng {} trong bảng (văn bản PDF); toàn bộ nội dung được giữ làm tên nhiệm vụ", row.number),
            Some(row.line),
        ));
        return task;
    };
    let owned;
    let l = if s.deadline == l.len() && roles.contains(&Role::Deadline) {
        owned = split_last_line(l);
        &owned
    } else {
        l
    };
    let coord_end = s.product.unwrap_or(s.deadline);
    let lead_end = s.coordinating.unwrap_or(coord_end);
    task.title = join(&l[..s.lead]).unwrap_or_default();
    task.lead_text = join(&l[s.lead..lead_end]);
    task.coordinating_text = s.coordinating.and_then(|c| join(&l[c..coord_end]));
    task.product = s.product.and_then(|p| join(&l[p..s.deadline]));
    task.deadline_text = join(l.get(s.deadline..).unwrap_or(&[]));
    continue_after_break(&mut task, &row.after);
    task
}

/// Lines after a page break continue the cells they were cut from: a run
/// of long lines (and the short one closing it) the title, the widest
/// column; the rest the coordinating cell, the one most often cut.
fn continue_after_break(task: &mut RawTask, after: &[String]) {
    let mut in_title = after.first().is_some_and(|t| t.chars().count() > 32);
    for t in after {
        if in_title {
            task.title.push(' ');
            task.title.push_str(t);
            // The title's last line is the first short one.
            in_title = t.chars().count() > 32;
            continue;
        }
        let field = task.coordinating_text.get_or_insert_with(String::new);
        if !field.is_empty() {
            field.push(' ');
        }
        field.push_str(t);
    }
}
