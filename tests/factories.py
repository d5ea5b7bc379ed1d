import factory
from django.contrib.auth import get_user_model

from corpus.models import Actor, Annotation, Article, Claim, Organization, Status

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password(PASSWORD)


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    name = factory.Sequence(lambda n: f"Test Person {n}")
    slug = factory.Sequence(lambda n: f"test-person-{n}")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Test Organization {n}")
    slug = factory.Sequence(lambda n: f"test-organization-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Test article {n}")
    slug = factory.Sequence(lambda n: f"test-article-{n}")
    source_file = factory.Sequence(lambda n: f"test-{n}.txt")
    body = "The Collective Security Treaty Organization met in Dushanbe. Observers were sceptical."
    raw_source = factory.LazyAttribute(lambda a: f"{a.title}\n\n{a.body}\n")
    status = Status.PUBLISHED


class AnnotationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Annotation

    article = factory.SubFactory(ArticleFactory)
    start = 4
    end = 43
    exact = factory.LazyAttribute(lambda a: a.article.body[a.start : a.end])
    status = Status.PUBLISHED


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    annotation = factory.SubFactory(AnnotationFactory)
    claimant_actor = factory.SubFactory(ActorFactory)
    text = "Observers were sceptical."
    status = Status.PUBLISHED
