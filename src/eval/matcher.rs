//! The matcher: predicted claims against gold claims, by the rules of `shared/eval/score.py`.

use std::collections::{HashMap, HashSet};

use super::gold::{Gold, Resolved, Texts, resolve};
use super::report::{Cause, Extra, Miss, Report, Scores, SpanCheck};
use super::{EvalError, norm};
use crate::extract::{ActorRef, Stance};
use crate::index::Index;
use crate::text::Span;

/// A predicted claim, as the export gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// The file name of the claim's article.
    pub file: String,
    pub actor: ActorRef,
    pub topic: String,
    pub stance: Stance,
    /// The passage the claim rests on.
    pub evidence: String,
    /// Its byte span in the article's file, if known.
    pub span: Option<Span>,
}

/// The claims of an index as predictions, in index order.
pub fn predictions(index: &Index) -> Vec<Prediction> {
    index
        .claims
        .iter()
        .map(|claim| {
            let file = index.article_of(claim).map_or(&claim.article, |a| &a.file);
            Prediction {
                file: file.rsplit('/').next().unwrap_or(file).to_string(),
                actor: claim.actor.clone(),
                topic: claim.topic.clone(),
                stance: claim.stance,
                evidence: claim.evidence.clone(),
                span: Some(claim.span),
            }
        })
        .collect()
}

/// Scores predictions against a gold set: claims, and who said what.
///
/// With `texts` (the corpus the predictions were extracted from), a prediction whose span covers
/// at least half of a gold phrase matches as well, predictions whose evidence differs from the
/// text at their span are counted, and gold claims given as spans can be read; without, a gold
/// set that needs its texts is an error.
pub fn score(
    gold: &Gold,
    predictions: &[Prediction],
    texts: Option<&Texts>,
) -> Result<Report, EvalError> {
    let matcher = Matcher::new(gold, resolve(gold, texts)?, predictions, texts);
    let claims = matcher.pass(Mode::Claims);
    let attribution = matcher.pass(Mode::Attribution);
    Ok(Report {
        missed_by_cause: matcher.causes(&claims),
        flipped: matcher.flipped(),
        spans: texts.map(|_| matcher.span_check()),
        misses: claims.missed.iter().map(|&g| matcher.miss(g)).collect(),
        extras: matcher.extras(&claims),
        claims: claims.scores,
        attribution: attribution.scores,
    })
}

/// What must agree for a prediction to match a gold claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// File, actor, topic, stance and evidence.
    Claims,
    /// Who said it: file, actor and evidence, whatever the topic and stance.
    Attribution,
}

/// A prediction ready to match: the gold actor ids its actor matches, its evidence normalised.
struct Pred<'a> {
    claim: &'a Prediction,
    actors: HashSet<&'a str>,
    evidence: String,
}

/// The outcome of matching every gold claim in one mode.
struct Pass {
    scores: Scores,
    /// For each prediction: whether it matched some gold claim.
    used: Vec<bool>,
    /// The gold claims (indices into `Matcher::gold`) that nothing matched.
    missed: Vec<usize>,
}

struct Matcher<'a> {
    gold: Vec<Resolved<'a>>,
    /// The predictions on files of the gold set, in their order.
    preds: Vec<Pred<'a>>,
    /// File → indices into `preds`.
    by_file: HashMap<&'a str, Vec<usize>>,
    texts: Option<&'a Texts>,
}

impl<'a> Matcher<'a> {
    fn new(
        gold: &'a Gold,
        resolved: Vec<Resolved<'a>>,
        predictions: &'a [Prediction],
        texts: Option<&'a Texts>,
    ) -> Matcher<'a> {
        let files: HashSet<&str> = gold.files().collect();
        let preds: Vec<Pred<'a>> = predictions
            .iter()
            .filter(|p| files.contains(p.file.as_str()))
            .map(|claim| Pred {
                claim,
                actors: actor_ids(&claim.actor, gold),
                evidence: norm(&claim.evidence),
            })
            .collect();
        let mut by_file: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, p) in preds.iter().enumerate() {
            by_file.entry(&p.claim.file).or_default().push(i);
        }
        Matcher {
            gold: resolved,
            preds,
            by_file,
            texts,
        }
    }

    /// Indices of the predictions on a file.
    fn in_file(&self, file: &str) -> impl Iterator<Item = usize> + '_ {
        self.by_file.get(file).into_iter().flatten().copied()
    }

    fn same_actor(p: &Pred<'_>, g: &Resolved<'_>) -> bool {
        g.claim.actors.iter().any(|a| p.actors.contains(a.as_str()))
    }

    /// The gold phrase lies inside the predicted evidence, or the prediction's span covers at
    /// least half of an occurrence of it in the article.
    fn evidence_ok(&self, p: &Pred<'_>, g: &Resolved<'_>) -> bool {
        p.evidence.contains(&g.norm) || self.covers(p, g)
    }

    fn covers(&self, p: &Pred<'_>, g: &Resolved<'_>) -> bool {
        let (Some(span), Some(raw)) = (p.claim.span, self.texts.and_then(|t| t.get(g.file))) else {
            return false;
        };
        let phrase = g.evidence.as_bytes();
        let need = phrase.len() as i64;
        let mut from = 0;
        while let Some(found) = raw
            .get(from..)
            .and_then(|r| memchr::memmem::find(r, phrase))
        {
            let start = from + found;
            let end = start + phrase.len();
            let overlap = end.min(span.end) as i64 - start.max(span.start) as i64;
            if 2 * overlap >= need {
                return true;
            }
            from = start + 1;
        }
        false
    }

    fn matches(&self, p: &Pred<'_>, g: &Resolved<'_>, mode: Mode) -> bool {
        let claim_ok = mode == Mode::Attribution
            || (p.claim.topic == g.claim.topic && g.claim.stances.contains(&p.claim.stance));
        claim_ok && Self::same_actor(p, g) && self.evidence_ok(p, g)
    }

    /// Matches every gold claim; recall counts required ones, precision every prediction whose
    /// stance is not unclear (every prediction for attribution).
    fn pass(&self, mode: Mode) -> Pass {
        let mut used = vec![false; self.preds.len()];
        let (mut required, mut found_required, mut missed) = (0, 0, Vec::new());
        for (gi, g) in self.gold.iter().enumerate() {
            let mut found = false;
            for i in self.in_file(g.file) {
                if self.matches(&self.preds[i], g, mode) {
                    used[i] = true;
                    found = true;
                }
            }
            required += usize::from(g.claim.required);
            found_required += usize::from(g.claim.required && found);
            if !found {
                missed.push(gi);
            }
        }
        let scored: Vec<usize> = (0..self.preds.len())
            .filter(|&i| self.scored(i, mode))
            .collect();
        let scores = Scores {
            matched: scored.iter().filter(|&&i| used[i]).count(),
            predicted: scored.len(),
            found: found_required,
            required,
        };
        Pass {
            scores,
            used,
            missed,
        }
    }

    fn scored(&self, i: usize, mode: Mode) -> bool {
        mode == Mode::Attribution || self.preds[i].claim.stance != Stance::Unclear
    }

    /// Why a gold claim was missed: the first of the causes that applies.
    fn cause(&self, g: &Resolved<'_>) -> Cause {
        let near: Vec<&Pred<'_>> = self
            .in_file(g.file)
            .map(|i| &self.preds[i])
            .filter(|p| self.evidence_ok(p, g))
            .collect();
        let by_actor: Vec<&&Pred<'_>> = near.iter().filter(|p| Self::same_actor(p, g)).collect();
        if near.is_empty() {
            Cause::NoClaim
        } else if by_actor.is_empty() {
            Cause::OtherActor
        } else if !by_actor.iter().any(|p| p.claim.topic == g.claim.topic) {
            Cause::OtherTopic
        } else {
            Cause::OtherStance
        }
    }

    /// The missed required claims counted by cause, most frequent first (ties in the order
    /// first seen).
    fn causes(&self, pass: &Pass) -> Vec<(Cause, usize)> {
        let mut counts: Vec<(Cause, usize)> = Vec::new();
        for &gi in &pass.missed {
            let g = &self.gold[gi];
            if !g.claim.required {
                continue;
            }
            let cause = self.cause(g);
            match counts.iter_mut().find(|(c, _)| *c == cause) {
                Some((_, n)) => *n += 1,
                None => counts.push((cause, 1)),
            }
        }
        counts.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
        counts
    }

    /// Predictions that give a gold position the opposite polarity (support or conditional for
    /// oppose, or the reverse) on the same passage, actor and topic.
    fn flipped(&self) -> usize {
        let favour = |s: Stance| matches!(s, Stance::Support | Stance::Conditional);
        let against = |s: Stance| s == Stance::Oppose;
        let mut flips = vec![false; self.preds.len()];
        for g in &self.gold {
            let stances = &g.claim.stances;
            for i in self.in_file(g.file) {
                let p = &self.preds[i];
                if p.claim.topic != g.claim.topic
                    || !Self::same_actor(p, g)
                    || !self.evidence_ok(p, g)
                {
                    continue;
                }
                let s = p.claim.stance;
                if (favour(s) && stances.iter().all(|&g| against(g)))
                    || (against(s) && stances.iter().all(|&g| favour(g)))
                {
                    flips[i] = true;
                }
            }
        }
        flips.iter().filter(|&&f| f).count()
    }

    /// How many predictions have evidence that differs from the text at their span.
    fn span_check(&self) -> SpanCheck {
        let differing = self
            .preds
            .iter()
            .filter(|p| {
                let raw = self.texts.and_then(|t| t.get(&p.claim.file));
                let (Some(span), Some(raw)) = (p.claim.span, raw) else {
                    return false;
                };
                let start = span.start.min(raw.len());
                let at = &raw[start..span.end.clamp(start, raw.len())];
                norm(&String::from_utf8_lossy(at)) != p.evidence
            })
            .count();
        SpanCheck {
            differing,
            claims: self.preds.len(),
        }
    }

    fn miss(&self, gi: usize) -> Miss {
        let g = &self.gold[gi];
        let near = self
            .in_file(g.file)
            .map(|i| &self.preds[i])
            .filter(|p| p.evidence.contains(&g.norm))
            .map(|p| {
                let c = p.claim;
                format!("{}/{}/{}", c.actor.id, c.topic, c.stance.as_str())
            })
            .collect();
        Miss {
            file: g.file.to_string(),
            actors: g.claim.actors.clone(),
            topic: g.claim.topic.clone(),
            stances: g.claim.stances.clone(),
            evidence: g.evidence.to_string(),
            required: g.claim.required,
            near,
        }
    }

    fn extras(&self, pass: &Pass) -> Vec<Extra> {
        (0..self.preds.len())
            .filter(|&i| self.scored(i, Mode::Claims) && !pass.used[i])
            .map(|i| {
                let p = self.preds[i].claim;
                Extra {
                    file: p.file.clone(),
                    actor: p.actor.id.clone(),
                    topic: p.topic.clone(),
                    stance: p.stance,
                    evidence: p.evidence.clone(),
                }
            })
            .collect()
    }
}

/// The gold actor ids whose pattern is found in the actor's id and name, lower-cased with
/// dashes and underscores as spaces.
fn actor_ids<'g>(actor: &ActorRef, gold: &'g Gold) -> HashSet<&'g str> {
    let text = format!("{} {} ", actor.id, actor.name).replace(['-', '_'], " ");
    let text = norm(&text);
    gold.actors
        .iter()
        .filter(|(_, re)| re.is_match(&text))
        .map(|(id, _)| id.as_str())
        .collect()
}
