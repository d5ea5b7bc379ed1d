"""Shared fixtures. The test database is created once per run, migrated, and
loaded with the five seeds; each test runs in a transaction rolled back after it."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection

from tests.factories import UserFactory

SEEDS = Path(settings.SEEDS_DIR)


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker):
    """Create the test database, migrate it and load the seeds, whichever tests run.

    pytest-django sets up only the databases that the collected tests' markers
    name; browser tests carry none (their live server needs committed data), so
    a run of browser tests alone would otherwise serve, flush and reseed the
    development database."""
    from django.test.utils import setup_databases, teardown_databases

    verbosity = request.config.option.verbose
    development = connection.settings_dict["NAME"]
    with django_db_blocker.unblock():
        databases = setup_databases(verbosity=verbosity, interactive=False, aliases={"default"})
        assert connection.settings_dict["NAME"] != development, "tests must not use the dev DB"
        call_command("load_seeds", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        teardown_databases(databases, verbosity=verbosity)


@pytest.fixture(scope="session", autouse=True)
def no_facet_drift_at_the_end(django_db_setup, django_db_blocker):
    """After the whole suite (whatever it committed: seeds, browser journeys,
    concurrent writers), every facet row and total still matches its sources."""
    yield
    from corpus.facets.drift import find_drift

    with django_db_blocker.unblock():
        drift = find_drift()
    assert not drift, "facet tables drifted during the suite: " + "; ".join(map(str, drift))


@pytest.fixture(scope="session", autouse=True)
def live_pages():
    """Pages are never served from the anonymous readers' cache in tests, which
    change data and look at the result at once (tests/deployment/test_reader_cache.py
    turns it on to test it)."""
    settings.READER_CACHE_SECONDS = 0


@pytest.fixture(scope="session", autouse=True)
def jinja2_contexts_recorded():
    """The test client's `response.context` holds what each template rendered with, as
    Django's test set-up sends it for Django templates; the public pages' Jinja2
    templates (Django's backend sends no signal) send the same signal here."""
    from django.template import Context
    from django.template.backends.jinja2 import Template
    from django.test.signals import template_rendered

    render = Template.render

    def recorded(self, context=None, request=None):
        context = {} if context is None else context
        template_rendered.send(sender=self, template=self, context=Context(context))
        return render(self, context, request)

    Template.render = recorded
    yield
    Template.render = render


@pytest.fixture(scope="session")
def site(django_db_setup, django_db_blocker):
    """The base URL of a live server over the seeded test database, shared by the tests
    that use the archive as a client would over HTTP (a browser, a harvester)."""
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        server = LiveServer("localhost")
        yield server.url
        server.stop()


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def anonymous(client):
    return client


@pytest.fixture
def reader(db):
    return UserFactory(username="reader")


@pytest.fixture
def editor(db):
    """A member of the Editors group (migration 0006): edits, but does not publish."""
    user = UserFactory(username="editor-1", is_staff=True)
    user.groups.set([Group.objects.get(name="Editors")])
    return user


@pytest.fixture
def reviewer(db):
    """An editor who is also a Reviewer: may publish and unpublish."""
    user = UserFactory(username="reviewer-1", is_staff=True)
    user.groups.set(Group.objects.filter(name__in=["Editors", "Reviewers"]))
    return user


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


def pytest_collection_modifyitems(config, items):
    # Browser tests share a live server over the seeded database; run them last
    # so that a test which reseeds cannot disturb the rest.
    items.sort(key=lambda item: "tests/browser/" in item.nodeid)
