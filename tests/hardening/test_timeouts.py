"""Every connection carries limits, so that no process, dead or alive, holds a lock
for minutes: a killed importer's statement ends within seconds, and its locks with it."""

import os
import signal
import subprocess
import sys
import time

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from archive.deployment.environment import session_limits
from tests.hardening.test_security import ROOT, production_environment

LIMITS = [
    "statement_timeout",
    "lock_timeout",
    "idle_in_transaction_session_timeout",
    "client_connection_check_interval",
]


@pytest.mark.django_db
def test_web_connections_carry_every_limit():
    with connection.cursor() as cursor:
        shown = {}
        for name in LIMITS:
            cursor.execute(f"SHOW {name}")
            shown[name] = cursor.fetchone()[0]
    assert shown == {
        "statement_timeout": "30s",
        "lock_timeout": "5s",
        "idle_in_transaction_session_timeout": "1min",
        "client_connection_check_interval": "5s",
    }


def test_commands_get_their_own_limits_and_each_is_configurable():
    command = session_limits({"DATABASE_COMMAND_LOCK_TIMEOUT": "2min"}, "command")
    assert "-c statement_timeout=1h" in command and "-c lock_timeout=2min" in command
    web = session_limits({"DATABASE_STATEMENT_TIMEOUT": "0"}, "web")
    assert "-c statement_timeout=0" in web and "-c client_connection_check_interval=5s" in web
    with pytest.raises(ImproperlyConfigured, match="not a duration"):
        session_limits({"DATABASE_LOCK_TIMEOUT": "5s; DROP TABLE x"}, "web")


HOLDER = """
from django.db import connection, transaction
with transaction.atomic(), connection.cursor() as cursor:
    cursor.execute("SELECT pg_advisory_xact_lock(1717)")
    print("locked", flush=True)
    cursor.execute("SELECT pg_sleep(600)")
"""


@pytest.mark.django_db
def test_a_killed_command_releases_its_locks_within_seconds():
    env = production_environment(DEBUG="true")
    holder = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", HOLDER],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
        with connection.cursor() as cursor:
            for _ in range(60):  # bounded: before the check interval, the lock stayed 10 minutes
                cursor.execute("SELECT pg_try_advisory_lock(1717)")
                if cursor.fetchone()[0]:
                    cursor.execute("SELECT pg_advisory_unlock(1717)")
                    break
                time.sleep(0.5)
            else:
                pytest.fail("the killed command's server process still holds its lock")
    finally:
        if holder.poll() is None:
            holder.kill()
