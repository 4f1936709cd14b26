"""Language-aware full-text search on PostgreSQL.

PostgreSQL ships text-search configurations (stemming, stop words) for English
and Norwegian, but none for Polish or Icelandic, which fall back to ``simple``
(exact words, no stemming). Wagtail's database backend takes one
configuration for the whole index; this backend picks one per object instead,
from the object's locale, and searches each language with its own
configuration, so that a Norwegian visitor searching for "seminarene" finds
"seminar". Objects without a locale (images, documents) use ``simple``.

Queries use the configuration of the active language for translatable models
(the public search filters by the active locale, so index and query agree).
Other databases use Wagtail's usual database backend.

Inflection in every language and on every database (Polish and Icelandic on
PostgreSQL, all four on SQLite) is the site's own, on top of this: pages index
the base forms of their words and queries look for them (``home/search.py``).
"""

import threading
from collections import defaultdict
from contextlib import contextmanager

from django.db import connection
from django.utils import translation
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from wagtail.models import Locale, TranslatableMixin

TEXT_SEARCH_CONFIGS = {"en": "english", "nb": "norwegian"}
FALLBACK_CONFIG = "simple"


def text_search_config(language_code):
    return TEXT_SEARCH_CONFIGS.get(language_code, FALLBACK_CONFIG)


def SearchBackend(params):  # noqa: N802 (Wagtail looks up this name)
    if connection.vendor != "postgresql":
        return DatabaseSearchBackend(params)

    from modelsearch.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
    )

    class LocaleIndex(PostgresIndex):
        def add_items(self, model, objs):
            languages = dict(Locale.objects.values_list("pk", "language_code"))
            groups = defaultdict(list)
            for obj in objs:
                code = languages.get(getattr(obj, "locale_id", None))
                groups[text_search_config(code)].append(obj)
            for config, group in groups.items():
                with self.backend.indexing_with(config):
                    super().add_items(model, group)

    class LanguageQueryCompiler(PostgresSearchQueryCompiler):
        def get_config(self, backend):
            if issubclass(self.queryset.model, TranslatableMixin):
                return text_search_config(translation.get_language())
            return FALLBACK_CONFIG

    class LanguageAwareSearchBackend(PostgresSearchBackend):
        index_class = LocaleIndex
        query_compiler_class = LanguageQueryCompiler

        def __init__(self, params):
            self._indexing = threading.local()
            super().__init__({**params, "SEARCH_CONFIG": FALLBACK_CONFIG})

        @property
        def config(self):
            return getattr(self._indexing, "config", None) or self._config

        @config.setter
        def config(self, value):
            self._config = value

        @contextmanager
        def indexing_with(self, config):
            self._indexing.config = config
            try:
                yield
            finally:
                self._indexing.config = None

    return LanguageAwareSearchBackend(params)
