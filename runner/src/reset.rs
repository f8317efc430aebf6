//! `reset`: puts an exercise's crate back as the course ships it, after keeping the
//! learner's version in `.workbook/backups/`. The stub comes from git, from the
//! branch the checkout tracks (the course as published) or else from `HEAD`, so a
//! learner who committed their work still gets the stub back, and nothing is lost.

use crate::course::{Course, Exercise, Variant};
use crate::progress::Progress;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// What resetting one exercise would change.
struct Plan<'a> {
    exercise: &'a Exercise,
    /// Every file of the stub, relative to the crate directory, with its content.
    stub: Vec<(PathBuf, Vec<u8>)>,
    /// Files now in the crate that differ from the stub or are not part of it.
    changed: Vec<PathBuf>,
}

impl Plan<'_> {
    fn is_noop(&self) -> bool {
        self.changed.is_empty()
    }
}

/// Compares the exercise's crate with its stub in git.
fn plan<'a>(course: &Course, ex: &'a Exercise) -> Result<Plan<'a>> {
    let dir = course.crate_dir(ex, Variant::Exercise);
    let relative_dir = course.relative(&dir);
    let (source, names) = stub_files(course.root(), &relative_dir)?;
    let mut stub = Vec::new();
    for name in names {
        let blob = git(
            course.root(),
            &["show", &format!("{source}:./{relative_dir}/{name}")],
        )?;
        stub.push((PathBuf::from(name), blob));
    }
    let mut changed: Vec<PathBuf> = stub
        .iter()
        .filter(|(name, content)| std::fs::read(dir.join(name)).ok().as_ref() != Some(content))
        .map(|(name, _)| name.clone())
        .collect();
    changed.extend(untracked(course.root(), &relative_dir)?);
    changed.sort();
    Ok(Plan {
        exercise: ex,
        stub,
        changed,
    })
}

/// Copies the changed files into `backup`, then rewrites the crate as the stub.
/// Files the stub does not have are removed (their copy is in the backup).
fn apply(course: &Course, plan: &Plan, backup: &Path) -> Result<()> {
    let dir = course.crate_dir(plan.exercise, Variant::Exercise);
    for name in &plan.changed {
        let from = dir.join(name);
        if from.exists() {
            let to = backup.join(name);
            std::fs::create_dir_all(to.parent().expect("a file in a directory"))?;
            std::fs::copy(&from, &to).with_context(|| format!("backing up {}", from.display()))?;
        }
    }
    for name in &plan.changed {
        let path = dir.join(name);
        match plan.stub.iter().find(|(stub_name, _)| stub_name == name) {
            Some((_, content)) => {
                std::fs::create_dir_all(path.parent().expect("a file in a directory"))?;
                std::fs::write(&path, content).with_context(|| format!("restoring {}", path.display()))?;
            }
            None => std::fs::remove_file(&path).with_context(|| format!("removing {}", path.display()))?,
        }
    }
    Ok(())
}

/// Resets `exercises` after `ask` agrees to the question it is given, and says what
/// was done. `ask` is the terminal prompt for `reset`, a key press in `watch`.
pub fn reset(course: &Course, exercises: &[&Exercise], ask: impl FnOnce(&str) -> bool) -> Result<String> {
    let plans = exercises
        .iter()
        .map(|ex| plan(course, ex))
        .collect::<Result<Vec<_>>>()?;
    let plans: Vec<&Plan> = plans.iter().filter(|p| !p.is_noop()).collect();
    if plans.is_empty() {
        let which = match exercises {
            [ex] => format!("{} is", ex.id),
            _ => "every exercise is".to_string(),
        };
        return Ok(format!("Nothing to reset: {which} as the course ships it.\n"));
    }
    let mut question = String::from("This puts back the original stub of:\n");
    for plan in &plans {
        let files: Vec<String> = plan.changed.iter().map(|f| f.display().to_string()).collect();
        question.push_str(&format!(
            "  {} ({}): {}\n",
            plan.exercise.id,
            plan.exercise.slug,
            crate::report::join_words(&files, "and")
        ));
    }
    question.push_str(&format!(
        "Your version is kept in {}/. Reset? [y/N] ",
        course.relative(&backups(course))
    ));
    if !ask(&question) {
        return Ok("Nothing was changed.\n".to_string());
    }
    let mut progress = Progress::load(course.root());
    let mut done = String::new();
    for plan in plans {
        let backup = backup_dir(course, plan.exercise);
        apply(course, plan, &backup)?;
        progress.forget_result(&plan.exercise.slug);
        done.push_str(&format!(
            "↺ {} is back to its stub; your version is in {}/\n",
            plan.exercise.id,
            course.relative(&backup)
        ));
    }
    progress.save()?;
    Ok(done)
}

/// Where resets keep learners' versions, one folder per exercise slug.
fn backups(course: &Course) -> PathBuf {
    course.root().join(".workbook").join("backups")
}

/// Where this reset keeps the learner's version of `ex`: one folder per reset, named
/// by the local time, so that repeated resets never overwrite an older backup.
fn backup_dir(course: &Course, ex: &Exercise) -> PathBuf {
    let base = backups(course).join(&ex.slug);
    let stamp = local_timestamp();
    let mut dir = base.join(&stamp);
    let mut n = 2;
    while dir.exists() {
        dir = base.join(format!("{stamp}-{n}"));
        n += 1;
    }
    dir
}

/// The commit to take stubs from and the files of `relative_dir` in it.
fn stub_files(root: &Path, relative_dir: &str) -> Result<(String, Vec<String>)> {
    if git(root, &["rev-parse", "--is-inside-work-tree"]).is_err() {
        bail!(
            "{} is not a git checkout, so the runner has no original stub to go back to.\n\
             Clone the course with git (the setup page says how) to be able to reset exercises.",
            root.display()
        );
    }
    for source in ["@{upstream}", "HEAD"] {
        let listed = git(
            root,
            &[
                "ls-tree",
                "-r",
                "--name-only",
                source,
                "--",
                &format!("{relative_dir}/"),
            ],
        );
        // ls-tree shows paths relative to the directory git runs in: the course root.
        if let Ok(listing) = listed {
            let prefix = format!("{relative_dir}/");
            let names: Vec<String> = String::from_utf8_lossy(&listing)
                .lines()
                .filter_map(|l| l.strip_prefix(&prefix).map(String::from))
                .collect();
            if !names.is_empty() {
                return Ok((source.to_string(), names));
            }
        }
    }
    bail!("git has no committed version of {relative_dir}, so there is no stub to go back to")
}

/// Files under `relative_dir` that git does not track and does not ignore: the
/// learner's additions (build output and other ignored files are left alone).
fn untracked(root: &Path, relative_dir: &str) -> Result<Vec<PathBuf>> {
    let listing = git(
        root,
        &[
            "ls-files",
            "--others",
            "--exclude-standard",
            "--",
            &format!("{relative_dir}/"),
        ],
    )?;
    let prefix = format!("{relative_dir}/");
    Ok(String::from_utf8_lossy(&listing)
        .lines()
        .filter_map(|l| l.strip_prefix(&prefix).map(PathBuf::from))
        .collect())
}

fn git(root: &Path, args: &[&str]) -> Result<Vec<u8>> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .context("running git (is it installed?)")?;
    if !out.status.success() {
        bail!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(out.stdout)
}

/// `2026-11-21-143005`, in local time.
fn local_timestamp() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs()) as libc::time_t;
    // SAFETY: localtime_r writes only into the struct we pass.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    unsafe { libc::localtime_r(&now, &mut tm) };
    format!(
        "{:04}-{:02}-{:02}-{:02}{:02}{:02}",
        tm.tm_year + 1900,
        tm.tm_mon + 1,
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec
    )
}
