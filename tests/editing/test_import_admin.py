"""Importing in the admin: upload files or a zip, preview each before anything is
saved, correct the metadata, decide on unknown names, confirm as a draft or for
review; nothing is public until a reviewer publishes it. Bad files get one-line
errors and write nothing."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from corpus.editing import decisions
from corpus.ingest.importing import import_files
from corpus.models import Actor, Article, ImportBatch, ImportFile, NameCandidate

pytestmark = pytest.mark.django_db
UNSEEN = Path(__file__).parents[1] / "data" / "unseen"
SEEDS = Path(__file__).parents[2] / "seeds"


def upload(client, *files):
    return client.post(
        reverse("admin:corpus_importbatch_add"),
        {"files": [SimpleUploadedFile(name, data) for name, data in files]},
        follow=True,
    )


def unseen(name):
    return name, (UNSEEN / name).read_bytes()


def preview_post(client, import_file, **changes):
    response = client.get(import_file.get_absolute_url())
    data = {k: v for k, v in response.context["form"].initial.items() if v is not None}
    data["title_supplied"] = "on" if data.get("title_supplied") else ""
    data.update(changes)
    return client.post(import_file.get_absolute_url(), data, follow=True)


def test_one_file_opens_its_preview_and_nothing_is_an_article_yet(client, editor):
    client.force_login(editor)
    before = Article.objects.count()
    response = upload(client, unseen("md_by_lede.txt"))
    assert response.templates[0].name == "admin/corpus/importfile/preview.html"
    shown = response.context["preview"]
    assert shown.metadata.title == "Dushanbe Summit Ends Without a Deal"
    assert "Sept. 5, 2011" in shown.metadata.date_evidence
    assert {link.name for link in shown.links} >= {"Kurmanbek Bakiyev", "Itar-Tass"}
    assert any(link.certainty == "variant" for link in shown.links)
    assert {link.name for link in shown.proposed} >= {"Nursultan Nazarbayev"}
    assert {found.name for found, _ in shown.unknown} >= {"Janysh Bakiyev", "Interfax-Kazakhstan"}
    assert Article.objects.count() == before


def test_corrected_date_and_decisions_are_kept_and_confirmed_for_review(client, editor, anonymous):
    client.force_login(editor)
    upload(client, unseen("ph_by_lede_no_title.txt"))
    import_file = ImportFile.objects.get(filename="ph_by_lede_no_title.txt")
    roza = NameCandidate.objects.get(name="Roza Otunbayeva")
    response = preview_post(
        client,
        import_file,
        date_edtf="2011-09-05",
        date_certainty="inferred",
        date_evidence="Day first, as the publisher writes dates.",
        decide=f"create:{roza.pk}",
    )
    assert Actor.objects.filter(name="Roza Otunbayeva").exists()
    decided = {found.name: c.decision for found, c in response.context["preview"].unknown if c}
    assert decided["Roza Otunbayeva"] == "created"  # still listed, with what was done
    import_file.refresh_from_db()
    assert import_file.corrections["date_edtf"] == "2011-09-05"
    assert response.context["form"].initial["date_edtf"] == "2011-09-05"
    response = preview_post(client, import_file, _confirm="Confirm", status="review")
    article = Article.objects.get(source_file="ph_by_lede_no_title.txt")
    assert (article.status, article.date_edtf) == ("review", "2011-09-05")
    assert article.title_supplied
    assert article.mentions.filter(actor__name="Roza Otunbayeva").exists()
    assert anonymous.get(article.get_absolute_url()).status_code == 404


def test_a_zip_of_files_is_one_batch_and_bad_files_are_named_not_kept(client, editor):
    client.force_login(editor)
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr(
            "a/md_two_authors_bom.txt", (UNSEEN / "md_two_authors_bom.txt").read_bytes()
        )
        archive.writestr("fc_two_authors_iso.txt", (UNSEEN / "fc_two_authors_iso.txt").read_bytes())
        archive.writestr("__MACOSX/._junk", b"\x00\x01")
    response = upload(client, ("batch.zip", data.getvalue()), ("empty.txt", b""))
    batch = ImportBatch.objects.get()
    assert [f.filename for f in batch.files.all()] == [
        "batch.zip/a/md_two_authors_bom.txt",
        "batch.zip/fc_two_authors_iso.txt",
    ]
    messages = [str(m) for m in response.context["messages"]]
    assert messages == ["Not imported: empty.txt: the file is empty"]


@pytest.mark.parametrize(
    "name, data, error",
    [
        ("empty.txt", b"", "empty.txt: the file is empty"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image.png: the file is binary data, not text"),
        ("bad.zip", b"PK\x03\x04garbage", "bad.zip"),
        ("title-only.txt", b"# Title only\n\nBy Someone\n", "no recognisable article body"),
    ],
)
def test_bad_files_get_one_line_errors_and_write_nothing(client, editor, name, data, error):
    client.force_login(editor)
    response = upload(client, (name, data))
    assert response.status_code == 200
    assert not ImportBatch.objects.exists()
    messages = [str(m) for m in response.context["messages"]]
    assert len(messages) == 1 and error in messages[0] and "\n" not in messages[0]


def test_a_seed_in_other_line_endings_is_a_duplicate_that_cannot_be_confirmed(client, editor):
    client.force_login(editor)
    crlf = (SEEDS / "002_a0b04d937cc7baba.txt").read_bytes().replace(b"\n", b"\r\n")
    response = upload(client, ("again.txt", b"\xef\xbb\xbf" + crlf))
    assert response.context["preview"].duplicate_of.source_file == "002_a0b04d937cc7baba.txt"
    assert not response.context["can_confirm"]
    import_file = ImportFile.objects.get()
    assert import_file.state == "duplicate"
    before = Article.objects.count()
    preview_post(client, import_file, _confirm="Confirm", status="review")
    assert Article.objects.count() == before


def test_an_import_is_never_published_by_its_editor(client, editor):
    client.force_login(editor)
    upload(client, unseen("fc_two_authors_iso.txt"))
    import_file = ImportFile.objects.get()
    preview_post(client, import_file, _confirm="Confirm", status="published")
    assert not Article.objects.filter(source_file="fc_two_authors_iso.txt").exists()


def test_authors_that_are_not_person_like_are_refused_in_the_preview(client, editor):
    client.force_login(editor)
    upload(client, unseen("fc_two_authors_iso.txt"))
    import_file = ImportFile.objects.get()
    response = preview_post(client, import_file, authors="most accounts", _confirm="Confirm")
    assert "does not read as a person" in str(response.context["form"].errors)
    assert not Article.objects.filter(source_file="fc_two_authors_iso.txt").exists()


def test_a_decided_name_in_other_capitals_shows_its_decision_in_the_preview(client, editor):
    import_files([UNSEEN / "md_by_lede.txt"])
    candidate = NameCandidate.objects.get(name="Islamic Movement of Uzbekistan")
    record = decisions.create_record(candidate, editor)
    text = (UNSEEN / "ph_title_after_header.txt").read_text(encoding="utf-8-sig")
    text = text.replace("The Islamic Movement of Uzbekistan", "The ISLAMIC MOVEMENT OF UZBEKISTAN")
    client.force_login(editor)
    response = upload(client, ("shouting.txt", text.encode()))
    shown = {found.name: c for found, c in response.context["preview"].unknown}
    assert shown["ISLAMIC MOVEMENT OF UZBEKISTAN"] == candidate
    page = response.content.decode()
    assert f"Record created: {record}" in page
    assert "this spelling becomes its alias when the file is imported" in page
    assert Article.objects.filter(source_file="shouting.txt").count() == 0


@pytest.mark.parametrize("view", ["corpus_importfile_change", "corpus_importbatch_change"])
@pytest.mark.parametrize("object_id", ["abc", "1.5", "999999"])
def test_a_malformed_or_unknown_import_is_a_404(client, editor, view, object_id):
    client.force_login(editor)
    assert client.get(reverse(f"admin:{view}", args=[object_id])).status_code == 404


def test_a_malformed_decision_is_refused_and_changes_nothing(client, editor):
    client.force_login(editor)
    upload(client, unseen("md_by_lede.txt"))
    import_file = ImportFile.objects.get()
    pending = NameCandidate.objects.pending().count()
    candidate = NameCandidate.objects.pending().first()
    for value, status in [
        ("create:abc", 404),
        ("create:", 404),
        ("dismiss:99999999", 404),
        (f"explode:{candidate.pk}", 200),
    ]:
        assert preview_post(client, import_file, decide=value).status_code == status, value
    assert NameCandidate.objects.pending().count() == pending
    assert not Actor.objects.filter(name=candidate.name).exists()


def test_an_imported_file_cannot_be_discarded(client, editor):
    client.force_login(editor)
    upload(client, unseen("fc_two_authors_iso.txt"))
    import_file = ImportFile.objects.get()
    preview_post(client, import_file, _confirm="Confirm", status="review")
    response = preview_post(client, import_file, _discard="Discard")
    import_file.refresh_from_db()
    assert import_file.state == "imported" and import_file.article is not None
    assert "is imported" in " ".join(str(m) for m in response.context["messages"])
