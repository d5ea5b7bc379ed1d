"""Turn a raw article file into its parts: header metadata, body, footer and
reader comments. The body keeps the source's wording exactly; only page
furniture (bylines, date lines, footers, disclaimers, author bios, reply forms)
is set apart, and paragraphs broken by extraction are joined.

The formats understood are the ones the seeds show:
- a Markdown-like title ("# Title"), byline ("By [Name](#)") and date line;
- a plain title line, a "By Name" byline, a publisher footer and reader comments;
- a "Publication: ... Volume: ... Issue: ..." header, with or without a title.

Nothing of the text is lost on a guess: a byline is a short line of person-like
names ("By A, B and C"), never a sentence ("By most accounts, ..."), and a line
that is not clearly a byline, a title or a date stays in the body. Dates are read
by corpus/ingest/dates.py, with their certainty and evidence.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from corpus.ingest.dates import MONTH_NUMBERS, read_date_line, read_url_date
from corpus.ingest.names.words import person_like
from corpus.models import Actor, Article, Comment, Organization

MONTHS = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))  # case-insensitive below
# "Publication: X Volume: 3 Issue: 12", read on the block with its spaces squeezed (_squeezed):
# a lazy name before optional groups and "\s*$" backtracks quadratically on a run of spaces.
PUBLICATION_HEADER = re.compile(
    r"^Publication: ?(?P<publication>[^ ].*?)"
    r"(?: Volume: ?(?P<volume>[^ ]+))?"
    r"(?: Issue: ?(?P<issue>[^ ]+))?$"
)
BYLINE = re.compile(r"^By\s+(?P<names>.+)$")
# A byline with its date after a bar or a dash: "By A and B | Sept. 5, 2011".
BYLINE_DATE = re.compile(r"^(?P<names>.+?)\s*(?:\||—|–|-|,)\s*(?P<date>[^|—–,]*\d{4}.*)$")
BYLINE_SEPARATORS = re.compile(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
MAX_BYLINE = 160
TITLE_LINE = re.compile(r"^Title:\s*(?P<title>.+)$", re.I)
# "One thought on “Title”": the page's own title, quoted above its comments.
COMMENTS_TITLE = re.compile(r"\bon\s+[“\"](?P<title>[^”\"]+)[”\"]?\s*$")
MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
COMMENTS_HEADING = re.compile(
    r"^(?:One|\d+|No) (?:thought|thoughts|comment|comments|response|responses) on\b", re.I
)
COMMENT_HEADER = re.compile(
    rf"^(?:(?P<author>[^•\n]*?)\s*)?•\s*(?P<posted>(?:{MONTHS})\.? \d{{1,2}}, \d{{4}}(?: at \d{{1,2}}:\d{{2}}\s*[ap]m)?)$",
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
# One sentence ending and another beginning: "... the talks. Moscow ...", "... in Moscow. The
# ...", "... Moscow? The ..."; not an abbreviation ("U.S. Forces", "Gen. Makarov", "St.
# Petersburg", "Sept. 5", "Kazakhstan vs. Russia": short, dotted, or "vs.").
SENTENCE_BREAK = re.compile(
    r"(?:(?<![\w.])(?:(?!vs\.)[a-z]{2,}|[A-Z][a-z]{4,})\.|[?!])[”’\"')\]]*\s+[“\"'(\[]?[A-Z]"
)
MIN_BODY_WORDS = 20
# Each value read, and the column it goes to.
FIELD_LIMITS = {
    "title": Article._meta.get_field("title").max_length,
    "publication": Organization._meta.get_field("name").max_length,
    "volume": Article._meta.get_field("volume").max_length,
    "issue": Article._meta.get_field("issue").max_length,
    "source_url": Article._meta.get_field("source_url").max_length,
    "date_edtf": Article._meta.get_field("date_edtf").max_length,
}
NAME_LIMIT = min(
    Actor._meta.get_field("name").max_length, Comment._meta.get_field("author").max_length
)
COMMENT_POSTED_LIMIT = Comment._meta.get_field("posted").max_length
# The largest source file the archive reads (README "Importing articles"): refused before parsing.
MAX_SOURCE_BYTES = 1024 * 1024


class ParseError(ValueError):
    """The file is not an article this archive can read; the message says why."""


@dataclass
class ParsedComment:
    author: str
    posted: str
    posted_on: date | None
    text: str


@dataclass
class SourceMetadata:
    """What a source says of itself: as the parser reads it, and as an editor corrects
    it before import (corpus/ingest/importing.py's Metadata)."""

    title: str = ""
    authors: list[str] = field(default_factory=list)
    date_edtf: str = ""
    date_certainty: str = "unknown"
    date_evidence: str = ""
    publication: str = ""
    publication_evidence: str = ""
    volume: str = ""
    issue: str = ""
    source_url: str = ""


@dataclass
class ParsedArticle(SourceMetadata):
    # Where the title came from when not from the top of the file ("" when it did).
    title_evidence: str = ""
    date_text: str = ""
    body: str = ""
    comments: list[ParsedComment] = field(default_factory=list)


def decode(raw: bytes) -> str:
    """Decode a source file, refusing what is not text."""
    if len(raw) > MAX_SOURCE_BYTES:
        raise ParseError(f"the file is over the {MAX_SOURCE_BYTES // 1024} KB limit")
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
    # With none in the header, a date alone on a line further down is the date line.
    dated = "" if article.date_text else next(filter(read_date_line, body_blocks), "")
    if dated:
        article.date_text = dated
        body_blocks.remove(dated)
    _read_date(article)
    if not article.title:
        _title_from_tail(tail, article)
    article.body = "\n\n".join(join_broken_paragraphs(body_blocks))
    if len(article.body.split()) < MIN_BODY_WORDS:
        raise ParseError("no recognisable article body (fewer than 20 words of text)")
    check_lengths(article)
    return article


def check_lengths(article: ParsedArticle) -> None:
    """Every value read fits the field it goes to, or ParseError names the first that
    does not: the database would refuse it half-way through an import."""
    values = [(name, getattr(article, name), limit) for name, limit in FIELD_LIMITS.items()]
    values += [("author", author, NAME_LIMIT) for author in article.authors]
    for comment in article.comments:
        values += [("comment author", comment.author, NAME_LIMIT)]
        values += [("comment date", comment.posted, COMMENT_POSTED_LIMIT)]
    for name, value, limit in values:
        if len(value) > limit:
            raise ParseError(f"the {name} is {len(value)} characters long; at most {limit} fit")


def _take_header(blocks: list[str], article: ParsedArticle) -> list[str]:
    """Consume title, byline, date and publication lines from the top."""
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if match := PUBLICATION_HEADER.match(_squeezed(block)):
            article.publication = match["publication"].strip()
            article.publication_evidence = f"Header: “{block[:400]}”"
            article.volume = match["volume"] or ""
            article.issue = match["issue"] or ""
        elif not article.authors and (byline := read_byline(block)):
            article.authors, date_text = byline
            article.date_text = date_text or article.date_text
        elif not article.date_text and read_date_line(block):
            article.date_text = block
        elif block.startswith("# ") and not article.title:
            article.title = block[2:].strip()
        elif not article.title and (match := TITLE_LINE.match(block)):
            article.title = match["title"].strip()
        elif not article.title and _looks_like_title(block, first=index == 0):
            article.title = block
        else:
            break
        index += 1
    return blocks[index:]


def _squeezed(block: str) -> str:
    """The block with each run of whitespace one space, for the header and footer patterns."""
    return " ".join(block.split())


def read_byline(block: str) -> tuple[list[str], str] | None:
    """The authors of a byline in byline order, and a date printed with them; None
    when the line is not clearly a byline (then it stays in the body)."""
    if len(block) > MAX_BYLINE or not (match := BYLINE.match(block)):
        return None
    names, date_text = MARKDOWN_LINK.sub(r"\1", match["names"]).strip(), ""
    if (dated := BYLINE_DATE.match(names)) and read_date_line(dated["date"]):
        names, date_text = dated["names"], dated["date"].strip()
    authors = [name.strip() for name in BYLINE_SEPARATORS.split(names) if name.strip()]
    if not authors or not all(person_like(name) for name in authors):
        return None
    return authors, date_text


def _looks_like_title(block: str, first: bool) -> bool:
    """A short line that does not end a sentence: at the top of the file, or, further
    down the header, in title case or capitals ("CSTO: SAFE CHOICE IN CENTRAL ASIA")."""
    words = block.split()
    if len(block) > 200 or len(words) > 25 or block.endswith((".", ",", ";", ":")):
        return False
    if BYLINE.match(block):
        return False  # a "By ..." line that is not a byline is the body's first sentence
    if SENTENCE_BREAK.search(block):
        return False  # two sentences are the body's, never a title
    long_words = [word for word in words if len(word) > 3] or words
    title_case = block.isupper() or sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.6
    if block.endswith(("?", "!", "”", '"', "’", "…", ")")):
        return title_case
    return first or title_case


def _read_date(article: ParsedArticle) -> None:
    """Read the date line with what the rest of the source says (its URL, its
    comments); with no date line, the URL's date, inferred."""
    comment_dates = [c.posted_on for c in article.comments if c.posted_on]
    reading = (
        read_date_line(article.date_text, article.source_url, comment_dates)
        if article.date_text
        else read_url_date(article.source_url)
    )
    if reading:
        article.date_edtf = reading.edtf
        article.date_certainty = reading.certainty
        article.date_evidence = reading.evidence


def _title_from_tail(tail: list[str], article: ParsedArticle) -> None:
    for block in tail:
        if COMMENTS_HEADING.match(block) and (match := COMMENTS_TITLE.search(block)):
            article.title = match["title"].strip()
            article.title_evidence = f"Quoted above the reader comments: “{block}”"
            return


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
        elif in_comments and (match := COMMENT_HEADER.match(_squeezed(block))):
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
    reading = read_date_line(posted.split(" at ")[0])
    return date.fromisoformat(reading.edtf) if reading and reading.certainty == "stated" else None


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
