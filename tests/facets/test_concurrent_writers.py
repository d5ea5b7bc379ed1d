"""Two editors writing to the same article at the same moment both reach its facet rows.

Each test opens two real connections to the test database and commits from both:
the second writer's trigger has to wait for the first and then see what it
committed (READ COMMITTED takes a new snapshot per statement once the wait is
over). Before the triggers locked the article first, the second writer computed
its facet row without the first one's tag, waited on the row, then overwrote it:
the tag was in the database and missing from the facets.
"""

import threading
import time
import uuid

import psycopg
import pytest

# What each facet table mirrors: the tag link table, a public parent it tags, and
# the facet row's tag ids for that parent.
TAGGED = {
    "article facets": (
        "corpus_taggedarticle",
        "SELECT article_id FROM corpus_articlefacets WHERE published ORDER BY 1 LIMIT 1",
        "SELECT tag_ids FROM corpus_articlefacets WHERE article_id = %s",
    ),
    "claim facets": (
        "corpus_taggedclaim",
        "SELECT claim_id FROM corpus_claimfacets ORDER BY 1 LIMIT 1",
        "SELECT tag_ids FROM corpus_claimfacets WHERE claim_id = %s",
    ),
    "passage tags": (
        "corpus_taggedannotation",
        "SELECT n.id FROM corpus_annotation n JOIN corpus_article a ON a.id = n.article_id "
        "WHERE n.status = 'published' AND n.anchor = 'anchored' AND a.status = 'published' "
        "ORDER BY 1 LIMIT 1",
        "SELECT tag_ids FROM corpus_passagetags WHERE annotation_id = %s",
    ),
}
TOTALS = {
    "article facets": "SELECT count FROM corpus_facettotal WHERE facet = 'tag' AND value = %s",
    "claim facets": "SELECT count FROM corpus_claimfacettotal WHERE facet = 'tag' AND value = %s::text",
    "passage tags": "SELECT count FROM corpus_passagetagtotal WHERE tag_id = %s",
}


@pytest.fixture
def two_tags(conninfo):
    """Two committed tags, removed again (with every link to them) afterwards."""
    names = [f"race-{uuid.uuid4().hex[:8]}" for _ in range(2)]
    with psycopg.connect(conninfo, autocommit=True) as setup:
        ids = [
            setup.execute(
                "INSERT INTO taggit_tag (name, slug) VALUES (%s, %s) RETURNING id", [name, name]
            ).fetchone()[0]
            for name in names
        ]
    yield ids
    with psycopg.connect(conninfo, autocommit=True) as cleanup:
        for table, _, _ in TAGGED.values():
            cleanup.execute(f"DELETE FROM {table} WHERE tag_id = ANY(%s)", [ids])
        cleanup.execute("DELETE FROM taggit_tag WHERE id = ANY(%s)", [ids])


def wait_until_blocked(observer, pid: int) -> None:
    """Return once backend `pid` waits on a lock (the other writer holds it)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        waiting = observer.execute(
            "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid]
        ).fetchone()
        if waiting and waiting[0] == "Lock":
            return
        time.sleep(0.02)
    raise AssertionError("the second writer never waited for the first")


def tag_at_once(conninfo: str, table: str, parent: int, tags: list[int]) -> None:
    """Two transactions each tag `parent`, the second while the first is uncommitted."""
    insert = f"INSERT INTO {table} (tag_id, content_object_id) VALUES (%s, %s)"
    first = psycopg.connect(conninfo)
    second = psycopg.connect(conninfo)
    observer = psycopg.connect(conninfo, autocommit=True)
    failures = []

    def second_writer():
        try:
            second.execute(insert, [tags[1], parent])
            second.commit()
        except Exception as error:  # reported by the main thread
            failures.append(error)

    try:
        first.execute(insert, [tags[0], parent])
        writer = threading.Thread(target=second_writer)
        writer.start()
        wait_until_blocked(observer, second.info.backend_pid)
        first.commit()
        writer.join(timeout=10)
        assert not writer.is_alive() and not failures, failures
    finally:
        for conn in (first, second, observer):
            conn.close()


@pytest.mark.parametrize("facets", TAGGED, ids=TAGGED)
def test_two_writers_tagging_one_parent_at_once_both_reach_its_facet_row(
    facets, conninfo, two_tags
):
    table, parent_query, row_query = TAGGED[facets]
    with psycopg.connect(conninfo, autocommit=True) as reader:
        parent = reader.execute(parent_query).fetchone()[0]
        tag_at_once(conninfo, table, parent, two_tags)
        tag_ids = reader.execute(row_query, [parent]).fetchone()[0]
        totals = [reader.execute(TOTALS[facets], [tag]).fetchone() for tag in two_tags]
    assert set(two_tags) <= set(tag_ids), "the first writer's tag was lost from the facets"
    assert totals == [(1,), (1,)]
