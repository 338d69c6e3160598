//! Regular expressions for the lexicons (cue words, topic terms, dates), compiled so that the
//! regex engine keeps its fast DFA on news text.

use regex::{Regex, RegexBuilder};

/// Compiles a pattern with ASCII word boundaries: `\b` becomes `(?-u:\b)`.
///
/// A Unicode `\b` makes the regex engine give up its fast DFA on any non-ASCII byte, and news
/// text is full of curly quotes and dashes; the ASCII boundary keeps the DFA. It differs only
/// next to non-ASCII letters, so a pattern that spells out a non-ASCII letter itself ("été")
/// keeps its Unicode boundaries.
pub(crate) fn regex(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(&ascii_boundaries(pattern))
        .dfa_size_limit(DFA_CACHE_BYTES)
        .build()
}

/// The lazy DFA's cache per pattern and thread. Patterns with Unicode letter classes outgrow the
/// default and would rebuild their states over and over.
pub(crate) const DFA_CACHE_BYTES: usize = 16 << 20;

/// The pattern with each `\b` and `\B` made ASCII; see [`regex`].
pub(crate) fn ascii_boundaries(pattern: &str) -> String {
    if pattern
        .chars()
        .any(|c| !c.is_ascii() && c.is_alphanumeric())
    {
        return pattern.to_string();
    }
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            // `\b{start}` and friends are already explicit about their boundary.
            Some(b @ ('b' | 'B')) if chars.peek() != Some(&'{') => {
                out.push_str(if b == 'b' { r"(?-u:\b)" } else { r"(?-u:\B)" });
            }
            Some(next) => {
                out.push('\\');
                out.push(next);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn patterns_with_non_ascii_letters_keep_unicode_boundaries() {
        assert_eq!(ascii_boundaries(r"\bété\b"), r"\bété\b");
        let ete = regex(r"\bété\b").expect("valid");
        assert!(ete.is_match("cet été là"));
        assert!(!ete.is_match("cetété"));
    }
}
