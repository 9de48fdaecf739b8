//! The full `check` pipeline on two fuzzed inputs: the first byte picks both formats, the next
//! two where the rest is split; both sources are read, aligned, compared, and the report is
//! rendered in every format, with and without colour. The JSON report and its JSON lines
//! (written by hand) must parse, and give back every finding and claim with their strings intact;
//! the SARIF log must parse, with a result for every finding that is not an agreement.
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
    let json = report::render_report(&report, report::Format::Json, Style::default());
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("the JSON report parses");
    let findings = parsed["findings"].as_array().expect("the report has findings");
    assert_eq!(findings.len(), report.findings.len());
    for (view, finding) in findings.iter().zip(&report.findings) {
        assert_eq!(view["message"], finding.message.as_str());
        let claims = view["claims"].as_array().expect("a finding has claims");
        assert_eq!(claims.len(), finding.claims.len());
        for (shown, claim) in claims.iter().zip(&finding.claims) {
            assert_eq!(shown["text"], claim.text.as_str());
            assert_eq!(shown["sentence"], &*claim.sentence);
            assert_eq!(shown["line"], claim.location.line);
        }
    }
    let lines = report::render_report(&report, report::Format::JsonLines, Style::default());
    assert_eq!(lines.lines().count(), report.findings.len() + 1);
    for line in lines.lines() {
        let _: serde_json::Value = serde_json::from_str(line).expect("a report line parses");
    }
    // The SARIF log (written a result and a related location at a time) must parse too, with
    // one result per finding that is not an agreement.
    let sarif = report::render_report(&report, report::Format::Sarif, Style::default());
    let log: serde_json::Value = serde_json::from_str(&sarif).expect("the SARIF log parses");
    let results = log["runs"][0]["results"].as_array().expect("the log has results");
    let disagreements = report.findings.iter().filter(|f| f.verdict != claimdiff::finding::Verdict::Agree);
    assert_eq!(results.len(), disagreements.count());
    let _ = report::render_report(&report, report::Format::Table, Style { color: true });
    let _ = claimdiff::baseline::render(&report);
});
