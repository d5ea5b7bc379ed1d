"""`make bench`'s import measurement: one article with 5,000, 10,000 and 20,000 mentions
imported as `manage.py import_article` does, each in a transaction rolled back after, so
the corpus is left as it was. Linear growth means the time per mention stays flat (the
span checks once ran per row, reading the body each time: 20,000 took 24 s).

    .venv/bin/python bench/import_scaling.py [--sizes 5000 10000 20000]

Writes bench/results/import-scaling.json; docs/PERFORMANCE.md keeps the figures.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import django_env

SENTENCE = "The CSTO met again."


class RolledBack(Exception):
    pass


def measure(size: int) -> dict:
    from django.db import transaction

    from corpus.ingest.importing import import_source, read_bytes
    from corpus.ingest.matching import EntityMatcher
    from corpus.models import Mention, Status

    raw = f"# Import scaling {size}\n\n" + "\n\n".join(
        f"{SENTENCE} Paragraph {n}." for n in range(size)
    )
    started = time.perf_counter()
    try:
        with transaction.atomic():
            source = read_bytes(f"scaling-{size}.txt", raw.encode())
            result = import_source(source, EntityMatcher.from_database(), Status.DRAFT)
            mentions = Mention.objects.filter(article=result.article).count()
            elapsed = time.perf_counter() - started
            raise RolledBack
    except RolledBack:
        pass
    return {
        "size": size,
        "bytes": len(raw.encode()),
        "mentions": mentions,
        "seconds": round(elapsed, 3),
        "ms_per_mention": round(1000 * elapsed / max(mentions, 1), 4),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 10000, 20000])
    parser.add_argument("--out", type=Path, default=Path("bench/results/import-scaling.json"))
    args = parser.parse_args(argv)
    # Measured as `manage.py import_article` runs it: a command's limits, not a web request's.
    os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT", "1h")
    django_env.setup()
    rows = [measure(size) for size in args.sizes]
    print("| mentions | file | seconds | ms per mention |")
    print("|---:|---:|---:|---:|")
    for row in rows:
        print(
            f"| {row['mentions']:,} | {row['bytes'] // 1024} KB | {row['seconds']:.2f} "
            f"| {row['ms_per_mention']:.3f} |"
        )
    growth = rows[-1]["ms_per_mention"] / rows[0]["ms_per_mention"]
    print(f"\nTime per mention, largest over smallest: {growth:.2f} (1 is linear)")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"import_scaling": rows, "growth": round(growth, 2)}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
