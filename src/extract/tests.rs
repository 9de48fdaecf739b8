use super::*;
use crate::claim::{Kind, ScopeKind};
use crate::source::{Format, Role};

fn claims_of(text: &str) -> Vec<Claim> {
    let rules = Rulebook::default_rules().expect("default rules load");
    let extractor = Extractor::new(&rules).expect("cues compile");
    let source =
        Source::from_bytes("t.txt", Role::Source, Format::Text, text.as_bytes()).expect("text loads");
    extractor.extract(&source, 0)
}

/// (field, text, scope label) of every claim with a field.
fn fielded(text: &str) -> Vec<(String, String, Option<String>)> {
    claims_of(text)
        .into_iter()
        .filter_map(|c| c.field.map(|f| (f.to_string(), c.text, c.scope.map(|s| s.label))))
        .collect()
}

fn row(field: &str, text: &str, scope: Option<&str>) -> (String, String, Option<String>) {
    (field.to_string(), text.to_string(), scope.map(str::to_string))
}

#[test]
fn figures_take_the_field_of_the_nearest_cue() {
    let text = "Border police detained more than 1,200 suspects and freed over 300 potential victims. \
                The sweep mobilised 9,000 officers in 41 participating countries and opened at least 85 new investigations.";
    assert_eq!(
        fielded(text),
        vec![
            row("arrests", "more than 1,200", None),
            row("victims", "over 300", None),
            row("officers", "9,000", None),
            row("participating_countries", "41", None),
            row("investigations", "at least 85", None),
        ]
    );
}

#[test]
fn member_countries_beat_countries_by_the_longer_cue() {
    assert_eq!(
        fielded("The agency links police in 196 member countries."),
        vec![row("member_countries", "196", None)]
    );
}

#[test]
fn people_by_title_and_places_by_cue() {
    let text = "\"We act early,\" said Europol Executive Director Jane Okafor. The agency is headquartered in The Hague, Netherlands.";
    let found = fielded(text);
    assert_eq!(found, vec![row("headquarters", "The Hague, Netherlands", None)]);
    let text = "The group's Secretary General, Amara Diallo, spoke in Geneva.";
    assert_eq!(fielded(text), vec![row("secretary_general", "Amara Diallo", None)]);
    let text = "Deputy Secretary General Lena Park said it worked.";
    assert_eq!(fielded(text), vec![]);
}

#[test]
fn dates_of_the_event_and_their_year() {
    let text = "The sweep was carried out between March 3rd and March 14th. A report followed in 2026.";
    let claims = claims_of(text);
    let date = claims.iter().find(|c| c.kind == Kind::Date).expect("a date");
    assert_eq!(date.field.as_deref(), Some("event_date"));
    assert_eq!(date.text, "between March 3rd and March 14th");
    assert_eq!(date.value.display(), "2026-03-03/2026-03-14");
}

#[test]
fn scopes_keep_other_events_and_regions_apart() {
    let text = "Officers arrested 500 suspects nationwide.\n\n\
                In the Northern Region alone, police arrested 120 suspects.\n\n\
                A 2019 sweep in the same area led to the arrest of 75 suspects.\n\n\
                Earlier Operations\n\n\
                Police arrested 60 suspects in a smaller raid.";
    assert_eq!(
        fielded(text),
        vec![
            row("arrests", "500", None),
            row("arrests", "120", Some("in the Northern Region")),
            row("arrests", "75", Some("a 2019 sweep")),
            row("arrests", "60", Some("Earlier Operations")),
        ]
    );
    let claims = claims_of(text);
    let kinds: Vec<Option<ScopeKind>> =
        claims.iter().filter(|c| c.field.is_some()).map(|c| c.scope.as_ref().map(|s| s.kind)).collect();
    assert_eq!(kinds, vec![None, Some(ScopeKind::Place), Some(ScopeKind::Event), Some(ScopeKind::Section)]);
}

#[test]
fn headline_figures_are_marked_as_headings() {
    let claims = claims_of("Raids Net 2,000 Arrests\n\nPolice said they arrested 2,046 suspects.");
    let marks: Vec<(String, bool)> = claims.iter().map(|c| (c.text.clone(), c.in_heading)).collect();
    assert_eq!(marks, vec![("2,000".to_string(), true), ("2,046".to_string(), false)]);
}

#[test]
fn years_labels_and_ordinals_are_not_counts() {
    let claims =
        claims_of("Flight 370 vanished in 2014, one of the strangest cases; Operation Trident III ended.");
    assert_eq!(claims, vec![]);
}

#[test]
fn claim_locations_point_into_the_file() {
    let claims = claims_of("First line.\nPolice arrested 3,744 people.");
    let c = claims.first().expect("a claim");
    assert_eq!(
        (c.text.as_str(), c.location.line, c.location.column, c.location.start, c.location.end),
        ("3,744", 2, 17, 28, 33)
    );
}

#[test]
fn measurements_ages_and_subsets_are_not_totals() {
    assert_eq!(
        fielded("Police seized 2 tonnes of cocaine and 12 firearms."),
        vec![row("seizures", "12", None)]
    );
    assert_eq!(fielded("The fire burned more than 12,000 hectares."), vec![]);
    assert_eq!(
        fielded("Nearly half of the 1,245 cases are children under 15."),
        vec![row("cases", "1,245", None)]
    );
    assert_eq!(
        fielded("The crash injured 64 people. Of the injured, 9 remain in critical condition."),
        vec![row("injured", "64", None), row("injured", "9", Some("of the injured"))]
    );
    assert_eq!(fielded("The quake, magnitude 7.1, killed 58 people."), vec![row("deaths", "58", None)]);
}

#[test]
fn ages_are_read_inside_their_own_sentence() {
    // The age noun of one sentence does not make the next sentence's bound an age.
    assert_eq!(
        fielded("Police killed 5 people. Over 3,744 people were injured."),
        vec![row("deaths", "5", None), row("injured", "Over 3,744", None)]
    );
    assert_eq!(
        fielded("Vaccines were given to children under 15 and 300 people were injured."),
        vec![row("injured", "300", None)]
    );
    assert_eq!(fielded("Rescuers found residents aged 80 trapped."), vec![]);
}

#[test]
fn exclude_words_before_a_title_in_any_case_and_hyphenated() {
    // The default rulebook excludes "former" and "ex" before a head of state's title.
    let kept = fielded("President Ana Ruiz visited the site.");
    assert_eq!(kept.len(), 1, "{kept:?}");
    for text in [
        "Former President Ana Ruiz visited the site.",
        "FORMER President Ana Ruiz visited the site.",
        "Ex-President Ana Ruiz visited the site.",
        "The \"former\" President Ana Ruiz visited the site.",
    ] {
        assert_eq!(fielded(text), vec![], "{text}");
    }
    // A word that only starts like an exclude word does not exclude.
    assert_eq!(fielded("Exact President Ana Ruiz visited the site.").len(), 1);
}

#[test]
fn exclude_words_with_letters_beyond_ascii() {
    let toml = r#"
[[field]]
name = "mayor"
kind = "person"
cues = ["Mayor"]
exclude = ["Ehemalige", "Frühere"]
"#;
    let mut rules = Rulebook::default();
    rules.add_text("t.toml", toml, None, &mut Vec::new()).expect("rules parse");
    let extractor = Extractor::new(&rules).expect("cues compile");
    let people = |text: &str| {
        let source =
            Source::from_bytes("t.txt", Role::Source, Format::Text, text.as_bytes()).expect("text loads");
        extractor.extract(&source, 0).into_iter().filter(|c| c.field.is_some()).count()
    };
    assert_eq!(people("Then Mayor Ana Ruiz spoke."), 1);
    assert_eq!(people("The FRÜHERE Mayor Ana Ruiz spoke."), 0);
    assert_eq!(people("The frühere-Mayor Ana Ruiz spoke."), 0);
    assert_eq!(people("The ehemalige Mayor Ana Ruiz spoke."), 0);
    assert_eq!(people("The früherer Mayor Ana Ruiz spoke."), 1);
}

#[test]
fn units_ages_and_labels_are_known_in_any_case() {
    // The unit, the age word and its bound, and the label are compared ignoring case.
    assert_eq!(
        fielded("Police seized 2 TONNES of cocaine and 12 firearms."),
        vec![row("seizures", "12", None)]
    );
    assert_eq!(fielded("The fire burned more than 12,000 Hectares."), vec![]);
    assert_eq!(fielded("Rescuers found residents AGED 80 trapped."), vec![]);
    assert_eq!(
        fielded("Vaccines were given to Children UNDER 15 and 300 people were injured."),
        vec![row("injured", "300", None)]
    );
    assert_eq!(claims_of("FLIGHT 370 vanished."), vec![]);
    // A unit beyond ASCII is lowercased as a whole ("°C" is listed as "°c").
    assert!(is_measurement("40 °C heat", 2));
    assert!(is_measurement("40 °c heat", 2));
    assert!(!is_measurement("40 °K heat", 2));
    assert!(is_age("Patients AGED 70", 0, 14));
    // Without the bound word, children are counted.
    assert_eq!(fielded("Floods injured 15 CHILDREN."), vec![row("injured", "15", None)]);
}

#[test]
fn word_lists_in_tables_answer_as_the_lists_do() {
    static TABLE: std::sync::OnceLock<WordTable<()>> = std::sync::OnceLock::new();
    let list = ["km/h", "°c", "no.", "megawatts", "a-very-long-unit-name"];
    let asked = [
        ("KM/H", true),
        ("Km/h", true),
        ("km/hr", false),
        ("°C", true),
        ("No.", true),
        ("no", false),
        ("MEGAWATTS", true),
        ("megawatt", false),
        ("A-Very-Long-Unit-Name", true),
        ("no.\0", false),
        ("", false),
    ];
    for (word, expected) in asked {
        assert_eq!(is_in_table_ignoring_case(word, &list, &TABLE), expected, "{word:?}");
        assert_eq!(is_listed_ignoring_case(word, &list), expected, "{word:?}");
    }
}

#[test]
fn the_cue_pass_lists_the_other_event_phrases_a_sentence_search_finds() {
    let rules = Rulebook::default_rules().expect("default rules load");
    let extractor = Extractor::new(&rules).expect("cues compile");
    let tricky = [
        "A second quake last year killed 40. Another storm, a third of the town, a SECOND term.",
        "In Japan earlier this year, 50 died; unlast yearly, a year agone, the 20th century's worst.",
        "Since records began\nthe year before\n\nan earlier flood, a prior one, a similar one, another.",
        "Ça s'est passé à Japan earlier this year. a previous a prior a separate",
    ];
    // Not a comparison of empty lists: the texts hold the phrases, inside words too.
    let occurrences: usize = tricky.iter().map(|text| extractor.cues.find(text).events.len()).sum();
    assert_eq!(occurrences, 21);
    for text in tricky {
        // Every range between character boundaries, not only the sentences.
        let cuts: Vec<usize> = (0..=text.len()).filter(|&k| text.is_char_boundary(k)).collect();
        let ranges: Vec<Range<usize>> =
            cuts.iter().flat_map(|&a| cuts.iter().filter(move |&&b| b >= a).map(move |&b| a..b)).collect();
        assert_eq!(events_disagree(&extractor, text, &ranges), None, "{text:?}");
    }
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut files = 0;
    for set in std::fs::read_dir(examples).expect("examples") {
        let Ok(entries) = std::fs::read_dir(set.expect("entry").path()) else { continue };
        for entry in entries {
            let Ok(text) = std::fs::read_to_string(entry.expect("entry").path()) else { continue };
            assert_eq!(events_disagree(&extractor, &text, &[]), None);
            files += 1;
        }
    }
    assert!(files >= 10, "{files} example files read");
}

#[test]
fn leading_characters_are_those_decoding_gives() {
    assert_eq!(leading_chars("12 hectares of land", 5), "12 he");
    assert_eq!(leading_chars("é tonnes", 3), "é t");
    assert_eq!(leading_chars("ab", 24), "ab");
    for text in crate::text::mixed_test_texts(13, 5_000) {
        for count in 0..30 {
            let decoded = text.char_indices().nth(count).map_or(text.len(), |(at, _)| at);
            assert_eq!(leading_chars(&text, count), &text[..decoded], "{text:?}, {count}");
        }
    }
}

/// Every claim of `texts`, read one after another on this thread, each as (kind, text, value,
/// field) in order.
fn read_in_turn(extractor: &Extractor, texts: &[&str], fielded_only: bool) -> Vec<Vec<String>> {
    texts
        .iter()
        .map(|text| {
            let source =
                Source::from_bytes("t.txt", Role::Source, Format::Text, text.as_bytes()).expect("text loads");
            let (claims, _) = if fielded_only {
                extractor.extract_fielded_capped(&source, 0, usize::MAX)
            } else {
                extractor.extract_capped(&source, 0, usize::MAX)
            };
            claims.iter().map(|c| format!("{:?} {:?} {:?} {:?}", c.kind, c.text, c.value, c.field)).collect()
        })
        .collect()
}

#[test]
fn a_text_reads_the_same_after_any_other_on_the_same_thread() {
    let rules = Rulebook::default_rules().expect("default rules load");
    let extractor = Extractor::new(&rules).expect("cues compile");
    let dense = "On 10 March 2024 police arrested 1,200 suspects; about 40 people were killed and 3 hurt. ";
    // Longer than what a thread keeps room for, so that its room is let go after it.
    let huge = dense.repeat(ROOM_KEPT_UP_TO / dense.len() + 1);
    let short = "A dozen officers were injured on Friday, and 6.8 percent left.";
    let sequence = [dense.repeat(30).as_str(), short, "", huge.as_str(), short, dense].map(str::to_string);
    let sequence: Vec<&str> = sequence.iter().map(String::as_str).collect();
    for fielded_only in [false, true] {
        let in_turn = read_in_turn(&extractor, &sequence, fielded_only);
        // Each text alone, on a thread of its own whose room has held nothing before.
        let alone: Vec<Vec<String>> = sequence
            .iter()
            .map(|text| {
                std::thread::scope(|scope| {
                    scope.spawn(|| read_in_turn(&extractor, &[text], fielded_only).remove(0)).join()
                })
                .expect("extraction thread")
            })
            .collect();
        assert_eq!(in_turn, alone, "fielded only: {fielded_only}");
        assert_eq!(in_turn[1], in_turn[4]);
        assert_eq!(in_turn[1].len(), if fielded_only { 1 } else { 3 }, "{:?}", in_turn[1]);
        assert_eq!(in_turn[2], Vec::<String>::new());
    }
}
