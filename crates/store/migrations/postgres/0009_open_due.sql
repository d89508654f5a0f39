-- The open tasks in due order: the summary's "most overdue" list and the
-- dashboard walk the oldest unfinished deadlines first. Through the plain
-- due-date index the database stepped over every finished task (most of a
-- large, old database) before reaching an open one; this index holds only
-- the tasks neither confirmed nor awaiting confirmation.
CREATE INDEX tasks_open_due ON tasks(due_on, id) WHERE confirmed_on IS NULL AND awaiting_on IS NULL;
