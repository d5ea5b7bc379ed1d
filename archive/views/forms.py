"""GET parameters, validated: malformed input becomes a 400, never a 500."""

import re

from django import forms
from django.core.exceptions import ValidationError

from corpus.models import Claim

SLUG = re.compile(r"^[-\w]+$")
MAX_VALUES = 10


class MultipleValueField(forms.Field):
    """A parameter that may be repeated: ?actor=a&actor=b."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, convert, **kwargs):
        super().__init__(required=False, **kwargs)
        self.convert = convert

    def to_python(self, values):
        values = [v for v in (values or []) if v != ""]
        if len(values) > MAX_VALUES:
            raise ValidationError(f"At most {MAX_VALUES} values.")
        return list(dict.fromkeys(self.convert(v) for v in values))


def slug_value(value: str) -> str:
    if len(value) > 200 or not SLUG.match(value):
        raise ValidationError(f"“{value[:40]}” is not a valid slug.")
    return value


def strict_int(value: str) -> int | None:
    """ASCII digits only: '²'.isdigit() is true but int('²') fails, and int('١') is 1."""
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None


def year_value(value: str) -> int:
    year = strict_int(value)
    if year is None or not 1 <= year <= 9999:
        raise ValidationError(f"“{value[:40]}” is not a year.")
    return year


def claim_kind(value: str) -> str:
    if value not in Claim.Kind.values:
        raise ValidationError(f"“{value[:40]}” is not one of {', '.join(Claim.Kind.values)}.")
    return value


class FacetFilterForm(forms.Form):
    """A search box and facets; `FACETS` names the fields that are facets."""

    FACETS: tuple[str, ...] = ()

    q = forms.CharField(required=False, max_length=200, strip=True)

    # The order without a search (a search is ranked by relevance unless told otherwise).
    UNSEARCHED_ORDER = "date"

    def sort_order(self) -> str:
        """Relevance when searching, UNSEARCHED_ORDER otherwise; relevance needs a search."""
        searched = bool(self.cleaned_data["q"])
        sort = self.cleaned_data["sort"] or ("relevance" if searched else self.UNSEARCHED_ORDER)
        return self.UNSEARCHED_ORDER if sort == "relevance" and not searched else sort

    def selected(self) -> dict:
        """The chosen values of each facet that has any, in facet order."""
        return {f: self.cleaned_data[f] for f in self.FACETS if self.cleaned_data[f]}


class ArticleFilterForm(FacetFilterForm):
    FACETS = ("actor", "organization", "publication", "author", "year", "tag")
    SORTS = {"relevance": "Relevance", "date": "Newest first", "-date": "Oldest first"}

    actor = MultipleValueField(convert=slug_value)
    organization = MultipleValueField(convert=slug_value)
    publication = MultipleValueField(convert=slug_value)
    author = MultipleValueField(convert=slug_value)
    year = MultipleValueField(convert=year_value)
    tag = MultipleValueField(convert=slug_value)
    sort = forms.ChoiceField(required=False, choices=[("", "Default"), *SORTS.items()])


class ClaimFilterForm(FacetFilterForm):
    FACETS = ("claimant", "kind", "tag", "article", "about")
    SORTS = {
        "relevance": "Relevance",
        "-date": "Oldest first",
        "date": "Newest first",
        "claimant": "Claimant (A–Z)",
    }
    # As the record reads: the oldest article first, its passages in text order.
    UNSEARCHED_ORDER = "-date"

    claimant = MultipleValueField(convert=slug_value)
    kind = MultipleValueField(convert=claim_kind)
    tag = MultipleValueField(convert=slug_value)
    article = MultipleValueField(convert=slug_value)
    about = MultipleValueField(convert=slug_value)
    sort = forms.ChoiceField(required=False, choices=[("", "Default"), *SORTS.items()])


def errors_text(form: forms.Form) -> str:
    return "; ".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items())
