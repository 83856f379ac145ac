"""More than one app server: a cache shared through Redis, and content reads sent to a read replica."""

import socket
import uuid

import pytest

from tests.production import manage, printed, production_env, run_python

REDIS_URL = "redis://127.0.0.1:6379/0"


def redis_is_running():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_is_running(), reason="no Redis server on 127.0.0.1:6379")
def test_two_app_processes_share_the_cache_through_redis(tmp_path):
    env = production_env(
        DJANGO_HTTPS="0",
        DATABASE_URL=f"sqlite:///{tmp_path / 'cache.sqlite3'}",
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=f"test-{uuid.uuid4().hex}",
    )
    setup = "import django; django.setup(); from django.core.cache import caches; cache = caches['default'];"
    written = run_python(setup + "cache.set('greeting', '你好', 60); print(type(cache).__name__)", env=env)
    assert written.returncode == 0, written.stderr
    assert printed(written) == ["RedisCache"]
    read = run_python(setup + "print(cache.get('greeting')); cache.delete('greeting')", env=env)
    assert printed(read) == ["你好"]


ROUTING = """
import django; django.setup()
from django.contrib.auth.models import User
from django.db import transaction
from cities.models import City, Province
from votes.models import Vote
province = Province.objects.create(slug="routing-test", name_zh="測", name_en="Test", kind="province")
city = City.objects.create(province=province, slug="routing-city", name_zh="測", name_en="T", level="county_city",
                           summary_zh="-", summary_en="-")
Vote.objects.create(city=city, voter_hash="a" * 64)
User.objects.create(username="routing")
print("content read from the replica:", Province.objects.filter(slug="routing-test").exists())
with transaction.atomic():
    print("content read inside a transaction:", Province.objects.filter(slug="routing-test").exists())
print("votes read:", Vote.objects.filter(city__slug="routing-city").exists())
print("users read:", User.objects.filter(username="routing").exists())
"""


def test_content_reads_go_to_the_replica_and_the_rest_to_the_primary(tmp_path):
    """Two separate SQLite files stand in for a primary and a lagging replica: a row just written to the primary
    is invisible through the replica, so each read shows where it went."""
    primary, replica = f"sqlite:///{tmp_path / 'primary.sqlite3'}", f"sqlite:///{tmp_path / 'replica.sqlite3'}"
    for url in (primary, replica):
        assert manage("migrate", "--noinput", "-v0", env=production_env(DATABASE_URL=url)).returncode == 0
    env = production_env(DATABASE_URL=primary, DATABASE_REPLICA_URL=replica)
    result = run_python(ROUTING, env=env)
    assert result.returncode == 0, result.stderr
    assert printed(result) == [
        "content read from the replica: False",
        "content read inside a transaction: True",
        "votes read: True",
        "users read: True",
    ]
