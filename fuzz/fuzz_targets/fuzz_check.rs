//! The full `check` pipeline on two fuzzed inputs: the first byte picks both formats, the next
//! two where the rest is split; both sources are read, aligned, compared, and the report is
//! rendered in every format, with and without colour.
#![no_main]

use std::sync::OnceLock;

use claimdiff::extract::Extractor;
use claimdiff::report::{self, Style};
use claimdiff::rules::Rulebook;
use claimdiff::source::{Format, Role, Source};
use libfuzzer_sys::fuzz_target;

fn setup() -> &'static (Rulebook, Extractor) {
    static SETUP: OnceLock<(Rulebook, Extractor)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let rules = Rulebook::default_rules().expect("the embedded rules load");
        let extractor = Extractor::new(&rules).expect("the embedded rules compile");
        (rules, extractor)
    })
}

fn format(bits: u8) -> Format {
    match bits % 3 {
        0 => Format::Text,
        1 => Format::Markdown,
        _ => Format::Html,
    }
}

fuzz_target!(|data: &[u8]| {
    let [flags, hi, lo, rest @ ..] = data else { return };
    let at = usize::from(u16::from_be_bytes([*hi, *lo])) % (rest.len() + 1);
    let (a, b) = rest.split_at(at);
    let role_b = if flags & 0x80 == 0 { Role::Source } else { Role::Reference };
    let role_a = if flags & 0x80 == 0 { Role::Source } else { Role::Draft };
    let (Ok(mut sa), Ok(sb)) = (
        Source::from_bytes("a.txt", role_a, format(flags & 0x0F), a),
        Source::from_bytes("b.html", role_b, format(flags >> 4 & 0x07), b),
    ) else {
        return;
    };
    if flags & 0x40 != 0 {
        sa.published = Some("2026-03-20".to_string());
    }
    let (rules, extractor) = setup();
    let sources = [sa, sb];
    // Sources read one after the other (not `extract_all`, which uses every core).
    let mut claims = extractor.extract(&sources[0], 0);
    claims.extend(extractor.extract(&sources[1], 1));
    let report = claimdiff::check_claims(&sources, &claims, rules);
    for format in [
        report::Format::Table,
        report::Format::Json,
        report::Format::JsonLines,
        report::Format::Markdown,
        report::Format::Github,
        report::Format::Sarif,
    ] {
        let _ = report::render_report(&report, format, Style::default());
    }
    let _ = report::render_report(&report, report::Format::Table, Style { color: true });
    let _ = claimdiff::baseline::render(&report);
});
