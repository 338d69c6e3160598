//! Stance: support, oppose, conditional, mixed or unclear, decided from the cue words of the
//! clause that names the topic, the scope of its negations, and the clause that follows it.

use std::sync::LazyLock;

use regex::Regex;

use super::Stance;
use super::lexicon::{CueLexicon, CueScans, WordList, WordScan};
use crate::text::Span;

/// Whether a clause affirms or denies what it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Polarity {
    Positive,
    Negative,
}

impl Polarity {
    fn flip(self) -> Polarity {
        match self {
            Polarity::Positive => Polarity::Negative,
            Polarity::Negative => Polarity::Positive,
        }
    }

    /// The polarity a decided stance implies, if any.
    pub(crate) fn of(stance: Stance) -> Option<Polarity> {
        match stance {
            Stance::Support | Stance::Conditional => Some(Polarity::Positive),
            Stance::Oppose => Some(Polarity::Negative),
            Stance::Mixed | Stance::Unclear => None,
        }
    }
}

/// What the stance of one topic mention depends on.
pub(crate) struct StanceInput<'a> {
    pub(crate) text: &'a str,
    /// The holder's content span that contains the mention.
    pub(crate) content: Span,
    /// The topic mention (an empty span when the topic is inherited).
    pub(crate) hit: Span,
    /// Other topic mentions of the sentence: a clause that names its own topic is about that.
    pub(crate) others: &'a [Span],
    /// Actors named in the sentence, each with whether it is on another side than the holder.
    pub(crate) named: &'a [(Span, bool)],
    /// The sentence's cue words, matched once.
    pub(crate) scans: &'a CueScans,
    /// Conditions and questions: negations inside them do not count.
    pub(crate) hypothetical: &'a [Span],
    /// For a topic not named here: the polarity it was named with, and whether a plain support
    /// cue is enough (false when only the paragraph before named the topic).
    pub(crate) inherited: Option<(Polarity, bool)>,
}

/// The decision and its reasons.
#[derive(Debug, Clone)]
pub(crate) struct StanceOutput {
    pub(crate) stance: Stance,
    pub(crate) polarity: Polarity,
    pub(crate) cues: Vec<String>,
}

/// Clause boundaries: semicolons, dashes, a colon, a comma before a conjunction or a
/// participle ("..., backing a position"), and the end of a sentence inside a long quote.
static BOUNDARY: LazyLock<Regex> = LazyLock::new(|| {
    super::lexicon::regex(r#"(?i);|—|–|:\s|,\s*(?:but|and|though|although|while|whereas|yet|which)\b|,\s+[a-z]+ing\b|\bbut\b"#)
        .expect("valid")
});

/// The end of a sentence inside a long quote: a word of two lowercase letters or more, a full
/// stop, closing quotes, then space before a capital or an opening quote. The new clause starts
/// right after the space.
static SENTENCE_END: LazyLock<Regex> = LazyLock::new(|| {
    super::lexicon::regex(r#"\p{Ll}{2}[.!?][”’")]*\s+[“"‘]?\p{Lu}"#).expect("valid")
});

/// Negators that are prepositions or determiners: they deny only what follows them
/// ("a backstop against aggression" does not deny the backstop), and lift a condition right
/// after them ("without preconditions"). They count only where the config lists them as
/// negators.
const FORWARD_NEGATORS: &[&str] = &["against", "without", "no"];

/// Decides the stance toward one topic mention.
pub(crate) fn decide(cues: &CueLexicon, input: &StanceInput<'_>) -> StanceOutput {
    let (clause, next) = if input.inherited.is_some() && input.hit.is_empty() {
        (input.content, None)
    } else {
        clause_around(input.text, input.content, input.hit)
    };
    let found = Cues::find(cues, input, clause, next);
    construction(cues, input, clause, &found).unwrap_or_else(|| weigh(cues, input, clause, &found))
}

/// The constructions that decide on their own, before the cue words are weighed.
fn construction(
    cues: &CueLexicon,
    input: &StanceInput<'_>,
    clause: Span,
    found: &Cues,
) -> Option<StanceOutput> {
    if denied_by_another(input, clause, &found.negators) {
        // "X said Putin is ready to reject the truce": the refusal is Putin's, and what X thinks
        // of the truce is not said.
        return Some(StanceOutput {
            stance: Stance::Unclear,
            polarity: Polarity::Positive,
            cues: Vec::new(),
        });
    }
    let denied = !found.negators.is_empty() || !found.negative.is_empty();
    lifted_condition(found, input.text)
        .or_else(|| imperative(cues, input, clause).filter(|_| !denied))
        .or_else(|| requirement(cues, input, clause))
        .or_else(|| modification(input, found).filter(|_| !denied))
}

/// Nouns for a change to a policy: calling for them asks to change the policy, not to have it.
const MODIFICATIONS: &[&str] = &[
    "change",
    "changes",
    "amendment",
    "amendments",
    "flexibility",
    "exemption",
    "exemptions",
    "exception",
    "exceptions",
    "carve-out",
    "carve-outs",
    "delay",
    "time",
    "concessions",
    "tweaks",
    "revision",
    "revisions",
    "safeguards",
];

/// "called for greater flexibility on the ban", "pushed for amendments to the bill", "asked for
/// more time on it": a support cue whose object is a change, with the topic after a
/// preposition, asks to have the topic changed. That is support on conditions at most.
fn modification(input: &StanceInput<'_>, found: &Cues) -> Option<StanceOutput> {
    let (text, hit) = (input.text, input.hit);
    if hit.is_empty() {
        return None;
    }
    let cue = (found.support.iter())
        .filter(|c| c.end <= hit.start)
        .max_by_key(|c| c.end)?;
    let mut words: Vec<String> = text[cue.end..hit.start]
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .to_lowercase()
        })
        .collect();
    while words
        .last()
        .is_some_and(|w| matches!(w.as_str(), "the" | "a" | "an" | "its" | "this" | "their"))
    {
        words.pop();
    }
    let preposition = words.pop()?;
    let change = words.iter().find(|w| MODIFICATIONS.contains(&w.as_str()))?;
    let asks = matches!(
        preposition.as_str(),
        "on" | "to" | "in" | "from" | "of" | "over"
    ) && words.len() <= 5;
    asks.then(|| StanceOutput {
        stance: Stance::Conditional,
        polarity: Polarity::Positive,
        cues: vec![text[cue.range()].to_string(), change.clone()],
    })
}

/// Weighs the cue words: negations flip the polarity, then a condition, a harmful framing, a
/// limited role, a denial, a "but" with nothing after it, and support words decide, in that
/// order. A stance without cue words is unclear.
fn weigh(cues: &CueLexicon, input: &StanceInput<'_>, clause: Span, found: &Cues) -> StanceOutput {
    let text = input.text;
    let words = |spans: &[Span]| -> Vec<String> {
        spans.iter().map(|c| text[c.range()].to_string()).collect()
    };
    let mut reasons: Vec<String> = words(&found.negators);
    let mut polarity = input.inherited.map_or(Polarity::Positive, |(p, _)| p);
    if denies(text, &found.negators) {
        polarity = polarity.flip();
    }
    for d in cues.dispreference.find(text, clause) {
        if d.end <= input.hit.start {
            polarity = polarity.flip();
            reasons.push(text[d.range()].to_string());
        }
    }
    for &(neg, harm) in &found.denied_harms {
        reasons.push(if harm.contains(neg) {
            text[harm.range()].to_string()
        } else {
            format!("{} {}", &text[neg.range()], &text[harm.range()])
        });
    }
    let stance = if !found.conditional.is_empty() {
        reasons.extend(words(&found.conditional));
        Stance::Conditional
    } else if !found.negative.is_empty() {
        reasons.extend(words(&found.negative));
        polarity = Polarity::Negative;
        Stance::Oppose
    } else if let Some(but) = found.but_support.filter(|_| polarity == Polarity::Negative) {
        // "not troops, but logistical support": a limited role.
        reasons.push(text[but.range()].to_string());
        Stance::Conditional
    } else if polarity == Polarity::Negative {
        if reasons.is_empty() {
            // Affirming what was denied before ("Will there be troops? No. You have my
            // assurance."): the affirmation is the cue.
            reasons.extend(words(&found.support));
        }
        Stance::Oppose
    } else if let Some(n) = found.but_mixed.filter(|_| !found.support.is_empty()) {
        reasons.extend(words(&found.support));
        reasons.push(first_words(text, n, 3));
        Stance::Mixed
    } else if matches!(input.inherited, Some((_, false))) {
        // Only the paragraph before named the topic: a bare "I'd like" is not enough.
        Stance::Unclear
    } else {
        // Support words; or negations that cancel out ("no deal without guarantees") and make
        // the topic a requirement.
        reasons.extend(words(&found.support));
        Stance::Support
    };
    reasons.dedup();
    StanceOutput {
        // A position is only as good as the words that show it: none, and it is unclear.
        stance: if reasons.is_empty() {
            Stance::Unclear
        } else {
            stance
        },
        polarity,
        cues: reasons,
    }
}

/// How many words a judging verb's object may take before the "for" or "of" that opens what it
/// judges ("slammed both X and Y for ..."); what follows runs to the end of the clause.
const OBJECT_WORDS: usize = 8;

/// True if the negators deny: one right after another (at most four words on), one inside the
/// "for" or "of" object of a judging verb ("took aim at X for ... scrapping it"), or a
/// preposition in its scope cancels it ("cannot rule out", "can't imagine talks without a
/// ceasefire"); two verbs far apart are two denials that say the same no ("can't legislate on hope ... the plan
/// wasn't effective").
fn denies(text: &str, negators: &[Span]) -> bool {
    let mut count = 0usize;
    let mut open: Option<Span> = None;
    for &neg in negators {
        let scoped = |prev: Span| {
            FORWARD_NEGATORS.contains(&text[neg.range()].to_lowercase().as_str())
                || text[prev.end..neg.start.max(prev.end)]
                    .split_whitespace()
                    .count()
                    <= 4
        };
        // "criticised X for scrapping the cap", "rejected the idea of scrapping it": a negator
        // whose object runs into "for" or "of" holds the later one in its scope, however far.
        let object_of = |prev: Span| {
            // Not after a bare "no" or "none": "none of the ministers ... would scrap it".
            !is_bare_negation(&text[prev.range()])
                && !text[prev.range()].eq_ignore_ascii_case("none")
                && (text[prev.end..neg.start.max(prev.end)].split_whitespace())
                    .take(OBJECT_WORDS)
                    .any(|w| w == "for" || w == "of")
        };
        // "refused to commit before the election to scrapping the cap": a refusal's
        // infinitive holds a later negator in its scope.
        let infinitive = |prev: Span| {
            text[prev.end..].trim_start().starts_with("to ")
                && text[prev.end..neg.start.max(prev.end)]
                    .split_whitespace()
                    .count()
                    <= OBJECT_WORDS
                && !text[prev.end..neg.start.max(prev.end)].contains([',', ';', '.'])
        };
        // "reject or delay the truce": coordinated negators are one denial.
        let coordinated = |prev: Span| {
            matches!(
                text[prev.end..neg.start.max(prev.end)].trim(),
                "or" | "and" | "nor" | "," | ", or" | ", and"
            )
        };
        match open {
            Some(prev) if coordinated(prev) => {}
            Some(prev) if scoped(prev) || object_of(prev) || infinitive(prev) => {
                count -= 1;
                open = None;
            }
            _ => {
                count += 1;
                open = Some(neg);
            }
        }
    }
    count > 0
}

/// The cue words that count for one topic mention, in its clause and the clause after it.
struct Cues {
    negators: Vec<Span>,
    negative: Vec<Span>,
    conditional: Vec<Span>,
    support: Vec<Span>,
    /// A negator right before a condition ("without preconditions").
    lifted: Vec<(Span, Span)>,
    /// A negator right before a harm word, which it denies ("will not hurt", "no threat"):
    /// the pair defends the topic.
    denied_harms: Vec<(Span, Span)>,
    /// The support cue of a next clause that opens with "but" ("not troops, but support").
    but_support: Option<Span>,
    /// A next clause that opens with "but" and says nothing of its own: "I like it, but ...".
    but_mixed: Option<Span>,
}

impl Cues {
    fn find(cues: &CueLexicon, input: &StanceInput<'_>, clause: Span, next: Option<Span>) -> Cues {
        let text = input.text;
        let counts = Counts::new(cues, input, clause);
        let in_clause = |scan: &WordScan, list: &WordList| -> Vec<Span> {
            scan.find(list, text, clause)
                .into_iter()
                .filter(|c| counts.counts(*c))
                .collect()
        };
        let conditional_here = in_clause(&input.scans.conditional, &cues.conditional);
        let negative = without_remedied(
            cues,
            text,
            clause,
            in_clause(&input.scans.negative, &cues.negative),
        );
        let (negators, negative, denied_harms) = denied_harms(
            text,
            input.hit,
            in_clause(&input.scans.negators, &cues.negators),
            negative,
        );
        let (negators, lifted) = negations(cues, input, negators, &conditional_here);
        let mut conditional = conditional_here;
        if let Some(n) = next {
            // The next clause limits this one only when it opens with the limit:
            // "— but only, he said, because ...".
            conditional.extend(
                input
                    .scans
                    .conditional
                    .find(&cues.conditional, text, n)
                    .into_iter()
                    .filter(|c| {
                        text[n.start..c.start]
                            .trim_matches(|ch: char| !ch.is_alphanumeric())
                            .split_whitespace()
                            .count()
                            <= 1
                    }),
            );
        }
        let mut support = in_clause(&input.scans.support, &cues.support);
        support.retain(|c| !modifies_hit(text, *c, input.hit));
        let but_next = next.filter(|n| opens_with_but(text, *n));
        let but_support = but_next.and_then(|n| {
            input
                .scans
                .support
                .find(&cues.support, text, n)
                .into_iter()
                .next()
        });
        let but_mixed = but_next.filter(|n| {
            input.scans.support.find(&cues.support, text, *n).is_empty()
                // A verb that denies only its object ("while the fighting went on") is no
                // position of its own.
                && (input.scans.negators.find(&cues.negators, text, *n))
                    .iter()
                    .all(|c| cues.object_negators.is_word(&text[c.range()].to_lowercase()))
                && input
                    .scans
                    .conditional
                    .find(&cues.conditional, text, *n)
                    .is_empty()
                && !input.others.iter().any(|o| n.contains(*o))
        });
        Cues {
            negators,
            negative,
            conditional,
            support,
            lifted,
            denied_harms,
            but_support,
            but_mixed,
        }
    }
}

/// Negators that deny the word right after them, a harm word included: "will not hurt", "no
/// threat", "never a mistake".
const HARM_DENIERS: &[&str] = &["not", "n't", "never", "no", "cannot", "won't", "wont"];

/// Splits off the harm words a negator denies from at most three words before ("will not
/// hurt anyone", "is no threat"), with their negators: the denial of a harm is a defence, not
/// an attack. A harm phrase that holds its own negation ("not the answer") is not denied by it.
fn denied_harms(
    text: &str,
    hit: Span,
    mut negators: Vec<Span>,
    negative: Vec<Span>,
) -> (Vec<Span>, Vec<Span>, Vec<(Span, Span)>) {
    let mut kept = Vec::new();
    let mut denied = Vec::new();
    for harm in negative {
        let denier = negators.iter().position(|n| {
            n.end <= harm.start
                && (HARM_DENIERS.contains(&text[n.range()].to_lowercase().as_str())
                    && text[n.end..harm.start].split_whitespace().count() <= 3
                    && !text[n.end..harm.start].contains([',', ';', '.'])
                    || judged_refusal(text, hit, *n, harm))
                || lacked(text, hit, *n, harm)
        });
        match denier {
            Some(i) => denied.push((negators.remove(i), harm)),
            None => kept.push(harm),
        }
    }
    (negators, kept, denied)
}

/// True if the harm phrase ends in the "without" at `neg` and the topic follows: "shops would
/// suffer without the tax" is a harm of the topic's absence, a defence of it.
fn lacked(text: &str, hit: Span, neg: Span, harm: Span) -> bool {
    harm.start < neg.start
        && neg.end == harm.end
        && text[neg.range()].eq_ignore_ascii_case("without")
        && (hit.is_empty() || harm.end <= hit.start)
}

/// True if a refusal in the gerund, of the topic, is the subject judged harmful: "rejecting
/// the plan was a sad day", "scrapping the ban would be a mistake".
fn judged_refusal(text: &str, hit: Span, refusal: Span, harm: Span) -> bool {
    let verb = text[refusal.range()].to_lowercase();
    if !verb.ends_with("ing")
        || hit.is_empty()
        || !(refusal.end <= hit.start && hit.end <= harm.start)
    {
        return false;
    }
    let object = &text[refusal.end..hit.start];
    let predicate = format!(" {} ", text[hit.end..harm.start].trim().to_lowercase());
    object.split_whitespace().count() <= 2
        && [
            " was ",
            " is ",
            " would be ",
            " will be ",
            " has been ",
            " would have been ",
        ]
        .iter()
        .any(|copula| predicate.starts_with(copula) || predicate.contains(&format!("{copula}a ")))
        && predicate.split_whitespace().count() <= 4
}

/// The harm words that count: not one a remedy at most three words before removes ("a step
/// towards ending the harm", "to reduce deaths"); and where the remedy is a concern that is a
/// harm word itself ("concerned about the harms"), not the concern either: it is about the
/// problem, not the topic.
fn without_remedied(cues: &CueLexicon, text: &str, clause: Span, negative: Vec<Span>) -> Vec<Span> {
    let remedies: Vec<(Span, Span)> = negative
        .iter()
        .filter_map(|&harm| Some((harm, remedy_before(cues, text, clause, harm)?)))
        .collect();
    negative
        .into_iter()
        .filter(|c| {
            !remedies
                .iter()
                .any(|(harm, remedy)| harm == c || (remedy.start < c.end && c.start < remedy.end))
        })
        .collect()
}

/// The remedy at most three words before the harm word at `cue`.
fn remedy_before(cues: &CueLexicon, text: &str, clause: Span, cue: Span) -> Option<Span> {
    let before = &text[clause.start..cue.start];
    let from = before
        .char_indices()
        .rev()
        .filter(|&(_, c)| c.is_whitespace())
        .nth(3)
        .map_or(clause.start, |(i, _)| clause.start + i);
    cues.remedies
        .find(text, Span::new(from, cue.start))
        .into_iter()
        .next()
}

/// Which cue words count in a clause: not inside a neutral phrase ("on condition of
/// anonymity", "not only") and not inside a name ("the Coalition of the Willing").
struct Counts<'a> {
    text: &'a str,
    neutral: Vec<Span>,
    named: &'a [(Span, bool)],
}

impl<'a> Counts<'a> {
    fn new(cues: &CueLexicon, input: &StanceInput<'a>, clause: Span) -> Counts<'a> {
        Counts {
            text: input.text,
            neutral: input.scans.neutral.find(&cues.neutral, input.text, clause),
            named: input.named,
        }
    }

    fn counts(&self, sp: Span) -> bool {
        let inside = |n: &Span| n.start <= sp.start && sp.end <= n.end;
        !self.neutral.iter().any(inside)
            && !in_a_name(self.text, sp)
            && !self.named.iter().any(|(n, _)| inside(n))
            && !self
                .named
                .iter()
                .any(|(n, other)| *other && possessed_by(self.text, *n, sp))
    }
}

/// True if the cue at `cue` comes right after the possessive of the name at `name`: in "Peter
/// Cole said Nadia Hart's plan for a ban ...", "plan for" is Hart's position, not Cole's.
fn possessed_by(text: &str, name: Span, cue: Span) -> bool {
    if name.end > cue.start {
        return false;
    }
    let (named, between) = (&text[name.range()], &text[name.end..cue.start]);
    let apostrophe = ['\'', '’'];
    let mark = between
        .trim_start_matches(apostrophe)
        .trim_start_matches('s');
    let possessive =
        between.starts_with(apostrophe) || named.ends_with("'s") || named.ends_with("’s");
    possessive && mark.trim().is_empty() && between.chars().count() <= 3
}

/// The negators that deny the topic, and those that lift a condition right after them
/// ("without preconditions"). A prepositional negator denies only what follows it; one in a
/// condition or question, before "by" ("opposed by X"), or opening the topic's own words ("not
/// to attack") does not deny it.
fn negations(
    cues: &CueLexicon,
    input: &StanceInput<'_>,
    found: Vec<Span>,
    conditions: &[Span],
) -> (Vec<Span>, Vec<(Span, Span)>) {
    let (text, hit) = (input.text, input.hit);
    let (mut negators, mut lifted) = (Vec::new(), Vec::new());
    for neg in found {
        let word = text[neg.range()].to_lowercase();
        let object_only = cues.object_negators.is_word(&word);
        let forward_only = FORWARD_NEGATORS.contains(&word.as_str()) || object_only;
        let lifts = conditions.iter().find(|c| {
            forward_only
                && !object_only
                && c.start >= neg.end
                && text[neg.end..c.start].split_whitespace().count() <= 1
        });
        if let Some(c) = lifts {
            lifted.push((neg, *c));
            continue;
        }
        let hypothetical = input.hypothetical.iter().any(|h| h.contains(neg));
        let agentive = text[neg.end..].trim_start().starts_with("by ");
        let denies_hit = !forward_only
            || hit.is_empty()
            || neg.end <= hit.start
                && (!object_only || is_object(text, neg, hit))
                && (object_only || !text[neg.end..hit.start].contains([',', ';', ':']));
        let in_topic = !hit.is_empty() && neg.start == hit.start;
        let done_to = !hit.is_empty() && hit.end <= neg.start && passive(text, neg);
        let relative = reduced_relative(text, neg);
        if !hypothetical && !agentive && denies_hit && !in_topic && !done_to && !relative {
            negators.push(neg);
        }
    }
    (negators, lifted)
}

/// Plural verbs and auxiliaries that end in "s": "not" after them negates the verb phrase.
const S_VERBS: &[&str] = &[
    "is", "was", "has", "does", "says", "thinks", "believes", "insists", "argues", "warns",
];

/// True if the "not" at `neg` opens a reduced relative clause after a plural noun: "the few
/// councils not using it" picks out councils, it does not deny anything of the speaker's.
fn reduced_relative(text: &str, neg: Span) -> bool {
    if !text[neg.range()].eq_ignore_ascii_case("not") {
        return false;
    }
    let next = text[neg.end..].split_whitespace().next().unwrap_or("");
    let prev = text[..neg.start]
        .split_whitespace()
        .next_back()
        .unwrap_or("");
    next.ends_with("ing")
        && prev.len() > 3
        && prev.ends_with('s')
        && prev.chars().all(|c| c.is_ascii_lowercase())
        && !S_VERBS.contains(&prev)
}

/// How many words may stand between a verb that denies only its object ("remove", "stop
/// using") and the topic: "to remove the soft drinks levy", "restrict the use of it"; "stop
/// using sugar because of the tax" does not reach the tax.
const OBJECT_REACH: usize = 3;

/// True if the topic at `hit` is the object of the verb at `neg`: at most `OBJECT_REACH` words
/// on, or two more before an "of" ("revoking the legal basis of the tax"), with no
/// punctuation between.
fn is_object(text: &str, neg: Span, hit: Span) -> bool {
    let between = &text[neg.end..hit.start];
    let words = between.split_whitespace().count();
    let of = between.trim_end().to_lowercase().ends_with(" of");
    (words <= OBJECT_REACH || of && words <= OBJECT_REACH + 2) && !between.contains([',', ';', ':'])
}

/// True if the negator at `neg` is a passive participle that happened ("the plan was
/// rejected", "had been scrapped"): something done to the topic by someone else, not the
/// holder's refusal. "is opposed to" is a state of the subject, and "might be shelved" a
/// prospect the holder may fear, not a passive that happened.
fn passive(text: &str, neg: Span) -> bool {
    let word = &text[neg.range()];
    let before = text[..neg.start]
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    // One participle ("rejected"), not a phrase that ends in one ("not needed").
    word.ends_with("ed")
        && !word.contains(char::is_whitespace)
        && !word.eq_ignore_ascii_case("opposed")
        && matches!(before.as_str(), "was" | "were" | "been" | "is" | "are")
        && !text[neg.end..].trim_start().starts_with("to ")
}

/// True if a negation in the clause is predicated of another side: the actor named nearest
/// before it, in the clause, is not the holder's.
fn denied_by_another(input: &StanceInput<'_>, clause: Span, negators: &[Span]) -> bool {
    negators.iter().any(|neg| {
        input
            .named
            .iter()
            .filter(|(span, _)| clause.start <= span.start && span.end <= neg.start)
            // An actor inside the topic's own words ("a European force") or after a preposition
            // ("a force in Ukraine") is not the subject of the negation.
            .filter(|(span, _)| span.end <= input.hit.start || span.start >= input.hit.end)
            .filter(|(span, _)| !after_preposition(input.text, span.start))
            .max_by_key(|(span, _)| span.start)
            .is_some_and(|&(span, stranger)| stranger && !asked_of(input.text, span, *neg))
    })
}

/// Verbs that ask someone to do something: "urged the Commission to scrap the ban".
#[rustfmt::skip]
const REQUESTS: &[&str] = &[
    "asked", "asking", "asks", "ask", "urged", "urging", "urges", "urge", "pressed", "pressing",
    "pressured", "pressuring", "pushed", "pushing", "lobbied", "lobbying", "encouraged",
    "encouraging", "told", "wants", "want", "wanted", "implored", "begged", "on", "telling",
    "tells", "tell", "ordered", "ordering", "orders", "directed", "directing", "instructed",
    "instructing",
];

/// How many words of a coordinated object may stand between a request verb and the name asked:
/// "told the council and the board to end it".
const ASKED_LIST_WORDS: usize = 4;

/// True if the actor at `name` is asked to do the negation at `neg`: "asked the Commission to
/// relax the rules" is the asker's wish, not the Commission's refusal.
fn asked_of(text: &str, name: Span, neg: Span) -> bool {
    // The infinitive's "to" may open the negator itself ("to end").
    let between = text.get(name.end..neg.end).unwrap_or("").trim_start();
    if !between.starts_with("to ") || between.split_whitespace().count() > 4 {
        return false;
    }
    let before = text[..name.start].trim_end();
    let before = before
        .strip_suffix("the")
        .filter(|b| b.ends_with(char::is_whitespace))
        .map_or(before, str::trim_end);
    let mut words = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase);
    let Some(verb) = words.next() else {
        return false;
    };
    if REQUESTS.contains(&verb.as_str()) {
        return true;
    }
    // The last of a coordinated object: "told the council and the board to end it".
    let coordinated = matches!(verb.as_str(), "and" | "or") || before.ends_with(',');
    coordinated
        && words
            .take(ASKED_LIST_WORDS)
            .any(|w| REQUESTS.contains(&w.as_str()))
}

/// True if the name at `at` is the object of a preposition, behind at most two determiners
/// ("with the entire crossbench").
fn after_preposition(text: &str, at: usize) -> bool {
    let mut before = text[..at].trim_end();
    let mut word = String::new();
    for _ in 0..3 {
        let w = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        word = w.to_lowercase();
        if !DETERMINERS.contains(&word.as_str()) {
            break;
        }
        before = before[..before.len() - w.len()].trim_end();
    }
    let word = word.as_str();
    matches!(
        word,
        "in" | "on"
            | "to"
            | "for"
            | "from"
            | "with"
            | "of"
            | "by"
            | "into"
            | "against"
            | "at"
            | "about"
            | "over"
            | "toward"
            | "towards"
    )
}

/// Words between a preposition and its object's name.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "entire", "whole", "all", "both", "its", "their",
];

/// "without preconditions", "no conditions": the negation lifts the condition, and the pair
/// reads as unconditional support.
fn lifted_condition(found: &Cues, text: &str) -> Option<StanceOutput> {
    if found.lifted.is_empty() {
        return None;
    }
    Some(StanceOutput {
        stance: Stance::Support,
        polarity: Polarity::Positive,
        cues: found
            .lifted
            .iter()
            .map(|(n, c)| text[n.start..c.end].to_string())
            .collect(),
    })
}

/// True if the topic is named in the clause (not inherited, not before it).
fn hit_in(input: &StanceInput<'_>, clause: Span) -> bool {
    !input.hit.is_empty() && input.hit.start >= clause.start
}

/// A clause that opens with the topic's own verb is a call for it: "Stop the fighting!",
/// "Freeze the front line now."
fn imperative(cues: &CueLexicon, input: &StanceInput<'_>, clause: Span) -> Option<StanceOutput> {
    let text = input.text;
    if !hit_in(input, clause) {
        return None;
    }
    let before = &text[clause.start..input.hit.start];
    if before.chars().any(char::is_alphanumeric) {
        return None;
    }
    // A question ("Pause in strikes? Nonsense.") asks; it calls for nothing.
    if text[clause.range()].trim_end().ends_with('?') {
        return None;
    }
    let mut words = text[input.hit.start..clause.end].split_whitespace();
    let verb = words.next()?.trim_matches(|c: char| !c.is_alphanumeric());
    // A noun, not a verb: "a pause in strikes", "a ban on phones".
    let noun = words
        .next()
        .is_some_and(|w| matches!(w, "in" | "on" | "of" | "to" | "for"));
    (cues.imperatives.is_word(verb) && !noun).then(|| StanceOutput {
        stance: Stance::Support,
        polarity: Polarity::Positive,
        cues: vec![verb.to_string()],
    })
}

/// A topic made a requirement for something else: "talks can begin only after a ceasefire",
/// "dialogue must be preceded by a halt in hostilities".
fn requirement(cues: &CueLexicon, input: &StanceInput<'_>, clause: Span) -> Option<StanceOutput> {
    if !hit_in(input, clause) {
        return None;
    }
    let before = Span::new(clause.start, input.hit.start);
    let timed = cues
        .temporal
        .find(input.text, before)
        .into_iter()
        .filter(|t| limits_time(input.text, clause.start, t.start));
    let cue = cues
        .requirements
        .find(input.text, before)
        .into_iter()
        .chain(timed)
        .max_by_key(|c| c.end)?;
    let between = &input.text[cue.end..input.hit.start];
    (between.split_whitespace().count() <= 5 && !between.contains([',', ';'])).then(|| {
        StanceOutput {
            stance: Stance::Support,
            polarity: Polarity::Positive,
            cues: vec![input.text[cue.range()].to_string()],
        }
    })
}

/// True if `cue` is a bare grammatical negation ("not", "no", "n't", "without"): it negates
/// whatever stands near it, and says nothing of a side on its own.
pub(crate) fn is_bare_negation(cue: &str) -> bool {
    matches!(
        cue.to_lowercase().replace('’', "'").as_str(),
        "not"
            | "n't"
            | "no"
            | "never"
            | "no longer"
            | "without"
            | "cannot"
            | "neither"
            | "nor"
            | "won't"
            | "wont"
            | "hardly"
            | "barely"
    )
}

/// True if the time word at `at` is limited by "only" or a negation a few words before it
/// ("can only begin after", "not before"): what follows is a requirement, not a date.
pub(crate) fn limits_time(text: &str, lo: usize, at: usize) -> bool {
    let words: Vec<String> = text[lo..at]
        .split_whitespace()
        .rev()
        .take(2)
        .map(str::to_lowercase)
        .collect();
    match words.as_slice() {
        // "not before", "only after", "never until": right before the time word.
        [w, ..] if matches!(w.as_str(), "only" | "not" | "never") => true,
        // "can only begin after", but not "only days after".
        [w, only, ..] => only == "only" && !is_time_amount(w),
        _ => false,
    }
}

fn is_time_amount(word: &str) -> bool {
    matches!(
        word.trim_matches(|c: char| !c.is_alphanumeric()),
        "days"
            | "weeks"
            | "months"
            | "years"
            | "hours"
            | "minutes"
            | "moments"
            | "shortly"
            | "long"
            | "soon"
            | "just"
    )
}

/// True if a participle cue is an adjective of the topic named right after it ("the proposed
/// ceasefire", "a U.S.-backed truce"): someone's proposal, not the holder's position.
fn modifies_hit(text: &str, cue: Span, hit: Span) -> bool {
    if hit.is_empty() || cue.end > hit.start {
        return false;
    }
    let word = text[cue.range()].to_lowercase();
    if !word.ends_with("ed") {
        return false;
    }
    let between = &text[cue.end..hit.start];
    if between.split_whitespace().count() > 2 || between.contains([',', ';', '.']) {
        return false;
    }
    let prev = text[..cue.start]
        .trim_end()
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .to_lowercase();
    let prev = prev.trim_end_matches('-');
    matches!(
        prev,
        "a" | "an" | "the" | "this" | "that" | "its" | "their" | "his" | "her" | "any"
    ) || text[..cue.start].ends_with('-')
}

/// True if a cue word is part of a name: capitalised after a word ("the Coalition of the
/// Willing", "the Support Act"), not at the start of a sentence or clause.
fn in_a_name(text: &str, cue: Span) -> bool {
    if !text[cue.range()].starts_with(char::is_uppercase) {
        return false;
    }
    // Inside a name a capitalised word follows a lowercase function word ("of the Willing");
    // in a title-case headline ("Macron Welcomes Ceasefire Plan") it follows another capital.
    let before = text[..cue.start].trim_end();
    before
        .rsplit(char::is_whitespace)
        .next()
        .is_some_and(|w| matches!(w, "the" | "of" | "for" | "and"))
}

fn opens_with_but(text: &str, n: Span) -> bool {
    let opener = text[n.range()]
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    opener.starts_with("but ") || text[..n.start].trim_end().ends_with("but")
}

fn first_words(text: &str, n: Span, count: usize) -> String {
    text[n.range()]
        .split_whitespace()
        .take(count)
        .collect::<Vec<_>>()
        .join(" ")
}

/// How the text names a topic, whoever holds it: "no U.S. troops" names their absence,
/// "rejected the ceasefire" names the ceasefire. Anaphors ("the idea") inherit this.
pub(crate) fn named_polarity(cues: &CueLexicon, text: &str, lo: usize, hit: Span) -> Polarity {
    let from = text[lo..hit.start]
        .char_indices()
        .rev()
        .filter(|(_, c)| c.is_whitespace())
        .nth(2)
        .map_or(lo, |(i, _)| lo + i);
    let negated = cues
        .negators
        .find(text, Span::new(from, hit.start))
        .iter()
        .any(|n| FORWARD_NEGATORS.contains(&text[n.range()].to_lowercase().as_str()));
    if negated {
        Polarity::Negative
    } else {
        Polarity::Positive
    }
}

/// The clause of `content` around `hit`, and the clause after it.
fn clause_around(text: &str, content: Span, hit: Span) -> (Span, Option<Span>) {
    let slice = &text[content.range()];
    // Adjacent boundaries ("— but") are one boundary.
    let mut bounds: Vec<(usize, usize)> = Vec::new();
    for m in BOUNDARY.find_iter(slice) {
        let (s, e) = (content.start + m.start(), content.start + m.end());
        match bounds.last_mut() {
            Some(last) if text[last.1..s].trim().is_empty() => last.1 = e,
            _ => bounds.push((s, e)),
        }
    }
    // Sentence ends are empty boundaries at the next sentence's first character.
    for m in SENTENCE_END.find_iter(slice) {
        let matched = m.as_str();
        let space_end = matched
            .char_indices()
            .filter(|(_, c)| c.is_whitespace())
            .map(|(i, c)| i + c.len_utf8())
            .next_back()
            .unwrap_or(matched.len());
        let at = content.start + m.start() + space_end;
        bounds.push((at, at));
    }
    bounds.sort_unstable();
    let start = bounds
        .iter()
        .filter(|(_, e)| *e <= hit.start)
        .map(|(s, _)| *s)
        .next_back()
        .unwrap_or(content.start);
    let after: Vec<&(usize, usize)> = bounds.iter().filter(|(s, _)| *s >= hit.end).collect();
    let end = after.first().map_or(content.end, |(s, _)| *s);
    let next = after.first().map(|(s, _)| {
        let next_end = after.get(1).map_or(content.end, |(s2, _)| *s2);
        Span::new(*s, next_end.max(*s))
    });
    (Span::new(start, end.max(start)), next)
}
