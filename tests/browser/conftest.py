"""Browser tests: Playwright drives Debian's Chromium (/usr/bin/chromium, never a
downloaded browser) against one live server shared by the whole session.

The server reads the seeded test database. Tests that write through the
browser ask for `reseed_after`, which puts the seeds back when they finish.
Without Chromium the tests skip with a message, unless REQUIRE_BROWSER=1 (CI),
where a missing browser is a failure.
"""

import io
import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections
from django.urls import reverse

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# axe-core impacts that fail an audit.
BLOCKING_IMPACTS = {"serious", "critical"}

# Playwright's sync API runs an event loop in this thread; the ORM calls that
# tests make around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(pytest.mark.browser)


def _require_browser() -> bool:
    from archive.settings import envbool

    return envbool("REQUIRE_BROWSER", "false")


@pytest.fixture(scope="session")
def browser():
    missing = None
    if not CHROMIUM.exists():
        missing = f"{CHROMIUM} is missing: install it with `apt-get install chromium`"
    else:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:  # pragma: no cover - dev requirements not installed
            missing = "playwright is not installed (make test installs requirements-dev.txt)"
    if missing:
        if _require_browser():
            pytest.fail(f"REQUIRE_BROWSER=1 but {missing}")
        pytest.skip(f"browser tests skipped: {missing}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site, django_db_blocker):
    context = browser.new_context(base_url=site, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    with django_db_blocker.unblock():
        yield page
    context.close()
    # While Playwright's event loop runs, Django keeps connections per context, not
    # per thread: close the test's own, or it outlives the test database.
    connections.close_all()
    assert not errors, f"JavaScript errors on the page: {errors}"


# A phone's screen, as the phone tests hold the pages to it.
PHONE_SCREEN = {"width": 375, "height": 667}


@pytest.fixture
def phone(browser, site, django_db_blocker):
    """A page on a 375 px touch screen."""
    context = browser.new_context(
        base_url=site, viewport=PHONE_SCREEN, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    with django_db_blocker.unblock():
        yield page
    context.close()


@pytest.fixture
def reseed_after(django_db_setup, django_db_blocker):
    """For tests that write through the browser: restore the seeded database after."""
    yield
    with django_db_blocker.unblock():
        call_command("flush", "--no-input", stdout=io.StringIO())
        call_command("load_seeds", stdout=io.StringIO())


def log_in(page, user, *groups: str):
    """Put `user` in `groups` (by name, when given) and log in through the admin's form,
    with the password tests.factories.UserFactory gives."""
    from django.contrib.auth.models import Group

    from tests.factories import PASSWORD

    if groups:
        user.groups.set(Group.objects.filter(name__in=groups))
    page.goto(reverse("admin:login"))
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def assert_accessible(page, context: str = "", include: list[str] | None = None):
    """Run axe-core on the page, or on the `include` selectors only; fail on any
    serious or critical violation, naming the elements and why."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"include": [[selector] for selector in include]} if include else None
    results = Axe().run(page, context=options)
    blocking = [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(
            f"{node['target']} {node.get('failureSummary', '')[:200]}" for node in v["nodes"][:3]
        )
        for v in results.response["violations"]
        if v.get("impact") in BLOCKING_IMPACTS
    ]
    assert not blocking, f"axe found on {context or page.url}:\n" + "\n".join(blocking)


def sideways_overflow(page) -> int:
    """How many pixels the page scrolls sideways (0 when it fits the viewport)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
