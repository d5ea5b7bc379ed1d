"""People and organizations in the admin, with merging duplicates into one
(corpus/editing/merging.py)."""

from django.contrib import admin, messages
from django.db.models import Count
from django.template.response import TemplateResponse

from corpus.editing.admin.base import CorpusAdmin
from corpus.editing.merging import merge_entities
from corpus.models import Actor, Organization


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
    search_fields = ["name", "acronym", "slug", "aliases", "stand_ins"]
    autocomplete_fields = ["parent", "members"]
    prepopulated_fields = {"slug": ["name"]}
    merge_counts = {
        **EntityAdmin.merge_counts,
        "article_count": Count("published_articles", distinct=True),
    }
