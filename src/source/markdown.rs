//! Markdown: the visible text of a CommonMark document, mapped back to its source.
//!
//! pulldown-cmark does the parsing and reports a source range for every event. Text events are
//! the source bytes themselves except for entities, so they map exactly; an entity maps as a
//! whole. What a reader does not see as prose is dropped: code blocks, HTML blocks, image alt
//! text, link URLs, footnote markers and YAML front matter (whose `date:` is kept aside as the
//! publication date).

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::map::{split_ws, OffsetMap, TextBuilder, LINE, PARA};

/// What a Markdown document yields.
pub(crate) struct Extracted {
    pub text: String,
    pub map: OffsetMap,
    pub headings: Vec<std::ops::Range<usize>>,
    pub published: Option<String>,
}

/// Extracts the visible text of `src`.
pub(crate) fn extract(src: &str) -> Extracted {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut b = TextBuilder::default();
    let mut published = None;
    // Depth of elements whose text is not shown (code blocks, images, HTML blocks).
    let mut hidden = 0usize;
    let mut in_metadata = false;
    for (event, range) in Parser::new_ext(src, options).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::MetadataBlock(_) => in_metadata = true,
                Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::Image { .. } => hidden += 1,
                Tag::Heading { .. } => {
                    b.brk(PARA);
                    b.begin_heading();
                }
                // A list item is a block of its own, tight list or loose: its text never runs into
                // the next item's, whatever surrounds the list.
                Tag::Paragraph
                | Tag::Item
                | Tag::BlockQuote(_)
                | Tag::List(_)
                | Tag::Table(_)
                | Tag::TableHead
                | Tag::TableRow
                | Tag::FootnoteDefinition(_)
                | Tag::DefinitionList => b.brk(PARA),
                Tag::TableCell | Tag::DefinitionListTitle | Tag::DefinitionListDefinition => b.brk(LINE),
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::MetadataBlock(_) => in_metadata = false,
                TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::Image => hidden = hidden.saturating_sub(1),
                TagEnd::Heading(_) => {
                    b.end_heading();
                    b.brk(PARA);
                }
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::Table
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::FootnoteDefinition
                | TagEnd::DefinitionList => b.brk(PARA),
                TagEnd::TableCell | TagEnd::DefinitionListTitle | TagEnd::DefinitionListDefinition => {
                    b.brk(LINE)
                }
                _ => {}
            },
            Event::Text(text) if in_metadata => published = published.or_else(|| front_matter_date(&text)),
            Event::Text(text) if hidden == 0 => push_event_text(&mut b, src, &text, range, false),
            Event::Code(text) if hidden == 0 => push_event_text(&mut b, src, &text, range, true),
            Event::SoftBreak if hidden == 0 => b.space(range),
            Event::HardBreak if hidden == 0 => b.brk(LINE),
            Event::InlineHtml(html) if hidden == 0 && is_br(&html) => b.brk(LINE),
            Event::Rule => b.brk(PARA),
            _ => {}
        }
    }
    let (text, map, headings) = b.finish();
    Extracted { text, map, headings, published }
}

/// Writes the text of one event: exactly mapped when it is a slice of the source range (plain
/// text, inline code found inside its backticks), as a whole-range replacement otherwise
/// (entities: `&amp;` gives "&", which must not map to the entity's first byte only).
fn push_event_text(b: &mut TextBuilder, src: &str, text: &str, range: std::ops::Range<usize>, code: bool) {
    let Some(slice) = src.get(range.clone()) else {
        b.replaced(text, range);
        return;
    };
    if slice == text {
        b.inline(text, range.start);
        return;
    }
    if code {
        push_code(b, slice, text, range.start);
        return;
    }
    b.replaced(text, range);
}

/// Writes an inline code span. Its text is its source between the backticks, give or take
/// whitespace (line endings become spaces, an edge space is stripped, a block quote's `>` is
/// dropped), so each word is found in order in the source and maps exactly.
fn push_code(b: &mut TextBuilder, slice: &str, text: &str, base: usize) {
    let mut cursor = 0;
    let mut space = false;
    for (piece, is_space) in split_ws(text) {
        if is_space {
            space = true;
            continue;
        }
        match slice.get(cursor..).and_then(|rest| rest.find(piece)) {
            Some(p) => {
                let at = cursor + p;
                if space {
                    b.space(base + cursor..base + at);
                }
                b.inline(piece, base + at);
                cursor = at + piece.len();
            }
            None => {
                if space {
                    b.space(base..base + slice.len());
                }
                b.replaced(piece, base..base + slice.len());
            }
        }
        space = false;
    }
    if space {
        b.space(base + cursor..base + slice.len());
    }
}

/// Whether an inline HTML fragment is a line break tag (`<br>`, `<br/>`, `<BR />`).
fn is_br(html: &str) -> bool {
    let inner = html.trim().trim_start_matches('<').trim_end_matches('>').trim_end_matches('/').trim();
    inner.eq_ignore_ascii_case("br")
}

/// The raw value of a `date:` line in YAML front matter, without quotes.
fn front_matter_date(yaml: &str) -> Option<String> {
    yaml.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        if !key.trim().eq_ignore_ascii_case("date") || line.starts_with([' ', '\t']) {
            return None;
        }
        let value = value.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value)
            .trim();
        (!value.is_empty()).then(|| value.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_emphasis_and_link() {
        let src = "# Title\n\nPolice *arrested* [3,744](http://x) people.";
        let e = extract(src);
        assert_eq!(e.text, "Title\n\nPolice arrested 3,744 people.");
        assert_eq!(e.headings, vec![0..5]);
        assert_eq!(e.map.map_range(23..28), 28..33);
    }

    #[test]
    fn dropped_blocks() {
        let src = "Text `a  b` ![alt 9](img.png) x<br>y\n\n```\ncode 12\n```\n\n<div>\nhtml 13\n</div>\n\nEnd[^1].\n\n[^1]: Note.\n";
        let e = extract(src);
        assert_eq!(e.text, "Text a b x\ny\n\nEnd.\n\nNote.");
        // The inline code maps inside its backticks.
        assert_eq!(e.map.map_range(5..6), 6..7);
        // A code span across a line break still maps exactly.
        let e = extract("Run `cargo\r\ntest` now");
        assert_eq!(e.text, "Run cargo test now");
        assert_eq!(e.map.map_range(10..14), 12..16);
    }

    #[test]
    fn entity_maps_to_whole_entity() {
        let src = "A &amp; B: 3,744";
        let e = extract(src);
        assert_eq!(e.text, "A & B: 3,744");
        assert_eq!(e.map.map_range(2..3), 2..7);
        assert_eq!(e.map.map_range(7..12), 11..16);
    }

    #[test]
    fn front_matter_is_skipped_and_date_kept() {
        let src = "---\ntitle: \"Quake\"\ndate: \"2025-11-22\"\n---\n\n# Quake\n\nBody.\n";
        let e = extract(src);
        assert_eq!(e.text, "Quake\n\nBody.");
        assert_eq!(e.published.as_deref(), Some("2025-11-22"));
        assert_eq!(e.headings, vec![0..5]);
        assert_eq!(e.map.map_range(0..5), 45..50);
    }

    #[test]
    fn lists_tables_and_setext() {
        let src = "Head\n====\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        let e = extract(src);
        assert_eq!(e.text, "Head\n\none\n\ntwo\n\na\nb\n\n1\n2");
        assert_eq!(e.headings, vec![0..4]);
    }
}
