//! Every kind of write moves the change mark, so answers cached under the
//! old mark are never served after a change (see theodoi_web::cache).

mod support;

use chrono::NaiveDate;
use support::{doc, each_backend, report};
use theodoi_parser::Comparator;
use theodoi_store::{Decision, NewTarget, StoreError, TargetTime, UrgeChannel};

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
        let input = report("12/QĐ-UBND", "1.1", "Sở Tài chính", true, day);
        store.record_progress(&input, "test").await.unwrap();
        moved(store.change_mark().await.unwrap(), "a progress report");
        store.decide("12/QĐ-UBND", "1.1", None, &Decision::Confirmed, day, "test").await.unwrap();
        moved(store.change_mark().await.unwrap(), "a confirmation");
        let id = store.tasks(&theodoi_store::TaskFilter::as_of(day)).await.unwrap().items[0].id;
        store.record_urge(id, None, UrgeChannel::Web, None, day, "test").await.unwrap();
        moved(store.change_mark().await.unwrap(), "an urge");
        store.merge_agency("Sở Y tế", "Sở Tài chính", "test").await.unwrap();
        moved(store.change_mark().await.unwrap(), "an agency merge");
        let target = NewTarget {
            plan: "12/QĐ-UBND".into(),
            group: None,
            indicator: " Tỷ lệ hồ sơ trực tuyến ".into(),
            comparator: Comparator::AtLeast,
            value: 80.0,
            unit: Some("%".into()),
            time: TargetTime::Period(2021, 2025),
            baseline: Some(40.0),
        };
        let before = store.change_mark().await.unwrap();
        for refused in [
            NewTarget { time: TargetTime::Period(2025, 2021), ..target.clone() },
            NewTarget { time: TargetTime::Year(1990), ..target.clone() },
            NewTarget { indicator: " ".into(), ..target.clone() },
            NewTarget { group: Some(99), ..target.clone() },
            NewTarget { value: f64::NAN, ..target.clone() },
        ] {
            let answer = store.create_target(&refused, "test").await;
            assert!(matches!(answer, Err(StoreError::Invalid(_))), "{refused:?}: {answer:?}");
        }
        let unknown = NewTarget { plan: "1/KH-KHONGCO".into(), ..target.clone() };
        assert!(matches!(store.create_target(&unknown, "test").await, Err(StoreError::NotFound(_))));
        assert_eq!(store.change_mark().await.unwrap(), before, "a refused target changes nothing");
        let id = store.create_target(&target, "test").await.unwrap();
        moved(store.change_mark().await.unwrap(), "a target added by hand");
        let listed = store.targets(Some("12/QĐ-UBND"), day).await.unwrap().into_iter().find(|t| t.id == id).unwrap();
        assert_eq!(
            (listed.indicator.as_str(), listed.comparator.as_str(), listed.period, listed.baseline),
            ("Tỷ lệ hồ sơ trực tuyến", ">=", Some([2021, 2025]), Some(40.0))
        );
    })
    .await;
}
