"""CSV downloads of the article and claim lists: every matching row, in the
list's order, streamed; safe to open in a spreadsheet."""

import csv
import itertools

from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils.text import slugify

# A cell starting with one of these is a formula to Excel, LibreOffice and
# Google Sheets (OWASP "CSV injection"); a leading ' makes it text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 500


def cell(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


class _Echo:
    """A file-like object whose write() hands the line back, for streaming."""

    def write(self, value):
        return value


def csv_response(filename: str, header: list[str], rows) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())
    lines = (writer.writerow([cell(v) for v in row]) for row in itertools.chain([header], rows))
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# What a download's name leaves out: the list's format, page and order.
UNNAMED_ARGUMENTS = {"format", "page", "sort"}
NAME_LENGTH = 120


def download_name(noun: str, request) -> str:
    """The file's name, after the list's search and filters: an export of Lukashenko's
    2011 articles is csto-archive-articles-actor-alexander-lukashenko-year-2011.csv."""
    parts = [
        slugify(f"{key} {value}")
        for key in request.GET
        if key not in UNNAMED_ARGUMENTS
        for value in request.GET.getlist(key)
        if value
    ]
    name = "-".join([f"csto-archive-{noun}", *filter(None, parts)])
    return f"{name[:NAME_LENGTH].rstrip('-')}.csv"


def articles_csv(articles, request) -> StreamingHttpResponse:
    header = ["title", "title_supplied", "date", "year", "publication", "authors", "url"]
    header += ["source_url", "people", "organizations", "source_file", "slug"]

    def rows():
        for article in articles.with_names().iterator(chunk_size=CHUNK):
            yield [
                article.title,
                "yes" if article.title_supplied else "no",
                article.date_edtf,
                article.year,
                article.publication.name if article.publication else "",
                "; ".join(author.name for author in article.authors.all()),
                request.build_absolute_uri(article.get_absolute_url()),
                article.source_url,
                "; ".join(article.people),
                "; ".join(article.organizations),
                article.source_file,
                article.slug,
            ]

    return csv_response(download_name("articles", request), header, rows())


def claims_csv(claims, request) -> StreamingHttpResponse:
    header = ["id", "claimant", "claimant_type", "claimant_slug", "form", "kind", "text"]
    header += ["quote", "article", "article_date", "article_url", "passage_url"]

    def rows():
        for claim in claims.iterator(chunk_size=CHUNK):
            article = claim.annotation.article
            yield [
                claim.pk,
                claim.claimant.name,
                "actor" if claim.claimant_actor_id else "organization",
                claim.claimant.slug,
                claim.form,
                claim.kind,
                claim.text,
                claim.annotation.exact,
                article.display_title,
                article.date_edtf,
                request.build_absolute_uri(article.get_absolute_url()),
                request.build_absolute_uri(
                    reverse("annotation_detail", args=[claim.annotation.uuid])
                ),
            ]

    return csv_response(download_name("claims", request), header, rows())
