"""Anonymous readers' pages, kept until the data they show changes.

A public page costs 10–40 ms of Python and SQL, the same for every anonymous
reader until an editor changes something. A kept page is keyed on the database's
snapshot (`pg_current_snapshot()`): the set of transactions committed when the
request arrives. Two requests with the same snapshot see exactly the same rows,
so they may share one rendering; any commit anywhere (an editor's save, a
publish) changes the snapshot, and the next request renders afresh. A reader is
never shown a page older than the data, and a repeat request costs one one-row
query instead of the page's SQL.

The key also holds everything else a page depends on, so one cache can be shared
by several app servers, sites and releases (CACHES, archive/deployment/caches.py):
the scheme and host the reader asked for (every link and citation carries them),
the database's identity (its system identifier and name: a primary and its
standbys share it), the release (settings.RELEASE) and the full path with its
query string.

READER_CACHE_SECONDS bounds how long a kept page stays (0 turns keeping off), and
READER_CACHE_MAX_PAGE_BYTES how large a kept page may be. Downstream caches
(browsers, a proxy, a CDN) get an ETag and must revalidate (`no-cache`); an
unchanged page then costs them a 304.

Not kept, ever: logged-in users' pages (editors see their own session's view),
requests inside a transaction that has written (its own rows are not in any
snapshot another request could share), anything but a complete 200, and any
response that sets a cookie or rendered a CSRF token (one reader's token must
never reach another).
"""

import hashlib
import logging
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import connections, router
from django.utils.cache import get_conditional_response, patch_cache_control

from corpus.models import Article

logger = logging.getLogger(__name__)
PREFIX = "reader-page:"
SNAPSHOT = (
    "SELECT pg_current_snapshot()::text, pg_current_xact_id_if_assigned() IS NOT NULL, "
    "(SELECT system_identifier FROM pg_control_system())::text || '/' || current_database()"
)


def snapshot(using: str) -> str | None:
    """The database's identity and the snapshot its next read sees, or None inside a
    transaction that has written (whose uncommitted rows no other request sees)."""
    with connections[using].cursor() as cursor:
        cursor.execute(SNAPSHOT)
        seen, has_written, database = cursor.fetchone()
    return None if has_written else f"{database}\n{seen}"


def page_key(request, seen: str) -> str:
    """The digest of everything a kept page depends on (see the module's docstring)."""
    parts = [request.scheme, request.get_host(), settings.RELEASE, seen, request.get_full_path()]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def rendered_a_token(request) -> bool:
    """Whether the view asked for the reader's CSRF token (a form, {% csrf_token %})."""
    return bool(
        request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED")
    )


def keepable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not rendered_a_token(request)
        and len(response.content) <= settings.READER_CACHE_MAX_PAGE_BYTES
    )


# A shared cache that fails (Redis down, timed out) costs a render, never the page.
def _kept(key: str):
    try:
        return cache.get(key)
    except Exception as error:  # any backend's own errors
        logger.warning("reader cache: could not read a kept page: %s", error)
        return None


def _keep(key: str, response, seconds: int) -> None:
    try:
        cache.set(key, response, seconds)
    except Exception as error:  # any backend's own errors
        logger.warning("reader cache: could not keep a page: %s", error)


def cached_for_readers(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        seconds = settings.READER_CACHE_SECONDS
        if not seconds or request.method not in ("GET", "HEAD") or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        seen = snapshot(router.db_for_read(Article))
        if seen is None:
            return view(request, *args, **kwargs)
        digest = page_key(request, seen)
        key, etag = PREFIX + digest, f'"{digest[:32]}"'
        response = _kept(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if not keepable(request, response):
                return response
            response["ETag"] = etag
            patch_cache_control(response, public=True, no_cache=True)
            _keep(key, response, seconds)
        return get_conditional_response(request, etag=etag, response=response)

    return wrapped
