"""The statement admin: list, filters, bulk actions, and analyst edits in the change forms."""

from datetime import date

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import connection
from django.urls import reverse

from actors.models import Actor
from articles.models import Source, Statement, StatementTopic, Topic

CHANGELIST = reverse("admin:articles_statement_changelist")


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def topics(db):
    # The default topics come with migration 0002.
    return {t.slug: t for t in Topic.objects.all()}


@pytest.fixture
def make_quote(make_article, make_statement, make_actor):
    """A statement in an article of its own; `speaker` is a name (tests/conftest.py has the builders)."""

    def make(
        text,
        speaker=None,
        *,
        title="Ministers weigh guarantees",
        source="Harbour Ledger",
        published=date(2025, 5, 14),
        kind=Statement.Kind.DIRECT,
        topics=(),
    ):
        article = make_article(title, source=source, published=published)
        speaker = make_actor(speaker) if speaker else None
        return make_statement(article, text, speaker=speaker, kind=kind, topics=topics)

    return make


@pytest.fixture
def lepp_quote(make_quote, topics):
    return make_quote(
        "Sanctions must stay in place until a settlement is signed.", "Kadri Lepp", topics=[topics["sanctions"]]
    )


@pytest.fixture
def korhonen_quote(make_quote):
    return make_quote(
        "The summit must agree on a ceasefire plan.",
        "Aino Korhonen",
        title="Finland wants a ceasefire plan",
        source="Northern Wire",
        published=date(2024, 11, 2),
        kind=Statement.Kind.INDIRECT,
    )


def listed(response):
    return set(response.context["cl"].result_list)


def run_action(client, action, statements, **fields):
    data = {"action": action, "_selected_action": [s.pk for s in statements], **fields}
    return client.post(CHANGELIST, data)


def history(statement):
    return list(
        LogEntry.objects.filter(object_id=str(statement.pk), content_type__model="statement").values_list(
            "action_flag", "change_message"
        )
    )


# --- The list ---


def test_it_lists_statements_with_speaker_article_outlet_date_and_topics(admin_client, lepp_quote):
    response = admin_client.get(CHANGELIST)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Kadri Lepp" in html
    assert "Sanctions must stay in place" in html
    assert "Ministers weigh guarantees" in html
    assert "Harbour Ledger" in html
    assert "May 14, 2025" in html or "14 May 2025" in html
    assert "Sanctions" in html
    assert "Not reviewed" in html


def test_it_shows_analyst_topics_in_bold(admin_client, lepp_quote, topics):
    lepp_quote.add_topic_by_analyst(topics["summit"])

    html = admin_client.get(CHANGELIST).content.decode()

    assert '<strong title="Set by an analyst">Summit</strong>' in html


def _fill(make_quote, topics, start, count):
    for i in range(start, start + count):
        make_quote(
            f"Statement number {i} about the war.",
            f"Speaker {i}",
            title=f"Article {i}",
            source=f"Outlet {i % 4}",
            published=date(2025, 1 + i % 12, 1 + i % 28),
            topics=[topics["sanctions"], topics["summit"]][: i % 3],
        )


def test_the_list_costs_the_same_queries_for_3_and_30_rows(admin_client, make_quote, topics, django_assert_num_queries):
    # Prevent an n+1: the page size must not change the query count.
    _fill(make_quote, topics, 0, 3)
    admin_client.get(CHANGELIST)  # warm the content type cache

    # 1. session, 2. user
    # 3. topic filter choices (the speaker filter reads no actor until one is chosen)
    # 4. outlet filter choices (only outlets with articles), 5. first and last date for the years to offer
    # 6.-7. the total, from the actors' stored counts and the statements without a speaker (no second count
    #    of all rows: show_full_result_count is off)
    # 8. the page of statements with speaker, article and outlet
    # 9. their topic links with topics (prefetch)
    with django_assert_num_queries(9):
        response = admin_client.get(CHANGELIST)
    assert len(response.context["cl"].result_list) == 3

    _fill(make_quote, topics, 3, 30)
    with django_assert_num_queries(9):
        response = admin_client.get(CHANGELIST, {"all": ""})
    assert len(response.context["cl"].result_list) == 33


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"topics__id__exact": "sanctions"}, "lepp"),
        ({"speaker__id__exact": "korhonen"}, "korhonen"),
        ({"kind__exact": "indirect"}, "korhonen"),
        ({"status__exact": "verified"}, "lepp"),
        ({"article__source__id__exact": "northern-wire"}, "korhonen"),
        ({"published__year": "2025"}, "lepp"),
        ({"q": "settlement"}, "lepp"),
        ({"q": "Korhonen"}, "korhonen"),
    ],
)
def test_it_filters_the_list(admin_client, admin_user, lepp_quote, korhonen_quote, topics, params, expected):
    Statement.objects.filter(pk=lepp_quote.pk).set_status_by_analyst(Statement.Status.VERIFIED, admin_user)
    ids = {
        "sanctions": topics["sanctions"].pk,
        "korhonen": korhonen_quote.speaker_id,
        "northern-wire": Source.objects.get(slug="northern-wire").pk,
    }
    params = {key: ids.get(value, value) for key, value in params.items()}

    response = admin_client.get(CHANGELIST, params)

    quotes = {"lepp": lepp_quote, "korhonen": korhonen_quote}
    assert listed(response) == {quotes[expected]}


# (search, found on PostgreSQL, found on SQLite): quotes by the words of the stored vector on PostgreSQL
# (articles.search; SQLite matches substrings), speakers' names and articles' titles by the whole term.
SEARCHES = [
    ("settlement", {"lepp"}, {"lepp"}),
    ("signing settlement", {"lepp"}, set()),  # "signed" in any form
    ("settle", set(), {"lepp"}),  # part of a word: no longer on PostgreSQL
    ('"ceasefire plan" -sanctions', {"korhonen"}, {"korhonen"}),
    ("settlement or summit", {"lepp", "korhonen"}, {"lepp", "korhonen"}),
    ("aino korh", {"korhonen"}, {"korhonen"}),  # a part of the speaker's name
    ("wants a ceasefire", {"korhonen"}, {"korhonen"}),  # a part of the title
    ("weigh", {"lepp"}, {"lepp"}),
    ("drones", set(), set()),
]


@pytest.mark.parametrize(("q", "on_postgresql", "on_sqlite"), SEARCHES)
def test_the_search_finds_quotes_by_their_words_and_speakers_and_titles(
    admin_client, lepp_quote, korhonen_quote, q, on_postgresql, on_sqlite
):
    quotes = {"lepp": lepp_quote, "korhonen": korhonen_quote}

    response = admin_client.get(CHANGELIST, {"q": q})

    expected = on_postgresql if connection.vendor == "postgresql" else on_sqlite
    assert listed(response) == {quotes[name] for name in expected}
    assert "whole words" in response.text


def test_the_speaker_filter_offers_only_actors_who_speak(admin_client, lepp_quote):
    Actor.objects.resolve("Silent Bystander")

    html = admin_client.get(CHANGELIST).content.decode()

    assert "Silent Bystander" not in html


# --- Bulk actions ---


def test_add_topic_first_asks_which_topic(admin_client, lepp_quote, korhonen_quote):
    response = run_action(admin_client, "add_topic", [lepp_quote, korhonen_quote])

    assert response.status_code == 200
    assert "admin/articles/statement/bulk_action.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert "2 statements selected" in html
    assert 'name="topic"' in html
    assert "admin-autocomplete" in html
    assert StatementTopic.objects.filter(origin="analyst").count() == 0


@pytest.mark.parametrize(
    ("model_name", "field_name", "term", "found"),
    [
        ("statementtopic", "topic", "cease", "Ceasefire"),
        ("statement", "speaker", "lepp", "Kadri Lepp"),
    ],
)
def test_the_action_forms_autocomplete_finds_topics_and_speakers(
    admin_client, lepp_quote, model_name, field_name, term, found
):
    params = {"app_label": "articles", "model_name": model_name, "field_name": field_name, "term": term}

    response = admin_client.get(reverse("admin:autocomplete"), params)

    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == [found]


def test_add_topic_tags_the_statements_as_the_analysts(admin_client, lepp_quote, korhonen_quote, topics):
    ceasefire = topics["ceasefire"]
    korhonen_quote.remove_topic_by_analyst(ceasefire)

    response = run_action(
        admin_client, "add_topic", [lepp_quote, korhonen_quote], topic=ceasefire.pk, apply="Add topic"
    )

    assert response.status_code == 302
    for statement in (lepp_quote, korhonen_quote):
        link = StatementTopic.objects.get(statement=statement, topic=ceasefire)
        assert link.origin == StatementTopic.Origin.ANALYST
        assert not statement.removed_topics.exists()
        assert history(statement) == [(CHANGE, "Added topic “Ceasefire” (bulk action).")]


def test_add_topic_upgrades_a_rule_topic_to_the_analysts(admin_client, lepp_quote, topics):
    run_action(admin_client, "add_topic", [lepp_quote], topic=topics["sanctions"].pk, apply="Add topic")

    link = StatementTopic.objects.get(statement=lepp_quote)
    assert (link.topic, link.origin) == (topics["sanctions"], StatementTopic.Origin.ANALYST)


def test_add_topic_without_a_topic_shows_the_form_again(admin_client, lepp_quote):
    response = run_action(admin_client, "add_topic", [lepp_quote], topic="", apply="Add topic")

    assert response.status_code == 200
    assert response.context["form"].errors == {"topic": ["This field is required."]}


def test_remove_topic_takes_it_off_and_keeps_it_off(admin_client, lepp_quote, topics):
    sanctions = topics["sanctions"]

    response = run_action(admin_client, "remove_topic", [lepp_quote], topic=sanctions.pk, apply="Remove topic")

    assert response.status_code == 302
    assert not lepp_quote.topics.exists()
    assert list(lepp_quote.removed_topics.all()) == [sanctions]
    assert history(lepp_quote) == [(CHANGE, "Removed topic “Sanctions” (bulk action).")]


@pytest.mark.parametrize(("action", "status"), [("mark_verified", "verified"), ("mark_rejected", "rejected")])
def test_marking_records_the_status_and_the_reviewer(admin_client, admin_user, lepp_quote, action, status):
    response = run_action(admin_client, action, [lepp_quote])

    assert response.status_code == 302
    lepp_quote.refresh_from_db()
    assert lepp_quote.status == status
    assert lepp_quote.reviewed_by == admin_user
    assert lepp_quote.reviewed_at is not None
    assert history(lepp_quote) == [(CHANGE, f"Marked {status} (bulk action).")]


def test_marking_every_filtered_row_logs_every_row(admin_client, lepp_quote, korhonen_quote):
    # The rows leave the "not reviewed" filter as they are marked; each still gets its history entry.
    data = {"action": "mark_verified", "_selected_action": [lepp_quote.pk], "select_across": "1"}

    admin_client.post(f"{CHANGELIST}?status__exact=new", data)

    assert set(Statement.objects.values_list("status", flat=True)) == {"verified"}
    assert len(history(lepp_quote)) == len(history(korhonen_quote)) == 1


def test_reassign_speaker_corrects_the_speaker(admin_client, lepp_quote, korhonen_quote):
    rutte = Actor.objects.resolve("Mark Rutte")
    response = run_action(admin_client, "reassign_speaker", [lepp_quote])
    assert 'name="speaker"' in response.content.decode()

    response = run_action(admin_client, "reassign_speaker", [lepp_quote], speaker=rutte.pk, apply="Reassign speaker")

    assert response.status_code == 302
    lepp_quote.refresh_from_db()
    assert (lepp_quote.speaker, lepp_quote.speaker_corrected) == (rutte, True)
    assert history(lepp_quote) == [(CHANGE, "Changed speaker to “Mark Rutte” (bulk action).")]
    korhonen_quote.refresh_from_db()
    assert not korhonen_quote.speaker_corrected


def test_reassign_speaker_to_nobody(admin_client, lepp_quote):
    run_action(admin_client, "reassign_speaker", [lepp_quote], speaker="", apply="Reassign speaker")

    lepp_quote.refresh_from_db()
    assert (lepp_quote.speaker, lepp_quote.speaker_corrected) == (None, True)


def test_a_staff_user_who_may_only_view_gets_no_actions(client, django_user_model, lepp_quote):
    from django.contrib.auth.models import Permission

    viewer = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_statement"))
    client.force_login(viewer)

    response = client.get(CHANGELIST)

    assert response.status_code == 200
    assert 'name="action"' not in response.content.decode()
    assert run_action(client, "mark_verified", [lepp_quote]).status_code in (200, 403)
    lepp_quote.refresh_from_db()
    assert lepp_quote.status == "new"


# --- The change forms ---


def change_form_data(statement, **fields):
    links = list(statement.topic_links.all())
    data = {
        "speaker": statement.speaker_id or "",
        "status": statement.status,
        "note": statement.note,
        "topic_links-TOTAL_FORMS": str(len(links)),
        "topic_links-INITIAL_FORMS": str(len(links)),
        "topic_links-MIN_NUM_FORMS": "0",
        "topic_links-MAX_NUM_FORMS": "1000",
    }
    for i, link in enumerate(links):
        data |= {f"topic_links-{i}-id": link.pk, f"topic_links-{i}-statement": statement.pk}
        data[f"topic_links-{i}-topic"] = link.topic_id
    return data | fields


def change_url(statement):
    return reverse("admin:articles_statement_change", args=[statement.pk])


def test_the_change_form_shows_the_statement_and_its_topics(admin_client, lepp_quote):
    response = admin_client.get(change_url(lepp_quote))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Sanctions must stay in place" in html
    assert "Topic rules" in html
    # Text and kind come from the page; they are shown, not editable.
    assert 'name="text"' not in html
    assert 'name="kind"' not in html


def test_changing_the_speaker_in_the_form_marks_it_corrected(admin_client, lepp_quote):
    rutte = Actor.objects.resolve("Mark Rutte")

    response = admin_client.post(change_url(lepp_quote), change_form_data(lepp_quote, speaker=rutte.pk))

    assert response.status_code == 302
    lepp_quote.refresh_from_db()
    assert (lepp_quote.speaker, lepp_quote.speaker_corrected) == (rutte, True)
    assert lepp_quote.reviewed_by is None
    assert LogEntry.objects.get().get_change_message() == "Changed Speaker."


def test_saving_the_form_unchanged_corrects_nothing(admin_client, lepp_quote):
    admin_client.post(change_url(lepp_quote), change_form_data(lepp_quote))

    lepp_quote.refresh_from_db()
    assert not lepp_quote.speaker_corrected
    assert lepp_quote.reviewed_by is None


def test_changing_the_status_in_the_form_records_the_reviewer(admin_client, admin_user, lepp_quote):
    admin_client.post(change_url(lepp_quote), change_form_data(lepp_quote, status="rejected", note="Misquoted."))

    lepp_quote.refresh_from_db()
    assert (lepp_quote.status, lepp_quote.note, lepp_quote.reviewed_by) == ("rejected", "Misquoted.", admin_user)
    assert not lepp_quote.speaker_corrected


def test_adding_a_topic_in_the_form_is_the_analysts(admin_client, lepp_quote, topics):
    lepp_quote.remove_topic_by_analyst(topics["summit"])
    data = change_form_data(lepp_quote)
    data |= {
        "topic_links-TOTAL_FORMS": "2",
        "topic_links-1-id": "",
        "topic_links-1-statement": lepp_quote.pk,
        "topic_links-1-topic": topics["summit"].pk,
    }

    response = admin_client.post(change_url(lepp_quote), data)

    assert response.status_code == 302
    links = dict(lepp_quote.topic_links.values_list("topic__slug", "origin"))
    assert links == {"sanctions": "rule", "summit": "analyst"}
    assert not lepp_quote.removed_topics.exists()
    message = f"Added statement topic “Summit on statement {lepp_quote.pk} (analyst)”."
    assert LogEntry.objects.get().get_change_message() == message


def test_deleting_a_topic_in_the_form_keeps_it_off(admin_client, lepp_quote, topics):
    data = change_form_data(lepp_quote, **{"topic_links-0-DELETE": "on"})

    response = admin_client.post(change_url(lepp_quote), data)

    assert response.status_code == 302
    assert not lepp_quote.topic_links.exists()
    assert list(lepp_quote.removed_topics.all()) == [topics["sanctions"]]


def test_changing_a_topic_in_the_form_removes_the_old_and_adds_the_new(admin_client, lepp_quote, topics):
    data = change_form_data(lepp_quote, **{"topic_links-0-topic": topics["summit"].pk})

    admin_client.post(change_url(lepp_quote), data)

    assert dict(lepp_quote.topic_links.values_list("topic__slug", "origin")) == {"summit": "analyst"}
    assert list(lepp_quote.removed_topics.all()) == [topics["sanctions"]]


def test_statements_cannot_be_added_by_hand(admin_client):
    assert admin_client.get(reverse("admin:articles_statement_add")).status_code == 403


# --- The article admin ---


def test_the_article_page_shows_its_statements_inline(admin_client, lepp_quote):
    response = admin_client.get(reverse("admin:articles_article_change", args=[lepp_quote.article_id]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Sanctions must stay in place" in html
    assert 'name="statements-0-speaker"' in html


def test_the_article_list_counts_statements(admin_client, lepp_quote):
    response = admin_client.get(reverse("admin:articles_article_changelist"))

    assert response.status_code == 200
    assert [a.n_statements for a in response.context["cl"].result_list] == [1]


def test_the_article_list_costs_the_same_queries_for_3_and_30_rows(
    admin_client, make_quote, topics, django_assert_num_queries
):
    articles = reverse("admin:articles_article_changelist")
    _fill(make_quote, topics, 0, 3)
    admin_client.get(articles)  # warm the content type cache

    # 1. session, 2. user, 3. outlet filter choices, 4. first and last date for the years to offer
    # 5. count of the filtered rows (no second count of all rows: show_full_result_count is off)
    # 6. the page of articles with outlet, 7. their statement counts (one query for the page, no join)
    with django_assert_num_queries(7):
        response = admin_client.get(articles)
    assert len(response.context["cl"].result_list) == 3

    _fill(make_quote, topics, 3, 30)
    with django_assert_num_queries(7):
        response = admin_client.get(articles, {"all": ""})
    assert len(response.context["cl"].result_list) == 33


def test_correcting_a_speaker_inline_marks_it_corrected(admin_client, admin_user, lepp_quote):
    rutte = Actor.objects.resolve("Mark Rutte")
    data = {
        "statements-TOTAL_FORMS": "1",
        "statements-INITIAL_FORMS": "1",
        "statements-MIN_NUM_FORMS": "0",
        "statements-MAX_NUM_FORMS": "1000",
        "statements-0-id": lepp_quote.pk,
        "statements-0-article": lepp_quote.article_id,
        "statements-0-speaker": rutte.pk,
        "statements-0-status": "verified",
    }

    response = admin_client.post(reverse("admin:articles_article_change", args=[lepp_quote.article_id]), data)

    assert response.status_code == 302
    lepp_quote.refresh_from_db()
    assert (lepp_quote.speaker, lepp_quote.speaker_corrected) == (rutte, True)
    assert (lepp_quote.status, lepp_quote.reviewed_by) == ("verified", admin_user)
