//! Published results (công khai kết quả): a snapshot of a plan's results
//! for one quarter, as the monitoring office published it. The snapshot
//! is kept as written, so what the public read stays what was published
//! even as later reports change today's numbers. Publishing the same
//! quarter again replaces it.

use serde::Serialize;
use sqlx::Row;

use crate::audit;
use crate::codec::{date_text, now_text, parse_date};
use crate::error::{fix_error, Result, StoreError};
use crate::Store;

/// One published snapshot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Publication {
    pub id: i64,
    pub plan: String,
    /// The quarter, "2021-Q4".
    pub period: String,
    /// The day the results are counted on.
    pub as_of: chrono::NaiveDate,
    /// What the public sees (counts and lists, no personal data).
    pub snapshot: serde_json::Value,
    pub published_at: String,
}

const COLUMNS: &str = "id, plan_number, period, as_of, snapshot_json, published_at FROM publications";

fn publication_of(r: &sqlx::any::AnyRow) -> Result<Publication> {
    let json: String = r.try_get(4)?;
    Ok(Publication {
        id: r.try_get(0)?,
        plan: r.try_get(1)?,
        period: r.try_get(2)?,
        as_of: parse_date(&r.try_get::<String, _>(3)?)?,
        snapshot: serde_json::from_str(&json).map_err(|e| StoreError::Invalid(format!("bản công bố hỏng: {e}")))?,
        published_at: r.try_get(5)?,
    })
}

impl Store {
    /// Publishes (or republishes) a plan's results for a quarter; returns
    /// the publication's id.
    pub async fn publish(
        &self,
        plan: &str,
        period: &str,
        as_of: chrono::NaiveDate,
        snapshot: &serde_json::Value,
        actor: &str,
    ) -> Result<i64> {
        let mut tx = self.pool().begin().await?;
        let row = sqlx::query(
            "INSERT INTO publications (plan_number, period, as_of, snapshot_json, published_by, published_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (plan_number, period) DO UPDATE SET as_of = excluded.as_of, snapshot_json = excluded.snapshot_json,
                 published_by = excluded.published_by, published_at = excluded.published_at
             RETURNING id",
        )
        .bind(plan)
        .bind(period)
        .bind(date_text(as_of))
        .bind(snapshot.to_string())
        .bind(actor)
        .bind(now_text())
        .fetch_one(&mut *tx)
        .await
        .map_err(fix_error)?;
        let id: i64 = row.try_get(0)?;
        let after = serde_json::json!({"plan": plan, "period": period, "as_of": date_text(as_of)});
        audit::record(&mut tx, actor, "publication.publish", "publication", Some(id), None, Some(&after)).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Every publication, latest quarter first.
    pub async fn publications(&self) -> Result<Vec<Publication>> {
        let sql = format!("SELECT {COLUMNS} ORDER BY period DESC, plan_number");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(self.pool()).await?;
        rows.iter().map(publication_of).collect()
    }

    /// One publication.
    pub async fn publication(&self, id: i64) -> Result<Publication> {
        let sql = format!("SELECT {COLUMNS} WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("bản công bố số {id}")))?;
        publication_of(&row)
    }
}
