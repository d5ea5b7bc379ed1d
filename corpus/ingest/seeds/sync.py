"""The generic step of loading the seeds: create, update or keep one curated record.

Idempotent, and respectful of editors: each curated record remembers a
fingerprint of what was last written (SeedState). On a re-run a record is
- created when missing and never seeded before;
- updated only when the curation changed and nobody touched the record;
- left alone when an editor changed or deleted it (reported as kept).
"""

import hashlib
import json
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from corpus.models import SeedState

PLURALS = {
    "actor": "actors",
    "organization": "organizations",
    "relations": "organization relations",
    "article": "articles",
    "claim": "claims",
    "parties": "claims' further parties",
    "stand-in names": "organizations' stand-in names",
    "stand-ins": "articles' stand-ins",
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


class SeedSync:
    """The bookkeeping of one run: what it created, what it kept, and the counts."""

    def __init__(self):
        self.counts: Counter = Counter()
        self.kept: list[str] = []
        self.created: set[tuple[str, str]] = set()
        # A curated slug -> the record an editor's change kept from being renamed to it.
        self.renamed: dict = {}

    def sync(
        self,
        kind,
        key,
        instance,
        values: dict,
        extra: dict | None = None,
        owner=None,
        fill_empty=False,
    ):
        """Create, update or keep one curated record (see the module docstring).

        `instance` is the existing record or an unsaved new one; `values` maps
        plain field names, and names in `extra`, to curated values. A record that
        exists but was never seeded is an editor's, and is kept unless equal,
        except when `owner` (a (kind, key) pair) was created by this very run, or,
        with `fill_empty`, when every value is still empty: an aspect the curation
        gained after the record was first seeded, which nobody has written yet.
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
        now = self._read(instance, values, extra)
        current = fingerprint(now)
        unwritten = owner in self.created or (fill_empty and not any(now.values()))
        if state is None and current != wanted and unwritten:
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
