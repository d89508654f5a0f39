//! `theodoi tasks`: the task list with each task's status on a day.

use std::process::ExitCode;

use anyhow::{bail, Result};
use theodoi_core::TaskStatus;
use theodoi_store::{Role, Store, TaskFilter};

use super::{print_json, today};
use crate::cli::{RoleArg, TasksArgs};
use crate::output::{cut, date_vi, pad};

pub async fn run(store: &Store, args: &TasksArgs) -> Result<ExitCode> {
    let status = match args.status.as_deref() {
        None => None,
        Some(s) => match TaskStatus::parse(s) {
            Some(status) => Some(status),
            None => bail!(
                "tình trạng \"{s}\" không hợp lệ; dùng một trong: {}",
                TaskStatus::ALL.map(TaskStatus::as_str).join(", ")
            ),
        },
    };
    let filter = TaskFilter {
        plan: args.plan.clone(),
        agency: args.agency.clone(),
        role: args.role.map(|r| match r {
            RoleArg::Lead => Role::Lead,
            RoleArg::Coordinating => Role::Coordinating,
        }),
        status,
        q: args.q.clone(),
        due_soon_days: args.due_soon_days,
        ..TaskFilter::as_of(args.as_of.unwrap_or_else(today))
    };
    let page = store.tasks(&filter).await?;
    if args.json {
        print_json(&page.items)?;
        return Ok(ExitCode::SUCCESS);
    }
    println!("Tình trạng nhiệm vụ ngày {}: {} nhiệm vụ", date_vi(Some(filter.as_of)), page.total);
    println!("{} {} {} {} Tình trạng", pad("STT", 6), pad("Nội dung", 50), pad("Chủ trì", 34), pad("Hạn", 10));
    for t in &page.items {
        let mut status = t.status.label_vi().to_string();
        if let Some(days) = t.days_overdue {
            status.push_str(&format!(" {days} ngày"));
        }
        if t.due_soon {
            status.push_str(" (sắp đến hạn)");
        }
        println!(
            "{} {} {} {} {}",
            pad(&t.task, 6),
            pad(&cut(&t.title, 50), 50),
            pad(&cut(&t.lead.join("; "), 34), 34),
            pad(&date_vi(t.deadline.due), 10),
            status
        );
    }
    Ok(ExitCode::SUCCESS)
}
