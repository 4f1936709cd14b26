"""The production stack for the operations scripts (multi_server.py, load.py, faults.py).

Starts on loopback only, from deploy/serve.py's pieces: one or more gunicorn instances
(deploy/gunicorn.conf.py), nginx in front of them (deploy/nginx.conf.template), the production
settings, a PostgreSQL database and a Redis database. Each process gets its own process group
and log file in the run folder, and everything is stopped on exit.
"""

import os
import signal
import subprocess
import sys
import tempfile
import urllib.parse
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from deploy import serve  # noqa: E402

PG_SERVER = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2")
PYTHON = sys.executable


def recreate_database(server_url, name):
    """An empty PostgreSQL database ``name`` on ``server_url`` (dropped first if it exists)."""
    import psycopg2

    parts = urllib.parse.urlsplit(server_url)
    admin = psycopg2.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or None,
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    return f"{server_url.rstrip('/')}/{name}"


def flush_redis(url):
    """Empty the stack's Redis database: pages cached by an earlier run came from another database."""
    import redis

    redis.Redis.from_url(url).flushdb()


def environment(database_url, redis_url=REDIS_URL, folder=None, **extra):
    """The production settings' environment for the stack, in a throw-away folder (Redis emptied)."""
    flush_redis(redis_url)
    folder = Path(folder or tempfile.mkdtemp(prefix="ops-bench-"))
    env, _defaults = serve.local_environment(
        {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AWS_"))},
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "MEDIA_ROOT": str(folder / "media"),
            "STATIC_ROOT": str(folder / "static"),
            "SECRET_KEY": "bench-only-" + os.urandom(24).hex(),
            **extra,
        },
        run_dir=folder,
    )
    return env, folder


class Stack:
    """gunicorn instances (``app_ports``) behind nginx on ``proxy_port``; a context manager."""

    def __init__(self, env, folder, *, proxy_port, app_ports, workers=2):
        self.env, self.folder = env, Path(folder)
        self.proxy_port, self.app_ports, self.workers = proxy_port, list(app_ports), workers
        self.apps, self.nginx = {}, None
        self.url = f"http://127.0.0.1:{proxy_port}"

    def app_url(self, port):
        return f"http://127.0.0.1:{port}"

    def log(self, name):
        return self.folder / f"{name}.log"

    def start_app(self, port):
        log = open(self.log(f"gunicorn-{port}"), "a")  # noqa: SIM115
        process = serve.start_gunicorn(
            self.env,
            f"127.0.0.1:{port}",
            run_dir=self.folder,
            name=f"cms-{port}",
            workers=self.workers,
            new_session=True,
            log=log,
        )
        self.apps[port] = process
        serve.wait_for_socket(f"127.0.0.1:{port}", process)
        return process

    def start(self):
        for port in self.app_ports:
            if not serve.port_is_free(port):
                raise SystemExit(f"Port {port} is in use.")
            self.start_app(port)
        conf = serve.write_nginx_config(
            self.folder,
            listen=f"127.0.0.1:{self.proxy_port}",
            upstreams=[f"127.0.0.1:{port}" for port in self.app_ports],
            static_root=self.env["STATIC_ROOT"],
            media_root=self.env["MEDIA_ROOT"],
            access_log="off",
        )
        checked = serve.check_nginx_config(conf, self.folder)
        if checked.returncode:
            raise SystemExit(checked.stderr)
        log = open(self.log("nginx"), "a")  # noqa: SIM115
        self.nginx = serve.start_nginx(conf, self.folder, new_session=True, log=log)
        serve.wait_for_http(f"{self.url}/pl/", self.nginx)
        return self

    def worker_pids(self, port):
        """The worker processes of the gunicorn instance on ``port`` (children of its master)."""
        master = self.apps[port].pid
        children = Path(f"/proc/{master}/task/{master}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def stop(self):
        processes = [(p, signal.SIGTERM) for p in self.apps.values()]
        if self.nginx:
            processes.append((self.nginx, signal.SIGQUIT))
        serve.stop(processes, timeout=40)

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc):
        self.stop()


def prepare(env):
    """migrate, the demo content, collectstatic: what a deploy runs before starting."""
    serve.prepare(env)


@contextmanager
def django_setup(env):
    """This process with the stack's settings (to look up pages, create a user)."""
    os.environ.update(env)
    import django

    django.setup()
    yield


def print_settings(env):
    """The cache and session settings the stack runs with (whatever main has)."""
    out = subprocess.run(
        [
            PYTHON,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print('  cache:', {k: v['BACKEND'] for k, v in s.CACHES.items()}); "
            "print('  sessions:', s.SESSION_ENGINE)",
        ],
        cwd=serve.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    print(out.stdout.rstrip() or out.stderr[-500:])


LANGUAGES = ["pl", "nb", "is", "en"]
WRK_SCRIPT = Path(__file__).resolve().parent / "wrk_pages.lua"


def crawl_paths(base, languages=LANGUAGES, limit=400):
    """The public pages of every language, found from each home page (a few searches added)."""
    import re

    import requests

    found = []
    for language in languages:
        queue, seen = [f"/{language}/"], set()
        while queue and len(seen) < limit:
            path = queue.pop(0)
            if path in seen:
                continue
            seen.add(path)
            response = requests.get(base + path, timeout=60, allow_redirects=False)
            if response.status_code != 200:
                continue
            found.append(path)
            for link in re.findall(r'href="(/[^"#?]*)"', response.text):
                if link.startswith(f"/{language}/") and not re.match(
                    rf"/{language}/(search|feeds|calendar)/", link
                ):
                    queue.append(link)
    return found


def ensure_wrk():
    """wrk from Debian's packages (scripts/ensure-system-packages.sh installs it when missing)."""
    subprocess.run([str(serve.BASE_DIR / "scripts" / "ensure-system-packages.sh"), "wrk"], check=True)
    import shutil

    return shutil.which("wrk")


def run_wrk(url, paths, *, connections, seconds, threads=2, timeout=10, folder):
    """Run wrk over ``paths``; returns its counts and latencies (milliseconds) as a dict."""
    paths_file = Path(folder) / "paths.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    command = [
        ensure_wrk(),
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        f"--timeout={timeout}s",
        "-s",
        str(WRK_SCRIPT),
        url,
        "--",
        str(paths_file),
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    result = {"per_second": {}, "sample_503": ""}
    if "wrk-sample-503" in output:
        head, rest = output.split("wrk-sample-503", 1)
        length, rest = rest.split("\n", 1)
        result["sample_503"] = rest[: int(length)]
        output = head + rest[int(length) :]
    for line in output.splitlines():
        parts = line.split()
        if parts and parts[0] in {"wrk-counts", "wrk-latency"}:
            result[parts[1]] = float(parts[2])
        elif parts and parts[0] == "wrk-seconds":
            result["seconds"] = float(parts[1])
        elif parts and parts[0] == "wrk-second":
            result["per_second"][int(parts[1])] = tuple(int(n) for n in parts[2:5])
    result["failed"] = result.get("socket_errors", 0) + sum(
        result.get(name, 0) for name in ("s503", "s502", "other")
    )
    return result
