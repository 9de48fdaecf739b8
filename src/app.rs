//! The application: a resolved [`Config`] in, text to show and an exit status out.
//!
//! The binary turns its arguments into a `Config` (no clap types cross this line), calls [`run`]
//! and writes what comes back. Keeping this in the library makes every command testable without
//! a process.

use std::path::PathBuf;

use crate::extract::Extractor;
use crate::finding::Severity;
use crate::report::{self, Format, SourceInfo, Style};
use crate::rules::{self, Rulebook};
use crate::source::{self, Role, Source};
use crate::{check_claims, extract_all, is_failure_candidate, Error};

/// Exit status, a contract: 0 clean, 1 findings at or above `--fail-on`, 2 the run failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// No finding at or above the threshold.
    Clean,
    /// At least one finding at or above the threshold.
    Findings,
    /// The run could not be done.
    Failure,
}

impl Status {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Status::Clean => 0,
            Status::Findings => 1,
            Status::Failure => 2,
        }
    }
}

/// The lowest severity that fails a run; `None` never fails.
pub type FailOn = Option<Severity>;

/// What to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Compare sources with each other.
    Check {
        /// Inputs as given: files, directories, `-`.
        inputs: Vec<String>,
        /// The lowest severity that makes the exit status 1.
        fail_on: FailOn,
    },
    /// Show every claim read.
    Extract {
        /// Inputs as given.
        inputs: Vec<String>,
    },
    /// Show the rules in force.
    Rules,
}

/// Everything a run needs, resolved from the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The command.
    pub command: Command,
    /// Output format.
    pub format: Format,
    /// Output style (colour).
    pub style: Style,
    /// Start from the embedded default rules.
    pub default_rules: bool,
    /// Look for `claimdiff.toml` from this directory upwards (`None`: don't).
    pub discover_from: Option<PathBuf>,
    /// Extra rule files, applied in order.
    pub rule_files: Vec<PathBuf>,
}

/// What a run produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The text for standard output.
    pub stdout: String,
    /// Warnings for standard error, one sentence each.
    pub warnings: Vec<String>,
    /// The exit status.
    pub status: Status,
}

/// Loads the rules a config asks for: default, discovered, then each `--rules` file.
pub fn load_rules(config: &Config) -> Result<Rulebook, Error> {
    let mut book = if config.default_rules { Rulebook::default_rules()? } else { Rulebook::default() };
    if let Some(start) = config.discover_from.as_deref() {
        if let Some(found) = rules::discover(start) {
            // Relative to `start`, which is the working directory when it came from the CLI.
            let path =
                if start == std::env::current_dir().unwrap_or_default() { found } else { start.join(found) };
            book.add_file(&path)?;
        }
    }
    for file in &config.rule_files {
        book.add_file(file)?;
    }
    Ok(book)
}

fn load_sources(inputs: &[String]) -> Result<(Vec<Source>, Vec<String>), Error> {
    if inputs.iter().filter(|i| *i == "-").count() > 1 {
        return Err(Error::Usage("standard input (-) can be given only once".to_string()));
    }
    let mut sources = Vec::new();
    let mut warnings = Vec::new();
    for input in inputs {
        for loaded in source::load(input, Role::Source)? {
            if sources.iter().any(|s: &Source| s.path == loaded.path) {
                warnings.push(format!("{}: given more than once; read once", loaded.path));
                continue;
            }
            warnings.extend(loaded.warnings.iter().cloned());
            sources.push(loaded);
        }
    }
    Ok((sources, warnings))
}

/// Runs a command.
pub fn run(config: &Config) -> Result<Outcome, Error> {
    let rules = load_rules(config)?;
    match &config.command {
        Command::Rules => Ok(Outcome {
            stdout: report::render_rules(&rules, config.format),
            warnings: Vec::new(),
            status: Status::Clean,
        }),
        Command::Extract { inputs } => {
            let (sources, warnings) = load_sources(inputs)?;
            let extractor = Extractor::new(&rules)?;
            let claims = extract_all(&sources, &extractor);
            let infos: Vec<SourceInfo> =
                sources.iter().map(|s| SourceInfo { path: s.path.clone(), role: s.role }).collect();
            Ok(Outcome {
                stdout: report::render_claims(&claims, &infos, config.format),
                warnings,
                status: Status::Clean,
            })
        }
        Command::Check { inputs, fail_on } => {
            let (sources, mut warnings) = load_sources(inputs)?;
            if sources.len() < 2 {
                warnings.push(format!(
                    "only {} source was given; give two or more articles to compare",
                    sources.len()
                ));
            }
            let extractor = Extractor::new(&rules)?;
            let claims = extract_all(&sources, &extractor);
            let report = check_claims(&sources, &claims, &rules);
            let failed = fail_on.is_some_and(|threshold| {
                report.findings.iter().any(|f| is_failure_candidate(f.verdict) && f.severity >= threshold)
            });
            Ok(Outcome {
                stdout: report::render_report(&report, config.format, config.style),
                warnings,
                status: if failed { Status::Findings } else { Status::Clean },
            })
        }
    }
}
