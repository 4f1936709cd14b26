"""Build WAGTAILLOCALIZE_MACHINE_TRANSLATOR from the environment.

Kept free of Django and wagtail-localize imports so settings modules can use it.
"""

DEEPL = "translations.machine.EuropeanDeepLTranslator"
LIBRETRANSLATE = "translations.machine.LibreTranslateTranslator"
GOOGLE = "translations.machine.GoogleTranslateTranslator"
DUMMY = "wagtail_localize.machine_translators.dummy.DummyTranslator"
ROUTER = "translations.machine.RoutingMachineTranslator"


def build_routes(environ, languages):
    """Routes for each target language from environment variables.

    DEEPL_API_KEY serves DEEPL_LANGUAGES (default "nb,en"); GOOGLE_TRANSLATE_API_KEY
    serves GOOGLE_TRANSLATE_LANGUAGES (default "is"); LIBRETRANSLATE_URL (with
    LIBRETRANSLATE_API_KEY if the server needs one) serves LIBRETRANSLATE_LANGUAGES
    (default "is"). The first service that lists a language gets it.
    """
    services = []
    if environ.get("DEEPL_API_KEY"):
        services.append(
            (environ.get("DEEPL_LANGUAGES", "nb,en"), DEEPL, {"AUTH_KEY": environ["DEEPL_API_KEY"]})
        )
    if environ.get("GOOGLE_TRANSLATE_API_KEY"):
        services.append(
            (
                environ.get("GOOGLE_TRANSLATE_LANGUAGES", "is"),
                GOOGLE,
                {"API_KEY": environ["GOOGLE_TRANSLATE_API_KEY"]},
            )
        )
    if environ.get("LIBRETRANSLATE_URL"):
        services.append(
            (
                environ.get("LIBRETRANSLATE_LANGUAGES", "is"),
                LIBRETRANSLATE,
                {"URL": environ["LIBRETRANSLATE_URL"], "API_KEY": environ.get("LIBRETRANSLATE_API_KEY", "")},
            )
        )
    routes = {}
    for codes, backend, options in services:
        for code in (c.strip() for c in codes.split(",")):
            if code in languages and code not in routes:
                routes[code] = {"CLASS": backend, "OPTIONS": options}
    return routes


def machine_translator_setting(routes):
    """The WAGTAILLOCALIZE_MACHINE_TRANSLATOR value, or None when no language has a service."""
    if not routes:
        return None
    return {"CLASS": ROUTER, "OPTIONS": {"ROUTES": routes}}
