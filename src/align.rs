//! Align: claims of every source, grouped by field and scope, side by side.
//!
//! Only claims that a field rule claimed are aligned. Claims about the event as a whole form one
//! group per field; claims with a scope form a group per (field, scope label), and such a group
//! is compared only when at least two sources share the scope — a figure about "a second
//! earthquake" in one article has nothing to be compared with otherwise. The cost is one pass
//! over the claims plus a sort: linear in the number of sources, never all-against-all.

use std::collections::BTreeMap;
use std::sync::Arc;

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
    let mut aligner = Aligner::new(rules);
    aligner.push_all(claims);
    aligner.finish(source_count)
}

/// Alignment done as claims arrive: `check` hands each batch of sources to an `Aligner` while
/// the next batch is read, so grouping 200,000 claims is not left to run on one core at the
/// end. [`align`] is the same in one call.
#[derive(Debug)]
pub struct Aligner<'r> {
    /// Rulebook order by name, looked up once per claim rather than searched.
    order: foldhash::HashMap<&'r str, usize>,
    /// Each group's key (rulebook position, field, scope) and its index in `members`.
    keys: BTreeMap<(usize, Arc<str>, Option<String>), usize>,
    /// The group of the claims about the event as a whole, by rulebook position: most claims
    /// find theirs here without a key being built.
    unscoped: Vec<Option<usize>>,
    members: Vec<Vec<Claim>>,
}

impl<'r> Aligner<'r> {
    /// An empty alignment for the fields of `rules`.
    pub fn new(rules: &'r Rulebook) -> Aligner<'r> {
        Aligner {
            order: rules.fields.iter().enumerate().rev().map(|(i, f)| (f.name.as_str(), i)).collect(),
            keys: BTreeMap::new(),
            unscoped: vec![None; rules.fields.len()],
            members: Vec::new(),
        }
    }

    /// Adds one claim; a claim no field took is dropped. Claims are expected source by source
    /// (each source's in text order); [`Aligner::finish`] orders them by source otherwise.
    pub fn push(&mut self, claim: Claim) {
        let Some(field) = &claim.field else { return };
        let position = self.order.get(&**field).copied().unwrap_or(usize::MAX);
        let cached = if claim.scope.is_none() { self.unscoped.get_mut(position) } else { None };
        let id = match cached {
            Some(Some(id)) => *id,
            cached => {
                let scope_key = claim.scope.as_ref().map(|s| format!("{:?}:{}", s.kind, fold(&s.label)));
                let next = self.keys.len();
                let id = *self.keys.entry((position, field.clone(), scope_key)).or_insert(next);
                if let Some(slot) = cached {
                    *slot = Some(id);
                }
                id
            }
        };
        if id == self.members.len() {
            self.members.push(Vec::new());
        }
        if let Some(group) = self.members.get_mut(id) {
            group.push(claim);
        }
    }

    /// Adds every claim of `claims`, in order. They are taken from the back, and the vector
    /// they leave is shrunk as it empties, so the run never holds every claim twice (a
    /// consuming iterator would keep its whole buffer).
    pub fn push_all(&mut self, claims: Vec<Claim>) {
        let mut claims = claims;
        claims.reverse();
        while let Some(claim) = claims.pop() {
            self.push(claim);
            // Every 4,096 claims (1 MB): often enough that the moved claims are barely held twice.
            if claims.capacity() - claims.len() >= 4096 {
                claims.shrink_to_fit();
            }
        }
    }

    /// Every claim added so far, group after group.
    pub fn claims(&self) -> impl Iterator<Item = &Claim> + Clone {
        self.members.iter().flatten()
    }

    /// The groups, in rulebook order; a scope that only one source speaks of is dropped (it has
    /// nothing to be compared with).
    pub fn finish(mut self, source_count: usize) -> Vec<AlignedField> {
        let mut aligned = Vec::new();
        for ((_, field, _), id) in std::mem::take(&mut self.keys) {
            let mut claims = self.members.get_mut(id).map(std::mem::take).unwrap_or_default();
            let scope = claims.first().and_then(|c| c.scope.clone());
            if scope.is_some() && claims.iter().all(|c| claims.first().is_some_and(|f| f.source == c.source))
            {
                continue;
            }
            // Claims arrive source by source; a caller of the library may pass them in any order.
            claims.sort_by_key(|c| c.source);
            claims.shrink_to_fit();
            aligned.push(AlignedField { field: field.to_string(), scope, claims, source_count });
        }
        aligned
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Extractor;
    use crate::source::{Format, Role, Source};

    fn claims_of(texts: &[&str], rules: &Rulebook) -> Vec<Claim> {
        let extractor = Extractor::new(rules).expect("rules compile");
        let mut claims = Vec::new();
        for (i, text) in texts.iter().enumerate() {
            let source =
                Source::from_bytes(&format!("s{i}.txt"), Role::Source, Format::Text, text.as_bytes())
                    .expect("loads");
            claims.extend(extractor.extract(&source, i));
        }
        claims
    }

    #[test]
    fn claims_pushed_one_at_a_time_align_as_all_at_once() {
        let rules = Rulebook::default_rules().expect("default rules");
        let texts = [
            "The storm killed 12 people. In Lower Tessely, 4 people died. Mayor Jane Roe spoke.",
            "At least 10 people were killed. In Lower Tessely, five people died.",
            "The death toll rose to 13. Mayor Jane Roe said 200 homes were destroyed.",
        ];
        let claims = claims_of(&texts, &rules);
        let fielded = claims.iter().filter(|c| c.field.is_some()).count();
        let whole = align(claims.clone(), texts.len(), &rules);

        let mut aligner = Aligner::new(&rules);
        for claim in claims {
            aligner.push(claim);
        }
        assert_eq!(aligner.claims().count(), fielded, "claims no field took are dropped");
        let one_by_one = aligner.finish(texts.len());
        assert_eq!(one_by_one, whole);
        let groups: Vec<(&str, Option<&str>, usize)> = whole
            .iter()
            .map(|g| (g.field.as_str(), g.scope.as_ref().map(|s| s.label.as_str()), g.stated_by()))
            .collect();
        assert_eq!(
            groups,
            vec![
                ("deaths", None, 3),
                ("deaths", Some("in Lower Tessely"), 2),
                ("buildings", None, 1),
                ("mayor", None, 2)
            ],
            "{groups:?}"
        );
    }
}
