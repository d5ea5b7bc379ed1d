"""The editors' admin: every editorial model with filters, ranked search and
history (django-simple-history, with revert); the review workflow's actions
(corpus/workflow.py); the orphan queue (corpus/orphans.py); merging duplicate
people and organizations and re-running alias matching (corpus/curation.py)."""

from django.contrib import admin, messages
from django.contrib.admin.views.main import ORDER_VAR
from django.contrib.postgres.search import SearchRank
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Count, F, Q
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from corpus import annotator, orphans
from corpus.anchoring import Quote, locate
from corpus.changelists import (
    LargeTableAdmin,
    PublicationFilter,
    full_text_from_the_index,
    searched_through,
)
from corpus.curation import merge_entities, rematch_articles
from corpus.forms import AnnotationForm, MentionForm, VersionedForm
from corpus.models import (
    Actor,
    Annotation,
    Article,
    Authorship,
    Claim,
    Comment,
    Mention,
    Organization,
    SeedState,
)
from corpus.querysets import websearch
from corpus.versioning import save_if_current
from corpus.workflow import WorkflowAdminMixin, WorkflowForm

admin.site.site_header = "CSTO Archive: editors’ desk"
admin.site.site_title = "CSTO Archive editors"
admin.site.index_title = "Curate, annotate and review"

# The front page shows how many passages wait in the orphan queue.
admin.site.index_template = "admin/corpus/site_index.html"


class CorpusAdmin(SimpleHistoryAdmin):
    # Source and authority URLs are web addresses; assume https when typed bare.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    history_list_per_page = 50

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Revert to an old version: only for those who may change the record, and
        atomically, so the version check and the save see the same row."""
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        request.reverting_to = version_id
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        self.note_revert(request, obj)
        super().save_model(request, obj, form, change)

    @staticmethod
    def note_revert(request, obj) -> None:
        obj._history_user = request.user
        if version := getattr(request, "reverting_to", None):
            obj._change_reason = f"Reverted to the version of history entry {version}"


class VersionedAdmin(CorpusAdmin):
    """Saves a change only if nobody saved the record since the form was loaded."""

    form = VersionedForm

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        self.note_revert(request, obj)
        save_if_current(obj, form.cleaned_data["based_on_version"])


class AuthorshipInline(admin.TabularInline):
    model = Authorship
    autocomplete_fields = ["actor"]
    extra = 0


class CommentInline(admin.StackedInline):
    model = Comment
    extra = 0


# The article columns a list of passages, mentions or claims never shows.
WIDE_ARTICLE_COLUMNS = (
    "body",
    "raw_source",
    "search_vector",
    "publication_evidence",
    "date_evidence",
)


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

    # Select-to-annotate (corpus/annotator.py): the change page shows the body with its
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


class EntityAdmin(CorpusAdmin):
    """People and organizations: merging duplicates into one."""

    actions = ["merge_selected"]
    merge_counts = {
        "mention_count": Count("mentions", distinct=True),
        "claim_count": Count("claims", distinct=True),
        "annotation_count": Count("annotations", distinct=True),
    }

    @admin.action(
        description="Merge selected duplicates into one…", permissions=["change", "delete"]
    )
    def merge_selected(self, request, queryset):
        entities = list(queryset.annotate(**self.merge_counts).order_by("pk"))
        if len(entities) < 2:
            self.message_user(request, "Select at least two records to merge.", messages.ERROR)
            return None
        survivor_id = request.POST.get("survivor", "")
        if request.POST.get("post") == "yes":
            survivor = next((e for e in entities if str(e.pk) == survivor_id), None)
            if survivor is None:
                self.message_user(request, "Choose which record stays.", messages.ERROR)
                return None
            result = merge_entities(survivor, [e for e in entities if e is not survivor])
            moved = ", ".join(f"{count} {what}" for what, count in result.moved.items())
            self.message_user(
                request,
                f"Merged {', '.join(result.merged)} into {survivor}; moved {moved}. "
                "Their names are now its aliases.",
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": f"Merge {self.model._meta.verbose_name_plural}",
            "opts": self.model._meta,
            "entities": entities,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/corpus/merge_confirmation.html", context)


@admin.register(Actor)
class ActorAdmin(EntityAdmin):
    list_display = ["name", "slug", "alias_list", "description"]
    search_fields = ["name", "slug", "aliases", "description"]
    prepopulated_fields = {"slug": ["name"]}
    merge_counts = {
        **EntityAdmin.merge_counts,
        "article_count": Count("authorships", distinct=True),
    }

    @admin.display(description="Aliases")
    def alias_list(self, actor):
        return ", ".join(actor.aliases)


@admin.register(Organization)
class OrganizationAdmin(EntityAdmin):
    list_display = ["name", "acronym", "kind", "parent"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "acronym", "slug", "aliases"]
    autocomplete_fields = ["parent", "members"]
    prepopulated_fields = {"slug": ["name"]}
    merge_counts = {
        **EntityAdmin.merge_counts,
        "article_count": Count("published_articles", distinct=True),
    }


@admin.register(Mention)
class MentionAdmin(LargeTableAdmin, CorpusAdmin):
    form = MentionForm
    list_display = ["__str__", "article", "source", "anchor"]
    list_filter = ["anchor", "source"]
    list_select_related = ["article", "actor", "organization"]
    list_defer = tuple(f"article__{column}" for column in WIDE_ARTICLE_COLUMNS)
    # Newest first, by primary key: any other order sorts a million rows.
    ordering = ["-pk"]
    search_fields = ["actor__name", "organization__name", "organization__acronym", "article__title"]
    autocomplete_fields = ["article", "actor", "organization"]
    readonly_fields = ["exact", "prefix", "suffix"]

    def get_search_results(self, request, queryset, search_term):
        """The search_fields, each word found first in the people, organizations and
        titles, then among a million mentions by index (not one join per mention)."""
        return searched_through(
            queryset,
            search_term,
            {
                "actor_id": lambda word: Actor.objects.filter(name__icontains=word),
                "organization_id": lambda word: Organization.objects.filter(
                    Q(name__icontains=word) | Q(acronym__icontains=word)
                ),
                "article_id": lambda word: Article.objects.filter(title__icontains=word),
            },
        ), False

    def get_urls(self):
        return [
            path(
                "<int:object_id>/place/",
                self.admin_site.admin_view(self.place_view),
                name="corpus_mention_place",
            ),
            *super().get_urls(),
        ]

    def place_view(self, request, object_id):
        return orphans.place_view(self, request, object_id)


@admin.register(Annotation)
class AnnotationAdmin(LargeTableAdmin, WorkflowAdminMixin, VersionedAdmin):
    form = AnnotationForm
    list_display = ["__str__", "kind", "status", "anchor", "modified"]
    list_filter = ["status", "anchor", "kind"]
    list_select_related = ["article"]
    list_defer = tuple(f"article__{column}" for column in WIDE_ARTICLE_COLUMNS)
    # Newest first, by primary key: any other order sorts a million rows.
    ordering = ["-pk"]
    search_fields = ["exact", "note"]
    autocomplete_fields = ["article", "actors", "organizations"]
    passage_fields = ["exact", "prefix", "suffix", "anchor", "start", "end"]
    record_fields = ["uuid", "author", "created", "modified"]

    def get_fieldsets(self, request, obj=None):
        passage = (
            ["article", ("start", "end")] if obj is None else ["article", *self.passage_fields]
        )
        return [
            ("Passage", {"fields": passage}),
            (
                "Annotation",
                {"fields": ["kind", "note", "tags", "actors", "organizations", "status"]},
            ),
            (
                "Record",
                {"fields": [*([] if obj is None else self.record_fields), "based_on_version"]},
            ),
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if obj is None:
            return readonly
        # A passage moves only by re-anchoring, the orphan queue or the article page.
        return [*readonly, "article", *self.passage_fields, *self.record_fields]

    def get_urls(self):
        return [
            path(
                "orphans/",
                self.admin_site.admin_view(self.orphans_view),
                name="corpus_annotation_orphans",
            ),
            path(
                "<int:object_id>/place/",
                self.admin_site.admin_view(self.place_view),
                name="corpus_annotation_place",
            ),
            *super().get_urls(),
        ]

    def orphans_view(self, request):
        return orphans.queue_view(self, request)

    def place_view(self, request, object_id):
        return orphans.place_view(self, request, object_id)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.place(obj.start, obj.end)
            obj.author = obj.author or request.user
        elif obj.anchor == Annotation.Anchor.ANCHORED and obj.text() != obj.exact:
            # Reverting to a version from before the text changed: find its passage now.
            placement = locate(
                Quote(obj.exact, obj.prefix, obj.suffix, obj.start, obj.end), obj.article.body
            )
            if placement:
                obj.place(placement.start, placement.end)
            else:
                obj.anchor = Annotation.Anchor.ORPHANED
                self.message_user(
                    request,
                    "Its passage is no longer in the text: it is now in the orphan queue.",
                    messages.WARNING,
                )
        super().save_model(request, obj, form, change)


@admin.register(Claim)
class ClaimAdmin(LargeTableAdmin, WorkflowAdminMixin, VersionedAdmin):
    form = VersionedForm
    list_display = ["__str__", "article", "form", "kind", "status"]
    list_filter = ["status", "form", "kind"]
    list_select_related = ["claimant_actor", "claimant_organization", "annotation__article"]
    list_defer = tuple(f"annotation__article__{column}" for column in WIDE_ARTICLE_COLUMNS)
    # Newest first, by primary key: any other order sorts every claim.
    ordering = ["-pk"]
    search_fields = ["text", "key", "claimant_actor__name", "claimant_organization__name"]
    autocomplete_fields = [
        "claimant_actor",
        "claimant_organization",
        "annotation",
        "same_statement_as",
    ]

    def get_search_results(self, request, queryset, search_term):
        """The search_fields, each word found in the claims' own words or among the
        people and organizations first, then by index (not one join per claim)."""
        return searched_through(
            queryset,
            search_term,
            {
                "claimant_actor_id": lambda word: Actor.objects.filter(name__icontains=word),
                "claimant_organization_id": lambda word: Organization.objects.filter(
                    name__icontains=word
                ),
            },
            own=lambda word: Q(text__icontains=word) | Q(key__icontains=word),
        ), False

    @admin.display(description="Article", ordering="annotation__article__title")
    def article(self, claim):
        return claim.annotation.article


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
