//! JSON output, version 1: the report of `check`, the claims of `extract`, the rules in force.
//!
//! The shapes are specified in the README ("JSON report"); fields may be added, none renamed or
//! removed. Views borrow from the model so the key order is the documented one.

use serde::Serialize;

use super::{Report, SourceInfo};
use crate::claim::{Claim, Kind, Value};
use crate::rules::Rulebook;
#[cfg(test)]
use {super::Summary, crate::finding::Finding, crate::source::Role};

// The report's views below are serde's reading of the shapes in the README; the report itself is
// written by hand (`claim_json::report_into`), and the tests hold the two to the same bytes.

#[cfg(test)]
#[derive(Serialize)]
struct SourceView<'a> {
    path: &'a str,
    role: Role,
}

#[cfg(test)]
#[derive(Serialize)]
struct ReportView<'a> {
    version: u32,
    sources: Vec<SourceView<'a>>,
    findings: Vec<FindingView<'a>>,
    summary: Summary,
}

/// One finding as the JSON report shows it; also one line of `--format json-lines`.
#[cfg(test)]
#[derive(Serialize)]
pub(super) struct FindingView<'a> {
    field: &'a str,
    label: &'a str,
    verdict: &'static str,
    severity: &'static str,
    code: &'static str,
    message: &'a str,
    rounded: bool,
    scope: Option<&'a str>,
    outliers: Vec<&'a str>,
    internal_source: Option<&'a str>,
    draft: Option<&'a str>,
    claims: Vec<ReportClaimView<'a>>,
}

#[cfg(test)]
#[derive(Serialize)]
struct ReportClaimView<'a> {
    source: &'a str,
    text: &'a str,
    value: &'a Value,
    line: usize,
    column: usize,
    scope: Option<&'a str>,
    primary: bool,
    sentence: &'a str,
}

#[derive(Serialize)]
struct ClaimsView<'a> {
    version: u32,
    claims: Vec<ClaimView<'a>>,
}

/// One claim as `extract --format json` shows it; also one line of `--format json-lines`.
#[derive(Serialize)]
pub(super) struct ClaimView<'a> {
    source: &'a str,
    field: Option<&'a str>,
    kind: Kind,
    text: &'a str,
    value: &'a Value,
    line: usize,
    column: usize,
    start: usize,
    end: usize,
    scope: Option<&'a str>,
    sentence: &'a str,
}

fn path_of(sources: &[SourceInfo], index: usize) -> &str {
    sources.get(index).map_or("", |s| s.path.as_str())
}

/// The view of `finding`, naming sources by their paths in `sources`.
#[cfg(test)]
pub(super) fn finding_view<'a>(finding: &'a Finding, sources: &'a [SourceInfo]) -> FindingView<'a> {
    // A mark per claim: searching the primaries for every claim costs sources × claims.
    let mut primary = vec![false; finding.claims.len()];
    for &i in finding.primary.iter().flatten() {
        if let Some(mark) = primary.get_mut(i) {
            *mark = true;
        }
    }
    FindingView {
        field: &finding.field,
        label: &finding.label,
        verdict: finding.verdict.as_str(),
        severity: finding.severity.as_str(),
        code: finding.code.as_str(),
        message: &finding.message,
        rounded: finding.rounded,
        scope: finding.scope.as_ref().map(|s| s.label.as_str()),
        outliers: finding.outliers.iter().map(|&i| path_of(sources, i)).collect(),
        internal_source: finding.internal_source.map(|i| path_of(sources, i)),
        draft: finding.draft.map(|i| path_of(sources, i)),
        claims: finding
            .claims
            .iter()
            .enumerate()
            .map(|(i, c)| ReportClaimView {
                source: path_of(sources, c.source),
                text: &c.text,
                value: &c.value,
                line: c.location.line,
                column: c.location.column,
                scope: c.scope.as_ref().map(|s| s.label.as_str()),
                primary: primary.get(i).copied().unwrap_or(false),
                sentence: &c.sentence,
            })
            .collect(),
    }
}

fn to_json<T: Serialize>(value: &T) -> String {
    // Serializing plain views into a String cannot fail; an empty object is a safe fallback.
    let mut text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".to_string());
    text.push('\n');
    text
}

/// The `check` report.
pub fn report(report: &Report) -> String {
    let mut out = Vec::new();
    super::claim_json::report_into(&mut out, report);
    super::text_of(out)
}

/// The `check` report through serde's views: what [`report`] must give, byte for byte.
#[cfg(test)]
pub(super) fn report_by_serde(report: &Report) -> String {
    to_json(&ReportView {
        version: 1,
        sources: report.sources.iter().map(|s| SourceView { path: &s.path, role: s.role }).collect(),
        findings: report.findings.iter().map(|f| finding_view(f, &report.sources)).collect(),
        summary: report.summary(),
    })
}

/// The claims of `extract`.
pub fn claims(claims: &[Claim], sources: &[SourceInfo]) -> String {
    to_json(&ClaimsView { version: 1, claims: claims.iter().map(|c| claim_view(c, sources)).collect() })
}

/// The opening of [`claims`], for writing claims a batch at a time: with [`claims_item_in`] and
/// [`claims_end`] it gives exactly the bytes [`claims`] gives.
pub fn claims_start() -> &'static str {
    "{\n  \"version\": 1,\n  \"claims\": ["
}

/// One claim of [`claims`], indented in the array, after a comma unless it is the first.
/// `leads` are [`claims_item_leads`], and `head` is their [`head`](super::claim_json::ClaimLeads::head)
/// for the claim's source.
pub(super) fn claims_item_in(
    out: &mut Vec<u8>,
    claim: &Claim,
    head: &[u8],
    first: bool,
    leads: &super::claim_json::ClaimLeads,
) {
    out.extend_from_slice(if first { b"\n    " } else { b",\n    " });
    super::claim_json::claim_with(out, claim, head, leads);
}

/// The layout of a claim in [`claims`]: an item of the array, at depth 2.
pub(super) fn claims_item_leads() -> super::claim_json::ClaimLeads {
    super::claim_json::ClaimLeads::new(super::claim_json::Layout::Pretty { depth: 2 })
}

/// The end of [`claims`], after `count` claims.
pub fn claims_end(count: usize) -> &'static str {
    if count == 0 {
        "]\n}\n"
    } else {
        "\n  ]\n}\n"
    }
}

/// The view of one claim of `extract`, naming its source by its path in `sources`.
pub(super) fn claim_view<'a>(c: &'a Claim, sources: &'a [SourceInfo]) -> ClaimView<'a> {
    claim_view_in(c, path_of(sources, c.source))
}

/// The view of one claim of `extract` from the source at `path`.
pub(super) fn claim_view_in<'a>(c: &'a Claim, path: &'a str) -> ClaimView<'a> {
    ClaimView {
        source: path,
        field: c.field.as_deref(),
        kind: c.kind,
        text: &c.text,
        value: &c.value,
        line: c.location.line,
        column: c.location.column,
        start: c.location.start,
        end: c.location.end,
        scope: c.scope.as_ref().map(|s| s.label.as_str()),
        sentence: &c.sentence,
    }
}

#[derive(Serialize)]
struct RulesView<'a> {
    version: u32,
    sources: &'a [String],
    fields: Vec<FieldView<'a>>,
}

#[derive(Serialize)]
struct FieldView<'a> {
    name: &'a str,
    label: &'a str,
    kind: Kind,
    comparator: &'static str,
    severity: &'static str,
    cues: &'a [String],
    exclude: &'a [String],
    tolerance_absolute: f64,
    tolerance_relative: f64,
    origin: String,
}

/// The rules in force.
pub fn rules(rules: &Rulebook) -> String {
    to_json(&RulesView {
        version: 1,
        sources: &rules.sources,
        fields: rules
            .fields
            .iter()
            .map(|f| FieldView {
                name: &f.name,
                label: &f.label,
                kind: f.kind,
                comparator: f.comparator.as_str(),
                severity: f.severity.as_str(),
                cues: &f.cues,
                exclude: &f.exclude,
                tolerance_absolute: f.tolerance.absolute,
                tolerance_relative: f.tolerance.relative,
                origin: format!("{}:{}", f.origin.file, f.origin.line),
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_written_in_pieces_are_the_same_bytes() {
        use crate::claim::{Kind, Location, Value};
        let sources = vec![SourceInfo { path: "a \"x\".txt".to_string(), role: crate::source::Role::Source }];
        let claim = |text: &str| Claim {
            source: 0,
            field: Some("arrests".into()),
            kind: Kind::Person,
            text: text.to_string(),
            value: Value::Name(text.to_string()),
            location: Location { start: 1, end: 2, line: 3, column: 4 },
            sentence: format!("{text}\nsaid").into(),
            scope: None,
            in_heading: false,
        };
        for list in [vec![], vec![claim("A")], vec![claim("A"), claim("B \u{202e}")]] {
            let mut pieces = claims_start().as_bytes().to_vec();
            let leads = claims_item_leads();
            for (i, c) in list.iter().enumerate() {
                claims_item_in(&mut pieces, c, &leads.head(&sources[0].path), i == 0, &leads);
            }
            pieces.extend_from_slice(claims_end(list.len()).as_bytes());
            assert_eq!(String::from_utf8(pieces).unwrap(), claims(&list, &sources));
        }
    }
}
