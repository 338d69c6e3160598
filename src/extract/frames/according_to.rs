//! "..., according to Yuri Ushakov": the source named after "according to" holds the whole
//! sentence, whatever subjects came before it.

use super::{FrameKind, FrameStart};
use crate::extract::Extractor;
use crate::extract::lexicon::WordScan;
use crate::text::Span;

/// The "according to" cue of sentence `s`, if any, from the sentence's speech verbs.
pub(super) fn cue(ex: &Extractor, verbs: &WordScan, text: &str, s: Span) -> Option<Span> {
    verbs
        .find(&ex.cues.speech, text, s)
        .into_iter()
        .find(|v| text[v.range()].eq_ignore_ascii_case("according to"))
}

/// True if the group at `group` comes right after the cue.
pub(super) fn holds(cue: Option<Span>, text: &str, group: Span) -> bool {
    cue.is_some_and(|a| a.end <= group.start && text[a.end..group.start].trim().is_empty())
}

/// Makes the source the holder of the sentence: its main frames so far give way, and its frame
/// starts at the sentence start. Bounded frames keep their own holders.
pub(super) fn take_over(
    starts: &mut Vec<FrameStart>,
    sentence_start: usize,
    holders: Vec<usize>,
    indirect: bool,
) {
    starts.retain(|st| st.bound.is_some());
    starts.insert(
        0,
        FrameStart {
            at: sentence_start,
            holders,
            bound: None,
            kind: FrameKind::Clause,
            indirect,
        },
    );
}
