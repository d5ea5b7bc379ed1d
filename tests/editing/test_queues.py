"""The editors' queues in the admin: imports, their previews, unknown names and
proposed links. Every page opens for an editor and an administrator, searches and
filters included, and each page's query count is pinned, with more data added, so
that it cannot grow with the queue."""

from pathlib import Path

import pytest
from django.urls import reverse

from corpus.editing import decisions
from corpus.ingest import staging
from corpus.ingest.importing import import_files
from corpus.models import ImportBatch, ImportFile, MentionProposal, NameCandidate

pytestmark = pytest.mark.django_db
UNSEEN = Path(__file__).parents[1] / "data" / "unseen"
MODELS = [ImportBatch, ImportFile, MentionProposal, NameCandidate]


def unseen(name: str) -> tuple[str, bytes]:
    return name, (UNSEEN / name).read_bytes()


def stage(*names: str, user=None) -> ImportBatch:
    batch = staging.stage_uploads([unseen(name) for name in names], user).batch
    for import_file in batch.files.all():
        staging.note_candidates(import_file)
    return batch


@pytest.fixture
def queues(editor):
    """Two imported articles (with their proposals and unknown names) and a batch of
    two previews waiting for confirmation."""
    import_files([UNSEEN / "md_by_lede.txt", UNSEEN / "md_two_authors_bom.txt"])
    return stage("ph_title_after_header.txt", "fc_no_title_comments.txt", user=editor)


def more_of_everything(editor):
    """Another imported article with its proposals and names, another batch, and
    names decided by an editor: more rows in every queue."""
    import_files([UNSEEN / "ph_by_lede_no_title.txt", UNSEEN / "fc_by_lede_crlf.txt"])
    stage("md_no_title_numeric_date.txt", "ph_two_authors_comments.txt", user=editor)
    for number in range(12):
        NameCandidate.objects.create(
            name=f"Extra Name{number}",
            kind="organization" if number % 2 else "actor",
            evidence="added for the query count",
            decision="dismissed" if number % 3 else "pending",
            decided_by=editor,
        )


@pytest.fixture(params=["editor", "admin_user"])
def staff_client(request, client, queues):
    client.force_login(request.getfixturevalue(request.param))
    return client


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:corpus_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_queue_page_opens_searched_and_filtered(staff_client, model):
    changelist = admin_url(model, "changelist")
    for params in [{}, {"q": "Bakiyev"}, {"q": "“"}, {"o": "1"}, {"p": "999"}]:
        response = staff_client.get(changelist, params)
        assert response.status_code in (200, 302), (params, response.status_code)
    for field in ("state", "decision", "verdict", "kind"):
        if any(f.name == field for f in model._meta.fields):
            for value, _ in model._meta.get_field(field).choices:
                assert staff_client.get(changelist, {f"{field}__exact": value}).status_code == 200
    response = staff_client.get(admin_url(model, "change", model.objects.first().pk))
    assert response.status_code == 200


def test_the_unknown_names_queue_opens_on_the_names_that_wait(staff_client):
    response = staff_client.get(admin_url(NameCandidate, "changelist"))
    shown = {candidate.name for candidate in response.context["cl"].result_list}
    assert shown == set(NameCandidate.objects.pending().values_list("name", flat=True))
    assert "Janysh Bakiyev" in shown


def test_the_admin_index_counts_what_waits_for_editors(staff_client):
    page = staff_client.get(reverse("admin:index")).content.decode()
    names = NameCandidate.objects.pending().count()
    proposals = MentionProposal.objects.pending().count()
    assert "2 imported files waiting for confirmation" in page
    assert f"{names} unknown names to create, alias or dismiss" in page
    assert f"{proposals} proposed links to accept or reject" in page


def test_readers_see_no_queue(client, reader, queues):
    client.force_login(reader)
    response = client.get(admin_url(NameCandidate, "changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def pages(queues) -> dict[str, tuple[str, dict]]:
    import_file = queues.files.first()
    return {
        "admin index": (reverse("admin:index"), {}),
        "import preview": (import_file.get_absolute_url(), {}),
        "the batch": (queues.get_absolute_url(), {}),
        "unknown names": (admin_url(NameCandidate, "changelist"), {}),
        "all names": (admin_url(NameCandidate, "changelist"), {"decision__exact": "dismissed"}),
        "proposed links": (admin_url(MentionProposal, "changelist"), {"verdict__exact": "pending"}),
        "previews": (admin_url(ImportFile, "changelist"), {"state__exact": "preview"}),
    }


# Queries per page: session, user, permissions, the page's rows and counts.
QUERIES = {
    "admin index": 11,  # and the orphan queue's two counts and the four queues' counts
    "import preview": 12,  # and the matcher's names, the names found and decided, duplicates
    "the batch": 6,
    "unknown names": 7,
    "all names": 7,
    "proposed links": 7,
    "previews": 7,
}


@pytest.mark.parametrize("name", QUERIES)
def test_queue_query_counts_are_pinned_and_do_not_grow_with_the_data(
    client, editor, queues, django_assert_max_num_queries, name
):
    client.force_login(editor)
    url, params = pages(queues)[name]
    with django_assert_max_num_queries(QUERIES[name]) as few:
        assert client.get(url, params).status_code == 200
    more_of_everything(editor)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url, params).status_code == 200


@pytest.mark.parametrize("name", [path.name for path in sorted(UNSEEN.glob("*.txt"))])
def test_a_preview_makes_as_many_queries_however_many_names_its_file_holds(
    client, editor, django_assert_max_num_queries, name
):
    """A file with a dozen links, proposals and unknown names (md_by_lede.txt) costs what
    a file with few costs, and more names decided elsewhere change nothing."""
    more_of_everything(editor)
    import_file = stage(name, user=editor).files.get()
    for number, candidate in enumerate(import_file.name_candidates.all()):
        if number % 2:  # decided with a record, shown with it
            decisions.create_record(candidate, editor)
    client.force_login(editor)
    with django_assert_max_num_queries(QUERIES["import preview"]):
        response = client.get(import_file.get_absolute_url())
    assert response.status_code == 200
    shown = response.context["preview"]
    names = len(shown.links) + len(shown.proposed) + len(shown.unknown)
    assert names >= (10 if name == "md_by_lede.txt" else 1)
