//! Extract: visible text and a rulebook in, claims out.
//!
//! The text is read once. Figures and dates are found by their own scanners ([`number`],
//! [`date`]), which visit only the places one reading of each word lists for them (`starts`);
//! the cue phrases of every field, and the phrases that name another event, are found together
//! in one automaton pass ([`cues`]). Each figure then takes the field whose cue stands nearest
//! to it in its sentence, preferring the noun right after it ("3,744 arrests") over words
//! before it. People are read next to their title, places after their cue phrase. Every claim
//! gets a scope ([`scope`]) and keeps its exact span, mapped back to the original file by the
//! source.

pub mod cues;
pub mod date;
mod names;
pub mod number;
mod phrases;
pub mod scope;
pub mod segment;
mod starts;

#[cfg(any(test, fuzzing))]
pub use phrases::phrases_disagree;
#[cfg(any(test, fuzzing))]
pub use starts::lists_disagree;

use std::ops::Range;

use crate::claim::{Claim, DateValue, Kind, Location, Qualifier, Scope, Value};
use crate::rules::Rulebook;
use crate::source::Source;
use crate::text::{squash, WordTable};
use cues::{CueSet, Hit, Role};
use segment::Segment;

/// Why an extractor could not be built.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// The cue phrases could not be compiled together.
    #[error("the rulebook's cue phrases could not be compiled ({0}); use fewer or shorter cues")]
    Cues(#[from] aho_corasick::BuildError),
}

/// How far (in words) a cue may stand after a figure and still name its field.
const AFTER_WINDOW: usize = 8;
/// How far (in words) a cue may stand before a figure.
const BEFORE_WINDOW: usize = 6;
/// Words that label a number rather than count something ("Flight 123", "Category 4").
const LABEL_WORDS: &[&str] = &[
    // Measurements on a scale, not counts: "magnitude 7.1", "force 9".
    "magnitude",
    "force",
    "richter",
    "flight",
    "highway",
    "route",
    "category",
    "no",
    "no.",
    "number",
    "article",
    "section",
    "chapter",
    "page",
    "room",
    "suite",
    "apartment",
    "level",
    "phase",
    "stage",
    "platform",
    "gate",
    "terminal",
    "line",
    "bus",
    "interstate",
    "road",
    "street",
    "avenue",
    "precinct",
    "district",
    "ward",
    "zone",
    "grade",
    "class",
    "type",
    "model",
    "version",
    "episode",
    "season",
    "volume",
    "vol.",
    "act",
    "resolution",
    "covid-",
    "unit",
    "block",
];

/// A rulebook compiled for extraction; build once, use on every source.
#[derive(Debug, Clone)]
pub struct Extractor {
    rules: Rulebook,
    /// Field names, shared by every claim of each field.
    field_names: Vec<std::sync::Arc<str>>,
    /// The cues of every field, and the other-event phrases, in one automaton.
    cues: CueSet,
    /// The other-event headings, split into words once.
    heading_cues: scope::HeadingCues,
    /// Each field's exclude words, lowercased once.
    lower_excludes: Vec<Vec<String>>,
}

/// Texts longer than this leave no working room behind them (see [`Room`]): a news article
/// is a few kilobytes, and one huge file should not hold its room for the rest of the run.
const ROOM_KEPT_UP_TO: usize = 1 << 20;

/// The vectors one extraction works in. Each thread keeps one from text to text, so that their
/// room is allocated once rather than for every text: with thousands of short articles,
/// allocating them took about 0.7% of extraction's instructions.
#[derive(Default)]
struct Room {
    segments: segment::Room,
    cues: cues::Room,
    dates: Vec<date::DateMention>,
    quantities: Vec<number::QuantityMention>,
    /// The figures of one region, before those that start past it are dropped.
    found_quantities: Vec<number::QuantityMention>,
    starts: starts::Starts,
    mentions: Vec<Mention>,
}

thread_local! {
    /// This thread's working room (see [`Room`]).
    static ROOM: std::cell::RefCell<Room> = std::cell::RefCell::default();
}

/// The order of a text's claims: by where they start, then where they end.
fn claim_order(claim: &Claim) -> (usize, usize) {
    (claim.location.start, claim.location.end)
}

/// A figure or date found in the text, before field assignment.
struct Mention {
    range: Range<usize>,
    kind: Kind,
    value: Value,
}

impl Extractor {
    /// Compiles `rules`.
    pub fn new(rules: &Rulebook) -> Result<Extractor, ExtractError> {
        let mut phrases = Vec::new();
        for (index, field) in rules.fields.iter().enumerate() {
            for cue in &field.cues {
                phrases.push((index, Role::Cue, cue.clone()));
            }
            for word in &field.exclude {
                phrases.push((index, Role::Exclude, word.clone()));
            }
        }
        Ok(Extractor {
            rules: rules.clone(),
            field_names: rules.fields.iter().map(|f| f.name.as_str().into()).collect(),
            cues: CueSet::new(&phrases, &rules.scope.other_event_phrases.iter().collect::<Vec<_>>())?,
            heading_cues: scope::HeadingCues::new(&rules.scope),
            lower_excludes: rules
                .fields
                .iter()
                .map(|f| f.exclude.iter().map(|e| e.to_lowercase()).collect())
                .collect(),
        })
    }

    /// The rulebook this extractor was built from.
    pub fn rules(&self) -> &Rulebook {
        &self.rules
    }

    /// Every claim in `source`, in order of position. `index` is the source's place in the run.
    pub fn extract(&self, source: &Source, index: usize) -> Vec<Claim> {
        self.extract_capped(source, index, usize::MAX).0
    }

    /// Like [`Extractor::extract`], keeping at most `max` claims with a field and `max`
    /// without (in text order), so a hostile file cannot fill memory with claims; the second
    /// value is how many claims were read in all.
    pub fn extract_capped(&self, source: &Source, index: usize, max: usize) -> (Vec<Claim>, usize) {
        self.extract_kept(source, index, max, false)
    }

    /// Like [`Extractor::extract_capped`], building only the claims a field took (the others
    /// are counted in the second value, never built): all that a comparison uses.
    pub fn extract_fielded_capped(&self, source: &Source, index: usize, max: usize) -> (Vec<Claim>, usize) {
        self.extract_kept(source, index, max, true)
    }

    fn extract_kept(
        &self,
        source: &Source,
        index: usize,
        max: usize,
        fielded_only: bool,
    ) -> (Vec<Claim>, usize) {
        if let Some(preset) = &source.preset {
            let claims: Vec<Claim> = preset
                .iter()
                .filter(|claim| !fielded_only || claim.field.is_some())
                .cloned()
                .map(|claim| Claim { source: index, ..claim })
                .collect();
            return (claims, preset.len());
        }
        ROOM.with(|cell| match cell.try_borrow_mut() {
            Ok(mut room) => {
                let kept = self.extract_in(source, index, max, fielded_only, &mut room);
                // A very long text leaves room that news articles never need: let it go.
                if source.text.len() > ROOM_KEPT_UP_TO {
                    *room = Room::default();
                }
                kept
            }
            // Only a call made from inside an extraction could find the room taken; none is.
            Err(_) => self.extract_in(source, index, max, fielded_only, &mut Room::default()),
        })
    }

    /// [`Extractor::extract_kept`] with the working vectors in `room`, which is left holding
    /// this text's and is emptied by the next call.
    fn extract_in(
        &self,
        source: &Source,
        index: usize,
        max: usize,
        fielded_only: bool,
        room: &mut Room,
    ) -> (Vec<Claim>, usize) {
        let text = source.text.as_str();
        let Room {
            segments: segmenting,
            cues: cue_room,
            dates,
            quantities,
            found_quantities,
            starts,
            mentions,
        } = room;
        segment::segment_into(text, &source.headings, segmenting);
        self.cues.find_into(text, cue_room);
        let segments = segmenting.segments.as_slice();
        let (hits, events) = (cue_room.found.hits.as_slice(), cue_room.found.events.as_slice());
        // Relative dates ("next Tuesday") are read against the article date; without one they
        // stay claims whose value says so ("relative:next Tuesday") and no field takes them.
        let reference = source.published.as_deref().and_then(date::parse_reference);
        // Only a sentence with a cue can give a figure or a date its field. When only such
        // claims are wanted, the sentences around cues are all that is read (with the sentence
        // before each run of them, so that a figure or qualifier begun there is read as a
        // whole): in news text that is a third of the text or less.
        let around_cues;
        let whole = 0..text.len();
        let regions: &[Range<usize>] = if fielded_only {
            around_cues = cue_regions(segments, hits);
            &around_cues
        } else {
            std::slice::from_ref(&whole)
        };
        dates.clear();
        quantities.clear();
        for region in regions {
            // A figure starts at its qualifier ("at least $1.2bn") but is found at its number,
            // which may stand past a sentence cut short by the length cap: the scan runs on a
            // few words, and keeps what starts in the region.
            let figure_to = if region.end < text.len() { words_on(text, region.end, 8) } else { region.end };
            // Each word is read once for both scanners, which then visit only where they may
            // find something.
            let lists = starts.read(text, region.start..figure_to.max(region.end)).then_some(&starts);
            // A date or figure read in the region before may run into this one.
            let date_from = dates.last().map_or(region.start, |d| d.end.max(region.start));
            let date_places = lists.map(|s| (s.dates.as_slice(), s.dates_ready.as_slice()));
            date::scan_dates_onto(text, date_from..region.end, reference, date_places, dates);
            let figure_from = quantities.last().map_or(region.start, |q| q.end.max(region.start));
            let figure_places = lists
                .map(|s| number::Places { figures: s.figures.as_slice(), percents: s.percents.as_slice() });
            number::scan_quantities_into(text, figure_from..figure_to, figure_places, found_quantities);
            quantities.extend(found_quantities.drain(..).filter(|q| q.start < region.end));
        }
        let dates = &*dates;
        mentions.clear();
        mentions.reserve(dates.len() + quantities.len());
        for d in dates {
            let value = match d.relativity {
                date::Relativity::Unresolved => {
                    Value::Name(format!("relative:{}", squash(text.get(d.start..d.end).unwrap_or(""))))
                }
                _ => Value::Date(d.value),
            };
            mentions.push(Mention { range: d.start..d.end, kind: Kind::Date, value });
        }
        for q in quantities.drain(..) {
            // The word before a bare figure may label it ("Flight 123"); after a qualifier it cannot.
            let bare_figure =
                text.get(q.start..).and_then(|t| t.chars().next()).is_some_and(|c| c.is_ascii_digit());
            // Dates are sorted and never overlap: only the last one starting before the figure
            // ends can overlap it (a search, not a scan: a long text has many of both).
            let before_end = dates.partition_point(|d| d.start < q.end);
            if before_end.checked_sub(1).and_then(|k| dates.get(k)).is_some_and(|d| q.start < d.end)
                || (bare_figure && is_label_number(text, q.start))
            {
                continue;
            }
            mentions.push(Mention { range: q.start..q.end, kind: q.kind, value: Value::Quantity(q.value) });
        }
        mentions.sort_by_key(|m| m.range.start);
        // The year a date without one takes, worked out when the first such date is met.
        let mut default_year: Option<Option<i32>> = None;

        // Every mention is a claim when every claim is kept: room for them at once. Only some
        // are when only fielded claims are (`check`, which holds the claims of every source):
        // those grow as found, and no room is left over.
        let room = if fielded_only { 0 } else { mentions.len().min(max) };
        let mut claims = Kept { claims: Vec::with_capacity(room), max, fielded: 0, other: 0, total: 0 };
        let mut section: Option<Scope> = None;
        let mut hit_cursor = 0;
        let mut mention_cursor = 0;
        for seg in segments {
            let Some(sentence_text) = text.get(seg.range.clone()) else { continue };
            if seg.heading {
                section = self.heading_cues.scope(sentence_text);
            }
            // Both lists are sorted and a sentence holds few of either: each is walked once,
            // sentence after sentence.
            while hits.get(hit_cursor).is_some_and(|h| h.start < seg.range.start) {
                hit_cursor += 1;
            }
            let mut hit_end = hit_cursor;
            while hits.get(hit_end).is_some_and(|h| h.start < seg.range.end) {
                hit_end += 1;
            }
            let seg_hits = hits.get(hit_cursor..hit_end).unwrap_or(&[]);
            while mentions.get(mention_cursor).is_some_and(|m| m.range.start < seg.range.start) {
                mention_cursor += 1;
            }
            let mut mention_end = mention_cursor;
            while mentions.get(mention_end).is_some_and(|m| m.range.start < seg.range.end) {
                mention_end += 1;
            }
            let seg_mentions = mentions.get(mention_cursor..mention_end).unwrap_or(&[]);
            // Most sentences of an article state nothing: no figure, no date, no cue. Their
            // scope is never asked for, so it is never worked out.
            if seg_mentions.is_empty() && seg_hits.is_empty() {
                continue;
            }
            let context = SentenceContext {
                text,
                sentence: std::cell::OnceCell::new(),
                seg,
                section: section.as_ref(),
                place: std::cell::OnceCell::new(),
                event: std::cell::OnceCell::new(),
                events,
                extractor: self,
            };
            let sentence_first = claims.claims.len();
            for k in mention_cursor..mention_end {
                let seg_mentions = mentions.get(mention_cursor..mention_end).unwrap_or(&[]);
                let Some(mention) = mentions.get(k) else { continue };
                let mut field = self.field_for_mention(text, seg, seg_hits, seg_mentions, k - mention_cursor);
                // Unresolved relative dates and figures that were never stated are listed, never compared.
                // A fraction ("half", "a third") counts nothing by itself, and a figure with a unit
                // of measure ("2 tonnes", "12,000 hectares") is a measurement: neither takes a field.
                let unstated = matches!(&mention.value, Value::Quantity(q) if q.qualifier == Qualifier::Unstated
                    || (mention.kind == Kind::Count
                        && (q.figure.abs() < 1.0
                            || is_measurement(text, mention.range.end)
                            || is_age(text, seg.range.start, mention.range.start))));
                if (mention.kind == Kind::Date && matches!(mention.value, Value::Name(_))) || unstated {
                    field = None;
                }
                if !claims.has_room(field.is_some()) || (fielded_only && field.is_none()) {
                    claims.total += 1; // over the limit: counted, not built
                    continue;
                }
                let (kind, range) = (mention.kind, mention.range.clone());
                // Each mention is built into one claim at most: its value moves there. The
                // mentions after it in the sentence still ask for its kind and place, never
                // for its value.
                let Some(mut value) =
                    mentions.get_mut(k).map(|m| std::mem::replace(&mut m.value, Value::Name(String::new())))
                else {
                    continue;
                };
                if let Value::Date(d) = value {
                    if date::lacks_year(d) {
                        let year = *default_year.get_or_insert_with(|| {
                            article_year(source, dates, fielded_only.then_some(reference))
                        });
                        if let Some(year) = year {
                            value = Value::Date(date::with_year(d, year));
                        }
                    }
                }
                let location = source.locate(range.clone());
                claims.push(self.claim(location, index, field, kind, range, value, &context));
            }
            self.named_claims(source, index, seg_hits, &context, &mut claims, sentence_first);
            // The people and places of a sentence follow its figures and dates: put in order
            // here, where the claims are few and are sorted in place. A whole text's claims
            // would be sorted through a buffer allocated for them, moving 256 bytes a claim.
            if let Some(sentence) = claims.claims.get_mut(sentence_first..) {
                if !sentence.is_sorted_by_key(claim_order) {
                    sentence.sort_by_key(claim_order);
                }
            }
        }
        let total = claims.total;
        let mut claims = claims.claims;
        // Sentences come in order and their claims lie within them, so this finds the claims
        // sorted; it is kept so that the order never rests on that alone.
        if !claims.is_sorted_by_key(claim_order) {
            claims.sort_by_key(claim_order);
        }
        (claims, total)
    }

    #[allow(clippy::too_many_arguments)]
    fn claim(
        &self,
        location: Location,
        index: usize,
        field: Option<usize>,
        kind: Kind,
        range: Range<usize>,
        value: Value,
        context: &SentenceContext<'_>,
    ) -> Claim {
        let text = context.text.get(range.clone()).unwrap_or("").to_string();
        Claim {
            source: index,
            field: field.and_then(|f| self.field_names.get(f)).cloned(),
            kind,
            text,
            value,
            location,
            sentence: context
                .sentence
                .get_or_init(|| {
                    crate::text::squash_shared(context.text.get(context.seg.range.clone()).unwrap_or(""))
                })
                .clone(),
            scope: context.scope_at(&range),
            in_heading: context.seg.heading,
        }
    }

    /// The field whose cue stands nearest the mention `i` of its sentence.
    fn field_for_mention(
        &self,
        text: &str,
        seg: &Segment,
        hits: &[Hit],
        mentions: &[Mention],
        i: usize,
    ) -> Option<usize> {
        let mention = mentions.get(i)?;
        // Figures compete for cues only with figures of their own kind: a date between "killed"
        // and "84", or "38%" between "profit" and "$1.2bn", takes nothing away.
        let same_family = |m: &&Mention| m.kind == mention.kind;
        let next_start =
            mentions.get(i + 1..).and_then(|rest| rest.iter().find(same_family)).map(|m| m.range.start);
        let prev_end =
            mentions.get(..i).and_then(|before| before.iter().rev().find(same_family)).map(|m| m.range.end);
        let mut best: Option<(i64, usize)> = None;
        let mut excluded: Vec<usize> = Vec::new();
        for hit in hits {
            // A cue between two figures belongs to the one before it ("3,744 arrests and ..."),
            // unless it stands right in front of the next one ("... and injuring about 1,500").
            let (score, near) = if hit.start >= mention.range.end && next_start.is_none_or(|n| hit.start < n)
            {
                let distance = cues::words_between(text, mention.range.end, hit.start);
                let leads_next = next_start.is_some_and(|n| cues::words_between(text, hit.end, n) == 0);
                // A cue past a clause break ("killing 9 miners, and rescuers ...") names something else.
                let crosses_clause = text
                    .get(mention.range.end..hit.start)
                    .is_some_and(|gap| gap.contains([',', ';', ':', '(', '—']));
                if distance > AFTER_WINDOW
                    || (leads_next && distance > 0)
                    || crosses_clause
                    || hit.end > seg.range.end
                {
                    continue;
                }
                // The noun right after a figure names it; a cue a few words on, less surely. But a
                // cue after "were"/"was" is what happened to what was counted, and outranks the
                // noun: "Two firefighters were injured", "12 soldiers were killed".
                let predicate = text.get(mention.range.end..hit.start).is_some_and(|gap| {
                    gap.split_whitespace().rev().take(2).any(|w| {
                        ["were", "was", "are", "is", "been"].iter().any(|verb| w.eq_ignore_ascii_case(verb))
                    })
                });
                let base = (20 - 3 * distance as i64).max(1);
                (if predicate { base.max(21) } else { base }, distance <= 3)
            } else if hit.end <= mention.range.start
                && prev_end.is_none_or(|p| hit.start >= p)
                && hit.start >= seg.range.start
            {
                let distance = cues::words_between(text, hit.end, mention.range.start);
                let from_previous = prev_end.map_or(usize::MAX, |p| cues::words_between(text, p, hit.start));
                // Past a clause break the previous figure cannot claim the cue ("$1.2bn, while
                // revenue fell to $21.4bn"), so it is this figure's however near the other is.
                let after_break = prev_end
                    .and_then(|p| text.get(p..hit.start))
                    .is_some_and(|gap| gap.contains([',', ';', ':', '(', '—']));
                if distance > BEFORE_WINDOW || (distance >= from_previous && !after_break) {
                    continue;
                }
                // A verb right before a figure ("rescued 63") beats a noun three words after it.
                ((12 - 2 * distance as i64).max(1), distance <= 2)
            } else {
                continue;
            };
            for &(field_index, role) in self.cues.owners(hit.pattern) {
                let Some(field) = self.rules.fields.get(field_index) else { continue };
                if field.kind != mention.kind {
                    continue;
                }
                match role {
                    Role::Exclude if near => excluded.push(field_index),
                    Role::Exclude => {}
                    Role::Cue => {
                        if best.is_none_or(|(s, f)| score > s || (score == s && field_index < f)) {
                            best = Some((score, field_index));
                        }
                    }
                }
            }
        }
        best.map(|(_, f)| f).filter(|f| !excluded.contains(f))
    }

    /// People and places named next to their cue in this sentence.
    fn named_claims(
        &self,
        source: &Source,
        index: usize,
        hits: &[Hit],
        context: &SentenceContext<'_>,
        claims: &mut Kept,
        sentence_first: usize,
    ) {
        let text = context.text;
        for hit in hits {
            for &(field_index, role) in self.cues.owners(hit.pattern) {
                let Some(field) = self.rules.fields.get(field_index) else { continue };
                if role != Role::Cue {
                    continue;
                }
                let range = match field.kind {
                    Kind::Person => {
                        if self.excluded_before(text, context.seg.range.start, hit.start, field_index) {
                            continue;
                        }
                        names::person_near_title(text, context.seg.range.clone(), hit.start..hit.end)
                    }
                    Kind::Place | Kind::Text => names::place_after(text, context.seg.range.clone(), hit.end),
                    _ => continue,
                };
                let Some(range) = range else { continue };
                let location = source.locate(range.clone());
                // Only this sentence's claims can be the same claim.
                if claims.claims.get(sentence_first..).unwrap_or(&[]).iter().any(|c| {
                    c.source == index
                        && c.location == location
                        && c.field.as_deref() == Some(field.name.as_str())
                }) {
                    continue;
                }
                let value = Value::Name(squash(text.get(range.clone()).unwrap_or("")));
                // Located once: for the test of a claim read twice above, and for the claim.
                claims.push(self.claim(
                    location,
                    index,
                    Some(field_index),
                    field.kind,
                    range,
                    value,
                    context,
                ));
            }
        }
    }

    /// Whether one of the field's exclude words stands in the two words before `at` ("former President").
    fn excluded_before(&self, text: &str, sentence_start: usize, at: usize, field_index: usize) -> bool {
        let Some(excludes) = self.lower_excludes.get(field_index).filter(|e| !e.is_empty()) else {
            return false;
        };
        let before = text.get(sentence_start..at).unwrap_or("");
        before.split_whitespace().rev().take(2).any(|word| {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            // Most words are ASCII: compared without a lowercased copy.
            let lowered;
            let (word, ascii) = if word.is_ascii() {
                (word, true)
            } else {
                lowered = word.to_lowercase();
                (lowered.as_str(), false)
            };
            let same = |a: &str, b: &str| if ascii { a.eq_ignore_ascii_case(b) } else { a == b };
            excludes.iter().any(|e| {
                same(word, e)
                    || (word.len() > e.len()
                        && word.as_bytes().get(e.len()) == Some(&b'-')
                        && word.get(..e.len()).is_some_and(|head| same(head, e)))
            })
        })
    }
}

/// The claims of one source being read: at most `max` with a field and `max` without are
/// kept, the rest only counted.
struct Kept {
    claims: Vec<Claim>,
    max: usize,
    fielded: usize,
    other: usize,
    total: usize,
}

impl Kept {
    /// Whether a claim with (or without) a field would still be kept.
    fn has_room(&self, fielded: bool) -> bool {
        (if fielded { self.fielded } else { self.other }) < self.max
    }

    fn push(&mut self, claim: Claim) {
        self.total += 1;
        let kept = if claim.field.is_some() { &mut self.fielded } else { &mut self.other };
        if *kept < self.max {
            *kept += 1;
            self.claims.push(claim);
        }
    }
}

/// What is known about the sentence a claim stands in.
struct SentenceContext<'a> {
    text: &'a str,
    /// The sentence with its spaces squashed, made once for all its claims.
    sentence: std::cell::OnceCell<std::sync::Arc<str>>,
    seg: &'a Segment,
    section: Option<&'a Scope>,
    /// The place or subset the sentence opens with, and the other event it names (with where
    /// its phrase starts); worked out when a claim of the sentence first asks for its scope.
    place: std::cell::OnceCell<Option<Scope>>,
    event: std::cell::OnceCell<Option<(usize, Scope)>>,
    /// Every occurrence of an other-event phrase in the text (`cues::Found::events`).
    events: &'a [Range<usize>],
    extractor: &'a Extractor,
}

impl SentenceContext<'_> {
    /// The scope of a claim starting at byte `at`.
    fn scope_at(&self, range: &Range<usize>) -> Option<Scope> {
        let at = range.start;
        let sentence = self.text.get(self.seg.range.clone()).unwrap_or("");
        let heading = self.seg.heading;
        let event = self.event.get_or_init(|| {
            (!heading)
                .then(|| scope::event_trigger(sentence, events_within(self.events, &self.seg.range)))
                .flatten()
        });
        if let Some((offset, scope)) = event {
            let trigger = self.seg.range.start + offset;
            // "5 died in a second quake": the figure belongs to the other event. But in "$21.4bn
            // from $22.9bn a year earlier" only the figure next to the phrase does.
            let same_clause = at < trigger
                && self.text.get(at..trigger).is_some_and(|gap| !gap.contains([',', ';', ':', '(']))
                && self
                    .text
                    .get(range.end.min(trigger)..trigger)
                    .is_some_and(|gap| !gap.contains(|c: char| c.is_ascii_digit()));
            if at >= trigger || same_clause {
                return Some(scope.clone());
            }
        }
        let place = self.place.get_or_init(|| {
            (!heading)
                .then(|| {
                    scope::place_opener(sentence, &self.extractor.rules.scope)
                        .or_else(|| scope::subset_opener(sentence))
                })
                .flatten()
        });
        if let Some(scope) = place {
            return Some(scope.clone());
        }
        self.section.cloned()
    }
}

/// Where the other-event phrases the cue pass lists for `text` differ from those a search of
/// each sentence alone finds, for its sentences and for `more` ranges of it: a description of
/// the first difference, or `None`. The unit tests and the fuzzer (`fuzz_extract`) hold the
/// cue pass to this.
#[cfg(any(test, fuzzing))]
pub fn events_disagree(extractor: &Extractor, text: &str, more: &[Range<usize>]) -> Option<String> {
    let reference = scope::EventPhrases::new(&extractor.rules.scope).ok()?;
    let events = extractor.cues.find(text).events;
    let sentences = segment::segment(text, &[]).into_iter().map(|seg| seg.range);
    for range in sentences.chain(more.iter().cloned()) {
        let Some(sentence) = text.get(range.clone()) else { continue };
        let listed: Vec<Range<usize>> = events_within(&events, &range).collect();
        let searched = reference.occurrences(sentence);
        if listed != searched {
            return Some(format!("in {range:?} ({sentence:?}): listed {listed:?}, searched {searched:?}"));
        }
    }
    None
}

/// The occurrences in `events` (sorted by start) that lie within `range`, as ranges of it.
fn events_within<'a>(
    events: &'a [Range<usize>],
    range: &'a Range<usize>,
) -> impl Iterator<Item = Range<usize>> + 'a {
    let first = events.partition_point(|e| e.start < range.start);
    events
        .get(first..)
        .unwrap_or_default()
        .iter()
        .take_while(|e| e.start < range.end)
        .filter(|e| e.end <= range.end)
        .map(|e| e.start - range.start..e.end - range.start)
}

/// Units of measure: a count followed by one of them measures something rather than counting it.
const MEASURE_UNITS: &[&str] = &[
    "tonnes",
    "tonne",
    "tons",
    "ton",
    "kg",
    "kilograms",
    "kilogram",
    "kilos",
    "grams",
    "g",
    "pounds",
    "lbs",
    "lb",
    "ounces",
    "litres",
    "liters",
    "litre",
    "liter",
    "gallons",
    "barrels",
    "km",
    "kilometres",
    "kilometers",
    "kilometre",
    "kilometer",
    "miles",
    "mile",
    "metres",
    "meters",
    "metre",
    "meter",
    "m",
    "cm",
    "mm",
    "feet",
    "foot",
    "ft",
    "inches",
    "hectares",
    "hectare",
    "acres",
    "acre",
    "sq",
    "square",
    "km/h",
    "mph",
    "knots",
    "degrees",
    "°c",
    "°f",
    "celsius",
    "fahrenheit",
    "mw",
    "gw",
    "kwh",
    "mwh",
    "megawatts",
    "hours",
    "minutes",
    "seconds",
    "years",
    "months",
    "weeks",
    "days",
];

/// Whether the word right after a figure ending at `end` is a unit of measure.
fn is_measurement(text: &str, end: usize) -> bool {
    // A unit is a short word; a few characters are enough, however long the text runs on.
    let rest = leading_chars(text.get(end..).unwrap_or(""), 24);
    let word = rest
        .trim_start_matches([' ', '\u{a0}', '-'])
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | ')'))
        .next()
        .unwrap_or("");
    static TABLE: std::sync::OnceLock<WordTable<()>> = std::sync::OnceLock::new();
    is_in_table_ignoring_case(word, MEASURE_UNITS, &TABLE)
}

/// The first `count` characters of `text`, or all of it when it is shorter. Every figure asks
/// this: `count` bytes that are ASCII are `count` characters, and only other text is decoded.
fn leading_chars(text: &str, count: usize) -> &str {
    let cut = match text.as_bytes().get(..count) {
        Some(head) if head.is_ascii() => count,
        _ => text.char_indices().nth(count).map_or(text.len(), |(at, _)| at),
    };
    text.get(..cut).unwrap_or("")
}

/// [`is_listed_ignoring_case`] for the long lists asked of every figure: an ASCII word is looked
/// up in `table` (built from `list` on first use), not compared with each listed word.
fn is_in_table_ignoring_case(word: &str, list: &[&str], table: &std::sync::OnceLock<WordTable<()>>) -> bool {
    let mut buf = [0u8; 16];
    // A word beyond ASCII, a longer one, or one holding a zero byte (the key's padding) is
    // compared with each.
    let lowered = crate::text::ascii_lowercase_into(word.as_bytes(), &mut buf)
        .filter(|w| word.is_ascii() && !w.contains(&0));
    let Some(lowered) = lowered else { return is_listed_ignoring_case(word, list) };
    let table = table.get_or_init(|| {
        let words: Vec<String> = list.iter().map(|w| w.to_ascii_lowercase()).collect();
        WordTable::new(words.iter().map(|w| (w.as_str(), ())))
    });
    table.get(lowered).is_some()
}

/// Whether `word`, lowercased, is one of `list` (lowercase words): asked of the words around
/// every figure and name, so an ASCII word is compared as it stands, without a lowercased copy.
fn is_listed_ignoring_case(word: &str, list: &[&str]) -> bool {
    if word.is_ascii() {
        list.iter().any(|listed| word.eq_ignore_ascii_case(listed))
    } else {
        list.contains(&word.to_lowercase().as_str())
    }
}

/// Whether a figure starting at `start` is an age: "aged 5", "children under 15", "those over 65".
/// Only the words of its own sentence (from `sentence_start`) count, and only if nothing but
/// spaces stands between them and the figure: "... people. Over 3,744 were hurt" is no age.
fn is_age(text: &str, sentence_start: usize, start: usize) -> bool {
    let before = text.get(sentence_start.min(start)..start).unwrap_or("");
    let trimmed = before.trim_end();
    if trimmed.ends_with(|c: char| !c.is_alphanumeric()) {
        return false;
    }
    let word = trimmed.rsplit(char::is_whitespace).next().unwrap_or("");
    if is_listed_ignoring_case(word, &["aged", "age", "ages"]) {
        return true;
    }
    // The bound word after the figure, in any case: no lowercase form of a character beyond
    // ASCII starts one, so its ASCII bytes are compared as they stand.
    let after = text.get(start..).unwrap_or("");
    let bound = ["under ", "over ", "below ", "above "]
        .iter()
        .any(|b| after.get(..b.len()).is_some_and(|head| head.eq_ignore_ascii_case(b)));
    bound
        && is_listed_ignoring_case(word, &["children", "adults", "those", "people", "patients", "residents"])
}

/// Whether the figure at `start` follows a labelling word ("Flight 123", "Category 4").
fn is_label_number(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("");
    let trimmed = before.trim_end();
    if trimmed.len() == before.len() {
        return false;
    }
    let word = trimmed.rsplit(char::is_whitespace).next().unwrap_or("");
    static TABLE: std::sync::OnceLock<WordTable<()>> = std::sync::OnceLock::new();
    is_in_table_ignoring_case(word, LABEL_WORDS, &TABLE) || word == "#"
}

/// The year a date without one takes: the article's publication year, else the year of the
/// first full date in the text, else the latest year the text mentions.
/// `dates` are every date of the text, or only some of them: then `rescan` holds the reference
/// date to read the text again with, as far as its first dated mention.
fn article_year(
    source: &Source,
    dates: &[date::DateMention],
    rescan: Option<Option<crate::claim::PartialDate>>,
) -> Option<i32> {
    let from_meta = source.published.as_deref().and_then(|p| p.get(..4)).and_then(|y| y.parse::<i32>().ok());
    if from_meta.is_some() {
        return from_meta;
    }
    let from_dates = match rescan {
        Some(reference) => date::first_year(&source.text, reference),
        None => dates.iter().find_map(|d| match d.value {
            DateValue::Single(p) => p.year,
            DateValue::Range { start, end } => start.year.or(end.year),
        }),
    };
    if from_dates.is_some() {
        return from_dates;
    }
    latest_year(&source.text)
}

/// Where the `count`-th run of non-space characters after `from` ends (or the text does):
/// past any qualifier words and symbols that may stand between a figure's start and its number.
fn words_on(text: &str, from: usize, count: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = from;
    for _ in 0..count {
        while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        while bytes.get(at).is_some_and(|b| !b.is_ascii_whitespace()) {
            at += 1;
        }
    }
    at.min(text.len())
}

/// The byte ranges to read when only claims with a field are wanted: each run of sentences
/// holding a cue, with the sentence before it. Runs that touch are merged.
fn cue_regions(segments: &[Segment], hits: &[Hit]) -> Vec<Range<usize>> {
    let mut wanted = vec![false; segments.len()];
    let mut cursor = 0;
    for (k, seg) in segments.iter().enumerate() {
        while hits.get(cursor).is_some_and(|h| h.start < seg.range.start) {
            cursor += 1;
        }
        if hits.get(cursor).is_some_and(|h| h.start < seg.range.end) {
            if let Some(flag) = wanted.get_mut(k) {
                *flag = true;
            }
            if let Some(before) = k.checked_sub(1).and_then(|b| wanted.get_mut(b)) {
                *before = true;
            }
        }
    }
    let mut regions: Vec<Range<usize>> = Vec::new();
    let mut previous_wanted = false;
    for (seg, &take) in segments.iter().zip(&wanted) {
        match regions.last_mut() {
            Some(last) if take && previous_wanted => last.end = seg.range.end,
            _ if take => regions.push(seg.range.clone()),
            _ => {}
        }
        previous_wanted = take;
    }
    regions
}

/// The largest plausible year (1900–2099) written as a bare four-digit word.
fn latest_year(text: &str) -> Option<i32> {
    let bytes = text.as_bytes();
    let mut best = None;
    let mut i = 0;
    while i + 4 <= bytes.len() {
        let window = bytes.get(i..i + 4).unwrap_or(&[]);
        let boundary_before = i == 0 || bytes.get(i - 1).is_none_or(|b| !b.is_ascii_alphanumeric());
        let boundary_after = bytes.get(i + 4).is_none_or(|b| !b.is_ascii_alphanumeric() && *b != b',');
        if boundary_before
            && boundary_after
            && window.iter().all(u8::is_ascii_digit)
            && (window.starts_with(b"19") || window.starts_with(b"20"))
        {
            if let Some(year) = std::str::from_utf8(window).ok().and_then(|s| s.parse::<i32>().ok()) {
                best = Some(best.map_or(year, |b: i32| b.max(year)));
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    best
}

#[cfg(test)]
mod tests;
