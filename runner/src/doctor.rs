//! `doctor`: what the course needs, what this machine has, and the exact command that
//! installs what is missing here (apt, dnf, Homebrew, or the site's modules). It also
//! warns when the launcher and the build would use different MPIs, which machines with
//! two MPIs installed side by side get by default.

use crate::course::Course;
use crate::launcher::{Extras, Launcher, Starter};
use crate::linkage::{self, BuildMpi};
use crate::probe;
use crate::progress::{Progress, Status};
use colored::Colorize;
use std::path::PathBuf;

/// One line of the report.
struct Finding {
    name: &'static str,
    state: State,
    detail: String,
}

enum State {
    Found,
    Missing,
    /// Installed, but a setting of the environment stops every check until changed.
    Misconfigured,
    /// Everything is there, but it will not work together as it is.
    Warning,
    /// Not needed for the course, but useful when present.
    Optional,
}

/// The report, and whether everything required is there and set up to work. With the
/// course (if one was found), the next step it names is the learner's next exercise.
pub fn report(course: Option<&Course>) -> (String, bool) {
    let findings = examine();
    let any = |wanted: fn(&State) -> bool| findings.iter().any(|f| wanted(&f.state));
    let missing = any(|s| matches!(s, State::Missing));
    let misconfigured = any(|s| matches!(s, State::Misconfigured));
    let warned = any(|s| matches!(s, State::Warning));
    let mut out = format!(
        "{}\n",
        "Workbook doctor: what the course needs on this machine".bold()
    );
    for f in &findings {
        let mark = match f.state {
            State::Found => "✓".green(),
            State::Missing | State::Misconfigured => "✗".red(),
            State::Warning => "!".yellow(),
            State::Optional => "·".dimmed(),
        };
        out.push_str(&format!("  {mark} {:<10} {}\n", f.name, f.detail));
    }
    if missing {
        out.push_str(&format!(
            "{} Install what is missing with:\n    {}\nthen run `cargo run -p runner -- doctor` again.\n",
            "Something is missing.".red().bold(),
            probe::install_command()
        ));
    } else if misconfigured {
        out.push_str(&format!(
            "{} Everything is installed, but the setting marked ✗ above would stop every check: \
             change it as it says, then run `cargo run -p runner -- doctor` again.\n",
            "A setting is wrong.".red().bold()
        ));
    } else if warned {
        out.push_str(&format!(
            "{} Everything is installed, but read the warning (!) above before you check.\n",
            "Almost set.".yellow().bold()
        ));
    } else {
        out.push_str(&format!(
            "{} Ready. {}\n",
            "All set.".green().bold(),
            next_step(course)
        ));
    }
    (out, !missing && !misconfigured)
}

/// What to do once everything is set: check the first exercise not solved yet (the
/// first of the course when there is no course to read progress from).
fn next_step(course: Option<&Course>) -> String {
    let next = match course {
        None => Some("ex01"),
        Some(course) => {
            let progress = Progress::load(course.root());
            let unsolved = course
                .exercises()
                .iter()
                .find(|ex| progress.status(&ex.slug) != Status::Solved);
            unsolved.map(|ex| ex.id.as_str())
        }
    };
    match next {
        Some(id) => format!("Next: cargo run -p runner -- check {id}"),
        None => "Every exercise is solved: `cargo run -p runner -- list` shows them.".to_string(),
    }
}

fn examine() -> Vec<Finding> {
    let choice = std::env::var("WORKBOOK_LAUNCHER").ok();
    let launcher = Launcher::choose(choice.as_deref());
    let build = linkage::build_mpi();
    let mut findings = vec![
        cargo(),
        cores(),
        launcher_finding(&launcher),
        mpicc(build.as_ref()),
    ];
    if let Ok(launcher) = &launcher {
        findings.extend(site_settings(launcher));
    }
    if let (Ok(launcher), Some(build)) = (&launcher, &build) {
        findings.extend(disagreement(launcher, build));
    }
    findings.push(libclang());
    // The mpi crate's libffi-sys builds libffi from source with `make`; without it the
    // first MPI exercise fails to build with an error that names neither.
    findings.push(program(
        "make",
        "the mpi crate builds libffi with it",
        State::Missing,
    ));
    findings.push(program(
        "srun",
        "SLURM's launcher, used inside an allocation",
        State::Optional,
    ));
    findings.push(program(
        "gdb",
        "a debugger: `gdb -p PID` shows where a hung rank waits",
        State::Optional,
    ));
    findings
}

fn cargo() -> Finding {
    let version = probe::first_line(&crate::build::cargo().to_string_lossy(), &["--version"]);
    Finding {
        name: "cargo",
        state: if version.is_some() {
            State::Found
        } else {
            State::Missing
        },
        detail: version.unwrap_or_else(|| "not found: install Rust with rustup".into()),
    }
}

fn cores() -> Finding {
    let physical = probe::physical_cores();
    let logical = std::thread::available_parallelism().map_or(physical, usize::from);
    Finding {
        name: "cores",
        state: State::Found,
        detail: format!(
            "{physical} physical ({logical} logical): more ranks than {physical} run oversubscribed{}",
            if probe::is_root() {
                "; running as root, so Open MPI gets --allow-run-as-root"
            } else {
                ""
            }
        ),
    }
}

fn launcher_finding(launcher: &anyhow::Result<Launcher>) -> Finding {
    match launcher {
        Ok(l) => {
            let path = match l.starter {
                Starter::Template | Starter::Srun => None,
                _ => probe::which(l.program()).map(|p| format!(" at {}", p.display())),
            };
            let path = path.unwrap_or_default();
            Finding {
                name: "launcher",
                state: State::Found,
                detail: format!("{}{path}", l.describe()),
            }
        }
        Err(e) => Finding {
            name: "launcher",
            state: State::Missing,
            detail: first_sentence(&format!("{e}")),
        },
    }
}

/// A finding when what a site adds to every launch (WORKBOOK_LAUNCHER_ARGS,
/// WORKBOOK_HOSTFILE) would stop every check: a quote left open, a rank count the
/// runner sets itself, a hostfile that is not there. Better said once here, before
/// anything is built, than by each check.
fn site_settings(launcher: &Launcher) -> Option<Finding> {
    let hostfile = std::env::var_os("WORKBOOK_HOSTFILE").map(PathBuf::from);
    let problem = Extras::from_env(&[], hostfile)
        .and_then(|extras| launcher.clone().with_extras(&extras))
        .err()?;
    Some(Finding {
        name: "settings",
        state: State::Misconfigured,
        detail: format!(
            "every check would stop: {}",
            first_sentence(&format!("{problem:#}"))
        ),
    })
}

/// rsmpi's build script asks `MPI_PKG_CONFIG`, `mpicc` or pkg-config how to compile
/// against MPI; this says which MPI that gives.
fn mpicc(build: Option<&BuildMpi>) -> Finding {
    match build {
        Some(BuildMpi {
            mpi: Some(mpi),
            found_by,
        }) => Finding {
            name: "mpicc",
            state: State::Found,
            detail: format!("builds against {} (found by {found_by})", mpi.name()),
        },
        Some(BuildMpi { mpi: None, found_by }) => Finding {
            name: "mpicc",
            state: State::Found,
            detail: format!("found by {found_by}, but its mpi.h does not say which MPI it is"),
        },
        None => Finding {
            name: "mpicc",
            state: State::Missing,
            detail:
                "not found: the exercises cannot be compiled against MPI (install MPI's development files)"
                    .into(),
        },
    }
}

/// A warning when the launcher would start programs of another MPI than the one the
/// build links: every check would stop before running (see `linkage`).
fn disagreement(launcher: &Launcher, build: &BuildMpi) -> Option<Finding> {
    let launches = launcher.mpi?;
    let builds = build.mpi?;
    if builds.runs_under(launches) {
        return None;
    }
    Some(Finding {
        name: "mismatch",
        state: State::Warning,
        detail: format!(
            "the launcher is {} but builds link {} (found by {}): checks would stop, since each rank would run alone. \
             Launch with `--launcher {}`, or build against {}: {}",
            launches.name(),
            builds.name(),
            build.found_by,
            builds.launcher_name(),
            launches.name(),
            linkage::rebuild_command(launches, "check ex01")
        ),
    })
}

/// bindgen (inside mpi-sys) loads libclang to read MPI's headers.
fn libclang() -> Finding {
    match find_libclang() {
        Some(path) => Finding {
            name: "libclang",
            state: State::Found,
            detail: path.display().to_string(),
        },
        None => Finding {
            name: "libclang",
            state: State::Missing,
            detail: "not found: rsmpi's bindings are generated with it (set LIBCLANG_PATH if it is somewhere unusual)".into(),
        },
    }
}

fn find_libclang() -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Some(dir) = std::env::var_os("LIBCLANG_PATH") {
        dirs.push(dir.into());
    }
    if let Some(dir) = probe::first_line("llvm-config", &["--libdir"]) {
        dirs.push(dir.into());
    }
    for parent in ["/usr/lib", "/usr/local/lib", "/usr/lib64"] {
        if let Ok(entries) = std::fs::read_dir(parent) {
            dirs.extend(
                entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| {
                        p.file_name()
                            .is_some_and(|n| n.to_string_lossy().starts_with("llvm"))
                    })
                    .map(|p| p.join("lib")),
            );
        }
        dirs.push(parent.into());
    }
    dirs.extend(
        [
            "/usr/lib/x86_64-linux-gnu",
            "/usr/lib/aarch64-linux-gnu",
            "/opt/homebrew/opt/llvm/lib",
            "/usr/local/opt/llvm/lib",
            "/Library/Developer/CommandLineTools/usr/lib",
            "/Applications/Xcode.app/Contents/Developer/Toolchains/XcodeDefault.xctoolchain/usr/lib",
        ]
        .map(PathBuf::from),
    );
    dirs.into_iter().find_map(|dir| {
        std::fs::read_dir(&dir)
            .ok()?
            .flatten()
            .map(|e| e.path())
            .find(|p| {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                name.starts_with("libclang")
                    && (name.contains(".so") || name.ends_with(".dylib"))
                    && !name.contains("cpp")
            })
    })
}

/// A program on PATH, and why the course wants it; `if_missing` says whether its
/// absence stops the course (`Missing`) or only costs a convenience (`Optional`).
fn program(name: &'static str, why: &str, if_missing: State) -> Finding {
    match probe::which(name) {
        Some(path) => Finding {
            name,
            state: State::Found,
            detail: format!("{} ({why})", path.display()),
        },
        None => Finding {
            name,
            detail: match if_missing {
                State::Optional => format!("not found, optional: {why}"),
                _ => format!("not found: {why}"),
            },
            state: if_missing,
        },
    }
}

fn first_sentence(text: &str) -> String {
    text.lines().next().unwrap_or(text).to_string()
}
