"""What every editor's decision keeps: who made it, and when."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Decided(models.Model):
    """A question put to editors (a proposed link, an unknown name) and its answer's author."""

    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def decided(self, user) -> None:
        """Record that `user` decides this now (the caller sets the answer and saves)."""
        self.decided_by, self.decided_at = user, timezone.now()
