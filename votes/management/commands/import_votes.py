import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.dateparse import parse_datetime

from cities.models import City
from votes.models import Vote
from votes.voting import HASH_PATTERN


class Command(BaseCommand):
    help = (
        "Read votes written by export_votes (JSON lines: city, voter_hash, created_at) from a file or standard "
        "input. Votes already present are kept as they are, so importing twice changes nothing. A malformed "
        "line or an unknown city stops the import before anything is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="file to read (default: standard input)")

    def handle(self, *args, path=None, **options):
        if path:
            try:
                with open(path, encoding="utf-8-sig") as stream:
                    lines = stream.readlines()
            except OSError as error:
                raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        else:
            lines = sys.stdin.readlines()

        city_ids = dict(City.objects.values_list("slug", "id"))
        votes = {}
        for number, line in enumerate(lines, start=1):
            if line.strip():
                city_slug, voter_hash, created_at = self.parse(line, number, city_ids)
                votes.setdefault((city_slug, voter_hash), created_at)

        before = Vote.objects.count()
        with transaction.atomic():
            Vote.objects.bulk_create(
                [
                    Vote(city_id=city_ids[city_slug], voter_hash=voter_hash, created_at=created_at)
                    for (city_slug, voter_hash), created_at in votes.items()
                ],
                batch_size=2000,
                ignore_conflicts=True,
            )
        added = Vote.objects.count() - before
        self.stdout.write(f"Imported {added} votes; {len(votes) - added} were already present.")

    def parse(self, line, number, city_ids):
        try:
            record = json.loads(line)
            city_slug, voter_hash, created_at = record["city"], record["voter_hash"], record["created_at"]
        except (ValueError, TypeError, KeyError) as error:
            raise CommandError(
                f"Line {number}: expected a JSON object with city, voter_hash and created_at. Nothing was imported."
            ) from error
        if city_slug not in city_ids:
            raise CommandError(f"Line {number}: unknown city {city_slug!r}. Nothing was imported.")
        if not isinstance(voter_hash, str) or not HASH_PATTERN.fullmatch(voter_hash):
            raise CommandError(f"Line {number}: voter_hash must be 64 hexadecimal digits. Nothing was imported.")
        moment = parse_datetime(created_at) if isinstance(created_at, str) else None
        if moment is None or moment.tzinfo is None:
            raise CommandError(
                f"Line {number}: created_at must be an ISO 8601 time with its offset. Nothing was imported."
            )
        return city_slug, voter_hash, moment
