//! Where a mention stands: what comes before it once titles and determiners are skipped (a
//! subject follows a clause boundary or a conjunction; a passive agent follows "by"), and whether
//! a possessive is followed by a stance noun ("Ukraine's insistence").

use crate::extract::Extractor;
use crate::extract::actors::ActorTable;
use crate::extract::tokens::{lowercase, previous_token, previous_token_at};

/// The lowercased token before the group starting at `pos`, skipping its titles, nationality
/// adjectives and determiners; `None` at the sentence start `lo`.
pub(super) fn token_before(
    ex: &Extractor,
    table: &ActorTable<'_>,
    text: &str,
    lo: usize,
    pos: usize,
) -> Option<String> {
    previous_token(text, lo, skip_back(ex, table, text, lo, pos))
}

/// Moves left from `pos` over titles, nationality adjectives, determiners, "leaders of" and "a
/// spokesman for".
fn skip_back(
    ex: &Extractor,
    table: &ActorTable<'_>,
    text: &str,
    lo: usize,
    mut pos: usize,
) -> usize {
    let mut unknown = 0;
    loop {
        let Some((tok, start)) = previous_token_at(text, lo, pos) else {
            return pos;
        };
        let lower = lowercase(tok);
        // A title the config does not list ("Councillor Gareth Lewis") right before the name.
        // At most two, next to the name or its known titles ("German Federal Chancellor").
        let known = ex.cues.title_words.is_word(tok)
            || table
                .iter()
                .any(|a| a.adjectives.iter().any(|adj| adj == tok));
        let unknown_title = !known && unknown < 2 && is_unknown_title(ex, tok);
        unknown += usize::from(unknown_title);
        let skip = unknown_title
            || known
            || matches!(
                &*lower,
                "the"
                    | "a"
                    | "an"
                    | "most"
                    | "some"
                    | "other"
                    | "many"
                    | "several"
                    | "all"
                    | "both"
                    | "top"
                    | "senior"
                    | "so-called"
                    | "self-styled"
            )
            // "leaders of", and "a spokesman for": who speaks for the group.
            || (matches!(&*lower, "of" | "for")
                && previous_token_at(text, lo, start).is_some_and(|(t, _)| {
                    ex.cues.group_nouns.is_word(t) || ex.cues.title_words.is_word(t)
                }))
            || ex.cues.group_nouns.is_word(tok)
                && previous_token_at(text, lo, start)
                    .is_none_or(|(t, _)| t.eq_ignore_ascii_case("the"));
        if !skip {
            return pos;
        }
        pos = start;
    }
}

/// True if the group at `pos` is the author of a statement ("a statement by coalition leaders
/// said ...", "a readout from the White House"): "by" or "from" after a stance noun or a group
/// noun such as "statement", "declaration", "readout".
pub(super) fn authors_statement(
    ex: &Extractor,
    table: &ActorTable<'_>,
    text: &str,
    lo: usize,
    pos: usize,
) -> bool {
    let Some((by, at)) = previous_token_at(text, lo, skip_back(ex, table, text, lo, pos)) else {
        return false;
    };
    if !matches!(&*lowercase(by), "by" | "from") {
        return false;
    }
    previous_token_at(text, lo, at).is_some_and(|(noun, _)| {
        let noun = lowercase(noun);
        ex.cues.stance_nouns.is_word(&noun)
            && !matches!(&*noun, "support" | "opposition" | "backing")
            || ex.cues.group_nouns.is_word(&noun) && matches!(&*noun, "readout")
    })
}

/// Words that do not describe a person: pronouns, auxiliaries, negations, "other than".
const NOT_DESCRIPTIONS: &[&str] = &[
    "it", "he", "she", "they", "we", "i", "you", "this", "that", "there", "is", "was", "are",
    "were", "be", "been", "has", "have", "had", "do", "does", "did", "will", "would", "can",
    "could", "may", "might", "must", "should", "shall", "not", "no", "nor", "never", "other",
    "than", "rather", "apart", "aside", "such", "only", "even", "just", "also", "both", "either",
    "neither", "what", "who", "which", "how", "why", "where", "let", "make", "makes", "made",
];

/// True if the group at `pos` opens its sentence behind a short description in plain words:
/// "Leadership hopeful Kemi Badenoch voted ...", "Celebrity chef Jamie Oliver has welcomed ...",
/// "The former chancellor George Osborne announced ...". At most four words, none of them a
/// preposition, a conjunction or a verb of saying ("Critics of Badenoch", "Critics say Badenoch").
pub(super) fn described_subject(
    ex: &Extractor,
    table: &ActorTable<'_>,
    text: &str,
    lo: usize,
    pos: usize,
) -> bool {
    let mut at = skip_back(ex, table, text, lo, pos);
    for _ in 0..4 {
        let Some((tok, start)) = previous_token_at(text, lo, at) else {
            return at < pos;
        };
        let lower = lowercase(tok);
        let first = previous_token_at(text, lo, start).is_none();
        // Plain lower-case words after a capitalised first one; no adverb or participle
        // ("Zakharova directly accused London"), no pronoun or auxiliary ("Nor did it hold").
        let plain = tok.chars().all(|c| c.is_alphabetic() || c == '-')
            && (first || tok == lower)
            && !lower.ends_with("ly")
            && !lower.ends_with("ed")
            && !NOT_DESCRIPTIONS.contains(&&*lower);
        let opening = first && matches!(&*lower, "the" | "a" | "an");
        let joins = is_preposition(&lower) || is_subject_position(Some(&lower));
        if !plain || (joins && !opening) || ex.cues.speech.is_word(tok) {
            return false;
        }
        at = start;
    }
    previous_token_at(text, lo, at).is_none()
}

/// True if `tok` reads as a capitalised title rather than a sentence's opening word: a
/// capitalised word ("Councillor") or abbreviation ("U.S." in "U.S. Sen.") that is no
/// conjunction, subordinator, condition or time word.
fn is_unknown_title(ex: &Extractor, tok: &str) -> bool {
    let word = tok.trim_end_matches('.');
    let lower = lowercase(word);
    word.len() >= 2
        && word.starts_with(|c: char| c.is_uppercase())
        && word.chars().all(|c| c.is_alphabetic() || c == '.')
        && !ex.cues.subordinators.is_word(word)
        && !ex.cues.hypothetical.is_word(word)
        && !ex.cues.temporal.is_word(word)
        && !is_subject_position(Some(&lower))
        && !is_preposition(&lower)
}

/// Prepositions and determiners that open a sentence: "Unlike Putin, ...", "The Putin plan".
fn is_preposition(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "if"
            | "by"
            | "of"
            | "for"
            | "with"
            | "without"
            | "unlike"
            | "like"
            | "despite"
            | "besides"
            | "beyond"
            | "except"
            | "following"
            | "including"
            | "regarding"
            | "concerning"
            | "per"
            | "via"
            | "amid"
            | "among"
            | "between"
            | "toward"
            | "towards"
            | "within"
            | "upon"
            | "under"
            | "over"
            | "through"
            | "throughout"
            | "against"
            | "behind"
            | "near"
            | "across"
            | "from"
            | "to"
            | "in"
            | "on"
            | "at"
            | "about"
    )
}

/// True if a mention preceded by `prev` is in subject position: after a clause boundary, a
/// conjunction, or the end of a fronted time phrase ("On Monday the mayor backed ...").
pub(super) fn is_subject_position(prev: Option<&str>) -> bool {
    match prev {
        None => true,
        Some(p) if ends_time_phrase(p) => true,
        Some(p) => matches!(
            p,
            "," | ";"
                | ":"
                | ")"
                | "—"
                | "–"
                | "("
                | "“"
                | "\""
                | "and"
                | "but"
                | "yet"
                | "so"
                | "that"
                | "however"
                | "meanwhile"
                | "also"
                | "then"
                | "now"
                | "while"
                | "when"
                | "as"
                | "though"
                | "although"
                | "because"
                | "since"
                | "after"
                | "before"
                | "if"
                | "once"
                | "whereas"
                | "where"
                | "even"
                | "instead"
                | "still"
                | "whom"
                // A record that shows what someone did: "the division list showed X voted".
                | "showed"
                | "shows"
                | "revealed"
                | "reveals"
                // What a meeting was told: "councillors heard the council still opposes it".
                | "heard"
                | "hears"
                | "learned"
                | "learnt"
        ),
    }
}

/// True if `word` (lower case) ends a time phrase that can open a sentence without a comma: a
/// day, a month, a year, "yesterday", "last week", "this morning".
fn ends_time_phrase(word: &str) -> bool {
    matches!(
        word,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "yesterday"
            | "today"
            | "tonight"
            | "earlier"
            | "later"
            | "week"
            | "weekend"
            | "month"
            | "year"
            | "morning"
            | "afternoon"
            | "evening"
            | "night"
    ) || (word.len() == 4 && word.chars().all(|c| c.is_ascii_digit()))
}

/// True if the word after a possessive at `pos` is a stance noun ("Ukraine's insistence").
pub(super) fn stance_noun_follows(ex: &Extractor, text: &str, pos: usize, end: usize) -> bool {
    let rest = text[pos..end]
        .trim_start_matches(['’', '\'', 's'])
        .trim_start();
    let words: Vec<&str> = rest.split_whitespace().take(3).collect();
    // Allow one adjective: "Moscow's stated preference".
    words.iter().take(2).any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        ex.cues.stance_nouns.is_word(w)
    })
}

/// True if the words after a possessive at `pos` are a group noun or a title with no name after
/// it ("Russia's foreign ministry said", "Ukraine's allies"; not "Russia's Foreign Minister
/// Sergei Lavrov", where the name is the holder).
pub(super) fn group_follows(ex: &Extractor, text: &str, pos: usize, end: usize) -> bool {
    let rest = text[pos..end]
        .trim_start_matches(['’', '\'', 's'])
        .trim_start();
    let words: Vec<&str> = rest
        .split_whitespace()
        .take(4)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    // Allow one modifier: "Moscow's foreign ministry".
    let Some(at) = words
        .iter()
        .take(2)
        .position(|w| ex.cues.group_nouns.is_word(w) || ex.cues.title_words.is_word(w))
    else {
        return false;
    };
    let mut after = words[at + 1..]
        .iter()
        .skip_while(|w| ex.cues.group_nouns.is_word(w) || ex.cues.title_words.is_word(w));
    !after
        .next()
        .is_some_and(|w| w.starts_with(char::is_uppercase))
}

/// True if the names at `start..end` list the members of a subject: "Several leaders, including
/// Merz and Tusk, stressed ...", "other ministers like Cole and Okoro voted ..." (a short phrase
/// ending in a group noun before "including" and a comma, or before "like" or "such as"; a verb
/// after the list).
pub(super) fn listed_subject(
    ex: &Extractor,
    text: &str,
    lo: usize,
    start: usize,
    end: usize,
) -> bool {
    let before = &text[lo..start];
    let opener = ["including", " like ", " such as "]
        .iter()
        .filter_map(|w| Some((before.rfind(w)?, *w)))
        .max_by_key(|&(k, _)| k);
    let Some((k, word)) = opener else {
        return false;
    };
    let head = before[..k].trim_end();
    let Some(head) = head
        .strip_suffix(',')
        .or_else(|| (word != "including").then_some(head))
    else {
        return false;
    };
    // The subject phrase: after the last comma ("Following ..., several world leaders").
    let phrase = head.rsplit([',', ';']).next().unwrap_or(head);
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let is_group = |w: &&str| ex.cues.group_nouns.is_word(w);
    // "several world leaders", or "leaders of the coalition of the willing".
    let short = words.len() <= 4 && words.last().is_some_and(is_group);
    let of_phrase = words.len() <= 8 && words.iter().take(3).any(is_group) && words.contains(&"of");
    let verb_after = text[end..]
        .trim_start_matches([',', ' '])
        .split_whitespace()
        .next()
        .is_some_and(|w| {
            w.starts_with(char::is_lowercase) && !matches!(w, "and" | "or" | "of" | "who")
        });
    (short || of_phrase) && verb_after
}
