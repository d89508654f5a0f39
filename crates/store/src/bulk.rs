//! Multi-row INSERT statements for imports and bulk loads.
//!
//! SQLite looks a `$N` parameter up by name, walking the statement's list of
//! names for every bound value, so a statement with hundreds of `$N` binds
//! in quadratic time. Bulk statements therefore use plain `?` on SQLite and
//! `$N` on PostgreSQL; every other statement keeps the shared `$N` text.

use sqlx::AnyConnection;

/// Rows per multi-row INSERT: few round trips, well under both databases'
/// parameter limits.
pub(crate) const BATCH: usize = 100;

/// "PREFIX (…), (…)" for `rows` rows of `columns` placeholders, in the
/// connection's own placeholder style.
pub(crate) fn multi_row_insert(conn: &AnyConnection, prefix: &str, columns: usize, rows: usize) -> String {
    let positional = conn.backend_name() == "SQLite";
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
