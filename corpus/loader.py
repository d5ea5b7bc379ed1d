"""Bring raw article files into the archive: import new ones, and load the
five seeds with their curation (seeds/curation/*.toml)."""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from corpus.matching import EntityMatcher
from corpus.models import Actor, Article, Authorship, Comment, Mention, Organization
from corpus.parsing import ParsedArticle, ParseError, decode, parse

UNTITLED_WORDS = 8


@dataclass
class SourceFile:
    path: Path
    raw: str
    sha256: str
    parsed: ParsedArticle


def read_source(path: Path) -> SourceFile:
    """Read and parse one raw file; ParseError says what is wrong with it."""
    if not path.exists():
        raise ParseError("no such file")
    if not path.is_file():
        raise ParseError("not a regular file")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ParseError(f"cannot be read ({error.strerror})") from None
    raw = decode(data)
    return SourceFile(path, raw, hashlib.sha256(data).hexdigest(), parse(raw))


def unique_slug(model, text: str, exclude_pk=None) -> str:
    base = slugify(text)[:180].strip("-") or "untitled"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def supplied_title(body: str) -> str:
    words = body.split()
    return " ".join(words[:UNTITLED_WORDS]) + ("…" if len(words) > UNTITLED_WORDS else "")


def sync_mentions(article: Article, matcher: EntityMatcher) -> tuple[int, int]:
    """Make the matcher's mentions of an article exactly what the matcher finds
    now; editors' own mentions are left alone. Returns (added, removed)."""
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
    # An editor's mention of the same passage and entity already says what the matcher would.
    taken = existing.keys() | {
        (m.start, m.end, m.actor_id, m.organization_id)
        for m in anchored.filter(source=Mention.Source.EDITOR)
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


def create_comments(article: Article, parsed: ParsedArticle) -> None:
    bulk_create_with_history(
        [
            Comment(
                article=article,
                position=position,
                author=comment.author,
                posted=comment.posted,
                posted_on=comment.posted_on,
                text=comment.text,
            )
            for position, comment in enumerate(parsed.comments)
        ],
        Comment,
    )


@dataclass
class ImportResult:
    article: Article
    created: bool
    linked: list[str] = field(default_factory=list)


def import_source(source: SourceFile, matcher: EntityMatcher) -> ImportResult:
    """Create an article from a parsed file, linking known entities by alias.
    A file whose hash is already in the archive is not imported twice."""
    if existing := Article.objects.filter(raw_sha256=source.sha256).first():
        return ImportResult(existing, created=False)
    parsed = source.parsed
    title, title_supplied = parsed.title, not parsed.title
    if title_supplied:
        title = supplied_title(parsed.body)
    article = Article(
        title=title,
        title_supplied=title_supplied,
        slug=unique_slug(Article, title),
        publication=_publication(parsed.publication),
        publication_evidence=parsed.publication_evidence,
        volume=parsed.volume,
        issue=parsed.issue,
        source_url=parsed.source_url,
        source_file=source.path.name,
        raw_source=source.raw,
        body=parsed.body,
    )
    if parsed.date_edtf:
        article.date_edtf = parsed.date_edtf
        article.date_certainty = Article.DateCertainty.STATED
        article.date_evidence = f"Dateline in the source: “{parsed.date_text}”."
    article.save()
    for position, name in enumerate(parsed.authors):
        actor = Actor.objects.named(name).first() or Actor.objects.create(
            name=name, slug=unique_slug(Actor, name)
        )
        Authorship.objects.create(article=article, actor=actor, position=position)
    create_comments(article, parsed)
    sync_mentions(article, matcher)
    linked = sorted(
        {str(m.entity) for m in article.mentions.select_related("actor", "organization")}
    )
    return ImportResult(article, created=True, linked=linked)


def _publication(name: str) -> Organization | None:
    if not name:
        return None
    return Organization.objects.named(name).first() or Organization.objects.create(
        name=name, slug=unique_slug(Organization, name), kind=Organization.Kind.MEDIA
    )


def import_files(paths: list[Path]) -> list[ImportResult]:
    """Import several files in one transaction: one bad file and nothing is written.
    Raises ParseError naming the offending file."""
    sources = []
    for path in paths:
        try:
            sources.append(read_source(path))
        except ParseError as error:
            raise ParseError(f"{path}: {error}") from None
    with transaction.atomic():
        matcher = EntityMatcher.from_database()
        return [import_source(source, matcher) for source in sources]
