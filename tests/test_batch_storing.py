"""Pages stored together in one transaction (ingest --workers on PostgreSQL) give what storing them one by one gives.

The pages are written for these tests: two outlets carrying one wire story
(the later-stored copy was published first, so it names the story), a third
reporting the same remark in its own words, a page naming the minister by
surname alone, and an unrelated page.
"""

from unittest import mock

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from actors.models import Actor
from articles import ingest, storing
from articles.extraction import extract
from articles.models import Article, Source, SourceQuerySet, Statement, Utterance, source_slug
from tests.snapshots import database_snapshot, stories_and_remarks

WIRE = [
    "Estonian defence minister Arvo Kask said on Monday that the alliance would not accept a ceasefire drawn "
    "on the current front line. “We will not trade land for a pause that only lets the guns be reloaded,” "
    "Kask told reporters after the meeting in Tallinn.",
    "The talks brought together ministers from eleven member states and a delegation from the Baltic Council, "
    "which has pressed for a monitoring mission along the border before any truce takes effect.",
    "Kask said the next sanctions package should close the loopholes that let shipping firms move restricted "
    "goods through third countries. “Every gap we leave open is a supply line,” he said.",
]

PAGES = {
    # (outlet, published, title, paragraphs)
    "ledger.html": ("Harbour Ledger", "2026-03-02T09:00:00+00:00", "Kask rejects front-line truce", WIRE),
    "courier.html": ("Northern Courier", "2026-03-02T07:30:00+00:00", "Minister rejects truce on current lines", WIRE),
    "gazette.html": (
        "Valley Gazette",
        "2026-03-02T12:00:00+00:00",
        "Baltic ministers split on ceasefire terms",
        [
            "Ministers meeting in Tallinn were divided on Monday over the terms of a possible ceasefire, with "
            "Estonia's Arvo Kask taking the hardest line of the day.",
            "“We will not trade land for a pause that only lets the guns be reloaded,” Kask said, according to "
            "two officials present.",
            "Latvian foreign minister Maris Lepp said a truce would need international monitors. “Without "
            "observers on the ground, any line on a map is just ink,” Lepp said.",
        ],
    ),
    "bulletin.html": (
        "Coastal Bulletin",
        "2026-03-03T08:00:00+00:00",
        "Sanctions loopholes in focus",
        [
            "Officials in Brussels are drafting a new sanctions package aimed at shipping firms that route "
            "restricted goods through third countries, a measure Kask has urged for months.",
            "Lepp told the Coastal Bulletin the package must be agreed before the summit in The Hague. “We "
            "cannot arrive empty-handed,” he said.",
        ],
    ),
    "harvest.html": (
        "Valley Gazette",
        "2026-03-04T10:00:00+00:00",
        "Grain harvest forecast raised",
        [
            "Farm agencies raised their forecast for this year's grain harvest after a mild spring, the "
            "agriculture board said on Wednesday, citing higher yields across the southern plains.",
            "“The rains came at the right time,” said Helka Rand, who chairs the board's forecasting committee.",
        ],
    ),
}


def page_html(outlet, published, title, paragraphs):
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} | {outlet}</title>'
        f'<meta property="og:site_name" content="{outlet}"><meta property="og:title" content="{title}">'
        f'<meta property="article:published_time" content="{published}"></head><body>'
        f'<nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>{title}</h1>{body}</article>'
        f"<footer>© {outlet}. All rights reserved.</footer></body></html>"
    ).encode()


def extracted(names=tuple(PAGES)):
    """Freshly extracted pages (storing resolves titles on the page objects), in the given order."""
    items = []
    for name in names:
        data = page_html(*PAGES[name])
        page = extract(data, name=name)
        items.append(ingest.Extracted(page, "", f"/pages/{name}", f"file:///pages/{name}", ingest.page_hash(data)))
    return items


def store_one_by_one(items):
    return [
        ingest.store_page(item.page, name=item.name, origin=item.origin, content_hash=item.content_hash)
        for item in items
    ]


def state():
    return database_snapshot() | stories_and_remarks()


def test_pages_stored_together_give_what_storing_them_one_by_one_gives(db):
    with transaction.atomic():
        assert {r.outcome for r in store_one_by_one(extracted())} == {ingest.STORED}
        alone = state()
        transaction.set_rollback(True)
    assert not Article.objects.exists()

    results = ingest.store_pages(extracted())

    assert [r.outcome for r in results] == [ingest.STORED] * len(PAGES)
    assert [Article.objects.get(pk=r.article_id).origin for r in results] == [f"file:///pages/{n}" for n in PAGES]
    assert state() == alone


def test_a_batch_finds_stories_remarks_and_names_across_its_pages(db):
    ingest.store_pages(extracted())

    by_file = {a.file_name: a for a in Article.objects.all()}
    # The copy published first names the story, though it was stored second.
    assert by_file["ledger.html"].story_id == by_file["courier.html"].pk
    assert by_file["courier.html"].story_id == by_file["courier.html"].pk
    assert by_file["gazette.html"].story_id is None
    kask = Actor.objects.get(name="Arvo Kask")
    # The bulletin names him by surname alone: the same actor.
    assert Statement.objects.filter(article=by_file["gazette.html"], speaker=kask).exists()
    assert by_file["bulletin.html"].mentions.filter(actor=kask).exists()
    remark = Utterance.objects.get(speaker=kask, text__contains="We will not trade land")
    assert remark.reach == 3
    assert kask.article_count == Article.objects.filter(mentions__actor=kask).count() == 4


def test_a_batch_whose_transaction_fails_is_stored_page_by_page(db):
    real = storing.store_new_pages

    def refuse_batches(new_pages, extractor_version):
        if len(new_pages) > 1:
            storing.Article.objects.create(origin="half-written")
            raise RuntimeError("disk full")
        return real(new_pages, extractor_version)

    with mock.patch("articles.storing.store_new_pages", refuse_batches):
        results = ingest.store_pages(extracted())

    assert [r.outcome for r in results] == [ingest.STORED] * len(PAGES)
    assert not Article.objects.filter(origin="half-written").exists()
    assert Article.objects.count() == len(PAGES)


def test_pages_of_stored_origins_are_updated_as_alone(db):
    store_one_by_one(extracted(["gazette.html"]))
    gazette = Article.objects.get()
    changed = extracted(["gazette.html"])[0]
    changed.page.title = "Ministers split on truce terms"
    changed.content_hash = "0" * 64
    again = extracted(["harvest.html"])[0]

    results = ingest.store_pages([changed, *extracted(["ledger.html", "courier.html"]), again, again])

    assert [r.outcome for r in results] == [
        ingest.UPDATED,
        ingest.STORED,
        ingest.STORED,
        ingest.STORED,
        ingest.UNCHANGED,
    ]
    gazette.refresh_from_db()
    assert gazette.title == "Ministers split on truce terms"
    assert Article.objects.count() == 4


def test_pages_stored_together_cost_a_fraction_of_the_queries(db):
    names = list(PAGES)
    for outlet, *_ in PAGES.values():  # known outlets, as after the first pages of a folder
        Source.objects.for_name(outlet)
    with transaction.atomic(), CaptureQueriesContext(connection) as alone:
        store_one_by_one(extracted(names))
        transaction.set_rollback(True)

    with CaptureQueriesContext(connection) as together:
        ingest.store_pages(extracted(names))

    assert len(together) < len(alone) / 2


def test_a_page_that_storing_cannot_take_fails_alone_in_its_batch(db):
    items = extracted()

    def resolve(page, registry):
        if page is items[2].page:
            raise ValueError("a bad role")

    with (
        mock.patch("articles.ingest.needs_titles", return_value=True),
        mock.patch("articles.ingest.resolve_titles", resolve),
    ):
        results = ingest.store_pages(items)

    assert [r.outcome for r in results] == [ingest.STORED] * 2 + [ingest.FAILED] + [ingest.STORED] * 2
    assert results[2].reason == "could not store the article: ValueError: a bad role"
    assert not Article.objects.filter(file_name="gazette.html").exists()


def undated_page(outlet, quote):
    paragraphs = [f"{p} " for p in WIRE[1:]] + [
        f"Speaking after the talks, Arvo Kask said: “{quote}” The ministers meet again next month in Riga."
    ]
    html = page_html(outlet, "", "Kask on the truce talks", paragraphs)
    return html.replace(b'<meta property="article:published_time" content="">', b"")


def test_an_undated_copy_in_the_same_batch_joins_its_story_s_remarks(db):
    # Undated, so only the story tells that the reworded quote is the same remark (see articles.utterances).
    pages = {
        "first.html": undated_page("Harbour Ledger", "We will not trade land for a pause that lets the guns reload."),
        "copy.html": undated_page("Northern Courier", "We will not trade our land for a pause that lets guns reload."),
    }
    items = [
        ingest.Extracted(extract(data, name=name), "", name, f"file:///pages/{name}", ingest.page_hash(data))
        for name, data in pages.items()
    ]
    assert all(item.page.published is None for item in items)

    results = ingest.store_pages(items)

    first, copy = (Article.objects.get(pk=r.article_id) for r in results)
    assert copy.story_id == first.pk
    quotes = Statement.objects.filter(text__contains="pause that lets")
    assert quotes.count() == 2
    assert quotes.values("utterance").distinct().count() == 1


def test_a_batch_looks_its_outlets_up_in_one_order_whatever_its_pages_order(db):
    # Two batches creating the same new outlets in two orders deadlocked on the slugs' unique index (PostgreSQL).
    real = SourceQuerySet.for_name
    for names in (tuple(PAGES), tuple(reversed(PAGES))):
        asked = []

        def for_name(queryset, name, domain="", asked=asked):
            asked.append(name)
            return real(queryset, name, domain)

        with transaction.atomic(), mock.patch.object(SourceQuerySet, "for_name", for_name):
            ingest.store_pages(extracted(names))
            transaction.set_rollback(True)
        assert asked == sorted({outlet for outlet, *_ in PAGES.values()}, key=source_slug)


def test_every_writer_takes_its_locks_in_one_order(db):
    # Band keys, then surname groups, then speakers: a batch, a page alone and a changed page, so no two writers
    # ever wait for each other in a cycle (PostgreSQL would cut one after a second's wait).
    taken = []

    def recording(kind, real):
        def lock(keys):
            taken.append(kind)
            return real(keys)

        return lock

    from actors import evidence
    from articles import stories, utterances

    patches = [
        mock.patch.object(storing, "lock_bands", recording("bands", stories.lock_bands)),
        mock.patch.object(stories, "lock_bands", recording("bands", stories.lock_bands)),
        mock.patch.object(evidence, "lock_groups", recording("groups", evidence.lock_groups)),
        mock.patch.object(storing, "lock_speakers", recording("speakers", utterances.lock_speakers)),
        mock.patch.object(utterances, "lock_speakers", recording("speakers", utterances.lock_speakers)),
    ]
    changed = extracted(["gazette.html"])[0]
    changed.page.title = "Ministers split on truce terms"
    changed.content_hash = "0" * 64
    rank = {"bands": 0, "groups": 1, "speakers": 2}
    for storing_them in (
        lambda: ingest.store_pages(extracted(["ledger.html", "courier.html", "gazette.html"])),
        lambda: ingest.store_pages(extracted(["bulletin.html"])),
        lambda: ingest.store_pages([changed]),
    ):
        taken.clear()
        with patches[0], patches[1], patches[2], patches[3], patches[4]:
            assert {r.outcome for r in storing_them()} <= {ingest.STORED, ingest.UPDATED}
        assert set(taken) == set(rank)
        assert taken == sorted(taken, key=rank.get)
