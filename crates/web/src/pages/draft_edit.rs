//! A reviewer's corrections to an import draft, the same for the review
//! page's form and for `PATCH /api/v1/imports/{id}`: header fields, each
//! task's content, agencies, product and deadline, body-only assignments
//! accepted or dropped, and agency names mapped onto the registry.
//!
//! Agency and deadline texts are read again with the parser's own rules,
//! so a corrected "Quý IV/2021" is understood exactly as if the document
//! had said it.

use axum::http::StatusCode;
use serde::Deserialize;
use theodoi_parser::agency::parse_agency_list;
use theodoi_parser::deadline::{parse_deadline, DeadlineContext};
use theodoi_parser::{AgencyMention, AgencyRole, Document, Origin, Task};

use crate::error::Problem;
use crate::fmt;

/// Everything a reviewer may change; a field left out stays as parsed.
/// An unknown field is refused, so a misspelt one is not silently lost.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftEdit {
    pub number: Option<String>,
    pub kind: Option<String>,
    pub issuer: Option<String>,
    /// `YYYY-MM-DD` or `dd/mm/yyyy`; empty clears it.
    pub issued_on: Option<String>,
    pub title: Option<String>,
    pub plan_title: Option<String>,
    #[serde(default)]
    pub tasks: Vec<TaskEdit>,
    #[serde(default)]
    pub agencies: Vec<AgencyEdit>,
}

/// Corrections to one task, found by its number ("2.1").
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskEdit {
    pub id: String,
    pub title: Option<String>,
    /// Lead agencies (chủ trì), separated by ";".
    pub lead: Option<String>,
    /// Coordinating agencies (phối hợp), separated by ";".
    pub coordinating: Option<String>,
    pub product: Option<String>,
    /// The deadline as it should read ("Quý IV/2021").
    pub deadline: Option<String>,
    /// `false` drops an assignment found only in the body text.
    pub keep: Option<bool>,
}

/// An agency name of the draft mapped onto a registry name.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgencyEdit {
    pub name: String,
    pub registry_name: String,
}

fn invalid(message: String) -> Problem {
    Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_input", message)
}

/// A trimmed text, or nothing when blank.
fn text(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Applies `edit` to `doc`; on a mistake `doc` is left as it was.
pub fn apply(doc: &Document, edit: &DraftEdit) -> Result<Document, Problem> {
    let mut out = doc.clone();
    apply_header(&mut out, edit)?;
    let default_year = out.document.issued_on.map(|d| chrono::Datelike::year(&d));
    let Some(plan) = out.plan.as_mut() else {
        return Ok(out);
    };
    if let Some(t) = &edit.plan_title {
        plan.title = text(t);
    }
    let mut dropped = Vec::new();
    for te in &edit.tasks {
        let task = plan
            .tasks
            .iter_mut()
            .find(|t| t.id == te.id)
            .ok_or_else(|| invalid(format!("Bản nháp không có nhiệm vụ số \"{}\".", te.id)))?;
        if te.keep == Some(false) {
            if task.origin != Origin::Body {
                return Err(invalid(format!(
                    "Nhiệm vụ {} thuộc bảng phụ lục nên không bỏ được; chỉ bỏ được nhiệm vụ tìm thấy trong phần nội dung.",
                    task.id
                )));
            }
            dropped.push(task.id.clone());
            continue;
        }
        apply_task(task, te, default_year)?;
    }
    plan.tasks.retain(|t| !dropped.contains(&t.id));
    for ae in &edit.agencies {
        if let Some(to) = text(&ae.registry_name) {
            rename_agency(&mut plan.tasks, ae.name.trim(), &to);
        }
    }
    Ok(out)
}

fn apply_header(doc: &mut Document, edit: &DraftEdit) -> Result<(), Problem> {
    let d = &mut doc.document;
    for (field, value) in [
        (&mut d.number, &edit.number),
        (&mut d.kind, &edit.kind),
        (&mut d.issuer, &edit.issuer),
        (&mut d.title, &edit.title),
    ] {
        if let Some(v) = value {
            *field = text(v);
        }
    }
    if let Some(day) = &edit.issued_on {
        d.issued_on = match text(day) {
            None => None,
            Some(s) => Some(fmt::parse_day(&s).ok_or_else(|| {
                invalid(format!("Ngày ban hành \"{s}\" không hợp lệ; hãy viết theo dạng dd/mm/yyyy."))
            })?),
        };
    }
    Ok(())
}

fn apply_task(task: &mut Task, te: &TaskEdit, default_year: Option<i32>) -> Result<(), Problem> {
    if let Some(title) = &te.title {
        task.title =
            text(title).ok_or_else(|| invalid(format!("Nội dung nhiệm vụ {} không được để trống.", task.id)))?;
    }
    if let Some(lead) = &te.lead {
        if lead.trim() != task.lead.join("; ") {
            set_agencies(task, AgencyRole::Lead, lead);
        }
    }
    if let Some(coordinating) = &te.coordinating {
        if coordinating.trim() != task.coordinating.join("; ") {
            set_agencies(task, AgencyRole::Coordinating, coordinating);
        }
    }
    if let Some(product) = &te.product {
        task.product = text(product);
    }
    if let Some(deadline) = &te.deadline {
        if deadline.trim() != task.deadline.text {
            let year = task.deadline.due.map(|d| chrono::Datelike::year(&d)).or(default_year);
            task.deadline = parse_deadline(deadline, &DeadlineContext { default_year: year }).0;
        }
    }
    Ok(())
}

/// Replaces the agencies of one role with those read from `written`.
fn set_agencies(task: &mut Task, role: AgencyRole, written: &str) {
    let list = parse_agency_list(written);
    let names: Vec<String> = list.agencies.iter().map(|a| a.name.clone()).collect();
    task.agencies.retain(|m| m.role != role);
    task.agencies.extend(list.agencies.into_iter().map(|a| AgencyMention {
        role,
        name: a.name,
        as_written: a.as_written,
        collective: a.collective,
    }));
    match role {
        AgencyRole::Lead => task.lead = names,
        AgencyRole::Coordinating => {
            task.coordinating = names;
            task.coordinating_others = list.others;
        }
    }
}

/// Calls agency `from` by the registry's name `to` in every task.
fn rename_agency(tasks: &mut [Task], from: &str, to: &str) {
    for task in tasks {
        for name in task.lead.iter_mut().chain(task.coordinating.iter_mut()) {
            if name == from {
                *name = to.to_string();
            }
        }
        for m in &mut task.agencies {
            if m.name == from {
                m.name = to.to_string();
            }
        }
    }
}

/// Every distinct agency name of a draft's tasks, in order of first use.
pub fn agency_names(doc: &Document) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for task in doc.plan.iter().flat_map(|p| &p.tasks) {
        for name in task.lead.iter().chain(&task.coordinating) {
            if !names.contains(name) {
                names.push(name.clone());
            }
        }
    }
    names
}

/// Reads the review form's fields (`task.3.lead`, `agency.0.name` …)
/// into an edit.
pub fn from_form(fields: &[(String, String)]) -> DraftEdit {
    let mut edit = DraftEdit::default();
    let mut tasks: std::collections::BTreeMap<usize, TaskEdit> = Default::default();
    let mut agencies: std::collections::BTreeMap<usize, AgencyEdit> = Default::default();
    for (key, value) in fields {
        let v = Some(value.clone());
        match key.split('.').collect::<Vec<_>>().as_slice() {
            ["number"] => edit.number = v,
            ["kind"] => edit.kind = v,
            ["issuer"] => edit.issuer = v,
            ["issued_on"] => edit.issued_on = v,
            ["title"] => edit.title = v,
            ["plan_title"] => edit.plan_title = v,
            ["task", i, field] => {
                let Ok(i) = i.parse() else { continue };
                let t = tasks.entry(i).or_default();
                match *field {
                    "id" => t.id = value.clone(),
                    "title" => t.title = v,
                    "lead" => t.lead = v,
                    "coordinating" => t.coordinating = v,
                    "product" => t.product = v,
                    "deadline" => t.deadline = v,
                    "keep" => t.keep = Some(value != "0"),
                    _ => {}
                }
            }
            ["agency", i, field] => {
                let Ok(i) = i.parse() else { continue };
                let a = agencies.entry(i).or_default();
                match *field {
                    "name" => a.name = value.clone(),
                    "registry" => a.registry_name = value.clone(),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    edit.tasks = tasks.into_values().filter(|t| !t.id.is_empty()).collect();
    edit.agencies = agencies.into_values().filter(|a| !a.name.is_empty()).collect();
    edit
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../../../examples/qd-2999-ubnd-thanh-hoa-2021.txt");

    fn seed() -> Document {
        theodoi_parser::parse_str(SEED, &theodoi_parser::Options::default()).unwrap()
    }

    fn task<'a>(doc: &'a Document, id: &str) -> &'a Task {
        doc.plan.as_ref().unwrap().tasks.iter().find(|t| t.id == id).unwrap()
    }

    #[test]
    fn a_corrected_deadline_and_lead_are_read_with_the_parsers_rules() {
        let doc = seed();
        let edit = DraftEdit {
            tasks: vec![TaskEdit {
                id: "2.1".into(),
                lead: Some("Sở Tài chính; Sở KH&ĐT".into()),
                deadline: Some("Quý II/2022".into()),
                ..TaskEdit::default()
            }],
            ..DraftEdit::default()
        };
        let out = apply(&doc, &edit).unwrap();
        let t = task(&out, "2.1");
        assert_eq!(t.lead, ["Sở Tài chính", "Sở Kế hoạch và Đầu tư"]);
        assert_eq!(t.deadline.due, chrono::NaiveDate::from_ymd_opt(2022, 6, 30));
        assert_eq!(t.agencies.iter().filter(|m| m.role == AgencyRole::Lead).count(), 2);
        assert_eq!(task(&doc, "2.1").lead, ["Sở Kế hoạch và Đầu tư"], "the original is untouched");
    }

    #[test]
    fn an_empty_title_or_unknown_task_is_refused() {
        let doc = seed();
        let blank = DraftEdit {
            tasks: vec![TaskEdit { id: "2.1".into(), title: Some("  ".into()), ..TaskEdit::default() }],
            ..DraftEdit::default()
        };
        assert!(apply(&doc, &blank).unwrap_err().message.contains("không được để trống"));
        let unknown =
            DraftEdit { tasks: vec![TaskEdit { id: "99.9".into(), ..TaskEdit::default() }], ..DraftEdit::default() };
        assert!(apply(&doc, &unknown).unwrap_err().message.contains("99.9"));
    }

    #[test]
    fn appendix_tasks_cannot_be_dropped_and_agencies_map_onto_the_registry() {
        let doc = seed();
        let drop = DraftEdit {
            tasks: vec![TaskEdit { id: "2.1".into(), keep: Some(false), ..TaskEdit::default() }],
            ..DraftEdit::default()
        };
        assert!(apply(&doc, &drop).is_err());
        let rename = DraftEdit {
            agencies: vec![AgencyEdit {
                name: "Sở Kế hoạch và Đầu tư".into(), registry_name: "Sở KHĐT mới".into()
            }],
            ..DraftEdit::default()
        };
        let out = apply(&doc, &rename).unwrap();
        assert_eq!(task(&out, "2.1").lead, ["Sở KHĐT mới"]);
        assert!(!agency_names(&out).contains(&"Sở Kế hoạch và Đầu tư".to_string()));
    }

    #[test]
    fn form_fields_become_an_edit() {
        let fields: Vec<(String, String)> = [
            ("number", "2999/QĐ-UBND"),
            ("task.0.id", "2.1"),
            ("task.0.keep", "0"),
            ("task.1.id", "2.2"),
            ("task.1.product", "Báo cáo"),
            ("agency.0.name", "A"),
            ("agency.0.registry", "B"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let edit = from_form(&fields);
        assert_eq!(edit.number.as_deref(), Some("2999/QĐ-UBND"));
        assert_eq!(edit.tasks.len(), 2);
        assert_eq!(edit.tasks[0].keep, Some(false));
        assert_eq!(edit.tasks[1].product.as_deref(), Some("Báo cáo"));
        assert_eq!(edit.agencies[0].registry_name, "B");
    }
}
