//! Claims files: claims read by another extractor (a hand curation, an NER pipeline, an LLM),
//! in the shape `claimdiff extract --format json` prints, taken as a source.
//!
//! Each claim keeps the field, kind, text, value and position the file gives; claimdiff aligns
//! and compares them with claims it read itself. Values are parsed strictly by kind so that a
//! malformed file is refused with the position of the problem, never half-read.

use serde::Deserialize;
use serde_json::Value as Json;

use crate::claim::{
    Claim, DateValue, Interval, Kind, Location, PartialDate, Qualifier, Quantity, Scope, ScopeKind, Value,
};

#[derive(Deserialize)]
struct File {
    version: u32,
    claims: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    field: Option<String>,
    kind: Kind,
    text: String,
    value: Json,
    #[serde(default)]
    line: usize,
    #[serde(default)]
    column: usize,
    #[serde(default)]
    start: usize,
    #[serde(default)]
    end: usize,
    scope: Option<String>,
    #[serde(default)]
    sentence: String,
}

/// Whether `path` names a claims file.
pub fn is_claims_file(path: &str) -> bool {
    path.to_ascii_lowercase().ends_with(".claims.json")
}

/// Parses a claims file; `Err` holds (line, column, message).
pub fn parse(text: &str) -> Result<Vec<Claim>, (usize, usize, String)> {
    let file: File = serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message).to_string();
        (e.line(), e.column(), message)
    })?;
    if file.version != 1 {
        return Err((1, 1, format!("version {} is not supported (expected 1)", file.version)));
    }
    file.claims
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            let value = parse_value(entry.kind, &entry.value)
                .map_err(|why| (1, 1, format!("claim {} ({:?}): {why}", i + 1, entry.text)))?;
            Ok(Claim {
                source: 0,
                field: entry.field.map(Into::into),
                kind: entry.kind,
                text: entry.text,
                value,
                location: Location {
                    start: entry.start,
                    end: entry.end,
                    line: entry.line.max(1),
                    column: entry.column.max(1),
                },
                sentence: entry.sentence.into(),
                scope: entry.scope.map(|label| Scope { kind: ScopeKind::Event, label }),
                in_heading: false,
            })
        })
        .collect()
}

fn number(json: Option<&Json>) -> Result<Option<f64>, String> {
    match json {
        None | Some(Json::Null) => Ok(None),
        Some(Json::Number(n)) => n
            .as_f64()
            .filter(|v| v.is_finite())
            .map(Some)
            .ok_or_else(|| "a bound is not a finite number".to_string()),
        Some(other) => Err(format!("a bound must be a number or null, not {other}")),
    }
}

fn flag(json: Option<&Json>, default: bool) -> bool {
    json.and_then(Json::as_bool).unwrap_or(default)
}

fn interval(object: &serde_json::Map<String, Json>) -> Result<Interval, String> {
    Ok(Interval {
        min: number(object.get("min"))?,
        min_inclusive: flag(object.get("min_inclusive"), true),
        max: number(object.get("max"))?,
        max_inclusive: flag(object.get("max_inclusive"), true),
    })
}

fn parse_value(kind: Kind, json: &Json) -> Result<Value, String> {
    match kind {
        Kind::Count | Kind::Money | Kind::Percent => {
            let object = json.as_object().ok_or("a number's value must be an object with min and max")?;
            let logical = interval(object)?;
            let approx = match object.get("approx").and_then(Json::as_object) {
                Some(a) => interval(a)?,
                None => logical,
            };
            let figure = number(object.get("figure"))?
                .or(logical.min)
                .or(logical.max)
                .ok_or("a number needs min or max")?;
            let unit = object.get("unit").and_then(Json::as_str).map(str::to_string);
            let qualifier = if logical.min == logical.max { Qualifier::None } else { Qualifier::Range };
            Ok(Value::Quantity(Quantity { figure, qualifier, logical, approx, unit }))
        }
        Kind::Date => match json {
            Json::String(s) => parse_date(s).map(|d| Value::Date(DateValue::Single(d))),
            Json::Object(o) => {
                let start = o.get("start").and_then(Json::as_str).ok_or("a date range needs a start")?;
                let end = o.get("end").and_then(Json::as_str).ok_or("a date range needs an end")?;
                Ok(Value::Date(DateValue::Range { start: parse_date(start)?, end: parse_date(end)? }))
            }
            _ => Err("a date's value must be an ISO 8601 string or {start, end}".to_string()),
        },
        Kind::Person | Kind::Place | Kind::Text => json
            .as_str()
            .map(|s| Value::Name(s.to_string()))
            .ok_or_else(|| "a name's value must be a string".to_string()),
    }
}

/// ISO 8601 calendar dates as claimdiff prints them: `2025-11-10`, `2025-11`, `2025`, `--11-10`.
fn parse_date(text: &str) -> Result<PartialDate, String> {
    let bad = || format!("`{text}` is not an ISO 8601 date (2025-11-10, 2025-11, 2025 or --11-10)");
    let number = |s: &str| s.parse::<u32>().map_err(|_| bad());
    if let Some(rest) = text.strip_prefix("--") {
        let (m, d) = rest.split_once('-').ok_or_else(bad)?;
        return Ok(PartialDate {
            year: None,
            month: Some(month(number(m)?).ok_or_else(bad)?),
            day: Some(day(number(d)?).ok_or_else(bad)?),
        });
    }
    let mut parts = text.split('-');
    let year = parts.next().ok_or_else(bad)?.parse::<i32>().map_err(|_| bad())?;
    let m = parts.next().map(number).transpose()?.map(|m| month(m).ok_or_else(bad)).transpose()?;
    let d = parts.next().map(number).transpose()?.map(|d| day(d).ok_or_else(bad)).transpose()?;
    if parts.next().is_some() {
        return Err(bad());
    }
    Ok(PartialDate { year: Some(year), month: m, day: d })
}

fn month(m: u32) -> Option<u8> {
    u8::try_from(m).ok().filter(|m| (1..=12).contains(m))
}

fn day(d: u32) -> Option<u8> {
    u8::try_from(d).ok().filter(|d| (1..=31).contains(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_extract_prints() {
        let text = r#"{"version": 1, "claims": [
          {"source": "a.txt", "field": "arrests", "kind": "count", "text": "more than 3,700",
           "value": {"min": 3700, "min_inclusive": false, "max": null, "max_inclusive": false,
                     "approx": {"min": 3700, "max": 3800}, "unit": null},
           "line": 3, "column": 5, "start": 40, "end": 55, "scope": null},
          {"field": "event_date", "kind": "date", "text": "Nov. 10-21", "value": {"start": "2025-11-10", "end": "--11-21"}, "line": 1, "column": 1},
          {"field": "secretary_general", "kind": "person", "text": "Jürgen Stock", "value": "Jürgen Stock"}
        ]}"#;
        let claims = parse(text).expect("parses");
        assert_eq!(claims.len(), 3);
        assert_eq!(claims[0].location, Location { start: 40, end: 55, line: 3, column: 5 });
        match &claims[0].value {
            Value::Quantity(q) => {
                assert_eq!(q.logical.min, Some(3700.0));
                assert!(!q.logical.min_inclusive);
                assert_eq!(q.logical.max, None);
                assert_eq!(q.approx, Interval::closed(3700.0, 3800.0));
            }
            other => panic!("not a quantity: {other:?}"),
        }
        assert_eq!(claims[1].value.display(), "2025-11-10/--11-21");
        assert_eq!(claims[2].value, Value::Name("Jürgen Stock".into()));
    }

    #[test]
    fn refuses_malformed_files_with_a_position() {
        assert_eq!(parse("{\"version\": 1, \"claims\": [}").err().map(|e| (e.0, e.1)), Some((1, 27)));
        assert!(parse(r#"{"version": 2, "claims": []}"#).is_err());
        let bad_date = r#"{"version": 1, "claims": [{"kind": "date", "text": "x", "value": "2025-13-01"}]}"#;
        assert_eq!(
            parse(bad_date).err().map(|e| e.2),
            Some("claim 1 (\"x\"): `2025-13-01` is not an ISO 8601 date (2025-11-10, 2025-11, 2025 or --11-10)".into())
        );
    }
}
