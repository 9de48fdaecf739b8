//! Editorial workflow end to end, where a case needs files written and read back: baseline
//! round trips, `init`, completions and the manual page. Each test works in its own temporary
//! directory and removes it.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::print_stdout, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};
use std::process::Command;

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("claimdiff-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }

    fn write(&self, name: &str, text: &str) {
        std::fs::write(self.0.join(name), text).expect("write");
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn claimdiff(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_claimdiff"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("claimdiff runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

const REFERENCE: &str = "The collapse on 2 June 2026 killed 9 miners. Rescuers freed 27 workers.\n";
const DRAFT: &str = "The collapse on 2 June killed 11 miners.\n";

#[test]
fn baseline_round_trip_reports_only_new_findings() {
    let tmp = TempDir::new("baseline");
    tmp.write("ref.txt", REFERENCE);
    tmp.write("draft.txt", DRAFT);
    let (_, stderr, status) = claimdiff(
        &tmp.0,
        &["check", "--isolated", "draft.txt", "--against", "ref.txt", "--write-baseline", "base.json"],
    );
    assert_eq!(status, 1, "the conflict is still reported when the baseline is written");
    assert_eq!(stderr, "claimdiff: base.json: baseline written with 1 finding\n");
    let baseline = std::fs::read_to_string(tmp.0.join("base.json")).expect("baseline written");
    assert!(
        baseline.contains("\"fingerprint\": \"deaths||value-conflict|draft.txt=11;ref.txt=9\""),
        "{baseline}"
    );

    // The same finding on other lines is still the same finding.
    tmp.write("draft.txt", &format!("Korvala\n\nEarlier text.\n\n{DRAFT}"));
    let (stdout, _, status) = claimdiff(
        &tmp.0,
        &["check", "--isolated", "draft.txt", "--against", "ref.txt", "--baseline", "base.json"],
    );
    assert_eq!(status, 0, "{stdout}");
    assert!(
        stdout.ends_with("2 sources, 0 fields: 0 conflicts, 0 agree, 0 one-sided, 1 in the baseline\n"),
        "{stdout}"
    );

    // A changed figure is a new finding.
    tmp.write("draft.txt", "The collapse on 2 June killed 12 miners.\n");
    let (stdout, _, status) = claimdiff(
        &tmp.0,
        &["check", "--isolated", "draft.txt", "--against", "ref.txt", "--baseline", "base.json"],
    );
    assert_eq!(status, 1);
    assert!(stdout.contains("draft.txt:1:31  \"12\""), "{stdout}");

    // An existing baseline is never replaced without --force.
    let (_, stderr, status) = claimdiff(
        &tmp.0,
        &["check", "--isolated", "draft.txt", "--against", "ref.txt", "--write-baseline", "base.json"],
    );
    assert_eq!(status, 2);
    assert_eq!(stderr, "claimdiff: error: base.json: already exists; pass --force to replace it\n");
    assert_eq!(std::fs::read_to_string(tmp.0.join("base.json")).expect("kept"), baseline);
    let (_, _, status) = claimdiff(
        &tmp.0,
        &[
            "check",
            "--isolated",
            "draft.txt",
            "--against",
            "ref.txt",
            "--write-baseline",
            "base.json",
            "--force",
        ],
    );
    assert_eq!(status, 1);
    assert_ne!(std::fs::read_to_string(tmp.0.join("base.json")).expect("replaced"), baseline);
}

#[test]
fn a_broken_baseline_is_refused_with_its_position() {
    let tmp = TempDir::new("bad-baseline");
    tmp.write("ref.txt", REFERENCE);
    tmp.write("draft.txt", DRAFT);
    tmp.write("base.json", "{\"version\": 1,\n \"findings\": [oops]}\n");
    let (_, stderr, status) = claimdiff(
        &tmp.0,
        &["check", "--isolated", "draft.txt", "--against", "ref.txt", "--baseline", "base.json"],
    );
    assert_eq!(status, 2);
    assert_eq!(
        stderr,
        "claimdiff: error: base.json:2:15: not a claimdiff baseline (expected value); write a new one with --write-baseline\n"
    );
}

#[test]
fn init_writes_a_starter_that_passes_its_own_tests_and_never_overwrites() {
    let tmp = TempDir::new("init");
    let (stdout, _, status) = claimdiff(&tmp.0, &["init"]);
    assert_eq!(status, 0);
    assert_eq!(
        stdout,
        "wrote claimdiff.toml: a commented starter rulebook; edit it, then run `claimdiff rules test`\n"
    );
    let written = std::fs::read_to_string(tmp.0.join("claimdiff.toml")).expect("written");
    assert_eq!(written, include_str!("../rules/starter.toml"));
    let (stdout, _, status) = claimdiff(&tmp.0, &["rules", "test"]);
    assert_eq!(status, 0, "{stdout}");
    assert!(stdout.starts_with("61 examples of 41 fields: 61 passed, 0 failed"), "{stdout}");

    tmp.write("claimdiff.toml", "# mine\n");
    let (_, stderr, status) = claimdiff(&tmp.0, &["init"]);
    assert_eq!(status, 2);
    assert_eq!(stderr, "claimdiff: error: claimdiff.toml: already exists; pass --force to replace it\n");
    assert_eq!(std::fs::read_to_string(tmp.0.join("claimdiff.toml")).expect("kept"), "# mine\n");
}

#[test]
fn completions_and_manual_page_come_from_the_cli_definitions() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (bash, _, status) = claimdiff(here, &["completions", "bash"]);
    assert_eq!(status, 0);
    assert!(bash.contains("_claimdiff()") && bash.contains("--against"), "{bash}");
    let (man, _, status) = claimdiff(here, &["man"]);
    assert_eq!(status, 0);
    assert!(
        man.starts_with(".ie \\n(.g .ds Aq \\(aq") && man.contains(".TH claimdiff 1"),
        "{}",
        &man[..200.min(man.len())]
    );
}
