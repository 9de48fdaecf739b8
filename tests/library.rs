//! The library's `run` gives what the binary prints, for the outputs the binary writes a piece at
//! a time (the claims table and JSON of `extract`, the JSON, JSON-lines and SARIF reports of
//! `check`): `run` gathers those pieces into `Outcome::stdout`.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::print_stdout, clippy::indexing_slicing)]

use claimdiff::report::{Format, Style};
use claimdiff::{Command, Config, Limits};

fn config(command: Command, format: Format) -> Config {
    Config {
        command,
        format,
        style: Style::default(),
        default_rules: true,
        discover_from: None,
        rule_files: Vec::new(),
        limits: Limits::default(),
        article_date: None,
    }
}

/// The binary's standard output for `args`, run from the project's root with the embedded rules.
fn binary(args: &[&str]) -> String {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_claimdiff"))
        .args(args)
        .arg("--isolated")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs");
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn in_root(path: &str) -> String {
    format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn run_gives_what_the_binary_prints() {
    let example = in_root("examples/police-operation");
    for (format, name) in
        [(Format::Table, "table"), (Format::Json, "json"), (Format::JsonLines, "json-lines")]
    {
        let extract =
            claimdiff::run(&config(Command::Extract { inputs: vec![example.clone()] }, format)).unwrap();
        assert_eq!(extract.stdout, binary(&["extract", "--format", name, &example]), "extract {name}");
        assert!(extract.stdout.len() > 1_000, "extract {name}: {}", extract.stdout);
    }
    for (format, name) in
        [(Format::Json, "json"), (Format::JsonLines, "json-lines"), (Format::Sarif, "sarif")]
    {
        let command = Command::Check {
            inputs: vec![example.clone()],
            against: Vec::new(),
            fail_on: None,
            severity_overrides: Vec::new(),
            baseline: None,
            write_baseline: None,
            force: false,
        };
        let check = claimdiff::run(&config(command, format)).unwrap();
        assert_eq!(check.stdout, binary(&["check", "--format", name, &example]), "check {name}");
        assert!(check.stdout.contains("Okonkwo"), "check {name}: {}", check.stdout);
    }
}
