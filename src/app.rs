//! The application: a resolved [`Config`] in, text to show and an exit status out.
//!
//! The binary turns its arguments into a `Config` (no clap types cross this line), calls [`run`]
//! and writes what comes back. Keeping this in the library makes every command testable without
//! a process.

use std::path::PathBuf;

use crate::baseline::Baseline;
use crate::claim::Claim;
use crate::extract::Extractor;
use crate::finding::{Code, Severity, Verdict};
use crate::report::{self, Format, Report, SourceInfo, Style};
use crate::rules::{self, Rulebook};
use crate::source::{self, Role, Source};
use crate::{check_claims, extract_all_with_progress, is_failure_candidate, Error};

/// The commented starter written by `claimdiff init`.
pub const STARTER_RULES: &str = include_str!("../rules/starter.toml");

/// The file `claimdiff init` writes.
const STARTER_NAME: &str = "claimdiff.toml";

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
        /// Inputs as given: files, directories, `-` (drafts when `against` is not empty).
        inputs: Vec<String>,
        /// References the drafts are checked against; empty for a comparison of peers.
        against: Vec<String>,
        /// The lowest severity that makes the exit status 1.
        fail_on: FailOn,
        /// `FIELD=LEVEL` or `CODE=LEVEL` severity overrides, as given.
        severity_overrides: Vec<String>,
        /// Leave out findings this baseline records.
        baseline: Option<PathBuf>,
        /// Record the findings in this file.
        write_baseline: Option<PathBuf>,
        /// Allow `write_baseline` to replace an existing file.
        force: bool,
    },
    /// Show every claim read.
    Extract {
        /// Inputs as given.
        inputs: Vec<String>,
    },
    /// Show the rules in force.
    Rules,
    /// Write a commented `claimdiff.toml` starter in the working directory.
    Init {
        /// Replace an existing file.
        force: bool,
    },
    /// Run the examples of the rules in force (plus `files`).
    RulesTest {
        /// Rule files to test, added on top of the rules in force.
        files: Vec<PathBuf>,
    },
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
    /// Resource limits.
    pub limits: Limits,
    /// Article date for sources whose files give none (ISO 8601, "2025-11-22"): relative dates
    /// ("last Tuesday") and dates without a year are read against it.
    pub article_date: Option<String>,
}

/// Hard limits that keep a hostile input from exhausting memory or time. Hitting one is an error
/// or a warning naming it, never a silent truncation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file (or standard input) read, in bytes; a larger one is refused unread.
    pub max_input_bytes: u64,
    /// Most claims kept from one source; more are dropped with a warning.
    pub max_claims_per_source: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_input_bytes: crate::source::DEFAULT_MAX_INPUT_BYTES, max_claims_per_source: 100_000 }
    }
}

/// Keeps at most `limit` claims of each source (in text order), with a warning for each source cut.
fn cap_claims(
    claims: Vec<Claim>,
    sources: &[Source],
    limit: usize,
    warnings: &mut Vec<String>,
) -> Vec<Claim> {
    let mut per_source = vec![0usize; sources.len()];
    for claim in &claims {
        if let Some(count) = per_source.get_mut(claim.source) {
            *count += 1;
        }
    }
    if per_source.iter().all(|&n| n <= limit) {
        return claims;
    }
    // Claims a field rule took are kept first: they are what gets compared.
    let mut fielded = vec![0usize; sources.len()];
    for claim in claims.iter().filter(|c| c.field.is_some()) {
        if let Some(count) = fielded.get_mut(claim.source) {
            *count += 1;
        }
    }
    let mut room: Vec<usize> = fielded.iter().map(|&f| limit.saturating_sub(f)).collect();
    let mut taken_fielded = vec![0usize; sources.len()];
    let mut kept = Vec::with_capacity(claims.len().min(limit.saturating_mul(sources.len())));
    for claim in claims {
        let keep = if claim.field.is_some() {
            taken_fielded.get_mut(claim.source).is_some_and(|t| {
                *t += 1;
                *t <= limit
            })
        } else {
            room.get_mut(claim.source).is_some_and(|r| {
                let fits = *r > 0;
                *r = r.saturating_sub(1);
                fits
            })
        };
        if keep {
            kept.push(claim);
        }
    }
    for (source, count) in sources.iter().zip(per_source) {
        if count > limit {
            warnings.push(format!(
                "{}: {count} claims read; only {limit} are used, those with a field first (raise the limit with --max-claims)",
                source.path
            ));
        }
    }
    kept
}

/// What a run produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The text for standard output.
    pub stdout: String,
    /// Warnings for standard error, one sentence each.
    pub warnings: Vec<String>,
    /// Notes for standard error (what was written where), one sentence each.
    pub notes: Vec<String>,
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
    book.validate()?;
    Ok(book)
}

fn load_sources(
    inputs: &[(String, Role)],
    limits: &Limits,
    article_date: Option<&str>,
) -> Result<(Vec<Source>, Vec<String>), Error> {
    if inputs.iter().filter(|(i, _)| i == "-").count() > 1 {
        return Err(Error::Usage("standard input (-) can be given only once".to_string()));
    }
    let mut sources = Vec::new();
    let mut warnings = Vec::new();
    if let Some(date) = article_date {
        if crate::extract::date::parse_reference(date).is_none() {
            return Err(Error::Usage(format!("--article-date {date}: not a date; write it as YYYY-MM-DD")));
        }
    }
    for (input, role) in inputs {
        for loaded in source::load_limited(input, *role, limits.max_input_bytes)? {
            if sources.iter().any(|s: &Source| s.path == loaded.path) {
                warnings.push(format!("{}: given more than once; read once", loaded.path));
                continue;
            }
            warnings.extend(loaded.warnings.iter().cloned());
            let mut loaded = loaded;
            if loaded.published.is_none() {
                loaded.published = article_date.map(str::to_string);
            }
            sources.push(loaded);
        }
    }
    Ok((sources, warnings))
}

/// Runs a command.
pub fn run(config: &Config) -> Result<Outcome, Error> {
    run_with_progress(config, &|_, _| {})
}

/// Runs a command, calling `progress(done, total)` while sources are read (from any thread).
pub fn run_with_progress(
    config: &Config,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Outcome, Error> {
    if let Command::Init { force } = &config.command {
        let path = std::path::Path::new(STARTER_NAME);
        crate::baseline::write_new_file(path, STARTER_RULES, *force)?;
        return Ok(Outcome {
            stdout: format!(
                "wrote {STARTER_NAME}: a commented starter rulebook; edit it, then run `claimdiff rules test`\n"
            ),
            warnings: Vec::new(),
            status: Status::Clean,
            notes: Vec::new(),
        });
    }
    let mut rules = load_rules(config)?;
    match &config.command {
        Command::Init { .. } => Err(Error::Usage("init runs before rules are loaded".to_string())),
        Command::RulesTest { files } => {
            for file in files {
                rules.add_file(file)?;
            }
            let results = crate::selftest::run(&rules)?;
            let failed = results.iter().any(|r| !r.passed);
            Ok(Outcome {
                stdout: crate::selftest::render(&results),
                warnings: if results.is_empty() {
                    vec!["the rules in force carry no examples; add [[field.example]] tables".to_string()]
                } else {
                    Vec::new()
                },
                status: if failed { Status::Findings } else { Status::Clean },
                notes: Vec::new(),
            })
        }
        Command::Rules => Ok(Outcome {
            stdout: report::render_rules(&rules, config.format),
            warnings: Vec::new(),
            status: Status::Clean,
            notes: Vec::new(),
        }),
        Command::Extract { inputs } => {
            let with_roles: Vec<(String, Role)> = inputs.iter().map(|i| (i.clone(), Role::Source)).collect();
            let (sources, mut warnings) =
                load_sources(&with_roles, &config.limits, config.article_date.as_deref())?;
            let extractor = Extractor::new(&rules)?;
            let claims = cap_claims(
                extract_all_with_progress(&sources, &extractor, progress),
                &sources,
                config.limits.max_claims_per_source,
                &mut warnings,
            );
            let infos: Vec<SourceInfo> =
                sources.iter().map(|s| SourceInfo { path: s.path.clone(), role: s.role }).collect();
            Ok(Outcome {
                stdout: report::render_claims(&claims, &infos, config.format),
                warnings,
                status: Status::Clean,
                notes: Vec::new(),
            })
        }
        Command::Check { inputs, against, fail_on, severity_overrides, baseline, write_baseline, force } => {
            let overrides = parse_overrides(severity_overrides, &rules)?;
            if inputs.is_empty() {
                return Err(Error::Usage(if against.is_empty() {
                    "no sources given; name two or more articles (files, directories or -)".to_string()
                } else {
                    "no draft given; name the drafts to check, e.g. claimdiff check draft.md --against refs/"
                        .to_string()
                }));
            }
            let draft_role = if against.is_empty() { Role::Source } else { Role::Draft };
            let mut with_roles: Vec<(String, Role)> =
                inputs.iter().map(|i| (i.clone(), draft_role)).collect();
            with_roles.extend(against.iter().map(|r| (r.clone(), Role::Reference)));
            let (sources, mut warnings) =
                load_sources(&with_roles, &config.limits, config.article_date.as_deref())?;
            if against.is_empty() && sources.len() < 2 {
                warnings.push(format!(
                    "only {} source was given; give two or more articles to compare",
                    sources.len()
                ));
            }
            let extractor = Extractor::new(&rules)?;
            let claims = cap_claims(
                extract_all_with_progress(&sources, &extractor, progress),
                &sources,
                config.limits.max_claims_per_source,
                &mut warnings,
            );
            let mut report = check_claims(&sources, &claims, &rules);
            apply_overrides(&mut report, &overrides);
            let mut notes = Vec::new();
            if let Some(path) = baseline {
                report.baselined = Baseline::read(path)?.filter(&mut report);
            }
            if let Some(path) = write_baseline {
                crate::baseline::write_new_file(path, &crate::baseline::render(&report), *force)?;
                let count = report.findings.iter().filter(|f| f.verdict != Verdict::Agree).count();
                notes.push(format!(
                    "{}: baseline written with {count} finding{}",
                    path.display(),
                    if count == 1 { "" } else { "s" }
                ));
            }
            let failed = fail_on.is_some_and(|threshold| {
                report.findings.iter().any(|f| is_failure_candidate(f.verdict) && f.severity >= threshold)
            });
            Ok(Outcome {
                stdout: report::render_report(&report, config.format, config.style),
                warnings,
                status: if failed { Status::Findings } else { Status::Clean },
                notes,
            })
        }
    }
}

/// Parses `FIELD=LEVEL` / `CODE=LEVEL` overrides, refusing names that match nothing.
fn parse_overrides(raw: &[String], rules: &Rulebook) -> Result<Vec<(String, Severity)>, Error> {
    let mut out = Vec::new();
    for item in raw {
        let Some((name, level)) = item.split_once('=') else {
            return Err(Error::Usage(format!(
                "--severity {item}: expected FIELD=LEVEL, e.g. --severity arrests=warning"
            )));
        };
        let level = match level.trim() {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            "info" => Severity::Info,
            other => {
                return Err(Error::Usage(format!(
                    "--severity {item}: unknown level `{other}`; use error, warning or info"
                )))
            }
        };
        let name = name.trim();
        let is_code = Code::ALL.iter().any(|c| c.as_str() == name);
        if rules.field(name).is_none() && !is_code {
            return Err(Error::Usage(format!(
                "--severity {item}: no field or finding code is named `{name}`; `claimdiff rules` lists the fields"
            )));
        }
        out.push((name.to_string(), level));
    }
    Ok(out)
}

/// Applies severity overrides: a code override wins over a field override; agreements stay info.
fn apply_overrides(report: &mut Report, overrides: &[(String, Severity)]) {
    if overrides.is_empty() {
        return;
    }
    for finding in &mut report.findings {
        if finding.verdict == Verdict::Agree {
            continue;
        }
        let by_code = overrides.iter().rev().find(|(n, _)| n == finding.code.as_str());
        let by_field = overrides.iter().rev().find(|(n, _)| *n == finding.field);
        if let Some((_, level)) = by_code.or(by_field) {
            finding.severity = *level;
        }
    }
}
