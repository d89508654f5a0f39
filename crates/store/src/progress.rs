//! What agencies and the monitor write about a task: progress reports
//! (with a claim of completion), and the monitor's confirmation or return of
//! a claim. Each write bumps the task's version with a compare-and-swap, so
//! of two writers at once one wins and the other is told to reload.

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::agencies;
use crate::audit;
use crate::codec::{date_text, now_text, opt_date_text};
use crate::error::{fix_error, Result, StoreError};
use crate::Store;

/// An agency's progress report on one task.
#[derive(Debug, Clone, Serialize)]
pub struct ProgressInput {
    pub plan: String,
    pub task: String,
    pub agency: String,
    pub percent: i64,
    /// The agency claims the task done.
    pub done: bool,
    /// The day the work was finished (defaults to `on`).
    pub done_on: Option<NaiveDate>,
    pub note: Option<String>,
    pub difficulties: Option<String>,
    pub evidence: Option<String>,
    /// Reporting period key ("2021-Q4") for recurring tasks.
    pub period: Option<String>,
    /// The day of the report.
    pub on: NaiveDate,
    /// The task version the writer saw; `None` takes the current one.
    pub expected_version: Option<i64>,
}

/// A file attached to a report as evidence; `sha256` is the hex digest of
/// `data`, computed by the caller that received the upload.
#[derive(Debug, Clone)]
pub struct NewEvidenceFile {
    pub file_name: String,
    pub content_type: String,
    pub sha256: String,
    pub data: Vec<u8>,
}

async fn insert_file(conn: &mut AnyConnection, report_id: i64, f: &NewEvidenceFile, actor: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO evidence_files (report_id, file_name, content_type, size, sha256, data, uploaded_by, uploaded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(report_id)
    .bind(&f.file_name)
    .bind(&f.content_type)
    .bind(f.data.len() as i64)
    .bind(&f.sha256)
    .bind(f.data.clone())
    .bind(actor)
    .bind(now_text())
    .execute(&mut *conn)
    .await
    .map_err(fix_error)?;
    Ok(())
}

/// The monitor's answer to a pending claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum Decision {
    Confirmed,
    Returned { reason: String },
}

impl Store {
    /// Records a progress report; returns the report's id.
    pub async fn record_progress(&self, input: &ProgressInput, actor: &str) -> Result<i64> {
        self.record_progress_with_files(input, &[], actor).await
    }

    /// Records a progress report and its evidence files in one
    /// transaction: the report and its files land together or not at all.
    pub async fn record_progress_with_files(
        &self,
        input: &ProgressInput,
        files: &[NewEvidenceFile],
        actor: &str,
    ) -> Result<i64> {
        if !(0..=100).contains(&input.percent) {
            return Err(StoreError::Invalid(format!(
                "tỷ lệ hoàn thành phải từ 0 đến 100 (nhận được {})",
                input.percent
            )));
        }
        if input.done && input.percent != 100 {
            return Err(StoreError::Invalid("đề nghị công nhận hoàn thành thì tỷ lệ phải là 100%".into()));
        }
        let mut tx = self.pool().begin().await?;
        let (task_id, version) = task_by_code(&mut tx, &input.plan, &input.task).await?;
        let agency_id = agencies::find(&mut tx, &input.agency)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("cơ quan \"{}\"", input.agency)))?;
        ensure_responsible(&mut tx, task_id, agency_id, &input.agency, &input.task).await?;
        bump_version(&mut tx, task_id, input.expected_version.unwrap_or(version)).await?;
        let done_on = input.done.then(|| input.done_on.unwrap_or(input.on));
        let row = sqlx::query(
            "INSERT INTO reports (task_id, agency_id, period, percent, narrative, difficulties, evidence, claims_done, done_on,
                                  submitted_by, submitted_on, submitted_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        )
        .bind(task_id)
        .bind(agency_id)
        .bind(&input.period)
        .bind(input.percent)
        .bind(&input.note)
        .bind(&input.difficulties)
        .bind(&input.evidence)
        .bind(input.done as i64)
        .bind(opt_date_text(done_on))
        .bind(actor)
        .bind(date_text(input.on))
        .bind(now_text())
        .fetch_one(&mut *tx)
        .await
        .map_err(fix_error)?;
        let report_id: i64 = row.get(0);
        for file in files {
            insert_file(&mut tx, report_id, file, actor).await?;
        }
        crate::tasks::refresh_state(&mut tx, task_id).await?;
        let mut after = serde_json::to_value(input).unwrap_or_default();
        if !files.is_empty() {
            after["files"] =
                files.iter().map(|f| serde_json::json!({"name": f.file_name, "sha256": f.sha256})).collect();
        }
        audit::record(&mut tx, actor, "task.progress", "task", Some(task_id), None, Some(&after)).await?;
        tx.commit().await?;
        Ok(report_id)
    }

    /// Confirms or returns the pending claim on a task (of `agency` when
    /// several agencies have one pending).
    pub async fn decide(
        &self,
        plan: &str,
        task: &str,
        agency: Option<&str>,
        decision: &Decision,
        on: NaiveDate,
        actor: &str,
    ) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        let (task_id, version) = task_by_code(&mut tx, plan, task).await?;
        let agency_id = agencies::require_opt(&mut tx, agency).await?;
        let pending = sqlx::query(
            "SELECT id FROM reports WHERE task_id = $1 AND claims_done = 1 AND decision IS NULL
               AND ($2 IS NULL OR agency_id = $2) ORDER BY id",
        )
        .bind(task_id)
        .bind(agency_id)
        .fetch_all(&mut *tx)
        .await?;
        let report = match pending.as_slice() {
            [] => {
                return Err(StoreError::Invalid(format!(
                    "nhiệm vụ {task} không có đề nghị công nhận hoàn thành nào đang chờ"
                )))
            }
            [one] => one,
            _ => {
                return Err(StoreError::Invalid(format!(
                    "nhiệm vụ {task} có nhiều đề nghị đang chờ; hãy chỉ rõ cơ quan"
                )))
            }
        };
        let report_id: i64 = report.get(0);
        bump_version(&mut tx, task_id, version).await?;
        let (word, reason) = match decision {
            Decision::Confirmed => ("confirmed", None),
            Decision::Returned { reason } if reason.trim().is_empty() => {
                return Err(StoreError::Invalid("trả lại đề nghị thì phải ghi rõ lý do".into()))
            }
            Decision::Returned { reason } => ("returned", Some(reason.clone())),
        };
        sqlx::query(
            "UPDATE reports SET decision = $1, decision_reason = $2, decided_by = $3, decided_on = $4 WHERE id = $5",
        )
        .bind(word)
        .bind(&reason)
        .bind(actor)
        .bind(date_text(on))
        .bind(report_id)
        .execute(&mut *tx)
        .await
        .map_err(fix_error)?;
        crate::tasks::refresh_state(&mut tx, task_id).await?;
        let action = if *decision == Decision::Confirmed { "task.confirm" } else { "task.return" };
        let after = serde_json::json!({"report": report_id, "decision": word, "reason": reason, "on": date_text(on)});
        audit::record(&mut tx, actor, action, "task", Some(task_id), None, Some(&after)).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// The current version's task with this number, and its row version.
pub(crate) async fn task_by_code(conn: &mut AnyConnection, plan: &str, code: &str) -> Result<(i64, i64)> {
    let row = sqlx::query(
        "SELECT t.id, t.version FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE p.number = $1 AND p.is_current = 1 AND t.code = $2",
    )
    .bind(plan)
    .bind(code)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| StoreError::NotFound(format!("nhiệm vụ {code} trong kế hoạch {plan}")))?;
    Ok((row.get(0), row.get(1)))
}

/// Only an agency that leads the task (itself or through a collective it
/// belongs to) reports on it.
async fn ensure_responsible(conn: &mut AnyConnection, task: i64, agency: i64, name: &str, code: &str) -> Result<()> {
    let row = sqlx::query(
        "SELECT 1 FROM task_agencies WHERE task_id = $1 AND role = 'lead'
           AND (agency_id = $2 OR agency_id IN (SELECT collective_id FROM agency_members WHERE member_id = $2))",
    )
    .bind(task)
    .bind(agency)
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some(_) => Ok(()),
        None => Err(StoreError::Invalid(format!(
            "\"{name}\" không chủ trì nhiệm vụ {code} nên không báo cáo được nhiệm vụ này"
        ))),
    }
}

/// Compare-and-swap on the task's version: fails with a conflict when
/// someone else changed the task since `expected` was read.
async fn bump_version(conn: &mut AnyConnection, task: i64, expected: i64) -> Result<()> {
    let done = sqlx::query("UPDATE tasks SET version = version + 1 WHERE id = $1 AND version = $2")
        .bind(task)
        .bind(expected)
        .execute(&mut *conn)
        .await
        .map_err(fix_error)?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Conflict(format!("nhiệm vụ đã được cập nhật (phiên bản khác {expected})")));
    }
    Ok(())
}
