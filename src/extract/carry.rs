//! Topics of a frame's content: the ones it names, and, when it names none, the one it carries
//! over from before. An anaphor ("the idea", "that suggestion") points back to a topic named or a
//! position taken; a quote without a topic answers the question asked in its sentence, continues
//! the quote before it, or speaks to the topic of the paragraph before.
//!
//! The memory this needs ([`TopicMemory`], [`QuoteMemory`]) is kept here too.

use super::actors::ActorTable;
use super::claims::Holding;
use super::frames::{Frame, FrameKind, SentenceView};
use super::heads::NamedHeads;
use super::pipeline::{Article, Context};
use super::stance::{self, Polarity, StanceInput};
use super::topics::TopicHit;
use super::{Claim, ClaimKind, Extractor, Stance};
use crate::corpus::Document;
use crate::pattern::Needles;
use crate::text::Span;
use regex::Regex;
use std::sync::LazyLock;

/// A topic named in the article, for anaphors ("the idea").
#[derive(Debug, Clone, Copy)]
struct NamedTopic {
    topic: usize,
    /// How it was named ("a ceasefire" or "no ceasefire").
    polarity: Polarity,
    sentence: usize,
}

/// A position taken in the article, for anaphors that name a position rather than a thing
/// ("pushed back on that suggestion").
#[derive(Debug, Clone, Copy)]
struct TakenPosition {
    topic: usize,
    polarity: Polarity,
    holder: usize,
    sentence: usize,
}

/// What the walk remembers of the topics named and the positions taken so far.
#[derive(Debug, Default)]
pub(crate) struct TopicMemory {
    /// Every topic named, in order.
    history: Vec<NamedTopic>,
    /// Every position taken, in order.
    positions: Vec<TakenPosition>,
    /// Topics of the previous content block's positions (non-unclear claims).
    prev_block: Vec<usize>,
    /// The head nouns topics were named with, in any sentence ("the ban" after "a phone ban").
    heads: NamedHeads,
    /// Every topic named in any sentence, positions or not: the antecedent of last resort.
    mentioned: Vec<NamedTopic>,
    /// The topic the article's opening words are about, when it names none by its terms.
    about: Option<usize>,
}

/// How far into the memory a frame may look: what was named before it, so that co-holders
/// share one antecedent.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mark {
    history: usize,
    positions: usize,
    mentioned: usize,
}

impl TopicMemory {
    /// The memory of an article that names no topic by its terms but whose opening words are
    /// about `topic` ([`super::keywords`]): policy nouns stand for it.
    pub(crate) fn about(topic: usize) -> Self {
        TopicMemory {
            about: Some(topic),
            ..TopicMemory::default()
        }
    }

    /// True if any topic was named, whoever named it.
    pub(crate) fn named_any(&self) -> bool {
        !self.mentioned.is_empty() || !self.history.is_empty()
    }

    /// The memory's extent now.
    pub(crate) fn mark(&self) -> Mark {
        Mark {
            history: self.history.len(),
            positions: self.positions.len(),
            mentioned: self.mentioned.len(),
        }
    }

    /// Remembers a topic named in `sentence`.
    pub(crate) fn named(&mut self, topic: usize, polarity: Polarity, sentence: usize) {
        self.history.push(NamedTopic {
            topic,
            polarity,
            sentence,
        });
    }

    /// Remembers a position taken in `sentence`, if the stance has a polarity.
    pub(crate) fn took(&mut self, topic: usize, stance: Stance, holder: usize, sentence: usize) {
        if let Some(polarity) = Polarity::of(stance) {
            self.positions.push(TakenPosition {
                topic,
                polarity,
                holder,
                sentence,
            });
        }
    }

    /// Topics named in a question or condition are still antecedents: "in such a situation".
    pub(crate) fn named_hypothetically(&mut self, ex: &Extractor, view: &SentenceView<'_>) {
        let s = view.sentence.span;
        for h in ex.topics.find(&view.topics, view.text, s, &[]) {
            if view.hypothetical.iter().any(|r| r.contains(h.span)) {
                self.named(h.topic, Polarity::Positive, view.sentence.index);
            }
        }
    }

    /// Remembers the head nouns of every topic the sentence names, whoever names it.
    pub(crate) fn saw(&mut self, ex: &Extractor, view: &SentenceView<'_>) {
        let (text, s) = (view.text, view.sentence.span);
        for h in ex.topics.find(&view.topics, text, s, &[]) {
            self.heads
                .named(h.topic, &text[h.span.range()], view.sentence.index);
            self.heads
                .governed(h.topic, text, s.start, h.span.start, view.sentence.index);
            self.mentioned.push(NamedTopic {
                topic: h.topic,
                polarity: Polarity::Positive,
                sentence: view.sentence.index,
            });
        }
    }

    /// Remembers the topics of a finished block's positions, for the first quote of the next.
    pub(crate) fn end_block(&mut self, ex: &Extractor, block_claims: &[Claim]) {
        let mut topics: Vec<usize> = block_claims
            .iter()
            .filter(|c| c.stance != Stance::Unclear)
            .filter_map(|c| ex.topics.ids.iter().position(|t| t == &c.topic))
            .collect();
        topics.sort_unstable();
        topics.dedup();
        self.prev_block = topics;
    }
}

/// A quote's speaker and its topics, for a quote that resumes it in the next sentence.
#[derive(Debug)]
pub(crate) struct QuoteMemory {
    pub(crate) speaker: usize,
    topics: Vec<QuoteTopic>,
}

/// A topic of a remembered quote.
#[derive(Debug, Clone, Copy)]
struct QuoteTopic {
    topic: usize,
    /// Whether the quote's stance on it was clear (not unclear).
    clear: bool,
}

impl QuoteMemory {
    /// The quote of `speaker`, with the topics of the quote claims among `new_claims`.
    pub(crate) fn of(ex: &Extractor, speaker: usize, new_claims: &[Claim]) -> QuoteMemory {
        let topics = new_claims
            .iter()
            .filter(|c| c.kind == ClaimKind::Quote)
            .filter_map(|c| {
                let topic = ex.topics.ids.iter().position(|t| t == &c.topic)?;
                Some(QuoteTopic {
                    topic,
                    clear: c.stance != Stance::Unclear,
                })
            })
            .collect();
        QuoteMemory { speaker, topics }
    }
}

/// The topics the frame's content names for a holder with affiliation `chain`, in text order:
/// not in a condition or question, not a time ("after the ceasefire").
pub(crate) fn named_topics(
    ex: &Extractor,
    view: &SentenceView<'_>,
    frame: &Frame,
    chain: &[String],
) -> Vec<TopicHit> {
    let (text, s) = (view.text, view.sentence.span);
    let mut hits: Vec<TopicHit> = frame
        .content
        .iter()
        .flat_map(|c| ex.topics.find(&view.topics, text, *c, chain))
        .filter(|h| !view.hypothetical.iter().any(|r| r.contains(h.span)))
        .filter(|h| !preceded_by_temporal(ex, text, s.start, h.span.start))
        .collect();
    hits.sort_by_key(|h| h.span.start);
    hits
}

/// True if a time word or phrase comes before the topic ("after a temporary ceasefire", "once a
/// ceasefire", "in the event of a ceasefire"): the topic is then when, not what.
fn preceded_by_temporal(ex: &Extractor, text: &str, lo: usize, pos: usize) -> bool {
    let from = text.floor_char_boundary(pos.saturating_sub(80)).max(lo);
    let Some(time) = ex.cues.temporal.find(text, Span::new(from, pos)).pop() else {
        return false;
    };
    // At most a determiner and two lowercase words between: "after a temporary ceasefire".
    let between: Vec<&str> = text[time.end..pos].split_whitespace().collect();
    let close = between.len() <= 3
        && between.iter().all(|w| {
            matches!(w.to_lowercase().as_str(), "a" | "an" | "the" | "any")
                || w.chars().all(char::is_lowercase)
        });
    // "after the vote on the bill": the time is a decision, and the topic what it decided.
    let decided = between
        .windows(2)
        .any(|w| DECISIONS.contains(&w[0].to_lowercase().as_str()) && matches!(w[1], "on" | "of"));
    // "only after a ceasefire", "not before a ceasefire": a requirement, not a time.
    close && !decided && !super::stance::limits_time(text, lo, time.start)
}

/// Nouns for a decision: "after the vote on X" is a time, but what was decided is X.
const DECISIONS: &[&str] = &[
    "vote", "decision", "ruling", "debate", "passage", "approval",
];

/// What a carried topic's stance may be read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reads {
    /// Any cue: the frame points at the topic (an anaphor, a head noun, a quote resumed).
    AnyCue,
    /// Only a word that judges ("a disaster", "welcomed", "rejected"), not a bare "not" or
    /// "no": the frame takes a side in an article that has named one topic only, and a bare
    /// negation there is mostly about something else ("no details", "not easy").
    Judgement,
    /// Nothing: the article's subject, where the cue may be about something else; the claim then
    /// says who spoke, not which side.
    Nothing,
}

/// A topic carried over to a frame that names none, and what its stance is read from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Carried {
    pub(crate) topic: usize,
    /// The content the stance is read in.
    pub(crate) content: Span,
    /// Where the topic stands in it: the anaphor, or an empty span after a quote.
    pub(crate) hit: Span,
    /// The polarity the topic was named or asked with, and whether a plain support cue is
    /// enough.
    pub(crate) inherited: (Polarity, bool),
    /// How much less sure a carried topic is than a named one.
    pub(crate) weight: f32,
    /// What a stance may be read from.
    pub(crate) reads: Reads,
}

/// The topic a frame that names none carries over for `holding`, looking only at the memory
/// before `mark`: an anaphor's, else, for a quote, the question's it answers, the quote's it
/// continues, or the paragraph's before.
pub(crate) fn carried(
    article: &Article<'_>,
    view: &SentenceView<'_>,
    frame: &Frame,
    holding: &Holding,
    ctx: &Context,
    mark: Mark,
) -> Option<Carried> {
    let anaphors = |pronoun_subject| {
        from_anaphor(
            article,
            view,
            frame,
            holding.holder,
            &ctx.topics,
            mark,
            pronoun_subject,
        )
    };
    // "It is" comes last: a noun that repeats the topic's head says more.
    if let Some(found) = (anaphors(false))
        .or_else(|| from_head(view, frame, &ctx.topics))
        .or_else(|| anaphors(true))
    {
        return Some(found);
    }
    let quoted = (frame.kind == FrameKind::Quote)
        .then(|| {
            answered(article.ex, view, frame, holding)
                .or_else(|| continued(article.doc, view, frame, holding.holder, ctx))
        })
        .flatten();
    quoted
        .or_else(|| reaction(article, view, frame, holding.holder, &ctx.topics, mark))
        .or_else(|| from_subject(article.ex, view, frame, &ctx.topics, mark))
}

/// Verbs of pushing back that, alone in their clause, answer the position taken just before:
/// "X wants to scrap the tax. The union pushed back."
const REACTIONS: &[&str] = &[
    "pushed back",
    "hit back",
    "fired back",
    "disagreed",
    "objected",
];

/// The position a bare reaction answers: the last one taken by someone unrelated to `holder` in
/// this sentence or the one before, read with its polarity, so that pushing back on it takes
/// the other side.
fn reaction(
    article: &Article<'_>,
    view: &SentenceView<'_>,
    frame: &Frame,
    holder: usize,
    memory: &TopicMemory,
    mark: Mark,
) -> Option<Carried> {
    let text = view.text;
    let content = *frame.content.first()?;
    let words = text[content.range()]
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let after = REACTIONS
        .iter()
        .find_map(|r| Some(&words[words.find(r)? + r.len()..]))?;
    // The clause ends with it, or with a time ("pushed back on Monday"), not an object.
    if after.split_whitespace().count() > 2 || after.contains(" the ") {
        return None;
    }
    let table = &article.table;
    let sentence = view.sentence.index;
    let p = memory.positions[..mark.positions].iter().rev().find(|p| {
        p.sentence + 1 >= sentence && p.holder != holder && unrelated(table, holder, p.holder)
    })?;
    Some(Carried {
        topic: p.topic,
        content,
        hit: Span::new(content.end, content.end),
        inherited: (p.polarity, true),
        weight: 0.7,
        reads: Reads::AnyCue,
    })
}

/// The article's subject so far, for a frame that takes a side without naming what on
/// ("Medvedev dismissed the words as a theatrical ultimatum"): the topic of most of the topics
/// named before, when one clearly dominates. Only a stance cue in the content makes it a claim.
fn from_subject(
    ex: &Extractor,
    view: &SentenceView<'_>,
    frame: &Frame,
    memory: &TopicMemory,
    mark: Mark,
) -> Option<Carried> {
    let sole = sole_topic(&memory.mentioned[..mark.mentioned]).or(memory.about);
    let topic = dominant(&memory.history[..mark.history]).or(sole)?;
    let text = view.text;
    // The sentence's cue scans, as the stance stage reads them.
    let (scans, cues) = (&view.cues, &ex.cues);
    let content = frame.content.iter().copied().find(|c| {
        !scans.negators.find(&cues.negators, text, *c).is_empty()
            || !scans.negative.find(&cues.negative, text, *c).is_empty()
            || !scans.support.find(&cues.support, text, *c).is_empty()
    })?;
    // "rejected any charge on sugary drinks": the content names the topic by its words, so its
    // judgement is on the topic; otherwise it may judge another noun ("rejected the report").
    let worded = ex.keywords.names(topic, &text[content.range()]);
    Some(Carried {
        topic,
        content,
        hit: Span::new(content.end, content.end),
        inherited: (Polarity::Positive, worded),
        weight: 0.5,
        reads: if worded {
            Reads::Judgement
        } else {
            Reads::Nothing
        },
    })
}

/// The one topic every mention so far names, if there is one.
fn sole_topic(mentioned: &[NamedTopic]) -> Option<usize> {
    let first = mentioned.first()?.topic;
    mentioned.iter().all(|n| n.topic == first).then_some(first)
}

/// The topic named most, if it is at least two thirds of the mentions and named twice.
fn dominant(history: &[NamedTopic]) -> Option<usize> {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for n in history {
        match counts.iter_mut().find(|(t, _)| *t == n.topic) {
            Some((_, k)) => *k += 1,
            None => counts.push((n.topic, 1)),
        }
    }
    let (topic, most) = counts.iter().copied().max_by_key(|&(_, k)| k)?;
    (most >= 2 && most * 3 >= history.len() * 2).then_some(topic)
}

/// True if neither actor is an affiliation of the other: their positions are two sides'
/// positions, not one.
fn unrelated(table: &ActorTable<'_>, holder: usize, other: usize) -> bool {
    let (mine, theirs) = (table.chain(holder), table.chain(other));
    !mine.contains(&table.get(other).id) && !theirs.contains(&table.get(holder).id)
}

/// The topic an anaphor in the frame points back to: a position of someone unrelated to the
/// holder for "that suggestion", else the last topic named; with `pronoun_subject`, only "it
/// is" right after a topic was named.
fn from_anaphor(
    article: &Article<'_>,
    view: &SentenceView<'_>,
    frame: &Frame,
    holder: usize,
    memory: &TopicMemory,
    mark: Mark,
    pronoun_subject: bool,
) -> Option<Carried> {
    let table = &article.table;
    let unrelated = |other: usize| unrelated(table, holder, other);
    let earlier = Earlier {
        history: &memory.history[..mark.history],
        positions: &memory.positions[..mark.positions],
        mentioned: &memory.mentioned[..mark.mentioned],
        about: memory.about,
        heads: &memory.heads,
    };
    let ((topic, polarity, anchor), reads) = if pronoun_subject {
        let subject = || Some((subject_pronoun(view, frame, &earlier)?, Reads::Judgement));
        // In a quote, only "It is ..." opening it: deeper in, "it" is mostly the quote's own;
        // and not "It is a disgrace that ...", "It is safe to say ...", where "it" is a dummy.
        let opens = || {
            let inner = frame.content.first().map_or("", |c| &view.text[c.range()]);
            IT_IS.find(inner).is_some_and(|m| m.start() == 0) && !DUMMY_IT.is_match(inner)
        };
        (frame.kind != FrameKind::Quote || opens())
            .then(subject)
            .flatten()?
    } else {
        (anaphor(article.ex, view, frame, &earlier, &unrelated))
            .or_else(|| object_pronoun(article.ex, view, frame, &earlier))
            .map(|found| (found, Reads::AnyCue))?
    };
    let content = frame
        .content
        .iter()
        .find(|c| c.contains(anchor))
        .copied()
        .unwrap_or(view.sentence.span);
    Some(Carried {
        topic,
        content,
        hit: anchor,
        inherited: (polarity, true),
        weight: 0.8,
        reads,
    })
}

/// The topic a noun phrase in the frame's content stands for by the head noun it was named with
/// before: "the ban" after "a phone ban".
fn from_head(view: &SentenceView<'_>, frame: &Frame, memory: &TopicMemory) -> Option<Carried> {
    let sentence = view.sentence.index;
    frame.content.iter().find_map(|c| {
        let (topic, phrase) = memory.heads.reference(view.text, *c, sentence)?;
        Some(Carried {
            topic,
            content: *c,
            hit: phrase,
            inherited: (Polarity::Positive, true),
            weight: 0.8,
            reads: Reads::AnyCue,
        })
    })
}

/// The memory before a frame.
struct Earlier<'a> {
    history: &'a [NamedTopic],
    positions: &'a [TakenPosition],
    /// Topics named in sentences that took no position, when no position is in reach.
    mentioned: &'a [NamedTopic],
    /// The topic the article's opening words are about, when it names none.
    about: Option<usize>,
    /// The head nouns topics were named with ("the ban").
    heads: &'a NamedHeads,
}

/// An anaphor in the frame's content that points back to the last topic named: the topic, the
/// polarity it was named with, and the anaphor.
fn anaphor(
    ex: &Extractor,
    view: &SentenceView<'_>,
    frame: &Frame,
    earlier: &Earlier<'_>,
    unrelated: &dyn Fn(usize) -> bool,
) -> Option<(usize, Polarity, Span)> {
    let (text, sentence) = (view.text, view.sentence.index);
    for c in &frame.content {
        // "the SNP policy", "its new rules": a policy noun behind a determiner, after the
        // listed anaphors.
        let policy = ex.cues.policy_phrases.iter().flat_map(|re| {
            re.find_iter(&text[c.range()])
                .map(|m| (Span::new(c.start + m.start(), c.start + m.end()), true))
        });
        let listed = ex.cues.anaphors.find(text, *c).into_iter();
        for (a, policy) in listed.map(|a| (a, false)).chain(policy) {
            // "the prospect of such a meeting", a policy's "the ban on crisps" are not
            // anaphoric: they say what they refer to;
            // "the policy's critics" are not the policy.
            let next = text[a.end..].trim_start();
            let says_what = if policy {
                &SAYS_WHAT[..]
            } else {
                &SAYS_WHAT[..4]
            };
            if says_what.iter().any(|p| next.starts_with(p))
                || text[a.end..].starts_with(['\'', '’'])
            {
                continue;
            }
            // A pronoun ("it", "this") reaches back one sentence; a noun ("the idea") further.
            let pronoun = !text[a.range()].contains(' ');
            let reach = if pronoun { 1 } else { 8 };
            // "that suggestion", "the proposal": someone else's position, with its polarity.
            let head = text[a.range()].rsplit(' ').next().unwrap_or("");
            // A plan or a proposal is put forward, so it is no one's refusal: "couldn't back the
            // plan" after "X voted against the ban" is about the ban, not about X's vote.
            let proposes = ex.cues.proposal_nouns.is_word(head);
            if ex.cues.stance_nouns.is_word(head)
                && let Some(p) = earlier
                    .positions
                    .iter()
                    .rev()
                    .filter(|p| p.sentence + reach >= sentence)
                    .find(|p| unrelated(p.holder))
            {
                let polarity = if proposes {
                    Polarity::Positive
                } else {
                    p.polarity
                };
                return Some((p.topic, polarity, a));
            }
            let in_reach = |n: &&NamedTopic| n.sentence + reach >= sentence;
            let antecedent = (earlier.history.iter().rev().find(in_reach))
                .or_else(|| earlier.mentioned.iter().rev().find(in_reach));
            if let Some(antecedent) = antecedent {
                return Some((antecedent.topic, antecedent.polarity, a));
            }
            // Out of reach, a noun ("the bill") still stands for the one topic the article has
            // named so far.
            let sole = (!pronoun)
                .then(|| sole_topic(earlier.mentioned).or(earlier.about))
                .flatten()?;
            return Some((sole, Polarity::Positive, a));
        }
    }
    None
}

/// Words after a noun that say what it is ("the prospect of", "the ban on"): the last two
/// only after a policy noun.
const SAYS_WHAT: [&str; 6] = ["of ", "for ", "to ", "that ", "on ", "against "];

/// "We support it", "they rejected it": "it" as the object of a stance verb points back to the
/// one topic named before the frame in its sentence, else in this sentence or the one before,
/// if only one was.
fn object_pronoun(
    ex: &Extractor,
    view: &SentenceView<'_>,
    frame: &Frame,
    earlier: &Earlier<'_>,
) -> Option<(usize, Polarity, Span)> {
    let (text, sentence) = (view.text, view.sentence.index);
    // "X will oppose the ban, while Y will oppose it": a topic named earlier in this sentence,
    // before the frame, is nearer than the sentences before.
    let before = Span::new(view.sentence.span.start, frame.content.first()?.start);
    let named = |topic| NamedTopic {
        topic,
        polarity: Polarity::Positive,
        sentence,
    };
    let hits: Vec<NamedTopic> = (ex.topics.find(&view.topics, text, before, &[]).iter())
        .map(|h| named(h.topic))
        .collect();
    let here = sole_topic(&hits)
        .or_else(|| Some(earlier.heads.reference(text, before, sentence)?.0))
        .map(named);
    let antecedent = here
        .or_else(|| recent_one(earlier.history, sentence))
        .or_else(|| recent_one(earlier.mentioned, sentence))?;
    // A searcher built once: `match_indices` prepares one per call.
    static IT: LazyLock<Needles> = LazyLock::new(|| Needles::new(&["it"]));
    for c in &frame.content {
        for (i, _) in IT.matches(&text[c.range()]) {
            let at = c.start + i;
            let word = Span::new(at, at + 2);
            let after = text[word.end..].chars().next();
            if after.is_some_and(char::is_alphanumeric) {
                continue;
            }
            let Some((verb, _)) = super::tokens::previous_token_at(text, c.start, at) else {
                continue;
            };
            // A verb, not a particle: "reject it", not "without it".
            let particle = matches!(verb, "not" | "no" | "never" | "without" | "against");
            let cue = ex.cues.support.is_word(verb)
                || ex.cues.negative.is_word(verb)
                || ex.cues.negators.is_word(verb);
            if text[..at].ends_with(' ') && cue && !particle {
                return Some((antecedent.topic, antecedent.polarity, word));
            }
        }
    }
    None
}

/// The topic named in `sentence` or the one before, if only one topic was.
fn recent_one(named: &[NamedTopic], sentence: usize) -> Option<NamedTopic> {
    let mut near = named
        .iter()
        .rev()
        .take_while(|n| n.sentence + 1 >= sentence);
    let first = *near.next()?;
    near.all(|n| n.topic == first.topic).then_some(first)
}

/// "It is ... that", "It is ... to": an "it" that stands for the clause after it, within three
/// words of "is".
static DUMMY_IT: LazyLock<Regex> = LazyLock::new(|| {
    super::lexicon::regex(r"(?i)^it(?:['’]s|\s+(?:is|was))\s+(?:\S+\s+){0,3}?(?:that|to)\b")
        .expect("valid")
});

/// "it is", "it was", "it's", "it would be": "it" as the subject of "be".
static IT_IS: LazyLock<Regex> = LazyLock::new(|| {
    super::lexicon::regex(
        r"(?i)\bit(?:['’]s\b|\s+(?:is|was)\b|\s+(?:would|will|could|might)\s+be\b)",
    )
    .expect("valid")
});

/// "It was a mistake", "said it would be a disaster": "it" as the subject of "be" points back to
/// the one topic named in this sentence or the one before, by anyone. Only a word that judges
/// then gives a side ("it was not clear" says nothing of one).
fn subject_pronoun(
    view: &SentenceView<'_>,
    frame: &Frame,
    earlier: &Earlier<'_>,
) -> Option<(usize, Polarity, Span)> {
    let (text, sentence) = (view.text, view.sentence.index);
    let antecedent = recent_one(earlier.history, sentence)
        .or_else(|| recent_one(earlier.mentioned, sentence))?;
    let at = frame.content.iter().find_map(|c| {
        let m = IT_IS.find(&text[c.range()])?;
        Some(Span::new(c.start + m.start(), c.start + m.start() + 2))
    })?;
    Some((antecedent.topic, antecedent.polarity, at))
}

/// The topic of the question a quote answers, in the same sentence outside the quote, with the
/// polarity it was asked with.
fn answered(
    ex: &Extractor,
    view: &SentenceView<'_>,
    frame: &Frame,
    holding: &Holding,
) -> Option<Carried> {
    let (text, s, q) = (view.text, view.sentence.span, frame.content[0]);
    let question = ex
        .topics
        .find(&view.topics, text, s, &holding.chain)
        .into_iter()
        .find(|h| !q.contains(h.span))?;
    let asked = stance::decide(
        &ex.cues,
        &StanceInput {
            text,
            content: s,
            hit: question.span,
            others: &holding.others,
            named: &holding.named,
            scans: &view.cues,
            hypothetical: &[],
            inherited: None,
        },
    );
    Some(Carried {
        topic: question.topic,
        content: q,
        hit: Span::new(q.end, q.end),
        inherited: (asked.polarity, true),
        weight: 0.75,
        reads: Reads::AnyCue,
    })
}

/// The first topic of the quote this one resumes, else the one topic of the paragraph before
/// when the quote opens its paragraph.
fn continued(
    doc: &Document,
    view: &SentenceView<'_>,
    frame: &Frame,
    holder: usize,
    ctx: &Context,
) -> Option<Carried> {
    let q = frame.content[0];
    let continued = ctx
        .prev_quote
        .as_ref()
        .filter(|m| m.speaker == holder && !m.topics.is_empty() && frame.resumed)
        .map(|m| (m.topics[0].topic, m.topics[0].clear));
    let prev_block = &ctx.topics.prev_block;
    let from_paragraph =
        (prev_block.len() == 1 && starts_block(doc, view)).then(|| (prev_block[0], false));
    let (topic, full) = continued.or(from_paragraph)?;
    Some(Carried {
        topic,
        content: q,
        hit: Span::new(q.end, q.end),
        inherited: (Polarity::Positive, full),
        weight: 0.6,
        reads: Reads::AnyCue,
    })
}

/// True if the sentence is the first of its block.
fn starts_block(doc: &Document, view: &SentenceView<'_>) -> bool {
    doc.blocks
        .get(view.sentence.block)
        .is_some_and(|b| b.span.trim(view.text).start == view.sentence.span.start)
}
