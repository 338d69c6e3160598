//! Attribution: who holds the content of each clause, and which topics that content names.
//!
//! For each sentence, speech quotes are tied to their speaker (before or after the quote, a quote
//! resumed in the next sentence, a quote introduced by "stating:"), and the rest of the sentence
//! is cut into *frames*: a holder (a subject, a possessor of a stance noun such as "Ukraine's
//! insistence", a relative "which"/"who", a passive agent "opposed by Zelenskiy") and the text it
//! governs. Background clauses ("While Trump has suggested ...") and conditions ("if a ceasefire is
//! reached") are bounded so that they neither give nor take positions. Each frame's topics then
//! get a stance from [`super::stance`].

use super::actors::{ActorTable, Mention, MentionKind, Pronoun};
use super::lexicon::WordScan;
use super::stance::{self, Polarity, StanceInput};
use super::topics::{TopicHit, TopicScan};
use super::{ActorRef, Claim, ClaimKind, Extraction, Extractor, Stance};
use crate::config::Gender;
use crate::corpus::{BlockRole, Document};
use crate::text::{self, Quote, Segmented, Sentence, Span};

/// How a frame holds its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FrameKind {
    /// The holder's own words in quotation marks.
    Quote,
    /// A subject, possessor or relative pronoun and the clause it governs.
    Clause,
    /// A subject inside a background clause ("While Trump has suggested ..."): no position.
    Background,
}

/// A holder and the text it governs.
#[derive(Debug, Clone)]
struct Frame {
    holders: Vec<usize>,
    kind: FrameKind,
    /// Where the holder mention starts (or the quote).
    start: usize,
    content: Vec<Span>,
    /// Whether the holder was reached through a pronoun or description.
    indirect: bool,
    /// Whether the quote had no attribution of its own (resumed, or introduced by a colon).
    resumed: bool,
}

/// A quote's speaker, its topics (each with whether its stance was clear), and its sentence.
type QuoteMemory = (usize, Vec<(usize, bool)>, usize);

/// Where a frame starts, its holders, its bounded range, its kind, and whether it was reached
/// through a pronoun or description.
type FrameStart = (usize, Vec<usize>, Option<Span>, FrameKind, bool);

/// What the walk over an article remembers from earlier sentences.
#[derive(Debug, Default)]
struct Context {
    /// Actors named so far, most recent last, with their sentence.
    recent: Vec<(usize, usize)>,
    /// Holders of the previous sentence's main frame.
    prev_subject: Vec<usize>,
    /// Speaker of the previous sentence's quote in the same block, and that quote's topics.
    prev_quote: Option<QuoteMemory>,
    /// Speaker announced by a sentence ending with a colon ("Macron ..., stating:").
    colon_speaker: Option<usize>,
    /// Topics of the previous content block's positions (non-unclear claims).
    prev_block_topics: Vec<usize>,
    /// (topic, polarity, sentence) of every topic named, for anaphors ("the idea").
    history: Vec<(usize, Polarity, usize)>,
    /// (topic, polarity of the position, holder, sentence) of every position taken, for
    /// anaphors that name a position rather than a thing ("pushed back on that suggestion").
    positions: Vec<(usize, Polarity, usize, usize)>,
}

struct SentenceView<'a> {
    text: &'a str,
    sentence: &'a Sentence,
    /// Speech quotes with their frame, clipped to the sentence.
    speech: Vec<Span>,
    /// Ranges that neither give nor take positions of the main clause.
    bounded: Vec<(Span, BoundKind)>,
    /// Conditions and questions: topics inside them are not positions.
    hypothetical: Vec<Span>,
    /// Topic terms in the sentence, matched once.
    topics: TopicScan,
    /// Speech verbs in the sentence, matched once.
    verbs: WordScan,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BoundKind {
    Background,
    /// A relative clause: its holder is the mention right before it.
    Relative,
}

pub(super) fn extract(ex: &Extractor, doc: &Document, seg: &Segmented) -> Extraction {
    let text = doc.text.as_str();
    let content: Vec<Span> = doc
        .blocks
        .iter()
        .filter(|b| b.role.is_content())
        .map(|b| b.span)
        .collect();
    let table = ex.gazetteer.discover(text, &content, &ex.cues);
    let mut ctx = Context::default();
    let mut claims: Vec<Claim> = Vec::new();
    for (b, block) in doc.blocks.iter().enumerate() {
        if !block.role.is_content() {
            continue;
        }
        let quotes = text::quotes(text, block.span);
        let mentions = ex.gazetteer.mentions(&table, text, block.span, &ex.cues);
        let block_start_claims = claims.len();
        ctx.prev_quote = None;
        for sentence in seg.sentences.iter().filter(|s| s.block == b) {
            process_sentence(
                ex,
                doc,
                &table,
                sentence,
                &quotes,
                &mentions,
                &mut ctx,
                &mut claims,
            );
        }
        let mut topics: Vec<usize> = claims[block_start_claims..]
            .iter()
            .filter(|c| c.stance != Stance::Unclear)
            .filter_map(|c| ex.topics.ids.iter().position(|t| t == &c.topic))
            .collect();
        topics.sort_unstable();
        topics.dedup();
        ctx.prev_block_topics = topics;
        if block.role == BlockRole::Headline {
            // A headline is not the antecedent of the first paragraph's pronouns.
            ctx.prev_subject.clear();
        }
    }
    // One claim per actor, topic and sentence: the most confident.
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
    Extraction {
        claims: out,
        discovered: table.discovered().to_vec(),
    }
}

fn rank(c: &Claim) -> (bool, i64) {
    (c.stance != Stance::Unclear, (c.confidence * 1000.0) as i64)
}

#[allow(clippy::too_many_arguments)]
fn process_sentence(
    ex: &Extractor,
    doc: &Document,
    table: &ActorTable,
    sentence: &Sentence,
    quotes: &[Quote],
    block_mentions: &[Mention],
    ctx: &mut Context,
    claims: &mut Vec<Claim>,
) {
    let text = doc.text.as_str();
    let s = sentence.span;
    let mentions: Vec<Mention> = block_mentions
        .iter()
        .filter(|m| s.contains(m.span))
        .cloned()
        .collect();
    let sentence_quotes: Vec<Span> = quotes
        .iter()
        .filter_map(|q| {
            let start = q.inner.start.max(s.start);
            let end = q.inner.end.min(s.end);
            (start < end).then_some(Span::new(start, end))
        })
        .collect();

    let verbs = ex.cues.speech.scan(text, s);

    // 1. Speech quotes and their speakers.
    let mut frames: Vec<Frame> = Vec::new();
    let mut speech: Vec<Span> = Vec::new();
    for (qi, q) in sentence_quotes.iter().enumerate() {
        let words = text[q.range()].split_whitespace().count();
        let prev_end = if qi == 0 {
            s.start
        } else {
            sentence_quotes[qi - 1].end
        };
        let next_start = sentence_quotes.get(qi + 1).map_or(s.end, |n| n.start);
        let starts_sentence = text[s.start..q.start]
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '“'))
            .is_empty();
        let speaker = attribution_after(ex, text, &verbs, &mentions, q.end, next_start)
            .or_else(|| attribution_before(ex, text, &verbs, &mentions, prev_end, q.start));
        let (speaker, resumed) = match speaker {
            Some(m) => (
                resolve(table, &m, ctx, &frames).map(|a| (a, m.kind != MentionKind::Name)),
                false,
            ),
            None if starts_sentence || q.start < s.start => {
                if let Some((who, _, _)) = ctx.prev_quote.as_ref() {
                    (Some((*who, false)), true)
                } else if let Some(who) = ctx.colon_speaker {
                    (Some((who, false)), true)
                } else {
                    (None, false)
                }
            }
            None => (None, false),
        };
        let Some((speaker, indirect)) = speaker else {
            continue;
        };
        if words < 4 && !resumed {
            continue;
        }
        speech.push(*q);
        frames.push(Frame {
            holders: vec![speaker],
            kind: FrameKind::Quote,
            start: q.start,
            content: vec![*q],
            indirect,
            resumed,
        });
    }

    // 2. Bounded clauses and conditions, outside speech quotes.
    let view = SentenceView {
        text,
        sentence,
        bounded: bounded_clauses(ex, text, s, &speech, &mentions),
        hypothetical: hypothetical_ranges(ex, text, s, &speech),
        speech: speech.clone(),
        topics: ex.topics.scan(text, s),
        verbs,
    };

    // Topics named in a question or condition are still antecedents: "in such a situation".
    for h in ex.topics.find(&view.topics, text, s, &[]) {
        if view.hypothetical.iter().any(|r| r.contains(h.span)) {
            ctx.history
                .push((h.topic, Polarity::Positive, sentence.index));
        }
    }

    // 3. Frames from mentions outside speech quotes and outside a paragraph label
    //    ("U.S. military aid: ...").
    let label_end = paragraph_label(doc, sentence, text);
    let outside: Vec<&Mention> = mentions
        .iter()
        .filter(|m| !speech.iter().any(|q| q.contains(m.span)) && m.span.start >= label_end)
        .collect();
    let groups = group_mentions(ex, text, &outside);
    clause_frames(ex, table, &view, &groups, ctx, &mut frames);

    // 4. Claims from each frame.
    let main_holders: Vec<usize> = frames
        .iter()
        .find(|f| f.kind == FrameKind::Clause)
        .or_else(|| frames.iter().find(|f| f.kind == FrameKind::Quote))
        .map(|f| f.holders.clone())
        .unwrap_or_default();
    let first_new = claims.len();
    let mut quote_topics: Option<(usize, Vec<(usize, bool)>)> = None;
    for frame in &frames {
        emit_frame(ex, doc, table, &view, frame, ctx, claims);
        if frame.kind == FrameKind::Quote {
            let topics: Vec<(usize, bool)> = claims[first_new..]
                .iter()
                .filter(|c| c.kind == ClaimKind::Quote)
                .filter_map(|c| {
                    let t = ex.topics.ids.iter().position(|t| t == &c.topic)?;
                    Some((t, c.stance != Stance::Unclear))
                })
                .collect();
            quote_topics = Some((frame.holders[0], topics));
        }
    }
    // 5. Passive agents: "a position staked out by Putin and opposed by Zelenskiy".
    passive_agents(ex, table, &view, &groups, ctx, claims, first_new);

    // Remember for the next sentence.
    for m in &mentions {
        if let (MentionKind::Name | MentionKind::Group, Some(a)) = (m.kind, m.actor) {
            ctx.recent.push((a, sentence.index));
        }
    }
    if !main_holders.is_empty() {
        ctx.prev_subject = main_holders;
    }
    ctx.prev_quote = quote_topics.map(|(who, topics)| (who, topics, sentence.index));
    let trimmed = text[s.range()].trim_end();
    ctx.colon_speaker = if trimmed.ends_with(':') {
        frames
            .iter()
            .find(|f| f.kind == FrameKind::Clause)
            .and_then(|f| f.holders.first().copied())
    } else {
        None
    };
}

/// The end of a short run-in label that opens a paragraph ("Ceasefire push: ..."), or the
/// sentence start when there is none.
fn paragraph_label(doc: &Document, sentence: &Sentence, text: &str) -> usize {
    let s = sentence.span;
    let first_of_block = doc
        .blocks
        .get(sentence.block)
        .is_some_and(|b| b.span.start == s.start);
    if !first_of_block {
        return s.start;
    }
    let slice = &text[s.range()];
    match slice.find(": ") {
        Some(i)
            if slice[..i].split_whitespace().count() <= 4
                && !has_sentence_stop(&slice[..i])
                && !slice[..i].contains([',', '"', '“']) =>
        {
            s.start + i + 1
        }
        _ => s.start,
    }
}

/// True if `s` holds a full stop followed by a capitalised word (not "U.S. military").
fn has_sentence_stop(s: &str) -> bool {
    s.match_indices(". ")
        .any(|(i, _)| s[i + 2..].starts_with(|c: char| c.is_uppercase()))
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
    let rest = after.trim_start_matches(['”', '"', ',', ' ', '\u{a0}']);
    if rest.starts_with(|c: char| c.is_lowercase()) && !starts_with_speech_or_pronoun(ex, rest) {
        return None;
    }
    let verbs = verbs.find(&ex.cues.speech, text, Span::new(from, window_end));
    let verb = verbs.first()?;
    // The speaker is the first mention in the window, within a few words of the verb.
    let m = mentions
        .iter()
        .find(|m| m.span.start >= from && m.span.end <= window_end && !m.possessive)?;
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
    let before = text[from..to].trim_end_matches(['“', '"', ' ', '\u{a0}']);
    if !before.ends_with([',', ':']) {
        return None;
    }
    let start = floor_char(text, to.saturating_sub(120).max(from));
    let verbs = verbs.find(&ex.cues.speech, text, Span::new(start, to));
    let verb = verbs.last()?;
    mentions
        .iter()
        .rfind(|m| m.span.end <= verb.start && m.span.start >= start && !m.possessive)
        .filter(|m| text[m.span.end..verb.start].split_whitespace().count() <= 3)
        .cloned()
}

fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A run of mentions joined by commas, "and", titles and determiners: one holder or object.
#[derive(Debug, Clone)]
struct Group {
    mentions: Vec<Mention>,
    span: Span,
}

/// Groups coordinated mentions and drops modifiers ("White House press secretary Karoline
/// Leavitt" is Leavitt; "Zelensky of Ukraine" is Zelensky).
fn group_mentions(ex: &Extractor, text: &str, mentions: &[&Mention]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for m in mentions {
        if let Some(last) = groups.last_mut() {
            let prev = last.mentions.last().expect("non-empty group");
            let between = &text[prev.span.end..m.span.start];
            let between_words = between.trim();
            // Modifier: "NATO Secretary General Mark Rutte", "Ukraine's Volodymyr Zelensky".
            let only_titles = between_words
                .trim_start_matches(['’', '\'', 's'])
                .split_whitespace()
                .all(|w| ex.cues.title_words.is_word(w));
            let possessive_modifier = prev.possessive && only_titles;
            let title_modifier = !between_words.is_empty()
                && only_titles
                && !between.contains(',')
                && prev.kind == MentionKind::Name;
            if m.kind == MentionKind::Name
                && (possessive_modifier
                    || title_modifier
                    || between_words.is_empty() && prev.kind == MentionKind::Name)
            {
                last.mentions.pop();
                last.mentions.push((*m).clone());
                last.span.end = m.span.end;
                continue;
            }
            // Affiliation: "President Volodymyr Zelensky of Ukraine".
            if between_words == "of"
                && m.kind == MentionKind::Name
                && prev.kind == MentionKind::Name
                && !prev.possessive
            {
                last.span.end = m.span.end;
                continue;
            }
            if is_coordination(ex, between) && !prev.possessive {
                last.mentions.push((*m).clone());
                last.span.end = m.span.end;
                continue;
            }
        }
        groups.push(Group {
            mentions: vec![(*m).clone()],
            span: m.span,
        });
    }
    groups
}

/// True when the text between two mentions only coordinates them.
fn is_coordination(ex: &Extractor, between: &str) -> bool {
    let b = between.trim();
    if b.is_empty() || b.contains(['.', ';', '—', '(', ')', '“', '”', '"']) {
        return false;
    }
    let mut saw_joiner = false;
    for w in b.split(|c: char| c.is_whitespace() || c == ',') {
        if w.is_empty() {
            continue;
        }
        match w {
            "and" | "or" | "&" => saw_joiner = true,
            "the" | "most" | "other" | "some" | "many" | "several" | "both" | "as" | "well"
            | "including" | "among" | "notably" | "particularly" => {}
            _ if ex.cues.title_words.is_word(w) => {}
            _ if w.starts_with(|c: char| c.is_uppercase()) && is_adjective_like(w) => {}
            _ => return false,
        }
    }
    saw_joiner || b.starts_with(',')
}

fn is_adjective_like(w: &str) -> bool {
    w.ends_with("an")
        || w.ends_with("ish")
        || w.ends_with("ese")
        || w.ends_with("ch")
        || w.ends_with("ic")
}

/// Clause-internal ranges that are bounded: background clauses introduced by a subordinator at a
/// clause start, and relative clauses after a mention.
fn bounded_clauses(
    ex: &Extractor,
    text: &str,
    s: Span,
    speech: &[Span],
    mentions: &[Mention],
) -> Vec<(Span, BoundKind)> {
    let mut out = Vec::new();
    for w in ex.cues.subordinators.find(text, s) {
        if speech.iter().any(|q| q.contains(w)) || !clause_initial(text, s.start, w.start) {
            continue;
        }
        out.push((
            Span::new(w.start, clause_end(text, w.end, s.end, speech)),
            BoundKind::Background,
        ));
    }
    // Relative clauses: ", who", "— which", ", whom".
    static REL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        super::lexicon::regex(r"(?:,|—|–)\s*(who|whom|which)\b").expect("valid")
    });
    for c in REL.captures_iter(&text[s.range()]) {
        let (Some(all), Some(word)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let start = s.start + word.start();
        let comma = s.start + all.start();
        let after_mention = mentions.iter().any(|m| {
            m.span.end <= comma
                && text[m.span.end..comma]
                    .trim_start_matches(['’', '\'', 's'])
                    .trim()
                    .is_empty()
        });
        let kind = if word.as_str() == "whom" || !after_mention {
            BoundKind::Background
        } else {
            BoundKind::Relative
        };
        out.push((
            Span::new(start, clause_end(text, start + word.len(), s.end, speech)),
            kind,
        ));
    }
    out.sort_by_key(|(sp, _)| sp.start);
    out
}

/// Conditions and questions: "if ...", "whether ...", "Asked about ...," up to the clause end.
fn hypothetical_ranges(ex: &Extractor, text: &str, s: Span, speech: &[Span]) -> Vec<Span> {
    ex.cues
        .hypothetical
        .find(text, s)
        .into_iter()
        .filter(|w| !speech.iter().any(|q| q.contains(*w)))
        .map(|w| Span::new(w.start, clause_end(text, w.end, s.end, speech)))
        .collect()
}

/// True if position `at` starts a clause: sentence start or after , ; — ( or a conjunction.
fn clause_initial(text: &str, sentence_start: usize, at: usize) -> bool {
    let before = text[sentence_start..at].trim_end();
    if before.is_empty() {
        return true;
    }
    if before.ends_with([',', ';', '—', '–', '(', ':']) {
        return true;
    }
    let last = before.rsplit(char::is_whitespace).next().unwrap_or("");
    matches!(
        last,
        "and" | "but" | "But" | "And" | "Yet" | "yet" | "that" | "even"
    ) && before.len() > last.len()
        || matches!(last, "But" | "And" | "Yet") && before.len() == last.len()
}

/// The end of the clause that starts at `from`: the next , ; — or the sentence end, skipping
/// commas inside speech quotes.
fn clause_end(text: &str, from: usize, end: usize, speech: &[Span]) -> usize {
    for (i, c) in text[from..end].char_indices() {
        let pos = from + i;
        if matches!(c, ',' | ';' | '—' | '–')
            && !speech.iter().any(|q| q.start <= pos && pos < q.end)
        {
            return pos;
        }
    }
    end
}

/// Finds the frames that mention groups open, in order.
fn clause_frames(
    ex: &Extractor,
    table: &ActorTable,
    view: &SentenceView<'_>,
    groups: &[Group],
    ctx: &Context,
    frames: &mut Vec<Frame>,
) {
    let text = view.text;
    let s = view.sentence.span;
    // Starts: (position, holders, bound range, kind, indirect).
    let mut starts: Vec<FrameStart> = Vec::new();
    let mut main_open_speech = false;
    let mut quote_frames: Vec<Frame> = frames.clone();
    let according = ex
        .cues
        .speech
        .find(text, s)
        .into_iter()
        .find(|v| text[v.range()].eq_ignore_ascii_case("according to"));
    for (gi, g) in groups.iter().enumerate() {
        let first = &g.mentions[0];
        let bound = view
            .bounded
            .iter()
            .find(|(b, _)| b.start <= g.span.start && g.span.end <= b.end);
        // Passive agents are handled separately.
        let prev = previous_token(
            text,
            s.start,
            skip_back(ex, table, text, s.start, g.span.start),
        );
        if prev.as_deref() == Some("by") {
            continue;
        }
        let stance_noun = g.mentions.last().is_some_and(|m| m.possessive)
            && next_word_is(ex, text, g.span.end, s.end);
        if g.mentions.last().is_some_and(|m| m.possessive) && !stance_noun {
            continue;
        }
        let according_holder = according
            .is_some_and(|a| a.end <= g.span.start && text[a.end..g.span.start].trim().is_empty());
        let eligible = stance_noun || according_holder || is_subject_position(prev.as_deref());
        let (kind, bound_span) = match bound {
            Some((b, BoundKind::Background)) => (FrameKind::Background, Some(*b)),
            Some((b, BoundKind::Relative)) => (FrameKind::Clause, Some(*b)),
            // "Russia rejected Trump's demand for a ceasefire": the possessed stance noun is
            // the object of another holder's verb. It gives its possessor a position of its own
            // without ending the verb's clause.
            None if stance_noun && !is_subject_position(prev.as_deref()) => {
                let next_group = groups.get(gi + 1).map_or(s.end, |n| n.span.start);
                let end = clause_end(text, g.span.end, s.end, &view.speech).min(next_group);
                (FrameKind::Clause, Some(Span::new(g.span.start, end)))
            }
            None => (FrameKind::Clause, None),
        };
        if !eligible {
            continue;
        }
        // Inside reported speech, later subjects are part of what was said, unless a possessed
        // stance noun or a clause boundary opens a new holder.
        if kind == FrameKind::Clause
            && bound_span.is_none()
            && main_open_speech
            && !stance_noun
            && !according_holder
        {
            let strong = matches!(prev.as_deref(), Some(";" | "—" | "–"))
                || prev.as_deref() == Some("but")
                    && text[..g.span.start]
                        .trim_end()
                        .trim_end_matches("but")
                        .trim_end()
                        .ends_with(',');
            if !strong || first.kind != MentionKind::Name {
                continue;
            }
        }
        let mut holders = Vec::new();
        let mut indirect = false;
        for m in &g.mentions {
            if let Some(a) = resolve(table, m, ctx, &quote_frames) {
                indirect |= m.kind != MentionKind::Name && m.kind != MentionKind::Group;
                if !holders.contains(&a) {
                    holders.push(a);
                }
            }
        }
        if holders.is_empty() {
            continue;
        }
        if according_holder {
            // "..., according to Yuri Ushakov": the holder of the whole sentence.
            starts.retain(|st| st.2.is_some());
            starts.insert(0, (s.start, holders, None, FrameKind::Clause, indirect));
            continue;
        }
        if kind == FrameKind::Clause && bound_span.is_none() {
            let next = groups.get(gi + 1).map_or(s.end, |n| n.span.start);
            main_open_speech = !view
                .verbs
                .find(
                    &ex.cues.speech,
                    text,
                    Span::new(g.span.end, next.max(g.span.end)),
                )
                .is_empty()
                || main_open_speech && !stance_noun;
        }
        quote_frames.push(Frame {
            holders: holders.clone(),
            kind,
            start: g.span.start,
            content: Vec::new(),
            indirect,
            resumed: false,
        });
        starts.push((g.span.start, holders, bound_span, kind, indirect));
    }
    // Relative clauses take the holder of the mention right before them.
    for (b, kind) in &view.bounded {
        if *kind != BoundKind::Relative || starts.iter().any(|st| st.2 == Some(*b)) {
            continue;
        }
        let comma = text[s.start..b.start].trim_end().len() + s.start;
        let head = groups.iter().rev().find(|g| {
            g.span.end <= comma
                && text[g.span.end..b.start]
                    .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '—' | '–'))
                    .is_empty()
        });
        if let Some(g) = head {
            let holders: Vec<usize> = g
                .mentions
                .iter()
                .filter_map(|m| resolve(table, m, ctx, &quote_frames))
                .collect();
            if !holders.is_empty() {
                starts.push((b.start, holders, Some(*b), FrameKind::Clause, false));
            }
        }
    }
    starts.sort_by_key(|st| st.0);
    // Content of each frame: bounded frames keep their range; main frames run to the next main
    // start, minus bounded ranges and speech quotes.
    let main_starts: Vec<usize> = starts
        .iter()
        .filter(|st| st.2.is_none())
        .map(|st| st.0)
        .collect();
    for (start, holders, bound, kind, indirect) in starts {
        let range = match bound {
            Some(b) => Span::new(start.max(b.start), b.end),
            None => {
                let next = main_starts
                    .iter()
                    .copied()
                    .find(|&p| p > start)
                    .unwrap_or(s.end);
                Span::new(start, next)
            }
        };
        let mut content = vec![range];
        let mut cut: Vec<Span> = view.speech.clone();
        if bound.is_none() {
            cut.extend(view.bounded.iter().map(|(b, _)| *b));
        } else {
            cut.extend(
                view.bounded
                    .iter()
                    .map(|(b, _)| *b)
                    .filter(|b| Some(*b) != bound && !b.contains(range)),
            );
        }
        for c in cut {
            content = subtract(&content, c);
        }
        frames.push(Frame {
            holders,
            kind,
            start,
            content,
            indirect,
            resumed: false,
        });
    }
}

fn subtract(spans: &[Span], cut: Span) -> Vec<Span> {
    let mut out = Vec::new();
    for sp in spans {
        if cut.end <= sp.start || cut.start >= sp.end {
            out.push(*sp);
            continue;
        }
        if sp.start < cut.start {
            out.push(Span::new(sp.start, cut.start));
        }
        if cut.end < sp.end {
            out.push(Span::new(cut.end, sp.end));
        }
    }
    out
}

/// Moves left from `pos` over titles, nationality adjectives, determiners and "leaders of".
fn skip_back(ex: &Extractor, table: &ActorTable, text: &str, lo: usize, mut pos: usize) -> usize {
    loop {
        let Some((tok, start)) = previous_token_at(text, lo, pos) else {
            return pos;
        };
        let lower = tok.to_lowercase();
        let skip = ex.cues.title_words.is_word(&tok)
            || matches!(
                lower.as_str(),
                "the"
                    | "a"
                    | "an"
                    | "most"
                    | "some"
                    | "other"
                    | "many"
                    | "several"
                    | "all"
                    | "both"
                    | "top"
                    | "senior"
            )
            || table
                .iter()
                .any(|a| a.adjectives.iter().any(|adj| adj == &tok))
            || (lower == "of"
                && previous_token_at(text, lo, start).is_some_and(|(t, _)| {
                    ex.cues.group_nouns.is_word(&t) || ex.cues.title_words.is_word(&t)
                }))
            || ex.cues.group_nouns.is_word(&tok)
                && previous_token_at(text, lo, start)
                    .is_some_and(|(t, _)| t.eq_ignore_ascii_case("the"));
        if !skip {
            return pos;
        }
        pos = start;
    }
}

/// The token before `pos` (not before `lo`): a word or a single punctuation mark.
fn previous_token_at(text: &str, lo: usize, pos: usize) -> Option<(String, usize)> {
    let before = text[lo..pos].trim_end();
    if before.is_empty() {
        return None;
    }
    let last = before.chars().next_back()?;
    if !(last.is_alphanumeric() || last == '.') {
        let start = lo + before.len() - last.len_utf8();
        return Some((last.to_string(), start));
    }
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || matches!(c, '.' | '-' | '\'' | '’'))
        .last()
        .map_or(before.len(), |(i, _)| i);
    Some((before[word_start..].to_string(), lo + word_start))
}

fn previous_token(text: &str, lo: usize, pos: usize) -> Option<String> {
    previous_token_at(text, lo, pos).map(|(t, _)| t.to_lowercase())
}

/// True if a mention preceded by `prev` is in subject position.
fn is_subject_position(prev: Option<&str>) -> bool {
    match prev {
        None => true,
        Some(p) => matches!(
            p,
            "," | ";"
                | ":"
                | "—"
                | "–"
                | "("
                | "“"
                | "\""
                | "and"
                | "but"
                | "yet"
                | "so"
                | "that"
                | "however"
                | "meanwhile"
                | "also"
                | "then"
                | "now"
                | "while"
                | "when"
                | "as"
                | "though"
                | "although"
                | "because"
                | "since"
                | "after"
                | "before"
                | "if"
                | "once"
                | "whereas"
                | "where"
                | "even"
                | "instead"
                | "still"
                | "whom"
        ),
    }
}

/// True if the word after a possessive at `pos` is a stance noun ("Ukraine's insistence").
fn next_word_is(ex: &Extractor, text: &str, pos: usize, end: usize) -> bool {
    let rest = text[pos..end]
        .trim_start_matches(['’', '\'', 's'])
        .trim_start();
    let words: Vec<&str> = rest.split_whitespace().take(3).collect();
    // Allow one adjective: "Moscow's stated preference".
    words.iter().take(2).any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        ex.cues.stance_nouns.is_word(w)
    })
}

/// Resolves a mention to an actor: names directly, pronouns to the nearest fitting antecedent
/// (a subject first), descriptions to the last fitting person named.
fn resolve(table: &ActorTable, m: &Mention, ctx: &Context, frames: &[Frame]) -> Option<usize> {
    match m.kind {
        MentionKind::Name | MentionKind::Group => m.actor,
        MentionKind::Pronoun(p) => {
            let fits = |a: usize| {
                let actor = table.get(a);
                match p {
                    Pronoun::He => {
                        actor.kind == crate::config::ActorKind::Person
                            && actor.gender != Gender::Female
                    }
                    Pronoun::She => {
                        actor.kind == crate::config::ActorKind::Person
                            && actor.gender != Gender::Male
                    }
                    Pronoun::They => super::is_plural_kind(actor.kind),
                }
            };
            // A holder earlier in this sentence ("Trump said that he ..."), then the previous
            // sentence's subject, then the nearest actor named.
            let in_sentence = frames
                .iter()
                .rev()
                .filter(|f| f.start < m.span.start && f.kind != FrameKind::Background)
                .flat_map(|f| f.holders.iter().copied())
                .find(|&a| fits(a));
            if in_sentence.is_some() {
                return in_sentence;
            }
            if p == Pronoun::They && ctx.prev_subject.len() > 1 {
                return ctx.prev_subject.first().copied();
            }
            ctx.prev_subject
                .iter()
                .copied()
                .find(|&a| fits(a))
                .or_else(|| ctx.recent.iter().rev().map(|(a, _)| *a).find(|&a| fits(a)))
        }
        MentionKind::Description => {
            let role = m.role.as_deref().unwrap_or("");
            let candidates = ctx.recent.iter().rev().map(|(a, _)| *a).filter(|&a| {
                let actor = table.get(a);
                actor.kind == crate::config::ActorKind::Person
                    && m.qualifier
                        .is_none_or(|q| table.chain(a).contains(&table.get(q).id))
            });
            let mut first = None;
            for a in candidates {
                if table.get(a).roles.iter().any(|r| r == role) {
                    return Some(a);
                }
                first.get_or_insert(a);
            }
            first
        }
    }
}

/// Turns a frame's topics into claims.
fn emit_frame(
    ex: &Extractor,
    doc: &Document,
    table: &ActorTable,
    view: &SentenceView<'_>,
    frame: &Frame,
    ctx: &mut Context,
    claims: &mut Vec<Claim>,
) {
    let text = view.text;
    let s = view.sentence.span;
    let headline = view.sentence.role == BlockRole::Headline;
    // Co-holders share one antecedent: what was named before this frame.
    let history_len = ctx.history.len();
    let positions_len = ctx.positions.len();
    for &holder in &frame.holders {
        let chain = table.chain(holder);
        let mut hits: Vec<TopicHit> = frame
            .content
            .iter()
            .flat_map(|c| ex.topics.find(&view.topics, text, *c, &chain))
            .filter(|h| !view.hypothetical.iter().any(|r| r.contains(h.span)))
            .filter(|h| !preceded_by_temporal(ex, text, s.start, h.span.start))
            .collect();
        hits.sort_by_key(|h| h.span.start);
        let speech_verb = frame
            .content
            .iter()
            .any(|c| !view.verbs.find(&ex.cues.speech, text, *c).is_empty());
        let others: Vec<Span> = ex
            .topics
            .find(&view.topics, text, s, &chain)
            .iter()
            .map(|h| h.span)
            .collect();
        let kind = if headline {
            ClaimKind::Headline
        } else if frame.kind == FrameKind::Quote {
            ClaimKind::Quote
        } else if speech_verb {
            ClaimKind::Reported
        } else {
            ClaimKind::Description
        };
        let mut emitted: Vec<usize> = Vec::new();
        for hit in &hits {
            if emitted.contains(&hit.topic) {
                continue;
            }
            let content = frame
                .content
                .iter()
                .find(|c| c.contains(hit.span))
                .copied()
                .unwrap_or(s);
            let out = stance::decide(
                &ex.cues,
                &StanceInput {
                    text,
                    content,
                    hit: hit.span,
                    others: &others,
                    hypothetical: &view.hypothetical,
                    inherited: None,
                },
            );
            let named = stance::named_polarity(&ex.cues, text, s.start, hit.span);
            ctx.history.push((hit.topic, named, view.sentence.index));
            // A background clause ("Though Russia has dismissed the proposal, ...") still
            // describes its holder's position, less centrally than the main clause.
            let weight = if frame.kind == FrameKind::Background {
                0.85
            } else {
                1.0
            };
            push_claim(
                ex, doc, table, view, holder, hit.topic, out.stance, kind, out.cues, frame, weight,
                ctx, claims,
            );
            emitted.push(hit.topic);
        }
        if !hits.is_empty() {
            continue;
        }
        // No topic named: an anaphor ("the idea", "such a commitment") or, for a quote, the topic
        // of the question it answers, of the quote it continues, or of the paragraph before.
        let unrelated = |other: usize| {
            let (mine, theirs) = (table.chain(holder), table.chain(other));
            !mine.contains(&table.get(other).id) && !theirs.contains(&table.get(holder).id)
        };
        if let Some((topic, polarity, anchor)) = anaphor(
            ex,
            text,
            frame,
            &ctx.history[..history_len],
            &ctx.positions[..positions_len],
            &unrelated,
            view.sentence.index,
        ) {
            let content = frame
                .content
                .iter()
                .find(|c| c.contains(anchor))
                .copied()
                .unwrap_or(s);
            let out = stance::decide(
                &ex.cues,
                &StanceInput {
                    text,
                    content,
                    hit: anchor,
                    others: &others,
                    hypothetical: &view.hypothetical,
                    inherited: Some((polarity, true)),
                },
            );
            push_claim(
                ex, doc, table, view, holder, topic, out.stance, kind, out.cues, frame, 0.8, ctx,
                claims,
            );
            continue;
        }
        if frame.kind != FrameKind::Quote {
            continue;
        }
        let q = frame.content[0];
        // The question this quote answers, in the same sentence.
        let question = ex
            .topics
            .find(&view.topics, text, s, &chain)
            .into_iter()
            .find(|h| !q.contains(h.span));
        if let Some(h) = question {
            let asked = stance::decide(
                &ex.cues,
                &StanceInput {
                    text,
                    content: s,
                    hit: h.span,
                    others: &others,
                    hypothetical: &[],
                    inherited: None,
                },
            );
            let out = stance::decide(
                &ex.cues,
                &StanceInput {
                    text,
                    content: q,
                    hit: Span::new(q.end, q.end),
                    others: &others,
                    hypothetical: &view.hypothetical,
                    inherited: Some((asked.polarity, true)),
                },
            );
            push_claim(
                ex, doc, table, view, holder, h.topic, out.stance, kind, out.cues, frame, 0.75,
                ctx, claims,
            );
            continue;
        }
        // The quote it continues, or the paragraph before it.
        let continued = ctx
            .prev_quote
            .as_ref()
            .filter(|(who, topics, _)| *who == holder && !topics.is_empty() && frame.resumed)
            .map(|(_, topics, _)| topics[0]);
        let from_paragraph = (ctx.prev_block_topics.len() == 1 && starts_block(doc, view))
            .then(|| (ctx.prev_block_topics[0], false));
        if let Some((topic, full)) = continued.or(from_paragraph) {
            let out = stance::decide(
                &ex.cues,
                &StanceInput {
                    text,
                    content: q,
                    hit: Span::new(q.end, q.end),
                    others: &others,
                    hypothetical: &view.hypothetical,
                    inherited: Some((Polarity::Positive, full)),
                },
            );
            push_claim(
                ex, doc, table, view, holder, topic, out.stance, kind, out.cues, frame, 0.6, ctx,
                claims,
            );
        }
    }
}

/// True if the sentence is the first of its block.
fn starts_block(doc: &Document, view: &SentenceView<'_>) -> bool {
    doc.blocks
        .get(view.sentence.block)
        .is_some_and(|b| b.span.trim(view.text).start == view.sentence.span.start)
}

/// An anaphor in the frame's content that points back to the last topic named.
fn anaphor(
    ex: &Extractor,
    text: &str,
    frame: &Frame,
    history: &[(usize, Polarity, usize)],
    positions: &[(usize, Polarity, usize, usize)],
    unrelated: &dyn Fn(usize) -> bool,
    sentence: usize,
) -> Option<(usize, Polarity, Span)> {
    for c in &frame.content {
        for a in ex.cues.anaphors.find(text, *c) {
            // "the prospect of such a meeting" is not anaphoric: it says what it refers to.
            let next = text[a.end..].trim_start();
            if ["of ", "for ", "to ", "that "]
                .iter()
                .any(|p| next.starts_with(p))
            {
                continue;
            }
            // A pronoun ("it", "this") reaches back one sentence; a noun ("the idea") further.
            let pronoun = !text[a.range()].contains(' ');
            let reach = if pronoun { 1 } else { 8 };
            // "that suggestion", "the proposal": someone else's position, with its polarity.
            let head = text[a.range()].rsplit(' ').next().unwrap_or("");
            if ex.cues.stance_nouns.is_word(head)
                && let Some(p) = positions
                    .iter()
                    .rev()
                    .filter(|(_, _, _, s)| *s + reach >= sentence)
                    .find(|(_, _, who, _)| unrelated(*who))
            {
                return Some((p.0, p.1, a));
            }
            let antecedent = history
                .iter()
                .rev()
                .find(|(_, _, s)| *s + reach >= sentence)?;
            return Some((antecedent.0, antecedent.1, a));
        }
    }
    None
}

fn preceded_by_temporal(ex: &Extractor, text: &str, lo: usize, pos: usize) -> bool {
    let mut p = pos;
    // Skip a determiner and one adjective: "after a temporary ceasefire".
    for _ in 0..3 {
        let Some((tok, start)) = previous_token_at(text, lo, p) else {
            return false;
        };
        if ex.cues.temporal.is_word(&tok) {
            return true;
        }
        if !matches!(tok.to_lowercase().as_str(), "a" | "an" | "the" | "any")
            && !tok.chars().all(|c| c.is_lowercase())
        {
            return false;
        }
        p = start;
    }
    false
}

#[allow(clippy::too_many_arguments)]
fn push_claim(
    ex: &Extractor,
    doc: &Document,
    table: &ActorTable,
    view: &SentenceView<'_>,
    holder: usize,
    topic: usize,
    stance: Stance,
    kind: ClaimKind,
    cues: Vec<String>,
    frame: &Frame,
    weight: f32,
    ctx: &mut Context,
    claims: &mut Vec<Claim>,
) {
    if let Some(p) = Polarity::of(stance) {
        ctx.positions.push((topic, p, holder, view.sentence.index));
    }
    let actor = table.get(holder);
    let span = view.sentence.span;
    let base = match kind {
        ClaimKind::Quote => 0.9,
        ClaimKind::Reported => 0.85,
        ClaimKind::Headline => 0.75,
        ClaimKind::Description => 0.7,
    };
    let mut confidence = base * weight;
    if frame.indirect {
        confidence *= 0.9;
    }
    if stance == Stance::Unclear {
        confidence = confidence.min(0.3);
    }
    claims.push(Claim {
        article: doc.id.clone(),
        actor: ActorRef {
            id: actor.id.clone(),
            name: actor.name.clone(),
        },
        topic: ex.topics.ids[topic].clone(),
        stance,
        kind,
        evidence: view.text[span.range()].to_string(),
        span,
        sentence: view.sentence.index,
        cues,
        confidence: (confidence * 100.0).round() / 100.0,
    });
}

/// Passive agents share or oppose the position named before them in the sentence.
fn passive_agents(
    ex: &Extractor,
    table: &ActorTable,
    view: &SentenceView<'_>,
    groups: &[Group],
    ctx: &mut Context,
    claims: &mut Vec<Claim>,
    first_new: usize,
) {
    let text = view.text;
    let s = view.sentence.span;
    let participles: Vec<(Span, bool)> = ex
        .cues
        .agent_same
        .find(text, s)
        .into_iter()
        .map(|p| (p, true))
        .chain(
            ex.cues
                .agent_opposite
                .find(text, s)
                .into_iter()
                .map(|p| (p, false)),
        )
        .collect();
    for (p, same) in participles {
        let rest = &text[p.end..s.end];
        let Some(after_by) = rest.trim_start().strip_prefix("by ") else {
            continue;
        };
        let agent_start = s.end - after_by.len();
        let Some(g) = groups.iter().find(|g| {
            g.span.start >= agent_start
                && text[agent_start..g.span.start].split_whitespace().all(|w| {
                    matches!(w, "the" | "most" | "some" | "other")
                        || ex.cues.title_words.is_word(w)
                        || table
                            .iter()
                            .any(|a| a.adjectives.iter().any(|adj| adj == w))
                })
        }) else {
            continue;
        };
        // The position: the last claim made earlier in this sentence.
        let Some(antecedent) = claims[first_new..]
            .iter()
            .rev()
            .find(|c| c.span == s && c.stance != Stance::Unclear)
            .cloned()
        else {
            continue;
        };
        let stance = if same {
            antecedent.stance
        } else {
            match antecedent.stance {
                Stance::Support | Stance::Conditional => Stance::Oppose,
                Stance::Oppose => Stance::Support,
                other => other,
            }
        };
        for m in &g.mentions {
            let Some(a) = resolve(table, m, ctx, &[]) else {
                continue;
            };
            let actor = table.get(a);
            let cue = text[p.range()].to_string();
            claims.push(Claim {
                actor: ActorRef {
                    id: actor.id.clone(),
                    name: actor.name.clone(),
                },
                stance,
                kind: ClaimKind::Description,
                cues: vec![format!("{cue} by")],
                confidence: 0.6,
                ..antecedent.clone()
            });
        }
    }
}
