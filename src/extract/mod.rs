//! Extraction: an article's sentences in, grounded stance claims out.
//!
//! The stages run one way, each with one type in and one out; [`pipeline`] walks the article's
//! content blocks and takes each sentence through them in turn:
//!
//! 1. Actor mentions ([`actors`]): names, aliases, pronouns and descriptions in each block, plus
//!    the actors the article introduces. [`resolve`] ties a pronoun or description to an actor.
//! 2. Attribution frames ([`frames`]): [`frames::Frame`]s, each a holder, where its cue starts, the
//!    content spans it governs and its kind. One module per construction: a speech quote and its
//!    speaker, a subject and its clause (reported speech or description), "according to X", a
//!    relative clause, a passive agent ("opposed by X"), a possessed stance noun ("Trump's call
//!    for"), members listed after "including"; plus the bounded ranges: background clauses give
//!    their holder's position at lower weight, conditions and questions give none, appositions
//!    ("Peskov, the Kremlin's spokesman, said") hold nothing.
//! 3. Topics in the content ([`topics`] matches the terms; [`carry`] keeps those a frame names
//!    and, when it names none, carries one over: an anaphor, the question a quote answers, the
//!    quote it continues, the paragraph before).
//! 4. Stance toward each topic ([`stance`], from the cue words in [`lexicon`]; the lists read in
//!    every sentence are matched over one pass of its words, [`words`]): first the
//!    constructions that decide alone (a refusal predicated of another side, "without
//!    preconditions", an imperative, a requirement such as "only after"), then the cue words are
//!    weighed. No cue word, no position: such a claim is `unclear`.
//! 5. Claims ([`claims`]): holder, topic, stance, kind and confidence; one per actor, topic and
//!    sentence.
//!
//! Fixing one construction means opening one file: "according to X" is `frames/according_to.rs`,
//! "opposed by X" `frames/passive.rs`, a quote's speaker `frames/quote.rs`.

mod actors;
mod carry;
mod claims;
mod compounds;
mod frames;
mod heads;
mod keywords;
mod lexicon;
mod names;
mod pipeline;
mod resolve;
mod stance;
mod tokens;
mod topics;
pub mod when;
mod words;

use serde::Serialize;

pub use actors::{Actor, Gazetteer};

use crate::config::{ActorKind, Config};
use crate::corpus::Document;
use crate::text::{Segmented, Span};
use when::{StatementDate, StatementDater};

/// A position an actor takes on a topic.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Support,
    Oppose,
    /// Support with a stated condition or a limited role.
    Conditional,
    /// Support and opposition in the same statement; for a position, confident claims on both
    /// sides.
    Mixed,
    Unclear,
}

impl Stance {
    pub const ALL: [Stance; 5] = [
        Stance::Support,
        Stance::Oppose,
        Stance::Conditional,
        Stance::Mixed,
        Stance::Unclear,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Support => "support",
            Stance::Oppose => "oppose",
            Stance::Conditional => "conditional",
            Stance::Mixed => "mixed",
            Stance::Unclear => "unclear",
        }
    }

    pub fn parse(s: &str) -> Option<Stance> {
        Stance::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

/// How the article conveys a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    /// The actor's own words in quotation marks.
    Quote,
    /// The actor's words reported by the journalist ("said that", "told reporters").
    Reported,
    /// The journalist's description of the actor's position ("refused to accept").
    Description,
    /// The article's headline.
    Headline,
}

impl ClaimKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Quote => "quote",
            ClaimKind::Reported => "reported",
            ClaimKind::Description => "description",
            ClaimKind::Headline => "headline",
        }
    }

    pub fn parse(s: &str) -> Option<ClaimKind> {
        [
            ClaimKind::Quote,
            ClaimKind::Reported,
            ClaimKind::Description,
            ClaimKind::Headline,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// The actor a claim belongs to, as exported.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
pub struct ActorRef {
    pub id: String,
    pub name: String,
}

/// One actor's position on one topic, grounded in a passage of one article.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Claim {
    /// The article's id.
    pub article: String,
    pub actor: ActorRef,
    /// The topic's id.
    pub topic: String,
    pub stance: Stance,
    pub kind: ClaimKind,
    /// The passage the claim rests on: exactly the original text at `span`.
    pub evidence: String,
    /// Byte span of the evidence in the original file.
    pub span: Span,
    /// Index of the sentence holding the evidence (the `#s-N` anchor on the article page).
    pub sentence: usize,
    /// The words that decided the stance, shown to readers as the reason.
    pub cues: Vec<String>,
    /// How sure the engine is, from 0 to 1.
    pub confidence: f32,
}

/// What extraction found in one article.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub claims: Vec<Claim>,
    /// Actors the article introduced that the config does not name.
    pub discovered: Vec<Actor>,
    /// The date each claim's statement anchors, by sentence index, where it anchors one.
    pub when: Vec<(usize, StatementDate)>,
}

/// The compiled extraction engine: build once per configuration, run on many articles.
#[derive(Debug)]
pub struct Extractor {
    gazetteer: Gazetteer,
    topics: topics::TopicMatcher,
    /// The words of each topic, for articles that never name one by its terms.
    keywords: keywords::TopicKeywords,
    cues: lexicon::CueLexicon,
    dater: StatementDater,
}

impl Extractor {
    pub fn new(config: &Config) -> Self {
        // Compiling the lexicons' and the dater's regexes takes a good part of a second: on all
        // cores at once.
        let ((topics, dater), (gazetteer, cues)) = rayon::join(
            || {
                rayon::join(
                    || topics::TopicMatcher::new(config),
                    || StatementDater::new(config),
                )
            },
            || {
                rayon::join(
                    || Gazetteer::new(config),
                    || lexicon::CueLexicon::new(config),
                )
            },
        );
        Extractor {
            gazetteer,
            topics,
            keywords: keywords::TopicKeywords::new(config),
            cues,
            dater,
        }
    }

    /// The actors the configuration names.
    pub fn known_actors(&self) -> &[Actor] {
        self.gazetteer.actors()
    }

    /// Extracts the claims of one article, and dates their statements against the article's
    /// publication date.
    pub fn extract(&self, doc: &Document, text: &Segmented) -> Extraction {
        let mut found = pipeline::extract(self, doc, text);
        let published = doc.meta.published.as_ref().map(|p| &p.period);
        let mut sentences: Vec<usize> = found.claims.iter().map(|c| c.sentence).collect();
        sentences.dedup();
        found.when = sentences
            .into_iter()
            .filter_map(|index| {
                let sentence = text.sentences.get(index)?;
                let said = doc.text.get(sentence.span.range())?;
                Some((index, self.dater.date(said, published)?))
            })
            .collect();
        found
    }
}

/// True if the actor kind can be referred to as "they".
pub(crate) fn is_plural_kind(kind: ActorKind) -> bool {
    matches!(
        kind,
        ActorKind::Group | ActorKind::Government | ActorKind::Institution
    )
}
