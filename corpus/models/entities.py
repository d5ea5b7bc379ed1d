"""People and organizations: their names and every spelling met, and the verbs
that count, find and relate them (article and claim counts come from the facet
tables' running totals)."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Count, Exists, F, Func, OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Cast, Coalesce, Greatest
from django.urls import reverse
from simple_history.models import HistoricalRecords

from corpus.models.choices import ANCHORED
from corpus.models.facet_tables import ArticleFacets, ClaimFacetTotal, FacetTotal

# Co-mentions listed on an entity's page, at most (the most shared).
CO_MENTION_LIMIT = 40


def _array_text(field: str) -> Func:
    """A text array joined into one string, so text lookups can search every element."""
    return Func(F(field), Value(" | "), function="array_to_string", output_field=TextField())


class EntityQuerySet(models.QuerySet):
    def _totals(self):
        """This kind of entity's FacetTotal rows: how many published articles name each."""
        return FacetTotal.objects.filter(facet=self.model._meta.model_name)

    def with_article_count(self):
        """Annotate how many published articles mention each entity, read from
        FacetTotal (kept by triggers) instead of counting mentions."""
        count = self._totals().filter(value=OuterRef("pk")).values("count")
        return self.annotate(
            article_count=Coalesce(Subquery(count, output_field=models.IntegerField()), 0)
        )

    def with_claim_count(self):
        """Annotate how many public statements each entity made (ClaimFacetTotal)."""
        count = ClaimFacetTotal.objects.filter(
            facet=self.model._meta.model_name, value=Cast(OuterRef("pk"), models.CharField())
        ).values("count")
        return self.annotate(
            claim_count=Coalesce(Subquery(count, output_field=models.IntegerField()), 0)
        )

    def with_authored_count(self):
        """Annotate how many published articles each actor wrote (FacetTotal)."""
        count = FacetTotal.objects.filter(facet="author", value=OuterRef("pk")).values("count")
        return self.annotate(
            authored_count=Coalesce(Subquery(count, output_field=models.IntegerField()), 0)
        )

    def mentioned(self):
        """Entities that at least one published article mentions."""
        return self.filter(Exists(self._totals().filter(value=OuterRef("pk"), count__gt=0)))

    def most_named(self, limit: int):
        """The `limit` entities named in the most published articles, most first, ties
        by name, with `article_count`. Reads FacetTotal by its count index: every
        entity named at least as often as the `limit`-th one, then orders those."""
        nth = self._totals().order_by("-count").values("count")[limit - 1 : limit]
        # GREATEST ignores NULL: with fewer than `limit` entities, every one named at all.
        floor = Greatest(Subquery(nth, output_field=models.IntegerField()), 1)
        top = self._totals().filter(count__gte=floor).values("value")
        return (
            self.filter(pk__in=top).with_article_count().order_by("-article_count", "name")[:limit]
        )

    def named_in(self, article):
        """Entities the article names, each with `mention_count` (how often), most named first."""
        # Filtering before annotating makes the count use the same join: this article's mentions.
        return (
            self.filter(mentions__article=article, mentions__anchor=ANCHORED)
            .annotate(mention_count=Count("mentions"))
            .order_by("-mention_count", "name")
        )

    def named(self, name: str):
        """Entities whose name or any alias is exactly `name`."""
        return self.filter(Q(name=name) | Q(aliases__contains=[name]))

    def name_filter(self, q: str):
        """Entities whose name or any alias contains `q` (case- and accent-insensitive),
        or whose name is a close spelling of it (pg_trgm word similarity: "Buzhinski")."""
        return self.alias(alias_text=_array_text("aliases")).filter(self._names_matching(q))

    def _names_matching(self, q: str) -> Q:
        return (
            Q(name__unaccent__icontains=q)
            | Q(alias_text__unaccent__icontains=q)
            | Q(name__trigram_word_similar=q)
        )

    def co_mentioned_with(self, entity, limit: int = CO_MENTION_LIMIT) -> list:
        """The `limit` entities named in the most published articles with `entity`
        (itself excluded), each with `shared_articles`, most shared first, ties by
        name. Two queries: one counts, with `unnest`, the names on the ArticleFacets
        rows of the entity's articles; the other fetches the best, in name order,
        which a stable sort by count keeps for ties."""
        column = f"{self.model._meta.model_name}_ids"
        rows = ArticleFacets.objects.filter(
            published=True, **{f"{entity._meta.model_name}_ids__contains": [entity.pk]}
        )
        sql, params = rows.values(column).query.sql_with_params()
        itself = entity.pk if isinstance(entity, self.model) else 0
        with connections[self.db].cursor() as cursor:
            cursor.execute(
                # unnest in the select list (a ProjectSet): 10 ms for someone in 11,000
                # articles, where a lateral unnest took 16.
                f"""SELECT id, count(*) AS shared FROM (SELECT unnest(f.{column}) AS id
                FROM ({sql}) AS f) AS named WHERE id <> %s GROUP BY id
                ORDER BY shared DESC FETCH FIRST %s ROWS WITH TIES""",
                [*params, itself, limit],
            )
            shared = dict(cursor.fetchall())
        # Counts attached in Python: a CASE of forty WHENs cost more to compile than to run.
        entities = list(self.filter(pk__in=shared).order_by("name"))
        for other in entities:
            other.shared_articles = shared[other.pk]
        return sorted(entities, key=lambda other: -other.shared_articles)[:limit]


class ActorQuerySet(EntityQuerySet):
    pass


class OrganizationQuerySet(EntityQuerySet):
    def with_published_count(self):
        """Annotate how many published articles each organization published: the
        publication facet's total (FacetTotal), the count the article list shows."""
        count = FacetTotal.objects.filter(facet="publication", value=OuterRef("pk")).values("count")
        return self.annotate(
            published_count=Coalesce(Subquery(count, output_field=models.IntegerField()), 0)
        )

    def named(self, name: str):
        return self.filter(Q(name=name) | Q(acronym=name) | Q(aliases__contains=[name]))

    def _names_matching(self, q: str) -> Q:
        return super()._names_matching(q) | Q(acronym__icontains=q)


class Entity(models.Model):
    """What actors and organizations share: a name, every spelling met, a slug."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, db_index=False)
    aliases = ArrayField(
        models.CharField(max_length=200),
        default=list,
        blank=True,
        help_text="Every other spelling or transliteration met in the sources.",
    )
    description = models.TextField(blank=True)
    authority_url = models.URLField(
        blank=True, help_text="An authority record (e.g. Wikidata), only once verified."
    )
    former_slugs = ArrayField(
        models.SlugField(max_length=200),
        default=list,
        blank=True,
        help_text="Slugs of records merged into this one; their URLs redirect here.",
    )
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def clean(self):
        """A slug leads to one record: no record's former slug is in use as a
        current slug or as another record's former slug (of the same model)."""
        others = type(self)._default_manager.exclude(pk=self.pk)
        if holder := others.filter(former_slugs__contains=[self.slug]).first():
            raise ValidationError(
                {"slug": f"“{self.slug}” is a former slug of {holder}: its URL redirects there."}
            )
        if self.slug in self.former_slugs:
            raise ValidationError({"former_slugs": "A former slug cannot be the current slug."})
        if self.former_slugs:
            if taken := others.filter(slug__in=self.former_slugs).first():
                raise ValidationError(
                    {"former_slugs": f"“{taken.slug}” is the current slug of {taken}."}
                )
            if shared := others.filter(former_slugs__overlap=self.former_slugs).first():
                raise ValidationError(
                    {"former_slugs": f"{shared} already has one of these former slugs."}
                )

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


class Actor(Entity):
    """A person."""

    objects = ActorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            # Invariant: one URL per actor.
            models.UniqueConstraint(fields=["slug"], name="actor_slug_unique"),
        ]
        indexes = [
            # Serves alias lookups when importing and matching (aliases @> ARRAY[name]).
            GinIndex(fields=["aliases"], name="actor_aliases_gin"),
            # Serves redirects from merged records' URLs (former_slugs @> ARRAY[slug]).
            GinIndex(fields=["former_slugs"], name="actor_former_slugs_gin"),
        ]

    def get_absolute_url(self):
        return reverse("actor_detail", args=[self.slug])


class Organization(Entity):
    class Kind(models.TextChoices):
        INTERGOVERNMENTAL = "intergovernmental", "Intergovernmental organization"
        STATE = "state", "State"
        GOVERNMENT_BODY = "government_body", "Government body"
        MILITARY_UNIT = "military_unit", "Military unit"
        MEDIA = "media", "Media"
        THINK_TANK = "think_tank", "Think tank"
        ACADEMIC = "academic", "Academic institution"
        ARMED_GROUP = "armed_group", "Armed group"
        COMPANY = "company", "Company"
        OTHER = "other", "Other"

    acronym = models.CharField(max_length=40, blank=True)
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    members = models.ManyToManyField(
        "self", blank=True, symmetrical=False, related_name="memberships"
    )
    stand_ins = ArrayField(
        models.CharField(max_length=200),
        default=list,
        blank=True,
        help_text="Names of a place or building the texts also use for this body: “Moscow” "
        "for Russia, “Kremlin” for the Russian leadership. Never matched as a name, since a "
        "text may mean the place: an editor marks each mention that stands for the body.",
    )

    objects = OrganizationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            # Invariant: one URL per organization.
            models.UniqueConstraint(fields=["slug"], name="organization_slug_unique"),
            # Invariant: an organization is not its own parent.
            models.CheckConstraint(
                condition=~Q(parent=F("pk")), name="organization_not_own_parent"
            ),
        ]
        indexes = [
            # Serves alias lookups when importing and matching.
            GinIndex(fields=["aliases"], name="organization_aliases_gin"),
            # Serves redirects from merged records' URLs (former_slugs @> ARRAY[slug]).
            GinIndex(fields=["former_slugs"], name="organization_former_slugs_gin"),
            # Serves acronym lookups (glossary, import linking).
            models.Index(fields=["acronym"], name="organization_acronym_idx"),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("organization_detail", args=[self.slug])

    def clean(self):
        """A stand-in name is never one of anyone's names: the matcher would link it."""
        super().clean()
        for name in self.stand_ins:
            holder = (
                (self if name in self.names else None)
                or Organization.objects.named(name).exclude(pk=self.pk).first()
                or Actor.objects.named(name).first()
            )
            if holder is not None:
                raise ValidationError(
                    {"stand_ins": f"“{name}” is a name of {holder}: a stand-in name cannot be."}
                )

    @property
    def names(self) -> list[str]:
        return [self.name, *([self.acronym] if self.acronym else []), *self.aliases]
