//! Dates and date ranges in English text: "Monday, November 10, 2025", "10th of November",
//! "Nov. 10-21", "from 3 to 9 March 2025", "between November 10th and November 21st", ISO and
//! unambiguous numeric dates, months ("in November", "the month of May"), and dates relative to
//! the article's date ("yesterday", "next Tuesday", "last year", "the past 3 weeks").
//!
//! The scanner makes one left-to-right pass. Only an ASCII letter or digit that starts a word can
//! start a mention (the extractor hands it the words that may, listed with the figure scanner's
//! places in one reading of each word: `super::starts`), and from there a small hand-written
//! recursive-descent parser reads a bounded number of tokens (weekday, month, day, year, separator,
//! relative word), working on byte offsets with checked access so that no input can make it panic.
//! There is no regex: the grammar is small, its case rules ("May" is a month, "may" is a verb) are
//! awkward to say in a regex, and every failed attempt costs a few byte comparisons. Years missing
//! from the text stay `None`; callers fill them from the article with [`with_year`]. Relative
//! expressions are resolved against the reference date given to [`scan_dates_at`]; without one they
//! are found but marked [`Relativity::Unresolved`].

use std::ops::Range;

use unicode_normalization::char::is_combining_mark;

use crate::text::WordTable;

use crate::claim::{DateValue, PartialDate};

/// A keyword packed as [`crate::text::letters_key`] packs the letters of the text: lowercase,
/// first letter highest, zero-padded to 16 bytes. A word that is not 1 to 16 ASCII letters
/// could never match a run of letters, and stops the build.
const fn keyword_key(word: &str) -> u128 {
    let mut rest = word.as_bytes();
    let len = rest.len();
    assert!(len >= 1 && len <= 16);
    let mut key: u128 = 0;
    while let [b, tail @ ..] = rest {
        assert!(b.is_ascii_alphabetic());
        key = (key << 8) | b.to_ascii_lowercase() as u128;
        rest = tail;
    }
    key << (8 * (16 - len))
}

/// The keys of keywords for [`Scanner::keyword`], packed when the program is compiled, so that
/// a keyword is found by comparing integers.
macro_rules! kw {
    ($($word:literal),+ $(,)?) => {{
        const KEYS: &[u128] = &[$(keyword_key($word)),+];
        KEYS
    }};
}

/// How a mention depends on the article's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relativity {
    /// Written in full or in part ("November 10", "10 November 2025"); needs no reference.
    Absolute,
    /// Relative ("next Tuesday", "last year") and resolved against the reference date.
    Resolved,
    /// Relative, with no reference date to read it against, or anchored in the story rather than
    /// the article ("two days later", "the next day"); the mention's `value` is then empty.
    Unresolved,
}

/// One date or date range found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    /// Byte offset where the mention starts in `text`.
    pub start: usize,
    /// Byte offset just past the mention.
    pub end: usize,
    /// The value as written (year `None` when the text gives none); every part `None` when the
    /// mention is [`Relativity::Unresolved`].
    pub value: DateValue,
    /// Weekday named in the text ("Monday, 3 March 2025"), 0 = Monday .. 6 = Sunday.
    /// For a range, the weekday named with its first end.
    pub weekday: Option<u8>,
    /// Whether the value was written out, or read against the reference date.
    pub relativity: Relativity,
}

/// Finds every date and date range in `text`, in order, non-overlapping, with no reference date:
/// relative expressions are found but [`Relativity::Unresolved`].
pub fn scan_dates(text: &str) -> Vec<DateMention> {
    scan_dates_at(text, None)
}

/// Finds every date and date range in `text`, reading relative expressions ("yesterday", "next
/// Tuesday", "last year") against `reference`, a full date (usually the article's date).
///
/// A bare year ("in 2025") is not a mention; a lowercase "may", "march" or "mar" is not a month.
/// Ambiguous numeric dates ("10/11/2025") are skipped.
pub fn scan_dates_at(text: &str, reference: Option<PartialDate>) -> Vec<DateMention> {
    let mut found = Vec::new();
    scan_dates_while(text, 0..text.len(), reference, None, |mention| {
        found.push(mention);
        true
    });
    found
}

/// Like [`scan_dates_at`], for the dates that start in `within` (a range of `text`): reading
/// stops there, but a date may end past it.
pub fn scan_dates_in(text: &str, within: Range<usize>, reference: Option<PartialDate>) -> Vec<DateMention> {
    scan_dates_listed(text, within, reference, None)
}

/// [`scan_dates_in`], visiting only the words `listed` names instead of every word: sorted
/// offsets, each with whether its quick tests (`worth_trying`, `StrongAhead`) are known to
/// pass, as [`super::starts::Starts`] finds them for a range holding `within`.
pub(super) fn scan_dates_listed(
    text: &str,
    within: Range<usize>,
    reference: Option<PartialDate>,
    listed: Option<(&[u32], &[bool])>,
) -> Vec<DateMention> {
    // A date every few hundred bytes of news text: room for most ranges' at once.
    let mut found = Vec::with_capacity(within.len() / 512 + 2);
    scan_dates_onto(text, within, reference, listed, &mut found);
    found
}

/// [`scan_dates_listed`], adding the dates to the end of `found`: the extractor gathers the
/// dates of every range of a text in one vector, which each thread keeps from text to text.
pub(super) fn scan_dates_onto(
    text: &str,
    within: Range<usize>,
    reference: Option<PartialDate>,
    listed: Option<(&[u32], &[bool])>,
    found: &mut Vec<DateMention>,
) {
    scan_dates_while(text, within, reference, listed, |mention| {
        found.push(mention);
        true
    });
}

/// The year of the first date of `text` that has one, reading no further than it.
pub fn first_year(text: &str, reference: Option<PartialDate>) -> Option<i32> {
    let mut year = None;
    scan_dates_while(text, 0..text.len(), reference, None, |mention| {
        year = match mention.value {
            DateValue::Single(p) => p.year,
            DateValue::Range { start, end } => start.year.or(end.year),
        };
        year.is_none()
    });
    year
}

/// Hands each date starting in `within` to `take`, in order, until it returns `false`.
/// With `listed`, only the words it names are visited (see [`scan_dates_listed`]).
fn scan_dates_while(
    text: &str,
    within: Range<usize>,
    reference: Option<PartialDate>,
    listed: Option<(&[u32], &[bool])>,
    mut take: impl FnMut(DateMention) -> bool,
) {
    let today = reference.and_then(day_number);
    let scanner = Scanner { text, bytes: text.as_bytes(), today, last_run: std::cell::Cell::new(None) };
    let bytes = scanner.bytes;
    let mut strong_ahead = StrongAhead::default();
    let mut i = within.start;
    let mut cursor = listed.map_or(0, |(l, _)| l.partition_point(|&s| (s as usize) < i));
    loop {
        // Whether the place is listed with its quick tests passed.
        let mut ready = false;
        match listed {
            // Between words, straight to the next listed one; inside a word (a mention read up
            // to the middle of one) the rest of it is skipped below, as without a list.
            Some((places, answered)) if !super::number::inside_word(bytes, i) => {
                while places.get(cursor).is_some_and(|&s| (s as usize) < i) {
                    cursor += 1;
                }
                i = places.get(cursor).map_or(within.end, |&s| s as usize);
                ready = answered.get(cursor).copied().unwrap_or(false);
            }
            // Only a word may start a date: pass over everything else in one tight loop.
            _ => {
                while bytes.get(i).is_some_and(|b| !b.is_ascii_alphanumeric()) {
                    i += 1;
                }
            }
        }
        let Some(&b) = bytes.get(i).filter(|_| i < within.end) else { break };
        // After an ASCII byte that is no letter or digit a word starts; only after other
        // characters ("é1") is the character before decoded.
        let word_start = match i.checked_sub(1).and_then(|k| bytes.get(k)) {
            Some(prev) if prev.is_ascii() => !prev.is_ascii_alphanumeric(),
            Some(_) => scanner.at_word_start(i),
            None => true,
        };
        // With a list, a word start is a listed place: the word is one of the starters.
        let attempt = if !word_start {
            Err(i + 1)
        } else if b.is_ascii_digit() {
            if scanner.number_may_start(i) && (ready || worth_trying(bytes, i)) {
                scanner.mention_at(i)
            } else {
                Err(i + 1)
            }
        } else if (listed.is_some() || may_start_date(bytes, i))
            && (ready || (worth_trying(bytes, i) && strong_ahead.within_reach(bytes, i)))
        {
            scanner.mention_at(i)
        } else {
            Err(i + 1)
        };
        match attempt {
            Ok(mention) => {
                i = mention.end.max(i + 1);
                if !take(mention) {
                    return;
                }
                continue;
            }
            Err(resume) => i = resume.max(i + 1),
        }
        // No mention starts inside a word or number, so skip the rest of it.
        while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
            i += 1;
        }
    }
}

/// What the scan already knows about the words ahead: a weak opener ("the", "a", "this") is
/// common, and looking ahead from each one again would read the same words up to seven times.
#[derive(Default)]
struct StrongAhead {
    /// No word that makes a date starts in `clear_from..clear_to` ...
    clear_from: usize,
    clear_to: usize,
    /// ... and one starts at `clear_to` when this is set.
    strong_at_end: bool,
}

impl StrongAhead {
    /// Whether a date could start at the word at `p`: a word that makes a date ("March",
    /// "third", or any word with a digit) begins within [`OPENER_REACH`] words of it (the word at
    /// `p` counted as the first), with no sentence or paragraph end between them.
    fn within_reach(&mut self, bytes: &[u8], p: usize) -> bool {
        if p < self.clear_from || p > self.clear_to {
            *self = StrongAhead { clear_from: p, clear_to: p, strong_at_end: false };
        }
        let mut words = 0;
        let mut i = p;
        loop {
            match bytes.get(i) {
                Some(b) if b.is_ascii_alphanumeric() => {}
                Some(b'.' | b'!' | b'?' | b'\n') | None => return false,
                Some(_) => {
                    i += 1;
                    continue;
                }
            }
            words += 1;
            if words > OPENER_REACH + 1 {
                return false;
            }
            let start = i;
            if start == self.clear_to && self.strong_at_end {
                return true;
            }
            let (end, strong) = read_run(bytes, start);
            if start >= self.clear_to {
                if strong {
                    self.clear_to = start;
                    self.strong_at_end = true;
                    return true;
                }
                self.clear_to = end;
            }
            i = end;
        }
    }
}

/// Reads the run of ASCII letters and digits at `p`: where it ends, and whether it makes a date
/// (it holds a digit, as "Q3", "2025", "22april", or it is a [`STRONG`] word).
fn read_run(bytes: &[u8], p: usize) -> (usize, bool) {
    let run = bytes.get(p..).unwrap_or(&[]);
    let len = run.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
    let has_digit = run.iter().take(len).any(u8::is_ascii_digit);
    (p + len, has_digit || is_strong_word(run))
}

/// The packed key of the run of ASCII letters `bytes` starts with, for a table of words; `None`
/// when there is no letter or more than 16.
fn leading_word_key(bytes: &[u8]) -> Option<u128> {
    crate::text::letters_key(bytes, 16).filter(|&(_, len)| len > 0).map(|(key, _)| u128::from_be_bytes(key))
}

/// Whether the letters `bytes` starts with are a [`STRONG`] word.
fn is_strong_word(bytes: &[u8]) -> bool {
    leading_word_key(bytes).is_some_and(|key| strong_set().get_key(key).is_some())
}

/// Every word a form can begin with, lowercase and sorted: the words its first step reads at
/// the start of a mention ("from", "between", months, weekdays, ordinals, counts, seasons,
/// "the", "this", "next", "mid", "rest", "week", "year", "Q" of "Q3", "w" of "w/c" ...), less
/// "an" and "now" (no form reads "an" as a count before a unit, and "now" is a date only as the
/// end of a range). Words a form reads only later ("through", "ago", "days", "quarter") are left
/// out: an opener before one is tried at the opener. Add the first word of any new form. A
/// word outside the list cannot start a date, so the scan skips it without trying every form —
/// most words of a text are skipped this way.
pub(super) const STARTERS: &[&str] = &[
    "a",
    "apr",
    "april",
    "aug",
    "august",
    "autumn",
    "beginning",
    "between",
    "coming",
    "current",
    "day",
    "dec",
    "december",
    "early",
    "eight",
    "eighteenth",
    "eighth",
    "eleven",
    "eleventh",
    "end",
    "fall",
    "feb",
    "february",
    "fifteenth",
    "fifth",
    "first",
    "five",
    "following",
    "four",
    "fourteenth",
    "fourth",
    "fri",
    "friday",
    "from",
    "jan",
    "january",
    "jul",
    "july",
    "jun",
    "june",
    "last",
    "late",
    "later",
    "mar",
    "march",
    "may",
    "mid",
    "mon",
    "monday",
    "month",
    "next",
    "nine",
    "nineteenth",
    "ninth",
    "nov",
    "november",
    "oct",
    "october",
    "one",
    "past",
    "previous",
    "q",
    "rest",
    "sat",
    "saturday",
    "second",
    "sep",
    "sept",
    "september",
    "seven",
    "seventeenth",
    "seventh",
    "six",
    "sixteenth",
    "sixth",
    "spring",
    "start",
    "summer",
    "sun",
    "sunday",
    "ten",
    "tenth",
    "the",
    "third",
    "thirteenth",
    "thirtieth",
    "thirty",
    "this",
    "three",
    "thu",
    "thur",
    "thurs",
    "thursday",
    "tmrw",
    "today",
    "tomorrow",
    "tonight",
    "tue",
    "tues",
    "tuesday",
    "twelfth",
    "twelve",
    "twentieth",
    "twenty",
    "two",
    "upcoming",
    "w",
    "wed",
    "wednesday",
    "week",
    "winter",
    "year",
    "yesterday",
];

/// Words that make a date by themselves, lowercase and sorted: months, weekdays, seasons, days
/// named relative to today, calendar units, and ordinals ("on the second"). A weaker opener ("the", "this", "one", "from")
/// starts a date only with one of these, or a digit, close after it.
pub(super) const STRONG: &[&str] = &[
    "afternoon",
    "apr",
    "april",
    "aug",
    "august",
    "autumn",
    "day",
    "days",
    "dec",
    "decade",
    "decades",
    "december",
    "eighteenth",
    "eighth",
    "eleventh",
    "evening",
    "fall",
    "feb",
    "february",
    "fifteenth",
    "fifth",
    "first",
    "fortnight",
    "fourteenth",
    "fourth",
    "fri",
    "friday",
    "fridays",
    "jan",
    "january",
    "jul",
    "july",
    "jun",
    "june",
    "mar",
    "march",
    "may",
    "mon",
    "monday",
    "mondays",
    "month",
    "months",
    "morning",
    "night",
    "nights",
    "nineteenth",
    "ninth",
    "nov",
    "november",
    "oct",
    "october",
    "quarter",
    "quarters",
    "sat",
    "saturday",
    "saturdays",
    "second",
    "sep",
    "sept",
    "september",
    "seventeenth",
    "seventh",
    "sixteenth",
    "sixth",
    "spring",
    "summer",
    "sun",
    "sunday",
    "sundays",
    "tenth",
    "third",
    "thirteenth",
    "thirtieth",
    "thu",
    "thur",
    "thurs",
    "thursday",
    "thursdays",
    "tmrw",
    "today",
    "tomorrow",
    "tonight",
    "tue",
    "tues",
    "tuesday",
    "tuesdays",
    "twelfth",
    "twentieth",
    "wed",
    "wednesday",
    "wednesdays",
    "week",
    "weekday",
    "weekdays",
    "weekend",
    "weekends",
    "weeks",
    "winter",
    "year",
    "years",
    "yesterday",
];

/// Every word a form reads after its first word, lowercase and sorted, with its plural: all the
/// words in the string literals of this file outside the tests (and [`STARTERS`] and
/// [`STRONG`]). A unit test checks that none is missing; regenerate it when a form is added.
/// See [`may_go_on`].
pub(super) const FOLLOWERS: &[&str] = &[
    "a",
    "after",
    "afternoon",
    "afternoons",
    "afters",
    "ago",
    "agos",
    "an",
    "and",
    "ands",
    "ans",
    "apr",
    "april",
    "aprils",
    "aprs",
    "as",
    "ass",
    "at",
    "ats",
    "aug",
    "augs",
    "august",
    "augusts",
    "autumn",
    "autumns",
    "back",
    "backs",
    "before",
    "befores",
    "beginning",
    "beginnings",
    "between",
    "betweens",
    "by",
    "bys",
    "c",
    "coming",
    "comings",
    "commencing",
    "commencings",
    "cs",
    "current",
    "currents",
    "date",
    "dates",
    "day",
    "days",
    "dayss",
    "dec",
    "decade",
    "decades",
    "decadess",
    "december",
    "decembers",
    "decs",
    "during",
    "durings",
    "each",
    "eachs",
    "early",
    "earlys",
    "eight",
    "eighteenth",
    "eighteenths",
    "eighth",
    "eighths",
    "eights",
    "eleven",
    "elevens",
    "eleventh",
    "elevenths",
    "end",
    "ended",
    "endeds",
    "ends",
    "evening",
    "evenings",
    "every",
    "everys",
    "fall",
    "falls",
    "feb",
    "february",
    "februarys",
    "febs",
    "few",
    "fews",
    "fifteenth",
    "fifteenths",
    "fifth",
    "fifths",
    "first",
    "firsts",
    "five",
    "fives",
    "following",
    "followings",
    "for",
    "fors",
    "fortnight",
    "fortnights",
    "four",
    "fours",
    "fourteenth",
    "fourteenths",
    "fourth",
    "fourths",
    "fri",
    "friday",
    "fridays",
    "fridayss",
    "fris",
    "from",
    "froms",
    "hence",
    "hences",
    "in",
    "ins",
    "jan",
    "jans",
    "january",
    "januarys",
    "jul",
    "juls",
    "july",
    "julys",
    "jun",
    "june",
    "junes",
    "juns",
    "last",
    "lasts",
    "late",
    "later",
    "laters",
    "lates",
    "mar",
    "march",
    "marchs",
    "mars",
    "may",
    "mayday",
    "maydays",
    "mays",
    "mid",
    "mids",
    "mon",
    "monday",
    "mondays",
    "mondayss",
    "mons",
    "month",
    "months",
    "monthss",
    "morning",
    "mornings",
    "my",
    "mys",
    "nd",
    "nds",
    "next",
    "nexts",
    "night",
    "nights",
    "nightss",
    "nine",
    "nines",
    "nineteenth",
    "nineteenths",
    "ninth",
    "ninths",
    "nov",
    "november",
    "novembers",
    "novembre",
    "novembres",
    "novs",
    "now",
    "nows",
    "oct",
    "october",
    "octobers",
    "octs",
    "of",
    "ofs",
    "on",
    "one",
    "ones",
    "ons",
    "onwards",
    "onwardss",
    "or",
    "ors",
    "past",
    "pasts",
    "previous",
    "previouss",
    "q",
    "qs",
    "quarter",
    "quarters",
    "quarterss",
    "rd",
    "rds",
    "relative",
    "relatives",
    "rest",
    "rests",
    "s",
    "sat",
    "sats",
    "saturday",
    "saturdays",
    "saturdayss",
    "second",
    "seconds",
    "sep",
    "seps",
    "sept",
    "september",
    "septembers",
    "septs",
    "seven",
    "sevens",
    "seventeenth",
    "seventeenths",
    "seventh",
    "sevenths",
    "several",
    "severals",
    "since",
    "sinces",
    "six",
    "sixs",
    "sixteenth",
    "sixteenths",
    "sixth",
    "sixths",
    "span",
    "spans",
    "spring",
    "springs",
    "ss",
    "st",
    "start",
    "starting",
    "startings",
    "starts",
    "sts",
    "summer",
    "summers",
    "sun",
    "sunday",
    "sundays",
    "sundayss",
    "suns",
    "t",
    "ten",
    "tens",
    "tenth",
    "tenths",
    "th",
    "that",
    "thats",
    "the",
    "thes",
    "third",
    "thirds",
    "thirteenth",
    "thirteenths",
    "thirtieth",
    "thirtieths",
    "thirty",
    "thirtys",
    "this",
    "thiss",
    "three",
    "threes",
    "through",
    "throughout",
    "throughouts",
    "throughs",
    "thru",
    "thrus",
    "ths",
    "thu",
    "thur",
    "thurs",
    "thursday",
    "thursdays",
    "thursdayss",
    "thurss",
    "thus",
    "till",
    "tills",
    "tmrw",
    "tmrws",
    "to",
    "today",
    "todays",
    "tomorrow",
    "tomorrows",
    "tonight",
    "tonights",
    "tos",
    "ts",
    "tue",
    "tues",
    "tuesday",
    "tuesdays",
    "tuesdayss",
    "tuess",
    "twelfth",
    "twelfths",
    "twelve",
    "twelves",
    "twentieth",
    "twentieths",
    "twenty",
    "twentys",
    "two",
    "twos",
    "until",
    "untils",
    "upcoming",
    "upcomings",
    "w",
    "wed",
    "wednesday",
    "wednesdays",
    "wednesdayss",
    "weds",
    "week",
    "weekday",
    "weekdays",
    "weekdayss",
    "weekend",
    "weekends",
    "weekendss",
    "weeks",
    "weekss",
    "winter",
    "winters",
    "ws",
    "x",
    "xs",
    "year",
    "years",
    "yearss",
    "yesterday",
    "yesterdays",
    "z",
    "zs",
];

/// How many words after an opener may hold the word that makes it a date ("the rest of the year").
pub(super) const OPENER_REACH: usize = 6;

/// A list of words as a set.
type WordSet = WordTable<()>;

fn word_set(words: &[&str]) -> WordSet {
    WordTable::new(words.iter().map(|w| (*w, ())))
}

/// The [`STRONG`] words as a set.
fn strong_set() -> &'static WordSet {
    STRONG_KEYS.get_or_init(|| word_set(STRONG))
}

static STARTER_KEYS: std::sync::OnceLock<WordSet> = std::sync::OnceLock::new();
static STRONG_KEYS: std::sync::OnceLock<WordSet> = std::sync::OnceLock::new();

/// The words that the period forms ([`Scanner::period_at`]) read first, besides month names:
/// "the", "month" ("the month of May"), the modifiers ("this week", "next year's third
/// quarter"), "rest", "year" ("year to date"), the parts of a period ("early", "end of"), the
/// quarters' ordinals ("third quarter"), "week" and the seasons. Lowercase.
const PERIOD_OPENERS: &[&str] = &[
    "autumn",
    "beginning",
    "coming",
    "current",
    "early",
    "end",
    "fall",
    "first",
    "following",
    "fourth",
    "last",
    "late",
    "later",
    "mid",
    "month",
    "next",
    "past",
    "previous",
    "rest",
    "second",
    "spring",
    "start",
    "summer",
    "the",
    "third",
    "this",
    "upcoming",
    "week",
    "winter",
    "year",
];

/// [`PERIOD_OPENERS`] as a set.
fn period_openers() -> &'static WordSet {
    static KEYS: std::sync::OnceLock<WordSet> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| word_set(PERIOD_OPENERS))
}

/// Whether the letters at `p` form a word that may start a date (digits always may).
fn may_start_date(bytes: &[u8], p: usize) -> bool {
    leading_word_key(bytes.get(p..).unwrap_or(&[]))
        .is_some_and(|key| STARTER_KEYS.get_or_init(|| word_set(STARTERS)).get_key(key).is_some())
}

/// Whether a date may start at the run of letters and digits at `p`, which begins a word:
/// the run makes a date by itself ("2024", "22nd", "1990s", "Q3", "October", "yesterday"), or
/// what follows it is no plain word. Every form that reads a word after its first one reads a
/// word the scanner knows ([`FOLLOWERS`]), a number, or punctuation ("mid-October", "22/10").
/// Most openers in news text stand before a plain word ("the storm", "230 people"); they are
/// passed over here instead of trying every form. Undecided cases (a non-ASCII character, the
/// end of the text) answer yes.
fn worth_trying(bytes: &[u8], p: usize) -> bool {
    let run = bytes.get(p..).unwrap_or(&[]);
    let len = run.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
    let digits = run.iter().take(len).filter(|b| b.is_ascii_digit()).count();
    let alone = if digits == 0 { is_strong_word(run) } else { digits < len || len == 4 };
    // "3,500": no form reads digits, a comma and digits (a day, a count and a year each end
    // where a number goes on), and figures with thousands are everywhere in news text.
    let thousands = digits == len
        && bytes.get(p + len) == Some(&b',')
        && bytes.get(p + len + 1).is_some_and(u8::is_ascii_digit);
    !thousands && (alone || !plain_word_after(bytes, p + len))
}

/// Whether the scan tries its forms at `p`, the start of a run of letters and digits, as far
/// as the quick tests say (a digit run is also asked `Scanner::number_may_start`): what
/// `super::starts` answers ahead of the scan, and its tests hold it to.
#[cfg(test)]
pub(super) fn quick_tests_pass(bytes: &[u8], p: usize) -> bool {
    if bytes.get(p).is_some_and(u8::is_ascii_digit) {
        worth_trying(bytes, p)
    } else {
        may_start_date(bytes, p) && worth_trying(bytes, p) && StrongAhead::default().within_reach(bytes, p)
    }
}

/// Whether spaces and then a plain word, one no form reads, follow `e`.
fn plain_word_after(bytes: &[u8], e: usize) -> bool {
    let is_space = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    let gap = bytes.get(e..).unwrap_or(&[]).iter().take_while(|b| is_space(b)).count();
    let tail = bytes.get(e + gap..).unwrap_or(&[]);
    let letters = tail.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    // Glued punctuation, a number, a run with digits ("Q3") or a non-ASCII word: left to the forms.
    if gap == 0 || letters == 0 || tail.get(letters).is_some_and(|b| b.is_ascii_digit() || !b.is_ascii()) {
        return false;
    }
    crate::text::letters_key(tail, 16).is_none_or(|(key, _)| {
        FOLLOWER_KEYS.get_or_init(|| word_set(FOLLOWERS)).get_key(u128::from_be_bytes(key)).is_none()
    })
}

static FOLLOWER_KEYS: std::sync::OnceLock<WordSet> = std::sync::OnceLock::new();

/// Reads an article date ("2016-11-07", "2016-11-07T00:00:00Z") as a full date; `None` when the
/// text does not start with a valid ISO 8601 calendar date.
pub fn parse_reference(text: &str) -> Option<PartialDate> {
    let b = text.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = b.get(r)?;
        s.iter().all(u8::is_ascii_digit).then_some(())?;
        std::str::from_utf8(s).ok()?.parse().ok()
    };
    (b.get(4) == Some(&b'-') && b.get(7) == Some(&b'-')).then_some(())?;
    (!b.get(10).is_some_and(u8::is_ascii_digit)).then_some(())?;
    let date = PartialDate {
        year: i32::try_from(num(0..4)?).ok(),
        month: u8::try_from(num(5..7)?).ok(),
        day: u8::try_from(num(8..10)?).ok(),
    };
    is_valid(date).then_some(date)
}

/// Whether [`with_year`] would change `value`: some end of it has a month but no year. Most
/// dates in news carry their year, so the article's year is only worked out when one does not.
pub fn lacks_year(value: DateValue) -> bool {
    let lacks = |d: PartialDate| d.month.is_some() && d.year.is_none();
    match value {
        DateValue::Single(d) => lacks(d),
        DateValue::Range { start, end } => lacks(start) || lacks(end),
    }
}

/// Fills a missing year: returns `value` with every end whose year is None (and whose month is
/// known) given `year`. For a range whose end month is earlier than its start month ("December
/// 28 to January 3"), the end gets `year + 1`. A bare day ("the 27th") keeps no year: its month
/// is unknown.
pub fn with_year(value: DateValue, year: i32) -> DateValue {
    fn fill(d: PartialDate, year: i32) -> PartialDate {
        if d.month.is_some() {
            PartialDate { year: d.year.or(Some(year)), ..d }
        } else {
            d
        }
    }
    match value {
        DateValue::Single(d) => DateValue::Single(fill(d, year)),
        DateValue::Range { start, end } => {
            let crosses = matches!((start.month, end.month), (Some(a), Some(b)) if b < a);
            let end_year = if crosses { year.saturating_add(1) } else { year };
            DateValue::Range { start: fill(start, year), end: fill(end, end_year) }
        }
    }
}

/// Days since 1970-01-01 of a civil date, after Howard Hinnant's `days_from_civil`.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The day number (days since 1970-01-01) of a full, valid date.
fn day_number(date: PartialDate) -> Option<i64> {
    is_valid(date).then_some(())?;
    Some(days_from_civil(i64::from(date.year?), i64::from(date.month?), i64::from(date.day?)))
}

/// The civil date of a day number, after Howard Hinnant's `civil_from_days`.
fn civil(n: i64) -> Option<PartialDate> {
    let z = n.checked_add(719_468)?;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = era.checked_mul(400)?.checked_add(yoe)? + i64::from(m <= 2);
    Some(PartialDate { year: i32::try_from(y).ok(), month: u8::try_from(m).ok(), day: u8::try_from(d).ok() })
}

/// The weekday of a day number, 0 = Monday.
fn weekday_number(n: i64) -> i64 {
    (n + 3).rem_euclid(7)
}

/// The day of the week of a full date, 0 = Monday .. 6 = Sunday; None if the date is not complete or invalid.
pub fn weekday_of(date: PartialDate) -> Option<u8> {
    u8::try_from(weekday_number(day_number(date)?)).ok()
}

/// Whether a full date exists on the calendar (30 February does not).
///
/// A date with any part missing is not a full date and is not valid.
pub fn is_valid(date: PartialDate) -> bool {
    match (date.year, date.month, date.day) {
        (Some(y), Some(m), Some(d)) => (1..=days_in_month(m, y)).contains(&d),
        _ => false,
    }
}

fn is_leap(year: i32) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

/// Days in `month` of `year`; 0 for a month outside 1–12, so no day fits.
fn days_in_month(month: u8, year: i32) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Whether the parts the text gives can be a real date. Without a year, 29 February is allowed
/// (some year has it); without a day, any month is; a bare day fits any month that has it.
fn fits(date: PartialDate) -> bool {
    match (date.year, date.month, date.day) {
        (Some(_), Some(_), Some(_)) => is_valid(date),
        (None, Some(m), Some(d)) => (1..=days_in_month(m, 2024)).contains(&d),
        (_, Some(m), None) => (1..=12).contains(&m),
        (None, None, Some(d)) => (1..=31).contains(&d),
        _ => false,
    }
}

/// A calendar unit of a relative expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// `(year, month)` moved by `by` months.
fn month_shift(year: i32, month: u8, by: i64) -> Option<(i32, u8)> {
    let index = i64::from(year).checked_mul(12)? + i64::from(month) - 1 + by;
    let y = i32::try_from(index.div_euclid(12)).ok()?;
    let m = u8::try_from(index.rem_euclid(12) + 1).ok()?;
    Some((y, m))
}

/// The day number `n` moved by `count` units; a month or year move keeps the day, clamped to the
/// length of the month reached (31 January + 1 month = 28 or 29 February).
fn shift(n: i64, unit: Unit, count: i64) -> Option<i64> {
    match unit {
        Unit::Day => n.checked_add(count),
        Unit::Week => n.checked_add(count.checked_mul(7)?),
        Unit::Month | Unit::Year => {
            let d = civil(n)?;
            let by = if unit == Unit::Year { count.checked_mul(12)? } else { count };
            let (y, m) = month_shift(d.year?, d.month?, by)?;
            let day = d.day?.min(days_in_month(m, y));
            day_number(PartialDate { year: Some(y), month: Some(m), day: Some(day) })
        }
    }
}

fn single_day(n: i64) -> Option<DateValue> {
    civil(n).map(DateValue::Single)
}

fn day_range(a: i64, b: i64) -> Option<DateValue> {
    (a <= b).then_some(())?;
    Some(DateValue::Range { start: civil(a)?, end: civil(b)? })
}

fn month_value(year: i32, month: u8) -> DateValue {
    DateValue::Single(PartialDate { year: Some(year), month: Some(month), day: None })
}

fn month_range(start: (Option<i32>, u8), end: (Option<i32>, u8)) -> DateValue {
    DateValue::Range {
        start: PartialDate { year: start.0, month: Some(start.1), day: None },
        end: PartialDate { year: end.0, month: Some(end.1), day: None },
    }
}

/// The first and last day number of the period `unit` that contains day `n`, moved by `by`
/// periods (weeks run Monday to Sunday).
fn period_of(n: i64, unit: Unit, by: i64) -> Option<(i64, i64)> {
    match unit {
        Unit::Day => Some((n + by, n + by)),
        Unit::Week => {
            let monday = n - weekday_number(n) + by.checked_mul(7)?;
            Some((monday, monday + 6))
        }
        Unit::Month | Unit::Year => {
            let d = civil(n)?;
            let (y, m) = if unit == Unit::Month {
                month_shift(d.year?, d.month?, by)?
            } else {
                (d.year?.checked_add(i32::try_from(by).ok()?)?, 1)
            };
            let last_month = if unit == Unit::Month { m } else { 12 };
            let first = day_number(PartialDate { year: Some(y), month: Some(m), day: Some(1) })?;
            let last_day = days_in_month(last_month, y);
            let last =
                day_number(PartialDate { year: Some(y), month: Some(last_month), day: Some(last_day) })?;
            Some((first, last))
        }
    }
}

/// The value of a whole period: a week as its days, a month as `2016-11`, a year as `2016`.
fn period_value(n: i64, unit: Unit, by: i64) -> Option<DateValue> {
    let (first, last) = period_of(n, unit, by)?;
    let d = civil(first)?;
    match unit {
        Unit::Day | Unit::Week => day_range(first, last),
        Unit::Month => Some(month_value(d.year?, d.month?)),
        Unit::Year => Some(DateValue::Single(PartialDate { year: d.year, month: None, day: None })),
    }
}

/// The day number of the `nth` (1-based; 0 = last) `weekday` of a month.
fn nth_weekday(year: i32, month: u8, weekday: u8, nth: u8) -> Option<i64> {
    let first = day_number(PartialDate { year: Some(year), month: Some(month), day: Some(1) })?;
    let last = first + i64::from(days_in_month(month, year)) - 1;
    let day = if nth == 0 {
        last - (weekday_number(last) - i64::from(weekday)).rem_euclid(7)
    } else {
        first + (i64::from(weekday) - weekday_number(first)).rem_euclid(7) + 7 * (i64::from(nth) - 1)
    };
    (day <= last).then_some(day)
}

/// The Monday of ISO week `week` of `year`.
fn iso_week_monday(year: i32, week: u8) -> Option<i64> {
    let jan4 = day_number(PartialDate { year: Some(year), month: Some(1), day: Some(4) })?;
    let monday = jan4 - weekday_number(jan4) + 7 * (i64::from(week) - 1);
    let weeks_in_year = {
        let dec28 = day_number(PartialDate { year: Some(year), month: Some(12), day: Some(28) })?;
        (dec28 - weekday_number(dec28) - (jan4 - weekday_number(jan4))) / 7 + 1
    };
    (1..=weeks_in_year).contains(&i64::from(week)).then_some(monday)
}

/// Month names: (lowercase name, month, abbreviation). Abbreviations may take a dot.
const MONTHS: &[(&str, u8, bool)] = &[
    ("january", 1, false),
    ("jan", 1, true),
    ("february", 2, false),
    ("feb", 2, true),
    ("march", 3, false),
    ("mar", 3, true),
    ("april", 4, false),
    ("apr", 4, true),
    ("may", 5, false),
    ("june", 6, false),
    ("jun", 6, true),
    ("july", 7, false),
    ("jul", 7, true),
    ("august", 8, false),
    ("aug", 8, true),
    ("september", 9, false),
    ("sep", 9, true),
    ("sept", 9, true),
    ("october", 10, false),
    ("oct", 10, true),
    ("november", 11, false),
    ("nov", 11, true),
    ("december", 12, false),
    ("dec", 12, true),
];

/// What a month or weekday name is: its number, whether it is an abbreviation, and whether it
/// is also an ordinary lowercase word.
#[derive(Clone, Copy)]
struct NameInfo {
    number: u8,
    abbrev: bool,
    wordlike: bool,
}

/// [`MONTHS`] as a table: the scanner asks for a name at nearly every place it tries, and a
/// look-up is cheaper than comparing the word with each of two dozen names.
fn month_names() -> &'static WordTable<NameInfo> {
    static TABLE: std::sync::OnceLock<WordTable<NameInfo>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| name_table(MONTHS, WORDLIKE_MONTHS))
}

/// [`WEEKDAYS`] as a table, as [`month_names`].
fn weekday_names() -> &'static WordTable<NameInfo> {
    static TABLE: std::sync::OnceLock<WordTable<NameInfo>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| name_table(WEEKDAYS, WORDLIKE_WEEKDAYS))
}

fn name_table(names: &[(&str, u8, bool)], wordlike: &[&str]) -> WordTable<NameInfo> {
    WordTable::new(names.iter().map(|&(name, number, abbrev)| {
        (name, NameInfo { number, abbrev, wordlike: wordlike.contains(&name) })
    }))
}

/// Month names that are also ordinary lowercase words, so they need a capital.
const WORDLIKE_MONTHS: &[&str] = &["may", "march", "mar", "august"];

/// Weekday names: (lowercase name, 0 = Monday, abbreviation).
const WEEKDAYS: &[(&str, u8, bool)] = &[
    ("monday", 0, false),
    ("mon", 0, true),
    ("tuesday", 1, false),
    ("tue", 1, true),
    ("tues", 1, true),
    ("wednesday", 2, false),
    ("wed", 2, true),
    ("thursday", 3, false),
    ("thu", 3, true),
    ("thur", 3, true),
    ("thurs", 3, true),
    ("friday", 4, false),
    ("fri", 4, true),
    ("saturday", 5, false),
    ("sat", 5, true),
    ("sunday", 6, false),
    ("sun", 6, true),
];

/// Weekday abbreviations that are ordinary words in lowercase ("we sat", "the sun"): standing
/// alone, they need a capital.
const WORDLIKE_WEEKDAYS: &[&str] = &["mon", "wed", "sat", "sun"];

/// Ordinal words for days: "first" = 1 .. "twentieth" = 20.
const ORDINALS: &[&str] = &[
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
];

/// The words besides [`ORDINALS`] that a form reads right after "the" ("the next day", "the
/// month of May", "the last week of July", "the summer", "the twenty-second").
const THE_DATES: &[&str] = &[
    "day",
    "next",
    "last",
    "week",
    "weekend",
    "month",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "twenty",
    "thirty",
    "thirtieth",
];

/// Counting words: "one" = 1 .. "twelve" = 12.
const COUNTS: &[&str] =
    &["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

/// Seasons (northern hemisphere, meteorological): (name, first month, last month).
const SEASONS: &[(&str, u8, u8)] =
    &[("spring", 3, 5), ("summer", 6, 8), ("autumn", 9, 11), ("fall", 9, 11), ("winter", 12, 2)];

/// Words that join the two ends of a range introduced by "from" or by nothing.
const RANGE_WORDS: &[u128] = kw!["to", "through", "thru", "until", "till"];

/// Capitalized words that may stand right before a bare month or weekday without making it part
/// of a name ("In May", "Since Friday"); any other capitalized word does ("Theresa May").
const LEAD_WORDS: &[&str] = &[
    "in",
    "on",
    "of",
    "by",
    "since",
    "until",
    "till",
    "during",
    "through",
    "throughout",
    "from",
    "this",
    "next",
    "last",
    "early",
    "late",
    "mid",
    "before",
    "after",
    "between",
    "and",
    "or",
    "to",
    "each",
    "every",
    "the",
    "coming",
    "upcoming",
    "past",
    "previous",
    "for",
    "that",
    "as",
    "at",
    "until",
];

/// The word that opens a range; it decides which separators may follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opener {
    From,
    Between,
}

/// How a piece's date was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rel {
    /// Written out.
    Abs,
    /// Relative, resolved against the reference date.
    Known,
    /// Relative, not resolved; the date is empty.
    Unknown,
}

/// One end of a date or range as written: a date, a bare day ("10" in "10-21 November") or a bare
/// month ("March" in "March–April 2025").
#[derive(Debug, Clone, Copy)]
struct Piece {
    end: usize,
    date: PartialDate,
    weekday: Option<u8>,
    rel: Rel,
}

/// A relative value: `Some` resolved, `None` when it cannot be resolved.
type Resolved = Option<DateValue>;

/// A word as written has an acceptable case: all lowercase (unless a capital is required),
/// capitalized, or all capitals (headlines). "mAY" is never a name.
fn case_ok(word: &[u8], needs_capital: bool) -> bool {
    let rest = word.get(1..).unwrap_or_default();
    if word.first().is_some_and(u8::is_ascii_uppercase) {
        rest.iter().all(u8::is_ascii_lowercase) || rest.iter().all(u8::is_ascii_uppercase)
    } else {
        !needs_capital && word.iter().all(u8::is_ascii_lowercase)
    }
}

fn is_word_char(c: char) -> bool {
    // Asked of the character after nearly every word, which is mostly an ASCII space: no table.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}')
}

/// A short word in lowercase ASCII, on the stack: the words compared are at most a dozen
/// letters, and a longer one, which can match none of them, comes out empty.
struct Lowered {
    bytes: [u8; 16],
    len: usize,
}

impl Lowered {
    fn of(word: &[u8]) -> Lowered {
        let mut bytes = [0u8; 16];
        let len = crate::text::ascii_lowercase_into(word, &mut bytes).map_or(0, <[u8]>::len);
        Lowered { bytes, len }
    }

    fn as_slice(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or_default()
    }
}

/// Checked-access parser over one text; every method takes a byte offset and returns the offset
/// past what it read, or `None` without consuming anything.
struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// The reference date as a day number, when known.
    today: Option<i64>,
    /// The run of letters [`Scanner::keyword`] last read: the forms tried at one place ask for
    /// a keyword there a dozen times or more ("the" opens many), and it is read once.
    last_run: std::cell::Cell<Option<LetterRun>>,
}

/// The run of ASCII letters at a place in the text, as [`Scanner::keyword`] needs it.
#[derive(Clone, Copy)]
struct LetterRun {
    at: usize,
    len: usize,
    /// The letters lowercased and packed as [`keyword_key`] packs a keyword; zero for more
    /// than 16 letters.
    key: u128,
    /// Whether the run is a whole word in a sensible case ([`Scanner::word`], [`case_ok`]), once
    /// a keyword has matched it.
    keyword_shaped: Option<bool>,
}

impl<'a> Scanner<'a> {
    fn prev_char(&self, p: usize) -> Option<char> {
        crate::text::char_before(self.text, p)
    }

    fn next_char(&self, p: usize) -> Option<char> {
        crate::text::char_at(self.text, p)
    }

    fn at_word_start(&self, p: usize) -> bool {
        !self.prev_char(p).is_some_and(is_word_char)
    }

    fn at_word_end(&self, p: usize) -> bool {
        !self.next_char(p).is_some_and(is_word_char)
    }

    fn digit_at(&self, p: usize) -> bool {
        self.bytes.get(p).is_some_and(u8::is_ascii_digit)
    }

    /// A digit run may start a mention unless it continues a number ("3,744", "1.5", "2025-11").
    fn number_may_start(&self, p: usize) -> bool {
        let joined = matches!(self.bytes.get(p.wrapping_sub(1)), Some(b',' | b'.' | b'/' | b'-' | b':'));
        !(joined && p >= 2 && self.digit_at(p - 2))
    }

    /// Zero or more spaces; `None` at a paragraph break (two newlines), which no date spans.
    fn ws_run(&self, p: usize) -> Option<usize> {
        let mut q = p;
        let mut newlines = 0;
        for c in self.text.get(p..)?.chars() {
            match c {
                '\n' => {
                    newlines += 1;
                    if newlines > 1 {
                        return None;
                    }
                }
                ' ' | '\t' | '\r' | '\u{a0}' | '\u{2009}' | '\u{202f}' => {}
                _ => break,
            }
            q += c.len_utf8();
        }
        Some(q)
    }

    /// One or more spaces.
    fn ws(&self, p: usize) -> Option<usize> {
        self.ws_run(p).filter(|&q| q > p)
    }

    /// A whole ASCII word starting at `p` ("Mayor" is one word, so never "May").
    fn word(&self, p: usize) -> Option<(&'a [u8], usize)> {
        if !self.bytes.get(p)?.is_ascii_alphabetic() || !self.at_word_start(p) {
            return None;
        }
        let mut e = p;
        while self.bytes.get(e).is_some_and(u8::is_ascii_alphabetic) {
            e += 1;
        }
        if !self.at_word_end(e) {
            return None;
        }
        Some((self.bytes.get(p..e)?, e))
    }

    /// The word that ends right before `p` (spaces between allowed), lowercased comparison aside.
    fn word_before(&self, p: usize) -> Option<&'a [u8]> {
        let before = self.text.get(..p)?;
        let trimmed = before.trim_end_matches([' ', '\t', '\u{a0}']);
        let start = trimmed.rfind(|c: char| !c.is_ascii_alphabetic()).map_or(0, |i| i + 1);
        let w = self.bytes.get(start..trimmed.len())?;
        (!w.is_empty() && self.at_word_start(start)).then_some(w)
    }

    /// Whether `p` starts a sentence: nothing but spaces since the text start or `.`, `!`, `?`.
    fn at_sentence_start(&self, p: usize) -> bool {
        let before = self.text.get(..p).unwrap_or_default().trim_end();
        before.is_empty() || before.ends_with(['.', '!', '?', '\n', '"', '“'])
    }

    /// Whether a bare month or weekday from `p` to `e` stands as a date, not inside a name
    /// ("Theresa May", "April Ryan", "Black Friday", "Sunday Times").
    fn stands_alone(&self, p: usize, e: usize) -> bool {
        let next_capital = self.ws(e).is_some_and(|q| {
            self.bytes.get(q).is_some_and(u8::is_ascii_uppercase) && self.month(q).is_none()
        });
        if next_capital {
            return false;
        }
        match self.word_before(p) {
            Some(w) if w.first().is_some_and(u8::is_ascii_uppercase) => {
                LEAD_WORDS.iter().any(|l| w.eq_ignore_ascii_case(l.as_bytes()))
            }
            _ => true,
        }
    }

    /// A name from `table`, with the dot of an abbreviation; returns its number and end. A name
    /// that is also an ordinary word ("may", "sat") needs a capital when `strict`.
    fn name(&self, p: usize, table: &WordTable<NameInfo>, strict: bool) -> Option<(u8, usize)> {
        let (w, e) = self.word(p)?;
        let (key, _) = crate::text::letters_key(self.bytes.get(p..)?, 16)?;
        let info = table.get_key(u128::from_be_bytes(key))?;
        if !case_ok(w, strict && info.wordlike) {
            return None;
        }
        let dotted = self.bytes.get(e) == Some(&b'.')
            && (info.abbrev || self.ws(e + 1).is_some_and(|q| self.digit_at(q)));
        Some((info.number, if dotted { e + 1 } else { e }))
    }

    fn month(&self, p: usize) -> Option<(u8, usize)> {
        self.name(p, month_names(), true)
    }

    /// Whether the month word at `p` is an abbreviation ("Jan", "Sept.").
    fn month_is_abbrev(&self, p: usize) -> bool {
        self.word(p).is_some_and(|(w, _)| {
            month_names().get(Lowered::of(w).as_slice()).is_some_and(|info| info.abbrev)
        })
    }

    /// A weekday standing on its own: "mon", "wed", "sat", "sun" need a capital.
    fn weekday(&self, p: usize) -> Option<(u8, usize)> {
        self.name(p, weekday_names(), true)
    }

    /// A weekday in front of a date, where even "wed" is one ("wed, 22 of jan").
    fn weekday_loose(&self, p: usize) -> Option<(u8, usize)> {
        self.name(p, weekday_names(), false)
    }

    /// A keyword of `words` (made by [`kw!`]) in any sensible case.
    fn keyword(&self, p: usize, words: &[u128]) -> Option<(&'a [u8], usize)> {
        let mut run = match self.last_run.get() {
            Some(run) if run.at == p => run,
            _ => {
                let tail = self.bytes.get(p..)?;
                let (key, len) = match crate::text::letters_key(tail, 16) {
                    Some((key, len)) => (u128::from_be_bytes(key), len),
                    // Longer than any keyword: no key matches zero.
                    None => (0, crate::text::ascii_letters_at(tail, 0)),
                };
                LetterRun { at: p, len, key, keyword_shaped: None }
            }
        };
        // Most calls find no keyword: the letters' key is held against the list first, and only
        // a match has its bounds and case checked (once for the place).
        let letters = self.bytes.get(p..p + run.len)?;
        let listed = run.key != 0 && words.contains(&run.key);
        let shaped = listed
            && *run
                .keyword_shaped
                .get_or_insert_with(|| self.word(p).is_some_and(|(w, _)| case_ok(w, false)));
        self.last_run.set(Some(run));
        shaped.then_some((letters, p + run.len))
    }

    /// One keyword after one or more spaces; returns its end.
    fn then(&self, p: usize, words: &[u128]) -> Option<usize> {
        self.keyword(self.ws(p)?, words).map(|(_, e)| e)
    }

    /// An optional keyword after spaces: its end, or `p`.
    fn maybe(&self, p: usize, words: &[u128]) -> usize {
        self.then(p, words).unwrap_or(p)
    }

    /// A run of digits: (value, end, count). The value saturates; callers check the count.
    fn digits(&self, p: usize) -> Option<(u32, usize, usize)> {
        let mut value: u32 = 0;
        let mut e = p;
        while let Some(&b) = self.bytes.get(e).filter(|b| b.is_ascii_digit()) {
            value = value.saturating_mul(10).saturating_add(u32::from(b - b'0'));
            e += 1;
        }
        (e > p).then_some((value, e, e - p))
    }

    /// Whether a number ending at `p` goes on as a longer number ("10,000", "5.5", "10%").
    fn number_continues(&self, p: usize) -> bool {
        match self.bytes.get(p) {
            Some(b',' | b'.' | b'/') => self.digit_at(p + 1),
            Some(b'%') => true,
            _ => false,
        }
    }

    /// A day of the month, 1–31, with an optional ordinal suffix.
    fn day(&self, p: usize) -> Option<(u8, usize)> {
        let (value, e, count) = self.digits(p)?;
        let day = u8::try_from(value).ok().filter(|d| (1..=31).contains(d) && count <= 2)?;
        let suffix = self
            .bytes
            .get(e..e + 2)
            .filter(|s| [b"st", b"nd", b"rd", b"th"].iter().any(|x| s.eq_ignore_ascii_case(x.as_slice())));
        if suffix.is_some() && self.at_word_end(e + 2) {
            return Some((day, e + 2));
        }
        (self.at_word_end(e) && !self.number_continues(e)).then_some((day, e))
    }

    /// A day written as an ordinal word: "first", "twenty-second", "thirty first".
    fn ordinal_day(&self, p: usize) -> Option<(u8, usize)> {
        let (w, e) = self.word(p)?;
        case_ok(w, false).then_some(())?;
        let lowered = Lowered::of(w);
        let lower = lowered.as_slice();
        if let Some(i) = ORDINALS.iter().position(|o| o.as_bytes() == lower) {
            (self.bytes.get(e) != Some(&b'-')).then_some(())?;
            return Some((u8::try_from(i + 1).ok()?, e));
        }
        if lower == b"thirtieth" {
            return Some((30, e));
        }
        let tens: u8 = match lower {
            b"twenty" => 20,
            b"thirty" => 30,
            _ => return None,
        };
        let q = if self.bytes.get(e) == Some(&b'-') { e + 1 } else { self.ws(e)? };
        let (w2, e2) = self.word(q)?;
        let unit = ORDINALS.iter().take(9).position(|o| w2.eq_ignore_ascii_case(o.as_bytes()))?;
        let day = tens + u8::try_from(unit + 1).ok()?;
        (day <= 31).then_some((day, e2))
    }

    /// A day in digits or words.
    fn any_day(&self, p: usize) -> Option<(u8, usize)> {
        self.day(p).or_else(|| self.ordinal_day(p))
    }

    /// A four-digit year, 1000–2999 (smaller or larger four-digit numbers are rarely years).
    fn year(&self, p: usize) -> Option<(i32, usize)> {
        let (value, e, count) = self.digits(p)?;
        let ok =
            count == 4 && (1000..=2999).contains(&value) && self.at_word_end(e) && !self.number_continues(e);
        ok.then_some(())?;
        Some((i32::try_from(value).ok()?, e))
    }

    /// A year after a day or month: "November 10, 2025", "10 November 2025", "January 12 of 2016".
    fn year_after(&self, p: usize) -> Option<(i32, usize)> {
        // "November 10, 2025", "November , 2016"
        let comma = self.ws_run(p).filter(|&c| self.bytes.get(c) == Some(&b','));
        let q = self.ws(comma.map_or(p, |c| c + 1))?;
        self.year(q).or_else(|| {
            let (_, e) = self.keyword(q, kw!["of"])?;
            self.year(self.ws(e)?)
        })
    }

    /// A count: digits (1–999), a counting word, or "a"/"an".
    fn count(&self, p: usize) -> Option<(i64, usize)> {
        if let Some((value, e, n)) = self.digits(p) {
            return (n <= 3 && value > 0 && !self.number_continues(e)).then_some((i64::from(value), e));
        }
        let (w, e) = self.word(p)?;
        case_ok(w, false).then_some(())?;
        if w.eq_ignore_ascii_case(b"a") || w.eq_ignore_ascii_case(b"an") {
            return Some((1, e));
        }
        let i = COUNTS.iter().position(|c| w.eq_ignore_ascii_case(c.as_bytes()))?;
        Some((i64::try_from(i + 1).ok()?, e))
    }

    /// A calendar unit word, singular or plural.
    fn unit(&self, p: usize) -> Option<(Unit, usize)> {
        let (_, e) = self.word(p)?;
        self.unit_loose(p, e)
    }

    /// "3 days", "two weeks", "a month", "3year": (count, unit, end).
    fn count_unit(&self, p: usize) -> Option<(i64, Unit, usize)> {
        let (n, e) = self.count(p)?;
        let glued = self.digit_at(p) && self.bytes.get(e).is_some_and(u8::is_ascii_alphabetic);
        let q = if glued { e } else { self.ws(e)? };
        let (_, ue) = self.word_at_any(q)?;
        self.unit_loose(q, ue).map(|(unit, ue)| (n, unit, ue))
    }

    /// A word starting at `p` even right after a digit ("3year").
    fn word_at_any(&self, p: usize) -> Option<(&'a [u8], usize)> {
        let mut e = p;
        while self.bytes.get(e).is_some_and(u8::is_ascii_alphabetic) {
            e += 1;
        }
        (e > p && self.at_word_end(e)).then_some(())?;
        Some((self.bytes.get(p..e)?, e))
    }

    fn unit_loose(&self, p: usize, e: usize) -> Option<(Unit, usize)> {
        let w = self.bytes.get(p..e)?;
        case_ok(w, false).then_some(())?;
        let lowered = Lowered::of(w);
        let lower = lowered.as_slice();
        let stem = lower.strip_suffix(b"s").unwrap_or(lower);
        let unit = match stem {
            b"day" => Unit::Day,
            b"week" => Unit::Week,
            b"month" => Unit::Month,
            b"year" => Unit::Year,
            _ => return None,
        };
        Some((unit, e))
    }

    /// "this", "next", "last" and their synonyms, as a move of 0, +1 or −1 periods.
    fn modifier(&self, p: usize) -> Option<(i64, usize)> {
        let (w, e) = self.keyword(
            p,
            kw!["this", "current", "next", "coming", "upcoming", "following", "last", "past", "previous"],
        )?;
        let by = match Lowered::of(w).as_slice() {
            b"this" | b"current" => 0,
            b"next" | b"coming" | b"upcoming" | b"following" => 1,
            _ => -1,
        };
        Some((by, e))
    }

    /// Resolves a relative value against the reference date: `Some(None)` when there is none,
    /// `None` when the value does not exist.
    fn resolve(&self, f: impl FnOnce(i64) -> Option<DateValue>) -> Option<Resolved> {
        match self.today {
            None => Some(None),
            Some(r) => f(r).map(Some),
        }
    }

    /// A relative value as a piece of a range (a single day, or nothing when unresolved).
    fn rel_piece_of(end: usize, value: Resolved, weekday: Option<u8>) -> Option<Piece> {
        match value {
            None => Some(Piece { end, date: PartialDate::default(), weekday, rel: Rel::Unknown }),
            Some(DateValue::Single(d)) if d.day.is_some() && d.month.is_some() => {
                Some(Piece { end, date: d, weekday, rel: Rel::Known })
            }
            _ => None,
        }
    }

    /// One end of a date: a relative day ("tomorrow", "next Sunday"), a date with an optional
    /// weekday in front, or a date as written. `now` admits "now" (only as an end of a range).
    fn piece(&self, p: usize, now: bool) -> Option<Piece> {
        let mut best: Option<Piece> = None;
        // A bare year only as the end of a range with an opener ("between 2015 and Feb 2018").
        let year = self.year(p).filter(|_| now).map(|(y, e)| Self::piece_of(e, Some(y), None, None));
        for candidate in
            [self.weekday_date(p), self.core(p), self.rel_piece(p, now), year].into_iter().flatten()
        {
            if best.is_none_or(|b| candidate.end > b.end) {
                best = Some(candidate);
            }
        }
        best
    }

    /// "Monday, November 10", "wed, 22 of jan", "Friday the 2nd", "friday 2018-7-6".
    fn weekday_date(&self, p: usize) -> Option<Piece> {
        let (weekday, e) = self.weekday_loose(p)?;
        let q = if self.bytes.get(e) == Some(&b',') { e + 1 } else { e };
        let q = self.ws(q)?;
        let core = match self.keyword(q, kw!["the"]) {
            Some((_, te)) => {
                let (day, de) = self.any_day(self.ws(te)?)?;
                Self::piece_of(de, None, None, Some(day))
            }
            None => self.core(q)?,
        };
        // A weekday goes with a day ("Monday 10"), never with a bare month or year.
        core.date.day?;
        // A bare digit day needs "the" ("Friday the 2nd"); "Monday 10 people" is no date.
        (core.date.month.is_some() || self.keyword(q, kw!["the"]).is_some()).then_some(())?;
        Some(Piece { weekday: Some(weekday), ..core })
    }

    fn core(&self, p: usize) -> Option<Piece> {
        let b = *self.bytes.get(p)?;
        if b.is_ascii_digit() {
            self.iso(p)
                .or_else(|| self.slashed(p))
                .or_else(|| self.numeric_short(p))
                .or_else(|| self.year_month(p))
                .or_else(|| self.day_first(p))
        } else {
            self.month_first(p).or_else(|| self.ordinal_first(p))
        }
    }

    fn piece_of(end: usize, year: Option<i32>, month: Option<u8>, day: Option<u8>) -> Piece {
        Piece { end, date: PartialDate { year, month, day }, weekday: None, rel: Rel::Abs }
    }

    /// "2025-11-10", "2025/11/10", "2015.5.13", "2019-sep-1", and "2025-11-10T09:00" (the time
    /// is left out of the span); "2016-11", "2015/3" (a month).
    fn iso(&self, p: usize) -> Option<Piece> {
        let (y, e1, c1) = self.digits(p)?;
        (c1 == 4 && (1000..=2999).contains(&y)).then_some(())?;
        let sep = *self.bytes.get(e1).filter(|&&b| b == b'-' || b == b'/' || b == b'.')?;
        let (m, e2, c2) = match self.digits(e1 + 1) {
            Some(x) => x,
            None => {
                let (m, me) = self.month(e1 + 1)?;
                (u32::from(m), me, 2)
            }
        };
        if self.bytes.get(e2) != Some(&sep) {
            // "2016-11", "2015/3": a month, when nothing numeric follows.
            let ok = sep != b'.'
                && (1..=2).contains(&c2)
                && (1..=12).contains(&m)
                && self.at_word_end(e2)
                && !self.number_continues(e2)
                && !matches!(self.bytes.get(e2), Some(b'-' | b':'));
            ok.then_some(())?;
            return Some(Self::piece_of(e2, i32::try_from(y).ok(), u8::try_from(m).ok(), None));
        }
        let (d, e3, c3) = self.digits(e2 + 1)?;
        let shape_ok = (1..=2).contains(&c2) && (1..=2).contains(&c3);
        let time_follows = self.bytes.get(e3) == Some(&b'T') && self.digit_at(e3 + 1);
        let end_ok = time_follows
            || (self.at_word_end(e3)
                && !self.number_continues(e3)
                && !(self.bytes.get(e3) == Some(&sep) && self.digit_at(e3 + 1)));
        (shape_ok && end_ok).then_some(())?;
        let date = PartialDate {
            year: i32::try_from(y).ok(),
            month: u8::try_from(m).ok(),
            day: u8::try_from(d).ok(),
        };
        is_valid(date).then_some(Piece { end: e3, date, weekday: None, rel: Rel::Abs })
    }

    /// "25/12/2025", "12/25/2025", "21/04/16", "9-18-15", "13.5.2015": only when the order cannot
    /// be mistaken; a two-digit year is 19xx from 50, else 20xx.
    fn slashed(&self, p: usize) -> Option<Piece> {
        let (a, e1, c1) = self.digits(p)?;
        let sep = *self.bytes.get(e1).filter(|&&b| b == b'/' || b == b'-' || b == b'.')?;
        let (b, e2, c2) = self.digits(e1 + 1)?;
        (self.bytes.get(e2) == Some(&sep)).then_some(())?;
        let (y, e3, c3) = self.digits(e2 + 1)?;
        let y = match c3 {
            4 if (1000..=2999).contains(&y) => y,
            2 => y + if y >= 50 { 1900 } else { 2000 },
            _ => return None,
        };
        let shape_ok = c1 <= 2 && c2 <= 2;
        (shape_ok && self.at_word_end(e3) && !self.number_continues(e3)).then_some(())?;
        (!matches!(self.bytes.get(e3), Some(b'-' | b'/' | b':'))).then_some(())?;
        let (month, day) = Self::order(a, b)?;
        let date = PartialDate {
            year: i32::try_from(y).ok(),
            month: u8::try_from(month).ok(),
            day: u8::try_from(day).ok(),
        };
        is_valid(date).then_some(Piece { end: e3, date, weekday: None, rel: Rel::Abs })
    }

    /// (month, day) of two numbers whose order is not in doubt.
    fn order(a: u32, b: u32) -> Option<(u32, u32)> {
        if a == b || (b > 12 && a <= 12) {
            Some((a, b))
        } else if a > 12 && b <= 12 {
            Some((b, a))
        } else {
            // Both could be the month: 10/11/2025 is 10 November in Lyon and October 11 in Boston.
            None
        }
    }

    /// "4/22", "22/04", "3/2015", and after "on" or "in" also "4-22", "4.22" (a day and month
    /// whose order is not in doubt, or a month and year).
    fn numeric_short(&self, p: usize) -> Option<Piece> {
        let (a, e1, c1) = self.digits(p)?;
        let sep = *self.bytes.get(e1).filter(|&&b| b == b'/' || b == b'-' || b == b'.')?;
        let (b, e2, c2) = self.digits(e1 + 1)?;
        let end_ok = self.at_word_end(e2)
            && !self.number_continues(e2)
            && !matches!(self.bytes.get(e2), Some(b'-' | b'/' | b':' | b'.'))
            || (self.bytes.get(e2) == Some(&b'.') && !self.digit_at(e2 + 1));
        (end_ok && c1 <= 2 && !(a == 24 && b == 7)).then_some(())?;
        if c2 == 4 && sep == b'/' && (1..=12).contains(&a) && (1000..=2999).contains(&b) {
            return Some(Self::piece_of(e2, i32::try_from(b).ok(), u8::try_from(a).ok(), None));
        }
        (c2 <= 2).then_some(())?;
        if sep != b'/' {
            let before = self.word_before(p)?;
            let after_on = before.eq_ignore_ascii_case(b"on") || before.eq_ignore_ascii_case(b"in");
            (after_on && !(sep == b'.' && before.eq_ignore_ascii_case(b"in"))).then_some(())?;
        }
        let (month, day) = Self::order(a, b)?;
        let date = PartialDate { year: None, month: u8::try_from(month).ok(), day: u8::try_from(day).ok() };
        fits(date).then_some(Piece { end: e2, date, weekday: None, rel: Rel::Abs })
    }

    /// "2016 November", "2016, nov": a year, then a month (not followed by a day or a name).
    fn year_month(&self, p: usize) -> Option<Piece> {
        let (y, ye) = self.year(p)?;
        let q = self.ws_run(ye)?;
        let q = if self.bytes.get(q) == Some(&b',') { self.ws(q + 1)? } else { q };
        (q > ye).then_some(())?;
        let (m, me) = self.month(q)?;
        let after = self.ws(me);
        let blocked =
            after.is_some_and(|r| self.digit_at(r) || self.bytes.get(r).is_some_and(u8::is_ascii_uppercase));
        (!blocked).then_some(Self::piece_of(me, Some(y), Some(m), None))
    }

    /// "10 November 2025", "10th of November", "1-jan", "16. nov. 2016", or a bare day ("10" in
    /// "10-21 November").
    fn day_first(&self, p: usize) -> Option<Piece> {
        let (day, e) = self.day(p)?;
        let month = self.month_after_day(e);
        let (month, end) = match month {
            Some((m, me)) => (Some(m), me),
            None => (None, e),
        };
        Some(match self.year_after(end) {
            Some((y, ye)) => Self::piece_of(ye, Some(y), month, Some(day)),
            None => Self::piece_of(end, None, month, Some(day)),
        })
    }

    /// The month after a day: " November", " of November", "-jan", ". nov.".
    fn month_after_day(&self, e: usize) -> Option<(u8, usize)> {
        if self.bytes.get(e) == Some(&b'-') {
            return self.month(e + 1);
        }
        let e = if self.bytes.get(e) == Some(&b'.') { e + 1 } else { e };
        let q = self.ws(e)?;
        self.month(q).or_else(|| {
            let (_, of_end) = self.keyword(q, kw!["of"])?;
            self.month(self.ws(of_end)?)
        })
    }

    /// "second of August", "twenty second of june 2017": a day in words needs "of" and a month.
    fn ordinal_first(&self, p: usize) -> Option<Piece> {
        let (day, e) = self.ordinal_day(p)?;
        let of_end = self.then(e, kw!["of"])?;
        let (month, me) = self.month(self.ws(of_end)?)?;
        Some(match self.year_after(me) {
            Some((y, ye)) => Self::piece_of(ye, Some(y), Some(month), Some(day)),
            None => Self::piece_of(me, None, Some(month), Some(day)),
        })
    }

    /// "November 10, 2025", "Nov. 10th", "jan-1", "November the 15th", "jan first",
    /// "October, 1st", "November 2025", "Jan, 2001", or a bare month.
    fn month_first(&self, p: usize) -> Option<Piece> {
        let (month, e) = self.month(p)?;
        // After "Nov." the space is optional ("Nov.10"); after a full word it is not.
        let after_dot = self.bytes.get(e.wrapping_sub(1)) == Some(&b'.');
        let gap = if after_dot {
            self.ws_run(e)
        } else if matches!(self.bytes.get(e), Some(b'-' | b'/' | b'.')) && self.digit_at(e + 1) {
            Some(e + 1)
        } else {
            self.ws(e)
        };
        let the = gap.and_then(|q| self.keyword(q, kw!["the"])).and_then(|(_, te)| self.ws(te));
        let day = gap.and_then(|q| self.day(q)).or_else(|| {
            let q = the.or(gap)?;
            let words = self.ordinal_day(q).filter(|&(_, de)| {
                // "jan first", not "March first responders"
                !self.ws(de).and_then(|r| self.bytes.get(r)).is_some_and(u8::is_ascii_alphabetic)
            });
            words.or_else(|| the.and_then(|t| self.day(t)))
        });
        // "October, 1st": a comma only before an ordinal ("In October, 15 people …" is no date).
        let day = day.or_else(|| {
            (self.bytes.get(e) == Some(&b',')).then_some(())?;
            let q = self.ws(e + 1)?;
            let (d, de) = self.day(q)?;
            self.bytes.get(de.wrapping_sub(2)).is_some_and(u8::is_ascii_alphabetic).then_some((d, de))
        });
        if let Some((day, de)) = day {
            return Some(match self.year_after(de) {
                Some((y, ye)) => Self::piece_of(ye, Some(y), Some(month), Some(day)),
                None => Self::piece_of(de, None, Some(month), Some(day)),
            });
        }
        if let Some((y, ye)) = self.year_after(e) {
            return Some(Self::piece_of(ye, Some(y), Some(month), None));
        }
        Some(Self::piece_of(e, None, Some(month), None))
    }

    /// The joint between the two ends of a range; returns where the second end starts.
    fn separator(&self, p: usize, opener: Option<Opener>) -> Option<usize> {
        let q = self.ws_run(p)?;
        if let Some(c) = self.next_char(q).filter(|&c| is_dash(c)) {
            return self.ws_run(q + c.len_utf8());
        }
        let words: &[u128] = match opener {
            Some(Opener::Between) => kw!["and", "through", "thru", "to", "until", "till"],
            _ => RANGE_WORDS,
        };
        let (_, e) = self.keyword(self.ws(p)?, words)?;
        let q = self.ws(e)?;
        // "through the 19th"
        Some(
            self.keyword(q, kw!["the"])
                .and_then(|(_, te)| self.ws(te).filter(|&r| self.digit_at(r)))
                .unwrap_or(q),
        )
    }

    fn mention(start: usize, end: usize, value: DateValue, weekday: Option<u8>, rel: Rel) -> DateMention {
        let (value, relativity) = match rel {
            Rel::Abs => (value, Relativity::Absolute),
            Rel::Known => (value, Relativity::Resolved),
            Rel::Unknown => (DateValue::Single(PartialDate::default()), Relativity::Unresolved),
        };
        DateMention { start, end, value, weekday, relativity }
    }

    fn found(start: usize, end: usize, value: Resolved) -> DateMention {
        match value {
            Some(v) => Self::mention(start, end, v, None, Rel::Known),
            None => Self::mention(start, end, DateValue::Single(PartialDate::default()), None, Rel::Unknown),
        }
    }

    /// A date or range starting at `p`, which starts a word; on failure, where to look next.
    fn mention_at(&self, p: usize) -> Result<DateMention, usize> {
        // Most "the"s stand before a noun ("the next band", "the first time"): only before a
        // word of [`THE_DATES`], a digit or an apostrophe is it worth trying every form.
        if self.the_before_other_word(p) {
            return Err(p + 1);
        }
        self.mention_by_every_form(p)
    }

    /// Whether the word at `p` is "the" and the words after it are ones no form reads there, so
    /// that no date starts at `p`: a word of letters that is not one of [`THE_DATES`] or
    /// [`ORDINALS`] ("the storm"), "next" before any word but "day" ("the next band"), or
    /// "first" to "fifth" or "last" before a word that is no weekday, "week" or "quarter" ("the
    /// first time"). Anything else (a digit, an apostrophe, a hyphen) is left to the forms.
    fn the_before_other_word(&self, p: usize) -> bool {
        let the = self.bytes.get(p..p + 3).is_some_and(|w| w.eq_ignore_ascii_case(b"the"))
            && !self.bytes.get(p + 3).is_some_and(u8::is_ascii_alphabetic);
        let Some((second, second_end)) = self.letters_after(p + 3).filter(|_| the) else { return false };
        let second = second.as_slice();
        let is = |word: &[u8], list: &[&str]| list.iter().any(|known| known.as_bytes() == word);
        if !is(second, THE_DATES) && !is(second, ORDINALS) {
            return true;
        }
        let third = self.letters_after(second_end);
        if second == b"next" {
            return third.is_some_and(|(word, _)| word.as_slice() != b"day");
        }
        if is(second, &["first", "second", "third", "fourth", "fifth", "last"]) {
            return third.is_some_and(|(word, _)| {
                let word = word.as_slice();
                !is(word, &["week", "quarter"]) && weekday_names().get(word).is_none()
            });
        }
        false
    }

    /// The run of ASCII letters after the spaces at `e`, lowercased, and its end; `None` when
    /// no space or no letter comes there.
    fn letters_after(&self, e: usize) -> Option<(Lowered, usize)> {
        let q = self.ws(e)?;
        let len = crate::text::ascii_letters_at(self.bytes, q);
        let word = self.bytes.get(q..q + len).filter(|w| !w.is_empty())?;
        Some((Lowered::of(word), q + len))
    }

    /// [`Scanner::mention_at`], trying every form.
    fn mention_by_every_form(&self, p: usize) -> Result<DateMention, usize> {
        if let Some((w, e)) = self.keyword(p, kw!["from", "between"]) {
            let opener = if w.eq_ignore_ascii_case(b"from") { Opener::From } else { Opener::Between };
            let left = self.ws(e).and_then(|q| self.piece(q, true));
            let range = left.and_then(|l| Some((l, self.range_rest(l, Some(opener))?)));
            // Without a range, a date may still start after the opener ("from November 10 on").
            let (left, (value, end, rel)) = range.ok_or(e)?;
            return Ok(Self::mention(p, end, value, left.weekday, rel));
        }
        let single = self.single_at(p);
        match (self.period_at(p), single) {
            (Some(period), Ok(single)) => Ok(if period.end > single.end { period } else { single }),
            (Some(period), Err(_)) => Ok(period),
            (None, single) => single,
        }
    }

    /// A date, a range without opener, a relative day, a bare month or a bare day at `p`.
    fn single_at(&self, p: usize) -> Result<DateMention, usize> {
        let Some(left) = self.piece(p, false) else {
            return self.bare_day(p).ok_or(p + 1);
        };
        if let Some((value, end, rel)) = self.range_rest(left, None) {
            return Ok(Self::mention(p, end, value, left.weekday, rel));
        }
        if left.rel != Rel::Abs {
            return Ok(Self::mention(p, left.end, DateValue::Single(left.date), left.weekday, left.rel));
        }
        let d = left.date;
        if d.month.is_none() && d.day.is_some() && left.weekday.is_some() {
            // "Friday the 2nd"
            return Ok(Self::mention(p, left.end, DateValue::Single(d), left.weekday, Rel::Abs));
        }
        if d.month.is_some() && (d.day.is_some() || d.year.is_some()) {
            // An impossible date ("30 February 2024") is skipped whole, not reread as "February 2024".
            return if fits(d) {
                Ok(Self::mention(p, left.end, DateValue::Single(d), left.weekday, Rel::Abs))
            } else {
                Err(left.end)
            };
        }
        if d.month.is_some() && self.bare_month_ok(p, left.end) {
            return Ok(Self::mention(p, left.end, DateValue::Single(d), None, Rel::Abs));
        }
        if let Some(m) = self.bare_day(p) {
            return Ok(m);
        }
        Err(p + 1)
    }

    /// Whether a month with neither day nor year ("in November") is a date here: not inside a
    /// name ("Theresa May", "April Ryan"), not a sentence-opening "May", and an abbreviation
    /// ("Jan") only after a word such as "in" or "since".
    fn bare_month_ok(&self, p: usize, e: usize) -> bool {
        if !self.stands_alone(p, e) {
            return false;
        }
        let is_may = self.word(p).is_some_and(|(w, _)| w.eq_ignore_ascii_case(b"may"));
        if is_may && self.at_sentence_start(p) {
            return false;
        }
        if self.month_is_abbrev(p) || is_may {
            return self
                .word_before(p)
                .is_some_and(|w| LEAD_WORDS.iter().any(|l| w.eq_ignore_ascii_case(l.as_bytes())));
        }
        true
    }

    /// "on 15", "for the 27th", "on the second!": a bare day after "on" or "for", ending a clause.
    fn bare_day(&self, p: usize) -> Option<DateMention> {
        let (q, lead) = match self.keyword(p, kw!["the"]) {
            Some((_, te)) => (self.ws(te)?, self.word_before(p)?),
            None => (p, self.word_before(p)?),
        };
        (lead.eq_ignore_ascii_case(b"on") || lead.eq_ignore_ascii_case(b"for")).then_some(())?;
        let digits = self.digit_at(q);
        let (day, e) = self.any_day(q)?;
        let r = self.ws_run(e)?;
        let closes = match self.bytes.get(r) {
            None => true,
            Some(b'.' | b'!' | b'?') => true,
            Some(b',' | b';') => digits,
            _ => false,
        };
        closes.then_some(())?;
        let value = DateValue::Single(PartialDate { year: None, month: None, day: Some(day) });
        Some(Self::mention(p, e, value, None, Rel::Abs))
    }

    /// The separator and second end of a range whose first end is `left`.
    fn range_rest(&self, left: Piece, opener: Option<Opener>) -> Option<(DateValue, usize, Rel)> {
        let q = self.separator(left.end, opener)?;
        let right = self.piece(q, true)?;
        if left.rel == Rel::Unknown || right.rel == Rel::Unknown {
            // A range with a relative end and no reference: found, not resolved.
            (left.rel != Rel::Abs || left.date.day.is_some() || left.date.month.is_some()).then_some(())?;
            return Some((DateValue::Single(PartialDate::default()), right.end, Rel::Unknown));
        }
        let rel = if left.rel == Rel::Known || right.rel == Rel::Known { Rel::Known } else { Rel::Abs };
        // "Friday the 2nd until Tuesday the 6th": two bare days, each named with its weekday.
        if left.date.month.is_none() && right.date.month.is_none() {
            (left.weekday.is_some() && right.weekday.is_some()).then_some(())?;
            let (a, b) = (left.date.day?, right.date.day?);
            (a < b).then_some(())?;
            return Some((DateValue::Range { start: left.date, end: right.date }, right.end, rel));
        }
        let value = combine(left.date, right.date, opener.is_some())?;
        Some((value, right.end, rel))
    }

    /// Relative days: "today", "tomorrow", "the day after tomorrow", "next Sunday", "this week
    /// friday", "Friday of next week", "two weeks from now", "a month ago", "20th of next month",
    /// "the first Friday of July", a weekday alone; "now" when `now`.
    fn rel_piece(&self, p: usize, now: bool) -> Option<Piece> {
        let (value, end, weekday) = self.rel_day(p, now)?;
        Self::rel_piece_of(end, value, weekday)
    }

    fn rel_day(&self, p: usize, now: bool) -> Option<(Resolved, usize, Option<u8>)> {
        if let Some((w, e)) =
            self.keyword(p, kw!["today", "tomorrow", "tmrw", "yesterday", "now", "tonight", "the", "day"])
        {
            let lowered = Lowered::of(w);
            let lower = lowered.as_slice();
            let offset = match lower {
                b"today" | b"tonight" => Some(0),
                b"now" if now => Some(0),
                b"tomorrow" | b"tmrw" => Some(1),
                b"yesterday" => Some(-1),
                _ => None,
            };
            if let Some(offset) = offset {
                return Some((self.resolve(|r| single_day(r + offset))?, e, None));
            }
            // "(the) day before yesterday", "(the) day after tomorrow"
            let day_end = if lower == b"day" { Some(e) } else { self.then(e, kw!["day"]) };
            if let Some(de) = day_end {
                if let Some(be) = self.then(de, kw!["before"]).and_then(|b| self.then(b, kw!["yesterday"])) {
                    return Some((self.resolve(|r| single_day(r - 2))?, be, None));
                }
                if let Some(ae) =
                    self.then(de, kw!["after"]).and_then(|a| self.then(a, kw!["tomorrow", "tmrw"]))
                {
                    return Some((self.resolve(|r| single_day(r + 2))?, ae, None));
                }
            }
            if lower == b"the" {
                let q = self.ws(e)?;
                if let Some(de) = self.keyword(q, kw!["next"]).and_then(|(_, ne)| self.then(ne, kw!["day"])) {
                    return Some((None, de, None));
                }
                if self.digit_at(q) {
                    return self.day_of_month(q, true);
                }
                return self.nth_weekday_at(q);
            }
            return None;
        }
        // "the next day" is read in the story, not against the article: found, never resolved.
        if let Some((_, e)) = self.keyword(p, kw!["next"]) {
            if let Some(de) = self.then(e, kw!["day"]) {
                return Some((None, de, None));
            }
        }
        if let Some((by, e)) = self.modifier(p) {
            let q = self.ws(e)?;
            if let Some((weekday, we)) = self.weekday(q) {
                if let Some((date, de)) = self.dated_suffix(we) {
                    // "this friday (jun-15)": the date written out wins.
                    let value = self.resolve(|r| {
                        let full = PartialDate { year: date.year.or(civil(r)?.year), ..date };
                        is_valid(full).then_some(DateValue::Single(full))
                    })?;
                    return Some((value, de, Some(weekday)));
                }
                let value =
                    self.resolve(|r| single_day(r - weekday_number(r) + 7 * by + i64::from(weekday)))?;
                return Some((value, we, Some(weekday)));
            }
            // "this week friday", "next week on friday"
            let (unit, ue) = self.unit(q)?;
            (unit == Unit::Week && !self.bytes.get(q..ue).is_some_and(|w| w.ends_with(b"s"))).then_some(())?;
            let wq = self.maybe(ue, kw!["on"]);
            let (weekday, we) = self.weekday(self.ws(wq)?)?;
            let value = self.resolve(|r| single_day(r - weekday_number(r) + 7 * by + i64::from(weekday)))?;
            return Some((value, we, Some(weekday)));
        }
        if self.digit_at(p) || self.word(p).is_some() {
            if let Some(found) = self.counted(p) {
                return Some(found);
            }
        }
        if self.digit_at(p) {
            return self.day_of_month(p, now);
        }
        self.weekday_alone(p)
    }

    /// "20th of next month", "31st of this month", "22 this month" (as a range's end, `now`).
    fn day_of_month(&self, p: usize, now: bool) -> Option<(Resolved, usize, Option<u8>)> {
        {
            let (day, e) = self.day(p)?;
            let q = self.ws(e)?;
            let (q, linked) = match self.keyword(q, kw!["of", "in"]) {
                Some((_, oe)) => (self.ws(oe)?, true),
                None => (q, false),
            };
            (linked || now).then_some(())?;
            let (by, me) = self.modifier(q)?;
            let (unit, ue) = self.unit(self.ws(me)?)?;
            (unit == Unit::Month).then_some(())?;
            let value = self.resolve(|r| {
                let d = civil(r)?;
                let (y, m) = month_shift(d.year?, d.month?, by)?;
                let date = PartialDate { year: Some(y), month: Some(m), day: Some(day) };
                is_valid(date).then_some(DateValue::Single(date))
            })?;
            Some((value, ue, None))
        }
    }

    /// "-jun-15", " (jun-15)", "(jun-15)" after a weekday: (the date, end).
    fn dated_suffix(&self, e: usize) -> Option<(PartialDate, usize)> {
        if self.bytes.get(e) == Some(&b'-') {
            let piece = self.month_first(e + 1)?;
            piece.date.day?;
            return Some((piece.date, piece.end));
        }
        let q = self.ws_run(e)?;
        (self.bytes.get(q) == Some(&b'(')).then_some(())?;
        let piece = self.core(q + 1)?;
        piece.date.day?;
        (self.bytes.get(piece.end) == Some(&b')')).then_some((piece.date, piece.end + 1))
    }

    /// "friday 7/6": day and month whose order only the weekday settles, in the article's year.
    fn weekday_numeric(&self, weekday: u8, e: usize) -> Option<(Resolved, usize)> {
        let r = self.today?;
        let q = self.ws(e)?;
        let (a, e1, c1) = self.digits(q)?;
        (self.bytes.get(e1).is_some_and(|b| matches!(b, b'/' | b'-' | b'.')) && c1 <= 2).then_some(())?;
        let (b, e2, c2) = self.digits(e1 + 1)?;
        (c2 <= 2 && self.at_word_end(e2) && !self.number_continues(e2)).then_some(())?;
        let year = civil(r)?.year;
        let date =
            |m: u32, d: u32| PartialDate { year, month: u8::try_from(m).ok(), day: u8::try_from(d).ok() };
        let fitting: Vec<PartialDate> =
            [date(a, b), date(b, a)].into_iter().filter(|d| weekday_of(*d) == Some(weekday)).collect();
        match fitting.as_slice() {
            [one] => Some((Some(DateValue::Single(*one)), e2)),
            [one, two] if one == two => Some((Some(DateValue::Single(*one)), e2)),
            _ => None,
        }
    }

    /// A weekday on its own, or with its week: "Friday", "friday this week", "tuesday of next week".
    fn weekday_alone(&self, p: usize) -> Option<(Resolved, usize, Option<u8>)> {
        if let Some(found) = self.nth_weekday_at(p) {
            return Some(found);
        }
        let (weekday, e) = self.weekday(p)?;
        let with_week = self.ws(e).and_then(|q| {
            let q = match self.keyword(q, kw!["of"]) {
                Some((_, oe)) => self.ws(oe)?,
                None => q,
            };
            let (by, me) = self.modifier(q)?;
            let ue = self.then(me, kw!["week"])?;
            Some((by, ue))
        });
        if let Some((by, we)) = with_week {
            let value = self.resolve(|r| single_day(r - weekday_number(r) + 7 * by + i64::from(weekday)))?;
            return Some((value, we, Some(weekday)));
        }
        self.stands_alone(p, e).then_some(())?;
        if let Some((value, ne)) = self.weekday_numeric(weekday, e) {
            return Some((value, ne, Some(weekday)));
        }
        // An abbreviation alone ("tues") only after "on", and without its dot.
        let abbrev = self.word(p).is_some_and(|(w, _)| w.len() < 6);
        if abbrev {
            self.word_before(p).is_some_and(|w| w.eq_ignore_ascii_case(b"on")).then_some(())?;
        }
        let e = if abbrev && self.bytes.get(e.wrapping_sub(1)) == Some(&b'.') { e - 1 } else { e };
        // Read as the latest such weekday on or before the article date (news reports the past).
        let value =
            self.resolve(|r| single_day(r - (weekday_number(r) - i64::from(weekday)).rem_euclid(7)))?;
        Some((value, e, Some(weekday)))
    }

    /// "two weeks from now", "a month ago", "3 days after today", "two days before yesterday",
    /// "two sundays from now"; "two days later" is read in the story, never resolved.
    fn counted(&self, p: usize) -> Option<(Resolved, usize, Option<u8>)> {
        let (n, e) = self.count(p)?;
        let q = self.ws(e)?;
        let (w, mut we) = self.word(q)?;
        let what = match self.unit_loose(q, we) {
            Some((unit, _)) => Ok(unit),
            None => {
                // "two sundays from now", "two monday later"
                let stem = w.strip_suffix(b"s").unwrap_or(w);
                let (_, number, _) = WEEKDAYS
                    .iter()
                    .find(|(name, _, ab)| !ab && stem.eq_ignore_ascii_case(name.as_bytes()))?;
                Err(*number)
            }
        };
        // "2 years 1 month 21 days ago": more counts of smaller units.
        let mut more: Vec<(i64, Unit)> = Vec::new();
        if what.is_ok() {
            while let Some((n2, u2, e2)) = self.ws(we).and_then(|s| self.count_unit(s)) {
                more.push((n2, u2));
                we = e2;
            }
        }
        let r = self.ws(we)?;
        let (w, ae) = self.keyword(r, kw!["ago", "from", "after", "before", "later", "hence"])?;
        let (anchor, end) = match Lowered::of(w).as_slice() {
            b"ago" => (Some((-1, 0)), ae),
            b"later" => (None, ae),
            b"hence" => (Some((1, 0)), ae),
            b"from" => {
                let (w2, e2) = self.keyword(self.ws(ae)?, kw!["now", "today", "tomorrow"])?;
                (Some((1, i64::from(w2.eq_ignore_ascii_case(b"tomorrow")))), e2)
            }
            b"after" => {
                let (w2, e2) = self.keyword(self.ws(ae)?, kw!["today", "tomorrow"])?;
                (Some((1, i64::from(w2.eq_ignore_ascii_case(b"tomorrow")))), e2)
            }
            _ => {
                let (w2, e2) = self.keyword(self.ws(ae)?, kw!["today", "yesterday"])?;
                (Some((-1, -i64::from(w2.eq_ignore_ascii_case(b"yesterday")))), e2)
            }
        };
        let Some((sign, base)) = anchor else {
            return Some((None, end, None));
        };
        let value = self.resolve(|r| {
            let from = r + base;
            let day = match what {
                Ok(unit) => {
                    let mut day = shift(from, unit, sign * n)?;
                    for (n2, u2) in &more {
                        day = shift(day, *u2, sign * n2)?;
                    }
                    day
                }
                Err(weekday) => {
                    // the n-th such weekday after (or before) the anchor
                    let first = if sign > 0 {
                        from + (i64::from(weekday) - weekday_number(from) - 1).rem_euclid(7) + 1
                    } else {
                        from - (weekday_number(from) - i64::from(weekday) - 1).rem_euclid(7) - 1
                    };
                    first + sign * 7 * (n - 1)
                }
            };
            single_day(day)
        })?;
        Some((value, end, None))
    }

    /// "first Friday of July", "third tuesday", "last Monday in this month" (after "the" or not).
    fn nth_weekday_at(&self, p: usize) -> Option<(Resolved, usize, Option<u8>)> {
        let (w, e) = self.keyword(p, kw!["first", "second", "third", "fourth", "fifth", "last"])?;
        let nth = match Lowered::of(w).as_slice() {
            b"first" => 1,
            b"second" => 2,
            b"third" => 3,
            b"fourth" => 4,
            b"fifth" => 5,
            _ => 0,
        };
        let (weekday, we) = self.weekday(self.ws(e)?)?;
        let month = self.then(we, kw!["of", "in"]).and_then(|oe| {
            let q = self.ws(oe)?;
            if let Some((m, me)) = self.month(q) {
                return Some((Ok(m), me));
            }
            let (by, me) = self.modifier(q)?;
            let ue = self.then(me, kw!["month"])?;
            Some((Err(by), ue))
        });
        let (which, end) = month.unwrap_or((Err(0), we));
        let value = self.resolve(|r| {
            let d = civil(r)?;
            let (y, m) = match which {
                Ok(m) => (d.year?, m),
                Err(by) => month_shift(d.year?, d.month?, by)?,
            };
            single_day(nth_weekday(y, m, weekday, nth)?)
        })?;
        Some((value, end, Some(weekday)))
    }

    /// Periods: "this week", "next month", "last year", "this Jan", "June next year", "the month
    /// of May", "the past 3 weeks", "rest of the week", "early next year", "year to date", "the
    /// third quarter of 2016", "Q3", "this summer", "week 10", "the third week of July", "the week
    /// of November 30th".
    fn period_at(&self, p: usize) -> Option<DateMention> {
        // Eleven forms are tried and the longest kept, about 2,000 instructions at every place.
        // Many places open with a word that none of them reads first (a weekday, a count, as in
        // "Wednesday" or "two days later"), and are turned away here.
        if !self.may_open_period(p) {
            return None;
        }
        self.period_by_every_form(p)
    }

    /// Whether any form of [`Scanner::period_by_every_form`] can start at `p`: a digit (a year, a
    /// numeric month), "Q" (of "Q3"), "w/c", or a word of [`PERIOD_OPENERS`] or a month name,
    /// which is what each form reads first. A test holds the forms to this.
    fn may_open_period(&self, p: usize) -> bool {
        let Some(&b) = self.bytes.get(p) else { return false };
        if b.is_ascii_digit()
            || b == b'Q'
            || self.bytes.get(p..p + 3).is_some_and(|s| s.eq_ignore_ascii_case(b"w/c"))
        {
            return true;
        }
        leading_word_key(self.bytes.get(p..).unwrap_or_default()).is_some_and(|key| {
            period_openers().get_key(key).is_some() || month_names().get_key(key).is_some()
        })
    }

    /// Every period form, whatever word stands at `p` ([`Scanner::period_at`] asks this only
    /// where one may start).
    fn period_by_every_form(&self, p: usize) -> Option<DateMention> {
        let candidates = [
            self.month_of(p),
            self.modified_period(p),
            self.month_with_year_word(p),
            self.rest_of(p),
            self.part_of(p),
            self.quarter(p),
            self.season(p),
            self.week_of(p),
            self.decade(p),
            self.the_weekend(p),
            self.numeric_month(p),
        ];
        let mut best: Option<(Resolved, usize, Rel)> = None;
        for c in candidates.into_iter().flatten() {
            if best.is_none_or(|b| c.1 > b.1) {
                best = Some(c);
            }
        }
        let (value, end, rel) = best?;
        Some(match rel {
            Rel::Abs => Self::mention(
                p,
                end,
                value.unwrap_or(DateValue::Single(PartialDate::default())),
                None,
                Rel::Abs,
            ),
            _ => Self::found(p, end, value),
        })
    }

    /// "the 1970s", "the 1970's", "the '40s" (a decade, both ends inclusive: 1970 to 1979).
    fn decade(&self, p: usize) -> Option<(Resolved, usize, Rel)> {
        let (_, te) = self.keyword(p, kw!["the"])?;
        let q = self.ws(te)?;
        let apostrophe = self.bytes.get(q) == Some(&b'\'');
        let (v, e, n) = self.digits(if apostrophe { q + 1 } else { q })?;
        let e = if self.bytes.get(e) == Some(&b'\'') { e + 1 } else { e };
        (self.bytes.get(e) == Some(&b's') && self.at_word_end(e + 1) && v % 10 == 0).then_some(())?;
        let start = match n {
            4 if (1000..=2990).contains(&v) => v,
            // "the '40s"; "the 40s" alone is as often a temperature or an age.
            2 if apostrophe => v + if v >= 20 { 1900 } else { 2000 },
            _ => return None,
        };
        let y = i32::try_from(start).ok()?;
        let value = DateValue::Range {
            start: PartialDate { year: Some(y), month: None, day: None },
            end: PartialDate { year: Some(y + 9), month: None, day: None },
        };
        Some((Some(value), e + 1, Rel::Abs))
    }

    /// "the weekend": the latest weekend on or before the article date.
    fn the_weekend(&self, p: usize) -> Option<(Resolved, usize, Rel)> {
        let (_, te) = self.keyword(p, kw!["the"])?;
        let we = self.then(te, kw!["weekend"])?;
        let value = self.resolve(|r| {
            let wd = weekday_number(r);
            let saturday = if wd >= 5 { r - (wd - 5) } else { r - wd - 2 };
            day_range(saturday, saturday + 1)
        })?;
        Some((value, we, Rel::Known))
    }

    /// "2016 - 11", "11 / 2016", "11-2016": a month and a year in digits, spaces allowed.
    fn numeric_month(&self, p: usize) -> Option<(Resolved, usize, Rel)> {
        let (a, e1, c1) = self.digits(p)?;
        let s1 = self.ws_run(e1)?;
        let sep = *self.bytes.get(s1).filter(|&&b| b == b'-' || b == b'/')?;
        let _ = sep;
        let q = self.ws_run(s1 + 1)?;
        let (b, e2, c2) = self.digits(q)?;
        let end_ok = self.at_word_end(e2)
            && !self.number_continues(e2)
            && !matches!(self.bytes.get(e2), Some(b'-' | b'/' | b':'));
        end_ok.then_some(())?;
        let (y, m) = match (c1, c2) {
            (4, 1..=2) => (a, b),
            (1..=2, 4) => (b, a),
            _ => return None,
        };
        ((1000..=2999).contains(&y) && (1..=12).contains(&m)).then_some(())?;
        Some((Some(month_value(i32::try_from(y).ok()?, u8::try_from(m).ok()?)), e2, Rel::Abs))
    }

    /// "the month of May", "month of Jan".
    fn month_of(&self, p: usize) -> Option<(Resolved, usize, Rel)> {
        let q = match self.keyword(p, kw!["the"]) {
            Some((_, e)) => self.ws(e)?,
            None => p,
        };
        let (_, me) = self.keyword(q, kw!["month"])?;
        let oe = self.then(me, kw!["of"])?;
        let (month, e) = self.month(self.ws(oe)?)?;
        let value = DateValue::Single(PartialDate { year: None, month: Some(month), day: None });
        Some((Some(value), e, Rel::Abs))
    }

    /// "this week", "next month", "last year", "this weekend", "next June", "last sept", "this
    /// summer", "next 3 days", "past 3 weeks", "last 3year", "past few weeks", "this week between
    /// Wednesday and Friday".
    fn modified_period(&self, p: usize) -> Option<(Resolved, usize, Rel)> {
        let (by, e) = self.modifier(p)?;
        let q = self.ws(e)?;
        if let Some((month, me)) = self.month(q) {
            let value = self.resolve(|r| {
                Some(month_value(civil(r)?.year?.checked_add(i32::try_from(by).ok()?)?, month))
            })?;
            return Some((value, me, Rel::Known));
        }
        if let Some(found) = self.season_value(q, Some(by)) {
            return Some(found);
        }
        if let Some((_, we)) = self.keyword(q, kw!["weekend"]) {
            let value = self.resolve(|r| {
                let monday = r - weekday_number(r) + 7 * by;
                day_range(monday + 5, monday + 6)
            })?;
            return Some((value, we, Rel::Known));
        }
        if let Some((vague, ve)) = self.keyword(q, kw!["few", "several"]) {
            let _ = vague;
            let (_, ue) = self.unit(self.ws(ve)?)?;
            return Some((None, ue, Rel::Unknown));
        }
        if let Some((n, unit, ue)) = self.count_unit(q) {
            if by == 0 {
                return None;
            }
            let value = self.resolve(|r| {
                if by > 0 {
                    day_range(r + 1, shift(r, unit, n)?)
                } else {
                    day_range(shift(r, unit, -n)?, r - 1)
                }
            })?;
            return Some((value, ue, Rel::Known));
        }
        let (unit, ue) = self.unit(q)?;
        (unit != Unit::Day && !self.bytes.get(q..ue).is_some_and(|w| w.ends_with(b"s"))).then_some(())?;
        // "this week between Wednesday and Friday", "next week from Wednesday to Friday"
        if unit == Unit::Week {
            if let Some((a, b, end)) = self.weekday_span(ue) {
                let value = self.resolve(|r| {
                    let monday = r - weekday_number(r) + 7 * by;
                    day_range(monday + i64::from(a), monday + i64::from(b))
                })?;
                return Some((value, end, Rel::Known));
            }
        }
        let value = self.resolve(|r| period_value(r, unit, by))?;
        Some((value, ue, Rel::Known))
    }

    /// " between Wednesday and Friday", " from Wednesday to Friday", " Friday through Sunday".
    fn weekday_span(&self, p: usize) -> Option<(u8, u8, usize)> {
        let q = self.ws(p)?;
        let (opener, q) = match self.keyword(q, kw!["between", "from"]) {
            Some((w, e)) => (Some(w.eq_ignore_ascii_case(b"between")), self.ws(e)?),
            None => (None, q),
        };
        let (a, ae) = self.weekday(q)?;
        let words: &[u128] = if opener == Some(true) { kw!["and"] } else { RANGE_WORDS };
        let se = self.then(ae, words)?;
        let (b, be) = self.weekday(self.ws(se)?)?;
        (a < b).then_some((a, b, be))
    }

    /// "June next year", "march this year".
    fn month_with_year_word(&self, p: usize) -> Option<(Resolved, usize, Rel)> {
        let (month, me) = self.month(p)?;
        let (by, be) = self.modifier(self.ws(me)?)?;
        let ye = self.then(be, kw!["year"])?;
        let value = self
            .resolve(|r| Some(month_value(civil(r)?.year?.checked_add(i32::try_from(by).ok()?)?, month)))?;
        Some((value, ye, Rel::Known))
    }

    /// "rest of the week", "rest of my week", "rest current week", "rest of the year".
    fn rest_of(&self, p: usize) -> Option<(Resolved, usize, Rel)> {
        let (_, e) = self.keyword(p, kw!["rest"])?;
        let e = self.maybe(e, kw!["of"]);
        let e = self.maybe(e, kw!["the", "my", "this", "current"]);
        let (unit, ue) = self.unit(self.ws(e)?)?;
        (unit != Unit::Day).then_some(())?;
        let value = self.resolve(|r| day_range(r, period_of(r, unit, 0)?.1))?;
        Some((value, ue, Rel::Known))
    }

    /// "early next week", "later this month", "late last year", "year to date": a part of a
    /// period (early: its first half; late and later: its second half).
    fn part_of(&self, p: usize) -> Option<(Resolved, usize, Rel)> {
        if let Some((_, e)) = self.keyword(p, kw!["year"]) {
            let te = self.then(e, kw!["to"])?;
            let de = self.then(te, kw!["date"])?;
            let value = self.resolve(|r| day_range(period_of(r, Unit::Year, 0)?.0, r))?;
            return Some((value, de, Rel::Known));
        }
        // part: 0 = first half, 1 = middle third, 2 = second half
        let (part, e) = if let Some((w, e)) = self.keyword(p, kw!["early", "late", "later", "mid"]) {
            (
                match Lowered::of(w).as_slice() {
                    b"early" => 0,
                    b"mid" => 1,
                    _ => 2,
                },
                e,
            )
        } else {
            let (w, e) = self.keyword(p, kw!["beginning", "start", "end"])?;
            let oe = self.then(e, kw!["of"])?;
            (if w.eq_ignore_ascii_case(b"end") { 2 } else { 0 }, oe)
        };
        let q = self.ws(e)?;
        if let Some((month, me)) = self.month(q) {
            // "end of March", "mid March": days of a month whose year is filled later.
            let last = days_in_month(month, 2023);
            let (a, b) = match part {
                0 => (1, 15),
                1 => (11, 20),
                _ => (16, last),
            };
            let day = |d: u8| PartialDate { year: None, month: Some(month), day: Some(d) };
            return Some((Some(DateValue::Range { start: day(a), end: day(b) }), me, Rel::Abs));
        }
        if let Some((Some(DateValue::Range { start, end }), se, Rel::Abs)) = self.season(q) {
            let (a, b) = (start.month?, end.month?);
            let months = [a, a % 12 + 1, b];
            let m = *months.get(part)?;
            return Some((Some(DateValue::Single(PartialDate { month: Some(m), ..start })), se, Rel::Abs));
        }
        let (by, me) = self.modifier(q)?;
        let (unit, ue) = self.unit(self.ws(me)?)?;
        (unit != Unit::Day).then_some(())?;
        let value = self.resolve(|r| {
            let (first, last) = period_of(r, unit, by)?;
            if unit == Unit::Year {
                let y = civil(first)?.year;
                let (a, b) = match part {
                    0 => (1, 6),
                    1 => (5, 8),
                    _ => (7, 12),
                };
                return Some(month_range((y, a), (y, b)));
            }
            let len = last - first + 1;
            match part {
                0 => day_range(first, first + len / 2 - 1),
                1 => day_range(first + len / 3, first + 2 * len / 3 - 1),
                _ => day_range(first + len / 2, last),
            }
        })?;
        Some((value, ue, Rel::Known))
    }

    /// "the third quarter of 2016", "the third quarter this year", "2016 the third quarter",
    /// "Q1", "the third- quarter", "next year's fourth-quarter".
    fn quarter(&self, p: usize) -> Option<(Resolved, usize, Rel)> {
        // "Q1" .. "Q4"
        if let Some((q, e)) = self.word_glued_q(p) {
            let year = self.ws(e).and_then(|s| self.year(s));
            return Some(self.quarter_value(q, year.map(|(y, _)| y), None, year.map_or(e, |(_, ye)| ye)));
        }
        // "2016 the third quarter"
        if let Some((y, ye)) = self.year(p) {
            let te = self.then(ye, kw!["the"])?;
            let (q, qe) = self.quarter_words(self.ws(te)?)?;
            return Some(self.quarter_value(q, Some(y), None, qe));
        }
        // "next year's third-quarter"
        if let Some((by, e)) = self.modifier(p) {
            let (_, ye) = self.keyword(self.ws(e)?, kw!["year"])?;
            (self.bytes.get(ye..ye + 2) == Some(b"'s")).then_some(())?;
            let (q, qe) = self.quarter_words(self.ws(ye + 2)?)?;
            return Some(self.quarter_value(q, None, Some(by), qe));
        }
        let q0 = match self.keyword(p, kw!["the"]) {
            Some((_, e)) => self.ws(e)?,
            None => p,
        };
        let (q, qe) = self.quarter_words(q0)?;
        if let Some(oe) = self.then(qe, kw!["of"]) {
            if let Some((y, ye)) = self.ws(oe).and_then(|s| self.year(s)) {
                return Some(self.quarter_value(q, Some(y), None, ye));
            }
        }
        if let Some((by, me)) = self.ws(qe).and_then(|s| self.modifier(s)) {
            if let Some(ye) = self.then(me, kw!["year"]) {
                return Some(self.quarter_value(q, None, Some(by), ye));
            }
        }
        // A quarter without a year needs "the" ("the third quarter"), read in the article's year.
        (q0 != p).then_some(())?;
        Some(self.quarter_value(q, None, Some(0), qe))
    }

    fn word_glued_q(&self, p: usize) -> Option<(u8, usize)> {
        let first = *self.bytes.get(p)?;
        (first == b'Q' && self.at_word_start(p)).then_some(())?;
        let d = *self.bytes.get(p + 1)?;
        (b'1'..=b'4').contains(&d).then_some(())?;
        self.at_word_end(p + 2).then_some((d - b'0', p + 2))
    }

    /// "third quarter", "third- quarter", "fourth-quarter".
    fn quarter_words(&self, p: usize) -> Option<(u8, usize)> {
        let (w, e) = self.keyword(p, kw!["first", "second", "third", "fourth", "last"])?;
        let q = match self.bytes.get(e) {
            Some(b'-') => self.ws_run(e + 1)?,
            _ => self.ws(e)?,
        };
        let (_, qe) = self.keyword(q, kw!["quarter"])?;
        let n = match Lowered::of(w).as_slice() {
            b"first" => 1,
            b"second" => 2,
            b"third" => 3,
            _ => 4,
        };
        Some((n, qe))
    }

    fn quarter_value(&self, q: u8, year: Option<i32>, by: Option<i64>, end: usize) -> (Resolved, usize, Rel) {
        let first = q * 3 - 2;
        match (year, by) {
            (Some(y), _) => (Some(month_range((Some(y), first), (Some(y), first + 2))), end, Rel::Abs),
            (None, Some(by)) => {
                let value = self.resolve(|r| {
                    let y = civil(r)?.year?.checked_add(i32::try_from(by).ok()?)?;
                    Some(month_range((Some(y), first), (Some(y), first + 2)))
                });
                (value.flatten(), end, Rel::Known)
            }
            (None, None) => (Some(month_range((None, first), (None, first + 2))), end, Rel::Abs),
        }
    }

    /// "summer 2016", "summer of 2016", "the summer", after "this"/"next"/"last" via `by`.
    fn season(&self, p: usize) -> Option<(Resolved, usize, Rel)> {
        let q = match self.keyword(p, kw!["the"]) {
            Some((_, e)) => self.ws(e)?,
            None => p,
        };
        let found = self.season_value(q, None)?;
        // A season alone needs "the" or a year ("summer heat" is no date).
        (q != p || found.2 == Rel::Abs && found.0.is_some_and(|v| v.ends().0.year.is_some())).then_some(found)
    }

    fn season_value(&self, p: usize, by: Option<i64>) -> Option<(Resolved, usize, Rel)> {
        let (w, e) = self.word(p)?;
        case_ok(w, false).then_some(())?;
        let &(name, a, b) = SEASONS.iter().find(|(n, _, _)| w.eq_ignore_ascii_case(n.as_bytes()))?;
        let is_fall = name == "fall";
        let next_year = i32::from(b < a);
        if let Some(by) = by {
            let value = self.resolve(|r| {
                let y = civil(r)?.year?.checked_add(i32::try_from(by).ok()?)?;
                Some(month_range((Some(y), a), (Some(y + next_year), b)))
            })?;
            return Some((value, e, Rel::Known));
        }
        let year = self.ws(self.maybe(e, kw!["of"])).and_then(|q| self.year(q));
        Some(match year {
            Some((y, ye)) => (Some(month_range((Some(y), a), (Some(y + next_year), b))), ye, Rel::Abs),
            // "the fall" is more often a fall than autumn
            None if !is_fall => (Some(month_range((None, a), (None, b))), e, Rel::Abs),
            None => return None,
        })
    }

    /// "week 10", "the third week of July", "the third week of this month", "the third week of
    /// 2027", "the last week of july", "the week of November 30th", "the week commencing
    /// February 4", "w/c feb 4".
    fn week_of(&self, p: usize) -> Option<(Resolved, usize, Rel)> {
        // "w/c feb 4"
        if self.bytes.get(p..p + 3).is_some_and(|s| s.eq_ignore_ascii_case(b"w/c")) {
            let date = self.core(self.ws(p + 3)?)?;
            return self.week_from(date, true);
        }
        let q = match self.keyword(p, kw!["the"]) {
            Some((_, e)) => self.ws(e)?,
            None => p,
        };
        if let Some((_, we)) = self.keyword(q, kw!["week"]) {
            // "week 10"
            if let Some((n, ne, count)) = self.ws(we).and_then(|s| self.digits(s)) {
                (q == p && count <= 2 && (1..=53).contains(&n) && self.at_word_end(ne)).then_some(())?;
                let week = u8::try_from(n).ok()?;
                let value = self.resolve(|r| {
                    let monday = iso_week_monday(civil(r)?.year?, week)?;
                    day_range(monday, monday + 6)
                })?;
                return Some((value, ne, Rel::Known));
            }
            let s = self.ws(we)?;
            if let Some((_, ce)) = self.keyword(s, kw!["commencing", "starting", "beginning"]) {
                let ce = self.maybe(ce, kw!["on"]);
                let date = self.core(self.ws(ce)?)?;
                return self.week_from(date, true);
            }
            let oe = self.then(we, kw!["of"])?;
            let dq = self.ws(oe)?;
            if let Some((_, te)) = self.keyword(dq, kw!["the"]) {
                // "the week of the 18th": which month is not said.
                let (_, de) = self.day(self.ws(te)?)?;
                return Some((None, de, Rel::Unknown));
            }
            let date = self.core(dq)?;
            date.date.day?;
            return self.week_from(date, false);
        }
        // "the third week of ...", "the last week of july"
        (q != p).then_some(())?;
        let (w, e) = self.keyword(q, kw!["first", "second", "third", "fourth", "fifth", "last"])?;
        let nth: i64 = match Lowered::of(w).as_slice() {
            b"first" => 1,
            b"second" => 2,
            b"third" => 3,
            b"fourth" => 4,
            b"fifth" => 5,
            _ => 0,
        };
        let we = self.then(e, kw!["week"])?;
        let s = self.ws(we)?;
        let (s, of) = match self.keyword(s, kw!["of"]) {
            Some((_, oe)) => (self.ws(oe)?, true),
            None => (s, false),
        };
        // a year: ISO week number
        if let Some((y, ye)) = self.year(s).filter(|_| of) {
            let value = (nth > 0)
                .then(|| iso_week_monday(y, u8::try_from(nth).ok()?))
                .flatten()
                .and_then(|m| day_range(m, m + 6));
            return Some((value, ye, Rel::Abs)).filter(|f| f.0.is_some());
        }
        if let Some((m, me)) = self.month(s).filter(|_| of) {
            let value = self.resolve(|r| {
                let y = civil(r)?.year?;
                let first = day_number(PartialDate { year: Some(y), month: Some(m), day: Some(1) })?;
                nth_week_of_month(first, first + i64::from(days_in_month(m, y)) - 1, nth)
            })?;
            return Some((value, me, Rel::Known));
        }
        let (by, me) = self.modifier(s)?;
        let (unit, ue) = self.unit(self.ws(me)?)?;
        let value = self.resolve(|r| match unit {
            Unit::Year => {
                let y = civil(r)?.year?.checked_add(i32::try_from(by).ok()?)?;
                let monday = iso_week_monday(y, u8::try_from(nth).ok().filter(|n| *n > 0)?)?;
                day_range(monday, monday + 6)
            }
            Unit::Month => {
                let (first, last) = period_of(r, Unit::Month, by)?;
                nth_week_of_month(first, last, nth)
            }
            _ => None,
        })?;
        Some((value, ue, Rel::Known))
    }

    /// The week that starts at `date` (`starts`) or contains it.
    fn week_from(&self, date: Piece, starts: bool) -> Option<(Resolved, usize, Rel)> {
        let d = date.date;
        d.day?;
        d.month?;
        let year = d.year.map(Ok).unwrap_or_else(|| match self.today.and_then(civil) {
            Some(t) => t.year.ok_or(()),
            None => Err(()),
        });
        let Ok(year) = year else {
            return Some((None, date.end, Rel::Unknown));
        };
        let n = day_number(PartialDate { year: Some(year), ..d })?;
        let monday = if starts { n } else { n - weekday_number(n) };
        let rel = if d.year.is_some() { Rel::Abs } else { Rel::Known };
        Some((day_range(monday, monday + 6), date.end, rel))
    }
}

/// The `nth` (0 = last) seven-day week of a month running from day `first` to day `last`.
fn nth_week_of_month(first: i64, last: i64, nth: i64) -> Option<DateValue> {
    if nth == 0 {
        return day_range(last - 6, last);
    }
    let start = first + 7 * (nth - 1);
    (start <= last).then_some(())?;
    day_range(start, (start + 6).min(last))
}

/// Joins two ends into a range: a bare day takes the other end's month ("10-21 November",
/// "November 10-21"), a year written on one end applies to both, and the range must be valid and
/// run forward.
fn combine(mut a: PartialDate, mut b: PartialDate, has_opener: bool) -> Option<DateValue> {
    let bare_year = |d: &PartialDate| d.year.is_some() && d.month.is_none() && d.day.is_none();
    if bare_year(&a) || bare_year(&b) {
        // "between 2015 and Feb 2018", "between May 2015 and 2018": years on both ends, and a
        // month on one at least (two bare years are figures as often as dates).
        (has_opener && (a.month.is_some() || b.month.is_some())).then_some(())?;
        let ok = |d: &PartialDate| bare_year(d) || fits(*d);
        (ok(&a) && ok(&b) && a.year? < b.year?).then_some(())?;
        return Some(DateValue::Range { start: a, end: b });
    }
    match (a.month, b.month) {
        (Some(_), Some(_)) => {}
        (Some(m), None) => {
            // "November 10-21": both ends need a day, and a year can only come at the very end.
            a.day?;
            b.day?;
            a.year.is_none().then_some(())?;
            b.month = Some(m);
        }
        (None, Some(m)) => {
            // "10-21 November 2025": the first end is a bare day.
            b.day?;
            a.day?;
            a.year.is_none().then_some(())?;
            a.month = Some(m);
            a.year = b.year;
        }
        (None, None) => return None,
    }
    // "from Feb 1st to March 2019": ends of different precision need an opener.
    if a.day.is_some() != b.day.is_some() && !(has_opener && a.month.is_some() && b.month.is_some()) {
        return None;
    }
    // A year on one end only: the other end is in the same year, or next to it across New Year.
    match (a.year, b.year) {
        (None, Some(y)) => a.year = Some(if a.month > b.month { y.saturating_sub(1) } else { y }),
        (Some(y), None) => b.year = Some(if b.month < a.month { y.saturating_add(1) } else { y }),
        _ => {}
    }
    if !fits(a) || !fits(b) {
        return None;
    }
    let forward = match (a.year, b.year) {
        (Some(ya), Some(yb)) => (ya, a.month, a.day) < (yb, b.month, b.day),
        // Without years, a change of month may cross New Year ("December 28 to January 3").
        _ => a.month != b.month || a.day < b.day,
    };
    forward.then_some(DateValue::Range { start: a, end: b })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_keyword_is_packed_as_the_letters_of_the_text_are() {
        for (text, word) in [
            ("Between 5", "between"),
            ("a", "a"),
            ("TODAY.", "today"),
            ("counterrevolution!", "counterrevolution"),
        ] {
            let packed =
                crate::text::letters_key(text.as_bytes(), 16).map(|(key, _)| u128::from_be_bytes(key));
            if word.len() <= 16 {
                assert_eq!(packed, Some(keyword_key(word)), "{text:?}");
            } else {
                assert_eq!(packed, None, "{text:?}");
            }
        }
        assert_eq!(keyword_key("internationalism"), crate::text::packed(b"internationalism").unwrap());
    }

    /// The words inside the string literals of this file's code, lowercase, from the code before
    /// the tests and outside comments, leaving out the word lists themselves.
    fn literal_words() -> Vec<String> {
        let source = include_str!("date.rs");
        let code = source.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
        let mut words = Vec::new();
        let mut skipping_list = false;
        for line in code.lines() {
            // A quote as a character ('"') opens no string.
            let line = line.replace("'\"'", "' '");
            let declaration = line.trim_start_matches("pub(super) ");
            if declaration.starts_with("const FOLLOWERS") || declaration.starts_with("const STARTERS") {
                skipping_list = true;
            }
            if skipping_list {
                skipping_list = line != "];";
                continue;
            }
            let mut in_string = false;
            let mut word = String::new();
            let mut previous = ' ';
            for c in line.chars() {
                if !in_string && previous == '/' && c == '/' {
                    break;
                }
                if c == '"' && previous != '\\' {
                    in_string = !in_string;
                } else if in_string && c.is_ascii_alphabetic() {
                    word.push(c.to_ascii_lowercase());
                    previous = c;
                    continue;
                }
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                previous = c;
            }
        }
        words
    }

    /// No period form starts where [`Scanner::may_open_period`] says none can: the forms are
    /// tried at every word start of texts made of the words they read, in both cases, with and
    /// without a reference date.
    #[test]
    fn no_period_starts_where_the_gate_says_none_can() {
        let mut tokens: Vec<String> = Vec::new();
        let months = MONTHS.iter().map(|(name, _, _)| *name);
        let weekdays = WEEKDAYS.iter().map(|(name, _, _)| *name);
        let seasons = SEASONS.iter().map(|(name, _, _)| *name);
        let extra = [
            "2016", "1970s", "'40s", "Q3", "q3", "w/c", "W/C", "of", "year's", "to", "date", "10", "30th",
            "3", "few", "weeks", "days", "ago", "now", "a", "the", "-", "'s",
        ];
        for word in STARTERS
            .iter()
            .chain(STRONG)
            .chain(PERIOD_OPENERS)
            .copied()
            .chain(months)
            .chain(weekdays)
            .chain(seasons)
            .chain(extra)
        {
            tokens.push(word.to_string());
            let mut capital = word.to_string();
            if let Some(first) = capital.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            tokens.push(capital);
        }
        tokens.sort();
        tokens.dedup();
        // Every form, as the forms' own comments give them: each is a period, whose first word
        // the gate lets through.
        let periods = [
            "this week",
            "next month",
            "last year",
            "this Jan",
            "June next year",
            "the month of May",
            "past 3 weeks",
            "rest of the week",
            "early next year",
            "year to date",
            "the third quarter of 2016",
            "Q3",
            "this summer",
            "week 10",
            "the third week of July",
            "the week of November 30th",
            "first quarter of 2016",
            "end of March",
            "summer 2016",
            "summer of 2016",
            "mid March",
            "beginning of next year",
            "the 1970s",
            "the '40s",
            "the weekend",
            "2016-11",
            "11/2016",
            "w/c feb 4",
            "2016 the third quarter",
            "next year's third-quarter",
            "later this month",
            "late last year",
            "start of next year",
            "second quarter this year",
            "fourth quarter of 2019",
            "winter 2019",
            "autumn of 2020",
            "fall 2021",
            "spring 2022",
            "current week",
            "coming weekend",
            "following week",
            "previous month",
            "past few weeks",
            "upcoming week",
            "the summer",
        ];
        for text in periods {
            for today in [None, Some(PartialDate { year: Some(2025), month: Some(6), day: Some(11) })] {
                let scanner = Scanner {
                    text,
                    bytes: text.as_bytes(),
                    today: today.and_then(day_number),
                    last_run: std::cell::Cell::new(None),
                };
                assert!(scanner.period_by_every_form(0).is_some(), "{text:?} is no period");
                assert!(scanner.may_open_period(0), "{text:?} is turned away");
            }
        }
        // Half the words come from the periods' own, so that many texts hold one.
        let period_words: Vec<&str> = PERIOD_OPENERS
            .iter()
            .copied()
            .chain(["week", "weekend", "month", "year", "quarter", "of", "to", "date", "2016", "July", "Q3"])
            .collect();
        // splitmix64: the same texts on every run.
        let mut state: u64 = 17;
        let mut next = move || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        let reference = Some(PartialDate { year: Some(2025), month: Some(6), day: Some(11) });
        let (mut gated, mut found) = (0, 0);
        for _ in 0..20_000 {
            let count = 1 + (next() % 5) as usize;
            let words: Vec<&str> = (0..count)
                .map(|_| match next() % 4 {
                    0 | 1 => tokens[(next() % tokens.len() as u64) as usize].as_str(),
                    2 => period_words[(next() % period_words.len() as u64) as usize],
                    _ => periods[(next() % periods.len() as u64) as usize],
                })
                .collect();
            let text = words.join(if next() % 4 == 0 { "-" } else { " " });
            for today in [None, reference.and_then(day_number)] {
                let scanner = Scanner {
                    text: &text,
                    bytes: text.as_bytes(),
                    today,
                    last_run: std::cell::Cell::new(None),
                };
                for p in 0..text.len() {
                    let starts_word = text.is_char_boundary(p)
                        && (p == 0 || !text.as_bytes()[p - 1].is_ascii_alphanumeric());
                    if !starts_word {
                        continue;
                    }
                    let every_form = scanner.period_by_every_form(p);
                    if scanner.may_open_period(p) {
                        found += usize::from(every_form.is_some());
                    } else {
                        gated += 1;
                        assert_eq!(every_form.map(|m| (m.start, m.end)), None, "{text:?} at {p}");
                    }
                }
            }
        }
        // Both sides are exercised: the gate turns many places away, and the forms find periods.
        assert!(gated > 20_000 && found > 3_000, "gated {gated}, found {found}");
    }

    #[test]
    fn every_word_a_form_reads_is_a_follower() {
        let followers = word_set(FOLLOWERS);
        let missing: Vec<String> = literal_words()
            .into_iter()
            .filter(|w| w.len() <= 16)
            .filter(|w| {
                followers.get(w.as_bytes()).is_none() || followers.get(format!("{w}s").as_bytes()).is_none()
            })
            .collect();
        assert_eq!(missing, Vec::<String>::new(), "add these words (and their plurals) to FOLLOWERS");
        let read = literal_words();
        assert!(["yesterday", "between", "quarter", "my", "an"].iter().all(|w| read.iter().any(|r| r == w)));
        assert!(STARTERS.iter().chain(STRONG).all(|w| followers.get(w.as_bytes()).is_some()));
    }

    #[test]
    fn openers_before_a_plain_word_are_passed_over_and_dates_are_still_read() {
        let text = "the storm hit 230 people and 3,500 homes on the 22nd; the 1990s saw 2024 was \
                    the first week; Q3 results; 22, 23 and 24 May; 10/22/2024";
        let bytes = text.as_bytes();
        let tries = |word: &str| text.find(word).is_some_and(|at| worth_trying(bytes, at));
        let openers = [
            "the storm",
            "230 people",
            "3,500",
            "the 22nd",
            "1990s",
            "2024 was",
            "the first",
            "Q3",
            "22, 23",
            "10/22",
        ];
        assert_eq!(openers.map(tries), [false, false, false, true, true, true, true, true, true, true]);
        // The dates read are those every form tried at every word read (checked against the
        // scanner before this filter).
        let found: Vec<&str> = scan_dates_in(text, 0..text.len(), None)
            .iter()
            .map(|m| text.get(m.start..m.end).unwrap_or(""))
            .collect();
        assert_eq!(found, ["the 22nd", "the 1990s", "Q3", "24 May", "10/22/2024"]);
    }

    #[test]
    fn the_before_a_word_no_form_reads_starts_no_date() {
        // Every word the forms read, and some they do not, after "the" and before the words
        // that end the longest forms: wherever "the" is passed over, trying every form there
        // finds nothing either.
        let mut words: Vec<&str> = FOLLOWERS.iter().chain(STARTERS).chain(STRONG).copied().collect();
        words.extend([
            "band",
            "storm",
            "Next",
            "NEXT",
            "nextday",
            "days",
            "weekends",
            "tHe",
            "twentieth",
            "Friday",
        ]);
        let mut passed_over = 0;
        for word in words {
            for before in ["", "next ", "first ", "Last ", "fifth "] {
                for rest in ["", " of July 2025", " after tomorrow", " week"] {
                    for the in ["the", "THE"] {
                        let text = format!("on {the} {before}{word}{rest}.");
                        for today in
                            [None, Some(PartialDate { year: Some(2025), month: Some(6), day: Some(11) })]
                        {
                            let scanner = Scanner {
                                text: &text,
                                bytes: text.as_bytes(),
                                today: today.and_then(day_number),
                                last_run: std::cell::Cell::new(None),
                            };
                            if scanner.the_before_other_word(3) {
                                passed_over += 1;
                                assert_eq!(scanner.mention_by_every_form(3), Err(4), "{text}");
                            }
                        }
                    }
                }
            }
        }
        assert!(passed_over > 1000, "{passed_over}");
        let scanner = |text: &'static str| Scanner {
            text,
            bytes: text.as_bytes(),
            today: None,
            last_run: std::cell::Cell::new(None),
        };
        assert!(scanner("the next band").the_before_other_word(0));
        assert!(scanner("the first time").the_before_other_word(0));
        assert!(scanner("the storm").the_before_other_word(0));
        assert!(!scanner("the next day").the_before_other_word(0));
        assert!(!scanner("the first Friday").the_before_other_word(0));
        assert!(!scanner("the last week").the_before_other_word(0));
        assert!(!scanner("the first-quarter").the_before_other_word(0));
        assert!(!scanner("the next\u{a0}day").the_before_other_word(0));
        // The date starts after "the" here, where the scan goes next.
        assert!(scanner("the Second of May").the_before_other_word(0));
        let text = "on the Second of May";
        let found: Vec<&str> = scan_dates(text).iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(found, ["Second of May"]);
        assert!(!scanner("the 1990s").the_before_other_word(0));
        assert!(!scanner("theory of time").the_before_other_word(0));
    }

    fn date(year: Option<i32>, month: u8, day: Option<u8>) -> PartialDate {
        PartialDate { year, month: Some(month), day }
    }

    fn weekday_in(text: &str) -> Option<Option<u8>> {
        scan_dates(text).first().map(|m| m.weekday)
    }

    /// Asserts the mentions found in `text`: each as (exact span text, ISO value). The span must
    /// be the first occurrence of that text, which pins its start and end.
    fn check(text: &str, expected: &[(&str, &str)]) {
        let found = scan_dates(text);
        let got: Vec<(&str, String)> =
            found.iter().map(|m| (text.get(m.start..m.end).unwrap_or("<bad span>"), m.value.iso())).collect();
        let want: Vec<(&str, String)> = expected.iter().map(|(s, v)| (*s, (*v).to_string())).collect();
        assert_eq!(got, want, "in {text:?}");
        for (m, (span, _)) in found.iter().zip(expected) {
            let start = text.find(span).unwrap_or(usize::MAX);
            assert_eq!((m.start, m.end), (start, start + span.len()), "span of {span:?}");
        }
    }

    #[test]
    fn between_range_without_year_spans_the_opener() {
        let text =
            "The operation, conducted between November 10th and November 21st, involved 121 countries.";
        let span = "between November 10th and November 21st";
        check(text, &[(span, "--11-10/--11-21")]);
        let expected = DateMention {
            start: 25,
            end: 25 + span.len(),
            value: DateValue::Range { start: date(None, 11, Some(10)), end: date(None, 11, Some(21)) },
            weekday: None,
            relativity: Relativity::Absolute,
        };
        assert_eq!(scan_dates(text), vec![expected]);
    }

    #[test]
    fn from_range_with_trailing_year_applies_it_to_both_ends() {
        let text = "It was conducted from November 10 to November 21, 2025, under the lead of X.";
        check(text, &[("from November 10 to November 21, 2025", "2025-11-10/2025-11-21")]);
        let values: Vec<DateValue> = scan_dates(text).into_iter().map(|m| m.value).collect();
        let full =
            DateValue::Range { start: date(Some(2025), 11, Some(10)), end: date(Some(2025), 11, Some(21)) };
        assert_eq!(values, vec![full]);
    }

    #[test]
    fn single_dates() {
        check("on November 10 the", &[("November 10", "--11-10")]);
        check("on November 10th the", &[("November 10th", "--11-10")]);
        check("on Nov. 10 the", &[("Nov. 10", "--11-10")]);
        check("on Nov.10 the", &[("Nov.10", "--11-10")]);
        check("on 10 November the", &[("10 November", "--11-10")]);
        check("on 10th November the", &[("10th November", "--11-10")]);
        check("on the 10th of November.", &[("10th of November", "--11-10")]);
        check("on November 10, 2025, the", &[("November 10, 2025", "2025-11-10")]);
        check("on November 10th, 2025.", &[("November 10th, 2025", "2025-11-10")]);
        check("on 10 November 2025.", &[("10 November 2025", "2025-11-10")]);
        check("in November 2025 the", &[("November 2025", "2025-11")]);
        check("in mid-November 2025", &[("November 2025", "2025-11")]);
        check("on 2025-11-10 at", &[("2025-11-10", "2025-11-10")]);
        check("at 2025-11-10T09:00Z", &[("2025-11-10", "2025-11-10")]);
        check("on 2025/11/10 at", &[("2025/11/10", "2025-11-10")]);
        check("on 25/12/2025 and 12/25/2025", &[("25/12/2025", "2025-12-25"), ("12/25/2025", "2025-12-25")]);
        check("on 5/5/2025", &[("5/5/2025", "2025-05-05")]);
        check("Sept. 11 and May 5", &[("Sept. 11", "--09-11"), ("May 5", "--05-05")]);
        check("november 3 and NOVEMBER 4", &[("november 3", "--11-03"), ("NOVEMBER 4", "--11-04")]);
        check("On 29 February 2024", &[("29 February 2024", "2024-02-29")]);
        check("On 29 February", &[("29 February", "--02-29")]);
    }

    #[test]
    fn weekdays_are_read_and_spanned() {
        let text = "Monday, November 10, 2025";
        check(text, &[(text, "2025-11-10")]);
        assert_eq!(weekday_in(text), Some(Some(0)));
        let text = "Monday 10 November 2025";
        check(text, &[(text, "2025-11-10")]);
        assert_eq!(weekday_in(text), Some(Some(0)));
        let text = "It ended on Tuesday 4 March.";
        check(text, &[("Tuesday 4 March", "--03-04")]);
        assert_eq!(weekday_in(text), Some(Some(1)));
        let text = "on Sun., Nov. 9";
        check(text, &[("Sun., Nov. 9", "--11-09")]);
        assert_eq!(weekday_in(text), Some(Some(6)));
        // A weekday without a date is a relative mention (see below), and does not hide the date
        // after it.
        check("on Monday, November 10", &[("Monday, November 10", "--11-10")]);
    }

    #[test]
    fn ranges() {
        check("from November 10 to 21 the", &[("from November 10 to 21", "--11-10/--11-21")]);
        check("during November 10-21 the", &[("November 10-21", "--11-10/--11-21")]);
        check("during Nov. 10-21.", &[("Nov. 10-21", "--11-10/--11-21")]);
        check("during Nov. 10–21, 2025.", &[("Nov. 10–21, 2025", "2025-11-10/2025-11-21")]);
        check("during 10-21 November 2025.", &[("10-21 November 2025", "2025-11-10/2025-11-21")]);
        check("during 10 to 21 November.", &[("10 to 21 November", "--11-10/--11-21")]);
        check("held from 3 to 9 March 2025 in", &[("from 3 to 9 March 2025", "2025-03-03/2025-03-09")]);
        check("between 10 and 21 November", &[("between 10 and 21 November", "--11-10/--11-21")]);
        check(
            "from 28 December 2024 to 3 January 2025",
            &[("from 28 December 2024 to 3 January 2025", "2024-12-28/2025-01-03")],
        );
        check("December 28 to January 3", &[("December 28 to January 3", "--12-28/--01-03")]);
        check(
            "December 28 to January 3, 2025",
            &[("December 28 to January 3, 2025", "2024-12-28/2025-01-03")],
        );
        check("November 10 through November 21", &[("November 10 through November 21", "--11-10/--11-21")]);
        check(
            "on 10 November – 21 November 2025.",
            &[("10 November – 21 November 2025", "2025-11-10/2025-11-21")],
        );
        check("in March–April 2025 the", &[("March–April 2025", "2025-03/2025-04")]);
        check("from March to April", &[("from March to April", "--03/--04")]);
        check(
            "from Monday, November 10 to Friday, November 21",
            &[("from Monday, November 10 to Friday, November 21", "--11-10/--11-21")],
        );
        check(
            "between 2025-11-10 and 2025-11-21",
            &[("between 2025-11-10 and 2025-11-21", "2025-11-10/2025-11-21")],
        );
    }

    #[test]
    fn ranges_that_do_not_hold_fall_back_to_single_dates() {
        // Backwards days, a score, "and" without "between", "March–April" without a year.
        check("November 21-10", &[("November 21", "--11-21")]);
        check("November 10 and November 21", &[("November 10", "--11-10"), ("November 21", "--11-21")]);
        check("from November 10 onwards", &[("November 10", "--11-10")]);
        check("between 3 and 5 people", &[]);
        check("from 10 to 21", &[]);
    }

    #[test]
    fn non_dates() {
        check("throughout 2024 and 2025", &[]);
        check("The Mayor said", &[]);
        check("Marching on, a Decent man from Augusta", &[]);
        check("you may 5 times", &[]);
        check("we march 5 miles", &[]);
        check("10/11/2025 and 11/10/2025", &[]);
        check("February 30 and 30 February 2024 and 29 February 2025", &[]);
        check("2025-02-30 and 2025-13-01", &[]);
        check("a Mayday 5", &[]);
        check("Novembre 10 and Novemberé 10", &[]);
        check("Theresa May said; April Ryan asked; the Sunday Times; Black Friday", &[]);
        check("May the best team win. We sat by the sun", &[]);
        check("24/7 coverage, 1/4 of them, the first prize, the 27th floor", &[]);
        check("between 1000 and 2000 people, from 10 to 21, in 3 weeks", &[]);
        check("temperatures in the 70s, the fall of Rome, summer heat", &[]);
        check("In March first responders came", &[("March", "--03")]);
    }

    /// Bare months are dates since the conformance work (they were skipped before; these
    /// expectations changed deliberately).
    #[test]
    fn bare_months() {
        check("in November the", &[("November", "--11")]);
        check("In November 10,000 people", &[("November", "--11")]);
        check("In May 5.5% more", &[("May", "--05")]);
        check("## November\n\n10 people", &[("November", "--11")]);
        check("March–April", &[("March–April", "--03/--04")]);
        check("jan 5 and mar 3 and sept 9", &[("jan 5", "--01-05"), ("sept 9", "--09-09")]);
        check("out in Jan, back in September", &[("Jan", "--01"), ("September", "--09")]);
        check("the month of May and month of Jan", &[("the month of May", "--05"), ("month of Jan", "--01")]);
        check("Jan, 2001 and November , 2016", &[("Jan, 2001", "2001-01"), ("November , 2016", "2016-11")]);
        check("2016 November and 2016, nov", &[("2016 November", "2016-11"), ("2016, nov", "2016-11")]);
    }

    /// Asserts the mentions found in `text` read against `reference` (None: no article date):
    /// (span, ISO value, or "relative" for an unresolved mention).
    fn check_at(text: &str, reference: Option<&str>, expected: &[(&str, &str)]) {
        let reference = reference.and_then(parse_reference);
        let found = scan_dates_at(text, reference);
        let got: Vec<(&str, String)> = found
            .iter()
            .map(|m| {
                let value = match m.relativity {
                    Relativity::Unresolved => "relative".to_string(),
                    _ => m.value.iso(),
                };
                (text.get(m.start..m.end).unwrap_or("<bad span>"), value)
            })
            .collect();
        let want: Vec<(&str, String)> = expected.iter().map(|(s, v)| (*s, (*v).to_string())).collect();
        assert_eq!(got, want, "in {text:?} at {reference:?}");
    }

    #[test]
    fn more_written_forms() {
        check(
            "back jan-1, jan/1 and 1-jan, 28-nov",
            &[("jan-1", "--01-01"), ("jan/1", "--01-01"), ("1-jan", "--01-01"), ("28-nov", "--11-28")],
        );
        check("on october. 2 and october, 1st", &[("october. 2", "--10-02"), ("october, 1st", "--10-01")]);
        check(
            "january 12 of 2016; 26th june of 2020",
            &[("january 12 of 2016", "2016-01-12"), ("26th june of 2020", "2020-06-26")],
        );
        check(
            "21/04/16 and 9-18-15 and 13.5.2015",
            &[("21/04/16", "2016-04-21"), ("9-18-15", "2015-09-18"), ("13.5.2015", "2015-05-13")],
        );
        check(
            "2015.5.13, 2019-sep-1, 2019/sep/01",
            &[("2015.5.13", "2015-05-13"), ("2019-sep-1", "2019-09-01"), ("2019/sep/01", "2019-09-01")],
        );
        check(
            "on 4/22, on 22/04, on 4-22, on 4.22",
            &[("4/22", "--04-22"), ("22/04", "--04-22"), ("4-22", "--04-22"), ("4.22", "--04-22")],
        );
        check("at 4.22 and 4-22 people", &[]);
        check(
            "2016-11, 2015/3, 3/2015, 11 - 2016",
            &[("2016-11", "2016-11"), ("2015/3", "2015-03"), ("3/2015", "2015-03"), ("11 - 2016", "2016-11")],
        );
        check(
            "16. nov. 2016 and 5 december 1391",
            &[("16. nov. 2016", "2016-11-16"), ("5 december 1391", "1391-12-05")],
        );
        check(
            "jan first, second of aug, twenty second of june 2017, the thirty first of May",
            &[
                ("jan first", "--01-01"),
                ("second of aug", "--08-02"),
                ("twenty second of june 2017", "2017-06-22"),
                ("thirty first of May", "--05-31"),
            ],
        );
        check("November the 15th", &[("November the 15th", "--11-15")]);
        check(
            "on 15. For the 27th! on the second. on twenty second?",
            &[("15", "---15"), ("the 27th", "---27"), ("the second", "---02"), ("twenty second", "---22")],
        );
        check(
            "on saturday the second, wednesday the 27th",
            &[("saturday the second", "---02"), ("wednesday the 27th", "---27")],
        );
    }

    #[test]
    fn more_ranges() {
        check(
            "between November 15th through the 19th",
            &[("between November 15th through the 19th", "--11-15/--11-19")],
        );
        check("from 3 until 12 of Sept", &[("from 3 until 12 of Sept", "--09-03/--09-12")]);
        check("between 4-22 January, 2017", &[("between 4-22 January, 2017", "2017-01-04/2017-01-22")]);
        check("January 12, 2016 - 02/22/2016", &[("January 12, 2016 - 02/22/2016", "2016-01-12/2016-02-22")]);
        check("1st Jan until Wed, 22 of Jan", &[("1st Jan until Wed, 22 of Jan", "--01-01/--01-22")]);
        check(
            "between January 1st 2015 and Feb 2018",
            &[("between January 1st 2015 and Feb 2018", "2015-01-01/2018-02")],
        );
        check("between 2015 and Feb 2018", &[("between 2015 and Feb 2018", "2015/2018-02")]);
        check("from Feb 1st to March 2019", &[("from Feb 1st to March 2019", "2019-02-01/2019-03")]);
        check(
            "from Friday the 2nd until Tuesday the 6th",
            &[("from Friday the 2nd until Tuesday the 6th", "---02/---06")],
        );
        check(
            "the third quarter of 2016 and Q1 2020",
            &[("the third quarter of 2016", "2016-07/2016-09"), ("Q1 2020", "2020-01/2020-03")],
        );
        check(
            "in the 1970s, the 2000s and the '40s",
            &[("the 1970s", "1970/1979"), ("the 2000s", "2000/2009"), ("the '40s", "1940/1949")],
        );
        check(
            "summer 2016, summer of 2016, the winter, end of March, mid March",
            &[
                ("summer 2016", "2016-06/2016-08"),
                ("summer of 2016", "2016-06/2016-08"),
                ("the winter", "--12/--02"),
                ("end of March", "--03-16/--03-31"),
                ("mid March", "--03-11/--03-20"),
            ],
        );
        check_at(
            "the week commencing february 4; w/c feb 4",
            None,
            &[("the week commencing february 4", "relative"), ("w/c feb 4", "relative")],
        );
    }

    #[test]
    fn relative_days_against_the_article_date() {
        // 2016-11-07 is a Monday.
        let at = Some("2016-11-07T00:00:00");
        check_at(
            "today, tomorrow, yesterday",
            at,
            &[("today", "2016-11-07"), ("tomorrow", "2016-11-08"), ("yesterday", "2016-11-06")],
        );
        check_at(
            "the day before yesterday; the day after tomorrow",
            at,
            &[("the day before yesterday", "2016-11-05"), ("the day after tomorrow", "2016-11-09")],
        );
        check_at(
            "this friday, next sunday, last sunday, past monday",
            at,
            &[
                ("this friday", "2016-11-11"),
                ("next sunday", "2016-11-20"),
                ("last sunday", "2016-11-06"),
                ("past monday", "2016-10-31"),
            ],
        );
        check_at(
            "next week on friday; this week friday; tuesday of next week",
            at,
            &[
                ("next week on friday", "2016-11-18"),
                ("this week friday", "2016-11-11"),
                ("tuesday of next week", "2016-11-15"),
            ],
        );
        // A weekday alone is the latest such day on or before the article date.
        check_at("on Friday and on Monday", at, &[("Friday", "2016-11-04"), ("Monday", "2016-11-07")]);
        check_at(
            "two weeks from now; a month ago; 3 days after tomorrow",
            at,
            &[
                ("two weeks from now", "2016-11-21"),
                ("a month ago", "2016-10-07"),
                ("3 days after tomorrow", "2016-11-11"),
            ],
        );
        check_at(
            "two sundays from now; 2 years 1 month 21 days ago",
            at,
            &[("two sundays from now", "2016-11-20"), ("2 years 1 month 21 days ago", "2014-09-16")],
        );
        check_at(
            "the first friday of july; the 20th of next month; 31st of this month",
            at,
            &[
                ("the first friday of july", "2016-07-01"),
                ("the 20th of next month", "2016-12-20"),
                // 31 November does not exist: only "this month" is read.
                ("this month", "2016-11"),
            ],
        );
        check_at("this friday (jun-15)", Some("2018-06-14"), &[("this friday (jun-15)", "2018-06-15")]);
        check_at("on friday 7/6 with Jim", Some("2018-07-06"), &[("friday 7/6", "2018-07-06")]);
        // Anchored in the story, never read against the article date.
        check_at(
            "two days later; the next day",
            at,
            &[("two days later", "relative"), ("the next day", "relative")],
        );
    }

    #[test]
    fn relative_periods_against_the_article_date() {
        let at = Some("2016-11-07");
        check_at(
            "this week, next month, last year",
            at,
            &[("this week", "2016-11-07/2016-11-13"), ("next month", "2016-12"), ("last year", "2015")],
        );
        check_at(
            "this Jan, next june, last sept, june next year",
            at,
            &[
                ("this Jan", "2016-01"),
                ("next june", "2017-06"),
                ("last sept", "2015-09"),
                ("june next year", "2017-06"),
            ],
        );
        check_at(
            "next 3 days; past 3 weeks; last 3year; next 3 months",
            at,
            &[
                ("next 3 days", "2016-11-08/2016-11-10"),
                ("past 3 weeks", "2016-10-17/2016-11-06"),
                ("last 3year", "2013-11-07/2016-11-06"),
                ("next 3 months", "2016-11-08/2017-02-07"),
            ],
        );
        check_at(
            "this weekend; rest of the month; year to date",
            at,
            &[
                ("this weekend", "2016-11-12/2016-11-13"),
                ("rest of the month", "2016-11-07/2016-11-30"),
                ("year to date", "2016-01-01/2016-11-07"),
            ],
        );
        check_at(
            "early next week; late this month; early next year",
            at,
            &[
                ("early next week", "2016-11-14/2016-11-16"),
                ("late this month", "2016-11-16/2016-11-30"),
                ("early next year", "2017-01/2017-06"),
            ],
        );
        check_at(
            "the third quarter this year; next year's fourth-quarter; this summer",
            at,
            &[
                ("the third quarter this year", "2016-07/2016-09"),
                ("next year's fourth-quarter", "2017-10/2017-12"),
                ("this summer", "2016-06/2016-08"),
            ],
        );
        check_at(
            "week 10; the third week of this month; the last week of july",
            at,
            &[
                ("week 10", "2016-03-07/2016-03-13"),
                ("the third week of this month", "2016-11-15/2016-11-21"),
                ("the last week of july", "2016-07-25/2016-07-31"),
            ],
        );
        check_at(
            "next week between Wednesday and Friday",
            at,
            &[("next week between Wednesday and Friday", "2016-11-16/2016-11-18")],
        );
        check_at(
            "from 4 to 22 this month; 4 to 23 next month",
            at,
            &[
                ("from 4 to 22 this month", "2016-11-04/2016-11-22"),
                ("4 to 23 next month", "2016-12-04/2016-12-23"),
            ],
        );
        check_at(
            "between now and November 15th; from today till tomorrow",
            at,
            &[
                ("between now and November 15th", "2016-11-07/2016-11-15"),
                ("from today till tomorrow", "2016-11-07/2016-11-08"),
            ],
        );
        check_at(
            "the week of November 30th, the week starting on february 4",
            at,
            &[
                ("the week of November 30th", "2016-11-28/2016-12-04"),
                ("the week starting on february 4", "2016-02-04/2016-02-10"),
            ],
        );
        check_at(
            "over the weekend, the past few weeks",
            at,
            &[("the weekend", "2016-11-05/2016-11-06"), ("past few weeks", "relative")],
        );
    }

    #[test]
    fn relative_expressions_without_an_article_date_are_unresolved() {
        check_at(
            "next Tuesday, last year, today till tomorrow, the first Friday of July",
            None,
            &[
                ("next Tuesday", "relative"),
                ("last year", "relative"),
                ("today till tomorrow", "relative"),
                ("the first Friday of July", "relative"),
            ],
        );
        check_at("on Monday the court; on Monday", None, &[("Monday", "relative"), ("Monday", "relative")]);
        assert_eq!(parse_reference("2025-11-22T08:00:00Z"), Some(date(Some(2025), 11, Some(22))));
        assert_eq!(parse_reference("2025-02-30"), None);
        assert_eq!(parse_reference("Nov 22"), None);
        assert_eq!(parse_reference("2025-11-221"), None);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "",
            "Nov.",
            "November",
            "November 99",
            "10-",
            "–",
            "—–-",
            "Nov. 10–",
            "between",
            "from ",
            "31",
            "May 5th",
            "2025-",
            "2025-11-",
            "1/",
            "Monday,",
            "😀 November 😀 10 😀",
            "Nove\u{301}mber 10",
            "November\u{301} 10",
            "e\u{301} 10 November",
            "10\u{301} November",
        ] {
            let found = scan_dates(text);
            for m in &found {
                assert!(text.get(m.start..m.end).is_some(), "{text:?}");
            }
        }
        assert!(scan_dates("November\u{301} 10").is_empty());
        check("😀 November 10 😀", &[("November 10", "--11-10")]);
        let many = "May ".repeat(10_000);
        assert!(scan_dates(&many).is_empty());
        let many = "May 5 ".repeat(10_000);
        assert_eq!(scan_dates(&many).len(), 10_000);
        let many = "1-".repeat(10_000);
        assert!(scan_dates(&many).is_empty());
    }

    #[test]
    fn year_filling() {
        let crossing = DateValue::Range { start: date(None, 12, Some(28)), end: date(None, 1, Some(3)) };
        assert_eq!(with_year(crossing, 2024).iso(), "2024-12-28/2025-01-03");
        let plain = DateValue::Range { start: date(None, 11, Some(10)), end: date(None, 11, Some(21)) };
        assert_eq!(with_year(plain, 2025).iso(), "2025-11-10/2025-11-21");
        assert_eq!(with_year(DateValue::Single(date(None, 11, Some(10))), 2025).iso(), "2025-11-10");
        let known = DateValue::Single(date(Some(2024), 11, Some(10)));
        assert_eq!(with_year(known, 2025), known);
        assert!(!with_year(crossing, i32::MAX).iso().is_empty());
    }

    #[test]
    fn lacks_year_is_whether_filling_changes_the_date() {
        let mut parts = Vec::new();
        for year in [None, Some(2024)] {
            for month in [None, Some(1), Some(12)] {
                for day in [None, Some(3)] {
                    parts.push(PartialDate { year, month, day });
                }
            }
        }
        let mut values: Vec<DateValue> = parts.iter().map(|&d| DateValue::Single(d)).collect();
        for &start in &parts {
            for &end in &parts {
                values.push(DateValue::Range { start, end });
            }
        }
        assert_eq!(values.len(), 156);
        let mut lacking = 0;
        for value in values {
            assert_eq!(lacks_year(value), with_year(value, 2030) != value, "{value:?}");
            lacking += usize::from(lacks_year(value));
        }
        // A single date lacks one with a month and no year: 4 of the 12. A range lacks one
        // unless neither end does: 144 - 8 * 8.
        assert_eq!(lacking, 4 + 80);
    }

    #[test]
    fn calendar() {
        assert_eq!(weekday_of(date(Some(2025), 11, Some(10))), Some(0));
        assert_eq!(weekday_of(date(Some(1970), 1, Some(1))), Some(3));
        assert_eq!(weekday_of(date(Some(2000), 2, Some(29))), Some(1));
        assert_eq!(weekday_of(date(Some(2024), 12, Some(31))), Some(1));
        assert_eq!(weekday_of(date(None, 11, Some(10))), None);
        assert_eq!(weekday_of(date(Some(2025), 2, Some(29))), None);
        assert!(weekday_of(date(Some(i32::MIN), 1, Some(1))).is_some());
        assert!(is_valid(date(Some(2024), 2, Some(29))));
        assert!(!is_valid(date(Some(2025), 2, Some(29))));
        assert!(!is_valid(date(Some(1900), 2, Some(29))));
        assert!(is_valid(date(Some(2000), 2, Some(29))));
        assert!(!is_valid(date(Some(2025), 4, Some(31))));
        assert!(!is_valid(date(Some(2025), 13, Some(1))));
        assert!(!is_valid(date(Some(2025), 11, None)));
        assert!(!is_valid(date(Some(2025), 1, Some(0))));
    }
}
