//! One automaton for the configured actors' aliases and group words, so that a block is read once
//! for both.
//!
//! Aliases want leftmost-longest matches ("the Trump administration" over "Trump"); group words
//! ("Russian" in "Russian officials") want every occurrence, overlapping ones included. An
//! overlapping search reports every occurrence of every pattern, so it serves both: the aliases'
//! leftmost-longest matches are picked from it afterwards, exactly as a leftmost-longest search
//! would find them. Two passes over each block cost almost twice what this one does.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind};

/// What a pattern of the automaton stands for.
#[derive(Debug, Clone, Copy)]
enum Word {
    /// A name or alias of the actor at this index.
    Alias(usize),
    /// A group word of the actor at this index, with its rank among that actor's group words.
    Group(usize, usize),
}

/// An alias found in a block: where (relative to the block) and whose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AliasHit {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) actor: usize,
}

/// A group word found in a block: `(actor, rank, start, end)`, relative to the block.
pub(crate) type GroupHit = (usize, usize, usize, usize);

/// The compiled automaton over aliases and group words.
#[derive(Debug)]
pub(crate) struct NameWords {
    automaton: AhoCorasick,
    words: Vec<Word>,
}

impl NameWords {
    /// `aliases` and `group_words` give each word with its owner (and, for group words, its
    /// rank). Empty words are left out: they would match between any two bytes.
    pub(crate) fn new<'a>(
        aliases: impl IntoIterator<Item = (&'a str, usize)>,
        group_words: impl IntoIterator<Item = (&'a str, usize, usize)>,
    ) -> Self {
        let mut patterns: Vec<&str> = Vec::new();
        let mut words = Vec::new();
        for (word, actor) in aliases {
            if !word.is_empty() {
                patterns.push(word);
                words.push(Word::Alias(actor));
            }
        }
        for (word, actor, rank) in group_words {
            if !word.is_empty() {
                patterns.push(word);
                words.push(Word::Group(actor, rank));
            }
        }
        // A DFA: larger than the default automaton, and about twice as fast on every block.
        let automaton = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .expect("aliases and group words build an automaton");
        NameWords { automaton, words }
    }

    /// The aliases in `slice` as a leftmost-longest search finds them, and every occurrence of a
    /// group word.
    pub(crate) fn scan(&self, slice: &str) -> (Vec<AliasHit>, Vec<GroupHit>) {
        let mut aliases = Vec::new();
        let mut groups = Vec::new();
        for m in self.automaton.find_overlapping_iter(slice) {
            match self.words[m.pattern().as_usize()] {
                Word::Alias(actor) => aliases.push((m.start(), m.end(), m.pattern(), actor)),
                Word::Group(actor, rank) => groups.push((actor, rank, m.start(), m.end())),
            }
        }
        (leftmost_longest(aliases), groups)
    }
}

/// From every occurrence, the matches a leftmost-longest search reports: the leftmost start, the
/// longest match there (the first pattern among equals), then on from its end.
fn leftmost_longest(mut all: Vec<(usize, usize, aho_corasick::PatternID, usize)>) -> Vec<AliasHit> {
    all.sort_unstable_by_key(|&(start, end, pattern, _)| (start, std::cmp::Reverse(end), pattern));
    let mut out: Vec<AliasHit> = Vec::new();
    for (start, end, _, actor) in all {
        if out.last().is_some_and(|last| start < last.end) {
            continue;
        }
        out.push(AliasHit { start, end, actor });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::MatchKind;

    /// The picked aliases are the ones a leftmost-longest automaton finds, on overlapping,
    /// nested and repeated names.
    #[test]
    fn aliases_match_a_leftmost_longest_search() {
        let aliases = [
            "Trump",
            "Trump administration",
            "the Trump administration",
            "US",
            "USA",
            "U.S.",
            "Washington",
            "Washington Post",
            "Post",
            "Kremlin",
            "Kremlin",
        ];
        let reference = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(aliases)
            .expect("builds");
        let words = NameWords::new(
            aliases.iter().enumerate().map(|(i, a)| (*a, i)),
            [("Russian", 0, 0), ("US", 1, 0)],
        );
        for text in [
            "the Trump administration told the USA and the US that Trump said so.",
            "Washington Post reporters said Washington and the Kremlin disagreed.",
            "KremlinKremlin USUSA U.S. Trumpadministration Trump administration",
            "",
        ] {
            let expected: Vec<(usize, usize, usize)> = reference
                .find_iter(text)
                .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                .collect();
            let (found, _) = words.scan(text);
            let found: Vec<(usize, usize, usize)> =
                found.iter().map(|h| (h.start, h.end, h.actor)).collect();
            assert_eq!(found, expected, "{text}");
        }
    }

    #[test]
    fn group_words_are_found_where_aliases_overlap_them() {
        let words = NameWords::new([("US", 0)], [("US", 0, 1), ("Russian", 1, 0)]);
        let (aliases, groups) = words.scan("US and Russian officials");
        assert_eq!(aliases.len(), 1);
        assert_eq!(groups, vec![(0, 1, 0, 2), (1, 0, 7, 14)]);
    }
}
