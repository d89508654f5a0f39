//! What agencies wrote about many tasks at once, for the periodic report:
//! the latest explanation of each overdue task and the day each completed
//! task was finished. One statement per `ID_CHUNK` tasks, so a province
//! report over thousands of tasks asks the database a handful of times
//! instead of twice per task.

use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::{AssertSqlSafe, Row};

use crate::codec::{date_text, opt_date, parse_date};
use crate::error::Result;
use crate::tasks::{bind_ids, id_params, ID_CHUNK};
use crate::Store;

impl Store {
    /// For each of `tasks`, what its agencies last said about it by
    /// `as_of`: the latest report's difficulties when they say something,
    /// else its narrative. Tasks nobody explained are left out.
    pub async fn latest_explanations(&self, tasks: &[i64], as_of: NaiveDate) -> Result<HashMap<i64, String>> {
        let mut out = HashMap::new();
        for chunk in tasks.chunks(ID_CHUNK) {
            let (list, values) = id_params(chunk);
            let day = values.len() + 1;
            // Oldest first, so the last word on a task overwrites older ones.
            let sql = format!(
                "SELECT task_id, difficulties, narrative FROM reports
                 WHERE task_id IN ({list}) AND submitted_on <= ${day} AND (difficulties IS NOT NULL OR narrative IS NOT NULL)
                 ORDER BY id"
            );
            let rows = bind_ids(sqlx::query(AssertSqlSafe(sql)), &values)
                .bind(date_text(as_of))
                .fetch_all(self.pool())
                .await?;
            for r in &rows {
                let difficulties: Option<String> = r.try_get(1)?;
                let narrative: Option<String> = r.try_get(2)?;
                if let Some(text) = difficulties.filter(|s| !s.trim().is_empty()).or(narrative) {
                    out.insert(r.try_get(0)?, text);
                }
            }
        }
        Ok(out)
    }

    /// For each of `tasks`, the day its work was finished as the monitor
    /// confirmed it by `as_of`: per confirmed claim the day the agency
    /// finished (or, if that was later, the day it was confirmed), the
    /// latest of these. The day `status_on` judges on time or late by.
    pub async fn confirmed_done_days(&self, tasks: &[i64], as_of: NaiveDate) -> Result<HashMap<i64, NaiveDate>> {
        let mut out: HashMap<i64, NaiveDate> = HashMap::new();
        for chunk in tasks.chunks(ID_CHUNK) {
            let (list, values) = id_params(chunk);
            let sql = format!(
                "SELECT task_id, done_on, submitted_on, decided_on FROM reports
                 WHERE task_id IN ({list}) AND claims_done = 1 AND decision = 'confirmed' AND decided_on IS NOT NULL"
            );
            let rows = bind_ids(sqlx::query(AssertSqlSafe(sql)), &values).fetch_all(self.pool()).await?;
            for r in &rows {
                let submitted = parse_date(&r.try_get::<String, _>(2)?)?;
                let Some(decided) = opt_date(r.try_get(3)?)? else { continue };
                let finished = opt_date(r.try_get(1)?)?.unwrap_or(submitted).min(decided);
                if finished <= as_of {
                    let day = out.entry(r.try_get(0)?).or_insert(finished);
                    *day = (*day).max(finished);
                }
            }
        }
        Ok(out)
    }
}
