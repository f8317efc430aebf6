//! Reading the Python literals that `.npy` and `.dnpy` headers are made of: a
//! dictionary with string keys whose values are strings, integers, booleans, `None`,
//! tuples and dictionaries, as Python's `repr` writes them (`safe_eval` in DistArray).
//! Nothing else: no escapes in strings, no floats, no lists.

use std::fmt;

/// A Python literal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Literal {
    Str(String),
    Int(i64),
    Bool(bool),
    None,
    Tuple(Vec<Literal>),
    /// Keys in the order written.
    Dict(Vec<(String, Literal)>),
}

/// Where and why a text is not a literal of this kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParseError {
    at: usize,
    expected: &'static str,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected {} at character {}", self.expected, self.at)
    }
}

/// The literal that `text` holds, with nothing after it but spaces and newlines.
pub(crate) fn parse(text: &str) -> Result<Literal, ParseError> {
    let mut parser = Parser { text, at: 0 };
    let value = parser.value()?;
    parser.skip_space();
    if parser.at < text.len() {
        return Err(parser.error("the end of the literal"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    at: usize,
}

impl Parser<'_> {
    fn error(&self, expected: &'static str) -> ParseError {
        ParseError {
            at: self.at,
            expected,
        }
    }

    fn rest(&self) -> &str {
        &self.text[self.at..]
    }

    fn skip_space(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start().len();
    }

    /// Skips spaces, then `token` if it comes next.
    fn eat(&mut self, token: &str) -> bool {
        self.skip_space();
        let found = self.rest().starts_with(token);
        if found {
            self.at += token.len();
        }
        found
    }

    fn value(&mut self) -> Result<Literal, ParseError> {
        self.skip_space();
        for (word, value) in [
            ("True", Literal::Bool(true)),
            ("False", Literal::Bool(false)),
            ("None", Literal::None),
        ] {
            if self.eat(word) {
                return Ok(value);
            }
        }
        match self.rest().chars().next() {
            Some('\'' | '"') => self.string().map(Literal::Str),
            Some('(') => self.tuple(),
            Some('{') => self.dict(),
            Some('-' | '0'..='9') => self.int(),
            _ => Err(self.error("a value")),
        }
    }

    fn string(&mut self) -> Result<String, ParseError> {
        self.skip_space();
        let quote = match self.rest().chars().next() {
            Some(q @ ('\'' | '"')) => q,
            _ => return Err(self.error("a quoted string")),
        };
        let body = &self.rest()[1..];
        let end = body.find(quote).ok_or_else(|| self.error("a closing quote"))?;
        if body[..end].contains('\\') {
            return Err(self.error("a string without escapes"));
        }
        let text = body[..end].to_string();
        self.at += end + 2;
        Ok(text)
    }

    fn int(&mut self) -> Result<Literal, ParseError> {
        let rest = self.rest();
        let sign = usize::from(rest.starts_with('-'));
        let digits = rest[sign..].chars().take_while(char::is_ascii_digit).count();
        let value = rest[..sign + digits]
            .parse()
            .map_err(|_| self.error("an integer"))?;
        self.at += sign + digits;
        Ok(Literal::Int(value))
    }

    /// Items up to `close`, separated by commas, with an optional comma at the end.
    fn items<T>(
        &mut self,
        close: &str,
        mut item: impl FnMut(&mut Self) -> Result<T, ParseError>,
    ) -> Result<Vec<T>, ParseError> {
        let mut items = Vec::new();
        while !self.eat(close) {
            items.push(item(self)?);
            if !self.eat(",") && !self.rest().trim_start().starts_with(close) {
                return Err(self.error("a comma or a closing bracket"));
            }
        }
        Ok(items)
    }

    fn tuple(&mut self) -> Result<Literal, ParseError> {
        self.eat("(");
        self.items(")", Self::value).map(Literal::Tuple)
    }

    fn dict(&mut self) -> Result<Literal, ParseError> {
        self.eat("{");
        let entries = self.items("}", |p| {
            let key = p.string()?;
            if !p.eat(":") {
                return Err(p.error("a colon"));
            }
            Ok((key, p.value()?))
        })?;
        Ok(Literal::Dict(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::Literal::*;
    use super::*;

    #[test]
    fn a_dnpy_header_is_read() {
        let text = "{'__version__': '0.10.0', 'dim_data': ({'dist_type': 'b', 'size': 4, \
                    'stop': -1}, {'block_size': 2}), }   \n";
        let dims = Tuple(vec![
            Dict(vec![
                ("dist_type".into(), Str("b".into())),
                ("size".into(), Int(4)),
                ("stop".into(), Int(-1)),
            ]),
            Dict(vec![("block_size".into(), Int(2))]),
        ]);
        let expected = Dict(vec![
            ("__version__".into(), Str("0.10.0".into())),
            ("dim_data".into(), dims),
        ]);
        assert_eq!(parse(text), Ok(expected));
    }

    #[test]
    fn words_and_small_tuples() {
        assert_eq!(
            parse("(True, False, None, (7,), ())"),
            Ok(Tuple(vec![
                Bool(true),
                Bool(false),
                None,
                Tuple(vec![Int(7)]),
                Tuple(vec![])
            ]))
        );
        assert_eq!(parse("{\"a\": 1}"), Ok(Dict(vec![("a".into(), Int(1))])));
    }

    #[test]
    fn broken_text_says_where() {
        let error = |text| parse(text).unwrap_err().to_string();
        assert_eq!(error("{'a' 1}"), "expected a colon at character 5");
        assert_eq!(
            error("{'a': 1"),
            "expected a comma or a closing bracket at character 7"
        );
        assert_eq!(
            error("{'a': 1} x"),
            "expected the end of the literal at character 9"
        );
        assert_eq!(
            error("{'a': 1.5}"),
            "expected a comma or a closing bracket at character 7"
        );
        assert_eq!(
            error("('a\\'b')"),
            "expected a string without escapes at character 1"
        );
        assert_eq!(error("[1]"), "expected a value at character 0");
    }
}
