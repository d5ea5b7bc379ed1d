"""The security settings a production archive reads from its environment: a strong
secret key, HTTPS (redirect, HSTS, secure cookies), which proxy's X-Forwarded-Proto to
believe, and the Content-Security-Policy. README "Security headers" lists them.

settings.py calls these with os.environ; tests call them with plain dicts.
"""

from collections.abc import Mapping

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

DEVELOPMENT_KEY = "dev-only-insecure-key-do-not-use-in-production"
# Django's own bar for a secret key (security.W009): long, and not a handful of characters.
MIN_KEY_LENGTH = 50
MIN_KEY_CHARACTERS = 5
YEAR = 365 * 24 * 3600
CSP_REPORT_PATH = "/csp-report/"


def secret_key(environ: Mapping[str, str], debug: bool) -> str:
    """SECRET_KEY, refused when weak with DEBUG off: a key anyone can guess signs
    sessions, password resets and the OAI-PMH resumption tokens."""
    key = environ.get("SECRET_KEY", "")
    if debug:
        return key or DEVELOPMENT_KEY
    if not key:
        raise ImproperlyConfigured("Set SECRET_KEY in the environment when DEBUG is off")
    if (
        len(key) < MIN_KEY_LENGTH
        or len(set(key)) < MIN_KEY_CHARACTERS
        or key.startswith("django-insecure-")
        or key == DEVELOPMENT_KEY
    ):
        raise ImproperlyConfigured(
            f"SECRET_KEY is weak: use at least {MIN_KEY_LENGTH} random characters, e.g. "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    return key


def transport(environ: Mapping[str, str], debug: bool, envbool) -> dict:
    """HTTPS settings. With DEBUG off every one is on unless the environment turns it off
    (a loopback test without TLS): SECURE_SSL_REDIRECT, SECURE_HSTS_SECONDS (a year),
    SECURE_HSTS_INCLUDE_SUBDOMAINS, SECURE_HSTS_PRELOAD and SECURE_COOKIES."""
    on = "false" if debug else "true"
    hsts = environ.get("SECURE_HSTS_SECONDS", "0" if debug else str(YEAR)).strip()
    if not (hsts.isascii() and hsts.isdigit()):
        raise ImproperlyConfigured(f"SECURE_HSTS_SECONDS={hsts!r} must be a number of seconds")
    cookies = envbool("SECURE_COOKIES", on)
    return {
        "SECURE_SSL_REDIRECT": envbool("SECURE_SSL_REDIRECT", on),
        "SECURE_HSTS_SECONDS": int(hsts),
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", on),
        "SECURE_HSTS_PRELOAD": envbool("SECURE_HSTS_PRELOAD", on),
        "SESSION_COOKIE_SECURE": cookies,
        "CSRF_COOKIE_SECURE": cookies,
    }


def trusted_proxies(environ: Mapping[str, str]) -> list[str]:
    """TRUSTED_PROXIES: the addresses of the proxies in front of the app (nginx). Only
    their X-Forwarded-Proto is believed; unset, nobody's is (guards.py strips it)."""
    return [item.strip() for item in environ.get("TRUSTED_PROXIES", "").split(",") if item.strip()]


def content_security_policy(static_url: str) -> dict:
    """django-csp's policy: scripts and styles from this site (or its STATIC_HOST) only,
    no inline script anywhere, the admin included; violations reported to CSP_REPORT_PATH.
    Inline style attributes stay allowed: the admin's widgets and the SVG pictures set them."""
    static = [static_url.split("/static/")[0]] if static_url.startswith("http") else []
    return {
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF, *static],
            "style-src": [SELF, *static, "'unsafe-inline'"],
            "font-src": [SELF, *static],
            "img-src": [SELF, *static, "data:"],
            "connect-src": [SELF],
            "object-src": [NONE],
            "base-uri": [NONE],
            "form-action": [SELF],
            "frame-ancestors": [NONE],
            "report-uri": [CSP_REPORT_PATH],
        }
    }
