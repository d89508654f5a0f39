//! `dev generate` draws the same province on SQLite and PostgreSQL for the
//! same seed: the synthetic reports used to follow each database's own row
//! order, so the two benchmarks measured different data.

#[allow(dead_code)]
mod support;

use std::sync::Mutex;

use theodoi_store::TaskFilter;

use support::{d, each_backend};

#[tokio::test]
async fn the_same_seed_gives_the_same_data_on_every_backend() {
    let seen: Mutex<Vec<String>> = Mutex::new(Vec::new());
    each_backend(|store| {
        let seen = &seen;
        async move {
            let g = theodoi_store::generate::province(&store, 12, 30, 3, 42, d(2026, 11, 28), "tester").await.unwrap();
            assert_eq!((g.plans, g.tasks), (12, 360));
            assert!(g.reports > 0);
            let mut facts = vec![format!("reports {}", g.reports)];
            for day in [d(2022, 1, 1), d(2025, 6, 30), d(2026, 11, 28)] {
                let summary = store.summary(None, day).await.unwrap();
                let mut by_status: Vec<_> = summary.by_status.iter().collect();
                by_status.sort();
                facts.push(format!("{day}: {by_status:?}"));
                // Through the open-tasks index the load deferred and rebuilt.
                let most: Vec<_> = summary.most_overdue.iter().map(|t| (t.plan.clone(), t.task.clone())).collect();
                facts.push(format!("{day}: {most:?}"));
                let page = store.tasks(&TaskFilter::as_of(day)).await.unwrap();
                facts.push(format!("{day}: {} tasks", page.total));
            }
            seen.lock().unwrap().push(facts.join("\n"));
        }
    })
    .await;
    let seen = seen.into_inner().unwrap();
    assert!(!seen.is_empty());
    for other in &seen[1..] {
        assert_eq!(other, &seen[0], "SQLite and PostgreSQL drew different data");
    }
}
