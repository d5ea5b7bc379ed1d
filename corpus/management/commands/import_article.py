from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from corpus.ingest.importing import import_files
from corpus.ingest.parsing import ParseError
from corpus.models import Status


class Command(BaseCommand):
    help = (
        "Import raw article files as drafts (--review submits them for review, --publish "
        "publishes them). All or nothing: one bad file and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument(
            "--base-url", default="http://127.0.0.1:8000", help="prefix for the printed URLs"
        )
        status = parser.add_mutually_exclusive_group()
        status.add_argument("--review", action="store_true", help="submit the articles for review")
        status.add_argument(
            "--publish",
            action="store_true",
            help="publish the articles at once, skipping review (off by default)",
        )

    def handle(self, *args, files, base_url, review, publish, **options):
        status = Status.PUBLISHED if publish else Status.REVIEW if review else Status.DRAFT
        try:
            results = import_files(files, status)
        except ParseError as error:
            raise CommandError(f"not imported: {error}") from None
        except Exception as error:  # noqa: BLE001  (any failure is one line, never a traceback)
            raise CommandError(
                f"not imported: {type(error).__name__}: {error}".splitlines()[0]
            ) from None
        for result in results:
            article = result.article
            public = article.status == Status.PUBLISHED
            path = (
                article.get_absolute_url()
                if public
                else reverse("admin:corpus_article_change", args=[article.pk])
            )
            url = base_url.rstrip("/") + path
            if not result.created:
                self.stdout.write(f"Already in the archive (the same text): {url}")
                continue
            state = "published" if public else article.get_status_display().lower()
            self.stdout.write(
                self.style.SUCCESS(f"Imported {article.display_title} ({state}): {url}")
            )
            linked = ", ".join(result.linked) or "no known actors or organizations"
            self.stdout.write(f"  linked: {linked}")
            if result.stand_ins:
                # Each occurrence is proposed, as a stand-in for each body it may name.
                self.stdout.write(
                    "  left unlinked for an editor, a place or a government: "
                    + "; ".join(result.stand_ins)
                )
            if result.proposed:
                self.stdout.write(f"  proposed to an editor: {result.proposed} uncertain links")
            if result.unknown:
                self.stdout.write(
                    f"  unknown names for the editors' queue: {', '.join(result.unknown)}"
                )
