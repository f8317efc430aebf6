//! Colour as an explicit choice. Reports are rendered with a [`Paint`] passed in, not
//! with a process-wide switch: a test renders plain text with [`Paint::PLAIN`] without
//! touching anything global, and the command line paints what goes to a terminal.

use colored::Colorize;

/// Whether, and how, to colour the text of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paint {
    color: bool,
}

impl Paint {
    /// No colour at all.
    pub const PLAIN: Paint = Paint { color: false };

    /// Colour where stdout takes it: a terminal, unless NO_COLOR says otherwise or
    /// CLICOLOR_FORCE insists (`colored`'s rules, as main sets them up).
    pub fn for_stdout() -> Paint {
        Paint {
            color: colored::control::SHOULD_COLORIZE.should_colorize(),
        }
    }

    pub fn red(self, text: &str) -> String {
        self.apply(text, |t| t.red().to_string())
    }

    pub fn green(self, text: &str) -> String {
        self.apply(text, |t| t.green().to_string())
    }

    pub fn bold(self, text: &str) -> String {
        self.apply(text, |t| t.bold().to_string())
    }

    pub fn dimmed(self, text: &str) -> String {
        self.apply(text, |t| t.dimmed().to_string())
    }

    fn apply(self, text: &str, style: impl Fn(&str) -> String) -> String {
        if self.color {
            style(text)
        } else {
            text.to_string()
        }
    }
}
