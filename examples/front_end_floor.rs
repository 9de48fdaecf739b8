//! What one tokenizing pass over a text would cost: a measurement for the redesign that target 2
//! of the performance issue calls for (see "What a redesign could reach" in BENCHMARKS.md).
//!
//! Extraction reads each text three times before any figure or date is parsed: the sentence
//! splitter, the cue automaton and the word walk that lists where the scanners may start. This
//! example does the work of those three in one pass, as a single-pass design would:
//!
//! - each run of letters is hashed as it is read and looked up once, in one table that holds
//!   the rulebook's cue words, number and date words and the abbreviations;
//! - a full stop, "!" or "?" before a space and a capital, a digit or a quote ends a sentence,
//!   unless it follows an abbreviation, and a blank line ends one too;
//! - the default rulebook's cue phrases are matched over the word ids;
//! - every digit, "%", "$" and number or date word is listed as a place to try.
//!
//! It is not claimdiff's extractor and finds nothing the extractor reports: it leaves out what
//! the extractor's front end also does (inflected cues, other-event phrases inside words, the
//! date scanner's quick tests, headings, the sentence cap, text beyond ASCII). Its count is
//! therefore a floor, lower than what a full single-pass front end would cost.
//!
//! ```sh
//! cargo build --release --example front_end_floor
//! for passes in 0 1; do
//!   valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/examples/front_end_floor /tmp/claimdiff-corpus-1000-s7 --limit 200 --passes $passes
//! done
//! ```
//!
//! The difference between the two instruction counts is one pass; `extract_pass` with the same
//! arguments, and `scripts/profile-stages.sh`, give what extraction and its three front-end
//! stages cost on the same texts.
#![allow(clippy::print_stdout, clippy::print_stderr)]

#[path = "../benches/support/articles.rs"]
mod articles;

use std::process::ExitCode;

use claimdiff::rules::Rulebook;

/// Words that may start a number or a date, as the table marks them (a sample of the
/// extractor's lists: the table's cost hardly depends on how many words it holds).
const PLACE_WORDS: &str = "\
    a an one two three four five six seven eight nine ten eleven twelve thirteen fourteen \
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty \
    ninety hundred thousand million billion dozen dozens hundreds thousands millions half third \
    quarter minus per percent percentage january february march april may june july august \
    september october november december jan feb mar apr jun jul aug sep sept oct nov dec monday \
    tuesday wednesday thursday friday saturday sunday today yesterday tomorrow last next this \
    early mid late the on since between from until spring summer autumn winter week month year \
    first second";

/// Words after which a full stop ends no sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "rev", "jr",
    "sr", "inc", "ltd", "co", "corp", "no", "vs", "etc", "approx", "st", "fig", "mt", "ft", "est",
];

/// What the table says of a word, as bits.
const ABBREVIATION: u8 = 1;
const PLACE: u8 = 2;
const CUE_START: u8 = 4;

/// The byte classes the pass dispatches on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    Letter,
    Digit,
    Punctuation,
    High,
}

fn class_of(b: u8) -> Class {
    match b {
        b' ' | b'\t' | b'\n' | b'\r' => Class::Space,
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        b'0'..=b'9' => Class::Digit,
        0x80..=0xFF => Class::High,
        _ => Class::Punctuation,
    }
}

/// Multiplier of the word hash.
const K: u64 = 0x9E37_79B9_7F4A_7C15;

fn step(hash: u64, b: u8) -> u64 {
    (hash ^ u64::from(b | 0x20)).wrapping_mul(K)
}

fn hash(word: &str) -> u64 {
    word.bytes().fold(0, step) | 1
}

/// Open addressing by word hash; a hash that matches is taken as the word (a floor measurement,
/// where a rare collision changes nothing that is counted).
struct Table {
    keys: Vec<u64>,
    ids: Vec<u16>,
    shift: u32,
}

impl Table {
    fn new(words: &[String]) -> Table {
        let bits = (words.len() * 4).next_power_of_two().trailing_zeros();
        let mask = (1usize << bits) - 1;
        let mut table = Table { keys: vec![0; mask + 1], ids: vec![0; mask + 1], shift: 64 - bits };
        for (id, word) in (1u16..).zip(words) {
            let key = hash(word);
            let mut slot = usize::try_from(key >> table.shift).unwrap_or(0);
            while table.keys.get(slot).is_some_and(|&k| k != 0) {
                slot = (slot + 1) & mask;
            }
            if let (Some(k), Some(i)) = (table.keys.get_mut(slot), table.ids.get_mut(slot)) {
                (*k, *i) = (key, id);
            }
        }
        table
    }

    /// The word's id, or 0.
    fn get(&self, key: u64) -> u16 {
        let mask = self.keys.len() - 1;
        let mut slot = usize::try_from(key >> self.shift).unwrap_or(0);
        loop {
            match self.keys.get(slot) {
                Some(&k) if k == key => return self.ids.get(slot).copied().unwrap_or(0),
                Some(&0) | None => return 0,
                Some(_) => slot = (slot + 1) & mask,
            }
        }
    }
}

/// One token of the pass.
#[derive(Clone, Copy)]
struct Token {
    start: u32,
    end: u32,
    id: u16,
}

/// What the pass lists for a text.
#[derive(Default)]
struct Listed {
    tokens: Vec<Token>,
    sentence_ends: Vec<u32>,
    places: Vec<u32>,
    cues: Vec<(u32, u16)>,
}

/// The table and what it says of each word id.
struct Lexicon {
    table: Table,
    flags: Vec<u8>,
    /// For each word id, the cue phrases that start with it: (phrase, the ids after the first).
    phrases: Vec<Vec<(u16, Vec<u16>)>>,
}

impl Lexicon {
    fn new(cues: &[String]) -> Lexicon {
        let words_of = |phrase: &str| -> Vec<String> {
            phrase
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect()
        };
        let mut words: Vec<String> = cues.iter().flat_map(|c| words_of(c)).collect();
        words.extend(PLACE_WORDS.split_whitespace().chain(ABBREVIATIONS.iter().copied()).map(str::to_string));
        words.sort();
        words.dedup();
        let table = Table::new(&words);
        let mut flags = vec![0u8; words.len() + 1];
        let mut mark = |word: &str, bit: u8| {
            if let Some(f) = flags.get_mut(usize::from(table.get(hash(word)))) {
                *f |= bit;
            }
        };
        ABBREVIATIONS.iter().for_each(|w| mark(w, ABBREVIATION));
        PLACE_WORDS.split_whitespace().for_each(|w| mark(w, PLACE));
        let mut phrases: Vec<Vec<(u16, Vec<u16>)>> = vec![Vec::new(); words.len() + 1];
        for (phrase, cue) in (0u16..).zip(cues) {
            let ids: Vec<u16> = words_of(cue).iter().map(|w| table.get(hash(w))).collect();
            if let Some((&first, rest)) = ids.split_first() {
                mark_id(&mut flags, first, CUE_START);
                if let Some(list) = phrases.get_mut(usize::from(first)) {
                    list.push((phrase, rest.to_vec()));
                }
            }
        }
        if let Some(unknown) = flags.first_mut() {
            *unknown = 0;
        }
        Lexicon { table, flags, phrases }
    }

    fn flags(&self, id: u16) -> u8 {
        self.flags.get(usize::from(id)).copied().unwrap_or(0)
    }
}

fn mark_id(flags: &mut [u8], id: u16, bit: u8) {
    if let Some(f) = flags.get_mut(usize::from(id)) {
        *f |= bit;
    }
}

/// Offsets fit in 32 bits: the texts read here are news articles.
fn at(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// The one pass over `text`.
fn tokenize(text: &[u8], lexicon: &Lexicon, out: &mut Listed) {
    out.tokens.clear();
    out.sentence_ends.clear();
    out.places.clear();
    out.cues.clear();
    let byte = |i: usize| text.get(i).copied();
    let mut i = 0;
    while let Some(b) = byte(i) {
        let start = i;
        match class_of(b) {
            Class::Space => {
                if b == b'\n' && byte(i + 1) == Some(b'\n') {
                    out.sentence_ends.push(at(i));
                }
                i += 1;
                continue;
            }
            Class::Letter => {
                let mut key = 0;
                while let Some(c) = byte(i).filter(|&c| class_of(c) == Class::Letter) {
                    key = step(key, c);
                    i += 1;
                }
                let id = lexicon.table.get(key | 1);
                if lexicon.flags(id) & PLACE != 0 {
                    out.places.push(at(start));
                }
                out.tokens.push(Token { start: at(start), end: at(i), id });
                continue;
            }
            Class::Digit => {
                while byte(i).is_some_and(|c| {
                    c.is_ascii_digit()
                        || (matches!(c, b',' | b'.') && byte(i + 1).is_some_and(|d| d.is_ascii_digit()))
                }) {
                    i += 1;
                }
                out.places.push(at(start));
            }
            Class::Punctuation => {
                if matches!(b, b'.' | b'!' | b'?') {
                    let ends = match byte(i + 1) {
                        None => true,
                        Some(b' ' | b'\n') => byte(i + 2).is_none_or(|a| {
                            a.is_ascii_uppercase()
                                || a.is_ascii_digit()
                                || matches!(a, b'"' | b'(' | b'\'' | b'\n')
                        }),
                        Some(_) => false,
                    };
                    let after_abbreviation = b == b'.'
                        && out
                            .tokens
                            .last()
                            .is_some_and(|t| t.end == at(i) && lexicon.flags(t.id) & ABBREVIATION != 0);
                    if ends && !after_abbreviation {
                        out.sentence_ends.push(at(i));
                    }
                } else if matches!(b, b'%' | b'$') {
                    out.places.push(at(i));
                }
                i += 1;
            }
            Class::High => {
                i += 1;
                while byte(i).is_some_and(|c| c & 0xC0 == 0x80) {
                    i += 1;
                }
            }
        }
        out.tokens.push(Token { start: at(start), end: at(i), id: 0 });
    }
    // The cue phrases, over word ids: the longest that starts at each cue word.
    let tokens = &out.tokens;
    for (k, token) in tokens.iter().enumerate() {
        if lexicon.flags(token.id) & CUE_START == 0 {
            continue;
        }
        let starting = lexicon.phrases.get(usize::from(token.id)).map_or(&[][..], Vec::as_slice);
        let longest = starting
            .iter()
            .filter(|(_, rest)| {
                rest.iter().enumerate().all(|(j, &id)| tokens.get(k + 1 + j).is_some_and(|t| t.id == id))
            })
            .max_by_key(|(_, rest)| rest.len());
        if let Some((phrase, _)) = longest {
            out.cues.push((token.start, *phrase));
        }
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (mut dir, mut limit, mut passes) = (None, usize::MAX, 1);
    while let Some(arg) = args.next() {
        let mut number = || args.next().and_then(|v| v.parse().ok());
        match arg.as_str() {
            "--limit" => limit = number().unwrap_or(limit),
            "--passes" => passes = number().unwrap_or(passes),
            _ => dir = Some(arg),
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: front_end_floor DIR [--limit N] [--passes N]");
        return ExitCode::from(2);
    };
    match run(&dir, limit, passes) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("front_end_floor: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(dir: &str, limit: usize, passes: usize) -> Result<(), String> {
    let (sources, bytes) = articles::load(dir, limit)?;
    let rules = Rulebook::default_rules().map_err(|e| e.to_string())?;
    let cues: Vec<String> = rules.fields.iter().flat_map(|f| f.cues.iter().cloned()).collect();
    let lexicon = Lexicon::new(&cues);
    let mut listed = Listed::default();
    let (mut tokens, mut sentences, mut places, mut cue_hits) = (0, 0, 0, 0);
    for _ in 0..passes {
        for source in &sources {
            tokenize(source.text.as_bytes(), &lexicon, &mut listed);
            tokens += listed.tokens.len();
            sentences += listed.sentence_ends.len();
            places += listed.places.len();
            cue_hits += listed.cues.len();
        }
    }
    println!(
        "{} articles, {bytes} bytes, {passes} passes: {tokens} tokens, {sentences} sentence ends, \
         {places} places, {cue_hits} cues",
        sources.len()
    );
    Ok(())
}
