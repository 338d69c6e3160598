//! Actors: the configured gazetteer, actors discovered from role introductions, and the
//! resolution of later mentions (surnames, "Mr. Trump", "the Ukrainian leader", he/she/they).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder};
use serde::Serialize;

use crate::config::{ActorKind, Config, Gender};

/// A person, government, institution or group that can hold a position.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    /// The id of the actor this one speaks for, if any.
    pub affiliation: Option<String>,
    pub aliases: Vec<String>,
    #[serde(skip)]
    pub gender: Gender,
    #[serde(skip)]
    pub roles: Vec<String>,
    #[serde(skip)]
    pub adjectives: Vec<String>,
    /// True when the article introduced the actor and the config does not name it.
    pub discovered: bool,
}

/// The configured actors and a matcher over all their aliases.
#[derive(Debug)]
pub struct Gazetteer {
    actors: Vec<Actor>,
    /// All actors' names and aliases, and the words that make a group mention before a group
    /// noun ("Russian officials"): each configured actor's adjectives and one-word aliases.
    names: NameWords,
    /// Role introductions before a name ("Russian negotiator Kirill Dmitriev").
    intro_before: Regex,
    /// Role appositions after a name ("Yuri Ushakov, Putin's foreign policy aide").
    intro_after: Regex,
    /// Definite descriptions by role ("the Ukrainian president", "the London mayor").
    descriptions: Descriptions,
}

/// An alias written in lower case ("the mayor"), capitalised as it reads at the start of a
/// sentence; `None` for aliases that are capitalised already.
fn sentence_initial(alias: &str) -> Option<String> {
    let first = alias.chars().next()?;
    if !first.is_lowercase() {
        return None;
    }
    Some(first.to_uppercase().chain(alias.chars().skip(1)).collect())
}

impl Gazetteer {
    pub fn new(config: &Config) -> Self {
        let actors: Vec<Actor> = config
            .actors
            .iter()
            .map(|a| Actor {
                id: a.id.clone(),
                name: a.name.clone(),
                kind: a.kind,
                affiliation: a.affiliation.clone(),
                aliases: a.aliases.clone(),
                gender: a.gender,
                roles: a.roles.iter().map(|r| r.to_lowercase()).collect(),
                adjectives: a.adjectives.clone(),
                discovered: false,
            })
            .collect();
        // "the mayor" also opens a sentence: "The mayor said ...".
        let aliases: Vec<(String, usize)> = actors
            .iter()
            .enumerate()
            .flat_map(|(i, actor)| {
                std::iter::once(&actor.name)
                    .chain(&actor.aliases)
                    .flat_map(move |alias| {
                        std::iter::once(alias.clone())
                            .chain(sentence_initial(alias))
                            .map(move |a| (a, i))
                    })
            })
            .collect();
        let group_words = actors.iter().enumerate().flat_map(|(i, actor)| {
            group_words_of(actor)
                .enumerate()
                .map(move |(rank, word)| (word.as_str(), i, rank))
        });
        let names = NameWords::new(aliases.iter().map(|(a, i)| (a.as_str(), *i)), group_words);
        let titles = titles_pattern(&config.cues.titles);
        let name = name_pattern();
        let intro_before = lexicon::regex(&format!(
            r"(?:\b([A-Z][\p{{L}}.]*(?:\s+[A-Z][\p{{L}}.]*)?)(?:’s|'s)?\s+)?(?:{titles})\s+({name})"
        ))
        .expect("valid");
        let intro_after = lexicon::regex(&format!(
            r"({name}),\s+(?:the\s+|a\s+)?(?:([A-Z][\p{{L}}.]*)(?:’s|'s)?\s+)?(?:[a-z-]+\s+){{0,2}}(?:{titles})\b"
        ))
        .expect("valid");
        let descriptions = Descriptions::new(actors.iter().flat_map(|a| &a.roles));
        Gazetteer {
            actors,
            names,
            intro_before,
            intro_after,
            descriptions,
        }
    }

    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }
}

/// What kind of expression a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MentionKind {
    /// A name or alias ("Mr. Trump", "the Kremlin").
    Name,
    /// A country adjective with a group noun ("Russian officials").
    Group,
    /// he, she or they: resolved during attribution.
    Pronoun(Pronoun),
    /// A definite description ("the Ukrainian leader"), resolved during attribution.
    Description,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pronoun {
    He,
    She,
    They,
}

/// An expression in the text that refers to an actor.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mention {
    pub(crate) span: Span,
    pub(crate) kind: MentionKind,
    /// Resolved actor (index into the article's actor table), if known.
    pub(crate) actor: Option<usize>,
    /// For descriptions: the country adjective's actor and the role noun.
    pub(crate) qualifier: Option<usize>,
    pub(crate) role: Option<String>,
    /// Followed by 's.
    pub(crate) possessive: bool,
}

/// The actors an article can refer to: the configured ones (borrowed from the gazetteer) plus
/// those it introduces. Index `i` counts the configured actors first.
#[derive(Debug, Clone)]
pub(crate) struct ActorTable<'a> {
    configured: &'a [Actor],
    discovered: Vec<Actor>,
}

impl ActorTable<'_> {
    pub(crate) fn get(&self, i: usize) -> &Actor {
        match i.checked_sub(self.configured.len()) {
            None => &self.configured[i],
            Some(j) => &self.discovered[j],
        }
    }

    /// Configured actors, then discovered ones.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &Actor> {
        self.configured.iter().chain(&self.discovered)
    }

    /// The actor's id followed by the ids of everything it is affiliated with.
    pub(crate) fn chain(&self, i: usize) -> Vec<String> {
        let mut out = vec![self.get(i).id.clone()];
        let mut cur = self.get(i).affiliation.clone();
        while let Some(id) = cur {
            if out.contains(&id) || out.len() > 8 {
                break;
            }
            cur = self
                .iter()
                .find(|a| a.id == id)
                .and_then(|a| a.affiliation.clone());
            out.push(id);
        }
        out
    }

    pub(crate) fn discovered(&self) -> &[Actor] {
        &self.discovered
    }

    /// Keeps only the discovered actors `keep` accepts.
    pub(crate) fn retain_discovered(&mut self, keep: impl Fn(&Actor) -> bool) {
        self.discovered.retain(|a| keep(a));
    }
}

use std::sync::LazyLock;

use regex::Regex;

use super::lexicon::{self, CueLexicon};
use super::names::{GroupHit, NameWords};
use crate::text::Span;

/// A capitalised word of a name: "Dmitriev", "O'Brien", "McDonald", "Jean-Pierre", "Putin's"
/// (a possessive is stripped afterwards). It ends where a lowercase run ends: a hyphen before a
/// lowercase word ("Dmitriev-led") is not part of it.
const NAME_WORD: &str = r"[A-Z][\p{Ll}’']+(?:-?[A-Z][\p{Ll}’']+)*";

/// Lowercase particles that stand inside a name, always before a capitalised word ("Ursula von
/// der Leyen", "Charles de Gaulle"); never at its end, never the start of a longer word.
const PARTICLES: &[&str] = &[
    "de", "da", "di", "du", "del", "della", "des", "la", "le", "van", "von", "der", "den", "ten",
    "ter",
];

/// Honorifics and titles that can open an alias without being a first name ("Mr. Trump").
/// Sentence adverbs that open a sentence without a comma, before a name: "Similarly Ann Lee,
/// director of ...". They are not part of the name.
#[rustfmt::skip]
const SENTENCE_ADVERBS: &[&str] = &[
    "Similarly", "Likewise", "Meanwhile", "However", "Also", "Separately", "Additionally",
    "Moreover", "Furthermore", "Finally", "Instead", "Elsewhere", "Nevertheless", "Nonetheless",
];

const HONORIFICS: &[&str] = &[
    "Mr.",
    "Ms.",
    "Mrs.",
    "Dr.",
    "Sir",
    "Dame",
    "Lord",
    "President",
    "Prime",
    "Chancellor",
];

/// A capitalised personal name of two or three words, possibly with a middle initial, and with
/// particles between its words.
fn name_pattern() -> String {
    let particles = PARTICLES.join("|");
    format!(r"{NAME_WORD}(?:\s+[A-Z]\.)?(?:\s+(?:(?:{particles})\s+){{0,2}}{NAME_WORD}){{1,2}}")
}

/// Capitalised words that end a name match but are never part of a person's name.
const NOT_NAME_WORDS: &[&str] = &[
    "House",
    "Office",
    "Times",
    "News",
    "Street",
    "Day",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Council",
    "Union",
    "Ministry",
    "Kremlin",
    "Minister",
    "President",
    "Secretary",
    "General",
    "Chancellor",
    "The",
    "Said",
    "Says",
];

/// True if `s..e` of `slice` starts and ends at word boundaries.
fn bounded_in(slice: &str, s: usize, e: usize) -> bool {
    let before_ok = slice[..s]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    let after_ok = slice[e..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric());
    before_ok && after_ok
}

/// Definite descriptions: "the Ukrainian leader", "the administration's ... expert".
fn descriptions_into(
    descriptions: &Descriptions,
    slice: &str,
    range: Span,
    table: &ActorTable,
    out: &mut Vec<Mention>,
) {
    for d in descriptions.find(slice, table) {
        let span = Span::new(range.start + d.0.start, range.start + d.0.end);
        // A description directly followed by a name is that name's title.
        let rest = slice[d.0.end..].trim_start();
        if rest.starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        out.retain(|o| !(span.start <= o.span.start && o.span.end <= span.end));
        out.push(Mention {
            span,
            kind: MentionKind::Description,
            actor: None,
            qualifier: d.1,
            role: Some(d.2),
            possessive: is_possessive(&slice[d.0.end..]),
        });
    }
}

/// Pronouns ("he", "she", "they") and "the leaders"-style references back.
fn pronouns(slice: &str, range: Span, cues: &CueLexicon) -> Vec<Mention> {
    let at = |s: usize, e: usize, p: Pronoun| Mention {
        span: Span::new(range.start + s, range.start + e),
        kind: MentionKind::Pronoun(p),
        actor: None,
        qualifier: None,
        role: None,
        possessive: false,
    };
    let mut out = Vec::new();
    let mut groups = Vec::new();
    // Where the last "the" + noun ended: such references do not overlap.
    let mut free = 0;
    for (s, e) in h_words(slice) {
        match &slice[s..e] {
            "he" | "He" => out.push(at(s, e, Pronoun::He)),
            "she" | "She" => out.push(at(s, e, Pronoun::She)),
            "they" | "They" => out.push(at(s, e, Pronoun::They)),
            "the" | "The" if s >= free => {
                let Some(end) = lowercase_word_after(slice, e) else {
                    continue;
                };
                free = end;
                // "the leaders", "the allies": a plural group noun after "the" refers back
                // like "they"; "the leaders of Britain and France" says whose leaders.
                let noun = &slice[e + 1..end];
                let of_follows = slice[end..].trim_start().starts_with("of ");
                if noun.ends_with('s') && cues.group_nouns.is_word(noun) && !of_follows {
                    groups.push(at(s, end, Pronoun::They));
                }
            }
            _ => {}
        }
    }
    out.extend(groups);
    out
}

/// A byte of a word as the lexicons' ASCII `\b` and `\w` see it.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The words of `slice` that hold an "h" as first or second letter, as start and end offsets:
/// the only ones that can be "he", "she", "they" or "the". A word is a maximal run of
/// [`is_word_byte`] bytes, so it starts and ends at an ASCII word boundary.
fn h_words(slice: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = slice.as_bytes();
    let starts_word = |i: usize| i == 0 || !is_word_byte(bytes[i - 1]);
    memchr::memchr2_iter(b'h', b'H', bytes).filter_map(move |i| {
        let start = if starts_word(i) {
            i
        } else if i >= 1 && starts_word(i - 1) {
            i - 1
        } else {
            return None;
        };
        let len = bytes[start..]
            .iter()
            .take_while(|&&b| is_word_byte(b))
            .count();
        Some((start, start + len))
    })
}

/// Where a word of lowercase ASCII letters ends, after one space at `at` ("the leaders"); `None`
/// when the next word holds anything else ("the UN", "the 2024 talks").
fn lowercase_word_after(slice: &str, at: usize) -> Option<usize> {
    let bytes = slice.as_bytes();
    if bytes.get(at) != Some(&b' ') {
        return None;
    }
    let end = at
        + 1
        + bytes[at + 1..]
            .iter()
            .take_while(|b| b.is_ascii_lowercase())
            .count();
    let bounded = bytes.get(end).is_none_or(|&b| !is_word_byte(b));
    (end > at + 1 && bounded).then_some(end)
}

impl Gazetteer {
    /// Builds the article's actor table: the configured actors plus the people the article
    /// introduces with a role ("Russian negotiator Kirill Dmitriev", "Yuri Ushakov, Putin's
    /// foreign policy aide").
    pub(crate) fn discover(
        &self,
        text: &str,
        blocks: &[Span],
        cues: &CueLexicon,
    ) -> ActorTable<'_> {
        let mut table = ActorTable {
            configured: &self.actors,
            discovered: Vec::new(),
        };
        let (before, after) = (&self.intro_before, &self.intro_after);
        for &block in blocks {
            let slice = &text[block.range()];
            // A name ends at the end of a word: one glued to more letters is not a name.
            let ends_word = |m: &regex::Match<'_>| {
                slice[m.end()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
            };
            for caps in before.captures_iter(slice) {
                let qualifier = caps.get(1).map(|m| m.as_str());
                if let Some(name) = caps.get(2).filter(ends_word) {
                    self.add_discovered(&mut table, name.as_str(), qualifier);
                }
            }
            for caps in after.captures_iter(slice) {
                let qualifier = caps.get(2).map(|m| m.as_str());
                // "X, claimed the Mayor ...": a verb and its object, not an apposition.
                if !is_apposition(&caps, cues) {
                    continue;
                }
                if let Some(name) = caps.get(1).filter(ends_word) {
                    self.add_discovered(&mut table, name.as_str(), qualifier);
                }
            }
            for name in speakers_in_apposition(slice, cues) {
                self.add_discovered(&mut table, name, None);
            }
        }
        table
    }

    fn add_discovered(&self, table: &mut ActorTable, name: &str, qualifier: Option<&str>) {
        let Some(words) = name_words(name) else {
            return;
        };
        let name = words.join(" ");
        // Already known: under this name, or under its surname with a first name that fits
        // ("Vladimir V. Putin" is Putin).
        if table.iter().any(|a| names_actor(a, &words)) {
            return;
        }
        let surname = words.last().copied().unwrap_or_default();
        let affiliation = qualifier.and_then(|q| self.actor_for_qualifier(table, q));
        let id = crate::text::lookup_key(&name);
        if id.is_empty() || table.iter().any(|a| a.id == id) {
            return;
        }
        // A surname another actor answers to ("Trump" for "Lara Trump") stays theirs.
        let mut aliases = vec![name.clone()];
        if !table
            .iter()
            .any(|a| a.aliases.iter().any(|al| al == surname))
        {
            aliases.push(surname.to_string());
        }
        table.discovered.push(Actor {
            id,
            name: name.clone(),
            kind: ActorKind::Person,
            affiliation,
            aliases,
            gender: Gender::Unknown,
            roles: Vec::new(),
            adjectives: Vec::new(),
            discovered: true,
        });
    }

    /// The actor a qualifier names: an adjective ("Russian"), an alias ("NATO"), or a possessive.
    fn actor_for_qualifier(&self, table: &ActorTable, q: &str) -> Option<String> {
        let q = q.trim_end_matches("’s").trim_end_matches("'s");
        table
            .iter()
            .find(|a| a.adjectives.iter().any(|adj| adj == q) || a.aliases.iter().any(|al| al == q))
            .map(|a| a.id.clone())
    }

    /// Finds the mentions in `range` of `text`: names and aliases, adjective + group noun,
    /// definite descriptions, and he/she/they.
    pub(crate) fn mentions(
        &self,
        table: &ActorTable,
        text: &str,
        range: Span,
        cues: &CueLexicon,
    ) -> Vec<Mention> {
        let slice = &text[range.range()];
        let mut out: Vec<Mention> = Vec::new();
        let bounded = |s: usize, e: usize| bounded_in(slice, s, e);
        let (aliases, group_words) = self.names.scan(slice);
        for hit in aliases {
            if bounded(hit.start, hit.end) {
                out.push(self.mention(slice, range, hit.start, hit.end, Some(hit.actor)));
            }
        }
        // Discovered actors: full names and surnames.
        for (offset, actor) in table.discovered().iter().enumerate() {
            let idx = table.configured.len() + offset;
            for alias in &actor.aliases {
                for (s, _) in slice.match_indices(alias.as_str()) {
                    let e = s + alias.len();
                    if bounded(s, e)
                        && !out.iter().any(|o| {
                            o.span.start - range.start <= s && e <= o.span.end - range.start
                        })
                    {
                        out.push(self.mention(slice, range, s, e, Some(idx)));
                    }
                }
            }
        }
        self.group_mentions(table, slice, range, group_words, cues, &mut out);
        descriptions_into(&self.descriptions, slice, range, table, &mut out);
        out.extend(pronouns(slice, range, cues));
        out.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
        out.dedup_by(|b, a| b.span.start < a.span.end);
        out
    }

    /// Adjective + (word) + group noun: "Russian officials", "Kremlin officials".
    fn group_mentions(
        &self,
        table: &ActorTable,
        slice: &str,
        range: Span,
        mut group_hits: Vec<GroupHit>,
        cues: &CueLexicon,
        out: &mut Vec<Mention>,
    ) {
        let bounded = |s: usize, e: usize| bounded_in(slice, s, e);
        // Configured actors' words come from the names automaton (`group_hits`), the article's
        // discovered actors' are few.
        for (offset, actor) in table.discovered().iter().enumerate() {
            for (rank, word) in group_words_of(actor).enumerate() {
                for (s, _) in slice.match_indices(word.as_str()) {
                    group_hits.push((table.configured.len() + offset, rank, s, s + word.len()));
                }
            }
        }
        group_hits.sort_unstable();
        for (i, _, s, e) in group_hits {
            if !bounded(s, e) {
                continue;
            }
            let rest = &slice[e..];
            let Some(noun_end) = group_noun_after(rest, cues) else {
                continue;
            };
            let span = Span::new(range.start + s, range.start + e + noun_end);
            out.retain(|o| !(span.start <= o.span.start && o.span.end <= span.end));
            if out
                .iter()
                .any(|o| o.span.start <= span.start && span.end <= o.span.end)
            {
                continue;
            }
            out.push(Mention {
                span,
                kind: MentionKind::Group,
                actor: Some(i),
                qualifier: None,
                role: None,
                possessive: is_possessive(&slice[e + noun_end..]),
            });
        }
    }

    fn mention(
        &self,
        slice: &str,
        range: Span,
        s: usize,
        e: usize,
        actor: Option<usize>,
    ) -> Mention {
        Mention {
            span: Span::new(range.start + s, range.start + e),
            kind: MentionKind::Name,
            actor,
            qualifier: None,
            role: None,
            possessive: is_possessive(&slice[e..]),
        }
    }
}

/// The words of a discovered name, cleaned: white space collapsed, a leading honorific ("Sir Keir
/// Starmer") and a possessive ("Putin's") stripped; `None` when what is left is not a personal
/// name (fewer than two capitalised words, a particle at an end, a word that is never part of a
/// name).
fn name_words(name: &str) -> Option<Vec<&str>> {
    let mut words: Vec<&str> = name
        .split_whitespace()
        .skip_while(|w| SENTENCE_ADVERBS.contains(w))
        .skip_while(|w| HONORIFICS.contains(w))
        .collect();
    let last = words.last_mut()?;
    *last = last
        .strip_suffix("’s")
        .or_else(|| last.strip_suffix("'s"))
        .unwrap_or(last)
        .trim_end_matches(['’', '\'']);
    let capitalised = |w: &&str| w.starts_with(|c: char| c.is_uppercase());
    let fits = words.len() >= 2
        && words.first().is_some_and(capitalised)
        && words
            .last()
            .is_some_and(|w| capitalised(w) && w.chars().count() > 1)
        && words
            .iter()
            .all(|w| capitalised(w) || PARTICLES.contains(w))
        && !words.iter().any(|w| NOT_NAME_WORDS.contains(w));
    fits.then_some(words)
}

/// True when a discovered name (its words) names `actor`: it is one of the actor's names, or the
/// actor is a person, the name ends with the surname of one of theirs and its first name fits
/// theirs (the same, an initial of it, or no first name known). "Vladimir V. Putin" names Putin; "Lara Trump" does not
/// name Donald Trump.
fn names_actor(actor: &Actor, words: &[&str]) -> bool {
    let full = words.join(" ");
    let names = || std::iter::once(&actor.name).chain(&actor.aliases);
    if names().any(|n| *n == full) {
        return true;
    }
    let (Some(first), Some(surname)) = (words.first(), words.last()) else {
        return false;
    };
    // Surnames are people's: "Isaiah Berlin" is not Germany.
    if actor.kind != ActorKind::Person {
        return false;
    }
    let mut same_surname = false;
    let mut first_names = Vec::new();
    for n in names() {
        let ws: Vec<&str> = n.split_whitespace().collect();
        same_surname |= ws.last() == Some(surname);
        if let [given, _, ..] = ws.as_slice()
            && given.starts_with(|c: char| c.is_uppercase())
            && !HONORIFICS.contains(given)
        {
            first_names.push(*given);
        }
    }
    same_surname
        && (first_names.is_empty() || first_names.iter().any(|g| first_names_fit(g, first)))
}

/// True when two first names can be the same person's: equal (dots aside: "J.D." is "JD"), or one
/// is the initial of the other ("V." and "Vladimir").
fn first_names_fit(a: &str, b: &str) -> bool {
    let a: String = a.chars().filter(|&c| c != '.').collect();
    let b: String = b.chars().filter(|&c| c != '.').collect();
    let initial = |x: &str, y: &str| x.chars().count() == 1 && y.starts_with(x);
    a == b || initial(&a, &b) || initial(&b, &a)
}

/// The words of an actor that can stand before a group noun: its adjectives and one-word aliases.
fn group_words_of(actor: &Actor) -> impl Iterator<Item = &String> {
    actor.adjectives.iter().chain(
        actor
            .aliases
            .iter()
            .filter(|a| a.chars().all(|c| c.is_alphabetic())),
    )
}

fn is_possessive(rest: &str) -> bool {
    rest.starts_with("’s")
        || rest.starts_with("'s")
        || rest.starts_with("’ ")
        || rest.starts_with("' ")
}

/// Byte length up to the end of a group noun right after an adjective (one optional word between).
fn group_noun_after(rest: &str, cues: &CueLexicon) -> Option<usize> {
    let mut offset = 0;
    for _ in 0..2 {
        let trimmed = rest[offset..].trim_start();
        if trimmed.len() == rest[offset..].len() {
            return None; // no white space after the adjective
        }
        offset = rest.len() - trimmed.len();
        let word_len = trimmed
            .find(|c: char| !(c.is_alphabetic() || c == '-'))
            .unwrap_or(trimmed.len());
        if word_len == 0 {
            return None;
        }
        let word = &trimmed[..word_len];
        if cues.group_nouns.is_word(word) {
            return Some(offset + word_len);
        }
        if word.starts_with(|c: char| c.is_uppercase()) {
            return None;
        }
        offset += word_len;
    }
    None
}

/// Titles and role words that introduce a person in running text.
/// The config's titles and role words as one alternation, longest first, each also with its
/// first letter in the other case ("Mayor Jane Doe", "Jane Doe, mayor of ...").
/// People introduced by an apposition that is not a title, then a verb of saying: "Jane Doe,
/// a cyclist from the east of the city, said ...". The verb is what makes the description a
/// person's: "Oak Street, a quiet road, was closed" has none.
fn speakers_in_apposition<'t>(slice: &'t str, cues: &CueLexicon) -> Vec<&'t str> {
    static APPOSITION: LazyLock<Regex> = LazyLock::new(|| {
        lexicon::regex(&format!(
            r#"(?:^|[^\p{{L}}])({}),\s+(?:a|an|the|who|whose)\s[^,;:.!?“”"]{{1,80}},\s+"#,
            name_pattern()
        ))
        .expect("valid")
    });
    let mut out = Vec::new();
    for caps in APPOSITION.captures_iter(slice) {
        let (Some(name), Some(whole)) = (caps.get(1), caps.get(0)) else {
            continue;
        };
        let end = super::tokens::floor_char(slice, slice.len().min(whole.end() + 40));
        let rest = Span::new(whole.end(), end);
        let speaks = cues
            .speech
            .find(slice, rest)
            .first()
            .is_some_and(|hit| hit.start == whole.end());
        if speaks {
            out.push(name.as_str());
        }
    }
    out
}

fn titles_pattern(titles: &[String]) -> String {
    let mut alts: Vec<String> = titles
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .map(|t| {
            let mut chars = t.chars();
            let first = chars.next().unwrap_or_default();
            let rest: String = chars.collect();
            let rest = regex::escape(&rest).replace(' ', r"\s+");
            if first.is_alphabetic() {
                let (upper, lower): (String, String) = (
                    first.to_uppercase().collect(),
                    first.to_lowercase().collect(),
                );
                format!("[{upper}{lower}]{rest}")
            } else {
                format!("{}{rest}", regex::escape(&first.to_string()))
            }
        })
        .collect();
    alts.sort_by_key(|a| std::cmp::Reverse(a.len()));
    alts.dedup();
    if alts.is_empty() {
        // Matches nothing: a config without titles discovers nobody by role.
        return r"[^\s\S]".to_string();
    }
    format!("(?:{})", alts.join("|"))
}

/// The role words that end a definite description, as a regex alternation of plain words.
/// Roles of public life that make a definite description of a person anywhere ("the envoy");
/// each configuration adds its actors' own roles.
const DESCRIPTION_ROLES: &str = "president|leader|envoy|expert|negotiator|spokesman|spokeswoman|spokesperson|chancellor|prime minister|foreign minister|minister|secretary|press secretary|aide|adviser|advisor|diplomat|official|ambassador";

/// True if `role` is one of the built-in description roles, which may stand for the last person
/// named even when nobody named has that role (a configured role may not).
pub(crate) fn is_builtin_role(role: &str) -> bool {
    DESCRIPTION_ROLES.split('|').any(|r| r == role)
}

/// Finds definite descriptions "the [ADJ|X's|word]* ROLE" for the built-in roles and the
/// configured actors' roles ("the London mayor" for an actor with the role "mayor").
#[derive(Debug)]
pub(crate) struct Descriptions {
    pattern: Regex,
    /// Every description holds a role word: a text without one needs no regex (most blocks).
    role_words: AhoCorasick,
}

impl Descriptions {
    pub(crate) fn new<'a>(configured: impl Iterator<Item = &'a String>) -> Descriptions {
        let mut roles: Vec<String> = DESCRIPTION_ROLES
            .split('|')
            .map(str::to_string)
            .chain(configured.map(|r| r.trim().to_lowercase()))
            .filter(|r| !r.is_empty())
            .collect();
        // Longest first, so that "mayor of london" wins over "mayor".
        roles.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        roles.dedup();
        let alternation = roles
            .iter()
            .map(|r| regex::escape(r))
            .collect::<Vec<_>>()
            .join("|");
        let pattern = lexicon::regex(&format!(
            r"\b[Tt]he\s+((?:[\p{{L}}.’'-]+\s+){{0,4}}?)((?i:{alternation}))\b"
        ))
        .expect("escaped roles make a valid pattern");
        let role_words = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .build(&roles)
            .expect("role words build an automaton");
        Descriptions {
            pattern,
            role_words,
        }
    }

    /// The descriptions in `slice`: (span in slice, qualifier actor, role).
    fn find(&self, slice: &str, table: &ActorTable) -> Vec<(Span, Option<usize>, String)> {
        let mut out = Vec::new();
        // Case-insensitive regexes also fold the long s and the Kelvin sign into "s" and "k".
        if !self.role_words.is_match(slice) && !slice.contains(['ſ', '\u{212A}']) {
            return out;
        }
        for caps in self.pattern.captures_iter(slice) {
            out.push(description(&caps, table));
        }
        out
    }
}

/// One description's span, qualifier and role.
fn description(caps: &regex::Captures<'_>, table: &ActorTable) -> (Span, Option<usize>, String) {
    let whole = caps.get(0).expect("match");
    let mods = caps.get(1).map_or("", |m| m.as_str());
    // Plural or compound continuations ("the president's") are handled as possessive.
    let mut qualifier = None;
    for word in mods.split_whitespace() {
        let w = word.trim_end_matches("’s").trim_end_matches("'s");
        if let Some(i) = table
            .iter()
            .position(|a| a.adjectives.iter().any(|adj| adj == w))
        {
            qualifier = Some(i);
        }
        if (word.ends_with("’s") || word.ends_with("'s"))
            && let Some(i) = table.iter().position(|a| {
                a.aliases.iter().any(|al| {
                    al.eq_ignore_ascii_case(w) || al.eq_ignore_ascii_case(&format!("the {w}"))
                })
            })
        {
            qualifier = Some(i);
        }
    }
    // A name of several words qualifies too: "the New Zealand prime minister".
    if qualifier.is_none() {
        qualifier = table.iter().position(|a| {
            a.aliases
                .iter()
                .any(|al| al.contains(' ') && has_words(mods, al))
        });
    }
    let role = caps
        .get(2)
        .map_or(String::new(), |m| m.as_str().to_lowercase());
    (Span::new(whole.start(), whole.end()), qualifier, role)
}

/// True if the words between a name's comma and the title are an apposition's ("the
/// union's general secretary", "chief executive"): no speech verb among them, and a determiner
/// only first.
fn is_apposition(caps: &regex::Captures<'_>, cues: &CueLexicon) -> bool {
    let Some((whole, name)) = caps.get(0).zip(caps.get(1)) else {
        return false;
    };
    let words: Vec<&str> = whole.as_str()[name.end() - whole.start()..]
        .trim_start_matches(',')
        .split_whitespace()
        .collect();
    let inner = words.iter().skip(1).take(words.len().saturating_sub(2));
    let determiner_inside = inner.clone().any(|w| matches!(*w, "the" | "a" | "an"));
    let verb = words.iter().any(|w| cues.speech.is_word(w));
    !determiner_inside && !verb
}

/// True if `words` holds `phrase` as whole words.
fn has_words(words: &str, phrase: &str) -> bool {
    words.match_indices(phrase).any(|(i, _)| {
        let before = words[..i].chars().next_back();
        let after = words[i + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names discovered in `text` (one block), with their aliases.
    fn discovered(text: &str) -> Vec<(String, Vec<String>)> {
        let config = Config::default_config();
        let gazetteer = Gazetteer::new(&config);
        let cues = CueLexicon::new(&config);
        let table = gazetteer.discover(text, &[Span::new(0, text.len())], &cues);
        table
            .discovered()
            .iter()
            .map(|a| (a.name.clone(), a.aliases.clone()))
            .collect()
    }

    fn names(text: &str) -> Vec<String> {
        discovered(text).into_iter().map(|(n, _)| n).collect()
    }

    #[test]
    fn a_verb_and_its_object_after_a_comma_are_no_apposition() {
        assert_eq!(
            names("Jane Roe, Labour spokeswoman for the Road Levy, claimed the Mayor had erred."),
            vec!["Jane Roe".to_string()]
        );
        assert_eq!(
            names("Yuri Tam, the union's general secretary, said so."),
            vec!["Yuri Tam".to_string()]
        );
    }

    #[test]
    fn pronouns_and_the_group_nouns_are_found_where_their_regexes_match() {
        // The word scan stands for `\b(?:[Hh]e|[Ss]he|[Tt]hey)\b` and `\b[Tt]he ([a-z]+)\b`
        // with ASCII boundaries: both must find the same places.
        let pronoun = lexicon::regex(r"\b(?:[Hh]e|[Ss]he|[Tt]hey)\b").expect("valid");
        let the_word = lexicon::regex(r"\b[Tt]he ([a-z]+)\b").expect("valid");
        for text in [
            "He said she and they would; THE leaders, The allies and the officials agreed.",
            "the the leaders met; bathe the_x; the leaders2 left; the UN; the  allies; the",
            "Théy séid hé; éthe allies; the alliés; “They” — she’s; the officials’ view.",
            "Then the leaders of Britain and France; she-wolf; he_ they1 _she the allies",
        ] {
            let words: Vec<(usize, usize)> = h_words(text).collect();
            let pronouns: Vec<(usize, usize)> = words
                .iter()
                .copied()
                .filter(|&(s, e)| ["he", "He", "she", "She", "they", "They"].contains(&&text[s..e]))
                .collect();
            let expected: Vec<(usize, usize)> = pronoun
                .find_iter(text)
                .map(|m| (m.start(), m.end()))
                .collect();
            assert_eq!(pronouns, expected, "{text:?}");
            let mut groups = Vec::new();
            let mut free = 0;
            for (s, e) in words {
                if matches!(&text[s..e], "the" | "The")
                    && s >= free
                    && let Some(end) = lowercase_word_after(text, e)
                {
                    groups.push((s, end));
                    free = end;
                }
            }
            let expected: Vec<(usize, usize)> = the_word
                .find_iter(text)
                .map(|m| (m.start(), m.end()))
                .collect();
            assert_eq!(groups, expected, "{text:?}");
        }
    }

    #[test]
    fn the_leaders_refer_back_unless_they_are_someone_s() {
        let config = Config::default_config();
        let cues = CueLexicon::new(&config);
        let text =
            "The leaders met. He said the leaders of France would not. She left; the talks ended.";
        let found: Vec<&str> = pronouns(text, Span::new(0, text.len()), &cues)
            .iter()
            .map(|m| &text[m.span.range()])
            .collect();
        assert_eq!(found, ["He", "She", "The leaders"]);
    }

    #[test]
    fn a_name_ends_at_a_word_boundary_and_never_takes_a_lowercase_word() {
        let cases: &[(&str, &[&str])] = &[
            // The start of the next word is not a particle ("de" of "described").
            (
                "Russian negotiator Pavel Dorokhin described the talks as useful.",
                &["Pavel Dorokhin"],
            ),
            (
                "Russian negotiator Pavel Dorokhin de facto leads the talks.",
                &["Pavel Dorokhin"],
            ),
            (
                "Kremlin envoy Pavel Dorokhin-led talks resumed.",
                &["Pavel Dorokhin"],
            ),
            (
                "The talks, said envoy Pavel Dorokhin, were useful.",
                &["Pavel Dorokhin"],
            ),
            // Particles inside a name are part of it.
            (
                "Dutch diplomat Jan van der Berg said the talks were useful.",
                &["Jan van der Berg"],
            ),
            (
                "French diplomat Anne de Margerie said so.",
                &["Anne de Margerie"],
            ),
            // Names with inner capitals and apostrophes.
            (
                "Irish diplomat Sean O'Brien said so; U.S. envoy Ronald McDonald agreed.",
                &["Sean O'Brien", "Ronald McDonald"],
            ),
            // A name glued to more letters is not a name.
            ("Russian negotiator Pavel Dorokhin2 said so.", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(names(text), *want, "{text}");
        }
    }

    #[test]
    fn a_possessive_is_not_part_of_a_name() {
        assert_eq!(
            discovered("Kremlin aide Yuri Bakhtin's remarks were brief."),
            [(
                "Yuri Bakhtin".to_string(),
                vec!["Yuri Bakhtin".to_string(), "Bakhtin".to_string()]
            )]
        );
        assert_eq!(
            names("Kremlin aide Yuri Bakhtin’ remarks were brief."),
            ["Yuri Bakhtin"]
        );
        assert_eq!(
            names("Kremlin aide Yuri Bakhtin’s remarks were brief."),
            ["Yuri Bakhtin"]
        );
    }

    #[test]
    fn a_variant_of_a_known_name_is_the_known_actor() {
        for text in [
            "Russian President Vladimir Putin's statement surprised Kyiv.",
            "Russian President Vladimir V. Putin's statement surprised Kyiv.",
            "Russian President Vladimir V. Putin’s statement surprised Kyiv.",
            "Russian President Vladimir Vladimirovich Putin said so.",
            "Ukrainian President Volodymyr O. Zelensky said so.",
            "U.S. Vice President J.D. Vance said so.",
            "U.S. envoy Steven C. Witkoff said so.",
            "British Prime Minister Sir Keir Starmer said so.",
        ] {
            assert_eq!(names(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn a_new_person_sharing_a_known_surname_is_discovered_without_it() {
        // Another first name: another person, who does not take the known actor's surname.
        assert_eq!(
            discovered("Campaign adviser Lara Trump said so."),
            [("Lara Trump".to_string(), vec!["Lara Trump".to_string()])]
        );
        // A place's name is not a surname.
        assert_eq!(
            discovered("British diplomat Isaiah Berlin said so."),
            [(
                "Isaiah Berlin".to_string(),
                vec!["Isaiah Berlin".to_string()]
            )]
        );
    }

    #[test]
    fn a_sentence_adverb_before_a_name_is_not_part_of_it() {
        assert_eq!(
            names("Similarly Pavel Dorokhin, director of the Institute, said so."),
            ["Pavel Dorokhin"]
        );
    }

    #[test]
    fn real_new_names_are_still_discovered() {
        assert_eq!(
            discovered("Russian negotiator Pavel Dorokhin said the talks were useful."),
            [(
                "Pavel Dorokhin".to_string(),
                vec!["Pavel Dorokhin".to_string(), "Dorokhin".to_string()]
            )]
        );
        assert_eq!(
            names("Polish Foreign Minister Radoslaw Sikorski said so."),
            ["Radoslaw Sikorski"]
        );
        assert_eq!(
            names("British Ambassador Sir Nigel Sheinwald said so."),
            ["Nigel Sheinwald"]
        );
        // The same new person again, with a middle initial or a possessive: one actor.
        assert_eq!(
            names(
                "Russian negotiator Pavel Dorokhin said so. Envoy Pavel A. Dorokhin's aides agreed."
            ),
            ["Pavel Dorokhin"]
        );
    }

    #[test]
    fn description_roles_are_plain_words_for_their_prefilter() {
        // The prefilter looks for each role literally: regex syntax there would hide matches.
        for role in DESCRIPTION_ROLES.split('|') {
            assert!(
                !role.is_empty() && role.chars().all(|c| c.is_ascii_lowercase() || c == ' '),
                "{role}"
            );
        }
        let config = Config::default_config();
        let cues = CueLexicon::new(&config);
        let gazetteer = Gazetteer::new(&config);
        let table = gazetteer.discover("", &[], &cues);
        let found = |text: &str| gazetteer.descriptions.find(text, &table).len();
        assert_eq!(
            found("The Russian foreign minister said so; the aide agreed."),
            2
        );
        assert_eq!(
            found("The Russian foreign ministry said so; the aides agreed."),
            0
        );
    }

    #[test]
    fn first_names_fit_when_equal_or_an_initial() {
        let cases = [
            ("Vladimir", "Vladimir", true),
            ("Vladimir", "V.", true),
            ("V", "Vladimir", true),
            ("J.D.", "JD", true),
            ("Donald", "Lara", false),
            ("Donald", "L.", false),
        ];
        for (a, b, fit) in cases {
            assert_eq!(first_names_fit(a, b), fit, "{a} / {b}");
        }
    }
}
