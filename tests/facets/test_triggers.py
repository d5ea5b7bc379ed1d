"""The facet tables' triggers in the database are the ones the code writes today.

Migrations run frozen copies of the trigger SQL (corpus/migrations/sql/), so that
history never changes under them. These tests are the triggers' counterpart of the
pending-migrations test: change a builder in corpus/facets/triggers/ without a
migration that installs the change, and they fail."""

import re

import pytest
from django.db import connection

from corpus.facets.triggers import articles, claims, passage_tags

pytestmark = pytest.mark.django_db

FUNCTION = re.compile(r"CREATE OR REPLACE FUNCTION (\w+)\([^)]*\).*? AS \$\$(.*?)\$\$", re.S)
TRIGGER = re.compile(r"CREATE (?:OR REPLACE )?TRIGGER (\w+) AFTER \w+ ON (\w+)")
INSTALLS = {
    "article facets": articles.INSTALL,
    "claim facets": claims.INSTALL,
    "passage tags": passage_tags.INSTALL,
}


def stored_function(name: str) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT prosrc FROM pg_proc WHERE proname = %s", [name])
        row = cursor.fetchone()
    return row[0] if row else None


@pytest.mark.parametrize("install", INSTALLS.values(), ids=INSTALLS.keys())
def test_every_trigger_function_is_the_one_the_code_writes(install):
    functions = FUNCTION.findall(install)
    assert len(functions) >= 4
    for name, body in functions:
        assert stored_function(name) == body, (
            f"{name}() in the database differs from what corpus/facets/triggers/ writes: "
            "a change to the triggers needs a migration that runs it (frozen in "
            "corpus/migrations/sql/)"
        )


@pytest.mark.parametrize("install", INSTALLS.values(), ids=INSTALLS.keys())
def test_every_trigger_the_code_names_is_installed_on_its_table(install):
    triggers = TRIGGER.findall(install)
    assert len(triggers) >= 3
    with connection.cursor() as cursor:
        cursor.execute("SELECT tgname, tgrelid::regclass::text FROM pg_trigger")
        installed = set(cursor.fetchall())
    assert set(triggers) <= installed
