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
pub(super) struct Starts {
    /// Where the figure scanner does something: a digit, a sign or other punctuation that may
    /// open a figure, a number word ("seven", "a dozen"), "percent" or a currency word.
    pub(super) figures: Vec<u32>,
    /// Where the date scanner tries its forms: a word that starts with a digit, or one of
    /// [`date::STARTERS`].
    pub(super) dates: Vec<u32>,
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

    fn opening(self) -> Option<number::Opening> {
        if self.0 & Self::OPENS_NUMBER != 0 {
            Some(number::Opening::Begins)
        } else if self.0 & Self::BEFORE_NUMBER != 0 {
            Some(number::Opening::BeforeNumber)
        } else {
            None
        }
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
        for word in number::PERCENT_LEADS {
            *bits.entry(word).or_default() |= Class::PERCENT;
        }
        for word in date::STARTERS {
            *bits.entry(word).or_default() |= Class::DATE_STARTER;
        }
        WordTable::new(bits.into_iter().map(|(word, b)| (word, Class(b))).collect::<Vec<_>>().into_iter())
    })
}

/// Number words are at most 11 letters long: a longer run of letters opens none, whatever the
/// table says (the figure scanner reads no further).
const LONGEST_NUMBER_WORD: usize = 11;

impl Starts {
    /// The places in `range` of `text`; `None` when the text is too long for the offsets to
    /// fit in 32 bits, and the scanners then walk the text themselves.
    pub(super) fn find(text: &str, range: Range<usize>) -> Option<Starts> {
        u32::try_from(text.len()).ok()?;
        let bytes = text.as_bytes();
        let end = range.end.min(bytes.len());
        let mut figures = Vec::with_capacity((end.saturating_sub(range.start)) / 32);
        let mut dates = Vec::with_capacity((end.saturating_sub(range.start)) / 64);
        let table = class_table();
        let mut p = range.start;
        // A range that starts inside a word: the scanners read the rest of that word themselves.
        if number::inside_word(bytes, p) {
            p += run_length(bytes, p);
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
                dates.push(offset(p));
                p += run_length(bytes, p);
            } else if b.is_ascii_alphabetic() {
                let Some((key, len)) = crate::text::letters_key(bytes.get(p..).unwrap_or_default(), 16)
                else {
                    // More than 16 letters: no word of the table, and no currency word.
                    let word = number::WordLookup { letters: 17, ..number::WordLookup::default() };
                    if number::figure_may_start(text, p, word) {
                        figures.push(offset(p));
                    }
                    p += run_length(bytes, p);
                    continue;
                };
                let class = table.get_key(u128::from_be_bytes(key)).unwrap_or(Class(0));
                let word = number::WordLookup {
                    opening: class.opening().filter(|_| len <= LONGEST_NUMBER_WORD),
                    percent: class.0 & Class::PERCENT != 0,
                    letters: len,
                };
                if number::figure_may_start(text, p, word) {
                    figures.push(offset(p));
                }
                if class.0 & Class::DATE_STARTER != 0 {
                    dates.push(offset(p));
                }
                // The letters are read; digits may follow them ("Q3").
                p += len;
                if bytes.get(p).is_some_and(u8::is_ascii_digit) {
                    p += run_length(bytes, p);
                }
            } else {
                if number::figure_may_start(text, p, number::WordLookup::default()) {
                    figures.push(offset(p));
                }
                p += 1;
            }
        }
        Some(Starts { figures, dates })
    }
}

/// Length of the run of ASCII letters and digits at `p` (at least one byte).
fn run_length(bytes: &[u8], p: usize) -> usize {
    bytes.get(p..).map_or(1, |rest| rest.iter().take_while(|b| b.is_ascii_alphanumeric()).count().max(1))
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
        "Incomprehensibilities2 5, internationalization 7 and counterrevolutionaries a dozen, abcdefghijklmnop3",
    ];

    fn same_findings(text: &str, within: Range<usize>) {
        let starts = Starts::find(text, within.clone()).unwrap();
        let figures = number::scan_quantities_listed(text, within.clone(), Some(&starts.figures));
        assert_eq!(
            figures,
            number::scan_quantities_in(text, within.clone()),
            "figures in {text:?} {within:?}"
        );
        let dates = date::scan_dates_listed(text, within.clone(), None, Some(&starts.dates));
        assert_eq!(dates, date::scan_dates_in(text, within.clone(), None), "dates in {text:?} {within:?}");
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
    fn only_the_places_where_something_may_start_are_listed() {
        let text = "The storm killed 12 people in March, a dozen more on Friday.";
        let starts = Starts::find(text, 0..text.len()).unwrap();
        let at = |list: &[u32]| {
            list.iter()
                .map(|&p| &text[p as usize..])
                .map(|t| t.split(' ').next().unwrap())
                .collect::<Vec<_>>()
        };
        // "a" before "dozen"; the full stop might open ".5".
        assert_eq!(at(&starts.figures), ["12", "a", "."]);
        assert_eq!(at(&starts.dates), ["The", "12", "March,", "a", "Friday."]);
    }

    #[test]
    fn a_range_inside_a_word_starts_listing_after_it() {
        let text = "COVID19 and 5 more";
        let starts = Starts::find(text, 3..text.len()).unwrap();
        assert_eq!(starts.figures, [12]);
        assert_eq!(starts.dates, [12]);
    }
}
