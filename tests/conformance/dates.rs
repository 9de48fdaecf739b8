//! Scorer for the date specs: `DateTime/English/DateExtractor.json` and
//! `DateTime/English/DatePeriodExtractor.json`. The rules are written down in
//! `tests/conformance/README.md` (section "Dates"); in short:
//!
//! - Selection: every case whose expected results all have `Type` `date` or `daterange`, and
//!   every case with `Results: []` (nothing may be extracted). In these two files that is every
//!   case.
//! - A case passes when the texts of claimdiff's date claims of the file's type equal the
//!   expected `Text`s, in order. These files give spans only (no values); the values are pinned
//!   by the unit tests of `src/extract/date.rs`.
//! - Mappings: Recognizers' `date` (one day) is a claimdiff date claim whose value is a single
//!   day (`2016-11-07`, `--11-07`, `---07`); its `daterange` is a range (`{start, end}`) or a
//!   single month, year or season-like period (`2016-11`, `2016`). A relative date read without
//!   an article date has no value of either shape (`relative:…`) and counts as either type. The
//!   case's `Context.ReferenceDateTime`, when given, is passed as the article date.
//! - Cases that a deliberate claimdiff convention makes unreachable are listed in [`EXCLUDED`];
//!   cases judged wrong in the spec in [`JUDGED_WRONG`]. Both are counted, and failed.

use std::path::Path;

use claimdiff::claim::{Claim, DateValue, Kind, Value};

use crate::common::{Failure, FileScore, Runner};

/// The files this module scores.
pub const FILES: &[&str] =
    &["DateTime/English/DateExtractor.json", "DateTime/English/DatePeriodExtractor.json"];

/// Cases a deliberate, documented claimdiff convention makes unreachable: (file, input, reason).
/// They stay counted (and failed); the second rate leaves them out. Under 5% of each file.
pub const EXCLUDED: &[(&str, &str, &str)] = &[
    (
        "DateTime/English/DateExtractor.json",
        "a baseball on may the eleventh",
        "a lowercase \"may\" is not a month (README: it is the verb far more often)",
    ),
    (
        "DateTime/English/DateExtractor.json",
        "i'll go back fourth of may",
        "a lowercase \"may\" is not a month",
    ),
    (
        "DateTime/English/DateExtractor.json",
        "i'll go back 4th of march",
        "a lowercase \"march\" is not a month",
    ),
    (
        "DateTime/English/DateExtractor.json",
        "i'll go back may twenty-first",
        "a lowercase \"may\" is not a month",
    ),
    (
        "DateTime/English/DateExtractor.json",
        "i'll go back may twenty one",
        "a lowercase \"may\" is not a month",
    ),
    (
        "DateTime/English/DateExtractor.json",
        "i'll go back 11/12,2016",
        "a numeric date whose day and month can be swapped (11/12) is not read (README)",
    ),
    (
        "DateTime/English/DateExtractor.json",
        "i'll go back 11/12,16",
        "a numeric date whose day and month can be swapped (11/12) is not read (README)",
    ),
    (
        "DateTime/English/DatePeriodExtractor.json",
        "from 10/1 to 11/7",
        "numeric dates whose day and month can be swapped (10/1, 11/7) are not read (README)",
    ),
];

/// Cases judged wrong in the spec: (file, input, reason). Counted and failed, with the reason.
pub const JUDGED_WRONG: &[(&str, &str, &str)] = &[
    ("DateTime/English/DateExtractor.json", "i'll go back the day", "\"the day\" alone names no date"),
    (
        "DateTime/English/DatePeriodExtractor.json",
        "set ooo for 2 weeks starting May 20th",
        "the expected text \"2 weeks starting may 20th\" is not in the input (\"May\" is capitalized there)",
    ),
];

/// Whether a claim is of the spec's `type` (`date` or `daterange`), per the mapping above.
fn of_type(claim: &Claim, kind: &str) -> bool {
    if claim.kind != Kind::Date {
        return false;
    }
    match &claim.value {
        Value::Date(DateValue::Single(d)) => (d.day.is_some()) == (kind == "date"),
        Value::Date(DateValue::Range { .. }) => kind == "daterange",
        Value::Name(n) => n.starts_with("relative:"),
        Value::Quantity(_) => false,
    }
}

fn describe(claim: &Claim) -> String {
    let value = serde_json::to_string(&claim.value).unwrap_or_default();
    format!("{:?} = {value}", claim.text)
}

/// Scores one date spec file (a path under `specs`, e.g. `DateTime/English/DateExtractor.json`).
pub fn score_file(runner: &Runner, specs: &Path, file: &str) -> FileScore {
    let path = specs.join(file);
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("{}: {e}", path.display()))
        .expect("a date spec file is readable");
    let cases: Vec<serde_json::Value> = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| format!("{file}: {e}"))
        .expect("a date spec file is a JSON array");
    let mut score = FileScore { file: file.to_string(), ..FileScore::default() };
    for case in &cases {
        let input = case["Input"].as_str().unwrap_or_default();
        let results = case["Results"].as_array().cloned().unwrap_or_default();
        let types: Vec<&str> = results.iter().filter_map(|r| r["Type"].as_str()).collect();
        // Selection: dates, date ranges, and cases where nothing may be extracted.
        if types.len() != results.len() || !types.iter().all(|t| *t == "date" || *t == "daterange") {
            continue;
        }
        let kind = if file.contains("DatePeriod") { "daterange" } else { "date" };
        let reference = case["Context"]["ReferenceDateTime"].as_str();
        let claims = runner.claims_with_date(input, reference);
        let mut want: Vec<(i64, &str)> = results
            .iter()
            .map(|r| (r["Start"].as_i64().unwrap_or(0), r["Text"].as_str().unwrap_or_default()))
            .collect();
        want.sort_unstable();
        let got: Vec<&Claim> = claims.iter().filter(|c| of_type(c, kind)).collect();
        let got_texts: Vec<&str> = got.iter().map(|c| c.text.as_str()).collect();
        let want_texts: Vec<&str> = want.iter().map(|(_, t)| *t).collect();
        score.cases += 1;
        let excluded = EXCLUDED.iter().find(|(f, i, _)| *f == file && *i == input);
        let wrong = JUDGED_WRONG.iter().find(|(f, i, _)| *f == file && *i == input);
        if excluded.is_some() {
            score.excluded += 1;
        }
        if got_texts == want_texts && excluded.is_none() && wrong.is_none() {
            score.passed += 1;
            continue;
        }
        let note = excluded
            .map(|(_, _, why)| format!("excluded: {why}"))
            .or_else(|| wrong.map(|(_, _, why)| format!("judged wrong in the spec: {why}")));
        score.failures.push(Failure {
            input: input.to_string(),
            expected: format!("{kind} {want_texts:?}"),
            actual: format!(
                "[{}]{}",
                got.iter().map(|c| describe(c)).collect::<Vec<_>>().join(", "),
                reference.map(|r| format!(" (article date {r})")).unwrap_or_default()
            ),
            note,
        });
    }
    score
}
