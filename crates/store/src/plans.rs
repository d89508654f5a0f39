//! Plans as readers browse them: the list of current plans, and one plan
//! with its document, groups and general tasks.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::codec::opt_date;
use crate::error::{Result, StoreError};
use crate::Store;

/// A current plan in a list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanSummary {
    pub id: i64,
    pub number: String,
    pub title: Option<String>,
    pub kind: Option<String>,
    pub issuer: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub version: i64,
    pub horizon_year: Option<i64>,
    pub tasks: i64,
}

/// A group of tasks with its general task (nhiệm vụ chung).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupView {
    pub number: i64,
    pub title: String,
    pub general_task: Option<String>,
}

/// One plan in full.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanDetail {
    #[serde(flatten)]
    pub summary: PlanSummary,
    pub document_id: i64,
    pub place: Option<String>,
    pub source_name: Option<String>,
    pub groups: Vec<GroupView>,
}

const PLAN_COLUMNS: &str = "p.id, p.number, p.title, d.kind, d.issuer, d.issued_on, p.version, p.horizon_year,
    (SELECT COUNT(*) FROM tasks t WHERE t.plan_id = p.id) AS tasks, p.document_id, d.place, d.source_name
    FROM plans p JOIN documents d ON d.id = p.document_id";

fn summary_of(r: &AnyRow) -> Result<PlanSummary> {
    Ok(PlanSummary {
        id: r.try_get("id")?,
        number: r.try_get("number")?,
        title: r.try_get("title")?,
        kind: r.try_get("kind")?,
        issuer: r.try_get("issuer")?,
        issued_on: opt_date(r.try_get("issued_on")?)?,
        version: r.try_get("version")?,
        horizon_year: r.try_get("horizon_year")?,
        tasks: r.try_get("tasks")?,
    })
}

impl Store {
    /// Current plans, newest first, a page at a time; and how many there are.
    pub async fn plans(&self, limit: i64, offset: i64) -> Result<(Vec<PlanSummary>, i64)> {
        let sql = format!(
            "SELECT {PLAN_COLUMNS} WHERE p.is_current = 1 ORDER BY d.issued_on DESC, p.id DESC LIMIT $1 OFFSET $2"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(limit).bind(offset).fetch_all(self.pool()).await?;
        let total: i64 =
            sqlx::query("SELECT COUNT(*) FROM plans WHERE is_current = 1").fetch_one(self.pool()).await?.get(0);
        Ok((rows.iter().map(summary_of).collect::<Result<_>>()?, total))
    }

    /// The numbers and ids of the newest current plans, in the order of
    /// `plans`: what a plan selector offers, without the task counts and
    /// titles `plans` reads for each (70-90 ms for 1,000 of 20,000 plans).
    pub async fn plan_choices(&self, limit: i64) -> Result<Vec<(String, i64)>> {
        let rows = sqlx::query(
            "SELECT p.number, p.id FROM plans p JOIN documents d ON d.id = p.document_id
             WHERE p.is_current = 1 ORDER BY d.issued_on DESC, p.id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    /// One plan (any version) by id, with its groups.
    pub async fn plan(&self, id: i64) -> Result<PlanDetail> {
        let sql = format!("SELECT {PLAN_COLUMNS} WHERE p.id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("kế hoạch số {id}")))?;
        let groups =
            sqlx::query("SELECT number, title, general_task FROM plan_groups WHERE plan_id = $1 ORDER BY number")
                .bind(id)
                .fetch_all(self.pool())
                .await?
                .iter()
                .map(|g| Ok(GroupView { number: g.try_get(0)?, title: g.try_get(1)?, general_task: g.try_get(2)? }))
                .collect::<Result<_>>()?;
        Ok(PlanDetail {
            summary: summary_of(&row)?,
            document_id: row.try_get("document_id")?,
            place: row.try_get("place")?,
            source_name: row.try_get("source_name")?,
            groups,
        })
    }

    /// Every current plan with its groups, by number (compared in Rust, so
    /// both databases agree): two statements however many plans, for
    /// papers that cover the whole province.
    pub async fn current_plans_in_full(&self) -> Result<Vec<PlanDetail>> {
        let sql = format!("SELECT {PLAN_COLUMNS} WHERE p.is_current = 1");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(self.pool()).await?;
        let mut groups: HashMap<i64, Vec<GroupView>> = HashMap::new();
        let group_rows = sqlx::query(
            "SELECT g.plan_id, g.number, g.title, g.general_task FROM plan_groups g JOIN plans p ON p.id = g.plan_id
             WHERE p.is_current = 1 ORDER BY g.plan_id, g.number",
        )
        .fetch_all(self.pool())
        .await?;
        for g in &group_rows {
            let group = GroupView { number: g.try_get(1)?, title: g.try_get(2)?, general_task: g.try_get(3)? };
            groups.entry(g.try_get(0)?).or_default().push(group);
        }
        let mut plans = rows
            .iter()
            .map(|row| {
                let summary = summary_of(row)?;
                Ok(PlanDetail {
                    groups: groups.remove(&summary.id).unwrap_or_default(),
                    summary,
                    document_id: row.try_get("document_id")?,
                    place: row.try_get("place")?,
                    source_name: row.try_get("source_name")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        plans.sort_by(|a, b| a.summary.number.cmp(&b.summary.number));
        Ok(plans)
    }

    /// The id of the current version of the plan with this number.
    pub async fn plan_id(&self, number: &str) -> Result<i64> {
        let row = sqlx::query("SELECT id FROM plans WHERE number = $1 AND is_current = 1")
            .bind(number)
            .fetch_optional(self.pool())
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("kế hoạch số {number}")))?;
        Ok(row.get(0))
    }

    /// The text of a stored document as it was imported, and its file name.
    pub async fn document_source(&self, document_id: i64) -> Result<(Option<String>, String)> {
        let row = sqlx::query("SELECT source_name, source_text FROM documents WHERE id = $1")
            .bind(document_id)
            .fetch_optional(self.pool())
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("văn bản số {document_id}")))?;
        Ok((row.try_get(0)?, row.try_get(1)?))
    }
}
