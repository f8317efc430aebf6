//! `watch`: the learner's loop. Checks the current exercise, then again whenever one
//! of its files changes; on a pass it moves on to the next unsolved exercise, leaving
//! the pass on screen above the next check. Keys ask for a hint, the list, a reset,
//! another check, or quit; during a check only `q` and Ctrl-C count (they stop it).
//!
//! - [`keys`] reads single keys (raw mode in a terminal, restored on every way out);
//! - [`checking`] runs a check on a thread while the screen says what it is doing;
//! - saves are noticed by [`crate::file_events`], as `book serve` notices them.

mod checking;
mod keys;

use crate::check::Settings;
use crate::course::{Course, Exercise, Variant};
use crate::file_events::FileEvents;
use crate::progress::{Progress, Status};
use crate::{hints, interrupt, listing, reset};
use anyhow::Result;
use checking::Verdict;
use colored::Colorize;
use keys::Key;
use std::cell::Cell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

/// Editors save in several writes; changes closer together than this are one change.
const SETTLE: Duration = Duration::from_millis(200);

/// How often the wait between checks looks for a stopping signal.
const TICK: Duration = Duration::from_millis(100);

/// What the loop of `watch` waits for.
enum Event {
    Changed,
    Key(Key),
}

/// What `watch` does next.
enum Next {
    /// Check the current exercise, on a cleared screen or below what is shown.
    Check { clear_screen: bool },
    /// Wait for a save or a key.
    Wait,
    /// Say goodbye and end with this exit code.
    Quit(u8),
}

/// Watches the course from `start` (or the first unsolved exercise) until the learner
/// quits. Returns the exit code: 0 after `q` (or Ctrl-C between checks), 1 after Ctrl-C
/// stopped a check.
pub fn watch(course: &Course, start: Option<&Exercise>, settings: &Settings) -> Result<u8> {
    let progress = Progress::load(course.root());
    let Some(current) = start.or_else(|| next_unsolved(course, &progress, None)) else {
        println!("Every exercise already passes. `cargo run -p runner -- list` shows them.");
        return Ok(0);
    };
    let (sender, events) = mpsc::channel();
    let files = ExerciseFiles::start(sender.clone())?;
    let _terminal = keys::start(sender)?;
    // SIGTERM and SIGHUP stop a run, and end `watch` through its normal path, so the
    // terminal is restored.
    interrupt::install();
    let mut session = Session {
        course,
        settings,
        current,
        files,
        events,
    };
    session
        .files
        .follow(&course.crate_dir(current, Variant::Exercise))?;
    let mut next = Next::Check { clear_screen: true };
    loop {
        next = match next {
            Next::Check { clear_screen } => session.check(clear_screen)?,
            Next::Wait => session.wait()?,
            Next::Quit(code) => {
                println!("Bye. `cargo run -p runner -- watch` picks up where you left off.");
                return Ok(code);
            }
        };
        let _ = std::io::stdout().flush();
    }
}

/// A `watch` under way.
struct Session<'a> {
    course: &'a Course,
    settings: &'a Settings,
    /// The exercise worked on.
    current: &'a Exercise,
    files: ExerciseFiles,
    events: Receiver<Event>,
}

impl Session<'_> {
    /// Checks the current exercise, and moves on to the next unsolved one if it passes.
    fn check(&mut self, clear_screen: bool) -> Result<Next> {
        let (course, current) = (self.course, self.current);
        let checked = checking::check(course, current, self.settings, &self.events, clear_screen)?;
        // Keys pressed during the check were dropped; a save during it counts.
        let changed = self.drain() || checked.changed;
        let following = || next_unsolved(course, &Progress::load(course.root()), Some(current));
        Ok(match checked.verdict {
            Verdict::Quit(code) => Next::Quit(code),
            Verdict::Failed if changed => Next::Check { clear_screen: true },
            Verdict::Failed => self.footer(),
            Verdict::Passed => match following() {
                Some(next) => {
                    println!("\n{} Moving on to {} ({}).", "→".green(), next.id, next.title);
                    self.current = next;
                    self.files.follow(&course.crate_dir(next, Variant::Exercise))?;
                    // The pass stays on screen above the next check.
                    Next::Check { clear_screen: false }
                }
                None => {
                    println!("\n{} Every exercise passes. Well done!", "★".yellow());
                    self.footer()
                }
            },
        })
    }

    /// Waits a moment for a save, a key, or a signal to stop.
    fn wait(&mut self) -> Result<Next> {
        Ok(match self.events.recv_timeout(TICK) {
            Err(RecvTimeoutError::Timeout) if interrupt::requested().is_some() => Next::Quit(0),
            Err(RecvTimeoutError::Timeout) => Next::Wait,
            Err(RecvTimeoutError::Disconnected) => Next::Quit(0),
            Ok(Event::Changed) => {
                std::thread::sleep(SETTLE);
                self.drain();
                Next::Check { clear_screen: true }
            }
            Ok(Event::Key(key)) => self.answer(key)?,
        })
    }

    /// Does what `key` asks between checks.
    fn answer(&mut self, key: Key) -> Result<Next> {
        let (course, current) = (self.course, self.current);
        Ok(match key {
            Key::Char('q') | Key::Interrupt => Next::Quit(0),
            Key::Char('h') => {
                print!(
                    "\n{}",
                    Progress::update(course.root(), |p| hints::next(
                        current,
                        p,
                        false,
                        hints::Ask::Key('h')
                    ))
                );
                self.footer()
            }
            Key::Char('l') => {
                print!("\n{}", listing::text(course, &Progress::load(course.root())));
                self.footer()
            }
            Key::Char('c') | Key::Enter => Next::Check { clear_screen: true },
            Key::Char('r') => {
                let interrupted = Cell::new(false);
                let confirm = |question: &str| {
                    print!("\n{question}");
                    let _ = std::io::stdout().flush();
                    let key = self.next_key();
                    interrupted.set(key == Some(Key::Interrupt));
                    let yes = key == Some(Key::Char('y'));
                    // The answer ends the question's line, as typing it would in a shell.
                    println!("{}", if yes { "y" } else { "n" });
                    yes
                };
                print!("{}", reset::reset(course, &[current], confirm)?);
                if interrupted.get() {
                    return Ok(Next::Quit(0));
                }
                self.drain();
                // What the reset did stays on screen above the check of the stub.
                Next::Check { clear_screen: false }
            }
            Key::Char(_) => Next::Wait,
        })
    }

    /// Where changes are watched, and the keys: after each check, and again after a
    /// hint or the list, which push them off the screen.
    fn footer(&self) -> Next {
        println!(
            "\nWatching {}/ for changes ({}).",
            self.course
                .relative(&self.course.crate_dir(self.current, Variant::Exercise)),
            self.files.events.how()
        );
        println!(
            "Keys: {} hint · {} list · {} reset · {} check again · {} quit",
            "h".bold(),
            "l".bold(),
            "r".bold(),
            "c".bold(),
            "q".bold()
        );
        Next::Wait
    }

    /// Empties the queue; true if a file changed meanwhile.
    fn drain(&self) -> bool {
        let mut changed = false;
        while let Ok(event) = self.events.try_recv() {
            changed |= matches!(event, Event::Changed);
        }
        changed
    }

    /// The next key pressed but Enter (file changes meanwhile are left for later).
    fn next_key(&self) -> Option<Key> {
        loop {
            match self.events.recv().ok()? {
                Event::Key(Key::Enter) | Event::Changed => continue,
                Event::Key(key) => return Some(key),
            }
        }
    }
}

/// The first exercise after `after` (or from the start) that is not solved yet,
/// wrapping around to the ones before it (`after` itself was just solved).
fn next_unsolved<'a>(
    course: &'a Course,
    progress: &Progress,
    after: Option<&Exercise>,
) -> Option<&'a Exercise> {
    let all = course.exercises();
    let start = after
        .and_then(|a| all.iter().position(|e| e.slug == a.slug))
        .map_or(0, |i| i + 1);
    all[start..]
        .iter()
        .chain(&all[..start])
        .find(|e| progress.status(&e.slug) != Status::Solved)
}

/// The files of the exercise being worked on.
struct ExerciseFiles {
    events: FileEvents,
    watched: Option<PathBuf>,
}

impl ExerciseFiles {
    fn start(sender: Sender<Event>) -> Result<ExerciseFiles> {
        let events = FileEvents::start(move |_| {
            let _ = sender.send(Event::Changed);
        })?;
        Ok(ExerciseFiles {
            events,
            watched: None,
        })
    }

    /// Watches `dir` instead of the exercise watched so far.
    fn follow(&mut self, dir: &Path) -> Result<()> {
        if let Some(old) = self.watched.take() {
            self.events.unwatch(&old);
        }
        self.events.watch(dir, true)?;
        self.watched = Some(dir.to_path_buf());
        Ok(())
    }
}
