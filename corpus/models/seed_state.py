"""What load_seeds last wrote for each curated record (corpus/ingest/seeds/)."""

from django.db import models

# The state of an article's classified stand-in names (corpus/ingest/seeds/stand_ins.py).
STAND_INS = "stand-ins"


class SeedStateQuerySet(models.QuerySet):
    def classifies_stand_ins(self, article) -> bool:
        """Whether the seeds' curation classifies every occurrence of a stand-in name in
        `article`, as a stand-in or as the place, so there is nothing left to propose."""
        return self.filter(kind=STAND_INS, key=article.source_file).exists()


class SeedState(models.Model):
    """What load_seeds last wrote for one curated record, so a re-run can tell
    an editor's change (kept) from a curation change (applied)."""

    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64)

    objects = SeedStateQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "key"]
        constraints = [
            # Invariant: one record of state per curated record.
            models.UniqueConstraint(fields=["kind", "key"], name="seedstate_kind_key_unique"),
        ]

    def __str__(self):
        return f"{self.kind}:{self.key}"
