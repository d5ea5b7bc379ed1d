"""Shared fixtures. The test database is created once per run, migrated, and
loaded with the five seeds; each test runs in a transaction rolled back after it."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command

from tests.factories import UserFactory

SEEDS = Path(settings.SEEDS_DIR)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_seeds", stdout=io.StringIO())


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
