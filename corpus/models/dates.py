"""Article dates in EDTF, as certain as the evidence allows and no more."""

from dataclasses import dataclass
from datetime import date

from edtf import EDTFParseException, parse_edtf, struct_time_to_date

# The months as sources and readers write them (the parser reads them, the site writes them).
MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
# Abbreviations printed in datelines ("Sept. 5, 2011"), beside the names' first three letters.
MONTH_ABBREVIATIONS = {"sept": 9}


@dataclass(frozen=True)
class DateBounds:
    start: date
    end: date

    @property
    def year(self) -> int | None:
        """The year, when the whole range falls within one."""
        return self.start.year if self.start.year == self.end.year else None


def bounds(edtf: str) -> DateBounds | None:
    """Sortable first and last possible day of an EDTF date; None when unknown.

    Raises ValueError for text that is not EDTF.
    """
    edtf = edtf.strip()
    if not edtf:
        return None
    try:
        parsed = parse_edtf(edtf)
    except EDTFParseException:
        raise ValueError(
            f"“{edtf}” is not an EDTF date (try 2011-09-05, 2007-10? or 2011?)"
        ) from None
    start = struct_time_to_date(parsed.lower_strict())
    end = struct_time_to_date(parsed.upper_strict())
    if start > end:
        raise ValueError(f"“{edtf}” ends before it starts")
    return DateBounds(start, end)
