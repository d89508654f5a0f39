//! Targets (chỉ tiêu) and their actual values. Values are entered by the
//! target's id: indicator names repeat across groups and plans, so a name
//! cannot say which target is meant.
//!
//! Targets themselves come from the imported plan (the parser reads them
//! from its text); the API does not invent new ones.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use theodoi_core::Action;
use theodoi_store::{TargetValue, TargetView};

use super::plans::known_plan;
use super::tasks::day_or_today;
use super::{text_field, ApiId, JsonBody, PageQuery, Paged, QueryParams};
use crate::auth::Viewer;
use crate::error::{ApiResult, Problem};
use crate::state::{today, AppState};

pub fn routes() -> Router<AppState> {
    Router::new().route("/targets", get(list)).route("/targets/{id}/values", get(values).post(enter))
}

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    pub plan: Option<String>,
    pub as_of: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    QueryParams(q): QueryParams<ListQuery>,
) -> ApiResult<Json<Paged<TargetView>>> {
    viewer.require(&Action::ReadPlans)?;
    let paging = PageQuery { limit: q.limit, offset: q.offset }.paging()?;
    let as_of = day_or_today(q.as_of.as_deref())?;
    let plan = known_plan(&state, q.plan.as_deref()).await?;
    let all = state.store.targets(plan.as_deref(), as_of).await?;
    Ok(Json(Paged::of(all, &paging)))
}

/// A target with every value entered against it and where each came from.
#[derive(Debug, Serialize)]
pub struct TargetValues {
    pub target: TargetView,
    pub values: Vec<TargetValue>,
}

async fn target_values(state: &AppState, id: i64) -> Result<TargetValues, Problem> {
    let values = state.store.target_values(id).await?;
    let target = state
        .store
        .targets(None, today())
        .await?
        .into_iter()
        .find(|t| t.id == id)
        .ok_or_else(|| Problem::not_found(format!("chỉ tiêu số {id} trong các kế hoạch đang hiệu lực")))?;
    Ok(TargetValues { target, values })
}

async fn values(State(state): State<AppState>, viewer: Viewer, ApiId(id): ApiId) -> ApiResult<Json<TargetValues>> {
    viewer.require(&Action::ReadPlans)?;
    Ok(Json(target_values(&state, id).await?))
}

/// An actual value of a target for a year, with its source.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValueBody {
    pub year: i64,
    pub value: f64,
    /// Where the figure comes from (a statistics report's number).
    pub source: Option<String>,
}

async fn enter(
    State(state): State<AppState>,
    viewer: Viewer,
    ApiId(id): ApiId,
    JsonBody(body): JsonBody<ValueBody>,
) -> ApiResult<(StatusCode, Json<TargetValues>)> {
    viewer.require(&Action::EnterTargetValues)?;
    let source = text_field(body.source.as_deref(), "source", 500)?;
    state.store.set_target_value_by_id(id, body.year, body.value, source.as_deref(), &viewer.name()).await?;
    Ok((StatusCode::CREATED, Json(target_values(&state, id).await?)))
}
