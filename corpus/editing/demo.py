"""The demo editor that `make run` creates (user "editor", password "editor"), and the
system check that keeps it out of production: with DEBUG off, the archive refuses to
start while it exists (`manage.py remove_demo_editor` deletes it)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import checks
from django.db import DatabaseError

USERNAME = "editor"
PASSWORD = "editor"
FIRST_NAME, LAST_NAME = "Demo", "Editor"


def demo_account():
    """The demo account, if it is there: by its name, or by its well-known password."""
    user = get_user_model().objects.filter(username=USERNAME).first()
    if user is None:
        return None
    made_by_make_run = (user.first_name, user.last_name) == (FIRST_NAME, LAST_NAME)
    return user if made_by_make_run or user.check_password(PASSWORD) else None


def refuse_demo_account_in_production(app_configs=None, **kwargs):
    if settings.DEBUG:
        return []
    try:
        present = demo_account() is not None
    except DatabaseError:
        return []  # no users table yet (before migrate): there is no account either
    if not present:
        return []
    return [
        checks.Error(
            f"The demo account “{USERNAME}” (password “{PASSWORD}”) exists and DEBUG is off.",
            hint="Remove it with `python manage.py remove_demo_editor` before serving.",
            id="corpus.E001",
        )
    ]
