"""Every capitalised name in the five seed texts is linked (a mention), classified as
a place (seeds/curation/articles/), or on the documented ignore list
(seeds/curation/unlinked_names.toml) under a category that says why it is not."""

import re
import tomllib

import pytest

from corpus.ingest.seeds.stand_ins import classified
from corpus.models import Actor, Article, Organization
from tests.conftest import SEEDS

pytestmark = pytest.mark.django_db

CURATION = SEEDS / "curation"
IGNORED = tomllib.loads((CURATION / "unlinked_names.toml").read_text())["ignore"]
# A word: letters and digits, with inner apostrophes or dots ("U.S", "don’t"); hyphens
# part words ("Tajik-Afghan"), so each part is judged on its own.
WORD = re.compile(r"\w+(?:[.'’]\w+)*")
POSSESSIVE = re.compile(r"[’']s$")
# Joining words a name may hold: "Institute of World Economy and International Relations".
JOINING = {"of", "the", "and"}


def words(body: str) -> list[tuple[int, int, str]]:
    found = []
    for match in WORD.finditer(body):
        text = POSSESSIVE.sub("", match[0])
        found.append((match.start(), match.start() + len(text), text))
    return found


def name_runs(body: str) -> list[list[tuple[int, int, str]]]:
    """Runs of capitalised words, joined by spaces or hyphens, with "of", "the" and
    "and" allowed inside."""
    runs, run = [], []
    tokens = words(body)
    for index, (start, end, text) in enumerate(tokens):
        capital = text[0].isupper()
        following = tokens[index + 1][2] if index + 1 < len(tokens) else ""
        joining = text in JOINING and run and following[:1].isupper()
        joined = not run or re.fullmatch(r"[ \-]", body[run[-1][1] : start]) is not None
        if (capital or joining) and joined:
            run.append((start, end, text))
            continue
        if run:
            runs.append(run)
        run = [(start, end, text)] if capital else []
    if run:
        runs.append(run)
    return runs


def unexplained(body: str, covered: list[tuple[int, int]], ignored: set[str]) -> list[str]:
    """The parts of each name run that no mention or place covers and the ignore list
    does not explain (its phrases tile them, longest first)."""
    phrases = sorted((re.split(r"[ -]", phrase) for phrase in ignored), key=len, reverse=True)
    left = []
    for run in name_runs(body):
        residue = []
        for token in [*run, None]:
            inside = token and any(s <= token[0] and token[1] <= e for s, e in covered)
            if token and not inside:
                residue.append(token[2])
                continue
            while residue and residue[-1] in JOINING:
                residue.pop()
            while residue:
                if residue[0] in JOINING:
                    residue.pop(0)
                    continue
                phrase = next((p for p in phrases if residue[: len(p)] == p), None)
                if phrase is None:
                    left.append(" ".join(residue))
                    break
                residue = residue[len(phrase) :]
            residue = []
    return left


def ignored_names() -> set[str]:
    return {name for group in IGNORED for name in group["names"]}


@pytest.mark.parametrize(
    "path", sorted((CURATION / "articles").glob("*.toml")), ids=lambda p: p.name[:3]
)
def test_every_capitalised_name_is_linked_or_explained(path):
    curation = tomllib.loads(path.read_text())
    article = Article.objects.get(source_file=curation["source_file"])
    covered = list(article.mentions.placed().values_list("start", "end"))
    _, places = classified(curation, article.body, lambda slug: Organization.objects.get(slug=slug))
    assert unexplained(article.body, covered + places, ignored_names()) == []


def test_the_check_notices_an_unlinked_name():
    body = "Yesterday Ivan Ivanov of the Ministry of Truth met the Kremlin and NATO in Moscow."
    covered = [(body.index("NATO"), body.index("NATO") + 4)]
    assert unexplained(body, covered, {"Yesterday"}) == [
        "Ivan Ivanov",
        "Ministry of Truth",
        "Kremlin",
        "Moscow",
    ]


def test_every_ignored_name_is_in_the_texts_and_says_why():
    bodies = " ".join(Article.objects.values_list("body", flat=True))
    for group in IGNORED:
        assert group["category"] and len(group["reason"]) > 20
        for name in group["names"]:
            assert re.search(rf"(?<!\w){re.escape(name)}(?!\w)", bodies), name
    names = [name for group in IGNORED for name in group["names"]]
    assert len(names) == len(set(names))  # one category each


def test_no_ignored_name_is_a_persons_or_organizations_name():
    for name in ignored_names():
        assert not Organization.objects.named(name).exists(), name
        assert not Actor.objects.named(name).exists(), name
