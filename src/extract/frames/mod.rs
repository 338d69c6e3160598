//! Attribution frames: who holds which part of a sentence.
//!
//! A [`Frame`] is a holder (one actor or several), how it holds its content ([`FrameKind`]),
//! where its cue starts, and the content spans it governs. Each construction that opens frames has
//! its own module, and [`find`] runs them in this order:
//!
//! 1. [`quote`]: speech quotes and their speakers (`”, Trump said`, `he replied, “`), a quote
//!    resumed in the next sentence, a quote introduced by a sentence ending "stating:".
//! 2. [`bounds`]: the ranges that neither give nor take positions of the main clause: background
//!    clauses ("While Trump has suggested ..."), relative clauses, conditions and questions.
//! 3. [`groups`]: mentions outside quotes gathered into holders ("Macron and Starmer").
//! 4. [`clause`]: a subject and the clause it governs, reported ("said that") or described
//!    ("refused to accept"), and a possessed stance noun ("Ukraine's insistence"); [`position`]
//!    says where a mention stands, [`according_to`] handles "..., according to X", and
//!    [`trailing`] "..., X said" without quotation marks.
//! 5. [`relative`]: a relative clause takes the mention before it ("Zelensky, who ...").
//! 6. [`content`]: each frame's content spans, once all frames are known; [`participle`] gives
//!    the subject the participle clause that opens the sentence ("Calling the ban a mistake, X
//!    said").
//! 7. [`passive`]: passive agents ("opposed by Zelenskiy"), which take the position named before;
//!    [`members`]: those listed for a side ("critics of the ban include Cole"), or after a
//!    clause that took one ("..., including Cole").
//!
//! Headlines go through the same constructions; only the claim kind differs
//! ([`super::claims`]).

mod according_to;
mod bounds;
mod clause;
mod content;
mod groups;
mod members;
mod participle;
mod passive;
mod position;
mod quote;
mod relative;
mod trailing;

use crate::extract::actors::MentionKind;
use crate::extract::lexicon::CueScans;
pub(crate) use passive::Agent;
pub(crate) use quote::{colon_speaker, lead_speaker};

use self::bounds::BoundKind;
use super::actors::Mention;
use super::lexicon::WordScan;
use super::pipeline::{Article, Context};
use super::topics::TopicScan;
use super::words::Words;
use crate::text::{Quote, Sentence, Span};

/// How a frame holds its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FrameKind {
    /// The holder's own words in quotation marks.
    Quote,
    /// A subject, possessor or relative pronoun and the clause it governs.
    Clause,
    /// A subject inside a background clause ("While Trump has suggested ..."): its position
    /// counts, less centrally than a main clause's.
    Background,
}

/// A holder and the text it governs.
#[derive(Debug, Clone)]
pub(crate) struct Frame {
    pub(crate) holders: Vec<usize>,
    pub(crate) kind: FrameKind,
    /// Where the holder mention starts (or the quote).
    pub(crate) start: usize,
    pub(crate) content: Vec<Span>,
    /// Whether the holder was reached through a pronoun or description.
    pub(crate) indirect: bool,
    /// Whether the quote had no attribution of its own (resumed, or introduced by a colon).
    pub(crate) resumed: bool,
}

/// Where a frame starts, before its content is known.
#[derive(Debug, Clone)]
struct FrameStart {
    /// Where the holder mention starts (the sentence start for "according to" holders).
    at: usize,
    holders: Vec<usize>,
    /// The range a bounded frame (background or relative clause) is confined to.
    bound: Option<Span>,
    kind: FrameKind,
    /// Whether the holder was reached through a pronoun or description.
    indirect: bool,
}

/// One sentence as the constructions and the later stages read it.
pub(crate) struct SentenceView<'a> {
    pub(crate) text: &'a str,
    pub(crate) sentence: &'a Sentence,
    /// Speech quotes with their frame, clipped to the sentence.
    pub(crate) speech: Vec<Span>,
    /// Ranges that neither give nor take positions of the main clause.
    bounded: Vec<(Span, BoundKind)>,
    /// Conditions and questions: topics inside them are not positions.
    pub(crate) hypothetical: Vec<Span>,
    /// Topic terms in the sentence, matched once.
    pub(crate) topics: TopicScan,
    /// Speech verbs in the sentence, matched once.
    pub(crate) verbs: WordScan,
    /// Actors named in the sentence (names and groups), with where.
    pub(crate) named: Vec<(Span, usize)>,
    /// Stance cue words in the sentence, matched once.
    pub(crate) cues: CueScans,
    /// The sentence's words that start entries of the hand-matched cue lists.
    pub(crate) words: Words,
}

/// What the constructions found in one sentence.
pub(crate) struct SentenceFrames<'a> {
    pub(crate) view: SentenceView<'a>,
    /// Quote frames first, then the other frames in text order.
    pub(crate) frames: Vec<Frame>,
    /// Passive agents, which take the position of a claim made earlier in the sentence.
    pub(crate) agents: Vec<Agent>,
}

impl SentenceFrames<'_> {
    /// The holders of the sentence's main frame: its first clause, else its first quote.
    pub(crate) fn main_holders(&self) -> Vec<usize> {
        self.frames
            .iter()
            .find(|f| f.kind == FrameKind::Clause)
            .or_else(|| self.frames.iter().find(|f| f.kind == FrameKind::Quote))
            .map(|f| f.holders.clone())
            .unwrap_or_default()
    }
}

/// Runs the constructions over one sentence (`mentions` are the sentence's, `quotes` the
/// block's) and returns its frames.
pub(crate) fn find<'a>(
    article: &Article<'a>,
    sentence: &'a Sentence,
    quotes: &[Quote],
    mentions: &[Mention],
    ctx: &Context,
) -> SentenceFrames<'a> {
    let (ex, text, s) = (article.ex, article.text(), sentence.span);
    // Speech verbs matter only where someone is named; elsewhere a question about them (a
    // resumed quote) searches its own range.
    let scanned = if mentions.is_empty() {
        Span::new(s.start, s.start)
    } else {
        s
    };
    let words = ex.cues.words(text, s);
    let verbs = if mentions.is_empty() {
        ex.cues.speech.scan(text, scanned)
    } else {
        ex.cues.speech.scan_words(text, &words)
    };
    // 1. Speech quotes and their speakers; the rest reads around those quotes.
    let mut frames = quote::frames(article, s, quotes, &verbs, mentions, ctx);
    let speech: Vec<Span> = frames.iter().map(|f| f.content[0]).collect();
    // 2. Bounded clauses and conditions, outside speech quotes.
    let topics = ex.topics.scan(text, s);
    let cues = CueScans::new(&ex.cues, text, &words, topics.is_empty());
    let view = SentenceView {
        text,
        sentence,
        bounded: bounds::bounded_clauses(ex, text, &words, &speech, mentions),
        hypothetical: bounds::hypothetical_ranges(ex, text, &words, &speech),
        speech,
        topics,
        verbs,
        cues,
        words,
        named: mentions
            .iter()
            .filter(|m| matches!(m.kind, MentionKind::Name | MentionKind::Group))
            .filter_map(|m| Some((m.span, m.actor?)))
            .collect(),
    };
    // 3-6. Holder groups, the frames they start, relative clauses, then every frame's content.
    let groups = groups::holders(ex, article.doc, &view, mentions);
    let mut walk = clause::walk(article, &view, &groups, &ctx.antecedents, &frames);
    relative::add_starts(&article.table, &view, &groups, &ctx.antecedents, &mut walk);
    frames.extend(content::frames(walk.starts, &view));
    participle::attach(&view, &mut frames);
    // 7. Passive agents.
    let mut agents = passive::agents(article, &view, &groups, &ctx.antecedents);
    agents.extend(members::members(article, &view, &groups, &ctx.antecedents));
    agents.extend(members::trailing_members(
        article,
        &view,
        &groups,
        &ctx.antecedents,
    ));
    SentenceFrames {
        view,
        frames,
        agents,
    }
}
