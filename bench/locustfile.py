"""The simulated analysts of `python -m bench.loadtest`: log in through the form, then browse.

Run by bench/loadtest.py, which passes in the environment LOADTEST_TARGETS
(JSON: the login, and slugs, ids and words drawn from the database),
LOADTEST_RESULTS (where every request's time and status are written when the
run ends) and LOADTEST_DURATION. Each simulated analyst logs in once through
the real login form (CSRF token, django-axes in the way) and keeps its
session. Browsing starts once all have logged in, and the run ends
LOADTEST_DURATION seconds later, so the password hashing of the logins is
not part of the measured window.

Any answer but the page itself counts as a failure: a redirect (to the login
page, say) is not followed, so an expired session cannot pass for a 200.
"""

import json
import os
import random
import re
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlencode

import gevent
from gevent.event import Event
from locust import FastHttpUser, constant, events, task
from locust.exception import StopUser

TARGETS = json.loads(Path(os.environ["LOADTEST_TARGETS"]).read_text())
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
DURATION = float(os.environ["LOADTEST_DURATION"])

times = defaultdict(list)
statuses = defaultdict(Counter)
errors = Counter()
clock = {}
logins = Counter()
everyone_in = Event()


def logged_in(environment, ok):
    """Count a login; when the last analyst is in, start the clock and the measured window."""
    logins["ok" if ok else "failed"] += 1
    if logins.total() == environment.parsed_options.num_users:
        clock["start"] = time.time()
        everyone_in.set()
        gevent.spawn_later(DURATION, environment.runner.quit)


@events.test_stop.add_listener
def _stopped(**kwargs):
    clock["stop"] = time.time()


@events.request.add_listener
def _record(name, response_time, response, exception, **kwargs):
    times[name].append(response_time)
    status = getattr(response, "status_code", None) or 0
    statuses[name][str(status)] += 1
    if exception:
        errors[f"{name}: {status} {str(exception)[:200]}"] += 1


@events.quitting.add_listener
def _write(**kwargs):
    with open(os.environ["LOADTEST_RESULTS"], "w") as fh:
        json.dump({"clock": clock, "times": times, "statuses": statuses, "errors": errors}, fh)


def between_dates():
    """A published_after/published_before window of one to three months inside the corpus."""
    days = TARGETS["days"]
    start = random.randrange(max(1, len(days) - 31))
    end = min(len(days) - 1, start + random.choice((30, 61, 91)))
    return {"published_after": days[start], "published_before": days[end]}


class Analyst(FastHttpUser):
    # No think time: each simulated analyst asks for the next page as soon as
    # the last one arrived, so --users is the number of requests in flight.
    wait_time = constant(float(os.environ.get("LOADTEST_WAIT", "0")))

    def on_start(self):
        ok = False
        try:
            ok = self.log_in()
        finally:
            logged_in(self.environment, ok)
        if not ok:
            raise StopUser()
        everyone_in.wait()

    def log_in(self):
        with self.client.get("/accounts/login/", name="login form", catch_response=True) as form:
            token = CSRF_INPUT.search(form.text or "")
            if not token:
                form.failure(f"{form.status_code}, no CSRF token in the login form")
                return False
        with self.client.post(
            "/accounts/login/",
            name="login POST",
            data={"username": TARGETS["username"], "password": TARGETS["password"], "csrfmiddlewaretoken": token[1]},
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302 or response.headers.get("Location") != "/":
                response.failure(f"login answered {response.status_code}, not a redirect to /")
                return False
        return True

    def page(self, name, path, **params):
        url = f"{path}?{urlencode(params, doseq=True)}" if params else path
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} {response.headers.get('Location') or ''}".strip())
            elif not response.content:
                response.failure("empty body")
            elif b'class="field-errors"' in response.content:
                # A filter the page could not use (an unknown slug, say) shows a form error and no rows.
                response.failure("filter form error")

    @task(5)
    def desk(self):
        self.page("desk /", "/")

    @task(12)
    def articles(self):
        # Most analysts stay on the first pages; some page deep.
        page = 1 if random.random() < 0.4 else random.randint(2, 50)
        self.page("articles list (pages 1-50)", "/articles/", page=page)

    @task(4)
    def articles_by_outlet(self):
        self.page("articles by outlet", "/articles/", source=random.choice(TARGETS["sources"]))

    @task(4)
    def articles_by_topic(self):
        self.page("articles by topic", "/articles/", topic=random.choice(TARGETS["topics"]))

    @task(5)
    def articles_by_actor(self):
        self.page("articles by actor", "/articles/", actor=random.choice(TARGETS["actors"]))

    @task(3)
    def articles_by_dates(self):
        self.page("articles by date range", "/articles/", **between_dates())

    @task(4)
    def articles_combined(self):
        params = {"actor": random.choice(TARGETS["actors"]), "topic": random.choice(TARGETS["topics"])}
        if random.random() < 0.5:
            params.update(between_dates())
        else:
            params["source"] = random.choice(TARGETS["sources"])
        self.page("articles actor+topic+dates/outlet", "/articles/", **params)

    @task(8)
    def articles_search(self):
        self.page("articles search ?q=", "/articles/", q=random.choice(TARGETS["words"]))

    @task(3)
    def statements(self):
        self.page("statements list", "/statements/", page=random.randint(1, 5))

    @task(4)
    def statements_by_speaker(self):
        self.page("statements by speaker", "/statements/", speaker=random.choice(TARGETS["speakers"]))

    @task(3)
    def statements_by_speaker_topic(self):
        speaker, topic = random.choice(TARGETS["speakers"]), random.choice(TARGETS["topics"])
        self.page("statements by speaker+topic", "/statements/", speaker=speaker, topic=topic)

    @task(2)
    def statements_search(self):
        self.page("statements search ?q=", "/statements/", q=random.choice(TARGETS["words"]))

    @task(3)
    def actors(self):
        self.page("actors list", "/actors/")

    @task(6)
    def actor_page(self):
        self.page("actor page /actors/<slug>/", f"/actors/{random.choice(TARGETS['actors'])}/")

    @task(20)
    def article_detail(self):
        self.page("article detail /articles/<id>/", f"/articles/{random.choice(TARGETS['article_ids'])}/")

    @task(1)
    def articles_csv(self):
        # One actor's articles: an export streams every matching row, so a
        # bounded filter keeps it the size an analyst would download.
        self.page(
            "articles CSV export (one actor)", "/articles/", format="csv", actor=random.choice(TARGETS["export_actors"])
        )

    @task(1)
    def statements_csv(self):
        speaker = random.choice(TARGETS["export_speakers"])
        self.page("statements CSV export (one speaker)", "/statements/", format="csv", speaker=speaker)

    @task(2)
    def atom_feed(self):
        self.page("articles Atom feed (by topic)", "/articles/", format="atom", topic=random.choice(TARGETS["topics"]))
