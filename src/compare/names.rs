//! Dates, people, places and text: when two values are the same thing written differently.

use crate::claim::{DateValue, PartialDate};
use crate::rules::Rulebook;
use crate::text::fold;

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
    given_a.iter().zip(given_b.iter()).all(|(x, y)| {
        x == y
            || (x.chars().count() == 1 && y.starts_with(x.as_str()))
            || (y.chars().count() == 1 && x.starts_with(y.as_str()))
    })
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
