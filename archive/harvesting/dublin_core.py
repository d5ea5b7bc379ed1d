"""An article as simple Dublin Core (oai_dc), the one metadata format every OAI-PMH
repository must offer. Nothing is invented: an unknown author or date is left out."""

from django.urls import reverse
from lxml import etree

from archive.formats.xml_text import xml_safe

OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
PREFIX = "oai_dc"


def _add(parent, name: str, text: str | None) -> None:
    if text:
        etree.SubElement(parent, f"{{{DC}}}{name}").text = xml_safe(text)


def oai_dc(article, absolute) -> etree._Element:
    """The <oai_dc:dc> element of a published article; `absolute` makes a path a URL."""
    dc = etree.Element(f"{{{OAI_DC}}}dc", nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI})
    dc.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} {SCHEMA}")
    # A title the source lacks and an editor supplied is in [brackets], as cataloguers do.
    _add(dc, "title", article.display_title)
    for author in article.authors.all():
        _add(dc, "creator", author.name)
    if article.publication:
        _add(dc, "publisher", article.publication.name)
    for tag in article.tags.all():
        _add(dc, "subject", tag.name)
    # EDTF, an extension of ISO 8601: "2011-09-05", "2007-10?", "2011-09-27/2011-10-02".
    _add(dc, "date", article.date_edtf)
    _add(dc, "type", "Text")
    _add(dc, "format", "text/html")
    _add(dc, "identifier", absolute(article.get_absolute_url()))
    _add(dc, "identifier", absolute(reverse("article_tei", args=[article.slug])))
    _add(dc, "source", article.source_url or article.source_file)
    return dc
