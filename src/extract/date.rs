//! Dates and date ranges in English text: "Monday, November 10, 2025", "10th of November",
//! "Nov. 10-21", "from 3 to 9 March 2025", "between November 10th and November 21st", ISO and
//! unambiguous numeric dates.
//!
//! The scanner makes one left-to-right pass. Only an ASCII letter or digit that starts a word can
//! start a mention, and from there a small hand-written recursive-descent parser reads a bounded
//! number of tokens (weekday, month, day, year, separator), working on byte offsets with checked
//! access so that no input can make it panic. There is no regex: the grammar is small, its case
//! rules ("May" is a month, "may" is a verb) are awkward to say in a regex, and every failed attempt
//! costs a few byte comparisons. Years missing from the text stay `None`; callers fill them from the
//! article with [`with_year`].

use unicode_normalization::char::is_combining_mark;

use crate::claim::{DateValue, PartialDate};

/// One date or date range found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    /// Byte offset where the mention starts in `text`.
    pub start: usize,
    /// Byte offset just past the mention.
    pub end: usize,
    /// The value as written (year `None` when the text gives none).
    pub value: DateValue,
    /// Weekday named in the text ("Monday, 3 March 2025"), 0 = Monday .. 6 = Sunday.
    /// For a range, the weekday named with its first end.
    pub weekday: Option<u8>,
}

/// Finds every date and date range in `text`, in order, non-overlapping.
///
/// A bare year ("in 2025") and a bare month ("in November") are not mentions; a month with a day
/// or a year is. Ambiguous numeric dates ("10/11/2025") are skipped.
pub fn scan_dates(text: &str) -> Vec<DateMention> {
    let scanner = Scanner { text, bytes: text.as_bytes() };
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(&b) = scanner.bytes.get(i) {
        if !b.is_ascii_alphanumeric() || !scanner.at_word_start(i) {
            i += 1;
            continue;
        }
        let attempt = if !b.is_ascii_digit() || scanner.number_may_start(i) {
            scanner.mention_at(i)
        } else {
            Err(i + 1)
        };
        match attempt {
            Ok(mention) => {
                i = mention.end.max(i + 1);
                found.push(mention);
                continue;
            }
            Err(resume) => i = resume.max(i + 1),
        }
        // No mention starts inside a word or number, so skip the rest of it.
        while scanner.bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
            i += 1;
        }
    }
    found
}

/// Fills a missing year: returns `value` with every end whose year is None given `year`.
/// For a range whose end month is earlier than its start month ("December 28 to January 3"),
/// the end gets `year + 1`.
pub fn with_year(value: DateValue, year: i32) -> DateValue {
    match value {
        DateValue::Single(d) => DateValue::Single(PartialDate { year: d.year.or(Some(year)), ..d }),
        DateValue::Range { start, end } => {
            let crosses = matches!((start.month, end.month), (Some(a), Some(b)) if b < a);
            let end_year = if crosses { year.saturating_add(1) } else { year };
            DateValue::Range {
                start: PartialDate { year: start.year.or(Some(year)), ..start },
                end: PartialDate { year: end.year.or(Some(end_year)), ..end },
            }
        }
    }
}

/// The day of the week of a full date, 0 = Monday .. 6 = Sunday; None if the date is not complete or invalid.
pub fn weekday_of(date: PartialDate) -> Option<u8> {
    if !is_valid(date) {
        return None;
    }
    let (y, m, d) = (i64::from(date.year?), i64::from(date.month?), i64::from(date.day?));
    // Days since 1970-01-01 (a Thursday), after Howard Hinnant's `days_from_civil`.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    u8::try_from((days + 3).rem_euclid(7)).ok()
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
/// (some year has it); without a day, any month is.
fn fits(date: PartialDate) -> bool {
    match (date.year, date.month, date.day) {
        (Some(_), Some(_), Some(_)) => is_valid(date),
        (None, Some(m), Some(d)) => (1..=days_in_month(m, 2024)).contains(&d),
        (_, Some(m), None) => (1..=12).contains(&m),
        _ => false,
    }
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

/// Full month names that are also ordinary lowercase words, so they need a capital.
const WORDLIKE_MONTHS: &[&str] = &["may", "march", "august"];

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

/// Words that join the two ends of a range introduced by "from" or by nothing.
const RANGE_WORDS: &[&str] = &["to", "through", "thru", "until", "till"];

/// The word that opens a range; it decides which separators may follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opener {
    From,
    Between,
}

/// One end of a date or range as written: a date, a bare day ("10" in "10-21 November") or a bare
/// month ("March" in "March–April 2025").
#[derive(Debug, Clone, Copy)]
struct Piece {
    end: usize,
    date: PartialDate,
    weekday: Option<u8>,
}

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
    c.is_alphanumeric() || is_combining_mark(c)
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}')
}

/// Checked-access parser over one text; every method takes a byte offset and returns the offset
/// past what it read, or `None` without consuming anything.
struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
}

impl<'a> Scanner<'a> {
    fn prev_char(&self, p: usize) -> Option<char> {
        self.text.get(..p)?.chars().next_back()
    }

    fn next_char(&self, p: usize) -> Option<char> {
        self.text.get(p..)?.chars().next()
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

    /// A name from `table`, with the dot of an abbreviation; returns its number and end.
    fn name(&self, p: usize, table: &[(&str, u8, bool)], wordlike: &[&str]) -> Option<(u8, usize)> {
        let (w, e) = self.word(p)?;
        let &(name, number, abbrev) = table.iter().find(|(n, _, _)| w.eq_ignore_ascii_case(n.as_bytes()))?;
        // Abbreviations ("mar", "jan", "sun") are ordinary words in lowercase.
        if !case_ok(w, abbrev || wordlike.contains(&name)) {
            return None;
        }
        let e = if abbrev && self.bytes.get(e) == Some(&b'.') { e + 1 } else { e };
        Some((number, e))
    }

    fn month(&self, p: usize) -> Option<(u8, usize)> {
        self.name(p, MONTHS, WORDLIKE_MONTHS)
    }

    fn weekday(&self, p: usize) -> Option<(u8, usize)> {
        self.name(p, WEEKDAYS, &[])
    }

    /// A keyword in any sensible case.
    fn keyword(&self, p: usize, words: &[&str]) -> Option<(&'a [u8], usize)> {
        let (w, e) = self.word(p)?;
        case_ok(w, false).then_some(())?;
        words.iter().any(|k| w.eq_ignore_ascii_case(k.as_bytes())).then_some((w, e))
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

    /// A four-digit year, 1000–2999 (smaller or larger four-digit numbers are rarely years).
    fn year(&self, p: usize) -> Option<(i32, usize)> {
        let (value, e, count) = self.digits(p)?;
        let ok =
            count == 4 && (1000..=2999).contains(&value) && self.at_word_end(e) && !self.number_continues(e);
        ok.then_some(())?;
        Some((i32::try_from(value).ok()?, e))
    }

    /// A year after a day or month: "November 10, 2025", "10 November 2025".
    fn year_after(&self, p: usize) -> Option<(i32, usize)> {
        let q = if self.bytes.get(p) == Some(&b',') { p + 1 } else { p };
        self.year(self.ws(q)?)
    }

    /// One end of a date, with an optional weekday in front.
    fn piece(&self, p: usize) -> Option<Piece> {
        let Some((weekday, e)) = self.weekday(p) else {
            return self.core(p);
        };
        let q = if self.bytes.get(e) == Some(&b',') { e + 1 } else { e };
        let core = self.core(self.ws(q)?)?;
        // A weekday goes with a day ("Monday 10"), never with a bare month or year.
        core.date.day?;
        Some(Piece { weekday: Some(weekday), ..core })
    }

    fn core(&self, p: usize) -> Option<Piece> {
        let b = *self.bytes.get(p)?;
        if b.is_ascii_digit() {
            self.iso(p).or_else(|| self.slashed(p)).or_else(|| self.day_first(p))
        } else {
            self.month_first(p)
        }
    }

    fn piece_of(end: usize, year: Option<i32>, month: Option<u8>, day: Option<u8>) -> Piece {
        Piece { end, date: PartialDate { year, month, day }, weekday: None }
    }

    /// "2025-11-10", "2025/11/10", and "2025-11-10T09:00" (the time is left out of the span).
    fn iso(&self, p: usize) -> Option<Piece> {
        let (y, e1, c1) = self.digits(p)?;
        let sep = *self.bytes.get(e1).filter(|&&b| b == b'-' || b == b'/')?;
        let (m, e2, c2) = self.digits(e1 + 1)?;
        (self.bytes.get(e2) == Some(&sep)).then_some(())?;
        let (d, e3, c3) = self.digits(e2 + 1)?;
        let shape_ok =
            c1 == 4 && (1..=2).contains(&c2) && (1..=2).contains(&c3) && (1000..=2999).contains(&y);
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
        is_valid(date).then_some(Piece { end: e3, date, weekday: None })
    }

    /// "25/12/2025" or "12/25/2025": only when the order cannot be mistaken.
    fn slashed(&self, p: usize) -> Option<Piece> {
        let (a, e1, c1) = self.digits(p)?;
        (self.bytes.get(e1) == Some(&b'/')).then_some(())?;
        let (b, e2, c2) = self.digits(e1 + 1)?;
        (self.bytes.get(e2) == Some(&b'/')).then_some(())?;
        let (y, e3, c3) = self.digits(e2 + 1)?;
        let shape_ok = c1 <= 2 && c2 <= 2 && c3 == 4 && (1000..=2999).contains(&y);
        (shape_ok && self.at_word_end(e3) && !self.number_continues(e3)).then_some(())?;
        let (month, day) = if a == b || (b > 12 && a <= 12) {
            (a, b)
        } else if a > 12 && b <= 12 {
            (b, a)
        } else {
            // Both could be the month: 10/11/2025 is 10 November in Lyon and October 11 in Boston.
            return None;
        };
        let date = PartialDate {
            year: i32::try_from(y).ok(),
            month: u8::try_from(month).ok(),
            day: u8::try_from(day).ok(),
        };
        is_valid(date).then_some(Piece { end: e3, date, weekday: None })
    }

    /// "10 November 2025", "10th of November", or a bare day ("10" in "10-21 November").
    fn day_first(&self, p: usize) -> Option<Piece> {
        let (day, e) = self.day(p)?;
        let month = self.ws(e).and_then(|q| {
            self.month(q).or_else(|| {
                let (_, of_end) = self.keyword(q, &["of"])?;
                self.month(self.ws(of_end)?)
            })
        });
        let (month, end) = match month {
            Some((m, me)) => (Some(m), me),
            None => (None, e),
        };
        Some(match self.year_after(end) {
            Some((y, ye)) => Self::piece_of(ye, Some(y), month, Some(day)),
            None => Self::piece_of(end, None, month, Some(day)),
        })
    }

    /// "November 10, 2025", "Nov. 10th", "November 2025", or a bare month.
    fn month_first(&self, p: usize) -> Option<Piece> {
        let (month, e) = self.month(p)?;
        // After "Nov." the space is optional ("Nov.10"); after a full word it is not.
        let after_dot = self.bytes.get(e.wrapping_sub(1)) == Some(&b'.');
        let gap = if after_dot { self.ws_run(e) } else { self.ws(e) };
        if let Some((day, de)) = gap.and_then(|q| self.day(q)) {
            return Some(match self.year_after(de) {
                Some((y, ye)) => Self::piece_of(ye, Some(y), Some(month), Some(day)),
                None => Self::piece_of(de, None, Some(month), Some(day)),
            });
        }
        if let Some((y, ye)) = gap.and_then(|q| self.year(q)) {
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
        let words: &[&str] = if opener == Some(Opener::Between) { &["and"] } else { RANGE_WORDS };
        let (_, e) = self.keyword(self.ws(p)?, words)?;
        self.ws(e)
    }

    /// A date or range starting at `p`, which starts a word; on failure, where to look next.
    fn mention_at(&self, p: usize) -> Result<DateMention, usize> {
        if let Some((w, e)) = self.keyword(p, &["from", "between"]) {
            let opener = if w.eq_ignore_ascii_case(b"from") { Opener::From } else { Opener::Between };
            let left = self.ws(e).and_then(|q| self.piece(q));
            let range = left.and_then(|l| Some((l, self.range_rest(l, Some(opener))?)));
            // Without a range, a date may still start after the opener ("from November 10 on").
            let (left, (value, end)) = range.ok_or(e)?;
            return Ok(DateMention { start: p, end, value, weekday: left.weekday });
        }
        let left = self.piece(p).ok_or(p + 1)?;
        if let Some((value, end)) = self.range_rest(left, None) {
            return Ok(DateMention { start: p, end, value, weekday: left.weekday });
        }
        let d = left.date;
        if d.month.is_some() && (d.day.is_some() || d.year.is_some()) {
            // An impossible date ("30 February 2024") is skipped whole, not reread as "February 2024".
            return if fits(d) {
                Ok(DateMention {
                    start: p,
                    end: left.end,
                    value: DateValue::Single(d),
                    weekday: left.weekday,
                })
            } else {
                Err(left.end)
            };
        }
        // A bare day or a bare month is not a date on its own.
        Err(p + 1)
    }

    /// The separator and second end of a range whose first end is `left`.
    fn range_rest(&self, left: Piece, opener: Option<Opener>) -> Option<(DateValue, usize)> {
        let q = self.separator(left.end, opener)?;
        let right = self.piece(q)?;
        let value = combine(left.date, right.date, opener.is_some())?;
        Some((value, right.end))
    }
}

/// Joins two ends into a range: a bare day takes the other end's month ("10-21 November",
/// "November 10-21"), a year written on one end applies to both, and the range must be valid and
/// run forward.
fn combine(mut a: PartialDate, mut b: PartialDate, has_opener: bool) -> Option<DateValue> {
    match (a.month, b.month) {
        (Some(_), Some(_)) => {}
        (Some(m), None) => {
            // "November 10-21": both ends need a day, and a year can only come at the very end.
            a.day?;
            a.year.is_none().then_some(())?;
            b.month = Some(m);
        }
        (None, Some(m)) => {
            // "10-21 November 2025": the first end is a bare day.
            b.day?;
            a.year.is_none().then_some(())?;
            a.month = Some(m);
            a.year = b.year;
        }
        (None, None) => return None,
    }
    if a.day.is_some() != b.day.is_some() {
        return None;
    }
    // "March–April" alone is too weak a signal; "March–April 2025" or "from March to April" is not.
    if a.day.is_none() && a.year.is_none() && b.year.is_none() && !has_opener {
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
        // A weekday without a date is not a mention, and does not hide the date after it.
        check("on Monday the court; on Monday", &[]);
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
        check("March–April", &[]);
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
        check("in November the", &[]);
        check("10/11/2025 and 11/10/2025", &[]);
        check("November 99 and November 32", &[]);
        check("February 30 and 30 February 2024 and 29 February 2025", &[]);
        check("2025-02-30 and 2025-13-01", &[]);
        check("In November 10,000 people", &[]);
        check("In May 5.5% more", &[]);
        check("a Mayday 5", &[]);
        check("jan 5 and mar 3 and sept 9", &[]);
        check("Novembre 10 and Novemberé 10", &[]);
        check("## November\n\n10 people", &[]);
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
