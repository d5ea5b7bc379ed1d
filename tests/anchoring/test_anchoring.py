"""Editing an article's body keeps its annotations and mentions on their
passages, or orphans them; it never attaches one silently elsewhere."""

import pytest
from django.db import connection

from corpus.anchoring.selectors import Quote, candidates, locate
from corpus.anchoring.textdiff import EditMap
from corpus.models import Annotation, Article, Mention
from tests.factories import ActorFactory, AnnotationFactory, ArticleFactory

pytestmark = pytest.mark.django_db

BODY = (
    "Moscow said the alliance would be simplify re-supply logistics for the base. "
    "Analysts in Bishkek doubted it. The alliance said nothing more."
)


def check_span_invariants():
    """Run the deferred body-covers-spans trigger now, as a commit would."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def annotate(article, passage, occurrence=1):
    start = -1
    for _ in range(occurrence):
        start = article.body.index(passage, start + 1)
    annotation = Annotation(article=article)
    annotation.place(start, start + len(passage))
    annotation.save()
    return annotation


def edit_body(article, old, new):
    article.body = article.body.replace(old, new)
    article.save()
    check_span_invariants()
    return article.reanchoring


def test_a_typo_fixed_inside_a_quote_reanchors_fuzzily():
    article = ArticleFactory(body=BODY)
    annotation = annotate(article, "would be simplify re-supply logistics")
    report = edit_body(article, "would be simplify", "would simplify")
    annotation.refresh_from_db()
    assert annotation.anchor == Annotation.Anchor.ANCHORED
    assert annotation.exact == "would simplify re-supply logistics"
    assert annotation.text() == annotation.exact
    assert report.fuzzy == [annotation]
    assert annotation.version == 2


def test_an_insertion_before_a_passage_shifts_it_and_keeps_its_quote():
    article = ArticleFactory(body=BODY)
    annotation = annotate(article, "Analysts in Bishkek doubted it")
    edit_body(article, "Moscow said", "On Monday, Moscow said")
    annotation.refresh_from_db()
    assert annotation.exact == "Analysts in Bishkek doubted it"
    assert annotation.start == BODY.index("Analysts") + len("On Monday, ")
    assert annotation.prefix.endswith("for the base. ")


def test_deleting_the_quoted_passage_orphans_it_and_keeps_its_quote():
    article = ArticleFactory(body=BODY)
    annotation = annotate(article, "Analysts in Bishkek doubted it. ")
    report = edit_body(article, "Analysts in Bishkek doubted it. ", "")
    annotation.refresh_from_db()
    assert annotation.anchor == Annotation.Anchor.ORPHANED
    assert annotation.exact == "Analysts in Bishkek doubted it. "
    assert report.orphaned_annotations == [annotation]


def test_an_orphan_is_placed_again_when_its_passage_comes_back():
    article = ArticleFactory(body=BODY)
    annotation = annotate(article, "Analysts in Bishkek doubted it.")
    edit_body(article, "Analysts in Bishkek doubted it.", "")
    report = edit_body(article, "for the base. ", "for the base. Analysts in Bishkek doubted it.")
    annotation.refresh_from_db()
    assert annotation.anchor == Annotation.Anchor.ANCHORED
    assert report.restored == [annotation]


def test_a_duplicated_quote_is_chosen_by_its_prefix_and_suffix():
    body = "First the alliance met in Minsk. Later the alliance met in Yerevan."
    second = body.index("the alliance met", 10)
    quote = Quote.at(body, second, second + len("the alliance met"))
    # Reworded around both copies, and with a misleading stored position.
    new_body = "Early on, the alliance met in Minsk. Much later the alliance met in Yerevan."
    placed = locate(Quote(quote.exact, quote.prefix, quote.suffix, 0, 16), new_body)
    assert placed.method == "quote"
    assert placed.start == new_body.index("the alliance met", 20)


def test_a_short_quote_whose_context_is_gone_is_orphaned_not_guessed():
    body = "The alliance met in Minsk on Monday. Later, leaders flew home."
    quote = Quote.at(body, body.index("Minsk"), body.index("Minsk") + 5)
    new_body = "The alliance met on Monday. Later, leaders flew home to Minsk."
    assert locate(quote, new_body, EditMap(body, new_body)) is None
    # The orphan queue still suggests the lone occurrence to an editor.
    assert [(c.start, c.end) for c in candidates(quote, new_body)] == [
        (new_body.index("Minsk"), new_body.index("Minsk") + 5)
    ]


def test_mentions_shift_with_the_text_even_onto_each_others_places():
    actor = ActorFactory(name="Bishkek Person")
    article = ArticleFactory(body="Bishkek wrote. Bishkek wrote again.")
    Mention.objects.bulk_create(
        Mention(article=article, start=start, end=start + 7, actor=actor, source="editor")
        for start in (0, 15)
    )
    # The first mention moves to where the second was: the unique span key must not object.
    article.body = "Reports today: " + article.body
    article.save()
    check_span_invariants()
    starts = sorted(article.mentions.filter(actor=actor).values_list("start", flat=True))
    assert starts == [15, 30]


def test_an_editors_mention_of_a_deleted_passage_is_orphaned_with_its_quote():
    actor = ActorFactory(name="Someone Else")
    article = ArticleFactory(body=BODY)
    start = BODY.index("Analysts")
    mention = Mention.objects.create(
        article=article, start=start, end=start + 8, actor=actor, source="editor"
    )
    report = edit_body(article, "Analysts in Bishkek doubted it. ", "")
    mention.refresh_from_db()
    assert mention.anchor == Mention.Anchor.ORPHANED
    assert mention.exact == "Analysts"
    assert report.orphaned_mentions == [mention]


def test_matcher_mentions_follow_the_new_text():
    article = Article.objects.filter(mentions__actor__slug="nikolai-bordyuzha").first()
    mentions = article.mentions.filter(actor__slug="nikolai-bordyuzha").order_by("start")
    before = list(mentions.values_list("pk", "start", "end"))
    added = "Nikolai Bordyuzha spoke. "
    article.body = added + article.body
    article.save()
    check_span_invariants()
    after = list(mentions.values_list("pk", "start", "end"))
    # The same mentions, shifted, and one more for the new sentence.
    assert after[1:] == [(pk, start + len(added), end + len(added)) for pk, start, end in before]
    assert after[0][1:] == (0, len("Nikolai Bordyuzha"))


def test_every_seeded_annotation_survives_a_paragraph_added_at_the_top():
    article = Article.objects.filter(annotations__isnull=False).first()
    before = {a.pk: a.exact for a in article.annotations.all()}
    article.body = "An editor's note added later.\n\n" + article.body
    article.save()
    check_span_invariants()
    after = {a.pk: (a.exact, a.anchor) for a in article.annotations.all()}
    assert after == {pk: (exact, "anchored") for pk, exact in before.items()}


def test_an_unchanged_body_is_not_reanchored(django_assert_max_num_queries):
    article = AnnotationFactory().article
    article.title = "A new title"
    with django_assert_max_num_queries(4):
        article.save()
    assert not hasattr(article, "reanchoring")
