//! Notices when a source of the book changes, by comparing modification times once a
//! second: plain polling needs no platform-specific watcher and is fast enough for a
//! book of this size.

use super::driver::BOOK_DIR;
use crate::course::{Course, MANIFEST};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What the book is made from, as `book serve` announces it.
pub fn describe(course: &Course) -> String {
    format!(
        "{BOOK_DIR}/src, {BOOK_DIR}/book.toml, {MANIFEST}, {} and solutions/*/src",
        course.relative(&course.expected_dir())
    )
}

/// Every watched file with its modification time.
pub struct Snapshot(BTreeMap<PathBuf, SystemTime>);

impl Snapshot {
    pub fn take(course: &Course) -> Snapshot {
        let root = course.root();
        let book = root.join(BOOK_DIR);
        let mut files = BTreeMap::new();
        for path in [book.join("src"), course.expected_dir()] {
            walk(&path, &mut files);
        }
        for path in [book.join("book.toml"), root.join(MANIFEST)] {
            walk(&path, &mut files);
        }
        // Every solution, not only the manifest's: a new exercise's solution counts too.
        if let Ok(entries) = std::fs::read_dir(root.join("solutions")) {
            for entry in entries.flatten() {
                walk(&entry.path().join("src"), &mut files);
            }
        }
        Snapshot(files)
    }

    /// A file that differs between two snapshots (added, removed or modified), to say
    /// what triggered a rebuild.
    pub fn changed<'a>(&'a self, earlier: &'a Snapshot) -> Option<&'a Path> {
        let added_or_modified = self
            .0
            .iter()
            .find(|(path, time)| earlier.0.get(*path) != Some(time))
            .map(|(path, _)| path);
        let removed = || earlier.0.keys().find(|path| !self.0.contains_key(*path));
        added_or_modified.or_else(removed).map(PathBuf::as_path)
    }
}

/// Records `path` if it is a file, or every file below it if it is a directory.
/// Unreadable or vanished entries are skipped: they show up in the next poll.
fn walk(path: &Path, files: &mut BTreeMap<PathBuf, SystemTime>) {
    let Ok(meta) = std::fs::metadata(path) else {
        return;
    };
    if meta.is_dir() {
        if let Ok(entries) = std::fs::read_dir(path) {
            for entry in entries.flatten() {
                walk(&entry.path(), files);
            }
        }
    } else if let Ok(time) = meta.modified() {
        files.insert(path.to_path_buf(), time);
    }
}
