//! The topic an article is about when it never names one by its terms. A user writes a topic's
//! terms before reading every article, and reporters word things their own way: "those under 16
//! will be banned from using social media" for a "social media ban", "plans to ban the sale of new
//! combustion-engine vehicles" for a "combustion engine ban". The words of a topic's name and
//! terms in an article's opening say what it is about; its policy nouns ("the bill", "the laws")
//! then stand for that topic, as they do after the topic is named.

use crate::config::Config;
use std::collections::HashSet;

/// How much of an article's opening is read for a topic's words.
const OPENING_BYTES: usize = 800;

/// The most distinctive words a topic may have for two of them to name it in a sentence. A
/// topic written as a lexicon of dozens of patterns has common words among them ("support",
/// "forces", "Ukraine"), and two of those side by side say nothing of what is meant.
const NAMING_WORDS: usize = 20;

/// Words of a topic's name and terms that say nothing of what it is.
const STOP_WORDS: &[&str] = &[
    "the", "and", "for", "with", "from", "into", "over", "under", "new", "act", "its", "their",
    "our", "his", "her", "all", "any", "not", "are", "was", "has", "have", "who", "per", "off",
    "out", "end",
];

/// Endings a keyword may take in the text: "ban" matches "bans", "banned" and "banning".
const ENDINGS: &[&str] = &[
    "", "s", "es", "ed", "ing", "ned", "ning", "ted", "ting", "y",
];

/// One topic's words.
#[derive(Debug, Default)]
struct Words {
    /// Words that say what the topic is ("social", "media", "tiktok").
    distinctive: HashSet<String>,
    /// The topic's own policy nouns ("ban", "bill").
    policy: HashSet<String>,
}

/// Every topic's words, from its name and its terms.
#[derive(Debug, Default)]
pub(crate) struct TopicKeywords {
    topics: Vec<Words>,
    /// Every policy noun of the cue lexicons ("levy", "scheme").
    policy_nouns: HashSet<String>,
}

impl TopicKeywords {
    pub(crate) fn new(config: &Config) -> Self {
        let policy_nouns: HashSet<String> = (config.cues.policy_nouns.iter())
            .map(|n| n.trim().to_lowercase())
            .collect();
        let topics = (config.topics.iter())
            .map(|t| {
                let mut words = Words::default();
                let sources =
                    std::iter::once(t.name.as_str()).chain(t.terms.iter().map(|s| s.as_str()));
                for word in sources.flat_map(term_words) {
                    if policy_nouns.contains(&word) {
                        words.policy.insert(word);
                    } else if !STOP_WORDS.contains(&word.as_str()) {
                        words.distinctive.insert(word);
                    }
                }
                words
            })
            .collect();
        TopicKeywords {
            topics,
            policy_nouns,
        }
    }

    /// The topic the opening of `text` (from byte `start`) is about by its words: two of a
    /// topic's distinctive words, or one named twice and one of its policy nouns, when no other topic has
    /// as many distinctive words (then policy nouns).
    pub(crate) fn about(&self, text: &str, start: usize) -> Option<usize> {
        let mut end = (start + OPENING_BYTES).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let opening = lower_words(&text[start.min(end)..end]);
        let scores: Vec<(usize, (usize, usize))> = (self.topics.iter().enumerate())
            .filter_map(|(topic, words)| {
                let (distinctive, times) = found_words(&words.distinctive, &opening);
                let (policy, _) = found_words(&words.policy, &opening);
                let about = distinctive >= 2 || distinctive == 1 && times >= 2 && policy >= 1;
                about.then_some((topic, (distinctive, policy)))
            })
            .collect();
        let best = scores.iter().map(|&(_, s)| s).max()?;
        let mut top = scores.iter().filter(|&&(_, s)| s == best);
        let (topic, _) = *top.next()?;
        top.next().is_none().then_some(topic)
    }

    /// True if `text` names `topic` by two of its distinctive words side by side, or one and a
    /// policy noun ("sugary drinks" or "the drinks levy" for a "soft drinks levy"): a judgement
    /// there is on the topic, not on another noun. Off for topics of more than
    /// [`NAMING_WORDS`] words.
    pub(crate) fn names(&self, topic: usize, text: &str) -> bool {
        let Some(words) = (self.topics.get(topic)).filter(|w| w.distinctive.len() <= NAMING_WORDS)
        else {
            return false;
        };
        let keyword = |w: &String| {
            let word = |k: &&String| inflects(stem(k), w);
            (words.distinctive.iter().find(word).map(|k| (k, true)))
                .or_else(|| self.policy_nouns.iter().find(word).map(|k| (k, false)))
        };
        // Two distinctive words, or one and a policy noun; not across punctuation ("the
        // ban, phones aside").
        let named = |phrase: &str| {
            let found: Vec<_> = lower_words(phrase).iter().map(keyword).collect();
            (found.windows(2))
                .any(|pair| matches!(pair, [Some((a, x)), Some((b, y))] if a != b && (*x || *y)))
        };
        text.split(|c: char| {
            (c.is_ascii_punctuation() || "—–“”‘".contains(c)) && c != '-' && c != '\''
        })
        .any(named)
    }
}

/// The lower-case words of three letters or more in `text`.
fn lower_words(text: &str) -> Vec<String> {
    (text.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.len() >= 3)
        .map(str::to_lowercase)
        .collect()
}

/// How many of `keywords` occur in `opening`, in any of their endings, and how often in all.
fn found_words(keywords: &HashSet<String>, opening: &[String]) -> (usize, usize) {
    let counts = keywords.iter().map(|k| {
        let stem = stem(k);
        (opening.iter()).filter(|w| inflects(stem, w)).count()
    });
    counts.fold((0, 0), |(kinds, all), n| {
        (kinds + usize::from(n > 0), all + n)
    })
}

/// A keyword without a plural "s": "drinks?" gives "drinks", which "drink" and "drinking" name
/// too; "news", "class" and "bus" keep theirs.
fn stem(keyword: &str) -> &str {
    let keeps = ["ss", "us", "is", "ews"]
        .iter()
        .any(|e| keyword.ends_with(e));
    match keyword.strip_suffix('s') {
        Some(s) if !keeps && s.len() >= 3 => s,
        _ => keyword,
    }
}

/// True if `word` is `stem` with one of the endings: "ban" gives "bans" and "banned", "levy"
/// "levies", "vape" "vaped"; not "band".
fn inflects(stem: &str, word: &str) -> bool {
    let Some(ending) = word.strip_prefix(stem) else {
        return stem
            .strip_suffix('y')
            .is_some_and(|s| word.strip_prefix(s) == Some("ies"));
    };
    ENDINGS.contains(&ending) || (ending == "d" && stem.ends_with('e'))
}

/// The lower-case words of three letters or more in a topic's name or term: the letters of a
/// regular expression outside its escapes ("\b", "\s").
fn term_words(term: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut chars = term.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            chars.next();
        } else if c.is_alphabetic() {
            word.extend(c.to_lowercase());
            continue;
        }
        if word.chars().count() >= 3 {
            words.push(std::mem::take(&mut word));
        }
        word.clear();
    }
    if word.chars().count() >= 3 {
        words.push(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_terms_words_are_its_letters_outside_escapes() {
        assert_eq!(
            term_words(r"\btwo[- ]child (?:benefit )?(?:limit|cap)\b"),
            ["two", "child", "benefit", "limit", "cap"]
        );
        assert_eq!(
            term_words(r"\bsoft drinks? levy\b"),
            ["soft", "drinks", "levy"]
        );
        assert_eq!(
            term_words("Under-16 social media ban"),
            ["under", "social", "media", "ban"]
        );
    }

    #[test]
    fn a_keyword_matches_its_inflections_and_not_other_words() {
        for (keyword, word) in [
            ("ban", "banned"),
            ("ban", "bans"),
            ("levy", "levies"),
            ("drinks", "drink"),
            ("drinks", "drinking"),
            ("vape", "vaped"),
        ] {
            assert!(inflects(stem(keyword), word), "{keyword} {word}");
        }
        for (keyword, word) in [
            ("ban", "band"),
            ("car", "card"),
            ("news", "new"),
            ("bus", "bu"),
        ] {
            assert!(!inflects(stem(keyword), word), "{keyword} {word}");
        }
    }
}
