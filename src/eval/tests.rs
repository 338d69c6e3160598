//! The matcher on tiny hand-written gold sets and predictions.

use sha2::{Digest, Sha256};

use super::*;
use crate::extract::{ActorRef, Stance};
use crate::text::Span;

const FILE: &str = "talks.txt";
const TEXT: &str = "Talks in Geneva\n\nThe Freedonian minister said on Monday that her \
                    government would back a truce before the summit.\n\nShe did not say more.\n";
const PHRASE: &str = "would back a truce before the summit";

/// A gold set on `talks.txt` with the given claims (JSON objects).
fn gold(claims: &str) -> Gold {
    let json = format!(
        r#"{{"actors": {{"freedonia": "freedonia", "jones": "\\bjones\\b"}},
             "articles": [{{"file": "{FILE}", "claims": [{claims}]}}]}}"#
    );
    Gold::parse(json.as_bytes(), "test.json").expect("a valid gold set")
}

fn claim(stances: &str, required: bool) -> String {
    format!(
        r#"{{"actors": ["freedonia"], "topic": "ceasefire", "stances": [{stances}],
             "evidence": "{PHRASE}", "required": {required}}}"#
    )
}

fn pred(actor: &str, stance: Stance, evidence: &str) -> Prediction {
    Prediction {
        file: FILE.into(),
        actor: ActorRef {
            id: actor.to_lowercase(),
            name: actor.into(),
        },
        topic: "ceasefire".into(),
        stance,
        evidence: evidence.into(),
        span: None,
    }
}

/// The sentence of `TEXT` that holds the phrase, with its span.
fn sentence() -> (String, Span) {
    let start = TEXT.find("The Freedonian").unwrap();
    let end = TEXT.find("summit.").unwrap() + "summit.".len();
    (TEXT[start..end].to_string(), Span::new(start, end))
}

fn texts() -> Texts {
    let mut texts = Texts::default();
    texts.insert(FILE, TEXT);
    texts
}

fn counts(s: &Scores) -> (usize, usize, usize, usize) {
    (s.matched, s.predicted, s.found, s.required)
}

#[test]
fn a_prediction_on_the_passage_with_an_accepted_stance_matches() {
    let gold = gold(&claim(r#""support", "conditional""#, true));
    let (sentence, _) = sentence();
    let report = score(
        &gold,
        &[pred("Freedonia", Stance::Support, &sentence)],
        None,
    )
    .unwrap();
    assert_eq!(counts(&report.claims), (1, 1, 1, 1));
    assert_eq!(report.claims.f1(), 1.0);
    assert!(report.misses.is_empty() && report.extras.is_empty());
    assert_eq!(report.spans, None, "no span check without the corpus");
}

#[test]
fn evidence_matches_across_case_quotes_and_white_space() {
    let gold = gold(&claim(r#""support""#, true));
    let evidence = "She said: \u{201c}We WOULD back a truce\n  before the summit.\u{201d}";
    let report = score(&gold, &[pred("Freedonia", Stance::Support, evidence)], None).unwrap();
    assert_eq!(counts(&report.claims), (1, 1, 1, 1));
    assert_eq!(
        norm(" \u{2018}A\u{2014}b\u{2019}\t\u{a0}C\u{1f}d "),
        "'a-b' c d"
    );
}

#[test]
fn another_stance_is_a_miss_and_an_error_but_not_for_attribution() {
    let gold = gold(&claim(r#""support""#, true));
    let (sentence, _) = sentence();
    let report = score(&gold, &[pred("Freedonia", Stance::Oppose, &sentence)], None).unwrap();
    assert_eq!(counts(&report.claims), (0, 1, 0, 1));
    assert_eq!(report.claims.f1(), 0.0);
    assert_eq!(report.missed_by_cause, vec![(Cause::OtherStance, 1)]);
    assert_eq!(report.flipped, 1, "oppose for a gold support");
    assert_eq!(counts(&report.attribution), (1, 1, 1, 1));
    assert_eq!(report.misses[0].near, ["freedonia/ceasefire/oppose"]);
    assert_eq!(report.extras.len(), 1);
}

#[test]
fn another_actor_or_topic_is_named_as_the_cause() {
    let gold = gold(&claim(r#""support""#, true));
    let (sentence, _) = sentence();
    let by_jones = pred("Jones", Stance::Support, &sentence);
    let report = score(&gold, &[by_jones], None).unwrap();
    assert_eq!(report.missed_by_cause, vec![(Cause::OtherActor, 1)]);
    assert_eq!(counts(&report.attribution), (0, 1, 0, 1));
    let mut other_topic = pred("Freedonia", Stance::Support, &sentence);
    other_topic.topic = "us-troops".into();
    let report = score(&gold, &[other_topic], None).unwrap();
    assert_eq!(report.missed_by_cause, vec![(Cause::OtherTopic, 1)]);
    let elsewhere = pred("Freedonia", Stance::Support, "She did not say more.");
    let report = score(&gold, &[elsewhere], None).unwrap();
    assert_eq!(report.missed_by_cause, vec![(Cause::NoClaim, 1)]);
    assert_eq!(report.flipped, 0);
}

#[test]
fn matching_an_optional_claim_is_not_an_error_and_missing_one_is_not_counted() {
    let optional = r#"{"actors": ["jones"], "topic": "ceasefire", "stances": ["support"],
                       "evidence": "She did not say more", "required": false}"#;
    let gold = gold(&format!("{}, {optional}", claim(r#""support""#, true)));
    let (sentence, _) = sentence();
    let found = pred("Freedonia", Stance::Support, &sentence);
    let report = score(&gold, std::slice::from_ref(&found), None).unwrap();
    assert_eq!(
        counts(&report.claims),
        (1, 1, 1, 1),
        "the optional miss is not counted"
    );
    assert!(!report.misses[0].required);
    let jones = pred("Jones", Stance::Support, "She did not say more.");
    let report = score(&gold, &[found, jones], None).unwrap();
    assert_eq!(
        counts(&report.claims),
        (2, 2, 1, 1),
        "the optional match is no error"
    );
    assert_eq!(report.claims.precision(), 1.0);
}

#[test]
fn an_unclear_prediction_is_left_out_of_precision() {
    let gold = gold(&claim(r#""support""#, true));
    let (sentence, _) = sentence();
    let preds = [
        pred("Freedonia", Stance::Support, &sentence),
        pred("Jones", Stance::Unclear, "She did not say more."),
    ];
    let report = score(&gold, &preds, None).unwrap();
    assert_eq!(counts(&report.claims), (1, 1, 1, 1));
    assert!(
        report.extras.is_empty(),
        "unclear claims are not listed as extra"
    );
    assert_eq!(
        counts(&report.attribution),
        (1, 2, 1, 1),
        "but who said it counts"
    );
}

#[test]
fn with_the_corpus_a_span_covering_half_the_phrase_matches() {
    let gold = gold(&claim(r#""support""#, true));
    let start = TEXT.find("would back").unwrap();
    let half = Span::new(start, start + "would back a truce".len());
    let mut covering = pred("Freedonia", Stance::Support, &TEXT[half.range()]);
    covering.span = Some(half);
    let preds = [covering];
    let report = score(&gold, &preds, None).unwrap();
    assert_eq!(
        counts(&report.claims),
        (0, 1, 0, 1),
        "the phrase is not in the evidence"
    );
    let report = score(&gold, &preds, Some(&texts())).unwrap();
    assert_eq!(counts(&report.claims), (1, 1, 1, 1));
    assert_eq!(report.spans.map(|s| (s.differing, s.claims)), Some((0, 1)));
    let mut short = preds[0].clone();
    short.span = Some(Span::new(start, start + "would back a".len()));
    let report = score(&gold, &[short], Some(&texts())).unwrap();
    assert_eq!(counts(&report.claims), (0, 1, 0, 1), "less than half");
    assert_eq!(report.spans.map(|s| s.differing), Some(1));
}

/// A gold set whose claim gives its evidence as the span of the phrase.
fn spanned_gold(sha256: &str) -> Result<Gold, EvalError> {
    let start = TEXT.find(PHRASE).unwrap();
    let end = start + PHRASE.len();
    let json = format!(
        r#"{{"actors": {{"freedonia": "freedonia"}}, "articles": [{{"file": "{FILE}",
             "sha256": "{sha256}", "claims": [{{"actors": ["freedonia"], "topic": "ceasefire",
             "stances": ["support"], "span": [{start}, {end}], "required": true}}]}}]}}"#
    );
    Gold::parse(json.as_bytes(), "spans.json")
}

#[test]
fn gold_spans_are_read_from_the_corpus_whose_sha256_must_match() {
    let sha: String = Sha256::digest(TEXT.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let gold = spanned_gold(&sha).unwrap();
    let (sentence, span) = sentence();
    let mut found = pred("Freedonia", Stance::Support, &sentence);
    found.span = Some(span);
    let report = score(&gold, std::slice::from_ref(&found), Some(&texts())).unwrap();
    assert_eq!(counts(&report.claims), (1, 1, 1, 1));

    let err = score(&gold, std::slice::from_ref(&found), None).unwrap_err();
    assert!(
        err.to_string().contains("talks.txt is not in the corpus"),
        "{err}"
    );
    let mut edited = Texts::default();
    edited.insert(FILE, TEXT.replace("Monday", "Sunday"));
    let err = score(&gold, &[found], Some(&edited)).unwrap_err();
    assert!(err.to_string().contains("sha256 differs"), "{err}");
}

#[test]
fn a_gold_span_outside_the_text_is_an_error() {
    let json = format!(
        r#"{{"actors": {{"a": "a"}}, "articles": [{{"file": "{FILE}", "claims": [{{
             "actors": ["a"], "topic": "t", "stances": ["support"], "span": [5, 9999],
             "required": true}}]}}]}}"#
    );
    let gold = Gold::parse(json.as_bytes(), "far.json").unwrap();
    let err = score(&gold, &[], Some(&texts())).unwrap_err();
    assert!(
        err.to_string()
            .contains("no UTF-8 text at the gold span [5, 9999]"),
        "{err}"
    );
}

#[test]
fn bad_gold_sets_are_refused_with_the_problem() {
    let refused = |json: &str| {
        Gold::parse(json.as_bytes(), "bad.json")
            .unwrap_err()
            .to_string()
    };
    assert!(refused("{not json").starts_with("gold file bad.json is not JSON"));
    let err = refused(r#"{"actors": {}}"#);
    assert!(
        err.contains("is not a gold set: missing field `articles`"),
        "{err}"
    );
    let err = refused(r#"{"actors": {"a": "("}, "articles": []}"#);
    assert!(err.contains("actors.a: bad pattern"), "{err}");
    let article = |claim: &str| {
        format!(
            r#"{{"actors": {{"a": "a"}}, "articles": [{{"file": "x.txt", "claims": [{claim}]}}]}}"#
        )
    };
    let err = refused(&article(
        r#"{"actors": ["a"], "topic": "t", "stances": ["neutral"], "evidence": "e", "required": true}"#,
    ));
    assert!(
        err.contains("articles[0] (x.txt), claims[0]: unknown stance \"neutral\""),
        "{err}"
    );
    let err = refused(&article(
        r#"{"actors": ["b"], "topic": "t", "stances": ["oppose"], "evidence": "e", "required": true}"#,
    ));
    assert!(err.contains("actor \"b\" has no pattern"), "{err}");
    let err = refused(&article(
        r#"{"actors": ["a"], "topic": "t", "stances": ["oppose"], "required": true}"#,
    ));
    assert!(err.contains("neither \"evidence\" nor \"span\""), "{err}");
}

#[test]
fn actors_match_on_id_and_name_with_dashes_as_spaces() {
    let json = format!(
        r#"{{"actors": {{"wh": "white house|\\bu\\.?s\\.?\\b"}}, "articles": [{{"file": "{FILE}",
             "claims": [{{"actors": ["wh"], "topic": "ceasefire", "stances": ["support"],
             "evidence": "{PHRASE}", "required": true}}]}}]}}"#
    );
    let gold = Gold::parse(json.as_bytes(), "actors.json").unwrap();
    let (sentence, _) = sentence();
    for (id, name) in [
        ("white-house", "The Press Office"),
        ("x_y", "U.S. officials"),
    ] {
        let mut p = pred("x", Stance::Support, &sentence);
        p.actor = ActorRef {
            id: id.into(),
            name: name.into(),
        };
        let report = score(&gold, &[p], None).unwrap();
        assert_eq!(report.claims.found, 1, "{id} / {name}");
    }
}

#[test]
fn the_report_prints_the_lines_of_score_py_and_lists_errors_when_alternate() {
    let gold = gold(&claim(r#""support""#, true));
    let (sentence, _) = sentence();
    let report = score(&gold, &[pred("Freedonia", Stance::Oppose, &sentence)], None).unwrap();
    let text = report.to_string();
    assert_eq!(
        text,
        "missed required:   1 the right actor and topic, another stance\n\
         flipped:   1 claims give a gold position the opposite polarity\n\
         attribution: F1 1.000 (precision 1.000 = 1/1, recall 1.000 = 1/1)\n\
         claims: F1 0.000 (precision 0.000 = 0/1, recall 0.000 = 0/1)\n"
    );
    let verbose = format!("{report:#}");
    assert!(verbose.starts_with(&format!(
        "MISS talks.txt freedonia/ceasefire/support: \"{PHRASE}\" -> freedonia/ceasefire/oppose\n\
         EXTRA talks.txt freedonia/ceasefire/oppose: \"The Freedonian minister"
    )), "{verbose}");
    assert!(verbose.ends_with(&text));
}
