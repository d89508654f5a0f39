//! Downloads on a plan's page (`/ke-hoach/tai-ve/FILE?plan=NUMBER&as_of=DAY`): the progress report as DOCX, PDF or XLSX and
//! the plan as an XLSX sheet, written by `theodoi-reports` for the day the
//! page shows — the same papers `theodoi report` and `theodoi export` write.

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use theodoi_core::Action;
use theodoi_reports::data::PlanInfo;
use theodoi_reports::{docx, pdf, progress, xlsx, ReportData, ReportError, ReportRequest};
use theodoi_store::TaskFilter;

use super::dashboard::DayQuery;
use crate::auth::Viewer;
use crate::error::{PageError, PageResult, Problem};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/ke-hoach/tai-ve/{file}", get(download))
}

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The files a plan offers, by the last part of their address.
enum Paper {
    ReportDocx,
    ReportPdf,
    ReportXlsx,
    PlanXlsx,
}

impl Paper {
    fn parse(file: &str) -> Option<Paper> {
        match file {
            "bao-cao.docx" => Some(Paper::ReportDocx),
            "bao-cao.pdf" => Some(Paper::ReportPdf),
            "bao-cao.xlsx" => Some(Paper::ReportXlsx),
            "ke-hoach.xlsx" => Some(Paper::PlanXlsx),
            _ => None,
        }
    }
}

fn problem(e: ReportError) -> PageError {
    match e {
        ReportError::Store(e) => PageError(e.into()),
        other => PageError(Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "report", other.to_string())),
    }
}

async fn download(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(file): Path<String>,
    Query(q): Query<DayQuery>,
) -> PageResult<Response> {
    viewer.require(&Action::ReadPlans)?;
    let not_found = || PageError(Problem::not_found("tệp này; hãy kiểm tra lại địa chỉ"));
    let paper = Paper::parse(&file).ok_or_else(not_found)?;
    let store = &state.store;
    let number = q.plan().ok_or_else(not_found)?.to_string();
    store.plan_id(&number).await?;
    let as_of = q.day();
    let (bytes, kind, ext) = match paper {
        Paper::PlanXlsx => {
            let plan = PlanInfo::load(store, &number).await.map_err(problem)?;
            let mut filter = TaskFilter::as_of(as_of);
            filter.plan = Some(number.clone());
            let tasks = store.tasks(&filter).await?.items;
            (xlsx::plan_workbook(&plan, &tasks, as_of).map_err(problem)?, XLSX, "xlsx")
        }
        paper => {
            let request = ReportRequest { plan: Some(number.clone()), as_of, period: None };
            let data = ReportData::load(store, &request).await.map_err(problem)?;
            match paper {
                Paper::ReportDocx => (docx::write(&progress::build(&data)).map_err(problem)?, DOCX, "docx"),
                Paper::ReportXlsx => (xlsx::report_workbook(&data).map_err(problem)?, XLSX, "xlsx"),
                _ => {
                    let fonts = pdf::Fonts::load(std::path::Path::new(pdf::DEFAULT_FONT_DIR)).map_err(problem)?;
                    (pdf::write(&progress::build(&data), &fonts).map_err(problem)?, "application/pdf", "pdf")
                }
            }
        }
    };
    let stem = file.split('.').next().unwrap_or("tai-ve");
    let name = format!("{stem}-{}-{}.{ext}", ascii(&number), as_of.format("%Y%m%d"));
    Ok((
        [
            (header::CONTENT_TYPE, kind.to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        bytes,
    )
        .into_response())
}

/// "2999/QĐ-UBND" → "2999-qd-ubnd": a file name every browser keeps.
fn ascii(number: &str) -> String {
    theodoi_core::vi::fold(number).chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect()
}
