"""The JSON Schemas (draft 2020-12) of the public pages' JSON twins, published under
/api/schema/ (the files in schemas/, beside this module). Each twin's response
names its schema in a `Link: <…>; rel="describedby"` header."""

import json
from functools import cache
from pathlib import Path

DIRECTORY = Path(__file__).with_name("schemas")
# The page (its URL name) whose ?format=json each schema describes.
PAGES = {
    "home": "home",
    "article_list": "article-list",
    "article_detail": "article",
    "actor_list": "actor-list",
    "actor_detail": "actor",
    "organization_list": "organization-list",
    "organization_detail": "organization",
    "claim_list": "claim-list",
    "tag_list": "tag-list",
    "tag_detail": "tag",
    "network": "network",
    "timeline": "timeline",
    "annotation_detail": "annotation",
}
# Schemas that others build on, and the shape of a 400.
SHARED = ["common", "entity", "error"]


def names() -> list[str]:
    return sorted({*PAGES.values(), *SHARED})


@cache
def _text(name: str) -> str:
    return (DIRECTORY / f"{name}.json").read_text(encoding="utf-8")


def schema(name: str, url: str) -> dict | None:
    """The schema called `name`, its $id the absolute `url` it is published at (so
    its relative references resolve to its neighbours); None if there is none."""
    if name not in names():
        return None
    document = json.loads(_text(name))
    document["$id"] = url
    return document
