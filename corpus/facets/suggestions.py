"""Names close to a search that found little: the people, organizations and tags
whose name, alias or acronym is near the query by trigrams (pg_trgm), accents
ignored (unaccent), each with its published article count, in one statement."""

from dataclasses import dataclass

from django.db import connections, router

from corpus.models import FacetTotal

# Fewer results than this, and the list suggests names.
FEW_RESULTS = 3
# How close a name must be (pg_trgm's similarity or word similarity, 0 to 1).
CLOSENESS = 0.4
SUGGESTED = 6

_SQL = f"""
WITH said AS (SELECT lower(unaccent(%s::text)) AS q),
names AS (
  SELECT 'actor' AS facet, a.id, a.slug, a.name, f.form
  FROM corpus_actor a, LATERAL unnest(a.aliases || a.name::varchar) AS f(form)
  UNION ALL
  SELECT 'organization', o.id, o.slug, o.name, f.form
  FROM corpus_organization o, LATERAL unnest(o.aliases || o.name || o.acronym) AS f(form)
  WHERE f.form <> ''
  UNION ALL
  SELECT 'tag', t.id, t.slug, t.name, t.name FROM taggit_tag t
),
scored AS (
  SELECT n.facet, n.id, n.slug, n.name, max(greatest(
    similarity(said.q, lower(unaccent(n.form))), word_similarity(said.q, lower(unaccent(n.form)))
  )) AS score
  FROM names n, said GROUP BY 1, 2, 3, 4
)
SELECT s.facet, s.slug, s.name, t.count FROM scored s
JOIN corpus_facettotal t ON t.facet = s.facet AND t.value = s.id AND t.count > 0
WHERE s.score >= {CLOSENESS}
ORDER BY s.score DESC, t.count DESC, s.name LIMIT {SUGGESTED}
"""


@dataclass(frozen=True)
class Suggestion:
    facet: str  # the article list's facet: actor, organization or tag
    slug: str
    name: str
    count: int  # published articles; what the link to the facet gives


def close_names(q: str) -> list[Suggestion]:
    """The known names nearest `q`, best first, each with its article count."""
    if not q.strip():
        return []
    with connections[router.db_for_read(FacetTotal)].cursor() as cursor:
        cursor.execute(_SQL, [q])
        return [Suggestion(*row) for row in cursor.fetchall()]
