"""The OAI-PMH data provider at /oai/, harvested as a library catalogue would: by
sickle, over HTTP, page by page; and every error the protocol defines."""

import pytest
from django.urls import reverse
from lxml import etree
from sickle import Sickle, oaiexceptions

from corpus.models import Article, Status
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

OAI = "{http://www.openarchives.org/OAI/2.0/}"
DC = "{http://purl.org/dc/elements/1.1/}"
VISION = "russia-moscow-strives-to-clarify-vision-for-central-asian-alliance"


class CountingSickle(Sickle):
    """A harvester that counts its HTTP requests."""

    requests = 0

    def harvest(self, **kwargs):
        self.requests += 1
        return super().harvest(**kwargs)


def harvester(site) -> CountingSickle:
    return CountingSickle(f"{site}/oai/", timeout=30)


def identifier(article, host="localhost") -> str:
    return f"oai:{host}:articles/{article.pk}"


def oai(client, **params) -> etree._Element:
    response = client.get(reverse("oai"), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return etree.fromstring(response.content)


def error_code(root) -> str | None:
    error = root.find(f"{OAI}error")
    return None if error is None else error.get("code")


def test_a_harvester_harvests_every_published_article_page_by_page(site, settings):
    settings.OAI_PAGE_SIZE = 2
    sickle = harvester(site)
    records = list(sickle.ListRecords(metadataPrefix="oai_dc"))
    published = Article.objects.published()
    assert sorted(r.header.identifier for r in records) == sorted(map(identifier, published))
    assert sickle.requests == 3, "five records, two a page: three pages through resumption"
    titles = {title for r in records for title in r.metadata["title"]}
    assert titles == {a.display_title for a in published}
    assert not any(r.header.deleted for r in records)


def test_identifiers_and_records_list_the_same_headers(site, settings):
    settings.OAI_PAGE_SIZE = 3
    sickle = harvester(site)
    headers = [(h.identifier, h.datestamp) for h in sickle.ListIdentifiers(metadataPrefix="oai_dc")]
    records = [
        (r.header.identifier, r.header.datestamp)
        for r in sickle.ListRecords(metadataPrefix="oai_dc")
    ]
    assert headers == records and len(headers) == 5


def test_a_harvester_reads_identify_formats_sets_and_one_record(site):
    sickle = harvester(site)
    identify = sickle.Identify()
    assert identify.protocolVersion == "2.0"
    assert identify.deletedRecord == "transient"
    assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"
    assert identify.baseURL == f"{site}/oai/"
    formats = [f.metadataPrefix for f in sickle.ListMetadataFormats()]
    assert formats == ["oai_dc"]
    sets = {s.setSpec for s in sickle.ListSets()}
    assert {"publication", "publication:eurasianet", "tag", "tag:csto"} <= sets
    article = Article.objects.get(slug=VISION)
    record = sickle.GetRecord(identifier=identifier(article), metadataPrefix="oai_dc")
    assert record.metadata["title"] == [article.title]
    assert record.metadata["creator"] == ["Joshua Kucera"]
    assert record.metadata["publisher"] == ["Eurasianet"]
    assert record.metadata["date"] == ["2011-09-27/2011-10-02"]
    assert f"{site}/articles/{VISION}/tei.xml" in record.metadata["identifier"]


def test_a_set_harvest_lists_only_that_publications_articles(site):
    records = list(
        harvester(site).ListRecords(metadataPrefix="oai_dc", set="publication:eurasianet")
    )
    expected = Article.objects.published().filter(publication__slug="eurasianet")
    assert sorted(r.header.identifier for r in records) == sorted(map(identifier, expected))
    assert all("publication:eurasianet" in r.header.setSpecs for r in records)


def test_a_harvester_is_told_what_matches_nothing(site):
    sickle = harvester(site)
    with pytest.raises(oaiexceptions.NoRecordsMatch):
        list(sickle.ListRecords(metadataPrefix="oai_dc", set="tag:no-such-tag"))
    with pytest.raises(oaiexceptions.CannotDisseminateFormat):
        list(sickle.ListRecords(metadataPrefix="marc21"))


def test_a_tag_set_and_a_date_range_select_records(client):
    tagged = Article.objects.published().filter(tags__slug="military-exercises")
    root = oai(
        client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="tag:military-exercises"
    )
    found = [h.findtext(f"{OAI}identifier") for h in root.iter(f"{OAI}header")]
    assert sorted(found) == sorted(identifier(a, "testserver") for a in tagged)
    future = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": "2999-01-01"})
    assert error_code(future) == "noRecordsMatch"
    today = Article.objects.published().latest("modified").modified.date().isoformat()
    until = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", until=today)
    assert len(list(until.iter(f"{OAI}header"))) == 5, "until is inclusive, to the day's end"


def test_unpublished_and_deleted_articles_are_reported_as_deleted(client, reviewer):
    from corpus.editing.workflow import change_status

    article = Article.objects.get(slug=VISION)
    gone = ArticleFactory()  # published, then deleted
    change_status([article], Status.DRAFT, reviewer, "Unpublished")
    gone_id = gone.pk
    gone.delete()
    never = ArticleFactory(status=Status.DRAFT)
    root = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
    deleted = {
        h.findtext(f"{OAI}identifier")
        for h in root.iter(f"{OAI}header")
        if h.get("status") == "deleted"
    }
    assert deleted == {identifier(article, "testserver"), f"oai:testserver:articles/{gone_id}"}
    assert identifier(never, "testserver") not in root.itertext(), (
        "a draft never public is no record"
    )
    record = oai(
        client,
        verb="GetRecord",
        metadataPrefix="oai_dc",
        identifier=identifier(article, "testserver"),
    )
    assert record.find(f".//{OAI}header").get("status") == "deleted"
    assert record.find(f".//{OAI}metadata") is None
    assert VISION not in etree.tostring(record).decode(), "a withdrawn article's metadata is gone"


def test_a_resumption_token_carries_the_list_to_its_end(client, settings):
    settings.OAI_PAGE_SIZE = 2
    first = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
    token = first.find(f".//{OAI}resumptionToken")
    assert token.get("completeListSize") == "5" and token.get("cursor") == "0"
    seen = len(first.findall(f".//{OAI}record"))
    while token is not None and token.text:
        page = oai(client, verb="ListRecords", resumptionToken=token.text)
        seen += len(page.findall(f".//{OAI}record"))
        token = page.find(f".//{OAI}resumptionToken")
    assert seen == 5
    assert token is not None and token.text is None and token.get("cursor") == "4"


BAD_ARGUMENTS = [
    {"verb": "ListRecords"},  # metadataPrefix is required
    {"verb": "GetRecord", "metadataPrefix": "oai_dc"},
    {"verb": "Identify", "set": "tag"},
    {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2011-13-45"},
    {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "yesterday"},
    {
        "verb": "ListRecords",
        "metadataPrefix": "oai_dc",
        "from": "2011-01-01",
        "until": "2011-02-01T00:00:00Z",
    },
    {
        "verb": "ListRecords",
        "metadataPrefix": "oai_dc",
        "from": "2012-01-01",
        "until": "2011-01-01",
    },
    {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "tag: spaces"},
    {"verb": "ListRecords", "metadataPrefix": ["oai_dc", "oai_dc"]},
    {"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "x"},
]


@pytest.mark.parametrize("params", BAD_ARGUMENTS)
def test_bad_arguments_are_a_bad_argument_error_naming_only_the_base_url(client, params):
    root = oai(client, **params)
    assert error_code(root) == "badArgument"
    request = root.find(f"{OAI}request")
    assert request.attrib == {} and request.text == "http://testserver/oai/"


@pytest.mark.parametrize("params", [{}, {"verb": "Harvest"}, {"verb": ["Identify", "ListSets"]}])
def test_a_missing_repeated_or_unknown_verb_is_a_bad_verb(client, params):
    assert error_code(oai(client, **params)) == "badVerb"


def test_an_unknown_format_cannot_be_disseminated(client):
    article = Article.objects.get(slug=VISION)
    for params in (
        {"verb": "ListRecords", "metadataPrefix": "mods"},
        {
            "verb": "GetRecord",
            "metadataPrefix": "mods",
            "identifier": identifier(article, "testserver"),
        },
    ):
        assert error_code(oai(client, **params)) == "cannotDisseminateFormat"


@pytest.mark.parametrize(
    "identifier_text",
    [
        "oai:testserver:articles/999999",
        "oai:elsewhere.org:articles/1",
        "articles/1",
        "oai:testserver:articles/١",
    ],
)
def test_an_unknown_identifier_does_not_exist(client, identifier_text):
    for params in (
        {"verb": "GetRecord", "metadataPrefix": "oai_dc"},
        {"verb": "ListMetadataFormats"},
    ):
        root = oai(client, identifier=identifier_text, **params)
        assert error_code(root) == "idDoesNotExist"


def test_an_empty_selection_matches_no_records(client):
    root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="publication:nowhere")
    assert error_code(root) == "noRecordsMatch"


@pytest.mark.parametrize("verb", ["ListRecords", "ListIdentifiers", "ListSets"])
def test_a_forged_or_foreign_resumption_token_is_bad(client, settings, verb):
    settings.OAI_PAGE_SIZE = 2
    genuine = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = genuine.find(f".//{OAI}resumptionToken").text
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    assert error_code(oai(client, verb=verb, resumptionToken=forged)) == "badResumptionToken"
    if verb != "ListIdentifiers":  # a token resumes the list it came from only
        assert error_code(oai(client, verb=verb, resumptionToken=token)) == "badResumptionToken"


def test_harvesters_may_post_their_arguments(client):
    response = client.post(reverse("oai"), {"verb": "Identify"})
    root = etree.fromstring(response.content)
    assert root.find(f"{OAI}Identify/{OAI}repositoryName").text


def test_a_page_of_records_costs_the_same_queries_however_many_articles(
    client, settings, django_assert_max_num_queries
):
    settings.OAI_PAGE_SIZE = 10
    ArticleFactory.create_batch(25)
    with django_assert_max_num_queries(7):
        first = oai(client, verb="ListRecords", metadataPrefix="oai_dc", set="tag")
    with django_assert_max_num_queries(7):
        first = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
    token = first.find(f".//{OAI}resumptionToken").text
    with django_assert_max_num_queries(5):
        oai(client, verb="ListRecords", resumptionToken=token)
    with django_assert_max_num_queries(3):
        oai(client, verb="ListSets")


@pytest.mark.parametrize(
    "params, code",
    [
        ({"verb": "Identify", "\x01odd": "x"}, "badArgument"),
        ({"verb": "List\x00Records"}, "badVerb"),
        (
            {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:\x0b:1"},
            "idDoesNotExist",
        ),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "tag:\x1b"}, "badArgument"),
    ],
)
def test_characters_xml_cannot_carry_are_an_error_never_a_500(client, params, code):
    assert error_code(oai(client, **params)) == code
