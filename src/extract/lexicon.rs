//! Cue lexicons compiled to case-insensitive, word-boundary matchers.

use regex::{Regex, RegexSet, RegexSetBuilder};

use crate::pattern::DFA_CACHE_BYTES;
pub(crate) use crate::pattern::{ascii_boundaries, regex};

use super::words::{Entry, HandList, Vocabulary, Words};
use crate::config::Config;
use crate::text::Span;

/// One word list, compiled.
#[derive(Debug)]
pub(crate) struct WordList {
    regex: Option<Regex>,
    /// The entries for the hand matcher, in the regex's order (none: some entry is beyond it).
    entries: Option<Vec<Entry>>,
    /// The hand matcher, once the list joined a [`Vocabulary`].
    hand: Option<HandList>,
    /// The entries [`WordList::is_word`] answers for without the regex.
    plain: Option<PlainWords>,
}

/// The entries that can match a word of ASCII letters and digits, lowercased: whole words, and
/// the prefixes of `*` entries. Any other entry holds a character such a word does not (a
/// space, an apostrophe, a full stop), so it cannot match it.
#[derive(Debug, Default)]
struct PlainWords {
    words: rustc_hash::FxHashSet<Box<[u8]>>,
    prefixes: Vec<Box<[u8]>>,
}

impl PlainWords {
    /// `None` when some entry is not ASCII: with `(?i)`, a non-ASCII letter may match an ASCII
    /// one (U+212A Kelvin sign matches "k").
    fn new(words: &[String]) -> Option<PlainWords> {
        let mut plain = PlainWords::default();
        for w in words.iter().map(|w| w.trim()).filter(|w| !w.is_empty()) {
            if !w.is_ascii() {
                return None;
            }
            let (body, star) = w.strip_suffix('*').map_or((w, false), |b| (b, true));
            if body.is_empty() || !body.bytes().all(|b| b.is_ascii_alphanumeric()) {
                continue;
            }
            let lower = body.to_ascii_lowercase().into_bytes().into_boxed_slice();
            if star {
                plain.prefixes.push(lower);
            } else {
                plain.words.insert(lower);
            }
        }
        Some(plain)
    }

    /// [`WordList::is_word`] for a word of ASCII letters and digits (at most 64 bytes), `None`
    /// for any other. The regex's `\b` holds only at such a word's two ends, so an entry matches
    /// it only whole: a word equal to it, or a `*` entry's prefix and any letters after.
    fn is_word(&self, word: &str) -> Option<bool> {
        let bytes = word.as_bytes();
        if bytes.is_empty() || bytes.len() > 64 || !bytes.iter().all(u8::is_ascii_alphanumeric) {
            return None;
        }
        let mut lower = [0u8; 64];
        lower[..bytes.len()].copy_from_slice(bytes);
        let lower = &mut lower[..bytes.len()];
        lower.make_ascii_lowercase();
        Some(self.words.contains(&*lower) || self.prefixes.iter().any(|p| lower.starts_with(p)))
    }
}

/// What `" ... "` inside an entry stands for: up to five words, within one clause (no
/// punctuation), so that "lobbied ... for" reads "lobbied hard for" and "only ... if" reads
/// "only support it if".
const GAP: &str = r"(?:\s+[\w'’-]+){0,5}?\s+";

/// One phrase of an entry: spaces match any run of white space, apostrophes either kind.
fn phrase_pattern(phrase: &str) -> String {
    let mut pat = String::new();
    for c in phrase.chars() {
        match c {
            '\'' | '’' => pat.push_str("['’]"),
            ' ' => pat.push_str(r"\s+"),
            c => pat.push_str(&regex::escape(&c.to_string())),
        }
    }
    pat
}

impl WordList {
    /// Compiles a list of words and phrases. A trailing `*` matches any word ending; an
    /// apostrophe matches straight or curly; `" ... "` between two phrases lets up to five
    /// words stand between them; entries that start with a non-letter ("n't") may be glued to
    /// the word before them.
    pub(crate) fn new(words: &[String]) -> Self {
        let mut alts: Vec<(String, Option<Entry>)> = words
            .iter()
            .filter(|w| !w.trim().is_empty())
            .map(|w| {
                let w = w.trim();
                let (body, star) = match w.strip_suffix('*') {
                    Some(b) => (b, true),
                    None => (w, false),
                };
                let mut pat = body
                    .split(" ... ")
                    .map(phrase_pattern)
                    .collect::<Vec<_>>()
                    .join(GAP);
                if star {
                    pat.push_str(r"\w*");
                }
                let glued = body.starts_with("n'") || body.starts_with("n’");
                let lead = if body.starts_with(|c: char| c.is_alphanumeric()) && !glued {
                    r"\b"
                } else {
                    ""
                };
                let trail = if body.ends_with(|c: char| c.is_alphanumeric()) || star {
                    r"\b"
                } else {
                    ""
                };
                (format!("{lead}{pat}{trail}"), Entry::parse(body, star))
            })
            .collect();
        // Longest first, so that "no longer" wins over "no".
        alts.sort_by_key(|(a, _)| std::cmp::Reverse(a.len()));
        let (alts, entries): (Vec<String>, Vec<Option<Entry>>) = alts.into_iter().unzip();
        let regex = (!alts.is_empty())
            .then(|| regex(&format!("(?i)(?:{})", alts.join("|"))).ok())
            .flatten();
        WordList {
            entries: regex.as_ref().and(entries.into_iter().collect()),
            plain: regex.as_ref().and_then(|_| PlainWords::new(words)),
            regex,
            hand: None,
        }
    }

    /// Whether the list is matched by hand over a [`Vocabulary`]'s words.
    #[cfg(test)]
    pub(crate) fn has_hand(&self) -> bool {
        self.hand.is_some()
    }

    /// Lets the list be matched by hand over the words `vocabulary` reads, when it can be.
    pub(crate) fn join(&mut self, vocabulary: &mut Vocabulary) {
        if let Some(entries) = self.entries.take() {
            self.hand = vocabulary.add(entries);
        }
    }

    /// Matches in the span of `words`, as [`WordList::find`] finds them there.
    pub(crate) fn find_words(&self, text: &str, words: &Words) -> Vec<Span> {
        self.hand
            .as_ref()
            .and_then(|hand| hand.find(text, words))
            .unwrap_or_else(|| self.find(text, words.span))
    }

    /// [`WordList::scan`] of the span of `words`.
    pub(crate) fn scan_words(&self, text: &str, words: &Words) -> WordScan {
        WordScan {
            span: words.span,
            hits: self.find_words(text, words),
        }
    }

    /// The compiled pattern, for a [`RegexSet`] to test several lists in one pass.
    fn pattern(&self) -> Option<&str> {
        self.regex.as_ref().map(Regex::as_str)
    }

    /// Matches inside `range` of `text`, as absolute spans.
    pub(crate) fn find(&self, text: &str, range: Span) -> Vec<Span> {
        let Some(re) = &self.regex else {
            return Vec::new();
        };
        // No entry matches empty text (each has a character), and empty ranges are asked
        // about often: every lazy scan is one.
        if range.is_empty() {
            return Vec::new();
        }
        re.find_iter(&text[range.range()])
            .map(|m| Span::new(range.start + m.start(), range.start + m.end()))
            .collect()
    }

    /// The matches in a whole span (usually a sentence), for [`WordScan::find`] to answer
    /// questions about smaller ranges inside it without searching again.
    pub(crate) fn scan(&self, text: &str, span: Span) -> WordScan {
        WordScan {
            span,
            hits: self.find(text, span),
        }
    }

    /// A scan of a span the list is known not to match in.
    fn no_hits(span: Span) -> WordScan {
        WordScan {
            span,
            hits: Vec::new(),
        }
    }

    /// True if `word` is exactly one of the entries.
    pub(crate) fn is_word(&self, word: &str) -> bool {
        if let Some(plain) = self.plain.as_ref().and_then(|p| p.is_word(word)) {
            return plain;
        }
        self.regex
            .as_ref()
            .and_then(|re| re.find(word))
            .is_some_and(|m| m.start() == 0 && m.end() == word.len())
    }
}

/// A word list's matches in one span of text.
#[derive(Debug, Clone)]
pub(crate) struct WordScan {
    span: Span,
    hits: Vec<Span>,
}

impl WordScan {
    /// The matches inside `range`; a range the scan does not cover is searched afresh.
    pub(crate) fn find(&self, list: &WordList, text: &str, range: Span) -> Vec<Span> {
        if self.span.contains(range) {
            self.hits
                .iter()
                .copied()
                .filter(|h| range.contains(*h))
                .collect()
        } else {
            list.find(text, range)
        }
    }
}

/// Raw regular expressions (already patterns), compiled case-insensitively.
#[derive(Debug)]
pub(crate) struct PatternList {
    regexes: Vec<Regex>,
    /// All of them as one alternation: one pass says whether any matches at all.
    any: Option<Regex>,
}

impl PatternList {
    pub(crate) fn new(patterns: &[String]) -> Self {
        let compiled: Vec<(String, Regex)> = patterns
            .iter()
            .filter_map(|p| {
                let p = format!("(?i){p}");
                regex(&p).ok().map(|re| (p, re))
            })
            .collect();
        let alternation: Vec<String> = compiled.iter().map(|(p, _)| format!("(?:{p})")).collect();
        PatternList {
            any: (compiled.len() > 1)
                .then(|| regex(&alternation.join("|")).ok())
                .flatten(),
            regexes: compiled.into_iter().map(|(_, re)| re).collect(),
        }
    }

    pub(crate) fn find(&self, text: &str, range: Span) -> Vec<Span> {
        if let Some(any) = &self.any
            && !any.is_match(&text[range.range()])
        {
            return Vec::new();
        }
        let mut out: Vec<Span> = self
            .regexes
            .iter()
            .flat_map(|re| {
                re.find_iter(&text[range.range()])
                    .map(|m| Span::new(range.start + m.start(), range.start + m.end()))
            })
            .collect();
        out.sort();
        out
    }
}

/// All cue lists of the configuration.
#[derive(Debug)]
pub(crate) struct CueLexicon {
    /// The first words of the lists read in every sentence, for [`CueLexicon::words`].
    vocabulary: Vocabulary,
    /// The lists [`CueScans`] reads, tested together; see [`StanceGate`].
    stance_gate: StanceGate,
    pub(crate) speech: WordList,
    pub(crate) support: WordList,
    pub(crate) negators: WordList,
    pub(crate) negative: WordList,
    pub(crate) conditional: WordList,
    pub(crate) dispreference: PatternList,
    pub(crate) stance_nouns: WordList,
    pub(crate) proposal_nouns: WordList,
    pub(crate) remedies: WordList,
    pub(crate) subordinators: WordList,
    pub(crate) hypothetical: WordList,
    pub(crate) temporal: WordList,
    pub(crate) agent_same: WordList,
    pub(crate) agent_opposite: WordList,
    pub(crate) anaphors: WordList,
    /// A determined noun phrase headed by a policy noun ("the SNP policy", "its new rules").
    pub(crate) policy_phrases: Option<Regex>,
    pub(crate) title_words: WordList,
    pub(crate) group_nouns: WordList,
    pub(crate) neutral: WordList,
    pub(crate) imperatives: WordList,
    /// Negators that deny only a topic after them ("remove", "restrict").
    pub(crate) object_negators: WordList,
    pub(crate) requirements: WordList,
}

impl CueLexicon {
    pub(crate) fn new(config: &Config) -> Self {
        let c = &config.cues;
        let title_words: Vec<String> = c
            .titles
            .iter()
            .flat_map(|t| t.split_whitespace().map(str::to_string))
            .collect();
        let (mut support, mut negators, mut negative, mut conditional, mut neutral) = (
            WordList::new(&c.support),
            WordList::new(&[c.negators.as_slice(), c.object_negators.as_slice()].concat()),
            WordList::new(&c.negative),
            WordList::new(&c.conditional),
            WordList::new(&c.neutral),
        );
        let (mut speech, mut subordinators, mut hypothetical) = (
            WordList::new(&c.speech),
            WordList::new(&c.subordinators),
            WordList::new(&c.hypothetical),
        );
        let (mut agent_same, mut agent_opposite) = (
            WordList::new(&c.agent_same),
            WordList::new(&c.agent_opposite),
        );
        let mut vocabulary = Vocabulary::default();
        for list in [
            &mut speech,
            &mut subordinators,
            &mut hypothetical,
            &mut support,
            &mut negators,
            &mut negative,
            &mut conditional,
            &mut neutral,
            &mut agent_same,
            &mut agent_opposite,
        ] {
            list.join(&mut vocabulary);
        }
        CueLexicon {
            vocabulary,
            stance_gate: StanceGate::new([&support, &negators, &negative, &conditional, &neutral]),
            speech,
            support,
            negators,
            negative,
            conditional,
            dispreference: PatternList::new(&c.dispreference),
            stance_nouns: WordList::new(&c.stance_nouns),
            proposal_nouns: WordList::new(&c.proposal_nouns),
            remedies: WordList::new(&c.remedies),
            subordinators,
            hypothetical,
            temporal: WordList::new(&c.temporal),
            agent_same,
            agent_opposite,
            anaphors: WordList::new(&c.anaphors),
            policy_phrases: policy_phrases(&c.policy_nouns),
            title_words: WordList::new(&title_words),
            group_nouns: WordList::new(&c.group_nouns),
            neutral,
            imperatives: WordList::new(&c.imperatives),
            object_negators: WordList::new(&c.object_negators),
            requirements: WordList::new(&c.requirements),
        }
    }

    /// The words of `span` (a sentence) that the lists read in every sentence start at.
    pub(crate) fn words(&self, text: &str, span: Span) -> Words {
        self.vocabulary.words(text, span)
    }
}

/// The matches of the stance cue lists in one sentence, found once for all its clauses.
#[derive(Debug)]
pub(crate) struct CueScans {
    pub(crate) support: WordScan,
    pub(crate) negators: WordScan,
    pub(crate) negative: WordScan,
    pub(crate) conditional: WordScan,
    pub(crate) neutral: WordScan,
}

impl CueScans {
    /// Scans the sentence of `words`; or, when `lazy`, nothing: each question then searches its
    /// own range (for sentences that name no topic, where few questions are asked).
    pub(crate) fn new(cues: &CueLexicon, text: &str, words: &Words, lazy: bool) -> CueScans {
        let lists = [
            &cues.support,
            &cues.negators,
            &cues.negative,
            &cues.conditional,
            &cues.neutral,
        ];
        if !lazy && lists.iter().all(|l| l.hand.is_some()) {
            let [support, negators, negative, conditional, neutral] =
                lists.map(|l| l.scan_words(text, words));
            return CueScans {
                support,
                negators,
                negative,
                conditional,
                neutral,
            };
        }
        let sentence = words.span;
        let sentence = if lazy {
            Span::new(sentence.start, sentence.start)
        } else {
            sentence
        };
        let present = cues.stance_gate.present(text, sentence);
        let scan = |i: usize, list: &WordList| {
            if present[i] {
                list.scan(text, sentence)
            } else {
                WordList::no_hits(sentence)
            }
        };
        CueScans {
            support: scan(0, &cues.support),
            negators: scan(1, &cues.negators),
            negative: scan(2, &cues.negative),
            conditional: scan(3, &cues.conditional),
            neutral: scan(4, &cues.neutral),
        }
    }
}

/// The five stance lists of [`CueScans`] as one [`RegexSet`]: one pass over a sentence says
/// which of them occur at all, and only those are searched for their matches. On the synthetic
/// corpus the set's pass plus the searches left take about a third fewer instructions than the
/// five searches.
#[derive(Debug)]
struct StanceGate {
    /// The set, and for each of the five lists its pattern in the set (none: it never matches).
    /// No set (it did not compile): every list is searched.
    set: Option<(RegexSet, [Option<usize>; 5])>,
}

impl StanceGate {
    fn new(lists: [&WordList; 5]) -> StanceGate {
        let mut patterns = Vec::new();
        let index = lists.map(|list| {
            list.pattern().map(|p| {
                patterns.push(p);
                patterns.len() - 1
            })
        });
        // The lists' own compiled patterns: the set matches where, and only where, they do.
        let set = RegexSetBuilder::new(&patterns)
            .dfa_size_limit(DFA_CACHE_BYTES)
            .build()
            .ok();
        StanceGate {
            set: set.map(|set| (set, index)),
        }
    }

    /// Whether each list may match in `span` of `text`; false only where it does not.
    fn present(&self, text: &str, span: Span) -> [bool; 5] {
        let Some((set, index)) = &self.set else {
            return [true; 5];
        };
        // Empty spans: `WordList::find` answers them without a search.
        if span.is_empty() {
            return [true; 5];
        }
        let matched = set.matches(&text[span.range()]);
        index.map(|i| i.is_some_and(|i| matched.matched(i)))
    }
}

/// The pattern for a policy noun after a determiner and at most two modifiers: words of
/// [`heads::MODIFIERS`] ("new", "proposed"), names ("SNP"), possessives ("the government's")
/// and numbers ("2035"); not just any word, so that "the minister introduced rules" is not
/// one phrase. None for an empty list.
fn policy_phrases(nouns: &[String]) -> Option<Regex> {
    let nouns: Vec<String> = nouns
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .map(regex::escape)
        .collect();
    if nouns.is_empty() {
        return None;
    }
    let modifiers: Vec<String> = super::heads::MODIFIERS
        .iter()
        .map(|m| regex::escape(m))
        .collect();
    let modifier = format!(
        r"(?:(?i:{})|\p{{Lu}}[\w.-]*|[\w-]+['’]s|\d[\w-]*)",
        modifiers.join("|")
    );
    Regex::new(&format!(
        r"\b(?i:the|this|these|those|its|their)\s+(?:{modifier}\s+){{0,2}}(?i:{})\b",
        nouns.join("|")
    ))
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `is_word` answers as the list's regex does, for the shipped lists and for written ones.
    #[test]
    fn plain_words_are_words_where_the_regex_says_so() {
        let c = Config::default_config().cues;
        let mut lists: Vec<Vec<String>> = vec![
            c.titles.clone(),
            c.group_nouns.clone(),
            c.subordinators.clone(),
            c.hypothetical.clone(),
            c.temporal.clone(),
            c.stance_nouns.clone(),
            c.speech.clone(),
            c.support.clone(),
            c.negators.clone(),
            c.anaphors.clone(),
        ];
        lists.push(
            [
                "oppos*",
                "back",
                "U.S.",
                "n't",
                "co-founder",
                "lobbied ... for",
                "Gen.",
            ]
            .map(String::from)
            .to_vec(),
        );
        let mut rng = fastrand::Rng::with_seed(3);
        for entries in &lists {
            let list = WordList::new(entries);
            assert!(list.plain.is_some());
            let regex = list.regex.as_ref().expect("compiles");
            let mut words: Vec<String> = entries
                .iter()
                .flat_map(|e| e.split(|c: char| !c.is_ascii_alphanumeric()))
                .flat_map(|w| {
                    [
                        w.to_string(),
                        w.to_uppercase(),
                        format!("{w}s"),
                        format!("x{w}"),
                    ]
                })
                .collect();
            words.extend((0..2000).map(|_| {
                let len = rng.usize(1..8);
                (0..len)
                    .map(|_| {
                        rng.choice(b"abcdeimnoprstuABS0".iter())
                            .map_or('a', |&b| b as char)
                    })
                    .collect()
            }));
            for word in words.iter().filter(|w| !w.is_empty()) {
                let expected = regex
                    .find(word)
                    .is_some_and(|m| m.start() == 0 && m.end() == word.len());
                assert_eq!(list.is_word(word), expected, "{word:?} in {entries:?}");
            }
        }
    }

    #[test]
    fn the_stance_gate_passes_exactly_the_lists_that_match() {
        let lists = [
            vec!["support*", "back", "welcome"],
            vec!["not", "n't", "no longer"],
            vec!["reject*", "oppose*"],
            vec![],
            vec!["declined to comment"],
        ]
        .map(|words| WordList::new(&words.into_iter().map(String::from).collect::<Vec<_>>()));
        let gate = StanceGate::new([&lists[0], &lists[1], &lists[2], &lists[3], &lists[4]]);
        for text in [
            "Macron said France supported the plan.",
            "Moscow won't accept it and no longer backs talks.",
            "The Kremlin declined to comment; Kyiv rejected the idea.",
            "Nothing to see: notable, backstop, welcomed.",
        ] {
            let span = Span::new(0, text.len());
            let present = gate.present(text, span);
            for (i, list) in lists.iter().enumerate() {
                let matches = !list.find(text, span).is_empty();
                assert_eq!(present[i], matches, "list {i} in {text:?}");
            }
        }
    }

    #[test]
    fn no_entry_matches_an_empty_range() {
        // `find` answers empty ranges without the regex: it must agree with it.
        let words = ["*", "n't", "no longer", "'", "said"].map(String::from);
        let list = WordList::new(&words);
        let text = "He said he wouldn't.";
        assert_eq!(list.find(text, Span::new(3, 7)), [Span::new(3, 7)]);
        for at in [0, 3, 7, text.len()] {
            assert!(list.find(text, Span::new(at, at)).is_empty());
            let re = list.regex.as_ref().expect("compiled");
            assert!(re.find("").is_none());
        }
    }
}
