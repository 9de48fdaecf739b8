//! Report: findings and claims rendered for people and for machines.
//!
//! One report model ([`Report`]) feeds every format; each format is a small renderer in its own
//! file, picked from a closed enum. Renderers return bytes; the binary decides where they go.

mod claim_json;
mod claims_table;
pub use claims_table::ClaimRows;
mod github;
mod json;
mod json_lines;
mod markdown;
pub mod sanitize;
mod sarif;
mod table;

use crate::claim::Claim;
use crate::finding::{Code, Finding, Verdict};
use crate::rules::Rulebook;
use crate::source::Role;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// A diff table for people.
    Table,
    /// The JSON report, version 1.
    Json,
    /// One JSON object per finding, one per line.
    JsonLines,
    /// A Markdown summary sized for a pull-request comment.
    Markdown,
    /// GitHub Actions workflow commands (`::error file=…,line=…::…`).
    Github,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
}

impl Format {
    /// Whether the format is meant for people (and so may use colour and headers).
    pub fn is_human(self) -> bool {
        matches!(self, Format::Table)
    }
}

/// How a report is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    /// Use ANSI colour.
    pub color: bool,
}

/// A source as the report names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceInfo {
    /// The path exactly as given.
    pub path: String,
    /// Its role in the run.
    pub role: Role,
}

/// Counts shown under every report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Summary {
    /// Number of sources.
    pub sources: usize,
    /// Number of fields (and scopes) compared.
    pub fields: usize,
    /// Findings with verdict conflict.
    pub conflicts: usize,
    /// Findings with verdict agree.
    pub agreements: usize,
    /// Findings with verdict gap.
    pub gaps: usize,
    /// Findings with verdict unsupported (a draft's field no reference states).
    pub unsupported: usize,
    /// Findings silenced by inline suppressions.
    pub suppressed: usize,
    /// Findings left out because the baseline records them.
    pub baselined: usize,
    /// Suppressions without a reason or that silence nothing.
    pub suppression_problems: usize,
}

/// Everything a `check` run found.
#[derive(Debug, Clone)]
pub struct Report {
    /// The sources, in command-line order.
    pub sources: Vec<SourceInfo>,
    /// Findings, conflicts first.
    pub findings: Vec<Finding>,
    /// Findings silenced by inline suppressions.
    pub suppressed: usize,
    /// Findings left out because the baseline records them.
    pub baselined: usize,
}

impl Report {
    /// The counts of the report.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary {
            sources: self.sources.len(),
            suppressed: self.suppressed,
            baselined: self.baselined,
            ..Summary::default()
        };
        let mut fields = std::collections::BTreeSet::new();
        for f in &self.findings {
            if is_suppression_problem(f) {
                summary.suppression_problems += 1;
                continue;
            }
            fields.insert((f.field.as_str(), f.scope.as_ref().map(|s| s.label.as_str())));
            if f.internal_source.is_some() {
                continue;
            }
            match f.verdict {
                Verdict::Conflict => summary.conflicts += 1,
                Verdict::Agree => summary.agreements += 1,
                Verdict::Gap => summary.gaps += 1,
                Verdict::Unsupported => summary.unsupported += 1,
            }
        }
        summary.conflicts += self.findings.iter().filter(|f| f.internal_source.is_some()).count();
        summary.fields = fields.len();
        summary
    }
}

/// The verdict of a finding in words, shared by the human formats: the word, the note in
/// parentheses, and whether it calls for attention (shown loud: upper case, bold).
pub(super) struct VerdictWords {
    /// "conflict", "agree", "one-sided", …
    pub word: &'static str,
    /// "error", "rounded", …
    pub note: Option<&'static str>,
    /// Conflicts and outdated holders are loud.
    pub loud: bool,
}

/// The words for a finding's verdict.
pub(super) fn verdict_words(f: &Finding) -> VerdictWords {
    let severity = Some(f.severity.as_str());
    let (word, note, loud) = match (f.verdict, f.code) {
        (_, Code::InternalConflict) => ("internal conflict", severity, false),
        (_, Code::ReferenceConflict) => ("references differ", severity, false),
        (_, Code::OutdatedHolder) => ("outdated", severity, true),
        (_, Code::UnusedSuppression | Code::SuppressionWithoutReason) => ("suppression", severity, false),
        (Verdict::Unsupported, _) => ("unsupported", severity, false),
        (Verdict::Conflict, _) => ("conflict", severity, true),
        (Verdict::Agree, _) if f.rounded => ("agree", Some("rounded"), false),
        (Verdict::Agree, _) => ("agree", None, false),
        (Verdict::Gap, _) => ("one-sided", None, false),
    };
    VerdictWords { word, note, loud }
}

/// Whether a finding is about a suppression comment rather than a field.
pub fn is_suppression_problem(f: &Finding) -> bool {
    matches!(f.code, Code::UnusedSuppression | Code::SuppressionWithoutReason)
}

/// The text of `bytes` that a writer here made of whole strings, so UTF-8; checked once, and
/// never lossy in practice.
fn text_of(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Renders a `check` report.
pub fn render_report(report: &Report, format: Format, style: Style) -> String {
    match format {
        Format::Table => table::report(report, style),
        Format::Json => json::report(report),
        Format::JsonLines => json_lines::report(report),
        Format::Markdown => markdown::report(report),
        Format::Github => github::report(report),
        Format::Sarif => sarif::report(report),
    }
}

/// Writes a `check` report to `out`: JSON and JSON lines a piece at a time (a report of
/// thousands of sources is never held whole as text), other formats as [`render_report`] gives
/// them.
///
/// # Errors
///
/// When `out` refuses a write.
pub fn write_report(
    report: &Report,
    format: Format,
    style: Style,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Json => claim_json::write_report(out, report, claim_json::Layout::Pretty { depth: 0 }),
        Format::JsonLines => claim_json::write_report(out, report, claim_json::Layout::Compact),
        Format::Sarif => sarif::write(report, out),
        _ => out.write_all(render_report(report, format, style).as_bytes()),
    }
}

/// Renders the claims of an `extract` run.
pub fn render_claims(claims: &[Claim], sources: &[SourceInfo], format: Format) -> String {
    match format {
        Format::Table | Format::Markdown | Format::Github => table::claims(claims, sources),
        Format::Json | Format::Sarif => json::claims(claims, sources),
        Format::JsonLines => json_lines::claims(claims, sources),
    }
}

/// Writes the claims of `extract` a batch at a time, in formats that allow it (JSON, JSON
/// lines, and SARIF, which shows claims as JSON), giving exactly the bytes of
/// [`render_claims`]. Tables need every claim first to size their columns.
#[derive(Debug)]
pub struct ClaimStream {
    lines: bool,
    count: usize,
    /// How each claim is laid out, made once for the run.
    leads: claim_json::ClaimLeads,
}

impl ClaimStream {
    /// A stream for `format`, or `None` when the format needs every claim first.
    pub fn new(format: Format) -> Option<ClaimStream> {
        match format {
            Format::Json | Format::Sarif => {
                Some(ClaimStream { lines: false, count: 0, leads: json::claims_item_leads() })
            }
            Format::JsonLines => {
                Some(ClaimStream { lines: true, count: 0, leads: json_lines::claim_leads() })
            }
            Format::Table | Format::Markdown | Format::Github => None,
        }
    }

    /// What comes before the first claim.
    pub fn start(&self) -> &'static str {
        if self.lines {
            ""
        } else {
            json::claims_start()
        }
    }

    /// The claims of the one source at `path`, rendered on their own (on any thread) for
    /// [`ClaimStream::push_all`]: rendering is most of the work of writing them. The bytes are
    /// UTF-8, made of the claims' strings and ASCII, and kept as bytes: checking them again
    /// on the way out would read every byte of the output once more.
    pub fn render(&self, claims: &[Claim], path: &str) -> Vec<u8> {
        // Room for a typical claim (about 560 bytes pretty, 420 as a line) saves regrowing.
        let mut out = Vec::with_capacity(claims.len() * if self.lines { 448 } else { 576 });
        if self.lines {
            json_lines::claims_in(&mut out, claims, path, &self.leads);
        } else {
            let head = self.leads.head(path);
            for claim in claims {
                json::claims_item_in(&mut out, claim, &head, false, &self.leads);
            }
        }
        out
    }

    /// Writes the claims of several sources, each rendered by [`ClaimStream::render`] and
    /// given with how many claims it holds, to `out` in order. They go out in vectored writes,
    /// handed to the writer as they are: the claims of a batch of sources are megabytes, which
    /// a buffer on the way would copy once more.
    ///
    /// # Errors
    ///
    /// When `out` refuses a write.
    pub fn push_all<'a>(
        &mut self,
        out: &mut dyn std::io::Write,
        pieces: impl IntoIterator<Item = (&'a [u8], usize)>,
    ) -> std::io::Result<()> {
        let mut slices = Vec::new();
        for (rendered, count) in pieces {
            // Rendered claims each follow a comma; the very first of the array does not.
            let text = if !self.lines && self.count == 0 {
                rendered.strip_prefix(b",").unwrap_or(rendered)
            } else {
                rendered
            };
            self.count += count;
            if !text.is_empty() {
                slices.push(std::io::IoSlice::new(text));
            }
        }
        write_all_vectored(out, &mut slices)
    }

    /// What comes after the last claim.
    pub fn finish(&self) -> &'static str {
        if self.lines {
            ""
        } else {
            json::claims_end(self.count)
        }
    }
}

/// Renders the rulebook for `claimdiff rules`.
pub fn render_rules(rules: &Rulebook, format: Format) -> String {
    match format {
        Format::Table | Format::Markdown | Format::Github => table::rules(rules),
        Format::Json | Format::JsonLines | Format::Sarif => json::rules(rules),
    }
}

/// Short, unique labels for sources: file stems ("000_aaef34ebc1dffb6a"), "stdin" for "-".
pub fn short_labels(sources: &[SourceInfo]) -> Vec<String> {
    let stem = |path: &str| {
        if path == "-" {
            return "stdin".to_string();
        }
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let name = name.strip_suffix(".claims.json").filter(|n| !n.is_empty()).unwrap_or(name);
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| if s.is_empty() { name } else { s });
        stem.to_string()
    };
    let stems: Vec<String> = sources.iter().map(|s| stem(&s.path)).collect();
    // Counted once, not stem against stem: a run of 10,000 sources has 10,000 labels.
    let mut uses: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for s in &stems {
        *uses.entry(s.as_str()).or_default() += 1;
    }
    stems
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let clashes = uses.get(s.as_str()).is_some_and(|&n| n > 1);
            if clashes {
                format!("{s}#{}", i + 1)
            } else {
                s.clone()
            }
        })
        .collect()
}

/// Writes all of `slices` to `out`, as `write_all` does for one slice: a write may take only
/// part of them.
fn write_all_vectored(
    out: &mut dyn std::io::Write,
    mut slices: &mut [std::io::IoSlice<'_>],
) -> std::io::Result<()> {
    while !slices.is_empty() {
        match out.write_vectored(slices) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(written) => std::io::IoSlice::advance_slices(&mut slices, written),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Takes at most three bytes a write, one slice at a time, and is interrupted every other
    /// call: what a pipe or a signal may do to a vectored write.
    struct Stingy {
        taken: Vec<u8>,
        calls: usize,
    }

    impl std::io::Write for Stingy {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.calls += 1;
            if self.calls % 2 == 0 {
                return Err(std::io::ErrorKind::Interrupted.into());
            }
            let n = buf.len().min(3);
            self.taken.extend_from_slice(buf.get(..n).unwrap_or_default());
            Ok(n)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn claims_of_several_sources_are_written_whole_and_in_order_however_the_writer_takes_them() {
        let mut stream = ClaimStream::new(Format::Json).unwrap_or_else(|| unreachable!());
        let mut out = Stingy { taken: Vec::new(), calls: 0 };
        // The first source has no claims; the second's leading comma is the array's first.
        let pieces: [(&[u8], usize); 3] = [(b"", 0), (b",{\"a\":1}", 1), (b",{\"b\":2},{\"c\":3}", 2)];
        stream.push_all(&mut out, pieces).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(String::from_utf8_lossy(&out.taken), "{\"a\":1},{\"b\":2},{\"c\":3}");
        assert_eq!(stream.count, 3);
        // Later batches keep their commas.
        let mut more = Vec::new();
        stream.push_all(&mut more, [(&b",{\"d\":4}"[..], 1)]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(more, b",{\"d\":4}");
        // A writer that takes nothing is an error, not a loop without end.
        let mut full: &mut [u8] = &mut [];
        let refused = stream.push_all(&mut full, [(&b",{\"e\":5}"[..], 1)]).map_err(|e| e.kind());
        assert_eq!(refused, Err(std::io::ErrorKind::WriteZero));
    }
}
