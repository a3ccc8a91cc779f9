"""The review queue (/review/): the next statement of a slice, its paragraph, and what an analyst does to it."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from articles import review
from articles.models import Statement

URL = reverse("articles:review")

FIRST = "The bridge will reopen to lorries on Monday."
SECOND = "Nobody has asked us about the tolls."
THIRD = "The council has set aside money for the repairs."
ELSEWHERE = "The ferry timetable stays as it is."


@pytest.fixture
def reviewer(django_user_model):
    user = django_user_model.objects.create_user(username="reviewer", is_staff=True)
    for codename in ("view_statement", "change_statement"):
        user.user_permissions.add(Permission.objects.get(content_type__app_label="articles", codename=codename))
    return user


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


@pytest.fixture
def slice_(make_actor, make_article, make_statement, make_topic):
    """Three statements on bridges (newest article first) and one on ferries, outside the slice."""
    bridges, ferries = make_topic("bridges", "Bridges"), make_topic("ferries", "Ferries")
    mayor, union = make_actor("Liisa Tamm"), make_actor("Harbour Workers Union", kind="organisation")
    older = make_article(
        "Tolls debated",
        body=f"Opening words.\n\nThe union spoke. “{SECOND}” it said.\n\nClosing words.",
        published=date(2025, 3, 1),
    )
    newer = make_article(
        "Bridge reopens",
        body=f"“{FIRST}” said the mayor.\n\nShe added: “{THIRD}”",
        published=date(2025, 3, 9),
    )
    ferry = make_article("Ferries", body=f"“{ELSEWHERE}”", published=date(2025, 3, 5))
    return {
        "first": make_statement(newer, FIRST, speaker=mayor, topics=[bridges]),
        "third": make_statement(newer, THIRD, speaker=mayor, topics=[bridges]),
        "second": make_statement(older, SECOND, speaker=union, topics=[bridges]),
        "elsewhere": make_statement(ferry, ELSEWHERE, speaker=mayor, topics=[ferries]),
        "mayor": mayor,
        "union": union,
        "bridges": bridges,
        "ferries": ferries,
    }


def form_data(response, action, **changes):
    """What the page's form posts: its fields as shown (and their hidden initial values), with `changes`."""
    form = response.context["correction"]
    data = {"action": action}
    for name in form.fields:
        value = form.initial.get(name)
        value = [str(v) for v in value] if isinstance(value, list) else value
        data[name] = value
        data[f"initial-{name}"] = value
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def act(client, statement, action, query="topic=bridges", **changes):
    page = client.get(reverse("articles:review-statement", args=[statement.pk]) + f"?{query}")
    return client.post(
        reverse("articles:review-statement", args=[statement.pk]) + f"?{query}",
        form_data(page, action, **changes),
    )


def test_it_shows_the_slices_next_statement_in_its_paragraph(reviewer_client, slice_):
    response = reviewer_client.get(URL, {"topic": "bridges"})

    assert response.status_code == 200
    assert response.context["statement"] == slice_["first"]
    html = response.content.decode()
    assert f"“<mark>{FIRST}</mark>” said the mayor." in html
    assert THIRD not in html.split("<mark>")[0]  # the next paragraph is not shown
    assert "<strong>0 of 3</strong> checked in this slice" in html
    for shown in ("Liisa Tamm", "Direct quote", "Bridges", 'accesskey="v"', "review_keys.js"):
        assert shown in html


def test_verifying_moves_on_to_the_next_statement_and_counts_progress(reviewer_client, reviewer, slice_):
    response = act(reviewer_client, slice_["first"], review.VERIFY)

    assert response.status_code == 302
    assert response["Location"] == f"{URL}?topic=bridges"
    slice_["first"].refresh_from_db()
    assert (slice_["first"].status, slice_["first"].reviewed_by) == (Statement.Status.VERIFIED, reviewer)
    page = reviewer_client.get(response["Location"])
    assert page.context["statement"] == slice_["third"]
    assert (page.context["checked"], page.context["total"]) == (1, 3)


def test_rejecting_and_skipping_work_the_slice_to_its_end(reviewer_client, slice_):
    act(reviewer_client, slice_["first"], review.REJECT)
    act(reviewer_client, slice_["third"], review.SKIP)
    assert reviewer_client.get(URL, {"topic": "bridges"}).context["statement"] == slice_["second"]
    act(reviewer_client, slice_["second"], review.VERIFY)

    done = reviewer_client.get(URL, {"topic": "bridges"})
    assert done.context["statement"] is None
    html = done.content.decode()
    assert "2 of 3 checked" in html
    assert "Check the 1 skipped again" in html
    slice_["third"].refresh_from_db()
    assert slice_["third"].status == Statement.Status.NEW  # skipping writes nothing

    reviewer_client.post(reverse("articles:review-restart") + "?topic=bridges")
    assert reviewer_client.get(URL, {"topic": "bridges"}).context["statement"] == slice_["third"]


def test_a_slice_by_speaker_outlet_and_dates_reuses_the_statement_filters(reviewer_client, slice_):
    by_union = reviewer_client.get(URL, {"speaker": slice_["union"].slug})
    assert by_union.context["statement"] == slice_["second"]
    assert by_union.context["total"] == 1

    in_march = reviewer_client.get(URL, {"published_after": "2025-03-02", "published_before": "2025-03-06"})
    assert in_march.context["statement"] == slice_["elsewhere"]

    bad = reviewer_client.get(URL, {"published_after": "someday"})
    assert bad.status_code == 400
    assert "Enter a date as YYYY-MM-DD." in bad.content.decode()


def test_corrections_are_written_as_the_analysts_with_the_verification(reviewer_client, slice_):
    response = act(
        reviewer_client,
        slice_["first"],
        review.VERIFY,
        speaker="Harbour Workers Union",
        text="The bridge will reopen to lorries on Monday morning.",
        kind=Statement.Kind.INDIRECT,
        topics=[str(slice_["ferries"].pk)],
    )

    assert response.status_code == 302
    statement = Statement.objects.get(pk=slice_["first"].pk)
    assert statement.speaker == slice_["union"]
    assert statement.text == "The bridge will reopen to lorries on Monday morning."
    assert statement.kind == Statement.Kind.INDIRECT
    assert (statement.speaker_corrected, statement.text_corrected, statement.kind_corrected) == (True, True, True)
    assert statement.status == Statement.Status.VERIFIED
    assert [t.slug for t in statement.topics.all()] == ["ferries"]
    assert [t.slug for t in statement.removed_topics.all()] == ["bridges"]
    # The counts follow the speaker.
    slice_["mayor"].refresh_from_db()
    slice_["union"].refresh_from_db()
    assert (slice_["mayor"].statement_count, slice_["union"].statement_count) == (2, 2)


def test_saving_corrections_alone_leaves_the_statement_to_check(reviewer_client, slice_):
    response = act(reviewer_client, slice_["first"], review.SAVE, kind=Statement.Kind.INDIRECT)

    assert response["Location"] == reverse("articles:review-statement", args=[slice_["first"].pk]) + "?topic=bridges"
    statement = Statement.objects.get(pk=slice_["first"].pk)
    assert (statement.kind, statement.kind_corrected, statement.status) == ("indirect", True, "new")
    assert (statement.speaker_corrected, statement.text_corrected) == (False, False)


def test_an_unknown_speaker_is_refused_with_the_reason(reviewer_client, slice_):
    response = act(reviewer_client, slice_["first"], review.VERIFY, speaker="Nobody Known")

    assert response.status_code == 400
    assert "There is no actor “Nobody Known”" in response.content.decode()
    slice_["first"].refresh_from_db()
    assert slice_["first"].status == Statement.Status.NEW


def test_a_field_the_analyst_left_alone_is_not_theirs_when_ingest_rewrote_it_meanwhile(reviewer_client, slice_):
    page = reviewer_client.get(reverse("articles:review-statement", args=[slice_["first"].pk]))
    # A re-ingest rewords the quote while the page is open.
    Statement.objects.filter(pk=slice_["first"].pk).update(text="The bridge reopens to lorries on Monday.")

    reviewer_client.post(reverse("articles:review-statement", args=[slice_["first"].pk]), form_data(page, "verify"))

    statement = Statement.objects.get(pk=slice_["first"].pk)
    assert (statement.text, statement.text_corrected) == ("The bridge reopens to lorries on Monday.", False)
    assert statement.status == Statement.Status.VERIFIED


def test_only_staff_who_may_change_statements_review(client, analyst, analyst_client, slice_):
    assert analyst_client.get(URL).status_code == 403
    response = analyst_client.post(
        reverse("articles:review-statement", args=[slice_["first"].pk]), {"action": "verify"}
    )
    assert response.status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302


def test_an_unknown_action_is_a_bad_request(reviewer_client, slice_):
    response = reviewer_client.post(reverse("articles:review-statement", args=[slice_["first"].pk]), {"action": "x"})
    assert response.status_code == 400


def test_the_review_page_costs_a_fixed_number_of_queries(reviewer_client, slice_, django_assert_num_queries):
    reviewer_client.get(URL, {"topic": "bridges"})  # the session exists
    # 1 session, 2 user, 3-4 the user's and their groups' permissions,
    # 5 the slice's topic by slug, 6 progress (checked and total in one aggregate),
    # 7 the next statement with speaker, article and outlet, 8 its topics,
    # 9 the history, 10-11 the filter form's topics and outlets, 12 the correction form's topics.
    with django_assert_num_queries(12):
        response = reviewer_client.get(URL, {"topic": "bridges"})
    assert response.context["statement"] == slice_["first"]
