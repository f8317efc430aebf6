//! Brackets, line wrapping and `...` summaries: a port of NumPy's `_formatArray`,
//! `_extendLine` and `_leading_trailing` for `str()` (separator `' '`, no prefix).

use ndarray::{ArrayD, ArrayViewD, Axis, Dimension, IxDyn};

/// NumPy's default `linewidth`: no line is longer than this.
const LINE_WIDTH: usize = 75;
/// NumPy's default `threshold`: bigger arrays are summarised with `...`.
const THRESHOLD: usize = 1000;
/// NumPy's default `edgeitems`: how many items a summary keeps at each end of an axis.
const EDGE_ITEMS: usize = 3;

/// Whether NumPy would summarise `a` rather than print all of it.
fn summarised<A>(a: &ArrayViewD<'_, A>) -> bool {
    a.len() > THRESHOLD
}

/// The indices a summary keeps along an axis of length `len`: its edges, or all of
/// them if the axis is short.
fn kept_indices(len: usize) -> Vec<usize> {
    if len > 2 * EDGE_ITEMS {
        (0..EDGE_ITEMS).chain(len - EDGE_ITEMS..len).collect()
    } else {
        (0..len).collect()
    }
}

/// The elements that will be printed. NumPy sizes its formatters (widths, number
/// of decimals, scientific or not) on these only, so a summarised array is
/// formatted from its corners, not from all its values.
pub(super) fn shown_elements<A: Copy>(a: &ArrayViewD<'_, A>) -> Vec<A> {
    if !summarised(a) {
        return a.iter().copied().collect();
    }
    // Gather the corners by index rather than copying the (big) array.
    let kept: Vec<Vec<usize>> = a.shape().iter().map(|&len| kept_indices(len)).collect();
    let kept_shape: Vec<usize> = kept.iter().map(Vec::len).collect();
    let corners = ArrayD::from_shape_fn(IxDyn(&kept_shape), |at| {
        let index: Vec<usize> = at.slice().iter().zip(&kept).map(|(&i, kept)| kept[i]).collect();
        a[index.as_slice()]
    });
    corners.into_iter().collect()
}

/// The text of a non-empty array of at least one dimension, each element written
/// by `format`.
pub(super) fn format_array<A: Copy>(a: &ArrayViewD<'_, A>, format: &dyn Fn(A) -> String) -> String {
    let printer = Printer {
        a,
        format,
        summarise: summarised(a),
    };
    // The first line starts after "[", so continuation lines are indented by one.
    printer.nested(&mut Vec::new(), " ", LINE_WIDTH)
}

struct Printer<'p, 'a, A> {
    a: &'p ArrayViewD<'a, A>,
    format: &'p dyn Fn(A) -> String,
    summarise: bool,
}

impl<A: Copy> Printer<'_, '_, A> {
    /// The text of the sub-array at `index` (NumPy's `recurser`): `indent` is what
    /// continuation lines start with, `width` the room left before the closing
    /// brackets of the enclosing axes.
    fn nested(&self, index: &mut Vec<usize>, indent: &str, width: usize) -> String {
        let axis = index.len();
        if axis == self.a.ndim() {
            return (self.format)(self.a[index.as_slice()]);
        }
        // Inner axes are one "[" further in and one "]" shorter.
        let inner_indent = format!("{indent} ");
        let inner_width = width.saturating_sub(1);
        let len = self.a.len_of(Axis(axis));
        // Indices of the sub-arrays to print, `None` standing for the "..." of a
        // summary.
        let items: Vec<Option<usize>> = if self.summarise && len > 2 * EDGE_ITEMS {
            let (head, tail) = (0..EDGE_ITEMS, len - EDGE_ITEMS..len);
            head.map(Some).chain([None]).chain(tail.map(Some)).collect()
        } else {
            (0..len).map(Some).collect()
        };
        let mut item_text = |item: Option<usize>| match item {
            None => "...".to_string(),
            Some(i) => {
                index.push(i);
                let text = self.nested(index, &inner_indent, inner_width);
                index.pop();
                text
            }
        };

        let mut s = String::new();
        if axis + 1 == self.a.ndim() {
            // Innermost axis: elements separated by spaces, wrapped to the width
            // left once the closing "]" is accounted for.
            let elem_width = width.saturating_sub(1);
            let mut line = indent.to_string();
            for (k, &item) in items.iter().enumerate() {
                if k > 0 {
                    line.push(' ');
                }
                extend_line(&mut s, &mut line, &item_text(item), elem_width, indent);
            }
            s.push_str(&line);
        } else {
            // Outer axes: one sub-array per line, with a blank line more between
            // blocks for every further dimension (2-D blocks of a 3-D array are
            // separated by one blank line).
            let line_sep = "\n".repeat(self.a.ndim() - axis - 1);
            for (k, &item) in items.iter().enumerate() {
                if k > 0 {
                    s.push_str(&line_sep);
                }
                s.push_str(indent);
                s.push_str(&item_text(item));
            }
        }
        // The first line's indent is replaced by the opening bracket.
        format!("[{}]", &s[indent.len()..])
    }
}

/// Adds `word` to `line`, first moving `line` to `s` and starting a new line with
/// `indent` if the word would end past `width` (NumPy's `_extendLine`). A line
/// holding only its indent is never wrapped, as that would not help.
fn extend_line(s: &mut String, line: &mut String, word: &str, width: usize, indent: &str) {
    let line_len = line.chars().count();
    if line_len + word.chars().count() > width && line_len > indent.chars().count() {
        s.push_str(line.trim_end());
        s.push('\n');
        *line = indent.to_string();
    }
    line.push_str(word);
}
