//! Multi-row INSERT statements for imports and bulk loads.
//!
//! SQLite looks a `$N` parameter up by name, walking the statement's list of
//! names for every bound value, so a statement with hundreds of `$N` binds
//! in quadratic time. Bulk statements therefore use plain `?` on SQLite and
//! `$N` on PostgreSQL; every other statement keeps the shared `$N` text.

use sqlx::any::{Any, AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::{AnyConnection, AssertSqlSafe, Row};

use crate::error::{fix_error, Result};

/// Rows per multi-row INSERT: few round trips, well under both databases'
/// parameter limits.
pub(crate) const BATCH: usize = 100;

/// "PREFIX (…), (…)" for `rows` rows of `columns` placeholders, in the
/// connection's own placeholder style.
pub(crate) fn multi_row_insert(conn: &AnyConnection, prefix: &str, columns: usize, rows: usize) -> String {
    multi_row_sql(conn.backend_name() == "SQLite", prefix, columns, rows)
}

/// `multi_row_insert` for `?` placeholders (`positional`, SQLite) or `$N`.
pub(crate) fn multi_row_sql(positional: bool, prefix: &str, columns: usize, rows: usize) -> String {
    let mut sql = String::with_capacity(prefix.len() + rows * columns * 6);
    sql.push_str(prefix);
    let mut n = 0;
    for row in 0..rows {
        if row > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for col in 0..columns {
            if col > 0 {
                sql.push_str(", ");
            }
            n += 1;
            if positional {
                sql.push('?');
            } else {
                sql.push('$');
                sql.push_str(&n.to_string());
            }
        }
        sql.push(')');
    }
    sql
}

/// A statement built by `pipelined`, owning its text and values.
pub(crate) type Statement = Query<'static, Any, AnyArguments>;

/// Rows per statement of `pipelined`: each statement crosses to SQLite's
/// worker thread and back, a wake-up of each thread, and at 100 rows a
/// million tasks and their three million links took 40,000 crossings.
/// 500 rows of the widest (17 columns) bind 8,500 values, well under
/// SQLite's 32,766 and PostgreSQL's 65,535.
pub(crate) const PIPELINED_ROWS: usize = 500;

/// Runs one statement per `PIPELINED_ROWS` items, built by `build` (told whether the
/// connection takes `?` placeholders), and hands each one's rows to `rows`.
///
/// Each next statement is built while the database runs the current one:
/// binding a chunk's values costs about as much as storing them, and the
/// two then run on two cores instead of taking turns on one.
pub(crate) async fn pipelined<T>(
    conn: &mut AnyConnection,
    items: &[T],
    build: impl Fn(bool, &[T]) -> Result<Statement>,
    mut rows: impl FnMut(Vec<AnyRow>),
) -> Result<()> {
    let positional = conn.backend_name() == "SQLite";
    let mut chunks = items.chunks(PIPELINED_ROWS);
    let mut next = chunks.next().map(|c| build(positional, c)).transpose()?;
    while let Some(statement) = next.take() {
        // `join!` polls the statement first, which hands it to the
        // database, then builds the next one while it runs.
        let (done, built) = tokio::join!(statement.fetch_all(&mut *conn), async {
            chunks.next().map(|c| build(positional, c)).transpose()
        });
        rows(done.map_err(fix_error)?);
        next = built?;
    }
    Ok(())
}

/// `n` fresh ids for rows of `table`, in increasing order, so a bulk
/// insert can name its rows' ids itself instead of reading them back with
/// `RETURNING`: on SQLite every returned row crosses from the database's
/// worker thread one message at a time, a million wake-ups for a million
/// tasks and the largest part of the load's time after SQLite's own work.
///
/// SQLite: one past the largest id. The caller's transaction must already
/// have written (the import inserts its documents first), so it holds the
/// database's only write lock and no other writer can take these ids.
/// PostgreSQL: drawn from the column's identity sequence, safe beside
/// concurrent writers.
pub(crate) async fn reserve_ids(conn: &mut AnyConnection, table: &'static str, n: usize) -> Result<Vec<i64>> {
    if n == 0 {
        return Ok(Vec::new());
    }
    if conn.backend_name() == "SQLite" {
        let sql = format!("SELECT COALESCE(MAX(id), 0) FROM {table}");
        let last: i64 = sqlx::query(AssertSqlSafe(sql)).fetch_one(&mut *conn).await?.get(0);
        return Ok((last + 1..=last + n as i64).collect());
    }
    let sql = format!("SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, $1) ORDER BY 1");
    let rows = sqlx::query(AssertSqlSafe(sql)).bind(n as i64).fetch_all(&mut *conn).await?;
    Ok(rows.iter().map(|r| r.get::<i64, _>(0)).collect())
}

/// Settings of SQLite for a bulk load, and the pool's own to go back to.
///
/// A page cache of up to 1 GB holds what the load writes (the ends of the
/// tables and of the indexes it fills) until the commit: with 256 MB, a
/// million tasks overflowed it, SQLite spilled dirty pages to the WAL in
/// the middle of the transaction and read them back from there to build
/// the deferred indexes (38.6k against 43.9k tasks/s, 25.9 against 22.8 s;
/// peak memory 1.2 GB). The cache grows only as pages are used, so a small
/// load keeps a small one. Two sorter threads let `build_indexes` sort on
/// both cores.
const LOAD_PRAGMAS: &[&str] = &["PRAGMA cache_size = -1048576", "PRAGMA threads = 2"];
const POOL_PRAGMAS: &[&str] = &[crate::SQLITE_CACHE, "PRAGMA threads = 0"];

/// Switches the connection to `LOAD_PRAGMAS` (SQLite; PostgreSQL needs none).
pub(crate) async fn begin_load(conn: &mut AnyConnection) -> Result<()> {
    set_pragmas(conn, LOAD_PRAGMAS).await
}

/// Gives the connection back its pool settings before it returns to the pool.
pub(crate) async fn end_load(conn: &mut AnyConnection) -> Result<()> {
    set_pragmas(conn, POOL_PRAGMAS).await
}

async fn set_pragmas(conn: &mut AnyConnection, pragmas: &[&'static str]) -> Result<()> {
    if conn.backend_name() == "SQLite" {
        for pragma in pragmas {
            sqlx::query(*pragma).execute(&mut *conn).await?;
        }
    }
    Ok(())
}

/// Secondary indexes whose entries land all over the index as rows arrive
/// (by due date, by deadline kind, by agency): a bulk load into an empty
/// database drops them first and builds each once at the end, one sort
/// instead of a page read and write per row once the index outgrows the
/// cache. The indexes the load itself reads (plans by number, tasks by
/// plan) stay.
///
/// `tasks_open_due` (migration 0009) is partial; both catalogs give back
/// its `WHERE` clause with the rest of the statement.
const DEFERRED_INDEXES: &[&str] = &["tasks_due", "tasks_open_due", "tasks_kind", "task_agencies_agency"];

/// Drops the deferred indexes when there are no tasks yet, inside the
/// caller's transaction; returns the statements that build them again
/// (from the database's own catalog, so they stay those of the migrations).
pub(crate) async fn defer_indexes(conn: &mut AnyConnection) -> Result<Vec<String>> {
    let empty = sqlx::query("SELECT id FROM tasks LIMIT 1").fetch_optional(&mut *conn).await?.is_none();
    if !empty {
        return Ok(Vec::new());
    }
    let catalog = if conn.backend_name() == "SQLite" {
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = $1"
    } else {
        "SELECT indexdef FROM pg_indexes WHERE indexname = $1 AND schemaname = current_schema()"
    };
    let mut create = Vec::new();
    for name in DEFERRED_INDEXES {
        let Some(row) = sqlx::query(catalog).bind(*name).fetch_optional(&mut *conn).await? else { continue };
        create.push(row.get::<String, _>(0));
        sqlx::query(AssertSqlSafe(format!("DROP INDEX {name}"))).execute(&mut *conn).await?;
    }
    Ok(create)
}

/// Builds the indexes `defer_indexes` dropped.
pub(crate) async fn build_indexes(conn: &mut AnyConnection, create: &[String]) -> Result<()> {
    for sql in create {
        sqlx::query(AssertSqlSafe(sql.clone())).execute(&mut *conn).await?;
    }
    Ok(())
}
