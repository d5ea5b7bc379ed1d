"""`make backup` and `make restore FILE=...` bring back every table exactly, and
verify_sources finds any kept source whose text no longer matches its SHA-256."""

import io

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from corpus.models import Article

TABLES = """
SELECT quote_ident(table_name) FROM information_schema.tables
WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name
"""


def checksums(conn) -> dict[str, tuple]:
    """Each table's row count and a checksum of its rows, in any order."""
    tables = [row[0] for row in conn.execute(TABLES).fetchall()]
    return {
        table: conn.execute(
            f"SELECT count(*), md5(coalesce(string_agg(md5(t::text), '' ORDER BY md5(t::text)),"
            f" '')) FROM {table} t"
        ).fetchone()
        for table in tables
    }


def connect(name: str, autocommit: bool = False):
    db = connection.settings_dict
    return psycopg.connect(
        dbname=name,
        host=db["HOST"],
        port=db["PORT"],
        user=db["USER"],
        password=db["PASSWORD"] or None,
        autocommit=autocommit,
    )


@pytest.fixture
def scratch_database():
    name = f"{connection.settings_dict['NAME']}_restore"
    with connect("postgres", autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}"')
        server.execute(f'CREATE DATABASE "{name}"')
    yield name
    with connect("postgres", autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db
def test_a_backup_restores_every_table_identically(tmp_path, scratch_database):
    backup = tmp_path / "archive.dump"
    call_command("backup", "--output", str(backup), stdout=io.StringIO())
    assert backup.read_bytes().startswith(b"PGDMP")  # pg_dump's custom format
    # Twice: the second restore replaces what the first wrote, as over a live database.
    for _ in range(2):
        call_command("restore", str(backup), "--into", scratch_database, stdout=io.StringIO())
    with connect(connection.settings_dict["NAME"]) as original, connect(scratch_database) as copy:
        before, after = checksums(original), checksums(copy)
    assert before["corpus_article"][0] > 0
    assert after == before


@pytest.mark.django_db
def test_a_restore_of_a_file_that_is_no_backup_changes_nothing(tmp_path, scratch_database):
    bogus = tmp_path / "bogus.dump"
    bogus.write_bytes(b"not a dump")
    with pytest.raises(CommandError, match="not restored, nothing changed"):
        call_command("restore", str(bogus), "--into", scratch_database)
    with pytest.raises(CommandError, match="no such backup file"):
        call_command("restore", str(tmp_path / "missing.dump"))


@pytest.mark.django_db
def test_verify_sources_reports_a_source_changed_behind_the_archive():
    out = io.StringIO()
    call_command("verify_sources", stdout=out)
    assert "match their SHA-256" in out.getvalue()
    article = Article.objects.first()
    # A change that bypasses save(): what disk corruption or a stray UPDATE would do.
    Article.objects.filter(pk=article.pk).update(raw_source=article.raw_source + " ")
    errors = io.StringIO()
    with pytest.raises(CommandError, match="1 of .* sources do not match"):
        call_command("verify_sources", stdout=io.StringIO(), stderr=errors)
    assert f"MISMATCH article {article.pk} ({article.source_file})" in errors.getvalue()
