-- theodoi schema, SQLite flavour. Dates are ISO 'YYYY-MM-DD' text so the
-- same SQL compares them on both databases. Keep in step with
-- migrations/postgres/0001_initial.sql (same tables, same columns).

CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    number        TEXT,
    kind          TEXT,
    issuer        TEXT,
    place         TEXT,
    issued_on     TEXT,
    title         TEXT,
    source_name   TEXT,
    source_sha256 TEXT NOT NULL UNIQUE,
    source_text   TEXT NOT NULL,
    -- What the parser flagged for review, as JSON.
    diagnostics_json TEXT NOT NULL,
    imported_at   TEXT NOT NULL
);

-- The citation graph: this document cites (implements) that number.
CREATE TABLE document_references (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    number      TEXT NOT NULL,
    kind        TEXT,
    issued_on   TEXT,
    issuer      TEXT,
    is_basis    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (document_id, number)
);
CREATE INDEX document_references_number ON document_references(number);

CREATE TABLE plans (
    id           INTEGER PRIMARY KEY,
    number       TEXT NOT NULL,
    version      INTEGER NOT NULL,
    is_current   INTEGER NOT NULL,
    document_id  INTEGER NOT NULL REFERENCES documents(id),
    title        TEXT,
    horizon_year INTEGER,
    created_at   TEXT NOT NULL,
    UNIQUE (number, version)
);
CREATE INDEX plans_current ON plans(number, is_current);

CREATE TABLE plan_groups (
    plan_id      INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    number       INTEGER NOT NULL,
    title        TEXT NOT NULL,
    general_task TEXT,
    PRIMARY KEY (plan_id, number)
);

CREATE TABLE agencies (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL UNIQUE,
    sort_key   BLOB NOT NULL,
    collective INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX agencies_sort ON agencies(sort_key);

CREATE TABLE agency_aliases (
    alias_key TEXT PRIMARY KEY,
    alias     TEXT NOT NULL,
    agency_id INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE
);

CREATE TABLE agency_members (
    collective_id INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
    member_id     INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
    PRIMARY KEY (collective_id, member_id)
);

CREATE TABLE tasks (
    id               INTEGER PRIMARY KEY,
    plan_id          INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    code             TEXT NOT NULL,
    group_number     INTEGER,
    title            TEXT NOT NULL,
    search_key       TEXT NOT NULL,
    product          TEXT,
    origin           TEXT NOT NULL,
    source_line      INTEGER,
    deadline_text    TEXT NOT NULL,
    deadline_kind    TEXT NOT NULL,
    start_on         TEXT,
    due_on           TEXT,
    recurrence       TEXT,
    reports_to       TEXT,
    milestones_json  TEXT NOT NULL DEFAULT '[]',
    -- The task's standing once every recorded fact has happened: when it
    -- became complete (confirmed_on, with the agency's done_on) or began
    -- waiting for confirmation (awaiting_on). Refreshed with every report
    -- and decision, so lists and summaries for today are one indexed query.
    done_on          TEXT,
    confirmed_on     TEXT,
    awaiting_on      TEXT,
    coordinating_others INTEGER NOT NULL DEFAULT 0,
    version          INTEGER NOT NULL DEFAULT 1,
    UNIQUE (plan_id, code)
);
CREATE INDEX tasks_due ON tasks(due_on);
CREATE INDEX tasks_plan_group ON tasks(plan_id, group_number);
CREATE INDEX tasks_kind ON tasks(deadline_kind);

-- Who answers for a task, in which role. The task's deadline and standing
-- (current version, due_on, confirmed_on, awaiting_on, late) are copied
-- here so that an agency's list and counts are read from one index.
CREATE TABLE task_agencies (
    task_id      INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    agency_id    INTEGER NOT NULL REFERENCES agencies(id),
    role         TEXT NOT NULL,
    as_written   TEXT NOT NULL,
    leader       TEXT,
    is_current   INTEGER NOT NULL DEFAULT 1,
    due_on       TEXT,
    confirmed_on TEXT,
    awaiting_on  TEXT,
    late         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (task_id, agency_id, role)
);
CREATE INDEX task_agencies_agency ON task_agencies(agency_id, is_current, due_on, confirmed_on, awaiting_on, late, role, task_id);

-- How many current tasks stand where once every recorded fact has
-- happened, per lead agency (agency_id 0: every task once), by state
-- (open, awaiting, done_on_time, done_late) and due date ('' for none).
-- Kept in step by every import and every change of a task's standing, so
-- today's province-wide summary reads a few thousand rows, not every task.
CREATE TABLE status_counts (
    agency_id INTEGER NOT NULL,
    state     TEXT NOT NULL,
    due_on    TEXT NOT NULL,
    n         INTEGER NOT NULL,
    PRIMARY KEY (agency_id, state, due_on)
);

CREATE TABLE reports (
    id              INTEGER PRIMARY KEY,
    task_id         INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    agency_id       INTEGER NOT NULL REFERENCES agencies(id),
    period          TEXT,
    percent         INTEGER NOT NULL,
    narrative       TEXT,
    difficulties    TEXT,
    evidence        TEXT,
    claims_done     INTEGER NOT NULL DEFAULT 0,
    done_on         TEXT,
    submitted_by    TEXT NOT NULL,
    submitted_on    TEXT NOT NULL,
    submitted_at    TEXT NOT NULL,
    decision        TEXT,
    decision_reason TEXT,
    decided_by      TEXT,
    decided_on      TEXT
);
CREATE INDEX reports_task ON reports(task_id, agency_id, submitted_on);
CREATE INDEX reports_submitted ON reports(submitted_on);
CREATE INDEX reports_decided ON reports(decided_on);
CREATE INDEX reports_period ON reports(period);

CREATE TABLE targets (
    id           INTEGER PRIMARY KEY,
    plan_id      INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    group_number INTEGER,
    indicator    TEXT NOT NULL,
    comparator   TEXT NOT NULL,
    value        REAL NOT NULL,
    value_max    REAL,
    unit         TEXT,
    year         INTEGER,
    period_start INTEGER,
    period_end   INTEGER,
    text         TEXT,
    source_line  INTEGER
);
CREATE INDEX targets_plan ON targets(plan_id);

CREATE TABLE target_values (
    id         INTEGER PRIMARY KEY,
    target_id  INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
    year       INTEGER NOT NULL,
    value      REAL NOT NULL,
    source     TEXT,
    entered_by TEXT NOT NULL,
    entered_at TEXT NOT NULL,
    UNIQUE (target_id, year)
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL,
    agency_id     INTEGER REFERENCES agencies(id),
    password_hash TEXT,
    created_at    TEXT NOT NULL
);

-- Append-only: who changed what, when, with the values before and after.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   INTEGER,
    before_json TEXT,
    after_json  TEXT
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
