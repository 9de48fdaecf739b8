//! The bodies of the fuzz targets in `fuzz/` (see FUZZING.md): one function per target, taking
//! the fuzzer's bytes and panicking when a property fails.
//!
//! They live in the library, not in `fuzz/`, so that `cargo test` and `cargo clippy
//! --all-targets` build them (under `cfg(test)`) and replay saved failures and edge inputs
//! through exactly the targets' code; `fuzz/` itself is built only by `cargo fuzz` (under
//! `cfg(fuzzing)`), and a target that had drifted from the library's API once went unnoticed
//! there. A normal build sets neither cfg: nothing here ships.
// Panicking is how a fuzz target reports a broken property; indexing a JSON value never panics
// (a missing key gives null).
#![allow(clippy::expect_used, clippy::panic, clippy::unwrap_used, clippy::indexing_slicing)]

use std::path::Path;
use std::sync::OnceLock;

use crate::claim::Location;
use crate::extract::Extractor;
use crate::report::{self, SourceInfo, Style};
use crate::rules::Rulebook;
use crate::source::{Format, Role, Source};

/// The embedded default rulebook and its extractor, built once for every input.
fn setup() -> &'static (Rulebook, Extractor) {
    static SETUP: OnceLock<(Rulebook, Extractor)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let rules = Rulebook::default_rules().expect("the embedded rules load");
        let extractor = Extractor::new(&rules).expect("the embedded rules compile");
        (rules, extractor)
    })
}

/// Panics unless `location` lies in a file of `file_len` bytes, with a line and column.
fn assert_in_file(location: Location, file_len: usize) {
    let l = location;
    assert!(l.start <= l.end && l.end <= file_len, "{l:?} outside a file of {file_len} bytes");
    assert!(l.line >= 1 && l.column >= 1, "{l:?}");
}

/// `fuzz_extract`: arbitrary bytes read as plain text and extracted with the default rulebook.
///
/// The first byte is flags: bit 0 gives the source an article date, so relative dates resolve;
/// bits 1–7 choose where the scanners' lists are compared from, and bits 4–7 where the range
/// the other-event phrases are compared on ends. Checks that
///
/// - every claim lies in the file, with a line and column;
/// - what `check` reads (only the sentences around cues) is exactly the claims with a field of
///   a full reading (property 6 of `tests/properties.rs`);
/// - the claims `extract` streams in JSON and JSON lines (written by hand, in pieces) are the
///   bytes serde gives;
/// - the figure and date scanners find the same visiting only the places listed for them as
///   walking every byte ([`crate::extract::lists_disagree`]);
/// - the phrase automaton finds what `aho_corasick` finds, for phrases made of the input's own
///   first words (the default cues are held to it by a unit test on the examples, and are built
///   once per rulebook, too slowly for every input);
/// - the other-event phrases the cue pass lists for the whole text are those a search of each
///   sentence, or of the chosen range, finds ([`crate::extract::events_disagree`]).
pub fn extract_input(data: &[u8]) {
    let Some((&flags, bytes)) = data.split_first() else { return };
    let Ok(mut source) = Source::from_bytes("fuzz.txt", Role::Source, Format::Text, bytes) else { return };
    if flags & 1 == 1 {
        source.published = Some("2026-03-20".to_string());
    }
    let extractor = &setup().1;
    let text = source.text.as_str();
    let from = (usize::from(flags >> 1) * text.len() / 128..=text.len()).find(|&k| text.is_char_boundary(k));
    if let Some(difference) = crate::extract::lists_disagree(text, from.unwrap_or(0)..text.len()) {
        panic!("the listed scan differs from the walk: {difference}");
    }
    let until = (usize::from(flags >> 4) * text.len() / 8..=text.len()).find(|&k| text.is_char_boundary(k));
    // One more range, as a list: the check takes any number.
    #[allow(clippy::single_range_in_vec_init)]
    let more = [from.unwrap_or(0)..until.unwrap_or(text.len()).max(from.unwrap_or(0))];
    if let Some(difference) = crate::extract::events_disagree(extractor, text, &more) {
        panic!("the other-event phrases of the cue pass differ from a sentence's search: {difference}");
    }
    let words: Vec<&str> = text.split_whitespace().take(3).collect();
    let phrases: Vec<String> =
        words.iter().map(|w| w.to_string()).chain(words.windows(2).map(|p| p.join(" "))).collect();
    let phrases: Vec<&str> = phrases.iter().map(String::as_str).collect();
    if let Some(difference) = crate::extract::phrases_disagree(&phrases, text) {
        panic!("the phrase automaton differs from aho-corasick: {difference}");
    }
    let claims = extractor.extract(&source, 0);
    for claim in &claims {
        assert_in_file(claim.location, bytes.len());
    }
    let fielded: Vec<_> = claims.iter().filter(|c| c.field.is_some()).cloned().collect();
    let (read_for_check, _) = extractor.extract_fielded_capped(&source, 0, usize::MAX);
    assert_eq!(read_for_check, fielded, "check's reading differs from the full reading");
    let infos = [SourceInfo { path: source.path.clone(), role: source.role }];
    let _ = report::render_claims(&claims, &infos, report::Format::Table);
    for format in [report::Format::Json, report::Format::JsonLines] {
        let whole = report::render_claims(&claims, &infos, format);
        let Some(mut stream) = report::ClaimStream::new(format) else { panic!("{format:?} streams") };
        let mut streamed = stream.start().as_bytes().to_vec();
        // Rendered in pieces, as sources are (one of them empty), and written together.
        let (first, second) = claims.split_at(claims.len() / 2);
        let pieces = [first, &[], second].map(|part| (stream.render(part, &source.path), part.len()));
        let pieces = pieces.iter().map(|(rendered, count)| (rendered.as_slice(), *count));
        stream.push_all(&mut streamed, pieces).expect("a vector takes every write");
        streamed.extend_from_slice(stream.finish().as_bytes());
        let streamed = String::from_utf8(streamed).expect("the stream writes UTF-8");
        assert_eq!(streamed, whole, "streamed {format:?} differs from serde's");
    }
}

/// `fuzz_rules`: arbitrary bytes as a TOML rulebook. A rulebook that loads is validated,
/// rendered (`rules` as a table and as JSON), compiled, run on a short article, and its
/// examples are run (`rules test`). Errors are fine; panics are not.
///
/// Inputs containing `/` or `\` are skipped, so that `extends` can never name a file outside
/// the (nonexistent) base directory: the target must not read the machine's files.
pub fn rules_input(data: &[u8]) {
    const ARTICLE: &str = "Storm Hits Coast\n\nThe storm killed more than 3,700 people on March 3, 2026, \
        officials said. Mayor Jane Roe, speaking in Lyon, France, said 12% of homes lost power.\n\n\
        Previous Storms\n\nA storm in 2019 killed 3.";
    let Ok(text) = std::str::from_utf8(data) else { return };
    if text.contains('/') || text.contains('\\') {
        return;
    }
    let mut book = Rulebook::default();
    let base = Path::new("/nonexistent-claimdiff-fuzz-base");
    if book.add_text("fuzz.toml", text, Some(base), &mut Vec::new()).is_err() || book.validate().is_err() {
        return;
    }
    let _ = report::render_rules(&book, report::Format::Table);
    let _ = report::render_rules(&book, report::Format::Json);
    let Ok(extractor) = Extractor::new(&book) else { return };
    if let Ok(source) = Source::from_bytes("a.txt", Role::Source, Format::Text, ARTICLE.as_bytes()) {
        let _ = extractor.extract(&source, 0);
    }
    let _ = crate::selftest::run(&book);
}

/// `fuzz_load`: the first byte picks the format (bits 0–1: 1 is Markdown, 3 plain text, else
/// HTML), the rest is the file. Checks that bytes handed over owned
/// ([`Source::from_owned_bytes`], what reading a file uses) make the same source, or the same
/// error, as bytes lent; and that every character of the visible text (the first 4,096), some
/// wide, empty and reversed ranges, every heading and every claim locate inside the file, with
/// a line and column.
pub fn load_input(data: &[u8]) {
    let Some((&flags, bytes)) = data.split_first() else { return };
    let format = match flags & 3 {
        0 | 2 => Format::Html,
        1 => Format::Markdown,
        _ => Format::Text,
    };
    let lent = Source::from_bytes("fuzz", Role::Source, format, bytes);
    let owned = Source::from_owned_bytes("fuzz", Role::Source, format, bytes.to_vec());
    assert_eq!(format!("{owned:?}"), format!("{lent:?}"), "owned bytes load otherwise than lent ones");
    let Ok(source) = lent else { return };
    let file_len = bytes.len();
    for (i, c) in source.text.char_indices().take(4096) {
        assert_in_file(source.locate(i..i + c.len_utf8()), file_len);
    }
    let n = source.text.len();
    #[allow(clippy::reversed_empty_ranges)]
    for range in [0..n, n / 2..n, 0..n / 3, n..n + 7, 1..0] {
        assert_in_file(source.locate(range), file_len);
    }
    for h in &source.headings {
        assert!(h.start <= h.end && h.end <= n, "heading {h:?} outside a text of {n} bytes");
        assert_in_file(source.locate(h.clone()), file_len);
    }
    for claim in setup().1.extract(&source, 0) {
        assert_in_file(claim.location, file_len);
        let _ = source.original_slice(claim.location.start, claim.location.end);
    }
}

/// The format a nibble of `fuzz_check`'s first byte picks.
fn check_format(bits: u8) -> Format {
    match bits % 3 {
        0 => Format::Text,
        1 => Format::Markdown,
        _ => Format::Html,
    }
}

/// `fuzz_check`: the whole `check` pipeline on two inputs. Byte 0 picks both formats (low
/// nibble: the first source, bits 4–6: the second), bit 6 an article date for the first and
/// bit 7 editorial mode (draft against reference); bytes 1–2 (big-endian) say where the rest is
/// split. Both sources are read, aligned and compared, and the report is rendered in every
/// format, with and without colour, and as a baseline. The JSON report and its JSON lines
/// (written by hand) must parse and give back every finding and claim with their strings
/// intact; the SARIF log must parse, with a result for every finding that is not an agreement.
pub fn check_input(data: &[u8]) {
    let [flags, hi, lo, rest @ ..] = data else { return };
    let at = usize::from(u16::from_be_bytes([*hi, *lo])) % (rest.len() + 1);
    let (a, b) = rest.split_at(at);
    let (role_a, role_b) =
        if flags & 0x80 == 0 { (Role::Source, Role::Source) } else { (Role::Draft, Role::Reference) };
    let (Ok(mut first), Ok(second)) = (
        Source::from_bytes("a.txt", role_a, check_format(flags & 0x0F), a),
        Source::from_bytes("b.html", role_b, check_format(flags >> 4 & 0x07), b),
    ) else {
        return;
    };
    if flags & 0x40 != 0 {
        first.published = Some("2026-03-20".to_string());
    }
    let (rules, extractor) = setup();
    // Sources read one after the other (not `extract_all`, which uses every core).
    let mut claims = extractor.extract(&first, 0);
    claims.extend(extractor.extract(&second, 1));
    let report = crate::check_claims(&[first, second], &claims, rules);
    for format in [report::Format::Table, report::Format::Markdown, report::Format::Github] {
        let _ = report::render_report(&report, format, Style::default());
    }
    let _ = report::render_report(&report, report::Format::Table, Style { color: true });
    let _ = crate::baseline::render(&report);

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
    // The SARIF log is written a result and a related location at a time: it must parse, with
    // one result per finding that is not an agreement.
    let sarif = report::render_report(&report, report::Format::Sarif, Style::default());
    let log: serde_json::Value = serde_json::from_str(&sarif).expect("the SARIF log parses");
    let results = log["runs"][0]["results"].as_array().expect("the log has results");
    let disagreements = report.findings.iter().filter(|f| f.verdict != crate::finding::Verdict::Agree);
    assert_eq!(results.len(), disagreements.count());
}

/// Inputs the fuzz targets found failing, and edge inputs, replayed through the targets' own
/// code (the functions above), together with the examples and shipped rulebooks: so that a
/// failure, once fixed, stays fixed, and a target that no longer fits the library fails to
/// build here rather than only under `cargo fuzz`.
///
/// When a target finds a failure, add its artifact (`fuzz/artifacts/<target>/crash-…`) to
/// `tests/fuzz-artifacts/` and to that target's test below, with a line saying what it broke
/// and what fixed it.
#[cfg(test)]
mod tests {
    use super::*;

    /// Edge inputs every target gets.
    const EDGES: &[&[u8]] = &[
        b"",
        b"\x00",
        b"\x01",
        b"\x01\r",
        b"\x03\r\n\r",
        b"\x00\xEF\xBB\xBF",
        b"\x00\xFF\xFE",
        b"\x01\xFF\xFE1\x00\r\x00",
        b"\x00<p class=\"x>never",
        b"\x01---\ndate: 2026-13-45\n---\n",
        b"\x00<article><p>3,744 &amp;&#xFFFFFFFF; arrests</p>",
        b"\x01- 3,744\n- arrests.\n\n| 40 | killed |\n|---|---|\n",
        b"\xC1\x00\x05Some 8,000killed between March 3rd and March 14th",
        b"\xF3\x00\x20The flood killed 12 people on Tuesday. Another flood in 2019 killed 40 people.",
    ];

    /// `fuzz_extract` crash-59f2dd01…: a sentence over the length cap was cut between "at" and
    /// "least $1.2 b…", so `check` stopped reading before the figure's number and lost a
    /// damage figure that a full reading gave. Fixed in `Extractor::extract_kept` (the figure
    /// scan runs a few words past each region).
    const CUT_QUALIFIER: &[u8] = include_bytes!("../tests/fuzz-artifacts/extract-cut-qualifier.bin");

    /// The articles under `examples/`, each as a file's bytes.
    fn example_articles() -> Vec<Vec<u8>> {
        fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "txt" || e == "md" || e == "html") {
                    out.push(path);
                }
            }
        }
        let mut paths = Vec::new();
        walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"), &mut paths);
        paths.sort();
        paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
    }

    /// `flags` followed by `bytes`.
    fn flagged(flags: &[u8], bytes: &[u8]) -> Vec<u8> {
        flags.iter().chain(bytes).copied().collect()
    }

    /// `fuzz/` is not built here: its one-line targets are held by name to the bodies above
    /// (which the function pointers make sure exist), and to `fuzz/Cargo.toml`'s list.
    #[test]
    fn every_fuzz_target_is_one_of_these_bodies() {
        // (target, body, the body itself)
        type Body = fn(&[u8]);
        let bodies: [(&str, &str, Body); 4] = [
            ("fuzz_extract", "extract_input", extract_input),
            ("fuzz_rules", "rules_input", rules_input),
            ("fuzz_load", "load_input", load_input),
            ("fuzz_check", "check_input", check_input),
        ];
        let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
        let manifest = std::fs::read_to_string(fuzz.join("Cargo.toml")).unwrap();
        assert_eq!(manifest.matches("[[bin]]").count(), bodies.len(), "targets in fuzz/Cargo.toml");
        for (target, body, _) in bodies {
            let path = format!("fuzz_targets/{target}.rs");
            assert!(manifest.contains(&format!("name = \"{target}\"\npath = \"{path}\"")), "{target}");
            let code = std::fs::read_to_string(fuzz.join(&path)).unwrap();
            let call =
                format!("libfuzzer_sys::fuzz_target!(|data: &[u8]| claimdiff::fuzzing::{body}(data));");
            assert!(code.contains(&call), "{path} does not call {body}");
        }
    }

    #[test]
    fn fuzz_extract_replays_its_failure_and_the_edges() {
        for data in EDGES.iter().copied().chain([CUT_QUALIFIER]) {
            extract_input(data);
        }
    }

    #[test]
    fn fuzz_extract_holds_on_the_examples() {
        let articles = example_articles();
        assert!(articles.len() >= 10, "{} example articles", articles.len());
        // No date from the start; a date, lists compared from a third on; phrases to the end.
        for article in &articles {
            for flags in [0x00, 0x53, 0xF2] {
                extract_input(&flagged(&[flags], article));
            }
        }
    }

    #[test]
    fn fuzz_rules_replays_the_edges_and_the_shipped_rulebooks() {
        const CASES: &[&[u8]] = &[
            b"extends = [\"default\"]",
            b"extends = [\"default\", \"default\"]",
            b"extends = [\"missing.toml\"]",
            b"[[field]]\nname = \"x\"\nkind = \"count\"\ncues = [\"\"]\n",
            b"[[field]]\nname = \"x\"\nkind = \"person\"\ncues = [\"x\"]\n[[field.example]]\ntext = \"x\"\nvalue = \"none\"\n",
            b"[[holder]]\nfield = \"nobody\"\nname = \"A\"\nfrom = \"2020-01-01\"\n",
        ];
        for data in EDGES.iter().chain(CASES) {
            rules_input(data);
        }
        // The default rulebook has no slash, so the whole target runs on it.
        let default =
            std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/default.toml")).unwrap();
        assert!(!default.contains(&b'/') && !default.contains(&b'\\'));
        rules_input(&default);
    }

    #[test]
    fn fuzz_load_replays_the_edges_and_the_examples_in_every_format() {
        let deep: Vec<u8> = std::iter::once(0u8).chain("<div>".repeat(20_000).bytes()).collect();
        for data in EDGES.iter().copied().chain([deep.as_slice()]) {
            load_input(data);
        }
        for article in example_articles() {
            for flags in 0..4 {
                load_input(&flagged(&[flags], &article));
            }
        }
    }

    #[test]
    fn fuzz_check_replays_the_edges_and_pairs_of_examples() {
        for data in EDGES {
            check_input(data);
        }
        let articles = example_articles();
        for pair in articles.windows(2) {
            let [a, b] = pair else { continue };
            let at = u16::try_from(a.len()).unwrap().to_be_bytes();
            let both: Vec<u8> = a.iter().chain(b).copied().collect();
            // Text and HTML, then Markdown and plain text with a date, then editorial.
            for flags in [0x20, 0x41, 0x80] {
                check_input(&flagged(&[flags, at[0], at[1]], &both));
            }
        }
    }
}
