//! Speech quotes and their speakers: named right after the quote (`”, Mr. Trump said`), right
//! before it (`he replied, “`), or, for a quote that opens a sentence with no speaker of its own,
//! the speaker of the quote it resumes or the one announced by a colon ("..., stating:").

use super::{Frame, FrameKind};
use crate::extract::Extractor;
use crate::extract::actors::{Mention, MentionKind};
use crate::extract::lexicon::WordScan;
use crate::extract::pipeline::{Article, Context};
use crate::extract::resolve::resolve;
use crate::extract::tokens::floor_char;
use crate::text::{Quote, Span};

/// A quote's speaker, and how the quote reached them.
struct Speaker {
    actor: usize,
    /// Named by a pronoun or description.
    indirect: bool,
    /// No attribution of its own: the previous quote's speaker or a colon's.
    resumed: bool,
}

/// One frame per speech quote of sentence `s` whose speaker is known. A short quote ("a
/// “fantastic” meeting") needs four words unless it resumes an earlier one.
pub(super) fn frames(
    article: &Article<'_>,
    s: Span,
    quotes: &[Quote],
    verbs: &WordScan,
    mentions: &[Mention],
    ctx: &Context,
) -> Vec<Frame> {
    let text = article.text();
    let inner = clip(quotes, s);
    let mut frames: Vec<Frame> = Vec::new();
    for (qi, q) in inner.iter().enumerate() {
        let speaker = match named_speaker(article.ex, text, verbs, mentions, s, &inner, qi) {
            Some(m) => named(article, &m, ctx, &frames),
            None if opens_sentence(text, s, *q) || q.start < s.start => {
                unattributed(article.ex, text, verbs, s, *q, ctx)
            }
            None => None,
        };
        let Some(speaker) = speaker else {
            continue;
        };
        if text[q.range()].split_whitespace().count() < 4 && !speaker.resumed {
            continue;
        }
        frames.push(Frame {
            holders: vec![speaker.actor],
            kind: FrameKind::Quote,
            start: q.start,
            content: vec![*q],
            indirect: speaker.indirect,
            resumed: speaker.resumed,
        });
    }
    frames
}

/// The quotes' inner spans, clipped to the sentence.
fn clip(quotes: &[Quote], s: Span) -> Vec<Span> {
    quotes
        .iter()
        .filter_map(|q| {
            let start = q.inner.start.max(s.start);
            let end = q.inner.end.min(s.end);
            (start < end).then_some(Span::new(start, end))
        })
        .collect()
}

/// True if only quotation marks come before the quote in its sentence.
fn opens_sentence(text: &str, s: Span, q: Span) -> bool {
    text[s.start..q.start]
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '‘' | '\''))
        .is_empty()
}

/// The speaker a mention names: indirect unless the mention is a name.
fn named(article: &Article<'_>, m: &Mention, ctx: &Context, frames: &[Frame]) -> Option<Speaker> {
    let actor = resolve(&article.table, m, &ctx.antecedents, frames)?;
    Some(Speaker {
        actor,
        indirect: m.kind != MentionKind::Name,
        resumed: false,
    })
}

/// The speaker of a quote without attribution: the previous quote's in the same block (or in
/// the paragraph before, for a paragraph that opens with a quote mark), else the one the previous
/// sentence announced with a colon, else the one the previous sentence of the block was about.
///
/// A quote that opens a paragraph resumes the previous paragraph's closing quote only if no
/// speech verb outside it says that someone else speaks (`"...," a senior official stated`).
fn unattributed(
    ex: &Extractor,
    text: &str,
    verbs: &WordScan,
    s: Span,
    q: Span,
    ctx: &Context,
) -> Option<Speaker> {
    if ctx.quote_over_paragraphs
        && verbs
            .find(&ex.cues.speech, text, s)
            .iter()
            .any(|v| !q.contains(*v))
    {
        return None;
    }
    let who = ctx
        .prev_quote
        .as_ref()
        .map(|q| q.speaker)
        .or(ctx.colon_speaker)
        .or(ctx.lead_speaker)?;
    Some(Speaker {
        actor: who,
        indirect: false,
        resumed: true,
    })
}

/// The mention naming the speaker of quote `inner[qi]`, after it or else before it, without
/// reaching past the neighbouring quotes.
fn named_speaker(
    ex: &Extractor,
    text: &str,
    verbs: &WordScan,
    mentions: &[Mention],
    s: Span,
    inner: &[Span],
    qi: usize,
) -> Option<Mention> {
    let q = inner[qi];
    let prev_end = if qi == 0 { s.start } else { inner[qi - 1].end };
    let next_start = inner.get(qi + 1).map_or(s.end, |n| n.start);
    attribution_after(ex, text, verbs, mentions, q.end, next_start)
        .or_else(|| attribution_before(ex, text, verbs, mentions, prev_end, q.start))
}

/// A speaker named right after a quote: `”, Mr. Trump said`, `” said Trump`, `” he replied`.
fn attribution_after(
    ex: &Extractor,
    text: &str,
    verbs: &WordScan,
    mentions: &[Mention],
    from: usize,
    to: usize,
) -> Option<Mention> {
    let window_end = (from + 80).min(to);
    let window_end = floor_char(text, window_end);
    let after = &text[from..window_end];
    let rest = after.trim_start_matches(['”', '"', '’', '\'', ',', ' ', '\u{a0}']);
    if rest.starts_with(|c: char| c.is_lowercase()) && !starts_with_speech_or_pronoun(ex, rest) {
        return None;
    }
    let verbs = verbs.find(&ex.cues.speech, text, Span::new(from, window_end));
    let verb = verbs.first()?;
    // The speaker is the last mention in the window before the verb ("NAIOP chief executive
    // Tamara Small said"), else the first after it; within a few words of the verb.
    let in_window =
        |m: &&Mention| m.span.start >= from && m.span.end <= window_end && !m.possessive;
    let m = (mentions.iter().filter(in_window))
        .take_while(|m| m.span.end <= verb.start)
        .last()
        .or_else(|| mentions.iter().find(in_window))?;
    let gap = if m.span.end <= verb.start {
        &text[m.span.end..verb.start]
    } else {
        &text[verb.end..m.span.start.max(verb.end)]
    };
    (gap.split_whitespace().count() <= 2 && !gap.contains(['.', ';'])).then(|| m.clone())
}

fn starts_with_speech_or_pronoun(ex: &Extractor, rest: &str) -> bool {
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    matches!(word.as_str(), "he" | "she" | "they") || ex.cues.speech.is_word(&word)
}

/// A speaker introducing a quote: `He wrote on Saturday on Twitter/X: “`, `he replied, “`.
fn attribution_before(
    ex: &Extractor,
    text: &str,
    verbs: &WordScan,
    mentions: &[Mention],
    from: usize,
    to: usize,
) -> Option<Mention> {
    let before = text[from..to].trim_end_matches(['“', '"', '‘', '\'', ' ', '\u{a0}']);
    if !before.ends_with([',', ':']) {
        return None;
    }
    let start = floor_char(text, to.saturating_sub(120).max(from));
    let verbs = verbs.find(&ex.cues.speech, text, Span::new(start, to));
    let verb = verbs.last()?;
    let before_verb = |end: usize| {
        mentions
            .iter()
            .rfind(|m| m.span.end <= end && m.span.start >= start && !m.possessive)
    };
    let m = before_verb(verb.start)
        .filter(|m| text[m.span.end..verb.start].split_whitespace().count() <= 3)?;
    // "Rubio, who has led efforts on TikTok, said:": the relative clause's mention is not the
    // speaker; the name before the clause is.
    let relative = text[start..m.span.start]
        .rfind(", who ")
        .or_else(|| text[start..m.span.start].rfind(", which "))
        .map(|i| start + i)
        .filter(|_| text[m.span.end..verb.start].trim_start().starts_with(','));
    match relative {
        Some(comma) => before_verb(comma)
            .filter(|h| text[h.span.end..comma].trim().is_empty())
            .cloned(),
        None => Some(m.clone()),
    }
}

/// The speaker a sentence without a quote leads into a quote with no speaker of its own, in
/// the next sentence of its block: its first clause holder.
pub(crate) fn lead_speaker(frames: &[Frame]) -> Option<usize> {
    if frames.iter().any(|f| f.kind == FrameKind::Quote) {
        return None;
    }
    frames
        .iter()
        .find(|f| f.kind == FrameKind::Clause)
        .and_then(|f| f.holders.first().copied())
}

/// The speaker a sentence ending with a colon announces for the quote that follows
/// ("Macron ..., stating:"): its first clause holder.
pub(crate) fn colon_speaker(text: &str, s: Span, frames: &[Frame]) -> Option<usize> {
    if !text[s.range()].trim_end().ends_with(':') {
        return None;
    }
    frames
        .iter()
        .find(|f| f.kind == FrameKind::Clause)
        .and_then(|f| f.holders.first().copied())
}
