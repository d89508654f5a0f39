//! Who is asking. A browser proves it with the session cookie, a program
//! with `Authorization: Bearer TOKEN`; everyone else is the public. What
//! each may do is decided by `theodoi_core::allowed`, never here.

pub mod password;
pub mod secret;
pub mod session;
pub mod throttle;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use theodoi_core::{allowed, Action, Actor, UserRole};
use theodoi_store::User;

use crate::error::Problem;
use crate::mark::Mark;
use crate::state::AppState;

/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "theodoi_session";

/// The person (or program) behind a request.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub user: Option<User>,
    /// The session's CSRF token; `None` for bearer tokens and the public.
    pub csrf: Option<String>,
}

impl Viewer {
    pub fn actor(&self) -> Actor {
        match &self.user {
            Some(u) => Actor { role: u.role, agency_id: u.agency_id },
            None => Actor::PUBLIC,
        }
    }

    pub fn role(&self) -> UserRole {
        self.actor().role
    }

    /// The name written in the audit log for this viewer's changes.
    pub fn name(&self) -> String {
        self.user.as_ref().map_or_else(|| "public".into(), |u| u.username.clone())
    }

    /// Succeeds when the viewer may do `action`: 401 for the public, who
    /// may sign in, 403 for a user whose role does not allow it.
    pub fn require(&self, action: &Action) -> Result<(), Problem> {
        if allowed(self.actor(), action) {
            Ok(())
        } else if self.user.is_none() {
            Err(Problem::unauthorized())
        } else {
            Err(Problem::forbidden())
        }
    }

    /// Checks a form's CSRF token against the session's.
    pub fn check_csrf(&self, sent: &str) -> Result<(), Problem> {
        match &self.csrf {
            Some(expected) if secret::same(expected, sent) => Ok(()),
            _ => Err(Problem::csrf()),
        }
    }
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Viewer, Problem> {
        if let Some(token) = bearer(&parts.headers) {
            let digest = secret::digest(token);
            let mark = Mark::of(parts, state).await?;
            return match token_user(state, mark, digest).await? {
                Some(user) => Ok(Viewer { user: Some(user), csrf: None }),
                None => Err(Problem::new(
                    axum::http::StatusCode::UNAUTHORIZED,
                    "invalid_token",
                    "Mã truy cập (token) không hợp lệ hoặc đã bị thu hồi. Hãy tạo mã mới bằng `theodoi token create`.",
                )),
            };
        }
        if let Some(cookie) = cookie(&parts.headers, SESSION_COOKIE) {
            if let Some(s) = session::lookup(state, cookie).await? {
                return Ok(Viewer { user: Some(s.user), csrf: Some(s.csrf) });
            }
        }
        Ok(Viewer { user: None, csrf: None })
    }
}

impl axum::response::IntoResponse for Problem {
    fn into_response(self) -> axum::response::Response {
        crate::error::ApiError(self).into_response()
    }
}

/// The user behind a token digest, from the cache while nothing changed.
/// Programs send the same token with every request; only a valid token is
/// kept, so unknown ones cannot fill the cache.
async fn token_user(state: &AppState, mark: Mark, digest: String) -> Result<Option<User>, Problem> {
    if let Some(user) = state.tokens.get(mark.0, &digest) {
        return Ok(Some(user.as_ref().clone()));
    }
    let user = state.store.token_user(&digest).await?;
    if let Some(user) = &user {
        state.tokens.put(mark.0, digest, user.clone());
    }
    Ok(user)
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    value.strip_prefix("Bearer ").map(str::trim).filter(|t| !t.is_empty())
}

/// The value of one cookie from the request's `Cookie` headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}
