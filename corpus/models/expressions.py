"""SQL expressions the querysets share: full-text search in websearch syntax, tests
and sets over the id arrays the facet rows keep, and the condition of a link to one
person or organization."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery
from django.db import models
from django.db.models import Func, Q

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


def websearch(q: str) -> SearchQuery:
    return KnownNamesQuery(q, search_type="websearch")


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
