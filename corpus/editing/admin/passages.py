"""Passages in the admin: mentions, annotations and claims, their lists fast over
a million rows, and the orphan queue (corpus/editing/orphan_queue.py)."""

from django.contrib import admin, messages
from django.db.models import Q
from django.urls import path

from corpus.anchoring.selectors import Quote, locate
from corpus.editing import decisions, orphan_queue
from corpus.editing.admin.base import WIDE_ARTICLE_COLUMNS, CorpusAdmin, VersionedAdmin
from corpus.editing.admin.changelists import LargeTableAdmin, searched_through
from corpus.editing.admin.forms import AnnotationForm, MentionForm, VersionedForm
from corpus.editing.interchange import upload
from corpus.editing.workflow import WorkflowAdminMixin
from corpus.models import Actor, Annotation, Article, Claim, Mention, Organization


@admin.register(Mention)
class MentionAdmin(LargeTableAdmin, CorpusAdmin):
    form = MentionForm
    list_display = ["__str__", "article", "source", "anchor"]
    list_filter = ["anchor", "source", "stand_in"]
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
        return orphan_queue.place_view(self, request, object_id)

    # An automatic mention an editor deletes or changes is remembered as rejected, so
    # neither re-matching nor load_seeds makes it again (corpus/editing/decisions.py).
    def delete_model(self, request, obj):
        decisions.delete_mentions([obj], request.user)

    def delete_queryset(self, request, queryset):
        decisions.delete_mentions(queryset.select_related("article"), request.user)

    def save_model(self, request, obj, form, change):
        if change and obj.source == Mention.Source.MATCHER and form.has_changed():
            original = Mention.objects.select_related("article").get(pk=obj.pk)
            decisions.reject_mention(
                original, request.user, "An editor changed this automatic mention"
            )
            obj.source = Mention.Source.EDITOR
        super().save_model(request, obj, form, change)


@admin.register(Annotation)
class AnnotationAdmin(LargeTableAdmin, WorkflowAdminMixin, VersionedAdmin):
    published_needs_publisher = True
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
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="corpus_annotation_import",
            ),
            *super().get_urls(),
        ]

    def orphans_view(self, request):
        return orphan_queue.queue_view(self, request)

    def place_view(self, request, object_id):
        return orphan_queue.place_view(self, request, object_id)

    def import_view(self, request):
        return upload.upload_view(self, request)

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
    published_needs_publisher = True
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
