//! Text a program printed, made safe to show on a terminal. Reports quote what ranks
//! wrote, and a terminal obeys the control characters in it: a carriage return or an
//! escape sequence (`\r\x1b[2K  ✓ rank 1  output matches`) can overwrite a line of the
//! report, clear the screen, move the cursor or set the window's title, so that a
//! failing rank would look like a pass to the learner or to an instructor grading.

use std::borrow::Cow;
use std::fmt::Write;

/// `text` with every control character but the newline and the tab shown as an escape
/// (`\r`, `\x1b`, `\x7f`, `\u{9b}`), so that it prints as the characters it holds and
/// cannot drive the terminal. Borrowed when there is nothing to escape, the usual case.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '\r' => out.push_str("\\r"),
            // C1 controls are characters beyond a byte: `\x9b` would read as one byte.
            '\u{80}'..='\u{9f}' => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c if is_unsafe(c) => {
                let _ = write!(out, "\\x{:02x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A character a terminal acts on instead of showing: the C0 controls (escape,
/// carriage return, bell, backspace, …), DEL and the C1 controls (U+0080 to U+009F,
/// where `\u{9b}` starts an escape sequence as `\x1b[` does). The newline and the tab
/// only lay text out, and programs print them on purpose.
fn is_unsafe(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_as_it_is() {
        let text = "rank 0 sent [0. 1.]\n\tdone ✓ é 日本\n";
        assert!(matches!(visible(text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn a_forged_pass_is_shown_as_the_characters_it_holds() {
        assert_eq!(
            visible("\r\x1b[2K  ✓ rank 1  output matches"),
            "\\r\\x1b[2K  ✓ rank 1  output matches"
        );
    }

    #[test]
    fn every_control_but_newline_and_tab_is_escaped() {
        assert_eq!(visible("a\x07b\x08c\x00d\x7fe"), "a\\x07b\\x08c\\x00d\\x7fe");
        assert_eq!(visible("\x1b]0;title\x07"), "\\x1b]0;title\\x07");
        assert_eq!(visible("\u{9b}2J\u{85}"), "\\u{9b}2J\\u{85}");
        assert_eq!(visible("\x0b\x0c"), "\\x0b\\x0c");
        assert_eq!(visible("a\tb\nc"), "a\tb\nc");
        // The characters next to the control ranges are left alone.
        assert_eq!(visible("~\u{a0}\u{7e}"), "~\u{a0}~");
    }

    #[test]
    fn nothing_escaped_can_reach_the_terminal() {
        let every: String = (0..=0xa0u32).filter_map(char::from_u32).collect();
        let shown = visible(&every);
        assert!(shown.chars().all(|c| !is_unsafe(c)), "{shown:?}");
    }
}
