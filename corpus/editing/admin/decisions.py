"""The editors' queues: names the archive does not know (create a record, add an
alias, or dismiss), and links the matcher proposed (accept or reject). Deciding
is remembered: corpus/editing/decisions.py."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count

from corpus.editing import decisions
from corpus.models import Actor, MentionProposal, NameCandidate, Organization


def decide_candidate(request, candidate: NameCandidate, action: str, alias_of: str = "") -> None:
    """Apply an editor's decision on an unknown name and say what was done."""
    user = request.user
    if not user.has_perm("corpus.change_namecandidate"):
        raise PermissionDenied
    model = Actor if candidate.kind == NameCandidate.Kind.ACTOR else Organization
    try:
        if action == "create":
            if not user.has_perm(f"corpus.add_{model._meta.model_name}"):
                raise PermissionDenied
            record = decisions.create_record(candidate, user)
            messages.success(
                request, f"“{candidate}”: {model._meta.verbose_name} “{record}” created."
            )
        elif action == "alias":
            record = (
                model.objects.named(alias_of.strip()).first()
                or model.objects.filter(slug=alias_of.strip()).first()
            )
            if record is None:
                messages.error(
                    request,
                    f"No {model._meta.verbose_name} is named “{alias_of}”: nothing changed.",
                )
                return
            decisions.add_alias(candidate, user, record)
            messages.success(request, f"“{candidate}” is now an alias of “{record}”.")
        elif action == "dismiss":
            decisions.dismiss(candidate, user)
            messages.success(request, f"“{candidate}” dismissed; it will not be asked about again.")
        else:
            messages.error(request, "Unknown decision: nothing changed.")
    except ValidationError as error:
        messages.error(request, f"“{candidate}”: {' '.join(error.messages)}")


@admin.register(NameCandidate)
class NameCandidateAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "evidence", "decision", "article_count"]
    list_filter = ["decision", "kind"]
    search_fields = ["name", "evidence"]
    readonly_fields = ["name", "spellings", "evidence", "decision", "decided_by", "decided_at"]
    fields = [
        "name",
        "spellings",
        "kind",
        "acronym",
        "evidence",
        "decision",
        "decided_by",
        "decided_at",
    ]
    actions = ["create_records", "dismiss_names"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("articles"))

    @admin.display(description="articles", ordering="article_total")
    def article_count(self, candidate):
        return candidate.article_total

    def changelist_view(self, request, extra_context=None):
        # The queue opens on the names that wait for a decision.
        if not request.GET and request.method == "GET":
            request.GET = request.GET.copy()
            request.GET["decision__exact"] = NameCandidate.Decision.PENDING
        return super().changelist_view(request, extra_context)

    @admin.action(description="Create a record for each selected name", permissions=["change"])
    def create_records(self, request, queryset):
        for candidate in queryset.filter(decision=NameCandidate.Decision.PENDING):
            decide_candidate(request, candidate, "create")

    @admin.action(description="Dismiss the selected names", permissions=["change"])
    def dismiss_names(self, request, queryset):
        for candidate in queryset.filter(decision=NameCandidate.Decision.PENDING):
            decide_candidate(request, candidate, "dismiss")


@admin.register(MentionProposal)
class MentionProposalAdmin(admin.ModelAdmin):
    list_display = ["exact", "entity_name", "stand_in", "reason", "article", "verdict"]
    list_filter = ["verdict", "stand_in"]
    list_select_related = ["article", "actor", "organization"]
    search_fields = ["exact", "reason"]
    readonly_fields = [
        "article",
        "exact",
        "prefix",
        "suffix",
        "actor",
        "organization",
        "stand_in",
        "reason",
        "verdict",
        "decided_by",
        "decided_at",
    ]
    exclude = ["start", "end"]
    actions = ["accept", "reject"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("article__body", "article__raw_source")

    def has_add_permission(self, request):
        return False

    @admin.display(description="links to")
    def entity_name(self, proposal):
        return proposal.entity

    @admin.action(description="Accept: link the selected passages", permissions=["change"])
    def accept(self, request, queryset):
        accepted = [decisions.accept_proposal(p, request.user) for p in queryset.pending()]
        messages.success(request, f"{len(accepted)} links accepted.")

    @admin.action(description="Reject: never link the selected passages", permissions=["change"])
    def reject(self, request, queryset):
        rejected = [decisions.reject_proposal(p, request.user) for p in queryset.pending()]
        messages.success(
            request, f"{len(rejected)} links rejected; they will not be proposed again."
        )
