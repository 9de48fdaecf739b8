//! Figures in running text: counts, money and percentages, with the words that qualify them.
//!
//! The scanner walks the text once, left to right, and stops only where a figure can start: a
//! digit, a minus sign, a currency sign or code, or a number word. The extractor hands it those
//! places, listed in the one reading of each word it shares with the date scanner
//! (`super::starts`); on its own it finds them itself. From there a small hand-written parser reads the figure forward (digits with thousands
//! separators, scale words, number words, currency and percent) and then looks *backwards* a few
//! words for a qualifier ("more than", "nearly"). Looking back from the few figures is much cheaper
//! than trying every qualifier at every word. A hand-written scanner rather than regular
//! expressions keeps the crate free of a regex dependency, keeps the cost linear, and lets every
//! rejection ("21st", "10:30", "COVID19", "in 2019", "555-1234") be an explicit rule with its reason
//! next to it.
//!
//! Every figure becomes a [`Quantity`] with two intervals: `logical`, what the words strictly say,
//! and `approx`, what a reporter customarily means, where a round figure stands for everything that
//! rounds to it. The rounding step comes from the figure's trailing zeros, so "3,700" covers
//! [3650, 3750] while "3,744" and small figures such as "20" stay exact.

use crate::claim::{Interval, Kind, Qualifier, Quantity};
use crate::text::ascii_lowercase_into;

/// One figure found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct QuantityMention {
    /// Byte offset in `text` where the mention starts (qualifier included).
    pub start: usize,
    /// Byte offset just past the mention (currency word / % / scale word included, counted noun NOT
    /// included).
    pub end: usize,
    /// Count, Money or Percent.
    pub kind: Kind,
    /// The value.
    pub value: Quantity,
}

/// Finds every quantity in `text`, in order of position, non-overlapping.
///
/// Years written as bare four-digit numbers, ordinals, times, version strings, phone numbers and
/// digits glued to letters are not quantities and are skipped. Never panics, whatever the input.
pub fn scan_quantities(text: &str) -> Vec<QuantityMention> {
    scan_quantities_in(text, 0..text.len())
}

/// Like [`scan_quantities`], for the quantities that start in `within` (a range of `text`):
/// reading stops there, but a figure may end past it and its qualifier be read before it.
pub fn scan_quantities_in(text: &str, within: std::ops::Range<usize>) -> Vec<QuantityMention> {
    scan_quantities_listed(text, within, None)
}

/// Where the figure scanner looks, as [`super::starts::Starts`] lists them for a range: sorted
/// offsets.
#[derive(Clone, Copy)]
pub(super) struct Places<'a> {
    /// Where a figure may start; everything else is a plain word, a space or punctuation that
    /// starts nothing.
    pub(super) figures: &'a [u32],
    /// Where a percentage named without a figure may start ([`add_unstated_percents`]): every
    /// "%" and every word that is "per", "percent" or "percentage" in any case.
    pub(super) percents: &'a [u32],
}

/// [`scan_quantities_in`], visiting only the places `listed` names (for a range holding
/// `within`) instead of every byte.
pub(super) fn scan_quantities_listed(
    text: &str,
    within: std::ops::Range<usize>,
    places: Option<Places<'_>>,
) -> Vec<QuantityMention> {
    // News text has a figure every few hundred bytes: room for most ranges' at once.
    let mut out = Vec::with_capacity(within.len() / 256 + 4);
    scan_quantities_into(text, within, places, &mut out);
    out
}

/// [`scan_quantities_listed`] into `out`, which it empties first: the extractor hands in the
/// same vector for every text a thread reads, so that its room is allocated once.
pub(super) fn scan_quantities_into(
    text: &str,
    within: std::ops::Range<usize>,
    places: Option<Places<'_>>,
    out: &mut Vec<QuantityMention>,
) {
    out.clear();
    let listed = places.map(|p| p.figures);
    let bytes = text.as_bytes();
    // Nothing before `floor` may be reused: a qualifier must not reach into the previous mention.
    let mut floor = within.start;
    let mut i = within.start;
    let mut cursor = listed.map_or(0, |l| l.partition_point(|&s| (s as usize) < i));
    loop {
        if let Some(listed) = listed {
            // Between words the walk goes to the next listed place at once; inside a word (a
            // figure read up to the middle of one) it reads on as below.
            if !inside_word(bytes, i) {
                while listed.get(cursor).is_some_and(|&s| (s as usize) < i) {
                    cursor += 1;
                }
                i = listed.get(cursor).map_or(within.end, |&s| s as usize);
            }
        }
        let Some(&b) = bytes.get(i).filter(|_| i < within.end) else { break };
        // A plain word starts nothing, wherever it stands: skipped before anything else is
        // asked of it.
        if b.is_ascii_alphabetic() && (!may_start(b) || plain_word(text, i)) {
            i += ascii_alnum_run(bytes, i);
            continue;
        }
        // "+1 202 555 0143", "(555) 123-4567": phone numbers, skipped whole.
        if let Some(end) = phone_at(bytes, i) {
            floor = end;
            i = end;
            continue;
        }
        if may_start(b) && boundary_ok(text, i, b) {
            if let Some(next) = parse_at(text, i, floor, out) {
                if next > i {
                    floor = next;
                    i = next;
                    continue;
                }
            }
        }
        // No figure starts inside a word or a digit run, so skip the rest of it at once.
        i += if b.is_ascii_alphanumeric() { ascii_alnum_run(bytes, i) } else { 1 };
    }
    add_unstated_percents(text, within, places.map(|p| p.percents), out);
}

/// Whether `i` is inside a run of ASCII letters and digits, past its first byte.
pub(super) fn inside_word(bytes: &[u8], i: usize) -> bool {
    bytes.get(i).is_some_and(u8::is_ascii_alphanumeric)
        && i.checked_sub(1).and_then(|k| bytes.get(k)).is_some_and(u8::is_ascii_alphanumeric)
}

/// Whether the walk of [`scan_quantities_in`] does anything at `p`, the first byte of a run of
/// ASCII letters and digits or a byte outside one, given what the tables hold for the letters
/// there. The places where this says no are the ones [`super::starts::Starts`] leaves out.
#[inline(always)]
pub(super) fn figure_may_start(text: &str, p: usize, word: WordLookup) -> bool {
    let b = byte(text.as_bytes(), p);
    if b.is_ascii_alphabetic() {
        may_start(b) && !plain_word_given(text, p, word)
    } else if b == b'.' {
        // ".08": a full stop starts a figure only before a digit (see `boundary_ok`), and most
        // end sentences.
        byte(text.as_bytes(), p + 1).is_ascii_digit()
    } else {
        may_start(b) || matches!(b, b'+' | b'(')
    }
}

/// Words that name a percentage without giving one.
const PERCENT_WORDS: [&str; 3] = ["percentage", "per cent", "percent"];

/// The first word of each of [`PERCENT_WORDS`]: where the word walk lists a place for them.
pub(super) const PERCENT_NAMES: [&str; 3] = ["percentage", "per", "percent"];

/// A percentage named without a figure ("only a small percent", "the % of increase",
/// "a percentage"): a percent whose value is only known to lie in [0, 100]. Such a claim says
/// what the words say and nothing more; the extractor never gives it a field, so it is listed
/// but never compared.
///
/// `listed` are the places where one may start, as [`Places::percents`] gives them; without
/// them, the bytes of `within` are searched.
fn add_unstated_percents(
    text: &str,
    within: std::ops::Range<usize>,
    listed: Option<&[u32]>,
    out: &mut Vec<QuantityMention>,
) {
    let bytes = text.as_bytes();
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    // Every candidate starts at a "%" or at a "p" ("per cent", "percent", "percentage"): one
    // byte search finds them all, without a lower-cased copy of the text. The lists hold far
    // fewer places: only the "p"s that begin one of the words.
    let mut consider = |start: usize| {
        // Nearly every "p" is inside a word, and no candidate follows a letter or digit.
        if start.checked_sub(1).and_then(|k| bytes.get(k)).is_some_and(u8::is_ascii_alphanumeric) {
            return;
        }
        for word in PERCENT_WORDS.iter().copied().chain(std::iter::once("%")) {
            let end = start + word.len();
            if !bytes.get(start..end).is_some_and(|b| b.eq_ignore_ascii_case(word.as_bytes())) {
                continue;
            }
            let before = text.get(..start).and_then(|s| s.chars().next_back());
            let after = text.get(end..).and_then(|s| s.chars().next());
            // A bare "%" only as a word of its own ("the % of"), never inside a URL ("%28").
            let word_ok = if word == "%" {
                before.is_none_or(char::is_whitespace)
                    && after.is_none_or(|c| c.is_whitespace() || c.is_ascii_punctuation())
            } else {
                !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
            };
            if !word_ok {
                continue;
            }
            // After a figure ("12 %", "twelve percent") the scanner has read it already.
            let previous_word = text.get(..start).unwrap_or("").split_whitespace().next_back().unwrap_or("");
            let follows_figure = previous_word.chars().last().is_some_and(|c| c.is_ascii_digit())
                || parse_written_word(&previous_word.to_ascii_lowercase());
            if !follows_figure {
                candidates.push((start, end));
            }
        }
    };
    match listed {
        Some(listed) => {
            let first = listed.partition_point(|&s| (s as usize) < within.start);
            for &start in listed.get(first..).unwrap_or_default() {
                if start as usize >= within.end {
                    break;
                }
                consider(start as usize);
            }
        }
        None => {
            let searched = bytes.get(within.clone()).unwrap_or_default();
            for k in memchr::memchr3_iter(b'%', b'p', b'P', searched) {
                consider(k + within.start);
            }
        }
    }
    // In text order, the longest at a start first ("percentage" over "percent"); a candidate
    // that overlaps a figure or an earlier candidate is dropped. Figures are sorted and never
    // overlap, so only the last one starting before a candidate's end can reach into it.
    candidates.sort_by_key(|&(start, end)| (start, std::cmp::Reverse(end)));
    let mut found = Vec::new();
    let mut taken_until = 0;
    for (start, end) in candidates {
        let before_end = out.partition_point(|m| m.start < end);
        let overlaps_figure =
            before_end.checked_sub(1).and_then(|k| out.get(k)).is_some_and(|m| m.end > start);
        if start < taken_until || overlaps_figure {
            continue;
        }
        taken_until = end;
        let whole = Interval::closed(0.0, 100.0);
        found.push(QuantityMention {
            start,
            end,
            kind: Kind::Percent,
            value: Quantity {
                figure: 0.0,
                qualifier: Qualifier::Unstated,
                logical: whole,
                approx: whole,
                unit: Some("percent".to_string()),
            },
        });
    }
    if !found.is_empty() {
        out.extend(found);
        out.sort_by_key(|m| m.start);
    }
}

/// Whether a word is a written number ("twelve"), so "twelve percent" is not read twice.
fn parse_written_word(word: &str) -> bool {
    const WORDS: [&str; 28] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
    ];
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    WORDS.contains(&w) || w == "hundred" || w.contains('-')
}

/// End of a phone number starting at `i`: "+" and digits, or "(ddd) ddd-dddd".
fn phone_at(b: &[u8], i: usize) -> Option<usize> {
    let at = |k: usize| b.get(k).copied().unwrap_or(0);
    match at(i) {
        b'+' if at(i + 1).is_ascii_digit() && (i == 0 || !at(i - 1).is_ascii_alphanumeric()) => {
            let mut j = i + 1;
            while at(j).is_ascii_digit()
                || (matches!(at(j), b' ' | b'-' | b'.' | b'(' | b')' | b'/')
                    && (at(j + 1).is_ascii_digit() || at(j + 1) == b'('))
            {
                j += 1;
            }
            Some(j)
        }
        b'(' => {
            let digits = |from: usize, n: usize| (from..from + n).all(|k| at(k).is_ascii_digit());
            let ok = digits(i + 1, 3)
                && at(i + 4) == b')'
                && at(i + 5) == b' '
                && digits(i + 6, 3)
                && at(i + 9) == b'-'
                && digits(i + 10, 4)
                && !at(i + 14).is_ascii_digit();
            ok.then_some(i + 14)
        }
        _ => None,
    }
}

/// Whether a street follows a figure: "10 Downing Street", "1600 Pennsylvania Avenue NW".
fn street_after(text: &str, i: usize) -> bool {
    let mut pos = i;
    for _ in 0..3 {
        let j = skip_ws(text, pos);
        if j == pos || !byte(text.as_bytes(), j).is_ascii_uppercase() {
            return false;
        }
        let (word, end) = read_word(text, j);
        let street = [
            "Street",
            "St",
            "Avenue",
            "Ave",
            "Road",
            "Rd",
            "Boulevard",
            "Blvd",
            "Lane",
            "Drive",
            "Dr",
            "Way",
            "Place",
            "Square",
            "Court",
        ];
        if pos > i && street.contains(&word) {
            return true;
        }
        pos = end;
    }
    false
}

/// Short human description of a quantity for tables: qualifier words, then the figure with
/// thousands separators and its unit ("more than 3,700", "3,744", "USD 2,100,000,000", "12%",
/// "between 20 and 30").
pub fn describe(q: &Quantity) -> String {
    let mut out = String::new();
    describe_into(&mut out, q);
    out
}

/// Appends [`describe`]'s text to `out`.
pub fn describe_into(out: &mut String, q: &Quantity) {
    let figure = |out: &mut String, v: f64| match q.unit.as_deref() {
        Some(PERCENT) => {
            format_number_into(out, v);
            out.push('%');
        }
        Some(code) => {
            out.push_str(code);
            out.push(' ');
            format_number_into(out, v);
        }
        None => format_number_into(out, v),
    };
    let lead = match q.qualifier {
        Qualifier::Range => {
            out.push_str("between ");
            figure(out, q.logical.min.unwrap_or(q.figure));
            out.push_str(" and ");
            figure(out, q.logical.max.unwrap_or(q.figure));
            return;
        }
        Qualifier::Unstated => {
            match q.unit.as_deref() {
                Some(PERCENT) => out.push_str("an unstated percentage"),
                Some(code) => {
                    out.push_str("an unstated amount of ");
                    out.push_str(code);
                }
                None => out.push_str("an unstated number"),
            }
            return;
        }
        Qualifier::None => "",
        Qualifier::About => "about ",
        Qualifier::MoreThan => "more than ",
        Qualifier::AtLeast => "at least ",
        Qualifier::LessThan => "less than ",
        Qualifier::AtMost => "up to ",
        Qualifier::Nearly => "nearly ",
    };
    out.push_str(lead);
    figure(out, q.figure);
}

/// The unit string of percentages.
const PERCENT: &str = "percent";

// ---------------------------------------------------------------------------------------------
// Number formatting

/// "2100000000" → "2,100,000,000"; fractions keep up to two decimals, trailing zeros trimmed.
#[cfg(test)]
fn format_number(v: f64) -> String {
    let mut out = String::new();
    format_number_into(&mut out, v);
    out
}

/// Appends [`format_number`]'s text for `v` to `out`.
fn format_number_into(out: &mut String, v: f64) {
    if !v.is_finite() {
        out.push_str(&v.to_string());
        return;
    }
    let rounded = (v * 100.0).round() / 100.0;
    let rounded = if rounded.is_finite() { rounded } else { v };
    // A whole number below 2^53 is written from its integer, as `{:.2}` would write it without
    // its ".00": most figures are whole, and float formatting costs ten times as much.
    if rounded.fract() == 0.0 && rounded.abs() < 9.0e15 {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let whole = rounded.abs() as u64;
        if rounded < 0.0 && whole != 0 {
            out.push('-');
        }
        group_thousands(out, itoa::Buffer::new().format(whole));
        return;
    }
    let text = format!("{:.2}", rounded.abs());
    let (int_part, frac_part) = text.split_once('.').unwrap_or((text.as_str(), ""));
    let frac_part = frac_part.trim_end_matches('0');
    if rounded < 0.0 && (int_part.bytes().any(|b| b != b'0') || !frac_part.is_empty()) {
        out.push('-');
    }
    group_thousands(out, int_part);
    if !frac_part.is_empty() {
        out.push('.');
        out.push_str(frac_part);
    }
}

/// Appends the digits `int_part` with a comma before each group of three from the right.
fn group_thousands(out: &mut String, int_part: &str) {
    let len = int_part.len();
    for (k, c) in int_part.chars().enumerate() {
        if k > 0 && (len - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
}

// ---------------------------------------------------------------------------------------------
// Intervals

/// Exact powers of ten up to 1e22 (all representable), so scaling stays exact for usual figures.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
    1e19, 1e20, 1e21, 1e22,
];

fn pow10(e: u64) -> f64 {
    match usize::try_from(e).ok().and_then(|k| POW10.get(k)) {
        Some(&p) => p,
        None => 10f64.powi(i32::try_from(e.min(400)).unwrap_or(400)),
    }
}

/// Builds the two readings of a single (non-range) figure `n` with `tz` trailing zeros and `sig`
/// significant digits; see DESIGN.md, "Values and how they compare".
fn quantity(n: f64, tz: u32, sig: u32, qualifier: Qualifier, unit: Option<&str>) -> Quantity {
    let coarse = pow10(u64::from(tz));
    let fine = if tz == 0 {
        1.0
    } else if sig == 1 {
        pow10(u64::from(tz - 1))
    } else {
        coarse
    };
    let nonneg = n >= 0.0;
    // A count of zero things is the floor of anything read as "about" or "under".
    let clamp = |x: f64| if nonneg { x.max(0.0) } else { x };
    let half_open = |lo: f64, lo_inc: bool, hi: f64, hi_inc: bool| Interval {
        min: Some(lo),
        min_inclusive: lo_inc,
        max: Some(hi),
        max_inclusive: hi_inc,
    };
    // "less than n": from zero for counts, unbounded below for negative figures.
    let below = |inclusive: bool| Interval {
        min: nonneg.then_some(0.0),
        min_inclusive: nonneg,
        max: Some(n),
        max_inclusive: inclusive,
    };
    let (logical, approx) = match qualifier {
        Qualifier::Unstated => (Interval::closed(0.0, 100.0), Interval::closed(0.0, 100.0)),
        Qualifier::None | Qualifier::Range => {
            // Small or non-round figures stay exact: "20 killed" and "22 killed" must conflict.
            let approx = if tz == 0 || n.abs() < 100.0 {
                Interval::point(n)
            } else {
                Interval::closed(clamp(n - fine / 2.0), n + fine / 2.0)
            };
            (Interval::point(n), approx)
        }
        Qualifier::About => {
            let (lo, hi) = (clamp(n - coarse / 2.0), n + coarse / 2.0);
            // 9n/10 rather than 0.9n: one rounding only, so 14,000 gives exactly 12,600.
            let (a, b) = (n * 9.0 / 10.0, n * 11.0 / 10.0);
            let logical = Interval::closed(lo.min(a).min(b), hi.max(a).max(b));
            (logical, Interval::closed(lo, hi))
        }
        Qualifier::MoreThan => (
            Interval { min: Some(n), min_inclusive: false, max: None, max_inclusive: false },
            half_open(n, false, n + coarse, true),
        ),
        Qualifier::AtLeast => (
            Interval { min: Some(n), min_inclusive: true, max: None, max_inclusive: false },
            half_open(n, true, n + coarse, true),
        ),
        Qualifier::LessThan => (below(false), half_open(clamp(n - coarse), true, n, false)),
        Qualifier::AtMost => (below(true), half_open(clamp(n - coarse), true, n, true)),
        Qualifier::Nearly => (below(false), half_open(clamp(n - fine), true, n, false)),
    };
    Quantity { figure: n, qualifier, logical, approx, unit: unit.map(str::to_owned) }
}

/// Both ends inclusive, the same in both readings.
fn range_quantity(lo: f64, hi: f64, unit: Option<&str>) -> Quantity {
    let interval = Interval::closed(lo, hi);
    Quantity {
        figure: lo,
        qualifier: Qualifier::Range,
        logical: interval,
        approx: interval,
        unit: unit.map(str::to_owned),
    }
}

fn kind_of(unit: Option<&str>) -> Kind {
    match unit {
        None => Kind::Count,
        Some(PERCENT) => Kind::Percent,
        Some(_) => Kind::Money,
    }
}

fn mention(start: usize, end: usize, value: Quantity) -> QuantityMention {
    QuantityMention { start, end, kind: kind_of(value.unit.as_deref()), value }
}

// ---------------------------------------------------------------------------------------------
// Figures as digits: mantissa, decimal places, trailing zeros and significant digits

/// The digits of a figure before scaling; enough to compute its value and its rounding step.
#[derive(Debug, Clone, Copy, Default)]
struct Parts {
    /// All digits (integer and fraction) read as one integer.
    m: f64,
    /// How many of them are after the decimal point.
    frac_len: u32,
    /// Trailing zeros of the digit string.
    tz: u32,
    /// Digits from the first to the last non-zero one.
    sig: u32,
    /// Whether any digit is non-zero.
    nonzero: bool,
    /// A leading minus sign.
    neg: bool,
}

impl Parts {
    fn push(&mut self, d: u8) {
        self.m = self.m * 10.0 + f64::from(d);
        if d == 0 {
            if self.nonzero {
                self.tz = self.tz.saturating_add(1);
            }
        } else {
            self.sig = if self.nonzero { self.sig.saturating_add(self.tz).saturating_add(1) } else { 1 };
            self.nonzero = true;
            self.tz = 0;
        }
    }

    fn from_int(v: u64) -> Parts {
        let mut parts = Parts::default();
        // Small enough to walk digit by digit; keeps the trailing-zero logic in one place.
        let mut digits = [0u8; 20];
        let mut len = 0;
        let mut rest = v;
        loop {
            if let Some(slot) = digits.get_mut(len) {
                *slot = u8::try_from(rest % 10).unwrap_or(0);
            }
            len += 1;
            rest /= 10;
            if rest == 0 || len >= digits.len() {
                break;
            }
        }
        for k in (0..len).rev() {
            parts.push(digits.get(k).copied().unwrap_or(0));
        }
        parts
    }

    fn exponent(&self, scale_exp: i32) -> i64 {
        i64::from(scale_exp) - i64::from(self.frac_len)
    }

    /// The figure times 10^`scale_exp`.
    fn value(&self, scale_exp: i32) -> f64 {
        let e = self.exponent(scale_exp);
        let v = if e >= 0 { self.m * pow10(e.unsigned_abs()) } else { self.m / pow10(e.unsigned_abs()) };
        if self.neg {
            -v
        } else {
            v
        }
    }

    /// (trailing zeros, significant digits) of the scaled figure; non-integers have no trailing
    /// zeros.
    fn shape(&self, scale_exp: i32) -> (u32, u32) {
        if !self.nonzero {
            return (0, 1);
        }
        let tz = i64::from(self.tz) + self.exponent(scale_exp);
        (u32::try_from(tz.max(0)).unwrap_or(u32::MAX), self.sig)
    }
}

/// A figure read forward from its first character, before qualifiers and ranges are considered.
#[derive(Debug, Clone)]
struct Core {
    start: usize,
    end: usize,
    parts: Parts,
    /// Power of ten of a scale word ("million" → 6), 0 when none.
    scale_exp: i32,
    /// The value when digits and scale cannot say it: fractions, powers, written decimals.
    fixed: Option<f64>,
    /// ISO code, [`PERCENT`], or `None` for a count.
    unit: Option<&'static str>,
    /// A bare four-digit integer 1500–2100: a year, not a quantity, unless something says otherwise.
    year_like: bool,
    /// Digit count of a plain integer (no separator, decimals, scale or unit); for phone numbers.
    plain_len: Option<usize>,
    /// The bounds of "hundreds of", "tens of thousands of", ...
    vague: Option<(f64, f64)>,
    /// Whether a number word "and" was read ("three hundred and fifty").
    used_and: bool,
}

impl Core {
    fn value(&self) -> f64 {
        self.fixed.unwrap_or_else(|| self.parts.value(self.scale_exp))
    }

    fn quantity(&self, qualifier: Qualifier) -> Quantity {
        let (tz, sig) = if self.fixed.is_some() { (0, 1) } else { self.parts.shape(self.scale_exp) };
        quantity(self.value(), tz, sig, qualifier, self.unit)
    }
}

// ---------------------------------------------------------------------------------------------
// Byte and character helpers (all bounds-checked)

fn byte(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

// The scanner asks these of nearly every byte it looks at, and news text is mostly ASCII: an
// ASCII byte is a character by itself and, in valid UTF-8, always stands at a character
// boundary, so it is returned without decoding.
fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => text.get(i..).and_then(|s| s.chars().next()),
    }
}

fn char_before(text: &str, i: usize) -> Option<char> {
    // The byte after an ASCII byte never continues a character, so `i` is a boundary.
    match i.checked_sub(1).and_then(|k| text.as_bytes().get(k)) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => text.get(..i).and_then(|s| s.chars().next_back()),
    }
}

/// Length of the run of ASCII letters and digits at `i` (at least one byte).
pub(super) fn ascii_alnum_run(b: &[u8], i: usize) -> usize {
    b.get(i..).map_or(1, |rest| rest.iter().take_while(|c| c.is_ascii_alphanumeric()).count().max(1))
}

fn skip_ws(text: &str, mut i: usize) -> usize {
    // ASCII whitespace a byte at a time; other whitespace (a no-break space) by characters.
    while text.as_bytes().get(i).is_some_and(crate::text::is_ascii_space) {
        i += 1;
    }
    while let Some(c) = char_at(text, i) {
        if !c.is_whitespace() {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// The run of ASCII letters at `i`, and its end.
fn read_word(text: &str, i: usize) -> (&str, usize) {
    let b = text.as_bytes();
    let mut j = i;
    while byte(b, j).is_ascii_alphabetic() {
        j += 1;
    }
    (text.get(i..j).unwrap_or(""), j)
}

/// `w` at `i`, ASCII case-insensitive, not followed by a letter or digit; returns its end.
fn match_ci(text: &str, i: usize, w: &str) -> Option<usize> {
    let end = i.checked_add(w.len())?;
    let seg = text.as_bytes().get(i..end)?;
    if !seg.eq_ignore_ascii_case(w.as_bytes()) {
        return None;
    }
    let ends_alnum = w.as_bytes().last().is_some_and(u8::is_ascii_alphanumeric);
    if ends_alnum && char_at(text, end).is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some(end)
}

/// After whitespace at `i`, the word `w` (case-insensitive); returns its end.
fn spaced_word(text: &str, i: usize, w: &str) -> Option<usize> {
    let j = skip_ws(text, i);
    if j == i {
        return None;
    }
    match_ci(text, j, w)
}

// ---------------------------------------------------------------------------------------------
// Where a figure may start

/// Cheap first filter: digits, '$', '-', lead bytes of '£ ¥ € ₹ −', and letters that begin a
/// number word, a qualifier-free vague magnitude ("hundreds") or a currency code.
fn may_start(b: u8) -> bool {
    b.is_ascii_digit()
        || matches!(
            b.to_ascii_lowercase(),
            b'a'..=b'j'
                | b'm'
                | b'n'
                | b'o'
                | b'p'
                | b'q'
                | b'r'
                | b's'
                | b't'
                | b'u'
                | b'z'
                | b'$'
                | b'-'
                | b'.'
                | 0xC2
                | 0xE2
        )
}

/// What may stand right before a digit: a digit glued to letters ("A320", "COVID19") or inside
/// URLs, paths, times and lists ("/2024/", "10:30", "1,2") is no figure.
fn digit_prev_ok(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '(' | '['
                        | '{'
                        | '"'
                        | '\''
                        | '“'
                        | '”'
                        | '‘'
                        | '’'
                        | '«'
                        | '»'
                        | '~'
                        | '≈'
                        | '*'
                        | '|'
                        | '>'
                        | '<'
                        | '—'
                        | '–'
                        | ';'
                )
        }
    }
}

fn boundary_ok(text: &str, i: usize, b: u8) -> bool {
    let prev = char_before(text, i);
    if b.is_ascii_digit() || b == b'-' || text.get(i..).is_some_and(|s| s.starts_with('−')) {
        return digit_prev_ok(prev);
    }
    // ".08": a decimal without its leading zero.
    if b == b'.' {
        return byte(text.as_bytes(), i + 1).is_ascii_digit() && digit_prev_ok(prev);
    }
    // Words and currency signs: not in the middle of a word, a hyphenated compound, a path or
    // an address.
    !prev.is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '@' | '.' | '/' | '\\' | '$'))
}

// ---------------------------------------------------------------------------------------------
// Reading one figure forward

/// ISO 4217 codes read in capitals before or after a figure ("ALL" is left out: "ALL 5 solutions").
const CODES: [&str; 40] = [
    "USD", "EUR", "GBP", "JPY", "CHF", "CNY", "INR", "AUD", "CAD", "HKD", "NZD", "MXN", "SEK", "NOK", "DKK",
    "RUB", "BRL", "ZAR", "KRW", "TRY", "SGD", "PLN", "ILS", "AED", "SAR", "THB", "IDR", "MYR", "PHP", "NGN",
    "EGP", "PKR", "UAH", "CZK", "HUF", "RON", "ARS", "TWD", "KES", "XBT",
];

/// Codes also read in lower case ("usd 200"); words such as "try" or "all" are left out.
const LOWER_CODES: [&str; 20] = [
    "usd", "eur", "gbp", "jpy", "chf", "cny", "inr", "aud", "cad", "hkd", "nzd", "mxn", "sek", "nok", "dkk",
    "rub", "brl", "zar", "krw", "sgd",
];

/// A currency code written as a word: ISO codes, "RMB", "BTC".
fn code_word(word: &str) -> Option<&'static str> {
    // Every code is three letters long (see the test `every_code_has_three_letters`); the word
    // after nearly every figure ("people", "homes") is asked this.
    if word.len() != 3 {
        return None;
    }
    if let Some(code) = CODES.iter().copied().find(|c| *c == word) {
        return Some(code);
    }
    if let Some(k) = LOWER_CODES.iter().position(|c| *c == word) {
        return CODES.get(k).copied();
    }
    match word {
        "RMB" | "rmb" => Some("CNY"),
        "BTC" | "btc" => Some("XBT"),
        _ => None,
    }
}

/// "MUSD", "MEUR": a code in millions; returns the code.
fn million_code(word: &str) -> Option<&'static str> {
    let rest = word.strip_prefix('M').or_else(|| word.strip_prefix('m'))?;
    if rest.len() != 3 {
        return None;
    }
    CODES.iter().copied().find(|c| {
        *c == rest || (c.eq_ignore_ascii_case(rest) && rest.bytes().all(|b| b.is_ascii_lowercase()))
    })
}

/// A currency sign: the code it stands for.
fn sign_code(c: char) -> Option<&'static str> {
    Some(match c {
        '$' => "USD",
        '€' => "EUR",
        '£' => "GBP",
        '¥' => "JPY",
        '₹' => "INR",
        '₿' => "XBT",
        '₽' => "RUB",
        '₩' => "KRW",
        '₺' => "TRY",
        '₦' => "NGN",
        '₱' => "PHP",
        '₪' => "ILS",
        '₫' => "VND",
        '₴' => "UAH",
        '₡' => "CRC",
        '₾' => "GEL",
        '₭' => "LAK",
        '元' => "CNY",
        _ => return None,
    })
}

/// Letters before a dollar sign: "US$", "C$", "hk $", "u.s $", "Mex$", "nzd$".
fn dollar_kind(word: &str) -> Option<&'static str> {
    let mut buf = [0u8; 16];
    let mut k = 0;
    for b in word.bytes().filter(|b| *b != b'.') {
        *buf.get_mut(k)? = b.to_ascii_lowercase();
        k += 1;
    }
    Some(match buf.get(..k)? {
        b"us" | b"usd" => "USD",
        b"c" | b"ca" | b"cad" => "CAD",
        b"a" | b"au" | b"aud" => "AUD",
        b"hk" | b"hkd" => "HKD",
        b"nz" | b"nzd" => "NZD",
        b"mex" | b"mx" | b"mxn" => "MXN",
        b"s" | b"sg" | b"sgd" => "SGD",
        b"r" => "BRL",
        _ => return None,
    })
}

/// Currency written before the figure; returns the code, where the digits start, and a power of
/// ten the currency itself adds ("MAUD 60" is in millions).
fn currency_prefix(text: &str, i: usize) -> Option<(&'static str, usize, i32)> {
    let rest = text.get(i..)?;
    let b = text.as_bytes();
    let first = rest.chars().next()?;
    let (code, mut j, shift) = if let Some(code) = sign_code(first).filter(|_| first != '元') {
        (code, i + first.len_utf8(), 0)
    } else if first.is_ascii_alphabetic() {
        // Letters (with dots: "u.s"), then an optional space, then "$"; or a code and a space.
        let mut k = i;
        while byte(b, k).is_ascii_alphabetic() || (byte(b, k) == b'.' && byte(b, k + 1).is_ascii_alphabetic())
        {
            k += 1;
            if k - i > 4 {
                return None;
            }
        }
        let word = text.get(i..k)?;
        let dollar_at = if byte(b, k) == b'$' {
            Some(k)
        } else if byte(b, k) == b' ' && byte(b, k + 1) == b'$' && k - i <= 3 {
            Some(k + 1)
        } else {
            None
        };
        // A single letter stands for a currency only glued in capitals ("A$", "S$") or as "c":
        // "a $5 fee" and "Keith's $500" are an article and a possessive.
        let single_ok = k - i > 1
            || word == "c"
            || word == "C"
            || (dollar_at == Some(k) && word.bytes().all(|c| c.is_ascii_uppercase()));
        match dollar_at {
            Some(_) if !single_ok => return None,
            Some(d) => (dollar_kind(word)?, d + 1, 0),
            // A code is looked up only where digits follow: most words are not codes.
            None if !(byte(b, k).is_ascii_digit()
                || (byte(b, k) == b' ' && byte(b, k + 1).is_ascii_digit())) =>
            {
                return None;
            }
            None => match (k - i == 3, code_word(word), million_code(word)) {
                (true, Some(code), _) => (code, k, 0),
                (false, _, Some(code)) if word.starts_with('M') => (code, k, 6),
                _ => return None,
            },
        }
    } else {
        return None;
    };
    // One space may separate sign or code from the digits ("EUR 41 million", "$ 5").
    if let Some(c) = char_at(text, j).filter(|c| c.is_whitespace() && *c != '\n') {
        j += c.len_utf8();
    }
    byte(b, j).is_ascii_digit().then_some((code, j, shift))
}

/// Whether a figure (digit or currency sign) starts at `i`; used after range dashes.
fn starts_number(text: &str, i: usize) -> bool {
    byte(text.as_bytes(), i).is_ascii_digit() || currency_prefix(text, i).is_some()
}

/// A digit string read at `i`.
struct Digits {
    parts: Parts,
    end: usize,
    int_len: usize,
    separated: bool,
}

/// Thousands separators: comma, space, no-break space, narrow no-break space, thin space.
const SEPARATORS: [&str; 5] = [",", " ", "\u{a0}", "\u{202f}", "\u{2009}"];

fn parse_digits(text: &str, p: usize) -> Option<Digits> {
    let b = text.as_bytes();
    let mut parts = Parts::default();
    let mut i = p;
    while byte(b, i).is_ascii_digit() {
        parts.push(byte(b, i) - b'0');
        i += 1;
    }
    let mut int_len = i - p;
    if int_len == 0 && !(byte(b, p) == b'.' && byte(b, p + 1).is_ascii_digit()) {
        return None;
    }
    let mut separator: Option<&str> = None;
    // Indian grouping, "12,34,567": pairs after a one-or-two digit head, then a final three.
    if (1..=2).contains(&int_len) {
        let mut j = i;
        let mut pairs = 0;
        while byte(b, j) == b','
            && byte(b, j + 1).is_ascii_digit()
            && byte(b, j + 2).is_ascii_digit()
            && byte(b, j + 3) == b','
        {
            j += 3;
            pairs += 1;
        }
        let last = byte(b, j) == b','
            && (1..=3).all(|k| byte(b, j + k).is_ascii_digit())
            && !byte(b, j + 4).is_ascii_digit();
        if pairs > 0 && last {
            for k in i..j + 4 {
                if byte(b, k).is_ascii_digit() {
                    parts.push(byte(b, k) - b'0');
                    int_len += 1;
                }
            }
            i = j + 4;
            separator = Some(",");
        }
    }
    if separator.is_none() && (1..=3).contains(&int_len) {
        // Groups of exactly three digits after a one-to-three digit head, one kind of separator.
        loop {
            let rest = text.get(i..).unwrap_or("");
            let Some(sep) = SEPARATORS
                .iter()
                .copied()
                .filter(|s| separator.is_none() || separator == Some(*s))
                .find(|s| rest.starts_with(s))
            else {
                break;
            };
            let g = i + sep.len();
            let group = byte(b, g).is_ascii_digit()
                && byte(b, g + 1).is_ascii_digit()
                && byte(b, g + 2).is_ascii_digit()
                && !byte(b, g + 3).is_ascii_digit();
            // A plain space is also a word gap: "5 100m" is two things, so the group must end
            // the word.
            let glued = sep == " " && char_at(text, g + 3).is_some_and(char::is_alphanumeric);
            if !group || glued {
                break;
            }
            for k in g..g + 3 {
                parts.push(byte(b, k) - b'0');
            }
            i = g + 3;
            int_len += 3;
            separator = Some(sep);
        }
    }
    if byte(b, i) == b'.' && byte(b, i + 1).is_ascii_digit() {
        let mut j = i + 1;
        while byte(b, j).is_ascii_digit() {
            parts.push(byte(b, j) - b'0');
            parts.frac_len = parts.frac_len.saturating_add(1);
            j += 1;
        }
        // "1.2.3" is a version, "192.168.0.1" an address.
        if byte(b, j) == b'.' && byte(b, j + 1).is_ascii_digit() {
            return None;
        }
        i = j;
    }
    Some(Digits { parts, end: i, int_len, separated: separator.is_some() })
}

/// A scale after digits: glued abbreviations ("3.7k", "$2.1bn", "€41m") or a word ("1.5 million",
/// "$1.5-million"). Returns (power of ten, end); (0, `i`) when there is none.
fn scale_after(text: &str, i: usize, currency: bool, decimal: bool) -> (i32, usize) {
    let (glued, end) = read_word(text, i);
    if !glued.is_empty() {
        // "m"/"b" alone are too ambiguous ("5m" metres, "4B" a flat) except right after a
        // currency amount or a decimal figure ("1.2b"); upper-case "M" is a million ("10M").
        let exp = match glued {
            "k" | "K" => 3,
            "M" | "MM" | "mil" | "mln" | "Mln" => 6,
            "bn" | "Bn" | "BN" | "bln" | "Bln" => 9,
            "tn" | "Tn" | "TN" | "tln" | "Tln" => 12,
            "m" | "mn" | "Mn" | "MN" if currency => 6,
            "b" | "B" if currency || decimal => 9,
            _ => 0,
        };
        return if exp > 0 && !byte(text.as_bytes(), end).is_ascii_digit() { (exp, end) } else { (0, i) };
    }
    let j = if byte(text.as_bytes(), i) == b'-' { i + 1 } else { skip_ws(text, i) };
    if j == i {
        return (0, i);
    }
    let (word, end) = read_word(text, j);
    let mut buf = [0u8; 16];
    // Spaced abbreviations: "2.33 k", "10 bln", "1,674,200.5 M".
    let spaced = match word {
        "k" | "K" => 3,
        "M" | "MM" | "mln" => 6,
        "bln" => 9,
        "tln" => 12,
        _ => 0,
    };
    let exp = match ascii_lowercase_into(word.as_bytes(), &mut buf) {
        _ if spaced > 0 => spaced,
        Some(b"thousand") => 3,
        Some(b"million") => 6,
        Some(b"billion" | b"bn") => 9,
        Some(b"trillion" | b"tn") => 12,
        Some(b"mn") if currency => 6,
        _ => 0,
    };
    if exp == 0 || char_at(text, end).is_some_and(char::is_alphanumeric) {
        return (0, i);
    }
    (exp, end)
}

/// "%", " %", " percent", " per cent", " percentage points" after a figure; returns the end.
fn percent_after(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    if byte(b, i) == b'%' {
        return Some(i + 1);
    }
    if let Some(c) = char_at(text, i).filter(|c| *c == ' ' || *c == '\u{a0}') {
        if byte(b, i + c.len_utf8()) == b'%' {
            return Some(i + c.len_utf8() + 1);
        }
    }
    // Every word below starts with a "p" after some space: most figures are ruled out at once.
    let word_at = skip_ws(text, i);
    if word_at == i || !matches!(byte(b, word_at), b'p' | b'P') {
        return None;
    }
    if let Some(end) = spaced_word(text, i, "percent") {
        return Some(end);
    }
    if let Some(end) = spaced_word(text, i, "per").and_then(|e| spaced_word(text, e, "cent")) {
        return Some(end);
    }
    if let Some(end) = spaced_word(text, i, "percents") {
        return Some(end);
    }
    let end = spaced_word(text, i, "percentage")?;
    Some(spaced_word(text, end, "points").or_else(|| spaced_word(text, end, "point")).unwrap_or(end))
}

/// A currency named after a figure.
#[derive(Debug, Clone, Copy)]
struct CurrencyTail {
    code: &'static str,
    end: usize,
    /// Power of ten the currency adds: -2 for cents and pence, 6 for "MUSD" or "USD million".
    shift: i32,
    /// Sub-units written after the main unit: "3 dollars 50 cents" adds 50.
    cents: Option<f64>,
}

/// A currency named after the figure ("41 million euros", "5 USD", "50 cents", "10 €", "115USD",
/// "one-yen", "75 USD million", "3 dollars 50 cents").
fn currency_after(text: &str, i: usize) -> Option<CurrencyTail> {
    let b = text.as_bytes();
    let tail =
        |code: &'static str, end: usize, shift: i32| Some(CurrencyTail { code, end, shift, cents: None });
    // A sign after the figure, glued or after one space: "10 €", "100₾", "100元", "100,000 ரூ".
    let j = if byte(b, i) == b' ' { i + 1 } else { i };
    if let Some(c) = char_at(text, j) {
        let next_digit =
            |k: usize| byte(b, k).is_ascii_digit() || (byte(b, k) == b' ' && byte(b, k + 1).is_ascii_digit());
        if let Some(code) = sign_code(c) {
            let end = j + c.len_utf8();
            return if next_digit(end) { None } else { tail(code, end, 0) };
        }
        if text.get(j..).is_some_and(|r| r.starts_with("ரூ")) {
            return tail("LKR", j + "ரூ".len(), 0);
        }
    }
    // Glued capitals: "115USD".
    if byte(b, i).is_ascii_uppercase() {
        let (word, end) = read_word(text, i);
        let code = CODES.iter().copied().find(|c| *c == word)?;
        return if char_at(text, end).is_some_and(char::is_alphanumeric) { None } else { tail(code, end, 0) };
    }
    // "12-cent", "one-yen".
    let (j, hyphen) = if byte(b, i) == b'-' && byte(b, i + 1).is_ascii_alphabetic() {
        (i + 1, true)
    } else {
        let j = skip_ws(text, i);
        if j == i {
            return None;
        }
        (j, false)
    };
    let (word, end) = read_word(text, j);
    if char_at(text, end).is_some_and(char::is_alphanumeric) {
        return None;
    }
    if hyphen {
        let mut buf = [0u8; 16];
        return match ascii_lowercase_into(word.as_bytes(), &mut buf)? {
            b"cent" => tail("USD", end, -2),
            b"dollar" => tail("USD", end, 0),
            b"euro" => tail("EUR", end, 0),
            b"pound" => tail("GBP", end, 0),
            b"yen" => tail("JPY", end, 0),
            b"penny" => tail("GBP", end, -2),
            _ => None,
        };
    }
    if let Some(code) = code_word(word) {
        // "75 USD million".
        let (shift, end) = match (spaced_word(text, end, "million"), spaced_word(text, end, "billion")) {
            (Some(e), _) => (6, e),
            (_, Some(e)) => (9, e),
            _ => (0, end),
        };
        return tail(code, end, shift);
    }
    let m_code = word.len() == 4 && word.bytes().skip(1).all(|c| c.is_ascii_uppercase());
    if let Some(code) = million_code(word).filter(|_| m_code) {
        return tail(code, end, 6);
    }
    let mut buf = [0u8; 16];
    let then = |w: &str| spaced_word(text, end, w);
    let plural =
        |w: &str, e: usize| spaced_word(text, e, w).or_else(|| spaced_word(text, e, w.trim_end_matches('s')));
    let dollars = || plural("dollars", end);
    let (code, end, shift) = match ascii_lowercase_into(word.as_bytes(), &mut buf)? {
        b"dollars" | b"dollar" => ("USD", end, 0),
        b"euros" | b"euro" => ("EUR", end, 0),
        b"pounds" | b"pound" => ("GBP", then("sterling").unwrap_or(end), 0),
        b"sterling" => ("GBP", end, 0),
        b"yen" => ("JPY", end, 0),
        b"francs" | b"franc" => ("CHF", end, 0),
        b"yuan" | b"renminbi" => ("CNY", end, 0),
        b"rupees" | b"rupee" => ("INR", end, 0),
        b"cents" | b"cent" => ("USD", end, -2),
        b"pence" | b"penny" | b"pennies" => ("GBP", end, -2),
        b"pesetas" | b"peseta" => ("ESP", end, 0),
        b"guilders" | b"guilder" => ("NLG", end, 0),
        b"markka" | b"markkaa" => ("FIM", end, 0),
        b"lira" | b"liras" | b"lire" => ("TRY", end, 0),
        b"rubles" | b"ruble" | b"roubles" | b"rouble" => ("RUB", end, 0),
        b"bitcoins" | b"bitcoin" => ("XBT", end, 0),
        b"satoshis" | b"satoshi" => ("XBT", end, -8),
        b"us" => ("USD", dollars()?, 0),
        b"australian" => ("AUD", dollars()?, 0),
        b"canadian" => ("CAD", dollars()?, 0),
        b"singapore" => ("SGD", dollars()?, 0),
        b"hong" => ("HKD", then("kong").and_then(|e| plural("dollars", e))?, 0),
        b"new" => ("NZD", then("zealand").and_then(|e| plural("dollars", e))?, 0),
        b"swiss" => ("CHF", plural("francs", end)?, 0),
        b"chinese" => ("CNY", then("yuan")?, 0),
        b"japanese" => ("JPY", then("yen")?, 0),
        b"finnish" => ("FIM", then("markka").or_else(|| then("markkaa"))?, 0),
        b"dutch" => ("NLG", plural("guilders", end)?, 0),
        b"turkish" => ("TRY", then("lira")?, 0),
        b"mexican" => ("MXN", plural("pesos", end)?, 0),
        b"british" => ("GBP", plural("pounds", end)?, 0),
        b"indian" => ("INR", plural("rupees", end)?, 0),
        _ => return None,
    };
    let cents = if shift == 0 && matches!(code, "USD" | "EUR" | "GBP") { sub_units(text, end) } else { None };
    match cents {
        Some((c, e)) => Some(CurrencyTail { code, end: e, shift, cents: Some(c) }),
        None => tail(code, end, shift),
    }
}

/// "… dollars 50 cents", "… dollars and forty-five cents", "… dollars forty five" (at the end of
/// a clause): the sub-units after a main unit. Returns them and the end.
fn sub_units(text: &str, i: usize) -> Option<(f64, usize)> {
    let j = spaced_word(text, i, "and").unwrap_or(i);
    let k = skip_ws(text, j);
    if k == j {
        return None;
    }
    let (value, end) = if byte(text.as_bytes(), k).is_ascii_digit() {
        let d = parse_digits(text, k)?;
        if d.separated || d.parts.frac_len > 0 || d.int_len > 2 {
            return None;
        }
        (d.parts.value(0), d.end)
    } else {
        let w = parse_words(text, k, false)?;
        if w.fixed.is_some() || w.scale_exp != 0 {
            return None;
        }
        (w.parts.value(0), w.end)
    };
    if !(1.0..100.0).contains(&value) {
        return None;
    }
    for unit in ["cents", "cent", "pence", "p"] {
        if let Some(e) = spaced_word(text, end, unit) {
            return Some((value, e));
        }
    }
    // Without "cents", only where the clause ends: "15 dollars 50."
    let next = char_at(text, end);
    next.is_none_or(|c| matches!(c, '.' | ',' | ';' | '!' | '?')).then_some((value, end))
}

/// What may follow the digits (and scale) of a figure.
fn follow_ok(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    match char_at(text, i) {
        None => true,
        // Glued to letters ("21st", "4x4", "5km"), or part of an address or a path.
        Some(c) if c.is_alphanumeric() || matches!(c, '_' | '@' | '/' | '\\') => false,
        // "10:30" is a time.
        Some(':') => !byte(b, i + 1).is_ascii_digit(),
        // "example.com", "1.2.3".
        Some('.') => !byte(b, i + 1).is_ascii_alphanumeric(),
        // "1,2" or "1,23": a list or a decimal comma, not a figure we can read safely.
        Some(',') => !byte(b, i + 1).is_ascii_digit(),
        Some(_) => true,
    }
}

/// "10 am", "10 p.m.", "ten o'clock".
fn time_after(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    let j = if byte(b, i) == b' ' { i + 1 } else { i };
    // Nearly every figure asks this: the first letter of each word rules most out at once.
    let am_pm = || ["am", "pm", "a.m.", "p.m."].iter().any(|w| match_ci(text, j, w).is_some());
    let o_clock = || {
        matches!(byte(b, skip_ws(text, i)), b'o' | b'O')
            && (spaced_word(text, i, "o'clock").is_some() || spaced_word(text, i, "o’clock").is_some())
    };
    (matches!(byte(b, j), b'a' | b'A' | b'p' | b'P') && am_pm()) || o_clock()
}

/// Reads the figure starting at `p` (a currency sign, a minus, a digit or a word).
fn parse_core(text: &str, p: usize, signed: bool, allow_and: bool) -> Option<Core> {
    let b = text.as_bytes();
    let first = byte(b, p);
    // Digits never start a currency prefix; skip the lookup for them, most candidates.
    let prefix = if first.is_ascii_digit() { None } else { currency_prefix(text, p) };
    let (prefix, mut i, shift) = match prefix {
        Some((code, at, shift)) => (Some(code), at, shift),
        None => (None, p, 0),
    };
    let mut neg = false;
    if prefix.is_none() && signed {
        if byte(b, i) == b'-' && byte(b, i + 1).is_ascii_digit() {
            neg = true;
            i += 1;
        } else if text.get(i..).is_some_and(|s| s.starts_with('−')) && byte(b, i + 3).is_ascii_digit() {
            neg = true;
            i += 3;
        }
    }
    if let Some((v, end)) = vulgar_fraction(text, i).filter(|_| prefix.is_none() && !neg) {
        if !follow_ok(text, end) {
            return None;
        }
        return Some(Core {
            start: p,
            end,
            parts: Parts::default(),
            scale_exp: 0,
            fixed: Some(v),
            unit: None,
            year_like: false,
            plain_len: None,
            vague: None,
            used_and: false,
        });
    }
    let leading_dot = byte(b, i) == b'.' && byte(b, i + 1).is_ascii_digit() && prefix.is_none();
    if byte(b, i).is_ascii_digit() || leading_dot {
        let digits = digit_core(text, p, i, neg, prefix, shift);
        // "3 hundred and 21", "4 thousand 3 hundred", "13 lakh", "3 dozens".
        if prefix.is_none() && !neg && round_word_after(text, digit_run_end(text, i)) {
            if let Some(mixed) = word_core(text, p, allow_and) {
                if digits.as_ref().is_none_or(|d| mixed.end > d.end) {
                    return Some(mixed);
                }
            }
        }
        return digits;
    }
    if prefix.is_some() || neg || !first.is_ascii_alphabetic() || !may_begin_words(text, p) {
        return None;
    }
    vague_core(text, p).or_else(|| word_core(text, p, allow_and))
}

/// Scientific and power notation after a figure: "1e10", "12.32e+14", "1.1^23", "2.5^-1",
/// "1.3x10^6". Returns the value (sign of the base kept outside) and the end.
fn power_after(text: &str, i: usize, base: f64) -> Option<(f64, usize)> {
    let b = text.as_bytes();
    let signed_digits = |mut j: usize, many_signs: bool| -> Option<(i32, usize)> {
        let mut negative = false;
        while matches!(byte(b, j), b'+' | b'-') {
            negative ^= byte(b, j) == b'-';
            j += 1;
            if !many_signs {
                break;
            }
        }
        let start = j;
        while byte(b, j).is_ascii_digit() && j - start < 4 {
            j += 1;
        }
        let exp: i32 = text.get(start..j)?.parse().ok()?;
        let end_ok = !char_at(text, j)
            .is_some_and(|c| c.is_alphanumeric() || c == '.' && byte(b, j + 1).is_ascii_digit());
        end_ok.then_some((if negative { -exp } else { exp }, j))
    };
    let (value, end) = match byte(b, i) {
        b'e' | b'E' => {
            let (e, end) = signed_digits(i + 1, false)?;
            (base * 10f64.powi(e), end)
        }
        b'^' => {
            let (e, end) = signed_digits(i + 1, true)?;
            (base.powi(e), end)
        }
        b'x' if text.get(i + 1..).is_some_and(|r| r.starts_with("10^")) => {
            let (e, end) = signed_digits(i + 4, false)?;
            (base * 10f64.powi(e), end)
        }
        _ => return None,
    };
    value.is_finite().then_some((value, end))
}

/// A proper fraction in digits, "3/4", or a mixed one, "2 1/4" (`at` is where the digits start):
/// numerator below the denominator, both short, nothing glued after. "24/7" and "5/17/2018" are
/// not fractions.
fn slash_fraction(text: &str, at: usize, digits: &Digits) -> Option<(f64, usize)> {
    let b = text.as_bytes();
    if digits.separated || digits.parts.frac_len > 0 || digits.int_len > 3 {
        return None;
    }
    let whole = digits.parts.value(0);
    let proper = |i: usize| -> Option<(f64, usize)> {
        let num_end = i + b.get(i..)?.iter().take_while(|c| c.is_ascii_digit()).count();
        if num_end == i || num_end - i > 3 || byte(b, num_end) != b'/' {
            return None;
        }
        let den_start = num_end + 1;
        let den_end = den_start + b.get(den_start..)?.iter().take_while(|c| c.is_ascii_digit()).count();
        if den_end == den_start || den_end - den_start > 3 {
            return None;
        }
        if char_at(text, den_end).is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '-' | '_'))
            || (byte(b, den_end) == b'.' && byte(b, den_end + 1).is_ascii_digit())
        {
            return None;
        }
        let num: f64 = text.get(i..num_end)?.parse().ok()?;
        let den: f64 = text.get(den_start..den_end)?.parse().ok()?;
        (den > 0.0 && num < den).then_some((num / den, den_end))
    };
    if byte(b, digits.end) == b'/' {
        return proper(at);
    }
    // "2  1/4": spaces, then a proper fraction.
    let j = skip_ws(text, digits.end);
    if j > digits.end && !text.get(digits.end..j)?.contains('\n') {
        let (f, end) = proper(j)?;
        return Some((whole + f, end));
    }
    None
}

/// "½", "⅔", "¾": a fraction in one character.
fn vulgar_fraction(text: &str, i: usize) -> Option<(f64, usize)> {
    let c = char_at(text, i)?;
    let v = match c {
        '½' => 1.0 / 2.0,
        '⅓' => 1.0 / 3.0,
        '⅔' => 2.0 / 3.0,
        '¼' => 1.0 / 4.0,
        '¾' => 3.0 / 4.0,
        '⅕' => 1.0 / 5.0,
        '⅙' => 1.0 / 6.0,
        '⅛' => 1.0 / 8.0,
        _ => return None,
    };
    Some((v, i + c.len_utf8()))
}

/// Whether a round-number word ("hundred", "lakh", "dozens") follows the digits ending at `i`.
fn round_word_after(text: &str, i: usize) -> bool {
    let Some((j, _)) = next_token_start(text, i) else { return false };
    matches!(word_tok(read_word(text, j).0), Some(Tok::Round(_) | Tok::Dozen))
}

/// End of the digits (with decimals) at `i`.
fn digit_run_end(text: &str, i: usize) -> usize {
    parse_digits(text, i).map_or(i, |d| d.end)
}

fn digit_core(
    text: &str,
    start: usize,
    at: usize,
    neg: bool,
    prefix: Option<&'static str>,
    shift: i32,
) -> Option<Core> {
    let digits = parse_digits(text, at)?;
    let mut parts = digits.parts;
    parts.neg = neg;
    let mut fixed = None;
    let mut digits_end = digits.end;
    if prefix.is_none() {
        if let Some((v, e)) = power_after(text, digits.end, parts.value(0).abs()) {
            fixed = Some(if neg { -v } else { v });
            digits_end = e;
        } else if let Some((v, e)) = slash_fraction(text, at, &digits) {
            fixed = Some(if neg { -v } else { v });
            digits_end = e;
        }
    }
    let (mut scale_exp, mut end) = if fixed.is_some() {
        (0, digits_end)
    } else {
        scale_after(text, digits.end, prefix.is_some(), parts.frac_len > 0)
    };
    scale_exp += shift;
    let glued_currency = prefix.is_none() && currency_after(text, end).is_some_and(|t| t.end > end);
    if !follow_ok(text, end) && !glued_currency {
        return None;
    }
    let mut unit = prefix;
    if let Some(code) = prefix {
        // "$ 10 dollars": the same currency named again.
        if let Some(t) =
            currency_after(text, end).filter(|t| t.code == code && t.shift == 0 && t.cents.is_none())
        {
            let named = text.get(end..t.end).is_some_and(|w| w.bytes().any(|c| c.is_ascii_alphabetic()));
            if named && !byte(text.as_bytes(), end).is_ascii_alphanumeric() {
                end = t.end;
            }
        }
    }
    if unit.is_none() {
        if let Some(e) = percent_after(text, end) {
            unit = Some(PERCENT);
            end = e;
        } else if let Some(t) = currency_after(text, end) {
            unit = Some(t.code);
            end = t.end;
            scale_exp += t.shift;
            if let Some(c) = t.cents {
                fixed = Some(parts.value(scale_exp) + c / 100.0);
            } else if let Some(f) = fixed.as_mut() {
                *f *= 10f64.powi(t.shift);
            }
        } else if scale_exp == 0 && time_after(text, end) {
            return None;
        }
    }
    let plain = !digits.separated
        && parts.frac_len == 0
        && scale_exp == 0
        && unit.is_none()
        && !neg
        && fixed.is_none();
    let value = parts.value(scale_exp);
    let year_like = plain && digits.int_len == 4 && (1500.0..=2100.0).contains(&value);
    let core = Core {
        start,
        end,
        parts,
        scale_exp,
        fixed,
        unit,
        year_like,
        plain_len: plain.then_some(digits.int_len),
        vague: None,
        used_and: false,
    };
    // 500 nines overflow f64: no sensible figure, and infinities would poison comparisons.
    value.is_finite().then_some(core)
}

/// One written-number token.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    /// A cardinal below one hundred ("seven", "twenty", "twenty-one" once merged), or digits;
    /// `tens` for a bare multiple of ten that a unit may still join.
    Card {
        v: f64,
        tens: bool,
        digits: bool,
    },
    /// "hundred", "thousand", "million", "billion", "trillion", "lakh", "crore".
    Round(f64),
    /// "dozen", "dozens", "dz", "dzs", "doz", "dozs".
    Dozen,
    /// A denominator: "half", "third", "quarters", "twenty-first" once merged.
    Ord {
        d: f64,
        plural: bool,
    },
    And,
    Point,
    /// "a" or "an".
    A,
    /// "minus" or "negative".
    Minus,
}

fn word_tok(word: &str) -> Option<Tok> {
    let mut buf = [0u8; 16];
    word_tok_lower(ascii_lowercase_into(word.as_bytes(), &mut buf)?)
}

/// Every number word and its token: the table [`word_tok_lower`] looks words up in.
const WORD_TOKENS: &[(&str, Tok)] = &[
    ("zero", card(0.0)),
    ("nought", card(0.0)),
    ("naught", card(0.0)),
    ("one", card(1.0)),
    ("two", card(2.0)),
    ("three", card(3.0)),
    ("four", card(4.0)),
    ("five", card(5.0)),
    ("six", card(6.0)),
    ("seven", card(7.0)),
    ("eight", card(8.0)),
    ("nine", card(9.0)),
    ("ten", card(10.0)),
    ("eleven", card(11.0)),
    ("twelve", card(12.0)),
    ("thirteen", card(13.0)),
    ("fourteen", card(14.0)),
    ("fifteen", card(15.0)),
    ("sixteen", card(16.0)),
    ("seventeen", card(17.0)),
    ("eighteen", card(18.0)),
    ("nineteen", card(19.0)),
    ("twenty", tens(20.0)),
    ("thirty", tens(30.0)),
    ("forty", tens(40.0)),
    ("fifty", tens(50.0)),
    ("sixty", tens(60.0)),
    ("seventy", tens(70.0)),
    ("eighty", tens(80.0)),
    ("ninety", tens(90.0)),
    ("hundred", Tok::Round(1e2)),
    ("hundreds", Tok::Round(1e2)),
    ("thousand", Tok::Round(1e3)),
    ("lakh", Tok::Round(1e5)),
    ("million", Tok::Round(1e6)),
    ("crore", Tok::Round(1e7)),
    ("billion", Tok::Round(1e9)),
    ("trillion", Tok::Round(1e12)),
    ("dozen", Tok::Dozen),
    ("dozens", Tok::Dozen),
    ("dz", Tok::Dozen),
    ("dzs", Tok::Dozen),
    ("doz", Tok::Dozen),
    ("dozs", Tok::Dozen),
    ("and", Tok::And),
    ("point", Tok::Point),
    ("a", Tok::A),
    ("an", Tok::A),
    ("minus", Tok::Minus),
    ("negative", Tok::Minus),
    ("half", ord(2.0)),
    ("halves", ords(2.0)),
    ("quarter", ord(4.0)),
    ("quarters", ords(4.0)),
    ("firsts", ords(1.0)),
    ("first", ord(1.0)),
    ("third", ord(3.0)),
    ("thirds", ords(3.0)),
    ("fourth", ord(4.0)),
    ("fourths", ords(4.0)),
    ("fifth", ord(5.0)),
    ("fifths", ords(5.0)),
    ("sixth", ord(6.0)),
    ("sixths", ords(6.0)),
    ("seventh", ord(7.0)),
    ("sevenths", ords(7.0)),
    ("eighth", ord(8.0)),
    ("eighths", ords(8.0)),
    ("ninth", ord(9.0)),
    ("ninths", ords(9.0)),
    ("tenth", ord(10.0)),
    ("tenths", ords(10.0)),
    ("twelfth", ord(12.0)),
    ("twelfths", ords(12.0)),
    ("twentieth", ord(20.0)),
    ("twentieths", ords(20.0)),
    ("thirtieth", ord(30.0)),
    ("thirtieths", ords(30.0)),
    ("hundredth", ord(1e2)),
    ("hundredths", ords(1e2)),
    ("thousandth", ord(1e3)),
    ("thousandths", ords(1e3)),
    ("millionth", ord(1e6)),
    ("millionths", ords(1e6)),
    ("billionth", ord(1e9)),
    ("billionths", ords(1e9)),
    ("trillionth", ord(1e12)),
    ("trillionths", ords(1e12)),
];

const fn card(v: f64) -> Tok {
    Tok::Card { v, tens: false, digits: false }
}

const fn tens(v: f64) -> Tok {
    Tok::Card { v, tens: true, digits: false }
}

const fn ord(d: f64) -> Tok {
    Tok::Ord { d, plural: false }
}

const fn ords(d: f64) -> Tok {
    Tok::Ord { d, plural: true }
}

/// [`word_tok`] of a word already lower-cased.
fn word_tok_lower(word: &[u8]) -> Option<Tok> {
    word_table().get(word)
}

/// [`WORD_TOKENS`] as a hashed table, built on first use.
fn word_table() -> &'static crate::text::WordTable<Tok> {
    static TABLE: std::sync::OnceLock<crate::text::WordTable<Tok>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| crate::text::WordTable::new(WORD_TOKENS.iter().copied()))
}

/// Quick test on the first word: can a written number or a vague magnitude start here? Most
/// words of running text stop at this one lookup.
fn may_begin_words(text: &str, p: usize) -> bool {
    may_begin_given(text, p, opening_of(text, p))
}

/// What [`opening_table`] holds for the letters at `p`.
fn opening_of(text: &str, p: usize) -> Option<Opening> {
    // No number word is longer than 11 letters.
    let tail = text.as_bytes().get(p..).unwrap_or_default();
    let (key, _) = crate::text::letters_key(tail, 11)?;
    opening_table().get_key(u128::from_be_bytes(key))
}

/// [`may_begin_words`] with the table look-up done.
fn may_begin_given(text: &str, p: usize, opening: Option<Opening>) -> bool {
    match opening {
        Some(Opening::Begins) => true,
        // "a" and "minus" are everywhere; they start a number only before a number word or
        // digits ("a dozen", "a third", "minus 5").
        Some(Opening::BeforeNumber) => {
            let len = crate::text::ascii_letters_at(text.as_bytes(), p);
            next_token_start(text, p + len).is_some_and(|(j, _)| {
                byte(text.as_bytes(), j).is_ascii_digit()
                    || matches!(
                        word_tok(read_word(text, j).0),
                        Some(Tok::Card { .. } | Tok::Round(_) | Tok::Dozen | Tok::Ord { .. })
                    )
            })
        }
        None => false,
    }
}

/// What a first word says of a written number starting with it (see [`may_begin_words`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Opening {
    /// It starts one: a cardinal ("seven"), "second" or "fourth", or a vague magnitude ("dozens",
    /// "hundreds", whatever token it is otherwise).
    Begins,
    /// It starts one only before a number ("a", "an", "minus").
    BeforeNumber,
}

/// The words that may open a written number, as one table: one look-up per word of the text.
fn opening_table() -> &'static crate::text::WordTable<Opening> {
    static TABLE: std::sync::OnceLock<crate::text::WordTable<Opening>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| crate::text::WordTable::new(opening_words().into_iter()))
}

/// The words that may open a written number, with what each says (see [`Opening`]).
pub(super) fn opening_words() -> Vec<(&'static str, Opening)> {
    let vague = ["dozens", "tens", "hundreds", "thousands", "millions", "billions"];
    WORD_TOKENS
        .iter()
        .filter_map(|&(word, tok)| match tok {
            Tok::Card { .. } => Some((word, Opening::Begins)),
            Tok::Ord { d, plural: false } if d == 2.0 || d == 4.0 => Some((word, Opening::Begins)),
            Tok::A | Tok::Minus => Some((word, Opening::BeforeNumber)),
            _ => None,
        })
        .chain(vague.iter().map(|&word| (word, Opening::Begins)))
        .collect()
}

/// Number words read at a position.
struct Words {
    parts: Parts,
    scale_exp: i32,
    /// The value when it is not an integer ("two thirds", "five point five").
    fixed: Option<f64>,
    end: usize,
    used_and: bool,
    /// A lone "one": read only when a unit follows ("one penny").
    bare_one: bool,
}

/// A token with where it ends.
#[derive(Debug, Clone, Copy)]
struct T {
    tok: Tok,
    end: usize,
}

/// Start of the next word after `end`: across spaces, across a hyphen ("twenty-five"), or across
/// a spaced hyphen ("fifty - two"); never across a line break. Returns (start, hyphen).
fn next_token_start(text: &str, end: usize) -> Option<(usize, bool)> {
    let b = text.as_bytes();
    if byte(b, end) == b'-' && byte(b, end + 1).is_ascii_alphanumeric() {
        return Some((end + 1, true));
    }
    let mut j = end;
    while matches!(byte(b, j), b' ' | b'\t') {
        j += 1;
    }
    if j == end {
        return None;
    }
    if byte(b, j) == b'-' && byte(b, j + 1) == b' ' {
        let k = j + 2;
        return byte(b, k).is_ascii_alphabetic().then_some((k, true));
    }
    byte(b, j).is_ascii_alphanumeric().then_some((j, false))
}

/// Plain digits (no separators) as a token, for "3 hundred and 21"; `first` also allows decimals.
fn digit_tok(text: &str, i: usize, first: bool) -> Option<(Tok, usize)> {
    let d = parse_digits(text, i)?;
    if d.separated
        || (!first && d.parts.frac_len > 0)
        || char_at(text, d.end).is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    let v = d.parts.value(0);
    Some((Tok::Card { v, tens: false, digits: true }, d.end))
}

/// Reads the run of number tokens at `p`: at most 40, stopping after a denominator (or the round
/// number right after it, "half a million" aside).
fn read_run(text: &str, p: usize, allow_digits: bool) -> Vec<T> {
    let mut run: Vec<T> = Vec::new();
    let mut pos = p;
    let mut hyphen = false;
    while run.len() < 40 {
        let first = run.is_empty() || matches!(run.as_slice(), [t] if t.tok == Tok::Minus);
        let (tok, end) = if byte(text.as_bytes(), pos).is_ascii_digit() {
            let prev_ok = matches!(run.last().map(|t| t.tok), Some(Tok::Round(_) | Tok::And | Tok::Minus));
            if !(prev_ok || allow_digits && first) {
                break;
            }
            match digit_tok(text, pos, first) {
                Some(found) => found,
                None => break,
            }
        } else {
            let (word, end) = read_word(text, pos);
            if char_at(text, end).is_some_and(|c| c.is_alphanumeric() && !c.is_ascii_alphabetic()) {
                break;
            }
            match word_tok(word) {
                Some(tok) => (tok, end),
                None => break,
            }
        };
        let last = run.last().map(|t| t.tok);
        // Merge "twenty-one" / "ninety - five" into one cardinal, "twenty-first" into one
        // denominator.
        match (last, tok) {
            (
                Some(Tok::Card { v: t, tens: true, digits: false }),
                Tok::Card { v: u, tens: false, digits: false },
            ) if hyphen && u > 0.0 && u < 10.0 => {
                if let Some(slot) = run.last_mut() {
                    slot.tok = Tok::Card { v: t + u, tens: false, digits: false };
                    slot.end = end;
                }
            }
            (Some(Tok::Card { v: t, tens: true, digits: false }), Tok::Ord { d, plural })
                if hyphen && d < 10.0 && d != 2.0 =>
            {
                if let Some(slot) = run.last_mut() {
                    slot.tok = Tok::Ord { d: t + d, plural };
                    slot.end = end;
                }
            }
            _ => run.push(T { tok, end }),
        }
        let stop = match tok {
            Tok::Ord { .. } => !matches!(
                next_token_start(text, end).map(|(s, _)| word_tok(read_word(text, s).0)),
                Some(Some(Tok::Round(r))) if r >= 1e3
            ),
            Tok::Dozen => true,
            Tok::Round(r) if r >= 1e3 => matches!(last, Some(Tok::Ord { .. })),
            _ => false,
        };
        if stop {
            break;
        }
        match next_token_start(text, end) {
            Some((next, h)) => {
                pos = next;
                hyphen = h;
            }
            None => break,
        }
    }
    run
}

/// An integer read from tokens: value, tokens used, and (group, exponent) of a single scale.
type IntRead = (f64, usize, Option<(f64, i32)>);

/// An integer read from the front of `toks` (cardinals, "a", hundred, scales, dozen, "and");
/// returns the value, how many tokens it used, and (group, exponent) when it ends on a single
/// scale word ("two million" → (2, 6)).
fn int_prefix(toks: &[T]) -> Option<IntRead> {
    #[derive(Clone, Copy, PartialEq)]
    enum Last {
        Start,
        Small,
        Tens,
        Hundred,
        Scale,
        A,
        And,
        Dozen,
    }
    let (mut total, mut cur, mut hund) = (0.0f64, 0.0f64, 0.0f64);
    let mut last = Last::Start;
    let mut used = 0;
    let mut good = (0.0, 0usize, None);
    let mut scales = 0;
    let mut group = None;
    let mut last_round = f64::INFINITY;
    let mut before_and = (0.0, 0usize, None);
    for (k, t) in toks.iter().enumerate() {
        let after_and = last == Last::And;
        match t.tok {
            // "4 thousand 3 hundred and 0": a digit zero after "and" is a number of its own.
            Tok::Card { v, digits: true, .. } if after_and && v == 0.0 => break,
            Tok::Card { v, tens, .. } => {
                let ok = match last {
                    Last::Start | Last::Hundred | Last::Scale | Last::And => true,
                    Last::Tens => !tens && v > 0.0 && v < 10.0,
                    _ => false,
                };
                if !ok {
                    break;
                }
                cur += v;
                last = if tens { Last::Tens } else { Last::Small };
            }
            Tok::A if matches!(last, Last::Start | Last::And) => {
                cur += 1.0;
                last = Last::A;
            }
            Tok::Round(r) if r < 1e3 => {
                // "3 hundred and 2 hundred" is two numbers: one hundred per group.
                if !matches!(last, Last::Small | Last::Tens | Last::A) || cur - hund <= 0.0 || hund > 0.0 {
                    // Give the "and" and what followed it back.
                    if hund > 0.0 {
                        good = before_and;
                    }
                    break;
                }
                cur = hund + (cur - hund) * r;
                hund = cur;
                last = Last::Hundred;
            }
            Tok::Round(r) => {
                // "three lakh crore": a larger scale multiplies what came before.
                let stacked = last == Last::Scale && r > last_round && cur == 0.0;
                if !matches!(last, Last::Small | Last::Tens | Last::Hundred | Last::A) && !stacked {
                    break;
                }
                last_round = r;
                group = Some((cur, r));
                if total == 0.0 || total < r {
                    total = (total + cur) * r;
                } else {
                    total += cur * r;
                }
                scales += 1;
                cur = 0.0;
                hund = 0.0;
                last = Last::Scale;
            }
            Tok::Dozen => {
                if !matches!(last, Last::Small | Last::Tens | Last::A) {
                    break;
                }
                cur = hund + (cur - hund) * 12.0;
                last = Last::Dozen;
            }
            Tok::And if matches!(last, Last::Hundred | Last::Scale) => {
                last = Last::And;
                before_and = good;
                continue;
            }
            _ => break,
        }
        used = k + 1;
        if last != Last::A {
            let whole = if last == Last::Scale && scales == 1 { group } else { None };
            good = (total + cur, used, whole);
        }
        if last == Last::Dozen {
            break;
        }
    }
    let _ = used;
    (good.1 > 0).then(|| {
        let whole = good.2.map(|(g, r): (f64, f64)| (g, r.log10().round() as i32));
        (good.0, good.1, whole)
    })
}

fn tok_value(t: &Tok) -> f64 {
    match *t {
        Tok::Card { v, .. } => v,
        Tok::Round(r) => r,
        Tok::Dozen => 12.0,
        Tok::Ord { d, .. } => d,
        Tok::A => 1.0,
        _ => 0.0,
    }
}

/// The value of whole tokens read as one integer (an ordinal counting as its number), or `None`.
fn int_all(toks: &[T]) -> Option<f64> {
    if toks.is_empty() {
        return None;
    }
    if let [only] = toks {
        return Some(tok_value(&only.tok));
    }
    let as_int: Vec<T> = toks
        .iter()
        .map(|t| match t.tok {
            Tok::Ord { d, .. } if d >= 100.0 => T { tok: Tok::Round(d), ..*t },
            Tok::Ord { d, .. } => {
                T { tok: Tok::Card { v: d, tens: d >= 20.0 && d % 10.0 == 0.0, digits: false }, ..*t }
            }
            _ => *t,
        })
        .collect();
    // Recognizers reads "and" loosely inside a fraction's parts ("twenty and three").
    let trimmed: Vec<T> = as_int.into_iter().filter(|t| t.tok != Tok::And).collect();
    let (v, used, _) = int_prefix(&trimmed)?;
    (used == trimmed.len()).then_some(v)
}

/// Whether `small` can follow `big` inside one number ("hundred" + "five", "twenty" + "one").
fn composable(big: f64, small: f64) -> bool {
    let base = if small > 10.0 { 100.0 } else { 10.0 };
    big % base == 0.0 && big / base >= 1.0
}

/// A written fraction: `toks` ends with its denominator; split into integer part, numerator and
/// denominator the way Recognizers-Text does ("one hundred thirty fifths" is 100/35, "one hundred
/// and thirty fifths" 130/5, "two and three fifths" 2 + 3/5). Returns the value.
fn fraction_value(toks: &[T], scale_int: bool) -> Option<f64> {
    let n = toks.len();
    let last = toks.last()?;
    let Tok::Ord { d, plural } = last.tok else { return None };
    if n == 1 {
        return None;
    }
    let is_and = |k: usize| toks.get(k).is_some_and(|t| t.tok == Tok::And);
    let val = |k: usize| toks.get(k).map_or(0.0, |t| tok_value(&t.tok));
    let mut cur = d;
    let mut round = 1.0;
    let mut split = n - 1;
    let mut i = n - 1;
    while i > 0 {
        i -= 1;
        if is_and(i) {
            split = i;
            continue;
        }
        let prev = cur;
        cur = val(i);
        if (prev >= 100.0 && prev > cur) || (prev < 100.0 && composable(cur, prev)) {
            if prev < 100.0 && cur >= round {
                round = cur;
            } else if prev < 100.0 && cur < round {
                split = i + 1;
                break;
            }
            if i == 0 {
                split = 1;
                while split + 1 < n {
                    let next_small = !is_and(split + 1) && val(split + 1) < 100.0;
                    if !is_and(split) && val(split) >= 100.0 && next_small {
                        split += 1;
                        break;
                    }
                    split += 1;
                }
                break;
            }
            split = i;
            continue;
        }
        split = i + 1;
        break;
    }
    // "two and fifty-four hundredths": an "and" never opens the denominator.
    if toks.get(split).is_some_and(|t| t.tok == Tok::And) {
        split = n - 1;
    }
    let denominator = int_all(toks.get(split..)?)?;
    let head = toks.get(..split)?;
    if head.is_empty() || denominator <= 1.0 {
        return None;
    }
    // Mixed number: the numerator follows the last "and".
    let and_at =
        head.iter().enumerate().rev().find(|(k, t)| t.tok == Tok::And && k + 1 < head.len()).map(|(k, _)| k);
    let (int_part, numerator, scale) = match and_at {
        Some(k) => {
            let int_toks = head.get(..k)?;
            let scale = match int_toks.last().map(|t| t.tok) {
                Some(Tok::Round(r)) if r >= 1e3 && scale_int => r,
                _ => 1.0,
            };
            (int_all(int_toks)?, int_all(head.get(k + 1..)?)?, scale)
        }
        None => (0.0, int_all(head)?, 1.0),
    };
    // A singular denominator takes a numerator of one: "a third", "one fifth".
    let single = and_at.map_or(head, |k| head.get(k + 1..).unwrap_or(&[]));
    let one = matches!(single, [t] if matches!(t.tok, Tok::A | Tok::Card { v: 1.0, digits: false, .. }));
    if !plural && !one {
        return None;
    }
    if and_at.is_some() && numerator < denominator {
        Some(int_part + numerator / denominator * scale)
    } else {
        Some((int_part + numerator) / denominator)
    }
}

/// Written numbers: "ten", "twenty-five", "three hundred and fifty", "two million", "a dozen",
/// "two thirds", "one and a half", "five point five", "minus five", "3 hundred and 21".
fn parse_words(text: &str, p: usize, allow_and: bool) -> Option<Words> {
    let mut run = read_run(text, p, true);
    let mut neg = false;
    if run.first().is_some_and(|t| t.tok == Tok::Minus) {
        neg = true;
        run.remove(0);
    }
    if !allow_and {
        if let Some(k) = run.iter().position(|t| t.tok == Tok::And) {
            run.truncate(k);
        }
    }
    let first_digits = matches!(run.first().map(|t| t.tok), Some(Tok::Card { digits: true, .. }));
    let sign = |v: f64| if neg { -v } else { v };
    let words = |v: f64, end: usize, used_and: bool, whole: Option<(f64, i32)>| {
        let v = sign(v);
        let integral = v.fract() == 0.0 && v.abs() < 9e15;
        let (parts, scale_exp, fixed) = match whole {
            Some((g, e)) if integral && g.fract() == 0.0 && !neg => (Parts::from_int(g as u64), e, None),
            _ if integral => {
                let mut parts = Parts::from_int(v.abs() as u64);
                parts.neg = v < 0.0;
                (parts, 0, None)
            }
            _ => (Parts::default(), 0, Some(v)),
        };
        Words { parts, scale_exp, fixed, end, used_and, bare_one: false }
    };
    // A fraction: the run ends on a denominator, maybe with a round number after it.
    if let Some(k) = run.iter().position(|t| matches!(t.tok, Tok::Ord { .. })) {
        let upto = run.get(..=k)?;
        let after = match run.get(k + 1).map(|t| t.tok) {
            Some(Tok::Round(r)) if r >= 1e3 => Some((r, run.get(k + 1).map_or(0, |t| t.end))),
            _ => None,
        };
        let digits_first = matches!(upto.first().map(|t| t.tok), Some(Tok::Card { digits: true, .. }));
        let mixed = upto.iter().any(|t| t.tok == Tok::And);
        let fraction = if digits_first && !mixed { None } else { fraction_value(upto, after.is_none()) };
        let value = match (fraction, after) {
            (Some(v), Some((r, _))) => {
                // "five and a half million" scales all; "one billion and a half million" the
                // fraction only.
                let and_at = upto.iter().rposition(|t| t.tok == Tok::And);
                let int_before = and_at.and_then(|a| int_all(upto.get(..a)?)).unwrap_or(0.0);
                if int_before >= r {
                    Some(int_before + (v - int_before) * r)
                } else {
                    Some(v * r)
                }
            }
            (Some(v), None) => Some(v),
            // "half a million", "half million", "quarter million".
            (None, Some((r, _))) if k == 0 => Some(tok_value(&upto.first()?.tok).recip() * r),
            (None, _) => None,
        };
        if let Some(v) = value {
            let end = after.map_or(upto.last()?.end, |(_, e)| e);
            let single = !matches!(upto.last()?.tok, Tok::Ord { plural: true, .. })
                && after.is_none()
                && !upto.iter().any(|t| t.tok == Tok::And);
            // "a third time", "one fourth term": an ordinal before a noun, not a fraction.
            if single && !ordinal_ok_after(text, end) {
                return None;
            }
            let used_and = upto.iter().any(|t| t.tok == Tok::And);
            // "two thirds of a million".
            if after.is_none() {
                if let Some((r, e)) = of_a_round(text, end) {
                    return Some(words(v * r, e, used_and, None));
                }
            }
            return Some(words(v, end, used_and, None));
        }
        if k == 0 {
            return half_a(text, p);
        }
        // "two hundredth", "one hundred twenty fifth": an ordinal, not a quantity.
        if matches!(upto.last().map(|t| t.tok), Some(Tok::Ord { plural: false, .. })) && !digits_first {
            return None;
        }
        // "100 millionths": the number before the denominator stands alone.
        run.truncate(k);
    }
    let (int, used, whole) = int_prefix(&run)?;
    let used_toks = run.get(..used)?;
    let mut end = used_toks.last()?.end;
    // "two hundred point zero three", "five point five".
    if let Some(Tok::Point) = run.get(used).map(|t| t.tok) {
        let mut digits = String::new();
        for t in run.get(used + 1..).unwrap_or(&[]) {
            match t.tok {
                Tok::Card { v, tens: false, digits: false } if v < 10.0 => {
                    digits.push(char::from(b'0' + v as u8));
                    end = t.end;
                }
                Tok::Card { v, digits: false, .. } if digits.is_empty() && v < 100.0 => {
                    digits.push_str(&format!("{}", v as u32));
                    end = t.end;
                    break;
                }
                _ => break,
            }
        }
        if !digits.is_empty() {
            let frac: f64 = format!("0.{digits}").parse().ok()?;
            return Some(words(int + frac, end, false, None));
        }
    }
    let used_and = used_toks.iter().any(|t| t.tok == Tok::And);
    if first_digits && used < 2 && !neg {
        return None;
    }
    // A bare "one" is nearly always a pronoun or an article ("one of the largest").
    let bare_one = used == 1 && int == 1.0 && !neg && !first_digits;
    Some(Words { bare_one, ..words(int, end, used_and, whole) })
}

/// " of a million" after a fraction: the round number and its end.
fn of_a_round(text: &str, end: usize) -> Option<(f64, usize)> {
    let a = spaced_word(text, end, "of").and_then(|e| spaced_word(text, e, "a"))?;
    let j = skip_ws(text, a);
    let (word, wend) = read_word(text, j);
    match word_tok(word)? {
        Tok::Round(r) if r >= 1e3 && j > a && !char_at(text, wend).is_some_and(char::is_alphanumeric) => {
            Some((r, wend))
        }
        _ => None,
    }
}

/// What may follow a singular fraction ("a third") for it to be one: nothing, punctuation, or
/// "of"/"and"/"or"; before another word it is an ordinal ("a third time").
fn ordinal_ok_after(text: &str, end: usize) -> bool {
    let j = skip_ws(text, end);
    match char_at(text, j) {
        None => true,
        Some(c) if c.is_alphabetic() => {
            let (w, _) = read_word(text, j);
            ["of", "and", "or", "more", "less"].iter().any(|x| x.eq_ignore_ascii_case(w))
        }
        Some(c) => !c.is_ascii_digit(),
    }
}

/// "half a million", "half a dozen".
fn half_a(text: &str, p: usize) -> Option<Words> {
    let (first, first_end) = read_word(text, p);
    if !first.eq_ignore_ascii_case("half") {
        return None;
    }
    let a = spaced_word(text, first_end, "a")?;
    let j = skip_ws(text, a);
    let (word, wend) = read_word(text, j);
    if j == a || char_at(text, wend).is_some_and(char::is_alphanumeric) {
        return None;
    }
    let whole = match word_tok(word)? {
        Tok::Dozen => 12,
        Tok::Round(r) => r as u64,
        _ => return None,
    };
    Some(Words {
        parts: Parts::from_int(whole / 2),
        scale_exp: 0,
        fixed: None,
        end: wend,
        used_and: false,
        bare_one: false,
    })
}

fn word_core(text: &str, p: usize, allow_and: bool) -> Option<Core> {
    let words = parse_words(text, p, allow_and)?;
    let b = text.as_bytes();
    // "twenty-first", "five-year": an ordinal or an adjective, not a count ("one-yen" is money).
    let hyphen_currency =
        currency_after(text, words.end).is_some_and(|t| byte(b, words.end) == b'-' && t.end > words.end);
    if byte(b, words.end) == b'-' && byte(b, words.end + 1).is_ascii_alphabetic() && !hyphen_currency {
        return None;
    }
    let mut scale_exp = words.scale_exp;
    let mut fixed = words.fixed;
    let (unit, end) = if let Some(e) = percent_after(text, words.end) {
        (Some(PERCENT), e)
    } else if let Some(t) = currency_after(text, words.end) {
        scale_exp += t.shift;
        if let Some(c) = t.cents {
            fixed = Some(fixed.unwrap_or_else(|| words.parts.value(scale_exp)) + c / 100.0);
        } else if let Some(f) = fixed.as_mut() {
            *f *= 10f64.powi(t.shift);
        }
        (Some(t.code), t.end)
    } else {
        if words.bare_one {
            return None;
        }
        (None, words.end)
    };
    Some(Core {
        start: p,
        end,
        parts: words.parts,
        scale_exp,
        fixed,
        unit,
        year_like: false,
        plain_len: None,
        vague: None,
        used_and: words.used_and,
    })
}

/// "hundreds of", "tens of thousands of", "millions of dollars": a range of magnitudes. The span
/// stops before the trailing "of" unless a currency follows it.
fn vague_core(text: &str, p: usize) -> Option<Core> {
    let (first, first_end) = read_word(text, p);
    let mut buf = [0u8; 16];
    let lead = match ascii_lowercase_into(first.as_bytes(), &mut buf)? {
        b"dozens" => 0,
        b"tens" => 1,
        b"hundreds" => 2,
        b"thousands" => 3,
        b"millions" => 6,
        b"billions" => 9,
        _ => return None,
    };
    let of = spaced_word(text, first_end, "of")?;
    let (lo, hi, end) = match lead {
        0 => (13.0, 99.0, first_end),
        3 => (2_000.0, 9_999.0, first_end),
        6 => (2e6, 999_999_999.0, first_end),
        9 => (2e9, 999_999_999_999.0, first_end),
        _ => {
            let j = skip_ws(text, of);
            let (second, second_end) = read_word(text, j);
            let magnitude = match ascii_lowercase_into(second.as_bytes(), &mut buf) {
                Some(b"thousands") => Some(1e3),
                Some(b"millions") => Some(1e6),
                Some(b"billions") => Some(1e9),
                _ => None,
            };
            match magnitude {
                // "tens of thousands of": [20,000, 99,999]; "hundreds of millions of": [2e8, 1e9).
                Some(m) if j > of && spaced_word(text, second_end, "of").is_some() => {
                    let unit = if lead == 1 { 10.0 } else { 100.0 };
                    (2.0 * unit * m, 10.0 * unit * m - 1.0, second_end)
                }
                Some(_) => return None,
                // "hundreds of people"; a bare "tens of" is too rare to trust.
                None if lead == 2 => (200.0, 999.0, first_end),
                None => return None,
            }
        }
    };
    let of_end = spaced_word(text, end, "of")?;
    let (unit, end) = match currency_after(text, of_end) {
        Some(t) => (Some(t.code), t.end),
        None => (None, end),
    };
    Some(Core {
        start: p,
        end,
        parts: Parts::default(),
        scale_exp: 0,
        fixed: None,
        unit,
        year_like: false,
        plain_len: None,
        vague: Some((lo, hi)),
        used_and: false,
    })
}

// ---------------------------------------------------------------------------------------------
// Qualifiers, read backwards from the figure

/// What stands before a figure.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Lead {
    /// A qualifier proper.
    Q(Qualifier),
    /// "between": a range follows with "and".
    Between,
    /// "from": a range or a change follows with "to".
    From,
    /// "equal to", "equals": the figure exactly, the words kept in the span.
    Exact,
    /// "<>", "=>", "=<": a comparison that cannot be read; the figure is no claim.
    Block,
}

/// Qualifier phrases, longer first so "no more than" wins over "more than".
const PHRASES: &[(&[&str], Lead)] = &[
    (&["greater", "than", "or", "equal", "to"], Lead::Q(Qualifier::AtLeast)),
    (&["more", "than", "or", "equal", "to"], Lead::Q(Qualifier::AtLeast)),
    (&["less", "than", "or", "equal", "to"], Lead::Q(Qualifier::AtMost)),
    (&["fewer", "than", "or", "equal", "to"], Lead::Q(Qualifier::AtMost)),
    (&["equal", "to", "or", "more", "than"], Lead::Q(Qualifier::AtLeast)),
    (&["equal", "to", "or", "greater", "than"], Lead::Q(Qualifier::AtLeast)),
    (&["equal", "to", "or", "less", "than"], Lead::Q(Qualifier::AtMost)),
    (&["equal", "to", "or", "fewer", "than"], Lead::Q(Qualifier::AtMost)),
    (&["at", "least", "or", "equal", "to"], Lead::Q(Qualifier::AtLeast)),
    (&["at", "most", "or", "equal", "to"], Lead::Q(Qualifier::AtMost)),
    (&["higher", "or", "equal", "than"], Lead::Q(Qualifier::AtLeast)),
    (&["bigger", "or", "equal", "than"], Lead::Q(Qualifier::AtLeast)),
    (&["greater", "or", "equal", "than"], Lead::Q(Qualifier::AtLeast)),
    (&["larger", "or", "equal", "than"], Lead::Q(Qualifier::AtLeast)),
    (&["more", "or", "equal", "than"], Lead::Q(Qualifier::AtLeast)),
    (&["lower", "or", "equal", "than"], Lead::Q(Qualifier::AtMost)),
    (&["smaller", "or", "equal", "than"], Lead::Q(Qualifier::AtMost)),
    (&["less", "or", "equal", "than"], Lead::Q(Qualifier::AtMost)),
    (&["no", "fewer", "than"], Lead::Q(Qualifier::AtLeast)),
    (&["no", "less", "than"], Lead::Q(Qualifier::AtLeast)),
    (&["no", "more", "than"], Lead::Q(Qualifier::AtMost)),
    (&["in", "excess", "of"], Lead::Q(Qualifier::MoreThan)),
    (&["a", "minimum", "of"], Lead::Q(Qualifier::AtLeast)),
    (&["a", "maximum", "of"], Lead::Q(Qualifier::AtMost)),
    (&["just", "shy", "of"], Lead::Q(Qualifier::Nearly)),
    (&["as", "many", "as"], Lead::Q(Qualifier::AtMost)),
    (&["as", "much", "as"], Lead::Q(Qualifier::AtMost)),
    (&["more", "than"], Lead::Q(Qualifier::MoreThan)),
    (&["less", "than"], Lead::Q(Qualifier::LessThan)),
    (&["fewer", "than"], Lead::Q(Qualifier::LessThan)),
    (&["greater", "than"], Lead::Q(Qualifier::MoreThan)),
    (&["larger", "than"], Lead::Q(Qualifier::MoreThan)),
    (&["bigger", "than"], Lead::Q(Qualifier::MoreThan)),
    (&["higher", "than"], Lead::Q(Qualifier::MoreThan)),
    (&["smaller", "than"], Lead::Q(Qualifier::LessThan)),
    (&["lower", "than"], Lead::Q(Qualifier::LessThan)),
    (&["equals", "to"], Lead::Exact),
    (&["equaling", "to"], Lead::Exact),
    (&["equal", "to"], Lead::Exact),
    (&["equals"], Lead::Exact),
    (&["upwards", "of"], Lead::Q(Qualifier::MoreThan)),
    (&["upward", "of"], Lead::Q(Qualifier::MoreThan)),
    (&["shy", "of"], Lead::Q(Qualifier::Nearly)),
    (&["just", "under"], Lead::Q(Qualifier::Nearly)),
    (&["just", "below"], Lead::Q(Qualifier::Nearly)),
    (&["at", "least"], Lead::Q(Qualifier::AtLeast)),
    (&["at", "most"], Lead::Q(Qualifier::AtMost)),
    (&["up", "to"], Lead::Q(Qualifier::AtMost)),
    (&["close", "to"], Lead::Q(Qualifier::Nearly)),
    (&["an", "estimated"], Lead::Q(Qualifier::About)),
    (&["estimated"], Lead::Q(Qualifier::About)),
    (&["about"], Lead::Q(Qualifier::About)),
    (&["around"], Lead::Q(Qualifier::About)),
    (&["approximately"], Lead::Q(Qualifier::About)),
    (&["approx."], Lead::Q(Qualifier::About)),
    (&["roughly"], Lead::Q(Qualifier::About)),
    (&["some"], Lead::Q(Qualifier::About)),
    (&["over"], Lead::Q(Qualifier::MoreThan)),
    (&["above"], Lead::Q(Qualifier::MoreThan)),
    (&["exceeding"], Lead::Q(Qualifier::MoreThan)),
    (&["exceed"], Lead::Q(Qualifier::MoreThan)),
    (&["exceeds"], Lead::Q(Qualifier::MoreThan)),
    (&["surpass"], Lead::Q(Qualifier::MoreThan)),
    (&["surpasses"], Lead::Q(Qualifier::MoreThan)),
    (&["surpassing"], Lead::Q(Qualifier::MoreThan)),
    (&["under"], Lead::Q(Qualifier::LessThan)),
    (&["below"], Lead::Q(Qualifier::LessThan)),
    (&["nearly"], Lead::Q(Qualifier::Nearly)),
    (&["almost"], Lead::Q(Qualifier::Nearly)),
    (&["between"], Lead::Between),
    (&["from"], Lead::From),
];

/// The [`PHRASES`] whose last word is `word` (in any case), in their order: a figure asks this
/// of the word before it, and holding that word against each of the 71 phrases cost more than
/// reading the figure.
fn phrases_ending_with(word: &str) -> impl Iterator<Item = &'static (&'static [&'static str], Lead)> {
    static TABLE: std::sync::OnceLock<crate::text::WordTable<u128>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut masks: std::collections::BTreeMap<String, u128> = std::collections::BTreeMap::new();
        for (k, (phrase, _)) in PHRASES.iter().enumerate() {
            if let Some(last) = phrase.last() {
                *masks.entry(last.to_ascii_lowercase()).or_default() |= 1u128 << k;
            }
        }
        crate::text::WordTable::new(masks.iter().map(|(word, mask)| (word.as_str(), *mask)))
    });
    let mut key = [0u8; 16];
    let mask = match key.get_mut(..word.len()) {
        Some(slots) => {
            for (slot, b) in slots.iter_mut().zip(word.bytes()) {
                *slot = b.to_ascii_lowercase();
            }
            table.get_key(u128::from_be_bytes(key)).unwrap_or(0)
        }
        // Longer than any phrase's word.
        None => 0,
    };
    let mut rest = mask;
    std::iter::from_fn(move || {
        let k = rest.trailing_zeros() as usize;
        rest &= rest.wrapping_sub(1);
        PHRASES.get(k)
    })
}

// Each phrase is one bit of a `u128`.
const _: () = assert!(PHRASES.len() <= 128);

/// The word ending at the end of `t` (letters, or "approx." with its dot), with its start.
fn last_word(t: &str) -> Option<(usize, &str)> {
    let b = t.as_bytes();
    let word_end = t.len();
    let mut end = word_end;
    if end > 0 && byte(b, end - 1) == b'.' {
        end -= 1;
    }
    let mut s = end;
    while s > 0 && byte(b, s - 1).is_ascii_alphabetic() {
        s -= 1;
    }
    if s == end || char_before(t, s).is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some((s, t.get(s..word_end)?))
}

/// The word before the one starting at `s`, separated by whitespace.
fn prev_word(t: &str, s: usize) -> Option<(usize, &str)> {
    let head = t.get(..s)?;
    let trimmed = head.trim_end();
    if trimmed.len() == head.len() {
        return None;
    }
    last_word(trimmed)
}

/// Where `phrase` ends `t` (word by word, any whitespace between), its start.
fn phrase_start(t: &str, first: (usize, &str), phrase: &[&str]) -> Option<usize> {
    let mut at = first;
    let mut words = phrase.iter().rev();
    let mut expected = words.next()?;
    loop {
        if !at.1.eq_ignore_ascii_case(expected) {
            return None;
        }
        match words.next() {
            None => return Some(at.0),
            Some(w) => {
                expected = w;
                at = prev_word(t, at.0)?;
            }
        }
    }
}

/// The qualifier (or "between"/"from") right before `pos`, not reaching back past `floor`.
fn qualifier_before(text: &str, pos: usize, floor: usize) -> Option<(usize, Lead)> {
    let found = qualifier_before_unchecked(text, pos, floor)?;
    // A qualifier never reaches across a blank line into another paragraph ("~\n\n3,700").
    (!crosses_paragraph(text.get(found.0..pos)?)).then_some(found)
}

/// Whether `gap` holds a blank line: two line breaks with nothing but spaces between them.
fn crosses_paragraph(gap: &str) -> bool {
    let mut after_break = false;
    for c in gap.chars() {
        match c {
            '\n' if after_break => return true,
            '\n' => after_break = true,
            c if c.is_whitespace() => {}
            _ => after_break = false,
        }
    }
    false
}

fn qualifier_before_unchecked(text: &str, pos: usize, floor: usize) -> Option<(usize, Lead)> {
    let head = text.get(floor..pos)?;
    let t = head.trim_end();
    if let Some(c) = t.chars().next_back().filter(|c| matches!(c, '~' | '≈')) {
        return Some((floor + t.len() - c.len_utf8(), Lead::Q(Qualifier::About)));
    }
    if let Some(found) = symbol_before(t) {
        return Some((floor + found.0, found.1));
    }
    if t.len() == head.len() {
        return None;
    }
    let first = last_word(t)?;
    let (start, lead, phrase) = phrases_ending_with(first.1)
        .find_map(|(phrase, lead)| Some((phrase_start(t, first, phrase)?, *lead, *phrase)))?;
    let mut start = start;
    // "just over", "well over", "well under": the intensifier belongs to the mention.
    if matches!(lead, Lead::Q(_)) && phrase.first() != Some(&"just") {
        if let Some((s, w)) = prev_word(t, start) {
            if w.eq_ignore_ascii_case("just") || w.eq_ignore_ascii_case("well") {
                start = s;
            }
        }
    }
    Some((floor + start, lead))
}

// ---------------------------------------------------------------------------------------------
// Putting a mention together: qualifier, figure, and a possible second end

/// How two figures are joined.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Conn {
    /// "20-30", "20–30", "20—30", "20~30".
    Dash,
    /// "20 to 30".
    To,
    /// "between 20 and 30".
    And,
}

fn connector(text: &str, i: usize, lead: Option<Lead>) -> Option<(Conn, usize)> {
    let found = connector_unchecked(text, i, lead)?;
    // Both ends of a range stand in one paragraph ("20 to\n\n30" is two things).
    (!crosses_paragraph(text.get(i..found.1)?)).then_some(found)
}

fn connector_unchecked(text: &str, i: usize, lead: Option<Lead>) -> Option<(Conn, usize)> {
    let after_word = |w: &str| {
        let end = spaced_word(text, i, w)?;
        let j = skip_ws(text, end);
        (j > end).then_some(j)
    };
    if lead == Some(Lead::Between) {
        // "between 20 and 30", and the looser "between 20–30" that reporters also write.
        if let Some(j) = after_word("and") {
            return Some((Conn::And, j));
        }
    }
    if lead == Some(Lead::Block) {
        return None;
    }
    if let Some(c) = char_at(text, i).filter(|c| matches!(c, '-' | '–' | '—' | '~')) {
        let j = i + c.len_utf8();
        if starts_number(text, j) {
            return Some((Conn::Dash, j));
        }
    }
    // A spaced en dash is a range too ("20 – 30"); a spaced hyphen or em dash is punctuation.
    let j = skip_ws(text, i);
    if j > i && text.get(j..).is_some_and(|s| s.starts_with('–')) {
        let k = skip_ws(text, j + '–'.len_utf8());
        if k > j + '–'.len_utf8() && starts_number(text, k) {
            return Some((Conn::Dash, k));
        }
    }
    after_word("to").or_else(|| after_word("through")).or_else(|| after_word("thru")).map(|j| (Conn::To, j))
}

/// Emits a single figure with its qualifier, unless it is a bare year.
fn push_single(core: &Core, lead: Option<(usize, Lead)>, out: &mut Vec<QuantityMention>) {
    let (start, qualifier) = match lead {
        Some((s, Lead::Q(q))) => (s, q),
        Some((s, Lead::Exact)) => (s, Qualifier::None),
        Some((_, Lead::Block)) => return,
        _ => (core.start, Qualifier::None),
    };
    if core.year_like && qualifier == Qualifier::None {
        return;
    }
    out.push(mention(start, core.end, core.quantity(qualifier)));
}

/// Two figures joined by a connector: a range, a change ("from 12% to 15%"), or neither.
fn combine(
    text: &str,
    left: &Core,
    right: &Core,
    conn: Conn,
    lead: Option<(usize, Lead)>,
    out: &mut Vec<QuantityMention>,
) -> usize {
    let b = text.as_bytes();
    // "2024-2025", "between 2019 and 2021": a span of years.
    if left.year_like && right.year_like {
        return right.end;
    }
    if conn == Conn::Dash {
        // "1-800-555-0199", "11-20-2024": phone numbers and dates, skipped whole.
        if byte(b, right.end) == b'-' && byte(b, right.end + 1).is_ascii_digit() {
            let mut j = right.end;
            while byte(b, j) == b'-' || byte(b, j).is_ascii_digit() {
                j += 1;
            }
            return j;
        }
        // "555-1234".
        if left.plain_len == Some(3) && right.plain_len == Some(4) {
            return right.end;
        }
    }
    let lead_kind = lead.map(|(_, l)| l);
    let same_unit = match (left.unit, right.unit) {
        (Some(a), Some(c)) => a == c,
        _ => true,
    };
    // "up from 12% to 15%": each end carries its own unit, so this is a change, not a range.
    let change =
        conn == Conn::To && lead_kind != Some(Lead::Between) && left.unit.is_some() && right.unit.is_some();
    let mut left = left.clone();
    // "$20-30 million", "3 to 9 million": the scale written once applies to both ends, unless the
    // left end is already larger on its own ("between 500,000 and 1 million").
    if left.scale_exp == 0
        && right.scale_exp != 0
        && left.vague.is_none()
        && (change || left.value() <= right.parts.value(0))
    {
        left.scale_exp = right.scale_exp;
        left.year_like = false;
    }
    let (lo, hi) = (left.value(), right.value());
    let two = |out: &mut Vec<QuantityMention>| {
        let own = match lead {
            Some((_, Lead::Q(_))) => lead,
            _ => None,
        };
        push_single(&left, own, out);
        push_single(right, None, out);
        right.end
    };
    if !same_unit || change {
        return two(out);
    }
    if lo > hi {
        // A dashed pair that is not ascending is a code or a score, not a range.
        return if conn == Conn::Dash { right.end } else { two(out) };
    }
    let start = match lead {
        Some((s, Lead::Between | Lead::From)) => s,
        _ => left.start,
    };
    out.push(mention(start, right.end, range_quantity(lo, hi, left.unit.or(right.unit))));
    right.end
}

/// Tries a mention whose figure starts at `p`; returns where scanning resumes, `None` when there is
/// no figure here.
/// Whether the word at `p` is a plain word, which starts no figure: no number word, no
/// currency, no "per cent". Most words are: one look-up of the word rules them out.
fn plain_word(text: &str, p: usize) -> bool {
    let first = byte(text.as_bytes(), p);
    first.is_ascii_alphabetic() && {
        let letters = text.as_bytes().get(p..).unwrap_or_default().iter().take(5);
        let word = WordLookup {
            opening: opening_of(text, p),
            percent: matches!(first, b'p' | b'P'),
            letters: letters.take_while(|b| b.is_ascii_alphabetic()).count(),
        };
        plain_word_given(text, p, word)
    }
}

/// What the table look-ups say of the letters at a place.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct WordLookup {
    /// What [`opening_table`] holds for them.
    pub(super) opening: Option<Opening>,
    /// False only where they cannot be one of [`PERCENT_LEADS`]; where it is true the words are
    /// compared.
    pub(super) percent: bool,
    /// How many ASCII letters there are, or any number from 5 up when there are more.
    pub(super) letters: usize,
}

/// The words that may open "percent of" or "per cent of" (see `percent_of`).
pub(super) const PERCENT_LEADS: [&str; 3] = ["per", "percent", "percents"];

/// [`plain_word`] at a letter, with the table look-ups done.
// Asked of nearly every word by the listing walk: kept inline, the rarer work in a call.
#[inline(always)]
fn plain_word_given(text: &str, p: usize, word: WordLookup) -> bool {
    // Most words open nothing, are no "per" or "percent" and have no currency's shape.
    (word.opening.is_none() && !word.percent && !currency_shaped(text.as_bytes(), p, word.letters))
        || plain_word_looked_at(text, p, word)
}

/// [`plain_word_given`] for a word that may open a number, a percentage or a currency.
fn plain_word_looked_at(text: &str, p: usize, word: WordLookup) -> bool {
    // "percent of", "per cent of" (see `percent_of`); other words in "p" are plain.
    let percent = word.percent && PERCENT_LEADS.iter().any(|w| match_ci(text, p, w).is_some());
    !may_begin_given(text, p, word.opening) && !percent && !is_currency_word(text, p, word.letters)
}

/// Whether the word at `p` is a currency before a figure ("US$5", "EUR 5", "A$ 3", "u.s $").
/// [`currency_prefix`] finds one only in a word of at most four letters followed by a dollar
/// sign, a digit (maybe after one space) or a dot; for most words the byte after them says no,
/// and it is not asked.
/// `letters` is the number of ASCII letters at `p` (any number from 5 up when there are more).
fn is_currency_word(text: &str, p: usize, letters: usize) -> bool {
    currency_shaped(text.as_bytes(), p, letters) && currency_prefix(text, p).is_some()
}

/// Whether the word of `letters` ASCII letters at `p` may be a currency by its length and what
/// follows it (see [`is_currency_word`]).
#[inline]
pub(super) fn currency_shaped(bytes: &[u8], p: usize, letters: usize) -> bool {
    letters < 5
        && match byte(bytes, p + letters) {
            b'$' | b'.' => true,
            b' ' => matches!(byte(bytes, p + letters + 1), b'$' | b'0'..=b'9'),
            b => b.is_ascii_digit(),
        }
}

fn parse_at(text: &str, p: usize, floor: usize, out: &mut Vec<QuantityMention>) -> Option<usize> {
    if plain_word(text, p) {
        return None;
    }
    // The qualifier is looked up only once a figure is found.
    let core = ratio_core(text, p)
        .or_else(|| percent_of(text, p, floor))
        .or_else(|| parse_core(text, p, true, true));
    let (mut left, lead) = match core {
        Some(core) => (core, qualifier_before(text, p, floor)),
        None => {
            match_ci(text, p, "half")?;
            let lead = qualifier_before(text, p, floor);
            (bare_half(text, p, lead)?, lead)
        }
    };
    let lead_kind = lead.map(|(_, l)| l);
    // "10 Downing Street": an address, not a count.
    if left.plain_len.is_some() && lead.is_none() && street_after(text, left.end) {
        return Some(left.end);
    }
    if left.used_and && lead_kind == Some(Lead::Between) {
        // "between two hundred and three hundred": here "and" joins the ends.
        left = parse_core(text, p, true, false)?;
    }
    if let Some((lo, hi)) = left.vague {
        out.push(mention(left.start, left.end, range_quantity(lo, hi, left.unit)));
        return Some(left.end);
    }
    if let Some((conn, at)) = connector(text, left.end, lead_kind) {
        if let Some(right) = parse_core(text, at, false, true).filter(|r| r.vague.is_none()) {
            return Some(combine(text, &left, &right, conn, lead, out));
        }
    }
    let end = push_with_tail(text, &left, lead, out);
    merge_bounds(text, out);
    Some(end)
}

/// A plain number for a ratio: digits without separators, or words; (value, end, year-like).
fn ratio_term(text: &str, p: usize) -> Option<(f64, usize, bool)> {
    if byte(text.as_bytes(), p).is_ascii_digit() {
        let d = parse_digits(text, p)?;
        if d.separated || d.parts.frac_len > 0 || char_at(text, d.end).is_some_and(char::is_alphanumeric) {
            return None;
        }
        let v = d.parts.value(0);
        return Some((v, d.end, d.int_len == 4 && (1500.0..=2100.0).contains(&v)));
    }
    let w = parse_words(text, p, true)?;
    if w.fixed.is_some() || byte(text.as_bytes(), w.end) == b'-' {
        return None;
    }
    Some((w.parts.value(w.scale_exp), w.end, false))
}

/// Cheap look-ahead: " over ", " out of " or " in " within the next few words.
fn ratio_word_ahead(b: &[u8], p: usize) -> bool {
    let window = b.get(p..b.len().min(p + 48)).unwrap_or(&[]);
    // Each of the three starts with a space: only after a space are the next bytes compared.
    (0..window.len()).any(|k| {
        window.get(k) == Some(&b' ')
            && window.get(k + 1..k + 4).is_some_and(|w| w == b"in " || w == b"out" || w == b"ove")
    })
}

/// "one in five", "two out of five hundred", "1 over 3": a ratio. "over" only after one ("20
/// over three days" is no ratio), "in" and "out of" only below one ("12 in six boxes", "in 2009").
fn ratio_core(text: &str, p: usize) -> Option<Core> {
    let first = byte(text.as_bytes(), p);
    let candidate = first.is_ascii_digit() || (first.is_ascii_alphabetic() && may_begin_words(text, p));
    if !candidate || !boundary_ok(text, p, first) {
        return None;
    }
    if !ratio_word_ahead(text.as_bytes(), p) {
        return None;
    }
    let (n, n_end, _) = ratio_term(text, p)?;
    let (kind, at) = if let Some(e) = spaced_word(text, n_end, "over") {
        (0, e)
    } else if let Some(e) = spaced_word(text, n_end, "out").and_then(|e| spaced_word(text, e, "of")) {
        (1, e)
    } else {
        (2, spaced_word(text, n_end, "in")?)
    };
    let q = skip_ws(text, at);
    if q == at {
        return None;
    }
    let (d, end, year) = ratio_term(text, q)?;
    let ok = match kind {
        0 => n.abs() == 1.0 && d > 0.0,
        _ => n.abs() < d && !year && d > 0.0,
    };
    if !ok || percent_after(text, end).is_some() || currency_after(text, end).is_some() {
        return None;
    }
    Some(Core {
        start: p,
        end,
        parts: Parts::default(),
        scale_exp: 0,
        fixed: Some(n / d),
        unit: None,
        year_like: false,
        plain_len: None,
        vague: None,
        used_and: false,
    })
}

/// "percent of 10", "per cent of twenty-two" opening a sentence: a percentage written backwards.
fn percent_of(text: &str, p: usize, floor: usize) -> Option<Core> {
    if !matches!(byte(text.as_bytes(), p), b'p' | b'P') {
        return None;
    }
    let before = text.get(floor..p)?.trim_end();
    if !(before.is_empty() || before.ends_with(['.', '!', '?', ':', '\n'])) {
        return None;
    }
    let word_end = match_ci(text, p, "percent")
        .or_else(|| match_ci(text, p, "percents"))
        .or_else(|| match_ci(text, p, "per").and_then(|e| spaced_word(text, e, "cent")))?;
    let of = spaced_word(text, word_end, "of")?;
    let q = skip_ws(text, of);
    if q == of {
        return None;
    }
    let core = parse_core(text, q, true, true)?;
    if core.unit.is_some() || core.vague.is_some() {
        return None;
    }
    Some(Core { start: p, unit: Some(PERCENT), ..core })
}

/// "more than half", "nearly half": a bare "half" is a figure only after a qualifier.
fn bare_half(text: &str, p: usize, lead: Option<(usize, Lead)>) -> Option<Core> {
    if !matches!(lead, Some((_, Lead::Q(_)))) {
        return None;
    }
    let end = match_ci(text, p, "half")?;
    if spaced_word(text, end, "a").is_some() || byte(text.as_bytes(), end) == b'-' {
        return None;
    }
    Some(Core {
        start: p,
        end,
        parts: Parts::default(),
        scale_exp: 0,
        fixed: Some(0.5),
        unit: None,
        year_like: false,
        plain_len: None,
        vague: None,
        used_and: false,
    })
}

/// A comparison sign ending `t`: ">", "<", ">=", "<=", "≥", "≤" ("< =" too); "<>", "=>", "=<"
/// block the figure. Returns its offset in `t`.
fn symbol_before(t: &str) -> Option<(usize, Lead)> {
    let b = t.as_bytes();
    let n = b.len();
    let at = |k: usize| n.checked_sub(k).map_or(0, |i| byte(b, i));
    if let Some(c) = t.chars().next_back().filter(|c| matches!(c, '≥' | '≤')) {
        let q = if c == '≥' { Qualifier::AtLeast } else { Qualifier::AtMost };
        return Some((n - c.len_utf8(), Lead::Q(q)));
    }
    match (at(2), at(1)) {
        (b'<', b'>') | (b'=', b'>') | (b'=', b'<') => return Some((n - 2, Lead::Block)),
        (b'>', b'=') => return Some((n - 2, Lead::Q(Qualifier::AtLeast))),
        (b'<', b'=') => return Some((n - 2, Lead::Q(Qualifier::AtMost))),
        (b' ', b'=') if matches!(at(3), b'<' | b'>') => {
            let q = if at(3) == b'>' { Qualifier::AtLeast } else { Qualifier::AtMost };
            return Some((n - 3, Lead::Q(q)));
        }
        (_, b'>') => return Some((n - 1, Lead::Q(Qualifier::MoreThan))),
        (_, b'<') => return Some((n - 1, Lead::Q(Qualifier::LessThan))),
        _ => {}
    }
    None
}

/// Words after a figure that bound it: "or more", "or less", "or greater (than)", and after a
/// bound "or equal (to)". Returns the qualifier it makes with `before` and the end.
fn tail_qualifier(text: &str, i: usize, before: Qualifier) -> Option<(Qualifier, usize)> {
    let or = spaced_word(text, i, "or").or_else(|| spaced_word(text, i, "and"))?;
    let j = skip_ws(text, or);
    let (word, end) = read_word(text, j);
    if j == or || word.is_empty() {
        return None;
    }
    let mut buf = [0u8; 16];
    let (q, end) = match ascii_lowercase_into(word.as_bytes(), &mut buf)? {
        b"more" | b"greater" | b"above" | b"higher" | b"over" | b"larger" | b"bigger" => {
            (Qualifier::AtLeast, end)
        }
        b"less" | b"fewer" | b"below" | b"lower" | b"under" | b"smaller" => (Qualifier::AtMost, end),
        b"equal" => match before {
            Qualifier::MoreThan => (Qualifier::AtLeast, end),
            Qualifier::LessThan => (Qualifier::AtMost, end),
            _ => return None,
        },
        _ => return None,
    };
    if char_at(text, end).is_some_and(char::is_alphanumeric) {
        return None;
    }
    // A dangling "than" / "to" belongs to the tail; one followed by a figure starts a new mention.
    let end = spaced_word(text, end, "than").or_else(|| spaced_word(text, end, "to")).unwrap_or(end);
    let k = skip_ws(text, end);
    let (next, _) = read_word(text, k);
    let blocked = ["than", "to", "or", "and", "equal", "the"].iter().any(|w| next.eq_ignore_ascii_case(w));
    if k > end && (blocked || starts_number(text, k) || word_tok(next).is_some()) {
        return None;
    }
    Some((q, end))
}

/// Emits a single figure, with a bounding tail ("200 or more") when there is one; returns the end.
fn push_with_tail(
    text: &str,
    core: &Core,
    lead: Option<(usize, Lead)>,
    out: &mut Vec<QuantityMention>,
) -> usize {
    let before = match lead {
        Some((_, Lead::Q(q))) => q,
        _ => Qualifier::None,
    };
    if matches!(before, Qualifier::None | Qualifier::About | Qualifier::MoreThan | Qualifier::LessThan)
        && !core.year_like
    {
        if let Some((q, end)) = tail_qualifier(text, core.end, before) {
            let start = match lead {
                Some((s, Lead::Exact | Lead::Q(Qualifier::MoreThan | Qualifier::LessThan))) => s,
                _ => core.start,
            };
            let mut value = core.quantity(q);
            value.qualifier = q;
            out.push(mention(start, end, value));
            return end;
        }
    }
    push_single(core, lead, out);
    core.end
}

/// "more than 10 and less than 20", "at most 100 and at least 20": two opposite bounds joined
/// by "and", "but" or a comma become one interval, as the words say.
fn merge_bounds(text: &str, out: &mut Vec<QuantityMention>) {
    let n = out.len();
    let (Some(a), Some(b)) = (n.checked_sub(2).and_then(|k| out.get(k)), out.last()) else { return };
    let lower = |q: Qualifier| matches!(q, Qualifier::MoreThan | Qualifier::AtLeast);
    let upper = |q: Qualifier| matches!(q, Qualifier::LessThan | Qualifier::AtMost);
    let (qa, qb) = (a.value.qualifier, b.value.qualifier);
    let (lo, hi) = if lower(qa) && upper(qb) {
        (a, b)
    } else if upper(qa) && lower(qb) {
        (b, a)
    } else {
        return;
    };
    let gap = text.get(a.end..b.start).unwrap_or("x").trim();
    if !matches!(gap, "and" | "but" | "," | "" | ", and" | "and,") || a.value.unit != b.value.unit {
        return;
    }
    let (l, h) = (lo.value.figure, hi.value.figure);
    if l >= h {
        return;
    }
    let interval = Interval {
        min: Some(l),
        min_inclusive: lo.value.qualifier == Qualifier::AtLeast,
        max: Some(h),
        max_inclusive: hi.value.qualifier == Qualifier::AtMost,
    };
    let merged = mention(
        a.start,
        b.end,
        Quantity {
            figure: l,
            qualifier: Qualifier::Range,
            logical: interval,
            approx: interval,
            unit: a.value.unit.clone(),
        },
    );
    out.truncate(n - 2);
    out.push(merged);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_naming_a_percentage_begins_with_a_listed_word() {
        for words in PERCENT_WORDS {
            let first = words.split(' ').next().unwrap_or(words);
            assert!(PERCENT_NAMES.contains(&first), "{words:?}");
        }
    }

    #[test]
    fn characters_and_whitespace_are_read_as_by_decoding() {
        let at = |text: &str, i: usize| text.get(i..).and_then(|s| s.chars().next());
        let before = |text: &str, i: usize| text.get(..i).and_then(|s| s.chars().next_back());
        let skip = |text: &str, mut i: usize| {
            while let Some(c) = at(text, i).filter(|c| c.is_whitespace()) {
                i += c.len_utf8();
            }
            i
        };
        assert_eq!(char_at("aé", 2), None, "inside a character");
        assert_eq!(char_before("éa", 1), None, "inside a character");
        assert_eq!(skip_ws("a \u{a0}\t b", 1), 6);
        for text in crate::text::mixed_test_texts(9, 5_000) {
            for i in 0..text.len() + 2 {
                assert_eq!(char_at(&text, i), at(&text, i), "{text:?} at {i}");
                assert_eq!(char_before(&text, i), before(&text, i), "{text:?} before {i}");
                assert_eq!(skip_ws(&text, i), skip(&text, i), "{text:?} from {i}");
            }
        }
    }

    /// Figures written as `{:.2}` gives them, trailing zeros trimmed and thousands grouped.
    fn format_number_by_float_formatting(v: f64) -> String {
        if !v.is_finite() {
            return format!("{v}");
        }
        let rounded = (v * 100.0).round() / 100.0;
        let rounded = if rounded.is_finite() { rounded } else { v };
        let text = format!("{:.2}", rounded.abs());
        let (int_part, frac_part) = text.split_once('.').unwrap_or((text.as_str(), ""));
        let frac_part = frac_part.trim_end_matches('0');
        let mut out = String::new();
        if rounded < 0.0 && (int_part.bytes().any(|b| b != b'0') || !frac_part.is_empty()) {
            out.push('-');
        }
        group_thousands(&mut out, int_part);
        if !frac_part.is_empty() {
            out.push('.');
            out.push_str(frac_part);
        }
        out
    }

    #[test]
    fn whole_figures_are_written_as_float_formatting_writes_them() {
        let mut values = vec![
            0.0,
            -0.0,
            0.004,
            -0.004,
            0.005,
            2.999,
            -2.999,
            1.5,
            3744.0,
            -3744.0,
            2.1e9,
            999_999.995,
            8.999_999_999_999_99e15,
            9.0e15,
            1.0e16,
            1.0e300,
            f64::MAX,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
        ];
        let mut x = 1.0f64;
        while x < 1.0e17 {
            values.extend([x, x - 1.0, x + 1.0, -x, x * 1.5, x + 0.25, x - 0.001]);
            x *= 10.0;
        }
        for v in values {
            assert_eq!(format_number(v), format_number_by_float_formatting(v), "{v:e}");
        }
        assert_eq!(format_number(2.1e9), "2,100,000,000");
        assert_eq!(format_number(-0.004), "0");
        assert_eq!(format_number(-3744.0), "-3,744");
        assert_eq!(format_number(12.5), "12.5");
    }

    #[test]
    fn percent_words_and_clock_times_in_capitals() {
        let found = scan_quantities("Unemployment rose to 5 Percent, then 6 PER CENT.");
        let percents: Vec<(Kind, f64)> = found.iter().map(|m| (m.kind, m.value.figure)).collect();
        assert_eq!(percents, [(Kind::Percent, 5.0), (Kind::Percent, 6.0)]);
        assert_eq!(scan_quantities("They met at 10 AM, 7 P.M. and 9 O'clock."), []);
    }

    #[test]
    fn every_code_has_three_letters() {
        for code in CODES.iter().chain(&LOWER_CODES).chain(&["RMB", "rmb", "BTC", "btc"]) {
            assert_eq!(code.len(), 3, "{code}");
            assert!(code_word(code).is_some(), "{code}");
        }
        assert_eq!(code_word("rmb"), Some("CNY"));
        assert_eq!(code_word("usd"), Some("USD"));
        assert_eq!(code_word("USDT"), None);
        assert_eq!(code_word("try"), None);
    }

    #[test]
    fn phrases_are_found_by_their_last_word_in_order() {
        let mut words: Vec<String> =
            PHRASES.iter().flat_map(|(phrase, _)| phrase.iter()).map(|w| w.to_string()).collect();
        words.extend(
            ["THAN", "Of", "APPROX.", "approx", "people", "", "thanthanthanthanthan"].map(String::from),
        );
        let mut found_any = 0;
        for word in &words {
            let by_table: Vec<_> = phrases_ending_with(word).map(|(phrase, _)| *phrase).collect();
            let by_search: Vec<_> = PHRASES
                .iter()
                .filter(|(phrase, _)| phrase.last().is_some_and(|last| last.eq_ignore_ascii_case(word)))
                .map(|(phrase, _)| *phrase)
                .collect();
            assert_eq!(by_table, by_search, "{word}");
            found_any += usize::from(!by_table.is_empty());
        }
        // "than" ends many phrases, and the search gives them longest first.
        assert_eq!(phrases_ending_with("Than").next().map(|(phrase, _)| phrase.len()), Some(5));
        assert!(found_any > 40);
    }

    #[test]
    fn qualifiers_and_ranges_stay_inside_a_paragraph() {
        let spans = |text: &str| -> Vec<String> {
            scan(text).iter().map(|m| text.get(m.start..m.end).unwrap_or("").to_owned()).collect()
        };
        assert_eq!(spans("~\n\n3,700 arrested"), vec!["3,700"]);
        assert_eq!(spans("more than\n \n40 people"), vec!["40"]);
        assert_eq!(spans("more than\n40 people"), vec!["more than\n40"]);
        assert_eq!(spans("20 to\n\n30 people"), vec!["20", "30"]);
        assert_eq!(spans("20 to\n30 people"), vec!["20 to\n30"]);
    }

    fn scan(text: &str) -> Vec<QuantityMention> {
        scan_quantities(text)
    }

    /// The only mention in `text`, with its span text.
    fn one(text: &str) -> (String, QuantityMention) {
        let found = scan(text);
        assert_eq!(found.len(), 1, "expected one mention in {text:?}, got {found:#?}");
        let m = found.into_iter().next().unwrap_or_else(|| unreachable!());
        (text.get(m.start..m.end).unwrap_or("").to_owned(), m)
    }

    fn closed(lo: f64, hi: f64) -> Interval {
        Interval::closed(lo, hi)
    }

    fn iv(lo: Option<f64>, lo_inc: bool, hi: Option<f64>, hi_inc: bool) -> Interval {
        Interval { min: lo, min_inclusive: lo_inc, max: hi, max_inclusive: hi_inc }
    }

    /// Asserts span text, kind, figure, qualifier, unit and both intervals.
    #[allow(clippy::too_many_arguments)]
    fn check(
        text: &str,
        span: &str,
        kind: Kind,
        figure: f64,
        qualifier: Qualifier,
        unit: Option<&str>,
        logical: Interval,
        approx: Interval,
    ) {
        let (got, m) = one(text);
        assert_eq!(got, span, "span in {text:?}");
        assert_eq!(m.kind, kind, "kind in {text:?}");
        assert_eq!(m.value.figure, figure, "figure in {text:?}");
        assert_eq!(m.value.qualifier, qualifier, "qualifier in {text:?}");
        assert_eq!(m.value.unit.as_deref(), unit, "unit in {text:?}");
        assert_eq!(m.value.logical, logical, "logical in {text:?}");
        assert_eq!(m.value.approx, approx, "approx in {text:?}");
    }

    fn exact_count(text: &str, span: &str, n: f64) {
        check(text, span, Kind::Count, n, Qualifier::None, None, Interval::point(n), Interval::point(n));
    }

    fn range(text: &str, span: &str, kind: Kind, lo: f64, hi: f64, unit: Option<&str>) {
        check(text, span, kind, lo, Qualifier::Range, unit, closed(lo, hi), closed(lo, hi));
    }

    #[test]
    fn qualified_counts_from_the_interpol_articles() {
        check(
            "more than 3,700 suspects",
            "more than 3,700",
            Kind::Count,
            3700.0,
            Qualifier::MoreThan,
            None,
            iv(Some(3700.0), false, None, false),
            iv(Some(3700.0), false, Some(3800.0), true),
        );
        check(
            "over 4,400 potential victims",
            "over 4,400",
            Kind::Count,
            4400.0,
            Qualifier::MoreThan,
            None,
            iv(Some(4400.0), false, None, false),
            iv(Some(4400.0), false, Some(4500.0), true),
        );
        check(
            "Approximately 14,000 law enforcement officers",
            "Approximately 14,000",
            Kind::Count,
            14000.0,
            Qualifier::About,
            None,
            closed(12600.0, 15400.0),
            closed(13500.0, 14500.0),
        );
        check(
            "at least 720 new investigations",
            "at least 720",
            Kind::Count,
            720.0,
            Qualifier::AtLeast,
            None,
            iv(Some(720.0), true, None, false),
            closed(720.0, 730.0),
        );
        check(
            "nearly 5,000",
            "nearly 5,000",
            Kind::Count,
            5000.0,
            Qualifier::Nearly,
            None,
            iv(Some(0.0), true, Some(5000.0), false),
            iv(Some(4900.0), true, Some(5000.0), false),
        );
        check(
            "up to 400",
            "up to 400",
            Kind::Count,
            400.0,
            Qualifier::AtMost,
            None,
            closed(0.0, 400.0),
            closed(300.0, 400.0),
        );
        check(
            "fewer than 50",
            "fewer than 50",
            Kind::Count,
            50.0,
            Qualifier::LessThan,
            None,
            iv(Some(0.0), true, Some(50.0), false),
            iv(Some(40.0), true, Some(50.0), false),
        );
        check(
            "about 20 people",
            "about 20",
            Kind::Count,
            20.0,
            Qualifier::About,
            None,
            closed(15.0, 25.0),
            closed(15.0, 25.0),
        );
        check(
            "no fewer than 30 boats",
            "no fewer than 30",
            Kind::Count,
            30.0,
            Qualifier::AtLeast,
            None,
            iv(Some(30.0), true, None, false),
            closed(30.0, 40.0),
        );
        check(
            "just under 2,000",
            "just under 2,000",
            Kind::Count,
            2000.0,
            Qualifier::Nearly,
            None,
            iv(Some(0.0), true, Some(2000.0), false),
            iv(Some(1900.0), true, Some(2000.0), false),
        );
        check(
            "well over 300 homes",
            "well over 300",
            Kind::Count,
            300.0,
            Qualifier::MoreThan,
            None,
            iv(Some(300.0), false, None, false),
            iv(Some(300.0), false, Some(400.0), true),
        );
        check(
            "an estimated 1,200 people",
            "an estimated 1,200",
            Kind::Count,
            1200.0,
            Qualifier::About,
            None,
            closed(1080.0, 1320.0),
            closed(1150.0, 1250.0),
        );
        check(
            "~250 units",
            "~250",
            Kind::Count,
            250.0,
            Qualifier::About,
            None,
            closed(225.0, 275.0),
            closed(245.0, 255.0),
        );
    }

    #[test]
    fn every_qualifier_phrase() {
        for (text, span, qualifier) in [
            ("approx. 300 homes", "approx. 300", Qualifier::About),
            ("in excess of 1,000", "in excess of 1,000", Qualifier::MoreThan),
            ("as many as 60 people", "as many as 60", Qualifier::AtMost),
            ("no more than 60", "no more than 60", Qualifier::AtMost),
            ("a minimum of 60", "a minimum of 60", Qualifier::AtLeast),
            ("almost 60", "almost 60", Qualifier::Nearly),
            ("close to 60", "close to 60", Qualifier::Nearly),
            ("just shy of 60", "just shy of 60", Qualifier::Nearly),
            ("under 60", "under 60", Qualifier::LessThan),
            ("some 60 boats", "some 60", Qualifier::About),
        ] {
            let (got, m) = one(text);
            assert_eq!((got.as_str(), m.value.qualifier), (span, qualifier), "{text:?}");
        }
    }

    #[test]
    fn bare_counts_and_their_rounding() {
        exact_count("3,744 arrests", "3,744", 3744.0);
        exact_count("119 countries", "119", 119.0);
        exact_count("Flight 123 landed", "123", 123.0);
        exact_count("3744 arrests", "3744", 3744.0);
        exact_count("3\u{202f}744 arrests", "3\u{202f}744", 3744.0);
        exact_count("3\u{a0}744 arrests", "3\u{a0}744", 3744.0);
        exact_count("3 744 arrests", "3 744", 3744.0);
        exact_count("ten", "ten", 10.0);
        exact_count("Twelve people", "Twelve", 12.0);
        exact_count("a dozen boats", "a dozen", 12.0);
        exact_count("twenty-five", "twenty-five", 25.0);
        exact_count("temperatures of -5 overnight", "-5", -5.0);
        exact_count("(0.75)", "0.75", 0.75);
        check(
            "3,700 suspects",
            "3,700",
            Kind::Count,
            3700.0,
            Qualifier::None,
            None,
            Interval::point(3700.0),
            closed(3650.0, 3750.0),
        );
        check(
            "1.5 million",
            "1.5 million",
            Kind::Count,
            1_500_000.0,
            Qualifier::None,
            None,
            Interval::point(1_500_000.0),
            closed(1_450_000.0, 1_550_000.0),
        );
        check(
            "two hundred",
            "two hundred",
            Kind::Count,
            200.0,
            Qualifier::None,
            None,
            Interval::point(200.0),
            closed(195.0, 205.0),
        );
        check(
            "three hundred and fifty",
            "three hundred and fifty",
            Kind::Count,
            350.0,
            Qualifier::None,
            None,
            Interval::point(350.0),
            closed(345.0, 355.0),
        );
        check(
            "3.7k",
            "3.7k",
            Kind::Count,
            3700.0,
            Qualifier::None,
            None,
            Interval::point(3700.0),
            closed(3650.0, 3750.0),
        );
        check(
            "half a million people",
            "half a million",
            Kind::Count,
            500_000.0,
            Qualifier::None,
            None,
            Interval::point(500_000.0),
            closed(495_000.0, 505_000.0),
        );
        check(
            "two million",
            "two million",
            Kind::Count,
            2_000_000.0,
            Qualifier::None,
            None,
            Interval::point(2e6),
            closed(1_950_000.0, 2_050_000.0),
        );
        // "three hundred and" with no number after "and" stops before "and".
        let (span, _) = one("three hundred and counting");
        assert_eq!(span, "three hundred");
    }

    #[test]
    fn money_in_every_form() {
        let money = |text: &str, span: &str, n: f64, unit: &str, lo: f64, hi: f64| {
            check(
                text,
                span,
                Kind::Money,
                n,
                Qualifier::None,
                Some(unit),
                Interval::point(n),
                closed(lo, hi),
            );
        };
        money("$2.1 billion", "$2.1 billion", 2.1e9, "USD", 2.05e9, 2.15e9);
        money("$2.1bn", "$2.1bn", 2.1e9, "USD", 2.05e9, 2.15e9);
        money("41 million euros seized", "41 million euros", 41e6, "EUR", 40.5e6, 41.5e6);
        money("EUR 41 million", "EUR 41 million", 41e6, "EUR", 40.5e6, 41.5e6);
        money("€41m", "€41m", 41e6, "EUR", 40.5e6, 41.5e6);
        money("£3bn", "£3bn", 3e9, "GBP", 2.95e9, 3.05e9);
        money("¥10 billion", "¥10 billion", 1e10, "JPY", 9.5e9, 10.5e9);
        money("US$5M", "US$5M", 5e6, "USD", 4.95e6, 5.05e6);
        money("200 pounds sterling", "200 pounds sterling", 200.0, "GBP", 195.0, 205.0);
        check(
            "more than $2 billion",
            "more than $2 billion",
            Kind::Money,
            2e9,
            Qualifier::MoreThan,
            Some("USD"),
            iv(Some(2e9), false, None, false),
            iv(Some(2e9), false, Some(3e9), true),
        );
        check(
            "$97,000",
            "$97,000",
            Kind::Money,
            97_000.0,
            Qualifier::None,
            Some("USD"),
            Interval::point(97_000.0),
            closed(96_500.0, 97_500.0),
        );
    }

    #[test]
    fn percentages() {
        for (text, span) in
            [("12%", "12%"), ("12 %", "12 %"), ("12 percent", "12 percent"), ("12 per cent", "12 per cent")]
        {
            check(
                text,
                span,
                Kind::Percent,
                12.0,
                Qualifier::None,
                Some("percent"),
                Interval::point(12.0),
                Interval::point(12.0),
            );
        }
        let (span, m) = one("twelve percent");
        assert_eq!((span.as_str(), m.kind, m.value.figure), ("twelve percent", Kind::Percent, 12.0));
        let (span, m) = one("rose 3 percentage points");
        assert_eq!((span.as_str(), m.kind, m.value.figure), ("3 percentage points", Kind::Percent, 3.0));
    }

    #[test]
    fn ranges() {
        range("between 20 and 30", "between 20 and 30", Kind::Count, 20.0, 30.0, None);
        range("20-30", "20-30", Kind::Count, 20.0, 30.0, None);
        range("20–30", "20–30", Kind::Count, 20.0, 30.0, None);
        range("20—30", "20—30", Kind::Count, 20.0, 30.0, None);
        range("20~30", "20~30", Kind::Count, 20.0, 30.0, None);
        range("from 20 to 30 boats", "from 20 to 30", Kind::Count, 20.0, 30.0, None);
        range("20 to 30 boats", "20 to 30", Kind::Count, 20.0, 30.0, None);
        range("3 to 9 million", "3 to 9 million", Kind::Count, 3e6, 9e6, None);
        range("$20-30 million", "$20-30 million", Kind::Money, 20e6, 30e6, Some("USD"));
        range("12-15%", "12-15%", Kind::Percent, 12.0, 15.0, Some("percent"));
        range("between 500,000 and 1 million", "between 500,000 and 1 million", Kind::Count, 5e5, 1e6, None);
        range(
            "between two hundred and three hundred",
            "between two hundred and three hundred",
            Kind::Count,
            200.0,
            300.0,
            None,
        );
        range("tens of thousands of people", "tens of thousands", Kind::Count, 20_000.0, 99_999.0, None);
        range("hundreds of people", "hundreds", Kind::Count, 200.0, 999.0, None);
        range("millions of dollars", "millions of dollars", Kind::Money, 2e6, 999_999_999.0, Some("USD"));
    }

    #[test]
    fn changes_are_two_values() {
        let found = scan("up from 12% to 15%");
        let spans: Vec<_> =
            found.iter().map(|m| ("up from 12% to 15%".get(m.start..m.end), m.value.figure)).collect();
        assert_eq!(spans, vec![(Some("12%"), 12.0), (Some("15%"), 15.0)]);
        assert!(found.iter().all(|m| m.kind == Kind::Percent && m.value.qualifier == Qualifier::None));
        // Falling from 30 to 20 is not the range [30, 20].
        let figures: Vec<_> = scan("fell from 30 to 20").iter().map(|m| m.value.figure).collect();
        assert_eq!(figures, vec![30.0, 20.0]);
    }

    #[test]
    fn things_that_are_not_quantities() {
        for text in [
            "throughout 2024 and 2025",
            "A 2025 cybercrime crackdown",
            "in 2019",
            "2024-2025",
            "between 2019 and 2021",
            "en01.web.id",
            "Liberterra III",
            "November 21st",
            "one of the largest",
            "One of them",
            "at 10:30",
            "at 10.30am",
            "at 10 pm",
            "call 555-1234",
            "call 1-800-555-0199",
            "version 1.2.3",
            "COVID19 and COVID-19",
            "an A320 and a 4x4",
            "see https://example.com/2024/11/123 or mail info123@x.org",
            "the twenty-first century",
            "the two hundredth visitor",
            "call +1 202 555 0143",
            "call (555) 123-4567",
            "at 10 Downing Street",
            "for a third time",
            "one hundred twenty fifth",
            "<>30 and =>30",
            "a 5G network",
            "records in 2009",
            "a five-year plan",
            "24/7",
        ] {
            assert_eq!(scan(text), vec![], "{text:?}");
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        let nines = "9".repeat(500);
        let long_fraction = format!("0.{}1", "0".repeat(400));
        let inputs = [
            "$",
            "%",
            "--",
            "1,",
            ",5",
            "-",
            "€",
            "£",
            "US$",
            "EUR",
            "a",
            "half a",
            "between",
            "between 5 and",
            "from 5 to",
            "5 to",
            "5-",
            "€€€5€",
            "1,000,",
            "1,000,00",
            "ñ5 5ñ 日本3 ٣ 🎉12🎉 12%🎉",
            "\u{a0}\u{202f}5\u{2009}000",
            "−7 degrees",
            nines.as_str(),
            long_fraction.as_str(),
            "thousand thousand million",
            "a million billion trillion",
            "ninety-nine trillion nine hundred ninety-nine billion",
        ];
        for text in inputs {
            let found = scan(text);
            for m in &found {
                assert!(m.start < m.end && m.end <= text.len(), "{text:?}: {m:?}");
                assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                assert!(m.value.figure.is_finite());
                let _ = describe(&m.value);
            }
        }
        assert_eq!(scan(nines.as_str()), vec![]);
        exact_count("1,", "1", 1.0);
        // Every prefix of a tricky text: slicing inside multi-byte characters must never happen.
        let tricky = "≈ 5 000 € — 20–30 % ~12 “fifteen” $2.1bn US$5 3.7k −4 half a dozen ¥10";
        for (k, _) in tricky.char_indices() {
            let _ = scan(tricky.get(..k).unwrap_or(""));
            let _ = scan(tricky.get(k..).unwrap_or(""));
        }
    }

    #[test]
    fn mentions_are_ordered_and_disjoint() {
        let text = "Police arrested 3,744 people and seized $97 million in 2025; about 20 were released, \
                    and between 5 and 10 remain.";
        let found = scan(text);
        let spans: Vec<_> = found.iter().filter_map(|m| text.get(m.start..m.end)).collect();
        assert_eq!(spans, vec!["3,744", "$97 million", "about 20", "between 5 and 10"]);
        assert!(found.windows(2).all(|w| matches!(w, [a, b] if a.end <= b.start)));
    }

    /// (span, kind, figure, qualifier, unit) of the only mention in `text`.
    fn read(text: &str) -> (String, Kind, f64, Qualifier, Option<String>) {
        let (span, m) = one(text);
        (span, m.kind, m.value.figure, m.value.qualifier, m.value.unit)
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
    }

    /// Asserts span and value of a mention without qualifier.
    fn reads(text: &str, span: &str, kind: Kind, figure: f64, unit: Option<&str>) {
        let (got, k, f, q, u) = read(text);
        assert_eq!((got.as_str(), k, q, u.as_deref()), (span, kind, Qualifier::None, unit), "{text:?}");
        assert!(close(f, figure), "{text:?}: {f} instead of {figure}");
    }

    #[test]
    fn fractions_written_and_in_digits() {
        // "two-thirds of them" used to be skipped; fractions are figures since issue 3.
        reads("two-thirds of them", "two-thirds", Kind::Count, 2.0 / 3.0, None);
        reads("two thirds", "two thirds", Kind::Count, 2.0 / 3.0, None);
        reads("a third of the vote", "a third", Kind::Count, 1.0 / 3.0, None);
        reads("three quarters", "three quarters", Kind::Count, 0.75, None);
        reads("one and a half", "one and a half", Kind::Count, 1.5, None);
        reads("twenty and three fifths", "twenty and three fifths", Kind::Count, 20.6, None);
        reads("one hundred thirty fifths", "one hundred thirty fifths", Kind::Count, 100.0 / 35.0, None);
        reads("one hundred and thirty fifths", "one hundred and thirty fifths", Kind::Count, 26.0, None);
        reads("a twenty-first", "a twenty-first", Kind::Count, 1.0 / 21.0, None);
        reads("five and a half million fish", "five and a half million", Kind::Count, 5.5e6, None);
        reads(
            "one billion and a half million",
            "one billion and a half million",
            Kind::Count,
            1.0005e9,
            None,
        );
        reads("quarter million", "quarter million", Kind::Count, 250_000.0, None);
        reads("two thirds of a million", "two thirds of a million", Kind::Count, 2e6 / 3.0, None);
        reads("3/4", "3/4", Kind::Count, 0.75, None);
        reads("2  1/4", "2  1/4", Kind::Count, 2.25, None);
        reads("-4/5", "-4/5", Kind::Count, -0.8, None);
        reads("the result is ½", "½", Kind::Count, 0.5, None);
        reads("one in five adults", "one in five", Kind::Count, 0.2, None);
        reads("two out of five hundred", "two out of five hundred", Kind::Count, 0.004, None);
        reads("1 over 3", "1 over 3", Kind::Count, 1.0 / 3.0, None);
        // "over" makes a ratio only after one: "20 over three days" is 20 and a bound.
        let figures: Vec<_> = scan("20 over three days").iter().map(|m| m.value.figure).collect();
        assert_eq!(figures, vec![20.0, 3.0]);
        let (span, _, figure, qualifier, _) = read("more than half people came");
        assert_eq!((span.as_str(), figure, qualifier), ("more than half", 0.5, Qualifier::MoreThan));
        // A fraction is exact: no rounding step.
        let (_, m) = one("two thirds");
        assert_eq!(m.value.approx, m.value.logical);
    }

    #[test]
    fn written_decimals_signs_and_mixed_forms() {
        reads("five point five", "five point five", Kind::Count, 5.5, None);
        reads("two hundred point zero three", "two hundred point zero three", Kind::Count, 200.03, None);
        reads("nought point eleven", "nought point eleven", Kind::Count, 0.11, None);
        reads("The answer is minus 5", "minus 5", Kind::Count, -5.0, None);
        reads("negative ten", "negative ten", Kind::Count, -10.0, None);
        reads("naught", "naught", Kind::Count, 0.0, None);
        reads("3 hundred and 21", "3 hundred and 21", Kind::Count, 321.0, None);
        reads("4 thousand 3 hundred and 21", "4 thousand 3 hundred and 21", Kind::Count, 4321.0, None);
        reads("322 hundred", "322 hundred", Kind::Count, 32_200.0, None);
        reads("13 lakh", "13 lakh", Kind::Count, 1.3e6, None);
        reads("three lakh crore", "three lakh crore", Kind::Count, 3e12, None);
        reads("3 dozens", "3 dozens", Kind::Count, 36.0, None);
        reads("three hundred and two dozens", "three hundred and two dozens", Kind::Count, 324.0, None);
        reads("fifty - two", "fifty - two", Kind::Count, 52.0, None);
        reads(
            "twenty-one trillion and three hundred",
            "twenty-one trillion and three hundred",
            Kind::Count,
            21e12 + 300.0,
            None,
        );
        let spans: Vec<_> = scan("3 hundred and 2 hundred").iter().map(|m| m.value.figure).collect();
        assert_eq!(spans, vec![300.0, 200.0]);
        // Rounding steps still come from the figure: "5.5 million" rounds like "5,500,000".
        let (_, m) = one("five and a half million");
        assert_eq!(m.value.approx, closed(5_450_000.0, 5_550_000.0));
    }

    #[test]
    fn notation_and_abbreviated_scales() {
        reads(".08", ".08", Kind::Count, 0.08, None);
        reads("1e10", "1e10", Kind::Count, 1e10, None);
        reads("1.3e6", "1.3e6", Kind::Count, 1.3e6, None);
        reads("-12e-1", "-12e-1", Kind::Count, -1.2, None);
        reads("2.5^-1", "2.5^-1", Kind::Count, 0.4, None);
        reads("-1.1^+23", "-1.1^+23", Kind::Count, -(1.1f64.powi(23)), None);
        reads("1.3x10^6", "1.3x10^6", Kind::Count, 1.3e6, None);
        reads("I can give you 10M.", "10M", Kind::Count, 1e7, None);
        reads(" 2.33 k", "2.33 k", Kind::Count, 2330.0, None);
        reads("1.2b", "1.2b", Kind::Count, 1.2e9, None);
        reads("either 10 bln", "10 bln", Kind::Count, 1e10, None);
        reads("2mil", "2mil", Kind::Count, 2e6, None);
        reads("12,34,567.89", "12,34,567.89", Kind::Count, 1_234_567.89, None);
        assert_eq!(scan("1m isn't a number"), vec![]);
    }

    #[test]
    fn bounds_in_every_wording() {
        for (text, span, qualifier, figure) in [
            ("greater than 4,565", "greater than 4,565", Qualifier::MoreThan, 4565.0),
            ("no less than thirty", "no less than thirty", Qualifier::AtLeast, 30.0),
            ("less than or equal to 100", "less than or equal to 100", Qualifier::AtMost, 100.0),
            ("equal to or more than 30", "equal to or more than 30", Qualifier::AtLeast, 30.0),
            ("smaller or equal than 100", "smaller or equal than 100", Qualifier::AtMost, 100.0),
            ("exceed 3000", "exceed 3000", Qualifier::MoreThan, 3000.0),
            ("x>10", ">10", Qualifier::MoreThan, 10.0),
            (">= 30", ">= 30", Qualifier::AtLeast, 30.0),
            ("< = 100", "< = 100", Qualifier::AtMost, 100.0),
            ("<=  -30", "<=  -30", Qualifier::AtMost, -30.0),
            ("50 or more people", "50 or more", Qualifier::AtLeast, 50.0),
            ("about five hundred or less", "five hundred or less", Qualifier::AtMost, 500.0),
            ("200 or greater than", "200 or greater than", Qualifier::AtLeast, 200.0),
            ("less than 5000 or equal", "less than 5000 or equal", Qualifier::AtMost, 5000.0),
            ("equal to 20", "equal to 20", Qualifier::None, 20.0),
        ] {
            let (got, _, f, q, _) = read(text);
            assert_eq!((got.as_str(), q, f), (span, qualifier, figure), "{text:?}");
        }
        check(
            "greater than 100 and smaller than 300",
            "greater than 100 and smaller than 300",
            Kind::Count,
            100.0,
            Qualifier::Range,
            None,
            iv(Some(100.0), false, Some(300.0), false),
            iv(Some(100.0), false, Some(300.0), false),
        );
        check(
            "at most 100 and at least 20 apples",
            "at most 100 and at least 20",
            Kind::Count,
            20.0,
            Qualifier::Range,
            None,
            closed(20.0, 100.0),
            closed(20.0, 100.0),
        );
        range("20 through 100", "20 through 100", Kind::Count, 20.0, 100.0, None);
        range("5k-20k", "5k-20k", Kind::Count, 5000.0, 20_000.0, None);
        // Bounds that cannot hold together stay two.
        let qualifiers: Vec<_> =
            scan("More than 40 and less than 10").iter().map(|m| m.value.qualifier).collect();
        assert_eq!(qualifiers, vec![Qualifier::MoreThan, Qualifier::LessThan]);
        let figures: Vec<_> = scan("200 or greater than 190").iter().map(|m| m.value.figure).collect();
        assert_eq!(figures, vec![200.0, 190.0]);
    }

    #[test]
    fn currencies_symbols_codes_names_and_subunits() {
        reads("50 cents", "50 cents", Kind::Money, 0.5, Some("USD"));
        reads("470 pence", "470 pence", Kind::Money, 4.7, Some("GBP"));
        reads("a 12-cent-a-share dividend", "12-cent", Kind::Money, 0.12, Some("USD"));
        reads("its one-yen bid", "one-yen", Kind::Money, 1.0, Some("JPY"));
        reads("close one penny", "one penny", Kind::Money, 0.01, Some("GBP"));
        reads("c $ 16.4 million", "c $ 16.4 million", Kind::Money, 16.4e6, Some("CAD"));
        reads("hk $ 10.05 billion", "hk $ 10.05 billion", Kind::Money, 10.05e9, Some("HKD"));
        reads("us $ 150 million", "us $ 150 million", Kind::Money, 150e6, Some("USD"));
        reads("won a $48.2 million contract", "$48.2 million", Kind::Money, 48.2e6, Some("USD"));
        reads("Keith's $500 guitar", "$500", Kind::Money, 500.0, Some("USD"));
        reads("A$15", "A$15", Kind::Money, 15.0, Some("AUD"));
        reads("nzd$15", "nzd$15", Kind::Money, 15.0, Some("NZD"));
        reads("nor is 10 €", "10 €", Kind::Money, 10.0, Some("EUR"));
        reads("100元", "100元", Kind::Money, 100.0, Some("CNY"));
        reads("115USD", "115USD", Kind::Money, 115.0, Some("USD"));
        reads("usd 200", "usd 200", Kind::Money, 200.0, Some("USD"));
        reads("rmb 10", "rmb 10", Kind::Money, 10.0, Some("CNY"));
        reads("They lost 75 USD million", "75 USD million", Kind::Money, 75e6, Some("USD"));
        reads("30 MUSD", "30 MUSD", Kind::Money, 30e6, Some("USD"));
        reads("revenues of MAUD 60", "MAUD 60", Kind::Money, 60e6, Some("AUD"));
        reads("3 dollars 50 cents", "3 dollars 50 cents", Kind::Money, 3.5, Some("USD"));
        reads(
            "thirteen dollars and forty-five cents",
            "thirteen dollars and forty-five cents",
            Kind::Money,
            13.45,
            Some("USD"),
        );
        reads("420 million finnish markka", "420 million finnish markka", Kind::Money, 420e6, Some("FIM"));
        reads(
            "125 million australian dollars",
            "125 million australian dollars",
            Kind::Money,
            125e6,
            Some("AUD"),
        );
        reads("10 turkish lira", "10 turkish lira", Kind::Money, 10.0, Some("TRY"));
        reads("6.25 BTC", "6.25 BTC", Kind::Money, 6.25, Some("XBT"));
        reads("2 satoshis", "2 satoshis", Kind::Money, 2e-8, Some("XBT"));
        reads("35 lakh rupees", "35 lakh rupees", Kind::Money, 3.5e6, Some("INR"));
        reads("12,34,567.89 rupees", "12,34,567.89 rupees", Kind::Money, 1_234_567.89, Some("INR"));
        reads("half million usd", "half million usd", Kind::Money, 500_000.0, Some("USD"));
        // "ALL" is a word, not the Albanian lek.
        assert!(scan("All 70 of us. ALL 5 solutions").iter().all(|m| m.kind == Kind::Count));
    }

    #[test]
    fn percent_wordings() {
        reads(" 100 percentage", "100 percentage", Kind::Percent, 100.0, Some("percent"));
        reads("one hundred percents", "one hundred percents", Kind::Percent, 100.0, Some("percent"));
        reads("just need minus five percent", "minus five percent", Kind::Percent, -5.0, Some("percent"));
        reads("percent of 10", "percent of 10", Kind::Percent, 10.0, Some("percent"));
        reads("per cent of twenty-two", "per cent of twenty-two", Kind::Percent, 22.0, Some("percent"));
        // Only opening a sentence: "a small percent of 300 homes" is no 300%.
        let kinds: Vec<(Kind, Qualifier)> =
            scan("a small percent of 300 homes").iter().map(|m| (m.kind, m.value.qualifier)).collect();
        assert_eq!(kinds, vec![(Kind::Percent, Qualifier::Unstated), (Kind::Count, Qualifier::None)]);
    }

    #[test]
    fn reporters_forms() {
        reads("2,500-strong force", "2,500", Kind::Count, 2500.0, None);
        let (span, kind, figure, qualifier, _) = read("nearly half a million people");
        assert_eq!(
            (span.as_str(), kind, figure, qualifier),
            ("nearly half a million", Kind::Count, 500_000.0, Qualifier::Nearly)
        );
        let (span, _, figure, qualifier, _) = read("some 400 homes");
        assert_eq!((span.as_str(), figure, qualifier), ("some 400", 400.0, Qualifier::About));
        range("dozens of people", "dozens", Kind::Count, 13.0, 99.0, None);
        range("ages 20 – 30", "20 – 30", Kind::Count, 20.0, 30.0, None);
    }

    #[test]
    fn between_with_a_dash_is_one_range() {
        for t in ["between 20–30 people", "Between 20-30 people", "between 20 – 30 people"] {
            let m = scan_quantities(t);
            assert_eq!(m.len(), 1, "{t}");
            assert_eq!(
                (m[0].value.logical, m[0].value.qualifier),
                (Interval::closed(20.0, 30.0), Qualifier::Range),
                "{t}"
            );
        }
    }

    #[test]
    fn percentages_named_without_a_figure() {
        let spans = |t: &str| -> Vec<(String, String)> {
            scan_quantities(t).iter().map(|m| (t[m.start..m.end].to_string(), describe(&m.value))).collect()
        };
        assert_eq!(
            spans("Only a small percent attain the top ranks"),
            vec![("percent".into(), "an unstated percentage".into())]
        );
        assert_eq!(
            spans("The table shows the % of increase"),
            vec![("%".into(), "an unstated percentage".into())]
        );
        assert_eq!(
            spans("How do I calculate a percentage?"),
            vec![("percentage".into(), "an unstated percentage".into())]
        );
        assert_eq!(
            spans("Turnout was 12 percent, up 3 per cent"),
            vec![("12 percent".into(), "12%".into()), ("3 per cent".into(), "3%".into())]
        );
        assert_eq!(spans("twelve percent"), vec![("twelve percent".into(), "12%".into())]);
        assert_eq!(spans("percentages and percentiles"), vec![]);
        let m = scan_quantities("a percentage");
        assert_eq!(m[0].value.logical, Interval::closed(0.0, 100.0));
        assert_eq!(m[0].value.qualifier, Qualifier::Unstated);
    }

    #[test]
    fn describe_for_tables() {
        let d = |text: &str| describe(&one(text).1.value);
        assert_eq!(d("more than 3,700 suspects"), "more than 3,700");
        assert_eq!(d("3,744 arrests"), "3,744");
        assert_eq!(d("Approximately 14,000 officers"), "about 14,000");
        assert_eq!(d("between 20 and 30"), "between 20 and 30");
        assert_eq!(d("$2.1 billion"), "USD 2,100,000,000");
        assert_eq!(d("12%"), "12%");
        assert_eq!(d("1.5%"), "1.5%");
        assert_eq!(d("12.25 percent"), "12.25%");
        assert_eq!(d("up to 400"), "up to 400");
        assert_eq!(d("nearly 5,000"), "nearly 5,000");
        assert_eq!(d("at least 720"), "at least 720");
        assert_eq!(d("fewer than 50"), "less than 50");
        assert_eq!(d("-1234.5"), "-1,234.5");
    }
}
