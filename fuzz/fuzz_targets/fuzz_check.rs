//! The whole `check` pipeline on two fuzzed inputs, its report rendered in every format.
//! The body, with the properties it checks and how the first bytes are read, is
//! `claimdiff::fuzzing::check_input` (`src/fuzzing.rs`), where `cargo test` builds and
//! replays it too.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| claimdiff::fuzzing::check_input(data));
