"""Anonymous readers' pages, kept for a minute.

A reading page costs ~40 ms of Python and SQL, the same for every anonymous
reader until an editor changes something. Keeping the rendered response for
READER_CACHE_SECONDS (60 by default) serves repeat readers from memory, which
is what lets two gunicorn workers carry 100+ reading pages a second.

The trade is the one read replicas already make: an anonymous reader may see
an edit up to a minute late. Logged-in users (editors, reviewers) never read
from or write to this cache, so whoever edits sees the live page at once.
Only complete 200 responses that set no cookie are kept; the key is the full
path, so `?format=json` and every query string are kept apart.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_cache_control

PREFIX = "reader-page:"


def cached_for_readers(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        seconds = settings.READER_CACHE_SECONDS
        if not seconds or request.method not in ("GET", "HEAD") or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        key = PREFIX + hashlib.sha256(request.get_full_path().encode()).hexdigest()
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming and not response.cookies:
                patch_cache_control(response, public=True, max_age=seconds)
                cache.set(key, response, seconds)
        return response

    return wrapped
