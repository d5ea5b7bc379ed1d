"""The claim list's filters, search and facet counts, over the narrow ClaimFacets rows.

ClaimFacets holds one row per public claim, with its claimant, kind, article, tag
ids, list order and stored search vector, so the list never joins claims to their
passages and articles. Selected values are resolved from slugs to ids once (one
query per kind of record); every filter is then an indexed test on ClaimFacets.
All facets are counted in ONE statement, each value's count being what clicking
it gives (corpus/facets/counts.py): tags, which combine with AND, are counted
within the current results; a facet of one value per claim (claimant, kind,
article) counts the rows filtered by the search and by the *other* facets;
facets sharing a set of rows read it once from a materialized CTE. A facet whose
rows are every public claim reads the running totals of ClaimFacetTotal instead.
"""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchRank
from django.db import connections, router
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from taggit.models import Tag

from corpus.facets.counts import ALL, ONE, FacetCounts, FacetValue, settled
from corpus.models import Actor, Article, Claim, ClaimFacets, Organization, websearch

NOUN = "claim"
# Values counted per facet (the most frequent): the first few show, the rest fold away.
CLAIM_FACET_LIMIT = 60
KIND_LABELS = dict(Claim.Kind.choices)
# [Supplied titles] are bracketed in facet labels as everywhere else.
ARTICLE_LABEL = "CASE WHEN t.title_supplied THEN '[' || t.title || ']' ELSE t.title END"


@dataclass(frozen=True)
class Counted:
    """Where one facet's values come from: a column of ClaimFacets (`column`), the
    facet's name in ClaimFacetTotal (`total`), and the table naming its ids."""

    column: str
    total: str
    table: str | None = None
    label: str = "t.name"
    array: bool = False


@dataclass(frozen=True)
class ClaimFacet:
    name: str
    heading: str
    sources: tuple[Counted, ...]
    combine: str = ONE


FACETS = [
    ClaimFacet(
        "claimant",
        "Claimants",
        (
            Counted("claimant_actor_id", "actor", Actor._meta.db_table),
            Counted("claimant_organization_id", "organization", Organization._meta.db_table),
        ),
    ),
    ClaimFacet("kind", "Kinds", (Counted("kind", "kind"),)),
    ClaimFacet(
        "tag", "Tags", (Counted("tag_ids", "tag", Tag._meta.db_table, array=True),), combine=ALL
    ),
    ClaimFacet(
        "article",
        "Articles",
        (Counted("article_id", "article", Article._meta.db_table, label=ARTICLE_LABEL),),
    ),
    # Whom the claim's passage names: claims about NATO, or about Lukashenko and the CSTO.
    ClaimFacet(
        "about",
        "About",
        (
            Counted("named_actor_ids", "named_actor", Actor._meta.db_table, array=True),
            Counted(
                "named_organization_ids",
                "named_organization",
                Organization._meta.db_table,
                array=True,
            ),
        ),
        combine=ALL,
    ),
]


@dataclass(frozen=True)
class Chosen:
    """A selected value: its label, and the ids it stands for in each source column
    (a claimant slug may name a person and an organization; none: an unknown slug)."""

    label: str
    ids: dict


class ClaimSearch:
    """One state of the claim list: the search `q` and the selected facet values."""

    def __init__(self, selected: dict, q: str = ""):
        self.selected = {name: values for name, values in selected.items() if values}
        self.q = q
        self.chosen = self._resolve()

    def _resolve(self) -> dict:
        """{facet name: {selected value: Chosen}}; at most one query per model."""
        lookups = {
            "claimant": [
                ("claimant_actor_id", Actor.objects.values_list("slug", "pk", "name")),
                (
                    "claimant_organization_id",
                    Organization.objects.values_list("slug", "pk", "name"),
                ),
            ],
            "about": [
                ("named_actor_ids", Actor.objects.values_list("slug", "pk", "name")),
                (
                    "named_organization_ids",
                    Organization.objects.values_list("slug", "pk", "name"),
                ),
            ],
            "tag": [("tag_ids", Tag.objects.values_list("slug", "pk", "name"))],
            "article": [
                ("article_id", Article.objects.values_list("slug", "pk", "title", "title_supplied"))
            ],
        }
        resolved = {}
        for name, values in self.selected.items():
            if name == "kind":
                resolved[name] = {v: Chosen(KIND_LABELS.get(v, v), {"kind": v}) for v in values}
                continue
            chosen = {v: Chosen(v, {}) for v in values}
            for column, records in lookups[name]:
                for slug, pk, label, *supplied in records.filter(slug__in=values).order_by():
                    label = f"[{label}]" if supplied and supplied[0] else label
                    chosen[slug] = Chosen(label, {**chosen[slug].ids, column: pk})
            resolved[name] = chosen
        return resolved

    def rows(self, exclude: str | None = None):
        """ClaimFacets rows matching the search and every selected value, except
        those of the facet `exclude`. Unordered."""
        rows = ClaimFacets.objects.all()
        if self.q:
            rows = rows.filter(search_vector=websearch(self.q))
        for name, values in self.chosen.items():
            if name == exclude:
                continue
            for chosen in values.values():
                if not chosen.ids:  # an unknown slug matches nothing (in SQL, unlike .none())
                    return rows.filter(claim__isnull=True)
                rows = rows.filter(_any_of(chosen.ids))
        return rows.order_by()

    def ordered_ids(self, sort: str = ""):
        """The matching claim ids in list order, for the paginator to slice."""
        return self._ordered(self.rows(), sort, "").values_list("claim_id", flat=True)

    def claims(self, sort: str = ""):
        """Every matching claim, in list order, ready to list (for the CSV)."""
        claims = Claim.objects.filter(facets__in=self.rows()).for_listing()
        return self._ordered(claims, sort, "facets__")

    def _ordered(self, rows, sort: str, via: str):
        """`rows` (ClaimFacets, or claims reaching them `via` "facets__") in the list's
        order: "relevance" (a search), "date" (newest article first), "claimant" (by
        name), else oldest article first; passages in text order within an article."""
        sort = sort or ("relevance" if self.q else "-date")
        last = "claim_id" if not via else "pk"
        if sort == "relevance" and self.q:
            rank = SearchRank(F(f"{via}search_vector"), websearch(self.q))
            return rows.alias(rank=rank).order_by("-rank", last)
        if sort == "date":
            newest = F(f"{via}date_start").desc(nulls_last=True)
            return rows.order_by(newest, f"{via}start", last)
        if sort == "claimant":
            claim = "claim__" if not via else ""
            name = Coalesce(f"{claim}claimant_actor__name", f"{claim}claimant_organization__name")
            return rows.alias(claimant=name).order_by(
                "claimant", f"{via}date_start", f"{via}start", last
            )
        return rows.order_by(f"{via}date_start", f"{via}start", last)

    # ---- counting -----------------------------------------------------------

    def counts(self) -> tuple[int, list[FacetCounts]]:
        """How many claims match, and every facet's values with their counts.

        Every claim has exactly one kind, so the list's count is read off the kind
        facet: the sum of its counts, or the count of the one selected kind."""
        rows = self._count_rows()
        columns = []
        for facet in FACETS:
            chosen = self.chosen.get(facet.name, {})
            values = sorted(
                (
                    FacetValue(
                        value,
                        KIND_LABELS.get(value, value) if facet.name == "kind" else label,
                        count,
                        value in chosen,
                    )
                    for name, value, label, count in rows
                    if name == facet.name
                ),
                key=lambda v: (not v.selected, -v.count, v.label),
            )[:CLAIM_FACET_LIMIT]
            columns.append((facet, values, {value: c.label for value, c in chosen.items()}))
        kinds = {value: n for name, value, _, n in rows if name == "kind"}
        chosen_kinds = self.selected.get("kind", [])
        if not chosen_kinds:
            count = sum(kinds.values())
        elif len(chosen_kinds) == 1:
            count = kinds.get(chosen_kinds[0], 0)
        else:
            count = 0
        return count, [
            FacetCounts(facet, settled(values, labels, count), NOUN)
            for facet, values, labels in columns
        ]

    def _count_rows(self):
        sql, params = self._count_sql()
        # Through the router, as the claims' own query goes: a replica for a reader.
        with connections[router.db_for_read(ClaimFacets)].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _count_sql(self):
        ctes, branches = [], []
        shared = None
        for facet in FACETS:
            own = facet.name in self.chosen and facet.combine == ONE
            narrowed = self.q or set(self.selected) - ({facet.name} if own else set())
            if not narrowed:
                branches += [self._branch(facet, counted) for counted in facet.sources]
                continue
            if own or shared is None:
                cte = f"rows_{facet.name}" if own else "rows_all"
                # A facet's own set needs only its columns; the shared one, every facet's.
                columns = [c.column for f in ([facet] if own else FACETS) for c in f.sources]
                sql, params = (
                    self.rows(exclude=facet.name if own else None)
                    .values(*columns)
                    .query.sql_with_params()
                )
                ctes.append((f"{cte} AS MATERIALIZED ({sql})", params))
                if not own:
                    shared = cte
            source = f"rows_{facet.name}" if own else shared
            branches += [self._branch(facet, counted, source) for counted in facet.sources]
        union_sql = " UNION ALL ".join(f"({sql})" for sql, _ in branches)
        union_params = [p for _, params in branches for p in params]
        if not ctes:
            return union_sql, union_params
        with_sql = "WITH " + ", ".join(sql for sql, _ in ctes)
        return f"{with_sql} {union_sql}", [p for _, params in ctes for p in params] + union_params

    def _branch(self, facet: ClaimFacet, counted: Counted, source: str = ""):
        """One source column's values, the chosen ones and the most frequent, with
        their slugs and labels: (facet, value, label, count) rows."""
        chosen = [
            str(c.ids[counted.column])
            for c in self.chosen.get(facet.name, {}).values()
            if counted.column in c.ids
        ]
        if not source:
            # Running totals, read by index: the chosen values by key, then the most used
            # (ties at the limit by id, as the counted rows below cut them).
            value = "value" if counted.table is None else "value::bigint"
            totals = f"FROM corpus_claimfacettotal WHERE facet = '{counted.total}' AND count > 0"
            limited = (
                f"(SELECT {value} AS value, count AS n {totals} AND value = ANY(%s::text[])) UNION ALL "
                f"(SELECT {value}, count {totals} AND NOT value = ANY(%s::text[]) "
                f"ORDER BY count DESC, 1 LIMIT {CLAIM_FACET_LIMIT})"
            )
            params = [chosen, chosen]
        else:
            if counted.array:
                grouped = (
                    f"SELECT v AS value, count(*) AS n FROM (SELECT unnest(r.{counted.column}) AS v "
                    f"FROM {source} r WHERE r.{counted.column} <> '{{}}') u GROUP BY v"
                )
            else:
                grouped = (
                    f"SELECT r.{counted.column} AS value, count(*) AS n FROM {source} r "
                    f"WHERE r.{counted.column} IS NOT NULL GROUP BY 1"
                )
            limited = (
                f"SELECT value, n FROM ({grouped}) c "
                f"ORDER BY (value::text = ANY(%s::text[])) DESC, n DESC, value LIMIT {CLAIM_FACET_LIMIT}"
            )
            params = [chosen]
        if counted.table is None:
            return f"SELECT '{facet.name}', c.value, c.value, c.n FROM ({limited}) c", params
        return (
            f"SELECT '{facet.name}', t.slug, {counted.label}, c.n FROM ({limited}) c "
            f"JOIN {counted.table} t ON t.id = c.value",
            params,
        )


def _any_of(ids: dict) -> Q:
    """A filter matching rows whose columns hold any of `ids` ({column: id})."""
    condition = Q()
    for column, pk in ids.items():
        condition |= Q(**{f"{column}__contains": [pk]} if column.endswith("_ids") else {column: pk})
    return condition
