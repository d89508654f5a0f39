//! The monitoring office's work: the queue of claimed completions to
//! confirm or return with a reason, and urging an agency about a task.

use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use theodoi_core::Action;
use theodoi_store::{Decision, UrgeChannel};

use super::{render, Chrome, Notice, PageId};
use crate::auth::Viewer;
use crate::error::{PageResult, Problem};
use crate::fmt;
use crate::state::{today, AppState};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/theo-doi", get(queue))
        .route("/nhiem-vu/{id}/xac-nhan", post(confirm))
        .route("/nhiem-vu/{id}/tra-lai", post(give_back))
        .route("/nhiem-vu/{id}/don-doc", post(urge))
}

const PAGE_SIZE: i64 = 20;

struct ClaimLine {
    task_id: i64,
    plan: String,
    code: String,
    title: String,
    due: String,
    agency: String,
    percent: i64,
    done_on: String,
    submitted_on: String,
    submitted_by: String,
    narrative: String,
    evidence: String,
    files: Vec<(i64, String)>,
}

#[derive(askama::Template)]
#[template(path = "monitor.html")]
struct QueuePage {
    chrome: Chrome,
    total: i64,
    claims: Vec<ClaimLine>,
    prev: String,
    next: String,
}

#[derive(Debug, Default, Deserialize)]
struct QueueQuery {
    offset: Option<i64>,
    #[serde(flatten)]
    notice: Notice,
}

async fn queue(State(state): State<AppState>, viewer: Viewer, Query(q): Query<QueueQuery>) -> PageResult<Html<String>> {
    viewer.require(&Action::Decide)?;
    let offset = q.offset.unwrap_or(0).max(0);
    let (claims, total) = state.store.pending_claims(PAGE_SIZE, offset).await?;
    let claims = claims
        .into_iter()
        .map(|c| ClaimLine {
            task_id: c.report.task_id,
            plan: c.plan,
            code: c.task,
            title: c.title,
            due: c.due.map(fmt::date).unwrap_or_default(),
            agency: c.report.agency,
            percent: c.report.percent,
            done_on: fmt::opt_date(c.report.done_on),
            submitted_on: fmt::date(c.report.submitted_on),
            submitted_by: c.report.submitted_by,
            narrative: c.report.narrative.unwrap_or_default(),
            evidence: c.report.evidence.unwrap_or_default(),
            files: c.report.files.iter().map(|f| (f.id, f.file_name.clone())).collect(),
        })
        .collect();
    render(&QueuePage {
        chrome: Chrome::with_flash(&viewer, &q.notice),
        total,
        claims,
        prev: if offset > 0 { format!("/theo-doi?offset={}", (offset - PAGE_SIZE).max(0)) } else { String::new() },
        next: if offset + PAGE_SIZE < total {
            format!("/theo-doi?offset={}", offset + PAGE_SIZE)
        } else {
            String::new()
        },
    })
}

#[derive(Debug, Deserialize)]
struct DecideForm {
    csrf: String,
    agency: Option<String>,
    reason: Option<String>,
    /// Where to go back to: the queue, or the task page.
    back: Option<String>,
}

async fn decide(state: &AppState, viewer: &Viewer, id: i64, form: &DecideForm, decision: Decision) -> PageResult<()> {
    viewer.require(&Action::Decide)?;
    viewer.check_csrf(&form.csrf)?;
    let task = state.store.task(id, today()).await?;
    let agency = form.agency.as_deref().filter(|a| !a.is_empty());
    state.store.decide(&task.plan, &task.task, agency, &decision, today(), &viewer.name()).await?;
    Ok(())
}

fn back_to(form: &DecideForm, id: i64, notice: &str) -> Response {
    match form.back.as_deref() {
        Some("queue") => Redirect::to(&format!("/theo-doi?tb={notice}")),
        _ => Redirect::to(&format!("/nhiem-vu/{id}?tb={notice}")),
    }
    .into_response()
}

async fn confirm(
    State(state): State<AppState>,
    viewer: Viewer,
    PageId(id): PageId,
    Form(form): Form<DecideForm>,
) -> PageResult<Response> {
    decide(&state, &viewer, id, &form, Decision::Confirmed).await?;
    Ok(back_to(&form, id, "xac-nhan"))
}

async fn give_back(
    State(state): State<AppState>,
    viewer: Viewer,
    PageId(id): PageId,
    Form(form): Form<DecideForm>,
) -> PageResult<Response> {
    let reason = form.reason.clone().unwrap_or_default();
    if reason.trim().is_empty() {
        return Err(Problem::bad_request("Trả lại đề nghị thì phải ghi rõ lý do.").into());
    }
    decide(&state, &viewer, id, &form, Decision::Returned { reason: reason.trim().to_string() }).await?;
    Ok(back_to(&form, id, "tra-lai"))
}

#[derive(Debug, Deserialize)]
struct UrgeForm {
    csrf: String,
    agency: Option<String>,
    note: Option<String>,
}

async fn urge(
    State(state): State<AppState>,
    viewer: Viewer,
    PageId(id): PageId,
    Form(form): Form<UrgeForm>,
) -> PageResult<Response> {
    viewer.require(&Action::Urge)?;
    viewer.check_csrf(&form.csrf)?;
    let agency = form.agency.as_deref().filter(|a| !a.is_empty());
    let note = form.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    state.store.record_urge(id, agency, UrgeChannel::Web, note, today(), &viewer.name()).await?;
    Ok(Redirect::to(&format!("/nhiem-vu/{id}?tb=don-doc")).into_response())
}
