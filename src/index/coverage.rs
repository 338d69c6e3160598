//! Coverage: how much independent reporting backs a position. Sentences that carry claims are
//! grouped when they are near-duplicates across articles (the same wire text published by two
//! outlets), once at indexing; a cell then counts its articles, its outlets, and its independent
//! reports, a wire copy counted once.
//!
//! Near-duplicates are found without comparing every pair: each sentence gets a MinHash
//! signature over its word 3-shingles, sentences that share a signature value are candidates, and
//! candidates whose shingle sets overlap enough (Jaccard) are joined.

use rayon::prelude::*;
use std::collections::BTreeSet;

use rustc_hash::FxHashMap as HashMap;
use std::hash::{Hash, Hasher};

use serde::Serialize;

use super::{Article, Index};
use crate::extract::Claim;

/// Shortest sentence, in words, that may count as a copy: short sentences repeat by chance.
const MIN_WORDS: usize = 8;
/// Jaccard similarity of shingle sets from which two sentences are copies.
const SIMILAR: f64 = 0.6;
/// MinHash functions; sentences sharing any one value are compared.
const HASHES: u64 = 8;
/// Candidate buckets larger than this are skipped (a shingle shared by everyone says nothing).
const MAX_BUCKET: usize = 64;

/// Copy groups of claim sentences, keyed by article id then sentence index.
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize)]
pub(super) struct Copies {
    group: HashMap<String, HashMap<usize, u32>>,
}

impl Copies {
    /// Groups the sentences that hold claims, across articles.
    pub(super) fn build(articles: &[Article], claims: &[Claim]) -> Copies {
        let position: HashMap<&str, usize> = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        // Claims come in article order, so sorting their sentences is cheap.
        let mut sentences: Vec<(usize, usize)> = claims
            .iter()
            .filter_map(|c| Some((*position.get(c.article.as_str())?, c.sentence)))
            .collect();
        sentences.par_sort_unstable();
        sentences.dedup();
        sentences.retain(|&(a, s)| articles[a].sentences.get(s).is_some());
        // Shingles and MinHash signatures, per sentence, in parallel.
        let (shingles, signatures): (Vec<Vec<u64>>, Vec<Vec<u64>>) = sentences
            .par_iter()
            .map(|&(a, s)| {
                let set = shingle(articles[a].sentence_text(&articles[a].sentences[s]));
                let signature = if set.is_empty() {
                    Vec::new()
                } else {
                    (0..HASHES)
                        .map(|k| set.iter().map(|&h| mix(h, k)).min().unwrap_or(0))
                        .collect()
                };
                (set, signature)
            })
            .unzip();
        // For each hash function, in parallel: the sentences by their value (value and
        // sentence packed in one integer and sorted), so that each bucket of sentences sharing
        // a value is a run, in sentence order.
        let by_value: Vec<Vec<u128>> = (0..HASHES as usize)
            .into_par_iter()
            .map(|k| {
                let mut keyed: Vec<u128> = signatures
                    .iter()
                    .enumerate()
                    .filter_map(|(n, signature)| {
                        Some((u128::from(*signature.get(k)?) << 64) | n as u128)
                    })
                    .collect();
                keyed.sort_unstable();
                keyed
            })
            .collect();
        // Then one hash function after another, its buckets in parallel: each bucket's pairs
        // from different articles are compared unless earlier hash functions or the bucket's
        // earlier pairs already joined them, and the pairs found similar are joined. Which
        // sentences end up joined does not depend on the order pairs are joined in, and a
        // group's number is its first sentence's whatever the order, so the groups are those of
        // comparing every bucket's pairs one by one.
        let mut parent: Vec<usize> = (0..sentences.len()).collect();
        for keyed in &by_value {
            let joined: Vec<(usize, usize)> = keyed
                .par_chunk_by(|a, b| a >> 64 == b >> 64)
                .filter(|bucket| (2..=MAX_BUCKET).contains(&bucket.len()))
                .flat_map_iter(|bucket| {
                    let member = |i: usize| bucket[i] as u64 as usize;
                    // The bucket's sentences already joined start joined: each points to the
                    // first of them.
                    let roots: Vec<usize> = (0..bucket.len())
                        .map(|i| root(&parent, member(i)))
                        .collect();
                    let mut local: Vec<usize> = (0..bucket.len())
                        .map(|i| roots.iter().position(|&r| r == roots[i]).unwrap_or(i))
                        .collect();
                    let mut joined = Vec::new();
                    for i in 0..bucket.len() {
                        for j in i + 1..bucket.len() {
                            let (x, y) = (member(i), member(j));
                            if sentences[x].0 != sentences[y].0
                                && find(&mut local, i) != find(&mut local, j)
                                && jaccard(&shingles[x], &shingles[y]) >= SIMILAR
                            {
                                let (ri, rj) = (find(&mut local, i), find(&mut local, j));
                                local[ri.max(rj)] = ri.min(rj);
                                joined.push((x, y));
                            }
                        }
                    }
                    joined
                })
                .collect();
            for (x, y) in joined {
                let (rx, ry) = (find(&mut parent, x), find(&mut parent, y));
                parent[rx.max(ry)] = rx.min(ry);
            }
        }
        let placed: Vec<(usize, usize, u32)> = (0..sentences.len())
            .map(|n| {
                let (a, s) = sentences[n];
                (
                    a,
                    s,
                    u32::try_from(find(&mut parent, n)).unwrap_or(u32::MAX),
                )
            })
            .collect();
        // Each article's groups by sentence, in parallel; then the articles in order.
        let per_article: Vec<(usize, HashMap<usize, u32>)> = placed
            .par_chunk_by(|x, y| x.0 == y.0)
            .map(|run| {
                // Inserted one by one, as they always were, so that each map's layout (and the
                // snapshot's bytes) stay the same.
                let mut groups = HashMap::default();
                for &(_, s, g) in run {
                    groups.insert(s, g);
                }
                (run[0].0, groups)
            })
            .collect();
        let mut group: HashMap<String, HashMap<usize, u32>> = HashMap::default();
        for (a, groups) in per_article {
            group.insert(articles[a].id.clone(), groups);
        }
        Copies { group }
    }

    /// The copy groups of an article's sentences, by sentence index.
    pub(super) fn of_article(&self, article: &str) -> Option<&HashMap<usize, u32>> {
        self.group.get(article)
    }

    /// The copy group of a claim's sentence: equal for near-duplicate sentences across articles.
    pub(super) fn group(&self, claim: &Claim) -> Option<u32> {
        self.group
            .get(&claim.article)?
            .get(&claim.sentence)
            .copied()
    }
}

/// An outlet's name for comparison: case, spacing and a leading "the" do not matter
/// ("The New York Times" is "New York Times").
pub(super) fn outlet_key(outlet: &str) -> String {
    let lower = outlet
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    lower.strip_prefix("the ").unwrap_or(&lower).to_string()
}

/// The root of `x`, without shortening the path to it.
fn root(parent: &[usize], mut x: usize) -> usize {
    while parent[x] != x {
        x = parent[x];
    }
    x
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Sorted, deduplicated hashes of the word 3-shingles of a sentence, normalised (case, quotes,
/// punctuation); empty for sentences too short to count as copies.
fn shingle(text: &str) -> Vec<u64> {
    let lowered = text.to_lowercase();
    let words: Vec<&str> = lowered
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < MIN_WORDS {
        return Vec::new();
    }
    let mut out: Vec<u64> = words
        .windows(3)
        .map(|w| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            w.hash(&mut h);
            h.finish()
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The `k`-th hash function of a MinHash signature, derived from one hash.
fn mix(h: u64, k: u64) -> u64 {
    let mut x = h ^ k.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x
}

fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - common;
    if union == 0 {
        0.0
    } else {
        common as f64 / union as f64
    }
}

/// One article behind a position.
#[derive(Debug, Clone, Serialize)]
pub struct Source<'a> {
    pub article: &'a str,
    pub title: &'a str,
    /// `None` when the article names no outlet ("unknown outlet").
    pub outlet: Option<&'a str>,
    /// The article this one copies (near-duplicate evidence), when it is not the first of its
    /// group; it is then not counted as an independent report.
    pub copy_of: Option<&'a str>,
    /// Claims from this article in the position.
    pub claims: usize,
}

/// How much reporting backs a position.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Coverage<'a> {
    pub articles: usize,
    /// Distinct outlets named by the articles.
    pub outlets: usize,
    /// True when some article names no outlet ("source not given").
    pub unknown_outlet: bool,
    /// Articles that name no outlet.
    pub unnamed: usize,
    /// Articles after near-duplicate copies are counted once.
    pub reports: usize,
    /// Articles counted as copies of another (`articles - reports`).
    pub copies: usize,
    /// The articles, in index order, each with its outlet.
    pub sources: Vec<Source<'a>>,
}

impl Index {
    /// The coverage of a set of claims (typically one actor's on one topic).
    pub fn coverage<'a>(&'a self, claims: &[&'a Claim]) -> Coverage<'a> {
        // Articles in index order, with their claims' copy groups.
        let mut order: Vec<(usize, &'a str)> = Vec::new();
        let mut counts: HashMap<usize, usize> = HashMap::default();
        let mut groups: HashMap<usize, BTreeSet<u32>> = HashMap::default();
        for c in claims {
            let index = self.article_index_of(c).unwrap_or(usize::MAX);
            let n = counts.entry(index).or_default();
            if *n == 0 {
                order.push((index, c.article.as_str()));
            }
            *n += 1;
            if let Some(g) = self.copy_group(c) {
                groups.entry(index).or_default().insert(g);
            }
        }
        order.sort_unstable();
        // The first article holding a copy group owns it; later ones are its copies.
        let mut owner: HashMap<u32, &'a str> = HashMap::default();
        let mut sources = Vec::with_capacity(order.len());
        let mut outlets: BTreeSet<&str> = BTreeSet::new();
        let mut unnamed = 0;
        for &(index, id) in &order {
            let article = self.articles.get(index);
            let outlet = article.and_then(|a| a.meta.outlet.as_deref());
            match self.outlet_keys.get(index).and_then(Option::as_deref) {
                Some(key) => {
                    outlets.insert(key);
                }
                None => unnamed += 1,
            }
            // A copy when every one of its sentences here copies an earlier article's.
            let mine = groups.get(&index);
            let mut copy_of = None;
            if let Some(mine) = mine {
                let owners: Vec<Option<&'a str>> =
                    mine.iter().map(|g| owner.get(g).copied()).collect();
                if owners.iter().all(Option::is_some) {
                    copy_of = owners.into_iter().flatten().next();
                }
                for g in mine {
                    owner.entry(*g).or_insert(id);
                }
            }
            sources.push(Source {
                article: id,
                title: article.map_or(id, Article::title),
                outlet,
                copy_of,
                claims: counts.get(&index).copied().unwrap_or(0),
            });
        }
        let copies = sources.iter().filter(|s| s.copy_of.is_some()).count();
        Coverage {
            articles: sources.len(),
            outlets: outlets.len(),
            unknown_outlet: unnamed > 0,
            unnamed,
            reports: sources.len() - copies,
            copies,
            sources,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_duplicates_are_similar_and_different_sentences_are_not() {
        let a = shingle(
            "Russia rejected any deployment of European troops to Ukraine, the Kremlin said on Tuesday.",
        );
        let b = shingle(
            "Russia rejected any deployment of European troops to Ukraine, the Kremlin spokesman said on Tuesday.",
        );
        let c = shingle(
            "Zelensky said Ukraine needed security guarantees from the United States before any deal.",
        );
        assert!(jaccard(&a, &b) >= SIMILAR, "{}", jaccard(&a, &b));
        assert!(jaccard(&a, &c) < 0.1);
        assert!(shingle("Trump said no.").is_empty());
    }
}
