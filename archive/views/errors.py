"""Error pages that answer in the format asked for: a JSON client asking for
`?format=json` gets a JSON error, a browser gets a page."""

from django.http import JsonResponse
from django.shortcuts import render


def _wants_json(request) -> bool:
    return request.GET.get("format") == "json" or "json" in request.headers.get("Accept", "")


def not_found(request, exception=None):
    if _wants_json(request):
        return JsonResponse({"error": "Not found: there is nothing at this address."}, status=404)
    return render(request, "404.html", status=404)
