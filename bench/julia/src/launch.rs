//! Starting the ranks: this binary under `mpiexec`, once per rank count, and reading
//! the runs that rank 0 reports (the command itself from bench-mpiexec, which the other
//! benchmarks that launch share).

use bench_mpiexec::Mpiexec;

use crate::table::Run;

/// The launcher, for this binary's rank program.
pub struct Launcher(Mpiexec);

impl Launcher {
    pub fn detect(mpiexec: &str) -> Result<Launcher, String> {
        Mpiexec::detect(mpiexec).map(Launcher)
    }

    /// The whole command that runs the rank program on `ranks` ranks.
    pub fn command(&self, ranks: usize, cores: usize) -> Result<Vec<String>, String> {
        let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
        let job = [exe.display().to_string(), "--rank-program".to_string()];
        Ok(self.0.command(ranks, ranks > cores, &job))
    }

    /// Runs every distribution on `ranks` ranks, in the notebook's order.
    pub fn run(&self, ranks: usize, cores: usize) -> Result<Vec<Run>, String> {
        let argv = self.command(ranks, cores)?;
        let stdout = bench_mpiexec::output(&argv)?;
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
