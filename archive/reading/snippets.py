"""Search snippets: the passages of an article body around the search terms,
marked up by PostgreSQL's ts_headline and made safe to show."""

from django.contrib.postgres.search import SearchHeadline
from django.db import connections, router
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from corpus.models import SEARCH_CONFIG, Article, websearch

MARK, END_MARK = "<mark>", "</mark>"


def highlighted(headline: str) -> SafeString:
    """A ts_headline as safe HTML: the source text escaped, only the marks kept."""
    return mark_safe(  # noqa: S308 - escaped first; only the exact mark tags are restored
        escape(headline).replace(escape(MARK), MARK).replace(escape(END_MARK), END_MARK)
    )


def headline(q) -> SearchHeadline:
    """The article body's ts_headline around the search `q` (a string or a query
    resolved for the request), as search results show it."""
    return SearchHeadline(
        "body",
        websearch(q),
        config=SEARCH_CONFIG,
        start_sel=MARK,
        stop_sel=END_MARK,
        max_words=35,
        min_words=15,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


# The words of a text the search matches: its tokens whose lexemes the (widened)
# query names, so a reader arriving from "Rahmonov" sees "Rakhmonov" marked.
_MATCHED_WORDS = f"""
WITH lexemes AS (
  SELECT DISTINCT m[1] AS lexeme
  FROM regexp_matches((SELECT corpus_search_query(%s::text))::text, '''([^'']+)''', 'g') AS m
)
SELECT DISTINCT p.token FROM ts_parse('default', %s::text) AS p
WHERE p.token ~ '\\w' AND EXISTS (
  SELECT 1 FROM lexemes l,
    unnest(tsvector_to_array(to_tsvector('{SEARCH_CONFIG}', p.token))) AS v(lexeme)
  WHERE v.lexeme = l.lexeme
)
ORDER BY 1
"""


def matched_words(text: str, q: str) -> list[str]:
    """The words of `text` that the search `q` matches (one query), for the
    reading page to mark when a reader comes from a search."""
    if not q.strip():
        return []
    with connections[router.db_for_read(Article)].cursor() as cursor:
        cursor.execute(_MATCHED_WORDS, [q, text])
        return [word for (word,) in cursor.fetchall()]
