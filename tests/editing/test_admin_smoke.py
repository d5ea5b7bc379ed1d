"""Every admin page an editor reaches answers without error, searches included."""

import pytest
from django.urls import reverse

from corpus.models import Actor, Annotation, Article, Claim, Comment, Mention, Organization

pytestmark = pytest.mark.django_db

MODELS = [Article, Actor, Organization, Mention, Annotation, Claim]


@pytest.fixture(params=["editor", "admin_user"])
def staff_client(request, client):
    client.force_login(request.getfixturevalue(request.param))
    return client


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_search_and_change_pages_open(staff_client, model):
    meta = model._meta
    changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    assert staff_client.get(changelist).status_code == 200
    assert staff_client.get(changelist, {"q": "Lukashenko"}).status_code == 200
    obj = model.objects.first()
    change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    assert staff_client.get(change).status_code == 200


def test_alias_search_finds_an_actor_by_another_spelling(staff_client):
    changelist = reverse("admin:corpus_actor_changelist")
    response = staff_client.get(changelist, {"q": "Rakhmonov"})
    assert [a.slug for a in response.context["cl"].result_list] == ["emomali-rahmon"]


def test_anonymous_users_are_sent_to_the_login_page(client):
    response = client.get(reverse("admin:corpus_article_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_readers_without_staff_status_get_nothing(client, reader):
    client.force_login(reader)
    response = client.get(reverse("admin:corpus_article_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def more_rows(model):
    """Five more rows of `model`, each with its own related records."""
    from tests.factories import (
        ActorFactory,
        AnnotationFactory,
        ArticleFactory,
        ClaimFactory,
        OrganizationFactory,
    )

    for _ in range(5):
        if model is Article:
            ArticleFactory(publication=OrganizationFactory())
        elif model is Actor:
            ActorFactory(aliases=["Another Name"])
        elif model is Organization:
            OrganizationFactory(parent=OrganizationFactory())
        elif model is Mention:
            article = ArticleFactory()
            Mention.objects.create(article=article, start=4, end=43, actor=ActorFactory())
        elif model is Annotation:
            AnnotationFactory()
        elif model is Claim:
            ClaimFactory(claimant_actor=None, claimant_organization=OrganizationFactory())
        elif model is Comment:
            Comment.objects.create(article=ArticleFactory(), text="A reader's comment.")


# Queries for one changelist page: session, user, permissions, counts, the rows, filters.
CHANGELIST_QUERIES = {
    Article: 9,  # and the publication and year filters' choices
    Actor: 7,
    Organization: 7,
    Mention: 7,
    Annotation: 7,
    Claim: 7,
    Comment: 7,
}


@pytest.mark.parametrize("model", [*MODELS, Comment], ids=lambda m: m.__name__)
def test_changelist_queries_do_not_grow_with_the_data(
    client, editor, model, django_assert_max_num_queries
):
    client.force_login(editor)
    changelist = reverse(f"admin:corpus_{model._meta.model_name}_changelist")
    with django_assert_max_num_queries(CHANGELIST_QUERIES[model]):
        client.get(changelist)
    more_rows(model)
    with django_assert_max_num_queries(CHANGELIST_QUERIES[model]):
        response = client.get(changelist)
    assert response.context["cl"].result_count >= 5


def test_article_search_is_full_text_with_the_best_matches_first(staff_client):
    changelist = reverse("admin:corpus_article_changelist")
    response = staff_client.get(changelist, {"q": "rapid reaction"})
    results = list(response.context["cl"].result_list)
    assert {a.pk for a in results} == set(
        Article.objects.matching("rapid reaction").values_list("pk", flat=True)
    )
    ranks = [a.search_rank for a in results]
    assert len(ranks) > 1 and ranks == sorted(set(ranks), reverse=True)


def test_article_search_still_finds_a_source_file_name(staff_client):
    article = Article.objects.first()
    changelist = reverse("admin:corpus_article_changelist")
    response = staff_client.get(changelist, {"q": article.source_file})
    assert article in response.context["cl"].result_list


@pytest.mark.parametrize("model", [Article, Annotation, Claim, Mention])
def test_large_lists_write_the_selection_box_exactly_as_djangos_widget_does(model):
    from django.contrib import admin

    model_admin = admin.site._registry[model]
    row = model.objects.first()
    assert model_admin.action_checkbox(row) == admin.ModelAdmin.action_checkbox(model_admin, row)
