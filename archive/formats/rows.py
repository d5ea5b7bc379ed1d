"""Articles and claims to print in a list, read with values() into light rows rather
than model instances: a list page only prints them, and building twenty articles,
their publications and their authors as instances cost more than their SQL.

A row answers what the list's template, JSON and snippets ask of an article (its
URL, display title, date, publication and byline) or a claim (its claimant, form,
kind, passage and article) with the model's own methods, so the page is the same."""

from collections import defaultdict

from django.contrib.postgres.search import SearchHeadline

from archive.reading.snippets import END_MARK, MARK, headline, highlighted
from corpus.models import SEARCH_CONFIG, Actor, Article, Authorship, Claim, Organization, websearch

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


class EntityRow:
    """A publication or an author, as a list prints it: a name linking to its page."""

    __slots__ = ("pk", "name", "slug", "_model")

    def __init__(self, model, pk, name, slug):
        self._model, self.pk, self.name, self.slug = model, pk, name, slug

    def get_absolute_url(self) -> str:
        return self._model.get_absolute_url(self)

    def __str__(self) -> str:
        return self.name


class Byline(list):
    """An article row's authors in byline order; `.all()` answers as the related manager."""

    def all(self):
        return self


class ArticleRow:
    """One listed article. `snippet` is set only on a search (archive.reading.snippets);
    no __slots__, since a template would take an unset slot for a broken property."""

    display_title = Article.display_title
    get_absolute_url = Article.get_absolute_url

    def __init__(self, values: dict, publication, authors):
        for name in ARTICLE_FIELDS:
            setattr(self, name, values[name])
        self.publication, self.authors = publication, authors


def article_rows(ids: list[int], q=None) -> list[ArticleRow]:
    """The articles `ids`, in that order, with their publications and bylines: two
    queries, as for_listing() makes, and no model instance. With a search `q`, each
    carries its `snippet`, read in the same query."""
    ids = list(ids)  # a page of a queryset: read once, not once per query below
    articles = Article.objects.filter(pk__in=ids)
    if q:
        articles = articles.annotate(headline=headline(q))
    articles = articles.values(
        *ARTICLE_FIELDS,
        "publication_id",
        "publication__name",
        "publication__slug",
        *(["headline"] if q else []),
    )
    bylines = defaultdict(Byline)
    authorships = (
        Authorship.objects.filter(article__in=ids)
        .order_by("article_id", "position")
        .values_list("article_id", "actor_id", "actor__name", "actor__slug")
    )
    for article_id, *author in authorships:
        bylines[article_id].append(EntityRow(Actor, *author))
    rows = {}
    for values in articles:
        publication = values["publication_id"] and EntityRow(
            Organization,
            values["publication_id"],
            values["publication__name"],
            values["publication__slug"],
        )
        rows[values["pk"]] = row = ArticleRow(values, publication or None, bylines[values["pk"]])
        if q:
            row.snippet = highlighted(values["headline"] or "")
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
    `marked` is its whole text with the matched words marked (safe HTML)."""

    __slots__ = (
        "pk",
        "text",
        "form",
        "kind",
        "claimant_actor_id",
        "claimant",
        "annotation",
        "marked",
    )

    get_form_display = _display("form")
    get_kind_display = _display("kind")


CLAIM_FIELDS = ("pk", "text", "form", "kind", "claimant_actor_id")
CLAIMANT = (
    "claimant_organization_id",
    "claimant_organization__name",
    "claimant_organization__slug",
)
PASSAGE = ("annotation__uuid", "annotation__exact", "annotation__start", "annotation__end")


def claim_rows(ids: list[int], q: str = "") -> list[ClaimRow]:
    """The claims `ids`, in that order, each with its claimant, passage and article,
    and on a search `q` its text with the matches marked: one query, as
    Claim.objects.for_listing() makes, and no model instance."""
    article = [f"annotation__article__{name}" for name in ARTICLE_FIELDS]
    actor = ("claimant_actor__name", "claimant_actor__slug")
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
    rows = {}
    for values in claims.values(
        *CLAIM_FIELDS, *actor, *CLAIMANT, *PASSAGE, *article, *(["headline"] if q else [])
    ):
        claim = ClaimRow()
        for name in CLAIM_FIELDS:
            setattr(claim, name, values[name])
        claim.marked = highlighted(values["headline"]) if q else None
        if claim.claimant_actor_id:
            claimant = (Actor, claim.claimant_actor_id, *(values[name] for name in actor))
        else:
            claimant = (Organization, *(values[name] for name in CLAIMANT))
        claim.claimant = EntityRow(*claimant)
        published_in = ArticleRow(
            {name: values[f"annotation__article__{name}"] for name in ARTICLE_FIELDS},
            None,
            Byline(),
        )
        claim.annotation = AnnotationRow(*(values[name] for name in PASSAGE), published_in)
        rows[claim.pk] = claim
    return [rows[pk] for pk in ids if pk in rows]
