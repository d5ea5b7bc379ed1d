from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CorpusConfig(AppConfig):
    name = "corpus"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from corpus.workflow import ensure_groups

        # After the permissions exist: migrate, and flush (which empties the groups).
        post_migrate.connect(ensure_groups, sender=self)
