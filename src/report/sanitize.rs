//! Terminal safety: text from articles never reaches a terminal raw.
//!
//! Scraped pages carry control characters, ANSI escapes, bidi overrides and zero-width
//! characters; printed as they are, they can hide or reorder what a reader sees. Table output
//! shows them as visible `\u{…}` escapes; JSON keeps them exactly.

/// `text` with control, bidi-override and zero-width characters shown as `\u{XXXX}` escapes,
/// and newlines and tabs as single spaces.
pub fn for_terminal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for_terminal_into(&mut out, text);
    out
}

/// Appends [`for_terminal`]'s `text` to `out`.
pub fn for_terminal_into(out: &mut String, text: &str) {
    // Nearly every cell is printable ASCII, which is shown as it stands.
    if is_printable_ascii(text) {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        match c {
            '\n' | '\t' | '\r' => out.push(' '),
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:04X}}}", u32::from(c))),
            c => out.push(c),
        }
    }
}

/// Whether `text` is only printable ASCII (space to tilde): shown as it stands, one terminal
/// column per byte. Every cell of a large claims table asks this, so eight bytes are tested at
/// once, as one integer.
pub fn is_printable_ascii(text: &str) -> bool {
    use crate::text::{HIGH, ONES};
    let mut blocks = text.as_bytes().chunks_exact(8);
    for block in &mut blocks {
        let mut word = [0u8; 8];
        word.copy_from_slice(block);
        let x = u64::from_le_bytes(word);
        // With no high bit in any byte: a byte below a space borrows when a space is taken
        // from it, and only DEL (0x7F) carries when one is added. A borrow passed on to the
        // next byte can only flag a block that has a byte below a space already.
        if x & HIGH != 0 || x.wrapping_sub(ONES * 0x20) & !x & HIGH != 0 || x.wrapping_add(ONES) & HIGH != 0 {
            return false;
        }
    }
    blocks.remainder().iter().all(|b| (b' '..=b'~').contains(b))
}

fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}' // zero-width space/joiners, LRM, RLM
            | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{FEFF}' // zero-width no-break space
            | '\u{061C}' // Arabic letter mark
            | '\u{00AD}' // soft hyphen
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_ascii_is_told_as_a_byte_by_byte_reading_tells_it() {
        let bytewise = |text: &str| text.bytes().all(|b| (b' '..=b'~').contains(&b));
        // Every byte below 0x80 at every place of texts around a block or two, among spaces,
        // tildes and the bytes that border the printable range.
        for fill in [" ", "~", "a", "\x1F~", " \x7F"] {
            for len in [0, 1, 7, 8, 9, 15, 16, 17] {
                let base: String = fill.chars().cycle().take(len).collect();
                assert_eq!(is_printable_ascii(&base), bytewise(&base), "{base:?}");
                for place in 0..len {
                    for b in 0u8..0x80 {
                        let mut text: Vec<u8> = base.clone().into_bytes();
                        if let Some(slot) = text.get_mut(place) {
                            *slot = b;
                        }
                        let text = String::from_utf8(text).unwrap_or_default();
                        assert_eq!(is_printable_ascii(&text), bytewise(&text), "{text:?}");
                    }
                }
            }
        }
        for text in ["Jürgen Stock", "東京 and more text", "tab\there and more", "12345678é"] {
            assert_eq!(is_printable_ascii(text), bytewise(text), "{text:?}");
        }
        assert!(is_printable_ascii("printable ascii only, 40 bytes long: ~!"));
    }

    #[test]
    fn escapes_what_could_fool_a_reader() {
        assert_eq!(for_terminal("a\u{1b}[31mb"), "a\\u{001B}[31mb");
        assert_eq!(for_terminal("x\u{202E}y\u{200B}z"), "x\\u{202E}y\\u{200B}z");
        assert_eq!(for_terminal("line\nbreak\ttab"), "line break tab");
        assert_eq!(for_terminal("Jürgen Stock"), "Jürgen Stock");
    }

    #[test]
    fn only_printable_ascii_passes_as_it_stands() {
        for b in 0u8..0x80 {
            let text = format!("a{}z", char::from(b));
            let shown = for_terminal(&text);
            match b {
                b' '..=b'~' => {
                    assert!(is_printable_ascii(&text));
                    assert_eq!(shown, text);
                }
                b'\n' | b'\t' | b'\r' => {
                    assert!(!is_printable_ascii(&text));
                    assert_eq!(shown, "a z");
                }
                _ => {
                    assert!(!is_printable_ascii(&text));
                    assert_eq!(shown, format!("a\\u{{{b:04X}}}z"));
                }
            }
        }
        assert!(!is_printable_ascii("é"));
        assert!(is_printable_ascii(""));
    }
}
