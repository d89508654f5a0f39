//! The JSON API through the real router, on SQLite and PostgreSQL: an
//! agency reports with evidence and claims completion, the monitor
//! confirms or returns with a reason, urges are recorded, target values are
//! entered by id, admins manage accounts and tokens; and bad input gets a
//! Vietnamese `{code, message}` and changes nothing.

mod support;

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use support::{enc, led_by, on_postgres, on_sqlite, token, Api, PLAN, SKHDT};
use theodoi_store::Store;
use theodoi_web::{router, AppState};

struct Clients {
    admin: Api,
    monitor: Api,
    leader: Api,
    agency: Api,
    other: Api,
    public: Api,
}

fn clients(store: &Store, tokens: &[(String, String)]) -> Clients {
    let app = router(AppState::new(store.clone()));
    Clients {
        admin: Api::as_token(&app, token(tokens, "admin")),
        monitor: Api::as_token(&app, token(tokens, "monitor")),
        leader: Api::as_token(&app, token(tokens, "leader")),
        agency: Api::as_token(&app, token(tokens, "skhdt")),
        other: Api::as_token(&app, token(tokens, "sotc")),
        public: Api::public(&app),
    }
}

/// Tasks the agency leads and Sở Tài chính does not.
async fn own_tasks(c: &Clients) -> Vec<i64> {
    let theirs = led_by(&c.leader, "Sở Tài chính").await;
    led_by(&c.leader, SKHDT).await.into_iter().filter(|id| !theirs.contains(id)).collect()
}

async fn report_confirm_return_urge(store: Store, tokens: Vec<(String, String)>) {
    let c = clients(&store, &tokens);
    let own = own_tasks(&c).await;
    assert!(own.len() >= 2, "the agency leads tasks of its own: {own:?}");
    let (first, second) = (own[0], own[1]);

    // A report with evidence and a claim of completion.
    let report = json!({"percent": 100, "note": "Đã ban hành kế hoạch", "evidence": ["123/BC-SKHĐT", " 45/QĐ-UBND "], "done": true});
    assert_eq!(c.other.post(&format!("/api/v1/tasks/{first}/progress"), &report).await.status, StatusCode::FORBIDDEN);
    assert_eq!(c.leader.post(&format!("/api/v1/tasks/{first}/progress"), &report).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        c.public.post(&format!("/api/v1/tasks/{first}/progress"), &report).await.status,
        StatusCode::UNAUTHORIZED
    );
    let made = c.agency.post(&format!("/api/v1/tasks/{first}/progress"), &report).await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    assert_eq!(made.json["report"]["evidence"], "123/BC-SKHĐT; 45/QĐ-UBND");
    assert_eq!(made.json["report"]["submitted_by"], "skhdt");
    assert_eq!(made.json["task"]["status"], "awaiting_confirmation");

    // The claim waits in the monitor's queue; an agency cannot decide it.
    let claims = c.monitor.get("/api/v1/claims").await;
    assert_eq!(claims.status, StatusCode::OK);
    assert!(claims.json["items"].as_array().unwrap().iter().any(|cl| cl["report"]["task_id"] == first));
    assert_eq!(
        c.agency.post(&format!("/api/v1/tasks/{first}/confirm"), &json!({})).await.status,
        StatusCode::FORBIDDEN
    );

    // Confirmed (with no body at all): the task is done.
    let confirmed = c.monitor.raw(Method::POST, &format!("/api/v1/tasks/{first}/confirm"), None, Vec::new()).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    let status = confirmed.json["status"].as_str().unwrap();
    assert!(status == "done_on_time" || status == "done_late", "{status}");
    let detail = c.leader.get(&format!("/api/v1/tasks/{first}")).await;
    assert_eq!(detail.status, StatusCode::OK);
    assert_eq!(detail.json["reports"][0]["decision"], "confirmed");
    assert_eq!(detail.json["reports"][0]["decided_by"], "monitor");
    let lines = detail.json["source"]["lines"].as_array().unwrap();
    assert!(lines.iter().any(|l| l["marked"] == true), "the task's source lines are marked");
    assert!(detail.json["source"]["agencies"].as_array().unwrap().iter().any(|a| a["agency"] == SKHDT));
    // A second confirmation finds no pending claim.
    assert_eq!(
        c.monitor.post(&format!("/api/v1/tasks/{first}/confirm"), &json!({})).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );

    // Returned: the reason is required, and then recorded.
    let claim = json!({"percent": 100, "done": true, "evidence": ["9/BC-SKHĐT"]});
    assert_eq!(c.agency.post(&format!("/api/v1/tasks/{second}/progress"), &claim).await.status, StatusCode::CREATED);
    let mark = store.change_mark().await.unwrap();
    let blank = c.monitor.post(&format!("/api/v1/tasks/{second}/return"), &json!({"reason": "  "})).await;
    assert_eq!(blank.status, StatusCode::BAD_REQUEST);
    assert!(blank.json["message"].as_str().unwrap().contains("lý do"));
    assert_eq!(store.change_mark().await.unwrap(), mark, "a refused return changes nothing");
    let back =
        c.monitor.post(&format!("/api/v1/tasks/{second}/return"), &json!({"reason": "Thiếu văn bản minh chứng"})).await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
    assert_ne!(back.json["status"], "awaiting_confirmation");
    let detail = c.leader.get(&format!("/api/v1/tasks/{second}")).await;
    let last = detail.json["reports"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["decision"].as_str(), last["decision_reason"].as_str()),
        (Some("returned"), Some("Thiếu văn bản minh chứng"))
    );

    // Urges.
    let urge = json!({"agency": SKHDT, "note": "Đề nghị báo cáo trước 15/01", "channel": "letter"});
    assert_eq!(c.leader.post(&format!("/api/v1/tasks/{second}/urges"), &urge).await.status, StatusCode::FORBIDDEN);
    let made = c.monitor.post(&format!("/api/v1/tasks/{second}/urges"), &urge).await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    assert_eq!((made.json["channel"].as_str(), made.json["agency"].as_str()), (Some("letter"), Some(SKHDT)));
    let urges = c.agency.get(&format!("/api/v1/tasks/{second}/urges")).await;
    assert_eq!(urges.json.as_array().unwrap().len(), 1);
    assert_eq!(c.monitor.post("/api/v1/tasks/999999/urges", &json!({})).await.status, StatusCode::NOT_FOUND);

    // Every write left its audit entry, which the office can filter.
    let audit = c.monitor.get(&format!("/api/v1/audit?entity=task&entity_id={first}")).await;
    let actions: Vec<&str> =
        audit.json["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["task.confirm", "task.progress"]);
    assert_eq!(c.leader.get("/api/v1/audit").await.status, StatusCode::FORBIDDEN);
}

async fn plans_targets_and_registries(store: Store, tokens: Vec<(String, String)>) {
    let c = clients(&store, &tokens);
    let plans = c.leader.get("/api/v1/plans").await;
    assert_eq!(plans.json["total"], 1);
    let plan_id = plans.json["items"][0]["id"].as_i64().unwrap();
    assert!(plans.json["items"][0]["tasks"].as_u64().unwrap() >= 50);
    let plan = c.leader.get(&format!("/api/v1/plans/{plan_id}?as_of=2021-12-31")).await;
    assert_eq!(plan.status, StatusCode::OK);
    assert_eq!(plan.json["number"], PLAN);
    assert!(!plan.json["groups"].as_array().unwrap().is_empty());
    assert!(!plan.json["parents"].as_array().unwrap().is_empty(), "the plan cites the resolutions it implements");
    assert!(!plan.json["targets"].as_array().unwrap().is_empty());

    let summary = c.leader.get(&format!("/api/v1/summary?plan={}&as_of=2021-12-31", enc(PLAN))).await;
    let all = c.leader.get(&format!("/api/v1/tasks?plan={}&as_of=2021-12-31&limit=1", enc(PLAN))).await;
    assert_eq!(summary.json["total"], all.json["total"]);
    assert_eq!(summary.json["by_status"]["overdue"], 16);
    assert_eq!(c.leader.get("/api/v1/summary?plan=1%2FKH-KHONGCO").await.status, StatusCode::NOT_FOUND);
    let overdue =
        c.leader.get(&format!("/api/v1/tasks?plan={}&status=overdue&as_of=2021-12-31&limit=5", enc(PLAN))).await;
    assert_eq!((overdue.json["total"].as_u64(), overdue.json["items"].as_array().unwrap().len()), (Some(16), 5));

    // Target values go by id.
    let targets = c.leader.get(&format!("/api/v1/targets?plan={}&limit=500", enc(PLAN))).await;
    let total = targets.json["total"].as_u64().unwrap();
    assert!(total > 1);
    let id = targets.json["items"][0]["id"].as_i64().unwrap();
    let value = json!({"year": 2021, "value": 7.5, "source": "Niên giám thống kê 2021"});
    assert_eq!(c.leader.post(&format!("/api/v1/targets/{id}/values"), &value).await.status, StatusCode::FORBIDDEN);
    let entered = c.monitor.post(&format!("/api/v1/targets/{id}/values"), &value).await;
    assert_eq!(entered.status, StatusCode::CREATED, "{}", entered.body);
    assert_eq!(entered.json["values"][0]["source"], "Niên giám thống kê 2021");
    assert_ne!(entered.json["target"]["assessment"]["state"], "no_data");
    let corrected = c.monitor.post(&format!("/api/v1/targets/{id}/values"), &json!({"year": 2021, "value": 8.0})).await;
    assert_eq!(corrected.json["values"].as_array().unwrap().len(), 1, "a year's value is corrected, not repeated");
    assert_eq!(corrected.json["values"][0]["value"], 8.0);
    assert_eq!(c.monitor.post("/api/v1/targets/999999/values", &value).await.status, StatusCode::NOT_FOUND);
    assert_eq!(c.monitor.get("/api/v1/targets/999999/values").await.status, StatusCode::NOT_FOUND);

    let agencies = c.leader.get("/api/v1/agencies?q=so%20ke%20hoach").await;
    assert!(agencies.json["items"].as_array().unwrap().iter().any(|a| a["name"] == SKHDT), "found without diacritics");
    let documents = c.leader.get("/api/v1/documents").await;
    assert_eq!(documents.json["total"], 1);
    assert_eq!(documents.json["items"][0]["plan_id"], plan_id);
}

/// The office adds a target by hand: it is listed like the plan's own,
/// shown on the targets page, and every malformed one changes nothing.
async fn targets_by_hand(store: Store, tokens: Vec<(String, String)>) {
    let c = clients(&store, &tokens);
    let list = format!("/api/v1/targets?plan={}&limit=500", enc(PLAN));
    let before = c.leader.get(&list).await.json["total"].as_u64().unwrap();
    let new = json!({
        "plan": PLAN, "group_number": 1, "indicator": "  Tỷ lệ hồ sơ giải quyết trực tuyến ", "comparator": ">=",
        "value": 80, "unit": "%", "period": [2021, 2025], "baseline": 45.5
    });
    assert_eq!(c.leader.post("/api/v1/targets", &new).await.status, StatusCode::FORBIDDEN);
    assert_eq!(c.agency.post("/api/v1/targets", &new).await.status, StatusCode::FORBIDDEN);
    assert_eq!(c.public.post("/api/v1/targets", &new).await.status, StatusCode::UNAUTHORIZED);
    let made = c.monitor.post("/api/v1/targets", &new).await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    assert_eq!(made.json["indicator"], "Tỷ lệ hồ sơ giải quyết trực tuyến");
    assert_eq!((made.json["period"].clone(), made.json["year"].clone()), (json!([2021, 2025]), Value::Null));
    assert_eq!((made.json["baseline"].as_f64(), made.json["group"].as_i64()), (Some(45.5), Some(1)));
    assert_eq!(made.json["assessment"]["state"], "no_data");
    let id = made.json["id"].as_i64().unwrap();
    let listed = c.leader.get(&list).await;
    assert_eq!(listed.json["total"].as_u64(), Some(before + 1));
    let found = listed.json["items"].as_array().unwrap().iter().find(|t| t["id"] == id).cloned();
    assert_eq!(found, Some(made.json.clone()), "the answer is the target as the list shows it");
    let page = c.leader.get(&format!("/chi-tieu/{id}")).await;
    assert!(page.body.contains("Giá trị cơ sở: <b>45,5</b> %"), "the target's page shows its baseline: {}", page.body);
    // 2025.0 is an integer to JSON Schema, so to the API as well.
    let by_year = json!({"plan": PLAN, "indicator": "Số doanh nghiệp thành lập mới", "comparator": "=", "value": 3000, "year": 2025.0});
    let made = c.admin.post("/api/v1/targets", &by_year).await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    assert_eq!(
        (made.json["year"].as_i64(), made.json["unit"].clone(), made.json["baseline"].clone()),
        (Some(2025), Value::Null, Value::Null)
    );
    let audit = c.monitor.get(&format!("/api/v1/audit?entity=target&entity_id={id}")).await;
    assert_eq!(audit.json["items"][0]["action"], "target.create");
    let page = Api::signed_in(&c.admin.app, "leader").await.get("/chi-tieu").await;
    assert!(page.body.contains("Tỷ lệ hồ sơ giải quyết trực tuyến"), "the targets page shows it");

    let mark = store.change_mark().await.unwrap();
    let with = |patch: Value| {
        let mut body = new.clone();
        for (k, v) in patch.as_object().unwrap() {
            body[k] = v.clone();
        }
        body
    };
    let without_period = {
        let mut body = new.clone();
        body.as_object_mut().unwrap().remove("period");
        body
    };
    let cases = [
        (with(json!({"plan": "1/KH-KHONGCO"})), StatusCode::NOT_FOUND),
        (with(json!({"indicator": "   "})), StatusCode::UNPROCESSABLE_ENTITY),
        (with(json!({"indicator": "x".repeat(501)})), StatusCode::UNPROCESSABLE_ENTITY),
        (with(json!({"unit": "đ".repeat(51)})), StatusCode::UNPROCESSABLE_ENTITY),
        (with(json!({"comparator": "≥"})), StatusCode::UNPROCESSABLE_ENTITY),
        (with(json!({"comparator": "at_least"})), StatusCode::UNPROCESSABLE_ENTITY),
        (with(json!({"period": [2025, 2021]})), StatusCode::UNPROCESSABLE_ENTITY),
        (with(json!({"period": [1990, 2025]})), StatusCode::UNPROCESSABLE_ENTITY),
        (with(json!({"period": [2021, 2025, 2030]})), StatusCode::UNPROCESSABLE_ENTITY),
        (with(json!({"year": 2025})), StatusCode::UNPROCESSABLE_ENTITY),
        (without_period.clone(), StatusCode::UNPROCESSABLE_ENTITY),
        (
            json!({"plan": PLAN, "indicator": "A", "comparator": ">=", "value": 1, "year": 20250}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (with(json!({"group_number": 99})), StatusCode::UNPROCESSABLE_ENTITY),
        (with(json!({"value": "80"})), StatusCode::UNPROCESSABLE_ENTITY),
        (with(json!({"target": 80})), StatusCode::UNPROCESSABLE_ENTITY),
        (with(json!({"indicator": "Tỷ lệ\u{0}"})), StatusCode::UNPROCESSABLE_ENTITY),
    ];
    for (body, status) in cases {
        let answer = c.monitor.post("/api/v1/targets", &body).await;
        assert_eq!(answer.status, status, "{body}: {}", answer.body);
        let message = answer.json["message"].as_str().unwrap_or_default();
        assert!(message.chars().any(|ch| "ảãạáàâăđêếệôơưữỉịọ".contains(ch)), "a Vietnamese message: {message}");
    }
    assert_eq!(store.change_mark().await.unwrap(), mark, "no refused target changed anything");
    assert_eq!(c.leader.get(&list).await.json["total"].as_u64(), Some(before + 2));
}

async fn users_and_tokens(store: Store, tokens: Vec<(String, String)>) {
    let c = clients(&store, &tokens);
    let me = c.agency.get("/api/v1/me").await;
    assert_eq!(
        (me.json["user"]["username"].as_str(), me.json["user"]["agency"].as_str()),
        (Some("skhdt"), Some(SKHDT))
    );
    assert_eq!(
        (me.json["permissions"]["report_own_tasks"].as_bool(), me.json["permissions"]["decide"].as_bool()),
        (Some(true), Some(false))
    );
    let may = |me: &Value, what: &str| me["permissions"][what].as_bool();
    assert_eq!((may(&me.json, "define_targets"), may(&me.json, "publish")), (Some(false), Some(false)));
    let office = c.monitor.get("/api/v1/me").await.json;
    assert_eq!((may(&office, "define_targets"), may(&office, "publish")), (Some(true), Some(true)));

    let new = json!({"username": "lanhdao2", "password": "mot-mat-khau-dai", "role": "leader", "display_name": "Phó Chủ tịch"});
    assert_eq!(c.monitor.post("/api/v1/users", &new).await.status, StatusCode::FORBIDDEN);
    let made = c.admin.post("/api/v1/users", &new).await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    assert!(!made.body.contains("mot-mat-khau-dai") && !made.body.contains("argon2"), "no password in the answer");
    let id = made.json["id"].as_i64().unwrap();
    assert_eq!(c.admin.post("/api/v1/users", &new).await.status, StatusCode::UNPROCESSABLE_ENTITY, "username taken");
    let weak = c.admin.post("/api/v1/users", &json!({"username": "yeu", "password": "123", "role": "leader"})).await;
    assert_eq!(weak.status, StatusCode::BAD_REQUEST);
    let no_agency = c
        .admin
        .post("/api/v1/users", &json!({"username": "coquan2", "password": "mot-mat-khau-dai", "role": "agency"}))
        .await;
    assert_eq!(no_agency.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The password's limit counts characters, as the document says, not bytes.
    let long = |n: usize| json!({"username": format!("dai{n}"), "password": "đ".repeat(n), "role": "leader"});
    assert_eq!(c.admin.post("/api/v1/users", &long(1024)).await.status, StatusCode::CREATED);
    assert_eq!(c.admin.post("/api/v1/users", &long(1025)).await.status, StatusCode::BAD_REQUEST);

    // A token, shown once, signs its program in.
    let issued = c.admin.post(&format!("/api/v1/users/{id}/tokens"), &json!({"label": "đồng bộ"})).await;
    assert_eq!(issued.status, StatusCode::CREATED, "{}", issued.body);
    let program = Api::as_token(&c.admin.app, issued.json["token"].as_str().unwrap());
    assert_eq!(program.get("/api/v1/me").await.json["user"]["username"], "lanhdao2");

    // The admin changes the account; disabling it revokes the token.
    let changed = c
        .admin
        .send(Method::PATCH, &format!("/api/v1/users/{id}"), &json!({"role": "monitor", "display_name": null}))
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!((changed.json["role"].as_str(), changed.json["display_name"].as_str()), (Some("monitor"), None));
    let agency =
        c.admin.send(Method::PATCH, &format!("/api/v1/users/{id}"), &json!({"role": "agency", "agency": SKHDT})).await;
    assert_eq!(agency.json["agency"], SKHDT);
    let off = c.admin.send(Method::PATCH, &format!("/api/v1/users/{id}"), &json!({"disabled": true})).await;
    assert_eq!(off.json["disabled"], true);
    let refused = program.get("/api/v1/me").await;
    assert_eq!((refused.status, refused.json["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("invalid_token")));
    assert_eq!(
        c.admin.send(Method::PATCH, "/api/v1/users/999999", &json!({"disabled": true})).await.status,
        StatusCode::NOT_FOUND
    );
    let users = c.admin.get("/api/v1/users?limit=2").await;
    assert_eq!((users.json["total"].as_u64(), users.json["items"].as_array().unwrap().len()), (Some(7), 2));

    // The browser's session cookie works for the API too.
    let browser = Api::signed_in(&c.admin.app, "leader").await;
    assert_eq!(browser.get("/api/v1/me").await.json["user"]["username"], "leader");
    let anonymous = c.public.get("/api/v1/me").await;
    assert_eq!((anonymous.status, anonymous.json["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("unauthorized")));
}

/// A bad request: who sends it, how, the body, and the status and code
/// it must get.
type BadCase = (Api, Method, String, Option<&'static str>, Vec<u8>, StatusCode, &'static str);

/// Each bad request: the status, the code, a Vietnamese message, and no
/// change to the data.
async fn bad_input(store: Store, tokens: Vec<(String, String)>) {
    let c = clients(&store, &tokens);
    let task = own_tasks(&c).await[0];
    let progress = format!("/api/v1/tasks/{task}/progress");
    let mark = store.change_mark().await.unwrap();
    let huge = json!({"percent": 50, "note": "x".repeat(300 * 1024)}).to_string().into_bytes();
    let cases: Vec<BadCase> = vec![
        (
            c.agency.clone(),
            Method::POST,
            progress.clone(),
            Some("application/json"),
            b"{\"percent\": 50,".to_vec(),
            StatusCode::BAD_REQUEST,
            "invalid_input",
        ),
        (
            c.agency.clone(),
            Method::POST,
            progress.clone(),
            Some("application/json"),
            b"{\"percent\": \"half\"}".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
        ),
        (
            c.agency.clone(),
            Method::POST,
            progress.clone(),
            Some("application/json"),
            b"{\"percent\": 50, \"colour\": \"red\"}".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
        ),
        (
            c.agency.clone(),
            Method::POST,
            progress.clone(),
            Some("application/json"),
            b"{\"percent\": 150}".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
        ),
        (
            c.agency.clone(),
            Method::POST,
            progress.clone(),
            Some("application/json"),
            b"{\"percent\": 60, \"done\": true}".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
        ),
        (
            c.agency.clone(),
            Method::POST,
            progress.clone(),
            Some("text/plain"),
            b"percent=50".to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            c.agency.clone(),
            Method::POST,
            progress.clone(),
            Some("application/json"),
            huge,
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
        ),
        (
            c.agency.clone(),
            Method::POST,
            "/api/v1/tasks/999999/progress".into(),
            Some("application/json"),
            b"{\"percent\": 50}".to_vec(),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        (
            c.agency.clone(),
            Method::POST,
            "/api/v1/tasks/abc/progress".into(),
            Some("application/json"),
            b"{\"percent\": 50}".to_vec(),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        (
            c.leader.clone(),
            Method::GET,
            "/api/v1/tasks/999999".into(),
            None,
            Vec::new(),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        (
            c.leader.clone(),
            Method::GET,
            "/api/v1/tasks?status=late".into(),
            None,
            Vec::new(),
            StatusCode::BAD_REQUEST,
            "invalid_input",
        ),
        (
            c.leader.clone(),
            Method::GET,
            "/api/v1/tasks?limit=-1".into(),
            None,
            Vec::new(),
            StatusCode::BAD_REQUEST,
            "invalid_input",
        ),
        (
            c.leader.clone(),
            Method::GET,
            "/api/v1/tasks?offset=9223372036854775808".into(),
            None,
            Vec::new(),
            StatusCode::BAD_REQUEST,
            "invalid_input",
        ),
        (
            c.leader.clone(),
            Method::GET,
            "/api/v1/agencies?offset=9007199254740992".into(),
            None,
            Vec::new(),
            StatusCode::BAD_REQUEST,
            "invalid_input",
        ),
        (
            c.leader.clone(),
            Method::GET,
            "/api/v1/plans?limit=100000".into(),
            None,
            Vec::new(),
            StatusCode::BAD_REQUEST,
            "invalid_input",
        ),
        (
            c.leader.clone(),
            Method::GET,
            "/api/v1/summary?as_of=31%2F12%2F2021".into(),
            None,
            Vec::new(),
            StatusCode::BAD_REQUEST,
            "invalid_input",
        ),
        (
            c.monitor.clone(),
            Method::POST,
            format!("/api/v1/tasks/{task}/urges"),
            Some("application/json"),
            br#"{"note": "\u0110\u00f4n\u0000 \u0111\u1ed1c"}"#.to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
        ),
        (
            c.leader.clone(),
            Method::GET,
            "/api/v1/khong-co".into(),
            None,
            Vec::new(),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        (
            c.monitor.clone(),
            Method::POST,
            "/api/v1/targets/1/values".into(),
            Some("application/json"),
            b"{\"year\": \"2021\", \"value\": 1}".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
        ),
        (
            c.monitor.clone(),
            Method::POST,
            "/api/v1/targets/1/values".into(),
            Some("application/json"),
            b"{\"year\": 20210, \"value\": 1}".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
        ),
        (
            c.admin.clone(),
            Method::PATCH,
            "/api/v1/users/1".into(),
            Some("application/json"),
            b"{\"role\": \"king\"}".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
        ),
        (
            c.admin.clone(),
            Method::PATCH,
            "/api/v1/users/1".into(),
            Some("application/json"),
            b"{\"role\": \"public\"}".to_vec(),
            StatusCode::BAD_REQUEST,
            "invalid_input",
        ),
        (
            Api::as_token(&c.admin.app, "tdk_sai"),
            Method::GET,
            "/api/v1/tasks".into(),
            None,
            Vec::new(),
            StatusCode::UNAUTHORIZED,
            "invalid_token",
        ),
    ];
    for (who, method, path, content_type, body, status, code) in cases {
        let answer = who.raw(method.clone(), &path, content_type, body).await;
        assert_eq!(answer.status, status, "{method} {path}: {}", answer.body);
        assert_eq!(answer.json["code"], code, "{method} {path}");
        let message = answer.json["message"].as_str().unwrap_or_default();
        assert!(message.chars().any(|ch| "ảãạáàâăđêếệôơưữ".contains(ch)), "a Vietnamese message: {message}");
    }
    assert_eq!(store.change_mark().await.unwrap(), mark, "no bad request changed anything");
    let reports = c.leader.get(&format!("/api/v1/tasks/{task}")).await.json["reports"].clone();
    assert_eq!(reports, Value::Array(Vec::new()));
}

#[tokio::test]
async fn sqlite_api() {
    on_sqlite(report_confirm_return_urge).await;
    on_sqlite(plans_targets_and_registries).await;
    on_sqlite(targets_by_hand).await;
    on_sqlite(users_and_tokens).await;
    on_sqlite(bad_input).await;
}

#[tokio::test]
async fn postgres_api() {
    on_postgres(report_confirm_return_urge).await;
    on_postgres(plans_targets_and_registries).await;
    on_postgres(targets_by_hand).await;
    on_postgres(users_and_tokens).await;
    on_postgres(bad_input).await;
}

/// The OpenAPI document, as programs read it: any change to the API shows
/// in review as a change to this snapshot. The docs page lists every
/// operation of the same document.
#[tokio::test]
async fn openapi_document_and_docs_page() {
    on_sqlite(|store, _| async move {
        let app = router(AppState::new(store));
        let public = Api::public(&app);
        let served = public.get("/api/v1/openapi.json").await;
        assert_eq!(served.status, StatusCode::OK);
        assert_eq!(served.json, theodoi_web::openapi::document());
        insta::assert_json_snapshot!("openapi", served.json);
        let docs = public.get("/api/docs").await;
        assert_eq!(docs.status, StatusCode::OK);
        assert!(docs.body.contains("lang=\"vi\""));
        for (path, item) in served.json["paths"].as_object().unwrap() {
            for method in item.as_object().unwrap().keys() {
                let line = format!("{} /api/v1{path}", method.to_uppercase());
                assert!(docs.body.contains(&line), "the docs page shows {line}");
            }
        }
        for name in served.json["components"]["schemas"].as_object().unwrap().keys() {
            assert!(docs.body.contains(&format!("id=\"schema-{name}\"")), "the docs page describes {name}");
        }
    })
    .await;
}
