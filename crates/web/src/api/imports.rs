//! Importing a plan document as JSON, the same flow as the review page:
//! upload (a draft is made, nothing of the plan is stored), read the draft,
//! correct it, commit it. Monitor and admin only.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use theodoi_core::Action;
use theodoi_parser::Document;
use theodoi_store::{AgencyMatch, Draft, DraftSummary, ImportOutcome};

use super::{JsonBody, QueryParams};
use crate::auth::Viewer;
use crate::error::{ApiResult, Problem};
use crate::pages::draft_edit::{self, agency_names, DraftEdit};
use crate::pages::import::{commit_draft, read_document};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/imports", get(list).post(upload))
        .route("/imports/{id}", get(one).patch(edit).delete(discard))
        .route("/imports/{id}/commit", post(commit))
}

/// A draft's numeric id from the path; anything else is a JSON 404.
struct DraftId(i64);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for DraftId {
    type Rejection = crate::error::ApiError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &S) -> Result<Self, Self::Rejection> {
        let missing = || Problem::not_found("bản nháp này; hãy kiểm tra lại số bản nháp").into();
        let axum::extract::Path(raw) =
            axum::extract::Path::<String>::from_request_parts(parts, state).await.map_err(|_| missing())?;
        raw.parse().map(DraftId).map_err(|_| missing())
    }
}

/// A draft as the API answers it.
#[derive(Debug, Serialize)]
pub struct DraftBody {
    pub id: i64,
    pub source_name: String,
    pub created_by: String,
    pub created_at: String,
    pub committed_at: Option<String>,
    /// Every agency of the draft and the registry agency it maps to
    /// (`registry_name` null: a new agency is created on commit).
    pub agencies: Vec<AgencyMatch>,
    /// The parse, in the `theodoi.plan/1` contract.
    pub document: Document,
}

async fn body_of(state: &AppState, draft: Draft) -> ApiResult<DraftBody> {
    let agencies = state.store.match_agencies(&agency_names(&draft.document)).await?;
    Ok(DraftBody {
        id: draft.id,
        source_name: draft.source_name,
        created_by: draft.created_by,
        created_at: draft.created_at,
        committed_at: draft.committed_at,
        agencies,
        document: draft.document,
    })
}

#[derive(Debug, Deserialize)]
struct UploadQuery {
    /// The file name (`.txt` or `.md`).
    name: Option<String>,
}

/// `POST /api/v1/imports?name=ke-hoach.txt` with the document's bytes as
/// the body (`Content-Type: text/plain` or `text/markdown`).
async fn upload(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    QueryParams(q): QueryParams<UploadQuery>,
    body: Bytes,
) -> ApiResult<(StatusCode, Json<DraftBody>)> {
    viewer.require(&Action::Import)?;
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if !(content_type.starts_with("text/plain") || content_type.starts_with("text/markdown")) {
        return Err(Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Gửi nội dung văn bản trực tiếp trong thân yêu cầu với Content-Type: text/plain (hoặc text/markdown), tên tệp ở tham số name.",
        )
        .into());
    }
    let name = q.name.filter(|n| !n.trim().is_empty()).unwrap_or_else(|| "van-ban.txt".into());
    let (text, doc) = read_document(&name, &body)?;
    let id = state.store.create_draft(&name, &text, &doc, &viewer.name()).await?;
    let draft = state.store.draft(id).await?;
    Ok((StatusCode::CREATED, Json(body_of(&state, draft).await?)))
}

/// Drafts, open ones first: `{items, total}` like every list.
#[derive(Debug, Serialize)]
struct DraftList {
    items: Vec<DraftSummary>,
    total: usize,
}

/// Most drafts listed at once.
const LISTED: i64 = 100;

async fn list(State(state): State<AppState>, viewer: Viewer) -> ApiResult<Json<DraftList>> {
    viewer.require(&Action::Import)?;
    let items = state.store.drafts(LISTED).await?;
    Ok(Json(DraftList { total: items.len(), items }))
}

/// Throws an open draft away; nothing of it was ever in the plan tables.
async fn discard(State(state): State<AppState>, viewer: Viewer, DraftId(id): DraftId) -> ApiResult<StatusCode> {
    viewer.require(&Action::Import)?;
    state.store.discard_draft(id, &viewer.name()).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn one(State(state): State<AppState>, viewer: Viewer, DraftId(id): DraftId) -> ApiResult<Json<DraftBody>> {
    viewer.require(&Action::Import)?;
    let draft = state.store.draft(id).await?;
    Ok(Json(body_of(&state, draft).await?))
}

async fn edit(
    State(state): State<AppState>,
    viewer: Viewer,
    DraftId(id): DraftId,
    JsonBody(edit): JsonBody<DraftEdit>,
) -> ApiResult<Json<DraftBody>> {
    viewer.require(&Action::Import)?;
    let draft = state.store.draft(id).await?;
    if draft.committed_at.is_some() {
        return Err(
            Problem::new(StatusCode::CONFLICT, "conflict", "Bản nháp này đã được nhập; không sửa được nữa.").into()
        );
    }
    let edited = draft_edit::apply(&draft.document, &edit)?;
    state.store.update_draft(id, &edited, &viewer.name()).await?;
    Ok(Json(body_of(&state, state.store.draft(id).await?).await?))
}

/// What a commit did, and the id of the plan (for `/api/v1/plans/{id}`).
#[derive(Debug, Serialize)]
struct Committed {
    plan_id: i64,
    #[serde(flatten)]
    outcome: ImportOutcome,
}

async fn commit(State(state): State<AppState>, viewer: Viewer, DraftId(id): DraftId) -> ApiResult<Json<Committed>> {
    viewer.require(&Action::Import)?;
    let (outcome, plan_id) = commit_draft(&state, &viewer, id).await?;
    Ok(Json(Committed { plan_id, outcome }))
}
