//! The fast summary (the counts kept weekly, moved in SQL through the spans
//! of the tasks whose status changed between the kept day and the day
//! asked; one plan's from its tasks' spans) gives exactly the
//! straightforward answer —
//! every task judged from its history, then counted — on past, present and
//! future days, for all plans and for one plan, on SQLite and PostgreSQL;
//! the missing periodic reports (kept per duty) too, as reports and plans
//! change.

mod support;

use theodoi_core::TaskStatus;
use theodoi_store::{Decision, Store, TaskFilter};

use support::{d, doc, each_backend, report};

/// Days before, between and after the generated reports and the extra
/// facts below.
const DAYS: [(i32, u32, u32); 10] = [
    (2021, 3, 1),
    (2021, 12, 31),
    // The day after a quarter's end: the tasks due on it move to overdue
    // from the kept month end before (`snapshots::moves`).
    (2022, 7, 1),
    (2022, 9, 30),
    (2025, 10, 2),
    (2023, 6, 15),
    (2024, 12, 31),
    (2025, 7, 1),
    (2026, 11, 28),
    (2028, 1, 1),
];

/// Claims, returns, second claims and confirmations spread over the years,
/// so that many days fall between a task's facts.
async fn history(store: &Store) {
    let open = TaskFilter { status: Some(TaskStatus::Overdue), limit: Some(12), ..TaskFilter::as_of(d(2028, 1, 1)) };
    let tasks = store.tasks(&open).await.unwrap().items;
    assert!(tasks.len() >= 8, "the generated province has overdue tasks to work on");
    for (i, t) in tasks.iter().enumerate() {
        let start = d(2021, 6, 1) + chrono::Duration::days(137 * i as i64);
        let lead = &t.lead[0];
        store.record_progress(&report(&t.plan, &t.task, lead, true, start), "tester").await.unwrap();
        if i % 3 == 0 {
            continue; // left waiting for confirmation
        }
        let returned = Decision::Returned { reason: "Thiếu hồ sơ".into() };
        store.decide(&t.plan, &t.task, None, &returned, start + chrono::Duration::days(20), "monitor").await.unwrap();
        if i % 3 == 1 {
            continue; // open again
        }
        let again = start + chrono::Duration::days(200);
        store.record_progress(&report(&t.plan, &t.task, lead, true, again), "tester").await.unwrap();
        let confirmed = again + chrono::Duration::days(30);
        store.decide(&t.plan, &t.task, None, &Decision::Confirmed, confirmed, "monitor").await.unwrap();
    }
    // A periodic report, so missing reports are not all of them.
    let mut periodic = report("12/QĐ-UBND", "1.3", "UBND cấp huyện", false, d(2022, 1, 10));
    periodic.period = Some("2021-Q4".into());
    store.record_progress(&periodic, "tester").await.unwrap();
}

#[tokio::test]
async fn fast_summary_equals_the_straightforward_count_on_any_day() {
    each_backend(|store| async move {
        theodoi_store::generate::province(&store, 24, 30, 2, 11, d(2026, 11, 28), "tester").await.unwrap();
        store.import(&doc("a"), "a", "tester").await.unwrap();
        history(&store).await;
        let plans: Vec<String> = store.tasks(&TaskFilter::as_of(d(2026, 1, 1))).await.unwrap().items[..1]
            .iter()
            .map(|t| t.plan.clone())
            .chain(["12/QĐ-UBND".to_string()])
            .collect();
        for (y, m, day) in DAYS {
            let day = d(y, m, day);
            let fast = store.summary(None, day).await.unwrap();
            let exact = store.summary_from_history(None, day).await.unwrap();
            assert_eq!(fast.total, 24 * 30 + 3);
            assert_eq!(fast, exact, "all plans on {day}");
            for plan in &plans {
                let fast = store.summary(Some(plan), day).await.unwrap();
                let exact = store.summary_from_history(Some(plan), day).await.unwrap();
                assert_eq!(fast, exact, "plan {plan} on {day}");
            }
        }
        let on = store.summary(None, d(2024, 12, 31)).await.unwrap();
        assert!(on.by_status["done_on_time"] + on.by_status["done_late"] > 0, "some work is done by then");
        assert!(on.by_status["overdue"] > 0 && on.by_status["in_progress"] > 0, "and some is open");
        assert!(!on.most_overdue.is_empty() && on.missing_reports_total > 0);
    })
    .await;
}

/// The fast and the straightforward summary agree on every day asked.
async fn agree_on_every_day(store: &Store, plan: Option<&str>, when: &str) {
    for (y, m, day) in DAYS {
        let day = d(y, m, day);
        let fast = store.summary(plan, day).await.unwrap();
        let exact = store.summary_from_history(plan, day).await.unwrap();
        assert_eq!(fast, exact, "{when}: plan {plan:?} on {day}");
    }
}

/// The kept report duties (who owes periodic reports, which periods were
/// reported) give the straightforward missing reports through reports of
/// every shape, a new version of a plan and an agency merge.
#[tokio::test]
async fn missing_reports_stay_exact_as_reports_and_plans_change() {
    each_backend(|store| async move {
        theodoi_store::generate::province(&store, 30, 30, 2, 5, d(2026, 11, 28), "tester").await.unwrap();
        store.import(&doc("a"), "a", "tester").await.unwrap();
        agree_on_every_day(&store, None, "generated").await;
        let owed = store.summary(None, d(2026, 11, 28)).await.unwrap();
        assert!(owed.missing_reports_total > owed.missing_reports.len(), "more missing than listed");
        // Reports for generated yearly duties: on time, twice for one
        // period, for a period of another rhythm, unreadable, in the future,
        // and from before the plan began.
        let mut shapes = vec!["2022", "2022", "2023-Q1", "năm 2023", "2031", "2019"].into_iter().cycle();
        for m in owed.missing_reports.iter().step_by(7).take(12) {
            let mut r = report(&m.plan, &m.task, &m.agency, false, d(2026, 1, 5));
            r.period = Some(m.period.clone());
            store.record_progress(&r, "tester").await.unwrap();
            r.period = shapes.next().map(str::to_string);
            store.record_progress(&r, "tester").await.unwrap();
        }
        // The plan's quarterly duty: periods written two ways, and one
        // before its first quarter.
        for period in ["2021-Q3", "2021-Q4", "2021-Q4", "2022-Q1", "2021-Q2", "2022-03", "2024-H1"] {
            let mut r = report("12/QĐ-UBND", "1.3", "UBND cấp huyện", false, d(2022, 4, 10));
            r.period = Some(period.into());
            store.record_progress(&r, "tester").await.unwrap();
        }
        agree_on_every_day(&store, None, "reported").await;
        agree_on_every_day(&store, Some("12/QĐ-UBND"), "reported").await;
        let plan = owed.missing_reports[0].plan.clone();
        agree_on_every_day(&store, Some(&plan), "reported").await;

        // A new version carries the reports over to its tasks.
        store.import(&doc("b"), "b", "tester").await.unwrap();
        agree_on_every_day(&store, None, "new version").await;
        agree_on_every_day(&store, Some("12/QĐ-UBND"), "new version").await;

        // A merge rebuilds every kept table.
        store.merge_agency("UBND cấp huyện", &owed.missing_reports[0].agency, "tester").await.unwrap();
        agree_on_every_day(&store, None, "merged").await;
        let after = store.summary(None, d(2026, 11, 28)).await.unwrap();
        assert!(after.missing_reports_total < owed.missing_reports_total, "the reports count");
    })
    .await;
}

/// A batch import counts its new plans from what it holds in memory, and
/// an amended plan in the same batch the usual way: the summaries and
/// missing reports on every day are those of the tasks as stored.
#[tokio::test]
async fn a_batch_import_counts_its_plans_as_stored() {
    each_backend(|store| async move {
        let mut docs: Vec<(theodoi_parser::Document, String)> = (0..5)
            .map(|i| {
                let mut plan = doc(&format!("p{i}"));
                plan.document.number = Some(format!("{}/QĐ-UBND", 100 + i));
                (plan, String::new())
            })
            .collect();
        // The same number twice: the second is a new version of the first.
        docs.push((doc("a"), "a".into()));
        docs.push((doc("b"), "b".into()));
        let outcomes = store.import_batch(&docs, "tester").await.unwrap();
        assert_eq!(outcomes.len(), 7);
        assert!(matches!(outcomes[6], theodoi_store::ImportOutcome::Amended { version: 2, .. }));
        agree_on_every_day(&store, None, "batch").await;
        agree_on_every_day(&store, Some("101/QĐ-UBND"), "batch").await;
        let on = store.summary(None, d(2026, 11, 28)).await.unwrap();
        assert_eq!(on.total, 6 * 3);
        assert_eq!(on.by_status["overdue"], 6 * 2);
        assert!(on.missing_reports_total > 0, "the periodic tasks owe reports");

        // A second batch adds to what the first counted.
        let more: Vec<(theodoi_parser::Document, String)> = (5..8)
            .map(|i| {
                let mut plan = doc(&format!("p{i}"));
                plan.document.number = Some(format!("{}/QĐ-UBND", 100 + i));
                (plan, String::new())
            })
            .collect();
        store.import_batch(&more, "tester").await.unwrap();
        agree_on_every_day(&store, None, "second batch").await;
        assert_eq!(store.summary(None, d(2026, 11, 28)).await.unwrap().total, 9 * 3);
    })
    .await;
}
