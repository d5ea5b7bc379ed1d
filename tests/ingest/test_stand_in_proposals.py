"""Stand-in names in new articles: never linked, each occurrence proposed once for each
body it may stand for, in the import preview, import_article and re-matching alike;
accepting one makes a stand-in mention, rejecting one is remembered; a stand-in name is
never an unknown name; and the seeds, whose curation classifies every occurrence, get
no proposal."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from corpus.ingest.importing import import_files
from corpus.ingest.matching import EntityMatcher
from corpus.ingest.mentions import rematch_articles
from corpus.models import Actor, Article, Mention, MentionProposal, NameCandidate, Organization

pytestmark = pytest.mark.django_db

TEXT = (
    "Publication: Eurasia Daily Monitor Volume: 3 Issue: 8\n\n"
    "Moscow and Dushanbe signed the basing deal; the Kremlin hailed it. "
    "Talks held in Moscow went on, said Emomali Rahmon. Moscow-Dushanbe relations "
    "have warmed since, and Astana watched.\n"
)
# Each occurrence, once for each body it may stand for.
PROPOSED = sorted(
    [
        ("Moscow", "russia"),
        ("Dushanbe", "tajikistan"),
        ("Kremlin", "russian-leadership"),
        ("Moscow", "russia"),
        ("Moscow", "russia"),
        ("Dushanbe", "tajikistan"),
    ]
)


def write(tmp_path, text=TEXT, name="stand_ins.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def imported(tmp_path, text=TEXT) -> Article:
    [result] = import_files([write(tmp_path, text)])
    return result.article


def proposed(article) -> list[tuple[str, str]]:
    pending = article.proposals.pending().select_related("organization")
    return sorted((p.exact, p.organization.slug) for p in pending)


def kremlin_may_be_russia_too():
    """The Kremlin also standing for Russia: a stand-in name with two bodies."""
    russia = Organization.objects.get(slug="russia")
    russia.stand_ins = [*russia.stand_ins, "Kremlin"]
    russia.full_clean()
    russia.save()


def test_import_article_proposes_each_stand_in_once_per_body_and_links_none(tmp_path):
    out = io.StringIO()
    call_command("import_article", str(write(tmp_path)), stdout=out)
    article = Article.objects.get(source_file="stand_ins.txt")
    assert [m.entity.name for m in article.mentions.all()] == ["Emomali Rahmon"]
    assert proposed(article) == PROPOSED
    for proposal in article.proposals.all():
        assert proposal.stand_in and proposal.actor is None
        assert proposal.exact == article.body[proposal.start : proposal.end]
        assert proposal.reason == (
            f"“{proposal.exact}” may be the place, or stand for {proposal.organization.name}"
        )
    output = " ".join(out.getvalue().split())
    assert "proposed to an editor: 6 uncertain links" in output
    assert "Kremlin (1 time: the place, or Russian leadership)" in output


def test_a_stand_in_name_with_two_bodies_is_proposed_as_each(tmp_path):
    kremlin_may_be_russia_too()
    article = imported(tmp_path)
    kremlin = article.proposals.filter(exact="Kremlin")
    assert sorted(kremlin.values_list("organization__slug", flat=True)) == [
        "russia",
        "russian-leadership",
    ]
    assert len({(p.start, p.end) for p in kremlin}) == 1  # one passage, two questions


def test_a_stand_in_name_is_never_an_unknown_name(tmp_path):
    article = imported(tmp_path)
    assert not NameCandidate.objects.filter(articles=article).exists()
    # Without the stand-in names, the archive would have asked about them.
    organizations = list(Organization.objects.all())
    for organization in organizations:
        organization.stand_ins = []
    unaware = EntityMatcher(list(Actor.objects.all()), organizations)
    assert "Moscow-Dushanbe" in {name.name for name in unaware.unknown_names(article.body)}
    assert EntityMatcher.from_database().unknown_names(article.body) == []


def test_accepting_a_stand_in_proposal_makes_a_stand_in_mention_and_settles_the_passage(
    client, editor, tmp_path
):
    kremlin_may_be_russia_too()
    article = imported(tmp_path)
    proposal = article.proposals.get(exact="Kremlin", organization__slug="russian-leadership")
    client.force_login(editor)
    response = client.post(
        reverse("admin:corpus_mentionproposal_changelist"),
        {"action": "accept", "_selected_action": [proposal.pk]},
        follow=True,
    )
    assert "1 links accepted." in response.content.decode()
    mention = article.mentions.get(start=proposal.start, end=proposal.end)
    assert (mention.organization.slug, mention.stand_in, mention.source) == (
        "russian-leadership",
        True,
        Mention.Source.EDITOR,
    )
    # Whether the Kremlin was Russia there is no longer asked.
    assert not article.proposals.pending().filter(start=proposal.start).exists()
    rematch_articles([article])
    assert article.mentions.filter(start=proposal.start, stand_in=True).count() == 1
    assert not article.proposals.pending().filter(start=proposal.start).exists()
    assert len(proposed(article)) == len(PROPOSED) - 1


def test_a_rejected_stand_in_proposal_is_remembered_through_rematching(client, editor, tmp_path):
    article = imported(tmp_path)
    first = article.proposals.filter(exact="Moscow").order_by("start").first()
    client.force_login(editor)
    client.post(
        reverse("admin:corpus_mentionproposal_changelist"),
        {"action": "reject", "_selected_action": [first.pk]},
    )
    first.refresh_from_db()
    assert (first.verdict, first.decided_by) == (MentionProposal.Verdict.REJECTED, editor)
    rematch_articles([article])
    call_command("load_seeds", stdout=io.StringIO())
    assert not article.proposals.pending().filter(start=first.start).exists()
    assert not article.mentions.filter(start=first.start).exists()
    assert len(proposed(article)) == len(PROPOSED) - 1  # the other occurrences still wait


def test_rematching_proposes_a_stand_in_name_recorded_after_the_import(tmp_path):
    article = imported(tmp_path)
    assert not article.proposals.filter(exact="Astana").exists()
    kazakhstan = Organization.objects.get(slug="kazakhstan")
    kazakhstan.stand_ins = ["Astana"]
    kazakhstan.full_clean()
    kazakhstan.save()
    rematch_articles([article])
    astana = article.proposals.pending().get(exact="Astana")
    assert (astana.organization, astana.stand_in) == (kazakhstan, True)
    assert not article.mentions.filter(organization=kazakhstan).exists()


def test_the_import_preview_shows_each_stand_in_as_a_proposed_link(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("admin:corpus_importbatch_add"),
        {"files": [SimpleUploadedFile("preview.txt", TEXT.encode())]},
        follow=True,
    )
    proposals = {link.name: link for link in response.context["preview"].proposed}
    assert proposals["Russia"].spellings == ["Moscow"]
    assert proposals["Russia"].reasons == ["“Moscow” may be the place, or stand for Russia"]
    assert proposals["Russian leadership"].spellings == ["Kremlin"]
    assert "may be the place, or stand for Tajikistan" in response.content.decode()
    assert not {link.name for link in response.context["preview"].links} & set(proposals)
    assert not MentionProposal.objects.exists()  # nothing is written before confirming


def test_the_seeds_get_no_proposal_even_when_matched_again():
    """Their curation classifies every occurrence, as a stand-in or as the place."""
    seeds = Article.objects.filter(source_file__regex=r"^00\d_")
    assert seeds.count() == 5
    rematch_articles(seeds)
    assert not MentionProposal.objects.exists()


def test_a_stand_in_proposal_names_an_organization(tmp_path):
    article = imported(tmp_path)
    person = Actor.objects.get(name="Emomali Rahmon")
    refused = pytest.raises(IntegrityError, match="proposal_stand_in_is_an_organization")
    with refused, transaction.atomic():
        MentionProposal.objects.create(
            article=article, start=0, end=6, exact="Moscow", actor=person, stand_in=True
        )
