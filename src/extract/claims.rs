//! Claims: each frame's holders, with the topics of its content and a stance on each, become
//! [`Claim`]s with a confidence; passive agents take the stance of the claim before them; and an
//! article keeps one claim per actor, topic and sentence.

use super::carry::{self, Carried, QuoteMemory, Reads};
use super::frames::{Agent, Frame, FrameKind, SentenceFrames, SentenceView};
use super::pipeline::{Article, Context};
use super::stance::{self, StanceInput};
use super::topics::TopicHit;
use super::{ActorRef, Claim, ClaimKind, Stance};
use crate::corpus::BlockRole;
use crate::text::Span;

/// One holder of a frame, with what all their claims from it share.
pub(crate) struct Holding {
    pub(crate) holder: usize,
    /// The holder's id and affiliations, for topics scoped to one side.
    pub(crate) chain: Vec<String>,
    /// The topic mentions of the whole sentence.
    pub(crate) others: Vec<Span>,
    /// The actors named in the sentence, each with whether it is on another side than the
    /// holder (neither the holder nor one of its affiliations, nor affiliated with it).
    pub(crate) named: Vec<(Span, bool)>,
    kind: ClaimKind,
}

/// A claim before it is written.
struct Draft {
    holder: usize,
    topic: usize,
    stance: Stance,
    cues: Vec<String>,
    kind: ClaimKind,
    /// How central the claim is: 1 for a topic named in a main clause, less otherwise.
    weight: f32,
}

/// Writes the claims of one sentence's frames, then of its passive agents. Returns the memory of
/// its last quote, for a quote that resumes it.
pub(crate) fn emit(
    article: &Article<'_>,
    found: &SentenceFrames<'_>,
    ctx: &mut Context,
    claims: &mut Vec<Claim>,
) -> Option<QuoteMemory> {
    let first_new = claims.len();
    let writer = Writer {
        article,
        view: &found.view,
    };
    let mut quote = None;
    for frame in &found.frames {
        writer.frame(frame, ctx, claims);
        if frame.kind == FrameKind::Quote {
            quote = Some(QuoteMemory::of(
                article.ex,
                frame.holders[0],
                &claims[first_new..],
            ));
        }
    }
    writer.agents(&found.agents, ctx, claims, first_new);
    quote
}

/// The sentence the claims are written for.
struct Writer<'s, 'a> {
    article: &'s Article<'a>,
    view: &'s SentenceView<'a>,
}

impl Writer<'_, '_> {
    /// Each holder's claims: one per topic the content names, else one for the topic it
    /// carries over.
    fn frame(&self, frame: &Frame, ctx: &mut Context, claims: &mut Vec<Claim>) {
        // Co-holders share one antecedent: what was named before this frame.
        let mark = ctx.topics.mark();
        for &holder in &frame.holders {
            let holding = self.holding(frame, holder);
            let hits = carry::named_topics(self.article.ex, self.view, frame, &holding.chain);
            if !hits.is_empty() {
                self.named(frame, &holding, &hits, ctx, claims);
                continue;
            }
            let carried = carry::carried(self.article, self.view, frame, &holding, ctx, mark);
            if let Some(c) = carried {
                self.carried(frame, &holding, c, ctx, claims);
            }
        }
    }

    fn holding(&self, frame: &Frame, holder: usize) -> Holding {
        let (ex, text, s) = (self.article.ex, self.view.text, self.view.sentence.span);
        let chain = self.article.table.chain(holder);
        let others = ex
            .topics
            .find(&self.view.topics, text, s, &chain)
            .iter()
            .map(|h| h.span)
            .collect();
        let table = &self.article.table;
        let named = self
            .view
            .named
            .iter()
            .map(|&(span, a)| {
                // Co-holders ("Germany, Italy and Romania refused") share the position.
                let related = frame.holders.contains(&a)
                    || chain.contains(&table.get(a).id)
                    || table.chain(a).contains(&table.get(holder).id);
                (span, !related)
            })
            .collect();
        Holding {
            holder,
            chain,
            others,
            named,
            kind: self.kind(frame),
        }
    }

    /// Headline, quote, reported (a speech verb in the content) or description.
    fn kind(&self, frame: &Frame) -> ClaimKind {
        let (ex, view) = (self.article.ex, self.view);
        let speech_verb = frame
            .content
            .iter()
            .any(|c| !view.verbs.find(&ex.cues.speech, view.text, *c).is_empty());
        if view.sentence.role == BlockRole::Headline {
            ClaimKind::Headline
        } else if frame.kind == FrameKind::Quote {
            ClaimKind::Quote
        } else if speech_verb {
            ClaimKind::Reported
        } else {
            ClaimKind::Description
        }
    }

    /// One claim per topic named, each topic once, remembered for later anaphors. A topic named
    /// twice takes the first mention whose stance can be read.
    fn named(
        &self,
        frame: &Frame,
        holding: &Holding,
        hits: &[TopicHit],
        ctx: &mut Context,
        claims: &mut Vec<Claim>,
    ) {
        let (ex, view) = (self.article.ex, self.view);
        let (text, s) = (view.text, view.sentence.span);
        let mut drafts: Vec<Draft> = Vec::new();
        for hit in hits {
            let out = self.decide_hit(frame, holding, hit);
            let named = stance::named_polarity(&ex.cues, text, s.start, hit.span);
            ctx.topics.named(hit.topic, named, view.sentence.index);
            match drafts.iter_mut().find(|d| d.topic == hit.topic) {
                Some(d) if d.stance == Stance::Unclear && out.stance != Stance::Unclear => {
                    (d.stance, d.cues) = (out.stance, out.cues);
                }
                Some(_) => {}
                None => drafts.push(Draft {
                    holder: holding.holder,
                    topic: hit.topic,
                    stance: out.stance,
                    cues: out.cues,
                    kind: holding.kind,
                    // A background clause ("Though Russia has dismissed the proposal, ...")
                    // still describes its holder's position, less centrally than a main clause.
                    weight: if frame.kind == FrameKind::Background {
                        0.85
                    } else {
                        1.0
                    },
                }),
            }
        }
        for draft in drafts {
            self.push(draft, frame.indirect, ctx, claims);
        }
    }

    /// The stance toward one topic mention, read in the frame's content around it.
    fn decide_hit(&self, frame: &Frame, holding: &Holding, hit: &TopicHit) -> stance::StanceOutput {
        let view = self.view;
        let content = frame
            .content
            .iter()
            .find(|c| c.contains(hit.span))
            .copied()
            .unwrap_or(view.sentence.span);
        stance::decide(
            &self.article.ex.cues,
            &StanceInput {
                text: view.text,
                content,
                hit: hit.span,
                others: &holding.others,
                named: &holding.named,
                scans: &view.cues,
                hypothetical: &view.hypothetical,
                inherited: None,
            },
        )
    }

    /// The claim on a topic carried over, its stance read with what the topic inherits.
    fn carried(
        &self,
        frame: &Frame,
        holding: &Holding,
        c: Carried,
        ctx: &mut Context,
        claims: &mut Vec<Claim>,
    ) {
        let out = stance::decide(
            &self.article.ex.cues,
            &StanceInput {
                text: self.view.text,
                content: c.content,
                hit: c.hit,
                others: &holding.others,
                named: &holding.named,
                scans: &self.view.cues,
                hypothetical: &self.view.hypothetical,
                inherited: Some(c.inherited),
            },
        );
        let judged = || out.cues.iter().any(|k| !stance::is_bare_negation(k));
        let reads = match c.reads {
            Reads::AnyCue => true,
            Reads::Judgement => judged(),
            Reads::Nothing => false,
        };
        let (stance, cues) = if reads {
            (out.stance, out.cues)
        } else {
            (Stance::Unclear, Vec::new())
        };
        let draft = Draft {
            holder: holding.holder,
            topic: c.topic,
            stance,
            cues,
            kind: holding.kind,
            weight: c.weight,
        };
        self.push(draft, frame.indirect, ctx, claims);
    }

    /// Writes the claim, remembering the position it takes.
    fn push(&self, draft: Draft, indirect: bool, ctx: &mut Context, claims: &mut Vec<Claim>) {
        let (view, article) = (self.view, self.article);
        let sentence = view.sentence.index;
        ctx.topics
            .took(draft.topic, draft.stance, draft.holder, sentence);
        let actor = article.table.get(draft.holder);
        let span = view.sentence.span;
        claims.push(Claim {
            article: article.doc.id.clone(),
            actor: ActorRef {
                id: actor.id.clone(),
                name: actor.name.clone(),
            },
            topic: article.ex.topics.ids[draft.topic].clone(),
            stance: draft.stance,
            kind: draft.kind,
            evidence: view.text[span.range()].to_string(),
            span,
            sentence,
            confidence: confidence(
                draft.kind,
                draft.weight,
                indirect,
                draft.stance,
                draft.cues.len(),
            ),
            cues: draft.cues,
        });
    }

    /// Each passive agent's claims: the position of the last clear claim made earlier in the
    /// sentence, shared or opposed; or, for an agent of the topic itself, its own stance on it.
    fn agents(&self, agents: &[Agent], ctx: &mut Context, claims: &mut Vec<Claim>, first: usize) {
        let s = self.view.sentence.span;
        for agent in agents {
            let cue = agent.label.clone();
            if let Some(topic) = agent.topic {
                for &holder in &agent.holders {
                    let draft = Draft {
                        holder,
                        topic,
                        stance: agent.stance(Stance::Unclear),
                        cues: vec![cue.clone()],
                        kind: ClaimKind::Description,
                        weight: AGENT_WEIGHT,
                    };
                    self.push(draft, false, ctx, claims);
                }
                continue;
            }
            let Some(position) = claims[first..]
                .iter()
                .rev()
                .find(|c| c.span == s && c.stance != Stance::Unclear)
                .cloned()
            else {
                continue;
            };
            let stance = agent.stance(position.stance);
            for &a in &agent.holders {
                let actor = self.article.table.get(a);
                claims.push(Claim {
                    actor: ActorRef {
                        id: actor.id.clone(),
                        name: actor.name.clone(),
                    },
                    stance,
                    kind: ClaimKind::Description,
                    cues: vec![cue.clone()],
                    confidence: 0.6,
                    ..position.clone()
                });
            }
        }
    }
}

/// The weight of a passive agent's own claim on a topic: a description's confidence times this
/// is 0.6, as for an agent that shares a position.
const AGENT_WEIGHT: f32 = 0.857;

/// How sure a claim is, from its evidence: the construction (a journalist's paraphrase names
/// the position more plainly than the speaker's own, often figurative, words), how central the
/// clause is (`weight`), whether the holder was reached through a pronoun or description, and the
/// cue words (two agreeing cues are stronger than one; a mixed reading is weaker). At most 0.3
/// for an unclear stance; rounded to two decimals.
fn confidence(kind: ClaimKind, weight: f32, indirect: bool, stance: Stance, cues: usize) -> f32 {
    let base = match kind {
        ClaimKind::Reported => 0.85,
        ClaimKind::Quote => 0.8,
        ClaimKind::Headline => 0.75,
        ClaimKind::Description => 0.7,
    };
    let mut confidence = base * weight;
    if indirect {
        confidence *= 0.9;
    }
    if cues >= 2 {
        confidence *= 1.05;
    }
    if stance == Stance::Mixed {
        confidence *= 0.8;
    }
    if stance == Stance::Unclear {
        confidence = confidence.min(0.3);
    }
    (confidence.min(0.95) * 100.0).round() / 100.0
}

/// One claim per actor, topic and sentence: the clearest, then the most confident.
pub(crate) fn one_per_actor_topic_sentence(claims: Vec<Claim>) -> Vec<Claim> {
    let mut out: Vec<Claim> = Vec::with_capacity(claims.len());
    for claim in claims {
        if let Some(existing) = out.iter_mut().find(|c| {
            c.actor.id == claim.actor.id && c.topic == claim.topic && c.sentence == claim.sentence
        }) {
            if rank(&claim) > rank(existing) {
                *existing = claim;
            }
        } else {
            out.push(claim);
        }
    }
    out
}

fn rank(c: &Claim) -> (bool, i64) {
    (c.stance != Stance::Unclear, (c.confidence * 1000.0) as i64)
}
