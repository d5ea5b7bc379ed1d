"""What every public view shares: one context, rendered as HTML or as its
JSON twin (`?format=json`), validated parameters and pagination."""

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag

from archive.formats import api_schemas

JSON_OPTIONS = {"json_dumps_params": {"ensure_ascii": False, "indent": 2}}


def requested_format(request, formats=("html", "json")) -> str:
    fmt = request.GET.get("format", "html")
    if fmt not in formats:
        choices = f"{', '.join(formats[:-1])} or {formats[-1]}"
        raise BadParameters(f"format: “{fmt[:20]}” is not {choices}.")
    return fmt


def wants_json(request) -> bool:
    return requested_format(request) == "json"


class BadParameters(Exception):
    pass


def respond(request, template, context, to_json, to_csv=None):
    """HTML, or ?format=json; ?format=csv only where the view offers `to_csv`."""
    try:
        fmt = requested_format(request, ("html", "json", "csv") if to_csv else ("html", "json"))
    except BadParameters as error:
        return bad_request(request, str(error))
    if fmt == "json":
        payload = to_json(context)
        response = JsonResponse(payload, **JSON_OPTIONS)
        pages = {"next": payload.get("next"), "prev": payload.get("previous")}
        targets = {rel: url for rel, url in pages.items() if isinstance(url, str)}
        return link(response, {**targets, **described_by(request)})
    if fmt == "csv":
        return to_csv(context)
    return render(request, template, context)


def bad_request(request, message):
    if request.GET.get("format") == "json":
        return JsonResponse({"error": message}, status=400)
    return render(request, "400.html", {"message": message}, status=400)


def paginate(request, queryset, per_page=None, count=None):
    """The requested page; `count`, when the caller already knows it, saves a query."""
    paginator = Paginator(queryset, per_page or settings.ARCHIVE_PAGE_SIZE)
    if count is not None:
        paginator.count = count
    page = request.GET.get("page", "1")
    if not (page.isascii() and page.isdigit() and len(page) <= 18):
        raise Http404("No such page")
    try:
        return paginator.page(page)
    except InvalidPage:
        raise Http404("No such page") from None


def described_by(request) -> dict[str, str]:
    """The JSON Schema of this page's JSON twin, published under /api/schema/."""
    name = api_schemas.PAGES.get(getattr(request.resolver_match, "url_name", None))
    if name is None:
        return {}
    return {"describedby": request.build_absolute_uri(reverse("api_schema", args=[name]))}


def link(response, targets: dict[str, str], types=()):
    """Add an HTTP Link header (RFC 8288): each rel's URL, then the resource's types."""
    values = [f'<{url}>; rel="{rel}"' for rel, url in targets.items()]
    values += [f'<{url}>; rel="type"' for url in types]
    if values:
        response["Link"] = ", ".join(values)
    return response


def linked_data(request, payload, content_type, targets=(), types=(), vary=True):
    """A JSON-LD document with its profile, ETag (answering If-None-Match with 304),
    Link header, and Vary: Accept where the address also answers HTML."""
    response = JsonResponse(payload, content_type=content_type, **JSON_OPTIONS)
    response["Allow"] = "GET, HEAD, OPTIONS"
    link(response, dict(targets), types)
    if vary:
        patch_vary_headers(response, ["Accept"])
    set_response_etag(response)
    return get_conditional_response(request, etag=response["ETag"], response=response)
