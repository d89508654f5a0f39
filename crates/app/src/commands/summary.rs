//! `theodoi summary`: counts by status, group and agency; the most overdue;
//! missing periodic reports.

use std::process::ExitCode;

use anyhow::Result;
use theodoi_core::TaskStatus;
use theodoi_store::Store;

use super::{print_json, today};
use crate::cli::SummaryArgs;
use crate::output::{cut, date_vi, pad};

pub async fn run(store: &Store, args: &SummaryArgs) -> Result<ExitCode> {
    let summary = store.summary(args.plan.as_deref(), args.as_of.unwrap_or_else(today)).await?;
    if args.json {
        print_json(&summary)?;
        return Ok(ExitCode::SUCCESS);
    }
    println!("Tổng hợp ngày {}: {} nhiệm vụ", date_vi(Some(summary.as_of)), summary.total);
    for status in TaskStatus::ALL {
        println!("  {} {}", pad(status.label_vi(), 28), summary.by_status.get(status.as_str()).unwrap_or(&0));
    }
    println!("\nTheo nhóm nhiệm vụ:");
    for g in &summary.by_group {
        let group = g.group.map_or("-".to_string(), |n| n.to_string());
        let overdue = g.by_status.get("overdue").unwrap_or(&0);
        println!("  {} nhóm {}: {} nhiệm vụ, {} quá hạn", g.plan, group, g.total, overdue);
    }
    println!("\nTheo cơ quan chủ trì (nhiều quá hạn nhất trước):");
    for a in &summary.by_agency {
        println!(
            "  {} {} nhiệm vụ, {} quá hạn, {} hoàn thành",
            pad(&cut(&a.agency, 50), 50),
            a.total,
            a.overdue,
            a.done
        );
    }
    if !summary.most_overdue.is_empty() {
        println!("\nQuá hạn lâu nhất:");
        for t in &summary.most_overdue {
            println!("  {} {} — {} ngày (hạn {})", t.task, cut(&t.title, 60), t.days_overdue, date_vi(t.due));
        }
    }
    if !summary.missing_reports.is_empty() {
        println!("\nThiếu báo cáo định kỳ:");
        for m in &summary.missing_reports {
            println!("  {} nhiệm vụ {}: {} kỳ {}", m.plan, m.task, m.agency, m.period);
        }
    }
    Ok(ExitCode::SUCCESS)
}
