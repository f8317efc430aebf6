//! `watch`: the learner's loop. Checks the current exercise, then again whenever one
//! of its files changes; on a pass it moves on to the next unsolved exercise. Keys ask
//! for a hint, the list, a reset, or quit. Keys typed while a check runs are dropped,
//! so that a key pressed during a long build does not act on a screen not yet shown.
//!
//! Changes come from the platform's file events (notify). Where those do not work
//! (network file systems on clusters, exhausted inotify watches) or when
//! `WORKBOOK_WATCH=poll` asks for it, the files are polled instead, and the screen says
//! so, since a poll notices a save up to a second late.

use crate::check::{self, Settings};
use crate::course::{Course, Exercise, Variant};
use crate::progress::{Progress, Status};
use crate::{hints, interrupt, listing, reset};
use anyhow::{Context, Result};
use colored::Colorize;
use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};
use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

/// How often files are polled when file events are not available.
const POLL_INTERVAL: Duration = Duration::from_secs(1);
/// Editors save in several writes; changes closer together than this are one change.
const SETTLE: Duration = Duration::from_millis(200);

enum Event {
    Changed,
    Key(u8),
}

/// Watches the course from `start` (or the first unsolved exercise) until the learner
/// quits. Returns the exit code: 0 after `q`, 1 after Ctrl-C during a check.
pub fn watch(course: &Course, start: Option<&Exercise>, settings: &Settings) -> Result<u8> {
    let progress = Progress::load(course.root());
    let Some(mut current) = start.or_else(|| next_unsolved(course, &progress, None)) else {
        println!("Every exercise already passes. `cargo run -p runner -- list` shows them.");
        return Ok(0);
    };
    let (events, receiver) = mpsc::channel();
    let mut files = FileWatch::start(events.clone())?;
    let _terminal = Keys::start(events);
    // Ctrl-C between checks ends `watch` through its normal path, so the terminal is
    // restored; during a check it stops the run first.
    interrupt::install();
    files.follow(&course.crate_dir(current, Variant::Exercise))?;
    let mut recheck = true;
    loop {
        if recheck {
            match check_and_report(course, current, settings)? {
                Checked::Interrupted => return Ok(1),
                Checked::Failed => {}
                Checked::Passed => {
                    let progress = Progress::load(course.root());
                    match next_unsolved(course, &progress, Some(current)) {
                        Some(next) => {
                            println!("\n{} Moving on to {} ({}).", "→".green(), next.id, next.title);
                            current = next;
                            files.follow(&course.crate_dir(current, Variant::Exercise))?;
                            continue;
                        }
                        None => println!("\n{} Every exercise passes. Well done!", "★".yellow()),
                    }
                }
            }
            // Keys pressed during the check are dropped; a save during it counts.
            recheck = drain(&receiver);
            if recheck {
                continue;
            }
            print_footer(course, current, &files);
        }
        recheck = false;
        match receiver.recv_timeout(Duration::from_millis(100)) {
            Err(RecvTimeoutError::Timeout) if interrupt::requested().is_some() => return Ok(0),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return Ok(0),
            Ok(Event::Changed) => {
                std::thread::sleep(SETTLE);
                drain(&receiver);
                recheck = true;
            }
            Ok(Event::Key(key)) => match key.to_ascii_lowercase() {
                b'q' => {
                    println!("Bye. `cargo run -p runner -- watch` picks up where you left off.");
                    return Ok(0);
                }
                b'h' => {
                    print!(
                        "\n{}",
                        Progress::update(course.root(), |p| hints::next(current, p, false))
                    );
                }
                b'l' => print!("\n{}", listing::text(course, &Progress::load(course.root()))),
                b'c' | b'\n' | b'\r' => recheck = true,
                b'r' => {
                    let confirm = |question: &str| {
                        print!("\n{question}");
                        let _ = std::io::stdout().flush();
                        matches!(next_key(&receiver), Some(b'y' | b'Y'))
                    };
                    print!("{}", reset::reset(course, &[current], confirm)?);
                    drain(&receiver);
                    recheck = true;
                }
                _ => continue,
            },
        }
        let _ = std::io::stdout().flush();
    }
}

enum Checked {
    Passed,
    Failed,
    Interrupted,
}

fn check_and_report(course: &Course, ex: &Exercise, settings: &Settings) -> Result<Checked> {
    if std::io::stdout().is_terminal() {
        print!("\x1b[2J\x1b[H");
    }
    println!("Checking {} ({})…", ex.id, ex.slug);
    let _ = std::io::stdout().flush();
    let checked = check::check_counts(course, ex, Variant::Exercise, &ex.ranks, settings)?;
    if let Some(passed) = checked.progress() {
        Progress::update(course.root(), |p| p.record(&ex.slug, passed));
    }
    Ok(match checked {
        checked if checked.interrupted().is_some() => Checked::Interrupted,
        checked if checked.passed() => Checked::Passed,
        _ => Checked::Failed,
    })
}

fn print_footer(course: &Course, ex: &Exercise, files: &FileWatch) {
    println!(
        "\nWatching {}/ for changes ({}).",
        course.relative(&course.crate_dir(ex, Variant::Exercise)),
        files.how
    );
    println!(
        "Keys: {} hint · {} list · {} reset · {} check again · {} quit",
        "h".bold(),
        "l".bold(),
        "r".bold(),
        "c".bold(),
        "q".bold()
    );
    let _ = std::io::stdout().flush();
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

/// Empties the queue; true if a file changed meanwhile.
fn drain(receiver: &Receiver<Event>) -> bool {
    let mut changed = false;
    while let Ok(event) = receiver.try_recv() {
        changed |= matches!(event, Event::Changed);
    }
    changed
}

/// The next key pressed (file changes meanwhile are left for later).
fn next_key(receiver: &Receiver<Event>) -> Option<u8> {
    loop {
        match receiver.recv().ok()? {
            Event::Key(b'\n' | b'\r') | Event::Changed => continue,
            Event::Key(key) => return Some(key),
        }
    }
}

/// The file watcher of the current exercise, by events or by polling.
struct FileWatch {
    watcher: Box<dyn Watcher>,
    watched: Option<std::path::PathBuf>,
    /// How changes are noticed, as the footer says it.
    how: String,
}

impl FileWatch {
    fn start(events: Sender<Event>) -> Result<FileWatch> {
        let handler = move |result: notify::Result<notify::Event>| {
            if let Ok(event) = result {
                let relevant = matches!(
                    event.kind,
                    EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
                ) && event
                    .paths
                    .iter()
                    .any(|p| !p.components().any(|c| c.as_os_str() == "target"));
                if relevant {
                    let _ = events.send(Event::Changed);
                }
            }
        };
        let forced = std::env::var("WORKBOOK_WATCH").is_ok_and(|v| v.eq_ignore_ascii_case("poll"));
        let events_failed = if forced {
            "WORKBOOK_WATCH=poll".to_string()
        } else {
            match RecommendedWatcher::new(handler.clone(), notify::Config::default()) {
                Ok(watcher) => {
                    return Ok(FileWatch {
                        watcher: Box::new(watcher),
                        watched: None,
                        how: "file events".to_string(),
                    })
                }
                Err(err) => format!("file events are not available: {err}"),
            }
        };
        let config = notify::Config::default().with_poll_interval(POLL_INTERVAL);
        let watcher = PollWatcher::new(handler, config).context("starting to poll for changes")?;
        Ok(FileWatch {
            watcher: Box::new(watcher),
            watched: None,
            how: format!(
                "polling every {} s, because {events_failed}",
                POLL_INTERVAL.as_secs()
            ),
        })
    }

    /// Watches `dir` instead of the exercise watched so far.
    fn follow(&mut self, dir: &Path) -> Result<()> {
        if let Some(old) = self.watched.take() {
            let _ = self.watcher.unwatch(&old);
        }
        self.watcher
            .watch(dir, RecursiveMode::Recursive)
            .with_context(|| format!("watching {} for changes", dir.display()))?;
        self.watched = Some(dir.to_path_buf());
        Ok(())
    }
}

/// Reads single key presses: the terminal is put in non-canonical mode without echo
/// (restored when this is dropped); from a pipe, every byte is a key.
struct Keys {
    saved: Option<libc::termios>,
}

impl Keys {
    fn start(events: Sender<Event>) -> Keys {
        let saved = if std::io::stdin().is_terminal() {
            // SAFETY: tcgetattr/tcsetattr on stdin with a termios we own.
            unsafe {
                let mut term: libc::termios = std::mem::zeroed();
                if libc::tcgetattr(0, &mut term) != 0 {
                    None
                } else {
                    let saved = term;
                    // Keep ISIG: Ctrl-C must still interrupt a run.
                    term.c_lflag &= !(libc::ICANON | libc::ECHO);
                    term.c_cc[libc::VMIN] = 1;
                    term.c_cc[libc::VTIME] = 0;
                    libc::tcsetattr(0, libc::TCSANOW, &term);
                    Some(saved)
                }
            }
        } else {
            None
        };
        std::thread::spawn(move || {
            let mut stdin = std::io::stdin().lock();
            let mut byte = [0u8; 1];
            while let Ok(1) = stdin.read(&mut byte) {
                if events.send(Event::Key(byte[0])).is_err() {
                    break;
                }
            }
        });
        Keys { saved }
    }
}

impl Drop for Keys {
    fn drop(&mut self) {
        if let Some(saved) = &self.saved {
            // SAFETY: restoring the terminal settings read at start.
            unsafe { libc::tcsetattr(0, libc::TCSANOW, saved) };
        }
    }
}
