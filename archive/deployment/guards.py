"""Refuse input no page can use before any view, form or query sees it; believe a
proxy's forwarded headers only from TRUSTED_PROXIES; frame nothing, static files included.

PostgreSQL cannot store or compare a NUL character: one in a query string, a
form, a cookie or a header reached the admin's list filters and the session
lookup as a 500. Over-long query values are never a real search or filter.
Both answer 400 here, for every URL, the admin included.
"""

from django.conf import settings
from django.http import HttpResponseBadRequest

# The longest query-string value any page reads (searches stop at 200 characters).
MAX_QUERY_VALUE = 1000
NUL = "\x00"


def answers_bad_input_itself(view):
    """Mark a view that answers bad parameters in its own protocol (OAI-PMH's errors)."""
    view.answers_bad_input_itself = True
    return view


def refusal(request) -> str | None:
    """Why the request's parameters, cookies, headers or form cannot be used, or None."""
    for key, values in request.GET.lists():
        if NUL in key or any(NUL in value for value in values):
            return "a parameter contains a NUL character"
        if len(key) > MAX_QUERY_VALUE or any(len(value) > MAX_QUERY_VALUE for value in values):
            return f"a parameter is longer than {MAX_QUERY_VALUE} characters"
    for name, value in request.META.items():
        if name.startswith("HTTP_") and isinstance(value, str) and NUL in value:
            return "a header contains a NUL character"
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        for key, values in request.POST.lists():
            if NUL in key or any(isinstance(v, str) and NUL in v for v in values):
                return "a form field contains a NUL character"
    return None


def refused(reason: str):
    return HttpResponseBadRequest(
        f"Bad request: {reason}.\n", content_type="text/plain; charset=utf-8"
    )


def from_trusted_proxy(request) -> bool:
    return request.META.get("REMOTE_ADDR") in settings.TRUSTED_PROXIES


def client_address(request) -> str | None:
    """The reader's address: behind a trusted proxy, the last one it forwarded
    (what the proxy saw; earlier entries are the client's own claims)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and from_trusted_proxy(request):
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR")


class RefuseUnusableInput:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not from_trusted_proxy(request):
            # Anyone could claim https; SECURE_PROXY_SSL_HEADER must read only nginx's.
            request.META.pop("HTTP_X_FORWARDED_PROTO", None)
        if NUL in request.path:
            response = refused("the address contains a NUL character")
        else:
            response = self.get_response(request)
        # Whitenoise answers static files before Django's clickjacking middleware runs.
        response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "answers_bad_input_itself", False):
            return None
        if reason := refusal(request):
            return refused(reason)
        return None
