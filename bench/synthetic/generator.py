"""A synthetic corpus for measuring the archive at scale (`manage.py synthesize`).

Text is composed from the seed articles' own sentences, plus sentences a word-
bigram chain draws from the seeds' vocabulary. Generated people, organizations,
outlets and tags join the seed ones; popularity follows Zipf's law, so a few
names are everywhere and most are rare, as in real news. Everything derives
from one random seed: the same arguments give the same corpus.

The generator is pure Python and yields plain rows; loading.py writes them
with COPY. Offsets are code points, as everywhere in the archive.
"""

import hashlib
import random
import re
import uuid
from datetime import date, timedelta

from bench.synthetic.cast import CastMaker
from bench.synthetic.drawing import Chain, Zipf
from bench.synthetic.rows import SOURCE_PREFIX, Corpus, Plan
from bench.synthetic.vocabulary import LOWERED_STARTS, NOTE_PHRASES, ORG_SAID, SAID
from corpus.models.texts import text_sha256

FIRST_YEAR, YEARS = 2005, 20
CONTEXT_CHARS = 32
CLAIM_KINDS = ["assessment", "prediction", "proposal", "commitment", "accusation", "position"]


class Synthesizer(CastMaker):
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
                text_sha256(raw),
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
                    False,
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
