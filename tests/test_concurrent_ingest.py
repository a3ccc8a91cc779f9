"""Two ingests of the same folder at once: no errors, no duplicates (PostgreSQL only).

SQLite serialises writers, so the race this guards against needs a server
database; the guarantee comes from unique constraints, not from timing.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from actors.models import Actor, Alias
from articles.models import Article, Mention, Source, Statement
from tests.pages import article_html

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL)")


def database_url():
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def test_two_ingests_of_one_folder_store_each_page_once(transactional_db, tmp_path):
    for i in range(40):
        sentence = (
            f"Defence Minister Ilse Varga said on day {i} that sanctions must stay until the ceasefire holds, "
            f"and NATO Secretary General Mark Rutte agreed."
        )
        (tmp_path / f"page{i:02}.html").write_bytes(
            article_html(title=f"Talks, day {i}", slug=f"p{i}", sentence=sentence)
        )
    env = {**os.environ, "DATABASE_URL": database_url()}
    command = [sys.executable, "manage.py", "ingest", str(tmp_path)]

    runs = [subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]  # fmt: skip
    outputs = [run.communicate(timeout=300) for run in runs]

    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err
        assert "0 failed" in out
    assert Article.objects.count() == 40
    assert Source.objects.count() == 1
    assert Article.objects.values("origin").distinct().count() == 40
    assert Alias.objects.values("key").distinct().count() == Alias.objects.count()
    assert Actor.objects.values("slug").distinct().count() == Actor.objects.count()
    assert Statement.objects.values("article", "fingerprint").distinct().count() == Statement.objects.count()
    assert Mention.objects.values("article", "actor").distinct().count() == Mention.objects.count()
    stored = sum(int(out.split(" stored")[0]) for out, _ in outputs)
    assert stored == 40
