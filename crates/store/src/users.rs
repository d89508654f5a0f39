//! Accounts, browser sessions and programs' tokens. Passwords arrive here
//! already hashed (Argon2id, in the web crate); sessions and tokens are kept
//! only as SHA-256 digests of their secret, so a stolen copy of the
//! database signs nobody in.

use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::Row;
use theodoi_core::UserRole;

use crate::agencies;
use crate::audit;
use crate::codec::now_text;
use crate::error::{fix_error, Result, StoreError};
use crate::Store;

/// A user as the application sees it (never with the password hash).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub role: UserRole,
    pub agency_id: Option<i64>,
    pub agency: Option<String>,
    pub email: Option<String>,
    pub display_name: Option<String>,
    pub disabled: bool,
    pub created_at: String,
}

/// What it takes to create an account.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub role: UserRole,
    /// The agency an agency account speaks for (name or alias).
    pub agency: Option<String>,
    pub password_hash: String,
    pub email: Option<String>,
    pub display_name: Option<String>,
}

/// A change an admin makes to an account; `None` leaves a field alone.
#[derive(Debug, Clone, Default)]
pub struct UserChange {
    pub role: Option<UserRole>,
    pub agency: Option<Option<String>>,
    pub email: Option<Option<String>>,
    pub disabled: Option<bool>,
}

/// A signed-in browser: the user and the session's CSRF token.
#[derive(Debug, Clone)]
pub struct SessionUser {
    pub user: User,
    pub csrf: String,
}

const USER_COLUMNS: &str = "u.id, u.username, u.role, u.agency_id, a.name AS agency, u.email, u.display_name,
    u.disabled, u.created_at FROM users u LEFT JOIN agencies a ON a.id = u.agency_id";

fn user_of(r: &AnyRow) -> Result<User> {
    let role: String = r.try_get("role")?;
    Ok(User {
        id: r.try_get("id")?,
        username: r.try_get("username")?,
        role: UserRole::parse(&role).unwrap_or(UserRole::Public),
        agency_id: r.try_get("agency_id")?,
        agency: r.try_get("agency")?,
        email: r.try_get("email")?,
        display_name: r.try_get("display_name")?,
        disabled: r.try_get::<i64, _>("disabled")? != 0,
        created_at: r.try_get("created_at")?,
    })
}

fn valid_username(name: &str) -> bool {
    (3..=64).contains(&name.len()) && name.chars().all(|c| c.is_ascii_alphanumeric() || "._-@".contains(c))
}

impl Store {
    /// Creates an account; an agency account must name a known agency.
    pub async fn create_user(&self, new: &NewUser, actor: &str) -> Result<User> {
        if !valid_username(&new.username) {
            return Err(StoreError::Invalid(
                "tên đăng nhập phải dài 3–64 ký tự, chỉ gồm chữ không dấu, số và . _ - @".into(),
            ));
        }
        if new.role == UserRole::Public {
            return Err(StoreError::Invalid("không tạo tài khoản cho vai trò công khai".into()));
        }
        let mut tx = self.pool().begin().await?;
        let agency_id = match (&new.agency, new.role) {
            (Some(name), _) => Some(agencies::require(&mut tx, name).await?),
            (None, UserRole::Agency) => {
                return Err(StoreError::Invalid("tài khoản cơ quan phải gắn với một cơ quan (--agency)".into()))
            }
            (None, _) => None,
        };
        let taken =
            sqlx::query("SELECT 1 FROM users WHERE username = $1").bind(&new.username).fetch_optional(&mut *tx).await?;
        if taken.is_some() {
            return Err(StoreError::Invalid(format!("tên đăng nhập \"{}\" đã có người dùng", new.username)));
        }
        let row = sqlx::query(
            "INSERT INTO users (username, role, agency_id, password_hash, email, display_name, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(&new.username)
        .bind(new.role.as_str())
        .bind(agency_id)
        .bind(&new.password_hash)
        .bind(&new.email)
        .bind(&new.display_name)
        .bind(now_text())
        .fetch_one(&mut *tx)
        .await
        .map_err(fix_error)?;
        let id: i64 = row.get(0);
        let after =
            serde_json::json!({"username": new.username, "role": new.role, "agency": new.agency, "email": new.email});
        audit::record(&mut tx, actor, "user.create", "user", Some(id), None, Some(&after)).await?;
        tx.commit().await?;
        self.user(id).await
    }

    /// One user by id.
    pub async fn user(&self, id: i64) -> Result<User> {
        let sql = format!("SELECT {USER_COLUMNS} WHERE u.id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("người dùng số {id}")))?;
        user_of(&row)
    }

    /// A user and the stored password hash, for signing in.
    pub async fn user_with_hash(&self, username: &str) -> Result<Option<(User, Option<String>)>> {
        let sql = format!("SELECT u.password_hash, {USER_COLUMNS} WHERE u.username = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(username).fetch_optional(self.pool()).await?;
        row.map(|r| Ok((user_of(&r)?, r.try_get::<Option<String>, _>("password_hash")?))).transpose()
    }

    /// Every account, by username.
    pub async fn users(&self) -> Result<Vec<User>> {
        let sql = format!("SELECT {USER_COLUMNS} ORDER BY u.username");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(self.pool()).await?;
        rows.iter().map(user_of).collect()
    }

    /// The accounts of an agency that have an e-mail address: its focal
    /// points, who receive reminders.
    pub async fn agency_contacts(&self, agency_id: i64) -> Result<Vec<User>> {
        let sql = format!(
            "SELECT {USER_COLUMNS} WHERE u.agency_id = $1 AND u.disabled = 0 AND u.email IS NOT NULL ORDER BY u.username"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(agency_id).fetch_all(self.pool()).await?;
        rows.iter().map(user_of).collect()
    }

    /// Replaces a user's password hash and signs out all their sessions.
    pub async fn set_password_hash(&self, user_id: i64, hash: &str, actor: &str) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        let done = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(user_id)
            .execute(&mut *tx)
            .await
            .map_err(fix_error)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound(format!("người dùng số {user_id}")));
        }
        sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
        audit::record(&mut tx, actor, "user.password", "user", Some(user_id), None, None).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Applies an admin's change to an account.
    pub async fn update_user(&self, user_id: i64, change: &UserChange, actor: &str) -> Result<User> {
        let before = self.user(user_id).await?;
        let mut tx = self.pool().begin().await?;
        let role = change.role.unwrap_or(before.role);
        let agency_id = match &change.agency {
            Some(Some(name)) => Some(agencies::require(&mut tx, name).await?),
            Some(None) => None,
            None => before.agency_id,
        };
        if role == UserRole::Agency && agency_id.is_none() {
            return Err(StoreError::Invalid("tài khoản cơ quan phải gắn với một cơ quan".into()));
        }
        let email = change.email.clone().unwrap_or(before.email.clone());
        let disabled = change.disabled.unwrap_or(before.disabled);
        sqlx::query("UPDATE users SET role = $1, agency_id = $2, email = $3, disabled = $4 WHERE id = $5")
            .bind(role.as_str())
            .bind(agency_id)
            .bind(&email)
            .bind(disabled as i64)
            .bind(user_id)
            .execute(&mut *tx)
            .await
            .map_err(fix_error)?;
        if disabled {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM api_tokens WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
        }
        let before_json = serde_json::to_value(&before).unwrap_or_default();
        let after = serde_json::json!({"role": role, "agency_id": agency_id, "email": email, "disabled": disabled});
        audit::record(&mut tx, actor, "user.update", "user", Some(user_id), Some(&before_json), Some(&after)).await?;
        tx.commit().await?;
        self.user(user_id).await
    }

    /// Stores a new browser session (by the digest of its cookie value).
    pub async fn create_session(&self, token_hash: &str, user_id: i64, csrf: &str, expires_at: &str) -> Result<()> {
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(csrf)
        .bind(now_text())
        .bind(expires_at)
        .execute(self.pool())
        .await
        .map_err(fix_error)?;
        Ok(())
    }

    /// The user behind a live session, if it has not expired at `now`.
    pub async fn session_user(&self, token_hash: &str, now: &str) -> Result<Option<SessionUser>> {
        let sql = format!(
            "SELECT s.csrf, {USER_COLUMNS} JOIN sessions s ON s.user_id = u.id
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = 0"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(token_hash).bind(now).fetch_optional(self.pool()).await?;
        row.map(|r| Ok(SessionUser { user: user_of(&r)?, csrf: r.try_get("csrf")? })).transpose()
    }

    /// Signs a session out.
    pub async fn delete_session(&self, token_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(self.pool()).await?;
        Ok(())
    }

    /// Stores a new API token (by its digest) for a user; returns its id.
    pub async fn create_token(&self, user_id: i64, token_hash: &str, label: Option<&str>, actor: &str) -> Result<i64> {
        let mut tx = self.pool().begin().await?;
        let row = sqlx::query(
            "INSERT INTO api_tokens (user_id, token_hash, label, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(user_id)
        .bind(token_hash)
        .bind(label)
        .bind(now_text())
        .fetch_one(&mut *tx)
        .await
        .map_err(fix_error)?;
        let id: i64 = row.get(0);
        let after = serde_json::json!({"user_id": user_id, "label": label});
        audit::record(&mut tx, actor, "token.create", "user", Some(user_id), None, Some(&after)).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The user a bearer token belongs to.
    pub async fn token_user(&self, token_hash: &str) -> Result<Option<User>> {
        let sql = format!(
            "SELECT {USER_COLUMNS} JOIN api_tokens t ON t.user_id = u.id WHERE t.token_hash = $1 AND u.disabled = 0"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(token_hash).fetch_optional(self.pool()).await?;
        row.as_ref().map(user_of).transpose()
    }
}
