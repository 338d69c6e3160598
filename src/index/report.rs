//! The human-readable report of `standpoint check`: the configuration and corpus used, each
//! article with its claims, the files skipped and why, the actors quoted, and the claims per topic
//! by stance.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use super::Index;
use crate::config::Config;
use crate::extract::Stance;

impl Index {
    /// Writes the report; `origin` names the configuration, `corpus` the folder indexed.
    pub fn write_report(
        &self,
        out: &mut impl Write,
        config: &Config,
        origin: &str,
        corpus: &Path,
    ) -> io::Result<()> {
        writeln!(
            out,
            "config {origin}: ok, {} topics, {} actors",
            config.topics.len(),
            config.actors.len()
        )?;
        writeln!(out, "corpus {}", corpus.display())?;
        self.report_articles(out)?;
        self.report_actors(out, config)?;
        self.report_topics(out)
    }

    fn report_articles(&self, out: &mut impl Write) -> io::Result<()> {
        writeln!(out, "\narticles: {}", self.articles.len())?;
        for article in &self.articles {
            let claims = self.claims_in(&article.id).count();
            let mut about = Vec::new();
            about.extend(article.meta.outlet.as_deref());
            about.extend(article.meta.date.as_deref());
            let about = if about.is_empty() {
                String::new()
            } else {
                format!(" ({})", about.join(", "))
            };
            writeln!(
                out,
                "  {}  {:?}{about}, {} sentences, {}",
                article.file,
                article.title(),
                article.sentences.len(),
                count(claims, "claim")
            )?;
        }
        writeln!(out, "\nskipped: {}", self.skipped.len())?;
        for skipped in &self.skipped {
            writeln!(out, "  {}  {}", skipped.file, skipped.reason)?;
        }
        Ok(())
    }

    fn report_actors(&self, out: &mut impl Write, config: &Config) -> io::Result<()> {
        let quoted: Vec<_> = self
            .actors
            .iter()
            .map(|a| (a, self.claim_count(&a.id)))
            .filter(|(_, n)| *n > 0)
            .collect();
        let discovered = self.actors.iter().filter(|a| a.discovered).count();
        writeln!(
            out,
            "\nactors: {} with claims ({} known from the config, {discovered} discovered in articles)",
            quoted.len(),
            config.actors.len()
        )?;
        for (actor, n) in &quoted {
            let origin = if actor.discovered { ", discovered" } else { "" };
            writeln!(
                out,
                "  {}  {}{origin}, {}",
                actor.id,
                actor.name,
                count(*n, "claim")
            )?;
        }
        Ok(())
    }

    fn report_topics(&self, out: &mut impl Write) -> io::Result<()> {
        writeln!(out, "\nclaims per topic: {} in all", self.claims.len())?;
        for topic in &self.topics {
            let mut by_stance: BTreeMap<Stance, usize> = BTreeMap::new();
            for claim in self.claims.iter().filter(|c| c.topic == topic.id) {
                *by_stance.entry(claim.stance).or_default() += 1;
            }
            let total: usize = by_stance.values().sum();
            let detail: Vec<String> = by_stance
                .iter()
                .map(|(stance, n)| format!("{n} {}", stance.as_str()))
                .collect();
            let detail = if detail.is_empty() {
                String::new()
            } else {
                format!(" ({})", detail.join(", "))
            };
            writeln!(out, "  {}  {}: {total}{detail}", topic.id, topic.name)?;
        }
        Ok(())
    }
}

/// "1 claim", "2 claims".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
