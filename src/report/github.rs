//! GitHub Actions output: one workflow command per finding, so a pull request is annotated on
//! the line of the claim.
//!
//! Each finding that is not an agreement becomes
//! `::error file=PATH,line=L,col=C,title=TITLE::MESSAGE` (`warning` and `notice` for the lower
//! severities), placed on the finding's anchor claim — in editorial mode the draft's claim. The
//! message says what each source says. Text is escaped by GitHub's rules (`%`, CR and LF in the
//! message; also `:` and `,` in properties) and article text is made terminal-safe first, since
//! the commands also show in the job log. There is no header or summary line: GitHub shows
//! annotations only, and a run without findings prints nothing.

use super::sanitize::for_terminal;
use super::{Report, SourceInfo};
use crate::claim::Claim;
use crate::finding::{Finding, Severity, Verdict};

/// The workflow commands for the findings of `report`, one per line.
pub fn report(report: &Report) -> String {
    report
        .findings
        .iter()
        .filter(|f| f.verdict != Verdict::Agree)
        .map(|f| command(f, &report.sources))
        .collect()
}

/// One `::level properties::message` line.
fn command(finding: &Finding, sources: &[SourceInfo]) -> String {
    let level = match finding.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut properties = Vec::new();
    if let Some(claim) = finding.anchor_claim() {
        properties.push(format!("file={}", escape_property(&path_of(sources, claim.source))));
        properties.push(format!("line={}", claim.location.line));
        properties.push(format!("col={}", claim.location.column));
    }
    let title = format!("claimdiff {}: {}", finding.code.as_str(), finding.label);
    properties.push(format!("title={}", escape_property(&clean(&title))));
    format!("::{level} {}::{}\n", properties.join(","), escape_data(&message(finding, sources)))
}

/// The finding's message, then what each source says: `a.txt says "X"; b.txt says "Y"`.
fn message(finding: &Finding, sources: &[SourceInfo]) -> String {
    let shown: Vec<&Claim> = if finding.internal_source.is_some() {
        finding.claims.iter().collect()
    } else {
        (0..sources.len()).filter_map(|s| finding.primary_claim(s)).collect()
    };
    let says: Vec<String> =
        shown.iter().map(|c| format!("{} says \"{}\"", speaker(sources, c.source), c.text)).collect();
    let text = if says.is_empty() {
        finding.message.clone()
    } else {
        format!("{}: {}", finding.message, says.join("; "))
    };
    clean(&text)
}

/// How a message names a source: its path, or `stdin` for `-`.
fn speaker(sources: &[SourceInfo], index: usize) -> String {
    match sources.get(index).map(|s| s.path.as_str()) {
        Some("-") => "stdin".to_string(),
        path => path.unwrap_or_default().to_string(),
    }
}

fn path_of(sources: &[SourceInfo], index: usize) -> String {
    sources.get(index).map_or_else(String::new, |s| s.path.clone())
}

/// Article text made safe for the job log: through the terminal sanitizer piece by piece, so
/// escapes and bidi controls become visible while line breaks survive (to be encoded as `%0D`
/// and `%0A`).
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for piece in text.split_inclusive(['\n', '\r']) {
        let body = piece.strip_suffix(['\n', '\r']).unwrap_or(piece);
        out.push_str(&for_terminal(body));
        out.push_str(piece.get(body.len()..).unwrap_or_default());
    }
    out
}

/// Escapes a workflow command's message: `%` → `%25`, CR → `%0D`, LF → `%0A`.
fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a workflow command's property value: as a message, plus `:` → `%3A`, `,` → `%2C`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_escapes_percent_and_line_breaks_only() {
        assert_eq!(escape_data("100% sure,\r\nnow: yes"), "100%25 sure,%0D%0Anow: yes");
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn property_also_escapes_colon_and_comma() {
        assert_eq!(escape_property("notes, 100%: a\nb.txt"), "notes%2C 100%25%3A a%0Ab.txt");
        assert_eq!(escape_property("claimdiff value-conflict: deaths"), "claimdiff value-conflict%3A deaths");
    }

    #[test]
    fn clean_keeps_line_breaks_and_shows_hidden_characters() {
        assert_eq!(clean("a\u{202E}b\r\nc\td\n"), "a\\u{202E}b\r\nc d\n");
    }
}
