//! The day's work in a real browser: Debian's Chromium, driven through
//! chromedriver, against the real server on a SQLite file. The focal point
//! of Sở Kế hoạch và Đầu tư signs in, opens one of its tasks, reports 100%
//! with a narrative, an evidence document number and a file, and claims
//! completion; the monitor confirms it from its queue; the dashboard
//! counts the task done on time; the search finds it from words typed
//! without diacritics; an uploaded plan reaches the import review.
//!
//! Screenshots of the dashboard, the task page and the import review, at
//! 1280 px and at 360 px (a phone), are saved under `target/e2e/` for a
//! person to look at.
//!
//! `scripts/test` installs `chromium` and `chromium-driver` when missing.
//! Without them this test says so loudly and passes, except under
//! `CI=true`, where a browser that cannot be found or started fails it.
//! `THEODOI_CHROMIUM` and `THEODOI_CHROMEDRIVER` name other binaries.

mod e2e {
    pub mod browser;
    pub mod server;
}

use chrono::Datelike;
use e2e::browser::{Browser, Driver};
use e2e::server::Server;
use theodoi_core::TaskStatus;
use theodoi_store::{Role, Store, TaskFilter};

const PASSWORD: &str = "mat-khau-thu-nghiem";
const AGENCY: &str = "Sở Kế hoạch và Đầu tư";
const NARRATIVE: &str = "Đã tham mưu ban hành kế hoạch triển khai và tổ chức thực hiện xong";
const EVIDENCE: &str = "Công văn số 456/SKHĐT-TH";
const EVIDENCE_FILE: &str = "bao-cao-ket-qua.pdf";

/// Whether a missing browser must fail the run rather than skip it.
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// The agency's task the test reports on: one it leads alone that has no
/// due date (thường xuyên), so a completion confirmed today is on time
/// whatever today is. A dated seed task (due 2021-2025) confirmed with
/// today's completion day would rightly be "hoàn thành quá hạn".
async fn ongoing_task_of_agency(store: &Store, today: chrono::NaiveDate) -> theodoi_store::TaskView {
    let mut filter = TaskFilter::as_of(today);
    filter.agency = Some(AGENCY.into());
    filter.role = Some(Role::Lead);
    filter.status = Some(TaskStatus::Ongoing);
    let page = store.tasks(&filter).await.unwrap();
    page.items
        .into_iter()
        .find(|t| t.lead == [AGENCY.to_string()])
        .expect("the seed has an ongoing task led by Sở Kế hoạch và Đầu tư alone")
}

/// The number on the dashboard tile labelled `label`.
fn tile(page: &str, label: &str) -> usize {
    let at = page.find(&format!("</b>{label}</a>")).unwrap_or_else(|| panic!("dashboard tile {label}"));
    let start = page[..at].rfind("<b>").unwrap() + 3;
    page[start..at].parse().unwrap()
}

/// A few words of the task's title, written the way people type on a
/// phone: no diacritics, đ as d.
fn unaccented_words(title: &str) -> String {
    let folded = theodoi_parser::fold::fold(title);
    folded.split(' ').filter(|w| w.len() > 2).take(4).collect::<Vec<_>>().join(" ")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agency_reports_monitor_confirms_dashboard_and_search_agree() {
    let Some(driver) = Driver::start_or_skip(in_ci()) else { return };
    let server = Server::start(PASSWORD).await;
    let today = theodoi_web::state::today();
    let task = ongoing_task_of_agency(&server.store, today).await;
    let browser = Browser::open(&driver, &server.base).await;
    let shots = e2e::browser::screenshot_dir();

    // The agency signs in and lands on the dashboard of today.
    browser.sign_in("skhdt", PASSWORD).await;
    let dash = browser.page("/").await;
    let done_before = tile(&dash, "Hoàn thành đúng hạn");
    assert!(dash.contains(&format!("{:02}/{:02}/{}", today.day(), today.month(), today.year())), "today's date shown");

    // It opens the task from its workspace and reports.
    browser.page("/co-quan").await;
    browser.click(&format!("a[href^=\"/nhiem-vu/{}?\"]", task.id)).await;
    let form = browser.source().await;
    assert!(form.contains("Báo cáo tiến độ của đơn vị"), "the lead agency gets the report form");
    let evidence_path = shots.join(EVIDENCE_FILE);
    std::fs::write(&evidence_path, b"%PDF-1.4\n% minh chung cua So Ke hoach va Dau tu\n").unwrap();
    browser.fill("#bao-cao input[name=percent]", "100").await;
    browser.fill("#bao-cao textarea[name=note]", NARRATIVE).await;
    browser.fill("#bao-cao input[name=evidence]", EVIDENCE).await;
    browser.fill("#bao-cao input[name=files]", evidence_path.to_str().unwrap()).await;
    browser.click("#bao-cao input[name=done]").await;
    browser.submit("#bao-cao button[type=submit]").await;
    let page = browser.source().await;
    assert!(browser.path().await.starts_with(&format!("/nhiem-vu/{}", task.id)), "back on the task page");
    assert!(page.contains("Đã ghi nhận báo cáo tiến độ."), "the report is acknowledged");
    assert!(page.contains("Chờ xác nhận"), "the claim waits for the monitor");
    for shown in [NARRATIVE, EVIDENCE, EVIDENCE_FILE] {
        assert!(page.contains(shown), "the history shows {shown}");
    }
    let stored = server.store.task(task.id, today).await.unwrap();
    assert_eq!(stored.status, TaskStatus::AwaitingConfirmation, "the claim is stored");
    browser.screenshots("nhiem-vu", &shots).await;
    browser.sign_out().await;

    // The monitor confirms it from the queue.
    browser.sign_in("theodoi", PASSWORD).await;
    let queue = browser.page("/theo-doi").await;
    assert!(queue.contains(&task.title) && queue.contains(AGENCY), "the claim is in the monitor's queue");
    browser.submit(&format!("form[action=\"/nhiem-vu/{}/xac-nhan\"] button", task.id)).await;
    let confirmed = browser.source().await;
    assert!(confirmed.contains("Đã xác nhận hoàn thành."), "the confirmation is acknowledged");
    let page = browser.page(&format!("/nhiem-vu/{}", task.id)).await;
    assert!(page.contains("Hoàn thành đúng hạn"), "the task page says done on time");
    assert_eq!(server.store.task(task.id, today).await.unwrap().status, TaskStatus::DoneOnTime);

    // The dashboard of today counts it.
    let dash = browser.page("/").await;
    assert_eq!(tile(&dash, "Hoàn thành đúng hạn"), done_before + 1, "one more task done on time");
    browser.screenshots("tong-quan", &shots).await;

    search_and_import_review(&browser, &server, &task).await;
    browser.close().await;
}

/// The search finds the task from words typed without diacritics, and an
/// uploaded plan reaches the import review, where nothing is stored yet.
async fn search_and_import_review(browser: &Browser, server: &Server, task: &theodoi_store::TaskView) {
    let shots = e2e::browser::screenshot_dir();
    let words = unaccented_words(&task.title);
    let found = browser.page(&format!("/tim-kiem?q={}", words.replace(' ', "+"))).await;
    assert!(found.contains(&format!("/nhiem-vu/{}", task.id)), "searching \"{words}\" finds task {}", task.task);

    let plans_before = server.store.plans(1000, 0).await.unwrap().1;
    browser.page("/").await;
    browser.click("nav a[href^=\"/nhap\"]").await;
    let plan_path = shots.join("ke-hoach-moi.txt");
    std::fs::write(&plan_path, e2e::server::SEED.replace("2999/QĐ-UBND", "3001/QĐ-UBND")).unwrap();
    browser.fill("input[type=file]", plan_path.to_str().unwrap()).await;
    browser.submit("form[enctype=\"multipart/form-data\"] button[type=submit]").await;
    let review = browser.source().await;
    assert!(browser.path().await.starts_with("/nhap-van-ban/"), "the upload opens its review");
    assert!(review.contains("3001/QĐ-UBND"), "the review shows the uploaded plan's number");
    assert_eq!(server.store.plans(1000, 0).await.unwrap().1, plans_before, "nothing is stored before the review");
    browser.screenshots("nhap-van-ban", &shots).await;
}
