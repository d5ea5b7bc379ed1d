"""Loading a synthetic corpus into the database: COPY in batches inside one
transaction, with the per-row span triggers and facet refreshes switched off for
the load and replaced by one set-based check of every new span and one build of
the facet rows; the full-text GIN indexes are built after the load."""

import time

from django.db import connection
from django.db.models import Q
from django.utils import timezone
from taggit.models import Tag

from bench.synthetic.drawing import split_sentences
from bench.synthetic.generator import Synthesizer
from bench.synthetic.rows import COLUMNS, SOURCE_PREFIX, SYNTHETIC_NOTE, Entity, Plan
from corpus.models import Actor, Article, Organization


class SynthesisError(Exception):
    """The corpus cannot be made as asked; nothing was saved."""


BATCH = 2000
# The span checks (statement triggers since migration 0024), off for the load: BAD_SPANS instead.
SPAN_TRIGGERS = {
    "corpus_mention": "mention_spans_inside_body_inserted",
    "corpus_annotation": "annotation_spans_inside_body_inserted",
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


def load(articles: int, seed: int, annotations_per_article: int, started: float, log) -> None:
    """Write a synthetic corpus of `articles` with COPY, in the caller's transaction,
    then check its spans, build its facet rows and its full-text indexes."""
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
    synthesizer = Synthesizer(
        make_plan(articles, seed, annotations_per_article, first_ids), timezone.now()
    )
    scale = max(1, articles // 100)
    synthesizer.make_cast(
        people=min(40 * scale, 8000),
        organizations=min(25 * scale, 5000),
        outlets=min(2 * scale, 300),
        authors=min(6 * scale, 1000),
        tags=min(3 * scale, 400),
    )
    synthesizer.make_sentences(generated=min(60 * scale, 20000))
    copy_rows(synthesizer.out.drain())
    log(
        f"Cast: {len(synthesizer.people):,} people, {len(synthesizer.authors):,} authors, "
        f"{len(synthesizer.organizations):,} organizations, "
        f"{len(synthesizer.outlets):,} outlets, {len(synthesizer.tag_ids):,} tags"
    )
    for done, rows in synthesizer.articles(BATCH):
        copy_rows(rows)
        counts = synthesizer.out.counts
        log(
            f"  {done:>9,}/{articles:,} articles · {counts['corpus_annotation']:,} annotations"
            f" · {counts['corpus_mention']:,} mentions · {counts['corpus_claim']:,} claims"
            f" · {time.monotonic() - started:.0f} s"
        )
    with connection.cursor() as cursor:
        log("Checking every new span against its body")
        cursor.execute(BAD_SPANS, {"first": first_ids["corpus_article"]})
        if bad := cursor.fetchone()[0]:
            raise SynthesisError(f"{bad} generated spans fall outside their bodies; nothing saved")
        for table, trigger in SPAN_TRIGGERS.items():
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {trigger}")
        log(f"Building the facet rows ({time.monotonic() - started:.0f} s)")
        cursor.execute(
            "SELECT corpus_refresh_article_facets(ARRAY(SELECT id FROM corpus_article WHERE id >= %s))",
            [first_ids["corpus_article"]],
        )
        cursor.execute("SELECT corpus_rebuild_claim_facets()")
        cursor.execute("SELECT corpus_rebuild_passage_tags()")
        cursor.execute("SET LOCAL corpus.defer_facets = 'off'")
        log(f"Building the full-text indexes ({time.monotonic() - started:.0f} s)")
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for index, table in SEARCH_INDEXES:
            cursor.execute(f"CREATE INDEX {index} ON {table} USING gin (search_vector)")
        for table in COLUMNS:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )


def make_plan(articles, seed, annotations_per_article, first_ids) -> Plan:
    """What to make, and what the database already holds (the seeds' entities and tags)."""
    real = Article.objects.exclude(source_file__startswith=SOURCE_PREFIX)
    sentences = [s for body in real.values_list("body", flat=True) for s in split_sentences(body)]
    if not sentences:
        raise SynthesisError("No seed article to draw sentences from: run load_seeds first")
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


def copy_rows(rows: dict) -> None:
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


def analyse() -> None:
    """VACUUM (ANALYZE) every table the load wrote: the planner needs their statistics."""
    with connection.cursor() as cursor:
        for table in [*COLUMNS, *FACET_TABLES]:
            cursor.execute(f"VACUUM (ANALYZE) {table}")
