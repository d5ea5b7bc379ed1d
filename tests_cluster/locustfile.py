"""Anonymous readers for the cluster's load test: every public page, through the proxy."""

from locust import HttpUser, between, task

PAGES = [
    "/",
    "/articles/",
    "/articles/?q=security",
    "/claims/",
    "/tags/",
    "/actors/",
    "/organizations/",
    "/network/",
    "/timeline/",
    "/articles/?format=json",
]


class Reader(HttpUser):
    wait_time = between(0.2, 0.6)

    @task
    def browse(self):
        for page in PAGES:
            self.client.get(page, name=page)
