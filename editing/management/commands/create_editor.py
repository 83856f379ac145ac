import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, no_translations
from django.db import transaction

from editing import editors

PASSWORD_VARIABLE = "DJANGO_EDITOR_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create an editor's account: staff, not a superuser, in the Editors group (created or reset first). "
        f"Asks for the password, or with --noinput reads it from {PASSWORD_VARIABLE}."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", help=f"read {PASSWORD_VARIABLE}"
        )

    @no_translations
    def handle(self, *args, username, email, interactive, verbosity=1, **options):
        users = get_user_model()
        if users.objects.filter(username=username).exists():
            raise CommandError(
                f"A user named {username} exists already; make them an editor with "
                f"`manage.py create_editors_group --user {username}`."
            )
        password = self.ask_password() if interactive else os.environ.get(PASSWORD_VARIABLE, "")
        if not password:
            raise CommandError(f"No password: set {PASSWORD_VARIABLE} with --noinput, or run without it to be asked.")
        user = users(username=username, email=email)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        with transaction.atomic():
            group, _created, _count = editors.create_editors_group()
            user.set_password(password)
            user.save()
            editors.make_editor(user, group)
        if verbosity:
            self.stdout.write(f"Created {username}: staff and an editor (not a superuser); sign in at /admin/.")

    def ask_password(self):
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ; nothing was created.")
        return password
