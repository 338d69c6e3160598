//! Rule-engine tests: short sentences written for the purpose, each pattern with its negative.

use crate::support::reading::{claims, expect, expect_none, stance_in as stance_of};
use standpoint::Stance;

// --- Attribution -------------------------------------------------------------------------

#[test]
fn quote_before_the_speaker() {
    expect(
        "“We will never accept a ceasefire that freezes the front line,” Zelensky said.",
        "zelensky",
        "ceasefire",
        Stance::Oppose,
    );
}

#[test]
fn quote_after_the_speaker_with_a_colon() {
    expect(
        "Macron told reporters on Monday: “Europe is ready to provide security guarantees to Ukraine.”",
        "macron",
        "security-guarantees",
        Stance::Support,
    );
}

#[test]
fn quote_resumed_after_he_said() {
    expect(
        "“We discussed many things,” Merz said. “A ceasefire has to come first, and then we talk.”",
        "merz",
        "ceasefire",
        Stance::Support,
    );
}

#[test]
fn reported_speech_with_that() {
    expect(
        "Trump said that the United States would help with air support.",
        "trump",
        "security-guarantees",
        Stance::Support,
    );
    // The subject of the reported clause is part of what Trump said, not a holder.
    expect_none(
        "Trump said that the United States would help with air support.",
        "united-states",
        "security-guarantees",
    );
}

#[test]
fn according_to() {
    expect(
        "A truce now is unacceptable, according to Dmitry Peskov.",
        "peskov",
        "ceasefire",
        Stance::Oppose,
    );
}

#[test]
fn headline_says() {
    expect(
        "Starmer says British troops ready for Ukraine mission\n\nThe prime minister spoke in London on Sunday.\n",
        "starmer",
        "security-guarantees",
        Stance::Support,
    );
}

#[test]
fn passive_agent_shares_or_opposes_the_position() {
    let text = "Trump said a deal could be reached without a ceasefire, a position backed by Putin and rejected by Macron.";
    expect(text, "trump", "ceasefire", Stance::Oppose);
    expect(text, "putin", "ceasefire", Stance::Oppose);
    expect(text, "macron", "ceasefire", Stance::Support);
}

#[test]
fn possessed_stance_noun_is_a_description() {
    expect(
        "The talks stalled over Ukraine’s insistence on an immediate ceasefire.",
        "ukraine",
        "ceasefire",
        Stance::Support,
    );
    // A possessive that is not a stance noun holds nothing.
    expect_none(
        "Ukraine’s army reported a truce violation.",
        "ukraine",
        "ceasefire",
    );
}

#[test]
fn two_holders_in_one_sentence() {
    let text = "Russia rejected a ceasefire, but Ukraine called for an immediate truce.";
    expect(text, "russia", "ceasefire", Stance::Oppose);
    expect(text, "ukraine", "ceasefire", Stance::Support);
}

#[test]
fn object_of_a_verb_is_not_a_holder() {
    let text = "European leaders urged Trump to back a ceasefire.";
    expect(text, "europe", "ceasefire", Stance::Support);
    expect_none(text, "trump", "ceasefire");
}

#[test]
fn background_clause_gives_its_position_less_confidently() {
    let text = "While Putin has praised the idea of a truce, Russia has rejected a ceasefire.";
    expect(text, "russia", "ceasefire", Stance::Oppose);
    expect(text, "putin", "ceasefire", Stance::Support);
    let found = claims(text);
    let confidence = |actor: &str| {
        found
            .iter()
            .find(|c| c.actor.id == actor)
            .map(|c| c.confidence)
            .unwrap()
    };
    assert!(confidence("putin") < confidence("russia"), "{found:?}");
}

#[test]
fn anaphor_points_back_to_the_last_topic() {
    expect(
        "France proposed a European reassurance force. Russia has rejected the idea.",
        "russia",
        "security-guarantees",
        Stance::Oppose,
    );
    // "the idea of X" says what it refers to: no inherited topic.
    expect_none(
        "France proposed a European reassurance force. Russia has rejected the idea of talks.",
        "russia",
        "security-guarantees",
    );
}

// --- Actors and coreference -----------------------------------------------------------------

#[test]
fn pronoun_resolves_to_the_previous_subject() {
    expect(
        "Zelensky met European leaders in Brussels. He said security guarantees were essential.",
        "zelensky",
        "security-guarantees",
        Stance::Support,
    );
    expect(
        "Leavitt briefed reporters on Tuesday. She said U.S. troops will not be sent.",
        "leavitt",
        "us-troops",
        Stance::Oppose,
    );
}

#[test]
fn definite_description_resolves_to_the_person() {
    expect(
        "Zelensky spoke in Kyiv on Friday. The Ukrainian leader said a ceasefire must come first.",
        "zelensky",
        "ceasefire",
        Stance::Support,
    );
}

#[test]
fn aliases_and_spellings_resolve_to_one_actor() {
    for name in [
        "Zelenskyy",
        "Zelenskiy",
        "Mr. Zelensky",
        "Volodymyr Zelensky",
    ] {
        expect(
            &format!("{name} said security guarantees were vital."),
            "zelensky",
            "security-guarantees",
            Stance::Support,
        );
    }
    expect(
        "Russian officials said a ceasefire was off the table.",
        "russia",
        "ceasefire",
        Stance::Oppose,
    );
}

#[test]
fn actor_introduced_with_a_role_is_discovered() {
    let found = claims(
        "Polish Foreign Minister Radoslaw Sikorski said European troops could help guarantee Ukraine’s security.",
    );
    let c = found
        .iter()
        .find(|c| c.actor.id == "radoslaw-sikorski")
        .expect("discovered actor holds the claim");
    assert_eq!(c.actor.name, "Radoslaw Sikorski");
    assert_eq!(c.topic, "security-guarantees");
    assert_eq!(c.stance, Stance::Support);
    // Later, the surname alone is the same actor.
    let found = claims(
        "Polish Foreign Minister Radoslaw Sikorski arrived in Kyiv. Sikorski said a ceasefire must come first.",
    );
    assert_eq!(
        stance_of(&found, "radoslaw-sikorski", "ceasefire"),
        Some(Stance::Support)
    );
}

// --- Topics ------------------------------------------------------------------------------

#[test]
fn topic_lexicons() {
    expect(
        "Trump ruled out boots on the ground.",
        "trump",
        "us-troops",
        Stance::Oppose,
    );
    expect(
        "Vance said American soldiers would not be deployed.",
        "vance",
        "us-troops",
        Stance::Oppose,
    );
    expect(
        "Rubio said a cease-fire was welcome.",
        "rubio",
        "ceasefire",
        Stance::Support,
    );
    // Named, but with no word that says how the speaker stands on it.
    expect(
        "Rubio said a cease-fire was close.",
        "rubio",
        "ceasefire",
        Stance::Unclear,
    );
    expect(
        "Macron said Article 5-style protection was needed.",
        "macron",
        "security-guarantees",
        Stance::Support,
    );
    // "Sending troops" is about U.S. troops when the White House says it...
    expect(
        "The White House said it opposed sending troops.",
        "white-house",
        "us-troops",
        Stance::Oppose,
    );
    // ...and about a European force when France does.
    expect(
        "France said it was ready to send troops.",
        "france",
        "security-guarantees",
        Stance::Support,
    );
    expect_none(
        "France said it was ready to send troops.",
        "france",
        "us-troops",
    );
}

#[test]
fn no_topic_no_claim() {
    assert!(claims("Trump said the economy was strong and Putin wants a deal.").is_empty());
}

// --- Stance --------------------------------------------------------------------------------

#[test]
fn negation_and_its_scope() {
    expect(
        "Trump said no U.S. troops would be deployed.",
        "trump",
        "us-troops",
        Stance::Oppose,
    );
    expect(
        "Putin refused to accept a ceasefire.",
        "putin",
        "ceasefire",
        Stance::Oppose,
    );
    expect(
        "The Kremlin said a European peacekeeping force was off the table.",
        "kremlin",
        "security-guarantees",
        Stance::Oppose,
    );
    // Two negations cancel: talks cannot happen without a ceasefire = support.
    expect(
        "Merz said talks cannot happen without a ceasefire.",
        "merz",
        "ceasefire",
        Stance::Support,
    );
    // A negation in another clause does not reach the topic.
    expect(
        "Macron said security guarantees were vital; he did not say more.",
        "macron",
        "security-guarantees",
        Stance::Support,
    );
}

#[test]
fn conditions_and_limited_roles() {
    expect(
        "Trump said the United States would help with security guarantees, but only if Europe leads.",
        "trump",
        "security-guarantees",
        Stance::Conditional,
    );
    expect(
        "Vance said America would play a supporting role in any security guarantees.",
        "vance",
        "security-guarantees",
        Stance::Conditional,
    );
    // A topic inside a condition is not a position.
    expect_none(
        "Zelensky said he would travel if a ceasefire is agreed.",
        "zelensky",
        "ceasefire",
    );
    // Nor is one after a time marker.
    expect_none(
        "Starmer said a force would deploy after a ceasefire.",
        "starmer",
        "ceasefire",
    );
}

#[test]
fn mixed_and_dispreference() {
    expect(
        "Trump said he liked the idea of a ceasefire, but the fighting could go on meanwhile.",
        "trump",
        "ceasefire",
        Stance::Mixed,
    );
    expect(
        "Moscow prefers a comprehensive settlement rather than a temporary ceasefire.",
        "russia",
        "ceasefire",
        Stance::Oppose,
    );
}

#[test]
fn boilerplate_never_yields_claims() {
    let text = "Talks resume in Geneva\n\nJOHN DOE/REUTERS\n\nTrump said U.S. troops will not go to Ukraine.\n\nThe talks resume on Monday.\n\nLeave a Comment\n";
    assert!(claims(text).is_empty(), "a photo caption is not reporting");
}
