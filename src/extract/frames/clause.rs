//! Subjects and the clauses they govern: reported speech ("Trump said that ...") and the
//! journalist's descriptions ("Russia refused to accept ..."), which differ only in their claim
//! kind. A possessed stance noun ("Ukraine's insistence on ...") opens a frame of its own, even as
//! the object of another holder's verb.

use super::bounds::{BoundKind, clause_end};
use super::groups::Group;
use super::position::{
    authors_statement, described_subject, group_follows, is_subject_position, listed_subject,
    stance_noun_follows, token_before,
};
use super::{Frame, FrameKind, FrameStart, SentenceView, according_to, trailing};
use crate::extract::Extractor;
use crate::extract::actors::{ActorTable, MentionKind};
use crate::extract::pipeline::Article;
use crate::extract::resolve::{Antecedents, resolve};
use crate::text::Span;

/// The walk over a sentence's holder groups, in text order.
pub(super) struct Walk {
    /// The frames started so far.
    pub(super) starts: Vec<FrameStart>,
    /// The frames so far, quotes included, for pronouns that point back to a holder earlier in
    /// the sentence.
    pub(super) seen: Vec<Frame>,
    /// Whether the main clause so far reports speech: a later subject is then part of what was
    /// said.
    open_speech: bool,
}

/// What a group's place in the sentence makes of it.
struct Role {
    /// The token before the group, once titles and determiners are skipped.
    prev: Option<String>,
    /// A possessive followed by a stance noun ("Ukraine's insistence").
    stance_noun: bool,
    /// The group names the source after "according to".
    according: bool,
    kind: FrameKind,
    /// The bounded range the frame is confined to, if any.
    bound: Option<Span>,
}

/// Starts a frame for each holder group in subject position, after "according to", or before a
/// stance noun; `quotes` are the sentence's quote frames.
pub(super) fn walk(
    article: &Article<'_>,
    view: &SentenceView<'_>,
    groups: &[Group],
    before: &Antecedents,
    quotes: &[Frame],
) -> Walk {
    let according = according_to::cue(article.ex, &view.verbs, view.text, view.sentence.span);
    let mut walk = Walk {
        starts: Vec::new(),
        seen: quotes.to_vec(),
        open_speech: false,
    };
    for (gi, g) in groups.iter().enumerate() {
        // "..., Cole said.": the speaker holds what came before, as after "according to".
        if trailing::names_speaker(article.ex, view, groups, gi) {
            if let Some((holders, indirect)) = resolve_group(&article.table, g, before, &walk.seen)
            {
                let start = view.sentence.span.start;
                according_to::take_over(&mut walk.starts, start, holders, indirect);
            }
            continue;
        }
        let Some(role) = role(article, view, groups, gi, according) else {
            continue;
        };
        if continues_speech(&role, walk.open_speech, view.text, g) {
            continue;
        }
        let Some((holders, indirect)) = resolve_group(&article.table, g, before, &walk.seen) else {
            continue;
        };
        if role.according {
            according_to::take_over(
                &mut walk.starts,
                view.sentence.span.start,
                holders,
                indirect,
            );
            continue;
        }
        if role.kind == FrameKind::Clause && role.bound.is_none() {
            walk.open_speech =
                opens_speech(article, view, groups, gi) || walk.open_speech && !role.stance_noun;
        }
        walk.seen.push(Frame {
            holders: holders.clone(),
            kind: role.kind,
            start: g.span.start,
            content: Vec::new(),
            indirect,
            resumed: false,
        });
        walk.starts.push(FrameStart {
            at: g.span.start,
            holders,
            bound: role.bound,
            kind: role.kind,
            indirect,
        });
    }
    walk
}

/// The role of group `gi`, or `None` if it cannot hold a frame: a passive agent (see
/// [`super::passive`]), a possessive not followed by a stance noun, or an object.
fn role(
    article: &Article<'_>,
    view: &SentenceView<'_>,
    groups: &[Group],
    gi: usize,
    according: Option<Span>,
) -> Option<Role> {
    let (ex, text, s) = (article.ex, view.text, view.sentence.span);
    let g = &groups[gi];
    let prev = token_before(ex, &article.table, text, s.start, g.span.start);
    // "a statement by X said ...": X speaks; otherwise "by X" is a passive agent.
    let author = matches!(prev.as_deref(), Some("by" | "from"))
        && authors_statement(ex, &article.table, text, s.start, g.span.start);
    if prev.as_deref() == Some("by") && !author {
        return None;
    }
    let possessive = g.mentions.last().is_some_and(|m| m.possessive);
    let stance_noun = possessive && stance_noun_follows(ex, text, g.span.end, s.end);
    let subject = is_subject_position(prev.as_deref())
        || author
        || described_subject(ex, &article.table, text, s.start, g.span.start)
            && !after_holder_in_clause(ex, text, groups, gi)
        || matches!(prev.as_deref(), Some("including" | "like" | "as"))
            && listed_subject(ex, text, s.start, g.span.start, g.span.end);
    // "Russia's defence ministry said": a possessed group or title speaks for its possessor.
    let spokes_body = possessive && subject && group_follows(ex, text, g.span.end, s.end);
    if possessive && !stance_noun && !spokes_body {
        return None;
    }
    let according = according_to::holds(according, text, g.span);
    if !(stance_noun || according || subject) {
        return None;
    }
    let (kind, bound) = kind_and_bound(view, groups, gi, stance_noun && !subject);
    Some(Role {
        prev,
        stance_noun,
        according,
        kind,
        bound,
    })
}

/// True if another group comes before group `gi` with only a verb of position between: "Cole
/// backs Drinks Federation" is no description ("Celebrity chef Jamie Oliver") of a subject, but
/// a holder and its object.
fn after_holder_in_clause(ex: &Extractor, text: &str, groups: &[Group], gi: usize) -> bool {
    let start = groups[gi].span.start;
    gi.checked_sub(1).is_some_and(|p| {
        let between = &text[groups[p].span.end..start];
        !between.contains([',', ';', ':', '.', '—'])
            && between.split_whitespace().any(|w| {
                let w = w.to_lowercase();
                ex.cues.support.is_word(&w) || ex.cues.negators.is_word(&w)
            })
    })
}

/// The frame kind of group `gi` and the range it is confined to: the bounded clause it stands in,
/// or, for a possessed stance noun that is an object (`object_noun`), its own phrase.
fn kind_and_bound(
    view: &SentenceView<'_>,
    groups: &[Group],
    gi: usize,
    object_noun: bool,
) -> (FrameKind, Option<Span>) {
    let (text, s, g) = (view.text, view.sentence.span, &groups[gi]);
    let bound = view
        .bounded
        .iter()
        .find(|(b, _)| b.start <= g.span.start && g.span.end <= b.end);
    match bound {
        Some((b, BoundKind::Background)) => (FrameKind::Background, Some(*b)),
        Some((b, BoundKind::Relative)) => (FrameKind::Clause, Some(*b)),
        // "Russia rejected Trump's demand for a ceasefire": the possessed stance noun is the
        // object of another holder's verb. It gives its possessor a position of its own without
        // ending the verb's clause. The noun's phrase ends with the topic it names: in "Moscow's
        // refusal to stop fighting blocked progress", "blocked" is not Moscow's.
        None if object_noun => {
            let next_group = groups.get(gi + 1).map_or(s.end, |n| n.span.start);
            let end = clause_end(text, g.span.end, s.end, &view.speech).min(next_group);
            let end = view
                .topics
                .first_end(Span::new(g.span.end, end))
                .map_or(end, |e| e.min(end));
            (FrameKind::Clause, Some(Span::new(g.span.start, end)))
        }
        None => (FrameKind::Clause, None),
    }
}

/// True if the group is part of what the main clause reports (`open_speech`): inside reported
/// speech, later subjects belong to what was said, unless a possessed stance noun, "according
/// to", or a strong boundary before a name (`; Zelensky`, `, but Zelensky`) opens a new holder.
fn continues_speech(role: &Role, open_speech: bool, text: &str, g: &Group) -> bool {
    if !(role.kind == FrameKind::Clause
        && role.bound.is_none()
        && open_speech
        && !role.stance_noun
        && !role.according)
    {
        return false;
    }
    let prev = role.prev.as_deref();
    let strong = matches!(prev, Some(";" | "—" | "–"))
        || prev == Some("but")
            && text[..g.span.start]
                .trim_end()
                .trim_end_matches("but")
                .trim_end()
                .ends_with(',');
    !strong || g.mentions[0].kind != MentionKind::Name
}

/// The actors of a group, each once, and whether any was reached through a pronoun or
/// description; `None` if none resolves.
fn resolve_group(
    table: &ActorTable<'_>,
    g: &Group,
    before: &Antecedents,
    seen: &[Frame],
) -> Option<(Vec<usize>, bool)> {
    let mut holders = Vec::new();
    let mut indirect = false;
    for m in &g.mentions {
        if let Some(a) = resolve(table, m, before, seen) {
            indirect |= m.kind != MentionKind::Name && m.kind != MentionKind::Group;
            if !holders.contains(&a) {
                holders.push(a);
            }
        }
    }
    (!holders.is_empty()).then_some((holders, indirect))
}

/// True if a speech verb follows group `gi` before the next group.
fn opens_speech(
    article: &Article<'_>,
    view: &SentenceView<'_>,
    groups: &[Group],
    gi: usize,
) -> bool {
    let (g, s) = (&groups[gi], view.sentence.span);
    let next = groups.get(gi + 1).map_or(s.end, |n| n.span.start);
    !view
        .verbs
        .find(
            &article.ex.cues.speech,
            view.text,
            Span::new(g.span.end, next.max(g.span.end)),
        )
        .is_empty()
}
