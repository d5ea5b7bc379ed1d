"""The two editorial groups (see corpus/editing/workflow.py):

- Editors may view, add, change and delete the archive's content and tags, but
  not publish, and never administer users or groups;
- Reviewers have the Editors' permissions and may also publish and unpublish.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_MODELS = {
    "corpus": [
        "article",
        "actor",
        "organization",
        "authorship",
        "comment",
        "mention",
        "annotation",
        "claim",
        "taggedarticle",
        "taggedannotation",
        "taggedclaim",
    ],
    "taggit": ["tag"],
}
ACTIONS = ["view", "add", "change", "delete"]
PUBLISH = ["publish_article", "publish_annotation", "publish_claim"]


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; these groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editing = [
        Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}")
        for app_label, models in CONTENT_MODELS.items()
        for model in models
        for action in ACTIONS
    ]
    publishing = [
        Permission.objects.get(content_type__app_label="corpus", codename=codename)
        for codename in PUBLISH
    ]
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.set(editing)
    reviewers, _ = Group.objects.get_or_create(name="Reviewers")
    reviewers.permissions.set(editing + publishing)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Reviewers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("corpus", "0005_orphaned_mentions_unchecked"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
