"""A corpus of script-injection payloads, put wherever a person can type or an imported
file can carry text (tags, names, aliases, notes, claims, a whole article, the search
box and the query string), rendered in Chromium: no dialog opens and no injected
element or handler reaches the page. The Content-Security-Policy would block inline
script anyway; this holds the escaping itself."""

import io
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.urls import reverse

from corpus.models import Article, Status
from tests.browser.conftest import log_in
from tests.factories import (
    ActorFactory,
    AnnotationFactory,
    ArticleFactory,
    ClaimFactory,
    OrganizationFactory,
    UserFactory,
)

VECTORS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=javascript:alert(1)>",
    "<body onload=alert(1)>",
    "<a href=javascript:alert(1)>x</a>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<math><mtext><script>alert(1)</script>",
    "<object data=javascript:alert(1)>",
    "javascript:alert(1)",
    "{{ 7*7 }}<script>alert(1)</script>",
    "</title><script>alert(1)</script>",
]
BREAKOUTS = ["", '"', "'", '">', "'>", "</textarea>", "</script>", "-->"]
PAYLOADS = [f"{breakout}{vector}" for vector in VECTORS for breakout in BREAKOUTS]
# Elements and attributes no page of the archive has, which only an injection would add.
INJECTED = """() => {
  const bad = [...document.querySelectorAll(
    'script:not([src]):not([type="application/json"]):not([type="application/ld+json"]),'
    + 'iframe, object, embed, details[ontoggle], input[onfocus], img[onerror], svg[onload],'
    + 'body[onload], source[onerror], a[href^="javascript:" i]')];
  const handlers = [...document.querySelectorAll('*')].filter(
    el => [...el.attributes].some(a => a.name.startsWith('on')));
  return [...bad, ...handlers].map(el => el.outerHTML.slice(0, 120));
}"""


def test_the_corpus_is_large_enough():
    assert len(set(PAYLOADS)) >= 100


@pytest.fixture
def poisoned(reseed_after, tmp_path):
    """Every payload in every field a person or a file fills, committed for the live server."""
    article = ArticleFactory(title="Poisoned " + PAYLOADS[0], body="A passage. " * 30)
    article.tags.add(*PAYLOADS)
    actor = ActorFactory(name="Actor " + PAYLOADS[1], aliases=PAYLOADS[:60])
    organization = OrganizationFactory(name="Org " + PAYLOADS[2], aliases=PAYLOADS[60:])
    annotation = AnnotationFactory(
        article=article, start=0, end=10, note=" ".join(PAYLOADS), status=Status.PUBLISHED
    )
    annotation.tags.add(*PAYLOADS[:20])
    annotation.actors.add(actor)
    annotation.organizations.add(organization)
    ClaimFactory(annotation=annotation, claimant_actor=actor, text=" ".join(PAYLOADS[:40]))
    source = tmp_path / "poisoned.txt"
    source.write_text(
        f"# {PAYLOADS[3]} imported\n\nBy {PAYLOADS[4]}\n\n"
        + "\n\n".join(f"The CSTO said {p} in Dushanbe today." for p in PAYLOADS)
        + "\n\n2 comments on “x”\n\n"
        + f"{PAYLOADS[5][:90]} • May 3, 2011\n\n{PAYLOADS[6]}\n"
    )
    call_command("import_article", str(source), "--publish", stdout=io.StringIO())
    imported = Article.objects.get(source_file="poisoned.txt")
    return article, imported, actor, organization


def visit_and_check(page, url, opened):
    page.goto(url)
    page.wait_for_load_state("load")
    injected = page.evaluate(INJECTED)
    assert not injected, (url, injected)
    assert not opened, (url, opened)


def test_no_payload_executes_on_any_page(page, poisoned):
    article, imported, actor, organization = poisoned
    opened = []
    page.on("dialog", lambda dialog: (opened.append(dialog.message), dialog.dismiss()))
    urls = [
        "/",
        article.get_absolute_url(),
        imported.get_absolute_url(),
        actor.get_absolute_url(),
        organization.get_absolute_url(),
        reverse("tag_list"),
        reverse("claim_list"),
        reverse("article_list"),
        reverse("actor_list"),
        reverse("network"),
        reverse("timeline"),
        *[reverse("tag_detail", args=[tag.slug]) for tag in article.tags.all()[:8]],
    ]
    urls += [f"{reverse('article_list')}?q={quote(p)}" for p in PAYLOADS[::12]]
    urls += [f"{reverse('claim_list')}?q={quote(p)}&kind={quote(p)}" for p in PAYLOADS[5::24]]
    urls += [f"{reverse('article_list')}?tag={quote(p)}&year={quote(p)}" for p in PAYLOADS[7::40]]
    for url in urls:
        visit_and_check(page, url, opened)


def test_no_payload_executes_in_the_admin(page, poisoned):
    article, imported, actor, _ = poisoned
    opened = []
    page.on("dialog", lambda dialog: (opened.append(dialog.message), dialog.dismiss()))
    log_in(page, UserFactory(username="xss-admin", is_staff=True, is_superuser=True))
    for url in [
        reverse("admin:corpus_article_changelist"),
        reverse("admin:corpus_article_change", args=[article.pk]),
        reverse("admin:corpus_article_change", args=[imported.pk]),
        reverse("admin:corpus_annotation_changelist"),
        reverse("admin:corpus_claim_changelist"),
        reverse("admin:corpus_actor_change", args=[actor.pk]),
        reverse("admin:taggit_tag_changelist"),
        reverse("admin:corpus_article_changelist") + "?q=" + quote(PAYLOADS[9]),
    ]:
        visit_and_check(page, url, opened)
