//! Claims: what a source says, with the exact span it was read from.
//!
//! Every stage after extraction works on these types only. Numbers are kept as two intervals
//! (what the words strictly say, and what a reporter customarily means) so that comparison is
//! interval overlap and never string matching.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use std::sync::Arc;

/// The kind of value a claim carries; a closed set, dispatched with `match`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A count of things or people ("3,744 arrests").
    Count,
    /// An amount of money with its currency ("$2.1bn").
    Money,
    /// A percentage ("12%").
    Percent,
    /// A date or a date range.
    Date,
    /// A person named by an office or title.
    Person,
    /// A place ("Lyon, France").
    Place,
    /// Any other named thing, compared as text.
    Text,
}

impl Kind {
    /// The lowercase name used in rule files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Count => "count",
            Kind::Money => "money",
            Kind::Percent => "percent",
            Kind::Date => "date",
            Kind::Person => "person",
            Kind::Place => "place",
            Kind::Text => "text",
        }
    }

    /// Whether values of this kind are numeric intervals.
    pub fn is_numeric(self) -> bool {
        matches!(self, Kind::Count | Kind::Money | Kind::Percent)
    }
}

/// How the words around a figure qualify it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    /// No qualifier: "3,744".
    None,
    /// "about", "approximately", "some", "around", "roughly", "an estimated".
    About,
    /// "more than", "over", "in excess of": strictly above.
    MoreThan,
    /// "at least", "no fewer than": at or above.
    AtLeast,
    /// "less than", "fewer than", "under": strictly below.
    LessThan,
    /// "up to", "at most", "as many as", "no more than": at or below.
    AtMost,
    /// "nearly", "almost", "close to", "just under": slightly below.
    Nearly,
    /// "between 20 and 30", "20-30", "from 20 to 30": both ends inclusive.
    Range,
    /// No figure is given ("a small percent", "the percentage"): only the unit is known.
    Unstated,
}

/// An interval on the real line; `None` is unbounded on that side.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// Lower end, `None` for unbounded.
    pub min: Option<f64>,
    /// Whether `min` itself belongs to the interval.
    pub min_inclusive: bool,
    /// Upper end, `None` for unbounded.
    pub max: Option<f64>,
    /// Whether `max` itself belongs to the interval.
    pub max_inclusive: bool,
}

impl Interval {
    /// The single point `value`.
    pub fn point(value: f64) -> Self {
        Interval::closed(value, value)
    }

    /// `[min, max]`.
    pub fn closed(min: f64, max: f64) -> Self {
        Interval { min: Some(min), min_inclusive: true, max: Some(max), max_inclusive: true }
    }

    /// Whether the two intervals share at least one point.
    pub fn overlaps(&self, other: &Interval) -> bool {
        self.intersect(other).is_some()
    }

    /// The common part of two intervals, or `None` when they are disjoint.
    pub fn intersect(&self, other: &Interval) -> Option<Interval> {
        let (min, min_inclusive) = match (self.min, other.min) {
            (None, None) => (None, false),
            (Some(a), None) => (Some(a), self.min_inclusive),
            (None, Some(b)) => (Some(b), other.min_inclusive),
            (Some(a), Some(b)) if a > b => (Some(a), self.min_inclusive),
            (Some(a), Some(b)) if b > a => (Some(b), other.min_inclusive),
            (Some(a), Some(_)) => (Some(a), self.min_inclusive && other.min_inclusive),
        };
        let (max, max_inclusive) = match (self.max, other.max) {
            (None, None) => (None, false),
            (Some(a), None) => (Some(a), self.max_inclusive),
            (None, Some(b)) => (Some(b), other.max_inclusive),
            (Some(a), Some(b)) if a < b => (Some(a), self.max_inclusive),
            (Some(a), Some(b)) if b < a => (Some(b), other.max_inclusive),
            (Some(a), Some(_)) => (Some(a), self.max_inclusive && other.max_inclusive),
        };
        let merged = Interval { min, min_inclusive, max, max_inclusive };
        if merged.is_empty() {
            None
        } else {
            Some(merged)
        }
    }

    /// Whether no number lies in the interval.
    pub fn is_empty(&self) -> bool {
        match (self.min, self.max) {
            (Some(lo), Some(hi)) => lo > hi || (lo == hi && !(self.min_inclusive && self.max_inclusive)),
            _ => false,
        }
    }

    /// Whether `value` lies in the interval.
    pub fn contains(&self, value: f64) -> bool {
        self.overlaps(&Interval::point(value))
    }

    /// Width of the interval (`f64::INFINITY` when unbounded); used to pick the most precise mention.
    pub fn width(&self) -> f64 {
        match (self.min, self.max) {
            (Some(lo), Some(hi)) => hi - lo,
            _ => f64::INFINITY,
        }
    }
}

/// A figure: what was written, its qualifier, and the two readings of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// The figure as written, scaled ("1.5 million" → 1 500 000). For a range, its lower end.
    pub figure: f64,
    /// The qualifier in front of the figure.
    pub qualifier: Qualifier,
    /// What the words strictly say.
    pub logical: Interval,
    /// What a reporter means, with round figures widened to what rounds to them.
    pub approx: Interval,
    /// ISO 4217 code for money, `"percent"` for percentages, `None` for counts.
    pub unit: Option<String>,
}

impl Quantity {
    /// Whether the figure is given exactly (no qualifier, no rounding).
    pub fn is_exact(&self) -> bool {
        self.qualifier == Qualifier::None && self.approx == self.logical
    }
}

/// A calendar date with any of its parts possibly unknown ("November 10th" has no year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct PartialDate {
    /// Year, if stated or inferred.
    pub year: Option<i32>,
    /// Month 1–12, if stated.
    pub month: Option<u8>,
    /// Day of month 1–31, if stated.
    pub day: Option<u8>,
}

impl PartialDate {
    /// ISO 8601 text: `2025-11-10`, `2025-11`, `2025`, or `--11-10` when the year is unknown.
    pub fn iso(&self) -> String {
        self.iso_text().as_str().to_string()
    }

    /// [`PartialDate::iso`] written digit by digit into a buffer on the stack: every date claim
    /// written out (as JSON or a table row) asks it, and formatting it was a visible share of
    /// writing them.
    pub(crate) fn iso_text(&self) -> IsoText {
        let mut text = IsoText { bytes: [0; IsoText::ROOM], len: 0 };
        // As `{y:04}` writes a year: four digits at least, a minus sign counted among them.
        let year = |text: &mut IsoText, y: i32| {
            if y < 0 {
                text.push(b"-");
                text.padded(y.unsigned_abs(), 3);
            } else {
                text.padded(y.unsigned_abs(), 4);
            }
        };
        match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) => {
                year(&mut text, y);
                text.push(b"-");
                text.padded(u32::from(m), 2);
                text.push(b"-");
                text.padded(u32::from(d), 2);
            }
            (Some(y), Some(m), None) => {
                year(&mut text, y);
                text.push(b"-");
                text.padded(u32::from(m), 2);
            }
            (Some(y), None, _) => year(&mut text, y),
            (None, Some(m), Some(d)) => {
                text.push(b"--");
                text.padded(u32::from(m), 2);
                text.push(b"-");
                text.padded(u32::from(d), 2);
            }
            (None, Some(m), None) => {
                text.push(b"--");
                text.padded(u32::from(m), 2);
            }
            (None, None, Some(d)) => {
                text.push(b"---");
                text.padded(u32::from(d), 2);
            }
            (None, None, None) => {}
        }
        text
    }

    /// Whether the two dates can be the same day: every part known on both sides is equal.
    pub fn compatible(&self, other: &PartialDate) -> bool {
        fn same<T: PartialEq>(a: Option<T>, b: Option<T>) -> bool {
            match (a, b) {
                (Some(x), Some(y)) => x == y,
                _ => true,
            }
        }
        same(self.year, other.year) && same(self.month, other.month) && same(self.day, other.day)
    }
}

/// The ISO text of a [`PartialDate`], ASCII on the stack (see [`PartialDate::iso_text`]).
pub(crate) struct IsoText {
    bytes: [u8; IsoText::ROOM],
    len: usize,
}

impl IsoText {
    /// The longest text: a year of ten digits and its sign, and a month and day of three
    /// digits each (a `u8`), with their hyphens.
    const ROOM: usize = 24;

    /// The text.
    pub(crate) fn as_str(&self) -> &str {
        std::str::from_utf8(self.bytes.get(..self.len).unwrap_or_default()).unwrap_or_default()
    }

    fn push(&mut self, ascii: &[u8]) {
        for &b in ascii {
            if let Some(slot) = self.bytes.get_mut(self.len) {
                *slot = b;
                self.len += 1;
            }
        }
    }

    /// `value` in at least `width` digits, zero-padded, as `{value:0width$}` writes it.
    fn padded(&mut self, value: u32, width: usize) {
        let mut digits = itoa::Buffer::new();
        let digits = digits.format(value).as_bytes();
        for _ in digits.len()..width {
            self.push(b"0");
        }
        self.push(digits);
    }
}

/// A date or an inclusive date range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DateValue {
    /// One day (or month, or year).
    Single(PartialDate),
    /// From `start` to `end`, both inclusive.
    Range {
        /// First day.
        start: PartialDate,
        /// Last day.
        end: PartialDate,
    },
}

impl DateValue {
    /// First and last date of the value.
    pub fn ends(&self) -> (PartialDate, PartialDate) {
        match *self {
            DateValue::Single(d) => (d, d),
            DateValue::Range { start, end } => (start, end),
        }
    }

    /// Human text of the value in ISO form, `start/end` for ranges.
    pub fn iso(&self) -> String {
        match self {
            DateValue::Single(d) => d.iso(),
            DateValue::Range { start, end } => {
                format!("{}/{}", start.iso_text().as_str(), end.iso_text().as_str())
            }
        }
    }
}

/// The normalized value of a claim.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A count, amount of money or percentage.
    Quantity(Quantity),
    /// A date or date range.
    Date(DateValue),
    /// A person's name, a place or a text value, normalized for display.
    Name(String),
}

impl Value {
    /// Short human text of the value, for tables.
    pub fn display(&self) -> String {
        let mut out = String::new();
        self.display_into(&mut out);
        out
    }

    /// Appends [`Value::display`]'s text to `out`.
    pub fn display_into(&self, out: &mut String) {
        match self {
            Value::Quantity(q) => crate::extract::number::describe_into(out, q),
            Value::Date(DateValue::Single(d)) => out.push_str(d.iso_text().as_str()),
            Value::Date(DateValue::Range { start, end }) => {
                out.push_str(start.iso_text().as_str());
                out.push('/');
                out.push_str(end.iso_text().as_str());
            }
            Value::Name(n) => out.push_str(n),
        }
    }
}

/// Where a claim belongs when it is not about the event as a whole.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Scope {
    /// What kind of scope it is.
    pub kind: ScopeKind,
    /// A short label: "in West and Central Africa", "a 2025 cybercrime crackdown".
    pub label: String,
}

/// The kinds of scope a claim can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ScopeKind {
    /// A part of the event's area ("In Syria, ...").
    Place,
    /// Another event ("a second earthquake", "a 2025 crackdown").
    Event,
    /// A section of the article about something else ("Previous Crackdowns").
    Section,
    /// A part of what was counted ("Of the injured, 9 remain in critical condition").
    Subset,
}

/// A position in an original file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Location {
    /// Byte offset in the original file where the claim's text starts.
    pub start: usize,
    /// Byte offset in the original file just past the claim's text.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// 1-based column of `start`, counted in characters.
    pub column: usize,
}

/// One claim read from one source.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Index of the source in the run's source list.
    pub source: usize,
    /// The field rule that claimed it, if any. Shared: every claim of a field holds the same
    /// name.
    pub field: Option<Arc<str>>,
    /// The kind of value.
    pub kind: Kind,
    /// The exact characters the claim was read from, qualifier included.
    pub text: String,
    /// The normalized value.
    pub value: Value,
    /// Where `text` stands in the original file.
    pub location: Location,
    /// The sentence the claim stands in, whitespace folded. Shared by the claims of one
    /// sentence.
    pub sentence: Arc<str>,
    /// `None` for the event as a whole.
    pub scope: Option<Scope>,
    /// Whether the claim stands in a headline or heading (which often rounds).
    pub in_heading: bool,
}

/// Serializes a number as an integer when it is one, so `3700` is not printed `3700.0`.
pub(crate) fn serialize_number<S: Serializer>(value: f64, serializer: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        #[allow(clippy::cast_possible_truncation)]
        serializer.serialize_i64(value as i64)
    } else {
        serializer.serialize_f64(value)
    }
}

struct Num(Option<f64>);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Some(v) if v.is_finite() => serialize_number(v, serializer),
            _ => serializer.serialize_none(),
        }
    }
}

struct ApproxJson<'a>(&'a Interval);

impl Serialize for ApproxJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("min", &Num(self.0.min))?;
        map.serialize_entry("max", &Num(self.0.max))?;
        map.serialize_entry("min_inclusive", &self.0.min_inclusive)?;
        map.serialize_entry("max_inclusive", &self.0.max_inclusive)?;
        map.end()
    }
}

impl Serialize for Quantity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(8))?;
        map.serialize_entry("min", &Num(self.logical.min))?;
        map.serialize_entry("min_inclusive", &self.logical.min_inclusive)?;
        map.serialize_entry("max", &Num(self.logical.max))?;
        map.serialize_entry("max_inclusive", &self.logical.max_inclusive)?;
        map.serialize_entry("approx", &ApproxJson(&self.approx))?;
        map.serialize_entry("unit", &self.unit)?;
        map.serialize_entry("figure", &Num(Some(self.figure)))?;
        map.serialize_entry("qualifier", &self.qualifier)?;
        map.end()
    }
}

impl Serialize for DateValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            DateValue::Single(d) => serializer.serialize_str(&d.iso()),
            DateValue::Range { start, end } => {
                let mut map = serializer.serialize_map(Some(2))?;
                map.serialize_entry("start", &start.iso())?;
                map.serialize_entry("end", &end.iso())?;
                map.end()
            }
        }
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Quantity(q) => q.serialize(serializer),
            Value::Date(d) => d.serialize(serializer),
            Value::Name(n) => serializer.serialize_str(n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ISO text as `format!` writes it: what [`PartialDate::iso_text`] replaced.
    fn formatted_iso(date: &PartialDate) -> String {
        match (date.year, date.month, date.day) {
            (Some(y), Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
            (Some(y), Some(m), None) => format!("{y:04}-{m:02}"),
            (Some(y), None, _) => format!("{y:04}"),
            (None, Some(m), Some(d)) => format!("--{m:02}-{d:02}"),
            (None, Some(m), None) => format!("--{m:02}"),
            (None, None, Some(d)) => format!("---{d:02}"),
            (None, None, None) => String::new(),
        }
    }

    #[test]
    fn iso_text_is_what_formatting_writes() {
        let years = [None, Some(i32::MIN), Some(-10_000), Some(-999), Some(-44), Some(-1), Some(0), Some(7)];
        let years =
            years.into_iter().chain([Some(476), Some(2025), Some(9999), Some(10_000), Some(i32::MAX)]);
        let small =
            [None, Some(0), Some(1), Some(9), Some(10), Some(12), Some(31), Some(99), Some(100), Some(255)];
        let mut compared = 0;
        for year in years {
            for month in small {
                for day in small {
                    let date = PartialDate { year, month, day };
                    assert_eq!(date.iso(), formatted_iso(&date), "{date:?}");
                    let range =
                        DateValue::Range { start: date, end: PartialDate { year: Some(2025), ..date } };
                    let shown = Value::Date(range).display();
                    assert_eq!(shown, format!("{}/{}", formatted_iso(&date), formatted_iso(&range.ends().1)));
                    compared += 1;
                }
            }
        }
        assert_eq!(compared, 13 * 10 * 10);
    }

    #[test]
    fn open_and_closed_ends_meet_only_when_both_inclusive() {
        let above = Interval { min: Some(3700.0), min_inclusive: false, max: None, max_inclusive: false };
        assert!(!above.overlaps(&Interval::point(3700.0)));
        assert!(above.overlaps(&Interval::point(3744.0)));
        assert_eq!(
            above.intersect(&Interval::closed(3650.0, 3750.0)),
            Some(Interval {
                min: Some(3700.0),
                min_inclusive: false,
                max: Some(3750.0),
                max_inclusive: true
            })
        );
    }

    #[test]
    fn partial_dates_print_as_iso() {
        let d = PartialDate { year: None, month: Some(11), day: Some(10) };
        assert_eq!(d.iso(), "--11-10");
        let full = PartialDate { year: Some(2025), month: Some(11), day: Some(10) };
        assert_eq!(full.iso(), "2025-11-10");
        assert!(d.compatible(&full));
        assert!(!full.compatible(&PartialDate { year: Some(2025), month: Some(11), day: Some(21) }));
    }

    #[test]
    fn quantity_json_prints_integers_without_fraction() {
        let q = Quantity {
            figure: 3700.0,
            qualifier: Qualifier::MoreThan,
            logical: Interval { min: Some(3700.0), min_inclusive: false, max: None, max_inclusive: false },
            approx: Interval {
                min: Some(3700.0),
                min_inclusive: false,
                max: Some(3800.0),
                max_inclusive: true,
            },
            unit: None,
        };
        let json = serde_json::to_string(&q).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"min":3700,"min_inclusive":false,"max":null,"max_inclusive":false,"approx":{"min":3700,"max":3800,"min_inclusive":false,"max_inclusive":true},"unit":null,"figure":3700,"qualifier":"more-than"}"#
        );
    }
}
