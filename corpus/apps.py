"""The corpus app's wiring, done once the models are loaded: the admin, the
editorial groups, and re-anchoring on body edits. The models send signals; this
is the one place that connects the services answering them."""

from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate, pre_save


class CorpusConfig(AppConfig):
    name = "corpus"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, as Django requires: these import the models, which are loaded now.
        from taggit.models import Tag

        from corpus.anchoring.reanchoring import reanchor_on_body_change
        from corpus.editing import admin  # noqa: F401  (registers the editorial admin)
        from corpus.editing.demo import refuse_demo_account_in_production
        from corpus.editing.workflow import ensure_groups
        from corpus.models import Article, body_changed, give_tag_a_routable_slug

        body_changed.connect(reanchor_on_body_change, sender=Article, dispatch_uid="reanchor")
        # Every tag's page must be routable, whatever script or punctuation its name is in.
        pre_save.connect(give_tag_a_routable_slug, sender=Tag, dispatch_uid="tag_slug")
        # With DEBUG off, `make run`'s demo account stops every command and server start.
        checks.register(refuse_demo_account_in_production)
        # After the permissions exist: migrate, and flush (which empties the groups).
        post_migrate.connect(ensure_groups, sender=self)
