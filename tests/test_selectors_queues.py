"""Queues (research, review, publish, adjudication) and the per-claim audit trail."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from annotations.models import Claim, ClaimStatus, Rating, ReviewAction, Stance
from annotations.selectors import (
    adjudication_queue,
    claim_audit_trail,
    publish_queue,
    research_queue_for,
    review_queue_for,
)
from annotations.services import (
    claim_create,
    claim_transition,
    claim_update,
    comment_add,
    comment_hide,
    evidence_add,
    evidence_remove,
    evidence_update,
    verdict_propose,
    verdict_review,
)
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    ReviewEventFactory,
    SourceFactory,
    VerdictFactory,
)

S = ClaimStatus
A = ReviewAction
SPANS = [(0, 12), (13, 30), (87, 100), (158, 170), (194, 210), (40, 50)]


def default_rating(slug: str) -> Rating:
    return Rating.objects.get(scale__is_default=True, slug=slug)


def make_claims(article, rows, **common):
    """Create claims with (checkworthiness, days old) and return them in creation order."""
    claims = []
    for (start, end), (score, days_old) in zip(SPANS, rows, strict=False):
        claim = ClaimFactory(article=article, start=start, end=end, checkworthiness=score, **common)
        Claim.objects.filter(pk=claim.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=days_old)
        )
        claims.append(claim)
    return claims


def test_research_queue_is_mine_most_checkworthy_first(annotator, other_annotator, reviewer):
    article = ArticleFactory()
    high, unscored_old, low, unscored_new = make_claims(
        article, [(0.9, 1), (None, 5), (0.2, 3), (None, 1)], assignee=annotator
    )
    Claim.objects.filter(pk=low.pk).update(status=S.RESEARCHING)
    # Not mine, or not research work.
    ClaimFactory(article=article, start=194, end=210, assignee=other_annotator)
    ClaimFactory(article=article, start=40, end=50, assignee=annotator, status=S.IN_REVIEW)

    assert list(research_queue_for(user=annotator)) == [high, low, unscored_old, unscored_new]
    assert list(research_queue_for(user=reviewer)) == []


def test_review_queue_never_shows_my_own_research(annotator, reviewer, other_reviewer):
    annotator.groups.add(Group.objects.get(name="reviewer"))
    both = type(annotator).objects.get(pk=annotator.pk)
    article = ArticleFactory()
    mine, proposed_by_me, others, assigned_to_me, assigned_elsewhere = make_claims(
        article, [(0.5, 1), (0.6, 1), (0.4, 2), (0.1, 1), (0.9, 1)], status=S.IN_REVIEW
    )
    Claim.objects.filter(pk=mine.pk).update(researcher=both)
    VerdictFactory(claim=proposed_by_me, author=both)
    Claim.objects.filter(pk=assigned_to_me.pk).update(assignee=both)
    Claim.objects.filter(pk=assigned_elsewhere.pk).update(assignee=other_reviewer)
    ClaimFactory(article=article, start=40, end=50, status=S.APPROVED)
    earlier_round = ClaimFactory(article=ArticleFactory(), status=S.IN_REVIEW)
    ReviewEventFactory(claim=earlier_round, actor=both, action=A.SUBMIT, to_status=S.IN_REVIEW)

    assert list(review_queue_for(user=both)) == [others, assigned_to_me]
    assert list(review_queue_for(user=reviewer)) == [proposed_by_me, mine, others, earlier_round]


def test_publish_queue(default_scale):
    article = ArticleFactory()
    first, second = make_claims(article, [(None, 1), (0.3, 9)], status=S.APPROVED)
    ClaimFactory(article=article, start=87, end=100, status=S.IN_REVIEW)
    ClaimFactory(article=article, start=158, end=170, published=True)
    assert list(publish_queue()) == [second, first]


@pytest.mark.parametrize("count", [1, 5])
def test_queues_take_one_query_whatever_their_length(
    count, annotator, reviewer, django_assert_num_queries
):
    article = ArticleFactory()
    make_claims(article, [(0.5, 1)] * count, assignee=annotator)
    make_claims(ArticleFactory(), [(0.5, 1)] * count, status=S.IN_REVIEW)
    make_claims(ArticleFactory(), [(0.5, 1)] * count, status=S.APPROVED)
    annotator.has_perm("annotations.research_claim")  # load the permission cache first
    reviewer.has_perm("annotations.review_claim")
    with django_assert_num_queries(4):
        assert len([claim.article.title for claim in research_queue_for(user=annotator)]) == count
        assert len([claim.article.title for claim in review_queue_for(user=reviewer)]) == count
        assert len([claim.article.title for claim in publish_queue()]) == count
        assert list(adjudication_queue()) == []


def test_adjudication_queue_lists_disagreements_only(
    default_scale, annotator, reviewer, other_reviewer
):
    default_scale.blind_review = True
    default_scale.save()
    ratings = {rating.slug: rating for rating in default_scale.ratings.all()}
    claims = []
    for start, end in SPANS[:2]:
        claim = claim_create(article=ArticleFactory(), actor=annotator, start=start, end=end)
        claim = claim_transition(claim=claim, actor=annotator, action=A.START)
        evidence_add(claim=claim, actor=annotator, source=SourceFactory(), stance=Stance.REFUTES)
        verdict_propose(claim=claim, actor=annotator, rating=ratings["false"], explanation="No.")
        claims.append(claim_transition(claim=claim, actor=annotator, action=A.SUBMIT))
    agreed, disagreed = claims
    for claim, second in ((agreed, "false"), (disagreed, "true")):
        verdict_review(claim=claim, actor=reviewer, rating=ratings["false"])
        verdict_review(claim=claim, actor=other_reviewer, rating=ratings[second])
    assert list(adjudication_queue()) == [disagreed]


# Audit trail.


def test_audit_trail_lists_every_step_and_change_in_order(
    annotator, reviewer, editor, django_assert_num_queries
):
    article = ArticleFactory()
    false = default_rating("false")
    claim = claim_create(article=article, actor=annotator, start=87, end=155)
    claim = claim_transition(claim=claim, actor=annotator, action=A.START)
    source = SourceFactory(title="Transit authority report")
    evidence = evidence_add(claim=claim, actor=annotator, source=source, stance=Stance.SUPPORTS)
    evidence_update(evidence=evidence, actor=annotator, stance=Stance.REFUTES)
    verdict_propose(claim=claim, actor=annotator, rating=false, explanation="No such hiring.")
    claim = claim_transition(claim=claim, actor=annotator, action=A.SUBMIT)
    claim = claim_transition(
        claim=claim, actor=reviewer, action=A.REQUEST_CHANGES, comment="Name the claimant."
    )
    claim = claim_update(
        claim=claim, actor=annotator, expected_version=claim.version, claimant="Dana Ortiz"
    )
    evidence_remove(evidence=evidence, actor=annotator)
    evidence_add(claim=claim, actor=annotator, source=SourceFactory(), stance=Stance.CONTEXT)
    claim = claim_transition(claim=claim, actor=annotator, action=A.SUBMIT)
    claim = claim_transition(claim=claim, actor=reviewer, action=A.APPROVE)
    claim = claim_transition(claim=claim, actor=editor, action=A.PUBLISH)
    comment = comment_add(claim=claim, actor=annotator, text="Published!")
    comment_hide(comment=comment, actor=editor, reason="Noise")

    with django_assert_num_queries(9):
        trail = claim_audit_trail(claim=claim)

    lines = [(entry.kind, entry.action, entry.who) for entry in trail]
    assert lines == [
        ("claim", "created", "annie"),
        ("transition", A.START, "annie"),
        ("evidence", "created", "annie"),
        ("evidence", "changed", "annie"),
        ("verdict", "created", "annie"),
        ("transition", A.SUBMIT, "annie"),
        ("transition", A.REQUEST_CHANGES, "rita"),
        ("claim", "changed", "annie"),
        ("evidence", "removed", "annie"),
        ("evidence", "created", "annie"),
        ("transition", A.SUBMIT, "annie"),
        ("verdict", "changed", "rita"),
        ("transition", A.APPROVE, "rita"),
        ("transition", A.PUBLISH, "edith"),
        ("comment", "created", "annie"),
        ("comment", "changed", "edith"),
    ]
    assert [entry.at for entry in trail] == sorted(entry.at for entry in trail)

    def changes(index):
        return {change.field: (change.before, change.after) for change in trail[index].changes}

    assert changes(3) == {"stance": (Stance.SUPPORTS, Stance.REFUTES)}
    assert changes(2)["source"] == (None, "Transit authority report")
    assert changes(4)["rating"] == (None, "False")
    # Statuses read in words, as the history pages show them.
    assert changes(6) == {"status": (S.IN_REVIEW.label, S.RESEARCHING.label)}
    assert trail[6].comment == "Name the claimant."
    assert changes(7) == {"claimant": ("", "Dana Ortiz")}
    assert changes(8)["stance"] == (Stance.REFUTES, None)
    assert changes(11) == {"is_final": (False, True), "approved_by": (None, "rita")}
    assert changes(15) == {"hidden": (False, True)}
    assert trail[15].comment == "Noise"


def test_audit_trail_shows_the_public_correction_of_a_reopen(annotator, reviewer, editor):
    claim = ClaimFactory(published=True, researcher=annotator)
    claim_transition(
        claim=claim,
        actor=editor,
        action=A.REOPEN,
        comment="Agency revised its figure.",
        correction="Updated after the agency revised its 2024 figure.",
    )
    (entry,) = [entry for entry in claim_audit_trail(claim=claim) if entry.kind == "transition"]
    assert entry.comment == "Agency revised its figure."
    assert {change.field: change.after for change in entry.changes} == {
        "status": S.RESEARCHING.label,
        "correction": "Updated after the agency revised its 2024 figure.",
    }


def test_audit_trail_keeps_blind_verdicts_sealed_for_a_viewer(
    default_scale, annotator, reviewer, other_reviewer, editor
):
    default_scale.blind_review = True
    default_scale.save()
    false = default_rating("false")
    claim = claim_transition(claim=ClaimFactory(), actor=annotator, action=A.START)
    evidence_add(claim=claim, actor=annotator, source=SourceFactory(), stance=Stance.REFUTES)
    verdict_propose(claim=claim, actor=annotator, rating=false, explanation="No.")
    claim = claim_transition(claim=claim, actor=annotator, action=A.SUBMIT)
    mine = verdict_review(claim=claim, actor=reviewer, rating=false)

    def reviews_seen_by(user):
        return [
            entry.object_id
            for entry in claim_audit_trail(claim=claim, viewer=user)
            if entry.kind == "verdict" and entry.object_id == mine.pk
        ]

    assert reviews_seen_by(reviewer) == [mine.pk]
    assert reviews_seen_by(other_reviewer) == []
    assert reviews_seen_by(editor) == []
    assert mine.pk in [entry.object_id for entry in claim_audit_trail(claim=claim)]
