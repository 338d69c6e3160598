//! Holder groups: mentions joined by commas, "and", titles and determiners act as one holder or
//! one object ("Macron and Starmer", "White House press secretary Karoline Leavitt").

use super::SentenceView;
use crate::corpus::Document;
use crate::extract::Extractor;
use crate::extract::actors::{ActorTable, Mention, MentionKind};
use crate::extract::resolve::{Antecedents, resolve};
use crate::text::{Sentence, Span};

/// A run of mentions joined by commas, "and", titles and determiners: one holder or object.
#[derive(Debug, Clone)]
pub(super) struct Group {
    pub(super) mentions: Vec<Mention>,
    pub(super) span: Span,
}

impl Group {
    /// The actors the group's mentions resolve to, in order, with `before` for pronouns and
    /// descriptions.
    pub(super) fn resolved(&self, table: &ActorTable<'_>, before: &Antecedents) -> Vec<usize> {
        (self.mentions.iter())
            .filter_map(|m| resolve(table, m, before, &[]))
            .collect()
    }
}

/// The groups of the mentions that can hold a frame: outside speech quotes, outside a
/// paragraph label ("U.S. military aid: ...") and outside a topic's own words ("the TikTok ban
/// passed": the ban, not TikTok, is the subject).
pub(super) fn holders(
    ex: &Extractor,
    doc: &Document,
    view: &SentenceView<'_>,
    mentions: &[Mention],
) -> Vec<Group> {
    let label_end = paragraph_label(doc, view.sentence, view.text);
    let asides = appositives(ex, view.text, view.sentence.span, mentions);
    let outside: Vec<&Mention> = mentions
        .iter()
        .filter(|m| !view.speech.iter().any(|q| q.contains(m.span)) && m.span.start >= label_end)
        .filter(|m| !asides.iter().any(|a| a.contains(m.span)))
        .filter(|m| !view.topics.holds_within(m.span))
        .collect();
    group_mentions(ex, view.text, &outside)
}

/// Appositions after a name, which describe it and hold nothing of their own: "Peskov, the
/// spokesperson for Kremlin ruler Vladimir Putin, said ..." (a comma, a determiner or title, a
/// second comma, then a lowercase word), or at the end of the sentence.
fn appositives(ex: &Extractor, text: &str, s: Span, mentions: &[Mention]) -> Vec<Span> {
    mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Name && !m.possessive)
        .filter_map(|m| {
            let rest = &text[m.span.end..s.end];
            let inner = rest.strip_prefix(", ")?;
            // "..., said Dmitry Peskov, the Kremlin spokesman.": the aside may end the sentence.
            let (close, ends_sentence) = match inner.find(", ") {
                Some(close) => (close, false),
                None => {
                    let end = ['.', '!', '?', '”', '"'];
                    let body =
                        inner.trim_end_matches(|c: char| c.is_whitespace() || end.contains(&c));
                    (body.len(), true)
                }
            };
            let aside = &inner[..close];
            let mut words = aside.split_whitespace();
            let first = words.next()?;
            // "the spokesperson for ...", not another name in a list ("the European Union").
            // "the Kremlin spokesman" too: a lowercase role ends it.
            let last = aside.split_whitespace().next_back().unwrap_or("");
            let described = matches!(first, "the" | "a" | "an")
                && (words
                    .next()
                    .is_some_and(|w| w.starts_with(char::is_lowercase))
                    || last.starts_with(char::is_lowercase));
            let describes = described || ex.cues.title_words.is_word(first);
            let verb_after = ends_sentence
                || inner[close + 2..]
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| {
                        w.starts_with(char::is_lowercase)
                            && !matches!(w, "and" | "or" | "who" | "which" | "that")
                    });
            let start = m.span.end + 2;
            // One that ends the sentence is a short noun phrase, not a clause ("In a letter to
            // Cole, the federation warns that ...").
            let short = !ends_sentence || aside.split_whitespace().count() <= 10;
            (describes && verb_after && short && aside.len() <= 120 && !aside.contains(['“', '"']))
                .then(|| Span::new(start, start + close))
        })
        .collect()
}

/// The end of a short run-in label that opens a paragraph ("Ceasefire push: ..."), or the
/// sentence start when there is none.
fn paragraph_label(doc: &Document, sentence: &Sentence, text: &str) -> usize {
    let s = sentence.span;
    let first_of_block = doc
        .blocks
        .get(sentence.block)
        .is_some_and(|b| b.span.start == s.start);
    if !first_of_block {
        return s.start;
    }
    let slice = &text[s.range()];
    // The first ": ", from the colons (`str::find` prepares a searcher for every call).
    let bytes = slice.as_bytes();
    match memchr::memchr_iter(b':', bytes).find(|&i| bytes.get(i + 1) == Some(&b' ')) {
        Some(i)
            if slice[..i].split_whitespace().count() <= 4
                && !has_sentence_stop(&slice[..i])
                && !slice[..i].contains([',', '"', '“']) =>
        {
            s.start + i + 1
        }
        _ => s.start,
    }
}

/// True if `s` holds a full stop followed by a capitalised word (not "U.S. military").
fn has_sentence_stop(s: &str) -> bool {
    s.match_indices(". ")
        .any(|(i, _)| s[i + 2..].starts_with(|c: char| c.is_uppercase()))
}

/// Groups coordinated mentions and drops modifiers ("White House press secretary Karoline
/// Leavitt" is Leavitt; "Zelensky of Ukraine" is Zelensky).
fn group_mentions(ex: &Extractor, text: &str, mentions: &[&Mention]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for m in mentions {
        if let Some(last) = groups.last_mut()
            && !fronted_object_before(text, last, m)
            && join(ex, text, last, m)
        {
            continue;
        }
        groups.push(Group {
            mentions: vec![(*m).clone()],
            span: m.span,
        });
    }
    groups
}

/// Prepositions whose object may end a fronted phrase: "In a letter sent to Sunak, OEUK warns".
const PREPOSITIONS: &[&str] = &[
    "to", "of", "from", "with", "for", "at", "in", "on", "about", "by", "against", "towards",
];

/// True if only a bare comma stands between the group and `m`, and the group is a single
/// mention that a preposition governs: the comma closes a fronted phrase ("In a letter sent to
/// Sunak, OEUK warns ..."), it does not list two holders.
fn fronted_object_before(text: &str, last: &Group, m: &Mention) -> bool {
    let between = text[last.span.end..m.span.start].trim();
    let between = between.strip_suffix(" the").unwrap_or(between);
    let mut words = (text[..last.span.start].split_whitespace().rev())
        .skip_while(|w| matches!(*w, "the" | "a" | "an" | "its" | "their"));
    let before = words.next().unwrap_or("");
    // "According to Trump, Putin has agreed": the speaker's name ends the attribution.
    let according = words
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("according"));
    between == ","
        && last.mentions.len() == 1
        && PREPOSITIONS.contains(&before)
        && !according
        && !text[m.span.end..].trim_start().starts_with([',', '&'])
        && !text[m.span.end..].trim_start().starts_with("and ")
}

/// Adds `m` to the group before it if the text between only modifies or coordinates them.
fn join(ex: &Extractor, text: &str, last: &mut Group, m: &Mention) -> bool {
    let prev = last.mentions.last().expect("non-empty group");
    let between = &text[prev.span.end..m.span.start];
    let between_words = between.trim();
    // Modifier: "NATO Secretary General Mark Rutte", "Ukraine's Volodymyr Zelensky".
    let only_titles = between_words
        .trim_start_matches(['’', '\'', 's'])
        .split_whitespace()
        .all(|w| ex.cues.title_words.is_word(w));
    let possessive_modifier = prev.possessive && only_titles;
    let title_modifier = !between_words.is_empty()
        && only_titles
        && !between.contains(',')
        && prev.kind == MentionKind::Name;
    if m.kind == MentionKind::Name
        && (possessive_modifier
            || title_modifier
            || between_words.is_empty() && prev.kind == MentionKind::Name)
    {
        last.mentions.pop();
        last.mentions.push(m.clone());
        last.span.end = m.span.end;
        return true;
    }
    // Affiliation: "President Volodymyr Zelensky of Ukraine".
    if between_words == "of"
        && m.kind == MentionKind::Name
        && prev.kind == MentionKind::Name
        && !prev.possessive
    {
        last.span.end = m.span.end;
        return true;
    }
    if is_coordination(ex, between) && !prev.possessive {
        last.mentions.push(m.clone());
        last.span.end = m.span.end;
        return true;
    }
    false
}

/// True when the text between two mentions only coordinates them.
fn is_coordination(ex: &Extractor, between: &str) -> bool {
    let b = between.trim();
    if b.is_empty() || b.contains(['.', ';', '—', '(', ')', '“', '”', '"']) {
        return false;
    }
    let mut saw_joiner = false;
    let words: Vec<&str> = b
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    for (i, &w) in words.iter().enumerate() {
        // A party or body before a title: "Matt Canavan and Liberal senator Alex Antic".
        let affiliation = w.starts_with(|c: char| c.is_uppercase())
            && w.chars().all(char::is_alphabetic)
            && words
                .get(i + 1)
                .is_some_and(|next| ex.cues.title_words.is_word(next));
        if affiliation {
            continue;
        }
        match w {
            "and" | "or" | "&" => saw_joiner = true,
            "the" | "most" | "other" | "some" | "many" | "several" | "both" | "as" | "well"
            | "including" | "among" | "notably" | "particularly" => {}
            _ if ex.cues.title_words.is_word(w) => {}
            _ if w.starts_with(|c: char| c.is_uppercase()) && is_adjective_like(w) => {}
            _ => return false,
        }
    }
    saw_joiner || b.starts_with(',')
}

/// A capitalised word that looks like a nationality adjective ("European", "Turkish").
fn is_adjective_like(w: &str) -> bool {
    w.ends_with("an")
        || w.ends_with("ish")
        || w.ends_with("ese")
        || w.ends_with("ch")
        || w.ends_with("ic")
}
