//! Commands that work on the database. Each opens the store named by
//! `--database-url`, does one thing, and prints a table (or JSON).

mod agencies;
mod backup;
mod dev;
pub mod export;
mod import;
mod progress;
pub mod remind;
pub mod report;
mod serve;
mod summary;
mod targets;
mod tasks;
pub mod urge;
mod users;

use std::process::ExitCode;

use anyhow::Result;
use chrono::NaiveDate;
use theodoi_store::Store;

use crate::cli::{Cli, Command};

/// Who the command line acts as until accounts exist: the monitor.
pub const CLI_ACTOR: &str = "monitor (dòng lệnh)";

pub async fn run(cli: Cli) -> Result<ExitCode> {
    let url = cli.database_url;
    let command = cli.command.unwrap_or(Command::Serve(Default::default()));
    match command {
        Command::Parse(_) => unreachable!("parse needs no database"),
        Command::Serve(args) => return serve::run(&url, &args).await,
        Command::Backup(args) => return backup::backup(&url, &args.file).await,
        Command::Restore(args) => return backup::restore(&url, &args.file).await,
        command => {
            let store = Store::open(&url).await?;
            let code = dispatch(&store, command).await;
            store.close().await;
            code
        }
    }
}

async fn dispatch(store: &Store, command: Command) -> Result<ExitCode> {
    match command {
        Command::Import(args) => import::run(store, &args).await,
        Command::Tasks(args) => tasks::run(store, &args).await,
        Command::Summary(args) => summary::run(store, &args).await,
        Command::Progress(args) => progress::progress(store, &args).await,
        Command::Confirm(args) => progress::confirm(store, &args).await,
        Command::Return(args) => progress::give_back(store, &args).await,
        Command::Agencies(args) => agencies::list(store, args.json).await,
        Command::Agency(command) => agencies::manage(store, command).await,
        Command::Targets(args) => targets::list(store, &args).await,
        Command::Target(command) => targets::set(store, command).await,
        Command::Dev(command) => dev::run(store, command).await,
        Command::User(command) => users::user(store, command).await,
        Command::Token(command) => users::token(store, command).await,
        Command::Report(args) => report::run(store, &args).await,
        Command::Urge(args) => urge::run(store, &args).await,
        Command::Export(args) => export::run(store, &args).await,
        Command::Remind(args) => remind::run(store, &args).await,
        Command::Parse(_) | Command::Backup(_) | Command::Restore(_) | Command::Serve(_) => {
            unreachable!("handled in run")
        }
    }
}

/// Today, as the office's calendar has it.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

pub fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}
