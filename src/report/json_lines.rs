//! Placeholder: json-lines output.

use super::{Report, SourceInfo};
use crate::claim::Claim;

/// Renders the report.
pub fn report(report: &Report) -> String {
    super::json::report(report)
}

/// Renders claims.
pub fn claims(claims: &[Claim], sources: &[SourceInfo]) -> String {
    super::json::claims(claims, sources)
}
