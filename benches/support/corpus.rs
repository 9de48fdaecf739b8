//! A deterministic generator of synthetic news articles about one invented event, for
//! benchmarks and load tests.
//!
//! The event is Storm Brannock, which hit the Halden coast of the (invented) country of Veldmark
//! from 12 to 14 October 2026. Every article reports the same facts in its own words: figures
//! with and without qualifiers ("more than 300", "some 62,000", "nearly 10,000"), written numbers
//! ("forty-seven", "Eighteen"), dates and date ranges, officials by their title, a place cue,
//! money and a percentage. Around them stand sentences scoped to a district ("In Lower Tessely,
//! ..."), sentences about other storms ("A 2019 storm ..."), an occasional "Previous storms"
//! section, and filler paragraphs with no claim in them. One article in 50 carries a planted
//! disagreement (a different death toll, evacuation figure, governor, ...), so `claimdiff check`
//! over a corpus mostly agrees and finds a few conflicts.
//!
//! Article `i` depends only on `(seed, i)`: the first 100 articles of a 10,000-article corpus
//! are the 100-article corpus. Nothing here depends on claimdiff; the same file is compiled into
//! `examples/gen_corpus.rs` and into the benches with `#[path]`.
#![allow(dead_code)]

use std::fmt::Write as _;

/// A splitmix64 generator: tiny, fast, and the same on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    /// One element of a non-empty slice.
    pub fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        let i = self.below(items.len());
        items.get(i).copied().unwrap_or("")
    }

    /// Shuffles `items` in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// How an article is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    /// `.txt`
    Text,
    /// `.md`, with front matter.
    Markdown,
    /// `.html`, a whole page with navigation, scripts and a footer around an `<article>`.
    Html,
}

impl Markup {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Markup::Text => "txt",
            Markup::Markdown => "md",
            Markup::Html => "html",
        }
    }
}

/// One generated article.
#[derive(Debug, Clone)]
pub struct Article {
    /// File name: `article-00001.txt` (1-based, five digits).
    pub name: String,
    /// How `body` is marked up.
    pub markup: Markup,
    /// The file's contents.
    pub body: String,
}

/// The facts every article agrees on, except where a planted disagreement changes one.
#[derive(Debug, Clone)]
struct Facts {
    deaths: &'static [&'static str],
    evacuated: &'static [&'static str],
    injured: &'static [&'static str],
    governor: &'static str,
    buildings: &'static [&'static str],
}

const TRUE_FACTS: Facts = Facts {
    deaths: &["47", "forty-seven", "at least 47"],
    evacuated: &["62,400", "more than 60,000", "some 62,000", "about 62,000", "62,400"],
    injured: &["312", "more than 300", "over 300", "about 310", "312"],
    governor: "Ilse Marrow",
    buildings: &["1,240", "more than 1,200", "about 1,200", "1,240"],
};

/// What a planted disagreement changes.
fn planted(which: usize) -> Facts {
    let mut facts = TRUE_FACTS;
    match which % 5 {
        0 => facts.deaths = &["53", "fifty-three", "at least 53"],
        1 => facts.evacuated = &["48,000", "some 48,000", "about 48,000"],
        2 => facts.injured = &["190", "nearly 190", "190"],
        3 => facts.governor = "Piet Arlen",
        _ => facts.buildings = &["2,600", "more than 2,500", "2,600"],
    }
    facts
}

/// One sentence of local colour, with no figure and no cue.
fn filler_sentence(rng: &mut Rng) -> String {
    const OPENERS: &[&str] = &[
        "Along the seafront,",
        "By mid-morning,",
        "Further inland,",
        "For many residents,",
        "Throughout the night,",
        "Near the harbour,",
        "On the coastal road,",
        "At the community hall,",
        "Behind the dunes,",
        "As the wind eased,",
        "",
        "",
        "",
    ];
    const SUBJECTS: &[&str] = &[
        "shopkeepers",
        "fishing crews",
        "volunteers from the parish",
        "families with small children",
        "local farmers",
        "neighbours",
        "teachers at the village school",
        "the harbour master",
        "road crews",
        "church groups",
        "students from the technical college",
        "older residents",
        "a group of surfers",
        "delivery drivers",
    ];
    const VERBS: &[&str] = &[
        "swept mud out of",
        "handed out blankets near",
        "waited for news outside",
        "stacked sandbags around",
        "cleared fallen branches from",
        "checked on elderly neighbours near",
        "boarded up the windows of",
        "queued for fresh water beside",
        "pumped seawater out of",
        "carried furniture up from",
        "photographed the wreckage of",
        "gathered quietly outside",
    ];
    const PLACES: &[&str] = &[
        "the old fish market",
        "the ferry terminal",
        "the lifeboat station",
        "the promenade cafes",
        "the sports ground",
        "the low-lying streets behind the quay",
        "the railway bridge",
        "the town library",
        "the caravan park",
        "the hospital annex",
        "the marina",
        "the cliff path",
    ];
    const CODAS: &[&str] = &[
        "while the rain kept falling.",
        "as gulls wheeled over the flooded car parks.",
        "and said they had never seen the sea so high.",
        "before the next band of rain arrived.",
        "under a sky the colour of slate.",
        "and traded stories about earlier winters.",
        "while engineers inspected the sea wall.",
        "as the tide turned in the afternoon.",
        "with the radio tuned to the weather bulletins.",
        "and promised to return the next day.",
    ];
    let opener = rng.pick(OPENERS);
    let subject = rng.pick(SUBJECTS);
    let mut out = String::new();
    if opener.is_empty() {
        let mut chars = subject.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    } else {
        out.push_str(opener);
        out.push(' ');
        out.push_str(subject);
    }
    let _ = write!(out, " {} {} {}", rng.pick(VERBS), rng.pick(PLACES), rng.pick(CODAS));
    out
}

/// Whole sentences with no claim in them, or an unrelated figure with no cue.
fn colour_sentence(rng: &mut Rng) -> String {
    const LINES: &[&str] = &[
        "Forecasters had tracked the system for days as it deepened over open water.",
        "The Met Service said gusts on exposed headlands reached 148 km/h on Tuesday night.",
        "Several rivers burst their banks after almost a month of rain fell in two days.",
        "Power lines were brought down across the peninsula, and mobile coverage was patchy.",
        "Schools across the province stayed closed while inspectors checked the buildings for damage to roofs.",
        "Ferries between the islands were cancelled, stranding travellers on both sides.",
        "The coastal railway was suspended after part of the embankment was washed away.",
        "Supermarkets in the larger towns reported empty shelves as people stocked up.",
        "Insurers said it was too early to put a final figure on the claims.",
        "Scientists said warmer seas were making storms of this kind wetter.",
        "The national weather office issued its highest warning level for the first time in years.",
        "Volunteers set up a kitchen in the sports hall and served hot meals around the clock.",
        "Engineers warned that the weakened sea wall could fail in the next high tide.",
        "Mobile phone networks restored most masts within two days.",
        "Residents of the upper town described hearing roof tiles fly past their windows.",
        "The storm weakened as it moved north-east over the mountains on Wednesday.",
        "Local radio stayed on air through the night on a backup generator.",
        "Airports in the region reopened on Thursday with long delays.",
    ];
    rng.pick(LINES).to_string()
}

/// A paragraph of filler, three to six sentences.
fn filler_paragraph(rng: &mut Rng) -> String {
    let count = rng.range(3, 6);
    let mut parts = Vec::with_capacity(count);
    for _ in 0..count {
        if rng.chance(35) {
            parts.push(colour_sentence(rng));
        } else {
            parts.push(filler_sentence(rng));
        }
    }
    parts.join(" ")
}

/// Capitalises the first letter of `text`.
fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The sentences carrying the event's facts, in random order and wording.
fn fact_sentences(rng: &mut Rng, facts: &Facts) -> Vec<String> {
    let mut out = Vec::new();
    let deaths = rng.pick(facts.deaths);
    out.push(match rng.below(4) {
        0 => format!("The storm killed {deaths} people, according to the civil protection agency."),
        1 => format!("Officials said the death toll had risen to {deaths} by Thursday evening."),
        2 => {
            format!("{} people died in the storm, most of them swept away by floodwater.", capitalise(deaths))
        }
        _ => format!("Emergency services confirmed that {deaths} people lost their lives."),
    });
    let injured = rng.pick(facts.injured);
    out.push(match rng.below(3) {
        0 => format!("Hospitals along the coast treated {injured} injured people."),
        1 => format!("Doctors said {injured} people were hurt, several of them seriously."),
        _ => format!("Health authorities said {injured} people were injured by falling debris and glass."),
    });
    let missing = rng.pick(&["18", "eighteen", "18"]);
    out.push(match rng.below(3) {
        0 => format!("{} people are still missing.", capitalise(missing)),
        1 => format!("Divers were searching for {missing} people reported missing on the islands."),
        _ => format!("The coastguard said {missing} people remained unaccounted for."),
    });
    let evacuated = rng.pick(facts.evacuated);
    out.push(match rng.below(3) {
        0 => format!(
            "Before the storm made landfall, {evacuated} residents were evacuated from low-lying areas."
        ),
        1 => format!("Authorities ordered {evacuated} people to leave their homes along the shore."),
        _ => format!("In all, {evacuated} people were evacuated, the interior ministry said."),
    });
    let displaced = rng.pick(&["nearly 10,000", "almost 10,000", "9,940", "about 9,900"]);
    out.push(match rng.below(2) {
        0 => format!(
            "{} people have been displaced and are staying in shelters or with relatives.",
            capitalise(displaced)
        ),
        _ => format!("The Red Cross said {displaced} people were displaced."),
    });
    let rescued = rng.pick(&["230", "more than 200", "two hundred and thirty", "230"]);
    out.push(match rng.below(2) {
        0 => format!("Lifeboat crews rescued {rescued} people from cars and rooftops."),
        _ => format!("Helicopter crews rescued {rescued} people stranded by the water."),
    });
    let buildings = rng.pick(facts.buildings);
    out.push(match rng.below(3) {
        0 => format!("The storm destroyed or badly damaged {buildings} homes."),
        1 => format!("Surveyors counted {buildings} buildings with serious damage."),
        _ => format!("Roofs were torn from {buildings} houses in the coastal towns."),
    });
    let officers = rng.pick(&["3,500", "some 3,500", "about 3,500", "3,500"]);
    out.push(match rng.below(2) {
        0 => format!("The government deployed {officers} police officers and soldiers to help."),
        _ => format!("{} rescue workers were sent to the worst-hit towns.", capitalise(officers)),
    });
    let damage = rng.pick(&["$2.1 billion", "$2.1bn", "more than $2 billion", "$2.1 billion"]);
    out.push(match rng.below(2) {
        0 => format!("Early estimates put the damage at {damage}."),
        _ => format!("The finance ministry said damage could reach {damage}."),
    });
    let aid = rng.pick(&["$150 million", "$150m", "$150 million"]);
    out.push(match rng.below(2) {
        0 => format!("The government pledged {aid} in emergency aid."),
        _ => format!("International donors and the government have pledged {aid} in relief."),
    });
    let dates = rng.pick(&[
        "from October 12 to October 14, 2026",
        "between October 12th and October 14th",
        "from 12 to 14 October 2026",
        "on October 12",
    ]);
    out.push(match rng.below(2) {
        0 => format!("Storm Brannock hit the Halden coast {dates}."),
        _ => format!("The storm made landfall {dates}, forecasters said."),
    });
    out.push(match rng.below(3) {
        0 => "The storm struck near Port Halden, Veldmark, with the strongest winds.".to_string(),
        1 => "Its eye struck near Port Halden, the provincial capital.".to_string(),
        _ => "The worst of the surge struck near Port Halden, Veldmark.".to_string(),
    });
    out.push(
        rng.pick(&[
            "Unemployment in the province stood at 6.8% before the storm, and officials fear it will rise.",
            "The province's unemployment rate, 6.8 percent before the storm, is expected to climb.",
        ])
        .to_string(),
    );
    out
}

/// Quotes from the officials, each named by title.
fn people_sentences(rng: &mut Rng, facts: &Facts) -> Vec<String> {
    let governor = facts.governor;
    vec![
        match rng.below(3) {
            0 => format!("\"We have never faced anything like this,\" said Governor {governor}."),
            1 => format!("Governor {governor} toured the flooded districts on Wednesday and promised help."),
            _ => format!("{governor}, the province's Governor, said the recovery would take years."),
        },
        match rng.below(2) {
            0 => "Prime Minister Odile Ferrant called the storm a national emergency.".to_string(),
            _ => "\"The whole country stands with Halden,\" Prime Minister Odile Ferrant said.".to_string(),
        },
        match rng.below(2) {
            0 => "Mayor Tomas Reyner of Port Halden asked residents to stay off the roads.".to_string(),
            _ => "Port Halden's Mayor Tomas Reyner opened the town hall as a shelter.".to_string(),
        },
        match rng.below(2) {
            0 => "A spokesperson for the coastguard, Dara Quill, said the search would go on.".to_string(),
            _ => "Police Commissioner Rafe Oduya said looting had been rare.".to_string(),
        },
        "The relief effort is coordinated by the Coastal Resilience Agency, headquartered in Bramford, Veldmark."
            .to_string(),
    ]
}

/// Sentences scoped to a district.
fn scoped_sentence(rng: &mut Rng) -> String {
    rng.pick(&[
        "In Lower Tessely, 12 people were killed and 400 homes were damaged.",
        "In the Arrow valley alone, 8,100 residents were evacuated.",
        "In Kestmoor, lifeboat crews rescued 31 people from flooded cottages.",
        "In Saltings District, about 900 people were displaced overnight.",
        "Meanwhile, in Bramford, hospitals treated 74 injured people.",
    ])
    .to_string()
}

/// Sentences about another event.
fn other_event_sentence(rng: &mut Rng) -> String {
    rng.pick(&[
        "A 2019 storm killed 61 people along the same stretch of coast.",
        "Last year, floods forced 4,000 people to leave their homes in the same province.",
        "A similar storm in 2011 destroyed 900 homes in the region.",
        "An earlier cyclone, in 2008, left 2,300 people displaced for months.",
        "A previous surge, a decade ago, killed 19 people in Kestmoor.",
    ])
    .to_string()
}

/// A background section about earlier storms.
fn background_section(rng: &mut Rng) -> (String, Vec<String>) {
    let heading = rng.pick(&["Previous storms", "Background", "A history of flooding"]).to_string();
    let paragraphs = vec![
        "Storm Ilka in 2019 killed 61 people and damaged 3,100 homes along the Halden coast.".to_string(),
        "In 2011, more than 20,000 people were evacuated when the sea wall at Kestmoor failed.".to_string(),
    ];
    (heading, paragraphs)
}

fn headline(rng: &mut Rng, facts: &Facts) -> String {
    let deaths = facts.deaths.first().copied().unwrap_or("47");
    match rng.below(5) {
        0 => format!("Storm Brannock kills {deaths} on Halden coast"),
        1 => "Thousands flee as Storm Brannock batters Veldmark".to_string(),
        2 => format!("Death toll from Storm Brannock rises to {deaths}"),
        3 => "Halden counts the cost after worst storm in decades".to_string(),
        _ => "Storm Brannock: what we know so far".to_string(),
    }
}

/// The outlet and byline of an article.
fn byline(rng: &mut Rng) -> String {
    const NAMES: &[&str] =
        &["Mira Solberg", "Anton Keel", "Jasmin Oyelaran", "Lukas Brandt", "Noor Haddad", "Erin Castell"];
    const OUTLETS: &[&str] =
        &["Coastal Daily", "The Veldmark Herald", "Northern Wire", "Halden Evening Post", "Channel 5 News"];
    const DATES: &[&str] = &["15 October 2026", "October 15, 2026", "Oct. 15, 2026"];
    format!("By {}, {}. Published {}", rng.pick(NAMES), rng.pick(OUTLETS), rng.pick(DATES))
}

/// Article `index` (1-based) of the corpus for `seed`.
pub fn article(seed: u64, index: usize) -> Article {
    let mut rng = Rng::new(seed ^ (index as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
    // Warm up so that nearby seeds diverge at once.
    rng.next_u64();
    let markup = match rng.below(20) {
        0 => Markup::Markdown,
        1 => Markup::Html,
        _ => Markup::Text,
    };
    let facts = if index % 50 == 25 { planted(index / 50) } else { TRUE_FACTS };
    let target = rng.range(3_200, 5_800);

    let title = headline(&mut rng, &facts);
    let mut claims = fact_sentences(&mut rng, &facts);
    claims.extend(people_sentences(&mut rng, &facts));
    rng.shuffle(&mut claims);
    // The lede is the first claim that is not a quotation.
    let lede_at = claims.iter().position(|c| !c.starts_with('"')).unwrap_or(0);
    let first = claims.remove(lede_at);
    claims.insert(0, first);
    if rng.chance(70) {
        let at = rng.range(1, claims.len());
        claims.insert(at, scoped_sentence(&mut rng));
    }
    if rng.chance(60) {
        let at = rng.range(1, claims.len());
        claims.insert(at, other_event_sentence(&mut rng));
    }
    let lede = format!("PORT HALDEN, Veldmark — {}", claims.first().cloned().unwrap_or_default());
    let mut paragraphs: Vec<String> = vec![lede];
    let mut rest = claims.get(1..).unwrap_or(&[]).to_vec();
    while !rest.is_empty() {
        let take = rng.range(1, 3).min(rest.len());
        let group: Vec<String> = rest.drain(..take).collect();
        paragraphs.push(group.join(" "));
        if rng.chance(40) {
            paragraphs.push(filler_paragraph(&mut rng));
        }
    }
    let background = if rng.chance(20) { Some(background_section(&mut rng)) } else { None };
    let size = |paragraphs: &[String]| paragraphs.iter().map(|p| p.len() + 2).sum::<usize>();
    let overhead = match markup {
        Markup::Text => 120,
        Markup::Markdown => 200,
        Markup::Html => 900,
    };
    while size(&paragraphs) + overhead < target {
        let filler = filler_paragraph(&mut rng);
        if size(&paragraphs) + overhead + filler.len() > 5_800 {
            break;
        }
        let at = rng.range(1, paragraphs.len());
        paragraphs.insert(at, filler);
    }
    let byline = byline(&mut rng);
    let body = match markup {
        Markup::Text => render_text(&title, &byline, &paragraphs, background.as_ref()),
        Markup::Markdown => render_markdown(&title, &byline, &paragraphs, background.as_ref()),
        Markup::Html => render_html(&title, &byline, &paragraphs, background.as_ref()),
    };
    Article { name: format!("article-{index:05}.{}", markup.extension()), markup, body }
}

/// The first `n` articles of the corpus for `seed`.
pub fn generate(seed: u64, n: usize) -> Vec<Article> {
    (1..=n).map(|i| article(seed, i)).collect()
}

fn render_text(
    title: &str,
    byline: &str,
    paragraphs: &[String],
    background: Option<&(String, Vec<String>)>,
) -> String {
    let mut out = format!("{title}\n\n{byline}\n\n");
    for p in paragraphs {
        out.push_str(p);
        out.push_str("\n\n");
    }
    if let Some((heading, paras)) = background {
        let _ = write!(out, "{heading}\n\n");
        for p in paras {
            out.push_str(p);
            out.push_str("\n\n");
        }
    }
    out
}

fn render_markdown(
    title: &str,
    byline: &str,
    paragraphs: &[String],
    background: Option<&(String, Vec<String>)>,
) -> String {
    let mut out = format!("---\ntitle: \"{title}\"\ndate: 2026-10-15\n---\n\n# {title}\n\n*{byline}*\n\n");
    for (i, p) in paragraphs.iter().enumerate() {
        if i == 2 {
            out.push_str("> ");
        }
        out.push_str(p);
        out.push_str("\n\n");
        if i == 3 {
            out.push_str("See the [live map](https://example.org/map) for road closures.\n\n");
        }
    }
    if let Some((heading, paras)) = background {
        let _ = write!(out, "## {heading}\n\n");
        for p in paras {
            let _ = writeln!(out, "- {p}");
        }
        out.push('\n');
    }
    out
}

fn render_html(
    title: &str,
    byline: &str,
    paragraphs: &[String],
    background: Option<&(String, Vec<String>)>,
) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title} | Coastal Daily</title>\n\
         <meta property=\"article:published_time\" content=\"2026-10-15T07:30:00Z\">\n\
         <style>body {{ font-family: serif; }} .byline {{ color: #555; }}</style>\n\
         <script>window.dataLayer = window.dataLayer || []; dataLayer.push({{page: 'storm'}});</script>\n\
         </head>\n<body>\n<nav><a href=\"/\">Home</a> | <a href=\"/world\">World</a> | <a href=\"/weather\">Weather</a></nav>\n\
         <article>\n<h1>{title}</h1>\n<p class=\"byline\">{byline}</p>\n"
    );
    for p in paragraphs {
        let escaped = p.replace('&', "&amp;").replace('"', "&quot;").replace('—', "&mdash;");
        let _ = writeln!(out, "<p>{escaped}</p>");
    }
    if let Some((heading, paras)) = background {
        let _ = writeln!(out, "<h2>{heading}</h2>");
        for p in paras {
            let _ = writeln!(out, "<p>{p}</p>");
        }
    }
    out.push_str(
        "</article>\n<aside><h3>Most read</h3><ul><li>Markets slip</li><li>Cup final preview</li></ul></aside>\n\
         <footer><p>&copy; 2026 Coastal Daily. All rights reserved.</p></footer>\n</body>\n</html>\n",
    );
    out
}
