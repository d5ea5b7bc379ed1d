"""Find actors and organizations in a text by their names and aliases.

Matching is case-sensitive and whole-word. At any position the longest name
wins, so "Collective Security Treaty Organization" beats a shorter alias
inside it. A surname alone links to a person only when no other person in the
archive has that surname; a first name alone never links, so two people who
share one stay apart.
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


def surname(full_name: str) -> str:
    parts = full_name.split()
    return parts[-1] if len(parts) > 1 else ""


class EntityMatcher:
    def __init__(self, actors, organizations):
        targets: dict[str, set[tuple[str, int]]] = defaultdict(set)
        for organization in organizations:
            for name in organization.names:
                targets[name].add(("organization", organization.pk))
        surnames: dict[str, set[int]] = defaultdict(set)
        for actor in actors:
            for name in actor.names:
                targets[name].add(("actor", actor.pk))
                if last := surname(name):
                    surnames[last].add(actor.pk)
        for last, actor_ids in surnames.items():
            # Only an unambiguous surname, and never one that is someone's full name.
            if len(actor_ids) == 1 and len(last) >= MIN_SURNAME_LENGTH and last not in targets:
                targets[last].add(("actor", next(iter(actor_ids))))
        # A name shared by two entities is ambiguous: it links to neither.
        self.targets = {name: next(iter(t)) for name, t in targets.items() if len(t) == 1 and name}
        names = sorted(self.targets, key=len, reverse=True)
        self.pattern = (
            re.compile(r"(?<!\w)(" + "|".join(map(re.escape, names)) + r")(?!\w)")
            if names
            else None
        )

    @classmethod
    def from_database(cls):
        return cls(
            Actor.objects.only("pk", "name", "aliases"),
            Organization.objects.only("pk", "name", "acronym", "aliases"),
        )

    def find(self, text: str) -> list[Match]:
        if self.pattern is None:
            return []
        matches = []
        for found in self.pattern.finditer(text):
            kind, entity_id = self.targets[found[1]]
            matches.append(Match(found.start(), found.end(), kind, entity_id, found[1]))
        return matches
