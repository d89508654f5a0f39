//! The documents behind plans and the citation graph between them: a plan
//! implements a resolution, which implements a Politburo resolution, and
//! later plans cite this one.

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::Row;

use crate::codec::opt_date;
use crate::error::{Result, StoreError};
use crate::Store;

/// A document this one cites, as the citation describes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Citation {
    pub number: String,
    pub kind: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub issuer: Option<String>,
    /// Cited among the legal bases ("Căn cứ …").
    pub is_basis: bool,
    /// Imported too, so it can be opened.
    pub known: bool,
}

/// One document with what it cites and what cites it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentGraph {
    pub number: String,
    pub kind: Option<String>,
    pub title: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub cites: Vec<Citation>,
    /// Numbers of imported documents that cite this one.
    pub cited_by: Vec<String>,
}

impl Store {
    /// The latest imported document with this number, and its neighbours.
    pub async fn document_graph(&self, number: &str) -> Result<DocumentGraph> {
        let doc = sqlx::query(
            "SELECT id, number, kind, title, issued_on FROM documents WHERE number = $1 ORDER BY id DESC LIMIT 1",
        )
        .bind(number)
        .fetch_optional(self.pool())
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("văn bản số {number}")))?;
        let id: i64 = doc.get(0);
        let cites = sqlx::query(
            "SELECT r.number, r.kind, r.issued_on, r.issuer, r.is_basis,
                    CAST(CASE WHEN EXISTS (SELECT 1 FROM documents d WHERE d.number = r.number) THEN 1 ELSE 0 END AS BIGINT) AS known
             FROM document_references r WHERE r.document_id = $1 ORDER BY r.is_basis DESC, r.number",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| {
            Ok(Citation {
                number: r.get(0),
                kind: r.get(1),
                issued_on: opt_date(r.get(2))?,
                issuer: r.get(3),
                is_basis: r.get::<i64, _>(4) != 0,
                known: r.get::<i64, _>(5) != 0,
            })
        })
        .collect::<Result<Vec<_>>>()?;
        let cited_by = sqlx::query(
            "SELECT DISTINCT d.number FROM document_references r JOIN documents d ON d.id = r.document_id
             WHERE r.number = $1 AND d.number IS NOT NULL ORDER BY d.number",
        )
        .bind(number)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| r.get(0))
        .collect();
        Ok(DocumentGraph {
            number: doc.get(1),
            kind: doc.get(2),
            title: doc.get(3),
            issued_on: opt_date(doc.get(4))?,
            cites,
            cited_by,
        })
    }
}
