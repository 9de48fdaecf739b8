//! The first articles of a directory, loaded as sources: what the instruction-count examples
//! (`extract_pass`, `front_end_floor`) read before the work they count.

use claimdiff::source::{format_for, Role, Source};

/// The first `limit` files of `dir` in name order, loaded as claimdiff loads them, and the
/// number of bytes read.
pub fn load(dir: &str, limit: usize) -> Result<(Vec<Source>, usize), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{dir}: {e}"))?;
    let mut paths: Vec<std::path::PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    paths.truncate(limit);
    let mut sources = Vec::with_capacity(paths.len());
    let mut bytes = 0;
    for path in &paths {
        let shown = path.display().to_string();
        let data = std::fs::read(path).map_err(|e| format!("{shown}: {e}"))?;
        bytes += data.len();
        sources.push(
            Source::from_bytes(&shown, Role::Source, format_for(&shown), &data).map_err(|e| e.to_string())?,
        );
    }
    Ok((sources, bytes))
}
