//! Cue lists matched by hand over a sentence's words, with the same matches as their regexes.
//!
//! A sentence is read once into its words ([`Words`]): each run of ASCII word characters is
//! looked up in one table of the first words of every entry of the lists that take part
//! ([`Vocabulary`]). A list then tries only its entries that start with a word found there, in
//! the regex's order of preference, at those places. One pass over the sentence serves the
//! speech verbs, subordinators, conditions, stance lists and the passive agents' participles,
//! where each regex read every byte.
//!
//! The hand matcher covers entries of ASCII words, spaces, apostrophes (either kind), other
//! ASCII marks, a trailing `*` and `" ... "` gaps, which open with a letter or digit (or with
//! "n't", glued to the word before). A list with any other entry, and a sentence holding one of
//! the two non-ASCII letters that the regexes' case folding matches to ASCII ones (U+017F long s,
//! U+212A Kelvin sign), are left to the regex.

use rustc_hash::FxHashMap as HashMap;

use crate::text::Span;

/// One element of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Elem {
    /// An ASCII character, lowercased; letters match either case.
    Byte(u8),
    /// `'` or `’`.
    Apostrophe,
    /// A run of white space (`\s+`).
    Space,
    /// `" ... "`: up to five words between two phrases (the lexicon's `GAP`).
    Gap,
    /// A trailing `*`: any ASCII word characters (`\w*`).
    Star,
}

/// Where an entry can start.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Start {
    /// At a word that is exactly this (lowercased).
    Word(Box<[u8]>),
    /// At a word that starts with this (a one-word entry with `*`).
    Prefix(Box<[u8]>),
    /// At the last letter of a word ending in "n" ("n't").
    Glued,
}

/// One entry of a list, parsed.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    elems: Vec<Elem>,
    /// Whether the match must end at a word boundary (`\b` after the entry).
    boundary: bool,
    start: Start,
    /// Leading bytes that finding the start already matched.
    skip: usize,
}

/// True for the bytes of `(?-u:\w)`.
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl Entry {
    /// Parses an entry as the lexicon writes its pattern (trimmed, `*` stripped into `star`);
    /// `None` when it is beyond the hand matcher.
    pub(crate) fn parse(body: &str, star: bool) -> Option<Entry> {
        let glued = body.starts_with("n'") || body.starts_with("n’");
        if !body.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            return None;
        }
        let mut elems = Vec::new();
        for (i, piece) in body.split(" ... ").enumerate() {
            // Each phrase opens with a letter or digit, and has single spaces inside.
            if !piece.starts_with(|c: char| c.is_ascii_alphanumeric())
                || piece.ends_with(' ')
                || piece.contains("  ")
            {
                return None;
            }
            if i > 0 {
                elems.push(Elem::Gap);
            }
            for c in piece.chars() {
                elems.push(match c {
                    '\'' | '’' => Elem::Apostrophe,
                    ' ' => Elem::Space,
                    c if c.is_ascii_graphic() => Elem::Byte(c.to_ascii_lowercase() as u8),
                    _ => return None,
                });
            }
        }
        let first: Vec<u8> = elems
            .iter()
            .map_while(|e| match e {
                Elem::Byte(b) if is_word(*b) => Some(*b),
                _ => None,
            })
            .collect();
        let skip = if glued { 1 } else { first.len() };
        let start = if glued {
            Start::Glued
        } else if star && first.len() == elems.len() {
            Start::Prefix(first.into())
        } else {
            Start::Word(first.into())
        };
        if star {
            elems.push(Elem::Star);
        }
        Some(Entry {
            elems,
            boundary: star || body.ends_with(|c: char| c.is_alphanumeric()),
            start,
            skip,
        })
    }

    /// Where a match of the entry at `at` of `hay` ends, if it matches there; its first
    /// `skip` bytes are known to match.
    fn match_at(&self, hay: &str, at: usize) -> Option<usize> {
        if self.skip == self.elems.len() {
            // A word entry that is its first word: that word ends at a boundary.
            return Some(at + self.skip);
        }
        match_from(&self.elems[self.skip..], self.boundary, hay, at + self.skip)
    }
}

/// Matches `elems` at `at` of `hay`, as the regex would: white space and words are read
/// greedily (nothing else could follow them), a gap takes as few words as it can.
fn match_from(elems: &[Elem], boundary: bool, hay: &str, mut at: usize) -> Option<usize> {
    let bytes = hay.as_bytes();
    for (i, elem) in elems.iter().enumerate() {
        match *elem {
            Elem::Byte(c) => {
                let t = *bytes.get(at)?;
                if t != c && !(c.is_ascii_lowercase() && t == c.to_ascii_uppercase()) {
                    return None;
                }
                at += 1;
            }
            Elem::Apostrophe => {
                if bytes.get(at) == Some(&b'\'') {
                    at += 1;
                } else if bytes.get(at..)?.starts_with("’".as_bytes()) {
                    at += "’".len();
                } else {
                    return None;
                }
            }
            Elem::Space => at += space_len(hay, at).filter(|&n| n > 0)?,
            Elem::Star => {
                while bytes.get(at).is_some_and(|&b| is_word(b)) {
                    at += 1;
                }
            }
            Elem::Gap => {
                // `(?:\s+[\w'’-]+){0,5}?\s+` and the rest: fewest words first.
                for words in 0..=5 {
                    at += space_len(hay, at).filter(|&n| n > 0)?;
                    if let Some(end) = match_from(&elems[i + 1..], boundary, hay, at) {
                        return Some(end);
                    }
                    if words == 5 {
                        return None;
                    }
                    at += gap_word_len(hay, at).filter(|&n| n > 0)?;
                }
                return None;
            }
        }
    }
    if boundary && is_word(bytes[at - 1]) == bytes.get(at).is_some_and(|&b| is_word(b)) {
        return None;
    }
    Some(at)
}

/// Bytes of white space (`\s`: Unicode White_Space) at `at`.
fn space_len(hay: &str, at: usize) -> Option<usize> {
    Some(
        hay.get(at..)?
            .char_indices()
            .find(|(_, c)| !c.is_whitespace())
            .map_or(hay.len() - at, |(i, _)| i),
    )
}

/// Bytes of a gap's word (`[\w'’-]+`, ASCII `\w`) at `at`.
fn gap_word_len(hay: &str, at: usize) -> Option<usize> {
    Some(
        hay.get(at..)?
            .char_indices()
            .find(|&(_, c)| !(c.is_ascii() && is_word(c as u8) || matches!(c, '\'' | '’' | '-')))
            .map_or(hay.len() - at, |(i, _)| i),
    )
}

/// A list's entries for the hand matcher, in the regex's order of preference, with the
/// vocabulary's keys they start at.
#[derive(Debug, Default)]
pub(crate) struct HandList {
    /// The list's bit in [`Words`]' hits.
    bit: u32,
    entries: Vec<Entry>,
    /// For each vocabulary key, the entries starting there, in order of preference.
    by_key: Vec<Vec<u16>>,
}

impl HandList {
    /// The matches in the words' span, exactly as the list's regex finds them there; `None`
    /// when the sentence holds a letter the hand matcher does not fold.
    pub(crate) fn find(&self, text: &str, words: &Words) -> Option<Vec<Span>> {
        if words.folded {
            return None;
        }
        // Most lists start at none of a sentence's words: no need to walk them.
        if words.lists & self.bit == 0 {
            return Some(Vec::new());
        }
        let hay = &text[words.span.range()];
        let mut out = Vec::new();
        let mut from = 0;
        let hits = &words.hits;
        let mut k = 0;
        while k < hits.len() {
            let at = hits[k].at as usize;
            let mut best: Option<(u16, usize)> = None;
            while k < hits.len() && hits[k].at as usize == at {
                let Hit { key, lists, .. } = hits[k];
                k += 1;
                if at < from || lists & self.bit == 0 {
                    continue;
                }
                let Some(entries) = self.by_key.get(key as usize) else {
                    continue;
                };
                for &e in entries {
                    if best.is_some_and(|(b, _)| b < e) {
                        break;
                    }
                    if let Some(end) = self.entries[e as usize].match_at(hay, at) {
                        best = Some((e, end));
                        break;
                    }
                }
            }
            if let Some((_, end)) = best {
                out.push(Span::new(words.span.start + at, words.span.start + end));
                from = end;
            }
        }
        Some(out)
    }
}

/// The first words of the entries of the lists matched by hand.
#[derive(Debug)]
pub(crate) struct Vocabulary {
    /// Words of up to 8 bytes, packed (see [`pack`]), and their keys.
    short: HashMap<u64, u32>,
    /// The same, for lookups.
    table: PackedTable,
    /// Whether some `*` prefix starts with this byte (lowercased).
    prefix_first: [bool; 256],
    /// Longer words.
    long: HashMap<Box<[u8]>, u32>,
    /// `*` prefixes: the prefix, its first 8 bytes packed, their mask, and its key.
    prefixes: Vec<(Box<[u8]>, u64, u64, u32)>,
    /// The key of "n't"-like entries, if any list has one.
    glued: Option<u32>,
    /// For each key, the bits of the lists that have entries starting there.
    lists: Vec<u32>,
    /// Lists joined so far.
    joined: u32,
    /// The longest word in `long`.
    longest: usize,
}

/// The longest first word of an entry the hand matcher reads, in bytes.
const LONGEST: usize = 64;

/// The first 8 bytes of `word`, lowercased, packed little-endian: no word byte is 0, so words
/// of up to 8 bytes pack to distinct numbers.
fn pack(word: &[u8]) -> u64 {
    word.iter().take(8).enumerate().fold(0, |acc, (i, b)| {
        acc | u64::from(b.to_ascii_lowercase()) << (8 * i)
    })
}

/// The mask of the first `len` bytes (at most 8) of a packed word.
fn mask(len: usize) -> u64 {
    if len >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * len)) - 1
    }
}

impl Default for Vocabulary {
    fn default() -> Vocabulary {
        Vocabulary {
            short: HashMap::default(),
            table: PackedTable::default(),
            prefix_first: [false; 256],
            long: HashMap::default(),
            prefixes: Vec::new(),
            glued: None,
            lists: Vec::new(),
            joined: 0,
            longest: 0,
        }
    }
}

impl Vocabulary {
    /// Registers a list's entries (in order of preference) and returns its hand matcher;
    /// `None` for a list of more entries than it reads, or once 32 lists have joined.
    pub(crate) fn add(&mut self, entries: Vec<Entry>) -> Option<HandList> {
        let bit = 1u32.checked_shl(self.joined)?;
        let too_long = |e: &Entry| matches!(&e.start, Start::Word(w) if w.len() > LONGEST);
        if entries.len() > usize::from(u16::MAX) || entries.iter().any(too_long) {
            return None;
        }
        self.joined += 1;
        let mut by_key: Vec<Vec<u16>> = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            let key = self.key(&entry.start) as usize;
            self.lists[key] |= bit;
            if by_key.len() <= key {
                by_key.resize(key + 1, Vec::new());
            }
            by_key[key].push(u16::try_from(i).unwrap_or(u16::MAX));
        }
        self.table = PackedTable::build(&self.short);
        Some(HandList {
            bit,
            entries,
            by_key,
        })
    }

    /// The key of where an entry starts, new or already known.
    fn key(&mut self, start: &Start) -> u32 {
        let next = u32::try_from(self.lists.len()).unwrap_or(u32::MAX);
        let known = match start {
            Start::Word(w) if w.len() <= 8 => *self.short.entry(pack(w)).or_insert(next),
            Start::Word(w) => {
                self.longest = self.longest.max(w.len());
                *self.long.entry(w.clone()).or_insert(next)
            }
            Start::Prefix(p) => match self.prefixes.iter().find(|x| x.0 == *p) {
                Some(x) => x.3,
                None => {
                    let len = p.len().min(8);
                    self.prefix_first[usize::from(p[0])] = true;
                    self.prefixes.push((p.clone(), pack(p), mask(len), next));
                    next
                }
            },
            Start::Glued => *self.glued.get_or_insert(next),
        };
        if known == next {
            self.lists.push(0);
        }
        known
    }

    /// Reads the words of `span` of `text`.
    pub(crate) fn words(&self, text: &str, span: Span) -> Words {
        let bytes = text[span.range()].as_bytes();
        let mut hits = Vec::with_capacity(16);
        let mut folded = false;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if LOWER[usize::from(b)] == 0 {
                // U+017F (long s) and U+212A (Kelvin sign) match "s" and "k" in the regexes.
                if b == 0xC5 && bytes.get(i + 1) == Some(&0xBF)
                    || b == 0xE2 && bytes[i + 1..].starts_with(&[0x84, 0xAA])
                {
                    folded = true;
                }
                i += 1;
                continue;
            }
            let start = i;
            i += bytes[i..]
                .iter()
                .position(|&b| LOWER[usize::from(b)] == 0)
                .unwrap_or(bytes.len() - i);
            let word = &bytes[start..i];
            // The first 8 bytes, lowercased, as `pack` packs them.
            let packed = word.iter().take(8).enumerate().fold(0u64, |acc, (k, &b)| {
                acc | u64::from(LOWER[usize::from(b)]) << (8 * k)
            });
            let key = if word.len() <= 8 {
                self.table.get(packed)
            } else if word.len() <= self.longest {
                let mut lower = [0u8; LONGEST];
                for (l, b) in lower.iter_mut().zip(word) {
                    *l = b.to_ascii_lowercase();
                }
                self.long.get(&lower[..word.len()]).copied()
            } else {
                None
            };
            let mut hit = |at: usize, key: u32| {
                hits.push(Hit {
                    at: at as u32,
                    key,
                    lists: self.lists[key as usize],
                });
            };
            if let Some(k) = key {
                hit(start, k);
            }
            if !self.prefix_first[usize::from(LOWER[usize::from(b)])] {
                continue_glued(&mut hit, self.glued, bytes, i);
                continue;
            }
            for (p, first, mask, k) in &self.prefixes {
                if packed & mask == *first
                    && word.len() >= p.len()
                    && word[..p.len()].eq_ignore_ascii_case(p)
                {
                    hit(start, *k);
                }
            }
            continue_glued(&mut hit, self.glued, bytes, i);
        }
        let lists = hits.iter().fold(0, |all, h| all | h.lists);
        Words {
            span,
            hits,
            lists,
            folded,
        }
    }
}

/// A glued entry ("n't") may start at the last letter of a word ending at `end` in "n".
fn continue_glued(hit: &mut impl FnMut(usize, u32), glued: Option<u32>, bytes: &[u8], end: usize) {
    if let Some(k) = glued
        && matches!(bytes[end - 1], b'n' | b'N')
    {
        hit(end - 1, k);
    }
}

/// Each byte lowercased if it is an ASCII word character (`(?-u:\w)`), else 0.
static LOWER: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        if b.is_ascii_alphanumeric() || b == b'_' {
            table[i] = b.to_ascii_lowercase();
        }
        i += 1;
    }
    table
};

/// Packed words (see [`pack`]) and their keys, in an open-addressing table: a lookup is a
/// multiplication and a comparison or two.
#[derive(Debug, Default)]
struct PackedTable {
    /// Packed word (0: empty slot) and key; the length is a power of two.
    slots: Vec<(u64, u32)>,
    shift: u32,
}

impl PackedTable {
    fn build(words: &HashMap<u64, u32>) -> PackedTable {
        let bits = (words.len() * 4)
            .max(16)
            .next_power_of_two()
            .trailing_zeros();
        let mut table = PackedTable {
            slots: vec![(0, 0); 1 << bits],
            shift: 64 - bits,
        };
        let last = table.slots.len() - 1;
        for (&word, &key) in words {
            let mut at = table.slot(word);
            while table.slots[at].0 != 0 {
                at = (at + 1) & last;
            }
            table.slots[at] = (word, key);
        }
        table
    }

    fn slot(&self, word: u64) -> usize {
        (word.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    fn get(&self, word: u64) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let last = self.slots.len() - 1;
        let mut at = self.slot(word);
        loop {
            let (w, key) = self.slots[at];
            if w == word {
                return Some(key);
            }
            if w == 0 {
                return None;
            }
            at = (at + 1) & last;
        }
    }
}

/// A word of a span that starts entries of some lists.
#[derive(Debug, Clone, Copy)]
struct Hit {
    /// Offset in the span.
    at: u32,
    key: u32,
    /// Bits of the lists with entries starting at `key`.
    lists: u32,
}

/// A span's words that start entries of some list, for [`HandList::find`].
#[derive(Debug, Clone)]
pub(crate) struct Words {
    pub(crate) span: Span,
    /// In text order.
    hits: Vec<Hit>,
    /// The bits of the lists some hit starts entries of.
    lists: u32,
    /// Whether the span holds a letter that case folding matches to an ASCII one.
    folded: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::lexicon::WordList;

    fn list(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    /// Lists that use every element of the hand matcher, with entries that compete.
    fn lists() -> Vec<Vec<String>> {
        vec![
            list(&[
                "said",
                "says",
                "told reporters",
                "according to",
                "made clear",
            ]),
            list(&["as", "as long as", "even though", "while", "after"]),
            list(&["if", "whether", "asked about", "asked if"]),
            list(&[
                "back",
                "back a",
                "back the",
                "backing for",
                "lobbied ... for",
                "only ... if",
                "game-changer",
                "advocate*",
                "object*",
                "in favour of",
                "U.S.",
                "Gen.",
                "co-op*",
                "drive ... away",
            ]),
            list(&[
                "not",
                "n't",
                "no",
                "no longer",
                "won't",
                "won’t work",
                "cannot",
                "off the table",
                "rule out",
                "n’t",
            ]),
        ]
    }

    fn sentences() -> Vec<String> {
        [
            "The minister said, as expected, that talks would go on.",
            "AS LONG AS they pay, we back the plan; Back a deal? BACKING FOR it grows.",
            "She lobbied very hard for years for the bill, he lobbied for it.",
            "They lobbied one two three four five for it; they lobbied one two three four five six for it.",
            "We won't, we won’t work, we wont; don't DON’T can't cannot.",
            "It is a game-changer, a game changer, game-changers; advocates advocated objections.",
            "Ask if it's off the table, asked about it, Asked If, asked whether.",
            "No longer, no, nope, notable, not\u{a0}now, no\u{a0}longer, no\tlonger.",
            "The U.S. and Gen. Smith; u.s. USA; gen.x; co-op, co-operative, co-",
            "They'd drive voters away, drive them right back away, drive away.",
            "Only if, only when it works if, only 1 2 3 4 5 if, only 1 2 3 4 5 6 if.",
            "Long s: \u{17F}aid and a\u{17F}; Kelvin: \u{212A}, \u{212A}k; n’T N't",
            "in favour of, In  favour of, infavour of, in favour ofx, _said said_ said9 9said",
            "whilst while-ago after-math; as-is 'as' “as” ‘back’",
            "",
            "said",
            "n't",
        ]
        .map(String::from)
        .to_vec()
    }

    /// The hand matcher of each list finds what the list's regex finds, over `texts`.
    fn check(lists: &[Vec<String>], texts: &[String]) {
        let mut vocabulary = Vocabulary::default();
        let mut compiled: Vec<WordList> = lists.iter().map(|l| WordList::new(l)).collect();
        for list in &mut compiled {
            list.join(&mut vocabulary);
            assert!(list.has_hand(), "{list:?}");
        }
        for text in texts {
            // The whole text, and a span inside it.
            let inner = Span::new(text.find(' ').map_or(0, |i| i + 1), text.len());
            for span in [Span::new(0, text.len()), inner] {
                let words = vocabulary.words(text, span);
                for list in &compiled {
                    assert_eq!(
                        list.find_words(text, &words),
                        list.find(text, span),
                        "{list:?} in {:?}",
                        &text[span.range()]
                    );
                }
            }
        }
    }

    #[test]
    fn the_hand_matcher_finds_what_the_regexes_find() {
        check(&lists(), &sentences());
    }

    #[test]
    fn the_hand_matcher_agrees_with_the_regexes_on_random_text() {
        let pieces = [
            "said",
            "Said",
            "as",
            "As",
            "long",
            "as long as",
            "if",
            "asked",
            "about",
            "back",
            "a",
            "the",
            "for",
            "lobbied",
            "only",
            "game-changer",
            "advocate",
            "objection",
            "not",
            "no",
            "longer",
            "won't",
            "won’t",
            "work",
            "don't",
            "n't",
            "in",
            "favour",
            "of",
            "U.S.",
            "Gen.",
            "co-op",
            "drive",
            "away",
            "x",
            "\u{17F}",
            "\u{212A}",
            "K",
            ",",
            ".",
            "’",
            "'",
            "-",
            " ",
            " ",
            " ",
            "  ",
            "\u{a0}",
            "\n",
            "_",
            "9",
            "é",
            "“",
        ];
        let mut rng = fastrand::Rng::with_seed(11);
        let texts: Vec<String> = (0..3000)
            .map(|_| {
                let n = rng.usize(0..24);
                (0..n)
                    .map(|_| {
                        let piece = pieces[rng.usize(0..pieces.len())];
                        if rng.bool() {
                            format!("{piece} ")
                        } else {
                            piece.to_string()
                        }
                    })
                    .collect()
            })
            .collect();
        check(&lists(), &texts);
    }

    #[test]
    fn only_long_s_and_kelvin_fold_to_ascii_letters() {
        // The hand matcher leaves sentences with these two to the regexes: no other non-ASCII
        // character matches an ASCII letter case-insensitively.
        for letter in 'a'..='z' {
            let re = regex::Regex::new(&format!("(?i)^{letter}$")).expect("valid");
            for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
                let folds = re.is_match(c.encode_utf8(&mut [0; 4]));
                assert_eq!(
                    folds,
                    matches!((letter, c), ('s', '\u{17F}') | ('k', '\u{212A}')),
                    "{c:?}"
                );
            }
        }
    }

    #[test]
    fn entries_beyond_the_hand_matcher_leave_their_list_to_the_regex() {
        let mut vocabulary = Vocabulary::default();
        for entries in [
            vec!["été"],
            vec!["'tis"],
            vec!["a  b"],
            vec!["foo ... 'bar"],
        ] {
            let mut list = WordList::new(&list(&entries));
            list.join(&mut vocabulary);
            assert!(!list.has_hand(), "{entries:?}");
        }
    }

    #[test]
    fn the_shipped_lists_read_in_every_sentence_are_matched_by_hand() {
        let cues = crate::extract::lexicon::CueLexicon::new(&crate::Config::default_config());
        for list in [
            &cues.speech,
            &cues.subordinators,
            &cues.hypothetical,
            &cues.support,
            &cues.negators,
            &cues.negative,
            &cues.conditional,
            &cues.neutral,
            &cues.agent_same,
            &cues.agent_opposite,
        ] {
            assert!(list.has_hand(), "{list:?}");
        }
    }

    #[test]
    fn the_shipped_agent_lists_find_what_their_regexes_find() {
        let cues = crate::Config::default_config().cues;
        let mut texts = sentences();
        texts.extend(
            [
                "The truce proposed by Kyiv and backed by Paris was rejected by Moscow.",
                "The ban has the backing of the unions and the support of Cole, the blessing of few.",
                "A plan put  forward by Merz, called for by Tusk, ruled out by the Kremlin.",
                "It was Backed BY many; criticised/criticized by some; the endorsement-of none.",
            ]
            .map(String::from),
        );
        check(&[cues.agent_same, cues.agent_opposite], &texts);
    }
}
