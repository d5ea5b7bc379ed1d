"""The stand-in names of each article's curation: every occurrence of a name the
texts use both for a place and for a government (Moscow, the Kremlin) is
classified, as a stand-in for the body it names (a marked mention of it) or as
the place itself (left unlinked)."""

import re

from corpus.ingest.matching import EntityMatcher
from corpus.ingest.seeds.sync import CurationError, Field
from corpus.models import Article, Mention
from corpus.models.seed_state import STAND_INS


def locate(body: str, name: str, context: str, where: str) -> int:
    """Where `name` starts in the body: `context`, found exactly once in the body,
    holds the name exactly once, as a whole word."""
    found = body.count(context)
    if found != 1:
        raise CurationError(f"{where}: “{context}” is {found} times in the text, not once")
    inside = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", context)]
    if len(inside) != 1:
        raise CurationError(f"{where}: “{context}” must hold “{name}” once")
    return body.find(context) + inside[0]


def classified(curation: dict, body: str, resolve) -> tuple[list, list]:
    """The curation's stand-ins as (start, end, organization) and its places as
    (start, end), each context found in `body`; `resolve` turns a slug into a record."""
    stand_ins, places, seen = [], [], set()
    for table in ("stand_in", "place"):
        for row in curation.get(table, []):
            name = row["name"]
            where = f"{curation['source_file']}: {table} “{name}”"
            organization = resolve(row["stands_for"]) if table == "stand_in" else None
            for context in row["contexts"]:
                start = locate(body, name, context, where)
                if start in seen:
                    raise CurationError(f"{where}: “{context}” is classified twice")
                seen.add(start)
                span = (start, start + len(name))
                if organization is None:
                    places.append(span)
                else:
                    stand_ins.append((*span, organization))
    return stand_ins, places


class StandInSteps:
    """Mark the curated stand-ins of one article as mentions of the bodies they stand for."""

    def load_stand_ins(self, curation: dict, article: Article, matcher: EntityMatcher) -> None:
        stand_ins, _ = classified(curation, article.body, self.org)
        names = [(m.start, m.end) for m in matcher.find(article.body)]
        for start, end, _ in stand_ins:
            if any(s < end and start < e for s, e in names):
                raise CurationError(
                    f"{article.source_file}: “{article.body[start:end]}” at {start} is part of "
                    "a longer name, not a stand-in"
                )
        self.sync(
            STAND_INS,
            article.source_file,
            article,
            {"stand_ins": sorted([start, end, org.pk] for start, end, org in stand_ins)},
            extra={"stand_ins": Field(get=self._marked_stand_ins, set=self._mark_stand_ins)},
            owner=("article", article.source_file),
            fill_empty=True,
        )

    @staticmethod
    def _marked_stand_ins(article: Article) -> list:
        marked = article.mentions.placed().filter(stand_in=True)
        return sorted([m.start, m.end, m.organization_id] for m in marked)

    @staticmethod
    def _mark_stand_ins(article: Article, wanted: list) -> None:
        """The curation's stand-in mentions become exactly `wanted`. The matcher's mention
        of the same span is marked in place (so its record, and its history, stay);
        an editor's mention there is left as the editor made it."""
        spans = {tuple(span) for span in wanted}
        mentions = {
            (m.start, m.end, m.organization_id): m
            for m in article.mentions.placed().filter(organization__isnull=False)
        }
        for key, mention in mentions.items():
            if mention.source == Mention.Source.CURATION and key not in spans:
                mention.delete()
        for start, end, organization_id in sorted(spans):
            mention = mentions.get((start, end, organization_id))
            if mention is None:
                mention = Mention(article=article, start=start, end=end)
                mention.organization_id = organization_id
            elif mention.source == Mention.Source.EDITOR:
                continue
            mention.source, mention.stand_in = Mention.Source.CURATION, True
            mention._change_reason = "Seed curation: a stand-in"
            mention.save()
