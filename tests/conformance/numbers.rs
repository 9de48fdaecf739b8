//! Scorers for the Recognizers-Text number, number-range, percent, currency and ordinal specs.
//!
//! Every case's `Input` goes through [`common::Runner`] (the real extractor, as `claimdiff
//! extract` runs it); the numeric claims it returns are compared with the case's `Results`. The
//! scoring rules and every mapping between Recognizers' conventions and claimdiff's are written
//! down in `tests/conformance/README.md`; the code below implements exactly those, each mapping
//! marked with its tag there (N1, R1, C1, ...).

use std::path::Path;

use claimdiff::claim::{Claim, Interval, Kind, Qualifier, Value};
use serde_json::Value as Json;

use crate::common::{Failure, FileScore, Runner};

/// The files scored here, relative to the Specs folder, with whether a floor applies.
pub const FILES: &[&str] = &[
    "Number/English/NumberModel.json",
    "Number/English/NumberRangeModel.json",
    "Number/English/PercentModel.json",
    "NumberWithUnit/English/CurrencyModel.json",
    "Number/English/OrdinalModel.json",
];

/// Cases a deliberate, documented claimdiff convention makes unreachable: (file, input, reason).
/// They are counted (and failed); the second rate leaves them out. Keep each file's list under
/// 5% of its cases. Listed in README.md with the same reasons.
pub const EXCLUDED: &[(&str, &str, &str)] = &[
    ("NumberModel", "192.168.1.2", "an IP address is not four numbers"),
    (
        "NumberModel",
        "Any time to meet on 5/17/2018?",
        "a date is a date: numbers inside a date are not counts (and 2018 is a year)",
    ),
    ("NumberModel", "My phone number is +1-222-2222/2222", "a phone number is not four numbers"),
    ("NumberModel", "Let's try one last time", "a bare \"one\" is never a count (\"one of the largest\")"),
    (
        "NumberModel",
        "we will be working on releasing version two and a previous version will still be maintained",
        "a number after a label word (\"version two\", \"Flight 123\") is a label, not a count",
    ),
    ("NumberModel", "SCP-173", "digits glued to letters by a hyphen (\"COVID-19\", \"SCP-173\") are a name"),
    ("NumberModel", "10G", G_SCALE),
    ("NumberModel", "1,674.5 G", G_SCALE),
    ("NumberModel", "In some countries you can write 5.00 or 5,00.", DECIMAL_COMMA),
    ("NumberModel", "1.111,11, 1,111.11", DECIMAL_COMMA),
    ("NumberModel", "The number is 1,3.", DECIMAL_COMMA),
    (
        "NumberRangeModel",
        "He ranks between the tenth and the fifteenth.",
        "ordinals are not quantities, so a range of ranks is not a range of figures",
    ),
    (
        "NumberRangeModel",
        "He ranks higher than the tenth but lower than the fifteenth.",
        "ordinals are not quantities, so a range of ranks is not a range of figures",
    ),
    ("CurrencyModel", "dollar : 143.80 yen , up 0 . 95 ; 1 . 8500 marks , up 0 . 0085 .", NO_FIGURE),
    ("CurrencyModel", "50 dollar dollar", NO_FIGURE),
    ("CurrencyModel", "50 dollar rmb", NO_FIGURE),
    ("CurrencyModel", "1 $10 dollars bill", NO_FIGURE),
    ("CurrencyModel", "I counted the dollars thousand of times.", NO_FIGURE),
    (
        "CurrencyModel",
        "the hart - scott filing is then reviewed and any antitrust concerns usually met . typically , hart - scott is used now to give managers of target firms early news of a bid and a chance to use regulatory review as a delaying tactic . the $ 20,000 tax would be a small cost in a multibillion - dollar deal , but a serious drag on thousands of small , friendly deals .",
        NO_FIGURE,
    ),
];

const G_SCALE: &str = "\"G\" after a figure is not a scale in news text (\"5G\", \"4G\" are networks)";
const DECIMAL_COMMA: &str =
    "claimdiff reads English figures: a comma separates thousands or list items, never decimals (\"1,300\" is 1300)";
const NO_FIGURE: &str = "a currency named without a figure (\"dollar\") carries no value, so it is no claim";

/// Cases judged wrong in the spec: counted as failed, listed with the reason.
pub const JUDGED_WRONG: &[(&str, &str, &str)] = &[(
    "NumberRangeModel",
    "The number is from 200 to 300 in 2008",
    "the spec expects nothing, yet \"from 200 to 300\" is a plain range; claimdiff reads [200, 300]",
)];

/// Scores one of [`FILES`].
pub fn score_file(runner: &Runner, specs: &Path, file: &str) -> FileScore {
    let mut score = FileScore { file: file.to_string(), ..FileScore::default() };
    let Ok(bytes) = std::fs::read(specs.join(file)) else { return score };
    let text = String::from_utf8_lossy(&bytes);
    let Ok(Json::Array(cases)) = serde_json::from_str::<Json>(text.trim_start_matches('\u{feff}')) else {
        return score;
    };
    let short = file.rsplit('/').next().unwrap_or(file).trim_end_matches(".json");
    for case in &cases {
        let input = case["Input"].as_str().unwrap_or("");
        let results = case["Results"].as_array().cloned().unwrap_or_default();
        let claims: Vec<Claim> = runner.claims(input).into_iter().filter(|c| c.kind.is_numeric()).collect();
        let outcome = match short {
            "NumberModel" => score_numbers(&claims, &results),
            "NumberRangeModel" => score_ranges(&claims, &results),
            "PercentModel" => score_percents(&claims, &results),
            "CurrencyModel" => score_currency(&claims, &results),
            "OrdinalModel" => score_ordinals(input, &claims, &results),
            _ => Err("no scorer for this file".to_string()),
        };
        score.cases += 1;
        let excluded = EXCLUDED.iter().find(|(f, i, _)| *f == short && *i == input);
        let judged = JUDGED_WRONG.iter().find(|(f, i, _)| *f == short && *i == input);
        match outcome {
            Ok(()) if excluded.is_none() && judged.is_none() => score.passed += 1,
            outcome => {
                if excluded.is_some() {
                    score.excluded += 1;
                }
                let note = excluded
                    .map(|(_, _, r)| format!("excluded: {r}"))
                    .or_else(|| judged.map(|(_, _, r)| format!("judged wrong in the spec: {r}")))
                    .or_else(|| outcome.err());
                score.failures.push(Failure {
                    input: input.to_string(),
                    expected: expected_text(&results),
                    actual: actual_text(&claims),
                    note,
                });
            }
        }
    }
    score
}

// ---------------------------------------------------------------------------------------------
// Readable forms for failure listings

fn expected_text(results: &[Json]) -> String {
    let items: Vec<String> = results
        .iter()
        .map(|r| {
            let res = &r["Resolution"];
            let value = res.get("value").map_or("null".to_string(), json_scalar);
            let unit = res.get("unit").map(|u| format!(" {}", json_scalar(u))).unwrap_or_default();
            format!("{:?} = {value}{unit}", r["Text"].as_str().unwrap_or(""))
        })
        .collect();
    format!("[{}]", items.join(", "))
}

fn json_scalar(v: &Json) -> String {
    match v {
        Json::String(s) => s.clone(),
        Json::Null => "null".to_string(),
        other => other.to_string(),
    }
}

fn actual_text(claims: &[Claim]) -> String {
    let items: Vec<String> = claims
        .iter()
        .map(|c| match &c.value {
            Value::Quantity(q) => {
                let unit = q.unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default();
                format!("{:?} = {}{unit} ({:?})", c.text, interval_text(&q.logical), q.qualifier)
            }
            other => format!("{:?} = {}", c.text, other.display()),
        })
        .collect();
    format!("[{}]", items.join(", "))
}

fn interval_text(iv: &Interval) -> String {
    let end = |v: Option<f64>| v.map_or(String::new(), |v| format!("{v}"));
    if iv.min.is_some() && iv.min == iv.max {
        return end(iv.min);
    }
    format!(
        "{}{},{}{}",
        if iv.min_inclusive { '[' } else { '(' },
        end(iv.min),
        end(iv.max),
        if iv.max_inclusive { ']' } else { ')' }
    )
}

// ---------------------------------------------------------------------------------------------
// Matching helpers

/// Equal numbers up to the spec's 15 significant digits ("0.666666666666667").
fn same(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

fn quantity(claim: &Claim) -> Option<&claimdiff::claim::Quantity> {
    match &claim.value {
        Value::Quantity(q) => Some(q),
        _ => None,
    }
}

/// Rule T: texts compare ignoring ASCII case (Recognizers reports many texts lower-cased).
fn same_text(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// Mapping N1/C1: Recognizers reports the bare number (NumberModel) or the amount (CurrencyModel)
/// without the qualifier or unit that claimdiff keeps in its span ("more than half" for "half",
/// "$20" for "20"): the expected text must stand inside the claim's text, and only a qualifier or
/// a unit may surround it (checked by the value: the figure must be the expected one).
fn text_within(claim_text: &str, expected: &str) -> bool {
    claim_text.to_ascii_lowercase().contains(&expected.to_ascii_lowercase())
}

fn parse_value(v: &Json) -> Option<f64> {
    match v {
        Json::String(s) => s.trim().trim_end_matches('%').parse().ok(),
        Json::Number(n) => n.as_f64(),
        _ => None,
    }
}

/// Pairs expected results with claims, in order; `check` says whether one pair matches.
fn pair_all<F>(claims: &[&Claim], results: &[Json], check: F) -> Result<(), String>
where
    F: Fn(&Claim, &Json) -> Result<(), String>,
{
    if claims.len() != results.len() {
        return Err(format!("expected {} result(s), read {}", results.len(), claims.len()));
    }
    for (k, (claim, result)) in claims.iter().zip(results).enumerate() {
        check(claim, result).map_err(|e| format!("result {}: {e}", k + 1))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// NumberModel

fn score_numbers(claims: &[Claim], results: &[Json]) -> Result<(), String> {
    let claims: Vec<&Claim> = claims.iter().collect();
    pair_all(&claims, results, |claim, result| {
        let q = quantity(claim).ok_or("not a figure")?;
        let text = result["Text"].as_str().unwrap_or("");
        let value = parse_value(&result["Resolution"]["value"]).ok_or("the spec's value is not a number")?;
        // N2: a range is two numbers in NumberModel; claimdiff's range never matches one number.
        if q.qualifier == Qualifier::Range {
            return Err(format!("read a range {:?}", claim.text));
        }
        if !(same_text(&claim.text, text) || text_within(&claim.text, text)) {
            return Err(format!("span {:?}, expected {text:?}", claim.text));
        }
        if !same(q.figure, value) {
            return Err(format!("value {}, expected {value}", q.figure));
        }
        Ok(())
    })
}

// ---------------------------------------------------------------------------------------------
// NumberRangeModel

/// A spec interval "(20,35]", "[30,)", "(,700]", "[20,20]".
struct SpecInterval {
    min: Option<f64>,
    min_inclusive: bool,
    max: Option<f64>,
    max_inclusive: bool,
}

fn parse_interval(s: &str) -> Option<SpecInterval> {
    let s = s.trim();
    let min_inclusive = s.starts_with('[');
    let max_inclusive = s.ends_with(']');
    let inner = s.get(1..s.len().checked_sub(1)?)?;
    let (lo, hi) = inner.split_once(',')?;
    let num = |t: &str| if t.trim().is_empty() { Ok(None) } else { t.trim().parse::<f64>().map(Some) };
    Some(SpecInterval { min: num(lo).ok()?, min_inclusive, max: num(hi).ok()?, max_inclusive })
}

/// R0: NumberRangeModel reports ranges and bounds only. A claimdiff claim counts here when it is a
/// range or a bound, or an exact figure introduced by an equality word ("equals 20" is `[20,20]`).
fn is_range_claim(claim: &Claim) -> bool {
    let Some(q) = quantity(claim) else { return false };
    match q.qualifier {
        Qualifier::None => claim.text.to_ascii_lowercase().starts_with("equal"),
        Qualifier::About => false,
        _ => true,
    }
}

/// R1: Recognizers writes a plain range ("between 20 and 30", "20-30", "20~100", "from a to b",
/// "a through b") right-open, `[20,30)`; claimdiff reads it with both ends inclusive.
fn plain_range_text(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    ["between", "from", " to ", "through", "-", "–", "—", "~"].iter().any(|w| t.contains(w))
}

fn score_ranges(claims: &[Claim], results: &[Json]) -> Result<(), String> {
    let claims: Vec<&Claim> = claims.iter().filter(|c| is_range_claim(c)).collect();
    pair_all(&claims, results, |claim, result| {
        let q = quantity(claim).ok_or("not a figure")?;
        let text = result["Text"].as_str().unwrap_or("");
        if !same_text(&claim.text, text) {
            return Err(format!("span {:?}, expected {text:?}", claim.text));
        }
        let spec = result["Resolution"]["value"]
            .as_str()
            .and_then(parse_interval)
            .ok_or("the spec's interval cannot be read")?;
        let got = q.logical;
        let mut max_inclusive = spec.max_inclusive;
        // R1.
        if q.qualifier == Qualifier::Range
            && spec.min_inclusive
            && !spec.max_inclusive
            && spec.min.is_some()
            && spec.max.is_some()
            && plain_range_text(&claim.text)
        {
            max_inclusive = true;
        }
        let ends_match = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(x), Some(y)) => same(x, y),
            (None, None) => true,
            _ => false,
        };
        // R2: an open lower end "(,700]" is claimdiff's [0, 700] for a figure that cannot be
        // negative (a count below 700 is at least zero); claimdiff keeps no lower end only when
        // the bound itself is negative.
        let min_ok = match (spec.min, got.min) {
            (None, Some(zero)) if zero == 0.0 && got.min_inclusive && spec.max.is_some_and(|m| m >= 0.0) => {
                true
            }
            (None, None) => true,
            (a, b) => ends_match(a, b) && spec.min_inclusive == got.min_inclusive,
        };
        let max_ok =
            ends_match(spec.max, got.max) && (spec.max.is_none() || max_inclusive == got.max_inclusive);
        if !(min_ok && max_ok) {
            return Err(format!(
                "interval {}, expected {}",
                interval_text(&got),
                result["Resolution"]["value"].as_str().unwrap_or("")
            ));
        }
        Ok(())
    })
}

// ---------------------------------------------------------------------------------------------
// PercentModel

fn score_percents(claims: &[Claim], results: &[Json]) -> Result<(), String> {
    let claims: Vec<&Claim> = claims.iter().filter(|c| c.kind == Kind::Percent).collect();
    pair_all(&claims, results, |claim, result| {
        let q = quantity(claim).ok_or("not a figure")?;
        let text = result["Text"].as_str().unwrap_or("");
        if !same_text(&claim.text, text) {
            return Err(format!("span {:?}, expected {text:?}", claim.text));
        }
        // P2: a percentage named without a figure ("a small percent"): the spec's "null" value is
        // claimdiff's unstated percentage, [0, 100] with qualifier `unstated`.
        let spec_value = &result["Resolution"]["value"];
        if spec_value.is_null() || spec_value.as_str() == Some("null") {
            let whole = q.qualifier == Qualifier::Unstated
                && q.logical == Interval::closed(0.0, 100.0)
                && q.unit.as_deref() == Some("percent");
            return if whole {
                Ok(())
            } else {
                Err(format!("expected an unstated percentage, read {:?}", q.qualifier))
            };
        }
        // P1: "100%" in the spec is claimdiff's 100 with unit "percent".
        let value = parse_value(&result["Resolution"]["value"]).ok_or("the spec gives no value")?;
        if !same(q.figure, value) || q.unit.as_deref() != Some("percent") {
            return Err(format!("value {} {:?}, expected {value}%", q.figure, q.unit));
        }
        Ok(())
    })
}

// ---------------------------------------------------------------------------------------------
// CurrencyModel

/// C2: Recognizers' unit names (or its `isoCurrency` when given) → (ISO 4217 code, factor to the
/// main unit). Sub-units are claimdiff's main unit: "50 cents" is USD 0.50, "470 pence" GBP 4.70.
fn currency_code(unit: &str, iso: Option<&str>) -> Option<(&'static str, f64)> {
    let known = [
        ("Dollar", "USD", 1.0),
        ("United States dollar", "USD", 1.0),
        ("Cent", "USD", 0.01),
        ("Pound", "GBP", 1.0),
        ("British pound", "GBP", 1.0),
        ("Pence", "GBP", 0.01),
        ("Penny", "GBP", 0.01),
        ("Euro", "EUR", 1.0),
        ("Japanese yen", "JPY", 1.0),
        ("Chinese yuan", "CNY", 1.0),
        ("Franc", "CHF", 1.0),
        ("Swiss franc", "CHF", 1.0),
        ("Rupee", "INR", 1.0),
        ("Canadian dollar", "CAD", 1.0),
        ("Australian dollar", "AUD", 1.0),
        ("Hong Kong dollar", "HKD", 1.0),
        ("New Zealand dollar", "NZD", 1.0),
        ("Mexican peso", "MXN", 1.0),
        ("Turkish lira", "TRY", 1.0),
        ("Finnish markka", "FIM", 1.0),
        ("Peseta", "ESP", 1.0),
        ("Netherlands guilder", "NLG", 1.0),
        ("Costa Rican colón", "CRC", 1.0),
        ("Georgian lari", "GEL", 1.0),
        ("Lao kip", "LAK", 1.0),
        ("Sri Lankan rupee", "LKR", 1.0),
        ("Bitcoin", "XBT", 1.0),
        ("Satoshi", "XBT", 1e-8),
    ];
    if let Some(&(_, code, factor)) = known.iter().find(|(name, _, _)| *name == unit) {
        return Some((code, factor));
    }
    let iso = iso?;
    let codes = ["USD", "EUR", "GBP", "JPY", "CNY", "CHF", "INR", "CAD", "AUD", "HKD", "NZD", "MXN", "TRY"];
    codes.iter().find(|c| **c == iso).map(|c| (*c, 1.0))
}

fn score_currency(claims: &[Claim], results: &[Json]) -> Result<(), String> {
    // C0: only money claims are compared; CurrencyModel does not report plain numbers.
    let claims: Vec<&Claim> = claims.iter().filter(|c| c.kind == Kind::Money).collect();
    pair_all(&claims, results, |claim, result| {
        let q = quantity(claim).ok_or("not a figure")?;
        let text = result["Text"].as_str().unwrap_or("");
        if !(same_text(&claim.text, text) || text_within(&claim.text, text)) {
            return Err(format!("span {:?}, expected {text:?}", claim.text));
        }
        let res = &result["Resolution"];
        let value = parse_value(&res["value"]).ok_or("the spec gives no value")?;
        let unit = res["unit"].as_str().unwrap_or("");
        let (code, factor) =
            currency_code(unit, res["isoCurrency"].as_str()).ok_or(format!("no ISO code for {unit:?}"))?;
        if q.unit.as_deref() != Some(code) || !same(q.figure, value * factor) {
            return Err(format!("{:?} {}, expected {code} {}", q.unit, q.figure, value * factor));
        }
        Ok(())
    })
}

// ---------------------------------------------------------------------------------------------
// OrdinalModel (reported, no floor)

/// O1: ordinals are not quantities in claimdiff, so the measure is the other way round: a case
/// passes when no numeric claim overlaps any ordinal the spec finds.
fn score_ordinals(input: &str, claims: &[Claim], results: &[Json]) -> Result<(), String> {
    let chars: Vec<(usize, char)> = input.char_indices().collect();
    for result in results {
        let (Some(s), Some(e)) = (result["Start"].as_u64(), result["End"].as_u64()) else { continue };
        let start = chars.get(s as usize).map_or(input.len(), |c| c.0);
        let end = chars.get(e as usize + 1).map_or(input.len(), |c| c.0);
        if let Some(c) = claims.iter().find(|c| c.location.start < end && start < c.location.end) {
            return Err(format!("the ordinal {:?} was read as {:?}", result["Text"], c.text));
        }
    }
    Ok(())
}
