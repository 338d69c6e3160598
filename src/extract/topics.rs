//! Topics: which configured topics a span of text names, by lexicon.

use regex::Regex;

use crate::config::Config;
use crate::text::Span;

/// A topic named in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TopicHit {
    /// Index into the configured topics.
    pub(crate) topic: usize,
    pub(crate) span: Span,
}

#[derive(Debug)]
struct Scoped {
    holders: Vec<String>,
    other_holders: Vec<String>,
    terms: Vec<Regex>,
}

#[derive(Debug)]
struct CompiledTopic {
    terms: Vec<Regex>,
    scoped: Vec<Scoped>,
}

/// Matches topic lexicons, including terms that count only for some holders.
#[derive(Debug)]
pub(crate) struct TopicMatcher {
    topics: Vec<CompiledTopic>,
    pub(crate) ids: Vec<String>,
}

fn compile(terms: &[String]) -> Vec<Regex> {
    terms
        .iter()
        .filter_map(|t| Regex::new(&format!("(?i){t}")).ok())
        .collect()
}

impl TopicMatcher {
    pub(crate) fn new(config: &Config) -> Self {
        TopicMatcher {
            topics: config
                .topics
                .iter()
                .map(|t| CompiledTopic {
                    terms: compile(&t.terms),
                    scoped: t
                        .scoped
                        .iter()
                        .map(|s| Scoped {
                            holders: s.holders.clone(),
                            other_holders: s.other_holders.clone(),
                            terms: compile(&s.terms),
                        })
                        .collect(),
                })
                .collect(),
            ids: config.topics.iter().map(|t| t.id.clone()).collect(),
        }
    }

    /// Topic hits in `range` of `text`. `holder` lists the holder's id and its affiliations
    /// (empty when the holder is not known yet: then scoped terms never count).
    pub(crate) fn find(&self, text: &str, range: Span, holder: &[String]) -> Vec<TopicHit> {
        let slice = &text[range.range()];
        let mut hits = Vec::new();
        for (i, topic) in self.topics.iter().enumerate() {
            let scoped = topic.scoped.iter().filter(|s| {
                !holder.is_empty()
                    && (s.holders.is_empty() || s.holders.iter().any(|h| holder.contains(h)))
                    && !s.other_holders.iter().any(|h| holder.contains(h))
            });
            let regexes = topic
                .terms
                .iter()
                .chain(scoped.flat_map(|s| s.terms.iter()));
            for re in regexes {
                for m in re.find_iter(slice) {
                    hits.push(TopicHit {
                        topic: i,
                        span: Span::new(range.start + m.start(), range.start + m.end()),
                    });
                }
            }
        }
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
