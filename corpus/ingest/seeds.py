"""Load the seed articles and apply their curation (seeds/curation/).

Idempotent, and respectful of editors: each curated record remembers a
fingerprint of what was last written (SeedState). On a re-run a record is
- created when missing and never seeded before;
- updated only when the curation changed and nobody touched the record;
- left alone when an editor changed or deleted it (reported as kept).
"""

import hashlib
import json
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from corpus.ingest.importing import already_imported, create_comments, read_source
from corpus.ingest.matching import EntityMatcher
from corpus.ingest.mentions import sync_mentions
from corpus.ingest.parsing import ParseError
from corpus.models import (
    Actor,
    Annotation,
    Article,
    Authorship,
    Claim,
    Organization,
    SeedState,
    Status,
)

PLURALS = {
    "actor": "actors",
    "organization": "organizations",
    "relations": "organization relations",
    "article": "articles",
    "claim": "claims",
}


class CurationError(ValueError):
    """The curation files contradict themselves or the sources."""


def fingerprint(values: dict) -> str:
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()


@dataclass
class Field:
    """A curated value that is not a plain model field: how to read and write it."""

    get: callable
    set: callable


class SeedLoader:
    def __init__(self, seeds_dir: Path, log=None):
        self.seeds_dir = Path(seeds_dir)
        self.curation_dir = self.seeds_dir / "curation"
        self.log = log or (lambda message: None)
        self.counts: Counter = Counter()
        self.kept: list[str] = []
        self.created: set[tuple[str, str]] = set()

    # -- the run ---------------------------------------------------------

    def run(self) -> Counter:
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
        self._load_entities(entities)
        articles = []
        for number, curation in enumerate(curations, 1):
            self.log(f"[{number}/{len(curations)}] {curation.get('source_file', '?')}")
            articles.append(self._load_article(curation))
        matcher = EntityMatcher.from_database()
        for article in articles:
            if article is not None:
                added, removed = sync_mentions(article, matcher)
                self.counts["mentions added"] += added
                self.counts["mentions removed"] += removed
        for curation in curations:
            self._load_claims(curation)
        self._link_same_statements(curations)

    def _read_toml(self, path: Path) -> dict:
        try:
            with path.open("rb") as handle:
                return tomllib.load(handle)
        except FileNotFoundError:
            raise CurationError(f"{path}: missing") from None
        except tomllib.TOMLDecodeError as error:
            raise CurationError(f"{path}: {error}") from None

    # -- the generic step ------------------------------------------------

    def sync(self, kind, key, instance, values: dict, extra: dict | None = None, owner=None):
        """Create, update or keep one curated record (see the module docstring).

        `instance` is the existing record or an unsaved new one; `values` maps
        plain field names, and names in `extra`, to curated values. A record that
        exists but was never seeded is an editor's, and is kept unless equal,
        except when `owner` (a (kind, key) pair) was created by this very run.
        """
        extra = extra or {}
        wanted = fingerprint(values)
        state = SeedState.objects.filter(kind=kind, key=key).first()
        if instance.pk is None:
            if state is not None:
                self._keep(kind, key, "deleted by an editor")
                return None
            self._write(instance, values, extra)
            SeedState.objects.create(kind=kind, key=key, fingerprint=wanted)
            self.counts[f"{PLURALS[kind]} created"] += 1
            self.created.add((kind, key))
            return instance
        current = fingerprint(self._read(instance, values, extra))
        if state is None and current != wanted and owner in self.created:
            self._write(instance, values, extra)
            SeedState.objects.create(kind=kind, key=key, fingerprint=wanted)
            self.counts[f"{PLURALS[kind]} created"] += 1
        elif current == wanted:
            self.counts[f"{PLURALS[kind]} unchanged"] += 1
            if state is None:
                SeedState.objects.create(kind=kind, key=key, fingerprint=wanted)
        elif state is not None and current == state.fingerprint:
            self._write(instance, values, extra)
            state.fingerprint = wanted
            state.save(update_fields=["fingerprint"])
            self.counts[f"{PLURALS[kind]} updated"] += 1
        else:
            self._keep(kind, key, "changed by an editor")
        return instance

    def _keep(self, kind, key, why):
        self.counts[f"{PLURALS[kind]} kept"] += 1
        self.kept.append(f"{kind} {key}: {why}; kept as it is")

    @staticmethod
    def _read(instance, values, extra) -> dict:
        return {
            name: extra[name].get(instance) if name in extra else getattr(instance, name)
            for name in values
        }

    @staticmethod
    def _write(instance, values, extra) -> None:
        for name, value in values.items():
            if name not in extra:
                setattr(instance, name, value)
        try:
            instance.full_clean(validate_unique=False)
        except ValidationError as error:
            raise CurationError(f"{instance._meta.verbose_name} “{instance}”: {error}") from None
        instance.save()
        for name, value in values.items():
            if name in extra:
                extra[name].set(instance, value)

    # -- entities --------------------------------------------------------

    def _load_entities(self, entities: dict) -> None:
        for row in entities.get("actor", []):
            actor = Actor.objects.filter(slug=row["slug"]).first() or Actor(slug=row["slug"])
            self.sync(
                "actor",
                row["slug"],
                actor,
                {
                    "name": row["name"],
                    "aliases": row.get("aliases", []),
                    "description": row.get("description", ""),
                    "authority_url": row.get("authority_url", ""),
                },
            )
        rows = entities.get("organization", [])
        for row in rows:
            org = Organization.objects.filter(slug=row["slug"]).first() or Organization(
                slug=row["slug"]
            )
            self.sync(
                "organization",
                row["slug"],
                org,
                {
                    "name": row["name"],
                    "acronym": row.get("acronym", ""),
                    "aliases": row.get("aliases", []),
                    "kind": row.get("kind", Organization.Kind.OTHER),
                    "description": row.get("description", ""),
                },
            )
        # Relations need every organization to exist first.
        by_slug = Organization.objects.in_bulk(field_name="slug")
        for row in rows:
            org = by_slug.get(row["slug"])
            if org is None:
                continue
            self.sync(
                "relations",
                row["slug"],
                org,
                {
                    "parent": row.get("parent", ""),
                    "members": sorted(row.get("members", [])),
                },
                extra={
                    "parent": Field(
                        get=lambda o: o.parent.slug if o.parent else "",
                        set=lambda o, slug: Organization.objects.filter(pk=o.pk).update(
                            parent=self._org(slug) if slug else None
                        ),
                    ),
                    "members": Field(
                        get=lambda o: sorted(o.members.values_list("slug", flat=True)),
                        set=lambda o, slugs: o.members.set([self._org(s) for s in slugs]),
                    ),
                },
                owner=("organization", row["slug"]),
            )

    def _org(self, slug: str) -> Organization:
        try:
            return Organization.objects.get(slug=slug)
        except Organization.DoesNotExist:
            raise CurationError(f"unknown organization “{slug}”") from None

    def _actor(self, slug: str) -> Actor:
        try:
            return Actor.objects.get(slug=slug)
        except Actor.DoesNotExist:
            raise CurationError(f"unknown actor “{slug}”") from None

    # -- articles --------------------------------------------------------

    def _load_article(self, curation: dict) -> Article | None:
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
                "publication_id": self._org(curation["publication"]).pk
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
            Authorship.objects.create(article=article, actor=self._actor(slug), position=position)

    # -- claims ----------------------------------------------------------

    def _load_claims(self, curation: dict) -> None:
        article = Article.objects.filter(source_file=curation["source_file"]).first()
        if article is None:
            return
        for row in curation.get("claim", []):
            key = row["key"]
            claimant_type = row.get("claimant_type", "actor")
            if claimant_type not in ("actor", "organization"):
                raise CurationError(f"claim {key}: claimant_type must be actor or organization")
            claimant = (self._actor if claimant_type == "actor" else self._org)(row["claimant"])
            start = self._locate(article, row)
            claim = Claim.objects.filter(key=key).select_related("annotation").first()
            if claim is None:
                claim = Claim(key=key, status=Status.PUBLISHED)
                if not SeedState.objects.filter(kind="claim", key=key).exists():
                    annotation = Annotation(
                        article=article, kind=Annotation.Kind.CLAIM, status=Status.PUBLISHED
                    )
                    self._anchor(annotation, start, row["passage"])
                    getattr(annotation, f"{claimant_type}s").add(claimant)
                    claim.annotation = annotation
            self.sync(
                "claim",
                key,
                claim,
                {
                    "claimant_actor_id": claimant.pk if claimant_type == "actor" else None,
                    "claimant_organization_id": claimant.pk if claimant_type != "actor" else None,
                    "form": row.get("form", Claim.Form.QUOTE),
                    "kind": row.get("kind", Claim.Kind.ASSESSMENT),
                    "text": row["text"],
                    "passage": [start, row["passage"]],
                    "note": row.get("note", ""),
                    "tags": sorted(row.get("tags", [])),
                },
                extra={
                    "passage": Field(
                        get=lambda c: [c.annotation.start, c.annotation.exact],
                        set=lambda c, value: self._anchor(c.annotation, *value),
                    ),
                    "note": Field(
                        get=lambda c: c.annotation.note,
                        set=lambda c, note: Annotation.objects.filter(pk=c.annotation_id).update(
                            note=note
                        ),
                    ),
                    "tags": Field(
                        get=lambda c: sorted(c.tags.names()),
                        set=lambda c, tags: c.tags.set(tags),
                    ),
                },
            )

    def _locate(self, article: Article, row: dict) -> int:
        passage, occurrence = row["passage"], row.get("occurrence", 1)
        start = -1
        for _ in range(occurrence):
            start = article.body.find(passage, start + 1)
            if start < 0:
                raise CurationError(
                    f"claim {row['key']}: passage not in the body of {article.source_file}: "
                    f"“{passage[:60]}”"
                )
        return start

    @staticmethod
    def _anchor(annotation: Annotation, start: int, exact: str) -> None:
        """Point an annotation at body[start:start+len(exact)] with its W3C selectors."""
        annotation.place(start, start + len(exact))
        annotation.save()

    def _link_same_statements(self, curations: list[dict]) -> None:
        claims = Claim.objects.filter(key__isnull=False).in_bulk(field_name="key")
        for curation in curations:
            for row in curation.get("claim", []):
                claim = claims.get(row["key"])
                for other_key in row.get("same_statement_as", []):
                    if other_key not in claims:
                        raise CurationError(
                            f"claim {row['key']}: unknown same_statement_as “{other_key}”"
                        )
                    if claim is not None:
                        claim.same_statement_as.add(claims[other_key])
