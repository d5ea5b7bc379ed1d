"""Articles in the admin: the list with ranked full-text search, the change page
with the annotator (corpus/editing/annotator/), re-anchoring's report after a text
edit, re-running alias matching; bylines, reader comments, and the seeds' state."""

from django.contrib import admin, messages
from django.contrib.admin.views.main import ORDER_VAR
from django.contrib.postgres.search import SearchRank
from django.db.models import F, Q
from django.urls import path, reverse
from django.utils.html import format_html

from corpus.editing.admin.base import WIDE_ARTICLE_COLUMNS, CorpusAdmin
from corpus.editing.admin.changelists import (
    LargeTableAdmin,
    PublicationFilter,
    full_text_from_the_index,
)
from corpus.editing.annotator import views as annotator
from corpus.editing.workflow import WorkflowAdminMixin, WorkflowForm
from corpus.ingest.mentions import rematch_articles
from corpus.models import Article, Authorship, Comment, SeedState, websearch


class AuthorshipInline(admin.TabularInline):
    model = Authorship
    autocomplete_fields = ["actor"]
    extra = 0


class CommentInline(admin.StackedInline):
    model = Comment
    extra = 0


@admin.register(Article)
class ArticleAdmin(LargeTableAdmin, WorkflowAdminMixin, CorpusAdmin):
    form = WorkflowForm
    list_display = ["display_title", "publication", "date_edtf", "date_certainty", "status"]
    list_filter = ["status", "date_certainty", "year", ("publication", PublicationFilter)]
    list_select_related = ["publication"]
    list_defer = WIDE_ARTICLE_COLUMNS
    # Newest first, read in index order (article_date_idx), ties newest added first.
    ordering = ["-date_start"]
    # Searches rank at most this many matches (see get_search_results).
    RANK_LIMIT = 1000
    search_fields = ["title", "slug", "source_file"]
    autocomplete_fields = ["publication"]
    readonly_fields = ["raw_sha256", "date_start", "date_end", "year", "raw_source"]
    inlines = [AuthorshipInline, CommentInline]
    actions = [*WorkflowAdminMixin.actions, "rematch_mentions"]

    # Select-to-annotate (corpus/editing/annotator/): the change page shows the body with its
    # annotations and mentions; these JSON endpoints create, edit and delete annotations.
    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(function)

        return [
            path(
                "<int:article_id>/annotations/",
                view(annotator.create_view),
                name="corpus_article_annotations",
            ),
            path(
                "<int:article_id>/annotations/<uuid:uuid>/",
                view(annotator.update_view),
                name="corpus_article_annotation",
            ),
            path(
                "<int:article_id>/annotations/<uuid:uuid>/delete/",
                view(annotator.delete_view),
                name="corpus_article_annotation_delete",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["annotator"] = annotator.editor_payload(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changelist_view(self, request, extra_context=None):
        with full_text_from_the_index(request, self.model):
            return super().changelist_view(request, extra_context)

    def get_search_results(self, request, queryset, search_term):
        """Full-text search on title and body (websearch syntax), best match first;
        a title, slug or file name containing the term matches too. A word in more
        than RANK_LIMIT articles keeps the list's order: scoring a match reads its
        stored vector out of line (TOAST), and a common word would take seconds."""
        by_field, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if not search_term.strip():
            return by_field, may_have_duplicates
        query = websearch(search_term)
        by_text = Article.objects.filter(search_vector=query).values("pk")
        # Two indexed sets, not one OR that reads every row's vector.
        matches = queryset.filter(Q(pk__in=by_text) | Q(pk__in=by_field.values("pk")))
        if ORDER_VAR in request.GET or by_text[: self.RANK_LIMIT + 1].count() > self.RANK_LIMIT:
            return matches, False
        ranked = matches.annotate(search_rank=SearchRank(F("search_vector"), query))
        return ranked.order_by("-search_rank", *queryset.query.order_by), False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if report := getattr(obj, "reanchoring", None):
            self.report_reanchoring(request, report)

    def report_reanchoring(self, request, report) -> None:
        placed = report.kept + report.moved + len(report.fuzzy) + len(report.restored)
        self.message_user(
            request,
            f"The text changed: {placed} annotations and mentions were placed on their passages "
            f"({report.moved} moved, {len(report.fuzzy)} on a passage whose words changed, "
            f"{len(report.restored)} found again); alias matching added {report.mentions_added} "
            f"and removed {report.mentions_removed} mentions.",
            messages.SUCCESS,
        )
        if report.orphaned:
            quotes = "; ".join(f"“{getattr(o, 'exact', '')[:60]}”" for o in report.orphaned)
            self.message_user(
                request,
                format_html(
                    "{} lost their passage and are orphaned: {}. "
                    '<a href="{}">Place or delete them in the orphan queue</a>.',
                    f"{len(report.orphaned_annotations)} annotations and "
                    f"{len(report.orphaned_mentions)} mentions",
                    quotes,
                    reverse("admin:corpus_annotation_orphans"),
                ),
                messages.WARNING,
            )

    @admin.action(description="Re-run alias matching on selected articles", permissions=["change"])
    def rematch_mentions(self, request, queryset):
        for article, added, removed in rematch_articles(queryset):
            self.message_user(
                request,
                f"{article}: {added} mentions added, {removed} removed"
                + ("." if added or removed else " (no change)."),
                messages.SUCCESS,
            )


@admin.register(Comment)
class CommentAdmin(CorpusAdmin):
    list_display = ["__str__", "posted", "article"]
    list_select_related = ["article"]
    search_fields = ["text", "author"]
    autocomplete_fields = ["article"]


@admin.register(SeedState)
class SeedStateAdmin(admin.ModelAdmin):
    """What load_seeds last wrote: read-only bookkeeping, for administrators."""

    list_display = ["kind", "key", "fingerprint"]
    list_filter = ["kind"]
    search_fields = ["key"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
