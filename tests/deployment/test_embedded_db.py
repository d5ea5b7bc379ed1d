"""The embedded PostgreSQL stops when its last live user exits, even after
another user was killed without running its exit handlers."""

import json
import os
import subprocess
import sys

from archive.deployment.embedded_db import _forget_dead_handles


def test_killed_processes_are_forgotten(tmp_path):
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_pid = int(finished.stdout)
    handles = tmp_path / ".handle_pids.json"
    handles.write_text(json.dumps([dead_pid, os.getpid()]))
    _forget_dead_handles(tmp_path)
    assert json.loads(handles.read_text()) == [os.getpid()]


def test_no_handle_file_is_fine(tmp_path):
    _forget_dead_handles(tmp_path)
    assert not (tmp_path / ".handle_pids.json").exists()
