"""SeedLoader: the run of `manage.py load_seeds`, step by step, in one transaction."""

import tomllib
from pathlib import Path

from django.db import transaction

from corpus.ingest.matching import EntityMatcher
from corpus.ingest.mentions import sync_mentions
from corpus.ingest.seeds.articles import ArticleSteps
from corpus.ingest.seeds.claims import ClaimSteps
from corpus.ingest.seeds.entities import EntitySteps
from corpus.ingest.seeds.stand_ins import StandInSteps
from corpus.ingest.seeds.sync import CurationError, SeedSync


class SeedLoader(EntitySteps, ArticleSteps, StandInSteps, ClaimSteps, SeedSync):
    def __init__(self, seeds_dir: Path, log=None):
        super().__init__()
        self.seeds_dir = Path(seeds_dir)
        self.curation_dir = self.seeds_dir / "curation"
        self.log = log or (lambda message: None)

    def run(self):
        entities = self._read_toml(self.curation_dir / "entities.toml")
        article_files = sorted((self.curation_dir / "articles").glob("*.toml"))
        if not article_files:
            raise CurationError(f"no article curation files in {self.curation_dir / 'articles'}")
        curations = [self._read_toml(path) for path in article_files]
        try:
            with transaction.atomic():
                self._load(entities, curations)
        except KeyError as error:
            raise CurationError(f"a curation record lacks the required key {error}") from None
        return self.counts

    def _load(self, entities: dict, curations: list[dict]) -> None:
        self.load_entities(entities)
        articles = []
        for number, curation in enumerate(curations, 1):
            self.log(f"[{number}/{len(curations)}] {curation.get('source_file', '?')}")
            articles.append(self.load_article(curation))
        matcher = EntityMatcher.from_database()
        for article, curation in zip(articles, curations, strict=True):
            if article is not None:
                # Stand-ins first: the matcher's mention of a name that became a stand-in
                # name ("Kremlin") is marked in place rather than dropped and made again.
                self.load_stand_ins(curation, article, matcher)
                added, removed = sync_mentions(article, matcher)
                self.counts["mentions added"] += added
                self.counts["mentions removed"] += removed
        for curation in curations:
            self.load_claims(curation)
        self.link_same_statements(curations)

    def _read_toml(self, path: Path) -> dict:
        try:
            with path.open("rb") as handle:
                return tomllib.load(handle)
        except FileNotFoundError:
            raise CurationError(f"{path}: missing") from None
        except tomllib.TOMLDecodeError as error:
            raise CurationError(f"{path}: {error}") from None
