//! The search table, built with the index: actors by name, alias and id, topics by name and id,
//! articles by title and outlet, each as the words it is found by (lower case, accents off). A
//! query word finds a word that it equals, begins, or misses by a typo (strsim's
//! Damerau-Levenshtein: one edit, two in words of eight letters or more).

use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization;

use super::Index;

/// Longest query searched, in characters; longer ones are refused.
pub const MAX_QUERY_CHARS: usize = 200;
/// Most words of a query that count; the rest are ignored.
const MAX_QUERY_WORDS: usize = 8;

/// What a search result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HitKind {
    Actor,
    Topic,
    Article,
}

impl HitKind {
    pub fn as_str(self) -> &'static str {
        match self {
            HitKind::Actor => "actor",
            HitKind::Topic => "topic",
            HitKind::Article => "article",
        }
    }
}

/// One thing the table can find.
#[derive(Debug, Clone)]
struct Entry {
    kind: HitKind,
    /// Position in the index's actors, topics or articles.
    at: usize,
    /// The phrases it is found by (name first), each as its words' places in
    /// [`SearchTable::vocabulary`].
    phrases: Vec<Vec<u32>>,
    claims: usize,
}

/// A search result: what was found, how well, and the claims behind it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub kind: HitKind,
    /// Position in [`Index::actors`], [`Index::topics`] or [`Index::articles`].
    pub at: usize,
    /// From 0 to 1: 1 when a name is the query.
    pub score: f32,
    pub claims: usize,
}

/// Everything searchable, as words, built once. Each distinct word is kept once, so a query is
/// compared with each word once, however many titles hold it.
#[derive(Debug, Clone, Default)]
pub struct SearchTable {
    entries: Vec<Entry>,
    vocabulary: Vec<String>,
}

/// `text` as search words: lower case, accents and punctuation off.
pub fn words(text: &str) -> Vec<String> {
    let folded: String = text
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

impl SearchTable {
    /// The table of an index: every actor, topic and article.
    pub fn build(index: &Index) -> SearchTable {
        let mut table = Builder::default();
        for (at, a) in index.actors.iter().enumerate() {
            let mut phrases = vec![a.name.as_str(), a.id.as_str()];
            phrases.extend(a.aliases.iter().map(String::as_str));
            table.add(HitKind::Actor, at, &phrases, index.claim_count(&a.id));
        }
        for (at, t) in index.topics.iter().enumerate() {
            let claims = index.topic_claim_count(&t.id);
            table.add(HitKind::Topic, at, &[&t.name, &t.id], claims);
        }
        // Articles are many: their words are found in parallel, then placed in order.
        let articles: Vec<(Vec<Vec<String>>, usize)> = index
            .articles
            .par_iter()
            .map(|a| {
                let mut phrases = vec![words(a.title())];
                phrases.extend(a.meta.outlet.as_deref().map(words));
                (phrases, index.claims_in(&a.id).count())
            })
            .collect();
        for (at, (phrases, claims)) in articles.into_iter().enumerate() {
            table.add_words(HitKind::Article, at, phrases, claims);
        }
        SearchTable {
            entries: table.entries,
            vocabulary: table.vocabulary,
        }
    }

    /// What `query` finds, best first: by score, then actors, topics, articles, then most
    /// claims. A query with no word finds nothing; cut it to [`MAX_QUERY_CHARS`] first.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let mut asked = words(query);
        asked.truncate(MAX_QUERY_WORDS);
        if asked.is_empty() {
            return Vec::new();
        }
        // How well each query word finds each word of the vocabulary.
        let scores: Vec<Vec<f32>> = asked
            .iter()
            .map(|q| self.vocabulary.iter().map(|w| word_score(q, w)).collect())
            .collect();
        let mut hits: Vec<Hit> = self
            .entries
            .iter()
            .filter_map(|e| {
                let score = e
                    .phrases
                    .iter()
                    .map(|p| phrase_score(&scores, p))
                    .fold(0.0, f32::max);
                (score > 0.0).then_some(Hit {
                    kind: e.kind,
                    at: e.at,
                    score,
                    claims: e.claims,
                })
            })
            .collect();
        hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.kind.cmp(&b.kind))
                .then(b.claims.cmp(&a.claims))
                .then(a.at.cmp(&b.at))
        });
        hits
    }
}

/// The table as it is built: entries, and each distinct word once.
#[derive(Default)]
struct Builder {
    entries: Vec<Entry>,
    vocabulary: Vec<String>,
    places: std::collections::HashMap<String, u32>,
}

impl Builder {
    fn add(&mut self, kind: HitKind, at: usize, phrases: &[&str], claims: usize) {
        let phrases = phrases.iter().map(|p| words(p)).collect();
        self.add_words(kind, at, phrases, claims);
    }

    /// Like [`Builder::add`], with each phrase already cut into words.
    fn add_words(&mut self, kind: HitKind, at: usize, phrases: Vec<Vec<String>>, claims: usize) {
        let phrases = phrases
            .into_iter()
            .map(|p| p.into_iter().map(|w| self.place(w)).collect::<Vec<u32>>())
            .filter(|p| !p.is_empty())
            .collect();
        self.entries.push(Entry {
            kind,
            at,
            phrases,
            claims,
        });
    }

    fn place(&mut self, word: String) -> u32 {
        if let Some(&i) = self.places.get(&word) {
            return i;
        }
        let i = self.vocabulary.len() as u32;
        self.vocabulary.push(word.clone());
        self.places.insert(word, i);
        i
    }
}

/// How well the query's words find a phrase: 0 unless every query word finds one of its words;
/// 1 when they are the phrase. `scores` holds, for each query word, its score on each word of
/// the vocabulary; the phrase is its words' places there.
fn phrase_score(scores: &[Vec<f32>], phrase: &[u32]) -> f32 {
    let mut total = 0.0;
    for q in scores {
        let best = phrase
            .iter()
            .map(|&w| q.get(w as usize).copied().unwrap_or(0.0))
            .fold(0.0, f32::max);
        if best == 0.0 {
            return 0.0;
        }
        total += best;
    }
    let matched = total / scores.len() as f32;
    // A phrase of more words than asked is a looser match: "Zelensky" is Volodymyr Zelensky's
    // name more than an article's title that mentions him.
    let cover = scores.len().min(phrase.len()) as f32 / phrase.len() as f32;
    matched * (0.8 + 0.2 * cover)
}

/// How well one query word finds one word: equal 1, a beginning of 3 letters or more 0.8, a
/// typo 0.7, else 0.
fn word_score(asked: &str, word: &str) -> f32 {
    if asked == word {
        return 1.0;
    }
    let letters = asked.chars().count();
    if letters >= 3 && word.starts_with(asked) {
        return 0.8;
    }
    let allowed = match letters {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    };
    if allowed > 0
        && word.chars().count().abs_diff(letters) <= allowed
        && strsim::damerau_levenshtein(asked, word) <= allowed
    {
        return 0.7;
    }
    0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_case_accents_and_punctuation() {
        assert_eq!(
            words("Zelens'kyj, Volodýmyr"),
            ["zelens", "kyj", "volodymyr"]
        );
        assert_eq!(words("  "), Vec::<String>::new());
    }

    #[test]
    fn a_typo_still_finds_a_word_and_a_short_word_must_be_exact() {
        assert_eq!(word_score("zelenski", "zelensky"), 0.7);
        assert_eq!(word_score("zelnesky", "zelensky"), 0.7, "a transposition");
        assert_eq!(word_score("zel", "zelensky"), 0.8);
        assert_eq!(word_score("ze", "zelensky"), 0.0);
        assert_eq!(word_score("tump", "trump"), 0.7);
        assert_eq!(word_score("pun", "putin"), 0.0);
        assert_eq!(word_score("trmp", "truce"), 0.0);
    }

    #[test]
    fn every_query_word_must_find_something() {
        let mut table = Builder::default();
        table.add(HitKind::Actor, 0, &["Volodymyr Zelensky"], 3);
        table.add(HitKind::Article, 0, &["Zelensky meets the press"], 9);
        let table = SearchTable {
            entries: table.entries,
            vocabulary: table.vocabulary,
        };
        let found = |q: &str| -> Vec<(HitKind, f32)> {
            table.search(q).iter().map(|h| (h.kind, h.score)).collect()
        };
        let one = found("zelensky");
        assert_eq!(one.len(), 2);
        assert_eq!(one[0].0, HitKind::Actor, "the name before the title");
        assert!(one[0].1 >= 0.9);
        assert!(found("volodymyr zelensky")[0].1 > one[0].1);
        assert!(found("zelensky putin").is_empty());
        assert!(found("?!").is_empty());
    }
}
