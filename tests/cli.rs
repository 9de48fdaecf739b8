//! End-to-end cases of the real binary, as data.
//!
//! Each directory under `tests/cases/` is one case: `cmd` holds the arguments (one per line),
//! run with the case directory as the working directory; `stdout`, `stderr` and `status` hold
//! what must come back, byte for byte; an optional `stdin` file is fed to standard input.
//! `SNAPSHOTS=overwrite cargo test --test cli` rewrites the expected files from the actual
//! output — review the diff before committing it.

#![allow(clippy::expect_used, clippy::print_stdout, clippy::unwrap_used, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("cases")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

struct Actual {
    stdout: String,
    stderr: String,
    status: String,
}

fn run_case(dir: &Path) -> Actual {
    let args: Vec<String> =
        read(&dir.join("cmd")).lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
    let mut command = Command::new(env!("CARGO_BIN_EXE_claimdiff"));
    command
        .args(&args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let stdin_file = dir.join("stdin");
    command.stdin(if stdin_file.exists() {
        Stdio::from(std::fs::File::open(&stdin_file).expect("stdin file opens"))
    } else {
        Stdio::null()
    });
    let output = command.output().expect("the claimdiff binary runs");
    Actual {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        status: format!("{}\n", output.status.code().map_or("signal".to_string(), |c| c.to_string())),
    }
}

#[test]
fn cli_cases() {
    let overwrite = std::env::var("SNAPSHOTS").is_ok_and(|v| v == "overwrite");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .expect("tests/cases exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("cmd").is_file())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty(), "no CLI cases found");
    let mut failures = Vec::new();
    for dir in &dirs {
        let actual = run_case(dir);
        let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        for (file, got) in
            [("stdout", &actual.stdout), ("stderr", &actual.stderr), ("status", &actual.status)]
        {
            let path = dir.join(file);
            let expected = read(&path);
            if overwrite {
                if expected != *got {
                    std::fs::write(&path, got).expect("snapshot writes");
                }
            } else if expected != *got {
                let diff = similar::TextDiff::from_lines(expected.as_str(), got.as_str())
                    .unified_diff()
                    .header("expected", "actual")
                    .to_string();
                failures.push(format!("case {name}: {file} differs\n{diff}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} CLI cases failed:\n\n{}",
        failures.len(),
        dirs.len(),
        failures.join("\n")
    );
}
