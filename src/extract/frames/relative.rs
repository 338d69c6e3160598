//! Relative clauses: "Zelensky, who has rejected ...", "the Kremlin — which ...". The clause
//! belongs to the mention right before it.

use super::bounds::BoundKind;
use super::clause::Walk;
use super::groups::Group;
use super::{FrameKind, FrameStart, SentenceView};
use crate::extract::actors::ActorTable;
use crate::extract::resolve::{Antecedents, resolve};
use crate::text::Span;

/// Starts a frame for each relative clause that has no frame yet, held by the group before it.
pub(super) fn add_starts(
    table: &ActorTable<'_>,
    view: &SentenceView<'_>,
    groups: &[Group],
    before: &Antecedents,
    walk: &mut Walk,
) {
    for (b, kind) in &view.bounded {
        if *kind != BoundKind::Relative || walk.starts.iter().any(|st| st.bound == Some(*b)) {
            continue;
        }
        let Some(g) = head(view, groups, *b) else {
            continue;
        };
        let holders: Vec<usize> = g
            .mentions
            .iter()
            .filter_map(|m| resolve(table, m, before, &walk.seen))
            .collect();
        if !holders.is_empty() {
            walk.starts.push(FrameStart {
                at: b.start,
                holders,
                bound: Some(*b),
                kind: FrameKind::Clause,
                indirect: false,
            });
        }
    }
}

/// The group right before the relative clause `b`, separated only by a comma or a dash.
fn head<'g>(view: &SentenceView<'_>, groups: &'g [Group], b: Span) -> Option<&'g Group> {
    let (text, s) = (view.text, view.sentence.span);
    let comma = text[s.start..b.start].trim_end().len() + s.start;
    groups.iter().rev().find(|g| {
        g.span.end <= comma
            && text[g.span.end..b.start]
                .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '—' | '–'))
                .is_empty()
    })
}
