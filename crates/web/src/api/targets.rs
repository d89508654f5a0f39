//! Targets (chỉ tiêu) and their actual values. Values are entered by the
//! target's id: indicator names repeat across groups and plans, so a name
//! cannot say which target is meant.
//!
//! Targets mostly come from the imported plan (the parser reads them from
//! its text); the office adds by hand one the reader missed or one set
//! after the plan (`POST /targets`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use theodoi_core::Action;
use theodoi_parser::Comparator;
use theodoi_store::{NewTarget, TargetTime, TargetValue, TargetView};

use super::plans::known_plan;
use super::tasks::day_or_today;
use super::{text_field, ApiId, JsonBody, PageQuery, Paged, QueryParams};
use crate::auth::Viewer;
use crate::error::{ApiResult, Problem};
use crate::state::{today, AppState};

pub fn routes() -> Router<AppState> {
    Router::new().route("/targets", get(list).post(create)).route("/targets/{id}/values", get(values).post(enter))
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

/// A target added by hand. It is due either by one `year` or over a
/// `period` `[start, end]`, never both.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewTargetBody {
    /// The plan's number ("2999/QĐ-UBND").
    pub plan: String,
    pub group_number: Option<i64>,
    pub indicator: String,
    /// One of the contract's comparators: `>=`, `<=`, `=`, `>`, `<`.
    pub comparator: String,
    pub value: f64,
    pub unit: Option<String>,
    pub year: Option<i64>,
    pub period: Option<[i64; 2]>,
    pub baseline: Option<f64>,
}

fn invalid(message: String) -> Problem {
    Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_input", message)
}

impl NewTargetBody {
    /// The store's command, once the body's shape is right; the values
    /// themselves (years, names) are checked by the store.
    fn target(self) -> Result<NewTarget, Problem> {
        let comparator = serde_json::from_value::<Comparator>(serde_json::Value::String(self.comparator.clone()))
            .map_err(|_| {
                invalid(format!("Phép so sánh \"{}\" không hợp lệ; dùng một trong >=, <=, =, >, <.", self.comparator))
            })?;
        let time = match (self.year, self.period) {
            (Some(y), None) => TargetTime::Year(y),
            (None, Some([start, end])) => TargetTime::Period(start, end),
            (Some(_), Some(_)) => {
                return Err(invalid(
                    "Chỉ ghi một trong hai: year (năm đạt) hoặc period (giai đoạn), không ghi cả hai.".into(),
                ))
            }
            (None, None) => {
                return Err(invalid("Thiếu thời hạn: ghi year (năm đạt) hoặc period [năm đầu, năm cuối].".into()))
            }
        };
        Ok(NewTarget {
            plan: self.plan.trim().to_string(),
            group: self.group_number,
            indicator: self.indicator,
            comparator,
            value: self.value,
            unit: self.unit,
            time,
            baseline: self.baseline,
        })
    }
}

/// Adds a target to a plan and answers it as the list shows it.
async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    JsonBody(body): JsonBody<NewTargetBody>,
) -> ApiResult<(StatusCode, Json<TargetView>)> {
    viewer.require(&Action::DefineTargets)?;
    let target = body.target()?;
    let id = state.store.create_target(&target, &viewer.name()).await?;
    let view = state
        .store
        .targets(Some(&target.plan), today())
        .await?
        .into_iter()
        .find(|t| t.id == id)
        .ok_or_else(|| Problem::not_found(format!("chỉ tiêu số {id} vừa thêm")))?;
    Ok((StatusCode::CREATED, Json(view)))
}
