"""``/healthz``: 200 when the database and the cache answer, 503 otherwise, and nothing else said."""

import json
import socket
import threading
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client, override_settings

from home import health

pytestmark = pytest.mark.django_db

OK = {"status": "ok"}
UNAVAILABLE = {"status": "unavailable"}


def get(path="/healthz", **kwargs):
    return Client(raise_request_exception=False).get(path, **kwargs)


def assert_answer(response, status, body):
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == body  # nothing else: no version, no error, no host
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control and "no-cache" in cache_control


def test_healthy(django_assert_max_num_queries):
    with django_assert_max_num_queries(1):  # one trivial query, nothing else (no session, no user)
        response = get()
    assert_answer(response, 200, OK)
    assert not response.cookies
    assert "X-Page-Cache" not in response  # never from the page cache
    assert len(response.content) < 40


def test_it_has_no_language_prefix_and_only_answers_reads():
    assert get("/healthz", headers={"accept-language": "nb"}).status_code == 200
    assert Client(raise_request_exception=False).get("/pl/healthz", follow=True).status_code == 404
    assert Client().post("/healthz").status_code == 405
    assert Client().head("/healthz").status_code == 200


def test_database_down():
    error = OperationalError('connection to server at "db.internal" (10.0.0.5), port 5432 failed')
    with mock.patch.object(connection, "cursor", side_effect=error):
        response = get()
    assert_answer(response, 503, UNAVAILABLE)
    assert b"db.internal" not in response.content


def test_database_gives_a_wrong_answer():
    with mock.patch.object(health, "database_answers", return_value=False):
        assert_answer(get(), 503, UNAVAILABLE)


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_cache_down():
    """A real cache client whose server does not answer (Redis on a port nothing listens on)."""
    unreachable = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{closed_port()}/3",
        "OPTIONS": {"socket_connect_timeout": 1},
    }
    with override_settings(CACHES={"default": unreachable, "pages": unreachable}):
        response = get()
    assert_answer(response, 503, UNAVAILABLE)
    assert b"redis" not in response.content.lower()


def test_cache_that_forgets():
    """A cache that accepts a value and does not give it back is not working either."""
    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}):
        assert_answer(get(), 503, UNAVAILABLE)


def test_concurrent_polls_do_not_read_each_others_token():
    """Each process and thread has its own key: one poll's token never fails another's check."""
    keys, results = [], []

    def poll():
        keys.append(health.cache_key())
        results.append(health.cache_answers())

    poll()
    thread = threading.Thread(target=poll)
    thread.start()
    thread.join()
    assert results == [True, True]
    assert len(set(keys)) == 2


def test_https_redirect_spares_it():
    with override_settings(SECURE_SSL_REDIRECT=True):
        assert get().status_code == 200
        assert get("/pl/").status_code == 301
