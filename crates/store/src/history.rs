//! Everything that happened to a task, in order: progress reports, the
//! monitor's confirmations and returns, and urges; plus who answers for it
//! and where in the document it came from — the "5 rõ" of a task page.

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::Row;

use crate::codec::{opt_date, parse_date};
use crate::error::{Result, StoreError};
use crate::Store;

/// An agency's part in a task.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskAgency {
    pub agency_id: i64,
    pub agency: String,
    pub role: String,
    /// The name as the document wrote it.
    pub as_written: String,
    /// The person inside the agency the document names, if any.
    pub leader: Option<String>,
}

/// Facts about a task that lists do not carry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskOrigin {
    pub plan_id: i64,
    pub document_id: i64,
    pub source_line: Option<i64>,
    pub recurrence: Option<String>,
    pub milestones: serde_json::Value,
    pub agencies: Vec<TaskAgency>,
}

/// A file attached to a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceFile {
    pub id: i64,
    pub report_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
}

/// One report with the monitor's decision on it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportEntry {
    pub id: i64,
    pub task_id: i64,
    pub agency: String,
    pub period: Option<String>,
    pub percent: i64,
    pub narrative: Option<String>,
    pub difficulties: Option<String>,
    pub evidence: Option<String>,
    pub claims_done: bool,
    pub done_on: Option<NaiveDate>,
    pub submitted_by: String,
    pub submitted_on: NaiveDate,
    pub submitted_at: String,
    pub decision: Option<String>,
    pub decision_reason: Option<String>,
    pub decided_by: Option<String>,
    pub decided_on: Option<NaiveDate>,
    pub files: Vec<EvidenceFile>,
}

/// A claim of completion waiting for the monitor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PendingClaim {
    pub report: ReportEntry,
    pub plan: String,
    pub task: String,
    pub title: String,
    pub due: Option<NaiveDate>,
}

const REPORT_COLUMNS: &str =
    "r.id, r.task_id, a.name AS agency, r.period, r.percent, r.narrative, r.difficulties, r.evidence,
    r.claims_done, r.done_on, r.submitted_by, r.submitted_on, r.submitted_at, r.decision, r.decision_reason,
    r.decided_by, r.decided_on FROM reports r JOIN agencies a ON a.id = r.agency_id";

fn report_of(r: &sqlx::any::AnyRow) -> Result<ReportEntry> {
    Ok(ReportEntry {
        id: r.try_get("id")?,
        task_id: r.try_get("task_id")?,
        agency: r.try_get("agency")?,
        period: r.try_get("period")?,
        percent: r.try_get("percent")?,
        narrative: r.try_get("narrative")?,
        difficulties: r.try_get("difficulties")?,
        evidence: r.try_get("evidence")?,
        claims_done: r.try_get::<i64, _>("claims_done")? != 0,
        done_on: opt_date(r.try_get("done_on")?)?,
        submitted_by: r.try_get("submitted_by")?,
        submitted_on: parse_date(&r.try_get::<String, _>("submitted_on")?)?,
        submitted_at: r.try_get("submitted_at")?,
        decision: r.try_get("decision")?,
        decision_reason: r.try_get("decision_reason")?,
        decided_by: r.try_get("decided_by")?,
        decided_on: opt_date(r.try_get("decided_on")?)?,
        files: Vec::new(),
    })
}

impl Store {
    /// Where a task came from and who answers for it.
    pub async fn task_origin(&self, task_id: i64) -> Result<TaskOrigin> {
        let row = sqlx::query(
            "SELECT t.plan_id, p.document_id, t.source_line, t.recurrence, t.milestones_json
             FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE t.id = $1",
        )
        .bind(task_id)
        .fetch_optional(self.pool())
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("nhiệm vụ số {task_id}")))?;
        let agencies = sqlx::query(
            "SELECT ta.agency_id, a.name, ta.role, COALESCE(NULLIF(ta.as_written, ''), a.name), ta.leader FROM task_agencies ta
             JOIN agencies a ON a.id = ta.agency_id WHERE ta.task_id = $1 ORDER BY ta.role DESC, a.sort_key",
        )
        .bind(task_id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| {
            Ok(TaskAgency {
                agency_id: r.try_get(0)?,
                agency: r.try_get(1)?,
                role: r.try_get(2)?,
                as_written: r.try_get(3)?,
                leader: r.try_get(4)?,
            })
        })
        .collect::<Result<_>>()?;
        let milestones: String = row.try_get(4)?;
        Ok(TaskOrigin {
            plan_id: row.try_get(0)?,
            document_id: row.try_get(1)?,
            source_line: row.try_get(2)?,
            recurrence: row.try_get(3)?,
            milestones: serde_json::from_str(&milestones).unwrap_or_default(),
            agencies,
        })
    }

    /// Every report on a task, oldest first, with its files.
    pub async fn task_reports(&self, task_id: i64) -> Result<Vec<ReportEntry>> {
        let sql = format!("SELECT {REPORT_COLUMNS} WHERE r.task_id = $1 ORDER BY r.id");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(task_id).fetch_all(self.pool()).await?;
        let mut reports: Vec<ReportEntry> = rows.iter().map(report_of).collect::<Result<_>>()?;
        let files = self.files_of_task(task_id).await?;
        for r in &mut reports {
            r.files = files.iter().filter(|f| f.report_id == r.id).cloned().collect();
        }
        Ok(reports)
    }

    /// Claims of completion not yet decided, oldest first.
    pub async fn pending_claims(&self, limit: i64, offset: i64) -> Result<(Vec<PendingClaim>, i64)> {
        let sql = format!(
            "SELECT {REPORT_COLUMNS} JOIN tasks t ON t.id = r.task_id JOIN plans p ON p.id = t.plan_id
             WHERE r.claims_done = 1 AND r.decision IS NULL AND p.is_current = 1 ORDER BY r.id LIMIT $1 OFFSET $2"
        )
        .replace("r.decided_on FROM", "r.decided_on, p.number AS plan, t.code, t.title, t.due_on FROM");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(limit).bind(offset).fetch_all(self.pool()).await?;
        let total: i64 = sqlx::query(
            "SELECT COUNT(*) FROM reports r JOIN tasks t ON t.id = r.task_id JOIN plans p ON p.id = t.plan_id
             WHERE r.claims_done = 1 AND r.decision IS NULL AND p.is_current = 1",
        )
        .fetch_one(self.pool())
        .await?
        .get(0);
        let claims = rows
            .iter()
            .map(|r| {
                Ok(PendingClaim {
                    report: report_of(r)?,
                    plan: r.try_get("plan")?,
                    task: r.try_get("code")?,
                    title: r.try_get("title")?,
                    due: opt_date(r.try_get("due_on")?)?,
                })
            })
            .collect::<Result<_>>()?;
        Ok((claims, total))
    }

    async fn files_of_task(&self, task_id: i64) -> Result<Vec<EvidenceFile>> {
        let rows = sqlx::query(
            "SELECT f.id, f.report_id, f.file_name, f.content_type, f.size, f.sha256 FROM evidence_files f
             JOIN reports r ON r.id = f.report_id WHERE r.task_id = $1 ORDER BY f.id",
        )
        .bind(task_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(file_of).collect()
    }

    /// One evidence file with its bytes.
    pub async fn evidence_file(&self, id: i64) -> Result<(EvidenceFile, i64, Vec<u8>)> {
        let row = sqlx::query(
            "SELECT f.id, f.report_id, f.file_name, f.content_type, f.size, f.sha256, r.task_id, f.data
             FROM evidence_files f JOIN reports r ON r.id = f.report_id WHERE f.id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("tệp minh chứng số {id}")))?;
        Ok((file_of(&row)?, row.try_get(6)?, row.try_get(7)?))
    }
}

fn file_of(r: &sqlx::any::AnyRow) -> Result<EvidenceFile> {
    Ok(EvidenceFile {
        id: r.try_get(0)?,
        report_id: r.try_get(1)?,
        file_name: r.try_get(2)?,
        content_type: r.try_get(3)?,
        size: r.try_get(4)?,
        sha256: r.try_get(5)?,
    })
}

impl Store {
    /// The agencies that may report on a task: those leading it, and the
    /// members of a leading collective ("Các sở, ban, ngành"), each of
    /// whom reports its own part.
    pub async fn responsible_agencies(&self, task_id: i64) -> Result<Vec<i64>> {
        let rows = sqlx::query(
            "SELECT ta.agency_id FROM task_agencies ta WHERE ta.task_id = $1 AND ta.role = 'lead'
             UNION SELECT m.member_id FROM task_agencies ta JOIN agency_members m ON m.collective_id = ta.agency_id
             WHERE ta.task_id = $1 AND ta.role = 'lead'",
        )
        .bind(task_id)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.iter().map(|r| r.get::<i64, _>(0)).collect())
    }
}

impl Store {
    /// The named leaders inside an agency, by task: who in the agency the
    /// document makes answer for each task.
    pub async fn agency_leaders(&self, agency_id: i64) -> Result<std::collections::HashMap<i64, String>> {
        let rows = sqlx::query(
            "SELECT task_id, leader FROM task_agencies WHERE agency_id = $1 AND is_current = 1 AND leader IS NOT NULL",
        )
        .bind(agency_id)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.iter().map(|r| (r.get::<i64, _>(0), r.get::<String, _>(1))).collect())
    }
}
