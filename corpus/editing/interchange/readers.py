"""Reading annotation files: W3C Web Annotation JSON-LD (an Annotation, a list of
them, an AnnotationPage, or an AnnotationCollection with its page embedded), and
Hypothesis's exports (the client's export file, or an API search's rows).

Each annotation becomes an Incoming: which page it targets, its passage as W3C
selectors give it, and its note, tags and people or organizations. A W3C annotation
must pass every MUST of the W3C conformance tests (conformance.py); a file that is
none of these fails with one line saying what is wrong.
"""

import json
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from uuid import UUID

from django.utils.html import escape

from corpus.editing.interchange import conformance

# The reading page's element whose text content is the article's body: a position
# refined from it counts from the body; any other position counts from the page.
BODY_SELECTOR = "#article-body"
# Positions past this are no passage of any article (and no database integer).
MAX_OFFSET = 10**9
# A W3C motivation, as the archive's kind of annotation.
KINDS = {"commenting": "note", "describing": "context", "identifying": "entity"}


class ImportFailed(Exception):
    """A file the importer refuses whole; the message is one line."""


@dataclass
class Incoming:
    number: int
    source: str
    uuid: UUID | None = None
    exact: str = ""
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None
    in_body: bool = False  # whether start and end count from the article's body
    note: str = ""
    kind: str = "note"
    tags: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _type(node) -> str:
    types = _as_list(node.get("type") if isinstance(node, dict) else None)
    return types[0] if types and isinstance(types[0], str) else ""


def read(data: bytes) -> list[Incoming]:
    """Every annotation in the file, in order; raises ImportFailed."""
    try:
        document = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ImportFailed("The file is not UTF-8 text.") from None
    except json.JSONDecodeError as error:
        raise ImportFailed(f"The file is not JSON: {error.msg} at line {error.lineno}.") from None
    if isinstance(document, dict) and isinstance(document.get("annotations"), list):
        return _hypothesis(document["annotations"])  # the Hypothesis client's export
    if isinstance(document, dict) and isinstance(document.get("rows"), list):
        return _hypothesis(document["rows"])  # a Hypothesis API search
    if isinstance(document, list):
        if document and all(isinstance(a, dict) and "uri" in a for a in document):
            return _hypothesis(document)
        return _w3c(document, None)
    kind = _type(document)
    if kind == "Annotation":
        return _w3c([document], None)
    if kind == "AnnotationPage":
        return _w3c(_as_list(document.get("items")), document.get("@context"))
    if kind == "AnnotationCollection":
        return _w3c(_collection_items(document), document.get("@context"))
    raise ImportFailed(
        "The file is not a W3C Annotation, AnnotationPage or AnnotationCollection, "
        "nor a Hypothesis export."
    )


def _collection_items(collection: dict) -> list:
    first = collection.get("first")
    if not collection.get("total") and first is None:
        return []
    if not isinstance(first, dict):
        raise ImportFailed("The collection's first page is not in the file: import its pages.")
    if first.get("next"):
        raise ImportFailed(
            f"The collection has more pages than the file holds: import each page "
            f"({first['next']} and after) as a file of its own."
        )
    return _as_list(first.get("items"))


def _w3c(items: list, context) -> list[Incoming]:
    found = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise ImportFailed(f"Annotation {number} is not a JSON object.")
        document = item if "@context" in item or context is None else {"@context": context, **item}
        if failed := conformance.failures(document):
            raise ImportFailed(f"Annotation {number}: {failed[0].removeprefix('ERROR: ')}")
        found.append(_from_w3c(number, item))
    return found


def _own_uuid(identifier) -> UUID | None:
    """The uuid of an annotation exported by an archive like this one (/annotations/<uuid>/)."""
    parts = urlsplit(identifier if isinstance(identifier, str) else "").path.strip("/").split("/")
    if len(parts) == 2 and parts[0] == "annotations":
        try:
            return UUID(parts[1])
        except ValueError:
            return None
    return None


def _selectors(incoming: Incoming, selectors: list, refined_from_body: bool = False) -> None:
    for selector in selectors:
        if not isinstance(selector, dict):
            continue
        kind = _type(selector)
        if kind == "CssSelector" and selector.get("value") == BODY_SELECTOR:
            _selectors(incoming, _as_list(selector.get("refinedBy")), refined_from_body=True)
        elif kind == "TextQuoteSelector" and not incoming.exact:
            incoming.exact = str(selector.get("exact", ""))
            incoming.prefix = str(selector.get("prefix", ""))
            incoming.suffix = str(selector.get("suffix", ""))
        elif kind == "TextPositionSelector" and (refined_from_body or incoming.start is None):
            start, end = selector.get("start"), selector.get("end")
            if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= MAX_OFFSET:
                incoming.start, incoming.end, incoming.in_body = start, end, refined_from_body


def _from_w3c(number: int, item: dict) -> Incoming:
    target = _as_list(item.get("target"))[0]
    source = target if isinstance(target, str) else target.get("source", target.get("id", ""))
    incoming = Incoming(
        number, str(_as_list(source)[0] if source else ""), _own_uuid(item.get("id"))
    )
    if isinstance(target, dict):
        _selectors(incoming, _as_list(target.get("selector")))
    motivations = [m for m in _as_list(item.get("motivation")) if isinstance(m, str)]
    incoming.kind = KINDS.get(motivations[0], "note") if motivations else "note"
    notes, described = [], []
    if isinstance(item.get("bodyValue"), str):
        notes.append(escape(item["bodyValue"]))
    for body in _as_list(item.get("body")):
        purpose = _as_list(body.get("purpose"))[:1] if isinstance(body, dict) else []
        purpose = purpose[0] if purpose else None
        if isinstance(body, dict) and "value" in body:
            text = str(body["value"])
            if purpose == "tagging":
                incoming.tags.append(text)
            else:
                html = text if body.get("format") == "text/html" else escape(text)
                (described if purpose == "describing" else notes).append(html)
        elif isinstance(body, dict | str):
            url = body if isinstance(body, str) else str(body.get("source", body.get("id", "")))
            if url:
                (incoming.tags if purpose == "tagging" else incoming.entities).append(url)
    if described and incoming.kind == "context" and incoming.uuid:
        incoming.kind = "claim"  # this archive's claims are describing bodies: not notes
    elif described and not incoming.uuid:
        notes += described  # another tool's description is the note it wrote
    incoming.note = "\n".join(notes)
    return incoming


def _hypothesis(rows: list) -> list[Incoming]:
    found = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or not isinstance(row.get("target", []), list):
            raise ImportFailed(f"Hypothesis annotation {number} is not an annotation object.")
        if row.get("references"):
            continue  # a reply to another annotation, not a passage
        target = next((t for t in row.get("target", []) if isinstance(t, dict)), {})
        source = target.get("source") or row.get("uri") or ""
        incoming = Incoming(number, str(source))
        _selectors(incoming, _as_list(target.get("selector")))
        incoming.note = escape(str(row.get("text") or ""))
        incoming.tags = [str(tag) for tag in _as_list(row.get("tags"))]
        found.append(incoming)
    return found
