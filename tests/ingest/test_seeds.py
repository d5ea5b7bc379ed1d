"""The five seeds, loaded with their curation: faithful records, every named
person and organization with all its spellings, every statement a claim."""

import hashlib
import io
import shutil
import tomllib

import pytest
from django.core.management import call_command
from django.db import connection

from corpus.models import (
    Actor,
    Annotation,
    Article,
    Claim,
    Comment,
    Mention,
    Organization,
    SeedState,
)
from tests.conftest import SEEDS

pytestmark = pytest.mark.django_db

CURATION = SEEDS / "curation"


def article(name_prefix):
    return Article.objects.get(source_file__startswith=name_prefix)


def load_seeds():
    out = io.StringIO()
    call_command("load_seeds", stdout=out)
    return out.getvalue()


def snapshot():
    """Every row the loader may touch, as comparable tuples."""
    return {
        model.__name__: sorted(
            tuple(str(v) for v in row) for row in model.objects.values_list(*fields)
        )
        for model, fields in [
            (Article, ["pk", "slug", "title", "date_edtf", "body", "modified"]),
            (Actor, ["pk", "name", "aliases", "modified"]),
            (Organization, ["pk", "name", "aliases", "parent", "modified"]),
            (Mention, ["pk", "start", "end", "actor", "organization"]),
            (Annotation, ["pk", "start", "end", "exact", "modified"]),
            (Claim, ["pk", "key", "text", "modified"]),
            (Comment, ["pk", "text"]),
        ]
    }


# -- articles ---------------------------------------------------------------


def test_the_five_seeds_are_loaded_and_published():
    assert Article.objects.published().count() == 5


def test_seed_files_in_the_project_are_verbatim_copies():
    shared = SEEDS.parent.parent / "shared" / "seeds"
    if not shared.exists():
        pytest.skip("../shared/seeds is not beside this checkout")
    for original in shared.glob("*.txt"):
        assert (SEEDS / original.name).read_bytes() == original.read_bytes()


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_raw_file_and_checksum_are_kept(path):
    record = Article.objects.get(source_file=path.name)
    data = path.read_bytes()
    assert record.raw_source.encode("utf-8") == data
    assert record.raw_sha256 == hashlib.sha256(data).hexdigest()


def test_moscow_times_seed_metadata():
    mt = article("000")
    assert mt.title == "Russia Needs the West in Central Asia" and not mt.title_supplied
    assert [a.slug for a in mt.authors.all()] == ["alexander-golts"]
    assert mt.publication.slug == "the-moscow-times"
    assert (mt.date_edtf, mt.date_certainty, mt.year) == ("2011-09-05", "stated", 2011)
    assert mt.source_url.startswith("https://www.themoscowtimes.com/2011/09/05/")


def test_undated_eurasianet_seed_has_an_uncertain_inferred_year_with_evidence():
    en = article("001")
    assert en.date_edtf == "2011?"
    assert en.date_certainty == "inferred"
    assert (en.date_start.isoformat(), en.date_end.isoformat()) == ("2011-01-01", "2011-12-31")
    assert "Libya" in en.date_evidence
    assert en.source_url == ""  # the source gives none; none is invented


def test_dates_are_no_more_precise_than_the_evidence():
    vision = article("003")
    assert vision.date_edtf == "2011-09-27/2011-10-02"
    assert "September 27" in vision.date_evidence and "October 2" in vision.date_evidence
    edm_2004 = article("004")
    assert (edm_2004.date_start.isoformat(), edm_2004.date_end.isoformat()) == (
        "2004-10-12",
        "2004-10-18",
    )
    edm_2007 = article("002")
    assert edm_2007.date_edtf == "2007-10?" and edm_2007.year == 2007


def test_eurasia_daily_monitor_seeds_keep_volume_issue_and_unknown_authors():
    edm_2007, edm_2004 = article("002"), article("004")
    assert (edm_2007.volume, edm_2007.issue) == ("4", "191")
    assert (edm_2004.volume, edm_2004.issue) == ("1", "105")
    assert edm_2007.authors.count() == 0 and edm_2004.authors.count() == 0
    assert edm_2007.publication.slug == edm_2004.publication.slug == "eurasia-daily-monitor"


def test_untitled_seed_has_a_supplied_title_in_brackets():
    edm_2004 = article("004")
    assert edm_2004.title_supplied
    assert edm_2004.display_title == f"[{edm_2004.title}]"
    assert article("002").title == "CSTO: SAFE CHOICE IN CENTRAL ASIA"  # the source's capitals


def test_bodies_hold_the_article_text_only():
    for record in Article.objects.all():
        for furniture in (
            "Leave a Reply",
            "Originally published",
            "The views expressed",
            " is a Washington, DC,-based writer",
        ):
            assert furniture not in record.body, (record.source_file, furniture)


def test_comment_is_kept_apart_with_unknown_author():
    comments = list(article("003").comments.all())
    assert len(comments) == 1
    assert comments[0].author == ""
    assert comments[0].posted_on.isoformat() == "2011-10-02"
    assert Comment.objects.count() == 1


# -- entities ---------------------------------------------------------------


def test_every_curated_person_and_organization_is_a_record():
    entities = tomllib.loads((CURATION / "entities.toml").read_text())
    assert set(Actor.objects.values_list("slug", flat=True)) >= {
        a["slug"] for a in entities["actor"]
    }
    assert set(Organization.objects.values_list("slug", flat=True)) >= {
        o["slug"] for o in entities["organization"]
    }


def test_same_person_across_articles_is_one_actor():
    makarov = Actor.objects.get(slug="nikolai-makarov")
    assert "Nikolay Makarov" in makarov.aliases
    mentioned_in = set(
        Mention.objects.filter(actor=makarov).values_list("article__source_file", flat=True)
    )
    assert {article("002").source_file, article("003").source_file} <= mentioned_in
    rahmon = Actor.objects.get(slug="emomali-rahmon")
    assert "Imomali Rakhmonov" in rahmon.aliases
    assert {article("002").source_file, article("004").source_file} <= set(
        Mention.objects.filter(actor=rahmon).values_list("article__source_file", flat=True)
    )
    lukashenko = Actor.objects.get(slug="alexander-lukashenko")
    assert "Aleksander Lukashenko" in lukashenko.aliases
    assert Mention.objects.filter(actor=lukashenko).values("article").distinct().count() == 2


def test_people_who_share_a_first_name_stay_apart():
    nikolais = Actor.objects.filter(name__startswith="Nikolai ")
    assert set(nikolais.values_list("slug", flat=True)) == {
        "nikolai-bordyuzha",
        "nikolai-makarov",
        "nikolai-patrushev",
    }
    alexanders = Actor.objects.filter(name__startswith="Alexander ")
    assert alexanders.count() == 4
    body = article("002").body
    patrushev = Mention.objects.get(article=article("002"), actor__slug="nikolai-patrushev")
    assert body[patrushev.start : patrushev.end] == "Nikolai Patrushev"
    # Mentions in 002 of Makarov are exactly his own name and surname.
    texts = {
        body[m.start : m.end]
        for m in Mention.objects.filter(article=article("002"), actor__slug="nikolai-makarov")
    }
    assert texts == {"Nikolai Makarov", "Makarov"}


def test_every_mention_points_at_one_of_its_entitys_names():
    """Or, marked as a stand-in, at one of its stand-in names ("Moscow" for Russia)."""
    for mention in Mention.objects.select_related("article", "actor", "organization"):
        text = mention.article.body[mention.start : mention.end]
        if mention.stand_in:
            assert text in mention.organization.stand_ins, text
            continue
        names = mention.entity.names
        assert text in names or any(name.split()[-1] == text for name in names), text


def test_organizations_record_parents_and_members_the_texts_state():
    csto = Organization.objects.get(slug="csto")
    assert csto.acronym == "CSTO"
    assert csto.parent.slug == "cis"
    assert set(csto.members.values_list("slug", flat=True)) == {
        "russia",
        "belarus",
        "armenia",
        "tajikistan",
        "kyrgyzstan",
        "kazakhstan",
        "uzbekistan",
    }
    icd = Organization.objects.get(slug="institute-for-contemporary-development")
    assert "Institute of Contemporary Development" in icd.aliases
    assert icd.mentions.values("article").distinct().count() == 2


def test_the_fsb_is_linked_by_its_spelling_as_printed():
    body = article("002").body
    start = body.index("Russia’s Security Service (FSB)")
    spelled = Mention.objects.get(article=article("002"), start=start)
    assert (spelled.organization.slug, spelled.end - start) == (
        "fsb",
        len("Russia’s Security Service"),
    )


def test_acronyms_resolve_to_their_organizations():
    caco = Organization.objects.get(acronym="CACO")
    assert caco.name == "Central Asian Cooperation Organization"
    assert caco.mentions.filter(article=article("004")).count() >= 3


# -- claims -----------------------------------------------------------------


def test_every_curated_statement_is_a_published_claim_with_its_passage():
    for path in sorted((CURATION / "articles").glob("*.toml")):
        curation = tomllib.loads(path.read_text())
        record = Article.objects.get(source_file=curation["source_file"])
        for row in curation.get("claim", []):
            claim = Claim.objects.select_related("annotation").get(key=row["key"])
            assert claim.annotation.article == record
            assert claim.annotation.exact == row["passage"]
            assert record.body[claim.annotation.start : claim.annotation.end] == row["passage"]
            assert claim.claimant.slug == row["claimant"]
            assert claim.status == claim.annotation.status == "published"


def test_curated_passages_never_overlap_as_an_editors_may_not():
    """The annotator and the admin refuse an overlapping passage; a seeded one that
    overlapped would make its own annotation unsavable in the admin."""
    for record in Article.objects.all():
        spans = sorted(Annotation.objects.filter(article=record).values_list("start", "end"))
        for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
            assert end <= start, (record.source_file, record.body[start : start + 60])


def test_claims_cover_every_article():
    for record in Article.objects.all():
        assert Claim.objects.filter(annotation__article=record).exists(), record.source_file


def test_buzhinsky_said_things_in_two_articles():
    claims = Claim.objects.filter(claimant_actor__slug="yevgeny-buzhinsky")
    assert claims.values("annotation__article").distinct().count() == 2
    quote = claims.get(key="en-vision-buzhinsky-uncertain-position")
    assert "it wanted allies, but it didn’t want to have to pay" in quote.text


def test_the_same_statement_in_two_articles_is_linked():
    mt = Claim.objects.get(key="mt-lukashenko-internal-coups")
    en = Claim.objects.get(key="en-vision-lukashenko-internal-coups")
    assert list(mt.same_statement_as.all()) == [en]
    assert list(en.same_statement_as.all()) == [mt]


def test_annotation_selectors_carry_prefix_and_suffix():
    annotation = Claim.objects.get(key="mt-lukashenko-internal-coups").annotation
    body = annotation.article.body
    assert len(annotation.prefix) == 32 and len(annotation.suffix) == 32
    assert body[annotation.start - 32 : annotation.start] == annotation.prefix
    assert body[annotation.end : annotation.end + 32] == annotation.suffix


# -- idempotency and editors ------------------------------------------------


def test_loading_again_changes_nothing():
    before = snapshot()
    output = load_seeds()
    assert snapshot() == before
    assert "created" not in output and "updated" not in output


def test_reload_keeps_an_editors_changes():
    actor = Actor.objects.get(slug="arkady-dubnov")
    actor.description = "Edited by an editor"
    actor.aliases = [*actor.aliases, "A. Dubnov"]
    actor.save()
    mt = article("000")
    mt.title = "Edited title"
    mt.save()
    claim = Claim.objects.get(key="en-vision-dubnov-commando-forces")
    claim.text = "An editor's correction"
    claim.save()
    output = load_seeds()
    actor.refresh_from_db()
    mt.refresh_from_db()
    claim.refresh_from_db()
    assert actor.description == "Edited by an editor" and "A. Dubnov" in actor.aliases
    assert mt.title == "Edited title"
    assert claim.text == "An editor's correction"
    assert "actor arkady-dubnov: changed by an editor" in output


def test_reload_does_not_resurrect_what_an_editor_deleted():
    claim = Claim.objects.get(key="en-vision-dubnov-commando-forces")
    annotation = claim.annotation
    claim.delete()
    annotation.delete()
    output = load_seeds()
    assert not Claim.objects.filter(key="en-vision-dubnov-commando-forces").exists()
    assert "deleted by an editor" in output


def test_curation_change_applies_to_untouched_records(tmp_path):
    seeds = edited_copy(
        tmp_path,
        "curation/entities.toml",
        'name = "Yulia Nikitina"\naliases = []',
        'name = "Yulia Nikitina"\naliases = ["Julia Nikitina"]',
    )
    call_command("load_seeds", "--seeds", str(seeds), stdout=io.StringIO())
    assert Actor.objects.get(slug="yulia-nikitina").aliases == ["Julia Nikitina"]
    assert SeedState.objects.filter(kind="actor", key="yulia-nikitina").exists()


def edited_copy(tmp_path, path_in_seeds, old, new):
    """A copy of seeds/ with one curation text replaced."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    target = seeds / path_in_seeds
    text = target.read_text()
    assert old in text
    target.write_text(text.replace(old, new, 1))
    return seeds


# -- database invariants ----------------------------------------------------


def test_mentions_stay_inside_the_body():
    from django.db import IntegrityError, transaction

    mt = article("000")
    with pytest.raises(IntegrityError, match="outside the body"), transaction.atomic():
        Mention.objects.create(
            article=mt, start=len(mt.body) - 1, end=len(mt.body) + 5, actor=Actor.objects.first()
        )


def test_a_body_edit_that_strands_a_span_is_refused_at_commit():
    from django.db import IntegrityError, transaction

    mt = article("000")
    with pytest.raises(IntegrityError, match="no longer contains"), transaction.atomic():
        Article.objects.filter(pk=mt.pk).update(body=mt.body[:100])
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


@pytest.mark.parametrize(
    "path, old, new, message",
    [
        (
            "curation/entities.toml",
            '[[actor]]\nslug = "',
            '[[actor]]\nslg = "',
            "lacks the required key",
        ),
        ("curation/entities.toml", "[[actor]]", "[[actor]", "entities.toml"),
        (
            "curation/articles/000_8d984ce8a10cfad3.toml",
            'passage = "',
            'passage = "NOT IN THE TEXT ',
            "passage not in the body",
        ),
        (
            "curation/articles/000_8d984ce8a10cfad3.toml",
            'edtf = "2011-09-05"',
            'edtf = "5 Sept 2011"',
            "not an EDTF date",
        ),
        (
            "curation/articles/000_8d984ce8a10cfad3.toml",
            'publication = "the-moscow-times"',
            'publication = "nowhere"',
            "unknown organization",
        ),
        (
            "curation/articles/001_40707b2bc624f52d.toml",
            'passage = "So far, US officials',
            'passage = "Not in the text. So far, US officials',
            "not_a_claim 4: passage not in the body",
        ),
        (
            "curation/articles/001_40707b2bc624f52d.toml",
            'category = "attitude"',
            'category = "a hunch"',
            "category must be one of attitude, unidentified",
        ),
        (
            "curation/articles/004_362495c372b1300c.toml",
            'parties = [{ type = "actor", slug = "emomali-rahmon" }]',
            'parties = [{ type = "actor", slug = "nobody-at-all" }]',
            "unknown actor “nobody-at-all”",
        ),
        (
            "curation/articles/000_8d984ce8a10cfad3.toml",
            '"The bad news is that Moscow is using the threat",',
            '"Moscow is not in this text at all",',
            "is 0 times in the text, not once",
        ),
        (
            "curation/articles/003_b729ff56edc44534.toml",
            '"CSTO military exercises show that Moscow lacks a clear vision",',
            '"a scholar at the Moscow State Institute",',
            "is part of a longer name, not a stand-in",
        ),
    ],
)
def test_broken_curation_fails_cleanly_and_changes_nothing(tmp_path, path, old, new, message):
    from django.core.management import CommandError

    seeds = edited_copy(tmp_path, path, old, new)
    before = snapshot()
    with pytest.raises(CommandError, match=message):
        call_command("load_seeds", "--seeds", str(seeds), stdout=io.StringIO())
    assert snapshot() == before


def test_an_organization_editors_made_before_seeding_keeps_its_relations():
    SeedState.objects.filter(key="csto").delete()  # as if editors had created it by hand
    csto = Organization.objects.get(slug="csto")
    csto.parent = None
    csto.save()
    csto.members.clear()
    output = load_seeds()
    csto.refresh_from_db()
    assert csto.parent is None and csto.members.count() == 0
    assert "relations csto: changed by an editor" in output
