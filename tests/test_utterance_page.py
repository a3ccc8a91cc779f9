"""The utterance page (/utterances/<id>/), the statements list grouped by utterance, the exports' `utterance`.

Over the pages of tests/utterance_pages (see tests/test_utterances.py).
"""

import csv
import io
import json
from pathlib import Path

import pytest
from django.urls import reverse

from articles import audit, ingest
from articles.models import Article, Statement, Utterance

PAGES = Path(__file__).resolve().parent / "utterance_pages"
NAMES = (
    "north_courier_harbour_closure.txt",
    "east_herald_harbour_closure_copy.txt",
    "valley_times_harbour_closure_own.txt",
    "north_courier_harbour_reopening.txt",
)
CLOSED = "We will keep the harbour closed to tankers until the inspectors finish their work"


@pytest.fixture
def harbour(db):
    return {name: Article.objects.get(pk=ingest.ingest_file(PAGES / name).article_id) for name in NAMES}


@pytest.fixture
def closed(harbour):
    return Statement.objects.get(article=harbour[NAMES[0]], text__contains=CLOSED).utterance


def test_the_page_names_the_first_outlet_and_every_outlet_s_wording(analyst_client, closed):
    response = analyst_client.get(reverse("articles:utterance", args=[closed.pk]))
    html = response.content.decode()

    assert response.status_code == 200
    assert "3 outlets, 3 reports" in html
    assert "North Courier" in html.split('class="utterance-first"')[1].split("</dd>")[0]
    for outlet in ("North Courier", "East Herald", "Valley Times"):
        assert outlet in html.split("Every outlet")[1]
    # The paraphrase against the first wording: what it adds and what it leaves out.
    assert '<ins class="diff-added">would stay</ins>' in html
    assert '<del class="diff-left-out">and not a day sooner,&quot;</del>' in html
    # The direct words, as an outlet quoted them.
    assert f'<blockquote class="quote-text quote-direct">&quot;{CLOSED}' in html.split("In the speaker")[1]


def test_the_page_lists_the_talking_point_repeated_later_as_a_similar_remark(analyst_client, harbour, closed):
    later = Statement.objects.get(article=harbour[NAMES[3]], text__contains="stays closed to tankers").utterance

    html = analyst_client.get(reverse("articles:utterance", args=[closed.pk])).content.decode()

    similar = html.split("Similar remarks")[1]
    assert reverse("articles:utterance", args=[later.pk]) in similar


def test_the_page_costs_the_same_queries_however_many_outlets(analyst_client, closed, django_assert_num_queries):
    # 1 session, 2 user, 3 the utterance and its speaker, 4 its reports with their articles and outlets,
    # 5-7 the speaker's nearest utterances before, after and undated (similar remarks).
    with django_assert_num_queries(7):
        analyst_client.get(reverse("articles:utterance", args=[closed.pk]))


def test_an_unknown_utterance_is_a_404(analyst_client, db):
    assert analyst_client.get(reverse("articles:utterance", args=[999])).status_code == 404


def test_the_page_needs_a_login(client, closed):
    assert client.get(reverse("articles:utterance", args=[closed.pk])).status_code == 302


def test_grouped_the_list_shows_one_row_per_utterance(analyst_client, harbour, closed):
    response = analyst_client.get("/statements/", {"group": "utterance", "per_page": 100})
    rows = list(response.context["page"].object_list)

    utterances = [s.utterance_id for s in rows if s.utterance_id is not None]
    assert len(utterances) == len(set(utterances)) == Utterance.objects.count()
    assert sum(s.utterance_id == closed.pk for s in rows) == 1
    full = analyst_client.get("/statements/", {"per_page": 100}).context["page"].object_list
    assert len(full) > len(rows)


def test_grouped_the_list_s_total_is_its_number_of_rows(analyst_client, harbour, closed):
    # Counted from the utterances (coverage.remark_total), not over the rows: it must still be their number
    # with a statement in no utterance and a remark whose first report an analyst rejected.
    loose = Statement.objects.filter(utterance=closed).exclude(pk=closed.first_statement_id).first()
    Statement.objects.filter(pk=loose.pk).update(utterance=None)
    other = Utterance.objects.exclude(pk=closed.pk).first()
    Statement.objects.filter(pk=other.first_statement_id).update(status=Statement.Status.REJECTED)

    page = analyst_client.get("/statements/", {"group": "utterance", "per_page": 100}).context["page"]

    assert page.paginator.count == len(page.object_list)
    assert page.paginator.count == Statement.objects.shown().one_per_utterance(narrowed=False).count()
    assert loose.pk in {s.pk for s in page.object_list}


@pytest.mark.parametrize("by_reach", [False, True])
def test_grouped_by_speaker_the_list_s_total_is_its_number_of_rows(analyst_client, harbour, closed, by_reach):
    # Counted from the speaker's utterances (coverage.remark_total(speakers)), with a statement of theirs in no
    # utterance and a remark of theirs whose only report was rejected.
    speaker = closed.speaker
    loose = Statement.objects.filter(utterance=closed).exclude(pk=closed.first_statement_id).first()
    Statement.objects.filter(pk=loose.pk).update(utterance=None)
    other = Utterance.objects.filter(speaker=speaker).exclude(pk=closed.pk).first()
    Statement.objects.filter(pk=other.first_statement_id).update(status=Statement.Status.REJECTED)
    query = {"group": "utterance", "speaker": speaker.slug, "per_page": 100, **({"sort": "reach"} if by_reach else {})}

    page = analyst_client.get("/statements/", query).context["page"]

    assert page.paginator.count == len(page.object_list)
    assert {s.speaker_id for s in page.object_list} == {speaker.pk}
    # Sorted by reach the list is read from the utterances: a statement in none waits for assign_utterances.
    assert (loose.pk in {s.pk for s in page.object_list}) is not by_reach
    assert Utterance.objects.exclude(speaker=speaker).exists()


def test_grouped_and_filtered_the_list_keeps_a_row_for_a_remark_whose_first_report_is_filtered_out(
    analyst_client, harbour, closed
):
    rows = analyst_client.get("/statements/", {"group": "utterance", "source": "valley-times"}).context["page"]

    assert closed.pk in {s.utterance_id for s in rows}


def test_sorted_by_reach_the_most_carried_remarks_come_first(analyst_client, harbour):
    rows = analyst_client.get("/statements/", {"group": "utterance", "sort": "reach"}).context["page"]

    reaches = [s.utterance.reach if s.utterance else 0 for s in rows]
    assert reaches == sorted(reaches, reverse=True)
    assert reaches[0] == 3
    assert "carried by 3 outlets" in analyst_client.get("/statements/", {"sort": "reach"}).content.decode()


def test_one_speaker_s_remarks_by_reach_are_each_remark_s_first_report_widest_first(analyst_client, closed):
    rows = analyst_client.get(
        "/statements/", {"group": "utterance", "sort": "reach", "speaker": closed.speaker.slug}
    ).context["page"]

    assert [s.utterance_id for s in rows][0] == closed.pk
    assert {s.speaker_id for s in rows} == {closed.speaker_id}
    assert all(s.pk == s.utterance.first_statement_id for s in rows)
    assert [s.utterance_id for s in rows] == list(
        Utterance.objects.by(closed.speaker).most_carried().values_list("pk", flat=True)
    )


def test_the_grouped_list_costs_no_query_more_than_a_filtered_list(analyst_client, harbour, django_assert_num_queries):
    # 1 session, 2 user, 3 the paginator's count, 4 the page of statements (with speaker, article, outlet
    # and utterance), 5 their topics, 6-7 the filter form's topics and outlets, 8 the analyst's feed key.
    with django_assert_num_queries(8):
        analyst_client.get("/statements/", {"group": "utterance", "sort": "reach"})
    with django_assert_num_queries(8):
        analyst_client.get("/statements/", {"kind": "direct"})


def test_json_and_csv_rows_carry_the_utterance(analyst_client, closed):
    rows = json.loads(b"".join(analyst_client.get("/statements/", {"format": "json"}).streaming_content))
    report = closed.statements.first()
    assert {row["id"]: row["utterance"] for row in rows}[report.pk] == closed.pk

    response = analyst_client.get("/statements/", {"format": "csv"})
    table = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert table[0][-1] == "utterance"
    assert {row[0]: row[-1] for row in table[1:]}[str(report.pk)] == str(closed.pk)


def test_the_desk_shows_the_week_s_most_carried_remarks(analyst_client, closed):
    newest_week = analyst_client.get("/").content.decode()
    html = analyst_client.get("/", {"published_before": "2025-03-12"}).content.decode()

    # The newest coverage (24 March) has one remark, carried by one outlet: not listed.
    assert "Most carried remarks" not in newest_week
    carried = html.split("Most carried remarks")[1].split("</section>")[0]
    assert reverse("articles:utterance", args=[closed.pk]) in carried
    assert "3 outlets" in carried
    assert "nearly done" not in carried


def test_the_actor_page_lists_their_remarks_widest_reach_first(analyst_client, closed):
    html = analyst_client.get(closed.speaker.get_absolute_url()).content.decode()

    remarks = html.split("Most carried remarks")[1].split("</section>")[0]
    reaches = [int(n) for n in __import__("re").findall(r'class="utterance-reach">(\d+) outlet', remarks)]
    assert reaches[0] == 3
    assert reaches == sorted(reaches, reverse=True)


# The admin ------------------------------------------------------------------------------------------

STATEMENTS = reverse("admin:articles_statement_changelist")
UTTERANCES = reverse("admin:articles_utterance_changelist")


def test_an_analyst_splits_a_report_off_in_the_admin_and_ingest_keeps_it_there(admin_client, harbour, closed):
    paraphrase = Statement.objects.get(article=harbour[NAMES[2]], text__contains="would stay closed to tankers")

    admin_client.post(STATEMENTS, {"action": "split_utterance", "_selected_action": [paraphrase.pk]})

    paraphrase.refresh_from_db()
    assert paraphrase.utterance != closed and paraphrase.utterance_fixed
    Article.objects.filter(pk=harbour[NAMES[2]].pk).update(content_hash="stale")  # read the page again
    ingest.ingest_file(PAGES / NAMES[2])
    paraphrase.refresh_from_db()
    assert paraphrase.utterance != closed
    closed.refresh_from_db()
    assert closed.reach == 2


def test_an_analyst_moves_a_report_to_another_utterance_in_the_admin(admin_client, harbour, closed):
    later = Statement.objects.get(article=harbour[NAMES[3]], text__contains="stays closed to tankers")
    data = {"action": "move_to_utterance", "_selected_action": [later.pk]}

    page = admin_client.post(STATEMENTS, data)
    assert page.status_code == 200 and b"Move to another utterance" in page.content
    admin_client.post(STATEMENTS, {**data, "apply": "1", "utterance": closed.pk})

    later.refresh_from_db()
    assert later.utterance == closed and later.utterance_fixed
    closed.refresh_from_db()
    assert closed.statements.count() == 4


def test_an_analyst_merges_utterances_in_the_admin(admin_client, harbour, closed):
    later = Statement.objects.get(article=harbour[NAMES[3]], text__contains="stays closed to tankers").utterance

    response = admin_client.post(
        UTTERANCES, {"action": "merge_selected_utterances", "_selected_action": [closed.pk, later.pk]}
    )

    assert response.status_code == 302
    assert not Utterance.objects.filter(pk=later.pk).exists()
    assert admin_client.get(reverse("admin:articles_utterance_change", args=[closed.pk])).status_code == 200


def test_the_admin_refuses_to_merge_two_speakers_remarks(admin_client, harbour, closed):
    pilot = Statement.objects.get(article=harbour[NAMES[0]], text__contains="waiting for weeks").utterance

    admin_client.post(UTTERANCES, {"action": "merge_selected_utterances", "_selected_action": [closed.pk, pilot.pk]})

    assert Utterance.objects.filter(pk=pilot.pk).exists()
    assert not Statement.objects.filter(utterance_fixed=True).exists()


def _mark(statements, status, analyst):
    with audit.recording(analyst, statements, "test"):
        statements.set_status_by_analyst(status, analyst)


def test_a_remark_whose_first_report_an_analyst_rejects_keeps_its_row_from_the_next_report(
    analyst_client, analyst, closed
):
    first = closed.first_statement
    reach = closed.reach
    outlet = first.article.source_id

    _mark(Statement.objects.filter(pk=first.pk), Statement.Status.REJECTED, analyst)

    closed.refresh_from_db()
    assert closed.first_statement_id != first.pk
    assert closed.first_statement.status != Statement.Status.REJECTED
    others = closed.statements.shown().filter(article__source_id=outlet).exists()
    assert closed.reach == (reach if others else reach - 1)
    rows = analyst_client.get("/statements/", {"group": "utterance", "sort": "reach"}).context["page"]
    assert closed.pk in {s.utterance_id for s in rows}

    _mark(Statement.objects.filter(pk=first.pk), Statement.Status.NEW, analyst)

    closed.refresh_from_db()
    assert (closed.first_statement_id, closed.reach) == (first.pk, reach)


def test_a_remark_whose_every_report_is_rejected_reaches_no_outlet(analyst, closed):
    _mark(closed.statements.all(), Statement.Status.REJECTED, analyst)

    closed.refresh_from_db()
    assert closed.reach == 0
    assert closed.outlets == []
    assert closed.first_statement_id is not None


def test_sorted_by_reach_the_grouped_list_s_total_is_its_number_of_rows(analyst_client, harbour, closed):
    loose = Statement.objects.filter(utterance=closed).exclude(pk=closed.first_statement_id).first()
    Statement.objects.filter(pk=loose.pk).update(utterance=None)

    page = analyst_client.get("/statements/", {"group": "utterance", "sort": "reach", "per_page": 100}).context["page"]

    assert page.paginator.count == len(page.object_list) == Utterance.objects.count()
