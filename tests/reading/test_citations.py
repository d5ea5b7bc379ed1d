"""Citations in Chicago, BibTeX, RIS and CSL-JSON: what the record states and
nothing more (no author, no date and a supplied title stay visible as such)."""

import json

import pytest
from django.urls import reverse

from archive.formats import citations
from corpus.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

URL = "https://archive.example/articles/x/"


def seed(prefix: str) -> Article:
    return Article.objects.get(source_file__startswith=prefix)


@pytest.fixture
def bare():
    """An article with no author, no publication and no date."""
    return ArticleFactory(title="Notes on {Braces} & 100% of $cost_#1", slug="bare-notes")


def ris_lines(text: str) -> list[tuple[str, str]]:
    assert text.endswith("ER  - \r\n")
    return [(line[:2], line[6:]) for line in text.split("\r\n") if line]


# Chicago


def test_chicago_names_author_title_publication_date_and_url():
    text = citations.chicago(seed("000"), URL)
    assert text == (
        "Golts, Alexander. “Russia Needs the West in Central Asia.” The Moscow Times, "
        "September 5, 2011. "
        "https://www.themoscowtimes.com/2011/09/05/russia-needs-the-west-in-central-asia-a9349. "
        f"Archived at {URL}."
    )


def test_chicago_in_html_italicises_the_publication_and_escapes_the_rest(bare):
    html = citations.chicago(seed("000"), URL, html=True)
    assert "<i>The Moscow Times</i>" in html
    assert "&amp;" in citations.chicago(bare, URL, html=True)


def test_chicago_without_author_starts_with_the_title_and_brackets_conjectured_dates():
    assert citations.chicago(seed("002"), URL) == (
        "“CSTO: SAFE CHOICE IN CENTRAL ASIA.” Eurasia Daily Monitor 4, no. 191 "
        f"([October 2007?]). {URL}"
    )
    assert citations.chicago(seed("001"), URL) == (
        "Kucera, Joshua. “Central Asia: Russia Grapples With Security Dilemma.” Eurasianet, "
        f"[2011?]. {URL}"
    )


def test_chicago_supplied_title_is_in_brackets_without_quotes():
    text = citations.chicago(seed("004"), URL)
    assert text.startswith(
        "[Russia’s Growing Security Role in Central Asia]. Eurasia Daily Monitor"
    )
    assert "“" not in text
    assert "([October 12–18, 2004])" in text


def test_chicago_with_nothing_known_invents_nothing(bare):
    assert citations.chicago(bare, URL) == f"“Notes on {{Braces}} & 100% of $cost_#1.” n.d. {URL}"


# BibTeX


def test_bibtex_entry_for_a_seed_article():
    text = citations.bibtex(seed("000"), URL)
    assert text.startswith("@article{golts2011russia,\n")
    assert "  author = {Alexander Golts},\n" in text
    assert "  title = {{Russia Needs the West in Central Asia}},\n" in text
    assert "  journal = {The Moscow Times},\n" in text
    assert "  year = {2011},\n  month = sep,\n  date = {2011-09-05},\n" in text
    # A printed date needs no note; the archive's own link does, beside the source's.
    assert f"  note = {{Archived at {URL}}},\n" in text
    assert text.endswith("}\n")


def test_bibtex_keys_are_stable_and_distinct():
    keys = [citations.bibtex_key(a) for a in Article.objects.all()]
    assert len(set(keys)) == len(keys)
    assert citations.bibtex_key(seed("002")) == "csto-safe-choice-in-central-asia-2007"


def test_bibtex_marks_uncertain_and_inferred_dates_in_a_note():
    uncertain = citations.bibtex(seed("001"), URL)
    assert "  year = {2011},\n" in uncertain and "month" not in uncertain
    assert "  date = {2011?},\n" in uncertain
    assert "note = {Date: 2011 (uncertain); EDTF 2011?}" in uncertain
    supplied = citations.bibtex(seed("004"), URL)
    assert "title = {{[Russia’s Growing Security Role in Central Asia]}}" in supplied
    assert "Title supplied by the archive" in supplied
    assert "author" not in supplied


def test_bibtex_escapes_special_characters_and_invents_nothing(bare):
    text = citations.bibtex(bare, URL)
    assert text.startswith("@misc{bare-notes-nd,\n")
    assert r"title = {{Notes on \{Braces\} \& 100\% of \$cost\_\#1}}" in text
    for field in ("author", "journal", "year", "month", "date =", "volume", "number"):
        assert field not in text
    assert "note = {No date in the source}" in text


# RIS


def test_ris_record_for_a_seed_article():
    lines = ris_lines(citations.ris(seed("003"), URL))
    assert lines[0] == ("TY", "NEWS")
    assert ("AU", "Kucera, Joshua") in lines
    assert ("TI", "Russia: Moscow Strives To Clarify Vision For Central Asian Alliance") in lines
    assert ("T2", "Eurasianet") in lines
    assert ("PY", "2011") in lines
    assert not [tag for tag, _ in lines if tag == "DA"]  # a range has no single date
    assert ("UR", URL) in lines
    assert any(tag == "N1" and "EDTF 2011-09-27/2011-10-02" in value for tag, value in lines)


def test_ris_journal_with_volume_issue_and_uncertain_month():
    lines = ris_lines(citations.ris(seed("002"), URL))
    assert lines[0] == ("TY", "JOUR")
    assert ("VL", "4") in lines and ("IS", "191") in lines
    assert ("DA", "2007/10//uncertain") in lines
    assert not [tag for tag, _ in lines if tag == "AU"]


def test_ris_without_author_or_date_invents_nothing(bare):
    lines = ris_lines(citations.ris(bare, URL))
    tags = [tag for tag, _ in lines]
    assert tags == ["TY", "TI", "UR", "N1", "ER"]


# CSL-JSON


def test_csl_json_for_a_seed_article():
    item = citations.csl_json(seed("000"), URL)
    assert item["type"] == "article-newspaper"
    assert item["author"] == [{"family": "Golts", "given": "Alexander"}]
    assert item["container-title"] == "The Moscow Times"
    assert item["issued"] == {"date-parts": [[2011, 9, 5]]}
    assert "circa" not in item["issued"]


def test_csl_json_dates_only_as_precise_as_the_edtf():
    assert citations.csl_json(seed("001"), URL)["issued"] == {"date-parts": [[2011]], "circa": True}
    assert citations.csl_json(seed("002"), URL)["issued"] == {
        "date-parts": [[2007, 10]],
        "circa": True,
    }
    ranged = citations.csl_json(seed("003"), URL)
    assert ranged["issued"] == {"date-parts": [[2011, 9, 27], [2011, 10, 2]]}
    assert "edtf: 2011-09-27/2011-10-02" in ranged["note"]


def test_csl_json_without_author_or_date_invents_nothing(bare):
    item = citations.csl_json(bare, URL)
    assert "author" not in item and "issued" not in item and "container-title" not in item
    assert item["type"] == "article"
    assert item["note"] == "No date in the source"


# The download URLs


@pytest.mark.parametrize(
    "style, content_type, start",
    [
        ("bib", "application/x-bibtex; charset=utf-8", "@article{golts2011russia,"),
        ("ris", "application/x-research-info-systems; charset=utf-8", "TY  - NEWS"),
        ("json", "application/vnd.citationstyles.csl+json", "["),
        ("txt", "text/plain; charset=utf-8", "Golts, Alexander."),
    ],
)
def test_citation_downloads_have_type_and_filename(client, style, content_type, start):
    article = seed("000")
    response = client.get(reverse("article_citation", args=[article.slug, style]))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{article.slug}.{style}"'
    assert response.content.decode().startswith(start)


def test_csl_json_download_is_a_list_of_one_item(client):
    article = seed("002")
    response = client.get(reverse("article_citation", args=[article.slug, "json"]))
    [item] = json.loads(response.content)
    assert item["title"] == "CSTO: SAFE CHOICE IN CENTRAL ASIA"


def test_citations_of_unknown_styles_and_unpublished_articles_are_404(client):
    article = seed("000")
    assert client.get(reverse("article_citation", args=[article.slug, "pdf"])).status_code == 404
    Article.objects.filter(pk=article.pk).update(status="draft")
    assert client.get(reverse("article_citation", args=[article.slug, "bib"])).status_code == 404


# One URL policy


def test_every_format_gives_the_sources_url_and_the_archives_link_alike():
    """The source's own address where known, else the archive's page; and the
    archive's permanent link beside a source's address, in every format."""
    for article in Article.objects.all():
        texts = {
            "chicago": citations.chicago(article, URL),
            "bibtex": citations.bibtex(article, URL),
            "ris": citations.ris(article, URL),
            "csl": citations.csl_json_text(article, URL),
        }
        for name, text in texts.items():
            assert (article.source_url or URL) in text, (name, article.slug)
            assert (f"Archived at {URL}" in text) == bool(article.source_url), (name, article.slug)
