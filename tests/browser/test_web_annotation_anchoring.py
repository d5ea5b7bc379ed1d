"""A standard Web Annotation client anchors the exported selectors in the real page:
in Chromium, each refined selector's CSS selector finds the element holding the
body, its TextPositionSelector there holds the quote, and the TextQuoteSelector
with its context is found in the page's text."""

import pytest

from corpus.models import Article

pytestmark = pytest.mark.django_db(transaction=False)

ANCHOR = """(selectors) => {
  const [cssPosition, cssQuote, quote] = selectors;
  const root = document.querySelector(cssPosition.value);
  const text = root.textContent;
  const position = cssPosition.refinedBy;
  const inPage = document.body.textContent;
  const withContext = quote.prefix + quote.exact + quote.suffix;
  return {
    positioned: text.slice(position.start, position.end),
    refinedQuote: text.includes(cssQuote.refinedBy.prefix + cssQuote.refinedBy.exact),
    inPage: inPage.includes(withContext),
  };
}"""


def test_every_exported_selector_anchors_in_the_reading_page(page, site):
    article = Article.objects.get(
        slug="russia-moscow-strives-to-clarify-vision-for-central-asian-alliance"
    )
    collection = page.request.get(f"{site}/articles/{article.slug}/annotations.jsonld").json()
    page.goto(article.get_absolute_url())
    assert page.evaluate("document.querySelector('#article-body').textContent") == article.body
    items = collection["first"]["items"]
    assert len(items) > 5
    for item in items:
        selectors = item["target"]["selector"]
        found = page.evaluate(ANCHOR, selectors)
        assert found["positioned"] == selectors[1]["refinedBy"]["exact"], item["id"]
        assert found["refinedQuote"] and found["inPage"], item["id"]
