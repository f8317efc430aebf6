//! The keys `watch` obeys, read one at a time as they are pressed. In a terminal, raw
//! mode (crossterm) delivers each key at once and without echo; Ctrl-C then arrives as
//! a key instead of a signal, so it never reaches cargo in the middle of a build, and
//! `watch` stops the run itself. From a pipe (the tests, a script), every byte is a key.

use super::Event;
use anyhow::{Context, Result};
use crossterm::event::{self, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::terminal;
use std::io::{IsTerminal, Read};
use std::sync::mpsc::Sender;

/// A key that means something to `watch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A character, lower-cased: `H` asks for a hint as `h` does.
    Char(char),
    Enter,
    /// Ctrl-C.
    Interrupt,
}

/// The terminal in raw mode while this lives: dropping it restores the terminal as it
/// was, on every way out of `watch`, an error or a panic included.
pub struct Terminal {
    raw: bool,
}

impl Drop for Terminal {
    fn drop(&mut self) {
        if self.raw {
            let _ = terminal::disable_raw_mode();
        }
    }
}

/// Starts sending every key pressed to `events`, on a thread of its own, and returns
/// the guard of the terminal's mode.
pub fn start(events: Sender<Event>) -> Result<Terminal> {
    if !std::io::stdin().is_terminal() {
        std::thread::spawn(move || read_bytes(&events));
        return Ok(Terminal { raw: false });
    }
    terminal::enable_raw_mode().context("putting the terminal in raw mode to read keys")?;
    // From here on the guard restores the terminal, whatever fails next.
    let guard = Terminal { raw: true };
    keep_newlines().context("setting up the terminal's output")?;
    std::thread::spawn(move || read_keys(&events));
    Ok(guard)
}

/// Raw mode also stops the terminal from turning "\n" into "\r\n", and reports are
/// printed with plain newlines: turn output processing back on.
fn keep_newlines() -> std::io::Result<()> {
    use rustix::termios::{tcgetattr, tcsetattr, OptionalActions, OutputModes};
    let stdin = std::io::stdin();
    let mut modes = tcgetattr(&stdin)?;
    modes.output_modes.insert(OutputModes::OPOST);
    tcsetattr(&stdin, OptionalActions::Now, &modes)?;
    Ok(())
}

/// Reads the terminal's key presses until it fails (it was closed).
fn read_keys(events: &Sender<Event>) {
    while let Ok(read) = event::read() {
        let event::Event::Key(pressed) = read else {
            continue;
        };
        if let Some(key) = key_of(pressed) {
            if events.send(Event::Key(key)).is_err() {
                return;
            }
        }
    }
}

fn key_of(pressed: KeyEvent) -> Option<Key> {
    if pressed.kind != KeyEventKind::Press {
        return None;
    }
    match pressed.code {
        KeyCode::Char('c') if pressed.modifiers.contains(KeyModifiers::CONTROL) => Some(Key::Interrupt),
        KeyCode::Char(c) => Some(Key::Char(c.to_ascii_lowercase())),
        KeyCode::Enter => Some(Key::Enter),
        _ => None,
    }
}

/// Reads bytes from a piped stdin until it ends, each one a key.
fn read_bytes(events: &Sender<Event>) {
    let mut stdin = std::io::stdin().lock();
    let mut byte = [0u8; 1];
    while let Ok(1) = stdin.read(&mut byte) {
        if events.send(Event::Key(key_of_byte(byte[0]))).is_err() {
            return;
        }
    }
}

fn key_of_byte(byte: u8) -> Key {
    match byte {
        // What Ctrl-C types, as a terminal in raw mode passes it on.
        0x03 => Key::Interrupt,
        b'\n' | b'\r' => Key::Enter,
        byte => Key::Char(char::from(byte).to_ascii_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_read_alike_from_a_terminal_and_a_pipe() {
        let pressed = |code, modifiers| key_of(KeyEvent::new(code, modifiers));
        let ctrl = KeyModifiers::CONTROL;
        assert_eq!(pressed(KeyCode::Char('c'), ctrl), Some(Key::Interrupt));
        assert_eq!(key_of_byte(0x03), Key::Interrupt);
        assert_eq!(
            pressed(KeyCode::Char('Q'), KeyModifiers::SHIFT),
            Some(Key::Char('q'))
        );
        assert_eq!(key_of_byte(b'Q'), Key::Char('q'));
        assert_eq!(
            pressed(KeyCode::Char('c'), KeyModifiers::NONE),
            Some(Key::Char('c'))
        );
        assert_eq!(pressed(KeyCode::Enter, KeyModifiers::NONE), Some(Key::Enter));
        assert_eq!(key_of_byte(b'\r'), Key::Enter);
        assert_eq!(pressed(KeyCode::Up, KeyModifiers::NONE), None);
    }
}
