//! Compare: one verdict per aligned field.
//!
//! Values are grouped into clusters of mutually agreeing values, most precise first: a value
//! joins the first cluster it agrees with. Within one source this reconciles repeated mentions
//! ("3,700" in a headline, "more than 3,700", "3,744" in the body); across sources it decides the
//! verdict. One cluster means agreement; several mean a conflict, and with three or more sources
//! the sources outside the largest cluster are named as outliers. Each value joins one cluster
//! and there are few clusters, so the cost grows linearly with the number of sources.

mod names;
mod numeric;

use crate::align::AlignedField;
use crate::claim::{Claim, Interval, Quantity, Value};
use crate::finding::{Code, Finding, Severity, Verdict};
use crate::rules::{Comparator, FieldRule, Rulebook};

/// A cluster of agreeing values: indexes into the candidate list, most precise first.
struct Cluster {
    members: Vec<usize>,
    /// For numbers, the common part of every member's customary interval.
    bound: Option<Interval>,
}

/// Compares every aligned field; findings come out in the order of `aligned`.
pub fn compare(aligned: &[AlignedField], rules: &Rulebook) -> Vec<Finding> {
    let mut findings = Vec::new();
    for group in aligned {
        let Some(rule) = rules.field(&group.field) else { continue };
        compare_field(group, rule, rules, &mut findings);
    }
    findings
}

fn compare_field(group: &AlignedField, rule: &FieldRule, rules: &Rulebook, out: &mut Vec<Finding>) {
    let mut claims: Vec<Claim> = Vec::new();
    let mut primary: Vec<Option<usize>> = vec![None; group.by_source.len()];
    for (source, mentions) in group.by_source.iter().enumerate() {
        if mentions.is_empty() {
            continue;
        }
        let offset = claims.len();
        claims.extend(mentions.iter().cloned());
        // Headlines round loosely: body mentions speak for a source, headings only when alone.
        let has_body = mentions.iter().any(|c| !c.in_heading);
        let refs: Vec<&Claim> = mentions.iter().filter(|c| !has_body || !c.in_heading).collect();
        let clusters = cluster(&refs, rule, rules);
        let main = largest(&clusters);
        let best = main.and_then(|c| c.members.first()).and_then(|&m| refs.get(m));
        let position = best.and_then(|b| mentions.iter().position(|c| std::ptr::eq(c, *b)));
        if let (Some(slot), Some(position)) = (primary.get_mut(source), position) {
            *slot = Some(offset + position);
        }
        if clusters.len() > 1 {
            out.push(internal_conflict(group, rule, source, mentions));
        }
    }
    let stating: Vec<(usize, usize)> =
        primary.iter().enumerate().filter_map(|(s, p)| p.map(|index| (s, index))).collect();
    let representatives: Vec<&Claim> = stating.iter().filter_map(|(_, i)| claims.get(*i)).collect();
    let clusters = cluster(&representatives, rule, rules);
    let total = group.by_source.len();
    let scope_note = group.scope.as_ref().map(|s| format!(" ({})", s.label)).unwrap_or_default();
    let mut finding = Finding {
        field: group.field.clone(),
        label: rule.label.clone(),
        scope: group.scope.clone(),
        verdict: Verdict::Agree,
        severity: Severity::Info,
        code: Code::Agreement,
        message: String::new(),
        rounded: false,
        claims: Vec::new(),
        primary: Vec::new(),
        outliers: Vec::new(),
        internal_source: None,
    };
    if clusters.len() <= 1 {
        finding.rounded = representatives.len() > 1 && needs_rounding(&representatives);
        if stating.len() < total {
            finding.verdict = Verdict::Gap;
            finding.code = Code::OneSided;
            finding.message =
                format!("{}{scope_note} is stated by {} of {} sources", rule.label, stating.len(), total);
        } else {
            finding.message = if finding.rounded {
                format!("sources agree on {}{scope_note} within rounding", rule.label)
            } else {
                format!("sources agree on {}{scope_note}", rule.label)
            };
        }
    } else {
        finding.verdict = Verdict::Conflict;
        let loose = rule.comparator == Comparator::Interval && logical_overlap(&representatives);
        finding.code = if loose { Code::LooseConflict } else { Code::ValueConflict };
        finding.severity = if loose { rule.severity.min(Severity::Warning) } else { rule.severity };
        let what = match rule.comparator {
            Comparator::Interval => "different figures",
            Comparator::Date => "different dates",
            Comparator::Person => "different people",
            Comparator::Place => "different places",
            Comparator::Text => "different values",
        };
        let verb = if rule.comparator == Comparator::Person { "name" } else { "give" };
        finding.message = format!("sources {verb} {what} for {}{scope_note}", rule.label);
        if loose {
            finding.message.push_str(" (they agree only if a qualifier is read at its loosest)");
        }
        if stating.len() >= 3 {
            if let Some(main) = largest(&clusters) {
                let rest = stating.len() - main.members.len();
                if main.members.len() > rest {
                    finding.outliers = stating
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| !main.members.contains(i))
                        .map(|(_, (source, _))| *source)
                        .collect();
                }
            }
        }
    }
    finding.claims = claims;
    finding.primary = primary;
    out.push(finding);
}

fn internal_conflict(group: &AlignedField, rule: &FieldRule, source: usize, mentions: &[Claim]) -> Finding {
    Finding {
        field: group.field.clone(),
        label: rule.label.clone(),
        scope: group.scope.clone(),
        verdict: Verdict::Conflict,
        severity: rule.severity.min(Severity::Warning),
        code: Code::InternalConflict,
        message: format!("one source gives values for {} that contradict each other", rule.label),
        rounded: false,
        claims: mentions.to_vec(),
        primary: Vec::new(),
        outliers: Vec::new(),
        internal_source: Some(source),
    }
}

/// The cluster with the most members (the first such, clusters being ordered by precision).
fn largest(clusters: &[Cluster]) -> Option<&Cluster> {
    clusters.iter().fold(None, |best: Option<&Cluster>, c| match best {
        Some(b) if b.members.len() >= c.members.len() => Some(b),
        _ => Some(c),
    })
}

/// Groups `claims` into clusters of agreeing values, most precise value first in each.
fn cluster(claims: &[&Claim], rule: &FieldRule, rules: &Rulebook) -> Vec<Cluster> {
    let mut order: Vec<usize> = (0..claims.len()).collect();
    order.sort_by(|&a, &b| {
        let (pa, pb) = (precision(claims.get(a), rule), precision(claims.get(b), rule));
        pa.partial_cmp(&pb)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| claims.get(a).map(|c| c.in_heading).cmp(&claims.get(b).map(|c| c.in_heading)))
            .then(a.cmp(&b))
    });
    let mut clusters: Vec<Cluster> = Vec::new();
    for index in order {
        let Some(claim) = claims.get(index) else { continue };
        let joined = clusters.iter_mut().any(|c| {
            let Some(first) = c.members.first().and_then(|&m| claims.get(m)) else { return false };
            let accepted = match (rule.comparator, &claim.value) {
                (Comparator::Interval, Value::Quantity(q)) => {
                    let widened = numeric::widen(&q.approx, &rule.tolerance);
                    let same_unit = matches!(&first.value, Value::Quantity(f) if f.unit == q.unit);
                    match c.bound.as_ref().and_then(|b| b.intersect(&widened)) {
                        Some(common) if same_unit => {
                            c.bound = Some(common);
                            true
                        }
                        _ => false,
                    }
                }
                _ => agrees(first, claim, rule, rules),
            };
            if accepted {
                c.members.push(index);
            }
            accepted
        });
        if !joined {
            let bound = match &claim.value {
                Value::Quantity(q) => Some(numeric::widen(&q.approx, &rule.tolerance)),
                _ => None,
            };
            clusters.push(Cluster { members: vec![index], bound });
        }
    }
    clusters
}

/// Whether two non-numeric values agree under the field's comparator.
fn agrees(a: &Claim, b: &Claim, rule: &FieldRule, rules: &Rulebook) -> bool {
    match (&a.value, &b.value) {
        (Value::Date(x), Value::Date(y)) => names::dates_agree(x, y),
        (Value::Name(x), Value::Name(y)) => match rule.comparator {
            Comparator::Person => names::people_agree(x, y, rules),
            Comparator::Place => names::places_agree(x, y, rules),
            _ => names::texts_agree(x, y, rules),
        },
        (Value::Quantity(x), Value::Quantity(y)) => x.unit == y.unit && x.approx.overlaps(&y.approx),
        _ => false,
    }
}

/// Lower is more precise; the most precise mention stands for its source.
fn precision(claim: Option<&&Claim>, rule: &FieldRule) -> f64 {
    let Some(claim) = claim else { return f64::INFINITY };
    match &claim.value {
        Value::Quantity(q) => q.approx.width(),
        Value::Date(d) => names::date_vagueness(d),
        Value::Name(n) => match rule.comparator {
            Comparator::Place => {
                -(n.matches(',').count() as f64) - n.split_whitespace().count() as f64 / 100.0
            }
            _ => -(n.split_whitespace().count() as f64),
        },
    }
}

/// Whether agreement needed rounding: the values are not all written alike, and one is not exact.
fn needs_rounding(claims: &[&Claim]) -> bool {
    let quantities: Vec<&Quantity> = claims
        .iter()
        .filter_map(|c| match &c.value {
            Value::Quantity(q) => Some(q),
            _ => None,
        })
        .collect();
    let Some(first) = quantities.first() else { return false };
    let all_alike = quantities.iter().all(|q| q.figure == first.figure && q.qualifier == first.qualifier);
    !all_alike && quantities.iter().any(|q| !q.is_exact() || q.figure != first.figure)
}

/// Whether the logical readings of every value share a point.
fn logical_overlap(claims: &[&Claim]) -> bool {
    let mut common: Option<Interval> = None;
    for claim in claims {
        let Value::Quantity(q) = &claim.value else { return false };
        common = match common {
            None => Some(q.logical),
            Some(c) => match c.intersect(&q.logical) {
                Some(i) => Some(i),
                None => return false,
            },
        };
    }
    common.is_some()
}

#[cfg(test)]
mod tests;
