//! Targets (chỉ tiêu) and the actual values entered against them, with an
//! assessment of whether each is on track.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use sqlx::{AssertSqlSafe, Row};
use theodoi_core::vi::fold;
use theodoi_parser::Comparator;

use crate::audit;
use crate::codec::now_text;
use crate::error::{fix_error, Result, StoreError};
use crate::target_entry::VALUE_YEARS;
use crate::Store;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetView {
    pub id: i64,
    pub plan: String,
    pub group: Option<i64>,
    pub indicator: String,
    pub comparator: String,
    pub value: f64,
    pub unit: Option<String>,
    pub year: Option<i64>,
    pub period: Option<[i64; 2]>,
    /// The starting value, when the office gave one for a target it added.
    pub baseline: Option<f64>,
    /// Actual values entered, by year.
    pub actuals: Vec<(i64, f64)>,
    pub assessment: TargetAssessment,
}

/// Đạt / không đạt / đang theo dõi, and for a growth rate over a period
/// the average still needed in the remaining years.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum TargetAssessment {
    /// No actual value yet.
    NoData,
    Met,
    NotMet,
    /// A period average still within reach: the yearly rate needed from now.
    OnTrack {
        needed_average: f64,
    },
    OffTrack {
        needed_average: f64,
    },
}

#[derive(Debug, Clone)]
pub struct TargetValueInput {
    pub plan: String,
    pub indicator: String,
    pub year: i64,
    pub value: f64,
    pub source: Option<String>,
}

impl Store {
    /// Targets of one plan (or every current plan) with their actuals.
    pub async fn targets(&self, plan: Option<&str>, as_of: NaiveDate) -> Result<Vec<TargetView>> {
        // One plan: found by its number. All plans: from the targets, far
        // fewer than the plans (most plans set none); from the plans, SQLite
        // walked every current plan (88 pages at 20,000 plans) to find them.
        let join = match plan {
            Some(_) => "FROM targets t JOIN plans p ON p.id = t.plan_id WHERE p.number = $1",
            None => "FROM targets t CROSS JOIN plans p WHERE p.id = t.plan_id",
        };
        let sql = format!(
            "SELECT t.id, p.number, t.group_number, t.indicator, t.comparator, t.value, t.unit, t.year, t.period_start, t.period_end, t.baseline
             {join} AND p.is_current = 1 ORDER BY p.number, t.id"
        );
        let query = sqlx::query(AssertSqlSafe(sql));
        let rows = match plan {
            Some(plan) => query.bind(plan),
            None => query,
        }
        .fetch_all(self.pool())
        .await?;
        let values = sqlx::query(
            "SELECT v.target_id, v.year, v.value FROM target_values v JOIN targets t ON t.id = v.target_id
             JOIN plans p ON p.id = t.plan_id WHERE p.is_current = 1 ORDER BY v.year",
        )
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .iter()
            .map(|r| {
                let id: i64 = r.get(0);
                // Only the years that had begun by the day asked count.
                let actuals: Vec<(i64, f64)> = values
                    .iter()
                    .filter(|v| v.get::<i64, _>(0) == id && v.get::<i64, _>(1) <= i64::from(as_of.year()))
                    .map(|v| (v.get(1), v.get(2)))
                    .collect();
                let period = match (r.get::<Option<i64>, _>(8), r.get::<Option<i64>, _>(9)) {
                    (Some(a), Some(b)) => Some([a, b]),
                    _ => None,
                };
                let comparator: String = r.get(4);
                let value: f64 = r.get(5);
                let unit: Option<String> = r.get(6);
                let indicator: String = r.get(3);
                let assessment = assess(&indicator, &comparator, value, unit.as_deref(), period, &actuals);
                TargetView {
                    id,
                    plan: r.get(1),
                    group: r.get(2),
                    indicator,
                    comparator,
                    value,
                    unit,
                    year: r.get(7),
                    period,
                    baseline: r.get(10),
                    actuals,
                    assessment,
                }
            })
            .collect())
    }

    /// Enters (or corrects) the actual value of a target for a year.
    pub async fn set_target_value(&self, input: &TargetValueInput, actor: &str) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        let rows = sqlx::query(
            "SELECT t.id, t.indicator FROM targets t JOIN plans p ON p.id = t.plan_id WHERE p.number = $1 AND p.is_current = 1 ORDER BY t.id",
        )
        .bind(&input.plan)
        .fetch_all(&mut *tx)
        .await?;
        let wanted = fold(&input.indicator);
        let matches: Vec<(i64, String)> = rows
            .iter()
            .map(|r| (r.get::<i64, _>(0), r.get::<String, _>(1)))
            .filter(|(_, name)| fold(name).contains(&wanted))
            .collect();
        let target_id = match matches.as_slice() {
            [] => {
                return Err(StoreError::NotFound(format!(
                    "chỉ tiêu \"{}\" trong kế hoạch {}",
                    input.indicator, input.plan
                )))
            }
            [(id, _)] => *id,
            many => {
                let names: Vec<&str> = many.iter().map(|(_, n)| n.as_str()).take(5).collect();
                return Err(StoreError::Invalid(format!(
                    "có {} chỉ tiêu khớp, hãy ghi rõ hơn: {}",
                    many.len(),
                    names.join("; ")
                )));
            }
        };
        let before = sqlx::query("SELECT value FROM target_values WHERE target_id = $1 AND year = $2")
            .bind(target_id)
            .bind(input.year)
            .fetch_optional(&mut *tx)
            .await?
            .map(|r| serde_json::json!({"value": r.get::<f64, _>(0)}));
        sqlx::query(
            "INSERT INTO target_values (target_id, year, value, source, entered_by, entered_at) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (target_id, year) DO UPDATE SET value = excluded.value, source = excluded.source,
                 entered_by = excluded.entered_by, entered_at = excluded.entered_at",
        )
        .bind(target_id)
        .bind(input.year)
        .bind(input.value)
        .bind(&input.source)
        .bind(actor)
        .bind(now_text())
        .execute(&mut *tx)
        .await
        .map_err(fix_error)?;
        let after = serde_json::json!({"year": input.year, "value": input.value, "source": input.source});
        audit::record(&mut tx, actor, "target.value", "target", Some(target_id), before.as_ref(), Some(&after)).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// When a target is to be reached: by one year ("đến năm 2025") or over
/// a period, its years averaged ("bình quân giai đoạn 2021 - 2025").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetTime {
    Year(i64),
    Period(i64, i64),
}

/// A target the office adds to a plan by hand: one the reader could not
/// place, or one set after the plan was issued.
#[derive(Debug, Clone, PartialEq)]
pub struct NewTarget {
    /// The plan's number ("2999/QĐ-UBND"); the target joins its current version.
    pub plan: String,
    /// The plan's group of tasks the target belongs to, if any.
    pub group: Option<i64>,
    pub indicator: String,
    pub comparator: Comparator,
    pub value: f64,
    pub unit: Option<String>,
    pub time: TargetTime,
    /// The starting value (giá trị cơ sở) the target is measured from.
    pub baseline: Option<f64>,
}

/// Longest indicator name and unit accepted: a sentence, and a few words.
pub const MAX_INDICATOR_CHARS: usize = 500;
pub const MAX_UNIT_CHARS: usize = 50;

impl Store {
    /// Adds `target` to the current version of its plan, with its audit
    /// log entry, in one transaction; answers the new target's id. A
    /// later version of the plan is read from its own text, so a target
    /// added by hand stays with the version it was added to.
    pub async fn create_target(&self, target: &NewTarget, actor: &str) -> Result<i64> {
        let (indicator, unit) = checked(target)?;
        let comparator = serde_json::to_value(target.comparator)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let (year, period) = match target.time {
            TargetTime::Year(y) => (Some(y), None),
            TargetTime::Period(start, end) => (None, Some((start, end))),
        };
        let mut tx = self.pool().begin().await?;
        let plan_id: i64 = sqlx::query("SELECT id FROM plans WHERE number = $1 AND is_current = 1")
            .bind(&target.plan)
            .fetch_optional(&mut *tx)
            .await?
            .map(|r| r.get(0))
            .ok_or_else(|| StoreError::NotFound(format!("kế hoạch {}", target.plan)))?;
        if let Some(group) = target.group {
            let known = sqlx::query("SELECT number FROM plan_groups WHERE plan_id = $1 AND number = $2")
                .bind(plan_id)
                .bind(group)
                .fetch_optional(&mut *tx)
                .await?;
            if known.is_none() {
                return Err(StoreError::Invalid(format!("kế hoạch {} không có nhóm nhiệm vụ số {group}", target.plan)));
            }
        }
        let id: i64 = sqlx::query(
            "INSERT INTO targets (plan_id, group_number, indicator, comparator, value, unit, year, period_start, period_end, baseline)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(plan_id)
        .bind(target.group)
        .bind(&indicator)
        .bind(&comparator)
        .bind(target.value)
        .bind(&unit)
        .bind(year)
        .bind(period.map(|p| p.0))
        .bind(period.map(|p| p.1))
        .bind(target.baseline)
        .fetch_one(&mut *tx)
        .await
        .map_err(fix_error)?
        .get(0);
        let after = serde_json::json!({
            "plan": target.plan, "group": target.group, "indicator": indicator, "comparator": comparator,
            "value": target.value, "unit": unit, "year": year, "period": period.map(|(a, b)| [a, b]),
            "baseline": target.baseline
        });
        audit::record(&mut tx, actor, "target.create", "target", Some(id), None, Some(&after)).await?;
        tx.commit().await?;
        Ok(id)
    }
}

/// The new target's indicator and unit, trimmed, once every field is
/// known to be storable and meaningful.
fn checked(t: &NewTarget) -> Result<(String, Option<String>)> {
    let invalid = |m: String| Err(StoreError::Invalid(m));
    let indicator = t.indicator.trim();
    if indicator.is_empty() {
        return invalid("tên chỉ tiêu không được để trống".into());
    }
    if indicator.chars().count() > MAX_INDICATOR_CHARS {
        return invalid(format!("tên chỉ tiêu dài quá {MAX_INDICATOR_CHARS} ký tự; hãy rút gọn"));
    }
    let unit = t.unit.as_deref().map(str::trim).filter(|u| !u.is_empty());
    if unit.is_some_and(|u| u.chars().count() > MAX_UNIT_CHARS) {
        return invalid(format!("đơn vị tính dài quá {MAX_UNIT_CHARS} ký tự; hãy rút gọn"));
    }
    if !t.value.is_finite() || t.baseline.is_some_and(|b| !b.is_finite()) {
        return invalid("giá trị chỉ tiêu và giá trị cơ sở phải là số".into());
    }
    let years = match t.time {
        TargetTime::Year(y) => vec![y],
        TargetTime::Period(start, end) => {
            if start > end {
                return invalid(format!("giai đoạn {start} - {end} không hợp lệ: năm đầu phải trước năm cuối"));
            }
            vec![start, end]
        }
    };
    if let Some(y) = years.iter().find(|y| !VALUE_YEARS.contains(y)) {
        return invalid(format!(
            "năm {y} không hợp lệ; hãy nhập năm từ {} đến {}",
            VALUE_YEARS.start(),
            VALUE_YEARS.end()
        ));
    }
    Ok((indicator.to_string(), unit.map(str::to_string)))
}

/// Growth-rate targets over a period ("tốc độ tăng trưởng … bình quân …
/// giai đoạn 2021 - 2025 đạt 11%") are judged by the average still needed
/// in the remaining years; other targets by the latest actual.
fn assess(
    indicator: &str,
    comparator: &str,
    value: f64,
    unit: Option<&str>,
    period: Option<[i64; 2]>,
    actuals: &[(i64, f64)],
) -> TargetAssessment {
    let Some(&(_, latest)) = actuals.last() else {
        return TargetAssessment::NoData;
    };
    let folded = fold(indicator);
    let is_rate = unit == Some("%") && (folded.contains("tang") || folded.contains("binh quan"));
    if let (true, Some([start, end])) = (is_rate, period) {
        let years = (end - start + 1) as f64;
        let in_period: Vec<f64> = actuals.iter().filter(|(y, _)| (start..=end).contains(y)).map(|(_, v)| *v).collect();
        let achieved: f64 = in_period.iter().map(|r| 1.0 + r / 100.0).product();
        let remaining = years - in_period.len() as f64;
        let goal = (1.0 + value / 100.0).powf(years);
        if remaining <= 0.0 {
            return if meets(comparator, (achieved.powf(1.0 / years) - 1.0) * 100.0, value) {
                TargetAssessment::Met
            } else {
                TargetAssessment::NotMet
            };
        }
        let needed = ((goal / achieved).powf(1.0 / remaining) - 1.0) * 100.0;
        let needed_average = (needed * 100.0).round() / 100.0;
        return if needed <= value * 1.5 {
            TargetAssessment::OnTrack { needed_average }
        } else {
            TargetAssessment::OffTrack { needed_average }
        };
    }
    if meets(comparator, latest, value) {
        TargetAssessment::Met
    } else {
        TargetAssessment::NotMet
    }
}

fn meets(comparator: &str, actual: f64, value: f64) -> bool {
    match comparator {
        ">=" => actual >= value,
        ">" => actual > value,
        "<=" => actual <= value,
        "<" => actual < value,
        _ => (actual - value).abs() <= value.abs() * 0.01,
    }
}
