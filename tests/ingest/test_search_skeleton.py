"""The search's copy of the transliteration rules (corpus_name_skeleton, in SQL)
agrees with the matcher's (corpus.ingest.names.spelling.skeleton)."""

import pytest
from django.db import connection

from corpus.ingest.names.spelling import TRANSLITERATION, skeleton
from corpus.models import Actor, Organization

pytestmark = pytest.mark.django_db

EXAMPLES = [
    "Gol’ts",
    "Rakhmonov",
    "Alexander",
    "Yevgeny",
    "Fyodor",
    "Dmitry",
    "Dmitrii",
    "Bakiyev",
    "Lukashenka",
    "Gollts",
    "Aleksandr",
    "Nazarbayev",
    "Émomali",
]


def test_the_sql_skeleton_is_the_python_skeleton_for_every_name_and_rule_example():
    names = [*EXAMPLES, *(d.split(": ")[-1].split(", ")[0] for _, _, d in TRANSLITERATION)]
    for entity in [*Actor.objects.all(), *Organization.objects.all()]:
        names += [entity.name, *entity.aliases]
    words = sorted({word for name in names for word in name.split()})
    with connection.cursor() as cursor:
        cursor.execute("SELECT w, corpus_name_skeleton(w) FROM unnest(%s::text[]) AS w", [words])
        in_sql = dict(cursor.fetchall())
    assert len(words) > 50
    assert {w: skeleton(w) for w in words} == in_sql
