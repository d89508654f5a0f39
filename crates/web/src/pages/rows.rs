//! Task rows as templates show them, built once from the store's view so
//! every list (dashboard, plan, agency workspace, search) looks the same.

use theodoi_store::TaskView;

use crate::fmt;

#[derive(Debug, Clone)]
pub struct TaskRow {
    pub id: i64,
    pub plan: String,
    pub code: String,
    pub title: String,
    pub lead: String,
    pub coordinating: String,
    pub deadline: String,
    pub due: String,
    pub status: &'static str,
    pub status_class: &'static str,
    pub due_soon: bool,
    pub days_overdue: i64,
    pub percent: String,
}

impl From<&TaskView> for TaskRow {
    fn from(t: &TaskView) -> TaskRow {
        TaskRow {
            id: t.id,
            plan: t.plan.clone(),
            code: t.task.clone(),
            title: t.title.clone(),
            lead: t.lead.join("; "),
            coordinating: t.coordinating.join("; "),
            deadline: t.deadline.text.clone(),
            due: fmt::opt_date(t.deadline.due),
            status: t.status.label_vi(),
            status_class: fmt::status_class(t.status),
            due_soon: t.due_soon,
            days_overdue: t.days_overdue.unwrap_or(0),
            percent: t.percent.map_or_else(|| "—".into(), |p| format!("{p}%")),
        }
    }
}

pub fn rows(tasks: &[TaskView]) -> Vec<TaskRow> {
    tasks.iter().map(TaskRow::from).collect()
}
