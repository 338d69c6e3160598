//! Actors: the configured gazetteer, actors discovered from role introductions, and the
//! resolution of later mentions (surnames, "Mr. Trump", "the Ukrainian leader", he/she/they).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Serialize;

use crate::config::{ActorKind, Config, Gender};

/// A person, government, institution or group that can hold a position.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    /// The id of the actor this one speaks for, if any.
    pub affiliation: Option<String>,
    pub aliases: Vec<String>,
    #[serde(skip)]
    pub gender: Gender,
    #[serde(skip)]
    pub roles: Vec<String>,
    #[serde(skip)]
    pub adjectives: Vec<String>,
    /// True when the article introduced the actor and the config does not name it.
    pub discovered: bool,
}

/// The configured actors and a matcher over all their aliases.
#[derive(Debug)]
pub struct Gazetteer {
    actors: Vec<Actor>,
    matcher: AhoCorasick,
    /// For each pattern of `matcher`: the actor index and whether it is an adjective+group noun.
    patterns: Vec<usize>,
}

impl Gazetteer {
    pub fn new(config: &Config) -> Self {
        let actors: Vec<Actor> = config
            .actors
            .iter()
            .map(|a| Actor {
                id: a.id.clone(),
                name: a.name.clone(),
                kind: a.kind,
                affiliation: a.affiliation.clone(),
                aliases: a.aliases.clone(),
                gender: a.gender,
                roles: a.roles.iter().map(|r| r.to_lowercase()).collect(),
                adjectives: a.adjectives.clone(),
                discovered: false,
            })
            .collect();
        let mut words = Vec::new();
        let mut patterns = Vec::new();
        for (i, actor) in actors.iter().enumerate() {
            for alias in std::iter::once(&actor.name).chain(&actor.aliases) {
                words.push(alias.clone());
                patterns.push(i);
            }
        }
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&words)
            .expect("aliases build an automaton");
        Gazetteer {
            actors,
            matcher,
            patterns,
        }
    }

    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    pub(crate) fn matcher(&self) -> (&AhoCorasick, &[usize]) {
        (&self.matcher, &self.patterns)
    }
}
