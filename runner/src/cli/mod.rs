//! The command line: its words ([`args`]), what each verb does ([`verbs`]), and how the
//! process ends ([`Status`]).

mod args;
mod verbs;

use clap::Parser;
use colored::Colorize;
use std::io::IsTerminal;
use std::process::ExitCode;

/// How a command ends, as its exit code says it: the same for every verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// 0: the check passed, or the command did its job.
    Success,
    /// 1: wrong output, a compile error, a crashed or interrupted run.
    Failed,
    /// 2: a usage or environment problem; the message says what to fix.
    Trouble,
    /// The exit code of a rank's program, passed on by the capture shim.
    Program(u8),
}

impl Status {
    /// Success if `ok`, else Failed: a verdict as an exit code.
    fn passed(ok: bool) -> Status {
        if ok {
            Status::Success
        } else {
            Status::Failed
        }
    }
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> ExitCode {
        ExitCode::from(match status {
            Status::Success => 0,
            Status::Failed => 1,
            Status::Trouble => 2,
            Status::Program(code) => code,
        })
    }
}

/// Parses the command line, runs the verb, and reports an error the verb returns.
pub fn main() -> ExitCode {
    // Like other Unix tools, end quietly when a pager or `head` closes our output.
    runner::sys::default_sigpipe();
    let cli = args::Cli::parse();
    if !std::io::stdout().is_terminal() {
        colored::control::set_override(false);
    }
    match cli.command.run(&cli.context()) {
        Ok(status) => status.into(),
        Err(err) => {
            eprintln!("{} {err:#}", "error:".red().bold());
            Status::Trouble.into()
        }
    }
}
