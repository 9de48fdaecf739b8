//! claimdiff finds where news articles about the same event disagree.
//!
//! The pipeline runs one way, one module per stage:
//!
//! ```text
//! sources ──load──▶ Source ──extract(rules)──▶ Vec<Claim> ──align──▶ Vec<AlignedField>
//!         ──compare(rules)──▶ Vec<Finding> ──report(format)──▶ text + exit status
//! ```
//!
//! - [`source`] reads files, stdin and directories into visible text with a map back to the
//!   original bytes (plain text, Markdown, HTML).
//! - [`extract`] reads claims: figures with their qualifiers, dates, people by title, places.
//! - [`align`] groups claims by field and scope across sources.
//! - [`compare`] gives each group a verdict under the rules ([`rules`]).
//! - [`report`] renders findings as a diff table or JSON.
//!
//! The library never prints; [`run`] returns the text to show and the exit status, and
//! [`run_to`] writes what can be streamed (the claims of `extract`) to a writer the caller gives.
//! Large runs read their sources a batch at a time ([`ReadSource`] is what is kept of each), so
//! memory follows the claims rather than the input.
//!
//! ```
//! use claimdiff::{check, rules::Rulebook, source::{Format, Role, Source}};
//!
//! let a = Source::from_bytes("a.txt", Role::Source, Format::Text,
//!     b"Police arrested more than 3,700 suspects.").unwrap();
//! let b = Source::from_bytes("b.txt", Role::Source, Format::Text,
//!     b"Officers arrested 3,744 suspects.").unwrap();
//! let report = check(&[a, b], &Rulebook::default_rules().unwrap()).unwrap();
//! let arrests = report.findings.iter().find(|f| f.field == "arrests").unwrap();
//! assert_eq!(arrests.verdict, claimdiff::finding::Verdict::Agree);
//! ```
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod align;
pub mod app;
pub mod baseline;
pub mod claim;
pub mod compare;
pub mod extract;
pub mod finding;
/// The fuzz targets' bodies, built for `cargo test` and `cargo fuzz` only (see FUZZING.md).
#[cfg(any(test, fuzzing))]
pub mod fuzzing;
pub mod report;
pub mod rules;
pub mod selftest;
pub mod source;
pub mod suppress;
pub mod text;

pub use app::{run, run_to, run_with_progress, Command, Config, Limits, Outcome, Status};

use claim::Claim;
use extract::Extractor;
use finding::{Code, Verdict};
use report::{Report, SourceInfo};
use rules::Rulebook;
use source::Source;

/// Anything that stops a run; each message says what, where, and how to fix it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input could not be loaded.
    #[error(transparent)]
    Load(#[from] source::LoadError),
    /// The rules could not be loaded.
    #[error(transparent)]
    Rules(#[from] rules::RulesError),
    /// The rules could not be compiled for extraction.
    #[error(transparent)]
    Extract(#[from] extract::ExtractError),
    /// A baseline could not be read or written.
    #[error(transparent)]
    Baseline(#[from] baseline::BaselineError),
    /// Standard output (or the writer given to [`app::run_to`]) refused a write.
    #[error("cannot write output: {0}")]
    Output(std::io::Error),
    /// The command line asked for something impossible.
    #[error("{0}")]
    Usage(String),
}

/// Reads the claims of every source, in source order; sources are read in parallel.
pub fn extract_all(sources: &[Source], extractor: &Extractor) -> Vec<Claim> {
    extract_all_with_progress(sources, extractor, &|_, _| {})
}

/// Like [`extract_all`], calling `progress(done, total)` as sources are read (from any thread).
pub fn extract_all_with_progress(
    sources: &[Source],
    extractor: &Extractor,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Vec<Claim> {
    use rayon::prelude::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let done = AtomicUsize::new(0);
    let per_source: Vec<Vec<Claim>> = sources
        .par_iter()
        .enumerate()
        .map(|(i, s)| {
            let claims = extractor.extract(s, i);
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, sources.len());
            claims
        })
        .collect();
    per_source.into_iter().flatten().collect()
}

/// Compares the sources with each other under `rules`.
pub fn check(sources: &[Source], rules: &Rulebook) -> Result<Report, Error> {
    let extractor = Extractor::new(rules)?;
    let claims = extract_all(sources, &extractor);
    Ok(check_claims(sources, &claims, rules))
}

/// What a comparison needs of a source once its claims are read. A run of thousands of
/// articles keeps this, not the texts, so memory follows the claims rather than the input.
#[derive(Debug, Clone)]
pub struct ReadSource {
    /// The path as shown.
    pub path: String,
    /// The role the source plays in the run.
    pub role: source::Role,
    /// The publication date as written in the file (see [`Source::published`]).
    pub published: Option<String>,
    /// The suppression comments found in it.
    pub suppressions: Vec<suppress::Suppression>,
}

impl ReadSource {
    /// What is kept of `source`, the `index`th source of the run.
    pub fn of(source: &Source, index: usize) -> ReadSource {
        ReadSource {
            path: source.path.clone(),
            role: source.role,
            published: source.published.clone(),
            suppressions: suppress::find(source, index),
        }
    }
}

/// Aligns and compares claims already read from `sources`.
pub fn check_claims(sources: &[Source], claims: &[Claim], rules: &Rulebook) -> Report {
    let read: Vec<ReadSource> = sources.iter().enumerate().map(|(i, s)| ReadSource::of(s, i)).collect();
    check_read(&read, claims.to_vec(), rules)
}

/// Aligns and compares claims read from `sources` (see [`ReadSource`]); claims without a
/// field play no part and may be left out. The claims move into the findings.
pub fn check_read(sources: &[ReadSource], claims: Vec<Claim>, rules: &Rulebook) -> Report {
    let mut aligner = align::Aligner::new(rules);
    aligner.push_all(claims);
    check_aligned(sources, aligner, rules)
}

/// Like [`check_read`], with the claims already handed to an [`align::Aligner`] (source by
/// source, as they were read).
pub fn check_aligned(sources: &[ReadSource], aligner: align::Aligner<'_>, rules: &Rulebook) -> Report {
    let published: Vec<Option<claim::PartialDate>> =
        sources.iter().map(|s| s.published.as_deref().and_then(published_date)).collect();
    // Only claims a field took are aligned, and those are all the outdated-holder check reads.
    let outdated = compare::facts::outdated(aligner.claims(), rules, &published);
    let aligned = aligner.finish(sources.len());
    let roles: Vec<source::Role> = sources.iter().map(|s| s.role).collect();
    let mut findings = compare::compare(aligned, rules, &roles);
    findings.extend(outdated);
    let suppressions: Vec<&suppress::Suppression> = sources.iter().flat_map(|s| &s.suppressions).collect();
    let suppressed = suppress::apply(&mut findings, &suppressions, sources.len());
    // Conflicts first (errors before warnings), then agreements, then one-sided fields; within
    // each, rulebook order, so the same inputs always print the same report. Findings that
    // differ only in the source they are about are ordered by code, then by that source's path,
    // never by its place on the command line: reordering the sources changes the columns only.
    let path = |i: usize| sources.get(i).map(|s| s.path.as_str());
    findings.sort_by_cached_key(|f| {
        (
            f.verdict,
            std::cmp::Reverse(f.severity),
            f.code == Code::InternalConflict,
            rules.field_index(&f.field),
            f.scope.clone(),
            f.draft.map(path),
            f.internal_source.map(path),
            f.code,
            f.anchor_claim().map(|c| (path(c.source), c.location)),
        )
    });
    Report {
        sources: sources.iter().map(|s| SourceInfo { path: s.path.clone(), role: s.role }).collect(),
        findings,
        suppressed,
        baselined: 0,
    }
}

/// The calendar date at the start of a publication timestamp ("2026-09-09T07:30:00Z").
fn published_date(text: &str) -> Option<claim::PartialDate> {
    let head = text.trim().get(..10)?;
    let mut parts = head.split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok().filter(|m| (1..=12).contains(m))?;
    let day = parts.next()?.parse().ok().filter(|d| (1..=31).contains(d))?;
    Some(claim::PartialDate { year: Some(year), month: Some(month), day: Some(day) })
}

/// Whether a finding is something a run can fail on (agreements never are).
pub fn is_failure_candidate(verdict: Verdict) -> bool {
    verdict != Verdict::Agree
}
