"""Template tags for the archive's admin pages."""

from django import template

from corpus.anchoring.orphans import orphan_counts as count_orphans

register = template.Library()


@register.simple_tag(takes_context=True)
def orphan_counts(context) -> dict:
    """How many annotations and mentions wait in the orphan queue, for users who may see them."""
    user = context["request"].user
    if not (user.has_perm("corpus.view_annotation") or user.has_perm("corpus.view_mention")):
        return {}
    return count_orphans()
