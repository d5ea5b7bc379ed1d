"""Find a span's passage again in a text, by its W3C selectors.

A span is described by two W3C selectors: its position (TextPositionSelector)
and its quote with about 32 characters of context either side
(TextQuoteSelector). After an edit each span is placed again, in the order the
Hypothesis client uses:

1. position: the span, carried through the edit, still holds its quote;
2. exact quote: every occurrence of the quote, scored on how well its prefix
   and suffix match and how near it is to where the span was expected (a quote
   found once in the old text and once in the new one is taken as moved);
3. fuzzy quote: where most of the quote's own characters survived the edit,
   the substring within a bounded edit distance of the quote (at most one edit
   per four characters), scored on quote, prefix, suffix and position.

A candidate must score at least MIN_SCORE. Whatever cannot be placed that
confidently is orphaned (reanchoring.py): it keeps its last position, unchecked,
and waits in the admin's orphan queue. It is never attached silently to another
passage. `candidates` offers the looser suggestions an editor chooses from.
"""

from dataclasses import dataclass

from corpus.anchoring.textdiff import EditMap, approximate_matches, similarity
from corpus.models import CONTEXT_CHARS

QUOTE_WEIGHT, PREFIX_WEIGHT, SUFFIX_WEIGHT, POSITION_WEIGHT = 50, 20, 20, 2
MAX_SCORE = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT
# The least normalized score a placement needs; below it the span is orphaned.
MIN_SCORE = 0.8
# Fuzzy matching allows at most one edit per four characters of the quote.
MAX_ERROR_RATE = 0.25
# A quote this long found once in the old text and once in the new one is the same
# passage, moved, whatever its new context.
SELF_EVIDENT_LENGTH = 8
# Candidate occurrences scored at most (the nearest to where the span was expected).
MAX_CANDIDATES = 300
# Suggestions for placing an orphan by hand may be looser, but not for short names.
SUGGESTION_ERROR_RATE = 0.5
MIN_SUGGESTION_LENGTH = 8


@dataclass(frozen=True)
class Quote:
    """What is known of a span: its quote, context, and former position."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int

    @classmethod
    def at(cls, body: str, start: int, end: int) -> "Quote":
        return cls(
            exact=body[start:end],
            prefix=body[max(0, start - CONTEXT_CHARS) : start],
            suffix=body[end : end + CONTEXT_CHARS],
            start=start,
            end=end,
        )


@dataclass(frozen=True)
class Placement:
    start: int
    end: int
    method: str  # "position", "quote" or "fuzzy"
    score: float


# -- placing one quote -----------------------------------------------------------


def _score(quote: Quote, body: str, start: int, end: int, errors: int, hint: int) -> float:
    """The Hypothesis client's score: mostly the quote, then its context, and
    nearness to where it was expected as a tie-breaker; 1.0 is a perfect match."""
    before = max(CONTEXT_CHARS, len(quote.prefix))
    after = max(CONTEXT_CHARS, len(quote.suffix))
    quote_score = 1.0 - errors / max(1, len(quote.exact))
    prefix_score = similarity(quote.prefix, body[max(0, start - before) : start])
    suffix_score = similarity(quote.suffix, body[end : end + after])
    position_score = 1.0 - abs(start - hint) / max(1, len(body))
    raw = (
        QUOTE_WEIGHT * quote_score
        + PREFIX_WEIGHT * prefix_score
        + SUFFIX_WEIGHT * suffix_score
        + POSITION_WEIGHT * position_score
    )
    return raw / MAX_SCORE


def _exact_candidates(quote: Quote, body: str, hint: int, old_body: str = "") -> list[Placement]:
    found, at = [], body.find(quote.exact)
    while at >= 0:
        found.append(at)
        at = body.find(quote.exact, at + 1)
    self_evident = (
        len(found) == 1
        and len(quote.exact) >= SELF_EVIDENT_LENGTH
        and old_body.count(quote.exact) == 1
    )
    nearest = sorted(found, key=lambda start: abs(start - hint))[:MAX_CANDIDATES]
    end = len(quote.exact)
    return [
        Placement(
            start,
            start + end,
            "quote",
            1.0 if self_evident else _score(quote, body, start, start + end, 0, hint),
        )
        for start in nearest
    ]


def _fuzzy_candidates(
    quote: Quote, body: str, low: int, high: int, error_rate: float, hint: int
) -> list[Placement]:
    max_errors = int(len(quote.exact) * error_rate)
    low, high = max(0, low - max_errors), min(len(body), high + max_errors)
    return [
        Placement(
            low + start,
            low + end,
            "fuzzy",
            _score(quote, body, low + start, low + end, errors, hint),
        )
        for start, end, errors in approximate_matches(quote.exact, body[low:high], max_errors)
    ]


def locate(quote: Quote, body: str, edits: EditMap | None = None) -> Placement | None:
    """Where `quote` is in `body` now, or None when it cannot be placed confidently.
    `edits` maps the text the quote was taken from to `body`; without it (an
    orphan tried again) only an exact quote in a matching context is trusted."""
    if not quote.exact:
        return None
    # 1. The stored position, carried through the edit, still holds the quote.
    moved = edits.span(quote.start, quote.end) if edits else None
    if moved and body[moved[0] : moved[1]] == quote.exact:
        return Placement(*moved, "position", 1.0)
    hint = edits.offset(quote.start) if edits else quote.start
    # 2. The exact quote, chosen by its context and nearness.
    exact = _exact_candidates(quote, body, hint, edits.old if edits else "")
    best = max(exact, key=lambda p: p.score, default=None)
    if best and best.score >= MIN_SCORE:
        return best
    # 3. A bounded fuzzy match where most of the quote's own characters still are,
    # so that a look-alike passage elsewhere is never taken for it.
    kept, low, high = edits.survivors(quote.start, quote.end) if edits else (0, 0, 0)
    if kept < (1 - MAX_ERROR_RATE) * len(quote.exact):
        return None
    fuzzy = _fuzzy_candidates(quote, body, low, high, MAX_ERROR_RATE, hint)
    best = max(
        (p for p in fuzzy if p.start < high and p.end > low), key=lambda p: p.score, default=None
    )
    return best if best and best.score >= MIN_SCORE else None


def candidates(quote: Quote, body: str, limit: int = 5) -> list[Placement]:
    """Passages an editor might mean for an orphan, best first, however weak:
    exact occurrences anywhere, then looser approximate ones."""
    found = {}
    loose = []
    if len(quote.exact) >= MIN_SUGGESTION_LENGTH:
        loose = _fuzzy_candidates(quote, body, 0, len(body), SUGGESTION_ERROR_RATE, quote.start)
    for placement in _exact_candidates(quote, body, quote.start) + loose:
        key = (placement.start, placement.end)
        if key not in found or found[key].score < placement.score:
            found[key] = placement
    return sorted(found.values(), key=lambda p: -p.score)[:limit]
