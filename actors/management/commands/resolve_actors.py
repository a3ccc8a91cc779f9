import contextlib
from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from actors import evidence
from actors.models import Alias, Spelling

# Surname groups decided per transaction: a transaction holds their locks until it commits.
GROUPS_PER_TRANSACTION = 200


class Command(BaseCommand):
    help = (
        "Decide every actor spelling again from the stored evidence (sightings), as ingest decides each page's: "
        "after upgrading a database that predates the evidence, or to check that nothing drifted."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="change nothing; say what deciding again would change, and exit 1 if anything",
        )

    def handle(self, *args, check=False, **options):
        counted = evidence.recounted_tallies()
        stored = evidence.stored_tallies()
        drifted = sum(1 for name in stored.keys() | counted.keys() if stored.get(name) != counted.get(name))
        written = Counter()
        # --check runs everything in one transaction it then rolls back; otherwise each batch commits.
        with transaction.atomic() if check else contextlib.nullcontext():
            if drifted:
                evidence.rewrite_tallies(counted)
            groups = set(Spelling.objects.values_list("surname", flat=True))
            groups |= set(Alias.objects.filter(origin=Alias.Origin.PAGES).values_list("surname", flat=True))
            groups = sorted(groups - {""})
            for i in range(0, len(groups), GROUPS_PER_TRANSACTION):
                written += evidence.settle_groups(groups[i : i + GROUPS_PER_TRANSACTION]).written
            if check:
                transaction.set_rollback(True)
        written = +written
        lines = [f"{n} {what}" for what, n in sorted(written.items())]
        if drifted:
            lines.insert(0, f"{drifted} spelling tallies differed from the sightings")
        summary = ", ".join(lines) or "nothing to change"
        verb = "would change" if check else "changed"
        self.stdout.write(f"{len(groups)} surname groups decided; {verb}: {summary}")
        if check and (drifted or written):
            raise CommandError("the stored record differs from what its evidence decides", returncode=1)
