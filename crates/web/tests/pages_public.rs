//! The public page through the real router, on SQLite and PostgreSQL: the
//! monitor publishes a plan's results for a quarter; anyone reads them
//! without signing in; what is published holds counts and lists only, no
//! personal data. Other roles cannot publish; refused forms change nothing.

mod pages_common;

use axum::http::StatusCode;
use pages_common::{app, on_both, Client};
use theodoi_store::{ProgressInput, Store};

async fn publications(store: &Store) -> usize {
    store.publications().await.unwrap().len()
}

async fn publish_and_read(store: Store) {
    let app = app(&store);
    let public = Client::public(&app);
    let monitor = Client::sign_in(&app, "monitor").await;
    let leader = Client::sign_in(&app, "leader").await;

    // Nothing published yet; the public page is open to everyone.
    let empty = public.get("/cong-khai").await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(empty.body.contains("Chưa có kết quả nào được công bố") && !empty.body.contains("Công bố kết quả một quý"));
    assert!(public.get("/dang-nhap").await.body.contains("href=\"/cong-khai\""), "linked in the nav for everyone");

    // An agency narrative and a user name that must never be published.
    let report = ProgressInput {
        plan: "2999/QĐ-UBND".into(),
        task: "2.1".into(),
        agency: "Sở Kế hoạch và Đầu tư".into(),
        percent: 60,
        done: false,
        done_on: None,
        note: Some("Nội dung nội bộ không công khai".into()),
        difficulties: None,
        evidence: None,
        period: None,
        on: chrono::NaiveDate::from_ymd_opt(2021, 11, 1).unwrap(),
        expected_version: None,
    };
    store.record_progress(&report, "nguoi-bao-cao-rieng").await.unwrap();

    // Refused: the public and leaders, a forged form, a quarter not begun,
    // an unknown plan, a quarter that does not exist.
    let csrf = monitor.csrf().await;
    let form = [("csrf", csrf.as_str()), ("plan", "2999/QĐ-UBND"), ("year", "2021"), ("quarter", "4")];
    assert_eq!(public.post_form("/cong-khai/xuat-ban", &form).await.location, "/dang-nhap");
    let leader_csrf = leader.csrf().await;
    let mut by_leader = form;
    by_leader[0].1 = &leader_csrf;
    assert_eq!(leader.post_form("/cong-khai/xuat-ban", &by_leader).await.status, StatusCode::FORBIDDEN);
    let mut forged = form;
    forged[0].1 = "sai";
    assert_eq!(monitor.post_form("/cong-khai/xuat-ban", &forged).await.status, StatusCode::FORBIDDEN);
    for (field, bad) in [("year", "2099"), ("plan", "1/QĐ-KHONG"), ("quarter", "5")] {
        let mut f = form;
        f.iter_mut().find(|(k, _)| *k == field).unwrap().1 = bad;
        let refused = monitor.post_form("/cong-khai/xuat-ban", &f).await;
        assert!(refused.status.is_client_error(), "{field}: {}", refused.status);
        let says = refused.body.to_lowercase();
        assert!(says.contains("không tìm thấy") || says.contains("quý"), "{field}: {}", refused.body);
    }
    assert_eq!(publications(&store).await, 0, "refused forms change nothing");

    // Published for Quý IV/2021: counted on 31/12/2021, 16 tasks overdue.
    assert!(monitor.get("/cong-khai").await.body.contains("Công bố kết quả một quý"));
    let done = monitor.post_form("/cong-khai/xuat-ban", &form).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert!(done.location.starts_with("/cong-khai?id=") && done.location.ends_with("&tb=cong-bo"));
    let page = public.get("/cong-khai").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("2999/QĐ-UBND — Quý IV/2021") && page.body.contains("<b>31/12/2021</b>"));
    assert!(page.body.contains("<div class=\"tile st-overdue\"><b>16</b>Quá hạn</div>"), "{}", page.body);
    assert!(page.body.contains("<svg class=\"chart\""));
    assert!(page.body.contains("Sở Kế hoạch và Đầu tư"), "lead agencies are public");
    for private in ["Nội dung nội bộ không công khai", "nguoi-bao-cao-rieng", "monitor", "60%"] {
        assert!(!page.body.contains(private), "{private} must not be published");
    }
    let stored = store.publications().await.unwrap();
    let snapshot = stored[0].snapshot.to_string();
    assert!(!snapshot.contains("nguoi-bao-cao-rieng") && !snapshot.contains("Nội dung nội bộ"));

    // Republishing the quarter replaces it; another quarter is listed too.
    assert_eq!(monitor.post_form("/cong-khai/xuat-ban", &form).await.status, StatusCode::SEE_OTHER);
    let q3 = [("csrf", csrf.as_str()), ("plan", "2999/QĐ-UBND"), ("year", "2021"), ("quarter", "3")];
    assert_eq!(monitor.post_form("/cong-khai/xuat-ban", &q3).await.status, StatusCode::SEE_OTHER);
    assert_eq!(publications(&store).await, 2);
    let page = public.get("/cong-khai").await.body;
    assert!(page.contains("Quý III/2021") && page.contains("Quý IV/2021"));
    assert_eq!(public.get("/cong-khai?id=999999").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn public_page() {
    on_both("public_page", publish_and_read).await;
}
