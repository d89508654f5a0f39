-- How many report duties there are per rhythm (months) and first period:
-- a handful of rows (4 at a million tasks) kept in step with
-- report_duties by the two triggers below. The count of missing periodic
-- reports over every plan needs only these; grouping the duties
-- themselves read their whole index (190 pages, 8 ms at a million tasks,
-- most of a first dashboard's wait when the pages were not in memory).
CREATE TABLE report_duty_counts (
    months      INTEGER NOT NULL,
    first_start TEXT NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (months, first_start)
);
INSERT INTO report_duty_counts (months, first_start, n)
SELECT months, first_start, COUNT(*) FROM report_duties GROUP BY months, first_start;
CREATE TRIGGER report_duties_counted AFTER INSERT ON report_duties BEGIN
    INSERT INTO report_duty_counts (months, first_start, n) VALUES (NEW.months, NEW.first_start, 1)
    ON CONFLICT (months, first_start) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER report_duties_uncounted AFTER DELETE ON report_duties BEGIN
    UPDATE report_duty_counts SET n = n - 1 WHERE months = OLD.months AND first_start = OLD.first_start;
END;
