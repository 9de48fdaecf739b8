//! Offset maps: how a byte of one text corresponds to bytes of another.
//!
//! Loading goes through two maps, applied one after the other when a claim is located: the
//! extracted text maps to the decoded file text (markup removed, whitespace collapsed, entities
//! decoded), and the decoded text maps to the original file bytes (BOM, invalid UTF-8, UTF-16).
//! Both are tables of segments sorted by output offset, so building is O(n) and a lookup is a
//! binary search. A segment is either exact (the same bytes on both sides, so offsets inside it
//! map one to one) or atomic (a replacement such as `&amp;` → `&`, which maps only as a whole).
//! [`TextBuilder`] produces the extracted text and its map together, so that the two can never
//! drift apart.

use std::ops::Range;

/// One run of output bytes and the source bytes it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Seg {
    /// Start in the output text.
    pub out: usize,
    /// Start in the source.
    pub src: usize,
    /// Length in the output text; never zero.
    pub out_len: usize,
    /// Length in the source; may be zero for inserted text such as a paragraph break.
    pub src_len: usize,
    /// Whether output and source bytes correspond one to one.
    pub exact: bool,
}

/// A map from offsets of an output text to offsets of its source.
#[derive(Debug, Clone, Default)]
pub(crate) struct OffsetMap {
    segs: Vec<Seg>,
}

impl OffsetMap {
    /// A map where output and source are the same `len` bytes shifted by `shift`.
    pub fn shifted(len: usize, shift: usize) -> Self {
        let mut map = OffsetMap::default();
        map.push(0, shift, len, len, true);
        map
    }

    /// Appends a segment, merging it into the previous one when both are exact and contiguous
    /// (which keeps the table as small as the number of real changes).
    pub fn push(&mut self, out: usize, src: usize, out_len: usize, src_len: usize, exact: bool) {
        if out_len == 0 {
            return;
        }
        let exact = exact && out_len == src_len;
        if let Some(last) = self.segs.last_mut() {
            if exact && last.exact && last.out + last.out_len == out && last.src + last.src_len == src {
                last.out_len += out_len;
                last.src_len += src_len;
                return;
            }
        }
        self.segs.push(Seg { out, src, out_len, src_len, exact });
    }

    /// The segment holding output byte `pos`, or the last one before it.
    fn seg_at(&self, pos: usize) -> Option<&Seg> {
        let idx = self.segs.partition_point(|s| s.out <= pos);
        idx.checked_sub(1).and_then(|i| self.segs.get(i))
    }

    /// The source offset where output byte `pos` starts.
    pub fn map_start(&self, pos: usize) -> usize {
        match self.seg_at(pos) {
            None => self.segs.first().map_or(0, |s| s.src),
            Some(s) if pos >= s.out + s.out_len => s.src + s.src_len,
            Some(s) if s.exact => s.src + (pos - s.out),
            Some(s) => s.src,
        }
    }

    /// The source offset just past output byte `end - 1` (for an exclusive range end).
    pub fn map_end(&self, end: usize) -> usize {
        let Some(last) = end.checked_sub(1) else {
            return self.map_start(0);
        };
        match self.seg_at(last) {
            None => self.segs.first().map_or(0, |s| s.src),
            Some(s) if last >= s.out + s.out_len => s.src + s.src_len,
            Some(s) if s.exact => s.src + (end - s.out),
            Some(s) => s.src + s.src_len,
        }
    }

    /// Maps an output range to a source range; an empty range stays empty.
    pub fn map_range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.map_start(range.start);
        if range.end <= range.start {
            return start..start;
        }
        let end = self.map_end(range.end).max(start);
        start..end
    }

    /// Number of segments, for tests and size checks.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.segs.len()
    }
}

/// Start offsets of the lines of a text; `\n`, `\r\n` and a lone `\r` each end a line.
#[derive(Debug, Clone, Default)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
    /// Every [`CHECKPOINT`] bytes inside a line: (offset, characters from its line's start).
    /// A column is counted from the nearest one, so a file that is one 100 MB line costs no
    /// more per claim than a file of short lines.
    checkpoints: Vec<(usize, usize)>,
}

/// Bytes between two column checkpoints.
const CHECKPOINT: usize = 4096;

/// Whether a byte starts a character (is not a UTF-8 continuation byte).
fn starts_char(b: u8) -> bool {
    (b & 0xC0) != 0x80
}

impl LineIndex {
    /// Indexes `text` in one pass.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        // Room for a line every 64 bytes, as in news text, up to 4,096 lines: an article's
        // lines fit at once, and a huge file reserves no more than 32 KB ahead of its lines.
        let mut starts = Vec::with_capacity((bytes.len() / 64 + 2).min(4096));
        starts.push(0);
        let mut checkpoints = Vec::new();
        let mut line_start = 0;
        // Line ends are found by a byte search; only a line longer than a checkpoint's span
        // (rare outside hostile input) is walked byte by byte.
        let mut lf_of_crlf = None;
        for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if lf_of_crlf == Some(at) {
                continue;
            }
            Self::mark_long_line(bytes, line_start, at + 1, &mut checkpoints);
            let next = if bytes.get(at) == Some(&b'\r') && bytes.get(at + 1) == Some(&b'\n') {
                lf_of_crlf = Some(at + 1);
                at + 2
            } else {
                at + 1
            };
            starts.push(next);
            line_start = next;
        }
        Self::mark_long_line(bytes, line_start, bytes.len(), &mut checkpoints);
        LineIndex { starts, checkpoints }
    }

    /// Checkpoints every [`CHECKPOINT`] bytes (on a character start) of the line starting at
    /// `start`, up to `end` (its line break included): byte offset and characters before it.
    fn mark_long_line(bytes: &[u8], start: usize, end: usize, checkpoints: &mut Vec<(usize, usize)>) {
        if end.saturating_sub(start) <= CHECKPOINT {
            return;
        }
        let mut next_mark = start + CHECKPOINT;
        let mut chars = 0;
        for (i, &b) in bytes.iter().enumerate().take(end).skip(start) {
            if starts_char(b) {
                if i >= next_mark {
                    checkpoints.push((i, chars));
                    next_mark = i + CHECKPOINT;
                }
                chars += 1;
            }
        }
    }

    /// 1-based line and 1-based column in characters of byte `pos` of `text` (the text that was
    /// indexed). Counting characters as bytes that do not continue a UTF-8 sequence never
    /// panics, even off a character boundary.
    pub fn line_column(&self, text: &str, pos: usize) -> (usize, usize) {
        let pos = pos.min(text.len());
        let line = self.starts.partition_point(|&s| s <= pos).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let (from, base) = match self.checkpoints.partition_point(|&(o, _)| o <= pos) {
            0 => (start, 0),
            k => match self.checkpoints.get(k - 1) {
                Some(&(o, c)) if o >= start => (o, c),
                _ => (start, 0),
            },
        };
        let span = text.as_bytes().get(from..pos).unwrap_or_default();
        // Most lines are ASCII, where every byte is a character: one vector test instead of a
        // look at each byte.
        let chars =
            if span.is_ascii() { span.len() } else { span.iter().filter(|&&c| starts_char(c)).count() };
        let column = 1 + base + chars;
        (line, column)
    }
}

/// Builds extracted text and its map to the decoded source, block by block.
///
/// Whitespace is collapsed the way a browser renders it: a run of whitespace becomes one space,
/// dropped at the start and end of a block. Block boundaries are requested with [`brk`] and only
/// written when more text follows, so the text never starts or ends with a break and two
/// requests never stack up.
///
/// [`brk`]: TextBuilder::brk
#[derive(Debug, Default)]
pub(crate) struct TextBuilder {
    text: String,
    map: OffsetMap,
    /// 0: none, 1: line break, 2: paragraph break.
    pending_break: u8,
    pending_space: Option<Range<usize>>,
    /// Source offset just past the last text written; breaks map here.
    last_src_end: usize,
    heading_open: bool,
    heading_start: Option<usize>,
    headings: Vec<Range<usize>>,
}

/// A line break between blocks ("\n").
pub(crate) const LINE: u8 = 1;
/// A paragraph break between blocks ("\n\n").
pub(crate) const PARA: u8 = 2;

impl TextBuilder {
    /// Requests a block boundary of at least `level` ([`LINE`] or [`PARA`]). A heading cannot
    /// span a block boundary, so an open heading that has text is closed here.
    pub fn brk(&mut self, level: u8) {
        if self.heading_open && self.heading_start.is_some() {
            self.end_heading();
        }
        self.pending_break = self.pending_break.max(level);
        self.pending_space = None;
    }

    /// Notes whitespace at `src`; it becomes one space if more text follows in the same block.
    pub fn space(&mut self, src: Range<usize>) {
        if self.pending_space.is_none() {
            self.pending_space = Some(src);
        } else if let Some(r) = self.pending_space.as_mut() {
            r.end = src.end.max(r.end);
        }
    }

    /// Writes pending break or space before new text.
    fn flush(&mut self) {
        if self.text.is_empty() {
            self.pending_break = 0;
            self.pending_space = None;
        }
        if self.pending_break > 0 {
            let s = if self.pending_break >= PARA { "\n\n" } else { "\n" };
            self.map.push(self.text.len(), self.last_src_end, s.len(), 0, false);
            self.text.push_str(s);
            self.pending_break = 0;
            self.pending_space = None;
        } else if let Some(r) = self.pending_space.take() {
            self.map.push(self.text.len(), r.start, 1, r.end.saturating_sub(r.start), r.len() == 1);
            self.text.push(' ');
        }
        if self.heading_open && self.heading_start.is_none() {
            self.heading_start = Some(self.text.len());
        }
    }

    /// Writes `s` (no whitespace in it), which is exactly the source bytes at `src`.
    fn word(&mut self, s: &str, src: usize) {
        if s.is_empty() {
            return;
        }
        self.flush();
        self.map.push(self.text.len(), src, s.len(), s.len(), true);
        self.text.push_str(s);
        self.last_src_end = src + s.len();
    }

    /// Writes `s`, a replacement for the source bytes `src` (an entity, an escaped text run).
    /// Whitespace in `s` is collapsed like any other text.
    pub fn replaced(&mut self, s: &str, src: Range<usize>) {
        for (piece, is_space) in split_ws(s) {
            if is_space {
                self.space(src.clone());
            } else {
                self.flush();
                self.map.push(self.text.len(), src.start, piece.len(), src.len(), false);
                self.text.push_str(piece);
                self.last_src_end = src.end;
            }
        }
    }

    /// Writes `s`, which is exactly the source bytes starting at `src`, collapsing whitespace.
    pub fn inline(&mut self, s: &str, src: usize) {
        let bytes = s.as_bytes();
        let collapsible = |at: usize| bytes.get(at).is_some_and(|&b| is_collapsible(char::from(b)));
        let mut off = 0;
        while off < bytes.len() {
            let mut end = off;
            if collapsible(off) {
                while collapsible(end) {
                    end += 1;
                }
                self.space(src + off..src + end);
            } else {
                // Words with one plain space between them come out exactly as they stand: they
                // are written as one piece, as word by word they would merge into one anyway.
                loop {
                    while end < bytes.len() && !collapsible(end) {
                        end += 1;
                    }
                    if bytes.get(end) == Some(&b' ') && end + 1 < bytes.len() && !collapsible(end + 1) {
                        end += 1;
                    } else {
                        break;
                    }
                }
                self.word(s.get(off..end).unwrap_or_default(), src + off);
            }
            off = end;
        }
    }

    /// Marks the start of a heading; it takes in the text written until the next block boundary
    /// or [`end_heading`](TextBuilder::end_heading).
    pub fn begin_heading(&mut self) {
        if self.heading_open {
            self.end_heading();
        }
        self.heading_open = true;
        self.heading_start = None;
    }

    /// Ends the open heading, recording its range if it has text.
    pub fn end_heading(&mut self) {
        if let Some(start) = self.heading_start.take() {
            if self.text.len() > start {
                self.headings.push(start..self.text.len());
            }
        }
        self.heading_open = false;
    }

    /// Whether no text has been written yet.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The text, its map to the source, and the heading ranges.
    pub fn finish(mut self) -> (String, OffsetMap, Vec<Range<usize>>) {
        self.end_heading();
        (self.text, self.map, self.headings)
    }
}

/// Whether `c` is whitespace that collapses in rendered text (ASCII only: a literal no-break
/// space is kept, as browsers keep it).
pub(crate) fn is_collapsible(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C')
}

/// Splits `s` into alternating runs of collapsible whitespace and other characters.
pub(crate) fn split_ws(s: &str) -> impl Iterator<Item = (&str, bool)> {
    let mut rest = s;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let is_space = is_collapsible(first);
        let len = rest.find(|c: char| is_collapsible(c) != is_space).unwrap_or(rest.len());
        let (piece, tail) = rest.split_at(len);
        rest = tail;
        Some((piece, is_space))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_on_long_lines_match_counting_from_the_line_start() {
        let mut text = String::new();
        for i in 0..10_000 {
            text.push_str(if i % 7 == 0 { "é€ " } else { "ab " });
            if i % 3000 == 2999 {
                text.push_str(["\r\n", "\r", "\n"][(i / 3000) % 3]);
            }
        }
        let index = LineIndex::new(&text);
        assert!(index.checkpoints.len() > 1);
        // Counted from the top, byte by byte: "\r\n" is one break, a lone "\r" or "\n" one each.
        let naive = |pos: usize| {
            let (mut line, mut column) = (1, 1);
            let bytes = text.as_bytes();
            let mut i = 0;
            while i < pos {
                match bytes[i] {
                    b'\r' if bytes.get(i + 1) == Some(&b'\n') && i + 1 < pos => {
                        (line, column) = (line + 1, 1);
                        i += 1;
                    }
                    b'\r' | b'\n' => (line, column) = (line + 1, 1),
                    c if starts_char(c) => column += 1,
                    _ => {}
                }
                i += 1;
            }
            (line, column)
        };
        assert_eq!(index.starts.len(), 4);
        // Inside a "\r\n" is no place a claim starts; every other position is checked.
        let inside_crlf = |pos: usize| text.as_bytes().get(pos.wrapping_sub(1)..=pos) == Some(b"\r\n");
        for pos in (0..=text.len()).filter(|&p| !inside_crlf(p)) {
            assert_eq!(index.line_column(&text, pos), naive(pos), "at {pos}");
        }
    }

    #[test]
    fn exact_and_atomic_segments() {
        let mut map = OffsetMap::default();
        map.push(0, 3, 4, 4, true); // "abcd" at 3
        map.push(4, 7, 3, 1, false); // U+FFFD for one bad byte at 7
        map.push(7, 8, 2, 2, true); // "ef" at 8
        assert_eq!(map.map_range(1..3), 4..6);
        assert_eq!(map.map_range(4..7), 7..8);
        assert_eq!(map.map_range(5..6), 7..8);
        assert_eq!(map.map_range(2..9), 5..10);
        assert_eq!(map.map_range(9..9), 10..10);
        assert_eq!(map.map_range(50..60), 10..10);
    }

    #[test]
    fn contiguous_exact_segments_merge() {
        let mut map = OffsetMap::default();
        map.push(0, 0, 2, 2, true);
        map.push(2, 2, 2, 2, true);
        map.push(4, 5, 1, 1, true);
        assert_eq!(map.len(), 2);
    }

    #[test]
    fn line_index_handles_all_endings() {
        let text = "a\r\nb\rc\nd\u{e9}x";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_column(text, 0), (1, 1));
        assert_eq!(idx.line_column(text, 3), (2, 1));
        assert_eq!(idx.line_column(text, 5), (3, 1));
        assert_eq!(idx.line_column(text, 7), (4, 1));
        assert_eq!(idx.line_column(text, 10), (4, 3));
        assert_eq!(idx.line_column(text, 999), (4, 4));
    }

    #[test]
    fn inline_gives_what_writing_word_by_word_gives() {
        // The builder fed one word or whitespace run at a time, as `inline` once did.
        fn word_by_word(b: &mut TextBuilder, s: &str, src: usize) {
            let mut off = 0;
            for (piece, is_space) in split_ws(s) {
                if is_space {
                    b.space(src + off..src + off + piece.len());
                } else {
                    b.word(piece, src + off);
                }
                off += piece.len();
            }
        }
        let alphabet = ["a", "bc", " ", " ", "  ", "\t", "\n", "\r\n", "é", "\u{a0}", "\x0C"];
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            usize::try_from(seed >> 33).unwrap() % n
        };
        for _ in 0..500 {
            let (mut ours, mut theirs) = (TextBuilder::default(), TextBuilder::default());
            let mut src = 0;
            for _ in 0..next(6) + 1 {
                let text: String = (0..next(12)).map(|_| alphabet[next(alphabet.len())]).collect();
                match next(4) {
                    0 => {
                        ours.brk(PARA);
                        theirs.brk(PARA);
                    }
                    1 => {
                        ours.begin_heading();
                        theirs.begin_heading();
                    }
                    _ => {}
                }
                ours.inline(&text, src);
                word_by_word(&mut theirs, &text, src);
                src += text.len() + next(3);
            }
            let (ours, theirs) = (ours.finish(), theirs.finish());
            assert_eq!(ours.0, theirs.0);
            assert_eq!(ours.1.segs, theirs.1.segs, "{:?}", ours.0);
            assert_eq!(ours.2, theirs.2);
        }
    }

    #[test]
    fn builder_collapses_and_breaks() {
        let mut b = TextBuilder::default();
        b.brk(PARA);
        b.inline("  a  b ", 0);
        b.brk(LINE);
        b.brk(PARA);
        b.inline("c", 10);
        b.brk(PARA);
        let (text, map, _) = b.finish();
        assert_eq!(text, "a b\n\nc");
        assert_eq!(map.map_range(2..3), 5..6);
        assert_eq!(map.map_range(1..2), 3..5);
        assert_eq!(map.map_range(5..6), 10..11);
    }
}
