"""Text as XML 1.0 can carry it: the XML exports write what a request or a source
holds, and a character XML forbids (most control characters) must never turn a
request into a 500."""

import re

# Everything outside XML 1.0's Char production.
NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """`text` with each character XML cannot carry replaced by U+FFFD."""
    return NOT_XML.sub("\ufffd", text)
