//! People named by a title, and places named after a cue phrase.
//!
//! Both read a run of capitalised words next to a cue. A person's name may stand after the title
//! ("Secretary General Valdecy Urquiza", "the Secretary General of Interpol, Jürgen Stock") or
//! before it ("Jürgen Stock, Interpol's Secretary General"); a place stands after its cue and may
//! be a comma chain from small to large ("Lyon, France").

use std::ops::Range;

use crate::text::is_capitalized;

/// Lowercase particles that may stand inside a name ("Ursula von der Leyen").
const PARTICLES: &[&str] = &[
    "de", "da", "van", "von", "der", "den", "del", "della", "la", "le", "di", "du", "dos", "das", "bin",
    "ibn", "al", "el", "ter", "ten", "y", "af", "zu",
];

/// Capitalised words that never start or make up a person's name.
const NOT_NAME: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "Of",
    "And",
    "For",
    "To",
    "But",
    "Or",
    "As",
    "By",
    "With",
    "From",
    "Said",
    "Says",
    "Told",
    "He",
    "She",
    "They",
    "It",
    "His",
    "Her",
    "Their",
    "Its",
    "This",
    "That",
    "These",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "General",
    "Secretary",
    "President",
    "Minister",
    "Prime",
    "Governor",
    "Mayor",
    "Chief",
    "Director",
    "Executive",
    "Officer",
    "Deputy",
    "Vice",
    "Commissioner",
    "Chairman",
    "Chair",
    "Head",
    "Spokesperson",
    "Spokesman",
    "Spokeswoman",
    "Police",
    "Interpol",
    "Europol",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Sir",
    "Dame",
    "Who",
    "When",
    "Where",
    "What",
    "Why",
    "How",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Speaking",
    "According",
    "Also",
    "However",
    "Meanwhile",
    "After",
    "Before",
    "During",
    "While",
    "Since",
    "Under",
    "Over",
    "Last",
    "Next",
    "Former",
    "Acting",
    "Newly",
    "Elected",
    "U.S.",
    "UN",
    "EU",
    "NATO",
];

/// Honorifics skipped in front of a name ("Mr. Smith", "Dr Jane Doe").
const HONORIFICS: &[&str] =
    &["Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Sir", "Dame", "Prof.", "Professor"];

/// A word of `text` with its byte range.
#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

/// Words of `text[range]` split on whitespace, each trimmed of surrounding punctuation except the
/// characters that belong to names (hyphen, apostrophe, period of an initial).
fn words_in(text: &str, range: Range<usize>) -> Vec<(Word<'_>, &str)> {
    Words::new(text, range).collect()
}

/// [`words_in`] one word at a time: a name is read from the first few words after a title,
/// and the rest of a long sentence is never split.
#[derive(Clone)]
struct Words<'a> {
    pieces: std::str::SplitInclusive<'a, fn(char) -> bool>,
    /// Byte offset in the text of the next piece.
    offset: usize,
}

impl<'a> Words<'a> {
    fn new(text: &'a str, range: Range<usize>) -> Words<'a> {
        let slice = text.get(range.clone()).unwrap_or("");
        let split: fn(char) -> bool = char::is_whitespace;
        // An empty slice splits into nothing, as a range outside the text gives no words.
        Words { pieces: slice.split_inclusive(split), offset: range.start }
    }
}

impl<'a> Iterator for Words<'a> {
    /// A word and the punctuation trimmed from its end.
    type Item = (Word<'a>, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        for piece in self.pieces.by_ref() {
            let here = self.offset;
            self.offset += piece.len();
            let raw = piece.trim_end();
            if let Some(found) = plain_word(raw, here).or_else(|| trimmed_word(raw, here)) {
                return Some(found);
            }
        }
        None
    }
}

/// `raw` (a piece without its trailing spaces, at `here`) as a word when it is plain letters,
/// as most are: nothing to trim from either end, and no "'s" to drop (a word that ends in a
/// letter other than "s" cannot end in "'s"). `None` for any other piece, which
/// [`trimmed_word`] reads.
fn plain_word(raw: &str, here: usize) -> Option<(Word<'_>, &str)> {
    let (&first, &last) = (raw.as_bytes().first()?, raw.as_bytes().last()?);
    (first.is_ascii_alphabetic() && last.is_ascii_alphabetic() && last != b's')
        .then_some((Word { start: here, end: here + raw.len(), text: raw }, ""))
}

/// `raw` (a piece without its trailing spaces, at `here`) as a word, trimmed of the punctuation
/// around it, with what was trimmed from its end; `None` when nothing is left.
fn trimmed_word(raw: &str, here: usize) -> Option<(Word<'_>, &str)> {
    let lead = raw.len() - raw.trim_start_matches(['"', '\u{201C}', '(', '\u{2018}', '\'']).len();
    let core = raw.trim_start_matches(['"', '\u{201C}', '(', '\u{2018}', '\'']);
    let trimmed = core.trim_end_matches([',', ';', ':', '"', '\u{201D}', ')', '!', '?', '\u{2019}', '\'']);
    let trimmed = trimmed
        .strip_suffix('.')
        .filter(|t| t.chars().count() > 1 && !t.ends_with(char::is_uppercase))
        .unwrap_or(trimmed);
    let trimmed = trimmed.strip_suffix("'s").or_else(|| trimmed.strip_suffix("\u{2019}s")).unwrap_or(trimmed);
    if trimmed.is_empty() {
        return None;
    }
    let start = here + lead;
    let trailing = raw.get(lead + trimmed.len()..).unwrap_or("");
    Some((Word { start, end: start + trimmed.len(), text: trimmed }, trailing))
}

fn is_name_word(word: &str) -> bool {
    is_capitalized(word)
        && word.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '\u{2019}' | '.'))
        && !never_a_name(word)
}

/// Whether `word` is one of [`NOT_NAME`], as written: asked of every capitalised word near a
/// title or a place cue, so looked up in a set rather than compared with each of the list.
fn never_a_name(word: &str) -> bool {
    static SET: std::sync::OnceLock<foldhash::HashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| NOT_NAME.iter().copied().collect()).contains(word)
}

/// Whether `word`, lowercased, is one of [`PARTICLES`].
fn is_particle(word: &str) -> bool {
    static TABLE: std::sync::OnceLock<crate::text::WordTable<()>> = std::sync::OnceLock::new();
    super::is_in_table_ignoring_case(word, PARTICLES, &TABLE)
}

/// Reads a name starting at the first word of `words`; returns its byte range.
fn take_name<'a>(words: impl IntoIterator<Item = (Word<'a>, &'a str)>) -> Option<Range<usize>> {
    let mut iter = words.into_iter().peekable();
    while iter.peek().is_some_and(|(w, _)| HONORIFICS.contains(&w.text)) {
        iter.next();
    }
    let mut start = None;
    let mut end = 0;
    let mut count = 0;
    let mut pending_particles = 0;
    for (word, trailing) in iter {
        let particle = is_particle(word.text);
        if start.is_some() && particle && !is_capitalized(word.text) {
            pending_particles += 1;
            if pending_particles > 2 {
                break;
            }
            continue;
        }
        if !(is_name_word(word.text) || (start.is_some() && particle)) {
            break;
        }
        pending_particles = 0;
        start.get_or_insert(word.start);
        end = word.end;
        count += 1;
        if count >= 5 || !trailing.is_empty() {
            break;
        }
    }
    start.filter(|_| count > 0).map(|s| s..end)
}

/// Finds the person a title at `title` (byte range in `text`) names, within `sentence`.
pub fn person_near_title(text: &str, sentence: Range<usize>, title: Range<usize>) -> Option<Range<usize>> {
    let after = Words::new(text, title.end..sentence.end);
    let title_trailing = text.get(title.end..).and_then(|s| s.chars().next());
    // "Secretary General Valdecy Urquiza" / "chief executive, Jane Doe,".
    if title_trailing != Some('\'') && title_trailing != Some('\u{2019}') {
        if let Some(name) = take_name(after.clone()) {
            let gap = text.get(title.end..name.start).unwrap_or("");
            if gap.trim().is_empty() || gap.trim() == "," {
                return Some(name);
            }
        }
    }
    // "the Secretary General of Interpol, Jürgen Stock".
    if after.clone().next().is_some_and(|(w, _)| w.text == "of") {
        let comma = after.clone().position(|(_, trailing)| trailing.starts_with(','))?;
        if comma <= 5 {
            if let Some(name) = take_name(after.skip(comma + 1)) {
                return Some(name);
            }
        }
    }
    // "Jürgen Stock, Interpol's Secretary General".
    let before = words_in(text, sentence.start..title.start);
    let mut i = before.len();
    while i > 0 {
        let (word, _) = before.get(i - 1)?;
        if super::is_listed_ignoring_case(word.text, &["the", "a", "its", "former"])
            || before.get(i - 1).is_some_and(|(w, _)| is_capitalized(w.text) && i == before.len())
        {
            i -= 1;
            continue;
        }
        break;
    }
    let (comma_word, trailing) = before.get(i.checked_sub(1)?)?;
    if !trailing.starts_with(',') {
        return None;
    }
    let mut first = i - 1;
    while first > 0
        && before
            .get(first - 1)
            .is_some_and(|(w, t)| t.is_empty() && (is_name_word(w.text) || PARTICLES.contains(&w.text)))
        && i - first < 5
    {
        first -= 1;
    }
    let name = take_name(before.get(first..i)?.iter().copied())?;
    (name.end == comma_word.end).then_some(name)
}

/// Directional words allowed in front of a place ("southern Turkey").
const DIRECTIONS: &[&str] = &[
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "north-eastern",
    "north-western",
    "south-eastern",
    "south-western",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "coastal",
];

/// Reads the place that follows a cue ending at `from`, within `sentence`: "Lyon, France".
pub fn place_after(text: &str, sentence: Range<usize>, from: usize) -> Option<Range<usize>> {
    // The loop below reads eleven words at most, and looks one past the tenth.
    let words: Vec<(Word<'_>, &str)> = Words::new(text, from..sentence.end).take(12).collect();
    let mut start = None;
    let mut end = 0;
    let mut count = 0;
    for (i, (word, trailing)) in words.iter().enumerate() {
        let listed = |list: &[&str]| super::is_listed_ignoring_case(word.text, list);
        let leading = start.is_none() && (listed(&["the"]) || listed(DIRECTIONS));
        let joiner = start.is_some() && listed(&["of", "de", "du", "la", "del", "upon", "on"]);
        let capital = is_capitalized(word.text)
            && word.text.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '\u{2019}' | '.'));
        if !(capital || leading || joiner) {
            break;
        }
        if capital || leading {
            start.get_or_insert(word.start);
        }
        if capital {
            end = word.end;
        }
        count += 1;
        if count > 10 {
            break;
        }
        if !trailing.is_empty() {
            // A comma continues the chain only into another capitalised word ("Lyon, France").
            let next_capital = words.get(i + 1).is_some_and(|(w, _)| is_capitalized(w.text));
            if !(trailing.starts_with(',') && trailing.len() == 1 && next_capital) {
                break;
            }
        }
    }
    start.filter(|_| end > 0).map(|s| s..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_word_is_read_as_the_trimming_reads_it() {
        let view = |found: Option<(Word<'_>, &str)>| {
            found.map(|(w, t)| (w.start, w.end, w.text.to_string(), t.to_string()))
        };
        let pieces = [
            "Stock",
            "Stock's",
            "Stocks",
            "Stock\u{2019}s",
            "U.S",
            "U.S.",
            "Ltd.",
            "Jürgen",
            "Urquiza,",
            "(Mayor",
            "said.",
            "A",
            "a",
            "I",
            "x'",
            "'s",
            "O'Neill",
            "Smith-Jones",
            "co-op",
            "Q3",
            "3rd",
            "Ng\u{e9}",
        ];
        let mut plain = 0;
        for raw in pieces {
            if let Some(found) = plain_word(raw, 7) {
                plain += 1;
                assert_eq!(view(Some(found)), view(trimmed_word(raw, 7)), "{raw:?}");
            }
        }
        // "Stock", "U.S", "Jürgen", "A", "a", "I", "O'Neill" and "co-op"; the rest need trimming or
        // end in "s", a digit or a letter beyond ASCII.
        assert_eq!(plain, 8);
    }

    fn person(sentence: &str, title: &str) -> Option<String> {
        let at = sentence.find(title)?;
        person_near_title(sentence, 0..sentence.len(), at..at + title.len()).map(|r| sentence[r].to_string())
    }

    #[test]
    fn names_after_and_before_titles() {
        assert_eq!(
            person("\"It works,\" stated Interpol Secretary General Valdecy Urquiza.", "Secretary General"),
            Some("Valdecy Urquiza".into())
        );
        assert_eq!(
            person("Interpol Secretary General Jürgen Stock said the results", "Secretary General"),
            Some("Jürgen Stock".into())
        );
        assert_eq!(
            person("the Secretary General of Interpol, Jürgen Stock, said", "Secretary General"),
            Some("Jürgen Stock".into())
        );
        assert_eq!(
            person("Jürgen Stock, Interpol's Secretary General, said", "Secretary General"),
            Some("Jürgen Stock".into())
        );
        assert_eq!(
            person("President Ursula von der Leyen spoke", "President"),
            Some("Ursula von der Leyen".into())
        );
        assert_eq!(
            person("the company's chief executive, Jane Doe, said", "chief executive"),
            Some("Jane Doe".into())
        );
        assert_eq!(person("President Erdoğan said", "President"), Some("Erdoğan".into()));
        assert_eq!(person("the President said on Monday", "President"), None);
        assert_eq!(person("The Secretary General's office said", "Secretary General"), None);
    }

    #[test]
    fn places_after_cues() {
        let place = |s: &str, cue: &str| {
            let at = s.find(cue)? + cue.len();
            place_after(s, 0..s.len(), at).map(|r| s[r].to_string())
        };
        assert_eq!(
            place("under Interpol's headquarters in Lyon, France. Approximately", "headquarters in"),
            Some("Lyon, France".into())
        );
        assert_eq!(
            place("Interpol, headquartered in France and facilitating", "headquartered in"),
            Some("France".into())
        );
        assert_eq!(
            place("a quake with its epicentre in southern Turkey killed", "epicentre in"),
            Some("southern Turkey".into())
        );
        assert_eq!(
            place("based in the Hague, Netherlands, and", "based in"),
            Some("the Hague, Netherlands".into())
        );
        assert_eq!(place("based in a small town", "based in"), None);
    }
}
