//! Placeholder: github output.

use super::Report;

/// Renders the report.
pub fn report(report: &Report) -> String {
    super::json::report(report)
}
