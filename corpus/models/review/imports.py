"""Imports through the admin: a batch of uploaded files, each kept as a preview
until an editor corrects its metadata and confirms it (corpus/ingest/staging.py).
Nothing becomes an article before that."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from corpus.models.articles import Article


class ImportBatch(models.Model):
    """The files one editor uploaded at once."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = "import"
        verbose_name_plural = "imports"

    def __str__(self):
        when = self.created.strftime("%Y-%m-%d %H:%M") if self.created else "new"
        return f"Import {self.pk} of {when}"

    def get_absolute_url(self):
        return reverse("admin:corpus_importbatch_change", args=[self.pk])


class ImportFileQuerySet(models.QuerySet):
    def waiting(self):
        """Previews no editor has confirmed or discarded yet."""
        return self.filter(state=ImportFile.State.PREVIEW)


class ImportFile(models.Model):
    """One uploaded file: its text verbatim, and the editor's corrections to what
    the parser read from it, until it is confirmed as an article or discarded."""

    class State(models.TextChoices):
        PREVIEW = "preview", "Waiting for confirmation"
        IMPORTED = "imported", "Imported"
        DUPLICATE = "duplicate", "Already in the archive"
        DISCARDED = "discarded", "Discarded"

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="files")
    position = models.PositiveSmallIntegerField(default=0)
    filename = models.CharField(max_length=255)
    raw_source = models.TextField(help_text="The uploaded file, verbatim.")
    raw_sha256 = models.CharField(max_length=64)
    text_sha256 = models.CharField(max_length=64)
    # The editor's corrections to the parsed metadata: field name to value.
    corrections = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PREVIEW)
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="import_files"
    )

    objects = ImportFileQuerySet.as_manager()

    class Meta:
        ordering = ["batch", "position"]
        constraints = [
            # Invariant: files keep the order they were uploaded in.
            models.UniqueConstraint(
                fields=["batch", "position"], name="importfile_batch_position_unique"
            ),
            # Invariant: an imported file names its article.
            models.CheckConstraint(
                condition=~Q(state="imported") | Q(article__isnull=False),
                name="importfile_imported_has_article",
            ),
        ]
        indexes = [
            # Serves the admin index's count of previews waiting for confirmation.
            models.Index(
                fields=["batch"], condition=Q(state="preview"), name="importfile_waiting_idx"
            ),
        ]

    def __str__(self):
        return self.filename

    def get_absolute_url(self):
        return reverse("admin:corpus_importfile_change", args=[self.pk])
