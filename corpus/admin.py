from django.contrib import admin
from django.db import models
from django.urls import path

from corpus import annotating
from corpus.models import (
    Actor,
    Annotation,
    Article,
    Authorship,
    Claim,
    Comment,
    Mention,
    Organization,
)


class CorpusAdmin(admin.ModelAdmin):
    # Source and authority URLs are web addresses; assume https when typed bare.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class AuthorshipInline(admin.TabularInline):
    model = Authorship
    autocomplete_fields = ["actor"]
    extra = 0


class CommentInline(admin.StackedInline):
    model = Comment
    extra = 0


@admin.register(Article)
class ArticleAdmin(CorpusAdmin):
    list_display = ["display_title", "publication", "date_edtf", "date_certainty", "status"]
    list_filter = ["status", "date_certainty", "year", "publication"]
    search_fields = ["title", "slug", "source_file"]
    autocomplete_fields = ["publication"]
    readonly_fields = ["raw_sha256", "date_start", "date_end", "year", "raw_source"]
    inlines = [AuthorshipInline, CommentInline]

    # Select-to-annotate (corpus/annotating.py): the change page shows the body with its
    # annotations and mentions; these JSON endpoints create, edit and delete annotations.
    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(function)

        return [
            path(
                "<int:article_id>/annotations/",
                view(annotating.create_view),
                name="corpus_article_annotations",
            ),
            path(
                "<int:article_id>/annotations/<uuid:uuid>/",
                view(annotating.update_view),
                name="corpus_article_annotation",
            ),
            path(
                "<int:article_id>/annotations/<uuid:uuid>/delete/",
                view(annotating.delete_view),
                name="corpus_article_annotation_delete",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["annotator"] = annotating.editor_payload(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)


@admin.register(Actor)
class ActorAdmin(CorpusAdmin):
    list_display = ["name", "slug", "description"]
    search_fields = ["name", "slug", "aliases", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organization)
class OrganizationAdmin(CorpusAdmin):
    list_display = ["name", "acronym", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "acronym", "slug", "aliases"]
    autocomplete_fields = ["parent", "members"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Mention)
class MentionAdmin(CorpusAdmin):
    list_display = ["__str__", "article", "source"]
    list_filter = ["source"]
    list_select_related = ["article", "actor", "organization"]
    autocomplete_fields = ["article", "actor", "organization"]


@admin.register(Annotation)
class AnnotationAdmin(CorpusAdmin):
    list_display = ["__str__", "kind", "status", "anchor", "modified"]
    list_filter = ["status", "kind", "anchor"]
    list_select_related = ["article"]
    search_fields = ["exact", "note"]
    autocomplete_fields = ["article", "actors", "organizations"]
    readonly_fields = ["uuid"]


@admin.register(Claim)
class ClaimAdmin(CorpusAdmin):
    list_display = ["__str__", "form", "kind", "status"]
    list_filter = ["status", "form", "kind"]
    list_select_related = ["claimant_actor", "claimant_organization"]
    search_fields = ["text", "key"]
    autocomplete_fields = [
        "claimant_actor",
        "claimant_organization",
        "annotation",
        "same_statement_as",
    ]
