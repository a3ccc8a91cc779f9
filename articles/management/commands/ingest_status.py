from django.core.management.base import BaseCommand
from django.utils import timezone

from articles.models import Article, FailedPage


class Command(BaseCommand):
    help = "Show how queued ingest is going: pages waiting, articles stored, pages that failed."

    def add_arguments(self, parser):
        parser.add_argument("--requeue", action="store_true", help="send every failed page to the workers again")
        parser.add_argument("--limit", type=int, default=20, help="failed pages to list (default 20)")

    def handle(self, *args, requeue, limit, **options):
        from articles import tasks  # Celery is needed only here

        waiting = queue_length()
        self.stdout.write(f"Waiting in the queue: {waiting if waiting is not None else 'unknown (broker unreachable)'}")
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
            sent = 0
            for page in failed.iterator(chunk_size=100):
                # The record stays until a worker stores the page (it then deletes it).
                tasks.send_page(bytes(page.data), origin=page.origin, name=page.name)
                sent += 1
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
