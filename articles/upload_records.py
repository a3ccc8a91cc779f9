"""What analysts added from the browser (`/add/`): one Upload per form sent, one UploadFile per page in it.

Kept in a module of their own and imported at the end of models.py, so the
app's models stay one registry. Foreign keys name their models as strings:
this module imports nothing of the app.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

# What became of a file: the outcomes of articles.ingest, and "waiting" while
# the queue has it.
WAITING = "waiting"
# A batch run in the request takes well under a minute (settings.UPLOAD_IN_REQUEST_SECONDS).
INTERRUPTED_AFTER = timedelta(minutes=10)


class UploadQuerySet(models.QuerySet):
    def visible_to(self, user):
        """An analyst sees their own uploads; staff see everyone's."""
        return self if user.is_staff else self.filter(user=user)

    def newest_first(self):
        return self.order_by("-created", "-id")


class Upload(models.Model):
    """One form an analyst sent from `/add/`: files, a zip, or a pasted page."""

    class Kind(models.TextChoices):
        FILES = "files", "Files"
        PASTE = "paste", "Pasted text"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="uploads")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.FILES)
    created = models.DateTimeField(default=timezone.now)
    # Set once every file has an outcome; until then the status page refreshes itself.
    finished = models.DateTimeField(null=True, blank=True)
    queued = models.BooleanField(default=False, help_text="The files went to the Celery workers.")
    # Said on the result page: a batch cut at the in-request limit, a broker that did not answer.
    note = models.TextField(blank=True)

    objects = UploadQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]
        permissions = [("add_pages", "Can add pages from the browser (/add/)")]
        indexes = [models.Index(fields=["user", "-created"], name="upload_user_created_idx")]

    def __str__(self):
        return f"Upload {self.pk} by {self.user or 'a deleted user'} on {self.created:%Y-%m-%d %H:%M}"

    @property
    def interrupted(self):
        """Run in a request that never finished it (a worker timeout, a restart): nothing will finish it now."""
        return self.finished is None and not self.queued and timezone.now() - self.created > INTERRUPTED_AFTER

    def finish_if_done(self):
        """Mark the upload finished once no file waits any more (the last worker to finish does it)."""
        Upload.objects.filter(pk=self.pk, finished__isnull=True).exclude(
            Q(files__outcome=WAITING) | Q(files__outcome="")
        ).update(finished=timezone.now())


class UploadFileQuerySet(models.QuerySet):
    def finish(self, pk, outcome, reason="", article_id=None):
        """Record what became of one file (the request, or the worker that stored it)."""
        self.filter(pk=pk).update(outcome=outcome, reason=reason[:2000], article_id=article_id)


class UploadFile(models.Model):
    """One page of an upload (a file, a zip's member or the pasted text) and what became of it."""

    upload = models.ForeignKey(Upload, on_delete=models.CASCADE, related_name="files")
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(max_length=500)
    size = models.PositiveBigIntegerField(default=0)
    # An articles.ingest outcome, WAITING while queued, "" before it is run.
    outcome = models.CharField(max_length=10, blank=True)
    reason = models.TextField(blank=True)
    article = models.ForeignKey("articles.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = UploadFileQuerySet.as_manager()

    class Meta:
        ordering = ["upload", "position", "id"]

    def __str__(self):
        return f"{self.name}: {self.outcome or 'not run'}"
