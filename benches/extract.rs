//! Extraction throughput on one core with the default rulebook, in bytes of input files per
//! second.
//!
//! ```sh
//! cargo bench --bench extract
//! ```
//!
//! The input is the first 200 articles (~1 MB) of the synthetic corpus for seed 7
//! (`benches/support/corpus.rs`). Everything runs on the bench thread: this is the per-core
//! figure, whatever parallelism `claimdiff::extract_all` adds on top.
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

use claimdiff::extract::Extractor;
use claimdiff::rules::Rulebook;
use claimdiff::source::{format_for, Role, Source};
use divan::counter::BytesCount;
use divan::{black_box, Bencher};

fn main() {
    divan::main();
}

const SEED: u64 = 7;
const ARTICLES: usize = 200;

fn load(articles: &[corpus::Article]) -> Vec<Source> {
    articles
        .iter()
        .map(|a| Source::from_bytes(&a.name, Role::Source, format_for(&a.name), a.body.as_bytes()).unwrap())
        .collect()
}

fn input_bytes(articles: &[corpus::Article]) -> usize {
    articles.iter().map(|a| a.body.len()).sum()
}

/// The first `count` articles of the corpus with this markup.
fn articles_of(markup: corpus::Markup, count: usize) -> Vec<corpus::Article> {
    (1..).map(|i| corpus::article(SEED, i)).filter(|a| a.markup == markup).take(count).collect()
}

/// What `check` reads (sources already loaded), default rulebook, one core: only the
/// sentences around cues, and only the claims a field takes are built.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn extract_fielded_default_rules(bencher: Bencher) {
    let articles = corpus::generate(SEED, ARTICLES);
    let sources = load(&articles);
    let extractor = Extractor::new(&Rulebook::default_rules().unwrap()).unwrap();
    bencher.counter(BytesCount::new(input_bytes(&articles))).bench(|| {
        sources
            .iter()
            .enumerate()
            .map(|(i, s)| extractor.extract_fielded_capped(black_box(s), i, usize::MAX).0.len())
            .sum::<usize>()
    });
}

/// Claim extraction alone (sources already loaded), default rulebook, one core.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn extract_default_rules(bencher: Bencher) {
    let articles = corpus::generate(SEED, ARTICLES);
    let sources = load(&articles);
    let extractor = Extractor::new(&Rulebook::default_rules().unwrap()).unwrap();
    bencher.counter(BytesCount::new(input_bytes(&articles))).bench(|| {
        sources.iter().enumerate().map(|(i, s)| extractor.extract(black_box(s), i).len()).sum::<usize>()
    });
}

/// Loading alone: decoding and markup stripping (`Source::from_bytes`), one core.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn load_sources(bencher: Bencher) {
    let articles = corpus::generate(SEED, ARTICLES);
    bencher.counter(BytesCount::new(input_bytes(&articles))).bench(|| load(black_box(&articles)).len());
}

/// Loading and extraction together, one core: what one worker does per file.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn load_and_extract(bencher: Bencher) {
    let articles = corpus::generate(SEED, ARTICLES);
    let extractor = Extractor::new(&Rulebook::default_rules().unwrap()).unwrap();
    bencher.counter(BytesCount::new(input_bytes(&articles))).bench(|| {
        load(black_box(&articles))
            .iter()
            .enumerate()
            .map(|(i, s)| extractor.extract(s, i).len())
            .sum::<usize>()
    });
}

/// Extraction by markup (40 articles each), one core.
#[divan::bench(args = ["txt", "md", "html"], sample_count = 20, sample_size = 1)]
fn extract_by_markup(bencher: Bencher, markup: &str) {
    let markup = match markup {
        "md" => corpus::Markup::Markdown,
        "html" => corpus::Markup::Html,
        _ => corpus::Markup::Text,
    };
    let articles = articles_of(markup, 40);
    let sources = load(&articles);
    let extractor = Extractor::new(&Rulebook::default_rules().unwrap()).unwrap();
    bencher.counter(BytesCount::new(input_bytes(&articles))).bench(|| {
        sources.iter().enumerate().map(|(i, s)| extractor.extract(black_box(s), i).len()).sum::<usize>()
    });
}
