"""The faceted claim list: who said what, and where."""

import pytest
from django.db.models import Q
from django.urls import reverse

from corpus.models import Actor, Article, Claim, Organization, Status
from tests.factories import ActorFactory, AnnotationFactory, ClaimFactory
from tests.site.facet_clicks import assert_counts_are_promises, clicked

pytestmark = pytest.mark.django_db

URL = reverse("claim_list")
BUZHINSKY = "yevgeny-buzhinsky"
MOSCOW = "russia-moscow-strives-to-clarify-vision-for-central-asian-alliance"


def get(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200, response.content[:300]
    return response


def reference_count(selected: dict, q: str = "") -> int:
    """How many public claims match, through the ORM's joins (not the facet rows)."""
    claims = Claim.objects.published()
    if q:
        claims = claims.matching(q)
    narrow = {
        "claimant": lambda rows, v: rows.by_claimant(v),
        "kind": lambda rows, v: rows.filter(kind=v),
        "tag": lambda rows, v: rows.filter(tags__slug=v),
        "article": lambda rows, v: rows.filter(annotation__article__slug=v),
        # Who the passage names (ClaimFacets, held to its definition by
        # tests/facets/test_claims_about.py), a person or an organization.
        "about": lambda rows, v: rows.filter(
            Q(facets__named_actor_ids__overlap=list(ids(Actor, v)))
            | Q(facets__named_organization_ids__overlap=list(ids(Organization, v)))
        ),
    }
    for name, values in selected.items():
        for value in values:
            claims = narrow[name](claims, value)
    return claims.distinct().count()


def ids(model, slug):
    return set(model.objects.filter(slug=slug).values_list("pk", flat=True))


def texts(client, **params):
    return {c.text for c in get(client, **params).context["claims"]}


STATES = [
    {},
    {"claimant": [BUZHINSKY]},
    {"kind": ["assessment"], "tag": ["csto"]},
    {"article": [MOSCOW], "q": "CSTO"},
    {"tag": ["csto"], "claimant": [BUZHINSKY]},
    {"about": ["csto"]},
    {"about": ["csto", "nato"], "kind": ["assessment"]},
]


@pytest.mark.parametrize("state", STATES, ids=lambda s: "&".join(f"{k}={v}" for k, v in s.items()))
def test_facet_counts_match_filtered_results(client, state):
    """Every unselected value's count is the size of the list a click on it
    gives, never zero; every selected value shows the current count."""
    q = state.get("q", "")
    selected = {k: v for k, v in state.items() if k != "q"}
    response = get(client, **state)
    columns = response.context["facets"]
    assert [c.name for c in columns] == ["claimant", "kind", "tag", "article", "about"]
    assert_counts_are_promises(
        columns,
        response.context["page"].paginator.count,
        lambda column, value: reference_count(clicked(selected, column, value), q),
    )


def test_filters_combine_with_and(client):
    by_buzhinsky = texts(client, claimant=BUZHINSKY)
    assessments = texts(client, kind="assessment")
    both = texts(client, claimant=BUZHINSKY, kind="assessment")
    assert both == by_buzhinsky & assessments and 0 < len(both) < len(by_buzhinsky)


def test_claimants_are_people_and_organizations_with_names(client):
    response = get(client)
    claimants = {v.value: v.label for v in response.context["facets"][0].values}
    assert claimants[BUZHINSKY] == "Yevgeny Buzhinsky"
    assert claimants["state-department"] == "State Department"
    kinds = {v.value: v.label for v in response.context["facets"][1].values}
    assert kinds["assessment"] == "Assessment"


def test_each_statement_shows_claimant_form_kind_article_and_links_to_its_passage(client):
    response = get(client, claimant=BUZHINSKY)
    html = response.content.decode()
    claim = response.context["claims"][0]
    assert f"“{claim.text}”" in html
    assert reverse("annotation_detail", args=[claim.annotation.uuid]) in html
    assert claim.annotation.article.get_absolute_url() in html
    assert reverse("actor_detail", args=[BUZHINSKY]) in html
    assert "direct quote" in html and claim.get_kind_display().lower() in html
    assert [label for _, label in [(c.name, v.label) for c, v in response.context["chips"]]] == [
        "Yevgeny Buzhinsky"
    ]


def test_a_paraphrase_is_not_dressed_as_a_quote(client):
    claim = Claim.objects.published().filter(form=Claim.Form.PARAPHRASE).first()
    html = get(client, claimant=claim.claimant.slug).content.decode()
    assert "paraphrase" in html and f"“{claim.text}”" not in html


def test_search_over_statement_text(client):
    found = get(client, q="allies pay")
    assert found.context["page"].paginator.count >= 1
    assert all("allies" in c.text.lower() for c in found.context["claims"])
    assert get(client, q="zzzzqqq").context["page"].paginator.count == 0


def test_json_contract_by_claimant_with_facets(client):
    payload = client.get(URL, {"claimant": BUZHINSKY, "format": "json"}).json()
    assert set(payload) >= {"count", "next", "results", "facets"}
    row = payload["results"][0]
    assert set(row) >= {"id", "text", "kind", "claimant", "article", "quote"}
    assert row["claimant"] == {"type": "actor", "slug": BUZHINSKY, "name": "Yevgeny Buzhinsky"}
    assert set(row["article"]) >= {"slug", "source_file"}
    assert set(payload["facets"]) == {"claimant", "kind", "tag", "article", "about"}
    assert payload["facets"]["claimant"][0] == {
        "value": BUZHINSKY,
        "label": "Yevgeny Buzhinsky",
        "count": payload["count"],
        "selected": True,
    }


def test_drafts_are_hidden_from_list_and_facets(client):
    article = Article.objects.get(slug=MOSCOW)
    talker = ActorFactory(slug="secret-talker", name="Secret Talker")
    ClaimFactory(
        claimant_actor=talker,
        annotation__article=article,
        status=Status.DRAFT,
        text="A draft claim",
    )
    ClaimFactory(
        claimant_actor=talker,
        annotation=AnnotationFactory(article=article, status=Status.DRAFT),
        text="A claim on a draft passage",
    )
    hidden_article = Article.objects.get(slug="russia-needs-the-west-in-central-asia")
    ClaimFactory(
        claimant_actor=talker, annotation__article=hidden_article, text="On a draft article"
    )
    Article.objects.filter(pk=hidden_article.pk).update(status=Status.DRAFT)
    response = get(client)
    shown = {c.text for c in Claim.objects.published()}
    assert response.context["page"].paginator.count == len(shown)
    html = response.content.decode()
    for text in ("A draft claim", "A claim on a draft passage", "On a draft article"):
        assert text not in html
    assert "Secret Talker" not in html
    assert get(client, claimant="secret-talker").context["page"].paginator.count == 0
    articles = {v.value for v in response.context["facets"][3].values}
    assert hidden_article.slug not in articles


@pytest.mark.parametrize(
    "params, status",
    [
        ({"page": "0"}, 404),
        ({"page": "abc"}, 404),
        ({"page": "99"}, 404),
        ({"claimant": "../../x"}, 400),
        ({"kind": "rumour"}, 400),
        ({"article": "<b>"}, 400),
        ({"format": "xml"}, 400),
        ({"q": "x" * 1000}, 400),
        ({"claimant": [BUZHINSKY] * 50}, 400),
        ({"q": "nul\x00byte"}, 400),
        ({"q": "&|!():*"}, 200),
    ],
)
def test_bad_parameters_give_400_or_404_never_500(client, params, status):
    assert client.get(URL, params).status_code == status


def test_the_query_string_is_escaped_in_html(client):
    html = get(client, q="<script>alert(1)</script>").content.decode()
    assert "<script>alert(1)</script>" not in html
