import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from annotations.errors import ConflictError
from annotations.models import Claim, ClaimOrigin, ClaimStatus
from annotations.services import SYSTEM, article_import, claim_assign, claim_create, claim_update
from tests.factories import ArticleFactory, ClaimFactory

MIXED = (
    "Firefighters 👩🏽‍🚒 said 63 people were treated. "
    "The mayor (رئيس البلدية) spoke in Hebrew: שלום לכולם. "
    "Cafe\u0301 prices rose 3.9%, Ωmega Corp. said 🇵🇹."
)


@pytest.fixture
def article(db):
    return article_import(actor=SYSTEM, text=MIXED, url="https://example.org/mixed")


@pytest.fixture
def no_claims_written(db):
    before = Claim.objects.count()
    yield
    assert Claim.objects.count() == before


def test_create_from_offsets_after_emoji_and_rtl(article, annotator):
    start = article.text.index("Café")
    end = article.text.index("3.9%") + len("3.9%")
    claim = claim_create(article=article, actor=annotator, start=start, end=end)
    claim.refresh_from_db()
    assert claim.quote == article.text[claim.start : claim.end] == "Café prices rose 3.9%"
    assert claim.claim_text == claim.quote
    assert claim.prefix == article.text[start - 32 : start]
    assert claim.suffix == article.text[end : end + 32]
    assert (claim.status, claim.origin, claim.version) == (
        ClaimStatus.CANDIDATE,
        ClaimOrigin.MANUAL,
        1,
    )
    assert claim.created_by == annotator
    assert claim.history.get().history_user == annotator


def test_create_from_quote_with_metadata(article, annotator):
    claim = claim_create(
        article=article,
        actor=annotator,
        quote="63 people were treated",
        claim_text="Cyprus treated 63 people for heat stroke.",
        claimant="Health ministry",
        claim_date="2026-07-20",
    )
    assert article.text[claim.start : claim.end] == "63 people were treated"
    assert claim.claim_text == "Cyprus treated 63 people for heat stroke."
    assert claim.claim_date == datetime.date(2026, 7, 20)


def test_quote_is_normalised_like_the_text(article, annotator):
    claim = claim_create(article=article, actor=annotator, quote="Cafe\u0301 prices")
    assert claim.quote == "Café prices"


def test_auto_candidates_keep_score_and_reasons(article):
    claim = claim_create(
        article=article,
        actor=SYSTEM,
        quote="63 people were treated",
        origin=ClaimOrigin.AUTO,
        checkworthiness=0.8,
        reasons=["number", "attribution: said"],
    )
    assert (claim.origin, claim.checkworthiness, claim.reasons) == (
        ClaimOrigin.AUTO,
        0.8,
        ["number", "attribution: said"],
    )


@given(data=st.data())
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_stored_quote_equals_the_text_at_its_offsets(article, annotator, data):
    text = article.text
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    assume(text[start:end].strip())
    try:
        claim = claim_create(article=article, actor=annotator, start=start, end=end)
    except ValidationError as error:
        # The only refusals for in-range offsets: a cut character or a span already taken.
        assert {"start", "end"} & set(error.message_dict)
        return
    stored = Claim.objects.get(pk=claim.pk)
    assert stored.article.text[stored.start : stored.end] == stored.quote
    assert stored.quote == text[start:end].strip()
    stored.delete()


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"start": -1, "end": 5}, "start", "must not be negative"),
        ({"start": 0, "end": 10_000}, "end", "outside the text"),
        ({"start": 10_000, "end": 10_001}, "start", "outside the text"),
        ({"start": 8, "end": 3}, "end", "greater than start"),
        ({"start": 5, "end": 5}, "end", "greater than start"),
        ({"start": 0}, "end", "both start and end"),
        ({"start": "3", "end": 9}, "start", "whole number"),
        ({"quote": "nobody said this"}, "quote", "does not occur"),
        ({"quote": "   "}, "quote", "start and end offsets, or a quote"),
        ({}, "quote", "start and end offsets, or a quote"),
        ({"quote": "e"}, "quote", "give a prefix or suffix"),
        ({"quote": "people", "prefix": "no such "}, "prefix", "never with the given prefix"),
        ({"start": 0, "end": 12, "quote": "Something"}, "quote", "does not match"),
        ({"start": 0, "end": 5, "claim_date": "soon"}, "claim_date", "YYYY-MM-DD"),
        ({"start": 0, "end": 5, "checkworthiness": 1.5}, "checkworthiness", "between 0 and 1"),
        ({"start": 0, "end": 5, "claimant": "x" * 301}, "claimant", "at most 300"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(
    article, annotator, kwargs, field, message, no_claims_written
):
    with pytest.raises(ValidationError) as raised:
        claim_create(article=article, actor=annotator, **kwargs)
    errors = raised.value.message_dict
    assert field in errors, errors
    assert message in " ".join(errors[field])


def test_whitespace_only_span_is_refused(db, no_claims_written):
    article = ArticleFactory(text="One.\n\n\nTwo.")
    with pytest.raises(ValidationError) as raised:
        claim_create(article=article, actor=SYSTEM, start=4, end=7)
    assert "only whitespace" in raised.value.message_dict["end"][0]


def test_span_cutting_a_joined_emoji_is_refused(article, no_claims_written):
    inside = article.text.index("👩") + 2  # after the skin-tone modifier, before the ZWJ
    with pytest.raises(ValidationError) as raised:
        claim_create(article=article, actor=SYSTEM, start=0, end=inside)
    assert "inside a character" in raised.value.message_dict["end"][0]


def test_same_span_twice_names_the_existing_claim(article, annotator):
    first = claim_create(article=article, actor=annotator, quote="63 people were treated")
    with pytest.raises(ValidationError) as raised:
        claim_create(article=article, actor=annotator, start=first.start, end=first.end)
    assert f"Claim {first.pk} already covers" in raised.value.message_dict["start"][0]
    assert Claim.objects.count() == 1


def test_overlapping_claims_are_allowed(article, annotator):
    claim_create(article=article, actor=annotator, quote="63 people were treated")
    claim_create(article=article, actor=annotator, quote="said 63 people")
    assert Claim.objects.count() == 2


def test_update_bumps_version_and_records_who(article, annotator, other_annotator):
    claim = claim_create(article=article, actor=annotator, quote="63 people were treated")
    updated = claim_update(
        claim=claim,
        actor=other_annotator,
        expected_version=1,
        claim_text="Cyprus treated 63 people for heat stroke.",
        claimant="Health ministry",
    )
    assert updated.version == 2
    record = updated.history.order_by("-history_date").first()
    assert record.history_user == other_annotator
    assert record.claim_text == "Cyprus treated 63 people for heat stroke."


def test_stale_update_is_a_conflict_naming_who_changed_it(article, annotator, other_annotator):
    claim = claim_create(article=article, actor=annotator, quote="63 people were treated")
    claim_update(claim=claim, actor=other_annotator, expected_version=1, claimant="Ministry")
    with pytest.raises(ConflictError) as raised:
        claim_update(claim=claim, actor=annotator, expected_version=1, claimant="Someone else")
    assert "changed by arthur meanwhile" in raised.value.message
    assert raised.value.current_version == 2
    claim.refresh_from_db()
    assert (claim.claimant, claim.version) == ("Ministry", 2)


def test_update_moves_the_span_and_keeps_the_quote_exact(article, annotator):
    claim = claim_create(article=article, actor=annotator, quote="63 people were treated")
    updated = claim_update(
        claim=claim, actor=annotator, expected_version=1, start=claim.start - len("said ")
    )
    assert updated.quote == "said 63 people were treated"
    assert article.text[updated.start : updated.end] == updated.quote


def test_update_refuses_empty_text_and_changes_nothing(article, annotator):
    claim = claim_create(article=article, actor=annotator, quote="63 people were treated")
    with pytest.raises(ValidationError) as raised:
        claim_update(claim=claim, actor=annotator, expected_version=1, claim_text="  ")
    assert "claim_text" in raised.value.message_dict
    claim.refresh_from_db()
    assert (claim.version, claim.claim_text) == (1, "63 people were treated")


def test_claims_under_review_cannot_be_edited(editor):
    claim = ClaimFactory(in_review=True)
    with pytest.raises(ValidationError) as raised:
        claim_update(claim=claim, actor=editor, expected_version=1, claimant="X")
    assert "cannot be edited" in raised.value.message_dict["status"][0]


def test_only_researchers_edit_and_a_claim_assigned_to_someone_is_theirs(
    article, annotator, other_annotator, reviewer, editor
):
    claim = claim_create(article=article, actor=annotator, quote="63 people")
    claim_assign(claim=claim, actor=editor, assignee=annotator)
    for outsider, rule in (
        (other_annotator, r"Assignment rule: claim \d+ is assigned to annie"),
        (reviewer, "Role rule: to edit this claim you need the annotator or editor role"),
        (None, "Role rule"),
    ):
        version = Claim.objects.get(pk=claim.pk).version
        with pytest.raises(PermissionDenied, match=rule):
            claim_update(claim=claim, actor=outsider, expected_version=version, claimant="X")
        assert Claim.objects.get(pk=claim.pk).claimant == ""
    for allowed in (annotator, editor):
        version = Claim.objects.get(pk=claim.pk).version
        claim_update(
            claim=claim, actor=allowed, expected_version=version, claimant=allowed.username
        )
        assert Claim.objects.get(pk=claim.pk).claimant == allowed.username


@pytest.mark.parametrize("who", [None, "reviewer"])
def test_create_needs_the_permission_to_add_claims(article, reviewer, who, no_claims_written):
    with pytest.raises(PermissionDenied, match=r"annotations\.add_claim"):
        claim_create(article=article, actor=reviewer if who else None, quote="63 people")


def test_update_re_anchors_by_quote(article, annotator):
    claim = claim_create(article=article, actor=annotator, quote="63 people were treated")
    claim = claim_update(
        claim=claim, actor=annotator, expected_version=claim.version, quote="Ωmega Corp. said"
    )
    assert claim.quote == article.text[claim.start : claim.end] == "Ωmega Corp. said"
    assert claim.prefix == article.text[max(0, claim.start - 32) : claim.start]


def test_update_checks_offsets_against_the_quote(article, annotator):
    claim = claim_create(article=article, actor=annotator, quote="63 people were treated")
    moved = {"start": claim.start, "end": claim.end + 4, "quote": "63 people were treated"}
    with pytest.raises(ValidationError) as raised:
        claim_update(claim=claim, actor=annotator, expected_version=claim.version, **moved)
    assert "does not match" in raised.value.message_dict["quote"][0]
    claim.refresh_from_db()
    assert (claim.quote, claim.version) == ("63 people were treated", 1)
