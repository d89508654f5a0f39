//! Every route, for every role: the answer must be what
//! `theodoi_core::allowed` says — 401 (API) or a redirect to sign-in
//! (pages) for the public, 403 for a signed-in role that may not, success
//! for one that may. An agency is walked twice: on a task it leads and as
//! another agency on that same task. Every path of the OpenAPI document
//! must be in the walk, so a new API route cannot escape it.

mod support;

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use support::{enc, led_by, on_postgres, on_sqlite, Api, PASSWORD, PLAN, SKHDT};
use theodoi_core::{allowed, Action, Actor, UserRole};
use theodoi_store::{NewEvidenceFile, ProgressInput, Store};
use theodoi_web::{router, AppState};

/// The seed plan, uploaded for review by the import route.
const SEED: &str = include_str!("../../../examples/qd-2999-ubnd-thanh-hoa-2021.txt");

/// Ids the walk needs.
struct Fixture {
    task: i64,
    task_code: String,
    responsible: Vec<i64>,
    plan: i64,
    target: i64,
    file: i64,
    scratch_user: i64,
    /// An open import draft, made fresh for each route that needs one
    /// (discarding or committing uses it up).
    draft: i64,
    /// Both agencies walked: an agency's own workspace is "reporting for
    /// itself", allowed to any agency account and to nobody else.
    agencies: Vec<i64>,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Api,
    Page,
}

/// What a route sends.
enum Body {
    None,
    Json(Value),
    Form(String),
    Multipart(Vec<(&'static str, String)>),
    Text(&'static str),
}

struct Route {
    method: Method,
    /// The path as routed, `{id}` for the id.
    path: &'static str,
    kind: Kind,
    /// The id `{id}` stands for.
    id: fn(&Fixture) -> i64,
    action: fn(&Fixture) -> Action,
    body: fn(&Ctx) -> Body,
    /// Leaves a claim of completion pending first.
    needs_claim: bool,
    /// Makes a fresh import draft first.
    needs_draft: bool,
    /// Ends the session: success is the redirect to the sign-in page.
    signs_out: bool,
}

/// Who is asking and what their session's CSRF token is.
struct Ctx {
    csrf: String,
    n: usize,
}

fn task(f: &Fixture) -> i64 {
    f.task
}
fn no_id(_: &Fixture) -> i64 {
    0
}
fn read(_: &Fixture) -> Action {
    Action::ReadPlans
}
fn public(_: &Fixture) -> Action {
    Action::ReadPublished
}
fn decide(_: &Fixture) -> Action {
    Action::Decide
}
fn manage_users(_: &Fixture) -> Action {
    Action::ManageUsers
}
fn report(f: &Fixture) -> Action {
    Action::ReportProgress { responsible: f.responsible.clone() }
}
fn nothing(_: &Ctx) -> Body {
    Body::None
}
fn csrf_only(c: &Ctx) -> Body {
    Body::Form(format!("csrf={}", c.csrf))
}

fn route(method: Method, path: &'static str, kind: Kind, action: fn(&Fixture) -> Action) -> Route {
    Route {
        method,
        path,
        kind,
        id: no_id,
        action,
        body: nothing,
        needs_claim: false,
        needs_draft: false,
        signs_out: false,
    }
}

impl Route {
    fn id(self, id: fn(&Fixture) -> i64) -> Route {
        Route { id, ..self }
    }
    fn body(self, body: fn(&Ctx) -> Body) -> Route {
        Route { body, ..self }
    }
    fn claim(self) -> Route {
        Route { needs_claim: true, ..self }
    }
    /// Acts on a fresh import draft of the seed (committing it changes
    /// nothing: the same text was imported before).
    fn draft(self) -> Route {
        Route { needs_draft: true, id: |f| f.draft, ..self }
    }
    fn signs_out(self) -> Route {
        Route { signs_out: true, ..self }
    }
}

fn routes() -> Vec<Route> {
    use Kind::{Api as A, Page as P};
    use Method as M;
    vec![
        route(M::GET, "/api/v1/me", A, |_| Action::ReadOwnAccount),
        route(M::GET, "/api/v1/tasks", A, read),
        route(M::GET, "/api/v1/tasks/{id}", A, read).id(task),
        route(M::POST, "/api/v1/tasks/{id}/progress", A, report)
            .id(task)
            .body(|_| Body::Json(json!({"percent": 40, "evidence": ["1/BC-TEST"]}))),
        route(M::POST, "/api/v1/tasks/{id}/confirm", A, decide).id(task).body(|_| Body::Json(json!({}))).claim(),
        route(M::POST, "/api/v1/tasks/{id}/return", A, decide)
            .id(task)
            .body(|_| Body::Json(json!({"reason": "Chưa đủ minh chứng"})))
            .claim(),
        route(M::GET, "/api/v1/tasks/{id}/urges", A, read).id(task),
        route(M::POST, "/api/v1/tasks/{id}/urges", A, |_| Action::Urge)
            .id(task)
            .body(|_| Body::Json(json!({"note": "Đôn đốc"}))),
        route(M::GET, "/api/v1/claims", A, decide),
        route(M::GET, "/api/v1/summary", A, read),
        route(M::GET, "/api/v1/plans", A, read),
        route(M::GET, "/api/v1/plans/{id}", A, read).id(|f| f.plan),
        route(M::GET, "/api/v1/targets", A, read),
        route(M::POST, "/api/v1/targets", A, |_| Action::DefineTargets).body(|c| {
            Body::Json(json!({
                "plan": PLAN, "indicator": format!("Chỉ tiêu thêm {}", c.n), "comparator": ">=", "value": 90, "unit": "%", "year": 2025
            }))
        }),
        route(M::GET, "/api/v1/targets/{id}/values", A, read).id(|f| f.target),
        route(M::POST, "/api/v1/targets/{id}/values", A, |_| Action::EnterTargetValues)
            .id(|f| f.target)
            .body(|_| Body::Json(json!({"year": 2022, "value": 1.5, "source": "Cục Thống kê"}))),
        route(M::GET, "/api/v1/agencies", A, read),
        route(M::GET, "/api/v1/documents", A, read),
        route(M::GET, "/api/v1/audit", A, |_| Action::ReadAudit),
        route(M::GET, "/api/v1/users", A, manage_users),
        route(M::POST, "/api/v1/users", A, manage_users).body(|c| {
            Body::Json(json!({"username": format!("moi{}", c.n), "password": "mot-mat-khau-dai", "role": "leader"}))
        }),
        route(M::PATCH, "/api/v1/users/{id}", A, manage_users)
            .id(|f| f.scratch_user)
            .body(|c| Body::Json(json!({"display_name": format!("Tên {}", c.n)}))),
        route(M::POST, "/api/v1/users/{id}/tokens", A, manage_users)
            .id(|f| f.scratch_user)
            .body(|_| Body::Json(json!({}))),
        route(M::GET, "/api/v1/imports", A, |_| Action::Import),
        route(M::POST, "/api/v1/imports?name=ke-hoach.txt", A, |_| Action::Import).body(|_| Body::Text(SEED)),
        route(M::GET, "/api/v1/imports/{id}", A, |_| Action::Import).draft(),
        route(M::PATCH, "/api/v1/imports/{id}", A, |_| Action::Import).draft().body(|c| {
            Body::Json(json!({"plan_title": format!("Kế hoạch thử {}", c.n), "tasks": [{"id": "1", "product": "Báo cáo"}]}))
        }),
        route(M::POST, "/api/v1/imports/{id}/commit", A, |_| Action::Import).draft(),
        route(M::DELETE, "/api/v1/imports/{id}", A, |_| Action::Import).draft(),
        route(M::GET, "/api/v1/openapi.json", A, public),
        route(M::GET, "/api/docs", P, public),
        // Pages.
        route(M::GET, "/dang-nhap", P, public),
        route(M::GET, "/", P, read),
        route(M::GET, "/tai-khoan", P, |_| Action::ChangeOwnPassword),
        route(M::POST, "/tai-khoan/mat-khau", P, |_| Action::ChangeOwnPassword)
            .body(|c| Body::Form(format!("csrf={}&current={PASSWORD}&new={PASSWORD}&repeat={PASSWORD}", c.csrf))),
        route(M::GET, "/co-quan", P, |f| Action::ReportProgress { responsible: f.agencies.clone() }),
        route(M::GET, "/ke-hoach", P, read),
        route(M::GET, "/ke-hoach/{id}", P, read).id(|f| f.plan),
        route(M::GET, "/nhiem-vu", P, read),
        route(M::GET, "/nhiem-vu/{id}", P, read).id(task),
        route(M::POST, "/nhiem-vu/{id}/bao-cao", P, report).id(task).body(|c| {
            Body::Multipart(vec![("csrf", c.csrf.clone()), ("percent", "30".into()), ("note", "Đang làm".into())])
        }),
        route(M::GET, "/minh-chung/{id}", P, read).id(|f| f.file),
        route(M::GET, "/theo-doi", P, decide),
        route(M::POST, "/nhiem-vu/{id}/xac-nhan", P, decide).id(task).body(csrf_only).claim(),
        route(M::POST, "/nhiem-vu/{id}/tra-lai", P, decide)
            .id(task)
            .body(|c| Body::Form(format!("csrf={}&reason=Thi%E1%BA%BFu", c.csrf)))
            .claim(),
        route(M::POST, "/nhiem-vu/{id}/don-doc", P, |_| Action::Urge).id(task).body(csrf_only),
        route(M::GET, "/tim-kiem?q=so+ke+hoach", P, read),
        route(M::GET, "/chi-tieu", P, read),
        route(M::GET, "/chi-tieu/{id}", P, read).id(|f| f.target),
        route(M::GET, "/ke-hoach/tai-ve/ke-hoach.xlsx?plan=2999%2FQ%C4%90-UBND&as_of=2021-12-31", P, read),
        route(M::GET, "/nhap-van-ban", P, |_| Action::Import),
        route(M::GET, "/quan-tri", P, |_| Action::ManageAgencies),
        route(M::GET, "/quan-tri/nhat-ky", P, manage_users),
        route(M::GET, "/cong-khai", P, public),
        route(M::GET, "/assets/app.css", P, public),
        // Signing out ends the session: walked last.
        route(M::POST, "/dang-xuat", P, |_| Action::ReadOwnAccount).body(csrf_only).signs_out(),
    ]
}

async fn fixture(store: &Store, leader: &Api) -> Fixture {
    let theirs = led_by(leader, "Sở Tài chính").await;
    let task = led_by(leader, SKHDT).await.into_iter().find(|id| !theirs.contains(id)).expect("a task of SKHĐT alone");
    let view = store.task(task, chrono::Local::now().date_naive()).await.unwrap();
    let plan = leader.get("/api/v1/plans").await.json["items"][0]["id"].as_i64().unwrap();
    let target =
        leader.get(&format!("/api/v1/targets?plan={}", enc(PLAN))).await.json["items"][0]["id"].as_i64().unwrap();
    let file = NewEvidenceFile {
        file_name: "bao-cao.txt".into(),
        content_type: "text/plain; charset=utf-8".into(),
        sha256: "0".repeat(64),
        data: b"minh chung".to_vec(),
    };
    store.record_progress_with_files(&progress(&view.task, false), &[file], "skhdt").await.unwrap();
    let file = store.task_reports(task).await.unwrap()[0].files[0].id;
    let scratch = store
        .create_user(
            &theodoi_store::NewUser {
                username: "tamthoi".into(),
                role: UserRole::Leader,
                agency: None,
                password_hash: "x".into(),
                email: None,
                display_name: None,
            },
            "test",
        )
        .await
        .unwrap();
    Fixture {
        task,
        task_code: view.task,
        responsible: store.responsible_agencies(task).await.unwrap(),
        plan,
        target,
        file,
        scratch_user: scratch.id,
        draft: 0,
        agencies: Vec::new(),
    }
}

fn progress(code: &str, done: bool) -> ProgressInput {
    ProgressInput {
        plan: PLAN.into(),
        task: code.into(),
        agency: SKHDT.into(),
        percent: if done { 100 } else { 20 },
        done,
        done_on: None,
        note: None,
        difficulties: None,
        evidence: None,
        period: None,
        on: chrono::Local::now().date_naive(),
        expected_version: None,
    }
}

/// An open draft of the seed plan, as an upload makes it.
async fn fresh_draft(store: &Store) -> i64 {
    let doc = theodoi_parser::parse_str(SEED, &theodoi_parser::Options::default()).unwrap();
    store.create_draft("ke-hoach.txt", SEED, &doc, "test").await.unwrap()
}

/// Leaves exactly one claim pending on the fixture's task.
async fn ensure_claim(store: &Store, f: &Fixture) {
    let pending = store.task_reports(f.task).await.unwrap().iter().any(|r| r.claims_done && r.decision.is_none());
    if !pending {
        store.record_progress(&progress(&f.task_code, true), "skhdt").await.unwrap();
    }
}

/// The roles walked: a label, the account (none for the public) and the
/// actor `allowed` judges.
fn roles(store_agency: i64, other_agency: i64) -> Vec<(&'static str, Option<&'static str>, Actor)> {
    vec![
        ("anonymous", None, Actor::PUBLIC),
        ("admin", Some("admin"), Actor { role: UserRole::Admin, agency_id: None }),
        ("monitor", Some("monitor"), Actor { role: UserRole::Monitor, agency_id: None }),
        ("leader", Some("leader"), Actor { role: UserRole::Leader, agency_id: None }),
        ("agency, own task", Some("skhdt"), Actor { role: UserRole::Agency, agency_id: Some(store_agency) }),
        ("agency, other's task", Some("sotc"), Actor { role: UserRole::Agency, agency_id: Some(other_agency) }),
    ]
}

async fn send(client: &Api, method: Method, path: &str, body: Body) -> support::Answer {
    match body {
        Body::None => client.raw(method, path, None, Vec::new()).await,
        Body::Json(v) => client.send(method, path, &v).await,
        Body::Text(t) => client.raw(method, path, Some("text/plain; charset=utf-8"), t.as_bytes().to_vec()).await,
        Body::Form(f) => client.raw(method, path, Some("application/x-www-form-urlencoded"), f.into_bytes()).await,
        Body::Multipart(fields) => {
            let boundary = "theodoi-permissions";
            let mut body = String::new();
            for (name, value) in fields {
                body.push_str(&format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                ));
            }
            body.push_str(&format!("--{boundary}--\r\n"));
            let ct = format!("multipart/form-data; boundary={boundary}");
            client.raw(method, path, Some(&ct), body.into_bytes()).await
        }
    }
}

/// Whether the answer is what the rule says.
fn as_ruled(r: &Route, anonymous: bool, may: bool, a: &support::Answer) -> bool {
    let to_sign_in = a.status == StatusCode::SEE_OTHER && a.location.starts_with("/dang-nhap");
    let (kind, method) = (r.kind, &r.method);
    if r.signs_out && may {
        return to_sign_in;
    }
    match (kind, may, anonymous) {
        (Kind::Api, true, _) => a.status.is_success(),
        (Kind::Api, false, true) => a.status == StatusCode::UNAUTHORIZED,
        (Kind::Api, false, false) => a.status == StatusCode::FORBIDDEN,
        (Kind::Page, true, _) => a.status.is_success() || (a.status.is_redirection() && !to_sign_in),
        // A form posted without a session fails its CSRF check first.
        (Kind::Page, false, true) => to_sign_in || (*method == Method::POST && a.status == StatusCode::FORBIDDEN),
        (Kind::Page, false, false) => a.status == StatusCode::FORBIDDEN,
    }
}

async fn csrf_of(client: &Api) -> String {
    let page = client.get("/tai-khoan").await.body;
    page.find("name=\"csrf\" value=\"").map(|at| page[at + 19..at + 51].to_string()).unwrap_or_default()
}

async fn walk(store: Store, _tokens: Vec<(String, String)>) {
    let app = router(AppState::new(store.clone()));
    let leader = Api::signed_in(&app, "leader").await;
    let mut f = fixture(&store, &leader).await;
    let me = |name: &'static str| {
        let app = app.clone();
        async move { Api::signed_in(&app, name).await.get("/api/v1/me").await.json["user"]["agency_id"].as_i64().unwrap() }
    };
    let (own, other) = (me("skhdt").await, me("sotc").await);
    assert!(f.responsible.contains(&own) && !f.responsible.contains(&other));
    f.agencies = vec![own, other];
    let mut checked = 0;
    let mut wrong = Vec::new();
    for (n, (label, account, actor)) in roles(own, other).into_iter().enumerate() {
        let mut client = match account {
            Some(name) => Api::signed_in(&app, name).await,
            None => Api::public(&app),
        };
        for (i, r) in routes().iter().enumerate() {
            if r.needs_claim {
                ensure_claim(&store, &f).await;
            }
            if r.needs_draft {
                f.draft = fresh_draft(&store).await;
            }
            let ctx = Ctx { csrf: csrf_of(&client).await, n: n * 100 + i };
            let path = r.path.replace("{id}", &(r.id)(&f).to_string());
            let may = allowed(actor, &(r.action)(&f));
            let answer = send(&client, r.method.clone(), &path, (r.body)(&ctx)).await;
            if !as_ruled(r, account.is_none(), may, &answer) {
                wrong
                    .push(format!("{label}: {} {path} → {} (allowed: {may}) {}", r.method, answer.status, answer.body));
            }
            // Changing the password starts a new session.
            if let (Some(cookie), true) = (&answer.set_cookie, account.is_some() && r.path == "/tai-khoan/mat-khau") {
                client.cookie = cookie.clone();
            }
            checked += 1;
        }
    }
    assert!(wrong.is_empty(), "answers that differ from the rule:\n{}", wrong.join("\n"));
    assert_eq!(checked, 6 * routes().len());
}

#[test]
fn every_api_path_is_walked() {
    let walked: Vec<String> =
        routes().iter().map(|r| format!("{} {}", r.method, r.path.split('?').next().unwrap_or(r.path))).collect();
    let doc = theodoi_web::openapi::document();
    let mut missing = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            let key = format!("{} /api/v1{path}", method.to_uppercase());
            if !walked.contains(&key) {
                missing.push(key);
            }
        }
    }
    assert!(missing.is_empty(), "OpenAPI operations the permission walk misses: {missing:?}");
    let documented = doc["paths"].as_object().unwrap().values().map(|i| i.as_object().unwrap().len()).sum::<usize>();
    let api_walked = routes().iter().filter(|r| r.kind == Kind::Api).count();
    assert_eq!(api_walked, documented, "every API route walked is documented");
}

#[tokio::test]
async fn sqlite_permissions() {
    on_sqlite(walk).await;
}

#[tokio::test]
async fn postgres_permissions() {
    on_postgres(walk).await;
}
