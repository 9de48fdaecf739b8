//! Compare: one verdict per aligned field.
//!
//! Values are grouped into clusters of mutually agreeing values, most precise first: a value
//! joins the first cluster it agrees with. Within one source this reconciles repeated mentions
//! ("3,700" in a headline, "more than 3,700", "3,744" in the body); across sources it decides the
//! verdict. One cluster means agreement; several mean a conflict, and with three or more sources
//! the sources outside the largest cluster are named as outliers. Each value joins one cluster
//! and there are few clusters, so the cost grows linearly with the number of sources.

pub mod facts;
mod names;
mod numeric;

use crate::align::AlignedField;
use crate::claim::{Claim, Interval, Quantity, Value};
use crate::finding::{Code, Finding, Severity, Verdict};
use crate::rules::{Comparator, FieldRule, Rulebook};
use crate::source::Role;
use foldhash::HashMap;

/// A cluster of agreeing values: indexes into the candidate list, most precise first.
struct Cluster {
    members: Vec<usize>,
    /// For numbers, the common part of every member's customary interval.
    bound: Option<Interval>,
}

/// Compares every aligned field; findings come out in the order of `aligned`. `roles` gives each
/// source's role: with drafts among them, each draft is checked against the references.
/// The claims move into the findings, so a run holds them once.
pub fn compare(aligned: Vec<AlignedField>, rules: &Rulebook, roles: &[Role]) -> Vec<Finding> {
    use rayon::prelude::*;
    // Fields are independent, so they are compared in parallel; `collect` keeps their order.
    let per_field: Vec<Vec<Finding>> = aligned
        .into_par_iter()
        .map(|mut group| {
            let mut findings = Vec::new();
            if let Some(rule) = rules.field(&group.field) {
                compare_field(&mut group, rule, rules, roles, &mut findings);
            }
            findings
        })
        .collect();
    per_field.into_iter().flatten().collect()
}

/// Every claim of a group with, per source, the claim that stands for it.
struct Reconciled {
    claims: Vec<Claim>,
    primary: Vec<Option<usize>>,
}

/// Reconciles each source's mentions, moving them out of `group`; a source that contradicts
/// itself is reported.
fn reconcile(
    group: &mut AlignedField,
    rule: &FieldRule,
    rules: &Rulebook,
    out: &mut Vec<Finding>,
) -> Reconciled {
    let mut primary: Vec<Option<usize>> = vec![None; group.source_count];
    let claims = std::mem::take(&mut group.claims);
    let group: &AlignedField = group;
    // The claims are laid out source after source, each source's mentions in text order.
    let mut start = 0;
    for mentions in claims.chunk_by(|a, b| a.source == b.source) {
        let Some(source) = mentions.first().map(|c| c.source) else { continue };
        let first = start;
        start += mentions.len();
        // Most sources state a field once: that mention stands for the source, and it cannot
        // contradict itself.
        if mentions.len() == 1 {
            if let Some(slot) = primary.get_mut(source) {
                *slot = Some(first);
            }
            continue;
        }
        // Headlines round loosely: body mentions speak for a source, headings only when alone.
        let has_body = mentions.iter().any(|c| !c.in_heading);
        let refs: Vec<&Claim> = mentions.iter().filter(|c| !has_body || !c.in_heading).collect();
        let clusters = cluster(&refs, rule, rules);
        let main = largest(&clusters);
        let best = main.and_then(|c| c.members.first()).and_then(|&m| refs.get(m));
        let position = best.and_then(|b| mentions.iter().position(|c| std::ptr::eq(c, *b)));
        if let (Some(slot), Some(position)) = (primary.get_mut(source), position) {
            *slot = Some(first + position);
        }
        if clusters.len() > 1 {
            out.push(internal_conflict(group, rule, source, mentions));
        }
    }
    Reconciled { claims, primary }
}

fn blank_finding(group: &AlignedField, rule: &FieldRule, reconciled: Reconciled) -> Finding {
    Finding {
        field: group.field.clone(),
        label: rule.label.clone(),
        scope: group.scope.clone(),
        verdict: Verdict::Agree,
        severity: Severity::Info,
        code: Code::Agreement,
        message: String::new(),
        rounded: false,
        claims: reconciled.claims,
        primary: reconciled.primary,
        outliers: Vec::new(),
        internal_source: None,
        draft: None,
        anchor: None,
    }
}

fn what_differs(rule: &FieldRule) -> (&'static str, &'static str) {
    let what = match rule.comparator {
        Comparator::Interval => "different figures",
        Comparator::Date => "different dates",
        Comparator::Person => "different people",
        Comparator::Place => "different places",
        Comparator::Text => "different values",
    };
    (if rule.comparator == Comparator::Person { "name" } else { "give" }, what)
}

fn compare_field(
    group: &mut AlignedField,
    rule: &FieldRule,
    rules: &Rulebook,
    roles: &[Role],
    out: &mut Vec<Finding>,
) {
    if roles.contains(&Role::Draft) {
        compare_drafts(group, rule, rules, roles, out);
        return;
    }
    let reconciled = reconcile(group, rule, rules, out);
    let stating: Vec<(usize, usize)> =
        reconciled.primary.iter().enumerate().filter_map(|(s, p)| p.map(|index| (s, index))).collect();
    let representatives: Vec<&Claim> =
        stating.iter().filter_map(|(_, i)| reconciled.claims.get(*i)).collect();
    let clusters = cluster(&representatives, rule, rules);
    let total = group.source_count;
    let scope_note = group.scope.as_ref().map(|s| format!(" ({})", s.label)).unwrap_or_default();
    let mut verdict = Verdict::Agree;
    let mut severity = Severity::Info;
    let mut code = Code::Agreement;
    let mut rounded = false;
    let mut outliers = Vec::new();
    let message;
    if clusters.len() <= 1 {
        rounded = representatives.len() > 1 && needs_rounding(&representatives);
        if total < 2 {
            verdict = Verdict::Gap;
            code = Code::OneSided;
            message =
                format!("{}{scope_note} is stated, but no other source is there to compare", rule.label);
        } else if stating.len() < total {
            verdict = Verdict::Gap;
            code = Code::OneSided;
            message =
                format!("{}{scope_note} is stated by {} of {} sources", rule.label, stating.len(), total);
        } else if rounded {
            message = format!("sources agree on {}{scope_note} within rounding", rule.label);
        } else {
            message = format!("sources agree on {}{scope_note}", rule.label);
        }
    } else {
        verdict = Verdict::Conflict;
        let loose = rule.comparator == Comparator::Interval && logical_overlap(&representatives);
        code = if loose { Code::LooseConflict } else { Code::ValueConflict };
        severity = if loose { rule.severity.min(Severity::Warning) } else { rule.severity };
        let (verb, what) = what_differs(rule);
        let mut text = format!("sources {verb} {what} for {}{scope_note}", rule.label);
        if loose {
            text.push_str(" (they agree only if a qualifier is read at its loosest)");
        }
        message = text;
        if stating.len() >= 3 {
            if let Some(main) = largest(&clusters) {
                let rest = stating.len() - main.members.len();
                if main.members.len() > rest {
                    // A mark per source, not a search of the members for each: at 10,000
                    // sources that search alone took longer than the rest of the field.
                    let mut in_main = vec![false; stating.len()];
                    for &m in &main.members {
                        if let Some(mark) = in_main.get_mut(m) {
                            *mark = true;
                        }
                    }
                    outliers = stating
                        .iter()
                        .zip(&in_main)
                        .filter(|(_, &is_main)| !is_main)
                        .map(|((source, _), _)| *source)
                        .collect();
                }
            }
        }
    }
    let mut finding = blank_finding(group, rule, reconciled);
    finding.verdict = verdict;
    finding.severity = severity;
    finding.code = code;
    finding.rounded = rounded;
    finding.outliers = outliers;
    finding.message = message;
    out.push(finding);
}

/// Editorial mode: each draft that states the field is held against the references.
fn compare_drafts(
    group: &mut AlignedField,
    rule: &FieldRule,
    rules: &Rulebook,
    roles: &[Role],
    out: &mut Vec<Finding>,
) {
    let reconciled = reconcile(group, rule, rules, out);
    let role_of = |s: usize| roles.get(s).copied().unwrap_or(Role::Source);
    let references: Vec<(usize, usize)> = reconciled
        .primary
        .iter()
        .enumerate()
        .filter_map(|(s, p)| p.filter(|_| role_of(s) != Role::Draft).map(|i| (s, i)))
        .collect();
    let reference_claims: Vec<&Claim> =
        references.iter().filter_map(|(_, i)| reconciled.claims.get(*i)).collect();
    let clusters = cluster(&reference_claims, rule, rules);
    let scope_note = group.scope.as_ref().map(|s| format!(" ({})", s.label)).unwrap_or_default();
    for (draft, primary) in reconciled.primary.iter().enumerate() {
        let Some(draft_index) = *primary else { continue };
        if role_of(draft) != Role::Draft {
            continue;
        }
        let Some(draft_claim) = reconciled.claims.get(draft_index) else { continue };
        // Each finding carries the draft's claims and the references', nothing of other drafts.
        let keep = |c: &Claim| c.source == draft || role_of(c.source) != Role::Draft;
        let mut claims: Vec<Claim> = Vec::new();
        // Equal claims share their source and place: each claim is compared only with those
        // kept at the same place, not with every claim kept (sources² for each draft).
        let mut kept_at: HashMap<(usize, usize, usize), Vec<usize>> = HashMap::default();
        let push = |claims: &mut Vec<Claim>, kept_at: &mut HashMap<_, Vec<usize>>, c: &Claim| {
            kept_at.entry((c.source, c.location.start, c.location.end)).or_default().push(claims.len());
            claims.push(c.clone());
        };
        let mut primary: Vec<Option<usize>> = vec![None; reconciled.primary.len()];
        for (source, slot) in reconciled.primary.iter().enumerate() {
            if let Some(p) = slot.and_then(|i| reconciled.claims.get(i)) {
                if keep(p) {
                    if let Some(out_slot) = primary.get_mut(source) {
                        *out_slot = Some(claims.len());
                    }
                    push(&mut claims, &mut kept_at, p);
                }
            }
        }
        for c in &reconciled.claims {
            let kept = kept_at
                .get(&(c.source, c.location.start, c.location.end))
                .is_some_and(|at| at.iter().any(|&k| claims.get(k) == Some(c)));
            if keep(c) && !kept {
                push(&mut claims, &mut kept_at, c);
            }
        }
        let anchor = claims.iter().position(|c| c == draft_claim);
        let agreeing = clusters.iter().position(|cluster| {
            cluster.members.first().and_then(|&m| reference_claims.get(m)).is_some_and(|r| {
                agrees(r, draft_claim, rule, rules)
                    || matches!((&r.value, &draft_claim.value), (Value::Quantity(_), Value::Quantity(_)) if cluster_accepts(cluster, draft_claim, rule))
            })
        });
        let names = |members: &[usize]| -> Vec<usize> {
            members.iter().filter_map(|&m| references.get(m).map(|(s, _)| *s)).collect()
        };
        let mut finding = blank_finding(group, rule, Reconciled { claims, primary });
        finding.draft = Some(draft);
        finding.anchor = anchor;
        let (verb, what) = what_differs(rule);
        match (clusters.len(), agreeing) {
            (0, _) => {
                finding.verdict = Verdict::Unsupported;
                finding.code = Code::Unsupported;
                finding.severity = Severity::Info;
                finding.message =
                    format!("the draft states {}{scope_note}, which no reference states", rule.label);
            }
            (1, Some(_)) => {
                finding.rounded =
                    needs_rounding(&[draft_claim, reference_claims.first().copied().unwrap_or(draft_claim)]);
                finding.message =
                    format!("the draft agrees with the references on {}{scope_note}", rule.label);
            }
            (1, None) => {
                let all: Vec<&Claim> =
                    reference_claims.iter().copied().chain(std::iter::once(draft_claim)).collect();
                let loose = rule.comparator == Comparator::Interval && logical_overlap(&all);
                finding.verdict = Verdict::Conflict;
                finding.code = if loose { Code::LooseConflict } else { Code::ValueConflict };
                finding.severity = if loose { rule.severity.min(Severity::Warning) } else { rule.severity };
                finding.outliers = vec![draft];
                finding.message =
                    format!("the draft and its references {verb} {what} for {}{scope_note}", rule.label);
            }
            (_, Some(with)) => {
                let others: Vec<usize> = clusters
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != with)
                    .flat_map(|(_, c)| names(&c.members))
                    .collect();
                finding.verdict = Verdict::Conflict;
                finding.code = Code::ReferenceConflict;
                finding.severity = Severity::Warning;
                finding.outliers = others;
                finding.message = format!(
                    "the references {verb} {what} for {}{scope_note}; the draft follows some of them",
                    rule.label
                );
            }
            (_, None) => {
                finding.verdict = Verdict::Conflict;
                finding.code = Code::ValueConflict;
                finding.severity = rule.severity;
                finding.outliers = vec![draft];
                finding.message = format!(
                    "the draft {verb}s {what} for {}{scope_note} than any reference (and the references disagree among themselves)",
                    rule.label
                );
            }
        }
        out.push(finding);
    }
}

/// Whether a figure fits a cluster's common interval.
fn cluster_accepts(cluster: &Cluster, claim: &Claim, rule: &FieldRule) -> bool {
    match (&claim.value, cluster.bound.as_ref()) {
        (Value::Quantity(q), Some(bound)) => bound.overlaps(&numeric::widen(&q.approx, &rule.tolerance)),
        _ => false,
    }
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
        draft: None,
        anchor: None,
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
    // Worked out once per claim, not once per comparison of the sort.
    let precisions: Vec<f64> = claims.iter().map(|c| precision(Some(c), rule)).collect();
    let precision_of = |i: usize| precisions.get(i).copied().unwrap_or(f64::INFINITY);
    order.sort_by(|&a, &b| {
        let (pa, pb) = (precision_of(a), precision_of(b));
        pa.partial_cmp(&pb)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| claims.get(a).map(|c| c.in_heading).cmp(&claims.get(b).map(|c| c.in_heading)))
            .then(a.cmp(&b))
    });
    let mut clusters: Vec<Cluster> = Vec::new();
    // Thousands of sources give a handful of values. A value met before goes to the cluster it
    // went to then: bounds only narrow and first members stay, so every cluster before that
    // one still refuses it and that one still takes it.
    let mut placed: HashMap<ValueKey<'_>, usize> = HashMap::default();
    for index in order {
        let Some(claim) = claims.get(index) else { continue };
        let key = ValueKey::of(&claim.value);
        if let Some(c) = placed.get(&key).and_then(|&k| clusters.get_mut(k)) {
            c.members.push(index);
            continue;
        }
        let mut joined_at = None;
        let joined = clusters.iter_mut().enumerate().any(|(k, c)| {
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
                joined_at = Some(k);
            }
            accepted
        });
        if !joined {
            let bound = match &claim.value {
                Value::Quantity(q) => Some(numeric::widen(&q.approx, &rule.tolerance)),
                _ => None,
            };
            joined_at = Some(clusters.len());
            clusters.push(Cluster { members: vec![index], bound });
        }
        if let Some(k) = joined_at {
            placed.insert(key, k);
        }
    }
    clusters
}

/// A value as a hashable key: equal keys for values equal bit for bit.
#[derive(PartialEq, Eq, Hash)]
enum ValueKey<'a> {
    Figure {
        figure: u64,
        qualifier: crate::claim::Qualifier,
        logical: IntervalKey,
        approx: IntervalKey,
        unit: Option<&'a str>,
    },
    Date(crate::claim::DateValue),
    Name(&'a str),
}

/// An interval's ends, bit for bit.
type IntervalKey = (Option<u64>, bool, Option<u64>, bool);

impl<'a> ValueKey<'a> {
    fn of(value: &'a Value) -> ValueKey<'a> {
        let interval = |i: &Interval| {
            (i.min.map(f64::to_bits), i.min_inclusive, i.max.map(f64::to_bits), i.max_inclusive)
        };
        match value {
            Value::Quantity(q) => ValueKey::Figure {
                figure: q.figure.to_bits(),
                qualifier: q.qualifier,
                logical: interval(&q.logical),
                approx: interval(&q.approx),
                unit: q.unit.as_deref(),
            },
            Value::Date(d) => ValueKey::Date(*d),
            Value::Name(n) => ValueKey::Name(n),
        }
    }
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
