"""cms.cache.FailOpenRedisCache: with Redis down or restarting, pages keep flowing.

Real Redis servers: a private ``redis-server`` on a free loopback port that the test stops and
starts again, and a port where nothing listens.
"""

import os
import shutil
import socket
import subprocess
import time

import pytest
import redis
from django.core.cache.backends.redis import RedisCache
from django.test import override_settings

from cms.cache import RETRY_AFTER, FailOpenRedisCache

from .pages import demo_pages

ALIASES = ["default", "pages"]  # cms/settings/base.py: the cache and the page cache


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cache_at(port, backend=FailOpenRedisCache):
    return backend(f"redis://127.0.0.1:{port}/0", {"KEY_PREFIX": "test-cache"})


@pytest.fixture
def redis_server(tmp_path):
    """A redis-server of the test's own (nothing kept on disk), restartable on its port."""
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not os.access(binary, os.X_OK):
        pytest.skip("redis-server is not installed")
    port = free_port()
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    command += ["--dir", str(tmp_path)]
    servers = []

    def start():
        servers.append(subprocess.Popen(command, stdout=subprocess.DEVNULL))
        client = redis.Redis(port=port)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise AssertionError("redis-server did not start")

    def stop():
        servers[-1].terminate()
        servers[-1].wait(10)

    start()
    yield port, start, stop
    for server in servers:
        if server.poll() is None:
            server.kill()
            server.wait()


def test_django_s_own_redis_cache_raises_when_redis_is_down():
    """Why the project has its own backend (if Django changes this, it may go)."""
    with pytest.raises(redis.ConnectionError):
        cache_at(free_port(), RedisCache).get("key")


def test_every_cache_call_fails_open_and_fast_when_nothing_listens():
    cache = cache_at(free_port())
    started = time.monotonic()
    for _ in range(50):
        assert cache.get("key", "default") == "default"
        cache.set("key", "value")
        assert cache.add("key", "value") is False
        assert cache.get_many(["a", "b"]) == {}
        assert cache.has_key("key") is False
        assert cache.delete("key") is False
        assert cache.touch("key") is False
        assert cache.set_many({"a": 1}) == []
        cache.delete_many(["a"])
        with pytest.raises(ValueError):
            cache.incr("counter")
    assert cache.clear() is False
    assert time.monotonic() - started < 2


def test_the_cache_works_again_by_itself_after_redis_restarts(redis_server, caplog):
    port, start, stop = redis_server
    cache = cache_at(port)
    cache.set("page", "cached")
    assert cache.get("page") == "cached"

    stop()
    assert cache.get("page", "miss") == "miss"  # an empty cache, not an error
    cache.set("page", "while down")
    assert "Redis cache unavailable" in caplog.text

    start()  # Redis keeps nothing on disk: it comes back empty
    time.sleep(RETRY_AFTER + 0.1)
    assert cache.get("page", "miss") == "miss"
    cache.set("page", "cached again")
    assert cache.get("page") == "cached again"
    assert "Redis cache available again" in caplog.text


@pytest.mark.django_db
def test_pages_render_in_every_language_while_redis_is_down(client, language):
    """Wagtail keeps its sites' root paths in the default cache: every page asks it."""
    down = f"redis://127.0.0.1:{free_port()}/0"
    pages = demo_pages(language)
    fail_open = {alias: {"BACKEND": "cms.cache.FailOpenRedisCache", "LOCATION": down} for alias in ALIASES}
    with override_settings(CACHES=fail_open, PAGE_CACHE_ENABLED=True):
        for page in pages:
            assert client.get(page.get_url()).status_code == 200, page.get_url()
    plain = {
        alias: {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": down}
        for alias in ALIASES
    }
    with override_settings(CACHES=plain, PAGE_CACHE_ENABLED=True), pytest.raises(redis.ConnectionError):
        client.get(pages[0].get_url())


def redis_commands(port):
    """``{command: calls}`` the server has answered (Redis's own statistics), but the test's own."""
    stats = redis.Redis(port=port).info("commandstats")
    calls = {name.removeprefix("cmdstat_"): value["calls"] for name, value in stats.items()}
    return {name: n for name, n in calls.items() if not name.startswith(("config", "hello", "info"))}


@pytest.mark.django_db
def test_a_page_cache_hit_is_one_round_trip_to_a_real_redis(client, redis_server):
    """The generation, the seminar boundary and the page are read with one MGET, by a reused client."""
    port, _start, _stop = redis_server
    location = f"redis://127.0.0.1:{port}/0"
    shared = {alias: {"BACKEND": "cms.cache.FailOpenRedisCache", "LOCATION": location} for alias in ALIASES}
    url = demo_pages("nb")[0].get_url()
    with override_settings(CACHES=shared, PAGE_CACHE_ENABLED=True):
        from django.core.cache import caches

        assert client.get(url)["X-Page-Cache"] == "miss"
        assert client.get(url)["X-Page-Cache"] == "hit"
        redis.Redis(port=port).config_resetstat()
        response = client.get(url)
        assert response["X-Page-Cache"] == "hit"
        assert redis_commands(port) == {"mget": 1}
        # Django's backend builds a redis.Redis per call; this one keeps one per connection pool.
        backend = caches["pages"]._cache
        assert backend.get_client() is backend.get_client()
