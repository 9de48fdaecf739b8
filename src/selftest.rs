//! Rule self-tests: every `[[field.example]]` of the rules in force is read back.
//!
//! A rule author writes a sentence and the value the field must read from it (or `none`);
//! `claimdiff rules test` runs the real extractor on each sentence with the whole rulebook, so an
//! example also fails when another field's cue steals the figure.

use comfy_table::{presets, ContentArrangement, Table};

use crate::extract::{ExtractError, Extractor};
use crate::report::sanitize::for_terminal;
use crate::rules::Rulebook;
use crate::source::{Format, Role, Source};

/// The outcome of one example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleResult {
    /// The field the example belongs to.
    pub field: String,
    /// `file:line` of the example.
    pub origin: String,
    /// The sentence.
    pub text: String,
    /// What had to be read (`None`: nothing).
    pub expected: Option<String>,
    /// What was read for the field: each claim as `text` (and `= value` when it differs).
    pub read: Vec<String>,
    /// Whether the example passed.
    pub passed: bool,
}

/// Runs every example of `rules`.
pub fn run(rules: &Rulebook) -> Result<Vec<ExampleResult>, ExtractError> {
    let extractor = Extractor::new(rules)?;
    let mut results = Vec::new();
    for field in &rules.fields {
        for example in &field.examples {
            let claims =
                Source::from_bytes("example.txt", Role::Source, Format::Text, example.text.as_bytes())
                    .map(|source| extractor.extract(&source, 0))
                    .unwrap_or_default();
            let mine: Vec<_> =
                claims.iter().filter(|c| c.field.as_deref() == Some(field.name.as_str())).collect();
            let passed = match &example.value {
                None => mine.is_empty(),
                Some(want) => mine.iter().any(|c| c.text == *want || c.value.display() == *want),
            };
            let read = mine
                .iter()
                .map(|c| {
                    let value = c.value.display();
                    if value == c.text {
                        c.text.clone()
                    } else {
                        format!("{} = {value}", c.text)
                    }
                })
                .collect();
            results.push(ExampleResult {
                field: field.name.clone(),
                origin: format!("{}:{}", field.origin.file, example.line),
                text: example.text.clone(),
                expected: example.value.clone(),
                read,
                passed,
            });
        }
    }
    Ok(results)
}

/// The results as a table of failures and a summary line.
pub fn render(results: &[ExampleResult]) -> String {
    let failed: Vec<&ExampleResult> = results.iter().filter(|r| !r.passed).collect();
    let mut out = String::new();
    if !failed.is_empty() {
        let mut table = Table::new();
        table.load_preset(presets::UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Disabled);
        table.set_header(vec!["example", "field", "sentence", "expected", "read"]);
        for r in &failed {
            table.add_row(vec![
                for_terminal(&r.origin),
                r.field.clone(),
                for_terminal(&r.text),
                r.expected.clone().unwrap_or_else(|| "none".to_string()),
                if r.read.is_empty() { "nothing".to_string() } else { for_terminal(&r.read.join("; ")) },
            ]);
        }
        out.push_str(&format!("{table}\n\n"));
    }
    let fields: std::collections::BTreeSet<&str> = results.iter().map(|r| r.field.as_str()).collect();
    out.push_str(&format!(
        "{} example{} of {} field{}: {} passed, {} failed\n",
        results.len(),
        if results.len() == 1 { "" } else { "s" },
        fields.len(),
        if fields.len() == 1 { "" } else { "s" },
        results.len() - failed.len(),
        failed.len()
    ));
    out
}
