//! The course manifest (`info.toml`): chapters and exercises in course order, and the
//! conventions that turn an exercise's id and slug into its crates, expected outputs
//! and book page. Everything else in the runner asks this module where things are, so
//! that the layout is written down once.

use anyhow::{bail, Context, Result};
use regex::Regex;
use serde::Deserialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// The manifest format this runner reads. Bump it when a field changes meaning.
pub const FORMAT: u32 = 1;

/// The manifest's file name, searched for upwards from the working directory.
pub const MANIFEST: &str = "info.toml";

/// The learner's own state of the course at `root` (see [`Course::state_dir`]), for
/// what needs it before a course is loaded.
pub fn state_dir(root: &Path) -> PathBuf {
    root.join(".workbook")
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    format: u32,
    title: String,
    expected: PathBuf,
    #[serde(default, rename = "chapter")]
    chapters: Vec<Chapter>,
    #[serde(default, rename = "exercise")]
    exercises: Vec<Exercise>,
}

/// A chapter of the book; its exercises point to it by slug.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    pub slug: String,
    pub title: String,
}

/// One graded exercise, as the manifest declares it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    /// Position in the course (`ex07`); may be renumbered between course versions.
    pub id: String,
    /// Stable name (`send-recv`); progress is stored under it.
    pub slug: String,
    pub title: String,
    pub chapter: String,
    /// Rank counts the exercise is checked at; the first is the default.
    pub ranks: Vec<usize>,
    /// Build with `--release`: the program prints timings or speed-ups, which mean
    /// something only for optimized code (they are never graded, see `varies`), or it
    /// computes enough that a debug build would make every check slow.
    #[serde(default)]
    pub release: bool,
    /// What passing the exercise is worth in `grade`'s totals.
    #[serde(default = "one_point")]
    pub points: u32,
    /// About how many minutes the exercise takes in a workshop (the schedule's unit).
    #[serde(default)]
    pub minutes: Option<u32>,
    /// Not on the workshop's core path: for those who finish early, or for later.
    #[serde(default)]
    pub optional: bool,
    /// False for single-process programs (the array chapters): the runner starts them
    /// directly, without a launcher, and checks their output as rank 0's.
    #[serde(default = "launched_under_mpi")]
    pub mpi: bool,
    /// Seconds a run may take before it is treated as hung.
    pub timeout: u64,
    /// The seed example this exercise mirrors, for authors.
    pub seed: String,
    pub hints: Vec<String>,
    /// Parts of the output that legitimately vary between runs (timings, host names).
    #[serde(default)]
    pub varies: Vec<Variation>,
    /// The order of a rank's lines is not defined by design (threads or processes print
    /// them): its lines are compared as a set, in any order, and stored sorted.
    #[serde(default)]
    pub unordered: bool,
    /// How many worker processes the program starts with MPI_Comm_spawn in each run
    /// (through `hpckit::mpi_ext::spawn`, which starts them under the capture shim):
    /// their output is checked like the ranks', as `[worker N]` in the expected output.
    #[serde(default)]
    pub spawns: usize,
}

fn one_point() -> u32 {
    1
}

fn launched_under_mpi() -> bool {
    true
}

/// A regular expression whose matches are replaced before outputs are compared.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variation {
    pub pattern: Pattern,
    pub replace: String,
}

/// A regular expression compiled while the manifest is read, so that a bad pattern is
/// reported with its line in `info.toml` and never compiled twice.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "String")]
pub struct Pattern(Regex);

impl TryFrom<String> for Pattern {
    type Error = regex::Error;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Regex::new(&text).map(Pattern)
    }
}

/// Which of an exercise's two crates: the learner's stub or the reference solution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    Exercise,
    Solution,
}

impl Exercise {
    /// A minimal exercise ex01 for unit tests, with `extra` manifest lines.
    #[cfg(test)]
    pub(crate) fn for_test(extra: &str) -> Exercise {
        let block = format!(
            "id = \"ex01\"\nslug = \"s\"\ntitle = \"t\"\nchapter = \"c\"\nranks = [1]\n\
             timeout = 5\nseed = \"\"\nhints = []\n{extra}"
        );
        toml::from_str(&block).unwrap()
    }

    /// The default rank count: the first one declared.
    pub fn default_ranks(&self) -> usize {
        self.ranks[0]
    }

    /// The directory name both crates share: `ex02-send-recv`.
    pub fn dir_name(&self) -> String {
        format!("{}-{}", self.id, self.slug)
    }

    /// The Cargo package name of one of the exercise's crates.
    pub fn package(&self, variant: Variant) -> String {
        match variant {
            Variant::Exercise => format!("ex-{}", self.slug),
            Variant::Solution => format!("sol-{}", self.slug),
        }
    }

    /// Puts one rank's output in the form it is compared and stored in: what varies
    /// between runs replaced by its placeholder, and, for an `unordered` exercise, the
    /// lines sorted (numbers by value), so that any order of the same lines compares equal.
    pub fn normalize(&self, text: &str) -> String {
        let replaced = self.varies.iter().fold(text.to_string(), |acc, v| {
            v.pattern.0.replace_all(&acc, v.replace.as_str()).into_owned()
        });
        if !self.unordered {
            return replaced;
        }
        let canonical = crate::expected::canonical(&replaced);
        let mut lines: Vec<&str> = canonical.lines().collect();
        alphanumeric_sort::sort_str_slice(&mut lines);
        lines.join("\n")
    }
}

/// A loaded course: the manifest plus the directory it lives in.
#[derive(Debug)]
pub struct Course {
    root: PathBuf,
    manifest: Manifest,
}

impl Course {
    /// Finds `info.toml` in `start` or one of its parents, like cargo finds Cargo.toml.
    pub fn discover(start: &Path) -> Result<Course> {
        for dir in start.ancestors() {
            if dir.join(MANIFEST).is_file() {
                return Course::load(dir);
            }
        }
        bail!(
            "no {MANIFEST} in {} or any parent directory.\n\
             Run the runner from inside the workbook's checkout (the folder with {MANIFEST}), \
             or pass --course <dir>.",
            start.display()
        )
    }

    /// Loads and validates the manifest in `root`.
    pub fn load(root: &Path) -> Result<Course> {
        let path = root.join(MANIFEST);
        let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        let manifest: Manifest = toml::from_str(&text)
            .with_context(|| format!("{} is not a valid course manifest", path.display()))?;
        let course = Course {
            root: root.to_path_buf(),
            manifest,
        };
        course
            .validate()
            .with_context(|| format!("{} is inconsistent", path.display()))?;
        Ok(course)
    }

    fn validate(&self) -> Result<()> {
        let m = &self.manifest;
        if m.format != FORMAT {
            bail!(
                "it has format {}, this runner reads format {FORMAT}: update the runner with `git pull`",
                m.format
            );
        }
        let chapters: HashSet<&str> = m.chapters.iter().map(|c| c.slug.as_str()).collect();
        if chapters.len() != m.chapters.len() {
            bail!("two chapters share a slug");
        }
        let (mut ids, mut slugs) = (HashSet::new(), HashSet::new());
        for ex in &m.exercises {
            let name = &ex.id;
            if !ids.insert(ex.id.as_str()) {
                bail!("exercise id {name} appears twice");
            }
            if !slugs.insert(ex.slug.as_str()) {
                bail!("exercise slug {} appears twice", ex.slug);
            }
            if !chapters.contains(ex.chapter.as_str()) {
                bail!("{name} names chapter `{}`, which is not declared", ex.chapter);
            }
            if ex.ranks.is_empty() || ex.ranks.contains(&0) {
                bail!("{name} must declare rank counts of at least 1, e.g. `ranks = [4, 2]`");
            }
            if !ex.mpi && ex.ranks != [1] {
                bail!("{name} runs without MPI (`mpi = false`), so it must declare `ranks = [1]`");
            }
            if ex.timeout == 0 {
                bail!("{name} has a timeout of 0 seconds");
            }
        }
        Ok(())
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A path as messages and pages show it: relative to the course root, with `/`.
    pub fn relative(&self, path: &Path) -> String {
        shown_from(&self.root, path)
    }

    pub fn title(&self) -> &str {
        &self.manifest.title
    }

    pub fn chapters(&self) -> &[Chapter] {
        &self.manifest.chapters
    }

    pub fn exercises(&self) -> &[Exercise] {
        &self.manifest.exercises
    }

    /// The exercises of one chapter, in course order.
    pub fn exercises_in<'a>(&'a self, chapter: &'a str) -> impl Iterator<Item = &'a Exercise> {
        self.exercises().iter().filter(move |e| e.chapter == chapter)
    }

    pub fn chapter(&self, slug: &str) -> Option<&Chapter> {
        self.chapters().iter().find(|c| c.slug == slug)
    }

    /// The folder of every exercise's stub (`exercises/`) or every solution (`solutions/`).
    pub fn crates_dir(&self, variant: Variant) -> PathBuf {
        self.root.join(match variant {
            Variant::Exercise => "exercises",
            Variant::Solution => "solutions",
        })
    }

    /// The crate directory of an exercise's stub or solution.
    pub fn crate_dir(&self, ex: &Exercise, variant: Variant) -> PathBuf {
        self.crates_dir(variant).join(ex.dir_name())
    }

    /// The learner's own state (progress, backups), ignored by git: `.workbook/`.
    pub fn state_dir(&self) -> PathBuf {
        state_dir(&self.root)
    }

    /// The book: `book/`, with its `book.toml`, its sources and the built book.
    pub fn book_dir(&self) -> PathBuf {
        self.root.join("book")
    }

    /// The book's sources: `book/src/`, with a folder per chapter and `SUMMARY.md`.
    pub fn book_src(&self) -> PathBuf {
        self.book_dir().join("src")
    }

    /// The book's table of contents, which lists every page.
    pub fn book_summary(&self) -> PathBuf {
        self.book_src().join("SUMMARY.md")
    }

    /// Where the expected outputs (insta snapshots) live.
    pub fn expected_dir(&self) -> PathBuf {
        self.root.join(&self.manifest.expected)
    }

    /// The expected-output file of an exercise at one rank count.
    pub fn expected_path(&self, ex: &Exercise, ranks: usize) -> PathBuf {
        self.expected_dir()
            .join(format!("{}.snap", snapshot_name(ex, ranks)))
    }

    /// The exercise's page in the book's sources.
    pub fn book_page(&self, ex: &Exercise) -> PathBuf {
        self.book_src().join(&ex.chapter).join(format!("{}.md", ex.slug))
    }

    /// Why cargo cannot load the workspace the course's crates belong to, in words that
    /// name the folder to fix: a folder under `exercises/` that is no crate, a copy of
    /// one, a Cargo.toml with an error. Every build then fails before compiling, which
    /// must not read as a compile error or as MPI missing. `None` when cargo loads it, or
    /// fails for another reason (the build reports that), or the crates stand alone.
    pub fn workspace_problem(&self) -> Option<String> {
        let out = std::process::Command::new(crate::build::cargo())
            .args(["metadata", "--no-deps", "--format-version", "1"])
            .current_dir(&self.root)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .output()
            .ok()?;
        if out.status.success() {
            return None;
        }
        workspace_failure(&String::from_utf8_lossy(&out.stderr))
    }

    /// Finds an exercise by id (`ex02`), slug (`send-recv`), directory name
    /// (`ex02-send-recv`, also as a path) or a unique prefix of any of them.
    pub fn resolve(&self, name: &str) -> Result<&Exercise> {
        let wanted = name.trim_end_matches('/').rsplit('/').next().unwrap_or(name);
        let exact = self
            .exercises()
            .iter()
            .find(|e| e.id == wanted || e.slug == wanted || e.dir_name() == wanted);
        if let Some(ex) = exact {
            return Ok(ex);
        }
        let prefixed: Vec<&Exercise> = self
            .exercises()
            .iter()
            .filter(|e| {
                !wanted.is_empty() && (e.slug.starts_with(wanted) || e.dir_name().starts_with(wanted))
            })
            .collect();
        if let [one] = prefixed.as_slice() {
            return Ok(one);
        }
        let candidates: Vec<String> = if prefixed.len() > 1 {
            prefixed.iter().map(|e| e.dir_name()).collect()
        } else {
            self.suggest(wanted)
        };
        let mut msg = format!("no exercise is called `{name}`.");
        if !candidates.is_empty() {
            msg.push_str(&format!("\nDid you mean: {}?", candidates.join(", ")));
        }
        msg.push_str("\n`cargo run -p runner -- list` shows every exercise.");
        bail!(msg)
    }

    /// The exercises whose names are closest to a mistyped one.
    fn suggest(&self, wanted: &str) -> Vec<String> {
        let mut scored: Vec<(f64, String)> = self
            .exercises()
            .iter()
            .map(|e| {
                let score = [e.id.as_str(), e.slug.as_str(), &e.dir_name()]
                    .iter()
                    .map(|n| strsim::jaro_winkler(wanted, n))
                    .fold(0.0, f64::max);
                (score, e.dir_name())
            })
            .filter(|(score, _)| *score > 0.75)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored.into_iter().take(3).map(|(_, n)| n).collect()
    }
}

/// The snapshot name shared by the tests (insta) and the runner: `<slug>@np<N>`.
pub fn snapshot_name(ex: &Exercise, ranks: usize) -> String {
    format!("{}@np{ranks}", ex.slug)
}

/// Explains cargo's failure to load a workspace because of one of its members, from
/// what cargo printed on stderr (build.rs calls it on a failed build, `grade` before
/// building). Paths are shown from the workspace's root: `exercises/notes`.
pub fn workspace_failure(cargo_stderr: &str) -> Option<String> {
    static MEMBER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"failed to load manifest for workspace member `(?P<member>[^`]+)`\s*\nreferenced (?:via `(?P<glob>[^`]+)` )?by workspace at `(?P<workspace>[^`]+)`",
        )
        .expect("a valid pattern")
    });
    static TWICE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"two packages named `(?P<name>[^`]+)` in this workspace:\s*\n- (?P<first>.+)\n- (?P<second>.+)",
        )
        .expect("a valid pattern")
    });
    if let Some(found) = TWICE.captures(cargo_stderr) {
        return Some(same_package(
            &found["name"],
            Path::new(&found["first"]),
            Path::new(&found["second"]),
        ));
    }
    let found = MEMBER.captures(cargo_stderr)?;
    let member = Path::new(&found["member"]);
    let root = Path::new(&found["workspace"]).parent()?;
    let shown = shown_from(root, member);
    // The folder cargo takes every subfolder of, for `exercises/*`; none for a listed member.
    let globbed = found
        .name("glob")
        .map(|glob| glob.as_str().trim_end_matches("/*"));
    let why = match globbed {
        Some(folder) => format!("the workspace includes every folder under {folder}/"),
        None => "the workspace's Cargo.toml lists it as a member".to_string(),
    };
    Some(if !member.join("Cargo.toml").is_file() {
        let fix = match globbed {
            Some(folder) => format!("move {shown} out of {folder}/ (your work is untouched)"),
            None => format!("put its crate back (`git checkout -- {shown}` restores a course folder)"),
        };
        format!(
            "{shown} is not an exercise crate (no Cargo.toml), but {why}, so cargo cannot build anything: \
             {fix}, then run this again."
        )
    } else {
        let or_move = match globbed {
            Some(folder) => format!(
                ", or, if it is not an exercise, move {shown} out of {folder}/ (your work is untouched)"
            ),
            None => String::new(),
        };
        format!(
            "{shown}/Cargo.toml has an error, and {why}, so cargo cannot build anything: fix it{or_move}, \
             then run this again.\ncargo said:\n{}",
            indent(cargo_stderr.trim_end())
        )
    })
}

/// The explanation for two folders that hold the same package: one is a copy.
fn same_package(name: &str, first: &Path, second: &Path) -> String {
    let folders = [first, second].map(|manifest| manifest.parent().unwrap_or(manifest));
    let root = workspace_root(folders[0]).unwrap_or(Path::new("/"));
    let [a, b] = folders.map(|folder| shown_from(root, folder));
    let parent = Path::new(&b)
        .parent()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    format!(
        "{a} and {b} both hold the package `{name}`, and the workspace includes every folder under {parent}/, \
         so cargo cannot build anything: move the copy out of {parent}/ (your work is untouched), then run this again."
    )
}

/// The nearest folder above `dir` whose Cargo.toml declares a `[workspace]`.
pub fn workspace_root(dir: &Path) -> Option<&Path> {
    dir.ancestors().skip(1).find(|candidate| {
        std::fs::read_to_string(candidate.join("Cargo.toml"))
            .ok()
            .and_then(|text| text.parse::<toml::Table>().ok())
            .is_some_and(|manifest| manifest.contains_key("workspace"))
    })
}

/// `path` relative to `root`, with `/`, as messages show it.
fn shown_from(root: &Path, path: &Path) -> String {
    let shown = path.strip_prefix(root).unwrap_or(path);
    shown
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn course() -> Course {
        Course::discover(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    /// The fixture course: its ids do not change when the real course is renumbered.
    fn fixtures() -> Course {
        Course::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/course")).unwrap()
    }

    #[test]
    fn resolves_id_slug_dir_and_prefix() {
        let c = fixtures();
        assert_eq!(c.resolve("ex03").unwrap().slug, "panic");
        assert_eq!(c.resolve("panic").unwrap().id, "ex03");
        assert_eq!(c.resolve("ex03-panic").unwrap().id, "ex03");
        assert_eq!(c.resolve("exercises/ex03-panic/").unwrap().id, "ex03");
        assert_eq!(c.resolve("trunc").unwrap().id, "ex07");
    }

    #[test]
    fn unknown_names_get_suggestions() {
        let err = fixtures().resolve("panik").unwrap_err().to_string();
        assert!(err.contains("no exercise is called `panik`"), "{err}");
        assert!(err.contains("Did you mean: ex03-panic"), "{err}");
    }

    #[test]
    fn ambiguous_prefix_lists_candidates() {
        let err = fixtures().resolve("ex1").unwrap_err().to_string();
        assert!(err.contains("ex10-segfault, ex11-huge-output"), "{err}");
    }

    #[test]
    fn derived_paths_follow_the_conventions() {
        let c = course();
        let ex = c.resolve("scatterv-reduce").unwrap();
        assert_eq!(ex.package(Variant::Solution), "sol-scatterv-reduce");
        assert!(c
            .crate_dir(ex, Variant::Exercise)
            .ends_with(format!("exercises/{}-scatterv-reduce", ex.id)));
        assert!(c
            .expected_path(ex, 4)
            .ends_with("tests/snapshots/scatterv-reduce@np4.snap"));
        assert!(c
            .book_page(ex)
            .ends_with("book/src/mpi-collectives/scatterv-reduce.md"));
    }

    fn exercise(extra: &str) -> Exercise {
        Exercise::for_test(extra)
    }

    #[test]
    fn unordered_output_is_sorted_numbers_by_value_after_varies() {
        let ex = exercise("unordered = true\nvaries = [{ pattern = 'pid [0-9]+', replace = 'pid <pid>' }]");
        let got = ex.normalize("16\n4\r\nchild pid 77\n100\n\n");
        assert_eq!(got, "4\n16\n100\nchild pid <pid>");
        assert_eq!(ex.normalize("100\n16\nchild pid 3\n4"), got);
    }

    #[test]
    fn ordered_output_keeps_its_order() {
        let ex = exercise("");
        assert_eq!(ex.normalize("16\n4\n"), "16\n4\n");
    }
}
