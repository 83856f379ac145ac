import json

from django.core.management.base import BaseCommand

from votes.models import Vote


class Command(BaseCommand):
    help = (
        "Write every vote as JSON lines (city slug, voter hash, time cast) to a file or to standard output, "
        "so votes survive a database move (read back with import_votes)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, *args, output=None, **options):
        if output:
            with open(output, "w", encoding="utf-8") as stream:
                count = self.write_votes(stream.write)
        else:
            count = self.write_votes(self.stdout.write)
        self.stderr.write(f"Exported {count} votes.")

    def write_votes(self, write):
        votes = Vote.objects.order_by("created_at", "id").values_list("city__slug", "voter_hash", "created_at")
        count = 0
        for city_slug, voter_hash, created_at in votes.iterator(chunk_size=2000):
            record = {"city": city_slug, "voter_hash": voter_hash, "created_at": created_at.isoformat()}
            write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
        return count
