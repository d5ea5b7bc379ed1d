"""The people and organizations of entities.toml: their names, the relations
between organizations, the names that stand in for them, and renames."""

from corpus.ingest.seeds.sync import CurationError, Field, fingerprint
from corpus.models import Actor, Organization, SeedState

# The curated aspects of an organization, each with its own SeedState, keyed by slug.
ORGANIZATION_ASPECTS = ("organization", "relations", "stand-in names")


def organization_values(row: dict) -> dict:
    return {
        "name": row["name"],
        "acronym": row.get("acronym", ""),
        "aliases": row.get("aliases", []),
        "kind": row.get("kind", Organization.Kind.OTHER),
        "description": row.get("description", ""),
    }


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
        rows = []
        for row in entities.get("organization", []):
            org = Organization.objects.filter(slug=row["slug"]).first() or self._rename(row)
            if org is False:
                continue  # an editor's record under a former slug: theirs to rename
            if org is None:
                org = Organization(slug=row["slug"], former_slugs=row.get("former_slugs", []))
            self.sync("organization", row["slug"], org, organization_values(row))
            rows.append(row)
        # Relations need every organization to exist first.
        by_slug = Organization.objects.in_bulk(field_name="slug")
        for row in rows:
            org = by_slug.get(row["slug"])
            if org is None:
                continue
            owner = ("organization", row["slug"])
            # Before the relations: writing the names saves the record, parent and all.
            if (
                row.get("stand_ins")
                or SeedState.objects.filter(kind="stand-in names", key=row["slug"]).exists()
            ):
                self.sync(
                    "stand-in names",
                    row["slug"],
                    org,
                    {"stand_ins": row.get("stand_ins", [])},
                    owner=owner,
                    fill_empty=True,
                )
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
                owner=owner,
            )

    def _rename(self, row: dict):
        """The record a curated rename names by a former slug: renamed in place (its id,
        mentions and claims stay; its old URL redirects) when nobody has touched it.
        None when there is none; False when an editor's change or merge keeps it."""
        slug = row["slug"]
        for old in row.get("former_slugs", []):
            record = Organization.objects.filter(slug=old).first()
            merged_into = Organization.objects.filter(former_slugs__contains=[old]).first()
            seeded = SeedState.objects.filter(kind="organization", key=old).first()
            if record is None and merged_into is not None:
                self._keep("organization", old, f"merged into {merged_into.slug} by an editor")
                self.renamed[slug] = merged_into
                return False
            if record is None:
                if seeded is not None:
                    self._keep("organization", old, "deleted by an editor")
                    return False
                continue
            values = organization_values(row)
            untouched = seeded is not None and seeded.fingerprint == fingerprint(
                self._read(record, values, {})
            )
            if not untouched:
                self._keep("organization", old, f"changed by an editor, so not renamed {slug}")
                self.renamed[slug] = record
                return False
            record.slug, record.former_slugs = slug, [*record.former_slugs, old]
            record._change_reason = f"Seed curation: renamed from {old}"
            self._write(record, {}, {})
            SeedState.objects.filter(kind__in=ORGANIZATION_ASPECTS, key=old).update(key=slug)
            self.counts["organizations renamed"] += 1
            return record
        return None

    def org(self, slug: str) -> Organization:
        """The organization a curated slug names: its own, a rename an editor's change
        kept from happening, or a former slug (a merged or renamed record)."""
        found = Organization.objects.filter(slug=slug).first() or self.renamed.get(slug)
        found = found or Organization.objects.filter(former_slugs__contains=[slug]).first()
        if found is None:
            raise CurationError(f"unknown organization “{slug}”")
        return found

    def actor(self, slug: str) -> Actor:
        try:
            return Actor.objects.get(slug=slug)
        except Actor.DoesNotExist:
            raise CurationError(f"unknown actor “{slug}”") from None
