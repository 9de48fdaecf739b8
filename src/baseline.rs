//! Baselines: record today's findings, then report only new ones.
//!
//! A finding is recognised by its fingerprint — field, scope, code, and what each source says
//! (path and normalized value) — never by line numbers, so editing unrelated lines of a draft
//! keeps the baseline valid, while a changed figure shows up as new.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::finding::{Finding, Verdict};
use crate::report::{Report, SourceInfo};

/// Why a baseline could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    /// The file could not be read.
    #[error("{path}: cannot read baseline: {source}")]
    Read {
        /// The path as given.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not a claimdiff baseline.
    #[error(
        "{path}:{line}:{column}: not a claimdiff baseline ({message}); write a new one with --write-baseline"
    )]
    Parse {
        /// The path as given.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the JSON reader said.
        message: String,
    },
    /// The file exists and `--force` was not given.
    #[error("{path}: already exists; pass --force to replace it")]
    Exists {
        /// The path as given.
        path: String,
    },
    /// The file could not be written.
    #[error("{path}: cannot write baseline: {source}")]
    Write {
        /// The path as given.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    fingerprint: String,
    field: String,
    code: String,
    message: String,
}

/// The fingerprints of a recorded baseline.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    fingerprints: BTreeSet<String>,
}

/// The fingerprint of a finding: field, scope, code, and each involved source's path and value.
pub fn fingerprint(finding: &Finding, sources: &[SourceInfo]) -> String {
    let mut says: Vec<String> = finding
        .primary
        .iter()
        .enumerate()
        .filter_map(|(source, slot)| {
            let claim = slot.and_then(|i| finding.claims.get(i))?;
            let path = sources.get(source).map_or("", |s| s.path.as_str());
            Some(format!("{path}={}", claim.value.display()))
        })
        .collect();
    if says.is_empty() {
        says = finding.claims.iter().map(|c| c.text.clone()).collect();
    }
    says.sort();
    let scope = finding.scope.as_ref().map_or("", |s| s.label.as_str());
    format!("{}|{}|{}|{}", finding.field, scope, finding.code.as_str(), says.join(";"))
}

impl Baseline {
    /// Reads a baseline file.
    pub fn read(path: &Path) -> Result<Baseline, BaselineError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|source| BaselineError::Read { path: shown.clone(), source })?;
        let file: BaselineFile = serde_json::from_str(&text).map_err(|e| BaselineError::Parse {
            path: shown.clone(),
            line: e.line(),
            column: e.column(),
            message: e.to_string().split(" at line").next().unwrap_or("").to_string(),
        })?;
        if file.version != 1 {
            return Err(BaselineError::Parse {
                path: shown,
                line: 1,
                column: 1,
                message: format!("version {} is not supported", file.version),
            });
        }
        Ok(Baseline { fingerprints: file.findings.into_iter().map(|e| e.fingerprint).collect() })
    }

    /// Removes the findings the baseline already records; returns how many were removed.
    pub fn filter(&self, report: &mut Report) -> usize {
        let before = report.findings.len();
        let sources = report.sources.clone();
        report.findings.retain(|f| {
            f.verdict == Verdict::Agree || !self.fingerprints.contains(&fingerprint(f, &sources))
        });
        before - report.findings.len()
    }
}

/// The baseline JSON of every finding in `report` that is not an agreement.
pub fn render(report: &Report) -> String {
    let mut findings: Vec<Entry> = report
        .findings
        .iter()
        .filter(|f| f.verdict != Verdict::Agree)
        .map(|f| Entry {
            fingerprint: fingerprint(f, &report.sources),
            field: f.field.clone(),
            code: f.code.as_str().to_string(),
            message: f.message.clone(),
        })
        .collect();
    findings.sort_by(|a, b| a.fingerprint.cmp(&b.fingerprint));
    findings.dedup_by(|a, b| a.fingerprint == b.fingerprint);
    let mut text = serde_json::to_string_pretty(&BaselineFile { version: 1, findings }).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes `contents` to `path` through a temporary file and a rename, so a reader never sees a
/// half-written file; refuses to replace an existing file unless `force`.
pub fn write_new_file(path: &Path, contents: &str, force: bool) -> Result<(), BaselineError> {
    let shown = path.display().to_string();
    if path.exists() && !force {
        return Err(BaselineError::Exists { path: shown });
    }
    let name =
        path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "claimdiff".to_string());
    let temp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::write(&temp, contents).and_then(|()| std::fs::rename(&temp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result.map_err(|source| BaselineError::Write { path: shown, source })
}
