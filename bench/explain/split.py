"""Where a page's time goes: its SQL, its templates and the rest of Python (views,
middleware, forms, building rows), so that a page over twice its floor names why.

Each moment of a request counts once, for the innermost thing running: SQL that a
template's lazy queryset runs is SQL, not template time."""

import time
from contextlib import contextmanager

from django.db import connection
from django.template.backends import django as django_templates
from django.template.backends import jinja2 as jinja2_templates

PARTS = ("sql", "templates", "python")
# The backends' Template.render is each engine's single way in from Django (render(),
# render_to_string, TemplateResponse); includes inside a template stay inside it. The
# public pages are Jinja2, the admin Django templates.
TEMPLATES = (django_templates.Template, jinja2_templates.Template)


class Attribution:
    """Seconds spent in each part, the innermost part counting each moment."""

    def __init__(self):
        self.seconds = dict.fromkeys(PARTS[:-1], 0.0)
        self._open: list[list] = []  # [part, seconds of the parts inside it]

    @contextmanager
    def within(self, part: str):
        start = time.perf_counter()
        self._open.append([part, 0.0])
        try:
            yield
        finally:
            elapsed = time.perf_counter() - start
            _, inner = self._open.pop()
            self.seconds[part] += elapsed - inner
            if self._open:
                self._open[-1][1] += elapsed

    def split(self, total: float) -> dict:
        """The three parts of a request that took `total` seconds."""
        python = max(0.0, total - sum(self.seconds.values()))
        return {**self.seconds, "python": python}


@contextmanager
def attributing(attribution: Attribution):
    """Counts every query and every template rendering of the block into `attribution`."""

    def timed_query(execute, sql, params, many, context):
        with attribution.within("sql"):
            return execute(sql, params, many, context)

    saved = [(template, template.render) for template in TEMPLATES]
    for template, original in saved:
        template.render = _timed_render(original, attribution)
    try:
        with connection.execute_wrapper(timed_query):
            yield attribution
    finally:
        for template, original in saved:
            template.render = original


def _timed_render(original, attribution: Attribution):
    def render(self, *args, **kwargs):
        with attribution.within("templates"):
            return original(self, *args, **kwargs)

    return render


def mean_split(splits: list[dict]) -> dict:
    """Each part's mean over the requests, in milliseconds."""
    if not splits:
        return {}
    return {part: round(sum(s[part] for s in splits) / len(splits) * 1000, 2) for part in PARTS}
