//! Quotation spans: curly, straight and mixed pairs.

use crate::layout::Span;

/// A quotation inside a block: `span` includes the marks, `inner` excludes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    pub span: Span,
    pub inner: Span,
}

/// Finds the quotations in `within` (a span of `text`).
///
/// `“` always opens and `”` always closes; a straight `"` opens when it starts a word and closes
/// otherwise, so a straight opener closed by a curly mark (or the reverse) still pairs. A quote
/// left open at the end of the block runs to its end, as news quotes do across paragraphs.
pub fn quotes(text: &str, within: Span) -> Vec<Quote> {
    let slice = &text[within.range()];
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    // Only quote marks matter: jump from one `"` or `“`/`”` (which start with 0xE2) to the next.
    for i in memchr::memchr2_iter(b'"', 0xE2, slice.as_bytes()) {
        let Some(c) = slice[i..].chars().next() else {
            continue;
        };
        if !matches!(c, '“' | '”' | '"') {
            continue;
        }
        let at_word_start = slice[..i]
            .chars()
            .next_back()
            .is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–' | '-' | ':'));
        match (c, open) {
            ('“', None) => open = Some(i),
            ('"', None) if at_word_start => open = Some(i),
            ('”' | '"', Some(start)) => {
                let end = i + c.len_utf8();
                let q_start = within.start + start;
                out.push(Quote {
                    span: Span::new(q_start, within.start + end),
                    inner: Span::new(
                        q_start + slice[start..].chars().next().map_or(1, char::len_utf8),
                        within.start + i,
                    ),
                });
                open = None;
            }
            ('“', Some(_)) => open = Some(i),
            _ => {}
        }
    }
    if let Some(start) = open {
        let q_start = within.start + start;
        let mark = slice[start..].chars().next().map_or(1, char::len_utf8);
        if start + mark < slice.len() {
            out.push(Quote {
                span: Span::new(q_start, within.end),
                inner: Span::new(q_start + mark, within.end),
            });
        }
    }
    out
}

/// The quotations in `within`, with the single-quoted ones many outlets print speech in (`‘Not
/// now,’ she said`, `X wrote: 'We back it.'`), in text order.
///
/// A single quote opens at the start of a word and closes at the end of one, so apostrophes
/// ("it’s", "Britain’s") neither open nor close; it must close within its paragraph, and one that
/// meets a double-quoted quotation is a quote within the quote (or a stray mark), not speech of
/// its own: the quotations returned never overlap.
pub fn speech_quotes(text: &str, within: Span) -> Vec<Quote> {
    let mut out = quotes(text, within);
    let singles: Vec<Quote> = single_quotes(text, within)
        .into_iter()
        .filter(|s| {
            !out.iter()
                .any(|d| d.span.start < s.span.end && s.span.start < d.span.end)
        })
        .collect();
    if singles.is_empty() {
        return out;
    }
    out.extend(singles);
    out.sort_by_key(|q| q.span.start);
    out
}

/// The single-quoted quotations in `within`: `‘...’` or `'...'`.
fn single_quotes(text: &str, within: Span) -> Vec<Quote> {
    let slice = &text[within.range()];
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    // The marks are ' and ‘ ’ (E2 80 98, E2 80 99): only those bytes are looked at.
    for i in memchr::memchr2_iter(b'\'', 0xE2, slice.as_bytes()) {
        let Some(c @ ('‘' | '’' | '\'')) = slice[i..].chars().next() else {
            continue;
        };
        let before = slice[..i].chars().next_back();
        let after = slice[i + c.len_utf8()..].chars().next();
        let word_start =
            before.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–' | ':'));
        let word_end = before.is_some_and(|p| !p.is_whitespace())
            && after.is_none_or(|n| !n.is_alphanumeric());
        match open {
            None if c != '’' && word_start && after.is_some_and(char::is_alphanumeric) => {
                open = Some(i);
            }
            Some(start) if c != '‘' && word_end => {
                let q_start = within.start + start;
                let mark = slice[start..].chars().next().map_or(1, char::len_utf8);
                out.push(Quote {
                    span: Span::new(q_start, within.start + i + c.len_utf8()),
                    inner: Span::new(q_start + mark, within.start + i),
                });
                open = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(text: &str) -> Vec<&str> {
        speech_quotes(text, Span::new(0, text.len()))
            .into_iter()
            .map(|q| &text[q.inner.range()])
            .collect()
    }

    #[test]
    fn single_quotes_pair_at_word_edges_and_apostrophes_do_not() {
        assert_eq!(inner("‘Not now,’ she said."), ["Not now,"]);
        assert_eq!(inner("He wrote: 'We back it.'"), ["We back it."]);
        assert_eq!(inner("It’s Britain’s call, she said."), Vec::<&str>::new());
        assert_eq!(inner("In the '90s it was fine."), Vec::<&str>::new());
        // A quote within a double-quoted quote is part of it.
        assert_eq!(
            inner("“They called it ‘a disaster’ twice,” he said."),
            ["They called it ‘a disaster’ twice,"]
        );
        // One that straddles a double-quoted quotation is dropped: quotations never overlap.
        assert_eq!(inner("Trump“. 'Trump\"' "), [". 'Trump"]);
    }
}
