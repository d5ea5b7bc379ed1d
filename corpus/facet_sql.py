"""The database side of ArticleFacets and FacetTotal (migration 0009).

Statement-level triggers with transition tables refresh the facet rows of the
articles a statement touched: one set-based refresh per INSERT, UPDATE, DELETE
or COPY, however many rows. A trigger on the facet rows themselves keeps the
totals, adding what new rows carry and taking away what old rows carried.

Setting `corpus.defer_facets = on` (SET LOCAL, in bulk loads) skips the
refreshes; the loader then calls corpus_rebuild_article_facets() once.
"""

FACET_COLUMNS = (
    "published, date_start, year, publication_id, actor_ids, organization_ids, author_ids, tag_ids"
)
# Since migration 0016 the facet row also carries the article's search vector, so the
# article list's search reads matching facet rows by their own GIN index.
SEARCHABLE_COLUMNS = f"{FACET_COLUMNS}, search_vector"


def _refresh(columns: str) -> str:
    """The functions that write the facet rows (`columns`) of some articles, or of all."""
    names = [c.strip() for c in columns.split(",")]
    excluded = ", ".join(f"EXCLUDED.{c}" for c in names)
    current = ", ".join(f"f.{c}" for c in names)
    vector = ", a.search_vector" if "search_vector" in names else ""
    return f"""
CREATE OR REPLACE FUNCTION corpus_refresh_article_facets(ids bigint[]) RETURNS void AS $$
BEGIN
    DELETE FROM corpus_articlefacets f WHERE f.article_id = ANY(ids)
        AND NOT EXISTS (SELECT 1 FROM corpus_article a WHERE a.id = f.article_id);
    INSERT INTO corpus_articlefacets AS f (article_id, {columns})
    SELECT a.id, a.status = 'published', a.date_start, a.year, a.publication_id,
        ARRAY(SELECT DISTINCT m.actor_id FROM corpus_mention m WHERE m.article_id = a.id
              AND m.anchor = 'anchored' AND m.actor_id IS NOT NULL ORDER BY 1),
        ARRAY(SELECT DISTINCT m.organization_id FROM corpus_mention m WHERE m.article_id = a.id
              AND m.anchor = 'anchored' AND m.organization_id IS NOT NULL ORDER BY 1),
        ARRAY(SELECT DISTINCT w.actor_id FROM corpus_authorship w WHERE w.article_id = a.id ORDER BY 1),
        ARRAY(SELECT DISTINCT t.tag_id FROM corpus_taggedarticle t
              WHERE t.content_object_id = a.id ORDER BY 1){vector}
    FROM corpus_article a WHERE a.id = ANY(ids)
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


# As migration 0009 created it; 0016 replaces it with REFRESH.
REFRESH_0009 = _refresh(FACET_COLUMNS)
REFRESH = _refresh(SEARCHABLE_COLUMNS)

# Migration 0016: facet rows that carry the search vector, filled for every article.
SEARCHABLE_FORWARD = f"""{REFRESH}
UPDATE corpus_articlefacets f SET search_vector = a.search_vector
FROM corpus_article a WHERE a.id = f.article_id;
"""
SEARCHABLE_BACKWARD = REFRESH_0009


def _values(rows: str, count_all: bool) -> str:
    """Every (facet, value) a set of published facet rows carries, one line each;
    with `count_all`, also ('all', 0) once per row: the published total."""
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
        + ([f"SELECT '{ALL}', {ALL_VALUE} FROM {rows} WHERE published"] if count_all else [])
    )


def totals_function(function: str, table: str, keys: str, values) -> str:
    """A trigger function `function` for a table of facet rows: it adds one to
    `table`'s count for each key (`keys`, its columns) that `values(rows)` gives
    for the new rows, and takes one away for each it gives for the old rows.
    FacetTotal, ClaimFacetTotal and PassageTagTotal are kept this way."""

    def apply(deltas: str) -> str:
        return f"""
        INSERT INTO {table} ({keys}, count)
        SELECT {keys}, sum(n) FROM ({deltas}) d GROUP BY {keys}
        HAVING sum(n) <> 0 ORDER BY {keys}
        ON CONFLICT ({keys}) DO UPDATE SET count = {table}.count + EXCLUDED.count;"""

    new = f"SELECT {keys}, 1 AS n FROM ({values('new_rows')}) v"
    old = f"SELECT {keys}, -1 FROM ({values('old_rows')}) o"
    gone = f"SELECT {keys}, -1 AS n FROM ({values('old_rows')}) v"
    return f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {apply(new)}
    ELSIF TG_OP = 'UPDATE' THEN
        {apply(f"{new} UNION ALL {old}")}
    ELSE
        {apply(gone)}
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""


def _totals(count_all: bool) -> str:
    return totals_function(
        "corpus_facet_totals",
        "corpus_facettotal",
        "facet, value",
        lambda rows: _values(rows, count_all),
    )


# The published total is FacetTotal's row ('all', 0), since migration 0014.
ALL, ALL_VALUE = "all", 0
# As migration 0009 created it, without the published total; 0014 replaces it.
TOTALS_0009 = _totals(count_all=False)
TOTALS = _totals(count_all=True)

# Migration 0014: totals that keep the published total too, and that total counted once.
COUNT_ALL_FORWARD = f"""{TOTALS}
INSERT INTO corpus_facettotal (facet, value, count)
SELECT '{ALL}', {ALL_VALUE}, count(*) FROM corpus_articlefacets WHERE published
ON CONFLICT (facet, value) DO UPDATE SET count = EXCLUDED.count;
"""
COUNT_ALL_BACKWARD = f"""{TOTALS_0009}
DELETE FROM corpus_facettotal WHERE facet = '{ALL}';
"""

# (table, the column naming the article)
SOURCES = [
    ("corpus_article", "id"),
    ("corpus_mention", "article_id"),
    ("corpus_authorship", "article_id"),
    ("corpus_taggedarticle", "content_object_id"),
]


# The transition tables each statement trigger sees.
REFERENCING = {
    "INSERT": "NEW TABLE AS new_rows",
    "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "DELETE": "OLD TABLE AS old_rows",
}


def deferrable_refresh(function: str, refresh: str, touched: dict) -> str:
    """A statement-level trigger function `function` that passes `refresh` the ids
    the operation's query (`touched`: operation -> SELECT) gives, unless
    `corpus.defer_facets` is on (bulk loads rebuild once instead)."""
    branches = "\n    ELS".join(
        f"IF TG_OP = '{op}' THEN\n        PERFORM {refresh}(ARRAY({query}));"
        for op, query in touched.items()
    )
    return f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
    IF current_setting('corpus.defer_facets', true) = 'on' THEN
        RETURN NULL;
    END IF;
    {branches}
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""


def changed(columns: str) -> str:
    """Ids of an UPDATE's rows where any of `columns` (space-separated) changed,
    from its transition tables."""
    new = ", ".join(f"n.{c}" for c in columns.split())
    old = ", ".join(f"o.{c}" for c in columns.split())
    return (
        "SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id "
        f"WHERE ROW({new}) IS DISTINCT FROM ROW({old})"
    )


def statement_triggers(
    table: str, prefix: str, function: str, operations=REFERENCING, create="CREATE"
) -> str:
    """One AFTER ... FOR EACH STATEMENT trigger per operation, named `prefix_<op>`,
    with its transition tables, calling `function`."""
    return "\n".join(
        f"{create} TRIGGER {prefix}_{op.lower()} AFTER {op} ON {table} "
        f"REFERENCING {REFERENCING[op]} FOR EACH STATEMENT EXECUTE FUNCTION {function}();"
        for op in operations
    )


def _source_function(table: str, column: str) -> str:
    touched = {
        "INSERT": f"SELECT {column} FROM new_rows",
        "UPDATE": f"SELECT {column} FROM new_rows UNION SELECT {column} FROM old_rows",
        "DELETE": f"SELECT {column} FROM old_rows",
    }
    return deferrable_refresh(f"{table}_facets", "corpus_refresh_article_facets", touched)


def _triggers(table: str, function: str) -> str:
    return statement_triggers(table, f"{table}_facets", function)


FORWARD = "\n".join(
    [
        REFRESH_0009,
        TOTALS_0009,
        _triggers("corpus_articlefacets", "corpus_facet_totals"),
        *(_source_function(table, column) for table, column in SOURCES),
        *(_triggers(table, f"{table}_facets") for table, _ in SOURCES),
        "SELECT corpus_rebuild_article_facets();",
    ]
)

BACKWARD = "\n".join(
    [
        *(
            f"DROP TRIGGER IF EXISTS {table}_facets_{op} ON {table};"
            for table, _ in [*SOURCES, ("corpus_articlefacets", None)]
            for op in ("insert", "update", "delete")
        ),
        *(f"DROP FUNCTION IF EXISTS {table}_facets();" for table, _ in SOURCES),
        "DROP FUNCTION IF EXISTS corpus_facet_totals();",
        "DROP FUNCTION IF EXISTS corpus_rebuild_article_facets();",
        "DROP FUNCTION IF EXISTS corpus_refresh_article_facets(bigint[]);",
    ]
)
