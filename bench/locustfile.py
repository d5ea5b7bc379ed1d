"""Load for `make bench`'s throughput runs (bench/throughput.py starts locust headless).

BENCH_LOCUST_PATHS names a JSON file of URL paths by kind, drawn from the database
by bench/params.py: {"reading": [...], "list": [...], "facet": [...], ...}."""

import json
import os
import random
from pathlib import Path

from locust import FastHttpUser, constant, task

try:
    PATHS = json.loads(Path(os.environ["BENCH_LOCUST_PATHS"]).read_text())
except KeyError:
    raise SystemExit("Set BENCH_LOCUST_PATHS (bench/run.py does this for you)") from None


class ReadingUser(FastHttpUser):
    """Reads article after article, with no pause: the reading page at full load."""

    wait_time = constant(0)

    @task
    def read(self):
        self.client.get(random.choice(PATHS["reading"]), name="reading page")


class MixedUser(FastHttpUser):
    """Browses as a researcher does: mostly reading, some lists, facets, search and people."""

    wait_time = constant(0)

    def visit(self, kind: str, name: str):
        if PATHS.get(kind):
            self.client.get(random.choice(PATHS[kind]), name=name)

    @task(5)
    def read(self):
        self.visit("reading", "reading page")

    @task(2)
    def browse(self):
        self.visit("list", "article list")

    @task(2)
    def facet(self):
        self.visit("facet", "facet filters")

    @task(1)
    def search(self):
        self.visit("search", "search")

    @task(1)
    def person(self):
        self.visit("actor", "person page")
