//! Page handlers: parse the request, query the index, fill a view from `views`, render it.

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use std::collections::HashMap;

use super::AppState;
use super::error::{AppError, Problem, respond_at};
use super::evidence;
use super::fragments;
use super::paging::{self, ArticlesQuery, ClaimSelector, PageQuery, Paged};
use super::params::{Confidence, Param, Query};
use super::selection::{Selection, parse_form};
use super::urls;
use super::views::*;
use crate::corpus::BlockRole;
use crate::extract::{Claim, Stance};
use crate::index::ClaimFilter;
use crate::index::{Article, Index};

type PageResult = Result<Response, AppError>;

/// Renders a template into a 200 HTML response.
pub(crate) fn render(view: &impl Template) -> PageResult {
    let html = view.render().map_err(|err| {
        tracing::error!(%err, "rendering a template");
        AppError::new(Problem::Internal)
    })?;
    Ok(Html(html).into_response())
}

/// A permanent redirect (301) to `to`.
pub(crate) fn moved(to: &str) -> Response {
    (
        StatusCode::MOVED_PERMANENTLY,
        [(header::LOCATION, encode_path(to))],
    )
        .into_response()
}

/// The rule of every address that names something: asked by an alias, another case or with a
/// name twice, it answers 301 to the canonical address `target`, keeping the query `pairs`.
pub(crate) fn unless_canonical(
    asked: &str,
    canonical: &str,
    target: &str,
    pairs: &[(&str, String)],
) -> Option<Response> {
    (asked != canonical).then(|| moved(&paging::href(target, pairs, 1)))
}

/// A 303 to `to`, for the comparison form.
pub(crate) fn see_other(to: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, encode_path(to))]).into_response()
}

/// Percent-encodes what may not appear raw in a `Location` header (spaces, controls, non-ASCII).
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_graphic() {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// An article as a row of a list.
fn article_row(index: &Index, a: &Article) -> ArticleRow {
    ArticleRow {
        link: Link::new(urls::article(&a.id), &a.id, a.title()),
        outlet: a.meta.outlet.clone(),
        date: a.meta.date.clone(),
        claims: index.claims_in(&a.id).count(),
        copy_of: None,
    }
}

/// `GET /`: the grid of the most-quoted actors, the comparison form and the first articles.
pub(crate) async fn home(
    State(state): State<AppState>,
    Confidence {
        filter,
        choice: confidence,
    }: Confidence,
) -> PageResult {
    let index = &state.index;
    let limits = &state.config.limits;
    let topics: Vec<Link> = index
        .topics
        .iter()
        .map(|t| Link::topic(index, &t.id))
        .collect();
    let rows: Vec<GridRow> = index
        .quoted_actors()
        .take(limits.grid_actors)
        .map(|actor| GridRow {
            actor: Link::actor(&actor.id, &actor.name),
            claims: index.claim_count(&actor.id),
            cells: index
                .topics
                .iter()
                .map(|t| {
                    let position = index.position_where(&actor.id, &t.id, &filter);
                    evidence::position_view(index, limits, &position, &actor.id, &t.id, &confidence)
                })
                .collect(),
        })
        .collect();
    let articles = index
        .articles
        .iter()
        .take(limits.list_per_page)
        .map(|a| article_row(index, a))
        .collect();
    let quoted = index.quoted_actors().count();
    let first: Vec<&str> = index
        .quoted_actors()
        .take(3)
        .map(|a| a.id.as_str())
        .collect();
    let all_topics: Vec<&str> = index.topics.iter().map(|t| t.id.as_str()).collect();
    render(&HomeView {
        page: Page::new("/", "home"),
        topics,
        more_actors: quoted - rows.len(),
        rows,
        articles,
        counts: Counts {
            articles: index.articles.len(),
            skipped: index.skipped.len(),
            actors: quoted,
            claims: index.claims.len(),
        },
        form: CompareForm::new(index, &first, &all_topics, limits.list_per_page),
        confidence,
    })
}

/// `GET /actors[?page=N]`: every actor, most-quoted first, with a position on each topic.
pub(crate) async fn actors(
    State(state): State<AppState>,
    Confidence { filter, choice }: Confidence,
    Query(q): Query<PageQuery>,
) -> PageResult {
    let index = &state.index;
    let pairs = choice.pairs();
    let href = |p| paging::href(urls::ACTORS, &pairs, p);
    let paged = Paged::new(
        index.actors.len(),
        state.config.limits.list_per_page,
        q.page.as_deref(),
        href,
    )?;
    let rows = paged
        .slice(&index.actors)
        .iter()
        .map(|a| GridRow {
            actor: Link::actor(&a.id, &a.name),
            claims: index.claim_count(&a.id),
            cells: index
                .topics
                .iter()
                .map(|t| {
                    let position = index.position_where(&a.id, &t.id, &filter);
                    let mut view = PositionView::new(&position, &a.id, &t.id);
                    view.href.push_str(&choice.query);
                    view
                })
                .collect(),
        })
        .collect();
    render(&ActorsView {
        page: Page::new(href(paged.page), ""),
        topics: index
            .topics
            .iter()
            .map(|t| Link::topic(index, &t.id))
            .collect(),
        rows,
        pager: paged.view(href),
        quoted: index.quoted_actors().count(),
    })
}

/// `GET /articles[?actor=&topic=&confidence=&page=N]`: the articles indexed, in file-name order,
/// or the sources behind an actor's claims (on a topic), each with its outlet and copies.
pub(crate) async fn articles(
    State(state): State<AppState>,
    Confidence { filter, choice }: Confidence,
    Query(q): Query<ArticlesQuery>,
) -> PageResult {
    let index = &state.index;
    let per_page = state.config.limits.list_per_page;
    let selector = ClaimSelector::resolve(index, q.filters())?;
    if selector.is_empty() {
        let href = |p| paging::href(urls::ARTICLES, &[], p);
        let paged = Paged::new(index.articles.len(), per_page, q.page.as_deref(), href)?;
        return render(&ArticlesView {
            page: Page::new(href(paged.page), ""),
            scope: ArticlesScope::default(),
            articles: paged
                .slice(&index.articles)
                .iter()
                .map(|a| article_row(index, a))
                .collect(),
            pager: paged.view(href),
            reports: 0,
            copies: 0,
        });
    }
    let mut pairs = selector.pairs();
    pairs.extend(choice.pairs());
    let href = |p| paging::href(urls::ARTICLES, &pairs, p);
    let claims: Vec<_> = selector.claims(index, filter).collect();
    let coverage = index.coverage(&claims);
    let paged = Paged::new(coverage.sources.len(), per_page, q.page.as_deref(), href)?;
    let link = |id: &str| {
        let title = index.article(id).map_or(id, Article::title);
        Link::new(urls::article(id), id, title)
    };
    render(&ArticlesView {
        page: Page::new(href(paged.page), ""),
        scope: ArticlesScope {
            actor: selector
                .actor
                .and_then(|id| index.actor(id))
                .map(|a| Link::actor(&a.id, &a.name)),
            topic: selector.topic.map(|t| Link::topic(index, t)),
            high_only: choice.high_only,
        },
        articles: paged
            .slice(&coverage.sources)
            .iter()
            .map(|s| ArticleRow {
                link: link(s.article),
                outlet: s.outlet.map(str::to_string),
                date: index.article(s.article).and_then(|a| a.meta.date.clone()),
                claims: s.claims,
                copy_of: s.copy_of.map(link),
            })
            .collect(),
        pager: paged.view(href),
        reports: coverage.reports,
        copies: coverage.copies,
    })
}

/// `GET /compare`: the form, or (with a query) a redirect to the selection's permalink.
pub(crate) async fn compare_form(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> PageResult {
    let index = &state.index;
    match parse_form(index, query.as_deref().unwrap_or(""))? {
        None => render(&CompareFormView {
            page: Page::new("/compare", "compare"),
            form: CompareForm::new(index, &[], &[], state.config.limits.list_per_page),
        }),
        Some(form) => {
            let selection =
                Selection::resolve(index, &state.config.limits, &form.actors, &form.topics)?;
            Ok(see_other(&urls::compare(&selection.canonical())))
        }
    }
}

/// `GET /compare/{actors}`: every topic, at the canonical permalink.
pub(crate) async fn compare_actors(
    State(state): State<AppState>,
    Param(actors): Param<String>,
) -> PageResult {
    let index = &state.index;
    let topics: Vec<&str> = index.topics.iter().map(|t| t.id.as_str()).collect();
    let selection = Selection::resolve(
        index,
        &state.config.limits,
        super::selection::split(&actors),
        topics,
    )?;
    Ok(moved(&urls::compare(&selection.canonical())))
}

/// The query pairs that a redirect to a canonical URL keeps: the confidence choice and the page
/// as given (checked at the target).
fn kept(choice: &ConfidenceChoice, q: &PageQuery) -> Vec<(&'static str, String)> {
    let mut pairs = choice.pairs();
    if let Some(page) = &q.page {
        pairs.push(("page", page.clone()));
    }
    pairs
}

/// `GET /compare/{actors}/{topics}[?page=N]`: the side-by-side comparison, or a 301 to its
/// canonical URL. One actor on one topic lists every claim, a page at a time; several cells show
/// each one's strongest claims and link to the cell's own comparison for the rest (a `page`
/// is still checked, so that the links of paged comparisons keep answering, and shows the same).
pub(crate) async fn compare(
    State(state): State<AppState>,
    headers: HeaderMap,
    Confidence {
        filter,
        choice: confidence,
    }: Confidence,
    Query(q): Query<PageQuery>,
    Param((actors, topics)): Param<(String, String)>,
) -> PageResult {
    let index = &state.index;
    let limits = &state.config.limits;
    let selection = Selection::from_path(index, limits, &actors, &topics)?;
    let canonical = selection.canonical();
    let base = urls::compare(&canonical);
    let asked = format!("{actors}/{topics}");
    if let Some(redirect) = unless_canonical(&asked, &canonical, &base, &kept(&confidence, &q)) {
        return Ok(redirect);
    }
    let pairs = confidence.pairs();
    let href = |p| paging::href(&base, &pairs, p);
    let digest = selection.actors.len() * selection.topics.len() > 1;
    if digest && let Some(page) = spliced(&state, &headers, &selection, &confidence, &q)? {
        return Ok(page);
    }
    let positions: Vec<Vec<_>> = selection
        .topics
        .iter()
        .map(|t| {
            selection
                .actors
                .iter()
                .map(|a| index.position_where(&a.id, &t.id, &filter))
                .collect()
        })
        .collect();
    let longest = positions.iter().flatten().map(|p| p.count()).max();
    let paged = Paged::new(
        longest.unwrap_or(0),
        limits.claims_per_page,
        q.page.as_deref(),
        href,
    )?;
    let (path, pager) = if digest {
        (href(1), PagerView::default())
    } else {
        (href(paged.page), paged.view(href))
    };
    let topics = compare_topics(
        index,
        limits,
        &selection,
        &positions,
        (!digest).then_some(paged),
        &confidence,
    );
    let view = compare_view(
        &state,
        &headers,
        &selection,
        (path, pager),
        topics,
        confidence,
    );
    render(&view)
}

/// A comparison of several cells spliced from its cells' fragments ([`fragments`]), when the
/// state keeps them: gzipped from their compressed blocks when answers are not kept, else as
/// HTML that the compression layer compresses whole. The `page` asked for is checked as the
/// whole page checks it.
fn spliced(
    state: &AppState,
    headers: &HeaderMap,
    selection: &Selection<'_>,
    confidence: &ConfidenceChoice,
    q: &PageQuery,
) -> Result<Option<Response>, AppError> {
    let index = &state.index;
    let limits = &state.config.limits;
    let Some(table) = state.fragments.as_deref() else {
        return Ok(None);
    };
    let Some(cells) = fragments::cells(table, index, limits, selection, confidence) else {
        return Ok(None);
    };
    let base = urls::compare(&selection.canonical());
    let pairs = confidence.pairs();
    let href = |p| paging::href(&base, &pairs, p);
    let longest = cells.iter().map(|c| c.claims).max().unwrap_or(0);
    Paged::new(longest, limits.claims_per_page, q.page.as_deref(), href)?;
    let topics = slotted_topics(index, selection, &cells);
    let paging = (href(1), PagerView::default());
    let mut view = compare_view(
        state,
        headers,
        selection,
        paging,
        topics,
        confidence.clone(),
    );
    view.slot = fragments::SLOT;
    // Kept answers are compressed whole, once (smaller); others are spliced, compressed ahead.
    let zipped = limits.response_cache_bytes == 0 && fragments::accepts_gzip(headers);
    fragments::page(&view, &cells, zipped).map_err(|err| {
        tracing::error!(%err, "rendering a template");
        AppError::new(Problem::Internal)
    })
}

/// The topics of a comparison whose `cells` (topic by topic, each actor in order) are all
/// slotted: each cell with only what the rest of the page reads of it.
fn slotted_topics(
    index: &Index,
    selection: &Selection<'_>,
    cells: &[&fragments::CellFragment],
) -> Vec<CompareTopic> {
    let mut at = cells.iter();
    selection
        .topics
        .iter()
        .map(|t| CompareTopic {
            topic: Link::topic(index, &t.id),
            cells: selection
                .actors
                .iter()
                .zip(at.by_ref())
                .map(|(a, cell)| CompareCell::slotted(index, a, &t.id, cell.stance, cell.claims))
                .collect(),
        })
        .collect()
}

/// A comparison's view around its `topics`, at `path` with its `pager`.
fn compare_view(
    state: &AppState,
    headers: &HeaderMap,
    selection: &Selection<'_>,
    (path, pager): (String, PagerView),
    topics: Vec<CompareTopic>,
    confidence: ConfidenceChoice,
) -> CompareView {
    let index = &state.index;
    let origin = state.origin.resolve(headers);
    let canonical = selection.canonical();
    CompareView {
        page: Page::new(path, "compare").with_origin(origin.as_deref()),
        actors: selection
            .actors
            .iter()
            .map(|a| Link::actor(&a.id, &a.name))
            .collect(),
        topics,
        form: CompareForm::new(
            index,
            &selection.actor_ids(),
            &selection.topic_ids(),
            state.config.limits.list_per_page,
        ),
        exports: export_links(&canonical, origin.as_deref(), &confidence.query),
        confidence,
        pager,
        slot: "",
    }
}

/// The topics of a comparison, a cell per actor: with `paged`, that page of each cell's claims;
/// without, each cell's strongest claims ([`evidence::digest_cell`]).
fn compare_topics(
    index: &Index,
    limits: &crate::config::Limits,
    selection: &Selection<'_>,
    positions: &[Vec<crate::index::Position<'_>>],
    paged: Option<Paged>,
    choice: &ConfidenceChoice,
) -> Vec<CompareTopic> {
    selection
        .topics
        .iter()
        .zip(positions)
        .map(|(t, row)| CompareTopic {
            topic: Link::topic(index, &t.id),
            cells: selection
                .actors
                .iter()
                .zip(row)
                .map(|(a, position)| match paged {
                    Some(paged) => evidence::cell(index, limits, a, &t.id, position, paged, choice),
                    None => evidence::digest_cell(index, limits, a, &t.id, position, choice),
                })
                .collect(),
        })
        .collect()
}

/// A comparison's downloads, keeping the confidence choice `query`; the share card's absolute
/// URL when the `origin` is known.
fn export_links(canonical: &str, origin: Option<&str>, query: &str) -> ExportLinks {
    ExportLinks {
        csv: urls::download(canonical, "export.csv") + query,
        json: urls::download(canonical, "export.json") + query,
        svg: urls::download(canonical, "card.svg") + query,
        image_url: origin.map(|o| format!("{o}{}{query}", urls::download(canonical, "card.png"))),
    }
}

/// `GET /actors/{id}[?page=N]`: every position of one actor, a page of each one's claims.
pub(crate) async fn actor(
    State(state): State<AppState>,
    Confidence {
        filter,
        choice: confidence,
    }: Confidence,
    Query(q): Query<PageQuery>,
    Param(key): Param<String>,
) -> PageResult {
    let index = &state.index;
    let limits = &state.config.limits;
    let actor = index
        .actor(&key)
        .ok_or_else(|| AppError::unknown_actor(index, &key))?;
    let base = urls::actor(&actor.id);
    if let Some(redirect) = unless_canonical(&key, &actor.id, &base, &kept(&confidence, &q)) {
        return Ok(redirect);
    }
    let positions: Vec<_> = index
        .topics
        .iter()
        .map(|t| index.position_where(&actor.id, &t.id, &filter))
        .collect();
    let pairs = confidence.pairs();
    let href = |p| paging::href(&base, &pairs, p);
    let longest = positions.iter().map(|p| p.count()).max().unwrap_or(0);
    let paged = Paged::new(longest, limits.claims_per_page, q.page.as_deref(), href)?;
    let topics = index
        .topics
        .iter()
        .zip(&positions)
        .map(|(t, position)| {
            evidence::cell(index, limits, actor, &t.id, position, paged, &confidence)
        })
        .collect();
    render(&ActorView {
        page: Page::new(href(paged.page), ""),
        actor: Link::actor(&actor.id, &actor.name),
        kind: actor.kind.as_str(),
        affiliation: actor
            .affiliation
            .as_deref()
            .and_then(|id| index.actor(id))
            .map(|a| Link::actor(&a.id, &a.name)),
        aliases: actor
            .aliases
            .iter()
            .filter(|a| **a != actor.name)
            .cloned()
            .collect(),
        discovered: actor.discovered,
        topics,
        claims: index.claim_count(&actor.id),
        confidence,
        pager: paged.view(href),
    })
}

/// `GET /topics/{id}[?page=N]`: who supports, who opposes, who attaches conditions, and a page
/// of the claims on the topic.
pub(crate) async fn topic(
    State(state): State<AppState>,
    Confidence {
        filter,
        choice: confidence,
    }: Confidence,
    Query(q): Query<PageQuery>,
    Param(key): Param<String>,
) -> PageResult {
    let index = &state.index;
    let limits = &state.config.limits;
    let topic = index
        .topic(&key)
        .ok_or_else(|| AppError::unknown_topic(index, &key))?;
    let base = urls::topic(&topic.id);
    if let Some(redirect) = unless_canonical(&key, &topic.id, &base, &kept(&confidence, &q)) {
        return Ok(redirect);
    }
    let mut groups: Vec<StanceGroup> = Stance::ALL
        .iter()
        .map(|&stance| StanceGroup {
            stance: stance.as_str(),
            actors: Vec::new(),
            more: 0,
        })
        .collect();
    for a in index.quoted_actors() {
        let position = index.position_where(&a.id, &topic.id, &filter);
        let Some(group) = position
            .stance
            .and_then(|s| Stance::ALL.iter().position(|&x| x == s))
            .and_then(|i| groups.get_mut(i))
        else {
            continue;
        };
        if group.actors.len() < limits.grid_actors {
            let mut view = PositionView::new(&position, &a.id, &topic.id);
            view.href.push_str(&confidence.query);
            group.actors.push((Link::actor(&a.id, &a.name), view));
        } else {
            group.more += 1;
        }
    }
    let total = if filter == ClaimFilter::default() {
        index.topic_claim_count(&topic.id)
    } else {
        index
            .claims_on(&topic.id)
            .filter(|c| filter.keeps(c))
            .count()
    };
    let pairs = confidence.pairs();
    let href = |p| paging::href(&base, &pairs, p);
    let paged = Paged::new(total, limits.claims_per_page, q.page.as_deref(), href)?;
    let range = paged.range();
    let claims = index
        .claims_on(&topic.id)
        .filter(|c| filter.keeps(c))
        .skip(range.start)
        .take(range.len())
        .map(|c| ClaimView::new(index, c))
        .collect();
    render(&TopicView {
        page: Page::new(href(paged.page), ""),
        topic: Link::topic(index, &topic.id),
        description: topic.description.clone(),
        groups,
        claims,
        pager: paged.view(href),
        confidence,
    })
}

/// `GET /articles/{id}[?page=N]`: the article, every sentence addressable, claims marked, and a
/// page of its claims listed.
pub(crate) async fn article(
    State(state): State<AppState>,
    Confidence { filter, choice }: Confidence,
    Query(q): Query<PageQuery>,
    Param(id): Param<String>,
) -> PageResult {
    let index = &state.index;
    let article = index
        .article(&id)
        .ok_or_else(|| AppError::unknown_article(index, &id))?;
    let base = urls::article(&article.id);
    let pairs = choice.pairs();
    let href = |p| paging::href(&base, &pairs, p);
    let claims: Vec<_> = index
        .claims_in(&article.id)
        .filter(|c| filter.keeps(c))
        .collect();
    let paged = Paged::new(
        claims.len(),
        state.config.limits.claims_per_page,
        q.page.as_deref(),
        href,
    )?;
    render(&article_view(index, article, &claims, paged, &pairs))
}

/// An article with `claims` marked on their sentences and a page of them listed; `pairs` are
/// the query its links keep.
fn article_view(
    index: &Index,
    article: &Article,
    claims: &[&Claim],
    paged: Paged,
    pairs: &[(&str, String)],
) -> ArticleView {
    let mut by_sentence: HashMap<usize, Vec<SentenceClaim>> = HashMap::new();
    for c in claims {
        by_sentence
            .entry(c.sentence)
            .or_default()
            .push(SentenceClaim {
                actor: Link::actor(&c.actor.id, &c.actor.name),
                topic: Link::topic(index, &c.topic),
                stance: c.stance.as_str(),
                kind: c.kind.as_str(),
            });
    }
    let mut blocks: Vec<BlockView> = article
        .blocks
        .iter()
        .map(|b| BlockView {
            role: b.role.as_str(),
            sentences: Vec::new(),
            text: article
                .text
                .get(b.span.range())
                .unwrap_or_default()
                .trim()
                .to_string(),
        })
        .collect();
    for sentence in &article.sentences {
        let view = SentenceView {
            index: sentence.index,
            text: article
                .text
                .get(sentence.span.range())
                .unwrap_or_default()
                .to_string(),
            claims: by_sentence.remove(&sentence.index).unwrap_or_default(),
        };
        match blocks.get_mut(sentence.block) {
            Some(block) => block.sentences.push(view),
            None => blocks.push(BlockView {
                role: BlockRole::Body.as_str(),
                sentences: vec![view],
                text: String::new(),
            }),
        }
    }
    let meta = &article.meta;
    let base = urls::article(&article.id);
    ArticleView {
        page: Page::new(paging::href(&base, pairs, paged.page), ""),
        article: Link::new(base.clone(), &article.id, article.title()),
        file: article.file.clone(),
        outlet: meta.outlet.clone(),
        author: meta.author.clone(),
        date: meta.date.clone(),
        source_url: meta
            .url
            .clone()
            .filter(|u| u.starts_with("https://") || u.starts_with("http://")),
        blocks,
        claims: paged
            .slice(claims)
            .iter()
            .map(|c| ClaimView::new(index, c))
            .collect(),
        pager: paged.view(|p| paging::href(&base, pairs, p)),
    }
}

/// Fallback for unknown paths: the 404 page, or JSON under `/api`.
pub(crate) async fn not_found(uri: axum::http::Uri) -> Response {
    respond_at(uri.path(), Problem::NotFound.into())
}

/// `GET /healthz`: 200 once the index is built and the server is up.
pub(crate) async fn health() -> impl IntoResponse {
    (StatusCode::OK, "ok\n")
}
