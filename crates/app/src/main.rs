//! The `theodoi` binary: wires command-line flags to the libraries. It is the
//! only place that reads files, the clock or the environment.

mod cli;
mod commands;
mod output;
mod parse_cmd;
mod reminders;
mod summary;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

/// mimalloc instead of the system allocator: a bulk import allocates and
/// frees millions of small strings (bound values, rows) on two threads,
/// and glibc's malloc spent a sixth of the load's time in its own
/// bookkeeping (`malloc_consolidate`, `unlink_chunk`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    restore_default_sigpipe();
    let cli = Cli::parse();
    if let Some(Command::Parse(args)) = &cli.command {
        return parse_cmd::run(args);
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("theodoi: không khởi động được: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("theodoi: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Rust ignores SIGPIPE, which turns `theodoi tasks | head` into a panic on
/// the next print; the default action ends the program quietly instead, as
/// command-line tools do.
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread exists; setting
    // a signal's disposition to its default has no other precondition.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
