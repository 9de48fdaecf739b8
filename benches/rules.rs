//! Cost of a rulebook by its size: 10, 100 and 1,000 synthetic count fields.
//!
//! ```sh
//! cargo bench --bench rules
//! ```
//!
//! Each field has three cue phrases and one exclude word of its own. Ten of the fields use real
//! cue words of the corpus ("killed", "injured", "evacuated", ...), so every rulebook finds the
//! same figures; the rest use invented words that never occur, which is what a large rulebook
//! mostly is for any one article. `parse` times `Rulebook::add_text`, `compile` times
//! `Extractor::new` (one Aho-Corasick automaton for every cue), and `extract` reads 100 articles
//! (~0.5 MB) on one core: the cost that should grow sub-linearly with the number of fields.
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

use std::fmt::Write as _;

use claimdiff::extract::Extractor;
use claimdiff::rules::Rulebook;
use claimdiff::source::{format_for, Role, Source};
use divan::counter::BytesCount;
use divan::{black_box, Bencher};

fn main() {
    divan::main();
}

const SEED: u64 = 7;
const SIZES: [usize; 3] = [10, 100, 1_000];

/// Cue words that occur in the corpus, one field each.
const REAL: &[(&str, &str)] = &[
    ("killed", "died"),
    ("injured", "hurt"),
    ("missing", "unaccounted for"),
    ("evacuated", "leave their homes"),
    ("displaced", "shelters"),
    ("rescued", "stranded"),
    ("homes", "buildings"),
    ("officers", "rescue workers"),
    ("residents", "people"),
    ("damage", "aid"),
];

/// A pronounceable invented word for `i`, never found in the corpus.
fn word(i: usize, salt: usize) -> String {
    const SYLLABLES: &[&str] = &["zor", "vek", "qua", "lim", "tov", "xan", "brel", "skiv", "mup", "dro"];
    let mut out = String::from("q");
    let mut n = i * 7 + salt;
    for _ in 0..4 {
        out.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
    }
    out
}

/// A rulebook of `fields` count fields in TOML.
fn rulebook_toml(fields: usize) -> String {
    let mut out = String::from("description = \"synthetic rulebook for benchmarks\"\n");
    for i in 0..fields {
        let (a, b) =
            REAL.get(i).map_or_else(|| (word(i, 0), word(i, 1)), |(a, b)| (a.to_string(), b.to_string()));
        let _ = write!(
            out,
            "\n[[field]]\nname = \"field_{i:04}\"\nkind = \"count\"\ncues = [\"{a}\", \"{b}\", \"{} {}\"]\nexclude = [\"{}\"]\n",
            word(i, 2),
            word(i, 3),
            word(i, 4),
        );
    }
    out
}

fn rulebook(fields: usize) -> Rulebook {
    let mut book = Rulebook::default();
    book.add_text("synthetic.toml", &rulebook_toml(fields), None, &mut Vec::new()).unwrap();
    book
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn parse(bencher: Bencher, fields: usize) {
    let text = rulebook_toml(fields);
    bencher.bench(|| {
        let mut book = Rulebook::default();
        book.add_text("synthetic.toml", black_box(&text), None, &mut Vec::new()).unwrap();
        book.fields.len()
    });
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn compile(bencher: Bencher, fields: usize) {
    let book = rulebook(fields);
    bencher.bench(|| Extractor::new(black_box(&book)).unwrap());
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn extract(bencher: Bencher, fields: usize) {
    let articles = corpus::generate(SEED, 100);
    let bytes: usize = articles.iter().map(|a| a.body.len()).sum();
    let sources: Vec<Source> = articles
        .iter()
        .map(|a| Source::from_bytes(&a.name, Role::Source, format_for(&a.name), a.body.as_bytes()).unwrap())
        .collect();
    let extractor = Extractor::new(&rulebook(fields)).unwrap();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        sources.iter().enumerate().map(|(i, s)| extractor.extract(black_box(s), i).len()).sum::<usize>()
    });
}
