//! Backups and health checks of the database file.

use std::path::Path;

use sqlx::Row;

use crate::error::{Result, StoreError};
use crate::{Backend, Store};

impl Store {
    /// A consistent copy of a live SQLite database (VACUUM INTO), taken
    /// while others may still read and write.
    pub async fn backup_sqlite(&self, file: &Path) -> Result<()> {
        if self.backend() != Backend::Sqlite {
            return Err(StoreError::Invalid("chỉ sao lưu trực tiếp được cơ sở dữ liệu SQLite".into()));
        }
        let path = file.to_str().ok_or_else(|| StoreError::Invalid("đường dẫn tệp sao lưu không hợp lệ".into()))?;
        sqlx::query("VACUUM INTO $1").bind(path).execute(self.pool()).await?;
        Ok(())
    }

    /// `PRAGMA integrity_check` on SQLite; PostgreSQL checks itself.
    pub async fn check_integrity(&self) -> Result<()> {
        if self.backend() != Backend::Sqlite {
            return Ok(());
        }
        let row = sqlx::query("PRAGMA integrity_check").fetch_one(self.pool()).await?;
        let verdict: String = row.try_get(0)?;
        if verdict == "ok" {
            Ok(())
        } else {
            Err(StoreError::Invalid(format!("cơ sở dữ liệu bị hỏng: {verdict}")))
        }
    }

    /// Rows per table, for checks that an operation changed nothing.
    pub async fn table_counts(&self) -> Result<Vec<(String, i64)>> {
        let mut out = Vec::new();
        for (table, sql) in COUNTS {
            let row = sqlx::query(*sql).fetch_one(self.pool()).await?;
            out.push((table.to_string(), row.try_get(0)?));
        }
        Ok(out)
    }
}

const COUNTS: &[(&str, &str)] = &[
    ("documents", "SELECT COUNT(*) FROM documents"),
    ("document_references", "SELECT COUNT(*) FROM document_references"),
    ("plans", "SELECT COUNT(*) FROM plans"),
    ("plan_groups", "SELECT COUNT(*) FROM plan_groups"),
    ("agencies", "SELECT COUNT(*) FROM agencies"),
    ("agency_members", "SELECT COUNT(*) FROM agency_members"),
    ("tasks", "SELECT COUNT(*) FROM tasks"),
    ("task_agencies", "SELECT COUNT(*) FROM task_agencies"),
    ("reports", "SELECT COUNT(*) FROM reports"),
    ("targets", "SELECT COUNT(*) FROM targets"),
    ("target_values", "SELECT COUNT(*) FROM target_values"),
    ("audit_log", "SELECT COUNT(*) FROM audit_log"),
];
