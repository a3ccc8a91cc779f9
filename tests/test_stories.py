"""Stories: copies of one article across outlets share a story (articles.stories, articles.extraction.near_copies).

The pages in tests/story_pages/ are ours: a copy of fixtures/pages/analysis/baltic_wire_sanctions.txt under
another outlet's masthead, headline and furniture; a lightly edited copy; another outlet's own article on the
same event, which must stay a story of its own.
"""

import csv
import importlib
import io
import json
import shutil
from collections import Counter
from itertools import permutations
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import ingest, stories
from articles.extraction import near_copies
from articles.models import Article, ArticleBand, ArticleSignature
from articles.storing import delete_articles
from tests.held_ingest import ingest_second_while_first_is_held

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "pages"
STORY_PAGES = Path(__file__).resolve().parent / "story_pages"
ORIGINAL = FIXTURES / "analysis" / "baltic_wire_sanctions.txt"
COPY = STORY_PAGES / "harbour_gazette_sanctions_copy.txt"
EDITED = STORY_PAGES / "lowland_times_sanctions_edited.txt"
OWN = STORY_PAGES / "fjord_post_sanctions_own.txt"


def text_of(path):
    from articles.extraction.pipeline import extract

    return extract(path.read_bytes(), name=path.name).body


# The pure part ------------------------------------------------------------------------------------


def test_shingles_are_runs_of_words_whatever_the_case_and_punctuation():
    assert near_copies.shingles("One two, THREE four. Five!") == {"one two three four", "two three four five"}
    assert near_copies.shingles("three words only") == set()


def test_a_body_too_short_to_compare_has_no_signature():
    assert near_copies.signature("Markets were closed today for the holiday.") is None


def test_signatures_are_stable_and_bands_fit_a_bigint():
    text = text_of(ORIGINAL)
    sig = near_copies.signature(text)

    assert sig == near_copies.signature(text)
    assert len(sig) == near_copies.NUM_PERM
    assert near_copies.unpack(near_copies.pack(sig)) == sig
    keys = near_copies.band_keys(sig)
    assert len(keys) == near_copies.BANDS == len(set(keys))
    assert all(-(2**63) <= key < 2**63 for key in keys)


def test_copies_score_above_the_threshold_and_an_own_article_on_the_same_event_far_below():
    original, copy, edited, own = (near_copies.signature(text_of(p)) for p in (ORIGINAL, COPY, EDITED, OWN))

    assert near_copies.similarity(original, copy) > 0.9
    assert near_copies.SAME_STORY < near_copies.similarity(original, edited) < 0.9
    assert near_copies.similarity(original, own) < 0.2
    assert set(near_copies.band_keys(original)) & set(near_copies.band_keys(edited))


def test_a_single_changed_band_changes_only_its_key():
    sig = near_copies.signature(text_of(ORIGINAL))
    changed = [*sig]
    changed[0] += 1

    before, after = near_copies.band_keys(sig), near_copies.band_keys(changed)
    assert before[0] != after[0]
    assert before[1:] == after[1:]


# At ingest ----------------------------------------------------------------------------------------


def ingested(*paths):
    """The articles of `paths`, read once all are stored (a first article's story is set when its first copy comes)."""
    ids = {path.name: ingest.ingest_file(path).article_id for path in paths}
    return {name: Article.objects.get(pk=pk) for name, pk in ids.items()}


@pytest.fixture
def sanctions(db):
    return ingested(ORIGINAL, COPY, EDITED, OWN)


def test_ingesting_the_fixture_pages_and_a_copy_puts_only_the_copies_in_one_story(db):
    pages = sorted(p for p in FIXTURES.rglob("*") if p.suffix in {".txt", ".html", ".htm"})
    articles = ingested(*pages, COPY, EDITED, OWN)

    story = articles[ORIGINAL.name].story_id
    assert story == articles[ORIGINAL.name].pk
    assert articles[COPY.name].story_id == story
    assert articles[EDITED.name].story_id == story
    others = [a for name, a in articles.items() if name not in {ORIGINAL.name, COPY.name, EDITED.name}]
    # Alone in their stories: no story stored, each its own (story_key), one write of the row each.
    assert {a.story_id for a in others} == {None}
    keys = [a.story_key for a in others]
    assert len(set(keys)) == len(keys) == len(articles) - 3
    assert story not in keys


def test_a_page_like_no_other_is_written_once_and_its_first_copy_names_the_story(db):
    with CaptureQueriesContext(connection) as queries:
        original = ingested(ORIGINAL)[ORIGINAL.name]

    table = Article._meta.db_table
    assert not [q["sql"] for q in queries if q["sql"].startswith(f'UPDATE "{table}"')]
    assert original.story_id is None
    assert original.story_key == original.pk
    copy = ingested(COPY)[COPY.name]
    original.refresh_from_db()
    assert original.story_id == copy.story_id == original.pk


@pytest.mark.parametrize(
    "order", list(permutations([ORIGINAL, COPY, EDITED])), ids=lambda o: "-".join(p.stem for p in o)
)
def test_a_story_is_named_by_its_earliest_published_article_whatever_order_its_pages_come_in(db, order):
    articles = ingested(*order)

    original = articles[ORIGINAL.name]  # 18 Feb 16:40; the edited copy 19:05 that day, the other copy the 19th
    assert {a.story_id for a in articles.values()} == {original.pk}
    assert list(stories.one_per_story(Article.objects.all(), narrowed=False)) == [original]
    # The copy's statements join the original's utterances whichever was stored first.
    said = {
        name: set(a.statements.exclude(utterance=None).values_list("utterance", flat=True))
        for name, a in articles.items()
    }
    assert said[COPY.name] and said[COPY.name] <= said[ORIGINAL.name]


def undated(path, folder):
    """A copy of `path` without its dateline (the line naming the day), under its own name."""
    page = folder / f"undated-{path.name}"
    lines = [line for line in path.read_text().splitlines() if "2025" not in line]
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return page


@pytest.mark.parametrize("undated_first", [True, False])
def test_an_undated_copy_never_names_a_story_over_a_dated_one(db, tmp_path, undated_first):
    copy = undated(COPY, tmp_path)
    articles = ingested(*([copy, ORIGINAL] if undated_first else [ORIGINAL, copy]))

    assert articles[copy.name].published is None
    assert articles[copy.name].story_id == articles[ORIGINAL.name].story_id == articles[ORIGINAL.name].pk


def test_a_filtered_collapsed_list_shows_the_earliest_published_copy_left(sanctions):
    # Stored original, copy (the 19th), edited (18th, 19:05): without the original the edited copy stands in,
    # though the other copy was stored before it.
    without_original = Article.objects.exclude(pk=sanctions[ORIGINAL.name].pk)

    rows = stories.one_per_story(without_original)

    assert sorted(a.pk for a in rows) == sorted([sanctions[EDITED.name].pk, sanctions[OWN.name].pk])


def test_the_migration_renames_stories_named_by_a_later_copy(sanctions):
    from django.apps import apps

    copy = sanctions[COPY.name]
    Article.objects.filter(story__isnull=False).update(story=copy.pk)  # as storing order named it before
    migration = importlib.import_module("articles.migrations.0026_stories_named_by_earliest")

    migration.rename(apps, None)

    stories = dict(Article.objects.values_list("pk", "story"))
    original = sanctions[ORIGINAL.name].pk
    assert stories[copy.pk] == stories[sanctions[EDITED.name].pk] == stories[original] == original
    assert stories[sanctions[OWN.name].pk] is None


def test_each_article_keeps_its_signature_and_32_band_keys(sanctions):
    article = sanctions[COPY.name]

    assert ArticleBand.objects.filter(article=article).count() == near_copies.BANDS
    assert ArticleSignature.objects.get(article=article).version == near_copies.SIGNATURE_VERSION


def test_re_ingesting_a_changed_copy_keeps_its_story_and_its_bands(db, tmp_path):
    original = ingested(ORIGINAL)[ORIGINAL.name]
    page = tmp_path / COPY.name
    shutil.copy(COPY, page)
    first = Article.objects.get(pk=ingest.ingest_file(page).article_id)
    assert first.story_id == original.pk
    page.write_text(COPY.read_text().replace("Most read", "Most shared"))

    result = ingest.ingest_file(page)

    assert result.outcome == ingest.UPDATED
    first.refresh_from_db()
    assert first.story_id == original.pk
    assert ArticleBand.objects.filter(article=first).count() == near_copies.BANDS


def test_a_first_article_rewritten_into_another_hands_its_story_to_the_next(db, tmp_path):
    page = tmp_path / "baltic.txt"
    shutil.copy(ORIGINAL, page)
    articles = ingested(page, COPY, EDITED)
    first = articles["baltic.txt"]
    page.write_text(OWN.read_text())

    ingest.ingest_file(page)

    first.refresh_from_db()
    copy, edited = articles[COPY.name], articles[EDITED.name]
    copy.refresh_from_db()
    edited.refresh_from_db()
    assert first.story_id is None
    assert first.story_key == first.pk
    # The edited copy was published on the 18th, the other copy on the 19th.
    assert copy.story_id == edited.story_id == edited.pk


def test_deleting_a_story_s_first_article_leaves_no_copy_pointing_at_it(sanctions):
    original, copy, edited = (sanctions[p.name] for p in (ORIGINAL, COPY, EDITED))

    delete_articles([original.pk])

    copy.refresh_from_db()
    edited.refresh_from_db()
    assert copy.story_id == edited.story_id == edited.pk  # the earlier-published of the two
    assert not ArticleBand.objects.filter(article_id=original.pk).exists()


def test_a_new_copy_joins_the_story_after_its_first_article_was_deleted(sanctions, tmp_path):
    delete_articles([sanctions[ORIGINAL.name].pk])
    page = tmp_path / "again.txt"
    page.write_text(ORIGINAL.read_text().replace("BALTIC WIRE", "BALTIC WIRE ARCHIVE"))

    again = Article.objects.get(pk=ingest.ingest_file(page).article_id)

    # Published before the edited copy that named the story since: the story takes its name.
    assert again.story_id == again.pk
    assert set(
        Article.objects.filter(pk__in=[sanctions[COPY.name].pk, sanctions[EDITED.name].pk]).values_list(
            "story", flat=True
        )
    ) == {again.pk}


# Pages and exports --------------------------------------------------------------------------------


def test_the_article_page_names_the_other_outlets_with_their_dates(analyst_client, sanctions):
    html = analyst_client.get(sanctions[ORIGINAL.name].get_absolute_url()).content.decode()

    section = html[html.index("Also published by") :]
    section = section[: section.index("</section>")]
    assert "The Harbour Gazette" in section
    assert "19 Feb 2025" in section or "19 February 2025" in section
    assert "Lowland Times" in section
    assert "Fjord Post" not in section
    assert "Baltic Wire" not in section


def test_an_article_alone_in_its_story_shows_no_other_outlets(analyst_client, sanctions):
    html = analyst_client.get(sanctions[OWN.name].get_absolute_url()).content.decode()

    assert "Also published by" not in html


def test_collapse_shows_one_row_per_story(analyst_client, sanctions):
    rows = analyst_client.get("/articles/", {"collapse": "story"}).context["page"].object_list
    every = analyst_client.get("/articles/").context["page"].object_list

    assert len(every) == 4
    assert sorted(a.pk for a in rows) == sorted([sanctions[ORIGINAL.name].pk, sanctions[OWN.name].pk])


def test_collapse_keeps_a_copy_when_the_filters_leave_out_its_story_s_first_article(analyst_client, sanctions):
    copy = sanctions[COPY.name]
    rows = analyst_client.get("/articles/", {"collapse": "story", "source": copy.source.slug}).context["page"]

    assert [a.pk for a in rows.object_list] == [copy.pk]


def test_collapse_costs_no_query_more_than_the_full_list(analyst_client, sanctions, django_assert_num_queries):
    # The 9 queries of the plain list (tests/test_article_list.py): collapsing is a subquery of the page's query
    # and of its count.
    with django_assert_num_queries(9):
        response = analyst_client.get("/articles/", {"collapse": "story"})

    assert response.context["page"].paginator.count == 2


def test_the_unfiltered_collapsed_list_s_total_is_its_number_of_rows(analyst_client, sanctions, make_article):
    # Counted as the articles less the copies (coverage.story_total), not over the list's rows.
    make_article("Undated and in no story", published=None)

    page = analyst_client.get("/articles/", {"collapse": "story", "per_page": 100}).context["page"]

    assert page.paginator.count == len(page.object_list) == 3


def test_the_collapsed_list_counts_stories(analyst_client, sanctions):
    every = analyst_client.get("/articles/").content.decode()
    collapsed = analyst_client.get("/articles/", {"collapse": "story"}).content.decode()

    assert '<p class="result-count">4 articles' in every
    assert '<p class="result-count">2 stories' in collapsed
    one = analyst_client.get("/articles/", {"collapse": "story", "source": sanctions[OWN.name].source.slug})
    assert '<p class="result-count">1 story' in one.content.decode()


def test_the_desk_counts_the_stories_beside_the_articles(analyst_client, sanctions):
    html = analyst_client.get("/").content.decode()

    assert '<span class="stat-number">4</span> articles' in html
    assert '<a class="stat-note" href="/articles/?collapse=story">2 stories</a>' in html


def test_a_desk_without_copies_shows_no_story_count(analyst_client, db):
    ingested(ORIGINAL, OWN)

    html = analyst_client.get("/").content.decode()

    assert '<span class="stat-number">2</span> articles' in html
    assert "collapse=story" not in html


def test_json_and_csv_rows_carry_the_story(analyst_client, sanctions):
    story = sanctions[ORIGINAL.name].pk

    rows = json.loads(b"".join(analyst_client.get("/articles/", {"format": "json"}).streaming_content))
    by_id = {r["id"]: r["story"] for r in rows}
    assert by_id[sanctions[COPY.name].pk] == story
    assert by_id[sanctions[OWN.name].pk] == sanctions[OWN.name].pk

    response = analyst_client.get("/articles/", {"format": "csv"})
    table = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert table[0][-1] == "story"
    assert {int(r[0]): int(r[-1]) for r in table[1:]}[sanctions[EDITED.name].pk] == story


def test_assign_stories_puts_articles_stored_before_stories_in_theirs(sanctions):
    Article.objects.update(story=None)
    ArticleSignature.objects.all().delete()
    ArticleBand.objects.all().delete()
    out = io.StringIO()

    call_command("assign_stories", stdout=out)

    assert out.getvalue().strip() == "4 articles given a story"
    stories = dict(Article.objects.values_list("pk", "story"))
    original = sanctions[ORIGINAL.name].pk
    assert stories[sanctions[COPY.name].pk] == stories[sanctions[EDITED.name].pk] == stories[original] == original
    assert stories[sanctions[OWN.name].pk] is None  # alone in its story
    assert ArticleBand.objects.count() == 4 * near_copies.BANDS


STORM = """THE {outlet}
{title}

Heavy rain flooded low streets near the harbour on the night before the market, and the water reached the doors of
several shops before the pumps could keep up with it.

The council said the drains had been cleared in the autumn, but the volume of water was more than they were built
to carry, and crews worked through the night to move sandbags along the quay.

Traders who had set up their stalls early moved them to the square by the church, where the ground is higher, and
most of them were open again by the middle of the morning.

Forecasters expect drier weather for the rest of the week, though another band of rain may arrive at the weekend.
"""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL)")
def test_a_copy_stored_while_its_original_is_being_stored_waits_for_it_and_joins_its_story(transactional_db, tmp_path):
    # No person on these pages, so no actor lock orders the two transactions: only the band keys' locks do.
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(STORM.format(outlet="QUAYSIDE NEWS", title="Flooding on the quay"), encoding="utf-8")
    second.write_text(STORM.format(outlet="MARKET TOWN VOICE", title="Rain floods harbour streets"), encoding="utf-8")
    first_id, second_id, waited = ingest_second_while_first_is_held(first, second)
    assert waited, "the copy must wait for its original to commit"

    assert Article.objects.get(pk=second_id).story_id == first_id


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL)")
def test_copies_ingested_by_parallel_workers_share_a_story(transactional_db, tmp_path):
    for n in range(3):
        for path in (ORIGINAL, COPY, EDITED):
            (tmp_path / f"{n}-{path.name}").write_text(
                path.read_text().replace("74 vessels", f"{74 + n} vessels", 1), encoding="utf-8"
            )
    call_command("ingest", str(tmp_path), "--workers", "2", stdout=io.StringIO())

    stories = Counter(Article.objects.values_list("story", flat=True))
    assert len(stories) == 1
    assert sum(stories.values()) == 9
    # Named by the earliest published, the three copies of the original tied by their ids: whatever order
    # the workers committed in.
    originals = Article.objects.filter(file_name__endswith=ORIGINAL.name).values_list("pk", flat=True)
    assert len(originals) == 3
    assert next(iter(stories)) == min(originals)


# Bounded work per page ----------------------------------------------------------------------------

OUTLETS = ("QUAYSIDE NEWS", "MARKET TOWN VOICE", "THE ESTUARY DAILY", "NORTH PIER POST", "HARBOURSIDE HERALD")


def storm_copies(folder, count):
    """`count` copies of one report (the same body) under other mastheads and headlines."""
    pages = []
    for n in range(count):
        page = folder / f"copy{n}.txt"
        title = f"Rain floods harbour streets, report {n + 1}"
        page.write_text(STORM.format(outlet=OUTLETS[n % len(OUTLETS)], title=title), encoding="utf-8")
        pages.append(page)
    return pages


@pytest.fixture
def compared(monkeypatch):
    """The signatures each page is compared with, counted; two articles per band key instead of four."""
    calls = []
    similarity = near_copies.similarity
    monkeypatch.setattr(near_copies, "similarity", lambda a, b: calls.append(1) or similarity(a, b))
    monkeypatch.setattr(stories, "PER_KEY", 2)
    return calls


def test_a_story_s_tenth_copy_is_compared_with_its_first_articles_only_and_joins_it(db, tmp_path, compared):
    *earlier, last = storm_copies(tmp_path, 10)
    ids = [ingest.ingest_file(page).article_id for page in earlier]
    compared.clear()

    copy = Article.objects.get(pk=ingest.ingest_file(last).article_id)

    assert len(compared) == 2
    assert copy.story_id == ids[0]
    assert set(Article.objects.values_list("story", flat=True)) == {ids[0]}
    assert ArticleBand.objects.filter(article=copy).count() == near_copies.BANDS


def test_when_a_story_s_first_articles_are_deleted_the_next_stand_in(db, tmp_path, compared):
    *earlier, last = storm_copies(tmp_path, 6)
    ids = [ingest.ingest_file(page).article_id for page in earlier]
    delete_articles(ids[:2])
    compared.clear()

    copy = Article.objects.get(pk=ingest.ingest_file(last).article_id)

    assert len(compared) == 2
    assert copy.story_id == ids[2]


def test_a_re_ingested_late_copy_keeps_its_story(db, tmp_path, compared):
    *earlier, last = storm_copies(tmp_path, 6)
    ids = [ingest.ingest_file(page).article_id for page in [*earlier, last]]
    last.write_text(last.read_text().replace("Forecasters expect", "Forecasters now expect"), encoding="utf-8")

    result = ingest.ingest_file(last)

    assert result.outcome == ingest.UPDATED
    assert Article.objects.get(pk=ids[-1]).story_id == ids[0]
