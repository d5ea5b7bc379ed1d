"""WSGI entry point: `gunicorn archive.wsgi`."""

import io
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")

application = get_wsgi_application()

# As runserver does, refuse to serve what the system checks call an error: with DEBUG off,
# the demo account (corpus/editing/demo.py). Raises SystemCheckError, naming each.
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402

from archive.deployment import embedded_db  # noqa: E402

call_command("check", fail_level="ERROR", stdout=io.StringIO())
# The check queried the database. With preload_app, gunicorn forks its workers from this
# process: a connection left open here would be one socket shared by every worker, and
# their answers would cross (rows of one query read as another's).
connections.close_all()

# On the embedded database, this process (gunicorn's master, or runserver's) restarts the
# server whenever it dies; with DATABASE_URL, the server is someone else's to keep.
embedded_db.supervise()
