"""The people and organizations of entities.toml, and the relations between organizations."""

from corpus.ingest.seeds.sync import CurationError, Field
from corpus.models import Actor, Organization


class EntitySteps:
    """Load actors, organizations and their relations; resolve curated slugs to records."""

    def load_entities(self, entities: dict) -> None:
        for row in entities.get("actor", []):
            actor = Actor.objects.filter(slug=row["slug"]).first() or Actor(slug=row["slug"])
            self.sync(
                "actor",
                row["slug"],
                actor,
                {
                    "name": row["name"],
                    "aliases": row.get("aliases", []),
                    "description": row.get("description", ""),
                    "authority_url": row.get("authority_url", ""),
                },
            )
        rows = entities.get("organization", [])
        for row in rows:
            org = Organization.objects.filter(slug=row["slug"]).first() or Organization(
                slug=row["slug"]
            )
            self.sync(
                "organization",
                row["slug"],
                org,
                {
                    "name": row["name"],
                    "acronym": row.get("acronym", ""),
                    "aliases": row.get("aliases", []),
                    "kind": row.get("kind", Organization.Kind.OTHER),
                    "description": row.get("description", ""),
                },
            )
        # Relations need every organization to exist first.
        by_slug = Organization.objects.in_bulk(field_name="slug")
        for row in rows:
            org = by_slug.get(row["slug"])
            if org is None:
                continue
            self.sync(
                "relations",
                row["slug"],
                org,
                {
                    "parent": row.get("parent", ""),
                    "members": sorted(row.get("members", [])),
                },
                extra={
                    "parent": Field(
                        get=lambda o: o.parent.slug if o.parent else "",
                        set=lambda o, slug: Organization.objects.filter(pk=o.pk).update(
                            parent=self.org(slug) if slug else None
                        ),
                    ),
                    "members": Field(
                        get=lambda o: sorted(o.members.values_list("slug", flat=True)),
                        set=lambda o, slugs: o.members.set([self.org(s) for s in slugs]),
                    ),
                },
                owner=("organization", row["slug"]),
            )

    def org(self, slug: str) -> Organization:
        try:
            return Organization.objects.get(slug=slug)
        except Organization.DoesNotExist:
            raise CurationError(f"unknown organization “{slug}”") from None

    def actor(self, slug: str) -> Actor:
        try:
            return Actor.objects.get(slug=slug)
        except Actor.DoesNotExist:
            raise CurationError(f"unknown actor “{slug}”") from None
