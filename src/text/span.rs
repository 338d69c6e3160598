//! Byte spans into an article's original file.

use serde::Serialize;

/// A half-open byte range `[start, end)` into the original file's text.
///
/// Spans always lie on `char` boundaries, so `&text[span.range()]` never panics.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The span shrunk so that it does not start or end with white space or with invisible
    /// formatting characters (byte order mark, zero-width and bidirectional controls), which
    /// text copied from web pages carries and which would hide a sentence's first word.
    pub fn trim(self, text: &str) -> Span {
        let slice = &text[self.range()];
        let edge = |c: char| c.is_whitespace() || is_invisible(c);
        let lead = slice.len() - slice.trim_start_matches(edge).len();
        let trail = slice.len() - slice.trim_end_matches(edge).len();
        if lead == slice.len() {
            return Span::new(self.start, self.start);
        }
        Span::new(self.start + lead, self.end - trail)
    }
}

/// Zero-width and bidirectional formatting characters, and the byte order mark.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
}
