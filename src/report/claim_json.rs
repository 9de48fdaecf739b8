//! Claims and `check` reports as JSON, written straight into the output.
//!
//! `extract` writes hundreds of thousands of claims, and a `check` report of 10,000 sources
//! shows each claim of each finding with its sentence (120 MB of JSON). With serde's pretty
//! printer a fifth of `extract`'s time went to building each claim as a string of its own,
//! splitting it into lines to indent them, and escaping its strings a byte at a time; a JSON
//! report took a second more than the table. Here they are written by hand, at their depth, and
//! strings are searched for what needs escaping eight bytes at a time. The bytes are the same
//! as serde's (`report::json::claims`, `report::json::report_by_serde` and their JSON-lines
//! counterparts still use it, through the `Serialize` views; the tests compare the two).

use std::fmt::Write as _;

use super::{Report, SourceInfo, Summary};
use crate::claim::{Claim, DateValue, PartialDate, Qualifier, Value};
use crate::finding::Finding;

/// A key as the pretty layout writes it, quoted and followed by `": "` (the compact layout
/// leaves out the space): `key!("line")` is `"line": `, one copy into the output instead of
/// four.
macro_rules! key {
    ($name:literal) => {
        concat!("\"", $name, "\": ")
    };
}

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
#[cfg(test)]
pub(super) fn claim_into(out: &mut Vec<u8>, claim: &Claim, path: &str, layout: Layout) {
    let leads = ClaimLeads::new(layout);
    claim_with(out, claim, &leads.head(path), &leads);
}

/// The bytes that lead each entry of a claim in one layout and at one depth (comma, line break,
/// indentation and quoted key as one piece), made once for all the claims a run writes: a claim
/// is then a copy of each lead followed by its value, where writing every separator, indent and
/// key on its own cost a fifth of rendering.
#[derive(Debug)]
pub(super) struct ClaimLeads {
    source: Vec<u8>,
    field: Vec<u8>,
    kind: Vec<u8>,
    text: Vec<u8>,
    value: Vec<u8>,
    line: Vec<u8>,
    column: Vec<u8>,
    start: Vec<u8>,
    end: Vec<u8>,
    scope: Vec<u8>,
    sentence: Vec<u8>,
    close: Vec<u8>,
    values: ValueLeads,
}

impl ClaimLeads {
    /// The leads of a claim object laid out as `layout` says.
    pub(super) fn new(layout: Layout) -> ClaimLeads {
        let depth = match layout {
            Layout::Pretty { depth } => depth,
            Layout::Compact => 0,
        };
        let next = |key: &str| lead(layout, depth, false, key);
        ClaimLeads {
            source: lead(layout, depth, true, key!("source")),
            field: next(key!("field")),
            kind: next(key!("kind")),
            text: next(key!("text")),
            value: next(key!("value")),
            line: next(key!("line")),
            column: next(key!("column")),
            start: next(key!("start")),
            end: next(key!("end")),
            scope: next(key!("scope")),
            sentence: next(key!("sentence")),
            close: close_of(layout, depth),
            values: ValueLeads::new(layout, depth + 1),
        }
    }

    /// What every claim of the source at `path` begins with, up to the value of its field:
    /// the opening, the source's path and the field's key. Made once per source, where
    /// escaping the path again for each claim read it once per claim.
    pub(super) fn head(&self, path: &str) -> Vec<u8> {
        let mut head = Vec::with_capacity(self.source.len() + path.len() + 2 + self.field.len());
        head.extend_from_slice(&self.source);
        escape_into(&mut head, path);
        head.extend_from_slice(&self.field);
        head
    }
}

/// The leads of a claim's value object (a quantity or a date range) whose braces stand at one
/// depth: see [`ClaimLeads`].
#[derive(Debug)]
struct ValueLeads {
    min: Vec<u8>,
    min_inclusive: Vec<u8>,
    max: Vec<u8>,
    max_inclusive: Vec<u8>,
    approx: Vec<u8>,
    approx_min: Vec<u8>,
    approx_max: Vec<u8>,
    approx_min_inclusive: Vec<u8>,
    approx_max_inclusive: Vec<u8>,
    approx_close: Vec<u8>,
    unit: Vec<u8>,
    figure: Vec<u8>,
    qualifier: Vec<u8>,
    range_start: Vec<u8>,
    range_end: Vec<u8>,
    close: Vec<u8>,
}

impl ValueLeads {
    fn new(layout: Layout, depth: usize) -> ValueLeads {
        let next = |key: &str| lead(layout, depth, false, key);
        let inner = |key: &str| lead(layout, depth + 1, false, key);
        ValueLeads {
            min: lead(layout, depth, true, key!("min")),
            min_inclusive: next(key!("min_inclusive")),
            max: next(key!("max")),
            max_inclusive: next(key!("max_inclusive")),
            approx: next(key!("approx")),
            approx_min: lead(layout, depth + 1, true, key!("min")),
            approx_max: inner(key!("max")),
            approx_min_inclusive: inner(key!("min_inclusive")),
            approx_max_inclusive: inner(key!("max_inclusive")),
            approx_close: close_of(layout, depth + 1),
            unit: next(key!("unit")),
            figure: next(key!("figure")),
            qualifier: next(key!("qualifier")),
            range_start: lead(layout, depth, true, key!("start")),
            range_end: next(key!("end")),
            close: close_of(layout, depth),
        }
    }
}

/// What [`Object`] writes before the value of `key` at `depth`: the opening brace too when the
/// entry is the object's `first`.
fn lead(layout: Layout, depth: usize, first: bool, key: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut object = if first {
        Object::open(&mut out, layout, depth)
    } else {
        Object { out: &mut out, layout, depth, first: false }
    };
    object.key(key);
    out
}

/// What [`Object::close`] writes after the last entry of an object at `depth`.
fn close_of(layout: Layout, depth: usize) -> Vec<u8> {
    let mut out = Vec::new();
    Object { out: &mut out, layout, depth, first: false }.close();
    out
}

/// Appends `claim` as one JSON object laid out by `leads` (no line break after it); `head` is
/// [`ClaimLeads::head`] of its source's path.
pub(super) fn claim_with(out: &mut Vec<u8>, claim: &Claim, head: &[u8], leads: &ClaimLeads) {
    out.extend_from_slice(head);
    optional_string(out, claim.field.as_deref());
    out.extend_from_slice(&leads.kind);
    plain_string(out, claim.kind.as_str());
    out.extend_from_slice(&leads.text);
    escape_into(out, &claim.text);
    out.extend_from_slice(&leads.value);
    value_with(out, &claim.value, &leads.values);
    out.extend_from_slice(&leads.line);
    integer(out, claim.location.line);
    out.extend_from_slice(&leads.column);
    integer(out, claim.location.column);
    out.extend_from_slice(&leads.start);
    integer(out, claim.location.start);
    out.extend_from_slice(&leads.end);
    integer(out, claim.location.end);
    out.extend_from_slice(&leads.scope);
    optional_string(out, claim.scope.as_ref().map(|s| s.label.as_str()));
    out.extend_from_slice(&leads.sentence);
    escape_into(out, &claim.sentence);
    out.extend_from_slice(&leads.close);
}

/// Appends a claim's value laid out by `leads`.
fn value_with(out: &mut Vec<u8>, value: &Value, leads: &ValueLeads) {
    match value {
        Value::Quantity(q) => {
            out.extend_from_slice(&leads.min);
            number(out, q.logical.min);
            out.extend_from_slice(&leads.min_inclusive);
            boolean(out, q.logical.min_inclusive);
            out.extend_from_slice(&leads.max);
            number(out, q.logical.max);
            out.extend_from_slice(&leads.max_inclusive);
            boolean(out, q.logical.max_inclusive);
            out.extend_from_slice(&leads.approx);
            out.extend_from_slice(&leads.approx_min);
            number(out, q.approx.min);
            out.extend_from_slice(&leads.approx_max);
            number(out, q.approx.max);
            out.extend_from_slice(&leads.approx_min_inclusive);
            boolean(out, q.approx.min_inclusive);
            out.extend_from_slice(&leads.approx_max_inclusive);
            boolean(out, q.approx.max_inclusive);
            out.extend_from_slice(&leads.approx_close);
            out.extend_from_slice(&leads.unit);
            optional_string(out, q.unit.as_deref());
            out.extend_from_slice(&leads.figure);
            number(out, Some(q.figure));
            out.extend_from_slice(&leads.qualifier);
            plain_string(out, qualifier_name(q.qualifier));
            out.extend_from_slice(&leads.close);
        }
        Value::Date(DateValue::Single(day)) => iso_date(out, day),
        Value::Date(DateValue::Range { start, end }) => {
            out.extend_from_slice(&leads.range_start);
            iso_date(out, start);
            out.extend_from_slice(&leads.range_end);
            iso_date(out, end);
            out.extend_from_slice(&leads.close);
        }
        Value::Name(name) => escape_into(out, name),
    }
}

/// The `check` report (version 1) in the pretty layout, line break included.
pub(super) fn report_into(out: &mut Vec<u8>, report: &Report) {
    // Writing into a vector cannot fail.
    let _ = write_report(out, report, Layout::Pretty { depth: 0 });
}

/// The `check` report as JSON lines: a `finding` line per finding, then a `summary` line.
pub(super) fn report_lines_into(out: &mut Vec<u8>, report: &Report) {
    let _ = write_report(out, report, Layout::Compact);
}

/// Writes the `check` report to `out`, pretty as [`report_into`] or compact as
/// [`report_lines_into`], a piece at a time: a report of 10,000 sources is 120 MB of JSON, and it
/// is never held whole in memory beside the findings.
///
/// # Errors
///
/// When `out` refuses a write.
pub(super) fn write_report(
    out: &mut dyn std::io::Write,
    report: &Report,
    layout: Layout,
) -> std::io::Result<()> {
    /// Written out whenever the text made reaches this size.
    const PIECE: usize = 1 << 16;
    let mut buffer: Vec<u8> = Vec::with_capacity(PIECE + 4096);
    // A finding of 10,000 sources is megabytes by itself: it is written out as it grows too.
    let mut spill = |text: &mut Vec<u8>| -> std::io::Result<()> {
        if text.len() >= PIECE {
            out.write_all(text)?;
            text.clear();
        }
        Ok(())
    };
    let pretty = matches!(layout, Layout::Pretty { .. });
    if pretty {
        // The opening of the report object and its first entries, as `Object` writes them.
        buffer.extend_from_slice(b"{\n  \"version\": 1,\n  \"sources\": ");
        let mut sources = Array::open(&mut buffer, layout, 1);
        for source in &report.sources {
            sources.item();
            let mut view = Object::open(sources.out, layout, 2);
            view.string(key!("path"), &source.path);
            view.string(key!("role"), source.role.as_str());
            view.close();
        }
        sources.close();
        buffer.extend_from_slice(b",\n  \"findings\": [");
    }
    for (k, finding) in report.findings.iter().enumerate() {
        if pretty {
            buffer.extend_from_slice(if k == 0 { b"\n    " } else { b",\n    " });
            let mut view = Object::open(&mut buffer, layout, 2);
            finding_fields(&mut view, finding, &report.sources, &mut spill)?;
            view.close();
        } else {
            let mut line = Object::open(&mut buffer, layout, 0);
            line.string(key!("type"), "finding");
            finding_fields(&mut line, finding, &report.sources, &mut spill)?;
            line.close();
            buffer.push(b'\n');
        }
        spill(&mut buffer)?;
    }
    if pretty {
        buffer.extend_from_slice(if report.findings.is_empty() { b"]" } else { b"\n  ]" });
        buffer.extend_from_slice(b",\n  \"summary\": ");
        let mut summary = Object::open(&mut buffer, layout, 1);
        summary_fields(&mut summary, &report.summary());
        summary.close();
        buffer.extend_from_slice(b"\n}\n");
    } else {
        let mut line = Object::open(&mut buffer, layout, 0);
        line.string(key!("type"), "summary");
        summary_fields(&mut line, &report.summary());
        line.close();
        buffer.push(b'\n');
    }
    out.write_all(&buffer)
}

/// The entries of one finding, in the order of `report::json::FindingView`.
/// `spill` is handed the text made so far after each claim, to write out when it has grown.
fn finding_fields(
    object: &mut Object<'_>,
    finding: &Finding,
    sources: &[SourceInfo],
    spill: &mut dyn FnMut(&mut Vec<u8>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let path = |index: usize| sources.get(index).map_or("", |s| s.path.as_str());
    let (layout, depth) = (object.layout, object.depth);
    object.string(key!("field"), &finding.field);
    object.string(key!("label"), &finding.label);
    object.string(key!("verdict"), finding.verdict.as_str());
    object.string(key!("severity"), finding.severity.as_str());
    object.string(key!("code"), finding.code.as_str());
    object.string(key!("message"), &finding.message);
    object.boolean(key!("rounded"), finding.rounded);
    object.optional(key!("scope"), finding.scope.as_ref().map(|s| s.label.as_str()));
    object.key(key!("outliers"));
    {
        let mut outliers = Array::open(object.out, layout, depth + 1);
        for &index in &finding.outliers {
            outliers.item();
            escape_into(outliers.out, path(index));
        }
        outliers.close();
    }
    object.optional(key!("internal_source"), finding.internal_source.map(path));
    object.optional(key!("draft"), finding.draft.map(path));
    object.key(key!("claims"));
    // A mark per claim: searching the primaries for every claim costs sources × claims.
    let mut primary = vec![false; finding.claims.len()];
    for &i in finding.primary.iter().flatten() {
        if let Some(mark) = primary.get_mut(i) {
            *mark = true;
        }
    }
    let value_leads = ValueLeads::new(layout, depth + 3);
    let mut claims = Array::open(object.out, layout, depth + 1);
    for (claim, is_primary) in finding.claims.iter().zip(primary) {
        claims.item();
        let mut view = Object::open(claims.out, layout, depth + 2);
        view.string(key!("source"), path(claim.source));
        view.string(key!("text"), &claim.text);
        view.key(key!("value"));
        value_with(view.out, &claim.value, &value_leads);
        view.integer(key!("line"), claim.location.line);
        view.integer(key!("column"), claim.location.column);
        view.optional(key!("scope"), claim.scope.as_ref().map(|s| s.label.as_str()));
        view.boolean(key!("primary"), is_primary);
        view.string(key!("sentence"), &claim.sentence);
        view.close();
        spill(claims.out)?;
    }
    claims.close();
    Ok(())
}

/// The entries of the summary, in the order of [`Summary`]'s fields.
fn summary_fields(object: &mut Object<'_>, summary: &Summary) {
    for (key, count) in [
        (key!("sources"), summary.sources),
        (key!("fields"), summary.fields),
        (key!("conflicts"), summary.conflicts),
        (key!("agreements"), summary.agreements),
        (key!("gaps"), summary.gaps),
        (key!("unsupported"), summary.unsupported),
        (key!("suppressed"), summary.suppressed),
        (key!("baselined"), summary.baselined),
        (key!("suppression_problems"), summary.suppression_problems),
    ] {
        object.integer(key, count);
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

/// Appends a date as the JSON string of its [`PartialDate::iso`] text, which needs no escaping.
fn iso_date(out: &mut Vec<u8>, date: &PartialDate) {
    out.push(b'"');
    out.extend_from_slice(date.iso_text().as_str().as_bytes());
    out.push(b'"');
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

    /// Starts an entry: `key` is its key quoted, with `": "` after it ([`key!`]).
    fn key(&mut self, key: &str) {
        start_member(self.out, self.layout, self.depth, &mut self.first);
        let key = match self.layout {
            Layout::Pretty { .. } => key,
            Layout::Compact => key.strip_suffix(' ').unwrap_or(key),
        };
        self.out.extend_from_slice(key.as_bytes());
    }

    /// The entry `key` with a string value.
    fn string(&mut self, key: &str, text: &str) {
        self.key(key);
        escape_into(self.out, text);
    }

    /// The entry `key` with a string value or `null`.
    fn optional(&mut self, key: &str, text: Option<&str>) {
        self.key(key);
        optional_string(self.out, text);
    }

    /// The entry `key` with a whole number.
    fn integer(&mut self, key: &str, value: usize) {
        self.key(key);
        integer(self.out, value);
    }

    /// The entry `key` with `true` or `false`.
    fn boolean(&mut self, key: &str, value: bool) {
        self.key(key);
        boolean(self.out, value);
    }

    fn close(self) {
        if !self.first && matches!(self.layout, Layout::Pretty { .. }) {
            self.out.push(b'\n');
            indent(self.out, self.depth);
        }
        self.out.push(b'}');
    }
}

/// An array being written, its brackets at `depth`: like [`Object`], items instead of keys.
struct Array<'a> {
    out: &'a mut Vec<u8>,
    layout: Layout,
    depth: usize,
    first: bool,
}

impl<'a> Array<'a> {
    fn open(out: &'a mut Vec<u8>, layout: Layout, depth: usize) -> Array<'a> {
        out.push(b'[');
        Array { out, layout, depth, first: true }
    }

    /// Starts the next item.
    fn item(&mut self) {
        start_member(self.out, self.layout, self.depth, &mut self.first);
    }

    fn close(self) {
        if !self.first && matches!(self.layout, Layout::Pretty { .. }) {
            self.out.push(b'\n');
            indent(self.out, self.depth);
        }
        self.out.push(b']');
    }
}

/// What stands before a member of an object or array at `depth`: a comma after the first, and
/// in the pretty layout a line break and the member's indent.
fn start_member(out: &mut Vec<u8>, layout: Layout, depth: usize, first: &mut bool) {
    /// A comma, a line break and the deepest indent a member needs here, to be cut to size.
    const BREAK: &[u8; 34] = b",\n                                ";
    let comma = !*first;
    *first = false;
    match layout {
        Layout::Pretty { .. } => match BREAK.get(usize::from(!comma)..2 + 2 * (depth + 1)) {
            Some(lead) => out.extend_from_slice(lead),
            None => {
                out.extend_from_slice(if comma { b",\n" } else { b"\n" });
                indent(out, depth + 1);
            }
        },
        Layout::Compact if comma => out.push(b','),
        Layout::Compact => {}
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

/// Appends one of the names the tool itself gives (a kind, a qualifier) as a JSON string: they
/// are lowercase ASCII letters and hyphens, which need no escaping (a test holds them to it).
fn plain_string(out: &mut Vec<u8>, name: &'static str) {
    out.push(b'"');
    out.extend_from_slice(name.as_bytes());
    out.push(b'"');
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
/// at once, as one integer (the last few padded with spaces, which need none), and the search
/// goes byte by byte only within eight that have one.
fn first_to_escape(bytes: &[u8]) -> Option<usize> {
    use crate::text::{HIGH, ONES};
    // A byte of `x` is zero exactly when the borrow chain of `x - ONES` sets its high bit while
    // `x` had none there; the test of "any zero byte" this gives is exact (only which byte can
    // be misread, and that is found byte by byte below).
    let any_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH != 0;
    // Below 0x20 in the low seven bits and no high bit: a control character.
    let has_one = |x: u64| {
        x.wrapping_sub(ONES * 0x20) & !x & HIGH != 0
            || any_zero(x ^ (ONES * u64::from(b'"')))
            || any_zero(x ^ (ONES * u64::from(b'\\')))
    };
    let mut start = 0;
    while let Some(chunk) = bytes.get(start..).and_then(<[u8]>::first_chunk::<8>) {
        if has_one(u64::from_le_bytes(*chunk)) {
            break;
        }
        start += 8;
    }
    let rest = bytes.get(start..)?;
    if rest.len() < 8 {
        let mut block = [b' '; 8];
        if let Some(slots) = block.get_mut(..rest.len()) {
            slots.copy_from_slice(rest);
        }
        if !has_one(u64::from_le_bytes(block)) {
            return None;
        }
    }
    rest.iter().position(|&b| needs_escape(b)).map(|k| k + start)
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
pub(super) mod tests {
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

    /// Every example's `check` report, each source read as the command line would read it,
    /// the editorial one with its draft and references, and one of sources on a corpus.
    pub(in crate::report) fn example_reports() -> Vec<Report> {
        use crate::source::{Format, Role, Source};
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let read = |path: std::path::PathBuf, role: Role| {
            let bytes = std::fs::read(&path).unwrap();
            let format = match path.extension().and_then(|e| e.to_str()) {
                Some("md") => Format::Markdown,
                Some("html") => Format::Html,
                _ => Format::Text,
            };
            Source::from_bytes(&path.display().to_string(), role, format, &bytes).unwrap()
        };
        let files = |dir: &str, role: Role| -> Vec<Source> {
            let mut paths: Vec<_> =
                std::fs::read_dir(root.join(dir)).unwrap().map(|e| e.unwrap().path()).collect();
            paths.sort();
            paths
                .into_iter()
                .filter(|p| p.extension().is_some_and(|e| e != "yml") && !p.ends_with("README.md"))
                .map(|p| read(p, role))
                .collect()
        };
        let rules = crate::rules::Rulebook::default_rules().unwrap();
        let mut sets: Vec<Vec<Source>> = ["police-operation", "earthquake-outlier", "storm-agree"]
            .iter()
            .map(|d| files(d, Role::Source))
            .collect();
        let mut editorial = files("editorial/drafts", Role::Draft);
        editorial.extend(files("editorial/refs", Role::Reference));
        sets.push(editorial);
        // A field in a place within the event's area, and a string the writer must escape.
        sets.push(vec![
            Source::from_bytes(
                "a \"1\".txt",
                Role::Source,
                Format::Text,
                b"The earthquake killed 5,000 people. In Syria, 1,200 people died.",
            )
            .unwrap(),
            Source::from_bytes(
                "b\\2.txt",
                Role::Source,
                Format::Text,
                b"The quake killed about 5,100 people. In Syria, 1,500 people died.\tAid came.",
            )
            .unwrap(),
        ]);
        sets.iter().map(|sources| crate::check(sources, &rules).unwrap()).collect()
    }

    #[test]
    fn reports_are_the_bytes_serde_gives_in_both_layouts() {
        let reports = example_reports();
        // The examples give what the writer has to handle: conflicts with outliers, a draft's
        // findings, scoped fields, one-sided fields with no claims from some sources.
        assert!(reports.iter().any(|r| r.findings.iter().any(|f| !f.outliers.is_empty())));
        assert!(reports.iter().any(|r| r.findings.iter().any(|f| f.draft.is_some())));
        assert!(reports.iter().any(|r| r.findings.iter().any(|f| f.scope.is_some())));
        for report in &reports {
            assert_eq!(super::super::json::report(report), super::super::json::report_by_serde(report));
            assert_eq!(
                super::super::json_lines::report(report),
                super::super::json_lines::report_by_serde(report)
            );
        }
        let empty = Report { sources: Vec::new(), findings: Vec::new(), ..reports[0].clone() };
        // Counts that differ from each other, so that no two summary entries can be swapped.
        let counted = Report { suppressed: 3, baselined: 5, ..reports[0].clone() };
        // A finding far longer than the pieces the report is written in: written out as it grows.
        let mut long = reports[0].clone();
        if let Some(finding) = long.findings.iter_mut().find(|f| !f.claims.is_empty()) {
            let claims = finding.claims.clone();
            finding.claims = claims.iter().cycle().take(2_000).cloned().collect();
        }
        assert!(super::super::json::report(&long).len() > 4 << 16);
        for report in [&empty, &counted, &long] {
            assert_eq!(super::super::json::report(report), super::super::json::report_by_serde(report));
            assert_eq!(
                super::super::json_lines::report(report),
                super::super::json_lines::report_by_serde(report)
            );
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
    fn the_names_written_without_escaping_need_none() {
        use Qualifier::*;
        let kinds =
            [Kind::Count, Kind::Money, Kind::Percent, Kind::Date, Kind::Person, Kind::Place, Kind::Text];
        let qualifiers = [None, About, MoreThan, AtLeast, LessThan, AtMost, Nearly, Range, Unstated];
        let names = kinds.map(Kind::as_str).into_iter().chain(qualifiers.map(qualifier_name));
        for name in names {
            let (mut plain, mut escaped) = (Vec::new(), Vec::new());
            plain_string(&mut plain, name);
            escape_into(&mut escaped, name);
            assert_eq!(plain, escaped);
            assert_eq!(plain, format!("\"{name}\"").into_bytes());
        }
    }

    #[test]
    fn dates_are_written_as_their_iso_text_in_quotes() {
        let mut out = Vec::new();
        iso_date(&mut out, &PartialDate { year: Some(2025), month: Some(11), day: Some(10) });
        iso_date(&mut out, &PartialDate { year: None, month: Some(3), day: None });
        assert_eq!(out, b"\"2025-11-10\"\"--03\"");
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
