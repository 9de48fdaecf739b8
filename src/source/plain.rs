//! Plain text: the decoded text as it is, with line endings normalized to `\n`.
//!
//! Extractors see one kind of line ending; the map keeps the file's own `\r\n` (two bytes) and
//! lone `\r`, so locations still point at the real bytes.

use super::map::OffsetMap;

/// The text with `\r\n` and lone `\r` turned into `\n`, and its map to `decoded`; `None` when
/// `decoded` has no `\r` and is its own visible text (most files: no copy of it is made).
pub(crate) fn extract(decoded: &str) -> Option<(String, OffsetMap)> {
    memchr::memchr(b'\r', decoded.as_bytes())?;
    let bytes = decoded.as_bytes();
    let mut text = String::with_capacity(decoded.len());
    let mut map = OffsetMap::default();
    let mut run_start = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b != b'\r' {
            i += 1;
            continue;
        }
        // `\r` is ASCII, so `run_start..i` is on character boundaries.
        let run = decoded.get(run_start..i).unwrap_or_default();
        map.push(text.len(), run_start, run.len(), run.len(), true);
        text.push_str(run);
        let eol = if bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
        map.push(text.len(), i, 1, eol, eol == 1);
        text.push('\n');
        i += eol;
        run_start = i;
    }
    let run = decoded.get(run_start..).unwrap_or_default();
    map.push(text.len(), run_start, run.len(), run.len(), true);
    text.push_str(run);
    Some((text, map))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_and_lone_cr_become_lf() {
        let Some((text, map)) = extract("a\r\nb\rc\n") else { panic!("a carriage return rewrites the text") };
        assert_eq!(text, "a\nb\nc\n");
        assert_eq!(map.map_range(2..3), 3..4);
        assert_eq!(map.map_range(1..2), 1..3);
        assert_eq!(map.map_range(4..5), 5..6);
        assert_eq!(map.map_range(0..6), 0..7);
    }

    #[test]
    fn text_without_a_carriage_return_stands_as_it_is() {
        assert!(extract("a\nb\n\tc é").is_none());
        assert!(extract("").is_none());
    }
}
