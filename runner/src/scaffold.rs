//! `dev new`: adds an exercise to the course in one command. It goes at the end of its
//! chapter; the exercises after it move up one id (folders, manifest, workspace members,
//! book pages and links), slugs unchanged so that learners' progress survives. It writes
//! the two crates, the manifest entry, the book page and its SUMMARY line, each with
//! text marked [`MARK`] for the author to replace, which `dev check` reports until done.

mod renumber;
mod templates;

use crate::course::{Course, Exercise, Variant};
use anyhow::{bail, Context, Result};
use colored::Colorize;
use std::path::{Path, PathBuf};

/// Put into every text the author must still write; `dev check` lists what has it.
pub const MARK: &str = "dev new:";

/// What the author asked for.
pub struct Request<'a> {
    pub slug: &'a str,
    pub chapter: &'a str,
    pub title: &'a str,
}

/// What was done, for the report.
pub struct Added {
    pub id: String,
    /// Old and new id of each exercise that moved up, in course order.
    pub moved: Vec<(String, String)>,
    /// Files and folders written, relative to the course root.
    pub written: Vec<String>,
    /// Steps left to the author because the files had an unexpected shape.
    pub by_hand: Vec<String>,
}

/// Adds the exercise; every check is made before the first file changes.
pub fn add(course: &Course, request: &Request) -> Result<Added> {
    validate(course, request)?;
    let position = insertion_point(course, request.chapter);
    let ids = renumber::Ids::of(course)?;
    let id = ids.at(position);
    let moved = ids.moved_from(position);
    let previous = position.checked_sub(1).map(|i| &course.exercises()[i]);
    let new = Placed {
        id: &id,
        request,
        previous,
        like: course.exercises_in(request.chapter).last(),
    };
    refuse_existing(course, &new)?;
    renumber::apply(course, &moved)?;
    let mut added = Added {
        id: id.clone(),
        moved,
        written: Vec::new(),
        by_hand: Vec::new(),
    };
    new.write_crates(course, &mut added)?;
    new.write_manifest_entry(course)?;
    added.written.push(format!("info.toml: [[exercise]] {id}"));
    new.write_members(course, &mut added)?;
    new.write_page(course, &mut added)?;
    Ok(added)
}

impl Added {
    /// What changed, and the author's next steps.
    pub fn report(&self) -> String {
        let id = &self.id;
        let mut out = format!("{} added {id}\n", "✓".green());
        let moved = match (self.moved.first(), self.moved.last()) {
            (Some((old, new)), Some((last_old, _))) if old == last_old => {
                Some(format!("{old} moved up to {new}"))
            }
            (Some((old, new)), Some((last_old, last_new))) => {
                Some(format!("{old}…{last_old} moved up to {new}…{last_new}"))
            }
            _ => None,
        };
        if let Some(moved) = moved {
            out += &format!(
                "  ~ {moved}: their folders, info.toml, Cargo.toml and the book's links (slugs, and \
                 so progress, are unchanged)\n"
            );
        }
        for written in &self.written {
            out += &format!("  + {written}\n");
        }
        for step in &self.by_hand {
            out += &format!("  {} by hand: {step}\n", "!".yellow());
        }
        out += &format!(
            "Next:\n  1. write the solution, then `cargo run -p runner -- dev bless {id}` makes its \
             expected output\n  2. write the stub from it, with todo!() where the learner works\n  \
             3. replace every `{MARK}` text (the page, the seed, the hints)\n  4. `cargo run -p \
             runner -- dev check` passes when all is in place\n"
        );
        out
    }
}

fn validate(course: &Course, request: &Request) -> Result<()> {
    let slug = request.slug;
    let kebab = !slug.is_empty()
        && slug
            .split('-')
            .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
    if !kebab {
        bail!("`{slug}` is not a slug: use lowercase words and digits joined by hyphens, e.g. `ghost-rows`");
    }
    if let Some(ex) = course.exercises().iter().find(|e| e.slug == slug) {
        bail!("{} is already called `{slug}`: choose another slug", ex.id);
    }
    if course.chapter(request.chapter).is_none() {
        let known: Vec<&str> = course.chapters().iter().map(|c| c.slug.as_str()).collect();
        bail!(
            "there is no chapter `{}` in info.toml; the chapters are: {}",
            request.chapter,
            known.join(", ")
        );
    }
    if request.title.trim().is_empty() {
        bail!("the title is empty: say what the exercise does, e.g. --title \"Exchange ghost rows\"");
    }
    Ok(())
}

/// The index the new exercise gets: after every exercise of its chapter and of the
/// chapters before it (the manifest lists both in course order).
fn insertion_point(course: &Course, chapter: &str) -> usize {
    let order = |slug: &str| course.chapters().iter().position(|c| c.slug == slug);
    let limit = order(chapter);
    course
        .exercises()
        .iter()
        .filter(|e| order(&e.chapter) <= limit)
        .count()
}

fn refuse_existing(course: &Course, new: &Placed) -> Result<()> {
    for path in [
        new.crate_dir(course, Variant::Exercise),
        new.crate_dir(course, Variant::Solution),
        new.page(course),
    ] {
        if path.exists() {
            bail!(
                "{} already exists: move it away (it is not in info.toml), then run dev new again",
                course.relative(&path)
            );
        }
    }
    Ok(())
}

/// The new exercise and where it goes.
struct Placed<'a> {
    id: &'a str,
    request: &'a Request<'a>,
    /// The exercise it follows in the course, if any.
    previous: Option<&'a Exercise>,
    /// The chapter's last exercise, whose MPI settings it starts from.
    like: Option<&'a Exercise>,
}

impl Placed<'_> {
    fn dir_name(&self) -> String {
        format!("{}-{}", self.id, self.request.slug)
    }

    fn crate_dir(&self, course: &Course, variant: Variant) -> PathBuf {
        course.crates_dir(variant).join(self.dir_name())
    }

    fn page(&self, course: &Course) -> PathBuf {
        course
            .book_src()
            .join(self.request.chapter)
            .join(format!("{}.md", self.request.slug))
    }

    fn mpi(&self) -> bool {
        self.like.is_none_or(|ex| ex.mpi)
    }

    fn write_crates(&self, course: &Course, added: &mut Added) -> Result<()> {
        for variant in [Variant::Exercise, Variant::Solution] {
            let dir = self.crate_dir(course, variant);
            let package = match variant {
                Variant::Exercise => format!("ex-{}", self.request.slug),
                Variant::Solution => format!("sol-{}", self.request.slug),
            };
            let program = templates::program(self.id, self.request.title, self.mpi(), variant);
            write(
                &dir.join("Cargo.toml"),
                &templates::cargo_toml(&package, self.mpi()),
            )?;
            write(&dir.join("src/main.rs"), &program)?;
            added.written.push(format!("{}/", course.relative(&dir)));
        }
        Ok(())
    }

    fn write_manifest_entry(&self, course: &Course) -> Result<()> {
        let path = course.root().join(crate::course::MANIFEST);
        let text = read(&path)?;
        let entry = templates::manifest_entry(self.id, self.request, self.like);
        let at = self
            .previous
            .and_then(|prev| entry_end(&text, &prev.id))
            .unwrap_or(text.len());
        let (head, tail) = text.split_at(at);
        let glue = if head.ends_with("\n\n") || head.is_empty() {
            ""
        } else {
            "\n"
        };
        let spacer = if tail.is_empty() { "" } else { "\n" };
        write(&path, &format!("{head}{glue}{entry}{spacer}{tail}"))
    }

    fn write_members(&self, course: &Course, added: &mut Added) -> Result<()> {
        let exercises = course.crates_dir(Variant::Exercise);
        let Some(root) = crate::course::workspace_root(&exercises) else {
            return Ok(());
        };
        let path = root.join("Cargo.toml");
        let mut text = read(&path)?;
        for variant in [Variant::Exercise, Variant::Solution] {
            let member = member_path(root, &self.crate_dir(course, variant));
            let after = self
                .previous
                .map(|prev| member_path(root, &course.crate_dir(prev, variant)));
            match insert_member(&text, after.as_deref(), &member) {
                Some(changed) => text = changed,
                None => added.by_hand.push(format!(
                    "add \"{member}\" to `members` in {}",
                    course.relative(&path)
                )),
            }
        }
        write(&path, &text)
    }

    fn write_page(&self, course: &Course, added: &mut Added) -> Result<()> {
        let page = self.page(course);
        let stub = course.relative(&self.crate_dir(course, Variant::Exercise));
        write(&page, &templates::page(self.id, self.request, &stub))?;
        added.written.push(course.relative(&page));
        let summary = course.book_summary();
        let line = format!(
            "[{}: {}]({}/{}.md)",
            self.id, self.request.title, self.request.chapter, self.request.slug
        );
        let text = std::fs::read_to_string(&summary).unwrap_or_default();
        match insert_summary_line(&text, self.request.chapter, &line) {
            Some(changed) => write(&summary, &changed),
            None => {
                let shown = course.relative(&summary);
                added
                    .by_hand
                    .push(format!("list the page in {shown}: `- {line}`"));
                Ok(())
            }
        }
    }
}

/// Where the manifest entry with `id` ends: at the next table header, or the end.
fn entry_end(text: &str, id: &str) -> Option<usize> {
    let start = text.find(&format!("id = \"{id}\""))?;
    let rest = &text[start..];
    Some(rest.find("\n[[").map_or(text.len(), |i| start + i + 1))
}

fn member_path(root: &Path, dir: &Path) -> String {
    let relative = dir.strip_prefix(root).unwrap_or(dir);
    relative.to_string_lossy().replace('\\', "/")
}

/// Cargo.toml with `member` listed after `after`, or else after the last member in
/// the same folder, or else first; on a line of its own as the members are. `None` if
/// the list is not written one member per line.
fn insert_member(text: &str, after: Option<&str>, member: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let folder = format!("\"{}/", member.split('/').next().unwrap_or(member));
    let listed = |want: &str| lines.iter().position(|l| l.trim() == format!("\"{want}\","));
    let anchor = after
        .and_then(listed)
        .or_else(|| lines.iter().rposition(|l| l.trim().starts_with(&folder)))
        .or_else(|| {
            lines
                .iter()
                .position(|l| l.trim_start().starts_with("members = ["))
        })?;
    let next = lines.get(anchor + 1)?;
    if !next.trim_start().starts_with('"') && !next.trim_start().starts_with(']') {
        return None;
    }
    let indent = &next[..next.len() - next.trim_start().len()];
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    out.insert(anchor + 1, format!("{indent}\"{member}\","));
    Some(out.join("\n") + "\n")
}

/// SUMMARY.md with `line` as the last page under the chapter's own page; `None` if the
/// chapter has no page there.
fn insert_summary_line(text: &str, chapter: &str, line: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let indent_of = |l: &str| l.len() - l.trim_start().len();
    let head = lines.iter().position(|l| l.contains(&format!("]({chapter}/")))?;
    let depth = indent_of(lines[head]);
    let last = (head + 1..lines.len())
        .take_while(|&i| lines[i].trim().is_empty() || indent_of(lines[i]) > depth)
        .filter(|&i| !lines[i].trim().is_empty())
        .last()
        .unwrap_or(head);
    let child = if last == head {
        depth + 2
    } else {
        indent_of(lines[last])
    };
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    out.insert(last + 1, format!("{}- {line}", " ".repeat(child)));
    Some(out.join("\n") + "\n")
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_member_goes_after_the_previous_one_with_its_indentation() {
        let text = "[workspace]\nmembers = [\n    \"exercises/ex01-a\",\n    \"solutions/ex01-a\",\n]\n";
        let out = insert_member(text, Some("exercises/ex01-a"), "exercises/ex02-b").unwrap();
        assert_eq!(
            out,
            "[workspace]\nmembers = [\n    \"exercises/ex01-a\",\n    \"exercises/ex02-b\",\n    \
             \"solutions/ex01-a\",\n]\n"
        );
        assert_eq!(insert_member("members = [\"a\"]\n", Some("a"), "b"), None);
        let first_stub = insert_member(text, Some("exercises/ex00-z"), "exercises/ex02-b").unwrap();
        assert!(
            first_stub.contains("\"exercises/ex01-a\",\n    \"exercises/ex02-b\",\n"),
            "{first_stub}"
        );
    }

    #[test]
    fn a_summary_line_goes_last_in_its_chapter() {
        let text = "# S\n\n- [One](one/index.md)\n  - [ex01: A](one/a.md)\n- [Two](two/index.md)\n";
        let out = insert_summary_line(text, "one", "[ex02: B](one/b.md)").unwrap();
        assert_eq!(
            out,
            "# S\n\n- [One](one/index.md)\n  - [ex01: A](one/a.md)\n  - [ex02: B](one/b.md)\n- \
             [Two](two/index.md)\n"
        );
        let empty = insert_summary_line(text, "two", "[ex03: C](two/c.md)").unwrap();
        assert!(
            empty.ends_with("- [Two](two/index.md)\n  - [ex03: C](two/c.md)\n"),
            "{empty}"
        );
        assert_eq!(insert_summary_line(text, "three", "x"), None);
    }

    #[test]
    fn an_entry_ends_at_the_next_table() {
        let text = "[[exercise]]\nid = \"ex01\"\n\n[[exercise]]\nid = \"ex02\"\n";
        assert_eq!(
            entry_end(text, "ex01"),
            Some(text.find("[[exercise]]\nid = \"ex02").unwrap())
        );
        assert_eq!(entry_end(text, "ex02"), Some(text.len()));
    }
}
