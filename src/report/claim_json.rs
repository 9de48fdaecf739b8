//! One claim of `extract` as JSON, written straight into the output.
//!
//! `extract` writes hundreds of thousands of claims, and with serde's pretty printer a fifth of
//! its time went to building each claim as a string of its own, splitting it into lines to indent
//! them, and escaping its strings a byte at a time. Here a claim is written by hand, at its depth,
//! and strings are searched for what needs escaping eight bytes at a time. The bytes are the same
//! as serde's (`report::json::claims` and `report::json_lines::claims` still use it, through the
//! `Serialize` impls of `claim`; the tests here compare the two).

use std::fmt::Write as _;

use crate::claim::{Claim, DateValue, Qualifier, Value};

/// How a claim is laid out.
#[derive(Debug, Clone, Copy)]
pub(super) enum Layout {
    /// serde_json's pretty layout (two-space indent) for an object whose opening brace stands at
    /// `depth` levels of indentation, as an item of `extract --format json`'s array does at 2.
    Pretty {
        /// Indentation levels of the object's own braces.
        depth: usize,
    },
    /// One line, no spaces, as `--format json-lines` writes it.
    Compact,
}

/// Appends `claim` from the source at `path` as one JSON object (no line break after it).
pub(super) fn claim_into(out: &mut Vec<u8>, claim: &Claim, path: &str, layout: Layout) {
    let depth = match layout {
        Layout::Pretty { depth } => depth,
        Layout::Compact => 0,
    };
    let mut object = Object::open(out, layout, depth);
    object.key("source");
    escape_into(object.out, path);
    object.key("field");
    optional_string(object.out, claim.field.as_deref());
    object.key("kind");
    escape_into(object.out, claim.kind.as_str());
    object.key("text");
    escape_into(object.out, &claim.text);
    object.key("value");
    value_into(object.out, &claim.value, layout, depth + 1);
    object.key("line");
    integer(object.out, claim.location.line);
    object.key("column");
    integer(object.out, claim.location.column);
    object.key("start");
    integer(object.out, claim.location.start);
    object.key("end");
    integer(object.out, claim.location.end);
    object.key("scope");
    optional_string(object.out, claim.scope.as_ref().map(|s| s.label.as_str()));
    object.key("sentence");
    escape_into(object.out, &claim.sentence);
    object.close();
}

/// A value as `claim::Value`'s `Serialize` gives it, its braces at `depth`.
fn value_into(out: &mut Vec<u8>, value: &Value, layout: Layout, depth: usize) {
    match value {
        Value::Quantity(q) => {
            let mut object = Object::open(out, layout, depth);
            object.key("min");
            number(object.out, q.logical.min);
            object.key("min_inclusive");
            boolean(object.out, q.logical.min_inclusive);
            object.key("max");
            number(object.out, q.logical.max);
            object.key("max_inclusive");
            boolean(object.out, q.logical.max_inclusive);
            object.key("approx");
            {
                let mut approx = Object::open(object.out, layout, depth + 1);
                approx.key("min");
                number(approx.out, q.approx.min);
                approx.key("max");
                number(approx.out, q.approx.max);
                approx.key("min_inclusive");
                boolean(approx.out, q.approx.min_inclusive);
                approx.key("max_inclusive");
                boolean(approx.out, q.approx.max_inclusive);
                approx.close();
            }
            object.key("unit");
            optional_string(object.out, q.unit.as_deref());
            object.key("figure");
            number(object.out, Some(q.figure));
            object.key("qualifier");
            escape_into(object.out, qualifier_name(q.qualifier));
            object.close();
        }
        Value::Date(DateValue::Single(day)) => escape_into(out, &day.iso()),
        Value::Date(DateValue::Range { start, end }) => {
            let mut object = Object::open(out, layout, depth);
            object.key("start");
            escape_into(object.out, &start.iso());
            object.key("end");
            escape_into(object.out, &end.iso());
            object.close();
        }
        Value::Name(name) => escape_into(out, name),
    }
}

/// A qualifier's name in JSON (its serde name, kebab-case).
fn qualifier_name(qualifier: Qualifier) -> &'static str {
    match qualifier {
        Qualifier::None => "none",
        Qualifier::About => "about",
        Qualifier::MoreThan => "more-than",
        Qualifier::AtLeast => "at-least",
        Qualifier::LessThan => "less-than",
        Qualifier::AtMost => "at-most",
        Qualifier::Nearly => "nearly",
        Qualifier::Range => "range",
        Qualifier::Unstated => "unstated",
    }
}

/// A bound or figure as `claim::serialize_number` writes it: an integer when it is one, else
/// through serde_json's own float formatting; no number (or no finite one) is `null`.
fn number(out: &mut Vec<u8>, value: Option<f64>) {
    match value {
        Some(v) if v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15 => {
            #[allow(clippy::cast_possible_truncation)]
            let mut digits = itoa::Buffer::new();
            out.extend_from_slice(digits.format(v as i64).as_bytes());
        }
        Some(v) if v.is_finite() => {
            if serde_json::to_writer(&mut *out, &v).is_err() {
                out.extend_from_slice(b"null");
            }
        }
        _ => out.extend_from_slice(b"null"),
    }
}

fn integer(out: &mut Vec<u8>, value: usize) {
    let mut digits = itoa::Buffer::new();
    out.extend_from_slice(digits.format(value).as_bytes());
}

fn boolean(out: &mut Vec<u8>, value: bool) {
    out.extend_from_slice(if value { b"true" } else { b"false" });
}

fn optional_string(out: &mut Vec<u8>, text: Option<&str>) {
    match text {
        Some(text) => escape_into(out, text),
        None => out.extend_from_slice(b"null"),
    }
}

/// An object being written, its braces at `depth` levels of indentation: its keys each after a
/// comma but the first, on lines of their own when pretty.
struct Object<'a> {
    out: &'a mut Vec<u8>,
    layout: Layout,
    depth: usize,
    first: bool,
}

/// Enough spaces for any depth a claim reaches (an object in the value of an array item).
const SPACES: &[u8; 32] = b"                                ";

impl<'a> Object<'a> {
    fn open(out: &'a mut Vec<u8>, layout: Layout, depth: usize) -> Object<'a> {
        out.push(b'{');
        Object { out, layout, depth, first: true }
    }

    /// Starts the entry `key`, which needs no escaping (the keys here are plain words).
    fn key(&mut self, key: &str) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        if matches!(self.layout, Layout::Pretty { .. }) {
            self.out.push(b'\n');
            indent(self.out, self.depth + 1);
        }
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(match self.layout {
            Layout::Pretty { .. } => b"\": ",
            Layout::Compact => b"\":",
        });
    }

    fn close(self) {
        if !self.first && matches!(self.layout, Layout::Pretty { .. }) {
            self.out.push(b'\n');
            indent(self.out, self.depth);
        }
        self.out.push(b'}');
    }
}

fn indent(out: &mut Vec<u8>, depth: usize) {
    let mut left = 2 * depth;
    while left > 0 {
        let now = left.min(SPACES.len());
        out.extend_from_slice(SPACES.get(..now).unwrap_or_default());
        left -= now;
    }
}

/// Appends `text` as a JSON string, escaped as serde_json escapes it: `"` and `\` with a
/// backslash, the control characters below U+0020 as `\b`, `\t`, `\n`, `\f`, `\r` or `\u00XX`
/// (lowercase hex), everything else as it is.
pub(super) fn escape_into(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    let mut rest = text.as_bytes();
    while let Some(at) = first_to_escape(rest) {
        out.extend_from_slice(rest.get(..at).unwrap_or_default());
        push_escape(out, rest.get(at).copied().unwrap_or_default());
        rest = rest.get(at + 1..).unwrap_or_default();
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

/// Where the first byte that needs escaping is. Most strings have none: eight bytes are tested
/// at once, as one integer, and the search goes byte by byte only within eight that have one.
fn first_to_escape(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::MAX / 0xFF;
    const HIGH: u64 = ONES * 0x80;
    // A byte of `x` is zero exactly when the borrow chain of `x - ONES` sets its high bit while
    // `x` had none there; the test of "any zero byte" this gives is exact (only which byte can
    // be misread, and that is found byte by byte below).
    let any_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH != 0;
    let mut start = 0;
    while let Some(chunk) = bytes.get(start..).and_then(<[u8]>::first_chunk::<8>) {
        let x = u64::from_le_bytes(*chunk);
        // Below 0x20 in the low seven bits and no high bit: a control character.
        let control = x.wrapping_sub(ONES * 0x20) & !x & HIGH != 0;
        if control || any_zero(x ^ (ONES * u64::from(b'"'))) || any_zero(x ^ (ONES * u64::from(b'\\'))) {
            break;
        }
        start += 8;
    }
    bytes.get(start..)?.iter().position(|&b| needs_escape(b)).map(|k| k + start)
}

fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

fn push_escape(out: &mut Vec<u8>, b: u8) {
    let short: &[u8] = match b {
        b'"' => b"\\\"",
        b'\\' => b"\\\\",
        0x08 => b"\\b",
        0x0C => b"\\f",
        b'\n' => b"\\n",
        b'\r' => b"\\r",
        b'\t' => b"\\t",
        _ => {
            let mut long = String::with_capacity(6);
            let _ = write!(long, "\\u{b:04x}");
            out.extend_from_slice(long.as_bytes());
            return;
        }
    };
    out.extend_from_slice(short);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::{Kind, Location, Value};

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut samples: Vec<String> = vec![
            String::new(),
            "plain".to_string(),
            "a \"quoted\" \\ path".to_string(),
            "exactly sixteen!".to_string(),
            "sixteen bytes + \"seventeenth\"".to_string(),
            "Jürgen Stock, Côte d’Ivoire \u{202e} \u{7f}".to_string(),
        ];
        // Every byte below 0x80 at every place in and around a sixteen-byte block.
        for b in 0u8..0x80 {
            for place in [0, 1, 15, 16, 17, 31, 32, 39] {
                let mut text = "x".repeat(40);
                text.replace_range(place..place + 1, &char::from(b).to_string());
                samples.push(text);
            }
        }
        for text in samples {
            let mut ours = Vec::new();
            escape_into(&mut ours, &text);
            let theirs = serde_json::to_string(&text).unwrap();
            assert_eq!(String::from_utf8(ours).unwrap(), theirs, "{text:?}");
        }
    }

    #[test]
    fn qualifier_names_are_serdes() {
        use Qualifier::*;
        for q in [None, About, MoreThan, AtLeast, LessThan, AtMost, Nearly, Range, Unstated] {
            assert_eq!(serde_json::to_string(&q).unwrap(), format!("\"{}\"", qualifier_name(q)));
        }
    }

    #[test]
    fn an_escaped_byte_is_no_longer_what_it_was() {
        // A check that the test above can fail: a quote must not pass through as it is.
        let mut out = Vec::new();
        escape_into(&mut out, "\"");
        assert_eq!(out, b"\"\\\"\"");
    }

    #[test]
    fn claims_are_the_bytes_serde_gives_in_both_layouts() {
        use crate::source::{Format, Role, Source};
        let text = "Police said more than 3,700 people were arrested on 3 March 2024 in Lyon. About 4.5 \
            million dollars, $2.1bn and 12% went missing between 20 and 30 May 2023; at least 7 boats, \
            up to 9 cars, 4 to 6 vans, nearly 1,000, fewer than 0.25 percent, no more than 1.5 \
            million and some 200 were seen from 3 to 5 March, in 2019 and in the 1990s.";
        let source = Source::from_bytes("a.txt", Role::Source, Format::Text, text.as_bytes()).unwrap();
        let rules = crate::rules::Rulebook::default_rules().unwrap();
        let quantity = crate::extract::Extractor::new(&rules).unwrap().extract(&source, 0);
        // The sentence above gives every shape of value: integers and fractions, a currency and
        // percent unit, open and closed bounds, dates and date ranges, each qualifier.
        assert_eq!(quantity.len(), 15, "{quantity:?}");
        let qualifiers: std::collections::BTreeSet<&str> = quantity
            .iter()
            .filter_map(|c| match &c.value {
                Value::Quantity(q) => Some(qualifier_name(q.qualifier)),
                _ => None,
            })
            .collect();
        assert_eq!(
            qualifiers.into_iter().collect::<Vec<_>>(),
            ["about", "at-least", "at-most", "less-than", "more-than", "nearly", "none", "range"]
        );
        assert!(quantity.iter().any(|c| matches!(&c.value, Value::Date(DateValue::Range { .. }))));
        assert!(quantity.iter().any(|c| matches!(&c.value, Value::Quantity(q) if q.figure.fract() != 0.0)));
        let named = Claim {
            source: 0,
            field: None,
            kind: Kind::Person,
            text: "Jürgen \"J\" Stock".to_string(),
            value: Value::Name("Jürgen \"J\" Stock\t".to_string()),
            location: Location { start: 1, end: 22, line: 3, column: 4 },
            sentence: "said\nJürgen \"J\" Stock\u{1}".into(),
            scope: Some(crate::claim::Scope {
                kind: crate::claim::ScopeKind::Place,
                label: "in \"Syria\"".to_string(),
            }),
            in_heading: false,
        };
        for claim in quantity.iter().chain([&named]) {
            let view = super::super::json::claim_view_in(claim, "dir/a \"b\".txt");
            let mut compact = Vec::new();
            claim_into(&mut compact, claim, "dir/a \"b\".txt", Layout::Compact);
            assert_eq!(String::from_utf8(compact).unwrap(), serde_json::to_string(&view).unwrap());
            for depth in [0, 2] {
                let mut pretty = Vec::new();
                claim_into(&mut pretty, claim, "dir/a \"b\".txt", Layout::Pretty { depth });
                let serde = serde_json::to_string_pretty(&view).unwrap();
                let indented: Vec<String> = serde
                    .lines()
                    .enumerate()
                    .map(
                        |(i, line)| {
                            if i == 0 {
                                line.to_string()
                            } else {
                                format!("{}{line}", "  ".repeat(depth))
                            }
                        },
                    )
                    .collect();
                assert_eq!(String::from_utf8(pretty).unwrap(), indented.join("\n"), "depth {depth}");
            }
        }
    }
}
