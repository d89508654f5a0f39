//! Search (tìm kiếm) across documents and agencies by the folded key (no
//! diacritics, đ→d, lowercase), so "so ke hoach" finds "Sở Kế hoạch và
//! Đầu tư" and old and new tone placements match. Tasks are searched by
//! the task list's own `q` filter, which folds the same way.

use serde::Serialize;
use sqlx::Row;
use theodoi_core::vi::fold;

use crate::error::Result;
use crate::Store;

/// A current plan whose number, title or issuer matches.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanHit {
    pub id: i64,
    pub number: String,
    pub title: Option<String>,
    pub issuer: Option<String>,
}

/// An agency whose name or one of whose aliases matches.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgencyHit {
    pub id: i64,
    pub name: String,
    /// The alias that matched, when it was not the canonical name.
    pub alias: Option<String>,
    pub collective: bool,
}

/// The query's folded words; empty when there is nothing to look for.
pub fn query_words(q: &str) -> Vec<String> {
    fold(q).split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// A LIKE pattern with the words in order, wildcards in the words escaped.
fn like_pattern(words: &[String]) -> String {
    let escaped: Vec<String> =
        words.iter().map(|w| w.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")).collect();
    format!("%{}%", escaped.join("%"))
}

impl Store {
    /// Current plans whose number, title or issuer holds the words of `q`
    /// as one phrase ("ke hoach hanh dong", "2999/qd").
    pub async fn search_plans(&self, q: &str, limit: usize) -> Result<Vec<PlanHit>> {
        let words = query_words(q);
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let phrase = words.join(" ");
        let rows = sqlx::query(
            "SELECT p.id, p.number, COALESCE(p.title, d.title), d.issuer FROM plans p
             JOIN documents d ON d.id = p.document_id WHERE p.is_current = 1 ORDER BY p.id DESC",
        )
        .fetch_all(self.pool())
        .await?;
        let mut hits = Vec::new();
        for r in &rows {
            let hit = PlanHit { id: r.try_get(0)?, number: r.try_get(1)?, title: r.try_get(2)?, issuer: r.try_get(3)? };
            let key = fold(&format!(
                "{} {} {}",
                hit.number,
                hit.title.as_deref().unwrap_or(""),
                hit.issuer.as_deref().unwrap_or("")
            ));
            if key.contains(&phrase) {
                hits.push(hit);
                if hits.len() == limit {
                    break;
                }
            }
        }
        Ok(hits)
    }

    /// Agencies whose name or an alias holds the words of `q` in order.
    pub async fn search_agencies(&self, q: &str, limit: usize) -> Result<Vec<AgencyHit>> {
        let words = query_words(q);
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let rows = sqlx::query(
            "SELECT a.id, a.name, NULL AS alias, a.collective, a.sort_key FROM agencies a WHERE a.name_key LIKE $1 ESCAPE '\\'
             UNION ALL
             SELECT a.id, a.name, al.alias, a.collective, a.sort_key FROM agency_aliases al JOIN agencies a ON a.id = al.agency_id
             WHERE al.alias_key LIKE $1 ESCAPE '\\'
             ORDER BY 5",
        )
        .bind(like_pattern(&words))
        .fetch_all(self.pool())
        .await?;
        let mut hits: Vec<AgencyHit> = Vec::new();
        for r in &rows {
            let id: i64 = r.try_get(0)?;
            if hits.iter().any(|h| h.id == id) {
                continue;
            }
            hits.push(AgencyHit {
                id,
                name: r.try_get(1)?,
                alias: r.try_get(2)?,
                collective: r.try_get::<i64, _>(3)? != 0,
            });
            if hits.len() == limit {
                break;
            }
        }
        Ok(hits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_and_patterns_escape_wildcards() {
        assert_eq!(query_words("  Sở  KẾ hoạch "), ["so", "ke", "hoach"]);
        assert_eq!(like_pattern(&query_words("100% đạt_x")), "%100\\%%dat\\_x%");
    }
}
