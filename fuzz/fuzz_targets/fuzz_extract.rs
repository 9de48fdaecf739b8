//! Extraction from arbitrary bytes read as plain text, with the default rulebook.
//! The body, with the properties it checks and how the first bytes are read, is
//! `claimdiff::fuzzing::extract_input` (`src/fuzzing.rs`), where `cargo test` builds and
//! replays it too.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| claimdiff::fuzzing::extract_input(data));
