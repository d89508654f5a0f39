//! Spreadsheets. The plan in its appendix's own columns (Số TT, Nội dung,
//! Đơn vị chủ trì, Đơn vị phối hợp, Sản phẩm, Thời gian) plus status, due
//! date and percent, with group rows, a frozen header and filters — the
//! layout offices draft plans in, so `theodoi import` reads it back
//! ([`sheet_to_text`]). The progress report as sheets with a native chart.

use std::io::Cursor;

use calamine::{Reader, Xlsx};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Chart, ChartType, Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use theodoi_core::vi::{fold, sort_key};
use theodoi_core::TaskStatus;
use theodoi_store::TaskView;

use crate::data::{code_key, PlanInfo, ReportData};
use crate::error::{ReportError, Result};
use crate::nd30::place_and_date;
use crate::progress::{assessment_label, period_label, status_color};

/// The appendix's columns, as plans print them.
pub const APPENDIX_COLUMNS: [&str; 6] =
    ["Số TT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Sản phẩm", "Thời gian"];

/// The tracking columns we add after them; an import leaves them out.
pub const TRACKING_COLUMNS: [&str; 3] = ["Tình trạng", "Hạn hoàn thành", "Tiến độ (%)"];

const FONT: &str = "Times New Roman";

fn base() -> Format {
    Format::new().set_font_name(FONT).set_font_size(12).set_text_wrap().set_align(FormatAlign::Top)
}

fn cell() -> Format {
    base().set_border(FormatBorder::Thin)
}

fn head() -> Format {
    cell().set_bold().set_background_color(Color::RGB(0xE7E6E6)).set_align(FormatAlign::Center)
}

fn excel_date(d: NaiveDate) -> std::result::Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

/// The plan's tasks as the appendix sheet: the decision's header lines
/// first (so the sheet alone says which plan it is), then the table.
pub fn plan_workbook(plan: &PlanInfo, tasks: &[TaskView], as_of: NaiveDate) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Phụ lục nhiệm vụ")?;
    let header_row = write_plan_header(ws, plan)?;
    for (c, title) in APPENDIX_COLUMNS.iter().chain(TRACKING_COLUMNS.iter()).enumerate() {
        ws.write_string_with_format(header_row, c as u16, *title, &head())?;
    }
    for (c, width) in [8.0, 60.0, 30.0, 30.0, 30.0, 22.0, 22.0, 14.0, 10.0].iter().enumerate() {
        ws.set_column_width(c as u16, *width)?;
    }
    let mut row = header_row + 1;
    let group_format = cell().set_bold().set_background_color(Color::RGB(0xF2F2F2));
    let date_format = cell().set_num_format("dd/mm/yyyy").set_align(FormatAlign::Center);
    let mut appendix: Vec<&TaskView> = tasks.iter().filter(|t| t.origin == "appendix").collect();
    appendix.sort_by_key(|t| (t.group, code_key(&t.task)));
    let mut current_group = None;
    for t in appendix {
        let is_group_task = t.group.is_some_and(|g| t.task == g.to_string());
        if t.group != current_group && !is_group_task {
            if let Some(g) = t.group {
                let title = plan.groups.iter().find(|x| x.number == g).map_or("", |x| x.title.as_str());
                ws.write_string_with_format(row, 0, g.to_string(), &group_format)?;
                ws.write_string_with_format(row, 1, title, &group_format)?;
                for c in 2..9 {
                    ws.write_blank(row, c, &group_format)?;
                }
                row += 1;
            }
        }
        current_group = t.group;
        let format = if is_group_task { group_format.clone() } else { cell() };
        let texts = [
            t.task.clone(),
            t.title.clone(),
            t.lead.join("; "),
            t.coordinating.join("; "),
            t.product.clone().unwrap_or_default(),
        ];
        for (c, text) in texts.iter().enumerate() {
            ws.write_string_with_format(row, c as u16, text, &format)?;
        }
        ws.write_string_with_format(row, 5, &t.deadline.text, &format)?;
        ws.write_string_with_format(row, 6, t.status.label_vi(), &cell())?;
        match t.deadline.due {
            Some(d) => ws.write_datetime_with_format(row, 7, excel_date(d)?, &date_format)?,
            None => ws.write_blank(row, 7, &cell())?,
        };
        match t.percent {
            Some(p) => ws.write_number_with_format(row, 8, p as f64, &cell())?,
            None => ws.write_blank(row, 8, &cell())?,
        };
        row += 1;
    }
    ws.set_freeze_panes(header_row + 1, 0)?;
    ws.autofilter(header_row, 0, row.saturating_sub(1).max(header_row), 8)?;
    let note = format!("Tình trạng tính đến ngày {}.", as_of.format("%d/%m/%Y"));
    ws.write_string_with_format(row + 1, 1, note, &base().set_italic())?;
    agencies_sheet(&mut wb, tasks)?;
    Ok(wb.save_to_buffer()?)
}

/// The lines above the table: issuer, number, place and date, kind and
/// title, as the decision's header carries them.
fn write_plan_header(ws: &mut Worksheet, plan: &PlanInfo) -> Result<u32> {
    let mut lines = Vec::new();
    if let Some(issuer) = &plan.issuer {
        lines.push(issuer.to_uppercase());
    }
    lines.push(format!("Số: {}", plan.number));
    if let Some(day) = plan.issued_on {
        lines.push(place_and_date(plan.place.as_deref().unwrap_or(""), day));
    }
    lines.push(plan.kind.clone().unwrap_or_else(|| "KẾ HOẠCH".into()).to_uppercase());
    if let Some(title) = &plan.title {
        lines.push(title.clone());
    }
    let bold = base().set_bold();
    for (i, line) in lines.iter().enumerate() {
        ws.write_string_with_format(i as u32, 1, line, &bold)?;
    }
    Ok(lines.len() as u32 + 1)
}

/// Lead agencies in Vietnamese dictionary order with their counts.
fn agencies_sheet(wb: &mut Workbook, tasks: &[TaskView]) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name("Cơ quan chủ trì")?;
    let mut names: Vec<&str> = tasks.iter().flat_map(|t| t.lead.iter().map(String::as_str)).collect();
    names.sort_by_key(|n| sort_key(n));
    names.dedup();
    let titles = ["Cơ quan chủ trì", "Số nhiệm vụ", "Hoàn thành", "Quá hạn"];
    for (c, t) in titles.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *t, &head())?;
    }
    ws.set_column_width(0, 60)?;
    for (i, name) in names.iter().enumerate() {
        let theirs: Vec<&TaskView> = tasks.iter().filter(|t| t.lead.iter().any(|l| l == name)).collect();
        let row = i as u32 + 1;
        ws.write_string_with_format(row, 0, *name, &cell())?;
        ws.write_number_with_format(row, 1, theirs.len() as f64, &cell())?;
        ws.write_number_with_format(row, 2, theirs.iter().filter(|t| t.status.is_done()).count() as f64, &cell())?;
        let overdue = theirs.iter().filter(|t| t.status == TaskStatus::Overdue).count();
        ws.write_number_with_format(row, 3, overdue as f64, &cell())?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, names.len() as u32, 3)?;
    Ok(())
}

/// A cell of a report sheet.
enum Value {
    Text(String),
    Number(f64),
}

fn t(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

fn n(v: impl Into<f64>) -> Value {
    Value::Number(v.into())
}

fn table_sheet(wb: &mut Workbook, name: &str, titles: &[&str], widths: &[f64], rows: &[Vec<Value>]) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(name)?;
    for (c, title) in titles.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *title, &head())?;
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match v {
                Value::Text(s) => ws.write_string_with_format(r, c, s, &cell())?,
                Value::Number(x) => ws.write_number_with_format(r, c, *x, &cell())?,
            };
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, rows.len() as u32, titles.len().saturating_sub(1) as u16)?;
    Ok(())
}

/// The progress report's figures as sheets, with the status chart drawn by
/// the spreadsheet itself from the overview sheet's cells.
pub fn report_workbook(data: &ReportData) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let counts = data.counts();
    let overview: Vec<Vec<Value>> = counts.iter().map(|(s, c)| vec![t(s.label_vi()), n(*c as u32)]).collect();
    table_sheet(&mut wb, "Tổng quan", &["Tình trạng", "Số nhiệm vụ"], &[32.0, 14.0], &overview)?;
    {
        let ws = wb.worksheet_from_index(0)?;
        let mut chart = Chart::new(ChartType::Bar);
        let series = chart.add_series();
        series
            .set_categories(("Tổng quan", 1, 0, counts.len() as u32, 0))
            .set_values(("Tổng quan", 1, 1, counts.len() as u32, 1))
            .set_name("Số nhiệm vụ");
        let points: Vec<rust_xlsxwriter::ChartPoint> = counts
            .iter()
            .map(|(s, _)| {
                rust_xlsxwriter::ChartPoint::new().set_format(
                    rust_xlsxwriter::ChartFormat::new()
                        .set_solid_fill(rust_xlsxwriter::ChartSolidFill::new().set_color(Color::RGB(status_color(*s)))),
                )
            })
            .collect();
        series.set_points(&points);
        chart.title().set_name(&format!("Nhiệm vụ theo tình trạng đến ngày {}", data.as_of.format("%d/%m/%Y")));
        chart.legend().set_hidden();
        ws.insert_chart(1, 3, &chart)?;
        let note =
            format!("Báo cáo {}; số liệu đến ngày {}.", period_label(&data.period), data.as_of.format("%d/%m/%Y"));
        ws.write_string(counts.len() as u32 + 2, 0, note)?;
    }
    let by_agency = agency_rows(data);
    table_sheet(
        &mut wb,
        "Theo cơ quan",
        &["Cơ quan chủ trì", "Tổng số", "Hoàn thành", "Chờ xác nhận", "Đang thực hiện", "Quá hạn", "Thường xuyên"],
        &[50.0, 10.0, 12.0, 14.0, 16.0, 10.0, 14.0],
        &by_agency,
    )?;
    let overdue: Vec<Vec<Value>> = data
        .overdue
        .iter()
        .map(|o| {
            vec![
                t(&o.task.task),
                t(&o.task.title),
                t(o.task.lead.join("; ")),
                t(o.task.deadline.due.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default()),
                n(o.days_overdue as f64),
                t(o.explanation.clone().unwrap_or_default()),
            ]
        })
        .collect();
    table_sheet(
        &mut wb,
        "Quá hạn",
        &["Số TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Số ngày quá hạn", "Giải trình"],
        &[8.0, 60.0, 30.0, 12.0, 14.0, 40.0],
        &overdue,
    )?;
    let done: Vec<Vec<Value>> = data
        .done_in_period
        .iter()
        .map(|d| {
            vec![
                t(&d.task.task),
                t(&d.task.title),
                t(d.task.lead.join("; ")),
                t(d.done_on.map(|x| x.format("%d/%m/%Y").to_string()).unwrap_or_default()),
                t(d.task.status.label_vi()),
            ]
        })
        .collect();
    table_sheet(
        &mut wb,
        "Hoàn thành trong kỳ",
        &["Số TT", "Nhiệm vụ", "Cơ quan chủ trì", "Ngày hoàn thành", "Đánh giá"],
        &[8.0, 60.0, 30.0, 14.0, 20.0],
        &done,
    )?;
    let targets: Vec<Vec<Value>> = data
        .targets
        .iter()
        .map(|x| {
            vec![
                t(&x.indicator),
                t(&x.comparator),
                n(x.value),
                t(x.unit.clone().unwrap_or_default()),
                x.actuals.last().map_or(t(""), |(_, v)| n(*v)),
                t(assessment_label(&x.assessment)),
            ]
        })
        .collect();
    table_sheet(
        &mut wb,
        "Chỉ tiêu",
        &["Chỉ tiêu", "So sánh", "Mục tiêu", "Đơn vị", "Thực hiện", "Đánh giá"],
        &[60.0, 8.0, 12.0, 12.0, 12.0, 30.0],
        &targets,
    )?;
    let missing: Vec<Vec<Value>> =
        data.missing_reports.iter().map(|m| vec![t(&m.plan), t(&m.task), t(&m.agency), t(&m.period)]).collect();
    table_sheet(
        &mut wb,
        "Thiếu báo cáo",
        &["Kế hoạch", "Nhiệm vụ", "Cơ quan", "Kỳ"],
        &[18.0, 10.0, 50.0, 10.0],
        &missing,
    )?;
    Ok(wb.save_to_buffer()?)
}

fn agency_rows(data: &ReportData) -> Vec<Vec<Value>> {
    let mut names: Vec<&str> = data.tasks.iter().flat_map(|t| t.lead.iter().map(String::as_str)).collect();
    names.sort_by_key(|x| sort_key(x));
    names.dedup();
    names
        .iter()
        .map(|name| {
            let theirs: Vec<&TaskView> = data.tasks.iter().filter(|x| x.lead.iter().any(|l| l == name)).collect();
            let count = |s: TaskStatus| theirs.iter().filter(|x| x.status == s).count() as u32;
            vec![
                t(*name),
                n(theirs.len() as u32),
                n(count(TaskStatus::DoneOnTime) + count(TaskStatus::DoneLate)),
                n(count(TaskStatus::AwaitingConfirmation)),
                n(count(TaskStatus::InProgress)),
                n(count(TaskStatus::Overdue)),
                n(count(TaskStatus::Ongoing)),
            ]
        })
        .collect()
}

/// Turns the first sheet of an XLSX file in the appendix layout into the
/// text the parser reads: the lines above the table as lines, the table as
/// a markdown pipe table of the appendix columns (our tracking columns
/// left out), so an imported sheet goes through the same reading and
/// review as a text plan.
pub fn sheet_to_text(bytes: &[u8]) -> Result<String> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| ReportError::Sheet(e.to_string()))?;
    let range = wb
        .worksheet_range_at(0)
        .ok_or_else(|| ReportError::Sheet("tệp không có trang tính nào".into()))?
        .map_err(|e| ReportError::Sheet(e.to_string()))?;
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(|c| clean(&c.to_string())).collect()).collect();
    let header = rows
        .iter()
        .position(|r| r.iter().any(|c| matches!(fold(c).as_str(), "so tt" | "stt" | "tt")))
        .ok_or_else(|| ReportError::Sheet("không thấy dòng tiêu đề bảng (cột \"Số TT\")".into()))?;
    let tracking: Vec<String> = TRACKING_COLUMNS.iter().map(|c| fold(c)).collect();
    let keep: Vec<usize> = rows[header]
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_empty() && !tracking.contains(&fold(c)))
        .map(|(i, _)| i)
        .collect();
    let mut text = String::new();
    for r in &rows[..header] {
        let line = r.iter().filter(|c| !c.is_empty()).cloned().collect::<Vec<_>>().join(" ");
        if !line.is_empty() {
            text.push_str(&line);
            text.push_str("\n\n");
        }
    }
    let pipe = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    text.push_str(&pipe(keep.iter().map(|i| rows[header][*i].clone()).collect()));
    text.push_str(&pipe(keep.iter().map(|_| "---".to_string()).collect()));
    for r in &rows[header + 1..] {
        let cells: Vec<String> = keep.iter().map(|i| r.get(*i).cloned().unwrap_or_default()).collect();
        if cells.iter().all(String::is_empty) {
            break;
        }
        text.push_str(&pipe(cells));
    }
    Ok(text)
}

/// One line, no pipe: a cell's text as a pipe-table cell.
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").replace('|', "/")
}
