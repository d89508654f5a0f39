-- task_agencies is always reached by its key (task, agency, role) or by the
-- covering index task_agencies_agency, never by rowid. As a rowid table it
-- kept every link twice, once in the table and once in the key's own index
-- (sqlite_autoindex_task_agencies_1): a bulk import wrote three B-trees per
-- link, one of them a copy. WITHOUT ROWID stores each link once, in key
-- order. PostgreSQL keeps its heap and primary key as they are.
CREATE TABLE task_agencies_by_key (
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
) WITHOUT ROWID;
INSERT INTO task_agencies_by_key
    (task_id, agency_id, role, as_written, leader, is_current, due_on, confirmed_on, awaiting_on, late)
SELECT task_id, agency_id, role, as_written, leader, is_current, due_on, confirmed_on, awaiting_on, late
FROM task_agencies;
DROP TABLE task_agencies;
ALTER TABLE task_agencies_by_key RENAME TO task_agencies;
CREATE INDEX task_agencies_agency ON task_agencies(agency_id, is_current, due_on, confirmed_on, awaiting_on, late, role, task_id);
