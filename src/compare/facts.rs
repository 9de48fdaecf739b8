//! Time-scoped facts: a source that names a former office holder for a later event.
//!
//! Rulebooks may record who held an office and when (`[[holder]]`). When a source's event date
//! is known — its own event-date claim, else its publication date — a person it names for that
//! office is checked against the terms: naming someone outside their term is reported, with the
//! fact and, when the rules know it, who held the office at the time.

use crate::claim::{Claim, DateValue, Kind, PartialDate, Value};
use crate::finding::{Code, Finding, Verdict};
use crate::rules::{Holder, Rulebook};
use crate::text::fold;

use super::names::people_agree;

/// The event date of each source: its first event-date claim about the event as a whole, else
/// `published` (the article date).
fn event_dates<'a>(
    claims: impl Iterator<Item = &'a Claim>,
    rules: &Rulebook,
    published: &[Option<PartialDate>],
) -> Vec<Option<(PartialDate, Option<Claim>)>> {
    let mut dates: Vec<Option<(PartialDate, Option<Claim>)>> =
        published.iter().map(|p| p.filter(is_full).map(|d| (d, None))).collect();
    let mut from_claims = vec![false; published.len()];
    for claim in claims {
        let is_event_date = claim.kind == Kind::Date
            && claim.scope.is_none()
            && claim.field.as_deref().and_then(|f| rules.field(f)).is_some_and(|f| f.name == "event_date");
        let Value::Date(value) = &claim.value else { continue };
        let start = match value {
            DateValue::Single(d) => *d,
            DateValue::Range { start, .. } => *start,
        };
        if !is_event_date || !is_full(&start) || from_claims.get(claim.source).copied().unwrap_or(true) {
            continue;
        }
        if let (Some(slot), Some(flag)) = (dates.get_mut(claim.source), from_claims.get_mut(claim.source)) {
            *slot = Some((start, Some(claim.clone())));
            *flag = true;
        }
    }
    dates
}

fn is_full(d: &PartialDate) -> bool {
    d.year.is_some() && d.month.is_some() && d.day.is_some()
}

fn in_term(h: &Holder, day: &PartialDate) -> bool {
    *day >= h.from && h.until.is_none_or(|until| *day <= until)
}

/// Findings for every person claim that names a holder outside their term.
pub fn outdated<'a>(
    claims: impl Iterator<Item = &'a Claim> + Clone,
    rules: &Rulebook,
    published: &[Option<PartialDate>],
) -> Vec<Finding> {
    if rules.holders.is_empty() {
        return Vec::new();
    }
    let dates = event_dates(claims.clone(), rules, published);
    let mut findings = Vec::new();
    for claim in claims.filter(|c| c.kind == Kind::Person && c.scope.is_none()) {
        let (Some(field), Value::Name(name)) = (claim.field.as_deref(), &claim.value) else { continue };
        let Some(Some((day, date_claim))) = dates.get(claim.source) else { continue };
        let sentence = fold(&claim.sentence);
        let applies = |h: &&Holder| {
            h.field == field && h.organisation.as_deref().is_none_or(|org| sentence.contains(&fold(org)))
        };
        let Some(holder) = rules.holders.iter().filter(applies).find(|h| people_agree(name, &h.name, rules))
        else {
            continue;
        };
        if in_term(holder, day) {
            continue;
        }
        let label = rules.field(field).map_or(field, |f| f.label.as_str());
        let term = match holder.until {
            Some(until) => format!("from {} until {}", holder.from.iso(), until.iso()),
            None => format!("since {}", holder.from.iso()),
        };
        let then = rules
            .holders
            .iter()
            .filter(applies)
            .find(|h| in_term(h, day))
            .map(|h| format!("; {} held it then", h.name))
            .unwrap_or_default();
        let note = holder.note.as_ref().map(|n| format!(" ({n})")).unwrap_or_default();
        let mut finding_claims = vec![claim.clone()];
        finding_claims.extend(date_claim.iter().cloned());
        let mut primary = vec![None; published.len()];
        if let Some(slot) = primary.get_mut(claim.source) {
            *slot = Some(0);
        }
        findings.push(Finding {
            field: field.to_string(),
            label: label.to_string(),
            scope: None,
            verdict: Verdict::Conflict,
            severity: rules.field(field).map_or(crate::finding::Severity::Warning, |f| f.severity),
            code: Code::OutdatedHolder,
            message: format!(
                "{} was {label} {term}{note}, but the event is dated {}{then}",
                holder.name,
                day.iso()
            ),
            rounded: false,
            claims: finding_claims,
            primary,
            outliers: Vec::new(),
            internal_source: None,
            draft: None,
            anchor: Some(0),
        });
    }
    findings
}
