//! Terminal safety: text from articles never reaches a terminal raw.
//!
//! Scraped pages carry control characters, ANSI escapes, bidi overrides and zero-width
//! characters; printed as they are, they can hide or reorder what a reader sees. Table output
//! shows them as visible `\u{…}` escapes; JSON keeps them exactly.

/// `text` with control, bidi-override and zero-width characters shown as `\u{XXXX}` escapes,
/// and newlines and tabs as single spaces.
pub fn for_terminal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\t' | '\r' => out.push(' '),
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:04X}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
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
    fn escapes_what_could_fool_a_reader() {
        assert_eq!(for_terminal("a\u{1b}[31mb"), "a\\u{001B}[31mb");
        assert_eq!(for_terminal("x\u{202E}y\u{200B}z"), "x\\u{202E}y\\u{200B}z");
        assert_eq!(for_terminal("line\nbreak\ttab"), "line break tab");
        assert_eq!(for_terminal("Jürgen Stock"), "Jürgen Stock");
    }
}
