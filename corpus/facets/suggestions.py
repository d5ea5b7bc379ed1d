"""Names close to a search that found little: the people, organizations and tags
whose name, alias or acronym is near the query by trigrams (pg_trgm), accents
ignored (unaccent), each with what clicking it gives, in one statement: on the
article list its published articles, on the claim list its public claims (about
the person or organization, or tagged). Every form is read folded from NameForm,
by its trigram index."""

from dataclasses import dataclass

from django.db import connections, router, transaction

from corpus.models import FacetTotal

# Fewer results than this, and the list suggests names.
FEW_RESULTS = 3
# How close a name must be (0 to 1): the greater of pg_trgm's similarity and word
# similarity, which is the word similarity. It compares the query with the name's
# closest stretch, the whole name being one stretch; over the same trigrams, the
# whole name's similarity can only be lower. One function scores a form, and its
# one operator (%>) finds the forms by the index, each tested once.
CLOSENESS = 0.4
SUGGESTED = 6

_NEAR_FORMS = f"""
WITH said AS (SELECT lower(unaccent(%s::text)) AS q),
forms AS MATERIALIZED (
  -- The forms near the query, found by nameform_folded_trgm (threshold: _NEAR).
  -- Materialized: grouped in the same query, a small table's forms were read in
  -- key order instead, each compared with the query.
  SELECT n.kind, n.entity_id, n.folded FROM corpus_nameform n, said
  WHERE n.folded %%> said.q
),
near AS (
  -- Each person's, organization's or tag's closest form, scored.
  SELECT n.kind, n.entity_id, max(word_similarity(said.q, n.folded)) AS score
  FROM forms n, said
  GROUP BY 1, 2
  HAVING max(word_similarity(said.q, n.folded)) >= {CLOSENESS}
)
"""
# Each close record by its primary key (OFFSET 0 keeps the lookup per row: a join
# would walk the whole key index for the few names a search comes near).
_RECORD = """LATERAL (
  SELECT a.id, a.slug, a.name FROM corpus_actor a
  WHERE n.kind = 'actor' AND a.id = n.entity_id
  UNION ALL
  SELECT o.id, o.slug, o.name FROM corpus_organization o
  WHERE n.kind = 'organization' AND o.id = n.entity_id
  UNION ALL
  SELECT t.id, t.slug, t.name FROM taggit_tag t
  WHERE n.kind = 'tag' AND t.id = n.entity_id
  OFFSET 0
) e"""
_SCORED = (
    _NEAR_FORMS
    + f""",
scored AS (SELECT n.kind, e.id, e.slug, e.name, n.score FROM near n, {_RECORD})
"""
)
# The trigram operator's threshold for this transaction, a little under CLOSENESS:
# the index finds every form that may be close, the score above decides.
THRESHOLDS = (("pg_trgm.word_similarity_threshold", str(CLOSENESS - 0.01)),)
_NEAR = "SELECT " + ", ".join(["set_config(%s, %s, true)"] * len(THRESHOLDS))
# The article list's facets are named for the kinds; its counts are running totals,
# read before the records and only for the names that can be shown (a short query
# such as "aimd" is near hundreds): only names with published articles that can be
# among the first SUGGESTED by score and count (ties kept) are looked up, and then
# ordered by name.
_ARTICLES = (
    _NEAR_FORMS
    + f""",
least_shown AS (
  -- At most the score of the SUGGESTED-th closest name with published articles:
  -- none below it can be shown. The names are read closest first (OFFSET 0 keeps
  -- that order below the filter), each one's total looked up until enough are
  -- found; any SUGGESTED of them would give a bound as safe, if less tight.
  SELECT min(score) AS score FROM (
    SELECT n.score FROM (SELECT * FROM near ORDER BY score DESC OFFSET 0) n
    WHERE EXISTS (
      SELECT 1 FROM corpus_facettotal t
      WHERE t.facet = n.kind AND t.value = n.entity_id AND t.count > 0
    )
    LIMIT {SUGGESTED}
  ) closest
),
counted AS (
  SELECT * FROM (
    SELECT n.kind, n.entity_id, n.score, t.count,
      rank() OVER (ORDER BY n.score DESC, t.count DESC) AS place
    FROM near n
    JOIN corpus_facettotal t ON t.facet = n.kind AND t.value = n.entity_id AND t.count > 0
    WHERE n.score >= (SELECT score FROM least_shown)
  ) ranked WHERE place <= {SUGGESTED}
)
SELECT n.kind, n.kind, e.slug, e.name, n.count FROM counted n, {_RECORD}
ORDER BY n.score DESC, n.count DESC, e.name LIMIT {SUGGESTED}
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


def close_names(q: str, within: str = "articles", thresholds_set=False) -> list[Suggestion]:
    """The known names nearest `q`, best first, each with its count `within`
    "articles" (published) or "claims" (public). `thresholds_set`: the caller's
    transaction has already SET LOCAL the THRESHOLDS (as ArticleSearch.planned does)."""
    if not q.strip():
        return []
    alias = router.db_for_read(FacetTotal)
    # No savepoint: inside a list's transaction the one or two statements are all it costs.
    with transaction.atomic(using=alias, savepoint=False), connections[alias].cursor() as cursor:
        if not thresholds_set:
            cursor.execute(_NEAR, [v for pair in THRESHOLDS for v in pair])
        cursor.execute(_CLAIMS if within == "claims" else _ARTICLES, [q])
        return [Suggestion(*row) for row in cursor.fetchall()]
