//! The store's change mark, read once per request. Who is asking and every
//! cached answer the request serves are checked against the same mark, so
//! a request costs one small query when nothing has changed.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use crate::error::Problem;
use crate::state::AppState;

/// The change mark the request was served under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark(pub i64);

impl Mark {
    /// The mark for this request: read from the store the first time it is
    /// asked for, then kept in the request for the other extractors.
    pub async fn of(parts: &mut Parts, state: &AppState) -> Result<Mark, Problem> {
        if let Some(mark) = parts.extensions.get::<Mark>() {
            return Ok(*mark);
        }
        let mark = Mark(state.store.change_mark().await?);
        parts.extensions.insert(mark);
        Ok(mark)
    }
}

impl FromRequestParts<AppState> for Mark {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Mark, Problem> {
        Mark::of(parts, state).await
    }
}
