//! When a statement was made: the date its sentence anchors ("said on Tuesday", "told reporters
//! last week", "in May"), resolved against the article's publication date by the conventions of
//! [`crate::text::dates`]. Without an article date, or when the sentence names no date, or names
//! several and none is next to a verb of saying, the date stays unknown: it is never guessed.

use regex::Regex;
use serde::Serialize;

use crate::config::Config;
use crate::text::dates::{DateLexicon, Period, alternation};

/// The date of a statement, and the words that anchored it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatementDate {
    #[serde(flatten)]
    pub period: Period,
    /// The words of the sentence that give the date ("on Tuesday", "last week").
    pub anchor: String,
}

/// Dates statements: the date lexicon and the verbs of saying, compiled once.
#[derive(Debug)]
pub struct StatementDater {
    lexicon: DateLexicon,
    speech: Option<Regex>,
}

/// How far (in bytes) a date may stand from a verb of saying to be that verb's date.
const NEAR_SPEECH: usize = 40;

impl StatementDater {
    pub fn new(config: &Config) -> Self {
        let speech = alternation(&config.cues.speech)
            .and_then(|alt| Regex::new(&format!(r"(?i)\b(?:{alt})\b")).ok());
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
                // Several dates: the one next to a verb of saying, if exactly one is.
                let speech: Vec<(usize, usize)> = self
                    .speech
                    .as_ref()?
                    .find_iter(rest)
                    .map(|m| (m.start(), m.end()))
                    .collect();
                let near: Vec<&(usize, usize, Period)> = several
                    .iter()
                    .filter(|(s, e, _)| {
                        speech.iter().any(|&(vs, ve)| {
                            let gap = if ve <= *s {
                                s - ve
                            } else {
                                vs.saturating_sub(*e)
                            };
                            gap <= NEAR_SPEECH
                        })
                    })
                    .collect();
                match near.as_slice() {
                    [first, others @ ..] if others.iter().all(|o| o.2 == first.2) => **first,
                    _ => return None,
                }
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
    use crate::text::dates::parse_iso;

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
