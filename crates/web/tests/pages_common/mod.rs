//! What the page tests share: a store holding the seed plan and one account
//! per role, a client that signs in and posts forms through the real
//! router, and a runner that gives each test a fresh SQLite file and a
//! fresh PostgreSQL database (skipped when PostgreSQL is absent, except
//! under CI=true).

#![allow(dead_code)]

use std::future::Future;
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

pub const SEED: &str = include_str!("../../../../examples/qd-2999-ubnd-thanh-hoa-2021.txt");
pub const PASSWORD: &str = "mat-khau-thu-nghiem";

static COUNTER: AtomicUsize = AtomicUsize::new(0);

pub fn unique(prefix: &str) -> String {
    format!("{prefix}_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::SeqCst))
}

/// Creates one account per role on `store`.
pub async fn accounts(store: &Store) {
    let hash = password::hash_now(PASSWORD).unwrap();
    for (name, role, agency) in [
        ("admin", UserRole::Admin, None),
        ("monitor", UserRole::Monitor, None),
        ("leader", UserRole::Leader, None),
        ("skhdt", UserRole::Agency, Some("Sở Kế hoạch và Đầu tư")),
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
}

/// A store holding the seed plan and one account per role.
pub async fn seeded(url: &str) -> Store {
    let store = Store::open(url).await.unwrap();
    let doc = theodoi_parser::parse_str(SEED, &theodoi_parser::Options::default()).unwrap();
    store.import(&doc, SEED, "test").await.unwrap();
    accounts(&store).await;
    store
}

/// Runs `test` on a seeded SQLite file, then on a seeded PostgreSQL database.
pub async fn on_both<F, Fut>(name: &str, test: F)
where
    F: Fn(Store) -> Fut,
    Fut: Future<Output = ()>,
{
    let dir = std::env::temp_dir().join(unique(&format!("theodoi-{name}")));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}", dir.join("web.db").display());
    test(seeded(&url).await).await;
    std::fs::remove_dir_all(&dir).ok();
    on_postgres(name, test).await;
}

async fn on_postgres<F, Fut>(name: &str, test: F)
where
    F: Fn(Store) -> Fut,
    Fut: Future<Output = ()>,
{
    use sqlx::Executor;
    sqlx::any::install_default_drivers();
    let admin =
        std::env::var("THEODOI_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let mut conn = match <sqlx::AnyConnection as sqlx::Connection>::connect(&admin).await {
        Ok(c) => c,
        Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => panic!("PostgreSQL is required under CI=true: {e}"),
        Err(e) => return eprintln!("skipping PostgreSQL: {e}"),
    };
    let db = unique(&format!("theodoi_{name}"));
    conn.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {db}"))).await.unwrap();
    let base = admin.rsplit_once('/').unwrap().0;
    let store = seeded(&format!("{base}/{db}")).await;
    test(store.clone()).await;
    store.close().await;
    conn.execute(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"))).await.unwrap();
}

pub fn app(store: &Store) -> Router {
    router(AppState::new(store.clone()))
}

pub struct Client {
    pub app: Router,
    pub cookie: String,
}

pub struct Answer {
    pub status: StatusCode,
    pub location: String,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("JSON expected ({e}): {}", self.body))
    }
}

impl Client {
    /// Nobody signed in.
    pub fn public(app: &Router) -> Client {
        Client { app: app.clone(), cookie: String::new() }
    }

    pub async fn sign_in(app: &Router, username: &str) -> Client {
        let req = Request::post("/dang-nhap")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("username={username}&password={PASSWORD}")))
            .unwrap();
        let res = app.clone().oneshot(req).await.unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{username} signs in");
        let cookie = res.headers()[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_string();
        Client { app: app.clone(), cookie }
    }

    pub async fn send(&self, mut req: Request<Body>) -> Answer {
        if !self.cookie.is_empty() {
            req.headers_mut().insert(header::COOKIE, self.cookie.parse().unwrap());
        }
        let res = self.app.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let location = res.headers().get(header::LOCATION).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
        let bytes = res.into_body().collect().await.unwrap().to_bytes().to_vec();
        Answer { status, location, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.send(Request::get(path).body(Body::empty()).unwrap()).await
    }

    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Answer {
        let req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(form(fields)))
            .unwrap();
        self.send(req).await
    }

    pub async fn send_json(&self, method: &str, path: &str, body: &serde_json::Value) -> Answer {
        let req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap();
        self.send(req).await
    }

    /// Posts one file (field `file`) and the CSRF token as a multipart form.
    pub async fn post_file(&self, path: &str, csrf: &str, file_name: &str, data: &[u8]) -> Answer {
        let boundary = "theodoi-test-boundary";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .into_bytes();
        body.extend_from_slice(data);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let req = Request::post(path)
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    /// The CSRF token a page's forms carry.
    pub async fn csrf(&self) -> String {
        let page = self.get("/tai-khoan").await.body;
        let at = page.find("name=\"csrf\" value=\"").expect("a form with a CSRF token") + 19;
        page[at..at + 32].to_string()
    }
}

/// Percent-encodes form fields.
pub fn form(fields: &[(&str, &str)]) -> String {
    fields.iter().map(|(k, v)| format!("{}={}", enc(k), enc(v))).collect::<Vec<_>>().join("&")
}

pub fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
