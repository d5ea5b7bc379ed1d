"""Properties of anchoring (corpus.anchoring.locate), over generated texts and edits.

Texts are built from distinct words of a vocabulary in which no word contains
another, so that each quoted passage occurs once; inserted text uses words the
vocabulary never has. That keeps the properties exact: a passage has one true
place, and after it is deleted, no other. The vocabulary has look-alikes
(minister and ministry, security and securely) that a careless fuzzy match
would take for a deleted passage."""

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.anchoring.selectors import Quote, locate
from corpus.anchoring.textdiff import EditMap, edit_distance

_WORDS = (  # noqa: SIM905 (a word list reads better as prose)
    "security treaty organization collective rapid reaction force summit "
    "moscow dushanbe bishkek tashkent astana minsk yerevan kremlin "
    "border drugs afghanistan taliban militants exercise brigade airbase "
    "garrison command sovereignty alliance observers sceptical pledge withdrawal "
    "deployment troops caspian pipeline uranium gas oil railway "
    "customs union parliament president minister general colonel envoy "
    "ambassador spokesman analyst journal weekly rebellion uprising clashes "
    "curfew refugees smuggling corridor checkpoint ministry militias securely "
    "tashkend gremlin reliance observed submit "
).split()
VOCABULARY = sorted(w for w in set(_WORDS) if not any(w != o and w in o for o in _WORDS))
NEW_WORDS = st.lists(st.sampled_from(["ZULU", "QUEBEC", "XRAY", "4711", "VOLGA"]), min_size=1)
SEPARATORS = st.sampled_from([" ", ", ", ". ", "\n\n"])


@st.composite
def documents(draw, max_spans=4):
    """A body and non-overlapping word-aligned spans in it, as (start, end) pairs."""
    words = draw(st.lists(st.sampled_from(VOCABULARY), min_size=6, max_size=40, unique=True))
    separators = [draw(SEPARATORS) for _ in words[1:]]
    starts, body = [], ""
    for word, separator in zip(words, ["", *separators], strict=True):
        body += separator
        starts.append(len(body))
        body += word
    ends = [start + len(word) for start, word in zip(starts, words, strict=True)]
    cuts = sorted(draw(st.sets(st.integers(0, len(words) - 1), min_size=2, max_size=2 * max_spans)))
    spans = [(starts[a], ends[b]) for a, b in zip(cuts[::2], cuts[1::2], strict=False)]
    return body, spans


def outside(spans, low, high) -> bool:
    """Whether [low, high) touches none of the spans (an insertion has low == high)."""
    return all(high <= start or low >= end for start, end in spans)


@st.composite
def edits_outside(draw, body, spans, max_edits=3):
    """Insertions of new words and deletions of text, none inside a span: a list of
    (low, high, replacement) in increasing order, not overlapping."""
    edits, at = [], 0
    for _ in range(draw(st.integers(1, max_edits))):
        if at >= len(body):
            break
        low = draw(st.integers(at, len(body)))
        if draw(st.booleans()):
            high, text = low, " " + " ".join(draw(NEW_WORDS)) + " "
        else:
            high, text = draw(st.integers(low, min(len(body), low + 60))), ""
        if outside(spans, low, high):
            edits.append((low, high, text))
            at = high + 1
    return edits


def apply(body, edits):
    for low, high, text in reversed(edits):
        body = body[:low] + text + body[high:]
    return body


def shifted(position, edits):
    """Where an offset at the start of an untouched span moves."""
    return position + sum(len(text) - (high - low) for low, high, text in edits if high <= position)


@given(documents())
def test_unchanged_text_keeps_every_anchor_exactly(document):
    body, spans = document
    for start, end in spans:
        quote = Quote.at(body, start, end)
        assert locate(quote, body, EditMap(body, body)) is not None
        placed = locate(quote, body, EditMap(body, body))
        assert (placed.start, placed.end, placed.method) == (start, end, "position")
        # Even without knowing the edit, the quote in its context is found where it was.
        placed = locate(quote, body)
        assert (placed.start, placed.end) == (start, end)


@given(st.text(min_size=1), st.data())
def test_any_unchanged_text_keeps_any_span(body, data):
    start = data.draw(st.integers(0, len(body) - 1))
    end = data.draw(st.integers(start + 1, len(body)))
    placed = locate(Quote.at(body, start, end), body, EditMap(body, body))
    assert (placed.start, placed.end) == (start, end)


@settings(max_examples=300)
@given(st.data())
def test_edits_elsewhere_keep_every_anchor(data):
    body, spans = data.draw(documents())
    edits = data.draw(edits_outside(body, spans))
    new_body = apply(body, edits)
    changes = EditMap(body, new_body)
    for start, end in spans:
        placed = locate(Quote.at(body, start, end), new_body, changes)
        assert placed is not None, "a passage the edits did not touch was orphaned"
        new_start = shifted(start, edits)
        assert (placed.start, placed.end) == (new_start, new_start + end - start)
        assert new_body[placed.start : placed.end] == body[start:end]


@given(st.text(min_size=2), st.data())
def test_an_edit_elsewhere_in_any_text_keeps_the_quote(body, data):
    start = data.draw(st.integers(0, len(body) - 1))
    end = data.draw(st.integers(start + 1, len(body)))
    low = data.draw(st.sampled_from([i for i in range(len(body) + 1) if i <= start or i >= end]))
    high = data.draw(st.integers(low, start if low <= start else len(body)))
    new_body = body[:low] + data.draw(st.text()) + body[high:]
    placed = locate(Quote.at(body, start, end), new_body, EditMap(body, new_body))
    assert placed is not None and placed.method == "position"
    assert new_body[placed.start : placed.end] == body[start:end]


@settings(max_examples=300)
@given(st.data())
def test_deleting_the_quoted_passage_orphans_it(data):
    body, spans = data.draw(documents(max_spans=1))
    start, end = spans[0]
    new_body = body[:start] + body[end:]
    assert locate(Quote.at(body, start, end), new_body, EditMap(body, new_body)) is None


LOOKALIKES = [
    ("minister", "ministry"),
    ("militants", "militias"),
    ("security", "securely"),
    ("tashkent", "tashkend"),
    ("observers", "observed"),
]


@given(st.sampled_from(LOOKALIKES), st.data())
def test_deleting_a_passage_never_moves_it_to_a_lookalike(pair, data):
    quoted, lookalike = data.draw(st.permutations(pair))
    others = [w for w in VOCABULARY if w not in pair]
    words = data.draw(st.lists(st.sampled_from(others), min_size=4, max_size=20, unique=True))
    words.insert(data.draw(st.integers(0, len(words))), lookalike)
    words.insert(data.draw(st.integers(0, len(words))), quoted)
    body = " ".join(words)
    start = body.index(quoted)
    end = start + len(quoted)
    new_body = body[:start] + body[end:]
    assert locate(Quote.at(body, start, end), new_body, EditMap(body, new_body)) is None


@settings(max_examples=300)
@given(st.data())
def test_other_passages_survive_the_deletion_of_one(data):
    body, spans = data.draw(documents())
    (start, end), others = spans[0], spans[1:]
    new_body = body[:start] + body[end:]
    changes = EditMap(body, new_body)
    assert locate(Quote.at(body, start, end), new_body, changes) is None
    for other_start, other_end in others:
        placed = locate(Quote.at(body, other_start, other_end), new_body, changes)
        assert new_body[placed.start : placed.end] == body[other_start:other_end]


@given(st.text(max_size=40), st.text(max_size=40))
def test_edit_distance_is_a_metric(a, b):
    assert edit_distance(a, b) == edit_distance(b, a)
    assert (edit_distance(a, b) == 0) == (a == b)
    assert abs(len(a) - len(b)) <= edit_distance(a, b) <= max(len(a), len(b))
