//! Loads the articles of a directory, then extracts their claims a given number of times on
//! one thread: a fixed amount of work for counting instructions, which, unlike wall time on
//! a shared machine, comes out the same on every run.
//!
//! ```sh
//! cargo build --release --example extract_pass
//! for passes in 0 1; do
//!   valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/examples/extract_pass /tmp/claimdiff-corpus-1000-s7 --limit 200 --passes $passes
//! done
//! ```
//!
//! The difference between the two instruction counts ("Collected") is one pass of extraction;
//! divided by the input bytes it prints, it is the cost per byte. `--fielded` reads what `check`
//! reads (only claims a field takes) instead of every claim.
#![allow(clippy::print_stdout, clippy::print_stderr)]

#[path = "../benches/support/articles.rs"]
mod articles;

use std::process::ExitCode;

use claimdiff::extract::Extractor;
use claimdiff::rules::Rulebook;

struct Options {
    dir: String,
    limit: usize,
    passes: usize,
    fielded: bool,
}

fn parse(args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options { dir: String::new(), limit: usize::MAX, passes: 1, fielded: false };
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> Result<usize, String> {
            args.next()
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| format!("{name} needs a whole number, e.g. {name} 200"))
        };
        match arg.as_str() {
            "--limit" => options.limit = number("--limit")?,
            "--passes" => options.passes = number("--passes")?,
            "--fielded" => options.fielded = true,
            _ if options.dir.is_empty() && !arg.starts_with('-') => options.dir = arg,
            _ => return Err(format!("unexpected argument {arg}")),
        }
    }
    if options.dir.is_empty() {
        return Err("name a directory of articles".to_string());
    }
    Ok(options)
}

fn main() -> ExitCode {
    let options = match parse(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!(
                "extract_pass: {message}\nusage: extract_pass DIR [--limit N] [--passes N] [--fielded]"
            );
            return ExitCode::from(2);
        }
    };
    match run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("extract_pass: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(options: &Options) -> Result<(), String> {
    let (sources, bytes) = articles::load(&options.dir, options.limit)?;
    let rules = Rulebook::default_rules().map_err(|e| e.to_string())?;
    let extractor = Extractor::new(&rules).map_err(|e| e.to_string())?;
    let mut claims = 0;
    for _ in 0..options.passes {
        for (index, source) in sources.iter().enumerate() {
            claims += if options.fielded {
                extractor.extract_fielded_capped(source, index, usize::MAX).0.len()
            } else {
                extractor.extract(source, index).len()
            };
        }
    }
    println!("{} articles, {bytes} bytes, {} passes, {claims} claims", sources.len(), options.passes);
    Ok(())
}
