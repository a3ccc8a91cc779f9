"""Statements: each quote shape, each way of naming the speaker, and what is not a statement.

A statement's text is a slice of the body (`position`, `end`); reported speech is its content
clause, with the speaker and the cue beside it. The texts are written for these tests (invented
people and outlets); no database.
"""

import re
import time

import pytest

from articles.extraction.actors import find_actors
from articles.extraction.page import ExtractedPage
from articles.extraction.pipeline import extract
from articles.extraction.statements import find_statements

KASK = "Estonian Defence Minister Arvo Kask visited the brigade on Monday."


def statements(body, title=None, author=None):
    found, _ = find_statements(body, find_actors(body, author=author, title=title))
    return found


def _words(text):
    return " ".join(re.findall(r"\w+", text.casefold()))


def holding(found, piece):
    """The statements whose words hold `piece`'s (quote marks and line breaks aside)."""
    return [s for s in found if _words(piece) in _words(s.text)]


def only(found, piece):
    hits = holding(found, piece)
    assert len(hits) == 1, (piece, [(s.speaker, s.text) for s in found])
    return hits[0]


QUOTE_SHAPES = [
    pytest.param(
        f'{KASK} "We will not wait for Moscow to decide our defence," Kask said.',
        "We will not wait for Moscow",
        "Arvo Kask",
        id="straight-quotes-attribution-after",
    ),
    pytest.param(
        f"{KASK} “We will not wait for Moscow to decide our defence,” Kask said on Tuesday.",
        "We will not wait for Moscow",
        "Arvo Kask",
        id="curly-quotes-attribution-after",
    ),
    pytest.param(
        "“The brigade will be ready by the spring, whatever the weather,” said Estonian Defence Minister Arvo Kask.",
        "The brigade will be ready by the spring",
        "Arvo Kask",
        id="inverted-attribution",
    ),
    pytest.param(
        f"{KASK} Kask said: “The brigade will be ready by the spring, whatever the weather.”",
        "The brigade will be ready",
        "Arvo Kask",
        id="attribution-before-with-colon",
    ),
    pytest.param(
        f'{KASK} He denied any delay, telling reporters: "No, the brigade is on schedule and fully staffed."',
        "the brigade is on schedule",
        "Arvo Kask",
        id="introduced-by-a-participle-and-colon",
    ),
    pytest.param(
        f"{KASK}\n\nIn an interview, Kask spoke about the coming winter:\n\n"
        "“We have stocked fuel for four months and we will not ration it.”",
        "We have stocked fuel for four months",
        "Arvo Kask",
        id="colon-at-the-end-of-the-previous-paragraph",
    ),
    pytest.param(
        f"{KASK} “The brigade is ready,” Kask said, “and the allies know it as well as we do.”",
        "“The brigade is ready,” Kask said, “and the allies know it",
        "Arvo Kask",
        id="split-around-the-attribution",
    ),
    pytest.param(
        f"{KASK} “The brigade is ready,” Kask said. “The allies know it as well as we do.”",
        "“The brigade is ready,” Kask said. “The allies know it",
        "Arvo Kask",
        id="split-over-two-sentences",
    ),
    pytest.param(
        f"{KASK} ''The brigade is ready for the winter,'' Kask told reporters.",
        "The brigade is ready for the winter",
        "Arvo Kask",
        id="doubled-apostrophes",
    ),
    pytest.param(
        f"{KASK}\n\n“Why would we wait for the winter to test the new radars?” Kask asked.",
        "Why would we wait for the winter",
        "Arvo Kask",
        id="question-then-attribution",
    ),
    pytest.param(
        "“Nobody in my town believes the border is safe any more.” ― Arvo Kask\n“We need the brigade.” ― Liis Tamm",
        "Nobody in my town believes the border",
        "Arvo Kask",
        id="credited-with-a-dash",
    ),
    pytest.param(
        f"{KASK}\n\n“We have learnt from every winter since the war began. We know the roads.\n\n"
        "“And we know that the next months will be the hardest,” Kask said.",
        "We know the roads. And we know that the next months",
        "Arvo Kask",
        id="over-several-paragraphs",
    ),
    pytest.param(
        "Pilots gathered at the base on Friday.\n\n“I was hoping for a better plan than this one,” said Air Force"
        " 1st Lt. Maren Holt. “We all were.”",
        "I was hoping for a better plan",
        "Maren Holt",
        id="ordinal-in-the-title",
    ),
    pytest.param(
        "Lawmakers met on Friday. Senator Ann Cole has doubts. Said Cole: “The plan leaves the coast without"
        " any radar cover.”",
        "The plan leaves the coast",
        "Ann Cole",
        id="verb-opens-the-sentence",
    ),
    pytest.param(
        'Pilots gathered at the base.\n\n"We were arguing that we had to wait for the spring,” recalled Maren'
        " Holt. “Nobody listened.”",
        "We were arguing that we had to wait",
        "Maren Holt",
        id="straight-mark-closed-by-a-curly-one-and-a-clause-verb-before-its-subject",
    ),
    pytest.param(
        "Critics spoke up.\n\n“That was the first time in a long while,” co-anchor Maren Holt said. “It is rare.”",
        "first time in a long while",
        "Maren Holt",
        id="lower-case-role-before-the-name",
    ),
]


@pytest.mark.parametrize(("body", "piece", "speaker"), QUOTE_SHAPES)
def test_each_direct_quote_shape_is_one_statement_with_its_speaker(body, piece, speaker):
    found = statements(body)

    statement = only(found, piece)
    assert statement.speaker == speaker
    assert statement.kind == "direct"
    assert body[statement.position : statement.end] == statement.text


def test_a_partial_quote_inside_reported_speech_is_one_statement_over_its_clause():
    body = f"{KASK} Kask said the new plan was “a real step” for the region and would be signed in May."

    statement = only(statements(body), "a real step")

    assert statement.speaker == "Arvo Kask"
    assert statement.kind == "indirect"
    assert statement.text == "the new plan was “a real step” for the region and would be signed in May"
    assert statement.cue == "said"


def test_a_quote_paragraph_with_no_attribution_carries_on_the_last_speaker():
    body = (
        f"{KASK}\n\n“The brigade will be ready by the spring,” Kask said.\n\n"
        "“And nobody should doubt that we will pay for it ourselves.”"
    )

    found = statements(body)

    assert [s.speaker for s in found] == ["Arvo Kask", "Arvo Kask"]
    assert found[1].text == "“And nobody should doubt that we will pay for it ourselves.”"


def test_a_quote_paragraph_after_another_speaker_is_introduced_is_not_given_to_the_first():
    body = (
        f"{KASK}\n\n“The brigade will be ready by the spring,” Kask said.\n\n"
        "Finance Minister Liis Tamm was less sure. She said the money would come later.\n\n"
        "“We have not found the money yet, and we will not borrow it.”"
    )

    found = statements(body)

    assert [s.speaker for s in holding(found, "We have not found the money yet")] == ["Liis Tamm"]


def test_a_colon_at_a_paragraphs_end_introduces_the_quote_below_it():
    body = f"{KASK} Kask continued:\n\n“The brigade will be ready by the spring, whatever the weather.”"

    statement = only(statements(body), "whatever the weather")

    assert (statement.speaker, statement.kind, statement.cue) == ("Arvo Kask", "direct", "continued")


REPORTED = [
    pytest.param(f"{KASK} Kask said that the brigade would be ready by May.", id="said-that"),
    pytest.param(f"{KASK} Kask said the brigade would be ready by May.", id="said-without-that"),
    pytest.param(f"{KASK} Kask emphasized that the brigade would be ready by May.", id="emphasized"),
    pytest.param(f"{KASK} Kask stressed that the brigade would be ready by May.", id="stressed"),
    pytest.param(f"{KASK} Kask warned that the brigade would be ready by May.", id="warned"),
    pytest.param(f"{KASK} Kask noted that the brigade would be ready by May.", id="noted"),
    pytest.param(f"{KASK} Kask clarified that the brigade would be ready by May.", id="clarified"),
    pytest.param(f"{KASK} Kask also revealed that the brigade would be ready by May.", id="revealed"),
    pytest.param(f"{KASK} Kask emphasizes that the brigade would be ready by May.", id="present-tense"),
    pytest.param(f"{KASK} According to Kask, the brigade would be ready by May.", id="according-to-first"),
    pytest.param(f"{KASK} The brigade would be ready by May, according to Kask.", id="according-to-last"),
    pytest.param(f"{KASK} But the brigade, Kask said, would be ready by May.", id="but-then-attribution-inside"),
    pytest.param(f"{KASK} Perhaps, he said, this “brigade will be ready by May.”", id="adverb-then-attribution"),
    pytest.param(f"{KASK} As Kask put it, the brigade would be ready by May.", id="as-someone-put-it"),
    pytest.param(f"{KASK} Kask told the Harbour Ledger that the brigade would be ready by May.", id="told-outlet"),
    pytest.param(
        f"{KASK} Kask inspected the barracks, noting that the brigade would be ready by May.", id="participle"
    ),
    pytest.param(f"{KASK} The brigade would be ready by May, Kask said.", id="attribution-after"),
    pytest.param(f"{KASK} The brigade, as Kask notes, would be ready by May.", id="as-x-notes"),
    pytest.param(f"{KASK} Kask expressed hope that the brigade would be ready by May.", id="expressed-hope"),
]


@pytest.mark.parametrize("body", REPORTED)
def test_reported_speech_is_an_indirect_statement(body):
    statement = only(statements(body), "ready by May")

    assert statement.speaker == "Arvo Kask"
    assert statement.kind == "indirect"
    assert body[statement.position : statement.end] == statement.text


CUES = [
    ("Kask claimed that the brigade would be ready by May.", "claimed"),
    ("Kask argued that the brigade would be ready by May.", "argued"),
    ("Kask insisted the brigade would be ready by May.", "insisted"),
    ("Kask acknowledged that the brigade would not be ready by May.", "acknowledged"),
    ("Kask testified that the brigade would be ready by May.", "testified"),
    ("Kask told reporters that the brigade would be ready by May.", "told"),
    ("Kask told the Harbour Ledger the brigade would be ready by May.", "told"),
    ("Kask wrote on his blog that the brigade would be ready by May.", "wrote"),
    ("Kask tweeted that the brigade would be ready by May.", "tweeted"),
    ("Kask posted that the brigade would be ready by May.", "posted"),
    ("Kask said in a statement that the brigade would be ready by May.", "said"),
    ("Kask warned on Tuesday that the brigade would not be ready by May.", "warned"),
    ("Kask, however, has repeatedly denied that the brigade would be late.", "denied"),
    ("The brigade would be ready by May, according to Kask.", "according to"),
    ("Asked about delays, Kask shot back, “No, the brigade would be ready by May.”", "shot back"),
    ("Asked about delays, Kask fired back: “No, the brigade would be ready by May.”", "fired back"),
    ("Ozola spoke of delays, but Kask interjected: “No, the brigade would be ready by May.”", "interjected"),
]


@pytest.mark.parametrize(("sentence", "cue"), CUES)
def test_the_cue_is_stored_beside_the_reported_content(sentence, cue):
    body = f"{KASK} {sentence}"

    statement = only(statements(body), "the brigade would")

    assert statement.speaker == "Arvo Kask"
    assert statement.cue == cue
    assert "Kask" not in statement.text
    assert not statement.unnamed


def test_a_retort_verb_with_no_quote_after_it_is_no_cue():
    assert not statements(f"{KASK} Kask snapped a photo of the brigade and fired back at the range.")


def test_two_cues_in_one_sentence_give_two_statements():
    body = f"{KASK} Kask said the brigade would be ready by May, adding that the radars would come in June."

    found = statements(body)

    assert [(s.text, s.cue) for s in found] == [
        ("the brigade would be ready by May", "said"),
        ("the radars would come in June", "adding"),
    ]


UNNAMED = [
    ("A senior NATO official said the alliance would send four more jets to the region.", "A senior NATO official"),
    ("Officials said the alliance would send four more jets to the region.", "Officials"),
    (
        "Sources familiar with the talks said the alliance would send four more jets to the region.",
        "Sources familiar with the talks",
    ),
    ("The union said the alliance would send four more jets to the region.", "The union"),
    ("The alliance would send four more jets to the region, a spokesperson said.", "a spokesperson"),
    ("“The alliance will send four more jets to the region,” said a diplomat in Brussels.", "a diplomat"),
    (
        "“The alliance will send four more jets to the region,” said a spokeswoman for the Tallinn Courier.",
        "a spokeswoman for the Tallinn Courier",
    ),
    (
        "“The alliance will send four more jets to the region,” said a longtime adviser to Kask.",
        "a longtime adviser to Kask",
    ),
    (
        "“The alliance will send four more jets to the region,” said an aide to both Ozolas, who asked for anonymity.",
        "an aide to both Ozolas",
    ),
    ("“The alliance will send four more jets to the region,” said an official at the ministry.", "an official"),
    (
        "“The alliance will send four more jets to the region,” said one diplomat familiar with the talks, who asked "
        "for anonymity.",
        "one diplomat familiar with the talks",
    ),
    (
        "“The alliance will send four more jets to the region,” said two officials close to the minister on Tuesday.",
        "two officials close to the minister",
    ),
    ("“The alliance will send four more jets to the region,” said one diplomat.", "one diplomat"),
    ("“The alliance will send four more jets to the region,” said a defence official.", "a defence official"),
    (
        "A reporter for the Tartu Courier spotted Kask and reported that four more jets would go to the region.",
        "A reporter for the Tartu Courier",
    ),
    ("“The alliance will send four more jets to the region,” said a pollster with Mr. Ozola’s party.", "a pollster"),
    ("Attorneys for Kask said the alliance would send four more jets to the region.", "Attorneys for Kask"),
    ("Aides to Mr. Kask said the alliance would send four more jets to the region.", "Aides to Mr. Kask"),
    ("Half of Estonian voters said the alliance should send four more jets to the region.", "Half of Estonian voters"),
]


@pytest.mark.parametrize(("sentence", "description"), UNNAMED)
def test_an_unnamed_source_keeps_its_description_and_is_marked_unnamed(sentence, description):
    body = f"{KASK} {sentence}"

    statement = only(statements(body), "four more jets")

    assert statement.unnamed
    assert statement.source_text == description
    assert statement.speaker != "Arvo Kask"


SPEAKERS = [
    pytest.param(
        "Latvian Foreign Minister Ilze Ozola met her Lithuanian counterpart in Vilnius on Friday. "
        "She said the two countries would share radar data from the summer.",
        "share radar data",
        "Ilze Ozola",
        id="pronoun-she",
    ),
    pytest.param(
        "Latvian Foreign Minister Ilze Ozola met Lithuanian Foreign Minister Tomas Vilkas in Vilnius. "
        "Ozola said she would share radar data. Vilkas said he agreed. "
        "“We will buy the same systems,” she said. He added that the order would be placed in June.",
        "order would be placed in June",
        "Tomas Vilkas",
        id="pronoun-he-after-she",
    ),
    pytest.param(
        "Latvian Foreign Minister Ilze Ozola met Lithuanian Foreign Minister Tomas Vilkas in Vilnius. "
        "The Latvian minister said the two countries would share radar data.",
        "share radar data",
        "Ilze Ozola",
        id="nominal-with-nationality",
    ),
    pytest.param(
        "Alliance Secretary General Hanna Berg opened the meeting in Oslo. "
        "The Secretary General said the alliance would double its air patrols.",
        "double its air patrols",
        "Hanna Berg",
        id="nominal-title",
    ),
    pytest.param(
        "Finnish Prime Minister Anneli Roos and Finnish Deputy Prime Minister Jari Niemi spoke in Helsinki. "
        "The deputy prime minister said the budget for defence would rise.",
        "budget for defence would rise",
        "Jari Niemi",
        id="nominal-deputy-is-not-the-prime-minister",
    ),
    pytest.param(
        "Talks resumed in Geneva on Monday. The Kremlin said the talks would continue next week.",
        "continue next week",
        "Kremlin",
        id="organisation",
    ),
    pytest.param(
        "Talks resumed in Geneva on Monday. NATO said in a statement that patrols would continue.",
        "patrols would continue",
        "NATO",
        id="organisation-in-a-statement",
    ),
    pytest.param(
        "The Kremlin dismissed the offer. The proposal was one-sided and would not be studied, it said.",
        "would not be studied",
        "Kremlin",
        id="it-for-an-organisation",
    ),
    pytest.param(
        "Anneli Roos, the Finnish prime minister, said the border would stay closed through the winter.",
        "border would stay closed",
        "Anneli Roos",
        id="apposition",
    ),
    pytest.param(
        "British Prime Minister Nora May said on Tuesday that the border would stay closed through the winter.",
        "border would stay closed",
        "Nora May",
        id="surname-that-is-a-month",
    ),
    pytest.param(
        "“The border will stay closed through the winter,” said Interior Minister Oskar June.",
        "border will stay closed",
        "Oskar June",
        id="surname-that-is-a-month-after-the-cue",
    ),
    pytest.param(
        "Senator Dana Holt said in May that the border would stay closed through the winter.",
        "border would stay closed",
        "Dana Holt",
        id="a-month-after-the-name-is-a-month",
    ),
]


@pytest.mark.parametrize(("body", "piece", "speaker"), SPEAKERS)
def test_the_speaker_is_resolved_to_an_actor(body, piece, speaker):
    assert only(statements(body), piece).speaker == speaker


def test_people_named_inside_a_quote_are_not_its_speaker():
    body = (
        "Norwegian envoy Lars Dahl met Finnish Prime Minister Anneli Roos on Monday. "
        "“Under the leadership of Anneli Roos, Finland has done more than anyone asked,” Dahl said."
    )

    assert only(statements(body), "Finland has done more").speaker == "Lars Dahl"


@pytest.mark.parametrize(
    "body",
    [
        "“I have great respect for Governor Anneli Roos,” Dahl said, adding: “I would welcome her support.”",
        "“Anneli Roos has led well,” Dahl said, adding, “I would welcome her support.”",
        "Dahl praised “the courage of Prime Minister Anneli Roos,” adding that “I would welcome her support.”",
    ],
)
def test_the_subject_of_adding_is_never_a_name_inside_the_quote_before(body):
    body = f"Norwegian envoy Lars Dahl met Finnish Prime Minister Anneli Roos on Monday. {body}"

    assert only(statements(body), "I would welcome her support").speaker == "Lars Dahl"


@pytest.mark.parametrize(
    "opening", ["Inside the hotel conference center", "Outside the campaign", "Outside the party headquarters"]
)
def test_a_place_opening_the_sentence_is_not_the_subject_of_a_participle(opening):
    body = (
        "Norwegian envoy Lars Dahl spoke in Tartu on Monday. "
        f"{opening}, Dahl on Tuesday dismissed Governor Kask as a weak leader, arguing that the state had lost jobs."
    )

    assert only(statements(body), "the state had lost jobs").speaker == "Lars Dahl"


@pytest.mark.parametrize(
    ("sentence", "piece"),
    [
        ("Latvian envoy Ilze Ozola condemned what she called “a reckless breach” of the treaty.", "reckless breach"),
        (
            "Latvian envoy Ilze Ozola was talking about the border when she told reporters that the talks had failed.",
            "the talks had failed",
        ),
    ],
)
def test_he_or_she_under_the_main_verb_is_the_sentences_subject_not_the_last_speaker(sentence, piece):
    body = f"“The brigade is ready,” Estonian Defence Minister Arvo Kask said on Monday. {sentence}"

    assert only(statements(body), piece).speaker == "Ilze Ozola"


@pytest.mark.parametrize(
    ("sentence", "piece", "speaker"),
    [
        (
            "The new ad uses footage of Latvian envoy Ilze Ozola asking, “Why are we not further ahead?”",
            "further",
            "Ilze Ozola",
        ),
        (
            "The spot ends with Latvian envoy Ilze Ozola saying during the debate, “That makes me smart.”",
            "smart",
            "Ilze Ozola",
        ),
        ("Kask answered the question on Tallinn Post writing, “Yes, I will.”", "Yes, I will", "Arvo Kask"),
    ],
)
def test_a_person_named_right_before_a_participle_is_its_subject(sentence, piece, speaker):
    body = f"“The brigade is ready,” Estonian Defence Minister Arvo Kask said on Monday. {sentence}"

    assert only(statements(body), piece).speaker == speaker


def test_a_reported_clause_inside_a_quote_is_not_the_articles_attribution():
    body = "“What the council has said is that it wants a role in the talks,” envoy Lars Dahl said."

    found = statements(body)

    assert len(found) == 1
    assert found[0].speaker == "Lars Dahl"


def test_an_unnamed_speaker_does_not_take_the_previous_persons_name():
    body = (
        "Defence Minister Petra Lind announced the deliveries on Monday. "
        "The Dutch prime minister, whose government hosts the summit, said allies needed to agree on spending. "
        "He said he expected a short declaration."
    )

    found = statements(body)

    # "He" is the Dutch prime minister the article does not name, not Lind.
    assert [(s.text, s.unnamed, s.source_text) for s in found if s.speaker != "Petra Lind"] == [
        ("allies needed to agree on spending", True, "The Dutch prime minister"),
        ("he expected a short declaration", True, "The Dutch prime minister"),
    ]


NOT_STATEMENTS = [
    pytest.param(
        "The minister described the so-called “grey zone” along the border during a visit.", id="scare-quotes"
    ),
    pytest.param(
        "Estonian Defence Minister Arvo Kask presented the book “The Long Winter of the North” in Tallinn.",
        id="title-in-quotes",
    ),
    pytest.param("The figures come from the news agency “Nordpress” and from the coast guard.", id="name-in-quotes"),
    pytest.param(
        "Ministers met in Riga on Tuesday to discuss cable protection, Baltic Wire reports.", id="outlet-credit"
    ),
    pytest.param("It is worth noting that the talks were held in private and without any agenda.", id="impersonal"),
    pytest.param(
        f"{KASK} Kask also highlighted the brigade's growing strength and readiness, after the drills.",
        id="highlighted-a-thing",
    ),
    pytest.param(f"{KASK} Kask put it on the table before the brigade left in May.", id="put-it-somewhere"),
    pytest.param(f"{KASK} Kask condemned the attack on the border post during his visit.", id="condemned-a-thing"),
    pytest.param(f"{KASK} Kask slammed the new tax plan at the party congress.", id="slammed-a-thing"),
    pytest.param(
        "There is no cheer in Riga, because Latvian proposals and Russian demands still seem far apart.",
        id="demonym-as-adjective",
    ),
    pytest.param(
        f"{KASK} His ministry has signaled that its attention is turning to the northern border.", id="signaled"
    ),
]


@pytest.mark.parametrize("body", NOT_STATEMENTS)
def test_these_are_not_statements(body):
    assert statements(body) == []


def test_a_repeated_paragraph_yields_its_statements_once():
    para = "Estonian Defence Minister Arvo Kask said the brigade would be ready by May."
    body = f"{para}\n\nThe brigade has 4,000 soldiers.\n\n{para}"

    assert len(statements(body)) == 1


def test_a_statement_keeps_its_position_in_the_body_and_its_topics():
    body = f"{KASK}\n\nKask said the ceasefire would not hold without a monitoring mission. The summit is in May."

    statement = only(statements(body), "ceasefire would not hold")

    assert statement.position == body.index("the ceasefire")
    assert statement.end == body.index(". The summit")
    assert statement.topics == ["ceasefire"]


def test_the_pipeline_fills_the_statements_of_a_page():
    page = (
        "Baltic ministers agree on cable patrols\n\n"
        "Estonian Defence Minister Arvo Kask said on Monday that the three countries would patrol the seabed "
        "together from the summer, after two cables were damaged in the winter.\n\n"
        "“Nobody will cut our cables again without being seen,” Kask told reporters in Tallinn after the meeting.\n"
    ).encode()

    result = extract(page, name="page.txt")

    assert isinstance(result, ExtractedPage)
    assert [(s.speaker, s.kind) for s in result.statements] == [("Arvo Kask", "indirect"), ("Arvo Kask", "direct")]


def test_a_long_page_full_of_stray_marks_is_read_in_linear_time():
    body = ('It ‘s a ‘test of the "quotes ' + "and words " * 40 + "that never close, Kask said and ") * 400

    started = time.monotonic()
    statements(body)

    assert time.monotonic() - started < 5


def test_what_a_speaker_denies_is_not_given_as_their_words():
    body = (
        f"{KASK} Kask later denied the ministry had ordered the rifles abroad, telling reporters: "
        "“We buy what we can at home, and we always will.”"
    )

    assert [(s.speaker, s.text) for s in statements(body)] == [
        ("Arvo Kask", "“We buy what we can at home, and we always will.”")
    ]


def test_which_after_a_place_is_no_speaker():
    body = (
        f"{KASK} He refers to the devastating floods in Valmora, which make it clear how weak the old dams"
        " are and how much repair they need."
    )

    assert [s.speaker for s in statements(body)] == ["Arvo Kask"]


def test_a_description_by_what_someone_does_is_an_unnamed_source():
    body = "Shops reopened in Tartu.\n\n“It's hard to come back to work after a winter like this,” said the designer."

    statement = only(statements(body), "hard to come back to work")
    assert (statement.speaker, statement.unnamed) == ("the designer", True)


def test_he_after_said_is_the_source_only_where_the_clause_ends_with_it():
    body = (
        "Rabbi Aron Tamm, head of the Union of Free Congregations which represents about 900 groups, said he"
        " and other leaders would skip the speech."
    )

    statement = only(statements(body), "other leaders would skip the speech")
    assert statement.speaker == "Aron Tamm"
    assert statement.text.startswith("he and other leaders")


def test_a_bare_collective_noun_is_an_unnamed_source():
    body = "Six protesters were arrested outside the hotel after refusing to leave the lobby, police said."

    statement = only(statements(body), "six protesters were arrested")
    assert (statement.speaker, statement.unnamed) == ("police", True)


def test_a_verb_of_blame_reports_speech_when_a_quote_follows():
    body = f"{KASK} Kask slammed the plan: “It is reckless, and it will fail within a year.”"

    assert only(statements(body), "It is reckless").speaker == "Arvo Kask"


TOLD = [
    pytest.param(
        f"{KASK} Kask told a crowded banquet hall at a hotel in downtown Tartu that the brigade would be ready by May.",
        "the brigade would be ready by May",
        id="told-a-long-audience-that",
    ),
    pytest.param(
        f"{KASK} Kask told Harbour Radio host Ann Berg on Monday, “The brigade will be ready by May.”",
        "“The brigade will be ready by May.”",
        id="told-someone-then-a-quote",
    ),
]


@pytest.mark.parametrize(("body", "text"), TOLD)
def test_what_was_told_is_the_statement_whoever_was_told(body, text):
    statement = only(statements(body), "ready by May")

    assert (statement.speaker, statement.text) == ("Arvo Kask", text)


def test_a_cue_inside_reported_speech_whose_subject_holds_and_stays_inside_it():
    body = f"{KASK} He said the mayors of Tartu and Narva will explain the plan to residents in May."

    found = statements(body)

    assert [(s.text, s.speaker, s.cue) for s in found] == [
        ("the mayors of Tartu and Narva will explain the plan to residents in May", "Arvo Kask", "said")
    ]
