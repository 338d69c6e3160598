//! Users' own topics read with the shipped cue lexicons: a school phone ban, with a minister, a
//! union leader and a head teacher the configuration names. Each construction has its sentences
//! and its negatives, all written for these tests.

use crate::support::reading::{claims_with, own_config};
use standpoint::{Config, Stance};

const PHONE_BAN: &str = r#"
[[topics]]
id = "phone-ban"
name = "Phone ban in schools"
terms = ["\\bphone ban\\b", "\\bban on (?:mobile )?phones\\b"]

[[actors]]
id = "hart"
name = "Nadia Hart"
kind = "person"
gender = "female"
aliases = ["Nadia Hart", "Hart"]
roles = ["education secretary", "minister"]

[[actors]]
id = "cole"
name = "Peter Cole"
kind = "person"
gender = "male"
aliases = ["Peter Cole", "Cole"]
roles = ["general secretary"]

[[actors]]
id = "okoro"
name = "Ada Okoro"
kind = "person"
gender = "female"
aliases = ["Ada Okoro", "Okoro"]
roles = ["headteacher"]
"#;

/// The shipped limits and cue lexicons around the phone-ban topic and actors.
fn config() -> Config {
    own_config(PHONE_BAN)
}

/// `first` and `last` as the first and last paragraphs of an article, with `n` unrelated
/// paragraphs between.
fn far_apart(first: &str, n: usize, last: &str) -> String {
    let filler = "Pupils returned to class.\n\n".repeat(n);
    format!("{first}\n\n{filler}{last}")
}

/// Every (actor, stance) on the phone ban in `article`.
fn positions(article: &str) -> Vec<(String, Stance)> {
    claims_with(&config(), article)
        .into_iter()
        .filter(|c| c.topic == "phone-ban")
        .map(|c| (c.actor.id.clone(), c.stance))
        .collect()
}

/// The stance of `actor` on the phone ban in `article`; the first of several.
fn stance(article: &str, actor: &str) -> Option<Stance> {
    positions(article)
        .into_iter()
        .find(|(a, _)| a == actor)
        .map(|(_, s)| s)
}

/// The side `actor` takes on the phone ban in `article`, if any: not "unclear", which an article
/// about one topic gives anyone who judges something without naming it.
fn side(article: &str, actor: &str) -> Option<Stance> {
    positions(article)
        .into_iter()
        .find(|(a, s)| a == actor && *s != Stance::Unclear)
        .map(|(_, s)| s)
}

#[test]
fn a_configured_role_names_the_person_who_holds_it() {
    let article = "Ministers met unions on Monday.\n\nNadia Hart spoke after Peter Cole.\n\n\
                   The education secretary said she backed a phone ban.";
    assert_eq!(stance(article, "hart"), Some(Stance::Support));
    assert_eq!(stance(article, "cole"), None);
    // A modifier before the role: "the new headteacher".
    let article = "Ada Okoro took over the school in May.\n\n\
                   The new headteacher said a phone ban would harm pupils.";
    assert_eq!(stance(article, "okoro"), Some(Stance::Oppose));
    // A configured role nobody named holds is no one's: not the last person named.
    let article = "Peter Cole arrived late.\n\nThe headteacher said she backed a phone ban.";
    assert_eq!(positions(article), Vec::new());
}

#[test]
fn the_head_noun_of_a_named_topic_refers_back_to_it() {
    let article = "Schools brace for a phone ban\n\n\
                   Nadia Hart announced a phone ban on Monday.\n\n\
                   Peter Cole said the ban would not work.\n\n\
                   Ada Okoro said the new ban was long overdue.";
    assert_eq!(stance(article, "cole"), Some(Stance::Oppose));
    assert_eq!(stance(article, "okoro"), Some(Stance::Support));
    // Another ban, named by other words, is another thing.
    for other in [
        "Peter Cole said a social media ban would harm pupils.",
        "Peter Cole said the ban on crisps would harm pupils.",
        "Peter Cole said bans would harm pupils.",
    ] {
        let article = format!("Nadia Hart announced a phone ban.\n\n{other}");
        assert_eq!(side(&article, "cole"), None, "{other}");
    }
    // Far from where the topic was named, "the ban" still stands for the one topic the article
    // has named (a policy noun, as "the bill" does).
    let article = far_apart(
        "Nadia Hart announced a phone ban.",
        12,
        "Peter Cole said the ban would harm pupils.",
    );
    assert_eq!(side(&article, "cole"), Some(Stance::Oppose));
}

#[test]
fn a_paragraph_opening_with_a_quote_mark_goes_on_quoting_the_speaker_before() {
    let article = "Nadia Hart said: “We will bring in guidance for every school.”\n\n\
                   “A phone ban is the right thing for our pupils and their teachers.”";
    assert_eq!(stance(article, "hart"), Some(Stance::Support));
    // Unless the paragraph names its own speaker.
    let article = "Nadia Hart said: “We will bring in guidance for every school.”\n\n\
                   “A phone ban is the right thing for our pupils,” a parent said.";
    assert_eq!(stance(article, "hart"), None);
    // And a paragraph that opens otherwise starts afresh.
    let article = "Nadia Hart said: “We will bring in guidance for every school.”\n\n\
                   Later, “a phone ban is the right thing for our pupils” was painted on a wall.";
    assert_eq!(stance(article, "hart"), None);
}

#[test]
fn attacking_stopping_or_doubting_a_policy_opposes_it_and_bringing_it_in_supports_it() {
    let oppose = [
        "Peter Cole attacked the phone ban.",
        "Peter Cole hit out at the phone ban.",
        "Peter Cole criticised the phone ban as a gimmick.",
        "Peter Cole said the phone ban should be shelved.",
        "Peter Cole said the phone ban won't work.",
        "Peter Cole said the phone ban was unenforceable.",
        "Peter Cole said he was concerned that a phone ban would fail pupils.",
    ];
    for article in oppose {
        assert_eq!(stance(article, "cole"), Some(Stance::Oppose), "{article}");
    }
    let support = [
        "Nadia Hart said she would introduce a phone ban.",
        "Nadia Hart will roll out a phone ban in September.",
        "Nadia Hart said she would press ahead with a phone ban.",
    ];
    for article in support {
        assert_eq!(stance(article, "hart"), Some(Stance::Support), "{article}");
    }
    // Attacking something else is not attacking the ban.
    assert_eq!(
        stance(
            "Peter Cole attacked the cuts but backed the phone ban.",
            "cole"
        ),
        Some(Stance::Support)
    );
}

#[test]
fn a_policy_noun_refers_back_to_a_topic_the_reporter_named() {
    // Nobody takes a position in the first sentence; "the scheme" still points back to it.
    let article = "The phone ban comes into force next term.\n\n\
                   Peter Cole argued the scheme was illegal.";
    assert_eq!(stance(article, "cole"), Some(Stance::Oppose));
    let article = "The phone ban comes into force next term.\n\n\
                   Nadia Hart vowed to target the policy's critics.";
    assert_ne!(stance(article, "hart"), Some(Stance::Oppose));
    // Out of reach, only to the article's one topic: see
    // out_of_reach_a_policy_noun_stands_for_the_only_topic_named.
}

#[test]
fn targeting_a_policy_opposes_it() {
    assert_eq!(
        stance("Peter Cole made a promise to target the phone ban.", "cole"),
        Some(Stance::Oppose)
    );
}

#[test]
fn a_speaker_named_after_what_was_said_holds_it() {
    for (article, actor, held) in [
        (
            "The phone ban is a mistake, Peter Cole said.",
            "cole",
            Stance::Oppose,
        ),
        (
            "The phone ban is long overdue, said Nadia Hart on Monday.",
            "hart",
            Stance::Support,
        ),
        (
            "A phone ban would harm pupils, Cole told reporters in Leeds.",
            "cole",
            Stance::Oppose,
        ),
        (
            "A phone ban would harm pupils, said Peter Cole, the union's general secretary.",
            "cole",
            Stance::Oppose,
        ),
    ] {
        assert_eq!(stance(article, actor), Some(held), "{article}");
    }
    // A clause of its own after the name is not a speaker's tag.
    let article = "Once the phone ban began, Peter Cole said he would retire.";
    assert!(
        matches!(stance(article, "cole"), None | Some(Stance::Unclear)),
        "{article}"
    );
    // Nor is a name after a speaker the sentence already had.
    let article = "Nadia Hart said that if the phone ban is a mistake, Cole says so.";
    assert_ne!(stance(article, "cole"), Some(Stance::Oppose), "{article}");
}

#[test]
fn a_noun_the_topic_was_named_under_refers_back_to_it() {
    // "the rules for a phone ban": "the rules" stands for the ban afterwards.
    let article = "Nadia Hart published the rules for a phone ban.\n\n\
                   Peter Cole said the rules would harm pupils.";
    assert_eq!(stance(article, "cole"), Some(Stance::Oppose));
    // Rules of another kind, or a noun with no determiner, are another thing.
    for other in [
        "Peter Cole said the rules on uniforms would harm pupils.",
        "Peter Cole said new rules would harm pupils.",
    ] {
        let article = format!("Nadia Hart published the rules for a phone ban.\n\n{other}");
        assert_ne!(stance(&article, "cole"), Some(Stance::Oppose), "{other}");
    }
    // "the impact of" names no rule: the impact is not the ban.
    let article = "Nadia Hart studied the impact of a phone ban.\n\n\
                   Peter Cole said the impact would harm pupils.";
    assert_ne!(stance(article, "cole"), Some(Stance::Oppose));
}

#[test]
fn it_judged_right_after_the_topic_is_named_is_the_topic() {
    for (judgement, side) in [
        ("it would be a disaster for pupils", Stance::Oppose),
        (
            "it was an outrageous attempt to grab headlines",
            Stance::Oppose,
        ),
        ("it is long overdue", Stance::Support),
    ] {
        let article = format!("The phone ban starts in May.\n\nPeter Cole said {judgement}.");
        assert_eq!(stance(&article, "cole"), Some(side), "{judgement}");
    }
    // A bare negation judges nothing; and two sentences on, "it" is something else.
    let article = "The phone ban starts in May.\n\nPeter Cole said it was not clear when.";
    assert_ne!(stance(article, "cole"), Some(Stance::Oppose));
    let article = "The phone ban starts in May.\n\nPupils returned to class.\n\n\
                   Peter Cole said it was a disaster.";
    assert_ne!(stance(article, "cole"), Some(Stance::Oppose));
}

#[test]
fn unveiling_a_policy_supports_it_and_suing_ditching_or_criticising_it_opposes_it() {
    for article in [
        "Nadia Hart unveiled a phone ban for every school.",
        "Nadia Hart said a phone ban was common sense.",
        "Ada Okoro applauded the phone ban.",
    ] {
        let holder = if article.starts_with("Ada") {
            "okoro"
        } else {
            "hart"
        };
        assert_eq!(stance(article, holder), Some(Stance::Support), "{article}");
    }
    for article in [
        "Peter Cole threatened legal action over the phone ban.",
        "Peter Cole, a critic of the phone ban, spoke on Monday.",
        "Peter Cole urged ministers to ditch the phone ban.",
        "Peter Cole said the phone ban would be a disaster.",
        "Peter Cole raised concerns about the phone ban.",
    ] {
        assert_eq!(stance(article, "cole"), Some(Stance::Oppose), "{article}");
    }
    // Unveiling something else, next to the ban, is not backing it.
    let article = "Nadia Hart unveiled a statue, days after the phone ban began.";
    assert_ne!(stance(article, "hart"), Some(Stance::Support));
}

#[test]
fn a_side_taken_in_an_article_about_one_topic_says_who_spoke_but_not_which_side() {
    // The topic is not named in the sentence and nothing points back to it: the speaker is
    // shown on the topic, with no side read from a word that may be about something else.
    let article = "The phone ban starts in May.\n\nAda Okoro said the timing was damaging.";
    assert_eq!(stance(article, "okoro"), Some(Stance::Unclear));
}

#[test]
fn speech_in_single_quotes_is_a_quote() {
    for article in [
        "Peter Cole said: 'A phone ban would be a mistake for every school.'",
        "‘A phone ban would be a mistake for every school,’ Peter Cole said.",
        "Peter Cole wrote: ‘A phone ban would be a mistake for every school.’",
    ] {
        let claims = claims_with(&config(), article);
        let cole: Vec<_> = claims.iter().filter(|c| c.actor.id == "cole").collect();
        assert_eq!(cole.len(), 1, "{article}");
        assert_eq!(cole[0].kind, standpoint::ClaimKind::Quote, "{article}");
        assert_eq!(cole[0].stance, Stance::Oppose, "{article}");
    }
    // Apostrophes open and close nothing: the sentence is Cole's own reported speech.
    let article = "Peter Cole said it’s time the unions’ view of a phone ban was heard.";
    let claims = claims_with(&config(), article);
    assert!(
        claims
            .iter()
            .all(|c| c.kind != standpoint::ClaimKind::Quote),
        "{claims:?}"
    );
}

#[test]
fn the_holders_of_a_noun_of_support_back_the_topic() {
    for article in [
        "The phone ban gained the support of Peter Cole.",
        "The phone ban has won the backing of Peter Cole.",
        "Nadia Hart brought in the phone ban with the support of Peter Cole.",
    ] {
        assert_eq!(stance(article, "cole"), Some(Stance::Support), "{article}");
    }
    // Cole's support for something else is not support for the ban.
    let article = "The phone ban began as the uniform rules gained the support of Peter Cole.";
    assert_ne!(stance(article, "cole"), Some(Stance::Support));
}

#[test]
fn a_plan_for_a_policy_is_its_owners_position_not_the_speakers() {
    let article = "Nadia Hart's plan for a phone ban was costed.";
    assert_eq!(stance(article, "hart"), Some(Stance::Support));
    // Cole reports Hart's plan: the plan is Hart's side, and says nothing of Cole's.
    let article = "Peter Cole said Nadia Hart's plan for a phone ban was costed.";
    assert_eq!(stance(article, "hart"), Some(Stance::Support));
    assert_ne!(stance(article, "cole"), Some(Stance::Support));
    // Cole's own plan is his.
    let article = "Peter Cole said his plan for a phone ban was costed.";
    assert_eq!(stance(article, "cole"), Some(Stance::Support));
}

#[test]
fn supporters_or_critics_of_a_policy_listed_by_name_hold_that_side() {
    let article = "Supporters of the phone ban include Peter Cole and Ada Okoro.";
    assert_eq!(stance(article, "cole"), Some(Stance::Support));
    assert_eq!(stance(article, "okoro"), Some(Stance::Support));
    let article = "Critics of the phone ban included Peter Cole.";
    assert_eq!(stance(article, "cole"), Some(Stance::Oppose));
    // Details of the ban are no side.
    let article = "Details of the phone ban include Peter Cole's timetable.";
    assert_eq!(side(article, "cole"), None);
}

#[test]
fn the_plan_after_a_refusal_is_the_thing_proposed_not_the_refusal() {
    let refused = "Peter Cole voted against the phone ban on Monday.\n\n";
    let against = format!("{refused}Nadia Hart said she could not back the plan.");
    assert_eq!(side(&against, "hart"), Some(Stance::Oppose));
    let behind = format!("{refused}Nadia Hart said she backs the plan.");
    assert_eq!(side(&behind, "hart"), Some(Stance::Support));
    // A suggestion may be a refusal: answering it keeps the other side's polarity.
    let suggested = "Peter Cole suggested there should be no phone ban.\n\n\
                     Nadia Hart pushed back on that suggestion.";
    assert_eq!(side(suggested, "hart"), Some(Stance::Support));
}

#[test]
fn out_of_reach_a_policy_noun_stands_for_the_only_topic_named() {
    let far = |last: &str| far_apart("Nadia Hart announced a phone ban.", 12, last);
    assert_eq!(
        side(&far("Peter Cole criticised the policy."), "cole"),
        Some(Stance::Oppose)
    );
    assert_eq!(
        side(&far("Ada Okoro praised the legislation."), "okoro"),
        Some(Stance::Support)
    );
    // Not a pronoun: "it" reaches back one sentence only.
    assert_eq!(side(&far("Peter Cole criticised it."), "cole"), None);
    // Not when the article has named another topic too.
    let config = own_config(&format!(
        "{PHONE_BAN}\n[[topics]]\nid = \"uniform\"\nname = \"School uniform\"\nterms = [\"\\\\buniforms?\\\\b\"]\n"
    ));
    let article = far_apart(
        "Nadia Hart announced a phone ban and new rules on uniforms.",
        12,
        "Peter Cole criticised the policy.",
    );
    let sides: Vec<_> = claims_with(&config, &article)
        .into_iter()
        .filter(|c| c.actor.id == "cole" && c.stance != Stance::Unclear)
        .collect();
    assert!(sides.is_empty(), "{sides:?}");
}

#[test]
fn a_subject_behind_a_short_description_in_plain_words_holds_the_clause() {
    for opening in [
        "Union leader Peter Cole",
        "Veteran campaigner Peter Cole",
        "The former union boss Peter Cole",
    ] {
        let article = format!("{opening} voted against the phone ban.");
        assert_eq!(stance(&article, "cole"), Some(Stance::Oppose), "{opening}");
    }
    // Not an object after a verb, an adverb or a pronoun.
    for article in [
        "Hart directly accused Peter Cole of blocking the phone ban.",
        "Nor did it stop Peter Cole from opposing the phone ban.",
        "Hart told Peter Cole she was against the phone ban.",
    ] {
        assert_eq!(side(article, "cole"), None, "{article}");
    }
}

#[test]
fn opposition_met_or_expected_is_not_the_speakers() {
    for article in [
        "Nadia Hart said she was surprised at the level of opposition to the phone ban.",
        "Nadia Hart said she had expected opposition to the phone ban to grow.",
        "Nadia Hart said the phone ban faced opposition from parents.",
    ] {
        assert_ne!(stance(article, "hart"), Some(Stance::Oppose), "{article}");
    }
    let article = "Peter Cole restated his opposition to the phone ban.";
    assert_eq!(stance(article, "cole"), Some(Stance::Oppose));
}

#[test]
fn ending_a_ban_on_the_topic_or_leading_it_is_for_it_and_calling_it_futile_is_against() {
    let config = own_config(
        "[[topics]]\nid = \"rent-cap\"\nname = \"Rent cap\"\nterms = [\"\\\\brent caps?\\\\b\"]\n\n\
         [[actors]]\nid = \"cole\"\nname = \"Peter Cole\"\nkind = \"person\"\naliases = [\"Cole\"]\n",
    );
    let stance_of = |article: &str| {
        claims_with(&config, article)
            .into_iter()
            .find(|c| c.actor.id == "cole")
            .map(|c| c.stance)
    };
    for (article, held) in [
        (
            "Cole said voters should lift the ban on rent caps.",
            Stance::Support,
        ),
        (
            "Cole said voters should lift the statewide rent cap ban.",
            Stance::Support,
        ),
        (
            "Cole, who spearheaded the rent cap, spoke on Monday.",
            Stance::Support,
        ),
        (
            "Cole said a rent cap would do nothing to help tenants.",
            Stance::Oppose,
        ),
        ("Cole called the rent cap nuts.", Stance::Oppose),
        ("Cole said the rent cap was a sham.", Stance::Oppose),
        ("Cole vowed to overturn the rent cap.", Stance::Oppose),
    ] {
        assert_eq!(stance_of(article), Some(held), "{article}");
    }
    // A ban lifted on something else.
    assert_ne!(
        stance_of("Cole said the rent cap stays, and voters should lift the ban on pets."),
        Some(Stance::Oppose)
    );
}

#[test]
fn a_harm_the_topic_would_end_is_not_held_against_it() {
    let article = "Peter Cole hailed the phone ban as a step towards ending the harm of screens.";
    assert_eq!(stance(article, "cole"), Some(Stance::Support));
    let article = "Peter Cole said the phone ban would cut the damage done by screens.";
    assert_ne!(stance(article, "cole"), Some(Stance::Oppose));
    // A harm the topic itself does still counts.
    let article = "Peter Cole said the phone ban would harm pupils.";
    assert_eq!(stance(article, "cole"), Some(Stance::Oppose));
}

#[test]
fn two_denials_far_apart_say_no_twice_and_a_denial_in_scope_cancels() {
    let article = "Peter Cole said ministers can't legislate on hope and wishful thinking \
                   saying the phone ban wasn't practical.";
    assert_eq!(stance(article, "cole"), Some(Stance::Oppose));
    let article = "Peter Cole said he can't imagine the new term starting without a phone ban.";
    assert_eq!(stance(article, "cole"), Some(Stance::Support));
    let article = "Peter Cole said he would not rule out a phone ban.";
    assert_ne!(stance(article, "cole"), Some(Stance::Oppose));
}

#[test]
fn the_head_with_a_complement_that_repeats_the_topic_is_the_topic() {
    let named = "Nadia Hart announced a phone ban.\n\n";
    let article = format!("{named}Peter Cole welcomed a ban on pupils' phones, saying it is fair.");
    assert_eq!(side(&article, "cole"), Some(Stance::Support));
    let article = format!("{named}Peter Cole welcomed a ban on crisps, saying it is fair.");
    assert_eq!(side(&article, "cole"), None);
}

#[test]
fn a_topic_that_will_not_address_a_problem_is_judged_futile_but_leaving_it_out_is_no_judgement() {
    let article = "Peter Cole said a phone ban will not address bullying.";
    assert_eq!(stance(article, "cole"), Some(Stance::Oppose));
    let article = "Peter Cole said a phone ban won't solve anything.";
    assert_eq!(stance(article, "cole"), Some(Stance::Oppose));
    let article = "Peter Cole said the minister did not address the phone ban.";
    assert_ne!(stance(article, "cole"), Some(Stance::Oppose));
}

#[test]
fn an_agent_who_welcomed_the_topic_holds_it_also_behind_a_short_description() {
    for article in [
        "The phone ban was welcomed by Peter Cole.",
        "The phone ban was praised by veteran campaigner Peter Cole.",
    ] {
        assert_eq!(stance(article, "cole"), Some(Stance::Support), "{article}");
    }
    let article = "The phone ban was welcomed by many who dislike Peter Cole.";
    assert_eq!(side(article, "cole"), None);
}

/// A topic named by a compound, and one actor.
const SUGAR_TAX: &str = r#"
[[topics]]
id = "sugar-tax"
name = "Sugar tax"
terms = ["\\bsugar tax\\b", "\\bsoft drinks? (?:industry )?levy\\b"]

[[actors]]
id = "cole"
name = "Peter Cole"
kind = "person"
aliases = ["Peter Cole", "Cole"]

[[actors]]
id = "drinks-federation"
name = "Drinks Federation"
kind = "group"
aliases = ["Drinks Federation"]
"#;

/// The stance of `actor` on the sugar tax in `article`, if any.
fn on_sugar_tax(article: &str, actor: &str) -> Option<Stance> {
    claims_with(&own_config(SUGAR_TAX), article)
        .into_iter()
        .find(|c| c.topic == "sugar-tax" && c.actor.id == actor)
        .map(|c| c.stance)
}

#[test]
fn a_compound_topic_is_also_named_head_first_with_its_modifier_after_a_preposition() {
    let config = own_config(SUGAR_TAX);
    let on_tax = |article: &str| {
        claims_with(&config, article)
            .into_iter()
            .filter(|c| c.topic == "sugar-tax" && c.actor.id == "cole")
            .map(|c| c.stance)
            .next()
    };
    for article in [
        "Peter Cole said a tax on sugary drinks would save lives.",
        "Peter Cole backed a levy on fizzy drinks.",
    ] {
        assert_eq!(on_tax(article), Some(Stance::Support), "{article}");
    }
    for article in [
        "Peter Cole said a tax on income would save lives.",
        "Peter Cole backed a levy on imports, drinks included.",
    ] {
        assert_eq!(on_tax(article), None, "{article}");
    }
}

#[test]
fn a_harm_the_speaker_denies_defends_the_topic() {
    for article in [
        "Peter Cole said the sugar tax will not hurt shops.",
        "Peter Cole said the sugar tax is no threat to jobs.",
    ] {
        assert_eq!(
            on_sugar_tax(article, "cole"),
            Some(Stance::Support),
            "{article}"
        );
    }
    for article in [
        "Peter Cole said the sugar tax will hurt shops.",
        "Peter Cole said the sugar tax is not the answer.",
    ] {
        assert_eq!(
            on_sugar_tax(article, "cole"),
            Some(Stance::Oppose),
            "{article}"
        );
    }
}

#[test]
fn a_concession_that_the_topic_is_no_cure_is_not_opposition() {
    let article = "Peter Cole said the sugar tax was not a magic bullet.";
    assert_ne!(on_sugar_tax(article, "cole"), Some(Stance::Oppose));
}

#[test]
fn a_spokesman_for_an_organisation_speaks_for_it() {
    let article = "A spokesman for the Drinks Federation said the sugar tax would hurt shops.";
    assert_eq!(
        on_sugar_tax(article, "drinks-federation"),
        Some(Stance::Oppose)
    );
    let article = "Peter Cole told a spokesman for the Drinks Federation that the sugar tax would hurt shops.";
    assert_eq!(on_sugar_tax(article, "drinks-federation"), None);
}

#[test]
fn who_introduced_a_measure_and_whose_support_or_opposition_it_met_are_positions() {
    let cases = [
        (
            "The sugar tax was introduced by Peter Cole.",
            "cole",
            Stance::Support,
        ),
        (
            "The sugar tax enjoys support from Peter Cole.",
            "cole",
            Stance::Support,
        ),
        (
            "The sugar tax passed despite opposition from the Drinks Federation.",
            "drinks-federation",
            Stance::Oppose,
        ),
    ];
    for (article, actor, expected) in cases {
        assert_eq!(on_sugar_tax(article, actor), Some(expected), "{article}");
    }
    let article = "A levy on imports was introduced by Peter Cole.";
    assert_eq!(on_sugar_tax(article, "cole"), None);
}

#[test]
fn general_cues_for_and_against_a_policy() {
    let cases = [
        (
            "Peter Cole said he was supportive of the sugar tax.",
            Stance::Support,
        ),
        (
            "Peter Cole said he would sign the sugar tax into law.",
            Stance::Support,
        ),
        (
            "Peter Cole said the sugar tax protects children.",
            Stance::Support,
        ),
        (
            "Peter Cole wants the sugar tax watered down.",
            Stance::Oppose,
        ),
        (
            "Peter Cole urged ministers to delay the sugar tax.",
            Stance::Oppose,
        ),
        (
            "Peter Cole said he remained unconvinced by the sugar tax.",
            Stance::Oppose,
        ),
        (
            "Peter Cole said he would reject or delay the sugar tax.",
            Stance::Oppose,
        ),
    ];
    for (article, expected) in cases {
        assert_eq!(on_sugar_tax(article, "cole"), Some(expected), "{article}");
    }
}

#[test]
fn a_policy_noun_behind_a_determiner_and_modifiers_points_back_to_the_topic() {
    let named = "Peter Cole spoke about the sugar tax on Monday.\n\n";
    for later in [
        "The Drinks Federation vowed to scrap the government's new levy.",
        "The Drinks Federation vowed to scrap the Treasury policy.",
    ] {
        let article = format!("{named}{later}");
        assert_eq!(
            on_sugar_tax(&article, "drinks-federation"),
            Some(Stance::Oppose),
            "{later}"
        );
    }
    // Not a policy: the claim says who spoke, not which side.
    let article = format!("{named}The Drinks Federation vowed to scrap the minister's old car.");
    assert!(matches!(
        on_sugar_tax(&article, "drinks-federation"),
        None | Some(Stance::Unclear)
    ));
}

#[test]
fn a_concern_about_a_harm_is_about_the_problem_not_the_topic() {
    let article = "Peter Cole said parents are concerned about the harms of sugar, so he backs the \
                   sugar tax.";
    assert_eq!(on_sugar_tax(article, "cole"), Some(Stance::Support));
    let article = "Peter Cole said he is concerned about the sugar tax.";
    assert_eq!(on_sugar_tax(article, "cole"), Some(Stance::Oppose));
}

#[test]
fn refusing_the_topic_judged_a_mistake_is_support_for_it() {
    for article in [
        "Peter Cole said scrapping the sugar tax would be a mistake.",
        "Peter Cole said rejecting the sugar tax was a sad day.",
    ] {
        assert_eq!(
            on_sugar_tax(article, "cole"),
            Some(Stance::Support),
            "{article}"
        );
    }
    let article = "Peter Cole said the sugar tax was a mistake.";
    assert_eq!(on_sugar_tax(article, "cole"), Some(Stance::Oppose));
}

#[test]
fn a_vote_that_none_opposed_and_arguments_reported_are_not_opposition() {
    let article = "The Drinks Federation voted for the sugar tax and none opposed it.";
    assert_eq!(
        on_sugar_tax(article, "drinks-federation"),
        Some(Stance::Support)
    );
    let article = "Peter Cole said the arguments against the sugar tax had been answered.";
    assert_ne!(on_sugar_tax(article, "cole"), Some(Stance::Oppose));
}

/// A topic named after one of the actors: a ban on an app.
const APP_BAN: &str = r#"
[[topics]]
id = "app-ban"
name = "Zoomer ban"
terms = ["\\bZoomer ban\\b"]

[[actors]]
id = "zoomer"
name = "Zoomer"
kind = "institution"
aliases = ["Zoomer"]

[[actors]]
id = "ruiz"
name = "Ana Ruiz"
kind = "person"
aliases = ["Ana Ruiz", "Ruiz"]

[[actors]]
id = "reyes"
name = "Tom Reyes"
kind = "person"
aliases = ["Tom Reyes", "Reyes"]
"#;

/// Every (actor, stance) on the app ban in `article`.
fn on_app_ban(article: &str) -> Vec<(String, Stance)> {
    claims_with(&own_config(APP_BAN), article)
        .into_iter()
        .filter(|c| c.topic == "app-ban")
        .map(|c| (c.actor.id.clone(), c.stance))
        .collect()
}

#[test]
fn an_actor_inside_the_topics_own_words_is_not_its_holder() {
    assert_eq!(on_app_ban("The Zoomer ban passed the House."), vec![]);
    assert_eq!(
        on_app_ban("Zoomer said the Zoomer ban was unfair."),
        vec![("zoomer".to_string(), Stance::Oppose)]
    );
}

#[test]
fn a_relative_clause_before_the_speech_verb_does_not_hold_the_quote() {
    let article = "Ana Ruiz, who has led several efforts on Zoomer, said: \"I am supportive of \
                   the Zoomer ban.\"";
    assert_eq!(
        on_app_ban(article),
        vec![("ruiz".to_string(), Stance::Support)]
    );
}

#[test]
fn people_listed_with_their_party_before_a_title_share_the_clause() {
    let article = "Ana Ruiz and Liberal senator Tom Reyes both said they would oppose the Zoomer \
                   ban.";
    let found = on_app_ban(article);
    for actor in ["ruiz", "reyes"] {
        assert!(
            found.contains(&(actor.to_string(), Stance::Oppose)),
            "{actor}: {found:?}"
        );
    }
    let article =
        "Ana Ruiz met Liberal senator Tom Reyes and said she would oppose the Zoomer ban.";
    assert!(!on_app_ban(article).iter().any(|(a, _)| a == "reyes"));
}

#[test]
fn an_opening_participle_clause_is_the_subjects() {
    for (article, stance) in [
        (
            "Welcoming the sugar tax, Peter Cole said shops would adapt.",
            Stance::Support,
        ),
        (
            "Leading the campaign against the sugar tax, Peter Cole said: \"We will keep \
             talking to ministers.\"",
            Stance::Oppose,
        ),
    ] {
        assert_eq!(on_sugar_tax(article, "cole"), Some(stance), "{article}");
    }
    // A clause that sets the scene or a preposition in -ing is not the subject's position.
    for article in [
        "Following the vote on the sugar tax, Peter Cole said shops would adapt.",
        "Speaking after the sugar tax vote, Peter Cole said shops would adapt.",
    ] {
        assert_ne!(
            on_sugar_tax(article, "cole"),
            Some(Stance::Support),
            "{article}"
        );
    }
}

#[test]
fn a_speaker_who_told_an_audience_after_what_was_said_holds_it() {
    for article in [
        "The sugar tax was debated. We will back the sugar tax, Peter Cole told parliament.",
        "The sugar tax was debated. We will back the sugar tax, Peter Cole told the BBC on Monday.",
    ] {
        assert_eq!(
            on_sugar_tax(article, "cole"),
            Some(Stance::Support),
            "{article}"
        );
    }
    // The audience is told, it does not speak.
    let article = "We will back the sugar tax, Peter Cole told the Drinks Federation.";
    assert_eq!(on_sugar_tax(article, "drinks-federation"), None);
}

#[test]
fn it_as_the_object_of_a_stance_verb_is_the_topic_a_reporter_just_named() {
    let article = "The sugar tax was debated on Monday. We will support it, Peter Cole said.";
    assert_eq!(on_sugar_tax(article, "cole"), Some(Stance::Support));
    let article = "The sugar tax was debated on Monday. Ministers met. Then a bakery opened. \
                   We will support it, Peter Cole said.";
    assert_ne!(on_sugar_tax(article, "cole"), Some(Stance::Support));
}

#[test]
fn asking_another_actor_to_undo_the_topic_is_the_askers_opposition() {
    for article in [
        "Peter Cole asked the Drinks Federation to scrap the sugar tax.",
        "Peter Cole urged the Drinks Federation to abandon the sugar tax.",
    ] {
        assert_eq!(
            on_sugar_tax(article, "cole"),
            Some(Stance::Oppose),
            "{article}"
        );
    }
    // Another actor's own refusal, reported, is not the reporter's.
    let article = "Peter Cole said the Drinks Federation refused to scrap the sugar tax.";
    assert_ne!(on_sugar_tax(article, "cole"), Some(Stance::Oppose));
}

#[test]
fn an_article_that_never_names_the_topic_is_about_it_by_its_opening_words() {
    let article = "Shops must charge more for sugary soft drinks from April.\n\n\
                   Peter Cole voted against the bill on Monday.";
    assert_eq!(on_sugar_tax(article, "cole"), Some(Stance::Oppose));
    // One of the topic's words is not enough, nor are its words only far from the opening.
    let article = "Shops must charge more for sugary snacks from April.\n\n\
                   Peter Cole voted against the bill on Monday.";
    assert_eq!(on_sugar_tax(article, "cole"), None);
    let article = format!(
        "Shops opened late on Monday.\n\n{}Sugary soft drinks will cost more.\n\n\
         Peter Cole voted against the bill on Monday.",
        "Customers queued in the rain for an hour or more before the doors opened. ".repeat(12)
    );
    assert_eq!(on_sugar_tax(&article, "cole"), None);
}

#[test]
fn a_holder_who_votes_with_another_against_the_topic_opposes_it() {
    let article = "Peter Cole voted with the entire Drinks Federation against the sugar tax.";
    assert_eq!(on_sugar_tax(article, "cole"), Some(Stance::Oppose));
    // Another actor's refusal, as the subject of its own verb, is still not the speaker's.
    let article = "Peter Cole said the Drinks Federation was against the sugar tax.";
    assert_ne!(on_sugar_tax(article, "cole"), Some(Stance::Oppose));
}

#[test]
fn a_harm_verb_in_any_of_its_forms_opposes_the_topic_and_defending_it_supports_it() {
    for (article, stance) in [
        (
            "Peter Cole said the sugar tax penalises the poor.",
            Stance::Oppose,
        ),
        (
            "Peter Cole said the sugar tax was burdening shops.",
            Stance::Oppose,
        ),
        (
            "Peter Cole said the sugar tax undermines small shops.",
            Stance::Oppose,
        ),
        (
            "Peter Cole defended the sugar tax on Monday.",
            Stance::Support,
        ),
    ] {
        assert_eq!(on_sugar_tax(article, "cole"), Some(stance), "{article}");
    }
}

#[test]
fn a_plan_rejected_by_others_is_still_its_owners_and_being_opposed_is_opposing() {
    let article = "Peter Cole's plan to introduce a sugar tax was rejected on Monday.";
    assert_eq!(on_sugar_tax(article, "cole"), Some(Stance::Support));
    // "is opposed to" is the subject's state, and "not needed" a phrase, not a passive done to
    // the topic.
    for article in [
        "Peter Cole is opposed to the sugar tax.",
        "Peter Cole said the sugar tax is not needed.",
    ] {
        assert_eq!(
            on_sugar_tax(article, "cole"),
            Some(Stance::Oppose),
            "{article}"
        );
    }
}

#[test]
fn members_listed_after_a_clause_share_its_position() {
    let article = "The Drinks Federation and its members voted against the sugar tax, including \
                   Peter Cole.";
    assert_eq!(on_sugar_tax(article, "cole"), Some(Stance::Oppose));
    let article =
        "The Drinks Federation and its members backed the sugar tax including Peter Cole.";
    assert_eq!(on_sugar_tax(article, "cole"), Some(Stance::Support));
    // A thing listed is not a member: "including Cole's plan".
    let article = "The Drinks Federation rejected every idea, including Peter Cole's sugar tax.";
    assert_eq!(on_sugar_tax(article, "cole"), None);
}

#[test]
fn after_a_quote_the_speaker_is_the_name_next_to_the_verb_not_the_body_before_it() {
    let article =
        "“The sugar tax will hurt shops,” Drinks Federation chief executive Peter Cole said.";
    assert_eq!(on_sugar_tax(article, "cole"), Some(Stance::Oppose));
    assert_eq!(on_sugar_tax(article, "drinks-federation"), None);
    // With no name before the verb, the first one after it speaks.
    let article = "“The sugar tax will hurt shops,” said Peter Cole of the Drinks Federation.";
    assert_eq!(on_sugar_tax(article, "cole"), Some(Stance::Oppose));
}

#[test]
fn calling_for_changes_to_the_topic_is_support_on_conditions_at_most() {
    for article in [
        "Peter Cole called for greater flexibility on the sugar tax.",
        "Peter Cole pushed for amendments to the sugar tax.",
        "Peter Cole asked for more time on the sugar tax.",
    ] {
        assert_eq!(
            on_sugar_tax(article, "cole"),
            Some(Stance::Conditional),
            "{article}"
        );
    }
    // A call for the topic itself, or for something done about it, is support.
    for article in [
        "Peter Cole called for a sugar tax.",
        "Peter Cole called for a vote on the sugar tax.",
    ] {
        assert_eq!(
            on_sugar_tax(article, "cole"),
            Some(Stance::Support),
            "{article}"
        );
    }
}

#[test]
fn a_judgement_on_the_topics_own_words_takes_a_side_where_another_noun_does_not() {
    // The topic's words side by side ("sugary drinks") say the judgement is on it.
    let article = "Ministers will bring in a sugar tax.\n\n\
                   Peter Cole rejected any charge on sugary drinks.";
    assert_eq!(on_sugar_tax(article, "cole"), Some(Stance::Oppose));
    // One of its words, or another noun, may be something else: no side.
    for last in [
        "Peter Cole rejected the report on drinks.",
        "Peter Cole rejected the report.",
    ] {
        let article = format!("Ministers will bring in a sugar tax.\n\n{last}");
        assert!(
            matches!(on_sugar_tax(&article, "cole"), None | Some(Stance::Unclear)),
            "{last}"
        );
    }
}

#[test]
fn striking_down_abolishing_or_removing_the_topic_is_against_it() {
    for article in [
        "Peter Cole welcomed the abolition of the sugar tax.",
        "Peter Cole said the judges were right to strike down the sugar tax.",
        "Peter Cole backed the removal of the sugar tax.",
        "Peter Cole wants to remove the sugar tax.",
    ] {
        assert_eq!(
            on_sugar_tax(article, "cole"),
            Some(Stance::Oppose),
            "{article}"
        );
    }
    assert_eq!(
        on_sugar_tax("Peter Cole welcomed the sugar tax.", "cole"),
        Some(Stance::Support)
    );
}

#[test]
fn judging_the_topic_safe_or_wrong_takes_a_side() {
    for (article, stance) in [
        (
            "Peter Cole said the sugar tax is safe for shops.",
            Stance::Support,
        ),
        (
            "Peter Cole voted on the sugar tax and was in favour.",
            Stance::Support,
        ),
        ("Peter Cole called the sugar tax obscene.", Stance::Oppose),
        (
            "Peter Cole said the sugar tax endangers jobs.",
            Stance::Oppose,
        ),
        (
            "Peter Cole called the sugar tax irresponsible.",
            Stance::Oppose,
        ),
        (
            "Peter Cole said he was delighted by the sugar tax.",
            Stance::Support,
        ),
        (
            "Peter Cole said the sugar tax was a policy whose time has come.",
            Stance::Support,
        ),
        (
            "Peter Cole said the record of the sugar tax is just so bad.",
            Stance::Oppose,
        ),
        (
            "Peter Cole said the sugar tax was a raw deal for families.",
            Stance::Oppose,
        ),
    ] {
        assert_eq!(on_sugar_tax(article, "cole"), Some(stance), "{article}");
    }
    // What the policy does is not a side taken against it.
    let article = "Peter Cole said the sugar tax had removed sugar from drinks.";
    assert!(matches!(
        on_sugar_tax(article, "cole"),
        None | Some(Stance::Unclear)
    ));
}

#[test]
fn blaming_others_for_undoing_the_topic_is_taking_its_side() {
    // The negation of what others do is in the scope of the blame, however long its object.
    let article = "Peter Cole took aim at the ministers and their many advisers for what he \
                   called a rush to scrap the sugar tax.";
    assert_eq!(on_sugar_tax(article, "cole"), Some(Stance::Support));
    // After a bare "none of", the later denial is not in its scope.
    let article = "Peter Cole said none of the ministers had read the report and he would scrap \
                   the sugar tax.";
    assert_eq!(on_sugar_tax(article, "cole"), Some(Stance::Oppose));
    // Without "for" or "of", two denials far apart say the same no.
    let article =
        "Peter Cole took aim at the ministers on Monday, and he would scrap the sugar tax.";
    assert_eq!(on_sugar_tax(article, "cole"), Some(Stance::Oppose));
    assert_eq!(
        on_sugar_tax("Peter Cole took aim at the sugar tax.", "cole"),
        Some(Stance::Oppose)
    );
}

#[test]
fn a_policy_noun_beside_a_topic_word_names_the_topic() {
    let article = "Ministers will bring in a sugar tax.\n\n\
                   Peter Cole said the drinks levy was an illusion.";
    assert_eq!(on_sugar_tax(article, "cole"), Some(Stance::Oppose));
    // One topic word alone does not name it.
    let article = "Ministers will bring in a sugar tax.\n\n\
                   Peter Cole said the drinks, the report and its figures were an illusion.";
    assert!(matches!(
        on_sugar_tax(article, "cole"),
        None | Some(Stance::Unclear)
    ));
}

#[test]
fn blocking_the_topic_is_against_it_and_designing_it_is_for_it() {
    assert_eq!(
        on_sugar_tax("Peter Cole said he would block the sugar tax.", "cole"),
        Some(Stance::Oppose)
    );
    assert_eq!(
        on_sugar_tax("The sugar tax was designed by Peter Cole.", "cole"),
        Some(Stance::Support)
    );
}

#[test]
fn it_after_a_topic_named_earlier_in_its_sentence_is_that_topic() {
    let article = "Prices rose in May.\n\nShoppers will pay the sugar tax from June, while the \
                   Drinks Federation will oppose it regardless.";
    assert_eq!(
        on_sugar_tax(article, "drinks-federation"),
        Some(Stance::Oppose)
    );
    // Nothing named before "it": no position on the topic.
    let article = "Prices rose in May.\n\nShoppers will pay more from June, while the Drinks \
                   Federation will oppose it regardless.";
    assert_eq!(on_sugar_tax(article, "drinks-federation"), None);
}

#[test]
fn a_quote_opening_with_it_is_judges_the_topic_just_named() {
    let article = "Ministers will bring in a sugar tax. Peter Cole said: “It is essential if we \
                   are to cut obesity.”";
    assert_eq!(on_sugar_tax(article, "cole"), Some(Stance::Support));
    // Deeper in a quote, "it" is mostly the quote's own; "It is ... that" stands for what follows.
    let article = "Ministers will bring in a sugar tax. Peter Cole said: “Obesity is rising and \
                   we know it is essential to cut it.”";
    assert!(matches!(
        on_sugar_tax(article, "cole"),
        None | Some(Stance::Unclear)
    ));
    let article = "Ministers will bring in a sugar tax. Peter Cole said: “It is a disgrace that \
                   children still go hungry.”";
    assert!(matches!(
        on_sugar_tax(article, "cole"),
        None | Some(Stance::Unclear)
    ));
}

#[test]
fn a_dotted_abbreviation_before_a_title_does_not_hide_the_speaker() {
    for article in [
        "U.S. Sen. Peter Cole said the sugar tax was a disgrace.",
        "Yesterday U.K. Senator Peter Cole said the sugar tax was a disgrace.",
    ] {
        assert_eq!(
            on_sugar_tax(article, "cole"),
            Some(Stance::Oppose),
            "{article}"
        );
    }
    // An abbreviation that is not before the name leaves the speaker where he was.
    let article = "U.S. officials said of Peter Cole that the sugar tax was a disgrace.";
    assert_ne!(on_sugar_tax(article, "cole"), Some(Stance::Oppose));
}

#[test]
fn a_record_showing_what_someone_did_makes_them_the_subject() {
    for article in [
        "The division list showed Peter Cole voted against the sugar tax.",
        "Records revealed Peter Cole voted against the sugar tax.",
    ] {
        assert_eq!(
            on_sugar_tax(article, "cole"),
            Some(Stance::Oppose),
            "{article}"
        );
    }
    // A name the record shows, doing nothing: no position.
    let article = "The division list on the sugar tax showed Peter Cole's name in red.";
    assert!(matches!(
        on_sugar_tax(article, "cole"),
        None | Some(Stance::Unclear)
    ));
}

#[test]
fn a_quote_with_no_speaker_after_a_sentence_about_someone_is_theirs() {
    let article = "The Drinks Federation welcomed the vote. “The sugar tax is based on flawed \
                   figures and will hurt shops.”";
    assert_eq!(
        on_sugar_tax(article, "drinks-federation"),
        Some(Stance::Oppose)
    );
    // Only in the same paragraph: a quote that opens the next one is not theirs.
    let article = "The Drinks Federation welcomed the vote.\n\n“The sugar tax is based on flawed \
                   figures and will hurt shops.”";
    assert_eq!(on_sugar_tax(article, "drinks-federation"), None);
}

#[test]
fn eliminating_the_topic_or_ceasing_to_apply_it_is_against_it() {
    for article in [
        "Peter Cole proposed to eliminate the sugar tax.",
        "Cole proposes elimination of sugar tax\n\nThe plan was published on Monday.",
        "Peter Cole said he will urge the council to stop collecting the sugar tax.",
        "Peter Cole will end the sugar tax.",
        "Peter Cole said he will kill off the sugar tax.",
        "Peter Cole moved to revoke the sugar tax.",
    ] {
        assert_eq!(
            on_sugar_tax(article, "cole"),
            Some(Stance::Oppose),
            "{article}"
        );
    }
    // What the policy itself eliminates, or a verb whose object is something else, is not a
    // denial of it.
    for article in [
        "Peter Cole said the sugar tax will eliminate tooth decay.",
        "Peter Cole said shops should stop using sugar because of the sugar tax.",
        "Peter Cole spoke at the end of the sugar tax debate.",
    ] {
        assert_ne!(
            on_sugar_tax(article, "cole"),
            Some(Stance::Oppose),
            "{article}"
        );
    }
}

#[test]
fn a_harm_of_the_topics_absence_defends_it() {
    assert_eq!(
        on_sugar_tax(
            "Peter Cole says schools could suffer without the sugar tax.",
            "cole"
        ),
        Some(Stance::Support)
    );
    // The harm alone is no defence, and "without" alone still denies.
    for article in [
        "Peter Cole says schools could suffer under the sugar tax.",
        "Peter Cole says schools could cope without the sugar tax.",
    ] {
        assert_ne!(
            on_sugar_tax(article, "cole"),
            Some(Stance::Support),
            "{article}"
        );
    }
}

#[test]
fn resisting_the_move_resists_what_the_move_does() {
    let article = "The Drinks Federation wants to scrap the sugar tax. Peter Cole said he will \
                   resist the move.";
    assert_eq!(on_sugar_tax(article, "cole"), Some(Stance::Support));
    let article =
        "The Drinks Federation wants to scrap the sugar tax. Peter Cole welcomed the move.";
    assert_eq!(on_sugar_tax(article, "cole"), Some(Stance::Oppose));
}

#[test]
fn asking_a_list_of_others_to_end_the_topic_is_the_askers_opposition() {
    for article in [
        "Peter Cole sent a letter telling the council and the Drinks Federation to end the sugar \
         tax.",
        "Peter Cole wants the Drinks Federation to end the sugar tax.",
    ] {
        assert_eq!(
            on_sugar_tax(article, "cole"),
            Some(Stance::Oppose),
            "{article}"
        );
    }
    // Someone else's own wish, reported, is not the reporter's.
    assert_eq!(
        on_sugar_tax(
            "Peter Cole said the Drinks Federation wants to end the sugar tax.",
            "cole"
        ),
        Some(Stance::Unclear)
    );
}

#[test]
fn pleading_for_the_topic_or_bringing_it_back_is_support() {
    for article in [
        "Peter Cole issued a plea to councils to keep the sugar tax.",
        "Peter Cole said the council will reintroduce the sugar tax.",
        "Cole praises council after vote on sugar tax\n\nThe vote was on Monday.",
    ] {
        assert_eq!(
            on_sugar_tax(article, "cole"),
            Some(Stance::Support),
            "{article}"
        );
    }
    // A time is still a time: after the tax is not about the tax.
    assert_eq!(
        on_sugar_tax("Peter Cole praised the shops after the sugar tax.", "cole"),
        None
    );
}

#[test]
fn as_did_x_shares_the_position_of_the_clause_before_it() {
    let article = "Peter Cole backed the sugar tax, as did the Drinks Federation.";
    assert_eq!(
        on_sugar_tax(article, "drinks-federation"),
        Some(Stance::Support)
    );
    // A clause that took no side gives none to share.
    let article = "Peter Cole spoke about the sugar tax, as did the Drinks Federation.";
    assert_ne!(
        on_sugar_tax(article, "drinks-federation"),
        Some(Stance::Support)
    );
}

#[test]
fn members_like_x_are_the_subject_of_the_clause() {
    assert_eq!(
        on_sugar_tax(
            "Members like Peter Cole voted against the sugar tax.",
            "cole"
        ),
        Some(Stance::Oppose)
    );
    // Not after a noun that is no group: "people like X" compares.
    assert_eq!(
        on_sugar_tax(
            "People like Peter Cole say the sugar tax is a disaster.",
            "cole"
        ),
        None
    );
}

#[test]
fn todays_ruling_is_the_position_taken_before_it() {
    let struck = "The Drinks Federation won its case to strike down the sugar tax on Friday. Peter \
                  Cole said: “Today’s ruling is good news for families.”";
    assert_eq!(on_sugar_tax(struck, "cole"), Some(Stance::Oppose));
    let kept = "The Drinks Federation voted to keep the sugar tax on Friday. Peter Cole said: \
                “Today’s ruling is good news for families.”";
    assert_eq!(on_sugar_tax(kept, "cole"), Some(Stance::Support));
}

#[test]
fn keeping_or_retaining_the_topic_is_support() {
    for article in [
        "Peter Cole voted to keep the sugar tax.",
        "Peter Cole said ministers should retain the sugar tax.",
    ] {
        assert_eq!(
            on_sugar_tax(article, "cole"),
            Some(Stance::Support),
            "{article}"
        );
    }
    assert_eq!(
        on_sugar_tax("Peter Cole refused to keep the sugar tax.", "cole"),
        Some(Stance::Oppose)
    );
}

#[test]
fn pushing_back_alone_answers_the_position_just_taken() {
    let scrap = "The Drinks Federation wants to scrap the sugar tax. Peter Cole pushed back.";
    assert_eq!(on_sugar_tax(scrap, "cole"), Some(Stance::Support));
    let back = "The Drinks Federation backs the sugar tax. Peter Cole pushed back on Monday.";
    assert_eq!(on_sugar_tax(back, "cole"), Some(Stance::Oppose));
    // Pushing back on something named is about that thing.
    let other = "The Drinks Federation wants to scrap the sugar tax. Peter Cole pushed back on the \
                 plan to cut jobs.";
    assert_eq!(on_sugar_tax(other, "cole"), Some(Stance::Unclear));
}

#[test]
fn ruling_out_what_one_would_rather_see_done_is_support() {
    let instead = "Instead of ruling out a sugar tax, ministers should be looking at it, Peter Cole \
                   said.";
    assert_eq!(on_sugar_tax(instead, "cole"), Some(Stance::Support));
    let ruling = "Peter Cole said ministers were ruling out a sugar tax.";
    assert_eq!(on_sugar_tax(ruling, "cole"), Some(Stance::Oppose));
}

#[test]
fn an_adverb_between_the_topic_and_its_participle_keeps_the_agent_on_the_topic() {
    let opposed = "Peter Cole gave ministers room to speak out against the budget, with the sugar \
                   tax fiercely opposed by the Drinks Federation.";
    assert_eq!(
        on_sugar_tax(opposed, "drinks-federation"),
        Some(Stance::Oppose)
    );
    // "against" reaches the budget, not the tax across the comma.
    assert_ne!(on_sugar_tax(opposed, "cole"), Some(Stance::Oppose));
    let backed = "The sugar tax was strongly backed by the Drinks Federation.";
    assert_eq!(
        on_sugar_tax(backed, "drinks-federation"),
        Some(Stance::Support)
    );
}

#[test]
fn letting_the_topic_go_ahead_makes_its_agent_a_supporter() {
    for article in [
        "A sugar tax was recommended by the Drinks Federation on Monday.",
        "The sugar tax has been given the go-ahead by the Drinks Federation.",
    ] {
        assert_eq!(
            on_sugar_tax(article, "drinks-federation"),
            Some(Stance::Support),
            "{article}"
        );
    }
    let rejected = "The sugar tax was rejected by the Drinks Federation.";
    assert_eq!(
        on_sugar_tax(rejected, "drinks-federation"),
        Some(Stance::Oppose)
    );
}

#[test]
fn putting_off_the_end_of_the_topic_is_support() {
    for article in [
        "Peter Cole voted to push back the sugar tax closure.",
        "Peter Cole called for officials not to rush the shutdown of the sugar tax.",
    ] {
        assert_eq!(
            on_sugar_tax(article, "cole"),
            Some(Stance::Support),
            "{article}"
        );
    }
    assert_eq!(
        on_sugar_tax("Peter Cole wants to shut down the sugar tax.", "cole"),
        Some(Stance::Oppose)
    );
}

#[test]
fn judging_the_topic_a_deterrent_or_senseless_is_opposition() {
    for article in [
        "Peter Cole said a sugar tax would be a disincentive to investment.",
        "Peter Cole said the sugar tax would be arbitrary.",
        "Peter Cole said the sugar tax risks driving away investment.",
        "Peter Cole said: “There is nothing sensible about a sugar tax.”",
    ] {
        assert_eq!(
            on_sugar_tax(article, "cole"),
            Some(Stance::Oppose),
            "{article}"
        );
    }
    let wrong = "Peter Cole said there was nothing wrong with a sugar tax.";
    assert_eq!(on_sugar_tax(wrong, "cole"), Some(Stance::Support));
    // "nothing" alone denies nothing.
    let preventing = "Peter Cole said there was nothing preventing councils from keeping the sugar \
                      tax.";
    assert_ne!(on_sugar_tax(preventing, "cole"), Some(Stance::Oppose));
}

#[test]
fn a_speaker_after_the_sentence_may_have_said_it_in_the_perfect_and_be_followed_by_a_clause() {
    for article in [
        "A sugar tax on drinks would be a disincentive to investment, Peter Cole has said.",
        "A sugar tax on drinks would be a disincentive to investment, Peter Cole said, days \
         after Ann Lee suggested she was considering the idea.",
    ] {
        assert_eq!(
            on_sugar_tax(article, "cole"),
            Some(Stance::Oppose),
            "{article}"
        );
    }
    // Only a verb of speech makes the name after the sentence its speaker.
    let heard =
        "A sugar tax on drinks would be a disincentive to investment, Peter Cole has heard.";
    assert_eq!(on_sugar_tax(heard, "cole"), None);
}

#[test]
fn what_a_meeting_heard_someone_holds_is_their_position() {
    let heard = "At a meeting on Tuesday, councillors heard the Drinks Federation opposes a sugar \
                 tax.";
    assert_eq!(
        on_sugar_tax(heard, "drinks-federation"),
        Some(Stance::Oppose)
    );
}

#[test]
fn fighting_the_topic_opposes_it_and_the_topic_fighting_something_does_not() {
    let fight = "Peter Cole said the Drinks Federation will fight the sugar tax in the courts.";
    assert_eq!(
        on_sugar_tax(
            "The Drinks Federation will fight the sugar tax.",
            "drinks-federation"
        ),
        Some(Stance::Oppose)
    );
    assert_eq!(on_sugar_tax(fight, "cole"), Some(Stance::Unclear));
    let fights = "Peter Cole said the sugar tax fights tooth decay and welcomed it.";
    assert_eq!(on_sugar_tax(fights, "cole"), Some(Stance::Support));
}

#[test]
fn not_being_drawn_on_the_topic_takes_no_side() {
    let drawn = "The Drinks Federation would not be drawn on the sugar tax.";
    assert_ne!(
        on_sugar_tax(drawn, "drinks-federation"),
        Some(Stance::Oppose)
    );
}

#[test]
fn a_name_that_ends_a_fronted_phrase_is_not_listed_with_the_subject() {
    let letter = "In a letter sent to Peter Cole, the Drinks Federation warns that the sugar tax \
                  will hurt shops.";
    assert_eq!(
        on_sugar_tax(letter, "drinks-federation"),
        Some(Stance::Oppose)
    );
    assert_eq!(on_sugar_tax(letter, "cole"), None);
    // A list with its "and" is still one holder.
    let list = "Speaking to reporters, Peter Cole and the Drinks Federation opposed the sugar tax.";
    assert_eq!(on_sugar_tax(list, "cole"), Some(Stance::Oppose));
    assert_eq!(
        on_sugar_tax(list, "drinks-federation"),
        Some(Stance::Oppose)
    );
}

#[test]
fn a_one_word_holder_before_a_verb_and_another_name_is_the_subject() {
    let rejects = "Cole rejects Drinks Federation's push for sugar tax\n\nMore on this below.";
    assert_eq!(on_sugar_tax(rejects, "cole"), Some(Stance::Oppose));
    assert_eq!(
        on_sugar_tax(rejects, "drinks-federation"),
        Some(Stance::Support)
    );
    // A description before a name still introduces it: "Industry lobbyist Peter Cole".
    let described = "Industry lobbyist Peter Cole backs the sugar tax.";
    assert_eq!(on_sugar_tax(described, "cole"), Some(Stance::Support));
}

#[test]
fn costing_jobs_or_lifting_wages_judges_the_topic() {
    for article in [
        "Peter Cole said shops will respond to the sugar tax by laying off staff.",
        "Peter Cole said the sugar tax has led to lost jobs.",
    ] {
        assert_eq!(
            on_sugar_tax(article, "cole"),
            Some(Stance::Oppose),
            "{article}"
        );
    }
    let lift = "Peter Cole said the sugar tax would lift wages for shop workers.";
    assert_eq!(on_sugar_tax(lift, "cole"), Some(Stance::Support));
    // A remedy before the harm defends the topic: "prevent layoffs".
    let prevent = "Peter Cole said the sugar tax would prevent layoffs.";
    assert_ne!(on_sugar_tax(prevent, "cole"), Some(Stance::Oppose));
}

#[test]
fn a_not_that_picks_out_some_of_a_plural_noun_denies_nothing() {
    let few =
        "Peter Cole said he wants the few councils not collecting the sugar tax to start soon.";
    assert_eq!(on_sugar_tax(few, "cole"), Some(Stance::Support));
    let denied = "Peter Cole said he is not backing the sugar tax.";
    assert_eq!(on_sugar_tax(denied, "cole"), Some(Stance::Oppose));
}

#[test]
fn refusing_to_commit_to_scrapping_the_topic_keeps_it() {
    let refused = "Peter Cole refused to commit before the election to scrapping the sugar tax.";
    assert_eq!(on_sugar_tax(refused, "cole"), Some(Stance::Support));
    let back = "Peter Cole refused to back the sugar tax.";
    assert_eq!(on_sugar_tax(back, "cole"), Some(Stance::Oppose));
}
