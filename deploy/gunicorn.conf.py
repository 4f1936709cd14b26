"""Gunicorn's configuration for production (``gunicorn -c deploy/gunicorn.conf.py cms.wsgi``).

Every value can be changed by an environment variable (docs/deploy.md lists them). Gunicorn
sits behind a reverse proxy (deploy/nginx.conf.template) that buffers slow clients, serves
/static/ and /media/ itself and sets X-Forwarded-For/Proto/Host; so plain synchronous workers
are enough, and the proxy is the only peer gunicorn trusts for the forwarded headers.

Signals to the master process (its pid is in GUNICORN_PIDFILE when set):
- HUP: graceful reload: new workers with the new code start, old ones finish their requests
  (zero-downtime deploys; the application is not preloaded, so the new code is read).
- TERM: graceful stop (each worker finishes its request, up to ``graceful_timeout``).
- TTIN / TTOU: one worker more / fewer.
A worker that dies or hangs past ``timeout`` is replaced by the master.
"""

import multiprocessing
import os

_env = os.environ.get

# Where to listen: "127.0.0.1:8000", or "unix:/path/gunicorn.sock" behind a proxy on the same host.
bind = [address for address in _env("GUNICORN_BIND", "127.0.0.1:8000").split(",") if address]
# Synchronous workers: each handles one request at a time. Gunicorn's rule of thumb,
# 2 x cores + 1, unless WEB_CONCURRENCY says otherwise.
workers = int(_env("WEB_CONCURRENCY", str(multiprocessing.cpu_count() * 2 + 1)))
worker_class = "sync"
# Pending connections the kernel queues while every worker is busy (the proxy queues more).
backlog = int(_env("GUNICORN_BACKLOG", "2048"))

# A request taking longer than this kills and replaces its worker (a hung database call,
# an endless loop); the proxy's proxy_read_timeout is a little longer.
timeout = int(_env("GUNICORN_TIMEOUT", "30"))
# On TERM or HUP a worker gets this long to finish the request it is serving.
graceful_timeout = int(_env("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(_env("GUNICORN_KEEPALIVE", "5"))

# Workers are replaced after this many requests (with jitter, so not all at once):
# bounds the memory any slow leak can take.
max_requests = int(_env("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(_env("GUNICORN_MAX_REQUESTS_JITTER", "200"))

# Not preloaded: HUP then loads the new code in the new workers.
preload_app = False
# The workers' heartbeat files on a memory file system (a slow disk cannot stall them).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# Logs to stdout/stderr for the process manager (systemd's journal, the container runtime).
accesslog = _env("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = _env("GUNICORN_LOG_LEVEL", "info")
# Client address (from the proxy's X-Forwarded-For), request, status, bytes, referrer,
# user agent and the time taken in microseconds.
access_log_format = '%({x-forwarded-for}i)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)sus'

# Only the proxy on this host may set X-Forwarded-Proto (Django reads it through
# SECURE_PROXY_SSL_HEADER); list the load balancers' addresses here when gunicorn faces them.
forwarded_allow_ips = _env("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Gunicorn's control socket defaults to one path per user (~/.gunicorn/gunicorn.ctl), which two
# instances on one machine would share: each instance gets its own, or none.
control_socket = _env("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket
pidfile = _env("GUNICORN_PIDFILE") or None
proc_name = _env("GUNICORN_NAME", "cms")
