"""claims_split: scored automatic candidates, and re-splitting that never loses work."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied

from annotations.models import Article, Claim, ClaimOrigin, ClaimStatus
from annotations.services import (
    SYSTEM,
    article_import,
    article_import_split,
    claim_create,
    claim_update,
    claims_split,
)
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    CommentFactory,
    EvidenceFactory,
    ReviewEventFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def sentence_spans(article) -> list[tuple[int, int]]:
    text = article.text
    spans = []
    for sentence in (
        "The city council approved a budget of $4.2 billion on Tuesday, up 3.9% from last year.",
        "Mayor Dana Ortiz said the increase would pay for 120 new bus drivers.",
        "According to the transit authority, ridership fell by 12% in 2024.",
    ):
        start = text.index(sentence)
        spans.append((start, start + len(sentence)))
    return spans


def test_split_creates_scored_automatic_candidates(annotator):
    article = ArticleFactory()
    result = claims_split(article=article, actor=annotator)
    claims = list(Claim.objects.filter(article=article).order_by("start"))
    assert [(c.start, c.end) for c in claims] == sentence_spans(article)
    assert len(result.created) == 3
    for claim in claims:
        assert claim.quote == article.text[claim.start : claim.end] == claim.claim_text
        assert claim.origin == ClaimOrigin.AUTO
        assert claim.status == ClaimStatus.CANDIDATE
        assert claim.created_by == annotator
        assert 0 <= claim.checkworthiness <= 1
        assert claim.reasons
        assert claim.prefix == article.text[max(0, claim.start - 32) : claim.start]
        assert claim.history.count() == 1
    assert "a number" in claims[0].reasons


def test_resplit_changes_nothing_when_nothing_changed(annotator):
    article = ArticleFactory()
    claims_split(article=article, actor=annotator)
    before = list(Claim.objects.filter(article=article).values_list("pk", "start", "end"))
    result = claims_split(article=article, actor=annotator)
    assert (len(result.created), result.removed, result.rescored) == (0, 0, 0)
    assert list(Claim.objects.filter(article=article).values_list("pk", "start", "end")) == before


def test_resplit_keeps_worked_on_claims_and_replaces_untouched_ones(annotator, editor):
    article = ArticleFactory()
    first, second, third = sentence_spans(article)
    # Stale automatic candidates on spans the splitter no longer proposes.
    untouched = ClaimFactory(article=article, start=0, end=8, origin=ClaimOrigin.AUTO)
    commented = ClaimFactory(article=article, start=0, end=9, origin=ClaimOrigin.AUTO)
    CommentFactory(claim=commented)
    with_evidence = ClaimFactory(article=article, start=0, end=10, origin=ClaimOrigin.AUTO)
    EvidenceFactory(claim=with_evidence)
    assigned = ClaimFactory(article=article, start=0, end=11, origin=ClaimOrigin.AUTO)
    assigned.assignee = editor
    assigned.save()
    reviewed = ClaimFactory(article=article, start=0, end=12, origin=ClaimOrigin.AUTO)
    ReviewEventFactory(claim=reviewed)
    researching = ClaimFactory(
        article=article, start=0, end=13, origin=ClaimOrigin.AUTO, researching=True
    )
    edited = ClaimFactory(article=article, start=0, end=14, origin=ClaimOrigin.AUTO)
    edited = claim_update(
        claim=edited, actor=annotator, expected_version=1, claim_text="Budget is $4.2bn."
    )
    # A person marked the second sentence by hand, and is researching the third.
    manual = claim_create(article=article, actor=annotator, start=second[0], end=second[1])
    worked = ClaimFactory(
        article=article, start=third[0], end=third[1], origin=ClaimOrigin.AUTO, researching=True
    )
    kept = [commented, with_evidence, assigned, reviewed, researching, edited, manual, worked]
    snapshot = {c.pk: (c.start, c.end, c.status, c.claim_text) for c in kept}

    result = claims_split(article=article, actor=annotator)

    assert not Claim.objects.filter(pk=untouched.pk).exists()
    assert result.removed == 1
    assert result.kept == len(kept)
    for claim in kept:
        claim.refresh_from_db()
        assert snapshot[claim.pk] == (claim.start, claim.end, claim.status, claim.claim_text)
    assert Claim.objects.get(pk=manual.pk).origin == ClaimOrigin.MANUAL
    # Only the first sentence was free: no candidate doubles a claim someone holds.
    assert [(c.start, c.end) for c in result.created] == [first]
    spans = list(Claim.objects.filter(article=article).values_list("start", "end"))
    assert len(spans) == len(set(spans))


def test_resplit_rescores_untouched_candidates_in_place(annotator):
    article = ArticleFactory()
    claims_split(article=article, actor=annotator)
    claim = Claim.objects.filter(article=article).order_by("start").first()
    Claim.objects.filter(pk=claim.pk).update(checkworthiness=0.01, reasons=["old"])
    result = claims_split(article=article, actor=annotator)
    assert result.rescored == 1 and not result.created
    refreshed = Claim.objects.get(pk=claim.pk)
    assert refreshed.checkworthiness > 0.01 and "old" not in refreshed.reasons
    assert refreshed.version == 1


def test_split_follows_the_article_language(annotator):
    text = "Die Regierung z. B. schwieg. Der Preis stieg um 3,9 %.\n\nEin neuer Absatz."
    article = ArticleFactory(language="de", text=text, original=text)
    claims_split(article=article, actor=annotator)
    quotes = list(Claim.objects.filter(article=article).order_by("start").values_list("quote"))
    assert [q for (q,) in quotes] == [
        "Die Regierung z. B. schwieg.",
        "Der Preis stieg um 3,9 %.",
        "Ein neuer Absatz.",
    ]


def test_split_from_the_command_line_credits_nobody(db):
    article = ArticleFactory()
    result = claims_split(article=article, actor=SYSTEM)
    assert result.created
    assert all(c.created_by is None for c in result.created)


@pytest.mark.parametrize("who", [None, "reviewer"])
def test_split_needs_the_permission_to_add_claims(who, reviewer):
    article = ArticleFactory()
    with pytest.raises(PermissionDenied, match=r"annotations\.add_claim"):
        claims_split(article=article, actor=reviewer if who else None)
    assert not Claim.objects.filter(article=article).exists()


def test_import_and_split_by_someone_who_may_not_split_leaves_no_article(db):
    importer = UserFactory()
    importer.user_permissions.add(Permission.objects.get(codename="add_article"))
    with pytest.raises(PermissionDenied, match=r"annotations\.add_claim"):
        article_import_split(actor=importer, text="One sentence here. Another one there.")
    assert not Article.objects.exists()


def test_sample_article_splits_into_twenty_candidates(shared_dir, annotator):
    raw = (shared_dir / "samples" / "us-hamas-talks.txt").read_text(encoding="utf-8")
    article = article_import(text=raw, actor=annotator)
    result = claims_split(article=article, actor=annotator)
    assert len(result.created) == 20
    for claim in result.created:
        assert "YWN" not in claim.quote and "date 2025" not in claim.quote
        assert article.text[claim.start : claim.end] == claim.quote


def test_atomic_claims_setting_splits_independent_clauses(annotator, settings):
    settings.FACTCHECK_ATOMIC_CLAIMS = True
    text = "At least 35 are believed to be dead, while intelligence estimates that 22 remain alive."
    article = ArticleFactory(text=text, original=text)
    claims_split(article=article, actor=annotator)
    quotes = [
        q for (q,) in Claim.objects.filter(article=article).order_by("start").values_list("quote")
    ]
    assert quotes == [
        "At least 35 are believed to be dead",
        "intelligence estimates that 22 remain alive.",
    ]


@pytest.mark.parametrize("sentences", [3, 30])
def test_splitting_a_new_article_runs_the_same_queries_whatever_its_length(
    annotator, sentences, django_assert_num_queries
):
    text = " ".join(
        f"The council spent {n} million on buses in {1990 + n}." for n in range(sentences)
    )
    article = article_import(actor=annotator, text=text)
    # The article's lock, whether it holds claims (it does not: nothing to tell apart), the
    # new claims and their history rows, in a savepoint (the test runs in a transaction).
    with django_assert_num_queries(6):
        result = claims_split(article=article, actor=annotator)
    assert len(result.created) == sentences
