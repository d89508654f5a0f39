-- Summary totals, recounted: an open task's status moves with the day asked
-- (in progress until its due date, overdue after), a completed or waiting
-- task's does not, so only open tasks are kept by due date and the others
-- under the empty date. Fewer rows to add up for every summary, and each
-- day's answer still exact (tasks with facts dated after the day asked are
-- judged from their history by the summary itself).
DELETE FROM status_counts;

INSERT INTO status_counts (agency_id, state, due_on, n)
SELECT 0,
       CASE WHEN t.confirmed_on IS NOT NULL THEN
                CASE WHEN t.due_on IS NOT NULL AND t.done_on > t.due_on THEN 'done_late' ELSE 'done_on_time' END
            WHEN t.awaiting_on IS NOT NULL THEN 'awaiting' ELSE 'open' END,
       CASE WHEN t.confirmed_on IS NULL AND t.awaiting_on IS NULL THEN COALESCE(t.due_on, '') ELSE '' END,
       COUNT(*)
FROM tasks t JOIN plans p ON p.id = t.plan_id AND p.is_current = 1
GROUP BY 2, 3;

INSERT INTO status_counts (agency_id, state, due_on, n)
SELECT ta.agency_id,
       CASE WHEN t.confirmed_on IS NOT NULL THEN
                CASE WHEN t.due_on IS NOT NULL AND t.done_on > t.due_on THEN 'done_late' ELSE 'done_on_time' END
            WHEN t.awaiting_on IS NOT NULL THEN 'awaiting' ELSE 'open' END,
       CASE WHEN t.confirmed_on IS NULL AND t.awaiting_on IS NULL THEN COALESCE(t.due_on, '') ELSE '' END,
       COUNT(*)
FROM tasks t JOIN plans p ON p.id = t.plan_id AND p.is_current = 1
     JOIN task_agencies ta ON ta.task_id = t.id AND ta.role = 'lead'
GROUP BY 1, 2, 3;
