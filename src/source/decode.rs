//! Bytes → text, with a map back to the bytes.
//!
//! Input is bytes until this module decides how to read them: a NUL byte near the start means a
//! binary file (refused), a UTF-16 byte order mark means UTF-16, anything else is UTF-8 with the
//! BOM stripped and invalid sequences replaced by U+FFFD. Every decoded byte keeps a way back to
//! the file's real byte offsets, so a location shown to the user points at the file as it is on
//! disk, whatever it took to read it.

use super::map::OffsetMap;

/// The byte order mark of UTF-8, which a file may start with and which is no part of its text.
pub(crate) const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// How many leading bytes are checked for a NUL byte.
const BINARY_SNIFF: usize = 8 * 1024;

/// The byte encoding a file was read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// UTF-8, with or without a BOM.
    Utf8,
    /// UTF-16 little-endian, with a BOM.
    Utf16Le,
    /// UTF-16 big-endian, with a BOM.
    Utf16Be,
}

/// Decoded text and its map to the original bytes.
#[derive(Debug, Clone)]
pub(crate) struct Decoded {
    /// The decoded text, BOM removed, line endings untouched.
    pub text: String,
    /// Decoded offsets → original byte offsets.
    pub map: OffsetMap,
    /// The encoding that was used.
    pub encoding: Encoding,
    /// A warning sentence (without the path) when bytes had to be replaced.
    pub warning: Option<String>,
}

/// Offset of the first NUL byte in the first 8 KiB, for a file that is not UTF-16.
pub(crate) fn binary_offset(bytes: &[u8]) -> Option<usize> {
    if utf16_bom(bytes).is_some() {
        return None;
    }
    memchr::memchr(0, bytes.get(..BINARY_SNIFF).unwrap_or(bytes))
}

/// The UTF-16 encoding announced by a BOM. `FF FE 00 00` is UTF-32, not UTF-16, and is left to
/// the binary check.
fn utf16_bom(bytes: &[u8]) -> Option<Encoding> {
    match bytes {
        [0xFF, 0xFE, 0, 0, ..] => None,
        [0xFF, 0xFE, ..] => Some(Encoding::Utf16Le),
        [0xFE, 0xFF, ..] => Some(Encoding::Utf16Be),
        _ => None,
    }
}

/// Decodes `bytes` (never fails: what cannot be decoded becomes U+FFFD and a warning).
pub(crate) fn decode(bytes: &[u8]) -> Decoded {
    match utf16_bom(bytes) {
        Some(enc) => decode_utf16(bytes, enc),
        None => decode_utf8(bytes),
    }
}

/// [`decode`] of bytes the caller owns, taking them as the text itself when they are UTF-8
/// without a BOM (the common case: no copy); otherwise the bytes are handed back beside what
/// [`decode`] makes of them.
pub(crate) fn decode_owned(bytes: Vec<u8>) -> (Decoded, Option<Vec<u8>>) {
    if utf16_bom(&bytes).is_some() || bytes.starts_with(UTF8_BOM) {
        return (decode(&bytes), Some(bytes));
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            let map = OffsetMap::shifted(text.len(), 0);
            (Decoded { text, map, encoding: Encoding::Utf8, warning: None }, None)
        }
        Err(invalid) => {
            let bytes = invalid.into_bytes();
            (decode_utf8(&bytes), Some(bytes))
        }
    }
}

/// UTF-8: strips a BOM and replaces each maximal invalid sequence with one U+FFFD.
fn decode_utf8(bytes: &[u8]) -> Decoded {
    let bom = if bytes.starts_with(UTF8_BOM) { UTF8_BOM.len() } else { 0 };
    let body = bytes.get(bom..).unwrap_or_default();
    if let Ok(text) = std::str::from_utf8(body) {
        // The common case: one segment, no copy of the map per byte.
        return Decoded {
            text: text.to_owned(),
            map: OffsetMap::shifted(text.len(), bom),
            encoding: Encoding::Utf8,
            warning: None,
        };
    }
    let mut text = String::with_capacity(body.len() + 16);
    let mut map = OffsetMap::default();
    let mut pos = bom;
    let mut first_bad = None;
    let mut count = 0usize;
    for chunk in body.utf8_chunks() {
        let valid = chunk.valid();
        map.push(text.len(), pos, valid.len(), valid.len(), true);
        text.push_str(valid);
        pos += valid.len();
        let invalid = chunk.invalid();
        if !invalid.is_empty() {
            first_bad.get_or_insert(pos);
            count += 1;
            map.push(text.len(), pos, '\u{FFFD}'.len_utf8(), invalid.len(), false);
            text.push('\u{FFFD}');
            pos += invalid.len();
        }
    }
    let warning = first_bad.map(|at| replaced_warning("UTF-8", at, count));
    Decoded { text, map, encoding: Encoding::Utf8, warning }
}

/// UTF-16 after its BOM: each character maps to its own code units (2 or 4 bytes); an unpaired
/// surrogate or an odd trailing byte becomes U+FFFD.
fn decode_utf16(bytes: &[u8], enc: Encoding) -> Decoded {
    let body = bytes.get(2..).unwrap_or_default();
    let units = body.chunks_exact(2).map(|p| match (enc, p) {
        (Encoding::Utf16Be, [hi, lo]) => u16::from_be_bytes([*hi, *lo]),
        (_, [lo, hi]) => u16::from_le_bytes([*lo, *hi]),
        _ => 0xFFFD,
    });
    let mut text = String::with_capacity(body.len() / 2 + 16);
    let mut map = OffsetMap::default();
    let mut pos = 2;
    let mut first_bad = None;
    let mut count = 0usize;
    for item in char::decode_utf16(units) {
        let (c, units) = match item {
            Ok(c) => (c, c.len_utf16()),
            Err(_) => {
                first_bad.get_or_insert(pos);
                count += 1;
                ('\u{FFFD}', 1)
            }
        };
        map.push(text.len(), pos, c.len_utf8(), units * 2, false);
        text.push(c);
        pos += units * 2;
    }
    if body.len() % 2 == 1 {
        first_bad.get_or_insert(pos);
        count += 1;
        map.push(text.len(), pos, '\u{FFFD}'.len_utf8(), 1, false);
        text.push('\u{FFFD}');
    }
    let warning = first_bad.map(|at| replaced_warning("UTF-16", at, count));
    Decoded { text, map, encoding: enc, warning }
}

/// The one warning for a file whose bytes were partly replaced.
fn replaced_warning(encoding: &str, first: usize, count: usize) -> String {
    let plural = if count == 1 { "sequence" } else { "sequences" };
    format!(
        "invalid {encoding} at byte {first} was replaced with U+FFFD ({count} invalid {plural} in all; \
         save the file as {encoding} to read it exactly)"
    )
}

/// The original text of `bytes[start..end]`, decoded with `enc` (lossy).
pub(crate) fn slice_lossy(bytes: &[u8], enc: Encoding, start: usize, end: usize) -> String {
    let end = end.min(bytes.len());
    let start = start.min(end);
    match enc {
        Encoding::Utf8 => String::from_utf8_lossy(bytes.get(start..end).unwrap_or_default()).into_owned(),
        Encoding::Utf16Le | Encoding::Utf16Be => {
            // Code units start at even offsets (after the 2-byte BOM).
            let start = start - start % 2;
            let part = bytes.get(start..end).unwrap_or_default();
            let units = part.chunks_exact(2).map(|p| match (enc, p) {
                (Encoding::Utf16Be, [hi, lo]) => u16::from_be_bytes([*hi, *lo]),
                (_, [lo, hi]) => u16::from_le_bytes([*lo, *hi]),
                _ => 0xFFFD,
            });
            char::decode_utf16(units).map(|r| r.unwrap_or('\u{FFFD}')).collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_stripped_and_counted() {
        let d = decode(b"\xEF\xBB\xBFab");
        assert_eq!(d.text, "ab");
        assert_eq!(d.map.map_range(1..2), 4..5);
        assert!(d.warning.is_none());
    }

    #[test]
    fn invalid_sequences_keep_real_lengths() {
        // "a", an invalid 1-byte sequence, "b", a truncated 3-byte sequence (2 bytes), "c".
        let d = decode(b"a\xFFb\xE2\x82c");
        assert_eq!(d.text, "a\u{FFFD}b\u{FFFD}c");
        assert_eq!(d.map.map_range(1..4), 1..2);
        assert_eq!(d.map.map_range(4..5), 2..3);
        assert_eq!(d.map.map_range(5..8), 3..5);
        assert_eq!(d.map.map_range(8..9), 5..6);
        assert_eq!(
            d.warning.as_deref(),
            Some(
                "invalid UTF-8 at byte 1 was replaced with U+FFFD (2 invalid sequences in all; \
                 save the file as UTF-8 to read it exactly)"
            )
        );
    }

    #[test]
    fn utf16_maps_code_units() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "a\u{e9}\u{1F600}b".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&bytes);
        assert_eq!(d.text, "a\u{e9}\u{1F600}b");
        assert_eq!(d.encoding, Encoding::Utf16Le);
        assert_eq!(d.map.map_range(0..1), 2..4);
        assert_eq!(d.map.map_range(1..3), 4..6);
        assert_eq!(d.map.map_range(3..7), 6..10);
        assert_eq!(d.map.map_range(7..8), 10..12);
        assert_eq!(slice_lossy(&bytes, Encoding::Utf16Le, 6, 12), "\u{1F600}b");
        assert_eq!(binary_offset(&bytes), None);
    }

    #[test]
    fn utf16_be_and_odd_byte() {
        let d = decode(&[0xFE, 0xFF, 0, b'x', 0xD8]);
        assert_eq!(d.text, "x\u{FFFD}");
        assert_eq!(d.map.map_range(1..4), 4..5);
        assert!(d.warning.is_some());
    }

    #[test]
    fn nul_means_binary() {
        assert_eq!(binary_offset(b"abc\0def"), Some(3));
        assert_eq!(binary_offset(b"abc"), None);
        let mut late = vec![b'a'; BINARY_SNIFF];
        late.push(0);
        assert_eq!(binary_offset(&late), None);
    }
}
