//! Rulebook parsing and validation from arbitrary TOML. A rulebook that loads is compiled, run
//! on a short article, its examples are run (`rules test`) and it is rendered.
//!
//! Inputs containing '/' are skipped so that `extends` can never name a file outside the
//! (nonexistent) base directory: the target must not read the machine's files.
#![no_main]

use std::path::Path;

use claimdiff::extract::Extractor;
use claimdiff::report;
use claimdiff::rules::Rulebook;
use claimdiff::source::{Format, Role, Source};
use libfuzzer_sys::fuzz_target;

const ARTICLE: &str = "Storm Hits Coast\n\nThe storm killed more than 3,700 people on March 3, 2026, \
officials said. Mayor Jane Roe, speaking in Lyon, France, said 12% of homes lost power.\n\n\
Previous Storms\n\nA storm in 2019 killed 3.";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if text.contains('/') || text.contains('\\') {
        return;
    }
    let mut book = Rulebook::default();
    let base = Path::new("/nonexistent-claimdiff-fuzz-base");
    if book.add_text("fuzz.toml", text, Some(base), &mut Vec::new()).is_err() {
        return;
    }
    if book.validate().is_err() {
        return;
    }
    let _ = report::render_rules(&book, report::Format::Table);
    let _ = report::render_rules(&book, report::Format::Json);
    let Ok(extractor) = Extractor::new(&book) else { return };
    if let Ok(source) = Source::from_bytes("a.txt", Role::Source, Format::Text, ARTICLE.as_bytes()) {
        let _ = extractor.extract(&source, 0);
    }
    let _ = claimdiff::selftest::run(&book);
});
