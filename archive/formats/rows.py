"""Articles and claims to print in a list, read with values() into light rows rather
than model instances: a list page only prints them, and building twenty articles,
their publications and their authors as instances cost more than their SQL.

A row answers what the list's template, JSON and snippets ask of an article (its
URL, display title, date, publication and byline) or a claim (its claimant, form,
kind, passage and article) with the model's own methods, so the page is the same.
Its links are written from a prefix each route reversed once per list (RouteLinks):
the same URLs as get_absolute_url, without a reverse() per row."""

import re
import uuid

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchHeadline
from django.db.models import OuterRef
from django.db.models.functions import JSONObject
from django.urls import reverse
from django.urls.converters import SlugConverter, UUIDConverter

from archive.reading.snippets import END_MARK, MARK, headline, highlighted
from corpus.models import SEARCH_CONFIG, Article, Authorship, Claim, websearch

# What a listed article shows; the long columns stay unread (as for_listing defers them).
ARTICLE_FIELDS = (
    "pk",
    "slug",
    "title",
    "title_supplied",
    "source_file",
    "date_edtf",
    "date_start",
    "date_certainty",
    "year",
)
# A value each route's converter accepts, to reverse the route once around it.
PLACEHOLDERS = {SlugConverter: "route-links-placeholder", UUIDConverter: str(uuid.UUID(int=0))}


class RouteLinks:
    """The URLs of one route with one argument (a slug or a uuid), for many rows: the
    route reversed once, then each value written between the same prefix and suffix.
    That is what reverse() writes for any value the converter accepts (it quotes none of
    their characters); any other value still goes through reverse(), to fail as it does."""

    def __init__(self, name: str, converter: type = SlugConverter):
        self.name, self.accepts = name, re.compile(converter.regex).fullmatch
        placeholder = PLACEHOLDERS[converter]
        self.prefix, _, self.suffix = reverse(name, args=[placeholder]).rpartition(placeholder)

    def __call__(self, value) -> str:
        text = str(value)
        if self.accepts(text):
            return f"{self.prefix}{text}{self.suffix}"
        return reverse(self.name, args=[value])


class EntityRow:
    """A publication, an author or a claimant, as a list prints it: a name linking to
    its page."""

    __slots__ = ("pk", "name", "slug", "url")

    def __init__(self, pk, name, slug, url):
        self.pk, self.name, self.slug, self.url = pk, name, slug, url

    def get_absolute_url(self) -> str:
        return self.url

    def __str__(self) -> str:
        return self.name


class SharedEntityRow(EntityRow):
    """A person or an organization named in the same articles as another, and in how many."""

    __slots__ = ("shared_articles",)


def co_mention_rows(entities) -> list[SharedEntityRow]:
    """Entities as co_mentioned_with gives them (each with `shared_articles`), in that
    order, as rows linking to their pages through one reversed route."""
    rows, url = [], None
    for entity in entities:
        url = url or RouteLinks(f"{entity._meta.model_name}_detail")
        row = SharedEntityRow(entity.pk, entity.name, entity.slug, url(entity.slug))
        row.shared_articles = entity.shared_articles
        rows.append(row)
    return rows


class Byline(list):
    """An article row's authors in byline order; `.all()` answers as the related manager."""

    def all(self):
        return self


class ArticleRow:
    """One listed article. `snippet` is set only on a search (archive.reading.snippets);
    no __slots__, since a template would take an unset slot for a broken property."""

    display_title = Article.display_title

    def __init__(self, values: dict, url: str, publication, authors):
        for name in ARTICLE_FIELDS:
            setattr(self, name, values[name])
        self.url, self.publication, self.authors = url, publication, authors

    def get_absolute_url(self) -> str:
        return self.url


def byline() -> ArraySubquery:
    """An article's authors in byline order, read in its own row: [{pk, name, slug}, ...]."""
    return ArraySubquery(
        Authorship.objects.filter(article=OuterRef("pk"))
        .order_by("position")
        .values(author=JSONObject(pk="actor_id", name="actor__name", slug="actor__slug"))
    )


def listed_articles(articles, *annotations: str) -> list[ArticleRow]:
    """The articles of the queryset `articles`, in its order (and slice), as rows with
    their publications and bylines, each also carrying the `annotations` named (such
    as Article.objects.mentioning_entity's `mention_count`): one query, the bylines
    read in each article's row, and no model instance."""
    articles = articles.values(
        *ARTICLE_FIELDS,
        "publication_id",
        "publication__name",
        "publication__slug",
        *annotations,
        listed_byline=byline(),
    )
    article_url, actor_url = RouteLinks("article_detail"), RouteLinks("actor_detail")
    organization_url = RouteLinks("organization_detail")
    rows = []
    for values in articles:
        authors = Byline(
            EntityRow(author["pk"], author["name"], author["slug"], actor_url(author["slug"]))
            for author in values["listed_byline"]
        )
        publication = values["publication_id"] and EntityRow(
            values["publication_id"],
            values["publication__name"],
            values["publication__slug"],
            organization_url(values["publication__slug"]),
        )
        row = ArticleRow(values, article_url(values["slug"]), publication or None, authors)
        for name in annotations:
            setattr(row, name, values[name])
        rows.append(row)
    return rows


def article_rows(ids: list[int], q=None) -> list[ArticleRow]:
    """The articles `ids`, in that order, as listed_articles reads them. With a search
    `q`, each carries its `snippet`, read in the same query."""
    ids = list(ids)  # a page of a queryset: read once, not once per query below
    articles = Article.objects.filter(pk__in=ids)
    if q:
        articles = articles.annotate(headline=headline(q))
    rows = {row.pk: row for row in listed_articles(articles, *(["headline"] if q else []))}
    if q:
        for row in rows.values():
            row.snippet = highlighted(vars(row).pop("headline") or "")
    return [rows[pk] for pk in ids if pk in rows]


class AnnotationRow:
    """The passage a claim is reported in, with its article."""

    __slots__ = ("uuid", "exact", "start", "end", "article")

    def __init__(self, uuid, exact, start, end, article):
        self.uuid, self.exact, self.start, self.end, self.article = uuid, exact, start, end, article


def _display(field: str):
    """get_<field>_display, as Django's: the choice's label, or the value if it has none."""
    labels = dict(Claim._meta.get_field(field).flatchoices)
    return lambda claim: labels.get(getattr(claim, field), getattr(claim, field))


class ClaimRow:
    """One listed claim: who said it, how, and where it is reported; on a search,
    `marked` is its whole text with the matched words marked (safe HTML). No
    __slots__: it may carry what its query annotated (listed_claims)."""

    get_form_display = _display("form")
    get_kind_display = _display("kind")


CLAIM_FIELDS = ("pk", "text", "form", "kind", "claimant_actor_id")
CLAIMANT_ACTOR = ("claimant_actor__name", "claimant_actor__slug")
CLAIMANT = (
    "claimant_organization_id",
    "claimant_organization__name",
    "claimant_organization__slug",
)
PASSAGE = ("annotation__uuid", "annotation__exact", "annotation__start", "annotation__end")
PUBLISHED_IN = tuple(f"annotation__article__{name}" for name in ARTICLE_FIELDS)


def listed_claims(claims, *annotations: str) -> list[ClaimRow]:
    """The claims of the queryset `claims`, in its order (and slice), as rows with
    their claimants, passages and articles, each also carrying the `annotations`
    named: one query, as Claim.objects.for_listing() makes, and no model instance."""
    actor_url, organization_url = RouteLinks("actor_detail"), RouteLinks("organization_detail")
    article_url = RouteLinks("article_detail")
    rows = []
    for values in claims.values(
        *CLAIM_FIELDS, *CLAIMANT_ACTOR, *CLAIMANT, *PASSAGE, *PUBLISHED_IN, *annotations
    ):
        claim = ClaimRow()
        for name in (*CLAIM_FIELDS, *annotations):
            setattr(claim, name, values[name])
        claim.marked = None
        if claim.claimant_actor_id:
            name, slug = (values[field] for field in CLAIMANT_ACTOR)
            claim.claimant = EntityRow(claim.claimant_actor_id, name, slug, actor_url(slug))
        else:
            pk, name, slug = (values[field] for field in CLAIMANT)
            claim.claimant = EntityRow(pk, name, slug, organization_url(slug))
        article = dict(zip(ARTICLE_FIELDS, (values[field] for field in PUBLISHED_IN), strict=True))
        published_in = ArticleRow(article, article_url(article["slug"]), None, Byline())
        claim.annotation = AnnotationRow(*(values[name] for name in PASSAGE), published_in)
        rows.append(claim)
    return rows


def claim_rows(ids: list[int], q: str = "") -> list[ClaimRow]:
    """The claims `ids`, in that order, as listed_claims reads them, and on a search
    `q` each with its text with the matches marked, in the same query."""
    claims = Claim.objects.filter(pk__in=ids)
    if q:
        # The whole statement (they are short), its matched words marked, in the same query.
        claims = claims.annotate(
            headline=SearchHeadline(
                "text",
                websearch(q),
                config=SEARCH_CONFIG,
                start_sel=MARK,
                stop_sel=END_MARK,
                highlight_all=True,
            )
        )
    rows = {row.pk: row for row in listed_claims(claims, *(["headline"] if q else []))}
    if q:
        for row in rows.values():
            row.marked = highlighted(vars(row).pop("headline"))
    return [rows[pk] for pk in ids if pk in rows]
