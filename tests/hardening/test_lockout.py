"""Repeated wrong passwords lock that username out from that address (django-axes),
with a page that says so, until an administrator resets it."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.factories import UserFactory

LOGIN = "/admin/login/?next=/admin/"


def log_in(client, username, password, address="198.51.100.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.fixture
def staff(db):
    user = UserFactory(username="aigerim", is_staff=True)
    user.set_password("the right passphrase")
    user.save()
    return user


def test_wrong_passwords_lock_the_user_out_from_that_address(client, staff):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "aigerim", "wrong").status_code == 200  # the form again
    locked = log_in(client, "aigerim", "wrong")
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    # Even the right password is refused while locked, so guessing gains nothing.
    assert log_in(client, "aigerim", "the right passphrase").status_code == 429
    # Another address, or another username, is not locked.
    assert log_in(client, "aigerim", "the right passphrase", address="192.0.2.1").status_code == 302


def test_an_admin_reset_lifts_the_lock(client, staff):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "aigerim", "wrong")
    assert log_in(client, "aigerim", "the right passphrase").status_code == 429
    call_command("axes_reset_username", "aigerim", stdout=io.StringIO())
    assert log_in(client, "aigerim", "the right passphrase").status_code == 302


def test_admins_see_and_delete_access_attempts_in_the_admin(client, staff, admin_user):
    log_in(client, "aigerim", "wrong")
    client.force_login(admin_user)
    page = client.get("/admin/axes/accessattempt/")
    assert page.status_code == 200 and "aigerim" in page.content.decode()
