//! Import drafts (bản nháp nhập văn bản): an uploaded document and its
//! parse, kept apart from the plan tables while a reviewer corrects it.
//! Only [`Store::commit_draft`] writes the plan, in the same transaction
//! that marks the draft committed, so a plan is stored once and whole.

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use theodoi_parser::Document;

use crate::agencies;
use crate::audit;
use crate::codec::now_text;
use crate::error::{fix_error, Result, StoreError};
use crate::import::{import_in, ImportOutcome};
use crate::Store;

/// A document under review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Draft {
    pub id: i64,
    pub source_name: String,
    /// The text as uploaded; line numbers of the parse refer to it.
    pub source_text: String,
    /// The parse with the reviewer's corrections.
    pub document: Document,
    pub created_by: String,
    pub created_at: String,
    /// Set once the draft has been imported; it can no longer change.
    pub committed_at: Option<String>,
}

/// A line of the list of drafts (without the text).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DraftSummary {
    pub id: i64,
    pub source_name: String,
    pub created_by: String,
    pub created_at: String,
    pub committed_at: Option<String>,
}

/// An agency name of a draft and the registry agency it is, if any.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgencyMatch {
    pub name: String,
    /// The registry's canonical name, when the name (or an alias) is known.
    pub registry_name: Option<String>,
}

fn document_json(doc: &Document) -> Result<String> {
    serde_json::to_string(doc).map_err(|e| StoreError::Invalid(format!("không lưu được bản phân tích: {e}")))
}

impl Store {
    /// Keeps an uploaded document and its parse for review; nothing of the
    /// plan is stored yet.
    pub async fn create_draft(&self, source_name: &str, source_text: &str, doc: &Document, actor: &str) -> Result<i64> {
        let mut tx = self.pool().begin().await?;
        let row = sqlx::query(
            "INSERT INTO import_drafts (source_name, source_text, document_json, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(source_name)
        .bind(source_text)
        .bind(document_json(doc)?)
        .bind(actor)
        .bind(now_text())
        .fetch_one(&mut *tx)
        .await
        .map_err(fix_error)?;
        let id: i64 = row.get(0);
        let after =
            serde_json::json!({"source_name": source_name, "tasks": doc.plan.as_ref().map_or(0, |p| p.tasks.len())});
        audit::record(&mut tx, actor, "draft.create", "import_draft", Some(id), None, Some(&after)).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// One draft with its text and parse, open or already imported.
    pub async fn draft(&self, id: i64) -> Result<Draft> {
        let mut conn = self.pool().acquire().await?;
        read(&mut conn, id).await
    }

    /// Drafts, newest first: those still open, then the latest imported.
    pub async fn drafts(&self, limit: i64) -> Result<Vec<DraftSummary>> {
        let rows = sqlx::query(
            "SELECT id, source_name, created_by, created_at, committed_at FROM import_drafts
             ORDER BY CASE WHEN committed_at IS NULL THEN 0 ELSE 1 END, id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(DraftSummary {
                    id: r.try_get(0)?,
                    source_name: r.try_get(1)?,
                    created_by: r.try_get(2)?,
                    created_at: r.try_get(3)?,
                    committed_at: r.try_get(4)?,
                })
            })
            .collect()
    }

    /// Replaces a draft's parse with the reviewer's corrected one.
    pub async fn update_draft(&self, id: i64, doc: &Document, actor: &str) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        load(&mut tx, id).await?;
        sqlx::query("UPDATE import_drafts SET document_json = $1 WHERE id = $2 AND committed_at IS NULL")
            .bind(document_json(doc)?)
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(fix_error)?;
        audit::record(&mut tx, actor, "draft.update", "import_draft", Some(id), None, None).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Imports a draft as a plan and marks it committed, in one
    /// transaction: either both happen or neither.
    pub async fn commit_draft(&self, id: i64, actor: &str) -> Result<ImportOutcome> {
        let mut tx = self.pool().begin().await?;
        let draft = load(&mut tx, id).await?;
        let mut registry = crate::agencies::registry(&mut tx).await?;
        let outcome = import_in(&mut tx, &mut registry, &draft.document, &draft.source_text, actor).await?;
        sqlx::query("UPDATE import_drafts SET committed_at = $1 WHERE id = $2")
            .bind(now_text())
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(fix_error)?;
        audit::record(&mut tx, actor, "draft.commit", "import_draft", Some(id), None, None).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    /// Throws a draft away; an imported draft stays as the record of its
    /// import.
    pub async fn discard_draft(&self, id: i64, actor: &str) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        let draft = load(&mut tx, id).await?;
        sqlx::query("DELETE FROM import_drafts WHERE id = $1").bind(id).execute(&mut *tx).await.map_err(fix_error)?;
        let before = serde_json::json!({"source_name": draft.source_name});
        audit::record(&mut tx, actor, "draft.discard", "import_draft", Some(id), Some(&before), None).await?;
        tx.commit().await?;
        Ok(())
    }

    /// For each name, the registry agency it already is (by canonical
    /// name or alias), so a reviewer sees which agencies an import creates.
    pub async fn match_agencies(&self, names: &[String]) -> Result<Vec<AgencyMatch>> {
        let mut conn = self.pool().acquire().await?;
        let mut out = Vec::with_capacity(names.len());
        for name in names {
            let registry_name = match agencies::find(&mut conn, name).await? {
                Some(id) => sqlx::query("SELECT name FROM agencies WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *conn)
                    .await?
                    .map(|r| r.get::<String, _>(0)),
                None => None,
            };
            out.push(AgencyMatch { name: name.clone(), registry_name });
        }
        Ok(out)
    }
}

/// Loads a draft that is still open; a committed one can only be read.
async fn load(conn: &mut AnyConnection, id: i64) -> Result<Draft> {
    let draft = read(conn, id).await?;
    if draft.committed_at.is_some() {
        return Err(StoreError::Invalid(format!(
            "bản nháp số {id} đã được nhập vào hệ thống; hãy mở kế hoạch trong mục Kế hoạch"
        )));
    }
    Ok(draft)
}

async fn read(conn: &mut AnyConnection, id: i64) -> Result<Draft> {
    let row = sqlx::query(
        "SELECT id, source_name, source_text, document_json, created_by, created_at, committed_at
         FROM import_drafts WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| StoreError::NotFound(format!("bản nháp nhập văn bản số {id}")))?;
    let json: String = row.try_get(3)?;
    let document = serde_json::from_str(&json)
        .map_err(|e| StoreError::Invalid(format!("bản nháp số {id} bị hỏng ({e}); hãy tải văn bản lên lại")))?;
    Ok(Draft {
        id: row.try_get(0)?,
        source_name: row.try_get(1)?,
        source_text: row.try_get(2)?,
        document,
        created_by: row.try_get(4)?,
        created_at: row.try_get(5)?,
        committed_at: row.try_get(6)?,
    })
}
