//! The progress report of the seed plan as the clerk gets it: a DOCX opened
//! as a zip and read with an XML parser, checked against NĐ 30/2020
//! Appendix I and against the store's own figures.

mod support;

use chrono::NaiveDate;
use support::{each_backend, read_body, zip_part, PLAN};
use theodoi_core::TaskStatus;
use theodoi_reports::{docx, progress, ReportData, ReportRequest};
use theodoi_store::Store;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

async fn seed_report(store: &Store) -> (ReportData, Vec<u8>) {
    let request = ReportRequest { plan: Some(PLAN.into()), as_of: day(2021, 12, 31), period: Some("2021-Q4".into()) };
    let data = ReportData::load(store, &request).await.unwrap();
    let bytes = docx::write(&progress::build(&data)).unwrap();
    (data, bytes)
}

#[tokio::test]
async fn seed_report_follows_nd30_and_lists_the_overdue_tasks() {
    each_backend(|store| async move {
        let (data, bytes) = seed_report(&store).await;
        let overdue_in_store = data.tasks.iter().filter(|t| t.status == TaskStatus::Overdue).count();
        assert_eq!(data.overdue.len(), 16, "the seed has 16 overdue tasks on 31/12/2021");
        assert_eq!(overdue_in_store, 16);

        let body = read_body(&zip_part(&bytes, "word/document.xml"));
        let page = &body.elements["w:pgSz"][0];
        assert_eq!((page["w:w"].as_str(), page["w:h"].as_str()), ("11906", "16838"), "A4 in twips");
        let margins = &body.elements["w:pgMar"][0];
        // 20 mm = 1134 twips, 30 mm = 1701, 15 mm = 850.
        assert_eq!(margins["w:top"], "1134");
        assert_eq!(margins["w:bottom"], "1134");
        assert_eq!(margins["w:left"], "1701");
        assert_eq!(margins["w:right"], "850");
        assert!(body.elements.contains_key("w:titlePg"), "no number on the first page");

        let fonts = &body.elements["w:rFonts"];
        assert_eq!(fonts.len(), body.runs.len(), "every run names its font");
        for f in fonts {
            assert_eq!(f["w:ascii"], "Times New Roman");
            assert_eq!(f["w:hAnsi"], "Times New Roman", "accented letters need hAnsi");
        }

        let quoc_hieu = body.runs.iter().find(|r| r.0 == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").expect("Quốc hiệu");
        assert!(quoc_hieu.1, "Quốc hiệu is bold");
        assert_eq!(quoc_hieu.2.as_deref(), Some("26"), "13 pt");
        let motto = body.runs.iter().find(|r| r.0 == "Độc lập - Tự do - Hạnh phúc").expect("Tiêu ngữ");
        assert!(motto.1);
        assert_eq!(motto.2.as_deref(), Some("28"), "14 pt");
        assert!(body.paragraphs.iter().any(|p| p == "Thanh Hóa, ngày 31 tháng 12 năm 2021"), "place and date");
        assert!(body.paragraphs.iter().any(|p| p.starts_with("Số:") && p.ends_with("/BC-UBND")), "number left blank");
        assert!(body.paragraphs.iter().any(|p| p == "BÁO CÁO"));

        // The overdue table: a header and one row per overdue task, each
        // with its days late computed as the dashboard computes them.
        let table = body.tables.iter().find(|t| t[0].iter().any(|c| c == "Số ngày quá hạn")).expect("overdue table");
        assert_eq!(table.len() - 1, 16);
        for (row, o) in table[1..].iter().zip(&data.overdue) {
            assert!(row[1].starts_with(&o.task.task), "{row:?}");
            assert_eq!(row[4], o.days_overdue.to_string());
            let due = o.task.deadline.due.unwrap();
            assert_eq!(o.days_overdue, (day(2021, 12, 31) - due).num_days());
        }
        // The agency table names every lead agency once.
        let agencies = body.tables.iter().find(|t| t[0][0] == "Cơ quan chủ trì").expect("agency table");
        let leads: std::collections::BTreeSet<&str> =
            data.tasks.iter().flat_map(|t| t.lead.iter().map(String::as_str)).collect();
        assert_eq!(agencies.len() - 1, leads.len());

        let header = zip_part(&bytes, "word/header1.xml");
        assert!(header.contains("PAGE") && header.contains(r#"w:val="center""#), "{header}");
        let chart = zip_part(&bytes, "word/charts/chart1.xml");
        assert!(chart.contains("<c:barChart>") && chart.contains("Quá hạn"));
    })
    .await;
}

#[tokio::test]
async fn a_bad_period_is_refused_in_vietnamese() {
    each_backend(|store| async move {
        let request =
            ReportRequest { plan: Some(PLAN.into()), as_of: day(2021, 12, 31), period: Some("2021-Q5".into()) };
        let err = ReportData::load(&store, &request).await.unwrap_err();
        assert!(err.to_string().contains("kỳ báo cáo \"2021-Q5\" không hợp lệ"), "{err}");
    })
    .await;
}
