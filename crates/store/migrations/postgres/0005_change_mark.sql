-- One row counting changes. Every write transaction bumps it (with the
-- audit log entry), so readers can tell in one lookup whether anything
-- changed since they last looked; the row lock orders the bumps as the
-- commits happen, which an identity column does not on PostgreSQL.
CREATE TABLE change_mark (
    id   BIGINT PRIMARY KEY,
    mark BIGINT NOT NULL
);
INSERT INTO change_mark (id, mark) VALUES (1, 0);
