"""``/healthz`` for load balancers and monitors: is this app server able to serve pages?

It asks the database one trivial query and the cache one set and get, and answers 200
``{"status": "ok"}`` when both answer, 503 ``{"status": "unavailable"}`` otherwise. It says
nothing else (no versions, no errors, no which-one-failed: the server's log has that), is
never cached, carries no language prefix and is exempt from the HTTPS redirect
(``SECURE_REDIRECT_EXEMPT``) so a load balancer may poll it over plain HTTP.
"""

import logging
import os
import secrets
import socket
import threading

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def cache_key():
    """One key per server process and thread: concurrent polls never read each other's token."""
    return f"healthz:{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def database_answers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def cache_answers():
    token = secrets.token_hex(8)
    key = cache_key()
    cache.set(key, token, timeout=60)
    return cache.get(key) == token


@never_cache
@require_safe
def healthz(request):
    healthy = True
    for name, check in (("database", database_answers), ("cache", cache_answers)):
        try:
            if not check():
                raise RuntimeError(f"the {name} gave a wrong answer")
        except Exception as error:  # whatever the driver raises: the answer is 503, the log says why
            logger.warning("healthz: the %s does not answer: %r", name, error)
            healthy = False
    if healthy:
        return JsonResponse({"status": "ok"})
    return JsonResponse({"status": "unavailable"}, status=503)
