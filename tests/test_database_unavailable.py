"""When the database is down or restarts, visitors get a short 503 page, and the site recovers by itself.

gunicorn runs with the production settings (deploy/gunicorn.conf.py) on a free loopback port;
the database errors are real ones from the driver: a server that refuses connections, and, on
PostgreSQL, the server ending the site's open connection as a restart does.
"""

import contextlib
import os
import socket
import subprocess
import sys

import pytest
import requests
from django.conf import settings
from django.db import connection

from deploy import serve

SECRET = "a-long-random-secret-for-the-tests-only-0123456789abcdef"
UNAVAILABLE = {
    "pl": "Strona jest chwilowo niedostępna",
    "nb": "Nettstedet er midlertidig utilgjengelig",
    "is": "Vefurinn er ekki aðgengilegur í augnablikinu",
    "en": "The site is briefly unavailable",
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def closed_port():
    """A loopback port nothing listens on: connections to it are refused at once."""
    return free_port()


@contextlib.contextmanager
def gunicorn(tmp_path, database_url, **extra):
    port = free_port()
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AWS_", "DATABASE_"))}
    env = {
        **clean,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "GUNICORN_ACCESS_LOG": "",
        **extra,
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        timeout=120,
    )
    log = open(tmp_path / "gunicorn.log", "w+")  # noqa: SIM115
    process = serve.start_gunicorn(env, f"127.0.0.1:{port}", run_dir=tmp_path, workers=1, log=log)
    try:
        serve.wait_for_socket(f"127.0.0.1:{port}", process)
        yield f"http://127.0.0.1:{port}", tmp_path / "gunicorn.log"
    finally:
        process.terminate()
        process.wait(40)
        log.close()


def test_a_database_that_refuses_connections_gets_a_short_503_page_in_the_visitors_language(tmp_path):
    url = f"postgres://postgres@127.0.0.1:{closed_port()}/cms"
    with gunicorn(tmp_path, url) as (base, log):
        for language, title in UNAVAILABLE.items():
            # A hang would end in requests' timeout (ReadTimeout fails the test).
            response = requests.get(f"{base}/{language}/", timeout=20)
            assert response.status_code == 503
            assert f'lang="{language}"' in response.text and title in response.text
            assert response.headers["Retry-After"].isdigit()
            assert "no-store" in response.headers["Cache-Control"]
            assert "Traceback" not in response.text and "OperationalError" not in response.text
            assert len(response.content) < 4000
        # Not only pages: the admin's login (sessions, users) answers the same way.
        assert requests.get(f"{base}/admin/login/", timeout=20).status_code == 503
        assert "Service Unavailable: /en/" in log.read_text()  # the operator still sees why


@pytest.mark.django_db
def test_the_site_recovers_by_itself_when_postgresql_ends_its_connections(tmp_path):
    """A restart ends every open connection: the next request reconnects (CONN_HEALTH_CHECKS)."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (scripts/test-postgres.sh)")
    params = connection.get_connection_params()
    url = "postgres://{user}@{host}:{port}/{dbname}".format(
        user=params.get("user", "postgres"),
        host=params.get("host") or "127.0.0.1",
        port=params.get("port") or 5432,
        dbname=connection.settings_dict["NAME"],
    )
    with gunicorn(tmp_path, url, CONN_MAX_AGE="600") as (base, _log):
        assert requests.get(f"{base}/nb/", timeout=20).status_code == 200
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            assert cursor.fetchall(), "the site's persistent connection was open"
        for language in UNAVAILABLE:
            assert requests.get(f"{base}/{language}/", timeout=20).status_code == 200
