"""The moderation admin: articles, comments, ratings, people, the dashboard and fixed query
counts on the lists."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from annotations.admin.articles import ArticleAdmin
from annotations.admin.claims import ClaimAdmin
from annotations.admin.sources import SourceAdmin
from annotations.models import Claim, Comment, Rating, RatingScale
from annotations.permissions import ANNOTATOR
from annotations.services import SYSTEM, claim_create, comment_add
from tests.admin_desk import (
    CHANGELIST,
    LIST_QUERIES,
    QUOTES,
    S,
    claim_in,
    many_claims,
    page_messages,
)
from tests.factories import ArticleFactory, UserFactory

# Articles.


def test_split_and_resplit_articles(client, people):
    fresh = ArticleFactory()
    split_before = ArticleFactory()
    claim_create(article=split_before, actor=SYSTEM, quote="The city council")
    client.force_login(people["editor"])

    response = client.post(
        "/admin/annotations/article/",
        {"action": "split", "index": 0, "_selected_action": [fresh.pk, split_before.pk]},
        follow=True,
    )
    messages = page_messages(response)
    assert messages[0].startswith("Split 1 article; 1 failed")
    assert "use “Re-split”" in messages[0]
    assert Claim.objects.filter(article=fresh, origin="auto").exists()

    response = client.post(
        "/admin/annotations/article/",
        {"action": "resplit", "index": 0, "_selected_action": [fresh.pk, split_before.pk]},
        follow=True,
    )
    messages = page_messages(response)
    assert messages[0] == "Re-split 2 articles."
    assert "1 claims kept as they were" in messages[1]
    assert Claim.objects.filter(article=split_before, origin="manual").count() == 1


def test_reviewers_cannot_split(client, people):
    article = ArticleFactory()
    client.force_login(people["reviewer"])
    page = client.get("/admin/annotations/article/").content.decode()
    assert 'value="split"' not in page
    assert not Claim.objects.filter(article=article).exists()


def test_article_list_counts_claims_by_status(client, people, article):
    claim_in(S.CANDIDATE, people, article=article, quote=QUOTES[0])
    claim_in(S.RESEARCHING, people, article=article, quote=QUOTES[1])
    claim_in(S.RESEARCHING, people, article=article, quote=QUOTES[2])
    client.force_login(people["editor"])
    page = client.get("/admin/annotations/article/").content.decode()
    assert f"?article__id__exact={article.pk}&amp;status__exact=researching" in page
    filtered = client.get(f"{CHANGELIST}?article__id__exact={article.pk}&status__exact=researching")
    assert filtered.context["cl"].result_count == 2


# Comments, ratings, people.


def test_editors_hide_and_show_comments_which_stay_in_the_history(client, people, article):
    claim = claim_in(S.RESEARCHING, people, article=article, quote=QUOTES[0])
    comment = comment_add(claim=claim, actor=people["annotator"], text="Rude remark.")
    client.force_login(people["editor"])

    response = client.post(
        "/admin/annotations/comment/",
        {"action": "hide", "index": 0, "_selected_action": comment.pk},
        follow=True,
    )
    assert "Hid 1 comment." in page_messages(response)
    comment.refresh_from_db()
    assert (comment.hidden, comment.hidden_by) == (True, people["editor"])
    assert Comment.objects.filter(pk=comment.pk).exists()

    again = client.post(
        "/admin/annotations/comment/",
        {"action": "hide", "index": 0, "_selected_action": comment.pk},
        follow=True,
    )
    assert "already hidden" in page_messages(again)[0]
    client.post(
        "/admin/annotations/comment/",
        {"action": "unhide", "index": 0, "_selected_action": comment.pk},
    )
    comment.refresh_from_db()
    assert not comment.hidden
    assert comment.history.count() == 3

    page = client.get(f"{CHANGELIST}{claim.pk}/change/").content.decode()
    assert "Rude remark." in page


def test_reviewers_cannot_hide_comments(client, people, article):
    claim = claim_in(S.RESEARCHING, people, article=article, quote=QUOTES[0])
    comment = comment_add(claim=claim, actor=people["annotator"], text="Rude remark.")
    client.force_login(people["reviewer"])
    assert 'value="hide"' not in client.get("/admin/annotations/comment/").content.decode()
    client.post(
        "/admin/annotations/comment/",
        {"action": "hide", "index": 0, "_selected_action": comment.pk},
    )
    assert not Comment.objects.get(pk=comment.pk).hidden


def _scale_form(scale: RatingScale, **changes) -> dict:
    ratings = list(scale.ratings.order_by("order", "id"))
    data = {
        "name": scale.name,
        "slug": scale.slug,
        "description": scale.description,
        "best_rating": scale.best_rating,
        "worst_rating": scale.worst_rating,
        "is_default": "on" if scale.is_default else "",
        "ratings-TOTAL_FORMS": len(ratings),
        "ratings-INITIAL_FORMS": len(ratings),
        "ratings-MIN_NUM_FORMS": 0,
        "ratings-MAX_NUM_FORMS": 1000,
    }
    for index, rating in enumerate(ratings):
        for name in ("order", "slug", "label", "colour", "description"):
            data[f"ratings-{index}-{name}"] = getattr(rating, name)
        data[f"ratings-{index}-value"] = "" if rating.value is None else rating.value
        data[f"ratings-{index}-id"] = rating.pk
        data[f"ratings-{index}-scale"] = scale.pk
        if rating.retired:
            data[f"ratings-{index}-retired"] = "on"
    data.update(changes)
    return data, ratings


def test_a_rating_in_use_cannot_be_deleted_only_retired(client, people, article, default_scale):
    claim_in(S.IN_REVIEW, people, article=article, quote=QUOTES[0])
    used = Rating.objects.get(scale=default_scale, slug="mostly-true")
    client.force_login(people["editor"])
    url = f"/admin/annotations/ratingscale/{default_scale.pk}/change/"
    data, ratings = _scale_form(default_scale)
    index = ratings.index(used)

    response = client.post(url, {**data, f"ratings-{index}-DELETE": "on"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "is used by 1 verdict, so it cannot be deleted" in page
    assert "Tick “retired” instead" in page
    assert Rating.objects.filter(pk=used.pk).exists()

    response = client.post(url, {**data, f"ratings-{index}-retired": "on"})
    assert response.status_code == 302
    used.refresh_from_db()
    assert used.retired


def test_a_rating_nobody_used_can_be_deleted(client, people, default_scale):
    unused = Rating.objects.get(scale=default_scale, slug="unverifiable")
    client.force_login(people["editor"])
    data, ratings = _scale_form(default_scale)
    index = ratings.index(unused)
    response = client.post(
        f"/admin/annotations/ratingscale/{default_scale.pk}/change/",
        {**data, f"ratings-{index}-DELETE": "on"},
    )
    assert response.status_code == 302
    assert not Rating.objects.filter(pk=unused.pk).exists()


def test_editors_see_people_and_roles_but_cannot_grant_superuser(client, people):
    client.force_login(people["editor"])
    page = client.get("/admin/auth/user/")
    assert page.status_code == 200
    assert "annie" in page.content.decode() and ANNOTATOR in page.content.decode()

    target = people["annotator"]
    response = client.post(
        f"/admin/auth/user/{target.pk}/change/",
        {"username": target.username, "is_superuser": "on", "is_staff": "on"},
    )
    assert response.status_code == 403
    target.refresh_from_db()
    assert not target.is_superuser


def test_even_with_change_rights_an_editor_cannot_make_a_superuser(client, people):
    from django.contrib.auth.models import Permission

    editor = people["editor"]
    editor.user_permissions.add(Permission.objects.get(codename="change_user"))
    client.force_login(editor)
    target = people["annotator"]
    page = client.get(f"/admin/auth/user/{target.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page
    assert 'name="groups"' not in page

    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    assert client.get(f"/admin/auth/user/{superuser.pk}/change/").status_code == 200
    response = client.post(
        f"/admin/auth/user/{superuser.pk}/change/", {"username": "renamed", "email": "x@y.z"}
    )
    assert response.status_code == 403


def test_assignee_autocomplete_offers_people_with_a_role(client, people):
    UserFactory(username="rolelessrita")
    client.force_login(people["editor"])
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "annotations", "model_name": "claim", "field_name": "assignee", "term": "r"},
    )
    names = {item["text"] for item in response.json()["results"]}
    assert "rita" in names and "arthur" not in names and "rolelessrita" not in names


def test_blind_reviews_still_sealed_stay_out_of_the_verdict_list(
    client, people, article, default_scale, other_reviewer
):
    default_scale.blind_review = True
    default_scale.save()
    claim = claim_in(S.IN_REVIEW, people, article=article, quote=QUOTES[0])
    from annotations.services import verdict_review

    verdict_review(
        claim=claim,
        actor=people["reviewer"],
        rating=Rating.objects.get(scale=default_scale, slug="false"),
        explanation="Sealed.",
    )
    client.force_login(people["editor"])
    listed = client.get("/admin/annotations/verdict/").context["cl"].result_count
    assert listed == 1  # the proposal only
    page = client.get(f"{CHANGELIST}{claim.pk}/change/").content.decode()
    assert "Sealed." not in page


# The dashboard.


def test_dashboard_shows_counts_waits_workload_and_recent_steps(client, people, article):
    claim_in(S.IN_REVIEW, people, article=article, quote=QUOTES[0])
    claim_in(S.APPROVED, people, article=article, quote=QUOTES[1])
    claim_in(S.CANDIDATE, people, article=article, quote=QUOTES[2])
    client.force_login(people["editor"])

    response = client.get("/admin/")

    page = response.content.decode()
    assert 'id="moderation-dashboard"' in page
    counts = {item.status: item.count for item in response.context["dashboard"].status_counts}
    assert counts == {
        S.CANDIDATE: 1,
        S.RESEARCHING: 0,
        S.IN_REVIEW: 1,
        S.APPROVED: 1,
        S.PUBLISHED: 0,
        S.DISMISSED: 0,
    }
    waiting = response.context["dashboard"].waiting
    assert [claim.quote for claim in waiting] == [QUOTES[0], QUOTES[1]]
    workload = {row.user.username: row for row in response.context["dashboard"].workload}
    assert workload["rita"].reviewed_recently == 1
    assert "annie" not in workload  # annotators hold no claims once submitted
    assert "Recent review steps" in page and "approve" in page.lower()


def test_dashboard_queries_do_not_grow_with_the_claims(client, people, article):
    client.force_login(people["editor"])
    claim_in(S.IN_REVIEW, people, article=article, quote=QUOTES[0])
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/")
    for quote in QUOTES[1:]:
        claim_in(S.IN_REVIEW, people, article=article, quote=quote)
    with CaptureQueriesContext(connection) as many:
        client.get("/admin/")
    assert len(many) == len(few)


# Fixed query counts on the lists, whatever the page size.


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("model", "admin_class"),
    [("claim", ClaimAdmin), ("article", ArticleAdmin), ("source", SourceAdmin)],
)
def test_changelists_run_a_fixed_number_of_queries_whatever_the_page_size(
    client, people, monkeypatch, django_assert_num_queries, model, admin_class
):
    many_claims(24, people)
    client.force_login(people["editor"])
    url = f"/admin/annotations/{model}/"
    client.get(url)  # warm the content types and the session

    monkeypatch.setattr(admin_class, "list_per_page", 5)
    small = _queries(client, url)
    monkeypatch.setattr(admin_class, "list_per_page", 20)
    large = _queries(client, url)

    assert small == large
    with django_assert_num_queries(LIST_QUERIES[model]):
        client.get(url)


def test_claim_list_with_every_filter_and_a_search(client, people):
    many_claims(6, people)
    client.force_login(people["editor"])
    rating = Rating.objects.get(scale__is_default=True, slug="false")
    url = (
        f"{CHANGELIST}?status__exact=candidate&verdict={rating.pk}"
        f"&assignee__id__exact={people['annotator'].pk}&publisher=Example+News&origin__exact=manual"
        f"&has_evidence=yes&updated_at__year={timezone.now().year}&q=council"
    )
    response = client.get(url)
    assert response.status_code == 200
    result = response.context["cl"].result_count
    expected = Claim.objects.filter(
        assignee=people["annotator"],
        verdicts__rating=rating,
        verdicts__is_final=True,
        evidence__isnull=False,
    ).distinct()
    assert result == expected.count() >= 1


def test_a_bulk_report_names_twenty_failures_and_counts_the_rest(rf):
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage

    from annotations.admin.base import NAMED_FAILURES, BulkOutcome

    request = rf.post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    outcome = BulkOutcome(done=["a"], skipped=[(f"claim {n}", "Stale.") for n in range(25)])
    outcome.report(request, verb="Approved", noun=("claim", "claims"))
    (message,) = [str(m) for m in get_messages(request)]
    assert message.startswith("Approved 1 claim; 25 failed and were left as they were:")
    assert message.count("<li>") == NAMED_FAILURES + 1
    assert "<strong>claim 19</strong>" in message and "claim 20<" not in message
    assert message.endswith("<li>and 5 more</li></ul>")
