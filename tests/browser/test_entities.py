"""People, organizations and the pictures, in Chromium: the journeys a researcher
takes, an axe audit of each page, and a phone-width viewport."""

import re

import pytest
from django.urls import reverse

from corpus.models import Claim

BUZHINSKY = reverse("actor_detail", args=["yevgeny-buzhinsky"])
CSTO = reverse("organization_detail", args=["csto"])


@pytest.mark.parametrize(
    "label, heading",
    [
        ("Yevgeny Buzhinsky", "Yevgeny Buzhinsky"),
        ("CSTO", "Collective Security Treaty Organization"),
    ],
)
def test_clicking_a_node_in_the_network_opens_its_page(page, label, heading):
    page.goto(reverse("network") + "?min=1")
    page.locator("svg.network-svg text.label").filter(has_text=re.compile(f"^{label}$")).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith(heading)


def test_a_network_node_opens_by_keyboard(page):
    page.goto(reverse("network"))
    page.locator('svg.network-svg a[data-id="organization:csto"]').focus()
    assert page.evaluate("document.activeElement.getAttribute('data-id')") == "organization:csto"
    # With JavaScript, the focused name's own links stand out.
    near = page.locator("svg.network-svg path.edge.is-near")
    assert near.count() == page.locator('path.edge[data-source="organization:csto"]').count() + (
        page.locator('path.edge[data-target="organization:csto"]').count()
    )
    assert near.count() > 0
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{CSTO}")


def test_what_did_buzhinsky_say_and_where(page):
    page.goto(BUZHINSKY)
    statements = page.locator("#claims-heading + .section-note + ul.entity-claims > li")
    claims = list(
        Claim.objects.published()
        .filter(claimant_actor__slug="yevgeny-buzhinsky")
        .select_related("annotation__article")
    )
    assert statements.count() == len(claims) == 3
    for claim in claims:
        item = statements.filter(has_text=claim.text[:40])
        quote = item.locator("blockquote a")
        assert quote.get_attribute("href") == reverse(
            "annotation_detail", args=[claim.annotation.uuid]
        )
        article = item.locator("cite")
        assert article.inner_text() == claim.annotation.article.display_title


def test_a_timeline_mark_opens_its_article(page):
    page.goto(reverse("timeline"))
    mark = page.locator("svg.timeline-svg a.entry.stated").first
    href = mark.get_attribute("href")
    assert href == reverse("article_detail", args=["russia-needs-the-west-in-central-asia"])
    mark.locator("text.title").click()
    page.wait_for_url(f"**{href}")
    assert "Russia Needs the West in Central Asia" in page.locator("h1").inner_text()


def test_filtering_people_by_another_spelling(page):
    page.goto(reverse("actor_list"))
    page.get_by_label("Filter by name").fill("Rakhmonov")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**q=Rakhmonov")
    assert page.locator("ul.entities > li > a").all_inner_texts() == ["Emomali Rahmon"]


def test_network_controls_redraw_the_picture(page):
    page.goto(reverse("network"))
    page.get_by_label("Show").select_option("actors")
    page.get_by_label("Shared articles, at least").fill("1")
    page.get_by_role("button", name="Redraw").click()
    page.wait_for_url("**type=actors**")
    assert page.locator("svg.network-svg a.node.organization").count() == 0
    assert page.locator("svg.network-svg a.node.actor").count() >= 10


def test_print_unfolds_the_data_and_drops_the_controls(page):
    page.goto(reverse("network"))
    assert not page.locator("table.links").is_visible()
    page.emulate_media(media="print")
    assert page.locator("table.links").is_visible()
    assert not page.locator(".picture-controls").is_visible()
    page.goto(CSTO)
    assert page.locator("details.more ol.co-mentions li").first.is_visible()
