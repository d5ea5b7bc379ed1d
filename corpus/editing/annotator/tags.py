"""Tags as the annotator's editor types them: names separated by commas only (so
"regime security" is one tag), each resolved to the existing tag of that name or
slug ("regime security" is `regime-security`); a new tag is created only when the
editor confirmed it."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import slugify
from taggit.models import Tag


def split_tags(text: str) -> list[str]:
    """The names in `text`, split on commas only, quotes and spaces trimmed, once each."""
    names = (name.strip().strip('"').strip() for name in (text or "").split(","))
    return list(dict.fromkeys(name for name in names if name))


def resolve_tags(names: list[str], confirmed_new: list[str]) -> list:
    """Each name as its existing Tag, or as itself if the editor confirmed creating
    it; ValidationError naming the new tags nobody confirmed."""
    if not names:
        return []
    wanted = Q(slug__in=[slugify(name) for name in names])
    for name in names:
        wanted |= Q(name__iexact=name)
    existing = list(Tag.objects.filter(wanted))
    by_name = {tag.name.lower(): tag for tag in existing}
    by_slug = {tag.slug: tag for tag in existing}
    confirmed = {name.lower() for name in confirmed_new}
    resolved, unconfirmed = [], []
    for name in names:
        tag = by_name.get(name.lower()) or by_slug.get(slugify(name))
        if tag is not None:
            resolved.append(tag)
        elif name.lower() in confirmed:
            resolved.append(name)
        else:
            unconfirmed.append(name)
    if unconfirmed:
        listed = ", ".join(f"“{name}”" for name in unconfirmed)
        raise ValidationError(
            f"No tag is called {listed} yet: choose an existing tag, or confirm "
            "that a new one should be created.",
            code="new_tag",
        )
    return list(dict.fromkeys(resolved))


def known_tag_names() -> list[str]:
    """Every tag's name, for the annotator to complete from (one query)."""
    return list(Tag.objects.order_by("name").values_list("name", flat=True))
