//! The rulebook: which fields exist, how each is recognised and how it is compared.
//!
//! Rule files are TOML. They are parsed into raw structs that mirror the file (with spans), then
//! validated into a [`Rulebook`] that the rest of the pipeline uses. Validation collects every
//! problem with its file:line:column before failing, so an author fixes a file in one pass.
//! Rulebooks are layered: the embedded default, then a discovered `claimdiff.toml`, then each
//! `--rules` file; a later field with the same name replaces the earlier one.

mod raw;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::claim::{Kind, PartialDate};
use crate::finding::Severity;
use crate::text::fold;

pub use raw::Comparator;

/// The default rulebook's TOML, embedded so `claimdiff check a b` works with no setup.
pub const DEFAULT_RULES: &str = include_str!("../../rules/default.toml");

/// Name under which the embedded default rulebook is reported.
pub const DEFAULT_RULES_NAME: &str = "rules/default.toml (embedded)";

/// File names looked for when walking up from the working directory.
pub const DISCOVERED_NAMES: [&str; 2] = ["claimdiff.toml", ".claimdiff.toml"];

/// A rule-file problem, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: {message}")]
pub struct RuleIssue {
    /// The rule file, as named to the user.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// Why rules could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    /// The rule file could not be read.
    #[error("{path}: cannot read rule file: {source}")]
    Read {
        /// The path as given.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// One or more problems inside rule files.
    #[error("{}", render_issues(.0))]
    Invalid(Vec<RuleIssue>),
}

fn render_issues(issues: &[RuleIssue]) -> String {
    let lines: Vec<String> = issues.iter().map(ToString::to_string).collect();
    lines.join("\n")
}

/// Numeric slack allowed on top of rounding.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Tolerance {
    /// Absolute slack, in the field's unit.
    pub absolute: f64,
    /// Relative slack, as a fraction (0.05 = 5%).
    pub relative: f64,
}

/// Where a rule was defined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The rule file, as named to the user.
    pub file: String,
    /// 1-based line of the field's table.
    pub line: usize,
}

/// A sentence and what must be read from it: the rule's own test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// The sentence.
    pub text: String,
    /// The claim's text or value that must be read, or `None` when nothing may be read.
    pub value: Option<String>,
    /// 1-based line of the example in its rule file.
    pub line: usize,
}

/// One field: how claims of it are recognised and compared.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldRule {
    /// Identifier, `snake_case` (`secretary_general`).
    pub name: String,
    /// Human label (`Secretary General`).
    pub label: String,
    /// The kind of value.
    pub kind: Kind,
    /// Words or phrases that, near a value, identify the field (titles for people).
    pub cues: Vec<String>,
    /// Words that, near the value, rule the field out.
    pub exclude: Vec<String>,
    /// How values are compared.
    pub comparator: Comparator,
    /// Extra numeric slack.
    pub tolerance: Tolerance,
    /// Severity of a conflict.
    pub severity: Severity,
    /// Where the rule was defined.
    pub origin: Origin,
    /// Self-tests: sentences and what must be read from them.
    pub examples: Vec<Example>,
}

/// A known fact with a validity: who held an office, from when until when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    /// The person field (office) the fact is about, e.g. `secretary_general`.
    pub field: String,
    /// The office holder's name.
    pub name: String,
    /// The organisation, when the office is not unique ("Interpol"); the claim's sentence must
    /// name it for the fact to apply.
    pub organisation: Option<String>,
    /// First day in office.
    pub from: PartialDate,
    /// Last day in office; `None` while in office.
    pub until: Option<PartialDate>,
    /// Where the fact comes from, for the reader.
    pub note: Option<String>,
    /// Where the fact was defined.
    pub origin: Origin,
    /// Column of its `field` key, for messages.
    pub field_column: usize,
}

/// Words that move a claim out of the event's own scope.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScopeRules {
    /// A heading holding one of these words starts a section about other events.
    pub other_event_headings: BTreeSet<String>,
    /// A phrase that introduces another event inside a sentence ("a second", "last year").
    pub other_event_phrases: BTreeSet<String>,
    /// Capitalised words that follow "In" at a sentence start but are not places ("Addition").
    pub not_places: BTreeSet<String>,
}

/// The rules in force for a run.
#[derive(Debug, Clone, Default)]
pub struct Rulebook {
    /// Field rules in definition order (later layers replace same-named fields in place).
    pub fields: Vec<FieldRule>,
    /// Scope words.
    pub scope: ScopeRules,
    /// Folded name variant → canonical name, for people and things known by several names.
    pub aliases: BTreeMap<String, String>,
    /// Folded place → folded places that contain it ("lyon" → {"france"}).
    pub containers: BTreeMap<String, BTreeSet<String>>,
    /// Known office holders with their terms.
    pub holders: Vec<Holder>,
    /// Every rule file loaded, in order.
    pub sources: Vec<String>,
}

impl Rulebook {
    /// The embedded default rulebook.
    pub fn default_rules() -> Result<Rulebook, RulesError> {
        let mut book = Rulebook::default();
        book.add_text(DEFAULT_RULES_NAME, DEFAULT_RULES, None, &mut Vec::new())?;
        Ok(book)
    }

    /// Adds the rule file at `path` (and whatever it extends) on top of the rules so far.
    pub fn add_file(&mut self, path: &Path) -> Result<(), RulesError> {
        self.add_file_inner(path, &mut Vec::new())
    }

    fn add_file_inner(&mut self, path: &Path, stack: &mut Vec<PathBuf>) -> Result<(), RulesError> {
        let shown = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| RulesError::Read { path: shown.clone(), source })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            RulesError::Invalid(vec![RuleIssue {
                file: shown.clone(),
                line: 1,
                column: 1,
                message: format!(
                    "rule file is not valid UTF-8 (first bad byte at offset {}); save it as UTF-8",
                    e.utf8_error().valid_up_to()
                ),
            }])
        })?;
        let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        stack.push(canonical);
        let result = self.add_text(&shown, &text, path.parent(), stack);
        stack.pop();
        result
    }

    /// Adds rules from TOML text named `file`; `base` resolves relative `extends` paths.
    pub fn add_text(
        &mut self,
        file: &str,
        text: &str,
        base: Option<&Path>,
        stack: &mut Vec<PathBuf>,
    ) -> Result<(), RulesError> {
        let parsed = raw::parse(file, text)?;
        for (target, span) in &parsed.extends {
            if target == "default" {
                self.add_text(DEFAULT_RULES_NAME, DEFAULT_RULES, None, stack)?;
                continue;
            }
            let path = base.map(|b| b.join(target)).unwrap_or_else(|| PathBuf::from(target));
            let canonical = path.canonicalize().unwrap_or_else(|_| path.clone());
            if stack.contains(&canonical) {
                let (line, column) = raw::line_column(text, span.start);
                return Err(RulesError::Invalid(vec![RuleIssue {
                    file: file.to_string(),
                    line,
                    column,
                    message: format!(
                        "`extends` forms a cycle: {} is already being loaded; remove one of the `extends` entries",
                        path.display()
                    ),
                }]));
            }
            if !path.is_file() {
                let (line, column) = raw::line_column(text, span.start);
                return Err(RulesError::Invalid(vec![RuleIssue {
                    file: file.to_string(),
                    line,
                    column,
                    message: format!(
                        "`extends` names {}, which is not a file; paths are relative to this rule file",
                        path.display()
                    ),
                }]));
            }
            self.add_file_inner(&path, stack)?;
        }
        // Same-named fields replace earlier ones in place; an index keeps this linear.
        let mut position: std::collections::HashMap<String, usize> =
            self.fields.iter().enumerate().map(|(i, f)| (f.name.clone(), i)).collect();
        for field in parsed.fields {
            match position.get(&field.name).and_then(|&i| self.fields.get_mut(i)) {
                Some(existing) => *existing = field,
                None => {
                    position.insert(field.name.clone(), self.fields.len());
                    self.fields.push(field);
                }
            }
        }
        self.scope.other_event_headings.extend(parsed.scope.other_event_headings);
        self.scope.other_event_phrases.extend(parsed.scope.other_event_phrases);
        self.scope.not_places.extend(parsed.scope.not_places);
        for (canonical, variants) in parsed.aliases {
            for variant in variants {
                self.aliases.insert(fold(&variant), canonical.clone());
            }
            self.aliases.insert(fold(&canonical), canonical.clone());
        }
        for (container, inside) in parsed.places {
            for place in inside {
                self.containers.entry(fold(&place)).or_default().insert(fold(&container));
            }
        }
        self.holders.extend(parsed.holders);
        self.sources.push(file.to_string());
        Ok(())
    }

    /// Checks what only the whole layered rulebook can tell: every fact names a person field.
    pub fn validate(&self) -> Result<(), RulesError> {
        let issues: Vec<RuleIssue> = self
            .holders
            .iter()
            .filter(|h| self.field(&h.field).is_none_or(|f| f.kind != Kind::Person))
            .map(|h| RuleIssue {
                file: h.origin.file.clone(),
                line: h.origin.line,
                column: h.field_column,
                message: format!(
                    "`field`: `{}` is not a person field of the rules in force; `claimdiff rules` lists them",
                    h.field
                ),
            })
            .collect();
        if issues.is_empty() {
            Ok(())
        } else {
            Err(RulesError::Invalid(issues))
        }
    }

    /// The field rule named `name`.
    pub fn field(&self, name: &str) -> Option<&FieldRule> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// Position of the field in definition order, for stable report ordering.
    pub fn field_index(&self, name: &str) -> usize {
        self.fields.iter().position(|f| f.name == name).unwrap_or(usize::MAX)
    }

    /// The canonical form of a name if the rules know it by an alias.
    pub fn canonical_name<'a>(&'a self, folded: &str) -> Option<&'a str> {
        self.aliases.get(folded).map(String::as_str)
    }

    /// Whether the rules say that place `inner` (folded) lies inside `outer` (folded), transitively.
    pub fn place_within(&self, inner: &str, outer: &str) -> bool {
        // Asked for every pair of places compared; most places are in no rule at all.
        match self.containers.get(inner) {
            None => return false,
            Some(direct) if direct.contains(outer) => return true,
            Some(_) => {}
        }
        let mut seen = BTreeSet::new();
        let mut todo = vec![inner.to_string()];
        while let Some(place) = todo.pop() {
            if !seen.insert(place.clone()) {
                continue;
            }
            if let Some(containers) = self.containers.get(&place) {
                if containers.contains(outer) {
                    return true;
                }
                todo.extend(containers.iter().cloned());
            }
        }
        false
    }
}

/// Finds a rule file by walking up from `start` over [`DISCOVERED_NAMES`]. The path returned is
/// relative to `start` ("claimdiff.toml", "../../claimdiff.toml") when `start` is the working
/// directory, so messages and `claimdiff rules` name it the way the user would.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let mut dir = Some(start);
    let mut up = PathBuf::new();
    while let Some(current) = dir {
        for name in DISCOVERED_NAMES {
            if current.join(name).is_file() {
                return Some(up.join(name));
            }
        }
        dir = current.parent();
        up.push("..");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book(text: &str) -> Result<Rulebook, RulesError> {
        let mut book = Rulebook::default();
        book.add_text("test.toml", text, None, &mut Vec::new())?;
        Ok(book)
    }

    fn issues(text: &str) -> Vec<String> {
        match book(text) {
            Err(RulesError::Invalid(list)) => list.iter().map(ToString::to_string).collect(),
            Err(other) => vec![other.to_string()],
            Ok(_) => Vec::new(),
        }
    }

    #[test]
    fn default_rules_load_and_cover_the_seed_fields() {
        let rules = Rulebook::default_rules().expect("embedded rules are valid");
        for name in [
            "secretary_general",
            "arrests",
            "victims",
            "officers",
            "participating_countries",
            "irregular_migration",
            "investigations",
            "event_date",
            "headquarters",
            "member_countries",
        ] {
            assert!(rules.field(name).is_some(), "missing field {name}");
        }
    }

    #[test]
    fn unknown_key_is_reported_with_position_and_key() {
        let found = issues("[[field]]\nname = \"a\"\nkind = \"count\"\ncues = [\"x\"]\ncolour = \"red\"\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].starts_with("test.toml:5:1: unknown field `colour`"), "{}", found[0]);
    }

    #[test]
    fn syntax_error_names_line_and_column() {
        let found = issues("[[field]\nname = \"a\"\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].starts_with("test.toml:1:"), "{}", found[0]);
    }

    #[test]
    fn every_validation_problem_is_collected() {
        let text = "[[field]]\nname = \"a\"\nkind = \"count\"\ncues = []\n\n[[field]]\nname = \"a\"\nkind = \"count\"\ncues = [\"x\"]\n";
        let found = issues(text);
        assert_eq!(
            found,
            vec![
                "test.toml:4:8: `cues`: field `a` has an empty list; give at least one word or phrase that identifies it".to_string(),
                "test.toml:7:8: `name`: field `a` is defined twice in this file; rename one or merge them".to_string(),
            ]
        );
    }

    #[test]
    fn wrong_type_names_the_key() {
        let found = issues("[[field]]\nname = \"a\"\nkind = \"count\"\ncues = \"x\"\n");
        assert_eq!(found.len(), 1);
        assert!(
            found[0].starts_with("test.toml:4:8: `cues`: invalid type: string \"x\", expected a sequence"),
            "{}",
            found[0]
        );
    }

    #[test]
    fn later_layers_replace_fields_by_name() {
        let mut rules = book("[[field]]\nname = \"a\"\nkind = \"count\"\ncues = [\"x\"]\n").expect("valid");
        rules
            .add_text(
                "second.toml",
                "[[field]]\nname = \"a\"\nkind = \"count\"\ncues = [\"y\"]\nseverity = \"warning\"\n",
                None,
                &mut Vec::new(),
            )
            .expect("valid");
        assert_eq!(rules.fields.len(), 1);
        assert_eq!(rules.fields[0].cues, vec!["y".to_string()]);
        assert_eq!(rules.fields[0].severity, Severity::Warning);
        assert_eq!(rules.fields[0].origin, Origin { file: "second.toml".into(), line: 1 });
    }

    #[test]
    fn places_nest_transitively() {
        let rules = book("[places]\nFrance = [\"Rhône\"]\n\"Rhône\" = [\"Lyon\"]\n").expect("valid");
        assert!(rules.place_within("lyon", "france"));
        assert!(!rules.place_within("france", "lyon"));
    }
}
