"""Every public page type renders the HTML recorded in tests/data/golden_pages/, after
whitespace is normalised: changing the template engine (or a template) must not change
what readers get. Only what legitimately varies per request is masked (CSRF tokens, CSP
nonces); database ids are stable because the extra records below are created with fixed
ids and the seeds are loaded into a fresh (or flushed) database.

To record the pages again after a deliberate change, run
`GOLDEN_PAGES=write .venv/bin/pytest tests/site/test_rendering_unchanged.py` and review
the diff of tests/data/golden_pages/ before committing it."""

import difflib
import os
import re
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db.models import CharField, UUIDField
from django.db.models import Value as V
from django.db.models.functions import Cast, LPad
from django.template import TemplateDoesNotExist, engines
from django.template.loader import get_template
from django.test import RequestFactory
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.defaults import server_error

from archive.views import claims, entities
from corpus.models import Annotation, Comment, Status
from tests.factories import (
    ActorFactory,
    AnnotationFactory,
    ArticleFactory,
    ClaimFactory,
    OrganizationFactory,
    UserFactory,
)

GOLDEN = Path(__file__).resolve().parent.parent / "data" / "golden_pages"
JINJA2_DIR, DJANGO_DIR = settings.BASE_DIR / "jinja2", settings.BASE_DIR / "templates"
WRITE = os.environ.get("GOLDEN_PAGES") == "write"
# The only per-request values: the CSRF token and the CSP nonce. And a search's snippets,
# which PostgreSQL's ts_headline picks, differently from one major version to the next
# (15 and 18 cut the same passage at other words): the template's part, the paragraph
# around them, is still compared, and tests/site/test_list_rows.py holds their text.
VARYING = [
    (re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*'), r"\1…"),
    (re.compile(r'(nonce=")[^"]*'), r"\1…"),
    (re.compile(r'(<p class="snippet">…).*?(…</p>)', re.DOTALL), r"\1ts_headline\2"),
]
BODY = (
    "Nikolai Bordyuzha said the Collective Security Treaty Organization <would> act & "
    'that "rapid reaction" forces were ready. Observers in Dushanbe were sceptical.'
)

PAGES = {
    "home": "/",
    "articles": "/articles/",
    "articles_faceted": "/articles/?actor=golden-person&tag=golden-tag",
    "articles_search": "/articles/?q=security",
    "articles_search_suggestions": "/articles/?q=Bordyuzha",
    "articles_empty": "/articles/?q=zzyzx+quasar&actor=golden-person",
    "reading": "/articles/golden-article/",
    "reading_searched": "/articles/golden-article/?q=rapid+reaction",
    "reading_seed": "/articles/csto-safe-choice-in-central-asia/",
    "reading_seed_commented": "/articles/russia-moscow-strives-to-clarify-vision-for-central-asian-alliance/",
    "actors": "/actors/",
    "actors_filtered": "/actors/?q=golden",
    "actor": "/actors/golden-person/",
    "organizations": "/organizations/",
    "organizations_by_kind": "/organizations/?kind=state",
    "organization": "/organizations/golden-organization/",
    "tags": "/tags/",
    "tag": "/tags/golden-tag/",
    "claims": "/claims/",
    "claims_filtered": "/claims/?claimant=golden-person",
    "claims_search": "/claims/?q=ready",
    "timeline": "/timeline/",
    "timeline_highlight": "/timeline/?actor=golden-person",
    "network": "/network/",
    "network_organizations": "/network/?type=organizations&min=1&limit=10",
    "network_nothing": "/network/?min=100",
    "error_400": "/network/?min=banana",
    "error_404": "/articles/no-such-article/",
}
# Pages of lists two rows long, so that a small corpus has pages to number.
PAGED = {
    "articles_page_2": "/articles/?page=2&sort=-date",
    "claims_page_3": "/claims/?page=3",
    "claims_page_12": "/claims/?page=12",
    "actors_page_2": "/actors/?page=2",
    "organizations_page_7": "/organizations/?page=7",
}


def normalised(html: str) -> str:
    for pattern, mask in VARYING:
        html = pattern.sub(mask, html)
    return re.sub(r"\s+", " ", html).strip()


def assert_matches_golden(name: str, html: str):
    path = GOLDEN / f"{name}.html"
    if WRITE:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"{path} is missing: record it with GOLDEN_PAGES=write (module docstring)")
    expected, got = normalised(path.read_text(encoding="utf-8")), normalised(html)
    if expected != got:
        # One tag a line, so that the diff points at the difference.
        diff = difflib.unified_diff(
            re.sub("> ?<", ">\n<", expected).splitlines(),
            re.sub("> ?<", ">\n<", got).splitlines(),
            "golden",
            "rendered",
            lineterm="",
            n=2,
        )
        pytest.fail(f"{name} differs from its golden page:\n" + "\n".join(list(diff)[:80]))


@pytest.fixture
def golden_records(db):
    """A small synthetic corpus beside the seeds, with fixed ids, names and uuids, using
    what the seeds lack: markup-like text, reader comments, tags, descriptions. The seeds'
    annotations get uuids made from their ids (load_seeds draws random ones)."""
    Annotation.objects.update(uuid=Cast(LPad(Cast("id", CharField()), 32, V("0")), UUIDField()))
    person = ActorFactory(
        id=900001,
        name="Golden Person",
        slug="golden-person",
        description='A secretary-general <em>not</em> "invented" & quoted.',
        aliases=["Golden Persona"],
    )
    organization = OrganizationFactory(
        id=900002,
        name="Golden Organization",
        slug="golden-organization",
        acronym="GO",
        kind="intergovernmental",
    )
    article = ArticleFactory(
        id=900003,
        title='Golden <article> & its "quotes"',
        slug="golden-article",
        source_file="golden.txt",
        source_url="https://example.org/golden?a=1&b=2",
        date_edtf="2007-10-06",
        body=BODY,
        publication=organization,
    )
    article.authors.add(person)
    article.tags.add("golden tag")
    Comment.objects.create(article=article, position=0, author="", text="First line\nsecond <line>")
    Comment.objects.create(
        article=article, position=1, author="Reader & co", posted="6 Oct 2007", text="Agreed."
    )
    annotation = AnnotationFactory(
        id=900004,
        uuid=uuid.UUID("00000000-0000-4000-8000-000000900004"),
        article=article,
        start=0,
        end=BODY.index(" Observers"),
        kind="claim",
        note="An editor's *note* with <angle> brackets.",
    )
    annotation.actors.add(person)
    annotation.organizations.add(organization)
    annotation.tags.add("golden tag")
    ClaimFactory(
        id=900005,
        annotation=annotation,
        claimant_actor=person,
        text='"rapid reaction" forces were ready',
        status=Status.PUBLISHED,
    )
    return article


@pytest.mark.parametrize("name", sorted(PAGES))
def test_public_pages_render_their_golden_html(client, golden_records, name):
    response = client.get(PAGES[name])
    expected = int(name[6:9]) if name.startswith("error_") else 200
    assert response.status_code == expected
    assert_matches_golden(name, response.content.decode())


@pytest.mark.parametrize("name", sorted(PAGED))
def test_paginated_pages_render_their_golden_html(
    client, golden_records, settings, monkeypatch, name
):
    settings.ARCHIVE_PAGE_SIZE = 2  # the articles' list
    monkeypatch.setattr(entities, "PAGE_SIZE", 5)  # the people's and organizations' lists
    monkeypatch.setattr(claims, "CLAIMS_PER_PAGE", 2)
    response = client.get(PAGED[name])
    assert response.status_code == 200
    assert_matches_golden(name, response.content.decode())


def test_server_error_page_renders_its_golden_html(db):
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert_matches_golden("error_500", response.content.decode())


def test_lockout_page_renders_its_golden_html(client, db):
    user = UserFactory(username="golden-editor")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            "/admin/login/?next=/admin/",
            {"username": user.username, "password": "wrong"},
            REMOTE_ADDR="198.51.100.9",
        )
    assert response.status_code == 429
    assert_matches_golden("lockout", response.content.decode())


def test_public_templates_are_jinja2_and_the_admins_django_templates():
    """Each engine finds only its own templates: no public page is rendered by Django's
    engine by accident, and no admin page by Jinja2."""
    jinja2, django = engines["jinja2"], engines["django"]
    public = [p.relative_to(JINJA2_DIR).as_posix() for p in JINJA2_DIR.rglob("*.html")]
    admin = [p.relative_to(DJANGO_DIR).as_posix() for p in DJANGO_DIR.rglob("*.html")]
    assert public and admin and all(name.startswith("admin/") for name in admin)
    for name in public:
        assert get_template(name).backend is jinja2, name
        with pytest.raises(TemplateDoesNotExist):
            django.get_template(name)
    for name in [*admin, "admin/base_site.html", "admin/change_form.html"]:
        assert get_template(name).backend is django, name
        with pytest.raises(TemplateDoesNotExist):
            jinja2.get_template(name)


def test_jinja2_escapes_as_django_and_keeps_safe_strings():
    template = engines["jinja2"].from_string("{{ text }} {{ safe }} {{ text|lower }}")
    text = "<script>alert('x')</script> & \"Q\""
    assert template.render({"text": text, "safe": mark_safe("<b>kept</b>")}) == (
        f"{escape(text)} <b>kept</b> {escape(text.lower())}"
    )
