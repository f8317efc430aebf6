//! Starting the ranks: this binary under `mpiexec`, once per rank count, and reading
//! the runs that rank 0 reports.
//!
//! The parent never initializes MPI: an MPI process that starts `mpiexec` itself is
//! not something every MPI allows.

use std::process::{Command, Stdio};

use crate::table::Run;

/// Which MPI the launcher belongs to, from `mpiexec --version`: Open MPI's refuses to
/// run as root and to start more ranks than there are cores unless told to; MPICH's
/// (Hydra) allows both.
pub struct Launcher {
    mpiexec: String,
    open_mpi: bool,
}

impl Launcher {
    pub fn detect(mpiexec: &str) -> Result<Launcher, String> {
        let out = Command::new(mpiexec).arg("--version").output().map_err(|e| {
            format!(
                "cannot run `{mpiexec} --version`: {e}; install an MPI or name its launcher with --mpiexec"
            )
        })?;
        let text = String::from_utf8_lossy(&out.stdout) + String::from_utf8_lossy(&out.stderr);
        Ok(Launcher {
            mpiexec: mpiexec.to_string(),
            open_mpi: text.contains("Open MPI") || text.contains("OpenRTE"),
        })
    }

    /// The whole command that runs the rank program on `ranks` ranks.
    pub fn command(&self, ranks: usize, cores: usize) -> Result<Vec<String>, String> {
        let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
        let mut argv = vec![self.mpiexec.clone()];
        if self.open_mpi {
            if is_root() {
                argv.push("--allow-run-as-root".into());
            }
            if ranks > cores {
                argv.push("--oversubscribe".into());
            }
        }
        argv.extend(["-n".to_string(), ranks.to_string()]);
        argv.extend([exe.display().to_string(), "--rank-program".to_string()]);
        Ok(argv)
    }

    /// Runs every distribution on `ranks` ranks, in the notebook's order.
    pub fn run(&self, ranks: usize, cores: usize) -> Result<Vec<Run>, String> {
        let argv = self.command(ranks, cores)?;
        let out = Command::new(&argv[0])
            .args(&argv[1..])
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("cannot run {}: {e}", argv[0]))?;
        if !out.status.success() {
            return Err(format!(
                "`{}` failed ({}): {}",
                argv.join(" "),
                out.status,
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        let stdout = String::from_utf8_lossy(&out.stdout);
        let runs: Vec<Run> = stdout.lines().filter_map(Run::parse).collect();
        let expected = crate::DISTRIBUTIONS.len();
        if runs.len() != expected || runs.iter().any(|run| run.engines != ranks) {
            return Err(format!(
                "`{}` printed {stdout:?}, not {expected} runs of {ranks} engines. If every rank \
                 printed its own runs of 1 engine, this mpiexec belongs to another MPI than the \
                 one the benchmark was built with: name the right one with --mpiexec",
                argv.join(" ")
            ));
        }
        Ok(runs)
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}
