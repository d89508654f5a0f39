//! The kept `status_snapshots` (migration 0011): the counts by status, in
//! all and per lead agency, on one day of every week and the last and
//! first day of every month of the last ten years and the next week
//! (`snapshot_days`).
//!
//! A summary for a past day starts from the kept day nearest to it and
//! moves only the tasks whose status differs between the two, those with
//! a span beginning or ending, or a due date falling, in between: at most
//! three and a half days of history, where starting from today's totals
//! moved every task that changed since the day asked (a year back at a
//! million tasks: 0.75 s).
//!
//! Imports add and remove their plans' tasks on every kept day
//! (`counts::adjust` calls `adjust` in the same transaction); a report or
//! decision moves its task only on the kept days from the first one its
//! spans changed (`first_change`, called by `tasks::refresh_state`). A full rebuild reads every task once and
//! counts, in memory, the stretches of kept days it spent in each status.

use std::collections::HashMap;

use chrono::{Datelike, Duration, Months, NaiveDate, Utc};
use futures_util::TryStreamExt;
use sqlx::{AnyConnection, AnyPool, AssertSqlSafe, Row};

use crate::bulk::multi_row_insert;
use crate::codec::{date_text, opt_date, status_key};
use crate::counts::Scope;
use crate::error::{fix_error, Result};
use crate::tasks::{span_on_day, status_looked_up, status_on_day};
use theodoi_core::{Span, SpanState};

/// How many days back the kept days reach (ten years); a summary for an
/// earlier day starts from the first of them and is still exact, only
/// slower.
const DAYS_KEPT: i64 = 3653;

/// Days between kept days: a week keeps the moves a summary makes small
/// (a month of changes took 0.25 s at a million tasks) while a year adds
/// only 52 kept days.
pub(crate) const KEPT_EVERY: i64 = 7;

/// Rows per INSERT when a rebuild writes the kept counts (four values a
/// row, far below both databases' parameter limits).
const WRITE_ROWS: usize = 1000;

/// Counts by (agency id, status); agency 0 counts every task once.
pub(crate) type DayCounts = HashMap<(i64, &'static str), i64>;

/// `n` tasks of an agency (0: every task) that had status `from` on one
/// day and `to` on another.
pub(crate) struct Move {
    pub agency: i64,
    pub from: &'static str,
    pub to: &'static str,
    pub n: i64,
}

/// Adds (`sign` 1) or removes (`sign` -1) the tasks in `scope` from the
/// counts of every kept day on or after `from` (every kept day with
/// `None`), as they stand now. A bulk load deletes the kept days first,
/// which makes this cost nothing, and rebuilds them after.
pub(crate) async fn adjust(conn: &mut AnyConnection, scope: Scope, sign: i64, from: Option<NaiveDate>) -> Result<()> {
    let (condition, ids) = scope.condition(3);
    let (span, status) = (span_on_day("s", "d.day"), status_on_day("s", "d.day"));
    // The kept days lead the join: few, and each then finds the scope's
    // tasks by their own index.
    let every_task = format!(
        "INSERT INTO status_snapshots (day, agency_id, status, n)
         SELECT d.day, 0, {status}, $1 * COUNT(*) FROM snapshot_days d CROSS JOIN tasks t {span}
         WHERE d.day >= $2 AND {condition} GROUP BY 1, 3
         ON CONFLICT (day, agency_id, status) DO UPDATE SET n = status_snapshots.n + excluded.n"
    );
    let per_agency = format!(
        "INSERT INTO status_snapshots (day, agency_id, status, n)
         SELECT d.day, ta.agency_id, {status}, $1 * COUNT(*)
         FROM snapshot_days d CROSS JOIN tasks t JOIN task_agencies ta ON ta.task_id = t.id AND ta.role = 'lead' {span}
         WHERE d.day >= $2 AND {condition} GROUP BY 1, 2, 3
         ON CONFLICT (day, agency_id, status) DO UPDATE SET n = status_snapshots.n + excluded.n"
    );
    let from = from.map_or_else(String::new, date_text);
    for sql in [every_task, per_agency] {
        let mut query = sqlx::query(AssertSqlSafe(sql)).bind(sign).bind(&from);
        for id in &ids {
            query = query.bind(*id);
        }
        query.execute(&mut *conn).await.map_err(fix_error)?;
    }
    Ok(())
}

/// The first day on which a task's spans before (`old`) and after (`new`)
/// a report or decision can give another status; `None` when they are
/// the same. A new fact only changes the spans from its own date on, so
/// the kept days before it need no work.
pub(crate) fn first_change(old: &[Span], new: &[Span]) -> Option<NaiveDate> {
    (0..old.len().max(new.len())).find_map(|i| match (old.get(i), new.get(i)) {
        (Some(a), Some(b)) if a == b => None,
        (Some(a), Some(b)) if a.since == b.since && a.state == b.state => match (a.until, b.until) {
            (Some(x), Some(y)) => Some(x.min(y)),
            (x, y) => x.or(y),
        },
        (Some(a), Some(b)) => Some(a.since.min(b.since)),
        (a, b) => a.or(b).map(|s| s.since),
    })
}

/// Forgets every kept day, so that the adjustments of a bulk load cost
/// nothing; the load calls `rebuild` at its end.
pub(crate) async fn clear(conn: &mut AnyConnection) -> Result<()> {
    sqlx::query("DELETE FROM status_snapshots").execute(&mut *conn).await?;
    sqlx::query("DELETE FROM snapshot_days").execute(&mut *conn).await?;
    Ok(())
}

/// Recounts every kept day: each current task once, with its spans, adding
/// the stretches of kept days it spent in each status.
pub(crate) async fn rebuild(conn: &mut AnyConnection) -> Result<()> {
    clear(conn).await?;
    let spans = crate::spans::every(conn).await?;
    let mut tally = Tally::new(days_kept(Utc::now().date_naive()));
    {
        let mut rows = sqlx::query(
            "SELECT t.id, t.due_on, ta.agency_id FROM tasks t JOIN plans p ON p.id = t.plan_id
             LEFT JOIN task_agencies ta ON ta.task_id = t.id AND ta.role = 'lead'
             WHERE p.is_current = 1 ORDER BY t.id",
        )
        .fetch(&mut *conn);
        let mut task: Option<(i64, Option<NaiveDate>, Vec<i64>)> = None;
        while let Some(row) = rows.try_next().await? {
            let id: i64 = row.get(0);
            if task.as_ref().is_none_or(|(current, ..)| *current != id) {
                if let Some((done, due, agencies)) = task.take() {
                    tally.add(due, spans.get(&done).map_or(&[][..], Vec::as_slice), &agencies);
                }
                task = Some((id, opt_date(row.get(1))?, vec![0]));
            }
            if let (Some((.., agencies)), Some(agency)) = (task.as_mut(), row.get::<Option<i64>, _>(2)) {
                agencies.push(agency);
            }
        }
        if let Some((done, due, agencies)) = task.take() {
            tally.add(due, spans.get(&done).map_or(&[][..], Vec::as_slice), &agencies);
        }
    }
    write_all(conn, &tally.days, &tally.counts()).await
}

/// Counts per (agency, status) over the kept days, as differences from one
/// day to the next while tasks are added.
struct Tally {
    days: Vec<NaiveDate>,
    steps: HashMap<(i64, &'static str), Vec<i64>>,
}

impl Tally {
    fn new(days: Vec<NaiveDate>) -> Tally {
        Tally { days, steps: HashMap::new() }
    }

    /// Adds a task, under every agency given (0: every task), on the kept
    /// days of each of its stretches.
    fn add(&mut self, due: Option<NaiveDate>, spans: &[Span], agencies: &[i64]) {
        let kept = self.days.len();
        for (status, first, end) in stretches(&self.days, due, spans) {
            for agency in agencies {
                let steps = self.steps.entry((*agency, status)).or_insert_with(|| vec![0; kept + 1]);
                steps[first] += 1;
                steps[end] -= 1;
            }
        }
    }

    /// The count of each (agency, status) on each kept day, by day index.
    fn counts(&self) -> Vec<((i64, &'static str), Vec<i64>)> {
        self.steps
            .iter()
            .map(|(key, steps)| {
                let mut n = 0;
                (
                    *key,
                    steps[..self.days.len()]
                        .iter()
                        .map(|s| {
                            n += s;
                            n
                        })
                        .collect(),
                )
            })
            .collect()
    }
}

/// The stretches of kept days (index ranges, end excluded) on which a task
/// due on `due` with `spans` (in order) had each status: the rule of
/// `status_on_day`, over day ranges instead of one day.
fn stretches(days: &[NaiveDate], due: Option<NaiveDate>, spans: &[Span]) -> Vec<(&'static str, usize, usize)> {
    let at = |day: Option<NaiveDate>| day.map_or(days.len(), |d| days.partition_point(|k| *k < d));
    let overdue_from = due.map(|d| at(d.succ_opt()));
    let mut out = Vec::new();
    let mut open_from = 0;
    for span in spans {
        let (first, end) = (at(Some(span.since)), at(span.until));
        open_stretches(&mut out, open_from, first, overdue_from);
        let status = match span.state {
            SpanState::Awaiting => "awaiting_confirmation",
            SpanState::Done { late: true } => "done_late",
            SpanState::Done { late: false } => "done_on_time",
        };
        out.push((status, first, end));
        open_from = end;
    }
    open_stretches(&mut out, open_from, days.len(), overdue_from);
    out.retain(|(_, first, end)| first < end);
    out
}

/// An open task's stretch `first..end`: in progress up to its due date,
/// overdue from the day after (kept day `overdue_from`), ongoing without one.
fn open_stretches(out: &mut Vec<(&'static str, usize, usize)>, first: usize, end: usize, overdue_from: Option<usize>) {
    match overdue_from {
        None => out.push(("ongoing", first, end)),
        Some(split) => {
            let split = split.clamp(first, end.max(first));
            out.push(("in_progress", first, split));
            out.push(("overdue", split, end));
        }
    }
}

/// Stores every kept day and its counts.
async fn write_all(
    conn: &mut AnyConnection,
    days: &[NaiveDate],
    counts: &[((i64, &'static str), Vec<i64>)],
) -> Result<()> {
    let texts: Vec<String> = days.iter().map(|d| date_text(*d)).collect();
    for chunk in texts.chunks(WRITE_ROWS) {
        let sql = multi_row_insert(conn, "INSERT INTO snapshot_days (day) VALUES ", 1, chunk.len());
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for day in chunk {
            query = query.bind(day);
        }
        query.execute(&mut *conn).await?;
    }
    // In day order, so that each day's rows sit together on disk
    // (PostgreSQL keeps rows in the order written).
    let mut rows: Vec<(&str, i64, &str, i64)> = counts
        .iter()
        .flat_map(|((agency, status), by_day)| {
            by_day.iter().enumerate().filter(|(_, n)| **n != 0).map(|(i, n)| (texts[i].as_str(), *agency, *status, *n))
        })
        .collect();
    rows.sort_unstable();
    for chunk in rows.chunks(WRITE_ROWS) {
        let sql =
            multi_row_insert(conn, "INSERT INTO status_snapshots (day, agency_id, status, n) VALUES ", 4, chunk.len());
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for (day, agency, status, n) in chunk {
            query = query.bind(*day).bind(*agency).bind(*status).bind(*n);
        }
        query.execute(&mut *conn).await.map_err(fix_error)?;
    }
    Ok(())
}

/// Adds the kept days that passed since they were last counted (a server
/// runs for years), each from the one before by the moves in between.
pub(crate) async fn extend(conn: &mut AnyConnection) -> Result<()> {
    let Some(mut last) = last_day(conn).await? else { return Ok(()) };
    let missing: Vec<NaiveDate> = days_kept(Utc::now().date_naive()).into_iter().filter(|d| *d > last).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let mut counts = stored(conn, last).await?;
    for next in missing {
        apply(&mut counts, &moves(conn, last, next).await?);
        write(conn, next, &counts).await?;
        last = next;
    }
    Ok(())
}

/// Fills the kept days after the migration that made them or a bulk load
/// that did not finish, or extends them to this month, in one
/// transaction.
pub(crate) async fn rebuild_if_pending(pool: &AnyPool) -> Result<()> {
    let mut tx = pool.begin().await?;
    let pending = crate::take_pending_rebuild(&mut tx, "status_snapshots").await?;
    if pending || last_day(&mut tx).await?.is_none() {
        rebuild(&mut tx).await?;
    } else {
        extend(&mut tx).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The counts on `as_of`, from the kept day nearest to it; `None` when no
/// day is kept, or none within `within` days when that is given.
///
/// `within` is given when nothing changed after `as_of` (today), where the
/// kept totals (`status_counts`) give the same counts; then `None` too
/// when more than `MOVES_OVER_TOTALS` tasks may move from the kept day. A
/// day on which agencies report in bulk (a quarter's deadline; in a
/// generated province, the day of the load) moved 32,600 tasks from the
/// Monday before at a million tasks, 43 ms, where the totals take 20.
pub(crate) async fn counts_on(
    conn: &mut AnyConnection,
    as_of: NaiveDate,
    within: Option<i64>,
) -> Result<Option<DayCounts>> {
    let Some((day, known)) = nearest_day(conn, as_of).await? else {
        return Ok(None);
    };
    if let Some(within) = within {
        if (day - as_of).num_days().abs() > within {
            return Ok(None);
        }
        let to_be_moved = match known {
            Some(n) => n,
            None => to_move(conn, day.min(as_of), day.max(as_of)).await?,
        };
        if to_be_moved > MOVES_OVER_TOTALS {
            return Ok(None);
        }
    }
    let mut counts = stored(conn, day).await?;
    if day != as_of {
        apply(&mut counts, &moves(conn, day, as_of).await?);
    }
    Ok(Some(counts))
}

/// Past how many tasks that may move from the kept day the kept totals are
/// the quicker start (see `counts_on`): reading all 42,000 totals at a
/// million tasks costs about as much as moving 10,000 tasks.
const MOVES_OVER_TOTALS: i64 = 10_000;

/// Every seventh day (Mondays) from ten years before `today` to the first
/// after it, and the last and first day of every month in between, in
/// order.
///
/// The month's end is kept because it is the day most often asked for
/// (monthly, quarterly and yearly reports are made as of it) and the day
/// due dates crowd on: moving the counts to 31/12/2023 from the Monday
/// before moved 1,563 tasks at a million, a first dashboard of 100 ms.
/// The next day is kept because every task due at the end turns overdue
/// on it: 01/12/2026 moved 2,318 tasks from the Monday after (4,621 from
/// the month's end), a summary of 59 ms.
fn days_kept(today: NaiveDate) -> Vec<NaiveDate> {
    let anchor = NaiveDate::from_ymd_opt(2000, 1, 3).expect("a Monday");
    let since = today - Duration::days(DAYS_KEPT);
    let first = anchor + Duration::days((since - anchor).num_days().div_euclid(KEPT_EVERY) * KEPT_EVERY + KEPT_EVERY);
    let mut days = vec![first];
    while let Some(&day) = days.last().filter(|d| **d <= today) {
        days.push(day + Duration::days(KEPT_EVERY));
    }
    let last = *days.last().expect("kept days are never empty");
    let mut month = first.with_day(1).expect("a month's first day");
    while let Some(next) = month.checked_add_months(Months::new(1)).filter(|next| next.pred_opt() < Some(last)) {
        days.extend(next.pred_opt());
        if next < last {
            days.push(next);
        }
        month = next;
    }
    days.sort_unstable();
    days.dedup();
    days
}

async fn last_day(conn: &mut AnyConnection) -> Result<Option<NaiveDate>> {
    opt_date(sqlx::query("SELECT MAX(day) FROM snapshot_days").fetch_one(&mut *conn).await?.get(0))
}

/// The kept day on either side of `as_of` with the fewer tasks to move in
/// between: due dates crowd on the ends of months, quarters and years (a
/// year's last day at a million tasks: 25,000 of them, 0.35 s of moves),
/// so the nearer day is not always the cheaper one.
async fn nearest_day(conn: &mut AnyConnection, as_of: NaiveDate) -> Result<Option<(NaiveDate, Option<i64>)>> {
    let row = sqlx::query(
        "SELECT (SELECT MAX(day) FROM snapshot_days WHERE day <= $1), (SELECT MIN(day) FROM snapshot_days WHERE day >= $1)",
    )
    .bind(date_text(as_of))
    .fetch_one(&mut *conn)
    .await?;
    Ok(match (opt_date(row.get(0))?, opt_date(row.get(1))?) {
        (Some(before), _) if before == as_of => Some((before, Some(0))),
        (Some(before), Some(after)) => {
            let (back, ahead) = (to_move(conn, before, as_of).await?, to_move(conn, as_of, after).await?);
            Some(if back <= ahead { (before, Some(back)) } else { (after, Some(ahead)) })
        }
        (before, after) => before.or(after).map(|day| (day, None)),
    })
}

/// How many tasks may change status from `lo` to `hi`: an upper bound of
/// the rows `moves` reads, counted in the same three index ranges.
async fn to_move(conn: &mut AnyConnection, lo: NaiveDate, hi: NaiveDate) -> Result<i64> {
    let row = sqlx::query(
        "SELECT (SELECT COUNT(*) FROM task_spans WHERE since_on > $1 AND since_on <= $2)
              + (SELECT COUNT(*) FROM task_spans WHERE until_on > $1 AND until_on <= $2)
              + (SELECT COUNT(*) FROM tasks WHERE due_on >= $1 AND due_on < $2)",
    )
    .bind(date_text(lo))
    .bind(date_text(hi))
    .fetch_one(&mut *conn)
    .await?;
    Ok(row.get(0))
}

/// The counts kept for `day`.
async fn stored(conn: &mut AnyConnection, day: NaiveDate) -> Result<DayCounts> {
    let rows = sqlx::query("SELECT agency_id, status, n FROM status_snapshots WHERE day = $1 AND n <> 0")
        .bind(date_text(day))
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.iter().map(|r| ((r.get(0), status_key(&r.get::<String, _>(1))), r.get(2))).collect())
}

/// The tasks whose status on `from` differs from the one on `to`, counted
/// in all and per lead agency: only tasks with a span beginning or ending,
/// or a due date falling, between the two days can differ, and three
/// ranges of indexes find them.
pub(crate) async fn moves(conn: &mut AnyConnection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Move>> {
    let (lo, hi) = (from.min(to), from.max(to));
    let (was, is) = (status_looked_up("$1"), status_looked_up("$2"));
    // Each changed task is judged once, on both days, into `judged`; both
    // counts read that. Judged in each half of the UNION, and again for
    // its GROUP BY, every task looked its spans up eight times: 2,300
    // moves (01/12/2026 from the Monday after, at a million tasks) took
    // 60 ms. The CROSS JOINs keep SQLite reading the few changed tasks
    // first: otherwise it scanned every lead agency row behind a Bloom
    // filter (3.4 s for one day's moves).
    let sql = format!(
        "WITH changed (id) AS (
             SELECT task_id FROM task_spans WHERE since_on > $3 AND since_on <= $4
             UNION SELECT task_id FROM task_spans WHERE until_on > $3 AND until_on <= $4
             UNION SELECT id FROM tasks WHERE due_on >= $3 AND due_on < $4),
         judged (id, was, now) AS MATERIALIZED (
             SELECT t.id, {was}, {is} FROM changed c CROSS JOIN tasks t JOIN plans p ON p.id = t.plan_id
             WHERE t.id = c.id AND p.is_current = 1)
         SELECT 0, was, now, COUNT(*) FROM judged WHERE was <> now GROUP BY was, now
         UNION ALL
         SELECT ta.agency_id, j.was, j.now, COUNT(*) FROM judged j CROSS JOIN task_agencies ta
         WHERE ta.task_id = j.id AND ta.role = 'lead' AND j.was <> j.now GROUP BY ta.agency_id, j.was, j.now"
    );
    let rows = sqlx::query(AssertSqlSafe(sql))
        .bind(date_text(from))
        .bind(date_text(to))
        .bind(date_text(lo))
        .bind(date_text(hi))
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows
        .iter()
        .map(|r| Move {
            agency: r.get(0),
            from: status_key(&r.get::<String, _>(1)),
            to: status_key(&r.get::<String, _>(2)),
            n: r.get(3),
        })
        .filter(|m| m.from != m.to)
        .collect())
}

/// Moves the counted tasks from the status they had to the one they have.
fn apply(counts: &mut DayCounts, moves: &[Move]) {
    for m in moves {
        *counts.entry((m.agency, m.from)).or_default() -= m.n;
        *counts.entry((m.agency, m.to)).or_default() += m.n;
    }
}

/// Stores `counts` as the kept day `day`.
async fn write(conn: &mut AnyConnection, day: NaiveDate, counts: &DayCounts) -> Result<()> {
    let by_day: Vec<((i64, &'static str), Vec<i64>)> = counts.iter().map(|(key, n)| (*key, vec![*n])).collect();
    write_all(conn, &[day], &by_day).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn kept_days_are_mondays_and_month_ends_and_starts_for_ten_years_up_to_the_first_monday_after_today() {
        let days = days_kept(day(2026, 12, 7));
        assert!(days.windows(2).all(|w| w[0] < w[1] && w[1] - w[0] <= Duration::days(7)));
        let monday = |d: &NaiveDate| d.weekday() == chrono::Weekday::Mon;
        let month_end = |d: &NaiveDate| d.succ_opt().unwrap().day() == 1;
        let month_start = |d: &NaiveDate| d.day() == 1;
        assert!(days.iter().all(|d| monday(d) || month_end(d) || month_start(d)));
        assert_eq!(days.iter().filter(|d| monday(d)).count(), 523);
        assert!(
            days.contains(&day(2023, 12, 31)) && days.contains(&day(2024, 2, 29)) && days.contains(&day(2026, 11, 30))
        );
        assert_eq!(*days.last().unwrap(), day(2026, 12, 14));
        assert!(days[0] > day(2016, 12, 7) && days[0] - day(2016, 12, 7) <= Duration::days(7));
        // Every month's end between the first and the last kept day.
        assert_eq!(days.iter().filter(|d| month_end(d)).count(), 120);
        // And the day after each of them (the first of December 2026 is
        // before the last kept day, 14/12).
        assert_eq!(days.iter().filter(|d| month_start(d)).count(), 120);
        assert!(days.contains(&day(2024, 1, 1)) && days.contains(&day(2026, 12, 1)));
    }

    #[test]
    fn stretches_follow_the_status_rule_on_every_kept_day() {
        let days: Vec<NaiveDate> = (0..10).map(|i| day(2024, 1, 1) + Duration::days(7 * i)).collect();
        let spans = [
            Span { since: day(2024, 1, 20), until: Some(day(2024, 1, 29)), state: SpanState::Awaiting },
            Span { since: day(2024, 2, 10), until: None, state: SpanState::Done { late: true } },
        ];
        let due = Some(day(2024, 1, 15));
        let mut status_of = vec![""; days.len()];
        for (status, first, end) in stretches(&days, due, &spans) {
            for s in &mut status_of[first..end] {
                assert_eq!(*s, "", "two stretches cover one day");
                *s = status;
            }
        }
        // The rule, day by day: a covering span, else the due date.
        for (d, status) in days.iter().zip(&status_of) {
            let span = spans.iter().find(|s| s.since <= *d && s.until.is_none_or(|u| u > *d));
            let expected = match span.map(|s| s.state) {
                Some(SpanState::Awaiting) => "awaiting_confirmation",
                Some(SpanState::Done { late: true }) => "done_late",
                Some(SpanState::Done { late: false }) => "done_on_time",
                None if Some(*d) > due => "overdue",
                None => "in_progress",
            };
            assert_eq!(*status, expected, "{d}");
        }
        assert_eq!(stretches(&days, None, &[]), vec![("ongoing", 0, 10)]);
    }

    /// Every kept row, in order.
    async fn kept_rows(conn: &mut AnyConnection) -> Vec<(String, i64, String, i64)> {
        sqlx::query(
            "SELECT day, agency_id, status, n FROM status_snapshots WHERE n <> 0 ORDER BY day, agency_id, status",
        )
        .fetch_all(&mut *conn)
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
        .collect()
    }

    /// A server that ran for weeks adds the kept days it missed by moving
    /// the counts week by week; the result is what a full recount gives.
    #[tokio::test]
    async fn weeks_added_later_hold_what_a_rebuild_counts() {
        let dir = std::env::temp_dir().join(format!("theodoi-snapshots-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let store = crate::Store::open(&format!("sqlite://{}", dir.join("kept.db").display())).await.unwrap();
        let today = Utc::now().date_naive();
        crate::generate::province(&store, 12, 30, 2, 7, today - Duration::days(20), "tester").await.unwrap();
        let mut conn = store.pool().acquire().await.unwrap();
        let rebuilt = kept_rows(&mut conn).await;
        assert!(rebuilt.len() > 1000, "the generated province is counted on every kept day");
        let days = days_kept(today);
        let kept_until = date_text(days[days.len() - 10]);
        for table in ["status_snapshots", "snapshot_days"] {
            sqlx::query(AssertSqlSafe(format!("DELETE FROM {table} WHERE day > $1")))
                .bind(&kept_until)
                .execute(&mut *conn)
                .await
                .unwrap();
        }
        extend(&mut conn).await.unwrap();
        assert_eq!(kept_rows(&mut conn).await, rebuilt);
        drop(conn);
        store.close().await;
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn first_change_is_where_the_spans_part() {
        let claim = Span { since: day(2024, 3, 1), until: None, state: SpanState::Awaiting };
        let decided = Span { until: Some(day(2024, 3, 9)), ..claim };
        let done = Span { since: day(2024, 3, 9), until: None, state: SpanState::Done { late: false } };
        assert_eq!(first_change(&[claim], &[claim]), None);
        assert_eq!(first_change(&[], &[claim]), Some(day(2024, 3, 1)));
        assert_eq!(first_change(&[claim], &[decided, done]), Some(day(2024, 3, 9)));
        assert_eq!(first_change(&[decided], &[decided, done]), Some(day(2024, 3, 9)));
    }
}
