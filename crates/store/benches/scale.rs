//! The queries the scale goals name, over a generated province of modest
//! size (SQLite, made once in a temporary directory by the generator):
//! the all-plans summary, one agency's overdue list, and the missing
//! periodic reports on a past day. `scripts/bench-store` times the same
//! queries at a million tasks.

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use theodoi_core::TaskStatus;
use theodoi_store::{Store, TaskFilter};
use tokio::runtime::Runtime;

/// Plans × tasks per plan: 40,000 tasks, generated in seconds.
const PLANS: usize = 800;
const TASKS_PER_PLAN: usize = 50;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid day")
}

fn scale(c: &mut Criterion) {
    let rt = Runtime::new().expect("a tokio runtime");
    let dir = std::env::temp_dir().join(format!("theodoi-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let as_of = day(2026, 11, 28);
    let (store, agency) = rt.block_on(async {
        let store = Store::open(&format!("sqlite://{}", dir.join("bench.db").display())).await.expect("a store");
        theodoi_store::generate::province(&store, PLANS, TASKS_PER_PLAN, 4, 11, as_of, "bench")
            .await
            .expect("a generated province");
        let agency = store.agencies().await.expect("agencies").into_iter().max_by_key(|a| a.lead_tasks);
        (store, agency.map(|a| a.name).unwrap_or_default())
    });

    let mut group = c.benchmark_group("store");
    group.sample_size(20);
    group.bench_function("summary all plans today", |b| {
        b.iter(|| rt.block_on(store.summary(None, as_of)).expect("a summary"))
    });
    group.bench_function("summary all plans a year ago", |b| {
        b.iter(|| rt.block_on(store.summary(None, day(2025, 11, 28))).expect("a summary"))
    });
    let overdue = TaskFilter {
        agency: Some(agency),
        status: Some(TaskStatus::Overdue),
        limit: Some(50),
        ..TaskFilter::as_of(as_of)
    };
    group.bench_function("one agency's overdue tasks", |b| {
        b.iter(|| rt.block_on(store.tasks(&overdue)).expect("a page"))
    });
    group.finish();

    rt.block_on(store.close());
    std::fs::remove_dir_all(&dir).ok();
}

criterion_group!(benches, scale);
criterion_main!(benches);
