//! The periodic progress report (báo cáo tình hình thực hiện kế hoạch) as
//! the monitoring office writes it: overview with a chart, by group, by
//! lead agency, overdue tasks with the agencies' explanations, tasks done in
//! the period, targets against actuals, missing periodic reports, and a
//! recommendations section left for the author.

use std::collections::HashMap;

use theodoi_core::vi::sort_key;
use theodoi_core::{Period, TaskStatus};
use theodoi_store::TargetAssessment;

use crate::data::{code_key, ReportData};
use crate::model::{Align, Bar, BarChart, Cell, Doc, Para, Run, Table};
use crate::nd30::{self, body, date_vi, heading, number_vi, Issuer, Signature, BODY, SMALL};

/// The colour each status has on the dashboard.
pub fn status_color(s: TaskStatus) -> u32 {
    match s {
        TaskStatus::DoneOnTime => 0x2E7D32,
        TaskStatus::DoneLate => 0x9E9D24,
        TaskStatus::AwaitingConfirmation => 0x1565C0,
        TaskStatus::InProgress => 0x00838F,
        TaskStatus::Overdue => 0xC62828,
        TaskStatus::Ongoing => 0x757575,
    }
}

/// "Quý IV năm 2021", "6 tháng đầu năm 2021", "năm 2021", "tháng 03 năm 2021".
pub fn period_label(p: &Period) -> String {
    let key = p.to_string();
    let year = &key[..4];
    match key.get(5..) {
        Some("Q1") => format!("quý I năm {year}"),
        Some("Q2") => format!("quý II năm {year}"),
        Some("Q3") => format!("quý III năm {year}"),
        Some("Q4") => format!("quý IV năm {year}"),
        Some("H1") => format!("6 tháng đầu năm {year}"),
        Some("H2") => format!("6 tháng cuối năm {year}"),
        Some(month) => format!("tháng {month} năm {year}"),
        None => format!("năm {year}"),
    }
}

/// The vocabulary of an assessment: đạt, không đạt, có khả năng đạt, khó đạt.
pub fn assessment_label(a: &TargetAssessment) -> String {
    match a {
        TargetAssessment::NoData => "Chưa có số liệu".into(),
        TargetAssessment::Met => "Đạt".into(),
        TargetAssessment::NotMet => "Không đạt".into(),
        TargetAssessment::OnTrack { needed_average } => {
            format!("Có khả năng đạt (cần bình quân {}%/năm)", number_vi(*needed_average))
        }
        TargetAssessment::OffTrack { needed_average } => {
            format!("Khó đạt (cần bình quân {}%/năm)", number_vi(*needed_average))
        }
    }
}

/// What the report is about, in one line for its subject and file title.
pub fn subject(data: &ReportData) -> String {
    let period = period_label(&data.period);
    match data.plans.as_slice() {
        [p] => format!(
            "Tình hình thực hiện Kế hoạch hành động ban hành kèm theo Quyết định số {}{} ({period})",
            p.number,
            p.issued_on.map(|d| format!(" ngày {}", d.format("%d/%m/%Y"))).unwrap_or_default()
        ),
        plans => format!("Tình hình thực hiện {} kế hoạch hành động trên địa bàn tỉnh ({period})", plans.len()),
    }
}

/// The report as a document, ready to write as DOCX or PDF.
pub fn build(data: &ReportData) -> Doc {
    let mut doc = Doc::new(format!("Báo cáo {}", subject(data)));
    let first = data.plans.first();
    let issuer = Issuer::from_plan(
        first.and_then(|p| p.issuer.as_deref()),
        first.map_or("", |p| p.number.as_str()),
        first.and_then(|p| p.place.as_deref()),
    );
    doc.push(nd30::letterhead(&issuer, &nd30::number_line(Some("BC"), &issuer.abbreviation), None, data.as_of));
    doc.push(Para::new(Align::Center, vec![Run::new("BÁO CÁO", BODY).bold()]).before(12.0));
    doc.push(Para::new(Align::Center, vec![Run::new(subject(data), BODY).bold()]));
    doc.push(Para::rule(40.0).after(12.0));
    doc.push(body(format!(
        "Thực hiện chế độ báo cáo định kỳ, căn cứ kết quả theo dõi đến ngày {}, {} báo cáo tình hình thực hiện \
         {} như sau:",
        date_vi(Some(data.as_of)),
        issuer.name.replace('\n', " ").to_lowercase_first(),
        period_label(&data.period)
    )));
    overview(&mut doc, data);
    by_group(&mut doc, data);
    by_agency(&mut doc, data);
    overdue(&mut doc, data);
    done(&mut doc, data);
    targets(&mut doc, data);
    missing(&mut doc, data);
    doc.push(heading("VIII. KIẾN NGHỊ, ĐỀ XUẤT"));
    for line in ["1. …………………………………………………………………………………………", "2. …………………………………………………………………………………………"]
    {
        doc.push(body(line));
    }
    doc.push(body(format!("Trên đây là báo cáo tình hình thực hiện {}./.", period_label(&data.period))));
    let recipients: Vec<String> = [
        "Thường trực Tỉnh ủy (để b/c)",
        "Thường trực HĐND tỉnh (để b/c)",
        "Chủ tịch, các Phó Chủ tịch UBND tỉnh",
        "Các sở, ban, ngành cấp tỉnh",
        "UBND các huyện, thị xã, thành phố",
    ]
    .map(String::from)
    .to_vec();
    let signature = Signature { capacity: "TM. ỦY BAN NHÂN DÂN".into(), position: "CHỦ TỊCH".into() };
    doc.push(nd30::closing(&recipients, "VT, THKH", &signature));
    doc
}

trait LowerFirst {
    fn to_lowercase_first(&self) -> String;
}

impl LowerFirst for String {
    /// "ỦY BAN NHÂN DÂN TỈNH THANH HÓA" → "Ủy ban nhân dân tỉnh Thanh Hóa"
    /// would need a gazetteer; "UBND tỉnh" style is what offices write.
    fn to_lowercase_first(&self) -> String {
        let lower = self.to_lowercase();
        match lower.strip_prefix("ủy ban nhân dân ") {
            Some(rest) => format!("Ủy ban nhân dân {}", title_case_place(rest)),
            None => self.clone(),
        }
    }
}

/// "tỉnh thanh hóa" → "tỉnh Thanh Hóa": the level stays lower case.
fn title_case_place(s: &str) -> String {
    let mut words = s.split(' ');
    let level = words.next().unwrap_or("");
    let rest: Vec<String> = words
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
        })
        .collect();
    format!("{level} {}", rest.join(" ")).trim().to_string()
}

fn overview(doc: &mut Doc, data: &ReportData) {
    doc.push(heading("I. TỔNG QUAN TÌNH HÌNH THỰC HIỆN"));
    let counts = data.counts();
    let parts: Vec<String> = counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{} {n} nhiệm vụ", s.label_vi().to_lowercase()))
        .collect();
    doc.push(body(format!(
        "Tính đến ngày {}, tổng số nhiệm vụ được giao là {}; trong đó: {}.",
        date_vi(Some(data.as_of)),
        data.tasks.len(),
        parts.join("; ")
    )));
    let total = data.tasks.len().max(1) as f64;
    let mut rows = vec![header(&["Tình trạng", "Số nhiệm vụ", "Tỷ lệ (%)"])];
    for (s, n) in &counts {
        rows.push(vec![
            Cell::text(Align::Left, s.label_vi(), SMALL),
            Cell::text(Align::Center, n.to_string(), SMALL),
            Cell::text(Align::Center, number_vi(*n as f64 * 100.0 / total), SMALL),
        ]);
    }
    rows.push(vec![
        Cell::text(Align::Left, "Tổng cộng", SMALL).bold(),
        Cell::text(Align::Center, data.tasks.len().to_string(), SMALL).bold(),
        Cell::text(Align::Center, "100", SMALL).bold(),
    ]);
    doc.push(Table { widths: vec![85.0, 40.0, 40.0], rows, header_rows: 1, borders: true });
    doc.push(BarChart {
        title: format!("Nhiệm vụ theo tình trạng đến ngày {}", date_vi(Some(data.as_of))),
        bars: counts
            .iter()
            .map(|(s, n)| Bar { label: s.label_vi().to_string(), value: *n as f64, color: status_color(*s) })
            .collect(),
        height_mm: 70.0,
    });
}

/// A header row: bold, centred, shaded.
fn header(titles: &[&str]) -> Vec<Cell> {
    titles.iter().map(|t| Cell::text(Align::Center, *t, SMALL).bold().shaded()).collect()
}

/// The six status counts as cells.
fn count_cells(by: impl Fn(TaskStatus) -> usize) -> Vec<Cell> {
    let done = by(TaskStatus::DoneOnTime) + by(TaskStatus::DoneLate);
    [
        done,
        by(TaskStatus::AwaitingConfirmation),
        by(TaskStatus::InProgress),
        by(TaskStatus::Overdue),
        by(TaskStatus::Ongoing),
    ]
    .iter()
    .map(|n| Cell::text(Align::Center, n.to_string(), SMALL))
    .collect()
}

const COUNT_TITLES: [&str; 5] = ["Hoàn thành", "Chờ xác nhận", "Đang thực hiện", "Quá hạn", "Thường xuyên"];

fn by_group(doc: &mut Doc, data: &ReportData) {
    doc.push(heading("II. KẾT QUẢ THEO NHÓM NHIỆM VỤ"));
    let mut titles = vec!["Nhóm nhiệm vụ", "Tổng số"];
    titles.extend(COUNT_TITLES);
    let mut rows = vec![header(&titles)];
    let several = data.plans.len() > 1;
    // The tasks come sorted by plan and group, so each group is one run.
    for tasks in data.tasks.chunk_by(|a, b| a.plan == b.plan && a.group == b.group) {
        let (plan, group) = (&tasks[0].plan, tasks[0].group);
        let name = match group {
            Some(n) => {
                let title = data.group_title(plan, n).unwrap_or("");
                format!("{n}. {title}")
            }
            None => "Nhiệm vụ khác".to_string(),
        };
        let name = if several { format!("{plan} — {name}") } else { name };
        let mut row =
            vec![Cell::text(Align::Left, name, SMALL), Cell::text(Align::Center, tasks.len().to_string(), SMALL)];
        row.extend(count_cells(|s| tasks.iter().filter(|t| t.status == s).count()));
        rows.push(row);
    }
    doc.push(Table { widths: vec![60.0, 15.0, 18.0, 18.0, 19.0, 16.0, 19.0], rows, header_rows: 1, borders: true });
}

fn by_agency(doc: &mut Doc, data: &ReportData) {
    doc.push(heading("III. KẾT QUẢ THEO CƠ QUAN CHỦ TRÌ"));
    // Each lead agency's counts in one pass over the tasks; a task naming
    // an agency twice counts once.
    let mut counts: HashMap<&str, (usize, HashMap<TaskStatus, usize>)> = HashMap::new();
    let mut names: Vec<&str> = Vec::new();
    for t in &data.tasks {
        let mut leads: Vec<&str> = t.lead.iter().map(String::as_str).collect();
        leads.sort_unstable();
        leads.dedup();
        for lead in leads {
            let (total, by_status) = counts.entry(lead).or_insert_with(|| {
                names.push(lead);
                Default::default()
            });
            *total += 1;
            *by_status.entry(t.status).or_default() += 1;
        }
    }
    // Alphabetical in Vietnamese; names that sort alike keep their order.
    names.sort_by_cached_key(|n| sort_key(n));
    let mut titles = vec!["Cơ quan chủ trì", "Tổng số"];
    titles.extend(COUNT_TITLES);
    let mut rows = vec![header(&titles)];
    for name in names {
        let (total, by_status) = &counts[name];
        let mut row = vec![Cell::text(Align::Left, name, SMALL), Cell::text(Align::Center, total.to_string(), SMALL)];
        row.extend(count_cells(|s| by_status.get(&s).copied().unwrap_or(0)));
        rows.push(row);
    }
    doc.push(Table { widths: vec![60.0, 15.0, 18.0, 18.0, 19.0, 16.0, 19.0], rows, header_rows: 1, borders: true });
}

fn overdue(doc: &mut Doc, data: &ReportData) {
    doc.push(heading("IV. CÁC NHIỆM VỤ QUÁ HẠN"));
    if data.overdue.is_empty() {
        doc.push(body(format!("Đến ngày {}, không có nhiệm vụ nào quá hạn.", date_vi(Some(data.as_of)))));
        return;
    }
    doc.push(body(format!(
        "Đến ngày {}, có {} nhiệm vụ quá hạn chưa hoàn thành, cụ thể:",
        date_vi(Some(data.as_of)),
        data.overdue.len()
    )));
    let mut rows =
        vec![header(&["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Số ngày quá hạn", "Giải trình của cơ quan"])];
    for (i, o) in data.overdue.iter().enumerate() {
        rows.push(vec![
            Cell::text(Align::Center, (i + 1).to_string(), SMALL),
            Cell::text(Align::Left, format!("{} {}", o.task.task, o.task.title), SMALL),
            Cell::text(Align::Left, o.task.lead.join("; "), SMALL),
            Cell::text(Align::Center, date_vi(o.task.deadline.due), SMALL),
            Cell::text(Align::Center, o.days_overdue.to_string(), SMALL),
            Cell::text(Align::Left, o.explanation.clone().unwrap_or_else(|| "Chưa có báo cáo".into()), SMALL),
        ]);
    }
    doc.push(Table { widths: vec![10.0, 60.0, 30.0, 20.0, 15.0, 30.0], rows, header_rows: 1, borders: true });
}

fn done(doc: &mut Doc, data: &ReportData) {
    doc.push(heading(format!("V. NHIỆM VỤ HOÀN THÀNH TRONG {}", period_label(&data.period).to_uppercase())));
    if data.done_in_period.is_empty() {
        doc.push(body(format!("Trong {}, chưa có nhiệm vụ nào được xác nhận hoàn thành.", period_label(&data.period))));
        return;
    }
    let mut rows = vec![header(&["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Ngày hoàn thành", "Đánh giá"])];
    let mut done = data.done_in_period.clone();
    done.sort_by_key(|d| code_key(&d.task.task));
    for (i, d) in done.iter().enumerate() {
        rows.push(vec![
            Cell::text(Align::Center, (i + 1).to_string(), SMALL),
            Cell::text(Align::Left, format!("{} {}", d.task.task, d.task.title), SMALL),
            Cell::text(Align::Left, d.task.lead.join("; "), SMALL),
            Cell::text(Align::Center, date_vi(d.task.deadline.due), SMALL),
            Cell::text(Align::Center, date_vi(d.done_on), SMALL),
            Cell::text(Align::Left, d.task.status.label_vi(), SMALL),
        ]);
    }
    doc.push(Table { widths: vec![10.0, 65.0, 30.0, 20.0, 20.0, 20.0], rows, header_rows: 1, borders: true });
}

fn targets(doc: &mut Doc, data: &ReportData) {
    doc.push(heading("VI. THỰC HIỆN CÁC CHỈ TIÊU"));
    if data.targets.is_empty() {
        doc.push(body("Kế hoạch không đặt chỉ tiêu định lượng."));
        return;
    }
    let mut rows = vec![header(&["STT", "Chỉ tiêu", "Mục tiêu", "Thực hiện", "Đánh giá"])];
    for (i, t) in data.targets.iter().enumerate() {
        let unit = t.unit.as_deref().unwrap_or("");
        let when = match (t.year, t.period) {
            (_, Some([a, b])) => format!(" (giai đoạn {a}-{b})"),
            (Some(y), None) => format!(" (năm {y})"),
            _ => String::new(),
        };
        let goal = format!("{} {} {unit}{when}", comparator_vi(&t.comparator), number_vi(t.value));
        let actual = match t.actuals.last() {
            Some((year, v)) => format!("{} {unit} (năm {year})", number_vi(*v)),
            None => "-".into(),
        };
        rows.push(vec![
            Cell::text(Align::Center, (i + 1).to_string(), SMALL),
            Cell::text(Align::Left, &t.indicator, SMALL),
            Cell::text(Align::Left, goal.trim(), SMALL),
            Cell::text(Align::Left, actual.trim(), SMALL),
            Cell::text(Align::Left, assessment_label(&t.assessment), SMALL),
        ]);
    }
    doc.push(Table { widths: vec![10.0, 65.0, 30.0, 25.0, 35.0], rows, header_rows: 1, borders: true });
}

fn comparator_vi(c: &str) -> &'static str {
    match c {
        ">=" => "≥",
        ">" => ">",
        "<=" => "≤",
        "<" => "<",
        _ => "",
    }
}

fn missing(doc: &mut Doc, data: &ReportData) {
    doc.push(heading("VII. BÁO CÁO ĐỊNH KỲ CÒN THIẾU"));
    if data.missing_reports_total == 0 {
        doc.push(body("Các cơ quan đã gửi đủ báo cáo định kỳ của các kỳ đã kết thúc."));
        return;
    }
    doc.push(body(format!(
        "Có {} báo cáo định kỳ của các kỳ đã kết thúc chưa được gửi{}:",
        data.missing_reports_total,
        if data.missing_reports.len() < data.missing_reports_total {
            format!(" ({} báo cáo đầu tiên được liệt kê)", data.missing_reports.len())
        } else {
            String::new()
        }
    )));
    let mut rows = vec![header(&["STT", "Nhiệm vụ", "Cơ quan", "Kỳ báo cáo"])];
    for (i, m) in data.missing_reports.iter().enumerate() {
        let period = Period::parse(&m.period).map_or(m.period.clone(), |p| period_label(&p));
        rows.push(vec![
            Cell::text(Align::Center, (i + 1).to_string(), SMALL),
            Cell::text(Align::Left, format!("{} ({})", m.task, m.plan), SMALL),
            Cell::text(Align::Left, &m.agency, SMALL),
            Cell::text(Align::Left, period, SMALL),
        ]);
    }
    doc.push(Table { widths: vec![10.0, 45.0, 70.0, 40.0], rows, header_rows: 1, borders: true });
}
