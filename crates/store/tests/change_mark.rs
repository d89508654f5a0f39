//! Every kind of write moves the change mark, so answers cached under the
//! old mark are never served after a change (see theodoi_web::cache).

mod support;

use chrono::NaiveDate;
use support::{doc, each_backend};
use theodoi_store::{Decision, ProgressInput, UrgeChannel};

#[tokio::test]
async fn every_write_moves_the_change_mark() {
    each_backend(|store| async move {
        let mut mark = store.change_mark().await.unwrap();
        let mut moved = |now: i64, what: &str| {
            assert!(now > mark, "{what} must move the change mark ({mark} → {now})");
            mark = now;
        };
        store.import(&doc("v1"), "v1", "test").await.unwrap();
        moved(store.change_mark().await.unwrap(), "an import");
        let day = NaiveDate::from_ymd_opt(2021, 8, 20).unwrap();
        let input = ProgressInput {
            plan: "12/QĐ-UBND".into(),
            task: "1.1".into(),
            agency: "Sở Tài chính".into(),
            percent: 100,
            done: true,
            done_on: None,
            note: None,
            difficulties: None,
            evidence: None,
            period: None,
            on: day,
            expected_version: None,
        };
        store.record_progress(&input, "test").await.unwrap();
        moved(store.change_mark().await.unwrap(), "a progress report");
        store.decide("12/QĐ-UBND", "1.1", None, &Decision::Confirmed, day, "test").await.unwrap();
        moved(store.change_mark().await.unwrap(), "a confirmation");
        let id = store.tasks(&theodoi_store::TaskFilter::as_of(day)).await.unwrap().items[0].id;
        store.record_urge(id, None, UrgeChannel::Web, None, day, "test").await.unwrap();
        moved(store.change_mark().await.unwrap(), "an urge");
        store.merge_agency("Sở Y tế", "Sở Tài chính", "test").await.unwrap();
        moved(store.change_mark().await.unwrap(), "an agency merge");
    })
    .await;
}
