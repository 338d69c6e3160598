//! A deterministic synthetic corpus, for benchmarks and scale tests: realistic news articles
//! recombined from sentence patterns, with varied actors (taken from the configuration), outlets,
//! quotes, bylines and boilerplate.
//!
//! Article `i` depends only on the seed and `i`, so the first 1,000 articles of a 50,000-article
//! corpus are the 1,000-article corpus, and any article can be generated on its own.

use std::path::Path;

use fastrand::Rng;

use crate::config::{ActorKind, Config, Gender};

/// One generated article: its file name and its full text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntheticArticle {
    pub file: String,
    pub text: String,
}

/// An actor as the generator names it: full name, later references, and pronoun.
struct Speaker {
    full: String,
    short: String,
    pronoun: &'static str,
}

/// Generates articles from the configuration's actors.
pub struct Generator {
    speakers: Vec<Speaker>,
    seed: u64,
}

const OUTLETS: &[&str] = &[
    "The Daily Ledger",
    "Northern Courier",
    "Global Wire Service",
    "The Evening Standard-Bearer",
    "Capital Times",
    "Harbor Post",
    "Continental Review",
    "The Morning Dispatch",
];

const AUTHORS: &[&str] = &[
    "Anna Kovacs",
    "James Whitfield",
    "Maria Santos",
    "David Okafor",
    "Elena Petrova",
    "Tom Harris",
    "Sophie Laurent",
    "Michael Chen",
];

const TOPICS: &[&str] = &[
    "U.S. troops",
    "American soldiers on the ground",
    "boots on the ground",
    "peacekeepers",
    "security guarantees",
    "a reassurance force",
    "air support",
    "European troops",
    "military support",
    "a ceasefire",
    "a truce",
    "an immediate ceasefire",
    "a cessation of hostilities",
];

const SUPPORT: &[&str] = &[
    "would support {t}",
    "backed {t}",
    "was ready to provide {t}",
    "welcomed {t}",
    "called for {t}",
    "pushed for {t}",
    "endorsed {t}",
];

const OPPOSE: &[&str] = &[
    "would not accept {t}",
    "rejected {t}",
    "ruled out {t}",
    "opposed {t}",
    "would never agree to {t}",
    "dismissed {t}",
];

const CONDITIONAL: &[&str] = &[
    "would back {t} only if {c}",
    "could accept {t} as long as {c}",
    "would consider {t}, but only if {c}",
];

const CONDITIONS: &[&str] = &[
    "Russia agreed to a lasting deal",
    "Europe took the lead",
    "the front line was frozen first",
    "Congress approved it",
    "the allies shared the cost",
];

const WHEN: &[&str] = &[
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Thursday",
    "on Friday",
    "last week",
    "earlier this month",
    "in a statement",
    "in an interview",
    "at a news conference",
];

const QUOTES: &[&str] = &[
    "We are not going to send {t}, that is very clear",
    "There will be {t}, and everybody knows it",
    "Nobody wants {t} more than we do",
    "We need {t} before anything else can happen",
    "I don't think {t} is realistic right now",
    "If there is {t}, it has to be real",
];

const BACKGROUND: &[&str] = &[
    "The talks come after {n} months of fighting in the east, where neither side has made major gains.",
    "Officials met for {n} hours behind closed doors, according to a person familiar with the discussions.",
    "The war has displaced millions of people and destroyed much of the country's infrastructure.",
    "Negotiators are expected to meet again in {city} within {n} days.",
    "Markets in {city} rose slightly after the announcement, analysts said.",
    "A previous round of talks in {city} ended without an agreement {n} weeks ago.",
    "The meeting in {city} was the first of its kind since the spring.",
    "Russian forces have pressed their offensive in the Donetsk region for {n} weeks, and Ukrainian commanders say they are short of ammunition and of men to rotate out of the trenches.",
    "European governments have spent months debating how to pay for reconstruction, with estimates running to hundreds of billions of dollars over the next decade.",
    "The proposal, which diplomats in {city} described as a framework rather than a finished text, would leave several of the hardest questions to later rounds.",
    "Analysts in {city} cautioned that any agreement would depend on how it is monitored, and on whether both sides trust the mechanism chosen to enforce it.",
    "Details of the proposal were not made public, and several questions remain open.",
];

const CITIES: &[&str] = &[
    "Geneva", "Istanbul", "Riyadh", "Paris", "London", "Berlin", "Warsaw", "Helsinki",
];

const BOILERPLATE: &[&str] = &[
    "Share this article",
    "Sign up for our newsletter",
    "Advertisement",
    "Read more: the latest on the war in Ukraine",
];

impl Generator {
    /// A generator over the configuration's people, governments and institutions.
    pub fn new(config: &Config, seed: u64) -> Self {
        let speakers = config
            .actors
            .iter()
            .filter(|a| !a.aliases.is_empty())
            .map(|a| {
                // People are referred to later by surname, others by their name.
                let surname = a.name.rsplit(' ').next().unwrap_or(&a.name);
                let short =
                    if a.kind == ActorKind::Person && a.aliases.iter().any(|al| al == surname) {
                        surname.to_string()
                    } else {
                        a.name.clone()
                    };
                let pronoun = match (a.kind, a.gender) {
                    (ActorKind::Person, Gender::Female) => "she",
                    (ActorKind::Person, Gender::Male) => "he",
                    _ => "they",
                };
                Speaker {
                    full: a.name.clone(),
                    short,
                    pronoun,
                }
            })
            .collect();
        Generator { speakers, seed }
    }

    /// Article number `i`.
    pub fn article(&self, i: usize) -> SyntheticArticle {
        let mut rng = Rng::with_seed(self.seed ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let outlet = pick(&mut rng, OUTLETS);
        let author = pick(&mut rng, AUTHORS);
        let date = format!("2025-{:02}-{:02}", rng.u8(1..=12), rng.u8(1..=28));
        let markdown = rng.u8(0..10) < 4;
        let lead = self.speaker(&mut rng);
        let topic = pick(&mut rng, TOPICS);
        let headline = format!(
            "{} {} on {} as talks resume",
            lead.short,
            pick(
                &mut rng,
                &[
                    "signals shift",
                    "draws a line",
                    "weighs options",
                    "speaks out"
                ]
            ),
            topic.trim_start_matches("a ").trim_start_matches("an "),
        );
        let mut paragraphs: Vec<String> = Vec::new();
        let count = rng.usize(12..22);
        for p in 0..count {
            let mut sentences = Vec::new();
            for _ in 0..rng.usize(1..4) {
                sentences.push(self.sentence(&mut rng, p == 0));
            }
            paragraphs.push(sentences.join(" "));
            if rng.u8(0..12) == 0 {
                paragraphs.push(pick(&mut rng, BOILERPLATE).to_string());
            }
        }
        let body = paragraphs.join("\n\n");
        let slug = crate::corpus::article_id(outlet);
        if markdown {
            let file = format!("{i:06}-{slug}.md");
            let text = format!(
                "---\ntitle: {headline}\noutlet: {outlet}\nauthor: {author}\ndate: {date}\n\
                 url: https://news.example/{slug}/{i}\n---\n\n{body}\n"
            );
            SyntheticArticle { file, text }
        } else {
            let file = format!("{i:06}-{slug}.txt");
            let credit = format!(
                "{}/{}",
                pick(&mut rng, AUTHORS).to_uppercase(),
                outlet.to_uppercase()
            );
            let text = format!(
                "{headline}\n\nBy {author}\n\nDate: {date}\n\n{credit}\n\n{body}\n\n© {} {outlet}\n",
                &date[..4]
            );
            SyntheticArticle { file, text }
        }
    }

    fn speaker(&self, rng: &mut Rng) -> &Speaker {
        &self.speakers[rng.usize(0..self.speakers.len().max(1))]
    }

    /// One sentence: a quote, a reported statement, a description, a condition or background.
    fn sentence(&self, rng: &mut Rng, first: bool) -> String {
        if self.speakers.is_empty() || rng.u8(0..10) < 5 {
            let line = pick(rng, BACKGROUND);
            return line
                .replace("{n}", &rng.u8(2..40).to_string())
                .replace("{city}", pick(rng, CITIES));
        }
        let speaker = self.speaker(rng);
        let name = capitalized(if first || rng.bool() {
            &speaker.full
        } else {
            &speaker.short
        });
        let topic = pick(rng, TOPICS);
        let when = pick(rng, WHEN);
        let position = match rng.u8(0..3) {
            0 => SUPPORT,
            1 => OPPOSE,
            _ => CONDITIONAL,
        };
        let clause = pick(rng, position)
            .replace("{t}", topic)
            .replace("{c}", pick(rng, CONDITIONS));
        match rng.u8(0..5) {
            0 => {
                let quote = pick(rng, QUOTES).replace("{t}", topic);
                let (open, close) = if rng.bool() {
                    ("\u{201c}", "\u{201d}")
                } else {
                    ("\"", "\"")
                };
                format!("{open}{quote},{close} {name} said {when}.")
            }
            1 => format!("{name} said {when} that {} {clause}.", speaker.pronoun),
            2 => format!("{name} {clause}, according to officials."),
            3 => format!(
                "Asked about {topic}, {name} told reporters that {} {clause}.",
                speaker.pronoun
            ),
            _ => format!("{name} {clause} {when}."),
        }
    }

    /// Writes articles `0..n` into `dir`, which must exist. Returns the bytes written.
    pub fn write(&self, n: usize, dir: &Path) -> std::io::Result<u64> {
        let mut bytes = 0;
        for i in 0..n {
            let article = self.article(i);
            std::fs::write(dir.join(&article.file), &article.text)?;
            bytes += article.text.len() as u64;
        }
        Ok(bytes)
    }
}

/// The name with its first letter in upper case, to start a sentence ("the Kremlin").
fn capitalized(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn pick<'a>(rng: &mut Rng, items: &[&'a str]) -> &'a str {
    items[rng.usize(0..items.len())]
}
