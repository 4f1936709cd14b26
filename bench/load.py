"""Load: the ``make serve`` stack on PostgreSQL and Redis under several hundred connections.

nginx in front of gunicorn (deploy/gunicorn.conf.py, production settings), a PostgreSQL
database recreated with the demo content (``ops_load`` on PG_URL) and Redis
(BENCH_REDIS_URL, default redis://127.0.0.1:6379/2). The load comes from wrk (Debian's
package, installed when missing) over every public page of the four languages, found by
following the links from each home page; every answer's status is counted.

    .venv/bin/python bench/load.py [--connections 400] [--seconds 60]

Prints requests per second, p50/p99/max latency and the failed requests (socket errors,
timeouts, any status but 2xx/3xx); the last line is PASS (no failed request) or FAIL.
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import stack  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--connections", type=int, default=400)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--proxy-port", type=int, default=8210)
    parser.add_argument("--app-port", type=int, default=8211)
    parser.add_argument("--workers", type=int, default=0, help="gunicorn workers (default: 2 x cores + 1)")
    parser.add_argument("--database", default="ops_load")
    args = parser.parse_args()

    database_url = stack.recreate_database(stack.PG_SERVER, args.database)
    env, folder = stack.environment(database_url, folder=tempfile.mkdtemp(prefix="ops-load-"))
    print(f"PostgreSQL: {database_url}\nRedis: {env['REDIS_URL']}\nRun folder: {folder}")
    stack.print_settings(env)
    started = time.monotonic()
    stack.prepare(env)
    print(f"  migrate, demo content, collectstatic: {time.monotonic() - started:.0f} s")

    with stack.Stack(
        env, folder, proxy_port=args.proxy_port, app_ports=[args.app_port], workers=args.workers or None
    ) as running:
        paths = stack.crawl_paths(running.url)
        by_language = {code: sum(p.startswith(f"/{code}/") for p in paths) for code in stack.LANGUAGES}
        print(f"Pages: {len(paths)} ({', '.join(f'{k} {v}' for k, v in by_language.items())})")
        print(f"wrk: {args.connections} connections, {args.seconds} s, through nginx at {running.url}")
        result = stack.run_wrk(
            running.url, paths, connections=args.connections, seconds=args.seconds, timeout=30, folder=folder
        )
    requests_done = int(result.get("requests", 0))
    print(
        f"  requests: {requests_done} in {result['seconds']:.0f} s "
        f"({requests_done / result['seconds']:.0f}/s)"
    )
    print(f"  latency: p50 {result['p50']:.0f} ms, p99 {result['p99']:.0f} ms, max {result['max']:.0f} ms")
    print(
        f"  answers: {int(result.get('ok', 0))} 2xx, {int(result.get('redirect', 0))} 3xx, "
        f"{int(result.get('s502', 0))} 502, {int(result.get('s503', 0))} 503, "
        f"{int(result.get('other', 0))} other; "
        f"socket errors {int(result.get('socket_errors', 0))} (timeouts {int(result.get('timeouts', 0))})"
    )
    print(f"  failed requests: {int(result['failed'])}")
    ok = requests_done > 0 and result["failed"] == 0 and all(by_language.values())
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
