//! Targets through the real router, on SQLite and PostgreSQL: each
//! indicator against its 2025 and 2030 targets as a chart and a table;
//! the monitor enters an actual value by target id with its source; bad
//! values, forged forms and other roles change nothing.

mod pages_common;

use axum::http::StatusCode;
use pages_common::{app, on_both, Client};
use theodoi_store::Store;

/// The id of the first target whose row follows `indicator` on the page.
fn target_link(page: &str, indicator: &str) -> String {
    let at = page.find(indicator).unwrap_or_else(|| panic!("indicator {indicator}"));
    let link = page[at..].find("/chi-tieu/").unwrap() + at;
    page[link..].split('"').next().unwrap().to_string()
}

async fn values(store: &Store) -> i64 {
    store.table_counts().await.unwrap().into_iter().find(|(t, _)| t == "target_values").map_or(0, |(_, n)| n)
}

async fn enter_and_see(store: Store) {
    let app = app(&store);
    let leader = Client::sign_in(&app, "leader").await;
    let monitor = Client::sign_in(&app, "monitor").await;
    let agency = Client::sign_in(&app, "skhdt").await;

    let page = leader.get("/chi-tieu").await;
    assert_eq!(page.status, StatusCode::OK);
    let section = page.body.split("<section class=\"card\">").find(|s| s.contains("trường chuẩn quốc gia")).unwrap();
    assert!(section.contains("= 81 %") && section.contains("= 95 %"), "one indicator, its 2025 and 2030 targets");
    assert!(section.contains("<svg class=\"chart\"") && section.contains("MT 81") && section.contains("MT 95"));
    assert!(section.contains("Chưa có số liệu"));
    let link = target_link(&page.body, "trường chuẩn quốc gia");

    // Leaders read; only the office enters values.
    let detail = leader.get(&link).await.body;
    assert!(detail.contains("= 81 %") && !detail.contains("Nhập số liệu thực hiện"));
    assert!(monitor.get(&link).await.body.contains("Nhập số liệu thực hiện"));
    let before = values(&store).await;
    let csrf = monitor.csrf().await;
    let good = [("csrf", csrf.as_str()), ("year", "2022"), ("value", "78,5"), ("source", "Báo cáo số 1/BC-SGDĐT")];
    let agency_csrf = agency.csrf().await;
    let mut by_agency = good;
    by_agency[0].1 = &agency_csrf;
    assert_eq!(agency.post_form(&link, &by_agency).await.status, StatusCode::FORBIDDEN);
    let mut forged = good;
    forged[0].1 = "sai";
    assert_eq!(monitor.post_form(&link, &forged).await.status, StatusCode::FORBIDDEN);
    for (field, bad, says) in
        [("value", "bảy mươi", "không phải là số"), ("year", "1990", "2000–2100"), ("source", "  ", "nguồn số liệu")]
    {
        let mut form = good;
        form.iter_mut().find(|(k, _)| *k == field).unwrap().1 = bad;
        let refused = monitor.post_form(&link, &form).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert!(refused.body.contains(says), "{field}: {}", refused.body);
        let kept = if field == "year" { "value=\"78,5\"" } else { "value=\"2022\"" };
        assert!(refused.body.contains(kept), "what was typed is kept");
    }
    assert_eq!(monitor.post_form("/chi-tieu/999999", &good).await.status, StatusCode::NOT_FOUND);
    assert_eq!(values(&store).await, before, "refused forms change nothing");

    // The value is stored for this target, shown the Vietnamese way.
    let sent = monitor.post_form(&link, &good).await;
    assert_eq!((sent.status, sent.location.clone()), (StatusCode::SEE_OTHER, format!("{link}?tb=chi-tieu")));
    let detail = leader.get(&sent.location).await.body;
    assert!(detail.contains("Đã lưu số liệu thực hiện của chỉ tiêu."));
    assert!(
        detail.contains(">78,5</td>") && detail.contains("Báo cáo số 1/BC-SGDĐT") && detail.contains(">monitor</td>")
    );
    assert!(detail.contains("Chưa đạt"), "78,5% is below 81%");
    assert_eq!(values(&store).await, before + 1);
    // 2025 reaching 81% meets the target; entering a year again corrects it.
    let fix = [("csrf", csrf.as_str()), ("year", "2025"), ("value", "80"), ("source", "Niên giám 2025")];
    assert_eq!(monitor.post_form(&link, &fix).await.status, StatusCode::SEE_OTHER);
    let fix = [("csrf", csrf.as_str()), ("year", "2025"), ("value", "81"), ("source", "Niên giám 2025")];
    assert_eq!(monitor.post_form(&link, &fix).await.status, StatusCode::SEE_OTHER);
    let list = leader.get("/chi-tieu").await.body;
    let section = list.split("<section class=\"card\">").find(|s| s.contains("trường chuẩn quốc gia")).unwrap();
    assert!(section.contains("2022: <b>78,5</b>") && section.contains("2025: <b>81</b>"), "{section}");
    assert!(section.contains("badge st-done\">Đạt"));
    let audit = store.audit_log(Some("target"), None, 10).await.unwrap();
    assert_eq!(audit.iter().filter(|e| e.action == "target.value").count(), 3);
    assert_eq!(values(&store).await, before + 2, "the correction replaced the 2025 value");
}

#[tokio::test]
async fn targets_page() {
    on_both("targets_page", enter_and_see).await;
}
