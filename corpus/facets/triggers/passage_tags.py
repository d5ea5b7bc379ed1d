"""The database side of PassageTags and PassageTagTotal, as the code writes it today
(migration 0015 and the one that serialises writers ran their own frozen copies:
corpus/migrations/sql/).

A public passage (a published, anchored annotation of a published article) with
tags has one PassageTags row holding its tag ids; PassageTagTotal counts, per
tag, the public passages carrying it: the tag list's passage column, which
otherwise counted through a million tagged annotations on every view.

Statement-level triggers with transition tables refresh the rows of the
annotations a statement touched: through its tags, the annotation itself
(status, anchor, deletion) and its article (status). A trigger on the rows keeps
the totals, adding what new rows carry and taking away what old rows carried.
Each refresh first locks the passages' articles in id order (as the article
facets do), so concurrent writers to one article's passages refresh one after
the other. A TRUNCATE of a source table rebuilds every row.
`SELECT corpus_defer_facets()` skips the refreshes for the rest of one
transaction; the bulk load (bench/synthetic/loading.py) then calls
corpus_rebuild_passage_tags() once.
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

# The whole of "public": AnnotationQuerySet.published() says the same with the ORM.
PUBLIC = "n.status = 'published' AND n.anchor = 'anchored' AND a.status = 'published'"


def _tagged(where: str) -> str:
    """Public passages matching `where`, each with its tag ids, one row each."""
    return f"""
    SELECT t.content_object_id, array_agg(DISTINCT t.tag_id ORDER BY t.tag_id)
    FROM corpus_taggedannotation t
    JOIN corpus_annotation n ON n.id = t.content_object_id
    JOIN corpus_article a ON a.id = n.article_id
    WHERE {where} AND {PUBLIC}
    GROUP BY t.content_object_id"""


REFRESH = f"""
CREATE OR REPLACE FUNCTION corpus_refresh_passage_tags(ids bigint[]) RETURNS void AS $$
BEGIN
    {lock_articles("SELECT article_id FROM corpus_annotation WHERE id = ANY(ids)")}
    DELETE FROM corpus_passagetags p WHERE p.annotation_id = ANY(ids)
        AND NOT EXISTS (
            SELECT 1 FROM corpus_taggedannotation t
            JOIN corpus_annotation n ON n.id = t.content_object_id
            JOIN corpus_article a ON a.id = n.article_id
            WHERE t.content_object_id = p.annotation_id AND {PUBLIC});
    INSERT INTO corpus_passagetags AS p (annotation_id, tag_ids)
    {_tagged("t.content_object_id = ANY(ids)")}
    ORDER BY 1
    ON CONFLICT (annotation_id) DO UPDATE SET tag_ids = EXCLUDED.tag_ids
    WHERE p.tag_ids IS DISTINCT FROM EXCLUDED.tag_ids;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION corpus_rebuild_passage_tags() RETURNS void AS $$
BEGIN
    TRUNCATE corpus_passagetags, corpus_passagetagtotal;
    INSERT INTO corpus_passagetags (annotation_id, tag_ids) {_tagged("true")};
    ANALYZE corpus_passagetags;
    ANALYZE corpus_passagetagtotal;
END;
$$ LANGUAGE plpgsql;
"""


def _values(rows: str) -> str:
    return f"SELECT unnest(tag_ids) AS tag_id FROM {rows}"


TOTALS = totals_function("corpus_passage_tag_totals", "corpus_passagetagtotal", "tag_id", _values)


# table: {operation: the ids of the annotations a statement touched}. A new
# annotation has no tags yet, and a new article no annotations; a deleted
# article's annotations are deleted too, and their trigger refreshes them.
SOURCES = {
    "corpus_taggedannotation": {
        "INSERT": "SELECT content_object_id FROM new_rows",
        "UPDATE": "SELECT content_object_id FROM new_rows "
        "UNION SELECT content_object_id FROM old_rows",
        "DELETE": "SELECT content_object_id FROM old_rows",
    },
    "corpus_annotation": {
        "UPDATE": changed("status anchor article_id"),
        "DELETE": "SELECT id FROM old_rows",
    },
    "corpus_article": {
        "UPDATE": f"SELECT id FROM corpus_annotation WHERE article_id IN ({changed('status')})",
    },
}


def _source_function(table: str, touched: dict) -> str:
    return deferrable_refresh(f"{table}_passage_tags", "corpus_refresh_passage_tags", touched)


def _triggers(table: str, function: str, operations) -> str:
    return statement_triggers(
        table, f"{table}_passage_tags", function, operations, create="CREATE OR REPLACE"
    )


KEPT = Kept(
    "corpus_passagetags",
    "annotation_id",
    "tag_ids",
    _tagged("true"),
    "corpus_passagetagtotal",
    "tag_id",
    _values,
    "corpus_rebuild_passage_tags",
)

# Every function and trigger, as a migration installing them today would run it.
INSTALL = "\n".join(
    [
        REFRESH,
        TOTALS,
        _triggers("corpus_passagetags", "corpus_passage_tag_totals", REFERENCING),
        *(_source_function(table, touched) for table, touched in SOURCES.items()),
        *(_triggers(table, f"{table}_passage_tags", touched) for table, touched in SOURCES.items()),
        rebuilt_after_truncate(
            "passage_tags",
            KEPT,
            "corpus_refresh_passage_tags",
            "SELECT DISTINCT content_object_id FROM corpus_taggedannotation ORDER BY 1",
            SOURCES,
        ),
    ]
)
REBUILD = "SELECT corpus_rebuild_passage_tags();"

UNINSTALL = "\n".join(
    [
        *drop_truncate("passage_tags", SOURCES),
        *(
            f"DROP TRIGGER IF EXISTS {table}_passage_tags_{op.lower()} ON {table};"
            for table in [*SOURCES, "corpus_passagetags"]
            for op in REFERENCING
        ),
        *(f"DROP FUNCTION IF EXISTS {table}_passage_tags();" for table in SOURCES),
        "DROP FUNCTION IF EXISTS corpus_passage_tag_totals();",
        "DROP FUNCTION IF EXISTS corpus_rebuild_passage_tags();",
        "DROP FUNCTION IF EXISTS corpus_refresh_passage_tags(bigint[]);",
    ]
)
