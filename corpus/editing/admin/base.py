"""What every editorial admin shares: the site's titles, history with revert
(django-simple-history), and optimistic locking for records that carry a version."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from simple_history.admin import SimpleHistoryAdmin

from corpus.editing.admin.forms import VersionedForm
from corpus.editing.versioning import save_if_current

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


# The article columns a list of passages, mentions or claims never shows.
WIDE_ARTICLE_COLUMNS = (
    "body",
    "raw_source",
    "search_vector",
    "publication_evidence",
    "date_evidence",
)
