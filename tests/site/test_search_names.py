"""Search knows the archive's names: any known spelling, alias or acronym of a
person or organization finds what the text says under its other names, and a
search that finds little suggests the names close to it."""

import pytest
from django.db import connection
from django.urls import reverse

from corpus.models import Article, Claim
from tests.factories import ActorFactory

pytestmark = pytest.mark.django_db

RAHMON = "emomali-rahmon"


def get(client, url, **params):
    response = client.get(reverse(url), params)
    assert response.status_code == 200, response.content[:300]
    return response


def listed(client, q):
    return {a.slug for a in get(client, "article_list", q=q).context["articles"]}


def rahmons_articles():
    return set(Article.objects.published().mentioning_actor(RAHMON).values_list("slug", flat=True))


@pytest.mark.parametrize("q", ["Rahmonov", "Rakhmonov", "Rahmon", "rahmonov"])
def test_every_spelling_of_rahmon_finds_both_of_his_articles(client, q):
    assert len(rahmons_articles()) == 2
    assert listed(client, q) == rahmons_articles()


def test_the_snippet_highlights_the_spelling_the_text_uses(client):
    articles = get(client, "article_list", q="Rahmonov").context["articles"]
    marked = " ".join(str(a.snippet) for a in articles)
    assert "<mark>Rakhmonov</mark>" in marked and "<mark>Rahmon</mark>" in marked


def test_an_organizations_full_name_finds_the_articles_and_claims_that_say_only_its_acronym(
    client,
):
    q = "North Atlantic Treaty Organization"
    acronym_only = [
        a.slug
        for a in Article.objects.published()
        if "NATO" in a.body and "North Atlantic" not in a.body
    ]
    assert acronym_only
    assert set(acronym_only) <= listed(client, q)
    claims = {c.text for c in get(client, "claim_list", q=q).context["claims"]}
    said = [c.text for c in Claim.objects.published() if "NATO" in c.text]
    assert said and set(said) <= claims


def test_words_that_are_names_widen_inside_the_query_and_keep_its_and(client):
    both = listed(client, "Rahmonov CSTO")
    assert both and both <= rahmons_articles()
    assert listed(client, "Rahmonov -Dushanbe") < rahmons_articles() or not listed(
        client, "Rahmonov -Dushanbe"
    )


def test_a_search_that_finds_nothing_suggests_the_close_person_with_a_count(client):
    response = get(client, "article_list", q="Lukshenko")
    assert response.context["page"].paginator.count == 0
    suggestion = response.context["suggestions"][0]
    assert (suggestion.facet, suggestion.slug) == ("actor", "alexander-lukashenko")
    html = response.content.decode()
    assert 'href="/articles/?actor=alexander-lukashenko"' in html
    clicked = get(client, "article_list", actor="alexander-lukashenko")
    assert clicked.context["page"].paginator.count == suggestion.count


def test_a_search_with_many_results_suggests_nothing(client):
    assert get(client, "article_list", q="CSTO").context["suggestions"] == []


@pytest.mark.parametrize("q", ['"', "(", "-", "or", "\\", "'", "NATO' OR 1=1 --", "é" * 50])
def test_odd_searches_are_answered(client, q):
    get(client, "article_list", q=q)
    get(client, "claim_list", q=q)


def test_results_link_to_the_article_with_the_search_and_it_names_the_words_to_mark(client):
    html = get(client, "article_list", q="Rahmonov").content.decode()
    assert "/?q=Rahmonov" in html
    article = Article.objects.get(body__contains="Rakhmonov")
    response = client.get(article.get_absolute_url(), {"q": "Rahmonov"})
    assert response.context["search_words"] == ["Imomali", "Rakhmonov"]
    page = response.content.decode()
    assert 'data-search-words="Imomali Rakhmonov"' in page
    assert f'<a href="{article.get_absolute_url()}">Clear highlighting</a>' in page
    assert "search_words" not in client.get(article.get_absolute_url()).context


def test_a_claim_search_that_finds_nothing_suggests_names_with_what_their_link_gives(client):
    response = get(client, "claim_list", q="Buzhinskiy Rahmonn")
    assert response.context["page"].paginator.count == 0
    suggestions = response.context["suggestions"]
    assert suggestions
    html = response.content.decode()
    for suggestion in suggestions:
        assert suggestion.facet in ("about", "tag")
        link = f'href="/claims/?{suggestion.facet}={suggestion.slug}"'
        assert link in html
        clicked = get(client, "claim_list", **{suggestion.facet: suggestion.slug})
        assert clicked.context["page"].paginator.count == suggestion.count > 0


def test_a_claim_search_suggests_the_close_person(client):
    suggestions = get(client, "claim_list", q="Lukshenko").context["suggestions"]
    assert ("actor", "about", "alexander-lukashenko") in {
        (s.kind, s.facet, s.slug) for s in suggestions
    }


def test_a_claim_search_with_many_results_suggests_nothing(client):
    assert get(client, "claim_list", q="CSTO").context["suggestions"] == []


def widened(q: str) -> tuple[int, str]:
    """The search's tsquery for `q`: its size in nodes, and its text."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT numnode(corpus_search_query(%s)), corpus_search_query(%s)::text", [q, q]
        )
        return cursor.fetchone()


def test_markup_in_an_alias_is_no_spelling_and_widens_nothing(client):
    """An alias full of markup (pasted by mistake, or by an attacker) is not a name: a
    search for it is the text's search alone, and answers at once."""
    payload = "<script>alert(1)</script>"
    ActorFactory(name="Ivan Payloadov", aliases=[payload, f'"><svg onload=alert(1)> {payload}'])
    assert widened(payload)[0] == widened("script alert 1 script")[0]
    assert get(client, "article_list", q=payload).status_code == 200


def test_a_name_widens_a_search_by_at_most_sixteen_of_its_spellings(client):
    """Sixty aliases would make every search for any of them a query of hundreds of
    nodes, whose headlines took seconds: the shortest sixteen are enough to find it."""
    aliases = [f"Tokhtarov Variant{n:02d}" for n in range(60)]
    ActorFactory(name="Aslan Tokhtarov", aliases=aliases)
    size, query = widened("Aslan Tokhtarov")
    assert "variant00" in query, "it still widens"
    assert query.count("variant") <= 16 and size < 150
    assert get(client, "article_list", q="Aslan Tokhtarov").status_code == 200
