//! theodoi's storage. Every SQL statement lives in this crate and runs
//! unchanged on SQLite (the zero-setup default, one file) and PostgreSQL
//! (what a province runs in production): the statements use `$N`
//! placeholders, dates are ISO text, and Vietnamese ordering comes from a
//! sort key computed in Rust, so both databases give the same answers.
//!
//! Every change goes through a transaction that also writes the audit log.

mod agencies;
mod audit;
mod audit_query;
mod bulk;
mod codec;
mod counts;
mod documents;
mod drafts;
mod duties;
pub mod error;
pub mod generate;
mod history;
mod import;
mod listing;
mod maintenance;
mod plans;
mod progress;
mod publications;
mod reminders;
mod report_notes;
mod search;
mod snapshots;
mod spans;
mod summary;
mod target_entry;
mod targets;
mod tasks;
mod upcoming;
mod urges;
mod users;

use std::str::FromStr;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, ConnectOptions, Executor};

pub use agencies::AgencyView;
pub use audit::AuditEntry;
pub use audit_query::AuditFilter;
pub use documents::{Citation, DocumentGraph};
pub use drafts::{AgencyMatch, Draft, DraftSummary};
pub use error::{Result, StoreError};
pub use history::{EvidenceFile, PendingClaim, ReportEntry, TaskAgency, TaskOrigin};
pub use import::ImportOutcome;
pub use listing::{DocumentListing, TargetValue};
pub use plans::{GroupView, PlanDetail, PlanSummary};
pub use progress::{Decision, NewEvidenceFile, ProgressInput};
pub use publications::Publication;
pub use reminders::{Digest, Recipient, Reminder, ReminderRules, ReminderState, ReminderStatus, MAX_ATTEMPTS};
pub use search::{query_words, AgencyHit, PlanHit};
pub use summary::{AgencyCount, GroupCount, MissingReport, OverdueTask, Summary};
pub use target_entry::VALUE_YEARS;
pub use targets::{NewTarget, TargetTime, MAX_INDICATOR_CHARS, MAX_UNIT_CHARS};
pub use targets::{TargetAssessment, TargetValueInput, TargetView};
pub use tasks::{DeadlineView, Role, TaskFilter, TaskPage, TaskView};
pub use urges::{Urge, UrgeChannel};
pub use users::{NewUser, SessionUser, User, UserChange};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("migrations/postgres");

/// Which database a store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A connection pool to one theodoi database, migrated to the current
/// schema.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

impl Store {
    /// Opens (creating a SQLite file when missing) and migrates the
    /// database at `url`: `sqlite://theodoi.db` or `postgres://…`.
    pub async fn open(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let backend = backend_of(url)?;
        let url = match backend {
            Backend::Sqlite if !url.contains("mode=") => {
                format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
            }
            _ => url.to_string(),
        };
        let options = AnyConnectOptions::from_str(&url)?.disable_statement_logging();
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { SQLITE_CONNECTIONS } else { 8 })
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        for pragma in SQLITE_PRAGMAS {
                            conn.execute(*pragma).await?;
                        }
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        match backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&pool).await?,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&pool).await?,
        }
        duties::rebuild_if_pending(&pool).await?;
        spans::rebuild_if_pending(&pool).await?;
        snapshots::rebuild_if_pending(&pool).await?;
        Ok(Store { pool, backend })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Closes every connection, so a SQLite file can be copied or removed.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }
}

/// Whether a migration left the kept table `name` for Rust to fill; the
/// mark is taken off in the caller's transaction, so it stays until the
/// table is filled and committed.
pub(crate) async fn take_pending_rebuild(tx: &mut sqlx::AnyConnection, name: &str) -> Result<bool> {
    let taken = sqlx::query("DELETE FROM pending_rebuilds WHERE name = $1").bind(name).execute(&mut *tx).await?;
    Ok(taken.rows_affected() > 0)
}

/// WAL lets readers go on while one writer writes; foreign keys are off by
/// default in SQLite; the busy timeout makes a second writer wait its turn
/// instead of failing at once; temporary tables and statement journals stay
/// in memory. Each connection keeps a 16 MB page cache: the operating
/// system caches the file for all of them, and at a million tasks a 64 MB
/// cache per connection only doubled the server's memory (298 MB) without
/// making the past-day summary faster.
const SQLITE_PRAGMAS: &[&str] = &[
    "PRAGMA journal_mode = WAL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 5000",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA temp_store = MEMORY",
    SQLITE_CACHE,
];

/// Pooled SQLite connections: enough for a dashboard's five reads side by
/// side (the summary's three parts, the tasks coming due, the targets),
/// each waiting on the disk for its own pages when the file is not in the
/// operating system's cache, with one to spare for another request.
const SQLITE_CONNECTIONS: u32 = 6;

/// The page cache of a pooled SQLite connection (see `SQLITE_PRAGMAS`).
pub(crate) const SQLITE_CACHE: &str = "PRAGMA cache_size = -16384";

fn backend_of(url: &str) -> Result<Backend> {
    if url.starts_with("sqlite:") {
        Ok(Backend::Sqlite)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Backend::Postgres)
    } else {
        Err(StoreError::UnsupportedUrl(url.to_string()))
    }
}
