//! Storing a parsed document as a plan, in one transaction: all or nothing.
//! The same text again changes nothing (its sha256 is known); a changed
//! text with the same number is an amended plan: a new version, with the
//! reports of unchanged tasks carried over.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::{AnyConnection, AssertSqlSafe, Row};
use theodoi_core::vi::fold;
use theodoi_parser::{AgencyRole, DeadlineKind, Document, Group, Plan, Task};

use crate::agencies::{self, Registry};
use crate::audit;
use crate::bulk::{multi_row_insert, multi_row_sql, pipelined, BATCH};
use crate::codec::{kind_text, now_text, opt_date_text, recurrence_text};
use crate::counts::{self, NewOpen, Scope};
use crate::duties::Duty;
use crate::error::{fix_error, Result, StoreError};
use crate::Store;

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ImportOutcome {
    /// This exact text was imported before.
    Unchanged { plan: String, version: i64 },
    /// A plan number seen for the first time.
    Created { plan: String, version: i64, tasks: usize, targets: usize },
    /// A new text for a known number: what changed against the last version.
    Amended { plan: String, version: i64, added: Vec<String>, removed: Vec<String>, changed: Vec<String> },
}

impl Store {
    /// Imports `doc` (parsed from `source_text`) in its own transaction.
    pub async fn import(&self, doc: &Document, source_text: &str, actor: &str) -> Result<ImportOutcome> {
        let mut tx = self.pool().begin().await?;
        let mut registry = agencies::registry(&mut tx).await?;
        let outcome = import_in(&mut tx, &mut registry, doc, source_text, actor).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    /// Imports many documents in one transaction: all of them or none.
    /// For bulk loads (synthetic data, migrations from other trackers),
    /// where one commit per plan would cost more than the plan itself.
    ///
    /// Plans seen for the first time go in together, a few multi-row
    /// statements for the whole batch; a text already known, an amended
    /// plan, or a number given twice in the batch takes the one-plan path,
    /// in the batch's order.
    pub async fn import_batch(&self, docs: &[(Document, String)], actor: &str) -> Result<Vec<ImportOutcome>> {
        let mut tx = self.pool().begin().await?;
        let mut open = NewOpen::default();
        let outcomes = import_batch_in(&mut tx, docs, actor, &mut open).await?;
        open.flush(&mut tx).await?;
        tx.commit().await?;
        Ok(outcomes)
    }
}

/// `Store::import_batch` inside a transaction the caller commits (a bulk
/// load runs many batches in one). The new plans' open tasks are counted
/// in `open`, which the caller flushes before it commits.
pub(crate) async fn import_batch_in(
    tx: &mut AnyConnection,
    docs: &[(Document, String)],
    actor: &str,
    open: &mut NewOpen,
) -> Result<Vec<ImportOutcome>> {
    let mut registry = agencies::registry(tx).await?;
    let fresh = fresh_documents(tx, docs).await?;
    let chosen: Vec<&(Document, String)> = fresh.iter().map(|i| &docs[*i]).collect();
    let mut outcomes: Vec<Option<ImportOutcome>> = vec![None; docs.len()];
    for (i, outcome) in fresh.iter().zip(import_new(tx, &mut registry, &chosen, actor, open).await?) {
        outcomes[*i] = Some(outcome);
    }
    // The others amend or repeat stored plans and count in the table
    // itself (`counts::adjust`), which must then hold every plan so far.
    if outcomes.iter().any(Option::is_none) {
        open.flush(tx).await?;
    }
    for (i, (doc, text)) in docs.iter().enumerate() {
        if outcomes[i].is_none() {
            outcomes[i] = Some(import_in(tx, &mut registry, doc, text, actor).await?);
        }
    }
    Ok(outcomes.into_iter().flatten().collect())
}

/// The positions of the documents that are plans seen for the first time:
/// text and number unknown to the database and given once in the batch.
async fn fresh_documents(conn: &mut AnyConnection, docs: &[(Document, String)]) -> Result<Vec<usize>> {
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let mut hashes: HashMap<String, usize> = HashMap::new();
    for (doc, _) in docs {
        *numbers.entry(plan_number(doc)).or_default() += 1;
        *hashes.entry(doc.source.sha256.clone()).or_default() += 1;
    }
    let number_keys: Vec<String> = numbers.keys().cloned().collect();
    let hash_keys: Vec<String> = hashes.keys().cloned().collect();
    let mut known =
        known_keys(conn, "SELECT number FROM plans WHERE is_current = 1 AND number IN ", &number_keys).await?;
    known.extend(known_keys(conn, "SELECT source_sha256 FROM documents WHERE source_sha256 IN ", &hash_keys).await?);
    Ok(docs
        .iter()
        .enumerate()
        .filter(|(_, (doc, _))| {
            let number = plan_number(doc);
            doc.plan.as_ref().is_some_and(|p| !p.tasks.is_empty())
                && numbers[&number] == 1
                && hashes[&doc.source.sha256] == 1
                && !known.contains(&number)
                && !known.contains(&doc.source.sha256)
        })
        .map(|(i, _)| i)
        .collect())
}

/// Which of `keys` the query `PREFIX (…)` finds.
async fn known_keys(conn: &mut AnyConnection, prefix: &str, keys: &[String]) -> Result<HashSet<String>> {
    let mut known = HashSet::new();
    for chunk in keys.chunks(BATCH) {
        let sql = in_list(conn, prefix, chunk.len());
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for key in chunk {
            query = query.bind(key.clone());
        }
        known.extend(query.fetch_all(&mut *conn).await?.iter().map(|r| r.get::<String, _>(0)));
    }
    Ok(known)
}

/// "PREFIX (?, ?, …)" with `n` placeholders in the connection's style.
fn in_list(conn: &AnyConnection, prefix: &str, n: usize) -> String {
    let one_row = multi_row_insert(conn, "", n, 1);
    format!("{prefix}{one_row}")
}

/// Stores plans seen for the first time (see `fresh_documents`), the whole
/// batch in a few multi-row statements; returns each one's outcome, in
/// order.
async fn import_new(
    conn: &mut AnyConnection,
    registry: &mut Registry,
    docs: &[&(Document, String)],
    actor: &str,
    open: &mut NewOpen,
) -> Result<Vec<ImportOutcome>> {
    let document_ids = insert_documents(conn, docs).await?;
    let mut plan_ids = HashMap::new();
    for chunk in docs.chunks(BATCH) {
        let sql = multi_row_insert(
            conn,
            "INSERT INTO plans (number, version, is_current, document_id, title, horizon_year, created_at) VALUES ",
            7,
            chunk.len(),
        );
        let mut query = sqlx::query(AssertSqlSafe(format!("{sql} RETURNING id, number")));
        let now = now_text();
        for (doc, _) in chunk {
            let plan = doc.plan.as_ref().ok_or(StoreError::NotAPlan)?;
            query = query
                .bind(plan_number(doc))
                .bind(1_i64)
                .bind(1_i64)
                .bind(document_ids[&doc.source.sha256])
                .bind(plan_title(doc, plan))
                .bind(horizon(plan))
                .bind(now.clone());
        }
        for r in query.fetch_all(&mut *conn).await.map_err(fix_error)? {
            plan_ids.insert(r.get::<String, _>(1), r.get::<i64, _>(0));
        }
    }
    let mut groups = Vec::new();
    let mut tasks = Vec::new();
    let mut plans_made = HashMap::new();
    let mut out = Vec::with_capacity(docs.len());
    for (doc, _) in docs {
        let plan = doc.plan.as_ref().ok_or(StoreError::NotAPlan)?;
        let number = plan_number(doc);
        let plan_id = plan_ids[&number];
        groups.extend(plan.groups.iter().map(|g| (plan_id, g)));
        tasks.extend(plan.tasks.iter().map(|t| (plan_id, t)));
        plans_made.insert(plan_id, (number.clone(), doc.document.issued_on));
        let outcome =
            ImportOutcome::Created { plan: number, version: 1, tasks: plan.tasks.len(), targets: plan.targets.len() };
        out.push((outcome, plan_id));
    }
    insert_groups(conn, &groups).await?;
    let task_ids = insert_task_rows(conn, &tasks).await?;
    let linked: Vec<(i64, &Task)> = task_ids.into_iter().zip(tasks.iter().map(|(_, t)| *t)).collect();
    let leads = insert_links(conn, registry, &linked, actor).await?;
    count_new(conn, &tasks, &linked, &leads, &plans_made, open).await?;
    let mut entries = Vec::with_capacity(out.len());
    for ((doc, _), (outcome, plan_id)) in docs.iter().zip(&out) {
        for target in doc.plan.iter().flat_map(|p| &p.targets) {
            insert_target(conn, *plan_id, target).await?;
        }
        entries.push((*plan_id, serde_json::to_value(outcome).unwrap_or_default()));
    }
    audit::record_each(conn, actor, "plan.import", "plan", &entries).await?;
    Ok(out.into_iter().map(|(outcome, _)| outcome).collect())
}

/// Adds a batch's new plans to the status counts, the kept days and the
/// periodic-report duties. The counts and duties are drawn up from the
/// rows just written, still in memory (`counts::NewOpen`, `Duty::new`):
/// reading 25,000 new tasks back with their agencies cost a batch more
/// than writing what they add.
async fn count_new(
    conn: &mut AnyConnection,
    tasks: &[(i64, &Task)],
    linked: &[(i64, &Task)],
    leads: &[(usize, i64)],
    plans: &HashMap<i64, (String, Option<NaiveDate>)>,
    open: &mut NewOpen,
) -> Result<()> {
    let (Some(first), Some(last)) = (plans.keys().min(), plans.keys().max()) else {
        return Ok(());
    };
    for (_, task) in tasks {
        open.add(0, task.deadline.due);
    }
    let mut duties = Vec::new();
    for (i, agency) in leads {
        let ((plan_id, task), (task_id, _)) = (tasks[*i], linked[*i]);
        open.add(*agency, task.deadline.due);
        let (number, signed) = &plans[&plan_id];
        if let (DeadlineKind::Recurring, Some(since)) = (task.deadline.kind, signed) {
            duties.push(Duty::new(task_id, *agency, number.clone(), task.deadline.recurrence, *since));
        }
    }
    crate::duties::store(conn, &duties).await?;
    crate::snapshots::adjust(conn, Scope::PlanRange(*first, *last), 1, None).await
}

/// Imports one document inside `tx` and counts its plan; returns what
/// happened.
pub(crate) async fn import_in(
    tx: &mut AnyConnection,
    registry: &mut Registry,
    doc: &Document,
    source_text: &str,
    actor: &str,
) -> Result<ImportOutcome> {
    let plan = doc.plan.as_ref().filter(|p| !p.tasks.is_empty()).ok_or(StoreError::NotAPlan)?;
    let number = plan_number(doc);
    if let Some(row) = sqlx::query(
        "SELECT p.number, p.version FROM documents d JOIN plans p ON p.document_id = d.id WHERE d.source_sha256 = $1",
    )
    .bind(&doc.source.sha256)
    .fetch_optional(&mut *tx)
    .await?
    {
        return Ok(ImportOutcome::Unchanged { plan: row.get(0), version: row.get(1) });
    }
    let document_id = insert_document(tx, doc, source_text).await?;
    let previous = current_plan(tx, &number).await?;
    let version = previous.map_or(1, |(_, v)| v + 1);
    if let Some((old_id, _)) = previous {
        counts::adjust(tx, Scope::Plan(old_id), -1).await?;
        sqlx::query("UPDATE plans SET is_current = 0 WHERE id = $1").bind(old_id).execute(&mut *tx).await?;
        sqlx::query(
            "UPDATE task_agencies SET is_current = 0 WHERE task_id IN (SELECT id FROM tasks WHERE plan_id = $1)",
        )
        .bind(old_id)
        .execute(&mut *tx)
        .await?;
    }
    let plan_id = insert_plan(tx, doc, plan, &number, version, document_id).await?;
    let task_ids = insert_tasks(tx, registry, plan_id, &plan.tasks, actor).await?;
    for target in &plan.targets {
        insert_target(tx, plan_id, target).await?;
    }
    let outcome = match previous {
        None => ImportOutcome::Created {
            plan: number.clone(),
            version,
            tasks: plan.tasks.len(),
            targets: plan.targets.len(),
        },
        Some((old_id, _)) => amend(tx, old_id, &task_ids, plan, &number, version).await?,
    };
    counts::adjust(tx, Scope::Plan(plan_id), 1).await?;
    let after = serde_json::to_value(&outcome).unwrap_or_default();
    audit::record(tx, actor, "plan.import", "plan", Some(plan_id), None, Some(&after)).await?;
    Ok(outcome)
}

/// The number a plan is known by; a document without one is known by its
/// text's hash, so re-importing it is still recognised.
fn plan_number(doc: &Document) -> String {
    doc.document.number.clone().unwrap_or_else(|| format!("(không số) {}", &doc.source.sha256[..12]))
}

async fn current_plan(conn: &mut AnyConnection, number: &str) -> Result<Option<(i64, i64)>> {
    let row = sqlx::query("SELECT id, version FROM plans WHERE number = $1 AND is_current = 1")
        .bind(number)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.map(|r| (r.get(0), r.get(1))))
}

async fn insert_document(conn: &mut AnyConnection, doc: &Document, source_text: &str) -> Result<i64> {
    let d = &doc.document;
    let row = sqlx::query(
        "INSERT INTO documents (number, kind, issuer, place, issued_on, title, source_name, source_sha256, source_text, diagnostics_json, imported_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(&d.number)
    .bind(&d.kind)
    .bind(&d.issuer)
    .bind(&d.place)
    .bind(opt_date_text(d.issued_on))
    .bind(&d.title)
    .bind(&doc.source.name)
    .bind(&doc.source.sha256)
    .bind(source_text)
    .bind(diagnostics_json(doc)?)
    .bind(now_text())
    .fetch_one(&mut *conn)
    .await
    .map_err(fix_error)?;
    let id: i64 = row.get(0);
    insert_references(conn, id, doc).await?;
    Ok(id)
}

/// Many documents in multi-row statements; their ids by source hash.
async fn insert_documents(conn: &mut AnyConnection, docs: &[&(Document, String)]) -> Result<HashMap<String, i64>> {
    let mut ids = HashMap::with_capacity(docs.len());
    let now = now_text();
    for chunk in docs.chunks(BATCH) {
        let sql = multi_row_insert(
            conn,
            "INSERT INTO documents (number, kind, issuer, place, issued_on, title, source_name, source_sha256, source_text, \
             diagnostics_json, imported_at) VALUES ",
            11,
            chunk.len(),
        );
        let mut query = sqlx::query(AssertSqlSafe(format!("{sql} RETURNING id, source_sha256")));
        for (doc, text) in chunk {
            let d = &doc.document;
            query = query
                .bind(d.number.clone())
                .bind(d.kind.clone())
                .bind(d.issuer.clone())
                .bind(d.place.clone())
                .bind(opt_date_text(d.issued_on))
                .bind(d.title.clone())
                .bind(doc.source.name.clone())
                .bind(doc.source.sha256.clone())
                .bind(text.clone())
                .bind(diagnostics_json(doc)?)
                .bind(now.clone());
        }
        for r in query.fetch_all(&mut *conn).await.map_err(fix_error)? {
            ids.insert(r.get::<String, _>(1), r.get::<i64, _>(0));
        }
    }
    for (doc, _) in docs {
        insert_references(conn, ids[&doc.source.sha256], doc).await?;
    }
    Ok(ids)
}

fn diagnostics_json(doc: &Document) -> Result<String> {
    serde_json::to_string(&doc.diagnostics).map_err(|e| StoreError::Invalid(e.to_string()))
}

/// The documents `doc` cites, each once.
async fn insert_references(conn: &mut AnyConnection, id: i64, doc: &Document) -> Result<()> {
    let d = &doc.document;
    let bases: Vec<&String> = d.legal_bases.iter().flat_map(|b| &b.cites).collect();
    for r in d.references.iter().filter(|r| Some(&r.number) != d.number.as_ref()) {
        sqlx::query(
            "INSERT INTO document_references (document_id, number, kind, issued_on, issuer, is_basis) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(&r.number)
        .bind(&r.kind)
        .bind(opt_date_text(r.issued_on))
        .bind(&r.issuer)
        .bind(bases.contains(&&r.number) as i64)
        .execute(&mut *conn)
        .await
        .map_err(fix_error)?;
    }
    Ok(())
}

/// The last year the plan's targets name.
fn horizon(plan: &Plan) -> Option<i64> {
    plan.targets.iter().filter_map(|t| t.year.or(t.period.map(|p| p[1]))).max().map(i64::from)
}

fn plan_title(doc: &Document, plan: &Plan) -> Option<String> {
    plan.title.clone().or_else(|| doc.document.title.clone())
}

async fn insert_plan(
    conn: &mut AnyConnection,
    doc: &Document,
    plan: &Plan,
    number: &str,
    version: i64,
    document_id: i64,
) -> Result<i64> {
    let row = sqlx::query(
        "INSERT INTO plans (number, version, is_current, document_id, title, horizon_year, created_at)
         VALUES ($1, $2, 1, $3, $4, $5, $6) RETURNING id",
    )
    .bind(number)
    .bind(version)
    .bind(document_id)
    .bind(plan_title(doc, plan))
    .bind(horizon(plan))
    .bind(now_text())
    .fetch_one(&mut *conn)
    .await
    .map_err(fix_error)?;
    let plan_id: i64 = row.get(0);
    let groups: Vec<(i64, &Group)> = plan.groups.iter().map(|g| (plan_id, g)).collect();
    insert_groups(conn, &groups).await?;
    Ok(plan_id)
}

/// Groups of one or many plans, in multi-row statements.
async fn insert_groups(conn: &mut AnyConnection, groups: &[(i64, &Group)]) -> Result<()> {
    let build = |positional: bool, chunk: &[(i64, &Group)]| -> Result<crate::bulk::Statement> {
        let sql = multi_row_sql(
            positional,
            "INSERT INTO plan_groups (plan_id, number, title, general_task) VALUES ",
            4,
            chunk.len(),
        );
        let mut query = sqlx::query(AssertSqlSafe(format!("{sql} ON CONFLICT DO NOTHING")));
        for (plan_id, g) in chunk {
            query = query.bind(*plan_id).bind(i64::from(g.number)).bind(g.title.clone()).bind(g.general_task.clone());
        }
        Ok(query)
    };
    pipelined(conn, groups, build, |_| ()).await
}

/// Inserts every task of a plan and its agency links in a few multi-row
/// statements; returns the new ids by task number.
async fn insert_tasks(
    conn: &mut AnyConnection,
    registry: &mut Registry,
    plan_id: i64,
    tasks: &[Task],
    actor: &str,
) -> Result<HashMap<String, i64>> {
    let rows: Vec<(i64, &Task)> = tasks.iter().map(|t| (plan_id, t)).collect();
    let ids = insert_task_rows(conn, &rows).await?;
    let linked: Vec<(i64, &Task)> = ids.into_iter().zip(tasks).collect();
    insert_links(conn, registry, &linked, actor).await?;
    Ok(linked.iter().map(|(id, t)| (t.id.clone(), *id)).collect())
}

/// Tasks of one or many plans, in multi-row statements with ids reserved
/// up front (`reserve_ids`); returns each task's id, in the order given.
async fn insert_task_rows(conn: &mut AnyConnection, tasks: &[(i64, &Task)]) -> Result<Vec<i64>> {
    let ids = crate::bulk::reserve_ids(conn, "tasks", tasks.len()).await?;
    let rows: Vec<(i64, i64, &Task)> =
        ids.iter().zip(tasks).map(|(id, (plan_id, task))| (*id, *plan_id, *task)).collect();
    let build = |positional: bool, chunk: &[(i64, i64, &Task)]| -> Result<crate::bulk::Statement> {
        let sql = multi_row_sql(
            positional,
            "INSERT INTO tasks (id, plan_id, code, group_number, title, search_key, product, origin, source_line, \
             deadline_text, deadline_kind, start_on, due_on, recurrence, reports_to, milestones_json, coordinating_others) VALUES ",
            17,
            chunk.len(),
        );
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for (id, plan_id, task) in chunk {
            let d = &task.deadline;
            query = query
                .bind(*id)
                .bind(*plan_id)
                .bind(task.id.clone())
                .bind(task.group.map(i64::from))
                .bind(task.title.clone())
                .bind(fold(&task.title))
                .bind(task.product.clone())
                .bind(match task.origin {
                    theodoi_parser::Origin::Appendix => "appendix",
                    theodoi_parser::Origin::Body => "body",
                })
                .bind(task.line.map(|l| l as i64))
                .bind(d.text.clone())
                .bind(kind_text(d.kind))
                .bind(opt_date_text(d.start))
                .bind(opt_date_text(d.due))
                .bind(d.recurrence.map(recurrence_text))
                .bind(d.reports_to.clone())
                .bind(serde_json::to_string(&d.milestones).unwrap_or_else(|_| "[]".into()))
                .bind(task.coordinating_others as i64);
        }
        Ok(query)
    };
    pipelined(conn, &rows, build, |_| ()).await?;
    Ok(ids)
}

/// Links each task to the agencies it names (created in the registry when
/// new), in multi-row statements; returns the lead links, each as the
/// task's position in `tasks` and the agency's id.
async fn insert_links(
    conn: &mut AnyConnection,
    registry: &mut Registry,
    tasks: &[(i64, &Task)],
    actor: &str,
) -> Result<Vec<(usize, i64)>> {
    let mut created_agencies = false;
    let mut links: Vec<(i64, i64, &'static str, &str, Option<String>)> = Vec::new();
    // Agency ids by name as written in this call: a bulk load names the
    // same few hundred agencies a million times, and folding each mention
    // was a good part of the load's own work.
    let mut by_name: HashMap<&str, i64> = HashMap::new();
    let mut leads = Vec::with_capacity(tasks.len());
    for (position, (task_id, task)) in tasks.iter().enumerate() {
        let due = opt_date_text(task.deadline.due);
        let first = links.len();
        for mention in &task.agencies {
            let agency_id = match by_name.get(mention.name.as_str()) {
                Some(id) => *id,
                None => {
                    let (id, created) = registry.resolve(conn, &mention.name, mention.collective, actor).await?;
                    created_agencies |= created;
                    by_name.insert(&mention.name, id);
                    id
                }
            };
            let role = match mention.role {
                AgencyRole::Lead => "lead",
                AgencyRole::Coordinating => "coordinating",
            };
            // The name as written is kept only where it differs from the
            // registry's (an abbreviation, an old spelling): mostly it is
            // the same, and at a million tasks those copies were 120 MB of
            // the links' 250. Readers put the agency's name in its place.
            let as_written = match registry.name(agency_id) {
                Some(name) if name == mention.as_written => "",
                _ => mention.as_written.as_str(),
            };
            // A task names a handful of agencies: the links of this task
            // so far are the only ones it could repeat.
            if !links[first..].iter().any(|l| l.1 == agency_id && l.2 == role) {
                links.push((*task_id, agency_id, role, as_written, due.clone()));
                if role == "lead" {
                    leads.push((position, agency_id));
                }
            }
        }
    }
    let build = |positional: bool, chunk: &[(i64, i64, &'static str, &str, Option<String>)]| {
        let sql = multi_row_sql(
            positional,
            "INSERT INTO task_agencies (task_id, agency_id, role, as_written, due_on) VALUES ",
            5,
            chunk.len(),
        );
        let mut query = sqlx::query(AssertSqlSafe(format!("{sql} ON CONFLICT DO NOTHING")));
        for (task_id, agency_id, role, as_written, due) in chunk {
            query = query.bind(*task_id).bind(*agency_id).bind(*role).bind(*as_written).bind(due.clone());
        }
        Ok(query)
    };
    pipelined(conn, &links, build, |_| ()).await?;
    if created_agencies {
        agencies::refresh_collective_members(conn).await?;
    }
    Ok(leads)
}

async fn insert_target(conn: &mut AnyConnection, plan_id: i64, t: &theodoi_parser::Target) -> Result<()> {
    let comparator =
        serde_json::to_value(t.comparator).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
    sqlx::query(
        "INSERT INTO targets (plan_id, group_number, indicator, comparator, value, value_max, unit, year, period_start, period_end, text, source_line)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(plan_id)
    .bind(t.group.map(i64::from))
    .bind(&t.indicator)
    .bind(comparator)
    .bind(t.value)
    .bind(t.value_max)
    .bind(&t.unit)
    .bind(t.year.map(i64::from))
    .bind(t.period.map(|p| i64::from(p[0])))
    .bind(t.period.map(|p| i64::from(p[1])))
    .bind(&t.text)
    .bind(t.line.map(|l| l as i64))
    .execute(&mut *conn)
    .await
    .map_err(fix_error)?;
    Ok(())
}

/// Compares the new version's tasks with the previous version's by code,
/// carries reports and completion facts of unchanged tasks over, and says
/// what changed.
async fn amend(
    conn: &mut AnyConnection,
    old_plan: i64,
    new_ids: &HashMap<String, i64>,
    plan: &Plan,
    number: &str,
    version: i64,
) -> Result<ImportOutcome> {
    let old = sqlx::query("SELECT id, code, title, deadline_text FROM tasks WHERE plan_id = $1")
        .bind(old_plan)
        .fetch_all(&mut *conn)
        .await?;
    let old: HashMap<String, (i64, String, String)> =
        old.iter().map(|r| (r.get::<String, _>(1), (r.get(0), r.get(2), r.get(3)))).collect();
    let mut added = Vec::new();
    let mut changed = Vec::new();
    for task in &plan.tasks {
        match old.get(&task.id) {
            None => added.push(task.id.clone()),
            Some((_, title, deadline)) if *title != task.title || *deadline != task.deadline.text => {
                changed.push(task.id.clone())
            }
            Some((old_id, _, _)) => carry_over(conn, *old_id, new_ids[&task.id]).await?,
        }
    }
    let mut removed: Vec<String> = old.keys().filter(|code| !new_ids.contains_key(*code)).cloned().collect();
    removed.sort();
    Ok(ImportOutcome::Amended { plan: number.to_string(), version, added, removed, changed })
}

async fn carry_over(conn: &mut AnyConnection, old_task: i64, new_task: i64) -> Result<()> {
    sqlx::query("UPDATE reports SET task_id = $1 WHERE task_id = $2")
        .bind(new_task)
        .bind(old_task)
        .execute(&mut *conn)
        .await?;
    sqlx::query("UPDATE task_spans SET task_id = $1 WHERE task_id = $2")
        .bind(new_task)
        .bind(old_task)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "UPDATE tasks SET done_on = (SELECT o.done_on FROM tasks o WHERE o.id = $2),
                          confirmed_on = (SELECT o.confirmed_on FROM tasks o WHERE o.id = $2),
                          awaiting_on = (SELECT o.awaiting_on FROM tasks o WHERE o.id = $2)
         WHERE id = $1",
    )
    .bind(new_task)
    .bind(old_task)
    .execute(&mut *conn)
    .await?;
    crate::tasks::copy_state_to_agencies(conn, new_task).await?;
    sqlx::query(
        "UPDATE task_agencies SET leader = (SELECT o.leader FROM task_agencies o
            WHERE o.task_id = $2 AND o.agency_id = task_agencies.agency_id AND o.role = task_agencies.role)
         WHERE task_id = $1",
    )
    .bind(new_task)
    .bind(old_task)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
