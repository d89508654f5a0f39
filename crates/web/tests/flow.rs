//! The day's work through the real router, on SQLite and PostgreSQL: an
//! agency reports with an evidence file and claims completion, the monitor
//! confirms, and the dashboard and the task page tell the truth for the
//! days before and after. Forms without the CSRF token change nothing.

use std::sync::atomic::{AtomicUsize, Ordering};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use theodoi_core::UserRole;
use theodoi_store::{NewUser, Store};
use theodoi_web::auth::password;
use theodoi_web::{router, AppState};
use tower::ServiceExt;

const SEED: &str = include_str!("../../../examples/qd-2999-ubnd-thanh-hoa-2021.txt");
const PASSWORD: &str = "mat-khau-thu-nghiem";

static COUNTER: AtomicUsize = AtomicUsize::new(0);

fn unique(prefix: &str) -> String {
    format!("{prefix}_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::SeqCst))
}

/// A store holding the seed plan and one account per role.
async fn seeded(url: &str) -> Store {
    let store = Store::open(url).await.unwrap();
    let doc = theodoi_parser::parse_str(SEED, &theodoi_parser::Options::default()).unwrap();
    store.import(&doc, SEED, "test").await.unwrap();
    let hash = password::hash_now(PASSWORD).unwrap();
    for (name, role, agency) in [
        ("monitor", UserRole::Monitor, None),
        ("leader", UserRole::Leader, None),
        ("skhdt", UserRole::Agency, Some("Sở Kế hoạch và Đầu tư")),
        ("sotc", UserRole::Agency, Some("Sở Tài chính")),
    ] {
        let new = NewUser {
            username: name.into(),
            role,
            agency: agency.map(Into::into),
            password_hash: hash.clone(),
            email: None,
            display_name: None,
        };
        store.create_user(&new, "test").await.unwrap();
    }
    store
}

struct Client {
    app: Router,
    cookie: String,
}

struct Answer {
    status: StatusCode,
    location: String,
    body: String,
    bytes: Vec<u8>,
}

impl Client {
    async fn send(&self, req: Request<Body>) -> Answer {
        let res = self.app.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let location = res.headers().get(header::LOCATION).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
        let bytes = res.into_body().collect().await.unwrap().to_bytes().to_vec();
        Answer { status, location, body: String::from_utf8_lossy(&bytes).into_owned(), bytes }
    }

    async fn sign_in(app: &Router, username: &str) -> Client {
        let req = Request::post("/dang-nhap")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("username={username}&password={PASSWORD}")))
            .unwrap();
        let res = app.clone().oneshot(req).await.unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{username} signs in");
        let cookie = res.headers()[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_string();
        Client { app: app.clone(), cookie }
    }

    async fn get(&self, path: &str) -> Answer {
        self.send(Request::get(path).header(header::COOKIE, &self.cookie).body(Body::empty()).unwrap()).await
    }

    async fn post_form(&self, path: &str, form: &str) -> Answer {
        let req = Request::post(path)
            .header(header::COOKIE, &self.cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(form.to_string()))
            .unwrap();
        self.send(req).await
    }

    async fn post_multipart(&self, path: &str, fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> Answer {
        let boundary = "theodoi-test-boundary";
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                    .as_bytes(),
            );
        }
        if let Some((file_name, data)) = file {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend_from_slice(data);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let req = Request::post(path)
            .header(header::COOKIE, &self.cookie)
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    /// The CSRF token a page's forms carry.
    async fn csrf(&self) -> String {
        let page = self.get("/tai-khoan").await.body;
        let at = page.find("name=\"csrf\" value=\"").expect("a form with a CSRF token") + 19;
        page[at..at + 32].to_string()
    }
}

/// The id of task `code` of the seed plan, from the API.
async fn task_id(client: &Client, code: &str) -> i64 {
    let body = client.get("/api/v1/tasks?plan=2999/Q%C4%90-UBND&limit=500").await.body;
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    json["items"].as_array().unwrap().iter().find(|t| t["task"] == code).unwrap()["id"].as_i64().unwrap()
}

/// The count on the dashboard tile labelled `label`.
fn tile(page: &str, label: &str) -> usize {
    let at = page.find(&format!("</b>{label}</a>")).unwrap_or_else(|| panic!("tile {label}"));
    let start = page[..at].rfind("<b>").unwrap() + 3;
    page[start..at].parse().unwrap()
}

async fn report_confirm_and_see(store: Store) {
    let app = router(AppState::new(store.clone()));
    let agency = Client::sign_in(&app, "skhdt").await;
    let other = Client::sign_in(&app, "sotc").await;
    let monitor = Client::sign_in(&app, "monitor").await;
    let leader = Client::sign_in(&app, "leader").await;

    // The seed as of 31/12/2021: 16 tasks overdue.
    let dash = leader.get("/?as_of=2021-12-31").await;
    assert_eq!(dash.status, StatusCode::OK);
    assert!(dash.body.contains("lang=\"vi\""));
    assert_eq!(tile(&dash.body, "Quá hạn"), 16);
    assert!(dash.body.contains("<svg class=\"chart\""));

    // Task 2.1 is led by Sở Kế hoạch và Đầu tư alone, due 31/12/2021.
    let id = task_id(&agency, "2.1").await;
    let page = agency.get(&format!("/nhiem-vu/{id}")).await.body;
    assert!(page.contains("Báo cáo tiến độ của đơn vị"), "the lead agency gets the report form");
    assert!(!other.get(&format!("/nhiem-vu/{id}")).await.body.contains("Báo cáo tiến độ của đơn vị"));
    let before = store.table_counts().await.unwrap();

    // Without the CSRF token, or from another agency, nothing is stored.
    let fields = [("csrf", "sai"), ("percent", "100"), ("note", "Đã xong"), ("done", "1")];
    assert_eq!(
        agency.post_multipart(&format!("/nhiem-vu/{id}/bao-cao"), &fields, None).await.status,
        StatusCode::FORBIDDEN
    );
    let csrf = other.csrf().await;
    let fields = [("csrf", csrf.as_str()), ("percent", "100"), ("note", "Đã xong"), ("done", "1")];
    assert_eq!(
        other.post_multipart(&format!("/nhiem-vu/{id}/bao-cao"), &fields, None).await.status,
        StatusCode::FORBIDDEN
    );
    // A file type that is not evidence is refused.
    let csrf = agency.csrf().await;
    let fields = [("csrf", csrf.as_str()), ("percent", "100"), ("note", "Đã xong"), ("done", "1")];
    let refused = agency.post_multipart(&format!("/nhiem-vu/{id}/bao-cao"), &fields, Some(("virus.exe", b"MZ"))).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("chỉ nhận PDF"), "{}", refused.body);
    assert!(refused.body.contains(">Đã xong</textarea>"), "what the agency typed is kept");
    // A claim of completion below 100% is refused, the text kept.
    let fields = [("csrf", csrf.as_str()), ("percent", "80"), ("note", "Gần xong"), ("done", "1")];
    let refused = agency.post_multipart(&format!("/nhiem-vu/{id}/bao-cao"), &fields, None).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("100%") && refused.body.contains(">Gần xong</textarea>"), "{}", refused.body);
    assert_eq!(store.table_counts().await.unwrap(), before, "refused forms change nothing");

    // The agency reports 100% with evidence and claims completion.
    let fields = [
        ("csrf", csrf.as_str()),
        ("percent", "100"),
        ("note", "Đã ban hành kế hoạch triển khai"),
        ("evidence", "Quyết định số 123/QĐ-UBND"),
        ("done", "1"),
        ("done_on", "2021-12-20"),
    ];
    let pdf: &[u8] = b"%PDF-1.4 minh chung";
    let sent = agency.post_multipart(&format!("/nhiem-vu/{id}/bao-cao"), &fields, Some(("minh-chứng.pdf", pdf))).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(sent.location, format!("/nhiem-vu/{id}?tb=bao-cao"));
    let page = agency.get(&sent.location).await.body;
    assert!(page.contains("Đã ghi nhận báo cáo tiến độ."));
    assert!(page.contains("Chờ xác nhận"));
    let file_at = page.find("/minh-chung/").expect("the file is listed") + 12;
    let file_id: String = page[file_at..].chars().take_while(char::is_ascii_digit).collect();
    let file = leader.get(&format!("/minh-chung/{file_id}")).await;
    assert_eq!(file.bytes, pdf, "the evidence comes back byte for byte");

    // The agency cannot confirm its own claim; the monitor can.
    assert!(agency.get("/theo-doi").await.status == StatusCode::FORBIDDEN);
    let queue = monitor.get("/theo-doi").await.body;
    assert!(queue.contains("Sở Kế hoạch và Đầu tư"), "the claim waits in the queue");
    let csrf = monitor.csrf().await;
    let form =
        format!("csrf={csrf}&agency=S%E1%BB%9F+K%E1%BA%BF+ho%E1%BA%A1ch+v%C3%A0+%C4%90%E1%BA%A7u+t%C6%B0&back=queue");
    let done = monitor.post_form(&format!("/nhiem-vu/{id}/xac-nhan"), &form).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.location, "/theo-doi?tb=xac-nhan");

    // Today the task is done on time; the dashboard counts it; on the
    // plan's signing day it was still open.
    let page = leader.get(&format!("/nhiem-vu/{id}")).await.body;
    assert!(page.contains("badge st-done\">Hoàn thành đúng hạn"), "task page shows done on time");
    assert!(page.contains("Văn phòng theo dõi xác nhận hoàn thành"));
    assert!(tile(&leader.get("/").await.body, "Hoàn thành đúng hạn") >= 1);
    let past = leader.get(&format!("/nhiem-vu/{id}?as_of=2021-08-10")).await.body;
    assert!(!past.contains("badge st-done"), "on 10/08/2021 it was not done yet");

    // The urge is recorded in the history.
    let form = format!("csrf={csrf}&agency=&note=%C4%90%E1%BB%81+ngh%E1%BB%8B+b%C3%A1o+c%C3%A1o");
    assert_eq!(monitor.post_form(&format!("/nhiem-vu/{id}/don-doc"), &form).await.status, StatusCode::SEE_OTHER);
    assert!(leader.get(&format!("/nhiem-vu/{id}")).await.body.contains("Đôn đốc các cơ quan chủ trì"));
    assert_eq!(leader.post_form(&format!("/nhiem-vu/{id}/don-doc"), &form).await.status, StatusCode::FORBIDDEN);
}

async fn public_and_wrong_addresses(store: Store) {
    let app = router(AppState::new(store));
    let public = Client { app: app.clone(), cookie: String::new() };
    let dash = public.get("/").await;
    assert_eq!((dash.status, dash.location.as_str()), (StatusCode::SEE_OTHER, "/dang-nhap"));
    let leader = Client::sign_in(&app, "leader").await;
    assert_eq!(leader.get("/nhiem-vu/999999").await.status, StatusCode::NOT_FOUND);
    assert_eq!(leader.get("/nhiem-vu/abc").await.status, StatusCode::NOT_FOUND);
    let missing = leader.get("/khong-co-trang-nay").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains("Không tìm thấy"));
    let wrong = public
        .send(
            Request::post("/dang-nhap")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from("username=leader&password=sai-mat-khau"))
                .unwrap(),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.body.contains("Tên đăng nhập hoặc mật khẩu không đúng"));
}

#[tokio::test]
async fn sqlite_flow() {
    let dir = std::env::temp_dir().join(unique("theodoi-web"));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}", dir.join("web.db").display());
    report_confirm_and_see(seeded(&url).await).await;
    let url2 = format!("sqlite://{}", dir.join("web2.db").display());
    public_and_wrong_addresses(seeded(&url2).await).await;
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn postgres_flow() {
    use sqlx::Executor;
    sqlx::any::install_default_drivers();
    let admin =
        std::env::var("THEODOI_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let mut conn = match <sqlx::AnyConnection as sqlx::Connection>::connect(&admin).await {
        Ok(c) => c,
        Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => panic!("PostgreSQL is required under CI=true: {e}"),
        Err(e) => return eprintln!("skipping PostgreSQL: {e}"),
    };
    let name = unique("theodoi_web");
    conn.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).await.unwrap();
    let base = admin.rsplit_once('/').unwrap().0;
    let store = seeded(&format!("{base}/{name}")).await;
    report_confirm_and_see(store.clone()).await;
    store.close().await;
    conn.execute(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))).await.unwrap();
}
