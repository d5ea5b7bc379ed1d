"""A synthetic corpus for measuring the archive at scale (`manage.py synthesize`).

Text is composed from the seed articles' own sentences, plus sentences a word-
bigram chain draws from the seeds' vocabulary. Generated people, organizations,
outlets and tags join the seed ones; popularity follows Zipf's law, so a few
names are everywhere and most are rare, as in real news. Everything derives
from one random seed: the same arguments give the same corpus.

The generator is pure Python and yields plain rows; `corpus.bulkload` writes
them with COPY. Offsets are code points, as everywhere in the archive.
"""

import hashlib
import itertools
import random
import re
import uuid
from bisect import bisect
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.text import slugify

# Marks generated records, so a later run can find and replace them.
SYNTHETIC_NOTE = "Synthetic record made by `manage.py synthesize`; not a real"
SOURCE_PREFIX = "synthetic/"
FIRST_YEAR, YEARS = 2005, 20
CONTEXT_CHARS = 32

FIRST_NAMES = [
    "Aibek",
    "Aida",
    "Akmal",
    "Alisher",
    "Almaz",
    "Anvar",
    "Aslan",
    "Azamat",
    "Bakhtiyor",
    "Bolot",
    "Daniyar",
    "Dilnoza",
    "Emil",
    "Farhod",
    "Gulnara",
    "Ilhom",
    "Jamshid",
    "Kairat",
    "Kamila",
    "Kanat",
    "Lola",
    "Marat",
    "Mirzo",
    "Nargiza",
    "Nurlan",
    "Olga",
    "Pavel",
    "Rakhmon",
    "Ruslan",
    "Saida",
    "Sergei",
    "Shavkat",
    "Sherzod",
    "Talant",
    "Timur",
    "Ulugbek",
    "Vladimir",
    "Yerlan",
    "Zarina",
    "Zhanar",
    "Dmitri",
    "Elena",
    "Irina",
    "Nikolai",
    "Oleg",
    "Tatiana",
    "Viktor",
    "Yuri",
    "Anna",
    "Mikhail",
]
SURNAME_STEMS = [
    "Abdul",
    "Akhmet",
    "Alim",
    "Asan",
    "Bakir",
    "Beken",
    "Dzhuma",
    "Ergash",
    "Ismail",
    "Kadyr",
    "Karim",
    "Kasym",
    "Mamat",
    "Mukhtar",
    "Nazar",
    "Nurmagambet",
    "Omur",
    "Rakhim",
    "Sadyk",
    "Saparbay",
    "Sultan",
    "Tash",
    "Tokay",
    "Turgun",
    "Usen",
    "Yusup",
    "Zhaksy",
    "Bely",
    "Chern",
    "Gromov",
    "Ivan",
    "Kozlov",
    "Morozov",
    "Novik",
    "Orlov",
    "Petr",
    "Sokol",
    "Volk",
    "Zaitsev",
    "Lebed",
    "Frolov",
]
SURNAME_ENDINGS = ["ov", "ev", "bekov", "aliev", "enko", "in", "ova", "uly", "zoda", "ovich"]
PLACES = [
    "Kyrgyz",
    "Tajik",
    "Kazakh",
    "Uzbek",
    "Turkmen",
    "Afghan",
    "Russian",
    "Belarusian",
    "Armenian",
    "Eurasian",
    "Caspian",
    "Fergana",
    "Osh",
    "Dushanbe",
    "Almaty",
    "Bishkek",
    "Tashkent",
    "Astana",
    "Khujand",
    "Jalal-Abad",
    "Batken",
    "Pamir",
]
ORG_ADJECTIVES = [
    "National",
    "Regional",
    "Joint",
    "Central",
    "Federal",
    "Strategic",
    "Interior",
    "Border",
    "Allied",
    "Collective",
    "Independent",
    "Public",
    "International",
    "Special",
    "Eastern",
    "Southern",
]
ORG_NOUNS = {
    "government_body": [
        "Security Council",
        "Defence Ministry",
        "Border Service",
        "Interior Ministry",
        "Drug Control Agency",
        "Emergency Committee",
    ],
    "military_unit": [
        "Rapid Reaction Force",
        "Air Defence Command",
        "Peacekeeping Brigade",
        "Mountain Rifle Battalion",
        "Special Operations Group",
    ],
    "think_tank": [
        "Analytical Centre",
        "Institute for Strategic Studies",
        "Policy Forum",
        "Conflict Research Group",
    ],
    "academic": ["State University", "Academy of Sciences", "Diplomatic Academy"],
    "company": ["Energy Company", "Pipeline Consortium", "Mining Corporation"],
    "armed_group": ["Liberation Movement", "Islamic Front", "Armed Opposition"],
}
MEDIA_NOUNS = [
    "Herald",
    "Times",
    "Review",
    "Monitor",
    "Courier",
    "Gazette",
    "Observer",
    "Daily",
    "Weekly",
    "Bulletin",
    "Press",
    "Digest",
]
TAG_WORDS = [
    "border",
    "security",
    "terrorism",
    "drugs",
    "migration",
    "military",
    "exercises",
    "bases",
    "pipeline",
    "energy",
    "water",
    "elections",
    "protests",
    "sanctions",
    "diplomacy",
    "peacekeeping",
    "airbase",
    "narcotics",
    "extremism",
    "integration",
    "trade",
    "customs",
    "refugees",
    "cyber",
    "intelligence",
    "arms",
    "treaty",
    "summit",
    "reform",
    "corruption",
    "media",
    "religion",
    "insurgency",
    "gas",
    "oil",
    "railway",
    "debt",
    "aid",
]
NOTE_PHRASES = [
    "Compare the official communiqué of the same week.",
    "The figure is not confirmed by other sources.",
    "An early statement of a position repeated later.",
    "Context: the summit had been postponed twice.",
    "The translation of this passage is disputed.",
    "This claim recurs across several outlets.",
    "Background on the border dispute.",
    "Note the hedged wording.",
]
# Sentence openings lowercased after "X said that"; names keep their capitals.
LOWERED_STARTS = {
    "The",
    "A",
    "An",
    "It",
    "This",
    "That",
    "These",
    "There",
    "In",
    "At",
    "We",
    "However,",
    "But",
    "Its",
    "Their",
    "They",
    "He",
    "She",
    "One",
    "Some",
    "All",
}
SAID = ["said that", "argued that", "warned that", "told reporters that", "insisted that"]
ORG_SAID = [
    "The {} announced that",
    "Officials of the {} said that",
    "The {} stated that",
    "A spokesman for the {} said that",
]


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

CLAIM_KINDS = ["assessment", "prediction", "proposal", "commitment", "accusation", "position"]


def split_sentences(text: str) -> list[str]:
    """Sentences of running text, long enough to read as prose."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", " ".join(text.split()))
    return [p for p in parts if 40 <= len(p) <= 400 and p[-1] in '.!?"”']


class Chain:
    """A word-bigram chain over the seed sentences: new sentences, seed words only."""

    def __init__(self, sentences, rng):
        self.rng = rng
        self.next = defaultdict(list)
        self.starts = []
        for sentence in sentences:
            words = sentence.split()
            self.starts.append(words[0])
            for a, b in itertools.pairwise([*words, None]):
                self.next[a].append(b)

    def sentence(self, min_words=10, max_words=32) -> str:
        for _ in range(20):
            words = [self.rng.choice(self.starts)]
            while len(words) < max_words:
                following = self.next.get(words[-1])
                word = self.rng.choice(following) if following else None
                if word is None:
                    break
                words.append(word)
            text = " ".join(words)
            if len(words) >= min_words and text[-1] in ".!?":
                return text
        return text.rstrip(",;:") + "."


class Zipf:
    """Draw items with weight 1/rank^s: the first items are common, the tail rare."""

    def __init__(self, items, rng, s=1.0):
        self.items, self.rng = items, rng
        self.cum = list(itertools.accumulate(1 / (rank + 1) ** s for rank in range(len(items))))

    def draw(self, k: int) -> list:
        """k distinct items (fewer if there aren't k)."""
        k = min(k, len(self.items))
        chosen, total = {}, self.cum[-1]
        while len(chosen) < k:
            index = bisect(self.cum, self.rng.random() * total)
            chosen[index] = self.items[index]
        return list(chosen.values())


class Synthesizer:
    def __init__(self, plan: Plan, now):
        self.plan, self.now = plan, now
        self.rng = random.Random(plan.seed)
        self.ids = dict(plan.first_ids)
        self.out = Corpus()
        self.slugs = set(plan.taken_slugs)

    def next_id(self, table):
        value = self.ids[table]
        self.ids[table] = value + 1
        return value

    # ---- the cast -------------------------------------------------------

    def make_cast(self, people: int, organizations: int, outlets: int, authors: int, tags: int):
        """Generated people, organizations, outlets and tags, after the seed ones."""
        rng = self.rng
        names = {e.name for e in self.plan.actors}
        self.people = list(self.plan.actors)
        self.authors = []
        while len(self.people) + len(self.authors) < len(self.plan.actors) + people + authors:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAME_STEMS)}{rng.choice(SURNAME_ENDINGS)}"
            if name in names:
                continue
            names.add(name)
            entity = self._actor(name)
            (self.authors if len(self.authors) < authors else self.people).append(entity)

        names = {e.name for e in self.plan.organizations + self.plan.outlets}
        self.organizations = list(self.plan.organizations)
        while len(self.organizations) < len(self.plan.organizations) + organizations:
            kind = rng.choice(list(ORG_NOUNS))
            name = f"{rng.choice(ORG_ADJECTIVES)} {rng.choice(ORG_NOUNS[kind])}"
            if rng.random() < 0.7:
                name += f" of {rng.choice(PLACES)}" if kind != "armed_group" else ""
                name = f"{rng.choice(PLACES)} {name}" if kind == "armed_group" else name
            if name in names:
                name = f"{name} ({rng.choice(PLACES)})"
            if name in names:
                continue
            names.add(name)
            self.organizations.append(self._organization(name, kind))
        self.outlets = list(self.plan.outlets)
        while len(self.outlets) < len(self.plan.outlets) + outlets:
            name = f"{rng.choice(PLACES)} {rng.choice(MEDIA_NOUNS)}"
            if name in names:
                name = f"The {name}"
            if name in names:
                continue
            names.add(name)
            self.outlets.append(self._organization(name, "media", acronym=False))

        self.tag_ids = [tag_id for tag_id, _ in self.plan.tags]
        known = {slugify(name) for _, name in self.plan.tags}
        words = list(TAG_WORDS)
        pairs = [f"{a} {b}" for a, b in itertools.permutations(words, 2)]
        rng.shuffle(pairs)
        for name in itertools.chain(words, pairs):
            if len(self.tag_ids) >= len(self.plan.tags) + tags:
                break
            if slugify(name) not in known:
                known.add(slugify(name))
                tag_id = self.next_id("taggit_tag")
                self.out.add("taggit_tag", [tag_id, name, slugify(name)])
                self.tag_ids.append(tag_id)

        self.people_zipf = Zipf(self.people, rng)
        self.org_zipf = Zipf(self.organizations, rng)
        self.outlet_zipf = Zipf(self.outlets, rng, s=0.8)
        self.author_zipf = Zipf(self.authors, rng, s=0.6)
        self.tag_zipf = Zipf(self.tag_ids, rng)

    def _slug(self, name):
        base = slugify(name)[:180] or "record"
        slug, n = base, 2
        while slug in self.slugs:
            slug, n = f"{base}-{n}", n + 1
        self.slugs.add(slug)
        return slug

    def _actor(self, name):
        entity = Entity(self.next_id("corpus_actor"), name)
        self.out.add(
            "corpus_actor",
            [
                entity.id,
                name,
                self._slug(name),
                "{}",
                f"{SYNTHETIC_NOTE} person.",
                "",
                "{}",
                self.now,
                self.now,
            ],
        )
        return entity

    def _organization(self, name, kind, acronym=True):
        initials = "".join(w[0] for w in re.findall(r"[A-Z][\w-]*", name)) if acronym else ""
        entity = Entity(self.next_id("corpus_organization"), name, initials)
        self.out.add(
            "corpus_organization",
            [
                entity.id,
                name,
                self._slug(name),
                "{}",
                f"{SYNTHETIC_NOTE} organization.",
                "",
                "{}",
                self.now,
                self.now,
                initials,
                kind,
            ],
        )
        return entity

    # ---- the text -------------------------------------------------------

    def make_sentences(self, generated: int):
        chain = Chain(self.plan.sentences, self.rng)
        pool = list(self.plan.sentences) + [chain.sentence() for _ in range(generated)]
        self.rng.shuffle(pool)
        self.sentence_zipf = Zipf(pool, self.rng, s=0.5)

    def articles(self, batch: int):
        """Yield (done, rows) every `batch` articles."""
        for n in range(1, self.plan.articles + 1):
            self._article(n)
            if n % batch == 0 or n == self.plan.articles:
                yield n, self.out.drain()

    def _article(self, n):
        rng, now = self.rng, self.now
        article_id = self.next_id("corpus_article")
        people = self.people_zipf.draw(rng.randint(1, 6))
        organizations = self.org_zipf.draw(rng.randint(1, 6))
        # (sentence text, entity mentioned or None, is person, offset of the name)
        pieces = []
        for entity in people:
            for _ in range(rng.choice((1, 1, 2, 3))):
                pieces.append(("person", entity))
        for entity in organizations:
            for _ in range(rng.choice((1, 1, 2))):
                pieces.append(("organization", entity))
        pieces += [(None, None)] * rng.randint(8, 22)
        rng.shuffle(pieces)

        body, sentences, mentions = [], [], []
        length, in_paragraph = 0, 0
        for kind, entity in pieces:
            text = self._sentence_text()
            lead, name_at, name = "", None, ""
            if kind == "person":
                name = entity.name
                lead = f"{name} {rng.choice(SAID)} "
                name_at = 0
            elif kind == "organization":
                name = entity.acronym if entity.acronym and rng.random() < 0.3 else entity.name
                template = rng.choice(ORG_SAID)
                lead = template.format(name) + " "
                name_at = template.index("{}")
            if lead:
                first, _, rest = text.partition(" ")
                lowered = first.lower() if first in LOWERED_STARTS else first
                text = f"{lead}{lowered} {rest}"
            if in_paragraph:
                sep = " " if in_paragraph < rng.randint(2, 4) else "\n\n"
                in_paragraph = 1 if sep == "\n\n" else in_paragraph + 1
                body.append(sep)
                length += len(sep)
            else:
                in_paragraph = 1
            start = length
            body.append(text)
            length += len(text)
            sentences.append((start, length, kind, entity))
            if name_at is not None:
                mentions.append((start + name_at, start + name_at + len(name), kind, entity))
        body = "".join(body)

        year = FIRST_YEAR + rng.randrange(YEARS)
        day = date(year, 1, 1) + timedelta(days=rng.randrange(365))
        precision = rng.random()
        if precision < 0.02:
            edtf, start_d, end_d, year_v, certainty = "", None, None, None, "unknown"
        elif precision < 0.08:
            edtf, start_d, end_d, year_v, certainty = (
                f"{year}",
                date(year, 1, 1),
                date(year, 12, 31),
                year,
                "stated",
            )
        else:
            edtf, start_d, end_d, year_v, certainty = day.isoformat(), day, day, year, "stated"
        title = self._title(rng)
        outlet = self.outlet_zipf.draw(1)[0] if rng.random() < 0.95 else None
        raw = f"{title}\n\n{body}\n"
        status = "published" if rng.random() < 0.97 else rng.choice(("draft", "review"))
        self.out.add(
            "corpus_article",
            [
                article_id,
                title,
                False,
                f"synthetic-{self.plan.seed}-{n}",
                outlet.id if outlet else None,
                "",
                edtf,
                start_d,
                end_d,
                year_v,
                certainty,
                "",
                "",
                "",
                "",
                f"{SOURCE_PREFIX}{self.plan.seed}/{n:07d}.txt",
                raw,
                hashlib.sha256(raw.encode()).hexdigest(),
                body,
                status,
                now,
                now,
            ],
        )
        for position, author in enumerate(self.author_zipf.draw(rng.choice((0, 1, 1, 1, 2)))):
            self.out.add(
                "corpus_authorship",
                [self.next_id("corpus_authorship"), article_id, author.id, position],
            )
        for start, end, kind, entity in mentions:
            self.out.add(
                "corpus_mention",
                [
                    self.next_id("corpus_mention"),
                    article_id,
                    start,
                    end,
                    "anchored",
                    entity.id if kind == "person" else None,
                    entity.id if kind == "organization" else None,
                    "matcher",
                    "",
                    "",
                    "",
                ],
            )
        for tag_id in self.tag_zipf.draw(rng.randint(1, 4)):
            self.out.add(
                "corpus_taggedarticle", [self.next_id("corpus_taggedarticle"), article_id, tag_id]
            )
        self._annotations(article_id, body, sentences)

    def _sentence_text(self):
        return self.sentence_zipf.draw(1)[0]

    def _title(self, rng):
        words = self._sentence_text().rstrip('.!?"”').split()
        start = rng.randrange(max(1, len(words) - 6))
        title = " ".join(words[start : start + rng.randint(4, 9)]).strip(',;:"“”')
        return (title[:1].upper() + title[1:]) or "Untitled"

    def _annotations(self, article_id, body, sentences):
        rng, now = self.rng, self.now
        count = max(1, round(rng.gauss(self.plan.annotations_per_article, 2)))
        chosen = rng.sample(sentences, min(count, len(sentences)))
        for start, end, kind, entity in chosen:
            annotation_id = self.next_id("corpus_annotation")
            status = rng.choices(("published", "review", "draft"), (88, 8, 4))[0]
            claim = kind is not None and rng.random() < 0.6
            annotation_kind = (
                "claim" if claim else rng.choice(("note", "note", "context", "entity"))
            )
            self.out.add(
                "corpus_annotation",
                [
                    annotation_id,
                    article_id,
                    start,
                    end,
                    "anchored",
                    uuid.UUID(int=rng.getrandbits(128), version=4),
                    body[start:end],
                    body[max(0, start - CONTEXT_CHARS) : start],
                    body[end : end + CONTEXT_CHARS],
                    annotation_kind,
                    rng.choice(NOTE_PHRASES) if rng.random() < 0.7 else "",
                    status,
                    None,
                    1,
                    now,
                    now,
                ],
            )
            if annotation_kind == "entity" and kind == "person":
                self.out.add(
                    "corpus_annotation_actors",
                    [self.next_id("corpus_annotation_actors"), annotation_id, entity.id],
                )
            if rng.random() < 0.3:
                self.out.add(
                    "corpus_taggedannotation",
                    [
                        self.next_id("corpus_taggedannotation"),
                        annotation_id,
                        self.tag_zipf.draw(1)[0],
                    ],
                )
            if claim:
                self._claim(annotation_id, body[start:end], kind, entity, status)

    def _claim(self, annotation_id, passage, kind, entity, status):
        rng, now = self.rng, self.now
        claim_id = self.next_id("corpus_claim")
        # The reported words: what follows "said that" (the whole passage otherwise).
        said = re.search(r"\bthat (.+)$", passage)
        text = said.group(1) if said else passage
        self.out.add(
            "corpus_claim",
            [
                claim_id,
                None,
                entity.id if kind == "person" else None,
                entity.id if kind == "organization" else None,
                rng.choice(("quote", "paraphrase")),
                rng.choice(CLAIM_KINDS),
                text,
                annotation_id,
                status,
                1,
                now,
                now,
            ],
        )
        if rng.random() < 0.5:
            self.out.add(
                "corpus_taggedclaim",
                [self.next_id("corpus_taggedclaim"), claim_id, self.tag_zipf.draw(1)[0]],
            )
