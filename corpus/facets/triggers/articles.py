"""The database side of ArticleFacets and FacetTotal, as the code writes it today
(migrations 0009, 0014, 0016 and the one that serialises writers ran their own frozen
copies: corpus/migrations/sql/).

Statement-level triggers with transition tables refresh the facet rows of the
articles a statement touched: one set-based refresh per INSERT, UPDATE, DELETE
or COPY, however many rows. A trigger on the facet rows themselves keeps the
totals, adding what new rows carry and taking away what old rows carried.

Each refresh first locks its articles in id order, so two transactions writing
to one article refresh its row one after the other, the second seeing the
first's rows. A TRUNCATE of a source table rebuilds every row.

`SELECT corpus_defer_facets()` skips the refreshes for the rest of one
transaction; the bulk load (bench/synthetic/loading.py) then calls
corpus_rebuild_article_facets() once.
"""

from corpus.facets.triggers.builders import (
    DEFERRAL,
    Kept,
    deferrable_refresh,
    drop_truncate,
    lock_articles,
    rebuilt_after_truncate,
    statement_triggers,
    totals_function,
)

# The facet row also carries the article's search vector (since migration 0016), so the
# article list's search reads matching facet rows by their own GIN index.
COLUMNS = (
    "published, date_start, year, publication_id, actor_ids, organization_ids, author_ids, "
    "tag_ids, search_vector"
)


def _rows(where: str) -> str:
    """The facet rows (article_id, COLUMNS) of the articles matching `where`."""
    return f"""SELECT a.id, a.status = 'published', a.date_start, a.year, a.publication_id,
        ARRAY(SELECT DISTINCT m.actor_id FROM corpus_mention m WHERE m.article_id = a.id
              AND m.anchor = 'anchored' AND m.actor_id IS NOT NULL ORDER BY 1),
        ARRAY(SELECT DISTINCT m.organization_id FROM corpus_mention m WHERE m.article_id = a.id
              AND m.anchor = 'anchored' AND m.organization_id IS NOT NULL ORDER BY 1),
        ARRAY(SELECT DISTINCT w.actor_id FROM corpus_authorship w WHERE w.article_id = a.id ORDER BY 1),
        ARRAY(SELECT DISTINCT t.tag_id FROM corpus_taggedarticle t
              WHERE t.content_object_id = a.id ORDER BY 1), a.search_vector
    FROM corpus_article a WHERE {where}"""


def _refresh(columns: str) -> str:
    """The functions that write the facet rows (`columns`) of some articles, or of all."""
    names = [c.strip() for c in columns.split(",")]
    excluded = ", ".join(f"EXCLUDED.{c}" for c in names)
    current = ", ".join(f"f.{c}" for c in names)
    return f"""
CREATE OR REPLACE FUNCTION corpus_refresh_article_facets(ids bigint[]) RETURNS void AS $$
BEGIN
    {lock_articles("SELECT unnest(ids)")}
    DELETE FROM corpus_articlefacets f WHERE f.article_id = ANY(ids)
        AND NOT EXISTS (SELECT 1 FROM corpus_article a WHERE a.id = f.article_id);
    INSERT INTO corpus_articlefacets AS f (article_id, {columns})
    {_rows("a.id = ANY(ids)")}
    ORDER BY a.id
    ON CONFLICT (article_id) DO UPDATE SET
        ({columns}) = ROW({excluded})
    WHERE ROW({current})
        IS DISTINCT FROM ROW({excluded});
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION corpus_rebuild_article_facets() RETURNS void AS $$
BEGIN
    DELETE FROM corpus_articlefacets;
    TRUNCATE corpus_facettotal;
    PERFORM corpus_refresh_article_facets(ARRAY(SELECT id FROM corpus_article ORDER BY id));
END;
$$ LANGUAGE plpgsql;
"""


REFRESH = _refresh(COLUMNS)
# The published total is FacetTotal's row ('all', 0), since migration 0014.
ALL, ALL_VALUE = "all", 0


def _values(rows: str) -> str:
    """Every (facet, value) a set of published facet rows carries, one line each, and
    ('all', 0) once per row: the published total."""
    return " UNION ALL ".join(
        [
            f"SELECT '{facet}' AS facet, unnest({column}) AS value FROM {rows} WHERE published"
            for facet, column in (
                ("actor", "actor_ids"),
                ("organization", "organization_ids"),
                ("author", "author_ids"),
                ("tag", "tag_ids"),
            )
        ]
        + [
            f"SELECT '{facet}', {column} FROM {rows} WHERE published AND {column} IS NOT NULL"
            for facet, column in (("publication", "publication_id"), ("year", "year"))
        ]
        + [f"SELECT '{ALL}', {ALL_VALUE} FROM {rows} WHERE published"]
    )


TOTALS = totals_function("corpus_facet_totals", "corpus_facettotal", "facet, value", _values)

# (table, the column naming the article)
SOURCES = [
    ("corpus_article", "id"),
    ("corpus_mention", "article_id"),
    ("corpus_authorship", "article_id"),
    ("corpus_taggedarticle", "content_object_id"),
]


def _source_function(table: str, column: str) -> str:
    touched = {
        "INSERT": f"SELECT {column} FROM new_rows",
        "UPDATE": f"SELECT {column} FROM new_rows UNION SELECT {column} FROM old_rows",
        "DELETE": f"SELECT {column} FROM old_rows",
    }
    return deferrable_refresh(f"{table}_facets", "corpus_refresh_article_facets", touched)


def _triggers(table: str, function: str) -> str:
    return statement_triggers(table, f"{table}_facets", function, create="CREATE OR REPLACE")


KEPT = Kept(
    "corpus_articlefacets",
    "article_id",
    COLUMNS,
    _rows("true"),
    "corpus_facettotal",
    "facet, value",
    _values,
    "corpus_rebuild_article_facets",
)

# Every function and trigger, as a migration installing them today would run it.
INSTALL = "\n".join(
    [
        DEFERRAL,
        REFRESH,
        TOTALS,
        _triggers("corpus_articlefacets", "corpus_facet_totals"),
        *(_source_function(table, column) for table, column in SOURCES),
        *(_triggers(table, f"{table}_facets") for table, _ in SOURCES),
        rebuilt_after_truncate(
            "facets",
            KEPT,
            "corpus_refresh_article_facets",
            "SELECT id FROM corpus_article ORDER BY id",
            dict(SOURCES),
        ),
    ]
)
REBUILD = "SELECT corpus_rebuild_article_facets();"

UNINSTALL = "\n".join(
    [
        *drop_truncate("facets", dict(SOURCES)),
        *(
            f"DROP TRIGGER IF EXISTS {table}_facets_{op} ON {table};"
            for table, _ in [*SOURCES, ("corpus_articlefacets", None)]
            for op in ("insert", "update", "delete")
        ),
        *(f"DROP FUNCTION IF EXISTS {table}_facets();" for table, _ in SOURCES),
        "DROP FUNCTION IF EXISTS corpus_facet_totals();",
        "DROP FUNCTION IF EXISTS corpus_rebuild_article_facets();",
        "DROP FUNCTION IF EXISTS corpus_refresh_article_facets(bigint[]);",
        "DROP FUNCTION IF EXISTS corpus_facets_deferred();",
        "DROP FUNCTION IF EXISTS corpus_defer_facets();",
    ]
)
