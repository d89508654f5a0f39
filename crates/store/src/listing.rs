//! What the JSON API reads page by page that the pages never needed: the
//! documents on file, the audit log with filters and a total, the values
//! entered against one target; and the two writes the API makes by id
//! where the older calls go by name (a target's value, a user's display
//! name), because names are ambiguous and ids are what programs hold.

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::audit::{self, AuditEntry};
use crate::codec::{now_text, opt_date};
use crate::error::{fix_error, Result, StoreError};
use crate::Store;

/// A stored document in a list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentListing {
    pub id: i64,
    pub number: Option<String>,
    pub kind: Option<String>,
    pub issuer: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub title: Option<String>,
    pub source_name: Option<String>,
    pub imported_at: String,
    /// The id of the plan this document carries, when it is one.
    pub plan_id: Option<i64>,
}

/// Which audit entries to list.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub entity: Option<String>,
    pub entity_id: Option<i64>,
    /// First day (inclusive), compared with the entry's UTC day.
    pub since: Option<NaiveDate>,
    /// Last day (inclusive).
    pub until: Option<NaiveDate>,
    pub limit: i64,
    pub offset: i64,
}

/// One actual value of a target, with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetValue {
    pub year: i64,
    pub value: f64,
    pub source: Option<String>,
    pub entered_by: String,
    pub entered_at: String,
}

fn document_of(r: &AnyRow) -> Result<DocumentListing> {
    Ok(DocumentListing {
        id: r.try_get("id")?,
        number: r.try_get("number")?,
        kind: r.try_get("kind")?,
        issuer: r.try_get("issuer")?,
        issued_on: opt_date(r.try_get("issued_on")?)?,
        title: r.try_get("title")?,
        source_name: r.try_get("source_name")?,
        imported_at: r.try_get("imported_at")?,
        plan_id: r.try_get("plan_id")?,
    })
}

fn audit_of(r: &AnyRow) -> Result<AuditEntry> {
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

/// The filter part shared by the audit page and its count. `at` is ISO
/// text, so a day bound is a text comparison on both databases.
const AUDIT_WHERE: &str = "WHERE ($1 IS NULL OR actor = $1) AND ($2 IS NULL OR action = $2)
    AND ($3 IS NULL OR entity = $3) AND ($4 IS NULL OR entity_id = $4)
    AND ($5 IS NULL OR at >= $5) AND ($6 IS NULL OR at < $6)";

impl Store {
    /// Stored documents, newest import first, a page at a time; and how
    /// many there are.
    pub async fn documents(&self, limit: i64, offset: i64) -> Result<(Vec<DocumentListing>, i64)> {
        let rows = sqlx::query(
            "SELECT d.id, d.number, d.kind, d.issuer, d.issued_on, d.title, d.source_name, d.imported_at,
                    (SELECT MAX(p.id) FROM plans p WHERE p.document_id = d.id) AS plan_id
             FROM documents d ORDER BY d.id DESC LIMIT $1 OFFSET $2",
        )
        .bind(limit)
        .bind(offset)
        .fetch_all(self.pool())
        .await?;
        let total: i64 = sqlx::query("SELECT COUNT(*) FROM documents").fetch_one(self.pool()).await?.get(0);
        Ok((rows.iter().map(document_of).collect::<Result<_>>()?, total))
    }

    /// The audit log matching `filter`, newest first; and how many match.
    pub async fn audit_page(&self, filter: &AuditFilter) -> Result<(Vec<AuditEntry>, i64)> {
        let since = filter.since.map(|d| d.format("%Y-%m-%d").to_string());
        let until = filter.until.and_then(|d| d.succ_opt()).map(|d| d.format("%Y-%m-%d").to_string());
        let page_sql = format!(
            "SELECT id, at, actor, action, entity, entity_id, before_json, after_json FROM audit_log {AUDIT_WHERE}
             ORDER BY id DESC LIMIT $7 OFFSET $8"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(page_sql))
            .bind(&filter.actor)
            .bind(&filter.action)
            .bind(&filter.entity)
            .bind(filter.entity_id)
            .bind(&since)
            .bind(&until)
            .bind(filter.limit)
            .bind(filter.offset)
            .fetch_all(self.pool())
            .await?;
        let count_sql = format!("SELECT COUNT(*) FROM audit_log {AUDIT_WHERE}");
        let total: i64 = sqlx::query(sqlx::AssertSqlSafe(count_sql))
            .bind(&filter.actor)
            .bind(&filter.action)
            .bind(&filter.entity)
            .bind(filter.entity_id)
            .bind(&since)
            .bind(&until)
            .fetch_one(self.pool())
            .await?
            .get(0);
        Ok((rows.iter().map(audit_of).collect::<Result<_>>()?, total))
    }

    /// The values entered against one target, by year.
    pub async fn target_values(&self, target_id: i64) -> Result<Vec<TargetValue>> {
        ensure_target(self, target_id).await?;
        let rows = sqlx::query(
            "SELECT year, value, source, entered_by, entered_at FROM target_values WHERE target_id = $1 ORDER BY year",
        )
        .bind(target_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(TargetValue {
                    year: r.try_get(0)?,
                    value: r.try_get(1)?,
                    source: r.try_get(2)?,
                    entered_by: r.try_get(3)?,
                    entered_at: r.try_get(4)?,
                })
            })
            .collect()
    }

    /// Enters (or corrects) the actual value of the target with this id
    /// for a year, with the audit entry, in one transaction.
    pub async fn set_target_value_by_id(
        &self,
        target_id: i64,
        year: i64,
        value: f64,
        source: Option<&str>,
        actor: &str,
    ) -> Result<()> {
        if !value.is_finite() {
            return Err(StoreError::Invalid("giá trị chỉ tiêu phải là một số hữu hạn".into()));
        }
        if !(1900..=2200).contains(&year) {
            return Err(StoreError::Invalid(format!("năm {year} không hợp lệ; hãy nhập năm từ 1900 đến 2200")));
        }
        ensure_target(self, target_id).await?;
        let mut tx = self.pool().begin().await?;
        let before = sqlx::query("SELECT value FROM target_values WHERE target_id = $1 AND year = $2")
            .bind(target_id)
            .bind(year)
            .fetch_optional(&mut *tx)
            .await?
            .map(|r| serde_json::json!({"value": r.get::<f64, _>(0)}));
        sqlx::query(
            "INSERT INTO target_values (target_id, year, value, source, entered_by, entered_at) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (target_id, year) DO UPDATE SET value = excluded.value, source = excluded.source,
                 entered_by = excluded.entered_by, entered_at = excluded.entered_at",
        )
        .bind(target_id)
        .bind(year)
        .bind(value)
        .bind(source)
        .bind(actor)
        .bind(now_text())
        .execute(&mut *tx)
        .await
        .map_err(fix_error)?;
        let after = serde_json::json!({"year": year, "value": value, "source": source});
        audit::record(&mut tx, actor, "target.value", "target", Some(target_id), before.as_ref(), Some(&after)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Changes the name shown for an account (`None` clears it).
    pub async fn set_display_name(&self, user_id: i64, name: Option<&str>, actor: &str) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        let before = sqlx::query("SELECT display_name FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("người dùng số {user_id}")))?;
        let before = serde_json::json!({"display_name": before.try_get::<Option<String>, _>(0)?});
        sqlx::query("UPDATE users SET display_name = $1 WHERE id = $2")
            .bind(name)
            .bind(user_id)
            .execute(&mut *tx)
            .await
            .map_err(fix_error)?;
        let after = serde_json::json!({"display_name": name});
        audit::record(&mut tx, actor, "user.rename", "user", Some(user_id), Some(&before), Some(&after)).await?;
        tx.commit().await?;
        Ok(())
    }
}

async fn ensure_target(store: &Store, target_id: i64) -> Result<()> {
    sqlx::query("SELECT 1 FROM targets WHERE id = $1")
        .bind(target_id)
        .fetch_optional(store.pool())
        .await?
        .map(|_| ())
        .ok_or_else(|| StoreError::NotFound(format!("chỉ tiêu số {target_id}")))
}
