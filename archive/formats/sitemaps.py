"""The sitemap (Django's sitemaps framework): the public pages, published articles,
and the people, organizations and tags that published articles name. Each section
is paged by the framework (50,000 addresses a page) behind /sitemap.xml, an index."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from taggit.models import Tag

from corpus.models import Actor, Article, FacetTotal, Organization


class PagesSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return [
            "home",
            "article_list",
            "actor_list",
            "organization_list",
            "claim_list",
            "tag_list",
            "network",
            "timeline",
        ]

    def location(self, item):
        return reverse(item)


class ArticleSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.published().only("slug", "modified").order_by("pk")

    def lastmod(self, article):
        return article.modified


class EntitySitemap(Sitemap):
    model = Actor

    def items(self):
        return self.model.objects.mentioned().only("slug", "modified").order_by("pk")

    def lastmod(self, entity):
        return entity.modified


class OrganizationSitemap(EntitySitemap):
    model = Organization


class TagSitemap(Sitemap):
    def items(self):
        used = FacetTotal.objects.filter(facet=FacetTotal.Facet.TAG, count__gt=0)
        return Tag.objects.filter(pk__in=used.values("value")).order_by("pk")

    def location(self, tag):
        return reverse("tag_detail", args=[tag.slug])


SITEMAPS = {
    "pages": PagesSitemap,
    "articles": ArticleSitemap,
    "actors": EntitySitemap,
    "organizations": OrganizationSitemap,
    "tags": TagSitemap,
}
