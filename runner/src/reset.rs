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

/// Compares the exercise's crate with its stub in git. A symbolic link on the way to a
/// file that would change stops the reset before anything is asked or changed.
fn plan<'a>(course: &Course, ex: &'a Exercise) -> Result<Plan<'a>> {
    let dir = course.crate_dir(ex, Variant::Exercise);
    let relative_dir = course.relative(&dir);
    refuse_links(course, ex, Path::new(&relative_dir))?;
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
    for name in &changed {
        refuse_links(course, ex, &Path::new(&relative_dir).join(name))?;
    }
    Ok(Plan {
        exercise: ex,
        stub,
        changed,
    })
}

/// Copies the changed files into a new backup folder, then rewrites the crate as the
/// stub. Files the stub does not have are removed (their copy is in the backup).
/// Returns the backup folder, made only when a changed file still existed to be kept.
fn apply(course: &Course, plan: &Plan) -> Result<Option<PathBuf>> {
    let dir = course.crate_dir(plan.exercise, Variant::Exercise);
    let mut backup = None;
    for name in &plan.changed {
        let from = dir.join(name);
        if from.exists() {
            let folder = match &backup {
                Some(folder) => folder,
                None => backup.insert(new_backup_dir(course, plan.exercise)?),
            };
            let to = folder.join(name);
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
    Ok(backup)
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
            crate::words::join_words(&files, "and")
        ));
    }
    question.push_str(&format!(
        "Your version is kept in {}/. Reset? [y/N] ",
        course.relative(&backups(course))
    ));
    if !ask(&question) {
        return Ok("Nothing was changed.\n".to_string());
    }
    let mut done = String::new();
    for plan in plans {
        let kept = match apply(course, plan)? {
            Some(backup) => format!("your version is in {}/", course.relative(&backup)),
            None => "its changed files had been deleted, so there was nothing to keep".to_string(),
        };
        Progress::update(course.root(), |p| p.forget_result(&plan.exercise.slug));
        done.push_str(&format!("↺ {} is back to its stub; {kept}\n", plan.exercise.id));
    }
    Ok(done)
}

/// Where resets keep learners' versions, one folder per exercise slug.
fn backups(course: &Course) -> PathBuf {
    course.state_dir().join("backups")
}

/// Makes the folder where this reset keeps the learner's version of `ex`: one per
/// reset, named by the local time, `-2`, `-3`… after it when that name is taken.
/// `create_dir` fails on a folder that exists, so two resets in the same second never
/// share a folder, and reset only ever names a folder it made itself.
fn new_backup_dir(course: &Course, ex: &Exercise) -> Result<PathBuf> {
    let base = backups(course).join(&ex.slug);
    std::fs::create_dir_all(&base).with_context(|| format!("creating {}", base.display()))?;
    let stamp = local_timestamp();
    let mut dir = base.join(&stamp);
    let mut n = 2;
    loop {
        match std::fs::create_dir(&dir) {
            Ok(()) => return Ok(dir),
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
                dir = base.join(format!("{stamp}-{n}"));
                n += 1;
            }
            Err(err) => return Err(err).with_context(|| format!("creating {}", dir.display())),
        }
    }
}

/// Stops a reset at a symbolic link on the way from the course root to `inside` (a
/// path relative to it, itself included): reset writes and removes files, and through
/// a link it would change a file outside the course, which the learner may keep there
/// on purpose.
fn refuse_links(course: &Course, ex: &Exercise, inside: &Path) -> Result<()> {
    let mut at = course.root().to_path_buf();
    for part in inside.components() {
        at.push(part);
        if at.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) {
            let target = std::fs::read_link(&at).unwrap_or_default();
            bail!(
                "{} is a symbolic link to {}: reset writes only inside the course, never through a link, \
                 so nothing was changed.\nTo reset {}, remove the link (what it points to stays as it is) \
                 and run reset again.",
                course.relative(&at),
                target.display(),
                ex.id
            );
        }
    }
    Ok(())
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

/// `2026-11-21-143005`, in local time: names backups, and damaged progress files kept aside.
pub(crate) fn local_timestamp() -> String {
    jiff::Zoned::now().strftime("%Y-%m-%d-%H%M%S").to_string()
}
