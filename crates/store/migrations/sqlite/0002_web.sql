-- What the web application keeps: who is signed in, programs' tokens,
-- urges sent to agencies, evidence files, import drafts under review and
-- the results the monitor publishes. Keep in step with
-- migrations/postgres/0002_web.sql.

ALTER TABLE users ADD COLUMN email TEXT;
ALTER TABLE users ADD COLUMN display_name TEXT;
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;

-- A browser session. Only the SHA-256 of the cookie value is stored, so a
-- copy of the database cannot be used to sign in.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

-- A bearer token for programs; again only its hash is kept.
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL UNIQUE,
    label        TEXT,
    created_at   TEXT NOT NULL,
    last_used_at TEXT
);

-- Who urged which agency about which task, when and how (web, letter,
-- email). Part of the task's history.
CREATE TABLE urges (
    id         INTEGER PRIMARY KEY,
    task_id    INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    agency_id  INTEGER REFERENCES agencies(id),
    channel    TEXT NOT NULL,
    note       TEXT,
    urged_by   TEXT NOT NULL,
    urged_on   TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX urges_task ON urges(task_id);
CREATE INDEX urges_agency ON urges(agency_id, urged_on);

-- Files attached to a progress report as evidence.
CREATE TABLE evidence_files (
    id           INTEGER PRIMARY KEY,
    report_id    INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    data         BLOB NOT NULL,
    uploaded_by  TEXT NOT NULL,
    uploaded_at  TEXT NOT NULL
);
CREATE INDEX evidence_files_report ON evidence_files(report_id);

-- A document uploaded for import, waiting for a reviewer. Nothing of the
-- plan is stored in the plan tables until the reviewer commits it.
CREATE TABLE import_drafts (
    id            INTEGER PRIMARY KEY,
    source_name   TEXT NOT NULL,
    source_text   TEXT NOT NULL,
    document_json TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    committed_at  TEXT
);

-- The results of a plan for one quarter as the monitor published them:
-- counts and task statuses only, no personal data.
CREATE TABLE publications (
    id            INTEGER PRIMARY KEY,
    plan_number   TEXT NOT NULL,
    period        TEXT NOT NULL,
    as_of         TEXT NOT NULL,
    snapshot_json TEXT NOT NULL,
    published_by  TEXT NOT NULL,
    published_at  TEXT NOT NULL,
    UNIQUE (plan_number, period)
);
