//! Importing a document through the real router, on SQLite and
//! PostgreSQL: upload, review beside the source, correct, import; and the
//! JSON flow. Refused uploads, forged forms and other roles change nothing,
//! and nothing reaches the plan tables before the reviewer confirms.

mod pages_common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use pages_common::{app, on_both, Client, SEED};
use theodoi_store::Store;

/// The seed with another number: a new plan for the registry.
fn other_plan() -> String {
    SEED.replace("2999/QĐ-UBND", "3001/QĐ-UBND")
}

/// The plan-table rows (drafts and the audit log are not plan data).
async fn plan_rows(store: &Store) -> Vec<(String, i64)> {
    let keep = ["documents", "plans", "tasks", "targets", "task_agencies", "agencies", "plan_groups"];
    store.table_counts().await.unwrap().into_iter().filter(|(t, _)| keep.contains(&t.as_str())).collect()
}

async fn upload_review_and_import(store: Store) {
    let app = app(&store);
    let monitor = Client::sign_in(&app, "monitor").await;
    let agency = Client::sign_in(&app, "skhdt").await;
    let csrf = monitor.csrf().await;
    let before = plan_rows(&store).await;

    // Other roles do not see the page; the public is sent to sign in.
    assert_eq!(agency.get("/nhap-van-ban").await.status, StatusCode::FORBIDDEN);
    assert_eq!(Client::public(&app).get("/nhap-van-ban").await.location, "/dang-nhap");
    let page = monitor.get("/nhap-van-ban").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Nhập văn bản kế hoạch"));

    // Refused uploads: a binary file, bytes that are not UTF-8, a text
    // without any task, a forged form. Nothing is stored.
    let exe = monitor.post_file("/nhap-van-ban", &csrf, "ke-hoach.exe", b"MZ\x90\x00").await;
    assert_eq!(exe.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(exe.body.contains("chỉ nhận tệp .txt hoặc .md"), "{}", exe.body);
    let latin1 = monitor.post_file("/nhap-van-ban", &csrf, "ke-hoach.txt", b"K\xe9 ho\xe1ch h\xe0nh \xf0\xf4ng").await;
    assert_eq!(latin1.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(latin1.body.contains("UTF-8"), "{}", latin1.body);
    let letter =
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nGiấy mời họp về việc tổng kết năm.\n";
    let not_plan = monitor.post_file("/nhap-van-ban", &csrf, "giay-moi.txt", letter.as_bytes()).await;
    assert_eq!(not_plan.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(not_plan.body.contains("không có kế hoạch nào"), "{}", not_plan.body);
    let forged = monitor.post_file("/nhap-van-ban", "sai", "ke-hoach.txt", other_plan().as_bytes()).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let by_agency = agency.post_file("/nhap-van-ban", &agency.csrf().await, "kh.txt", other_plan().as_bytes()).await;
    assert_eq!(by_agency.status, StatusCode::FORBIDDEN);
    assert!(store.drafts(10).await.unwrap().is_empty(), "no draft from refused uploads");

    // A good upload becomes a draft under review; the plan tables are untouched.
    let sent = monitor.post_file("/nhap-van-ban", &csrf, "qd-3001.txt", other_plan().as_bytes()).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let draft_url = sent.location.clone();
    assert!(draft_url.starts_with("/nhap-van-ban/"));
    assert_eq!(plan_rows(&store).await, before, "nothing stored before the reviewer confirms");
    let review = monitor.get(&draft_url).await;
    assert_eq!(review.status, StatusCode::OK);
    assert!(review.body.contains("3001/QĐ-UBND"));
    assert!(review.body.contains("Đọc được <b>59</b> nhiệm vụ"), "the seed's 50 appendix rows and 9 body-only tasks");
    assert!(review.body.contains("Chỉ có trong phần nội dung"), "body-only assignments can be accepted or dropped");
    assert!(review.body.contains("id=\"L1\""), "source lines are numbered for the side-by-side view");
    assert!(review.body.contains("<span class=\"badge st-done\">Đã có</span> Sở Kế hoạch và Đầu tư"));
    assert_eq!(agency.get(&draft_url).await.status, StatusCode::FORBIDDEN);

    // The reviewer corrects task 2.1; a bad date is refused and changes nothing.
    let draft_id: i64 = draft_url.rsplit('/').next().unwrap().parse().unwrap();
    let fields = [
        ("csrf", csrf.as_str()),
        ("issued_on", "31/02/2021"),
        ("task.0.id", "2.2"),
        ("task.0.product", "Sản phẩm đã gõ"),
    ];
    let refused = monitor.post_form(&draft_url, &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Ngày ban hành &#34;31/02/2021&#34; không hợp lệ"), "{}", refused.body);
    assert!(refused.body.contains("value=\"Sản phẩm đã gõ\""), "what the reviewer typed is kept");
    let appendix_drop = [("csrf", csrf.as_str()), ("task.0.id", "2.1"), ("task.0.keep", "0")];
    assert_eq!(monitor.post_form(&draft_url, &appendix_drop).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    let edits = [
        ("csrf", csrf.as_str()),
        ("task.0.id", "B1"),
        ("task.0.keep", "0"),
        ("task.1.id", "B2"),
        ("task.1.keep", "1"),
        ("task.5.id", "2.1"),
        ("task.5.title", "Xây dựng kế hoạch triển khai (đã sửa)"),
        ("task.5.deadline", "Quý II/2022"),
        ("task.5.lead", "Sở Tài chính"),
    ];
    let bad = [("csrf", "sai"), ("task.5.id", "2.1"), ("task.5.title", "Không được lưu")];
    assert_eq!(monitor.post_form(&draft_url, &bad).await.status, StatusCode::FORBIDDEN);
    let saved = monitor.post_form(&draft_url, &edits).await;
    assert_eq!((saved.status, saved.location.as_str()), (StatusCode::SEE_OTHER, &*format!("{draft_url}?tb=luu")));
    let draft = store.draft(draft_id).await.unwrap();
    let t = draft.document.plan.as_ref().unwrap().tasks.iter().find(|t| t.id == "2.1").unwrap();
    assert_eq!(t.title, "Xây dựng kế hoạch triển khai (đã sửa)");
    assert_eq!(t.lead, ["Sở Tài chính"]);
    assert_eq!(t.deadline.due.unwrap().to_string(), "2022-06-30");
    let codes: Vec<&str> = draft.document.plan.as_ref().unwrap().tasks.iter().map(|t| t.id.as_str()).collect();
    assert!(!codes.contains(&"B1") && codes.contains(&"B2"), "B1 dropped, B2 accepted");
    assert_eq!(plan_rows(&store).await, before, "saving a draft stores no plan");

    // Import: one plan more, with the corrected task.
    let done = monitor.post_form(&format!("{draft_url}/nhap"), &[("csrf", &csrf)]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert!(done.location.starts_with("/ke-hoach/") && done.location.ends_with("?tb=nhap"));
    let plan = monitor.get(&done.location).await.body;
    assert!(plan.contains("Đã nhập văn bản vào hệ thống.") && plan.contains("3001/QĐ-UBND"));
    let list = monitor.get("/api/v1/tasks?plan=3001/Q%C4%90-UBND&limit=500").await.json();
    assert_eq!(list["total"], 58, "59 read, one body-only task dropped");
    let task = list["items"].as_array().unwrap().iter().find(|t| t["task"] == "2.1").unwrap().clone();
    assert_eq!(task["title"], "Xây dựng kế hoạch triển khai (đã sửa)");
    // A committed draft cannot be imported again or discarded.
    let again = monitor.post_form(&format!("{draft_url}/nhap"), &[("csrf", &csrf)]).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);

    // A second draft is discarded: it is gone, nothing imported.
    let sent =
        monitor.post_file("/nhap-van-ban", &csrf, "qd-3002.txt", SEED.replace("2999/QĐ", "3002/QĐ").as_bytes()).await;
    let after_import = plan_rows(&store).await;
    let gone = monitor.post_form(&format!("{}/huy", sent.location), &[("csrf", &csrf)]).await;
    assert_eq!((gone.status, gone.location.as_str()), (StatusCode::SEE_OTHER, "/nhap-van-ban?tb=huy"));
    assert_eq!(monitor.get(&sent.location).await.status, StatusCode::NOT_FOUND);
    assert_eq!(plan_rows(&store).await, after_import);
}

async fn json_flow(store: Store) {
    let app = app(&store);
    let admin = Client::sign_in(&app, "admin").await;
    let leader = Client::sign_in(&app, "leader").await;
    let before = plan_rows(&store).await;
    let upload = |client: &Client, body: Vec<u8>, content_type: &'static str| {
        let req = Request::post("/api/v1/imports?name=qd-4000.txt")
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body))
            .unwrap();
        let client = Client { app: client.app.clone(), cookie: client.cookie.clone() };
        async move { client.send(req).await }
    };
    let text = SEED.replace("2999/QĐ-UBND", "4000/QĐ-UBND").into_bytes();
    assert_eq!(upload(&leader, text.clone(), "text/plain").await.status, StatusCode::FORBIDDEN);
    let wrong_type = upload(&admin, text.clone(), "application/pdf").await;
    assert_eq!(wrong_type.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(wrong_type.json()["code"], "unsupported_media_type");
    let not_plan = upload(&admin, "Chỉ là một dòng chữ.".as_bytes().to_vec(), "text/plain").await;
    assert_eq!(
        (not_plan.status, not_plan.json()["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("not_a_plan"))
    );

    let made = upload(&admin, text, "text/plain; charset=utf-8").await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let draft = made.json();
    let id = draft["id"].as_i64().unwrap();
    assert_eq!(draft["document"]["document"]["number"], "4000/QĐ-UBND");
    assert!(draft["agencies"].as_array().unwrap().iter().any(|a| a["registry_name"] == "Sở Kế hoạch và Đầu tư"));
    assert_eq!(plan_rows(&store).await, before);

    let bad = admin
        .send_json(
            "PATCH",
            &format!("/api/v1/imports/{id}"),
            &serde_json::json!({"tasks": [{"id": "2.1", "title": ""}]}),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let wrong = admin.send_json("PATCH", &format!("/api/v1/imports/{id}"), &serde_json::json!({"tasks": "x"})).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    for misspelt in [
        serde_json::json!({"titel": "Kế hoạch"}),
        serde_json::json!({"tasks": [{"id": "1", "lead_agency": "Sở Tài chính"}]}),
    ] {
        let refused = admin.send_json("PATCH", &format!("/api/v1/imports/{id}"), &misspelt).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "an unknown field is refused: {misspelt}");
    }
    let edit =
        serde_json::json!({"title": "Kế hoạch thử nghiệm", "tasks": [{"id": "1", "product": "Báo cáo tổng hợp"}]});
    let edited = admin.send_json("PATCH", &format!("/api/v1/imports/{id}"), &edit).await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.body);
    assert_eq!(edited.json()["document"]["document"]["title"], "Kế hoạch thử nghiệm");
    assert_eq!(
        admin.get(&format!("/api/v1/imports/{id}")).await.json()["document"]["document"]["title"],
        "Kế hoạch thử nghiệm"
    );
    assert_eq!(admin.get("/api/v1/imports/999999").await.status, StatusCode::NOT_FOUND);
    assert_eq!(admin.get("/api/v1/imports/abc").await.json()["code"], "not_found");

    let committed = admin.send_json("POST", &format!("/api/v1/imports/{id}/commit"), &serde_json::json!({})).await;
    assert_eq!(committed.status, StatusCode::OK, "{}", committed.body);
    let c = committed.json();
    assert_eq!(
        (c["outcome"].as_str(), c["plan"].as_str(), c["tasks"].as_i64()),
        (Some("created"), Some("4000/QĐ-UBND"), Some(59))
    );
    assert!(c["plan_id"].as_i64().unwrap() > 0);
    assert_ne!(plan_rows(&store).await, before);

    // Listed, and an open draft can be thrown away; a committed one cannot.
    let listed = admin.get("/api/v1/imports").await.json();
    assert_eq!(listed["total"], 1);
    assert_eq!(listed["items"][0]["id"], id);
    let again = upload(&admin, SEED.replace("2999/QĐ-UBND", "4001/QĐ-UBND").into_bytes(), "text/markdown").await;
    let other = again.json()["id"].as_i64().unwrap();
    let delete = |path: String| {
        let client = Client { app: admin.app.clone(), cookie: admin.cookie.clone() };
        async move { client.send(Request::delete(path.as_str()).body(Body::empty()).unwrap()).await }
    };
    assert_eq!(delete(format!("/api/v1/imports/{other}")).await.status, StatusCode::NO_CONTENT);
    assert_eq!(admin.get(&format!("/api/v1/imports/{other}")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(delete(format!("/api/v1/imports/{id}")).await.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn import_pages() {
    on_both("import_pages", upload_review_and_import).await;
}

#[tokio::test]
async fn import_api() {
    on_both("import_api", json_flow).await;
}
