//! The share card of a comparison, 1200×630: the layout, with every text measured in the font
//! compiled into the binary (DejaVu Sans Condensed, `assets/fonts/`) and fitted to its box, first
//! by a smaller size and then with an ellipsis; the SVG (`card.svg`) from `templates/card.svg`;
//! and the PNG (`card.png`) that resvg renders from that same SVG with the same font, so a bare
//! container draws the same pixels as a desktop.

use std::sync::{Arc, OnceLock};

use askama::Template;
use resvg::{tiny_skia, usvg};

use super::views::{CardCell, CardRow, CardText, CardView, CardWords, Placed};

/// The card's size in pixels, the size Open Graph and X ask for.
pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;
/// Most actors and topics the card has room for; the rest are counted in its footer.
pub const MAX_ACTORS: usize = 5;
pub const MAX_TOPICS: usize = 6;

/// The font faces compiled in: regular, then bold.
const FACES: [&[u8]; 2] = [
    include_bytes!("../../assets/fonts/DejaVuSansCondensed.ttf"),
    include_bytes!("../../assets/fonts/DejaVuSansCondensed-Bold.ttf"),
];

/// Why a card could not be made.
#[derive(Debug, thiserror::Error)]
pub enum CardError {
    #[error("rendering the card's template: {0}")]
    Template(#[from] askama::Error),
    #[error("reading the card's SVG: {0}")]
    Svg(#[from] usvg::Error),
    #[error("encoding the card as PNG: {0}")]
    Png(String),
}

/// What the card shows, as plain data: the comparison's actors and topics in the reader's order,
/// and the stance of each shown cell.
#[derive(Debug, Clone, Default)]
pub struct CardInput {
    /// Every actor's name, in order.
    pub actors: Vec<String>,
    /// Every topic's name, in order.
    pub topics: Vec<String>,
    /// A row per shown topic (at most [`MAX_TOPICS`]), a cell per shown actor (at most
    /// [`MAX_ACTORS`]): the stance key and whether the position shifted.
    pub cells: Vec<Vec<(&'static str, bool)>>,
    pub claims: usize,
    pub articles: usize,
}

/// The font database with the compiled-in faces, and their family name.
fn fonts() -> &'static (Arc<usvg::fontdb::Database>, String) {
    static FONTS: OnceLock<(Arc<usvg::fontdb::Database>, String)> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        for face in FACES {
            db.load_font_data(face.to_vec());
        }
        let family = db
            .faces()
            .next()
            .and_then(|f| f.families.first())
            .map_or_else(|| "DejaVu Sans".to_string(), |(name, _)| name.clone());
        db.set_sans_serif_family(family.clone());
        (Arc::new(db), family)
    })
}

/// Measures text as resvg will draw it: shaped with harfrust, the shaper resvg uses.
struct Measure {
    faces: Vec<(harfrust::FontRef<'static>, harfrust::ShaperData)>,
}

impl Measure {
    fn new() -> Self {
        let faces = FACES
            .iter()
            .filter_map(|data| harfrust::FontRef::new(data).ok())
            .map(|font| {
                let data = harfrust::ShaperData::new(&font);
                (font, data)
            })
            .collect();
        Measure { faces }
    }

    /// The advance width of `text` at `size` pixels, in pixels.
    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let Some((font, data)) = self.faces.get(usize::from(bold)).or(self.faces.first()) else {
            return 0.0;
        };
        let shaper = data.shaper(font).build();
        let mut buffer = harfrust::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let glyphs = shaper.shape(buffer, harfrust::ShapeOptions::new());
        let units: i64 = glyphs
            .glyph_positions()
            .iter()
            .map(|p| i64::from(p.x_advance))
            .sum();
        units as f32 * size / shaper.units_per_em().max(1) as f32
    }

    /// `set` at the largest size, from its size down to its smallest, at which every one of
    /// `texts` fits `room`; that size is then the only one it allows.
    fn common(&self, texts: &[&str], set: Line, room: f32) -> Line {
        let mut size = set.size;
        while size > set.min
            && texts
                .iter()
                .any(|t| self.width(t.trim(), size, set.bold) > room)
        {
            size -= 1.0;
        }
        Line {
            size,
            min: size,
            ..set
        }
    }

    /// `text` placed in the box `[left, right]` with its baseline at `y`: at `size`, or a smaller
    /// size down to `min`, or cut with an ellipsis at `min`.
    fn place(&self, text: &str, line: Line, left: f32, right: f32, y: f32) -> Placed {
        let room = right - left;
        let text = text.trim();
        let mut size = line.size;
        while size > line.min && self.width(text, size, line.bold) > room {
            size -= 1.0;
        }
        let mut shown = text.to_string();
        let mut width = self.width(&shown, size, line.bold);
        if width > room && !text.is_empty() {
            // The longest prefix that fits with the ellipsis after it.
            let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            let fits = |n: usize| {
                let cut = format!("{}…", text[..cuts[n]].trim_end());
                let w = self.width(&cut, size, line.bold);
                (w <= room).then_some((cut, w))
            };
            let mut lo = 0;
            let mut hi = cuts.len().saturating_sub(1);
            while lo < hi {
                let mid = (lo + hi).div_ceil(2);
                if fits(mid).is_some() {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            (shown, width) = fits(lo).unwrap_or_default();
        }
        let x = if line.middle {
            (left + right) / 2.0
        } else {
            left
        };
        Placed {
            id: 0,
            text: shown,
            x,
            y,
            size,
            bold: line.bold,
            middle: line.middle,
            width,
            left,
            right,
            top: y - size,
            bottom: y + size * 0.3,
        }
    }
}

/// How a line of text is set: its size, the smallest it may shrink to, weight and alignment.
#[derive(Debug, Clone, Copy)]
struct Line {
    size: f32,
    min: f32,
    bold: bool,
    middle: bool,
}

const fn line(size: f32, min: f32, bold: bool, middle: bool) -> Line {
    Line {
        size,
        min,
        bold,
        middle,
    }
}

/// The card's grid: where the columns and rows are.
struct Grid {
    left: f32,
    top: f32,
    cell_width: f32,
    row_height: f32,
    actors: usize,
    topics: usize,
}

impl Grid {
    fn x(&self, column: usize) -> f32 {
        self.left + column as f32 * self.cell_width
    }

    fn y(&self, row: usize) -> f32 {
        self.top + row as f32 * self.row_height
    }
}

const MARGIN: f32 = 40.0;

/// Lays the card out: every text measured and fitted to its box; the column names share one
/// size, the topics one, the cells one.
pub fn layout(input: &CardInput) -> Result<CardView, CardError> {
    let (width, height) = (WIDTH as f32, HEIGHT as f32);
    let (left, top, bottom) = (330.0, 190.0, 70.0);
    let grid = Grid {
        left,
        top,
        cell_width: (width - left - MARGIN) / input.actors.len().clamp(1, MAX_ACTORS) as f32,
        row_height: ((height - top - bottom) / input.topics.len().clamp(1, MAX_TOPICS) as f32)
            .min(90.0),
        actors: input.actors.len().clamp(1, MAX_ACTORS),
        topics: input.topics.len().clamp(1, MAX_TOPICS),
    };
    let words = words(input, grid.actors, grid.topics)?;
    let m = Measure::new();
    let title = input.actors.join(" · ");
    let wide = |text: &str, set: Line, y: f32| m.place(text, set, MARGIN, width - MARGIN, y);
    let mut view = CardView {
        width: WIDTH,
        height: HEIGHT,
        font_family: fonts().1.clone(),
        cell_width: grid.cell_width,
        row_height: grid.row_height,
        description: title.clone(),
        title: wide(&title, line(40.0, 24.0, true, false), 70.0),
        subtitle: wide(&words.subtitle, line(24.0, 16.0, false, false), 112.0),
        columns: columns(&m, &grid, &input.actors),
        rows: rows(&m, &grid, input, &words.cells),
        footer: wide(&words.footer, line(20.0, 13.0, false, false), height - 28.0),
    };
    number(&mut view);
    Ok(view)
}

/// The actors' names over the columns, at one size.
fn columns(m: &Measure, grid: &Grid, actors: &[String]) -> Vec<Placed> {
    let names: Vec<&str> = actors
        .iter()
        .take(grid.actors)
        .map(String::as_str)
        .collect();
    let set = m.common(&names, line(22.0, 13.0, true, true), grid.cell_width - 12.0);
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let x = grid.x(i);
            m.place(name, set, x + 6.0, x + grid.cell_width - 6.0, 170.0)
        })
        .collect()
}

/// A row per topic: its name, and a cell per actor with the stance's label (`labels`, row by
/// row); the names at one size, the labels at another.
fn rows(m: &Measure, grid: &Grid, input: &CardInput, labels: &[String]) -> Vec<CardRow> {
    let text_size = (grid.row_height * 0.4).min(24.0);
    let topics: Vec<&str> = input
        .topics
        .iter()
        .take(grid.topics)
        .map(String::as_str)
        .collect();
    let topic_set = m.common(
        &topics,
        line(text_size, 13.0, true, false),
        grid.left - 12.0 - MARGIN,
    );
    let label_texts: Vec<&str> = labels.iter().map(String::as_str).collect();
    let label_set = m.common(
        &label_texts,
        line(text_size.min(22.0), 12.0, false, true),
        grid.cell_width - 28.0,
    );
    let mut labels = labels.iter();
    topics
        .iter()
        .enumerate()
        .map(|(r, topic)| {
            let y = grid.y(r);
            let baseline = y + grid.row_height / 2.0 + text_size * 0.35;
            let cells = (0..grid.actors)
                .map(|i| {
                    let x = grid.x(i);
                    let label = labels.next().map_or("", String::as_str);
                    CardCell {
                        x,
                        stance: input
                            .cells
                            .get(r)
                            .and_then(|row| row.get(i))
                            .map_or("none", |c| c.0),
                        label: m.place(
                            label,
                            label_set,
                            x + 14.0,
                            x + grid.cell_width - 14.0,
                            baseline,
                        ),
                    }
                })
                .collect();
            CardRow {
                y,
                name: topic.to_string(),
                topic: m.place(topic, topic_set, MARGIN, grid.left - 12.0, baseline),
                cells,
            }
        })
        .collect()
}

/// Gives each text its place in [`CardView::texts`] as its id.
fn number(view: &mut CardView) {
    let mut all = vec![&mut view.title, &mut view.subtitle];
    all.extend(&mut view.columns);
    for r in &mut view.rows {
        all.push(&mut r.topic);
        all.extend(r.cells.iter_mut().map(|c| &mut c.label));
    }
    all.push(&mut view.footer);
    for (i, t) in all.into_iter().enumerate() {
        t.id = i;
    }
}

/// The card's words from `templates/card_words.txt`: a subtitle, a footer and a label per cell.
fn words(input: &CardInput, actors: usize, topics: usize) -> Result<CardText, CardError> {
    let cells: Vec<(&str, bool)> = (0..topics)
        .flat_map(|r| {
            (0..actors).map(move |i| {
                input
                    .cells
                    .get(r)
                    .and_then(|row| row.get(i))
                    .copied()
                    .unwrap_or(("none", false))
            })
        })
        .collect();
    let view = CardWords {
        claims: input.claims,
        articles: input.articles,
        more_actors: input.actors.len().saturating_sub(actors),
        more_topics: input.topics.len().saturating_sub(topics),
        any_shift: cells.iter().any(|c| c.1),
        cells,
    };
    let text = view.render()?;
    let mut lines = text.lines().map(str::trim);
    Ok(CardText {
        subtitle: lines.next().unwrap_or_default().to_string(),
        footer: lines.next().unwrap_or_default().to_string(),
        cells: lines.map(str::to_string).collect(),
    })
}

/// The card as SVG, from `templates/card.svg`.
pub fn svg(view: &CardView) -> Result<String, CardError> {
    Ok(view.render()?)
}

/// Parses the card's SVG with the compiled-in font, as [`png`] draws it.
pub fn tree(svg: &str) -> Result<usvg::Tree, CardError> {
    let (db, family) = fonts();
    let options = usvg::Options {
        fontdb: db.clone(),
        font_family: family.clone(),
        ..usvg::Options::default()
    };
    Ok(usvg::Tree::from_str(svg, &options)?)
}

/// Draws the card's SVG as a PNG of [`WIDTH`]×[`HEIGHT`]; the same SVG gives the same bytes.
pub fn png(svg: &str) -> Result<Vec<u8>, CardError> {
    let tree = tree(svg)?;
    let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT)
        .ok_or_else(|| CardError::Png("no room for the image".to_string()))?;
    let size = tree.size();
    let scale = tiny_skia::Transform::from_scale(
        WIDTH as f32 / size.width(),
        HEIGHT as f32 / size.height(),
    );
    resvg::render(&tree, scale, &mut pixmap.as_mut());
    pixmap
        .encode_png()
        .map_err(|err| CardError::Png(err.to_string()))
}
