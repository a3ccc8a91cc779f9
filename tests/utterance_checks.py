"""What must hold of every utterance after any write: the tests of speaker changes and unattributed remarks check it."""

from articles.models import Utterance


def assert_utterances_consistent():
    """Each utterance has statements, all of its speaker, and its stored reach and first report are theirs."""
    for utterance in Utterance.objects.prefetch_related("statements__article"):
        statements = list(utterance.statements.all())
        assert statements, f"utterance {utterance.pk} is left empty"
        assert {s.speaker_id for s in statements} == {utterance.speaker_id}, f"utterance {utterance.pk}"
        assert utterance.reach == len({s.article.source_id or 0 for s in statements}), f"utterance {utterance.pk}"
        assert utterance.first_statement_id in {s.pk for s in statements}, f"utterance {utterance.pk}"
