//! Reading the audit log (nhật ký) the way an administrator asks: who did
//! it, what kind of change, between which days; newest first, a page at a
//! time, with the total so the pages can be counted.

use chrono::NaiveDate;
use sqlx::Row;

use crate::audit::AuditEntry;
use crate::codec::date_text;
use crate::error::Result;
use crate::Store;

/// Which lines of the audit log to read.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Exactly this actor (a username, "cli", "test" …).
    pub actor: Option<String>,
    /// Actions starting with this ("user." for every account change).
    pub action: Option<String>,
    /// From this day on (inclusive, UTC).
    pub from: Option<NaiveDate>,
    /// Up to this day (inclusive, UTC).
    pub to: Option<NaiveDate>,
    /// Only changes to this kind of thing ("task", "user" …).
    pub entity: Option<String>,
    /// Only changes to the thing with this id.
    pub entity_id: Option<i64>,
    pub limit: i64,
    pub offset: i64,
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

impl Store {
    /// A page of the audit log and how many lines match in all.
    pub async fn audit_page(&self, filter: &AuditFilter) -> Result<(Vec<AuditEntry>, i64)> {
        const WHERE: &str = "WHERE ($1 IS NULL OR actor = $1) AND ($2 IS NULL OR action LIKE $2 ESCAPE '\\')
             AND ($3 IS NULL OR at >= $3) AND ($4 IS NULL OR at < $4)
             AND ($5 IS NULL OR entity = $5) AND ($6 IS NULL OR entity_id = $6)";
        let action = filter.action.as_deref().map(|a| format!("{}%", escape_like(a)));
        let from = filter.from.map(date_text);
        let to = filter.to.and_then(|d| d.succ_opt()).map(date_text);
        let total: i64 = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM audit_log {WHERE}")))
            .bind(&filter.actor)
            .bind(&action)
            .bind(&from)
            .bind(&to)
            .bind(&filter.entity)
            .bind(filter.entity_id)
            .fetch_one(self.pool())
            .await?
            .try_get(0)?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT id, at, actor, action, entity, entity_id, before_json, after_json FROM audit_log {WHERE}
             ORDER BY id DESC LIMIT $7 OFFSET $8"
        )))
        .bind(&filter.actor)
        .bind(&action)
        .bind(&from)
        .bind(&to)
        .bind(&filter.entity)
        .bind(filter.entity_id)
        .bind(filter.limit)
        .bind(filter.offset)
        .fetch_all(self.pool())
        .await?;
        let entries = rows.iter().map(crate::audit::entry_of).collect::<Result<_>>()?;
        Ok((entries, total))
    }

    /// Everyone who appears in the audit log, for the filter's list.
    pub async fn audit_actors(&self) -> Result<Vec<String>> {
        let rows = sqlx::query("SELECT DISTINCT actor FROM audit_log ORDER BY actor").fetch_all(self.pool()).await?;
        rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
    }
}
