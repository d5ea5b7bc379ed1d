from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import path

from archive.formats import feeds
from archive.formats.sitemaps import SITEMAPS
from archive.views import (
    articles,
    claims,
    entities,
    errors,
    exchange,
    health,
    home,
    pictures,
    reading,
)

handler404 = errors.not_found

urlpatterns = [
    path("", home.home, name="home"),
    path("articles/", articles.article_list, name="article_list"),
    path("articles/<slug:slug>/", reading.article_detail, name="article_detail"),
    path(
        "articles/<slug:slug>/cite.<str:style>",
        reading.article_citation,
        name="article_citation",
    ),
    path("articles/<slug:slug>/tei.xml", reading.article_tei, name="article_tei"),
    path(
        "articles/<slug:slug>/annotations.jsonld",
        reading.article_annotations,
        name="article_annotations",
    ),
    path("annotations/<uuid:uuid>/", reading.annotation_permalink, name="annotation_detail"),
    path("actors/", entities.actor_list, name="actor_list"),
    path("actors/<slug:slug>/", entities.actor_detail, name="actor_detail"),
    path("organizations/", entities.organization_list, name="organization_list"),
    path("organizations/<slug:slug>/", entities.organization_detail, name="organization_detail"),
    path("claims/", claims.claim_list, name="claim_list"),
    path("tags/", claims.tag_list, name="tag_list"),
    path("tags/<slug:slug>/", claims.tag_detail, name="tag_detail"),
    path("network/", pictures.network, name="network"),
    path("timeline/", pictures.timeline, name="timeline"),
    path("oai/", exchange.oai, name="oai"),
    path("feeds/articles.atom", feeds.ArticlesFeed(), name="feed_articles"),
    path("feeds/passages.atom", feeds.PassagesFeed(), name="feed_passages"),
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemaps.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", exchange.robots_txt, name="robots_txt"),
    path("api/schema/", exchange.api_schema_index, name="api_schema_index"),
    path("api/schema/<slug:name>.json", exchange.api_schema, name="api_schema"),
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("csp-report/", errors.csp_report, name="csp_report"),
]
