"""Admin change lists that stay fast over a million rows.

`LargeTableAdmin` gives a model admin:
- an estimated count when nothing narrows the list: PostgreSQL's own estimate
  (pg_class.reltuples, kept by ANALYZE and autovacuum) instead of a count(*)
  that reads every row; filtered and searched lists are counted exactly;
- no second count of the whole table ("99 results (1,000,000 total)");
- `list_defer`: wide columns the list never shows (article bodies, raw files)
  are left out of its query;
- each row's selection box written directly, not through a form widget's template.
"""

from contextlib import contextmanager

from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.views.main import SEARCH_VAR, ChangeList
from django.contrib.postgres.expressions import ArraySubquery
from django.core.paginator import Paginator
from django.db import connections, router, transaction
from django.db.models import BooleanField, F, Func, Q
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _

# Below this many rows an exact count is cheap, and an estimate not worth its error.
ESTIMATE_ABOVE = 100_000


def estimated_rows(model, using: str) -> int:
    """PostgreSQL's estimate of a table's rows; -1 when never analysed."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
            [model._meta.db_table],
        )
        row = cursor.fetchone()
    return row[0] if row else -1


class EstimatedCountPaginator(Paginator):
    """Counts an unfiltered list of a large table from the planner's estimate.

    The estimate is as fresh as the last ANALYZE (autovacuum runs it as the table
    changes by a tenth), so the last page number may be a little off: a page past
    the real end is empty, never an error."""

    @cached_property
    def count(self):
        rows = self.object_list
        if not rows.query.where:
            estimate = estimated_rows(rows.model, rows.db)
            if estimate > ESTIMATE_ABOVE:
                return estimate
        return super().count


class LeanChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        rows = super().get_queryset(request, exclude_parameters)
        return rows.defer(*self.model_admin.list_defer) if self.model_admin.list_defer else rows


class LargeTableAdmin:
    """A model admin mixin (put it first) for lists of many rows."""

    paginator = EstimatedCountPaginator
    show_full_result_count = False
    # Columns, or related columns through list_select_related, the list never shows.
    list_defer: tuple[str, ...] = ()

    def get_changelist(self, request, **kwargs):
        return LeanChangeList

    def action_checkbox(self, obj):
        """The row's selection box, as Django's CheckboxInput renders it, without a
        widget template per row: at 100 rows a page, those renders were a third of
        the article changelist's time."""
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            str(obj.pk),
            format_html(_("Select this object for an action - {}"), str(obj)),
        )


class PublicationFilter(admin.RelatedFieldListFilter):
    """Publications are media organizations: offer those, not every organization."""

    def field_choices(self, field, request, model_admin):
        ordering = self.field_admin_ordering(field, request, model_admin)
        return field.get_choices(
            include_blank=False, ordering=ordering, limit_choices_to={"kind": "media"}
        )


@contextmanager
def full_text_from_the_index(request, model):
    """While the list is searched, take full-text matches from the GIN index.

    The planner prices `search_vector @@ query` as one cheap call, but on a table
    scan each call reads the row's vector out of line (TOAST, 3.5 kB): for a word
    in most articles it picks a one-second scan over a bitmap of the index that
    needs no vector at all. SET LOCAL lasts only for this transaction."""
    if not request.GET.get(SEARCH_VAR, "").strip():
        yield
        return
    using = router.db_for_read(model)
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield


class AnyOf(Func):
    """`column = ANY(ARRAY(subquery))`: a set computed once and looked up by index,
    where `column IN (subquery)` inside an OR makes PostgreSQL read every row."""

    template = "%(expressions)s)"
    arg_joiner = " = ANY("
    output_field = BooleanField()


def searched_through(queryset, search_term: str, lookups: dict, own=None):
    """Rows where each word of the search matches one of `lookups` ({column naming
    a record: word -> those records' queryset}, e.g. {"actor_id": lambda word:
    Actor.objects.filter(name__icontains=word)}) or `own` (word -> a Q on the row)."""
    for word in search_term.split():
        condition = own(word) if own else Q(pk__in=[])
        for column, records in lookups.items():
            condition |= AnyOf(F(column), ArraySubquery(records(word).order_by().values("pk")))
        queryset = queryset.filter(condition)
    return queryset
