"""Builders of the SQL that keeps the facet tables: statement-level triggers with
transition tables, a setting that defers them in bulk loads, and the functions
that keep running totals. The article, claim and passage-tag triggers
(articles.py, claims.py, passage_tags.py beside this) are written with them.
"""


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
