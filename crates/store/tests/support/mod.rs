//! Shared test support: a fresh store per test on each backend, and small
//! hand-built documents (so these tests do not depend on the parser).

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;
use theodoi_parser::*;
use theodoi_store::Store;

static COUNTER: AtomicUsize = AtomicUsize::new(0);

fn unique(prefix: &str) -> String {
    format!("{prefix}_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::SeqCst))
}

/// Runs `test` on a fresh SQLite file, then on a fresh PostgreSQL database.
pub async fn each_backend<F, Fut>(test: F)
where
    F: Fn(Store) -> Fut,
    Fut: Future<Output = ()>,
{
    let dir = std::env::temp_dir().join(unique("theodoi-store"));
    std::fs::create_dir_all(&dir).unwrap();
    let store = Store::open(&format!("sqlite://{}", dir.join("test.db").display())).await.unwrap();
    test(store.clone()).await;
    store.close().await;
    std::fs::remove_dir_all(&dir).ok();

    if let Some(pg) = postgres().await {
        let store = Store::open(&pg.url).await.unwrap();
        test(store.clone()).await;
        store.close().await;
        pg.drop().await;
    }
}

pub struct PgDatabase {
    pub url: String,
    admin: String,
    name: String,
}

impl PgDatabase {
    async fn drop(self) {
        use sqlx::Executor;
        if let Ok(mut conn) = <sqlx::AnyConnection as sqlx::Connection>::connect(&self.admin).await {
            let _ =
                conn.execute(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name))).await;
        }
    }
}

/// A fresh database on the PostgreSQL server, or `None` when there is no
/// server and this is not CI (under CI=true a missing server fails).
pub async fn postgres() -> Option<PgDatabase> {
    use sqlx::Executor;
    sqlx::any::install_default_drivers();
    let admin =
        std::env::var("THEODOI_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&admin).await;
    let mut conn = match conn {
        Ok(c) => c,
        Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => panic!("PostgreSQL is required under CI=true: {e}"),
        Err(e) => {
            eprintln!("skipping PostgreSQL: {e}");
            return None;
        }
    };
    let name = unique("theodoi_test");
    conn.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).await.unwrap();
    let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b).to_string();
    Some(PgDatabase { url: format!("{base}/{name}"), admin, name })
}

/// A date, for tests that name many.
pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A progress report on `on`: 100% claiming completion when `done`, 40%
/// otherwise.
pub fn report(plan: &str, task: &str, agency: &str, done: bool, on: NaiveDate) -> theodoi_store::ProgressInput {
    theodoi_store::ProgressInput {
        plan: plan.into(),
        task: task.into(),
        agency: agency.into(),
        percent: if done { 100 } else { 40 },
        done,
        done_on: None,
        note: None,
        difficulties: None,
        evidence: None,
        period: None,
        on,
        expected_version: None,
    }
}

pub fn plan_task(id: &str, title: &str, lead: &str, deadline: &str, due: Option<NaiveDate>) -> Task {
    Task {
        id: id.into(),
        group: id.split('.').next().and_then(|g| g.parse().ok()),
        seq: None,
        title: title.into(),
        lead: vec![lead.into()],
        coordinating: vec![],
        coordinating_others: false,
        product: Some("Đề án".into()),
        deadline: Deadline {
            text: deadline.into(),
            kind: if due.is_some() { DeadlineKind::Before } else { DeadlineKind::Recurring },
            start: None,
            due,
            reports_to: None,
            milestones: vec![],
            recurrence: None,
        },
        origin: Origin::Appendix,
        line: Some(1),
        agencies: vec![AgencyMention {
            role: AgencyRole::Lead,
            name: lead.into(),
            as_written: lead.into(),
            collective: false,
        }],
    }
}

/// A small plan, "12/QĐ-UBND": three tasks and one growth target. `text`
/// makes the source hash differ between versions.
pub fn doc(text: &str) -> Document {
    let mut t1 = plan_task(
        "1.1",
        "Hoàn thiện Quy hoạch tỉnh thời kỳ 2021 - 2030",
        "Sở Tài chính",
        "Trước tháng 9/2021",
        Some(d(2021, 8, 31)),
    );
    t1.agencies.push(AgencyMention {
        role: AgencyRole::Coordinating,
        name: "Sở Kế hoạch và Đầu tư".into(),
        as_written: "Sở KH&ĐT".into(),
        collective: false,
    });
    let mut t2 = plan_task("1.2", "Đề án y tế cơ sở", "Sở Y tế", "Tháng 10/2021", Some(d(2021, 10, 31)));
    t2.agencies.push(AgencyMention {
        role: AgencyRole::Coordinating,
        name: "Sở Tài chính".into(),
        as_written: "Sở Tài chính".into(),
        collective: false,
    });
    let mut t3 =
        plan_task("1.3", "Báo cáo định kỳ kết quả thực hiện", "UBND cấp huyện", "Báo cáo định kỳ theo quy định", None);
    t3.agencies[0].collective = true;
    t3.deadline.recurrence = Some(Recurrence::Periodic);
    Document {
        format: FORMAT.into(),
        source: Source {
            name: Some(format!("{text}.txt")),
            sha256: format!("{:0>64}", text.bytes().map(|b| format!("{b:02x}")).collect::<String>()),
            bytes: text.len() as u64,
            encoding: "utf-8".into(),
        },
        document: DocumentInfo {
            kind: Some("Quyết định".into()),
            number: Some("12/QĐ-UBND".into()),
            issued_on: Some(d(2021, 8, 9)),
            ..DocumentInfo::default()
        },
        plan: Some(Plan {
            title: Some("Kế hoạch thử".into()),
            sections: vec![],
            groups: vec![Group { number: 1, title: "Nhóm 1".into(), general_task: None, points: vec![], line: None }],
            tasks: vec![t1, t2, t3],
            targets: vec![Target {
                group: Some(1),
                indicator: "Tốc độ tăng trưởng GRDP bình quân hằng năm".into(),
                comparator: Comparator::AtLeast,
                value: 11.0,
                value_max: None,
                unit: Some("%".into()),
                year: None,
                period: Some([2021, 2025]),
                text: None,
                line: None,
            }],
        }),
        diagnostics: vec![],
    }
}
