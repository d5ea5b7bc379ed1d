"""Build a synthetic corpus at scale, for benchmarks: `synthesize --articles 100000 --seed 1`.

The corpus is the benchmark's (bench/synthetic/): this command only decides
whether to build, replace or keep one, and reports.
"""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from bench.synthetic import loading
from corpus.models import SeedState

# Bump when the generator changes, so --reuse rebuilds an outdated corpus.
GENERATOR_VERSION = 1
MARKER = {"kind": "synthetic", "key": "corpus"}


class Command(BaseCommand):
    help = (
        "Fill the database with a synthetic corpus built from the seeds' vocabulary (benchmarks)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True, help="how many articles")
        parser.add_argument(
            "--seed", type=int, default=1, help="random seed (same seed, same corpus)"
        )
        parser.add_argument(
            "--annotations-per-article", type=int, default=10, help="mean annotations per article"
        )
        parser.add_argument(
            "--reuse",
            action="store_true",
            help="do nothing when the database already holds this very corpus",
        )
        parser.add_argument(
            "--replace", action="store_true", help="delete an earlier synthetic corpus first"
        )

    def handle(self, *args, articles, seed, annotations_per_article, reuse, replace, **options):
        if articles < 1:
            raise CommandError("--articles must be at least 1")
        if not 1 <= annotations_per_article <= 100:
            raise CommandError("--annotations-per-article must be between 1 and 100")
        fingerprint = (
            f"v{GENERATOR_VERSION} articles={articles} seed={seed} ann={annotations_per_article}"
        )
        marker = SeedState.objects.filter(**MARKER).first()
        if marker and marker.fingerprint == fingerprint and reuse:
            self.stdout.write(f"The database already holds this synthetic corpus ({fingerprint}).")
            return
        if marker and not replace and not reuse:
            raise CommandError(
                f"The database already holds a synthetic corpus ({marker.fingerprint}). "
                "Use --replace to rebuild it, or another database (ARCHIVE_DB_NAME)."
            )
        call_command("load_seeds", stdout=self.stdout)
        started = time.monotonic()
        with transaction.atomic():
            with connection.cursor() as cursor:
                # Foreign keys are checked as rows arrive, not queued for commit (millions of
                # events); facet rows are built once at the end, not after every COPY.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SELECT corpus_defer_facets()")
            if marker:
                self.stdout.write(f"Deleting the earlier synthetic corpus ({marker.fingerprint})")
                loading.delete_synthetic()
            try:
                loading.load(articles, seed, annotations_per_article, started, self.stdout.write)
            except loading.SynthesisError as error:
                raise CommandError(str(error)) from None
            SeedState.objects.update_or_create(**MARKER, defaults={"fingerprint": fingerprint})
        if connection.in_atomic_block:  # called inside a transaction (tests): no VACUUM there
            return
        self.stdout.write("Vacuuming and analysing the tables (planner statistics)")
        loading.analyse()
        self.stdout.write(
            self.style.SUCCESS(
                f"Synthesized {articles:,} articles in {time.monotonic() - started:.0f} s"
            )
        )
