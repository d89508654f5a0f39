//! `theodoi progress`, `confirm` and `return`: an agency's report and the
//! monitor's answer to a claim of completion.

use std::process::ExitCode;

use anyhow::Result;
use theodoi_store::{Decision, ProgressInput, Store};

use super::{today, CLI_ACTOR};
use crate::cli::{DecideArgs, ProgressArgs, ReturnArgs};

pub async fn progress(store: &Store, args: &ProgressArgs) -> Result<ExitCode> {
    let input = ProgressInput {
        plan: args.plan.clone(),
        task: args.task.clone(),
        agency: args.agency.clone(),
        percent: args.percent,
        done: args.done,
        done_on: args.done_on,
        note: args.note.clone(),
        difficulties: args.difficulties.clone(),
        evidence: args.evidence.clone(),
        period: args.period.clone(),
        on: args.on.unwrap_or_else(today),
        expected_version: None,
    };
    store.record_progress(&input, CLI_ACTOR).await?;
    let claim = if args.done { ", đề nghị công nhận hoàn thành" } else { "" };
    println!("Đã ghi báo cáo nhiệm vụ {} của {}: {}%{claim}.", args.task, args.agency, args.percent);
    Ok(ExitCode::SUCCESS)
}

pub async fn confirm(store: &Store, args: &DecideArgs) -> Result<ExitCode> {
    decide(store, args, Decision::Confirmed).await?;
    println!("Đã xác nhận hoàn thành nhiệm vụ {}.", args.task);
    Ok(ExitCode::SUCCESS)
}

pub async fn give_back(store: &Store, args: &ReturnArgs) -> Result<ExitCode> {
    decide(store, &args.decide, Decision::Returned { reason: args.reason.clone() }).await?;
    println!("Đã trả lại đề nghị của nhiệm vụ {}: {}", args.decide.task, args.reason);
    Ok(ExitCode::SUCCESS)
}

async fn decide(store: &Store, args: &DecideArgs, decision: Decision) -> Result<()> {
    let on = args.on.unwrap_or_else(today);
    store.decide(&args.plan, &args.task, args.agency.as_deref(), &decision, on, CLI_ACTOR).await?;
    Ok(())
}
