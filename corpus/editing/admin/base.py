"""What every editorial admin shares: the site's titles, history with revert
(django-simple-history), and optimistic locking for records that carry a version."""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from simple_history.admin import SimpleHistoryAdmin

from corpus.editing.admin.forms import VersionedForm
from corpus.editing.admin.history import WordDiffHistory
from corpus.editing.versioning import save_if_current

admin.site.site_header = "CSTO Archive: editors’ desk"
admin.site.site_title = "CSTO Archive editors"
admin.site.index_title = "Curate, annotate and review"

# The front page shows how many passages wait in the orphan queue.
admin.site.index_template = "admin/corpus/site_index.html"


# The form field an editor may fill to say why, kept as the history's change reason.
CHANGE_REASON = "change_reason"


def reason_field():
    return forms.CharField(
        label="Reason for this change",
        required=False,
        max_length=100,  # simple_history's history_change_reason column
        help_text="Optional; shown in the history beside what changed.",
    )


class CorpusAdmin(SimpleHistoryAdmin):
    # Source and authority URLs are web addresses; assume https when typed bare.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    history_list_per_page = 50

    def get_historical_record_context_helper(self, request, historical_record):
        return WordDiffHistory(self.model, historical_record)

    def get_form(self, request, obj=None, change=False, **kwargs):
        """The model's form, and on a change, the optional reason for the history."""
        if "fields" not in kwargs:
            kwargs["fields"] = flatten_fieldsets(self.get_fieldsets(request, obj))
        if kwargs["fields"] is not None:
            kwargs["fields"] = [f for f in kwargs["fields"] if f != CHANGE_REASON]
        form = super().get_form(request, obj, change, **kwargs)
        if obj is None:
            return form
        return type(form)(form.__name__, (form,), {CHANGE_REASON: reason_field()})

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or CHANGE_REASON in flatten_fieldsets(fieldsets):
            return fieldsets
        return [*fieldsets, ("Why", {"fields": [CHANGE_REASON]})]

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Revert to an old version: only for those who may change the record, and
        atomically, so the version check and the save see the same row."""
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        request.reverting_to = version_id
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        self.note_revert(request, obj, form)
        super().save_model(request, obj, form, change)

    @staticmethod
    def note_revert(request, obj, form=None) -> None:
        obj._history_user = request.user
        if version := getattr(request, "reverting_to", None):
            obj._change_reason = f"Reverted to the version of history entry {version}"
        elif form is not None and (reason := form.cleaned_data.get(CHANGE_REASON)):
            obj._change_reason = reason


class VersionedAdmin(CorpusAdmin):
    """Saves a change only if nobody saved the record since the form was loaded."""

    form = VersionedForm

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        self.note_revert(request, obj, form)
        save_if_current(obj, form.cleaned_data["based_on_version"])


# The article columns a list of passages, mentions or claims never shows.
WIDE_ARTICLE_COLUMNS = (
    "body",
    "raw_source",
    "search_vector",
    "publication_evidence",
    "date_evidence",
)
