"""Importing annotations: W3C JSON-LD (this archive's own export included) and
Hypothesis exports, placed by the archive's anchoring, landing as drafts; what
cannot be placed waits in the orphan queue; a bad file writes nothing."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from corpus.editing.interchange.importing import import_annotations
from corpus.editing.interchange.readers import ImportFailed
from corpus.models import Annotation, Article, Claim, Status

pytestmark = pytest.mark.django_db

VISION = "russia-moscow-strives-to-clarify-vision-for-central-asian-alliance"


def passage(annotation) -> tuple:
    return (
        annotation.start,
        annotation.end,
        annotation.exact,
        annotation.note,
        sorted(annotation.tags.names()),
        sorted(annotation.actors.values_list("slug", flat=True)),
        sorted(annotation.organizations.values_list("slug", flat=True)),
    )


def test_export_delete_import_restores_every_published_annotation(client, tmp_path):
    exported, before = {}, {}
    for article in Article.objects.published():
        exported[article.slug] = client.get(
            reverse("article_annotations", args=[article.slug])
        ).content
        for annotation in Annotation.objects.published().filter(article=article):
            before[annotation.uuid] = passage(annotation)
    assert len(before) > 20
    Claim.objects.all().delete()
    Annotation.objects.all().delete()
    for slug, content in exported.items():
        path = tmp_path / f"{slug}.jsonld"
        path.write_bytes(content)
        call_command("import_annotations", str(path), stdout=io.StringIO())
    restored = {a.uuid: a for a in Annotation.objects.all()}
    assert set(restored) == set(before)
    for uuid, expected in before.items():
        assert passage(restored[uuid]) == expected
        assert restored[uuid].status == Status.DRAFT, "imports land as drafts"
        assert restored[uuid].anchor == Annotation.Anchor.ANCHORED


def test_importing_the_same_file_twice_changes_nothing(client):
    content = client.get(reverse("article_annotations", args=[VISION])).content
    Claim.objects.filter(annotation__article__slug=VISION).delete()
    Annotation.objects.filter(article__slug=VISION).delete()
    first = import_annotations(content)
    second = import_annotations(content)
    assert len(first.placed) > 5 and not first.orphaned
    assert not second.placed and len(second.skipped) == len(first.placed)


def hypothesis_row(article, exact, prefix="", suffix="", text="", tags=(), **extra) -> dict:
    url = f"https://archive.example.org{article.get_absolute_url()}"
    selectors = [
        {
            "type": "RangeSelector",
            "startContainer": "/main[1]/div[1]/p[3]",
            "startOffset": 0,
            "endContainer": "/main[1]/div[1]/p[3]",
            "endOffset": 12,
        },
        {"type": "TextPositionSelector", "start": 5123, "end": 5123 + len(exact)},
        {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix},
    ]
    return {
        "id": "Hk3v2s1kEe-abcdEFGHijk",
        "created": "2024-03-01T10:00:00.000000+00:00",
        "updated": "2024-03-01T10:00:00.000000+00:00",
        "user": "acct:researcher@hypothes.is",
        "uri": url,
        "text": text,
        "tags": list(tags),
        "group": "__world__",
        "permissions": {"read": ["group:__world__"]},
        "target": [{"source": url, "selector": selectors}],
        "document": {"title": [article.title]},
        **extra,
    }


def test_a_hypothesis_export_imports_and_what_cannot_be_placed_is_orphaned(tmp_path):
    article = Article.objects.get(slug=VISION)
    body = article.body
    at = body.index("it wanted allies")
    placed = hypothesis_row(
        article,
        "it wanted allies",
        prefix=body[at - 30 : at],
        suffix=body[at + 16 : at + 46],
        text="Allies & costs <script>alert(1)</script>",
        tags=["alliance politics", "csto"],
    )
    missing = hypothesis_row(article, "words this article never printed", text="Lost")
    page_note = {
        **hypothesis_row(article, "x", text="About the whole page"),
        "target": [{"source": placed["uri"]}],
    }
    reply = {
        **hypothesis_row(article, "it wanted allies", text="Agreed"),
        "references": ["Hk3v2s1kEe-abcdEFGHijk"],
    }
    export = {
        "export_date": "2024-03-02T09:00:00.000Z",
        "export_userid": "acct:researcher@hypothes.is",
        "client_version": "1.1500.0",
        "annotations": [placed, missing, page_note, reply],
    }
    path = tmp_path / "hypothesis.json"
    path.write_text(json.dumps(export))
    out = io.StringIO()
    call_command("import_annotations", str(path), stdout=out)
    assert "1 placed, 2 orphaned" in out.getvalue()
    new = Annotation.objects.filter(status=Status.DRAFT, article=article).order_by("pk")
    good, lost, note = new
    assert (good.start, good.end) == (at, at + 16) and good.anchor == "anchored"
    assert good.note == "Allies &amp; costs &lt;script&gt;alert(1)&lt;/script&gt;"
    assert sorted(good.tags.names()) == ["alliance politics", "csto"]
    assert lost.anchor == note.anchor == "orphaned"
    assert lost.exact == "words this article never printed"
    queue = Annotation.objects.filter(anchor="orphaned")
    assert set(queue) >= {lost, note}, "the orphan queue lists them"
    assert not Annotation.objects.published().filter(pk__in=[a.pk for a in new]).exists()


def test_annotations_made_on_the_original_page_import_by_its_address():
    article = Article.objects.exclude(source_url="").first()
    exact = article.body[100:140]
    row = hypothesis_row(article, exact, prefix=article.body[70:100], suffix=article.body[140:170])
    row["uri"] = row["target"][0]["source"] = article.source_url
    report = import_annotations(json.dumps({"rows": [row], "total": 1}).encode())
    assert [(a.article, a.start, a.end) for a in report.placed] == [(article, 100, 140)]


BAD_FILES = {
    "not JSON": b"{ this is not json",
    "not UTF-8": '{"a": "Büzhinsky"}'.encode("latin-1"),
    "not annotations": b'{"hello": "world"}',
    "empty": b"[]",
    "no @context": json.dumps(
        [{"id": "http://x.org/1", "type": "Annotation", "target": "http://testserver/articles/x/"}]
    ).encode(),
    "body and bodyValue": json.dumps(
        {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": "http://x.org/1",
            "type": "Annotation",
            "body": "http://x.org/b",
            "bodyValue": "both",
            "target": f"http://testserver/articles/{VISION}/",
        }
    ).encode(),
    "a page that is no article": json.dumps(
        {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": "http://x.org/1",
            "type": "Annotation",
            "target": "http://elsewhere.example.org/story",
        }
    ).encode(),
}


@pytest.mark.parametrize("content", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_fails_with_one_line_and_writes_nothing(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    before = Annotation.objects.count()
    with pytest.raises(CommandError) as failure:
        call_command("import_annotations", str(path), stdout=io.StringIO())
    message = str(failure.value)
    assert message.startswith("not imported:") and "\n" not in message
    assert Annotation.objects.count() == before


def test_one_bad_annotation_after_good_ones_writes_nothing(client):
    collection = client.get(reverse("article_annotations", args=[VISION])).json()
    Claim.objects.filter(annotation__article__slug=VISION).delete()
    Annotation.objects.filter(article__slug=VISION).delete()
    collection["first"]["items"][-1].pop("target")
    with pytest.raises(ImportFailed, match="^Annotation \\d+: .*missing target"):
        import_annotations(json.dumps(collection).encode())
    assert not Annotation.objects.filter(article__slug=VISION).exists()


def test_a_missing_file_is_a_one_line_error(tmp_path):
    with pytest.raises(CommandError, match="^not imported: .*missing.json: No such file"):
        call_command("import_annotations", str(tmp_path / "missing.json"))


def test_links_to_unknown_people_are_not_guessed(client):
    annotation = Annotation.objects.published().filter(actors__isnull=False).first()
    document = client.get(
        reverse("annotation_detail", args=[annotation.uuid]),
        HTTP_ACCEPT="application/ld+json",
    ).json()
    document["id"] = "https://elsewhere.example.org/annotations/1"  # a copy made elsewhere
    for body in document["body"]:
        if body.get("purpose") == "identifying":
            body["source"] = "http://testserver/actors/nobody-we-know/"
    report = import_annotations(json.dumps(document).encode())
    imported = report.placed[0]
    assert (imported.start, imported.end) == (annotation.start, annotation.end)
    assert not imported.actors.exists()
    assert "http://testserver/actors/nobody-we-know/" in report.summary()


def test_an_editor_uploads_a_file_in_the_admin(client, editor):
    content = client.get(reverse("article_annotations", args=[VISION])).content
    Claim.objects.filter(annotation__article__slug=VISION).delete()
    Annotation.objects.filter(article__slug=VISION).delete()
    client.force_login(editor)
    url = reverse("admin:corpus_annotation_import")
    changelist = client.get(reverse("admin:corpus_annotation_changelist"))
    assert url in changelist.content.decode()
    assert client.get(url).status_code == 200
    bad = client.post(url, {"file": io.BytesIO(b"not json")})
    assert bad.status_code == 200 and "Nothing was imported" in bad.content.decode()
    upload = io.BytesIO(content)
    upload.name = "annotations.jsonld"
    response = client.post(url, {"file": upload}, follow=True)
    assert "placed" in response.content.decode()
    assert Annotation.objects.filter(article__slug=VISION, status=Status.DRAFT).count() > 5


def test_anonymous_users_cannot_upload(client):
    response = client.get(reverse("admin:corpus_annotation_import"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_odd_positions_and_tags_are_tamed_not_a_crash():
    article = Article.objects.get(slug=VISION)
    at = article.body.index("it wanted allies")
    body = article.body
    odd = hypothesis_row(
        article,
        "it wanted allies",
        prefix=body[at - 32 : at],
        suffix=body[at + 16 : at + 48],
        tags=["", "  ", "x" * 300],
    )
    odd["target"][0]["selector"][1].update(start=2**40, end=2**40 + 16)
    lost = hypothesis_row(article, "never printed here at all")
    lost["target"][0]["selector"][1].update(start=-5, end=99**9)
    report = import_annotations(json.dumps([odd, lost]).encode())
    (placed,), (orphan,) = report.placed, report.orphaned
    assert (placed.start, placed.end) == (at, at + 16)
    assert [len(name) for name in placed.tags.names()] == [100]
    assert (orphan.start, orphan.end) == (0, len("never printed here at all"))


def test_two_imports_of_one_file_at_once_fail_the_second_cleanly(client, monkeypatch):
    """The second import of a file, racing the first, meets the first's permanent links
    in the unique index: it fails with one line and writes nothing."""
    from corpus.editing.interchange import importing

    content = client.get(reverse("article_annotations", args=[VISION])).content
    before = Annotation.objects.count()
    # As if the first import committed after this one looked: every annotation seems new.
    monkeypatch.setattr(importing, "_already_here", lambda annotation: False)
    with pytest.raises(ImportFailed, match="^Another import wrote"):
        import_annotations(content)
    assert Annotation.objects.count() == before
