# The Celery app (newsdesk/celery.py) is not imported here, so commands that queue nothing
# (`extract`, `migrate`, ...) start without Celery, about 0.1 s sooner. The modules that
# define tasks import it, so `shared_task` binds to it wherever a task can be sent, and
# `celery -A newsdesk` finds it as `newsdesk.celery.app`.
