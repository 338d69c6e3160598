//! The walk over an article: each content block, and each of its sentences through the stages in
//! order (frames, then claims), with what the walk remembers from one sentence to the next.

use super::actors::{ActorTable, Mention};
use super::carry::{QuoteMemory, TopicMemory};
use super::resolve::Antecedents;
use super::{Claim, Extraction, Extractor, claims, frames};
use crate::corpus::{Block, BlockRole, Document};
use crate::text::{self, Quote, Segmented, Sentence, Span};

/// One article under extraction: the engine, the document, and the actors it can refer to.
pub(crate) struct Article<'a> {
    pub(crate) ex: &'a Extractor,
    pub(crate) doc: &'a Document,
    pub(crate) table: ActorTable<'a>,
}

impl<'a> Article<'a> {
    /// The original text of the article.
    pub(crate) fn text(&self) -> &'a str {
        self.doc.text.as_str()
    }
}

/// What the walk over an article remembers from earlier sentences.
#[derive(Debug, Default)]
pub(crate) struct Context {
    /// Who pronouns and descriptions can point back to.
    pub(crate) antecedents: Antecedents,
    /// Speaker of the previous sentence's quote in the same block, and that quote's topics.
    pub(crate) prev_quote: Option<QuoteMemory>,
    /// Speaker announced by a sentence ending with a colon ("Macron ..., stating:").
    pub(crate) colon_speaker: Option<usize>,
    /// The first holder of the previous sentence in the same block, when it quoted no one: a
    /// quote that follows with no speaker of its own is theirs ("The union welcomed the vote.
    /// “The ban is flawed ...”").
    pub(crate) lead_speaker: Option<usize>,
    /// Whether `prev_quote` is the previous paragraph's: true in the first sentence of a
    /// paragraph that opens with a quote mark.
    pub(crate) quote_over_paragraphs: bool,
    /// Topics named and positions taken so far, for topics carried over.
    pub(crate) topics: TopicMemory,
}

pub(super) fn extract(ex: &Extractor, doc: &Document, seg: &Segmented) -> Extraction {
    let text = doc.text.as_str();
    let content: Vec<Span> = doc
        .blocks
        .iter()
        .filter(|b| b.role.is_content())
        .map(|b| b.span)
        .collect();
    let mut table = ex.gazetteer.discover(text, &content, &ex.cues);
    // "a spokesman for the Congestion Charge": a topic capitalised is not a person.
    table.retain_discovered(|a| !names_topic(ex, &a.name));
    let article = Article { ex, doc, table };
    let (mut claims, named_any) = walk(&article, seg, Context::default());
    // An article that never names a topic by its terms may be about one by its opening words:
    // read it again with that topic for its policy nouns.
    let opening = content.first().map_or(0, |s| s.start);
    if !named_any && let Some(topic) = ex.keywords.about(text, opening) {
        let ctx = Context {
            topics: TopicMemory::about(topic),
            ..Context::default()
        };
        claims = walk(&article, seg, ctx).0;
    }
    Extraction {
        when: Vec::new(),
        claims: claims::one_per_actor_topic_sentence(claims),
        discovered: article.table.discovered().to_vec(),
    }
}

/// Walks every content block of the article from `ctx`: the claims, and whether any topic was
/// named.
fn walk(article: &Article<'_>, seg: &Segmented, mut ctx: Context) -> (Vec<Claim>, bool) {
    let mut claims: Vec<Claim> = Vec::new();
    for (b, block) in article.doc.blocks.iter().enumerate() {
        if block.role.is_content() {
            let sentences = seg.sentences.iter().filter(|s| s.block == b);
            process_block(article, block, sentences, &mut ctx, &mut claims);
        }
    }
    (claims, ctx.topics.named_any())
}

fn process_block<'a>(
    article: &Article<'a>,
    block: &Block,
    sentences: impl Iterator<Item = &'a Sentence>,
    ctx: &mut Context,
    claims: &mut Vec<Claim>,
) {
    let (ex, text) = (article.ex, article.text());
    let quotes = text::speech_quotes(text, block.span);
    let mentions = ex
        .gazetteer
        .mentions(&article.table, text, block.span, &ex.cues);
    let block_start_claims = claims.len();
    // A paragraph that opens with a quote mark goes on quoting whoever closed the one before
    // with a quote (a long quote runs over several paragraphs); any other starts afresh.
    ctx.quote_over_paragraphs = opens_with_quote(&text[block.span.range()]);
    if !ctx.quote_over_paragraphs {
        ctx.prev_quote = None;
    }
    ctx.lead_speaker = None;
    for sentence in sentences {
        process_sentence(article, sentence, &quotes, &mentions, ctx, claims);
    }
    ctx.topics.end_block(ex, &claims[block_start_claims..]);
    if block.role == BlockRole::Headline {
        ctx.antecedents.forget_subject();
    }
}

fn process_sentence<'a>(
    article: &Article<'a>,
    sentence: &'a Sentence,
    quotes: &[Quote],
    block_mentions: &[Mention],
    ctx: &mut Context,
    claims: &mut Vec<Claim>,
) {
    let s = sentence.span;
    let mentions: Vec<Mention> = block_mentions
        .iter()
        .filter(|m| s.contains(m.span))
        .cloned()
        .collect();
    // Who holds which part of the sentence.
    let found = frames::find(article, sentence, quotes, &mentions, ctx);
    // A topic named only in a condition or question is still an antecedent.
    ctx.topics.named_hypothetically(article.ex, &found.view);
    // The topics of each frame's content, a stance on each, and the claims.
    let quote = claims::emit(article, &found, ctx, claims);
    // Remember for the next sentence.
    ctx.topics.saw(article.ex, &found.view);
    ctx.antecedents.remember(&mentions, found.main_holders());
    ctx.prev_quote = quote;
    ctx.quote_over_paragraphs = false;
    ctx.colon_speaker = frames::colon_speaker(article.text(), s, &found.frames);
    ctx.lead_speaker = frames::lead_speaker(&found.frames);
}

/// True if a block's text opens with a quotation mark.
fn opens_with_quote(block: &str) -> bool {
    block.trim_start().starts_with(['"', '“', '‘', '«', '„'])
}

/// True if `name` is one of the configured topics' terms, whole ("Congestion Charge"; not a
/// campaign named after it, "No Third Runway Coalition").
fn names_topic(ex: &Extractor, name: &str) -> bool {
    let whole = Span::new(0, name.len());
    let scan = ex.topics.scan(name, whole);
    ex.topics
        .find(&scan, name, whole, &[])
        .iter()
        .any(|h| h.span == whole)
}
