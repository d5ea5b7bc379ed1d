from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from corpus.editing.demo import FIRST_NAME, LAST_NAME, PASSWORD, USERNAME
from corpus.editing.workflow import EDITORS, REVIEWERS


class Command(BaseCommand):
    help = "Create the local demo editor account if there is none, and print its login."

    def add_arguments(self, parser):
        parser.add_argument(
            "--site", default="http://127.0.0.1:8000", help="Where the archive is served."
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo editor is for local development only (DEBUG is off).")
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=USERNAME,
            defaults={"is_staff": True, "first_name": FIRST_NAME, "last_name": LAST_NAME},
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
            self.stdout.write(self.style.SUCCESS("Created the demo editor account."))
        # An editor who may also publish, through the groups (corpus/editing/workflow.py).
        user.groups.add(*Group.objects.filter(name__in=[EDITORS, REVIEWERS]))
        self.stdout.write(
            f"Editor login: {options['site'].rstrip('/')}/admin/"
            f"  user “{USERNAME}”  password “{PASSWORD}”"
            + ("" if created else " (unless you changed it)")
        )
