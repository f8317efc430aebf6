//! `doctor`: what the course needs, what this machine has, and the exact command that
//! installs what is missing here (apt, dnf, Homebrew, or the site's modules).

use crate::launcher::{Flavor, Launcher};
use crate::probe;
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
    /// Not needed for the course, but useful when present.
    Optional,
}

/// The report, and whether everything required is there.
pub fn report() -> (String, bool) {
    let findings = examine();
    let healthy = !findings.iter().any(|f| matches!(f.state, State::Missing));
    let mut out = format!(
        "{}\n",
        "Workbook doctor: what the course needs on this machine".bold()
    );
    for f in &findings {
        let mark = match f.state {
            State::Found => "✓".green(),
            State::Missing => "✗".red(),
            State::Optional => "·".dimmed(),
        };
        out.push_str(&format!("  {mark} {:<10} {}\n", f.name, f.detail));
    }
    if healthy {
        out.push_str(&format!(
            "{} Ready. Next: cargo run -p runner -- check ex01\n",
            "All set.".green().bold()
        ));
    } else {
        out.push_str(&format!(
            "{} Install what is missing with:\n    {}\nthen run `cargo run -p runner -- doctor` again.\n",
            "Something is missing.".red().bold(),
            probe::install_command()
        ));
    }
    (out, healthy)
}

fn examine() -> Vec<Finding> {
    let mut findings = vec![cargo(), cores()];
    findings.push(launcher());
    findings.push(mpicc());
    findings.push(libclang());
    findings.push(optional("srun", "SLURM's launcher, used inside an allocation"));
    findings.push(optional(
        "gdb",
        "a debugger: `gdb -p PID` shows where a hung rank waits",
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

fn launcher() -> Finding {
    let choice = std::env::var("WORKBOOK_LAUNCHER").ok();
    match Launcher::choose(choice.as_deref()) {
        Ok(l) => {
            let path = probe::which("mpiexec").map(|p| format!(" at {}", p.display()));
            let path = if l.flavor == Flavor::Template || l.flavor == Flavor::Srun {
                String::new()
            } else {
                path.unwrap_or_default()
            };
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

/// rsmpi's build script asks `mpicc` (or pkg-config) how to compile against MPI.
fn mpicc() -> Finding {
    let pkg = ["ompi", "mpich", "mpi"].iter().find_map(|name| {
        let version = probe::first_line("pkg-config", &["--modversion", name])?;
        (!version.contains("not found") && !version.contains("No package"))
            .then(|| format!("pkg-config {name} {version}"))
    });
    match (probe::which("mpicc"), pkg) {
        (Some(path), pkg) => Finding {
            name: "mpicc",
            state: State::Found,
            detail: format!(
                "{}{}",
                path.display(),
                pkg.map(|p| format!(" ({p})")).unwrap_or_default()
            ),
        },
        (None, Some(pkg)) => Finding {
            name: "mpicc",
            state: State::Found,
            detail: format!("not on PATH, but {pkg} answers"),
        },
        (None, None) => Finding {
            name: "mpicc",
            state: State::Missing,
            detail:
                "not found: the exercises cannot be compiled against MPI (install MPI's development files)"
                    .into(),
        },
    }
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

fn optional(program: &'static str, why: &str) -> Finding {
    Finding {
        name: program,
        state: if probe::on_path(program) {
            State::Found
        } else {
            State::Optional
        },
        detail: match probe::which(program) {
            Some(path) => format!("{} ({why})", path.display()),
            None => format!("not found, optional: {why}"),
        },
    }
}

fn first_sentence(text: &str) -> String {
    text.lines().next().unwrap_or(text).to_string()
}
