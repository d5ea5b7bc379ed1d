"""A source's text as read, whatever its bytes: the same article saved with other
line endings, with or without a byte-order mark, or with trailing blanks is the
same text, and imports once (Article.text_sha256)."""

import hashlib
import re
import unicodedata

BLANK_RUNS = re.compile(r"\n{3,}")


def normalized_text(raw: str) -> str:
    """The text without a byte-order mark, with Unix line endings, NFC, no trailing
    spaces on a line and no runs of blank lines (migration 0019's copy is frozen)."""
    text = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return BLANK_RUNS.sub("\n\n", text).strip("\n")


def text_sha256(raw: str) -> str:
    return hashlib.sha256(normalized_text(raw).encode("utf-8")).hexdigest()
