//! Search through the real router, on SQLite and PostgreSQL: words typed
//! without diacritics find documents, tasks and agencies written with
//! them, and each result links to its page.

mod pages_common;

use axum::http::StatusCode;
use pages_common::{app, on_both, Client};
use theodoi_store::Store;

async fn finds_without_diacritics(store: Store) {
    let app = app(&store);
    let leader = Client::sign_in(&app, "leader").await;

    // "so ke hoach" finds the agency, linked to its task list.
    let page = leader.get("/tim-kiem?q=so+ke+hoach").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(">Sở Kế hoạch và Đầu tư</a>"), "{}", page.body);
    assert!(page.body.contains("Không có văn bản nào khớp"), "a plan matches the words as one phrase, not scattered");
    assert!(page.body.contains("href=\"/nhiem-vu?agency=S%E1%BB%9F%20K%E1%BA%BF%20ho%E1%BA%A1ch"));
    let agency_link = page.body.split("href=\"/nhiem-vu?agency=").nth(1).unwrap().split('"').next().unwrap();
    let tasks = leader.get(&format!("/nhiem-vu?agency={agency_link}")).await;
    assert_eq!(tasks.status, StatusCode::OK);
    assert!(tasks.body.contains("/nhiem-vu/"), "the agency's task list has tasks");

    // A task title and the plan, with diacritics, "đ" and any case.
    let page = leader.get("/tim-kiem?q=DE+AN+phat+trien+thuy+san").await.body;
    let at = page.find("Đề án phát triển thủy sản").expect("the task about fisheries is found");
    assert!(page[..at].rfind("<a href=\"/nhiem-vu/").is_some());
    let page = leader.get("/tim-kiem?q=ke+hoach+hanh+dong").await.body;
    assert!(page.contains("<a href=\"/ke-hoach/"), "the plan is found by words of its title");
    let page = leader.get("/tim-kiem?q=2999%2FQD-UBND").await.body;
    assert!(page.contains("<a href=\"/ke-hoach/"), "the plan is found by its number without đ");
    let plan_link = page.split("<a href=\"/ke-hoach/").nth(1).unwrap().split('"').next().unwrap().to_string();
    assert_eq!(leader.get(&format!("/ke-hoach/{plan_link}")).await.status, StatusCode::OK);

    // Nothing matches: said so; wildcards are plain characters.
    let none = leader.get("/tim-kiem?q=%25%25_khong+co+gi").await;
    assert_eq!(none.status, StatusCode::OK);
    assert!(none.body.contains("Không có cơ quan nào khớp") && none.body.contains("Không có văn bản nào khớp"));
    assert!(none.body.contains("Không có nhiệm vụ nào"));
    // An empty search shows the box only.
    let empty = leader.get("/tim-kiem?q=").await.body;
    assert!(empty.contains("name=\"q\"") && !empty.contains("Cơ quan ("));

    // The nav carries the search box on every page; the public cannot search.
    assert!(leader.get("/").await.body.contains("action=\"/tim-kiem\""));
    let public = Client::public(&app).get("/tim-kiem?q=so+ke+hoach").await;
    assert_eq!((public.status, public.location.as_str()), (StatusCode::SEE_OTHER, "/dang-nhap"));
}

#[tokio::test]
async fn search_page() {
    on_both("search_page", finds_without_diacritics).await;
}
