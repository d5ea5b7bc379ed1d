from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from corpus.editing.interchange.importing import import_annotations
from corpus.editing.interchange.readers import ImportFailed
from corpus.models import Article


class Command(BaseCommand):
    help = (
        "Import annotations from a W3C Web Annotation JSON-LD file or a Hypothesis export, "
        "as drafts. All or nothing: a bad file writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, metavar="FILE")
        parser.add_argument(
            "--article", metavar="SLUG", help="import onto this article, whatever page they target"
        )
        parser.add_argument("--user", metavar="USERNAME", help="record the import as this editor's")

    def handle(self, *args, file, article, user, **options):
        chosen = editor = None
        if article and not (chosen := Article.objects.filter(slug=article).first()):
            raise CommandError(f"not imported: no article has the slug “{article}”")
        if user and not (editor := get_user_model().objects.filter(username=user).first()):
            raise CommandError(f"not imported: no user is called “{user}”")
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"not imported: {file}: {error.strerror}") from None
        try:
            report = import_annotations(data, user=editor, article=chosen)
        except ImportFailed as error:
            raise CommandError(f"not imported: {file}: {error}") from None
        self.stdout.write(self.style.SUCCESS(report.summary()))
