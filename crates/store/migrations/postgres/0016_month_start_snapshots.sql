-- The kept days now also hold the first day of every month (see
-- src/snapshots.rs, days_kept): every task due at the month's end turns
-- overdue on it, so counting it from a kept day moved thousands of tasks.
-- They are counted by the next start's rebuild.
INSERT INTO pending_rebuilds (name) VALUES ('status_snapshots') ON CONFLICT DO NOTHING;
