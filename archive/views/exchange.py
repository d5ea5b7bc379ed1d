"""What other systems read: the OAI-PMH data provider (archive/harvesting/),
robots.txt, and the JSON Schemas of the JSON twins. (Django's own views serve the
sitemap and the feeds: see archive/urls.py.)"""

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.http.request import split_domain_port
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from archive.deployment.guards import answers_bad_input_itself
from archive.formats import api_schemas
from archive.harvesting import provider
from archive.views.common import JSON_OPTIONS


# Harvesters may POST their arguments (urlencoded); a harvest writes nothing, so no CSRF.
# A NUL in an argument is an OAI-PMH error (badArgument, badVerb), not a bare 400.
@answers_bad_input_itself
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def oai(request):
    params = dict((request.POST if request.method == "POST" else request.GET).lists())
    repository = provider.Repository(
        base_url=request.build_absolute_uri(reverse("oai")),
        name=settings.OAI_REPOSITORY_IDENTIFIER or split_domain_port(request.get_host())[0],
        absolute=request.build_absolute_uri,
    )
    return HttpResponse(
        provider.respond(params, repository), content_type="text/xml; charset=utf-8"
    )


def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def api_schema_index(request):
    """The published JSON Schemas: each page's, and the ones they share."""
    schemas = {
        name: request.build_absolute_uri(reverse("api_schema", args=[name]))
        for name in api_schemas.names()
    }
    pages = {page: schemas[name] for page, name in api_schemas.PAGES.items()}
    return JsonResponse({"schemas": schemas, "pages": pages}, **JSON_OPTIONS)


def api_schema(request, name):
    document = api_schemas.schema(name, request.build_absolute_uri())
    if document is None:
        raise Http404(f"No schema is called “{name[:40]}”.")
    return JsonResponse(document, content_type="application/schema+json", **JSON_OPTIONS)
