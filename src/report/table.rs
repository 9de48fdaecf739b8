//! The diff table for people.
//!
//! Up to four sources: one column per source. More: a long layout with one row per field and
//! source, so the table never grows wider than a terminal. Under the table, every conflict is
//! spelled out with path:line:column, the sentence, and the characters that differ.

use comfy_table::{presets, Cell, ContentArrangement, Table};
use similar::{ChangeTag, TextDiff};

use super::is_suppression_problem;
use super::sanitize::for_terminal;
use super::{short_labels, Report, SourceInfo, Style};
use crate::claim::{Claim, Interval, Qualifier, Quantity, Value};
use crate::extract::number::describe;
use crate::finding::{is_marked, Code, Finding, Severity, Verdict};
use crate::rules::Rulebook;
use crate::source::Role;

const WIDE_LIMIT: usize = 4;
const RED: &str = "\u{1b}[31m";
const GREEN: &str = "\u{1b}[32m";
const YELLOW: &str = "\u{1b}[33m";
const BOLD: &str = "\u{1b}[1m";
const RESET: &str = "\u{1b}[0m";

pub(super) fn new_table() -> Table {
    let mut table = Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Disabled);
    table
}

fn paint(text: &str, code: &str, style: Style) -> String {
    if style.color {
        format!("{code}{text}{RESET}")
    } else {
        text.to_string()
    }
}

fn verdict_text(f: &Finding) -> String {
    let words = super::verdict_words(f);
    let word = if words.loud { words.word.to_uppercase() } else { words.word.to_string() };
    match words.note {
        Some(note) => format!("{word} ({note})"),
        None => word,
    }
}

fn field_text(f: &Finding) -> String {
    match &f.scope {
        Some(scope) => format!("{} [{}]", f.label, for_terminal(&scope.label)),
        None => f.label.clone(),
    }
}

/// The field cell: with several drafts, it also names the draft the row is about.
fn row_label(f: &Finding, labels: &[String], drafts: usize) -> String {
    match f.draft.and_then(|d| labels.get(d)) {
        Some(draft) if drafts > 1 => format!("{} · {}", field_text(f), for_terminal(draft)),
        _ => field_text(f),
    }
}

/// Above this many sources the table shows, per field, how many sources hold each value.
const SUMMARY_LIMIT: usize = 20;
/// How many claims a conflict's details list before summarizing the rest.
const DETAIL_LIMIT: usize = 12;
/// How many distinct values a summary row lists before "… N other values".
const SUMMARY_VALUES: usize = 5;

/// Distinct values of a finding with who holds them, most held first: ("3,744", "9,812 sources").
fn value_groups(f: &Finding, labels: &[String]) -> Vec<(String, String)> {
    let mut groups: std::collections::BTreeMap<String, Vec<usize>> = std::collections::BTreeMap::new();
    // Thousands of sources share a handful of values: each is written out once. Claims read
    // from the same words to the same value show the same (0 and -0 are equal values, but are
    // never read from the same words).
    let mut shown: Vec<(&crate::claim::Claim, String)> = Vec::new();
    for (source, slot) in f.primary.iter().enumerate() {
        if let Some(claim) = slot.and_then(|i| f.claims.get(i)) {
            let text =
                match shown.iter().find(|(seen, _)| seen.value == claim.value && seen.text == claim.text) {
                    Some((_, text)) => text.clone(),
                    None => {
                        let text = for_terminal(&claim.value.display());
                        if shown.len() < 32 {
                            shown.push((claim, text.clone()));
                        }
                        text
                    }
                };
            groups.entry(text).or_default().push(source);
        }
    }
    let mut ordered: Vec<(String, Vec<usize>)> = groups.into_iter().collect();
    ordered.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
    let extra = ordered.len().saturating_sub(SUMMARY_VALUES);
    let mut rows: Vec<(String, String)> = ordered
        .into_iter()
        .take(SUMMARY_VALUES)
        .map(|(value, holders)| {
            let who = if holders.len() <= 3 {
                let names: Vec<&str> =
                    holders.iter().filter_map(|&h| labels.get(h).map(String::as_str)).collect();
                format!("{}: {}", holders.len(), for_terminal(&names.join(", ")))
            } else {
                format!("{} sources", holders.len())
            };
            (value, who)
        })
        .collect();
    if extra > 0 {
        rows.push((format!("… {extra} other values"), String::new()));
    }
    rows
}

/// What one source says for a finding: its primary claim, and how many more mentions it has.
fn cell_for(f: &Finding, source: usize) -> String {
    let Some(primary) = f.primary_claim(source) else { return "—".to_string() };
    let others = f.claims.iter().filter(|c| c.source == source).count().saturating_sub(1);
    let text = for_terminal(&primary.text);
    if others > 0 {
        format!("{text} (+{others})")
    } else {
        text
    }
}

/// The `check` report as a table with conflict details and a summary line.
pub fn report(report: &Report, style: Style) -> String {
    let labels = short_labels(&report.sources);
    let mut out = String::new();
    let rows: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.internal_source.is_none() && !is_suppression_problem(f))
        .collect();
    let drafts = report.sources.iter().filter(|s| s.role == Role::Draft).count();
    let mut table = new_table();
    if report.sources.len() <= WIDE_LIMIT {
        let mut header = vec![Cell::new("field")];
        header.extend(labels.iter().map(|l| Cell::new(for_terminal(l))));
        header.push(Cell::new("verdict"));
        table.set_header(header);
        for f in &rows {
            let mut row = vec![row_label(f, &labels, drafts)];
            row.extend((0..report.sources.len()).map(|s| cell_for(f, s)));
            row.push(verdict_text(f));
            table.add_row(row);
        }
    } else if report.sources.len() > SUMMARY_LIMIT {
        // Thousands of sources: per field, each value and how many sources hold it.
        table.set_header(vec!["field", "says", "sources", "verdict"]);
        for f in &rows {
            let mut first = true;
            for (value, holders) in value_groups(f, &labels) {
                table.add_row(vec![
                    if first { row_label(f, &labels, drafts) } else { String::new() },
                    value,
                    holders,
                    if first { verdict_text(f) } else { String::new() },
                ]);
                first = false;
            }
        }
    } else {
        table.set_header(vec!["field", "source", "says", "verdict"]);
        for f in &rows {
            let mut first = true;
            let outliers = f.outlier_marks();
            for (s, label) in labels.iter().enumerate() {
                if f.primary_claim(s).is_none() {
                    continue;
                }
                let marker = if is_marked(&outliers, s) { " (outlier)" } else { "" };
                table.add_row(vec![
                    if first { row_label(f, &labels, drafts) } else { String::new() },
                    format!("{}{marker}", for_terminal(label)),
                    cell_for(f, s),
                    if first { verdict_text(f) } else { String::new() },
                ]);
                first = false;
            }
        }
    }
    if rows.is_empty() && report.suppressed > 0 {
        out.push_str(&format!("No finding left to show ({} suppressed).\n", report.suppressed));
    } else if rows.is_empty() {
        out.push_str("No field was stated by the sources (nothing to compare).\n");
    } else {
        out.push_str(&table.to_string());
        out.push('\n');
    }
    out.push('\n');
    let editorial = report.sources.iter().any(|s| s.role != Role::Source);
    let legend_limit = if report.sources.len() > SUMMARY_LIMIT { SUMMARY_LIMIT } else { usize::MAX };
    if report.sources.len() > legend_limit {
        out.push_str(&format!("  {} sources; the first {legend_limit}:\n", report.sources.len()));
    }
    for (label, source) in labels.iter().zip(&report.sources).take(legend_limit) {
        let role = if editorial { format!(" ({})", source.role.as_str()) } else { String::new() };
        out.push_str(&format!("  {} = {}{role}\n", for_terminal(label), for_terminal(&source.path)));
    }
    for f in report.findings.iter().filter(|f| f.verdict == Verdict::Conflict) {
        out.push('\n');
        out.push_str(&conflict_details(f, report, &labels, style));
    }
    let s = report.summary();
    out.push('\n');
    let conflicts = format!("{} conflict{}", s.conflicts, if s.conflicts == 1 { "" } else { "s" });
    let mut extra = String::new();
    for (count, what) in
        [(s.unsupported, "unsupported"), (s.suppressed, "suppressed"), (s.baselined, "in the baseline")]
    {
        if count > 0 {
            extra.push_str(&format!(", {count} {what}"));
        }
    }
    out.push_str(&format!(
        "{} source{}, {} field{}: {}, {} agree, {} one-sided{extra}\n",
        s.sources,
        if s.sources == 1 { "" } else { "s" },
        s.fields,
        if s.fields == 1 { "" } else { "s" },
        if s.conflicts > 0 { paint(&conflicts, RED, style) } else { paint(&conflicts, GREEN, style) },
        s.agreements,
        s.gaps
    ));
    out
}

fn conflict_details(f: &Finding, report: &Report, labels: &[String], style: Style) -> String {
    let colour = if f.severity == Severity::Error { RED } else { YELLOW };
    let mut out = format!(
        "{} {}: {}\n",
        paint(&format!("{}[{}]", f.severity.as_str(), f.code.as_str()), colour, style),
        paint(&field_text(f), BOLD, style),
        for_terminal(&f.message)
    );
    let shown: Vec<&Claim> = if f.internal_source.is_some() || f.code == Code::OutdatedHolder {
        f.claims.iter().collect()
    } else {
        f.primary.iter().flatten().filter_map(|&i| f.claims.get(i)).collect()
    };
    let width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    // With many sources, show the outliers and a few of the rest, not every source.
    let total_shown = shown.len();
    let shown: Vec<&Claim> = if total_shown > DETAIL_LIMIT {
        let outliers = f.outlier_marks();
        let (odd, rest): (Vec<&Claim>, Vec<&Claim>) =
            shown.into_iter().partition(|c| is_marked(&outliers, c.source));
        odd.into_iter().take(DETAIL_LIMIT).chain(rest.into_iter().take(3)).collect()
    } else {
        shown
    };
    for claim in &shown {
        let label = labels.get(claim.source).map_or("", String::as_str);
        let path = report.sources.get(claim.source).map_or("", |s| s.path.as_str());
        out.push_str(&format!(
            "  {:width$}  {}:{}:{}  {}\n",
            for_terminal(label),
            for_terminal(path),
            claim.location.line,
            claim.location.column,
            paint(&format!("\"{}\"", for_terminal(&claim.text)), BOLD, style),
        ));
        if !claim.sentence.is_empty() {
            out.push_str(&format!(
                "  {:width$}  in: {}\n",
                "",
                for_terminal(&excerpt(&claim.sentence, &claim.text))
            ));
        }
        if let Value::Quantity(q) = &claim.value {
            out.push_str(&format!("  {:width$}  reads as: {}\n", "", reading(q)));
        }
    }
    let names = shown.iter().all(|c| !matches!(c.value, Value::Quantity(_)))
        && matches!(f.code, Code::ValueConflict | Code::ReferenceConflict);
    if let (Some(first), true) = (shown.first(), f.internal_source.is_none() && names) {
        for other in shown.iter().skip(1) {
            if other.value.display() != first.value.display() {
                out.push_str(&format!(
                    "  {:width$}  differs: {}\n",
                    "",
                    char_diff(&first.value.display(), &other.value.display(), style)
                ));
            }
        }
    }
    if total_shown > shown.len() {
        out.push_str(&format!(
            "  … and {} more sources (the JSON report lists every claim)\n",
            total_shown - shown.len()
        ));
    }
    if let Some(draft) = f.draft.and_then(|d| report.sources.get(d)) {
        if f.code == Code::ReferenceConflict {
            let names: Vec<String> = f
                .outliers
                .iter()
                .filter_map(|&i| report.sources.get(i).map(|s| for_terminal(&s.path)))
                .collect();
            out.push_str(&format!(
                "  the draft {} is not blamed; check {}\n",
                for_terminal(&draft.path),
                names.join(", ")
            ));
        }
    } else if !f.outliers.is_empty() {
        let names: Vec<String> =
            f.outliers.iter().filter_map(|&i| report.sources.get(i).map(|s| for_terminal(&s.path))).collect();
        out.push_str(&format!("  outlier: {} (the other sources agree with each other)\n", names.join(", ")));
    }
    out
}

/// How a figure was read: its customary interval, and the logical one when that differs.
fn reading(q: &Quantity) -> String {
    let customary = interval_text(&q.approx, q.unit.as_deref());
    if q.logical == q.approx {
        customary
    } else {
        format!("{customary} (strictly {})", interval_text(&q.logical, q.unit.as_deref()))
    }
}

fn interval_text(i: &Interval, unit: Option<&str>) -> String {
    let number = |v: f64| {
        describe(&Quantity {
            figure: v,
            qualifier: Qualifier::None,
            logical: Interval::point(v),
            approx: Interval::point(v),
            unit: None,
        })
    };
    let unit = match unit {
        Some("percent") => "%".to_string(),
        Some(code) => format!(" {code}"),
        None => String::new(),
    };
    match (i.min, i.max) {
        (Some(lo), Some(hi)) if lo == hi => format!("{}{unit}", number(lo)),
        (lo, hi) => format!(
            "{}{}, {}{}{unit}",
            if i.min_inclusive { '[' } else { '(' },
            lo.map_or("-∞".to_string(), number),
            hi.map_or("∞".to_string(), number),
            if i.max_inclusive { ']' } else { ')' },
        ),
    }
}

/// The sentence, cut to about 160 characters around the claim.
fn excerpt(sentence: &str, claim: &str) -> String {
    const LIMIT: usize = 160;
    let chars: Vec<char> = sentence.chars().collect();
    if chars.len() <= LIMIT {
        return sentence.to_string();
    }
    let at = sentence.find(claim).map_or(0, |b| sentence.get(..b).map_or(0, |s| s.chars().count()));
    let start = at.saturating_sub(LIMIT / 2).min(chars.len().saturating_sub(LIMIT));
    let end = (start + LIMIT).min(chars.len());
    let body: String = chars.get(start..end).map(|c| c.iter().collect()).unwrap_or_default();
    format!("{}{}{}", if start > 0 { "…" } else { "" }, body, if end < chars.len() { "…" } else { "" })
}

/// Character diff of two values: `[-old-]{+new+}` marks, or red/green on a colour terminal.
fn char_diff(a: &str, b: &str, style: Style) -> String {
    // Characters for near misses ("Elaine"/"Ellen"); whole words when the values barely overlap,
    // where a character diff would be noise.
    let chars = TextDiff::from_chars(a, b);
    let words;
    let diff = if chars.ratio() >= 0.5 {
        &chars
    } else {
        words = TextDiff::from_words(a, b);
        &words
    };
    let mut out = String::new();
    let mut run: Option<ChangeTag> = None;
    let close = |out: &mut String, tag: Option<ChangeTag>| match tag {
        Some(ChangeTag::Delete) => out.push_str(if style.color { RESET } else { "-]" }),
        Some(ChangeTag::Insert) => out.push_str(if style.color { RESET } else { "+}" }),
        _ => {}
    };
    for change in diff.iter_all_changes() {
        let tag = change.tag();
        if run != Some(tag) {
            close(&mut out, run);
            match tag {
                ChangeTag::Delete => out.push_str(if style.color { RED } else { "[-" }),
                ChangeTag::Insert => out.push_str(if style.color { GREEN } else { "{+" }),
                ChangeTag::Equal => {}
            }
            run = Some(tag);
        }
        out.push_str(&for_terminal(change.value()));
    }
    close(&mut out, run);
    out
}

/// Every claim of an `extract` run.
pub fn claims(claims: &[Claim], sources: &[SourceInfo]) -> String {
    let paths: Vec<&str> = sources.iter().map(|s| s.path.as_str()).collect();
    super::claims_table::ClaimRows::of_run(claims, &paths).render(sources.len())
}

/// The rulebook in force.
pub fn rules(rules: &Rulebook) -> String {
    let mut table = new_table();
    table.set_header(vec!["field", "kind", "comparator", "severity", "cues", "defined at"]);
    for f in &rules.fields {
        let mut cues = f.cues.join(", ");
        if cues.chars().count() > 60 {
            cues = format!("{}…", cues.chars().take(59).collect::<String>());
        }
        table.add_row(vec![
            f.name.clone(),
            f.kind.as_str().to_string(),
            f.comparator.as_str().to_string(),
            f.severity.as_str().to_string(),
            cues,
            format!("{}:{}", f.origin.file, f.origin.line),
        ]);
    }
    let mut out = format!("{table}\n\nRule files, in the order they were applied:\n");
    for s in &rules.sources {
        out.push_str(&format!("  {s}\n"));
    }
    out.push_str(&format!(
        "\n{} fields, {} aliases, {} place containments, {} other-event phrases\n",
        rules.fields.len(),
        rules.aliases.len(),
        rules.containers.values().map(std::collections::BTreeSet::len).sum::<usize>(),
        rules.scope.other_event_phrases.len()
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_marks_changed_characters() {
        let plain = Style { color: false };
        assert_eq!(char_diff("Elaine Brooks", "Ellen Brooks", plain), "El[-ain-]{+l+}e{+n+} Brooks");
        assert_eq!(char_diff("same", "same", plain), "same");
    }

    #[test]
    fn excerpt_keeps_short_sentences_whole() {
        assert_eq!(excerpt("Short one.", "one"), "Short one.");
        let long = format!("{} 3,744 {}", "a".repeat(200), "b".repeat(200));
        let cut = excerpt(&long, "3,744");
        assert!(cut.starts_with('…') && cut.ends_with('…') && cut.contains("3,744"));
        assert_eq!(cut.chars().count(), 162);
    }
}
