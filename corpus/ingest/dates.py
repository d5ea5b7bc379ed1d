"""Dates as sources print them, read into EDTF with their certainty and evidence.

Recognised, alone on a line (optionally after "Published:", "Posted on", "Date:"
or a weekday, and before a time of day):
- a month's name or abbreviation: "September 5, 2011", "Sept. 5, 2011",
  "5 September 2011", "5 Sep 2011";
- ISO: "2011-09-05";
- numbers: "05.09.2011", "5/9/2011". Day and month are told apart when one of them
  is over 12; otherwise the reading the source URL's date agrees with is taken
  (inferred, with that evidence), or a reader comment posted before one reading
  rules it out; failing both, the date is one of the two ("[2011-05-09, 2011-09-05]"
  in EDTF) and the evidence says why. A two-digit year is never guessed at.
"""

import re
from dataclasses import dataclass
from datetime import date

from corpus.models.dates import MONTH_ABBREVIATIONS, MONTH_NAMES

MONTH_NUMBERS = {
    **{name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    **{name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    **MONTH_ABBREVIATIONS,
}
MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
YEAR = r"(?P<year>\d{4})"
PREFIX = (
    r"^(?:(?:published|posted|updated|date|dated)(?:\s+on)?\s*:?\s*)?"
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
)
TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?\s*$"
WRITTEN = [
    re.compile(PREFIX + rf"{MONTH}\s+{DAY},?\s+{YEAR}" + TIME, re.I),
    re.compile(PREFIX + rf"{DAY}\s+{MONTH},?\s+{YEAR}" + TIME, re.I),
]
ISO = re.compile(PREFIX + r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?:[T ]\S+)?\s*$", re.I)
NUMERIC = re.compile(
    PREFIX + r"(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)" + YEAR + TIME, re.I
)
URL_DATE = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d{2})[/-](?P<month>\d{1,2})[/-](?P<day>\d{1,2})(?!\d)"
)


@dataclass(frozen=True)
class DateReading:
    text: str  # as the source prints it
    edtf: str
    certainty: str  # "stated" or "inferred", as Article.DateCertainty
    evidence: str


def words(day: date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def _date(year, month, day) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def read_date_line(line: str, source_url: str = "", later_than: list | None = None):
    """The date a line holds, or None when the line is not a date alone.

    `source_url` and `later_than` (dates the source shows came after, such as reader
    comments) may decide between the two readings of a numeric date."""
    line = line.strip()
    for pattern in WRITTEN:
        match = pattern.match(line)
        month = MONTH_NUMBERS.get(match["month"].lower()) if match else None
        if month and (day := _date(match["year"], month, match["day"])):
            return DateReading(
                line, day.isoformat(), "stated", f"Dateline in the source: “{line}”."
            )
    if (match := ISO.match(line)) and (day := _date(match["year"], match["month"], match["day"])):
        return DateReading(line, day.isoformat(), "stated", f"Dateline in the source: “{line}”.")
    if match := NUMERIC.match(line):
        return _numeric(line, match, source_url, later_than or [])
    return None


def _numeric(line, match, source_url: str, later_than: list) -> DateReading | None:
    a, b, year = int(match["a"]), int(match["b"]), match["year"]
    day_first, month_first = _date(year, b, a), _date(year, a, b)
    readings = [d for d in dict.fromkeys((day_first, month_first)) if d is not None]
    if not readings:
        return None
    printed = f"Dateline in the source: “{line}”"
    if len(readings) == 1:
        order = "day first" if readings[0] == day_first else "month first"
        return DateReading(
            line, readings[0].isoformat(), "stated", f"{printed}, which can only be read {order}."
        )
    both = f"{printed}, which reads as {words(day_first)} (day first) or {words(month_first)} (month first)"
    url_date = url_date_of(source_url)
    if url_date in readings:
        return DateReading(
            line,
            url_date.isoformat(),
            "inferred",
            f"{both}; the source URL ({source_url}) gives {words(url_date)}.",
        )
    earliest = min(later_than, default=None)
    possible = [d for d in readings if earliest is None or d <= earliest]
    if len(possible) == 1:
        return DateReading(
            line,
            possible[0].isoformat(),
            "inferred",
            f"{both}; a reader comment posted on {words(earliest)} rules out the later one.",
        )
    first, second = sorted(readings)
    return DateReading(
        line,
        f"[{first.isoformat()}, {second.isoformat()}]",
        "inferred",
        f"{both}; nothing in the source decides which.",
    )


def url_date_of(url: str) -> date | None:
    """The date a source URL spells out (/2011/09/05/), if any."""
    if match := URL_DATE.search(url or ""):
        return _date(match["year"], match["month"], match["day"])
    return None


def read_url_date(source_url: str) -> DateReading | None:
    """A date inferred from the source URL alone, for a source that prints none."""
    if day := url_date_of(source_url):
        return DateReading(
            "",
            day.isoformat(),
            "inferred",
            f"No date printed in the source; its URL ({source_url}) gives {words(day)}.",
        )
    return None
