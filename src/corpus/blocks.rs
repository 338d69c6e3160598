//! Paragraph blocks and their roles: body text, headline, metadata lines, boilerplate.

use std::sync::LazyLock;

use regex::{Regex, RegexSet};

use crate::config::Config;
use crate::layout::{Block, BlockRole, Span};
use crate::pattern::Needles;

/// Recognises boilerplate lines, from the config's patterns plus structural rules.
#[derive(Debug, Clone)]
pub struct BoilerplateMatcher {
    lines: RegexSet,
    credit: Regex,
    bio: Regex,
    tagline: Regex,
    metadata: RegexSet,
    /// Furniture at the edges of scraped text.
    pub(super) furniture: std::sync::Arc<super::furniture::Furniture>,
    /// The outlets known in advance.
    pub(super) outlets: std::sync::Arc<super::outlets::Outlets>,
}

impl BoilerplateMatcher {
    pub fn new(config: &Config) -> Self {
        let anchored: Vec<String> = config
            .boilerplate
            .lines
            .iter()
            .map(|p| format!("(?i)^(?:{p})$"))
            .collect();
        BoilerplateMatcher {
            lines: RegexSet::new(&anchored).unwrap_or_else(|_| RegexSet::empty()),
            // "DAVID GUTTENFELDER/THE NEW YORK TIMES", "Photo: AP", "(Getty Images)".
            credit: Regex::new(
                r"^(?:[A-Z][A-Z.'’ -]+/[A-Z][A-Z.'’ &-]+|.*\b(?:Getty Images|AFP via Getty|AP Photo|Reuters/[A-Z].*|Shutterstock|Bloomberg via Getty)\)?)$",
            )
            .expect("valid"),
            // "Anton Troianovski writes about American foreign policy ... for The Times", "Jane Doe
            // reports from Kyiv"; not "The Australian reports a meeting ...".
            bio: Regex::new(
                r"^[A-Z][\p{L}.'’-]+(?: [A-Z][\p{L}.'’-]+){1,3} (?:writes|covers|reports (?:on|from|for|about)|is a (?:senior |staff |former )?(?:correspondent|reporter|writer|editor|columnist))\b",
            )
            .expect("valid"),
            // "President Donald Trump-White House-President Volodymyr Zelenskiy": photo tags.
            tagline: Regex::new(r"^[A-Z][^.!?:;,]*\p{Ll}-[A-Z][^.!?:;,]*-[A-Z][^.!?:;,]*$").expect("valid"),
            metadata: RegexSet::new([
                r"(?i)^the post .+ appeared first on .+$",
                r"(?i)^this (?:article|story) (?:originally |first )?appeared (?:first )?(?:in|on) .+$",
                r"(?i)^(?:©|\(c\)|copyright)\s*\d{4}\b.*$",
                r"(?i)^date:?\s*\d{4}-\d{2}-\d{2}\S*$",
                r"(?i)^(?:published|updated|posted)(?: on)?:?\s+\S.{0,60}$",
                r"(?i)^by\s+[A-Z][\p{L}.'’-]+(?:\s+[A-Z][\p{L}.'’-]+){0,3}(?:\s*(?:,|and|\|).{0,60})?$",
            ])
            .expect("valid"),
            furniture: std::sync::Arc::new(super::furniture::Furniture::new(config)),
            outlets: std::sync::Arc::new(super::outlets::Outlets::new(config)),
        }
    }

    fn is_boilerplate(&self, line: &str) -> bool {
        // A tagline holds a hyphen, a bio one of its verbs: most lines are passed over without
        // their regexes (whose Unicode `\b` reads any line with a curly quote slowly).
        self.lines.is_match(line)
            || (BIO_NEEDLES.any_in(line) && self.bio.is_match(line) && !names_a_publication(line))
            || (memchr::memchr(b'-', line.as_bytes()).is_some() && self.tagline.is_match(line))
    }

    fn is_credit(&self, line: &str) -> bool {
        // Each credit holds a slash or one of the agencies' names.
        line.len() < 120
            && (memchr::memchr(b'/', line.as_bytes()).is_some() || CREDIT_NEEDLES.any_in(line))
            && self.credit.is_match(line)
    }

    fn is_metadata(&self, line: &str) -> bool {
        self.metadata.is_match(line)
    }
}

/// True if the line opens with an article ("The Australian reports that ..."): a publication
/// reporting, not a reporter's bio.
fn names_a_publication(line: &str) -> bool {
    ["The ", "A ", "An "].iter().any(|a| line.starts_with(a))
}

/// What every match of the `bio` regex holds: one of its verbs after a space.
const BIO_VERBS: [&str; 4] = [" writes", " covers", " reports", " is a "];

/// What every match of the `credit` regex without a slash holds.
const CREDIT_NAMES: [&str; 3] = ["Getty", "AP Photo", "Shutterstock"];

static BIO_NEEDLES: LazyLock<Needles> = LazyLock::new(|| Needles::new(&BIO_VERBS));
static CREDIT_NEEDLES: LazyLock<Needles> = LazyLock::new(|| Needles::new(&CREDIT_NAMES));

/// Splits plain text into blocks: each non-blank line is a paragraph.
pub(super) fn text_blocks(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let span = Span::new(start, start + line.len()).trim(text);
        start += line.len();
        if !span.is_empty() {
            out.push(span);
        }
    }
    out
}

/// Assigns roles to raw block spans: boilerplate, credits and the caption under a credit,
/// metadata lines, the headline; everything else is body.
pub(super) fn classify(text: &str, spans: Vec<Span>, matcher: &BoilerplateMatcher) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::with_capacity(spans.len());
    let mut caption_next = false;
    for span in split_prefixes(text, spans) {
        let line = text[span.range()].trim_start_matches('\u{feff}').trim();
        let role = if matcher.is_credit(line) {
            caption_next = true;
            BlockRole::Boilerplate
        } else if matcher.is_metadata(line) {
            caption_next = false;
            BlockRole::Metadata
        } else if matcher.is_boilerplate(line) {
            caption_next = false;
            BlockRole::Boilerplate
        } else if caption_next {
            // The paragraph right under a photo credit is the photo's caption.
            caption_next = false;
            BlockRole::Boilerplate
        } else {
            BlockRole::Body
        };
        blocks.push(Block { span, role });
    }
    blocks
}

/// Web-page clutter that republished text glues to the front of the first paragraph
/// ("date 2025-08-19 President Trump said ..."), split off into a block of its own.
static PREFIX: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new(r"(?i)^(?:date:?\s*\d{4}-\d{2}-\d{2}|you can now listen to this article\.?|listen to this article\.?)\s+")
        .expect("valid")
});

fn split_prefixes(text: &str, spans: Vec<Span>) -> Vec<Span> {
    let mut out = Vec::with_capacity(spans.len());
    for span in spans {
        let line = &text[span.range()];
        match PREFIX.find(line) {
            Some(m) if m.end() < line.len() => {
                out.push(Span::new(span.start, span.start + m.end()).trim(text));
                out.push(Span::new(span.start + m.end(), span.end).trim(text));
            }
            _ => out.push(span),
        }
    }
    out
}

/// Words in a line, for the short-line heuristics.
pub(super) fn word_count(line: &str) -> usize {
    line.split_whitespace().count()
}
