//! JSON Lines output: one JSON object per line, for streaming tools (`jq -c`, log shippers).
//!
//! A `check` report is one line per finding — the same object as a finding of the JSON report,
//! version 1, with `"type": "finding"` in front — then one `{"type": "summary", …}` line with the
//! summary counts. An `extract` run is one claim object per line, the same object as in
//! `extract --format json`. The views are the JSON renderer's, so the two formats never drift.

use serde::Serialize;

use super::json::claim_view;
#[cfg(test)]
use super::json::{finding_view, FindingView};
#[cfg(test)]
use super::Summary;
use super::{Report, SourceInfo};
use crate::claim::Claim;

/// A line of the report: a tag, then the object itself.
#[cfg(test)]
#[derive(Serialize)]
struct Line<T> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(flatten)]
    body: T,
}

/// Appends `value` as one line of compact JSON. Serializing plain views cannot fail; should it
/// ever, the line is left out rather than the process aborted.
fn push_line<T: Serialize>(out: &mut String, value: &T) {
    if let Ok(text) = serde_json::to_string(value) {
        out.push_str(&text);
        out.push('\n');
    }
}

/// The `check` report: a `finding` line per finding, then a `summary` line.
pub fn report(report: &Report) -> String {
    let mut out = Vec::new();
    super::claim_json::report_lines_into(&mut out, report);
    super::text_of(out)
}

/// The report through serde's views: what [`report`] must give, byte for byte.
#[cfg(test)]
pub(super) fn report_by_serde(report: &Report) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        let body: FindingView<'_> = finding_view(finding, &report.sources);
        push_line(&mut out, &Line { kind: "finding", body });
    }
    let summary: Summary = report.summary();
    push_line(&mut out, &Line { kind: "summary", body: summary });
    out
}

/// The claims of `extract`: one claim object per line.
pub fn claims(claims: &[Claim], sources: &[SourceInfo]) -> String {
    let mut out = String::new();
    for claim in claims {
        push_line(&mut out, &claim_view(claim, sources));
    }
    out
}

/// The layout of a claim line.
pub(super) fn claim_leads() -> super::claim_json::ClaimLeads {
    super::claim_json::ClaimLeads::new(super::claim_json::Layout::Compact)
}

/// Like [`claims`] for claims of the one source at `path`, appending to `out`.
/// `leads` are [`claim_leads`].
pub(super) fn claims_in(
    out: &mut Vec<u8>,
    claims: &[Claim],
    path: &str,
    leads: &super::claim_json::ClaimLeads,
) {
    let head = leads.head(path);
    for claim in claims {
        super::claim_json::claim_with(out, claim, &head, leads);
        out.push(b'\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_tagged_before_its_fields() {
        let mut out = String::new();
        push_line(&mut out, &Line { kind: "summary", body: Summary { sources: 2, ..Summary::default() } });
        assert!(out.starts_with(r#"{"type":"summary","sources":2,"fields":0,"#), "{out}");
        assert!(out.ends_with("}\n") && out.lines().count() == 1);
    }

    #[test]
    fn newlines_in_text_stay_escaped_inside_one_line() {
        let mut out = String::new();
        push_line(&mut out, &Line { kind: "x", body: serde_json::json!({"text": "a\nb"}) });
        assert_eq!(out, "{\"type\":\"x\",\"text\":\"a\\nb\"}\n");
    }
}
