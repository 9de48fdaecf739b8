//! Scope: whether a claim is about the event as a whole, a part of it, or another event.
//!
//! Reporters put figures about other things next to the event's totals: a regional breakdown
//! ("In West and Central Africa, ... 200 victims"), an earlier event ("A 2025 cybercrime
//! crackdown ... 1,209 suspects"), a background section ("Previous Crackdowns"). Comparing those
//! with the totals is the commonest false alarm, so each claim gets a scope and only claims of
//! the same scope are compared.

use crate::claim::{Scope, ScopeKind};
use crate::rules::ScopeRules;

use crate::text::{char_at, char_before, is_capitalized, squash};

/// Words that may open a sentence before a place opener ("Meanwhile, in Asia, ...").
const CONNECTIVES: &[&str] =
    &["meanwhile", "elsewhere", "separately", "also", "however", "but", "and", "further", "similarly"];

/// Lowercase words allowed inside a place name ("West and Central Africa", "Bosnia and Herzegovina").
const PLACE_JOINERS: &[&str] = &["and", "of", "de", "du", "la", "del", "the", "da", "do", "dos", "el"];

/// Words that end a scope label ("a 2025 cybercrime crackdown | in Africa led ...").
const LABEL_STOPS: &[&str] = &[
    "in", "on", "at", "led", "that", "which", "who", "of", "was", "were", "is", "are", "had", "has", "have",
    "by", "to", "with", "for", "killed", "left", "resulted", "saw", "when", "where", "and", "after",
    "during",
];

/// Scope for a heading: a section about other events when the heading has one of the rule words.
pub fn heading_scope(heading: &str, rules: &ScopeRules) -> Option<Scope> {
    HeadingCues::new(rules).scope(heading)
}

/// The rulebook's other-event headings, each split into its words once rather than at every
/// heading of every text.
#[derive(Debug, Clone)]
pub struct HeadingCues {
    cues: Vec<Vec<String>>,
}

impl HeadingCues {
    /// Splits the rulebook's `other-event-headings`.
    pub fn new(rules: &ScopeRules) -> HeadingCues {
        let cues = rules
            .other_event_headings
            .iter()
            .map(|cue| cue.split_whitespace().map(str::to_string).collect())
            .collect();
        HeadingCues { cues }
    }

    /// [`heading_scope`] with these cues.
    pub fn scope(&self, heading: &str) -> Option<Scope> {
        let hit = if heading.is_ascii() { self.ascii_hit(heading) } else { self.hit(heading) };
        hit.then(|| Scope { kind: ScopeKind::Section, label: squash(heading) })
    }

    /// Whether the words of `heading`, lowercased, hold a cue's words in a row.
    fn hit(&self, heading: &str) -> bool {
        let lower = heading.to_lowercase();
        let words: Vec<&str> =
            lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        self.cues.iter().any(|cue| {
            // Most windows differ at the first word.
            !cue.is_empty()
                && words
                    .windows(cue.len())
                    .any(|window| window.iter().copied().eq(cue.iter().map(String::as_str)))
        })
    }

    /// [`HeadingCues::hit`] for an ASCII heading, whose lowercase copy is byte for byte its
    /// ASCII lowercase: compared in place, without a copy or a word list.
    fn ascii_hit(&self, heading: &str) -> bool {
        let mut words = heading.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty());
        loop {
            let from_here = words.clone();
            let Some(first) = words.next() else { return false };
            let matched = self.cues.iter().any(|cue| {
                cue.first().is_some_and(|cue_first| lowercase_is(first, cue_first))
                    && cue.len() <= 1 + words.clone().take(cue.len() - 1).count()
                    && from_here.clone().zip(cue).all(|(word, cue_word)| lowercase_is(word, cue_word))
            });
            if matched {
                return true;
            }
        }
    }
}

/// Whether ASCII `word`, lowercased, is `lower`.
fn lowercase_is(word: &str, lower: &str) -> bool {
    word.len() == lower.len() && word.bytes().zip(lower.bytes()).all(|(a, b)| a.to_ascii_lowercase() == b)
}

/// The words a sentence that opens with a place begins with ("In", "Meanwhile, in" …).
const PLACE_OPENERS: &[&str] = &["in", "across", "throughout", "within"];

/// Whether the first word of `sentence` may be a connective or a place opener, as far as its
/// bytes tell: [`place_opener`] is asked of nearly every sentence with a claim, and most begin
/// with another word. A word of ASCII letters followed by the end, ASCII whitespace or a comma
/// is looked up; one followed by other ASCII (a hyphen, a digit) is neither, nor is a first
/// word that begins with other ASCII (all the words listed begin with a letter). Leading
/// whitespace, and a byte past ASCII where it may be whitespace, are left to the full reading.
fn may_open_with_place(sentence: &str) -> bool {
    let bytes = sentence.as_bytes();
    let letters = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let Some(word) = sentence.get(..letters).filter(|w| !w.is_empty()) else {
        return bytes.first().is_some_and(|b| !b.is_ascii() || crate::text::is_ascii_space(b));
    };
    match bytes.get(letters) {
        Some(b) if !crate::text::is_ascii_space(b) && *b != b',' => !b.is_ascii(),
        _ => CONNECTIVES.iter().chain(PLACE_OPENERS).any(|listed| word.eq_ignore_ascii_case(listed)),
    }
}

/// Scope of a whole sentence that opens with a place: "In Syria, ...", "In X County alone, ...".
pub fn place_opener(sentence: &str, rules: &ScopeRules) -> Option<Scope> {
    if !may_open_with_place(sentence) {
        return None;
    }
    place_opener_by_words(sentence, rules)
}

/// [`place_opener`], reading the words whatever the first one is.
fn place_opener_by_words(sentence: &str, rules: &ScopeRules) -> Option<Scope> {
    let mut words = sentence.split_whitespace().peekable();
    // Skip connectives such as "Meanwhile,".
    // The words compared here are ASCII without a "k" (which the Kelvin sign lowercases to), so
    // comparing ignoring ASCII case is exact, and no lowercased copy is made.
    while let Some(w) = words.peek() {
        let bare = w.trim_end_matches(',');
        if CONNECTIVES.iter().any(|c| bare.eq_ignore_ascii_case(c)) {
            words.next();
        } else {
            break;
        }
    }
    let opener = words.next()?;
    if !PLACE_OPENERS.iter().any(|o| opener.eq_ignore_ascii_case(o)) {
        return None;
    }
    let mut name: Vec<&str> = Vec::new();
    let mut closed = false;
    // "In the upper valley alone, ...": "alone" marks a part of the area even without capitals.
    let marked_alone =
        sentence.split_whitespace().take(12).any(|w| w.trim_end_matches(',').eq_ignore_ascii_case("alone"));
    for word in words.by_ref() {
        let (bare, comma) = match word.strip_suffix(',') {
            Some(b) => (b, true),
            None => (word, false),
        };
        // These words have no "k" either: comparing ignoring ASCII case is exact (see above).
        if bare.eq_ignore_ascii_case("alone") {
            closed = comma || !name.is_empty();
            break;
        }
        let is_name_word = is_capitalized(bare)
            && bare.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '\u{2019}' | '.'));
        let is_joiner = !name.is_empty() && PLACE_JOINERS.iter().any(|j| bare.eq_ignore_ascii_case(j))
            || (name.is_empty() && bare.eq_ignore_ascii_case("the"));
        if is_name_word {
            if name.is_empty() && rules.not_places.contains(bare) {
                return None;
            }
            name.push(bare);
        } else if is_joiner || (marked_alone && bare.chars().all(char::is_alphabetic)) {
            name.push(bare);
        } else {
            return None;
        }
        if comma {
            closed = true;
            break;
        }
        if name.len() > 8 {
            return None;
        }
    }
    while !marked_alone && name.last().is_some_and(|w| !is_capitalized(w)) {
        name.pop();
    }
    if !closed || name.is_empty() || !(marked_alone || name.iter().any(|w| is_capitalized(w))) {
        return None;
    }
    Some(Scope { kind: ScopeKind::Place, label: format!("in {}", name.join(" ")) })
}

/// Scope of a sentence that opens on a part of what was counted: "Of the injured, 9 remain in
/// critical condition", "Among them, 40 were children". Its figures are not the totals.
pub fn subset_opener(sentence: &str) -> Option<Scope> {
    // Asked of every sentence with a claim, and few open with either word: one byte tells.
    if !matches!(sentence.trim_start().as_bytes().first(), Some(b'o' | b'O' | b'a' | b'A')) {
        return None;
    }
    let mut words = sentence.split_whitespace();
    let first = words.next()?;
    // Asked of every sentence with a claim; lowercased only when it opens one.
    if !first.eq_ignore_ascii_case("of") && !first.eq_ignore_ascii_case("among") {
        return None;
    }
    let first = first.to_ascii_lowercase();
    let mut phrase = vec![first];
    for word in words.take(5) {
        let closes = word.ends_with(',');
        phrase.push(word.trim_end_matches(',').to_string());
        if closes {
            let label = phrase.join(" ");
            return Some(Scope { kind: ScopeKind::Subset, label });
        }
    }
    None
}

/// The other-event phrases of a rulebook searched in one sentence at a time: what the
/// occurrences the cue pass lists for the whole text (`cues::Found::events`) are held to by the
/// unit tests and the fuzzer.
#[cfg(any(test, fuzzing))]
#[derive(Debug, Clone)]
pub struct EventPhrases {
    automaton: Option<super::phrases::PhraseSearch>,
}

#[cfg(any(test, fuzzing))]
impl EventPhrases {
    /// Compiles the rulebook's `other-event-phrases`.
    pub fn new(rules: &ScopeRules) -> Result<EventPhrases, aho_corasick::BuildError> {
        if rules.other_event_phrases.is_empty() {
            return Ok(EventPhrases { automaton: None });
        }
        let phrases: Vec<&String> = rules.other_event_phrases.iter().collect();
        let automaton = super::phrases::PhraseSearch::new(&phrases)?;
        Ok(EventPhrases { automaton: Some(automaton) })
    }

    /// Every occurrence of a phrase in `sentence`, in the order [`event_trigger`] takes them.
    pub fn occurrences(&self, sentence: &str) -> Vec<std::ops::Range<usize>> {
        let mut all = Vec::new();
        if let Some(automaton) = &self.automaton {
            // Declining each occurrence has every one offered, in leftmost-longest order.
            automaton.for_each_match_where(sentence, |m| {
                all.push(m.start..m.end);
                false
            });
        }
        all
    }
}

/// Where in `sentence` another event is introduced, with its label. `phrases` are the
/// occurrences of the rulebook's other-event phrases in the sentence, as byte ranges of it, by
/// start and the longest first; the first that stands as words and names an event counts.
pub fn event_trigger(
    sentence: &str,
    phrases: impl IntoIterator<Item = std::ops::Range<usize>>,
) -> Option<(usize, Scope)> {
    let mut best = phrases.into_iter().find(|m| names_an_event(sentence, m)).map(|m| m.start);
    if let Some(at) = indefinite_year(sentence) {
        best = Some(best.map_or(at, |b| b.min(at)));
    }
    let at = best?;
    let label = label_from(sentence.get(at..).unwrap_or(""));
    Some((at, Scope { kind: ScopeKind::Event, label }))
}

/// Whether the other-event phrase at `m` of `sentence` stands as words of its own and names
/// another event.
///
/// A phrase passed over hides nothing: "an earlier" at the end of "Japan earlier this year"
/// starts inside a word, and "earlier this year", which starts within it, is found.
fn names_an_event(sentence: &str, m: &std::ops::Range<usize>) -> bool {
    if char_before(sentence, m.start).is_some_and(char::is_alphanumeric)
        || char_at(sentence, m.end).is_some_and(char::is_alphanumeric)
    {
        return false;
    }
    let rest = sentence.get(m.end..);
    // "a third of the town" is a fraction, not a third event.
    let fraction = rest
        .map(str::trim_start)
        .and_then(|rest| rest.get(..3))
        .is_some_and(|next| next.eq_ignore_ascii_case("of "));
    // "a second term", "a third time": a repetition, not another event.
    let repetition = rest
        .and_then(|rest| rest.split_whitespace().next())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_ascii_lowercase())
        .is_some_and(|w| {
            matches!(w.as_str(), "term" | "time" | "consecutive" | "straight" | "half" | "place")
        });
    !fraction && !repetition
}

/// Position of "a 2025 …" / "an 1999 …": an indefinite article before a year names another event.
fn indefinite_year(sentence: &str) -> Option<usize> {
    // Only an "a" or "an" standing between spaces can open one: find each "a" with one byte
    // search rather than splitting every sentence into words.
    let bytes = sentence.as_bytes();
    // The year starts "19" or "20"; digits are far rarer than "a"s, and most sentences have
    // neither pair.
    let century = memchr::memchr2_iter(b'1', b'2', bytes)
        .any(|at| matches!(bytes.get(at..at + 2), Some(b"19" | b"20")));
    if !century {
        return None;
    }
    for at in memchr::memchr2_iter(b'a', b'A', bytes) {
        if at > 0 && !char_before(sentence, at).is_some_and(char::is_whitespace) {
            continue;
        }
        let article_end = if matches!(bytes.get(at + 1), Some(b'n' | b'N')) { at + 2 } else { at + 1 };
        let Some(space) = char_at(sentence, article_end).filter(|c| c.is_whitespace()) else { continue };
        let Some(next) =
            sentence.get(article_end + space.len_utf8()..).and_then(|r| r.split_whitespace().next())
        else {
            continue;
        };
        let digits = next.trim_end_matches(|c: char| !c.is_ascii_digit());
        if digits.len() == 4
            && digits.chars().all(|c| c.is_ascii_digit())
            && (digits.starts_with("19") || digits.starts_with("20"))
        {
            return Some(at);
        }
    }
    None
}

fn label_from(rest: &str) -> String {
    let mut words: Vec<&str> = Vec::new();
    for (i, word) in rest.split_whitespace().enumerate() {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        if i >= 2 && (LABEL_STOPS.contains(&bare.to_lowercase().as_str()) || i >= 6) {
            break;
        }
        words.push(bare);
        if word.ends_with([',', ';', ':', '.']) {
            break;
        }
    }
    words.retain(|w| !w.is_empty());
    let label = words.join(" ");
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => label,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_place_opens_a_sentence_the_first_word_turns_away() {
        let r = rules();
        let words = [
            "In",
            "in",
            "IN",
            "Across",
            "throughout",
            "Within",
            "Meanwhile,",
            "meanwhile",
            "Also",
            "and",
            "But,",
            "Syria,",
            "West",
            "Central",
            "Africa",
            "Harris",
            "County",
            "alone,",
            "the",
            "upper",
            "valley",
            "of",
            "Inland",
            "In-depth",
            "In2024",
            "\"In",
            "In\u{a0}Syria",
            "Ín",
            "police",
            "30",
            "died.",
            ",",
            "In,",
        ];
        let separators = [" ", "  ", "\t", "\n", ", ", "\u{a0}", "\u{2009}", ""];
        assert_eq!(place_opener("  In Syria, 30 died.", &r).map(|s| s.label), Some("in Syria".into()));
        assert_eq!(place_opener("\u{a0}In Syria, 30 died.", &r).map(|s| s.label), Some("in Syria".into()));
        let mut next = crate::text::test_random(11);
        let (mut turned_away, mut opened) = (0, 0);
        for _ in 0..40_000 {
            let mut sentence = String::new();
            for k in 0..1 + next(6) {
                // Now and then a separator before the first word too.
                if k > 0 || next(8) == 0 {
                    sentence.push_str(separators[next(separators.len())]);
                }
                sentence.push_str(words[next(words.len())]);
            }
            let by_words = place_opener_by_words(&sentence, &r);
            opened += usize::from(by_words.is_some());
            if !may_open_with_place(&sentence) {
                turned_away += 1;
                assert_eq!(by_words.map(|s| s.label), None, "{sentence:?}");
            }
        }
        assert!(turned_away > 10_000 && opened > 1_000, "{turned_away} turned away, {opened} opened");
    }

    fn rules() -> ScopeRules {
        ScopeRules {
            other_event_headings: ["previous".to_string()].into_iter().collect(),
            other_event_phrases: ["a second".to_string(), "last year".to_string()].into_iter().collect(),
            not_places: ["Addition".to_string(), "November".to_string()].into_iter().collect(),
        }
    }

    #[test]
    fn place_openers() {
        let r = rules();
        let label = |s: &str| place_opener(s, &r).map(|s| s.label);
        assert_eq!(
            label("In West and Central Africa, authorities rescued 200."),
            Some("in West and Central Africa".into())
        );
        assert_eq!(label("Meanwhile, in Asia, police found 450 workers."), Some("in Asia".into()));
        assert_eq!(label("In Harris County alone, 30 died."), Some("in Harris County".into()));
        assert_eq!(label("In the upper valley alone, 9 died."), Some("in the upper valley".into()));
        assert_eq!(label("In the United States, 12 died."), Some("in the United States".into()));
        assert_eq!(label("In addition, 30 died."), None);
        assert_eq!(label("In Addition, 30 died."), None);
        assert_eq!(label("In November, 30 died."), None);
        assert_eq!(label("Police in Syria said 30 died."), None);
        assert_eq!(label("In 2024, 30 died."), None);
    }

    #[test]
    fn event_triggers() {
        let r = rules();
        let phrases = EventPhrases::new(&r).expect("phrases compile");
        let found = |s: &str| event_trigger(s, phrases.occurrences(s)).map(|(at, scope)| (at, scope.label));
        assert_eq!(
            found("A 2025 cybercrime crackdown in Africa led to the arrest of 1,209 suspects."),
            Some((0, "a 2025 cybercrime crackdown".into()))
        );
        assert_eq!(
            found("Hours later a second earthquake killed 40."),
            Some((12, "a second earthquake".into()))
        );
        assert_eq!(found("Police arrested 3,744 suspects."), None);
        assert_eq!(found("A third of the town was evacuated."), None);
        assert_eq!(found("She won a second term with 52% of the vote."), None);
        assert_eq!(found("It was a 20 percent rise."), None);
    }

    #[test]
    fn a_phrase_inside_a_word_hides_no_phrase_after_it() {
        let r = ScopeRules {
            other_event_phrases: ["an earlier", "earlier this year", "a second"].map(String::from).into(),
            ..rules()
        };
        let phrases = EventPhrases::new(&r).expect("phrases compile");
        let found = |s: &str| event_trigger(s, phrases.occurrences(s)).map(|(at, scope)| (at, scope.label));
        // "an earlier" matches at the end of "Japan" and is passed over; "earlier this year"
        // starts inside it and is still found.
        assert_eq!(
            found("In Japan earlier this year, 50 people died."),
            Some((9, "earlier this year".into()))
        );
        assert_eq!(
            found("In Brazil earlier this year, 50 people died."),
            Some((10, "earlier this year".into()))
        );
        // Passed over at every start inside words, and nothing else is found.
        assert_eq!(found("Japan and Taiwan reported 50 deaths."), None);
        assert_eq!(
            found("Ça s'est passé à Japan earlier this year."),
            Some((26, "earlier this year".into()))
        );
    }

    #[test]
    fn subsets_of_what_was_counted() {
        let label = |s: &str| subset_opener(s).map(|s| (s.kind, s.label));
        assert_eq!(
            label("Of the injured, 9 remain in critical condition."),
            Some((ScopeKind::Subset, "of the injured".to_string()))
        );
        assert_eq!(
            label("Among them, 40 were children."),
            Some((ScopeKind::Subset, "among them".to_string()))
        );
        assert_eq!(label("Officials said 9 remain in hospital."), None);
        assert_eq!(label("Of course the storm killed 20 people"), None);
    }

    #[test]
    fn headings_about_other_events() {
        let r = rules();
        assert_eq!(
            heading_scope("Previous Crackdowns and Regional Successes", &r).map(|s| s.label),
            Some("Previous Crackdowns and Regional Successes".into())
        );
        assert_eq!(heading_scope("A Massive Coordinated Effort", &r), None);
    }

    #[test]
    fn ascii_headings_are_matched_as_the_lowercased_copy_would_be() {
        let headings = ["previous", "last year", "see also", "Mixed Case", "r\u{e9}sum\u{e9}", "a b c"];
        let cues = HeadingCues::new(&ScopeRules {
            other_event_headings: headings.iter().map(|h| h.to_string()).collect(),
            ..rules()
        });
        let texts = [
            "Previous Crackdowns",
            "LAST YEAR'S RAIDS",
            "Last",
            "The year before last year",
            "Last-year totals",
            "lastyear",
            "See   also: the timeline",
            "See",
            "Mixed Case",
            "mixed case",
            "A B C D",
            "A B",
            "b c a",
            "R\u{c9}SUM\u{c9}",
            "",
            "--",
        ];
        let mut hits = Vec::new();
        for text in texts {
            if text.is_ascii() {
                assert_eq!(cues.ascii_hit(text), cues.hit(text), "{text}");
            }
            if cues.scope(text).is_some() {
                hits.push(text);
            }
        }
        // "Mixed Case" is never matched: a heading is lowercased, a cue is compared as written.
        assert_eq!(
            hits,
            [
                "Previous Crackdowns",
                "LAST YEAR'S RAIDS",
                "The year before last year",
                "Last-year totals",
                "See   also: the timeline",
                "A B C D",
                "R\u{c9}SUM\u{c9}"
            ]
        );
    }
}
