"""docs/deploy.md lists every environment variable the production stack reads."""

import re

from django.conf import settings

SOURCES = [
    *sorted((settings.BASE_DIR / "cms").glob("**/*.py")),
    settings.BASE_DIR / "translations" / "machine_settings.py",
    settings.BASE_DIR / "deploy" / "gunicorn.conf.py",
    settings.BASE_DIR / "deploy" / "serve.py",
]
# environ.get("X"), environ["X"], os.getenv("X"), required("X"), optional("X"), _env("X")
READ = re.compile(r"""(?:environ(?:\.get)?|getenv|required|optional|_env)[(\[]\s*["']([A-Z][A-Z0-9_]+)["']""")


def variables_read():
    found = {}
    for path in SOURCES:
        for name in READ.findall(path.read_text()):
            found.setdefault(name, path.relative_to(settings.BASE_DIR))
    return found


def test_every_environment_variable_is_documented():
    guide = (settings.BASE_DIR / "docs" / "deploy.md").read_text()
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", guide))
    found = variables_read()
    assert {"SECRET_KEY", "DATABASE_URL", "AWS_STORAGE_BUCKET_NAME", "WEB_CONCURRENCY"} <= set(found)
    missing = {name: str(path) for name, path in found.items() if name not in documented}
    assert not missing, f"Add these to docs/deploy.md: {missing}"
