import subprocess
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from corpus.management.postgres_tools import connection_environment, tool


class Command(BaseCommand):
    help = (
        "Write the whole database to one file with pg_dump's custom format (`make backup`): "
        "var/backups/archive-<UTC time>.dump unless --output names another. "
        "`manage.py restore FILE` (`make restore FILE=...`) reads it back."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="where to write the backup")

    def handle(self, *args, output=None, **options):
        if output is None:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            output = Path(settings.BASE_DIR) / "var" / "backups" / f"archive-{stamp}.dump"
        output.parent.mkdir(parents=True, exist_ok=True)
        partial = output.with_name(output.name + ".partial")
        done = subprocess.run(
            [tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(partial)],
            env=connection_environment(),
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            partial.unlink(missing_ok=True)
            raise CommandError(f"pg_dump failed: {done.stderr.strip().splitlines()[-1:]}")
        # Renamed only once complete: a file named *.dump is always a whole backup.
        partial.rename(output)
        self.stdout.write(self.style.SUCCESS(f"Backed up to {output}"))
