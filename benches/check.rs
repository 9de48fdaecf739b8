//! End-to-end `check` of 1, 10, 100, 1,000 and 10,000 articles about one event, and the cost
//! of alignment and comparison alone, to show how they scale with the number of sources.
//!
//! ```sh
//! cargo bench --bench check
//! cargo bench --bench check -- align_compare     # one group only
//! ```
//!
//! `check_end_to_end` does what `claimdiff check DIR` does minus process start and printing:
//! the directory is loaded with `claimdiff::source::load` (files read and decoded in parallel
//! where the library does so), the default rulebook compiled, claims read with
//! `claimdiff::extract_all`, compared with `claimdiff::check_claims` and rendered as the table.
//! The corpus is written to a temporary directory first (seed 7, `benches/support/corpus.rs`).
//! `align_compare` times `check_claims` alone on claims read beforehand; `editorial_compare`
//! does the same with the first article as a draft and the others as its references, as
//! `claimdiff check DRAFT --against DIR` compares them.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::indexing_slicing,
    missing_docs
)]

#[path = "support/corpus.rs"]
mod corpus;

use std::path::PathBuf;

use claimdiff::extract::Extractor;
use claimdiff::report::{self, Style};
use claimdiff::rules::Rulebook;
use claimdiff::source::{self, Role};
use divan::counter::{BytesCount, ItemsCount};
use divan::{black_box, Bencher};

fn main() {
    divan::main();
}

const SEED: u64 = 7;

/// A fresh directory holding the first `n` articles; removed when dropped.
struct CorpusDir {
    path: PathBuf,
    bytes: usize,
}

impl CorpusDir {
    fn new(n: usize) -> CorpusDir {
        let path = std::env::temp_dir().join(format!("claimdiff-bench-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        let mut bytes = 0;
        for i in 1..=n {
            let article = corpus::article(SEED, i);
            bytes += article.body.len();
            std::fs::write(path.join(&article.name), &article.body).unwrap();
        }
        CorpusDir { path, bytes }
    }

    fn arg(&self) -> String {
        self.path.to_string_lossy().into_owned()
    }
}

impl Drop for CorpusDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// Load, extract, align, compare and render, as `claimdiff check DIR` does.
fn run_check(dir: &str, rules: &Rulebook) -> usize {
    let sources = source::load(dir, Role::Source).unwrap();
    let extractor = Extractor::new(rules).unwrap();
    let claims = claimdiff::extract_all(&sources, &extractor);
    let report = claimdiff::check_claims(&sources, &claims, rules);
    report::render_report(&report, report::Format::Table, Style { color: false }).len()
}

#[divan::bench(args = [1, 10, 100], sample_count = 10, sample_size = 1)]
fn check_end_to_end(bencher: Bencher, n: usize) {
    let dir = CorpusDir::new(n);
    let rules = Rulebook::default_rules().unwrap();
    let arg = dir.arg();
    bencher.counter(BytesCount::new(dir.bytes)).bench(|| run_check(black_box(&arg), &rules));
}

#[divan::bench(args = [1_000, 10_000], sample_count = 3, sample_size = 1)]
fn check_end_to_end_large(bencher: Bencher, n: usize) {
    let dir = CorpusDir::new(n);
    let rules = Rulebook::default_rules().unwrap();
    let arg = dir.arg();
    bencher.counter(BytesCount::new(dir.bytes)).bench(|| run_check(black_box(&arg), &rules));
}

/// Alignment and comparison alone (`check_claims`), claims read beforehand: the per-source cost
/// should stay flat from 1 to 10,000 sources.
#[divan::bench(args = [1, 10, 100, 1_000, 10_000], sample_count = 5, sample_size = 1)]
fn align_compare(bencher: Bencher, n: usize) {
    let dir = CorpusDir::new(n);
    let rules = Rulebook::default_rules().unwrap();
    let sources = source::load(&dir.arg(), Role::Source).unwrap();
    let extractor = Extractor::new(&rules).unwrap();
    let claims = claimdiff::extract_all(&sources, &extractor);
    bencher
        .counter(ItemsCount::new(n))
        .bench(|| claimdiff::check_claims(black_box(&sources), black_box(&claims), &rules).findings.len());
}

/// Editorial mode, alignment and comparison alone: one draft held against `n - 1` references.
/// Each reference claim is looked at a bounded number of times, so the cost per source stays
/// flat here too.
#[divan::bench(args = [10, 100, 1_000, 10_000], sample_count = 5, sample_size = 1)]
fn editorial_compare(bencher: Bencher, n: usize) {
    let dir = CorpusDir::new(n);
    let rules = Rulebook::default_rules().unwrap();
    let mut sources = source::load(&dir.arg(), Role::Reference).unwrap();
    sources[0].role = Role::Draft;
    let extractor = Extractor::new(&rules).unwrap();
    let claims = claimdiff::extract_all(&sources, &extractor);
    bencher
        .counter(ItemsCount::new(n))
        .bench(|| claimdiff::check_claims(black_box(&sources), black_box(&claims), &rules).findings.len());
}
