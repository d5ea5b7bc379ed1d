"""Facet tables that cannot drift: `check_facets` compares every facet row and total
with its sources and repairs drift in one transaction; a TRUNCATE of a source
rebuilds the rows; deferring the triggers lasts one transaction, never a session."""

import io

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from corpus.facets.drift import find_drift
from corpus.models import Annotation, Article, ArticleFacets, ClaimFacets, PassageTags

pytestmark = pytest.mark.django_db


def check(*args) -> str:
    out = io.StringIO()
    call_command("check_facets", *args, stdout=out)
    return out.getvalue()


def execute(sql: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_the_seeded_archive_has_no_drift():
    assert find_drift() == []
    assert "No drift" in check()


def test_a_stale_row_and_a_wrong_total_are_reported_by_table_and_key():
    article = ArticleFacets.objects.filter(published=True).exclude(tag_ids=[]).first()
    ArticleFacets.objects.filter(pk=article.pk).update(tag_ids=[])
    execute("UPDATE corpus_claimfacettotal SET count = count + 3 WHERE facet = 'kind'")
    with pytest.raises(CommandError, match="3 facet table"):
        check()
    reported = {(drift.table, drift.missing, drift.extra) for drift in find_drift()}
    assert ("corpus_articlefacets", 1, 1) in reported
    assert "corpus_facettotal" in {table for table, *_ in reported}, "the row's tags left totals"
    assert any(table == "corpus_claimfacettotal" and extra for table, _, extra in reported)
    assert article.pk in next(d.sample for d in find_drift() if d.table == "corpus_articlefacets")


def test_repair_rebuilds_what_drifted_and_leaves_none():
    PassageTags.objects.create(annotation=Annotation.objects.first(), tag_ids=[1])
    ClaimFacets.objects.filter(pk=ClaimFacets.objects.first().pk).delete()
    assert {drift.family for drift in find_drift()} == {"claim facets", "passage tags"}
    out = check("--repair")
    assert "Repaired passage tags" in out and "Facet tables repaired." in out
    assert find_drift() == []
    assert "nothing to repair" in check("--repair")


@pytest.mark.parametrize(
    "table", ["corpus_taggedarticle", "corpus_taggedclaim", "corpus_taggedannotation"]
)
def test_truncating_a_source_table_rebuilds_its_facet_rows(table):
    assert find_drift() == []
    execute(f"TRUNCATE {table}")
    assert find_drift() == [], "the tags went from the sources, so from the facet rows too"


def test_truncating_every_table_at_once_as_a_flush_does_is_allowed():
    execute("TRUNCATE corpus_article, corpus_claimfacets, corpus_articlefacets CASCADE")
    assert find_drift() == []
    assert not ArticleFacets.objects.exists()


def test_deferring_the_triggers_lasts_until_the_transaction_ends(conninfo):
    hide = "UPDATE corpus_article SET status = 'draft' WHERE id = %s"
    published = "SELECT published FROM corpus_articlefacets WHERE article_id = %s"
    article = Article.objects.published().first().pk
    with psycopg.connect(conninfo) as writer:
        writer.execute("SELECT corpus_defer_facets()")
        writer.execute(hide, [article])
        assert writer.execute(published, [article]).fetchone() == (True,), "deferred"
        writer.rollback()
        writer.execute(hide, [article])
        assert writer.execute(published, [article]).fetchone() == (False,), "refreshed"
        writer.rollback()


def test_a_session_wide_deferral_is_refused_at_the_next_write():
    article = Article.objects.published().first()
    execute("SET corpus.defer_facets = 'on'")
    try:
        with (
            pytest.raises(DatabaseError, match="does not name this transaction"),
            transaction.atomic(),
        ):
            Article.objects.filter(pk=article.pk).update(title="Written while deferred")
    finally:
        execute("RESET corpus.defer_facets")


def test_a_deferral_left_from_an_earlier_transaction_is_refused(conninfo):
    with psycopg.connect(conninfo, autocommit=True) as session:
        earlier = session.execute("SELECT pg_current_xact_id()::text").fetchone()[0]
        session.execute("SELECT set_config('corpus.defer_facets', %s, false)", [earlier])
        with pytest.raises(psycopg.errors.RaiseException, match="does not name this"):
            session.execute("UPDATE corpus_taggedarticle SET tag_id = tag_id")
