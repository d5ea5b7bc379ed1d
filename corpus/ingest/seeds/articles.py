"""The seed articles: each raw file parsed, with its curated metadata and byline."""

from corpus.ingest.importing import already_imported, create_comments, read_source
from corpus.ingest.parsing import ParseError
from corpus.ingest.seeds.sync import CurationError, Field
from corpus.models import Article, Authorship, Status


class ArticleSteps:
    """Load one article from its raw file and its curation (articles/<seed>.toml)."""

    def load_article(self, curation: dict) -> Article | None:
        name = curation["source_file"]
        try:
            source = read_source(self.seeds_dir / name)
        except ParseError as error:
            raise CurationError(f"{name}: {error}") from None
        # The same text in other bytes (line endings, a byte-order mark) is the same seed.
        article = already_imported(source.sha256, source.text_sha256)
        is_new = article is None
        if is_new:
            article = Article(
                source_file=name,
                raw_source=source.raw,
                body=source.parsed.body,
                status=Status.PUBLISHED,
            )
        date = curation.get("date", {})
        article = self.sync(
            "article",
            name,
            article,
            {
                "slug": curation["slug"],
                "title": curation.get("title") or source.parsed.title,
                "title_supplied": curation.get("title_supplied", False),
                "publication_id": self.org(curation["publication"]).pk
                if curation.get("publication")
                else None,
                "publication_evidence": curation.get("publication_evidence", ""),
                "date_edtf": date.get("edtf", ""),
                "date_certainty": date.get("certainty", Article.DateCertainty.UNKNOWN),
                "date_evidence": date.get("evidence", ""),
                "volume": curation.get("volume", ""),
                "issue": curation.get("issue", ""),
                "source_url": curation.get("source_url", ""),
                "authors": curation.get("authors", []),
                "tags": sorted(curation.get("tags", [])),
            },
            extra={
                "authors": Field(
                    get=lambda a: [
                        au.actor.slug for au in a.authorship_set.select_related("actor")
                    ],
                    set=self._set_authors,
                ),
                "tags": Field(
                    get=lambda a: sorted(a.tags.names()),
                    set=lambda a, tags: a.tags.set(tags),
                ),
            },
        )
        if is_new and article is not None:
            create_comments(article, source.parsed)
        return article

    def _set_authors(self, article: Article, slugs: list[str]) -> None:
        article.authorship_set.all().delete()
        for position, slug in enumerate(slugs):
            Authorship.objects.create(article=article, actor=self.actor(slug), position=position)
