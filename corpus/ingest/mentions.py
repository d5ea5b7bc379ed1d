"""The alias matcher's mentions of an article: made exactly what the matcher finds
in its text now, leaving editors' own mentions, and the curation's, alone."""

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from corpus.ingest.matching import EntityMatcher
from corpus.models import Article, Mention


def sync_mentions(article: Article, matcher: EntityMatcher) -> tuple[int, int]:
    """Make the matcher's mentions of an article exactly what the matcher finds
    now; editors' own mentions, and the seed curation's, are left alone.
    Returns (added, removed)."""
    wanted = {
        (
            m.start,
            m.end,
            m.entity_id if m.kind == "actor" else None,
            m.entity_id if m.kind == "organization" else None,
        )
        for m in matcher.find(article.body)
    }
    anchored = article.mentions.filter(anchor=Mention.Anchor.ANCHORED)
    existing = {
        (m.start, m.end, m.actor_id, m.organization_id): m.pk
        for m in anchored.filter(source=Mention.Source.MATCHER)
    }
    stale = [pk for key, pk in existing.items() if key not in wanted]
    # An editor's (or the curation's) mention of the same passage and entity already says
    # what the matcher would.
    taken = existing.keys() | {
        (m.start, m.end, m.actor_id, m.organization_id)
        for m in anchored.exclude(source=Mention.Source.MATCHER)
    }
    new = sorted(wanted - taken, key=lambda k: k[:2])
    # Deleted one by one (signals) and created with history, so the history shows the change.
    Mention.objects.filter(pk__in=stale).delete()
    bulk_create_with_history(
        [
            Mention(article=article, start=start, end=end, actor_id=actor, organization_id=org)
            for start, end, actor, org in new
        ],
        Mention,
        default_change_reason="Alias matching",
    )
    return len(new), len(stale)


def rematch_articles(articles) -> list[tuple[Article, int, int]]:
    """Run the alias matcher again over each article: (article, added, removed)."""
    with transaction.atomic():
        matcher = EntityMatcher.from_database()
        return [(article, *sync_mentions(article, matcher)) for article in articles]
