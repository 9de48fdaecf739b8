//! Cue words of every field, matched together in one pass over the text.
//!
//! All cue and exclude phrases of all fields go into one Aho-Corasick automaton (`phrases.rs`),
//! so the cost of a rulebook grows with the text, not with the number of fields. Only matches
//! that stand as words count, and they may run on into a short inflection ("officer" matches
//! "officers").
//!
//! The rulebook's other-event phrases ("a second", "last year") ride in the same automaton:
//! the scope of a claim asks for them in its sentence, and nearly every sentence has a claim,
//! so searching each sentence again would read the text a second time. Their occurrences are
//! set aside whole, and hide no cue.

use std::ops::Range;

use crate::text::{char_at, char_before, is_word_char};

/// What a phrase means for a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The phrase identifies the field.
    Cue,
    /// The phrase rules the field out.
    Exclude,
}

/// One phrase found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Byte offset of the phrase.
    pub start: usize,
    /// Byte offset past the phrase and its inflection.
    pub end: usize,
    /// Index into [`CueSet`]'s pattern table.
    pub pattern: usize,
}

/// Every field's cue and exclude phrases, and the other-event phrases, compiled.
#[derive(Debug, Clone)]
pub struct CueSet {
    automaton: super::phrases::PhraseSearch,
    /// For each cue pattern, the (field index, role) pairs that use it.
    owners: Vec<Vec<(usize, Role)>>,
    /// The automaton's index of the first other-event phrase: they follow the cue patterns.
    first_event: usize,
}

/// What one pass of the cue automaton finds in a text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// The cues and exclude words that stand as words, in order.
    pub hits: Vec<Hit>,
    /// Every occurrence of an other-event phrase, wherever it stands (the scope tests whether
    /// it stands as words in its sentence), by start, the longest first.
    pub events: Vec<Range<usize>>,
}

/// The vectors [`CueSet::find_into`] fills, kept by the extractor from one text to the next so
/// that their room is allocated once per thread rather than once per text.
#[derive(Default)]
pub(super) struct Room {
    /// What the last text searched holds.
    pub(super) found: Found,
    /// The other-event occurrences as the automaton sets them aside.
    occurrences: Vec<super::phrases::PhraseMatch>,
}

/// Endings a cue may take and still match ("arrest" → "arrests", "arrested").
const INFLECTIONS: &[&str] = &["s", "es", "ed", "d", "ing"];

impl CueSet {
    /// Compiles `phrases`: (field index, role, phrase), and the other-event phrases
    /// `event_phrases` (matched as they are written, ASCII case aside).
    pub fn new<E: AsRef<str>>(
        phrases: &[(usize, Role, String)],
        event_phrases: &[E],
    ) -> Result<CueSet, aho_corasick::BuildError> {
        let mut patterns: Vec<String> = Vec::new();
        let mut owners: Vec<Vec<(usize, Role)>> = Vec::new();
        // Index of each distinct phrase, so a rulebook of thousands of fields loads in linear time.
        let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for (field, role, phrase) in phrases {
            let key = phrase.to_lowercase();
            match index.get(&key) {
                Some(&i) => {
                    if let Some(list) = owners.get_mut(i) {
                        list.push((*field, *role));
                    }
                }
                None => {
                    index.insert(key.clone(), patterns.len());
                    patterns.push(key);
                    owners.push(vec![(*field, *role)]);
                }
            }
        }
        let first_event = patterns.len();
        patterns.extend(event_phrases.iter().map(|p| p.as_ref().to_string()));
        Ok(CueSet { automaton: super::phrases::PhraseSearch::new(&patterns)?, owners, first_event })
    }

    /// The (field, role) pairs of a pattern.
    pub fn owners(&self, pattern: usize) -> &[(usize, Role)] {
        self.owners.get(pattern).map_or(&[], Vec::as_slice)
    }

    /// Every phrase in `text` that starts a word and ends a word (after an optional inflection).
    ///
    /// A phrase that starts or ends inside a word is passed over and hides nothing: in "40
    /// unconfirmed cases", "confirmed cases" starts inside "unconfirmed", and "cases" is found.
    ///
    /// Every occurrence of an other-event phrase is listed too, apart from the cues.
    pub fn find(&self, text: &str) -> Found {
        let mut room = Room::default();
        self.find_into(text, &mut room);
        room.found
    }

    /// [`CueSet::find`], into `room.found` in place of what it held.
    pub(super) fn find_into(&self, text: &str, room: &mut Room) {
        let Room { found: Found { hits, events }, occurrences } = room;
        hits.clear();
        events.clear();
        occurrences.clear();
        // News text has a cue every hundred bytes or so: room for most texts' hits at once.
        hits.reserve(text.len() / 128 + 1);
        let aside = super::phrases::Aside { first: self.first_event, found: Some(occurrences) };
        self.automaton.for_each_match_setting_aside(text, aside, |m| {
            if char_before(text, m.start).is_some_and(is_word_char) {
                return false;
            }
            let Some(end) = word_end(text, m.end) else { return false };
            hits.push(Hit { start: m.start, end, pattern: m.phrase });
            true
        });
        events.extend(occurrences.iter().map(|m| m.start..m.end));
    }
}

/// Where the word ending at `at` really ends, allowing a short inflection; `None` if the match
/// stops inside a longer word ("member" inside "membership").
fn word_end(text: &str, at: usize) -> Option<usize> {
    if !char_at(text, at).is_some_and(is_word_char) {
        return Some(at);
    }
    let rest = text.get(at..)?;
    INFLECTIONS.iter().find_map(|ending| {
        let after = at + ending.len();
        (rest.len() >= ending.len()
            && rest.get(..ending.len()).is_some_and(|r| r.eq_ignore_ascii_case(ending))
            && !char_at(text, after).is_some_and(is_word_char))
        .then_some(after)
    })
}

/// Number of words in `text[from..to]`: the distance between a figure and a cue.
pub fn words_between(text: &str, from: usize, to: usize) -> usize {
    if to <= from {
        return 0;
    }
    text.get(from..to).map_or(usize::MAX, |gap| {
        if gap.is_ascii() {
            ascii_words_with_alphanumerics(gap.as_bytes())
        } else {
            gap.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
        }
    })
}

/// How many runs of non-whitespace bytes in `gap` (ASCII) hold a letter or digit: what
/// [`words_between`] counts, read a byte at a time. Each figure asks it of every cue near it.
fn ascii_words_with_alphanumerics(gap: &[u8]) -> usize {
    let mut count = 0;
    let mut word_counted = false;
    for &b in gap {
        if crate::text::is_ascii_space(&b) {
            word_counted = false;
        } else if !word_counted && b.is_ascii_alphanumeric() {
            count += 1;
            word_counted = true;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_between_counts_as_by_characters() {
        let by_characters =
            |gap: &str| gap.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
        assert_eq!(words_between("84 people were , killed", 2, 17), 2);
        assert_eq!(words_between("a\x0Bb\x1Fc", 0, 5), 2);
        assert_eq!(words_between("abc", 2, 1), 0);
        let mut counted = 0;
        for text in crate::text::mixed_test_texts(5, 3_000) {
            for from in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                for to in (from + 1..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                    let expected = text.get(from..to).map_or(usize::MAX, by_characters);
                    assert_eq!(words_between(&text, from, to), expected, "{text:?} {from}..{to}");
                    counted += expected;
                }
            }
        }
        assert!(counted > 10_000, "the texts hold words: {counted}");
    }

    fn set(phrases: &[&str]) -> CueSet {
        with_events(phrases, &[])
    }

    fn with_events(phrases: &[&str], events: &[&str]) -> CueSet {
        let list: Vec<(usize, Role, String)> =
            phrases.iter().enumerate().map(|(i, p)| (i, Role::Cue, (*p).to_string())).collect();
        CueSet::new(&list, events).expect("builds")
    }

    #[test]
    fn matches_whole_words_with_inflections() {
        let cues = set(&["officer", "arrest", "member countries", "countries"]);
        let text = "14,000 Officers arrested suspects in 196 member countries; membership arrests";
        let found: Vec<(&str, usize)> =
            cues.find(text).hits.iter().map(|h| (&text[h.start..h.end], h.pattern)).collect();
        assert_eq!(found, vec![("Officers", 0), ("arrested", 1), ("member countries", 2), ("arrests", 1)]);
    }

    #[test]
    fn a_cue_inside_a_word_hides_no_cue_within_it() {
        let cues = set(&[
            "confirmed cases",
            "cases",
            "member countries",
            "countries",
            "chief executive officer",
            "chief executive",
        ]);
        let text = "40 unconfirmed cases, 12 nonmember countries, the chief executive officership";
        let found: Vec<(&str, usize)> =
            cues.find(text).hits.iter().map(|h| (&text[h.start..h.end], h.pattern)).collect();
        // The longest cue at a place that ends inside a word gives way to a shorter one there.
        assert_eq!(found, vec![("cases", 1), ("countries", 3), ("chief executive", 5)]);
    }

    #[test]
    fn other_event_phrases_are_listed_apart_and_hide_no_cue() {
        let cues = with_events(&["injured", "year", "quake"], &["a second", "last year", "a second quake"]);
        let text = "A second quake last year injured 40; unlast yearly A SECOND";
        let found = cues.find(text);
        let hits: Vec<&str> = found.hits.iter().map(|h| &text[h.start..h.end]).collect();
        // "quake" and "year" stand as words inside the event phrases, and are still cues.
        assert_eq!(hits, ["quake", "year", "injured"]);
        let events: Vec<&str> = found.events.iter().map(|r| &text[r.clone()]).collect();
        // Every occurrence, inside words too, and the longer one first where two start together.
        assert_eq!(events, ["A second quake", "A second", "last year", "last year", "A SECOND"]);
    }

    #[test]
    fn counts_words_between() {
        let text = "3,744 of the criminal suspects";
        assert_eq!(words_between(text, 5, 22), 3);
        assert_eq!(words_between(text, 9, 3), 0);
    }
}
