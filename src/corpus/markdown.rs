//! Markdown articles: front matter and paragraph blocks mapped back to the original text.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::metadata::FrontMatter;
use crate::layout::Span;

/// Parses a leading TOML (`+++`) or YAML (`---`) front-matter block.
///
/// Returns the fields found and the byte offset where the body starts. Malformed front matter is
/// kept as body text rather than guessed at.
pub(super) fn front_matter(text: &str) -> (Option<FrontMatter>, usize) {
    let body = text.trim_start_matches('\u{feff}');
    let bom = text.len() - body.len();
    for fence in ["+++", "---"] {
        let Some(rest) = body.strip_prefix(fence) else {
            continue;
        };
        let Some(rest) = rest
            .strip_prefix('\n')
            .or_else(|| rest.strip_prefix("\r\n"))
        else {
            continue;
        };
        let open = bom + body.len() - rest.len();
        // Find the closing fence on a line of its own.
        let mut offset = open;
        for line in text[open..].split_inclusive('\n') {
            if line.trim_end() == fence {
                let inner = &text[open..offset];
                let fm = if fence == "+++" {
                    FrontMatter::from_toml(inner)
                } else {
                    FrontMatter::from_yaml(inner)
                };
                return (Some(fm), offset + line.len());
            }
            offset += line.len();
        }
        return (None, 0);
    }
    (None, 0)
}

/// Paragraph-level blocks (paragraphs, headings, list items, quotes) of the Markdown body,
/// as spans into the original text.
pub(super) fn blocks(text: &str, body_start: usize) -> Vec<Span> {
    let body = &text[body_start..];
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = None;
    for (event, range) in Parser::new_ext(body, Options::empty()).into_offset_iter() {
        match event {
            Event::Start(Tag::Paragraph | Tag::Heading { .. }) => {
                if depth == 0 {
                    start = Some(range.start);
                }
                depth += 1;
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => {
                depth = depth.saturating_sub(1);
                if depth == 0
                    && let Some(s) = start.take()
                {
                    let span = Span::new(body_start + s, body_start + range.end).trim(text);
                    if !span.is_empty() {
                        out.push(span);
                    }
                }
            }
            _ => {}
        }
    }
    out
}
