//! HTML: the visible article text of a web page, mapped back to its source.
//!
//! A saved news page is mostly not the article: navigation, scripts, cookie banners, related
//! links. This module keeps what a reader reads: the text inside `<article>` when the page has
//! one (else `<main>`, else the whole body), minus elements that are not prose (`<nav>`,
//! `<aside>`, `<form>`, `<script>` …). The tokenizer is hand-written, iterative and forgiving:
//! it never recurses, so a page nested 100,000 levels deep costs a longer `Vec`, not a stack
//! overflow, and every scan moves forward, so any input is read in linear time. Entities are
//! decoded and whitespace collapsed as a browser renders it; each output byte maps back to its
//! source bytes, an entity to the whole entity.

use std::collections::HashMap;
use std::ops::Range;

use super::map::{OffsetMap, TextBuilder, LINE, PARA};

/// What an HTML document yields.
pub(crate) struct Extracted {
    pub text: String,
    pub map: OffsetMap,
    pub headings: Vec<Range<usize>>,
    pub published: Option<String>,
    /// Decoded offset of a tag that never ends, after which nothing was read.
    pub unterminated: Option<usize>,
}

/// Which part of the document is taken as the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Article,
    Main,
    All,
}

/// Extracts the visible text of `src`.
pub(crate) fn extract(src: &str) -> Extracted {
    let survey = survey(src);
    let scopes: &[Scope] = match (survey.has_article, survey.has_main) {
        (true, true) => &[Scope::Article, Scope::Main, Scope::All],
        (true, false) => &[Scope::Article, Scope::All],
        (false, true) => &[Scope::Main, Scope::All],
        (false, false) => &[Scope::All],
    };
    let mut pass = Pass::default();
    // A page whose only <article>s are empty teaser cards falls back to a wider scope.
    for &scope in scopes {
        pass = run(src, scope);
        if !pass.builder.is_empty() {
            break;
        }
    }
    let (text, map, headings) = pass.builder.finish();
    Extracted {
        text,
        map,
        headings,
        published: survey.meta_published.or(pass.time_in_scope).or(survey.first_time),
        unterminated: pass.unterminated,
    }
}

/// What a first, cheap pass learns about the document.
#[derive(Debug, Default)]
struct Survey {
    has_article: bool,
    has_main: bool,
    meta_published: Option<String>,
    first_time: Option<String>,
}

fn survey(src: &str) -> Survey {
    let mut s = Survey::default();
    let mut tok = Tokenizer::new(src);
    while let Some(token) = tok.next_token() {
        let Token::Start { name, .. } = token else { continue };
        match name.as_str() {
            "article" => s.has_article = true,
            "main" => s.has_main = true,
            "meta" if s.meta_published.is_none() => {
                let key = tok.attr("property").or_else(|| tok.attr("name"));
                if key.is_some_and(|k| k.trim().eq_ignore_ascii_case("article:published_time")) {
                    s.meta_published = tok.attr("content").filter(|v| !v.is_empty());
                }
            }
            "time" if s.first_time.is_none() => s.first_time = tok.attr("datetime").filter(|v| !v.is_empty()),
            _ => {}
        }
    }
    s
}

/// The state of one extraction pass.
#[derive(Debug, Default)]
struct Pass {
    builder: TextBuilder,
    time_in_scope: Option<String>,
    unterminated: Option<usize>,
}

/// One element on the stack of open elements.
#[derive(Debug)]
struct Open {
    name: String,
    hidden: bool,
}

/// Open elements, with per-name counts so that a stray end tag is ignored in O(1) instead of
/// searching a deep stack.
#[derive(Debug, Default)]
struct Stack {
    open: Vec<Open>,
    counts: HashMap<String, usize>,
    hidden: usize,
}

impl Stack {
    fn count(&self, name: &str) -> usize {
        self.counts.get(name).copied().unwrap_or(0)
    }

    fn push(&mut self, name: String, hidden: bool) {
        *self.counts.entry(name.clone()).or_insert(0) += 1;
        self.hidden += usize::from(hidden);
        self.open.push(Open { name, hidden });
    }

    fn pop(&mut self) -> Option<Open> {
        let top = self.open.pop()?;
        if let Some(n) = self.counts.get_mut(&top.name) {
            *n = n.saturating_sub(1);
        }
        self.hidden -= usize::from(top.hidden).min(self.hidden);
        Some(top)
    }

    /// Closes the innermost open `name` and everything opened inside it; nothing if none is open.
    fn close(&mut self, name: &str) {
        if self.count(name) == 0 {
            return;
        }
        while let Some(top) = self.pop() {
            if top.name == name {
                break;
            }
        }
    }
}

fn run(src: &str, scope: Scope) -> Pass {
    let mut pass = Pass::default();
    let mut stack = Stack::default();
    let mut tok = Tokenizer::new(src);
    let visible = |stack: &Stack| {
        stack.hidden == 0
            && match scope {
                Scope::Article => stack.count("article") > 0,
                Scope::Main => stack.count("main") > 0,
                Scope::All => true,
            }
    };
    while let Some(token) = tok.next_token() {
        match token {
            Token::Text(range) => {
                // Text in <head> means the head ended, as browsers decide.
                if stack.count("head") > 0 && src.get(range.clone()).is_some_and(|t| !t.trim().is_empty()) {
                    stack.close("head");
                }
                if visible(&stack) {
                    push_text(&mut pass.builder, src, range);
                }
            }
            Token::Start { name, self_closing } => {
                if stack.count("head") > 0 && !is_head_content(&name) {
                    stack.close("head");
                }
                if let Some(level) = block_level(&name) {
                    pass.builder.brk(level);
                }
                if name == "time" && pass.time_in_scope.is_none() && visible(&stack) {
                    pass.time_in_scope = tok.attr("datetime").filter(|v| !v.is_empty());
                }
                if is_void(&name) || self_closing {
                    continue;
                }
                let hidden = is_hidden(&name, &stack) || tok.has_attr("hidden");
                let heading = is_heading(&name);
                stack.push(name, hidden);
                if heading && visible(&stack) {
                    pass.builder.begin_heading();
                }
            }
            Token::End { name } => {
                stack.close(&name);
                if is_heading(&name) {
                    pass.builder.end_heading();
                }
                if let Some(level) = block_level(&name) {
                    pass.builder.brk(level);
                }
            }
            Token::Other => {}
            Token::Unterminated(at) => pass.unterminated = Some(at),
        }
    }
    pass
}

/// Writes a text token: entities decoded (each mapped to the whole entity), whitespace collapsed.
fn push_text(b: &mut TextBuilder, src: &str, range: Range<usize>) {
    let Some(s) = src.get(range.clone()) else { return };
    let base = range.start;
    let mut run_start = 0;
    let mut i = 0;
    while let Some(amp) = s.get(i..).and_then(|rest| rest.find('&')) {
        let at = i + amp;
        match s.get(at..).and_then(decode_entity) {
            Some((decoded, len)) => {
                b.inline(s.get(run_start..at).unwrap_or_default(), base + run_start);
                let mut buf = [0u8; 4];
                let text = decoded.map_or("", |c| &*c.encode_utf8(&mut buf));
                b.replaced(text, base + at..base + at + len);
                i = at + len;
                run_start = i;
            }
            None => i = at + 1,
        }
    }
    b.inline(s.get(run_start..).unwrap_or_default(), base + run_start);
}

/// Decodes `s` with its entities (for attribute values).
fn decode_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let tail = rest.get(amp..).unwrap_or_default();
        match decode_entity(tail) {
            Some((c, len)) => {
                out.extend(c);
                rest = tail.get(len..).unwrap_or_default();
            }
            None => {
                out.push('&');
                rest = tail.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decodes the entity at the start of `s` (which starts with `&`): the character (`None` for
/// one that renders as nothing, like a soft hyphen) and the entity's length in bytes.
fn decode_entity(s: &str) -> Option<(Option<char>, usize)> {
    let bytes = s.as_bytes();
    if bytes.get(1) == Some(&b'#') {
        let hex = matches!(bytes.get(2), Some(b'x' | b'X'));
        let digits_start = if hex { 3 } else { 2 };
        let radix = if hex { 16 } else { 10 };
        let digits = bytes.get(digits_start..)?.iter().take_while(|b| (**b as char).is_digit(radix)).count();
        if digits == 0 {
            return None;
        }
        let mut value: u32 = 0;
        for &d in bytes.get(digits_start..digits_start + digits)? {
            let v = (d as char).to_digit(radix).unwrap_or(0);
            value = value.saturating_mul(radix).saturating_add(v);
        }
        let mut len = digits_start + digits;
        if bytes.get(len) == Some(&b';') {
            len += 1;
        }
        return Some((Some(numeric_char(value)), len));
    }
    let name_len = bytes.get(1..)?.iter().take(32).take_while(|b| b.is_ascii_alphanumeric()).count();
    if name_len == 0 || bytes.get(1 + name_len) != Some(&b';') {
        return None;
    }
    let name = s.get(1..1 + name_len)?;
    let c = named_entity(name)?;
    Some((c, name_len + 2))
}

/// The character of a numeric reference, with the Windows-1252 reading browsers give to
/// 128–159 (old news sites write `&#150;` for an en dash).
fn numeric_char(value: u32) -> char {
    const CP1252: [char; 32] = [
        '\u{20AC}', '\u{FFFD}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
        '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{FFFD}', '\u{017D}', '\u{FFFD}',
        '\u{FFFD}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
        '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{FFFD}', '\u{017E}', '\u{0178}',
    ];
    match value {
        0 => '\u{FFFD}',
        0x80..=0x9F => CP1252.get((value - 0x80) as usize).copied().unwrap_or('\u{FFFD}'),
        _ => char::from_u32(value).unwrap_or('\u{FFFD}'),
    }
}

/// Common named entities; `None` inside means the entity renders as nothing.
fn named_entity(name: &str) -> Option<Option<char>> {
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        // A no-break space reads as a space; extractors need no special case for it.
        "nbsp" => ' ',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "mdash" => '\u{2014}',
        "ndash" => '\u{2013}',
        "minus" => '\u{2212}',
        "lsquo" => '\u{2018}',
        "rsquo" => '\u{2019}',
        "sbquo" => '\u{201A}',
        "ldquo" => '\u{201C}',
        "rdquo" => '\u{201D}',
        "bdquo" => '\u{201E}',
        "laquo" => '\u{AB}',
        "raquo" => '\u{BB}',
        "hellip" => '\u{2026}',
        "bull" => '\u{2022}',
        "middot" => '\u{B7}',
        "prime" => '\u{2032}',
        "Prime" => '\u{2033}',
        "deg" => '\u{B0}',
        "times" => '\u{D7}',
        "divide" => '\u{F7}',
        "plusmn" => '\u{B1}',
        "frac12" => '\u{BD}',
        "frac14" => '\u{BC}',
        "frac34" => '\u{BE}',
        "percnt" => '%',
        "euro" => '\u{20AC}',
        "pound" => '\u{A3}',
        "yen" => '\u{A5}',
        "cent" => '\u{A2}',
        "copy" => '\u{A9}',
        "reg" => '\u{AE}',
        "trade" => '\u{2122}',
        "sect" => '\u{A7}',
        "para" => '\u{B6}',
        "aacute" => '\u{E1}',
        "agrave" => '\u{E0}',
        "acirc" => '\u{E2}',
        "auml" => '\u{E4}',
        "Auml" => '\u{C4}',
        "aring" => '\u{E5}',
        "aelig" => '\u{E6}',
        "ccedil" => '\u{E7}',
        "eacute" => '\u{E9}',
        "Eacute" => '\u{C9}',
        "egrave" => '\u{E8}',
        "ecirc" => '\u{EA}',
        "euml" => '\u{EB}',
        "iacute" => '\u{ED}',
        "icirc" => '\u{EE}',
        "iuml" => '\u{EF}',
        "ntilde" => '\u{F1}',
        "oacute" => '\u{F3}',
        "ocirc" => '\u{F4}',
        "ouml" => '\u{F6}',
        "Ouml" => '\u{D6}',
        "oslash" => '\u{F8}',
        "uacute" => '\u{FA}',
        "ucirc" => '\u{FB}',
        "uuml" => '\u{FC}',
        "Uuml" => '\u{DC}',
        "szlig" => '\u{DF}',
        "shy" | "zwj" | "zwnj" | "lrm" | "rlm" => return Some(None),
        _ => return None,
    };
    Some(Some(c))
}

/// Elements that may stay in `<head>`; any other start tag closes it, as browsers decide.
fn is_head_content(name: &str) -> bool {
    matches!(
        name,
        "head" | "html" | "title" | "meta" | "link" | "style" | "script" | "base" | "noscript" | "template"
    )
}

/// Elements without content or end tag.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Elements whose content is not article prose. A `<header>` inside `<article>` holds the
/// headline and is kept; the page's own header is dropped.
fn is_hidden(name: &str, stack: &Stack) -> bool {
    match name {
        "header" => stack.count("article") == 0,
        _ => matches!(
            name,
            "head"
                | "script"
                | "style"
                | "noscript"
                | "template"
                | "svg"
                | "math"
                | "nav"
                | "footer"
                | "aside"
                | "form"
                | "button"
                | "select"
                | "textarea"
                | "title"
                | "iframe"
                | "object"
                | "canvas"
                | "audio"
                | "video"
                | "dialog"
                | "noembed"
                | "noframes"
                | "xmp"
        ),
    }
}

/// The break an element's start and end make in the text, if it is a block.
fn block_level(name: &str) -> Option<u8> {
    match name {
        "br" | "li" | "dt" | "dd" | "td" | "th" | "caption" | "legend" | "option" => Some(LINE),
        "p" | "div" | "section" | "article" | "main" | "blockquote" | "figure" | "figcaption" | "ul"
        | "ol" | "dl" | "table" | "tr" | "pre" | "hr" | "address" | "h1" | "h2" | "h3" | "h4" | "h5"
        | "h6" | "nav" | "header" | "footer" | "aside" | "form" | "details" | "summary" | "fieldset"
        | "body" | "html" | "center" | "hgroup" | "thead" | "tbody" | "tfoot" => Some(PARA),
        _ => None,
    }
}

/// Elements whose content is raw text up to their end tag (no tags or comments inside).
fn raw_text_end(name: &str) -> Option<&'static str> {
    Some(match name {
        "script" => "script",
        "style" => "style",
        "title" => "title",
        "textarea" => "textarea",
        "xmp" => "xmp",
        "iframe" => "iframe",
        "noembed" => "noembed",
        "noframes" => "noframes",
        "noscript" => "noscript",
        _ => return None,
    })
}

/// One token of the document.
#[derive(Debug, PartialEq, Eq)]
enum Token {
    /// Character data (entities not yet decoded).
    Text(Range<usize>),
    /// A start tag; its attributes are in [`Tokenizer::attr`] until the next token.
    Start { name: String, self_closing: bool },
    /// An end tag.
    End { name: String },
    /// A comment, doctype, processing instruction or the content of a raw text element.
    Other,
    /// A tag that starts at this offset and never ends; nothing after it is read.
    Unterminated(usize),
}

/// One attribute: name and value ranges in the source.
#[derive(Debug, Clone)]
struct Attr {
    name: Range<usize>,
    value: Option<Range<usize>>,
}

/// An iterative HTML tokenizer over a string; every step moves `pos` forward.
struct Tokenizer<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Set after a start tag of a raw text element: its end tag name.
    raw: Option<&'static str>,
    attrs: Vec<Attr>,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C')
}

impl<'a> Tokenizer<'a> {
    fn new(src: &'a str) -> Self {
        Tokenizer { src, bytes: src.as_bytes(), pos: 0, raw: None, attrs: Vec::new() }
    }

    /// The decoded value of the last start tag's attribute `name` (case-insensitive), trimmed.
    fn attr(&self, name: &str) -> Option<String> {
        let a = self.find_attr(name)?;
        let value = a.value.clone().and_then(|r| self.src.get(r)).unwrap_or_default();
        Some(decode_str(value).trim().to_owned())
    }

    fn has_attr(&self, name: &str) -> bool {
        self.find_attr(name).is_some()
    }

    fn find_attr(&self, name: &str) -> Option<&Attr> {
        self.attrs.iter().find(|a| self.src.get(a.name.clone()).is_some_and(|n| n.eq_ignore_ascii_case(name)))
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.bytes.get(at).copied()
    }

    /// Whether a `<` at `at` opens markup rather than being a literal character.
    fn opens_markup(&self, at: usize) -> bool {
        match self.byte(at + 1) {
            Some(b) if b.is_ascii_alphabetic() || b == b'!' || b == b'?' => true,
            Some(b'/') => self.byte(at + 2).is_some(),
            _ => false,
        }
    }

    /// First offset at or after `from` holding `needle`, or the end.
    fn find_byte(&self, from: usize, needle: u8) -> Option<usize> {
        self.bytes.get(from..)?.iter().position(|&b| b == needle).map(|p| from + p)
    }

    fn next_token(&mut self) -> Option<Token> {
        if self.pos >= self.bytes.len() {
            return None;
        }
        if let Some(end_name) = self.raw.take() {
            self.pos = self.raw_end(self.pos, end_name);
            return Some(Token::Other);
        }
        let start = self.pos;
        if self.byte(start) == Some(b'<') && self.opens_markup(start) {
            return Some(self.markup(start));
        }
        let mut at = start + 1;
        self.pos = loop {
            match self.find_byte(at, b'<') {
                Some(lt) if self.opens_markup(lt) => break lt,
                Some(lt) => at = lt + 1,
                None => break self.bytes.len(),
            }
        };
        Some(Token::Text(start..self.pos))
    }

    /// Reads the markup starting at `start` (`<` followed by a letter, `/`, `!` or `?`).
    fn markup(&mut self, start: usize) -> Token {
        let next = self.byte(start + 1).unwrap_or(0);
        if next.is_ascii_alphabetic() {
            return self.tag(start, start + 1, false);
        }
        if next == b'/' {
            let after = self.byte(start + 2).unwrap_or(0);
            if after.is_ascii_alphabetic() {
                return self.tag(start, start + 2, true);
            }
            if after == b'>' {
                self.pos = start + 3;
                return Token::Other;
            }
            return self.bogus_comment(start + 2);
        }
        if self.bytes.get(start..start + 4) == Some(b"<!--") {
            let body = start + 4;
            self.pos = if self.byte(body) == Some(b'>') {
                body + 1
            } else if self.bytes.get(body..body + 2) == Some(b"->") {
                body + 2
            } else {
                // An unclosed comment runs to the end, as in browsers.
                self.src.get(body..).and_then(|r| r.find("-->")).map_or(self.bytes.len(), |p| body + p + 3)
            };
            return Token::Other;
        }
        self.bogus_comment(start + 2)
    }

    /// Doctype, `<?…>`, `</ …>`: skipped up to the next `>`.
    fn bogus_comment(&mut self, from: usize) -> Token {
        self.pos = self.find_byte(from, b'>').map_or(self.bytes.len(), |p| p + 1);
        Token::Other
    }

    /// Reads a start or end tag whose name starts at `name_start`.
    fn tag(&mut self, start: usize, name_start: usize, end_tag: bool) -> Token {
        let name_end = self
            .bytes
            .get(name_start..)
            .and_then(|rest| rest.iter().position(|&b| is_space(b) || b == b'/' || b == b'>'))
            .map_or(self.bytes.len(), |p| name_start + p);
        let name = self.src.get(name_start..name_end).unwrap_or_default().to_ascii_lowercase();
        let Some((end, self_closing)) = self.attributes(name_end) else {
            self.pos = self.bytes.len();
            self.attrs.clear();
            return Token::Unterminated(start);
        };
        self.pos = end;
        if end_tag {
            self.attrs.clear();
            return Token::End { name };
        }
        if !self_closing {
            self.raw = raw_text_end(&name);
        }
        Token::Start { name, self_closing }
    }

    /// Reads attributes from `i` up to and including `>`: the offset after it and whether the
    /// tag ended with `/>`. `None` when the input ends first (inside a quoted value, say).
    fn attributes(&mut self, mut i: usize) -> Option<(usize, bool)> {
        self.attrs.clear();
        let mut self_closing = false;
        loop {
            let c = self.byte(i)?;
            if c == b'>' {
                return Some((i + 1, self_closing));
            }
            if is_space(c) {
                i += 1;
                continue;
            }
            if c == b'/' {
                i += 1;
                self_closing = self.byte(i) == Some(b'>');
                continue;
            }
            self_closing = false;
            let name_start = i;
            i += 1;
            while let Some(c) = self.byte(i) {
                if is_space(c) || matches!(c, b'/' | b'>' | b'=') {
                    break;
                }
                i += 1;
            }
            let name = name_start..i;
            let mut k = i;
            while self.byte(k).is_some_and(is_space) {
                k += 1;
            }
            let mut value = None;
            if self.byte(k) == Some(b'=') {
                k += 1;
                while self.byte(k).is_some_and(is_space) {
                    k += 1;
                }
                match self.byte(k)? {
                    q @ (b'"' | b'\'') => {
                        let close = self.find_byte(k + 1, q)?;
                        value = Some(k + 1..close);
                        i = close + 1;
                    }
                    _ => {
                        let v = k;
                        while self.byte(k).is_some_and(|c| !is_space(c) && c != b'>') {
                            k += 1;
                        }
                        value = Some(v..k);
                        i = k;
                    }
                }
            }
            self.attrs.push(Attr { name, value });
        }
    }

    /// Offset of the end tag `</name` closing a raw text element at or after `from`, or the end.
    fn raw_end(&self, from: usize, name: &str) -> usize {
        let mut at = from;
        while let Some(lt) = self.find_byte(at, b'<') {
            let name_start = lt + 2;
            let name_end = name_start + name.len();
            if self.byte(lt + 1) == Some(b'/')
                && self
                    .bytes
                    .get(name_start..name_end)
                    .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
                && match self.byte(name_end) {
                    None => true,
                    Some(c) => is_space(c) || c == b'/' || c == b'>',
                }
            {
                return lt;
            }
            at = lt + 1;
        }
        self.bytes.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(src: &str) -> String {
        extract(src).text
    }

    #[test]
    fn entity_before_number_maps_exactly() {
        let src = "<p>A &amp; B: 3,744</p>";
        let e = extract(src);
        assert_eq!(e.text, "A & B: 3,744");
        assert_eq!(e.map.map_range(7..12), 14..19);
        assert_eq!(e.map.map_range(2..3), 5..10);
    }

    #[test]
    fn scripts_nav_and_chrome_dropped() {
        let src = "<!DOCTYPE html><html><head><title>T 1</title><style>p{}</style></head><body>\
                   <nav>Home 2</nav><header>Site 3</header><script>var x = '<p>4</p>';</script>\
                   <p>Kept 5.</p><!-- c 6 --><form><button>Go 7</button></form><footer>F 8</footer></body></html>";
        assert_eq!(text(src), "Kept 5.");
    }

    #[test]
    fn article_is_preferred() {
        let src = "<body><p>Teaser 1</p><article><header><h1>Quake</h1></header><p>Deaths: 20</p>\
                   <aside>Related 9</aside></article><p>More 2</p></body>";
        let e = extract(src);
        assert_eq!(e.text, "Quake\n\nDeaths: 20");
        assert_eq!(e.headings, vec![0..5]);
    }

    #[test]
    fn main_when_no_article_and_fallback_when_article_empty() {
        assert_eq!(text("<p>x</p><main><p>y</p></main>"), "y");
        assert_eq!(text("<article></article><p>only</p>"), "only");
    }

    #[test]
    fn whitespace_collapses_and_blocks_break() {
        let src =
            "<div>  a\n\t b <b>c</b>d<br>e<ul><li>f</li><li>g</li></ul>h&nbsp;&nbsp;i &#x33;&#52;</div>";
        assert_eq!(text(src), "a b cd\ne\n\nf\ng\n\nh i 34");
    }

    #[test]
    fn published_from_meta_or_time() {
        let src = "<head><meta property=\"article:published_time\" content=\"2025-11-22T08:00:00Z\"></head>\
                   <p><time datetime=\"2025-11-21\">x</time></p>";
        assert_eq!(extract(src).published.as_deref(), Some("2025-11-22T08:00:00Z"));
        let src = "<p><time datetime='2025-11-21'>Friday</time></p>";
        assert_eq!(extract(src).published.as_deref(), Some("2025-11-21"));
    }

    #[test]
    fn deep_nesting_is_iterative() {
        let mut src = "<div>".repeat(100_000);
        src.push_str("deep 7");
        src.push_str(&"</div>".repeat(100_000));
        assert_eq!(text(&src), "deep 7");
        let open_only = format!("{}x", "<div>".repeat(100_000));
        assert_eq!(text(&open_only), "x");
    }

    #[test]
    fn malformed_markup_does_not_panic() {
        assert_eq!(text("<p>unclosed <b>bold <i>it"), "unclosed bold it");
        assert_eq!(text("a < b and 3<5 </ x> c"), "a < b and 3<5 c");
        let e = extract("<p>ok</p><p class=\"x\ny>never");
        assert_eq!(e.text, "ok");
        assert_eq!(e.unterminated, Some(9));
        assert_eq!(text("<p title=\"a\nb\">multi-line attr</p>"), "multi-line attr");
        assert_eq!(text("x <!-- never closed"), "x");
        assert_eq!(text("<script>never closed"), "");
        assert_eq!(text("&#xFFFFFFFFFF; &#0; &bogus; &"), "\u{FFFD} \u{FFFD} &bogus; &");
        for s in ["<", "</", "<!", "<a", "<a b", "<a b=", "<a b='", "&#", "&#x", "<p>\u{e9}<", "</p\u{e9}"] {
            let _ = extract(s);
        }
    }

    #[test]
    fn head_closes_implicitly() {
        assert_eq!(text("<html><head><title>T</title><p>Body 1</p>"), "Body 1");
    }

    #[test]
    fn tokenizer_reads_attributes() {
        let mut t = Tokenizer::new("<A Href = 'x&amp;y' data-n=3 checked/>");
        assert_eq!(t.next_token(), Some(Token::Start { name: "a".into(), self_closing: true }));
        assert_eq!(t.attr("href").as_deref(), Some("x&y"));
        assert_eq!(t.attr("data-n").as_deref(), Some("3"));
        assert!(t.has_attr("checked"));
        assert_eq!(t.next_token(), None);
    }
}
