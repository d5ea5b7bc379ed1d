"""Facet rows and totals checked against their sources (`manage.py check_facets`).

The triggers keep the facet tables; this says whether they did. For each family
(articles, claims, passage tags) it computes every row the source tables call for
with the refresh functions' own SELECT, into a temporary table, and compares it
with the stored rows both ways; then the totals those expected rows make with the
stored totals. A repair rebuilds each drifted family with its rebuild function
and checks again, all in one transaction: it commits only once nothing drifts.
"""

from dataclasses import dataclass

from django.db import connection, transaction

from corpus.facets.triggers import articles, claims, passage_tags
from corpus.facets.triggers.builders import Kept

FAMILIES = {
    "article facets": articles.KEPT,
    "claim facets": claims.KEPT,
    "passage tags": passage_tags.KEPT,
}
# Keys of drifted rows shown in a report, per table.
SAMPLE = 10


@dataclass(frozen=True)
class Drift:
    family: str
    table: str
    missing: int  # rows (or totals) the sources call for that are absent or different
    extra: int  # stored rows (or totals) the sources do not call for, or that differ
    sample: tuple  # some of the keys concerned

    def __str__(self) -> str:
        keys = ", ".join(str(key) for key in self.sample)
        return (
            f"{self.family}: {self.table} has {self.missing} row(s) missing or stale and "
            f"{self.extra} extra or stale (keys {keys})"
        )


def _difference(cursor, family: str, table: str, key: str, expected: str, stored: str) -> list:
    cursor.execute(f"SELECT count(*) FROM ({expected} EXCEPT {stored}) d")
    missing = cursor.fetchone()[0]
    cursor.execute(f"SELECT count(*) FROM ({stored} EXCEPT {expected}) d")
    extra = cursor.fetchone()[0]
    if not missing and not extra:
        return []
    cursor.execute(
        f"SELECT DISTINCT {key} FROM (({expected} EXCEPT {stored}) "
        f"UNION ALL ({stored} EXCEPT {expected})) d ORDER BY 1 LIMIT {SAMPLE}"
    )
    return [Drift(family, table, missing, extra, tuple(row[0] for row in cursor.fetchall()))]


def _family_drift(cursor, family: str, kept: Kept) -> list[Drift]:
    expected = f"expected_{kept.rows_table}"
    cursor.execute(f"DROP TABLE IF EXISTS {expected}")
    cursor.execute(
        f"CREATE TEMPORARY TABLE {expected} ON COMMIT DROP AS "
        f"SELECT * FROM {kept.rows_table} WITH NO DATA"
    )
    cursor.execute(f"INSERT INTO {expected} ({kept.key}, {kept.columns}) {kept.expected}")
    columns = f"{kept.key}, {kept.columns}"
    rows = _difference(
        cursor,
        family,
        kept.rows_table,
        kept.key,
        f"SELECT {columns} FROM {expected}",
        f"SELECT {columns} FROM {kept.rows_table}",
    )
    keys = kept.totals_keys
    totals = _difference(
        cursor,
        family,
        kept.totals_table,
        f"({keys})::text",
        f"SELECT {keys}, count(*) FROM ({kept.values(expected)}) v GROUP BY {keys}",
        f"SELECT {keys}, count FROM {kept.totals_table} WHERE count <> 0",
    )
    return rows + totals


def _drift(cursor) -> list[Drift]:
    found = []
    for family, kept in FAMILIES.items():
        found += _family_drift(cursor, family, kept)
    return found


def find_drift() -> list[Drift]:
    """Every difference between the facet tables and their sources, in one snapshot
    (a REPEATABLE READ transaction of its own when called outside one); [] when none."""
    own_transaction = not connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        if own_transaction:
            # Sources and facet rows read at one instant, while writers go on.
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        return _drift(cursor)


def repair() -> list[Drift]:
    """Rebuild every drifted family in one transaction and return the drift found.
    Drift left after the rebuilds rolls it all back and raises RepairFailed."""
    with transaction.atomic(), connection.cursor() as cursor:
        found = _drift(cursor)
        for family in dict.fromkeys(drift.family for drift in found):
            cursor.execute(f"SELECT {FAMILIES[family].rebuild}()")
        if left := _drift(cursor):
            raise RepairFailed(left)
    return found


class RepairFailed(Exception):
    def __init__(self, left: list[Drift]):
        super().__init__("; ".join(str(drift) for drift in left))
        self.left = left
