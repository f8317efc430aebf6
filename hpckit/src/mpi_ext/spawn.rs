//! Starting more processes while the program runs, as mpi4py's
//! `MPI.COMM_SELF.Spawn(sys.executable, args=[...], maxprocs=5)` does. rsmpi has the
//! call itself (`world.process_at_rank(0).spawn(&command, 5)`); what this module adds
//! is the command, so that under the workbook's runner the workers are captured like
//! the ranks: their output checked, a panic or a hang among them reported, and nothing
//! of them left behind.
//!
//! No `unsafe` here: MPI starts the command, rsmpi makes the call.

use std::ffi::{OsStr, OsString};
use std::path::Path;
use std::process::Command;

/// The variables the runner sets for every rank: its capture shim, and the run's folder.
const SHIM: &str = "WORKBOOK_SHIM";
const RUN_DIR: &str = "WORKBOOK_RUN_DIR";

/// The command that starts copies of this program as spawned workers, given `args`
/// (the program tells a worker from a parent by them, or by `world.parent()`).
///
/// Run by the runner, the command is its capture shim, which then starts the program
/// with its output kept apart per worker; run by hand (`mpiexec -n 1 …`), it is the
/// program itself. Pass it to rsmpi's `spawn`.
pub fn worker_command<S: AsRef<OsStr>>(args: &[S]) -> std::io::Result<Command> {
    let program = std::env::current_exe()?;
    let runner = std::env::var_os(SHIM).zip(std::env::var_os(RUN_DIR));
    Ok(command_for(&program, runner, args))
}

/// [`worker_command`]'s choice, apart from the environment it reads.
fn command_for<S: AsRef<OsStr>>(program: &Path, runner: Option<(OsString, OsString)>, args: &[S]) -> Command {
    let mut command = match runner {
        Some((shim, dir)) => {
            let mut shim = Command::new(shim);
            shim.arg("__rank").arg("--worker").arg(dir).arg("--").arg(program);
            shim
        }
        None => Command::new(program),
    };
    command.args(args);
    command
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(command: &Command) -> Vec<String> {
        std::iter::once(command.get_program())
            .chain(command.get_args())
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn by_hand_the_worker_is_the_program_itself() {
        let command = command_for(Path::new("/bin/cpi"), None, &["worker"]);
        assert_eq!(argv(&command), ["/bin/cpi", "worker"]);
    }

    #[test]
    fn under_the_runner_the_shim_starts_the_worker() {
        let runner = Some(("/t/runner".into(), "/t/run-1".into()));
        let command = command_for(Path::new("/bin/cpi"), runner, &["worker"]);
        assert_eq!(
            argv(&command),
            [
                "/t/runner",
                "__rank",
                "--worker",
                "/t/run-1",
                "--",
                "/bin/cpi",
                "worker"
            ]
        );
    }
}
