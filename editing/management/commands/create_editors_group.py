from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from editing import editors


class Command(BaseCommand):
    help = (
        "Create or update the Editors group: add, change and view the report's content, delete initiatives and "
        "figures, import and export; no users, groups or permissions, and no deleting history. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--user",
            action="append",
            default=[],
            metavar="USERNAME",
            help="also make this existing user staff and an editor (may be repeated)",
        )

    def handle(self, *args, user, verbosity=1, **options):
        group, created, count = editors.create_editors_group()
        if verbosity:
            verb = "Created" if created else "Updated"
            self.stdout.write(f"{verb} the {group.name} group with {count} permissions.")
        users = get_user_model().objects.filter(username__in=user)
        missing = set(user) - {account.username for account in users}
        if missing:
            raise CommandError(f"No such user: {', '.join(sorted(missing))} (create it with createsuperuser or admin)")
        for account in users:
            editors.make_editor(account, group)
            if verbosity:
                self.stdout.write(f"{account.username} is now staff and an editor.")
