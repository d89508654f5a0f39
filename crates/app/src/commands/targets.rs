//! `theodoi targets` and `theodoi target set`.

use std::process::ExitCode;

use anyhow::Result;
use theodoi_store::{Store, TargetAssessment, TargetValueInput};

use super::{print_json, today, CLI_ACTOR};
use crate::cli::{TargetCommand, TargetsArgs};
use crate::output::{cut, number_vi, pad};

pub async fn list(store: &Store, args: &TargetsArgs) -> Result<ExitCode> {
    let targets = store.targets(args.plan.as_deref(), args.as_of.unwrap_or_else(today)).await?;
    if args.json {
        print_json(&targets)?;
        return Ok(ExitCode::SUCCESS);
    }
    for t in &targets {
        let when = match (t.year, t.period) {
            (Some(y), _) => format!("năm {y}"),
            (None, Some([a, b])) => format!("{a}-{b}"),
            _ => "-".into(),
        };
        let goal = format!("{} {} {}", t.comparator, number_vi(t.value), t.unit.as_deref().unwrap_or(""));
        let actual = t.actuals.last().map(|(y, v)| format!("{} ({y})", number_vi(*v))).unwrap_or_else(|| "-".into());
        let state = match &t.assessment {
            TargetAssessment::NoData => "chưa có số liệu".to_string(),
            TargetAssessment::Met => "đạt".to_string(),
            TargetAssessment::NotMet => "không đạt".to_string(),
            TargetAssessment::OnTrack { needed_average } => {
                format!("đúng hướng, cần bình quân {}", number_vi(*needed_average))
            }
            TargetAssessment::OffTrack { needed_average } => {
                format!("khó đạt, cần bình quân {}", number_vi(*needed_average))
            }
        };
        println!(
            "{} {} {} {} {}",
            pad(&cut(&t.indicator, 50), 50),
            pad(&when, 10),
            pad(&goal, 20),
            pad(&actual, 14),
            state
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn set(store: &Store, command: TargetCommand) -> Result<ExitCode> {
    let TargetCommand::Set { plan, indicator, year, value, source } = command;
    let input = TargetValueInput { plan, indicator, year, value, source };
    store.set_target_value(&input, CLI_ACTOR).await?;
    println!("Đã ghi giá trị {} năm {} cho chỉ tiêu \"{}\".", number_vi(input.value), input.year, input.indicator);
    Ok(ExitCode::SUCCESS)
}
