//! The task list with its filters, and the task page: the "5 rõ" of one
//! task, its status on the day asked, its history and the lines of the
//! document it came from.

use axum::extract::{Query, State};
use axum::response::Html;
use axum::routing::get;
use axum::Router;
use theodoi_core::{Action, TaskStatus};
use theodoi_store::{ReportEntry, TaskView, Urge};

use super::dashboard::DayQuery;
use super::rows::{rows, TaskRow};
use super::{render, Chrome, PageId};
use crate::api::tasks::{filter_of, ListQuery};
use crate::auth::Viewer;
use crate::error::PageResult;
use crate::fmt;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/nhiem-vu", get(list)).route("/nhiem-vu/{id}", get(task_page))
}

/// Cells of an appendix row: number, content, lead, coordinating,
/// product, deadline.
pub(crate) const APPENDIX_ROW_CELLS: usize = 6;

/// Tasks a list page shows at once.
const PAGE_SIZE: usize = 50;

#[derive(askama::Template)]
#[template(path = "tasks.html")]
struct TasksPage {
    chrome: Chrome,
    heading: String,
    as_of: String,
    as_of_iso: String,
    plan: String,
    agency: String,
    role: String,
    status: String,
    q: String,
    status_options: Vec<(&'static str, &'static str)>,
    total: usize,
    tasks: Vec<TaskRow>,
    prev: String,
    next: String,
}

async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(mut q): Query<ListQuery>,
) -> PageResult<Html<String>> {
    viewer.require(&Action::ReadPlans)?;
    q.limit = Some(PAGE_SIZE as i64);
    let filter = filter_of(&q)?;
    let page = crate::api::tasks::cached_tasks(&state, &filter).await?;
    let link = |offset: usize| {
        format!(
            "/nhiem-vu?as_of={}&plan={}&agency={}&role={}&status={}&q={}&offset={offset}",
            filter.as_of,
            fmt::url(filter.plan.as_deref().unwrap_or_default()),
            fmt::url(filter.agency.as_deref().unwrap_or_default()),
            filter.role.map_or("", |r| r.as_str()),
            filter.status.map_or("", |s| s.as_str()),
            fmt::url(filter.q.as_deref().unwrap_or_default()),
        )
    };
    let heading = [filter.status.map(|s| s.label_vi().to_string()), filter.agency.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    render(&TasksPage {
        chrome: Chrome::new(&viewer),
        heading,
        as_of: fmt::date(filter.as_of),
        as_of_iso: filter.as_of.to_string(),
        plan: filter.plan.clone().unwrap_or_default(),
        agency: filter.agency.clone().unwrap_or_default(),
        role: filter.role.map_or("", |r| r.as_str()).into(),
        status: filter.status.map_or("", |s| s.as_str()).into(),
        q: filter.q.clone().unwrap_or_default(),
        status_options: TaskStatus::ALL.iter().map(|s| (s.as_str(), s.label_vi())).collect(),
        total: page.total,
        tasks: rows(&page.items),
        prev: if filter.offset > 0 { link(filter.offset.saturating_sub(PAGE_SIZE)) } else { String::new() },
        next: if filter.offset + PAGE_SIZE < page.total { link(filter.offset + PAGE_SIZE) } else { String::new() },
    })
}

/// A claim waiting for the monitor, as the task page lists it.
struct PendingLine {
    agency: String,
    done_on: String,
    submitted_on: String,
}

/// One entry of a task's history.
struct Event {
    day: String,
    sort: (chrono::NaiveDate, u8, i64),
    headline: String,
    lines: Vec<String>,
    files: Vec<(i64, String)>,
}

#[derive(askama::Template)]
#[template(path = "task.html")]
struct TaskPage {
    chrome: Chrome,
    draft: ReportDraft,
    t: TaskRow,
    plan_id: i64,
    as_of: String,
    as_of_iso: String,
    origin_body: bool,
    leads: Vec<(String, String)>,
    coordinating: Vec<(String, String)>,
    product: String,
    deadline_meaning: String,
    reports_to: String,
    can_report: bool,
    can_decide: bool,
    version: i64,
    last_percent: i64,
    recurring: bool,
    pending: Vec<PendingLine>,
    events: Vec<Event>,
    source_name: String,
    source: Vec<(usize, String, bool)>,
}

async fn task_page(
    State(state): State<AppState>,
    viewer: Viewer,
    PageId(id): PageId,
    Query(q): Query<DayQuery>,
) -> PageResult<Html<String>> {
    render_task(&state, &viewer, id, &q, ReportDraft::default()).await
}

/// What an agency typed into the report form, shown again with the
/// reason when it could not be saved, so nothing typed is lost.
#[derive(Debug, Clone, Default)]
pub struct ReportDraft {
    pub error: String,
    pub percent: Option<i64>,
    pub note: String,
    pub difficulties: String,
    pub evidence: String,
    pub period: String,
    pub done: bool,
    pub done_on: String,
}

/// The task page for a day, with the report form holding `draft`.
pub async fn render_task(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    q: &DayQuery,
    draft: ReportDraft,
) -> PageResult<Html<String>> {
    viewer.require(&Action::ReadPlans)?;
    let as_of = q.day();
    let store = &state.store;
    let task = store.task(id, as_of).await?;
    let origin = store.task_origin(id).await?;
    let reports = store.task_reports(id).await?;
    let urges = store.urges_for_task(id).await?;
    let responsible = store.responsible_agencies(id).await?;
    let (source_name, text) = store.document_source(origin.document_id).await?;
    let people = |role: &str| -> Vec<(String, String)> {
        origin
            .agencies
            .iter()
            .filter(|a| a.role == role)
            .map(|a| (a.agency.clone(), a.leader.clone().unwrap_or_default()))
            .collect()
    };
    let own_agency = viewer.user.as_ref().and_then(|u| u.agency.clone());
    let last_percent = reports.iter().rev().find(|r| Some(&r.agency) == own_agency.as_ref()).map_or(0, |r| r.percent);
    let page = TaskPage {
        chrome: Chrome::with_flash(viewer, &q.notice),
        draft,
        plan_id: origin.plan_id,
        as_of: fmt::date(as_of),
        as_of_iso: as_of.to_string(),
        origin_body: task.origin == "body",
        leads: people("lead"),
        coordinating: people("coordinating"),
        product: task.product.clone().unwrap_or_else(|| "Không ghi".into()),
        deadline_meaning: deadline_meaning(&task),
        reports_to: task.deadline.reports_to.clone().unwrap_or_default(),
        can_report: viewer.require(&Action::ReportProgress { responsible }).is_ok(),
        can_decide: viewer.require(&Action::Decide).is_ok(),
        version: task.version,
        last_percent,
        recurring: origin.recurrence.is_some() || task.deadline.kind == "recurring",
        pending: reports
            .iter()
            .filter(|r| r.claims_done && r.decision.is_none())
            .map(|r| PendingLine {
                agency: r.agency.clone(),
                done_on: fmt::opt_date(r.done_on),
                submitted_on: fmt::date(r.submitted_on),
            })
            .collect(),
        events: history(&reports, &urges),
        source_name: source_name.unwrap_or_default(),
        source: source_lines(&text, origin.source_line, if task.origin == "body" { 1 } else { APPENDIX_ROW_CELLS }),
        t: TaskRow::from(&task),
    };
    render(&page)
}

/// What the system understood of the deadline, in words.
fn deadline_meaning(t: &TaskView) -> String {
    let kind = match t.deadline.kind.as_str() {
        "date" => "ngày cụ thể",
        "before" => "trước thời điểm",
        "month" => "trong tháng",
        "quarter" => "trong quý",
        "half_year" => "trong 6 tháng",
        "year" => "trong năm",
        "period" => "cả giai đoạn",
        "recurring" => "định kỳ (báo cáo theo kỳ)",
        "continuous" => "thường xuyên, không có hạn cuối",
        "as_regulated" => "theo quy định",
        _ => "chưa xác định được",
    };
    let mut out = format!("Loại thời hạn: {kind}");
    if let Some(start) = t.deadline.start {
        out.push_str(&format!("; bắt đầu {}", fmt::date(start)));
    }
    match t.deadline.due {
        Some(due) => out.push_str(&format!("; hạn hoàn thành {}", fmt::date(due))),
        None => out.push_str("; không có hạn hoàn thành cố định"),
    }
    out
}

/// Reports, decisions and urges merged in the order they happened.
fn history(reports: &[ReportEntry], urges: &[Urge]) -> Vec<Event> {
    let mut events = Vec::new();
    for r in reports {
        let mut lines = Vec::new();
        if let Some(n) = &r.narrative {
            lines.push(format!("Kết quả: {n}"));
        }
        if let Some(d) = &r.difficulties {
            lines.push(format!("Khó khăn, vướng mắc: {d}"));
        }
        if let Some(e) = &r.evidence {
            lines.push(format!("Minh chứng: {e}"));
        }
        if let Some(p) = &r.period {
            lines.push(format!("Kỳ báo cáo: {p}"));
        }
        let claim = if r.claims_done {
            format!(" — đề nghị công nhận hoàn thành ngày {}", fmt::opt_date(r.done_on))
        } else {
            String::new()
        };
        events.push(Event {
            day: fmt::date(r.submitted_on),
            sort: (r.submitted_on, 0, r.id),
            headline: format!("{} báo cáo {}%{claim} (người gửi: {})", r.agency, r.percent, r.submitted_by),
            lines,
            files: r.files.iter().map(|f| (f.id, f.file_name.clone())).collect(),
        });
        if let (Some(decision), Some(on)) = (&r.decision, r.decided_on) {
            let headline = if decision == "confirmed" {
                format!(
                    "Văn phòng theo dõi xác nhận hoàn thành của {} ({})",
                    r.agency,
                    r.decided_by.clone().unwrap_or_default()
                )
            } else {
                format!(
                    "Văn phòng theo dõi trả lại đề nghị của {} ({})",
                    r.agency,
                    r.decided_by.clone().unwrap_or_default()
                )
            };
            let lines = r.decision_reason.iter().map(|reason| format!("Lý do: {reason}")).collect();
            events.push(Event { day: fmt::date(on), sort: (on, 1, r.id), headline, lines, files: Vec::new() });
        }
    }
    for u in urges {
        let whom = u.agency.clone().unwrap_or_else(|| "các cơ quan chủ trì".into());
        let how = match u.channel {
            theodoi_store::UrgeChannel::Web => "trên hệ thống",
            theodoi_store::UrgeChannel::Letter => "bằng công văn",
            theodoi_store::UrgeChannel::Email => "qua thư điện tử",
        };
        events.push(Event {
            day: fmt::date(u.urged_on),
            sort: (u.urged_on, 2, u.id),
            headline: format!("Đôn đốc {whom} {how} ({})", u.urged_by),
            lines: u.note.iter().map(|n| format!("Nội dung: {n}")).collect(),
            files: Vec::new(),
        });
    }
    events.sort_by_key(|e| e.sort);
    events
}

/// The task's lines of the document, as the parser numbered them (after
/// normalising the text): its first line and the next `marked - 1`
/// non-blank lines are marked (an appendix row is six cells, a line each
/// in a flattened table), with one line of context on either side.
/// Blank lines are left out: they only separate paragraphs.
pub(crate) fn source_lines(text: &str, line: Option<i64>, marked: usize) -> Vec<(usize, String, bool)> {
    let Some(line) = line.and_then(|l| usize::try_from(l).ok()).filter(|l| *l > 0) else {
        return Vec::new();
    };
    let normal = theodoi_parser::normalize::normalize(text);
    let numbered: Vec<(usize, &str)> =
        normal.lines().enumerate().map(|(i, l)| (i + 1, l)).filter(|(_, l)| !l.trim().is_empty()).collect();
    let Some(at) = numbered.iter().position(|(n, _)| *n >= line) else {
        return Vec::new();
    };
    let first = at.saturating_sub(1);
    let last = (at + marked + 1).min(numbered.len());
    (first..last).map(|i| (numbered[i].0, numbered[i].1.to_string(), (at..at + marked).contains(&i))).collect()
}
