//! Text segmentation: a document's blocks in, sentences with byte spans into the original file out.
//!
//! Sentence boundaries come from `sentencex`, then are repaired where news prose defeats it:
//! abbreviations and initials ("Mr.", "U.S.", "D.C.", "Vladimir V. Putin"), and sentence ends
//! inside quotation marks, curly or straight or mixed.

mod quotes;

use serde::Serialize;

pub use quotes::{Quote, quotes, speech_quotes};

pub use crate::layout::Span;
use crate::layout::{BlockRole, Blocked};

/// A sentence of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Sentence {
    /// Position in the article, from 0; page anchors are `#s-{index}`.
    pub index: usize,
    /// Byte span in the original file, trimmed of white space.
    pub span: Span,
    /// Index of the block (paragraph) the sentence belongs to.
    pub block: usize,
    /// The role of that block.
    pub role: BlockRole,
}

/// A document's sentences.
#[derive(Debug, Clone, Default)]
pub struct Segmented {
    pub sentences: Vec<Sentence>,
}

/// Words that end with a full stop without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "jr", "sr", "st", "gen", "sen", "rep", "gov", "lt", "col", "capt",
    "sgt", "maj", "adm", "prof", "rev", "hon", "pres", "vs", "etc", "inc", "ltd", "co", "corp",
    "no", "vol", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "u.s",
    "u.k", "u.n", "e.u", "d.c", "a.m", "p.m", "i.e", "e.g", "mt", "ft", "approx", "est", "dept",
];

/// Splits every block of a document into sentences.
///
/// Never inlined, so that a profile (callgrind's `--toggle-collect`, see BENCHMARKS.md) finds
/// it by name.
#[inline(never)]
pub fn segment(doc: &impl Blocked) -> Segmented {
    let mut sentences = Vec::new();
    for (b, block) in doc.blocks().iter().enumerate() {
        for span in split_sentences(doc.text(), block.span) {
            sentences.push(Sentence {
                index: sentences.len(),
                span,
                block: b,
                role: block.role,
            });
        }
    }
    Segmented { sentences }
}

/// Sentence spans within `within`, a span of `text`.
pub fn split_sentences(text: &str, within: Span) -> Vec<Span> {
    // A block where no cut could be kept is one sentence, whatever cuts sentencex proposes.
    split(text, within, no_cut_can_stay(&text[within.range()]))
}

/// [`split_sentences`], asking sentencex for cuts unless `one`.
fn split(text: &str, within: Span, one: bool) -> Vec<Span> {
    let slice = &text[within.range()];
    let mut cuts: Vec<usize> = Vec::new();
    let ends = if one {
        Vec::new()
    } else {
        sentence_ends(slice)
    };
    for end in ends {
        let end = end.min(slice.len());
        if end > 0 && end < slice.len() && slice.is_char_boundary(end) {
            cuts.push(end);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut kept: Vec<usize> = cuts
        .into_iter()
        .filter_map(|c| repaired(slice, c))
        .collect();
    kept.dedup();
    let mut spans = Vec::new();
    let mut start = 0;
    for cut in kept.into_iter().chain(std::iter::once(slice.len())) {
        if cut <= start {
            continue;
        }
        let span = Span::new(within.start + start, within.start + cut).trim(text);
        if !span.is_empty() {
            spans.push(span);
        }
        start = cut;
    }
    spans
}

/// Where sentencex ends each piece of `slice` (sentences and paragraph separators), in bytes:
/// the `end_byte`s of its `get_sentence_boundaries`, from its `segment`, which does not count
/// characters or note boundary symbols (empty pieces, which `segment` leaves out, end where
/// the piece before them ends).
fn sentence_ends(slice: &str) -> Vec<usize> {
    let base = slice.as_ptr() as usize;
    sentencex::segment("en", slice)
        .into_iter()
        .map(|piece| piece.as_ptr() as usize - base + piece.len())
        .collect()
}

/// Where a cut sentencex proposed at `cut` of `slice` stays, if it does. Repairs: drop cuts that
/// follow an abbreviation or an initial, or that fall before a lowercase continuation; move cuts
/// that fall before a closing quote to after it.
fn repaired(slice: &str, cut: usize) -> Option<usize> {
    let cut = extend_over_closers(slice, cut);
    if cut >= slice.len() {
        return None;
    }
    let before = slice[..cut].trim_end();
    let after = slice[cut..].trim_start();
    if after.is_empty() || before.is_empty() {
        return None;
    }
    if ends_with_abbreviation(before) && !starts_new_sentence_strongly(after) {
        return None;
    }
    if after.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit() && before.ends_with(','))
    {
        return None;
    }
    before.ends_with(SENTENCE_ENDS).then_some(cut)
}

/// The characters a sentence cut may follow (white space aside).
const SENTENCE_ENDS: [char; 12] = ['.', '!', '?', '"', '”', '’', '\'', ')', ']', '…', ':', ';'];

/// True if the repairs in [`split`] would drop every cut, wherever sentencex put it. A kept
/// cut has a sentence end ([`SENTENCE_ENDS`]) as the last character before it and, after white
/// space only, a character that is not lowercase: a block without such a pair (most quoted
/// speech: “We back it,” she said.) needs no sentencex.
fn no_cut_can_stay(slice: &str) -> bool {
    let bytes = slice.as_bytes();
    let mut from = 0;
    while let Some(i) = bytes[from..].iter().position(|&b| MAY_END[usize::from(b)]) {
        let at = from + i;
        // ” ’ … are E2 80 9D, E2 80 99 and E2 80 A6; other characters starting with E2 are no end.
        let len = if bytes[at] != 0xE2 {
            1
        } else if bytes.get(at + 1) == Some(&0x80)
            && matches!(bytes.get(at + 2), Some(0x9D | 0x99 | 0xA6))
        {
            3
        } else {
            from = at + 1;
            continue;
        };
        from = at + len;
        let next = slice[from..].trim_start().chars().next();
        if next.is_some_and(|c| !c.is_lowercase()) {
            return false;
        }
    }
    true
}

/// The bytes a character of [`SENTENCE_ENDS`] starts with.
static MAY_END: [bool; 256] = {
    let mut table = [false; 256];
    let ends = b".!?\"')]:;\xE2";
    let mut i = 0;
    while i < ends.len() {
        table[ends[i] as usize] = true;
        i += 1;
    }
    table
};

/// Moves a cut forward over closing quotes and brackets that belong to the sentence it ends.
fn extend_over_closers(slice: &str, mut cut: usize) -> usize {
    let before = slice[..cut].trim_end();
    if !before.ends_with(['.', '!', '?', ',']) {
        // sentencex may cut after the closer already, or at white space before it.
        let rest = &slice[cut..];
        let ws = rest.len() - rest.trim_start().len();
        let _ = ws;
        return cut;
    }
    cut = before.len();
    for c in slice[cut..].chars() {
        if matches!(c, '"' | '”' | '’' | '\'' | ')' | ']') {
            cut += c.len_utf8();
        } else {
            break;
        }
    }
    cut
}

/// True if `before` ends with a known abbreviation or a single-letter initial plus full stop.
fn ends_with_abbreviation(before: &str) -> bool {
    let Some(stem) = before.strip_suffix('.') else {
        return false;
    };
    let word = stem
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘' | '—' | '–'))
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    // A single capital letter: an initial ("Vladimir V. Putin") or part of "U.S.".
    let letters: Vec<char> = word.chars().collect();
    (letters.len() == 1 && letters[0].is_uppercase())
        || (letters.len() >= 3
            && letters.iter().enumerate().all(|(i, c)| {
                if i % 2 == 0 {
                    c.is_uppercase()
                } else {
                    *c == '.'
                }
            }))
}

/// After "U.S." a new sentence may still begin; these openers make that likely.
fn starts_new_sentence_strongly(after: &str) -> bool {
    let first = after.split_whitespace().next().unwrap_or("");
    matches!(
        first,
        "The"
            | "But"
            | "He"
            | "She"
            | "They"
            | "It"
            | "In"
            | "On"
            | "A"
            | "An"
            | "This"
            | "That"
            | "We"
            | "I"
            | "And"
            | "Yet"
            | "Still"
            | "However"
            | "After"
            | "When"
            | "While"
            | "As"
            | "At"
            | "If"
            | "“"
            | "\""
    ) || after.starts_with(['“', '"'])
}

/// Normalises a name for ids and lookups: lowercase, letters and digits only, dashes between words.
pub fn lookup_key(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') && !matches!(c, '.' | '\'' | '’') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_where_no_cut_can_stay_is_split_as_sentencex_would() {
        for block in [
            "Officials met for nine hours behind closed doors, according to a diplomat.",
            "The minister said she would back the plan",
            "“We will back the plan,” the minister said.",
            "Talks resume on Monday!  ",
            "- first item\n- second item\n- third item",
            "1) one thing 2) another thing",
            "Line one\nline two\n\nLine three",
            "He said — and meant it — that talks were over…",
            "A question for the mayor?”",
            "Prices rose 3.5 per cent on Monday",
            "She said: talks are over; the plan is dead.",
            "",
            "   ",
            "x",
            "“We back it,” she said. “It works.” Then he left",
            "The U.S. and the U.K. agreed on Monday.",
            "Mr. Smith said so, e.g. here. it is fine",
            "Growth was 3.5 per cent. Inflation fell.",
            "He asked: “Why?” — nobody knew… and left.",
            "(See above.) The end.\u{a0}Next one",
            "‘Yes,’ he said.’ ‘No.’",
            "Ends with an ellipsis… Or not",
        ] {
            let text = format!("Before. {block} After.");
            let within = Span::new(8, 8 + block.len());
            assert_eq!(
                split_sentences(&text, within),
                split(&text, within, false),
                "{block:?}"
            );
        }
    }

    /// The ends of `segment`'s pieces are the ends of `get_sentence_boundaries`' (empty ones
    /// aside, which repeat the end before them).
    #[test]
    fn segment_ends_where_the_sentence_boundaries_end() {
        let pieces = [
            "Word", "word", "U.S.", "Mr.", "3.5", ". ", ".", "! ", "? ", ":", "\"", "“", "”", "’",
            "…", "(", ")", " ", "\n", "\n\n", "\n\n\n", "é", "- ", "1) ", "a@b.com", "[1]",
        ];
        let mut rng = fastrand::Rng::with_seed(5);
        for round in 0..20_000 {
            let n = if round % 1000 == 0 {
                6000
            } else {
                rng.usize(0..24)
            };
            let block: String = (0..n).map(|_| pieces[rng.usize(0..pieces.len())]).collect();
            let mut expected: Vec<usize> = sentencex::get_sentence_boundaries("en", &block)
                .into_iter()
                .map(|b| b.end_byte)
                .filter(|&e| e > 0)
                .collect();
            expected.dedup();
            assert_eq!(sentence_ends(&block), expected, "{block:?}");
        }
    }

    /// Wherever sentencex could cut a block that passes the pre-check, the cut is dropped.
    #[test]
    fn no_cut_stays_in_a_block_that_passes_the_pre_check() {
        let pieces = [
            "word", "Word", "U.S.", "Mr.", "3.5", ".", ",", "!", "?", ":", ";", "\"", "'", "’",
            "”", "“", "…", ")", "]", "(", " ", " ", "\n", "\u{a0}", "é", "É", "—", "said", "x.",
        ];
        let mut rng = fastrand::Rng::with_seed(7);
        let mut passed = 0;
        for _ in 0..20_000 {
            let block: String = (0..rng.usize(0..12))
                .map(|_| pieces[rng.usize(0..pieces.len())])
                .collect();
            if !no_cut_can_stay(&block) {
                continue;
            }
            passed += 1;
            for cut in (1..block.len()).filter(|&c| block.is_char_boundary(c)) {
                assert_eq!(repaired(&block, cut), None, "{block:?} at {cut}");
            }
        }
        assert!(passed > 1000, "{passed}");
    }
}
