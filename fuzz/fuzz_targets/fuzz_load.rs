//! HTML and Markdown loading with the offset map: the first byte picks the format, the rest is
//! the file. Every character of the visible text, and every claim read from it, must locate
//! inside the file with a line and column. Bytes handed over owned make the same source as
//! bytes lent (flag bit 1 also tries plain text that way).
#![no_main]

use std::sync::OnceLock;

use claimdiff::extract::Extractor;
use claimdiff::rules::Rulebook;
use claimdiff::source::{Format, Role, Source};
use libfuzzer_sys::fuzz_target;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| {
        let rules = Rulebook::default_rules().expect("the embedded rules load");
        Extractor::new(&rules).expect("the embedded rules compile")
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, bytes)) = data.split_first() else { return };
    let format = match flags & 3 {
        0 | 2 => Format::Html,
        1 => Format::Markdown,
        _ => Format::Text,
    };
    let lent = Source::from_bytes("fuzz", Role::Source, format, bytes);
    let owned = Source::from_owned_bytes("fuzz", Role::Source, format, bytes.to_vec());
    assert_eq!(format!("{owned:?}"), format!("{lent:?}"));
    let Ok(source) = lent else { return };
    let file_len = bytes.len();
    let check = |l: claimdiff::claim::Location| {
        assert!(l.start <= l.end && l.end <= file_len, "{l:?} outside a file of {file_len} bytes");
        assert!(l.line >= 1 && l.column >= 1, "{l:?}");
    };
    // Every character of the text (the first 4,096), then some wider and odd ranges.
    for (i, c) in source.text.char_indices().take(4096) {
        check(source.locate(i..i + c.len_utf8()));
    }
    let n = source.text.len();
    for r in [0..n, n / 2..n, 0..n / 3, n..n + 7, 1..0] {
        check(source.locate(r));
    }
    for h in &source.headings {
        assert!(h.start <= h.end && h.end <= n, "heading {h:?} outside a text of {n} bytes");
        check(source.locate(h.clone()));
    }
    for claim in extractor().extract(&source, 0) {
        check(claim.location);
        let _ = source.original_slice(claim.location.start, claim.location.end);
    }
});
