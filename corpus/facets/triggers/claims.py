"""The database side of ClaimFacets and ClaimFacetTotal, as the code writes it today
(migrations 0010, 0012, 0013 and the one that serialises writers ran their own frozen
copies: corpus/migrations/sql/).

Statement-level triggers with transition tables refresh the facet rows of the
claims a statement touched, through the claim itself, its tags, its passage
(status, anchor, place), its article (status, date), the mentions in its article
or an editor's links on its passage (who the passage names): one set-based
refresh per INSERT, UPDATE, DELETE or COPY, however many rows. A claim has a row only while
it is public. A trigger on the facet rows keeps the totals, adding what new rows
carry and taking away what old rows carried.

Each refresh first locks the claims' articles in id order (as the article
facets do), so concurrent writers to one article's claims refresh one after the
other. A TRUNCATE of a source table rebuilds every row.

`SELECT corpus_defer_facets()` skips the refreshes for the rest of one
transaction; the bulk load (bench/synthetic/loading.py) then calls
corpus_rebuild_claim_facets() once.
"""

from corpus.facets.triggers.builders import (
    REFERENCING,
    Kept,
    changed,
    deferrable_refresh,
    drop_truncate,
    lock_articles,
    rebuilt_after_truncate,
    statement_triggers,
    totals_function,
)

COLUMNS = [
    "claimant_actor_id",
    "claimant_organization_id",
    "kind",
    "article_id",
    "tag_ids",
    "date_start",
    "start",
    "search_vector",
    "named_actor_ids",
    "named_organization_ids",
]

# The whole of "public": ClaimQuerySet.published() says the same with the ORM.
PUBLIC = (
    "c.status = 'published' AND n.status = 'published' AND n.anchor = 'anchored' "
    "AND a.status = 'published'"
)
ARTICLES_OF_CLAIMS = (
    "SELECT n.article_id FROM corpus_claim c JOIN corpus_annotation n ON n.id = c.annotation_id "
    "WHERE c.id = ANY(ids)"
)
REPORTED = (
    "corpus_claim c JOIN corpus_annotation n ON n.id = c.annotation_id "
    "JOIN corpus_article a ON a.id = n.article_id"
)


def _named(entity: str) -> str:
    """The entity ids the passage `n` names: a placed mention inside it, or an
    editor's link on the annotation (ClaimQuerySet.about reads them)."""
    return f"""ARRAY(
            SELECT m.{entity}_id FROM corpus_mention m
            WHERE m.article_id = n.article_id AND m.anchor = 'anchored'
                AND m.start >= n.start AND m."end" <= n."end" AND m.{entity}_id IS NOT NULL
            UNION
            SELECT l.{entity}_id FROM corpus_annotation_{entity}s l WHERE l.annotation_id = n.id
            ORDER BY 1)"""


def _rows(columns: list[str], where: str) -> str:
    """The facet rows (claim_id, `columns`) of the public claims matching `where`."""
    values = {
        "claimant_actor_id": "c.claimant_actor_id",
        "claimant_organization_id": "c.claimant_organization_id",
        "kind": "c.kind",
        "article_id": "n.article_id",
        "tag_ids": "ARRAY(SELECT DISTINCT t.tag_id FROM corpus_taggedclaim t "
        "WHERE t.content_object_id = c.id ORDER BY 1)",
        "date_start": "a.date_start",
        "start": "n.start",
        "search_vector": "to_tsvector('english'::regconfig, c.text)",
        "named_actor_ids": _named("actor"),
        "named_organization_ids": _named("organization"),
    }
    return f"""SELECT c.id, {", ".join(values[c] for c in columns)}
    FROM {REPORTED}
    WHERE {where} AND {PUBLIC}"""


def _refresh(columns: list[str]) -> str:
    """corpus_refresh_claim_facets() and corpus_rebuild_claim_facets() writing `columns`."""
    new = ", ".join(f"EXCLUDED.{c}" for c in columns)
    old = ", ".join(f"f.{c}" for c in columns)
    return f"""
CREATE OR REPLACE FUNCTION corpus_refresh_claim_facets(ids bigint[]) RETURNS void AS $$
BEGIN
    {lock_articles(ARTICLES_OF_CLAIMS)}
    DELETE FROM corpus_claimfacets f WHERE f.claim_id = ANY(ids)
        AND NOT EXISTS (SELECT 1 FROM {REPORTED} WHERE c.id = f.claim_id AND {PUBLIC});
    INSERT INTO corpus_claimfacets AS f (claim_id, {", ".join(columns)})
    {_rows(columns, "c.id = ANY(ids)")}
    ORDER BY c.id
    ON CONFLICT (claim_id) DO UPDATE SET ({", ".join(columns)}) = ROW({new})
    WHERE ROW({old}) IS DISTINCT FROM ROW({new});
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION corpus_rebuild_claim_facets() RETURNS void AS $$
DECLARE
    indexes text[];
    definition text;
BEGIN
    -- Building each index once, after the rows, is several times faster than
    -- updating it row by row; the primary key stays for the upsert.
    SELECT array_agg(indexdef) INTO indexes FROM pg_indexes
        WHERE schemaname = current_schema() AND tablename = 'corpus_claimfacets'
        AND indexname <> 'corpus_claimfacets_pkey';
    FOR definition IN SELECT format('DROP INDEX %I', indexname) FROM pg_indexes
        WHERE schemaname = current_schema() AND tablename = 'corpus_claimfacets'
        AND indexname <> 'corpus_claimfacets_pkey'
    LOOP
        EXECUTE definition;
    END LOOP;
    TRUNCATE corpus_claimfacets, corpus_claimfacettotal;
    PERFORM corpus_refresh_claim_facets(ARRAY(SELECT id FROM corpus_claim ORDER BY id));
    FOREACH definition IN ARRAY coalesce(indexes, '{{}}') LOOP
        EXECUTE definition;
    END LOOP;
    -- Fresh statistics, so the planner sees the rows at once (a bulk load rebuilds them).
    ANALYZE corpus_claimfacets;
    ANALYZE corpus_claimfacettotal;
END;
$$ LANGUAGE plpgsql;
"""


REFRESH = _refresh(COLUMNS)


def _values(rows: str) -> str:
    """Every (facet, value) a set of facet rows carries, one line each."""
    return " UNION ALL ".join(
        [
            f"SELECT 'actor' AS facet, claimant_actor_id::text AS value FROM {rows} "
            "WHERE claimant_actor_id IS NOT NULL",
            f"SELECT 'organization', claimant_organization_id::text FROM {rows} "
            "WHERE claimant_organization_id IS NOT NULL",
            f"SELECT 'kind', kind FROM {rows}",
            f"SELECT 'tag', unnest(tag_ids)::text FROM {rows}",
            f"SELECT 'article', article_id::text FROM {rows}",
            f"SELECT 'named_actor', unnest(named_actor_ids)::text FROM {rows}",
            f"SELECT 'named_organization', unnest(named_organization_ids)::text FROM {rows}",
        ]
    )


TOTALS = totals_function(
    "corpus_claim_facet_totals", "corpus_claimfacettotal", "facet, value", _values
)


def _claims_of_annotations(annotations: str) -> str:
    return f"SELECT id FROM corpus_claim WHERE annotation_id IN ({annotations})"


def _claims_of_articles(articles: str) -> str:
    return (
        "SELECT c.id FROM corpus_claim c JOIN corpus_annotation n ON n.id = c.annotation_id "
        f"WHERE n.article_id IN ({articles})"
    )


def _claims_of_changed_mentions() -> str:
    """Claims in the articles of the updated mentions whose place or entity changed,
    before or after the update (a mention can move between articles)."""
    moved = changed('article_id start "end" anchor actor_id organization_id')
    return _claims_of_articles(
        f"SELECT article_id FROM new_rows WHERE id IN ({moved}) "
        f"UNION SELECT article_id FROM old_rows WHERE id IN ({moved})"
    )


def _links() -> dict:
    """An editor's links from annotations to actors or organizations."""
    return {
        "INSERT": _claims_of_annotations("SELECT annotation_id FROM new_rows"),
        "UPDATE": _claims_of_annotations(
            "SELECT annotation_id FROM new_rows UNION SELECT annotation_id FROM old_rows"
        ),
        "DELETE": _claims_of_annotations("SELECT annotation_id FROM old_rows"),
    }


# table: {operation: the ids of the claims a statement touched}. A passage or an
# article is deleted only once its claims are (they protect it), so only their
# inserts and the updates of what `public`, the order, the article and the names
# in the passage depend on count. Mentions and links name entities in passages.
SOURCES = {
    "corpus_claim": {
        "INSERT": "SELECT id FROM new_rows",
        "UPDATE": changed(
            "status claimant_actor_id claimant_organization_id kind text annotation_id"
        ),
        "DELETE": "SELECT id FROM old_rows",
    },
    "corpus_taggedclaim": {
        "INSERT": "SELECT content_object_id FROM new_rows",
        "UPDATE": "SELECT content_object_id FROM new_rows "
        "UNION SELECT content_object_id FROM old_rows",
        "DELETE": "SELECT content_object_id FROM old_rows",
    },
    "corpus_annotation": {
        "INSERT": _claims_of_annotations("SELECT id FROM new_rows"),
        "UPDATE": _claims_of_annotations(changed('status anchor start "end" article_id')),
    },
    "corpus_article": {
        "INSERT": _claims_of_articles("SELECT id FROM new_rows"),
        "UPDATE": _claims_of_articles(changed("status date_start")),
    },
    "corpus_mention": {
        "INSERT": _claims_of_articles("SELECT article_id FROM new_rows"),
        "UPDATE": _claims_of_changed_mentions(),
        "DELETE": _claims_of_articles("SELECT article_id FROM old_rows"),
    },
    "corpus_annotation_actors": _links(),
    "corpus_annotation_organizations": _links(),
}


def _source_function(table: str, touched: dict) -> str:
    return deferrable_refresh(f"{table}_claim_facets", "corpus_refresh_claim_facets", touched)


def _triggers(table: str, function: str, operations) -> str:
    return statement_triggers(
        table, f"{table}_claim_facets", function, operations, create="CREATE OR REPLACE"
    )


KEPT = Kept(
    "corpus_claimfacets",
    "claim_id",
    ", ".join(COLUMNS),
    _rows(COLUMNS, "true"),
    "corpus_claimfacettotal",
    "facet, value",
    _values,
    "corpus_rebuild_claim_facets",
)

# Every function and trigger, as a migration installing them today would run it.
INSTALL = "\n".join(
    [
        REFRESH,
        TOTALS,
        _triggers("corpus_claimfacets", "corpus_claim_facet_totals", REFERENCING),
        *(_source_function(table, touched) for table, touched in SOURCES.items()),
        *(_triggers(table, f"{table}_claim_facets", touched) for table, touched in SOURCES.items()),
        rebuilt_after_truncate(
            "claim_facets",
            KEPT,
            "corpus_refresh_claim_facets",
            "SELECT id FROM corpus_claim ORDER BY id",
            SOURCES,
        ),
    ]
)
REBUILD = "SELECT corpus_rebuild_claim_facets();"


def _drop_sources(tables) -> list[str]:
    return [
        *(
            f"DROP TRIGGER IF EXISTS {table}_claim_facets_{op.lower()} ON {table};"
            for table in tables
            for op in REFERENCING
        ),
        *(f"DROP FUNCTION IF EXISTS {table}_claim_facets();" for table in tables),
    ]


UNINSTALL = "\n".join(
    [
        *drop_truncate("claim_facets", SOURCES),
        *_drop_sources([*SOURCES, "corpus_claimfacets"]),
        "DROP FUNCTION IF EXISTS corpus_claim_facet_totals();",
        "DROP FUNCTION IF EXISTS corpus_rebuild_claim_facets();",
        "DROP FUNCTION IF EXISTS corpus_refresh_claim_facets(bigint[]);",
    ]
)
