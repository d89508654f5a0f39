//! `theodoi agencies` and `theodoi agency merge|add-member`.

use std::process::ExitCode;

use anyhow::Result;
use theodoi_store::Store;

use super::{print_json, CLI_ACTOR};
use crate::cli::AgencyCommand;
use crate::output::pad;

pub async fn list(store: &Store, json: bool) -> Result<ExitCode> {
    let agencies = store.agencies().await?;
    if json {
        print_json(&agencies)?;
        return Ok(ExitCode::SUCCESS);
    }
    println!("{} {} Phối hợp", pad("Cơ quan", 60), pad("Chủ trì", 8));
    for a in &agencies {
        let name = if a.collective { format!("{} (nhóm)", a.name) } else { a.name.clone() };
        println!("{} {} {}", pad(&name, 60), pad(&a.lead_tasks.to_string(), 8), a.coordinating_tasks);
        if !a.aliases.is_empty() {
            println!("    tên khác: {}", a.aliases.join("; "));
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn manage(store: &Store, command: AgencyCommand) -> Result<ExitCode> {
    match command {
        AgencyCommand::Merge { alias, canonical } => {
            store.merge_agency(&alias, &canonical, CLI_ACTOR).await?;
            println!("Đã gộp \"{alias}\" vào \"{canonical}\".");
        }
        AgencyCommand::AddMember { collective, member } => {
            store.add_member(&collective, &member, CLI_ACTOR).await?;
            println!("Đã thêm \"{member}\" vào nhóm \"{collective}\".");
        }
    }
    Ok(ExitCode::SUCCESS)
}
