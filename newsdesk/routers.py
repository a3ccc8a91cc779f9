"""Read replicas: the analyst pages read coverage from DATABASE_REPLICA_URL when it is set.

Only reads made while serving a GET or HEAD request go to the replica, and only
of coverage models (articles, actors): logins, sessions, lockouts and every
write stay on the primary, so nobody is logged out by replication lag, and
ingest, the admin's saves and the queue workers never read stale rows.
"""

from contextvars import ContextVar

REPLICA = "replica"
COVERAGE_APPS = {"articles", "actors"}

_reading = ContextVar("newsdesk_replica_reads", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reading.get() and model._meta.app_label in COVERAGE_APPS:
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the primary's rows: objects from either may be related.
        return True

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


class ReplicaReadsMiddleware:
    """Marks GET and HEAD requests outside the admin as read-only, for ReplicaRouter."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        read_only = request.method in ("GET", "HEAD") and not request.path.startswith("/admin/")
        token = _reading.set(read_only)
        try:
            return self.get_response(request)
        finally:
            _reading.reset(token)
