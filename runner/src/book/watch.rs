//! Notices when a source of the book changes, with the watcher `watch` uses too
//! ([`crate::file_events`]: file events, or polling where they fail or
//! `WORKBOOK_WATCH=poll` asks for it).
//!
//! `book serve` takes a [`Snapshot`] once a second and rebuilds when it differs from
//! the last. The watcher behind the snapshots starts with the first one and lives as
//! long as the process: `book serve` watches one course until it is stopped.

use crate::course::{Course, Variant, MANIFEST};
use crate::file_events::FileEvents;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// What the book is made from, as `book serve` announces it.
pub fn describe(course: &Course) -> String {
    let book = course.relative(&course.book_dir());
    format!(
        "{book}/src, {book}/theme, {book}/book.toml, {MANIFEST}, {} and {}/*/src",
        course.relative(&course.expected_dir()),
        course.relative(&course.crates_dir(Variant::Solution))
    )
}

/// The changes seen so far: how many, and the file of the last one.
#[derive(Clone)]
pub struct Snapshot {
    changes: u64,
    last: Option<PathBuf>,
}

impl Snapshot {
    /// The changes seen so far (the first snapshot starts the watcher).
    pub fn take(course: &Course) -> Snapshot {
        let seen = sources(course).seen.lock();
        seen.unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// A file that changed between two snapshots (added, removed or modified), to say
    /// what triggered a rebuild: the last one, if several did.
    pub fn changed<'a>(&'a self, earlier: &Snapshot) -> Option<&'a Path> {
        match self.changes == earlier.changes {
            true => None,
            false => self.last.as_deref(),
        }
    }
}

/// The watcher of the book's sources and what it has seen.
struct Sources {
    /// Kept so that the watcher keeps watching; `None` if no watcher could start.
    _events: Option<FileEvents>,
    seen: Arc<Mutex<Snapshot>>,
}

/// The process's watcher of `course`'s book sources, started on the first call. A
/// source that cannot be watched (a folder the course does not have) is skipped, as a
/// poll of it found nothing before; a watcher that cannot start at all is said once.
fn sources(course: &Course) -> &'static Sources {
    static SOURCES: OnceLock<Sources> = OnceLock::new();
    SOURCES.get_or_init(|| {
        let seen = Arc::new(Mutex::new(Snapshot {
            changes: 0,
            last: None,
        }));
        let wanted = Wanted::of(course);
        let record = Arc::clone(&seen);
        let started = FileEvents::start(move |path| {
            if wanted.contains(path) {
                let mut seen = record.lock().unwrap_or_else(|e| e.into_inner());
                seen.changes += 1;
                seen.last = Some(path.to_path_buf());
            }
        });
        let events = match started {
            Ok(mut events) => {
                for (path, recursive) in watched(course) {
                    let _ = events.watch(&path, recursive);
                }
                Some(events)
            }
            Err(err) => {
                eprintln!("warning: the book will not be rebuilt on changes: {err:#}");
                None
            }
        };
        Sources {
            _events: events,
            seen,
        }
    })
}

/// What is watched, and whether below it. Single files are watched through their
/// folder: an editor that saves by renaming a new file over the old one would end a
/// watch on the file itself.
fn watched(course: &Course) -> [(PathBuf, bool); 6] {
    let root = course.root();
    [
        (root.to_path_buf(), false),
        (course.book_dir(), false),
        (course.book_src(), true),
        (theme(course), true),
        (course.expected_dir(), true),
        // Every solution, not only the manifest's: a new exercise's solution counts too.
        (course.crates_dir(Variant::Solution), true),
    ]
}

/// The book's own additions to mdBook's theme (book.toml's `additional-css` and
/// `additional-js`), in the folder where mdBook looks for a theme.
fn theme(course: &Course) -> PathBuf {
    course.book_dir().join("theme")
}

/// Which of the changes below the watched folders are sources of the book (not the
/// built book in `book/book`, nor a solution's Cargo.lock).
struct Wanted {
    files: [PathBuf; 2],
    trees: [PathBuf; 3],
    solutions: PathBuf,
}

impl Wanted {
    fn of(course: &Course) -> Wanted {
        Wanted {
            files: [course.book_dir().join("book.toml"), course.root().join(MANIFEST)],
            trees: [course.book_src(), theme(course), course.expected_dir()],
            solutions: course.crates_dir(Variant::Solution),
        }
    }

    fn contains(&self, path: &Path) -> bool {
        let in_solution_src = path
            .strip_prefix(&self.solutions)
            .is_ok_and(|rest| rest.components().nth(1).is_some_and(|c| c.as_os_str() == "src"));
        self.files.iter().any(|f| path == f)
            || self.trees.iter().any(|t| path.starts_with(t))
            || in_solution_src
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_book_is_made_from_its_sources_and_not_its_output() {
        let course = Course::load(Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()).unwrap();
        let wanted = Wanted::of(&course);
        let root = course.root();
        for source in [
            "book/src/SUMMARY.md",
            "book/src/mpi/send-recv.md",
            "book/book.toml",
            "book/theme/workbook.css",
            "info.toml",
            "solutions/ex48-send-recv/src/main.rs",
            "solutions/ex99-new/src/lib.rs",
        ] {
            assert!(wanted.contains(&root.join(source)), "{source}");
        }
        assert!(wanted.contains(&course.expected_dir().join("send-recv@4.snap")));
        for other in [
            "book/book/index.html",
            "book/theme.css",
            "Cargo.toml",
            "solutions/ex48-send-recv/Cargo.toml",
            "solutions/src/x.rs",
            "exercises/ex48-send-recv/src/main.rs",
        ] {
            assert!(!wanted.contains(&root.join(other)), "{other}");
        }
    }

    #[test]
    fn a_snapshot_differs_after_a_change_and_names_the_last_file() {
        let before = Snapshot {
            changes: 2,
            last: Some(PathBuf::from("a.md")),
        };
        assert_eq!(before.changed(&before.clone()), None);
        let after = Snapshot {
            changes: 4,
            last: Some(PathBuf::from("b.md")),
        };
        assert_eq!(after.changed(&before), Some(Path::new("b.md")));
    }
}
