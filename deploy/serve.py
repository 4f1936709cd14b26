"""``make serve``: the site on this machine as production runs it.

The production settings (``cms.settings.production``), gunicorn with its configuration
(deploy/gunicorn.conf.py) on a unix socket, and nginx (deploy/nginx.conf.template, rendered
into the run directory) in front: nginx serves /static/ (collectstatic's output) and /media/
from disk and proxies the rest. Everything runs as the user who starts it, in the
foreground; Ctrl-C stops it all.

The environment decides (docs/deploy.md lists every variable); what is unset gets a local
default, said on start:

- ``DATABASE_URL``: the demo database of ``make run``, the SQLite file ``db.sqlite3`` in the
  project folder, brought up to date with migrate and load_demo (so both commands show the
  same content, images included, and ``make run``'s administrator can log in). Set it to a
  PostgreSQL database for the production database engine (the bench scripts do).
- ``REDIS_URL``: the local Redis, ``redis://127.0.0.1:6379/0``.
- ``SECRET_KEY``: generated once and kept in the git-ignored ``.run/secret-key``.
- ``ALLOWED_HOSTS``: 127.0.0.1, localhost, [::1]; ``SECURE_SSL_REDIRECT=0`` (plain HTTP on
  the loopback interface; behind TLS in production it stays on); ``TRUSTED_PROXY_COUNT=1``
  (nginx).
- ``PORT`` (8000): where nginx listens, on 127.0.0.1 only.
- ``SERVE_RUN_DIR`` (``.run``): the rendered nginx.conf, sockets, pid files, nginx's logs.
"""

import contextlib
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
# Configuration, pid files, sockets and logs of the running servers (git-ignored).
RUN_DIR = Path(os.environ.get("SERVE_RUN_DIR", BASE_DIR / ".run"))
TEMPLATE = BASE_DIR / "deploy" / "nginx.conf.template"
GUNICORN_CONFIG = BASE_DIR / "deploy" / "gunicorn.conf.py"
MIME_TYPES = Path("/etc/nginx/mime.types")
PYTHON = sys.executable


def local_environment(environ=None, *, port=8000, run_dir=RUN_DIR):
    """The environment for the production settings: what is set, plus local defaults.

    Returns ``(env, defaults)``, ``defaults`` naming each variable that got its local default.
    """
    env = dict(os.environ if environ is None else environ)
    defaults = {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DATABASE_URL": f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,[::1]",
        "SECURE_SSL_REDIRECT": "0",
        # nginx is the one proxy in front: the visitor's address is the last X-Forwarded-For entry.
        "TRUSTED_PROXY_COUNT": "1",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        "MEDIA_ROOT": str(BASE_DIR / "media"),
        "STATIC_ROOT": str(BASE_DIR / "static"),
    }
    used = [name for name in defaults if not env.get(name)]
    for name in used:
        env[name] = defaults[name]
    if not env.get("SECRET_KEY"):
        env["SECRET_KEY"] = local_secret_key(run_dir)
        used.append("SECRET_KEY")
    return env, used


def local_secret_key(run_dir=RUN_DIR):
    """A secret key made once for this machine, in a git-ignored file only its owner reads."""
    path = Path(run_dir) / "secret-key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as file:
            file.write(secrets.token_urlsafe(50) + "\n")
    return path.read_text().strip()


def render_nginx_config(
    *,
    listen,
    upstreams,
    static_root,
    media_root,
    run_dir,
    forwarded_proto="$scheme",
    access_log=None,
    error_log=None,
):
    """deploy/nginx.conf.template with its placeholders filled in.

    ``upstreams`` are gunicorn addresses: "unix:/path/to.sock" or "127.0.0.1:8001".
    """
    run_dir = Path(run_dir)
    user = ""
    if os.geteuid() == 0:
        # nginx's workers would run as "nobody"; they run as the project's owner instead.
        user = f"user {pwd.getpwuid(BASE_DIR.stat().st_uid).pw_name};"
    values = {
        "user_directive": user,
        "run_dir": str(run_dir),
        "error_log": error_log or str(run_dir / "nginx-error.log"),
        "access_log": access_log or str(run_dir / "nginx-access.log"),
        "mime_types": str(MIME_TYPES),
        "listen": str(listen),
        "upstream_servers": "\n".join(f"        server {address};" for address in upstreams),
        "static_root": str(Path(static_root)),
        "media_root": str(Path(media_root)),
        "forwarded_proto": forwarded_proto,
    }
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace("{{" + name + "}}", value)
    unfilled = re.findall(r"\{\{\w+\}\}", text)
    if unfilled:
        raise ValueError(f"Unfilled placeholders in {TEMPLATE}: {', '.join(unfilled)}")
    return text


def nginx_binary():
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)
    if not found:
        raise SystemExit("nginx is missing: scripts/ensure-system-packages.sh nginx installs it.")
    return found


def write_nginx_config(run_dir, **options):
    """Render the configuration into ``run_dir/nginx.conf`` (and its temporary folders)."""
    run_dir = Path(run_dir)
    (run_dir / "nginx-temp").mkdir(parents=True, exist_ok=True)
    path = run_dir / "nginx.conf"
    path.write_text(render_nginx_config(run_dir=run_dir, **options))
    return path


def nginx_command(conf, run_dir, *extra):
    # -e: nginx's own start-up messages go to stderr, not to the system's log file.
    return [nginx_binary(), "-p", str(run_dir), "-e", "stderr", "-c", str(conf), *extra]


def check_nginx_config(conf, run_dir):
    """``nginx -t`` on the rendered file: returns the CompletedProcess."""
    return subprocess.run(nginx_command(conf, run_dir, "-t"), capture_output=True, text=True, timeout=30)


def manage(env, *args, quiet=False):
    """Run ``manage.py`` with the given environment; stop on failure."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL if quiet else None,
    )
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed (exit code {result.returncode}).")


# The page cache (home/cache.py) starts a new generation: pages cached by the previous code, or
# before the content was changed by something that does not share this cache (``make run``
# on the same database), are rendered afresh.
NEW_PAGE_CACHE_GENERATION = "from home.cache import bump; bump()"


def prepare(env, *, demo=True):
    """What a deploy runs before starting the servers: migrate, (demo content), collectstatic."""
    manage(env, "migrate", "--noinput", "-v0")
    if demo:
        manage(env, "load_demo", quiet=True)
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "shell", "-c", NEW_PAGE_CACHE_GENERATION, quiet=True)


def start_gunicorn(env, bind, *, run_dir, name="cms", workers=None, new_session=False, log=None):
    """gunicorn with deploy/gunicorn.conf.py on ``bind`` ("unix:/path" or "host:port")."""
    env = {
        **env,
        "GUNICORN_BIND": bind,
        "GUNICORN_PIDFILE": str(Path(run_dir) / f"{name}.pid"),
        "GUNICORN_NAME": name,
    }
    if workers:
        env["WEB_CONCURRENCY"] = str(workers)
    command = [PYTHON, "-m", "gunicorn", "-c", str(GUNICORN_CONFIG), "cms.wsgi"]
    return subprocess.Popen(
        command, cwd=BASE_DIR, env=env, start_new_session=new_session, stdout=log, stderr=log
    )


def start_nginx(conf, run_dir, *, new_session=False, log=None):
    return subprocess.Popen(
        nginx_command(conf, run_dir), cwd=run_dir, start_new_session=new_session, stdout=log, stderr=log
    )


def wait_for_socket(address, process, timeout=60):
    """Wait until gunicorn accepts connections on ``address`` (or its process ends)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stopped (exit code {process.returncode}) before it listened.")
        try:
            if address.startswith("unix:"):
                with socket.socket(socket.AF_UNIX) as sock:
                    sock.connect(address[len("unix:") :])
            else:
                host, port = address.rsplit(":", 1)
                socket.create_connection((host, int(port)), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not listen on {address} within {timeout} s.")


def wait_for_http(url, process=None, timeout=60):
    """Wait until ``url`` answers (any status below 500); returns the status."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise SystemExit(f"nginx stopped (exit code {process.returncode}); see its messages above.")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status
        except urllib.error.HTTPError as error:
            if error.code < 500:
                return error.code
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {timeout} s.")


def port_is_free(port, host="127.0.0.1"):
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def stop(processes, timeout=35):
    """Graceful stop: TERM to gunicorn, QUIT to nginx; anything still running after ``timeout`` is killed."""
    for process, graceful in processes:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(graceful)
    deadline = time.monotonic() + timeout
    for process, _signal in processes:
        try:
            process.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main():
    port = int(os.environ.get("PORT", "8000"))
    RUN_DIR.mkdir(parents=True, exist_ok=True)
    env, defaults = local_environment(port=port)
    if not port_is_free(port):
        raise SystemExit(f"Port {port} is in use: PORT=… make serve picks another.")
    for name in defaults:
        shown = f"(generated, in {RUN_DIR / 'secret-key'})" if name == "SECRET_KEY" else env[name]
        print(f"  {name}={shown}  (local default)")
    print("Preparing: migrate, demo content, collectstatic …", flush=True)
    prepare(env)

    sock = RUN_DIR / "gunicorn.sock"
    sock.unlink(missing_ok=True)
    conf = write_nginx_config(
        RUN_DIR,
        listen=f"127.0.0.1:{port}",
        upstreams=[f"unix:{sock}"],
        static_root=env["STATIC_ROOT"],
        media_root=env["MEDIA_ROOT"],
        error_log="stderr",
    )
    checked = check_nginx_config(conf, RUN_DIR)
    if checked.returncode:
        raise SystemExit(f"nginx refuses {conf}:\n{checked.stderr}")

    processes = []
    stopping = []

    def on_signal(signum, _frame):
        stopping.append(signum)

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        gunicorn = start_gunicorn(env, f"unix:{sock}", run_dir=RUN_DIR)
        processes.append((gunicorn, signal.SIGTERM))
        wait_for_socket(f"unix:{sock}", gunicorn)
        nginx = start_nginx(conf, RUN_DIR)
        processes.append((nginx, signal.SIGQUIT))
        wait_for_http(f"http://127.0.0.1:{port}/pl/", nginx)
        print(
            f"\nServing the production stack on http://127.0.0.1:{port}/ "
            "(nginx → gunicorn, cms.settings.production). Ctrl-C stops it.",
            flush=True,
        )
        if "DATABASE_URL" in defaults:
            print(
                "The admin is at /admin/: `make run` creates its administrator in this database.\n",
                flush=True,
            )
        while not stopping:
            exited = [p for p, _s in processes if p.poll() is not None]
            if exited:
                print(f"{exited[0].args[0]} stopped (exit code {exited[0].returncode}); stopping the rest.")
                break
            time.sleep(0.5)
    finally:
        stop(processes)
        sock.unlink(missing_ok=True)
    print("Stopped.")


if __name__ == "__main__":
    main()
