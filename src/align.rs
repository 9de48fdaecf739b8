//! Align: claims of every source, grouped by field and scope, side by side.
//!
//! Only claims that a field rule claimed are aligned. Claims about the event as a whole form one
//! group per field; claims with a scope form a group per (field, scope label), and such a group
//! is compared only when at least two sources share the scope — a figure about "a second
//! earthquake" in one article has nothing to be compared with otherwise. The cost is one pass
//! over the claims plus a sort: linear in the number of sources, never all-against-all.

use std::collections::BTreeMap;

use crate::claim::{Claim, Scope};
use crate::rules::Rulebook;
use crate::text::fold;

/// The claims of one field and scope, source after source.
#[derive(Debug, Clone, PartialEq)]
pub struct AlignedField {
    /// The field rule's name.
    pub field: String,
    /// The shared scope; `None` for the event as a whole.
    pub scope: Option<Scope>,
    /// Every claim of this field and scope, ordered by source (its index in the run), each
    /// source's claims in text order. One vector for the group rather than one per source: a
    /// run of 10,000 sources would otherwise hold 10,000 slots for every field.
    pub claims: Vec<Claim>,
    /// How many sources the run has.
    pub source_count: usize,
}

impl AlignedField {
    /// How many sources state this field.
    pub fn stated_by(&self) -> usize {
        self.per_source().count()
    }

    /// Each source that states this field, with its claims (in text order), by source index.
    pub fn per_source(&self) -> impl Iterator<Item = (usize, &[Claim])> {
        self.claims
            .chunk_by(|a, b| a.source == b.source)
            .filter_map(|chunk| chunk.first().map(|c| (c.source, chunk)))
    }
}

/// Groups `claims` (from `source_count` sources) by field and scope, in rulebook order.
pub fn align(claims: Vec<Claim>, source_count: usize, rules: &Rulebook) -> Vec<AlignedField> {
    // Claims are gathered per group first and laid out by source only for the groups kept: a
    // corpus with many one-off scopes would otherwise hold a slot per source for each of them.
    // Groups are sized before they are filled, so no vector holds room it does not use.
    let mut keys: BTreeMap<(usize, std::sync::Arc<str>, Option<String>), usize> = BTreeMap::new();
    // Rulebook order by name, looked up once per claim rather than searched.
    let order: std::collections::HashMap<&str, usize> =
        rules.fields.iter().enumerate().rev().map(|(i, f)| (f.name.as_str(), i)).collect();
    let mut group_of: Vec<Option<usize>> = Vec::with_capacity(claims.len());
    let mut sizes: Vec<usize> = Vec::new();
    // Most claims are about the event as a whole: their group is found by the field's place
    // in the rulebook alone, without building a key.
    let mut unscoped: Vec<Option<usize>> = vec![None; rules.fields.len()];
    for claim in &claims {
        let Some(field) = &claim.field else {
            group_of.push(None);
            continue;
        };
        let position = order.get(&**field).copied().unwrap_or(usize::MAX);
        let cached = if claim.scope.is_none() { unscoped.get_mut(position) } else { None };
        let id = match cached {
            Some(Some(id)) => *id,
            cached => {
                let scope_key = claim.scope.as_ref().map(|s| format!("{:?}:{}", s.kind, fold(&s.label)));
                let next = keys.len();
                let id = *keys.entry((position, field.clone(), scope_key)).or_insert(next);
                if let Some(slot) = cached {
                    *slot = Some(id);
                }
                id
            }
        };
        if id == sizes.len() {
            sizes.push(0);
        }
        if let Some(size) = sizes.get_mut(id) {
            *size += 1;
        }
        group_of.push(Some(id));
    }
    let mut members: Vec<Vec<Claim>> = sizes.iter().map(|&n| Vec::with_capacity(n)).collect();
    // Claims are moved from the back, and the vector they leave is shrunk as it empties, so
    // the run never holds every claim twice (a consuming iterator keeps its whole buffer).
    let mut claims = claims;
    while let (Some(claim), Some(id)) = (claims.pop(), group_of.pop()) {
        if let Some(group) = id.and_then(|id| members.get_mut(id)) {
            group.push(claim);
        }
        // Every 4,096 claims (1 MB): often enough that the moved claims are barely held twice.
        if claims.capacity() - claims.len() >= 4096 {
            claims.shrink_to_fit();
        }
    }
    for group in &mut members {
        group.reverse();
    }
    let mut groups: Vec<(String, Option<Scope>, Vec<Claim>)> = Vec::with_capacity(keys.len());
    for ((_, field, _), id) in keys {
        let claims = members.get_mut(id).map(std::mem::take).unwrap_or_default();
        let scope = claims.first().and_then(|c| c.scope.clone());
        groups.push((field.to_string(), scope, claims));
    }
    let mut aligned = Vec::new();
    for (field, scope, mut claims) in groups {
        if scope.is_some() && claims.iter().all(|c| claims.first().is_some_and(|f| f.source == c.source)) {
            continue; // a scope only one source speaks of
        }
        // Claims arrive source by source; a caller of the library may pass them in any order.
        claims.sort_by_key(|c| c.source);
        aligned.push(AlignedField { field, scope, claims, source_count });
    }
    aligned
}
