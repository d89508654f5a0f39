//! Browser sessions: a random cookie value, of which the database keeps
//! only the digest, valid for a working week.

use axum::http::HeaderValue;
use chrono::{Duration, Utc};
use theodoi_store::SessionUser;

use super::{secret, SESSION_COOKIE};
use crate::error::Problem;
use crate::state::AppState;

/// How long a session lasts.
pub const LIFETIME_DAYS: i64 = 7;

fn stamp(t: chrono::DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// The user behind a cookie value, when the session is alive.
pub async fn lookup(state: &AppState, cookie_value: &str) -> Result<Option<SessionUser>, Problem> {
    Ok(state.store.session_user(&secret::digest(cookie_value), &stamp(Utc::now())).await?)
}

/// Starts a session for `user_id`; returns the `Set-Cookie` header.
pub async fn start(state: &AppState, user_id: i64) -> Result<HeaderValue, Problem> {
    let value = secret::random_hex(32);
    let csrf = secret::random_hex(16);
    let expires = stamp(Utc::now() + Duration::days(LIFETIME_DAYS));
    state.store.create_session(&secret::digest(&value), user_id, &csrf, &expires).await?;
    Ok(cookie_header(&value, LIFETIME_DAYS * 86_400, state.secure_cookies))
}

/// Ends the session behind a cookie value; returns the header clearing it.
pub async fn end(state: &AppState, cookie_value: Option<&str>) -> Result<HeaderValue, Problem> {
    if let Some(v) = cookie_value {
        state.store.delete_session(&secret::digest(v)).await?;
    }
    Ok(cookie_header("", 0, state.secure_cookies))
}

fn cookie_header(value: &str, max_age: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    ))
    .expect("cookie header is ASCII")
}
