"""import_article: new articles in any seed format, linked to known entities;
idempotent on the file's hash; bad files change nothing."""

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from corpus.models import Actor, Article, Comment, Mention, Organization

DATA = Path(__file__).parents[1] / "data"


def run_import(*paths, options=()):
    out = io.StringIO()
    call_command("import_article", *map(str, paths), *options, stdout=out)
    return out.getvalue()


def table_counts():
    return {
        model.__name__: model.objects.count()
        for model in (Article, Actor, Organization, Mention, Comment)
    }


@pytest.mark.django_db
def test_markdown_format_imports_with_metadata_and_links():
    output = run_import(DATA / "markdown_byline.txt")
    article = Article.objects.get(source_file="markdown_byline.txt")
    assert article.title == "Minsk Hosts a Quiet CSTO Summit"
    assert [a.name for a in article.authors.all()] == ["Maria Example"]
    assert (article.date_edtf, article.date_certainty) == ("2011-12-20", "stated")
    assert "December 20, 2011" in article.date_evidence
    assert article.publication.slug == Organization.objects.named("The Moscow Times").get().slug
    assert article.source_url.endswith("/minsk-hosts-a-quiet-csto-summit")
    assert "and that the organization would keep its focus" in article.body
    assert "correspondent based in Minsk" not in article.body
    linked = {m.entity.slug for m in article.mentions.all()}
    lukashenko = Actor.objects.named("Alexander Lukashenko").get()
    bordyuzha = Actor.objects.named("Nikolai Bordyuzha").get()
    csto = Organization.objects.named("CSTO").get()
    assert {lukashenko.slug, bordyuzha.slug, csto.slug} <= linked
    assert article.status == "draft"
    assert f"http://127.0.0.1:8000/admin/corpus/article/{article.pk}/change/" in output


@pytest.mark.django_db
def test_imports_are_drafts_unless_submitted_for_review_or_published(anonymous):
    run_import(DATA / "markdown_byline.txt")
    draft = Article.objects.get(source_file="markdown_byline.txt")
    assert anonymous.get(draft.get_absolute_url()).status_code == 404
    run_import(DATA / "footer_comments.txt", options=["--review"])
    assert Article.objects.get(source_file="footer_comments.txt").status == "review"
    output = run_import(DATA / "publication_header.txt", options=["--publish"])
    published = Article.objects.get(source_file="publication_header.txt")
    assert published.status == "published"
    assert f"http://127.0.0.1:8000/articles/{published.slug}/" in output
    assert anonymous.get(published.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_footer_and_comments_format_keeps_comments_apart():
    run_import(DATA / "footer_comments.txt")
    article = Article.objects.get(source_file="footer_comments.txt")
    assert [a.name for a in article.authors.all()] == ["Joshua Kucera", "Maria Example"]
    # The known author is linked, not duplicated.
    assert Actor.objects.filter(name="Joshua Kucera").count() == 1
    assert article.publication.name.lower().startswith("eurasianet")
    assert article.date_edtf == "" and article.date_certainty == "unknown"
    comments = list(article.comments.all())
    assert [(c.author, c.posted_on.isoformat(), c.text) for c in comments] == [
        ("Aibek", "2011-11-03", "Interesting, but who was the official?"),
        ("", "2011-11-04", "Nothing will change."),
    ]
    assert "who was the official" not in article.body
    assert "Leave a Reply" not in article.body
    linked = {m.entity.name for m in article.mentions.select_related("actor", "organization")}
    assert "Yevgeny Buzhinsky" in linked


@pytest.mark.django_db
def test_publication_header_format_links_every_spelling():
    run_import(DATA / "publication_header.txt")
    article = Article.objects.get(source_file="publication_header.txt")
    assert (article.publication.name, article.volume, article.issue) == (
        "Eurasia Daily Monitor",
        "2",
        "14",
    )
    rahmon = Actor.objects.named("Emomali Rahmon").get()
    rahmon_mentions = [article.body[m.start : m.end] for m in article.mentions.filter(actor=rahmon)]
    assert rahmon_mentions == ["Emomali Rahmon", "Rakhmonov"]


@pytest.mark.django_db
def test_untitled_article_gets_a_supplied_title_in_brackets(tmp_path):
    path = tmp_path / "untitled.txt"
    path.write_text(
        "Publication: Eurasia Daily Monitor Volume: 3 Issue: 7\n\n"
        "Russia and Kazakhstan agreed this week to hold joint air defense exercises, "
        "the first such drills since the CSTO summit, officials in both capitals said."
    )
    run_import(path)
    article = Article.objects.get(source_file="untitled.txt")
    assert article.title_supplied
    assert article.display_title.startswith("[Russia and Kazakhstan agreed")


@pytest.mark.django_db
def test_import_is_idempotent_on_the_file_hash(tmp_path):
    run_import(DATA / "markdown_byline.txt")
    before = table_counts()
    renamed = tmp_path / "same-bytes-other-name.txt"
    shutil.copy(DATA / "markdown_byline.txt", renamed)
    output = run_import(DATA / "markdown_byline.txt", renamed)
    assert output.count("Already in the archive") == 2
    assert table_counts() == before


@pytest.mark.django_db
def test_raw_file_and_checksum_are_kept_verbatim():
    run_import(DATA / "footer_comments.txt")
    article = Article.objects.get(source_file="footer_comments.txt")
    data = (DATA / "footer_comments.txt").read_bytes()
    assert article.raw_source.encode("utf-8") == data
    import hashlib

    assert article.raw_sha256 == hashlib.sha256(data).hexdigest()


def bad_files(tmp_path):
    files = {
        "missing": tmp_path / "does-not-exist.txt",
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "image.png",
        "undecodable": tmp_path / "latin1.txt",
        "no body": tmp_path / "no-body.txt",
    }
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    files["undecodable"].write_bytes("Caf\u00e9 society in Dushanbe ".encode("latin-1") * 10)
    files["no body"].write_text("# Title only\n\nBy Someone\n\nLeave a Reply\n")
    return files


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kind, message",
    [
        ("missing", "no such file"),
        ("empty", "empty"),
        ("binary", "binary"),
        ("undecodable", "not valid UTF-8"),
        ("no body", "no recognisable article body"),
    ],
)
def test_bad_file_fails_cleanly_and_writes_nothing(tmp_path, kind, message):
    bad = bad_files(tmp_path)[kind]
    before = table_counts()
    # A good file next to the bad one is not imported either: one transaction.
    with pytest.raises(CommandError, match=message) as error:
        run_import(DATA / "markdown_byline.txt", bad)
    assert "\n" not in str(error.value)
    assert str(bad) in str(error.value)
    assert table_counts() == before


def test_bad_file_exits_non_zero_with_one_line(tmp_path):
    import subprocess
    import sys

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = subprocess.run(
        [sys.executable, "manage.py", "import_article", str(empty)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
        timeout=120,
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        f"CommandError: not imported: {empty}: the file is empty"
    ]
    assert "Traceback" not in result.stderr


@pytest.mark.django_db
def test_a_stand_in_name_is_left_unlinked_and_reported_for_an_editor(tmp_path):
    path = tmp_path / "stand_ins.txt"
    path.write_text(
        "Publication: Eurasia Daily Monitor Volume: 3 Issue: 8\n\n"
        "Moscow and Dushanbe signed the basing deal; the Kremlin hailed it. "
        "Talks held in Moscow went on, said Emomali Rahmon."
    )
    output = run_import(path)
    article = Article.objects.get(source_file="stand_ins.txt")
    assert [m.entity.name for m in article.mentions.all()] == ["Emomali Rahmon"]
    assert (
        "left unlinked for an editor, a place or a government: Dushanbe (1 time: the place, "
        "or Tajikistan); Kremlin (1 time: the place, or Russian leadership); Moscow "
        "(2 times: the place, or Russia)"
    ) in " ".join(output.split())
