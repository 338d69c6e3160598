//! Resolution: which actor a mention stands for. Names stand for themselves; pronouns and
//! descriptions ("the Ukrainian leader") point back to an actor of this sentence or an earlier one.

use super::actors::{ActorTable, Mention, MentionKind, Pronoun};
use super::frames::{Frame, FrameKind};
use crate::config::{ActorKind, Gender};

/// What earlier sentences leave for pronouns and descriptions to point back to.
#[derive(Debug, Default)]
pub(crate) struct Antecedents {
    /// Actors named so far, most recent last.
    recent: Vec<usize>,
    /// Holders of the previous sentence's main frame.
    prev_subject: Vec<usize>,
}

impl Antecedents {
    /// Remembers a sentence's named actors and, if it had one, its main frame's holders.
    pub(crate) fn remember(&mut self, mentions: &[Mention], main_holders: Vec<usize>) {
        for m in mentions {
            if let (MentionKind::Name | MentionKind::Group, Some(a)) = (m.kind, m.actor) {
                self.recent.push(a);
            }
        }
        if !main_holders.is_empty() {
            self.prev_subject = main_holders;
        }
    }

    /// Forgets the last main holders: a headline is not the antecedent of the first paragraph's
    /// pronouns.
    pub(crate) fn forget_subject(&mut self) {
        self.prev_subject.clear();
    }
}

/// Resolves a mention to an actor: names directly, pronouns to the nearest fitting antecedent
/// (a subject first), descriptions to the last fitting person named. `frames` are the frames
/// found earlier in the sentence.
pub(crate) fn resolve(
    table: &ActorTable<'_>,
    m: &Mention,
    before: &Antecedents,
    frames: &[Frame],
) -> Option<usize> {
    match m.kind {
        MentionKind::Name | MentionKind::Group => m.actor,
        MentionKind::Pronoun(p) => pronoun(table, m, p, before, frames),
        MentionKind::Description => description(table, m, before),
    }
}

/// A holder earlier in this sentence ("Trump said that he ..."), then the previous sentence's
/// subject, then the nearest actor named.
fn pronoun(
    table: &ActorTable<'_>,
    m: &Mention,
    p: Pronoun,
    before: &Antecedents,
    frames: &[Frame],
) -> Option<usize> {
    let fits = |a: usize| fits(table, a, p);
    let in_sentence = frames
        .iter()
        .rev()
        .filter(|f| f.start < m.span.start && f.kind != FrameKind::Background)
        .flat_map(|f| f.holders.iter().copied())
        .find(|&a| fits(a));
    if in_sentence.is_some() {
        return in_sentence;
    }
    if p == Pronoun::They && before.prev_subject.len() > 1 {
        return before.prev_subject.first().copied();
    }
    before
        .prev_subject
        .iter()
        .copied()
        .find(|&a| fits(a))
        .or_else(|| before.recent.iter().rev().copied().find(|&a| fits(a)))
}

/// True if the pronoun can stand for the actor.
fn fits(table: &ActorTable<'_>, a: usize, p: Pronoun) -> bool {
    let actor = table.get(a);
    match p {
        Pronoun::He => actor.kind == ActorKind::Person && actor.gender != Gender::Female,
        Pronoun::She => actor.kind == ActorKind::Person && actor.gender != Gender::Male,
        Pronoun::They => super::is_plural_kind(actor.kind),
    }
}

/// The last person named who has the description's role ("the president"), else the last person
/// named; both within the qualifier's organisation when there is one ("the Ukrainian leader").
fn description(table: &ActorTable<'_>, m: &Mention, before: &Antecedents) -> Option<usize> {
    let role = m.role.as_deref().unwrap_or("");
    let candidates = before.recent.iter().rev().copied().filter(|&a| {
        let actor = table.get(a);
        actor.kind == ActorKind::Person
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
    // "the New Zealand prime minister" with no one named yet speaks for New Zealand; an expert
    // speaks for no one. A role only the configuration gives ("the mayor") needs a person who
    // has it: the last person named may hold quite another office.
    first
        .filter(|_| super::actors::is_builtin_role(role))
        .or(m.qualifier.filter(|_| role != "expert"))
}
