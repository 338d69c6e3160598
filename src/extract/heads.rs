//! Head nouns that stand for a topic named before: after "a phone ban", "the ban"; after "the
//! congestion charge", "this charge"; after "a third runway", "the new runway". The head is read
//! from the words that named the topic in this article, so it works for any configured topic
//! without a list of its short forms.

use crate::extract::tokens::lowercase;
use crate::text::Span;

/// Words after which the head of a noun phrase has ended ("ban on phones": "ban").
const PREPOSITIONS: &[&str] = &[
    "of", "on", "in", "for", "to", "from", "at", "with", "against", "by", "into", "over",
];

/// Words that open a noun phrase referring back ("the ban", "this charge", "such a scheme").
const DETERMINERS: &[&str] = &[
    "the", "this", "that", "these", "those", "such", "its", "their", "his", "her", "our", "a", "an",
];

/// Words that may stand between the determiner and the head without making it another thing:
/// "the new charge", "a blanket ban", "the proposed scheme". Other words may ("a social media
/// ban" is not the phone ban named before); numbers and amounts may too ("the £5 charge").
pub(crate) const MODIFIERS: &[&str] = &[
    "new",
    "proposed",
    "planned",
    "controversial",
    "current",
    "existing",
    "blanket",
    "total",
    "full",
    "outright",
    "statutory",
    "mandatory",
    "compulsory",
    "national",
    "nationwide",
    "daily",
    "whole",
    "entire",
    "so-called",
    "latest",
    "same",
    "original",
    "temporary",
    "permanent",
    "possible",
    "potential",
    "future",
    "higher",
    "lower",
    "increased",
    "expanded",
    "extended",
    "revised",
    "updated",
    "government's",
    "government’s",
    "flagship",
    "much-delayed",
    "delayed",
    "long-awaited",
    "strict",
    "tough",
    "tougher",
    "partial",
    "wider",
    "broader",
    "immediate",
    "further",
    "first",
    "second",
    "third",
];

/// How many sentences after its last mention a head still stands for its topic.
const REACH: usize = 10;

/// A head noun that named a topic, and the last sentence it did.
#[derive(Debug, Clone)]
struct NamedHead {
    topic: usize,
    head: String,
    /// The other words that named it ("sugar" of "sugar tax"), which a complement may repeat.
    words: Vec<String>,
    sentence: usize,
}

/// The heads of the topics named so far in an article.
#[derive(Debug, Default)]
pub(crate) struct NamedHeads {
    heads: Vec<NamedHead>,
}

impl NamedHeads {
    /// Remembers the head of `words`, the text that named `topic` in `sentence`.
    pub(crate) fn named(&mut self, topic: usize, words: &str, sentence: usize) {
        // Lowercased once, for the head and for the content words.
        let lower: Vec<String> = lower_words(words).collect();
        let Some(head) = head_of(&lower) else {
            return;
        };
        let words = lower
            .into_iter()
            .filter(|w| is_content(w) && *w != head && w.chars().count() >= 4)
            .collect();
        self.heads.retain(|n| !(n.topic == topic && n.head == head));
        self.heads.push(NamedHead {
            topic,
            head,
            words,
            sentence,
        });
    }

    /// Remembers the noun a topic's mention at `mention` depends on, if a determined noun comes
    /// a few words before it with "on" or "for" between: after "the blanket ban on pupils using
    /// phones in schools", "the ban" stands for the topic too. `from` is where the sentence opens.
    pub(crate) fn governed(
        &mut self,
        topic: usize,
        text: &str,
        from: usize,
        mention: usize,
        sentence: usize,
    ) {
        let Some(head) = governing_noun(text, Span::new(from, mention)) else {
            return;
        };
        self.heads.retain(|n| !(n.topic == topic && n.head == head));
        self.heads.push(NamedHead {
            topic,
            head,
            words: Vec::new(),
            sentence,
        });
    }

    /// The first noun phrase in `range` of `text` whose head stands for a topic named within
    /// reach before `sentence`: the topic and the phrase.
    pub(crate) fn reference(
        &self,
        text: &str,
        range: Span,
        sentence: usize,
    ) -> Option<(usize, Span)> {
        let live: Vec<&NamedHead> = self
            .heads
            .iter()
            .rev()
            .filter(|n| n.sentence < sentence && n.sentence + REACH >= sentence)
            .collect();
        if live.is_empty() {
            return None;
        }
        let words = words_of(text, range);
        for (i, &(start, end)) in words.iter().enumerate() {
            let word = lowercase(&text[start..end]);
            let Some(named) = live.iter().find(|n| same_noun(&n.head, &word)) else {
                continue;
            };
            let Some(opening) = determiner_before(text, &words[..i], start) else {
                continue;
            };
            // "the ban on crisps" says what it is: not the ban named before; "a tax on sugary
            // drinks" after "the sugar tax" says the same thing again.
            let next = words.get(i + 1).map(|&(s, e)| lowercase(&text[s..e]));
            let limited =
                next.is_some_and(|n| PREPOSITIONS.contains(&&*n)) && text[end..].starts_with(' ');
            if !limited {
                return Some((named.topic, Span::new(opening, end)));
            }
            if let Some(repeat) = repeated(text, &words[i + 2..], &named.words) {
                return Some((named.topic, Span::new(opening, repeat)));
            }
        }
        None
    }
}

/// Where a complement's word ends that repeats one of `named` ("sugary" for "sugar", "drinks"
/// for "drink"), among its first three words, which must run on without punctuation.
fn repeated(text: &str, complement: &[(usize, usize)], named: &[String]) -> Option<usize> {
    let mut next = complement.first()?.0;
    for &(start, end) in complement.iter().take(3) {
        if !text[next..start].trim().is_empty() {
            return None;
        }
        let word = lowercase(&text[start..end]);
        let same = named.iter().any(|n| {
            let (short, long) = if n.len() <= word.len() {
                (n.as_str(), &*word)
            } else {
                (&*word, n.as_str())
            };
            short.chars().count() >= 4 && long.starts_with(short)
        });
        if same {
            return Some(end);
        }
        next = end;
    }
    None
}

/// The lower-cased words of `text`: letters and digits, hyphens and apostrophes.
fn lower_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// True if a lower-cased word is neither a preposition nor a determiner.
fn is_content(word: &str) -> bool {
    !PREPOSITIONS.contains(&word) && !DETERMINERS.contains(&word)
}

/// [`head_of`] the lower-cased words of `words`.
#[cfg(test)]
fn head_noun(words: &str) -> Option<String> {
    head_of(&lower_words(words).collect::<Vec<_>>())
}

/// The head noun of the words that named a topic (lower-cased, [`lower_words`]): the last word
/// before a preposition, else the last word; `None` for one word (a term alone is named, not
/// referred to) or a verb and its object ("stop the fighting", "banning phones").
fn head_of(words: &[String]) -> Option<String> {
    // A verb's object ("stop the fighting", "banning mobile phones") has no head noun; a
    // gerund before one singular noun is its modifier ("smoking ban", "parking charge").
    let compound = words.len() == 2 && !words[1].ends_with('s');
    let verbal = words.first().is_some_and(|w| w.ends_with("ing")) && !compound;
    if words.len() < 2 || verbal || words.iter().any(|w| DETERMINERS.contains(&w.as_str())) {
        return None;
    }
    let end = words
        .iter()
        .skip(1)
        .position(|w| PREPOSITIONS.contains(&w.as_str()))
        .map_or(words.len(), |i| i + 1);
    let head = &words[end - 1];
    let plain = head.chars().count() >= 3 && head.chars().all(char::is_alphabetic);
    plain.then(|| head.clone())
}

/// The noun that the words at the end of `before` make a topic's mention depend on: "the ban on
/// [pupils using] <mention>", "a case for <mention>"; at most three words between the preposition
/// and the mention, and a determiner (and modifiers) before the noun.
fn governing_noun(text: &str, before: Span) -> Option<String> {
    // The noun is among the last five words and its determiner at most three before it.
    let words = last_words(text, before, 8);
    let tail = &words[words.len().saturating_sub(5)..];
    // The words after the preposition must run on to the mention, with no punctuation.
    let mut next = before.end;
    for (i, &(start, end)) in tail.iter().enumerate().rev() {
        if !text[end..next].trim().is_empty() {
            return None;
        }
        let word = lowercase(&text[start..end]);
        if word == "on" || word == "for" {
            let &(ns, ne) = tail[..i].last()?;
            let noun = text[ns..ne].to_lowercase();
            let plain = noun.chars().count() >= 3 && noun.chars().all(char::is_alphabetic);
            let head_words = &words[..words.len() - (tail.len() - i) - 1];
            let opened = text[ne..start].trim().is_empty()
                && determiner_before(text, head_words, ns).is_some();
            return (plain && opened && !DETERMINERS.contains(&noun.as_str())).then_some(noun);
        }
        next = start;
    }
    None
}

/// True if `word` is `head` or its plural or singular ("ban", "bans"; "guarantees",
/// "guarantee").
fn same_noun(head: &str, word: &str) -> bool {
    word == head || word.strip_suffix('s') == Some(head) || head.strip_suffix('s') == Some(word)
}

/// Where the phrase opens if a determiner comes at most two modifiers before the head at
/// `head_start` ("the ban", "a blanket ban", "the £5 daily charge"), with no punctuation between.
fn determiner_before(text: &str, before: &[(usize, usize)], head_start: usize) -> Option<usize> {
    let mut next = head_start;
    for &(start, end) in before.iter().rev().take(3) {
        if !text[end..next].trim().is_empty() {
            return None;
        }
        let word = lowercase(&text[start..end]);
        if DETERMINERS.contains(&&*word) {
            return Some(start);
        }
        let amount = word.chars().any(char::is_numeric)
            && word
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '£' | '$' | '€' | '%'));
        let modifier = amount || MODIFIERS.contains(&&*word);
        if !modifier {
            return None;
        }
        next = start;
    }
    None
}

/// The words of `range`: letters, digits, currency signs and inner hyphens and apostrophes.
fn words_of(text: &str, range: Span) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text[range.range()].char_indices() {
        let at = range.start + i;
        let inside = word_char(c);
        match (inside, start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                out.push((s, at));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, range.end));
    }
    out
}

/// A character that belongs to a word: letters, digits, hyphens, apostrophes, currency signs.
fn word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '£' | '$' | '€')
}

/// The last `n` words of [`words_of`]`(text, range)`, read backwards from the range's end so
/// that a long sentence before a mention is not split into words each time.
fn last_words(text: &str, range: Span, n: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(n);
    let mut end = None;
    for (i, c) in text[range.range()].char_indices().rev() {
        let at = range.start + i;
        match (word_char(c), end) {
            (true, None) => end = Some(at + c.len_utf8()),
            (false, Some(e)) => {
                out.push((at + c.len_utf8(), e));
                end = None;
                if out.len() == n {
                    break;
                }
            }
            _ => {}
        }
    }
    if let Some(e) = end.filter(|_| out.len() < n) {
        out.push((range.start, e));
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_words_are_those_of_the_whole_range() {
        for text in [
            "",
            "ban",
            "  the blanket ban on pupils' phones, said Hart ",
            "Le maire a dit: « l’interdiction » — £5 charge-free zone… fin",
            "a b c d e f g h i j k l",
        ] {
            for n in [1, 3, 8, 20] {
                let all = words_of(text, Span::new(0, text.len()));
                let tail = &all[all.len().saturating_sub(n)..];
                assert_eq!(
                    last_words(text, Span::new(0, text.len()), n),
                    tail,
                    "{text:?}, {n}"
                );
            }
        }
    }

    #[test]
    fn a_complement_that_repeats_the_naming_words_is_the_same_thing() {
        let mut heads = NamedHeads::default();
        heads.named(0, "sugar tax", 0);
        let refers = |text: &str| {
            heads
                .reference(text, Span::new(0, text.len()), 1)
                .map(|(_, p)| text[p.range()].to_string())
        };
        assert_eq!(
            refers("She welcomed a tax on sugary drinks."),
            Some("a tax on sugary".to_string())
        );
        assert_eq!(
            refers("She welcomed the new tax."),
            Some("the new tax".to_string())
        );
        assert_eq!(refers("She welcomed a tax on fuel."), None);
        assert_eq!(refers("She welcomed a tax on, say, sugar."), None);
    }

    #[test]
    fn the_head_is_the_last_word_before_a_preposition() {
        assert_eq!(head_noun("phone ban").as_deref(), Some("ban"));
        assert_eq!(head_noun("ban on mobile phones").as_deref(), Some("ban"));
        assert_eq!(head_noun("third runway").as_deref(), Some("runway"));
        assert_eq!(head_noun("ceasefire"), None);
        assert_eq!(head_noun("stop the fighting"), None);
        assert_eq!(head_noun("banning mobile phones"), None);
        assert_eq!(head_noun("banning phones"), None);
        assert_eq!(head_noun("smoking ban").as_deref(), Some("ban"));
        assert_eq!(head_noun("parking charge").as_deref(), Some("charge"));
        assert_eq!(head_noun("Article 5"), None);
    }

    #[test]
    fn a_determined_noun_before_on_or_for_governs_the_mention() {
        let noun = |t: &str| {
            let at = t.find("<m>").unwrap();
            governing_noun(t, Span::new(0, at))
        };
        assert_eq!(
            noun("They fought the blanket ban on <m>").as_deref(),
            Some("ban")
        );
        assert_eq!(
            noun("It is a ban on pupils using <m>").as_deref(),
            Some("ban")
        );
        assert_eq!(noun("She made the case for <m>").as_deref(), Some("case"));
        // No determiner, too far, punctuation between, or another preposition: nothing.
        assert_eq!(noun("Bans on <m>"), None);
        assert_eq!(noun("the ban on all of the children using <m>"), None);
        assert_eq!(noun("the ban on pupils, using <m>"), None);
        assert_eq!(noun("the impact of <m>"), None);
    }

    #[test]
    fn a_determined_head_refers_back_within_reach() {
        let mut heads = NamedHeads::default();
        heads.named(2, "congestion charge", 0);
        let text = "She said the £5 daily charge would hurt shops.";
        let whole = Span::new(0, text.len());
        let (topic, phrase) = heads.reference(text, whole, 1).expect("a reference");
        assert_eq!((topic, &text[phrase.range()]), (2, "the £5 daily charge"));
        // Not in the sentence that named it, nor long after.
        assert!(heads.reference(text, whole, 0).is_none());
        assert!(heads.reference(text, whole, 1 + REACH).is_none());
        // A charge of another kind, of another name, and a bare noun are not references.
        for other in [
            "He denied the charge of fraud.",
            "They back a parking charge.",
            "Fees charge everyone.",
            "They fear the charge's critics.",
        ] {
            assert!(
                heads
                    .reference(other, Span::new(0, other.len()), 1)
                    .is_none(),
                "{other}"
            );
        }
    }
}
