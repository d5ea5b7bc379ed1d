"""Every admin page an editor reaches answers without error, searches included."""

import pytest
from django.urls import reverse

from corpus.models import Actor, Annotation, Article, Claim, Mention, Organization

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
