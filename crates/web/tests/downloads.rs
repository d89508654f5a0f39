//! The download links on a plan's page, through the real router on a real
//! SQLite file: the report as DOCX, PDF and XLSX and the plan as XLSX, for
//! the day the page shows; an unknown file or plan is the not-found page,
//! and a visitor who is not signed in is sent to sign in.

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
const PLAN_Q: &str = "2999%2FQ%C4%90-UBND";

async fn app() -> (Router, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("theodoi-downloads-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let store = Store::open(&format!("sqlite://{}", dir.join("t.db").display())).await.unwrap();
    let doc = theodoi_parser::parse_str(SEED, &theodoi_parser::Options::default()).unwrap();
    store.import(&doc, SEED, "test").await.unwrap();
    let new = NewUser {
        username: "monitor".into(),
        role: UserRole::Monitor,
        agency: None,
        password_hash: password::hash_now(PASSWORD).unwrap(),
        email: None,
        display_name: None,
    };
    store.create_user(&new, "test").await.unwrap();
    (router(AppState::new(store)), dir)
}

async fn get(app: &Router, path: &str, cookie: Option<&str>) -> (StatusCode, Vec<(String, String)>, Vec<u8>) {
    let mut req = Request::get(path);
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let res = app.clone().oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
    let status = res.status();
    let headers = res.headers().iter().map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string())).collect();
    (status, headers, res.into_body().collect().await.unwrap().to_bytes().to_vec())
}

async fn sign_in(app: &Router) -> String {
    let req = Request::post("/dang-nhap")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!("username=monitor&password={PASSWORD}")))
        .unwrap();
    let res = app.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    res.headers()[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_string()
}

fn header_of<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
}

#[tokio::test]
async fn a_plan_page_offers_its_papers_for_the_day_shown() {
    let (app, dir) = app().await;
    let cookie = sign_in(&app).await;
    let (status, _, page) = get(&app, "/ke-hoach/1?as_of=2021-12-31", Some(&cookie)).await;
    assert_eq!(status, StatusCode::OK);
    let page = String::from_utf8(page).unwrap();
    let link = format!("/ke-hoach/tai-ve/bao-cao.docx?plan={PLAN_Q}&amp;as_of=2021-12-31");
    assert!(page.contains(&link), "the plan page links the report");

    for (file, kind, magic) in [
        ("bao-cao.docx", "wordprocessingml", &b"PK"[..]),
        ("bao-cao.pdf", "application/pdf", &b"%PDF-"[..]),
        ("bao-cao.xlsx", "spreadsheetml", &b"PK"[..]),
        ("ke-hoach.xlsx", "spreadsheetml", &b"PK"[..]),
    ] {
        if file.ends_with(".pdf")
            && !std::path::Path::new("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf").exists()
        {
            assert!(!std::env::var("CI").is_ok_and(|v| v == "true"), "Liberation Serif is required under CI=true");
            eprintln!("skipping the PDF download: Liberation Serif is not installed");
            continue;
        }
        let path = format!("/ke-hoach/tai-ve/{file}?plan={PLAN_Q}&as_of=2021-12-31");
        let (status, headers, body) = get(&app, &path, Some(&cookie)).await;
        assert_eq!(status, StatusCode::OK, "{file}: {}", String::from_utf8_lossy(&body));
        assert!(header_of(&headers, "content-type").contains(kind), "{file}: {headers:?}");
        let disposition = header_of(&headers, "content-disposition");
        assert!(
            disposition.starts_with("attachment;") && disposition.contains("2999-qd-ubnd-20211231"),
            "{disposition}"
        );
        assert!(body.starts_with(magic), "{file}");
    }
    let (status, _, _) = get(&app, &format!("/ke-hoach/tai-ve/khac.docx?plan={PLAN_Q}"), Some(&cookie)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = get(&app, "/ke-hoach/tai-ve/bao-cao.docx?plan=1%2FKH", Some(&cookie)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, headers, _) = get(&app, &format!("/ke-hoach/tai-ve/bao-cao.docx?plan={PLAN_Q}"), None).await;
    assert!(status.is_redirection() && header_of(&headers, "location") == "/dang-nhap", "{status}");
    std::fs::remove_dir_all(dir).ok();
}
