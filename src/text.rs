//! Small text helpers shared by the stages: Unicode folding and word boundaries.
//!
//! Folding is what makes "Jürgen", "Juergen" and "Jurgen" one name: decompose, drop combining
//! marks, spell out the few letters that do not decompose, lowercase.

use unicode_normalization::UnicodeNormalization;

/// Folds `text` for comparison: no diacritics, lowercase, German umlaut spellings unified,
/// typographic apostrophes and dashes made plain, whitespace collapsed.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = true;
    // Spelled-out umlauts ("Juergen") are folded to the bare vowel so they meet "Jürgen".
    let spelled = text.replace("ue", "u").replace("oe", "o").replace("ae", "a");
    let source = if text.is_ascii() { spelled.as_str() } else { text };
    for c in source.nfd() {
        if is_combining(c) {
            continue;
        }
        let mapped: &str = match c {
            'ß' => "ss",
            'ø' | 'Ø' => "o",
            'æ' | 'Æ' => "a",
            'œ' | 'Œ' => "o",
            'ł' | 'Ł' => "l",
            'đ' | 'Đ' => "d",
            'ı' => "i",
            'þ' | 'Þ' => "th",
            '\u{2018}' | '\u{2019}' | '`' | '\u{2032}' => "'",
            '\u{2010}'..='\u{2015}' => "-",
            _ => "",
        };
        if !mapped.is_empty() {
            out.push_str(mapped);
            last_space = false;
            continue;
        }
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
            continue;
        }
        out.extend(c.to_lowercase());
        last_space = false;
    }
    if out.ends_with(' ') {
        out.pop();
    }
    // Umlauts decomposed above lose their mark; the spelled forms were mapped the same way.
    if !text.is_ascii() {
        return out.replace("ue", "u").replace("oe", "o").replace("ae", "a");
    }
    out
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Whether `c` is part of a word for boundary purposes.
#[inline]
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The character just before byte `at` in `text`.
#[inline]
pub fn char_before(text: &str, at: usize) -> Option<char> {
    // The scanners ask this of nearly every word; most text is ASCII, and an ASCII byte is a
    // whole character that also ends on a boundary.
    match text.as_bytes().get(at.checked_sub(1)?) {
        Some(&b) if b.is_ascii() && at <= text.len() => Some(char::from(b)),
        _ => text.get(..at)?.chars().next_back(),
    }
}

/// The character at byte `at` in `text`.
#[inline]
pub fn char_at(text: &str, at: usize) -> Option<char> {
    match text.as_bytes().get(at) {
        // An ASCII byte is never inside another character.
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => text.get(at..)?.chars().next(),
    }
}

/// Whitespace collapsed to single spaces, ends trimmed.
pub fn squash(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    if text.is_ascii() {
        // Every sentence of every claim passes here; most are ASCII, where whitespace is one of
        // six bytes (the same six `char::is_whitespace` accepts below 0x80).
        for word in text.as_bytes().split(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r')) {
            if word.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            // An ASCII slice of a str is a str.
            out.push_str(std::str::from_utf8(word).unwrap_or_default());
        }
        return out;
    }
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether the word starts with an uppercase letter.
pub fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squash_folds_every_kind_of_whitespace_in_ascii_and_beyond() {
        assert_eq!(squash("  a\tb\n\x0Bc\x0C\rd  "), "a b c d");
        assert_eq!(squash("a\u{a0}\u{2009}b\u{3000} é "), "a b é");
        assert_eq!(squash("\x1Fa\x1F"), "\x1Fa\x1F");
        assert_eq!(squash(" \n "), "");
    }

    #[test]
    fn folds_diacritics_and_spelled_umlauts_alike() {
        assert_eq!(fold("Jürgen Stock"), "jurgen stock");
        assert_eq!(fold("Juergen Stock"), "jurgen stock");
        assert_eq!(fold("Recep Tayyip Erdoğan"), "recep tayyip erdogan");
        assert_eq!(fold("Côte d’Ivoire"), "cote d'ivoire");
        assert_eq!(fold("  Straße \n Nord "), "strasse nord");
    }

    #[test]
    fn boundaries_are_safe_at_the_edges() {
        assert_eq!(char_before("ab", 0), None);
        assert_eq!(char_before("aé", 3), Some('é'));
        assert_eq!(char_at("aé", 1), Some('é'));
        assert_eq!(char_at("aé", 2), None);
        assert_eq!(char_at("a", 9), None);
    }
}
