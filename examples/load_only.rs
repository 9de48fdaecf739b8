//! Lists, reads and loads files as `claimdiff extract` does, on every core, and extracts
//! nothing: what a whole `extract` run costs before extraction starts, for
//! `scripts/bench-vs-rg.sh` to time against ripgrep.
//!
//! ```sh
//! cargo build --release --example load_only
//! target/release/examples/load_only /tmp/claimdiff-corpus-10000-s7/
//! ```
//!
//! Each source is read and decoded, and its markup taken out and its lines indexed, as the
//! binary does for every input (`claimdiff::source::list_limited`, then
//! `Pending::read_identified`), with rayon's workers on all cores; then it is dropped. It prints
//! how many sources and how many bytes of text it loaded.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::process::ExitCode;

use rayon::prelude::*;

use claimdiff::source::{list_limited, Role, DEFAULT_MAX_INPUT_BYTES};

fn main() -> ExitCode {
    let inputs: Vec<String> = std::env::args().skip(1).collect();
    if inputs.is_empty() {
        eprintln!("load_only: name files or directories to load\nusage: load_only PATH...");
        return ExitCode::from(2);
    }
    let mut pending = Vec::new();
    for input in &inputs {
        match list_limited(input, Role::Source, DEFAULT_MAX_INPUT_BYTES) {
            Ok(found) => pending.extend(found),
            Err(error) => {
                eprintln!("load_only: {error}");
                return ExitCode::from(2);
            }
        }
    }
    let loaded: Result<Vec<usize>, _> = pending
        .into_par_iter()
        .map(|one| one.read_identified().map(|(source, _)| source.text.len()))
        .collect();
    match loaded {
        Ok(lengths) => {
            println!("{} sources, {} bytes of text", lengths.len(), lengths.iter().sum::<usize>());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("load_only: {error}");
            ExitCode::from(2)
        }
    }
}
