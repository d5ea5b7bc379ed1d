"""A phrase search found by its word pairs.

A phrase (`'border' <-> 'servic'`, as a quoted search or a name the search widens
to) is found by the GIN index on the words alone, and PostgreSQL then rechecks the
positions in every article holding all of them: for a name made of common words,
a thousand articles' vectors read out of TOAST to find five. Migration 0030 indexes
each article's words together with its pairs of adjacent words
(corpus_search_terms, as `'border servic'`), so the phrase's pairs narrow the
candidates in the index first. Migration 0034 adds the pairs two positions apart
(`'servic _ almati'`): a name with a stop word inside ("Service of Almaty",
`'servic' <2> 'almati'`) is narrowed across it too.

pairs_filter() derives, from a tsquery, a query over those terms that every
article the tsquery matches also matches: a necessary condition, never a
different search. The tsquery itself still decides.

The other way round, for a search matching most articles: not_matching() sets aside
by index the articles its plain words alone decide (`'csto'` in `'csto' | 'collect'
<-> 'secur' <-> …`: a sufficient condition, which the GIN index answers with no
vector read) and tests the tsquery only on the few articles left.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db.models import BooleanField, F, Func, Value
from django.db.models.functions import Coalesce

from corpus.models.expressions import TsQuery

# The lexeme corpus_search_terms gives an article whose pairs would not fit in one
# tsvector (1 MB) instead of them: every pairs query accepts it.
TOO_MANY_PAIRS = "too-many-pairs *"
# What joins two words into one of corpus_search_terms' pairs, by how far apart they
# are: 'border servic' (adjacent), 'servic _ almati' (a stop word between).
PAIRED = {1: " ", 2: " _ "}
# A tsquery as PostgreSQL prints it: quoted lexemes (with '' for a quote), their
# weights and prefix flags, and the operators ! & | <-> <N> with parentheses.
_TOKEN = re.compile(r"\s*(?:'((?:[^'\\]|''|\\.)*)'(?::([*A-Da-d]+))?|(<(?:\d+|-)>)|([!&|()]))")


class _Unusable(Exception):
    """The text is not a tsquery this module reads: no filter, the search as it is."""


def pairs_filter(tsquery: str) -> str | None:
    """A tsquery over corpus_search_terms that every match of `tsquery` satisfies,
    or None when it would narrow nothing (no phrase of adjacent words in it)."""
    try:
        tree = _Parser(tsquery).parse()
    except _Unusable:
        return None
    needs = _necessary(tree)
    if needs is None or not _has_pair(needs):
        return None
    return f"{_text(needs)} | '{TOO_MANY_PAIRS}'"


def matching(rows, query: SearchQuery, pairs: str | None):
    """`rows` (of a model with a search_vector) matching `query`, narrowed first by
    `pairs` (pairs_filter of its text) when there are any: the pairs are looked
    up in facets_search_pairs_gin, and the query is tested on the few rows they
    leave, as a function call the planner cannot take to the other index."""
    if pairs is None:
        return rows.filter(search_vector=query)
    terms = Func(
        F("search_vector"), function="corpus_search_terms", output_field=SearchVectorField()
    )
    return rows.alias(search_terms=terms).filter(_tested(query), search_terms=TsQuery(pairs, pairs))


def _tested(query: SearchQuery) -> Func:
    """`query` tested on the row's vector by a call, which the planner cannot take to
    an index: for the rows another index has already narrowed to."""
    return Func(F("search_vector"), query, function="ts_match_vq", output_field=BooleanField())


def not_matching(rows, query: SearchQuery, pairs: str | None):
    """`rows` (of a model with a search_vector) that do not match `query`.

    Reading a match's vector out of TOAST to confirm it costs ~2 µs: 200 ms for a
    search in 97,000 articles whose name widens it to a phrase. The rows the query's
    plain words alone decide (sufficient_words) are set aside by the GIN index, which
    needs no vector for them; the query is tested on the rows left."""
    model = rows.model
    words = sufficient_words(query.text) if isinstance(query, TsQuery) else None
    if words is None:
        return rows.exclude(pk__in=matching(model.objects.all(), query, pairs).values("pk"))
    decided = model.objects.filter(search_vector=TsQuery(words, words)).values("pk")
    # A row with no vector matches nothing: it is one the query misses.
    return rows.exclude(pk__in=decided).exclude(Coalesce(_tested(query), Value(False)))


def sufficient_words(tsquery: str) -> str | None:
    """A tsquery of `tsquery`'s plain words that only its matches satisfy: its parts
    made of words without weights (`&`, `|`), none under a phrase or `not`. The GIN
    index decides such a query without reading a vector. None when it has none."""
    try:
        tree = _Parser(tsquery).parse()
    except _Unusable:
        return None
    words = _sufficient(tree)
    return None if words is None else _text(words)


# ---- reading the tsquery ----------------------------------------------------------
# A node is ("word", lexeme, prefix, weighted) | ("not", node) | ("and"|"or", left, right)
# | ("phrase", distance, left, right); the condition adds ("pair", "one two", False).


class _Parser:
    def __init__(self, text: str):
        self.tokens, position = [], 0
        text = text.rstrip()
        while position < len(text):
            match = _TOKEN.match(text, position)
            if not match:
                raise _Unusable(text)
            self.tokens.append(match.groups())
            position = match.end()
        self.at = 0

    def parse(self):
        if not self.tokens:
            raise _Unusable("empty")
        node = self._or()
        if self.at != len(self.tokens):
            raise _Unusable("trailing")
        return node

    def _peek(self, operator: str) -> bool:
        return self.at < len(self.tokens) and self.tokens[self.at][3] == operator

    def _infix(self, operator: str, kind: str, operand):
        node = operand()
        while self._peek(operator):
            self.at += 1
            node = (kind, node, operand())
        return node

    def _or(self):
        return self._infix("|", "or", self._and)

    def _and(self):
        return self._infix("&", "and", self._phrase)

    def _phrase(self):
        node = self._unary()
        while self.at < len(self.tokens) and self.tokens[self.at][2]:
            distance = self.tokens[self.at][2][1:-1]
            self.at += 1
            node = ("phrase", 1 if distance == "-" else int(distance), node, self._unary())
        return node

    def _unary(self):
        if self.at >= len(self.tokens):
            raise _Unusable("incomplete")
        lexeme, flags, _, operator = self.tokens[self.at]
        self.at += 1
        if operator == "!":
            return ("not", self._unary())
        if operator == "(":
            node = self._or()
            if not self._peek(")"):
                raise _Unusable("unbalanced")
            self.at += 1
            return node
        if lexeme is None:
            raise _Unusable(operator)
        text = re.sub(r"''|\\(.)", lambda m: m.group(1) or "'", lexeme)
        flags = flags or ""
        return ("word", text, "*" in flags, flags.strip("*") != "")


# ---- the necessary condition --------------------------------------------------------


def _edge(node, side: int):
    """The plain word at the phrase's left (side 2) or right (side 3) end, if it is one."""
    while node[0] == "phrase":
        node = node[side]
    return node[1] if node[0] == "word" and not node[2] else None


def _has_pair(node) -> bool:
    if node[0] in ("and", "or"):
        return _has_pair(node[1]) or _has_pair(node[2])
    return node[0] == "pair"


def _necessary(node):
    """What the terms of every matching article hold (None: nothing is known).

    A word needs itself (weights dropped: the terms keep none); a phrase needs its
    words and, where two plain words are adjacent (<->) or two apart (<2>), their
    pair; `and` needs both sides, `or` either; under `not` nothing is known."""
    kind = node[0]
    if kind == "word":
        return node
    if kind == "not":
        return None
    if kind == "phrase":
        left, right = _necessary(node[2]), _necessary(node[3])
        needs = _both(left, right)
        first, second = _edge(node[2], 3), _edge(node[3], 2)
        pair = _pair(first, second, node[1]) if first and second else None
        if pair:
            needs = _both(needs, ("pair", pair, False))
        return _without_paired_words(needs)
    left, right = _necessary(node[1]), _necessary(node[2])
    if kind == "and":
        return _both(left, right)
    return None if left is None or right is None else ("or", left, right)


def _sufficient(node):
    """The part of the query that its words alone decide (None: no such part). An
    `or` keeps either side that has one; an `and` needs both; a weighted word, a
    phrase and a `not` need the vector."""
    kind = node[0]
    if kind == "word":
        return None if node[3] else node
    if kind not in ("and", "or"):
        return None
    left, right = _sufficient(node[1]), _sufficient(node[2])
    if kind == "or":
        return _either(left, right)
    return None if left is None or right is None else ("and", left, right)


def _either(left, right):
    if left is None or right is None:
        return left if right is None else right
    return ("or", left, right)


def _pair(first: str, second: str, apart: int) -> str | None:
    """The lexeme corpus_search_terms gives two words `apart` positions apart, if it
    keeps one: only for 1 or 2 apart, and only under 2047 bytes (a lexeme's most)."""
    if apart not in PAIRED:
        return None
    pair = f"{first}{PAIRED[apart]}{second}"
    return pair if len(pair.encode()) < 2047 else None


def _without_paired_words(node):
    """A conjunction less the plain words one of its pairs already holds (the terms
    have a pair only where they have both its words)."""
    parts, stack = [], [node]
    while stack:
        part = stack.pop()
        if part is not None and part[0] == "and":
            stack += [part[2], part[1]]
        elif part is not None:
            parts.append(part)
    paired = {word for part in parts if part[0] == "pair" for word in _words(part[1])}
    kept = [p for p in parts if not (p[0] == "word" and not p[2] and p[1] in paired)]
    needs = None
    for part in kept:
        needs = _both(needs, part)
    return needs


def _words(pair: str) -> tuple[str, str]:
    first, _, second = pair.partition(" ")
    return first, second.removeprefix("_ ")


def _both(left, right):
    if left is None or right is None:
        return left if right is None else right
    return ("and", left, right)


def _text(node) -> str:
    if node[0] in ("word", "pair"):
        quoted = node[1].replace("\\", "\\\\").replace("'", "''")
        return f"'{quoted}'" + (":*" if node[2] else "")
    operator = " & " if node[0] == "and" else " | "
    return f"( {_text(node[1])}{operator}{_text(node[2])} )"
