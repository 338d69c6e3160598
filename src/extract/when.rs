//! When a statement was made: the date its sentence anchors ("said on Tuesday", "told reporters
//! last week", "in May"), resolved against the article's publication date by the conventions of
//! [`crate::dates`]. Without an article date, or when the sentence names no date, or names
//! several and none is next to a verb of saying, the date stays unknown: it is never guessed.

use regex::Regex;
use serde::Serialize;

use crate::config::Config;
use crate::dates::{DateLexicon, Period, alternation};

/// The date of a statement, and the words that anchored it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementDate {
    pub period: Period,
    /// The words of the sentence that give the date ("on Tuesday", "last week").
    pub anchor: String,
}

/// For people (JSON), the period's fields and the anchor side by side; in binary formats
/// (index snapshots, which cannot flatten), the period then the anchor.
impl Serialize for StatementDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Flat<'a> {
            #[serde(flatten)]
            period: &'a Period,
            anchor: &'a str,
        }
        if s.is_human_readable() {
            Flat {
                period: &self.period,
                anchor: &self.anchor,
            }
            .serialize(s)
        } else {
            (self.period, &self.anchor).serialize(s)
        }
    }
}

impl<'de> serde::Deserialize<'de> for StatementDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        struct Flat {
            #[serde(flatten)]
            period: Period,
            anchor: String,
        }
        if d.is_human_readable() {
            let Flat { period, anchor } = <Flat as serde::Deserialize>::deserialize(d)?;
            Ok(StatementDate { period, anchor })
        } else {
            let (period, anchor) = <(Period, String) as serde::Deserialize>::deserialize(d)?;
            Ok(StatementDate { period, anchor })
        }
    }
}

/// A date found in a sentence: its byte range there and the period it names.
type Anchored = (usize, usize, Period);

/// Dates statements: the date lexicon and the verbs of saying, compiled once.
#[derive(Debug)]
pub struct StatementDater {
    lexicon: DateLexicon,
    speech: Option<Regex>,
}

/// How far (in bytes) a date may stand from a verb of saying to be that verb's date.
const NEAR_SPEECH: usize = 40;
/// Most words between a verb of saying and the date that follows it ("told reporters on").
const WORDS_AFTER_VERB: usize = 2;

impl StatementDater {
    pub fn new(config: &Config) -> Self {
        let speech = alternation(&config.cues.speech)
            .and_then(|alt| crate::pattern::regex(&format!(r"(?i)\b(?:{alt})\b")).ok());
        StatementDater {
            lexicon: DateLexicon::new(config),
            speech,
        }
    }

    pub fn lexicon(&self) -> &DateLexicon {
        &self.lexicon
    }

    /// The date of the statement in `sentence`, in an article published in `published`.
    pub fn date(&self, sentence: &str, published: Option<&Period>) -> Option<StatementDate> {
        let published = published?;
        // A dateline opening the sentence dates the article, not the statement.
        let skip = self
            .lexicon
            .dateline(sentence, None)
            .map_or(0, |d| d.end.min(sentence.len()));
        let rest = sentence.get(skip..)?;
        let resolved: Vec<(usize, usize, Period)> = self
            .lexicon
            .anchors(rest)
            .into_iter()
            .filter_map(|a| Some((a.start, a.end, a.expr.resolve(Some(published))?)))
            .collect();
        let (start, end, period) = match resolved.as_slice() {
            [] => return None,
            [first, others @ ..] if others.iter().all(|o| o.2 == first.2) => *first,
            several => {
                // Several dates: the one right after a verb of saying ("said on Tuesday",
                // "told reporters Tuesday"), else one opening the sentence ("On Tuesday, ..."),
                // else one next to a verb; ambiguity at the level that decides leaves it unknown.
                let speech: Vec<(usize, usize)> = self
                    .speech
                    .as_ref()?
                    .find_iter(rest)
                    .map(|m| (m.start(), m.end()))
                    .collect();
                let after_verb = |a: &(usize, usize, Period)| {
                    speech.iter().any(|&(_, ve)| {
                        ve <= a.0 && rest[ve..a.0].split_whitespace().count() <= WORDS_AFTER_VERB
                    })
                };
                let opening = |a: &(usize, usize, Period)| {
                    let before = rest[..a.0].trim();
                    before.is_empty() || before.eq_ignore_ascii_case("on")
                };
                let near_verb = |a: &(usize, usize, Period)| {
                    speech.iter().any(|&(vs, ve)| {
                        let gap = if ve <= a.0 {
                            a.0 - ve
                        } else {
                            vs.saturating_sub(a.1)
                        };
                        gap <= NEAR_SPEECH
                    })
                };
                let levels: [&dyn Fn(&Anchored) -> bool; 3] = [&after_verb, &opening, &near_verb];
                let mut chosen = None;
                for level in levels {
                    let picked: Vec<&Anchored> = several.iter().filter(|a| level(a)).collect();
                    match picked.as_slice() {
                        [] => continue,
                        [first, others @ ..] if others.iter().all(|o| o.2 == first.2) => {
                            chosen = Some(**first);
                            break;
                        }
                        _ => return None,
                    }
                }
                chosen?
            }
        };
        Some(StatementDate {
            period,
            anchor: rest.get(start..end)?.trim().to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::parse_iso;

    #[test]
    fn statements_take_the_date_next_to_their_verb() {
        let dater = StatementDater::new(&Config::default_config());
        let thursday = parse_iso("2025-01-02").unwrap();
        let date = |s: &str| {
            dater
                .date(s, Some(&thursday))
                .map(|d| (d.period.iso(), d.anchor))
        };
        assert_eq!(
            date("Trump said on Tuesday that he opposed it."),
            Some(("2024-12-31".into(), "Tuesday".into()))
        );
        assert_eq!(
            date("Trump, who met Putin last week, said on Tuesday that he opposed it."),
            Some(("2024-12-31".into(), "Tuesday".into()))
        );
        assert_eq!(
            date("On Tuesday, Trump said that the meeting last week had failed."),
            Some(("2024-12-31".into(), "Tuesday".into()))
        );
        assert_eq!(
            date("Trump told reporters yesterday that he had spoken to Putin on Monday."),
            Some(("2025-01-01".into(), "yesterday".into()))
        );
        assert_eq!(date("Trump said he opposed it."), None);
        assert_eq!(date("Trump will meet him next Tuesday, he said."), None);
        assert_eq!(
            date("WASHINGTON, Jan. 2, 2025 — Trump said he opposed it."),
            None,
            "a dateline is the article's date"
        );
        assert_eq!(dater.date("Trump said on Tuesday.", None), None);
        let year = parse_iso("2025").unwrap();
        assert_eq!(dater.date("Trump said on Tuesday.", Some(&year)), None);
    }
}
