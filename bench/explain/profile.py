"""A page's Python, profiled and summed by where the code lives (Django's ORM, its
template engine, Jinja2, the archive's reading package, C built-ins…), so that a page
over twice its floor names the code its time goes to, not only "Python".

cProfile slows what it watches, calls more than C, so only the shares are reported."""

import cProfile
import pstats
import sysconfig
from pathlib import Path

from django.test import Client

PROJECT = Path(__file__).resolve().parents[2]
LIBRARIES = Path(sysconfig.get_paths()["purelib"])
STDLIB = Path(sysconfig.get_paths()["stdlib"])
# Django is large: its parts are told apart (the ORM, templates, middleware, ...).
SPLIT_DEEPER = {"django"}
TOP = 6


def where(filename: str) -> str:
    """The family a profiled function belongs to, from the file that defines it."""
    if filename.startswith(("~", "<")):
        return "C built-ins"
    path = Path(filename)
    for root, prefix in ((LIBRARIES, ""), (PROJECT, ""), (STDLIB, "stdlib ")):
        if path.is_relative_to(root):
            parts = [p.removesuffix(".py") for p in path.relative_to(root).parts]
            depth = 2 if parts[0] in SPLIT_DEEPER or root == PROJECT else 1
            return prefix + ".".join(parts[:depth])
    return "other"


def profile_paths(paths: list[str], login=None, before_each=None) -> dict[str, float]:
    """Each family's share (0–1) of the profiled time of requesting `paths`, the TOP largest."""
    client = Client(raise_request_exception=False)
    if login is not None:
        client.force_login(login)
    # The handler's first request loads the middleware (whitenoise scans the static files).
    client.get(paths[0])
    profiler = cProfile.Profile()
    for path in paths:
        if before_each:
            before_each()
        profiler.runcall(client.get, path)
    stats = pstats.Stats(profiler).stats
    families: dict[str, float] = {}
    for (filename, _line, _name), (_calls, _primitive, own, _cumulative, _callers) in stats.items():
        family = where(filename)
        families[family] = families.get(family, 0.0) + own
    total = sum(families.values()) or 1.0
    largest = sorted(families.items(), key=lambda item: item[1], reverse=True)[:TOP]
    return {family: round(seconds / total, 3) for family, seconds in largest}
