"""The data provider: answers each OAI-PMH verb over the archive's records
(records.py), in XML (envelope.py). The view hands it the request's arguments."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings

from archive.harvesting import dublin_core, envelope, records
from archive.harvesting.protocol import GRANULARITY, OaiError, Request, parse, token

DELETED_RECORD = "transient"  # records.py says why
IDENTIFIER_PREFIX = "articles/"


@dataclass(frozen=True)
class Repository:
    """Where the provider answers: its base URL, its identifier (a domain name, the
    namespace of its records' identifiers) and a function making paths absolute."""

    base_url: str
    name: str
    absolute: Callable[[str], str]

    def identifier(self, pk: int) -> str:
        return f"oai:{self.name}:{IDENTIFIER_PREFIX}{pk}"

    def pk(self, identifier: str) -> int | None:
        local = identifier.removeprefix(f"oai:{self.name}:{IDENTIFIER_PREFIX}")
        if local == identifier or not (local.isascii() and local.isdigit()) or len(local) > 18:
            return None
        return int(local)


def respond(params: dict[str, list[str]], repository: Repository) -> bytes:
    """The XML answer to one request; protocol errors are answered, not raised."""
    try:
        request = parse(params)
    except OaiError as error:
        root = envelope.envelope(repository.base_url, None)
        envelope.errors(root, error.code, error.message)
        return envelope.serialize(root)
    echoed = {name: values[0] for name, values in params.items()}
    root = envelope.envelope(repository.base_url, echoed)
    body = envelope.element(root, request.verb)
    try:
        HANDLERS[request.verb](body, request, repository)
    except OaiError as error:
        root.remove(body)
        envelope.errors(root, error.code, error.message)
    return envelope.serialize(root)


def identify(body, request: Request, repository: Repository) -> None:
    earliest = records.earliest_datestamp()
    for name, text in [
        ("repositoryName", settings.ARCHIVE_NAME),
        ("baseURL", repository.base_url),
        ("protocolVersion", "2.0"),
        *(("adminEmail", email) for email in settings.OAI_ADMIN_EMAILS),
        ("earliestDatestamp", envelope.datestamp(earliest or datetime.now(UTC))),
        ("deletedRecord", DELETED_RECORD),
        ("granularity", GRANULARITY),
    ]:
        envelope.element(body, name, text)
    envelope.identifier_description(body, repository.name, repository.identifier(1))


def _check_format(request: Request) -> None:
    if request.get("metadataPrefix") != dublin_core.PREFIX:
        raise OaiError(
            "cannotDisseminateFormat",
            f"“{request.get('metadataPrefix')[:40]}” is not offered; oai_dc is.",
        )


def _record(request: Request, repository: Repository) -> records.Record:
    pk = repository.pk(request.get("identifier"))
    record = records.one(pk) if pk is not None else None
    if record is None:
        raise OaiError("idDoesNotExist", f"No record is “{request.get('identifier')[:80]}”.")
    return record


def list_metadata_formats(body, request: Request, repository: Repository) -> None:
    if request.get("identifier"):
        _record(request, repository)
    offered = envelope.element(body, "metadataFormat")
    envelope.element(offered, "metadataPrefix", dublin_core.PREFIX)
    envelope.element(offered, "schema", dublin_core.SCHEMA)
    envelope.element(offered, "metadataNamespace", dublin_core.OAI_DC)


def list_sets(body, request: Request, repository: Repository) -> None:
    for spec, name in records.sets():
        entry = envelope.element(body, "set")
        envelope.element(entry, "setSpec", spec)
        envelope.element(entry, "setName", name)


def get_record(body, request: Request, repository: Repository) -> None:
    record = _record(request, repository)
    _check_format(request)
    specs = [] if record.deleted else records.set_specs(record.article)
    envelope.record(body, record, repository.identifier(record.pk), specs, repository.absolute)


def list_records(body, request: Request, repository: Repository) -> None:
    """ListRecords and ListIdentifiers: a page of records, and a resumption token
    while more follow (empty on the last page of a resumed list)."""
    _check_format(request)
    window = records.Window(
        request.get("set"), request.options["start"], request.options["end"], request.after
    )
    size = settings.OAI_PAGE_SIZE
    page = records.listed(window, size + 1)
    if not page:
        raise OaiError("noRecordsMatch", "No records match these arguments.")
    more, page = len(page) > size, page[:size]
    for record in page:
        identifier = repository.identifier(record.pk)
        specs = [] if record.deleted else records.set_specs(record.article)
        if request.verb == "ListIdentifiers":
            envelope.header(body, record, identifier, specs)
        else:
            envelope.record(body, record, identifier, specs, repository.absolute)
    if more or request.after:
        total = request.size if request.size is not None else records.count(window)
        resumption = envelope.element(
            body, "resumptionToken", completeListSize=str(total), cursor=str(request.cursor)
        )
        if more:
            resumption.text = token(request, page[-1].cursor, request.cursor + len(page), total)


HANDLERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": list_records,
    "ListRecords": list_records,
}
