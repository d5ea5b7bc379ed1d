import secrets
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from corpus.editing.workflow import EDITORS, REVIEWERS

GENERATED_PASSWORD_BYTES = 15


class Command(BaseCommand):
    stealth_options = ("stdin",)
    help = (
        "Create a staff account in the Editors group (and Reviewers with --reviewer). "
        "Without --password-from-stdin a random password is generated and printed once."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="The login name.")
        parser.add_argument(
            "--reviewer", action="store_true", help="May also publish and unpublish."
        )
        parser.add_argument("--email", default="", help="The editor's e-mail address.")
        parser.add_argument(
            "--password-from-stdin",
            action="store_true",
            help="Read the password from the first line of standard input.",
        )

    def handle(self, *args, name, reviewer, email, password_from_stdin, **options):
        User = get_user_model()
        try:
            User.username_validator(name)
        except ValidationError:
            raise CommandError(
                f"“{name}” is not a valid login name: use letters, digits and @/./+/-/_ only."
            ) from None
        if len(name) > User._meta.get_field("username").max_length:
            raise CommandError(f"“{name}” is too long for a login name.")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                raise CommandError(f"“{email}” is not a valid e-mail address.") from None
        if User.objects.filter(username__iexact=name).exists():
            raise CommandError(f"A user named “{name}” already exists.")
        groups = list(
            Group.objects.filter(name__in=[EDITORS, REVIEWERS] if reviewer else [EDITORS])
        )
        if len(groups) != (2 if reviewer else 1):
            raise CommandError("The Editors and Reviewers groups are missing: run migrate first.")

        user = User(username=name, email=email, is_staff=True)
        generated = not password_from_stdin
        if generated:
            password = secrets.token_urlsafe(GENERATED_PASSWORD_BYTES)
        else:
            password = self.read(options.get("stdin") or sys.stdin)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError("The password is refused: " + " ".join(error.messages)) from None
        user.set_password(password)
        with transaction.atomic():
            user.save()
            user.groups.set(groups)

        role = "reviewer (may publish)" if reviewer else "editor"
        self.stdout.write(self.style.SUCCESS(f"Created {role} “{name}”."))
        if generated:
            self.stdout.write(f"Password (shown only now): {password}")

    def read(self, stdin) -> str:
        password = stdin.readline().rstrip("\r\n")
        if not password:
            raise CommandError("No password on standard input.")
        return password
