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
    /// Not TOML, or not the shape of a configuration (an unknown key, a wrong type).
    #[error("invalid config {origin}{}: {message}{}", position(.at), located(.at))]
    Parse {
        origin: String,
        message: String,
        /// Where toml's error points.
        at: Option<ConfigLocation>,
    },
    /// A value that validation refuses (a bad pattern, an unknown actor, a limit out of range).
    #[error("invalid config {origin}{}: {message}{}", position(.at), located(.at))]
    Invalid {
        origin: String,
        message: String,
        /// Where the value at fault is written, when it is written (not a default).
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
    /// Claims per page of one actor's comparison on one topic (where a cell of a wider comparison
    /// links for all its claims), and per page on actor, topic and article pages.
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
    /// Verbs that deny only a topic after them, their object: "to remove the cap" opposes it,
    /// "the tax removed sugar from drinks" says what it does.
    #[serde(default)]
    pub object_negators: Vec<String>,
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
    /// Stance nouns for something put forward ("the plan", "the proposal"): as an anaphor they
    /// stand for the thing proposed, never for someone's refusal of it.
    #[serde(default)]
    pub proposal_nouns: Vec<String>,
    /// Nouns for a policy of any kind ("rules", "bill", "levy"): after "the", "this", "its"
    /// and at most two modifiers ("the SNP policy", "its proposed ban", "the new rules") they
    /// point back to the topic named before, as an anaphor does.
    #[serde(default)]
    pub policy_nouns: Vec<String>,
    /// Verbs that remedy a harm ("ending the harm", "to reduce deaths"): a word that judges
    /// something harmful right after one names what the holder wants gone, not the topic.
    #[serde(default)]
    pub remedies: Vec<String>,
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

    /// Parses and validates configuration text; `origin` names it in error messages, which give
    /// the line, column and key at fault when they can be found: toml's own span for a parse
    /// error, the refused value's [`Spanned`] position for a validation error.
    pub fn parse(text: &str, origin: &str) -> Result<Config, ConfigError> {
        let config = toml::from_str::<Config>(text).map_err(|e| ConfigError::Parse {
            origin: origin.to_string(),
            message: e.to_string(),
            at: e.span().and_then(|span| {
                let (line, column) = line_column(text, span.start)?;
                Some(ConfigLocation {
                    line,
                    column,
                    key: key_at_line(text, line),
                })
            }),
        })?;
        config
            .validate()
            .and_then(|()| config.validate_words())
            .map_err(|(message, at)| {
                // The same text, read again with the position of each value validation checks.
                let spans: Option<Spans> = toml::from_str(text).ok();
                ConfigError::Invalid {
                    origin: origin.to_string(),
                    message,
                    at: at.and_then(|at| spans?.locate(text, at)),
                }
            })?;
        Ok(config)
    }

    fn validate(&self) -> Result<(), Refusal> {
        let mut seen = std::collections::HashSet::new();
        for (i, topic) in self.topics.iter().enumerate() {
            let at = Some(At::TopicId(i));
            if !is_slug(&topic.id) {
                let message = format!(
                    "topics: id {:?} must be lowercase letters, digits and dashes",
                    topic.id
                );
                return Err((message, at));
            }
            if !seen.insert(topic.id.clone()) {
                return Err((format!("topics: duplicate id {:?}", topic.id), at));
            }
        }
        if self.topics.is_empty() {
            return Err(("topics: at least one topic is required".into(), None));
        }
        let mut ids = std::collections::HashSet::new();
        for (i, actor) in self.actors.iter().enumerate() {
            let at = Some(At::ActorId(i));
            if !is_slug(&actor.id) {
                let message = format!(
                    "actors: id {:?} must be lowercase letters, digits and dashes",
                    actor.id
                );
                return Err((message, at));
            }
            if !ids.insert(actor.id.clone()) {
                return Err((format!("actors: duplicate id {:?}", actor.id), at));
            }
            // An empty alias names nobody, and one of spaces matches between any two words.
            if actor.aliases.iter().any(|a| a.trim().is_empty()) {
                let message = format!(
                    "actors.{}.aliases: an alias is empty; remove it or write a name",
                    actor.id
                );
                return Err((message, at));
            }
        }
        for (i, actor) in self.actors.iter().enumerate() {
            if let Some(aff) = &actor.affiliation
                && !ids.contains(aff)
            {
                let message = format!("actors.{}.affiliation: unknown actor {aff:?}", actor.id);
                return Err((message, Some(At::Affiliation(i))));
            }
        }
        self.limits.validate()?;
        self.dates.validate()?;
        if !(0.0..=1.0).contains(&self.evidence.low_confidence) {
            let message = format!(
                "evidence.low_confidence: {} is not between 0 and 1",
                self.evidence.low_confidence
            );
            return Err((message, Some(At::Key("evidence", "low_confidence"))));
        }
        Ok(())
    }

    /// Refuses topic terms, cue words and patterns that would silently match nothing or
    /// everything: empty or blank ones, ones holding a control character (a TOML basic string
    /// makes a backspace of `"\b"`, not a word boundary), bad regular expressions, and patterns
    /// that match empty text. The error names the list, and where the word is.
    fn validate_words(&self) -> Result<(), Refusal> {
        let refuse = |message: String, at: At| (message, Some(at));
        for (t, topic) in self.topics.iter().enumerate() {
            for (i, term) in topic.terms.iter().enumerate() {
                if let Some(problem) = pattern_problem(term) {
                    let message = format!("topics.{}.terms: term {term:?} {problem}", topic.id);
                    return Err(refuse(message, At::Term(t, None, i)));
                }
            }
            for (k, scoped) in topic.scoped.iter().enumerate() {
                for (i, term) in scoped.terms.iter().enumerate() {
                    if let Some(problem) = pattern_problem(term) {
                        let message = format!(
                            "topics.{}.scoped[{k}].terms: term {term:?} {problem}",
                            topic.id
                        );
                        return Err(refuse(message, At::Term(t, Some(k), i)));
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
                    return Err(refuse(message, At::Cue(list, i)));
                }
            }
        }
        for (i, pattern) in self.boilerplate.lines.iter().enumerate() {
            if let Some(problem) = pattern_problem(pattern) {
                let message = format!("boilerplate.lines: pattern {pattern:?} {problem}");
                return Err(refuse(message, At::Boilerplate(i)));
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

/// A refused value: the message, and where the value is (when validation knows it).
type Refusal = (String, Option<At>);

/// A value of the configuration, by position: what validation names when it refuses one.
#[derive(Debug, Clone, Copy)]
enum At {
    /// `topics[i].id`.
    TopicId(usize),
    /// A topic's term: topic, scoped table, term.
    Term(usize, Option<usize>, usize),
    /// `actors[i].id`.
    ActorId(usize),
    /// `actors[i].affiliation`.
    Affiliation(usize),
    /// A cue list's word.
    Cue(&'static str, usize),
    /// A boilerplate pattern.
    Boilerplate(usize),
    /// A key of a table: `limits.grid_actors`, `dates.months`.
    Key(&'static str, &'static str),
    /// A word of one of the `[dates]` lists: list (`months`, `labels`...), then the index of
    /// the word, flattened across nested lists.
    DateWord(&'static str, usize),
    /// `dates.relative[i]`: the `offset`, or (with `Some`) its `words[j]`.
    Relative(usize, Option<usize>),
}

/// Where the configuration's values are in its text: read again only to locate a refused one.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Spans {
    topics: Vec<TopicSpans>,
    actors: Vec<ActorSpans>,
    cues: BTreeMap<String, Vec<Spanned<String>>>,
    boilerplate: BoilerplateSpans,
    limits: BTreeMap<String, Spanned<toml::Value>>,
    evidence: BTreeMap<String, Spanned<toml::Value>>,
    dates: DatesSpans,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DatesSpans {
    months: Option<Spanned<Vec<Vec<Spanned<String>>>>>,
    weekdays: Option<Spanned<Vec<Vec<Spanned<String>>>>>,
    labels: Vec<Spanned<String>>,
    wire_services: Vec<Spanned<String>>,
    month_cues: Vec<Spanned<String>>,
    past: Vec<Spanned<String>>,
    future: Vec<Spanned<String>>,
    relative: Vec<RelativeSpans>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RelativeSpans {
    offset: Option<Spanned<i64>>,
    words: Vec<Spanned<String>>,
}

impl DatesSpans {
    /// The span of the list `list` (`months`, `weekdays`), or of its word `i` (counted across
    /// its nested lists for those two).
    fn word(&self, list: &str, i: usize) -> Option<std::ops::Range<usize>> {
        let flat = |names: &Option<Spanned<Vec<Vec<Spanned<String>>>>>| {
            names
                .as_ref()?
                .get_ref()
                .iter()
                .flatten()
                .nth(i)
                .map(Spanned::span)
        };
        match list {
            "months" => flat(&self.months),
            "weekdays" => flat(&self.weekdays),
            "labels" => self.labels.get(i).map(Spanned::span),
            "wire_services" => self.wire_services.get(i).map(Spanned::span),
            "month_cues" => self.month_cues.get(i).map(Spanned::span),
            "past" => self.past.get(i).map(Spanned::span),
            "future" => self.future.get(i).map(Spanned::span),
            _ => None,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct TopicSpans {
    id: Option<Spanned<String>>,
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
struct ActorSpans {
    id: Option<Spanned<String>>,
    affiliation: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct BoilerplateSpans {
    lines: Vec<Spanned<String>>,
}

impl Spans {
    /// Where `at` is written in `text`, the configuration these spans were read from.
    fn locate(&self, text: &str, at: At) -> Option<ConfigLocation> {
        let (start, key) = match at {
            At::TopicId(t) => (
                self.topics.get(t)?.id.as_ref()?.span(),
                format!("topics[{t}].id"),
            ),
            At::Term(t, None, i) => (
                self.topics.get(t)?.terms.get(i)?.span(),
                format!("topics[{t}].terms"),
            ),
            At::Term(t, Some(k), i) => (
                self.topics.get(t)?.scoped.get(k)?.terms.get(i)?.span(),
                format!("topics[{t}].scoped[{k}].terms"),
            ),
            At::ActorId(a) => (
                self.actors.get(a)?.id.as_ref()?.span(),
                format!("actors[{a}].id"),
            ),
            At::Affiliation(a) => (
                self.actors.get(a)?.affiliation.as_ref()?.span(),
                format!("actors[{a}].affiliation"),
            ),
            At::Cue(list, i) => (self.cues.get(list)?.get(i)?.span(), format!("cues.{list}")),
            At::Boilerplate(i) => (
                self.boilerplate.lines.get(i)?.span(),
                "boilerplate.lines".to_string(),
            ),
            At::Key("dates", key @ "months") => {
                (self.dates.months.as_ref()?.span(), format!("dates.{key}"))
            }
            At::Key("dates", key) => (self.dates.weekdays.as_ref()?.span(), format!("dates.{key}")),
            At::Key(table, key) => {
                let table_spans = match table {
                    "limits" => &self.limits,
                    _ => &self.evidence,
                };
                (table_spans.get(key)?.span(), format!("{table}.{key}"))
            }
            At::DateWord(list, i) => (self.dates.word(list, i)?, format!("dates.{list}")),
            At::Relative(r, None) => (
                self.dates.relative.get(r)?.offset.as_ref()?.span(),
                format!("dates.relative[{r}].offset"),
            ),
            At::Relative(r, Some(w)) => (
                self.dates.relative.get(r)?.words.get(w)?.span(),
                format!("dates.relative[{r}].words"),
            ),
        };
        let (line, column) = line_column(text, start.start)?;
        Some(ConfigLocation { line, column, key })
    }
}

impl Cues {
    /// Every list, by its key.
    fn lists(&self) -> [(&'static str, &[String]); 22] {
        [
            ("speech", &self.speech),
            ("support", &self.support),
            ("negators", &self.negators),
            ("object_negators", &self.object_negators),
            ("negative", &self.negative),
            ("conditional", &self.conditional),
            ("dispreference", &self.dispreference),
            ("stance_nouns", &self.stance_nouns),
            ("proposal_nouns", &self.proposal_nouns),
            ("policy_nouns", &self.policy_nouns),
            ("remedies", &self.remedies),
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
    fn validate(&self) -> Result<(), Refusal> {
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
                let message = format!("limits.{key}: must be at least 1");
                return Err((message, Some(At::Key("limits", key))));
            }
        }
        if self.api_per_page > self.api_max_per_page {
            let message = format!(
                "limits.api_per_page: {} is more than limits.api_max_per_page ({})",
                self.api_per_page, self.api_max_per_page
            );
            return Err((message, Some(At::Key("limits", "api_per_page"))));
        }
        Ok(())
    }
}

impl Dates {
    fn validate(&self) -> Result<(), Refusal> {
        if !self.months.is_empty() && self.months.len() != 12 {
            let message = format!(
                "dates.months: {} lists given; one per month, January first (12)",
                self.months.len()
            );
            return Err((message, Some(At::Key("dates", "months"))));
        }
        if !self.weekdays.is_empty() && self.weekdays.len() != 7 {
            let message = format!(
                "dates.weekdays: {} lists given; one per day, Monday first (7)",
                self.weekdays.len()
            );
            return Err((message, Some(At::Key("dates", "weekdays"))));
        }
        let lists: [(&'static str, Vec<&String>); 7] = [
            ("months", self.months.iter().flatten().collect()),
            ("weekdays", self.weekdays.iter().flatten().collect()),
            ("labels", self.labels.iter().collect()),
            ("wire_services", self.wire_services.iter().collect()),
            ("month_cues", self.month_cues.iter().collect()),
            ("past", self.past.iter().collect()),
            ("future", self.future.iter().collect()),
        ];
        let empty = || "dates: empty word in a list".to_string();
        for (list, words) in lists {
            if let Some(i) = words.iter().position(|w| w.trim().is_empty()) {
                return Err((empty(), Some(At::DateWord(list, i))));
            }
        }
        for (r, rel) in self.relative.iter().enumerate() {
            if let Some(w) = rel.words.iter().position(|w| w.trim().is_empty()) {
                return Err((empty(), Some(At::Relative(r, Some(w)))));
            }
        }
        for (i, rel) in self.relative.iter().enumerate() {
            if !(-100..=0).contains(&rel.offset) {
                let message = format!(
                    "dates.relative[{i}].offset: {} must be between -100 and 0 (statements are in the past)",
                    rel.offset
                );
                return Err((message, Some(At::Relative(i, None))));
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
    /// 1-based column, in characters.
    pub column: usize,
    /// Dotted key path, with the index of an array-of-tables entry: `actors[3].affiliation`.
    pub key: String,
}

/// The location as an error message's origin ends with it: `:line:column`.
fn position(at: &Option<ConfigLocation>) -> String {
    at.as_ref()
        .map(|at| format!(":{}:{}", at.line, at.column))
        .unwrap_or_default()
}

/// The location as an error message ends with it.
fn located(at: &Option<ConfigLocation>) -> String {
    at.as_ref()
        .map(|at| format!("\n  --> line {}, key `{}`", at.line, at.key))
        .unwrap_or_default()
}

/// The 1-based line and column (in characters) of the byte `offset` of `text`.
fn line_column(text: &str, offset: usize) -> Option<(usize, usize)> {
    let before = text.get(..offset)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    Some((line, before[line_start..].chars().count() + 1))
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
/// assigned on that line (or the multi-line array it is inside). For toml's own errors, which
/// give a position but no key.
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
            Err(ConfigError::Invalid { message, at, .. }) => (message, at.map(|at| at.line)),
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
    fn a_refused_value_is_located_where_it_is_written_not_where_its_text_first_appears() {
        // "Ghost House" is first written as an alias, then as an unknown affiliation: the error
        // points at the affiliation, its line and its column.
        let text = DEFAULT_CONFIG
            .replacen(
                "aliases = [\"White House\", ",
                "aliases = [\"Ghost House\", \"White House\", ",
                1,
            )
            .replacen(
                "gender = \"male\"\naffiliation = \"white-house\"",
                "gender = \"male\"\naffiliation = \"Ghost House\"",
                1,
            );
        let alias_line = text
            .lines()
            .position(|l| l.contains("\"Ghost House\", "))
            .unwrap()
            + 1;
        let line = text
            .lines()
            .position(|l| l == "affiliation = \"Ghost House\"")
            .expect("the edited affiliation")
            + 1;
        assert!(alias_line < line);
        let err = Config::parse(&text, "my.toml").unwrap_err();
        let ConfigError::Invalid { message, at, .. } = &err else {
            panic!("expected a validation error, got {err:?}");
        };
        assert!(
            message.contains("unknown actor \"Ghost House\""),
            "{message}"
        );
        let at = at.as_ref().expect("a location");
        assert_eq!((at.line, at.column), (line, 15));
        assert!(at.key.starts_with("actors[") && at.key.ends_with("].affiliation"));
        assert!(
            err.to_string()
                .starts_with(&format!("invalid config my.toml:{line}:15: actors.trump")),
            "{err}"
        );
    }

    #[test]
    fn a_date_word_and_an_offset_are_located() {
        let (message, line) = refusal(parse_edited("[\"June\", \"Jun\"]", "[\"June\", \" \"]"));
        assert_eq!(message, "dates: empty word in a list");
        assert_eq!(line, Some(line_of("[\"June\", \"Jun\"]")));
        let from = "unit = \"day\"\noffset = 0";
        let (message, line) = refusal(parse_edited(from, "unit = \"day\"\noffset = 1"));
        assert!(
            message.starts_with("dates.relative[0].offset: 1"),
            "{message}"
        );
        assert_eq!(line, Some(line_of("unit = \"day\"") + 1));
    }

    #[test]
    fn a_limit_out_of_range_is_located() {
        let (message, line) = refusal(parse_edited("grid_actors = 20", "grid_actors = 0"));
        assert_eq!(message, "limits.grid_actors: must be at least 1");
        assert_eq!(line, Some(line_of("grid_actors =")));
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
