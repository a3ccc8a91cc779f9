"""Topic rules: inflections, compounds and phrases, applied at ingest to articles and statements."""

import pytest

from articles import ingest
from articles.extraction.topics import (
    DEFAULT_RULES,
    TopicRule,
    article_topics,
    parse_rules,
    topic_spans,
    topics_for,
    topics_within,
)
from articles.models import Article, Topic

MATCHES = [
    ("A ceasefire was agreed.", ["ceasefire"]),
    ("The cease-fire held overnight.", ["ceasefire"]),
    ("Both sides broke the cease fire.", ["ceasefire"]),
    ("Two ceasefires failed last year.", ["ceasefire"]),
    ("A truce was announced.", ["ceasefire"]),
    ("Peace talks resumed in Geneva.", ["ceasefire"]),
    ("He wants to end the war by winter.", ["ceasefire"]),
    ("Ending the war is the priority.", ["ceasefire"]),
    ("The EU sanctioned three banks.", ["sanctions"]),
    ("New sanctions were adopted.", ["sanctions"]),
    ("An oil embargo and a price cap.", ["sanctions"]),
    ("Embargoes rarely work.", ["sanctions"]),
    ("Leaders met at the summit.", ["summit"]),
    ("Two summits in one month.", ["summit"]),
    ("The summit's final declaration.", ["summit"]),
    ("Summitry is a word, but not the rule.", []),
    ("The consanctioned term is not a word here.", []),
    ("Nothing about any of that.", []),
    # French, German, Ukrainian, Russian and Bulgarian.
    ("Le cessez-le-feu a été rompu dans la nuit.", ["ceasefire"]),
    ("Une trêve de trois jours.", ["ceasefire"]),
    ("Die Waffenruhe hielt nicht lange.", ["ceasefire"]),
    ("Das Ende des Waffenstillstands.", ["ceasefire"]),
    ("Порушення перемир’я на сході.", ["ceasefire"]),
    ("Сторони домовилися про припинення вогню.", ["ceasefire"]),
    ("Переговоры о прекращении огня.", ["ceasefire"]),
    ("Les sanctions européennes contre Moscou.", ["sanctions"]),
    ("Ein neues Sanktionspaket der EU.", ["sanctions"]),
    ("Нові санкції проти банків.", ["sanctions"]),
    ("Новые санкции против банков.", ["sanctions"]),
    ("ЕС прие нови санкции срещу Русия.", ["sanctions"]),
    ("Le sommet de l'OTAN à La Haye.", ["summit"]),
    ("Vor dem EU-Gipfel in Brüssel.", ["summit"]),
    ("Саміт НАТО у Вашингтоні.", ["summit"]),
    ("Саммит в Женеве.", ["summit"]),
    ("Срещата на върха в Брюксел.", ["summit"]),
    ("Среща на върха на ЕС.", ["summit"]),
]


@pytest.mark.parametrize(("text", "slugs"), MATCHES)
def test_the_default_rules_match_words_with_their_inflections(text, slugs):
    assert topics_for(text, DEFAULT_RULES) == slugs


CUSTOM = [
    ("ban", "Exports were banned in May.", True),
    ("ban", "The banning of exports.", True),
    ("ban", "A banana shipment.", False),
    ("ally", "The allies met.", True),
    ("negotiate", "They are negotiating.", True),
    ("militar*", "Military aid and militarisation.", True),
    ("gas pipeline", "Two gas pipelines were damaged.", True),
    ("gas pipeline", "Gas flowed through the pipeline.", False),
    ("drone", "DRONES over the border.", True),
    ("peace talks", "A peace-talk format.", True),
]


@pytest.mark.parametrize(("rule", "text", "matches"), CUSTOM)
def test_a_rule_written_by_an_analyst_matches_its_inflections(rule, text, matches):
    assert TopicRule("t", "T", (rule,)).matches(text) is matches


def test_rules_are_one_per_line_without_comments_or_blank_lines():
    assert parse_rules("drone\n\n# not a rule\nshahed  # the Iranian drone\n  uav \n") == ("drone", "shahed", "uav")


def test_an_empty_rule_matches_nothing():
    assert TopicRule("t", "T", ()).matches("anything") is False


PAGE = (
    "Ministers agree to protect gas pipelines under the Baltic Sea\n\n"
    "Energy ministers of the Baltic states agreed on Monday to share patrol ships and sonar data to protect "
    "gas pipelines and power cables on the seabed, after two incidents in the winter.\n\n"
    "Estonian Energy Minister Kadri Lepp said the new gas pipeline patrols would start in March.\n\n"
    "Latvian Energy Minister Ilze Ozola said the summit of the three prime ministers in June would confirm "
    "the plan.\n"
)


def test_ingest_tags_articles_and_statements_with_the_rules_in_the_database(db):
    Topic.objects.create(name="Energy", slug="energy", rules="gas pipeline\nliquefied natural gas")

    result = ingest.ingest_bytes(PAGE.encode(), name="energy.txt", origin="test:energy")

    article = Article.objects.get(pk=result.article_id)
    assert set(article.topics.values_list("slug", flat=True)) == {"energy", "summit"}
    topics = {s.speaker.name: set(s.topics.values_list("slug", flat=True)) for s in article.statements.all()}
    assert topics == {"Kadri Lepp": {"energy"}, "Ilze Ozola": {"summit"}}


ARTICLES = [
    # (title, body, topics): a match in the body or in the title tags the article.
    ("Leaders meet in Vilnius", "The summit ended without a communique.", ["summit"]),
    ("Summit ends without a communique", "Leaders left Vilnius on Friday.", ["summit"]),
    ("Truce holds", "New sanctions were announced.", ["ceasefire", "sanctions"]),
    ("Leaders meet", "They left on Friday.", []),
    (None, None, []),
]


@pytest.mark.parametrize(("title", "body", "topics"), ARTICLES)
def test_an_article_has_the_topics_of_its_title_and_its_body(title, body, topics):
    assert article_topics(title, body) == topics
    assert article_topics(title, body, spans=topic_spans(body or "")) == topics


def test_the_title_counts_for_the_article(db):
    page = PAGE.replace("Ministers agree to", "Summit: ministers agree to").replace("the summit of", "a meeting of")

    result = ingest.ingest_bytes(page.encode(), name="energy.txt", origin="test:energy")

    assert "summit" in set(Article.objects.get(pk=result.article_id).topics.values_list("slug", flat=True))


def test_the_database_starts_with_the_default_rules_in_every_language(db):
    stored = {rule.slug: set(rule.phrases) for rule in Topic.objects.rules()}

    assert stored == {rule.slug: set(rule.phrases) for rule in DEFAULT_RULES}


SPAN_TEXTS = [
    "Peace talks resumed. The sanctions stay; a new ceasefire and a summit in May. Ceasefires end.",
    "Die Waffenruhe und neue Sanktionen; der Gipfel. Санкції, перемир'я і саміт.",
    "Nothing here, an ending, a sanctum and a summitry.",
    "ſanctions and İstanbul \u212aelvin: a ceaſefire?",
]


@pytest.mark.parametrize("text", SPAN_TEXTS)
def test_a_rule_finds_the_places_its_regex_finds(text):
    for rule in DEFAULT_RULES:
        assert list(rule.spans(text)) == [m.span() for m in rule.regex.finditer(text)]


def test_the_topics_of_a_part_of_a_text_are_the_rules_matching_inside_it():
    text = "The summit opened. Ministers said the ceasefire would hold. The sanctions stay."
    spans = topic_spans(text)
    part = text.index("the ceasefire"), text.index(" would hold") + len(" would hold")

    assert topics_within(spans, *part) == topics_for(text[part[0] : part[1]]) == ["ceasefire"]


def test_rules_are_compiled_once_and_again_when_an_analyst_edits_them(db):
    Topic.objects.create(name="Energy", slug="energy", rules="gas pipeline")
    first = {rule.slug: rule for rule in Topic.objects.rules()}
    again = {rule.slug: rule for rule in Topic.objects.rules()}

    assert again["energy"] is first["energy"]  # its compiled patterns kept from page to page
    Topic.objects.filter(slug="energy").update(rules="gas pipeline\nliquefied natural gas")
    edited = {rule.slug: rule for rule in Topic.objects.rules()}
    assert edited["energy"].phrases == ("gas pipeline", "liquefied natural gas")
    assert edited["energy"].regex.search("a cargo of liquefied natural gas")
    assert not first["energy"].regex.search("a cargo of liquefied natural gas")
