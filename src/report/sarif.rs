//! SARIF 2.1.0 output, for code-scanning tools (GitHub code scanning, IDE SARIF viewers).
//!
//! One run; `tool.driver.rules` lists every finding code (`ruleIndex` points into it). Each finding
//! that is not an agreement is one result, placed on the finding's anchor claim (in editorial
//! mode, the draft's claim), with the other sources' claims as related locations and the
//! baseline fingerprint as a partial fingerprint, so code scanning tracks a finding across
//! commits exactly as `--baseline` does. Columns count Unicode code points, as everywhere in
//! claimdiff, and the run says so (`columnKind`). The structs below are the subset of the SARIF
//! object model we emit, in the order the properties are written.

use serde::Serialize;

use super::{Report, SourceInfo};
use crate::baseline::fingerprint;
use crate::claim::Claim;
use crate::finding::{Code, Finding, Severity, Verdict};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI: &str = "https://github.com/claimdiff/claimdiff";

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    results: Vec<SarifResult>,
    column_kind: &'static str,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    short_description: Text,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    #[serde(flatten)]
    head: ResultHead,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: Fingerprints,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
}

#[derive(Serialize)]
struct Fingerprints {
    #[serde(rename = "claimdiff/v1")]
    v1: String,
}

/// The `check` report as a SARIF 2.1.0 log.
pub fn report(report: &Report) -> String {
    let mut out = Vec::new();
    // Writing into a vector cannot fail; serializing plain structs neither.
    let _ = write(report, &mut out);
    super::text_of(out)
}

/// Writes [`report`]'s log to `out` a result at a time: a run of 10,000 sources gives a 50 MB
/// log, which is never held whole beside the findings. The frame of the log (tool, rules) is
/// serde's; each result is serde's too, written a related location at a time (a field stated by
/// 10,000 sources has 10,000 of them) and indented to its place in the `results` array.
///
/// # Errors
///
/// When `out` refuses a write.
pub fn write(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let frame = serde_json::to_string_pretty(&log(Vec::new())).map_err(std::io::Error::other)?;
    // serde writes the empty array as `[]`; the results go between its brackets.
    let (head, tail) =
        frame.split_once("\"results\": []").ok_or_else(|| std::io::Error::other("no results"))?;
    let mut text = Pieces { text: format!("{head}\"results\": ["), out };
    let mut any = false;
    for finding in report.findings.iter().filter(|f| f.verdict != Verdict::Agree) {
        text.push(if any { ",\n" } else { "\n" });
        any = true;
        write_result(finding, &report.sources, &mut text)?;
    }
    text.push(if any { "\n      ]" } else { "]" });
    text.push(tail);
    text.push("\n");
    text.finish()
}

/// Text on its way to the output, written out in pieces of [`Pieces::SIZE`] bytes.
struct Pieces<'a> {
    text: String,
    out: &'a mut dyn std::io::Write,
}

impl Pieces<'_> {
    /// Written out whenever the text made reaches this size.
    const SIZE: usize = 1 << 16;

    fn push(&mut self, piece: &str) {
        self.text.push_str(piece);
    }

    /// Adds a value serde wrote over several lines, `indent` before every line but the first.
    fn push_lines(&mut self, value: &str, indent: &str) {
        for (k, line) in value.split('\n').enumerate() {
            if k > 0 {
                self.text.push('\n');
                self.text.push_str(indent);
            }
            self.text.push_str(line);
        }
    }

    /// Writes out what has been made, once it is a whole piece.
    fn spill(&mut self) -> std::io::Result<()> {
        if self.text.len() >= Self::SIZE {
            self.out.write_all(self.text.as_bytes())?;
            self.text.clear();
        }
        Ok(())
    }

    fn finish(self) -> std::io::Result<()> {
        self.out.write_all(self.text.as_bytes())
    }
}

/// The results array's items stand at four levels of two spaces (log, runs, run, results).
const ITEM_INDENT: &str = "        ";
/// A related location stands two levels deeper (result, `relatedLocations`).
const RELATED_INDENT: &str = "            ";

/// Writes one result as serde would write [`result`]'s, a related location at a time.
fn write_result(finding: &Finding, sources: &[SourceInfo], text: &mut Pieces<'_>) -> std::io::Result<()> {
    let parts = result_parts(finding, sources);
    // The head is a whole object; its closing line gives way to the properties that follow.
    let head = pretty(&parts.head)?;
    let head = head.strip_suffix("\n}").unwrap_or(&head);
    text.push(ITEM_INDENT);
    text.push_lines(head, ITEM_INDENT);
    let mut related = parts.related.peekable();
    if related.peek().is_some() {
        text.push(",\n");
        text.push(ITEM_INDENT);
        text.push("  \"relatedLocations\": [");
        let mut first = true;
        for location in related {
            text.push(if first { "\n" } else { ",\n" });
            first = false;
            text.push(RELATED_INDENT);
            text.push_lines(&pretty(&location)?, RELATED_INDENT);
            text.spill()?;
        }
        text.push("\n");
        text.push(ITEM_INDENT);
        text.push("  ]");
    }
    text.push(",\n");
    text.push(ITEM_INDENT);
    text.push("  \"partialFingerprints\": ");
    text.push_lines(&pretty(&parts.fingerprints)?, &format!("{ITEM_INDENT}  "));
    text.push("\n");
    text.push(ITEM_INDENT);
    text.push("}");
    text.spill()
}

/// `value` as serde's pretty JSON.
fn pretty<T: Serialize>(value: &T) -> std::io::Result<String> {
    serde_json::to_string_pretty(value).map_err(std::io::Error::other)
}

/// The whole log through serde at once: what [`report`] must give, byte for byte.
#[cfg(test)]
fn report_by_serde(report: &Report) -> String {
    let results = report
        .findings
        .iter()
        .filter(|f| f.verdict != Verdict::Agree)
        .map(|f| result(f, &report.sources))
        .collect();
    let mut text = serde_json::to_string_pretty(&log(results)).unwrap_or_else(|_| "{}".to_string());
    text.push('\n');
    text
}

/// The log with `results` as its one run's results.
fn log(results: Vec<SarifResult>) -> Log {
    let rules = Code::ALL
        .iter()
        .map(|code| Rule {
            id: code.as_str(),
            short_description: Text { text: code.description().to_string() },
        })
        .collect();
    Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "claimdiff",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: INFORMATION_URI,
                    rules,
                },
            },
            results,
            column_kind: "unicodeCodePoints",
        }],
    }
}

/// A whole result, as [`write_result`] writes it in parts.
#[cfg(test)]
fn result(finding: &Finding, sources: &[SourceInfo]) -> SarifResult {
    let parts = result_parts(finding, sources);
    SarifResult {
        head: parts.head,
        related_locations: parts.related.collect(),
        partial_fingerprints: parts.fingerprints,
    }
}

/// The properties of a result before its related locations.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultHead {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
}

/// A result in three parts, its related locations made one at a time as they are written.
struct ResultParts<'a> {
    head: ResultHead,
    related: Box<dyn Iterator<Item = Location> + 'a>,
    fingerprints: Fingerprints,
}

fn result_parts<'a>(finding: &'a Finding, sources: &'a [SourceInfo]) -> ResultParts<'a> {
    let anchor = finding.anchor_claim();
    let shown: Vec<&Claim> = if finding.internal_source.is_some() {
        finding.claims.iter().collect()
    } else {
        (0..sources.len()).filter_map(|s| finding.primary_claim(s)).collect()
    };
    let message = if shown.is_empty() {
        finding.message.clone()
    } else {
        let said: Vec<String> = shown.iter().map(|c| says(c, sources)).collect();
        format!("{}: {}", finding.message, said.join("; "))
    };
    let related =
        shown.into_iter().filter(move |c| !anchor.is_some_and(|a| std::ptr::eq(a, *c))).enumerate().map(
            move |(i, c)| Location {
                id: Some(i + 1),
                physical_location: physical(c, sources),
                message: Some(Text { text: escape_message(&says(c, sources)) }),
            },
        );
    ResultParts {
        head: ResultHead {
            rule_id: finding.code.as_str(),
            rule_index: Code::ALL.iter().position(|c| *c == finding.code),
            level: match finding.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "note",
            },
            message: Text { text: escape_message(&message) },
            locations: anchor
                .map(|c| Location { id: None, physical_location: physical(c, sources), message: None })
                .into_iter()
                .collect(),
        },
        related: Box::new(related),
        fingerprints: Fingerprints { v1: fingerprint(finding, sources) },
    }
}

/// `path says "text"` (`stdin` for `-`).
fn says(claim: &Claim, sources: &[SourceInfo]) -> String {
    let path = sources.get(claim.source).map_or("", |s| s.path.as_str());
    format!("{} says \"{}\"", if path == "-" { "stdin" } else { path }, claim.text)
}

fn physical(claim: &Claim, sources: &[SourceInfo]) -> PhysicalLocation {
    let path = sources.get(claim.source).map_or("", |s| s.path.as_str());
    PhysicalLocation { artifact_location: ArtifactLocation { uri: uri(path) }, region: region(claim) }
}

/// The region of a claim. The end is computed from the claim's text only when that text is the
/// file's own bytes (same length as the span): decoded HTML entities or UTF-16 input would
/// otherwise give a wrong end column, and an absent end means "to the end of the line".
fn region(claim: &Claim) -> Option<Region> {
    let loc = claim.location;
    if loc.line == 0 {
        return None;
    }
    let start_column = (loc.column > 0).then_some(loc.column);
    let literal = loc.end.checked_sub(loc.start) == Some(claim.text.len()) && start_column.is_some();
    let (end_line, end_column) = match claim.text.rsplit_once('\n') {
        None => (Some(loc.line), start_column.filter(|_| literal).map(|c| c + claim.text.chars().count())),
        Some((_, last)) if literal => {
            (Some(loc.line + claim.text.matches('\n').count()), Some(last.chars().count() + 1))
        }
        Some(_) => (None, None),
    };
    Some(Region { start_line: loc.line, start_column, end_line, end_column })
}

/// A path as a URI reference: `\` becomes `/`, a Windows drive path becomes a `file:///` URI,
/// and everything outside the unreserved and path characters of RFC 3986 is percent-encoded
/// (spaces, `%`, `#`, `?`, non-ASCII), as is a `:` in a first segment, where it would read as a
/// scheme.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let bytes = path.as_bytes();
    let drive = matches!(bytes, [letter, b':', b'/', ..] if letter.is_ascii_alphabetic());
    let mut out = String::with_capacity(path.len() + 8);
    let mut first_segment = !drive;
    if drive {
        out.push_str("file:///");
    }
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'/' {
            first_segment = false;
        }
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/' | b'!' | b'$' | b'&' | b'\'' | b'(' | b')')
            || matches!(b, b'*' | b'+' | b',' | b';' | b'=' | b'@')
            || (b == b':' && (!first_segment || (drive && i == 1)));
        if keep {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Escapes square brackets in a SARIF message (`\[`, `\]`), and a backslash in front of one, so
/// that text from articles never reads as an embedded link (`[text](1)`).
fn escape_message(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '\\' if matches!(chars.peek(), Some('[' | ']')) => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::{Kind, Value};

    #[test]
    fn logs_written_a_result_at_a_time_are_serdes_whole_logs() {
        let reports = crate::report::claim_json::tests::example_reports();
        let mut cases: Vec<Report> = reports.clone();
        // No result at all, and far more results than one piece of output holds.
        cases.push(Report { findings: Vec::new(), ..reports[0].clone() });
        let mut many = reports[0].clone();
        many.findings = many.findings.iter().cycle().take(many.findings.len() * 300).cloned().collect();
        assert!(report(&many).len() > 4 << 16);
        cases.push(many);
        for case in &cases {
            assert_eq!(report(case), report_by_serde(case));
        }
        assert!(reports.iter().any(|r| r.findings.iter().any(|f| f.verdict != Verdict::Agree)));
    }

    #[test]
    fn a_result_with_thousands_of_related_locations_is_serdes() {
        // One field stated by 2,000 sources: one result whose related locations are written out
        // as they are made.
        let reports = crate::report::claim_json::tests::example_reports();
        let mut long = reports[0].clone();
        let Some(finding) =
            long.findings.iter_mut().find(|f| f.verdict != Verdict::Agree && f.internal_source.is_none())
        else {
            panic!("the examples have a conflict between sources");
        };
        let template = finding.claims.first().cloned().expect("a conflict has claims");
        finding.claims = (0..2_000).map(|source| Claim { source, ..template.clone() }).collect();
        finding.primary = (0..2_000).map(Some).collect();
        finding.anchor = Some(0);
        let source = long.sources.first().cloned().expect("the example has sources");
        long.sources =
            (0..2_000).map(|k| SourceInfo { path: format!("s{k}.txt"), ..source.clone() }).collect();
        let log = report(&long);
        assert_eq!(log, report_by_serde(&long));
        assert!(log.contains("\"id\": 1999,") && !log.contains("\"id\": 2000,"));
        assert!(log.len() > 4 << 16);
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("drafts/flood explainer.md"), "drafts/flood%20explainer.md");
        assert_eq!(uri("./a.txt"), "./a.txt");
        assert_eq!(uri(r"refs\wire.txt"), "refs/wire.txt");
        assert_eq!(uri(r"C:\news\a b.txt"), "file:///C:/news/a%20b.txt");
        assert_eq!(uri("100%#1?.txt"), "100%25%231%3F.txt");
        assert_eq!(uri("notes: a/b:c.txt"), "notes%3A%20a/b:c.txt");
        assert_eq!(uri("Zürich.md"), "Z%C3%BCrich.md");
        assert_eq!(uri("/tmp/a,b.txt"), "/tmp/a,b.txt");
    }

    #[test]
    fn brackets_in_messages_are_escaped() {
        assert_eq!(escape_message("see [this](1) now"), r"see \[this\](1) now");
        assert_eq!(escape_message(r"a\[b c\d"), r"a\\\[b c\d");
    }

    fn claim(text: &str, start: usize, end: usize, line: usize, column: usize) -> Claim {
        Claim {
            source: 0,
            field: None,
            kind: Kind::Text,
            text: text.to_string(),
            value: Value::Name(text.to_string()),
            location: crate::claim::Location { start, end, line, column },
            sentence: "".into(),
            scope: None,
            in_heading: false,
        }
    }

    #[test]
    fn region_ends_only_where_the_text_is_the_files_own() {
        let region_of =
            |c: &Claim| region(c).map(|r| (r.start_line, r.start_column, r.end_line, r.end_column));
        assert_eq!(region_of(&claim("Jürgen", 10, 17, 3, 5)), Some((3, Some(5), Some(3), Some(11))));
        assert_eq!(region_of(&claim("more than\n9,000", 0, 15, 2, 7)), Some((2, Some(7), Some(3), Some(6))));
        // "&euro;350m" in HTML read as "€350m": the length differs, so no end column.
        assert_eq!(region_of(&claim("€350m", 0, 10, 4, 1)), Some((4, Some(1), Some(4), None)));
        assert_eq!(region_of(&claim("x", 0, 1, 0, 0)), None);
    }
}
