//! One agency registry across plans. Names are compared by their folded key
//! (no diacritics, đ→d, one tone placement, lowercase), aliases point at the
//! canonical agency, and a collective ("Các sở, ban, ngành cấp tỉnh") lists
//! its members so a task it leads fans out to each of them.

use std::collections::HashMap;

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use theodoi_core::vi::{fold, sort_key};

use crate::audit;
use crate::error::{fix_error, Result, StoreError};
use crate::Store;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgencyView {
    pub id: i64,
    pub name: String,
    pub collective: bool,
    pub aliases: Vec<String>,
    pub members: Vec<String>,
    /// Tasks it leads in current plans.
    pub lead_tasks: i64,
    /// Tasks it coordinates in current plans.
    pub coordinating_tasks: i64,
}

/// The comparison key of a name.
pub(crate) fn name_key(name: &str) -> String {
    fold(name)
}

/// Finds the agency a name (canonical or alias) refers to.
pub(crate) async fn find(conn: &mut AnyConnection, name: &str) -> Result<Option<i64>> {
    let key = name_key(name);
    let row = sqlx::query(
        "SELECT id FROM agencies WHERE name_key = $1
         UNION ALL SELECT agency_id FROM agency_aliases WHERE alias_key = $1 LIMIT 1",
    )
    .bind(&key)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|r| r.get::<i64, _>(0)))
}

/// The agency a name refers to, or a not-found error naming it.
pub(crate) async fn require(conn: &mut AnyConnection, name: &str) -> Result<i64> {
    find(conn, name).await?.ok_or_else(|| StoreError::NotFound(format!("cơ quan \"{name}\" trong danh mục")))
}

/// The same for an optional name.
pub(crate) async fn require_opt(conn: &mut AnyConnection, name: Option<&str>) -> Result<Option<i64>> {
    match name {
        Some(name) => require(conn, name).await.map(Some),
        None => Ok(None),
    }
}

/// Every name the registry knows (canonical and aliases) by key, and each
/// agency's canonical name, loaded once per import instead of one query
/// per name, and kept up to date as the import creates agencies.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    ids: HashMap<String, i64>,
    names: HashMap<i64, String>,
}

impl Registry {
    /// The agency a name refers to, created when the registry does not
    /// know it; with whether it was created.
    pub(crate) async fn resolve(
        &mut self,
        conn: &mut AnyConnection,
        name: &str,
        collective: bool,
        actor: &str,
    ) -> Result<(i64, bool)> {
        let key = name_key(name);
        if let Some(id) = self.ids.get(&key) {
            return Ok((*id, false));
        }
        let id = find_or_create(conn, name, collective, actor).await?;
        let stored: String =
            sqlx::query("SELECT name FROM agencies WHERE id = $1").bind(id).fetch_one(&mut *conn).await?.get(0);
        self.ids.insert(key, id);
        self.names.insert(id, stored);
        Ok((id, true))
    }

    /// The canonical name of agency `id`.
    pub(crate) fn name(&self, id: i64) -> Option<&str> {
        self.names.get(&id).map(String::as_str)
    }
}

/// Loads the registry (see `Registry`).
pub(crate) async fn registry(conn: &mut AnyConnection) -> Result<Registry> {
    let agencies = sqlx::query("SELECT id, name, name_key FROM agencies").fetch_all(&mut *conn).await?;
    let aliases = sqlx::query("SELECT alias_key, agency_id FROM agency_aliases").fetch_all(&mut *conn).await?;
    let mut registry = Registry::default();
    for r in &agencies {
        registry.ids.insert(r.get(2), r.get(0));
        registry.names.insert(r.get(0), r.get(1));
    }
    for r in &aliases {
        registry.ids.insert(r.get(0), r.get(1));
    }
    Ok(registry)
}

/// The agency for `name`, created when the registry does not know it.
pub(crate) async fn find_or_create(conn: &mut AnyConnection, name: &str, collective: bool, actor: &str) -> Result<i64> {
    if let Some(id) = find(conn, name).await? {
        return Ok(id);
    }
    let row =
        sqlx::query("INSERT INTO agencies (name, name_key, sort_key, collective) VALUES ($1, $2, $3, $4) RETURNING id")
            .bind(name)
            .bind(name_key(name))
            .bind(sort_key(name))
            .bind(collective as i64)
            .fetch_one(&mut *conn)
            .await
            .map_err(fix_error)?;
    let id: i64 = row.get(0);
    let after = serde_json::json!({"name": name, "collective": collective});
    audit::record(conn, actor, "agency.create", "agency", Some(id), None, Some(&after)).await?;
    Ok(id)
}

/// Registers the members of the province-level collectives from the
/// registry: "Các sở, ban, ngành cấp tỉnh" stands for every Sở and Ban,
/// "Ủy ban nhân dân cấp huyện" for every district committee. Other
/// collectives get their members with `theodoi agency add-member`.
pub(crate) async fn refresh_collective_members(conn: &mut AnyConnection) -> Result<()> {
    for sql in COLLECTIVE_RULES {
        sqlx::query(*sql).execute(&mut *conn).await.map_err(fix_error)?;
    }
    Ok(())
}

const COLLECTIVE_RULES: &[&str] = &[
    "INSERT INTO agency_members (collective_id, member_id)
     SELECT c.id, a.id FROM agencies c, agencies a
     WHERE c.collective = 1 AND c.name_key LIKE '%so, ban, nganh%' AND a.collective = 0
       AND (a.name_key LIKE 'so %' OR a.name_key LIKE 'ban %')
     ON CONFLICT DO NOTHING",
    "INSERT INTO agency_members (collective_id, member_id)
     SELECT c.id, a.id FROM agencies c, agencies a
     WHERE c.collective = 1 AND c.name_key IN ('uy ban nhan dan cap huyen', 'uy ban nhan dan cac huyen, thi xa, thanh pho')
       AND a.collective = 0
       AND (a.name_key LIKE 'uy ban nhan dan huyen %' OR a.name_key LIKE 'uy ban nhan dan thi xa %' OR a.name_key LIKE 'uy ban nhan dan thanh pho %')
     ON CONFLICT DO NOTHING",
];

impl Store {
    /// Every agency in Vietnamese order, with aliases, members and counts.
    pub async fn agencies(&self) -> Result<Vec<AgencyView>> {
        let rows = sqlx::query(
            "SELECT a.id, a.name, a.collective,
                    (SELECT COUNT(*) FROM task_agencies ta JOIN tasks t ON t.id = ta.task_id JOIN plans p ON p.id = t.plan_id
                      WHERE ta.agency_id = a.id AND ta.role = 'lead' AND p.is_current = 1) AS lead_tasks,
                    (SELECT COUNT(*) FROM task_agencies ta JOIN tasks t ON t.id = ta.task_id JOIN plans p ON p.id = t.plan_id
                      WHERE ta.agency_id = a.id AND ta.role = 'coordinating' AND p.is_current = 1) AS coordinating_tasks
             FROM agencies a ORDER BY a.sort_key",
        )
        .fetch_all(self.pool())
        .await?;
        let aliases =
            sqlx::query("SELECT agency_id, alias FROM agency_aliases ORDER BY alias").fetch_all(self.pool()).await?;
        let members = sqlx::query(
            "SELECT m.collective_id, a.name FROM agency_members m JOIN agencies a ON a.id = m.member_id ORDER BY a.sort_key",
        )
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .iter()
            .map(|r| {
                let id: i64 = r.get("id");
                AgencyView {
                    id,
                    name: r.get("name"),
                    collective: r.get::<i64, _>("collective") != 0,
                    aliases: aliases.iter().filter(|a| a.get::<i64, _>(0) == id).map(|a| a.get(1)).collect(),
                    members: members.iter().filter(|m| m.get::<i64, _>(0) == id).map(|m| m.get(1)).collect(),
                    lead_tasks: r.get("lead_tasks"),
                    coordinating_tasks: r.get("coordinating_tasks"),
                }
            })
            .collect())
    }

    /// Makes `alias` another name of `canonical`: its tasks, reports and
    /// users move to the canonical agency, and the name is kept as an alias
    /// so later imports map to it.
    pub async fn merge_agency(&self, alias: &str, canonical: &str, actor: &str) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        let target =
            find(&mut tx, canonical).await?.ok_or_else(|| StoreError::NotFound(format!("cơ quan \"{canonical}\"")))?;
        let source = find(&mut tx, alias).await?;
        if source == Some(target) {
            return Err(StoreError::Invalid(format!("\"{alias}\" đã là tên của \"{canonical}\"")));
        }
        if let Some(source) = source {
            // Links store the name as written empty when it was the
            // agency's own name (`import::insert_links`); that name is now
            // an alias, so it is written out before the links move.
            sqlx::query(
                "UPDATE task_agencies SET as_written = (SELECT name FROM agencies WHERE id = $1)
                 WHERE agency_id = $1 AND as_written = ''",
            )
            .bind(source)
            .execute(&mut *tx)
            .await
            .map_err(fix_error)?;
            for sql in MERGE_STATEMENTS {
                sqlx::query(*sql).bind(target).bind(source).execute(&mut *tx).await.map_err(fix_error)?;
            }
            sqlx::query("DELETE FROM agencies WHERE id = $1")
                .bind(source)
                .execute(&mut *tx)
                .await
                .map_err(fix_error)?;
        }
        sqlx::query("INSERT INTO agency_aliases (alias_key, alias, agency_id) VALUES ($1, $2, $3)")
            .bind(name_key(alias))
            .bind(alias)
            .bind(target)
            .execute(&mut *tx)
            .await
            .map_err(fix_error)?;
        crate::counts::rebuild(&mut tx).await?;
        let after = serde_json::json!({"alias": alias, "canonical": canonical});
        audit::record(&mut tx, actor, "agency.merge", "agency", Some(target), None, Some(&after)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Registers `member` as one of the agencies a collective stands for.
    pub async fn add_member(&self, collective: &str, member: &str, actor: &str) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        let c = find(&mut tx, collective)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("cơ quan \"{collective}\"")))?;
        let m = find_or_create(&mut tx, member, false, actor).await?;
        sqlx::query("UPDATE agencies SET collective = 1 WHERE id = $1").bind(c).execute(&mut *tx).await?;
        sqlx::query("INSERT INTO agency_members (collective_id, member_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(c)
            .bind(m)
            .execute(&mut *tx)
            .await
            .map_err(fix_error)?;
        let after = serde_json::json!({"collective": collective, "member": member});
        audit::record(&mut tx, actor, "agency.add_member", "agency", Some(c), None, Some(&after)).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Re-points everything that names the merged agency ($2) at the canonical
/// one ($1); rows that would become duplicates are dropped first.
const MERGE_STATEMENTS: &[&str] = &[
    "DELETE FROM task_agencies WHERE agency_id = $2 AND EXISTS (SELECT 1 FROM task_agencies o WHERE o.agency_id = $1 AND o.task_id = task_agencies.task_id AND o.role = task_agencies.role)",
    "UPDATE task_agencies SET agency_id = $1 WHERE agency_id = $2",
    "UPDATE reports SET agency_id = $1 WHERE agency_id = $2",
    "UPDATE users SET agency_id = $1 WHERE agency_id = $2",
    "UPDATE agency_aliases SET agency_id = $1 WHERE agency_id = $2",
    "DELETE FROM agency_members WHERE member_id = $2 AND EXISTS (SELECT 1 FROM agency_members o WHERE o.member_id = $1 AND o.collective_id = agency_members.collective_id)",
    "UPDATE agency_members SET member_id = $1 WHERE member_id = $2",
    "DELETE FROM agency_members WHERE collective_id = $2 AND EXISTS (SELECT 1 FROM agency_members o WHERE o.collective_id = $1 AND o.member_id = agency_members.member_id)",
    "UPDATE agency_members SET collective_id = $1 WHERE collective_id = $2",
];
