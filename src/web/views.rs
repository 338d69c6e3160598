//! Every view the templates render, in one place: handlers fill these typed structs and the
//! templates in `templates/` turn them into HTML. No user-visible wording lives here.

use askama::Template;

use super::assets;
use crate::extract::{Claim, Stance};
use crate::index::query::Position;
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
        Link::new(format!("/actors/{id}"), id, name)
    }

    pub fn topic(index: &Index, id: &str) -> Self {
        let name = index.topic(id).map_or(id, |t| t.name.as_str());
        Link::new(format!("/topics/{id}"), id, name)
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
}

impl PositionView {
    pub fn new(position: &Position<'_>, actor: &str, topic: &str) -> Self {
        PositionView {
            stance: stance_key(position.stance),
            claims: position.count(),
            articles: position.articles,
            disagree: position.disagree,
            href: format!("/compare/{actor}/{topic}"),
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
}

impl ClaimView {
    pub fn new(index: &Index, claim: &Claim) -> Self {
        let article = index.article(&claim.article);
        ClaimView {
            actor: Link::actor(&claim.actor.id, &claim.actor.name),
            topic: Link::topic(index, &claim.topic),
            stance: claim.stance.as_str(),
            kind: claim.kind.as_str(),
            pieces: highlight(&claim.evidence, &claim.cues),
            article: Link::new(
                format!("/articles/{}", claim.article),
                &claim.article,
                article.map_or(claim.article.as_str(), Article::title),
            ),
            outlet: article.and_then(|a| a.meta.outlet.clone()),
            date: article.and_then(|a| a.meta.date.clone()),
            href: evidence_href(claim),
            sentence: claim.sentence,
        }
    }
}

/// The link to the sentence that holds a claim's evidence.
pub fn evidence_href(claim: &Claim) -> String {
    format!("/articles/{}#s-{}", claim.article, claim.sentence)
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

/// The comparison form: every actor and topic, the current selection checked.
#[derive(Debug, Clone)]
pub struct CompareForm {
    pub actors: Vec<Choice>,
    pub topics: Vec<Choice>,
}

impl CompareForm {
    pub fn new(index: &Index, actors: &[&str], topics: &[&str]) -> Self {
        CompareForm {
            actors: index
                .actors
                .iter()
                .map(|a| Choice {
                    id: a.id.clone(),
                    name: a.name.clone(),
                    checked: actors.contains(&a.id.as_str()),
                    claims: index.claim_count(&a.id),
                })
                .collect(),
            topics: index
                .topics
                .iter()
                .map(|t| Choice {
                    id: t.id.clone(),
                    name: t.name.clone(),
                    checked: topics.contains(&t.id.as_str()),
                    claims: index.claims.iter().filter(|c| c.topic == t.id).count(),
                })
                .collect(),
        }
    }
}

/// A row of the home grid.
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
    pub articles: Vec<ArticleRow>,
    pub counts: Counts,
    pub form: CompareForm,
}

/// `/compare` without a selection: the form alone.
#[derive(Template)]
#[template(path = "compare_form.html")]
pub struct CompareFormView {
    pub page: Page,
    pub form: CompareForm,
}

/// One actor's column under one topic of a comparison.
#[derive(Debug, Clone)]
pub struct CompareCell {
    pub actor: Link,
    pub position: PositionView,
    pub claims: Vec<ClaimView>,
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
}

/// One topic on an actor's page.
#[derive(Debug, Clone)]
pub struct ActorTopic {
    pub topic: Link,
    pub position: PositionView,
    pub claims: Vec<ClaimView>,
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
    pub topics: Vec<ActorTopic>,
    pub claims: usize,
}

/// The actors that share one stance on a topic.
#[derive(Debug, Clone)]
pub struct StanceGroup {
    pub stance: &'static str,
    pub actors: Vec<(Link, PositionView)>,
}

/// `/topics/{id}`.
#[derive(Template)]
#[template(path = "topic.html")]
pub struct TopicView {
    pub page: Page,
    pub topic: Link,
    pub description: String,
    pub groups: Vec<StanceGroup>,
    pub claims: Vec<ClaimView>,
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
    pub claims: Vec<ClaimView>,
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
