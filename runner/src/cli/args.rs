//! The command line's words: the verbs and their options as clap reads them, and the
//! one place where options become the library's [`Settings`].

use anyhow::{Context as _, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use runner::build::Log;
use runner::check::Settings;
use runner::course::Course;
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "runner",
    version,
    about = "Build, run and check the HPC-in-Rust workbook's exercises under MPI",
    after_help = "Start with `cargo run -p runner -- list`, then `cargo run -p runner -- check ex01`."
)]
pub(super) struct Cli {
    /// The course directory (with info.toml); found from the current directory if omitted.
    #[arg(long, global = true, env = "WORKBOOK_COURSE", value_name = "DIR")]
    pub(super) course: Option<PathBuf>,
    /// Hide cargo's build progress.
    #[arg(long, short, global = true)]
    pub(super) quiet: bool,
    /// Show cargo's build progress, the launch command, how each rank ended, and all
    /// that the launcher and the ranks wrote on stderr (wins over --quiet).
    #[arg(long, short, global = true)]
    pub(super) verbose: bool,
    #[command(subcommand)]
    pub(super) command: Command,
}

/// How to launch: shared by the verbs that run programs.
#[derive(Args, Clone)]
pub(super) struct LaunchArgs {
    /// Launcher: openmpi, mpich, intel, srun, mpiexec, or a template like 'srun --mpi=pmix -n {np}'.
    #[arg(long, env = "WORKBOOK_LAUNCHER", value_name = "NAME|TEMPLATE")]
    pub(super) launcher: Option<String>,
    /// Seconds before a run counts as hung, 1 to 86400 (default: the exercise's timeout).
    #[arg(long, value_name = "SECONDS", value_parser = runner::launcher::parse_timeout)]
    pub(super) timeout: Option<u64>,
    /// One more argument for the launcher, passed as it is; repeat it for each, e.g.
    /// `--launcher-arg=--bind-to --launcher-arg=core`. Those of WORKBOOK_LAUNCHER_ARGS
    /// (split as a shell splits words) come first.
    #[arg(long = "launcher-arg", value_name = "ARG", allow_hyphen_values = true)]
    pub(super) launcher_args: Vec<String>,
    /// The hosts to run on, in your MPI's hostfile format (srun takes none: it uses the allocation).
    #[arg(long, env = "WORKBOOK_HOSTFILE", value_name = "FILE")]
    pub(super) hostfile: Option<PathBuf>,
}

/// Which program to build and launch: shared by `check` and `run`.
#[derive(Args)]
pub(super) struct Target {
    /// Exercise id (ex02), slug (send-recv) or directory (ex02-send-recv).
    pub(super) exercise: String,
    /// Number of ranks, 1 to 256 (default: the exercise's first count; `check` accepts declared counts only).
    #[arg(long, value_name = "N", value_parser = runner::launcher::parse_ranks)]
    pub(super) np: Option<usize>,
    /// Use the reference solution instead of your exercise.
    #[arg(long)]
    pub(super) solution: bool,
    #[command(flatten)]
    pub(super) launch: LaunchArgs,
}

#[derive(Subcommand)]
pub(super) enum Command {
    /// List the exercises by chapter with your progress.
    List {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Build an exercise, run it under MPI and check every rank's output.
    Check(Target),
    /// Check the current exercise whenever you save it, and move on when it passes.
    Watch {
        /// Start here instead of at the first exercise not solved yet.
        exercise: Option<String>,
        #[command(flatten)]
        launch: LaunchArgs,
    },
    /// Build and run an exercise at any rank count, showing each rank's output unjudged.
    Run(Target),
    /// Check every exercise at every rank count it declares: points per exercise,
    /// results per rank, totals.
    Grade {
        /// text for people; json for a spreadsheet; junit for CI dashboards.
        #[arg(long, value_enum, default_value_t = GradeFormat::Text)]
        format: GradeFormat,
        /// Grade the reference solutions instead (an instructor's check of the venue's MPI).
        #[arg(long)]
        solution: bool,
        /// How many exercises to check at once (default: twice the cores, at most 8).
        #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=64))]
        jobs: Option<u16>,
        #[command(flatten)]
        launch: LaunchArgs,
    },
    /// Show the next hint for an exercise.
    Hint {
        exercise: String,
        /// Show every hint at once.
        #[arg(long)]
        all: bool,
    },
    /// Put an exercise back as the course ships it (your version is backed up first).
    Reset {
        /// Exercise id, slug or directory; or --all.
        #[arg(required_unless_present = "all")]
        exercise: Option<String>,
        /// Reset every exercise.
        #[arg(long, conflicts_with = "exercise")]
        all: bool,
        /// Do not ask for confirmation.
        #[arg(long, short)]
        yes: bool,
    },
    /// Merge a class's grades (each attendee's `grade --format json` file) into one table.
    Class {
        /// The attendees' files; each is named after its file (alice.json is alice).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Also write the table as CSV, one row per attendee.
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// Also write an HTML page with a pass-rate bar per exercise.
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
    },
    /// Check what is installed (MPI, launcher, libclang) and how to install what is missing.
    Doctor,
    /// Build the book, or serve it while you read or edit it.
    #[command(subcommand)]
    Book(BookCommand),
    /// Tools for course authors.
    #[command(subcommand)]
    Dev(DevCommand),
    /// Run one rank's program with its output captured (started by the launcher).
    #[command(name = "__rank", hide = true)]
    Rank {
        /// A worker spawned by a rank (MPI_Comm_spawn), not a rank of the launch.
        #[arg(long)]
        worker: bool,
        dir: PathBuf,
        program: PathBuf,
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
}

#[derive(Subcommand)]
pub(super) enum DevCommand {
    /// The author's gate: every stub fails, every solution passes, and manifest, crates,
    /// expected outputs and book pages agree.
    Check {
        #[command(flatten)]
        launch: LaunchArgs,
    },
    /// Add an exercise at the end of a chapter: its two crates, its manifest entry, its
    /// book page; the exercises after it move up one id.
    New {
        /// The new exercise's slug, lowercase words joined by hyphens (`ghost-rows`).
        slug: String,
        /// The chapter it ends (a chapter slug of info.toml).
        #[arg(long)]
        chapter: String,
        /// The title the book and the reports show.
        #[arg(long)]
        title: String,
    },
    /// Regenerate an exercise's expected outputs from its solution, at every rank count.
    Bless {
        /// Exercise id, slug or directory; or --all.
        #[arg(required_unless_present = "all")]
        exercise: Option<String>,
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        launch: LaunchArgs,
    },
}

#[derive(Subcommand)]
pub(super) enum BookCommand {
    /// Build the HTML book into book/book/.
    Build,
    /// Build the book, serve it over HTTP, and rebuild it when a source changes.
    Serve {
        #[arg(long, default_value_t = 3000)]
        port: u16,
        #[arg(long, default_value = "127.0.0.1")]
        host: String,
    },
    /// Run as mdBook's `workbook` preprocessor (book/book.toml calls this).
    #[command(hide = true)]
    Preprocess {
        #[command(subcommand)]
        supports: Option<Supports>,
    },
}

#[derive(Subcommand)]
pub(super) enum Supports {
    /// Exit 0 if the preprocessor supports this mdBook renderer.
    Supports { renderer: String },
}

#[derive(Clone, Copy, ValueEnum)]
pub(super) enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum GradeFormat {
    Text,
    Json,
    Junit,
}

/// What every verb may need from the global options.
pub(super) struct Context {
    course: Option<PathBuf>,
    pub(super) quiet: bool,
    verbose: bool,
}

/// How much of cargo's build a verb shows by default.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Builds {
    /// Cargo's progress, unless --quiet: the verbs that report one exercise.
    Shown,
    /// Only with --verbose: the verbs that print reports of their own (grade, watch).
    Hidden,
}

impl Cli {
    pub(super) fn context(&self) -> Context {
        Context {
            course: self.course.clone(),
            quiet: self.quiet,
            verbose: self.verbose,
        }
    }
}

impl Context {
    /// The course: `--course`/`WORKBOOK_COURSE`, else found from the current directory.
    pub(super) fn course(&self) -> Result<Course> {
        match &self.course {
            Some(dir) => Course::load(dir),
            None => Course::discover(&std::env::current_dir()?),
        }
    }

    /// The settings of a launching verb, from its launch options and the global ones.
    pub(super) fn settings(&self, launch: &LaunchArgs, builds: Builds) -> Result<Settings> {
        let show = match builds {
            Builds::Shown => !self.quiet || self.verbose,
            Builds::Hidden => self.verbose,
        };
        Ok(Settings {
            launcher: launch.launcher.clone(),
            timeout: launch.timeout,
            launcher_extras: runner::launcher::Extras::from_env(
                &launch.launcher_args,
                launch.hostfile.clone(),
            )?,
            shim: std::env::current_exe().context("finding the runner's own binary")?,
            log: if show { Log::Show } else { Log::Hide },
            verbose: self.verbose,
            chosen: Default::default(),
        })
    }
}
