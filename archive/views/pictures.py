"""Pictures of the corpus: who appears with whom, and when articles appeared."""

from django.http import Http404


def network(request):
    raise Http404("Not built yet")  # TODO(issue 3): co-mention network


def timeline(request):
    raise Http404("Not built yet")  # TODO(issue 3): article timeline
