use crate::finding::{Code, Finding, Severity, Verdict};
use crate::rules::Rulebook;
use crate::source::{Format, Role, Source};

fn findings(texts: &[&str]) -> Vec<Finding> {
    let sources: Vec<Source> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            Source::from_bytes(&format!("s{i}.txt"), Role::Source, Format::Text, t.as_bytes()).expect("loads")
        })
        .collect();
    let rules = Rulebook::default_rules().expect("default rules");
    crate::check(&sources, &rules).expect("check runs").findings
}

/// (field, verdict, severity, code, rounded) of every finding.
fn verdicts(texts: &[&str]) -> Vec<(String, Verdict, Severity, Code, bool)> {
    findings(texts).into_iter().map(|f| (f.field, f.verdict, f.severity, f.code, f.rounded)).collect()
}

fn v(
    field: &str,
    verdict: Verdict,
    severity: Severity,
    code: Code,
    rounded: bool,
) -> (String, Verdict, Severity, Code, bool) {
    (field.to_string(), verdict, severity, code, rounded)
}

#[test]
fn qualified_and_rounded_figures_agree() {
    assert_eq!(
        verdicts(&["Police arrested more than 3,700 suspects.", "Police arrested 3,744 suspects."]),
        vec![v("arrests", Verdict::Agree, Severity::Info, Code::Agreement, true)]
    );
    assert_eq!(
        verdicts(&["Raids Net 3,700 Arrests\n\nThey said so.", "Police arrested 3,744 suspects."]),
        vec![v("arrests", Verdict::Agree, Severity::Info, Code::Agreement, true)]
    );
    assert_eq!(
        verdicts(&["About 1,200 people were killed.", "The quake killed 1,180 people."]),
        vec![v("deaths", Verdict::Agree, Severity::Info, Code::Agreement, true)]
    );
    assert_eq!(
        verdicts(&["The storm killed 20 people.", "The storm killed 20 people."]),
        vec![v("deaths", Verdict::Agree, Severity::Info, Code::Agreement, false)]
    );
}

#[test]
fn small_exact_figures_conflict_and_loose_bounds_warn() {
    assert_eq!(
        verdicts(&["The storm killed 20 people.", "The storm killed 22 people."]),
        vec![v("deaths", Verdict::Conflict, Severity::Error, Code::ValueConflict, false)]
    );
    assert_eq!(
        verdicts(&["More than 107,000 people were evacuated.", "Officials evacuated 170,000 people."]),
        vec![v("evacuated", Verdict::Conflict, Severity::Warning, Code::LooseConflict, false)]
    );
}

#[test]
fn different_people_conflict_and_folded_names_agree() {
    assert_eq!(
        verdicts(&["Governor Elaine Brooks toured the site.", "Governor Ellen Brooks toured the site."]),
        vec![v("governor", Verdict::Conflict, Severity::Error, Code::ValueConflict, false)]
    );
    assert_eq!(
        verdicts(&["President Recep Tayyip Erdoğan spoke.", "President Erdogan spoke."]),
        vec![v("president", Verdict::Agree, Severity::Info, Code::Agreement, false)]
    );
}

#[test]
fn places_by_containment() {
    assert_eq!(
        verdicts(&["The body is headquartered in France.", "The body is headquartered in Lyon, France."]),
        vec![v("headquarters", Verdict::Agree, Severity::Info, Code::Agreement, false)]
    );
    assert_eq!(
        verdicts(&["The body is headquartered in France.", "The body is headquartered in Germany."]),
        vec![v("headquarters", Verdict::Conflict, Severity::Error, Code::ValueConflict, false)]
    );
}

#[test]
fn one_sided_fields_are_gaps() {
    assert_eq!(
        verdicts(&["The storm killed 20 people.", "Nothing to see."]),
        vec![v("deaths", Verdict::Gap, Severity::Info, Code::OneSided, false)]
    );
}

#[test]
fn the_outlier_of_three_is_named() {
    let found = findings(&[
        "The storm killed 20 people.",
        "The storm killed 20 people.",
        "The storm killed 31 people.",
    ]);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].outliers, vec![2]);
}

#[test]
fn a_source_that_contradicts_itself_is_reported() {
    let found = verdicts(&[
        "The storm killed 20 people. Later it said the storm killed 35 people.",
        "The storm killed 20 people.",
    ]);
    assert_eq!(
        found,
        vec![
            v("deaths", Verdict::Conflict, Severity::Warning, Code::InternalConflict, false),
            v("deaths", Verdict::Agree, Severity::Info, Code::Agreement, false),
        ]
    );
}

#[test]
fn dates_agree_across_partial_and_full_forms() {
    assert_eq!(
        verdicts(&[
            "The operation ran between November 10th and November 21st, police said in 2025.",
            "It was conducted from November 10 to November 21, 2025.",
        ]),
        vec![v("event_date", Verdict::Agree, Severity::Info, Code::Agreement, false)]
    );
}
