//! Starting a benchmark's ranks from a parent that never initializes MPI (an MPI
//! process that starts `mpiexec` itself is not something every MPI allows): the
//! command line for the launcher at hand, and running a job for what it prints.
//! bench-heat, bench-julia and bench-mpibench launch their rank programs this way.

use std::process::{Command, Stdio};

/// A launcher, and whether it is Open MPI's: Open MPI's refuses to run as root and to
/// start more processes than there are cores unless told to; MPICH's (Hydra) allows
/// both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mpiexec {
    program: String,
    open_mpi: bool,
}

impl Mpiexec {
    /// The launcher `program`, told apart by its `--version`.
    pub fn detect(program: &str) -> Result<Mpiexec, String> {
        let out = Command::new(program).arg("--version").output().map_err(|e| {
            format!(
                "cannot run `{program} --version`: {e}; install an MPI or name its launcher with --mpiexec"
            )
        })?;
        let text = String::from_utf8_lossy(&out.stdout) + String::from_utf8_lossy(&out.stderr);
        Ok(Mpiexec::new(
            program,
            text.contains("Open MPI") || text.contains("OpenRTE"),
        ))
    }

    /// A launcher known without asking it (tests).
    pub fn new(program: &str, open_mpi: bool) -> Mpiexec {
        Mpiexec {
            program: program.to_string(),
            open_mpi,
        }
    }

    /// The whole command that runs `job` on `ranks` processes; `oversubscribe` when
    /// they may outnumber the cores.
    pub fn command(&self, ranks: usize, oversubscribe: bool, job: &[String]) -> Vec<String> {
        let mut argv = vec![self.program.clone()];
        if self.open_mpi {
            if is_root() {
                argv.push("--allow-run-as-root".into());
            }
            if oversubscribe {
                argv.push("--oversubscribe".into());
            }
        }
        argv.extend(["-n".to_string(), ranks.to_string()]);
        argv.extend(job.iter().cloned());
        argv
    }
}

/// True when this process runs as root, where Open MPI's launcher needs
/// `--allow-run-as-root` (containers, CI).
pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

/// Runs `argv` with no input and returns what it printed on stdout; an error that
/// names the command and quotes its stderr if it could not start or failed.
pub fn output(argv: &[String]) -> Result<String, String> {
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
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_mpi_gets_its_flags_only_when_needed() {
        let job = ["prog".to_string()];
        let other = Mpiexec::new("mpiexec", false).command(4, true, &job);
        assert_eq!(other, ["mpiexec", "-n", "4", "prog"]);
        let open = Mpiexec::new("mpiexec", true);
        assert!(open
            .command(4, true, &job)
            .contains(&"--oversubscribe".to_string()));
        assert!(!open
            .command(2, false, &job)
            .contains(&"--oversubscribe".to_string()));
        assert_eq!(
            open.command(2, false, &job)
                .contains(&"--allow-run-as-root".to_string()),
            is_root()
        );
    }

    #[test]
    fn a_failed_command_is_named_with_its_stderr() {
        let argv = ["sh", "-c", "echo out; echo broken >&2; exit 3"].map(String::from);
        let err = output(&argv).unwrap_err();
        assert!(
            err.starts_with("`sh -c echo out; echo broken >&2; exit 3` failed ("),
            "{err}"
        );
        assert!(err.ends_with("): broken"), "{err}");
        let argv = ["sh", "-c", "echo fine"].map(String::from);
        assert_eq!(output(&argv).unwrap(), "fine\n");
    }
}
