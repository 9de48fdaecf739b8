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
use crate::source::{self, Role};
use crate::{check_aligned, is_failure_candidate, Error, ReadSource};

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

/// Keeps at most `limit` claims of one source, those with a field first, in text order; says
/// so in `warnings` when claims were dropped. `claims` are what [`Extractor::extract_capped`]
/// kept of the `count` it read.
fn cap_claims(
    claims: Vec<Claim>,
    count: usize,
    path: &str,
    limit: usize,
    warnings: &mut Vec<String>,
) -> Vec<Claim> {
    if count <= limit {
        return claims;
    }
    let fielded = claims.iter().filter(|c| c.field.is_some()).count();
    let mut room_fielded = limit;
    let mut room_other = limit.saturating_sub(fielded);
    let kept = claims
        .into_iter()
        .filter(|claim| {
            let room = if claim.field.is_some() { &mut room_fielded } else { &mut room_other };
            let fits = *room > 0;
            *room = room.saturating_sub(1);
            fits
        })
        .collect();
    warnings.push(format!(
        "{path}: {count} claim{} read; only {limit} {} used, those with a field first (raise the limit with --max-claims)",
        if count == 1 { "" } else { "s" },
        if limit == 1 { "is" } else { "are" }
    ));
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

/// How many sources are read and extracted at a time: enough to keep every core busy, few
/// enough that only one batch of texts is held in memory.
const BATCH: usize = 256;

/// One source once read: what a run keeps of it, its warnings and its claims.
struct ReadOne {
    /// Its place among the sources listed.
    index: usize,
    /// What makes it the same file as another.
    identity: source::Identity,
    source: ReadSource,
    warnings: Vec<String>,
    /// The claims, when the run wants them themselves (`check`); empty when they were rendered
    /// on the worker, which lets them go there rather than on the thread that writes.
    claims: Vec<Claim>,
    /// How many claims the source gave, rendered or not.
    claim_count: usize,
    /// The claims as a stream renders them (UTF-8), when the run streams.
    rendered: Vec<u8>,
    /// The claims as rows of the claims table, when the run prints one (the claims themselves
    /// are then let go on the worker).
    rows: Option<report::ClaimRows>,
}

impl ReadOne {
    /// Makes it the `index`th source of the run, where it was numbered by its place among the
    /// sources listed (a source given twice before it is left out).
    fn renumber(&mut self, index: usize) {
        self.index = index;
        for claim in &mut self.claims {
            claim.source = index;
        }
        for suppression in &mut self.source.suppressions {
            suppression.source = index;
            suppression.claim.source = index;
        }
    }
}

/// What the workers make of each source's claims besides the claims.
#[derive(Clone, Copy)]
enum Render<'a> {
    /// Nothing: the claims are what is wanted (`check`).
    Nothing,
    /// The text a stream writes (`extract` in JSON and JSON lines).
    Stream(&'a report::ClaimStream),
    /// Rows of the claims table (`extract` as a table): the claims are not kept.
    Rows,
}

/// Lists, reads and extracts `inputs` a batch at a time (each batch in parallel), handing each
/// batch to `sink` in source order; a source's text is let go as soon as its claims are read.
/// With `fielded_only`, claims no field took are counted but never built. Returns the warnings
/// about files given twice (see [`KeptOnce`]).
fn read_sources(
    inputs: &[(String, Role)],
    config: &Config,
    extractor: &Extractor,
    progress: &(dyn Fn(usize, usize) + Sync),
    render: Render<'_>,
    fielded_only: bool,
    mut sink: impl FnMut(Vec<ReadOne>) -> Result<(), Error>,
) -> Result<Vec<String>, Error> {
    use rayon::prelude::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    if inputs.iter().filter(|(i, _)| i == "-").count() > 1 {
        return Err(Error::Usage("standard input (-) can be given only once".to_string()));
    }
    let article_date = config.article_date.as_deref();
    if let Some(date) = article_date {
        if crate::extract::date::parse_reference(date).is_none() {
            return Err(Error::Usage(format!("--article-date {date}: not a date; write it as YYYY-MM-DD")));
        }
    }
    let mut pending: Vec<source::Pending> = Vec::new();
    for (input, role) in inputs {
        pending.extend(source::list_limited(input, *role, config.limits.max_input_bytes)?);
    }
    // A file given twice is known by the identity its reading tells (see `KeptOnce`).
    let mut warnings = Vec::new();
    let mut once = KeptOnce::default();
    let total = pending.len();
    let done = AtomicUsize::new(0);
    let mut rest = pending.into_iter();
    let mut first = 0;
    // The batch read before is handed to `sink` while this one is read, so that writing it out
    // or gathering its claims runs beside the workers rather than with both cores waiting.
    let mut ready: Option<Vec<ReadOne>> = None;
    loop {
        let batch: Vec<source::Pending> = rest.by_ref().take(BATCH).collect();
        if batch.is_empty() {
            break;
        }
        let base = first;
        first += batch.len();
        let done = &done;
        let read_batch = move || -> Result<Vec<ReadOne>, Error> {
            batch
                .into_par_iter()
                .enumerate()
                .map(|(offset, pending)| {
                    let index = base + offset;
                    let (mut source, identity) = pending.read_identified()?;
                    if source.published.is_none() {
                        source.published = article_date.map(str::to_string);
                    }
                    let mut warnings = std::mem::take(&mut source.warnings);
                    let limit = config.limits.max_claims_per_source;
                    let (claims, read_count) = if fielded_only {
                        extractor.extract_fielded_capped(&source, index, limit)
                    } else {
                        extractor.extract_capped(&source, index, limit)
                    };
                    let claims = cap_claims(claims, read_count, &source.path, limit, &mut warnings);
                    let claim_count = claims.len();
                    let (claims, rendered, rows) = match render {
                        Render::Nothing => (claims, Vec::new(), None),
                        Render::Stream(stream) => (Vec::new(), stream.render(&claims, &source.path), None),
                        Render::Rows => {
                            (Vec::new(), Vec::new(), Some(report::ClaimRows::of(&claims, &source.path)))
                        }
                    };
                    progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                    Ok(ReadOne {
                        index,
                        identity,
                        source: ReadSource::of(&source, index),
                        warnings,
                        claims,
                        claim_count,
                        rendered,
                        rows,
                    })
                })
                .collect()
        };
        let read = match ready.take() {
            None => read_batch(),
            Some(previous) => std::thread::scope(|scope| {
                let reading = scope.spawn(read_batch);
                let sunk = sink(once.keep(previous, &mut warnings));
                let read = reading.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                sunk.and(read)
            }),
        };
        ready = Some(read?);
    }
    if let Some(last) = ready {
        sink(once.keep(last, &mut warnings))?;
    }
    Ok(warnings)
}

/// The sources of a run kept once each: a file given twice (by two paths, a link or a hard
/// link) is read and extracted twice, on the workers, but only its first reading is kept. A
/// look at every path before reading cost a system call per file and a walk of its path through
/// the file system, on the way to the first article; reading a file twice costs only when it is
/// given twice.
#[derive(Default)]
struct KeptOnce {
    seen: std::collections::HashSet<source::Identity>,
    /// How many sources are kept so far: the index of the next.
    kept: usize,
}

impl KeptOnce {
    /// The sources of `batch` not read before, in order and numbered as the run's sources are
    /// once the others are left out; a warning for each left out.
    fn keep(&mut self, batch: Vec<ReadOne>, warnings: &mut Vec<String>) -> Vec<ReadOne> {
        let mut kept = Vec::with_capacity(batch.len());
        for mut one in batch {
            if !self.seen.insert(one.identity.clone()) {
                warnings.push(format!("{}: given more than once; read once", one.source.path));
                continue;
            }
            if one.index != self.kept {
                one.renumber(self.kept);
            }
            self.kept += 1;
            kept.push(one);
        }
        kept
    }
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
    let mut streamed = Vec::new();
    let mut outcome = run_to(config, progress, &mut streamed)?;
    if !streamed.is_empty() {
        outcome.stdout.insert_str(0, &String::from_utf8_lossy(&streamed));
    }
    Ok(outcome)
}

/// Runs a command like [`run_with_progress`], writing to `out` what can be written as it is
/// made (the claims of `extract` in JSON and JSON lines, a batch of sources at a time, and its
/// table a piece at a time once every row is read, so a large corpus never sits in memory as
/// one text). [`Outcome::stdout`] holds the rest, to be written after it.
///
/// # Errors
///
/// As [`run`], and [`Error::Output`] when `out` refuses a write (a closed pipe included).
pub fn run_to(
    config: &Config,
    progress: &(dyn Fn(usize, usize) + Sync),
    out: &mut dyn std::io::Write,
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
            let extractor = Extractor::new(&rules)?;
            let mut infos: Vec<SourceInfo> = Vec::new();
            let mut warnings = Vec::new();
            let mut stream = report::ClaimStream::new(config.format);
            // Without a stream the claims become table rows on the workers, gathered here.
            let mut rows = report::ClaimRows::default();
            // The opening waits for the first batch: a run that fails before reading anything
            // writes nothing.
            let mut opening = stream.as_ref().map(report::ClaimStream::start);
            let renderer = report::ClaimStream::new(config.format);
            let render = renderer.as_ref().map_or(Render::Rows, Render::Stream);
            let listed =
                read_sources(&with_roles, config, &extractor, progress, render, false, |mut batch| {
                    if let Some(opening) = opening.take() {
                        out.write_all(opening.as_bytes()).map_err(Error::Output)?;
                    }
                    for one in &mut batch {
                        infos.push(SourceInfo {
                            path: std::mem::take(&mut one.source.path),
                            role: one.source.role,
                        });
                        warnings.append(&mut one.warnings);
                        if stream.is_none() {
                            rows.append(one.rows.take().unwrap_or_default());
                        }
                    }
                    // The batch's claims go to the output as they were rendered: no copy of them
                    // is made first.
                    if let Some(stream) = stream.as_mut() {
                        let pieces = batch.iter().map(|one| (one.rendered.as_slice(), one.claim_count));
                        stream.push_all(out, pieces).map_err(Error::Output)?;
                    }
                    Ok(())
                })?;
            match &stream {
                Some(stream) => out
                    .write_all(opening.unwrap_or_default().as_bytes())
                    .and_then(|()| out.write_all(stream.finish().as_bytes())),
                None => rows.write_to(out, infos.len()),
            }
            .map_err(Error::Output)?;
            Ok(Outcome {
                stdout: String::new(),
                warnings: listed.into_iter().chain(warnings).collect(),
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
            let extractor = Extractor::new(&rules)?;
            let mut sources: Vec<ReadSource> = Vec::new();
            // Claims are aligned batch by batch as they are read, beside the workers.
            let mut aligner = crate::align::Aligner::new(&rules);
            let mut read_warnings = Vec::new();
            // Hashed with foldhash: SipHash over every sentence was a visible share of the
            // main thread's time, which is taken from the workers on two cores.
            let mut sentences: foldhash::HashSet<std::sync::Arc<str>> = foldhash::HashSet::default();
            let mut warnings =
                read_sources(&with_roles, config, &extractor, progress, Render::Nothing, true, |batch| {
                    for one in batch {
                        sources.push(one.source);
                        read_warnings.extend(one.warnings);
                        // Only claims a field took are compared. Articles often share sentences
                        // word for word (wire copy): each is kept once for the whole run.
                        for mut claim in one.claims.into_iter().filter(|c| c.field.is_some()) {
                            match sentences.get(&claim.sentence) {
                                Some(shared) => claim.sentence = std::sync::Arc::clone(shared),
                                None => {
                                    sentences.insert(std::sync::Arc::clone(&claim.sentence));
                                }
                            }
                            aligner.push(claim);
                        }
                    }
                    Ok(())
                })?;
            warnings.extend(read_warnings);
            drop(sentences);
            if against.is_empty() && sources.len() < 2 {
                warnings.push(format!(
                    "only {} source was given; give two or more articles to compare",
                    sources.len()
                ));
            }
            let mut report = check_aligned(&sources, aligner, &rules);
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
            report::write_report(&report, config.format, config.style, out).map_err(Error::Output)?;
            // A report of 10,000 sources holds hundreds of thousands of claims; they are freed
            // on a worker thread so the answer is not kept waiting for it.
            rayon::spawn(move || drop(report));
            Ok(Outcome {
                stdout: String::new(),
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
