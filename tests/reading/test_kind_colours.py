"""One colour per kind of annotation: the public reading page and the editors'
annotator both take the kinds' colours from archive/kinds.css."""

import re
from pathlib import Path

from django.conf import settings

STATIC = Path(settings.BASE_DIR) / "static"
KINDS = ("claim", "note", "context", "entity")


def test_the_kinds_colours_are_defined_once_and_used_by_both_sides():
    kinds = (STATIC / "archive" / "kinds.css").read_text()
    reading = (STATIC / "archive" / "reading.css").read_text()
    annotator = (STATIC / "corpus" / "annotate.css").read_text()
    for kind in KINDS:
        assert re.search(rf"--{kind}-bg: #[0-9a-f]{{6}}", kinds)
        assert f"--{kind}-bg:" not in reading and f"--{kind}-line:" not in annotator
        assert f"var(--{kind}-bg)" in reading
        assert re.search(rf"\.kind-{kind} {{ background: [^}}]*var\(--{kind}-line\)", annotator)
    assert not re.search(r"\.kind-\w+ { background: rgb", annotator)


def test_both_pages_load_the_kinds_colours(client, admin_client):
    from corpus.models import Article

    article = Article.objects.get(slug="csto-safe-choice-in-central-asia")
    assert "archive/kinds.css" in client.get(article.get_absolute_url()).content.decode()
    from django.urls import reverse

    change = admin_client.get(reverse("admin:corpus_article_change", args=[article.pk]))
    assert "archive/kinds.css" in change.content.decode()
