"""Imports in the admin: upload files or a zip (add), see the batch, and preview each
file before anything is saved: its metadata with the evidence for the date (to
correct), body, comments, the links and how sure each is, and the names the archive
does not know (to create, alias or dismiss). Confirming creates a draft or an article
in review; only a reviewer's publishing makes it public."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from corpus.editing.admin.decisions import decide_candidate
from corpus.editing.admin.import_forms import MetadataForm, UploadForm
from corpus.ingest import staging
from corpus.ingest.parsing import ParseError
from corpus.models import ImportBatch, ImportFile, NameCandidate


def _number(object_id: str) -> int:
    """The id in an admin URL; a malformed one is a 404, not a 500."""
    if not object_id.isdigit():
        raise Http404(f"No such record: {object_id!r}")
    return int(object_id)


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["__str__", "uploaded_by", "created"]
    list_select_related = ["uploaded_by"]

    def add_view(self, request, form_url="", extra_context=None):
        """The upload: each readable file becomes a preview; bad ones are named, not kept."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            uploads = [(upload.name, upload.read()) for upload in form.cleaned_data["files"]]
            staged = staging.stage_uploads(uploads, request.user)
            for error in staged.errors:
                messages.error(request, f"Not imported: {error}")
            if staged.batch is not None:
                files = list(staged.batch.files.all())
                for import_file in files:
                    staging.note_candidates(import_file)
                if len(files) == 1 and not staged.errors:
                    return redirect(files[0].get_absolute_url())
                return redirect(staged.batch.get_absolute_url())
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Import articles",
            "form": form,
        }
        return TemplateResponse(request, "admin/corpus/importbatch/upload.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        batch = get_object_or_404(ImportBatch, pk=_number(object_id))
        if not self.has_view_permission(request, batch):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": str(batch),
            "batch": batch,
            "files": batch.files.select_related("article").defer("raw_source"),
        }
        return TemplateResponse(request, "admin/corpus/importbatch/batch.html", context)


@admin.register(ImportFile)
class ImportFileAdmin(admin.ModelAdmin):
    list_display = ["filename", "state", "batch", "article"]
    list_filter = ["state"]
    list_select_related = ["batch", "article"]
    search_fields = ["filename"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("raw_source")

    def has_add_permission(self, request):
        return False  # files come in through an import

    def change_view(self, request, object_id, form_url="", extra_context=None):
        import_file = get_object_or_404(ImportFile, pk=_number(object_id))
        if not self.has_view_permission(request, import_file):
            raise PermissionDenied
        if request.method == "POST":
            if not self.has_change_permission(request, import_file):
                raise PermissionDenied
            return self.preview_post(request, import_file)
        shown = staging.preview(import_file)
        form = MetadataForm(initial=MetadataForm.initial_from(shown.metadata))
        return self.render_preview(request, shown, form)

    def preview_post(self, request, import_file):
        shown = staging.preview(import_file)
        form = MetadataForm(request.POST)
        if "_discard" in request.POST and import_file.state != ImportFile.State.IMPORTED:
            import_file.state = ImportFile.State.DISCARDED
            import_file.save(update_fields=["state"])
            messages.success(request, f"{import_file} was discarded; nothing was imported.")
            return redirect(import_file.batch.get_absolute_url())
        if import_file.state != ImportFile.State.PREVIEW:
            messages.error(request, f"{import_file} is {import_file.get_state_display().lower()}.")
            return redirect(import_file.get_absolute_url())
        if not form.is_valid():
            messages.error(request, "Please correct the errors below; nothing was saved.")
            return self.render_preview(request, shown, form)
        import_file.corrections = form.corrections()
        import_file.save(update_fields=["corrections"])
        if decision := request.POST.get("decide"):
            action, _, pk = decision.partition(":")
            candidate = get_object_or_404(NameCandidate, pk=_number(pk))
            decide_candidate(request, candidate, action, request.POST.get(f"alias-{pk}", ""))
            return redirect(import_file.get_absolute_url())
        if "_confirm" in request.POST:
            try:
                result = staging.confirm(import_file, form.cleaned_data["status"])
            except ParseError as error:
                messages.error(request, f"Not imported: {error}")
                return redirect(import_file.get_absolute_url())
            article = result.article
            messages.success(
                request,
                f"Imported “{article.display_title}” ({article.get_status_display().lower()}). "
                "It is public once a reviewer publishes it.",
            )
            return redirect(reverse("admin:corpus_article_change", args=[article.pk]))
        messages.success(request, "Corrections saved.")
        return redirect(import_file.get_absolute_url())

    def render_preview(self, request, shown, form):
        import_file = shown.import_file
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Preview of {import_file.filename}",
            "preview": shown,
            "form": form,
            "import_file": import_file,
            "can_confirm": import_file.state == ImportFile.State.PREVIEW
            and shown.duplicate_of is None
            and self.has_change_permission(request, import_file),
        }
        return TemplateResponse(request, "admin/corpus/importfile/preview.html", context)
