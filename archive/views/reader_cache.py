"""Anonymous readers' pages, kept until the data they show changes.

A public page costs 10–40 ms of Python and SQL, the same for every anonymous
reader until an editor changes something. A kept page is keyed on the page's
full path and on the database's snapshot (`pg_current_snapshot()`): the set of
transactions committed when the request arrives. Two requests with the same
snapshot see exactly the same rows, so they may share one rendering; any commit
anywhere (an editor's save, a publish) changes the snapshot, and the next
request renders afresh. A reader is never shown a page older than the data,
and a repeat request costs one one-row query instead of the page's SQL.

READER_CACHE_SECONDS bounds how long a kept page stays in memory (0 turns
keeping off). Downstream caches (browsers, a CDN) get an ETag and must
revalidate (`no-cache`); an unchanged page then costs them a 304.

Not kept, ever: logged-in users' pages (editors see their own session's view),
requests inside a transaction that has written (its own rows are not in any
snapshot another request could share), anything but a complete 200 that sets
no cookie. The key holds the full path, so `?format=json` and every query string
are kept apart.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import connections, router
from django.utils.cache import get_conditional_response, patch_cache_control

from corpus.models import Article

PREFIX = "reader-page:"
SNAPSHOT = "SELECT pg_current_snapshot()::text, pg_current_xact_id_if_assigned() IS NOT NULL"


def snapshot(using: str) -> str | None:
    """The snapshot this database's next read sees, or None inside a transaction that
    has written (whose uncommitted rows no other request sees)."""
    with connections[using].cursor() as cursor:
        cursor.execute(SNAPSHOT)
        seen, has_written = cursor.fetchone()
    return None if has_written else seen


def cached_for_readers(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        seconds = settings.READER_CACHE_SECONDS
        if not seconds or request.method not in ("GET", "HEAD") or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        seen = snapshot(router.db_for_read(Article))
        if seen is None:
            return view(request, *args, **kwargs)
        digest = hashlib.sha256(f"{seen}\n{request.get_full_path()}".encode()).hexdigest()
        key, etag = PREFIX + digest, f'"{digest[:32]}"'
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming or response.cookies:
                return response
            response["ETag"] = etag
            patch_cache_control(response, public=True, no_cache=True)
            cache.set(key, response, seconds)
        return get_conditional_response(request, etag=etag, response=response)

    return wrapped
