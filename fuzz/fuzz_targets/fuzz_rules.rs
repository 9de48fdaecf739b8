//! Rulebook parsing, validation, compilation and self-tests from arbitrary TOML.
//! The body, with the properties it checks and how the first bytes are read, is
//! `claimdiff::fuzzing::rules_input` (`src/fuzzing.rs`), where `cargo test` builds and
//! replays it too.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| claimdiff::fuzzing::rules_input(data));
