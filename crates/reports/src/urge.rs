//! Urging letters (công văn đôn đốc): one per agency that is late, in the
//! NĐ 30 layout, naming its overdue tasks (with days late) and the tasks
//! falling due soon, and asking for a report by a set day.

use chrono::{Duration, NaiveDate};
use theodoi_core::vi::{fold, sort_key};
use theodoi_core::TaskStatus;
use theodoi_store::{Role, Store, TaskFilter, TaskView};

use crate::data::{code_key, PlanInfo};
use crate::error::Result;
use crate::model::{Align, Cell, Doc, Para, Run, Table};
use crate::nd30::{self, body, date_vi, Issuer, Signature, BODY, SMALL};

/// Days an agency is given to answer a letter.
pub const ANSWER_DAYS: i64 = 10;

/// One letter's facts.
#[derive(Debug, Clone, PartialEq)]
pub struct UrgeLetter {
    pub plan: PlanInfo,
    pub agency: String,
    pub as_of: NaiveDate,
    pub overdue: Vec<TaskView>,
    pub due_soon: Vec<TaskView>,
}

impl UrgeLetter {
    /// Every task the letter names.
    pub fn tasks(&self) -> impl Iterator<Item = &TaskView> {
        self.overdue.iter().chain(&self.due_soon)
    }
}

/// The letters to send on `as_of`: one per lead agency with an overdue task
/// or a task due within `soon_days` (only `agency`, when named), sorted by
/// agency name in Vietnamese order.
pub async fn letters(
    store: &Store,
    plan: &str,
    as_of: NaiveDate,
    agency: Option<&str>,
    soon_days: i64,
) -> Result<Vec<UrgeLetter>> {
    let info = PlanInfo::load(store, plan).await?;
    let mut filter = TaskFilter::as_of(as_of);
    filter.plan = Some(plan.to_string());
    filter.due_soon_days = soon_days;
    if let Some(a) = agency {
        filter.agency = Some(a.to_string());
        filter.role = Some(Role::Lead);
    }
    let tasks = store.tasks(&filter).await?.items;
    let late: Vec<&TaskView> = tasks
        .iter()
        .filter(|t| t.status == TaskStatus::Overdue || (t.due_soon && t.status == TaskStatus::InProgress))
        .collect();
    let mut names: Vec<String> = match agency {
        Some(a) => vec![canonical(a, &late)],
        None => late.iter().flat_map(|t| t.lead.iter().cloned()).collect(),
    };
    names.sort_by_key(|n| sort_key(n));
    names.dedup();
    let mut out = Vec::new();
    for name in names {
        let theirs: Vec<TaskView> =
            late.iter().filter(|t| agency.is_some() || t.lead.contains(&name)).map(|t| (*t).clone()).collect();
        let (mut overdue, mut due_soon): (Vec<TaskView>, Vec<TaskView>) =
            theirs.into_iter().partition(|t| t.status == TaskStatus::Overdue);
        if overdue.is_empty() && due_soon.is_empty() {
            continue;
        }
        overdue.sort_by(|a, b| {
            b.days_overdue.cmp(&a.days_overdue).then_with(|| code_key(&a.task).cmp(&code_key(&b.task)))
        });
        due_soon.sort_by_key(|t| t.deadline.due);
        out.push(UrgeLetter { plan: info.clone(), agency: name, as_of, overdue, due_soon });
    }
    Ok(out)
}

/// The agency's name as the registry writes it, when `asked` (typed
/// without diacritics, perhaps) is part of one of the tasks' leads.
fn canonical(asked: &str, tasks: &[&TaskView]) -> String {
    let key = fold(asked);
    tasks
        .iter()
        .flat_map(|t| t.lead.iter())
        .find(|l| fold(l).contains(&key))
        .cloned()
        .unwrap_or_else(|| asked.to_string())
}

/// A file name for an agency's letter: folded, hyphenated, short.
pub fn file_stem(agency: &str) -> String {
    let folded = fold(agency);
    let mut stem = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            stem.push(c);
        } else if !stem.ends_with('-') && !stem.is_empty() {
            stem.push('-');
        }
    }
    let stem: String = stem.trim_end_matches('-').chars().take(60).collect();
    format!("cong-van-don-doc-{}", stem.trim_end_matches('-'))
}

/// The excerpt under the number: what the letter is about.
pub fn excerpt(letter: &UrgeLetter) -> String {
    format!("V/v đôn đốc thực hiện nhiệm vụ tại Kế hoạch ban hành kèm theo Quyết định số {}", letter.plan.number)
}

/// The letter as a document.
pub fn build(letter: &UrgeLetter) -> Doc {
    let mut doc = Doc::new(format!("Công văn đôn đốc {}", letter.agency));
    let issuer = Issuer::from_plan(letter.plan.issuer.as_deref(), &letter.plan.number, letter.plan.place.as_deref());
    let number = nd30::number_line(None, &format!("{}-THKH", issuer.abbreviation));
    doc.push(nd30::letterhead(&issuer, &number, Some(&excerpt(letter)), letter.as_of));
    doc.push(
        Para::new(Align::Center, vec![Run::new("Kính gửi: ", BODY), Run::new(format!("{}.", letter.agency), BODY)])
            .before(12.0)
            .after(12.0),
    );
    let issued = letter.plan.issued_on.map(|d| format!(" ngày {}", date_vi(Some(d)))).unwrap_or_default();
    let mut counts = Vec::new();
    if !letter.overdue.is_empty() {
        counts.push(format!("{} nhiệm vụ đã quá hạn", letter.overdue.len()));
    }
    if !letter.due_soon.is_empty() {
        counts.push(format!("{} nhiệm vụ sắp đến hạn", letter.due_soon.len()));
    }
    doc.push(body(format!(
        "Thực hiện Kế hoạch hành động ban hành kèm theo Quyết định số {}{issued}, theo kết quả theo dõi đến ngày {}, \
         {} còn {} chưa hoàn thành, cụ thể như sau:",
        letter.plan.number,
        date_vi(Some(letter.as_of)),
        letter.agency,
        counts.join(" và ")
    )));
    doc.push(task_table(letter));
    let answer_by = letter.as_of + Duration::days(ANSWER_DAYS);
    doc.push(body(format!(
        "Để bảo đảm tiến độ thực hiện Kế hoạch, đề nghị {} khẩn trương tập trung chỉ đạo thực hiện các nhiệm vụ nêu \
         trên; đối với nhiệm vụ quá hạn, báo cáo rõ kết quả đã thực hiện, nguyên nhân chậm, khó khăn, vướng mắc và \
         thời gian hoàn thành; gửi báo cáo về Sở Kế hoạch và Đầu tư trước ngày {} để tổng hợp, báo cáo theo quy định./.",
        letter.agency,
        date_vi(Some(answer_by))
    )));
    let recipients = vec![
        "Như trên".to_string(),
        "Chủ tịch, các Phó Chủ tịch UBND tỉnh (để b/c)".to_string(),
        "Sở Kế hoạch và Đầu tư".to_string(),
    ];
    let signature = Signature {
        capacity: "TM. ỦY BAN NHÂN DÂN".into(), position: "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH".into()
    };
    doc.push(nd30::closing(&recipients, "VT, THKH", &signature));
    doc
}

fn task_table(letter: &UrgeLetter) -> Table {
    let header: Vec<Cell> = ["STT", "Nhiệm vụ", "Sản phẩm", "Thời hạn", "Tình trạng"]
        .iter()
        .map(|t| Cell::text(Align::Center, *t, SMALL).bold().shaded())
        .collect();
    let mut rows = vec![header];
    for (i, t) in letter.tasks().enumerate() {
        let state = match t.days_overdue {
            Some(days) if t.status == TaskStatus::Overdue => format!("Quá hạn {days} ngày"),
            _ => "Sắp đến hạn".to_string(),
        };
        rows.push(vec![
            Cell::text(Align::Center, (i + 1).to_string(), SMALL),
            Cell::text(Align::Left, format!("{} {}", t.task, t.title), SMALL),
            Cell::text(Align::Left, t.product.clone().unwrap_or_default(), SMALL),
            Cell::text(Align::Center, format!("{}\n({})", date_vi(t.deadline.due), t.deadline.text), SMALL),
            Cell::text(Align::Center, state, SMALL),
        ]);
    }
    Table { widths: vec![10.0, 66.0, 33.0, 26.0, 30.0], rows, header_rows: 1, borders: true }
}
