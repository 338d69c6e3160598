//! Cue lexicons compiled to word-boundary matchers.

use crate::config::Config;

#[derive(Debug)]
pub(super) struct CueLexicon {}

impl CueLexicon {
    pub(super) fn new(_config: &Config) -> Self {
        CueLexicon {}
    }
}
