//! Shared parts of the conformance harness: where the specs are, how claimdiff is run on one
//! case, and the per-file score.

use std::path::PathBuf;

use claimdiff::claim::Claim;
use claimdiff::extract::Extractor;
use claimdiff::rules::Rulebook;
use claimdiff::source::{Format, Role, Source};

/// The folder of the peer's specs, `../shared/conformance/recognizers-text/Specs`, if present.
pub fn specs_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance/recognizers-text/Specs");
    dir.is_dir().then_some(dir)
}

/// Whether failures should be listed (`CLAIMDIFF_CONFORMANCE_VERBOSE=1`).
pub fn verbose() -> bool {
    std::env::var("CLAIMDIFF_CONFORMANCE_VERBOSE").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// Runs claimdiff's extraction exactly as `claimdiff extract` does (default rules, plain text),
/// so the harness measures what users and an independent scorer of `extract --format json` see.
pub struct Runner {
    extractor: Extractor,
}

impl Runner {
    /// A runner with the embedded default rules.
    pub fn new() -> Runner {
        let rules = Rulebook::default_rules().expect("the embedded rules are valid");
        Runner { extractor: Extractor::new(&rules).expect("the default cues compile") }
    }

    /// Every claim claimdiff reads from `input`.
    pub fn claims(&self, input: &str) -> Vec<Claim> {
        self.claims_with_date(input, None)
    }

    /// Every claim read from `input`, with `published` (ISO 8601, e.g. "2016-11-07") as the
    /// article date that relative expressions are read against.
    pub fn claims_with_date(&self, input: &str, published: Option<&str>) -> Vec<Claim> {
        let mut source = Source::from_bytes("case.txt", Role::Source, Format::Text, input.as_bytes())
            .expect("a spec input is text");
        source.published = published.map(str::to_string);
        self.extractor.extract(&source, 0)
    }
}

/// One failed case, for `--verbose` listings.
#[derive(Debug, Clone)]
pub struct Failure {
    /// The case's input sentence.
    pub input: String,
    /// What the spec expects, readably.
    pub expected: String,
    /// What claimdiff read, readably.
    pub actual: String,
    /// Why the case is counted as failed, when a reason is known (e.g. judged wrong in the spec).
    pub note: Option<String>,
}

/// The score of one spec file.
#[derive(Debug, Clone, Default)]
pub struct FileScore {
    /// Spec file, relative to the Specs folder ("Number/English/NumberModel.json").
    pub file: String,
    /// Cases counted.
    pub cases: usize,
    /// Cases passed.
    pub passed: usize,
    /// Cases that a deliberate, documented claimdiff convention makes unreachable; counted in
    /// `cases` (and failed), and left out of the second rate.
    pub excluded: usize,
    /// Every failed case.
    pub failures: Vec<Failure>,
}

impl FileScore {
    /// Pass rate over every case, in percent.
    pub fn rate(&self) -> f64 {
        if self.cases == 0 {
            return 100.0;
        }
        100.0 * self.passed as f64 / self.cases as f64
    }

    /// Pass rate over every case but the excluded ones, in percent.
    pub fn rate_without_excluded(&self) -> f64 {
        let counted = self.cases - self.excluded;
        if counted == 0 {
            return 100.0;
        }
        100.0 * self.passed as f64 / counted as f64
    }
}
