-- E-mail reminders (nhắc việc): one digest per agency, recipient address
-- and day, with the tasks it listed and in which state. The unique key is
-- what makes "never two digests the same day" hold even when the daily job
-- and a `theodoi remind` run race; the items are what the repeat rule
-- reads (a task is listed again in the same state only after a pause).
-- No foreign key to agencies: a merge of agencies must not be blocked by
-- the history of what was sent, which keeps the agency's name as it was.
-- Keep in step with migrations/postgres/0006_reminders.sql.
CREATE TABLE reminders (
    id          INTEGER PRIMARY KEY,
    agency_id   INTEGER NOT NULL,
    agency      TEXT NOT NULL,
    user_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
    recipient   TEXT NOT NULL,
    as_of       TEXT NOT NULL,
    subject     TEXT NOT NULL,
    body        TEXT NOT NULL,
    -- queued, sending, sent or failed
    status      TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT,
    claimed_at  TEXT,
    next_try_at TEXT,
    created_at  TEXT NOT NULL,
    sent_at     TEXT,
    UNIQUE (agency_id, recipient, as_of)
);
CREATE INDEX reminders_day ON reminders(as_of, status);

-- The tasks one digest listed: state is overdue or due_soon.
CREATE TABLE reminder_items (
    reminder_id  INTEGER NOT NULL REFERENCES reminders(id) ON DELETE CASCADE,
    task_id      INTEGER NOT NULL,
    state        TEXT NOT NULL,
    PRIMARY KEY (reminder_id, task_id)
);
CREATE INDEX reminder_items_task ON reminder_items(task_id, state);
