//! The whole extraction of one article from arbitrary bytes: decode as the loader does, parse
//! (as text or Markdown, chosen by the first byte), segment, extract. It must never panic, and
//! every span must index the text with every claim's evidence equal to the text at its span.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use standpoint::corpus::{self, BoilerplateMatcher};
use standpoint::extract::Extractor;
use standpoint::{Config, text};

static ENGINE: LazyLock<(BoilerplateMatcher, Extractor)> = LazyLock::new(|| {
    let config = Config::default_config();
    (BoilerplateMatcher::new(&config), Extractor::new(&config))
});

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else {
        return;
    };
    let name = if kind % 2 == 0 { "fuzz.txt" } else { "fuzz.md" };
    let Ok(body) = corpus::decode(bytes.to_vec()) else {
        return;
    };
    let (matcher, extractor) = &*ENGINE;
    let doc = corpus::parse_document(name, body, matcher);
    let segmented = text::segment(&doc);
    for s in &segmented.sentences {
        assert!(
            doc.text.get(s.span.range()).is_some(),
            "sentence {:?}",
            s.span
        );
    }
    for claim in extractor.extract(&doc, &segmented).claims {
        assert_eq!(
            doc.text.get(claim.span.range()),
            Some(claim.evidence.as_str())
        );
        assert!(claim.sentence < segmented.sentences.len());
    }
});
