"""The orphan queue in the admin: every annotation and mention whose passage an
edit removed (corpus/anchoring/orphans.py), and a page to place each one again,
choosing among suggested passages or pasting the passage as it now reads."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from corpus.anchoring.orphans import ORPHANED, occurrences, place, quote_of
from corpus.anchoring.selectors import candidates
from corpus.models import Annotation, Mention

SNIPPET_CHARS = 60


class PlaceForm(forms.Form):
    """Where to place an orphan: a suggested passage, or one the editor types."""

    span = forms.ChoiceField(
        label="Suggested passages", required=False, widget=forms.RadioSelect, choices=()
    )
    passage = forms.CharField(
        label="Or the passage as the text now reads it",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Paste it exactly; if it occurs more than once you will be asked which.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, body: str, suggestions: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.body = body
        spans = [(s.start, s.end) for s in suggestions]
        if self.is_bound and (passage := self.data.get("passage")):
            spans += [span for span in occurrences(body, passage) if span not in spans]
        self.fields["span"].choices = [(f"{start}:{end}", f"{start}–{end}") for start, end in spans]
        self.snippets = {f"{start}:{end}": snippet(body, start, end) for start, end in spans}

    def options(self) -> list[tuple]:
        """Each suggested passage's radio button with the passage in its context."""
        return [(choice, self.snippets[choice.data["value"]]) for choice in self["span"]]

    def clean(self):
        cleaned = super().clean()
        passage, span = cleaned.get("passage"), cleaned.get("span")
        if passage:
            found = occurrences(self.body, passage)
            if not found:
                raise forms.ValidationError("That passage is not in the article's text.")
            if len(found) > 1 and span not in {f"{s}:{e}" for s, e in found}:
                raise forms.ValidationError(
                    f"That passage occurs {len(found)} times: choose one of them above."
                )
            if len(found) == 1:
                span = f"{found[0][0]}:{found[0][1]}"
        if not span:
            raise forms.ValidationError("Choose a suggested passage or enter one.")
        start, end = (int(n) for n in span.split(":"))
        cleaned["start"], cleaned["end"] = start, end
        return cleaned


def snippet(body: str, start: int, end: int) -> dict:
    return {
        "before": body[max(0, start - SNIPPET_CHARS) : start],
        "passage": body[start:end],
        "after": body[end : end + SNIPPET_CHARS],
    }


def queue_view(model_admin, request):
    """Every orphaned annotation and mention, by article."""
    if not (
        request.user.has_perm("corpus.view_annotation")
        or request.user.has_perm("corpus.view_mention")
    ):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Orphaned passages",
        "opts": Annotation._meta,
        "annotations": Annotation.objects.filter(anchor=ORPHANED)
        .select_related("article")
        .order_by("article__title", "start"),
        "mentions": Mention.objects.filter(anchor=ORPHANED)
        .select_related("article", "actor", "organization")
        .order_by("article__title", "start"),
    }
    return TemplateResponse(request, "admin/corpus/orphans.html", context)


def place_view(model_admin, request, object_id):
    """Place one orphan (an annotation or a mention) on a passage of its article."""
    model = model_admin.model
    orphan = get_object_or_404(model.objects.select_related("article"), pk=object_id)
    if not model_admin.has_change_permission(request, orphan):
        raise PermissionDenied
    queue = reverse("admin:corpus_annotation_orphans")
    if orphan.anchor != ORPHANED:
        messages.info(request, f"“{orphan}” is already anchored.")
        return HttpResponseRedirect(queue)
    body = orphan.article.body
    suggestions = candidates(quote_of(orphan), body)
    initial = {"version": getattr(orphan, "version", None)}
    if suggestions:
        initial["span"] = f"{suggestions[0].start}:{suggestions[0].end}"
    form = PlaceForm(
        request.POST if request.method == "POST" else None,
        body=body,
        suggestions=suggestions,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if error := place(orphan, form.cleaned_data, request.user):
                form.add_error(None, error)
        if not form.errors:
            messages.success(request, f"Placed “{orphan}”.")
            return HttpResponseRedirect(queue)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Place an orphaned {model._meta.verbose_name}",
        "opts": model._meta,
        "orphan": orphan,
        "form": form,
        "queue_url": queue,
        "delete_url": reverse(f"admin:corpus_{model._meta.model_name}_delete", args=[orphan.pk]),
    }
    return TemplateResponse(request, "admin/corpus/place_orphan.html", context)
