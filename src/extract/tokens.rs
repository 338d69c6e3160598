//! Small lexical helpers the stages share: the token before a position, a word lowercased, and
//! char boundaries.

use std::borrow::Cow;

/// The token before `pos` (not before `lo`): a word or a single punctuation mark, with its start.
/// A slice of `text`: the stages read several tokens around each mention, so they are not copied.
pub(crate) fn previous_token_at(text: &str, lo: usize, pos: usize) -> Option<(&str, usize)> {
    let before = text[lo..pos].trim_end();
    if before.is_empty() {
        return None;
    }
    let last = before.chars().next_back()?;
    if !(last.is_alphanumeric() || last == '.') {
        let start = lo + before.len() - last.len_utf8();
        return Some((&before[start - lo..], start));
    }
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || matches!(c, '.' | '-' | '\'' | '’'))
        .last()
        .map_or(before.len(), |(i, _)| i);
    Some((&before[word_start..], lo + word_start))
}

/// `word` lowercased, exactly as `str::to_lowercase` does, but borrowed when it is ASCII and
/// already lower-case: the stages lowercase about ten words a sentence to compare them with
/// short lists, and most of them are, so this spares an allocation each.
pub(crate) fn lowercase(word: &str) -> Cow<'_, str> {
    if !word.is_ascii() {
        Cow::Owned(word.to_lowercase())
    } else if word.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(word.to_ascii_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// The token before `pos` (not before `lo`), lowercased.
pub(crate) fn previous_token(text: &str, lo: usize, pos: usize) -> Option<String> {
    previous_token_at(text, lo, pos).map(|(t, _)| t.to_lowercase())
}

/// The largest char boundary of `text` at or before `i`.
pub(crate) fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_is_to_lowercase() {
        for word in [
            "",
            "the",
            "The",
            "THE",
            "so-called",
            "O'Brien",
            "government’s",
            "ΣΟΦΟΣ",
            "Σ",
            "İstanbul",
            "\u{212A}elvin",
            "ſ",
            "Straße",
            "ÉLYSÉE",
            "£5",
            "a1B2",
        ] {
            assert_eq!(lowercase(word), word.to_lowercase(), "{word}");
        }
    }

    #[test]
    fn previous_token_is_a_slice_of_the_text() {
        let text = "The ban, said Mr. O’Brien-Smith";
        assert_eq!(
            previous_token_at(text, 0, text.len()),
            Some(("O’Brien-Smith", 18))
        );
        assert_eq!(previous_token_at(text, 0, 18), Some(("Mr.", 14)));
        assert_eq!(previous_token_at(text, 0, 8), Some((",", 7)));
        assert_eq!(previous_token_at(text, 0, 3), Some(("The", 0)));
        assert_eq!(previous_token_at(text, 4, 4), None);
    }
}
