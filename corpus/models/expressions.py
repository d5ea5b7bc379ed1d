"""SQL expressions the querysets share: full-text search in websearch syntax, tests
and sets over the id arrays the facet rows keep, the condition of a link to one
person or organization, and to-many relations read in their parent's query."""

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections, models
from django.db.models import F, Func, Q
from django.db.models.functions import JSONObject

SEARCH_CONFIG = "english"


class KnownNamesQuery(SearchQuery):
    """`q` in websearch syntax, widened in SQL by corpus_search_query (migration 0023)
    with every name of a person or organization it names, under any spelling the
    transliteration rules allow. A scalar subquery, so it is worked out once per
    statement, not once per row."""

    def as_sql(self, compiler, connection, function=None, template=None):
        return super().as_sql(
            compiler,
            connection,
            function="corpus_search_query",
            template="(SELECT %(function)s(%(expressions)s::text))",
        )


class TsQuery(SearchQuery):
    """A tsquery given as its text, written into the statement as a constant."""

    def __init__(self, value: str, text: str):
        super().__init__(value, search_type="websearch")
        self.text = text

    def as_sql(self, compiler, connection, function=None, template=None):
        return "%s::tsquery", [self.text]


class ResolvedQuery(TsQuery):
    """A search's tsquery as corpus_search_query gave it once for the request (its
    text form): the names are not looked up again, and the planner estimates its
    matches. `estimate`: the planner's (matches, articles), when known."""

    def __init__(self, value: str, text: str, estimate: tuple[int, int] | None = None):
        super().__init__(value, text)
        self.estimate = estimate

    @property
    def widened(self) -> str:
        return self.text


def websearch(q) -> SearchQuery:
    """`q` in websearch syntax, widened by the names it says; a query already
    resolved for this request (ResolvedQuery) is used as it is."""
    if isinstance(q, SearchQuery):
        return q
    return KnownNamesQuery(q, search_type="websearch")


def by_relevance(queryset, q):
    """`queryset` (articles, or their facet rows: each has the article's search_vector
    and date_start) best match to `q` first, ties newest first, then by id."""
    rank = SearchRank(F("search_vector"), websearch(q))
    return queryset.alias(rank=rank).order_by("-rank", "-date_start", "pk")


def resolved_search(q: str, alias: str, *settings: tuple[str, str]) -> ResolvedQuery:
    """`q` widened once, in one statement that also sets each (name, value) of
    `settings` for the current transaction (SET LOCAL) and gives the planner's
    estimates of its matches and of all articles (corpus_search_estimate, 0032)."""
    sets = "set_config(%s, %s, true), " * len(settings)
    with connections[alias].cursor() as cursor:
        cursor.execute(
            # Settings first, as they were; materialized: the search is widened once.
            f"WITH resolved AS MATERIALIZED (SELECT {sets}corpus_search_query(%s::text) AS q) "
            "SELECT q::text, corpus_search_estimate(q) FROM resolved",
            [*(v for pair in settings for v in pair), q],
        )
        text, estimate = cursor.fetchone()
    return ResolvedQuery(q, text, tuple(estimate) if estimate else None)


# A link (a mention, a proposed link) names a person or an organization, never both.
EXACTLY_ONE_ENTITY = Q(actor__isnull=False, organization__isnull=True) | Q(
    actor__isnull=True, organization__isnull=False
)
# What a place or building stands for in a link ("Moscow" for Russia) is an organization.
STAND_IN_IS_AN_ORGANIZATION = Q(stand_in=False) | Q(organization__isnull=False)

# An array of record ids, as ArticleFacets keeps them.
IDS = ArrayField(models.BigIntegerField())


class Unnest(Func):
    function = "unnest"
    output_field = models.BigIntegerField()


class Cardinality(Func):
    function = "cardinality"
    output_field = models.IntegerField()


class InArray(Func):
    """`value = ANY(array)`: whether an array holds a value."""

    template = "(%(expressions)s))"
    arg_joiner = " = ANY("
    output_field = models.BooleanField()


class Shared(Func):
    """The ids of the first array that are also in the second, in the first one's order."""

    template = "ARRAY(SELECT x FROM unnest(%(expressions)s))"
    arg_joiner = ") AS x WHERE x = ANY("
    output_field = IDS


def rows_of(queryset) -> ArraySubquery:
    """A to-many relation read in its parent's query: the rows of `queryset` (correlated
    with OuterRef), every concrete field, as an array of JSON objects in its order.
    prefetch_rows() turns them into the relation's prefetched records."""
    fields = {f.attname: f.attname for f in queryset.model._meta.concrete_fields}
    return ArraySubquery(queryset.values(row=JSONObject(**fields)))


def prefetch_rows(instances, relation: str, attribute: str) -> None:
    """Fill each instance's prefetch cache for `relation` with the records whose rows
    (rows_of) it carries in `attribute`, exactly as prefetch_related would: afterwards
    `instance.<relation>.all()` reads them without a query."""
    for instance in instances:
        manager = getattr(instance, relation)
        model = instance._meta.get_field(relation).related_model
        fields = model._meta.concrete_fields
        names = [f.attname for f in fields]
        db = instance._state.db
        records = [
            model.from_db(db, names, [f.to_python(row[f.attname]) for f in fields])
            for row in getattr(instance, attribute) or ()
        ]
        queryset = manager.get_queryset()
        queryset._result_cache, queryset._prefetch_done = records, True
        if not hasattr(instance, "_prefetched_objects_cache"):
            instance._prefetched_objects_cache = {}
        instance._prefetched_objects_cache[_cache_name(manager, relation)] = queryset


def _cache_name(manager, relation: str) -> str:
    """The key a related manager reads its prefetched records from."""
    return getattr(manager, "prefetch_cache_name", None) or relation
