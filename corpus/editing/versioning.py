"""Optimistic locking for editorial records that carry a `version` field.

An editor's form or request carries the version it was based on. A save based
on an older version is refused with StaleEdit, never last-write-wins.
"""

from django.db import transaction


class StaleEdit(Exception):
    """Someone else saved or deleted the record since this edit began."""


def save_if_current(instance, expected_version: int, **save_kwargs) -> None:
    """Save `instance` if its stored version is still `expected_version`, and
    bump the version. Locks the row so two concurrent saves cannot both pass."""
    model = type(instance)
    with transaction.atomic():
        stored = (
            model.objects.select_for_update()
            .filter(pk=instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if stored is None:
            raise StaleEdit(f"This {model._meta.verbose_name} was deleted by someone else.")
        if stored != expected_version:
            raise StaleEdit(
                f"This {model._meta.verbose_name} was changed by someone else while you were "
                f"editing it (your version {expected_version}, now version {stored}). "
                "Reload it to see their change, then make yours again."
            )
        instance.version = stored + 1
        instance.save(**save_kwargs)
