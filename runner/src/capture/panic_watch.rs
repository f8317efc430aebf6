//! Noticing a rank that panicked and then hangs. When a Rust program's main thread
//! panics under MPI, unwinding drops rsmpi's `Universe`, whose `MPI_Finalize` waits for
//! every other rank; if those wait for the panicked one (at a barrier, in a receive),
//! nothing ever ends and the run would last until its timeout. mpi4py has the same
//! problem and ships `python -m mpi4py` to abort the job on an unhandled exception.
//!
//! The shim sees the panic report go by on the program's stderr. Once the program has
//! been quiet for [`QUIET`] after it without ending (the report, backtrace included, is
//! written by then), the watch writes the rank's `stuck` marker; the runner, which looks
//! for it while it waits, stops the job and reports the panic at once.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a panicked program may stay silent without ending before it counts as
/// stuck. A backtrace takes well under this to print; ranks that were about to finish
/// normally have finished by then, so their output is complete.
const QUIET: Duration = Duration::from_millis(500);

/// What the main thread's panic report starts with (`thread 'main' (1234) panicked at
/// src/main.rs:9:9:` since Rust 1.89, `thread 'main' panicked at` before). A panic on
/// another thread does not end the program, so it is not watched.
const MAIN_PANICKED: (&str, &str) = ("thread 'main'", "panicked at ");

/// The longest line kept while waiting for its end: a panic report's first line is
/// short, and a rank printing one endless line must not grow the shim.
const LINE_LIMIT: usize = 4096;

/// The watch of one rank's stderr, shared between the thread that copies stderr and the
/// shim's main thread.
#[derive(Clone)]
pub struct PanicWatch(Arc<State>);

struct State {
    marker: PathBuf,
    start: Instant,
    /// When stderr last said something, in milliseconds since `start`.
    last_output: AtomicU64,
    panicked: AtomicBool,
    ended: AtomicBool,
    /// The current line, until its end is seen.
    line: Mutex<Vec<u8>>,
}

impl PanicWatch {
    /// A watch that writes `marker` if the program is found stuck after a panic.
    pub fn new(marker: PathBuf) -> PanicWatch {
        PanicWatch(Arc::new(State {
            marker,
            start: Instant::now(),
            last_output: AtomicU64::new(0),
            panicked: AtomicBool::new(false),
            ended: AtomicBool::new(false),
            line: Mutex::new(Vec::new()),
        }))
    }

    /// Looks at a piece of stderr as it goes by.
    pub fn saw(&self, bytes: &[u8]) {
        let state = &self.0;
        state
            .last_output
            .store(state.start.elapsed().as_millis() as u64, Ordering::SeqCst);
        if state.panicked.load(Ordering::SeqCst) {
            return;
        }
        let mut line = state.line.lock().unwrap_or_else(|e| e.into_inner());
        for piece in bytes.split_inclusive(|&b| b == b'\n') {
            let room = LINE_LIMIT.saturating_sub(line.len());
            line.extend_from_slice(&piece[..piece.len().min(room)]);
            if piece.ends_with(b"\n") {
                if is_main_panic(&line) {
                    self.panicked();
                    return;
                }
                line.clear();
            }
        }
    }

    /// Tells the watch that the program has ended: it is not stuck, whatever it printed.
    pub fn ended(&self) {
        self.0.ended.store(true, Ordering::SeqCst);
    }

    /// From the panic on, waits on a thread of its own for the program to end or to
    /// fall quiet.
    fn panicked(&self) {
        self.0.panicked.store(true, Ordering::SeqCst);
        let state = self.0.clone();
        std::thread::spawn(move || loop {
            std::thread::sleep(Duration::from_millis(25));
            if state.ended.load(Ordering::SeqCst) {
                return;
            }
            let quiet_since = Duration::from_millis(state.last_output.load(Ordering::SeqCst));
            if state.start.elapsed().saturating_sub(quiet_since) >= QUIET {
                let _ = std::fs::write(&state.marker, "panicked, then made no progress\n");
                return;
            }
        });
    }
}

/// True if `stderr` holds a report of the main thread's panic: for the runner, which
/// reads a rank's stderr when a run is stopped (see `session`).
pub fn main_panicked(stderr: &str) -> bool {
    stderr.lines().any(|line| is_main_panic(line.as_bytes()))
}

fn is_main_panic(line: &[u8]) -> bool {
    let line = String::from_utf8_lossy(line);
    let (thread, panicked) = MAIN_PANICKED;
    line.starts_with(thread) && line.contains(panicked)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker(name: &str) -> PathBuf {
        std::env::temp_dir().join(format!("panic-watch-{name}-{}", std::process::id()))
    }

    #[test]
    fn finds_the_main_threads_panic_in_a_whole_stderr() {
        assert!(main_panicked(
            "x\nthread 'main' (7) panicked at src/main.rs:3:5:\nboom\n"
        ));
        assert!(!main_panicked(
            "thread '<unnamed>' (8) panicked at src/main.rs:3:5:\nboom\n"
        ));
        assert!(!main_panicked("the main thread panicked at noon\n"));
    }

    #[test]
    fn a_main_panic_in_pieces_then_silence_is_stuck() {
        let path = marker("stuck");
        let watch = PanicWatch::new(path.clone());
        watch.saw(b"some output\nthread 'main' (42) pan");
        watch.saw(b"icked at src/main.rs:9:9:\nboom on purpose\n");
        std::thread::sleep(QUIET * 3);
        assert!(path.is_file(), "no marker after the panic and silence");
        std::fs::remove_file(path).unwrap();
    }

    #[test]
    fn a_program_that_ends_or_panics_elsewhere_is_not_stuck() {
        let ended = marker("ended");
        let watch = PanicWatch::new(ended.clone());
        watch.saw(b"thread 'main' panicked at src/main.rs:1:1:\nx\n");
        watch.ended();
        let other = marker("other-thread");
        let watch = PanicWatch::new(other.clone());
        watch.saw(b"thread '<unnamed>' (7) panicked at src/main.rs:3:5:\nworker failed\n");
        std::thread::sleep(QUIET * 3);
        assert!(!ended.exists() && !other.exists());
    }
}
