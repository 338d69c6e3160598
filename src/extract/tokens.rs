//! Small lexical helpers the stages share: the token before a position, and char boundaries.

/// The token before `pos` (not before `lo`): a word or a single punctuation mark, with its start.
pub(crate) fn previous_token_at(text: &str, lo: usize, pos: usize) -> Option<(String, usize)> {
    let before = text[lo..pos].trim_end();
    if before.is_empty() {
        return None;
    }
    let last = before.chars().next_back()?;
    if !(last.is_alphanumeric() || last == '.') {
        let start = lo + before.len() - last.len_utf8();
        return Some((last.to_string(), start));
    }
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || matches!(c, '.' | '-' | '\'' | '’'))
        .last()
        .map_or(before.len(), |(i, _)| i);
    Some((before[word_start..].to_string(), lo + word_start))
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
