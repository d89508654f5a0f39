//! Importing a plan document: upload, review the parse beside the source
//! lines (diagnostics highlighted, every field editable, body-only
//! assignments accepted or dropped, agencies matched to the registry),
//! then import. Until the reviewer confirms, the document lives only as a
//! draft: nothing is written to the plan tables.

use std::collections::HashMap;

use axum::extract::{Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use theodoi_core::Action;
use theodoi_parser::{Document, Origin, Severity};
use theodoi_store::{Draft, DraftSummary, ImportOutcome};

use super::draft_edit::{self, agency_names, DraftEdit};
use super::{render, Chrome, Notice, PageId};
use crate::auth::Viewer;
use crate::error::{PageError, PageResult, Problem};
use crate::fmt;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/nhap-van-ban", get(upload_page).post(upload))
        .route("/nhap-van-ban/{id}", get(review).post(save))
        .route("/nhap-van-ban/{id}/nhap", post(commit))
        .route("/nhap-van-ban/{id}/huy", post(discard))
}

/// Largest plan document accepted: the seed is about 100 KB.
pub const MAX_DOCUMENT_BYTES: usize = 5 * 1024 * 1024;

/// File name endings accepted for a plan document.
const DOCUMENT_TYPES: &[&str] = &["txt", "md", "markdown"];

/// Checks an uploaded document and reads it: the text as uploaded and its
/// parse. Refuses, in Vietnamese and before anything is stored, what is
/// too large, not text, not UTF-8 or holds no plan.
pub fn read_document(file_name: &str, bytes: &[u8]) -> Result<(String, Document), Problem> {
    let refuse = |m: String| Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_input", m);
    if bytes.is_empty() {
        return Err(refuse("Chưa chọn tệp hoặc tệp rỗng; hãy chọn tệp văn bản (.txt, .md) rồi tải lên.".into()));
    }
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!("Tệp lớn hơn {} MB; hãy tách văn bản thành nhiều tệp.", MAX_DOCUMENT_BYTES / 1024 / 1024),
        ));
    }
    let ext = file_name.rsplit_once('.').map(|(_, e)| e.to_lowercase()).unwrap_or_default();
    if !DOCUMENT_TYPES.contains(&ext.as_str()) {
        return Err(refuse(format!(
            "Tệp \"{file_name}\" không phải văn bản dạng chữ; chỉ nhận tệp .txt hoặc .md (hãy lưu văn bản Word dưới dạng Plain Text, mã UTF-8)."
        )));
    }
    let options = theodoi_parser::Options { name: Some(file_name.to_string()), ..Default::default() };
    let doc = theodoi_parser::parse(bytes, &options).map_err(|e| refuse(capitalised(&e.to_string())))?;
    if doc.plan.as_ref().is_none_or(|p| p.tasks.is_empty()) {
        return Err(Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "not_a_plan",
            "Văn bản này không có kế hoạch nào (không tìm thấy nhiệm vụ). Hãy kiểm tra lại tệp: cần văn bản ban hành kế hoạch kèm danh mục nhiệm vụ.",
        ));
    }
    let text = theodoi_parser::normalize::decode(bytes).map_err(|e| refuse(capitalised(&e.to_string())))?.text;
    Ok((text, doc))
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect::<String>() + ".").unwrap_or_default()
}

struct DraftLine {
    id: i64,
    source_name: String,
    created_by: String,
    created_at: String,
    committed: bool,
}

impl From<&DraftSummary> for DraftLine {
    fn from(d: &DraftSummary) -> DraftLine {
        DraftLine {
            id: d.id,
            source_name: d.source_name.clone(),
            created_by: d.created_by.clone(),
            created_at: d.created_at.get(..10).and_then(fmt::parse_day).map(fmt::date).unwrap_or_default(),
            committed: d.committed_at.is_some(),
        }
    }
}

#[derive(askama::Template)]
#[template(path = "import_upload.html")]
struct UploadPage {
    chrome: Chrome,
    error: String,
    max_mb: usize,
    drafts: Vec<DraftLine>,
}

async fn upload_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(notice): Query<Notice>,
) -> PageResult<Html<String>> {
    viewer.require(&Action::Import)?;
    upload_form(&state, Chrome::with_flash(&viewer, &notice), String::new()).await
}

async fn upload_form(state: &AppState, chrome: Chrome, error: String) -> PageResult<Html<String>> {
    let drafts = state.store.drafts(30).await?.iter().map(DraftLine::from).collect();
    render(&UploadPage { chrome, error, max_mb: MAX_DOCUMENT_BYTES / 1024 / 1024, drafts })
}

async fn upload(State(state): State<AppState>, viewer: Viewer, mut multipart: Multipart) -> PageResult<Response> {
    viewer.require(&Action::Import)?;
    let unreadable = |_| Problem::bad_request("Không đọc được biểu mẫu gửi lên; hãy tải lại trang và gửi lại.");
    let (mut csrf, mut file) = (String::new(), None);
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        match field.name().unwrap_or_default() {
            "csrf" => csrf = field.text().await.map_err(unreadable)?,
            "file" => {
                let name = field.file_name().unwrap_or_default().to_string();
                file = Some((name, field.bytes().await.map_err(unreadable)?));
            }
            _ => {}
        }
    }
    viewer.check_csrf(&csrf)?;
    let (name, bytes) = file.unwrap_or_default();
    match read_document(&name, &bytes) {
        Ok((text, doc)) => {
            let id = state.store.create_draft(&name, &text, &doc, &viewer.name()).await?;
            Ok(Redirect::to(&format!("/nhap-van-ban/{id}")).into_response())
        }
        Err(problem) => {
            let page = upload_form(&state, Chrome::new(&viewer), problem.message).await?;
            Ok((problem.status, page).into_response())
        }
    }
}

/// One line of the source, with what the parser said about it.
struct SourceLine {
    number: usize,
    text: String,
    notes: String,
    severity: &'static str,
}

struct TaskForm {
    index: usize,
    id: String,
    title: String,
    lead: String,
    coordinating: String,
    product: String,
    deadline: String,
    understood: String,
    line: usize,
    from_body: bool,
    flagged: bool,
}

struct AgencyLine {
    index: usize,
    name: String,
    registry: String,
    tasks: usize,
}

#[derive(askama::Template)]
#[template(path = "import_review.html")]
struct ReviewPage {
    chrome: Chrome,
    /// Why the last save was refused.
    error: String,
    id: i64,
    source_name: String,
    committed: bool,
    number: String,
    kind: String,
    issuer: String,
    issued_on: String,
    title: String,
    plan_title: String,
    diagnostics: Vec<(String, &'static str, usize)>,
    tasks: Vec<TaskForm>,
    targets: usize,
    agencies: Vec<AgencyLine>,
    new_agencies: usize,
    registry: Vec<String>,
    lines: Vec<SourceLine>,
}

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warn",
        Severity::Info => "muted",
    }
}

/// The source as the parser numbered it, each line with its diagnostics.
fn source_lines(draft: &Draft) -> Vec<SourceLine> {
    let mut notes: HashMap<usize, (Vec<&str>, Severity)> = HashMap::new();
    for d in &draft.document.diagnostics {
        if let Some(line) = d.line {
            let entry = notes.entry(line).or_insert((Vec::new(), Severity::Info));
            entry.0.push(&d.message);
            entry.1 = entry.1.min(d.severity);
        }
    }
    theodoi_parser::normalize::normalize(&draft.source_text)
        .lines()
        .enumerate()
        .map(|(i, text)| {
            let number = i + 1;
            let (messages, severity) = notes.get(&number).cloned().unwrap_or((Vec::new(), Severity::Info));
            SourceLine {
                number,
                text: text.to_string(),
                notes: messages.join(" · "),
                severity: if messages.is_empty() { "" } else { severity_class(severity) },
            }
        })
        .collect()
}

fn task_forms(doc: &Document) -> Vec<TaskForm> {
    let flagged: Vec<usize> =
        doc.diagnostics.iter().filter(|d| d.severity != Severity::Info).filter_map(|d| d.line).collect();
    doc.plan
        .iter()
        .flat_map(|p| &p.tasks)
        .enumerate()
        .map(|(index, t)| TaskForm {
            index,
            id: t.id.clone(),
            title: t.title.clone(),
            lead: t.lead.join("; "),
            coordinating: t.coordinating.join("; "),
            product: t.product.clone().unwrap_or_default(),
            deadline: t.deadline.text.clone(),
            understood: match (t.deadline.start, t.deadline.due) {
                (_, Some(due)) => format!("hạn {}", fmt::date(due)),
                (Some(start), None) => format!("từ {}, không có hạn cuối", fmt::date(start)),
                (None, None) => "không có hạn cụ thể".into(),
            },
            line: t.line.unwrap_or(0),
            from_body: t.origin == Origin::Body,
            flagged: t.line.is_some_and(|l| flagged.contains(&l)),
        })
        .collect()
}

async fn review(
    State(state): State<AppState>,
    viewer: Viewer,
    PageId(id): PageId,
    Query(notice): Query<Notice>,
) -> PageResult<Html<String>> {
    viewer.require(&Action::Import)?;
    let draft = state.store.draft(id).await?;
    review_page(&state, Chrome::with_flash(&viewer, &notice), &draft, None).await
}

/// Puts what the reviewer typed back into the form, so a refused save
/// loses nothing.
fn overlay(page: &mut ReviewPage, edit: &DraftEdit) {
    let header = [
        (&mut page.number, &edit.number),
        (&mut page.kind, &edit.kind),
        (&mut page.issuer, &edit.issuer),
        (&mut page.issued_on, &edit.issued_on),
        (&mut page.title, &edit.title),
        (&mut page.plan_title, &edit.plan_title),
    ];
    for (field, typed) in header {
        if let Some(typed) = typed {
            *field = typed.clone();
        }
    }
    for te in &edit.tasks {
        let Some(form) = page.tasks.iter_mut().find(|t| t.id == te.id) else { continue };
        let fields = [
            (&mut form.title, &te.title),
            (&mut form.lead, &te.lead),
            (&mut form.coordinating, &te.coordinating),
            (&mut form.product, &te.product),
            (&mut form.deadline, &te.deadline),
        ];
        for (field, typed) in fields {
            if let Some(typed) = typed {
                *field = typed.clone();
            }
        }
    }
}

/// The review page of a draft; after a refused save, with the reason and
/// the reviewer's typing kept.
async fn review_page(
    state: &AppState,
    chrome: Chrome,
    draft: &Draft,
    refused: Option<(&str, &DraftEdit)>,
) -> PageResult<Html<String>> {
    let id = draft.id;
    let doc = &draft.document;
    let names = agency_names(doc);
    let matches = state.store.match_agencies(&names).await?;
    let tasks = task_forms(doc);
    let agencies: Vec<AgencyLine> = matches
        .iter()
        .enumerate()
        .map(|(index, m)| AgencyLine {
            index,
            tasks: doc
                .plan
                .iter()
                .flat_map(|p| &p.tasks)
                .filter(|t| t.lead.contains(&m.name) || t.coordinating.contains(&m.name))
                .count(),
            name: m.name.clone(),
            registry: m.registry_name.clone().unwrap_or_default(),
        })
        .collect();
    let d = &doc.document;
    let mut page = ReviewPage {
        chrome,
        error: refused.map(|(message, _)| message.to_string()).unwrap_or_default(),
        id,
        source_name: draft.source_name.clone(),
        committed: draft.committed_at.is_some(),
        number: d.number.clone().unwrap_or_default(),
        kind: d.kind.clone().unwrap_or_default(),
        issuer: d.issuer.clone().unwrap_or_default(),
        issued_on: d.issued_on.map(|x| x.to_string()).unwrap_or_default(),
        title: d.title.clone().unwrap_or_default(),
        plan_title: doc.plan.as_ref().and_then(|p| p.title.clone()).unwrap_or_default(),
        diagnostics: doc
            .diagnostics
            .iter()
            .map(|x| (x.message.clone(), severity_class(x.severity), x.line.unwrap_or(0)))
            .collect(),
        targets: doc.plan.as_ref().map_or(0, |p| p.targets.len()),
        new_agencies: agencies.iter().filter(|a| a.registry.is_empty()).count(),
        agencies,
        tasks,
        registry: state.store.agencies().await?.into_iter().map(|a| a.name).collect(),
        lines: source_lines(draft),
    };
    if let Some((_, edit)) = refused {
        overlay(&mut page, edit);
    }
    render(&page)
}

#[derive(Debug, Deserialize)]
struct CsrfForm {
    csrf: String,
}

async fn save(
    State(state): State<AppState>,
    viewer: Viewer,
    PageId(id): PageId,
    Form(fields): Form<Vec<(String, String)>>,
) -> PageResult<Response> {
    viewer.require(&Action::Import)?;
    let csrf = fields.iter().find(|(k, _)| k == "csrf").map(|(_, v)| v.as_str()).unwrap_or_default();
    viewer.check_csrf(csrf)?;
    let draft = state.store.draft(id).await?;
    let edit = draft_edit::from_form(&fields);
    match draft_edit::apply(&draft.document, &edit) {
        Ok(edited) => {
            state.store.update_draft(id, &edited, &viewer.name()).await?;
            Ok(Redirect::to(&format!("/nhap-van-ban/{id}?tb=luu")).into_response())
        }
        Err(problem) => {
            let page = review_page(&state, Chrome::new(&viewer), &draft, Some((&problem.message, &edit))).await?;
            Ok((problem.status, page).into_response())
        }
    }
}

/// Imports a draft and answers where its plan now is.
pub async fn commit_draft(state: &AppState, viewer: &Viewer, id: i64) -> Result<(ImportOutcome, i64), Problem> {
    let outcome = state.store.commit_draft(id, &viewer.name()).await?;
    let number = match &outcome {
        ImportOutcome::Unchanged { plan, .. }
        | ImportOutcome::Created { plan, .. }
        | ImportOutcome::Amended { plan, .. } => plan.clone(),
    };
    Ok((outcome, state.store.plan_id(&number).await?))
}

async fn commit(
    State(state): State<AppState>,
    viewer: Viewer,
    PageId(id): PageId,
    Form(form): Form<CsrfForm>,
) -> PageResult<Response> {
    viewer.require(&Action::Import)?;
    viewer.check_csrf(&form.csrf)?;
    let (_, plan_id) = commit_draft(&state, &viewer, id).await.map_err(PageError)?;
    Ok(Redirect::to(&format!("/ke-hoach/{plan_id}?tb=nhap")).into_response())
}

async fn discard(
    State(state): State<AppState>,
    viewer: Viewer,
    PageId(id): PageId,
    Form(form): Form<CsrfForm>,
) -> PageResult<Response> {
    viewer.require(&Action::Import)?;
    viewer.check_csrf(&form.csrf)?;
    state.store.discard_draft(id, &viewer.name()).await?;
    Ok(Redirect::to("/nhap-van-ban?tb=huy").into_response())
}
