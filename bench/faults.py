"""Faults under load: PostgreSQL restarted, gunicorn workers killed, Redis restarted.

The ``make serve`` stack (nginx in front of gunicorn, production settings) on a PostgreSQL
server and a Redis server of the script's own, started on loopback ports for the run (so
restarting them disturbs nothing else on the machine; PostgreSQL 15 from Debian's packages,
``initdb`` as the postgres user when run as root). Each fault happens five seconds into a
phase of wrk load over the pages of the four languages; one request in six carries a query
parameter that the page cache does not know, so it is rendered from the database. wrk counts
every answer by status and by second:

1. PostgreSQL restarted (``pg_ctl restart -m fast``, as ``pg_ctlcluster … restart`` does):
   answers are pages or the short 503 page, never a hang (wrk's timeout: 30 s), a traceback or
   another error; the 503 pages stop within seconds of PostgreSQL accepting connections
   (measured to the second).
2. Two gunicorn workers killed (SIGKILL, five seconds apart): the master replaces them; at
   most the requests they were serving fail (one each: sync workers; a 502 from nginx, or a
   closed connection when the answer had begun), and no request times out.
3. Redis restarted (empty, as it keeps nothing on disk): pages keep flowing, no failure.

    .venv/bin/python bench/faults.py [--connections 300] [--seconds 30]

Prints the figures of each phase; the last line is PASS or FAIL.
"""

import argparse
import contextlib
import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import requests  # noqa: E402

from bench import stack  # noqa: E402

# A query parameter the page cache does not key on: the page is rendered from the database.
UNCACHED = "?from=faults"


def as_postgres(command):
    """Run a PostgreSQL server command as the postgres user when we are root (initdb refuses root)."""
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    return subprocess.run(command, check=True, capture_output=True, text=True)


class PrivatePostgres:
    def __init__(self, folder, port):
        bindirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
        if not bindirs:
            raise SystemExit("PostgreSQL's server programs are missing (Debian's postgresql package).")
        self.bin, self.port = Path(bindirs[-1]), port
        self.data = Path(folder) / "pgdata"
        self.url = f"postgres://postgres@127.0.0.1:{port}"

    def pg_ctl(self, *args):
        options = f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 -c max_connections=200"
        log = str(self.data.parent / "postgres.log")
        return as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", log, "-o", options, *args])

    def start(self):
        self.data.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.data.parent, "postgres")
            shutil.chown(self.data, "postgres")
        as_postgres(
            [str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8"]
        )
        self.pg_ctl("-w", "start")

    def restart(self):
        self.pg_ctl("-w", "-m", "fast", "restart")

    def stop(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.pg_ctl("-w", "-m", "fast", "stop")


class PrivateRedis:
    def __init__(self, folder, port):
        self.binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.command = [
            self.binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ]
        self.command += ["--dir", str(folder)]
        self.url, self.port, self.process = f"redis://127.0.0.1:{port}/0", port, None

    def start(self):
        self.process = subprocess.Popen(self.command, stdout=subprocess.DEVNULL, start_new_session=True)
        import redis

        for _ in range(100):
            try:
                redis.Redis(port=self.port).ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise SystemExit("redis-server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)

    def restart(self):
        self.stop()
        self.start()


def settle(running, limit=240):
    """Wait until the stack answers an uncached page within a second again.

    When wrk stops, nginx drops its connections but the requests already queued at gunicorn are
    still served, one after another: the next phase must not start behind them.
    """
    started = time.monotonic()
    while time.monotonic() - started < limit:
        asked = time.monotonic()
        with contextlib.suppress(requests.RequestException):
            requests.get(f"{running.url}/pl/{UNCACHED}", timeout=60)
        if time.monotonic() - asked < 1.0:
            break
        time.sleep(1)
    return time.monotonic() - started


def phase(running, paths, fault, *, connections, seconds, at=5.0):
    """wrk load for ``seconds`` and ``fault()`` at ``at`` seconds: wrk's figures and the fault's times."""
    print(f"\n(waited {settle(running):.0f} s for the queue of the previous load to drain)")
    result = {}

    def load():
        result.update(
            stack.run_wrk(
                running.url,
                paths,
                connections=connections,
                seconds=seconds,
                timeout=30,
                folder=running.folder,
            )
        )

    wrk = threading.Thread(target=load)
    wrk.start()
    time.sleep(at)
    fault_started = time.time()
    details = fault() or {}
    fault_done = time.time()
    wrk.join()
    per_second = result.get("per_second", {})
    unavailable = sorted(second for second, (_ok, s503, _other) in per_second.items() if s503)
    failing = sorted(second for second, (_ok, s503, other) in per_second.items() if s503 or other)
    return {
        **result,
        **details,
        "fault_seconds": fault_done - fault_started,
        "unavailable_seconds": len(unavailable),
        # To the second: the last second with a 503 or an error, after the fault was over.
        "recovery": max(0.0, failing[-1] + 1 - fault_done) if failing else 0.0,
        "pages_while_unavailable": sum(per_second[second][0] for second in unavailable),
    }


def show(name, figures):
    print(name)
    print(
        f"  wrk: {int(figures.get('requests', 0))} requests, p50 {figures.get('p50', 0):.0f} ms, "
        f"p99 {figures.get('p99', 0):.0f} ms, max {figures.get('max', 0):.0f} ms; "
        f"{int(figures.get('ok', 0))} 2xx, {int(figures.get('redirect', 0))} 3xx, "
        f"{int(figures.get('s503', 0))} 503, {int(figures.get('s502', 0))} 502, "
        f"{int(figures.get('other', 0))} other, {int(figures.get('socket_errors', 0))} socket errors, "
        f"{int(figures.get('traceback', 0))} tracebacks"
    )
    print(
        f"  the fault took {figures['fault_seconds']:.1f} s; "
        f"503 pages during {figures['unavailable_seconds']} s "
        f"({figures['pages_while_unavailable']} pages answered in those seconds); "
        f"no error or 503 from {figures['recovery']:.0f} s after the fault was over"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--connections", type=int, default=300)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--proxy-port", type=int, default=8220)
    parser.add_argument("--app-port", type=int, default=8221)
    parser.add_argument("--postgres-port", type=int, default=8250)
    parser.add_argument("--redis-port", type=int, default=8260)
    parser.add_argument("--recovery-limit", type=float, default=5.0, help="seconds")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="ops-faults-"))
    postgres = PrivatePostgres(folder, args.postgres_port)
    redis_server = PrivateRedis(folder, args.redis_port)
    checks = []

    def check(ok, message):
        checks.append(ok)
        print(f"  [{'ok' if ok else 'FAILED'}] {message}")

    try:
        postgres.start()
        redis_server.start()
        database_url = stack.recreate_database(postgres.url, "ops_faults")
        env, folder = stack.environment(database_url, redis_server.url, folder=folder)
        print(
            f"PostgreSQL: {database_url} (private)\nRedis: {redis_server.url} (private)\nRun folder: {folder}"
        )
        stack.print_settings(env)
        stack.prepare(env)
        with stack.Stack(
            env, folder, proxy_port=args.proxy_port, app_ports=[args.app_port], workers=None
        ) as running:
            pages = stack.crawl_paths(running.url)
            paths = [p for page in pages for p in (page, page, page + UNCACHED, page, page, page)]
            workers = len(running.worker_pids(args.app_port))
            print(
                f"Pages: {len(pages)} in four languages (one request in six uncached); "
                f"{workers} gunicorn workers; "
                f"wrk {args.connections} connections"
            )
            load = {"connections": args.connections, "seconds": args.seconds}

            figures = phase(running, paths, postgres.restart, **load)
            show("1. PostgreSQL restarted", figures)
            page = figures["sample_503"]
            check(figures.get("s503", 0) > 0, "uncached pages answered 503 while the database was away")
            check(
                figures.get("socket_errors", 1) == 0 and figures.get("max", 30_000) < 30_000,
                f"no hang: no connection error or timeout, every answer within 30 s "
                f"(slowest {figures.get('max', 0) / 1000:.1f} s)",
            )
            check(
                figures.get("traceback", 1) == 0
                and figures.get("other", 1) == 0
                and figures.get("s502", 1) == 0,
                "only pages and 503 pages: no traceback, no 500 or 502",
            )
            check(
                0 < len(page) < 4000 and "Traceback" not in page and "lang=" in page,
                f"the 503 page is short ({len(page)} bytes), in the visitor's language",
            )
            check(
                figures["recovery"] <= args.recovery_limit,
                f"recovered by itself {figures['recovery']:.0f} s after PostgreSQL was back "
                f"(limit {args.recovery_limit:.0f} s)",
            )

            killed = []

            def kill_workers():
                replaced_in = []
                for _ in range(2):
                    before = running.worker_pids(args.app_port)
                    os.kill(before[0], signal.SIGKILL)
                    killed.append(before[0])
                    started = time.monotonic()
                    while True:
                        now = running.worker_pids(args.app_port)
                        if len(now) == len(before) and before[0] not in now:
                            break
                        time.sleep(0.05)
                    replaced_in.append(time.monotonic() - started)
                    time.sleep(5)
                return {"replaced_in": replaced_in}

            figures = phase(running, paths, kill_workers, **load)
            show("2. Two gunicorn workers killed (SIGKILL)", figures)
            print(f"  replaced after {', '.join(f'{s:.1f} s' for s in figures['replaced_in'])}")
            check(
                len(running.worker_pids(args.app_port)) == workers,
                f"the master replaced them: {workers} workers again",
            )
            check(
                # A request cut off after its headers were sent is a closed connection, not a 502.
                figures["failed"] <= len(killed) and figures.get("timeouts", 1) == 0,
                f"{int(figures['failed'])} failed requests "
                f"(at most the {len(killed)} in flight in the killed workers)",
            )

            figures = phase(running, paths, redis_server.restart, **load)
            show("3. Redis restarted", figures)
            check(
                figures["failed"] == 0 and figures.get("requests", 0) > 0,
                f"pages kept flowing: {int(figures['failed'])} failed requests",
            )
    finally:
        redis_server.stop()
        postgres.stop()
    ok = bool(checks) and all(checks)
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
