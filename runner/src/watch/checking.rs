//! One check inside `watch`: the exercise at each of its rank counts, as `check` does
//! it, but with the work on a thread of its own so that the main thread can keep the
//! learner informed and listening.
//!
//! On a terminal, a status line under `Checking …` says what is going on, redrawn in
//! place each second and cleared before the report prints: the build, then the run
//! with its time so far and its timeout. The exercise is built first, apart from the
//! check (whose own build is then cargo's no-op), so that compile errors are printed
//! before any run starts, and the run's time counts the run only. `q` and Ctrl-C
//! stop the run (through [`interrupt`], as a signal would) and end `watch`; other keys
//! are dropped, so that a key pressed during a long build does not act on a screen not
//! yet shown.

use super::keys::Key;
use super::Event;
use crate::build::{self, Built};
use crate::check::{self, Counts, Settings, Summary};
use crate::course::{Course, Exercise, Variant};
use crate::interrupt;
use crate::progress::Progress;
use anyhow::Result;
use colored::Colorize;
use crossterm::cursor::{MoveTo, MoveToColumn};
use crossterm::style::Print;
use crossterm::terminal::{Clear, ClearType};
use std::io::IsTerminal;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How often the main thread looks at the work and the keys.
const TICK: Duration = Duration::from_millis(100);

/// How a check ended, for the loop of `watch`.
pub struct Checked {
    pub verdict: Verdict,
    /// A file changed during the check: what was checked may be out of date.
    pub changed: bool,
}

pub enum Verdict {
    Passed,
    Failed,
    /// `watch` must end, with this exit code: 0 after `q`, 1 after Ctrl-C (or a
    /// SIGTERM or SIGHUP) stopped a check.
    Quit(u8),
}

/// Checks `ex` at every rank count it declares, printing each report, and records the
/// result in the learner's progress unless the check was stopped. With
/// `clear_screen`, a terminal's screen is cleared first.
pub fn check(
    course: &Course,
    ex: &Exercise,
    settings: &Settings,
    keys: &Receiver<Event>,
    clear_screen: bool,
) -> Result<Checked> {
    let terminal = std::io::stdout().is_terminal();
    if clear_screen && terminal {
        let _ = crossterm::execute!(std::io::stdout(), Clear(ClearType::All), MoveTo(0, 0));
    }
    println!("Checking {} ({})…", ex.id, ex.slug);
    let mut watching = Watching {
        // With --verbose the check prints as it goes, and would write over the status.
        status: StatusLine {
            shown: terminal && !settings.verbose,
        },
        keys,
        quit: None,
        changed: false,
    };
    let mut counts = Counts {
        checked: Vec::new(),
        every_count: true,
    };
    for (i, &np) in ex.ranks.iter().enumerate() {
        let Some(checked) = watching.run(course, ex, np, settings, i == 0)? else {
            println!("✗ Stopped the check of {}: nothing is left running.", ex.id);
            return Ok(watching.ending(Verdict::Quit(watching.quit.unwrap_or(1))));
        };
        let passed_before: Vec<usize> = ex.ranks[..i].to_vec();
        let last = i + 1 == ex.ranks.len() || !checked.passed();
        let summary = Summary {
            passed_before: &passed_before,
            last,
            every_count: true,
            hint_key: Some('h'),
        };
        match watching.quit {
            // The learner asked for the stop: the report of a run cut short is no news.
            Some(0) if checked.interrupted().is_some() => {
                println!("✗ Stopped the check of {}: nothing is left running.", ex.id);
                return Ok(watching.ending(Verdict::Quit(0)));
            }
            Some(code) => {
                check::print(course, ex, Variant::Exercise, np, &checked, &summary);
                return Ok(watching.ending(Verdict::Quit(code)));
            }
            None => check::print(course, ex, Variant::Exercise, np, &checked, &summary),
        }
        counts.checked.push((np, checked));
        if last {
            break;
        }
    }
    if counts.interrupted().is_some() {
        return Ok(watching.ending(Verdict::Quit(1)));
    }
    if let Some(passed) = counts.progress() {
        Progress::update(course.root(), |p| p.record(&ex.slug, passed));
    }
    let verdict = match counts.passed() {
        true => Verdict::Passed,
        false => Verdict::Failed,
    };
    Ok(watching.ending(verdict))
}

/// What the main thread keeps track of while the work goes on.
struct Watching<'a> {
    status: StatusLine,
    keys: &'a Receiver<Event>,
    /// The exit code asked for by `q` (0) or Ctrl-C (1), if one was pressed.
    quit: Option<u8>,
    changed: bool,
}

impl Watching<'_> {
    /// Checks at `np` ranks, after building the exercise if `build_first`. `None` if
    /// the check was stopped before its run started.
    fn run(
        &mut self,
        course: &Course,
        ex: &Exercise,
        np: usize,
        settings: &Settings,
        build_first: bool,
    ) -> Result<Option<check::Checked>> {
        if build_first {
            let dir = course.crate_dir(ex, Variant::Exercise);
            let built = self.meanwhile(
                || build::build(&dir, settings.log, ex.release),
                // Short, so that a compile error printed meanwhile covers all of it.
                |seconds| format!("  building… {seconds} s"),
            )?;
            if let Built::CompileError(errors) = built {
                return Ok(Some(check::Checked::CompileError(errors)));
            }
        }
        if self.quit.is_some() || interrupt::requested().is_some() {
            return Ok(None);
        }
        let timeout = settings.timeout.unwrap_or(ex.timeout);
        let at = match ex.ranks.len() {
            1 => String::new(),
            _ => format!(" at {np} ranks"),
        };
        self.meanwhile(
            || check::check(course, ex, Variant::Exercise, np, settings),
            |seconds| format!("  running{at}: {seconds} s of at most {timeout} s · q quits"),
        )
        .map(Some)
    }

    /// Does `work` on another thread; meanwhile draws `status(seconds so far)` each
    /// second (or that the check is stopping) and listens to the keys.
    fn meanwhile<T: Send>(&mut self, work: impl FnOnce() -> T + Send, status: impl Fn(u64) -> String) -> T {
        let started = Instant::now();
        std::thread::scope(|scope| {
            let worker = scope.spawn(work);
            let mut drawn = None;
            while !worker.is_finished() {
                let now = (started.elapsed().as_secs(), self.quit.is_some());
                if drawn != Some(now) {
                    self.status.draw(&match now {
                        (seconds, false) => status(seconds),
                        (_, true) => "  stopping the check…".to_string(),
                    });
                    drawn = Some(now);
                }
                self.listen();
            }
            self.status.clear();
            worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    }

    /// Waits a tick for a key or a saved file. `q` and Ctrl-C ask for the run to stop
    /// as a signal would; other keys are dropped.
    fn listen(&mut self) {
        let quit = match self.keys.recv_timeout(TICK) {
            Ok(Event::Key(Key::Char('q'))) => 0,
            Ok(Event::Key(Key::Interrupt)) => 1,
            Ok(Event::Changed) => {
                self.changed = true;
                return;
            }
            Ok(Event::Key(_)) | Err(RecvTimeoutError::Timeout) => return,
            // The senders live as long as `watch`: this only ends a wait early.
            Err(RecvTimeoutError::Disconnected) => {
                std::thread::sleep(TICK);
                return;
            }
        };
        if self.quit.is_none() {
            self.quit = Some(quit);
            interrupt::request(libc::SIGINT);
        }
    }

    fn ending(&self, verdict: Verdict) -> Checked {
        Checked {
            verdict,
            changed: self.changed,
        }
    }
}

/// The line under `Checking …` that says what the check is doing, on a terminal only:
/// elsewhere (a log, a pipe) its redrawings would be noise.
struct StatusLine {
    shown: bool,
}

impl StatusLine {
    /// Draws `text` over the line, and leaves the cursor at its start: what a build
    /// prints meanwhile (a compile error) then writes over the status, not after it.
    fn draw(&self, text: &str) {
        if self.shown {
            let _ = crossterm::execute!(
                std::io::stdout(),
                MoveToColumn(0),
                Clear(ClearType::CurrentLine),
                Print(text.dimmed()),
                MoveToColumn(0)
            );
        }
    }

    /// Removes the line, so that the report prints where it was.
    fn clear(&self) {
        if self.shown {
            let _ = crossterm::execute!(std::io::stdout(), MoveToColumn(0), Clear(ClearType::CurrentLine));
        }
    }
}
