//! The append-only audit log. Every change calls [`record`] inside the same
//! transaction as the change, so a change and its record land together or
//! not at all.

use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::codec::now_text;
use crate::error::{fix_error, Result};
use crate::Store;

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

pub(crate) async fn record(
    conn: &mut AnyConnection,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    before: Option<&serde_json::Value>,
    after: Option<&serde_json::Value>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor, action, entity, entity_id, before_json, after_json) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(now_text())
    .bind(actor)
    .bind(action)
    .bind(entity)
    .bind(entity_id)
    .bind(before.map(|v| v.to_string()))
    .bind(after.map(|v| v.to_string()))
    .execute(&mut *conn)
    .await
    .map_err(fix_error)?;
    bump_change_mark(conn).await
}

/// Records `action` on each of many entities (id and state after), in
/// multi-row statements, and counts the change once: a bulk import records
/// each plan it created, and one statement pair per plan was 40,000 round
/// trips at a million tasks.
pub(crate) async fn record_each(
    conn: &mut AnyConnection,
    actor: &str,
    action: &str,
    entity: &str,
    entries: &[(i64, serde_json::Value)],
) -> Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let at = now_text();
    for chunk in entries.chunks(crate::bulk::BATCH) {
        let sql = crate::bulk::multi_row_insert(
            conn,
            "INSERT INTO audit_log (at, actor, action, entity, entity_id, before_json, after_json) VALUES ",
            7,
            chunk.len(),
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (id, after) in chunk {
            query = query
                .bind(at.clone())
                .bind(actor.to_string())
                .bind(action.to_string())
                .bind(entity.to_string())
                .bind(*id)
                .bind(None::<String>)
                .bind(after.to_string());
        }
        query.execute(&mut *conn).await.map_err(fix_error)?;
    }
    bump_change_mark(conn).await
}

/// Counts one more change; called in the same transaction as the change.
pub(crate) async fn bump_change_mark(conn: &mut AnyConnection) -> Result<()> {
    sqlx::query("UPDATE change_mark SET mark = mark + 1 WHERE id = 1").execute(&mut *conn).await.map_err(fix_error)?;
    Ok(())
}

impl Store {
    /// The audit log, newest first, optionally for one entity.
    pub async fn audit_log(&self, entity: Option<&str>, entity_id: Option<i64>, limit: i64) -> Result<Vec<AuditEntry>> {
        let rows = sqlx::query(
            "SELECT id, at, actor, action, entity, entity_id, before_json, after_json FROM audit_log
             WHERE ($1 IS NULL OR entity = $1) AND ($2 IS NULL OR entity_id = $2)
             ORDER BY id DESC LIMIT $3",
        )
        .bind(entity)
        .bind(entity_id)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(entry_of).collect()
    }
}

/// An audit entry from a row selecting the log's columns by name; a
/// before/after text that is not JSON reads as absent.
pub(crate) fn entry_of(r: &sqlx::any::AnyRow) -> Result<AuditEntry> {
    let json = |col: &str| -> Result<Option<serde_json::Value>> {
        let text: Option<String> = r.try_get(col)?;
        Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
    };
    Ok(AuditEntry {
        id: r.try_get("id")?,
        at: r.try_get("at")?,
        actor: r.try_get("actor")?,
        action: r.try_get("action")?,
        entity: r.try_get("entity")?,
        entity_id: r.try_get("entity_id")?,
        before: json("before_json")?,
        after: json("after_json")?,
    })
}

impl Store {
    /// A number that grows with every change to the data. Every change
    /// bumps it in its own transaction (with its audit log entry), so an
    /// unchanged mark means every answer read before is still true — a
    /// cache keyed by it never serves a stale answer, whichever process
    /// made the change.
    pub async fn change_mark(&self) -> Result<i64> {
        let row = sqlx::query("SELECT mark FROM change_mark WHERE id = 1").fetch_one(self.pool()).await?;
        Ok(row.try_get(0)?)
    }
}
