//! Entering a target's (chỉ tiêu) actual value by the target's id. Indicator names repeat within a
//! plan ("tỷ lệ …" for 2025 and for 2030), so the web form names the
//! target it means by id rather than by words.

use sqlx::Row;

use crate::audit;
use crate::codec::now_text;
use crate::error::{fix_error, Result, StoreError};
use crate::Store;

/// Years an actual value may be entered for.
pub const VALUE_YEARS: std::ops::RangeInclusive<i64> = 2000..=2100;

impl Store {
    /// Enters (or corrects) the actual value of target `target_id` for
    /// `year`, with its audit log entry, in one transaction.
    pub async fn set_target_value_by_id(
        &self,
        target_id: i64,
        year: i64,
        value: f64,
        source: Option<&str>,
        actor: &str,
    ) -> Result<()> {
        if !VALUE_YEARS.contains(&year) {
            return Err(StoreError::Invalid(format!("năm {year} không hợp lệ; hãy nhập năm từ 2000 đến 2100")));
        }
        if !value.is_finite() {
            return Err(StoreError::Invalid("giá trị phải là một số".into()));
        }
        let mut tx = self.pool().begin().await?;
        let known = sqlx::query(
            "SELECT t.id FROM targets t JOIN plans p ON p.id = t.plan_id WHERE t.id = $1 AND p.is_current = 1",
        )
        .bind(target_id)
        .fetch_optional(&mut *tx)
        .await?;
        if known.is_none() {
            return Err(StoreError::NotFound(format!("chỉ tiêu số {target_id}")));
        }
        let before = sqlx::query("SELECT value, source FROM target_values WHERE target_id = $1 AND year = $2")
            .bind(target_id)
            .bind(year)
            .fetch_optional(&mut *tx)
            .await?
            .map(|r| serde_json::json!({"year": year, "value": r.get::<f64, _>(0), "source": r.get::<Option<String>, _>(1)}));
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
}
