"""What a name stands for is decided from the evidence of every page, so any order of the same pages agrees.

The first tests take actors.resolution alone (no database); the others store
extracted pages, written here as ExtractedPage values so that the evidence is
exactly what each test says, through articles.storing.store_extracted.
"""

import hashlib
import itertools
import random
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F

from actors.evidence import merge
from actors.models import Actor, Alias, Sighting, Spelling
from actors.names import surname_key
from actors.resolution import Pinned, Tally, decide, less_specific, page_names
from articles.extraction.page import ExtractedActor, ExtractedPage, ExtractedStatement
from articles.models import Article, Mention, Statement
from articles.storing import delete_articles, store_extracted

# --- The rules alone -------------------------------------------------------------


@pytest.mark.parametrize(
    ("short", "full", "fits"),
    [
        ("kask", "arvo kask", True),
        ("a kask", "arvo kask", True),
        ("b kask", "arvo kask", False),
        ("hilari clinton", "hilari rodham clinton", True),
        ("hilari clinton", "chelsea clinton", False),
        ("arvo kask", "arvo kask", False),
        ("xi", "li xi", False),  # too short to be a surname alone
        ("anna marovic", "anna petra marovic", True),
        ("anna lisa marovic", "anna petra marovic", False),
    ],
)
def test_a_shorter_form_fits_the_names_it_could_stand_for(short, full, fits):
    assert less_specific(tuple(short.split()), tuple(full.split())) is fits


def tally(name, person=0, organisation=0, country=0, seen=0, roles=None):
    votes = Counter(person=person, organisation=organisation, country=country)
    return Tally(name, +votes, seen, Counter(roles or {}))


def targets(decision):
    """{key: the name of the root it goes to, or the pinned actor id, or None}."""
    names = {root.id: root.name for root in decision.roots.values()}
    return {
        key: target.actor_id if isinstance(target, Pinned) else names.get(target)
        for key, target in decision.targets.items()
    }


@pytest.mark.parametrize(
    ("tallies", "expected"),
    [
        pytest.param(
            [tally("Tamsin Brezhinsky", person=2), tally("Brezhinsky", person=1, seen=1)],
            {"tamsin brezhinsky": "Tamsin Brezhinsky", "brezhinsky": "Tamsin Brezhinsky"},
            id="one-person-takes-the-surname",
        ),
        pytest.param(
            [
                tally("Tamsin Brezhinsky", person=2),
                tally("Tobias Brezhinsky", person=1),
                tally("Brezhinsky", person=1, seen=2),
            ],
            {
                "tamsin brezhinsky": "Tamsin Brezhinsky",
                "tobias brezhinsky": "Tobias Brezhinsky",
                "brezhinsky": "Brezhinsky",
            },
            id="two-people-leave-the-surname-to-itself",
        ),
        pytest.param(
            [tally("Tamsin Brezhinsky", person=2), tally("Tobias Brezhinsky", person=1), tally("Brezhinsky", seen=2)],
            {"tamsin brezhinsky": "Tamsin Brezhinsky", "tobias brezhinsky": "Tobias Brezhinsky", "brezhinsky": None},
            id="an-ambiguous-alias-is-nobodys",
        ),
        pytest.param(
            [tally("Volodymyr Zelenskyy", person=1), tally("Volodymyr Zelensky", person=3), tally("Zelenskiy", seen=1)],
            {
                "volodymyr zelenskyy": "Volodymyr Zelensky",
                "volodymyr zelensky": "Volodymyr Zelensky",
                "zelenskiy": "Volodymyr Zelensky",
            },
            id="transliterations-are-one-person-named-by-the-commonest",
        ),
        pytest.param(
            [tally("Hillary Rodham Clinton", person=1), tally("Hillary Clinton", person=5), tally("Clinton", seen=3)],
            {
                "hillary rodham clinton": "Hillary Rodham Clinton",
                "hillary clinton": "Hillary Rodham Clinton",
                "clinton": "Hillary Rodham Clinton",
            },
            id="a-name-without-its-middle-name",
        ),
        pytest.param(
            [tally("Arvo Kask", person=1), tally("Anna Kask", person=1), tally("A. Kask", person=1)],
            {"arvo kask": "Arvo Kask", "anna kask": "Anna Kask", "a kask": "A. Kask"},
            id="initials-two-people-share",
        ),
        pytest.param(
            [
                tally("Maria Council", person=1),
                tally("Security Council", organisation=3),
                tally("Council", organisation=1),
            ],
            {"maria council": "Maria Council", "security council": "Security Council", "council": "Council"},
            id="an-organisation-is-no-person-for-a-surname",
        ),
        pytest.param(
            [tally("Nyborg", person=2, organisation=3), tally("Ilse Nyborg", person=1)],
            {"nyborg": "Nyborg", "ilse nyborg": "Ilse Nyborg"},
            id="a-word-most-pages-call-an-organisation-is-no-surname",
        ),
    ],
)
def test_each_spelling_goes_where_the_evidence_says(tallies, expected):
    assert targets(decide(tallies)) == expected


def test_kind_and_role_are_the_majoritys():
    decision = decide(
        [
            tally("Lyrovia", person=2, organisation=3),
            tally("Tamsin Brezhinsky", person=3, roles={"the envoy": 1, "the foreign minister": 2}),
            tally("Brezhinsky", person=1, roles={"the envoy": 2}),
        ]
    )

    roots = {root.name: root for root in decision.roots.values()}
    assert roots["Lyrovia"].kind == "organisation"
    # The bare surname is hers here, and so is the role it came with: 3 against 2, then code-point order.
    assert roots["Tamsin Brezhinsky"].role == "the envoy"


def test_a_tie_between_kinds_goes_the_same_way_whatever_came_first():
    for order in itertools.permutations([tally("Lyrovia", person=2), tally("LYROVIA", organisation=2)]):
        assert [(r.name, r.kind) for r in decide(list(order)).roots.values()] == [("LYROVIA", "person")]


def test_an_analysts_alias_wins_over_the_evidence():
    decision = decide(
        [tally("Tamsin Brezhinsky", person=2), tally("Tobias Brezhinsky", person=1), tally("Brezhinsky", person=4)],
        pinned={"brezhinsky": Pinned(7, "person")},
    )

    assert "brezhinsky" not in decision.targets  # pinned keys are the analyst's, not decided
    assert "s:" + surname_key("Brezhinsky") not in decision.roots
    assert set(decision.targets) == {"tamsin brezhinsky", "tobias brezhinsky"}


def test_after_a_merge_a_pinned_spelling_and_the_kept_root_are_one_person():
    # Tobias was merged into Tamsin (actor 5, who stands for her root): the bare surname is no longer shared.
    tamsin_root = "f:tamsin " + surname_key("Brezhinsky")
    decision = decide(
        [tally("Tamsin Brezhinsky", person=2), tally("Tobias Brezhinsky", person=1), tally("Brezhinsky", person=1)],
        pinned={"tobias brezhinsky": Pinned(5, "person", tamsin_root)},
    )

    assert decision.targets["brezhinsky"] == tamsin_root


def _scanned_decide(tallies, pinned):
    """decide() as first written: each unit compared with every unit decided before it. The reference that
    the indexed lookup (resolution._Persons) must agree with."""
    from actors import resolution

    def target(unit, units, final):
        if unit.pinned:
            return min(unit.pinned, key=lambda p: p.actor_id)
        own = unit.root_id if sum(unit.votes.values()) else None
        if unit.kind not in ("person", None):
            return own
        decided = set(final.values())
        fits = {
            resolution._same_actor(final[words], decided)
            for words, other in units.items()
            if final.get(words) is not None and other.kind == "person" and less_specific(unit.words, words)
        }
        return fits.pop() if len(fits) == 1 else own

    decision = decide(tallies, pinned)  # for its units' grouping; the targets are recomputed by scanning
    units = {}
    for t in tallies:
        words = tuple(resolution.fold_words(t.key))
        unit = units.setdefault(words, resolution._Unit(words))
        if t.key not in pinned:
            unit.votes.update(t.votes)
    for key, actor in pinned.items():
        units.setdefault(tuple(resolution.fold_words(key)), resolution._Unit(tuple(resolution.fold_words(key))))
        units[tuple(resolution.fold_words(key))].pinned.add(actor)
    final = {}
    for words in sorted(units, key=resolution._specificity):
        final[words] = target(units[words], units, final)
    expected = {t.key: final[tuple(resolution.fold_words(t.key))] for t in tallies if t.key not in pinned}
    return decision.targets, expected


@pytest.mark.parametrize("seed", range(40))
def test_the_indexed_lookup_decides_as_comparing_every_pair_does(seed):
    rng = random.Random(seed)
    firsts = ["Arvo", "Anna", "Aino", "Birgit", "Boris", "Karl", "Kadri", "Mari", "Mart", "Toomas"]
    middles = ["Rodham", "Maria", "Peeter", "Jaan"]
    tallies = []
    for _ in range(rng.randint(3, 40)):
        shape = rng.random()
        first = rng.choice(firsts)
        if shape < 0.15:
            name = "Kask"
        elif shape < 0.35:
            name = f"{first[0]}. Kask"
        elif shape < 0.55:
            name = f"{first} {rng.choice(middles)} Kask"
        elif shape < 0.65:
            name = f"{first[0]}. {rng.choice(middles)[0]}. Kask"
        else:
            name = f"{first} Kask"
        kinds = {"person": rng.randint(0, 3), "organisation": rng.choice([0, 0, 0, 2]), "country": 0}
        tallies.append(tally(name, **kinds))
    pinned = {}
    if rng.random() < 0.4:
        key = rng.choice(tallies).key
        pinned[key] = Pinned(rng.randint(1, 3), "person", rng.choice(["", "f:arvo kask"]))

    indexed, scanned = _scanned_decide(tallies, pinned)

    assert indexed == scanned


def test_a_pinned_person_takes_the_short_forms_of_their_name():
    # A watchlist entry: "Wolodymyr Selenskyj" pinned; pages say the bare surname.
    decision = decide([tally("Selenskyj", person=2)], pinned={"wolodymyr selenskyj": Pinned(3, "person")})

    assert decision.targets["selenskyj"] == Pinned(3, "person")
    assert decision.roots == {}


def test_a_page_resolves_its_own_bare_surname_from_its_full_names():
    actors = [
        ExtractedActor("Tamsin Brezhinsky", "person", 2),
        ExtractedActor("Brezhinsky", "person", 3),
        ExtractedActor("Lyrovia", "organisation", 1),
    ]

    names, where = page_names(actors, speakers=["Brezhinsky", "Orla Vesk"])

    assert set(names) == {"tamsin brezhinsky", "lyrovia", "orla vesk"}
    assert names["tamsin brezhinsky"].count == 5
    assert names["tamsin brezhinsky"].aliases == ["Brezhinsky"]
    assert names["orla vesk"].count == 0  # a speaker the page names nowhere else
    assert where == {
        "Tamsin Brezhinsky": "tamsin brezhinsky",
        "Brezhinsky": "tamsin brezhinsky",
        "Lyrovia": "lyrovia",
        "Orla Vesk": "orla vesk",
    }


def test_a_page_with_two_people_of_one_surname_leaves_the_bare_surname_alone():
    actors = [
        ExtractedActor("Tamsin Brezhinsky", "person"),
        ExtractedActor("Tobias Brezhinsky", "person"),
        ExtractedActor("Brezhinsky", "person"),
    ]

    names, _ = page_names(actors)

    assert set(names) == {"tamsin brezhinsky", "tobias brezhinsky", "brezhinsky"}


# --- Through the database ----------------------------------------------------------


def person(name, mentions=1, aliases=(), role=None, kind="person"):
    return ExtractedActor(name, kind, mentions, role, list(aliases))


def said(speaker, text):
    return ExtractedStatement(speaker, text, "direct", 0)


def store(origin, *actors, statements=()):
    page = ExtractedPage(
        title=origin, body=f"The page {origin}.", actors=list(actors), statements=list(statements), format="text"
    )
    content = hashlib.sha256(repr((origin, actors, statements)).encode()).hexdigest()
    with transaction.atomic():
        article, _ = store_extracted(
            page, origin=f"test:{origin}", file_name=origin, content_hash=content, extractor_version="test"
        )
    return article


def actor_named(name):
    return Actor.objects.get(name=name)


def snapshot():
    """What the issue compares, by content: actors (name, kind, role, counts), aliases, speakers, mentions."""
    return {
        "actors": sorted(Actor.objects.values_list("name", "kind", "role", "article_count", "statement_count")),
        "aliases": sorted(Alias.objects.values_list("actor__name", "name")),
        "speakers": sorted(Statement.objects.values_list("article__origin", "text", "speaker__name")),
        "mentions": sorted(Mention.objects.values_list("article__origin", "actor__name", "count")),
    }


def assert_evidence_consistent():
    """The tallies equal a count over the sightings; speakers follow their sightings; stored counts are right."""
    counted = Counter()
    for s in Sighting.objects.all():
        counted[(s.name, s.kind)] += 1
        if s.kind == "person":
            counted.update((alias, "seen") for alias in s.aliases)
    stored = Counter()
    for s in Spelling.objects.all():
        stored.update({(s.name, kind): getattr(s, kind) for kind in ("person", "organisation", "country", "seen")})
    assert +stored == counted
    assert not Statement.objects.filter(speaker_corrected=False, sighting__isnull=False).exclude(
        speaker=F("sighting__actor")
    )
    assert not Sighting.objects.filter(actor=None).exists()
    recount = Actor.objects.annotate(m=Count("mentions", distinct=True), s=Count("statements", distinct=True))
    assert {a.pk: (a.article_count, a.statement_count) for a in recount} == {a.pk: (a.m, a.s) for a in recount}


TAMSIN = ("tamsin", person("Tamsin Brezhinsky", 2, aliases=["Brezhinsky"]), "Tamsin Brezhinsky")
TOBIAS = ("tobias", person("Tobias Brezhinsky", 1), "Tobias Brezhinsky")
BARE = ("bare", person("Brezhinsky", 3), "Brezhinsky")


def store_story(origin, found, speaker):
    return store(origin, found, statements=[said(speaker, f"We spoke on {origin}.")])


def test_a_bare_surname_goes_to_the_one_person_with_it_and_to_nobody_once_two_share_it(db):
    for story in (TAMSIN, BARE):
        store_story(*story)
    tamsin = actor_named("Tamsin Brezhinsky")
    assert set(Statement.objects.values_list("speaker__name", flat=True)) == {"Tamsin Brezhinsky"}
    assert (tamsin.article_count, tamsin.statement_count) == (2, 2)

    store_story(*TOBIAS)

    # Tobias makes the bare surname ambiguous: the page that said only "Brezhinsky" follows, in bulk.
    bare = Article.objects.get(origin="test:bare")
    assert list(bare.statements.values_list("speaker__name", flat=True)) == ["Brezhinsky"]
    assert list(bare.mentions.values_list("actor__name", "count")) == [("Brezhinsky", 3)]
    tamsin.refresh_from_db()
    assert (tamsin.article_count, tamsin.statement_count) == (1, 1)
    assert not Alias.objects.filter(name="Brezhinsky", actor=tamsin).exists()
    assert_evidence_consistent()


def test_a_full_name_takes_over_the_actor_its_surname_had(db):
    store_story("kask-only", person("Kask", 2), "Kask")
    kask = actor_named("Kask")

    store_story("arvo", person("Arvo Kask", 1, role="Estonian Defence Minister"), "Arvo Kask")

    arvo = Actor.objects.get(pk=kask.pk)  # the same record: its page, its links
    assert (arvo.name, arvo.role, arvo.slug) == ("Arvo Kask", "Estonian Defence Minister", "kask")
    assert set(arvo.aliases.values_list("name", flat=True)) == {"Kask", "Arvo Kask"}
    assert (arvo.article_count, arvo.statement_count) == (2, 2)
    assert Actor.objects.count() == 1

    store_story("anna", person("Anna Kask", 1), "Anna Kask")

    assert sorted(Actor.objects.values_list("name", flat=True)) == ["Anna Kask", "Arvo Kask", "Kask"]
    assert list(Statement.objects.filter(article__origin="test:kask-only").values_list("speaker__name", flat=True)) == [
        "Kask"
    ]
    assert_evidence_consistent()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (person("Mykola Kovalskyy"), person("Mykola Kovalskiy")),
        (person("Volodymyr Zelenskyy"), person("Wolodymyr Zelenskyi")),
        (person("Arvo Kask"), person("Kask")),
        (person("Arvo Kask"), person("A. Kask")),
        (person("Arvo Kask", aliases=["Kask"]), person("Arvo Kask's")),
    ],
)
def test_spellings_of_one_person_are_one_actor_in_either_order(db, first, second):
    for order in ((first, second), (second, first)):
        delete_articles(Article.objects.all())
        store("one", order[0])
        store("two", order[1])

        assert Actor.objects.count() == 1
        assert Actor.objects.get().article_count == 2
        assert_evidence_consistent()


def test_an_organisation_is_not_folded_into_a_person_by_its_last_word(db):
    store("maria", person("Maria Council"))
    store("security", person("Security Council", kind="organisation"), person("Council", kind="organisation"))

    assert sorted(Actor.objects.values_list("name", "kind")) == [
        ("Council", "organisation"),
        ("Maria Council", "person"),
        ("Security Council", "organisation"),
    ]


def test_the_kind_follows_most_pages_and_changes_when_they_do(db):
    store("a", person("Lyrovia", kind="organisation"))
    store("b", person("Lyrovia"))
    assert actor_named("Lyrovia").kind == "person"  # a tie: person first, whatever came first

    store("c", person("Lyrovia"))
    store("d", person("Lyrovia", kind="organisation"))
    store("e", person("Lyrovia", kind="organisation"))

    lyrovia = actor_named("Lyrovia")
    assert (lyrovia.kind, lyrovia.article_count) == ("organisation", 5)


BREZHINSKY_PAGES = [
    ("tamsin", [person("Tamsin Brezhinsky", 2, aliases=["Brezhinsky"])], "Tamsin Brezhinsky"),
    ("tobias", [person("Tobias Brezhinsky", 1, role="the envoy")], "Tobias Brezhinsky"),
    ("bare", [person("Brezhinsky", 3)], "Brezhinsky"),
    ("lyrovia-org", [person("Lyrovia", 2, kind="organisation"), person("Anders Marrovic")], "Lyrovia"),
    ("lyrovia-person", [person("Lyrovia", 1), person("Alina Marrovic", aliases=["Marrovic"])], "Alina Marrovic"),
    ("marrovic", [person("Marrovic", 2), person("Orla Vesk", role="the mayor")], "Marrovic"),
    ("initial", [person("T. Brezhinsky", 1)], "T. Brezhinsky"),
    ("zelensky", [person("Volodymyr Zelensky", 2, aliases=["Zelensky"])], "Zelensky"),
    ("zelenskyy", [person("Volodymyr Zelenskyy", 1, role="President")], "Volodymyr Zelenskyy"),
]


def test_every_order_of_the_same_pages_gives_the_same_record(db):
    """Pages that make a surname ambiguous, change a kind, and rename a person, stored in 12 orders."""
    rng = random.Random(7)
    orders = [rng.sample(BREZHINSKY_PAGES, len(BREZHINSKY_PAGES)) for _ in range(12)]
    seen = set()
    reference = None
    for order in orders:
        delete_articles(Article.objects.all())
        Actor.objects.all().delete()
        for origin, actors, speaker in order:
            store(origin, *actors, statements=[said(speaker, f"Words on {origin}.")])
        assert_evidence_consistent()
        state = snapshot()
        reference = reference or state
        assert state == reference, [origin for origin, *_ in order]
        seen.add(tuple(origin for origin, *_ in order))
    assert len(seen) == len(orders)
    # Initials two people share, and a surname three do, belong to none of them.
    assert ("T. Brezhinsky", "person", "", 1, 1) in reference["actors"]
    assert ("Brezhinsky", "person", "", 1, 1) in reference["actors"]
    assert ("Marrovic", "person", "", 1, 1) in reference["actors"]
    assert ("Alina Marrovic", "Marrovic") not in reference["aliases"]
    assert ("Marrovic", "Marrovic") in reference["aliases"]
    assert ("Lyrovia", "person", "", 2, 1) in reference["actors"]  # one page each way: a tie, person first
    assert ("Volodymyr Zelensky", "person", "President", 2, 2) in reference["actors"]


def test_a_changed_page_can_give_a_surname_back(db):
    store_story(*TAMSIN)
    store_story(*TOBIAS)
    store_story(*BARE)
    assert actor_named("Brezhinsky")

    # Tobias's only page now names someone else: the bare surname is Tamsin's again.
    store("tobias", person("Orla Vesk"), statements=[said("Orla Vesk", "We spoke on tobias.")])

    assert not Actor.objects.filter(name__in=["Brezhinsky", "Tobias Brezhinsky"]).exists()
    assert set(Statement.objects.filter(article__origin="test:bare").values_list("speaker__name", flat=True)) == {
        "Tamsin Brezhinsky"
    }
    assert_evidence_consistent()


def test_deleting_an_article_takes_its_evidence_away(db):
    store_story(*TAMSIN)
    store_story(*TOBIAS)
    store_story(*BARE)

    delete_articles(Article.objects.filter(origin="test:tobias"))

    assert not Actor.objects.filter(name__in=["Brezhinsky", "Tobias Brezhinsky"]).exists()
    assert actor_named("Tamsin Brezhinsky").article_count == 2
    assert_evidence_consistent()

    delete_articles(Article.objects.filter(origin__in=["test:tamsin", "test:bare"]))

    assert not Actor.objects.exists()
    assert not Spelling.objects.exists()


# --- Analysts' decisions win ---------------------------------------------------------


def test_a_merge_ties_the_spellings_to_the_kept_actor_and_decides_the_surname_again(db):
    store_story(*TAMSIN)
    store_story(*TOBIAS)
    store_story(*BARE)
    tamsin, tobias = actor_named("Tamsin Brezhinsky"), actor_named("Tobias Brezhinsky")

    # The analyst knows they are one person.
    merge(tamsin, [tobias])

    # With one person left, the bare surname is hers: the unresolved actor is gone.
    assert not Actor.objects.filter(name="Brezhinsky").exists()
    assert set(Statement.objects.values_list("speaker__name", flat=True)) == {"Tamsin Brezhinsky"}
    assert Alias.objects.get(key="tobias brezhinsky").origin == Alias.Origin.ANALYST

    # A new page naming Tobias keeps to the merge, and so does a changed one.
    store_story("tobias-again", person("Tobias Brezhinsky"), "Tobias Brezhinsky")
    store("tobias", person("Tobias Brezhinsky", 4), statements=[said("Tobias Brezhinsky", "Changed words.")])

    assert list(Actor.objects.values_list("name", flat=True)) == ["Tamsin Brezhinsky"]
    tamsin.refresh_from_db()
    assert (tamsin.article_count, tamsin.statement_count) == (4, 4)
    assert_evidence_consistent()


def test_a_corrected_speaker_stays_when_the_name_moves(db):
    store_story(*TAMSIN)
    store_story(*BARE)
    orla = Actor.objects.resolve("Orla Vesk")
    Statement.objects.filter(article__origin="test:bare").reassign_speaker_by_analyst(orla)

    store_story(*TOBIAS)

    assert list(Statement.objects.filter(article__origin="test:bare").values_list("speaker__name", flat=True)) == [
        "Orla Vesk"
    ]
    assert_evidence_consistent()


def test_a_name_kind_or_role_an_analyst_set_is_kept(db):
    store("a", person("Lyrovia", kind="organisation", role="a trade bloc"))
    lyrovia = actor_named("Lyrovia")
    lyrovia.name, lyrovia.kind, lyrovia.role = "Republic of Lyrovia", "country", "a republic"
    lyrovia.name_corrected = lyrovia.kind_corrected = lyrovia.role_corrected = True
    lyrovia.save()

    store("b", person("Lyrovia", kind="organisation", role="a trade bloc"))
    store("c", person("LYROVIA", kind="organisation"))

    lyrovia.refresh_from_db()
    assert (lyrovia.name, lyrovia.kind, lyrovia.role, lyrovia.article_count) == (
        "Republic of Lyrovia",
        "country",
        "a republic",
        3,
    )


def test_deciding_again_keeps_a_merge_a_corrected_speaker_and_a_corrected_kind(db):
    store_story(*TAMSIN)
    store_story(*TOBIAS)
    store_story(*BARE)
    store("lyrovia", person("Lyrovia", kind="organisation", role="a trade bloc"))
    # Each decision goes against what the pages say: a speaker the page calls Brezhinsky, two people, an organisation.
    orla = Actor.objects.resolve("Orla Vesk")
    Statement.objects.filter(article__origin="test:bare").reassign_speaker_by_analyst(orla)
    lyrovia = actor_named("Lyrovia")
    lyrovia.kind, lyrovia.kind_corrected = "country", True
    lyrovia.save()

    # The merge decides the surname again: the bare page's "Brezhinsky" is now Tamsin's, its speaker stays Orla.
    merge(actor_named("Tamsin Brezhinsky"), [actor_named("Tobias Brezhinsky")])
    decided = snapshot()
    assert ("test:bare", "Tamsin Brezhinsky", 3) in decided["mentions"]
    assert ("test:bare", "We spoke on bare.", "Orla Vesk") in decided["speakers"]

    # Every group decided again from the evidence changes none of it.
    call_command("resolve_actors", stdout=StringIO())

    assert snapshot() == decided
    assert ("Tamsin Brezhinsky", "Tobias Brezhinsky") in decided["aliases"]
    assert actor_named("Lyrovia").kind == "country"
    check = StringIO()
    call_command("resolve_actors", "--check", stdout=check)
    assert "nothing to change" in check.getvalue()
    assert_evidence_consistent()


def test_merging_the_unresolved_surname_into_one_person_gives_it_to_them(db):
    store_story(*TAMSIN)
    store_story(*TOBIAS)
    store_story(*BARE)
    tobias, bare = actor_named("Tobias Brezhinsky"), actor_named("Brezhinsky")

    merge(tobias, [bare])

    assert list(Statement.objects.filter(article__origin="test:bare").values_list("speaker__name", flat=True)) == [
        "Tobias Brezhinsky"
    ]
    store_story("bare-again", person("Brezhinsky"), "Brezhinsky")
    tobias.refresh_from_db()
    assert (tobias.article_count, tobias.statement_count) == (3, 3)
    # Tamsin's page still says "Brezhinsky" for her: the page's own full name decides there.
    assert actor_named("Tamsin Brezhinsky").statement_count == 1
    assert_evidence_consistent()


def test_resolve_finds_a_known_actor_by_any_spelling_and_makes_others_as_an_analyst_would(db):
    store("zelensky", person("Volodymyr Zelensky", aliases=["Zelensky"]))
    store("kask", person("Arvo Kask"))
    zelensky, kask = actor_named("Volodymyr Zelensky"), actor_named("Arvo Kask")

    assert Actor.objects.resolve("Zelensky") == zelensky
    assert Actor.objects.resolve("Wolodymyr Zelenskyi") == zelensky
    assert Actor.objects.resolve("A. Kask") == kask
    assert Actor.objects.resolve("Kask") == kask

    orla = Actor.objects.resolve("Orla Vesk", role="the mayor")

    assert (orla.name, orla.role) == ("Orla Vesk", "the mayor")
    assert orla.aliases.get().origin == Alias.Origin.ANALYST
    # Pages naming her later keep to the analyst's actor.
    store("orla", person("Orla Vesk", 2))
    assert Actor.objects.filter(name="Orla Vesk").get() == orla
    assert Mention.objects.get(article__origin="test:orla").actor == orla
