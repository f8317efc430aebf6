//! Being asked to stop: Ctrl-C (SIGINT), a closed terminal (SIGHUP), `timeout` or a
//! cancelled CI job (SIGTERM). The verbs that launch programs install one handler for
//! all three, for their whole life; it only records the signal. A run in progress sees
//! it within milliseconds and stops every process of the run (see `session`); `grade`,
//! `dev check` and `watch` see it between exercises and stop as a whole.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

/// The signals that ask the runner to stop.
const STOPPING: [i32; 3] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];

/// The last stopping signal received (0: none), shared with the handlers.
fn received() -> &'static Arc<AtomicUsize> {
    static RECEIVED: OnceLock<Arc<AtomicUsize>> = OnceLock::new();
    RECEIVED.get_or_init(|| Arc::new(AtomicUsize::new(0)))
}

/// Installs the handlers (once per process; later calls do nothing). From then on the
/// signals no longer end the runner by themselves: whoever installs them must look at
/// [`requested`] wherever it waits.
pub fn install() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        for signal in STOPPING {
            // Registering a flag store cannot fail for these signals: they are not
            // among the ones signal-hook forbids (SIGKILL, SIGSTOP, SIGILL, SIGFPE, SIGSEGV).
            let _ = signal_hook::flag::register_usize(signal, received().clone(), signal as usize);
        }
    });
}

/// The signal that asked the runner to stop, if one did.
pub fn requested() -> Option<i32> {
    match received().load(Ordering::SeqCst) {
        0 => None,
        signal => i32::try_from(signal).ok(),
    }
}

/// Asks to stop as if `signal` had been received: `watch` reads Ctrl-C as a key in the
/// terminal's raw mode, where it sends no signal.
pub fn request(signal: i32) {
    received().store(signal as usize, Ordering::SeqCst);
}

/// What the signal was, as the rest of a sentence: "when you pressed Ctrl-C".
pub fn when(signal: i32) -> &'static str {
    match signal {
        libc::SIGINT => "when you pressed Ctrl-C",
        libc::SIGHUP => "when its terminal closed (SIGHUP)",
        _ => "when the runner was told to stop (SIGTERM)",
    }
}

/// The signal's name, for a summary line.
pub fn name(signal: i32) -> &'static str {
    match signal {
        libc::SIGINT => "Ctrl-C",
        libc::SIGHUP => "SIGHUP",
        _ => "SIGTERM",
    }
}
