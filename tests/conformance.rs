//! Conformance against a peer's test suite: Microsoft Recognizers-Text's English number,
//! number-range, percent, currency, ordinal and date specs, read from
//! `../shared/conformance/recognizers-text/` when that folder is present (skipped otherwise).
//!
//! Every case's input is run through claimdiff's real extractor (as `claimdiff extract` does) and
//! scored by the rules in `tests/conformance/README.md`. `cargo test --test conformance --
//! --nocapture` prints one line per file (cases, passed, failed, rate over all cases, rate without
//! the listed exclusions) and a total; `CLAIMDIFF_CONFORMANCE_VERBOSE=1` lists every failure. The
//! ratchet fails when a file's rate over all cases falls below its floor in
//! `tests/conformance/floors.toml`.

#![allow(clippy::expect_used, clippy::print_stdout, clippy::unwrap_used, clippy::indexing_slicing)]

#[allow(dead_code)]
#[path = "conformance/common.rs"]
mod common;
#[allow(dead_code)]
#[path = "conformance/dates.rs"]
mod dates;
#[allow(dead_code)]
#[path = "conformance/numbers.rs"]
mod numbers;

use std::sync::OnceLock;

use common::FileScore;

/// The date files, scored by the date module.
const DATE_FILES: &[&str] =
    &["DateTime/English/DateExtractor.json", "DateTime/English/DatePeriodExtractor.json"];

/// Every file's score, computed once for both tests; `None` when the specs are absent.
fn scores() -> Option<&'static [FileScore]> {
    static SCORES: OnceLock<Option<Vec<FileScore>>> = OnceLock::new();
    SCORES
        .get_or_init(|| {
            let specs = common::specs_dir()?;
            let runner = common::Runner::new();
            let mut scores: Vec<FileScore> =
                numbers::FILES.iter().map(|f| numbers::score_file(&runner, &specs, f)).collect();
            scores.extend(DATE_FILES.iter().map(|f| dates::score_file(&runner, &specs, f)));
            Some(scores)
        })
        .as_deref()
}

const SKIPPED: &str =
    "skipped: ../shared/conformance/recognizers-text/Specs is not beside the project, so conformance cannot be measured";

#[test]
fn conformance_report() {
    let Some(scores) = scores() else {
        println!("{SKIPPED}");
        return;
    };
    println!();
    println!(
        "{:<45} {:>6} {:>6} {:>6} {:>7} {:>9} {:>8}",
        "file", "cases", "passed", "failed", "rate", "excluded", "rate-ex"
    );
    let (mut cases, mut passed, mut excluded) = (0, 0, 0);
    for s in scores {
        println!(
            "{:<45} {:>6} {:>6} {:>6} {:>6.1}% {:>9} {:>7.1}%",
            s.file,
            s.cases,
            s.passed,
            s.cases - s.passed,
            s.rate(),
            s.excluded,
            s.rate_without_excluded()
        );
        cases += s.cases;
        passed += s.passed;
        excluded += s.excluded;
    }
    let total = FileScore { file: "TOTAL".into(), cases, passed, excluded, failures: Vec::new() };
    println!(
        "{:<45} {:>6} {:>6} {:>6} {:>6.1}% {:>9} {:>7.1}%",
        "TOTAL",
        total.cases,
        total.passed,
        total.cases - total.passed,
        total.rate(),
        total.excluded,
        total.rate_without_excluded()
    );
    if common::verbose() {
        for s in scores {
            for f in &s.failures {
                println!(
                    "\nFAIL {}\n  input:    {:?}\n  expected: {}\n  actual:   {}",
                    s.file, f.input, f.expected, f.actual
                );
                if let Some(note) = &f.note {
                    println!("  note:     {note}");
                }
            }
        }
    } else {
        println!("(CLAIMDIFF_CONFORMANCE_VERBOSE=1 lists every failure)");
    }
}

/// The floors of `tests/conformance/floors.toml`: file → lowest allowed rate over all cases.
fn floors() -> Vec<(String, f64)> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance/floors.toml");
    let text = std::fs::read_to_string(&path).expect("tests/conformance/floors.toml is readable");
    let table: toml::Table = toml::from_str(&text).expect("floors.toml is valid TOML");
    let floors =
        table.get("floors").and_then(toml::Value::as_table).expect("floors.toml has a [floors] table");
    floors
        .iter()
        .map(|(file, v)| {
            let rate = v.as_float().or_else(|| v.as_integer().map(|i| i as f64));
            (file.clone(), rate.expect("every floor in floors.toml is a number"))
        })
        .collect()
}

#[test]
fn conformance_ratchet() {
    let floors = floors();
    let Some(scores) = scores() else {
        println!("{SKIPPED}");
        return;
    };
    let mut below = Vec::new();
    for (file, floor) in &floors {
        let Some(score) = scores.iter().find(|s| &s.file == file) else {
            below.push(format!("{file}: in floors.toml but not scored"));
            continue;
        };
        // A module not written yet scores no case; its floor applies once it does.
        if score.cases > 0 && score.rate() + 1e-9 < *floor {
            below.push(format!("{file}: {:.1}% is below the floor {floor:.1}%", score.rate()));
        }
    }
    assert!(below.is_empty(), "conformance fell below its floors:\n  {}", below.join("\n  "));
}
