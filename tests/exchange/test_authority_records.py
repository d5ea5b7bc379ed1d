"""An authority record (Wikidata, VIAF) links a person or organization beyond the
archive: editors set it in the admin, entity pages show it, and the exports carry it
(TEI `ref`, W3C `sameAs`; tests beside this one)."""

import pytest
from django.urls import reverse

from corpus.models import Actor, Organization

pytestmark = pytest.mark.django_db

WIKIDATA = "https://www.wikidata.org/wiki/Q4170340"


def test_an_editor_sets_the_authority_record_in_the_admin(client, editor):
    actor = Actor.objects.get(slug="yevgeny-buzhinsky")
    client.force_login(editor)
    url = reverse("admin:corpus_actor_change", args=[actor.pk])
    form = client.get(url).context["adminform"].form
    assert "authority_url" in form.fields
    data = {
        "name": actor.name,
        "slug": actor.slug,
        "aliases": ",".join(actor.aliases),
        "description": actor.description,
        "authority_url": WIKIDATA,
        "former_slugs": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    actor.refresh_from_db()
    assert actor.authority_url == WIKIDATA


@pytest.mark.parametrize("model, slug", [(Actor, "yevgeny-buzhinsky"), (Organization, "csto")])
def test_entity_pages_show_the_authority_record(client, model, slug):
    entity = model.objects.get(slug=slug)
    page = client.get(entity.get_absolute_url()).content.decode()
    assert "Authority record" not in page
    model.objects.filter(pk=entity.pk).update(authority_url=WIKIDATA)
    page = client.get(entity.get_absolute_url()).content.decode()
    assert f'<a href="{WIKIDATA}" rel="external">Authority record</a>' in page
    assert (
        client.get(entity.get_absolute_url(), {"format": "json"}).json()["authority_url"]
        == WIKIDATA
    )
