//! Writes a synthetic corpus of news articles about one invented event, for benchmarks.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --articles 10000 --seed 7 --out /tmp/claimdiff-corpus
//! ```
//!
//! Writes `article-00001.txt` … into `--out` (about 95% plain text, 5% Markdown, 5% HTML;
//! 3–6 KB each), the same bytes for the same seed on every machine. One article in 50 carries a
//! planted disagreement. The generator itself is `benches/support/corpus.rs`, shared with the
//! benches.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::indexing_slicing,
    missing_docs
)]

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: gen_corpus [--articles N] [--seed S] [--out DIR]\n\
                     defaults: --articles 1000 --seed 7 --out claimdiff-corpus";

fn main() -> ExitCode {
    let mut articles: usize = 1000;
    let mut seed: u64 = 7;
    let mut out = PathBuf::from("claimdiff-corpus");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value\n{USAGE}"));
        let parsed: Result<(), String> = match arg.as_str() {
            "--articles" | "-n" => value("--articles")
                .and_then(|v| v.parse().map(|n| articles = n).map_err(|e| format!("--articles {v}: {e}"))),
            "--seed" => value("--seed")
                .and_then(|v| v.parse().map(|s| seed = s).map_err(|e| format!("--seed {v}: {e}"))),
            "--out" | "-o" => value("--out").map(|v| out = PathBuf::from(v)),
            "--help" | "-h" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => Err(format!("unknown argument `{other}`\n{USAGE}")),
        };
        if let Err(message) = parsed {
            eprintln!("gen_corpus: {message}");
            return ExitCode::from(2);
        }
    }
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("gen_corpus: cannot create {}: {e}", out.display());
        return ExitCode::from(2);
    }
    let mut bytes = 0usize;
    for index in 1..=articles {
        let article = corpus::article(seed, index);
        bytes += article.body.len();
        let path = out.join(&article.name);
        if let Err(e) = std::fs::write(&path, &article.body) {
            eprintln!("gen_corpus: cannot write {}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    println!(
        "wrote {articles} articles, {bytes} bytes ({:.1} MB), seed {seed}, to {}",
        bytes as f64 / 1e6,
        out.display()
    );
    ExitCode::SUCCESS
}
