//! Part (a): one time step on one large grid, in every way the benchmark knows, taking
//! turns in rounds. Each round runs `steps` steps of each Rust and C variant, in one
//! order and then the reverse, and, where NumPy is there, the same steps in Python;
//! each row reports the median over the rounds of its time per step. After the rounds
//! every variant's field is checked against the others', bit for bit, and NumPy's
//! field after each of its runs against Rust's after as many steps.

use crate::python;
use crate::report::{duration, median, median_ratio, verdict};
use crate::stencil;
use ndarray::Array2;
use std::fmt::Write;
use std::path::PathBuf;
use std::time::Instant;

/// What part (a) measures, from the command line.
pub struct Options {
    pub n: usize,
    pub steps: usize,
    pub rounds: usize,
    pub python: String,
}

#[derive(Clone, Copy)]
enum Variant {
    Slices,
    Fast,
    Rayon,
    C,
}

impl Variant {
    /// In the order of a forward round, and of the table. The two whose times are
    /// compared, the fast step and C, run one right after the other in every round.
    const ALL: [Variant; 4] = [Variant::Slices, Variant::Rayon, Variant::Fast, Variant::C];

    fn name(self) -> String {
        match self {
            Variant::Slices => "Rust, ex98's step".into(),
            Variant::Fast => "Rust, ex99's fast step, 1 thread".into(),
            Variant::Rayon => format!("Rust, ex99's fast step, {} threads", rayon::current_num_threads()),
            Variant::C => "C -O3, 1 thread".into(),
        }
    }

    fn what(self) -> &'static str {
        match self {
            Variant::Slices => "ndarray slices, a temporary array per operator, the field copied back",
            Variant::Fast => "`row_step` on every row in turn, two fields that trade places",
            Variant::Rayon => "the same rows shared out over rayon's threads",
            Variant::C => "the same loop in C (`cc` crate, `-O3 -ffp-contract=off`), called through FFI",
        }
    }

    /// One step: ex98's writes `next` and copies it back; the others write `next` and
    /// let the two fields trade places.
    fn step(self, fields: &mut Fields, dt: f64) {
        let flat_step = match self {
            Variant::Slices => return stencil::step_slices(&mut fields.next, &mut fields.current, dt),
            Variant::Fast => stencil::step_fast,
            Variant::Rayon => stencil::step_rayon,
            Variant::C => stencil::step_c,
        };
        let columns = fields.current.ncols();
        let current = fields.current.as_slice().expect("standard layout");
        flat_step(
            fields.next.as_slice_mut().expect("standard layout"),
            current,
            columns,
            dt,
        );
        std::mem::swap(&mut fields.current, &mut fields.next);
    }
}

/// A variant's two fields: the one the next step reads, and the one it writes.
struct Fields {
    current: Array2<f64>,
    next: Array2<f64>,
}

/// A folder for the files exchanged with Python, removed when dropped.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs part (a) and returns its section of the report: the table and the goals.
pub fn run(opts: &Options) -> Result<String, String> {
    let (n, dt) = (opts.n, stencil::stable_dt());
    let initial = stencil::initial(n, n);
    let mut fields: Vec<Fields> = Variant::ALL
        .iter()
        .map(|_| Fields {
            current: initial.clone(),
            next: initial.clone(),
        })
        .collect();
    let numpy = python::check(&opts.python);
    let temp = TempDir(std::env::temp_dir().join(format!("bench-heat-{}", std::process::id())));
    let files = (temp.0.join("initial.bin"), temp.0.join("final.bin"));
    if numpy.is_ok() {
        std::fs::create_dir_all(&temp.0).map_err(|e| format!("cannot create {}: {e}", temp.0.display()))?;
        std::fs::write(&files.0, bytes(&initial))
            .map_err(|e| format!("cannot write {}: {e}", files.0.display()))?;
    }

    let mut times: Vec<Vec<f64>> = vec![Vec::new(); Variant::ALL.len()];
    let mut numpy_times = Vec::new();
    let mut numpy_version = String::new();
    let mut after_one_round = None;
    // Round 0 is a warm-up, not timed.
    for round in 0..=opts.rounds {
        let mut order = Variant::ALL;
        if round % 2 == 1 {
            order.reverse();
        }
        for v in order {
            let start = Instant::now();
            for _ in 0..opts.steps {
                v.step(&mut fields[v as usize], dt);
            }
            if round > 0 {
                times[v as usize].push(start.elapsed().as_secs_f64() / opts.steps as f64);
            }
        }
        let reference = after_one_round.get_or_insert_with(|| bytes(&fields[Variant::Fast as usize].current));
        if round > 0 && numpy.is_ok() {
            let run = python::run(&opts.python, &files.0, &files.1, (n, n), opts.steps)?;
            let theirs = std::fs::read(&files.1).map_err(|e| format!("cannot read NumPy's field: {e}"))?;
            if &theirs != reference {
                return Err(format!(
                    "NumPy's field after {} steps is not Rust's, bit for bit",
                    opts.steps
                ));
            }
            numpy_times.push(run.times.iter().sum::<f64>() / opts.steps as f64);
            numpy_version = run.version;
        }
        if round > 0 {
            eprintln!("bench-heat: serial round {round}/{} done", opts.rounds);
        }
    }
    let fast = bytes(&fields[Variant::Fast as usize].current);
    if fields.iter().any(|f| bytes(&f.current) != fast) {
        return Err("the Rust and C steps did not give the same field, bit for bit".into());
    }
    let numpy = numpy.map(|()| (numpy_version, numpy_times));
    Ok(section(opts, &times, numpy))
}

/// The field's values as bytes in this machine's order, as NumPy's `tofile` writes them.
fn bytes(field: &Array2<f64>) -> Vec<u8> {
    field.iter().flat_map(|v| v.to_ne_bytes()).collect()
}

/// The table and the goal lines of part (a).
fn section(opts: &Options, times: &[Vec<f64>], numpy: Result<(String, Vec<f64>), String>) -> String {
    let points = ((opts.n - 2) * (opts.n - 2)) as f64;
    let c = median(&times[Variant::C as usize]);
    let mut out = format!(
        "## (a) One time step, {0} x {0} grid\n\n{1} timed rounds of {2} steps per variant (after a warm-up round), interleaved; the median of the rounds' mean time per step.\n\n",
        opts.n, opts.rounds, opts.steps
    );
    out.push_str("| variant | what it does | median per step | per point | × C | rounds |\n");
    out.push_str("|---|---|---:|---:|---:|---:|\n");
    let mut row = |name: &str, what: &str, samples: &[f64]| {
        let m = median(samples);
        let _ = writeln!(
            out,
            "| {name} | {what} | {} | {} | {:.2} | {} |",
            duration(m),
            duration(m / points),
            m / c,
            samples.len()
        );
    };
    for v in Variant::ALL {
        row(&v.name(), v.what(), &times[v as usize]);
    }
    let numpy_what =
        "CSC's `evolve` on slices, the fields trading places; a Python subprocess, timing itself";
    match &numpy {
        Ok((version, samples)) => row(&format!("NumPy {version}, vectorized"), numpy_what, samples),
        Err(why) => {
            let _ = writeln!(out, "| NumPy, vectorized | {numpy_what}; {why} | – | – | – | 0 |");
        }
    }
    out.push('\n');
    out.push_str(&goals(times, numpy.as_ref().map(|(_, samples)| samples)));
    out
}

/// The two goals for the serial step, on the one-thread fast step.
fn goals(times: &[Vec<f64>], numpy: Result<&Vec<f64>, &String>) -> String {
    let fast = &times[Variant::Fast as usize];
    let to_c = median_ratio(fast, &times[Variant::C as usize]);
    let mut out = format!(
        "Fast step (1 thread) against C -O3: {to_c:.3} times C's time, median of per-round ratios (goal: at most 1.10, within 10 % of C; {}).\n",
        verdict(to_c <= 1.10)
    );
    match numpy {
        Ok(samples) => {
            let speedup = median_ratio(samples, fast);
            let _ = writeln!(
                out,
                "Fast step (1 thread) against NumPy: {speedup:.1} times faster, median of per-round ratios (goal: at least 5; {}).",
                verdict(speedup >= 5.0)
            );
        }
        Err(why) => {
            let _ = writeln!(
                out,
                "Fast step (1 thread) against NumPy: {why} (goal: at least 5 times faster)."
            );
        }
    }
    out.push_str("Every Rust and C variant ended on the same field, bit for bit");
    out.push_str(if numpy.is_ok() {
        "; so did every NumPy run.\n"
    } else {
        ".\n"
    });
    out
}
