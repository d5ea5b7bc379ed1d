from django.core.management.base import BaseCommand

from corpus.editing.demo import USERNAME, demo_account


class Command(BaseCommand):
    help = (
        f"Delete `make run`'s demo account (“{USERNAME}”), which a production archive "
        "refuses to start with. Its edits stay in the history, unattributed."
    )
    # The check this command answers would otherwise stop it from running.
    requires_system_checks = []

    def handle(self, *args, **options):
        user = demo_account()
        if user is None:
            self.stdout.write("There is no demo account.")
            return
        user.delete()
        self.stdout.write(self.style.SUCCESS(f"Removed the demo account “{USERNAME}”."))
