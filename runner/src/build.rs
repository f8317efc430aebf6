//! Building an exercise with cargo. The binary's path comes from cargo's JSON messages
//! (never guessed from the target directory), compile errors are shown as cargo renders
//! them, and a build that fails because MPI itself is missing is told apart from a
//! learner's compile error: the first is the machine's problem, the second the code's.

use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What a build produced.
#[derive(Debug)]
pub enum Built {
    Binary(PathBuf),
    /// The crate does not compile; the diagnostics as cargo rendered them.
    CompileError(String),
    /// The runner was asked to stop (Ctrl-C, `q` in watch) while cargo ran; cargo was
    /// stopped too.
    Stopped,
}

/// The lines of cargo's JSON output that matter here, by their `reason`.
#[derive(Deserialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
enum CargoLine {
    CompilerArtifact {
        executable: Option<PathBuf>,
    },
    CompilerMessage {
        message: Diagnostic,
    },
    #[serde(other)]
    Other,
}

#[derive(Deserialize)]
struct Diagnostic {
    rendered: Option<String>,
    level: String,
}

/// How much of the build to show while it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Log {
    /// Cargo's own lines (`Compiling mpi-sys …`) and every diagnostic, as they come.
    Show,
    /// Compile errors only.
    Hide,
}

/// The cargo that runs us (`cargo run` sets CARGO), else the one on PATH.
pub fn cargo() -> PathBuf {
    std::env::var_os("CARGO")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("cargo"))
}

/// Builds the crate in `dir` (optimized if `release`) and returns its binary, or the
/// errors that stop it.
pub fn build(dir: &Path, log: Log, release: bool) -> Result<Built> {
    let manifest = dir.join("Cargo.toml");
    if !manifest.is_file() {
        bail!(
            "{} is missing: the exercise's crate is not where the course manifest says.\n\
             If you renamed or deleted it, `git checkout -- {}` restores it.",
            manifest.display(),
            dir.display()
        );
    }
    if let Some(binary) = crate::fresh::binary(dir, release) {
        return Ok(Built::Binary(binary));
    }
    let started = crate::fresh::now();
    let built = cargo_build(dir, &manifest, log, release)?;
    if let Built::Binary(binary) = &built {
        crate::fresh::record(dir, release, binary, started);
    }
    Ok(built)
}

/// Runs `cargo build` on `manifest`, showing what `log` asks for.
fn cargo_build(dir: &Path, manifest: &Path, log: Log, release: bool) -> Result<Built> {
    let format = if colored::control::SHOULD_COLORIZE.should_colorize() {
        "json-diagnostic-rendered-ansi"
    } else {
        "json"
    };
    let mut child = Command::new(cargo())
        .args(["build", "--manifest-path"])
        .arg(manifest)
        .arg(format!("--message-format={format}"))
        .args(release.then_some("--release"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("could not run cargo")?;
    let _stopper = Stopper::watch(child.id());
    // Cargo's stderr carries progress and build-script failures (mpi-sys not finding
    // MPI): pass it on live, and keep it to explain a failure.
    let stderr = child.stderr.take().expect("piped");
    let echo = std::thread::spawn(move || {
        let mut kept = String::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if log == Log::Show {
                eprintln!("{line}");
            }
            kept.push_str(&line);
            kept.push('\n');
        }
        kept
    });
    let mut binary = None;
    let mut diagnostics = String::new();
    for line in BufReader::new(child.stdout.take().expect("piped")).lines() {
        let line = line.context("reading cargo's output")?;
        match serde_json::from_str::<CargoLine>(&line) {
            Ok(CargoLine::CompilerArtifact {
                executable: Some(exe),
            }) => binary = Some(exe),
            Ok(CargoLine::CompilerMessage { message }) => {
                if let Some(text) = message.rendered {
                    let error = message.level == "error";
                    // Errors always show: they are the learner's next step. Warnings
                    // show with the progress; they never fail a check.
                    if error || log == Log::Show {
                        eprint!("{text}");
                    }
                    if error {
                        diagnostics.push_str(&text);
                    }
                }
            }
            _ => {}
        }
    }
    let status = child.wait().context("waiting for cargo")?;
    let cargo_stderr = echo.join().unwrap_or_default();
    if crate::interrupt::requested().is_some() {
        return Ok(Built::Stopped);
    }
    match (status.success(), binary) {
        (true, Some(exe)) => Ok(Built::Binary(exe)),
        (true, None) => bail!(
            "cargo built {} but reported no executable: is it a binary crate?",
            dir.display()
        ),
        (false, _) if diagnostics.is_empty() => Err(environment_failure(&cargo_stderr)),
        (false, _) => Ok(Built::CompileError(diagnostics)),
    }
}

/// Stops cargo when the runner is asked to stop: a terminal's Ctrl-C reaches cargo by
/// itself, but SIGTERM, SIGHUP and watch's `q` reach only the runner. Watches from a
/// thread of its own until dropped.
struct Stopper {
    done: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Stopper {
    fn watch(cargo: u32) -> Stopper {
        use std::sync::atomic::Ordering;
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let finished = done.clone();
        std::thread::spawn(move || {
            while !finished.load(Ordering::SeqCst) {
                if crate::interrupt::requested().is_some() {
                    crate::sys::signal(cargo as i32, libc::SIGTERM);
                    return;
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        });
        Stopper { done }
    }
}

impl Drop for Stopper {
    fn drop(&mut self) {
        self.done.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

/// A failed build without compiler errors of its own: a dependency's build script
/// failed, which for this course almost always means MPI or libclang is missing.
fn environment_failure(cargo_stderr: &str) -> anyhow::Error {
    // A stray folder under exercises/ breaks the whole workspace: name it, not MPI.
    if let Some(problem) = crate::course::workspace_failure(cargo_stderr) {
        return anyhow::anyhow!(problem);
    }
    let tail: Vec<&str> = cargo_stderr.lines().rev().take(25).collect();
    let tail: Vec<&str> = tail.into_iter().rev().collect();
    let cause = if cargo_stderr.contains("libffi-sys") {
        "libffi-sys (a dependency of the mpi crate) builds libffi from source and failed: \
         it needs `make` and a C compiler."
    } else if cargo_stderr.contains("mpi-sys") || cargo_stderr.contains("mpi_sys") {
        if cargo_stderr.contains("libclang") {
            "mpi-sys needs libclang to generate MPI's bindings, and libclang was not found."
        } else {
            "mpi-sys could not find an MPI installation (it asks `mpicc` or pkg-config)."
        }
    } else {
        "the build failed before compiling the exercise, in a dependency."
    };
    anyhow::anyhow!(
        "{cause}\n{}\n\ncargo said:\n{}\n\n`cargo run -p runner -- doctor` shows what is missing.",
        crate::probe::install_advice(),
        tail.join("\n")
    )
}
