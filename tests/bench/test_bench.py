"""The benchmark harness's pure parts: percentiles, targets met or missed, and the
Markdown table. Timings themselves are never asserted here (bench/run.py measures)."""

import json
import re
import time

import pytest
from django.db import connection

from bench.explain.profile import profile_paths, where
from bench.explain.split import Attribution, attributing, mean_split
from bench.machine import read_database_into_page_cache, read_files_into_page_cache
from bench.reporting.markdown import render_markdown, verdict
from bench.reporting.reasons import reason, split_row
from bench.reporting.targets import evaluate, evaluate_throughput, met
from bench.stats import median_ratio, percentile, summarize


def scenario(
    name="list", group="list", p95=100.0, ratio=1.5, peer_p95=None, errors=0, peer_requests=200
):
    return {
        "name": name,
        "label": f"{name} page",
        "group": group,
        "requests": 200,
        "errors": errors,
        "latency_ms": {"n": 200, "p50": p95 / 2, "p95": p95, "mean": p95 / 2, "max": p95},
        "queries_max": 9,
        "floor_ms": {"n": 200, "p50": 10.0, "p95": 20.0, "mean": 10.0, "max": 30.0},
        "floor_ratio": ratio,
        "peer": None
        if peer_p95 is None
        else {
            "label": "Datasette",
            "requests": peer_requests,
            "latency_ms": {"p50": peer_p95 / 2, "p95": peer_p95},
        },
    }


def kept(p50, p95, ratio, errors=0):
    return {
        "latency_ms": {"n": 200, "p50": p50, "p95": p95},
        "queries_max": 1,
        "errors": errors,
        "floor_ratio": ratio,
    }


def throughput(name="reading", rps=120.0, failures=0, requests=7200):
    return {
        "name": name,
        "label": "Reading page",
        "workers": 2,
        "users": 50,
        "duration_s": 60,
        "requests": requests,
        "failures": failures,
        "rps": rps,
        "latency_ms": {"p50": 300.0, "p95": 450.0},
    }


def results(scenarios, runs=()):
    return {
        "timestamp": "2026-01-01 12:00 UTC",
        "settings": {"requests": 200, "warmup": 10, "seed": 1},
        "machine": {"cores": 2, "memory_gib": 23.5, "postgresql": "18.6"},
        "corpus": {
            "articles": 100000,
            "published_articles": 99000,
            "annotations": 1000000,
            "mentions": 1200000,
            "claims": 50000,
            "actors": 8000,
            "organizations": 5000,
            "tags": 300,
        },
        "parameters": {"rare_terms": [{"term": "zhdanov", "ndoc": 3}], "common_terms": []},
        "scenarios": list(scenarios),
        "throughput": list(runs),
    }


class TestPercentiles:
    def test_median_of_an_odd_count_is_the_middle_value(self):
        assert percentile([5, 1, 3], 50) == 3

    def test_percentiles_interpolate_between_closest_ranks(self):
        samples = list(range(1, 101))  # 1..100
        assert percentile(samples, 50) == pytest.approx(50.5)
        assert percentile(samples, 95) == pytest.approx(95.05)

    def test_extremes_are_min_and_max(self):
        assert percentile([4, 2, 9], 0) == 2
        assert percentile([4, 2, 9], 100) == 9

    def test_one_sample_is_every_percentile(self):
        assert percentile([7.0], 95) == 7.0

    def test_no_samples_or_a_bad_percentile_is_an_error(self):
        with pytest.raises(ValueError):
            percentile([], 50)
        with pytest.raises(ValueError):
            percentile([1], 101)

    def test_summary_is_in_milliseconds(self):
        summary = summarize([0.010, 0.020, 0.030])
        assert summary == {"n": 3, "p50": 20.0, "p95": 29.0, "mean": 20.0, "max": 30.0}

    def test_summary_of_nothing_has_no_numbers(self):
        assert summarize([])["p95"] is None

    def test_floor_ratio_is_the_median_of_pairwise_ratios_skipping_zero_floors(self):
        assert median_ratio([2.0, 6.0, 9.0, 1.0], [1.0, 2.0, 3.0, 0.0]) == 3.0
        assert median_ratio([1.0], [0.0]) is None


class TestTargets:
    def test_a_list_page_within_budget_floor_and_faster_than_datasette_meets_its_target(self):
        checks = evaluate(scenario(p95=120, ratio=1.8, peer_p95=300))
        assert [c["short"] for c in checks] == ["errors", "p95", "floor", "Datasette"]
        assert met(checks)

    def test_a_slow_page_misses_its_budget(self):
        checks = evaluate(scenario(group="search", p95=151))
        assert not met(checks)
        assert verdict(checks) == "no: p95"

    def test_the_reading_page_has_the_tighter_budget(self):
        assert not met(evaluate(scenario(group="reading", p95=60)))
        assert met(evaluate(scenario(group="reading", p95=50)))

    def test_more_than_twice_the_floor_is_missed(self):
        assert verdict(evaluate(scenario(ratio=2.01))) == "no: floor"

    def test_slower_than_datasette_is_missed(self):
        assert verdict(evaluate(scenario(p95=100, peer_p95=90))) == "no: Datasette"

    def test_errors_miss_the_target_whatever_the_speed(self):
        assert verdict(evaluate(scenario(errors=1))) == "no: errors"

    def test_reading_throughput_needs_100_requests_per_second_without_errors(self):
        assert met(evaluate_throughput(throughput(rps=100.0)))
        assert verdict(evaluate_throughput(throughput(rps=99.9))) == "no: req/s"
        assert verdict(evaluate_throughput(throughput(failures=3))) == "no: errors"

    def test_the_mixed_load_is_held_to_zero_errors_only(self):
        assert met(evaluate_throughput(throughput(name="mixed", rps=10.0)))


class TestMarkdown:
    def test_the_table_has_a_row_per_scenario_with_its_numbers_and_verdict(self):
        text = render_markdown(
            results(
                [
                    scenario("list", p95=120.0, ratio=1.5, peer_p95=300.0),
                    scenario("reading", group="reading", p95=80.0, ratio=3.0),
                ]
            )
        )
        rows = [line for line in text.splitlines() if line.startswith("| ")]
        assert rows[0].startswith("| Scenario | p50 | p95 | queries | floor p95 |")
        assert rows[1] == (
            "| list page | 60.0 ms | 120.0 ms | 9 | 20.0 ms | 1.5× | 300.0 ms | – "
            "| p95 ≤ 150 ms | yes |"
        )
        assert rows[2] == (
            "| reading page | 40.0 ms | 80.0 ms | 9 | 20.0 ms | 3.0× | – | – "
            "| p95 ≤ 50 ms | no: p95, floor |"
        )

    def test_the_search_engine_has_its_own_column_and_sets_no_target(self):
        measured = scenario("list", p95=120.0, ratio=1.5, peer_p95=300.0)
        # Faster than us, yet the row is met: the engine returns no page, so it is reported only.
        measured["engine"] = {"requests": 200, "latency_ms": {"p50": 1.0, "p95": 2.5}}
        rows = [line for line in render_markdown(results([measured])).splitlines() if "|" in line]
        assert "| Datasette p95 | tantivy p95 |" in rows[0]
        assert rows[2].endswith("| 300.0 ms | 2.5 ms | p95 ≤ 150 ms | yes |")

    def test_datasette_cut_short_by_its_time_budget_shows_how_many_requests_it_made(self):
        text = render_markdown(results([scenario(peer_p95=9000.0, peer_requests=12)]))
        assert "| 9000.0 ms (n=12) |" in text

    def test_throughput_and_machine_facts_are_reported(self):
        text = render_markdown(results([scenario()], [throughput(rps=87.5)]))
        assert "## Throughput under gunicorn (2 workers, 50 users, 60 s)" in text
        assert "| Reading page | 87.5 | 7200 | 0 | 300.0 ms | 450.0 ms |" in text
        assert "no: req/s" in text
        assert "100,000 articles (99,000 published), 1,000,000 annotations" in text
        assert "PostgreSQL 18.6" in text
        assert "zhdanov (3)" in text

    def test_what_each_engine_read_into_the_page_cache_is_reported(self):
        measured = results([scenario()])
        measured["machine"]["page_cache"] = {
            "archive": "4,100 MiB read in 6.7 s",
            "Datasette": "627 MiB read in 0.4 s",
        }
        text = render_markdown(measured)
        assert (
            "- OS page cache, read before measuring each engine: archive 4,100 MiB read "
            "in 6.7 s; Datasette 627 MiB read in 0.4 s" in text
        )
        assert "{" not in text

    def test_a_cold_run_says_nothing_was_read_into_the_page_cache(self):
        measured = results([scenario()])
        measured["machine"]["page_cache"] = {}
        assert "- OS page cache: nothing read before measuring (--cold)" in render_markdown(
            measured
        )

    def test_kept_pages_get_their_own_table_against_the_floor_of_rendering(self):
        served = {**scenario("list"), "kept": kept(p50=0.5, p95=0.9, ratio=0.21)}
        slow = {**scenario("claims"), "kept": kept(p50=15.0, p95=30.0, ratio=2.5)}
        text = render_markdown(results([served, slow, scenario("admin")]))
        assert "## Repeat requests: kept pages" in text
        assert "| list page | 0.5 ms | 0.9 ms | 1 | 0.21× | yes |" in text
        assert "| claims page | 15.0 ms | 30.0 ms | 1 | 2.50× | no |" in text
        assert "| admin page | 0.5" not in text


class TestWhereTheTimeGoes:
    def split(self, sql, templates, python, ratio, floor_mean=10.0):
        measured = scenario("claims", ratio=ratio)
        measured["floor_ms"]["mean"] = floor_mean
        measured["split_ms"] = {"sql": sql, "templates": templates, "python": python}
        return measured

    def test_a_page_over_twice_its_floor_names_its_largest_part_beyond_the_sql(self):
        text = render_markdown(
            results([self.split(sql=10.0, templates=6.0, python=14.0, ratio=3.0)])
        )
        assert "## Where the time goes: first renderings" in text
        row = next(line for line in text.splitlines() if line.startswith("| claims page | 30.0 ms"))
        assert "| 10.0 ms | 6.0 ms | 14.0 ms | 3.0× |" in row
        assert "Python (views, middleware, rows) 14.0 ms and templates 6.0 ms beside 10.0 ms" in row
        assert "all but the SQL would have to fit in 10.0 ms" in row
        assert row.endswith("Python (views, middleware, rows) is 47% of the page | – |")

    def test_a_page_within_twice_its_floor_needs_no_reason(self):
        row = split_row(self.split(sql=10.0, templates=2.0, python=3.0, ratio=1.5))
        assert row.endswith("| 1.5× | within 2× | – |")

    def test_sql_far_above_its_replay_is_named_too(self):
        measured = self.split(sql=30.0, templates=5.0, python=5.0, ratio=4.0)
        assert "the page's SQL itself takes 3.0× its replay" in reason(measured)

    def test_runs_measured_before_the_split_existed_still_render(self):
        assert "Where the time goes" not in render_markdown(results([scenario()]))

    def test_a_profiled_page_names_the_code_its_python_went_to(self):
        measured = self.split(sql=10.0, templates=6.0, python=14.0, ratio=3.0)
        measured["python_by_code"] = {"django.template": 0.31, "C built-ins": 0.224}
        assert split_row(measured).endswith("| django.template 31%, C built-ins 22% |")
        assert split_row(self.split(10.0, 1.0, 1.0, ratio=1.2)).endswith("| within 2× | – |")


@pytest.mark.django_db
class TestAttribution:
    def test_sql_inside_a_template_counts_as_sql_and_the_rest_as_python(self):
        from django.db import connection
        from django.template import engines

        template = engines["django"].from_string("{% for row in rows %}{{ row }}{% endfor %}")

        class SlowRows:
            def __iter__(self):
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_sleep(0.05), 1")
                    return iter(cursor.fetchall())

        with attributing(Attribution()) as attribution:
            start = time.perf_counter()
            template.render({"rows": SlowRows()})
            time.sleep(0.03)
            split = attribution.split(time.perf_counter() - start)
        assert split["sql"] >= 0.05
        assert split["templates"] < 0.05  # the query inside it is not template time
        assert split["python"] >= 0.03
        assert sum(split.values()) == pytest.approx(time.perf_counter() - start, abs=0.01)

    def test_the_engines_are_left_as_they_were(self):
        from django.template.backends import django as backend

        before = backend.Template.render
        with attributing(Attribution()):
            assert backend.Template.render is not before
        assert backend.Template.render is before

    def test_the_mean_split_is_in_milliseconds(self):
        splits = [{"sql": 0.002, "templates": 0.001, "python": 0.003}] * 2
        assert mean_split(splits) == {"sql": 2.0, "templates": 1.0, "python": 3.0}


class TestProfileFamilies:
    def test_code_is_grouped_by_where_it_lives(self):
        import django.db.models.query as orm
        import jinja2.runtime

        import archive.reading

        assert where(orm.__file__) == "django.db"
        assert where(jinja2.runtime.__file__) == "jinja2"
        assert where(archive.reading.__file__) == "archive.reading"
        assert where("~") == "C built-ins"
        assert where(json.__file__) == "stdlib json"


@pytest.mark.django_db
def test_profiling_pages_names_the_archives_own_code_among_their_families():
    shares = profile_paths(["/claims/", "/articles/"])
    assert 0 < len(shares) <= 6
    assert sum(shares.values()) <= 1.0
    assert any(family.startswith(("django.", "archive.", "C built-ins")) for family in shares)


@pytest.mark.django_db
def test_the_database_and_the_peers_files_are_read_into_the_page_cache(tmp_path):
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        superuser = cursor.fetchone()[0]
    said = read_database_into_page_cache()
    if superuser:  # the embedded server: pg_prewarm reads every relation
        assert re.fullmatch(r"[\d,]+ MiB read in [\d.]+ s", said)
    else:  # a production-shaped role may not create the extension, and says so
        assert said.startswith('not read (permission denied to create extension "pg_prewarm"')
    (tmp_path / "index").mkdir()
    (tmp_path / "index" / "segment").write_bytes(b"x" * 3 * 2**20)
    assert read_files_into_page_cache(tmp_path).startswith("3 MiB read in ")
