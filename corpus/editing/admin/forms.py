"""The admin's forms for annotations, claims and mentions: optimistic locking
on a version, and passages checked against the article's text."""

from django import forms

from corpus.editing.workflow import WorkflowForm
from corpus.models import Annotation, Mention
from corpus.models.notes import sanitize_note


class VersionedForm(WorkflowForm):
    """Carries the version the editor started from. A save based on an older one
    is refused with the editor's input still in the form; saving again after
    that, knowingly, replaces the other editor's version."""

    based_on_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            # The current version, also when the instance is an old one from the history.
            self.initial["based_on_version"] = self.stored_version()

    def stored_version(self, lock: bool = False) -> int | None:
        rows = type(self.instance).objects.filter(pk=self.instance.pk)
        return (
            (rows.select_for_update() if lock else rows).values_list("version", flat=True).first()
        )

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        name = self._meta.model._meta.verbose_name
        # Locked until the admin's transaction ends, so two saves cannot both pass.
        stored = self.stored_version(lock=True)
        based_on = cleaned.get("based_on_version")
        if stored is None:
            raise forms.ValidationError(
                f"Someone else deleted this {name} while you were editing it; nothing was saved.",
                code="deleted",
            )
        if based_on is None:
            raise forms.ValidationError(
                f"This form did not say which version of the {name} it was based on; "
                "reload the page and make your change again.",
                code="unversioned",
            )
        if based_on != stored:
            data = self.data.copy()
            data[self.add_prefix("based_on_version")] = stored
            self.data = data
            raise forms.ValidationError(
                f"Someone else saved this {name} while you were editing it (you started from "
                f"version {based_on}, it is now at version {stored}). Nothing was saved, and your "
                "changes are still in the form below. Open its history in another tab to see "
                "what they changed; to replace their version with yours, save again.",
                code="stale",
            )
        return cleaned


class AnnotationForm(VersionedForm):
    def clean_note(self):
        return sanitize_note(self.cleaned_data.get("note", ""))

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None and {"article", "start", "end"} <= cleaned.keys():
            check_passage(cleaned["article"].body, cleaned["start"], cleaned["end"])
            overlapped = (
                Annotation.objects.filter(
                    article=cleaned["article"], start__lt=cleaned["end"], end__gt=cleaned["start"]
                )
                .exclude(anchor=Annotation.Anchor.ORPHANED)
                .first()
            )
            if overlapped:
                raise forms.ValidationError(
                    f"The passage overlaps the annotated passage “{overlapped.exact[:80]}” "
                    f"(characters {overlapped.start}–{overlapped.end})."
                )
        return cleaned


class MentionForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        article = cleaned.get("article", getattr(self.instance, "article", None))
        anchor = cleaned.get("anchor", self.instance.anchor)
        start, end = cleaned.get("start"), cleaned.get("end")
        if article and anchor == Mention.Anchor.ANCHORED and None not in (start, end):
            check_passage(article.body, start, end)
        return cleaned


def check_passage(body: str, start: int, end: int) -> None:
    """A clear message for an empty, reversed or out-of-range passage."""
    if end == start:
        raise forms.ValidationError("The passage is empty: it must hold at least one character.")
    if end < start:
        raise forms.ValidationError(f"The passage ends (at {end}) before it starts (at {start}).")
    if end > len(body):
        raise forms.ValidationError(
            f"The passage (characters {start}–{end}) runs past the end of the text, "
            f"which has {len(body)} characters."
        )
    if not body[start:end].strip():
        raise forms.ValidationError("The passage holds only spaces.")
