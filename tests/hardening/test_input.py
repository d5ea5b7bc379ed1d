"""Input no page can use is refused with a 400 or a 404, never a 500: tag names in
any script, unicode digits, NUL characters and over-long values, the admin included."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from taggit.models import Tag

from tests.factories import ArticleFactory

ODD_TAG_NAMES = ["Sécurité", "Безопасность", "!!!", ">", "<>", "安全", "Sécurité!"]


@pytest.mark.django_db
def test_a_tag_in_any_script_or_only_punctuation_gets_a_routable_unique_slug():
    tags = [Tag.objects.create(name=name) for name in ODD_TAG_NAMES]
    slugs = [tag.slug for tag in tags]
    assert slugs[:2] == ["securite", "bezopasnost"]
    assert len(set(slugs)) == len(slugs)
    for tag in tags:
        assert reverse("tag_detail", args=[tag.slug])


@pytest.mark.django_db
def test_pages_carrying_odd_tags_answer(anonymous):
    article = ArticleFactory()
    article.tags.add(*ODD_TAG_NAMES)
    pages = [reverse("tag_list"), reverse("tag_list") + "?format=json"]
    pages += [article.get_absolute_url(), article.get_absolute_url() + "?format=json"]
    pages += [reverse("tag_detail", args=[tag.slug]) for tag in article.tags.all()]
    for page in pages:
        assert anonymous.get(page).status_code == 200, page


@pytest.mark.django_db
def test_the_data_migration_repairs_unroutable_slugs():
    Tag.objects.create(name="kept", slug="kept")
    broken = [Tag.objects.create(name=name) for name in ("Безопасность", "!!!", "?")]
    for tag, slug in zip(broken, ["безопасность", "", "tag"], strict=True):
        Tag.objects.filter(pk=tag.pk).update(slug=slug)  # as taggit used to save them
    migration = importlib.import_module("corpus.migrations.0023_tag_slugs_routable")
    migration.repair_slugs(apps, None)
    slugs = dict(Tag.objects.filter(pk__in=[t.pk for t in broken]).values_list("name", "slug"))
    assert slugs == {"Безопасность": "bezopasnost", "!!!": "tag-2", "?": "tag"}
    assert Tag.objects.get(name="kept").slug == "kept"


@pytest.mark.django_db
@pytest.mark.parametrize("year", ["²", "³", "¹", "①", "١٢", "１２"])
def test_unicode_digits_in_a_year_are_a_400(anonymous, year):
    assert anonymous.get(reverse("article_list"), {"year": year}).status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["²", "١", "①", "9" * 40])
def test_unicode_digits_in_a_page_number_are_a_404(anonymous, page):
    assert anonymous.get(reverse("article_list"), {"page": page}).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/articles/?q=a%00b",
        "/articles/?actor=%00",
        "/tags/?x%00=1",
        "/claims/?q=" + "x" * 1001,
        "/articles/%00/",
        "/admin/corpus/article/?q=%00",
        "/admin/corpus/article/?status__exact=%00",
        "/admin/corpus/actor/?o=%00",
    ],
)
def test_nul_and_over_long_values_are_a_400_everywhere(admin_user, client, url):
    client.force_login(admin_user)
    response = client.get(url)
    assert response.status_code == 400
    assert b"Bad request" in response.content


@pytest.mark.django_db
def test_a_nul_in_a_cookie_or_a_form_is_a_400(admin_user, client):
    assert client.get("/", HTTP_COOKIE="sessionid=abcdefgh\x00ij").status_code == 400
    client.force_login(admin_user)
    response = client.post("/admin/taggit/tag/add/", {"name": "a\x00b", "slug": "a"})
    assert response.status_code == 400
