//! The geometry of a stance timeline: where each dated claim of a position stands on a time axis,
//! in a lane per stance, and which marks a shift joins. `templates/macros.html` draws it as SVG.

use super::views::{ChartView, LaneView, MarkView, ShiftLine, TickView, WhenView, evidence_href};
use crate::dates::iso_day;
use crate::extract::Stance;
use crate::index::{Dated, Index, Shift};

/// The drawing's width in SVG units; it scales to the page.
const WIDTH: f64 = 420.0;
/// Left of the plot: room for the lanes' labels.
const PLOT_LEFT: f64 = 108.0;
const PLOT_RIGHT: f64 = WIDTH - 12.0;
const TOP: f64 = 16.0;
const LANE: f64 = 24.0;
/// Least distance between two marks of one lane, so that each stays a target of its own.
const MARK_GAP: f64 = 17.0;

/// Lanes from top to bottom.
const LANES: [Stance; 5] = [
    Stance::Support,
    Stance::Conditional,
    Stance::Mixed,
    Stance::Unclear,
    Stance::Oppose,
];

/// The days of a period's middle, counted from any fixed day.
fn middle(d: &Dated<'_>) -> f64 {
    (julian(d.when.period.start) + julian(d.when.period.end)) / 2.0
}

/// Where dates and stances fall on the drawing.
struct Axes {
    /// The stances that have marks, top to bottom.
    lanes: Vec<Stance>,
    /// The first and last day shown.
    start: f64,
    end: f64,
}

impl Axes {
    fn lane(&self, stance: Stance) -> usize {
        self.lanes.iter().position(|l| *l == stance).unwrap_or(0)
    }

    fn y(&self, stance: Stance) -> f64 {
        TOP + LANE * self.lane(stance) as f64
    }

    fn x(&self, day: f64) -> f64 {
        if self.end > self.start {
            PLOT_LEFT + (day - self.start) / (self.end - self.start) * (PLOT_RIGHT - PLOT_LEFT)
        } else {
            (PLOT_LEFT + PLOT_RIGHT) / 2.0
        }
    }
}

fn julian(day: time::Date) -> f64 {
    f64::from(day.to_julian_day())
}

/// The chart of some dated claims (in date order) and the shifts between them; `None` without
/// dated claims. A shift is drawn when both its claims are among `dated`.
pub(super) fn chart(
    index: &Index,
    id: String,
    dated: &[Dated<'_>],
    shifts: &[Shift<'_>],
) -> Option<ChartView> {
    let (first, last) = (dated.first()?, dated.last()?);
    let axes = Axes {
        lanes: LANES
            .into_iter()
            .filter(|s| dated.iter().any(|d| d.claim.stance == *s))
            .collect(),
        start: julian(first.when.period.start),
        end: julian(last.when.period.end),
    };
    let mut marks = marks(index, &axes, dated);
    let at = |d: &Dated<'_>| dated.iter().position(|e| std::ptr::eq(e.claim, d.claim));
    let mut lines = Vec::new();
    for s in shifts {
        if let (Some(a), Some(b)) = (at(&s.from), at(&s.to)) {
            marks[b].shifted = true;
            lines.push(ShiftLine {
                x1: marks[a].x,
                y1: marks[a].y,
                x2: marks[b].x,
                y2: marks[b].y,
            });
        }
    }
    let axis_y = TOP + LANE * (axes.lanes.len() as f64 - 1.0) + 18.0;
    let right = marks
        .iter()
        .map(|m| m.x)
        .fold(WIDTH, |w, x| w.max(x + 12.0));
    let tick = |day: time::Date, x: f64, anchor: &'static str| TickView {
        x: round(x),
        label: iso_day(day),
        anchor,
    };
    let mut ticks = vec![tick(first.when.period.start, PLOT_LEFT, "start")];
    if axes.end > axes.start {
        ticks.push(tick(last.when.period.end, PLOT_RIGHT, "end"));
    }
    Some(ChartView {
        id,
        width: round(right),
        height: round(axis_y + 24.0),
        lanes: axes
            .lanes
            .iter()
            .map(|s| LaneView {
                stance: s.as_str(),
                y: round(axes.y(*s)),
            })
            .collect(),
        plot_left: round(PLOT_LEFT),
        plot_right: round(right - 12.0),
        axis_y: round(axis_y),
        ticks,
        marks,
        shifts: lines,
    })
}

/// A mark per dated claim, at the middle of its period in its stance's lane, at least
/// [`MARK_GAP`] right of the lane's previous mark.
fn marks(index: &Index, axes: &Axes, dated: &[Dated<'_>]) -> Vec<MarkView> {
    let mut last_x: Vec<f64> = vec![f64::MIN; axes.lanes.len()];
    let mut marks = Vec::with_capacity(dated.len());
    for d in dated {
        let lane = axes.lane(d.claim.stance);
        let x = axes.x(middle(d)).max(last_x[lane] + MARK_GAP);
        last_x[lane] = x;
        let period = &d.when.period;
        marks.push(MarkView {
            x: round(x),
            y: round(axes.y(d.claim.stance)),
            span: (period.end > period.start).then(|| {
                (
                    round(axes.x(julian(period.start))),
                    round(axes.x(julian(period.end))),
                )
            }),
            stance: d.claim.stance.as_str(),
            href: evidence_href(d.claim),
            when: WhenView::new(d.when),
            outlet: index
                .article_of(d.claim)
                .and_then(|a| a.meta.outlet.clone()),
            low: index.is_low_confidence(d.claim),
            shifted: false,
        });
    }
    marks
}

/// SVG coordinates to a tenth of a unit.
fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}
