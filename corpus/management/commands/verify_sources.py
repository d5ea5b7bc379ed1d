from django.core.management.base import BaseCommand, CommandError
from django.db import connection

# Every kept source whose text no longer has the SHA-256 recorded when it came in.
MISMATCHES = """
SELECT 'article', id, source_file FROM corpus_article
WHERE encode(sha256(convert_to(raw_source, 'UTF8')), 'hex') <> raw_sha256
UNION ALL
SELECT 'import file', id, filename FROM corpus_importfile
WHERE encode(sha256(convert_to(raw_source, 'UTF8')), 'hex') <> raw_sha256
ORDER BY 1, 2
"""


class Command(BaseCommand):
    help = (
        "Re-check every raw source file the archive keeps (articles and uploads waiting "
        "for review) against the SHA-256 recorded when it came in; list each mismatch "
        "and exit non-zero if there is any."
    )

    def handle(self, *args, **options):
        with connection.cursor() as cursor:
            cursor.execute(MISMATCHES)
            mismatches = cursor.fetchall()
            cursor.execute(
                "SELECT (SELECT count(*) FROM corpus_article), "
                "(SELECT count(*) FROM corpus_importfile)"
            )
            articles, uploads = cursor.fetchone()
        for kind, pk, name in mismatches:
            self.stderr.write(f"MISMATCH {kind} {pk} ({name}): its text is not what came in")
        if mismatches:
            raise CommandError(f"{len(mismatches)} of {articles + uploads} sources do not match")
        self.stdout.write(
            self.style.SUCCESS(f"All {articles} articles and {uploads} uploads match their SHA-256")
        )
