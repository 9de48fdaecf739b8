//! Markdown output: a summary sized for a pull-request comment.
//!
//! A heading with the verdict counts, the diff table as a Markdown table (one column per source
//! up to four sources, else the long layout field | source | says | verdict, as in the terminal
//! table), the sources, then each conflict with `path:line:column`, the exact text and the
//! message. Article text is untrusted: in table cells and prose it is escaped so it cannot end a
//! cell, open a link or emphasis, or inject HTML; the exact text goes into code spans whose fence
//! is longer than any backtick run inside. The comment stays short: at most [`MAX_ROWS`] table rows
//! and [`MAX_CONFLICTS`] conflict details, then "… and N more".

use super::sanitize::for_terminal;
use super::{is_suppression_problem, short_labels, Report, SourceInfo};
use crate::claim::Claim;
use crate::finding::{is_marked, Finding, Verdict};
use crate::source::Role;

/// Most table rows shown; the rest are counted.
pub const MAX_ROWS: usize = 50;
/// Most conflicts spelled out; the rest are counted.
pub const MAX_CONFLICTS: usize = 20;
const WIDE_LIMIT: usize = 4;

/// The `check` report as a Markdown comment.
pub fn report(report: &Report) -> String {
    let labels = short_labels(&report.sources);
    let mut out = format!("### claimdiff: {}\n\n", counts(report));
    let rows: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.internal_source.is_none() && !is_suppression_problem(f))
        .collect();
    if rows.is_empty() {
        out.push_str("No field was stated by the sources (nothing to compare).\n\n");
    } else {
        out.push_str(&table(report, &rows, &labels));
        out.push('\n');
    }
    out.push_str(&sources_line(report, &labels));
    let conflicts: Vec<&Finding> =
        report.findings.iter().filter(|f| f.verdict == Verdict::Conflict).collect();
    if !conflicts.is_empty() {
        out.push_str("\n#### Conflicts\n\n");
        for f in conflicts.iter().take(MAX_CONFLICTS) {
            out.push_str(&details(f, &report.sources));
        }
        if conflicts.len() > MAX_CONFLICTS {
            out.push_str(&format!("\n… and {} more conflicts\n", conflicts.len() - MAX_CONFLICTS));
        }
    }
    out
}

/// "1 conflict, 5 agree, 0 one-sided", plus the counts that are not zero among the rest.
fn counts(report: &Report) -> String {
    let s = report.summary();
    let mut text = format!(
        "{} conflict{}, {} agree, {} one-sided",
        s.conflicts,
        if s.conflicts == 1 { "" } else { "s" },
        s.agreements,
        s.gaps
    );
    for (count, what) in [
        (s.unsupported, "unsupported"),
        (s.suppressed, "suppressed"),
        (s.baselined, "in the baseline"),
        (s.suppression_problems, "suppression problems"),
    ] {
        if count > 0 {
            text.push_str(&format!(", {count} {what}"));
        }
    }
    text
}

fn table(report: &Report, rows: &[&Finding], labels: &[String]) -> String {
    let drafts = report.sources.iter().filter(|s| s.role == Role::Draft).count();
    let mut out = String::new();
    let mut shown_rows = 0;
    let mut shown_findings = 0;
    if report.sources.len() <= WIDE_LIMIT {
        out.push_str("| field |");
        for label in labels {
            out.push_str(&format!(" {} |", cell(label)));
        }
        out.push_str(" verdict |\n|---|");
        out.push_str(&"---|".repeat(labels.len()));
        out.push_str("---|\n");
        for f in rows.iter().take(MAX_ROWS) {
            out.push_str(&format!("| {} |", field_cell(f, labels, drafts)));
            for s in 0..report.sources.len() {
                out.push_str(&format!(" {} |", says(f, s)));
            }
            out.push_str(&format!(" {} |\n", verdict_text(f)));
            shown_findings += 1;
        }
    } else {
        out.push_str("| field | source | says | verdict |\n|---|---|---|---|\n");
        for f in rows {
            let stating: Vec<usize> =
                (0..report.sources.len()).filter(|&s| f.primary_claim(s).is_some()).collect();
            // Whole fields only; the first one is shown even if it alone is longer than the limit.
            if shown_findings > 0 && shown_rows + stating.len() > MAX_ROWS {
                break;
            }
            let outliers = f.outlier_marks();
            for (n, &s) in stating.iter().enumerate() {
                let label = labels.get(s).map_or("", String::as_str);
                let marker = if is_marked(&outliers, s) { " (outlier)" } else { "" };
                out.push_str(&format!(
                    "| {} | {}{marker} | {} | {} |\n",
                    if n == 0 { field_cell(f, labels, drafts) } else { String::new() },
                    cell(label),
                    says(f, s),
                    if n == 0 { verdict_text(f) } else { String::new() },
                ));
            }
            shown_rows += stating.len();
            shown_findings += 1;
        }
    }
    if rows.len() > shown_findings {
        out.push_str(&format!("\n… and {} more fields\n", rows.len() - shown_findings));
    }
    out
}

/// The field cell: label, scope and, with several drafts, the draft the row is about.
fn field_cell(f: &Finding, labels: &[String], drafts: usize) -> String {
    let mut text = f.label.clone();
    if let Some(scope) = &f.scope {
        text.push_str(&format!(" [{}]", scope.label));
    }
    if let Some(draft) = f.draft.and_then(|d| labels.get(d)).filter(|_| drafts > 1) {
        text.push_str(&format!(" · {draft}"));
    }
    cell(&text)
}

/// What one source says: its primary claim's text and how many more mentions it has.
fn says(f: &Finding, source: usize) -> String {
    let Some(primary) = f.primary_claim(source) else { return "—".to_string() };
    let others = f.claims.iter().filter(|c| c.source == source).count().saturating_sub(1);
    if others > 0 {
        format!("{} (+{others})", cell(&primary.text))
    } else {
        cell(&primary.text)
    }
}

fn verdict_text(f: &Finding) -> String {
    let words = super::verdict_words(f);
    let word = if words.loud { format!("**{}**", words.word) } else { words.word.to_string() };
    match words.note {
        Some(note) => format!("{word} ({note})"),
        None => word,
    }
}

/// "3 sources, 6 fields: **a** `a.txt` (draft), …".
fn sources_line(report: &Report, labels: &[String]) -> String {
    let s = report.summary();
    let editorial = report.sources.iter().any(|s| s.role != Role::Source);
    let named: Vec<String> = labels
        .iter()
        .zip(&report.sources)
        .map(|(label, source)| {
            let role = if editorial { format!(" ({})", source.role.as_str()) } else { String::new() };
            format!("**{}** {}{role}", cell(label), code(&source.path))
        })
        .collect();
    format!(
        "{} source{}, {} field{}: {}\n",
        s.sources,
        if s.sources == 1 { "" } else { "s" },
        s.fields,
        if s.fields == 1 { "" } else { "s" },
        named.join(", ")
    )
}

/// One conflict: a bullet with the field, severity, code and message, then one sub-bullet per
/// claim with `path:line:column` and the exact text.
fn details(f: &Finding, sources: &[SourceInfo]) -> String {
    let mut text = f.label.clone();
    if let Some(scope) = &f.scope {
        text.push_str(&format!(" [{}]", scope.label));
    }
    let mut out = format!(
        "- **{}** ({}, `{}`): {}\n",
        cell(&text),
        f.severity.as_str(),
        f.code.as_str(),
        cell(&f.message)
    );
    let shown: Vec<&Claim> = if f.internal_source.is_some() {
        f.claims.iter().collect()
    } else {
        (0..sources.len()).filter_map(|s| f.primary_claim(s)).collect()
    };
    let outliers = f.outlier_marks();
    for claim in shown {
        let path = sources.get(claim.source).map_or("", |s| s.path.as_str());
        let at = format!("{path}:{}:{}", claim.location.line, claim.location.column);
        let outlier = f.draft.is_none() && is_marked(&outliers, claim.source);
        out.push_str(&format!(
            "  - {} {}{}\n",
            code(&at),
            code(&claim.text),
            if outlier { " (outlier)" } else { "" }
        ));
    }
    out
}

/// Text for a table cell or prose: hidden characters made visible, line breaks folded, and every
/// character escaped that could end a cell (`|`), start code, emphasis or a link, open HTML, or
/// mention a GitHub user (`@`).
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in for_terminal(text).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            // An entity, so "@name" in article text never notifies a GitHub user.
            '@' => out.push_str("&#64;"),
            '\\' | '`' | '|' | '*' | '_' | '[' | ']' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A code span showing `text` exactly: the fence is one backtick longer than the longest run of
/// backticks inside, and a space pads text that starts or ends with a backtick or a space.
fn code(text: &str) -> String {
    let text = for_terminal(text);
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = text.starts_with(['`', ' ']) || text.ends_with(['`', ' ']);
    let space = if pad { " " } else { "" };
    format!("{fence}{space}{text}{space}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::{Kind, Location, Value};
    use crate::finding::{Code, Severity};

    fn finding(n: usize, verdict: Verdict, sources: usize) -> Finding {
        let claims: Vec<Claim> = (0..sources)
            .map(|source| Claim {
                source,
                field: Some(format!("f{n}").into()),
                kind: Kind::Text,
                text: format!("v{source}"),
                value: Value::Name(format!("v{source}")),
                location: Location { start: 0, end: 2, line: n + 1, column: 1 },
                sentence: "".into(),
                scope: None,
                in_heading: false,
            })
            .collect();
        Finding {
            field: format!("f{n}"),
            label: format!("f{n}"),
            scope: None,
            verdict,
            severity: if verdict == Verdict::Conflict { Severity::Error } else { Severity::Info },
            code: if verdict == Verdict::Conflict { Code::ValueConflict } else { Code::Agreement },
            message: "m".to_string(),
            rounded: false,
            primary: (0..sources).map(Some).collect(),
            claims,
            outliers: Vec::new(),
            internal_source: None,
            draft: None,
            anchor: None,
        }
    }

    fn report_of(conflicts: usize, agreements: usize, sources: usize) -> Report {
        let findings = (0..conflicts)
            .map(|n| finding(n, Verdict::Conflict, sources))
            .chain((conflicts..conflicts + agreements).map(|n| finding(n, Verdict::Agree, sources)))
            .collect();
        let sources =
            (0..sources).map(|i| SourceInfo { path: format!("s{i}.txt"), role: Role::Source }).collect();
        Report { sources, findings, suppressed: 0, baselined: 0 }
    }

    #[test]
    fn long_reports_are_cut_with_a_count() {
        let out = report(&report_of(25, 40, 2));
        assert_eq!(
            out.lines().filter(|l| l.starts_with("| f") && !l.starts_with("| field")).count(),
            MAX_ROWS
        );
        assert!(out.contains("\n… and 15 more fields\n"), "{out}");
        assert_eq!(out.lines().filter(|l| l.starts_with("- **f")).count(), MAX_CONFLICTS);
        assert!(out.ends_with("\n… and 5 more conflicts\n"), "{out}");
    }

    #[test]
    fn the_long_layout_cuts_between_fields() {
        // Five sources: five rows a field, so ten whole fields fill the fifty rows.
        let out = report(&report_of(0, 12, 5));
        assert!(out.contains("| field | source | says | verdict |"));
        assert_eq!(out.lines().filter(|l| l.starts_with("| ")).count(), 1 + MAX_ROWS);
        assert!(out.contains("\n… and 2 more fields\n"), "{out}");
    }

    #[test]
    fn cells_cannot_break_the_table_or_inject_html() {
        assert_eq!(cell("a|b`c<d>e\nf"), r"a\|b\`c&lt;d&gt;e f");
        assert_eq!(cell("<img src=x onerror=alert(1)>"), "&lt;img src=x onerror=alert(1)&gt;");
        assert_eq!(cell("[click](http://x) *b* _i_ ~s~"), r"\[click\](http://x) \*b\* \_i\_ \~s\~");
        assert_eq!(cell("a\u{202E}b & c\\d"), r"a\\u{202E}b &amp; c\\d");
        assert_eq!(cell("Jürgen Stock"), "Jürgen Stock");
        assert_eq!(cell("thanks @octocat"), "thanks &#64;octocat");
    }

    #[test]
    fn code_spans_outlast_backticks_inside() {
        assert_eq!(code("84"), "`84`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x``"), "``` `x`` ```");
        assert_eq!(code("two\nlines <b>"), "`two lines <b>`");
    }
}
