"""Build a synthetic corpus at scale, for benchmarks: `synthesize --articles 100000 --seed 1`.

Rows are written with COPY in batches, inside one transaction. The per-row span
triggers are switched off for the load and replaced by one set-based check of
every new span before commit; the full-text GIN indexes are built after the load.
"""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from corpus.models import Article, Organization, SeedState
from corpus.synthetic import (
    COLUMNS,
    SOURCE_PREFIX,
    SYNTHETIC_NOTE,
    Entity,
    Plan,
    Synthesizer,
    split_sentences,
)

BATCH = 2000
# Bump when the generator changes, so --reuse rebuilds an outdated corpus.
GENERATOR_VERSION = 1
MARKER = {"kind": "synthetic", "key": "corpus"}
SPAN_TRIGGERS = {
    "corpus_mention": "mention_span_inside_body",
    "corpus_annotation": "annotation_span_inside_body",
}
# Full-text indexes, (name, table): dropped before the load and built after it.
SEARCH_INDEXES = [
    ("article_search_gin", "corpus_article"),
    ("facets_search_gin", "corpus_articlefacets"),
]
# Built after the load (the triggers are deferred meanwhile); vacuumed with the rest.
FACET_TABLES = [
    "corpus_articlefacets",
    "corpus_facettotal",
    "corpus_claimfacets",
    "corpus_claimfacettotal",
    "corpus_passagetags",
    "corpus_passagetagtotal",
]
# Every span the load wrote lies inside its body, and an annotation's quote is its text.
BAD_SPANS = """
SELECT count(*) FROM (
    SELECT m.id FROM corpus_mention m JOIN corpus_article a ON a.id = m.article_id
    WHERE a.id >= %(first)s AND m."end" > char_length(a.body)
    UNION ALL
    SELECT n.id FROM corpus_annotation n JOIN corpus_article a ON a.id = n.article_id
    WHERE a.id >= %(first)s
      AND (n."end" > char_length(a.body) OR substr(a.body, n.start + 1, n."end" - n.start) <> n.exact)
) bad
"""


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
                cursor.execute("SET LOCAL corpus.defer_facets = 'on'")
            if marker:
                self.stdout.write(f"Deleting the earlier synthetic corpus ({marker.fingerprint})")
                delete_synthetic()
            self.load(articles, seed, annotations_per_article, started)
            SeedState.objects.update_or_create(**MARKER, defaults={"fingerprint": fingerprint})
        if connection.in_atomic_block:  # called inside a transaction (tests): no VACUUM there
            return
        self.stdout.write("Vacuuming and analysing the tables (planner statistics)")
        with connection.cursor() as cursor:
            for table in [*COLUMNS, *FACET_TABLES]:
                cursor.execute(f"VACUUM (ANALYZE) {table}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Synthesized {articles:,} articles in {time.monotonic() - started:.0f} s"
            )
        )

    def load(self, articles, seed, annotations_per_article, started):
        with connection.cursor() as cursor:
            for table in COLUMNS:
                cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
            first_ids = {}
            for table in COLUMNS:
                cursor.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")
                first_ids[table] = cursor.fetchone()[0]
            for table, trigger in SPAN_TRIGGERS.items():
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}")
            for index, _ in SEARCH_INDEXES:
                cursor.execute(f"DROP INDEX IF EXISTS {index}")
        plan = self.plan(articles, seed, annotations_per_article, first_ids)
        synthesizer = Synthesizer(plan, timezone.now())
        scale = max(1, articles // 100)
        synthesizer.make_cast(
            people=min(40 * scale, 8000),
            organizations=min(25 * scale, 5000),
            outlets=min(2 * scale, 300),
            authors=min(6 * scale, 1000),
            tags=min(3 * scale, 400),
        )
        synthesizer.make_sentences(generated=min(60 * scale, 20000))
        self.copy(synthesizer.out.drain())
        self.stdout.write(
            f"Cast: {len(synthesizer.people):,} people, {len(synthesizer.authors):,} authors, "
            f"{len(synthesizer.organizations):,} organizations, "
            f"{len(synthesizer.outlets):,} outlets, {len(synthesizer.tag_ids):,} tags"
        )
        for done, rows in synthesizer.articles(BATCH):
            self.copy(rows)
            counts = synthesizer.out.counts
            self.stdout.write(
                f"  {done:>9,}/{articles:,} articles · {counts['corpus_annotation']:,} annotations"
                f" · {counts['corpus_mention']:,} mentions · {counts['corpus_claim']:,} claims"
                f" · {time.monotonic() - started:.0f} s"
            )
        with connection.cursor() as cursor:
            self.stdout.write("Checking every new span against its body")
            cursor.execute(BAD_SPANS, {"first": first_ids["corpus_article"]})
            if bad := cursor.fetchone()[0]:
                raise CommandError(
                    f"{bad} generated spans fall outside their bodies; nothing saved"
                )
            for table, trigger in SPAN_TRIGGERS.items():
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {trigger}")
            self.stdout.write(f"Building the facet rows ({time.monotonic() - started:.0f} s)")
            cursor.execute(
                "SELECT corpus_refresh_article_facets(ARRAY(SELECT id FROM corpus_article WHERE id >= %s))",
                [first_ids["corpus_article"]],
            )
            cursor.execute("SELECT corpus_rebuild_claim_facets()")
            cursor.execute("SELECT corpus_rebuild_passage_tags()")
            cursor.execute("SET LOCAL corpus.defer_facets = 'off'")
            self.stdout.write(
                f"Building the full-text indexes ({time.monotonic() - started:.0f} s)"
            )
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            for index, table in SEARCH_INDEXES:
                cursor.execute(f"CREATE INDEX {index} ON {table} USING gin (search_vector)")
            for table in COLUMNS:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT coalesce(max(id), 1) FROM {table}))"
                )

    def plan(self, articles, seed, annotations_per_article, first_ids) -> Plan:
        from django.db.models import Q
        from taggit.models import Tag

        from corpus.models import Actor

        real = Article.objects.exclude(source_file__startswith=SOURCE_PREFIX)
        sentences = [
            s for body in real.values_list("body", flat=True) for s in split_sentences(body)
        ]
        if not sentences:
            raise CommandError("No seed article to draw sentences from: run load_seeds first")
        mentioned = Q(mentions__isnull=False)
        actors = Actor.objects.exclude(description__startswith=SYNTHETIC_NOTE)
        organizations = Organization.objects.exclude(description__startswith=SYNTHETIC_NOTE)
        return Plan(
            articles=articles,
            seed=seed,
            # Seed entities first: they are the most named, as in the real corpus.
            actors=[Entity(a.pk, a.name) for a in actors.filter(mentioned).distinct()],
            organizations=[
                Entity(o.pk, o.name, o.acronym)
                for o in organizations.filter(mentioned).exclude(kind="media").distinct()
            ],
            outlets=[Entity(o.pk, o.name) for o in organizations.filter(kind="media")],
            tags=list(Tag.objects.values_list("pk", "name")),
            sentences=sentences,
            first_ids=first_ids,
            taken_slugs=set(Actor.objects.values_list("slug", flat=True))
            | set(Organization.objects.values_list("slug", flat=True)),
            annotations_per_article=annotations_per_article,
        )

    def copy(self, rows: dict):
        with connection.cursor() as cursor:
            raw = cursor.cursor
            for table, columns in COLUMNS.items():
                if not rows.get(table):
                    continue
                names = ", ".join(f'"{c}"' for c in columns)
                with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in rows[table]:
                        copy.write_row(row)


def delete_synthetic():
    """Delete the synthetic articles, everything hanging on them, and the generated cast."""
    articles = "SELECT id FROM corpus_article WHERE source_file LIKE %(prefix)s"
    annotations = f"SELECT id FROM corpus_annotation WHERE article_id IN ({articles})"
    claims = f"SELECT id FROM corpus_claim WHERE annotation_id IN ({annotations})"
    statements = [
        f"DELETE FROM corpus_taggedclaim WHERE content_object_id IN ({claims})",
        f"DELETE FROM corpus_claim_same_statement_as WHERE from_claim_id IN ({claims}) "
        f"OR to_claim_id IN ({claims})",
        f"DELETE FROM corpus_claim WHERE id IN ({claims})",
        f"DELETE FROM corpus_taggedannotation WHERE content_object_id IN ({annotations})",
        f"DELETE FROM corpus_annotation_actors WHERE annotation_id IN ({annotations})",
        f"DELETE FROM corpus_annotation_organizations WHERE annotation_id IN ({annotations})",
        f"DELETE FROM corpus_annotation WHERE id IN ({annotations})",
        f"DELETE FROM corpus_mention WHERE article_id IN ({articles})",
        f"DELETE FROM corpus_authorship WHERE article_id IN ({articles})",
        f"DELETE FROM corpus_taggedarticle WHERE content_object_id IN ({articles})",
        f"DELETE FROM corpus_comment WHERE article_id IN ({articles})",
        f"DELETE FROM corpus_articlefacets WHERE article_id IN ({articles})",
        "DELETE FROM corpus_article WHERE source_file LIKE %(prefix)s",
        "DELETE FROM corpus_actor WHERE description LIKE %(note)s",
        "DELETE FROM corpus_organization WHERE description LIKE %(note)s",
    ]
    params = {"prefix": f"{SOURCE_PREFIX}%", "note": f"{SYNTHETIC_NOTE}%"}
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement, params)
