"""Template tags for the archive's admin pages."""

from django import template

from corpus.anchoring.orphans import orphan_counts as count_orphans
from corpus.models import Article, ImportFile, MentionProposal, NameCandidate, Status

register = template.Library()


@register.simple_tag(takes_context=True)
def orphan_counts(context) -> dict:
    """How many annotations and mentions wait in the orphan queue, for users who may see them."""
    user = context["request"].user
    if not (user.has_perm("corpus.view_annotation") or user.has_perm("corpus.view_mention")):
        return {}
    return count_orphans()


@register.simple_tag(takes_context=True)
def editorial_queues(context) -> dict:
    """What waits for an editor or reviewer: previews, unknown names, proposed links and
    articles in review, for users who may see them (four counts, by partial indexes)."""
    user = context["request"].user
    if not user.has_perm("corpus.view_namecandidate"):
        return {}
    return {
        "previews": ImportFile.objects.waiting().count(),
        "names": NameCandidate.objects.pending().count(),
        "proposals": MentionProposal.objects.pending().count(),
        "in_review": Article.objects.filter(status=Status.REVIEW).count(),
    }
