from django.core.management.commands import makemessages


class Command(makemessages.Command):
    """Django's makemessages without `#: file:line` references: the committed catalogs change only when a message
    does, not each time a template gains a line (`--add-location` still writes them)."""

    def handle(self, *args, **options):
        if not options.get("add_location"):
            options["no_location"] = True
        return super().handle(*args, **options)
