//! The `theodoi` binary: wires command-line flags to the libraries. It is the
//! only place that reads files or the environment.

mod cli;
mod parse_cmd;
mod summary;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli.command {
        cli::Command::Parse(args) => parse_cmd::run(&args),
    }
}
