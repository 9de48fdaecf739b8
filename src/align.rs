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

/// The claims of one field and scope, by source.
#[derive(Debug, Clone, PartialEq)]
pub struct AlignedField {
    /// The field rule's name.
    pub field: String,
    /// The shared scope; `None` for the event as a whole.
    pub scope: Option<Scope>,
    /// For each source of the run (by index), its claims of this field and scope, in text order.
    pub by_source: Vec<Vec<Claim>>,
}

impl AlignedField {
    /// How many sources state this field.
    pub fn stated_by(&self) -> usize {
        self.by_source.iter().filter(|c| !c.is_empty()).count()
    }
}

/// Groups `claims` (from `source_count` sources) by field and scope, in rulebook order.
pub fn align(claims: &[Claim], source_count: usize, rules: &Rulebook) -> Vec<AlignedField> {
    let mut groups: BTreeMap<(usize, String, Option<String>), AlignedField> = BTreeMap::new();
    for claim in claims {
        let Some(field) = &claim.field else { continue };
        let scope_key = claim.scope.as_ref().map(|s| format!("{:?}:{}", s.kind, fold(&s.label)));
        let key = (rules.field_index(field), field.clone(), scope_key);
        let group = groups.entry(key).or_insert_with(|| AlignedField {
            field: field.clone(),
            scope: claim.scope.clone(),
            by_source: vec![Vec::new(); source_count],
        });
        if let Some(slot) = group.by_source.get_mut(claim.source) {
            slot.push(claim.clone());
        }
    }
    groups.into_values().filter(|g| g.scope.is_none() || g.stated_by() >= 2).collect()
}
