"""Import raw article files: read and parse each, create its article (a draft, or
in review, unless published on purpose), byline and comments, link the people and
organizations the alias matcher is sure of, propose the ones it is not (a stand-in
name, as each body it may stand for), and put the names it does not know in the
editors' queue. The seeds' curation is loaded by corpus/ingest/seeds/ on top of the
same steps; corpus/ingest/staging.py imports through the admin's previews."""

import hashlib
from collections import Counter
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from corpus.ingest.matching import EntityMatcher
from corpus.ingest.mentions import sync_mentions
from corpus.ingest.parsing import (
    MAX_SOURCE_BYTES,
    ParsedArticle,
    ParseError,
    SourceMetadata,
    decode,
    parse,
)
from corpus.models import (
    Actor,
    Article,
    Authorship,
    Comment,
    NameCandidate,
    Organization,
    Status,
    spelling_key,
    text_sha256,
)

UNTITLED_WORDS = 8


@dataclass
class SourceFile:
    path: Path
    raw: str
    sha256: str
    parsed: ParsedArticle

    @property
    def text_sha256(self) -> str:
        return text_sha256(self.raw)


def read_bytes(name: str, data: bytes) -> SourceFile:
    """Decode and parse one file's bytes; ParseError says what is wrong with it."""
    raw = decode(data)
    return SourceFile(Path(name), raw, hashlib.sha256(data).hexdigest(), parse(raw))


def read_source(path: Path) -> SourceFile:
    """Read and parse one raw file; ParseError says what is wrong with it."""
    if not path.exists():
        raise ParseError("no such file")
    if not path.is_file():
        raise ParseError("not a regular file")
    if path.stat().st_size > MAX_SOURCE_BYTES:
        raise ParseError(f"the file is over the {MAX_SOURCE_BYTES // 1024} KB limit")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ParseError(f"cannot be read ({error.strerror})") from None
    source = read_bytes(path.name, data)
    source.path = path
    return source


def already_imported(raw_sha256: str, normalized_sha256: str) -> Article | None:
    """The article holding this file, or the same text in other bytes (line endings,
    a byte-order mark): the same source is never imported twice."""
    return (
        Article.objects.filter(raw_sha256=raw_sha256).first()
        or Article.objects.filter(text_sha256=normalized_sha256).first()
    )


def unique_slug(model, text: str, exclude_pk=None) -> str:
    base = slugify(text)[:180].strip("-") or "untitled"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def supplied_title(body: str) -> str:
    words = body.split()
    return " ".join(words[:UNTITLED_WORDS]) + ("…" if len(words) > UNTITLED_WORDS else "")


@dataclass
class Metadata(SourceMetadata):
    """What an editor may correct before an article is created: as parsed, then
    corrected (ImportFile.corrections)."""

    title_supplied: bool = False

    @classmethod
    def of(cls, parsed: ParsedArticle, corrections: dict | None = None) -> "Metadata":
        """As the parser read it, a missing title supplied, then corrected."""
        values = {f.name: getattr(parsed, f.name) for f in fields(SourceMetadata)}
        values |= {
            "title": parsed.title or supplied_title(parsed.body),
            "title_supplied": not parsed.title,
            "authors": list(parsed.authors),
        }
        values |= {name: value for name, value in (corrections or {}).items() if name in values}
        return cls(**values)

    def article_fields(self) -> dict:
        """The Article fields this sets as they are (publication and authors are records)."""
        return {k: v for k, v in asdict(self).items() if k not in ("publication", "authors")}


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
    proposed: int = 0
    unknown: list[str] = field(default_factory=list)
    # Stand-in names ("Moscow") the matcher leaves unlinked, each occurrence proposed.
    stand_ins: list[str] = field(default_factory=list)


def unlinked_stand_ins(body: str, matcher: EntityMatcher) -> list[str]:
    """Each stand-in name in the text, how often, and what it may stand for:
    "Moscow (3 times: the place, or Russia)"."""
    found = matcher.stand_ins(body)
    times = Counter(stand_in.text for stand_in in found)
    candidates = {stand_in.text: stand_in.organization_ids for stand_in in found}
    return [
        f"{text} ({n} time{'s' if n > 1 else ''}: the place, or "
        f"{' or '.join(matcher.label('organization', pk) for pk in candidates[text])})"
        for text, n in sorted(times.items())
    ]


def import_source(
    source: SourceFile,
    matcher: EntityMatcher,
    status: str = Status.DRAFT,
    corrections: dict | None = None,
    import_file=None,
) -> ImportResult:
    """Create an article from a parsed file, with the editor's `corrections` to its
    metadata, linking known entities by alias; the names it holds that the archive does
    not know go to the editors' queue (with `import_file`, the admin's preview it came
    from). The same text (whatever its bytes) is not imported twice."""
    if existing := already_imported(source.sha256, source.text_sha256):
        return ImportResult(existing, created=False)
    parsed, metadata = source.parsed, Metadata.of(source.parsed, corrections)
    article = Article(
        **metadata.article_fields(),
        slug=unique_slug(Article, metadata.title),
        publication=_publication(metadata.publication),
        source_file=source.path.name,
        raw_source=source.raw,
        body=parsed.body,
        status=status,
    )
    try:
        article.full_clean(exclude=["slug", "raw_sha256", "text_sha256"], validate_unique=False)
    except ValidationError as error:
        problems = "; ".join(f"{name}: {' '.join(m)}" for name, m in error.message_dict.items())
        raise ParseError(f"its metadata cannot be kept ({problems})") from None
    article.save()
    for position, name in enumerate(metadata.authors):
        actor = Actor.objects.named(name).first() or Actor.objects.create(
            name=name, slug=unique_slug(Actor, name)
        )
        Authorship.objects.create(article=article, actor=actor, position=position)
    create_comments(article, parsed)
    candidates = queue_unknown_names(
        matcher.unknown_names(article.body), article=article, import_file=import_file
    )
    if adopt_spellings(candidates, matcher):
        matcher = EntityMatcher.from_database()  # it knows the new aliases
    sync_mentions(article, matcher)
    linked = sorted(
        {str(m.entity) for m in article.mentions.select_related("actor", "organization")}
    )
    unknown = [c.name for c in candidates if c.decision == NameCandidate.Decision.PENDING]
    return ImportResult(
        article,
        True,
        linked,
        proposed=article.proposals.pending().count(),
        unknown=unknown,
        # Proposed by sync_mentions: only a reader can tell the place from the government.
        stand_ins=unlinked_stand_ins(article.body, matcher),
    )


def queue_unknown_names(found, article=None, import_file=None) -> list[NameCandidate]:
    """Put names the archive does not know in the editors' queue: one candidate per
    name whatever its capitals, keeping each spelling met. A name an editor decided on
    keeps its decision; the article or preview it was seen in is noted."""
    candidates = []
    for name in found:
        candidate, created = NameCandidate.objects.get_or_create(
            key=spelling_key(name.name),
            defaults={
                "name": name.name,
                "kind": name.kind,
                "acronym": name.acronym,
                "evidence": name.evidence,
            },
        )
        if not created and name.name not in candidate.spellings:
            candidate.spellings = [*candidate.spellings, name.name]
            candidate.save(update_fields=["spellings"])
        if article is not None:
            candidate.articles.add(article)
        if import_file is not None:
            candidate.import_files.add(import_file)
        candidates.append(candidate)
    return candidates


def adopt_spellings(candidates: list[NameCandidate], matcher: EntityMatcher) -> bool:
    """A name an editor made a record of, or an alias of one, is that record in any
    capitals: each spelling the matcher does not know becomes the record's alias.
    Returns whether the matcher must read the names again."""
    stale = False
    for candidate in candidates:
        if (record := candidate.record) is None:
            continue
        new = [s for s in candidate.spellings if not matcher.has_name(s) and s not in record.names]
        if new:
            record.aliases = [*record.aliases, *new]
            record._change_reason = f"Another capitalisation of “{candidate.name}”, decided on"
            record.save()
        stale = stale or any(not matcher.has_name(spelling) for spelling in candidate.spellings)
    return stale


def _publication(name: str) -> Organization | None:
    if not name:
        return None
    return Organization.objects.named(name).first() or Organization.objects.create(
        name=name, slug=unique_slug(Organization, name), kind=Organization.Kind.MEDIA
    )


def import_files(paths: list[Path], status: str = Status.DRAFT) -> list[ImportResult]:
    """Import several files in one transaction: one bad file and nothing is written.
    Raises ParseError naming the offending file."""
    sources = []
    for path in paths:
        try:
            sources.append(read_source(path))
        except ParseError as error:
            raise ParseError(f"{path}: {error}") from None
    try:
        with transaction.atomic():
            matcher = EntityMatcher.from_database()
            return [import_source(source, matcher, status) for source in sources]
    except DatabaseError as error:
        raise database_refusal(error) from None


def database_refusal(error: DatabaseError) -> ParseError:
    """What the parser cannot foresee (a body too rich for one search vector, a timeout),
    as one line; the transaction it broke is rolled back, so nothing is written."""
    reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return ParseError(f"the database refused the import ({reason})")
