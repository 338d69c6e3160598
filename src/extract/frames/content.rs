//! Content spans: what each frame governs. A bounded frame keeps its range; a main frame runs to
//! the next main frame, minus bounded ranges and speech quotes.

use super::{Frame, FrameStart, SentenceView};
use crate::text::Span;

/// The frames of the starts, in text order, with their content.
pub(super) fn frames(mut starts: Vec<FrameStart>, view: &SentenceView<'_>) -> Vec<Frame> {
    starts.sort_by_key(|st| st.at);
    let main_starts: Vec<usize> = starts
        .iter()
        .filter(|st| st.bound.is_none())
        .map(|st| st.at)
        .collect();
    let end = view.sentence.span.end;
    starts
        .into_iter()
        .map(|st| {
            let range = match st.bound {
                Some(b) => Span::new(st.at.max(b.start), b.end),
                None => {
                    let next = main_starts
                        .iter()
                        .copied()
                        .find(|&p| p > st.at)
                        .unwrap_or(end);
                    Span::new(st.at, next)
                }
            };
            Frame {
                content: content(range, st.bound, view),
                holders: st.holders,
                kind: st.kind,
                start: st.at,
                indirect: st.indirect,
                resumed: false,
            }
        })
        .collect()
}

/// The range minus speech quotes and the bounded ranges that are not the frame's own `bound`
/// (nor hold it).
fn content(range: Span, bound: Option<Span>, view: &SentenceView<'_>) -> Vec<Span> {
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
    content
}

/// The spans minus `cut`.
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
