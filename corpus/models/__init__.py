"""The archive's records, one module per subject, each with the querysets that
carry its verbs:

- entities: people and organizations;
- articles: articles and their sources, bylines and reader comments;
- annotations: mentions and annotated passages;
- claims: statements and who made them;
- facet_tables: the rows and running totals that triggers keep for the lists;
- article_parts: bylines and reader comments;
- review: what waits for an editor's decision: imported files (previews until
  confirmed), proposed and rejected links, names the archive does not know;
- seed_state: what load_seeds last wrote; texts: a source's text, normalised.

Each imports only those below it: claims, annotations, articles, entities,
facet_tables, then the leaves (choices, expressions, dates, notes). No model
imports a service; an article whose body changed sends body_changed instead.
"""

from corpus.models.annotations import (
    CONTEXT_CHARS,
    Annotation,
    AnnotationQuerySet,
    Mention,
    MentionQuerySet,
    Span,
    TaggedAnnotation,
    read_names,
)
from corpus.models.article_parts import Authorship, Comment, read_parts
from corpus.models.articles import (
    ARTICLE_TEXT_FIELDS,
    Article,
    ArticleQuerySet,
    TaggedArticle,
    body_changed,
    in_byline_order,
)
from corpus.models.choices import ANCHORED, PUBLISHED, Anchor, ClaimKind, Status
from corpus.models.claims import Claim, ClaimQuerySet, TaggedClaim
from corpus.models.entities import (
    CO_MENTION_LIMIT,
    Actor,
    ActorQuerySet,
    Entity,
    EntityQuerySet,
    Organization,
    OrganizationQuerySet,
)
from corpus.models.expressions import (
    SEARCH_CONFIG,
    ResolvedQuery,
    by_relevance,
    resolved_search,
    websearch,
)
from corpus.models.facet_tables import (
    ArticleFacets,
    ClaimFacets,
    ClaimFacetTotal,
    FacetTotal,
    NameForm,
    NameSkeleton,
    PassageTags,
    PassageTagTotal,
)
from corpus.models.review.candidates import NameCandidate, spelling_key
from corpus.models.review.imports import ImportBatch, ImportFile
from corpus.models.review.proposals import MentionProposal
from corpus.models.seed_state import SeedState
from corpus.models.texts import give_tag_a_routable_slug, normalized_text, text_sha256

__all__ = [
    "ANCHORED",
    "ARTICLE_TEXT_FIELDS",
    "CONTEXT_CHARS",
    "CO_MENTION_LIMIT",
    "PUBLISHED",
    "SEARCH_CONFIG",
    "Actor",
    "ActorQuerySet",
    "Anchor",
    "Annotation",
    "AnnotationQuerySet",
    "Article",
    "ArticleFacets",
    "ArticleQuerySet",
    "Authorship",
    "Claim",
    "ClaimFacetTotal",
    "ClaimFacets",
    "ClaimKind",
    "ClaimQuerySet",
    "Comment",
    "Entity",
    "EntityQuerySet",
    "FacetTotal",
    "ImportBatch",
    "ImportFile",
    "Mention",
    "MentionProposal",
    "MentionQuerySet",
    "NameCandidate",
    "NameForm",
    "NameSkeleton",
    "Organization",
    "OrganizationQuerySet",
    "PassageTagTotal",
    "PassageTags",
    "SeedState",
    "Span",
    "Status",
    "TaggedAnnotation",
    "TaggedArticle",
    "TaggedClaim",
    "body_changed",
    "in_byline_order",
    "give_tag_a_routable_slug",
    "normalized_text",
    "read_names",
    "read_parts",
    "spelling_key",
    "text_sha256",
    "ResolvedQuery",
    "by_relevance",
    "resolved_search",
    "websearch",
]
