//! Inline suppressions: an editor silences a field for one draft, with a reason.
//!
//! Syntax, on a line of its own in any format (in Markdown and HTML inside a comment, so it
//! never shows):
//!
//! ```text
//! <!-- claimdiff: ignore arrests, deaths -- police revised the figure after we filed -->
//! claimdiff: ignore arrests -- police revised the figure after we filed
//! ```
//!
//! The reason after `--` is mandatory: a suppression without one silences nothing and is itself
//! an error. A suppression that silences no finding is reported (warning), so stale ones are
//! noticed and removed.

use crate::claim::{Claim, Kind, Value};
use crate::finding::{Code, Finding, Severity, Verdict};
use crate::source::Source;
use crate::text::squash;

const MARKER: &str = "claimdiff: ignore";

/// One `claimdiff: ignore` comment.
#[derive(Debug, Clone, PartialEq)]
pub struct Suppression {
    /// The source it stands in.
    pub source: usize,
    /// The fields it silences.
    pub fields: Vec<String>,
    /// Why; empty when missing (then it silences nothing).
    pub reason: String,
    /// The comment itself, located in the file.
    pub claim: Claim,
}

/// Every suppression in `source` (the `index`-th source of the run).
pub fn find(source: &Source, index: usize) -> Vec<Suppression> {
    let text = source.decoded();
    let bytes = text.as_bytes();
    // The marker in any case, found from its colon (the one colon it has, and a byte far rarer
    // in prose than its letters) without a lower-cased copy of every text.
    let colon = MARKER.find(':').unwrap_or(0);
    let marker_at = |from: usize| {
        memchr::memchr_iter(b':', bytes.get(from + colon..)?).map(|k| from + k).find(|&k| {
            bytes.get(k..k + MARKER.len()).is_some_and(|w| w.eq_ignore_ascii_case(MARKER.as_bytes()))
        })
    };
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = marker_at(from) {
        let rest_start = start + MARKER.len();
        let line_end =
            text.get(rest_start..).and_then(|s| s.find(['\n', '\r'])).map_or(text.len(), |e| rest_start + e);
        let body = text.get(rest_start..line_end).unwrap_or("");
        let body = body.split("-->").next().unwrap_or(body);
        let (names, reason) = match body.split_once("--") {
            Some((names, reason)) => (names, reason.trim()),
            None => (body, ""),
        };
        let fields: Vec<String> = names
            .split([',', ' ', '\t'])
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect();
        let end = start + MARKER.len() + body.len();
        let shown = squash(text.get(start..end).unwrap_or(""));
        found.push(Suppression {
            source: index,
            fields: fields.clone(),
            reason: reason.to_string(),
            claim: Claim {
                source: index,
                field: fields.first().map(|f| f.as_str().into()),
                kind: Kind::Text,
                text: shown.clone(),
                value: Value::Name(reason.to_string()),
                location: source.locate_decoded(start..end),
                sentence: shown.into(),
                scope: None,
                in_heading: false,
            },
        });
        from = line_end.max(start + 1);
    }
    found
}

/// Whether a finding concerns source `source`: it is the draft, or a source whose claim the
/// finding rests on.
fn involves(finding: &Finding, source: usize) -> bool {
    match finding.draft {
        Some(draft) => draft == source,
        None => finding.internal_source == Some(source) || finding.primary_claim(source).is_some(),
    }
}

/// Removes the findings that suppressions silence and adds a finding for every suppression that
/// has no reason or silences nothing. Returns how many findings were silenced.
pub fn apply(findings: &mut Vec<Finding>, suppressions: &[&Suppression], source_count: usize) -> usize {
    let mut used = vec![false; suppressions.len()];
    let before = findings.len();
    findings.retain(|f| {
        if f.verdict == Verdict::Agree {
            return true;
        }
        let silencer = suppressions
            .iter()
            .position(|s| !s.reason.is_empty() && s.fields.contains(&f.field) && involves(f, s.source));
        match silencer {
            Some(i) => {
                if let Some(flag) = used.get_mut(i) {
                    *flag = true;
                }
                false
            }
            None => true,
        }
    });
    let silenced = before - findings.len();
    for (s, was_used) in suppressions.iter().zip(used) {
        let (code, severity, message) = if s.reason.is_empty() {
            (
                Code::SuppressionWithoutReason,
                Severity::Error,
                "this suppression has no reason, so it silences nothing; write one after `--`".to_string(),
            )
        } else if s.fields.is_empty() {
            (
                Code::UnusedSuppression,
                Severity::Warning,
                "this suppression names no field; name one, e.g. `claimdiff: ignore arrests -- why`"
                    .to_string(),
            )
        } else if !was_used {
            (
                Code::UnusedSuppression,
                Severity::Warning,
                format!("this suppression of {} matches no finding any more; remove it", s.fields.join(", ")),
            )
        } else {
            continue;
        };
        let mut primary = vec![None; source_count];
        if let Some(slot) = primary.get_mut(s.source) {
            *slot = Some(0);
        }
        findings.push(Finding {
            field: s.fields.first().cloned().unwrap_or_default(),
            label: "suppression".to_string(),
            scope: None,
            verdict: Verdict::Conflict,
            severity,
            code,
            message,
            rounded: false,
            claims: vec![s.claim.clone()],
            primary,
            outliers: Vec::new(),
            internal_source: None,
            draft: None,
            anchor: Some(0),
        });
    }
    silenced
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Format, Role};

    fn parse(text: &str, format: Format) -> Vec<(Vec<String>, String, usize, usize)> {
        let source = Source::from_bytes("d.md", Role::Draft, format, text.as_bytes()).expect("loads");
        find(&source, 0)
            .into_iter()
            .map(|s| (s.fields, s.reason, s.claim.location.line, s.claim.location.column))
            .collect()
    }

    #[test]
    fn reads_markdown_comments_and_plain_lines() {
        assert_eq!(
            parse(
                "Intro.\n\n<!-- claimdiff: ignore arrests, deaths -- revised after filing -->\n",
                Format::Markdown
            ),
            vec![(
                vec!["arrests".to_string(), "deaths".to_string()],
                "revised after filing".to_string(),
                3,
                6
            )]
        );
        assert_eq!(
            parse("# claimdiff: ignore victims -- counted differently\nText.", Format::Text),
            vec![(vec!["victims".to_string()], "counted differently".to_string(), 1, 3)]
        );
        assert_eq!(
            parse("claimdiff: ignore victims\n", Format::Text),
            vec![(vec!["victims".to_string()], String::new(), 1, 1)]
        );
    }

    #[test]
    fn the_marker_is_read_in_any_case_among_other_colons() {
        let text = "At 10:30: ClaimDiff: Ignore a\nx:claimdiff:ignore no\n:\nCLAIMDIFF: IGNORE b -- why\nclaimdiff: ignor";
        assert_eq!(
            parse(text, Format::Text),
            vec![
                (vec!["a".to_string()], String::new(), 1, 11),
                (vec!["b".to_string()], "why".to_string(), 4, 1)
            ]
        );
    }
}
