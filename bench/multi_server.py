"""Two app servers, one site: sessions, cache and publishing shared through PostgreSQL and Redis.

Starts two gunicorn instances (production settings) on loopback ports and nginx in front of
both, on one PostgreSQL database (recreated: ``ops_multi`` on PG_URL) and one Redis database
(BENCH_REDIS_URL, default redis://127.0.0.1:6379/2), then checks, printing each result:

- requests through the proxy are answered by both instances;
- an editor who logs in through instance A is logged in on instance B, and logging out on B
  logs her out on A (sessions are shared);
- a page read on B (so B's caches hold it), then changed and published in the admin of A,
  shows the change on B at once, and the other way round (cache invalidation is shared).

The script acts as the TLS-terminating load balancer: it sends ``X-Forwarded-Proto: https``,
so the production settings' secure cookies apply as in production.

    .venv/bin/python bench/multi_server.py [--proxy-port 8200] [--ports 8201 8202]

The last line is PASS or FAIL.
"""

import argparse
import secrets
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import requests  # noqa: E402

from bench import stack  # noqa: E402

HTTPS = {"X-Forwarded-Proto": "https"}
results = []


def check(ok, message):
    results.append(ok)
    print(f"  [{'ok' if ok else 'FAILED'}] {message}")
    return ok


class Browser:
    """A visitor's cookies, sent to whichever instance (the cookies are Secure: TLS ends before us)."""

    def __init__(self):
        self.cookies = {}

    def request(self, method, base, path, **kwargs):
        host = base.removeprefix("http://")
        headers = {**HTTPS, "Origin": f"https://{host}", "Referer": f"https://{host}{path}"}
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = requests.request(
            method, base + path, headers=headers, allow_redirects=False, timeout=30, **kwargs
        )
        for cookie in response.cookies:
            if cookie.value:
                self.cookies[cookie.name] = cookie.value
            else:
                self.cookies.pop(cookie.name, None)
        return response

    def csrf(self, base, path):
        """The CSRF token for a form on ``path`` (Django accepts the cookie's value)."""
        self.request("GET", base, path)
        return self.cookies["csrftoken"]


def speaker_index_form(page, title):
    from wagtail.test.utils.form_data import nested_form_data, rich_text

    return nested_form_data(
        {
            "title": title,
            "slug": page.slug,
            "intro": rich_text(page.intro or "<p></p>"),
            "action-publish": "1",
        }
    )


def publish_title(browser, base, page, title):
    edit = f"/admin/pages/{page.pk}/edit/"
    data = {**speaker_index_form(page, title), "csrfmiddlewaretoken": browser.csrf(base, edit)}
    response = browser.request("POST", base, edit, data=data)
    return response.status_code == 302


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--proxy-port", type=int, default=8200)
    parser.add_argument("--ports", type=int, nargs=2, default=[8201, 8202])
    parser.add_argument("--database", default="ops_multi")
    args = parser.parse_args()

    database_url = stack.recreate_database(stack.PG_SERVER, args.database)
    env, folder = stack.environment(database_url)
    print(f"PostgreSQL: {database_url}\nRedis: {env['REDIS_URL']}\nRun folder: {folder}")
    stack.print_settings(env)
    started = time.monotonic()
    stack.prepare(env)
    print(f"  migrate, demo content, collectstatic: {time.monotonic() - started:.0f} s")

    with stack.django_setup(env):
        from django.contrib.auth import get_user_model

        from events.models import SpeakerIndexPage

        password = secrets.token_urlsafe(16)
        get_user_model().objects.create_superuser("ops-editor", "ops@example.org", password)
        page = SpeakerIndexPage.objects.get(locale__language_code="pl")
        url = page.get_url()

    a_port, b_port = args.ports
    with stack.Stack(env, folder, proxy_port=args.proxy_port, app_ports=args.ports) as running:
        a, b = running.app_url(a_port), running.app_url(b_port)
        print(f"Instances: A {a}, B {b}; proxy {running.url}")

        statuses = [requests.get(f"{running.url}/en/", timeout=30).status_code for _ in range(40)]
        served = {
            port: running.log(f"gunicorn-{port}").read_text().count('"GET /en/ ') for port in args.ports
        }
        check(
            statuses == [200] * 40 and all(served.values()),
            f"40 requests through the proxy: all 200, answered by A {served[a_port]}, B {served[b_port]}",
        )

        editor = Browser()
        login = {"username": "ops-editor", "password": password, "next": "/admin/"}
        login["csrfmiddlewaretoken"] = editor.csrf(a, "/admin/login/")
        response = editor.request("POST", a, "/admin/login/", data=login)
        check(response.status_code == 302 and "sessionid" in editor.cookies, "logged in through A")
        dashboard = editor.request("GET", b, "/admin/")
        check(
            dashboard.status_code == 200 and "ops-editor" in dashboard.text,
            f"still logged in through B (/admin/ answers {dashboard.status_code})",
        )

        for publisher, reader, name in [(a, b, "A → B"), (b, a, "B → A")]:
            before = requests.get(reader + url, headers=HTTPS, timeout=30)
            title = f"Prelegenci {secrets.token_hex(3)}"
            published = publish_title(editor, publisher, page, title)
            after = requests.get(reader + url, headers=HTTPS, timeout=30)
            check(
                before.status_code == 200 and published and title in after.text,
                f"published in {name[0]}'s admin, read on {name[-1]} at once: {title!r} "
                f"{'shown' if title in after.text else 'NOT shown'} on {url}",
            )

        logout = {"csrfmiddlewaretoken": editor.csrf(b, "/admin/")}
        editor.request("POST", b, "/admin/logout/", data=logout)
        again = editor.request("GET", a, "/admin/")
        check(
            again.status_code == 302 and "/admin/login/" in again.headers.get("Location", ""),
            "logged out on B, out on A too",
        )

    print("PASS" if all(results) else "FAIL")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
