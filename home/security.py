"""Security headers and the admin's sign-in lock-out (settings in cms/settings/base.py).

Content-Security-Policy comes from django-csp. Two policies, both stated in settings:

- ``CONTENT_SECURITY_POLICY``: every public page. No inline script and no inline style, so no
  nonce: public pages are served from a full-page cache, and a per-request nonce would be cached
  with the page. JSON-LD (``<script type="application/ld+json">``) is a data block that browsers
  never execute, so ``script-src`` does not apply to it (tests/test_browser_security.py checks this
  in Chromium).
- ``ADMIN_CONTENT_SECURITY_POLICY``: everything under ``/admin/``. Wagtail's admin and
  wagtail-localize's translation editor write inline scripts and inline styles, so the admin
  allows ``'unsafe-inline'`` for those two (and nothing from other origins).

``frame-ancestors`` follows ``X-Frame-Options``: ``'self'`` for the responses that Wagtail lets
the admin frame (page previews, wagtail-localize's translation preview: they carry
``X-Frame-Options: SAMEORIGIN``), ``'none'`` for every other response.
"""

import functools
from urllib.parse import urlsplit

from csp.constants import HEADER, NONE, SELF
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib import messages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.response import TemplateResponse
from django.utils.translation import ngettext

ADMIN_PREFIX = "/admin/"


def _origin(url):
    parts = urlsplit(url or "")
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


@functools.cache
def media_origins():
    """The origins of uploaded media when another server serves them (S3, a CDN), else ``[]``.

    From an absolute ``MEDIA_URL``, and from the URLs the default storage writes (django-storages
    with a bucket: its custom domain or endpoint). Computed once; settings changes reset it.
    """
    from django.core.files.storage import FileSystemStorage, default_storage

    urls = [settings.MEDIA_URL]
    if not isinstance(default_storage, FileSystemStorage):
        urls.append(default_storage.url("csp-origin-probe"))
    return sorted({origin for origin in map(_origin, urls) if origin})


@receiver(setting_changed)
def _forget_media_origins(setting, **kwargs):
    if setting in ("MEDIA_URL", "STORAGES"):
        media_origins.cache_clear()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's own policy and ``frame-ancestors`` per response.

    Wagtail's preview runs the page through the whole middleware chain once more, with a dummy
    request for the page's public address, inside the admin's preview view: the policy written by
    that inner pass is dropped, and the admin's address decides (the outer pass writes it).
    """

    def process_response(self, request, response):
        if getattr(response, "_csp_written_by_site", False) and HEADER in response:
            del response[HEADER]
        response = super().process_response(request, response)
        response._csp_written_by_site = True
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if parts.config is None and request.path_info.startswith(ADMIN_PREFIX):
            parts.config = dict(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        framed = response.get("X-Frame-Options", "").upper() == "SAMEORIGIN"
        parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF if framed else NONE]}
        origins = media_origins()
        if origins:
            parts.update = {**(parts.update or {}), "img-src": origins, "media-src": origins}
        return parts


def lockout_response(request, original_response=None, credentials=None):
    """Wagtail's sign-in page again, with the lock-out stated in the page's language (HTTP 429)."""
    from wagtail.admin.views.account import get_user_login_form, password_reset_enabled

    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    messages.error(
        request,
        ngettext(
            "Too many failed sign-in attempts. Signing in to this account from your address is "
            "blocked for %(minutes)d minute, even with the right password.",
            "Too many failed sign-in attempts. Signing in to this account from your address is "
            "blocked for %(minutes)d minutes, even with the right password.",
            minutes,
        )
        % {"minutes": minutes},
    )
    form = get_user_login_form()(request)
    context = {
        "form": form,
        "next": request.POST.get("next", ""),
        "show_password_reset": password_reset_enabled(),
    }
    return TemplateResponse(request, "wagtailadmin/login.html", context, status=429).render()
