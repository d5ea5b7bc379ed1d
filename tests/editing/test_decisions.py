"""Editors' decisions stick: a deleted automatic mention stays deleted through
re-matching and load_seeds; a proposal is accepted or rejected once; an unknown name
is created, aliased or dismissed once, for every article; merges keep decisions."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from corpus.editing import decisions
from corpus.editing.merging import merge_entities
from corpus.ingest.importing import import_files
from corpus.ingest.mentions import rematch_articles
from corpus.models import Actor, Article, Mention, MentionProposal, NameCandidate, spelling_key

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parents[1] / "data"


def seed_mentions():
    return sorted(
        [m.article.source_file, m.start, m.end, m.article.body[m.start : m.end], m.entity.slug]
        for m in Mention.objects.select_related("article", "actor", "organization")
    )


def test_the_seeds_keep_every_one_of_their_429_mentions():
    expected = json.loads((DATA / "seed_mentions.json").read_text(encoding="utf-8"))
    assert len(expected) == 429
    assert seed_mentions() == sorted(expected)
    assert not MentionProposal.objects.exists()


def test_a_deleted_automatic_mention_stays_deleted_through_rematching_and_load_seeds(
    client, editor
):
    article = Article.objects.get(source_file__startswith="002")
    wrong = article.mentions.filter(actor__slug="kurmanbek-bakiyev").order_by("start").last()
    client.force_login(editor)
    response = client.post(reverse("admin:corpus_mention_delete", args=[wrong.pk]), {"post": "yes"})
    assert response.status_code == 302
    span = {"start": wrong.start, "end": wrong.end, "actor": wrong.actor}
    rematch_articles([article])
    call_command("load_seeds", stdout=io.StringIO())
    assert not article.mentions.filter(**span).exists()
    rejection = MentionProposal.objects.rejected().get(article=article)
    assert (
        rejection.decided_by == editor and rejection.exact == article.body[wrong.start : wrong.end]
    )


def test_an_edited_automatic_mention_is_the_editors_and_the_original_stays_rejected(client, editor):
    article = Article.objects.get(source_file__startswith="002")
    mention = article.mentions.filter(actor__slug="kurmanbek-bakiyev").first()
    other = Actor.objects.get(slug="askar-akayev")
    decisions.reject_mention(mention, editor, "changed")
    mention.actor, mention.source = other, Mention.Source.EDITOR
    mention.save()
    rematch_articles([article])
    assert article.mentions.filter(start=mention.start, actor=other).exists()
    assert not article.mentions.filter(
        start=mention.start, actor__slug="kurmanbek-bakiyev"
    ).exists()


def test_proposals_are_decided_once(editor):
    [result] = import_files([DATA / "unseen" / "md_by_lede.txt"])
    article = result.article
    proposals = list(article.proposals.pending())
    assert {p.exact for p in proposals} >= {"Nazarbaev", "Bakiyev"}
    nazarbaev = next(p for p in proposals if p.exact == "Nazarbaev")
    bakiyev = next(p for p in proposals if p.exact == "Bakiyev")
    decisions.accept_proposal(nazarbaev, editor)
    decisions.reject_proposal(bakiyev, editor)
    rematch_articles([article])
    assert article.mentions.filter(
        start=nazarbaev.start, actor=nazarbaev.actor, source=Mention.Source.EDITOR
    ).exists()
    assert not article.mentions.filter(start=bakiyev.start).exists()
    assert not article.proposals.pending().filter(start__in=[nazarbaev.start, bakiyev.start])


def test_unknown_names_reach_the_queue_and_decisions_hold_across_articles(editor):
    import_files([DATA / "unseen" / "md_by_lede.txt"])
    queue = set(NameCandidate.objects.pending().values_list("name", flat=True))
    assert {"Janysh Bakiyev", "Islamic Movement of Uzbekistan", "Interfax-Kazakhstan"} <= queue
    imu = NameCandidate.objects.get(name="Islamic Movement of Uzbekistan")
    assert imu.acronym == "IMU" and imu.kind == "organization"
    decisions.dismiss(NameCandidate.objects.get(name="Interfax-Kazakhstan"), editor)
    record = decisions.create_record(NameCandidate.objects.get(name="Janysh Bakiyev"), editor)
    article = Article.objects.get(source_file="md_by_lede.txt")
    assert article.mentions.filter(actor=record).exists()
    [later] = import_files([DATA / "unseen" / "ph_title_after_header.txt"])
    assert "Interfax-Kazakhstan" not in later.unknown
    assert later.article.mentions.filter(actor=record).exists()


def test_a_name_added_as_an_alias_links_where_it_was_seen(editor):
    import_files([DATA / "unseen" / "fc_no_title_comments.txt"])
    candidate = NameCandidate.objects.get(name="Uzbekistan Airways")
    airline = Actor.objects.create(name="Uzbek Airways Person", slug="uzbek-airways-person")
    decisions.add_alias(candidate, editor, airline)
    airline.refresh_from_db()
    assert "Uzbekistan Airways" in airline.aliases
    article = Article.objects.get(source_file="fc_no_title_comments.txt")
    assert article.mentions.filter(actor=airline).exists()


def test_adding_a_namesake_keeps_correct_mentions_elsewhere():
    before = seed_mentions()
    Actor.objects.create(name="Janysh Bakiyev", slug="janysh-bakiyev")
    rematch_articles(Article.objects.all())
    assert seed_mentions() == before


def test_merging_keeps_rejections_with_the_survivor(editor):
    article = Article.objects.get(source_file__startswith="004")
    akayev = Actor.objects.get(slug="askar-akayev")
    mention = article.mentions.filter(actor=akayev).last()
    decisions.delete_mentions([mention], editor)
    duplicate = Actor.objects.create(name="Askar Akaev", slug="askar-akaev")
    merge_entities(duplicate, [akayev])
    rematch_articles([article])
    assert MentionProposal.objects.rejected().get(article=article).actor == duplicate
    assert not article.mentions.filter(start=mention.start, end=mention.end).exists()


def capitals_file(tmp_path, name: str = "capitals.txt"):
    path = tmp_path / name
    path.write_text(
        "Publication: Eurasia Daily Monitor Volume: 8 Issue: 170\n\n"
        "INTERFAX-KAZAKHSTAN reported on Monday that JANYSH BAKIYEV had left Bishkek for "
        "Moscow, where he met officials who blamed the ISLAMIC MOVEMENT OF UZBEKISTAN for "
        "talks that lasted three hours.\n",
        encoding="utf-8",
    )
    return path


def test_a_decision_on_an_unknown_name_holds_in_any_capitals(tmp_path, editor):
    import_files([DATA / "unseen" / "md_by_lede.txt"])
    decisions.dismiss(NameCandidate.objects.get(name="Interfax-Kazakhstan"), editor)
    imu = decisions.create_record(
        NameCandidate.objects.get(name="Islamic Movement of Uzbekistan"), editor
    )
    person = decisions.create_record(NameCandidate.objects.get(name="Janysh Bakiyev"), editor)
    [result] = import_files([capitals_file(tmp_path)])
    article, body = result.article, result.article.body
    assert result.unknown == []  # nothing is asked again
    interfax = NameCandidate.objects.get(name="Interfax-Kazakhstan")
    assert interfax.decision == "dismissed"
    assert interfax.spellings == ["Interfax-Kazakhstan", "INTERFAX-KAZAKHSTAN"]
    assert article in interfax.articles.all()
    # The organization an editor made is that name in any capitals: linked.
    imu.refresh_from_db()
    assert "ISLAMIC MOVEMENT OF UZBEKISTAN" in imu.aliases
    spans = [body[m.start : m.end] for m in article.mentions.filter(organization=imu)]
    assert spans == ["ISLAMIC MOVEMENT OF UZBEKISTAN"]
    # A person's full name in other capitals is proposed, as any unsure spelling is.
    assert not article.mentions.filter(actor=person).exists()
    assert article.proposals.pending().get(actor=person).exact == "JANYSH BAKIYEV"
    assert not NameCandidate.objects.filter(name__in=["INTERFAX-KAZAKHSTAN", "JANYSH BAKIYEV"])


def test_a_name_met_in_two_capitals_is_one_question_and_its_answer_links_both(tmp_path, editor):
    [first] = import_files([capitals_file(tmp_path)])
    [second] = import_files([DATA / "unseen" / "md_by_lede.txt"])
    candidate = NameCandidate.objects.get(name="JANYSH BAKIYEV")
    assert candidate.spellings == ["JANYSH BAKIYEV", "Janysh Bakiyev"]
    assert "Janysh Bakiyev" not in second.unknown  # already asked, once
    record = decisions.create_record(candidate, editor, name="Janysh Bakiyev")
    assert record.aliases == ["JANYSH BAKIYEV"]
    for article in (first.article, second.article):
        assert article.mentions.filter(actor=record).exists()


def test_capitals_tell_only_short_acronyms_apart():
    assert spelling_key("INTERFAX-KAZAKHSTAN") == spelling_key("Interfax-Kazakhstan")
    assert spelling_key("NATO") == spelling_key("Nato")
    assert spelling_key("Janysh BAKIYEV") == spelling_key("Janysh Bakiyev")
    assert spelling_key("US") != spelling_key("Us")
    assert spelling_key("UN") != spelling_key("Un")
