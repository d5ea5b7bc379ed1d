"""Error pages that answer in the format asked for: a JSON client asking for
`?format=json` gets a JSON error, a browser gets a page."""

import json
import logging

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

# Content-Security-Policy violations, as browsers report them (README "Security headers").
csp_logger = logging.getLogger("archive.csp")
MAX_REPORT_BYTES = 16 * 1024


def _wants_json(request) -> bool:
    return request.GET.get("format") == "json" or "json" in request.headers.get("Accept", "")


def not_found(request, exception=None):
    if _wants_json(request):
        return JsonResponse({"error": "Not found: there is nothing at this address."}, status=404)
    return render(request, "404.html", status=404)


@csrf_exempt  # browsers send reports without a token
@require_POST
def csp_report(request):
    """Log a violation report (report-uri's JSON, or the Reporting API's list); 204 always,
    so that a malformed or over-long report is dropped without telling the sender more."""
    length = request.headers.get("Content-Length") or "0"
    if length.isascii() and length.isdigit() and int(length) <= MAX_REPORT_BYTES:
        try:
            report = json.loads(request.body or b"null")
        except (ValueError, UnicodeDecodeError):
            report = None
        if isinstance(report, dict | list):
            csp_logger.warning("CSP violation: %s", json.dumps(report)[:MAX_REPORT_BYTES])
    return HttpResponse(status=204)
