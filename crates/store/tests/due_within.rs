//! The tasks coming due (the dashboard's list and its count) are those
//! the straightforward way finds — every task judged from its history on
//! the day, kept when its due date falls in the window and it is not done —
//! on days before, between and after the reports, for all plans and for
//! one, on SQLite and PostgreSQL. Days after the last fact take the kept
//! totals' count (`status_counts`), earlier days the due-date index.

// Only some of the shared support is used here.
#[allow(dead_code)]
mod support;

use chrono::{Duration, NaiveDate};
use theodoi_core::TaskStatus;
use theodoi_store::{Decision, Store, TaskFilter};

use support::{d, each_backend, report};

const WINDOW: i64 = 30;

/// The open tasks due within the window from `day`, judged from history.
async fn straightforward(store: &Store, plan: Option<&str>, day: NaiveDate) -> Vec<i64> {
    let mut filter = TaskFilter::as_of(day);
    filter.plan = plan.map(str::to_string);
    let mut ids: Vec<(NaiveDate, i64)> = store
        .tasks_from_history(&filter)
        .await
        .unwrap()
        .items
        .into_iter()
        .filter(|t| !matches!(t.status, TaskStatus::DoneOnTime | TaskStatus::DoneLate))
        .filter_map(|t| {
            t.deadline.due.filter(|due| *due >= day && *due <= day + Duration::days(WINDOW)).map(|due| (due, t.id))
        })
        .collect();
    ids.sort();
    ids.into_iter().map(|(_, id)| id).collect()
}

/// Claims of completion on some tasks due in the future, some confirmed,
/// the last facts dated `last`.
async fn claims(store: &Store, last: NaiveDate) {
    let filter = TaskFilter { status: Some(TaskStatus::InProgress), limit: Some(9), ..TaskFilter::as_of(last) };
    let tasks = store.tasks(&filter).await.unwrap().items;
    assert!(tasks.len() >= 6, "the generated province has tasks in progress to claim");
    for (i, t) in tasks.iter().enumerate() {
        let input = report(&t.plan, &t.task, &t.lead[0], true, last - Duration::days(40));
        store.record_progress(&input, "tester").await.unwrap();
        if i % 2 == 0 {
            store.decide(&t.plan, &t.task, None, &Decision::Confirmed, last, "monitor").await.unwrap();
        }
    }
}

#[tokio::test]
async fn tasks_coming_due_are_those_judged_from_history() {
    each_backend(|store| async move {
        let today = d(2026, 11, 28);
        theodoi_store::generate::province(&store, 24, 30, 2, 7, today, "tester").await.unwrap();
        claims(&store, today).await;
        let every = store.tasks_from_history(&TaskFilter::as_of(today)).await.unwrap().items;
        let plan = every[0].plan.clone();
        // Windows that hold due dates, after the last fact and before it.
        let mut days: Vec<NaiveDate> =
            every.iter().filter_map(|t| t.deadline.due).map(|due| due - Duration::days(10)).collect();
        days.sort();
        days.dedup();
        let after: Vec<NaiveDate> = days.iter().copied().filter(|day| *day > today).take(4).collect();
        let before: Vec<NaiveDate> = days.iter().copied().filter(|day| *day < today).rev().step_by(5).take(4).collect();
        assert!(!after.is_empty() && !before.is_empty(), "due dates on both sides of the last fact");
        let mut found_after = 0;
        for day in after.iter().chain(&before).copied().chain([today]) {
            for plan in [None, Some(plan.as_str())] {
                let expected = straightforward(&store, plan, day).await;
                let page = store.due_within(plan, day, WINDOW, 1000).await.unwrap();
                assert_eq!(page.total, expected.len(), "count for plan {plan:?} on {day}");
                let listed: Vec<i64> = page.items.iter().map(|t| t.id).collect();
                assert_eq!(listed, expected, "list for plan {plan:?} on {day}");
                if day > today && plan.is_none() {
                    found_after += page.total;
                }
            }
        }
        assert!(found_after > 0, "the kept totals' count is checked on days that hold tasks");
    })
    .await;
}
