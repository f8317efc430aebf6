//! The workbook's command line (see `cli`): `cargo run -p runner -- <verb>`. Exit codes:
//! 0 the check passed (or the command did its job), 1 wrong output, a compile error or
//! a crashed run, 2 a usage or environment problem (what to fix is in the message).

#![deny(unsafe_code)]

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
