//! Where a figure or a date may start: one reading of a text's words for both scanners.
//!
//! The figure and date scanners each used to walk every byte of the text and look up every word
//! in a table of their own, so each word was read and hashed twice. Here one walk reads each
//! word once, looks it up once in a table that holds what both scanners want to know of it, and
//! lists the few places where either scanner can start something. The scanners then visit only
//! those places. A place left out is one where the scanner's own walk would have done nothing:
//! the lists change how fast the scanners are, never what they find.

use std::ops::Range;

use super::{date, number};
use crate::text::WordTable;

/// The places in a range of a text where a figure or a date may start, as sorted byte offsets.
#[derive(Default)]
pub(super) struct Starts {
    /// Where the figure scanner does something: a digit, a sign or other punctuation that may
    /// open a figure, a number word ("seven", "a dozen"), "percent" or a currency word.
    pub(super) figures: Vec<u32>,
    /// Where a percentage named without a figure may start: a "%", or a word that is "per",
    /// "percent" or "percentage" (see [`number::Places::percents`]).
    pub(super) percents: Vec<u32>,
    /// Where the date scanner tries its forms: a word that starts with a digit or is one of
    /// [`date::STARTERS`], and that passes the scanner's quick tests (see [`DatePlaces`]) as far
    /// as the range lets them be answered.
    pub(super) dates: Vec<u32>,
    /// For each of `dates`, whether its quick tests were answered (yes): without it, the range
    /// ended first and the scanner asks them itself.
    pub(super) dates_ready: Vec<bool>,
    /// The date places as they are being answered.
    scratch: DatePlaces,
}

/// What the one table says of a word, as bits.
#[derive(Clone, Copy)]
struct Class(u8);

impl Class {
    /// It starts a written number ([`number::Opening::Begins`]).
    const OPENS_NUMBER: u8 = 1;
    /// It starts one only before a number ([`number::Opening::BeforeNumber`]).
    const BEFORE_NUMBER: u8 = 2;
    /// It is one of [`number::PERCENT_LEADS`].
    const PERCENT: u8 = 4;
    /// It is one of [`date::STARTERS`].
    const DATE_STARTER: u8 = 8;
    /// It is one of [`date::STRONG`]: it makes a date by itself.
    const DATE_STRONG: u8 = 16;
    /// It is one of [`date::FOLLOWERS`]: some date form reads it after its first word.
    const DATE_FOLLOWER: u8 = 32;
    /// It begins one of the words that name a percentage ([`number::PERCENT_NAMES`]).
    const PERCENT_NAME: u8 = 64;

    fn opening(self) -> Option<number::Opening> {
        if self.0 & Self::OPENS_NUMBER != 0 {
            Some(number::Opening::Begins)
        } else if self.0 & Self::BEFORE_NUMBER != 0 {
            Some(number::Opening::BeforeNumber)
        } else {
            None
        }
    }

    fn has(self, bit: u8) -> bool {
        self.0 & bit != 0
    }
}

/// Every word either scanner looks up, with its bits, built on first use.
fn class_table() -> &'static WordTable<Class> {
    static TABLE: std::sync::OnceLock<WordTable<Class>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        // A word in several lists gets the bits of each.
        let mut bits: std::collections::BTreeMap<&str, u8> = std::collections::BTreeMap::new();
        for (word, opening) in number::opening_words() {
            *bits.entry(word).or_default() |= match opening {
                number::Opening::Begins => Class::OPENS_NUMBER,
                number::Opening::BeforeNumber => Class::BEFORE_NUMBER,
            };
        }
        let lists: [(&[&str], u8); 5] = [
            (&number::PERCENT_LEADS, Class::PERCENT),
            (&number::PERCENT_NAMES, Class::PERCENT_NAME),
            (date::STARTERS, Class::DATE_STARTER),
            (date::STRONG, Class::DATE_STRONG),
            (date::FOLLOWERS, Class::DATE_FOLLOWER),
        ];
        for (words, bit) in lists {
            for word in words {
                *bits.entry(word).or_default() |= bit;
            }
        }
        WordTable::new(bits.into_iter().map(|(word, b)| (word, Class(b))).collect::<Vec<_>>().into_iter())
    })
}

/// The longest range that is listed. The lists take up to a few bytes per word of the range (a
/// sentence of 20 words may list 10 places); news articles and the sentences around cues are far
/// shorter. A longer range (one file of many megabytes read whole) is walked by the scanners
/// themselves, so that such a file takes no more memory than its text and its claims.
pub(super) const MAX_LISTED_RANGE: usize = 1 << 20;

/// Number words are at most 11 letters long: a longer run of letters opens none, whatever the
/// table says (the figure scanner reads no further).
const LONGEST_NUMBER_WORD: usize = 11;

/// A run of ASCII letters and digits, as the walk reads it.
struct Run {
    start: usize,
    end: usize,
    starts_with_digit: bool,
    /// It holds a digit or is a [`date::STRONG`] word: a date is within reach of a word
    /// before it (`StrongAhead` in the date scanner).
    strong: bool,
    /// After a space, it is a word that no date form reads after its first word (what the
    /// date scanner's `plain_word_after` asks).
    plain_after_space: bool,
}

impl Starts {
    /// The places in `range` of `text`; `None` when the text is too long for the offsets to
    /// fit in 32 bits, and the scanners then walk the text themselves.
    #[cfg(any(test, fuzzing))]
    pub(super) fn find(text: &str, range: Range<usize>) -> Option<Starts> {
        let mut starts = Starts::default();
        starts.read(text, range).then_some(starts)
    }

    /// Lists the places in `range` of `text` in place of those listed before, reusing the
    /// room they took (the regions of one text are read one after another); false when the
    /// range is longer than [`MAX_LISTED_RANGE`] or the text too long for the offsets to fit in
    /// 32 bits, and the scanners then walk the text themselves.
    pub(super) fn read(&mut self, text: &str, range: Range<usize>) -> bool {
        if u32::try_from(text.len()).is_err() || range.end.saturating_sub(range.start) > MAX_LISTED_RANGE {
            return false;
        }
        let bytes = text.as_bytes();
        let end = range.end.min(bytes.len());
        let figures = &mut self.figures;
        figures.clear();
        let percents = &mut self.percents;
        percents.clear();
        // A place for either scanner every thirty bytes or so of news text: room for most
        // ranges' places at once.
        let room = end.saturating_sub(range.start) / 24 + 8;
        figures.reserve(room);
        let dates = &mut self.scratch;
        dates.places.reserve(room);
        let table = class_table();
        let mut p = range.start;
        // A range that starts inside a word: the scanners read the rest of that word themselves.
        if number::inside_word(bytes, p) {
            p += number::ascii_alnum_run(bytes, p);
        }
        // Offsets below `text.len()` fit in 32 bits (checked above).
        #[allow(clippy::cast_possible_truncation)]
        let offset = |p: usize| p as u32;
        while let Some(&b) = bytes.get(p).filter(|_| p < end) {
            if b == b' ' {
                p += 1;
                continue;
            }
            if b.is_ascii_digit() {
                figures.push(offset(p));
                let run = Run {
                    start: p,
                    end: p + number::ascii_alnum_run(bytes, p),
                    starts_with_digit: true,
                    strong: true,
                    plain_after_space: false,
                };
                dates.word(bytes, &run, true);
                p = run.end;
            } else if b.is_ascii_alphabetic() {
                let letters = crate::text::letters_key(bytes.get(p..).unwrap_or_default(), 16);
                let (class, len) = match letters {
                    Some((key, len)) => (table.get_key(u128::from_be_bytes(key)).unwrap_or(Class(0)), len),
                    // More than 16 letters: no word of the tables.
                    None => (Class(0), crate::text::ascii_letters_at(bytes, p)),
                };
                // A word that opens no number, is no "per" or "percent" and has no currency's
                // shape starts no figure: most words, which skip the figure scanner's test.
                if class.has(Class::OPENS_NUMBER | Class::BEFORE_NUMBER | Class::PERCENT)
                    || number::currency_shaped(bytes, p, len)
                {
                    let word = number::WordLookup {
                        opening: class.opening().filter(|_| len <= LONGEST_NUMBER_WORD),
                        percent: class.has(Class::PERCENT),
                        letters: len,
                    };
                    if number::figure_may_start(text, p, word) {
                        figures.push(offset(p));
                    }
                }
                // Digits may follow the letters ("Q3").
                let after = bytes.get(p + len).copied();
                let has_digit = after.is_some_and(|b| b.is_ascii_digit());
                let run = Run {
                    start: p,
                    end: if has_digit { p + len + number::ascii_alnum_run(bytes, p + len) } else { p + len },
                    starts_with_digit: false,
                    strong: has_digit || class.has(Class::DATE_STRONG),
                    plain_after_space: after.is_none_or(|b| b.is_ascii() && !b.is_ascii_digit())
                        && !class.has(Class::DATE_FOLLOWER),
                };
                if class.has(Class::PERCENT_NAME) {
                    percents.push(offset(p));
                }
                dates.word(bytes, &run, class.has(Class::DATE_STARTER));
                p = run.end;
            } else {
                if b == b'%' {
                    percents.push(offset(p));
                }
                if number::figure_may_start(text, p, number::WordLookup::default()) {
                    figures.push(offset(p));
                }
                dates.punctuation(b);
                p += 1;
            }
        }
        dates.finish(&mut self.dates, &mut self.dates_ready);
        true
    }
}

/// The date scanner's places, with its quick tests answered as the words go by: a place is
/// worth trying only if its word makes a date by itself or the word after it is one some form
/// reads (`worth_trying`), and a word that is neither a digit nor a date by itself only if
/// such a word follows within [`date::OPENER_REACH`] words, in the same sentence
/// (`StrongAhead`). Both ask about words after the place, which the walk reads next: the
/// answers are filled in then. A place that fails is left out; one whose answers the range
/// ended before is listed unanswered.
#[derive(Default)]
struct DatePlaces {
    places: Vec<DatePlace>,
    /// The place whose worth the next word decides, and whether only spaces came since.
    awaiting_next: Option<(usize, bool)>,
    /// Places waiting for a word that makes a date, each with the number of its own word, in
    /// order; those before `first_awaiting` are answered.
    awaiting_strong: Vec<(usize, usize)>,
    first_awaiting: usize,
    /// Runs of letters and digits read so far.
    words: usize,
}

/// One place for the date scanner and its quick tests, answered or not yet.
struct DatePlace {
    at: u32,
    worth: Option<bool>,
    in_reach: Option<bool>,
}

impl DatePlaces {
    /// A run of letters and digits; `starter` says whether a date may start at it.
    // Called for every word: kept inline, with the rarer work (adding a place) in a call.
    #[inline(always)]
    fn word(&mut self, bytes: &[u8], run: &Run, starter: bool) {
        self.words += 1;
        // Two words in three answer a question: a date may start at one word in six ("the",
        // "on", "last" …), and each waits for the words after it.
        if self.awaiting_next.is_some() || self.first_awaiting < self.awaiting_strong.len() {
            self.answer(run);
        }
        if starter || run.starts_with_digit {
            self.add(bytes, run);
        }
    }

    /// Answers what the places before `run` wait for. Asked of most words: kept inline.
    #[inline(always)]
    fn answer(&mut self, run: &Run) {
        if let Some((k, spaces_only)) = self.awaiting_next.take() {
            let plain = spaces_only && !run.starts_with_digit && run.plain_after_space;
            if let Some(place) = self.places.get_mut(k) {
                place.worth = Some(!plain);
            }
        }
        // Counted from its own word, this one is the place's `words - from + 1`th: past the
        // reach, the answer is no; within it, a word that makes a date answers yes.
        while let Some(&(k, from)) = self.awaiting_strong.get(self.first_awaiting) {
            if self.words - from < date::OPENER_REACH + 1 {
                break;
            }
            self.first_awaiting += 1;
            if let Some(place) = self.places.get_mut(k) {
                place.in_reach = Some(false);
            }
        }
        if run.strong {
            self.settle_awaiting_strong(true);
        }
    }

    /// Answers every place still waiting for a word that makes a date.
    fn settle_awaiting_strong(&mut self, answer: bool) {
        for &(k, _) in self.awaiting_strong.get(self.first_awaiting..).unwrap_or_default() {
            if let Some(place) = self.places.get_mut(k) {
                place.in_reach = Some(answer);
            }
        }
        self.awaiting_strong.clear();
        self.first_awaiting = 0;
    }

    /// A place at `run`, with what can be answered of it already.
    #[inline(never)]
    fn add(&mut self, bytes: &[u8], run: &Run) {
        let k = self.places.len();
        // Offsets below the text's length fit in 32 bits (checked by `Starts::find`).
        #[allow(clippy::cast_possible_truncation)]
        let at = run.start as u32;
        let (worth, in_reach) = if run.starts_with_digit {
            let all_digits = bytes.get(run.start..run.end).is_some_and(|r| r.iter().all(u8::is_ascii_digit));
            let thousands = all_digits
                && bytes.get(run.end) == Some(&b',')
                && bytes.get(run.end + 1).is_some_and(u8::is_ascii_digit);
            // Digits ask nothing of the words ahead.
            let worth = if thousands {
                Some(false)
            } else if !all_digits || run.end - run.start == 4 {
                Some(true)
            } else {
                None
            };
            (worth, Some(true))
        } else if run.strong {
            (Some(true), Some(true))
        } else {
            self.awaiting_strong.push((k, self.words));
            (None, None)
        };
        if worth.is_none() {
            self.awaiting_next = Some((k, true));
        }
        self.places.push(DatePlace { at, worth, in_reach });
    }

    /// A byte outside the runs of letters and digits (spaces are left out: they change nothing).
    fn punctuation(&mut self, b: u8) {
        if let Some((_, spaces_only)) = &mut self.awaiting_next {
            *spaces_only &= matches!(b, b'\t' | b'\r' | b'\n');
        }
        if matches!(b, b'.' | b'!' | b'?' | b'\n') && self.first_awaiting < self.awaiting_strong.len() {
            self.settle_awaiting_strong(false);
        }
    }

    /// The places left, and for each whether its tests were answered.
    /// Puts the places left in `at`, and for each whether its tests were answered in `ready`,
    /// and is left empty for the next range.
    fn finish(&mut self, at: &mut Vec<u32>, ready: &mut Vec<bool>) {
        at.clear();
        ready.clear();
        at.reserve(self.places.len());
        ready.reserve(self.places.len());
        for place in self.places.drain(..) {
            if place.worth != Some(false) && place.in_reach != Some(false) {
                at.push(place.at);
                ready.push(place.worth.is_some() && place.in_reach.is_some());
            }
        }
        self.awaiting_next = None;
        self.awaiting_strong.clear();
        self.first_awaiting = 0;
        self.words = 0;
    }
}

/// Where the scanners, given the lists for `within`, find something else than walking the
/// whole range themselves: a description of the first difference, or `None`. The unit tests
/// and the fuzzer (`fuzz_extract`) hold the lists to this.
#[cfg(any(test, fuzzing))]
pub fn lists_disagree(text: &str, within: Range<usize>) -> Option<String> {
    let starts = Starts::find(text, within.clone())?;
    let places = number::Places { figures: &starts.figures, percents: &starts.percents };
    let listed = number::scan_quantities_listed(text, within.clone(), Some(places));
    let walked = number::scan_quantities_in(text, within.clone());
    if listed != walked {
        return Some(format!("figures in {within:?}: listed {listed:?}, walked {walked:?}"));
    }
    let lists = Some((starts.dates.as_slice(), starts.dates_ready.as_slice()));
    let listed = date::scan_dates_listed(text, within.clone(), None, lists);
    let walked = date::scan_dates_in(text, within.clone(), None);
    (listed != walked).then(|| format!("dates in {within:?}: listed {listed:?}, walked {walked:?}"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    /// Texts where the places to visit are easy to get wrong: words glued to digits and to
    /// letters beyond ASCII, phone numbers, currency words and signs, "a" before a number or
    /// not, "per cent", ranges that start inside a word.
    const TRICKY: &[&str] = &[
        "More than 3,700 people died on 10 March 2024, and a dozen were hurt.",
        "Call +1 202 555 0143 or (555) 123-4567; the A320 and COVID19 cases rose 6.8% to 2.1 billion.",
        "Prices rose 5 per cent, or five percent, a percentage; US$5, EUR 5, €12m and £3bn were paid.",
        "a year ago, the 2nd of May, mid-October, 22/10, Q3 2025, the 1990s, Fri. Nov. 10 at 3 p.m.",
        "éte 12, naïve1 3, Zürich2 4 – minus 5, −7, .08, -3, a man, an hour, a third of them",
        "between two hundred and three hundred, one in five, twenty-five, Flight 370, 10 Downing Street",
        "percents perhaps pér 4 persuaded percentile percentés, c$4, A$ 3, u.s $5, Keith's $500",
        "the one two three four five six 2024, the one two three four five 2024; the! 5th the\n5th the é 5th",
        "last\tweek, next  Friday, early 2024s the 3,500 1990s 22nd 1234 12 people 12\u{a0}May the mid-March",
        "Incomprehensibilities2 5, internationalization 7 and counterrevolutionaries a dozen, abcdefghijklmnop3",
        "Percent of twenty-two voted. Per cent of 10 stayed. percents of 5 left: PERCENT of 3, per 4",
        "the % of voters, a small per cent, some percentage; 5 % and 40%, %28, a%, (percent) per-cent",
    ];

    fn same_findings(text: &str, within: Range<usize>) {
        assert_eq!(lists_disagree(text, within.clone()), None, "in {text:?}");
    }

    #[test]
    fn the_scanners_find_the_same_with_the_lists_in_the_examples() {
        let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let mut files = 0;
        for set in std::fs::read_dir(examples).unwrap() {
            let Ok(entries) = std::fs::read_dir(set.unwrap().path()) else { continue };
            for entry in entries {
                let Ok(text) = std::fs::read_to_string(entry.unwrap().path()) else { continue };
                files += 1;
                // From every seventh place, to the end and from the start.
                for k in (0..text.len()).step_by(7).filter(|&k| text.is_char_boundary(k)) {
                    same_findings(&text, k..text.len());
                    same_findings(&text, 0..k);
                }
            }
        }
        assert!(files >= 10, "{files} example files read");
    }

    #[test]
    fn the_scanners_find_the_same_with_the_lists_from_every_place() {
        for text in TRICKY {
            for start in (0..=text.len()).filter(|&k| text.is_char_boundary(k)) {
                same_findings(text, start..text.len());
                same_findings(text, 0..start);
            }
        }
    }

    #[test]
    fn the_date_places_left_out_or_answered_are_those_the_quick_tests_answer() {
        for text in TRICKY {
            let bytes = text.as_bytes();
            for start in (0..=text.len()).filter(|&k| text.is_char_boundary(k)) {
                let starts = Starts::find(text, start..text.len()).unwrap();
                let word_starts = (start..text.len()).filter(|&p| {
                    bytes[p].is_ascii_alphanumeric() && (p == 0 || !bytes[p - 1].is_ascii_alphanumeric())
                });
                for p in word_starts {
                    let listed = starts.dates.iter().position(|&s| s as usize == p);
                    let passes = date::quick_tests_pass(bytes, p);
                    match listed {
                        Some(k) if starts.dates_ready[k] => {
                            assert!(passes, "{text:?} from {start}: {p} listed")
                        }
                        Some(_) => {}
                        None => assert!(!passes, "{text:?} from {start}: {p} left out"),
                    }
                }
            }
        }
    }

    #[test]
    fn only_the_places_where_something_may_start_are_listed() {
        let text = "The storm killed 12 people in March, a dozen more on Friday. Rain: .5 inches.";
        let starts = Starts::find(text, 0..text.len()).unwrap();
        let at = |list: &[u32]| {
            list.iter()
                .map(|&p| &text[p as usize..])
                .map(|t| t.split(' ').next().unwrap())
                .collect::<Vec<_>>()
        };
        // "a" before "dozen", every digit, and the full stop before one (".5"); the other full
        // stops end sentences.
        assert_eq!(at(&starts.figures), ["12", "a", ".5", "5"]);
        // "The", "12" and "a" stand before plain words ("storm", "people", "dozen").
        assert_eq!(at(&starts.dates), ["March,", "Friday."]);
        assert_eq!(starts.dates_ready, [true, true]);
    }

    #[test]
    fn a_list_read_again_holds_nothing_of_the_range_before() {
        let mut reused = Starts::default();
        for text in TRICKY {
            // The first range ends with questions unanswered ("the" before the cut).
            for (first, second) in [(0..text.len() / 2, text.len() / 3..text.len()), (5..9, 0..text.len())] {
                let second = second.start..second.end;
                assert!(reused.read(text, first));
                assert!(reused.read(text, second.clone()));
                let fresh = Starts::find(text, second).unwrap();
                assert_eq!(reused.figures, fresh.figures, "{text:?}");
                assert_eq!(reused.percents, fresh.percents, "{text:?}");
                assert_eq!(reused.dates, fresh.dates, "{text:?}");
                assert_eq!(reused.dates_ready, fresh.dates_ready, "{text:?}");
            }
        }
    }

    #[test]
    fn a_range_past_the_limit_is_left_to_the_walks() {
        let text = "On 5 May, 12 people left. ".repeat(MAX_LISTED_RANGE / 26 + 1);
        let mut starts = Starts::default();
        assert!(!starts.read(&text, 0..text.len()));
        assert!(starts.read(&text, 0..MAX_LISTED_RANGE));
        assert_eq!(starts.dates.first(), Some(&3));
    }

    #[test]
    fn a_place_whose_tests_need_words_past_the_range_is_listed_unanswered() {
        let text = "We met the 5th of May";
        let starts = Starts::find(text, 0..10).unwrap();
        assert_eq!(starts.dates, [7]);
        assert_eq!(starts.dates_ready, [false]);
    }

    #[test]
    fn a_range_inside_a_word_starts_listing_after_it() {
        let text = "COVID19 and 5 May";
        let starts = Starts::find(text, 3..text.len()).unwrap();
        assert_eq!(starts.figures, [12]);
        assert_eq!(starts.dates, [12, 14]);
        assert_eq!(starts.dates_ready, [true, true]);
    }
}
