//! Figures in running text: counts, money and percentages, with the words that qualify them.
//!
//! The scanner walks the text once, left to right, and stops only where a figure can start: a
//! digit, a minus sign, a currency sign or code, or a word whose first letter can begin a number
//! word. From there a small hand-written parser reads the figure forward (digits with thousands
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
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // Nothing before `floor` may be reused: a qualifier must not reach into the previous mention.
    let mut floor = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if may_start(b) && boundary_ok(text, i, b) {
            if let Some(next) = parse_at(text, i, floor, &mut out) {
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
    out
}

/// Short human description of a quantity for tables: qualifier words, then the figure with
/// thousands separators and its unit ("more than 3,700", "3,744", "USD 2,100,000,000", "12%",
/// "between 20 and 30").
pub fn describe(q: &Quantity) -> String {
    let figure = |v: f64| match q.unit.as_deref() {
        Some(PERCENT) => format!("{}%", format_number(v)),
        Some(code) => format!("{code} {}", format_number(v)),
        None => format_number(v),
    };
    let lead = match q.qualifier {
        Qualifier::Range => {
            let lo = q.logical.min.unwrap_or(q.figure);
            let hi = q.logical.max.unwrap_or(q.figure);
            return format!("between {} and {}", figure(lo), figure(hi));
        }
        Qualifier::None => "",
        Qualifier::About => "about ",
        Qualifier::MoreThan => "more than ",
        Qualifier::AtLeast => "at least ",
        Qualifier::LessThan => "less than ",
        Qualifier::AtMost => "up to ",
        Qualifier::Nearly => "nearly ",
    };
    format!("{lead}{}", figure(q.figure))
}

/// The unit string of percentages.
const PERCENT: &str = "percent";

/// ISO 4217 codes accepted before or after a figure.
const CODES: [&str; 9] = ["USD", "EUR", "GBP", "JPY", "CHF", "CNY", "INR", "AUD", "CAD"];

// ---------------------------------------------------------------------------------------------
// Number formatting

/// "2100000000" → "2,100,000,000"; fractions keep up to two decimals, trailing zeros trimmed.
fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return format!("{v}");
    }
    let rounded = (v * 100.0).round() / 100.0;
    let rounded = if rounded.is_finite() { rounded } else { v };
    let text = format!("{:.2}", rounded.abs());
    let (int_part, frac_part) = text.split_once('.').unwrap_or((text.as_str(), ""));
    let frac_part = frac_part.trim_end_matches('0');
    let mut out = String::with_capacity(text.len() + text.len() / 3 + 2);
    if rounded < 0.0 && (int_part.bytes().any(|b| b != b'0') || !frac_part.is_empty()) {
        out.push('-');
    }
    let len = int_part.len();
    for (k, c) in int_part.chars().enumerate() {
        if k > 0 && (len - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac_part.is_empty() {
        out.push('.');
        out.push_str(frac_part);
    }
    out
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
        self.parts.value(self.scale_exp)
    }

    fn quantity(&self, qualifier: Qualifier) -> Quantity {
        let (tz, sig) = self.parts.shape(self.scale_exp);
        quantity(self.value(), tz, sig, qualifier, self.unit)
    }
}

// ---------------------------------------------------------------------------------------------
// Byte and character helpers (all bounds-checked)

fn byte(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

fn ascii_alnum_run(b: &[u8], i: usize) -> usize {
    b.get(i..).map_or(1, |rest| rest.iter().take_while(|c| c.is_ascii_alphanumeric()).count().max(1))
}

fn skip_ws(text: &str, mut i: usize) -> usize {
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

/// `word` lowercased into `buf` (as bytes: no UTF-8 check needed for byte-string patterns); `None`
/// when too long to be any word we know.
fn lower<'a>(word: &str, buf: &'a mut [u8; 16]) -> Option<&'a [u8]> {
    let src = word.as_bytes();
    let dst = buf.get_mut(..src.len())?;
    for (d, s) in dst.iter_mut().zip(src) {
        *d = s.to_ascii_lowercase();
    }
    Some(dst)
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
            b'a'..=b'j' | b'm' | b'n' | b'o' | b's' | b't' | b'u' | b'z' | b'$' | b'-' | 0xC2 | 0xE2
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
    // Words and currency signs: not in the middle of a word, a hyphenated compound, a path or
    // an address.
    !prev.is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '@' | '.' | '/' | '\\' | '$'))
}

// ---------------------------------------------------------------------------------------------
// Reading one figure forward

/// Currency written before the figure; returns the code and where the digits start.
fn currency_prefix(text: &str, i: usize) -> Option<(&'static str, usize)> {
    let rest = text.get(i..)?;
    let (code, len) = if rest.starts_with("US$") {
        ("USD", 3)
    } else if rest.starts_with("A$") {
        ("AUD", 2)
    } else if rest.starts_with("C$") {
        ("CAD", 2)
    } else if let Some(c) = rest.chars().next().filter(|c| matches!(c, '$' | '€' | '£' | '¥' | '₹')) {
        let code = match c {
            '$' => "USD",
            '€' => "EUR",
            '£' => "GBP",
            '¥' => "JPY",
            _ => "INR",
        };
        (code, c.len_utf8())
    } else {
        let code = CODES.iter().copied().find(|code| rest.starts_with(code))?;
        // "USDA" is not a currency.
        if byte(rest.as_bytes(), 3).is_ascii_alphabetic() {
            return None;
        }
        (code, 3)
    };
    let mut j = i + len;
    // One space may separate sign or code from the digits ("EUR 41 million", "$ 5").
    if let Some(c) = char_at(text, j).filter(|c| c.is_whitespace() && *c != '\n') {
        j += c.len_utf8();
    }
    byte(text.as_bytes(), j).is_ascii_digit().then_some((code, j))
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
    if int_len == 0 {
        return None;
    }
    let mut separator: Option<&str> = None;
    if int_len <= 3 {
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
fn scale_after(text: &str, i: usize, currency: bool) -> (i32, usize) {
    let (glued, end) = read_word(text, i);
    if !glued.is_empty() {
        // "m"/"b" alone are too ambiguous ("5m" metres) except right after a currency amount.
        let exp = match glued {
            "k" | "K" => 3,
            "bn" | "Bn" | "BN" => 9,
            "tn" | "Tn" | "TN" => 12,
            "m" | "M" | "mn" | "Mn" | "MN" | "mln" if currency => 6,
            "b" | "B" if currency => 9,
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
    let exp = match lower(word, &mut buf) {
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
    if let Some(end) = spaced_word(text, i, "percent") {
        return Some(end);
    }
    if let Some(end) = spaced_word(text, i, "per").and_then(|e| spaced_word(text, e, "cent")) {
        return Some(end);
    }
    let end = spaced_word(text, i, "percentage")?;
    spaced_word(text, end, "points").or_else(|| spaced_word(text, end, "point"))
}

/// A currency named after the figure ("41 million euros", "5 USD"); returns the code and the end.
fn currency_after(text: &str, i: usize) -> Option<(&'static str, usize)> {
    let j = skip_ws(text, i);
    if j == i {
        return None;
    }
    let (word, end) = read_word(text, j);
    if char_at(text, end).is_some_and(char::is_alphanumeric) {
        return None;
    }
    if let Some(code) = CODES.iter().copied().find(|c| *c == word) {
        return Some((code, end));
    }
    let mut buf = [0u8; 16];
    let then = |w: &str| spaced_word(text, end, w);
    let dollars = || then("dollars").or_else(|| then("dollar"));
    match lower(word, &mut buf)? {
        b"dollars" | b"dollar" => Some(("USD", end)),
        b"euros" | b"euro" => Some(("EUR", end)),
        b"pounds" | b"pound" => Some(("GBP", then("sterling").unwrap_or(end))),
        b"sterling" => Some(("GBP", end)),
        b"yen" => Some(("JPY", end)),
        b"francs" | b"franc" => Some(("CHF", end)),
        b"yuan" | b"renminbi" => Some(("CNY", end)),
        b"rupees" | b"rupee" => Some(("INR", end)),
        b"us" => dollars().map(|e| ("USD", e)),
        b"australian" => dollars().map(|e| ("AUD", e)),
        b"canadian" => dollars().map(|e| ("CAD", e)),
        b"swiss" => then("francs").or_else(|| then("franc")).map(|e| ("CHF", e)),
        _ => None,
    }
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
    let j = if byte(text.as_bytes(), i) == b' ' { i + 1 } else { i };
    ["am", "pm", "a.m.", "p.m."].iter().any(|w| match_ci(text, j, w).is_some())
        || spaced_word(text, i, "o'clock").is_some()
        || spaced_word(text, i, "o’clock").is_some()
}

/// Reads the figure starting at `p` (a currency sign, a minus, a digit or a word).
fn parse_core(text: &str, p: usize, signed: bool, allow_and: bool) -> Option<Core> {
    let b = text.as_bytes();
    let first = byte(b, p);
    // Only a sign, a symbol or an upper-case code can start a currency prefix; skip the lookup for
    // digits and lower-case words, which are most candidates.
    let prefix =
        if first.is_ascii_digit() || first.is_ascii_lowercase() { None } else { currency_prefix(text, p) };
    let (prefix, mut i) = match prefix {
        Some((code, at)) => (Some(code), at),
        None => (None, p),
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
    if byte(b, i).is_ascii_digit() {
        return digit_core(text, p, i, neg, prefix);
    }
    if prefix.is_some() || neg || !first.is_ascii_alphabetic() || !may_begin_words(text, p) {
        return None;
    }
    vague_core(text, p).or_else(|| word_core(text, p, allow_and))
}

fn digit_core(text: &str, start: usize, at: usize, neg: bool, prefix: Option<&'static str>) -> Option<Core> {
    let digits = parse_digits(text, at)?;
    let mut parts = digits.parts;
    parts.neg = neg;
    let (scale_exp, mut end) = scale_after(text, digits.end, prefix.is_some());
    if !follow_ok(text, end) {
        return None;
    }
    let mut unit = prefix;
    if unit.is_none() {
        if let Some(e) = percent_after(text, end) {
            unit = Some(PERCENT);
            end = e;
        } else if let Some((code, e)) = currency_after(text, end) {
            unit = Some(code);
            end = e;
        } else if scale_exp == 0 && time_after(text, end) {
            return None;
        }
    }
    let plain = !digits.separated && parts.frac_len == 0 && scale_exp == 0 && unit.is_none() && !neg;
    let value = parts.value(scale_exp);
    let year_like = plain && digits.int_len == 4 && (1500.0..=2100.0).contains(&value);
    let core = Core {
        start,
        end,
        parts,
        scale_exp,
        unit,
        year_like,
        plain_len: plain.then_some(digits.int_len),
        vague: None,
        used_and: false,
    };
    // 500 nines overflow f64: no sensible figure, and infinities would poison comparisons.
    value.is_finite().then_some(core)
}

/// Classes of number words.
#[derive(Debug, Clone, Copy, PartialEq)]
enum W {
    Unit(u64),
    Teen(u64),
    Tens(u64),
    Hundred,
    Scale(u64, i32),
    Dozen,
    A,
    Half,
    And,
}

fn classify(word: &str) -> Option<W> {
    let mut buf = [0u8; 16];
    Some(match lower(word, &mut buf)? {
        b"zero" => W::Unit(0),
        b"one" => W::Unit(1),
        b"two" => W::Unit(2),
        b"three" => W::Unit(3),
        b"four" => W::Unit(4),
        b"five" => W::Unit(5),
        b"six" => W::Unit(6),
        b"seven" => W::Unit(7),
        b"eight" => W::Unit(8),
        b"nine" => W::Unit(9),
        b"ten" => W::Teen(10),
        b"eleven" => W::Teen(11),
        b"twelve" => W::Teen(12),
        b"thirteen" => W::Teen(13),
        b"fourteen" => W::Teen(14),
        b"fifteen" => W::Teen(15),
        b"sixteen" => W::Teen(16),
        b"seventeen" => W::Teen(17),
        b"eighteen" => W::Teen(18),
        b"nineteen" => W::Teen(19),
        b"twenty" => W::Tens(20),
        b"thirty" => W::Tens(30),
        b"forty" => W::Tens(40),
        b"fifty" => W::Tens(50),
        b"sixty" => W::Tens(60),
        b"seventy" => W::Tens(70),
        b"eighty" => W::Tens(80),
        b"ninety" => W::Tens(90),
        b"hundred" => W::Hundred,
        b"thousand" => W::Scale(1_000, 3),
        b"million" => W::Scale(1_000_000, 6),
        b"billion" => W::Scale(1_000_000_000, 9),
        b"trillion" => W::Scale(1_000_000_000_000, 12),
        b"dozen" => W::Dozen,
        b"a" => W::A,
        b"half" => W::Half,
        b"and" => W::And,
        _ => return None,
    })
}

/// Quick test on the first word: can a written number or a vague magnitude start here? Most
/// words of running text stop at this one lookup.
fn may_begin_words(text: &str, p: usize) -> bool {
    let (word, _) = read_word(text, p);
    let mut buf = [0u8; 16];
    match lower(word, &mut buf) {
        Some(b"dozens" | b"tens" | b"hundreds" | b"thousands" | b"millions" | b"billions") => true,
        Some(_) => matches!(classify(word), Some(W::Unit(_) | W::Teen(_) | W::Tens(_) | W::A | W::Half)),
        None => false,
    }
}

/// Number words read at a position.
struct Words {
    parts: Parts,
    scale_exp: i32,
    end: usize,
    used_and: bool,
}

/// Start of the next word after `end`: across whitespace, or across a hyphen ("twenty-five").
fn next_word_start(text: &str, end: usize) -> Option<usize> {
    let b = text.as_bytes();
    if byte(b, end) == b'-' && byte(b, end + 1).is_ascii_alphabetic() {
        return Some(end + 1);
    }
    let j = skip_ws(text, end);
    (j > end && byte(b, j).is_ascii_alphabetic()).then_some(j)
}

/// "half a million" and friends.
fn half_a(text: &str, end: usize) -> Option<Words> {
    let a = spaced_word(text, end, "a")?;
    let j = skip_ws(text, a);
    let (word, wend) = read_word(text, j);
    if j == a || char_at(text, wend).is_some_and(char::is_alphanumeric) {
        return None;
    }
    let whole = match classify(word)? {
        W::Dozen => 12,
        W::Hundred => 100,
        W::Scale(s, _) => s,
        _ => return None,
    };
    Some(Words { parts: Parts::from_int(whole / 2), scale_exp: 0, end: wend, used_and: false })
}

/// Written numbers: "ten", "twenty-five", "three hundred and fifty", "two million", "a dozen".
fn parse_words(text: &str, p: usize, allow_and: bool) -> Option<Words> {
    #[derive(Clone, Copy, PartialEq)]
    enum Last {
        Start,
        Small,
        Tens,
        Hundred,
        Scale,
        A,
        Dozen,
    }
    let mut total: u64 = 0;
    let mut current: u64 = 0;
    let mut last = Last::Start;
    let mut last_scale = u64::MAX;
    let mut scales = 0u32;
    let (mut group, mut group_exp) = (0u64, 0i32);
    let (mut end, mut pos) = (p, p);
    let mut words = 0u32;
    let mut used_and = false;
    loop {
        let (word, wend) = read_word(text, pos);
        let Some(class) = classify(word) else { break };
        match (last, class) {
            (Last::Start, W::Half) => return half_a(text, wend),
            (Last::Start, W::A) => {
                current = 1;
                last = Last::A;
            }
            (Last::Start | Last::Hundred | Last::Scale, W::Unit(u) | W::Teen(u)) => {
                current += u;
                last = Last::Small;
            }
            (Last::Tens, W::Unit(u)) if u > 0 => {
                current += u;
                last = Last::Small;
            }
            (Last::Start | Last::Hundred | Last::Scale, W::Tens(t)) => {
                current += t;
                last = Last::Tens;
            }
            (Last::Small | Last::A, W::Hundred) if current > 0 && current < 100 => {
                current *= 100;
                last = Last::Hundred;
            }
            (Last::Small | Last::Tens | Last::Hundred | Last::A, W::Scale(s, e)) if s < last_scale => {
                total = total.checked_add(current.checked_mul(s)?)?;
                (group, group_exp) = (current, e);
                current = 0;
                last_scale = s;
                scales += 1;
                last = Last::Scale;
            }
            (Last::Small | Last::Tens | Last::A, W::Dozen) if total == 0 && current < 100 => {
                current *= 12;
                last = Last::Dozen;
            }
            (Last::Hundred | Last::Scale, W::And) if allow_and => {
                // "and" belongs to the number only when a number word follows it.
                let Some(next) = next_word_start(text, wend) else { break };
                let follows =
                    matches!(classify(read_word(text, next).0), Some(W::Unit(1..) | W::Teen(_) | W::Tens(_)));
                if !follows || byte(text.as_bytes(), wend) == b'-' {
                    break;
                }
                used_and = true;
                pos = next;
                continue;
            }
            _ => break,
        }
        words += 1;
        end = wend;
        if last == Last::Dozen {
            break;
        }
        match next_word_start(text, wend) {
            Some(next) => pos = next,
            None => break,
        }
    }
    if words == 0 || last == Last::A {
        return None;
    }
    let value = total.checked_add(current)?;
    // A bare "one" is nearly always a pronoun or an article ("one of the largest").
    if words == 1 && value == 1 {
        return None;
    }
    let (parts, scale_exp) = if last == Last::Scale && scales == 1 {
        (Parts::from_int(group), group_exp)
    } else {
        (Parts::from_int(value), 0)
    };
    Some(Words { parts, scale_exp, end, used_and })
}

/// "two-thirds", "three quarters": fractions, not counts.
fn fraction_after(text: &str, end: usize) -> bool {
    let Some(next) = next_word_start(text, end) else { return false };
    let mut buf = [0u8; 16];
    matches!(
        lower(read_word(text, next).0, &mut buf),
        Some(
            b"half"
                | b"halves"
                | b"third"
                | b"thirds"
                | b"quarter"
                | b"quarters"
                | b"fifth"
                | b"fifths"
                | b"sixth"
                | b"sixths"
                | b"eighth"
                | b"eighths"
                | b"tenth"
                | b"tenths"
        )
    )
}

fn word_core(text: &str, p: usize, allow_and: bool) -> Option<Core> {
    let words = parse_words(text, p, allow_and)?;
    let b = text.as_bytes();
    // "twenty-first", "five-year": an ordinal or an adjective, not a count.
    if byte(b, words.end) == b'-' && byte(b, words.end + 1).is_ascii_alphabetic() {
        return None;
    }
    if fraction_after(text, words.end) {
        return None;
    }
    let (unit, end) = if let Some(e) = percent_after(text, words.end) {
        (Some(PERCENT), e)
    } else if let Some((code, e)) = currency_after(text, words.end) {
        (Some(code), e)
    } else {
        (None, words.end)
    };
    Some(Core {
        start: p,
        end,
        parts: words.parts,
        scale_exp: words.scale_exp,
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
    let lead = match lower(first, &mut buf)? {
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
            let magnitude = match lower(second, &mut buf) {
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
        Some((code, e)) => (Some(code), e),
        None => (None, end),
    };
    Some(Core {
        start: p,
        end,
        parts: Parts::default(),
        scale_exp: 0,
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
}

/// Qualifier phrases, longer first so "no more than" wins over "more than".
const PHRASES: &[(&[&str], Lead)] = &[
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
    (&["under"], Lead::Q(Qualifier::LessThan)),
    (&["below"], Lead::Q(Qualifier::LessThan)),
    (&["nearly"], Lead::Q(Qualifier::Nearly)),
    (&["almost"], Lead::Q(Qualifier::Nearly)),
    (&["between"], Lead::Between),
    (&["from"], Lead::From),
];

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
    let head = text.get(floor..pos)?;
    let t = head.trim_end();
    if let Some(c) = t.chars().next_back().filter(|c| matches!(c, '~' | '≈')) {
        return Some((floor + t.len() - c.len_utf8(), Lead::Q(Qualifier::About)));
    }
    if t.len() == head.len() {
        return None;
    }
    let first = last_word(t)?;
    let (start, lead, phrase) =
        PHRASES.iter().find_map(|(phrase, lead)| Some((phrase_start(t, first, phrase)?, *lead, *phrase)))?;
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
    let after_word = |w: &str| {
        let end = spaced_word(text, i, w)?;
        let j = skip_ws(text, end);
        (j > end).then_some(j)
    };
    if lead == Some(Lead::Between) {
        return after_word("and").map(|j| (Conn::And, j));
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
    after_word("to").map(|j| (Conn::To, j))
}

/// Emits a single figure with its qualifier, unless it is a bare year.
fn push_single(core: &Core, lead: Option<(usize, Lead)>, out: &mut Vec<QuantityMention>) {
    let (start, qualifier) = match lead {
        Some((s, Lead::Q(q))) => (s, q),
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
fn parse_at(text: &str, p: usize, floor: usize, out: &mut Vec<QuantityMention>) -> Option<usize> {
    let mut left = parse_core(text, p, true, true)?;
    let lead = qualifier_before(text, p, floor);
    let lead_kind = lead.map(|(_, l)| l);
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
    push_single(&left, lead, out);
    Some(left.end)
}

#[cfg(test)]
mod tests {
    use super::*;

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
            "two-thirds of them",
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
