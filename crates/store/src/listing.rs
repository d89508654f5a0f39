//! What the JSON API reads page by page that the pages never needed: the
//! documents on file, the audit log with filters and a total, the values
//! entered against one target; and the two writes the API makes by id
//! where the older calls go by name (a target's value, a user's display
//! name), because names are ambiguous and ids are what programs hold.

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::audit;
use crate::codec::opt_date;
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
