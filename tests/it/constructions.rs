//! The constructions learned from real news, one test per class, each with its negative.
//! Every sentence here was written for the purpose.

use crate::support;
use crate::support::reading::{claims_with, expect, expect_none, own_config, stance_of};
use standpoint::{Config, Stance};

#[test]
fn a_statement_without_a_cue_word_is_unclear_not_support() {
    expect(
        "Macron said the ceasefire would be discussed in Paris next week.",
        "macron",
        "ceasefire",
        Stance::Unclear,
    );
    expect(
        "Macron said he welcomed the ceasefire.",
        "macron",
        "ceasefire",
        Stance::Support,
    );
}

#[test]
fn every_decided_claim_on_the_seeds_names_its_cue_words() {
    let config = Config::default_config();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let corpus = standpoint::corpus::load_dir(&dir, &config).expect("the seeds load");
    let extractor = standpoint::extract::Extractor::new(&config);
    let mut decided = 0;
    for doc in &corpus.documents {
        let seg = standpoint::text::segment(doc);
        for c in extractor.extract(doc, &seg).claims {
            if c.stance != Stance::Unclear {
                decided += 1;
                assert!(
                    !c.cues.is_empty(),
                    "a decided claim without cue words: {c:?}"
                );
            }
        }
    }
    assert!(decided >= 40, "the seeds give {decided} decided claims");
}

#[test]
fn truce_variants_and_front_line_freezes_name_the_ceasefire() {
    expect(
        "The Kremlin rejected a proposal to freeze the current front line.",
        "kremlin",
        "ceasefire",
        Stance::Oppose,
    );
    expect(
        "Zelensky called for a pause in strikes on energy facilities.",
        "zelensky",
        "ceasefire",
        Stance::Support,
    );
    assert_eq!(
        stance_of(
            "Zelensky called for more air defence systems.",
            "zelensky",
            "ceasefire"
        ),
        None
    );
}

#[test]
fn a_prepositional_negator_denies_only_what_follows_it() {
    expect(
        "Starmer said the United States must act as a backstop against any new aggression.",
        "starmer",
        "security-guarantees",
        Stance::Support,
    );
    expect(
        "Starmer said Europe would act without a backstop.",
        "starmer",
        "security-guarantees",
        Stance::Oppose,
    );
}

#[test]
fn negations_that_cancel_out_make_a_requirement() {
    expect(
        "Zelensky said there could be no peace deal without security guarantees.",
        "zelensky",
        "security-guarantees",
        Stance::Support,
    );
    expect(
        "Zelensky said there could be no security guarantees.",
        "zelensky",
        "security-guarantees",
        Stance::Oppose,
    );
}

#[test]
fn without_preconditions_is_unconditional_support() {
    expect(
        "Merz said Kyiv had accepted a ceasefire without preconditions.",
        "merz",
        "ceasefire",
        Stance::Support,
    );
    expect(
        "Merz said Kyiv would accept a ceasefire only if Moscow withdrew.",
        "merz",
        "ceasefire",
        Stance::Conditional,
    );
}

#[test]
fn not_this_but_that_is_a_limited_role() {
    expect(
        "Tusk said Poland would send not troops, but logistical support to Ukraine.",
        "tusk",
        "security-guarantees",
        Stance::Conditional,
    );
    expect(
        "Tusk said Poland would not send troops to Ukraine.",
        "tusk",
        "security-guarantees",
        Stance::Oppose,
    );
}

#[test]
fn someone_elses_proposal_named_as_an_adjective_is_not_a_cue() {
    expect(
        "Peskov said Moscow was studying the proposed ceasefire.",
        "peskov",
        "ceasefire",
        Stance::Unclear,
    );
    expect(
        "Peskov said Moscow had proposed a ceasefire.",
        "peskov",
        "ceasefire",
        Stance::Support,
    );
}

#[test]
fn an_imperative_of_the_topic_is_a_call_for_it() {
    expect(
        "\"Stop the fighting, now. We need peace,\" Trump said.",
        "trump",
        "ceasefire",
        Stance::Support,
    );
    expect(
        "Trump said the fighting had to stop before winter, but he refused a ceasefire.",
        "trump",
        "ceasefire",
        Stance::Oppose,
    );
}

#[test]
fn a_neutral_phrase_holds_no_cue() {
    expect(
        "\"Poland cannot send more troops to Ukraine,\" Polish officials said on condition of anonymity.",
        "poland",
        "security-guarantees",
        Stance::Oppose,
    );
}

#[test]
fn a_possessed_demand_as_an_object_gives_both_holders_a_position() {
    let article = "Russia on Tuesday rejected Trump's demand for a ceasefire.";
    expect(article, "russia", "ceasefire", Stance::Oppose);
    expect(article, "trump", "ceasefire", Stance::Support);
    // As a subject, the possessed noun is the only holder.
    let subject = "Trump's demand for a ceasefire surprised everyone.";
    expect(subject, "trump", "ceasefire", Stance::Support);
    assert_eq!(stance_of(subject, "russia", "ceasefire"), None);
}

#[test]
fn a_background_clause_still_gives_its_holder_a_position() {
    expect(
        "Though Russia has dismissed the ceasefire outright, Paris welcomed it.",
        "russia",
        "ceasefire",
        Stance::Oppose,
    );
}

#[test]
fn a_position_anaphor_takes_the_polarity_of_the_other_sides_position() {
    let article = "Trump said he no longer wanted a ceasefire before a deal. \
                   Macron pushed back on that suggestion.";
    expect(article, "trump", "ceasefire", Stance::Oppose);
    expect(article, "macron", "ceasefire", Stance::Support);
    // A thing anaphor keeps the topic as it was named.
    let thing = "Trump proposed a ceasefire. Putin rejected the truce.";
    expect(thing, "putin", "ceasefire", Stance::Oppose);
}

#[test]
fn coalition_and_prime_minister_abbreviations_are_holders() {
    expect(
        "The coalition of the willing pledged to deploy a multinational force.",
        "coalition",
        "security-guarantees",
        Stance::Support,
    );
    expect(
        "Italian PM Giorgia Meloni rejected Italy's participation in a multinational force.",
        "meloni",
        "security-guarantees",
        Stance::Oppose,
    );
}

#[test]
fn general_cues_serve_users_own_topics() {
    let config = own_config(CHARGE_TOPIC);
    let of = |article: &str| {
        claims_with(&config, article)
            .into_iter()
            .find(|c| c.actor.id == "lewis" && c.topic == "charge")
            .map(|c| c.stance)
    };
    assert_eq!(
        of("Councillor Gareth Lewis said the congestion charge would be scrapped."),
        Some(Stance::Oppose)
    );
    assert_eq!(
        of("Councillor Gareth Lewis said the congestion charge would drive away shoppers."),
        Some(Stance::Oppose)
    );
    // A verb that reports a statement takes no side on what it reports.
    assert_eq!(
        of("Councillor Gareth Lewis announced that the congestion charge would be reviewed."),
        Some(Stance::Unclear)
    );
    assert_eq!(
        of("Councillor Gareth Lewis said he would vote to approve the congestion charge."),
        Some(Stance::Support)
    );
    assert_eq!(
        of("Councillor Gareth Lewis said the congestion charge would start in May."),
        Some(Stance::Unclear)
    );
}

const CHARGE_TOPIC: &str = r#"
[[topics]]
id = "charge"
name = "Congestion charge"
terms = ["\\bcongestion charge\\b"]

[[actors]]
id = "lewis"
name = "Gareth Lewis"
kind = "person"
gender = "male"
aliases = ["Gareth Lewis", "Lewis"]
"#;

#[test]
fn a_refusal_reported_of_another_side_is_not_the_speakers() {
    // The refusal is Putin's; what Zelensky thinks of the ceasefire is not said here.
    expect(
        "Zelensky said Putin was getting ready to reject the ceasefire.",
        "zelensky",
        "ceasefire",
        Stance::Unclear,
    );
    // Kyiv is Zelensky's own side: its refusal is his position.
    expect(
        "Zelensky said Kyiv would reject the ceasefire.",
        "zelensky",
        "ceasefire",
        Stance::Oppose,
    );
    // An actor after a preposition is not the subject of the refusal.
    expect(
        "Lavrov said a European force in Ukraine was off the table.",
        "lavrov",
        "security-guarantees",
        Stance::Oppose,
    );
}

#[test]
fn members_listed_after_including_hold_the_subjects_position() {
    let article = "After the summit, several leaders, including Merz and Tusk, said talks could \
                   begin only after a full ceasefire.";
    expect(article, "merz", "ceasefire", Stance::Support);
    expect(article, "tusk", "ceasefire", Stance::Support);
    // A list inside an object is no subject.
    let object = "Trump spoke with several leaders, including Merz and Tusk, about a ceasefire.";
    assert_eq!(stance_of(object, "merz", "ceasefire"), None);
}

#[test]
fn a_time_limited_by_only_makes_a_requirement() {
    expect(
        "Macron said talks can only begin after a complete ceasefire.",
        "macron",
        "ceasefire",
        Stance::Support,
    );
    // A plain time marker is no position on the ceasefire.
    assert_ne!(
        stance_of(
            "Macron said talks would begin after a ceasefire.",
            "macron",
            "ceasefire"
        ),
        Some(Stance::Support)
    );
}

#[test]
fn a_possessed_ministry_speaks_for_its_country() {
    expect(
        "Poland's defence ministry said Polish troops would respect the truce only if Moscow did.",
        "poland",
        "ceasefire",
        Stance::Conditional,
    );
    // An outside group does not speak for whom it is about.
    expect_none(
        "Poland's critics say the truce is a trap.",
        "poland",
        "ceasefire",
    );

    // With a name after the title, the named person holds it.
    expect(
        "Russia's Foreign Minister Sergei Lavrov said the truce was a trap.",
        "lavrov",
        "ceasefire",
        Stance::Oppose,
    );
}

#[test]
fn the_leaders_refers_back_to_the_group_named_before() {
    let article = "Merz and Tusk met in Warsaw on Monday. The leaders said any talks must be \
                   preceded by a ceasefire.";
    expect(article, "merz", "ceasefire", Stance::Support);
    // "the leaders of X" says whose leaders they are: X holds it.
    let owned = "The leaders of France and Italy backed a ceasefire.";
    expect(owned, "france", "ceasefire", Stance::Support);
    assert_eq!(stance_of(owned, "merz", "ceasefire"), None);
}

#[test]
fn coordinated_holders_share_a_refusal() {
    let article = "Spain, Italy and Poland refused to send their troops to Ukraine.";
    expect(article, "spain", "security-guarantees", Stance::Oppose);
    expect(article, "poland", "security-guarantees", Stance::Oppose);
}

#[test]
fn each_sentence_of_a_long_quote_is_read_on_its_own() {
    expect(
        "\"We met today. We talked for hours. Stop the shooting, all of you,\" Trump said.",
        "trump",
        "ceasefire",
        Stance::Support,
    );
    // A refusal in one sentence of the quote does not reach the next.
    expect(
        "\"We did not agree on much. We support a truce,\" Merz said.",
        "merz",
        "ceasefire",
        Stance::Support,
    );
}

#[test]
fn but_without_a_favourable_word_before_it_is_not_mixed() {
    assert_ne!(
        stance_of(
            "Peskov said the truce had been discussed often but nothing had changed.",
            "peskov",
            "ceasefire"
        ),
        Some(Stance::Mixed)
    );
    expect(
        "Peskov said Moscow liked the truce but had questions.",
        "peskov",
        "ceasefire",
        Stance::Mixed,
    );
}

#[test]
fn what_the_reviewer_found_misread() {
    // A question is not a call, even when it opens with the topic's verb.
    assert_ne!(
        stance_of(
            "\"Pause in strikes? Nonsense, that is a ploy,\" Peskov said.",
            "peskov",
            "ceasefire"
        ),
        Some(Stance::Support)
    );
    // A title-case headline keeps its cue words.
    expect(
        "Macron Welcomes Ceasefire Plan As Talks Resume\n\nParis met on Monday.",
        "macron",
        "ceasefire",
        Stance::Support,
    );
    // "not long after" is a time, not a requirement.
    expect_none(
        "Zelensky said the shelling resumed not long after the truce.",
        "zelensky",
        "ceasefire",
    );
    // A fronted preposition is no title.
    expect_none(
        "Unlike Putin, Zelensky backs a ceasefire.",
        "putin",
        "ceasefire",
    );
}

#[test]
fn a_topic_named_as_a_time_is_neither_claimed_nor_an_antecedent() {
    // "once a ceasefire is in place" says when the force would come, not a position on a truce;
    // "the scheme" later points back to the force, not to the truce.
    let article = "Allies weigh a force\n\nMacron proposed a reassurance force once a ceasefire \
                   is in place.\n\nLater, Giorgia Meloni said she rejected the plan.";
    expect(article, "macron", "security-guarantees", Stance::Support);
    expect_none(article, "macron", "ceasefire");
    expect(article, "meloni", "security-guarantees", Stance::Oppose);
    expect_none(article, "meloni", "ceasefire");
    expect_none(
        "Starmer backed a multinational force in the event of a truce.",
        "starmer",
        "ceasefire",
    );
    // Without the time word, the truce is what is backed.
    expect(
        "Starmer backed a multinational force and a truce.",
        "starmer",
        "ceasefire",
        Stance::Support,
    );
}

#[test]
fn a_titled_description_possessing_a_stance_noun_holds_it() {
    // "the New Zealand Prime Minister's support": capitalised title, a country of two words.
    let article = "\"Not like that,\" Keith Kellogg said, responding to the New Zealand Prime \
                   Minister's support for a temporary truce.";
    expect(article, "new-zealand", "ceasefire", Stance::Support);
    // The possessive is what holds the stance noun: a title alone does not.
    expect_none(
        "Keith Kellogg said the New Zealand Prime Minister had met him to discuss a truce.",
        "new-zealand",
        "ceasefire",
    );
}

#[test]
fn members_listed_after_an_of_phrase_group_hold_the_verb() {
    let article = "In Paris, leaders of the coalition of the willing, including Emmanuel Macron \
                   and Keir Starmer, signed a declaration to deploy a multinational force.";
    expect(article, "macron", "security-guarantees", Stance::Support);
    expect(article, "starmer", "security-guarantees", Stance::Support);
    // Listed as objects, they hold nothing.
    expect_none(
        "Trump criticised several leaders of the coalition, including Emmanuel Macron, who \
         were absent.",
        "macron",
        "security-guarantees",
    );
}

#[test]
fn it_as_the_object_of_a_stance_verb_points_back_to_the_one_topic_just_named() {
    let article = "Talks go on\n\nTrump proposed a 30-day truce on Monday. \"We support it, but \
                   there are nuances,\" Vladimir Putin said.";
    expect(article, "putin", "ceasefire", Stance::Conditional);
    let rejected = "Talks go on\n\nTrump proposed a 30-day truce on Monday. \"We firmly reject it,\" \
                    Vladimir Putin said.";
    expect(rejected, "putin", "ceasefire", Stance::Oppose);
    // Two topics just named: "it" could be either.
    expect_none(
        "Talks go on\n\nTrump proposed a truce and security guarantees on Monday. \"We fully \
         support it,\" Vladimir Putin said.",
        "putin",
        "ceasefire",
    );
    // Named two sentences before: too far for a pronoun.
    expect_none(
        "Talks go on\n\nTrump proposed a truce on Monday. Later he met the press. \"We fully \
         support it,\" Vladimir Putin said.",
        "putin",
        "ceasefire",
    );
    // "it" as a subject is not the object of the verb.
    expect_none(
        "Talks go on\n\nTrump proposed a truce on Monday. \"It is still far too \
         early to say anything,\" Vladimir Putin said.",
        "putin",
        "ceasefire",
    );
}

#[test]
fn so_called_groups_and_peacekeeping_efforts_are_read() {
    expect(
        "The so-called coalition of the willing agreed to provide security guarantees.",
        "coalition",
        "security-guarantees",
        Stance::Support,
    );
    expect(
        "Keir Starmer urged more countries to join a peacekeeping effort in Ukraine.",
        "starmer",
        "security-guarantees",
        Stance::Support,
    );
    expect_none(
        "Keir Starmer spoke about a peace effort in the region.",
        "starmer",
        "security-guarantees",
    );
}

#[test]
fn a_possessed_stance_noun_ends_with_the_topic_it_names() {
    // "blocked any progress" is said of the refusal, not part of Moscow's position.
    let article = "Donald Trump said Moscow's refusal to stop fighting along the front line \
                   blocked any progress.";
    expect(article, "russia", "ceasefire", Stance::Oppose);
    expect(
        "Russia rejected Trump's demand for a ceasefire within 50 days.",
        "russia",
        "ceasefire",
        Stance::Oppose,
    );
}

#[test]
fn what_a_document_does_not_include_is_not_a_refusal() {
    expect_none(
        "Talks go on\n\nThe White House readout did not include a word on the proposed truce.",
        "white-house",
        "ceasefire",
    );
    // A refusal in the same words is one.
    expect(
        "Talks go on\n\nThe White House did not want the proposed truce.",
        "white-house",
        "ceasefire",
        Stance::Oppose,
    );
}

#[test]
fn declaring_ordering_and_justifying_a_truce_are_support() {
    expect(
        "The Kremlin said a truce would be declared on the holiday.",
        "kremlin",
        "ceasefire",
        Stance::Support,
    );
    expect(
        "Vladimir Putin ordered his forces to suspend attacks on energy sites.",
        "putin",
        "ceasefire",
        Stance::Support,
    );
    expect(
        "Talks go on\n\nVladimir Putin announced a truce on Saturday. He justified the decision \
         on humanitarian grounds.",
        "putin",
        "ceasefire",
        Stance::Support,
    );
    // Calling it intervention is opposition.
    expect(
        "Russia's foreign ministry said a multinational force in Ukraine would amount to direct \
         foreign intervention.",
        "russian-foreign-ministry",
        "security-guarantees",
        Stance::Oppose,
    );
    // Reporting a truce without a cue takes no side.
    expect(
        "The Kremlin said a truce was discussed on the holiday.",
        "kremlin",
        "ceasefire",
        Stance::Unclear,
    );
}

#[test]
fn a_side_taken_on_the_articles_subject_says_who_spoke_without_a_stance() {
    let article = "Truce talks stall\n\nDonald Trump called for a ceasefire within 50 days. \
                   Ukraine backed the truce on Monday. Dmitry Medvedev dismissed the remarks as \
                   theatrical.";
    // Who spoke is known; what the dismissal is about is not named, so no side is shown.
    expect(article, "medvedev", "ceasefire", Stance::Unclear);
    let found = support::reading::claims(article);
    let medvedev = found
        .iter()
        .find(|c| c.actor.id == "medvedev")
        .expect("Medvedev's claim");
    assert!(medvedev.cues.is_empty() && medvedev.confidence < 0.5);
    // No cue word: no claim at all.
    assert_eq!(
        stance_of(
            "Truce talks stall\n\nDonald Trump called for a ceasefire within 50 days. Ukraine \
             backed the truce on Monday. Dmitry Medvedev travelled to Minsk.",
            "medvedev",
            "ceasefire"
        ),
        None
    );
    // No topic dominates the article: no claim either.
    assert_eq!(
        stance_of(
            "Talks stall\n\nDonald Trump called for a ceasefire within 50 days. Ukraine backed \
             security guarantees on Monday. Dmitry Medvedev dismissed the remarks as theatrical.",
            "medvedev",
            "ceasefire"
        ),
        None
    );
}

#[test]
fn an_unknown_title_before_known_titles_is_still_a_title() {
    expect(
        "Former Russian President Dmitry Medvedev dismissed a truce.",
        "medvedev",
        "ceasefire",
        Stance::Oppose,
    );
    // A capitalised opening word that is no title keeps its meaning: "Unlike".
    expect_none(
        "Unlike Russian President Vladimir Putin, Zelensky backed a truce.",
        "putin",
        "ceasefire",
    );
}

#[test]
fn the_author_of_a_statement_speaks_through_it() {
    expect(
        "A statement by coalition leaders said that allies will participate in a ceasefire \
         monitoring mission.",
        "coalition",
        "ceasefire",
        Stance::Support,
    );
    expect(
        "A statement from European leaders said they back a ceasefire.",
        "europe",
        "ceasefire",
        Stance::Support,
    );
    // A passive agent is not an author: "rejected by Russia" is Russia's rejection, read by the
    // passive rule, and support from someone is not a statement.
    expect(
        "Trump backed a truce that was rejected by Vladimir Putin.",
        "putin",
        "ceasefire",
        Stance::Oppose,
    );
    expect_none(
        "Support from European leaders for security guarantees grew as Russia proposed a truce.",
        "europe",
        "ceasefire",
    );
}

#[test]
fn guns_falling_silent_name_the_ceasefire() {
    expect(
        "\"First, the weapons must fall silent,\" Friedrich Merz said in Berlin.",
        "merz",
        "ceasefire",
        Stance::Support,
    );
    // Silence of another kind is no truce.
    assert_eq!(
        stance_of(
            "Friedrich Merz said the room fell silent when the minister spoke.",
            "merz",
            "ceasefire"
        ),
        None
    );
}

#[test]
fn fighting_that_must_stop_names_the_ceasefire() {
    expect(
        "Emmanuel Macron said the fighting must stop before any talks on territory.",
        "macron",
        "ceasefire",
        Stance::Support,
    );
    expect(
        "Keir Starmer said hostilities should cease at once and for good.",
        "starmer",
        "ceasefire",
        Stance::Support,
    );
    // Fighting that goes on, or a stop of something else, is no truce.
    expect_none(
        "Emmanuel Macron said the fighting will go on for months.",
        "macron",
        "ceasefire",
    );
    expect_none(
        "Keir Starmer said the price rises must stop before winter.",
        "starmer",
        "ceasefire",
    );
}

#[test]
fn an_agent_of_the_topic_itself_stands_on_the_topic() {
    // The truce proposed by Zelensky: whoever rejects it, Zelensky proposed it.
    expect(
        "Vladimir Putin rejected the 30-day ceasefire proposed by Volodymyr Zelensky last week.",
        "zelensky",
        "ceasefire",
        Stance::Support,
    );
    expect(
        "Volodymyr Zelensky rejected the truce, which was backed by Sergei Lavrov at the time.",
        "lavrov",
        "ceasefire",
        Stance::Support,
    );
    // With no other claim in the sentence.
    expect(
        "The Easter truce announced by Vladimir Putin was discussed in Riyadh on Monday.",
        "putin",
        "ceasefire",
        Stance::Support,
    );
    expect(
        "The ceasefire, which was ruled out by Sergei Lavrov, was discussed in Riyadh on Monday.",
        "lavrov",
        "ceasefire",
        Stance::Oppose,
    );
    // A position named by a neutral noun still follows the sentence's claim.
    expect(
        "Vladimir Putin rejected a ceasefire, a position staked out by Sergei Lavrov in March.",
        "lavrov",
        "ceasefire",
        Stance::Oppose,
    );
}

/// The congestion-charge configuration of [`general_cues_serve_users_own_topics`], with a mayor
/// whose alias is written in lower case, as users write role aliases.
fn charge_config() -> Config {
    let mayor = r#"
[[actors]]
id = "okafor"
name = "Ruth Okafor"
kind = "person"
gender = "female"
aliases = ["Ruth Okafor", "Okafor", "the mayor"]
"#;
    own_config(&format!("{CHARGE_TOPIC}\n{mayor}"))
}

/// The stance of `actor` on the charge in `article`, read with [`charge_config`].
fn on_the_charge(article: &str, actor: &str) -> Option<Stance> {
    claims_with(&charge_config(), article)
        .into_iter()
        .find(|c| c.actor.id == actor && c.topic == "charge")
        .map(|c| c.stance)
}

#[test]
fn a_lower_case_alias_also_opens_a_sentence() {
    assert_eq!(
        on_the_charge("The mayor backed the congestion charge.", "okafor"),
        Some(Stance::Support)
    );
    assert_eq!(
        on_the_charge(
            "On Monday the mayor backed the congestion charge.",
            "okafor"
        ),
        Some(Stance::Support),
        "and still inside one"
    );
    // Capitalising the alias does not make it match inside another word.
    assert_eq!(
        on_the_charge("The mayoral race backed the congestion charge.", "okafor"),
        None
    );
}

#[test]
fn a_gap_in_a_cue_lets_a_few_words_stand_between_its_parts() {
    let chamber = "Gareth Lewis, who lobbied hard for the congestion charge, spoke on Monday.";
    assert_eq!(on_the_charge(chamber, "lewis"), Some(Stance::Support));
    assert_eq!(
        on_the_charge(
            "Gareth Lewis said he would only support the congestion charge if buses improved.",
            "lewis"
        ),
        Some(Stance::Conditional)
    );
    assert_eq!(
        on_the_charge(
            "Gareth Lewis said he would challenge the congestion charge in the courts.",
            "lewis"
        ),
        Some(Stance::Oppose)
    );
    // The gap never crosses a clause: "only" here limits the timing, not the support.
    assert_eq!(
        on_the_charge(
            "Gareth Lewis only said, after the vote and if asked, that he backed the congestion charge.",
            "lewis"
        ),
        Some(Stance::Support)
    );
    // Nor more than five words: the lobbying here is for something else.
    assert_ne!(
        on_the_charge(
            "Gareth Lewis lobbied the council and its transport committee for months; the congestion charge will start in May.",
            "lewis"
        ),
        Some(Stance::Support)
    );
}

#[test]
fn roles_beyond_diplomacy_introduce_people_the_config_does_not_name() {
    for article in [
        "Councillor Jane Roe said the congestion charge would hurt traders.",
        "Head teacher Jane Roe said the congestion charge would hurt traders.",
        "Jane Roe, chief executive of a bus company, said the congestion charge would hurt traders.",
    ] {
        assert_eq!(
            on_the_charge(article, "jane-roe"),
            Some(Stance::Oppose),
            "{article}"
        );
    }
    // A capitalised word that is no role introduces nobody.
    assert_eq!(
        on_the_charge(
            "Greengrocer Jane Roe said the congestion charge would hurt traders.",
            "jane-roe"
        ),
        None
    );
}

#[test]
fn a_described_speaker_is_a_person_when_a_verb_of_saying_follows() {
    assert_eq!(
        on_the_charge(
            "Jane Roe, a cyclist from the east of the city, said the congestion charge was long overdue.",
            "jane-roe"
        ),
        Some(Stance::Support)
    );
    // A place described the same way says nothing.
    let street =
        "Oak Street, a busy road in the centre, was closed after the congestion charge began.";
    assert!(
        claims_with(&charge_config(), street)
            .iter()
            .all(|c| c.actor.id != "oak-street"),
        "{street}"
    );
}

#[test]
fn a_fronted_time_phrase_leaves_the_subject_in_place() {
    expect(
        "On Monday Macron backed the ceasefire.",
        "macron",
        "ceasefire",
        Stance::Support,
    );
    expect(
        "In 2025 the Kremlin rejected the ceasefire.",
        "kremlin",
        "ceasefire",
        Stance::Oppose,
    );
    // After another preposition the name is no subject: the backing is not Macron's.
    expect_none(
        "In talks with Macron officials backed the ceasefire.",
        "macron",
        "ceasefire",
    );
}
