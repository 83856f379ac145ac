"""Votes survive a database move: export_votes writes them out, import_votes reads them back, idempotently."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command

from cities.models import City
from votes import voting as votes
from votes.models import Vote

UTC = datetime.UTC


@pytest.fixture
def some_votes(report_data):
    chaoyang, haidian, jixi = (City.objects.get(slug=slug) for slug in ("chaoyang", "haidian", "jixi"))
    reader, other = votes.voter_hash("reader-token"), votes.voter_hash("other-token")
    Vote.objects.bulk_create(
        [
            Vote(city=chaoyang, voter_hash=reader, created_at=datetime.datetime(2026, 2, 1, 8, 30, tzinfo=UTC)),
            Vote(city=haidian, voter_hash=reader, created_at=datetime.datetime(2026, 2, 1, 8, 31, tzinfo=UTC)),
            Vote(city=jixi, voter_hash=other, created_at=datetime.datetime(2026, 2, 3, 21, 5, 7, 123456, tzinfo=UTC)),
        ]
    )
    return snapshot()


def snapshot():
    return sorted(Vote.objects.values_list("city__slug", "voter_hash", "created_at"))


def export():
    out = io.StringIO()
    call_command("export_votes", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def import_from(path):
    out = io.StringIO()
    call_command("import_votes", str(path), stdout=out)
    return out.getvalue()


def test_export_writes_one_json_line_per_vote(some_votes):
    lines = export().splitlines()

    assert [json.loads(line) for line in lines] == [
        {"city": slug, "voter_hash": voter_hash, "created_at": created_at.isoformat()}
        for slug, voter_hash, created_at in sorted(some_votes, key=lambda row: row[2])
    ]


def test_export_then_import_into_an_empty_table_gives_the_same_votes(some_votes, tmp_path):
    path = tmp_path / "votes.jsonl"
    call_command("export_votes", output=str(path), stderr=io.StringIO())
    Vote.objects.all().delete()

    message = import_from(path)

    assert message.strip() == "Imported 3 votes; 0 were already present."
    assert snapshot() == some_votes  # cast times are kept, not reset to the time of the import


def test_importing_twice_changes_nothing(some_votes, tmp_path):
    path = tmp_path / "votes.jsonl"
    path.write_text(export(), encoding="utf-8")

    message = import_from(path)

    assert message.strip() == "Imported 0 votes; 3 were already present."
    assert snapshot() == some_votes


def test_import_adds_only_the_missing_votes(some_votes, tmp_path):
    path = tmp_path / "votes.jsonl"
    path.write_text(export(), encoding="utf-8")
    Vote.objects.filter(city__slug="jixi").delete()

    assert import_from(path).strip() == "Imported 1 votes; 2 were already present."
    assert snapshot() == some_votes


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("not json", "Line 2: expected a JSON object"),
        ('{"city": "atlantis", "voter_hash": "%s", "created_at": "2026-02-01T08:30:00+00:00"}', "unknown city"),
        ('{"city": "ordos", "voter_hash": "203.0.113.7", "created_at": "2026-02-01T08:30:00+00:00"}', "64 hex"),
        ('{"city": "ordos", "voter_hash": "%s", "created_at": "yesterday"}', "ISO 8601"),
        ('{"city": "ordos", "voter_hash": "%s", "created_at": "2026-02-01T08:30:00"}', "ISO 8601"),
        ('{"city": "ordos", "created_at": "2026-02-01T08:30:00+00:00"}', "expected a JSON object"),
    ],
)
def test_a_malformed_file_imports_nothing(some_votes, tmp_path, bad_line, message):
    good = json.dumps({"city": "ordos", "voter_hash": "a" * 64, "created_at": "2026-02-01T08:30:00+00:00"})
    path = tmp_path / "votes.jsonl"
    path.write_text(good + "\n" + bad_line.replace("%s", "b" * 64) + "\n", encoding="utf-8")

    with pytest.raises(CommandError, match=message):
        import_from(path)

    assert snapshot() == some_votes


def test_a_missing_file_is_a_clear_error(report_data, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        import_from(tmp_path / "missing.jsonl")
