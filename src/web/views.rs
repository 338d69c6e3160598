//! Every view the templates render, in one place: handlers fill these typed structs and the
//! templates in `templates/` turn them into HTML. No user-visible wording lives here.

use askama::Template;

use super::{assets, urls};
use crate::corpus::Metadata;
use crate::extract::when::StatementDate;
use crate::extract::{Actor, Claim, Stance};
use crate::index::Position;
use crate::index::{Article, Index};

/// What every page's layout needs; each template supplies its own title.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path of the canonical URL of this page, or empty.
    pub path: String,
    /// Absolute URL of this page when the request named its host, for sharing.
    pub url: Option<String>,
    /// Which navigation entry is current: `home`, `compare` or empty.
    pub nav: &'static str,
    pub style: &'static str,
    pub script: &'static str,
    pub icon: &'static str,
    /// The words in the header's search field: the search shown, or empty.
    pub search: String,
}

impl Page {
    pub fn new(path: impl Into<String>, nav: &'static str) -> Self {
        Page {
            path: path.into(),
            url: None,
            nav,
            style: assets::url("style.css"),
            script: assets::url("copy.js"),
            icon: assets::url("favicon.svg"),
            search: String::new(),
        }
    }

    /// Sets the absolute URL from the request's origin (`http://host:port`), if known.
    pub fn with_origin(mut self, origin: Option<&str>) -> Self {
        self.url = origin.map(|o| format!("{o}{}", self.path));
        self
    }
}

/// A link to an entity: its URL, id and display name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub href: String,
    pub id: String,
    pub name: String,
}

impl Link {
    pub fn new(href: String, id: &str, name: &str) -> Self {
        Link {
            href,
            id: id.to_string(),
            name: name.to_string(),
        }
    }

    pub fn actor(id: &str, name: &str) -> Self {
        Link::new(urls::actor(id), id, name)
    }

    pub fn topic(index: &Index, id: &str) -> Self {
        let name = index.topic(id).map_or(id, |t| t.name.as_str());
        Link::new(urls::topic(id), id, name)
    }
}

/// The stance key templates turn into a badge: `support`, `oppose`, `conditional`, `mixed`,
/// `unclear`, or `none` for no statement.
pub fn stance_key(stance: Option<Stance>) -> &'static str {
    stance.map_or("none", Stance::as_str)
}

/// An actor's position on a topic, as a cell or a heading shows it.
#[derive(Debug, Clone)]
pub struct PositionView {
    pub stance: &'static str,
    pub claims: usize,
    pub articles: usize,
    pub disagree: bool,
    /// Where the evidence is: the single-actor, single-topic comparison.
    pub href: String,
    /// The latest change of position between dated statements, for the cell's marker.
    pub shift: Option<ShiftView>,
    /// Number of shifts and of weeks in which sources disagree.
    pub shifts: usize,
    pub source_disagreements: usize,
    /// Articles, outlets and independent reports behind the position.
    pub coverage: CoverageView,
}

impl PositionView {
    pub fn new(position: &Position<'_>, actor: &str, topic: &str) -> Self {
        PositionView {
            stance: stance_key(position.stance),
            claims: position.count(),
            articles: position.articles,
            disagree: position.disagree,
            href: urls::position(actor, topic),
            shift: None,
            shifts: 0,
            source_disagreements: 0,
            coverage: CoverageView::default(),
        }
    }
}

/// A run of evidence text, highlighted when it is one of the words that decided the stance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub cue: bool,
}

/// One claim as an evidence card shows it.
#[derive(Debug, Clone)]
pub struct ClaimView {
    pub actor: Link,
    pub topic: Link,
    pub stance: &'static str,
    pub kind: &'static str,
    pub pieces: Vec<Piece>,
    pub article: Link,
    pub outlet: Option<String>,
    pub date: Option<String>,
    /// `/articles/{id}#s-{sentence}`: the sentence that holds the evidence.
    pub href: String,
    pub sentence: usize,
    /// Confidence in percent, and whether it is below `evidence.low_confidence`.
    pub confidence: u32,
    pub low: bool,
    /// When the statement was made, if its sentence says.
    pub when: Option<WhenView>,
    /// The original page, and the same page scrolled to the sentence (a text fragment).
    pub source_url: Option<String>,
    pub fragment_url: Option<String>,
}

impl ClaimView {
    pub fn new(index: &Index, claim: &Claim) -> Self {
        let article = index.article_of(claim);
        ClaimView {
            actor: Link::actor(&claim.actor.id, &claim.actor.name),
            topic: Link::topic(index, &claim.topic),
            stance: claim.stance.as_str(),
            kind: claim.kind.as_str(),
            pieces: highlight(&claim.evidence, &claim.cues),
            article: Link::new(
                urls::article(&claim.article),
                &claim.article,
                article.map_or(claim.article.as_str(), Article::title),
            ),
            outlet: article.and_then(|a| a.meta.outlet.clone()),
            date: article.and_then(|a| a.meta.date.clone()),
            href: evidence_href(claim),
            sentence: claim.sentence,
            confidence: (claim.confidence.clamp(0.0, 1.0) * 100.0).round() as u32,
            low: index.is_low_confidence(claim),
            when: index.statement_date(claim).map(WhenView::new),
            source_url: article.and_then(|a| source_url(&a.meta)),
            fragment_url: article.and_then(|a| text_fragment_url(&a.meta, &claim.evidence)),
        }
    }
}

/// The article's original URL, when it is an http(s) URL.
pub fn source_url(meta: &Metadata) -> Option<String> {
    meta.url
        .as_deref()
        .map(str::trim)
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
        .map(str::to_string)
}

/// The original page with a text fragment (`#:~:text=start,end`) that scrolls to `passage`.
///
/// Long passages are given by their first and last words; each part is percent-encoded, `-`,
/// `&` and `,` included, as the text fragment syntax requires.
pub fn text_fragment_url(meta: &Metadata, passage: &str) -> Option<String> {
    let url = source_url(meta)?;
    let base = url.split_once('#').map_or(url.as_str(), |(b, _)| b);
    let words: Vec<&str> = passage.split_whitespace().collect();
    if words.is_empty() {
        return None;
    }
    const EDGE: usize = 5;
    let directive = if words.len() <= 2 * EDGE {
        fragment_encode(&words.join(" "))
    } else {
        format!(
            "{},{}",
            fragment_encode(&words[..EDGE].join(" ")),
            fragment_encode(&words[words.len() - EDGE..].join(" "))
        )
    };
    Some(format!("{base}#:~:text={directive}"))
}

/// Percent-encodes everything but ASCII letters, digits and `._~`.
pub fn fragment_encode(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len() * 2);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 0xF)] as char);
        }
    }
    out
}

/// The link to the sentence that holds a claim's evidence.
pub fn evidence_href(claim: &Claim) -> String {
    urls::sentence(&claim.article, claim.sentence)
}

/// Splits `text` into pieces, marking whole-word, ASCII-case-insensitive occurrences of `cues`.
pub fn highlight(text: &str, cues: &[String]) -> Vec<Piece> {
    let bytes = text.as_bytes();
    let mut marks: Vec<(usize, usize)> = Vec::new();
    for cue in cues.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        let n = cue.len();
        let mut i = 0;
        while i + n <= bytes.len() {
            let fits = text.is_char_boundary(i)
                && text.is_char_boundary(i + n)
                && bytes[i..i + n].eq_ignore_ascii_case(cue.as_bytes())
                && !text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                && !text[i + n..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            if fits {
                marks.push((i, i + n));
                i += n;
            } else {
                i += 1;
            }
        }
    }
    marks.sort_unstable();
    let mut pieces = Vec::new();
    let mut at = 0;
    for (start, end) in marks {
        if start < at {
            continue;
        }
        if start > at {
            pieces.push(Piece {
                text: text[at..start].to_string(),
                cue: false,
            });
        }
        pieces.push(Piece {
            text: text[start..end].to_string(),
            cue: true,
        });
        at = end;
    }
    if at < text.len() {
        pieces.push(Piece {
            text: text[at..].to_string(),
            cue: false,
        });
    }
    pieces
}

/// A checkbox in the comparison form.
#[derive(Debug, Clone)]
pub struct Choice {
    pub id: String,
    pub name: String,
    pub checked: bool,
    /// Claims behind the choice, to order and annotate the list.
    pub claims: usize,
}

/// The comparison form: the most-quoted actors and the selected ones to tick, every topic.
#[derive(Debug, Clone)]
pub struct CompareForm {
    pub actors: Vec<Choice>,
    pub topics: Vec<Choice>,
    /// Actors not offered as a box: they can be named in a text field.
    pub more_actors: usize,
}

impl CompareForm {
    /// The form with `actors` and `topics` checked, offering at most `max` actors besides them.
    pub fn new(index: &Index, actors: &[&str], topics: &[&str], max: usize) -> Self {
        let choice = |a: &crate::extract::Actor| Choice {
            id: a.id.clone(),
            name: a.name.clone(),
            checked: actors.contains(&a.id.as_str()),
            claims: index.claim_count(&a.id),
        };
        let mut offered: Vec<Choice> = index.actors.iter().take(max).map(choice).collect();
        for id in actors {
            if !offered.iter().any(|c| c.id == *id)
                && let Some(a) = index.actor(id)
            {
                offered.push(choice(a));
            }
        }
        CompareForm {
            more_actors: index.actors.len().saturating_sub(offered.len()),
            actors: offered,
            topics: index
                .topics
                .iter()
                .map(|t| Choice {
                    id: t.id.clone(),
                    name: t.name.clone(),
                    checked: topics.contains(&t.id.as_str()),
                    claims: index.topic_claim_count(&t.id),
                })
                .collect(),
        }
    }
}

/// Where a list's page sits in it, and the links to its neighbours.
#[derive(Debug, Clone, Default)]
pub struct PagerView {
    /// 1-based, and the last page (at least 1).
    pub page: usize,
    pub last: usize,
    /// Items in the whole list.
    pub total: usize,
    /// 1-based positions of the first and last items shown (0 when none is).
    pub first_item: usize,
    pub last_item: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl PagerView {
    /// True when the list has more than one page.
    pub fn is_paged(&self) -> bool {
        self.last > 1
    }
}

/// A row of the home grid and of `/actors`.
#[derive(Debug, Clone)]
pub struct GridRow {
    pub actor: Link,
    pub claims: usize,
    pub cells: Vec<PositionView>,
}

/// An indexed article in a list.
#[derive(Debug, Clone)]
pub struct ArticleRow {
    pub link: Link,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub claims: usize,
    /// In a position's sources: the article this one copies, counted once with it.
    pub copy_of: Option<Link>,
}

/// Index counts shown on the home page.
#[derive(Debug, Clone, Copy)]
pub struct Counts {
    pub articles: usize,
    pub skipped: usize,
    pub actors: usize,
    pub claims: usize,
}

/// `/`: the grid of positions and the list of articles.
#[derive(Template)]
#[template(path = "home.html")]
pub struct HomeView {
    pub page: Page,
    pub topics: Vec<Link>,
    pub rows: Vec<GridRow>,
    /// Actors with claims that are not on the grid (`/actors` lists every one).
    pub more_actors: usize,
    /// The first page of `/articles`.
    pub articles: Vec<ArticleRow>,
    pub counts: Counts,
    pub form: CompareForm,
    pub confidence: ConfidenceChoice,
}

/// `/actors`: every actor, a page at a time, with their position on each topic.
#[derive(Template)]
#[template(path = "actors.html")]
pub struct ActorsView {
    pub page: Page,
    pub topics: Vec<Link>,
    pub rows: Vec<GridRow>,
    pub pager: PagerView,
    /// Actors with at least one claim.
    pub quoted: usize,
}

/// What an article list is of: every article, or the sources of a choice of claims.
#[derive(Debug, Clone, Default)]
pub struct ArticlesScope {
    pub actor: Option<Link>,
    pub topic: Option<Link>,
    /// True when low-confidence claims are left out.
    pub high_only: bool,
}

impl ArticlesScope {
    pub fn is_all(&self) -> bool {
        self.actor.is_none() && self.topic.is_none() && !self.high_only
    }
}

/// `/articles`: the articles indexed, or the sources behind a position, a page at a time.
#[derive(Template)]
#[template(path = "articles.html")]
pub struct ArticlesView {
    pub page: Page,
    pub scope: ArticlesScope,
    pub articles: Vec<ArticleRow>,
    pub pager: PagerView,
    /// For a position's sources: independent reports and copies among them.
    pub reports: usize,
    pub copies: usize,
}

/// `/compare` without a selection: the form alone.
#[derive(Template)]
#[template(path = "compare_form.html")]
pub struct CompareFormView {
    pub page: Page,
    pub form: CompareForm,
}

/// One actor's position on one topic with a page of its claims: a column of a comparison, or a
/// topic of an actor's page.
#[derive(Debug, Clone)]
pub struct CompareCell {
    pub actor: Link,
    pub topic: Link,
    pub position: PositionView,
    pub claims: Vec<ClaimView>,
    /// Which of the position's claims are shown; `next` is the cell's own comparison at the
    /// next page.
    pub shown: PagerView,
    /// In a comparison of several cells, which shows only each cell's strongest claims: the
    /// cell's own comparison, which lists them all, when some are not shown.
    pub all: Option<String>,
    pub time: TimeView,
    /// True when the comparison page leaves the cell's two places (its summary and its column)
    /// to be filled from its rendered fragments ([`SummaryCellView`], [`ColumnView`]): only its
    /// actor, topic and stance are filled then.
    pub slot: bool,
}

impl CompareCell {
    /// A cell whose summary and column are filled from its fragments: only what the rest of
    /// the page reads of it (its actor, topic, stance and number of claims).
    pub fn slotted(
        index: &Index,
        actor: &Actor,
        topic: &str,
        stance: &'static str,
        claims: usize,
    ) -> Self {
        CompareCell {
            actor: Link::actor(&actor.id, &actor.name),
            topic: Link::topic(index, topic),
            position: PositionView {
                stance,
                claims,
                articles: 0,
                disagree: false,
                href: urls::position(&actor.id, topic),
                shift: None,
                shifts: 0,
                source_disagreements: 0,
                coverage: CoverageView::default(),
            },
            claims: Vec::new(),
            shown: PagerView::default(),
            all: None,
            time: TimeView::default(),
            slot: true,
        }
    }
}

/// A cell's summary in a comparison's "At a glance" table, rendered on its own.
#[derive(Template)]
#[template(path = "compare_cell.html", block = "summary")]
pub struct SummaryCellView<'a> {
    pub c: &'a CompareCell,
}

/// A cell's column in a comparison, rendered on its own.
#[derive(Template)]
#[template(path = "compare_cell.html", block = "column")]
pub struct ColumnView<'a> {
    pub c: &'a CompareCell,
}

/// One topic of a comparison: a column per actor, side by side.
#[derive(Debug, Clone)]
pub struct CompareTopic {
    pub topic: Link,
    pub cells: Vec<CompareCell>,
}

/// `/compare/{actors}/{topics}`.
#[derive(Template)]
#[template(path = "compare.html")]
pub struct CompareView {
    pub page: Page,
    pub actors: Vec<Link>,
    pub topics: Vec<CompareTopic>,
    pub form: CompareForm,
    pub confidence: ConfidenceChoice,
    pub exports: ExportLinks,
    /// Pages of the cells' claims, turned together.
    pub pager: PagerView,
    /// What the page holds in place of each slotted cell's summary and column, in page order
    /// (see [`CompareCell::slot`]).
    pub slot: &'static str,
}

/// `/actors/{id}`.
#[derive(Template)]
#[template(path = "actor.html")]
pub struct ActorView {
    pub page: Page,
    pub actor: Link,
    pub kind: &'static str,
    pub affiliation: Option<Link>,
    pub aliases: Vec<String>,
    pub discovered: bool,
    pub topics: Vec<CompareCell>,
    pub claims: usize,
    pub confidence: ConfidenceChoice,
    /// Pages of the topics' claims, turned together.
    pub pager: PagerView,
}

/// The actors that share one stance on a topic, most-quoted first.
#[derive(Debug, Clone)]
pub struct StanceGroup {
    pub stance: &'static str,
    pub actors: Vec<(Link, PositionView)>,
    /// Actors with this stance not listed (`/actors` shows every one).
    pub more: usize,
}

/// `/topics/{id}`.
#[derive(Template)]
#[template(path = "topic.html")]
pub struct TopicView {
    pub page: Page,
    pub topic: Link,
    pub description: String,
    pub groups: Vec<StanceGroup>,
    /// A page of the claims on the topic.
    pub claims: Vec<ClaimView>,
    pub pager: PagerView,
    pub confidence: ConfidenceChoice,
}

/// A claim marker on a sentence of an article page.
#[derive(Debug, Clone)]
pub struct SentenceClaim {
    pub actor: Link,
    pub topic: Link,
    pub stance: &'static str,
    pub kind: &'static str,
}

/// A sentence of an article page, addressable as `#s-{index}`.
#[derive(Debug, Clone)]
pub struct SentenceView {
    pub index: usize,
    pub text: String,
    pub claims: Vec<SentenceClaim>,
}

/// A paragraph of an article page.
#[derive(Debug, Clone)]
pub struct BlockView {
    /// `headline`, `body`, `metadata` or `boilerplate`.
    pub role: &'static str,
    pub sentences: Vec<SentenceView>,
    /// The block's text when it has no sentences.
    pub text: String,
}

impl BlockView {
    pub fn is_content(&self) -> bool {
        matches!(self.role, "headline" | "body")
    }
}

/// `/articles/{id}`.
#[derive(Template)]
#[template(path = "article.html")]
pub struct ArticleView {
    pub page: Page,
    pub article: Link,
    pub file: String,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub source_url: Option<String>,
    pub blocks: Vec<BlockView>,
    /// A page of the article's claims.
    pub claims: Vec<ClaimView>,
    pub pager: PagerView,
}

/// Any error page.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorView {
    pub page: Page,
    pub status: u16,
    /// The problem's code (`unknown-actor`, ...), from which the template picks its message.
    pub code: &'static str,
    pub given: String,
    pub limit: usize,
    pub valid: Vec<Link>,
}

/// The date of a statement as shown: ISO at its precision, and the words that gave it.
#[derive(Debug, Clone)]
pub struct WhenView {
    /// `2025-03-03`, `2025-03` or `2025`; a week is given by its Monday.
    pub iso: String,
    /// `day`, `week`, `month` or `year`.
    pub precision: &'static str,
    /// The words of the sentence that date it ("on Tuesday").
    pub anchor: String,
}

impl WhenView {
    pub fn new(date: &StatementDate) -> Self {
        WhenView {
            iso: date.period.iso(),
            precision: date.period.precision.as_str(),
            anchor: date.anchor.clone(),
        }
    }
}

/// One side of a shift: a dated statement.
#[derive(Debug, Clone)]
pub struct MomentView {
    pub stance: &'static str,
    pub when: WhenView,
    pub outlet: Option<String>,
    /// A short quotation from the evidence, when it has one.
    pub excerpt: Option<String>,
    /// The sentence that holds the evidence.
    pub href: String,
}

/// A change of position between two dated statements.
#[derive(Debug, Clone)]
pub struct ShiftView {
    pub actor: Link,
    pub topic: Link,
    pub from: MomentView,
    pub to: MomentView,
}

/// Sources that report opposite positions in the same week, side by side.
#[derive(Debug, Clone)]
pub struct DisagreementView {
    /// The Monday of the week.
    pub week: String,
    pub favour: Vec<ClaimView>,
    pub against: Vec<ClaimView>,
    /// Claims of each side not shown.
    pub more_favour: usize,
    pub more_against: usize,
}

/// One dated claim in a timeline: its stance, source and link, not its whole evidence card.
#[derive(Debug, Clone)]
pub struct TimelineEntry {
    pub when: WhenView,
    pub stance: &'static str,
    /// The sentence that holds the evidence.
    pub href: String,
    pub outlet: Option<String>,
    pub low: bool,
}

/// A stance timeline drawn as SVG: one mark per dated claim, in a lane per stance, left to right
/// in date order, in units of the drawing's `viewBox`.
#[derive(Debug, Clone)]
pub struct ChartView {
    /// Unique on the page: `chart-{topic}-{actor}`.
    pub id: String,
    pub width: f64,
    pub height: f64,
    /// The stances that have marks, top to bottom.
    pub lanes: Vec<LaneView>,
    /// Where the lanes' lines start and end.
    pub plot_left: f64,
    pub plot_right: f64,
    /// The time axis: its height and the dates at its ends.
    pub axis_y: f64,
    pub ticks: Vec<TickView>,
    pub marks: Vec<MarkView>,
    /// The changes of position, from one mark to another.
    pub shifts: Vec<ShiftLine>,
}

/// A lane of the chart: the height of one stance's marks.
#[derive(Debug, Clone)]
pub struct LaneView {
    pub stance: &'static str,
    pub y: f64,
}

/// A date on the chart's time axis; `anchor` is its SVG `text-anchor`.
#[derive(Debug, Clone)]
pub struct TickView {
    pub x: f64,
    pub label: String,
    pub anchor: &'static str,
}

/// One dated claim on the chart, linking to its evidence.
#[derive(Debug, Clone)]
pub struct MarkView {
    pub x: f64,
    pub y: f64,
    /// The period a week, month or year covers, from its first to its last day.
    pub span: Option<(f64, f64)>,
    pub stance: &'static str,
    pub href: String,
    pub when: WhenView,
    pub outlet: Option<String>,
    pub low: bool,
    /// True when a shift ends here.
    pub shifted: bool,
}

/// A shift, from the mark of the earlier claim to the mark of the later.
#[derive(Debug, Clone)]
pub struct ShiftLine {
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
}

/// A position over time: its latest dated claims in order, its latest shifts and the latest
/// weeks in which sources disagree, each list cut to the cell's size.
#[derive(Debug, Clone, Default)]
pub struct TimeView {
    /// The latest dated claims drawn as a stance timeline; `None` without dated claims.
    pub chart: Option<ChartView>,
    pub timeline: Vec<TimelineEntry>,
    /// Dated claims in all, shown or not.
    pub dated: usize,
    pub shifts: Vec<ShiftView>,
    /// Earlier shifts not shown.
    pub earlier_shifts: usize,
    pub disagreements: Vec<DisagreementView>,
    /// Earlier weeks of disagreeing sources not shown.
    pub earlier_disagreements: usize,
}

/// One article behind a position.
#[derive(Debug, Clone)]
pub struct SourceView {
    pub article: Link,
    /// `None`: the article names no outlet.
    pub outlet: Option<String>,
    /// The article this one copies, when it is counted once with it.
    pub copy_of: Option<Link>,
    pub claims: usize,
}

/// How much reporting backs a position.
#[derive(Debug, Clone, Default)]
pub struct CoverageView {
    pub articles: usize,
    pub outlets: usize,
    pub unknown_outlet: bool,
    /// Articles that name no outlet.
    pub unnamed: usize,
    pub reports: usize,
    pub copies: usize,
    /// The first sources, in index order.
    pub sources: Vec<SourceView>,
    /// Sources not listed, and the page that lists them all.
    pub more_sources: usize,
    pub sources_href: String,
}

/// The reader's choice of claims, as the pages link it.
#[derive(Debug, Clone, Default)]
pub struct ConfidenceChoice {
    /// True when low-confidence claims are hidden (`?confidence=high`).
    pub high_only: bool,
    /// The query to append to links that keep the choice: `?confidence=high`, or empty.
    pub query: String,
}

impl ConfidenceChoice {
    /// The choice as query pairs, for links that add more parameters.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        if self.high_only {
            vec![("confidence", "high".to_string())]
        } else {
            Vec::new()
        }
    }
}

/// A comparison's downloads and share card.
#[derive(Debug, Clone)]
pub struct ExportLinks {
    pub csv: String,
    pub json: String,
    pub svg: String,
    /// Absolute URL of the PNG share card for `og:image`, when the host is known.
    pub image_url: Option<String>,
}

/// A text of the share card, measured and fitted to its box (see [`super::card`]).
#[derive(Debug, Clone, Default)]
pub struct Placed {
    /// Its place in [`CardView::texts`], as the SVG element's id (`t3`).
    pub id: usize,
    /// The text drawn: as given, or cut with an ellipsis.
    pub text: String,
    /// Where it is drawn: the start, or the middle when `middle`, and the baseline.
    pub x: f32,
    pub y: f32,
    pub size: f32,
    pub bold: bool,
    pub middle: bool,
    /// Its width in the card's font, at `size`.
    pub width: f32,
    /// The box it must stay in.
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
}

/// One cell of the share card.
#[derive(Debug, Clone)]
pub struct CardCell {
    pub x: f32,
    pub stance: &'static str,
    pub label: Placed,
}

/// One row of the share card: a topic and a cell per actor.
#[derive(Debug, Clone)]
pub struct CardRow {
    pub y: f32,
    /// The topic's name, unshortened, for the image's description.
    pub name: String,
    pub topic: Placed,
    pub cells: Vec<CardCell>,
}

/// `/compare/{actors}/{topics}/card.svg` (and, drawn from it, `card.png`): the comparison as an
/// image.
#[derive(Debug, Clone, Template)]
#[template(path = "card.svg", escape = "html")]
pub struct CardView {
    pub width: u32,
    pub height: u32,
    /// The family of the font the texts were measured in.
    pub font_family: String,
    pub cell_width: f32,
    pub row_height: f32,
    /// Every actor's name, unshortened, for the image's accessible name.
    pub description: String,
    pub title: Placed,
    pub subtitle: Placed,
    pub columns: Vec<Placed>,
    pub rows: Vec<CardRow>,
    pub footer: Placed,
}

impl CardView {
    /// Every text of the card, in the order the SVG draws them.
    pub fn texts(&self) -> Vec<&Placed> {
        let mut all = vec![&self.title, &self.subtitle];
        all.extend(&self.columns);
        for r in &self.rows {
            all.push(&r.topic);
            all.extend(r.cells.iter().map(|c| &c.label));
        }
        all.push(&self.footer);
        all
    }
}

/// The share card's words, a line each: subtitle, footer, then each cell's label row by row.
#[derive(Template)]
#[template(path = "card_words.txt", escape = "none")]
pub struct CardWords<'a> {
    pub claims: usize,
    pub articles: usize,
    /// Actors and topics left out for lack of room.
    pub more_actors: usize,
    pub more_topics: usize,
    /// True when some cell's position shifted.
    pub any_shift: bool,
    /// Each shown cell's stance key and whether it shifted.
    pub cells: Vec<(&'a str, bool)>,
}

/// [`CardWords`], read back line by line.
#[derive(Debug, Clone, Default)]
pub struct CardText {
    pub subtitle: String,
    pub footer: String,
    pub cells: Vec<String>,
}

/// One result of a search.
#[derive(Debug, Clone)]
pub struct SearchRow {
    /// `actor`, `topic` or `article`.
    pub kind: &'static str,
    pub link: Link,
    /// The same thing in the API.
    pub api: String,
    /// An article's outlet.
    pub detail: Option<String>,
    /// Claims by the actor, on the topic, or in the article.
    pub claims: usize,
}

/// `/search?q=`: actors, topics and articles found, best first.
#[derive(Template)]
#[template(path = "search.html")]
pub struct SearchView {
    pub page: Page,
    pub query: String,
    pub results: Vec<SearchRow>,
    pub pager: PagerView,
}

/// The page every address answers while the server is still indexing.
#[derive(Template)]
#[template(path = "starting.html")]
pub struct StartingView {
    pub page: Page,
    /// Articles indexed so far, and articles found (0 until the corpus is read).
    pub done: usize,
    pub total: usize,
}
