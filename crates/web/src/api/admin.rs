//! Administration: accounts and their API tokens (admins only), and the
//! audit log (admins and the monitoring office).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use theodoi_core::{Action, UserRole};
use theodoi_store::{AuditEntry, AuditFilter, NewUser, User, UserChange};

use super::tasks::day_or_today;
use super::{present, text_field, ApiId, JsonBody, PageQuery, Paged, QueryParams};
use crate::auth::{password, secret, Viewer};
use crate::error::{ApiResult, Problem};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/users", get(list).post(create))
        .route("/users/{id}", axum::routing::patch(change))
        .route("/users/{id}/tokens", post(token))
        .route("/audit", get(audit))
}

async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    QueryParams(q): QueryParams<PageQuery>,
) -> ApiResult<Json<Paged<User>>> {
    viewer.require(&Action::ManageUsers)?;
    let paging = q.paging()?;
    Ok(Json(Paged::of(state.store.users().await?, &paging)))
}

/// A new account. The password is hashed (Argon2id) and never stored or
/// answered as typed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewUserBody {
    pub username: String,
    pub password: String,
    pub role: UserRole,
    /// The agency an agency account speaks for (name or alias).
    pub agency: Option<String>,
    pub email: Option<String>,
    pub display_name: Option<String>,
}

async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    JsonBody(body): JsonBody<NewUserBody>,
) -> ApiResult<(StatusCode, Json<User>)> {
    viewer.require(&Action::ManageUsers)?;
    password::check_strength(&body.password)?;
    if body.password.chars().count() > 1024 {
        return Err(Problem::bad_request("Mật khẩu dài quá 1024 ký tự.").into());
    }
    let new = NewUser {
        username: body.username.trim().to_string(),
        role: body.role,
        agency: text_field(body.agency.as_deref(), "agency", 300)?,
        password_hash: password::hash(body.password).await?,
        email: text_field(body.email.as_deref(), "email", 300)?,
        display_name: text_field(body.display_name.as_deref(), "display_name", 200)?,
    };
    Ok((StatusCode::CREATED, Json(state.store.create_user(&new, &viewer.name()).await?)))
}

/// What an admin changes on an account. A field left out stays as it is;
/// `null` clears `agency`, `email` or `display_name`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserChangeBody {
    pub role: Option<UserRole>,
    #[serde(default, deserialize_with = "present")]
    pub agency: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub email: Option<Option<String>>,
    pub disabled: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    pub display_name: Option<Option<String>>,
}

fn cleared(value: Option<Option<String>>, field: &str, max: usize) -> Result<Option<Option<String>>, Problem> {
    value.map(|v| text_field(v.as_deref(), field, max)).transpose()
}

async fn change(
    State(state): State<AppState>,
    viewer: Viewer,
    ApiId(id): ApiId,
    JsonBody(body): JsonBody<UserChangeBody>,
) -> ApiResult<Json<User>> {
    viewer.require(&Action::ManageUsers)?;
    if body.role == Some(UserRole::Public) {
        return Err(Problem::bad_request("Không gán vai trò công khai cho tài khoản; dùng disabled để khoá.").into());
    }
    let display_name = cleared(body.display_name, "display_name", 200)?;
    let change = UserChange {
        role: body.role,
        agency: cleared(body.agency, "agency", 300)?,
        email: cleared(body.email, "email", 300)?,
        disabled: body.disabled,
    };
    let mut user = state.store.update_user(id, &change, &viewer.name()).await?;
    if let Some(name) = display_name {
        state.store.set_display_name(id, name.as_deref(), &viewer.name()).await?;
        user = state.store.user(id).await?;
    }
    Ok(Json(user))
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenBody {
    /// What the token is for ("báo cáo quý", "đồng bộ Sở KH&ĐT").
    pub label: Option<String>,
}

/// A new API token: the secret is answered this once; only its digest is
/// kept.
#[derive(Debug, Serialize)]
pub struct NewToken {
    pub id: i64,
    pub user_id: i64,
    pub label: Option<String>,
    pub token: String,
}

async fn token(
    State(state): State<AppState>,
    viewer: Viewer,
    ApiId(id): ApiId,
    super::OptionalJson(body): super::OptionalJson<TokenBody>,
) -> ApiResult<(StatusCode, Json<NewToken>)> {
    viewer.require(&Action::ManageUsers)?;
    let user = state.store.user(id).await?;
    if user.disabled {
        return Err(Problem::bad_request("Tài khoản đang bị khoá; mở khoá trước khi cấp mã truy cập.").into());
    }
    let label = text_field(body.label.as_deref(), "label", 200)?;
    let token = format!("tdk_{}", secret::random_hex(24));
    let token_id = state.store.create_token(id, &secret::digest(&token), label.as_deref(), &viewer.name()).await?;
    Ok((StatusCode::CREATED, Json(NewToken { id: token_id, user_id: id, label, token })))
}

#[derive(Debug, Deserialize)]
pub struct AuditQuery {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub entity: Option<String>,
    pub entity_id: Option<i64>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

fn opt_day(s: Option<&str>) -> Result<Option<NaiveDate>, Problem> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        some => day_or_today(some).map(Some),
    }
}

fn blank_none(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

async fn audit(
    State(state): State<AppState>,
    viewer: Viewer,
    QueryParams(q): QueryParams<AuditQuery>,
) -> ApiResult<Json<Paged<AuditEntry>>> {
    viewer.require(&Action::ReadAudit)?;
    let paging = PageQuery { limit: q.limit, offset: q.offset }.paging()?;
    let filter = AuditFilter {
        from: opt_day(q.since.as_deref())?,
        to: opt_day(q.until.as_deref())?,
        actor: blank_none(q.actor),
        action: blank_none(q.action),
        entity: blank_none(q.entity),
        entity_id: q.entity_id,
        limit: paging.limit,
        offset: paging.offset,
    };
    let (items, total) = state.store.audit_page(&filter).await?;
    Ok(Json(Paged { items, total: total as usize }))
}
