"""The synthetic corpus's cast: generated people, organizations, outlets, authors
and tags after the seed ones, each drawn by Zipf's law (a few are everywhere)."""

import itertools
import re

from django.utils.text import slugify

from bench.synthetic.drawing import Zipf
from bench.synthetic.rows import SYNTHETIC_NOTE, Entity
from bench.synthetic.vocabulary import (
    FIRST_NAMES,
    MEDIA_NOUNS,
    ORG_ADJECTIVES,
    ORG_NOUNS,
    PLACES,
    SURNAME_ENDINGS,
    SURNAME_STEMS,
    TAG_WORDS,
)


class CastMaker:
    """Synthesizer's cast: its people, authors, organizations, outlets and tags."""

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
                "{}",
            ],
        )
        return entity

    # ---- the text -------------------------------------------------------
