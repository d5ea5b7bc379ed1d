"""The XML of an OAI-PMH response, written with lxml: the envelope (responseDate,
request, the verb's element or errors), record headers and records."""

from datetime import UTC, datetime

from lxml import etree

from archive.formats.xml_text import xml_safe
from archive.harvesting import dublin_core

OAI = "http://www.openarchives.org/OAI/2.0/"
XSI = dublin_core.XSI
SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
OAI_IDENTIFIER = "http://www.openarchives.org/OAI/2.0/oai-identifier"
OAI_IDENTIFIER_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"


def element(parent, name: str, text: str | None = None, **attributes) -> etree._Element:
    """An OAI element; what a request echoes may hold characters XML forbids."""
    safe = {xml_safe(key): xml_safe(value) for key, value in attributes.items()}
    child = etree.SubElement(parent, f"{{{OAI}}}{name}", safe)
    if text is not None:
        child.text = xml_safe(text)
    return child


def datestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def envelope(base_url: str, arguments: dict[str, str] | None) -> etree._Element:
    """<OAI-PMH> with its responseDate and request; `arguments` None after a badVerb
    or badArgument, whose request element names only the base URL."""
    root = etree.Element(f"{{{OAI}}}OAI-PMH", nsmap={None: OAI, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI} {SCHEMA}")
    element(root, "responseDate", datestamp(datetime.now(UTC)))
    element(root, "request", base_url, **(arguments or {}))
    return root


def errors(root, code: str, message: str) -> None:
    element(root, "error", message, code=code)


def header(parent, record, identifier: str, set_specs) -> None:
    attributes = {"status": "deleted"} if record.deleted else {}
    head = element(parent, "header", **attributes)
    element(head, "identifier", identifier)
    element(head, "datestamp", datestamp(record.datestamp))
    for spec in set_specs:
        element(head, "setSpec", spec)


def record(parent, record, identifier: str, set_specs, absolute) -> None:
    """A <record>: its header, and its oai_dc metadata unless it is deleted."""
    item = element(parent, "record")
    header(item, record, identifier, set_specs)
    if not record.deleted:
        element(item, "metadata").append(dublin_core.oai_dc(record.article, absolute))


def identifier_description(parent, repository: str, sample: str) -> None:
    """Identify's <description>: the oai-identifier scheme our identifiers follow."""
    description = element(parent, "description")
    scheme = etree.SubElement(
        description, f"{{{OAI_IDENTIFIER}}}oai-identifier", nsmap={None: OAI_IDENTIFIER}
    )
    scheme.set(f"{{{XSI}}}schemaLocation", f"{OAI_IDENTIFIER} {OAI_IDENTIFIER_SCHEMA}")
    for name, text in [
        ("scheme", "oai"),
        ("repositoryIdentifier", repository),
        ("delimiter", ":"),
        ("sampleIdentifier", sample),
    ]:
        etree.SubElement(scheme, f"{{{OAI_IDENTIFIER}}}{name}").text = text


def serialize(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
