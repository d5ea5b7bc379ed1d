"""Import raw article files: read and parse each, create its article, byline and
comments, and link the people and organizations the alias matcher finds. The
seeds' curation is loaded by corpus/ingest/seeds/ on top of the same steps."""

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from corpus.ingest.matching import EntityMatcher
from corpus.ingest.mentions import sync_mentions
from corpus.ingest.parsing import ParsedArticle, ParseError, decode, parse
from corpus.models import Actor, Article, Authorship, Comment, Organization

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
    # Stand-in names ("Moscow") the matcher leaves unlinked for an editor to decide.
    stand_ins: list[str] = field(default_factory=list)


def unlinked_stand_ins(body: str, matcher: EntityMatcher) -> list[str]:
    """Each stand-in name in the text, how often, and what it may stand for:
    "Moscow (3 times: the place, or Russia)"."""
    found = matcher.stand_ins(body)
    times = Counter(stand_in.text for stand_in in found)
    candidates = {stand_in.text: stand_in.organization_ids for stand_in in found}
    names = dict(
        Organization.objects.filter(
            pk__in={pk for ids in candidates.values() for pk in ids}
        ).values_list("pk", "name")
    )
    return [
        f"{text} ({n} time{'s' if n > 1 else ''}: the place, or "
        f"{' or '.join(names[pk] for pk in candidates[text])})"
        for text, n in sorted(times.items())
    ]


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
    # Left for an editor: only a reader can tell the place from the government it stands for.
    stand_ins = unlinked_stand_ins(article.body, matcher)
    return ImportResult(article, created=True, linked=linked, stand_ins=stand_ins)


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
