//! Lists in pages, for the pages and the API alike: the typed queries lists take (`page`,
//! `per_page`, `confidence` and the claim filters, read by the `Query` extractors), the claims
//! those filters select, and the page asked for, checked against the list's length.

use std::ops::Range;

use serde::Deserialize;

use super::error::{AppError, Problem};
use super::views::{Link, PagerView};
use crate::extract::{Claim, Stance};
use crate::index::ClaimFilter;
use crate::index::Index;

/// The query of a page that lists something: the page asked for (`confidence` is read by the
/// [`Confidence`](super::params::Confidence) extractor).
#[derive(Debug, Clone, Default, Deserialize)]
pub(super) struct PageQuery {
    pub page: Option<String>,
}

/// The query of the `/articles` page: the page, and the claims whose sources to list.
#[derive(Debug, Clone, Default, Deserialize)]
pub(super) struct ArticlesQuery {
    pub page: Option<String>,
    pub actor: Option<String>,
    pub topic: Option<String>,
}

/// The query of an API list: the confidence choice (read by the `Confidence` extractor, named
/// here so that it is known and given once), the page and its size.
#[derive(Debug, Clone, Default, Deserialize)]
pub(super) struct ApiListQuery {
    pub confidence: Option<String>,
    pub page: Option<String>,
    pub per_page: Option<String>,
}

/// The query of `/api/v1/claims`: a list's, and the claim filters.
#[derive(Debug, Clone, Default, Deserialize)]
pub(super) struct ClaimsQuery {
    pub actor: Option<String>,
    pub topic: Option<String>,
    pub stance: Option<String>,
    pub article: Option<String>,
    pub confidence: Option<String>,
    pub page: Option<String>,
    pub per_page: Option<String>,
}

impl ApiListQuery {
    /// The page size asked for: `per_page`, or `default`; at most `max`.
    pub(super) fn per_page(&self, default: usize, max: usize) -> Result<usize, AppError> {
        let Some(given) = &self.per_page else {
            return Ok(default.clamp(1, max.max(1)));
        };
        given
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| {
                Problem::BadPerPage {
                    given: given.clone(),
                    max,
                }
                .into()
            })
    }

    /// The parameters as given, for a redirect that keeps them.
    pub(super) fn pairs(&self) -> Vec<(&'static str, String)> {
        [
            ("confidence", &self.confidence),
            ("per_page", &self.per_page),
            ("page", &self.page),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.clone().map(|v| (k, v)))
        .collect()
    }
}

impl ClaimsQuery {
    /// The list part of the query.
    pub(super) fn list(&self) -> ApiListQuery {
        ApiListQuery {
            confidence: self.confidence.clone(),
            page: self.page.clone(),
            per_page: self.per_page.clone(),
        }
    }

    /// The claim filters, as given.
    pub(super) fn filters(&self) -> Filters<'_> {
        Filters {
            actor: self.actor.as_deref(),
            topic: self.topic.as_deref(),
            stance: self.stance.as_deref(),
            article: self.article.as_deref(),
        }
    }
}

impl ArticlesQuery {
    /// The claim filters, as given.
    pub(super) fn filters(&self) -> Filters<'_> {
        Filters {
            actor: self.actor.as_deref(),
            topic: self.topic.as_deref(),
            ..Filters::default()
        }
    }
}

/// The claim filters of a query, as given (names, not yet resolved).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Filters<'q> {
    pub actor: Option<&'q str>,
    pub topic: Option<&'q str>,
    pub stance: Option<&'q str>,
    pub article: Option<&'q str>,
}

/// The claim filters of a list, resolved to ids: the API's `/claims` and the `/articles` page.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct ClaimSelector<'a> {
    pub actor: Option<&'a str>,
    pub topic: Option<&'a str>,
    pub stance: Option<Stance>,
    pub article: Option<&'a str>,
}

impl<'a> ClaimSelector<'a> {
    /// Resolves the filters of a query; an unknown name is a 404 (a 400 for a stance) that lists
    /// the valid ones.
    pub(super) fn resolve(index: &'a Index, q: Filters<'_>) -> Result<Self, AppError> {
        let actor = match q.actor {
            Some(key) => Some(
                index
                    .actor(key)
                    .ok_or_else(|| AppError::unknown_actor(index, key))?
                    .id
                    .as_str(),
            ),
            None => None,
        };
        let topic = match q.topic {
            Some(key) => Some(
                index
                    .topic(key)
                    .ok_or_else(|| AppError::unknown_topic(index, key))?
                    .id
                    .as_str(),
            ),
            None => None,
        };
        let stance = match q.stance {
            Some(key) => Some(
                Stance::parse(&key.to_ascii_lowercase())
                    .ok_or_else(|| AppError::unknown_stance(key))?,
            ),
            None => None,
        };
        let article = match q.article {
            Some(key) => Some(
                index
                    .article(key)
                    .ok_or_else(|| AppError::unknown_article(index, key))?
                    .id
                    .as_str(),
            ),
            None => None,
        };
        Ok(ClaimSelector {
            actor,
            topic,
            stance,
            article,
        })
    }

    /// True when no filter is set.
    pub(super) fn is_empty(&self) -> bool {
        self.actor.is_none()
            && self.topic.is_none()
            && self.stance.is_none()
            && self.article.is_none()
    }

    /// The claims selected and kept by `filter`, in article and text order.
    pub(super) fn claims(
        &self,
        index: &'a Index,
        filter: ClaimFilter,
    ) -> impl Iterator<Item = &'a Claim> + 'a {
        index
            .claims_where(self.actor, self.topic, self.stance, self.article)
            .filter(move |c| filter.keeps(c))
    }

    /// The filters as query pairs, ids only, for links that keep them.
    pub(super) fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(a) = self.actor {
            out.push(("actor", a.to_string()));
        }
        if let Some(t) = self.topic {
            out.push(("topic", t.to_string()));
        }
        if let Some(s) = self.stance {
            out.push(("stance", s.as_str().to_string()));
        }
        if let Some(a) = self.article {
            out.push(("article", a.to_string()));
        }
        out
    }
}

/// One page of a list of `total` items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Paged {
    pub total: usize,
    /// 1-based.
    pub page: usize,
    pub per_page: usize,
}

impl Paged {
    /// The page `given` (the first when `None`) of a list of `total` items, `per_page` a page.
    ///
    /// Anything but a whole number from 1 is a 400, a page after the last a 404; both say which
    /// pages there are, and `href` gives the links to the first and the last.
    pub(super) fn new(
        total: usize,
        per_page: usize,
        given: Option<&str>,
        href: impl Fn(usize) -> String,
    ) -> Result<Paged, AppError> {
        let per_page = per_page.max(1);
        let last = last_page(total, per_page);
        let Some(given) = given else {
            return Ok(Paged {
                total,
                page: 1,
                per_page,
            });
        };
        let digits = !given.is_empty() && given.bytes().all(|b| b.is_ascii_digit());
        let problem = match given.parse::<usize>() {
            _ if !digits => Problem::BadPage {
                given: given.to_string(),
                last,
            },
            Ok(0) => Problem::BadPage {
                given: given.to_string(),
                last,
            },
            Ok(page) if page <= last => {
                return Ok(Paged {
                    total,
                    page,
                    per_page,
                });
            }
            // Past the last page, or too large a number to be any page.
            _ => Problem::PageNotFound {
                given: given.to_string(),
                last,
            },
        };
        let mut valid = vec![Link::new(href(1), "1", "first page")];
        if last > 1 {
            valid.push(Link::new(href(last), &last.to_string(), "last page"));
        }
        Err(AppError {
            valid,
            ..AppError::new(problem)
        })
    }

    /// The same page of another list (one cell of a comparison paged with the others).
    pub(super) fn of(&self, total: usize) -> Paged {
        Paged { total, ..*self }
    }

    /// The last page (1 for an empty list).
    pub(super) fn last(&self) -> usize {
        last_page(self.total, self.per_page)
    }

    /// The items on this page, as positions in the list (empty past the list's end).
    pub(super) fn range(&self) -> Range<usize> {
        let start = (self.page - 1)
            .saturating_mul(self.per_page)
            .min(self.total);
        start..start.saturating_add(self.per_page).min(self.total)
    }

    /// This page's items of `items`.
    pub(super) fn slice<'s, T>(&self, items: &'s [T]) -> &'s [T] {
        let r = self.range();
        &items[r.start.min(items.len())..r.end.min(items.len())]
    }

    pub(super) fn next(&self) -> Option<usize> {
        (self.page < self.last()).then_some(self.page + 1)
    }

    pub(super) fn prev(&self) -> Option<usize> {
        (self.page > 1).then(|| (self.page - 1).min(self.last()))
    }

    /// The pager of this page, with `href` the link to a page.
    pub(super) fn view(&self, href: impl Fn(usize) -> String) -> PagerView {
        let r = self.range();
        PagerView {
            page: self.page,
            last: self.last(),
            total: self.total,
            first_item: if r.is_empty() { 0 } else { r.start + 1 },
            last_item: r.end,
            prev: self.prev().map(&href),
            next: self.next().map(&href),
        }
    }
}

/// Number of pages of `total` items, `per_page` a page: at least 1.
pub(super) fn last_page(total: usize, per_page: usize) -> usize {
    total.div_ceil(per_page.max(1)).max(1)
}

/// `path` with a query of `pairs` (percent-encoded), and `page` when it is not the first.
pub(super) fn href(path: &str, pairs: &[(&str, String)], page: usize) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        query.append_pair(k, v);
    }
    if page > 1 {
        query.append_pair("page", &page.to_string());
    }
    let query = query.finish();
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{query}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(total: usize, per: usize, given: &str) -> Result<Paged, &'static str> {
        Paged::new(total, per, Some(given), |p| p.to_string()).map_err(|e| e.problem.code())
    }

    #[test]
    fn pages_are_checked_against_the_list() {
        assert_eq!(page(45, 20, "3").map(|p| p.range()), Ok(40..45));
        assert_eq!(page(0, 20, "1").map(|p| p.range()), Ok(0..0));
        for bad in ["0", "-1", "abc", "1.5", "+2", " 2", "00"] {
            assert_eq!(page(45, 20, bad), Err("bad-page"), "{bad}");
        }
        for beyond in ["4", "99999999999999999999999", "007"] {
            assert_eq!(page(45, 20, beyond), Err("page-not-found"), "{beyond}");
        }
        assert_eq!(page(0, 20, "2"), Err("page-not-found"));
        let p = page(45, 20, "2").unwrap();
        assert_eq!((p.prev(), p.next(), p.last()), (Some(1), Some(3), 3));
        assert_eq!(p.of(10).range(), 10..10);
        assert_eq!(p.slice(&[1, 2, 3]), &[] as &[i32]);
    }

    #[test]
    fn links_keep_the_filters() {
        let pairs = [("actor", "a b".to_string())];
        assert_eq!(href("/articles", &pairs, 1), "/articles?actor=a+b");
        assert_eq!(href("/articles", &pairs, 2), "/articles?actor=a+b&page=2");
        assert_eq!(href("/x", &[], 1), "/x");
    }
}
