"""What every public view shares: one context, rendered as HTML or as its
JSON twin (`?format=json`), validated parameters and pagination."""

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import render

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
        return JsonResponse(to_json(context), **JSON_OPTIONS)
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
    try:
        return paginator.page(request.GET.get("page", 1))
    except InvalidPage:
        raise Http404("No such page") from None
