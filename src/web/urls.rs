//! Every address the site serves and every link it makes, in one place: the route patterns that
//! [`super::app`] mounts and, beside each, the function that builds a link to it. A route and its
//! links change together here.

/// `/`: the grid.
pub(crate) const HOME: &str = "/";
/// The comparison form.
pub(crate) const COMPARE_FORM: &str = "/compare";
/// Every topic for some actors (a redirect to [`COMPARE`]).
pub(crate) const COMPARE_ACTORS: &str = "/compare/{actors}";
/// A comparison's permalink.
pub(crate) const COMPARE: &str = "/compare/{actors}/{topics}";
/// A comparison's downloads, one of [`DOWNLOADS`].
pub(crate) const DOWNLOAD: &str = "/compare/{actors}/{topics}/{file}";
/// The files of [`DOWNLOAD`]: the CSV, the API's JSON, and the share card as SVG and as PNG.
pub(crate) const DOWNLOADS: [&str; 4] = ["export.csv", "export.json", "card.svg", "card.png"];
pub(crate) const ACTORS: &str = "/actors";
pub(crate) const ACTOR: &str = "/actors/{id}";
pub(crate) const TOPIC: &str = "/topics/{id}";
pub(crate) const ARTICLES: &str = "/articles";
pub(crate) const ARTICLE: &str = "/articles/{id}";
pub(crate) const ASSET: &str = "/static/{file}";
/// Actors, topics and articles found by `?q=`.
pub(crate) const SEARCH: &str = "/search";
pub(crate) const HEALTH: &str = "/healthz";
/// Where the JSON API is nested; its routes are in [`api`].
pub(crate) const API: &str = "/api/v1";

/// An actor's page.
pub(crate) fn actor(id: &str) -> String {
    format!("/actors/{id}")
}

/// A topic's page.
pub(crate) fn topic(id: &str) -> String {
    format!("/topics/{id}")
}

/// An article's page.
pub(crate) fn article(id: &str) -> String {
    format!("/articles/{id}")
}

/// A sentence of an article: its page, scrolled to the sentence.
pub(crate) fn sentence(article: &str, index: usize) -> String {
    format!("/articles/{article}#s-{index}")
}

/// A comparison, from its canonical path (`trump+zelensky/ceasefire`).
pub(crate) fn compare(canonical: &str) -> String {
    format!("/compare/{canonical}")
}

/// One actor's position on one topic, as a comparison.
pub(crate) fn position(actor: &str, topic: &str) -> String {
    format!("/compare/{actor}/{topic}")
}

/// A download of a comparison.
pub(crate) fn download(canonical: &str, file: &str) -> String {
    format!("/compare/{canonical}/{file}")
}

/// The JSON API's routes (relative to [`API`]) and links.
pub(crate) mod api {
    use super::API;

    pub(crate) const ROOT: &str = "/";
    pub(crate) const ARTICLES: &str = "/articles";
    pub(crate) const ARTICLE: &str = "/articles/{id}";
    pub(crate) const ACTORS: &str = "/actors";
    pub(crate) const ACTOR: &str = "/actors/{id}";
    pub(crate) const TOPICS: &str = "/topics";
    pub(crate) const TOPIC: &str = "/topics/{id}";
    pub(crate) const CLAIMS: &str = "/claims";
    pub(crate) const GRID: &str = "/grid";
    pub(crate) const COMPARE_QUERY: &str = "/compare";
    pub(crate) const COMPARE: &str = "/compare/{actors}/{topics}";
    pub(crate) const SEARCH: &str = "/search";

    /// A list route of the API: `/api/v1/articles`, `/api/v1/claims`...
    pub(crate) fn list(route: &str) -> String {
        format!("{API}{route}")
    }

    pub(crate) fn article(id: &str) -> String {
        format!("{API}/articles/{id}")
    }

    pub(crate) fn actor(id: &str) -> String {
        format!("{API}/actors/{id}")
    }

    pub(crate) fn topic(id: &str) -> String {
        format!("{API}/topics/{id}")
    }

    pub(crate) fn compare(canonical: &str) -> String {
        format!("{API}/compare/{canonical}")
    }
}
