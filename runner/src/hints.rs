//! `hint`: one more hint each time it is asked for, as rustlings does, so that a learner
//! takes only as much help as needed; `--all` shows every hint.

use crate::course::Exercise;
use crate::progress::Progress;
use colored::Colorize;

/// How the learner asks for the next hint where they are: a command, or a key in watch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    Command,
    Key(char),
}

/// The hints to show now, and records that they were seen.
pub fn next(ex: &Exercise, progress: &mut Progress, all: bool, ask: Ask) -> String {
    let total = ex.hints.len();
    if total == 0 {
        return format!("{} has no hints. Its book page explains the idea.\n", ex.id);
    }
    let shown = if all {
        total
    } else {
        (progress.hints_seen(&ex.slug) + 1).min(total)
    };
    progress.set_hints_seen(&ex.slug, shown);
    let mut out = format!("{} ({}): {}\n", ex.id, ex.slug, ex.title.bold());
    for (i, hint) in ex.hints.iter().take(shown).enumerate() {
        out.push_str(&format!(
            "\n{} {hint}\n",
            format!("Hint {}/{total}:", i + 1).yellow()
        ));
    }
    if shown < total {
        let again = match ask {
            Ask::Command => format!("Run `cargo run -p runner -- hint {}` again", ex.id),
            Ask::Key(key) => format!("Press {key} again"),
        };
        out.push_str(&format!("\n{again} for the next hint.\n"));
    }
    out
}
