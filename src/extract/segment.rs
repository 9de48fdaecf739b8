//! Splits visible text into headings and sentences.
//!
//! Claims are read sentence by sentence (a cue only counts inside the figure's sentence) and
//! headings carry scope ("Previous Crackdowns"). Plain text has no markup, so a heading is
//! recognised by its shape: a short line standing alone without closing punctuation.

use std::ops::Range;

/// A sentence or a heading line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Byte range in the source text, trimmed.
    pub range: Range<usize>,
    /// Whether this is a heading (or headline) rather than body text.
    pub heading: bool,
}

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "maj", "st", "gov",
    "sen", "rep", "rev", "jr", "sr", "inc", "ltd", "co", "corp", "no", "nos", "vs", "etc", "approx", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g",
    "i.e", "a.m", "p.m", "fig", "mt", "ft", "est",
];

/// Splits `text` into segments; `headings` are byte ranges known to be headings from markup.
pub fn segment(text: &str, headings: &[Range<usize>]) -> Vec<Segment> {
    let mut room = Room::default();
    segment_into(text, headings, &mut room);
    room.segments
}

/// The vectors [`segment_into`] fills, kept by the extractor from one text to the next so that
/// their room is allocated once per thread rather than once per text.
#[derive(Default)]
pub(super) struct Room {
    /// The segments of the last text split.
    pub(super) segments: Vec<Segment>,
    /// The lines of the block being read.
    lines: Vec<Range<usize>>,
}

/// [`segment`], into `room.segments` in place of what it held.
pub(super) fn segment_into(text: &str, headings: &[Range<usize>], room: &mut Room) {
    let Room { segments, lines } = room;
    segments.clear();
    lines.clear();
    // News sentences run to about a hundred bytes, some far shorter (headings, quotes): room for
    // nearly every text's segments at once.
    segments.reserve(text.len() / 64 + 1);
    let mut block_start: Option<usize> = None;
    let mut offset = 0;
    // Lines found with one byte search each (a paragraph is often one long line).
    while offset < text.len() {
        let line_end = text
            .as_bytes()
            .get(offset..)
            .and_then(|rest| memchr::memchr(b'\n', rest))
            .map_or(text.len(), |at| offset + at + 1);
        let line = text.get(offset..line_end).unwrap_or("");
        let content = line.trim_end_matches(['\n', '\r']);
        let range = offset..offset + content.len();
        offset = line_end;
        if content.trim().is_empty() {
            if let Some(start) = block_start.take() {
                push_block(text, start, lines, headings, segments);
                lines.clear();
            }
            continue;
        }
        block_start.get_or_insert(range.start);
        lines.push(range);
    }
    if let Some(start) = block_start {
        push_block(text, start, lines, headings, segments);
    }
}

fn push_block(
    text: &str,
    _start: usize,
    lines: &[Range<usize>],
    headings: &[Range<usize>],
    out: &mut Vec<Segment>,
) {
    let is_marked = |r: &Range<usize>| headings.iter().any(|h| h.start < r.end && r.start < h.end);
    let all_heading_shaped = lines.len() <= 3 && lines.iter().all(|r| heading_shaped(text, r.clone()));
    if lines.iter().all(&is_marked) || all_heading_shaped {
        for r in lines {
            if let Some(trimmed) = trim_range(text, r.clone()) {
                push_capped(text, trimmed, true, out);
            }
        }
        return;
    }
    // Body text: a line break after closing punctuation ends a sentence; others are spaces.
    let (Some(first), Some(last)) = (lines.first(), lines.last()) else { return };
    split_sentences(text, first.start..last.end, out);
}

/// The longest sentence read as one, in bytes. Real sentences are far shorter; text without
/// sentence punctuation (a scraped page, a 100 MB line) is cut into pieces of this size at a
/// space, so the work per figure and the sentence kept with each claim stay bounded.
pub const MAX_SENTENCE_BYTES: usize = 1000;

/// Pushes `range`, cut at spaces into pieces of at most [`MAX_SENTENCE_BYTES`].
fn push_capped(text: &str, range: Range<usize>, heading: bool, out: &mut Vec<Segment>) {
    let mut start = range.start;
    while range.end - start > MAX_SENTENCE_BYTES {
        let limit = start + MAX_SENTENCE_BYTES;
        let window = text.get(start..limit).or_else(|| {
            // Back off to a character boundary.
            (limit - 3..limit).rev().find_map(|l| text.get(start..l))
        });
        let Some(window) = window else { break };
        // Cut after the last space; with none, at the window's end.
        let cut =
            window.rfind(char::is_whitespace).filter(|&c| c > 0).map_or(start + window.len(), |c| start + c);
        if let Some(piece) = trim_range(text, start..cut) {
            out.push(Segment { range: piece, heading });
        }
        start = cut;
    }
    if let Some(piece) = trim_range(text, start..range.end) {
        out.push(Segment { range: piece, heading });
    }
}

fn trim_range(text: &str, r: Range<usize>) -> Option<Range<usize>> {
    let slice = text.get(r.clone())?;
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    let trimmed = r.start + lead..r.end - trail;
    (trimmed.start < trimmed.end).then_some(trimmed)
}

/// A short line without closing punctuation: a headline, a sub-heading, a by-line.
fn heading_shaped(text: &str, r: Range<usize>) -> bool {
    let Some(line) = text.get(r) else { return false };
    let line = line.trim();
    // The cheap tests first: most lines are body text ending in a full stop.
    let last = line.chars().next_back().unwrap_or('.');
    if matches!(last, '.' | '!' | '?' | ';' | ',' | '"' | '\u{201D}' | ':' | '\'' | '\u{2019}') {
        return false;
    }
    if line.len() > 140 * 4 {
        return false;
    }
    let words = line.split_whitespace().count();
    if words == 0 || words > 16 || line.chars().count() > 140 {
        return false;
    }
    line.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric() || !c.is_alphabetic())
}

fn split_sentences(text: &str, block: Range<usize>, out: &mut Vec<Segment>) {
    let Some(slice) = text.get(block.clone()) else { return };
    let mut start = block.start;
    // Sentence ends are ASCII, so a byte search finds them without decoding the text.
    let mut taken = 0;
    for i in memchr::memchr3_iter(b'.', b'!', b'?', slice.as_bytes()) {
        if i < taken {
            continue; // taken with the closing punctuation of an earlier end
        }
        let c = char::from(slice.as_bytes().get(i).copied().unwrap_or(b'.'));
        // Take closing quotes and brackets with the sentence.
        let mut end_in_block = i + 1;
        while let Some(next) = slice.get(end_in_block..).and_then(|r| r.chars().next()) {
            if matches!(next, '"' | '\u{201D}' | '\u{2019}' | '\'' | ')' | ']' | '.' | '!' | '?') {
                end_in_block += next.len_utf8();
            } else {
                break;
            }
        }
        taken = end_in_block;
        let end = block.start + end_in_block;
        let rest = text.get(end..block.end).unwrap_or("");
        let after_space = rest.trim_start();
        if after_space.len() == rest.len() && !rest.is_empty() {
            continue; // "1.5", "U.S.": no space, not an end
        }
        let next_char = after_space.chars().next();
        // A line break after closing punctuation ends the sentence whatever follows (a list item
        // or table cell starting with a symbol or a lowercase word is still a block of its own).
        let line_break = rest.get(..rest.len() - after_space.len()).is_some_and(|gap| gap.contains('\n'));
        let starts_new = match next_char {
            None => true,
            Some(n) => {
                line_break
                    || n.is_uppercase()
                    || n.is_numeric()
                    || matches!(n, '"' | '\u{201C}' | '(' | '\'' | '\u{2018}')
            }
        };
        if !starts_new || (c == '.' && ends_with_abbreviation(text, start, block.start + i)) {
            continue;
        }
        if let Some(r) = trim_range(text, start..end) {
            push_capped(text, r, false, out);
        }
        start = end;
    }
    if let Some(r) = trim_range(text, start..block.end) {
        push_capped(text, r, false, out);
    }
}

fn ends_with_abbreviation(text: &str, sentence_start: usize, dot: usize) -> bool {
    let Some(before) = text.get(sentence_start..dot) else { return false };
    let word = last_word(before);
    // Most full stops end a longer word. An initial is one character, of at most four bytes,
    // and an abbreviation at most six bytes, or five in the one spelling beyond ASCII that
    // lowercases to one ("U.K" with the Kelvin sign).
    if word.len() > 6 {
        return false;
    }
    // A lone capital ("J. Smith") is an initial.
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true;
    }
    // Every full stop asks this: an ASCII word is looked up in a table, without a lowercase
    // copy; no abbreviation is longer than six bytes.
    if word.is_ascii() {
        let mut buf = [0u8; 16];
        word.len() <= 6
            && crate::text::ascii_lowercase_into(word.as_bytes(), &mut buf)
                .is_some_and(|w| abbreviation_table().get(w).is_some())
    } else {
        ABBREVIATIONS.contains(&word.to_lowercase().as_str())
    }
}

/// What follows the last whitespace or "(" in `before`: the word a full stop ends.
fn last_word(before: &str) -> &str {
    // Every full stop asks this: the bytes are read backwards while they are ASCII, where a
    // separator is one byte. A byte past ASCII may belong to one (a no-break space), and the
    // search is then made by characters.
    for (k, &b) in before.as_bytes().iter().enumerate().rev() {
        if !b.is_ascii() {
            return before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
        }
        if crate::text::is_ascii_space(&b) || b == b'(' {
            return before.get(k + 1..).unwrap_or("");
        }
    }
    before
}

/// [`ABBREVIATIONS`] as a hashed table, built on first use.
fn abbreviation_table() -> &'static crate::text::WordTable<()> {
    static TABLE: std::sync::OnceLock<crate::text::WordTable<()>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| crate::text::WordTable::new(ABBREVIATIONS.iter().map(|a| (*a, ()))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_and_initials_of_every_length_are_known() {
        let ends = |text: &str| ends_with_abbreviation(text, 0, text.len());
        assert!(ends("said Approx"));
        assert!(ends("in the U.\u{212A}"), "the Kelvin sign lowercases to k");
        assert!(ends("met J"));
        assert!(ends("met \u{1D400}"), "a capital of four bytes");
        assert!(!ends("said Approxx"));
        assert!(!ends("the storm"));
    }

    #[test]
    fn the_word_a_full_stop_ends_is_read_as_by_characters() {
        fn by_characters(before: &str) -> Option<&str> {
            before.rsplit(|c: char| c.is_whitespace() || c == '(').next()
        }
        assert_eq!(last_word("said Mr"), "Mr");
        assert_eq!(last_word("(Gen"), "Gen");
        assert_eq!(last_word("met\u{a0}Gen"), "Gen");
        assert_eq!(last_word("x\x0BSt"), "St");
        assert_eq!(last_word("a\x1FSt"), "a\x1FSt");
        assert_eq!(last_word("ends "), "");
        assert_eq!(last_word(""), "");
        for text in crate::text::mixed_test_texts(3, 20_000) {
            assert_eq!(Some(last_word(&text)), by_characters(&text), "{text:?}");
        }
    }

    fn pieces(text: &str) -> Vec<(&str, bool)> {
        segment(text, &[]).into_iter().map(|s| (&text[s.range], s.heading)).collect()
    }

    #[test]
    fn headline_block_and_paragraph_sentences() {
        let text = "Storm Hits Coast\nSecond Line Here\n\nThe storm hit on Nov. 3 at 5 p.m. local time. Mr. Smith said 1.5 million lost power! \"It was bad.\" Then it ended\n\nPrevious Storms\n\nA storm in 2019 killed 3.";
        assert_eq!(
            pieces(text),
            vec![
                ("Storm Hits Coast", true),
                ("Second Line Here", true),
                ("The storm hit on Nov. 3 at 5 p.m. local time.", false),
                ("Mr. Smith said 1.5 million lost power!", false),
                ("\"It was bad.\"", false),
                ("Then it ended", false),
                ("Previous Storms", true),
                ("A storm in 2019 killed 3.", false),
            ]
        );
    }

    #[test]
    fn line_break_inside_paragraph_is_not_a_heading() {
        let text = "Police said the operation\nran for ten days and ended on Friday.\nOfficials agreed.";
        assert_eq!(
            pieces(text),
            vec![
                ("Police said the operation\nran for ten days and ended on Friday.", false),
                ("Officials agreed.", false)
            ]
        );
    }

    #[test]
    fn marked_headings_are_headings_even_with_punctuation() {
        let text = "What happened?\n\nBody text here.";
        let marked = [std::ops::Range { start: 0, end: 14 }];
        let segments = segment(text, &marked);
        assert!(segments[0].heading);
        assert!(!segments[1].heading);
    }

    #[test]
    fn sentences_without_punctuation_are_cut_at_spaces() {
        let text = "word ".repeat(1000) + "é".repeat(1500).as_str();
        let segments = segment(&text, &[]);
        assert!(segments.iter().all(|s| s.range.len() <= MAX_SENTENCE_BYTES), "{segments:?}");
        assert_eq!(segments.first().map(|s| &text[s.range.clone()]), Some("word ".repeat(200).trim_end()));
        // Nothing is lost: the pieces cover every word; the 3,000-byte word is cut into pieces at a
        // character boundary.
        let words: usize = segments.iter().map(|s| text[s.range.clone()].split_whitespace().count()).sum();
        assert_eq!(words, 1004);
        let covered: usize = segments.iter().map(|s| text[s.range.clone()].replace(' ', "").len()).sum();
        assert_eq!(covered, text.replace(' ', "").len());
    }

    #[test]
    fn every_abbreviation_is_known_in_any_case_and_nothing_else() {
        for a in ABBREVIATIONS {
            for word in [a.to_string(), a.to_uppercase(), format!("({a}")] {
                let text = format!("see {word}. Then");
                assert!(ends_with_abbreviation(&text, 0, 4 + word.len()), "{text}");
            }
        }
        for word in ["said", "approxx", "U.S.A", "stop", "Ms\u{e9}", "MR\u{301}"] {
            let text = format!("see {word}. Then");
            assert!(!ends_with_abbreviation(&text, 0, 4 + word.len()), "{text}");
        }
        assert!(ends_with_abbreviation("see J. Smith", 0, 5));
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in ["", "\n\n\n", ".", "...", "é.", " . ! ?", "a.\u{201D}", "\r\n\r\n"] {
            let _ = segment(text, &[]);
        }
    }
}
