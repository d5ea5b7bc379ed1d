"""The parser reads every seed format, keeps the source's words, and sets
page furniture apart from the article text."""

import pytest

from corpus.ingest.parsing import ParseError, decode, join_broken_paragraphs, parse
from tests.conftest import SEEDS


def parsed(name):
    return parse(decode((SEEDS / name).read_bytes()))


def test_markdown_seed_reads_title_byline_date_and_url():
    article = parsed("000_8d984ce8a10cfad3.txt")
    assert article.title == "Russia Needs the West in Central Asia"
    assert article.authors == ["Alexander Golts"]
    assert article.date_edtf == "2011-09-05"
    assert article.publication == "The Moscow Times"
    assert article.source_url == (
        "https://www.themoscowtimes.com/2011/09/05/russia-needs-the-west-in-central-asia-a9349"
    )


def test_markdown_seed_body_drops_bio_disclaimer_and_url():
    body = parsed("000_8d984ce8a10cfad3.txt").body
    assert body.startswith("As usual, the good news comes with the bad.")
    assert body.endswith("will be of little help in this regard.")
    for furniture in (
        "deputy editor of the online newspaper",
        "The views expressed",
        "Original url",
    ):
        assert furniture not in body


def test_paragraph_broken_by_extraction_is_joined():
    body = parsed("000_8d984ce8a10cfad3.txt").body
    assert (
        "the Collective Security Treaty Organization, or CSTO, an organization that includes"
        in body
    )


def test_source_typos_are_kept_exactly():
    assert "into a brute internal forces to suppress" in parsed("000_8d984ce8a10cfad3.txt").body
    body = parsed("001_40707b2bc624f52d.txt").body
    assert "Working with the CSTO would be simplify re-supply logistics" in body
    assert "who led the initial Russian discussions US planners" in body
    assert "Moscow’s decision to bloc London’s request" in parsed("002_a0b04d937cc7baba.txt").body


def test_eurasianet_seed_sets_bio_footer_and_reply_form_apart():
    article = parsed("001_40707b2bc624f52d.txt")
    assert article.title == "Central Asia: Russia Grapples With Security Dilemma"
    assert article.authors == ["Joshua Kucera"]
    assert article.publication == "Eurasianet"
    assert article.date_edtf == ""  # the source prints no date
    for furniture in (
        "Joshua Kucera is a",
        "Originally published",
        "Leave a Reply",
        "email address",
    ):
        assert furniture not in article.body
    assert article.body.endswith("this is going to be a problem,” he said.")
    assert article.comments == []


def test_reader_comments_are_kept_apart_from_the_body():
    article = parsed("003_b729ff56edc44534.txt")
    assert len(article.comments) == 1
    comment = article.comments[0]
    assert comment.author == ""  # the page lost the commenter's name; we do not invent one
    assert comment.posted == "October 2, 2011 at 11:58 pm"
    assert comment.posted_on.isoformat() == "2011-10-02"
    assert comment.text.startswith("Sounds like the Russians do know what a Democracy is…")
    assert "Sounds like the Russians" not in article.body
    assert "One thought on" not in article.body


def test_publication_header_gives_publication_volume_and_issue():
    article = parsed("002_a0b04d937cc7baba.txt")
    assert article.title == "CSTO: SAFE CHOICE IN CENTRAL ASIA"
    assert (article.publication, article.volume, article.issue) == (
        "Eurasia Daily Monitor",
        "4",
        "191",
    )
    assert article.authors == []
    assert article.body.startswith(
        "The Collective Security Treaty Organization (CSTO) has recently"
    )


def test_untitled_seed_has_no_title():
    article = parsed("004_362495c372b1300c.txt")
    assert article.title == ""
    assert (article.volume, article.issue) == ("1", "105")
    assert article.body.startswith("Russia’s reputation as a reliable security partner")


def test_truncated_attribution_is_not_joined_to_the_next_quote():
    body = parsed("003_b729ff56edc44534.txt").body
    assert "International Cooperation Directorate, told\n\n“When I was in my last position" in body


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"", "empty"),
        (b"  \n\n \t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"Caf\xe9 au lait " * 20, "not valid UTF-8"),
        (b"\x01\x02\x03\x04\x05 data", "binary"),
    ],
)
def test_decode_refuses_what_is_not_text(raw, message):
    with pytest.raises(ParseError, match=message):
        decode(raw)


def test_decode_keeps_a_byte_order_mark_for_the_raw_copy():
    assert decode("\ufeffTitle\n\nBody".encode()) == "\ufeffTitle\n\nBody"


def test_file_with_no_body_is_refused():
    with pytest.raises(ParseError, match="no recognisable article body"):
        parse(
            "# A title\n\nBy Someone\n\nLeave a Reply\n\nYour email address will not be published."
        )


def test_join_keeps_paragraphs_that_end_a_sentence():
    assert join_broken_paragraphs(["One ends.", "two starts"]) == ["One ends.", "two starts"]
    assert join_broken_paragraphs(["broken in", "the middle."]) == ["broken in the middle."]
    assert join_broken_paragraphs(["told", "“Quote.”"]) == ["told", "“Quote.”"]


def test_windows_line_endings_parse_like_unix_ones():
    text = (SEEDS / "002_a0b04d937cc7baba.txt").read_text()
    assert parse(text.replace("\n", "\r\n")).body == parse(text).body
