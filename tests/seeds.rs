//! The founding case: the two seed articles in `../shared/seeds/` must give exactly the table of
//! that folder's README — one conflict (the Secretary General), eight agreements, one one-sided
//! field, and nothing about other events. Skipped, with a printed reason, when the folder is absent.

#![allow(clippy::expect_used, clippy::print_stdout, clippy::unwrap_used, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn seeds() -> Option<(PathBuf, [String; 2])> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("shared").join("seeds");
    let files = ["000_aaef34ebc1dffb6a.txt", "004_5b5b4b89f11e973f.txt"];
    if files.iter().all(|f| dir.join(f).is_file()) {
        Some((dir, files.map(String::from)))
    } else {
        println!(
            "skipped: ../shared/seeds/ is not beside the project, so the seed articles cannot be checked"
        );
        None
    }
}

fn run(args: &[&str], dir: &Path) -> (Value, i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_claimdiff"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("claimdiff runs");
    let json = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (json, output.status.code().unwrap_or(-1), String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn seed_articles_give_the_founding_table() {
    let Some((dir, [a, b])) = seeds() else { return };
    let (report, status, _) = run(&["check", "--isolated", "--format", "json", &a, &b], &dir);
    assert_eq!(status, 1, "one error-level conflict means exit status 1");

    let rows: Vec<(String, String, String)> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap_or("").to_string(),
                f["verdict"].as_str().unwrap_or("").to_string(),
                f["severity"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let expected: Vec<(String, String, String)> = [
        ("secretary_general", "conflict", "error"),
        ("arrests", "agree", "info"),
        ("victims", "agree", "info"),
        ("officers", "agree", "info"),
        ("participating_countries", "agree", "info"),
        ("irregular_migration", "agree", "info"),
        ("investigations", "agree", "info"),
        ("event_date", "agree", "info"),
        ("headquarters", "agree", "info"),
        ("member_countries", "gap", "info"),
    ]
    .iter()
    .map(|(f, v, s)| (f.to_string(), v.to_string(), s.to_string()))
    .collect();
    assert_eq!(rows, expected);
    assert_eq!(
        report["summary"],
        serde_json::json!({
            "sources": 2, "fields": 10, "conflicts": 1, "agreements": 8, "gaps": 1,
            "unsupported": 0, "suppressed": 0, "baselined": 0, "suppression_problems": 0
        })
    );

    let conflict = &report["findings"][0];
    let claims: Vec<(String, String, u64, u64)> = conflict["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .map(|c| {
            (
                c["source"].as_str().unwrap_or("").to_string(),
                c["text"].as_str().unwrap_or("").to_string(),
                c["line"].as_u64().unwrap_or(0),
                c["column"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        claims,
        vec![
            (a.clone(), "Valdecy Urquiza".to_string(), 14, 138),
            (b.clone(), "Jürgen Stock".to_string(), 31, 28)
        ]
    );
}

#[test]
fn seed_primary_values_are_the_ones_a_reader_sees() {
    let Some((dir, [a, b])) = seeds() else { return };
    let (report, _, _) = run(&["check", "--isolated", "--format", "json", &a, &b], &dir);
    let primary = |field: &str| -> Vec<String> {
        report["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|f| f["field"] == field)
            .flat_map(|f| f["claims"].as_array().cloned().unwrap_or_default())
            .filter(|c| c["primary"] == true)
            .map(|c| c["text"].as_str().unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(primary("arrests"), vec!["3,744", "3,744"]);
    assert_eq!(primary("victims"), vec!["4,414", "4,414"]);
    assert_eq!(primary("officers"), vec!["14,000", "Approximately 14,000"]);
    assert_eq!(primary("participating_countries"), vec!["119", "119"]);
    assert_eq!(primary("irregular_migration"), vec!["12,992", "12,992"]);
    assert_eq!(primary("investigations"), vec!["at least 720", "at least 720"]);
    assert_eq!(
        primary("event_date"),
        vec!["between November 10th and November 21st", "from November 10 to November 21, 2025"]
    );
    assert_eq!(primary("headquarters"), vec!["France", "Lyon, France"]);
    assert_eq!(primary("member_countries"), vec!["196"]);
}

#[test]
fn seed_figures_about_other_events_keep_their_scope() {
    let Some((dir, [a, _])) = seeds() else { return };
    let (claims, status, _) = run(&["extract", "--isolated", "--format", "json", &a], &dir);
    assert_eq!(status, 0);
    let scoped: Vec<(String, Option<String>)> = claims["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .filter(|c| {
            ["more than 200", "1,209", "approximately 88,000", "450"]
                .contains(&c["text"].as_str().unwrap_or(""))
        })
        .map(|c| (c["text"].as_str().unwrap_or("").to_string(), c["scope"].as_str().map(String::from)))
        .collect();
    assert_eq!(
        scoped,
        vec![
            ("more than 200".to_string(), Some("in West and Central Africa".to_string())),
            ("1,209".to_string(), Some("a 2025 cybercrime crackdown".to_string())),
            ("approximately 88,000".to_string(), Some("a 2025 cybercrime crackdown".to_string())),
            ("450".to_string(), Some("in Asia".to_string())),
        ]
    );
    let years: Vec<&Value> = claims["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .filter(|c| c["text"] == "2024" || c["text"] == "2025")
        .collect();
    assert!(years.is_empty(), "years are not claims: {years:?}");
}

#[test]
fn seed_table_output_is_stable() {
    let Some((dir, [a, b])) = seeds() else { return };
    let first = run(&["check", "--isolated", &a, &b], &dir).2;
    let again = run(&["check", "--isolated", &a, &b], &dir).2;
    assert_eq!(first, again);
    assert!(first.contains("differs: [-Valdecy-]{+Jürgen+} [-Urquiza-]{+Stock+}"), "{first}");
    assert!(first.ends_with("2 sources, 10 fields: 1 conflict, 8 agree, 1 one-sided\n"), "{first}");
}
