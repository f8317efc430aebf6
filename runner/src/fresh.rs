//! Knowing, without asking cargo, that a built exercise is up to date. A check of a
//! built exercise spent a quarter of its time in cargo's no-op build (0.09 s of 0.50 s
//! here), and `grade` pays it on every one of its launches. After each build the runner
//! keeps a stamp in the target directory; the next check skips cargo only when every
//! source file the binary was built from (cargo's own dep-info file lists them, path
//! dependencies such as hpckit included) and every manifest involved is older than the
//! moment that build started, the binary is the one recorded, and the build
//! environment is the same. Anything else, or anything that cannot be read, means running cargo as
//! before: a stale binary is never run.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The environment variables that change what cargo builds without changing a file:
/// a stamp records them, and any change sends the next check to cargo.
const BUILD_ENVIRONMENT: [&str; 9] = [
    "RUSTFLAGS",
    "CARGO_ENCODED_RUSTFLAGS",
    "RUSTC",
    "RUSTC_WRAPPER",
    "CARGO_TARGET_DIR",
    "MPI_PKG_CONFIG",
    "MPICC",
    "PKG_CONFIG_PATH",
    "RUSTUP_TOOLCHAIN",
];

/// What the runner knows of the last successful build of one crate and profile.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct Stamp {
    executable: PathBuf,
    /// The binary's size and modification time when it was built (nanoseconds since
    /// the epoch): another build replacing it (a learner's own `cargo build --release`
    /// with other flags) makes the stamp void.
    size: u64,
    modified: u128,
    /// When the cargo run that left the binary up to date started: cargo saw every file
    /// as it was then, so files older than this are in the binary.
    checked: u128,
    environment: Vec<(String, String)>,
}

/// The binary of the crate in `dir`, if the last build's stamp shows it up to date.
pub fn binary(dir: &Path, release: bool) -> Option<PathBuf> {
    let place = Place::of(dir)?;
    let text = std::fs::read_to_string(place.stamp(release)).ok()?;
    let stamp: Stamp = serde_json::from_str(&text).ok()?;
    let built = std::fs::metadata(&stamp.executable).ok()?;
    let unchanged = built.len() == stamp.size
        && nanos(built.modified().ok()?)? == stamp.modified
        && stamp.environment == environment();
    (unchanged && place.sources_older(&stamp.executable, stamp.checked)).then_some(stamp.executable)
}

/// The moment to give [`record`]: taken just before cargo starts.
pub fn now() -> u128 {
    nanos(SystemTime::now()).unwrap_or_default()
}

/// Records a successful build of the crate in `dir` by a cargo run that started at
/// `checked` (see [`now`]), so that the next check can skip cargo while nothing
/// changes. A stamp that cannot be written only costs time.
pub fn record(dir: &Path, release: bool, executable: &Path, checked: u128) {
    let (Some(place), Ok(built)) = (Place::of(dir), std::fs::metadata(executable)) else {
        return;
    };
    let path = place.stamp(release);
    let Some(modified) = built.modified().ok().and_then(nanos) else {
        return;
    };
    let stamp = Stamp {
        executable: executable.to_path_buf(),
        size: built.len(),
        modified,
        checked,
        environment: environment(),
    };
    if let (Some(folder), Ok(text)) = (path.parent(), serde_json::to_string(&stamp)) {
        let _ = std::fs::create_dir_all(folder);
        let _ = std::fs::write(path, text);
    }
}

/// A fact about a built binary (the libraries it loads) as remembered by [`remember`],
/// if the binary and the `context` it depends on (a library path) are unchanged.
pub fn recall(executable: &Path, fact: &str, context: &str) -> Option<String> {
    let text = std::fs::read_to_string(fact_path(executable, fact)).ok()?;
    let (key, value) = text.split_once('\n')?;
    (key == fact_key(executable, context)?).then(|| value.to_string())
}

/// Keeps a fact about a built binary beside it, for [`recall`]; it lapses when the
/// binary or the `context` changes.
pub fn remember(executable: &Path, fact: &str, context: &str, value: &str) {
    if let Some(key) = fact_key(executable, context) {
        let _ = std::fs::write(fact_path(executable, fact), format!("{key}\n{value}"));
    }
}

fn fact_path(executable: &Path, fact: &str) -> PathBuf {
    let mut name = executable.as_os_str().to_owned();
    name.push(format!(".workbook-{fact}"));
    PathBuf::from(name)
}

/// What a fact is valid for: the binary's size and modification time, and its context.
fn fact_key(executable: &Path, context: &str) -> Option<String> {
    let meta = std::fs::metadata(executable).ok()?;
    let modified = nanos(meta.modified().ok()?)?;
    Some(format!(
        "{} {modified} {}",
        meta.len(),
        context.replace('\n', " ")
    ))
}

/// A crate's folder (canonical) and the root of the workspace that holds it: found once
/// per check, for the stamp's path and for the manifests that matter.
struct Place {
    dir: PathBuf,
    root: PathBuf,
}

impl Place {
    fn of(dir: &Path) -> Option<Place> {
        let dir = dir.canonicalize().ok()?;
        let root = crate::course::workspace_root(&dir)?.to_path_buf();
        Some(Place { dir, root })
    }

    /// Where the stamp lives: in the workspace's target directory (`$CARGO_TARGET_DIR`
    /// or `<workspace>/target`), one file per crate and profile. A target directory
    /// configured elsewhere only means no stamp is found.
    fn stamp(&self, release: bool) -> PathBuf {
        let target = match std::env::var_os("CARGO_TARGET_DIR") {
            Some(target) => self.root.join(target),
            None => self.root.join("target"),
        };
        let relative = self.dir.strip_prefix(&self.root).unwrap_or(&self.dir);
        let crate_name = relative.to_string_lossy().replace(['/', '\\'], "+");
        let profile = if release { "release" } else { "debug" };
        target
            .join("workbook-fresh")
            .join(format!("{profile}-{crate_name}.json"))
    }

    /// True if every file the binary was built from, and every manifest that could
    /// change how, is older than `checked`. Cargo writes the list beside the binary
    /// (`<binary>.d`).
    fn sources_older(&self, executable: &Path, checked: u128) -> bool {
        let Ok(dep_info) = std::fs::read_to_string(executable.with_extension("d")) else {
            return false;
        };
        let sources = dep_info_paths(&dep_info);
        if sources.is_empty() {
            return false;
        }
        // Each crate's manifest once, however many of its sources the binary uses.
        let manifests: BTreeSet<PathBuf> = sources
            .iter()
            .filter_map(|source| crate_manifest(source))
            .chain([
                self.dir.join("Cargo.toml"),
                self.root.join("Cargo.toml"),
                self.root.join("Cargo.lock"),
            ])
            .collect();
        // Strictly older: a file saved within the file system's timestamp granularity of
        // the check (a second on some) may be newer than it looks.
        let older = |path: &PathBuf| {
            let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
            modified.and_then(nanos).is_some_and(|m| m < checked)
        };
        sources.iter().all(older) && manifests.iter().all(older)
    }
}

/// The files a dep-info file lists after `target:`, with Make's `\ ` for spaces.
fn dep_info_paths(dep_info: &str) -> Vec<PathBuf> {
    let Some(first) = dep_info.lines().next() else {
        return Vec::new();
    };
    let Some((_, list)) = first.split_once(": ") else {
        return Vec::new();
    };
    let mut paths = Vec::new();
    let mut current = String::new();
    let mut chars = list.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => current.extend(chars.next()),
            ' ' if !current.is_empty() => paths.push(PathBuf::from(std::mem::take(&mut current))),
            ' ' => {}
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        paths.push(PathBuf::from(current));
    }
    paths
}

/// The Cargo.toml of the crate a source file belongs to (the nearest above it).
fn crate_manifest(source: &Path) -> Option<PathBuf> {
    source
        .ancestors()
        .skip(1)
        .map(|folder| folder.join("Cargo.toml"))
        .find(|manifest| manifest.is_file())
}

fn environment() -> Vec<(String, String)> {
    BUILD_ENVIRONMENT
        .iter()
        .map(|var| (var.to_string(), std::env::var(var).unwrap_or_default()))
        .collect()
}

fn nanos(time: SystemTime) -> Option<u128> {
    time.duration_since(SystemTime::UNIX_EPOCH)
        .ok()
        .map(|d| d.as_nanos())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_dep_info_with_escaped_spaces() {
        let dep_info =
            "/t/debug/x: /w/src/main.rs /w/my\\ notes/lib.rs /w/hpckit/src/lib.rs\n\n/w/src/main.rs:\n";
        assert_eq!(
            dep_info_paths(dep_info),
            [
                PathBuf::from("/w/src/main.rs"),
                PathBuf::from("/w/my notes/lib.rs"),
                PathBuf::from("/w/hpckit/src/lib.rs")
            ]
        );
        assert!(dep_info_paths("").is_empty());
    }
}
