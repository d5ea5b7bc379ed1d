"""The forms of an import through the admin: the upload (one or many files, or a
zip of them) and the preview's corrections to the parsed metadata."""

from dataclasses import asdict

from django import forms
from django.core.exceptions import ValidationError

from corpus.ingest.importing import Metadata
from corpus.ingest.names.words import person_like
from corpus.models import Article, Status
from corpus.models.dates import bounds


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="Files",
        allow_empty_file=True,  # an empty file gets the importer's own one-line error
        help_text="Article files (.txt or .md) in any of the archive's formats, or a zip of them.",
    )


class MetadataForm(forms.Form):
    """What the parser read, for the editor to correct before the article is created."""

    title = forms.CharField(max_length=500)
    title_supplied = forms.BooleanField(
        required=False,
        label="The title is supplied",
        help_text="The source has no title; this one is devised. Shown in [brackets].",
    )
    authors = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line, in byline order. Leave empty when the source names no author.",
    )
    date_edtf = forms.CharField(
        label="Date (EDTF)",
        required=False,
        max_length=60,
        help_text="2011-09-05, 2011-09, 2011?, or [2011-05-09, 2011-09-05] for one of two.",
    )
    date_certainty = forms.ChoiceField(choices=Article.DateCertainty.choices)
    date_evidence = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    publication = forms.CharField(required=False, max_length=200)
    publication_evidence = forms.CharField(required=False, max_length=500)
    volume = forms.CharField(required=False, max_length=20)
    issue = forms.CharField(required=False, max_length=20)
    source_url = forms.URLField(required=False, max_length=500, assume_scheme="https")
    status = forms.ChoiceField(
        choices=[(Status.REVIEW, "In review"), (Status.DRAFT, "Draft")],
        initial=Status.REVIEW,
        label="Import as",
        help_text="A reviewer publishes it; nothing is public before.",
    )

    @classmethod
    def initial_from(cls, metadata: Metadata) -> dict:
        initial = asdict(metadata)
        initial["authors"] = "\n".join(metadata.authors)
        initial["status"] = Status.REVIEW
        return initial

    def clean_authors(self) -> list[str]:
        names = [line.strip() for line in self.cleaned_data["authors"].splitlines()]
        names = [name for name in names if name]
        for name in names:
            if not person_like(name):
                raise ValidationError(
                    f"“{name}” does not read as a person’s name (two to five capitalized words)."
                )
        return names

    def clean_date_edtf(self) -> str:
        value = self.cleaned_data["date_edtf"].strip()
        try:
            bounds(value)
        except ValueError as error:
            raise ValidationError(str(error)) from None
        return value

    def clean(self):
        data = super().clean()
        edtf, certainty = data.get("date_edtf", ""), data.get("date_certainty")
        if edtf and certainty == Article.DateCertainty.UNKNOWN:
            data["date_certainty"] = Article.DateCertainty.INFERRED
        if not edtf:
            data["date_certainty"] = Article.DateCertainty.UNKNOWN
        if (
            data.get("date_certainty") == Article.DateCertainty.INFERRED
            and not data.get("date_evidence", "").strip()
        ):
            self.add_error("date_evidence", "An inferred date must record its evidence.")
        return data

    def corrections(self) -> dict:
        """The metadata as corrected, for ImportFile.corrections."""
        return {name: self.cleaned_data[name] for name in asdict(Metadata())}
