//! The learner's progress: which exercises were solved or tried, and how many hints were
//! shown, in `.workbook/progress.json` at the course root (ignored by git). Keyed by
//! slug, so renumbered exercises keep their state after a `git pull`; entries of
//! exercises a newer course removed are kept but not shown.

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The state of one exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    NotTried,
    Failing,
    Solved,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
struct Entry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<Status>,
    #[serde(default)]
    hints_seen: usize,
}

/// Progress as stored on disk.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Progress {
    #[serde(default)]
    exercises: BTreeMap<String, Entry>,
    #[serde(skip)]
    path: PathBuf,
}

impl Progress {
    /// The progress file of the course at `root`, unless `WORKBOOK_PROGRESS` names
    /// another (the tests use it so that they never touch a learner's progress).
    pub fn path_in(root: &Path) -> PathBuf {
        match std::env::var_os("WORKBOOK_PROGRESS") {
            Some(path) => PathBuf::from(path),
            None => root.join(".workbook").join("progress.json"),
        }
    }

    /// Loads progress; a missing or unreadable file is a fresh start, never an error
    /// that stops a learner (a damaged file is kept aside for inspection).
    pub fn load(root: &Path) -> Progress {
        let path = Progress::path_in(root);
        let loaded = std::fs::read_to_string(&path)
            .ok()
            .map(|text| serde_json::from_str::<Progress>(&text));
        let mut progress = match loaded {
            Some(Ok(progress)) => progress,
            Some(Err(_)) => {
                let _ = std::fs::rename(&path, path.with_extension("json.damaged"));
                Progress::default()
            }
            None => Progress::default(),
        };
        progress.path = path;
        progress
    }

    /// Loads the progress of the course at `root`, lets `change` change it, and saves
    /// it: what every verb that records something (check, hint, watch) does.
    pub fn update<T>(root: &Path, change: impl FnOnce(&mut Progress) -> T) -> Result<T> {
        let mut progress = Progress::load(root);
        let result = change(&mut progress);
        progress.save()?;
        Ok(result)
    }

    pub fn save(&self) -> Result<()> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        let text = serde_json::to_string_pretty(self)?;
        std::fs::write(&self.path, text + "\n").with_context(|| format!("writing {}", self.path.display()))
    }

    pub fn status(&self, slug: &str) -> Status {
        self.exercises
            .get(slug)
            .and_then(|e| e.status)
            .unwrap_or(Status::NotTried)
    }

    /// Records a check's result. A solved exercise stays solved only while it passes:
    /// a later failing check (the learner broke it) shows it as failing again.
    pub fn record(&mut self, slug: &str, passed: bool) {
        let entry = self.exercises.entry(slug.to_string()).or_default();
        entry.status = Some(if passed { Status::Solved } else { Status::Failing });
    }

    /// Forgets the last check's result (after a reset: the stub is not the solved
    /// exercise); the hints seen stay seen.
    pub fn forget_result(&mut self, slug: &str) {
        if let Some(entry) = self.exercises.get_mut(slug) {
            entry.status = None;
        }
    }

    pub fn hints_seen(&self, slug: &str) -> usize {
        self.exercises.get(slug).map_or(0, |e| e.hints_seen)
    }

    pub fn set_hints_seen(&mut self, slug: &str, seen: usize) {
        self.exercises.entry(slug.to_string()).or_default().hints_seen = seen;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn survives_round_trip_and_unknown_slugs() {
        let root = std::env::temp_dir().join(format!("progress-test-{}", std::process::id()));
        let mut p = Progress::load(&root);
        assert_eq!(p.status("hello"), Status::NotTried);
        p.record("hello", true);
        p.record("removed-exercise", false);
        p.set_hints_seen("bcast", 2);
        p.save().unwrap();
        let p = Progress::load(&root);
        assert_eq!(p.status("hello"), Status::Solved);
        assert_eq!(p.status("removed-exercise"), Status::Failing);
        assert_eq!(p.hints_seen("bcast"), 2);
        std::fs::write(Progress::path_in(&root), "{ not json").unwrap();
        assert_eq!(Progress::load(&root).status("hello"), Status::NotTried);
        assert!(Progress::path_in(&root).with_extension("json.damaged").exists());
        std::fs::remove_dir_all(root).unwrap();
    }
}
