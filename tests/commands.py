"""Running management commands as an analyst would, with their output and exit status."""

from io import StringIO

from django.core.management import CommandError, call_command


def run_command(name, *args):
    """(exit status, stdout, stderr) of `manage.py name args`; a CommandError's message ends stderr."""
    out, err = StringIO(), StringIO()
    try:
        call_command(name, *map(str, args), stdout=out, stderr=err)
        code = 0
    except CommandError as exc:
        code = exc.returncode
        err.write(f"CommandError: {exc}\n")
    return code, out.getvalue(), err.getvalue()


def run_ingest(*args, workers=None):
    """`manage.py ingest args`, as run_command; `workers` adds --workers (0: one page after another)."""
    return run_command("ingest", *args, *(() if workers is None else ("--workers", workers)))
