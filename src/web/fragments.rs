//! Comparison cells rendered once. A comparison of several cells shows each actor × topic cell
//! the same way whatever else is selected (its summary in the "At a glance" table and its
//! column, [`evidence::digest_cell`]), so each cell is rendered once per confidence choice, kept
//! as HTML and as raw deflate blocks ([`Deflated`]), and a comparison page is spliced from them:
//! only what depends on the selection (head, headings, form) is rendered and compressed per
//! request, by `compare.html` with a marker in each cell's two places.
//!
//! This is not a response cache: what is kept is bounded by the index (two entries per actor and
//! topic), holds no answer, and is the same whatever readers ask. [`Fragments::fill`] renders
//! every cell with claims when the server starts; a cell asked for before is rendered then.

use std::hash::Hasher;
use std::sync::OnceLock;

use askama::Template;
use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;
use rayon::prelude::*;
use rustc_hash::FxHasher;

use super::evidence;
use super::gzip::{self, Deflated, Part};
use super::selection::Selection;
use super::views::{ColumnView, CompareView, ConfidenceChoice, SummaryCellView};
use crate::config::Limits;
use crate::extract::Actor;
use crate::index::{ClaimFilter, Index};

/// What `compare.html` writes in a slotted cell's places: a Unicode noncharacter, which no text
/// holds; a page whose text holds it anyway is rendered whole.
pub(super) const SLOT: &str = "\u{fdd0}";

/// [`SLOT`] as a character, which `str::split` finds with `memchr`.
const SLOT_CHAR: char = '\u{fdd0}';

/// Level the fragments are compressed at: once, so the smallest.
const LEVEL: u32 = 9;

/// Every cell's fragments: two per actor (in [`Index::actors`] order) and topic, one per
/// confidence choice, each rendered on first use or by [`Fragments::fill`].
pub(crate) struct Fragments {
    topics: usize,
    slots: Box<[OnceLock<Option<CellFragment>>]>,
}

/// A cell as a comparison of several cells shows it.
pub(crate) struct CellFragment {
    /// The stance key and the number of claims, which the rest of the page reads.
    pub stance: &'static str,
    pub claims: usize,
    /// Its row entry in the "At a glance" table, and its column.
    pub summary: Piece,
    pub column: Piece,
}

/// A fragment's HTML, compressed, and the hash of its HTML for ETags.
pub(crate) struct Piece {
    pub html: Box<str>,
    pub deflated: Deflated,
    pub hash: u64,
}

impl Piece {
    fn new(html: String) -> Self {
        let mut hasher = FxHasher::default();
        hasher.write(html.as_bytes());
        Piece {
            deflated: Deflated::new(html.as_bytes(), LEVEL),
            hash: hasher.finish(),
            html: html.into_boxed_str(),
        }
    }

    fn bytes(&self) -> usize {
        self.html.len() + self.deflated.bytes.len() + std::mem::size_of::<Self>()
    }
}

impl Fragments {
    /// An empty table for every actor and topic of `index`.
    pub(crate) fn new(index: &Index) -> Self {
        let n = index.actors.len() * index.topics.len() * 2;
        Fragments {
            topics: index.topics.len(),
            slots: (0..n).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The fragments of `actor` on `topic` under `choice`, rendered now if they were not;
    /// `None` for an actor or topic not in the index, or a cell that failed to render.
    pub(crate) fn cell(
        &self,
        index: &Index,
        limits: &Limits,
        actor: &Actor,
        topic: &str,
        choice: &ConfidenceChoice,
    ) -> Option<&CellFragment> {
        let at = self.at(index, &actor.id, topic, choice.high_only)?;
        self.slots
            .get(at)?
            .get_or_init(|| render(index, limits, actor, topic, choice))
            .as_ref()
    }

    fn at(&self, index: &Index, actor: &str, topic: &str, high: bool) -> Option<usize> {
        let a = index.actor_rank(actor)?;
        let t = index.topic_rank(topic)?;
        Some((a * self.topics + t) * 2 + usize::from(high))
    }

    /// Renders every cell with claims under both confidence choices, in parallel. Returns the
    /// number of cells rendered.
    pub(crate) fn fill(&self, index: &Index, limits: &Limits) -> usize {
        let choices = [false, true].map(|high| {
            let value = high.then_some("high");
            evidence::choose(index, value).map_or_else(|_| ConfidenceChoice::default(), |c| c.1)
        });
        let work: Vec<(&Actor, &str, &ConfidenceChoice)> = index
            .quoted_actors()
            .flat_map(|a| index.topics.iter().map(move |t| (a, t.id.as_str())))
            .filter(|(a, t)| index.claims_for(&a.id, t).next().is_some())
            .flat_map(|(a, t)| choices.iter().map(move |c| (a, t, c)))
            .collect();
        work.par_iter()
            .filter(|(a, t, c)| self.cell(index, limits, a, t, c).is_some())
            .count()
    }

    /// Bytes held by the table and the fragments rendered so far.
    pub(crate) fn bytes(&self) -> usize {
        let filled: usize = self
            .slots
            .iter()
            .filter_map(|s| s.get().and_then(Option::as_ref))
            .map(|f| f.summary.bytes() + f.column.bytes())
            .sum();
        filled + self.slots.len() * std::mem::size_of::<OnceLock<Option<CellFragment>>>()
    }
}

/// A cell's fragments, as [`evidence::digest_cell`] fills it; `None` (logged) when a template
/// fails, so that the page is rendered whole and answers the error.
fn render(
    index: &Index,
    limits: &Limits,
    actor: &Actor,
    topic: &str,
    choice: &ConfidenceChoice,
) -> Option<CellFragment> {
    let filter = if choice.high_only {
        index.confident_only()
    } else {
        ClaimFilter::default()
    };
    let position = index.position_where(&actor.id, topic, &filter);
    let c = evidence::digest_cell(index, limits, actor, topic, &position, choice);
    let rendered = SummaryCellView { c: &c }
        .render()
        .and_then(|s| Ok((s, ColumnView { c: &c }.render()?)));
    match rendered {
        Ok((summary, column)) => Some(CellFragment {
            stance: c.position.stance,
            claims: c.position.claims,
            summary: Piece::new(summary),
            column: Piece::new(column),
        }),
        Err(err) => {
            tracing::error!(%err, actor = %actor.id, topic, "rendering a comparison cell");
            None
        }
    }
}

/// The cells of `selection` under `choice`, topic by topic, each actor in order; `None` when
/// one is missing.
pub(super) fn cells<'f>(
    fragments: &'f Fragments,
    index: &Index,
    limits: &Limits,
    selection: &Selection<'_>,
    choice: &ConfidenceChoice,
) -> Option<Vec<&'f CellFragment>> {
    selection
        .topics
        .iter()
        .flat_map(|t| selection.actors.iter().map(move |a| (*a, t.id.as_str())))
        .map(|(a, t)| fragments.cell(index, limits, a, t, choice))
        .collect()
}

/// The page of `view`, whose cells are all slotted and are `cells` (in [`cells`]' order),
/// spliced as gzip when `zipped`, else as HTML; `None` when the rendered page does not hold
/// exactly one marker per place (a text held the marker): the caller renders it whole.
pub(super) fn page(
    view: &CompareView,
    cells: &[&CellFragment],
    zipped: bool,
) -> Result<Option<Response>, askama::Error> {
    let html = view.render()?;
    let glue: Vec<&str> = html.split(SLOT_CHAR).collect();
    if glue.len() != 2 * cells.len() + 1 {
        tracing::warn!("a comparison's text holds the slot marker; rendered whole");
        return Ok(None);
    }
    let places = cells
        .iter()
        .map(|c| &c.summary)
        .chain(cells.iter().map(|c| &c.column));
    let mut parts: Vec<(&str, Option<&Piece>)> = glue.iter().map(|g| (*g, None)).collect();
    for (i, piece) in places.enumerate() {
        parts[i].1 = Some(piece);
    }
    Ok(Some(respond(&parts, zipped)))
}

/// The answer made of `parts`, each some glue and the piece after it, gzipped or not, with an
/// ETag hashed from the glue and the pieces' hashes (the same, gzipped or not).
fn respond(parts: &[(&str, Option<&Piece>)], zipped: bool) -> Response {
    let mut hasher = FxHasher::default();
    for (glue, piece) in parts {
        hasher.write(glue.as_bytes());
        hasher.write_u64(piece.map_or(0, |p| p.hash));
    }
    let body = if zipped {
        let chunks: Vec<Part<'_>> = parts
            .iter()
            .flat_map(|(glue, piece)| {
                std::iter::once(Part::Fresh(glue.as_bytes()))
                    .chain(piece.map(|p| Part::Ready(&p.deflated)))
            })
            .collect();
        gzip::gzip(&chunks)
    } else {
        let len = parts
            .iter()
            .map(|(g, p)| g.len() + p.map_or(0, |p| p.html.len()))
            .sum();
        let mut html = String::with_capacity(len);
        for (glue, piece) in parts {
            html.push_str(glue);
            html.push_str(piece.map_or("", |p| &p.html));
        }
        html.into_bytes()
    };
    let mut response = Response::new(Body::from(body));
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if let Ok(tag) = HeaderValue::from_str(&format!("W/\"{:016x}\"", hasher.finish())) {
        h.insert(header::ETAG, tag);
    }
    if zipped {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    }
    response
}

/// True when `Accept-Encoding` names gzip with a weight above zero.
pub(super) fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut params = coding.split(';');
            let name = params.next().unwrap_or("").trim();
            let zero = params.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            name.eq_ignore_ascii_case("gzip") && !zero
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepts(value: &str) -> bool {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(value).unwrap(),
        );
        accepts_gzip(&headers)
    }

    #[test]
    fn the_slot_is_one_character() {
        assert_eq!(SLOT, SLOT_CHAR.to_string());
    }

    #[test]
    fn gzip_is_taken_when_named_with_a_weight() {
        assert!(accepts("gzip"));
        assert!(accepts("br, GZIP;q=0.5, deflate"));
        assert!(!accepts("*"));
        assert!(!accepts("identity"));
        assert!(!accepts("gzip;q=0"));
        assert!(!accepts("gzip; q=0.0, br"));
        assert!(!accepts("gzipped"));
        assert!(!accepts_gzip(&HeaderMap::new()));
    }
}
