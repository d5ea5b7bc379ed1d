"""What the synthetic corpus is written as: the plan it follows, the entities it
starts from, and rows for every table in COPY column order."""

from collections import defaultdict
from dataclasses import dataclass, field

# Marks generated records, so a later run can find and replace them.
SYNTHETIC_NOTE = "Synthetic record made by `manage.py synthesize`; not a real"
SOURCE_PREFIX = "synthetic/"


@dataclass
class Entity:
    id: int
    name: str
    acronym: str = ""


@dataclass
class Plan:
    """What to make: how many of each thing, and the entities already in the database."""

    articles: int
    seed: int
    actors: list  # Entity rows already in the database (the seed ones)
    organizations: list
    outlets: list
    tags: list  # (id, name) already in the database
    sentences: list  # seed sentences
    first_ids: dict  # table -> first free id
    taken_slugs: set = field(default_factory=set)
    annotations_per_article: int = 10


@dataclass
class Corpus:
    """Rows for every table, keyed by table name, in COPY column order."""

    rows: dict = field(default_factory=lambda: defaultdict(list))
    counts: dict = field(default_factory=lambda: defaultdict(int))

    def add(self, table, row):
        self.rows[table].append(row)
        self.counts[table] += 1

    def drain(self):
        rows, self.rows = self.rows, defaultdict(list)
        return rows


COLUMNS = {
    "corpus_actor": [
        "id",
        "name",
        "slug",
        "aliases",
        "description",
        "authority_url",
        "former_slugs",
        "created",
        "modified",
    ],
    "corpus_organization": [
        "id",
        "name",
        "slug",
        "aliases",
        "description",
        "authority_url",
        "former_slugs",
        "created",
        "modified",
        "acronym",
        "kind",
        "stand_ins",
    ],
    "taggit_tag": ["id", "name", "slug"],
    "corpus_article": [
        "id",
        "title",
        "title_supplied",
        "slug",
        "publication_id",
        "publication_evidence",
        "date_edtf",
        "date_start",
        "date_end",
        "year",
        "date_certainty",
        "date_evidence",
        "volume",
        "issue",
        "source_url",
        "source_file",
        "raw_source",
        "raw_sha256",
        "text_sha256",
        "body",
        "status",
        "created",
        "modified",
    ],
    "corpus_authorship": ["id", "article_id", "actor_id", "position"],
    "corpus_mention": [
        "id",
        "article_id",
        "start",
        "end",
        "anchor",
        "actor_id",
        "organization_id",
        "source",
        "stand_in",
        "exact",
        "prefix",
        "suffix",
    ],
    "corpus_annotation": [
        "id",
        "article_id",
        "start",
        "end",
        "anchor",
        "uuid",
        "exact",
        "prefix",
        "suffix",
        "kind",
        "note",
        "status",
        "author_id",
        "version",
        "created",
        "modified",
    ],
    "corpus_annotation_actors": ["id", "annotation_id", "actor_id"],
    "corpus_claim": [
        "id",
        "key",
        "claimant_actor_id",
        "claimant_organization_id",
        "form",
        "kind",
        "text",
        "annotation_id",
        "status",
        "version",
        "created",
        "modified",
    ],
    "corpus_taggedarticle": ["id", "content_object_id", "tag_id"],
    "corpus_taggedannotation": ["id", "content_object_id", "tag_id"],
    "corpus_taggedclaim": ["id", "content_object_id", "tag_id"],
}
