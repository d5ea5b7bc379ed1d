import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from corpus.management.postgres_tools import connection_environment, tool


class Command(BaseCommand):
    help = (
        "Replace the database's contents with a backup from `manage.py backup` (`make restore "
        "FILE=...`), in one transaction: it all comes back, or nothing changes. Stop the web "
        "processes first; --into restores into another, existing database instead."
    )
    # A restore may be what brings back a database the checks cannot read yet.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, metavar="FILE")
        parser.add_argument("--into", metavar="DATABASE", help="another database's name")

    def handle(self, *args, file, into=None, **options):
        if not file.is_file():
            raise CommandError(f"{file}: no such backup file")
        done = subprocess.run(
            [
                tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                connection_environment(name=into)["PGDATABASE"],
                str(file),
            ],
            env=connection_environment(name=into),
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["unknown error"])[-1]
            raise CommandError(f"not restored, nothing changed: {last}")
        self.stdout.write(self.style.SUCCESS(f"Restored {file}"))
