//! What each verb does, one function each: the command line's side of the library's
//! work (loading the course, printing, recording progress, the exit status).

use super::args::{BookCommand, Builds, Command, Context, DevCommand, Format, GradeFormat, Supports, Target};
use super::Status;
use anyhow::{bail, Result};
use colored::Colorize;
use runner::course::{Course, Exercise, Variant};
use runner::paint::Paint;
use runner::progress::Progress;
use runner::{
    book, capture, check, dev, doctor, grade, hints, interrupt, listing, report, reset, scaffold, watch,
};
use std::io::Write;

impl Command {
    /// Runs the verb.
    pub(super) fn run(&self, ctx: &Context) -> Result<Status> {
        match self {
            Command::Rank {
                worker,
                dir,
                program,
                args,
            } => rank(*worker, dir, program, args),
            Command::Class { files, csv, html } => class(files, csv.as_deref(), html.as_deref()),
            Command::Doctor => doctor(ctx),
            Command::List { format } => list(ctx, *format),
            Command::Check(target) => check(ctx, target),
            Command::Run(target) => run(ctx, target),
            Command::Grade {
                format,
                solution,
                jobs,
                launch,
            } => {
                let settings = ctx.settings(launch, Builds::Hidden)?;
                let jobs = jobs.map_or_else(grade::default_jobs, usize::from);
                grade(ctx, *format, variant(*solution), jobs, &settings)
            }
            Command::Watch { exercise, launch } => {
                let course = ctx.course()?;
                let start = exercise.as_deref().map(|name| course.resolve(name)).transpose()?;
                let code = watch::watch(&course, start, &ctx.settings(launch, Builds::Hidden)?)?;
                Ok(Status::passed(code == 0))
            }
            Command::Hint { exercise, all } => hint(ctx, exercise, *all),
            Command::Reset { exercise, all, yes } => reset(ctx, exercise.as_deref(), *all, *yes),
            Command::Book(book) => book.run(ctx),
            Command::Dev(dev) => dev.run(ctx),
        }
    }
}

impl BookCommand {
    fn run(&self, ctx: &Context) -> Result<Status> {
        match self {
            BookCommand::Build => {
                let index = book::build(&ctx.course()?)?;
                println!("The book is at {}", index.display());
            }
            BookCommand::Serve { port, host } => book::serve(&ctx.course()?, host, *port)?,
            BookCommand::Preprocess {
                supports: Some(Supports::Supports { renderer }),
            } => return Ok(Status::passed(book::supports_renderer(renderer))),
            BookCommand::Preprocess { supports: None } => book::preprocess_stdio()?,
        }
        Ok(Status::Success)
    }
}

impl DevCommand {
    fn run(&self, ctx: &Context) -> Result<Status> {
        match self {
            DevCommand::Check { launch } => {
                let passed = dev::check(&ctx.course()?, &ctx.settings(launch, Builds::Shown)?)?;
                Ok(Status::passed(passed))
            }
            DevCommand::New { slug, chapter, title } => {
                let request = scaffold::Request { slug, chapter, title };
                let added = scaffold::add(&ctx.course()?, &request)?;
                print!("{}", added.report());
                Ok(Status::Success)
            }
            DevCommand::Bless {
                exercise,
                all,
                launch,
            } => {
                let course = ctx.course()?;
                let chosen = chosen_exercises(&course, exercise.as_deref(), *all)?;
                dev::bless(&course, &chosen, &ctx.settings(launch, Builds::Shown)?)?;
                Ok(Status::Success)
            }
        }
    }
}

/// The capture shim of one rank (the launcher starts it): ends as the program ended.
fn rank(worker: bool, dir: &std::path::Path, program: &std::path::Path, args: &[String]) -> Result<Status> {
    let role = match worker {
        true => capture::Role::Worker,
        false => capture::Role::Rank,
    };
    let code = capture::run_rank(dir, role, program, args)?;
    Ok(Status::Program(u8::try_from(code).unwrap_or(1)))
}

/// Prints the class table, writes the CSV and HTML asked for, and names every file
/// that could not be read (exit 2 then, though the others are merged and shown).
fn class(
    files: &[std::path::PathBuf],
    csv: Option<&std::path::Path>,
    html: Option<&std::path::Path>,
) -> Result<Status> {
    let (sheets, errors) = runner::class::load(files);
    for error in &errors {
        eprintln!("error: {error}");
    }
    let class = runner::class::merge(sheets)?;
    for other in class.other_courses() {
        eprintln!("warning: {other} is another course than {}", class.course);
    }
    print!("{}", class.text());
    if let Some(path) = csv {
        runner::class::write_file(path, &class.csv())?;
    }
    if let Some(path) = html {
        runner::class::write_file(path, &class.html())?;
    }
    Ok(if errors.is_empty() {
        Status::Success
    } else {
        Status::Trouble
    })
}

fn doctor(ctx: &Context) -> Result<Status> {
    // The course, if there is one, names the next exercise; doctor runs without.
    let course = ctx.course().ok();
    let (text, healthy) = doctor::report(course.as_ref());
    print!("{text}");
    Ok(if healthy { Status::Success } else { Status::Trouble })
}

fn list(ctx: &Context, format: Format) -> Result<Status> {
    let course = ctx.course()?;
    let progress = Progress::load(course.root());
    match format {
        Format::Text => print!("{}", listing::text(&course, &progress)),
        Format::Json => println!("{}", listing::json(&course, &progress)),
    }
    Ok(Status::Success)
}

/// `check`: every declared rank count, unless --np names one (a program that prints a
/// hard-coded size passes at one count only); a pass at every count marks it solved.
fn check(ctx: &Context, target: &Target) -> Result<Status> {
    let course = ctx.course()?;
    let ex = course.resolve(&target.exercise)?;
    let counts = match target.np {
        Some(_) => vec![check::declared_ranks(ex, target.np)?],
        None => ex.ranks.clone(),
    };
    let variant = variant(target.solution);
    let settings = ctx.settings(&target.launch, Builds::Shown)?;
    let checked = check::check_counts(&course, ex, variant, &counts, &settings)?;
    if let (Variant::Exercise, Some(passed)) = (variant, checked.progress()) {
        Progress::update(course.root(), |p| p.record(&ex.slug, passed));
    }
    Ok(Status::passed(checked.passed()))
}

/// `run`: any rank count, each rank's output shown, nothing judged.
fn run(ctx: &Context, target: &Target) -> Result<Status> {
    let course = ctx.course()?;
    let ex = course.resolve(&target.exercise)?;
    let np = target.np.unwrap_or(ex.default_ranks());
    if !ex.mpi && np != 1 {
        bail!(
            "{} is a single-process program without MPI: it runs on one process only",
            ex.id
        );
    }
    let settings = ctx.settings(&target.launch, Builds::Shown)?;
    match check::launch(&course, ex, variant(target.solution), np, &settings)? {
        check::Launched::CompileError(_) => {
            println!("{} {} does not compile: the errors are above.", "✗".red(), ex.id);
            Ok(Status::Failed)
        }
        check::Launched::Ran { run, .. } => {
            print!("{}", report::grouped(&run, Paint::for_stdout()));
            Ok(Status::passed(report::all_clean(&run)))
        }
    }
}

/// `grade`: one line per exercise as it is graded, under one progress bar, then the
/// totals; the JSON or JUnit document alone on stdout in those formats.
fn grade(
    ctx: &Context,
    format: GradeFormat,
    variant: Variant,
    jobs: usize,
    settings: &check::Settings,
) -> Result<Status> {
    let course = ctx.course()?;
    let count = course.exercises().len();
    // One bar on stderr (where it is a terminal), above the lines. Text goes to stdout
    // as it comes; a JSON or JUnit document keeps stdout to itself.
    let bar = grade::progress_bar(count);
    let show = |line: &str| match format {
        GradeFormat::Text => bar.suspend(|| print!("{line}")),
        _ if ctx.quiet => {}
        _ => bar.suspend(|| eprint!("{line}")),
    };
    show(&format!(
        "Grading {count} exercises of {}, each at every rank count it declares\n",
        course.title()
    ));
    let started = |ex: &Exercise| bar.set_message(format!("{} {}", ex.id, ex.slug));
    let grades = grade::grade(&course, variant, settings, jobs, started, |graded| {
        show(&grade::text_line(graded));
        bar.inc(1);
        if variant == Variant::Exercise {
            grade::record(&course, graded);
        }
    });
    bar.finish_and_clear();
    show(&grade::text_total(&grades));
    if let Some(signal) = interrupt::requested() {
        show(&format!(
            "✗ interrupted by {}: grading stopped after {} of {count} exercises; nothing is left running.\n",
            interrupt::name(signal),
            grades.len()
        ));
    }
    match format {
        GradeFormat::Text => {}
        GradeFormat::Json => println!("{}", grade::json(&course, &grades)),
        GradeFormat::Junit => print!("{}", grade::junit(&course, &grades)),
    }
    Ok(Status::passed(grades.iter().all(|g| g.passed)))
}

fn hint(ctx: &Context, exercise: &str, all: bool) -> Result<Status> {
    let course = ctx.course()?;
    let ex = course.resolve(exercise)?;
    print!(
        "{}",
        Progress::update(course.root(), |p| hints::next(ex, p, all, hints::Ask::Command))
    );
    Ok(Status::Success)
}

/// `reset`: asks before putting exercises back, unless --yes.
fn reset(ctx: &Context, exercise: Option<&str>, all: bool, yes: bool) -> Result<Status> {
    let course = ctx.course()?;
    let chosen = chosen_exercises(&course, exercise, all)?;
    let answer = |question: &str| {
        print!("{question}");
        let _ = std::io::stdout().flush();
        let mut line = String::new();
        yes || (std::io::stdin().read_line(&mut line).is_ok() && line.trim().eq_ignore_ascii_case("y"))
    };
    print!("{}", reset::reset(&course, &chosen, answer)?);
    Ok(Status::Success)
}

fn variant(solution: bool) -> Variant {
    if solution {
        Variant::Solution
    } else {
        Variant::Exercise
    }
}

/// The exercises a verb with `<exercise> | --all` works on (clap requires one of them).
fn chosen_exercises<'a>(course: &'a Course, name: Option<&str>, all: bool) -> Result<Vec<&'a Exercise>> {
    Ok(match name {
        Some(name) if !all => vec![course.resolve(name)?],
        _ => course.exercises().iter().collect(),
    })
}
