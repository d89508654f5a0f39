-- How many report duties there are per rhythm (months) and first period:
-- a handful of rows (4 at a million tasks) kept in step with
-- report_duties by the statement triggers below. The count of missing
-- periodic reports over every plan needs only these; grouping the duties
-- themselves read their whole index at every first dashboard.
CREATE TABLE report_duty_counts (
    months      BIGINT NOT NULL,
    first_start TEXT NOT NULL,
    n           BIGINT NOT NULL,
    PRIMARY KEY (months, first_start)
);
INSERT INTO report_duty_counts (months, first_start, n)
SELECT months, first_start, COUNT(*) FROM report_duties GROUP BY months, first_start;

CREATE FUNCTION report_duties_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_duty_counts (months, first_start, n)
    SELECT months, first_start, COUNT(*) FROM added GROUP BY months, first_start
    ON CONFLICT (months, first_start) DO UPDATE SET n = report_duty_counts.n + excluded.n;
    RETURN NULL;
END $$;
CREATE FUNCTION report_duties_uncounted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE report_duty_counts c SET n = c.n - g.n
    FROM (SELECT months, first_start, COUNT(*) AS n FROM removed GROUP BY months, first_start) g
    WHERE c.months = g.months AND c.first_start = g.first_start;
    RETURN NULL;
END $$;
CREATE TRIGGER report_duties_counted AFTER INSERT ON report_duties
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION report_duties_counted();
CREATE TRIGGER report_duties_uncounted AFTER DELETE ON report_duties
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION report_duties_uncounted();
