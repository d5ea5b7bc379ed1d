"""The W3C Web Annotation conformance MUSTs (w3c_tests/, from web-platform-tests),
run as that suite's harness runs them: every assertion listed in a `.test` file is
a JSON Schema (draft 4) that validates the document; it passes when the outcome is
its `expectedResult` ("valid" unless it says "invalid").

The harness used ajv 4 with its default "fast" formats; `uri` and `date-time` are
checked here with the same patterns, so a document passes here exactly when it
passed there.
"""

import json
import re
from functools import cache
from pathlib import Path

from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

TESTS = Path(__file__).with_name("w3c_tests")
# What each kind of document must satisfy: its `.test` list of MUST assertions.
MUSTS = {
    "annotation": "annotations/annotationMusts.test",
    "collection": "collections/collectionMusts.test",
    "page": "collections/pages/pageMusts.test",
}
# ajv 4's "fast" format patterns.
URI = re.compile(r"^(?:[a-z][a-z0-9+\-.]*)(?::|\/)\/?[^\s]*$", re.IGNORECASE)
DATE_TIME = re.compile(
    r"^\d\d\d\d-[0-1]\d-[0-3]\d[t\s][0-2]\d:[0-5]\d:[0-5]\d(?:\.\d+)?(?:z|[+-]\d\d:\d\d)$",
    re.IGNORECASE,
)

FORMATS = FormatChecker(formats=())
FORMATS.checks("uri")(lambda value: not isinstance(value, str) or bool(URI.match(value)))
FORMATS.checks("date-time")(
    lambda value: not isinstance(value, str) or bool(DATE_TIME.match(value))
)


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _registry() -> Registry:
    definitions = [_load(path) for path in sorted((TESTS / "definitions").glob("*.json"))]
    return Registry().with_resources(
        (schema["id"], Resource.from_contents(schema, default_specification=DRAFT4))
        for schema in definitions
    )


@cache
def assertions(kind: str) -> list[tuple[dict, Draft4Validator]]:
    """The MUST assertions for a kind of document, each with its validator."""
    listed = _load(TESTS / MUSTS[kind])["assertions"]
    found = []
    for name in listed:
        schema = _load(TESTS / name)
        found.append(
            (schema, Draft4Validator(schema, registry=_registry(), format_checker=FORMATS))
        )
    return found


def failures(document, kind: str = "annotation") -> list[str]:
    """The error messages of the MUSTs `document` fails; empty when it conforms."""
    failed = []
    for schema, validator in assertions(kind):
        expected_valid = schema.get("expectedResult", "valid") == "valid"
        if validator.is_valid(document) != expected_valid:
            failed.append(schema.get("errorMessage") or schema.get("title", schema["id"]))
    return failed
