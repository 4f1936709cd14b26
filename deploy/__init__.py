"""Running the site in production: gunicorn and nginx configuration, ``make serve`` (serve.py)."""
