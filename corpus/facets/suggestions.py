"""Names close to a search that found little: the people, organizations and tags
whose name, alias or acronym is near the query by trigrams (pg_trgm), accents
ignored (unaccent), each with what clicking it gives, in one statement: on the
article list its published articles, on the claim list its public claims (about
the person or organization, or tagged)."""

from dataclasses import dataclass

from django.db import connections, router

from corpus.models import FacetTotal

# Fewer results than this, and the list suggests names.
FEW_RESULTS = 3
# How close a name must be (pg_trgm's similarity or word similarity, 0 to 1).
CLOSENESS = 0.4
SUGGESTED = 6

_SCORED = f"""
WITH said AS (SELECT lower(unaccent(%s::text)) AS q),
names AS (
  SELECT 'actor' AS kind, a.id, a.slug, a.name, f.form
  FROM corpus_actor a, LATERAL unnest(a.aliases || a.name::varchar) AS f(form)
  UNION ALL
  SELECT 'organization', o.id, o.slug, o.name, f.form
  FROM corpus_organization o, LATERAL unnest(o.aliases || o.name || o.acronym) AS f(form)
  WHERE f.form <> ''
  UNION ALL
  SELECT 'tag', t.id, t.slug, t.name, t.name FROM taggit_tag t
),
scored AS (
  SELECT n.kind, n.id, n.slug, n.name, max(greatest(
    similarity(said.q, lower(unaccent(n.form))), word_similarity(said.q, lower(unaccent(n.form)))
  )) AS score
  FROM names n, said GROUP BY 1, 2, 3, 4
  HAVING max(greatest(
    similarity(said.q, lower(unaccent(n.form))), word_similarity(said.q, lower(unaccent(n.form)))
  )) >= {CLOSENESS}
)
"""
# The article list's facets are named for the kinds; its counts are running totals.
_ARTICLES = (
    _SCORED
    + f"""
SELECT s.kind, s.kind, s.slug, s.name, t.count FROM scored s
JOIN corpus_facettotal t ON t.facet = s.kind AND t.value = s.id AND t.count > 0
ORDER BY s.score DESC, t.count DESC, s.name LIMIT {SUGGESTED}
"""
)
# The claim list finds a person or an organization by "about", whose slug may name
# either (as ClaimSearch resolves it), and a tag by "tag"; counted on ClaimFacets' indexes.
_CLAIMS = (
    _SCORED
    + f"""
SELECT s.kind, CASE WHEN s.kind = 'tag' THEN 'tag' ELSE 'about' END, s.slug, s.name, c.n
FROM scored s, LATERAL (
  SELECT count(*) AS n FROM corpus_claimfacets f WHERE CASE WHEN s.kind = 'tag'
    THEN f.tag_ids @> ARRAY[s.id::integer]
    ELSE f.named_actor_ids && ARRAY(SELECT a.id FROM corpus_actor a WHERE a.slug = s.slug)
      OR f.named_organization_ids
        && ARRAY(SELECT o.id FROM corpus_organization o WHERE o.slug = s.slug)
  END
) c
WHERE c.n > 0
ORDER BY s.score DESC, c.n DESC, s.name LIMIT {SUGGESTED}
"""
)


@dataclass(frozen=True)
class Suggestion:
    kind: str  # actor, organization or tag
    facet: str  # the list's parameter that selects it
    slug: str
    name: str
    count: int  # what the link to the facet gives: articles, or claims


def close_names(q: str, within: str = "articles") -> list[Suggestion]:
    """The known names nearest `q`, best first, each with its count `within`
    "articles" (published) or "claims" (public)."""
    if not q.strip():
        return []
    with connections[router.db_for_read(FacetTotal)].cursor() as cursor:
        cursor.execute(_CLAIMS if within == "claims" else _ARTICLES, [q])
        return [Suggestion(*row) for row in cursor.fetchall()]
