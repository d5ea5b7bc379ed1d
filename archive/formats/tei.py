"""An article as TEI P5 (https://tei-c.org/guidelines/p5/), written with lxml.

- The teiHeader: the title (a supplied one in <supplied>), authors, the
  publication, the date with its certainty and evidence, and in sourceDesc the
  original's bibliography, file name and SHA-256.
- The body: the article's paragraphs verbatim. Its text content is exactly the
  article's body, breaks between paragraphs included: names are wrapped in
  persName and orgName (ref: the archive's page, then the authority record), and
  annotated passages are marked by empty <anchor>s, so nothing is added to the text.
- The back: each published annotation as a <note> pointing at its passage
  (target and targetEnd), its claims as <said who direct>, quotes in <quote>.
"""

import html
import re

from django.urls import reverse
from django.utils.html import strip_tags
from lxml import etree

from archive.formats import humane_dates
from archive.formats.xml_text import xml_safe
from archive.reading import highlighting

TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
CERTAINTY = {"stated": "high", "inferred": "medium"}


def _el(parent, name: str, text: str | None = None, **attributes) -> etree._Element:
    child = etree.SubElement(parent, f"{{{TEI}}}{name}")
    for key, value in attributes.items():
        if value:
            child.set(XML_ID if key == "xml_id" else key, xml_safe(value))
    if text:
        child.text = xml_safe(text)
    return child


def _ref(entity, absolute) -> str:
    """The archive's page, then the authority record where an editor set one."""
    return " ".join(filter(None, [absolute(entity.get_absolute_url()), entity.authority_url]))


def _date(parent, article) -> None:
    reading = humane_dates.read(article.date_edtf) if article.date_edtf else None
    if not reading:
        return
    iso = "-".join(f"{n:0{4 if i == 0 else 2}d}" for i, n in enumerate(reading.start.date_parts))
    bounds = {"when": iso}
    if reading.end:  # a range: some day between its first and its last
        bounds = {
            "notBefore": article.date_start.isoformat(),
            "notAfter": article.date_end.isoformat(),
        }
    cert = (
        "low" if reading.uncertain or reading.approximate else CERTAINTY.get(article.date_certainty)
    )
    text = humane_dates.describe(article.date_edtf, article.date_certainty)
    _el(parent, "date", text, cert=cert, **bounds)
    if article.date_evidence:
        _el(parent, "note", article.date_evidence, type="dateEvidence")


def _title(parent, article, **attributes) -> None:
    title = _el(parent, "title", None if article.title_supplied else article.title, **attributes)
    if article.title_supplied:
        _el(title, "supplied", article.title, reason="The source has no title.")


def header(root, article, absolute, archive_name: str) -> None:
    file_desc = _el(_el(root, "teiHeader"), "fileDesc")
    title_stmt = _el(file_desc, "titleStmt")
    _title(title_stmt, article)
    authors = list(article.authors.all())
    for author in authors:
        _el(_el(title_stmt, "author"), "persName", author.name, ref=_ref(author, absolute))
    publication = _el(file_desc, "publicationStmt")
    _el(publication, "publisher", archive_name)
    _el(publication, "idno", absolute(article.get_absolute_url()), type="URI")
    bibl = _el(_el(file_desc, "sourceDesc"), "bibl")
    if not article.title_supplied:
        _title(bibl, article, level="a")
    for author in authors:
        _el(_el(bibl, "author"), "persName", author.name, ref=_ref(author, absolute))
    if article.publication:
        org = _el(bibl, "publisher")
        _el(org, "orgName", article.publication.name, ref=_ref(article.publication, absolute))
    for unit in ("volume", "issue"):
        if getattr(article, unit):
            _el(bibl, "biblScope", getattr(article, unit), unit=unit)
    _date(bibl, article)
    if article.source_url:
        _el(bibl, "ref", article.source_url, target=article.source_url)
    _el(bibl, "idno", article.source_file, type="filename")
    _el(bibl, "idno", article.raw_sha256, type="sha256")
    tags = list(article.tags.all())
    if tags:
        keywords = _el(
            _el(_el(root.find(f"{{{TEI}}}teiHeader"), "profileDesc"), "textClass"), "keywords"
        )
        for tag in tags:
            _el(keywords, "term", tag.name)


def _append_text(element, text: str) -> None:
    if not text:
        return
    text = xml_safe(text)
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


def _names(mentions, paragraphs) -> list:
    """The mentions that can be elements: inside one paragraph, crossing no other."""
    kept, reach = [], -1
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end)):
        inside = any(s <= mention.start and mention.end <= e for s, e in paragraphs)
        if inside and mention.start >= reach:
            kept.append(mention)
            reach = mention.end
    return kept


def body(text_el, article, mentions, annotations, absolute) -> etree._Element:
    """<body>: the paragraphs, names wrapped, passages' edges anchored; its text is the body."""
    text = article.body
    body_el = _el(text_el, "body")
    paragraphs = highlighting.paragraphs(text)
    names = _names(mentions, paragraphs)
    cuts = {0, len(text), *(p for span in paragraphs for p in span)}
    cuts |= {p for m in names for p in (m.start, m.end)}
    cuts |= {p for a in annotations for p in (a.start, a.end)}
    opens = {start: end for start, end in paragraphs}
    stack = [body_el]
    para_end = name_end = None
    order = sorted(cuts)
    for position, following in zip(order, [*order[1:], len(text)], strict=True):
        for annotation in annotations:
            if annotation.end == position:
                _el(stack[-1], "anchor", xml_id=f"a-{annotation.uuid}-end")
        if name_end == position:
            stack.pop()
            name_end = None
        if para_end == position:
            stack.pop()
            para_end = None
        if position in opens and position < len(text):
            stack.append(_el(stack[-1], "p"))
            para_end = opens[position]
        for mention in names:
            if mention.start == position:
                kind = "persName" if mention.actor_id else "orgName"
                # A stand-in ("Moscow" for Russia) is typed as one, so it is never read as a place.
                stand_in = "stand-in" if getattr(mention, "stand_in", False) else None
                stack.append(
                    _el(stack[-1], kind, ref=_ref(mention.entity, absolute), type=stand_in)
                )
                name_end = mention.end
        for annotation in annotations:
            if annotation.start == position:
                _el(stack[-1], "anchor", xml_id=f"a-{annotation.uuid}-start")
        _append_text(stack[-1], text[position:following])
    return body_el


def note_text(note: str) -> str:
    """An editor's note (a small HTML fragment) as plain text, its blocks on their own lines."""
    return html.unescape(strip_tags(re.sub(r"</(p|li|blockquote)>|<br>", "\n", note))).strip()


def notes(text_el, entries, absolute) -> None:
    if not entries:
        return
    div = _el(_el(text_el, "back"), "div", type="annotations")
    for entry in entries:
        annotation = entry.annotation
        note = _el(
            div,
            "note",
            xml_id=f"note-{annotation.uuid}",
            type=annotation.kind,
            target=f"#a-{annotation.uuid}-start",
            targetEnd=f"#a-{annotation.uuid}-end",
            corresp=absolute(reverse("annotation_detail", args=[annotation.uuid])),
        )
        if annotation.note:
            _el(note, "p", note_text(annotation.note))
        for claim in entry.claims:
            quoted = claim.form == "quote"
            said = _el(
                note,
                "said",
                None if quoted else claim.text,
                who=_ref(claim.claimant, absolute),
                direct="true" if quoted else "false",
            )
            if quoted:
                _el(said, "quote", claim.text)


def document(article, mentions, entries, absolute, archive_name: str) -> bytes:
    """The article's TEI document, serialized (UTF-8, with its XML declaration)."""
    root = etree.Element(f"{{{TEI}}}TEI", nsmap={None: TEI})
    header(root, article, absolute, archive_name)
    etree.indent(root)
    text_el = _el(root, "text")
    annotations = [entry.annotation for entry in entries]
    body(text_el, article, mentions, annotations, absolute)
    notes(text_el, entries, absolute)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
