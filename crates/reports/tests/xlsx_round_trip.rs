//! The plan as a spreadsheet and back: the seed exported in its appendix
//! layout, the sheet read by calamine into the parser's pipe-table text,
//! parsed and stored, gives back the same appendix tasks.

mod support;

use chrono::NaiveDate;
use support::{each_backend, PLAN};
use theodoi_reports::data::PlanInfo;
use theodoi_reports::xlsx;
use theodoi_store::{Store, TaskFilter, TaskView};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 12, 31).unwrap()
}

async fn appendix(store: &Store) -> Vec<TaskView> {
    let mut filter = TaskFilter::as_of(day());
    filter.plan = Some(PLAN.into());
    store.tasks(&filter).await.unwrap().items.into_iter().filter(|t| t.origin == "appendix").collect()
}

/// What a round trip must keep of a task: number, content, lead and
/// coordinating agencies, product, deadline text and due day.
type Essence = (String, String, Vec<String>, Vec<String>, Option<String>, String, Option<NaiveDate>);

fn essence(t: &TaskView) -> Essence {
    (
        t.task.clone(),
        t.title.clone(),
        t.lead.clone(),
        t.coordinating.clone(),
        t.product.clone(),
        t.deadline.text.clone(),
        t.deadline.due,
    )
}

#[tokio::test]
async fn the_seed_plan_survives_a_spreadsheet_round_trip() {
    each_backend(|store| async move {
        let original = appendix(&store).await;
        assert_eq!(original.len(), 50);
        let plan = PlanInfo::load(&store, PLAN).await.unwrap();
        let bytes = xlsx::plan_workbook(&plan, &original, day()).unwrap();

        let text = xlsx::sheet_to_text(&bytes).unwrap();
        assert!(
            text.contains("| Số TT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Sản phẩm | Thời gian |"),
            "{text}"
        );
        assert!(!text.contains("Tình trạng"), "tracking columns stay out of the plan");
        let doc = theodoi_parser::parse_str(&text, &Default::default()).unwrap();
        assert_eq!(doc.document.number.as_deref(), Some(PLAN), "{text}");

        let dir = std::env::temp_dir().join(format!("theodoi-xlsx-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let again = Store::open(&format!("sqlite://{}", dir.join("again.db").display())).await.unwrap();
        again.import(&doc, &text, "test").await.unwrap_or_else(|e| panic!("{e}\n{text}"));
        let back = appendix(&again).await;
        again.close().await;
        std::fs::remove_dir_all(&dir).ok();

        assert_eq!(back.len(), 50);
        for (a, b) in original.iter().zip(&back) {
            assert_eq!(essence(a), essence(b));
        }
    })
    .await;
}

#[test]
fn a_file_that_is_not_a_spreadsheet_is_refused_in_vietnamese() {
    let err = xlsx::sheet_to_text(b"not a zip").unwrap_err();
    assert!(err.to_string().contains("tệp bảng tính không đọc được"), "{err}");
}
