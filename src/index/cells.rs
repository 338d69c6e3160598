//! Cell summaries: what the pages and the API show of each actor × topic cell (its stance, its
//! articles, its coverage by outlet and copies, its dated claims, shifts and disagreeing weeks),
//! computed once at indexing, in parallel, over all its claims and over the confident ones (the
//! two confidence choices a reader has). They are kept in the index and in its snapshot as claim
//! and article positions, and turned back into the same [`Coverage`] and [`Timeline`] that
//! [`Index::coverage`] and [`Index::timeline`] compute from the claims, in time proportional to
//! what they hold.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::coverage::{Coverage, Source};
use super::query::Position;
use super::timeline::{Dated, Disagreement, Shift, Timeline};
use super::{Article, Index};
use crate::dates::Period;
use crate::extract::{Claim, Stance};

/// One cell under one confidence choice, decided at indexing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Cell {
    pub(super) stance: Option<Stance>,
    pub(super) disagree: bool,
    /// Distinct articles behind the claims.
    pub(super) articles: u32,
    /// Distinct outlets named, and articles naming none.
    outlets: u32,
    unnamed: u32,
    /// Articles that copy another's claim sentences.
    copies: u32,
    /// The sources, in index order.
    sources: Vec<StoredSource>,
    /// Claims (positions in [`Index::claims`]) with a statement date, in date order.
    dated: Vec<u32>,
    /// Shifts, as the claims they go from and to.
    shifts: Vec<(u32, u32)>,
    /// Weeks in which sources disagree, in week order.
    weeks: Vec<StoredWeek>,
    /// The [`STRONGEST_KEPT`] claims a reader should see first ([`Index::strongest`]), in that
    /// order.
    strongest: Vec<u32>,
}

/// Strongest claims kept in each cell's summary: as many as a comparison of several cells shows.
pub const STRONGEST_KEPT: usize = 3;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct StoredSource {
    /// Position in [`Index::articles`].
    article: u32,
    /// The article this one copies, when it does.
    copy_of: Option<u32>,
    claims: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct StoredWeek {
    period: Period,
    favour: Vec<u32>,
    against: Vec<u32>,
}

/// Cells by actor id, then topic id: over all claims, then over the confident ones.
pub(crate) type Cells = HashMap<String, HashMap<String, [Cell; 2]>>;

impl Index {
    /// Every cell an actor spoke in, under both confidence choices, in parallel.
    pub(super) fn summarize_cells(&self) -> Cells {
        let confident = self.confident_only();
        let work: Vec<(&String, &String, &Vec<usize>)> = self
            .by_actor
            .iter()
            .flat_map(|(a, topics)| topics.iter().map(move |(t, claims)| (a, t, claims)))
            .collect();
        let done: Vec<(&String, &String, [Cell; 2])> = work
            .into_par_iter()
            .map(|(actor, topic, indices)| {
                let all: Vec<&Claim> = indices.iter().map(|&i| &self.claims[i]).collect();
                let kept: Vec<&Claim> =
                    all.iter().copied().filter(|c| confident.keeps(c)).collect();
                (
                    actor,
                    topic,
                    [self.summarize_cell(&all), self.summarize_cell(&kept)],
                )
            })
            .collect();
        let mut cells = Cells::default();
        for (actor, topic, cell) in done {
            cells
                .entry(actor.clone())
                .or_default()
                .insert(topic.clone(), cell);
        }
        cells
    }

    /// What [`Index::summary`], [`Index::coverage`] and [`Index::timeline`] say of a set of
    /// claims, kept as positions in the index.
    pub(crate) fn summarize_cell(&self, claims: &[&Claim]) -> Cell {
        let summary = self.summary(claims);
        let coverage = self.coverage(claims);
        let timeline = self.timeline(claims);
        let claim = |c: &Claim| self.claim_index(c).map_or(u32::MAX, to_u32);
        let article = |id: &str| self.article_by_id.get(id).map_or(u32::MAX, |&i| to_u32(i));
        Cell {
            stance: summary.stance,
            disagree: summary.disagree,
            articles: to_u32(
                claims
                    .iter()
                    .map(|c| c.article.as_str())
                    .collect::<BTreeSet<_>>()
                    .len(),
            ),
            outlets: to_u32(coverage.outlets),
            unnamed: to_u32(coverage.unnamed),
            copies: to_u32(coverage.copies),
            sources: coverage
                .sources
                .iter()
                .map(|s| StoredSource {
                    article: article(s.article),
                    copy_of: s.copy_of.map(article),
                    claims: to_u32(s.claims),
                })
                .collect(),
            dated: timeline.dated.iter().map(|d| claim(d.claim)).collect(),
            shifts: timeline
                .shifts
                .iter()
                .map(|s| (claim(s.from.claim), claim(s.to.claim)))
                .collect(),
            weeks: timeline
                .disagreements
                .iter()
                .map(|d| StoredWeek {
                    period: d.period,
                    favour: d.favour.iter().map(|c| claim(c)).collect(),
                    against: d.against.iter().map(|c| claim(c)).collect(),
                })
                .collect(),
            strongest: self
                .strongest(claims, STRONGEST_KEPT)
                .into_iter()
                .map(claim)
                .collect(),
        }
    }

    /// The cell kept for an actor and a topic under `high` (the confident claims) or not.
    pub(super) fn stored_cell(&self, actor: &str, topic: &str, high: bool) -> Option<&Cell> {
        Some(&self.cells.get(actor)?.get(topic)?[usize::from(high)])
    }

    /// The coverage of a position with its first `max` sources (its counts are over them all):
    /// read from its cell when it has one (every position of the two confidence choices), else
    /// summed over its claims ([`Index::coverage`]).
    pub fn position_coverage<'a>(&'a self, position: &Position<'a>, max: usize) -> Coverage<'a> {
        let Some(cell) = position.cell else {
            let mut coverage = self.coverage(&position.claims);
            coverage.sources.truncate(max);
            return coverage;
        };
        let id = |i: u32| self.articles.get(i as usize).map(|a| a.id.as_str());
        let sources: Vec<Source<'a>> = cell
            .sources
            .iter()
            .take(max)
            .filter_map(|s| {
                let article = self.articles.get(s.article as usize)?;
                Some(Source {
                    article: &article.id,
                    title: Article::title(article),
                    outlet: article.meta.outlet.as_deref(),
                    copy_of: s.copy_of.and_then(id),
                    claims: s.claims as usize,
                })
            })
            .collect();
        let articles = cell.sources.len();
        let copies = cell.copies as usize;
        Coverage {
            articles,
            outlets: cell.outlets as usize,
            unknown_outlet: cell.unnamed > 0,
            unnamed: cell.unnamed as usize,
            reports: articles - copies.min(articles),
            copies,
            sources,
        }
    }

    /// How many shifts and weeks of disagreement a position has, and its latest shift: what a
    /// grid cell shows, without the rest of its timeline.
    pub fn position_marks<'a>(&'a self, position: &Position<'a>) -> Marks<'a> {
        let Some(cell) = position.cell else {
            let timeline = self.timeline(&position.claims);
            return Marks {
                shifts: timeline.shifts.len(),
                disagreements: timeline.disagreements.len(),
                last_shift: timeline.shifts.last().copied(),
            };
        };
        let dated = |i: u32| {
            let claim = self.claims.get(i as usize)?;
            Some(Dated {
                claim,
                when: self.statement_date(claim)?,
            })
        };
        Marks {
            shifts: cell.shifts.len(),
            disagreements: cell.weeks.len(),
            last_shift: cell.shifts.last().and_then(|&(from, to)| {
                Some(Shift {
                    from: dated(from)?,
                    to: dated(to)?,
                })
            }),
        }
    }

    /// The timeline, shifts and disagreements of a position: read from its cell when it has
    /// one, else worked out from its claims ([`Index::timeline`]).
    pub fn position_timeline<'a>(&'a self, position: &Position<'a>) -> Timeline<'a> {
        match position.cell {
            Some(cell) => self.cell_timeline(cell, 0, 0),
            None => self.timeline(&position.claims),
        }
    }

    /// What a page shows of a position's time: its latest `dated` dated claims and `weeks`
    /// weeks of disagreement, every shift, and how many dated claims and weeks it has in all.
    /// Read from its cell when it has one, without reading the rest.
    pub fn position_latest_time<'a>(
        &'a self,
        position: &Position<'a>,
        dated: usize,
        weeks: usize,
    ) -> (Timeline<'a>, TimeCounts) {
        let Some(cell) = position.cell else {
            let mut timeline = self.timeline(&position.claims);
            let counts = TimeCounts {
                dated: timeline.dated.len(),
                disagreements: timeline.disagreements.len(),
            };
            timeline.dated.drain(..counts.dated.saturating_sub(dated));
            timeline
                .disagreements
                .drain(..counts.disagreements.saturating_sub(weeks));
            return (timeline, counts);
        };
        let counts = TimeCounts {
            dated: cell.dated.len(),
            disagreements: cell.weeks.len(),
        };
        let from = (
            counts.dated.saturating_sub(dated),
            counts.disagreements.saturating_sub(weeks),
        );
        (self.cell_timeline(cell, from.0, from.1), counts)
    }

    /// A cell's timeline from its `dated`-th dated claim and its `weeks`-th week on.
    fn cell_timeline(&self, cell: &Cell, dated: usize, weeks: usize) -> Timeline<'_> {
        let claim = |i: &u32| self.claims.get(*i as usize);
        let dated_claim = |i: &u32| {
            let claim = claim(i)?;
            Some(Dated {
                claim,
                when: self.statement_date(claim)?,
            })
        };
        Timeline {
            dated: cell.dated[dated..].iter().filter_map(dated_claim).collect(),
            shifts: cell
                .shifts
                .iter()
                .filter_map(|(from, to)| {
                    Some(Shift {
                        from: dated_claim(from)?,
                        to: dated_claim(to)?,
                    })
                })
                .collect(),
            disagreements: cell.weeks[weeks..]
                .iter()
                .map(|w| Disagreement {
                    period: w.period,
                    favour: w.favour.iter().filter_map(claim).collect(),
                    against: w.against.iter().filter_map(claim).collect(),
                })
                .collect(),
        }
    }

    /// The `n` claims of a position a reader should see first ([`Index::strongest`]): read from
    /// its cell when it has one and `n` is at most [`STRONGEST_KEPT`].
    pub fn position_strongest<'a>(&'a self, position: &Position<'a>, n: usize) -> Vec<&'a Claim> {
        match position.cell {
            Some(cell) if n <= STRONGEST_KEPT => cell
                .strongest
                .iter()
                .take(n)
                .filter_map(|&i| self.claims.get(i as usize))
                .collect(),
            _ => self.strongest(&position.claims, n),
        }
    }
}

/// How many dated claims and weeks of disagreement a position has, when its [`Timeline`] holds
/// only the latest ([`Index::position_latest_time`]).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TimeCounts {
    pub dated: usize,
    pub disagreements: usize,
}

/// What a grid cell shows of a position's timeline ([`Index::position_marks`]).
#[derive(Debug, Clone, Copy)]
pub struct Marks<'a> {
    pub shifts: usize,
    pub disagreements: usize,
    pub last_shift: Option<Shift<'a>>,
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::config::Config;
    use crate::index::ClaimFilter;

    /// Claims as their positions in the index, for comparing timelines.
    type Shape = (
        Vec<usize>,
        Vec<(usize, usize)>,
        Vec<(String, Vec<usize>, Vec<usize>)>,
    );

    fn shape(index: &Index, t: &Timeline<'_>) -> Shape {
        let at = |c: &Claim| index.claim_index(c).expect("a claim of the index");
        (
            t.dated.iter().map(|d| at(d.claim)).collect(),
            t.shifts
                .iter()
                .map(|s| (at(s.from.claim), at(s.to.claim)))
                .collect(),
            t.disagreements
                .iter()
                .map(|d| {
                    (
                        d.period.iso(),
                        d.favour.iter().map(|c| at(c)).collect(),
                        d.against.iter().map(|c| at(c)).collect(),
                    )
                })
                .collect(),
        )
    }

    /// Every cell under every confidence choice, read from the summaries, equals what its
    /// claims give when summed per request; returns the shifts, disagreeing weeks and copies
    /// seen, so that a caller can check the corpus exercised them.
    fn cells_match_their_claims(index: &Index) -> (usize, usize, usize) {
        let (mut shifts, mut weeks, mut copies) = (0, 0, 0);
        let odd = ClaimFilter {
            min_confidence: Some(0.3),
        };
        for actor in &index.actors {
            for topic in &index.topics {
                for filter in [ClaimFilter::default(), index.confident_only(), odd] {
                    let p = index.position_where(&actor.id, &topic.id, &filter);
                    let what = format!("{} on {} ({filter:?})", actor.id, topic.id);
                    let fresh = index.summary(&p.claims);
                    assert_eq!(
                        (p.stance, p.disagree),
                        (fresh.stance, fresh.disagree),
                        "{what}"
                    );
                    let articles: BTreeSet<&str> =
                        p.claims.iter().map(|c| c.article.as_str()).collect();
                    assert_eq!(p.articles, articles.len(), "{what}");
                    let stored = serde_json::to_value(index.position_coverage(&p, usize::MAX));
                    let summed = serde_json::to_value(index.coverage(&p.claims));
                    assert_eq!(stored.unwrap(), summed.unwrap(), "{what}");
                    // The first sources, with the counts over them all.
                    let mut first = index.coverage(&p.claims);
                    first.sources.truncate(3);
                    let stored = serde_json::to_value(index.position_coverage(&p, 3));
                    assert_eq!(
                        stored.unwrap(),
                        serde_json::to_value(first).unwrap(),
                        "{what}"
                    );
                    let timeline = index.position_timeline(&p);
                    let fresh = index.timeline(&p.claims);
                    assert_eq!(shape(index, &timeline), shape(index, &fresh), "{what}");
                    let marks = index.position_marks(&p);
                    let last = |s: Option<&Shift<'_>>| {
                        s.map(|s| (s.from.claim as *const Claim, s.to.claim as *const Claim))
                    };
                    assert_eq!(
                        (
                            marks.shifts,
                            marks.disagreements,
                            last(marks.last_shift.as_ref())
                        ),
                        (
                            fresh.shifts.len(),
                            fresh.disagreements.len(),
                            last(fresh.shifts.last())
                        ),
                        "{what}"
                    );
                    for n in [1, 3, 5] {
                        let at = |cs: Vec<&Claim>| {
                            cs.into_iter()
                                .map(|c| c as *const Claim)
                                .collect::<Vec<_>>()
                        };
                        assert_eq!(
                            at(index.position_strongest(&p, n)),
                            at(index.strongest(&p.claims, n)),
                            "{what}, {n} strongest"
                        );
                    }
                    for (n, w) in [(0, 0), (2, 1), (10, 3), (usize::MAX, usize::MAX)] {
                        let (latest, counts) = index.position_latest_time(&p, n, w);
                        let mut want = shape(index, &fresh);
                        let counts_want = TimeCounts {
                            dated: want.0.len(),
                            disagreements: want.2.len(),
                        };
                        want.0.drain(..want.0.len().saturating_sub(n));
                        want.2.drain(..want.2.len().saturating_sub(w));
                        assert_eq!(shape(index, &latest), want, "{what}, latest {n} {w}");
                        assert_eq!(counts, counts_want, "{what}");
                    }
                    if filter == ClaimFilter::default() {
                        shifts += timeline.shifts.len();
                        weeks += timeline.disagreements.len();
                        copies += index.position_coverage(&p, 0).copies;
                        assert_eq!(p.cell.is_some(), !p.claims.is_empty(), "{what}");
                    }
                }
            }
        }
        (shifts, weeks, copies)
    }

    fn index_of(dir: &Path, config: &Config) -> Index {
        Index::build(
            crate::corpus::load_dir(dir, config).expect("corpus"),
            config,
        )
    }

    #[test]
    fn cell_summaries_equal_what_the_claims_give_on_the_seeds() {
        let config = Config::default_config();
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let index = index_of(&seeds, &config);
        assert!(!index.cells.is_empty());
        cells_match_their_claims(&index);
    }

    #[test]
    fn cell_summaries_equal_what_the_claims_give_on_a_generated_corpus() {
        let config = Config::default_config();
        let dir = tempfile::tempdir().expect("tempdir");
        crate::synth::Generator::new(&config, 7)
            .write(400, dir.path())
            .expect("generate");
        let index = index_of(dir.path(), &config);
        let (shifts, weeks, copies) = cells_match_their_claims(&index);
        // The corpus has what the summaries keep, so the comparison compared something.
        assert!(
            shifts > 0 && weeks > 0 && copies > 0,
            "{shifts} {weeks} {copies}"
        );
        // And a snapshot keeps the summaries as they were.
        let snap = dir.path().join("corpus.snap");
        index.write_snapshot(&snap).expect("write");
        let read = Index::read_snapshot(&snap).expect("read");
        assert_eq!(read.cells, index.cells);
        cells_match_their_claims(&read);
    }
}
