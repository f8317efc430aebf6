//! Part (b): strong scaling. The same grid and the same number of steps at 1, 2 and 4
//! ranks: this benchmark's own binary launched under `mpiexec` as the parallel program
//! ([`crate::parallel`]). Each launch reports the slowest rank's time for the time loop
//! alone (not MPI's start-up) and the checksum of its final field. Beside them, in this
//! process and without MPI, ex99's step on one thread and on two rayon threads: what
//! the cores gave any parallel code at the same moments, on a shared machine. The runs
//! take turns in rounds, in one order and then the reverse, and all must end on the
//! same field, bit for bit.

use crate::report::{duration, median, median_ratio, verdict};
use crate::stencil;
use bench_mpiexec::Mpiexec;
use ndarray::Array2;
use std::fmt::Write;
use std::path::Path;
use std::time::Instant;

/// One way of running the steps: the MPI program on some ranks, or ex99's step in this
/// process on some threads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Run {
    Ranks(usize),
    Threads(usize),
}

/// In the order of a forward round, and of the table.
const RUNS: [Run; 5] = [
    Run::Ranks(1),
    Run::Ranks(2),
    Run::Ranks(4),
    Run::Threads(1),
    Run::Threads(2),
];

impl Run {
    fn workers(self) -> usize {
        match self {
            Run::Ranks(n) | Run::Threads(n) => n,
        }
    }

    /// The run with one worker of the same kind, which its speed-up is measured against.
    fn reference(self) -> Run {
        match self {
            Run::Ranks(_) => Run::Ranks(1),
            Run::Threads(_) => Run::Threads(1),
        }
    }

    fn label(self, cores: usize) -> String {
        let crowded = if self.workers() > cores {
            format!(" (on {cores} cores)")
        } else {
            String::new()
        };
        match self {
            Run::Ranks(1) => "MPI, 1 rank".into(),
            Run::Ranks(n) => format!("MPI, {n} ranks{crowded}"),
            Run::Threads(1) => "no MPI: ex99's step, 1 thread".into(),
            Run::Threads(n) => format!("no MPI: ex99's step, {n} rayon threads{crowded}"),
        }
    }
}

/// What part (b) measures, from the command line.
pub struct Options {
    pub n: usize,
    pub steps: usize,
    pub rounds: usize,
    pub mpiexec: String,
}

/// One run's result: the time of its time loop (the slowest rank's, under MPI), and
/// the checksum of its final field.
struct Measured {
    seconds: f64,
    checksum: String,
}

/// Runs part (b) and returns its section of the report.
pub fn run(opts: &Options, cores: usize) -> Result<String, String> {
    let mpiexec = Mpiexec::detect(&opts.mpiexec)?;
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    let program = [
        exe.display().to_string(),
        "--rank-program".into(),
        format!("--mpi-n={}", opts.n),
        format!("--mpi-steps={}", opts.steps),
    ];
    let initial = stencil::initial(opts.n, opts.n);
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); RUNS.len()];
    let mut checksums = Vec::new();
    for round in 0..opts.rounds {
        let mut order: Vec<usize> = (0..RUNS.len()).collect();
        if round % 2 == 1 {
            order.reverse();
        }
        for k in order {
            let measured = match RUNS[k] {
                Run::Ranks(n) => launch(&mpiexec.command(n, n > cores, &program), n)?,
                Run::Threads(n) => in_process(n, &initial, opts.steps)?,
            };
            times[k].push(measured.seconds);
            checksums.push(measured.checksum);
        }
        eprintln!("bench-heat: scaling round {}/{} done", round + 1, opts.rounds);
    }
    if checksums.windows(2).any(|pair| pair[0] != pair[1]) {
        return Err(format!(
            "the runs ended on different fields: checksums {checksums:?}"
        ));
    }
    let example = mpiexec.command(2, 2 > cores, &program);
    Ok(section(opts, cores, &times, &checksums[0], &example))
}

/// `steps` of ex99's step in this process: on one thread the plain loop over the rows,
/// on more a rayon pool of that many threads.
fn in_process(threads: usize, initial: &Array2<f64>, steps: usize) -> Result<Measured, String> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| format!("cannot start {threads} threads: {e}"))?;
    let (mut current, mut next) = (initial.clone(), initial.clone());
    let (columns, dt) = (initial.ncols(), stencil::stable_dt());
    let start = Instant::now();
    for _ in 0..steps {
        let now = current.as_slice().expect("standard layout");
        let new = next.as_slice_mut().expect("standard layout");
        if threads == 1 {
            stencil::step_fast(new, now, columns, dt);
        } else {
            pool.install(|| stencil::step_rayon(new, now, columns, dt));
        }
        std::mem::swap(&mut current, &mut next);
    }
    Ok(Measured {
        seconds: start.elapsed().as_secs_f64(),
        checksum: format!("{:016x}", hpckit::heat::checksum(current.view())),
    })
}

/// Runs one launch and reads rank 0's line.
fn launch(argv: &[String], ranks: usize) -> Result<Measured, String> {
    let stdout = bench_mpiexec::output(argv)?;
    let words: Vec<&str> = stdout.split_whitespace().collect();
    match words[..] {
        ["ranks", size, "seconds", seconds, "checksum", checksum] if size == ranks.to_string() => {
            Ok(Measured {
                seconds: seconds.parse().map_err(|_| format!("not a time: {seconds}"))?,
                checksum: checksum.to_string(),
            })
        }
        _ => Err(format!(
            "`{}` printed {stdout:?}, not one line from a job of {ranks} ranks. If it printed one \
             line per rank, each saying `ranks 1`, this mpiexec belongs to another MPI than the \
             one the benchmark was built with: name the right one with --mpiexec",
            Path::new(&argv[0]).display()
        )),
    }
}

/// The table and the goal lines of part (b).
fn section(opts: &Options, cores: usize, times: &[Vec<f64>], checksum: &str, example: &[String]) -> String {
    let mut out = format!(
        "## (b) Strong scaling, {0} x {0} grid, {1} steps\n\n{2} rounds, the runs interleaved; the time of the time loop (under MPI the slowest rank's, without MPI's start-up), median of the rounds. Launched as `{3}` (and with `-n 1`, `-n 4`).\n\n",
        opts.n,
        opts.steps,
        opts.rounds,
        example.join(" ")
    );
    out.push_str("| run | median time | per step | speed-up | parallel efficiency | rounds |\n");
    out.push_str("|---|---:|---:|---:|---:|---:|\n");
    let index = |run: Run| RUNS.iter().position(|&r| r == run).expect("a run of RUNS");
    let efficiency =
        |run: Run| median_ratio(&times[index(run.reference())], &times[index(run)]) / run.workers() as f64;
    for (k, &run) in RUNS.iter().enumerate() {
        let m = median(&times[k]);
        let e = efficiency(run);
        let _ = writeln!(
            out,
            "| {} | {} | {} | {:.2} | {:.0} % | {} |",
            run.label(cores),
            duration(m),
            duration(m / opts.steps as f64),
            e * run.workers() as f64,
            e * 100.0,
            times[k].len()
        );
    }
    let (ranks, threads) = (efficiency(Run::Ranks(2)), efficiency(Run::Threads(2)));
    let _ = write!(
        out,
        "\nSpeed-up: the median of the per-round ratios of the time on one rank (one thread) to this one; efficiency: speed-up / ranks (threads).\n\
         Parallel efficiency at 2 ranks: {:.0} % (goal: at least 85 %; {}). Two threads in one process, at the same moments: {:.0} %.\n\
         Every run ended on the same field, checksum {checksum}: the parallel field is the serial one, bit for bit.\n",
        ranks * 100.0,
        verdict(ranks >= 0.85),
        threads * 100.0
    );
    out
}
