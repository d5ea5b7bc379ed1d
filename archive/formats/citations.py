"""Citations of an article: Chicago (notes and bibliography), BibTeX, RIS and CSL-JSON.

Pure functions of an Article and the URL it is read at. They state only what
the record states: an article with no author starts with its title, a date
the source does not print is marked as conjectured (or "n.d."), and a title
an editor supplied stays in brackets. Nothing is filled in.
"""

import json
import re
import unicodedata
from urllib.parse import quote

from django.utils.html import format_html
from django.utils.safestring import SafeString

from archive.formats import humane_dates

ARCHIVE_NAME = "CSTO & Central Asian Security Archive"
SUPPLIED_TITLE_NOTE = "Title supplied by the archive; the source has none"
BIBTEX_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
# Characters with a meaning in (La)TeX, and how to write them as text.
TEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
# Characters a URL keeps as they are in a BibTeX url field: not braces, backslashes or spaces.
URL_SAFE = ":/?#[]@!$&'()*+,;=-._~%"
TEX_SPECIAL = re.compile("|".join(re.escape(c) for c in TEX_SPECIALS))
STOPWORDS = {"a", "an", "the"}


# What every format shares -------------------------------------------------------------


def name_parts(name: str) -> tuple[str, str]:
    """(given, family) of a personal name written "Given Family"; ("", name) for one word."""
    given, _, family = name.strip().rpartition(" ")
    return given, family


def is_serial(article) -> bool:
    """Has volume or issue numbers, as a journal or bulletin does."""
    return bool(article.volume or article.issue)


def date_note(article, edtf: bool = True) -> str:
    """How sure the date is, for formats without a way to say it; "" for a printed date."""
    reading = humane_dates.read(article.date_edtf)
    if not article.date_edtf:
        return "No date in the source"
    exact = reading and not reading.end and not reading.uncertain and not reading.approximate
    if exact and article.date_certainty == "stated":
        return ""
    words = humane_dates.describe(article.date_edtf, article.date_certainty)
    return f"Date: {words}; EDTF {article.date_edtf}" if edtf else f"Date: {words}"


def notes(article, url: str, edtf: bool = True) -> list[str]:
    supplied = SUPPLIED_TITLE_NOTE if article.title_supplied else ""
    return [
        note for note in (date_note(article, edtf), supplied, archived_at(article, url)) if note
    ]


# The one URL policy of every format: the source's own address when known, else the
# archive's page; and where the two differ, the archive's permanent link as well.


def citation_url(article, url: str) -> str:
    """The source's own address when known, else the archive's page for the article."""
    return article.source_url or url


def archived_at(article, url: str) -> str:
    """The archive's permanent link, where the citation's URL is the source's own."""
    return f"Archived at {url}" if article.source_url and article.source_url != url else ""


# Chicago ---------------------------------------------------------------------------------


def _chicago_authors(names: list[str]) -> str:
    if not names:
        return ""
    given, family = name_parts(names[0])
    first = f"{family}, {given}" if given else family
    rest = names[1:]
    if not rest:
        return first
    if len(rest) == 1:
        return f"{first}, and {rest[0]}"
    return f"{first}, {', '.join(rest[:-1])}, and {rest[-1]}"


def _end_with_period(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else f"{text}."


def chicago(article, url: str, html: bool = False) -> str | SafeString:
    """A bibliography entry in Chicago notes-bibliography style.

    Golts, Alexander. “Russia Needs the West in Central Asia.” *The Moscow Times*,
    September 5, 2011. https://…

    With html=True the publication is in <i> and everything else is escaped.
    """
    names = [author.name for author in article.authors.all()]
    date = humane_dates.chicago(article.date_edtf, article.date_certainty)
    if article.title_supplied:
        title = _end_with_period(f"[{article.title}]")
    else:
        title = f"“{_end_with_period(article.title)}”"
    publication = article.publication.name if article.publication else ""
    if publication and is_serial(article):
        numbers = article.volume
        if article.issue:
            numbers = f"{numbers}, no. {article.issue}" if numbers else f"no. {article.issue}"
        tail = f" {numbers} ({date})."
    elif publication:
        tail = _end_with_period(f", {date}")
    else:
        tail = _end_with_period(date)
    author = _end_with_period(_chicago_authors(names)) if names else ""
    link = citation_url(article, url)
    archived = f". {archived_at(article, url)}." if archived_at(article, url) else ""
    if not html:
        return " ".join(filter(None, [author, title, f"{publication}{tail}", link])) + archived
    return format_html(
        "{}{} {}{} {}{}",
        f"{author} " if author else "",
        title,
        format_html("<i>{}</i>", publication) if publication else "",
        tail,
        link,
        archived,
    )


# BibTeX ----------------------------------------------------------------------------------


def tex(text: str) -> str:
    return TEX_SPECIAL.sub(lambda match: TEX_SPECIALS[match.group()], text)


def bibtex_url(url: str) -> str:
    """A URL inside braces: braces, backslashes and spaces percent-encoded, so that
    "},note={" in a source URL cannot close the field and open another."""
    return quote(url, safe=URL_SAFE)


def _ascii_word(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def bibtex_key(article) -> str:
    """Stable and readable: family name, year and first title word (kucera2011moscow);
    with no author, the slug and year (csto-safe-choice-in-central-asia-2007)."""
    authors = list(article.authors.all())
    year = str(article.year) if article.year else "nd"
    if not authors:
        return f"{article.slug}-{year}"
    family = _ascii_word(name_parts(authors[0].name)[1]) or article.slug
    words = [_ascii_word(w) for w in article.title.split()]
    word = next((w for w in words if w and w not in STOPWORDS), "")
    return f"{family}{year}{word}"


def bibtex(article, url: str) -> str:
    reading = humane_dates.read(article.date_edtf)
    fields = [("author", " and ".join(tex(a.name) for a in article.authors.all()))]
    title = f"[{article.title}]" if article.title_supplied else article.title
    # Double braces keep the source's capitalisation.
    fields.append(("title", "{" + tex(title) + "}"))
    if article.publication:
        fields.append(("journal", tex(article.publication.name)))
    fields += [("volume", tex(article.volume)), ("number", tex(article.issue))]
    if article.year:
        fields.append(("year", str(article.year)))
    if reading and not reading.end and reading.start.month:
        fields.append(("month", BIBTEX_MONTHS[reading.start.month - 1]))
    # biblatex reads EDTF itself, uncertainty and ranges included.
    fields.append(("date", tex(article.date_edtf)))
    fields.append(("url", bibtex_url(citation_url(article, url))))
    fields.append(("note", tex("; ".join(notes(article, url)))))
    entry_type = "article" if article.publication else "misc"
    lines = [f"@{entry_type}{{{bibtex_key(article)},"]
    for name, value in fields:
        if not value:
            continue
        rendered = value if name == "month" else f"{{{value}}}"
        lines.append(f"  {name} = {rendered},")
    lines.append("}")
    return "\n".join(lines) + "\n"


# RIS -------------------------------------------------------------------------------------


def ris(article, url: str) -> str:
    """An RIS record: TY, AU, TI, T2, PY, DA, VL, IS, UR, N1, ER."""
    reading = humane_dates.read(article.date_edtf)
    lines = [("TY", "JOUR" if is_serial(article) else "NEWS")]
    for author in article.authors.all():
        given, family = name_parts(author.name)
        lines.append(("AU", f"{family}, {given}" if given else family))
    lines.append(("TI", article.display_title))
    if article.publication:
        lines.append(("T2", article.publication.name))
    if article.year:
        lines.append(("PY", str(article.year)))
    if reading and not reading.end:
        part = reading.start
        month = f"{part.month:02d}" if part.month else ""
        day = f"{part.day:02d}" if part.day else ""
        other = "uncertain" if reading.uncertain else ""
        lines.append(("DA", f"{part.year}/{month}/{day}/{other}"))
    lines += [("VL", article.volume), ("IS", article.issue)]
    lines.append(("UR", citation_url(article, url)))
    lines += [("N1", note) for note in notes(article, url)]
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines if value or tag == "ER")


# CSL-JSON --------------------------------------------------------------------------------


def csl_issued(article) -> dict | None:
    """CSL date: only the parts the EDTF gives, "circa" when it is uncertain or approximate."""
    reading = humane_dates.read(article.date_edtf)
    if reading is None:
        return {"literal": article.date_edtf} if article.date_edtf else None
    issued = {"date-parts": [part.date_parts for part in reading.parts]}
    if reading.uncertain or reading.approximate:
        issued["circa"] = True
    return issued


def csl_json(article, url: str) -> dict:
    """One CSL-JSON item (as citeproc and Zotero read it)."""
    if not article.publication:
        kind = "article"
    else:
        kind = "article-journal" if is_serial(article) else "article-newspaper"
    item = {"id": bibtex_key(article), "type": kind, "title": article.display_title}
    authors = []
    for author in article.authors.all():
        given, family = name_parts(author.name)
        authors.append({"family": family, "given": given} if given else {"literal": family})
    if authors:
        item["author"] = authors
    if article.publication:
        item["container-title"] = article.publication.name
    if article.volume:
        item["volume"] = article.volume
    if article.issue:
        item["issue"] = article.issue
    issued = csl_issued(article)
    if issued:
        item["issued"] = issued
    item["URL"] = citation_url(article, url)
    item["archive"] = ARCHIVE_NAME
    note = notes(article, url, edtf=False)
    if article.date_edtf:
        note.append(f"edtf: {article.date_edtf}")
    if note:
        item["note"] = "\n".join(note)
    return item


def csl_json_text(article, url: str) -> str:
    """A CSL-JSON file: a list holding the one item."""
    return json.dumps([csl_json(article, url)], ensure_ascii=False, indent=2) + "\n"


# Highwire Press meta tags ------------------------------------------------------------------


def highwire(article, url: str) -> list[tuple[str, str]]:
    """The citation_* meta tags Zotero and Google Scholar read, as (name, content):
    only what the record states; a date only as precise as its EDTF, and none for
    a range or a date the source does not print."""
    tags = [("citation_title", article.display_title)]
    tags += [("citation_author", author.name) for author in article.authors.all()]
    reading = humane_dates.read(article.date_edtf)
    if reading and not reading.end:
        year, *rest = reading.start.date_parts
        date = "/".join([str(year), *(f"{n:02d}" for n in rest)])
        tags.append(("citation_publication_date", date))
    if article.publication:
        # Zotero reads the periodical, journal or newspaper alike, from this one name.
        tags.append(("citation_journal_title", article.publication.name))
    numbers = (("citation_volume", article.volume), ("citation_issue", article.issue))
    tags += [(name, value) for name, value in numbers if value]
    tags.append(("citation_public_url", url))
    if article.source_url:
        tags.append(("citation_fulltext_html_url", article.source_url))
    return tags
