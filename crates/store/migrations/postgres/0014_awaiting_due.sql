-- The tasks waiting for the monitor's confirmation, by due date: few at
-- any time. Today's count of tasks coming due is the open ones, kept by
-- due date in status_counts, plus these (the kept totals put a waiting
-- task under no date, since its status no longer moves with the day);
-- counting along the plain due-date index read every task due in the
-- window, hundreds of pages when a year's end falls in it.
CREATE INDEX tasks_awaiting_due ON tasks(due_on) WHERE awaiting_on IS NOT NULL AND confirmed_on IS NULL;
