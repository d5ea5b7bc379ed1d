"""People and organizations: filterable lists, and a page for each with the
articles that name it, its statements, statements about it, and who it appears with."""

from django import forms
from django.db.models import Count, F, Window
from django.http import Http404, HttpResponsePermanentRedirect

from archive.formats import payloads
from archive.formats.rows import co_mention_rows, listed_articles, listed_claims
from archive.views.common import bad_request, paginate, respond
from archive.views.forms import errors_text
from archive.views.reader_cache import cached_for_readers
from corpus.models import CO_MENTION_LIMIT, Actor, Article, Claim, Organization

PAGE_SIZE = 100
# Newest first in the order of ArticleFacets' partial index over published rows, so a
# page of someone named in ten thousand articles stops after its first rows.
NEWEST_FIRST = (
    F("facets__date_start").desc(nulls_last=True),
    "title",
)


class EntityFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, strip=True)


class OrganizationFilterForm(EntityFilterForm):
    kind = forms.ChoiceField(required=False, choices=[("", "Any"), *Organization.Kind.choices])


def _entity_list(request, queryset, form, template, extra=None):
    if not form.is_valid():
        return bad_request(request, errors_text(form))
    q = form.cleaned_data["q"]
    if q:
        queryset = queryset.name_filter(q)
    context = {"q": q, **(extra(queryset, form.cleaned_data) if extra else {})}
    if form.cleaned_data.get("kind"):
        queryset = queryset.filter(kind=form.cleaned_data["kind"])
    entities = queryset.with_article_count().order_by("-article_count", "name")
    page = paginate(request, entities, per_page=PAGE_SIZE)
    context.update(page=page, entities=page.object_list)
    return respond(request, template, context, lambda c: payloads.entity_list_payload(c, request))


@cached_for_readers
def actor_list(request):
    # Authors whom no article names still wrote one: the list says so, not "0 articles".
    return _entity_list(
        request,
        Actor.objects.with_authored_count(),
        EntityFilterForm(request.GET),
        "actors/list.html",
    )


def _kind_facet(organizations, cleaned_data):
    """The kind facet, counted in the database against the name filter only."""
    labels = dict(Organization.Kind.choices)
    selected = cleaned_data["kind"]
    counts = organizations.order_by().values("kind").annotate(count=Count("pk"))
    kinds = [
        {"value": row["kind"], "label": labels.get(row["kind"], row["kind"]), "count": row["count"]}
        for row in counts.order_by("-count", "kind")
    ]
    if selected and selected not in {k["value"] for k in kinds}:
        kinds.append({"value": selected, "label": labels[selected], "count": 0})
    for kind in kinds:
        kind["selected"] = kind["value"] == selected
    return {"kind": selected, "kinds": kinds}


@cached_for_readers
def organization_list(request):
    return _entity_list(
        request,
        Organization.objects.all(),
        OrganizationFilterForm(request.GET),
        "organizations/list.html",
        extra=_kind_facet,
    )


# An entity's page lists the newest of its articles and statements, at most this many;
# the counts above them are the full ones, and the article list pages through them all.
SECTION_LIMIT = 50


def _entity_context(entity) -> dict:
    """What both entity pages show: each section's newest SECTION_LIMIT rows and
    its full count. "Statements about" an entity is defined in ClaimQuerySet.about:
    others' statements whose passage names it, or that an editor linked to it."""
    field = entity._meta.model_name
    # A claim has a ClaimFacets row exactly while it is public; its date and place
    # order the statements without joining passages and articles.
    public = Claim.objects.filter(facets__isnull=False)
    newest_first = (F("facets__date_start").desc(nulls_last=True), "facets__start", "pk")
    # Finding the passages that name the entity is the costly part: count them in the
    # same statement as the newest are listed (a window over all of them, before LIMIT).
    about = listed_claims(
        public.about(entity)
        .annotate(total=Window(Count("pk")))
        .order_by(*newest_first)[:SECTION_LIMIT],
        "total",
    )
    return {
        "entity": entity,
        "entity_type": field,
        "co_mention_limit": CO_MENTION_LIMIT,
        "articles": listed_articles(
            Article.objects.published()
            .mentioning_entity(entity)
            .order_by(*NEWEST_FIRST)[:SECTION_LIMIT],
            "mention_count",
        ),
        "claims": listed_claims(
            public.filter(**{f"facets__claimant_{field}_id": entity.pk}).order_by(*newest_first)[
                :SECTION_LIMIT
            ]
        ),
        "claims_about": about,
        "claims_about_count": about[0].total if about else 0,
        "co_actors": co_mention_rows(Actor.objects.co_mentioned_with(entity)),
        "co_organizations": co_mention_rows(Organization.objects.co_mentioned_with(entity)),
    }


def _moved_or_404(request, model, slug):
    """A slug that is no record's own: when a merge folded its record into
    another, a permanent redirect there (keeping ?format=json), otherwise 404."""
    survivor = model._default_manager.filter(former_slugs__contains=[slug]).only("slug").first()
    if survivor is None:
        raise Http404(f"No {model._meta.verbose_name} has the slug “{slug}”.")
    url, query = survivor.get_absolute_url(), request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


@cached_for_readers
def actor_detail(request, slug):
    actor = (
        Actor.objects.with_article_count()
        .with_claim_count()
        .with_authored_count()
        .filter(slug=slug)
        .first()
    )
    if actor is None:
        return _moved_or_404(request, Actor, slug)
    context = {
        **_entity_context(actor),
        # Most people named wrote nothing here: FacetTotal says so without a query.
        "authored": listed_articles(
            Article.objects.published()
            .by_author(slug)
            .order_by(F("date_start").desc(nulls_last=True), "title")[:SECTION_LIMIT]
        )
        if actor.authored_count
        else [],
    }
    return respond(
        request,
        "actors/detail.html",
        context,
        lambda c: payloads.entity_detail(c["entity"], c, request),
    )


@cached_for_readers
def organization_detail(request, slug):
    organization = (
        Organization.objects.with_article_count()
        .with_claim_count()
        .with_published_count()
        .select_related("parent")
        .filter(slug=slug)
        .first()
    )
    if organization is None:
        return _moved_or_404(request, Organization, slug)
    context = {
        **_entity_context(organization),
        "parent": organization.parent,
        "members": organization.members.all(),
        "member_of": organization.memberships.all(),
        "children": organization.children.all(),
        # Most organizations publish nothing here: FacetTotal says so without a query.
        "published": listed_articles(
            Article.objects.published_by(organization).order_by(*NEWEST_FIRST)[:SECTION_LIMIT]
        )
        if organization.published_count
        else [],
    }
    return respond(
        request,
        "organizations/detail.html",
        context,
        lambda c: payloads.entity_detail(c["entity"], c, request),
    )
