//! Dates in article text: the calendar names and cue words of `[dates]` compiled once, the date
//! expressions they find ("March 3, 2025", "on Tuesday", "last week", "in May"), and their
//! resolution against a reference day into a [`Period`] whose precision is what the text gives.
//!
//! Conventions, all resolving into the past of the reference day (the article's date):
//! - a weekday is the latest such day on or before the reference ("on Tuesday" written on a
//!   Tuesday is that day); after a `past` word ("last Tuesday") it is strictly before;
//! - "in May" is the latest May that starts on or before the reference, across a year boundary;
//! - a month and day without a year is the latest such day on or before the reference;
//! - a relative phrase is its unit (day, Monday-to-Sunday week, calendar month, year) shifted by
//!   its offset; the current week, month or year ends at the reference;
//! - an explicit date after the reference day is a future event, not a date of the past;
//! - without a reference to the day, only dates that carry their own year resolve.

use std::collections::HashMap;
use std::sync::Mutex;

use regex::Regex;
use serde::Serialize;
use time::{Date, Duration, Month, Weekday};

use crate::config::{Config, DateUnit};

/// How precisely a period is known.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Week,
    Month,
    Year,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }
}

/// A run of days, `start` to `end` inclusive, known to the given precision: a year-only date is
/// the whole year, not its first day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    pub start: Date,
    pub end: Date,
    pub precision: Precision,
}

impl Period {
    pub fn day(date: Date) -> Period {
        Period {
            start: date,
            end: date,
            precision: Precision::Day,
        }
    }

    /// The Monday-to-Sunday week that holds `date`.
    pub fn week_of(date: Date) -> Period {
        let start = date - Duration::days(i64::from(date.weekday().number_days_from_monday()));
        Period {
            start,
            end: start.saturating_add(Duration::days(6)),
            precision: Precision::Week,
        }
    }

    pub fn month(year: i32, month: Month) -> Option<Period> {
        let start = Date::from_calendar_date(year, month, 1).ok()?;
        let end = Date::from_calendar_date(year, month, month.length(year)).ok()?;
        Some(Period {
            start,
            end,
            precision: Precision::Month,
        })
    }

    pub fn year(year: i32) -> Option<Period> {
        Some(Period {
            start: Date::from_calendar_date(year, Month::January, 1).ok()?,
            end: Date::from_calendar_date(year, Month::December, 31).ok()?,
            precision: Precision::Year,
        })
    }

    /// True when the two periods share at least one day.
    pub fn overlaps(&self, other: &Period) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// True when every day of `self` comes before every day of `other`.
    pub fn before(&self, other: &Period) -> bool {
        self.end < other.start
    }

    /// The period as ISO 8601 at its precision: `2025-03-03`, `2025-03`, `2025`; a week is given
    /// by its Monday.
    pub fn iso(&self) -> String {
        match self.precision {
            Precision::Day | Precision::Week => iso_day(self.start),
            Precision::Month => format!("{:04}-{:02}", self.start.year(), self.start.month() as u8),
            Precision::Year => format!("{:04}", self.start.year()),
        }
    }

    /// The period cut so that it ends on `day` at the latest (a statement is never in the future).
    fn until(mut self, day: Date) -> Period {
        if self.end > day {
            self.end = day.max(self.start);
        }
        self
    }
}

impl Serialize for Period {
    /// As `date`, `precision`, `start` and `end` for people (JSON); as the Julian days of its
    /// start and end and its precision in binary formats (index snapshots).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        if !s.is_human_readable() {
            return (
                self.start.to_julian_day(),
                self.end.to_julian_day(),
                self.precision,
            )
                .serialize(s);
        }
        let mut st = s.serialize_struct("Period", 4)?;
        st.serialize_field("date", &self.iso())?;
        st.serialize_field("precision", &self.precision)?;
        st.serialize_field("start", &iso_day(self.start))?;
        st.serialize_field("end", &iso_day(self.end))?;
        st.end()
    }
}

impl<'de> serde::Deserialize<'de> for Period {
    /// Reads what [`Period`]'s `Serialize` writes (for index snapshots).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if !d.is_human_readable() {
            let (start, end, precision): (i32, i32, Precision) =
                serde::Deserialize::deserialize(d)?;
            let day = |n: i32| Date::from_julian_day(n).map_err(serde::de::Error::custom);
            return Ok(Period {
                start: day(start)?,
                end: day(end)?,
                precision,
            });
        }
        #[derive(serde::Deserialize)]
        struct Repr {
            precision: Precision,
            start: String,
            end: String,
        }
        let repr = Repr::deserialize(d)?;
        let day = |s: &str| {
            parse_iso(s)
                .filter(|p| p.precision == Precision::Day)
                .map(|p| p.start)
                .ok_or_else(|| serde::de::Error::custom(format!("invalid date {s:?}")))
        };
        Ok(Period {
            start: day(&repr.start)?,
            end: day(&repr.end)?,
            precision: repr.precision,
        })
    }
}

/// `YYYY-MM-DD`.
pub fn iso_day(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        date.month() as u8,
        date.day()
    )
}

/// Parses `YYYY-MM-DD` (a valid calendar day) or `YYYY`.
pub fn parse_iso(s: &str) -> Option<Period> {
    let s = s.trim();
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        return Period::year(s.parse().ok()?);
    }
    let mut parts = s.get(..10)?.split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    let date = Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()?;
    Some(Period::day(date))
}

/// What a date expression says, before it is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateExpr {
    /// A calendar date, possibly without its year or day ("March 3", "March 2025", "3 March 2025").
    Calendar {
        year: Option<i32>,
        month: Month,
        day: Option<u8>,
    },
    /// A month named alone after a cue ("in May").
    Month(Month),
    /// A day of the week; `strictly_before` after "last".
    Weekday {
        weekday: Weekday,
        strictly_before: bool,
    },
    /// A phrase relative to the reference ("yesterday", "last week").
    Relative { unit: DateUnit, offset: i32 },
}

/// A date expression found in a text: its byte range there and what it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    pub start: usize,
    pub end: usize,
    pub expr: DateExpr,
}

impl DateExpr {
    /// Resolves the expression against a reference period (the article's date), into the past.
    pub fn resolve(self, reference: Option<&Period>) -> Option<Period> {
        let day_ref = reference
            .filter(|r| r.precision == Precision::Day)
            .map(|r| r.end);
        match self {
            DateExpr::Calendar {
                year: Some(year),
                month,
                day,
            } => {
                let period = match day {
                    Some(d) => Period::day(Date::from_calendar_date(year, month, d).ok()?),
                    None => Period::month(year, month)?,
                };
                // A date after the article's is a future event, not when something was said.
                match reference {
                    Some(r) if period.start > r.end => None,
                    _ => Some(period),
                }
            }
            DateExpr::Calendar {
                year: None,
                month,
                day: Some(d),
            } => {
                let today = day_ref?;
                let this_year = Date::from_calendar_date(today.year(), month, d).ok();
                match this_year {
                    Some(date) if date <= today => Some(Period::day(date)),
                    _ => Date::from_calendar_date(today.year() - 1, month, d)
                        .ok()
                        .map(Period::day),
                }
            }
            DateExpr::Calendar {
                year: None,
                day: None,
                month,
            }
            | DateExpr::Month(month) => {
                let today = day_ref?;
                let year = if month as u8 <= today.month() as u8 {
                    today.year()
                } else {
                    today.year() - 1
                };
                Some(Period::month(year, month)?.until(today))
            }
            DateExpr::Weekday {
                weekday,
                strictly_before,
            } => {
                let today = day_ref?;
                let back = (7 + today.weekday().number_days_from_monday()
                    - weekday.number_days_from_monday())
                    % 7;
                let back = if back == 0 && strictly_before {
                    7
                } else {
                    back
                };
                Some(Period::day(today - Duration::days(i64::from(back))))
            }
            DateExpr::Relative { unit, offset } => {
                let today = day_ref?;
                let period = match unit {
                    DateUnit::Day => {
                        Period::day(today.checked_add(Duration::days(i64::from(offset)))?)
                    }
                    DateUnit::Week => {
                        Period::week_of(today.checked_add(Duration::weeks(i64::from(offset)))?)
                    }
                    DateUnit::Month => {
                        let months =
                            today.year() * 12 + i32::from(today.month() as u8 - 1) + offset;
                        let month =
                            Month::try_from(u8::try_from(months.rem_euclid(12) + 1).ok()?).ok()?;
                        Period::month(months.div_euclid(12), month)?
                    }
                    DateUnit::Year => Period::year(today.year() + offset)?,
                };
                Some(period.until(today))
            }
        }
    }
}

/// The date lexicon of a configuration, compiled: finds date expressions in text.
#[derive(Debug, Clone)]
pub struct DateLexicon {
    calendar: Option<Regex>,
    month_cued: Option<Regex>,
    weekday: Option<Regex>,
    relative: Option<Regex>,
    label: Option<Regex>,
    dateline: Option<Regex>,
    wire_only: Option<Regex>,
    iso: Regex,
    months: HashMap<String, Month>,
    weekdays: HashMap<String, Weekday>,
    relatives: HashMap<String, (DateUnit, i32)>,
    past: Vec<String>,
    future: Vec<String>,
    wires: HashMap<String, String>,
}

/// An alternation of literal words, longest first so that "Sept" wins over "Sep".
pub(crate) fn alternation<'a>(words: impl IntoIterator<Item = &'a String>) -> Option<String> {
    let mut words: Vec<&str> = words
        .into_iter()
        .map(|w| w.trim())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return None;
    }
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.dedup();
    Some(
        words
            .iter()
            .map(|w| regex::escape(w).replace(' ', r"\s+"))
            .collect::<Vec<_>>()
            .join("|"),
    )
}

fn compile(pattern: Option<String>) -> Option<Regex> {
    pattern.and_then(|p| match crate::pattern::regex(&p) {
        Ok(re) => Some(re),
        Err(err) => {
            tracing::warn!(%err, "date pattern does not compile; it is not used");
            None
        }
    })
}

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
    Weekday::Saturday,
    Weekday::Sunday,
];

impl DateLexicon {
    /// The lexicon of `config`'s `[dates]`. Compiling it costs as much as reading a hundred
    /// articles, and the corpus, its furniture and the extractor each need one: the last one
    /// compiled is kept and cloned (its regexes are shared) while the `[dates]` stay the same.
    pub fn new(config: &Config) -> DateLexicon {
        static LAST: Mutex<Option<(String, DateLexicon)>> = Mutex::new(None);
        let key = format!("{:?}", config.dates);
        let Ok(mut last) = LAST.lock() else {
            return DateLexicon::build(config);
        };
        if let Some((k, lexicon)) = last.as_ref()
            && *k == key
        {
            return lexicon.clone();
        }
        let lexicon = DateLexicon::build(config);
        *last = Some((key, lexicon.clone()));
        lexicon
    }

    fn build(config: &Config) -> DateLexicon {
        let d = &config.dates;
        let mut months = HashMap::new();
        for (i, names) in d.months.iter().enumerate().take(12) {
            let Ok(month) = Month::try_from(i as u8 + 1) else {
                continue;
            };
            for name in names {
                months.insert(name.trim().to_lowercase(), month);
            }
        }
        let mut weekdays = HashMap::new();
        for (names, &weekday) in d.weekdays.iter().zip(WEEKDAYS.iter()) {
            for name in names {
                weekdays.insert(name.trim().to_lowercase(), weekday);
            }
        }
        let mut relatives = HashMap::new();
        for rel in &d.relative {
            for w in &rel.words {
                relatives.insert(normalize_space(&w.to_lowercase()), (rel.unit, rel.offset));
            }
        }
        let month_alt = alternation(d.months.iter().flatten());
        let weekday_alt = alternation(d.weekdays.iter().flatten());
        let calendar = month_alt.as_ref().map(|m| {
            format!(
                r"\b(?:(?P<m1>{m})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>\d{{4}})\b)?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{m})\b\.?(?:,?\s+(?P<y2>\d{{4}})\b)?|(?P<m3>{m})\.?,?\s+(?P<y3>\d{{4}})\b)"
            )
        });
        let month_cued = match (&month_alt, alternation(&d.month_cues)) {
            (Some(m), Some(cues)) => Some(format!(r"(?i:\b(?:{cues}))[\s-]+(?P<m>{m})\b")),
            _ => None,
        };
        let weekday = weekday_alt.as_ref().map(|w| match alternation(&d.past) {
            Some(past) => format!(r"(?:(?P<past>(?i:\b(?:{past})))\s+)?\b(?P<wd>{w})\b"),
            None => format!(r"\b(?P<wd>{w})\b"),
        });
        let relative = alternation(
            &d.relative
                .iter()
                .flat_map(|r| r.words.clone())
                .collect::<Vec<_>>(),
        )
        .map(|r| format!(r"(?i)\b(?:{r})\b"));
        let label = alternation(&d.labels)
            .map(|l| format!(r"(?i)^\s*(?:{l})\b\s*:?\s*(?:on\s+)?(?P<rest>.{{1,120}})$"));
        let wires = alternation(&d.wire_services);
        let date_bare = month_alt.as_ref().map(|m| {
            format!(
                r"(?:{m})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}\s+(?:{m})\.?(?:,?\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}}"
            )
        });
        // Unbounded: a bounded repetition of a Unicode class compiles to one copy per count
        // (a `{1,40}` here took 40 ms to compile); the line anchor and the date after it
        // keep the match short.
        let place = r"\p{Lu}[\p{Lu}\p{M}.'’ -]+(?:,\s*\p{Lu}[\p{L}.'’ -]+?)?";
        let dateline = date_bare.map(|date| {
            let weekday = weekday_alt
                .as_ref()
                .map(|w| format!(r"(?:(?:{w}),?\s+)?"))
                .unwrap_or_default();
            let wire = wires
                .as_ref()
                .map(|w| format!(r"(?:\s*\((?P<wire>{w})\))?"))
                .unwrap_or_default();
            format!(r"^\s*(?:{place},\s*)?{weekday}(?P<date>{date}){wire}\s*[—–-]{{1,2}}\s")
        });
        let wire_only = wires
            .as_ref()
            .map(|w| format!(r"^\s*{place}\s*\((?P<wire>{w})\)\s*[—–-]{{1,2}}\s"));
        DateLexicon {
            calendar: compile(calendar),
            month_cued: compile(month_cued),
            weekday: compile(weekday),
            relative: compile(relative),
            label: compile(label),
            dateline: compile(dateline),
            wire_only: compile(wire_only),
            iso: crate::pattern::regex(r"\b(\d{4})-(\d{2})-(\d{2})\b").expect("valid"),
            months,
            weekdays,
            relatives,
            past: d.past.iter().map(|w| w.trim().to_lowercase()).collect(),
            future: d.future.iter().map(|w| w.trim().to_lowercase()).collect(),
            wires: d
                .wire_services
                .iter()
                .map(|w| (normalize_space(&w.to_lowercase()), w.trim().to_string()))
                .collect(),
        }
    }

    fn month(&self, name: &str) -> Option<Month> {
        self.months
            .get(&name.trim_end_matches('.').to_lowercase())
            .copied()
    }

    /// Every date expression in `text`, in text order, without overlaps (a calendar date wins
    /// over the weekday or month inside it). Expressions after a `future` word are left out.
    pub fn anchors(&self, text: &str) -> Vec<Anchor> {
        let mut found: Vec<Anchor> = Vec::new();
        let push = |found: &mut Vec<Anchor>, start: usize, end: usize, expr: DateExpr| {
            if !found.iter().any(|a| a.start < end && start < a.end) {
                found.push(Anchor { start, end, expr });
            }
        };
        for c in self.iso.captures_iter(text) {
            let whole = c.get(0).expect("match");
            let parsed = (|| {
                let month = Month::try_from(c[2].parse::<u8>().ok()?).ok()?;
                Some(DateExpr::Calendar {
                    year: Some(c[1].parse().ok()?),
                    month,
                    day: Some(c[3].parse().ok()?),
                })
            })();
            if let Some(expr) = parsed {
                push(&mut found, whole.start(), whole.end(), expr);
            }
        }
        if let Some(re) = &self.calendar {
            for c in re.captures_iter(text) {
                let whole = c.get(0).expect("match");
                let pick = |a: &str, b: &str, d: &str| c.name(a).or(c.name(b)).or(c.name(d));
                let Some(month) = pick("m1", "m2", "m3").and_then(|m| self.month(m.as_str()))
                else {
                    continue;
                };
                let day = c
                    .name("d1")
                    .or(c.name("d2"))
                    .and_then(|d| d.as_str().parse::<u8>().ok());
                if day.is_some_and(|d| !(1..=31).contains(&d)) {
                    continue;
                }
                let year = pick("y1", "y2", "y3").and_then(|y| y.as_str().parse::<i32>().ok());
                if day.is_none() && year.is_none() {
                    continue;
                }
                push(
                    &mut found,
                    whole.start(),
                    whole.end(),
                    DateExpr::Calendar { year, month, day },
                );
            }
        }
        if let Some(re) = &self.month_cued {
            for c in re.captures_iter(text) {
                let m = c.name("m").expect("group");
                if let Some(month) = self.month(m.as_str()) {
                    let whole = c.get(0).expect("match");
                    push(&mut found, whole.start(), m.end(), DateExpr::Month(month));
                }
            }
        }
        if let Some(re) = &self.weekday {
            for c in re.captures_iter(text) {
                let wd = c.name("wd").expect("group");
                let Some(&weekday) = self.weekdays.get(&wd.as_str().to_lowercase()) else {
                    continue;
                };
                let whole = c.get(0).expect("match");
                let strictly_before = c
                    .name("past")
                    .is_some_and(|p| self.past.contains(&p.as_str().to_lowercase()));
                push(
                    &mut found,
                    whole.start(),
                    whole.end(),
                    DateExpr::Weekday {
                        weekday,
                        strictly_before,
                    },
                );
            }
        }
        if let Some(re) = &self.relative {
            for m in re.find_iter(text) {
                let key = normalize_space(&m.as_str().to_lowercase());
                if let Some(&(unit, offset)) = self.relatives.get(&key) {
                    push(
                        &mut found,
                        m.start(),
                        m.end(),
                        DateExpr::Relative { unit, offset },
                    );
                }
            }
        }
        found.retain(|a| !self.after_future_word(&text[..a.start]));
        found.sort_by_key(|a| a.start);
        found
    }

    /// True when `before` ends with one of the `future` words ("next", "until").
    fn after_future_word(&self, before: &str) -> bool {
        let before = normalize_space(&before.to_lowercase());
        let before = before.trim_end();
        self.future.iter().any(|w| {
            before.ends_with(w.as_str())
                && !before[..before.len() - w.len()]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
        })
    }

    /// The first calendar date in `text` that has a day, resolved with `year` when it has none.
    fn first_calendar_day(&self, text: &str, year: Option<i32>) -> Option<Period> {
        self.anchors(text).into_iter().find_map(|a| match a.expr {
            DateExpr::Calendar {
                year: y,
                month,
                day: Some(day),
            } => Date::from_calendar_date(y.or(year)?, month, day)
                .ok()
                .map(Period::day),
            _ => None,
        })
    }

    /// A date given on a labelled line ("Published: March 3, 2025", "Updated 3 March 2025").
    /// `year` completes a date written without one.
    pub fn labelled_date(&self, line: &str, year: Option<i32>) -> Option<Period> {
        let c = self.label.as_ref()?.captures(line.trim())?;
        self.first_calendar_day(&c["rest"], year)
    }

    /// A dateline at the start of a paragraph ("WASHINGTON, March 3, 2025 —", "Mar 3 (Reuters) -"):
    /// the date (completed with `year` when it has none) and the wire service credited, if any.
    pub fn dateline(&self, paragraph: &str, year: Option<i32>) -> Option<Dateline> {
        if let Some(c) = self.dateline.as_ref().and_then(|re| re.captures(paragraph)) {
            let date = self.first_calendar_day(&c["date"], year);
            return Some(Dateline {
                date,
                wire: c.name("wire").map(|w| self.wire_name(w.as_str())),
                end: c.get(0).map_or(0, |m| m.end()),
            });
        }
        let c = self.wire_only.as_ref()?.captures(paragraph)?;
        Some(Dateline {
            date: None,
            wire: Some(self.wire_name(&c["wire"])),
            end: c.get(0).map_or(0, |m| m.end()),
        })
    }

    fn wire_name(&self, credit: &str) -> String {
        let key = normalize_space(&credit.to_lowercase());
        self.wires
            .get(&key)
            .cloned()
            .unwrap_or_else(|| credit.to_string())
    }
}

/// A dateline found at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The date it gives, when it gives one with a known year.
    pub date: Option<Period>,
    /// The wire service it credits ("Reuters").
    pub wire: Option<String>,
    /// Where the dateline ends in the paragraph (bytes).
    pub end: usize,
}

fn normalize_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> DateLexicon {
        DateLexicon::new(&Config::default_config())
    }

    fn day(s: &str) -> Period {
        parse_iso(s).expect("date")
    }

    /// Resolves the single date expression of `text` against `reference`.
    fn resolve(text: &str, reference: &str) -> Option<String> {
        let lex = lexicon();
        let anchors = lex.anchors(text);
        assert!(anchors.len() <= 1, "{text}: {anchors:?}");
        let p = anchors.first()?.expr.resolve(Some(&day(reference)))?;
        Some(format!(
            "{} {}..{}",
            p.precision.as_str(),
            iso_day(p.start),
            iso_day(p.end)
        ))
    }

    #[test]
    fn relative_dates_resolve_into_the_past() {
        // 2025-01-02 is a Thursday.
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                "He said on Tuesday.",
                "2025-01-02",
                Some("day 2024-12-31..2024-12-31"),
            ),
            (
                "He said on Thursday.",
                "2025-01-02",
                Some("day 2025-01-02..2025-01-02"),
            ),
            (
                "He said last Thursday.",
                "2025-01-02",
                Some("day 2024-12-26..2024-12-26"),
            ),
            (
                "He said Friday.",
                "2025-01-02",
                Some("day 2024-12-27..2024-12-27"),
            ),
            (
                "He said yesterday.",
                "2025-01-01",
                Some("day 2024-12-31..2024-12-31"),
            ),
            (
                "He said today.",
                "2025-03-01",
                Some("day 2025-03-01..2025-03-01"),
            ),
            (
                "He said last week.",
                "2025-01-02",
                Some("week 2024-12-23..2024-12-29"),
            ),
            (
                "He said earlier this week.",
                "2025-01-02",
                Some("week 2024-12-30..2025-01-02"),
            ),
            (
                "He said last month.",
                "2025-01-15",
                Some("month 2024-12-01..2024-12-31"),
            ),
            (
                "He said last month.",
                "2025-03-31",
                Some("month 2025-02-01..2025-02-28"),
            ),
            (
                "He said in May.",
                "2025-01-15",
                Some("month 2024-05-01..2024-05-31"),
            ),
            (
                "He said in May.",
                "2025-05-10",
                Some("month 2025-05-01..2025-05-10"),
            ),
            (
                "He said on Dec. 30.",
                "2025-01-02",
                Some("day 2024-12-30..2024-12-30"),
            ),
            (
                "He said on March 3, 2025.",
                "2025-03-04",
                Some("day 2025-03-03..2025-03-03"),
            ),
            (
                "He said last year.",
                "2025-03-04",
                Some("year 2024-01-01..2024-12-31"),
            ),
            ("They will meet next Tuesday.", "2025-01-02", None),
            ("The talks run until Friday.", "2025-01-02", None),
            ("He may say so.", "2025-01-02", None),
            ("The march was long.", "2025-01-02", None),
            ("He said on March 10, 2025.", "2025-03-04", None),
        ];
        for (text, reference, want) in cases {
            assert_eq!(
                resolve(text, reference).as_deref(),
                *want,
                "{text} on {reference}"
            );
        }
    }

    #[test]
    fn without_a_day_reference_relative_dates_stay_unknown() {
        let lex = lexicon();
        let year = Period::year(2025).unwrap();
        for text in [
            "on Tuesday",
            "last week",
            "in May",
            "yesterday",
            "on March 3",
        ] {
            let a = lex.anchors(text);
            assert_eq!(a.len(), 1, "{text}");
            assert_eq!(a[0].expr.resolve(Some(&year)), None, "{text}");
            assert_eq!(a[0].expr.resolve(None), None, "{text}");
        }
        let a = lex.anchors("on March 3, 2025");
        assert_eq!(a[0].expr.resolve(None), Some(day("2025-03-03")));
    }

    #[test]
    fn datelines_and_labels() {
        let lex = lexicon();
        let d = lex
            .dateline("WASHINGTON, March 3, 2025 — President Trump said", None)
            .unwrap();
        assert_eq!(d.date, Some(day("2025-03-03")));
        assert_eq!(d.wire, None);
        let d = lex
            .dateline("KYIV, Ukraine, Tuesday, 4 March 2025 - Officials", None)
            .unwrap();
        assert_eq!(d.date, Some(day("2025-03-04")));
        let d = lex
            .dateline("Mar 3 (Reuters) - Russia said", Some(2025))
            .unwrap();
        assert_eq!(d.date, Some(day("2025-03-03")));
        assert_eq!(d.wire.as_deref(), Some("Reuters"));
        let d = lex.dateline("Mar 3 (Reuters) - Russia said", None).unwrap();
        assert_eq!(d.date, None, "no year, no guess");
        let d = lex
            .dateline("MOSCOW (AP) — The Kremlin said", None)
            .unwrap();
        assert_eq!((d.date, d.wire.as_deref()), (None, Some("AP")));
        assert!(
            lex.dateline("President Trump said on Monday - well", None)
                .is_none()
        );
        assert_eq!(
            lex.labelled_date("Published: March 3, 2025 at 10:04 a.m. ET", None),
            Some(day("2025-03-03"))
        );
        assert_eq!(
            lex.labelled_date("Updated 4 March 2025", None),
            Some(day("2025-03-04"))
        );
        assert_eq!(lex.labelled_date("Updated 3:45 PM", Some(2025)), None);
        assert_eq!(
            lex.labelled_date("Date: 2025-03-01", None),
            Some(day("2025-03-01"))
        );
    }

    #[test]
    fn periods_are_honest_about_precision() {
        let y = parse_iso("2025").unwrap();
        assert_eq!(
            (y.precision, y.iso()),
            (Precision::Year, "2025".to_string())
        );
        assert_eq!(iso_day(y.end), "2025-12-31");
        assert_eq!(parse_iso("2025-02-30"), None);
        assert_eq!(parse_iso("soon"), None);
    }
}
