//! The workbook's command line. Exit codes: 0 the check passed (or the command did its
//! job), 1 wrong output, a compile error or a crashed run, 2 a usage or environment
//! problem (what to fix is in the message).

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use colored::Colorize;
use runner::build::Progress as BuildProgress;
use runner::check::{self, Settings};
use runner::course::{Course, Exercise, Variant};
use runner::progress::Progress;
use runner::{book, capture, dev, doctor, grade, hints, listing, report, reset, watch};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "runner",
    version,
    about = "Build, run and check the HPC-in-Rust workbook's exercises under MPI",
    after_help = "Start with `cargo run -p runner -- list`, then `cargo run -p runner -- check ex01`."
)]
struct Cli {
    /// The course directory (with info.toml); found from the current directory if omitted.
    #[arg(long, global = true, env = "WORKBOOK_COURSE", value_name = "DIR")]
    course: Option<PathBuf>,
    /// Hide cargo's build progress.
    #[arg(long, short, global = true)]
    quiet: bool,
    /// Show cargo's build progress, the launch command, how each rank ended, and all
    /// that the launcher and the ranks wrote on stderr (wins over --quiet).
    #[arg(long, short, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

/// How to launch: shared by the verbs that run programs.
#[derive(Args, Clone)]
struct LaunchArgs {
    /// Launcher: openmpi, mpich, intel, srun, mpiexec, or a template like 'srun --mpi=pmix -n {np}'.
    #[arg(long, env = "WORKBOOK_LAUNCHER", value_name = "NAME|TEMPLATE")]
    launcher: Option<String>,
    /// Seconds before a run counts as hung, 1 to 86400 (default: the exercise's timeout).
    #[arg(long, value_name = "SECONDS", value_parser = runner::launcher::parse_timeout)]
    timeout: Option<u64>,
    /// One more argument for the launcher, passed as it is; repeat it for each, e.g.
    /// `--launcher-arg=--bind-to --launcher-arg=core`. Those of WORKBOOK_LAUNCHER_ARGS
    /// (split as a shell splits words) come first.
    #[arg(long = "launcher-arg", value_name = "ARG", allow_hyphen_values = true)]
    launcher_args: Vec<String>,
    /// The hosts to run on, in your MPI's hostfile format (srun takes none: it uses the allocation).
    #[arg(long, env = "WORKBOOK_HOSTFILE", value_name = "FILE")]
    hostfile: Option<PathBuf>,
}

/// Which program to build and launch: shared by `check` and `run`.
#[derive(Args)]
struct Target {
    /// Exercise id (ex02), slug (send-recv) or directory (ex02-send-recv).
    exercise: String,
    /// Number of ranks, 1 to 256 (default: the exercise's first count; `check` accepts declared counts only).
    #[arg(long, value_name = "N", value_parser = runner::launcher::parse_ranks)]
    np: Option<usize>,
    /// Use the reference solution instead of your exercise.
    #[arg(long)]
    solution: bool,
    #[command(flatten)]
    launch: LaunchArgs,
}

#[derive(Subcommand)]
enum Command {
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
        dir: PathBuf,
        program: PathBuf,
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
}

#[derive(Subcommand)]
enum DevCommand {
    /// The author's gate: every stub fails, every solution passes, and manifest, crates,
    /// expected outputs and book pages agree.
    Check {
        #[command(flatten)]
        launch: LaunchArgs,
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
enum BookCommand {
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
enum Supports {
    /// Exit 0 if the preprocessor supports this mdBook renderer.
    Supports { renderer: String },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GradeFormat {
    Text,
    Json,
    Junit,
}

fn main() -> ExitCode {
    // Like other Unix tools, end quietly when a pager or `head` closes our output.
    runner::sys::default_sigpipe();
    let cli = Cli::parse();
    if !std::io::stdout().is_terminal() {
        colored::control::set_override(false);
    }
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("{} {err:#}", "error:".red().bold());
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<u8> {
    let load_course = || match &cli.course {
        Some(dir) => Course::load(dir),
        None => Course::discover(&std::env::current_dir()?),
    };
    let progress_mode = if cli.quiet && !cli.verbose {
        BuildProgress::Hide
    } else {
        BuildProgress::Show
    };
    let settings = |launch: &LaunchArgs| -> Result<Settings> {
        Ok(Settings {
            launcher: launch.launcher.clone(),
            timeout: launch.timeout,
            launcher_extras: runner::launcher::Extras::from_env(
                &launch.launcher_args,
                launch.hostfile.clone(),
            )?,
            shim: std::env::current_exe().context("finding the runner's own binary")?,
            progress: progress_mode,
            verbose: cli.verbose,
            chosen: Default::default(),
        })
    };
    // Verbs that print reports of their own (grade, watch) hide cargo's progress unless
    // --verbose asks for it.
    let report_settings = |launch: &LaunchArgs| -> Result<Settings> {
        Ok(Settings {
            progress: if cli.verbose {
                BuildProgress::Show
            } else {
                BuildProgress::Hide
            },
            ..settings(launch)?
        })
    };
    let variant = |solution: bool| {
        if solution {
            Variant::Solution
        } else {
            Variant::Exercise
        }
    };
    match &cli.command {
        Command::Rank { dir, program, args } => {
            let code = capture::run_rank(dir, program, args)?;
            Ok(u8::try_from(code).unwrap_or(1))
        }
        Command::Doctor => {
            let (text, healthy) = doctor::report();
            print!("{text}");
            Ok(if healthy { 0 } else { 2 })
        }
        Command::List { format } => {
            let course = load_course()?;
            let progress = Progress::load(course.root());
            match format {
                Format::Text => print!("{}", listing::text(&course, &progress)),
                Format::Json => println!("{}", listing::json(&course, &progress)),
            }
            Ok(0)
        }
        Command::Check(Target {
            exercise,
            np,
            solution,
            launch,
        }) => {
            let course = load_course()?;
            let ex = course.resolve(exercise)?;
            // Every declared count, unless --np names one: a program that prints a
            // hard-coded size passes at one count only.
            let counts = match np {
                Some(_) => vec![check::declared_ranks(ex, *np)?],
                None => ex.ranks.clone(),
            };
            let variant = variant(*solution);
            let checked = check::check_counts(&course, ex, variant, &counts, &settings(launch)?)?;
            if let (Variant::Exercise, Some(passed)) = (variant, checked.progress()) {
                Progress::update(course.root(), |p| p.record(&ex.slug, passed));
            }
            Ok(if checked.passed() { 0 } else { 1 })
        }
        Command::Run(Target {
            exercise,
            np,
            solution,
            launch,
        }) => {
            let course = load_course()?;
            let ex = course.resolve(exercise)?;
            let np = np.unwrap_or(ex.default_ranks());
            if !ex.mpi && np != 1 {
                anyhow::bail!(
                    "{} is a single-process program without MPI: it runs on one process only",
                    ex.id
                );
            }
            match check::launch(&course, ex, variant(*solution), np, &settings(launch)?)? {
                check::Launched::CompileError(_) => {
                    println!("{} {} does not compile: the errors are above.", "✗".red(), ex.id);
                    Ok(1)
                }
                check::Launched::Ran { run, .. } => {
                    print!("{}", report::grouped(&run));
                    Ok(if report::all_clean(&run) { 0 } else { 1 })
                }
            }
        }
        Command::Grade {
            format,
            solution,
            launch,
        } => {
            let course = load_course()?;
            let variant = variant(*solution);
            let settings = report_settings(launch)?;
            let count = course.exercises().len();
            let head = format!(
                "Grading {count} exercises of {}, each at every rank count it declares",
                course.title()
            );
            // Text goes to stdout as it comes; a JSON or JUnit document keeps stdout to itself.
            let show = |line: &str| match format {
                GradeFormat::Text => print!("{line}"),
                _ if cli.quiet => {}
                _ => eprint!("{line}"),
            };
            show(&format!("{head}\n"));
            let grades = grade::grade(&course, variant, &settings, |graded| {
                show(&grade::text_line(graded));
                if variant == Variant::Exercise {
                    grade::record(&course, graded);
                }
            });
            show(&grade::text_total(&grades));
            if let Some(signal) = runner::interrupt::requested() {
                show(&format!(
                    "✗ interrupted by {}: grading stopped after {} of {count} exercises; nothing is left running.\n",
                    runner::interrupt::name(signal),
                    grades.len()
                ));
            }
            match format {
                GradeFormat::Text => {}
                GradeFormat::Json => println!("{}", grade::json(&course, &grades)),
                GradeFormat::Junit => print!("{}", grade::junit(&course, &grades)),
            }
            Ok(if grades.iter().all(|g| g.passed) { 0 } else { 1 })
        }
        Command::Watch { exercise, launch } => {
            let course = load_course()?;
            let start = exercise.as_deref().map(|name| course.resolve(name)).transpose()?;
            let settings = report_settings(launch)?;
            watch::watch(&course, start, &settings)
        }
        Command::Hint { exercise, all } => {
            let course = load_course()?;
            let ex = course.resolve(exercise)?;
            print!(
                "{}",
                Progress::update(course.root(), |p| hints::next(ex, p, *all))
            );
            Ok(0)
        }
        Command::Reset { exercise, all, yes } => {
            let course = load_course()?;
            let chosen = chosen_exercises(&course, exercise.as_deref(), *all)?;
            let answer = |question: &str| {
                print!("{question}");
                let _ = std::io::stdout().flush();
                let mut line = String::new();
                *yes || (std::io::stdin().read_line(&mut line).is_ok()
                    && line.trim().eq_ignore_ascii_case("y"))
            };
            print!("{}", reset::reset(&course, &chosen, answer)?);
            Ok(0)
        }
        Command::Book(BookCommand::Build) => {
            let index = book::build(&load_course()?)?;
            println!("The book is at {}", index.display());
            Ok(0)
        }
        Command::Book(BookCommand::Serve { port, host }) => {
            book::serve(&load_course()?, host, *port)?;
            Ok(0)
        }
        Command::Book(BookCommand::Preprocess {
            supports: Some(Supports::Supports { renderer }),
        }) => Ok(if book::supports_renderer(renderer) { 0 } else { 1 }),
        Command::Book(BookCommand::Preprocess { supports: None }) => {
            book::preprocess_stdio()?;
            Ok(0)
        }
        Command::Dev(DevCommand::Check { launch }) => {
            let passed = dev::check(&load_course()?, &settings(launch)?)?;
            Ok(if passed { 0 } else { 1 })
        }
        Command::Dev(DevCommand::Bless {
            exercise,
            all,
            launch,
        }) => {
            let course = load_course()?;
            let chosen = chosen_exercises(&course, exercise.as_deref(), *all)?;
            dev::bless(&course, &chosen, &settings(launch)?)?;
            Ok(0)
        }
    }
}

/// The exercises a verb with `<exercise> | --all` works on (clap requires one of them).
fn chosen_exercises<'a>(course: &'a Course, name: Option<&str>, all: bool) -> Result<Vec<&'a Exercise>> {
    Ok(match name {
        Some(name) if !all => vec![course.resolve(name)?],
        _ => course.exercises().iter().collect(),
    })
}
