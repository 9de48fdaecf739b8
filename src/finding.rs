//! Findings: the verdict on one field, with the claims behind it.
//!
//! A finding is the one model every output format renders; renderers never look at anything else.

use serde::{Deserialize, Serialize};

use crate::claim::{Claim, Scope};

/// How serious a finding is. Ordered so that `Error > Warning > Info`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run unless `--fail-on info`.
    Info,
    /// Probably a discrepancy; fails a run with `--fail-on warning`.
    Warning,
    /// A contradiction; fails a run by default.
    Error,
}

impl Severity {
    /// The lowercase name used in rules, JSON and tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The verdict on one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The sources contradict each other (or one source contradicts itself).
    Conflict,
    /// Every source that states the field agrees.
    Agree,
    /// Only some sources state the field.
    Gap,
    /// A draft states the field and no reference does.
    Unsupported,
}

impl Verdict {
    /// The lowercase name used in JSON and tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Conflict => "conflict",
            Verdict::Agree => "agree",
            Verdict::Gap => "gap",
            Verdict::Unsupported => "unsupported",
        }
    }
}

/// A stable, kebab-case identifier of what kind of finding this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// Sources give values that cannot all be true.
    ValueConflict,
    /// Sources agree only if some logical bound is stretched ("more than 107,000" vs "170,000").
    LooseConflict,
    /// Mentions inside one source contradict each other.
    InternalConflict,
    /// Sources agree, exactly or within rounding.
    Agreement,
    /// Only some sources state the field.
    OneSided,
    /// The references disagree among themselves (not blamed on the draft).
    ReferenceConflict,
    /// A draft states a field that no reference supports.
    Unsupported,
    /// A source names a former holder of an office for a later event.
    OutdatedHolder,
    /// An inline suppression that silences nothing.
    UnusedSuppression,
    /// An inline suppression without the mandatory reason.
    SuppressionWithoutReason,
}

impl Code {
    /// Every code, for documentation and uniqueness tests.
    pub const ALL: [Code; 10] = [
        Code::ValueConflict,
        Code::LooseConflict,
        Code::InternalConflict,
        Code::Agreement,
        Code::OneSided,
        Code::ReferenceConflict,
        Code::Unsupported,
        Code::OutdatedHolder,
        Code::UnusedSuppression,
        Code::SuppressionWithoutReason,
    ];

    /// The kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::ValueConflict => "value-conflict",
            Code::LooseConflict => "loose-conflict",
            Code::InternalConflict => "internal-conflict",
            Code::Agreement => "agreement",
            Code::OneSided => "one-sided",
            Code::ReferenceConflict => "reference-conflict",
            Code::Unsupported => "unsupported",
            Code::OutdatedHolder => "outdated-holder",
            Code::UnusedSuppression => "unused-suppression",
            Code::SuppressionWithoutReason => "suppression-without-reason",
        }
    }

    /// One sentence saying what the code means.
    pub fn description(self) -> &'static str {
        match self {
            Code::ValueConflict => "sources give values for the field that cannot all be true",
            Code::LooseConflict => {
                "the values can only agree if a qualifier is read at its loosest (e.g. 'more than 107,000' vs 170,000)"
            }
            Code::InternalConflict => "one source gives values for the field that contradict each other",
            Code::Agreement => "every source that states the field agrees, exactly or within rounding",
            Code::OneSided => "only some sources state the field",
            Code::ReferenceConflict => "the references disagree among themselves; the draft is not blamed",
            Code::Unsupported => "a draft states a field that no reference supports",
            Code::OutdatedHolder => "a source names a former holder of an office for a later event",
            Code::UnusedSuppression => "an inline suppression no longer matches any finding; remove it",
            Code::SuppressionWithoutReason => "an inline suppression has no reason; add one after `--`",
        }
    }
}

/// The verdict on one field and scope, with every claim behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The field rule's name (`secretary_general`).
    pub field: String,
    /// The field's human label (`Secretary General`).
    pub label: String,
    /// The scope the claims share; `None` for the event as a whole.
    pub scope: Option<Scope>,
    /// The verdict.
    pub verdict: Verdict,
    /// Its severity.
    pub severity: Severity,
    /// Its code.
    pub code: Code,
    /// One sentence for humans.
    pub message: String,
    /// Whether agreement needed rounding or a qualifier ("3,700" and "3,744").
    pub rounded: bool,
    /// Every claim of the field, by source order then position.
    pub claims: Vec<Claim>,
    /// For each source of the run, the index in `claims` of the claim that stands for it.
    pub primary: Vec<Option<usize>>,
    /// Sources whose value the others do not share (three or more sources only).
    pub outliers: Vec<usize>,
    /// For an internal conflict, the source that contradicts itself.
    pub internal_source: Option<usize>,
    /// In editorial mode, the draft the finding is about.
    pub draft: Option<usize>,
    /// Index in `claims` of the claim where the finding is reported (CI annotations point there).
    pub anchor: Option<usize>,
}

impl Finding {
    /// The claim where the finding is reported: the anchor, else the first primary claim.
    pub fn anchor_claim(&self) -> Option<&Claim> {
        self.anchor
            .and_then(|i| self.claims.get(i))
            .or_else(|| self.primary.iter().flatten().find_map(|&i| self.claims.get(i)))
            .or_else(|| self.claims.first())
    }

    /// The claim that stands for source `source`, if that source states the field.
    pub fn primary_claim(&self, source: usize) -> Option<&Claim> {
        self.primary.get(source).copied().flatten().and_then(|i| self.claims.get(i))
    }

    /// A mark per source index: whether that source is an outlier. Reports ask this for every
    /// source they show, and searching [`Finding::outliers`] each time would cost sources ×
    /// outliers.
    pub fn outlier_marks(&self) -> Vec<bool> {
        let mut marks = vec![false; self.outliers.iter().max().map_or(0, |&m| m + 1)];
        for &source in &self.outliers {
            if let Some(mark) = marks.get_mut(source) {
                *mark = true;
            }
        }
        marks
    }
}

/// Whether `marks` (from [`Finding::outlier_marks`]) holds `source` as an outlier.
pub fn is_marked(marks: &[bool], source: usize) -> bool {
    marks.get(source).copied().unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlier_marks_hold_exactly_the_outliers() {
        let finding = Finding {
            field: "deaths".to_string(),
            label: "deaths".to_string(),
            scope: None,
            verdict: Verdict::Conflict,
            severity: Severity::Error,
            code: Code::ValueConflict,
            message: String::new(),
            rounded: false,
            claims: Vec::new(),
            primary: Vec::new(),
            outliers: vec![4, 1],
            internal_source: None,
            draft: None,
            anchor: None,
        };
        let marks = finding.outlier_marks();
        assert_eq!(marks, vec![false, true, false, false, true]);
        assert!(is_marked(&marks, 4) && !is_marked(&marks, 0) && !is_marked(&marks, 9));
    }

    #[test]
    fn codes_are_unique_kebab_case_and_described() {
        let names: std::collections::BTreeSet<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(names.len(), Code::ALL.len());
        for code in Code::ALL {
            assert!(code.as_str().chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{}", code.as_str());
            assert!(!code.description().is_empty());
        }
    }
}
