//! Configuration: the domain knowledge (topics, actors, cue words) and the limits, as data.
//!
//! The default configuration is `standpoint.toml` at the repository root; it is compiled into the
//! binary so that `standpoint` runs from any directory, and `--config FILE` replaces it.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

/// The default configuration shipped with Standpoint.
pub const DEFAULT_CONFIG: &str = include_str!("../standpoint.toml");

/// Why a configuration could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("invalid config {origin}: {message}{}", located(.at))]
    Parse {
        origin: String,
        message: String,
        /// The bytes of the text toml's error points at.
        span: Option<std::ops::Range<usize>>,
        /// The line and key, found by [`Config::parse`].
        at: Option<ConfigLocation>,
    },
    #[error("invalid config {origin}: {message}{}", located(.at))]
    Invalid {
        origin: String,
        message: String,
        /// The 1-based line of the value at fault, when validation knows it.
        line: Option<usize>,
        /// The line and key, found by [`Config::parse`].
        at: Option<ConfigLocation>,
    },
}

/// Everything Standpoint knows about its domain, plus its limits.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Resource limits for loading a corpus and serving it.
    #[serde(default)]
    pub limits: Limits,
    /// The contested topics to track, in display order.
    pub topics: Vec<TopicConfig>,
    /// Actors known in advance: people, governments, institutions and groups.
    #[serde(default)]
    pub actors: Vec<ActorConfig>,
    /// Words and phrases that decide attribution and stance.
    pub cues: Cues,
    /// Lines that are page furniture rather than reporting.
    #[serde(default)]
    pub boilerplate: Boilerplate,
    /// Words that date articles and statements; without it only ISO dates (`2025-03-01`) are read.
    #[serde(default)]
    pub dates: Dates,
    /// How claims are weighed when readers choose to see only the confident ones.
    #[serde(default)]
    pub evidence: Evidence,
    /// News outlets known in advance: their names, other spellings and web domains.
    #[serde(default)]
    pub outlets: Vec<OutletConfig>,
}

/// A news outlet known in advance.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutletConfig {
    /// The name shown on every page, e.g. "The New York Times".
    pub name: String,
    /// Other spellings of the name ("New York Times", "NYT"), compared without case, spacing or
    /// a leading "the".
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Web domains whose articles are this outlet's (`nytimes.com` also covers `www.nytimes.com`).
    #[serde(default)]
    pub domains: Vec<String>,
}

/// Resource limits, each with a safe default.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Files larger than this many bytes are skipped with a warning.
    pub max_file_bytes: u64,
    /// JSON Lines feeds (`.jsonl`, many articles in one file) larger than this many bytes are
    /// skipped with a warning; each of their articles counts towards `max_files`.
    pub max_feed_bytes: u64,
    /// At most this many files are read from a corpus folder; the rest are skipped.
    pub max_files: usize,
    /// At most this many actors in one comparison.
    pub max_compare_actors: usize,
    /// Seconds before a request is answered with 408.
    pub request_timeout_secs: u64,
    /// Longest accepted request URI, in bytes.
    pub max_uri_bytes: usize,
    /// Seconds a client has to send a request's headers; slower (or idle) connections are closed.
    pub header_read_timeout_secs: u64,
    /// Actors on the home page's grid, most-claimed first; `/actors` lists them all.
    pub grid_actors: usize,
    /// Claims shown per comparison cell, and per page on actor, topic and article pages.
    pub claims_per_page: usize,
    /// Articles and actors per page on `/articles` and `/actors`; the home page lists the first
    /// page of articles, and the comparison form offers this many actors to tick.
    pub list_per_page: usize,
    /// Sources listed under a position; the rest are behind an "and N more" link.
    pub sources_per_cell: usize,
    /// Items per page of the API's lists when the request gives no `per_page`.
    pub api_per_page: usize,
    /// Largest `per_page` the API accepts.
    pub api_max_per_page: usize,
    /// Memory for rendered pages and API answers kept to answer the same request again, in
    /// bytes; 0 turns the cache off.
    pub response_cache_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 5 * 1024 * 1024,
            max_feed_bytes: 256 * 1024 * 1024,
            max_files: 20_000,
            max_compare_actors: 12,
            request_timeout_secs: 10,
            max_uri_bytes: 4096,
            header_read_timeout_secs: 10,
            grid_actors: 20,
            claims_per_page: 20,
            list_per_page: 50,
            sources_per_cell: 8,
            api_per_page: 100,
            api_max_per_page: 500,
            response_cache_bytes: 64 * 1024 * 1024,
        }
    }
}

/// A topic and the lexicon that recognises it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicConfig {
    /// Stable identifier used in URLs and exports, e.g. `us-troops`.
    pub id: String,
    /// Display name, e.g. "U.S. troops".
    pub name: String,
    /// One sentence describing what the topic covers.
    #[serde(default)]
    pub description: String,
    /// Case-insensitive regular expressions; any match names the topic.
    pub terms: Vec<String>,
    /// Terms that name the topic only for some holders (e.g. "deploying troops" is about U.S.
    /// troops when the White House says it, and about a European force when France does).
    #[serde(default)]
    pub scoped: Vec<ScopedTerms>,
}

/// Terms that count only when the claim's holder is (or is not) affiliated with given actors.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScopedTerms {
    /// The terms count when the holder belongs to one of these actor ids.
    #[serde(default)]
    pub holders: Vec<String>,
    /// The terms count when the holder belongs to none of these actor ids.
    #[serde(default)]
    pub other_holders: Vec<String>,
    /// Case-insensitive regular expressions.
    pub terms: Vec<String>,
}

/// The kind of an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Government,
    Institution,
    Group,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Government => "government",
            ActorKind::Institution => "institution",
            ActorKind::Group => "group",
        }
    }
}

/// Grammatical gender of a person, for resolving he/she.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    Male,
    Female,
    #[default]
    Unknown,
}

/// An actor known in advance.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorConfig {
    /// Stable identifier used in URLs and exports, e.g. `zelensky`.
    pub id: String,
    /// Display name, e.g. "Volodymyr Zelensky".
    pub name: String,
    /// person, government, institution or group.
    pub kind: ActorKind,
    /// The actor this one speaks for or belongs to (Leavitt → white-house → united-states).
    #[serde(default)]
    pub affiliation: Option<String>,
    /// Names and spellings that refer to this actor, matched case-sensitively on word boundaries.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// For people: male or female, so that he/she resolve to them.
    #[serde(default)]
    pub gender: Gender,
    /// Role nouns that can stand for this actor in a definite description ("the U.S. president").
    #[serde(default)]
    pub roles: Vec<String>,
    /// For countries and blocs: adjectives that, with a group noun, name the actor
    /// ("Russian officials" → Russia) and that qualify roles ("the Ukrainian leader").
    #[serde(default)]
    pub adjectives: Vec<String>,
}

/// The cue lexicons, all matched case-insensitively on word boundaries.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cues {
    /// Verbs of saying and stating: they open reported speech and attribute quotes.
    pub speech: Vec<String>,
    /// Words that express a favourable position toward what follows.
    pub support: Vec<String>,
    /// Words that flip the polarity of the clause they are in (not, refused, rejected, without).
    pub negators: Vec<String>,
    /// Words that judge something harmful: the holder opposes what the clause describes.
    pub negative: Vec<String>,
    /// Words that attach a condition or limit a role.
    pub conditional: Vec<String>,
    /// Regular expressions for contrastive preferences: a topic after the match is opposed
    /// ("a preference for a comprehensive deal over a temporary ceasefire").
    #[serde(default)]
    pub dispreference: Vec<String>,
    /// Nouns that, owned by an actor, state a position ("Ukraine's insistence on").
    pub stance_nouns: Vec<String>,
    /// Words introducing background clauses whose holder does not take a position
    /// (while, when, as, although).
    pub subordinators: Vec<String>,
    /// Words introducing conditions and questions; topics inside them are not positions.
    pub hypothetical: Vec<String>,
    /// Words before a topic that make it a time marker rather than an object ("after a ceasefire").
    pub temporal: Vec<String>,
    /// Passive participles whose `by`-agent shares the position named before them.
    pub agent_same: Vec<String>,
    /// Passive participles whose `by`-agent holds the opposite of the position named before them.
    pub agent_opposite: Vec<String>,
    /// Nouns after "this/that/such/the" that point back to the last topic named ("the idea").
    pub anaphors: Vec<String>,
    /// Titles and role words that may stand before a name ("Prime Minister", "negotiator").
    pub titles: Vec<String>,
    /// Plural nouns that, after a country adjective, name that country's side
    /// ("Russian officials").
    pub group_nouns: Vec<String>,
    /// Phrases that hold cue words but say nothing about a position ("on condition of
    /// anonymity", "not only"): cue words inside them are ignored.
    #[serde(default)]
    pub neutral: Vec<String>,
    /// Verbs that, opening a clause as part of a topic's own words, make it a call for the topic
    /// ("Stop the fighting!").
    #[serde(default)]
    pub imperatives: Vec<String>,
    /// Words that make the topic after them a requirement for something else, and so a position
    /// for it ("talks only after a ceasefire").
    #[serde(default)]
    pub requirements: Vec<String>,
}

/// Boilerplate recognisers.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Boilerplate {
    /// Case-insensitive regular expressions matched against a whole trimmed line.
    #[serde(default)]
    pub lines: Vec<String>,
    /// Section names of news sites ("World", "Politics", "Europe"): a line made only of them,
    /// at the top or bottom of an article, is a category menu.
    #[serde(default)]
    pub sections: Vec<String>,
    /// Language names and codes ("en", "ua", "English"): a line made only of them is a
    /// language switcher.
    #[serde(default)]
    pub languages: Vec<String>,
    /// Words of share bars and tag lists ("Share", "Facebook", "Tags"): a line made only of them,
    /// or opening with one and a colon, is page furniture.
    #[serde(default)]
    pub share: Vec<String>,
}

/// The words that date articles (datelines, "Published:" lines) and statements ("on Tuesday",
/// "last week", "in May"). Names are matched case-sensitively, cue words case-insensitively.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Dates {
    /// Twelve lists, January first: the names and abbreviations of each month.
    pub months: Vec<Vec<String>>,
    /// Seven lists, Monday first: the names of each day of the week.
    pub weekdays: Vec<Vec<String>>,
    /// Labels of lines that give an article's date ("Published", "Updated").
    pub labels: Vec<String>,
    /// Wire services whose credit may follow a dateline ("Reuters", "AP").
    pub wire_services: Vec<String>,
    /// Words before a month name that make it the month of a statement ("in", "during").
    pub month_cues: Vec<String>,
    /// Words before a weekday that put it strictly before the article's day ("last").
    pub past: Vec<String>,
    /// Words before a date that make it a future or bounding date, not when something was said
    /// ("next", "until", "by").
    pub future: Vec<String>,
    /// `[[dates.relative]]` tables: phrases that name a day, week, month or year relative to the
    /// article's date ("yesterday", "last week").
    pub relative: Vec<RelativeDate>,
}

/// A phrase that names a period relative to the article's date.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelativeDate {
    /// Case-insensitive phrases, e.g. `["last week", "a week ago"]`.
    pub words: Vec<String>,
    /// `day`, `week` (Monday to Sunday), `month` or `year`.
    pub unit: DateUnit,
    /// How many units from the article's own: 0 is the same day (or week, ...), -1 the one before.
    pub offset: i32,
}

/// The unit of a relative date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateUnit {
    Day,
    Week,
    Month,
    Year,
}

/// How confidence is shown.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Evidence {
    /// Claims with a confidence below this (0 to 1) are marked as low confidence, and hidden when
    /// a reader asks for confident claims only (`?confidence=high`); they do not decide a
    /// position when a confident claim takes a side.
    pub low_confidence: f32,
}

impl Default for Evidence {
    fn default() -> Self {
        Evidence {
            low_confidence: 0.5,
        }
    }
}

impl Config {
    /// The configuration compiled into the binary.
    pub fn default_config() -> Config {
        Config::parse(DEFAULT_CONFIG, "standpoint.toml (built in)")
            .expect("the built-in configuration is valid")
    }

    /// Reads and validates a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.display().to_string(),
            source,
        })?;
        Config::parse(&text, &path.display().to_string())
    }

    /// Parses and validates configuration text; `origin` names it in error messages, which end
    /// with the line and key at fault when they can be found.
    pub fn parse(text: &str, origin: &str) -> Result<Config, ConfigError> {
        let parsed = toml::from_str::<Config>(text)
            .map_err(|e| ConfigError::Parse {
                origin: origin.to_string(),
                message: e.to_string(),
                span: e.span(),
                at: None,
            })
            .and_then(|config| {
                config.validate(origin)?;
                config.validate_words(origin, text)?;
                Ok(config)
            });
        parsed.map_err(|mut err| {
            let found = locate(text, &err);
            if let ConfigError::Parse { at, .. } | ConfigError::Invalid { at, .. } = &mut err {
                *at = found;
            }
            err
        })
    }

    fn validate(&self, origin: &str) -> Result<(), ConfigError> {
        let invalid = |message: String| ConfigError::Invalid {
            origin: origin.to_string(),
            message,
            line: None,
            at: None,
        };
        let mut seen = std::collections::HashSet::new();
        for topic in &self.topics {
            if !is_slug(&topic.id) {
                return Err(invalid(format!(
                    "topics: id {:?} must be lowercase letters, digits and dashes",
                    topic.id
                )));
            }
            if !seen.insert(topic.id.clone()) {
                return Err(invalid(format!("topics: duplicate id {:?}", topic.id)));
            }
        }
        if self.topics.is_empty() {
            return Err(invalid("topics: at least one topic is required".into()));
        }
        let mut ids = std::collections::HashSet::new();
        for actor in &self.actors {
            if !is_slug(&actor.id) {
                return Err(invalid(format!(
                    "actors: id {:?} must be lowercase letters, digits and dashes",
                    actor.id
                )));
            }
            if !ids.insert(actor.id.clone()) {
                return Err(invalid(format!("actors: duplicate id {:?}", actor.id)));
            }
        }
        for actor in &self.actors {
            if let Some(aff) = &actor.affiliation
                && !ids.contains(aff)
            {
                return Err(invalid(format!(
                    "actors.{}.affiliation: unknown actor {aff:?}",
                    actor.id
                )));
            }
        }
        self.limits.validate().map_err(invalid)?;
        self.dates.validate().map_err(invalid)?;
        if !(0.0..=1.0).contains(&self.evidence.low_confidence) {
            return Err(invalid(format!(
                "evidence.low_confidence: {} is not between 0 and 1",
                self.evidence.low_confidence
            )));
        }
        Ok(())
    }

    /// Refuses topic terms, cue words and patterns that would silently match nothing or
    /// everything: empty or blank ones, ones holding a control character (a TOML basic string
    /// makes a backspace of `"\b"`, not a word boundary), bad regular expressions, and patterns
    /// that match empty text. The error names the list and the line of the word in `text`.
    fn validate_words(&self, origin: &str, text: &str) -> Result<(), ConfigError> {
        let mut spans: Option<Option<WordSpans>> = None;
        let mut refuse = |message: String, at: WordAt<'_>| {
            let spans = spans.get_or_insert_with(|| toml::from_str(text).ok());
            ConfigError::Invalid {
                origin: origin.to_string(),
                message,
                line: spans.as_ref().and_then(|s| s.line(text, at)),
                at: None,
            }
        };
        for (t, topic) in self.topics.iter().enumerate() {
            for (i, term) in topic.terms.iter().enumerate() {
                if let Some(problem) = pattern_problem(term) {
                    let message = format!("topics.{}.terms: term {term:?} {problem}", topic.id);
                    return Err(refuse(message, WordAt::Term(t, None, i)));
                }
            }
            for (k, scoped) in topic.scoped.iter().enumerate() {
                for (i, term) in scoped.terms.iter().enumerate() {
                    if let Some(problem) = pattern_problem(term) {
                        let message = format!(
                            "topics.{}.scoped[{k}].terms: term {term:?} {problem}",
                            topic.id
                        );
                        return Err(refuse(message, WordAt::Term(t, Some(k), i)));
                    }
                }
            }
        }
        for (list, words) in self.cues.lists() {
            for (i, word) in words.iter().enumerate() {
                let problem = if list == "dispreference" {
                    pattern_problem(word)
                } else {
                    word_problem(word)
                };
                if let Some(problem) = problem {
                    let message = format!("cues.{list}: {word:?} {problem}");
                    return Err(refuse(message, WordAt::Cue(list, i)));
                }
            }
        }
        for (i, pattern) in self.boilerplate.lines.iter().enumerate() {
            if let Some(problem) = pattern_problem(pattern) {
                let message = format!("boilerplate.lines: pattern {pattern:?} {problem}");
                return Err(refuse(message, WordAt::Boilerplate(i)));
            }
        }
        Ok(())
    }
}

/// What is wrong with a word of a cue list, if anything: it is empty or blank (it would match
/// everywhere), or holds a control character.
fn word_problem(word: &str) -> Option<String> {
    if word.trim().is_empty() {
        return Some("is empty: it would match everywhere".into());
    }
    let c = word.chars().find(|c| c.is_control())?;
    let code = u32::from(c);
    Some(match toml_escape(c) {
        Some((name, e)) => {
            let not = if e == 'b' {
                ", not a word boundary"
            } else {
                ""
            };
            format!(
                "contains a {name} (U+{code:04X}): in a TOML basic string \"\\{e}\" is a {name}{not}; \
                 write \"\\\\{e}\" for the pattern's \\{e}, or use a literal string ('\\{e}')"
            )
        }
        None => format!("contains the control character U+{code:04X}"),
    })
}

/// What is wrong with a regular expression of a topic or a cue, if anything: what is wrong with
/// it as a word, or it is not a valid pattern, or it matches empty text (and so everywhere).
fn pattern_problem(pattern: &str) -> Option<String> {
    if let Some(problem) = word_problem(pattern) {
        return Some(problem);
    }
    // Parsed, not compiled: the extractor compiles every pattern anyway, and compiling them
    // twice cost a tenth of a second at each start.
    let hir = match regex_syntax::Parser::new().parse(pattern) {
        Ok(hir) => hir,
        Err(e) => return Some(format!("is not a valid pattern: {e}")),
    };
    if hir.properties().minimum_len() == Some(0) {
        return Some("matches empty text: it would match everywhere".into());
    }
    None
}

/// The name of a control character and the letter of the TOML escape that gives it.
fn toml_escape(c: char) -> Option<(&'static str, char)> {
    Some(match c {
        '\u{8}' => ("backspace", 'b'),
        '\t' => ("tab", 't'),
        '\n' => ("line feed", 'n'),
        '\u{c}' => ("form feed", 'f'),
        '\r' => ("carriage return", 'r'),
        _ => return None,
    })
}

/// A word of the configuration, by position: a topic's term (topic, scoped table, term), a cue
/// list's word, a boilerplate pattern.
#[derive(Debug, Clone, Copy)]
enum WordAt<'a> {
    Term(usize, Option<usize>, usize),
    Cue(&'a str, usize),
    Boilerplate(usize),
}

/// Where the configuration's words are in its text; read again only to locate a refused one.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WordSpans {
    topics: Vec<TopicSpans>,
    cues: BTreeMap<String, Vec<Spanned<String>>>,
    boilerplate: BoilerplateSpans,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct TopicSpans {
    terms: Vec<Spanned<String>>,
    scoped: Vec<ScopedSpans>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ScopedSpans {
    terms: Vec<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct BoilerplateSpans {
    lines: Vec<Spanned<String>>,
}

impl WordSpans {
    /// The 1-based line of a word in `text`.
    fn line(&self, text: &str, at: WordAt<'_>) -> Option<usize> {
        let word = match at {
            WordAt::Term(t, None, i) => self.topics.get(t)?.terms.get(i)?,
            WordAt::Term(t, Some(k), i) => self.topics.get(t)?.scoped.get(k)?.terms.get(i)?,
            WordAt::Cue(list, i) => self.cues.get(list)?.get(i)?,
            WordAt::Boilerplate(i) => self.boilerplate.lines.get(i)?,
        };
        let start = word.span().start;
        Some(text.get(..start)?.matches('\n').count() + 1)
    }
}

impl Cues {
    /// Every list, by its key.
    fn lists(&self) -> [(&'static str, &[String]); 18] {
        [
            ("speech", &self.speech),
            ("support", &self.support),
            ("negators", &self.negators),
            ("negative", &self.negative),
            ("conditional", &self.conditional),
            ("dispreference", &self.dispreference),
            ("stance_nouns", &self.stance_nouns),
            ("subordinators", &self.subordinators),
            ("hypothetical", &self.hypothetical),
            ("temporal", &self.temporal),
            ("agent_same", &self.agent_same),
            ("agent_opposite", &self.agent_opposite),
            ("anaphors", &self.anaphors),
            ("titles", &self.titles),
            ("group_nouns", &self.group_nouns),
            ("neutral", &self.neutral),
            ("imperatives", &self.imperatives),
            ("requirements", &self.requirements),
        ]
    }
}

impl Limits {
    fn validate(&self) -> Result<(), String> {
        let sizes = [
            ("grid_actors", self.grid_actors),
            ("claims_per_page", self.claims_per_page),
            ("list_per_page", self.list_per_page),
            ("sources_per_cell", self.sources_per_cell),
            ("api_per_page", self.api_per_page),
            ("api_max_per_page", self.api_max_per_page),
        ];
        for (key, value) in sizes {
            if value == 0 {
                return Err(format!("limits.{key}: must be at least 1"));
            }
        }
        if self.api_per_page > self.api_max_per_page {
            return Err(format!(
                "limits.api_per_page: {} is more than limits.api_max_per_page ({})",
                self.api_per_page, self.api_max_per_page
            ));
        }
        Ok(())
    }
}

impl Dates {
    fn validate(&self) -> Result<(), String> {
        if !self.months.is_empty() && self.months.len() != 12 {
            return Err(format!(
                "dates.months: {} lists given; one per month, January first (12)",
                self.months.len()
            ));
        }
        if !self.weekdays.is_empty() && self.weekdays.len() != 7 {
            return Err(format!(
                "dates.weekdays: {} lists given; one per day, Monday first (7)",
                self.weekdays.len()
            ));
        }
        let words = self
            .months
            .iter()
            .chain(&self.weekdays)
            .flatten()
            .chain(&self.labels)
            .chain(&self.wire_services)
            .chain(&self.month_cues)
            .chain(&self.past)
            .chain(&self.future)
            .chain(self.relative.iter().flat_map(|r| &r.words));
        for word in words {
            if word.trim().is_empty() {
                return Err("dates: empty word in a list".into());
            }
        }
        for (i, rel) in self.relative.iter().enumerate() {
            if !(-100..=0).contains(&rel.offset) {
                return Err(format!(
                    "dates.relative[{i}].offset: {} must be between -100 and 0 (statements are in the past)",
                    rel.offset
                ));
            }
        }
        Ok(())
    }
}

/// True for identifiers made of lowercase ASCII letters, digits and dashes.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Where in a TOML configuration an error points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigLocation {
    /// 1-based line number.
    pub line: usize,
    /// Dotted key path, with the index of an array-of-tables entry: `actors[3].affiliation`.
    pub key: String,
}

/// The location as an error message ends with it.
fn located(at: &Option<ConfigLocation>) -> String {
    at.as_ref()
        .map(|at| format!("\n  --> line {}, key `{}`", at.line, at.key))
        .unwrap_or_default()
}

/// Finds the line and key a configuration error is about, from the text it was parsed from.
///
/// Parse errors carry toml's span, and validation errors about a word of a list carry its line about a word of a list (a topic
/// term, a cue word); other validation errors name a key path and a quoted value, which is looked
/// up in the text (the second occurrence for a duplicate).
fn locate(text: &str, err: &ConfigError) -> Option<ConfigLocation> {
    let line = match err {
        ConfigError::Read { .. } => return None,
        ConfigError::Parse { span, .. } => {
            text.get(..span.as_ref()?.start)?.matches('\n').count() + 1
        }
        ConfigError::Invalid {
            line: Some(line), ..
        } => *line,
        ConfigError::Invalid { message, .. } => {
            let start = message.find('"')?;
            let quoted = debug_quoted_prefix(&message[start..])?;
            let hits: Vec<usize> = text
                .lines()
                .enumerate()
                .filter(|(_, l)| strip_comment(l).contains(quoted))
                .map(|(i, _)| i + 1)
                .collect();
            if message.contains("duplicate") {
                *hits.get(1)?
            } else {
                *hits.first()?
            }
        }
    };
    Some(ConfigLocation {
        line,
        key: key_at_line(text, line),
    })
}

/// The leading `"..."` of `s`, honouring backslash escapes.
fn debug_quoted_prefix(s: &str) -> Option<&str> {
    let mut escaped = false;
    for (i, c) in s.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(&s[..=i]),
            _ => {}
        }
    }
    None
}

/// A TOML line without a trailing `#` comment (outside quotes).
fn strip_comment(line: &str) -> &str {
    let mut in_str = false;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_str => escaped = true,
            '"' => in_str = !in_str,
            '#' if !in_str => return &line[..i],
            _ => {}
        }
    }
    line
}

/// The dotted key path in effect at a 1-based line: the table header above it, then the key
/// assigned on that line (or the multi-line array it is inside).
fn key_at_line(text: &str, line: usize) -> String {
    let mut table = String::new();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut key = String::new();
    for raw in text.lines().take(line) {
        let l = strip_comment(raw).trim();
        if let Some(name) = l.strip_prefix("[[").and_then(|r| r.strip_suffix("]]")) {
            let name = name.trim().to_string();
            // A new entry starts its own nested arrays ([[topics]] resets [[topics.scoped]]).
            counts.retain(|k, _| !k.starts_with(&format!("{name}.")));
            let n = *counts
                .entry(name.clone())
                .and_modify(|n| *n += 1)
                .or_insert(0);
            table = match name.rsplit_once('.') {
                Some((parent, child)) if counts.contains_key(parent) => {
                    format!("{parent}[{}].{child}[{n}]", counts[parent])
                }
                _ => format!("{name}[{n}]"),
            };
            key.clear();
        } else if let Some(name) = l.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            table = name.trim().to_string();
            key.clear();
        } else if let Some((k, _)) = l.split_once('=')
            && !k.contains('"')
        {
            key = k.trim().to_string();
        }
    }
    match (table.is_empty(), key.is_empty()) {
        (true, _) => key,
        (false, true) => table,
        (false, false) => format!("{table}.{key}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in configuration with its first `from` replaced by `to`, parsed.
    fn parse_edited(from: &str, to: &str) -> Result<Config, ConfigError> {
        assert!(DEFAULT_CONFIG.contains(from), "no {from:?} in the default");
        Config::parse(&DEFAULT_CONFIG.replacen(from, to, 1), "edited.toml")
    }

    /// The 1-based line of the first `needle` in the built-in configuration.
    fn line_of(needle: &str) -> usize {
        DEFAULT_CONFIG
            .lines()
            .position(|l| l.contains(needle))
            .expect("needle in the default")
            + 1
    }

    /// The message and line of a validation error.
    fn refusal(result: Result<Config, ConfigError>) -> (String, Option<usize>) {
        match result {
            Err(ConfigError::Invalid { message, line, .. }) => (message, line),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    const CEASEFIRE: &str = r#""\\bcease-?\\s?fires?\\b","#;

    #[test]
    fn an_escaped_word_boundary_is_a_term() {
        let edited = parse_edited(CEASEFIRE, &format!(r#"{CEASEFIRE} "\\bfoo","#));
        assert!(edited.is_ok(), "{edited:?}");
        let literal = parse_edited(CEASEFIRE, &format!(r#"{CEASEFIRE} '\bfoo',"#));
        assert!(literal.is_ok(), "{literal:?}");
    }

    #[test]
    fn a_backspace_in_a_term_is_refused_with_its_topic_and_line() {
        // `"\b"` in a TOML basic string is a backspace.
        let (message, line) = refusal(parse_edited(
            CEASEFIRE,
            &format!("{CEASEFIRE}\n  \"\\bfoo\","),
        ));
        assert!(message.starts_with("topics.ceasefire.terms:"), "{message}");
        assert!(message.contains("backspace"), "{message}");
        assert!(message.contains("not a word boundary"), "{message}");
        assert_eq!(line, Some(line_of(CEASEFIRE) + 1));
    }

    #[test]
    fn an_empty_or_blank_term_is_refused_with_its_topic_and_line() {
        for term in [r#""""#, r#""   ""#, "''"] {
            let (message, line) = refusal(parse_edited(CEASEFIRE, &format!("{CEASEFIRE} {term},")));
            assert!(message.starts_with("topics.ceasefire.terms:"), "{message}");
            assert!(message.contains("is empty"), "{message}");
            assert_eq!(line, Some(line_of(CEASEFIRE)), "{term}");
        }
    }

    #[test]
    fn a_scoped_term_is_checked_like_a_term() {
        let from = "holders = [\"united-states\"]\nterms = [\n";
        let (message, line) = refusal(parse_edited(from, &format!("{from}  \"\",\n")));
        assert!(
            message.starts_with("topics.us-troops.scoped[0].terms:"),
            "{message}"
        );
        assert_eq!(line, Some(line_of("holders = [\"united-states\"]") + 2));
    }

    #[test]
    fn a_term_that_matches_empty_text_is_refused() {
        for term in [r#""(?:truce)?""#, r#""\\b""#, r#""truce|""#] {
            let (message, line) = refusal(parse_edited(CEASEFIRE, &format!("{CEASEFIRE} {term},")));
            assert!(message.contains("matches empty text"), "{term}: {message}");
            assert_eq!(line, Some(line_of(CEASEFIRE)), "{term}");
        }
    }

    #[test]
    fn a_bad_pattern_is_refused_with_its_line() {
        let (message, line) = refusal(parse_edited(CEASEFIRE, &format!("{CEASEFIRE} \"(\",")));
        assert!(message.contains("not a valid pattern"), "{message}");
        assert_eq!(line, Some(line_of(CEASEFIRE)));
    }

    #[test]
    fn an_empty_cue_word_is_refused_with_its_list_and_line() {
        let from = "speech = [\n";
        let (message, line) = refusal(parse_edited(from, &format!("{from}  \"\",\n")));
        assert!(message.starts_with("cues.speech:"), "{message}");
        assert_eq!(line, Some(line_of(from.trim_end()) + 1));
        let (message, _) = refusal(parse_edited(from, &format!("{from}  \"said\\t\",\n")));
        assert!(message.contains("tab (U+0009)"), "{message}");
    }

    #[test]
    fn every_cue_list_is_checked() {
        let table: toml::Table = toml::from_str(DEFAULT_CONFIG).expect("the default parses");
        let mut keys: Vec<&str> = table["cues"]
            .as_table()
            .expect("a [cues] table")
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        let config = Config::default_config();
        let mut lists: Vec<&str> = config.cues.lists().iter().map(|(k, _)| *k).collect();
        lists.sort_unstable();
        assert_eq!(lists, keys);
    }

    const SAMPLE: &str = "\
[limits]
max_files = 10

[[topics]]
id = \"a\"
terms = [
  \"x(\",
]

[[topics.scoped]]
terms = [\"y\"]

[[actors]]
id = \"one\"

[[actors]]
id = \"one\"  # again
affiliation = \"nobody\"
";

    #[test]
    fn key_at_line_follows_tables_and_arrays() {
        assert_eq!(key_at_line(SAMPLE, 2), "limits.max_files");
        assert_eq!(key_at_line(SAMPLE, 7), "topics[0].terms");
        assert_eq!(key_at_line(SAMPLE, 11), "topics[0].scoped[0].terms");
        assert_eq!(key_at_line(SAMPLE, 17), "actors[1].id");
    }

    #[test]
    fn invalid_errors_are_located_by_their_quoted_value() {
        let err = |message: &str| ConfigError::Invalid {
            origin: "x".into(),
            message: message.into(),
            line: None,
            at: None,
        };
        let at = locate(SAMPLE, &err("actors: duplicate id \"one\"")).unwrap();
        assert_eq!((at.line, at.key.as_str()), (17, "actors[1].id"));
        let at = locate(
            SAMPLE,
            &err("actors.one.affiliation: unknown actor \"nobody\""),
        )
        .unwrap();
        assert_eq!((at.line, at.key.as_str()), (18, "actors[1].affiliation"));
        let at = locate(SAMPLE, &err("topics.a.terms: bad pattern \"x(\": oops")).unwrap();
        assert_eq!((at.line, at.key.as_str()), (7, "topics[0].terms"));
    }

    #[test]
    fn parse_errors_are_located_by_toml_span() {
        let text = SAMPLE.replace("max_files = 10", "max_files = ten");
        let err = Config::parse(&text, "x").unwrap_err();
        assert!(matches!(err, ConfigError::Parse { .. }), "{err:?}");
        assert!(
            err.to_string()
                .ends_with("\n  --> line 2, key `limits.max_files`"),
            "{err}"
        );
    }

    #[test]
    fn comments_are_not_values() {
        assert_eq!(strip_comment("id = \"a#b\" # note"), "id = \"a#b\" ");
    }
}
