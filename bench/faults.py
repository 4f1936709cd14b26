"""Faults under load: PostgreSQL restarted, gunicorn workers killed, Redis restarted.

The ``make serve`` stack (nginx in front of gunicorn, production settings) on a PostgreSQL
server and a Redis server of the script's own, started on loopback ports for the run (so
restarting them disturbs nothing else on the machine; PostgreSQL 15 from Debian's packages,
``initdb`` as the postgres user when run as root). Each fault happens five seconds into a
phase of wrk load over the pages of the four languages, while a probe asks for uncached pages
(search results: they need the database) one after another and records every answer:

1. PostgreSQL restarted (``pg_ctl restart -m fast``, as ``pg_ctlcluster … restart`` does):
   answers are pages or the short 503 page, never a hang (wrk's timeout 10 s), a traceback or
   another error; the probe gets pages again within seconds of PostgreSQL accepting
   connections.
2. Two gunicorn workers killed (SIGKILL, five seconds apart): the master replaces them; at
   most the requests they were serving fail (one each: sync workers).
3. Redis restarted (empty, as it keeps nothing on disk): pages keep flowing, no failure.

    .venv/bin/python bench/faults.py [--connections 300] [--seconds 25]

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

PROBE_PATHS = ["/pl/search/?q=miasto", "/nb/search/?q=byer", "/is/search/?q=borg", "/en/search/?q=city"]


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


class Probe(threading.Thread):
    """Asks for one uncached page after another and records every answer."""

    def __init__(self, base, paths):
        super().__init__(daemon=True)
        self.base, self.paths, self.records, self.running = base, paths, [], True

    def run(self):
        index = 0
        while self.running:
            path = self.paths[index % len(self.paths)]
            index += 1
            started = time.monotonic()
            try:
                response = requests.get(self.base + path, timeout=15, allow_redirects=False)
                status, body = response.status_code, response.text
            except requests.RequestException as error:
                status, body = type(error).__name__, ""
            self.records.append((started, time.monotonic() - started, status, body))
            time.sleep(0.05)

    def stop(self):
        self.running = False
        self.join(20)


def phase(running, paths, fault, *, connections, seconds, at=5.0):
    """wrk load and the probe for ``seconds``; ``fault()`` at ``at`` seconds. Returns the figures."""
    probe = Probe(running.url, PROBE_PATHS)
    result = {}

    def load():
        result.update(
            stack.run_wrk(
                running.url,
                paths,
                connections=connections,
                seconds=seconds,
                timeout=10,
                folder=running.folder,
            )
        )

    wrk = threading.Thread(target=load)
    wrk.start()
    probe.start()
    time.sleep(at)
    fault_started = time.monotonic()
    details = fault() or {}
    fault_done = time.monotonic()
    wrk.join()
    probe.stop()
    records = probe.records
    failures_after = [r for r in records if r[0] >= fault_started and r[2] != 200]
    last_failure = max((r[0] + r[1] for r in failures_after), default=None)
    unavailable = [r for r in records if r[2] == 503]
    return {
        **result,
        **details,
        "fault_seconds": fault_done - fault_started,
        "recovery": max(0.0, last_failure - fault_done) if last_failure else 0.0,
        "probe_total": len(records),
        "probe_failed": len([r for r in records if r[2] != 200]),
        "probe_503": len(unavailable),
        "probe_max_ms": max((r[1] for r in records), default=0) * 1000,
        "probe_statuses": sorted({str(r[2]) for r in records}),
        "page_503": unavailable[0][3] if unavailable else "",
    }


def show(name, figures):
    print(f"\n{name}")
    print(
        f"  wrk: {int(figures.get('requests', 0))} requests, p50 {figures.get('p50', 0):.0f} ms, "
        f"p99 {figures.get('p99', 0):.0f} ms, max {figures.get('max', 0):.0f} ms; "
        f"{int(figures.get('ok', 0))} 2xx, {int(figures.get('redirect', 0))} 3xx, "
        f"{int(figures.get('s503', 0))} 503, {int(figures.get('s502', 0))} 502, "
        f"{int(figures.get('other', 0))} other, {int(figures.get('socket_errors', 0))} socket errors, "
        f"{int(figures.get('traceback', 0))} tracebacks"
    )
    print(
        f"  probe (uncached pages): {figures['probe_total']} requests, {figures['probe_failed']} not 200 "
        f"({figures['probe_503']} were 503), slowest {figures['probe_max_ms']:.0f} ms, "
        f"statuses {', '.join(figures['probe_statuses'])}"
    )
    print(
        f"  the fault took {figures['fault_seconds']:.1f} s; pages again {figures['recovery']:.1f} s after it"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--connections", type=int, default=300)
    parser.add_argument("--seconds", type=int, default=25)
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
            paths = stack.crawl_paths(running.url)
            workers = len(running.worker_pids(args.app_port))
            print(
                f"Pages: {len(paths)} in four languages; {workers} gunicorn workers; "
                f"wrk {args.connections} connections"
            )
            load = {"connections": args.connections, "seconds": args.seconds}

            figures = phase(running, paths, postgres.restart, **load)
            show("1. PostgreSQL restarted", figures)
            page = figures["page_503"]
            check(figures["probe_503"] > 0, "the probe saw the database go away (503 pages)")
            check(
                figures.get("socket_errors", 1) == 0 and figures["probe_max_ms"] < 10_000,
                "no hang: no connection error or timeout, every answer within 10 s",
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
                f"recovered by itself {figures['recovery']:.1f} s after PostgreSQL was back "
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
                figures["failed"] <= len(killed) and figures.get("socket_errors", 1) == 0,
                f"{int(figures['failed'])} failed requests "
                f"(at most the {len(killed)} in flight in the killed workers)",
            )

            figures = phase(running, paths, redis_server.restart, **load)
            show("3. Redis restarted", figures)
            check(
                figures["failed"] == 0 and figures["probe_failed"] == 0,
                f"pages kept flowing: {int(figures['failed'])} failed requests under load, "
                f"{figures['probe_failed']} in the probe",
            )
    finally:
        redis_server.stop()
        postgres.stop()
    ok = bool(checks) and all(checks)
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
