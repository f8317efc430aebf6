//! Wall-clock timing for the performance chapters, where the Python course uses
//! `time.time()` and `timeit`.

use std::time::{Duration, Instant};

/// A stopwatch, the analogue of `t0 = time.time(); ...; time.time() - t0`.
///
/// ```
/// use hpckit::timer::Timer;
///
/// let timer = Timer::start();
/// let sum: u64 = (0..1_000u64).sum();
/// println!("sum = {sum} took {:?}", timer.elapsed());
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Timer {
    started: Instant,
}

impl Timer {
    /// Starts timing now.
    pub fn start() -> Timer {
        Timer {
            started: Instant::now(),
        }
    }

    /// Time since [`Timer::start`].
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }
}

/// Runs `f` `repeat` times and returns the fastest run, as `min(timeit.repeat(...))`
/// does: the minimum is the run least disturbed by the rest of the machine.
///
/// ```
/// use hpckit::timer::best_of;
///
/// let v: Vec<f64> = (0..10_000).map(f64::from).collect();
/// let best = best_of(5, || {
///     std::hint::black_box(v.iter().sum::<f64>());
/// });
/// println!("sum of 10k floats: {best:?}");
/// ```
///
/// # Panics
///
/// If `repeat` is 0: there would be no run to report.
pub fn best_of<F: FnMut()>(repeat: usize, mut f: F) -> Duration {
    assert!(repeat > 0, "best_of: repeat must be at least 1");
    (0..repeat)
        .map(|_| {
            let timer = Timer::start();
            f();
            timer.elapsed()
        })
        .min()
        .expect("repeat > 0")
}

#[cfg(test)]
mod tests {
    use super::{best_of, Timer};
    use std::time::Duration;

    #[test]
    fn best_of_runs_the_closure_repeat_times_and_keeps_the_fastest() {
        let mut runs = 0;
        let best = best_of(3, || {
            runs += 1;
            // Only the first run is slow, so the best must be faster than it.
            if runs == 1 {
                std::thread::sleep(Duration::from_millis(20));
            }
        });
        assert_eq!(runs, 3);
        assert!(best < Duration::from_millis(20), "{best:?}");
    }

    #[test]
    fn timer_measures_a_sleep() {
        let timer = Timer::start();
        std::thread::sleep(Duration::from_millis(5));
        assert!(timer.elapsed() >= Duration::from_millis(5));
    }

    #[test]
    #[should_panic(expected = "at least 1")]
    fn best_of_zero_runs_panics() {
        best_of(0, || {});
    }
}
