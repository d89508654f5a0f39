//! "Tasks done in the period" (section V) lists only the tasks whose
//! completion was confirmed within the period: one done in Q4 is there, one
//! done in Q3 and one confirmed only after the report's day are not. And
//! the overdue table quotes what the agency last wrote by the report's day,
//! not what it wrote later.

mod support;

use chrono::NaiveDate;
use support::{each_backend, read_body, zip_part, PLAN};
use theodoi_reports::{docx, progress, ReportData, ReportRequest};
use theodoi_store::{Decision, ProgressInput, Store};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// `agency` reports task `task` done on `done_on`, the monitor confirms it
/// on `confirmed_on`.
async fn complete(store: &Store, task: &str, agency: &str, done_on: NaiveDate, confirmed_on: NaiveDate) {
    let input = ProgressInput { done: true, done_on: Some(done_on), ..report(task, agency, 100, None, done_on) };
    store.record_progress(&input, "test").await.unwrap();
    store.decide(PLAN, task, None, &Decision::Confirmed, confirmed_on, "test").await.unwrap();
}

fn report(task: &str, agency: &str, percent: i64, difficulties: Option<&str>, on: NaiveDate) -> ProgressInput {
    ProgressInput {
        plan: PLAN.into(),
        task: task.into(),
        agency: agency.into(),
        percent,
        done: false,
        done_on: None,
        note: None,
        difficulties: difficulties.map(str::to_string),
        evidence: None,
        period: None,
        on,
        expected_version: None,
    }
}

#[tokio::test]
async fn the_q4_report_lists_only_the_tasks_done_in_q4() {
    each_backend(|store| async move {
        // Due 31/10/2021, finished and confirmed in Q4.
        complete(&store, "3.1", "Sở Nông nghiệp và Phát triển nông thôn", day(2021, 10, 25), day(2021, 11, 5)).await;
        // Due 31/08/2021, finished and confirmed in Q3.
        complete(&store, "2.4", "Sở Công Thương", day(2021, 8, 20), day(2021, 8, 25)).await;
        // Finished in Q4 but confirmed only in January: not done on 31/12.
        complete(&store, "3.5", "Sở Công Thương", day(2021, 12, 20), day(2022, 1, 10)).await;
        // An overdue task's explanations: one before the report's day, one after.
        let agency = "Sở Công Thương";
        let before = report("3.6", agency, 40, Some("Chờ ý kiến của Bộ Công Thương"), day(2021, 12, 1));
        store.record_progress(&before, "test").await.unwrap();
        let after = report("3.6", agency, 60, Some("Đã có ý kiến, đang hoàn thiện"), day(2022, 2, 1));
        store.record_progress(&after, "test").await.unwrap();

        let request =
            ReportRequest { plan: Some(PLAN.into()), as_of: day(2021, 12, 31), period: Some("2021-Q4".into()) };
        let data = ReportData::load(&store, &request).await.unwrap();
        let done: Vec<(&str, Option<NaiveDate>)> =
            data.done_in_period.iter().map(|d| (d.task.task.as_str(), d.done_on)).collect();
        assert_eq!(done, [("3.1", Some(day(2021, 10, 25)))]);
        let explained = data.overdue.iter().find(|o| o.task.task == "3.6").expect("3.6 is overdue on 31/12/2021");
        assert_eq!(explained.explanation.as_deref(), Some("Chờ ý kiến của Bộ Công Thương"));

        let body = read_body(&zip_part(&docx::write(&progress::build(&data)).unwrap(), "word/document.xml"));
        let table = body.tables.iter().find(|t| t[0].iter().any(|c| c == "Ngày hoàn thành")).expect("section V table");
        let listed: Vec<&str> = table[1..].iter().map(|row| row[1].split(' ').next().unwrap()).collect();
        assert_eq!(listed, ["3.1"], "{table:?}");
        assert_eq!(table[1][4], "25/10/2021");
        // The Q3 report lists 2.4 as done in its period, and not 3.1.
        let q3 = ReportRequest { plan: Some(PLAN.into()), as_of: day(2021, 9, 30), period: Some("2021-Q3".into()) };
        let data = ReportData::load(&store, &q3).await.unwrap();
        let done: Vec<&str> = data.done_in_period.iter().map(|d| d.task.task.as_str()).collect();
        assert_eq!(done, ["2.4"]);
    })
    .await;
}
