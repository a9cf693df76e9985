"""factory_boy factories, one per model, with traits for claim states."""

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from annotations.anchoring import context_for
from annotations.models import (
    Article,
    Claim,
    ClaimStatus,
    Comment,
    Evidence,
    Rating,
    RatingScale,
    ReviewAction,
    ReviewEvent,
    Source,
    Stance,
    Verdict,
)
from annotations.splitting.normalize import text_sha256

ARTICLE_TEXT = (
    "The city council approved a budget of $4.2 billion on Tuesday, up 3.9% from last year. "
    "Mayor Dana Ortiz said the increase would pay for 120 new bus drivers.\n\n"
    "According to the transit authority, ridership fell by 12% in 2024."
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Council budget report {n}")
    url = factory.Sequence(lambda n: f"https://news.example.org/articles/{n}")
    publisher = "Example News"
    language = "en"
    text = ARTICLE_TEXT
    original = factory.LazyAttribute(lambda article: article.text)
    text_sha256 = factory.LazyAttribute(lambda article: text_sha256(article.text))


class ClaimFactory(factory.django.DjangoModelFactory):
    """A claim on the first sentence of the article; pass start/end for another span."""

    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    start = 0
    end = factory.LazyAttribute(lambda claim: claim.article.text.index(".") + 1)
    quote = factory.LazyAttribute(lambda claim: claim.article.text[claim.start : claim.end])
    prefix = factory.LazyAttribute(
        lambda claim: context_for(claim.article.text, claim.start, claim.end)[0]
    )
    suffix = factory.LazyAttribute(
        lambda claim: context_for(claim.article.text, claim.start, claim.end)[1]
    )
    claim_text = factory.LazyAttribute(lambda claim: claim.quote)
    status = ClaimStatus.CANDIDATE

    class Params:
        researching = factory.Trait(status=ClaimStatus.RESEARCHING)
        in_review = factory.Trait(status=ClaimStatus.IN_REVIEW)
        approved = factory.Trait(status=ClaimStatus.APPROVED)
        published = factory.Trait(
            status=ClaimStatus.PUBLISHED, published_at=factory.LazyFunction(timezone.now)
        )
        dismissed = factory.Trait(status=ClaimStatus.DISMISSED)


class OnClaimFactory(factory.django.DjangoModelFactory):
    """Something recorded on a claim: evidence, a verdict, a review event, a comment."""

    class Meta:
        abstract = True

    claim = factory.SubFactory(ClaimFactory)


class RatingScaleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RatingScale

    name = factory.Sequence(lambda n: f"Scale {n}")
    slug = factory.Sequence(lambda n: f"scale-{n}")


class RatingFactory(factory.django.DjangoModelFactory):
    """A rating of the default scale unless a scale is given."""

    class Meta:
        model = Rating
        django_get_or_create = ("scale", "slug")

    scale = factory.LazyFunction(lambda: RatingScale.objects.get(is_default=True))
    slug = "false"
    label = "False"
    value = 1
    order = 5


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    url = factory.Sequence(lambda n: f"https://stats.example.gov/reports/{n}")
    normalized_url = factory.LazyAttribute(lambda source: source.url.removeprefix("https://"))
    title = factory.Sequence(lambda n: f"Transit ridership report {n}")
    publisher = "Example Statistics Office"


class EvidenceFactory(OnClaimFactory):
    class Meta:
        model = Evidence

    source = factory.SubFactory(SourceFactory)
    stance = Stance.REFUTES
    excerpt = "Ridership fell by 9% in 2024."


class VerdictFactory(OnClaimFactory):
    class Meta:
        model = Verdict

    rating = factory.SubFactory(RatingFactory)
    explanation = "The official figures show a smaller fall."
    author = factory.SubFactory(UserFactory)


class ReviewEventFactory(OnClaimFactory):
    class Meta:
        model = ReviewEvent

    actor = factory.SubFactory(UserFactory)
    action = "start"
    from_status = ClaimStatus.CANDIDATE
    to_status = ClaimStatus.RESEARCHING

    class Params:
        submit = factory.Trait(
            action=ReviewAction.SUBMIT,
            from_status=ClaimStatus.RESEARCHING,
            to_status=ClaimStatus.IN_REVIEW,
        )


class CommentFactory(OnClaimFactory):
    class Meta:
        model = Comment

    author = factory.SubFactory(UserFactory)
    text = "Can we find the 2023 baseline?"
