//! A phrase automaton that walks two halves of a text at once.
//!
//! The cue pass reads every byte of every text. A table-driven automaton spends that time
//! waiting on memory: each transition is loaded from an address the previous load gave, so one
//! walk cannot go faster than one load after another. Two walks over two halves of the text
//! depend on nothing in each other, and the processor overlaps their loads.
//!
//! The halves are cut just after a byte no phrase contains (a digit, a comma, a line break), so
//! no occurrence crosses the cut and each half is read from the start state. Every occurrence is
//! found, overlapping ones too; the leftmost-longest, non-overlapping matches are then picked
//! from them: at each point, the occurrence that starts first, and the longest of those. That is
//! what `aho_corasick`'s `MatchKind::LeftmostLongest` reports, which a test checks. Unlike the
//! library's search, the caller may decline an occurrence (the cue pass declines one that
//! starts or ends inside a word), and a declined one hides nothing: the occurrences it
//! overlaps are offered next. A long text is read in pieces of 64 KB, so that only one piece's
//! occurrences are held at a time.

use std::ops::Range;

/// The most table entries (states × byte classes) built; a larger phrase set is searched by
/// `aho_corasick` instead. The default rulebook needs about 47,000 (1,564 states, 30 classes).
const MAX_TABLE: usize = 1 << 22;

/// Below this many bytes a text is walked in one piece: cutting it saves less than it costs.
const SPLIT_FROM: usize = 512;

/// How much text is read at a time. The occurrences of one piece are held before the matches
/// are picked from them, not those of a whole file: a large file dense with cue words would
/// otherwise hold all of its occurrences at once.
const PIECE: usize = 1 << 16;

/// Leftmost-longest phrase search, ASCII case ignored: this module's automaton, or
/// `aho_corasick`'s for a phrase set it does not build (an empty phrase, a huge rulebook).
/// Either one finds every occurrence, and the matches are picked from them the same way; an
/// empty phrase (the rulebook refuses them) matches nothing.
#[derive(Debug, Clone)]
pub(crate) enum PhraseSearch {
    /// [`PhraseAutomaton`].
    Own(Box<PhraseAutomaton>),
    /// The library's automaton, which reports overlapping occurrences.
    Library(aho_corasick::AhoCorasick),
}

impl PhraseSearch {
    /// Compiles `phrases`.
    pub(crate) fn new<P: AsRef<[u8]>>(phrases: &[P]) -> Result<PhraseSearch, aho_corasick::BuildError> {
        match PhraseAutomaton::new(phrases) {
            Some(automaton) => Ok(PhraseSearch::Own(Box::new(automaton))),
            None => build_overlapping(phrases).map(PhraseSearch::Library),
        }
    }

    /// The leftmost-longest, non-overlapping matches in `haystack`, in order.
    #[cfg(test)]
    pub(crate) fn find(&self, haystack: &str) -> Vec<PhraseMatch> {
        let mut matches = Vec::new();
        self.for_each_match_where(haystack, |m| {
            matches.push(m);
            true
        });
        matches
    }

    /// Offers `offer` the occurrences in `haystack` in leftmost-longest order: at each point the
    /// one that starts first, and the longest of those. An occurrence taken (`offer` says true)
    /// ends a match, and the search goes on past it; one declined hides nothing, so the
    /// shorter ones at its start and those that start inside it are offered next. With an
    /// `offer` that takes everything, these are [`PhraseSearch::find`]'s matches.
    #[cfg(any(test, fuzzing))]
    pub(crate) fn for_each_match_where(&self, haystack: &str, offer: impl FnMut(PhraseMatch) -> bool) {
        self.for_each_match_setting_aside(haystack, Aside::none(), offer);
    }

    /// [`PhraseSearch::for_each_match_where`] for the phrases listed before `aside.first`; every
    /// occurrence of a phrase from there on is added to `aside.found` instead, in the order
    /// they would be offered, and hides nothing. One walk over the text serves two searches
    /// that pick their matches apart.
    pub(crate) fn for_each_match_setting_aside(
        &self,
        haystack: &str,
        aside: Aside<'_>,
        offer: impl FnMut(PhraseMatch) -> bool,
    ) {
        match self {
            PhraseSearch::Own(automaton) => {
                automaton.for_each_match_where(haystack.as_bytes(), PIECE, aside, offer);
            }
            PhraseSearch::Library(automaton) => {
                let longest = automaton.max_pattern_len();
                let occurrences = |span: Range<usize>, found: &mut Vec<PhraseMatch>| {
                    let input = aho_corasick::Input::new(haystack).span(span);
                    // Built with the standard match kind, which overlapping search needs.
                    if let Ok(all) = automaton.try_find_overlapping_iter(input) {
                        found.extend(all.map(|m| PhraseMatch {
                            start: m.start(),
                            end: m.end(),
                            phrase: m.pattern().as_usize(),
                        }));
                    }
                };
                pick_by_pieces(haystack.len(), longest, PIECE, occurrences, aside, offer);
            }
        }
    }
}

/// The phrases whose occurrences are set aside rather than offered, and where they go.
pub(crate) struct Aside<'a> {
    /// The index of the first such phrase: those listed from it on.
    pub first: usize,
    /// Where their occurrences are added, in leftmost-longest order.
    pub found: Option<&'a mut Vec<PhraseMatch>>,
}

impl Aside<'_> {
    /// No phrase set aside.
    #[cfg(any(test, fuzzing))]
    fn none() -> Aside<'static> {
        Aside { first: usize::MAX, found: None }
    }
}

/// The library's case-insensitive automaton for `patterns` that reports every occurrence, for
/// phrase sets [`PhraseAutomaton`] does not build: a DFA, which searches about three times
/// faster than the default on news text, unless the phrases are too many for one (then
/// whatever the library picks).
fn build_overlapping<P: AsRef<[u8]>>(
    patterns: &[P],
) -> Result<aho_corasick::AhoCorasick, aho_corasick::BuildError> {
    let builder = |kind| {
        aho_corasick::AhoCorasickBuilder::new()
            .kind(kind)
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::Standard)
            .build(patterns)
    };
    builder(Some(aho_corasick::AhoCorasickKind::DFA)).or_else(|_| builder(None))
}

/// The library's own leftmost-longest search: what the matches are held to in the tests and
/// by the fuzzer.
#[cfg(any(test, fuzzing))]
fn build_reference<P: AsRef<[u8]>>(
    patterns: &[P],
) -> Result<aho_corasick::AhoCorasick, aho_corasick::BuildError> {
    aho_corasick::AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(patterns)
}

/// Reads a haystack of `len` bytes `piece` bytes at a time and offers the occurrences of each
/// piece as [`PhraseSearch::for_each_match_where`] says. `occurrences(span, found)` adds to
/// `found` every occurrence that lies within `span`; a piece's span runs on as far as the
/// longest phrase (`longest` bytes) reaches, and what starts past the piece is left to the
/// next one, which finds it again. Only one piece's occurrences are held at a time. The
/// occurrences of the phrases `aside` names go there and are not offered.
fn pick_by_pieces(
    len: usize,
    longest: usize,
    piece: usize,
    mut occurrences: impl FnMut(Range<usize>, &mut Vec<PhraseMatch>),
    mut aside: Aside<'_>,
    mut offer: impl FnMut(PhraseMatch) -> bool,
) {
    // News text holds an occurrence every few dozen bytes (overlapping ones counted): room for
    // most pieces' at once, instead of growing from nothing through every text.
    let mut found = Vec::with_capacity(len.min(piece) / 32 + 8);
    let mut resume = 0;
    let mut from = 0;
    while from < len {
        let to = from.saturating_add(piece.max(1)).min(len);
        let reach = to.saturating_add(longest).min(len);
        found.clear();
        occurrences(from..reach, &mut found);
        // An empty phrase (only the library's automaton takes one) matches nothing.
        found.retain(|m| m.start < to && m.start < m.end);
        found.sort_unstable_by_key(|m| (m.start, std::cmp::Reverse(m.end), m.phrase));
        if let Some(set_aside) = aside.found.as_deref_mut() {
            let first = aside.first;
            set_aside.extend(found.iter().filter(|m| m.phrase >= first));
            found.retain(|m| m.phrase < first);
        }
        for &m in &found {
            if m.start >= resume && offer(m) {
                resume = m.end;
            }
        }
        from = to;
    }
}

/// Every phrase of a set, ASCII case ignored, compiled into one deterministic automaton.
#[derive(Debug, Clone)]
pub(crate) struct PhraseAutomaton {
    /// Byte class of each byte: 0 for bytes in no phrase, ASCII capitals with their lowercase.
    classes: [u8; 256],
    /// Transitions, one row of `stride` entries per state; an entry is the row's start. Padded
    /// with zeros to a power of two (see [`PhraseAutomaton::entry`]).
    table: Vec<u32>,
    /// Entries per row: the number of byte classes.
    stride: u32,
    /// The row of the start state (no phrase begun).
    start: u32,
    /// Rows from this one on end at least one phrase (states are numbered so).
    first_output: u32,
    /// For each row from `first_output` on, its phrases: a range of `output_list`.
    output_ranges: Vec<Range<u32>>,
    /// Phrase indexes, in runs named by `output_ranges`.
    output_list: Vec<u32>,
    /// Each phrase's length in bytes.
    lengths: Vec<u32>,
    /// The longest phrase's length in bytes.
    longest: usize,
}

/// One match: byte range and phrase index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PhraseMatch {
    /// Byte offset of the match.
    pub start: usize,
    /// Byte offset past the match.
    pub end: usize,
    /// Index of the phrase in the list the automaton was built from.
    pub phrase: usize,
}

impl PhraseAutomaton {
    /// Compiles `phrases`; `None` if one is empty or the table would pass [`MAX_TABLE`].
    pub(crate) fn new<P: AsRef<[u8]>>(phrases: &[P]) -> Option<PhraseAutomaton> {
        let mut classes = [0u8; 256];
        let mut count: usize = 1;
        for phrase in phrases {
            let phrase = phrase.as_ref();
            if phrase.is_empty() || u32::try_from(phrase.len()).is_err() {
                return None;
            }
            for &b in phrase {
                let slot = classes.get_mut(usize::from(b.to_ascii_lowercase()))?;
                if *slot == 0 {
                    *slot = u8::try_from(count).ok()?;
                    count += 1;
                }
            }
        }
        for upper in b'A'..=b'Z' {
            let lower = *classes.get(usize::from(upper.to_ascii_lowercase()))?;
            *classes.get_mut(usize::from(upper))? = lower;
        }
        let stride = count;
        // The trie: `NONE` where a state has no child for a class.
        const NONE: u32 = u32::MAX;
        let mut goto: Vec<u32> = vec![NONE; stride];
        let mut own: Vec<Vec<u32>> = vec![Vec::new()];
        for (index, phrase) in phrases.iter().enumerate() {
            let mut state = 0usize;
            for &b in phrase.as_ref() {
                let slot = state * stride + usize::from(*classes.get(usize::from(b))?);
                let next = *goto.get(slot)?;
                state = if next == NONE {
                    let created = own.len();
                    if (created + 1) * stride > MAX_TABLE {
                        return None;
                    }
                    *goto.get_mut(slot)? = u32::try_from(created).ok()?;
                    goto.extend(std::iter::repeat_n(NONE, stride));
                    own.push(Vec::new());
                    created
                } else {
                    next as usize
                };
            }
            own.get_mut(state)?.push(u32::try_from(index).ok()?);
        }
        let states = own.len();
        // Breadth first, so that a state's fallback (its longest proper suffix in the trie) is
        // complete before the state: its transitions and phrases are inherited from there.
        let mut delta: Vec<u32> = vec![0; states * stride];
        let mut fallback: Vec<u32> = vec![0; states];
        let mut outputs: Vec<Vec<u32>> = own;
        let mut queue = std::collections::VecDeque::from([0u32]);
        while let Some(state) = queue.pop_front() {
            let state = state as usize;
            let back = *fallback.get(state)? as usize;
            for class in 0..stride {
                let child = *goto.get(state * stride + class)?;
                let inherited = if state == 0 { 0 } else { *delta.get(back * stride + class)? };
                if child == NONE {
                    *delta.get_mut(state * stride + class)? = inherited;
                    continue;
                }
                *delta.get_mut(state * stride + class)? = child;
                let child = child as usize;
                *fallback.get_mut(child)? = inherited;
                let mut from_suffix = outputs.get(inherited as usize)?.clone();
                outputs.get_mut(child)?.append(&mut from_suffix);
                queue.push_back(u32::try_from(child).ok()?);
            }
        }
        // States that end no phrase first, so that "ends a phrase" is one comparison.
        let quiet = outputs.iter().filter(|o| o.is_empty()).count();
        let mut number = vec![0u32; states];
        let (mut next_quiet, mut next_loud) = (0u32, u32::try_from(quiet).ok()?);
        for (state, out) in outputs.iter().enumerate() {
            let slot = number.get_mut(state)?;
            if out.is_empty() {
                *slot = next_quiet;
                next_quiet += 1;
            } else {
                *slot = next_loud;
                next_loud += 1;
            }
        }
        let stride32 = u32::try_from(stride).ok()?;
        // A power of two long, so that the walks can mask an entry's index into the table
        // instead of testing it (the padding is never reached: see `entry`).
        let mut table = vec![0u32; (states * stride).next_power_of_two()];
        for state in 0..states {
            let row = *number.get(state)? as usize * stride;
            for class in 0..stride {
                let target = *delta.get(state * stride + class)?;
                *table.get_mut(row + class)? = number.get(target as usize)?.checked_mul(stride32)?;
            }
        }
        let mut output_ranges = vec![0..0; states - quiet];
        let mut output_list = Vec::new();
        for (state, out) in outputs.iter().enumerate() {
            if let Some(k) = (*number.get(state)? as usize).checked_sub(quiet) {
                let from = u32::try_from(output_list.len()).ok()?;
                output_list.extend_from_slice(out);
                *output_ranges.get_mut(k)? = from..u32::try_from(output_list.len()).ok()?;
            }
        }
        let lengths = phrases.iter().map(|p| u32::try_from(p.as_ref().len()).ok()).collect::<Option<_>>()?;
        let longest = phrases.iter().map(|p| p.as_ref().len()).max().unwrap_or(0);
        Some(PhraseAutomaton {
            classes,
            table,
            stride: stride32,
            start: number.first()?.checked_mul(stride32)?,
            first_output: u32::try_from(quiet).ok()?.checked_mul(stride32)?,
            output_ranges,
            output_list,
            lengths,
            longest,
        })
    }

    /// The leftmost-longest, non-overlapping matches in `haystack`, in order.
    #[cfg(any(test, fuzzing))]
    pub(crate) fn find(&self, haystack: &[u8]) -> Vec<PhraseMatch> {
        let mut matches = Vec::new();
        self.for_each_match_where(haystack, PIECE, Aside::none(), |m| {
            matches.push(m);
            true
        });
        matches
    }

    /// [`PhraseSearch::for_each_match_where`], reading `piece` bytes at a time.
    fn for_each_match_where(
        &self,
        haystack: &[u8],
        piece: usize,
        aside: Aside<'_>,
        offer: impl FnMut(PhraseMatch) -> bool,
    ) {
        // The right half of a split piece: about half of what `found` takes.
        let mut right_found = Vec::with_capacity(haystack.len().min(piece) / 64 + 8);
        let occurrences = |span: Range<usize>, found: &mut Vec<PhraseMatch>| {
            let Some(text) = haystack.get(span.clone()) else { return };
            match (text.len() >= SPLIT_FROM).then(|| self.cut_after(text, text.len() / 2)).flatten() {
                Some(cut) => {
                    let (left, right) = text.split_at(cut);
                    right_found.clear();
                    self.walk_two(left, right, span.start, span.start + cut, found, &mut right_found);
                    found.append(&mut right_found);
                }
                None => self.walk(text, span.start, self.start, found),
            }
        };
        pick_by_pieces(haystack.len(), self.longest, piece, occurrences, aside, offer);
    }

    /// Just past the first byte at or after `at` that no phrase contains, if that is before
    /// the end of `haystack`.
    fn cut_after(&self, haystack: &[u8], at: usize) -> Option<usize> {
        let after = haystack.get(at..)?.iter().position(|&b| self.class(b) == 0)?;
        Some(at + after + 1).filter(|&cut| cut < haystack.len())
    }

    /// The entry at `index` of `table`. Every entry is a row start and a class is below the
    /// stride, so the index is always inside the rows; the table is a power of two long, so
    /// masking the index keeps it there without a test the compiler cannot remove.
    #[inline(always)]
    fn entry(table: &[u32], index: u32) -> u32 {
        let mask = table.len().wrapping_sub(1);
        table.get(index as usize & mask).copied().unwrap_or(0)
    }

    #[inline(always)]
    fn class(&self, byte: u8) -> u32 {
        // A u8 is always below 256: the check is compiled away.
        u32::from(self.classes.get(usize::from(byte)).copied().unwrap_or(0))
    }

    /// Walks `bytes` from `state` until a state that ends a phrase, or the end: how many bytes
    /// were read and the state reached. Kept apart from the recording, and out of line, so
    /// that the loop's values stay in registers (inlined into the cue pass, they were spilled
    /// to the stack and read back at every byte).
    #[inline(never)]
    fn run_one(&self, bytes: &[u8], mut state: u32) -> (usize, u32) {
        let table = self.table.as_slice();
        for (i, &x) in bytes.iter().enumerate() {
            state = Self::entry(table, state + self.class(x));
            if state >= self.first_output {
                return (i + 1, state);
            }
        }
        (bytes.len(), state)
    }

    /// [`PhraseAutomaton::run_one`] over two texts in lockstep, stopping when either walk
    /// reaches a state that ends a phrase. Out of line for the same reason.
    #[inline(never)]
    fn run_two(&self, left: &[u8], right: &[u8], mut a: u32, mut b: u32) -> (usize, u32, u32) {
        let table = self.table.as_slice();
        for (i, (&x, &y)) in left.iter().zip(right).enumerate() {
            a = Self::entry(table, a + self.class(x));
            b = Self::entry(table, b + self.class(y));
            if a.max(b) >= self.first_output {
                return (i + 1, a, b);
            }
        }
        (left.len().min(right.len()), a, b)
    }

    /// Records the phrases ending at `end` in `state`, if it ends any.
    fn record(&self, state: u32, end: usize, found: &mut Vec<PhraseMatch>) {
        let Some(k) = state.checked_sub(self.first_output) else { return };
        if let Some(range) = self.output_ranges.get((k / self.stride) as usize) {
            let phrases = self.output_list.get(range.start as usize..range.end as usize).unwrap_or(&[]);
            found.extend(phrases.iter().map(|&phrase| {
                let length = self.lengths.get(phrase as usize).copied().unwrap_or(0) as usize;
                PhraseMatch { start: end.saturating_sub(length), end, phrase: phrase as usize }
            }));
        }
    }

    /// Walks `bytes` (which start at `offset` of the haystack) from `state`.
    fn walk(&self, bytes: &[u8], offset: usize, mut state: u32, found: &mut Vec<PhraseMatch>) {
        let mut done = 0;
        while let Some(rest) = bytes.get(done..).filter(|rest| !rest.is_empty()) {
            let (read, reached) = self.run_one(rest, state);
            done += read;
            state = reached;
            self.record(state, offset + done, found);
        }
    }

    /// Walks `left` (at `left_offset` of the haystack) and `right` (at `right_offset`) in
    /// lockstep, then what is left of the longer one.
    fn walk_two(
        &self,
        left: &[u8],
        right: &[u8],
        left_offset: usize,
        right_offset: usize,
        left_found: &mut Vec<PhraseMatch>,
        right_found: &mut Vec<PhraseMatch>,
    ) {
        let (mut a, mut b) = (self.start, self.start);
        let both = left.len().min(right.len());
        let mut done = 0;
        while let (Some(x), Some(y)) = (left.get(done..both), right.get(done..both)) {
            if x.is_empty() {
                break;
            }
            let (read, reached_a, reached_b) = self.run_two(x, y, a, b);
            done += read;
            (a, b) = (reached_a, reached_b);
            self.record(a, left_offset + done, left_found);
            self.record(b, right_offset + done, right_found);
        }
        if let Some(rest) = left.get(both..) {
            self.walk(rest, left_offset + both, a, left_found);
        }
        if let Some(rest) = right.get(both..) {
            self.walk(rest, right_offset + both, b, right_found);
        }
    }
}

/// Where [`PhraseAutomaton`] finds other matches of `phrases` in `text` than `aho_corasick`'s
/// leftmost-longest search, or than trying every phrase at every place when occurrences that
/// do not stand as words are declined (as the cue pass declines them), by either automaton: a
/// description of the difference, or `None` (also when the automaton is not built for these
/// phrases). The unit tests and the fuzzer (`fuzz_extract`) hold the automaton to this.
#[cfg(any(test, fuzzing))]
pub fn phrases_disagree(phrases: &[&str], text: &str) -> Option<String> {
    let automaton = PhraseAutomaton::new(phrases)?;
    let ours: Vec<(usize, usize, usize)> =
        automaton.find(text.as_bytes()).iter().map(|m| (m.start, m.end, m.phrase)).collect();
    let library = build_reference(phrases).ok()?;
    let theirs: Vec<(usize, usize, usize)> =
        library.find_iter(text).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect();
    if ours != theirs {
        return Some(format!("{phrases:?}: the automaton found {ours:?}, the library {theirs:?}"));
    }
    let bytes = text.as_bytes();
    let expected = every_place_where(phrases, text, |start, end| stands_alone(bytes, start, end));
    let searches =
        [PhraseSearch::Own(Box::new(automaton)), PhraseSearch::Library(build_overlapping(phrases).ok()?)];
    for search in &searches {
        let mut found = Vec::new();
        search.for_each_match_where(text, |m| {
            let taken = stands_alone(bytes, m.start, m.end);
            if taken {
                found.push((m.start, m.end, m.phrase));
            }
            taken
        });
        if found != expected {
            return Some(format!("{phrases:?} as words: found {found:?}, expected {expected:?}"));
        }
    }
    None
}

/// Whether `start..end` of `bytes` has no ASCII letter or digit right before or after it.
#[cfg(any(test, fuzzing))]
fn stands_alone(bytes: &[u8], start: usize, end: usize) -> bool {
    let word = |at: Option<usize>| at.and_then(|k| bytes.get(k)).is_some_and(u8::is_ascii_alphanumeric);
    !word(start.checked_sub(1)) && !word(Some(end))
}

/// The matches [`PhraseSearch::for_each_match_where`] should take with an `offer` that takes
/// what `accept` accepts, found the slow way: at each place, every phrase is tried, the longest
/// accepted one is taken (the first listed among equals), and the search goes on past it, or
/// one byte on if none is.
#[cfg(any(test, fuzzing))]
fn every_place_where(
    phrases: &[&str],
    text: &str,
    accept: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize, usize)> {
    let bytes = text.as_bytes();
    let mut taken = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let mut here: Vec<(usize, usize)> = phrases
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                !p.is_empty()
                    && bytes.get(at..at + p.len()).is_some_and(|w| w.eq_ignore_ascii_case(p.as_bytes()))
            })
            .map(|(index, p)| (at + p.len(), index))
            .collect();
        here.sort_by_key(|&(end, index)| (std::cmp::Reverse(end), index));
        match here.into_iter().find(|&(end, _)| accept(at, end)) {
            Some((end, index)) => {
                taken.push((at, end, index));
                at = end;
            }
            None => at += 1,
        }
    }
    taken
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(phrases: &[&str], haystack: &str) -> Vec<(usize, usize, usize)> {
        let automaton = build_reference(phrases).expect("builds");
        automaton.find_iter(haystack).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect()
    }

    fn ours(phrases: &[&str], haystack: &str) -> Vec<(usize, usize, usize)> {
        let automaton = PhraseAutomaton::new(phrases).expect("builds");
        automaton.find(haystack.as_bytes()).iter().map(|m| (m.start, m.end, m.phrase)).collect()
    }

    /// Every occurrence of the phrases from `first` on, the slow way, in the order the search
    /// sets them aside: by start, the longest first, then by phrase.
    fn every_occurrence(phrases: &[&str], text: &str, first: usize) -> Vec<(usize, usize, usize)> {
        let bytes = text.as_bytes();
        let mut all = Vec::new();
        for at in 0..bytes.len() {
            for (index, phrase) in phrases.iter().enumerate().skip(first) {
                let end = at + phrase.len();
                if !phrase.is_empty()
                    && bytes.get(at..end).is_some_and(|w| w.eq_ignore_ascii_case(phrase.as_bytes()))
                {
                    all.push((at, end, index));
                }
            }
        }
        all.sort_by_key(|&(start, end, index)| (start, std::cmp::Reverse(end), index));
        all
    }

    #[test]
    fn finds_what_the_library_finds() {
        let phrases =
            ["officer", "police officers", "officers killed", "an earlier", "earlier this year", "a"];
        let text = "Police Officers killed; JAPAN earlier this year, an officer... a";
        assert_eq!(ours(&phrases, text), reference(&phrases, text));
        assert_eq!(
            ours(&phrases, text),
            // "officers killed" and "earlier this year" are hidden by the matches that start
            // before them, as the library hides them.
            vec![(0, 15, 1), (25, 26, 5), (27, 37, 3), (45, 46, 5), (49, 50, 5), (52, 59, 0), (63, 64, 5)]
        );
    }

    #[test]
    fn a_declined_occurrence_hides_nothing() {
        let phrases = ["confirmed cases", "cases", "an earlier", "earlier this year"];
        let text = "40 unconfirmed cases in Japan earlier this year";
        let search = PhraseSearch::new(&phrases).expect("builds");
        assert!(matches!(search, PhraseSearch::Own(_)));
        let library = PhraseSearch::Library(build_overlapping(&phrases).expect("builds"));
        for search in [search, library] {
            let mut offered = Vec::new();
            let mut taken = Vec::new();
            search.for_each_match_where(text, |m| {
                offered.push(&text[m.start..m.end]);
                let alone = stands_alone(text.as_bytes(), m.start, m.end);
                if alone {
                    taken.push(&text[m.start..m.end]);
                }
                alone
            });
            assert_eq!(offered, ["confirmed cases", "cases", "an earlier", "earlier this year"]);
            assert_eq!(taken, ["cases", "earlier this year"]);
            // Taking everything gives the plain leftmost-longest matches.
            let all: Vec<&str> = search.find(text).iter().map(|m| &text[m.start..m.end]).collect();
            assert_eq!(all, ["confirmed cases", "an earlier"]);
        }
    }

    #[test]
    fn empty_phrases_are_left_to_the_library() {
        assert!(PhraseAutomaton::new(&["a", ""]).is_none());
        let none: [&str; 0] = [];
        assert_eq!(PhraseAutomaton::new(&none).expect("builds").find(b"anything"), vec![]);
    }

    #[test]
    fn a_set_it_does_not_build_is_searched_by_the_library() {
        let search = PhraseSearch::new(&["", "ab", "b"]).expect("builds");
        assert!(matches!(search, PhraseSearch::Library(_)));
        let found: Vec<(usize, usize, usize)> =
            search.find("xAb b").iter().map(|m| (m.start, m.end, m.phrase)).collect();
        // The empty phrase matches nothing; the others as the library finds them.
        assert_eq!(found, [(1, 3, 1), (4, 5, 2)]);
        assert_eq!(reference(&["ab", "b"], "xAb b"), [(1, 3, 0), (4, 5, 1)]);
        assert!(matches!(PhraseSearch::new(&["ab"]).expect("builds"), PhraseSearch::Own(_)));
    }

    #[test]
    fn the_default_cues_in_the_examples_match_the_library() {
        let rules = crate::rules::Rulebook::default_rules().expect("default rules load");
        let mut phrases: Vec<String> = rules
            .fields
            .iter()
            .flat_map(|f| f.cues.iter().chain(&f.exclude))
            .map(|p| p.to_lowercase())
            .collect();
        phrases.sort();
        phrases.dedup();
        let phrases: Vec<&str> = phrases.iter().map(String::as_str).collect();
        let mut dirs = vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples")];
        let mut texts = 0;
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("examples are readable") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    dirs.push(path);
                } else if let Ok(text) = std::fs::read_to_string(&path) {
                    // Each text whole, and doubled so that it is long enough to be cut in two.
                    for text in [text.clone(), format!("{text}\n{text}")] {
                        assert_eq!(ours(&phrases, &text), reference(&phrases, &text), "{}", path.display());
                        texts += 1;
                    }
                }
            }
        }
        assert!(texts >= 20, "only {texts} texts");
    }

    /// A small generator, so that the comparison below runs the same cases on every run.
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            ((self.0 >> 33) % n as u64) as usize
        }
    }

    #[test]
    fn random_phrases_and_texts_match_the_library() {
        // A small alphabet makes overlaps, shared prefixes and suffixes common; the comma is in
        // no phrase, so long texts are cut into halves at one.
        let alphabet = [b'a', b'b', b'A', b' ', b'c', b',', 0xC3, 0xA9];
        let mut random = Lcg(7);
        let mut texts_cut = 0;
        for round in 0..400 {
            let mut phrases: Vec<String> = Vec::new();
            for _ in 0..1 + random.below(12) {
                let length = 1 + random.below(6);
                let phrase: String =
                    (0..length).map(|_| ['a', 'b', 'A', ' ', 'c', 'é'][random.below(6)]).collect();
                phrases.push(phrase);
            }
            let phrases: Vec<&str> = phrases.iter().map(String::as_str).collect();
            let length = if round % 4 == 0 { 2000 + random.below(2000) } else { random.below(80) };
            // Every other round without the comma: no byte there that no phrase holds.
            let letters = if round % 2 == 0 { &alphabet[..] } else { &alphabet[..5] };
            let bytes: Vec<u8> = (0..length).map(|_| letters[random.below(letters.len())]).collect();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let automaton = PhraseAutomaton::new(&phrases).expect("builds");
            let bytes = text.as_bytes();
            texts_cut += usize::from(
                text.len() >= SPLIT_FROM && automaton.cut_after(bytes, bytes.len() / 2).is_some(),
            );
            let expected = reference(&phrases, &text);
            assert_eq!(ours(&phrases, &text), expected, "{phrases:?} in {text:?}");
            // Read in small pieces (walked whole) and in pieces long enough to be cut in two.
            for piece in [1, 40, 700] {
                let mut found = Vec::new();
                automaton.for_each_match_where(bytes, piece, Aside::none(), |m| {
                    found.push((m.start, m.end, m.phrase));
                    true
                });
                assert_eq!(found, expected, "pieces of {piece}: {phrases:?} in {text:?}");
            }
            assert_eq!(phrases_disagree(&phrases, &text), None);
            // Declining a third of the occurrences, by where they lie, in both automatons.
            let decline = |start: usize, end: usize| (start * 31 + end) % 3 != 0;
            let expected = every_place_where(&phrases, &text, decline);
            let library = PhraseSearch::Library(build_overlapping(&phrases).expect("builds"));
            for piece in [1, 40, 700, PIECE] {
                for search in [None, Some(&library)] {
                    let mut found = Vec::new();
                    let offer = |m: PhraseMatch| {
                        let taken = decline(m.start, m.end);
                        if taken {
                            found.push((m.start, m.end, m.phrase));
                        }
                        taken
                    };
                    match search {
                        None => automaton.for_each_match_where(bytes, piece, Aside::none(), offer),
                        Some(search) => search.for_each_match_where(&text, offer),
                    }
                    assert_eq!(found, expected, "pieces of {piece}, {search:?}: {phrases:?} in {text:?}");
                }
            }
            // The later half of the phrases set aside: the earlier half is offered as if it
            // were searched alone, and every occurrence of the later half is set aside.
            let first = phrases.len() / 2;
            let expected = every_place_where(&phrases[..first], &text, decline);
            let expected_aside = every_occurrence(&phrases, &text, first);
            for piece in [1, 40, 700, PIECE] {
                for search in [None, Some(&library)] {
                    let (mut found, mut aside) = (Vec::new(), Vec::new());
                    let offer = |m: PhraseMatch| {
                        let taken = decline(m.start, m.end);
                        if taken {
                            found.push((m.start, m.end, m.phrase));
                        }
                        taken
                    };
                    let set_aside = Aside { first, found: Some(&mut aside) };
                    match search {
                        None => automaton.for_each_match_where(bytes, piece, set_aside, offer),
                        Some(search) => search.for_each_match_setting_aside(&text, set_aside, offer),
                    }
                    let aside: Vec<_> = aside.iter().map(|m| (m.start, m.end, m.phrase)).collect();
                    assert_eq!(found, expected, "aside, pieces of {piece}: {phrases:?} in {text:?}");
                    assert_eq!(
                        aside, expected_aside,
                        "set aside, pieces of {piece}: {phrases:?} in {text:?}"
                    );
                }
            }
        }
        assert!(texts_cut > 50, "only {texts_cut} texts were walked in two halves");
    }
}
