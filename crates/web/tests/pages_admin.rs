//! Administration through the real router, on SQLite and PostgreSQL:
//! accounts (a generated password shown once, role and agency changes,
//! locking, reset), the agency registry (aliases, collective members) and
//! the audit log with filters and pages. Other roles are refused; refused
//! forms change nothing.

mod pages_common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use pages_common::{app, form, on_both, Client};
use theodoi_store::Store;
use tower::ServiceExt;

/// The password the page shows once.
fn shown_password(page: &str) -> String {
    let marker = "class=\"password-once\">";
    let at = page.find(marker).expect("the password is shown") + marker.len();
    page[at..].split('<').next().unwrap().to_string()
}

/// Whether `username` can sign in with `password`.
async fn signs_in(app: &axum::Router, username: &str, password: &str) -> bool {
    let req = Request::post("/dang-nhap")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(form(&[("username", username), ("password", password)])))
        .unwrap();
    app.clone().oneshot(req).await.unwrap().status() == StatusCode::SEE_OTHER
}

async fn user_id(store: &Store, username: &str) -> i64 {
    store.users().await.unwrap().into_iter().find(|u| u.username == username).unwrap().id
}

async fn accounts(store: Store) {
    let app = app(&store);
    let admin = Client::sign_in(&app, "admin").await;
    let monitor = Client::sign_in(&app, "monitor").await;
    let leader = Client::sign_in(&app, "leader").await;
    let csrf = admin.csrf().await;

    assert_eq!(leader.get("/quan-tri").await.status, StatusCode::FORBIDDEN);
    let office = monitor.get("/quan-tri").await;
    assert_eq!(office.status, StatusCode::OK, "the office manages agencies");
    assert!(!office.body.contains("Tạo tài khoản"), "but not accounts");
    let page = admin.get("/quan-tri").await.body;
    assert!(page.contains("Tạo tài khoản") && page.contains(">skhdt</b>"));

    // Refused: the office creating accounts, a forged form, an agency
    // account without a known agency, a taken name.
    let users_before = store.users().await.unwrap().len();
    let new = [("csrf", csrf.as_str()), ("username", "sotc"), ("role", "agency"), ("agency", "Sở Tài chính")];
    let mut by_monitor = new;
    let monitor_csrf = monitor.csrf().await;
    by_monitor[0].1 = &monitor_csrf;
    assert_eq!(monitor.post_form("/quan-tri/nguoi-dung", &by_monitor).await.status, StatusCode::FORBIDDEN);
    let mut forged = new;
    forged[0].1 = "sai";
    assert_eq!(admin.post_form("/quan-tri/nguoi-dung", &forged).await.status, StatusCode::FORBIDDEN);
    let mut unknown = new;
    unknown[3].1 = "Sở Không Có";
    let refused = admin.post_form("/quan-tri/nguoi-dung", &unknown).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    assert!(refused.body.contains("Sở Không Có"), "{}", refused.body);
    let mut taken = new;
    taken[1].1 = "leader";
    let refused = admin.post_form("/quan-tri/nguoi-dung", &taken).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("đã có người dùng"));
    assert_eq!(store.users().await.unwrap().len(), users_before);

    // Created with a password shown once, which signs in.
    let made = admin.post_form("/quan-tri/nguoi-dung", &new).await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let pw = shown_password(&made.body);
    assert_eq!(pw.len(), 16);
    assert!(signs_in(&app, "sotc", &pw).await);
    assert!(!admin.get("/quan-tri").await.body.contains(&pw), "never shown again");
    let id = user_id(&store, "sotc").await;

    // Role and agency change; locking stops sign-in; a reset gives a new password.
    let change = [("csrf", csrf.as_str()), ("role", "leader"), ("agency", "")];
    assert_eq!(admin.post_form(&format!("/quan-tri/nguoi-dung/{id}"), &change).await.location, "/quan-tri?tb=luu");
    assert_eq!(store.user(id).await.unwrap().role, theodoi_core::UserRole::Leader);
    let lock = [("csrf", csrf.as_str()), ("disabled", "1")];
    assert_eq!(admin.post_form(&format!("/quan-tri/nguoi-dung/{id}/khoa"), &lock).await.status, StatusCode::SEE_OTHER);
    assert!(!signs_in(&app, "sotc", &pw).await, "a locked account cannot sign in");
    let unlock = [("csrf", csrf.as_str()), ("disabled", "0")];
    assert_eq!(
        admin.post_form(&format!("/quan-tri/nguoi-dung/{id}/khoa"), &unlock).await.status,
        StatusCode::SEE_OTHER
    );
    let reset = admin.post_form(&format!("/quan-tri/nguoi-dung/{id}/mat-khau"), &[("csrf", &csrf)]).await;
    let new_pw = shown_password(&reset.body);
    assert!(!signs_in(&app, "sotc", &pw).await && signs_in(&app, "sotc", &new_pw).await);

    // The admin cannot lock or demote themself.
    let me = user_id(&store, "admin").await;
    assert_eq!(
        admin.post_form(&format!("/quan-tri/nguoi-dung/{me}/khoa"), &lock).await.status,
        StatusCode::BAD_REQUEST
    );
    let demote = [("csrf", csrf.as_str()), ("role", "leader"), ("agency", "")];
    assert_eq!(admin.post_form(&format!("/quan-tri/nguoi-dung/{me}"), &demote).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(store.user(me).await.unwrap().role, theodoi_core::UserRole::Admin);
    assert_eq!(
        admin.post_form("/quan-tri/nguoi-dung/999999/mat-khau", &[("csrf", &csrf)]).await.status,
        StatusCode::NOT_FOUND
    );
}

async fn agencies_and_audit(store: Store) {
    let app = app(&store);
    let admin = Client::sign_in(&app, "admin").await;
    let monitor = Client::sign_in(&app, "monitor").await;
    let csrf = monitor.csrf().await;

    // An alias merged by the office: the search now finds the agency by it.
    let unknown = [("csrf", csrf.as_str()), ("alias", "Sở KH và ĐT"), ("canonical", "Sở Không Có")];
    assert_eq!(monitor.post_form("/quan-tri/co-quan/gop", &unknown).await.status, StatusCode::NOT_FOUND);
    let merge = [("csrf", csrf.as_str()), ("alias", "Sở KH và ĐT"), ("canonical", "Sở Kế hoạch và Đầu tư")];
    let done = monitor.post_form("/quan-tri/co-quan/gop", &merge).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let page = monitor.get("/quan-tri").await.body;
    assert!(page.contains("Sở KH và ĐT"), "the alias is listed");
    let found = monitor.get("/tim-kiem?q=so+kh+va+dt").await.body;
    assert!(found.contains("tên khác: Sở KH và ĐT"));

    // A member added to a collective.
    let agencies = store.agencies().await.unwrap();
    let collective = agencies.iter().find(|a| a.collective).expect("the seed names collectives");
    let member =
        [("csrf", csrf.as_str()), ("collective", collective.name.as_str()), ("member", "Ban Quản lý dự án thử nghiệm")];
    assert_eq!(monitor.post_form("/quan-tri/co-quan/thanh-vien", &member).await.status, StatusCode::SEE_OTHER);
    let after = store.agencies().await.unwrap();
    let c = after.iter().find(|a| a.id == collective.id).unwrap();
    assert!(c.members.contains(&"Ban Quản lý dự án thử nghiệm".to_string()));

    // The audit log: admins only, filtered by who, what and when, in pages
    // (twenty target values entered make it longer than one page).
    let target = store.targets(None, chrono::Utc::now().date_naive()).await.unwrap()[0].id;
    for year in 2001..=2020 {
        store.set_target_value_by_id(target, year, 1.0, Some("thử"), "test").await.unwrap();
    }
    assert_eq!(monitor.get("/quan-tri/nhat-ky").await.status, StatusCode::FORBIDDEN);
    let log = admin.get("/quan-tri/nhat-ky").await;
    assert_eq!(log.status, StatusCode::OK);
    assert!(log.body.contains("agency.merge") && log.body.contains("Trang sau"), "newest first, in pages");
    let total = |body: &str| -> i64 {
        let at = body.find("Nhật ký thay đổi (").unwrap() + "Nhật ký thay đổi (".len();
        body[at..].split(')').next().unwrap().parse().unwrap()
    };
    let all = total(&log.body);
    let by_monitor = admin.get("/quan-tri/nhat-ky?actor=monitor").await.body;
    assert_eq!(total(&by_monitor), 3, "merge, agency created as member, membership");
    let merges = admin.get("/quan-tri/nhat-ky?action=agency.merge").await.body;
    assert_eq!(total(&merges), 1);
    let today = chrono::Utc::now().date_naive();
    let dated = admin.get(&format!("/quan-tri/nhat-ky?from={today}&to={today}")).await.body;
    assert_eq!(total(&dated), all, "everything happened today");
    let old = admin.get("/quan-tri/nhat-ky?from=2000-01-01&to=2000-12-31").await.body;
    assert!(old.contains("Không có dòng nào khớp bộ lọc"));
    let second = admin.get("/quan-tri/nhat-ky?offset=50").await;
    assert_eq!(second.status, StatusCode::OK);
    assert!(second.body.contains("Trang trước"));
    assert_eq!(admin.get("/quan-tri/nhat-ky?from=31-31-2020").await.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn admin_accounts() {
    on_both("admin_accounts", accounts).await;
}

#[tokio::test]
async fn admin_agencies_and_audit() {
    on_both("admin_agencies", agencies_and_audit).await;
}
