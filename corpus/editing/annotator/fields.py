"""What the annotator's browser may send, checked by forms: the passage, the
annotation's fields, a new claim, the version an edit was based on, and the
editor's reason for the change; anything else is Refused with a message."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import JsonResponse

from corpus.editing.annotator.tags import resolve_tags, split_tags
from corpus.models import Actor, Annotation, Claim, Organization, Status
from corpus.models.notes import sanitize_note


class Refused(Exception):
    """A request the annotator will not carry out, with a message for the editor."""

    def __init__(self, message: str, status: int = 400, errors: dict | None = None):
        super().__init__(message)
        self.status = status
        self.errors = errors or {}

    def response(self) -> JsonResponse:
        return JsonResponse({"error": str(self), "errors": self.errors}, status=self.status)


class PassageFields(forms.Form):
    start = forms.IntegerField(min_value=0)
    end = forms.IntegerField(min_value=0)
    exact = forms.CharField(required=False, strip=False)


NO_SUCH_PERSON = {
    "invalid_choice": "No person has the id %(value)s.",
    "invalid_pk_value": "No person has the id %(pk)s.",
}
NO_SUCH_ORGANIZATION = {
    "invalid_choice": "No organization has the id %(value)s.",
    "invalid_pk_value": "No organization has the id %(pk)s.",
}


class AnnotationFields(forms.Form):
    kind = forms.ChoiceField(choices=Annotation.Kind.choices, required=False)
    status = forms.ChoiceField(choices=Status.choices, required=False)
    note = forms.CharField(required=False, strip=False)
    tags = forms.CharField(required=False, strip=False)
    # The new tags the editor confirmed creating, comma-separated as `tags`.
    new_tags = forms.CharField(required=False, strip=False)
    actors = forms.ModelMultipleChoiceField(
        Actor.objects.all(),
        required=False,
        error_messages=NO_SUCH_PERSON,
    )
    organizations = forms.ModelMultipleChoiceField(
        Organization.objects.all(),
        required=False,
        error_messages=NO_SUCH_ORGANIZATION,
    )

    def clean_note(self):
        return sanitize_note(self.cleaned_data["note"])

    def clean(self):
        data = super().clean()
        if "tags" in data:
            try:
                data["tags"] = resolve_tags(
                    split_tags(data["tags"]), split_tags(data.get("new_tags", ""))
                )
            except ValidationError as error:
                self.add_error("tags", error)
        return data


class ClaimFields(forms.Form):
    claimant_actor = forms.ModelChoiceField(
        Actor.objects.all(),
        required=False,
        error_messages=NO_SUCH_PERSON,
    )
    claimant_organization = forms.ModelChoiceField(
        Organization.objects.all(),
        required=False,
        error_messages=NO_SUCH_ORGANIZATION,
    )
    form = forms.ChoiceField(choices=Claim.Form.choices, required=False)
    kind = forms.ChoiceField(choices=Claim.Kind.choices, required=False)
    text = forms.CharField(required=False)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data.get("claimant_actor") and data.get("claimant_organization"):
            raise ValidationError(
                "A claim has one claimant: a person or an organization, not both."
            )
        if not (data.get("claimant_actor") or data.get("claimant_organization")):
            raise ValidationError("A claim needs a claimant: choose the person or organization.")
        return data


def validated(form_class, data: dict, prefix: str = "") -> dict:
    """The cleaned data of `form_class` over `data`, or Refused naming every bad field."""
    form = form_class(data=data)
    if form.is_valid():
        return form.cleaned_data
    errors, parts = {}, []
    for name, messages in form.errors.items():
        whole = name == NON_FIELD_ERRORS
        key = (prefix.rstrip(".") or "request") if whole else prefix + name
        errors[key] = list(messages)
        parts.append(" ".join(messages) if whole else f"{key}: {' '.join(messages)}")
    raise Refused(" ".join(parts), errors=errors)


class VersionField(forms.Form):
    version = forms.IntegerField(
        min_value=1,
        error_messages={"required": "Send the version you edited, so a stale save is refused."},
    )


class ReasonField(forms.Form):
    # As the admin's "Reason for this change", in simple_history's 100-character column.
    reason = forms.CharField(required=False, max_length=100)


def reason_for(data: dict, done: str) -> tuple[str, str]:
    """The history's change reason (the editor's, else what the annotator `done`) and
    the admin's recent-actions message (what was done, and why when the editor said)."""
    given = data.get("reason") or ""
    if not isinstance(given, str):
        raise Refused("reason: send the reason as text.", errors={"reason": ["Send text."]})
    reason = validated(ReasonField, {"reason": given})["reason"]
    return reason or done, f"{done}: {reason}" if reason else done
