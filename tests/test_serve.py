"""``make serve``: the production stack (nginx in front of gunicorn, cms.settings.production).

The stack is started as ``make serve`` starts it (``python -m deploy.serve``), on a fresh
SQLite database with the demo content and throw-away media, static and run folders, and
stopped as Ctrl-C stops it. Requests go through nginx on a free loopback port.
"""

import os
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.parse

import pytest
import requests
from bs4 import BeautifulSoup
from django.conf import settings

from deploy import serve

LANGUAGES = [code for code, _name in settings.LANGUAGES]
IMMUTABLE = "public, max-age=31536000, immutable"

pytestmark = pytest.mark.skipif(
    not (shutil.which("nginx") or os.access("/usr/sbin/nginx", os.X_OK)) and not os.environ.get("CI"),
    reason="nginx is not installed (make test installs it with root rights)",
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    """A redis-server of the test's own: the page cache must not mix with another site's."""
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not os.access(binary, os.X_OK):
        pytest.skip("redis-server is not installed")
    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    server = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            folder,
        ],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(10)


@pytest.fixture(scope="module")
def stack(tmp_path_factory, redis_url):
    folder = tmp_path_factory.mktemp("serve")
    port = free_port()
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AWS_"))}
    env = {
        **clean,
        "PORT": str(port),
        "SERVE_RUN_DIR": str(folder / "run"),
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "STATIC_ROOT": str(folder / "static"),
        "REDIS_URL": redis_url,
        "WEB_CONCURRENCY": "2",
    }
    env.pop("SECRET_KEY", None)
    env.pop("ALLOWED_HOSTS", None)
    log = open(folder / "serve.log", "w+")  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "deploy.serve"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, signalled below as a terminal's Ctrl-C is
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 240
    while "Serving the production stack" not in (folder / "serve.log").read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("make serve did not start:\n" + (folder / "serve.log").read_text()[-3000:])
        time.sleep(0.5)
    yield {"base": base, "folder": folder, "process": process, "log": folder / "serve.log", "env": env}
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(60)
    log.close()


def get(stack, path, **kwargs):
    return requests.get(stack["base"] + path, timeout=30, allow_redirects=False, **kwargs)


def crawl(stack, language):
    """Every page of one language reachable from its home page, with the images it shows."""
    seen, queue, images = set(), [f"/{language}/"], set()
    skip = re.compile(rf"^/{language}/(search|feeds|calendar)/")
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        response = get(stack, path)
        assert response.status_code == 200, path
        soup = BeautifulSoup(response.text, "html.parser")
        for img in soup.find_all(["img", "source"]):
            for url in [img.get("src")] + re.findall(r"(\S+)\s+\d+[wx]", img.get("srcset", "")):
                if url:
                    images.add(url)
        for link in soup.find_all("a", href=True):
            href = urllib.parse.urlsplit(link["href"])
            if not href.netloc and href.path.startswith(f"/{language}/") and not skip.match(href.path):
                queue.append(href.path)
    return seen, images


def test_the_local_defaults_keep_a_generated_secret_key_private_and_stable(tmp_path):
    given = {"DATABASE_URL": "postgres://db/cms"}
    env, defaults = serve.local_environment(given, port=8123, run_dir=tmp_path)
    again, _ = serve.local_environment({}, run_dir=tmp_path)
    assert env["DATABASE_URL"] == "postgres://db/cms" and "DATABASE_URL" not in defaults
    assert env["DJANGO_SETTINGS_MODULE"] == "cms.settings.production"
    assert env["SECURE_SSL_REDIRECT"] == "0" and env["WAGTAILADMIN_BASE_URL"] == "http://127.0.0.1:8123"
    assert set(env["ALLOWED_HOSTS"].split(",")) == {"127.0.0.1", "localhost", "[::1]"}
    assert len(env["SECRET_KEY"]) >= 50 and env["SECRET_KEY"] == again["SECRET_KEY"]
    assert stat.S_IMODE((tmp_path / "secret-key").stat().st_mode) == 0o600
    assert serve.local_environment({"SECRET_KEY": "given"}, run_dir=tmp_path)[0]["SECRET_KEY"] == "given"


def test_the_rendered_nginx_configuration_is_valid(tmp_path):
    conf = serve.write_nginx_config(
        tmp_path,
        listen="127.0.0.1:8080",
        upstreams=["unix:/tmp/a.sock", "127.0.0.1:8001", "127.0.0.1:8002"],
        static_root=tmp_path / "static",
        media_root=tmp_path / "media",
    )
    text = conf.read_text()
    assert "{{" not in text and "server 127.0.0.1:8002;" in text
    result = serve.check_nginx_config(conf, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_every_page_and_image_loads_through_the_proxy_in_every_language(stack):
    for language in LANGUAGES:
        pages, images = crawl(stack, language)
        assert len(pages) >= 10, (language, pages)
        media = sorted(url for url in images if url.startswith("/media/"))
        assert media, f"no uploaded image on the {language} pages"
        for url in images:
            response = get(stack, url)
            assert response.status_code == 200, url
            assert response.headers["Content-Type"].startswith("image/"), url
            assert response.content, url
        rendition = next(url for url in media if url.startswith("/media/images/"))
        headers = get(stack, rendition).headers
        assert headers["Cache-Control"] == IMMUTABLE
        assert headers["Server"] == "nginx"  # from disk, not through Django


def test_static_files_are_hashed_immutable_and_compressed(stack):
    home = get(stack, "/en/").text
    css = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home).group(1)
    response = get(stack, css, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == IMMUTABLE
    assert response.headers["Content-Encoding"] == "gzip"
    assert "body" in response.text
    # Pages are compressed on the way out too.
    page = get(stack, "/is/", headers={"Accept-Encoding": "gzip"})
    assert page.headers["Content-Encoding"] == "gzip" and 'lang="is"' in page.text


def test_documents_are_served_by_django_never_from_disk(stack):
    seminar_links = []
    for path in crawl(stack, "pl")[0]:
        seminar_links += re.findall(r'href="(/documents/[^"]+)"', get(stack, path).text)
    assert seminar_links, "the demo seminar links its presentations"
    document = get(stack, seminar_links[0])
    assert document.status_code == 200 and "Server" in document.headers
    stored = next((stack["folder"] / "media" / "documents").iterdir())
    assert get(stack, f"/media/documents/{stored.name}").status_code == 404


def test_the_proxy_passes_the_host_and_sets_the_forwarded_protocol(stack):
    host = urllib.parse.urlsplit(stack["base"]).netloc
    assert get(stack, "/pl/", headers={"Host": host.replace("127.0.0.1", "localhost")}).status_code == 200
    assert get(stack, "/pl/", headers={"Host": "attacker.example"}).status_code == 400
    # A client claiming HTTPS over plain HTTP is not believed: nginx replaces the header,
    # so Django does not treat the request as secure (no HSTS header).
    response = get(stack, "/pl/", headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 200 and "Strict-Transport-Security" not in response.headers
    log = stack["log"].read_text()
    assert re.search(r'^127\.0\.0\.1 - - \[.*\] "GET /pl/ HTTP/1\.[01]" 200 ', log, re.M)


def test_ctrl_c_stops_everything(stack):
    process = stack["process"]
    os.killpg(process.pid, signal.SIGINT)
    assert process.wait(60) is not None
    time.sleep(0.5)
    with pytest.raises(ProcessLookupError):
        os.killpg(process.pid, 0)  # nothing of the group is left: gunicorn and nginx stopped too
    assert serve.port_is_free(int(stack["env"]["PORT"]))
    assert "Stopped." in stack["log"].read_text()
