//! Evaluation: extracted claims scored against a gold set, by exactly the rules of
//! `shared/eval/score.py` (see `docs/eval.md`).
//!
//! [`Gold::load`] reads and checks a gold file; [`Texts::read`] reads the annotated articles'
//! bytes from the corpus folder; [`score`] matches [`predictions`] (an index's claims) against
//! the gold claims and returns a [`Report`], whose `Display` is the command's output.

mod gold;
mod matcher;
mod report;
#[cfg(test)]
mod tests;

pub use gold::{Evidence, Gold, GoldArticle, GoldClaim, Texts};
pub use matcher::{Prediction, predictions, score};
pub use report::{Cause, Extra, Miss, Report, Scores, SpanCheck};

/// Why a gold set could not be used.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read gold file {path}: {error}")]
    Read { path: String, error: std::io::Error },
    #[error("gold file {path} is not JSON: {error}")]
    NotJson {
        path: String,
        error: serde_json::Error,
    },
    #[error("gold file {path} is not a gold set: {message}")]
    Shape { path: String, message: String },
    #[error("gold file {path}: {file} {problem}")]
    Text {
        path: String,
        file: String,
        problem: String,
    },
}

/// Text as evidence is compared: lower-cased, curly quotes and dashes made plain, runs of white
/// space as one space, trimmed (`norm` in score.py, whose white space is Python's).
pub(crate) fn norm(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.to_lowercase().chars() {
        let c = match c {
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        };
        if c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c) {
            gap = true;
            continue;
        }
        if gap && !out.is_empty() {
            out.push(' ');
        }
        gap = false;
        out.push(c);
    }
    out
}
