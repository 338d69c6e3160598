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
