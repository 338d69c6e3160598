//! Topics: which configured topics a span of text names, by lexicon.

use regex::{Regex, RegexSet};

use super::{compounds, lexicon};

use crate::config::Config;
use crate::text::Span;

/// A topic named in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TopicHit {
    /// Index into the configured topics.
    pub(crate) topic: usize,
    pub(crate) span: Span,
}

/// One compiled topic term.
#[derive(Debug)]
struct Term {
    /// Index into the configured topics.
    topic: usize,
    /// For a holder-scoped term: the holders it counts for (empty: any known holder) and the
    /// holders it never counts for.
    scope: Option<(Vec<String>, Vec<String>)>,
    regex: Regex,
}

impl Term {
    /// True if the term counts for a holder with these ids (its own and its affiliations').
    fn counts_for(&self, holder: &[String]) -> bool {
        match &self.scope {
            None => true,
            Some((holders, others)) => {
                !holder.is_empty()
                    && (holders.is_empty() || holders.iter().any(|h| holder.contains(h)))
                    && !others.iter().any(|h| holder.contains(h))
            }
        }
    }
}

/// Matches topic lexicons, including terms that count only for some holders.
#[derive(Debug)]
pub(crate) struct TopicMatcher {
    terms: Vec<Term>,
    /// All terms at once: one pass over a span says which terms to look for at all.
    any: RegexSet,
    /// All terms as one alternation: whether any matches at all. Most sentences name no topic,
    /// and this search stops at the first match, where the set's overlapping search reads every
    /// byte at several times the cost.
    some: Option<Regex>,
    pub(crate) ids: Vec<String>,
}

impl TopicMatcher {
    pub(crate) fn new(config: &Config) -> Self {
        let mut terms = Vec::new();
        let mut patterns = Vec::new();
        for (topic, t) in config.topics.iter().enumerate() {
            let general = t.terms.iter().map(|term| (term, None));
            let scoped = t.scoped.iter().flat_map(|s| {
                s.terms
                    .iter()
                    .map(|term| (term, Some((s.holders.clone(), s.other_holders.clone()))))
            });
            for (term, scope) in general.chain(scoped) {
                // A compound ("sugar tax") also names its topic as "a tax on sugary drinks".
                let derived = compounds::paraphrase(term);
                for term in std::iter::once(term.as_str()).chain(derived.as_deref()) {
                    let pattern = lexicon::ascii_boundaries(&format!("(?i){term}"));
                    // The config check reports invalid terms; here they simply never match.
                    if let Ok(regex) = Regex::new(&pattern) {
                        terms.push(Term {
                            topic,
                            scope: scope.clone(),
                            regex,
                        });
                        patterns.push(pattern);
                    }
                }
            }
        }
        let alternation: Vec<String> = patterns.iter().map(|p| format!("(?:{p})")).collect();
        TopicMatcher {
            some: Regex::new(&alternation.join("|")).ok(),
            any: RegexSet::new(&patterns).unwrap_or_else(|_| RegexSet::empty()),
            terms,
            ids: config.topics.iter().map(|t| t.id.clone()).collect(),
        }
    }

    /// Every term's matches in `span` of `text`, once, for the many smaller ranges of one
    /// sentence that attribution asks about.
    pub(crate) fn scan(&self, text: &str, span: Span) -> TopicScan {
        let slice = &text[span.range()];
        let mut hits = Vec::new();
        if self.some.as_ref().is_some_and(|some| !some.is_match(slice)) {
            return TopicScan { span, hits };
        }
        for i in self.any.matches(slice).iter() {
            for m in self.terms[i].regex.find_iter(slice) {
                hits.push((i, Span::new(span.start + m.start(), span.start + m.end())));
            }
        }
        TopicScan { span, hits }
    }

    /// Topic hits in `range`, from a scan of a span that holds it. `holder` lists the holder's
    /// id and its affiliations (empty when the holder is not known yet: then scoped terms never
    /// count).
    pub(crate) fn find(
        &self,
        scan: &TopicScan,
        text: &str,
        range: Span,
        holder: &[String],
    ) -> Vec<TopicHit> {
        let rescanned;
        let scan = if scan.span.contains(range) {
            scan
        } else {
            rescanned = self.scan(text, range);
            &rescanned
        };
        let mut hits: Vec<TopicHit> = scan
            .hits
            .iter()
            .filter(|(i, span)| range.contains(*span) && self.terms[*i].counts_for(holder))
            .map(|&(i, span)| TopicHit {
                topic: self.terms[i].topic,
                span,
            })
            .collect();
        hits.sort_by_key(|h| (h.span.start, h.topic));
        // Overlapping hits of different topics: the longer phrase names the topic.
        let mut out: Vec<TopicHit> = Vec::new();
        for hit in hits {
            if let Some(last) = out.last_mut()
                && hit.span.start < last.span.end
            {
                if hit.topic != last.topic && hit.span.len() > last.span.len() {
                    *last = hit;
                }
                continue;
            }
            out.push(hit);
        }
        out
    }
}

impl TopicMatcher {
    /// The one topic the scanned span names by terms that count for any holder, if it names
    /// exactly one.
    pub(crate) fn only_topic(&self, scan: &TopicScan) -> Option<usize> {
        let mut topics = scan
            .hits
            .iter()
            .filter(|(i, _)| self.terms[*i].scope.is_none())
            .map(|(i, _)| self.terms[*i].topic);
        let first = topics.next()?;
        topics.all(|t| t == first).then_some(first)
    }

    /// The topic of a term (one that counts for any holder) that ends at `at`, with nothing
    /// but a comma, a relative pronoun, a form of "be" or "have" and time adverbs between ("the
    /// truce proposed by ...", "the truce, which had first been proposed by ...").
    pub(crate) fn ending_at(&self, scan: &TopicScan, text: &str, at: usize) -> Option<usize> {
        // Words that may stand between a topic and what is said of it: "the truce which was
        // proposed by", "the ban has won the backing of".
        const BETWEEN: [&str; 19] = [
            "gained",
            "won",
            "secured",
            "received",
            "enjoys",
            "which",
            "that",
            "is",
            "was",
            "were",
            "are",
            "has",
            "had",
            "have",
            "been",
            "being",
            "first",
            "previously",
            "earlier",
        ];
        scan.hits
            .iter()
            .filter(|(i, s)| {
                self.terms[*i].scope.is_none()
                    && s.end <= at
                    && text[s.end..at]
                        .split(|c: char| c.is_whitespace() || c == ',')
                        .all(|w| w.is_empty() || BETWEEN.contains(&w) || is_adverb(w))
            })
            .max_by_key(|(_, s)| s.end)
            .map(|(i, _)| self.terms[*i].topic)
    }

    /// The topic of a term (one that counts for any holder) that ends right before `at`, with
    /// only white space between, and where the term starts ("critics of the ban include").
    pub(crate) fn right_before(
        &self,
        scan: &TopicScan,
        text: &str,
        at: usize,
    ) -> Option<(usize, Span)> {
        scan.hits
            .iter()
            .filter(|(i, s)| {
                self.terms[*i].scope.is_none() && s.end <= at && text[s.end..at].trim().is_empty()
            })
            .max_by_key(|(_, s)| s.end)
            .map(|(i, s)| (self.terms[*i].topic, *s))
    }
}

/// The matches of every topic term in one span of text (usually a sentence).
#[derive(Debug)]
pub(crate) struct TopicScan {
    span: Span,
    /// Term index and match span, in term order then text order.
    hits: Vec<(usize, Span)>,
}

impl TopicScan {
    /// True if no topic term occurs in the span.
    pub(crate) fn is_empty(&self) -> bool {
        self.hits.is_empty()
    }

    /// True if a term's match holds `span` and more: "TikTok" in "the TikTok ban".
    pub(crate) fn holds_within(&self, span: Span) -> bool {
        self.hits
            .iter()
            .any(|(_, s)| s.contains(span) && s.len() > span.len())
    }

    /// Where the first term starting in `range` ends, whoever holds it.
    pub(crate) fn first_end(&self, range: Span) -> Option<usize> {
        self.hits
            .iter()
            .filter(|(_, s)| range.start <= s.start && s.start < range.end)
            .min_by_key(|(_, s)| s.start)
            .map(|(_, s)| s.end)
    }
}

/// A lower-case adverb in "-ly" ("fiercely opposed by", "strongly backed by"): it says how, and
/// leaves the participle's subject where it was.
fn is_adverb(word: &str) -> bool {
    word.len() > 4 && word.ends_with("ly") && word.chars().all(|c| c.is_ascii_lowercase())
}
