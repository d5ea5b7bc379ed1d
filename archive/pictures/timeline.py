"""The timeline, as geometry ready for an SVG template: each dated article as
a mark spanning its date range, drawn as certain as its evidence allows (never
more precise).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from corpus.models import Article

TIMELINE_WIDTH = 960
TIMELINE_MARGIN_X = 24
TIMELINE_AXIS_HEIGHT = 44
TIMELINE_ROW_HEIGHT = 52
TIMELINE_BAR_HEIGHT = 10
TIMELINE_LABEL_CHARS = 60
MIN_MARK_WIDTH = 6.0


class MarkStyle:
    STATED = "stated"  # the source prints the date
    INFERRED = "inferred"  # a range inferred from evidence
    UNCERTAIN = "uncertain"  # EDTF marks it uncertain or approximate ("2011?")


def mark_style(article) -> str:
    if any(sign in article.date_edtf for sign in "?~%"):
        return MarkStyle.UNCERTAIN
    if article.date_certainty == Article.DateCertainty.STATED:
        return MarkStyle.STATED
    return MarkStyle.INFERRED


@dataclass
class TimelineMark:
    article: Article
    style: str
    highlighted: bool
    x1: float
    x2: float
    y: float
    label_x: float
    label_on_left: bool

    @property
    def bar_height(self) -> int:
        return TIMELINE_BAR_HEIGHT

    @property
    def bar_y(self) -> float:
        return self.y - TIMELINE_BAR_HEIGHT - 3  # level with the title line

    @property
    def iso_date(self) -> str | None:
        """A machine-readable date only when the source prints the day."""
        start, end = self.article.date_start, self.article.date_end
        return start.isoformat() if self.style == MarkStyle.STATED and start == end else None

    @property
    def width(self) -> float:
        return round(self.x2 - self.x1, 1)

    @property
    def centre(self) -> float:
        return round((self.x1 + self.x2) / 2, 1)

    @property
    def label(self) -> str:
        title = self.article.display_title
        if len(title) > TIMELINE_LABEL_CHARS:
            title = title[: TIMELINE_LABEL_CHARS - 1].rstrip() + "…"
        return title


@dataclass
class YearTick:
    year: int
    x: float
    label_x: float


@dataclass
class Timeline:
    marks: list[TimelineMark]
    undated: list[Article]
    ticks: list[YearTick]
    first_year: int | None
    last_year: int | None
    width: int = TIMELINE_WIDTH
    height: int = TIMELINE_AXIS_HEIGHT
    axis_end: float = TIMELINE_WIDTH - TIMELINE_MARGIN_X


def timeline(articles, highlighted: set[int] = frozenset()) -> Timeline:
    """Lay out `articles` (oldest first) one to a row on an axis of whole years,
    from the first article's year to the last one's (computed from the data)."""
    dated = [a for a in articles if a.date_start]
    undated = [a for a in articles if not a.date_start]
    if not dated:
        return Timeline(marks=[], undated=undated, ticks=[], first_year=None, last_year=None)
    first_year = min(a.date_start.year for a in dated)
    last_year = max(a.date_end.year for a in dated)
    origin = date(first_year, 1, 1).toordinal()
    days = date(last_year + 1, 1, 1).toordinal() - origin
    plot = TIMELINE_WIDTH - 2 * TIMELINE_MARGIN_X

    def x_of(day: date) -> float:
        return TIMELINE_MARGIN_X + (day.toordinal() - origin) / days * plot

    years = last_year - first_year + 1
    every = 1 if years <= 12 else 5 if years <= 60 else 10
    ticks = [
        YearTick(
            year,
            round(x_of(date(year, 1, 1)), 1),
            round((x_of(date(year, 1, 1)) + x_of(date(year + 1, 1, 1))) / 2, 1),
        )
        for year in range(first_year, last_year + 1)
        if (year - first_year) % every == 0
    ]
    marks = []
    for row, article in enumerate(dated):
        x1, x2 = x_of(article.date_start), x_of(article.date_end + timedelta(days=1))
        if x2 - x1 < MIN_MARK_WIDTH:  # too short to see: widen around its centre
            middle = (x1 + x2) / 2
            x1, x2 = middle - MIN_MARK_WIDTH / 2, middle + MIN_MARK_WIDTH / 2
        left_room, right_room = x1 - TIMELINE_MARGIN_X, TIMELINE_WIDTH - TIMELINE_MARGIN_X - x2
        on_left = left_room > right_room
        marks.append(
            TimelineMark(
                article=article,
                style=mark_style(article),
                highlighted=article.pk in highlighted,
                x1=round(x1, 1),
                x2=round(x2, 1),
                y=TIMELINE_AXIS_HEIGHT + row * TIMELINE_ROW_HEIGHT + TIMELINE_ROW_HEIGHT / 2,
                label_x=round(x1 - 8 if on_left else x2 + 8, 1),
                label_on_left=on_left,
            )
        )
    height = TIMELINE_AXIS_HEIGHT + len(marks) * TIMELINE_ROW_HEIGHT + 8
    return Timeline(
        marks=marks,
        undated=undated,
        ticks=ticks,
        first_year=first_year,
        last_year=last_year,
        height=height,
    )
