//! Urges: the monitor records who was urged about a task, and anyone who
//! reads plans sees the urges on it.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use theodoi_core::Action;
use theodoi_store::{Urge, UrgeChannel};

use super::{text_field, ApiId, JsonBody};
use crate::auth::Viewer;
use crate::error::{ApiResult, Problem};
use crate::state::{today, AppState};

pub fn routes() -> Router<AppState> {
    Router::new().route("/tasks/{id}/urges", get(list).post(create))
}

async fn list(State(state): State<AppState>, viewer: Viewer, ApiId(id): ApiId) -> ApiResult<Json<Vec<Urge>>> {
    viewer.require(&Action::ReadPlans)?;
    state.store.task_origin(id).await?;
    Ok(Json(state.store.urges_for_task(id).await?))
}

/// An urge: to one agency (by name) or, without one, to every agency
/// responsible for the task.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UrgeBody {
    pub agency: Option<String>,
    pub note: Option<String>,
    #[serde(default)]
    pub channel: Channel,
}

/// How the urge reached the agency.
#[derive(Debug, Default, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    #[default]
    Web,
    Letter,
    Email,
}

impl From<Channel> for UrgeChannel {
    fn from(c: Channel) -> UrgeChannel {
        match c {
            Channel::Web => UrgeChannel::Web,
            Channel::Letter => UrgeChannel::Letter,
            Channel::Email => UrgeChannel::Email,
        }
    }
}

async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    ApiId(id): ApiId,
    JsonBody(body): JsonBody<UrgeBody>,
) -> ApiResult<(StatusCode, Json<Urge>)> {
    viewer.require(&Action::Urge)?;
    let agency = text_field(body.agency.as_deref(), "agency", 300)?;
    let note = text_field(body.note.as_deref(), "note", 10_000)?;
    let urge_id = state
        .store
        .record_urge(id, agency.as_deref(), body.channel.into(), note.as_deref(), today(), &viewer.name())
        .await?;
    let urge = state
        .store
        .urges_for_task(id)
        .await?
        .into_iter()
        .find(|u| u.id == urge_id)
        .ok_or_else(|| Problem::not_found(format!("lần đôn đốc số {urge_id}")))?;
    Ok((StatusCode::CREATED, Json(urge)))
}
