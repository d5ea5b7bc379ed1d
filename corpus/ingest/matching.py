"""Find people and organizations in a text by their names, and say how sure each
find is.

Linked (certain):
- a name or alias as recorded, case-sensitive and whole-word; at any position the
  longest name wins, so "Collective Security Treaty Organization" beats "CSTO";
- a spelling that a documented rule makes the same name (corpus/ingest/names/spelling.py):
  British and American spellings, acronyms in other capitals, and a full name
  differing only by transliteration rules with its first name or surname exact;
- a surname alone, when no other first name stands before it, and either one person
  of that surname is named in full earlier in the text, or the archive knows only
  one person of that surname and the text names no namesake.

Proposed to an editor, never linked (certainty "uncertain"): a surname alone that
could be two people, a surname spelled by the rules but not as recorded
("Nazarbaev"), a full name differing in both parts by the rules, and near misses.

Never found: a first name alone, and a known name inside a longer proper name
("Uzbekistan" in "Islamic Movement of Uzbekistan", "Kazakhstan" in "Interfax-Kazakhstan").

A stand-in name (Organization.stand_ins: "Moscow" for Russia, "the Kremlin" for
the Russian leadership) never links on its own, nor as anyone's alias or surname: a
text uses it for the place as often as for the government, and only a reader can
tell which. The matcher reports each occurrence (`stand_ins`); corpus/ingest/mentions.py
proposes it as a stand-in for each body it may name, for an editor to decide.
"""

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass

from corpus.ingest.names.context import inside_longer_name, other_first_name
from corpus.ingest.names.spelling import (
    acronym_case_variants,
    british_american_variants,
    is_acronym_like,
    name_skeleton,
    skeleton,
)
from corpus.ingest.names.unknown import UnknownName, unknown_names
from corpus.ingest.names.words import NOT_A_NAME, is_initial, person_like, plain
from corpus.models import Actor, Organization

MIN_SURNAME_LENGTH = 3
# How alike (difflib's ratio) a full name must be to a known one to be proposed.
NEAR_MISS = 0.88
EXACT, VARIANT, SURNAME, UNCERTAIN = "exact", "variant", "surname", "uncertain"
WORD = re.compile(r"[^\W\d_][\w’'-]*")


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    kind: str  # "actor" or "organization"
    entity_id: int
    text: str
    certainty: str = EXACT
    reason: str = ""
    # A stand-in name proposed as the body it may stand for ("Moscow" for Russia).
    stand_in: bool = False

    @property
    def linked(self) -> bool:
        return self.certainty != UNCERTAIN

    @property
    def key(self) -> tuple:
        return (self.start, self.end, self.kind, self.entity_id)


@dataclass(frozen=True)
class StandIn:
    """An occurrence of a stand-in name, left unlinked: the place, or the body it may stand for."""

    start: int
    end: int
    text: str
    organization_ids: tuple[int, ...]


def surname(full_name: str) -> str:
    parts = full_name.split()
    return parts[-1] if len(parts) > 1 else ""


class EntityMatcher:
    def __init__(self, actors, organizations):
        names: dict[str, set] = defaultdict(set)
        variants: dict[str, dict] = defaultdict(dict)
        self.labels = {}
        self.first_names: dict[int, set[str]] = defaultdict(set)
        self.surnames: dict[str, set[int]] = defaultdict(set)
        self.surname_skeletons: dict[str, set[int]] = defaultdict(set)
        self.full_names: dict[tuple, set] = defaultdict(set)
        # Spellings of organizations' acronyms, and the states: "the CSTO Summit" names
        # the CSTO, "the Republic of Kazakhstan" Kazakhstan (names/context.py).
        self.acronyms: set[str] = set()
        self.states = {o.pk for o in organizations if o.kind == Organization.Kind.STATE}
        stand_ins: dict[str, set[int]] = defaultdict(set)
        for kind, entities in (("organization", organizations), ("actor", actors)):
            for entity in entities:
                self.labels[(kind, entity.pk)] = entity.name
                for name in entity.stand_ins if kind == "organization" else ():
                    stand_ins[name].add(entity.pk)
                for name in entity.names:
                    names[name].add((kind, entity.pk))
                    self._variants(variants, name, (kind, entity.pk))
                    if kind == "actor" and person_like(name):
                        self._index_person(entity.pk, name)
                    if kind == "organization" and is_acronym_like(name):
                        self.acronyms |= {name, *acronym_case_variants(name)}
        self.recorded = set(names)
        self.stand_in_names = {name: tuple(sorted(ids)) for name, ids in stand_ins.items() if name}
        # A name shared by two entities is ambiguous: it links to neither; nor does a
        # stand-in name, whoever else goes by it.
        self.targets = {
            name: (*next(iter(t)), EXACT, "")
            for name, t in names.items()
            if len(t) == 1 and name not in stand_ins
        }
        for name, owners in variants.items():
            if name not in names and name not in stand_ins and len(owners) == 1:
                ((owner, reason),) = owners.items()
                self.targets[name] = (*owner, VARIANT, reason)
        self.surname_only = {
            last
            for last in self.surnames
            if len(last) >= MIN_SURNAME_LENGTH and last not in names and last not in stand_ins
        }
        alternatives = sorted(
            {*self.targets, *self.surname_only, *self.stand_in_names}, key=len, reverse=True
        )
        self.pattern = (
            re.compile(r"(?<!\w)(" + "|".join(map(re.escape, alternatives)) + r")(?![\w])")
            if alternatives
            else None
        )
        # Whole names, for telling "NATO-CSTO" (two names) from "Interfax-Kazakhstan" (one).
        self.known_words = set(self.targets) | self.surname_only | set(self.stand_in_names)
        self.given_names = {
            name for names in self.first_names.values() for name in names if len(name) > 2
        }

    def _variants(self, variants, name: str, owner) -> None:
        for spelling in british_american_variants(name):
            variants[spelling].setdefault(owner, f"British/American spelling of “{name}”")
        for spelling in acronym_case_variants(name):
            variants[spelling].setdefault(owner, f"“{name}” in other capitals")

    def _index_person(self, pk: int, name: str) -> None:
        words = name.split()
        self.first_names[pk].add(words[0])
        self.surnames[words[-1]].add(pk)
        self.surname_skeletons[skeleton(words[-1])].add(pk)
        self.full_names[name_skeleton(name)].add((pk, name))

    @classmethod
    def from_database(cls):
        return cls(
            Actor.objects.only("pk", "name", "aliases"),
            Organization.objects.only("pk", "name", "acronym", "aliases", "kind", "stand_ins"),
        )

    def label(self, kind: str, pk: int) -> str:
        return self.labels.get((kind, pk), "?")

    def known(self, word: str) -> bool:
        return word in self.known_words

    # -- finding -----------------------------------------------------------

    def find(self, text: str) -> list[Match]:
        """Every find in `text`, in order: linked ones and proposals (Match.linked)."""
        named = self._named(text)
        found = named + self._transliterations(text, named)
        found += self._surnames(text, found)
        found += self._near_misses(text, found)
        return _without_overlaps(found)

    def has_name(self, name: str) -> bool:
        """Whether `name` is a name or alias of a record the matcher was made with."""
        return name in self.recorded

    def knows(self, name: str) -> bool:
        """Whether `name` is a name, alias, certain variant, surname or stand-in name the
        archive knows."""
        return name in self.targets or name in self.surname_only or name in self.stand_in_names

    def unknown_names(self, text: str, found: list[Match] | None = None) -> list[UnknownName]:
        """Names in `text` that the archive does not know (corpus/ingest/names/unknown.py):
        neither known by name nor found in the text as a link, a proposal or a stand-in."""
        taken = _covered(self.find(text) if found is None else found)
        taken |= _covered(self.stand_ins(text))

        def is_known(start: int, end: int, name: str) -> bool:
            return set(range(start, end)) <= taken if start >= 0 else self.knows(name)

        return unknown_names(text, is_known)

    def linked(self, text: str) -> list[Match]:
        return [match for match in self.find(text) if match.linked]

    def stand_ins(self, text: str) -> list[StandIn]:
        """Occurrences of stand-in names outside longer names, which `find` leaves
        unlinked, for an editor."""
        hits, names_at = self._hits(text)
        return [
            StandIn(start, end, name, self.stand_in_names[name])
            for name, start, end in hits
            if name in self.stand_in_names
            and not inside_longer_name(text, start, end, self.known, names_at=names_at)
        ]

    def _hits(self, text: str) -> tuple[list[tuple[str, int, int]], set[int]]:
        """Every name, surname and stand-in name in the text, the longest at each
        position, and where known names begin."""
        if self.pattern is None:
            return [], set()
        hits = [(found[1], found.start(), found.end()) for found in self.pattern.finditer(text)]
        # Where a known name or a known person's first name begins: a name right before
        # another ("Kazakhstan Nursultan Nazarbayev") is no part of a longer name.
        names_at = {start for _, start, _ in hits} | {
            word.start() for word in WORD.finditer(text) if word[0] in self.given_names
        }
        return hits, names_at

    def _named(self, text: str) -> list[Match]:
        """Names, aliases and their certain variants, outside longer names."""
        hits, names_at = self._hits(text)
        matches = []
        for name, start, end in hits:
            if name not in self.targets:
                continue
            kind, pk, certainty, reason = self.targets[name]
            if inside_longer_name(
                text,
                start,
                end,
                self.known,
                acronym=name in self.acronyms,
                state=kind == "organization" and pk in self.states,
                names_at=names_at,
            ):
                continue
            matches.append(Match(start, end, kind, pk, name, certainty, reason))
        return matches

    def _transliterations(self, text: str, found: list[Match]) -> list[Match]:
        """Full names (two or three words) that agree with a person's by the rules."""
        taken = _covered(found)
        words = list(WORD.finditer(text))
        matches = []
        for i, first in enumerate(words):
            for size in (3, 2):
                run = words[i : i + size]
                if len(run) < size or any(
                    text[a.end() : b.start()] != " " for a, b in zip(run, run[1:], strict=False)
                ):
                    continue
                start, end = first.start(), run[-1].start() + len(plain(run[-1][0]))
                spelled = text[start:end]
                if taken & set(range(start, end)) or not spelled[0].isupper():
                    continue
                for pk, name in self.full_names.get(name_skeleton(spelled), ()):
                    if inside_longer_name(text, start, end, self.known):
                        continue
                    parts, own = spelled.split(), name.split()
                    certain = parts[0] == own[0] or parts[-1] == own[-1]
                    reason = f"“{spelled}” is “{name}” by the transliteration rules"
                    matches.append(
                        Match(
                            start,
                            end,
                            "actor",
                            pk,
                            spelled,
                            VARIANT if certain else UNCERTAIN,
                            reason,
                        )
                    )
        return matches

    def _surnames(self, text: str, found: list[Match]) -> list[Match]:
        """Surnames alone: linked when they can be only one person, proposed when they
        could be another; namesakes ("Janysh Bakiyev") are left to editors."""
        taken = _covered(found)
        full = {}
        for match in found:
            if match.kind == "actor" and match.linked and " " in match.text:
                full.setdefault(match.entity_id, match.start)
        hits, namesakes = [], set()
        for token in WORD.finditer(text):
            word = plain(token[0])
            start, end = token.start(), token.start() + len(word)
            if start in taken or len(word) < MIN_SURNAME_LENGTH or word in NOT_A_NAME:
                continue
            if word in self.stand_in_names:
                continue
            owners = self.surnames.get(word) if word in self.surname_only else None
            if not owners:
                owners = self._variant_surname(word)
                if not owners:
                    continue
            first_names = set().union(*(self.first_names[pk] for pk in owners))
            if other_first_name(text, start, first_names):
                namesakes.add(skeleton(word))
                continue
            if inside_longer_name(text, start, end, self.known):
                continue
            hits.append((start, end, word, owners))
        return [
            match
            for start, end, word, owners in hits
            for match in self._resolve(start, end, word, owners, full, namesakes)
        ]

    def _variant_surname(self, word: str) -> set[int]:
        return set() if word in self.surnames else self.surname_skeletons.get(skeleton(word), set())

    def _resolve(self, start, end, word, owners, full, namesakes) -> list[Match]:
        earlier = [pk for pk in owners if full.get(pk, len(word) + start + 1) < start]
        variant = word not in self.surnames
        if not variant and skeleton(word) not in namesakes:
            if len(earlier) == 1:
                reason = f"surname of {self.label('actor', earlier[0])}, named in full before"
                return [Match(start, end, "actor", earlier[0], word, SURNAME, reason)]
            if len(owners) == 1:
                (pk,) = owners
                reason = f"the only person named {word} in the archive"
                return [Match(start, end, "actor", pk, word, SURNAME, reason)]
        if skeleton(word) in namesakes and not earlier:
            return []  # most likely the namesake the text names: an editor decides
        candidates = earlier or sorted(owners)
        if variant:
            why = "a surname alone, spelled by the transliteration rules as {}’s"
        elif skeleton(word) in namesakes:
            why = f"a surname alone, and the text names another {word} too: {{}}?"
        else:
            why = "a surname alone that several people share: {}?"
        return [
            Match(start, end, "actor", pk, word, UNCERTAIN, why.format(self.label("actor", pk)))
            for pk in candidates[:3]
        ]

    def _near_misses(self, text: str, found: list[Match]) -> list[Match]:
        """Full names one or two letters away from a known person's: proposed."""
        taken = _covered(found)
        matches = []
        for run in re.finditer(r"(?<![\w-])[A-Z][\w’'-]+ [A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?", text):
            spelled = plain(run[0])
            start = run.start()
            end = start + len(spelled)
            if taken & set(range(start, end)) or is_initial(spelled.split()[0]):
                continue
            for key, people in self.full_names.items():
                if len(key) != len(spelled.split()):
                    continue
                for pk, name in people:
                    ratio = difflib.SequenceMatcher(None, spelled.lower(), name.lower()).ratio()
                    if NEAR_MISS <= ratio < 1:
                        reason = f"“{spelled}” is close to “{name}”"
                        matches.append(Match(start, end, "actor", pk, spelled, UNCERTAIN, reason))
        return matches


def _covered(matches: list[Match]) -> set[int]:
    return {i for match in matches for i in range(match.start, match.end)}


def _without_overlaps(matches: list[Match]) -> list[Match]:
    """Where finds overlap, linked ones beat proposals and longer beat shorter."""
    ranked = sorted(matches, key=lambda m: (not m.linked, -(m.end - m.start), m.start))
    kept, taken = [], set()
    for match in ranked:
        span = set(range(match.start, match.end))
        if match.linked and span & taken:
            continue
        if not match.linked and any(
            k.linked and k.start < match.end and match.start < k.end for k in kept
        ):
            continue
        kept.append(match)
        if match.linked:
            taken |= span
    return sorted(kept, key=lambda m: (m.start, m.end, m.kind, m.entity_id))
