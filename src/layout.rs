//! Where things are in an article's file: byte spans into its original text, and the blocks
//! (paragraphs) they mark out, each with its role.
//!
//! A leaf: [`crate::corpus`] finds the blocks and [`crate::text`] splits them into sentences;
//! both use these types and neither imports the other.

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

/// A paragraph-level block of a document: its span in the original text and its role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Block {
    pub span: Span,
    pub role: BlockRole,
}

/// What a block of an article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockRole {
    /// The article's headline.
    Headline,
    /// Reporting: the only role claims come from, with the headline.
    Body,
    /// Outlet, byline, dateline, copyright and "appeared first on" lines.
    Metadata,
    /// Page furniture: subscription prompts, photo credits and captions, author bios.
    Boilerplate,
}

impl BlockRole {
    /// True for blocks that carry reporting (headline or body).
    pub fn is_content(self) -> bool {
        matches!(self, BlockRole::Headline | BlockRole::Body)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            BlockRole::Headline => "headline",
            BlockRole::Body => "body",
            BlockRole::Metadata => "metadata",
            BlockRole::Boilerplate => "boilerplate",
        }
    }
}

/// A text cut into blocks: what sentence splitting reads of a document.
pub trait Blocked {
    /// The original text; block spans index into it.
    fn text(&self) -> &str;
    /// The blocks in reading order.
    fn blocks(&self) -> &[Block];
}
