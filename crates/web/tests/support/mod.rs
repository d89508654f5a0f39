//! What the API tests share: a store holding the seed plan with one
//! account (and one API token) per role, on SQLite or PostgreSQL, and a
//! client that sends JSON through the real router.

#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::Value;
use theodoi_core::UserRole;
use theodoi_store::{NewUser, Store};
use theodoi_web::auth::{password, secret};
use tower::ServiceExt;

pub const SEED: &str = include_str!("../../../../examples/qd-2999-ubnd-thanh-hoa-2021.txt");
pub const PLAN: &str = "2999/QĐ-UBND";
pub const PASSWORD: &str = "mat-khau-thu-nghiem";
pub const SKHDT: &str = "Sở Kế hoạch và Đầu tư";

static COUNTER: AtomicUsize = AtomicUsize::new(0);

pub fn unique(prefix: &str) -> String {
    format!("{prefix}_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::SeqCst))
}

/// The accounts every seeded store has: username, role, agency.
pub const ACCOUNTS: &[(&str, UserRole, Option<&str>)] = &[
    ("admin", UserRole::Admin, None),
    ("monitor", UserRole::Monitor, None),
    ("leader", UserRole::Leader, None),
    ("skhdt", UserRole::Agency, Some(SKHDT)),
    ("sotc", UserRole::Agency, Some("Sở Tài chính")),
];

/// A store with the seed plan and the accounts, and the API token of each
/// account by username.
pub async fn seeded(url: &str) -> (Store, Vec<(String, String)>) {
    let store = Store::open(url).await.unwrap();
    let doc = theodoi_parser::parse_str(SEED, &theodoi_parser::Options::default()).unwrap();
    store.import(&doc, SEED, "test").await.unwrap();
    let hash = password::hash_now(PASSWORD).unwrap();
    let mut tokens = Vec::new();
    for (name, role, agency) in ACCOUNTS {
        let new = NewUser {
            username: (*name).into(),
            role: *role,
            agency: agency.map(Into::into),
            password_hash: hash.clone(),
            email: None,
            display_name: None,
        };
        let user = store.create_user(&new, "test").await.unwrap();
        let token = format!("tdk_{}", secret::random_hex(24));
        store.create_token(user.id, &secret::digest(&token), Some("test"), "test").await.unwrap();
        tokens.push(((*name).to_string(), token));
    }
    (store, tokens)
}

/// Runs `check` on a fresh SQLite file.
pub async fn on_sqlite<F, Fut>(check: F)
where
    F: FnOnce(Store, Vec<(String, String)>) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let dir = std::env::temp_dir().join(unique("theodoi-api"));
    std::fs::create_dir_all(&dir).unwrap();
    let (store, tokens) = seeded(&format!("sqlite://{}", dir.join("api.db").display())).await;
    check(store.clone(), tokens).await;
    store.close().await;
    std::fs::remove_dir_all(&dir).ok();
}

/// Runs `check` on a fresh PostgreSQL database (skipped when none is
/// reachable, except under CI=true).
pub async fn on_postgres<F, Fut>(check: F)
where
    F: FnOnce(Store, Vec<(String, String)>) -> Fut,
    Fut: std::future::Future<Output = ()>,
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
    let name = unique("theodoi_api");
    conn.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).await.unwrap();
    let base = admin.rsplit_once('/').unwrap().0;
    let (store, tokens) = seeded(&format!("{base}/{name}")).await;
    check(store.clone(), tokens).await;
    store.close().await;
    conn.execute(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))).await.unwrap();
}

/// One answer: status and body, parsed as JSON when it is.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    /// `Location`, for redirects.
    pub location: String,
    /// The cookie a `Set-Cookie` header sets (`name=value`), if any.
    pub set_cookie: Option<String>,
    pub body: String,
    pub json: Value,
}

/// Talks to the router as one account (or nobody).
#[derive(Clone)]
pub struct Api {
    pub app: Router,
    /// `Authorization` header value, or empty for the public.
    pub auth: String,
    /// `Cookie` header value, or empty.
    pub cookie: String,
}

impl Api {
    pub fn as_token(app: &Router, token: &str) -> Api {
        Api { app: app.clone(), auth: format!("Bearer {token}"), cookie: String::new() }
    }

    pub fn public(app: &Router) -> Api {
        Api { app: app.clone(), auth: String::new(), cookie: String::new() }
    }

    /// Signs in through the page and keeps the session cookie.
    pub async fn signed_in(app: &Router, username: &str) -> Api {
        let req = Request::post("/dang-nhap")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("username={username}&password={PASSWORD}")))
            .unwrap();
        let res = app.clone().oneshot(req).await.unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{username} signs in");
        let cookie = res.headers()[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_string();
        Api { app: app.clone(), auth: String::new(), cookie }
    }

    /// Sends a request with a raw body and content type.
    pub async fn raw(&self, method: Method, path: &str, content_type: Option<&str>, body: Vec<u8>) -> Answer {
        let mut req = Request::builder().method(method).uri(path);
        if !self.auth.is_empty() {
            req = req.header(header::AUTHORIZATION, &self.auth);
        }
        if !self.cookie.is_empty() {
            req = req.header(header::COOKIE, &self.cookie);
        }
        if let Some(ct) = content_type {
            req = req.header(header::CONTENT_TYPE, ct);
        }
        let res = self.app.clone().oneshot(req.body(Body::from(body)).unwrap()).await.unwrap();
        let status = res.status();
        let header_text =
            |name| res.headers().get(name).and_then(|v: &axum::http::HeaderValue| v.to_str().ok()).map(str::to_string);
        let location = header_text(header::LOCATION).unwrap_or_default();
        let set_cookie = header_text(header::SET_COOKIE).map(|c| c.split(';').next().unwrap_or_default().to_string());
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        let body = String::from_utf8_lossy(&bytes).into_owned();
        let json = serde_json::from_str(&body).unwrap_or(Value::Null);
        Answer { status, location, set_cookie, body, json }
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.raw(Method::GET, path, None, Vec::new()).await
    }

    pub async fn send(&self, method: Method, path: &str, body: &Value) -> Answer {
        self.raw(method, path, Some("application/json"), body.to_string().into_bytes()).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Answer {
        self.send(Method::POST, path, body).await
    }
}

/// The token of `username` among the seeded ones.
pub fn token<'a>(tokens: &'a [(String, String)], username: &str) -> &'a str {
    &tokens.iter().find(|(u, _)| u == username).unwrap().1
}

/// Percent-encodes a query value.
pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Ids of the seed plan's tasks that `agency` leads, in list order.
pub async fn led_by(api: &Api, agency: &str) -> Vec<i64> {
    let page = api.get(&format!("/api/v1/tasks?plan={}&agency={}&role=lead&limit=500", enc(PLAN), enc(agency))).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.json["items"].as_array().unwrap().iter().map(|t| t["id"].as_i64().unwrap()).collect()
}
