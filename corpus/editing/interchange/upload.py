"""Importing an annotation file from the admin: the upload form on the annotation
list (corpus/editing/admin/passages.py routes it here)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from corpus.editing.interchange.importing import import_annotations
from corpus.editing.interchange.readers import ImportFailed
from corpus.models import Article

MAX_BYTES = 20 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Annotation file",
        help_text="W3C Web Annotation JSON-LD (an annotation, a page or a collection, "
        "as this archive exports them) or a Hypothesis export (.json).",
    )
    article = forms.CharField(
        label="Article (optional)",
        required=False,
        help_text="The slug of the article to import onto, when the file's annotations "
        "target another address (the original on the web, say).",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("The file is larger than 20 MB.")
        return upload

    def clean_article(self):
        slug = self.cleaned_data["article"].strip()
        if not slug:
            return None
        article = Article.objects.filter(slug=slug).first()
        if article is None:
            raise forms.ValidationError(f"No article has the slug “{slug[:80]}”.")
        return article


def upload_view(model_admin, request):
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        try:
            report = import_annotations(data, request.user, form.cleaned_data["article"])
        except ImportFailed as error:
            form.add_error("file", f"Nothing was imported: {error}")
        else:
            messages.success(request, report.summary())
            changelist = reverse("admin:corpus_annotation_changelist")
            return HttpResponseRedirect(f"{changelist}?status__exact=draft")
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Import annotations",
        "opts": model_admin.model._meta,
        "form": form,
    }
    return TemplateResponse(request, "admin/corpus/import_annotations.html", context)
