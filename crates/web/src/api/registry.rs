//! The registries every plan shares: agencies and documents.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use theodoi_core::vi::fold;
use theodoi_core::Action;
use theodoi_store::{AgencyView, DocumentListing};

use super::{PageQuery, Paged, QueryParams};
use crate::auth::Viewer;
use crate::error::ApiResult;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/agencies", get(agencies)).route("/documents", get(documents))
}

#[derive(Debug, Deserialize)]
pub struct AgencyQuery {
    /// Words to find in the name or an alias, without diacritics too
    /// ("so ke hoach" finds "Sở Kế hoạch và Đầu tư").
    pub q: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

async fn agencies(
    State(state): State<AppState>,
    viewer: Viewer,
    QueryParams(q): QueryParams<AgencyQuery>,
) -> ApiResult<Json<Paged<AgencyView>>> {
    viewer.require(&Action::ReadPlans)?;
    let paging = PageQuery { limit: q.limit, offset: q.offset }.paging()?;
    let mut all = state.store.agencies().await?;
    if let Some(words) = q.q.as_deref().map(fold).filter(|w| !w.trim().is_empty()) {
        all.retain(|a| std::iter::once(&a.name).chain(&a.aliases).any(|n| fold(n).contains(words.trim())));
    }
    Ok(Json(Paged::of(all, &paging)))
}

async fn documents(
    State(state): State<AppState>,
    viewer: Viewer,
    QueryParams(q): QueryParams<PageQuery>,
) -> ApiResult<Json<Paged<DocumentListing>>> {
    viewer.require(&Action::ReadPlans)?;
    let paging = q.paging()?;
    let (items, total) = state.store.documents(paging.limit, paging.offset).await?;
    Ok(Json(Paged { items, total: total as usize }))
}
