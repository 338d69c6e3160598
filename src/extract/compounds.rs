//! A compound term's paraphrase. English names a policy by a compound ("sugar tax", "rent cap",
//! "smoking ban") and paraphrases it with the head first and the modifier after a preposition
//! ("a tax on sugary drinks", "a cap on annual rent rises", "the ban on smoking"). A user who
//! writes the compound as a topic term would expect both; this derives the second from the
//! first, so that a configuration need not spell out every paraphrase.

/// Words that make a term more than a compound ("boots on the ground", "tobacco and vapes").
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "on", "in", "for", "to", "from", "at", "with", "by", "and", "or",
    "against", "over", "into", "no", "not",
];

/// The prepositions that put a compound's modifier after its head.
const PREPOSITIONS: &str = "on|of|for|against|over";

/// The pattern for the paraphrase of `term`, when `term` is a plain compound of two or three
/// words ("\bsugar tax\b", "\bsoft drinks? levy\b"): the head, a preposition, at most two words,
/// then the head's own modifier in any of its forms ("sugar", "sugars", "sugary"). None for a
/// term with other regular-expression syntax, one word, or function words.
pub(crate) fn paraphrase(term: &str) -> Option<String> {
    let words = plain_words(term)?;
    if !(2..=3).contains(&words.len()) || words.iter().any(|w| FUNCTION_WORDS.contains(&w.as_str()))
    {
        return None;
    }
    let (modifier, head) = (&words[words.len() - 2], &words[words.len() - 1]);
    if head.chars().count() < 3 || modifier.chars().count() < 3 {
        return None;
    }
    Some(format!(
        r"\b{}\s+(?:{PREPOSITIONS})\s+(?:[\w’'-]+\s+){{0,2}}?{}\b",
        noun_forms(head),
        modifier_forms(modifier),
    ))
}

/// The words of a term that is plain text apart from word boundaries, an optional letter
/// ("drinks?"), an optional space or hyphen ("smoke-?free") and optional groups ("(?:industry )?",
/// dropped); lower case. None for any other syntax.
fn plain_words(term: &str) -> Option<Vec<String>> {
    let mut text = String::new();
    let mut rest = term.strip_prefix("(?i)").unwrap_or(term);
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix(r"\b") {
            rest = after;
        } else if let Some(group) = rest.strip_prefix("(?:") {
            let close = group.find(')')?;
            rest = group[close + 1..].strip_prefix('?')?;
        } else if rest[c.len_utf8()..].starts_with('?') {
            rest = &rest[c.len_utf8() + 1..];
        } else if c.is_alphabetic() || c == ' ' || c == '-' || c == '\'' {
            text.push(c);
            rest = &rest[c.len_utf8()..];
        } else {
            return None;
        }
    }
    Some(text.split_whitespace().map(str::to_lowercase).collect())
}

/// A noun in the singular or the plural ("tax", "taxes"; "levy", "levies"; "ban", "bans").
fn noun_forms(noun: &str) -> String {
    let n = regex::escape(noun);
    if let Some(stem) = consonant_y(noun) {
        format!("{}(?:y|ies)", regex::escape(stem))
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| noun.ends_with(e))
    {
        format!("{n}(?:es)?")
    } else {
        format!("{n}s?")
    }
}

/// A modifier as a noun or as the adjective made from it ("sugar", "sugars", "sugary").
fn modifier_forms(modifier: &str) -> String {
    match consonant_y(modifier) {
        Some(stem) => format!("{}(?:y|ies)", regex::escape(stem)),
        None => format!("{}(?:s|es|y)?", regex::escape(modifier)),
    }
}

/// The stem of a word ending in a consonant and "y" ("levy": "lev").
fn consonant_y(word: &str) -> Option<&str> {
    let stem = word.strip_suffix('y')?;
    let before = stem.chars().last()?;
    (!"aeiou".contains(before)).then_some(stem)
}

#[cfg(test)]
mod tests {
    use super::paraphrase;
    use regex::Regex;

    fn matches(term: &str, text: &str) -> bool {
        let pattern = paraphrase(term).expect("a compound");
        Regex::new(&format!("(?i){pattern}"))
            .unwrap()
            .is_match(text)
    }

    #[test]
    fn a_compound_matches_its_head_first_paraphrase() {
        assert!(matches(r"\bsugar tax\b", "a tax on sugary drinks"));
        assert!(matches(r"\bsugar tax\b", "taxes on high sugar drinks"));
        assert!(matches(
            r"\bsoft drinks? (?:industry )?levy\b",
            "a levy on drinks"
        ));
        assert!(matches(r"\bsmoking ban\b", "the ban on smoking in parks"));
        assert!(matches(r"\brent caps?\b", "a cap on annual rent rises"));
    }

    #[test]
    fn other_heads_and_modifiers_do_not_match() {
        assert!(!matches(r"\bsugar tax\b", "a tax on income"));
        assert!(!matches(r"\bsugar tax\b", "sugar on the tax form"));
        assert!(!matches(
            r"\bsmoking ban\b",
            "the ban on phones, smoking aside"
        ));
        assert!(!matches(
            r"\brent caps?\b",
            "a cap on what landlords may charge for rent"
        ));
    }

    #[test]
    fn terms_that_are_not_plain_compounds_have_none() {
        assert_eq!(paraphrase(r"\bceasefire\b"), None);
        assert_eq!(paraphrase(r"\bboots on the ground\b"), None);
        assert_eq!(paraphrase(r"\btobacco and vapes bill\b"), None);
        assert_eq!(paraphrase(r"\b(?:u\.?s\.?|american) troops\b"), None);
        assert_eq!(paraphrase(r"\bcease-?\s?fires?\b"), None);
    }
}
