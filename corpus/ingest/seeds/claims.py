"""The claims of each article's curation: who said what, anchored to the passage
that reports it, and the same statement linked across articles."""

from corpus.ingest.seeds.sync import CurationError, Field
from corpus.models import Annotation, Article, Claim, SeedState, Status


class ClaimSteps:
    """Load the claims of one article's curation, then link the same statements."""

    def load_claims(self, curation: dict) -> None:
        article = Article.objects.filter(source_file=curation["source_file"]).first()
        if article is None:
            return
        for row in curation.get("claim", []):
            key = row["key"]
            claimant_type = row.get("claimant_type", "actor")
            if claimant_type not in ("actor", "organization"):
                raise CurationError(f"claim {key}: claimant_type must be actor or organization")
            claimant = (self.actor if claimant_type == "actor" else self.org)(row["claimant"])
            start = self._locate(article, row)
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
            self.sync(
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

    def _locate(self, article: Article, row: dict) -> int:
        passage, occurrence = row["passage"], row.get("occurrence", 1)
        start = -1
        for _ in range(occurrence):
            start = article.body.find(passage, start + 1)
            if start < 0:
                raise CurationError(
                    f"claim {row['key']}: passage not in the body of {article.source_file}: "
                    f"“{passage[:60]}”"
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
