"""EDTF dates in words, as certain as the evidence allows and no more.

"2011-09-05" reads "5 September 2011"; "2007-10?" reads "October 2007
(uncertain)"; "2011-09-27/2011-10-02" reads "between 27 September and
2 October 2011". Forms these functions do not know are shown as EDTF,
never guessed at.
"""

import re
from dataclasses import dataclass

from corpus.models.dates import MONTH_NAMES

SIMPLE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?P<q>[?~%]?)$")


@dataclass(frozen=True)
class Part:
    """One EDTF date of day, month or year precision, with its qualifier."""

    year: int
    month: int | None = None
    day: int | None = None
    uncertain: bool = False  # "?" or "%"
    approximate: bool = False  # "~" or "%"

    @property
    def date_parts(self) -> list[int]:
        return [n for n in (self.year, self.month, self.day) if n is not None]


@dataclass(frozen=True)
class Reading:
    """An EDTF value understood as one date or a closed range of two."""

    start: Part
    end: Part | None = None

    @property
    def uncertain(self) -> bool:
        return any(p.uncertain for p in self.parts)

    @property
    def approximate(self) -> bool:
        return any(p.approximate for p in self.parts)

    @property
    def parts(self) -> list[Part]:
        return [self.start, *([self.end] if self.end else [])]


def _part(text: str) -> Part | None:
    match = SIMPLE.match(text)
    if not match:
        return None
    month = int(match["month"]) if match["month"] else None
    day = int(match["day"]) if match["day"] else None
    if month is not None and not 1 <= month <= 12:
        return None
    q = match["q"]
    return Part(
        int(match["year"]), month, day, uncertain=q in ("?", "%"), approximate=q in ("~", "%")
    )


def read(edtf: str) -> Reading | None:
    """The date or closed range in `edtf`; None when blank or in a form not handled here."""
    edtf = (edtf or "").strip()
    if not edtf:
        return None
    if "/" in edtf:
        first, _, last = edtf.partition("/")
        start, end = _part(first), _part(last)
        return Reading(start, end) if start and end else None
    start = _part(edtf)
    return Reading(start) if start else None


def _day_month_year(part: Part, *, year: bool = True, month: bool = True) -> str:
    words = []
    if part.day is not None:
        words.append(str(part.day))
    if part.month is not None and month:
        words.append(MONTH_NAMES[part.month - 1])
    if year:
        words.append(str(part.year))
    return " ".join(words)


def _range_words(start: Part, end: Part) -> tuple[str, str]:
    """The two ends of a range, sharing the year (and month) once, as people write them."""
    same_year = start.year == end.year
    same_month = same_year and start.month == end.month and start.day is not None
    return (
        _day_month_year(start, year=not same_year, month=not same_month),
        _day_month_year(end),
    )


def describe(edtf: str, certainty: str = "stated") -> str:
    """The date in words for readers, with how sure it is; "" when unknown."""
    if not edtf.strip():
        return ""
    reading = read(edtf)
    if reading is None:
        return f"{edtf.strip()} (EDTF)"
    if reading.end:
        first, last = _range_words(reading.start, reading.end)
        words = f"between {first} and {last}"
    else:
        words = _day_month_year(reading.start)
    if reading.approximate:
        words = f"about {words}"
    if reading.uncertain:
        return f"{words} (uncertain)"
    if certainty == "inferred":
        return f"{words} (inferred)"
    return words


def _month_day_year(part: Part, *, year: bool = True, month: bool = True) -> str:
    text = MONTH_NAMES[part.month - 1] if part.month is not None and month else ""
    if part.day is not None:
        text = f"{text} {part.day}".strip()
        if year:
            text += ","
    if year:
        text = f"{text} {part.year}".strip()
    return text


def chicago(edtf: str, certainty: str = "stated") -> str:
    """The date as Chicago style writes it: "September 5, 2011"; conjectured dates in
    brackets with a question mark ("[2011?]"); "n.d." when there is none."""
    if not edtf.strip():
        return "n.d."
    reading = read(edtf)
    if reading is None:
        return f"[{edtf.strip()}]"
    if reading.end:
        start, end = reading.start, reading.end
        same_year = start.year == end.year
        same_month = same_year and start.month == end.month and start.day is not None
        if same_month:
            text = f"{MONTH_NAMES[start.month - 1]} {start.day}–{end.day}, {end.year}"
        else:
            text = f"{_month_day_year(start, year=not same_year)}–{_month_day_year(end)}"
    else:
        text = _month_day_year(reading.start)
    if reading.approximate:
        text = f"ca. {text}"
    if reading.uncertain:
        return f"[{text}?]"
    if certainty == "inferred" or reading.approximate:
        return f"[{text}]"
    return text
