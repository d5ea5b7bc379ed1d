"""Submitting admin change forms from tests the way a browser would: every
field with the value the page showed, changed where the test says so."""

from taggit.utils import edit_string_for_tags


def form_values(form) -> dict:
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        if name == "tags" and not isinstance(value, str):
            value = edit_string_for_tags(value)
        else:
            value = field.prepare_value(value)
        data[form.add_prefix(name)] = [] if value is None else value
    return {key: value for key, value in data.items() if value is not False}


def change_form_data(response, **changes) -> dict:
    """The POST data of the change form (and its inlines) rendered in `response`."""
    data = form_values(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        data.update(form_values(formset.management_form))
        for form in formset.forms:
            data.update(form_values(form))
    data.update(changes)
    return data
