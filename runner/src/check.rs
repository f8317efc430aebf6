//! The path of one check: resolve the rank count, read the expected outputs, build,
//! launch, judge every rank, and report. `run` shares the first half; `dev` and the
//! tests use [`check`] for its structured result.

use crate::build::{self, Built};
use crate::course::{Course, Exercise, Variant};
use crate::frames::OwnCode;
use crate::launcher::{Launcher, Starter};
use crate::paint::Paint;
use crate::report;
use crate::session::{self, Job, Outcome, Run};
use crate::verdict::{self, Crash, Verdict};
use anyhow::{bail, Result};
use colored::Colorize;
use std::path::PathBuf;
use std::sync::OnceLock;
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
    /// How much of cargo's log to show while it builds.
    pub log: build::Log,
    /// `--verbose`: show the launch command, how every rank ended, and all of what the
    /// launcher and the ranks printed on stderr.
    pub verbose: bool,
    /// The launcher, chosen at the command's first MPI launch and kept for the rest of
    /// it: choosing asks `mpiexec --version`, which `grade` would otherwise do for every
    /// one of its launches. Empty at first (`Default::default()`).
    pub chosen: OnceLock<Launcher>,
}

impl Settings {
    /// The launcher for MPI exercises, chosen once (see [`Settings::chosen`]).
    pub fn launcher(&self) -> Result<&Launcher> {
        if let Some(launcher) = self.chosen.get() {
            return Ok(launcher);
        }
        let launcher = Launcher::choose(self.launcher.as_deref())?.with_extras(&self.launcher_extras)?;
        Ok(self.chosen.get_or_init(|| launcher))
    }
}

/// The result of building and launching.
pub enum Launched {
    CompileError(String),
    /// `launcher` is `None` for a single-process exercise, started directly; `own` is
    /// the program's source, for naming the learner's lines.
    Ran {
        run: Box<Run>,
        launcher: Option<Launcher>,
        own: OwnCode,
    },
}

/// The result of a check.
pub enum Checked {
    CompileError(String),
    Judged {
        run: Box<Run>,
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

    /// The signal that stopped the run, if the runner was asked to stop.
    pub fn interrupted(&self) -> Option<i32> {
        match self {
            Checked::Judged { run, .. } => match run.outcome {
                Outcome::Interrupted(signal) => Some(signal),
                _ => None,
            },
            _ => None,
        }
    }
}

/// The checks of one exercise at each rank count, in the order they ran.
pub struct Counts {
    pub checked: Vec<(usize, Checked)>,
    /// True if every declared count was asked for (not one `--np`): only then can a
    /// pass mark the exercise solved.
    pub every_count: bool,
}

impl Counts {
    /// True if the exercise passed at every count that was checked.
    pub fn passed(&self) -> bool {
        !self.checked.is_empty() && self.checked.iter().all(|(_, c)| c.passed())
    }

    /// What the learner's progress should record: solved only after every declared
    /// count passed; a failure at any count is a failure.
    pub fn progress(&self) -> Option<bool> {
        match (self.passed(), self.every_count) {
            (true, false) => None,
            (passed, _) => Some(passed),
        }
    }

    pub fn interrupted(&self) -> Option<i32> {
        self.checked.iter().find_map(|(_, c)| c.interrupted())
    }
}

/// Checks the exercise at each count in `counts` in turn (every declared count, or the
/// one `--np` named), printing each report, and stops at the first that does not
/// pass: a program that prints a hard-coded rank count passes at one count only.
pub fn check_counts(
    course: &Course,
    ex: &Exercise,
    variant: Variant,
    counts: &[usize],
    settings: &Settings,
) -> Result<Counts> {
    let every_count = counts == ex.ranks.as_slice();
    let mut done = Counts {
        checked: Vec::new(),
        every_count,
    };
    for (i, &np) in counts.iter().enumerate() {
        let checked = check(course, ex, variant, np, settings)?;
        let passed_before: Vec<usize> = counts[..i].to_vec();
        let last = i + 1 == counts.len() || !checked.passed();
        print(
            course,
            ex,
            variant,
            np,
            &checked,
            &Summary {
                passed_before: &passed_before,
                last,
                every_count,
                hint_key: None,
            },
        );
        done.checked.push((np, checked));
        if last {
            break;
        }
    }
    Ok(done)
}

/// What a report's summary says beyond this run: the counts that passed before it,
/// and whether it is the last report of the check.
pub struct Summary<'a> {
    pub passed_before: &'a [usize],
    pub last: bool,
    pub every_count: bool,
    /// The key that shows a hint where the report is read (`watch`'s `h`); `None` on the
    /// command line, where the `hint` verb does.
    pub hint_key: Option<char>,
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
            crate::words::join_words(&ex.ranks, "or"),
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
        true => Some(settings.launcher()?.clone()),
        false => None,
    };
    if launcher.as_ref().is_some_and(|l| l.starter == Starter::Srun) && ex.spawns > 0 {
        bail!(
            "{} starts {} more processes with MPI_Comm_spawn, which srun cannot do: SLURM starts \
             every process of a job itself.\nCheck it with your MPI's mpiexec inside the \
             allocation: `cargo run -p runner -- check {} --launcher mpiexec` (or openmpi, mpich).",
            ex.id,
            ex.spawns,
            ex.id
        );
    }
    let dir = course.crate_dir(ex, variant);
    let program = match build::build(&dir, settings.log, ex.release)? {
        Built::Binary(program) => program,
        Built::CompileError(errors) => return Ok(Launched::CompileError(errors)),
        Built::Stopped => bail!("stopped while {} was being built: nothing was run", ex.id),
    };
    // A program of another MPI than the launcher's would run as N unrelated rank 0s.
    if let Some(mismatch) = launcher
        .as_ref()
        .and_then(|l| crate::linkage::mismatch(&program, l))
    {
        bail!("{}", mismatch.explain(&ex.id, variant == Variant::Solution));
    }
    let own = OwnCode::of_crate(&dir);
    let job = Job {
        launcher: launcher.as_ref(),
        shim: &settings.shim,
        program: &program,
        own: &own,
        np,
        spawns: ex.spawns,
        timeout: Duration::from_secs(settings.timeout.unwrap_or(ex.timeout)),
    };
    let run = session::run(&job)?;
    if settings.verbose {
        print!("{}", report::details(&run, Paint::for_stdout()));
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
    if let (Some(launcher), Some(size)) = (&launcher, run.other_world_size()) {
        bail!(
            "{} started {} where the runner asked for {np}: an argument in the launcher's \
             configuration sets the number of ranks (WORKBOOK_LAUNCHER_ARGS, --launcher-arg or a \
             --launcher template with a fixed count). The runner sets it for each exercise: remove \
             that argument, or write the template with {{np}}.\nThe launch was: {}",
            launcher.describe(),
            crate::words::ranks_phrase(size),
            run.command
        );
    }
    Ok(Launched::Ran {
        run: Box::new(run),
        launcher,
        own,
    })
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
        Launched::Ran { run, .. } => *run,
    };
    if !report::all_clean(&run) {
        bail!(
            "the solution of {} did not run cleanly at {np} ranks:\n{}",
            ex.id,
            report::grouped(&run, Paint::PLAIN)
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
    let Some(expected) = crate::expected::read(&path, np, ex.spawns)? else {
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
        Launched::Ran { run, launcher, own } => {
            let launcher_mpi = launcher.as_ref().and_then(|l| l.mpi);
            let verdicts = verdict::judge(&run, &expected, |text| ex.normalize(text), launcher_mpi, &own);
            Checked::Judged {
                run,
                launcher,
                verdicts,
            }
        }
    })
}

/// Prints a check's report and, if it is the last, the next step.
pub fn print(
    course: &Course,
    ex: &Exercise,
    variant: Variant,
    np: usize,
    checked: &Checked,
    summary: &Summary,
) {
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
                Some(launcher) => format!(
                    "at {} with {}",
                    crate::words::ranks_phrase(np),
                    launcher.describe()
                ),
                None => "as a single process (no MPI)".to_string(),
            };
            println!("Checked {what} {how} in {:.1}s", run.elapsed.as_secs_f64());
            let stderr: Vec<String> = run.ranks.iter().map(|r| r.stderr.clone()).collect();
            let paint = Paint::for_stdout();
            print!("{}", report::ranks(verdicts, &stderr, run.outcome, ex, paint));
            if summary.last {
                print_summary(ex, np, run, verdicts, summary);
            }
        }
    }
}

/// " at 2 ranks (it passed at 4)" when earlier counts passed, else nothing.
fn at_count(np: usize, passed_before: &[usize]) -> String {
    match passed_before {
        [] => String::new(),
        before => format!(
            " at {np} ranks (it passed at {})",
            crate::words::join_words(before, "and")
        ),
    }
}

fn print_summary(ex: &Exercise, np: usize, run: &Run, verdicts: &[Verdict], summary: &Summary) {
    let failing: Vec<usize> = (0..verdicts.len()).filter(|&r| !verdicts[r].passed()).collect();
    let at = at_count(np, summary.passed_before);
    match run.outcome {
        Outcome::TimedOut => {
            let never: Vec<usize> = (0..verdicts.len())
                .filter(|&r| matches!(verdicts[r], Verdict::Unfinished(_)))
                .collect();
            println!(
                "{} {} did not finish{at} within {:.0}s; {} never finished, and the run was stopped.\n  {}",
                "✗".red(),
                ex.id,
                run.elapsed.as_secs_f64(),
                crate::words::processes(&never, np, ex.mpi),
                report::why_stuck(verdicts, np, ex.mpi)
            )
        }
        Outcome::Interrupted(libc::SIGINT) => println!(
            "{} interrupted: the run was stopped, no rank is left running.",
            "✗".red()
        ),
        Outcome::Interrupted(signal) => println!(
            "{} interrupted by {}: the run was stopped, no rank is left running.",
            "✗".red(),
            crate::interrupt::name(signal)
        ),
        Outcome::PanicStuck => {
            // Every rank that panicked, the one the run was stopped for and any other,
            // whether it hung after its panic or ended.
            let panicked: Vec<usize> = (0..verdicts.len())
                .filter(|&r| matches!(verdicts[r], Verdict::Crashed(Crash::Panic { .. })))
                .collect();
            let why = match panicked.len() < verdicts.len() {
                true => format!(
                    ", since the other ranks could not finish without {}",
                    crate::words::pronoun(panicked.len())
                ),
                false => String::new(),
            };
            println!(
                "{} {} failed{at}: {} panicked, and the run was stopped{why}.\n  A rank that \
                 panics leaves the others waiting in MPI: fix the panic first.",
                "✗".red(),
                ex.id,
                crate::words::process_list(&panicked, np),
            )
        }
        Outcome::Finished if failing.is_empty() => {
            let who = if ex.mpi { "every rank" } else { "it" };
            let counts = match summary.passed_before {
                [] => String::new(),
                before => format!(
                    " at {} ranks",
                    crate::words::join_words(&[before, &[np]].concat(), "and")
                ),
            };
            println!(
                "{} {} passed{counts}: {who} printed what was expected.",
                "✓".green(),
                ex.id
            );
            if !summary.every_count && ex.ranks.len() > 1 {
                println!(
                    "  Checked at {np} ranks only, so it is not marked solved: `cargo run -p runner -- check {}` checks it at {} ranks.",
                    ex.id,
                    crate::words::join_words(&ex.ranks, "and")
                );
            }
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
                crate::words::process_list(&wrong, np),
                if wrong.len() == 1 { "is" } else { "are" }
            );
            if !stopped.is_empty() {
                what.push_str(&format!(
                    "; {} {} stopped because of that",
                    crate::words::process_list(&stopped, np),
                    if stopped.len() == 1 { "was" } else { "were" }
                ));
            }
            let processes = if ex.spawns > 0 {
                "ranks and spawned workers"
            } else {
                "ranks"
            };
            println!(
                "{} {} failed{at}: {what} ({} of {} {processes} pass).",
                "✗".red(),
                ex.id,
                verdicts.len() - failing.len(),
                verdicts.len()
            )
        }
    }
    if verdicts
        .iter()
        .any(|v| matches!(v, Verdict::Crashed(Crash::AfterFinalize { .. })))
    {
        println!(
            "  rsmpi finalizes MPI when the `Universe` that `mpi::initialize()` returns is dropped, and \
             `mpi::initialize().unwrap().world()` drops it at the end of that line. Keep it in a variable \
             for as long as you use MPI:\n      let universe = mpi::initialize().unwrap();\n      \
             let world = universe.world();"
        );
    }
    match summary.hint_key {
        Some(key) => println!("  Stuck? Press {key} for a hint."),
        None => println!("  Stuck? `cargo run -p runner -- hint {}` shows a hint.", ex.id),
    }
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}
