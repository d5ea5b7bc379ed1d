"""The article list's filters and facet counts, over the narrow ArticleFacets rows.

Selected values are resolved from slugs to ids once (one query per kind of
record), then every filter is an indexed test on ArticleFacets: `ids @> [id]`
on a GIN index, or an equality. All facets are counted in ONE statement, each
value's count being what clicking it gives (corpus/facets/counts.py): a facet
whose values combine with AND counts, with `unnest`, the current results; a
facet of one value per article counts the rows filtered by the search and by
the *other* facets; facets sharing a set of rows read it once from a
materialized CTE. With no filter and no search, the counts are
the running totals of FacetTotal instead, read by index.
"""

import json
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connections, router, transaction
from django.db.models import F
from taggit.models import Tag

from corpus.facets.counts import ALL, ONE, FacetCounts, FacetValue, settled
from corpus.facets.suggestions import THRESHOLDS
from corpus.facets.triggers.articles import ALL_VALUE
from corpus.facets.word_pairs import matching, not_matching, pairs_filter
from corpus.models import (
    Actor,
    Article,
    ArticleFacets,
    FacetTotal,
    Organization,
    ResolvedQuery,
    by_relevance,
    resolved_search,
    websearch,
)


@dataclass(frozen=True)
class ArticleFacet:
    name: str
    heading: str
    column: str  # in corpus_articlefacets
    model: type | None  # whose slug and name label the ids; None: the value is its own label
    array: bool = True
    by_value: bool = False  # order by the value (years), not by count

    @property
    def combine(self):
        return ALL if self.array else ONE

    @property
    def table(self):
        return self.model._meta.db_table if self.model else None


FACETS = [
    ArticleFacet("actor", "People", "actor_ids", Actor),
    ArticleFacet("organization", "Organizations", "organization_ids", Organization),
    ArticleFacet("publication", "Publications", "publication_id", Organization, array=False),
    ArticleFacet("author", "Authors", "author_ids", Actor),
    ArticleFacet("year", "Years", "year", None, array=False, by_value=True),
    ArticleFacet("tag", "Tags", "tag_ids", Tag),
]
BY_NAME = {facet.name: facet for facet in FACETS}
NOUN = "article"
# A search expected to match more than this share of the published articles has its
# facets counted by complement (totals less the articles it misses): past half, the
# articles it misses are the fewer rows to read.
COMMON_SHARE = 0.5
# Memory for a search's sorts, hashes and shared row sets (SET LOCAL, per transaction):
# at the default 4 MB, a word in 40% of 100k articles spilled its rows to disk.
SEARCH_WORK_MEM = "32MB"
# Rows of the facet statement that carry a total, not a facet value.
MATCHED, MISSED, PUBLISHED = "matched", "missed", "published"
# Its row carrying the matches' ids ranked by relevance, when it ranks them.
RANKED = "ranked"
# Relevance ranking scores every match; beyond this many, the list is by date.
RANK_LIMIT = 1000
# Values counted per facet: the first FACET_SHOWN show, the rest fold away.
ARTICLE_FACET_LIMIT = 30


class ArticleSearch:
    """One state of the article list: the search `q`, the selected facet values and
    the list's `sort` (known before count(), whose statement may rank the matches)."""

    def __init__(self, selected: dict, q: str = "", sort: str = "date"):
        self.selected = {name: values for name, values in selected.items() if values}
        self.q, self.sort = q, sort
        # The search as SQL: widened by names in each statement, until planned() resolves it once.
        self.query = websearch(q) if q else None
        self.pairs = None  # its pairs of adjacent words, once planned() has resolved it
        # Raw SQL and SET LOCAL go where the router sends this request's reads (a replica).
        self.alias = router.db_for_read(ArticleFacets)
        self.ids = self._resolve()
        self._count_result = None  # facet rows counted early, with the count
        self._ranked_ids = None  # the matches by relevance, if the count ranked them
        self.by_complement = False

    def _resolve(self) -> dict:
        """{facet name: {selected value: (id or None, label)}}; at most one query per model."""
        wanted: dict = {}
        for name, values in self.selected.items():
            model = BY_NAME[name].model
            if model is not None:
                wanted.setdefault(model, set()).update(values)
        found = {
            model: {
                slug: (pk, name)
                for slug, pk, name in model.objects.filter(slug__in=slugs).values_list(
                    "slug", "pk", "name"
                )
            }
            for model, slugs in wanted.items()
        }
        resolved = {}
        for name, values in self.selected.items():
            model = BY_NAME[name].model
            resolved[name] = {
                str(v): (found[model].get(v, (None, v)) if model else (int(v), str(v)))
                for v in values
            }
        return resolved

    def rows(self, exclude: str | None = None, search: bool = True):
        """Published ArticleFacets rows matching the search (unless `search` is
        False) and every selected value, except those of the facet `exclude`."""
        rows = ArticleFacets.objects.filter(published=True)
        if self.q and search:
            # The facet rows' copy of the article's vector, by facets_search_gin: no join.
            rows = matching(rows, self.query, self.pairs)
        for name, values in self.ids.items():
            if name == exclude:
                continue
            facet = BY_NAME[name]
            for pk, _ in values.values():
                if pk is None:  # an unknown slug matches nothing (as SQL: .none() has none)
                    return rows.filter(article__isnull=True)
                lookup = f"{facet.column}__contains" if facet.array else facet.column
                rows = rows.filter(**{lookup: [pk] if facet.array else pk})
        return rows.order_by()

    def articles(self):
        """The matching articles, unordered: Article rows, for listing and export."""
        if not self.selected and not self.q:
            return Article.objects.published()
        return Article.objects.filter(pk__in=self.rows().values("article_id"))

    def count(self) -> int:
        """How many articles match, counted in the same statement as the facets.

        Unfiltered, it is FacetTotal's running published total, read by index.
        For a search alone whose word is in most articles, the facets are counted
        by complement and the count is the published total less the articles the
        search misses: no pass over the tens of thousands it matches."""
        self.by_complement = bool(self.q and not self.selected and self._common())
        statement = self._complement_sql() if self.by_complement else self._count_sql()
        rows = self._count_rows(statement)
        totals = {name: n for name, _, _, n in rows if name in (MATCHED, MISSED, PUBLISHED)}
        ranked = [ids for name, ids, _, _ in rows if name == RANKED]
        self._count_result = [row for row in rows if row[0] not in totals and row[0] != RANKED]
        if self.by_complement:
            self.total = totals.get(PUBLISHED, 0) - totals[MISSED]
        elif MATCHED in totals:
            self.total = totals[MATCHED]
        else:
            self.total = totals.get(PUBLISHED, 0)
        if ranked and self.total <= RANK_LIMIT:  # else none were ranked: see ordered_ids
            self._ranked_ids = [int(pk) for pk in (ranked[0] or "{}").strip("{}").split(",") if pk]
        return self.total

    def _common(self) -> bool:
        """Whether the planner expects the search to match most articles, from its
        estimates of the matches and of the whole table (from the search column's
        statistics and the table's size): given by the statement that resolved the
        search (planned()), else asked for in an EXPLAIN, no scan."""
        estimate = getattr(self.query, "estimate", None)
        if estimate is None:
            matches = Article.objects.matching(self.query).order_by().values("pk")
            sql, params = matches.query.sql_with_params()
            every = Article.objects.order_by().values("pk").query.sql_with_params()[0]
            with connections[self.alias].cursor() as cursor:
                cursor.execute(f"EXPLAIN (FORMAT JSON) ({sql}) UNION ALL ({every})", params)
                plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            estimate = [branch["Plan Rows"] for branch in plan[0]["Plan"]["Plans"]]
        matches, articles = estimate
        return matches > COMMON_SHARE * articles

    def ordered_ids(self, count: int):
        """The matching article ids in list order, for the paginator to slice.

        By date, the narrow rows are read in index order (facets_published_date_idx).
        By relevance, every match must be scored from its stored vector, which
        costs ~7 µs each: above RANK_LIMIT matches the list is by date instead
        and `self.ranked` says so, for the page to explain. The count's statement
        has ranked few matches already (_rank_sql); if it did not, they are ranked here."""
        self.ranked = self.sort == "relevance" and count <= RANK_LIMIT
        if self.ranked and self._ranked_ids is not None:
            return self._ranked_ids
        if self.ranked:
            # The facet rows, in the order Article.objects.ranked() gives the articles.
            return by_relevance(self.rows(), self.query).values_list("article_id", flat=True)
        dated = (
            F("date_start").desc(nulls_last=True)
            if self.sort != "-date"
            else F("date_start").asc(nulls_last=True)
        )
        return self.rows().order_by(dated, "article_id").values_list("article_id", flat=True)

    @contextmanager
    def planned(self):
        """Run the search's queries with full-text matches taken from the GIN index.

        The planner prices `search_vector @@ query` as one cheap operator call, but
        on a table scan each call reads the row's vector out of TOAST (3.5 kB);
        for a word in most articles it then picks a 650 ms scan over a 20 ms
        bitmap of the index. SET LOCAL only lasts for this transaction; so does
        the larger work_mem that keeps a common word's matches in memory. The same
        statement widens the search by the names it says, once: every statement
        after it reads the tsquery as a constant (which the planner can estimate)."""
        if not self.q:
            yield
            return
        with transaction.atomic(using=self.alias):
            self.query = resolved_search(
                self.q,
                self.alias,
                ("enable_seqscan", "off"),
                ("work_mem", SEARCH_WORK_MEM),
                *THRESHOLDS,  # for the names close to a search that found little
            )
            if isinstance(self.query, ResolvedQuery):  # its text known: its pairs too
                self.pairs = pairs_filter(self.query.widened)
            yield

    # ---- counting -----------------------------------------------------------

    def counts(self) -> list[FacetCounts]:
        if self._count_result is None:
            self.count()
        rows = self._count_rows()
        columns = []
        for facet in FACETS:
            chosen = self.ids.get(facet.name, {})
            values = sorted(
                (
                    FacetValue(value, label, count, value in chosen)
                    for name, value, label, count in rows
                    if name == facet.name
                ),
                key=lambda v: (
                    not v.selected,
                    *((-int(v.value),) if facet.by_value else (-v.count, v.label)),
                ),
            )
            labels = {value: label for value, (_, label) in chosen.items()}
            columns.append(FacetCounts(facet, settled(values, labels, self.total), NOUN))
        return columns

    def _count_rows(self, statement=None):
        if statement is None and self._count_result is not None:
            return self._count_result
        sql, params = statement or self._count_sql()
        with connections[self.alias].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _count_sql(self):
        if not self.selected and not self.q:
            return _union([*(self._branch(facet, _totals(facet)) for facet in FACETS), _PUBLISHED])
        # One materialized set for the current results, one per selected facet of one
        # value per article (counted against the others); such a facet whose set is the
        # whole published list (its own is the only filter) reads the running totals.
        # The rows matching everything are counted too: the list's total.
        ctes = [_cte("rows_all", self.rows())]
        branches = [(f"SELECT '{MATCHED}', NULL, NULL, count(*) FROM rows_all", [])]
        if self.q and self.sort == "relevance":
            branches.append(self._rank_sql())
        for facet in FACETS:
            own = facet.name in self.selected and facet.combine == ONE
            if own and not self.q and set(self.selected) == {facet.name}:
                branches.append(self._branch(facet, _totals(facet)))
                continue
            if own:
                ctes.append(_cte(f"rows_{facet.name}", self.rows(exclude=facet.name)))
            source = f"rows_{facet.name}" if own else "rows_all"
            branches.append(self._branch(facet, _counted(facet, source)))
        return _with(ctes, _union(branches))

    def _rank_sql(self):
        """The current results' ids as by_relevance orders them, as text; ranked only
        if they are no more than RANK_LIMIT (a one-time filter: else nothing is).
        Each match's vector is read again by key, beside its shared row (OFFSET 0 keeps
        the lookup per row): the shared rows stay narrow, whatever the match's size."""
        ranked = by_relevance(ArticleFacets.objects.all(), self.query).values("article_id")
        _, order_by, _ = ranked.query.get_compiler(self.alias).pre_sql_setup()
        order = ", ".join(sql for _, (sql, _, _) in order_by)
        table = ArticleFacets._meta.db_table  # the ORDER BY compiled for it reads these
        read = ", ".join(f"f.{column}" for column in RANKED_BY)
        return (
            f"SELECT '{RANKED}', array_agg({table}.article_id ORDER BY {order})::text, NULL, NULL "
            f"FROM rows_all r, LATERAL (SELECT {read} FROM {table} f "
            f"WHERE f.article_id = r.article_id OFFSET 0) AS {table} "
            f"WHERE (SELECT count(*) FROM rows_all) <= {RANK_LIMIT}",
            [p for _, (_, params, _) in order_by for p in params],
        )

    def _complement_sql(self):
        """Counts for a search matching most articles: each value's total, less its
        count among the few published articles the search does NOT match (for a
        word in 99% of articles, 1,000 rows to read instead of 99,000)."""
        published = ArticleFacets.objects.filter(published=True)
        missed = not_matching(published, self.query, self.pairs)
        branches = [
            self._branch(
                facet,
                f"SELECT value, sum(n)::bigint AS n FROM ({_totals(facet)} UNION ALL "
                f"SELECT value, -n FROM ({_counted(facet, 'rows_missed')}) m) d "
                "GROUP BY value HAVING sum(n) > 0",
            )
            for facet in FACETS
        ]
        branches.append((f"SELECT '{MISSED}', NULL, NULL, count(*) FROM rows_missed", []))
        branches.append(_PUBLISHED)
        return _with([_cte("rows_missed", missed)], _union(branches))

    def _branch(self, facet: ArticleFacet, counted: str):
        """The facet's top values by count (chosen values first), with their labels."""
        chosen = [pk for pk, _ in self.ids.get(facet.name, {}).values() if pk is not None]
        # Ties at the limit go by id: the same values shown whichever way they were counted.
        order = "value DESC" if facet.by_value else "n DESC, value"
        limited = (
            f"SELECT value, n FROM ({counted}) c "
            f"ORDER BY (value = ANY(%s::bigint[])) DESC, {order} LIMIT {ARTICLE_FACET_LIMIT}"
        )
        if facet.model is None:
            sql = f"SELECT '{facet.name}', c.value::text, c.value::text, c.n FROM ({limited}) c"
        else:
            sql = (
                f"SELECT '{facet.name}', t.slug, t.name, c.n FROM ({limited}) c "
                f"JOIN {facet.table} t ON t.id = c.value"
            )
        return sql, [chosen]


# The published total: FacetTotal's running row, one more branch of a facet statement.
_PUBLISHED = (
    f"SELECT '{PUBLISHED}', NULL, NULL, count FROM corpus_facettotal "
    f"WHERE facet = '{FacetTotal.Facet.ALL}' AND value = {ALL_VALUE}",
    [],
)


def _totals(facet: ArticleFacet) -> str:
    return f"SELECT value, count AS n FROM corpus_facettotal WHERE facet = '{facet.name}' AND count > 0"


def _counted(facet: ArticleFacet, source: str) -> str:
    """Count the facet's values over the rows of `source` (unnest in the select
    list: a ProjectSet, faster than a lateral join to unnest)."""
    if facet.array:
        return (
            f"SELECT value, count(*) AS n FROM (SELECT unnest({facet.column}) AS value "
            f"FROM {source}) r GROUP BY value"
        )
    return (
        f"SELECT {facet.column} AS value, count(*) AS n FROM {source} "
        f"WHERE {facet.column} IS NOT NULL GROUP BY 1"
    )


# What ranking reads of each match (by_relevance), by key.
RANKED_BY = ("article_id", "search_vector", "date_start")


def _cte(name: str, rows):
    columns = ("article_id", *(f.column for f in FACETS))
    sql, params = rows.values(*columns).query.sql_with_params()
    return f"{name} AS MATERIALIZED ({sql})", params


def _with(ctes, union):
    union_sql, union_params = union
    with_sql = "WITH " + ", ".join(sql for sql, _ in ctes)
    return f"{with_sql} {union_sql}", [p for _, params in ctes for p in params] + union_params


def _union(branches):
    sql = " UNION ALL ".join(f"({sql})" for sql, _ in branches)
    return sql, [p for _, params in branches for p in params]
