//! The path of one check: resolve the rank count, read the expected outputs, build,
//! launch, judge every rank, and report. `run` shares the first half; `dev` and the
//! tests use [`check`] for its structured result.

use crate::build::{self, Built, Progress};
use crate::course::{Course, Exercise, Variant};
use crate::launcher::{Flavor, Launcher};
use crate::report;
use crate::session::{self, Job, Outcome, Run};
use crate::verdict::{self, Crash, Verdict};
use anyhow::{bail, Result};
use colored::Colorize;
use std::path::PathBuf;
use std::time::Duration;

/// How to build and launch, from the command line and the environment.
pub struct Settings {
    /// `--launcher` / `WORKBOOK_LAUNCHER`: a launcher name or a command template.
    pub launcher: Option<String>,
    /// `--timeout` in seconds, overriding the manifest's.
    pub timeout: Option<u64>,
    /// `--launcher-arg`s and `--hostfile` (or their environment variables): what a
    /// cluster adds to every launch.
    pub launcher_extras: crate::launcher::Extras,
    /// The runner's own binary, which captures each rank's output.
    pub shim: PathBuf,
    pub progress: Progress,
    /// `--verbose`: show the launch command, how every rank ended, and all of what the
    /// launcher and the ranks printed on stderr.
    pub verbose: bool,
}

/// The result of building and launching.
pub enum Launched {
    CompileError(String),
    /// `launcher` is `None` for a single-process exercise, started directly.
    Ran {
        run: Run,
        launcher: Option<Launcher>,
    },
}

/// The result of a check.
pub enum Checked {
    CompileError(String),
    Judged {
        run: Run,
        launcher: Option<Launcher>,
        verdicts: Vec<Verdict>,
    },
}

impl Checked {
    pub fn passed(&self) -> bool {
        match self {
            Checked::CompileError(_) => false,
            Checked::Judged { verdicts, run, .. } => {
                run.outcome == Outcome::Finished && verdicts.iter().all(Verdict::passed)
            }
        }
    }
}

/// The rank count a check runs at: the default, or `--np` if the exercise declares it
/// (expected outputs exist only for declared counts).
pub fn declared_ranks(ex: &Exercise, np: Option<usize>) -> Result<usize> {
    match np {
        None => Ok(ex.default_ranks()),
        Some(n) if ex.ranks.contains(&n) => Ok(n),
        Some(n) => bail!(
            "{} is checked at {} ranks, not {n}: expected outputs exist only for those counts.\n\
             `cargo run -p runner -- run {} --np {n}` runs it at {n} ranks without judging.",
            ex.id,
            report::join_words(&ex.ranks, "or"),
            ex.id
        ),
    }
}

/// Builds one of the exercise's crates and launches it on `np` ranks.
pub fn launch(
    course: &Course,
    ex: &Exercise,
    variant: Variant,
    np: usize,
    settings: &Settings,
) -> Result<Launched> {
    let launcher = match ex.mpi {
        true => Some(Launcher::choose(settings.launcher.as_deref())?.with_extras(&settings.launcher_extras)?),
        false => None,
    };
    let program = match build::build(&course.crate_dir(ex, variant), settings.progress, ex.release)? {
        Built::Binary(program) => program,
        Built::CompileError(errors) => return Ok(Launched::CompileError(errors)),
    };
    // A program of another MPI than the launcher's would run as N unrelated rank 0s.
    if let Some(mismatch) = launcher
        .as_ref()
        .and_then(|l| crate::linkage::mismatch(&program, l))
    {
        bail!("{}", mismatch.explain(&ex.id, variant == Variant::Solution));
    }
    let job = Job {
        launcher: launcher.as_ref(),
        shim: &settings.shim,
        program: &program,
        np,
        timeout: Duration::from_secs(settings.timeout.unwrap_or(ex.timeout)),
    };
    let run = session::run(&job)?;
    if settings.verbose {
        print!("{}", report::details(&run));
    }
    if let Some(launcher) = launcher
        .as_ref()
        .filter(|_| run.launcher_failed() && run.outcome == Outcome::Finished)
    {
        bail!(
            "{} could not start the {np} ranks, so no rank ran.\nIt said:\n{}\n\
             `cargo run -p runner -- doctor` checks the MPI installation.",
            launcher.describe(),
            indent(run.launcher_output.trim())
        );
    }
    Ok(Launched::Ran { run, launcher })
}

/// Runs a solution at `np` ranks and returns every rank's output as expected outputs
/// hold it (normalised, canonical). A solution that does not compile, or does not
/// end cleanly on every rank, has no outputs to give.
pub fn solution_outputs(
    course: &Course,
    ex: &Exercise,
    np: usize,
    settings: &Settings,
) -> Result<Vec<String>> {
    let run = match launch(course, ex, Variant::Solution, np, settings)? {
        Launched::CompileError(_) => bail!("the solution of {} does not compile", ex.id),
        Launched::Ran { run, .. } => run,
    };
    if !report::all_clean(&run) {
        bail!(
            "the solution of {} did not run cleanly at {np} ranks:\n{}",
            ex.id,
            report::grouped(&run)
        );
    }
    Ok(run
        .ranks
        .iter()
        .map(|r| crate::expected::canonical(&ex.normalize(&r.stdout)))
        .collect())
}

/// Checks an exercise (or its solution) at `np` ranks against the expected outputs.
pub fn check(
    course: &Course,
    ex: &Exercise,
    variant: Variant,
    np: usize,
    settings: &Settings,
) -> Result<Checked> {
    let path = course.expected_path(ex, np);
    let Some(expected) = crate::expected::read(&path, np)? else {
        bail!(
            "there is no expected output for {} at {np} ranks ({} is missing).\n\
             Authors make it from the solution with `cargo run -p runner -- dev bless {}`.",
            ex.id,
            path.display(),
            ex.id
        );
    };
    Ok(match launch(course, ex, variant, np, settings)? {
        Launched::CompileError(errors) => Checked::CompileError(errors),
        Launched::Ran { run, launcher } => {
            let open_mpi = matches!(launcher.as_ref().map(|l| &l.flavor), Some(Flavor::OpenMpi { .. }));
            let verdicts = verdict::judge(&run, &expected, |text| ex.normalize(text), open_mpi);
            Checked::Judged {
                run,
                launcher,
                verdicts,
            }
        }
    })
}

/// Prints a check's report and the next step.
pub fn print(course: &Course, ex: &Exercise, variant: Variant, np: usize, checked: &Checked) {
    let what = match variant {
        Variant::Exercise => format!("{} ({})", ex.id, ex.slug),
        Variant::Solution => format!("{} ({}), the reference solution,", ex.id, ex.slug),
    };
    match checked {
        Checked::CompileError(_) => {
            println!(
                "{} {what} does not compile: the errors are above. Fix them in {}/src/main.rs and check again.",
                "✗".red(),
                course.relative(&course.crate_dir(ex, variant))
            );
        }
        Checked::Judged {
            run,
            launcher,
            verdicts,
        } => {
            let how = match launcher {
                Some(launcher) => format!("at {np} ranks with {}", launcher.describe()),
                None => "as a single process (no MPI)".to_string(),
            };
            println!("Checked {what} {how} in {:.1}s", run.elapsed.as_secs_f64());
            let stderr: Vec<String> = run.ranks.iter().map(|r| r.stderr.clone()).collect();
            print!("{}", report::ranks(verdicts, &stderr, run.outcome, !ex.mpi));
            print_summary(ex, run, verdicts);
        }
    }
}

fn print_summary(ex: &Exercise, run: &Run, verdicts: &[Verdict]) {
    let failing: Vec<usize> = (0..verdicts.len()).filter(|&r| !verdicts[r].passed()).collect();
    match run.outcome {
        Outcome::TimedOut => println!(
            "{} {} did not finish within {:.0}s; {} never finished, and the run was stopped.\n  {}",
            "✗".red(),
            ex.id,
            run.elapsed.as_secs_f64(),
            report::rank_list(&run.unfinished()),
            report::why_stuck(verdicts)
        ),
        Outcome::Interrupted => println!(
            "{} interrupted: the run was stopped, no rank is left running.",
            "✗".red()
        ),
        Outcome::Finished if failing.is_empty() => {
            let who = if ex.mpi { "every rank" } else { "it" };
            println!(
                "{} {} passed: {who} printed what was expected.",
                "✓".green(),
                ex.id
            );
            return;
        }
        Outcome::Finished if !ex.mpi => println!("{} {} failed: see above.", "✗".red(), ex.id),
        Outcome::Finished => {
            // Ranks the launcher stopped because another failed are not wrong themselves.
            let (stopped, wrong): (Vec<usize>, Vec<usize>) = failing
                .iter()
                .partition(|&&r| matches!(verdicts[r], Verdict::Crashed(Crash::StoppedAfterFailure(_))));
            let mut what = format!(
                "{} {} wrong",
                report::rank_list(&wrong),
                if wrong.len() == 1 { "is" } else { "are" }
            );
            if !stopped.is_empty() {
                what.push_str(&format!(
                    "; {} {} stopped because of that",
                    report::rank_list(&stopped),
                    if stopped.len() == 1 { "was" } else { "were" }
                ));
            }
            println!(
                "{} {} failed: {what} ({} of {} ranks pass).",
                "✗".red(),
                ex.id,
                verdicts.len() - failing.len(),
                verdicts.len()
            )
        }
    }
    println!("  Stuck? `cargo run -p runner -- hint {}` shows a hint.", ex.id);
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}
