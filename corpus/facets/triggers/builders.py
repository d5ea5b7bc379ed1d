"""Builders of the SQL that keeps the facet tables: statement-level triggers with
transition tables, a setting that defers them for one bulk-loading transaction,
the lock that serialises concurrent writers per article, a rebuild after a
TRUNCATE, and the functions that keep running totals. The article, claim and
passage-tag triggers (articles.py, claims.py, passage_tags.py beside this) are
written with them.
"""

from collections.abc import Callable
from typing import NamedTuple


class Kept(NamedTuple):
    """One family of facet rows and its running totals, as check_facets compares them
    (corpus/facets/drift.py) with what the source tables say."""

    rows_table: str
    key: str
    columns: str  # comma-separated, the key left out
    expected: str  # SELECT (key, columns) of every row the sources call for: the refresh's own
    totals_table: str
    totals_keys: str
    values: Callable[[str], str]  # the totals function's (keys...) per row of a table
    rebuild: str  # the SQL function that rebuilds rows and totals


# A bulk load defers the refreshes for its own transaction only: corpus_defer_facets()
# sets corpus.defer_facets to that transaction's id. Any other value but off (a
# session-wide SET, a transaction long gone) is refused at the next write, never
# silently obeyed: the maintenance would otherwise stop for every later transaction.
DEFERRAL = """
CREATE OR REPLACE FUNCTION corpus_defer_facets() RETURNS void AS $$
BEGIN
    PERFORM set_config('corpus.defer_facets', pg_current_xact_id()::text, true);
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION corpus_facets_deferred() RETURNS boolean AS $$
DECLARE
    deferred text := coalesce(current_setting('corpus.defer_facets', true), '');
BEGIN
    IF deferred IN ('', 'off') THEN
        RETURN false;
    ELSIF deferred = pg_current_xact_id()::text THEN
        RETURN true;
    END IF;
    RAISE EXCEPTION 'corpus.defer_facets = % does not name this transaction', deferred
        USING HINT = 'Defer the facet triggers inside one transaction: SELECT corpus_defer_facets()';
END;
$$ LANGUAGE plpgsql;
"""


def lock_articles(articles: str) -> str:
    """A statement locking the articles whose ids `articles` (a SELECT) gives, in id
    order: concurrent refreshes of one article's rows then run one after the other,
    and the second, in a new READ COMMITTED snapshot, sees what the first committed.
    FOR NO KEY UPDATE leaves foreign-key checks (FOR KEY SHARE) free."""
    return f"PERFORM 1 FROM corpus_article WHERE id IN ({articles}) ORDER BY id FOR NO KEY UPDATE;"


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


# The transition tables each statement trigger sees.
REFERENCING = {
    "INSERT": "NEW TABLE AS new_rows",
    "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "DELETE": "OLD TABLE AS old_rows",
}


def deferrable_refresh(function: str, refresh: str, touched: dict) -> str:
    """A statement-level trigger function `function` that passes `refresh` the ids
    the operation's query (`touched`: operation -> SELECT) gives, unless
    the transaction deferred them (bulk loads rebuild once instead)."""
    branches = "\n    ELS".join(
        f"IF TG_OP = '{op}' THEN\n        PERFORM {refresh}(ARRAY({query}));"
        for op, query in touched.items()
    )
    return f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
    IF corpus_facets_deferred() THEN
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


def rebuilt_after_truncate(family: str, kept: Kept, refresh: str, every: str, tables) -> str:
    """A TRUNCATE of any of `tables` says nothing of which rows went, so it rebuilds
    the family's rows from scratch, unless deferred: the function
    corpus_<family>_truncated() and a trigger `<table>_<family>_truncate` on each.
    It empties the rows with DELETE and refreshes `every` id (a SELECT), as the
    rebuild functions' own TRUNCATE is refused while the statement is running."""
    function = f"corpus_{family}_truncated"
    return "\n".join(
        [
            f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
    IF NOT corpus_facets_deferred() THEN
        DELETE FROM {kept.rows_table};
        DELETE FROM {kept.totals_table};
        PERFORM {refresh}(ARRAY({every}));
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
""",
            *(
                f"CREATE OR REPLACE TRIGGER {table}_{family}_truncate AFTER TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {function}();"
                for table in tables
            ),
        ]
    )


def drop_truncate(family: str, tables) -> list[str]:
    return [
        *(f"DROP TRIGGER IF EXISTS {table}_{family}_truncate ON {table};" for table in tables),
        f"DROP FUNCTION IF EXISTS corpus_{family}_truncated();",
    ]
