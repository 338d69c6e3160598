//! Regular expressions for the lexicons (cue words, topic terms, dates), compiled so that the
//! regex engine keeps its fast DFA on news text.

use memchr::memmem::Finder;
use regex::{Regex, RegexBuilder};

/// Fixed words looked for in many short texts (pre-checks), each with its searcher built once:
/// `str::contains` prepares its search on every call, which costs more than the search itself
/// on a line or a sentence.
pub(crate) struct Needles(Vec<(&'static str, Finder<'static>)>);

impl Needles {
    pub(crate) fn new(words: &[&'static str]) -> Needles {
        Needles(
            words
                .iter()
                .map(|w| (*w, Finder::new(w.as_bytes())))
                .collect(),
        )
    }

    /// True if `hay` holds any of the words.
    pub(crate) fn any_in(&self, hay: &str) -> bool {
        self.0.iter().any(|(_, f)| f.find(hay.as_bytes()).is_some())
    }

    /// Where each word occurs in `hay`, with the word: word by word in the order given, each
    /// one's occurrences left to right and not overlapping, as `str::match_indices` of each
    /// word in turn finds them.
    pub(crate) fn matches<'a>(
        &'a self,
        hay: &'a str,
    ) -> impl Iterator<Item = (usize, &'static str)> + 'a {
        self.0
            .iter()
            .flat_map(move |(w, f)| f.find_iter(hay.as_bytes()).map(move |at| (at, *w)))
    }
}

/// Compiles a pattern with ASCII word boundaries and word characters: `\b` becomes
/// `(?-u:\b)`, `\w` becomes `(?-u:\w)` (see [`ascii_boundaries`]).
///
/// A Unicode `\b` makes the regex engine give up its fast DFA on any non-ASCII byte, and news
/// text is full of curly quotes and dashes; the ASCII boundary keeps the DFA. A Unicode `\w`
/// is a class of hundreds of ranges: a pattern with a few of them took milliseconds to compile
/// and a large DFA to run. Both differ only next to non-ASCII letters, so a pattern that spells
/// out a non-ASCII letter itself ("été") keeps its Unicode meaning.
pub(crate) fn regex(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(&ascii_boundaries(pattern))
        .dfa_size_limit(DFA_CACHE_BYTES)
        .build()
}

/// The lazy DFA's cache per pattern and thread. Patterns with Unicode letter classes outgrow the
/// default and would rebuild their states over and over.
pub(crate) const DFA_CACHE_BYTES: usize = 16 << 20;

/// The pattern with each `\b`, `\B`, `\w` and `\W` made ASCII; see [`regex`]. Inside a
/// bracketed class `\w` becomes `0-9A-Za-z_` (a class cannot hold a flag group).
pub(crate) fn ascii_boundaries(pattern: &str) -> String {
    if pattern
        .chars()
        .any(|c| !c.is_ascii() && c.is_alphanumeric())
    {
        return pattern.to_string();
    }
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    // Nesting depth of bracketed classes, and whether the class just opened (where `]` and
    // `^` are literal).
    let (mut depth, mut opened) = (0usize, false);
    while let Some(c) = chars.next() {
        let just_opened = std::mem::take(&mut opened);
        match c {
            '\\' => match chars.next() {
                // `\b{start}` and friends are already explicit about their boundary.
                Some(b @ ('b' | 'B')) if depth == 0 && chars.peek() != Some(&'{') => {
                    out.push_str(if b == 'b' { r"(?-u:\b)" } else { r"(?-u:\B)" });
                }
                Some(w @ ('w' | 'W')) if depth == 0 => {
                    out.push_str(if w == 'w' { r"(?-u:\w)" } else { r"(?-u:\W)" });
                }
                Some('w') => out.push_str("0-9A-Za-z_"),
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            },
            '[' => {
                depth += 1;
                opened = true;
                out.push(c);
            }
            '^' if just_opened => {
                opened = true;
                out.push(c);
            }
            ']' if depth > 0 && !just_opened => {
                depth -= 1;
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needles_match_as_match_indices_does_word_by_word() {
        let words = [" as did ", "aa", ", as ", "é’"];
        let needles = Needles::new(&words);
        for hay in [
            "",
            "aaaaa",
            "Cole backed it, as did Okoro, as did  Lee",
            "éé’ aa, as did ",
            "a",
        ] {
            let expected: Vec<(usize, &str)> =
                words.iter().flat_map(|w| hay.match_indices(w)).collect();
            assert_eq!(needles.matches(hay).collect::<Vec<_>>(), expected, "{hay}");
        }
    }

    #[test]
    fn ascii_patterns_get_ascii_boundaries_and_keep_their_matches() {
        assert_eq!(ascii_boundaries(r"\bsaid\b"), r"(?-u:\b)said(?-u:\b)");
        assert_eq!(
            ascii_boundaries(r"\Bx\\b\b{start}"),
            r"(?-u:\B)x\\b\b{start}"
        );
        let said = regex(r"(?i)\bsaid\b").expect("valid");
        let found: Vec<&str> = said
            .find_iter("“Yes,” she said — unsaid — SAID’s")
            .map(|m| m.as_str())
            .collect();
        assert_eq!(found, ["said", "SAID"]);
    }

    #[test]
    fn ascii_patterns_get_ascii_word_characters_inside_and_outside_classes() {
        assert_eq!(
            ascii_boundaries(r"\w+[\w’'-]*\W[^\w][]\w]"),
            r"(?-u:\w)+[0-9A-Za-z_’'-]*(?-u:\W)[^0-9A-Za-z_][]0-9A-Za-z_]"
        );
        // Escaped brackets do not open a class.
        assert_eq!(ascii_boundaries(r"\[\w\]"), r"\[(?-u:\w)\]");
        let gap = regex(r"(?i)\bsecurity\s+(?:[\w-]+\s+){0,2}guarantees\b").expect("valid");
        assert!(gap.is_match("Security long-term GUARANTEES"));
        assert!(!gap.is_match("security a b c guarantees"));
    }

    #[test]
    fn patterns_with_non_ascii_letters_keep_unicode_boundaries() {
        assert_eq!(ascii_boundaries(r"\bété\b"), r"\bété\b");
        let ete = regex(r"\bété\b").expect("valid");
        assert!(ete.is_match("cet été là"));
        assert!(!ete.is_match("cetété"));
    }
}
