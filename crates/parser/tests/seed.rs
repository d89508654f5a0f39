//! The seed document, Decision 2999/QĐ-UBND (Thanh Hóa, 09/08/2021), read
//! the way its users check it: the header, the 50 appendix tasks with their
//! agencies and deadlines, and the groups' 2025/2030 targets.

use chrono::NaiveDate;
use theodoi_parser::{Comparator, DeadlineKind, Document, Options, Origin, Target, Task};

const SEED: &[u8] = include_bytes!("../../../examples/qd-2999-ubnd-thanh-hoa-2021.txt");

fn seed() -> Document {
    theodoi_parser::parse(SEED, &Options::default()).expect("the seed parses")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn appendix(doc: &Document) -> Vec<&Task> {
    doc.plan.as_ref().unwrap().tasks.iter().filter(|t| t.origin == Origin::Appendix).collect()
}

fn task<'a>(doc: &'a Document, id: &str) -> &'a Task {
    appendix(doc).into_iter().find(|t| t.id == id).unwrap_or_else(|| panic!("no appendix task {id}"))
}

#[test]
fn header_is_read() {
    let doc = seed();
    let d = &doc.document;
    assert_eq!(d.number.as_deref(), Some("2999/QĐ-UBND"));
    assert_eq!(d.kind.as_deref(), Some("Quyết định"));
    assert_eq!(d.issuer.as_deref(), Some("Ủy ban nhân dân tỉnh Thanh Hóa"));
    assert_eq!(d.place.as_deref(), Some("Thanh Hóa"));
    assert_eq!(d.issued_on, Some(date(2021, 8, 9)));
    assert!(d.title.as_deref().unwrap().starts_with("VỀ VIỆC BAN HÀNH KẾ HOẠCH HÀNH ĐỘNG"));
    let signer = d.signer.as_ref().unwrap();
    assert_eq!(signer.name, "Đỗ Minh Tuấn");
    assert_eq!(signer.position.as_deref(), Some("Chủ tịch"));
    assert_eq!(signer.capacity.as_deref(), Some("TM. Ủy ban nhân dân"));
    assert!(d.recipients.iter().any(|r| r.starts_with("Văn phòng Chính phủ")), "{:?}", d.recipients);
}

#[test]
fn legal_bases_cite_the_parent_documents() {
    let doc = seed();
    let cited: Vec<&str> = doc.document.legal_bases.iter().flat_map(|b| b.cites.iter().map(String::as_str)).collect();
    for number in ["58-NQ/TW", "13/NQ-CP", "11-CTr/TU"] {
        assert!(cited.contains(&number), "{number} not in {cited:?}");
    }
    let refs = &doc.document.references;
    let nq13 = refs.iter().find(|r| r.number == "13/NQ-CP").expect("13/NQ-CP referenced");
    assert_eq!(nq13.issued_on, Some(date(2021, 2, 3)));
    assert_eq!(nq13.kind.as_deref(), Some("Nghị quyết"));
    assert!(refs.iter().any(|r| r.number == "3584/SKHĐT-TH"));
    assert_eq!(refs.iter().filter(|r| r.number == "58-NQ/TW").count(), 1, "each reference once");
}

#[test]
fn ten_groups_and_fifty_appendix_tasks() {
    let doc = seed();
    let plan = doc.plan.as_ref().unwrap();
    let numbers: Vec<u32> = plan.groups.iter().map(|g| g.number).collect();
    assert_eq!(numbers, (1..=10).collect::<Vec<_>>());
    assert_eq!(plan.groups[0].title, "Công tác quán triệt, tuyên truyền, phổ biến thông tin");
    assert!(plan.groups[2].general_task.as_deref().unwrap().starts_with("Tập trung phát triển kinh tế nhanh"));
    let ids: Vec<&str> = appendix(&doc).iter().map(|t| t.id.as_str()).collect();
    let per_group = [(2, 6), (3, 11), (4, 4), (5, 2), (6, 10), (7, 6), (8, 4), (9, 3), (10, 3)];
    let mut expected = vec!["1".to_string()];
    for (group, count) in per_group {
        expected.extend((1..=count).map(|i| format!("{group}.{i}")));
    }
    assert_eq!(ids, expected);
    for t in appendix(&doc) {
        assert!(!t.lead.is_empty(), "task {} has no lead", t.id);
        assert!(t.product.as_deref().is_some_and(|p| !p.is_empty()), "task {} has no product", t.id);
    }
}

#[test]
fn deadlines_follow_the_domain_rules() {
    let doc = seed();
    let t = task(&doc, "2.4");
    assert_eq!(t.deadline.text, "Trước tháng 9/2021");
    assert_eq!(t.deadline.kind, DeadlineKind::Before);
    assert_eq!(t.deadline.due, Some(date(2021, 8, 31)));

    let t = task(&doc, "3.4");
    assert_eq!(t.deadline.kind, DeadlineKind::Quarter);
    assert_eq!(t.deadline.due, Some(date(2021, 9, 30)));
    assert_eq!(t.deadline.reports_to.as_deref(), Some("Thủ tướng Chính phủ"));

    let t = task(&doc, "4.2");
    assert_eq!(t.deadline.kind, DeadlineKind::Period);
    assert_eq!(t.deadline.due, Some(date(2025, 12, 31)));
    assert_eq!(t.deadline.milestones.len(), 1);
    assert_eq!(t.deadline.milestones[0].due, Some(date(2021, 12, 31)));

    let t = task(&doc, "2.3");
    assert_eq!(t.deadline.kind, DeadlineKind::AsRegulated);
    assert_eq!(t.deadline.due, None);
    assert_eq!(task(&doc, "8.1").deadline.kind, DeadlineKind::Recurring);
    assert_eq!(task(&doc, "10.1").deadline.kind, DeadlineKind::Continuous);
}

#[test]
fn deadline_mix_matches_the_tracker_figures() {
    let doc = seed();
    let tasks = appendix(&doc);
    let no_due = tasks.iter().filter(|t| t.deadline.due.is_none()).count();
    assert_eq!(no_due, 15, "continuous, recurring and as-regulated tasks");
    let overdue_on = |day: NaiveDate| tasks.iter().filter(|t| t.deadline.due.is_some_and(|d| d < day)).count();
    assert_eq!(overdue_on(date(2021, 9, 1)), 6);
    assert_eq!(overdue_on(date(2021, 12, 31)), 16);
    assert_eq!(overdue_on(date(2022, 1, 1)), 18);
}

#[test]
fn agencies_are_split_and_canonical() {
    let doc = seed();
    let t = task(&doc, "2.6");
    assert_eq!(t.lead, ["Sở Tài nguyên và Môi trường"]);
    assert_eq!(
        t.coordinating,
        ["Sở Xây dựng", "Sở Kế hoạch và Đầu tư", "Sở Tài chính", "Sở Nông nghiệp và Phát triển nông thôn"]
    );
    assert!(t.coordinating_others);
    assert_eq!(task(&doc, "6.3").lead, task(&doc, "6.4").lead);
    assert_eq!(task(&doc, "4.1").lead.len(), 3);
    let first = task(&doc, "1");
    assert_eq!(first.lead.len(), 2);
    assert!(first.agencies.iter().filter(|a| a.role == theodoi_parser::AgencyRole::Lead).all(|a| a.collective));
    let kkt = &task(&doc, "3.3").lead;
    assert_eq!(kkt, &task(&doc, "2.2").coordinating[2..3].to_vec());
}

fn find_target<'a>(targets: &'a [Target], words: &str, year: Option<i32>, value: f64) -> &'a Target {
    targets
        .iter()
        .find(|t| t.indicator.contains(words) && (t.year == year || year.is_none()) && (t.value - value).abs() < 1e-9)
        .unwrap_or_else(|| panic!("no target '{words}' {year:?} = {value}; have {targets:#?}"))
}

#[test]
fn group_targets_are_read() {
    let doc = seed();
    let targets = &doc.plan.as_ref().unwrap().targets;
    assert!(targets.len() >= 40, "about 45 targets, got {}", targets.len());
    let growth = find_target(targets, "GRDP", None, 11.0);
    assert_eq!(growth.comparator, Comparator::AtLeast);
    assert_eq!(growth.period, Some([2021, 2025]));
    assert_eq!(growth.unit.as_deref(), Some("%"));
    let per_head = find_target(targets, "bình quân đầu người", Some(2025), 5200.0);
    assert_eq!(per_head.unit.as_deref(), Some("USD"));
    find_target(targets, "bình quân đầu người", Some(2030), 8990.0);
    find_target(targets, "trường chuẩn quốc gia", Some(2025), 81.0);
    find_target(targets, "trường chuẩn quốc gia", Some(2030), 95.0);
    find_target(targets, "bác sỹ", Some(2025), 13.0);
    find_target(targets, "bác sỹ", Some(2030), 15.0);
    let pci = find_target(targets, "năng lực cạnh tranh", Some(2025), 10.0);
    assert_eq!(pci.comparator, Comparator::AtMost);
    assert_eq!(pci.group, Some(5));
}
