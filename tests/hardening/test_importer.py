"""A bad file gives one line and writes nothing, whatever is wrong with it; an import
is linear in its size, and a span check runs once per statement."""

import random
import string

import pytest
from django.core.management import CommandError
from django.db import IntegrityError, connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus.ingest.parsing import MAX_SOURCE_BYTES, ParseError, parse
from corpus.ingest.staging import confirm, stage_uploads
from corpus.models import Article, Mention
from tests.factories import ArticleFactory, OrganizationFactory
from tests.ingest.test_import import run_import, table_counts

BODY = " ".join(["The Collective Security Treaty Organization met in Dushanbe."] * 5)


def article_file(tmp_path, header="", tail="", name="article.txt"):
    path = tmp_path / name
    path.write_text(f"{header}\n\n{BODY}\n\n{tail}\n", encoding="utf-8")
    return path


OVER_LONG = {
    "title": ("# " + "T" * 501, ""),
    "publication": ("Publication: " + "P" * 201, ""),
    "volume": ("Publication: EDM Volume: " + "9" * 21, ""),
    "source_url": ("# Title", "Original URL:\n\nhttps://example.org/" + "a" * 500),
    "comment author": ("# Title", "2 comments on “Title”\n\n" + "A" * 201 + " • May 3, 2011"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("field", OVER_LONG)
def test_an_over_long_value_is_one_line_and_writes_nothing(tmp_path, field):
    header, tail = OVER_LONG[field]
    before = table_counts()
    with pytest.raises(CommandError, match=f"the {field} is .* characters long") as error:
        run_import(article_file(tmp_path, header, tail))
    assert "\n" not in str(error.value)
    assert table_counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize("day", ["February 30, 2011", "January 0, 2011", "March 3, 0000"])
def test_an_impossible_date_is_left_unknown_not_a_traceback(tmp_path, day):
    run_import(article_file(tmp_path, f"# A Title\n\n{day}"))
    article = Article.objects.get(title="A Title")
    assert (article.date_edtf, article.date_certainty) == ("", "unknown")


@pytest.mark.django_db
def test_a_file_over_the_published_limit_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * (MAX_SOURCE_BYTES // 5 + 1))
    with pytest.raises(CommandError, match="over the 1024 KB limit"):
        run_import(big)


@pytest.mark.django_db
def test_a_body_too_rich_for_a_search_vector_is_one_line_and_writes_nothing(tmp_path):
    words = random.Random(17)
    text = " ".join(
        "".join(words.choices(string.ascii_lowercase, k=9)) for _ in range(MAX_SOURCE_BYTES // 11)
    )
    path = tmp_path / "rich.txt"
    path.write_text(f"# Many words\n\n{text}\n")
    before = table_counts()
    with pytest.raises(CommandError, match="the database refused the import") as error:
        run_import(path)
    assert "\n" not in str(error.value)
    assert table_counts() == before


def test_a_long_run_of_spaces_in_a_header_is_read_at_once():
    # The publication pattern backtracked quadratically: 30,000 spaces took 6 s, these minutes.
    article = parse(f"Publication:{' ' * 300_000}Eurasia Volume: 8\n\n# Title\n\n{BODY}")
    assert (article.publication, article.volume) == ("Eurasia", "8")
    comments = "2 comments on “Title”\n\n" + "A" + " " * 300_000 + "B"
    assert parse(f"# Title\n\n{BODY}\n\n{comments}").comments == []


@pytest.mark.django_db
def test_span_checks_run_once_per_statement_not_once_per_row():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND (tgtype & 1) = 1"
            " AND tgrelid IN ('corpus_mention'::regclass, 'corpus_annotation'::regclass)"
            " AND tgname LIKE '%%inside_body%%'"
        )
        assert cursor.fetchall() == []


@pytest.mark.django_db
def test_a_mention_outside_its_body_is_still_refused():
    article = ArticleFactory(body="Short body about the CSTO.")
    organization = OrganizationFactory()
    inside = Mention(article=article, organization=organization, start=0, end=5, exact="Short")
    outside = Mention(article=article, organization=organization, start=10, end=500, exact="x")
    with pytest.raises(IntegrityError, match="lies outside the body"), transaction.atomic():
        Mention.objects.bulk_create([inside, outside])
    assert not Mention.objects.filter(article=article).exists()


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=600) | st.text(max_size=600).map(str.encode))
def test_any_bytes_import_or_fail_with_one_clean_line(tmp_path, data):
    path = tmp_path / "fuzz.txt"
    path.write_bytes(data)
    try:
        run_import(path)
    except CommandError as error:
        assert str(error).startswith("not imported: ")
        assert "\n" not in str(error) and "Traceback" not in str(error)


def test_parse_errors_are_value_errors_the_admin_can_show():
    with pytest.raises(ParseError):
        parse("too short")


@pytest.mark.django_db
def test_confirming_an_upload_the_database_refuses_is_one_line_and_writes_nothing(editor):
    words = random.Random(18)
    text = " ".join(
        "".join(words.choices(string.ascii_lowercase, k=9)) for _ in range(MAX_SOURCE_BYTES // 11)
    )
    staged = stage_uploads([("rich.txt", f"# Many words\n\n{text}\n".encode())], editor)
    [import_file] = staged.batch.files.all()
    before = table_counts()
    with pytest.raises(ParseError, match="the database refused the import"):
        confirm(import_file)
    assert table_counts() == before
    import_file.refresh_from_db()
    assert import_file.state == import_file.State.PREVIEW
