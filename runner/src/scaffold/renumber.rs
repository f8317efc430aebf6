//! Moving exercises up one id to make room for a new one. Ids are `ex01`, `ex02`, … in
//! course order, so an exercise's id is its position; the folders of its crates carry
//! the id, and the manifest, the workspace members and the book name it. Slugs never
//! change: progress and expected outputs are stored by slug.

use crate::course::{Course, Variant};
use anyhow::{bail, Context, Result};
use regex::{Captures, Regex};
use std::collections::HashMap;
use std::path::Path;

/// The course's ids, checked to be `ex01`… in order.
pub struct Ids {
    width: usize,
    count: usize,
}

impl Ids {
    /// Refuses a course whose ids are not its positions: renumbering by position would
    /// then rename the wrong exercises.
    pub fn of(course: &Course) -> Result<Ids> {
        let ids = Ids {
            width: 2,
            count: course.exercises().len(),
        };
        for (i, ex) in course.exercises().iter().enumerate() {
            if ex.id != ids.at(i) {
                bail!(
                    "{} is exercise {} in info.toml, so its id should be {}: `dev new` numbers \
                     exercises by their place in the course; fix the ids first",
                    ex.id,
                    i + 1,
                    ids.at(i)
                );
            }
        }
        Ok(ids)
    }

    /// The id of the exercise at index `index` (0-based).
    pub fn at(&self, index: usize) -> String {
        format!("ex{:0width$}", index + 1, width = self.width)
    }

    /// Old and new ids of the exercises from `index` on, each moved up by one.
    pub fn moved_from(&self, index: usize) -> Vec<(String, String)> {
        (index..self.count)
            .map(|i| (self.at(i), self.at(i + 1)))
            .collect()
    }
}

/// Renames the moved exercises' folders and rewrites their ids in the course's texts.
pub fn apply(course: &Course, moved: &[(String, String)]) -> Result<()> {
    if moved.is_empty() {
        return Ok(());
    }
    let new_of: HashMap<&str, &str> = moved.iter().map(|(o, n)| (o.as_str(), n.as_str())).collect();
    // From the last: ex97 becomes ex98 only after ex98 has become ex99.
    for ex in course.exercises().iter().rev() {
        let Some(new) = new_of.get(ex.id.as_str()) else {
            continue;
        };
        for variant in [Variant::Exercise, Variant::Solution] {
            let from = course.crate_dir(ex, variant);
            let to = course.crates_dir(variant).join(format!("{new}-{}", ex.slug));
            if from.exists() {
                std::fs::rename(&from, &to)
                    .with_context(|| format!("renaming {} to {}", from.display(), to.display()))?;
            }
        }
    }
    let id = Regex::new(r"\bex\d+\b").expect("a valid pattern");
    let rewrite = |text: &str| {
        id.replace_all(text, |c: &Captures| {
            new_of.get(&c[0]).map_or(c[0].to_string(), |n| n.to_string())
        })
        .into_owned()
    };
    for file in texts(course) {
        let text = std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
        let changed = rewrite(&text);
        if changed != text {
            std::fs::write(&file, changed).with_context(|| format!("writing {}", file.display()))?;
        }
    }
    Ok(())
}

/// The texts that name exercises by id: the manifest, the workspace's Cargo.toml, the
/// book's sources and the crates of the exercises and solutions.
fn texts(course: &Course) -> Vec<std::path::PathBuf> {
    let mut files = vec![course.root().join(crate::course::MANIFEST)];
    let exercises = course.crates_dir(Variant::Exercise);
    if let Some(root) = crate::course::workspace_root(&exercises) {
        files.push(root.join("Cargo.toml"));
    }
    for dir in [course.book_src(), exercises, course.crates_dir(Variant::Solution)] {
        collect(&dir, &mut files);
    }
    files
}

/// The `.md`, `.rs` and `.toml` files under `dir`, skipping hidden folders and build
/// output.
fn collect(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if !name.starts_with('.') && name != "target" {
                collect(&path, files);
            }
        } else if ["md", "rs", "toml"]
            .iter()
            .any(|ext| path.extension().is_some_and(|e| e == *ext))
        {
            files.push(path);
        }
    }
}
