-- Who owes periodic reports, kept so that a summary counts and lists the
-- missing ones without reading every recurring task and report (see
-- src/duties.rs, which keeps both tables in step in the same transaction
-- as every import, report and decision).
--
-- One row per lead agency of a current plan's recurring task: the length
-- of its periods in months and the first day of the first period it owes
-- (the one containing the day the plan was issued).
CREATE TABLE report_duties (
    task_id     INTEGER NOT NULL,
    agency_id   INTEGER NOT NULL,
    plan_number TEXT NOT NULL,
    months      INTEGER NOT NULL,
    first_start TEXT NOT NULL,
    PRIMARY KEY (task_id, agency_id)
);
CREATE INDEX report_duties_order ON report_duties(plan_number, task_id);
CREATE INDEX report_duties_first ON report_duties(months, first_start);

-- The periods those duties were reported for (each once, whatever the
-- number of reports), with the period's last day: the reports dated after
-- a day still count, as they do in the straightforward count.
CREATE TABLE duty_reports (
    task_id    INTEGER NOT NULL,
    agency_id  INTEGER NOT NULL,
    period     TEXT NOT NULL,
    period_end TEXT NOT NULL,
    PRIMARY KEY (task_id, agency_id, period)
);
CREATE INDEX duty_reports_end ON duty_reports(period_end);

-- Kept tables to fill from Rust when the store next opens (the period
-- rules live in theodoi-core, not in SQL).
CREATE TABLE pending_rebuilds (
    name TEXT PRIMARY KEY
);
INSERT INTO pending_rebuilds (name) VALUES ('report_duties');
