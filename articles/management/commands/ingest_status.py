from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.utils import timezone

from articles.models import Article, FailedPage, QueuedPage
from articles.upload_records import WAITING, UploadFile

UNREACHABLE = 3


class Command(BaseCommand):
    help = "Show how queued ingest is going: pages sent, stored, failed and still in flight."

    def add_arguments(self, parser):
        parser.add_argument("--requeue", action="store_true", help="send every failed page to the workers again")
        parser.add_argument("--limit", type=int, default=20, help="failed pages to list (default 20)")

    def handle(self, *args, requeue, limit, **options):
        from articles import tasks  # Celery is needed only here

        sent = QueuedPage.objects.count()
        outcomes = dict(
            QueuedPage.objects.finished()
            .order_by()
            .values_list("outcome")
            .annotate(n=Count("pk"))
            .values_list("outcome", "n")
        )
        in_flight = QueuedPage.objects.in_flight().count()
        waiting = queue_length()
        self.stdout.write(f"Sent to the queue: {sent}")
        finished = ", ".join(f"{outcomes.get(o, 0)} {o}" for o in ("stored", "updated", "unchanged", "failed"))
        self.stdout.write(f"Finished: {finished}")
        broker = f"{waiting} waiting in the broker" if waiting is not None else "broker unreachable"
        self.stdout.write(f"In flight: {in_flight} ({broker}; the rest are with workers or waiting to be retried)")
        # Pages added from the browser travel through the same queue, recorded on their upload.
        uploaded = UploadFile.objects.filter(outcome=WAITING).aggregate(
            pages=Count("pk"), uploads=Count("upload", distinct=True)
        )
        pages, uploads = uploaded["pages"], uploaded["uploads"]
        self.stdout.write(f"Uploaded from /add/, with workers: {pages} pages of {uploads} uploads")
        hour_ago = timezone.now() - timezone.timedelta(hours=1)
        total = Article.objects.count()
        recent = Article.objects.filter(updated__gte=hour_ago).count()
        self.stdout.write(f"Articles: {total} ({recent} stored or updated in the last hour)")
        failed = FailedPage.objects.all()
        count = failed.count()
        self.stdout.write(f"Failed pages: {count}")
        for page in failed.defer("data")[:limit]:
            when = timezone.localtime(page.failed).strftime("%Y-%m-%d %H:%M")
            self.stdout.write(f"  {when}  {page.name}  ({page.attempts} tries): {page.error}")
        if count > limit:
            self.stdout.write(f"  ... and {count - limit} more")
        if requeue:
            self.requeue(tasks, failed)

    def requeue(self, tasks, failed):
        """Send every failed page again; its record stays until a worker stores the page (it then deletes it)."""
        from kombu.exceptions import OperationalError as BrokerError

        sent = 0
        try:
            for page in failed.iterator(chunk_size=100):
                QueuedPage.objects.mark_sent([(page.origin, page.name)])
                try:
                    tasks.send_page(bytes(page.data), origin=page.origin, name=page.name)
                except BrokerError:
                    QueuedPage.objects.filter(origin=page.origin).delete()
                    raise
                sent += 1
        except BrokerError as exc:
            self.stdout.write(f"Re-queued {sent} failed pages")
            raise CommandError(f"stopped: the broker is unreachable ({exc})", returncode=UNREACHABLE) from exc
        self.stdout.write(f"Re-queued {sent} failed pages")


def queue_length():
    """Pages waiting in the default Celery queue, or None when the broker does not answer."""
    from kombu.exceptions import OperationalError

    from newsdesk.celery import app

    conn = app.connection_for_read()
    try:
        conn.ensure_connection(max_retries=1)
        channel = conn.default_channel
        try:
            return channel.queue_declare(queue=app.conf.task_default_queue, passive=True).message_count
        except conn.channel_errors:
            return 0  # Redis drops an empty list: no queue yet is an empty queue
    except (OperationalError, *conn.connection_errors):
        return None
    finally:
        conn.release()
