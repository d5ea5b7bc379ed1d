"""What load_seeds last wrote for each curated record (corpus/ingest/seeds/)."""

from django.db import models


class SeedState(models.Model):
    """What load_seeds last wrote for one curated record, so a re-run can tell
    an editor's change (kept) from a curation change (applied)."""

    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64)

    class Meta:
        ordering = ["kind", "key"]
        constraints = [
            # Invariant: one record of state per curated record.
            models.UniqueConstraint(fields=["kind", "key"], name="seedstate_kind_key_unique"),
        ]

    def __str__(self):
        return f"{self.kind}:{self.key}"
