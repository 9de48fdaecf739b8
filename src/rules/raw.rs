//! Rule files as written: serde structs with spans, and their validation.
//!
//! Parsing and validation are separate so that validation can report every problem at once, each
//! at the span of the value it is about.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::{Example, FieldRule, Holder, Origin, RuleIssue, RulesError, ScopeRules, Tolerance};
use crate::claim::{Kind, PartialDate};
use crate::finding::Severity;

/// How the values of a field are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Comparator {
    /// Numeric intervals: logical and customary readings, with tolerance.
    Interval,
    /// Dates and ranges, by their ends.
    Date,
    /// People: folded names, initials, surnames, aliases.
    Person,
    /// Places: containment ("Lyon, France" is in "France").
    Place,
    /// Text after Unicode and case folding.
    Text,
}

impl Comparator {
    /// Every comparator, with its name.
    pub const ALL: [(Comparator, &'static str); 5] = [
        (Comparator::Interval, "interval"),
        (Comparator::Date, "date"),
        (Comparator::Person, "person"),
        (Comparator::Place, "place"),
        (Comparator::Text, "text"),
    ];

    /// The name used in rule files.
    pub fn as_str(self) -> &'static str {
        Comparator::ALL.iter().find(|(c, _)| *c == self).map(|(_, n)| *n).unwrap_or("text")
    }

    /// The comparator used when a field names none.
    pub fn for_kind(kind: Kind) -> Comparator {
        match kind {
            Kind::Count | Kind::Money | Kind::Percent => Comparator::Interval,
            Kind::Date => Comparator::Date,
            Kind::Person => Comparator::Person,
            Kind::Place => Comparator::Place,
            Kind::Text => Comparator::Text,
        }
    }

    fn accepts(self, kind: Kind) -> bool {
        match self {
            Comparator::Interval => kind.is_numeric(),
            Comparator::Date => kind == Kind::Date,
            Comparator::Person => kind == Kind::Person,
            Comparator::Place => kind == Kind::Place,
            Comparator::Text => matches!(kind, Kind::Person | Kind::Place | Kind::Text),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawRulebook {
    description: Option<String>,
    #[serde(default)]
    extends: Vec<Spanned<String>>,
    scope: Option<RawScope>,
    #[serde(default)]
    field: Vec<Spanned<RawField>>,
    #[serde(default)]
    aliases: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    places: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    holder: Vec<Spanned<RawHolder>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawHolder {
    field: Spanned<String>,
    name: String,
    organisation: Option<String>,
    from: Spanned<String>,
    until: Option<Spanned<String>>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawScope {
    #[serde(default)]
    other_event_headings: Vec<String>,
    #[serde(default)]
    other_event_phrases: Vec<String>,
    #[serde(default)]
    not_places: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawField {
    name: Spanned<String>,
    label: Option<String>,
    kind: Spanned<String>,
    cues: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    exclude: Vec<String>,
    comparator: Option<Spanned<String>>,
    tolerance: Option<RawTolerance>,
    severity: Option<Spanned<String>>,
    #[serde(default)]
    example: Vec<Spanned<RawExample>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawExample {
    text: Spanned<String>,
    value: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawTolerance {
    absolute: Option<Spanned<f64>>,
    relative: Option<Spanned<f64>>,
}

/// A rule file, validated but not yet merged.
pub(super) struct Parsed {
    pub extends: Vec<(String, Range<usize>)>,
    pub fields: Vec<FieldRule>,
    pub scope: ScopeRules,
    pub aliases: BTreeMap<String, Vec<String>>,
    pub places: BTreeMap<String, Vec<String>>,
    pub holders: Vec<Holder>,
}

/// 1-based line and character column of byte `offset` in `text`.
pub(super) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text.get(line_start..offset).map_or(1, |s| s.chars().count() + 1);
    (line, column)
}

/// Where each line of a rule file starts, found once: a rulebook of a thousand fields asks for
/// the line of every field and example, and counting from the top each time was quadratic.
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn new(text: &str) -> LineStarts {
        LineStarts(
            std::iter::once(0).chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1)).collect(),
        )
    }

    /// 1-based line of byte `offset`.
    fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset).max(1)
    }
}

/// The key on the line of `offset`, for messages about a value ("cues" in `cues = "x"`).
fn key_at(text: &str, offset: usize) -> Option<String> {
    let offset = offset.min(text.len());
    let start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let line = text.get(start..)?.lines().next()?;
    let (key, _) = line.split_once('=')?;
    let key = key.trim().trim_matches('"');
    (!key.is_empty() && !key.starts_with('[')).then(|| key.to_string())
}

struct Issues<'a> {
    file: &'a str,
    text: &'a str,
    list: Vec<RuleIssue>,
}

impl Issues<'_> {
    fn push(&mut self, span: &Range<usize>, message: String) {
        let (line, column) = line_column(self.text, span.start);
        self.list.push(RuleIssue { file: self.file.to_string(), line, column, message });
    }
}

/// Parses and validates one rule file.
pub(super) fn parse(file: &str, text: &str) -> Result<Parsed, RulesError> {
    let raw: RawRulebook = toml::from_str(text).map_err(|error| {
        let span = error.span().unwrap_or(0..0);
        let (line, column) = line_column(text, span.start);
        let detail = error.message().trim().to_string();
        let message = match key_at(text, span.start) {
            Some(key) if !detail.contains(&format!("`{key}`")) && !detail.starts_with("unknown field") => {
                format!("`{key}`: {detail}")
            }
            _ => detail,
        };
        let hint = if message.starts_with("unknown field") {
            "; every key is listed in the README's rule reference"
        } else {
            ""
        };
        RulesError::Invalid(vec![RuleIssue {
            file: file.to_string(),
            line,
            column,
            message: format!("{message}{hint}"),
        }])
    })?;
    let _ = raw.description;
    let mut issues = Issues { file, text, list: Vec::new() };
    let lines = LineStarts::new(text);
    let mut fields: Vec<FieldRule> = Vec::new();
    let mut seen_names: std::collections::HashSet<String> = std::collections::HashSet::new();
    for spanned in &raw.field {
        let table_span = spanned.span();
        let field = spanned.get_ref();
        let name = field.name.get_ref().trim().to_string();
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            issues.push(
                &field.name.span(),
                format!("`name`: field name `{name}` must be snake_case (a-z, 0-9, _), e.g. `death_toll`"),
            );
        }
        if !seen_names.insert(name.clone()) {
            issues.push(
                &field.name.span(),
                format!("`name`: field `{name}` is defined twice in this file; rename one or merge them"),
            );
        }
        let kind = match parse_kind(field.kind.get_ref()) {
            Some(kind) => kind,
            None => {
                issues.push(
                    &field.kind.span(),
                    format!(
                        "`kind`: field `{name}` has unknown kind `{}`; use one of count, money, percent, date, person, place, text",
                        field.kind.get_ref()
                    ),
                );
                Kind::Text
            }
        };
        let comparator = match &field.comparator {
            None => Comparator::for_kind(kind),
            Some(c) => match Comparator::ALL.iter().find(|(_, n)| *n == c.get_ref()) {
                Some((comp, _)) if comp.accepts(kind) => *comp,
                Some(_) => {
                    issues.push(
                        &c.span(),
                        format!(
                            "`comparator`: field `{name}` cannot compare {} values with `{}`; use `{}` or leave it out",
                            kind.as_str(),
                            c.get_ref(),
                            Comparator::for_kind(kind).as_str()
                        ),
                    );
                    Comparator::for_kind(kind)
                }
                None => {
                    issues.push(
                        &c.span(),
                        format!(
                            "`comparator`: field `{name}` has unknown comparator `{}`; use one of interval, date, person, place, text",
                            c.get_ref()
                        ),
                    );
                    Comparator::for_kind(kind)
                }
            },
        };
        let severity = match &field.severity {
            None => Severity::Error,
            Some(s) => match s.get_ref().as_str() {
                "error" => Severity::Error,
                "warning" => Severity::Warning,
                "info" => Severity::Info,
                other => {
                    issues.push(
                        &s.span(),
                        format!("`severity`: field `{name}` has unknown severity `{other}`; use error, warning or info"),
                    );
                    Severity::Error
                }
            },
        };
        if field.cues.get_ref().is_empty() {
            issues.push(
                &field.cues.span(),
                format!(
                    "`cues`: field `{name}` has an empty list; give at least one word or phrase that identifies it"
                ),
            );
        }
        let mut cues = Vec::new();
        for cue in field.cues.get_ref() {
            let trimmed = cue.get_ref().split_whitespace().collect::<Vec<_>>().join(" ");
            if trimmed.is_empty() {
                issues.push(&cue.span(), format!("`cues`: field `{name}` has an empty cue; remove it"));
            } else if trimmed.chars().count() > 100 {
                issues.push(
                    &cue.span(),
                    format!("`cues`: field `{name}` has a cue longer than 100 characters; shorten it"),
                );
            } else {
                cues.push(trimmed);
            }
        }
        let mut tolerance = Tolerance::default();
        if let Some(raw_tolerance) = &field.tolerance {
            for (value, slot, what) in [
                (&raw_tolerance.absolute, &mut tolerance.absolute, "absolute"),
                (&raw_tolerance.relative, &mut tolerance.relative, "relative"),
            ] {
                if let Some(v) = value {
                    if !v.get_ref().is_finite() || *v.get_ref() < 0.0 {
                        issues.push(
                            &v.span(),
                            format!("`tolerance.{what}`: field `{name}` needs a number ≥ 0"),
                        );
                    } else {
                        *slot = *v.get_ref();
                    }
                }
            }
            if kind.is_numeric() || field.tolerance.is_none() {
                // Tolerances only mean something for numbers; others are checked below.
            } else {
                issues.push(
                    &table_span,
                    format!("`tolerance`: field `{name}` is not a count, money or percent field; remove the tolerance"),
                );
            }
        }
        let line = lines.line(table_span.start);
        let mut examples = Vec::new();
        for example in &field.example {
            let e = example.get_ref();
            if e.text.get_ref().trim().is_empty() {
                issues.push(
                    &e.text.span(),
                    format!("`text`: an example of field `{name}` is empty; give a sentence"),
                );
            }
            if e.value.get_ref().trim().is_empty() {
                issues.push(
                    &e.value.span(),
                    format!("`value`: an example of field `{name}` has no value; give what must be read, or \"none\""),
                );
            }
            let value = e.value.get_ref().trim();
            examples.push(Example {
                text: e.text.get_ref().clone(),
                value: (value != "none").then(|| value.to_string()),
                line: lines.line(example.span().start),
            });
        }
        fields.push(FieldRule {
            examples,
            label: field.label.clone().unwrap_or_else(|| name.replace('_', " ")),
            name,
            kind,
            cues,
            exclude: field.exclude.iter().map(|e| e.trim().to_string()).filter(|e| !e.is_empty()).collect(),
            comparator,
            tolerance,
            severity,
            origin: Origin { file: file.to_string(), line },
        });
    }
    let mut holders = Vec::new();
    for spanned in &raw.holder {
        let h = spanned.get_ref();
        let from = parse_iso_date(h.from.get_ref());
        if from.is_none() {
            issues.push(
                &h.from.span(),
                format!("`from`: `{}` is not a date; write it as YYYY-MM-DD", h.from.get_ref()),
            );
        }
        let until = match &h.until {
            None => None,
            Some(u) => match parse_iso_date(u.get_ref()) {
                Some(d) => Some(d),
                None => {
                    issues.push(
                        &u.span(),
                        format!("`until`: `{}` is not a date; write it as YYYY-MM-DD", u.get_ref()),
                    );
                    None
                }
            },
        };
        if let (Some(start), Some(end)) = (from, until) {
            if end < start {
                issues.push(&spanned.span(), format!("`until` of {} comes before `from`; swap them", h.name));
            }
        }
        let (line, column) = line_column(text, h.field.span().start);
        holders.push(Holder {
            field: h.field.get_ref().clone(),
            name: h.name.clone(),
            organisation: h.organisation.clone(),
            from: from.unwrap_or_default(),
            until,
            note: h.note.clone(),
            origin: Origin { file: file.to_string(), line },
            field_column: column,
        });
    }
    if !issues.list.is_empty() {
        issues.list.sort_by_key(|i| (i.line, i.column));
        return Err(RulesError::Invalid(issues.list));
    }
    let scope = raw.scope.map_or_else(ScopeRules::default, |s| ScopeRules {
        other_event_headings: s.other_event_headings.iter().map(|w| w.to_lowercase()).collect(),
        other_event_phrases: s.other_event_phrases.iter().map(|w| w.to_lowercase()).collect(),
        not_places: s.not_places.into_iter().collect(),
    });
    Ok(Parsed {
        extends: raw.extends.iter().map(|e| (e.get_ref().clone(), e.span())).collect(),
        fields,
        scope,
        aliases: raw.aliases,
        places: raw.places,
        holders,
    })
}

/// A full ISO 8601 calendar date, "2024-11-07".
fn parse_iso_date(text: &str) -> Option<PartialDate> {
    let mut parts = text.trim().splitn(3, '-');
    let year = parts.next()?.parse::<i32>().ok()?;
    let month = parts.next()?.parse::<u8>().ok().filter(|m| (1..=12).contains(m))?;
    let day = parts.next()?.parse::<u8>().ok().filter(|d| (1..=31).contains(d))?;
    Some(PartialDate { year: Some(year), month: Some(month), day: Some(day) })
}

fn parse_kind(name: &str) -> Option<Kind> {
    Some(match name {
        "count" => Kind::Count,
        "money" => Kind::Money,
        "percent" => Kind::Percent,
        "date" => Kind::Date,
        "person" => Kind::Person,
        "place" => Kind::Place,
        "text" => Kind::Text,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_starts_give_the_line_that_counting_gives() {
        for text in ["", "a", "a\n", "\n\n", "[[field]]\nname = \"x\"\r\n\ncues = [\"é\"]\n"] {
            let lines = LineStarts::new(text);
            for offset in (0..=text.len() + 2).filter(|&o| o > text.len() || text.is_char_boundary(o)) {
                assert_eq!(lines.line(offset), line_column(text, offset).0, "{text:?} at {offset}");
            }
        }
    }
}
