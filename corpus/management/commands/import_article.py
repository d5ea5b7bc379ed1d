from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from corpus.ingest.importing import import_files
from corpus.ingest.parsing import ParseError


class Command(BaseCommand):
    help = "Import raw article files. All or nothing: one bad file and nothing is written."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument(
            "--base-url", default="http://127.0.0.1:8000", help="prefix for the printed URLs"
        )

    def handle(self, *args, files, base_url, **options):
        try:
            results = import_files(files)
        except ParseError as error:
            raise CommandError(f"not imported: {error}") from None
        for result in results:
            url = base_url.rstrip("/") + result.article.get_absolute_url()
            if result.created:
                linked = ", ".join(result.linked) or "no known actors or organizations"
                self.stdout.write(
                    self.style.SUCCESS(f"Imported {result.article.display_title}: {url}")
                )
                self.stdout.write(f"  linked: {linked}")
                if result.stand_ins:
                    self.stdout.write(
                        "  left unlinked for an editor, a place or a government: "
                        + "; ".join(result.stand_ins)
                    )
            else:
                self.stdout.write(f"Already in the archive (same file hash): {url}")
