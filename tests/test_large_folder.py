"""A folder of 10,000 small pages: every page stored once, and a second run changes nothing."""

from io import StringIO

from django.core.management import call_command

from articles.models import Article

PAGES = 10_000


# Committed page by page, as a real run is: inside one test transaction PostgreSQL would hold every page's
# advisory locks (stories, utterances) to the end, 10,000 pages' worth, more than its lock table holds.
def test_a_folder_of_ten_thousand_pages(transactional_db, tmp_path):
    for i in range(PAGES):
        folder = tmp_path / f"batch{i // 500:02}"
        folder.mkdir(exist_ok=True)
        (folder / f"page{i:05}.txt").write_text(
            f"Ministers meet again, round {i}\n\n"
            f"Foreign ministers met in Geneva for round {i} of talks and said the ceasefire must hold "
            "while sanctions stay in place until a settlement is reached.\n"
        )
    out = StringIO()

    call_command("ingest", str(tmp_path), stdout=out)
    call_command("ingest", str(tmp_path), stdout=out)

    first, second = out.getvalue().strip().splitlines()
    assert first == f"{PAGES} stored, 0 updated, 0 unchanged, 0 skipped, 0 failed"
    assert second == f"0 stored, 0 updated, {PAGES} unchanged, 0 skipped, 0 failed"
    assert Article.objects.count() == PAGES
