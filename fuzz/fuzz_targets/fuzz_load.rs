//! Loading HTML, Markdown and plain text, from lent and from owned bytes, with the offset map.
//! The body, with the properties it checks and how the first bytes are read, is
//! `claimdiff::fuzzing::load_input` (`src/fuzzing.rs`), where `cargo test` builds and
//! replays it too.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| claimdiff::fuzzing::load_input(data));
