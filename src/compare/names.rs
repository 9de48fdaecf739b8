//! Dates, people, places and text: when two values are the same thing written differently.

use crate::claim::{DateValue, PartialDate};
use crate::rules::Rulebook;
use crate::text::fold;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Dates agree when their ends can be the same days; a single date agrees with a range it opens
/// or closes (a report may give only the start of an operation).
pub fn dates_agree(a: &DateValue, b: &DateValue) -> bool {
    match (a, b) {
        (DateValue::Single(x), DateValue::Single(y)) => x.compatible(y),
        (DateValue::Range { start: s1, end: e1 }, DateValue::Range { start: s2, end: e2 }) => {
            s1.compatible(s2) && e1.compatible(e2)
        }
        (DateValue::Single(d), DateValue::Range { start, end })
        | (DateValue::Range { start, end }, DateValue::Single(d)) => d.compatible(start) || d.compatible(end),
    }
}

/// How vague a date is: fewer known parts and wider ranges rank later.
pub fn date_vagueness(value: &DateValue) -> f64 {
    let unknown = |d: &PartialDate| {
        f64::from(u8::from(d.year.is_none()) + u8::from(d.month.is_none()) + u8::from(d.day.is_none()))
    };
    match value {
        DateValue::Single(d) => unknown(d),
        DateValue::Range { start, end } => unknown(start) + unknown(end) + 0.5,
    }
}

/// Particles kept with the surname ("von der Leyen", "de Bolle").
const PARTICLES: &[&str] = &[
    "de", "da", "van", "von", "der", "den", "del", "della", "la", "le", "di", "du", "dos", "das", "bin",
    "ibn", "al", "el", "ter", "ten",
];

/// A name split into given names and a surname, folded.
fn person_parts(name: &str, rules: &Rulebook) -> (Vec<String>, String) {
    let folded = fold(name);
    let canonical = rules.canonical_name(&folded).map(fold).unwrap_or(folded);
    let tokens: Vec<String> = canonical
        .split([' ', '.'])
        .filter(|t| !t.is_empty())
        .map(|t| t.trim_matches(',').to_string())
        .collect();
    let Some(last_index) = tokens.len().checked_sub(1) else { return (Vec::new(), String::new()) };
    let mut surname_start = last_index;
    while surname_start > 0 && tokens.get(surname_start - 1).is_some_and(|t| PARTICLES.contains(&t.as_str()))
    {
        surname_start -= 1;
    }
    let surname = tokens.get(surname_start..).map(|t| t.join(" ")).unwrap_or_default();
    let given = tokens.get(..surname_start).map(<[String]>::to_vec).unwrap_or_default();
    (given, surname)
}

/// People agree when, after folding and aliases, their surnames match and their given names do
/// not contradict (an initial matches any name with that letter; a missing given name matches).
pub fn people_agree(a: &str, b: &str, rules: &Rulebook) -> bool {
    let (given_a, surname_a) = person_parts(a, rules);
    let (given_b, surname_b) = person_parts(b, rules);
    if surname_a.is_empty() || surname_a != surname_b {
        return false;
    }
    given_a.iter().zip(given_b.iter()).all(|(x, y)| given_names_agree(x, y))
}

/// Short forms of English given names and the names they shorten, in lower case, sorted by
/// short form. Only forms a reader takes for the same person are listed: "Dan Kwan" is
/// "Daniel Kwan", but two short forms of one name ("Bill", "Will") are not taken for each other,
/// nor is a bare prefix ("Dana" is not "Dan"), so that a real conflict is never hidden.
const SHORT_FORMS: &[(&str, &[&str])] = &[
    ("abe", &["abraham"]),
    ("al", &["albert", "alan", "allan", "alfred"]),
    ("alex", &["alexander", "alexandra", "alexis"]),
    ("andy", &["andrew"]),
    ("barb", &["barbara"]),
    ("ben", &["benjamin"]),
    ("beth", &["elizabeth"]),
    ("betty", &["elizabeth"]),
    ("bill", &["william"]),
    ("billy", &["william"]),
    ("bob", &["robert"]),
    ("bobby", &["robert"]),
    ("cathy", &["catherine", "cathleen"]),
    ("charlie", &["charles"]),
    ("chris", &["christopher", "christine", "christina", "christian"]),
    ("chuck", &["charles"]),
    ("dan", &["daniel"]),
    ("danny", &["daniel"]),
    ("dave", &["david"]),
    ("debbie", &["deborah"]),
    ("dick", &["richard"]),
    ("don", &["donald"]),
    ("ed", &["edward", "edwin", "edmund"]),
    ("eddie", &["edward"]),
    ("fred", &["frederick"]),
    ("greg", &["gregory"]),
    ("hank", &["henry"]),
    ("jack", &["john"]),
    ("jake", &["jacob"]),
    ("jeff", &["jeffrey", "jeffery"]),
    ("jenny", &["jennifer"]),
    ("jerry", &["gerald", "jerome"]),
    ("jim", &["james"]),
    ("jimmy", &["james"]),
    ("joe", &["joseph"]),
    ("johnny", &["john"]),
    ("jon", &["jonathan"]),
    ("kate", &["katherine", "catherine", "kathleen"]),
    ("katie", &["katherine", "catherine", "kathleen"]),
    ("ken", &["kenneth"]),
    ("kim", &["kimberly"]),
    ("larry", &["lawrence", "laurence"]),
    ("liz", &["elizabeth"]),
    ("matt", &["matthew"]),
    ("meg", &["margaret"]),
    ("mike", &["michael"]),
    ("nate", &["nathan", "nathaniel"]),
    ("nick", &["nicholas"]),
    ("pat", &["patrick", "patricia"]),
    ("peggy", &["margaret"]),
    ("phil", &["philip", "phillip"]),
    ("ray", &["raymond"]),
    ("rich", &["richard"]),
    ("rick", &["richard", "frederick"]),
    ("rob", &["robert"]),
    ("ron", &["ronald"]),
    ("sam", &["samuel", "samantha"]),
    ("steve", &["stephen", "steven"]),
    ("sue", &["susan", "suzanne"]),
    ("ted", &["edward", "theodore"]),
    ("tim", &["timothy"]),
    ("tom", &["thomas"]),
    ("tony", &["anthony", "antonio"]),
    ("vicky", &["victoria"]),
    ("walt", &["walter"]),
    ("will", &["william"]),
    ("zach", &["zachary"]),
];

/// [`SHORT_FORMS`] folded as names are ("Samuel" folds to "samul"), built once.
fn folded_short_forms() -> &'static BTreeMap<String, Vec<String>> {
    static TABLE: OnceLock<BTreeMap<String, Vec<String>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        SHORT_FORMS
            .iter()
            .map(|(form, names)| (fold(form), names.iter().map(|n| fold(n)).collect()))
            .collect()
    })
}

/// Two folded given names of one person: the same, an initial and a name with that letter
/// ("j" and "jurgen"), or a short form and the name it shortens ("dan" and "daniel").
fn given_names_agree(x: &str, y: &str) -> bool {
    let shortens = |short: &str, full: &str| {
        folded_short_forms().get(short).is_some_and(|names| names.iter().any(|n| n == full))
    };
    x == y
        || (x.chars().count() == 1 && y.starts_with(x))
        || (y.chars().count() == 1 && x.starts_with(y))
        || shortens(x, y)
        || shortens(y, x)
}

/// Directional words that make a region of a place ("southern Turkey" lies in "Turkey").
const DIRECTIONS: &[&str] = &[
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "north-eastern",
    "north-western",
    "south-eastern",
    "south-western",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "coastal",
];

/// A place as a chain from small to large, folded: "Lyon, France" → ["lyon", "france"].
fn place_chain(place: &str, rules: &Rulebook) -> Vec<String> {
    let mut chain = Vec::new();
    for part in place.split(',') {
        let mut folded = fold(part.trim());
        if let Some(rest) = folded.strip_prefix("the ") {
            folded = rest.to_string();
        }
        if folded.is_empty() {
            continue;
        }
        let folded = rules.canonical_name(&folded).map(fold).unwrap_or(folded);
        let direction =
            DIRECTIONS.iter().find(|d| folded.strip_prefix(**d).is_some_and(|rest| rest.starts_with(' ')));
        match direction {
            Some(d) => {
                let base = folded.get(d.len() + 1..).unwrap_or("").to_string();
                chain.push(folded.clone());
                chain.push(base);
            }
            None => chain.push(folded),
        }
    }
    chain
}

/// Places agree when one lies within the other: one chain ends the other ("France" and "Lyon,
/// France"), or the rules say the smaller lies in a part of the larger ("Lyon" in "France").
pub fn places_agree(a: &str, b: &str, rules: &Rulebook) -> bool {
    let (ca, cb) = (place_chain(a, rules), place_chain(b, rules));
    if ca.is_empty() || cb.is_empty() {
        return false;
    }
    // X lies inside Y when Y's most specific part is in X's chain, or the rules put a part of X in it.
    let inside = |x: &[String], y: &[String]| {
        y.first().is_some_and(|top| x.contains(top) || x.iter().any(|part| rules.place_within(part, top)))
    };
    inside(&ca, &cb) || inside(&cb, &ca)
}

/// Text values agree when equal after folding and aliases.
pub fn texts_agree(a: &str, b: &str, rules: &Rulebook) -> bool {
    let canon = |s: &str| {
        let f = fold(s);
        rules.canonical_name(&f).map(fold).unwrap_or(f)
    };
    canon(a) == canon(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Rulebook {
        let mut book = Rulebook::default();
        book.add_text(
            "t.toml",
            "[aliases]\n\"Recep Tayyip Erdoğan\" = [\"Tayyip Erdogan\"]\n[places]\nFrance = [\"Lyon\"]\n",
            None,
            &mut Vec::new(),
        )
        .expect("valid");
        book
    }

    #[test]
    fn people() {
        let r = rules();
        assert!(people_agree("Jürgen Stock", "Juergen Stock", &r));
        assert!(people_agree("Recep Tayyip Erdoğan", "Erdogan", &r));
        assert!(people_agree("Tayyip Erdogan", "Recep Tayyip Erdoğan", &r));
        assert!(people_agree("Catherine De Bolle", "Catherine de Bolle", &r));
        assert!(people_agree("J. Stock", "Jürgen Stock", &r));
        assert!(!people_agree("Valdecy Urquiza", "Jürgen Stock", &r));
        assert!(!people_agree("Elaine Brooks", "Ellen Brooks", &r));
        assert!(people_agree("Dan Kwan", "Daniel Kwan", &r));
        assert!(people_agree("Daniel Kwan", "Dan Kwan", &r));
        assert!(people_agree("Bob Ruiz", "Robert Ruiz", &r));
        assert!(people_agree("Kate De Vries", "Catherine de Vries", &r));
        assert!(!people_agree("Dana Kwan", "Dan Kwan", &r));
        assert!(!people_agree("Bill Ruiz", "Will Ruiz", &r));
        assert!(!people_agree("Dan Kwan", "David Kwan", &r));
    }

    #[test]
    fn short_forms_are_sorted_and_fold_apart() {
        let forms: Vec<&str> = SHORT_FORMS.iter().map(|(form, _)| *form).collect();
        let mut sorted = forms.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(forms, sorted);
        // No two short forms fold alike, and none folds like a name it shortens.
        assert_eq!(folded_short_forms().len(), SHORT_FORMS.len());
        for (form, names) in folded_short_forms() {
            assert!(!names.is_empty() && !names.contains(form), "{form}: {names:?}");
        }
        assert!(people_agree("Sam Okafor", "Samuel Okafor", &rules()));
        assert!(people_agree("Mike Haddad", "Michael Haddad", &rules()));
        assert!(people_agree("Sue Lam", "Susan Lam", &rules()));
    }

    #[test]
    fn places() {
        let r = rules();
        assert!(places_agree("France", "Lyon, France", &r));
        assert!(places_agree("Lyon", "France", &r));
        assert!(places_agree("southern Turkey", "Turkey", &r));
        assert!(!places_agree("Lyon, France", "Paris, France", &r));
        assert!(!places_agree("Germany", "France", &r));
    }

    #[test]
    fn dates() {
        let d = |y: Option<i32>, m: u8, day: u8| PartialDate { year: y, month: Some(m), day: Some(day) };
        let a = DateValue::Range { start: d(None, 11, 10), end: d(None, 11, 21) };
        let b = DateValue::Range { start: d(Some(2025), 11, 10), end: d(Some(2025), 11, 21) };
        let c = DateValue::Range { start: d(Some(2025), 11, 10), end: d(Some(2025), 11, 20) };
        assert!(dates_agree(&a, &b));
        assert!(!dates_agree(&b, &c));
        assert!(dates_agree(&DateValue::Single(d(Some(2025), 11, 10)), &b));
        assert!(!dates_agree(&DateValue::Single(d(Some(2025), 11, 12)), &b));
    }
}
