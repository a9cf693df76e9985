"""Rating scales and ratings change only through their services, by editors."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from annotations.models import Rating, RatingScale
from annotations.services.ratings import rating_delete, rating_save, rating_scale_save
from tests.factories import VerdictFactory


def test_an_editor_creates_a_scale_and_its_ratings(editor):
    scale = rating_scale_save(scale=RatingScale(name="Desk scale", slug="desk"), actor=editor)
    rating = rating_save(
        rating=Rating(scale=scale, slug="wrong", label="Wrong", order=1, colour="#b91c1c"),
        actor=editor,
    )

    assert RatingScale.objects.filter(slug="desk").exists()
    assert list(scale.ratings.values_list("slug", flat=True)) == [rating.slug]


@pytest.mark.parametrize("role", ["annotator", "reviewer"])
def test_other_roles_may_not_change_the_vocabulary(request, role, default_scale):
    actor = request.getfixturevalue(role)
    rating = default_scale.ratings.first()
    label = rating.label

    with pytest.raises(PermissionDenied, match="editor role"):
        rating_scale_save(scale=RatingScale(name="Mine", slug="mine"), actor=actor)
    rating.label = "Renamed"
    with pytest.raises(PermissionDenied, match="editor role"):
        rating_save(rating=rating, actor=actor)
    with pytest.raises(PermissionDenied, match="editor role"):
        rating_delete(rating=rating, actor=actor)

    assert not RatingScale.objects.filter(slug="mine").exists()
    assert Rating.objects.get(pk=rating.pk).label == label


def test_a_rating_in_use_is_refused_deletion_and_kept(editor, default_scale):
    rating = default_scale.ratings.get(slug="false")
    VerdictFactory(rating=rating)

    with pytest.raises(ValidationError, match="used by 1 verdict"):
        rating_delete(rating=rating, actor=editor)

    assert Rating.objects.filter(pk=rating.pk).exists()


def test_a_bad_rating_is_refused_naming_the_field(editor, default_scale):
    with pytest.raises(ValidationError) as caught:
        rating_save(rating=Rating(scale=default_scale, slug="", label="No slug"), actor=editor)

    assert "slug" in caught.value.message_dict
    assert not Rating.objects.filter(label="No slug").exists()


def test_the_admin_saves_scales_and_ratings_through_the_services(client, editor, monkeypatch):
    calls = []
    from annotations.admin import ratings as admin_ratings

    for name in ("rating_scale_save", "rating_save"):
        original = getattr(admin_ratings, name)
        monkeypatch.setattr(
            admin_ratings,
            name,
            lambda *, _original=original, _name=name, **kwargs: (
                calls.append(_name),
                _original(**kwargs),
            )[1],
        )
    client.force_login(editor)

    response = client.post(
        "/admin/annotations/ratingscale/add/",
        {
            "name": "Desk scale",
            "slug": "desk",
            "best_rating": 5,
            "worst_rating": 1,
            "ratings-TOTAL_FORMS": 1,
            "ratings-INITIAL_FORMS": 0,
            "ratings-0-order": 1,
            "ratings-0-slug": "wrong",
            "ratings-0-label": "Wrong",
            "ratings-0-value": 1,
            "ratings-0-colour": "#b91c1c",
        },
    )

    assert response.status_code == 302, response.context["errors"] if response.context else ""
    assert calls == ["rating_scale_save", "rating_save"]
    assert RatingScale.objects.get(slug="desk").ratings.get().label == "Wrong"
