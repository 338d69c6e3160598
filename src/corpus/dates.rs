//! An article's publication date, with the precision its source gives and where it was read:
//! front matter or a `Date:` line to the day, then a labelled line ("Published: March 3, 2025"),
//! then a dateline ("WASHINGTON, March 3, 2025 —", "Mar 3 (Reuters) -"), then a year alone (front
//! matter or a copyright line), which stays a year. A dateline or label without a year takes the
//! year of the front matter or copyright line; with none, it gives no date.

use serde::Serialize;

use super::{Block, BlockRole, Metadata};
use crate::dates::{DateLexicon, Period, Precision, parse_iso};

/// Where a publication date was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    /// Front matter, a `Date:` line or a copyright line.
    Metadata,
    /// A labelled line such as "Published: March 3, 2025".
    Label,
    /// A dateline at the start of the text.
    Dateline,
}

/// An article's publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    pub period: Period,
    pub source: DateSource,
}

/// For people (JSON), the period's fields and the source side by side; in binary formats
/// (index snapshots, which cannot flatten), the period then the source.
impl Serialize for Published {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Flat<'a> {
            #[serde(flatten)]
            period: &'a Period,
            source: DateSource,
        }
        if s.is_human_readable() {
            Flat {
                period: &self.period,
                source: self.source,
            }
            .serialize(s)
        } else {
            (self.period, self.source).serialize(s)
        }
    }
}

impl<'de> serde::Deserialize<'de> for Published {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        struct Flat {
            #[serde(flatten)]
            period: Period,
            source: DateSource,
        }
        if d.is_human_readable() {
            let Flat { period, source } = <Flat as serde::Deserialize>::deserialize(d)?;
            Ok(Published { period, source })
        } else {
            let (period, source) = <(Period, DateSource) as serde::Deserialize>::deserialize(d)?;
            Ok(Published { period, source })
        }
    }
}

/// How many blocks at each end of an article may hold a date line or a dateline.
const EDGE_BLOCKS: usize = 8;

/// Reads the publication date and wire credit of an article (its text and blocks) into its
/// metadata. A day-precise date also fills `meta.date` when that held nothing or only a year.
pub(super) fn date_article(
    lexicon: &DateLexicon,
    text: &str,
    blocks: &[Block],
    meta: &mut Metadata,
) {
    let from_meta = meta.date.as_deref().and_then(parse_iso);
    let year = from_meta.map(|p| p.start.year());
    let n = blocks.len();
    let edges = blocks
        .iter()
        .enumerate()
        .filter(|(i, b)| {
            (*i < EDGE_BLOCKS || *i + EDGE_BLOCKS >= n) && b.role != BlockRole::Boilerplate
        })
        .map(|(_, b)| b);
    let mut labelled = None;
    for block in edges {
        let Some(block_text) = text.get(block.span.range()) else {
            continue;
        };
        labelled = block_text
            .lines()
            .filter(|l| l.len() <= 200)
            .find_map(|l| lexicon.labelled_date(l, year));
        if labelled.is_some() {
            break;
        }
    }
    let dateline = blocks
        .iter()
        .filter(|b| b.role == BlockRole::Body)
        .take(3)
        .filter_map(|b| text.get(b.span.range()))
        .find_map(|t| lexicon.dateline(t, year));
    let day = |p: &Period| p.precision == Precision::Day;
    let published = if let Some(p) = from_meta.filter(day) {
        Some((p, DateSource::Metadata))
    } else if let Some(p) = labelled {
        Some((p, DateSource::Label))
    } else if let Some(p) = dateline.as_ref().and_then(|d| d.date) {
        Some((p, DateSource::Dateline))
    } else {
        from_meta.map(|p| (p, DateSource::Metadata))
    };
    meta.published = published.map(|(period, source)| Published { period, source });
    meta.wire = dateline.and_then(|d| d.wire);
    if let Some((p, _)) = published
        && p.precision == Precision::Day
        && meta.date.as_ref().is_none_or(|d| d.len() == 4)
    {
        meta.date = Some(p.iso());
    }
}
