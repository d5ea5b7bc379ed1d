"""Statements attributed to people and organizations."""

from django.http import Http404

from archive import payloads
from archive.forms import ClaimFilterForm, errors_text
from archive.views.common import bad_request, paginate, respond
from corpus.models import Claim


def claim_list(request):
    form = ClaimFilterForm(request.GET)
    if not form.is_valid():
        return bad_request(request, errors_text(form))
    claims = Claim.objects.published().for_listing()
    for slug in form.cleaned_data["claimant"]:
        claims = claims.by_claimant(slug)
    page = paginate(
        request,
        claims.order_by("annotation__article__date_start", "annotation__start"),
        per_page=50,
    )
    context = {"page": page, "claims": page.object_list, "claimants": form.cleaned_data["claimant"]}
    return respond(
        request,
        "claims/list.html",
        context,
        lambda c: payloads.page_payload(
            c["page"], request, [payloads.claim_payload(claim, request) for claim in c["claims"]]
        ),
    )


def tag_list(request):
    raise Http404("Not built yet")  # TODO(issue 3)


def tag_detail(request, slug):
    raise Http404("Not built yet")  # TODO(issue 3)
