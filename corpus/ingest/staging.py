"""Imports through the admin: uploaded files (or the text files of a zip) are
read and kept as previews, nothing else written; the preview shows what the file
would become; an editor corrects its metadata and confirms it as a draft or for
review. Bad files get the same one-line errors as import_article, and are not kept."""

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.db import DatabaseError, transaction

from corpus.ingest.importing import (
    ImportResult,
    Metadata,
    SourceFile,
    already_imported,
    database_refusal,
    import_source,
    queue_unknown_names,
    read_bytes,
)
from corpus.ingest.matching import EntityMatcher, Match
from corpus.ingest.mentions import stand_in_proposals
from corpus.ingest.names.unknown import UnknownName
from corpus.ingest.parsing import ParseError
from corpus.models import (
    Article,
    ImportBatch,
    ImportFile,
    NameCandidate,
    Status,
    spelling_key,
)

# A zip may hold at most this many files, all together at most this size (each file: MAX_SOURCE_BYTES).
MAX_MEMBERS = 200
MAX_ZIP_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}


def expand(name: str, data: bytes) -> list[tuple[str, bytes]]:
    """The files an upload holds: itself, or the text files inside a zip. Raises
    ParseError for a zip that cannot be read or is too big."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return [(name, data)]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [
            info
            for info in archive.infolist()
            if not info.is_dir()
            and not any(
                part.startswith((".", "__MACOSX")) for part in PurePosixPath(info.filename).parts
            )
        ]
        if len(members) > MAX_MEMBERS:
            raise ParseError(f"{name}: the zip holds {len(members)} files; at most {MAX_MEMBERS}")
        if sum(info.file_size for info in members) > MAX_ZIP_BYTES:
            raise ParseError(f"{name}: the zip unpacks to more than {MAX_ZIP_BYTES // 2**20} MB")
        files = []
        for info in members:
            inner = f"{name}/{info.filename}"
            if PurePosixPath(info.filename).suffix.lower() not in TEXT_SUFFIXES:
                raise ParseError(f"{inner}: not a text file (.txt or .md)")
            files.append((inner, archive.read(info)))
        return files
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as error:
        raise ParseError(f"{name}: the zip cannot be read ({error})") from None


@dataclass
class Staged:
    batch: ImportBatch | None
    errors: list[str] = field(default_factory=list)


def stage_uploads(uploads: list[tuple[str, bytes]], user) -> Staged:
    """Keep each readable file as a preview in one new batch; the rest are reported,
    one line each, and not kept. A file whose text is in the archive already, or
    earlier in the batch, is kept as a duplicate that cannot be confirmed."""
    readable, errors = [], []
    for name, data in uploads:
        try:
            files = expand(name, data)
        except ParseError as error:
            errors.append(str(error))
            continue
        for inner, content in files:
            try:
                readable.append(read_bytes(inner, content))
            except ParseError as error:
                errors.append(f"{inner}: {error}")
    if not readable:
        return Staged(None, errors)
    with transaction.atomic():
        batch = ImportBatch.objects.create(uploaded_by=user)
        seen = set()
        for position, source in enumerate(readable):
            fingerprint = source.text_sha256
            duplicate = fingerprint in seen or already_imported(source.sha256, fingerprint)
            seen.add(fingerprint)
            ImportFile.objects.create(
                batch=batch,
                position=position,
                filename=str(source.path)[:255],
                raw_source=source.raw,
                raw_sha256=source.sha256,
                text_sha256=fingerprint,
                state=ImportFile.State.DUPLICATE if duplicate else ImportFile.State.PREVIEW,
            )
    return Staged(batch, errors)


def source_of(import_file: ImportFile) -> SourceFile:
    """The kept file read again (the parser is deterministic), named as its last part."""
    name = import_file.filename.rsplit("/", 1)[-1]
    return read_bytes(name, import_file.raw_source.encode("utf-8"))


@dataclass
class Link:
    """A person or organization the file would name, with how sure each find is."""

    kind: str
    entity_id: int
    name: str
    spellings: list[str]
    certainty: str  # the surest of its finds: exact, variant, surname, uncertain
    reasons: list[str]


@dataclass
class Preview:
    import_file: ImportFile
    source: SourceFile
    metadata: Metadata
    links: list[Link]
    proposed: list[Link]
    unknown: list  # (UnknownName, NameCandidate or None), decided ones included
    duplicate_of: Article | None


CERTAINTY_ORDER = ["exact", "variant", "surname", "uncertain"]


def _links(matcher: EntityMatcher, matches: list[Match]) -> list[Link]:
    grouped: dict[tuple, Link] = {}
    for match in matches:
        key = (match.kind, match.entity_id)
        link = grouped.setdefault(
            key, Link(match.kind, match.entity_id, matcher.label(*key), [], match.certainty, [])
        )
        if match.text not in link.spellings:
            link.spellings.append(match.text)
        if match.reason and match.reason not in link.reasons:
            link.reasons.append(match.reason)
        if CERTAINTY_ORDER.index(match.certainty) > CERTAINTY_ORDER.index(link.certainty):
            link.certainty = match.certainty
    return sorted(grouped.values(), key=lambda link: link.name)


def preview(import_file: ImportFile, matcher: EntityMatcher | None = None) -> Preview:
    """What confirming the file would create: its metadata as corrected, its body and
    comments, the links and how sure each is, the links it would only propose (stand-in
    names among them), and the names the archive does not know."""
    matcher = matcher or EntityMatcher.from_database()
    source = source_of(import_file)
    body = source.parsed.body
    finds = matcher.find(body)
    unknown = matcher.unknown_names(body, finds)
    keys = {spelling_key(name.name) for name in unknown}
    candidates = NameCandidate.objects.select_related("actor", "organization")
    decided = {c.key: c for c in candidates.filter(key__in=keys)}
    shown = [(name, decided.get(spelling_key(name.name))) for name in unknown]
    # A name decided in this preview is known now, or dismissed: it stays listed with
    # its decision, so the editor sees what was done.
    for candidate in candidates.filter(import_files=import_file).exclude(key__in=keys):
        found = UnknownName(candidate.name, candidate.kind, candidate.evidence, candidate.acronym)
        shown.append((found, candidate))
    shown.sort(key=lambda pair: (body.find(pair[0].name) % (len(body) + 1), pair[0].name))
    return Preview(
        import_file=import_file,
        source=source,
        metadata=Metadata.of(source.parsed, import_file.corrections),
        links=_links(matcher, [m for m in finds if m.linked]),
        # A stand-in name ("Moscow") is proposed as each body it may stand for.
        proposed=_links(
            matcher, [m for m in finds if not m.linked] + stand_in_proposals(matcher, body)
        ),
        unknown=shown,
        duplicate_of=already_imported(import_file.raw_sha256, import_file.text_sha256),
    )


def note_candidates(import_file: ImportFile, matcher: EntityMatcher | None = None) -> None:
    """Put the file's unknown names in the editors' queue, so they can be decided on
    in the preview and the queue alike."""
    matcher = matcher or EntityMatcher.from_database()
    found = matcher.unknown_names(source_of(import_file).parsed.body)
    queue_unknown_names(found, import_file=import_file)


def confirm(import_file: ImportFile, status: str = Status.REVIEW) -> ImportResult:
    """Create the article from the file with the editor's corrections, as a draft or in
    review (never published: a reviewer publishes). Raises ParseError when it cannot."""
    if status == Status.PUBLISHED:
        raise ParseError("an import is a draft or in review until a reviewer publishes it")
    try:
        return _confirm(import_file, status)
    except DatabaseError as error:
        raise database_refusal(error) from None


def _confirm(import_file: ImportFile, status: str) -> ImportResult:
    with transaction.atomic():
        locked = ImportFile.objects.select_for_update().get(pk=import_file.pk)
        if locked.state != ImportFile.State.PREVIEW:
            raise ParseError(f"{locked.filename} is {locked.get_state_display().lower()}")
        matcher = EntityMatcher.from_database()
        result = import_source(
            source_of(locked), matcher, status, locked.corrections, import_file=locked
        )
        if not result.created:
            raise ParseError(f"{locked.filename}: its text is in the archive already")
        locked.state, locked.article = ImportFile.State.IMPORTED, result.article
        locked.save(update_fields=["state", "article"])
    return result
