"""Settings of the web load test: the product's own, served over plain HTTP, plus a bare endpoint.

    DJANGO_SETTINGS_MODULE=bench.load.settings gunicorn factcheck.wsgi:application

The product's settings with two differences, both for the benchmark alone:

- `ROOT_URLCONF` adds `/bench/bare/` (bench/load/urls.py) beside the product's routes, so the
  claims list can be compared with a DRF endpoint that does no work of its own on the same
  server. It is not in the product's URLs.
- No TLS: in production a proxy terminates TLS in front of gunicorn; here locust talks to
  gunicorn directly over HTTP, so the HTTPS redirect is off and the cookies are not marked
  secure (a secure cookie would never be sent back over HTTP, and the pages' sign-in would fail).
"""

from factcheck.settings import *  # noqa: F403

ROOT_URLCONF = "bench.load.urls"
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
