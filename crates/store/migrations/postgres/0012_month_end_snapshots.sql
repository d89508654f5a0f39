-- The kept days now also hold the last day of every month (see
-- src/snapshots.rs, days_kept): the day reports are made as of and the
-- day due dates crowd on. They are counted by the next start's rebuild.
INSERT INTO pending_rebuilds (name) VALUES ('status_snapshots') ON CONFLICT DO NOTHING;
