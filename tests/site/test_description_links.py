"""Editors' descriptions refer to other articles by title; those titles link to them."""

import re

import pytest
from django.urls import reverse

from corpus.models import Actor, Article, Mention
from tests.factories import ActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db


def lede(client, url) -> str:
    page = client.get(url).content.decode()
    return re.search(r'<p class="lede">(.*?)</p>', page[page.index("<main") :], re.S).group(1)


def article(title) -> Article:
    return Article.objects.get(title=title)


def test_a_description_links_the_articles_it_names_by_title(client):
    lukashenko = Actor.objects.get(slug="alexander-lukashenko")
    text = lede(client, lukashenko.get_absolute_url())
    for title in (
        "Russia Needs the West in Central Asia",
        "Russia: Moscow Strives To Clarify Vision For Central Asian Alliance",
    ):
        assert f'“<a href="{article(title).get_absolute_url()}">{title}</a>”' in text
    # The rest of the description is as the editors wrote it.
    assert re.sub(r"<a href=\"[^\"]+\">(.*?)</a>", r"\1", text) == lukashenko.description.replace(
        "'", "&#x27;"
    )


def test_a_supplied_title_links_with_its_brackets(client):
    rahmon = Actor.objects.get(slug="emomali-rahmon")
    supplied = Article.objects.get(title_supplied=True, title__startswith="Russia’s Growing")
    text = lede(client, rahmon.get_absolute_url())
    assert f'<a href="{supplied.get_absolute_url()}">[{supplied.title}]</a>' in text
    assert '“<a href="' in text  # and the quoted one


def test_a_description_is_escaped_and_names_only_articles(client):
    named = ArticleFactory(title="A <b>bold</b> title")
    person = ActorFactory(
        description="<script>alert(1)</script> in “A <b>bold</b> title” and “No Such Article”."
    )
    Mention.objects.create(article=named, actor=person, start=0, end=4)
    text = lede(client, person.get_absolute_url())
    assert text.startswith("&lt;script&gt;alert(1)&lt;/script&gt; in “<a href=")
    assert f'<a href="{named.get_absolute_url()}">A &lt;b&gt;bold&lt;/b&gt; title</a>' in text
    assert "“No Such Article”" in text


def test_the_whos_who_links_descriptions_to_related_articles(client):
    page = client.get(reverse("article_detail", args=["csto-safe-choice-in-central-asia"]))
    html = page.content.decode()
    whos_who = html[html.index('id="who-heading"') :]
    related = {a.get_absolute_url() for a in page.context["related"]}
    linked = re.findall(r'<span class="description">[^<]*(?:<a href="([^"]+)")', whos_who)
    assert linked and set(linked) <= related
