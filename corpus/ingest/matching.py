"""Find actors and organizations in a text by their names and aliases.

Matching is case-sensitive and whole-word. At any position the longest name
wins, so "Collective Security Treaty Organization" beats a shorter alias
inside it. A surname alone links to a person only when no other person in
the archive has that surname; a first name alone never links, so two people who
share one stay apart.

A stand-in name (Organization.stand_ins: "Moscow" for Russia, "the Kremlin" for
the Russian leadership) never links on its own: a text uses it for the place as
often as for the government, and only a reader can tell which. The matcher
reports each occurrence (`stand_ins`) for an editor to decide.
"""

import re
from collections import defaultdict
from dataclasses import dataclass

from corpus.models import Actor, Organization

MIN_SURNAME_LENGTH = 3


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    kind: str  # "actor" or "organization"
    entity_id: int
    text: str


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
        targets: dict[str, set[tuple[str, int]]] = defaultdict(set)
        stand_ins: dict[str, set[int]] = defaultdict(set)
        for organization in organizations:
            for name in organization.names:
                targets[name].add(("organization", organization.pk))
            for name in organization.stand_ins:
                stand_ins[name].add(organization.pk)
        surnames: dict[str, set[int]] = defaultdict(set)
        for actor in actors:
            for name in actor.names:
                targets[name].add(("actor", actor.pk))
                if last := surname(name):
                    surnames[last].add(actor.pk)
        for last, actor_ids in surnames.items():
            # Only an unambiguous surname, never someone's full name, nor a stand-in name.
            unambiguous = len(actor_ids) == 1 and last not in targets and last not in stand_ins
            if unambiguous and len(last) >= MIN_SURNAME_LENGTH:
                targets[last].add(("actor", next(iter(actor_ids))))
        # A name shared by two entities is ambiguous: it links to neither; nor does a
        # stand-in name, whoever else goes by it.
        self.targets = {
            name: next(iter(t))
            for name, t in targets.items()
            if len(t) == 1 and name and name not in stand_ins
        }
        self.stand_in_names = {name: tuple(sorted(ids)) for name, ids in stand_ins.items() if name}
        names = sorted({*self.targets, *self.stand_in_names}, key=len, reverse=True)
        self.pattern = (
            re.compile(r"(?<!\w)(" + "|".join(map(re.escape, names)) + r")(?!\w)")
            if names
            else None
        )

    @classmethod
    def from_database(cls):
        return cls(
            Actor.objects.only("pk", "name", "aliases"),
            Organization.objects.only("pk", "name", "acronym", "aliases", "stand_ins"),
        )

    def _scan(self, text: str):
        """Every name and stand-in name in the text, the longest at each position."""
        if self.pattern is None:
            return
        for found in self.pattern.finditer(text):
            name = found[1]
            if name in self.targets:
                kind, entity_id = self.targets[name]
                yield Match(found.start(), found.end(), kind, entity_id, name)
            else:
                yield StandIn(found.start(), found.end(), name, self.stand_in_names[name])

    def find(self, text: str) -> list[Match]:
        return [m for m in self._scan(text) if isinstance(m, Match)]

    def stand_ins(self, text: str) -> list[StandIn]:
        """Occurrences of stand-in names, which `find` leaves unlinked, for an editor."""
        return [m for m in self._scan(text) if isinstance(m, StandIn)]
