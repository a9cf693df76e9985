"""Published fact-checks that look like a claim, shown on the claim page."""

import unicodedata

import pytest
from django.urls import reverse

from annotations.selectors import final_verdict
from annotations.services import SYSTEM, article_import, claim_create
from annotations.similar import claims_checked_before, key_terms, similar_published_claims
from tests.helpers import publish

EARLIER = (
    "Officials said bus ridership in Port Alder rose 12% in 2025. "
    "The mayor opened a new library branch."
)
LATER = (
    "A councillor repeated that Port Alder bus ridership rose 12% in 2025. "
    "Rain is expected on Friday. The library stays closed on Friday."
)


@pytest.fixture
def desk(db, annotator, reviewer, editor):
    earlier = article_import(
        actor=SYSTEM, text=EARLIER, title="Earlier", url="https://news.example.org/a"
    )
    later = article_import(
        actor=SYSTEM, text=LATER, title="Later", url="https://news.example.org/b"
    )
    checked = claim_create(
        article=earlier, actor=annotator, quote="bus ridership in Port Alder rose 12% in 2025"
    )
    unrelated = claim_create(
        article=earlier, actor=annotator, quote="The mayor opened a new library branch"
    )
    for claim in (checked, unrelated):
        publish(claim, annotator=annotator, reviewer=reviewer, editor=editor)
    # Like the checked claim, but not published: it is nobody's finding yet.
    unfinished = claim_create(
        article=later, actor=annotator, quote="Port Alder bus ridership rose 12% in 2025"
    )
    return {"checked": checked, "unrelated": unrelated, "unfinished": unfinished}


def test_key_terms_keep_numbers_and_uncommon_words():
    assert key_terms("The mayor said ridership rose 12% in 2025, a record.") == {
        "mayor",
        "ridership",
        "rose",
        "12",
        "2025",
        "record",
    }


def test_a_published_fact_check_of_the_same_claim_is_found_with_its_rating(desk):
    found = similar_published_claims(claim=desk["unfinished"])
    assert [c.pk for c in found] == [desk["checked"].pk]
    (match,) = found
    assert final_verdict(match).rating.slug == "mostly-true"
    assert {"ridership", "alder", "2025", "12"} <= set(match.shared_terms)


def test_key_terms_keep_marks_inside_their_words():
    # Hindi vowel signs and the virama, Arabic short vowels: one word each, as PostgreSQL sees.
    hindi = unicodedata.normalize("NFC", "जनसंख्या बढ़ी")
    arabic = unicodedata.normalize("NFC", "ارتفعتْ الأسعارُ")
    assert key_terms(hindi) == set(hindi.split())
    assert key_terms(arabic) == set(arabic.split())


def test_a_claim_is_not_its_own_precedent_and_one_shared_word_is_not_enough(desk, annotator):
    assert similar_published_claims(claim=desk["checked"]) == []
    article = desk["unfinished"].article
    # Shares "library" with the published claim about the library branch, and nothing else.
    closed = claim_create(
        article=article, actor=annotator, quote="The library stays closed on Friday"
    )
    assert key_terms(closed.quote) & key_terms(desk["unrelated"].quote) == {"library"}
    assert similar_published_claims(claim=closed) == []
    # A claim with a single key term has nothing to compare by.
    alone = claim_create(article=article, actor=annotator, quote="library")
    assert similar_published_claims(claim=alone) == []


def test_an_articles_claims_are_looked_up_together_as_each_would_be_alone(
    desk, annotator, django_assert_num_queries
):
    article = desk["unfinished"].article
    claims = [
        desk["unfinished"],
        claim_create(article=article, actor=annotator, quote="The library stays closed on Friday"),
        claim_create(article=article, actor=annotator, quote="Rain is expected on Friday"),
        claim_create(article=article, actor=annotator, quote="library"),
        # Published claims are not their own precedent, together or alone.
        desk["checked"],
    ]
    alone = {claim.pk for claim in claims if similar_published_claims(claim=claim, limit=1)}
    with django_assert_num_queries(1):
        together = claims_checked_before(claims)
    assert together == alone == {desk["unfinished"].pk}
    assert claims_checked_before([]) == set()


def test_claim_page_shows_what_was_checked_before(client, desk, annotator):
    client.force_login(annotator)
    page = client.get(reverse("claim-detail", args=[desk["unfinished"].pk])).content.decode()
    assert "Checked before?" in page
    assert f'data-similar-id="{desk["checked"].pk}"' in page
    assert f'data-similar-id="{desk["unrelated"].pk}"' not in page
    page = client.get(reverse("claim-detail", args=[desk["unrelated"].pk])).content.decode()
    assert "No published fact-check looks like this claim." in page


def test_the_search_uses_the_claims_index_on_postgresql(desk):
    from django.db import connection
    from django.utils import timezone

    from annotations.models import Claim
    from annotations.similar import candidate_query

    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL (set DATABASE_URL): the GIN index exists only there; SQLite "
            "matches words in the newest published claims, as the tests above show"
        )
    # Enough published claims that reading them all costs more than the index.
    sentences = [f"Ferry line {n} carried {n * 7} cars." for n in range(3000)]
    article = article_import(actor=SYSTEM, text=" ".join(sentences), title="Ferries")
    now, position, claims = timezone.now(), 0, []
    for sentence in sentences:
        start = article.text.index(sentence, position)
        position = start + len(sentence)
        claims.append(
            Claim(
                article=article,
                start=start,
                end=position,
                quote=sentence,
                claim_text=sentence,
                status="published",
                published_at=now,
            )
        )
    Claim.objects.bulk_create(claims)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE annotations_claim")
    plan = candidate_query(desk["unfinished"], ["ridership", "alder"]).explain()
    assert "claim_search_idx" in plan


def test_the_api_answers_what_the_page_shows(desk, annotator):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(annotator)
    response = api.get(f"/api/v1/claims/{desk['unfinished'].pk}/similar/")
    assert response.status_code == 200
    (match,) = response.json()
    checked = desk["checked"]
    assert match["id"] == checked.pk
    assert match["rating"] == {"slug": "mostly-true", "label": "Mostly true"}
    assert match["url"].endswith(f"/factchecks/{checked.pk}/")
    assert {"ridership", "2025"} <= set(match["shared_terms"])
    anonymous = APIClient().get(f"/api/v1/claims/{desk['unrelated'].pk}/similar/")
    assert (anonymous.status_code, anonymous.json()) == (200, [])
