"""The layout draws the architecture (docs/ARCHITECTURE.md): each package holds one
idea, a lower layer never imports a higher one, no import goes round in a circle,
and no module or package outgrows what a reader can hold in mind."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("corpus", "archive", "bench")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
MAX_MODULE_LINES = 400
MAX_PACKAGE_MODULES = 12


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """import-linter's verdict on the contracts in .importlinter, for the tree at `root`."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(root / ".importlinter"), "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )


def source_files():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_every_layering_contract_is_kept():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


# A planted import, and the contract it must break.
VIOLATIONS = {
    "the models import editing code": (
        "corpus/models/articles.py",
        "\n\ndef _planted():\n    from corpus.editing.workflow import ensure_groups\n\n"
        "    return ensure_groups\n",
        "Inside the corpus: wiring, then editing, anchoring, ingest and facets, then the models",
    ),
    "the corpus imports the public site": (
        "corpus/ingest/parsing.py",
        "\nimport archive.formats.citations  # noqa\n",
        "The benchmark builds on the public site, the site on the corpus",
    ),
    "ingest reaches up into anchoring": (
        "corpus/ingest/mentions.py",
        "\nfrom corpus.anchoring import selectors  # noqa\n",
        "Inside the corpus: wiring, then editing, anchoring, ingest and facets, then the models",
    ),
    "two model modules import each other": (
        "corpus/models/entities.py",
        "\nfrom corpus.models import claims  # noqa\n",
        "The models build from the facet tables up, and import no service",
    ),
    "the public site reaches into editing": (
        "archive/views/home.py",
        "\nfrom corpus.editing import merging  # noqa\n",
        "The public site reads the corpus through its models and facets only",
    ),
    "a migration imports today's trigger SQL": (
        "corpus/migrations/0016_facets_search.py",
        "\nfrom corpus.facets.triggers import articles  # noqa\n",
        "Migrations run frozen SQL and import none of today's code",
    ),
    "two benchmark modules import each other": (
        "bench/stats.py",
        "\n\ndef _planted():\n    from bench import measure\n\n    return measure\n",
        "No import circles, between packages or between modules, at any depth",
    ),
}


@pytest.fixture(scope="module")
def pristine_copy(tmp_path_factory) -> Path:
    """The project's packages and contracts, copied: a planted import never touches the tree."""
    copy = tmp_path_factory.mktemp("layout")
    ignore = shutil.ignore_patterns("__pycache__", "results", "*.sql")
    for package in PACKAGES:
        shutil.copytree(ROOT / package, copy / package, ignore=ignore)
    shutil.copy(ROOT / ".importlinter", copy / ".importlinter")
    return copy


@pytest.mark.parametrize("violation", VIOLATIONS.values(), ids=VIOLATIONS.keys())
def test_a_planted_violation_breaks_its_contract(pristine_copy, tmp_path, violation):
    module, planted, contract = violation
    tree = tmp_path / "tree"
    shutil.copytree(pristine_copy, tree)
    with (tree / module).open("a") as handle:
        handle.write(planted)
    result = lint_imports(tree)
    assert result.returncode == 1, result.stdout + result.stderr
    verdicts = " ".join(result.stdout.split())
    assert f"{contract} BROKEN" in verdicts, result.stdout


@pytest.mark.parametrize("path", list(source_files()), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_is_longer_than_a_reader_can_hold(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{lines} lines: look for the second idea hiding in it"


def packages():
    for package in PACKAGES:
        for init in sorted((ROOT / package).rglob("__init__.py")):
            if "migrations" not in init.parts:
                yield init.parent


@pytest.mark.parametrize("package", list(packages()), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_package_is_a_long_flat_list(package):
    modules = [p for p in package.glob("*.py") if p.name != "__init__.py"]
    assert len(modules) <= MAX_PACKAGE_MODULES, (
        f"{len(modules)} modules side by side: group them into packages, one per idea"
    )


def named_paths(text: str) -> set[str]:
    """The project paths a document names in backticks: `corpus/ingest/`, `archive/urls.py`."""
    return set(re.findall(r"`((?:corpus|archive|bench)/[\w/.]*)`", text))


def test_the_architecture_document_names_every_package_and_only_real_paths():
    named = named_paths((ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8"))
    for path in named:
        assert (ROOT / path).exists(), f"docs/ARCHITECTURE.md names {path}, which is not there"
    for package in packages():
        if package.name in ("commands", "templatetags"):
            continue  # Django's own places, named with their parent
        relative = f"{package.relative_to(ROOT)}/"
        assert relative in named, f"docs/ARCHITECTURE.md does not describe {relative}"
