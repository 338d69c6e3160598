//! Page furniture around scraped text: what a web page put above and below the article (language
//! switchers, category menus, share bars and tag lists, template placeholders, a date alone on
//! its line, "Authored by X via Y", the outlet's masthead), marked so
//! that it stays out of titles, outlets and claims.
//!
//! Every rule is a construction (a line made only of words of one kind) over word lists from the
//! config (`[boilerplate]` sections, languages, share; `[dates]`; `[[outlets]]`), and only the
//! edges of an article are looked at: the lines before its first paragraph of prose, and the
//! lines after its last.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::outlets::Outlets;
use super::{Block, BlockRole, Metadata};
use crate::config::Config;
use crate::dates::DateLexicon;

/// How many blocks at each end may be furniture.
const EDGE: usize = 12;

/// The word lists furniture is recognised by.
#[derive(Debug)]
pub(super) struct Furniture {
    /// Section names, lowercase, longest first.
    sections: Vec<String>,
    languages: HashSet<String>,
    share: Vec<String>,
    /// Month and weekday names, lowercase.
    calendar: HashSet<String>,
    dates: DateLexicon,
}

static AUTHORED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:authored|written|posted) by\s+(.+?)\s+via\s+(.+?)[,.;:]?$").expect("valid")
});
static TEMPLATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\{\{.*\}\}|\{%.*%\}|\$\{[^}]*\}").expect("valid"));
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(?:19|20)\d\d\b").expect("valid"));

/// Words besides month and weekday names that a line holding only a date may have.
const DATE_WORDS: &[&str] = &[
    "gmt", "utc", "est", "edt", "cet", "cest", "eet", "eest", "msk", "bst", "pst", "pdt", "am",
    "pm", "at", "of", "th", "st", "nd", "rd", "t", "z",
];

impl Furniture {
    pub(super) fn new(config: &Config) -> Furniture {
        let lower = |v: &[String]| -> Vec<String> { v.iter().map(|s| s.to_lowercase()).collect() };
        let mut sections = lower(&config.boilerplate.sections);
        sections.sort_by_key(|s| std::cmp::Reverse(s.len()));
        let mut share = lower(&config.boilerplate.share);
        share.sort_by_key(|s| std::cmp::Reverse(s.len()));
        let calendar = config
            .dates
            .months
            .iter()
            .chain(&config.dates.weekdays)
            .flatten()
            .map(|s| s.to_lowercase())
            .collect();
        Furniture {
            sections,
            languages: lower(&config.boilerplate.languages).into_iter().collect(),
            share,
            calendar,
            dates: DateLexicon::new(config),
        }
    }

    /// Marks the furniture at both ends of a plain-text article and reads what it tells (author,
    /// outlet, date) into `meta`, filling only what is still unknown.
    pub(super) fn mark(
        &self,
        text: &str,
        blocks: &mut [Block],
        outlets: &Outlets,
        meta: &mut Metadata,
    ) {
        let line = |b: &Block| text[b.span.range()].trim_start_matches('\u{feff}').trim();
        let n = blocks.len();
        // The top: up to the first paragraph of prose.
        for block in blocks.iter_mut().take(EDGE) {
            if block.role != BlockRole::Body {
                continue;
            }
            let l = line(block).to_string();
            if is_prose(&l) {
                break;
            }
            block.role = self.role_of(&l, outlets, meta);
        }
        // The bottom: back from the end while lines are furniture.
        for i in (n.saturating_sub(EDGE)..n).rev() {
            let l = line(&blocks[i]).to_string();
            if blocks[i].role != BlockRole::Body {
                continue;
            }
            if is_prose(&l) {
                break;
            }
            let role = self.role_of(&l, outlets, meta);
            if role == BlockRole::Body {
                break;
            }
            blocks[i].role = role;
        }
    }

    /// The role of one short edge line, reading an author, outlet or date it gives into `meta`.
    fn role_of(&self, line: &str, outlets: &Outlets, meta: &mut Metadata) -> BlockRole {
        if let Some(c) = AUTHORED.captures(line) {
            meta.author.get_or_insert_with(|| c[1].trim().to_string());
            meta.outlet.get_or_insert_with(|| c[2].trim().to_string());
            return BlockRole::Metadata;
        }
        if outlets.is_masthead(line) {
            meta.outlet.get_or_insert_with(|| line.to_string());
            return BlockRole::Metadata;
        }
        if self.is_date_only(line) {
            if meta.date.is_none()
                && let Some(p) = self.dates.labelled_date(&format!("Date: {line}"), None)
            {
                meta.date = Some(p.iso());
            }
            return BlockRole::Metadata;
        }
        if TEMPLATE.is_match(line)
            || self.is_language_switcher(line)
            || self.is_menu(line)
            || self.is_share_bar(line)
        {
            return BlockRole::Boilerplate;
        }
        BlockRole::Body
    }

    /// "ua en ru", "EN | UA": language names or codes only, two or more.
    fn is_language_switcher(&self, line: &str) -> bool {
        let words: Vec<String> = words(line).map(|w| w.to_lowercase()).collect();
        words.len() >= 2 && words.iter().all(|w| self.languages.contains(w))
    }

    /// "Eastern Europe Europe Politics Politics World": section names only.
    fn is_menu(&self, line: &str) -> bool {
        let lower = line.to_lowercase();
        let mut rest = lower.as_str();
        let mut names = 0;
        loop {
            rest = rest.trim_start_matches(|c: char| !c.is_alphanumeric());
            if rest.is_empty() {
                return names >= 1;
            }
            let Some(name) = self
                .sections
                .iter()
                .find(|s| rest.starts_with(s.as_str()) && ends_word(&rest[s.len()..]))
            else {
                return false;
            };
            rest = &rest[name.len()..];
            names += 1;
        }
    }

    /// "Share Facebook Twitter Email", "Tags: Ukraine, Russia, Ceasefire".
    fn is_share_bar(&self, line: &str) -> bool {
        let lower = line.to_lowercase();
        if let Some((head, _)) = lower.split_once(':')
            && self.share.iter().any(|s| s == head.trim())
        {
            return true;
        }
        let mut rest = lower.as_str();
        loop {
            rest = rest.trim_start_matches(|c: char| !c.is_alphanumeric());
            if rest.is_empty() {
                return true;
            }
            let Some(word) = self
                .share
                .iter()
                .find(|s| rest.starts_with(s.as_str()) && ends_word(&rest[s.len()..]))
            else {
                return false;
            };
            rest = &rest[word.len()..];
        }
    }

    /// "Tuesday, 02 January 2024 12:17 GMT", "19.08.2025": a date with a year, nothing else.
    fn is_date_only(&self, line: &str) -> bool {
        line.len() <= 60
            && YEAR.is_match(line)
            && words(line).all(|w| {
                let w = w.to_lowercase();
                w.bytes().all(|b| b.is_ascii_digit())
                    || self.calendar.contains(w.trim_end_matches('.'))
                    || DATE_WORDS.contains(&w.as_str())
            })
    }
}

/// A paragraph of prose: a sentence of some length, ending as sentences do.
fn is_prose(line: &str) -> bool {
    line.split_whitespace().count() >= 12
        || (line.split_whitespace().count() >= 6
            && line.ends_with(['.', '!', '?', '"', '”', '’', '»']))
}

fn words(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// True when what follows a matched name does not continue its word.
fn ends_word(rest: &str) -> bool {
    rest.chars().next().is_none_or(|c| !c.is_alphanumeric())
}

/// A headline as shown: without the emoji, variation selectors and bullets a page put before it.
pub(super) fn clean_title(title: &str) -> String {
    title
        .trim_start_matches(|c: char| {
            c.is_whitespace()
                || !c.is_ascii() && !c.is_alphanumeric() && !matches!(c, '“' | '‘' | '«')
        })
        .trim()
        .to_string()
}

/// A place name in capitals and a dash opening a paragraph ("WASHINGTON — "), or a one-word
/// label ("Details: "): not part of a title made from the lead.
static LEAD_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\p{Lu}[\p{Lu} .'-]{2,}(?:,\s*\p{Lu}[\p{L} ]+)?\s*[—–-]\s*|\p{Lu}[\p{Lu} .'-]{2,},[^/\n]{0,40}/\p{Lu}+/\.?\s*|\p{Lu}\p{Ll}+:\s+)")
        .expect("valid")
});

impl Furniture {
    /// A title for an article that gives none: the start of its first paragraph after a dateline
    /// or a label, ending in "…".
    pub(super) fn lead_title(&self, text: &str, blocks: &[Block]) -> Option<String> {
        let lead = blocks
            .iter()
            .find(|b| b.role == BlockRole::Body)
            .map(|b| text[b.span.range()].trim())?;
        let after_dateline = self
            .dates
            .dateline(lead, None)
            .and_then(|d| lead.get(d.end..))
            .unwrap_or(lead);
        let after_dateline = after_dateline.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, '/' | '.' | '—' | '–' | '-' | ':')
        });
        let rest = LEAD_PREFIX
            .find(after_dateline)
            .map_or(after_dateline, |m| &after_dateline[m.end()..]);
        lead_title(if rest.split_whitespace().count() >= 4 {
            rest
        } else {
            lead
        })
    }
}

/// The start of `lead`'s first sentence, at most 12 words, ending in "…".
fn lead_title(lead: &str) -> Option<String> {
    // The first sentence of four words or more ("U.S." and "Nov." end none), at most 12 words.
    let mut words: Vec<&str> = Vec::new();
    for word in lead.split_whitespace() {
        words.push(word);
        let stem = word.trim_end_matches(['"', '”', '’', '\'', ')']);
        let ends = stem.ends_with(['.', '!', '?']) && {
            let bare = stem.trim_end_matches(['.', '!', '?']);
            bare.chars().count() >= 4 && !bare.contains('.')
        };
        if ends && words.len() < 4 {
            words.clear();
        } else if ends || words.len() == 12 {
            break;
        }
    }
    if words.is_empty() {
        return None;
    }
    let mut title = words.join(" ");
    while title.ends_with(|c: char| !c.is_alphanumeric()) {
        title.pop();
    }
    title.push('…');
    Some(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn furniture() -> Furniture {
        Furniture::new(&Config::default_config())
    }

    #[test]
    fn edge_lines_of_one_kind_are_furniture() {
        let f = furniture();
        assert!(f.is_language_switcher("ua en ru"));
        assert!(f.is_language_switcher("EN | UA"));
        assert!(!f.is_language_switcher("Putin en route"));
        assert!(f.is_menu("Eastern Europe Europe Politics Politics World"));
        assert!(!f.is_menu("Europe divided over a reassurance force"));
        assert!(f.is_share_bar("Share Facebook Twitter Email"));
        assert!(f.is_share_bar("Tags: Ukraine, Russia, ceasefire"));
        assert!(!f.is_share_bar("Share prices fell in Moscow"));
        assert!(f.is_date_only("Tuesday, 02 January 2024 12:17 GMT"));
        assert!(f.is_date_only("March 3, 2025"));
        assert!(!f.is_date_only("March 3, 2025: talks resume"));
    }

    #[test]
    fn a_lead_title_is_the_start_of_the_first_sentence() {
        let text = "Leaders met in Paris on Tuesday to discuss a force for Ukraine after a ceasefire with Russia. More.";
        let blocks = vec![Block {
            span: crate::Span::new(0, text.len()),
            role: BlockRole::Body,
        }];
        assert_eq!(
            furniture().lead_title(text, &blocks).as_deref(),
            Some("Leaders met in Paris on Tuesday to discuss a force for Ukraine…")
        );
    }

    #[test]
    fn a_lead_title_leaves_out_datelines_and_labels() {
        for (lead, want) in [
            (
                "WASHINGTON — The president said on Monday that talks would resume soon. More.",
                "The president said on Monday that talks would resume soon…",
            ),
            (
                "KYIV, March 3, 2025 — Officials said the truce held overnight in the east. More.",
                "Officials said the truce held overnight in the east…",
            ),
            (
                "MOSCOW, December 19. /TASS/. Officials said the talks would continue. More.",
                "Officials said the talks would continue…",
            ),
            (
                "Details: The agency reported that the meeting ended without a deal. More.",
                "The agency reported that the meeting ended without a deal…",
            ),
            // A capitalised first word is no dateline.
            (
                "NATO allies met in Brussels to discuss air defence for Kyiv. More.",
                "NATO allies met in Brussels to discuss air defence for Kyiv…",
            ),
        ] {
            let blocks = vec![Block {
                span: crate::Span::new(0, lead.len()),
                role: BlockRole::Body,
            }];
            assert_eq!(
                furniture().lead_title(lead, &blocks).as_deref(),
                Some(want),
                "{lead}"
            );
        }
    }
}
