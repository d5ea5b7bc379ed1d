"""The claims of each article's curation: who said what, anchored to the passage
that reports it, with the further parties to a joint statement, and the same
statement linked across articles; and the statements decided not to be claims."""

from corpus.ingest.seeds.sync import CurationError, Field
from corpus.models import Annotation, Article, Claim, SeedState, Status

# Why a statement the text reports is not a claim (seeds/curation/README.md).
NOT_A_CLAIM_CATEGORIES = {
    "attitude": "a mood, attitude or interest with no proposition",
    "unidentified": "attributed to no one, or to people the text does not identify",
    "author": "the author's own analysis, inference or prediction",
    "act": "an act, effort or decision, not a statement",
    "restated": "a statement already recorded as a claim",
}
ENTITY_TYPES = ("actor", "organization")
# Where a direct quote's text leaves words out, or joins pieces the source parts
# with "he said", the curation marks the cut so.
CUT = " … "


def quote_is_verbatim(text: str, passage: str) -> bool:
    """A direct quote is the source's words exactly: each piece between the cuts
    is in the passage, in order, punctuation included (no invented period)."""
    position = 0
    for piece in text.split(CUT):
        found = passage.find(piece, position) if piece else -1
        if found < 0:
            return False
        position = found + len(piece)
    return True


class ClaimSteps:
    """Load the claims of one article's curation, then link the same statements."""

    def load_claims(self, curation: dict) -> None:
        article = Article.objects.filter(source_file=curation["source_file"]).first()
        if article is None:
            return
        self._check_decisions(article, curation.get("not_a_claim", []))
        for row in curation.get("claim", []):
            key = row["key"]
            claimant_type = row.get("claimant_type", "actor")
            claimant = self._entity(claimant_type, row["claimant"], f"claim {key}")
            start = self._locate(article, row["passage"], row.get("occurrence", 1), f"claim {key}")
            if row.get("form", Claim.Form.QUOTE) == Claim.Form.QUOTE and not quote_is_verbatim(
                row["text"], row["passage"]
            ):
                raise CurationError(
                    f"claim {key}: a direct quote must be the passage's words exactly, "
                    f"with any cut marked “{CUT.strip()}”"
                )
            claim = Claim.objects.filter(key=key).select_related("annotation").first()
            if claim is None:
                claim = Claim(key=key, status=Status.PUBLISHED)
                if not SeedState.objects.filter(kind="claim", key=key).exists():
                    annotation = Annotation(
                        article=article, kind=Annotation.Kind.CLAIM, status=Status.PUBLISHED
                    )
                    self._anchor(annotation, start, row["passage"])
                    getattr(annotation, f"{claimant_type}s").add(claimant)
                    claim.annotation = annotation
            claim = self.sync(
                "claim",
                key,
                claim,
                {
                    "claimant_actor_id": claimant.pk if claimant_type == "actor" else None,
                    "claimant_organization_id": claimant.pk if claimant_type != "actor" else None,
                    "form": row.get("form", Claim.Form.QUOTE),
                    "kind": row.get("kind", Claim.Kind.ASSESSMENT),
                    "text": row["text"],
                    "passage": [start, row["passage"]],
                    "note": row.get("note", ""),
                    "tags": sorted(row.get("tags", [])),
                },
                extra={
                    "passage": Field(
                        get=lambda c: [c.annotation.start, c.annotation.exact],
                        set=lambda c, value: self._anchor(c.annotation, *value),
                    ),
                    "note": Field(
                        get=lambda c: c.annotation.note,
                        set=lambda c, note: Annotation.objects.filter(pk=c.annotation_id).update(
                            note=note
                        ),
                    ),
                    "tags": Field(
                        get=lambda c: sorted(c.tags.names()),
                        set=lambda c, tags: c.tags.set(tags),
                    ),
                },
            )
            if claim is not None and (
                row.get("parties") or SeedState.objects.filter(kind="parties", key=key).exists()
            ):
                self._sync_parties(claim, row)

    def _sync_parties(self, claim: Claim, row: dict) -> None:
        """A joint statement's passage links every party, not the claimant alone."""
        parties = sorted(
            [party["type"], self._entity(party["type"], party["slug"], f"claim {row['key']}").pk]
            for party in row.get("parties", [])
        )
        self.sync(
            "parties",
            row["key"],
            claim,
            {"parties": parties},
            extra={"parties": Field(get=self._linked_parties, set=self._link_parties)},
            fill_empty=True,
        )

    @staticmethod
    def _linked_parties(claim: Claim) -> list:
        """Who the claim's passage links, besides its claimant."""
        annotation = claim.annotation
        linked = [["actor", pk] for pk in annotation.actors.values_list("pk", flat=True)]
        linked += [
            ["organization", pk] for pk in annotation.organizations.values_list("pk", flat=True)
        ]
        claimant = ["actor" if claim.claimant_actor_id else "organization", claim.claimant.pk]
        return sorted(party for party in linked if party != claimant)

    @staticmethod
    def _link_parties(claim: Claim, parties: list) -> None:
        annotation = claim.annotation
        for kind in ENTITY_TYPES:
            keep = [pk for party, pk in parties if party == kind]
            if getattr(claim, f"claimant_{kind}_id"):
                keep.append(getattr(claim, f"claimant_{kind}_id"))
            getattr(annotation, f"{kind}s").set(keep)

    def _entity(self, kind: str, slug: str, where: str):
        if kind not in ENTITY_TYPES:
            raise CurationError(f"{where}: the type of “{slug}” must be actor or organization")
        return (self.actor if kind == "actor" else self.org)(slug)

    def _check_decisions(self, article: Article, rows: list[dict]) -> None:
        """Each statement decided not to be a claim names its passage, found in the
        text, and why, in one of the NOT_A_CLAIM_CATEGORIES; nothing is written."""
        for number, row in enumerate(rows, 1):
            where = f"{article.source_file}: not_a_claim {number}"
            self._locate(article, row["passage"], row.get("occurrence", 1), where)
            if row["category"] not in NOT_A_CLAIM_CATEGORIES:
                raise CurationError(
                    f"{where}: category must be one of {', '.join(NOT_A_CLAIM_CATEGORIES)}"
                )
            if not row["statement"].strip() or not row["reason"].strip():
                raise CurationError(f"{where}: a decision needs its statement and its reason")

    @staticmethod
    def _locate(article: Article, passage: str, occurrence: int, where: str) -> int:
        start = -1
        for _ in range(occurrence):
            start = article.body.find(passage, start + 1)
            if start < 0:
                raise CurationError(
                    f"{where}: passage not in the body of {article.source_file}: “{passage[:60]}”"
                )
        return start

    @staticmethod
    def _anchor(annotation: Annotation, start: int, exact: str) -> None:
        """Point an annotation at body[start:start+len(exact)] with its W3C selectors."""
        annotation.place(start, start + len(exact))
        annotation.save()

    def link_same_statements(self, curations: list[dict]) -> None:
        claims = Claim.objects.filter(key__isnull=False).in_bulk(field_name="key")
        for curation in curations:
            for row in curation.get("claim", []):
                claim = claims.get(row["key"])
                for other_key in row.get("same_statement_as", []):
                    if other_key not in claims:
                        raise CurationError(
                            f"claim {row['key']}: unknown same_statement_as “{other_key}”"
                        )
                    if claim is not None:
                        claim.same_statement_as.add(claims[other_key])
