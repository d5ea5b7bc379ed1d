from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from corpus.ingest.seeds import CurationError, SeedLoader


class Command(BaseCommand):
    help = "Load the seed articles and apply their curation. Safe to re-run: editors' changes are kept."

    def add_arguments(self, parser):
        parser.add_argument("--seeds", default=str(settings.SEEDS_DIR), help="the seeds folder")

    def handle(self, *args, seeds, **options):
        loader = SeedLoader(seeds, log=lambda line: self.stdout.write(f"  {line}"))
        self.stdout.write(f"Loading seeds from {seeds}")
        try:
            counts = loader.run()
        except CurationError as error:
            raise CommandError(str(error)) from None
        for line in loader.kept:
            self.stdout.write(self.style.WARNING(f"  {line}"))
        summary = ", ".join(f"{n} {what}" for what, n in sorted(counts.items()) if n)
        self.stdout.write(self.style.SUCCESS(f"Seeds loaded: {summary or 'nothing to do'}"))
