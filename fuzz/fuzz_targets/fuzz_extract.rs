//! Extraction from arbitrary bytes (read as plain text) with the embedded default rulebook.
//! The first byte chooses whether the source has an article date, so relative dates resolve.
//! Also checks property 6 of `tests/properties.rs`: what `check` reads (only the sentences
//! around cues) is exactly the claims with a field of a full reading; that the claims
//! `extract` streams in JSON and JSON lines (written by hand) are the bytes serde gives; and
//! that the scanners find the same visiting only the places listed for them as walking every
//! byte (from a place the other bits of the first byte choose, to the end); and that the phrase
//! automaton finds what `aho_corasick` finds, for phrases made of the input's own first words
//! (the default cues are held to it by a unit test on the examples, and are built once per
//! rulebook, too slowly for every input); and that the other-event phrases the cue pass lists
//! for the whole text are those a search of each sentence, or of a range the first byte
//! chooses, finds.
#![no_main]

use std::sync::OnceLock;

use claimdiff::extract::Extractor;
use claimdiff::report::{self, SourceInfo};
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
    let Ok(mut source) = Source::from_bytes("fuzz.txt", Role::Source, Format::Text, bytes) else { return };
    if flags & 1 == 1 {
        source.published = Some("2026-03-20".to_string());
    }
    let text = source.text.as_str();
    let from = (usize::from(flags >> 1) * text.len() / 128..=text.len()).find(|&k| text.is_char_boundary(k));
    if let Some(difference) = claimdiff::extract::lists_disagree(text, from.unwrap_or(0)..text.len()) {
        panic!("the listed scan differs from the walk: {difference}");
    }
    let until = (usize::from(flags >> 4) * text.len() / 8..=text.len()).find(|&k| text.is_char_boundary(k));
    let more = [from.unwrap_or(0)..until.unwrap_or(text.len()).max(from.unwrap_or(0))];
    if let Some(difference) = claimdiff::extract::events_disagree(extractor(), text, &more) {
        panic!("the other-event phrases of the cue pass differ from a sentence's search: {difference}");
    }
    let words: Vec<&str> = text.split_whitespace().take(3).collect();
    let phrases: Vec<String> =
        words.iter().map(|w| w.to_string()).chain(words.windows(2).map(|p| p.join(" "))).collect();
    let phrases: Vec<&str> = phrases.iter().map(String::as_str).collect();
    if let Some(difference) = claimdiff::extract::phrases_disagree(&phrases, text) {
        panic!("the phrase automaton differs from aho-corasick: {difference}");
    }
    let claims = extractor().extract(&source, 0);
    for claim in &claims {
        let l = claim.location;
        assert!(l.start <= l.end && l.end <= bytes.len(), "{l:?} outside a file of {} bytes", bytes.len());
        assert!(l.line >= 1 && l.column >= 1, "{l:?}");
    }
    let fielded: Vec<_> = claims.iter().filter(|c| c.field.is_some()).cloned().collect();
    let (read_for_check, _) = extractor().extract_fielded_capped(&source, 0, usize::MAX);
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
});
