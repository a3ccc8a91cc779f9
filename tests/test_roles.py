"""Titles without a name ("the alliance's secretary general said") resolved to the holder on the page's date."""

from datetime import date

import pytest

from actors.evidence import merge
from actors.models import Actor, Role, RoleHolder
from articles import ingest
from articles.extraction import extract, titles
from articles.extraction.titles import Holder, needs_titles, normal_title, resolve_titles
from articles.extraction.titles import Role as TitleRole
from articles.models import Statement

SECRETARY = TitleRole(
    title="NATO Secretary General",
    variants=("NATO's chief", "the alliance's secretary general", "the Secretary General"),
    context=("NATO", "alliance"),
    holders=(
        # Listed newest first on purpose: the order of the registry must not matter.
        Holder("Mark Rutte", date(2024, 10, 1), None),
        Holder("Jens Stoltenberg", date(2014, 10, 1), date(2024, 9, 30)),
    ),
)
UN_CHIEF = TitleRole(
    title="UN Secretary-General",
    variants=("the Secretary General", "UN chief"),
    context=("UN", "United Nations"),
    holders=(Holder("Tamsin Oyelaran-Vesk", date(2020, 1, 1), None),),
)


def page(dateline="", body=None):
    """A dump from an invented outlet; `dateline` is its "Outlet - date" line, left out for an undated page."""
    body = body or (
        "The alliance's secretary general said on Wednesday that the northern members would get new radar "
        'stations before the first snow, calling the decision "a plain answer to every probe of our airspace".\n\n'
        "Ministers of the Fjordmark coalition are to sign the order on Thursday."
    )
    head = f"Kestrel Bay Courier - {dateline}\n\n" if dateline else ""
    return f"{head}Radar stations promised for the north\n\nBy Ilsa Quarrender\n\n{body}\n".encode()


def speakers(data, roles=(SECRETARY,)):
    found = resolve_titles(extract(data, name="page.txt"), list(roles))
    return [(s.speaker, s.unnamed) for s in found.statements], found


@pytest.mark.parametrize(
    ("dateline", "holder"),
    [
        ("June 12, 2024", "Jens Stoltenberg"),
        ("September 30, 2024", "Jens Stoltenberg"),  # his last day
        ("October 1, 2024", "Mark Rutte"),  # the first day of his successor
        ("June 12, 2025", "Mark Rutte"),
    ],
)
def test_a_title_only_speaker_is_the_holder_on_the_pages_date(dateline, holder):
    said, found = speakers(page(dateline))
    assert said and all(s == (holder, False) for s in said)
    actor = next(a for a in found.actors if a.name == holder)
    assert (actor.kind, actor.role, actor.mentions) == ("person", "NATO Secretary General", len(said))
    # The other holder has nothing to do with this page.
    other = {"Jens Stoltenberg", "Mark Rutte"} - {holder}
    assert not other & {a.name for a in found.actors}


def test_an_undated_page_leaves_the_title_unresolved():
    said, found = speakers(page())
    assert found.published is None
    assert said and all(s == ("The alliance's secretary general", True) for s in said)
    assert not {"Jens Stoltenberg", "Mark Rutte"} & {a.name for a in found.actors}


def test_a_date_no_holder_covers_leaves_the_title_unresolved():
    said, _ = speakers(page("June 12, 2009"))
    assert all(unnamed for _, unnamed in said)


def test_a_bare_title_needs_the_organisation_on_the_page():
    about_nothing = (
        'The Secretary General said the archive would reopen in spring, calling the repairs "long overdue".\n\n'
        "Readers may book seats from March."
    )
    said, _ = speakers(page("June 12, 2025", about_nothing))
    assert said and all(unnamed for _, unnamed in said)
    said, _ = speakers(page("June 12, 2025", about_nothing + "\n\nNATO staff will use the reading room."))
    assert said and all(s == ("Mark Rutte", False) for s in said)


def test_a_title_two_roles_share_on_the_page_is_not_guessed():
    both = (
        "The Secretary General said the two bodies would share one logistics hub, calling it "
        '"the sensible thing to do".\n\nThe hub will serve NATO and United Nations convoys alike.'
    )
    said, _ = speakers(page("June 12, 2025", both), roles=(SECRETARY, UN_CHIEF))
    assert said and all(unnamed for _, unnamed in said)
    # A variant only one of them has still resolves.
    said, _ = speakers(
        page("June 12, 2025", both.replace("The Secretary General", "NATO's chief")), (SECRETARY, UN_CHIEF)
    )
    assert said and all(s == ("Mark Rutte", False) for s in said)


def test_a_speaker_the_page_names_is_left_to_the_page():
    named = (
        'Deputy minister Corvin Haldane said the radar order was "late but welcome".\n\n'
        "NATO officials did not comment on the timing."
    )
    said, _ = speakers(page("June 12, 2024", named))
    assert said == [("Corvin Haldane", False)]


@pytest.mark.parametrize(
    ("text", "word", "found"),
    [
        ("Allies of the ALLIANCE met.", "alliance", True),
        ("The allıance met.", "alliance", True),  # a dotless i: the pattern matches it with "i"
        ("Die STRASSE war gesperrt.", "straße", False),  # the pattern folds letter by letter, casefold more
        ("The alliances met.", "alliance", False),  # a word, not a part of one
        ("Nato staff met.", "NATO", False),  # an all-capitals word keeps its case
        ("NATO staff met.", "NATO", True),
        ("The Un staff met.", "UN", False),
        ("United  Nations", "United Nations", False),
    ],
)
def test_a_page_is_searched_for_a_context_word_as_the_word_pattern_does(text, word, found):
    assert titles._mentions(text, word) is found
    # The cheap test of the folded text before the pattern (resolve_titles) never changes the answer.
    assert titles._mentions(text, word, titles._fold(text)) is found


def test_titles_are_compared_with_case_quotes_and_hyphens_folded():
    assert normal_title("The alliance’s Secretary-General") == normal_title("the alliance's secretary general")
    assert normal_title("U.S. Secretary of State") == "u.s. secretary of state"


# --- In the database: the registry the migration fills, and ingest ------------------------


def ingest_page(data, name):
    result = ingest.ingest_bytes(data, name=name, origin=f"test:{name}")
    assert result.outcome == ingest.STORED, result.reason
    return Statement.objects.filter(article_id=result.article_id).select_related("speaker")


def migrated_holder(title, name):
    return RoleHolder.objects.select_related("holder").get(role__title=title, holder__name=name).holder


@pytest.mark.seeded_roles
def test_the_migration_fills_the_roles_of_the_pages_world(db):
    registry = {role.title: role for role in Role.objects.registry()}
    nato = registry["NATO Secretary General"]
    assert nato.holder_on(date(2024, 9, 30)).name == "Jens Stoltenberg"
    assert nato.holder_on(date(2024, 10, 1)).name == "Mark Rutte"
    state = registry["US Secretary of State"]
    assert state.holder_on(date(2025, 1, 20)).name == "Antony Blinken"
    assert state.holder_on(date(2025, 1, 21)).name == "Marco Rubio"
    assert registry["President of Ukraine"].holder_on(date(2025, 6, 1)).name == "Volodymyr Zelenskyy"
    president = registry["President of the United States"]
    assert [president.holder_on(date(y, 6, 1)).name for y in (2019, 2023, 2025)] == [
        "Donald Trump",
        "Joe Biden",
        "Donald Trump",
    ]
    # One actor per person, however many terms.
    assert Actor.objects.filter(name="Donald Trump").count() == 1


@pytest.mark.seeded_roles
def test_ingest_gives_title_only_speakers_to_the_migrations_holders(db):
    before = migrated_holder("NATO Secretary General", "Jens Stoltenberg")
    after = migrated_holder("NATO Secretary General", "Mark Rutte")
    old = ingest_page(page("June 12, 2024"), "old.txt")
    new = ingest_page(page("June 12, 2025"), "new.txt")
    undated = ingest_page(page(), "undated.txt")
    assert old and {s.speaker_id for s in old} == {before.pk}
    assert new and {s.speaker_id for s in new} == {after.pk}
    assert undated and all(s.speaker_id is None and s.unnamed for s in undated)
    after.refresh_from_db()
    assert after.statement_count == len(new) and after.article_count == 1


@pytest.mark.seeded_roles
def test_a_page_naming_the_holder_finds_the_migrations_actor(db):
    rutte = migrated_holder("NATO Secretary General", "Mark Rutte")
    named = (
        'NATO Secretary General Mark Rutte said the radar order was "late but welcome".\n\n'
        'Later the alliance\'s secretary general added that "nobody will be left out".'
    )
    statements = ingest_page(page("June 12, 2025", named), "named.txt")
    assert statements and {s.speaker_id for s in statements} == {rutte.pk}
    assert Actor.objects.filter(aliases__key="mark rutte").distinct().count() == 1


def test_a_holder_an_analyst_adds_applies_to_the_next_page(db):
    role = Role.objects.create(title="Harbour Master of Kestrel Bay", variants="the harbour master", context="Kestrel")
    RoleHolder.objects.create(role=role, holder=Actor.objects.resolve("Odile Brannagh"), valid_from=date(2023, 1, 1))
    body = (
        'The harbour master said the quay would close, calling the cracks "too wide to ignore".\n\n'
        "Kestrel pilots agreed."
    )
    statements = ingest_page(page("June 12, 2025", body), "harbour.txt")
    assert statements and {s.speaker.name for s in statements} == {"Odile Brannagh"}


def test_the_registry_reads_every_role_and_its_terms_in_one_query(db, django_assert_num_queries):
    Role.objects.all().delete()
    empty = Role.objects.create(title="Warden of the Eastern Marches", variants="the warden\n\n the marcher lord ")
    mayor = Role.objects.create(title="Mayor of Kestrel Bay", context="Kestrel")
    later, earlier = Actor.objects.resolve("Tamsin Royle"), Actor.objects.resolve("Odile Brannagh")
    RoleHolder.objects.create(role=mayor, holder=later, valid_from=date(2024, 5, 1))
    RoleHolder.objects.create(role=mayor, holder=earlier, valid_from=date(2020, 5, 1), valid_to=date(2024, 4, 30))
    with django_assert_num_queries(1):
        registry = Role.objects.registry()
    assert [r.title for r in registry] == ["Mayor of Kestrel Bay", "Warden of the Eastern Marches"]
    assert registry[0].holders == (
        Holder("Odile Brannagh", date(2020, 5, 1), date(2024, 4, 30)),
        Holder("Tamsin Royle", date(2024, 5, 1), None),
    )
    assert registry[0].context == ("Kestrel",)
    assert registry[1] == TitleRole(empty.title, ("the warden", "the marcher lord"), (), ())


@pytest.mark.seeded_roles
def test_the_admin_edits_a_role_with_its_holders_and_refuses_overlaps(admin_client, db):
    role = Role.objects.get(title="NATO Secretary General")
    url = f"/admin/actors/role/{role.pk}/change/"
    response = admin_client.get(url)
    assert response.status_code == 200
    assert b"Jens Stoltenberg" in response.content and b"Mark Rutte" in response.content
    holders = list(role.holders.order_by("valid_from"))
    form = {
        "title": role.title,
        "variants": role.variants,
        "context": role.context,
        "organisation": role.organisation_id or "",
        "holders-TOTAL_FORMS": len(holders),
        "holders-INITIAL_FORMS": len(holders),
        "holders-MIN_NUM_FORMS": 0,
        "holders-MAX_NUM_FORMS": 1000,
    }
    for i, h in enumerate(holders):
        form.update(
            {
                f"holders-{i}-id": h.pk,
                f"holders-{i}-role": role.pk,
                f"holders-{i}-holder": h.holder_id,
                f"holders-{i}-valid_from": h.valid_from.isoformat(),
                f"holders-{i}-valid_to": h.valid_to.isoformat() if h.valid_to else "",
            }
        )
    # Stoltenberg kept on a month after Rutte took over: refused.
    form["holders-0-valid_to"] = "2024-10-31"
    response = admin_client.post(url, form)
    assert response.status_code == 200
    assert b"would hold the role on the same days" in response.content
    assert role.holders.get(holder__name="Jens Stoltenberg").valid_to == date(2024, 9, 30)
    form["holders-0-valid_to"] = "2024-09-29"
    response = admin_client.post(url, form)
    assert response.status_code == 302
    assert role.holders.get(holder__name="Jens Stoltenberg").valid_to == date(2024, 9, 29)


def test_a_source_opening_with_an_adverb_is_still_the_title():
    assert normal_title("Later the alliance's secretary general") == "alliance's secretary general"
    assert normal_title("the deputy secretary general") != normal_title("the Secretary General")


def test_merging_a_holder_keeps_the_roles_they_held(db):
    role = Role.objects.create(title="Harbour Master of Kestrel Bay", variants="the harbour master")
    twin = Actor.objects.resolve("O. Brannagh")
    kept = Actor.objects.resolve("Odile Brannagh")
    RoleHolder.objects.create(role=role, holder=twin, valid_from=date(2023, 1, 1))
    merge(kept, [twin])
    assert [h.holder_id for h in role.holders.all()] == [kept.pk]


NAMED = (
    "Harbour councillor Bren Haddow said on Wednesday that the northern members would get new radar stations "
    'before the first snow, calling the decision "a plain answer to every probe of our airspace".\n\n'
    "Ministers of the Fjordmark coalition are to sign the order on Thursday."
)


@pytest.mark.parametrize(
    ("data", "needed"),
    [
        (page("June 12, 2025"), True),  # a title-only speaker on a dated page
        (page(), False),  # undated: nothing to resolve by
        (page("June 12, 2025", NAMED), False),  # every speaker named
    ],
)
def test_a_page_needs_the_registry_only_for_a_title_only_speaker_on_a_date(data, needed):
    assert needs_titles(extract(data, name="page.txt")) is needed


def test_ingest_reads_no_roles_for_a_page_without_a_title_only_speaker(db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as plain:
        ingest_page(page("June 12, 2025", NAMED), "named.txt")
    with CaptureQueriesContext(connection) as titled:
        ingest_page(page("June 12, 2025"), "titled.txt")

    role_table = Role._meta.db_table
    assert not [q for q in plain.captured_queries if role_table in q["sql"]]
    assert [q for q in titled.captured_queries if role_table in q["sql"]]
