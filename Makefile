# The two commands: `make run` and `make test`. Everything else is a step of theirs.
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= $(shell command -v python3.11 || command -v python3)
STAMP := $(VENV)/.stamp
PG_URL ?= postgres://postgres@127.0.0.1:5432
LANGS := pl nb is en

.PHONY: run serve test test-postgres install install-dev messages compilemessages lint clean backup restore

run: export WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:$(PORT)
run: install compilemessages
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py load_demo
	$(PY) manage.py ensure_dev_superuser
	@echo "Serving on http://127.0.0.1:$(PORT)/"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# The production stack on this machine: nginx in front of gunicorn with the production
# settings (deploy/serve.py says which local defaults it uses). Ctrl-C stops it.
serve: install compilemessages
	@scripts/ensure-system-packages.sh nginx
	PORT=$(PORT) $(PY) -m deploy.serve

# Without root (and outside CI) a missing chromium only skips the browser test.
BROWSER = scripts/ensure-system-packages.sh chromium || { [ -z "$$CI" ] && echo "No chromium: the browser test is skipped."; }
NGINX = scripts/ensure-system-packages.sh nginx || { [ -z "$$CI" ] && echo "No nginx: the make serve tests are skipped."; }
# The Nu HTML Checker runs on the machine's Java; without it (outside CI) the HTML check is skipped.
JAVA = scripts/ensure-system-packages.sh default-jre-headless || { [ -z "$$CI" ] && echo "No Java: the HTML check is skipped."; }
CHECKERS := node_modules/.stamp

test: install-dev compilemessages $(CHECKERS)
	@$(BROWSER)
	@$(NGINX)
	@$(JAVA)
	$(PY) -m pytest

# The same suite against PostgreSQL, in a fresh database dropped afterwards.
test-postgres: install-dev compilemessages $(CHECKERS)
	@scripts/ensure-system-packages.sh postgresql-client
	@$(BROWSER)
	@$(NGINX)
	@$(JAVA)
	@scripts/test-postgres.sh "$(PG_URL)" $(PY) -m pytest

# Backups of the database (DATABASE_URL, or the SQLite file) and the media, in one archive under
# backups/ (home/backup.py). For production run them with DJANGO_SETTINGS_MODULE=cms.settings.production.
backup: install
	@case "$$DATABASE_URL" in postgres*) scripts/ensure-system-packages.sh postgresql-client;; esac
	$(PY) manage.py backup

restore: install
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=backups/site-YYYYMMDD-HHMMSS.tar.gz"; exit 2; }
	@case "$$DATABASE_URL" in postgres*) scripts/ensure-system-packages.sh postgresql-client;; esac
	$(PY) manage.py restore --noinput "$(BACKUP)"

install: $(STAMP)-run
install-dev: $(STAMP)-dev

$(VENV)/bin/python:
	@scripts/ensure-system-packages.sh gettext
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(STAMP)-run: requirements.txt | $(VENV)/bin/python
	@scripts/ensure-system-packages.sh gettext
	$(PY) -m pip install -q -r requirements.txt
	@touch $@

$(STAMP)-dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	@scripts/ensure-system-packages.sh gettext
	$(PY) -m pip install -q -r requirements-dev.txt
	@touch $@ $(STAMP)-run

# axe-core and the Nu HTML Checker (package.json, pinned in package-lock.json), installed without
# their install scripts: vnu-jar's would download a Java; the machine's is used.
$(CHECKERS): package.json package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --ignore-scripts --no-audit --no-fund --silent && touch $@; \
	elif [ -n "$$CI" ]; then echo "npm is missing: install Node.js and npm." >&2; exit 1; \
	else echo "No npm: the accessibility and HTML checks are skipped."; fi

# Translations: regenerate the catalogues from the code, then compile them.
messages: install
	$(PY) manage.py makemessages --no-location --no-obsolete $(foreach l,$(LANGS),-l $(l)) \
		--ignore=.venv --ignore=node_modules --ignore=static --ignore=media --ignore=tests --ignore=bench --ignore=scripts -v0

compilemessages: install
	$(PY) manage.py compilemessages --ignore=.venv -v0

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf $(VENV) static media db.sqlite3 node_modules
