"""Turn a raw article file into its parts: header metadata, body, footer and
reader comments. The body keeps the source's wording exactly; only page
furniture (bylines, footers, disclaimers, author bios, reply forms) is set
apart, and paragraphs broken by extraction are joined.

The formats understood are the ones the seeds show:
- a Markdown-like title ("# Title"), byline ("By [Name](#)") and date line;
- a plain title line, a "By Name" byline, a publisher footer and reader comments;
- a "Publication: ... Volume: ... Issue: ..." header, with or without a title.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE_LINE = re.compile(rf"^(?:{MONTHS}) \d{{1,2}}, \d{{4}}$")
PUBLICATION_HEADER = re.compile(
    r"^Publication:\s*(?P<publication>.+?)"
    r"(?:\s+Volume:\s*(?P<volume>\S+))?"
    r"(?:\s+Issue:\s*(?P<issue>\S+))?\s*$"
)
BYLINE = re.compile(r"^By\s+(?P<names>.+)$")
MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
COMMENTS_HEADING = re.compile(
    r"^(?:One|\d+|No) (?:thought|thoughts|comment|comments|response|responses) on\b", re.I
)
COMMENT_HEADER = re.compile(
    rf"^(?:(?P<author>[^•\n]*?)\s*)?•\s*(?P<posted>(?:{MONTHS}) \d{{1,2}}, \d{{4}}(?: at \d{{1,2}}:\d{{2}}\s*[ap]m)?)$",
    re.I,
)
ORIGINAL_URL = re.compile(r"^<?(?P<url>https?://\S+?)>?$")
PUBLISHED_AT = re.compile(r"^Originally published at (?P<publication>[^.]+)\.")
DISCLAIMER = re.compile(
    r"^\*?The views expressed .*? reflect the position of (?P<publication>.+?)\.?\*?$"
)
REPLY_FORM = re.compile(
    r"^(?:Leave a Reply|Leave a Comment|Your email address will not be published)"
)
SENTENCE_END = tuple('.!?:;"”’)]…')
MIN_BODY_WORDS = 20


class ParseError(ValueError):
    """The file is not an article this archive can read; the message says why."""


@dataclass
class ParsedComment:
    author: str
    posted: str
    posted_on: date | None
    text: str


@dataclass
class ParsedArticle:
    title: str = ""
    authors: list[str] = field(default_factory=list)
    date_text: str = ""
    date_edtf: str = ""
    publication: str = ""
    publication_evidence: str = ""
    volume: str = ""
    issue: str = ""
    source_url: str = ""
    body: str = ""
    comments: list[ParsedComment] = field(default_factory=list)


def decode(raw: bytes) -> str:
    """Decode a source file, refusing what is not text."""
    if not raw.strip():
        raise ParseError("the file is empty")
    if b"\x00" in raw:
        raise ParseError("the file is binary data, not text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ParseError(
            f"the file is not valid UTF-8 (undecodable byte at offset {error.start})"
        ) from None
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if controls > max(3, len(text) // 100):
        raise ParseError("the file is binary data, not text")
    return text


def blocks_of(text: str) -> list[str]:
    """Split text into blank-line separated blocks, each one paragraph."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in chunk.split("\n")]
        joined = " ".join(line for line in lines if line)
        if joined:
            blocks.append(joined)
    return blocks


def parse(text: str) -> ParsedArticle:
    article = ParsedArticle()
    blocks = blocks_of(text.lstrip("\ufeff"))
    blocks = _take_header(blocks, article)
    body_blocks, tail = _split_tail(blocks, article)
    _read_tail(tail, article)
    article.body = "\n\n".join(join_broken_paragraphs(body_blocks))
    if len(article.body.split()) < MIN_BODY_WORDS:
        raise ParseError("no recognisable article body (fewer than 20 words of text)")
    return article


def _take_header(blocks: list[str], article: ParsedArticle) -> list[str]:
    """Consume title, byline, date and publication lines from the top."""
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if match := PUBLICATION_HEADER.match(block):
            article.publication = match["publication"].strip()
            article.publication_evidence = f"Header: “{block}”"
            article.volume = match["volume"] or ""
            article.issue = match["issue"] or ""
        elif (match := BYLINE.match(block)) and len(block) < 200:
            names = MARKDOWN_LINK.sub(r"\1", match["names"])
            article.authors = [
                n.strip() for n in re.split(r",\s*|\s+and\s+|\s*&\s*", names) if n.strip()
            ]
        elif DATE_LINE.match(block):
            article.date_text = block
            article.date_edtf = datetime.strptime(block, "%B %d, %Y").date().isoformat()
        elif block.startswith("# "):
            article.title = block[2:].strip()
        elif index == 0 and _looks_like_title(block):
            article.title = block
        else:
            break
        index += 1
    return blocks[index:]


def _looks_like_title(block: str) -> bool:
    return len(block) <= 200 and not block.endswith((".", ",", ";")) and len(block.split()) <= 25


def _is_tail_start(block: str, authors: list[str]) -> bool:
    return bool(
        COMMENTS_HEADING.match(block)
        or PUBLISHED_AT.match(block)
        or DISCLAIMER.match(block)
        or REPLY_FORM.match(block)
        or block.rstrip(":").lower() in ("original url", "source")
        or any(block.startswith(f"{author} is ") for author in authors)
    )


def _split_tail(blocks: list[str], article: ParsedArticle) -> tuple[list[str], list[str]]:
    for index, block in enumerate(blocks):
        if _is_tail_start(block, article.authors):
            return blocks[:index], blocks[index:]
    return blocks, []


def _read_tail(tail: list[str], article: ParsedArticle) -> None:
    """Pick metadata out of footers and collect reader comments."""
    in_comments = False
    for index, block in enumerate(tail):
        if REPLY_FORM.match(block):
            in_comments = False
        elif COMMENTS_HEADING.match(block):
            in_comments = True
        elif in_comments and (match := COMMENT_HEADER.match(block)):
            article.comments.append(
                ParsedComment(
                    author=(match["author"] or "").strip(),
                    posted=match["posted"],
                    posted_on=_comment_date(match["posted"]),
                    text="",
                )
            )
        elif in_comments and article.comments:
            comment = article.comments[-1]
            comment.text = f"{comment.text}\n\n{block}" if comment.text else block
        elif match := PUBLISHED_AT.match(block):
            if not article.publication:
                article.publication = match["publication"].strip()
                article.publication_evidence = f"Footer: “{match[0]}”"
        elif match := DISCLAIMER.match(block):
            if not article.publication:
                article.publication = match["publication"].strip()
                article.publication_evidence = f"Disclaimer: “{block.strip('*')}”"
        elif (match := ORIGINAL_URL.match(block)) and index > 0:
            article.source_url = match["url"]


def _comment_date(posted: str) -> date | None:
    try:
        return datetime.strptime(posted.split(" at ")[0], "%B %d, %Y").date()
    except ValueError:
        return None


def join_broken_paragraphs(blocks: list[str]) -> list[str]:
    """Join a paragraph that extraction split mid-sentence: the first half ends
    without closing punctuation and the second begins in lower case."""
    paragraphs: list[str] = []
    for block in blocks:
        if paragraphs and not paragraphs[-1].endswith(SENTENCE_END) and block[:1].islower():
            paragraphs[-1] = f"{paragraphs[-1]} {block}"
        else:
            paragraphs.append(block)
    return paragraphs
